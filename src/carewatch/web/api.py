"""The REST API under ``/api/``: everything the pages show, as JSON, cut to the caller's
role by :mod:`carewatch.share`. Authenticate with ``Authorization: Bearer <token>``;
without a token a request gets the public view (or the session's, from the pages)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from ..accounts import User, add_user, list_users
from ..share import service
from ..share.access import Action
from ..share.facility_views import FacilityPartner, StatusChangePartner
from ..share.situation_views import SituationFull, SituationPartner
from ..share.views import IncidentFull, IncidentPartner, IncidentPublic
from ..store.reviews import merge_reviewed, record_review, split_reviewed
from .filters import incident_filter
from .security import check_csrf, current_user, database, require
from .uploads import MAX_FIELDS, UPLOAD_FORM, upload_fields, upload_summary

router = APIRouter(prefix="/api", tags=["api"])
Viewer = Annotated[User, Depends(current_user)]
IncidentOut = IncidentFull | IncidentPartner | IncidentPublic
MAX_PAGE = 500


class ReviewIn(BaseModel):
    action: str  # accept, reject, reopen, correct, merge, split
    why: str | None = None
    field: str | None = None  # for correct
    value: Any = None  # for correct
    other_incident: int | None = None  # for merge
    candidate_id: int | None = None  # for split


@router.get("/incidents", response_model=list[IncidentOut])
def list_incidents(request: Request, user: Viewer,
                   limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                   offset: Annotated[int, Query(ge=0)] = 0) -> list[Any]:
    """Incidents matching the filters (country, admin1, date_from, date_to, type,
    perpetrator, certainty, status), newest first."""
    return service.incidents(database(request), user, incident_filter(request, user),
                             limit=limit, offset=offset)


@router.get("/incidents/{incident_id}", response_model=IncidentOut)
def get_incident(request: Request, user: Viewer, incident_id: int) -> Any:
    return service.incident(database(request), user, incident_id)


@router.get("/incidents/{incident_id}/documents")
def incident_documents(request: Request, incident_id: int) -> list[dict[str, Any]]:
    """The reports behind an incident, with the spans each value rests on (analysts)."""
    user = require(request, Action.READ_SENSITIVE)
    db = database(request)
    view = service.incident(db, user, incident_id)
    return [vars(d) for d in service.documents(db, user, view)]


@router.get("/incidents/{incident_id}/status-changes", response_model=list[StatusChangePartner])
def incident_status_changes(request: Request, incident_id: int) -> Any:
    user = require(request, Action.READ_PARTNER)
    return service.incident_status_changes(database(request), user, incident_id)


@router.post("/incidents/{incident_id}/reviews", response_model=IncidentOut)
def review_incident(request: Request, incident_id: int, review: ReviewIn) -> Any:
    """Accept, reject, reopen, correct a field, merge with another incident, or split a
    report's candidate out. Returns the incident as it now stands."""
    user = require(request, Action.REVIEW)
    check_csrf(request, None)
    db = database(request)
    target = apply_review(db, user, incident_id, review)
    return service.incident(db, user, target)


def apply_review(db: Any, user: User, incident_id: int, review: ReviewIn) -> int:
    """Carry out one review; returns the id of the incident to show afterwards."""
    why = (review.why or "").strip() or None
    if review.action == "merge":
        if review.other_incident is None:
            raise HTTPException(422, "merge needs other_incident")
        return merge_reviewed(db, [incident_id, review.other_incident], by=user.name, why=why)
    if review.action == "split":
        if review.candidate_id is None:
            raise HTTPException(422, "split needs candidate_id")
        split_reviewed(db, incident_id, review.candidate_id, by=user.name, why=why)
        return incident_id
    previous = None
    if review.action == "correct" and review.field:
        previous = _current_value(service.incident(db, user, incident_id), review.field)
    record_review(db, incident_id, review.action, by=user.name, why=why,  # type: ignore[arg-type]
                  field=review.field, value=review.value, previous=previous)
    return incident_id


def _current_value(view: Any, field: str) -> Any:
    for figure in getattr(view, "figures", []):
        if figure.field == field:
            return figure.corrected if figure.corrected is not None else figure.conservative
    corrections = getattr(view, "corrections", {})
    if field in corrections:
        return corrections[field]
    return {"incident_type": view.incident_type,
            "date": view.date.isoformat() if view.date else None}.get(field)


@router.get("/dashboard")
def dashboard(request: Request, user: Viewer) -> dict[str, Any]:
    """Totals, monthly timeline and map points for the filtered incidents."""
    return service.dashboard_data(database(request), user, incident_filter(request, user))


