"""Figures a report gives once for several incidents, counted once in the totals.

"Two patients died in the strikes", in a report about strikes on two hospitals, is a
claim of both hospitals' incidents: each incident's page shows it, but the dashboard's
totals, timeline and map, which add the ``killed`` and ``injured`` columns up, must count
the two dead once. The figure is counted with the first of the report's incidents that
claims those words (the earliest in the report, by the candidate's ordinal), and left out
of the summed columns of the others. The choice depends on the report alone, so it does
not change when incidents are merged again, and nothing outside the incidents being
written needs rewriting. A figure that also rests on words of its own (another report's
count of the same dead) stays counted: only figures resting wholly on shared words are
left out. The situation picture (:mod:`carewatch.situation`) reconciles such shared
tolls itself, from every claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..model import Claim, MergedIncident
from .tables import IncidentRow
from .tables_merge import ClaimRow

Key = tuple[str, int, int, int]  # field, document, start and end of the words
Slot = tuple[int, int]  # a candidate's document and ordinal


def _figure_claims(incident: MergedIncident) -> Iterable[Claim]:
    seen: set[int] = set()
    for claim in [*incident.claims, *(c for f in incident.figures for c in f.claims)]:
        if id(claim) not in seen and isinstance(claim.value, int):
            seen.add(id(claim))
            yield claim


def _key(claim: Claim) -> Key | None:
    if claim.span is None:
        return None
    return (claim.field, claim.document_id, claim.span.start, claim.span.end)


def _stored_first(session: Session, documents: set[int]) -> dict[Key, int]:
    """For the words claimed by incidents already stored (outside those being written,
    whose claims are deleted by then), the first ordinal that claims each."""
    rows = session.execute(
        select(ClaimRow.field, ClaimRow.document_id, ClaimRow.span_start, ClaimRow.span_end,
               IncidentRow.ordinal)
        .join(IncidentRow, IncidentRow.id == ClaimRow.candidate_id)
        .where(ClaimRow.document_id.in_(documents), ClaimRow.count.is_not(None),
               ClaimRow.span_start.is_not(None))
    )
    first: dict[Key, int] = {}
    for field, document, start, end, ordinal in rows:
        if start is not None and end is not None:  # always: filtered above
            key = (field, document, start, end)
            first[key] = min(first.get(key, ordinal), ordinal)
    return first


def counted_elsewhere(
    session: Session, merged: Sequence[MergedIncident], slot_of: Mapping[int, Slot]
) -> list[set[str]]:
    """For each incident of ``merged``, the figure fields its summed columns leave out
    because an earlier incident of the same report counts the same words."""
    keyed = [[(k, c) for c in _figure_claims(m) if (k := _key(c)) is not None] for m in merged]
    documents = {k[1] for claims in keyed for k, _ in claims}
    if not documents:
        return [set() for _ in merged]
    first = _stored_first(session, documents)
    for claims in keyed:
        for key, claim in claims:
            ordinal = slot_of[claim.candidate_id][1]
            first[key] = min(first.get(key, ordinal), ordinal)
    result = []
    for incident, claims in zip(merged, keyed, strict=True):
        own = {slot_of[c] for c in incident.members}
        shared: dict[str, bool] = {}
        for key, claim in claims:
            elsewhere = (key[1], first[key]) not in own
            shared[claim.field] = shared.get(claim.field, True) and elsewhere
        # A figure with any claim that has no words to match stays counted.
        unspanned = {c.field for c in _figure_claims(incident) if c.span is None}
        result.append({field for field, yes in shared.items() if yes and field not in unspanned})
    return result


__all__ = ["counted_elsewhere"]
