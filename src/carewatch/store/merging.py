"""Merged incidents in the database: one incident, many reports.

The candidate incidents (one per document and attack, in ``incidents``) and the analysts'
decisions (``merge_decisions``) are the facts; merged incidents, their members and the
claim ledger are derived from them by :mod:`carewatch.merge` and can be rebuilt at any
time. Only each document's latest extraction takes part: reading a document again with
another extractor replaces its candidates rather than adding a second copy of them.

>>> with Database("sqlite:///carewatch.db") as db:
...     stored, counts = store_and_merge(db, document, extraction)   # one transaction
...     merge_incidents(db, [3, 5], by="ana", why="same strike, two code names")
...     list_merged(db, limit=20)

Decisions name candidates by keys that outlive re-extraction (document hash, extractor,
ordinal and the offsets of the words that report the attack), so a merge or a split
still holds after the candidates are extracted again, by the same or another extractor.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from ..errors import CareWatchError, NotFoundError, StorageError
from ..facilities.linking import record_stored_document
from ..model import (
    HEALTH_CARE_TYPES,
    Candidate,
    CandidateIncident,
    Document,
    Extraction,
    MergedIncident,
    to_jsonable,
)
from .database import Database, _reason, _store
from .rows import Stored, StoredDocument, stored_document
from .tables import DocumentRow, ExtractionRow, IncidentRow, utc_now
from .tables_merge import ClaimRow, IncidentMemberRow, MergeDecisionRow, MergedIncidentRow

# Candidates further apart than this in time are never compared when a new document is
# merged in (the merge engine's own date window is narrower).
WINDOW_DAYS = 31

# The most days a date of each precision may stand for, after its first day.
_PERIOD_DAYS = {"day": 0, "week": 7, "month": 31, "year": 366}

DecisionKind = Literal["merge", "split"]
Pair = tuple[int, int]


class DecisionError(CareWatchError):
    """An analyst's merge or split cannot be carried out as asked."""


class MergeFailed(CareWatchError):
    """The merge engine failed on a document's candidates (a bug, reported per document)."""


@dataclass(frozen=True)
class MergeCounts:
    """How many merged incidents one step created, changed and removed."""

    created: int = 0
    updated: int = 0
    removed: int = 0

    def __add__(self, other: MergeCounts) -> MergeCounts:
        return MergeCounts(
            self.created + other.created, self.updated + other.updated, self.removed + other.removed
        )


@dataclass(frozen=True)
class MergedSummary:
    """A listing line: the copied columns, and ``data`` = ``to_jsonable(merged)``."""

    id: int
    incident_type: str
    is_health_care: bool
    date: dt.date | None
    date_precision: str | None
    place_name: str | None
    country_code: str | None
    certainty: str
    certainty_reason: str
    attribution_contested: bool
    updated_at: dt.datetime
    data: dict[str, Any]


@dataclass(frozen=True)
class Member:
    """A candidate incident in a merged incident, with its document's few columns."""

    candidate_id: int
    document_id: int
    extractor: str
    ordinal: int
    reason: str | None
    origin: str
    title: str | None
    published: dt.date | None
    source_name: str | None


@dataclass(frozen=True)
class MergedDetail:
    """A merged incident in full; its claims' spans index ``documents[claim.document_id]``."""

    incident: MergedSummary
    members: list[Member]
    documents: dict[int, StoredDocument]


@dataclass(frozen=True)
class Decision:
    id: int
    kind: str
    candidates: list[dict[str, Any]]
    decided_by: str
    decided_at: dt.datetime
    why: str | None


# --- storing a document and merging it in, in one transaction --------------------------


def store_and_merge(
    db: Database, document: Document, extraction: Extraction
) -> tuple[Stored, MergeCounts]:
    """:meth:`Database.store` and :func:`refresh` of the document, in one transaction.

    A killed run never leaves a document stored without its merge. A failure of the merge
    engine raises :class:`MergeFailed` and stores nothing of the document.
    """
    try:
        with Session(db.engine) as session, session.begin():
            stored = _store(session, document, extraction)
            session.flush()
            merged = refresh(session, [stored.document_id])
            # Facility links and status changes join the same transaction.
            record_stored_document(session, stored.document_id)
            return stored, merged
    except IntegrityError as exc:
        # Another process stored the same document between our look-up and insert.
        existing = db.find_document(document.sha256)
        if existing is None:
            raise StorageError(f"could not store {document.origin}: {_reason(exc)}") from exc
        return Stored(existing, created=False), MergeCounts()
    except SQLAlchemyError as exc:
        raise StorageError(f"could not store {document.origin}: {_reason(exc)}") from exc


