"""``carewatch ingest``: read reports, extract their incidents, store both."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..errors import InputError
from .neutral import SafeConsole, markup_line
from .options import database_option, extractor_option, open_database, published_option

if TYPE_CHECKING:
    from ..pipeline import DocumentOutcome, IngestSummary
    from ..store import Database


@click.command(short_help="Read reports, extract their incidents and store both.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@published_option(
    "Publication date for reports that do not give one themselves (plain text has no "
    "metadata); anchors relative dates such as 'last Thursday'."
)
@click.option("--source", metavar="NAME", help="Publisher to record for reports that name none.")
@click.option("--url", metavar="URL", help="Address to record for reports that give none.")
@database_option
@extractor_option
def ingest(
    paths: tuple[str, ...],
    published: dt.date | None,
    source: str | None,
    url: str | None,
    database_url: str | None,
    extractor_name: str | None,
) -> None:
    """Read reports from each PATH, extract their incidents and store both.

    PATH is a file, a folder (read recursively, hidden files skipped) or '-' for
    standard input. Formats, by extension: .txt/.md and unknown names (the whole file is
    one report), .html/.htm (the article text, title and date of the page), .json (one
    record or a list), .jsonl (one record a line) and .csv (a header row with a 'text'
    column). Records may also carry 'title', 'published', 'url' and 'source'; a report's
    own metadata wins over --published, --source and --url.

    A report is stored once: its bytes are hashed, and a report already in the database
    is reported as 'already known' and not read again ('carewatch reextract' reads the
    stored reports again after an upgrade). Each input that cannot be read
    (empty, binary, malformed, too large) is reported on standard error as
    'rejected: ORIGIN: PROBLEM', and the run carries on with the rest.

    \b
    Exit codes:
      0  every input was read (new or already known)
      1  at least one input was rejected, or a CareWatch error stopped the run

    \b
    Examples:
      carewatch ingest examples/reports
      carewatch ingest article.txt --published 2016-09-28 --source "The Independent"
      cat reports.jsonl | carewatch ingest - --db sqlite:///reports.db
    """
    from ..settings import load_settings

    settings = load_settings(database_url=database_url, extractor=extractor_name)
    err = SafeConsole(stderr=True, highlight=False, soft_wrap=True)
    with open_database(settings.database_url, create=True) as database:
        summary = run_with_progress(
            paths,
            database,
            err,
            extractor_name=settings.extractor,
            published=published,
            source=source,
            url=url,
            max_bytes=settings.max_document_bytes,
        )
    click.echo(summary_line(summary))
    if summary.outdated:
        err.print(
            f"note: {summary.outdated} stored {_plural(summary.outdated, 'report')} "
            f"{'was' if summary.outdated == 1 else 'were'} read by an earlier build of "
            f"{settings.extractor}; 'carewatch reextract --outdated' reads "
            f"{'it' if summary.outdated == 1 else 'them'} again"
        )
    if summary.rejected:
        raise click.exceptions.Exit(1)


def run_with_progress(
    paths: tuple[str, ...],
    database: Database,
    err: Console,
    *,
    extractor_name: str,
    published: dt.date | None,
    source: str | None,
    url: str | None,
    max_bytes: int,
) -> IngestSummary:
    """Run :func:`carewatch.pipeline.ingest`, printing each rejection and duplicate as it
    happens.

    A spinner with a running count shows on standard error when it is a terminal.
    """
    from .. import pipeline

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} documents"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,  # no spinner (nor blank line) in logs and pipes
    )
    task = progress.add_task("ingesting", total=None)

    def report(result: DocumentOutcome | InputError) -> None:
        if isinstance(result, InputError):
            progress.console.print(f"rejected: {markup_line(str(result))}")
        elif result.status == "known":
            progress.console.print(
                f"already known: {markup_line(result.origin)} "
                f"(document {result.document_id}), not read again"
            )
        progress.update(task, advance=1, description=markup_line(_short(result.origin)))

    with progress:
        return pipeline.ingest(
            paths,
            database,
            extractor_name=extractor_name,
            published=published,
            source=source,
            url=url,
            max_bytes=max_bytes,
            on_progress=report,
        )


def summary_line(summary: IngestSummary) -> str:
    """``3 documents new, 1 already known, 2 rejected; 5 incidents found (4 attacks on
    health care); 3 merged incidents created, 1 updated``."""
    parts = [f"{summary.documents_new} {_plural(summary.documents_new, 'document')} new"]
    if summary.documents_extracted:
        parts.append(f"{summary.documents_extracted} stored before and extracted now")
    parts.append(f"{summary.documents_known} already known")
    parts.append(f"{len(summary.rejected)} rejected")
    found = summary.incidents_found
    health = summary.health_care_incidents
    return (
        ", ".join(parts)
        + f"; {found} {_plural(found, 'incident')} found"
        + f" ({health} {_plural(health, 'attack')} on health care)"
        + f"; {summary.incidents_created} merged {_plural(summary.incidents_created, 'incident')}"
        + f" created, {summary.incidents_updated} updated"
    )


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


def _short(origin: str, width: int = 60) -> str:
    return origin if len(origin) <= width else "…" + origin[-(width - 1) :]
