"""Merged incidents in the database: one incident, many reports (the writing side).

The candidate incidents (one per document and attack, in ``incidents``) and the analysts'
decisions (``merge_decisions``) are the facts; merged incidents, their members and the
claim ledger are derived from them by :mod:`carewatch.merge` and can be rebuilt at any
time. Every change to them goes through here: storing a document and merging it in,
rebuilding, and an analyst's merge or split.

>>> with Database("sqlite:///carewatch.db") as db:
...     stored, counts = store_and_merge(db, document, extraction)   # one transaction
...     merge_incidents(db, [3, 5], by="ana", why="same strike, two code names")

Around it: :mod:`.candidates` (which candidates take part), :mod:`.decisions` (decisions
and the candidates they name now), :mod:`.merged_writing` (the rows written) and
:mod:`.merged_reading` (listing and fetching merged incidents).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ..errors import CareWatchError, NotFoundError, StorageError
from ..facilities.linking import record_stored_document
from ..model import Candidate, Document, Extraction, MergedIncident
from .candidates import candidates_near, is_current, load_candidates
from .database import Database, error_reason, store_document
from .decisions import Decision, DecisionError, Pair, decision_pairs, record_decision
from .merged_writing import MergeCounts, remove_empty, replace_merged
from .rows import Stored
from .tables import IncidentRow
from .tables_merge import IncidentMemberRow, MergedIncidentRow


class MergeFailed(CareWatchError):
    """The merge engine failed on a document's candidates (a bug, reported per document)."""


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
            stored = store_document(session, document, extraction)
            session.flush()
            merged = refresh(session, [stored.document_id])
            # Facility links and status changes join the same transaction.
            record_stored_document(session, stored.document_id)
            return stored, merged
    except SQLAlchemyError as exc:
        # Another process may have stored the same document first: nothing to merge then.
        return db.recover_from_store_error(document, exc), MergeCounts()


def refresh(
    session: Session,
    document_ids: Collection[int],
    earlier: Mapping[tuple[int, int], int] | None = None,
) -> MergeCounts:
    """Merge the documents' current candidates into the merged incidents around them.

    Only the neighbourhood is merged again: the documents' candidates, the candidates in
    the same country within :data:`WINDOW_DAYS`, every member of the merged incidents
    these belong to, and whatever an analyst's decision ties to them. Candidates of an
    earlier extraction of the documents leave their merged incidents. ``earlier`` names
    the merged incident of each (document, ordinal) of a reading already deleted
    (:mod:`.rereading`): those incidents are merged again too, and keep their ids.
    """
    ids = set(document_ids)
    # Merged incidents holding an earlier reading of the documents are rebuilt without it.
    affected_merged = set(
        session.scalars(
            select(IncidentMemberRow.merged_id)
            .join(IncidentRow, IncidentRow.id == IncidentMemberRow.candidate_id)
            .where(IncidentRow.document_id.in_(ids), ~is_current())
        )
    )
    affected_merged |= set((earlier or {}).values())
    new = load_candidates(session, IncidentRow.document_id.in_(ids))
    wanted = {c.candidate_id for c in new} | candidates_near(session, new)
    must, cannot = decision_pairs(session)
    wanted, affected_merged = _close(session, wanted, affected_merged, must)
    candidates = load_candidates(session, IncidentRow.id.in_(wanted)) if wanted else []
    merged = _run_engine(candidates, _within(must, wanted), _within(cannot, wanted))
    counts = replace_merged(session, affected_merged, merged, earlier)
    return counts + remove_empty(session)


def rebuild(db: Database) -> MergeCounts:
    """Merge every current candidate again, honouring every decision (one transaction).

    Run after a decision, or when extraction was run again; merged incidents keep their
    ids where their members mostly stay together.
    """
    try:
        with Session(db.engine) as session, session.begin():
            return rebuild_in(session)
    except SQLAlchemyError as exc:
        raise StorageError(f"could not rebuild merged incidents: {error_reason(exc)}") from exc


def rebuild_in(session: Session) -> MergeCounts:
    """:func:`rebuild` inside the caller's transaction."""
    candidates = load_candidates(session)
    must, cannot = decision_pairs(session)
    merged = _run_engine(candidates, must, cannot)
    existing = set(session.scalars(select(MergedIncidentRow.id)))
    return replace_merged(session, existing, merged)


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


# --- an analyst's merge or split: record the decision, then rebuild ----------------------


def merge_incidents(
    db: Database, merged_ids: Sequence[int], *, by: str, why: str | None = None
) -> tuple[Decision, int]:
    """Record that the merged incidents are one, rebuild, and return the decision and the
    id of the incident they became."""
    if len(set(merged_ids)) < 2:
        raise DecisionError("name at least two different incidents to merge")
    with Session(db.engine) as session, session.begin():
        candidates = [c for merged_id in merged_ids for c in members_of(session, merged_id)]
        decision = record_decision(session, "merge", candidates, by=by, why=why)
        rebuild_in(session)
        return decision, _merged_id_of(session, candidates[0])


def split_candidate(
    db: Database, merged_id: int, candidate_id: int, *, by: str, why: str | None = None
) -> tuple[Decision, int]:
    """Record that candidate ``candidate_id`` is not the same incident as the other members
    of ``merged_id``, rebuild, and return the decision and the candidate's new incident."""
    with Session(db.engine) as session, session.begin():
        members = members_of(session, merged_id)
        if candidate_id not in members:
            listed = ", ".join(map(str, members))
            raise DecisionError(
                f"candidate {candidate_id} is not part of incident {merged_id} "
                f"(its candidates: {listed})"
            )
        others = [c for c in members if c != candidate_id]
        if not others:
            raise DecisionError(f"incident {merged_id} has only candidate {candidate_id}")
        decision = record_decision(session, "split", [candidate_id, *others], by=by, why=why)
        rebuild_in(session)
        return decision, _merged_id_of(session, candidate_id)


def members_of(session: Session, merged_id: int) -> list[int]:
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


__all__ = [
    "MergeFailed",
    "merge_incidents",
    "rebuild",
    "rebuild_in",
    "refresh",
    "split_candidate",
    "store_and_merge",
]