def refresh(session: Session, document_ids: Collection[int]) -> MergeCounts:
    """Merge the documents' current candidates into the merged incidents around them.

    Only the neighbourhood is merged again: the documents' candidates, the candidates in
    the same country within :data:`WINDOW_DAYS`, every member of the merged incidents
    these belong to, and whatever an analyst's decision ties to them. Candidates of an
    earlier extraction of the documents leave their merged incidents.
    """
    ids = set(document_ids)
    # Merged incidents holding an earlier reading of the documents are rebuilt without it.
    affected_merged = set(
        session.scalars(
            select(IncidentMemberRow.merged_id)
            .join(IncidentRow, IncidentRow.id == IncidentMemberRow.candidate_id)
            .where(IncidentRow.document_id.in_(ids), ~_is_current())
        )
    )
    new = load_candidates(session, IncidentRow.document_id.in_(ids))
    wanted = {c.candidate_id for c in new} | _window(session, new)
    must, cannot = _decision_pairs(session)
    wanted, affected_merged = _close(session, wanted, affected_merged, must)
    candidates = load_candidates(session, IncidentRow.id.in_(wanted)) if wanted else []
    merged = _run_engine(candidates, _within(must, wanted), _within(cannot, wanted))
    counts = _replace(session, affected_merged, merged)
    return counts + _remove_empty(session)


def rebuild(db: Database) -> MergeCounts:
    """Merge every current candidate again, honouring every decision (one transaction).

    Run after a decision, or when extraction was run again; merged incidents keep their
    ids where their members mostly stay together.
    """
    try:
        with Session(db.engine) as session, session.begin():
            return rebuild_in(session)
    except SQLAlchemyError as exc:
        raise StorageError(f"could not rebuild merged incidents: {_reason(exc)}") from exc


def rebuild_in(session: Session) -> MergeCounts:
    """:func:`rebuild` inside the caller's transaction."""
    candidates = load_candidates(session)
    must, cannot = _decision_pairs(session)
    merged = _run_engine(candidates, must, cannot)
    existing = set(session.scalars(select(MergedIncidentRow.id)))
    return _replace(session, existing, merged)


# --- loading candidates -------------------------------------------------------------------


def _is_current() -> ColumnElement[bool]:
    """The candidate belongs to its document's latest extraction."""
    latest = select(func.max(ExtractionRow.id)).group_by(ExtractionRow.document_id)
    return IncidentRow.extraction_id.in_(latest)


def load_candidates(session: Session, *where: ColumnElement[bool]) -> list[Candidate]:
    """The current candidates (``where`` narrows them) as :class:`~carewatch.model.Candidate`,
    with their document's publication date and publisher, in the order they were stored."""
    query = (
        select(
            IncidentRow.id,
            IncidentRow.document_id,
            IncidentRow.data,
            DocumentRow.published,
            DocumentRow.source_name,
        )
        .join(DocumentRow, DocumentRow.id == IncidentRow.document_id)
        .where(_is_current(), *where)
        .order_by(IncidentRow.id)
    )
    return [
        Candidate(
            candidate_id=row.id,
            document_id=row.document_id,
            incident=candidate_incident(row.data),
            published=row.published,
            publisher=row.source_name,
        )
        for row in session.execute(query)
    ]


