"""The ingest pipeline: read reports, extract candidate incidents, store both, merge.

One document at a time, each stored in its own transaction together with its merge into
the incidents other reports describe, so a run that is stopped part-way keeps what it
finished (never a document without its merge) and the next run over the same inputs picks
up the rest (documents already stored are recognised by the SHA-256 of their bytes and
skipped).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal

from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

from .errors import InputError, StorageError
from .extract import Extractor, extractor_version, get_extractor
from .ingest import iter_documents
from .ingest.readers import read_bytes
from .ingest.records import Defaults, too_large
from .ingest.sniff import binary_kind, binary_problem, format_for_path
from .model import Document, Extraction
from .store import Database
from .store.database import error_reason
from .store.merged_writing import MergeCounts
from .store.merging import MergeFailed, store_and_merge

# "new": document and extraction stored; "known": both were there already;
# "extracted": the document was there, but not this extractor's reading of it.
Status = Literal["new", "known", "extracted"]


@dataclass(frozen=True)
class DocumentOutcome:
    """What happened to one document."""

    origin: str
    sha256: str
    status: Status
    document_id: int
    health_care_incidents: int = 0
    other_incidents: int = 0
    merged: MergeCounts = field(default_factory=MergeCounts)  # merged incidents it changed


@dataclass
class IngestSummary:
    """The totals of one run, and each document's outcome and each rejection in order."""

    documents_new: int = 0
    documents_known: int = 0
    documents_extracted: int = 0  # stored before, extracted now by this extractor
    health_care_incidents: int = 0
    other_incidents: int = 0
    incidents_created: int = 0  # merged incidents (one attack, many reports) new in this run
    incidents_updated: int = 0  # merged incidents that a document of this run added to
    rejected: list[InputError] = field(default_factory=list)
    outcomes: list[DocumentOutcome] = field(default_factory=list)
    # Stored reports this extractor read with an earlier build of its rules: ingest does
    # not read a known report again, ``carewatch reextract --outdated`` does.
    outdated: int = 0

    @property
    def incidents_found(self) -> int:
        """Candidate incidents found in this run (documents already known add none)."""
        return self.health_care_incidents + self.other_incidents

    def add(self, outcome: DocumentOutcome) -> None:
        self.outcomes.append(outcome)
        if outcome.status == "new":
            self.documents_new += 1
        elif outcome.status == "known":
            self.documents_known += 1
        else:
            self.documents_extracted += 1
        self.health_care_incidents += outcome.health_care_incidents
        self.other_incidents += outcome.other_incidents
        self.incidents_created += outcome.merged.created
        self.incidents_updated += outcome.merged.updated


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    database: Database,
    *,
    extractor_name: str,
    published: dt.date | None = None,
    source: str | None = None,
    url: str | None = None,
    max_bytes: int,
    on_progress: Callable[[DocumentOutcome | InputError], None] | None = None,
) -> IngestSummary:
    """Read every report under ``paths``, extract incidents from the new ones, store them.

    ``paths`` are files, folders or ``"-"`` (standard input); ``published``, ``source`` and
    ``url`` fill in what a document does not say itself. Unreadable inputs and documents
    the extractor fails on are collected in ``rejected`` and the run goes on, and so are
    documents the database refuses for their own values; a failure of the database itself
    (:class:`~carewatch.errors.StorageError`: no connection, locked, full) stops the run,
    keeping every document stored before it. ``on_progress`` is called
    once per input as soon as it is dealt with, with its outcome or its rejection (both
    have ``.origin``), so a caller can report as the run goes. Nothing is printed.
    """
    extractor = get_extractor(extractor_name)  # an unknown name fails before any reading
    summary = IngestSummary()
    items = iter_documents(paths, published=published, source=source, url=url, max_bytes=max_bytes)
    for item in items:
        result = (
            item if isinstance(item, InputError) else ingest_document(item, database, extractor)
        )
        if isinstance(result, InputError):
            summary.rejected.append(result)
        else:
            summary.add(result)
        if on_progress is not None:
            on_progress(result)
    summary.outdated = len(
        database.read_by_other_versions(extractor.name, extractor_version(extractor))
    )
    return summary


