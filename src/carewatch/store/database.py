"""The :class:`Database`: open (and migrate) a SQLite or PostgreSQL database, store, query.

Every query is built with SQLAlchemy constructs, never from strings, so nothing a report
says can reach the SQL.
"""

from __future__ import annotations

import json
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any, Self

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, func, or_, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from ..errors import NotFoundError, StorageError
from ..model import Document, Extraction
from ..storable import storable
from .rows import (
    IncidentDetail,
    IncidentListing,
    IncidentSummary,
    Stored,
    StoredDocument,
    document_row,
    extraction_row,
    incident_rows,
    incident_summary,
    stored_document,
)
from .tables import DocumentRow, ExtractionRow, IncidentRow

# How long a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_MS = 30_000
# The key of PostgreSQL's advisory lock that migrations take (any number of our own).
MIGRATION_LOCK = 0x43617265_57617463  # "CareWatc"


class Database:
    """A CareWatch database, migrated to the current schema when opened.

    ``url`` is a SQLAlchemy URL: ``sqlite:///path/to/carewatch.db`` (the default kind) or
    ``postgresql://user@host/name`` (needs the ``postgres`` extra). Use it as a context
    manager, or call :meth:`close`, to release its connections.
    """

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = _parse_url(url)
        self.engine = _create_engine(self.url)
        if migrate:
            self.migrate()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Database({self.url.render_as_string(hide_password=True)!r})"

    def migrate(self) -> None:
        """Bring the schema up to the newest migration (does nothing when already there)."""
        # importlib.resources finds the migrations wherever the package is installed.
        with as_file(files("carewatch.store").joinpath("migrations")) as location:
            config = Config()
            # Config values go through configparser, which treats "%" as interpolation.
            config.set_main_option("script_location", str(location).replace("%", "%%"))
            try:
                if self._revision() == ScriptDirectory.from_config(config).get_current_head():
                    return
                with self.engine.begin() as connection:
                    _one_migration_at_a_time(connection)
                    config.attributes["connection"] = connection
                    command.upgrade(config, "head")  # nothing left if another migrated first
            except SQLAlchemyError as exc:
                raise StorageError(f"cannot open or migrate {self!r}: {error_reason(exc)}") from exc
            except CommandError as exc:  # e.g. a revision from a newer CareWatch
                raise StorageError(f"cannot migrate {self!r}: {exc}") from exc

    def _revision(self) -> str | None:
        """The schema's migration, without waiting for any lock (None for a new database)."""
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def find_document(self, sha256: str) -> int | None:
        """The id of the document whose raw bytes have this SHA-256, if stored."""
        with Session(self.engine) as session:
            return session.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha256))

    def has_extraction(self, document_id: int, extractor: str) -> bool:
        """Whether ``extractor`` has already been run over the document."""
        query = select(ExtractionRow.id).where(
            ExtractionRow.document_id == document_id, ExtractionRow.extractor == extractor
        )
        with Session(self.engine) as session:
            return session.scalar(query) is not None

    def store(self, document: Document, extraction: Extraction) -> Stored:
        """Store a document with its extraction and incidents, all in one transaction.

        A document already stored (same SHA-256) is not stored again; its extraction is
        added only if this extractor has not been run over it yet. Either everything is
        written or nothing is, so an interrupted run never leaves half a document.
        """
        try:
            with Session(self.engine) as session, session.begin():
                return store_document(session, document, extraction)
        except SQLAlchemyError as exc:
            return self.recover_from_store_error(document, exc)

    def recover_from_store_error(self, document: Document, exc: SQLAlchemyError) -> Stored:
        """What storing ``document`` comes to once its transaction failed with ``exc``.

        Two processes may read the same report at once: the one that loses the race on
        the document's SHA-256 gets the other's document back (not created). Any other
        failure raises :class:`StorageError`. For callers that store in their own
        transaction with :func:`store_document`.
        """
        if isinstance(exc, IntegrityError):
            existing = self.find_document(document.sha256)
            if existing is not None:
                return Stored(existing, created=False, extraction_added=False)
        raise StorageError(f"could not store {document.origin}: {error_reason(exc)}") from exc

    def document_ids(self) -> list[int]:
        """Every stored document's id, oldest first."""
        with Session(self.engine) as session:
            return list(session.scalars(select(DocumentRow.id).order_by(DocumentRow.id)))

    def read_by_other_versions(self, extractor: str, version: str | None) -> list[int]:
        """Documents whose reading by ``extractor`` another build of its rules made (or one
        that did not record its build); none when ``version`` is None."""
        if version is None:
            return []
        query = (
            select(ExtractionRow.document_id)
            .where(
                ExtractionRow.extractor == extractor,
                or_(
                    ExtractionRow.extractor_version.is_(None),
                    ExtractionRow.extractor_version != version,
                ),
            )
            .order_by(ExtractionRow.document_id)
        )
        with Session(self.engine) as session:
            return list(session.scalars(query))

    def count_documents(self) -> int:
        return self._count(select(func.count()).select_from(DocumentRow))

    def count_incidents(self, *, health_care_only: bool = False) -> int:
        query = select(func.count()).select_from(IncidentRow)
        if health_care_only:
            query = query.where(IncidentRow.is_health_care.is_(True))
        return self._count(query)

    def _count(self, query: Any) -> int:
        with Session(self.engine) as session:
            return int(session.scalar(query) or 0)

    def list_incidents(
        self, *, limit: int = 50, offset: int = 0, health_care_only: bool = False
    ) -> list[IncidentSummary]:
        """Incidents in the order they were stored, with their document's origin and title."""
        listing = self.list_incidents_with_data(
            limit=limit, offset=offset, health_care_only=health_care_only
        )
        return [line.incident for line in listing]

    def list_incidents_with_data(
        self, *, limit: int = 50, offset: int = 0, health_care_only: bool = False
    ) -> list[IncidentListing]:
        """:meth:`list_incidents` with each incident's ``data``, in one query.

        For listings that show facilities, means or perpetrators. The document's text is
        not read; :meth:`get_incident` gives one incident with it.
        """
        query = (
            select(IncidentRow, DocumentRow.origin, DocumentRow.title, DocumentRow.published)
            .join(DocumentRow, IncidentRow.document_id == DocumentRow.id)
            .order_by(IncidentRow.id)
            .limit(limit)
            .offset(offset)
        )
        if health_care_only:
            query = query.where(IncidentRow.is_health_care.is_(True))
        with Session(self.engine) as session:
            return [
                IncidentListing(incident_summary(*row), row[0].data)
                for row in session.execute(query)
            ]

    def get_incident(self, incident_id: int) -> IncidentDetail:
        """One incident in full, with the text of its document; NotFoundError if absent."""
        with Session(self.engine) as session:
            row = session.get(IncidentRow, incident_id)
            if row is None:
                raise NotFoundError(f"no incident with id {incident_id}")
            document = row.extraction.document
            return IncidentDetail(
                incident=incident_summary(row, document.origin, document.title, document.published),
                extractor=row.extraction.extractor,
                data=row.data,
                document=stored_document(document),
            )

    def get_document(self, document_id: int) -> StoredDocument:
        """One stored document, without its raw bytes; NotFoundError if absent."""
        with Session(self.engine) as session:
            row = session.get(DocumentRow, document_id)
            if row is None:
                raise NotFoundError(f"no document with id {document_id}")
            return stored_document(row)