def _window(session: Session, new: Sequence[Candidate]) -> set[int]:
    """Current candidates that may be the same incident as one of ``new``.

    Those in the same country (or an unknown one) dated within :data:`WINDOW_DAYS`, or in
    a week, month or year that may hold the date, and the undated ones of the country. An
    undated candidate that names a facility is compared with the country's candidates of
    the year around its report's publication (the merge rules need a common place and a
    facility name to join it to anything); other undated ones only with their own
    document's candidates.
    """
    conditions: list[ColumnElement[bool]] = []
    window, year = dt.timedelta(days=WINDOW_DAYS), dt.timedelta(days=366)
    for candidate in new:
        incident = candidate.incident
        country = incident.place.country_code if incident.place else None
        if incident.date is None:
            if country and any(f.name for f in incident.facilities):
                condition = IncidentRow.country_code == country
                if candidate.published is not None:
                    condition = and_(
                        condition,
                        or_(
                            IncidentRow.date.is_(None),
                            IncidentRow.date.between(
                                candidate.published - year, candidate.published + window
                            ),
                        ),
                    )
                conditions.append(condition)
            continue
        # A date is the first day of its period; a year-long period may end a year on.
        first = incident.date.date
        length = dt.timedelta(days=_PERIOD_DAYS.get(incident.date.precision.value, 366))
        dated: ColumnElement[bool] = or_(
            IncidentRow.date.between(first - window, first + length + window),
            and_(
                IncidentRow.date_precision != "day",
                IncidentRow.date.between(first - year - window, first + window),
            ),
        )
        if country:
            conditions.append(
                or_(
                    and_(
                        dated,
                        or_(IncidentRow.country_code == country, IncidentRow.country_code.is_(None)),
                    ),
                    and_(IncidentRow.date.is_(None), IncidentRow.country_code == country),
                )
            )
        else:
            conditions.append(dated)
    if not conditions:
        return set()
    query = select(IncidentRow.id).where(_is_current(), or_(*conditions))
    return set(session.scalars(query))


def _close(
    session: Session, wanted: set[int], merged_ids: set[int], must: Iterable[Pair]
) -> tuple[set[int], set[int]]:
    """Grow ``wanted`` to whole merged incidents and to what decisions link to it."""
    must = list(must)
    while True:
        merged_ids |= set(
            session.scalars(
                select(IncidentMemberRow.merged_id).where(IncidentMemberRow.candidate_id.in_(wanted))
            )
        )
        grown = set(wanted)
        if merged_ids:
            grown |= set(
                session.scalars(
                    select(IncidentMemberRow.candidate_id).where(
                        IncidentMemberRow.merged_id.in_(merged_ids)
                    )
                )
            )
        for a, b in must:
            if a in grown or b in grown:
                grown |= {a, b}
        if grown == wanted:
            return wanted, merged_ids
        wanted = grown


def _within(pairs: Iterable[Pair], ids: Collection[int]) -> list[Pair]:
    return [(a, b) for a, b in pairs if a in ids and b in ids]


def _run_engine(
    candidates: Sequence[Candidate], must: Sequence[Pair], cannot: Sequence[Pair]
) -> list[MergedIncident]:
    from ..merge import merge_all

    try:
        return merge_all(candidates, must_link=must, cannot_link=cannot)
    except Exception as exc:
        raise MergeFailed(f"merging failed: {type(exc).__name__}: {exc}") from exc


# --- writing merged incidents ------------------------------------------------------------


