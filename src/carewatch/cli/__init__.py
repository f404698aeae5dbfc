"""The ``carewatch`` command: a thin click layer over the library.

Each command lives in its own module and calls the library; nothing here extracts,
stores or reads the environment itself (settings come from :func:`load_settings`).
Errors CareWatch raises on purpose (:class:`~carewatch.errors.CareWatchError`) become
one line, ``error: <message>``, on standard error and exit code 1, never a traceback.
"""

from __future__ import annotations

import sys
from typing import IO, Any

import click

from .. import __version__
from ..errors import CareWatchError
from .evaluate import evaluate
from .extract import extract
from .facilities import facilities
from .incidents import incidents, show
from .ingest import ingest
from .merging import merge, rebuild, split
from .neutral import one_line
from .reextract import reextract
from .situation import situation
from .web import serve, users

__all__ = ["cli", "main"]


class ErrorLine(click.ClickException):
    """A CareWatchError as click shows it: ``error: <message>``, exit code 1."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"error: {one_line(self.format_message())}", err=True, file=file)


class CareWatchGroup(click.Group):
    """A click group that turns CareWatchError into an :class:`ErrorLine`."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CareWatchError as exc:
            raise ErrorLine(str(exc)) from exc


@click.group(
    cls=CareWatchGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "-V", "--version", prog_name="carewatch")
def cli() -> None:
    """CareWatch turns reports of attacks on health care in armed conflict into
    structured, sourced incidents: who was attacked, where, when, by what means and by
    whom, each value next to the words of the report that support it.

    \b
    A typical session:
      carewatch ingest examples/reports      read reports into the database
      carewatch incidents                    list the incidents, each merged from its reports
      carewatch show 3                       one incident, every source's claim quoted
      carewatch merge 3 7                    two incidents are one attack (or: split)
      carewatch extract report.txt --published 2016-09-28
                                             try the extractor without storing
      carewatch evaluate coded.jsonl         measure it against coded incidents
      carewatch users add ana --role analyst create a user of the web app
      carewatch serve                        the web app on http://127.0.0.1:8000/

    The database is SQLite file ./carewatch.db unless --db or CAREWATCH_DATABASE_URL
    says otherwise (any SQLAlchemy URL, e.g. postgresql+psycopg://user@host/carewatch).

    \b
    Exit codes: 0 success; 1 an input was rejected or a CareWatch error
    (the message says which); 2 the command line itself was wrong.
    """


cli.add_command(ingest)
cli.add_command(extract)
cli.add_command(incidents)
cli.add_command(show)
cli.add_command(merge)
cli.add_command(split)
cli.add_command(rebuild)
cli.add_command(reextract)
cli.add_command(evaluate)
cli.add_command(facilities)
cli.add_command(situation)
cli.add_command(serve)
cli.add_command(users)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``carewatch`` console script."""
    try:
        cli.main(args=argv, prog_name="carewatch")
    except CareWatchError as exc:  # raised outside a command, e.g. while parsing settings
        click.echo(f"error: {one_line(str(exc))}", err=True)
        sys.exit(1)
