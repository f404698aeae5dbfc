"""The dashboard's filters, read the same way by the pages and the API."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from fastapi import HTTPException, Request

from ..accounts import User
from ..share.access import Action, allowed
from ..store.dashboard import IncidentFilter

FILTER_FIELDS = ("country", "admin1", "date_from", "date_to", "type", "perpetrator",
                 "certainty", "status")


def incident_filter(request: Request, user: User) -> IncidentFilter:
    """The filter the query string asks for, on the fields the user may see: the public
    only ever sees accepted incidents, and cannot filter by perpetrator or status."""
    q = request.query_params
    may_see_unreviewed = allowed(user, Action.READ_PARTNER)
    return IncidentFilter(
        country_code=_text(q.get("country"), 3),
        admin1=_text(q.get("admin1"), 200),
        date_from=_date(q.get("date_from"), "date_from"),
        date_to=_date(q.get("date_to"), "date_to"),
        incident_type=_text(q.get("type"), 100),
        # Perpetrators are not the public's to see, so not theirs to filter by either.
        perpetrator_type=_text(q.get("perpetrator"), 40) if may_see_unreviewed else None,
        certainty=_text(q.get("certainty"), 20),
        status=_text(q.get("status"), 20) if may_see_unreviewed else None,
        published_only=not may_see_unreviewed,
    )


def query_string(request: Request) -> str:
    """The filters of this request, to carry into links and API calls."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k in FILTER_FIELDS and v]
    return urlencode(kept)


def _text(value: str | None, limit: int) -> str | None:
    value = (value or "").strip()
    if len(value) > limit:
        raise HTTPException(422, f"filter value too long: {value[:20]!r}...")
    return value or None


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name} must be a date written YYYY-MM-DD") from None
