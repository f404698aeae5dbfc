"""Reading merged incidents: listings, one incident in full, and a candidate's incident.

What leaves here are read models (:class:`MergedSummary`, :class:`MergedDetail`), never
live ORM rows. A merged incident's ``data`` is ``to_jsonable(merged)``, claim ledger
included; its claims' spans index the text of the documents returned beside it.

>>> with Database("sqlite:///carewatch.db") as db:
...     list_merged(db, limit=20, health_care_only=True)
...     get_merged(db, 3).members
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import NotFoundError
from .database import Database
from .rows import StoredDocument, stored_document
from .tables import DocumentRow, ExtractionRow, IncidentRow
from .tables_merge import IncidentMemberRow, MergedIncidentRow


@dataclass(frozen=True)
class MergedSummary:
    """A listing line: the copied columns, and ``data`` = ``to_jsonable(merged)``."""

    id: int
    incident_type: str
    is_health_care: bool
    date: dt.date | None
    date_precision: str | None
    place_name: str | None
    country_code: str | None
    certainty: str
    certainty_reason: str
    attribution_contested: bool
    updated_at: dt.datetime
    data: dict[str, Any]


@dataclass(frozen=True)
class Member:
    """A candidate incident in a merged incident, with its document's few columns."""

    candidate_id: int
    document_id: int
    extractor: str
    ordinal: int
    reason: str | None
    origin: str
    title: str | None
    published: dt.date | None
    source_name: str | None


@dataclass(frozen=True)
class MergedDetail:
    """A merged incident in full; its claims' spans index ``documents[claim.document_id]``."""

    incident: MergedSummary
    members: list[Member]
    documents: dict[int, StoredDocument]


def list_merged(
    db: Database, *, limit: int = 50, offset: int = 0, health_care_only: bool = False
) -> list[MergedSummary]:
    """Merged incidents by date (undated last), then id, in one query."""
    query = (
        select(MergedIncidentRow)
        .order_by(MergedIncidentRow.date.is_(None), MergedIncidentRow.date, MergedIncidentRow.id)
        .limit(limit)
        .offset(offset)
    )
    if health_care_only:
        query = query.where(MergedIncidentRow.is_health_care.is_(True))
    with Session(db.engine) as session:
        return [_summary(row) for row in session.scalars(query)]


def count_merged(db: Database, *, health_care_only: bool = False) -> int:
    """How many merged incidents :func:`list_merged` pages through."""
    query = select(func.count()).select_from(MergedIncidentRow)
    if health_care_only:
        query = query.where(MergedIncidentRow.is_health_care.is_(True))
    with Session(db.engine) as session:
        return int(session.scalar(query) or 0)


def get_merged(db: Database, merged_id: int) -> MergedDetail:
    """One merged incident with its members and their documents' text; NotFoundError if
    absent."""
    with Session(db.engine) as session:
        row = session.get(MergedIncidentRow, merged_id)
        if row is None:
            raise NotFoundError(f"no incident with id {merged_id}")
        query = (
            select(
                IncidentMemberRow.candidate_id,
                IncidentMemberRow.reason,
                IncidentRow.document_id,
                IncidentRow.ordinal,
                ExtractionRow.extractor,
            )
            .join(IncidentRow, IncidentRow.id == IncidentMemberRow.candidate_id)
            .join(ExtractionRow, ExtractionRow.id == IncidentRow.extraction_id)
            .where(IncidentMemberRow.merged_id == merged_id)
            .order_by(IncidentMemberRow.candidate_id)
        )
        found = session.execute(query).all()
        document_ids = {m.document_id for m in found} | set(row.data.get("documents") or [])
        documents = {
            d.id: stored_document(d)
            for d in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(document_ids)))
        }
        members = [
            Member(
                candidate_id=m.candidate_id,
                document_id=m.document_id,
                extractor=m.extractor,
                ordinal=m.ordinal,
                reason=m.reason,
                origin=documents[m.document_id].origin,
                title=documents[m.document_id].title,
                published=documents[m.document_id].published,
                source_name=documents[m.document_id].source_name,
            )
            for m in found
        ]
        return MergedDetail(_summary(row), members, documents)


def merged_id_of(db: Database, candidate_id: int) -> int | None:
    """The merged incident a candidate belongs to, if any."""
    with Session(db.engine) as session:
        return session.scalar(
            select(IncidentMemberRow.merged_id).where(IncidentMemberRow.candidate_id == candidate_id)
        )


def _summary(row: MergedIncidentRow) -> MergedSummary:
    return MergedSummary(
        id=row.id,
        incident_type=row.incident_type,
        is_health_care=row.is_health_care,
        date=row.date,
        date_precision=row.date_precision,
        place_name=row.place_name,
        country_code=row.country_code,
        certainty=row.certainty,
        certainty_reason=row.certainty_reason,
        attribution_contested=row.attribution_contested,
        updated_at=row.updated_at,
        data=row.data,
    )


__all__ = [
    "Member",
    "MergedDetail",
    "MergedSummary",
    "count_merged",
    "get_merged",
    "list_merged",
    "merged_id_of",
]
