"""Queries over many merged incidents for the dashboard and the API: filtered pages,
totals, a monthly timeline and map groups, computed by the database on the copied
columns (never by reading every incident's ``data``).

``published_only`` keeps the incidents an analyst accepted (their latest status review
is ``accept``): the public sees nothing the team has not checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Numeric, and_, cast, extract, func, select
from sqlalchemy.orm import Session

from .database import Database
from .merged_reading import MergedSummary, _summary
from .tables_merge import MergedIncidentRow as M
from .tables_users import ReviewRow
from .tables_users import ReviewStatusRow as S


@dataclass(frozen=True)
class IncidentFilter:
    """What the dashboard's filters ask; None means "any"."""

    country_code: str | None = None
    admin1: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    incident_type: str | None = None
    perpetrator_type: str | None = None
    certainty: str | None = None
    status: str | None = None  # "proposed", "accepted", "rejected"
    health_care_only: bool = True
    published_only: bool = False


@dataclass(frozen=True)
class Totals:
    incidents: int
    killed: int
    injured: int


@dataclass(frozen=True)
class MapGroup:
    latitude: float
    longitude: float
    incidents: int
    killed: int
    country_code: str | None
    admin1: str | None


def _conditions(f: IncidentFilter) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if f.health_care_only:
        found.append(M.is_health_care.is_(True))
    if f.country_code:
        found.append(M.country_code == f.country_code.upper())
    if f.admin1:
        found.append(M.admin1 == f.admin1)
    if f.date_from:
        found.append(M.date >= f.date_from)
    if f.date_to:
        found.append(M.date <= f.date_to)
    if f.incident_type:  # any of its types, not only the first
        found.append(M.types.contains(f";{f.incident_type};", autoescape=True))
    if f.perpetrator_type:  # any of its alleged perpetrators, not only the first
        found.append(M.perpetrator_types.contains(f";{f.perpetrator_type};", autoescape=True))
    if f.certainty:
        found.append(M.certainty == f.certainty)
    status = "accepted" if f.published_only else f.status
    if status:
        found.append(_status_condition(status))
    return found


def _status_condition(status: str) -> ColumnElement[bool]:
    if status == "proposed":
        reviewed = select(S.merged_id).where(S.action != "reopen")
        return M.id.not_in(reviewed)
    action = {"accepted": "accept", "rejected": "reject"}.get(status, status)
    return M.id.in_(select(S.merged_id).where(S.action == action))


def page(db: Database, f: IncidentFilter, *, limit: int = 50, offset: int = 0
         ) -> list[MergedSummary]:
    """Incidents matching ``f``, newest first."""
    # The ids first, from the dashboard's covering index; then only those rows, whose large
    # ``data`` would make sorting whole rows slow.
    ids = (
        select(M.id).where(and_(True, *_conditions(f)))
        .order_by(M.date.is_(None), M.date.desc(), M.id.desc())
        .limit(limit).offset(offset)
    )
    with Session(db.engine) as session:
        wanted = list(session.scalars(ids))
        rows = {row.id: row for row in session.scalars(select(M).where(M.id.in_(wanted)))}
        return [_summary(rows[i]) for i in wanted]


@dataclass(frozen=True)
class FigureCorrection:
    """An analyst's corrected killed or injured figure, beside the incident's figures."""

    merged_id: int
    date: dt.date | None
    figures: dict[str, int]  # the extractor's conservative figure of each field
    field: str
    value: int | None


def figure_corrections(db: Database, f: IncidentFilter) -> list[FigureCorrection]:
    """The killed and injured corrections of the incidents matching ``f``, oldest first
    (the latest for a field is the one that holds), so that totals can use them."""
    query = (
        select(M.id, M.date, M.figures, ReviewRow.field, ReviewRow.value)
        .join(ReviewRow, ReviewRow.merged_id == M.id)
        .where(ReviewRow.action == "correct",
               ReviewRow.field.like("killed:%") | ReviewRow.field.like("injured:%"),
               *_conditions(f))
        .order_by(ReviewRow.id)
    )
    with Session(db.engine) as session:
        return [FigureCorrection(i, d, figures or {}, field, value)
                for i, d, figures, field, value in session.execute(query)]


def totals(db: Database, f: IncidentFilter) -> Totals:
    query = select(func.count(), func.coalesce(func.sum(M.killed), 0),
                   func.coalesce(func.sum(M.injured), 0)).where(and_(True, *_conditions(f)))
    with Session(db.engine) as session:
        count, killed, injured = session.execute(query).one()
    return Totals(int(count or 0), int(killed or 0), int(injured or 0))


def monthly(db: Database, f: IncidentFilter) -> list[tuple[str, int, int]]:
    """(``YYYY-MM``, incidents, killed) for every month with an incident, in order."""
    year, month = extract("year", M.date), extract("month", M.date)
    query = (
        select(year, month, func.count(), func.coalesce(func.sum(M.killed), 0))
        .where(and_(M.date.is_not(None), *_conditions(f)))
        .group_by(year, month).order_by(year, month)
    )
    with Session(db.engine) as session:
        rows: list[Any] = list(session.execute(query))
    return [(f"{int(y):04d}-{int(m):02d}", int(n), int(k)) for y, m, n, k in rows]


def map_groups(db: Database, f: IncidentFilter, *, by_area: bool, decimals: int = 1,
               limit: int = 5000) -> list[MapGroup]:
    """Incidents grouped for the map: by first administrative level (``by_area``, with no
    coordinates: the caller places the area) or by rounded coordinates."""
    keys: list[Any]
    query: Any
    if by_area:
        keys = [M.country_code, M.admin1]
        query = select(*keys, func.count(), func.coalesce(func.sum(M.killed), 0))
    else:
        lat, lon = _rounded(M.latitude, decimals), _rounded(M.longitude, decimals)
        keys = [lat, lon]
        query = select(lat, lon, func.count(), func.coalesce(func.sum(M.killed), 0),
                       func.min(M.country_code), func.min(M.admin1))
        query = query.where(M.latitude.is_not(None))
    query = (query.where(and_(True, *_conditions(f))).group_by(*keys)
             .order_by(func.count().desc()).limit(limit))
    with Session(db.engine) as session:
        rows: list[Any] = list(session.execute(query).all())
    if by_area:
        return [MapGroup(0.0, 0.0, int(n), int(k), c, a) for c, a, n, k in rows]
    return [MapGroup(float(la), float(lo), int(n), int(k), c, a) for la, lo, n, k, c, a in rows]


def _rounded(column: Any, decimals: int) -> Any:
    # PostgreSQL has round(numeric, decimals) but no round(double precision, decimals);
    # SQLite rounds either. The result is a Decimal on one and a float on the other.
    return func.round(cast(column, Numeric), decimals)


def areas(db: Database, f: IncidentFilter) -> list[tuple[str, str | None]]:
    """Every (country code, first administrative level) of the incidents ``f`` may show
    (its review status and health-care scope; the other filters are ignored), for the
    filter menus."""
    scope = IncidentFilter(status=f.status, health_care_only=f.health_care_only,
                           published_only=f.published_only)
    query = (select(M.country_code, M.admin1)
             .where(M.country_code.is_not(None), *_conditions(scope))
             .distinct().order_by(M.country_code, M.admin1))
    with Session(db.engine) as session:
        return [(c, a) for c, a in session.execute(query) if c is not None]
