"""The HTML pages that read: dashboard, incident, facility board, upload, users."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from ..accounts import AccountError, Role, User, add_user, list_users
from ..model import ActorType, Certainty, IncidentType
from ..share import service
from ..share.access import Action, allowed
from ..store import dashboard as queries
from ..store.reviews import VALUE_FIELDS, figure_fields
from .filters import incident_filter, query_string
from .highlight import highlighted
from .security import CSRF_FIELD, check_csrf, csrf_token, current_user, database, require
from .uploads import MAX_FIELDS, form_text, upload_fields, upload_summary

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, user: User, status_code: int = 200,
           **context: Any) -> Response:
    templates = request.app.state.templates
    context |= {"user": user, "csrf": csrf_token(request), "can": _can(user),
                "flash": request.session.pop("flash", None),
                "tile_url": request.app.state.settings.tile_url}
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def _can(user: User) -> dict[str, bool]:
    return {a.value: allowed(user, a) for a in Action}


BOARD_PAGE = 100  # facilities on one page of the board


@router.get("/")
def dashboard(request: Request) -> Response:
    user = current_user(request)
    db = database(request)
    f = incident_filter(request, user)
    area = request.query_params.get("area", "").strip()[:200]
    picture = service.situation(db, user, area, f.date_to) if area else None
    return render(
        request, "dashboard.html", user, filters=f, query=query_string(request),
        incidents=service.incidents(db, user, f, limit=50),
        totals=service.corrected_totals(db, f), areas=queries.areas(db, f), area=area, picture=picture,
        types=[t.value for t in IncidentType], actor_types=[a.value for a in ActorType],
        certainties=[c.value for c in Certainty],
    )


@router.get("/incidents/{incident_id}")
def incident_page(request: Request, incident_id: int) -> Response:
    user = current_user(request)
    db = database(request)
    view = service.incident(db, user, incident_id)
    documents = [(d, highlighted(d.text, d.spans)) for d in service.documents(db, user, view)]
    changes = (service.incident_status_changes(db, user, incident_id)
               if allowed(user, Action.READ_PARTNER) else [])
    return render(request, "incident.html", user, incident=view, documents=documents,
                  changes=changes, figure_fields=figure_fields(), value_fields=VALUE_FIELDS,
                  types=[t.value for t in IncidentType])


@router.get("/facilities")
def facility_board(request: Request) -> Response:
    user = require(request, Action.READ_PARTNER)
    area = request.query_params.get("area", "").strip()[:200]
    offset = _offset(request.query_params.get("offset", ""))
    found = service.facilities(database(request), user, area=area or None,
                               limit=BOARD_PAGE, offset=offset)
    return render(request, "facilities.html", user, facilities=found.facilities,
                  total=found.total, offset=offset, page_size=BOARD_PAGE, area=area)


def _offset(value: str) -> int:
    return int(value) if value.isdigit() and len(value) < 10 else 0


@router.get("/facilities/{facility_id}")
def facility_page(request: Request, facility_id: int) -> Response:
    user = require(request, Action.READ_PARTNER)
    view, changes = service.facility(database(request), user, facility_id)
    return render(request, "facility.html", user, facility=view, changes=changes)


@router.get("/upload")
def upload_form(request: Request) -> Response:
    return render(request, "upload.html", require(request, Action.UPLOAD))


@router.post("/upload")
async def upload(request: Request) -> Response:
    user = require(request, Action.UPLOAD)  # before the form is read
    async with request.form(max_files=1, max_fields=MAX_FIELDS) as form:
        check_csrf(request, form_text(form, CSRF_FIELD))
        result = await upload_summary(request, *upload_fields(form))
    return render(request, "upload.html", user, result=result)


@router.get("/users")
def users_page(request: Request) -> Response:
    user = require(request, Action.MANAGE_USERS)
    return render(request, "users.html", user, users=list_users(database(request)),
                  roles=[r.value for r in Role if r is not Role.PUBLIC])


@router.post("/users")
def users_add(request: Request, name: Annotated[str, Form()], role: Annotated[str, Form()],
              password: Annotated[str, Form()], csrf_token: Annotated[str, Form()]) -> Response:
    user = require(request, Action.MANAGE_USERS)
    check_csrf(request, csrf_token)
    db = database(request)
    error = None
    try:
        add_user(db, name, role, password)
    except AccountError as exc:
        error = str(exc)
    return render(request, "users.html", user, status_code=400 if error else 200,
                  users=list_users(db), roles=[r.value for r in Role if r is not Role.PUBLIC],
                  error=error, added=None if error else name)


def safe_next(target: str) -> str:
    """Only a path on this site: never redirect a login to somewhere else."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
