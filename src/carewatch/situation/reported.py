"""Figures the reports give about the area ("six functioning hospitals"), the latest of
each, set beside the registry's figure for the same thing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..facilities.area import Area
from ..facilities.linking import place_from_data
from ..model import Span
from ..store.tables import DocumentRow, ExtractionRow
from .counts import functioning, traced, with_service
from .picture import ReportedFact, SituationPicture

if TYPE_CHECKING:
    from ..facilities.registry import FacilityRecord
    from ..facilities.status import FacilityState

HEDGED_TOLERANCE = 0.10  # how far "approximately N" may be from our figure and agree
COMPARED_KINDS = ("functioning_facilities", "facilities_with_service", "population_served")


def facts_in(session: Session, area: Area, on: dt.date) -> list[ReportedFact]:
    query = select(ExtractionRow, DocumentRow.published).join(
        DocumentRow, ExtractionRow.document_id == DocumentRow.id
    )
    facts = []
    for extraction, published in session.execute(query.order_by(ExtractionRow.id)):
        for data in extraction.situation or []:
            if not area.contains_place(place_from_data(data.get("place"))):
                continue
            reported_on = published or extraction.published
            if reported_on is None and data.get("date"):
                reported_on = dt.date.fromisoformat(data["date"]["date"])
            if reported_on is not None and reported_on > on:
                continue
            span = data.get("span")
            facts.append(
                ReportedFact(
                    kind=data["kind"],
                    reported=data.get("value"),
                    qualifier=data.get("qualifier"),
                    subject=data.get("subject"),
                    service=data.get("service"),
                    items=list(data.get("items") or []),
                    reported_on=reported_on,
                    document_id=extraction.document_id,
                    evidence=Span(span["start"], span["end"], span.get("text", ""))
                    if span
                    else None,
                    source=data.get("source"),
                )
            )
    return facts


def latest_reports(facts: list[ReportedFact], on: dt.date) -> list[ReportedFact]:
    """Per kind, subject and service, the fact reported most recently on or before ``on``."""
    latest: dict[tuple[str, str | None, str | None], ReportedFact] = {}
    for fact in facts:
        if fact.kind not in COMPARED_KINDS:
            continue
        key = (fact.kind, fact.subject, fact.service)
        current = latest.get(key)
        when = (fact.reported_on or dt.date.min, fact.document_id)
        if current is None or when >= (current.reported_on or dt.date.min, current.document_id):
            latest[key] = fact
    return list(latest.values())


def compare(
    fact: ReportedFact,
    picture: SituationPicture,
    facilities: list[FacilityRecord],
    states: dict[int, FacilityState],
) -> ReportedFact:
    if fact.kind == "functioning_facilities":
        computed = traced(functioning(facilities, states, fact.subject), states)
    elif fact.kind == "facilities_with_service" and fact.service:
        computed = with_service(facilities, states, fact.subject, fact.service)
    else:
        computed = picture.population_served
    disagrees = None
    if fact.reported is not None and computed.value is not None:
        tolerance = HEDGED_TOLERANCE * fact.reported if fact.qualifier else 0
        disagrees = abs(float(computed.value) - fact.reported) > tolerance
    return dataclasses.replace(fact, computed=computed, disagrees=disagrees)
