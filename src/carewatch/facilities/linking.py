"""Link stored candidates' facility mentions to the registry and record their status changes.

Called once a document's candidate incidents are stored (:func:`record_facility_effects`),
or over everything stored (:func:`relink_all`, for databases filled before the registry).

* A named mention ("M10", "Al-Quds hospital") links to the registry entry of that name in
  the candidate's area (:func:`~.registry.find_facility`); with none, it proposes one.
  Mentions without a name ("a hospital") are not linked: nothing identifies the facility.
* An impact becomes status changes (:func:`~.status.status_changes_for`) of the facility it
  is about: the facility its ``target`` names; else, with no target, the candidate's named
  facilities when there are exactly as many as the impact counts ("the hospital was
  destroyed" in a candidate about M10), or when the candidates that carry this same
  impact (same words) together name exactly that many ("two hospitals ... knocked out of
  commission" where the report calls them M10 and M2). Otherwise it is left unrecorded.
* Each change is dated by the candidate's date, else the report's publication date.

Recording is idempotent: a candidate's earlier links and changes are replaced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..model import (
    CandidateIncident,
    DatePrecision,
    DateValue,
    FacilityMention,
    Impact,
    PlaceValue,
    to_jsonable,
)
from ..model_json import candidate_incident, from_jsonable
from ..store.tables import DocumentRow, ExtractionRow, IncidentRow
from ..store.tables_facilities import (
    PROPOSED,
    FacilityLinkRow,
    FacilityRow,
    FacilityStatusRow,
)
from .registry import facility_key, find_facility, propose_facility, session_scope
from .status import status_changes_for

if TYPE_CHECKING:
    from ..store import Database


@dataclass
class FacilityEffects:
    """What recording did: links made, entries proposed, status changes written."""

    links: int = 0
    linked_facilities: set[int] = field(default_factory=set)
    proposed_facilities: set[int] = field(default_factory=set)
    status_changes: list[int] = field(default_factory=list)
    untargeted_impacts: int = 0  # impacts that could not be tied to one registry entry
    undated_impacts: int = 0  # impacts of candidates with no date and no publication date
    removed_proposals: int = 0  # proposed entries no stored mention supports any more

    def add(self, other: FacilityEffects) -> None:
        self.links += other.links
        self.linked_facilities |= other.linked_facilities
        self.proposed_facilities |= other.proposed_facilities
        self.status_changes += other.status_changes
        self.untargeted_impacts += other.untargeted_impacts
        self.undated_impacts += other.undated_impacts


Linked = list[tuple[FacilityMention, int]]  # a candidate's named mentions and their entries


def record_facility_effects(
    target: Session | Database,
    document_id: int,
    candidates: Iterable[tuple[int, CandidateIncident]],
    published: dt.date | None = None,
) -> FacilityEffects:
    """Link one document's stored candidates (``(candidate id, candidate)`` pairs) to the
    registry, proposing entries for new facilities, and write their status changes.

    ``published`` dates the changes of candidates that carry no date of their own.
    With a Session the caller commits; with a Database it is one transaction.
    """
    pairs = list(candidates)
    effects = FacilityEffects()
    with session_scope(target) as session:
        ids = [candidate_id for candidate_id, _ in pairs]
        session.execute(delete(FacilityStatusRow).where(FacilityStatusRow.incident_id.in_(ids)))
        session.execute(delete(FacilityLinkRow).where(FacilityLinkRow.incident_id.in_(ids)))
        linked = {cid: _link(session, document_id, cid, c, effects) for cid, c in pairs}
        by_name: dict[str, set[int]] = {}
        by_impact: dict[tuple[Any, ...], set[int]] = {}
        for candidate_id, candidate in pairs:
            for mention, facility_id in linked[candidate_id]:
                by_name.setdefault(facility_key(mention.name or ""), set()).add(facility_id)
            for impact in candidate.impacts:
                by_impact.setdefault(_impact_key(impact), set()).update(
                    _typed(impact, linked[candidate_id])
                )
        for candidate_id, candidate in pairs:
            date = candidate.date or (
                DateValue(published, DatePrecision.DAY, basis="publication") if published else None
            )
            for impact in candidate.impacts:
                changes = status_changes_for(impact.effect, impact.item)
                if not changes:
                    continue
                targets = _targets(impact, linked[candidate_id], by_name, by_impact)
                if not targets:
                    effects.untargeted_impacts += 1
                    continue
                if date is None:
                    effects.undated_impacts += 1
                    continue
                for facility_id in targets:
                    for change in changes:
                        row = FacilityStatusRow(
                            facility_id=facility_id,
                            dimension=change.dimension,
                            item=change.item,
                            value=change.value,
                            date=date.date,
                            date_precision=date.precision.value,
                            incident_id=candidate_id,
                            document_id=document_id,
                            effect=impact.effect,
                            reported_item=impact.item,
                            evidence_start=impact.span.start if impact.span else None,
                            evidence_end=impact.span.end if impact.span else None,
                            evidence_text=impact.span.text if impact.span else None,
                            source=to_jsonable(impact.source) if impact.source else None,
                        )
                        session.add(row)
                        session.flush()
                        effects.status_changes.append(row.id)
    return effects


def record_stored_document(target: Session | Database, document_id: int) -> FacilityEffects:
    """:func:`record_facility_effects` for a stored document's candidates, read back from
    the database; what the ingest pipeline calls with only ``Stored.document_id`` in hand.

    Only the document's latest extraction counts, as in merging: what an earlier
    extraction of it recorded is removed, so a second extractor does not double it.
    """
    with session_scope(target) as session:
        document = session.get(DocumentRow, document_id)
        latest = session.scalars(
            select(ExtractionRow)
            .where(ExtractionRow.document_id == document_id)
            .order_by(ExtractionRow.id.desc())
            .limit(1)
        ).first()
        if document is None or latest is None:
            return FacilityEffects()
        earlier = select(IncidentRow.id).where(
            IncidentRow.document_id == document_id, IncidentRow.extraction_id != latest.id
        )
        session.execute(delete(FacilityStatusRow).where(FacilityStatusRow.incident_id.in_(earlier)))
        session.execute(delete(FacilityLinkRow).where(FacilityLinkRow.incident_id.in_(earlier)))
        rows = session.scalars(
            select(IncidentRow).where(IncidentRow.extraction_id == latest.id).order_by(IncidentRow.id)
        ).all()
        pairs = [(row.id, candidate_incident(row.data)) for row in rows]
        return record_facility_effects(session, document_id, pairs, document.published or latest.published)


def relink_all(target: Session | Database) -> FacilityEffects:
    """Rebuild every link and every reported status change from the stored candidates.

    Proposed entries that no stored mention supports any more are removed; confirmed
    entries (imported) are kept whatever links they have.
    """
    effects = FacilityEffects()
    with session_scope(target) as session:
        session.execute(delete(FacilityStatusRow).where(FacilityStatusRow.incident_id.is_not(None)))
        session.execute(delete(FacilityLinkRow))
        document_ids = session.scalars(
            select(IncidentRow.document_id).distinct().order_by(IncidentRow.document_id)
        ).all()
        for document_id in document_ids:
            effects.add(record_stored_document(session, document_id))
        linked = select(FacilityLinkRow.facility_id)
        orphans = session.scalars(
            select(FacilityRow).where(FacilityRow.status == PROPOSED, FacilityRow.id.not_in(linked))
        ).all()
        for orphan in orphans:
            session.delete(orphan)
        effects.removed_proposals = len(orphans)
    return effects


def _link(
    session: Session,
    document_id: int,
    candidate_id: int,
    candidate: CandidateIncident,
    effects: FacilityEffects,
) -> Linked:
    linked: Linked = []
    for mention in candidate.facilities:
        if not mention.name:
            continue
        row = find_facility(session, mention.name, candidate.place)
        proposed_here = row is None
        if row is None:
            row = propose_facility(
                session,
                mention.name,
                mention.facility_type,
                candidate.place,
                code_name=mention.is_code_name,
            )
            effects.proposed_facilities.add(row.id)
        session.add(
            FacilityLinkRow(
                facility_id=row.id,
                incident_id=candidate_id,
                document_id=document_id,
                mention=mention.span.text if mention.span else mention.name,
                span_start=mention.span.start if mention.span else None,
                span_end=mention.span.end if mention.span else None,
                proposed_here=proposed_here,
            )
        )
        effects.links += 1
        effects.linked_facilities.add(row.id)
        linked.append((mention, row.id))
    session.flush()
    return linked


def _impact_key(impact: Impact) -> tuple[Any, ...]:
    span = (impact.span.start, impact.span.end) if impact.span else None
    return (span, impact.effect, impact.item, impact.target, impact.facility_type)


def _typed(impact: Impact, linked: Linked) -> list[int]:
    """The candidate's linked entries an untargeted impact can be about, in order, once."""
    ids = [
        facility_id
        for mention, facility_id in linked
        if impact.facility_type is None or mention.facility_type == impact.facility_type
    ]
    return list(dict.fromkeys(ids))


def _targets(
    impact: Impact,
    linked: Linked,
    by_name: dict[str, set[int]],
    by_impact: dict[tuple[Any, ...], set[int]],
) -> list[int]:
    if impact.target:
        key = facility_key(impact.target)
        own = [fid for mention, fid in linked if facility_key(mention.name or "") == key]
        if own:
            return own[:1]
        named = by_name.get(key, set())
        return sorted(named) if len(named) == 1 else []
    own = _typed(impact, linked)
    count = max(impact.count, 1)
    if own and len(own) == count:
        return own
    if own and len(own) < count and len(by_impact.get(_impact_key(impact), set())) == count:
        return own
    return []


def place_from_data(data: dict[str, Any] | None) -> PlaceValue | None:
    """A stored place (``to_jsonable(place)``) as the model object; None for none.

    Kept here for :mod:`carewatch.situation`, which reads stored places through it.
    """
    return from_jsonable(PlaceValue, data) if data else None
