"""Between the domain model and the tables: model values to rows, rows to read models.

The read models (:class:`IncidentSummary`, :class:`IncidentListing`, :class:`IncidentDetail`,
:class:`StoredDocument`) list exactly what leaves the store, so callers never hold a live ORM row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..merge.totals import total_of_counts
from ..model import (
    CandidateIncident,
    Document,
    Extraction,
    Figure,
    FigureKind,
    FigureScope,
    VictimGroup,
    to_jsonable,
)
from .tables import DocumentRow, ExtractionRow, IncidentRow


class Stored(NamedTuple):
    """The result of storing a document: its id, whether this call added it, and whether
    it added the extraction (not when another process had stored that reading first)."""

    document_id: int
    created: bool
    extraction_added: bool = True


@dataclass(frozen=True)
class StoredDocument:
    id: int
    sha256: str
    origin: str
    media_type: str
    title: str | None
    published: dt.date | None
    url: str | None
    source_name: str | None
    ingested_at: dt.datetime
    text: str


@dataclass(frozen=True)
class IncidentSummary:
    """One line of an incident listing."""

    id: int
    document_id: int
    origin: str
    title: str | None
    published: dt.date | None
    incident_type: str
    is_health_care: bool
    date: dt.date | None
    date_precision: str | None
    place_name: str | None
    country_code: str | None
    killed: int | None
    injured: int | None


@dataclass(frozen=True)
class IncidentListing:
    """A listing line with the incident's ``data`` (``to_jsonable(candidate)``), for
    listings that show more than the summary columns; without the document's text."""

    incident: IncidentSummary
    data: dict[str, Any]


@dataclass(frozen=True)
class IncidentDetail:
    """An incident in full: ``data`` is ``to_jsonable(candidate)``; its spans index
    ``document.text``."""

    incident: IncidentSummary
    extractor: str
    data: dict[str, Any]
    document: StoredDocument


def document_row(document: Document) -> DocumentRow:
    return DocumentRow(
        sha256=document.sha256,
        raw=document.raw,
        text=document.text,
        media_type=document.media_type,
        origin=document.origin,
        title=document.title,
        published=document.published,
        url=document.url,
        source_name=document.source_name,
    )


def extraction_row(document_id: int, extraction: Extraction) -> ExtractionRow:
    return ExtractionRow(
        document_id=document_id,
        extractor=extraction.extractor,
        extractor_version=extraction.extractor_version,
        published=extraction.published,
        claims=to_jsonable(extraction.claims),
        situation=to_jsonable(extraction.situation),
        places=to_jsonable(extraction.places),
        dates=to_jsonable(extraction.dates),
    )


def incident_rows(
    document_id: int, extraction_id: int, extraction: Extraction
) -> list[IncidentRow]:
    return [
        _incident_row(document_id, extraction_id, ordinal, candidate)
        for ordinal, candidate in enumerate(extraction.incidents)
    ]


def _incident_row(
    document_id: int, extraction_id: int, ordinal: int, candidate: CandidateIncident
) -> IncidentRow:
    place = candidate.place
    return IncidentRow(
        document_id=document_id,
        extraction_id=extraction_id,
        ordinal=ordinal,
        incident_type=candidate.incident_type.value,
        is_health_care=candidate.is_health_care,
        date=candidate.date.date if candidate.date else None,
        date_precision=candidate.date.precision.value if candidate.date else None,
        place_name=(place.resolved or place.name) if place else None,
        country_code=place.country_code if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        killed=listing_total(candidate.casualties, FigureKind.KILLED),
        injured=listing_total(candidate.casualties, FigureKind.INJURED),
        data=to_jsonable(candidate),
    )


def listing_total(figures: Iterable[Figure], kind: FigureKind) -> int | None:
    """A single number for listings, from the incident's own figures of ``kind``.

    Sources often repeat one figure, so within a victim group the largest source's count
    is taken, not the sum of the sources; but one source's figures told in different
    words ("the driver was injured ... a paramedic was hit") count different people and
    add up, as in the ledger. The groups are then totalled by the one rule of
    :mod:`carewatch.merge.totals`. The ledger of every figure stays in the incident's
    ``data``.
    """
    told: dict[tuple[VictimGroup, str | None], int] = {}
    for figure in figures:
        if figure.kind is kind and figure.scope is FigureScope.INCIDENT:
            key = (figure.victim_group, figure.source.label() if figure.source else None)
            told[key] = told.get(key, 0) + figure.count
    if not told:
        return None
    largest: dict[str, int] = {}
    for (group, _), count in told.items():
        field = f"{kind.value}:{group.value}"
        largest[field] = max(largest.get(field, 0), count)
    return total_of_counts(largest, kind.value)


def stored_document(row: DocumentRow) -> StoredDocument:
    return StoredDocument(
        id=row.id,
        sha256=row.sha256,
        origin=row.origin,
        media_type=row.media_type,
        title=row.title,
        published=row.published,
        url=row.url,
        source_name=row.source_name,
        ingested_at=row.ingested_at,
        text=row.text,
    )


def incident_summary(
    row: IncidentRow, origin: str, title: str | None, published: dt.date | None
) -> IncidentSummary:
    """A listing line; takes the document's few columns, not its (large) row."""
    return IncidentSummary(
        id=row.id,
        document_id=row.document_id,
        origin=origin,
        title=title,
        published=published,
        incident_type=row.incident_type,
        is_health_care=row.is_health_care,
        date=row.date,
        date_precision=row.date_precision,
        place_name=row.place_name,
        country_code=row.country_code,
        killed=row.killed,
        injured=row.injured,
    )