def ingest_document(
    document: Document, database: Database, extractor: Extractor
) -> DocumentOutcome | InputError:
    """Extract, store and merge one document unless this extractor has already read it.

    The document, its extraction and its merge are written in one transaction; a merge
    engine failure, or a value of this document the database refuses, rejects the
    document like an extractor failure, storing nothing of it.
    """
    document_id = database.find_document(document.sha256)
    if document_id is not None and database.has_extraction(document_id, extractor.name):
        return DocumentOutcome(document.origin, document.sha256, "known", document_id)
    try:
        extraction = extractor.extract(document.text, published=document.published)
    except Exception as exc:  # noqa: BLE001 - one report must not stop the run
        return InputError(
            document.origin,
            f"extractor {extractor.name} failed: {type(exc).__name__}: {exc}",
        )
    try:
        for _attempt in range(2):
            stored, merged = store_and_merge(database, document, extraction)
            if stored.extraction_added:
                status: Status = "new" if stored.created else "extracted"
                return _outcome(document, stored.document_id, status, extraction, merged)
            # Another run stored the document between our look-up and our write. With
            # this extractor's reading it is known, and its figures are that run's to
            # count; with only another extractor's, ours is added on the second attempt.
            if database.has_extraction(stored.document_id, extractor.name):
                break
    except MergeFailed as exc:
        return InputError(document.origin, str(exc))
    except StorageError as exc:
        cause = exc.__cause__
        if not isinstance(cause, SQLAlchemyError) or not _about_the_document(cause):
            raise
        reason = error_reason(cause).splitlines()[0]  # not PostgreSQL's CONTEXT lines
        return InputError(document.origin, f"could not store it: {reason}")
    except (ValueError, ArithmeticError, RecursionError) as exc:
        # Raised by a driver for one value it cannot take (SQLite and an integer past 64
        # bits): that document's, not the database's.
        return InputError(document.origin, f"could not store it: {type(exc).__name__}: {exc}")
    return DocumentOutcome(document.origin, document.sha256, "known", stored.document_id)


def _about_the_document(cause: SQLAlchemyError) -> bool:
    """Whether a store failure is about one document's values (a figure too large for its
    column, a value a constraint or a trigger refuses), so that the run can go on without
    it; a lost connection, a lock held too long, a full disk or a missing table is about
    the database, and stops the run."""
    if getattr(cause, "connection_invalidated", False):
        return False
    sqlstate = getattr(getattr(cause, "orig", None), "sqlstate", None)
    if sqlstate:  # PostgreSQL names the class: data, integrity, or raised by a trigger
        return str(sqlstate)[:2] in ("22", "23", "P0")
    return isinstance(cause, (DataError, IntegrityError))


def _outcome(
    document: Document,
    document_id: int,
    status: Status,
    extraction: Extraction,
    merged: MergeCounts,
) -> DocumentOutcome:
    health_care = len(extraction.health_care_incidents)
    return DocumentOutcome(
        origin=document.origin,
        sha256=document.sha256,
        status=status,
        document_id=document_id,
        health_care_incidents=health_care,
        other_incidents=len(extraction.incidents) - health_care,
        merged=merged,
    )


def ingest_upload(
    raw: bytes,
    filename: str,
    database: Database,
    *,
    extractor_name: str,
    published: dt.date | None = None,
    source: str | None = None,
    url: str | None = None,
    max_bytes: int,
) -> IngestSummary:
    """:func:`ingest` for one file already in memory (a report uploaded through the web
    app); its format is taken from the file name's extension, else sniffed."""
    extractor = get_extractor(extractor_name)
    summary = IngestSummary()
    origin = f"upload:{PurePath(filename).name or 'report'}"
    if len(raw) > max_bytes:
        summary.rejected.append(InputError(origin, too_large("upload", len(raw), max_bytes)))
        return summary
    if not raw.strip():
        summary.rejected.append(InputError(origin, "empty file"))
        return summary
    defaults = Defaults(published=published, source=source, url=url)
    kind = binary_kind(raw[:64])
    if kind is not None:
        summary.rejected.append(InputError(origin, binary_problem(kind)))
        return summary
    for item in read_bytes(raw, format_for_path(filename), origin, defaults, max_bytes,
                           media_type_for=PurePath(filename)):
        result = item if isinstance(item, InputError) else ingest_document(item, database,
                                                                            extractor)
        if isinstance(result, InputError):
            summary.rejected.append(result)
        else:
            summary.add(result)
    return summary