@router.get("/situation", response_model=SituationFull | SituationPartner)
def situation(request: Request, area: Annotated[str, Query(min_length=1, max_length=200)],
              on: dt.date | None = None) -> Any:
    """What functions in an area on a date (today by default), beside what reports say."""
    user = require(request, Action.READ_PARTNER)
    return service.situation(database(request), user, area, on)


@router.get("/facilities", response_model=list[FacilityPartner])
def facilities(request: Request, response: Response, on: dt.date | None = None,
               area: Annotated[str | None, Query(max_length=200)] = None,
               limit: Annotated[int, Query(ge=1, le=1000)] = 100,
               offset: Annotated[int, Query(ge=0)] = 0) -> Any:
    """The registry's facilities with their status on ``on`` (today), those in ``area`` if
    given, ``limit`` at a time; the X-Total-Count header counts them all."""
    user = require(request, Action.READ_PARTNER)
    found = service.facilities(database(request), user, on, area=area, limit=limit,
                               offset=offset)
    response.headers["X-Total-Count"] = str(found.total)
    return found.facilities


@router.get("/facilities/{facility_id}")
def facility(request: Request, facility_id: int) -> dict[str, Any]:
    user = require(request, Action.READ_PARTNER)
    view, changes = service.facility(database(request), user, facility_id)
    return {"facility": view.model_dump(mode="json"),
            "timeline": [c.model_dump(mode="json") for c in changes]}


@router.post("/reports", openapi_extra=UPLOAD_FORM)
async def upload(request: Request) -> dict[str, Any]:
    """Upload a report (text, HTML, JSON, JSONL or CSV) to extract, store and merge."""
    require(request, Action.UPLOAD)  # before the form is read
    check_csrf(request, None)
    async with request.form(max_files=1, max_fields=MAX_FIELDS) as form:
        return await upload_summary(request, *upload_fields(form))


class UserIn(BaseModel):
    name: str
    role: str
    password: str


@router.get("/users")
def users(request: Request) -> list[dict[str, str]]:
    """Every user and their role (admins)."""
    require(request, Action.MANAGE_USERS)
    return [{"name": u.name, "role": u.role.value} for u in list_users(database(request))]


@router.post("/users", status_code=201)
def create_user(request: Request, body: UserIn) -> dict[str, str]:
    """Add a user (admins); 400 with the reason when the name or password is refused."""
    require(request, Action.MANAGE_USERS)
    check_csrf(request, None)
    user = add_user(database(request), body.name, body.role, body.password)
    return {"name": user.name, "role": user.role.value}


@router.get("/export.geojson")
def export_geojson(request: Request, user: Viewer) -> Response:
    """The filtered incidents as GeoJSON points, with the caller's view as properties."""
    views = _export_views(request, user)
    features = [
        {"type": "Feature",
         "geometry": None if v.latitude is None or v.longitude is None else
         {"type": "Point", "coordinates": [v.longitude, v.latitude]},
         "properties": v.model_dump(mode="json", exclude={"latitude", "longitude"})}
        for v in views
    ]
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    return Response(body, media_type="application/geo+json")


# The Humanitarian Exchange Language hashtag of each exported column; attributes after
# "+" refine it where the standard has no tag of its own.
HXL_TAGS = {
    "id": "#event+id", "incident_type": "#event+type", "types": "#event+type+all",
    "date": "#date+occurred", "date_precision": "#date+precision",
    "country": "#country+name", "country_code": "#country+code", "admin1": "#adm1+name",
    "latitude": "#geo+lat", "longitude": "#geo+lon", "facility_types": "#loc+type+health",
    "killed": "#affected+killed", "injured": "#affected+injured",
    "certainty": "#meta+certainty",
}


@router.get("/export.csv")
def export_csv(request: Request, user: Viewer) -> Response:
    """The filtered incidents as HXL CSV (a row of HXL hashtags under the header, as the
    Humanitarian Data Exchange's tools read it): the public view's columns for every
    role, so one file layout serves all (finer fields are in the JSON and GeoJSON)."""
    views = _export_views(request, user)
    columns = list(IncidentPublic.model_fields)
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerow(HXL_TAGS)
    for v in views:
        row = v.model_dump(mode="json", include=set(columns))
        writer.writerow({k: ";".join(x) if isinstance(x, list) else x for k, x in row.items()})
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8")


def _export_views(request: Request, user: User) -> list[Any]:
    db = database(request)
    return service.incidents(db, user, incident_filter(request, user), limit=10_000)