def _replace(
    session: Session, old_ids: Collection[int], merged: Sequence[MergedIncident]
) -> MergeCounts:
    """Replace the merged incidents ``old_ids`` by ``merged``, keeping ids where they can.

    Each new incident takes the id of the old one it shares most members with (each old
    id once), so that an analyst's ids mostly survive a rebuild.
    """
    old_ids = set(old_ids)
    every_member = [c for m in merged for c in m.members]
    # Members are matched by their place in their document (document, ordinal), so that a
    # document read again by another extractor keeps its incidents' ids.
    old_member = {
        (document, ordinal): merged_id
        for document, ordinal, merged_id in session.execute(
            select(IncidentRow.document_id, IncidentRow.ordinal, IncidentMemberRow.merged_id)
            .join(IncidentRow, IncidentRow.id == IncidentMemberRow.candidate_id)
            .where(IncidentMemberRow.merged_id.in_(old_ids))
        )
    }
    slot_of = {
        candidate: (document, ordinal)
        for candidate, document, ordinal in session.execute(
            select(IncidentRow.id, IncidentRow.document_id, IncidentRow.ordinal).where(
                IncidentRow.id.in_(every_member)
            )
        )
    }
    old_data: dict[int, Any] = {
        merged_id: data
        for merged_id, data in session.execute(
            select(MergedIncidentRow.id, MergedIncidentRow.data).where(
                MergedIncidentRow.id.in_(old_ids)
            )
        )
    }
    assigned = _assign_ids([[slot_of[c] for c in m.members] for m in merged], old_member)
    session.execute(delete(ClaimRow).where(ClaimRow.merged_id.in_(old_ids)))
    session.execute(
        delete(IncidentMemberRow).where(
            or_(
                IncidentMemberRow.merged_id.in_(old_ids),
                IncidentMemberRow.candidate_id.in_(every_member),
            )
        )
    )
    created = updated = 0
    for index, incident in enumerate(merged):
        incident.id = assigned.get(index)
        if incident.id is None:
            row = MergedIncidentRow(**_columns(incident), data={})
            session.add(row)
            session.flush()
            incident.id = row.id
            row.data = to_jsonable(incident)
            created += 1
        else:
            data = to_jsonable(incident)
            if data != old_data.get(incident.id):
                session.execute(
                    update(MergedIncidentRow)
                    .where(MergedIncidentRow.id == incident.id)
                    .values(**_columns(incident), data=data, updated_at=utc_now())
                )
                updated += 1
    session.flush()
    _insert_members_and_claims(session, merged)
    unused = old_ids - set(assigned.values())
    if unused:
        session.execute(delete(MergedIncidentRow).where(MergedIncidentRow.id.in_(unused)))
    return MergeCounts(created, updated, len(unused))


def _assign_ids(
    slots: Sequence[Sequence[tuple[int, int]]], old_member: dict[tuple[int, int], int]
) -> dict[int, int]:
    """For each new incident (by index), the old id it takes: the one it shares most
    members with, each old id once, the larger overlaps first."""
    overlaps = []
    for index, members in enumerate(slots):
        shared = Counter(old_member[slot] for slot in members if slot in old_member)
        overlaps += [(-count, old_id, index) for old_id, count in shared.items()]
    assigned: dict[int, int] = {}
    taken: set[int] = set()
    for _, old_id, index in sorted(overlaps):
        if index not in assigned and old_id not in taken:
            assigned[index] = old_id
            taken.add(old_id)
    return assigned


def _columns(incident: MergedIncident) -> dict[str, Any]:
    place = incident.place
    return {
        "incident_type": incident.incident_type.value,
        "is_health_care": incident.incident_type in HEALTH_CARE_TYPES,
        "date": incident.date.date if incident.date else None,
        "date_precision": incident.date.precision.value if incident.date else None,
        "place_name": (place.resolved or place.name) if place else None,
        "country_code": place.country_code if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "certainty": incident.certainty.value,
        "certainty_reason": incident.certainty_reason,
        "attribution_contested": incident.attribution_contested,
    }


def _insert_members_and_claims(session: Session, merged: Sequence[MergedIncident]) -> None:
    members = [
        {"candidate_id": c, "merged_id": m.id, "reason": _member_reason(m, position)}
        for m in merged
        for position, c in enumerate(m.members)
    ]
    claims = [
        {
            "merged_id": m.id,
            "field": claim.field,
            "value": str(claim.value),
            "count": claim.value if isinstance(claim.value, int) else None,
            "count_max": claim.count_max,
            "qualifier": claim.qualifier,
            "speaker": claim.speaker(),
            "document_id": claim.document_id,
            "candidate_id": claim.candidate_id,
            "span_start": claim.span.start if claim.span else None,
            "span_end": claim.span.end if claim.span else None,
        }
        for m in merged
        for claim in m.claims
    ]
    if members:
        session.execute(insert(IncidentMemberRow), members)
    if claims:
        session.execute(insert(ClaimRow), claims)


def _member_reason(incident: MergedIncident, position: int) -> str | None:
    """Why the candidate is in the incident: the engine's line about it (``candidate 7
    (document 3) joined: same facility ...``), without the candidate's own name."""
    candidate = incident.members[position]
    prefix = f"candidate {candidate} ("
    for reason in incident.merge_reasons:
        if reason.startswith(prefix):
            _, _, said = reason.partition(")")
            return said.lstrip(" :") or None
    return None


