"""What each role may see of an incident: one output model per role.

Redaction is the choice of model, made here and nowhere else: a model lists exactly the
fields that may leave the server, and is filled from the stored incident field by field,
so a field added to the store later is not shown to anyone until it is added here.

* :class:`IncidentPublic`: what WHO's surveillance system publishes: country and first
  administrative level, date, type of attack and of facility, resources affected, killed
  and injured totals, certainty.
* :class:`IncidentPartner`: also the area to the district, code names (never other
  facility names), means, alleged perpetrators, each figure's range and the
  organisations that gave it; no person's name, no report text.
* :class:`IncidentFull` (analysts and admins): everything, with the quoted evidence, the
  sources by name, exact coordinates and the review history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..accounts import Role, User
from ..merge.totals import total_of_stored
from ..store.merged_reading import MergedSummary
from ..store.reviews import Review, ReviewState
from .access import view_level
from .places import (
    partner_coordinates,
    partner_place_correction,
    partner_place_name,
    public_area,
)

CASUALTY_TOTALS = ("killed", "injured")


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IncidentPublic(_Out):
    id: int
    incident_type: str
    types: list[str]
    date: dt.date | None
    date_precision: str | None
    country: str | None
    country_code: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    facility_types: list[str]
    killed: int | None
    injured: int | None
    certainty: str


class FacilityPartner(_Out):
    facility_type: str
    code_name: str | None
    count: int


class ActorPartner(_Out):
    name: str
    actor_type: str


class ClaimPartner(_Out):
    value: int | str
    count_max: int | None
    qualifier: str | None
    organisation: str | None
    publisher: str | None


class FigurePartner(_Out):
    field: str
    minimum: int
    maximum: int
    conservative: int
    corrected: int | None
    claims: list[ClaimPartner]


class IncidentPartner(IncidentPublic):
    place: str | None
    means: list[str]
    perpetrators: list[ActorPartner]
    attribution_contested: bool
    facilities: list[FacilityPartner]
    figures: list[FigurePartner]
    review_status: str
    reports: int


class Evidence(_Out):
    document_id: int
    start: int
    end: int
    text: str


class SourceFull(_Out):
    person: str | None
    organisation: str | None
    role: str | None


class ClaimFull(ClaimPartner):
    field: str
    source: SourceFull | None
    candidate_id: int
    evidence: Evidence | None


class FigureFull(FigurePartner):
    claims: list[ClaimFull]  # type: ignore[assignment]


class FacilityFull(FacilityPartner):
    name: str | None
    evidence: Evidence | None


class ReviewOut(_Out):
    id: int
    action: str
    field: str | None
    value: Any
    previous: Any
    decided_by: str
    decided_at: dt.datetime
    why: str | None


class IncidentFull(IncidentPartner):
    place_as_written: str | None
    place_precision: str | None
    facilities: list[FacilityFull]  # type: ignore[assignment]
    figures: list[FigureFull]  # type: ignore[assignment]
    claims: list[ClaimFull]
    certainty_reason: str
    merge_reasons: list[str]
    members: list[int]
    documents: list[int]
    corrections: dict[str, Any]
    history: list[ReviewOut]


IncidentView = IncidentPublic | IncidentPartner | IncidentFull


def incident_view(user: User, summary: MergedSummary, state: ReviewState) -> IncidentView:
    """The incident as ``user`` may see it."""
    level = view_level(user)
    if level is Role.PUBLIC:
        return _public(summary, state)
    if level is Role.PARTNER:
        return _partner(summary, state)
    return _full(summary, state)


def incident_views(
    user: User, summaries: Sequence[MergedSummary], states: dict[int, ReviewState]
) -> list[IncidentView]:
    return [incident_view(user, s, states.get(s.id, ReviewState())) for s in summaries]


def casualty_total(data: dict[str, Any], kind: str, state: ReviewState) -> int | None:
    """Killed (or injured) over every victim group, by :mod:`carewatch.merge.totals`: the
    corrected figure where an analyst gave one, else the conservative figure; None when no
    report gives one."""
    corrections = {k: r.value for k, r in state.corrections.items() if ":" in k}
    found = total_of_stored(data.get("figures") or [], kind, corrections)
    return found.conservative if found else None


# --- filling the models ------------------------------------------------------------------


def _public(summary: MergedSummary, state: ReviewState) -> IncidentPublic:
    return IncidentPublic(**_public_fields(summary, state))


def _public_fields(summary: MergedSummary, state: ReviewState) -> dict[str, Any]:
    data = summary.data
    place = data.get("place")
    admin1, lat, lon = public_area(place)
    corrected = {k: r.value for k, r in state.corrections.items()}
    date = corrected.get("date")
    return {
        "id": summary.id,
        "incident_type": corrected.get("incident_type", summary.incident_type),
        "types": list(data.get("types") or [summary.incident_type]),
        "date": dt.date.fromisoformat(date) if date else summary.date,
        "date_precision": "day" if date else summary.date_precision,
        "country": (place or {}).get("country"),
        "country_code": summary.country_code,
        "admin1": admin1,
        "latitude": lat,
        "longitude": lon,
        "facility_types": sorted({f["facility_type"] for f in data.get("facilities") or []}),
        "killed": casualty_total(data, "killed", state),
        "injured": casualty_total(data, "injured", state),
        "certainty": summary.certainty,
    }


def _partner_fields(summary: MergedSummary, state: ReviewState) -> dict[str, Any]:
    data = summary.data
    lat, lon = partner_coordinates(data.get("place"))
    corrected = {k: r.value for k, r in state.corrections.items()}
    fields = _public_fields(summary, state) | {"latitude": lat, "longitude": lon}
    return fields | {
        "place": (partner_place_correction(corrected["place"], data.get("place"))
                  if corrected.get("place") else partner_place_name(data.get("place"))),
        "means": [corrected["means"]] if "means" in corrected else list(data.get("means") or []),
        "perpetrators": _perpetrators(data, corrected),
        "attribution_contested": summary.attribution_contested,
        "review_status": state.status,
        "reports": len(data.get("documents") or []),
    }


def _partner(summary: MergedSummary, state: ReviewState) -> IncidentPartner:
    data = summary.data
    facilities = [
        FacilityPartner(facility_type=f["facility_type"], count=f.get("count") or 1,
                        code_name=f.get("name") if f.get("is_code_name") else None)
        for f in data.get("facilities") or []
    ]
    figures = [
        FigurePartner(**_figure_numbers(f, state), claims=[
            ClaimPartner(value=c["value"], count_max=c.get("count_max"),
                         qualifier=c.get("qualifier"), publisher=c.get("publisher"),
                         organisation=(c.get("source") or {}).get("organisation"))
            for c in f.get("claims") or []
        ])
        for f in data.get("figures") or []
    ]
    return IncidentPartner(**_partner_fields(summary, state), facilities=facilities,
                           figures=figures)


def _full(summary: MergedSummary, state: ReviewState) -> IncidentFull:
    data = summary.data
    place = data.get("place") or {}
    facilities = [
        FacilityFull(facility_type=f["facility_type"], count=f.get("count") or 1,
                     code_name=f.get("name") if f.get("is_code_name") else None,
                     name=f.get("name"), evidence=_evidence(f.get("span"), _first_doc(data)))
        for f in data.get("facilities") or []
    ]
    figures = [
        FigureFull(**_figure_numbers(f, state),
                   claims=[_claim_full(c) for c in f.get("claims") or []])
        for f in data.get("figures") or []
    ]
    return IncidentFull(
        **_partner_fields(summary, state) | {
            "latitude": place.get("latitude"), "longitude": place.get("longitude"),
            "place": state.corrections["place"].value if "place" in state.corrections
            else partner_place_name(place)},
        facilities=facilities,
        figures=figures,
        claims=[_claim_full(c) for c in data.get("claims") or []],
        place_as_written=place.get("name"),
        place_precision=place.get("precision"),
        certainty_reason=summary.certainty_reason,
        merge_reasons=list(data.get("merge_reasons") or []),
        members=list(data.get("members") or []),
        documents=list(data.get("documents") or []),
        corrections={k: r.value for k, r in state.corrections.items()},
        history=[_review_out(r) for r in state.history],
    )


def _figure_numbers(figure: dict[str, Any], state: ReviewState) -> dict[str, Any]:
    correction = state.corrections.get(figure["field"])
    return {
        "field": figure["field"],
        "minimum": figure["minimum"],
        "maximum": figure["maximum"],
        "conservative": figure["conservative"],
        "corrected": correction.value if correction else None,
    }


def _perpetrators(data: dict[str, Any], corrected: dict[str, Any]) -> list[ActorPartner]:
    if "perpetrator" in corrected:
        return [ActorPartner(name=corrected["perpetrator"], actor_type="as_corrected")]
    return [
        ActorPartner(name=a.get("normalised") or a["name"], actor_type=a["actor_type"])
        for a in data.get("perpetrators") or []
    ]


def _claim_full(claim: dict[str, Any]) -> ClaimFull:
    source = claim.get("source")
    return ClaimFull(
        field=claim["field"], value=claim["value"], count_max=claim.get("count_max"),
        qualifier=claim.get("qualifier"), publisher=claim.get("publisher"),
        organisation=(source or {}).get("organisation"),
        source=SourceFull(person=source.get("person"), organisation=source.get("organisation"),
                          role=source.get("role")) if source else None,
        candidate_id=claim["candidate_id"],
        evidence=_evidence(claim.get("span"), claim["document_id"]),
    )


def _first_doc(data: dict[str, Any]) -> int:
    documents = data.get("documents") or [0]
    return int(documents[0])


def _evidence(span: dict[str, Any] | None, document_id: int) -> Evidence | None:
    if not span:
        return None
    return Evidence(document_id=document_id, start=span["start"], end=span["end"],
                    text=span["text"])


def _review_out(review: Review) -> ReviewOut:
    return ReviewOut(id=review.id, action=review.action, field=review.field, value=review.value,
                     previous=review.previous, decided_by=review.decided_by,
                     decided_at=review.decided_at, why=review.why)
