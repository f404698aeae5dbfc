"""Analysts' reviews of merged incidents: accept, reject, correct, merge, split, reopen.

Reviews are an append-only history; nothing here changes what the extractor proposed or
how reports merged. What an incident looks like after review (its status and corrected
values) is computed from the history by :func:`review_state`, so the proposal and every
correction, with who made it, when and why, stay visible side by side.

>>> with Database("sqlite:///carewatch.db") as db:
...     record_review(db, 3, "correct", by="ana", field="killed:patients", value=3,
...                   why="hospital director's later statement")
...     review_state(reviews_for(db, 3)).corrections["killed:patients"].value
3
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..model import FigureKind, IncidentType, VictimGroup
from .database import Database
from .decisions import DecisionError, candidate_keys
from .merging import members_of, merge_incidents, split_candidate
from .tables_users import ReviewRow, ReviewStatusRow

Action = Literal["accept", "reject", "correct", "reopen", "merge", "split"]
STATUS_ACTIONS = {"accept": "accepted", "reject": "rejected", "reopen": "proposed"}
# Fields an analyst may correct, beside the figures ("killed:patients", ...).
VALUE_FIELDS = ("incident_type", "date", "place", "perpetrator", "means")


@dataclass(frozen=True)
class Review:
    id: int
    merged_id: int
    action: str
    field: str | None
    value: Any
    previous: Any
    decided_by: str
    decided_at: dt.datetime
    why: str | None


@dataclass(frozen=True)
class ReviewState:
    """An incident after its reviews: status, and the latest correction of each field."""

    status: str = "proposed"
    corrections: dict[str, Review] = field(default_factory=dict)
    history: list[Review] = field(default_factory=list)


def figure_fields() -> list[str]:
    return [f"{k.value}:{g.value}" for k in FigureKind for g in VictimGroup]


def check_correction(field_name: str, value: Any) -> Any:
    """The value as stored, or DecisionError naming what is wrong with it."""
    if field_name in figure_fields():
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise DecisionError(f"{field_name} must be a whole number, not {value!r}") from None
        if number < 0 or number > 1_000_000:
            raise DecisionError(f"{field_name} must be between 0 and 1,000,000")
        return number
    if field_name not in VALUE_FIELDS:
        raise DecisionError(f"{field_name!r} cannot be corrected here")
    text = str(value or "").strip()
    if not text or len(text) > 500:
        raise DecisionError(f"{field_name} needs a value of 1 to 500 characters")
    if field_name == "incident_type" and text not in {t.value for t in IncidentType}:
        raise DecisionError(f"unknown incident type {text!r}")
    if field_name == "date":
        try:
            date = dt.date.fromisoformat(text)
        except ValueError:
            raise DecisionError(f"a date is written YYYY-MM-DD, not {text!r}") from None
        if date > latest_date_now():
            raise DecisionError(f"{date.isoformat()} is in the future; an attack reported "
                                "has already happened")
        return date.isoformat()
    return text


def latest_date_now() -> dt.date:
    """Today's date where it is latest on Earth (UTC+14): an attack that happened today
    anywhere is not refused as being in the future."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def record_review(
    db: Database,
    merged_id: int,
    action: Action,
    *,
    by: str,
    why: str | None = None,
    field: str | None = None,
    value: Any = None,
    previous: Any = None,
) -> Review:
    """Append one review; for ``correct``, ``field`` and ``value`` say what changes."""
    if action not in (*STATUS_ACTIONS, "correct"):
        raise DecisionError(f"unknown review action {action!r}")
    if action == "correct":
        if field is None:
            raise DecisionError("a correction names the field it corrects")
        value = check_correction(field, value)
    with Session(db.engine) as session, session.begin():
        return _append(session, merged_id, action, by, why, field, value, previous)


def merge_reviewed(db: Database, merged_ids: Sequence[int], *, by: str, why: str | None) -> int:
    """Merge the incidents (a decision the merge engine honours) and note it in each
    history; returns the merged incident's id."""
    _, target = merge_incidents(db, merged_ids, by=by, why=why)
    with Session(db.engine) as session, session.begin():
        others = ", ".join(str(i) for i in merged_ids if i != target)
        _append(session, target, "merge", by, why, None, list(merged_ids), f"merged {others}")
    return target


def split_reviewed(
    db: Database, merged_id: int, candidate_id: int, *, by: str, why: str | None
) -> int:
    """Split one report's candidate out of the incident; returns its new incident's id."""
    _, new_id = split_candidate(db, merged_id, candidate_id, by=by, why=why)
    with Session(db.engine) as session, session.begin():
        for target in dict.fromkeys([merged_id, new_id]):
            _append(session, target, "split", by, why, None, candidate_id, None)
    return new_id


def reviews_for(db: Database, merged_id: int) -> list[Review]:
    return reviews_by_incident(db, [merged_id]).get(merged_id, [])


def reviews_by_incident(db: Database, merged_ids: Iterable[int]) -> dict[int, list[Review]]:
    """The history of each incident, oldest first, in one query."""
    ids = list(merged_ids)
    found: dict[int, list[Review]] = defaultdict(list)
    if not ids:
        return found
    with Session(db.engine) as session:
        query = select(ReviewRow).where(ReviewRow.merged_id.in_(ids)).order_by(ReviewRow.id)
        for row in session.scalars(query):
            found[row.merged_id].append(_review(row))
    return found


def review_state(history: Sequence[Review]) -> ReviewState:
    status = "proposed"
    corrections: dict[str, Review] = {}
    for review in history:
        if review.action in STATUS_ACTIONS:
            status = STATUS_ACTIONS[review.action]
        elif review.action == "correct" and review.field:
            corrections[review.field] = review
    return ReviewState(status, corrections, list(history))


def _append(
    session: Session, merged_id: int, action: str, by: str, why: str | None,
    field: str | None, value: Any, previous: Any,
) -> Review:
    candidates = candidate_keys(session, members_of(session, merged_id))
    row = ReviewRow(merged_id=merged_id, candidates=candidates, action=action, field=field,
                    value=value, previous=previous, decided_by=by, why=why)
    session.add(row)
    session.flush()
    if action in STATUS_ACTIONS:
        session.merge(ReviewStatusRow(merged_id=merged_id, action=action, review_id=row.id))
    return _review(row)


def _review(row: ReviewRow) -> Review:
    return Review(row.id, row.merged_id, row.action, row.field, row.value, row.previous,
                  row.decided_by, row.decided_at, row.why)
