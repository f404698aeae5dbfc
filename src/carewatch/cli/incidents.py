"""``carewatch incidents`` (the listing) and ``carewatch show`` (one incident, with evidence).

Both show merged incidents (one attack, all its reports; :mod:`.merging` renders them),
or with ``--candidates``/``--candidate`` the candidate incidents each report gave.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.table import Table

from .evidence import (
    Evidence,
    humanise,
    incident_evidence,
)
from .extract import document_summary, evidence_cells
from .merged_views import merged_json, merged_row, print_merged, row_head, unique
from .neutral import markup_line
from .options import database_option, open_database
from .output import Column, Output, output_options

if TYPE_CHECKING:
    from ..store import Database, IncidentDetail, IncidentSummary

DEFAULT_LIMIT = 100


# Merged incidents. Tables show a few combined columns; JSON and CSV keep each value in
# its own key.
MERGED_TABLE_COLUMNS = [
    Column("id", "id", no_wrap=True),
    Column("when", "date", no_wrap=True),
    Column("type", "type"),
    Column("facilities", "facilities"),
    Column("place", "place"),
    Column("certainty", "certainty"),
    Column("killed_injured", "killed/\ninjured", no_wrap=True),
    Column("reports", "reports", no_wrap=True),
]
MERGED_DATA_COLUMNS = [
    Column(key, key)
    for key in (
        "id",
        "date",
        "date_precision",
        "incident_type",
        "types",
        "is_health_care",
        "facilities",
        "place",
        "country_code",
        "means",
        "perpetrators",
        "attribution_contested",
        "certainty",
        "certainty_reason",
        "killed",
        "killed_min",
        "killed_max",
        "injured",
        "injured_min",
        "injured_max",
        "figures",
        "sources",
        "reports",
        "documents",
        "candidates",
    )
]

# Candidate incidents (one report's reading each), for --candidates.
TABLE_COLUMNS = [
    Column("id", "id", no_wrap=True),
    Column("when", "date", no_wrap=True),
    Column("type", "type"),
    Column("facilities", "facilities"),
    Column("place", "place"),
    Column("means", "means"),
    Column("perpetrator_names", "perpetrators"),
    Column("killed_injured", "killed/\ninjured", no_wrap=True),
    Column("document_label", "document"),
]
DATA_COLUMNS = [
    Column(key, key)
    for key in (
        "id",
        "date",
        "date_precision",
        "incident_type",
        "types",
        "is_health_care",
        "facilities",
        "place",
        "country_code",
        "means",
        "perpetrators",
        "killed",
        "injured",
        "document_id",
        "document",
    )
]


@click.command(short_help="List the stored incidents (attacks on health care by default).")
@database_option
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=DEFAULT_LIMIT,
    show_default=True,
    metavar="N",
    help="Show at most N incidents.",
)
@click.option(
    "--all",
    "include_all",
    is_flag=True,
    help="Include violent incidents that are not attacks on health care "
    "(a market bombing, say), not only attacks on health care.",
)
@click.option(
    "--candidates",
    is_flag=True,
    help="List the candidate incidents each report gave (one line per report and attack, "
    "as extracted), instead of the merged incidents.",
)
@output_options("table", "json", "csv")
def incidents(
    database_url: str | None, limit: int, include_all: bool, candidates: bool, out: Output
) -> None:
    """List the incidents stored in the database, by date.

    An incident is one attack as all the reports of it describe it: reports of the same
    attack (same facility or place, same day) are merged, and where they disagree the
    figures are given as ranges ("2–3" killed) with every source kept in the claim ledger
    ('carewatch show ID'). By default only attacks on health care are listed (on
    facilities, transport, health workers or patients; obstruction, looting, arrests and
    kidnappings); --all adds the other violent incidents the reports describe.

    Each line gives the incident's id (for 'carewatch show ID'), its date and how precise
    that date is, its types, the facilities hit, the place, how certain it is (rumour,
    possible, probable, confirmed), the number killed and injured as the range the
    sources span, and the number of reports. JSON and CSV add the means, perpetrators,
    each figure's range and sources, and the document and candidate ids.

    With --candidates, the candidate incidents are listed instead, oldest first: one per
    report and attack, with the largest figure that report gave and the document.

    \b
    Examples:
      carewatch incidents
      carewatch incidents --all --format csv -o incidents.csv
      carewatch incidents --format json | jq '.[] | select(.killed_max > 0)'
      carewatch incidents --candidates
    """
    from ..settings import load_settings

    settings = load_settings(database_url=database_url)
    health_care_only = not include_all
    with open_database(settings.database_url) as database:
        if candidates:
            rows, total = _candidate_rows(database, limit, health_care_only)
        else:
            rows, total = _merged_rows(database, limit, health_care_only)
    if out.format != "table":
        out.rows(DATA_COLUMNS if candidates else MERGED_DATA_COLUMNS, rows)
        return
    kind = "incidents" if include_all else "attacks on health care"
    if candidates:
        kind = "candidate " + kind
    if not rows:
        out.print(f"No {kind} stored yet. Run 'carewatch ingest PATH...' first.")
        return
    caption = f"{len(rows)} of {total} {kind}"
    if len(rows) < total:
        caption += f"; use --limit {total} to see them all"
    out.rows(TABLE_COLUMNS if candidates else MERGED_TABLE_COLUMNS, rows, caption=caption)


def _merged_rows(
    database: Database, limit: int, health_care_only: bool
) -> tuple[list[dict[str, Any]], int]:
    from ..store.merged_reading import count_merged, list_merged

    listing = list_merged(database, limit=limit, health_care_only=health_care_only)
    total = count_merged(database, health_care_only=health_care_only)
    return [merged_row(line) for line in listing], total


def _candidate_rows(
    database: Database, limit: int, health_care_only: bool
) -> tuple[list[dict[str, Any]], int]:
    # The listing's facilities, means and perpetrators live in each incident's data.
    listing = database.list_incidents_with_data(limit=limit, health_care_only=health_care_only)
    total = database.count_incidents(health_care_only=health_care_only)
    return [listing_row(line.incident, line.data) for line in listing], total


def listing_row(summary: IncidentSummary, data: dict[str, Any]) -> dict[str, Any]:
    """One listing line: typed values for JSON and CSV, combined ones for the table."""
    return {
        **row_head(summary, data, (m.get("category") for m in data.get("means") or [])),
        "killed": summary.killed,
        "injured": summary.injured,
        "document_id": summary.document_id,
        "document": summary.origin,
        # table-only columns
        "document_label": _short_origin(summary.origin),
        "perpetrator_names": unique(
            a.get("normalised") or a.get("name") for a in data.get("perpetrators") or []
        ),
        "killed_injured": f"{_count(summary.killed)} / {_count(summary.injured)}",
    }


@click.command(short_help="Show one incident with the quoted words behind each value.")
@click.argument("incident_id", metavar="ID", type=int)
@click.option(
    "--candidate",
    "is_candidate",
    is_flag=True,
    help="ID is a candidate incident ('carewatch incidents --candidates'): show what that "
    "one report says, value by value.",
)
@database_option
@output_options("table", "json", default="table")
def show(incident_id: int, is_candidate: bool, database_url: str | None, out: Output) -> None:
    """Show incident ID: each value as the reports reconcile it, and the claim ledger,
    every source's word with the quote from its report that carries it.

    For each figure (killed patients, injured health workers, ...) the range the sources
    span and the conservative figure; for each claim the value with its qualifier ("at
    least"), who said it (the quoted person or organisation, else the publisher), the
    document and the quoted words. Quotes are cut from the stored document text at the
    offsets the extractor recorded, so each quote is exactly what the report says. Then
    whether the attribution is contested, how certain the incident is and why, why its
    reports were merged, and its candidate incidents (for 'carewatch split').

    With --candidate, ID is a candidate incident, shown with each value beside the words
    of its one report.

    \b
    Examples:
      carewatch show 3
      carewatch show 3 --format json
      carewatch show 12 --candidate
    """
    from ..settings import load_settings
    from ..store.merged_reading import get_merged

    settings = load_settings(database_url=database_url)
    with open_database(settings.database_url) as database:
        if not is_candidate:
            merged = get_merged(database, incident_id)
            if out.format == "json":
                out.json(merged_json(merged))
            else:
                print_merged(out, merged)
            return
        detail = database.get_incident(incident_id)
    evidence = incident_evidence(detail.data, detail.document.text)
    if out.format == "json":
        out.json(show_json(detail, evidence))
    else:
        print_incident(out, detail, evidence)


def show_json(detail: IncidentDetail, evidence: list[Evidence]) -> dict[str, Any]:
    document = detail.document
    return {
        "id": detail.incident.id,
        "incident_type": detail.incident.incident_type,
        "is_health_care": detail.incident.is_health_care,
        "extractor": detail.extractor,
        "document": {"id": document.id, **document_summary(document)},
        "incident": detail.data,
        "evidence": [e.to_dict() for e in evidence],
    }


def print_incident(out: Output, detail: IncidentDetail, evidence: list[Evidence]) -> None:
    incident, document = detail.incident, detail.document
    kind = "attack on health care" if incident.is_health_care else "not an attack on health care"
    lines = [f"[bold]incident {incident.id}[/bold]: {humanise(incident.incident_type)} ({kind})"]
    about = [f"document {document.id}: {markup_line(document.origin)}"]
    if document.title:
        about.append(markup_line(document.title))
    if document.published:
        about.append(f"published {document.published.isoformat()}")
    if document.source_name:
        about.append(markup_line(document.source_name))
    lines.append(", ".join(about))
    lines.append(f"extractor {markup_line(detail.extractor)}")
    out.print("\n".join(lines))
    table = Table(show_header=True, box=None, padding=(0, 2), header_style="bold")
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    table.add_column("evidence", overflow="fold")
    for row in evidence:
        table.add_row(*evidence_cells(row))
    out.print(table)


def _short_origin(origin: str) -> str:
    """The file name and record of an origin (JSON and CSV keep the whole path)."""
    path, hash_, record = origin.partition("#")
    return (Path(path).name or path) + hash_ + record


def _count(value: int | None) -> str:
    return "–" if value is None else str(value)
