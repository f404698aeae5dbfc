"""What the pages, the API and the exports ask of the library, each answer already cut to
the asking user's role. Nothing leaves :mod:`carewatch.share` unredacted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..accounts import Role, User
from ..errors import NotFoundError
from ..facilities.area import Area
from ..facilities.registry import facility_identities, get_facility, list_facilities
from ..facilities.status import states_on, status_record, timeline
from ..merge.totals import total_of_counts
from ..store import dashboard
from ..store.database import Database
from ..store.merged_reading import get_merged
from ..store.reviews import ReviewState, review_state, reviews_by_incident
from ..store.tables_facilities import FacilityStatusRow
from ..store.tables_merge import IncidentMemberRow
from .access import Action, allowed, view_level
from .facility_views import (
    FacilityPartner,
    StatusChangePartner,
    facility_view,
    status_change_view,
)
from .places import public_area
from .situation_views import SituationPartner, situation_view
from .views import IncidentView, incident_view, incident_views


@dataclass
class DocumentText:
    """A report's text with the spans to highlight (analysts and admins only)."""

    id: int
    origin: str
    title: str | None
    published: dt.date | None
    source_name: str | None
    text: str
    spans: list[tuple[int, int, str]]  # start, end, what the words support


def incidents(db: Database, user: User, f: dashboard.IncidentFilter, *, limit: int = 50,
              offset: int = 0) -> list[IncidentView]:
    summaries = dashboard.page(db, f, limit=limit, offset=offset)
    states = _states(db, [s.id for s in summaries])
    return incident_views(user, summaries, states)


def incident(db: Database, user: User, merged_id: int) -> IncidentView:
    """One incident as the user may see it; NotFoundError when absent or not published,
    the same error either way for the public, and found as fast: whether an unpublished
    incident exists is not theirs to know."""
    state = _states(db, [merged_id]).get(merged_id, ReviewState())
    if not allowed(user, Action.READ_PARTNER) and state.status != "accepted":
        raise NotFoundError(f"no published incident with id {merged_id}")
    detail = get_merged(db, merged_id)
    return incident_view(user, detail.incident, state)


def documents(db: Database, user: User, view: IncidentView) -> list[DocumentText]:
    """The reports behind an incident with the words each value rests on ([] unless the
    user may read report text)."""
    if not allowed(user, Action.READ_SENSITIVE):
        return []
    detail = get_merged(db, view.id)
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for claim in getattr(view, "claims", []):
        if claim.evidence is not None:
            e = claim.evidence
            spans.setdefault(e.document_id, []).append((e.start, e.end, claim.field))
    for facility in getattr(view, "facilities", []):
        e = getattr(facility, "evidence", None)
        if e is not None:
            spans.setdefault(e.document_id, []).append((e.start, e.end, "facility"))
    return [
        DocumentText(d.id, d.origin, d.title, d.published, d.source_name, d.text,
                     sorted(spans.get(d.id, [])))
        for d in detail.documents.values()
    ]


def incident_status_changes(db: Database, user: User, merged_id: int
                            ) -> list[StatusChangePartner]:
    """The facility status changes the incident's reports caused."""
    with Session(db.engine) as session:
        members = select(IncidentMemberRow.candidate_id).where(
            IncidentMemberRow.merged_id == merged_id)
        rows = session.scalars(
            select(FacilityStatusRow).where(FacilityStatusRow.incident_id.in_(members))
            .order_by(FacilityStatusRow.date, FacilityStatusRow.id))
        changes = [status_record(r) for r in rows]
    return [v for c in changes if (v := status_change_view(user, c)) is not None]


def dashboard_data(db: Database, user: User, f: dashboard.IncidentFilter) -> dict[str, Any]:
    """Totals, the monthly timeline and the map's points for the filtered incidents, the
    totals and timeline with analysts' corrected figures."""
    changes = _figure_changes(db, f)
    totals = _corrected(dashboard.totals(db, f), changes)
    return {
        "totals": {"incidents": totals.incidents, "killed": totals.killed,
                   "injured": totals.injured},
        "timeline": _corrected_timeline(dashboard.monthly(db, f), changes),
        "points": map_points(db, user, f),
    }


def corrected_totals(db: Database, f: dashboard.IncidentFilter) -> dashboard.Totals:
    """Attacks, killed and injured, with analysts' corrected figures in place of the
    extractor's (the database sums the proposals; corrections are few)."""
    return _corrected(dashboard.totals(db, f), _figure_changes(db, f))


@dataclass(frozen=True)
class _FigureChange:
    month: str | None
    killed: int
    injured: int


