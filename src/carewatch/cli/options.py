"""Options several commands share, and the settings they override."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click

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
