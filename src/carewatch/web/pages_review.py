"""The review forms of the incident page: accept, reject, reopen, correct, merge, split.
Each posts here with its CSRF token and comes back to the incident page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from ..errors import CareWatchError
from ..share.access import Action
from .api import ReviewIn, apply_review
from .security import check_csrf, database, require

router = APIRouter(include_in_schema=False)


@router.post("/incidents/{incident_id}/review")
def review(
    request: Request,
    incident_id: int,
    action: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()],
    why: Annotated[str | None, Form()] = None,
    field: Annotated[str | None, Form()] = None,
    value: Annotated[str | None, Form()] = None,
    other_incident: Annotated[int | None, Form()] = None,
    candidate_id: Annotated[int | None, Form()] = None,
) -> Response:
    user = require(request, Action.REVIEW)
    check_csrf(request, csrf_token)
    form = ReviewIn(action=action, why=why, field=field, value=value,
                    other_incident=other_incident, candidate_id=candidate_id)
    try:
        target = apply_review(database(request), user, incident_id, form)
    except CareWatchError as exc:
        request.session["flash"] = str(exc)
        target = incident_id
    else:
        request.session["flash"] = f"{action} recorded"
    return RedirectResponse(f"/incidents/{target}", status_code=303)