def _remove_empty(session: Session) -> MergeCounts:
    """Drop merged incidents left without members (their candidates were deleted)."""
    has_members = select(IncidentMemberRow.id).where(
        IncidentMemberRow.merged_id == MergedIncidentRow.id
    )
    removed = session.execute(
        delete(MergedIncidentRow).where(~has_members.exists())
    ).rowcount  # type: ignore[attr-defined]
    return MergeCounts(removed=removed or 0)


# --- analysts' decisions ----------------------------------------------------------------


def merge_incidents(
    db: Database, merged_ids: Sequence[int], *, by: str, why: str | None = None
) -> tuple[Decision, int]:
    """Record that the merged incidents are one, rebuild, and return the decision and the
    id of the incident they became."""
    if len(set(merged_ids)) < 2:
        raise DecisionError("name at least two different incidents to merge")
    with Session(db.engine) as session, session.begin():
        candidates = [c for merged_id in merged_ids for c in _members_of(session, merged_id)]
        decision = _record(session, "merge", candidates, by=by, why=why)
        rebuild_in(session)
        return decision, _merged_id_of(session, candidates[0])


def split_candidate(
    db: Database, merged_id: int, candidate_id: int, *, by: str, why: str | None = None
) -> tuple[Decision, int]:
    """Record that candidate ``candidate_id`` is not the same incident as the other members
    of ``merged_id``, rebuild, and return the decision and the candidate's new incident."""
    with Session(db.engine) as session, session.begin():
        members = _members_of(session, merged_id)
        if candidate_id not in members:
            listed = ", ".join(map(str, members))
            raise DecisionError(
                f"candidate {candidate_id} is not part of incident {merged_id} "
                f"(its candidates: {listed})"
            )
        others = [c for c in members if c != candidate_id]
        if not others:
            raise DecisionError(f"incident {merged_id} has only candidate {candidate_id}")
        decision = _record(session, "split", [candidate_id, *others], by=by, why=why)
        rebuild_in(session)
        return decision, _merged_id_of(session, candidate_id)


def list_decisions(db: Database) -> list[Decision]:
    with Session(db.engine) as session:
        rows = session.scalars(select(MergeDecisionRow).order_by(MergeDecisionRow.id))
        return [_decision(row) for row in rows]


def _members_of(session: Session, merged_id: int) -> list[int]:
    if session.get(MergedIncidentRow, merged_id) is None:
        raise NotFoundError(f"no incident with id {merged_id}")
    query = (
        select(IncidentMemberRow.candidate_id)
        .where(IncidentMemberRow.merged_id == merged_id)
        .order_by(IncidentMemberRow.candidate_id)
    )
    return list(session.scalars(query))


def _merged_id_of(session: Session, candidate_id: int) -> int:
    merged = session.scalar(
        select(IncidentMemberRow.merged_id).where(IncidentMemberRow.candidate_id == candidate_id)
    )
    if merged is None:  # the engine dropped it: not expected, but say so plainly
        raise DecisionError(f"candidate {candidate_id} is in no merged incident after rebuilding")
    return merged


def _record(
    session: Session, kind: DecisionKind, candidate_ids: Sequence[int], *, by: str, why: str | None
) -> Decision:
    keys = _keys(session, candidate_ids)
    row = MergeDecisionRow(kind=kind, candidates=keys, decided_by=by, why=why)
    session.add(row)
    session.flush()
    return _decision(row)


def _decision(row: MergeDecisionRow) -> Decision:
    return Decision(row.id, row.kind, list(row.candidates), row.decided_by, row.decided_at, row.why)