def _figure_changes(db: Database, f: dashboard.IncidentFilter) -> list[_FigureChange]:
    """For each incident with a corrected figure, how far the corrections move its killed
    and injured totals from the extractor's, which the database sums."""
    latest: dict[int, dict[str, Any]] = {}
    incidents: dict[int, dashboard.FigureCorrection] = {}
    for correction in dashboard.figure_corrections(db, f):
        latest.setdefault(correction.merged_id, {})[correction.field] = correction.value
        incidents[correction.merged_id] = correction
    changes = []
    for merged_id, corrected in latest.items():
        incident = incidents[merged_id]
        figures = incident.figures or {}
        moved = {kind: (total_of_counts(figures, kind, corrected) or 0)
                 - (total_of_counts(figures, kind) or 0) for kind in ("killed", "injured")}
        month = incident.date.strftime("%Y-%m") if incident.date else None
        changes.append(_FigureChange(month, moved["killed"], moved["injured"]))
    return changes


def _corrected(totals: dashboard.Totals, changes: list[_FigureChange]) -> dashboard.Totals:
    return dashboard.Totals(totals.incidents,
                            totals.killed + sum(c.killed for c in changes),
                            totals.injured + sum(c.injured for c in changes))


def _corrected_timeline(rows: list[tuple[str, int, int]],
                        changes: list[_FigureChange]) -> list[dict[str, Any]]:
    killed_change: dict[str, int] = {}
    for change in changes:
        if change.month:
            killed_change[change.month] = killed_change.get(change.month, 0) + change.killed
    return [{"month": m, "incidents": n, "killed": k + killed_change.get(m, 0)}
            for m, n, k in rows]


def map_points(db: Database, user: User, f: dashboard.IncidentFilter) -> list[dict[str, Any]]:
    """Map points: areas of the first administrative level for the public, places rounded
    to about 11 km for everyone else (exact places are on each incident's page)."""
    if view_level(user) is Role.PUBLIC:
        points = []
        for group in dashboard.map_groups(db, f, by_area=True):
            place = {"country_code": group.country_code, "admin1": group.admin1}
            name, lat, lon = public_area(place)
            if lat is not None and lon is not None:
                points.append({"latitude": lat, "longitude": lon, "label": name or
                               group.country_code, "incidents": group.incidents,
                               "killed": group.killed})
        return points
    return [
        {"latitude": g.latitude, "longitude": g.longitude, "label": g.admin1 or g.country_code,
         "incidents": g.incidents, "killed": g.killed}
        for g in dashboard.map_groups(db, f, by_area=False)
    ]


@dataclass(frozen=True)
class FacilityPage:
    """One page of the facility board: ``total`` facilities match, these are shown."""

    facilities: list[FacilityPartner]
    total: int
    offset: int


def facilities(db: Database, user: User, on: dt.date | None = None, *, area: str | None = None,
               limit: int = 100, offset: int = 0) -> FacilityPage:
    """The registry's facilities (those in ``area`` if given) with their status on ``on``
    (today), a page at a time: each facility's status is computed for the page only."""
    if not allowed(user, Action.READ_PARTNER):
        return FacilityPage([], 0, offset)
    records = list_facilities(db, Area.resolve(area) if area else None)
    shown = records[offset:offset + limit]
    ids = [r.id for r in shown]
    states = states_on(db, ids, on or dt.date.today())
    identities = facility_identities(db, ids) if allowed(user, Action.READ_SENSITIVE) else {}
    views = [v for r in shown
             if (v := facility_view(user, r, states.get(r.id), identities.get(r.id)))]
    return FacilityPage(views, len(records), offset)


def facility(db: Database, user: User, facility_id: int
             ) -> tuple[FacilityPartner, list[StatusChangePartner]]:
    if not allowed(user, Action.READ_PARTNER):
        raise NotFoundError(f"no facility with id {facility_id}")
    record = get_facility(db, facility_id)
    state = states_on(db, [facility_id], dt.date.today())[facility_id]
    identity = (facility_identities(db, [facility_id]).get(facility_id)
                if allowed(user, Action.READ_SENSITIVE) else None)
    view = facility_view(user, record, state, identity)
    assert view is not None
    changes = [v for c in timeline(db, facility_id) if (v := status_change_view(user, c))]
    return view, changes


def situation(db: Database, user: User, area: str, on: dt.date | None = None
              ) -> SituationPartner | None:
    """The situation picture of ``area`` on ``on`` (today), or None for the public."""
    if not allowed(user, Action.READ_PARTNER):
        return None
    from ..situation import situation as picture_of

    return situation_view(user, picture_of(db, area, on or dt.date.today()))


def _states(db: Database, ids: list[int]) -> dict[int, ReviewState]:
    return {i: review_state(h) for i, h in reviews_by_incident(db, ids).items()}
