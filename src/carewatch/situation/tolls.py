"""The reports side of the picture: merged attacks on health care in the area and their
casualty tolls, a figure that several incidents share counted once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ..facilities.area import Area
from ..merge.totals import total
from ..model import MergedIncident
from ..model_json import from_jsonable
from ..store.tables import DocumentRow
from ..store.tables_merge import IncidentMemberRow, MergedIncidentRow
from .picture import WINDOWS, Traced


@dataclass(frozen=True)
class FigureShare:
    """One reconciled count of a merged incident, and the claims (document, words) behind it."""

    field: str  # "killed:patients"
    minimum: int
    conservative: int
    maximum: int
    evidence: frozenset[tuple[str, int, int, int]]  # (field, document id, start, end) per claim

    @property
    def kind(self) -> str:  # "killed", "injured", ...
        return self.field.split(":", 1)[0]


@dataclass(frozen=True)
class IncidentLine:
    """A merged attack on health care in the area, with what the picture counts of it."""

    id: int
    date: dt.date
    candidate_ids: tuple[int, ...]
    document_ids: tuple[int, ...]
    figures: tuple[FigureShare, ...]


def incidents_in(session: Session, area: Area, on: dt.date) -> list[IncidentLine]:
    """Merged attacks on health care in ``area`` dated in the longest window, so that an
    attack told by several reports counts once.

    A merged incident with no date takes its earliest report's publication date, as a
    candidate incident without one does.
    """
    earliest = on - dt.timedelta(days=max(WINDOWS))
    query = (
        select(MergedIncidentRow)
        .where(MergedIncidentRow.is_health_care.is_(True))
        .where(
            or_(
                and_(MergedIncidentRow.date > earliest, MergedIncidentRow.date <= on),
                MergedIncidentRow.date.is_(None),
            )
        )
        .order_by(MergedIncidentRow.id)
    )
    rows = list(session.scalars(query))
    members: dict[int, list[int]] = defaultdict(list)
    for member in session.scalars(
        select(IncidentMemberRow)
        .where(IncidentMemberRow.merged_id.in_([row.id for row in rows]))
        .order_by(IncidentMemberRow.candidate_id)
    ):
        members[member.merged_id].append(member.candidate_id)
    lines = []
    for row in rows:
        merged = from_jsonable(MergedIncident, row.data)
        date = row.date or _first_published(session, merged.documents)
        if date is None or not earliest < date <= on:
            continue
        inside = (
            area.contains_place(merged.place)
            if merged.place
            else area.contains(row.place_name, row.country_code, row.latitude, row.longitude)
        )
        if inside:
            lines.append(
                IncidentLine(
                    id=row.id,
                    date=date,
                    candidate_ids=tuple(members.get(row.id) or sorted(merged.members)),
                    document_ids=tuple(sorted(set(merged.documents))),
                    figures=_figure_shares(merged),
                )
            )
    return lines


def _first_published(session: Session, document_ids: list[int]) -> dt.date | None:
    if not document_ids:
        return None
    return session.scalar(
        select(func.min(DocumentRow.published)).where(DocumentRow.id.in_(document_ids))
    )


def _figure_shares(merged: MergedIncident) -> tuple[FigureShare, ...]:
    """The incident's reconciled figures, each with the words of every member's claim of
    it (the ledger's ``claims``, not only the figure's own list, which keeps one claim per
    speaker and value)."""
    spans: dict[str, set[tuple[str, int, int, int]]] = defaultdict(set)
    for claim in [*merged.claims, *(c for f in merged.figures for c in f.claims)]:
        if claim.span is not None:
            spans[claim.field].add(
                (claim.field, claim.document_id, claim.span.start, claim.span.end)
            )
    return tuple(
        FigureShare(f.field, f.minimum, f.conservative, f.maximum, frozenset(spans[f.field]))
        for f in merged.figures
    )


def casualties(window: list[IncidentLine], kind: str) -> Traced:
    """The window's toll of ``kind``: the conservative sum, and the range from the sum of
    lowest figures to the sum of highest.

    Each merged incident's reconciled figures count once, its victim groups totalled by
    :mod:`carewatch.merge.totals`. A figure shared by several
    merged incidents is a toll counted once: figures of the same field whose claims share
    words (the same document and the same evidence span, as when one report's "two
    patients died in the strikes" is about strikes that hit both M10 and M2, and so is a
    claim of both hospitals' incidents) are one toll, told by all their claims together,
    transitively. That toll is reconciled as the ledger reconciles one figure: the lowest
    of their minimum and conservative figures and the highest of their maximum. So the
    example is 2 dead, not 4, and a second report's "three" about the same strikes widens
    the range to 2-3 rather than adding 3. A figure none of whose claims has a span cannot
    be matched to another and counts on its own.
    """
    shares = [(line, f) for line in window for f in line.figures if f.kind == kind]
    tolls = _tolls([f for _, f in shares])
    counted = sorted({line.id for line, _ in shares})
    lines = [line for line in window if line.id in counted]
    # Each toll is reconciled, then counted with the first incident that holds it; within
    # an incident its victim groups are totalled by the one rule (merge.totals), so that
    # "3 nurses" and "at least 5 people" of one attack are 5, not 8.
    holder = {id(f): line.id for line, f in shares}
    by_incident: dict[int, list[tuple[str, int, int, int]]] = defaultdict(list)
    for toll in tolls:
        first = min(holder[id(f)] for f in toll)
        by_incident[first].append((toll[0].field, min(f.minimum for f in toll),
                                   max(f.maximum for f in toll), min(f.conservative for f in toll)))
    totals = [t for figures in by_incident.values() if (t := total(figures, kind)) is not None]
    low = sum(t.minimum for t in totals)
    conservative = sum(t.conservative for t in totals)
    high = sum(t.maximum for t in totals)
    return Traced(
        value=conservative,
        incident_ids=counted,
        candidate_ids=candidate_ids_of(lines),
        document_ids=document_ids_of(lines),
        minimum=low,
        maximum=high,
    )


def _tolls(figures: list[FigureShare]) -> list[list[FigureShare]]:
    """``figures`` grouped by shared claims (connected components, in order of appearance)."""
    parent = list(range(len(figures)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, int, int, int], int] = {}
    for i, figure in enumerate(figures):
        for key in figure.evidence:
            if key in owner:
                parent[root(i)] = root(owner[key])
            else:
                owner[key] = i
    groups: dict[int, list[FigureShare]] = {}
    for i, figure in enumerate(figures):
        groups.setdefault(root(i), []).append(figure)
    return list(groups.values())


def document_ids_of(lines: list[IncidentLine]) -> list[int]:
    return sorted({document for line in lines for document in line.document_ids})


def candidate_ids_of(lines: list[IncidentLine]) -> list[int]:
    return sorted({candidate for line in lines for candidate in line.candidate_ids})
