"""Reading the candidate incidents that merging works on, and finding their neighbours.

Only each document's latest extraction takes part (:func:`is_current`): reading a
document again with another extractor replaces its candidates rather than adding a second
copy of them. :func:`candidates_near` is how :func:`~.merging.refresh` keeps the merge of
one new document local: it picks the stored candidates that could be the same attack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from ..merge.keys import FINE_PLACES
from ..model import Candidate, CandidateIncident, DatePrecision
from ..model_json import candidate_incident
from .tables import DocumentRow, ExtractionRow, IncidentRow

# Candidates further apart than this in time are never compared when a new document is
# merged in (the merge engine's own date window is narrower).
WINDOW_DAYS = 31

# The most days a date of each precision may stand for, after its first day.
_PERIOD_DAYS = {"day": 0, "week": 7, "month": 31, "year": 366}


def is_current() -> ColumnElement[bool]:
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
        .where(is_current(), *where)
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


def candidates_near(session: Session, new: Sequence[Candidate]) -> set[int]:
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
        if not _may_join(incident):
            continue  # its own document's candidates, in ``new``, are all it meets
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
    query = select(IncidentRow.id).where(is_current(), or_(*conditions))
    return set(session.scalars(query))


def _may_join(incident: CandidateIncident) -> bool:
    """Whether the merge rules could join the incident to another report's: only by a
    facility name, or by a place of city precision or better with a date finer than a
    year (:mod:`carewatch.merge.compatible`). A report that gives neither ("a health
    worker was killed" in some month) stays on its own, so the month's other incidents
    need not be merged again each time one arrives."""
    if any(f.name for f in incident.facilities):
        return True
    fine_place = incident.place is not None and incident.place.precision in FINE_PLACES
    fine_date = incident.date is not None and incident.date.precision is not DatePrecision.YEAR
    return fine_place and fine_date


__all__ = ["WINDOW_DAYS", "candidates_near", "is_current", "load_candidates"]