def _keys(session: Session, candidate_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Keys for the candidates that survive re-extraction, in the order given."""
    query = (
        select(IncidentRow.id, IncidentRow.ordinal, IncidentRow.data, ExtractionRow.extractor)
        .add_columns(DocumentRow.sha256)
        .join(ExtractionRow, ExtractionRow.id == IncidentRow.extraction_id)
        .join(DocumentRow, DocumentRow.id == IncidentRow.document_id)
        .where(IncidentRow.id.in_(candidate_ids))
    )
    found = {row.id: row for row in session.execute(query)}
    keys = []
    for candidate_id in candidate_ids:
        row = found[candidate_id]
        span = row.data.get("span") or {}
        keys.append(
            {
                "sha256": row.sha256,
                "extractor": row.extractor,
                "ordinal": row.ordinal,
                "start": span.get("start"),
                "end": span.get("end"),
            }
        )
    return keys


def _decision_pairs(session: Session) -> tuple[list[Pair], list[Pair]]:
    """Every decision as must-link and cannot-link pairs of current candidate ids.

    Decisions are applied in the order they were made, so a later decision about a pair
    overrides an earlier one (merge back what was split, and the split is undone).
    """
    decisions = list(session.scalars(select(MergeDecisionRow).order_by(MergeDecisionRow.id)))
    if not decisions:
        return [], []
    hashes = {key["sha256"] for d in decisions for key in d.candidates}
    current = _current_by_document(session, hashes)
    verdict: dict[Pair, str] = {}
    for decision in decisions:
        ids = [_resolve(key, current.get(key["sha256"], [])) for key in decision.candidates]
        if decision.kind == "merge":
            found = [i for i in dict.fromkeys(ids) if i is not None]
            pairs = [(a, b) for n, a in enumerate(found) for b in found[n + 1 :]]
        else:
            subject, others = ids[0], ids[1:]
            pairs = [(subject, o) for o in others if subject is not None and o is not None]
        for a, b in pairs:
            if a != b:
                verdict[(min(a, b), max(a, b))] = decision.kind
    must = [pair for pair, kind in verdict.items() if kind == "merge"]
    cannot = [pair for pair, kind in verdict.items() if kind == "split"]
    return must, cannot


@dataclass(frozen=True)
class _Current:
    id: int
    ordinal: int
    extractor: str
    start: int | None
    end: int | None


def _current_by_document(session: Session, hashes: Collection[str]) -> dict[str, list[_Current]]:
    query = (
        select(IncidentRow.id, IncidentRow.ordinal, IncidentRow.data, ExtractionRow.extractor)
        .add_columns(DocumentRow.sha256)
        .join(ExtractionRow, ExtractionRow.id == IncidentRow.extraction_id)
        .join(DocumentRow, DocumentRow.id == IncidentRow.document_id)
        .where(DocumentRow.sha256.in_(hashes), _is_current())
    )
    found: dict[str, list[_Current]] = {}
    for row in session.execute(query):
        span = row.data.get("span") or {}
        found.setdefault(row.sha256, []).append(
            _Current(row.id, row.ordinal, row.extractor, span.get("start"), span.get("end"))
        )
    return found


def _resolve(key: dict[str, Any], current: Sequence[_Current]) -> int | None:
    """The current candidate a decision's key names, if it still exists.

    The same extractor's candidate at the same ordinal; else (another extractor read the
    document) the candidate whose reporting words overlap the key's most; else, when the
    key has no offsets, the one at the same ordinal.
    """
    for candidate in current:
        if candidate.extractor == key["extractor"] and candidate.ordinal == key["ordinal"]:
            return candidate.id
    start, end = key.get("start"), key.get("end")
    if start is not None and end is not None:
        best, best_overlap = None, 0
        for candidate in current:
            if candidate.start is None or candidate.end is None:
                continue
            overlap = min(end, candidate.end) - max(start, candidate.start)
            if overlap > best_overlap or (
                overlap == best_overlap and best is not None and overlap > 0
                and abs(candidate.ordinal - key["ordinal"]) < abs(best.ordinal - key["ordinal"])
            ):
                best, best_overlap = candidate, overlap
        return best.id if best is not None and best_overlap > 0 else None
    return next((c.id for c in current if c.ordinal == key["ordinal"]), None)


# --- reading merged incidents -------------------------------------------------------------


def list_merged(
    db: Database, *, limit: int = 50, offset: int = 0, health_care_only: bool = False
) -> list[MergedSummary]:
    """Merged incidents by date (undated last), then id, in one query."""
    query = (
        select(MergedIncidentRow)
        .order_by(MergedIncidentRow.date.is_(None), MergedIncidentRow.date, MergedIncidentRow.id)
        .limit(limit)
        .offset(offset)
    )
    if health_care_only:
        query = query.where(MergedIncidentRow.is_health_care.is_(True))
    with Session(db.engine) as session:
        return [_summary(row) for row in session.scalars(query)]


def count_merged(db: Database, *, health_care_only: bool = False) -> int:
    query = select(func.count()).select_from(MergedIncidentRow)
    if health_care_only:
        query = query.where(MergedIncidentRow.is_health_care.is_(True))
    with Session(db.engine) as session:
        return int(session.scalar(query) or 0)


def get_merged(db: Database, merged_id: int) -> MergedDetail:
    """One merged incident with its members and their documents' text; NotFoundError if
    absent."""
    with Session(db.engine) as session:
        row = session.get(MergedIncidentRow, merged_id)
        if row is None:
            raise NotFoundError(f"no incident with id {merged_id}")
        query = (
            select(
                IncidentMemberRow.candidate_id,
                IncidentMemberRow.reason,
                IncidentRow.document_id,
                IncidentRow.ordinal,
                ExtractionRow.extractor,
            )
            .join(IncidentRow, IncidentRow.id == IncidentMemberRow.candidate_id)
            .join(ExtractionRow, ExtractionRow.id == IncidentRow.extraction_id)
            .where(IncidentMemberRow.merged_id == merged_id)
            .order_by(IncidentMemberRow.candidate_id)
        )
        found = session.execute(query).all()
        document_ids = {m.document_id for m in found} | set(row.data.get("documents") or [])
        documents = {
            d.id: stored_document(d)
            for d in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(document_ids)))
        }
        members = [
            Member(
                candidate_id=m.candidate_id,
                document_id=m.document_id,
                extractor=m.extractor,
                ordinal=m.ordinal,
                reason=m.reason,
                origin=documents[m.document_id].origin,
                title=documents[m.document_id].title,
                published=documents[m.document_id].published,
                source_name=documents[m.document_id].source_name,
            )
            for m in found
        ]
        return MergedDetail(_summary(row), members, documents)


def merged_id_of(db: Database, candidate_id: int) -> int | None:
    """The merged incident a candidate belongs to, if any."""
    with Session(db.engine) as session:
        return session.scalar(
            select(IncidentMemberRow.merged_id).where(IncidentMemberRow.candidate_id == candidate_id)
        )


def _summary(row: MergedIncidentRow) -> MergedSummary:
    return MergedSummary(
        id=row.id,
        incident_type=row.incident_type,
        is_health_care=row.is_health_care,
        date=row.date,
        date_precision=row.date_precision,
        place_name=row.place_name,
        country_code=row.country_code,
        certainty=row.certainty,
        certainty_reason=row.certainty_reason,
        attribution_contested=row.attribution_contested,
        updated_at=row.updated_at,
        data=row.data,
    )


# --- JSON back to the model ----------------------------------------------------------------


def candidate_incident(data: dict[str, Any]) -> CandidateIncident:
    """A stored candidate's ``data`` (``to_jsonable(candidate)``) as the model object."""
    return from_jsonable(CandidateIncident, data)


