"""Options several commands share, and the settings they override."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import NoDatabaseError

if TYPE_CHECKING:
    from ..store import Database

F = TypeVar("F", bound=Callable[..., Any])


def database_option(command: F) -> F:
    """``--db URL``: the database, overriding CAREWATCH_DATABASE_URL."""
    return click.option(
        "--db",
        "database_url",
        metavar="URL",
        help="Database URL (SQLAlchemy form). Default: CAREWATCH_DATABASE_URL, "
        "else sqlite:///./carewatch.db in the current directory.",
    )(command)


def extractor_option(command: F) -> F:
    """``--extractor NAME``: a registered extractor, overriding CAREWATCH_EXTRACTOR."""
    return click.option(
        "--extractor",
        "extractor_name",
        metavar="NAME",
        help="Registered extractor to use. Default: CAREWATCH_EXTRACTOR, "
        "else carewatch.rules.v1.",
    )(command)


def published_option(help_text: str) -> Callable[[F], F]:
    """``--published YYYY-MM-DD``, parsed to a :class:`datetime.date`."""
    return click.option(
        "--published",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        metavar="YYYY-MM-DD",
        callback=_to_date,
        help=help_text,
    )


def _to_date(_ctx: click.Context, _param: click.Parameter, value: Any) -> dt.date | None:
    return value.date() if value is not None else None


def open_database(url: str, *, create: bool = False) -> Database:
    """The database at ``url``, migrated.

    Only commands that put something in (``ingest``, ``facilities import``, ``users add``,
    ``serve``) pass ``create``; the others, run in the wrong folder or with a mistyped
    URL, say there is no database (:class:`NoDatabaseError`) rather than create an empty
    ``carewatch.db`` and report that it holds nothing.
    """
    from ..store import Database

    if not create:
        _sqlite_file_must_exist(url)
    database = Database(url, migrate=False)
    try:
        if not create and not _has_schema(database):
            raise NoDatabaseError(
                f"no CareWatch database at {database.url.render_as_string(hide_password=True)}"
                f" (it has no CareWatch tables); {_WAY_OUT}"
            )
        database.migrate()
    except BaseException:
        database.close()
        raise
    return database


_WAY_OUT = (
    "'carewatch ingest PATH...' creates one; --db or CAREWATCH_DATABASE_URL names another"
)


def _sqlite_file_must_exist(url: str) -> None:
    """Checked before connecting: SQLite creates the file on the first connection."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return  # Database says what is wrong with the URL
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return
    if parsed.query.get("mode") == "memory":
        return
    path = Path(parsed.database).expanduser()
    if not path.exists():
        raise NoDatabaseError(f"no database at {path.resolve()}; {_WAY_OUT}")


def _has_schema(database: Database) -> bool:
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    from ..errors import StorageError
    from ..store.database import error_reason

    try:
        return inspect(database.engine).has_table("alembic_version")
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot open {database!r}: {error_reason(exc)}") from exc
