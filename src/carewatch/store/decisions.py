"""Analysts' merge and split decisions: how they are recorded, and how they are matched to
the candidates stored now.

A decision names candidates by keys that outlive re-extraction (document hash, extractor,
ordinal and the offsets of the words that report the attack), never by row ids, so a merge
or a split still holds after the candidates are extracted again, by the same or another
extractor. :func:`decision_pairs` turns every decision into the must-link and cannot-link
pairs of current candidate ids that :mod:`carewatch.merge` takes. Making a decision and
rebuilding around it is :func:`~.merging.merge_incidents` and
:func:`~.merging.split_candidate`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from ..errors import CareWatchError
from .candidates import is_current
from .database import Database
from .tables import DocumentRow, ExtractionRow, IncidentRow
from .tables_merge import MergeDecisionRow

DecisionKind = Literal["merge", "split"]
Pair = tuple[int, int]


class DecisionError(CareWatchError):
    """An analyst's merge or split cannot be carried out as asked."""


@dataclass(frozen=True)
class Decision:
    """A recorded decision; ``candidates`` are its keys (see :class:`MergeDecisionRow`)."""

    id: int
    kind: str
    candidates: list[dict[str, Any]]
    decided_by: str
    decided_at: dt.datetime
    why: str | None


def list_decisions(db: Database) -> list[Decision]:
    """Every decision, oldest first (the order in which they apply)."""
    with Session(db.engine) as session:
        rows = session.scalars(select(MergeDecisionRow).order_by(MergeDecisionRow.id))
        return [_decision(row) for row in rows]


def record_decision(
    session: Session, kind: DecisionKind, candidate_ids: Sequence[int], *, by: str, why: str | None
) -> Decision:
    """Record a decision about the candidates (by row id, keyed here for the long term).

    For ``"split"`` the first candidate is the one set apart from the others.
    """
    keys = candidate_keys(session, candidate_ids)
    row = MergeDecisionRow(kind=kind, candidates=keys, decided_by=by, why=why)
    session.add(row)
    session.flush()
    return _decision(row)


def _decision(row: MergeDecisionRow) -> Decision:
    return Decision(row.id, row.kind, list(row.candidates), row.decided_by, row.decided_at, row.why)


def candidate_keys(session: Session, candidate_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Keys for the candidates that survive re-extraction, in the order given."""
    found = {c.id: c for c in _keyed(session, IncidentRow.id.in_(candidate_ids))}
    return [found[candidate_id].key() for candidate_id in candidate_ids]


def decision_pairs(session: Session) -> tuple[list[Pair], list[Pair]]:
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
class _Keyed:
    """A stored candidate and the parts of its decision key."""

    id: int
    sha256: str
    extractor: str
    ordinal: int
    start: int | None
    end: int | None

    def key(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "extractor": self.extractor,
            "ordinal": self.ordinal,
            "start": self.start,
            "end": self.end,
        }


def _keyed(session: Session, *where: ColumnElement[bool]) -> list[_Keyed]:
    query = (
        select(IncidentRow.id, IncidentRow.ordinal, IncidentRow.data, ExtractionRow.extractor)
        .add_columns(DocumentRow.sha256)
        .join(ExtractionRow, ExtractionRow.id == IncidentRow.extraction_id)
        .join(DocumentRow, DocumentRow.id == IncidentRow.document_id)
        .where(*where)
    )
    found = []
    for row in session.execute(query):
        span = row.data.get("span") or {}
        start, end = span.get("start"), span.get("end")
        found.append(_Keyed(row.id, row.sha256, row.extractor, row.ordinal, start, end))
    return found


def _current_by_document(session: Session, hashes: Collection[str]) -> dict[str, list[_Keyed]]:
    found: dict[str, list[_Keyed]] = {}
    for candidate in _keyed(session, DocumentRow.sha256.in_(hashes), is_current()):
        found.setdefault(candidate.sha256, []).append(candidate)
    return found


def _resolve(key: dict[str, Any], current: Sequence[_Keyed]) -> int | None:
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


__all__ = [
    "Decision",
    "DecisionError",
    "DecisionKind",
    "Pair",
    "decision_pairs",
    "list_decisions",
    "record_decision",
]