def store_document(session: Session, document: Document, extraction: Extraction) -> Stored:
    """:meth:`Database.store` inside the caller's transaction (which commits, or rolls back
    and passes the error to :meth:`Database.recover_from_store_error`)."""
    document_id = session.scalar(
        select(DocumentRow.id).where(DocumentRow.sha256 == document.sha256)
    )
    created = document_id is None
    if document_id is None:
        row = document_row(document)
        session.add(row)
        session.flush()  # assigns row.id
        document_id = row.id
    else:
        already = select(ExtractionRow.id).where(
            ExtractionRow.document_id == document_id,
            ExtractionRow.extractor == extraction.extractor,
        )
        if session.scalar(already) is not None:
            return Stored(document_id, created=False, extraction_added=False)
    extraction_record = extraction_row(document_id, extraction)
    session.add(extraction_record)
    session.flush()
    session.add_all(incident_rows(document_id, extraction_record.id, extraction))
    return Stored(document_id, created=created)


def _parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(
            f"not a database URL: {url!r} (expected e.g. sqlite:///carewatch.db)"
        ) from None
    if parsed.drivername == "postgresql":
        # The "postgres" extra installs psycopg 3, not SQLAlchemy's default psycopg2.
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _one_migration_at_a_time(connection: Connection) -> None:
    """Hold, until the migration's transaction ends, a lock that every migration takes.

    Processes that open a new or older database together (a server and an ingest started
    at once) would each create or alter the tables, and all but one would fail: with the
    lock the first migrates and the others wait for it, then find nothing left to do.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK)))
    elif connection.dialect.name == "sqlite":
        # SQLite's write lock, taken now rather than at the first write; the migration's
        # statements then also run in this one transaction.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _create_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        try:
            engine = create_engine(url, pool_pre_ping=True, json_serializer=_storable_json)
        except ImportError as exc:
            raise StorageError(
                f"cannot use database URL {url.render_as_string()!r}: its driver is not "
                f"installed ({exc}); for PostgreSQL install the postgres extra, which brings "
                "psycopg: pip install 'carewatch[postgres]'"
            ) from exc
        except ArgumentError as exc:
            raise StorageError(
                f"cannot use database URL {url.render_as_string()!r}: {exc}"
            ) from exc
    else:
        in_memory = url.database in (None, "", ":memory:")
        if not in_memory:
            folder = Path(url.database or "").expanduser().resolve().parent
            if not folder.is_dir():
                raise StorageError(
                    f"cannot create database {url.database}: folder {folder} does not exist"
                )
        engine = create_engine(url, json_serializer=_storable_json)
        event.listen(engine, "connect", _sqlite_pragmas(wal=not in_memory))
    # Every string that reaches either database, on every table, goes through storable():
    # the statement's parameters here, JSON values in _storable_json.
    event.listen(engine, "before_cursor_execute", _storable_parameters, retval=True)
    return engine


def _storable_json(value: Any) -> str:
    return json.dumps(storable(value))


def _storable_parameters(
    _connection: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
    _executemany: bool,
) -> tuple[str, Any]:
    return statement, storable(parameters)


def _sqlite_pragmas(*, wal: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")  # SQLite leaves them off otherwise
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if wal:
            # Readers (the web app) do not block the writer (an ingest run), and a commit
            # is atomic even if the process is killed.
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    return on_connect


def error_reason(exc: SQLAlchemyError) -> str:
    """The database's own message, without SQLAlchemy's statement dump and links."""
    original = getattr(exc, "orig", None)
    return str(original) if original is not None else str(exc).split("\n")[0]
