"""``carewatch extract``: what the extractor finds in one report, without storing it."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

import click
from rich.table import Table

from ..errors import InputError
from ..model import Document, Extraction
from .evidence import (
    Evidence,
    claim_evidence,
    date_label,
    incident_evidence,
    place_label,
    situation_evidence,
)
from .neutral import markup_line
from .options import extractor_option, published_option
from .output import Output, output_options


@click.command(short_help="Print what the extractor finds in one report, without storing it.")
@click.argument("file", metavar="FILE|-")
@published_option(
    "Publication date of the report; anchors relative dates such as 'last Thursday'. "
    "A date in the report's own metadata (HTML meta tags, a record's 'published') wins."
)
@extractor_option
@output_options("table", "json", default="table")
def extract(
    file: str, published: dt.date | None, extractor_name: str | None, out: Output
) -> None:
    """Print what the extractor finds in FILE (or standard input, '-'), without storing it.

    FILE may be plain text, HTML, JSON, JSON Lines or CSV (see 'carewatch ingest --help').
    The table shows each incident's values beside the quoted words that support them,
    then figures about wider events and facts about the state of health care.

    --format json prints the extraction (incidents, claims, situation facts, places and
    dates, every value with its span offsets) and a 'document' object with the text's
    origin, length and SHA-256. A file of several records (JSON Lines, CSV) prints a
    JSON array with one such object per record.

    \b
    Examples:
      carewatch extract report.txt --published 2016-09-28
      curl -s https://example.org/article.html | carewatch extract - --format json
    """
    from .. import extract as run_extractor
    from ..ingest import iter_documents
    from ..settings import load_settings

    settings = load_settings(extractor=extractor_name)
    results: list[dict[str, Any]] = []
    for item in iter_documents(
        [file], published=published, max_bytes=settings.max_document_bytes
    ):
        if isinstance(item, InputError):
            raise item
        extraction = run_extractor(item.text, item.published, settings.extractor)
        if out.format == "json":
            results.append(extraction_json(item, extraction))
        else:
            print_extraction(out, item, extraction)
    if out.format == "json":
        out.json(results[0] if len(results) == 1 else results)


def extraction_json(document: Document, extraction: Extraction) -> dict[str, Any]:
    """``extraction.to_dict()`` with a ``document`` object describing what was read."""
    data = extraction.to_dict()
    data["document"] = document_summary(document)
    return data


class _DocumentLike(Protocol):
    """What a stored or a freshly read document both have (read-only)."""

    @property
    def origin(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def published(self) -> dt.date | None: ...
    @property
    def source_name(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def media_type(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def text(self) -> str: ...


def document_summary(document: _DocumentLike) -> dict[str, Any]:
    return {
        "origin": document.origin,
        "title": document.title,
        "published": document.published.isoformat() if document.published else None,
        "source": document.source_name,
        "url": document.url,
        "media_type": document.media_type,
        "sha256": document.sha256,
        "text_length": len(document.text),
        "text_words": len(document.text.split()),
    }


def print_extraction(out: Output, document: Document, extraction: Extraction) -> None:
    """The table format: a header, then one evidence table per incident, then the rest."""
    data = extraction.to_dict()
    text = document.text
    published = document.published.isoformat() if document.published else "unknown"
    if document.published is None and extraction.published is not None:
        published = f"{extraction.published.isoformat()} (from the report's dateline)"
    out.print(
        f"[bold]{markup_line(document.origin)}[/bold]"
        + (f" — {markup_line(document.title)}" if document.title else "")
        + f"\npublished {published}; {len(text):,} characters; sha256 {document.sha256[:12]}…; "
        f"extractor {markup_line(extraction.extractor)}"
    )
    incidents = data["incidents"]
    health = sum(1 for i in extraction.incidents if i.is_health_care)
    out.print(
        f"{len(incidents)} incident(s) found, {health} of them attack(s) on health care"
    )
    for number, incident in enumerate(incidents, start=1):
        out.print(evidence_table(f"incident {number}", incident_evidence(incident, text)))
    claims = [claim_evidence(f, text) for f in data["claims"]]
    if claims:
        out.print(evidence_table("figures about wider events", claims))
    facts = [situation_evidence(f, text) for f in data["situation"]]
    if facts:
        out.print(evidence_table("state of health care", facts))
    places = sorted({place_label(p) for p in data["places"]})
    if places:
        out.print("places mentioned: " + markup_line("; ".join(places)))
    dates = sorted({date_label(d) for d in data["dates"]})
    if dates:
        out.print("dates mentioned: " + markup_line("; ".join(dates)))
    out.print("")


def evidence_table(title: str, rows: list[Evidence]) -> Table:
    """Three columns: the field, its value, and the quoted words with their source."""
    table = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 2))
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    table.add_column("evidence", overflow="fold", style="italic")
    for row in rows:
        table.add_row(*evidence_cells(row))
    return table


def evidence_cells(row: Evidence) -> tuple[str, str, str]:
    """A row of evidence as table cells: report words never taken as markup or controls."""
    return markup_line(row.field), markup_line(row.value), markup_line(row.evidence_text())
