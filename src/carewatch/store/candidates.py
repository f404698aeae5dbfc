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

from ..merge.keys import FINE_PLACES, normalise_facility_name
from ..model import Candidate, CandidateIncident, DatePrecision, FacilityMention
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
    undated candidate that names a facility or a town is compared with the country's
    candidates of the year around its report's publication (the merge rules need a common
    place or a facility name to join it to anything); other undated ones only with their
    own document's candidates. A candidate that names a facility also meets the candidates
    of the same days that name it in another country: a report's dateline may have put
    it there (:func:`namesakes_elsewhere`).
    """
    conditions: list[ColumnElement[bool]] = []
    window, year = dt.timedelta(days=WINDOW_DAYS), dt.timedelta(days=366)
    for candidate in new:
        incident = candidate.incident
        if not _may_join(incident):
            continue  # its own document's candidates, in ``new``, are all it meets
        country = incident.place.country_code if incident.place else None
        if incident.date is None:
            if country and (any(f.name for f in incident.facilities) or _fine_place(incident)):
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
    found = namesakes_elsewhere(session, new)
    if not conditions:
        return found
    query = select(IncidentRow.id).where(is_current(), or_(*conditions))
    return found | set(session.scalars(query))


def namesakes_elsewhere(session: Session, new: Sequence[Candidate]) -> set[int]:
    """Current candidates in another country, dated within a day or two of one of ``new``,
    that name one of its facilities (by :func:`~carewatch.merge.normalise_facility_name`,
    or one name within the other)."""
    found: set[int] = set()
    slack = dt.timedelta(days=2)
    for candidate in new:
        incident = candidate.incident
        words = _name_words(incident.facilities)
        if incident.date is None or not words or incident.date.precision is DatePrecision.YEAR:
            continue
        first, last = incident.date.period()
        country = incident.place.country_code if incident.place else None
        query = select(IncidentRow.id, IncidentRow.data).where(
            is_current(),
            IncidentRow.date.between(first - slack - dt.timedelta(days=7), last + slack),
            IncidentRow.country_code != country if country else IncidentRow.country_code.is_not(None),
        )
        for row in session.execute(query):
            facilities = [_mention(f) for f in row.data.get("facilities") or []]
            if words & _name_words(facilities):
                found.add(row.id)
    return found


def _mention(data: dict[str, object]) -> FacilityMention:
    name = data.get("name")
    return FacilityMention(str(data.get("facility_type") or ""),
                           name if isinstance(name, str) else None, bool(data.get("is_code_name")))


def _name_words(facilities: Sequence[FacilityMention]) -> set[str]:
    """The words of the facilities' folded names; a code name whole."""
    words: set[str] = set()
    for facility in facilities:
        if facility.name:
            key = normalise_facility_name(facility.name, facility.is_code_name)
            words.update([key] if facility.is_code_name or key.isupper() else key.split())
    return words


def _may_join(incident: CandidateIncident) -> bool:
    """Whether the merge rules could join the incident to another report's: only by a
    facility name, by a place of city precision or better with a date finer than a year,
    or by a day and a country (:mod:`carewatch.merge.compatible`). A report that gives neither ("a health
    worker was killed" in some month) stays on its own, so the month's other incidents
    need not be merged again each time one arrives."""
    if any(f.name for f in incident.facilities):
        return True
    if _day_in_country(incident):
        return True  # the "coarse" rule: same day, same country, same kind of facility
    return _fine_place(incident) and (
        incident.date is None or incident.date.precision is not DatePrecision.YEAR)


def _day_in_country(incident: CandidateIncident) -> bool:
    return (incident.place is not None and incident.place.country_code is not None
            and incident.date is not None and incident.date.precision is DatePrecision.DAY
            and bool(incident.facilities))


def _fine_place(incident: CandidateIncident) -> bool:
    return incident.place is not None and incident.place.precision in FINE_PLACES


__all__ = ["WINDOW_DAYS", "candidates_near", "is_current", "load_candidates"]