T = typing.TypeVar("T")


def from_jsonable(cls: type[T], data: dict[str, Any]) -> T:
    """The inverse of :func:`~carewatch.model.to_jsonable` for a model dataclass.

    Keys the class does not know (written by a newer CareWatch) are ignored.
    """
    hints = _hints(cls)
    values = {
        f.name: _decode(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.init and f.name in data
    }
    return cls(**values)


def _hints(cls: type) -> dict[str, Any]:
    cached = _HINTS.get(cls)
    if cached is None:
        cached = _HINTS[cls] = typing.get_type_hints(cls)
    return cached


_HINTS: dict[type, dict[str, Any]] = {}


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return _decode(options[0], value)
        return value  # e.g. int | str: JSON kept the type
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_decode(item, v) for v in value]
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return from_jsonable(hint, value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    if hint is dt.datetime:
        return dt.datetime.fromisoformat(value)
    return value


__all__ = [
    "WINDOW_DAYS",
    "Decision",
    "DecisionError",
    "Member",
    "MergeCounts",
    "MergeFailed",
    "MergedDetail",
    "MergedSummary",
    "candidate_incident",
    "count_merged",
    "from_jsonable",
    "get_merged",
    "list_decisions",
    "list_merged",
    "load_candidates",
    "merge_incidents",
    "merged_id_of",
    "rebuild",
    "rebuild_in",
    "refresh",
    "split_candidate",
    "store_and_merge",
]
