"""``carewatch reextract``: read the stored reports again with the extractor as it is now."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import InputError
from .neutral import SafeConsole, markup_line
from .options import database_option, extractor_option, open_database

if TYPE_CHECKING:
    from ..reextract import Reread, RereadSummary


@click.command(short_help="Read the stored reports again and merge what changed.")
@click.argument("document_ids", nargs=-1, type=int, metavar="[DOCUMENT_ID...]")
@click.option(
    "--outdated",
    is_flag=True,
    help="Only reports the extractor read with an earlier build of its rules.",
)
@database_option
@extractor_option
def reextract(
    document_ids: tuple[int, ...],
    outdated: bool,
    database_url: str | None,
    extractor_name: str | None,
) -> None:
    """Read every stored report (or only DOCUMENT_ID...) again with the extractor, and
    where its reading changed, replace it and merge the report again.

    Ingest reads a report once, so a database filled by an older CareWatch keeps the
    older reading; run this after upgrading (ingest says when stored reports were read
    by earlier rules, and --outdated reads only those), or to read the reports with
    another extractor. Each report is read from its stored text and publication date and
    written in its own transaction, so a stopped run can be run again. Analysts'
    merge and split decisions and their reviews stay; merged incidents keep their ids
    where the report's incidents keep their places in it.

    \b
    Exit codes:
      0  every report was read again
      1  the extractor or the merge failed on a report (it keeps its old reading),
         or a CareWatch error stopped the run

    \b
    Examples:
      carewatch reextract
      carewatch reextract --outdated
      carewatch reextract 3 7 --db sqlite:///team.db
    """
    from ..extract import get_extractor
    from ..reextract import documents_to_read
    from ..reextract import reextract as run
    from ..settings import load_settings

    settings = load_settings(database_url=database_url, extractor=extractor_name)
    err = SafeConsole(stderr=True, highlight=False, soft_wrap=True)
    with open_database(settings.database_url) as database:
        extractor = get_extractor(settings.extractor)
        ids = documents_to_read(database, extractor, document_ids or None, outdated=outdated)
        progress = Progress(
            TextColumn("reading again"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} reports"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        )
        task = progress.add_task("", total=len(ids))

        def report(result: Reread | InputError) -> None:
            if isinstance(result, InputError):
                progress.console.print(f"failed, old reading kept: {markup_line(str(result))}")
            progress.advance(task)

        with progress:
            summary = run(
                database,
                extractor_name=settings.extractor,
                document_ids=ids,
                on_progress=report,
            )
    click.echo(summary_line(summary, settings.extractor))
    if summary.failed:
        raise click.exceptions.Exit(1)


def summary_line(summary: RereadSummary, extractor: str) -> str:
    """``3 reports read again with NAME: 1 changed, 2 unchanged, 0 failed; merged
    incidents: 0 created, 1 updated, 0 removed``."""
    total = summary.changed + summary.unchanged + len(summary.failed)
    merged = summary.merged
    return (
        f"{total} {'report' if total == 1 else 'reports'} read again with {extractor}: "
        f"{summary.changed} changed, {summary.unchanged} unchanged, "
        f"{len(summary.failed)} failed; merged incidents: {merged.created} created, "
        f"{merged.updated} updated, {merged.removed} removed"
    )
