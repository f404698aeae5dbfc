"""``carewatch facilities``: import, list and relink the facility registry; a facility's timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from .neutral import one_line
from .options import database_option, open_database
from .output import Column, Output, output_options

if TYPE_CHECKING:
    from ..facilities import FacilityIdentity, FacilityRecord, StatusRecord

COLUMNS = [
    Column("id", "id", no_wrap=True),
    Column("name", "name"),
    Column("code_name", "code name"),
    Column("aliases", "aliases"),
    Column("type", "type"),
    Column("status", "status"),
    Column("place", "place"),
    Column("country_code", "country"),
    Column("latitude", "lat (area)"),
    Column("longitude", "lon (area)"),
    Column("services", "services"),
    Column("operator", "operator"),
    Column("population_served", "population"),
]
SENSITIVE_COLUMNS = [
    Column("real_name", "real name", style="red"),
    Column("exact_latitude", "exact lat", style="red"),
    Column("exact_longitude", "exact lon", style="red"),
]
TIMELINE_COLUMNS = [
    Column("id", "id", no_wrap=True),
    Column("date", "date", no_wrap=True),
    Column("dimension", "dimension"),
    Column("item", "item"),
    Column("value", "value"),
    Column("incident_id", "incident"),
    Column("document_id", "document"),
    Column("evidence", "evidence"),
    Column("source", "source"),
]


@click.group(short_help="The facility registry: import, list, relink, timeline.")
def facilities() -> None:
    """The registry of health facilities that reports mention.

    Entries come from a registry CSV ('facilities import', status "confirmed") or are
    proposed when a stored report mentions a facility the registry lacks (status
    "proposed"). A code name ("M10") is what reports and listings show; the real name
    and exact location are kept apart and shown only with --show-sensitive.
    """


@facilities.command("import", short_help="Import (or update) facilities from a CSV file.")
@click.argument("file", type=click.Path(dir_okay=False))
@database_option
def import_command(file: str, database_url: str | None) -> None:
    """Import the facility registry in FILE, a CSV with a header row of these columns:

    \b
      name, code_name, aliases, type, place, latitude, longitude,
      services, operator, real_name, population_served

    aliases and services are separated by semicolons; services are emergency_unit, icu,
    operating_theatre, maternity, dialysis, ... (data/herams.json); type is hospital,
    clinic, health_centre, ... A row updates the entry its code name, name or an alias
    finds in the same place, else adds one, so importing a file again never duplicates.
    Bad rows are reported as FILE:LINE and skipped; the exit code is then 1.

    \b
    Example:
      carewatch facilities import registry.csv
    """
    from ..facilities import import_facilities
    from ..settings import load_settings

    settings = load_settings(database_url=database_url)
    with open_database(settings.database_url, create=True) as database:
        summary = import_facilities(database, file)
    for problem in summary.rejected:
        click.echo(f"skipped {one_line(str(problem))}", err=True)
    click.echo(
        f"{len(summary.created)} facilities added, {len(summary.updated)} updated, "
        f"{len(summary.rejected)} rows skipped"
    )
    if summary.rejected:
        click.get_current_context().exit(1)


@facilities.command("list", short_help="List the registry (sensitive fields on request).")
@database_option
@click.option("--area", metavar="NAME", help="Only facilities in this area (a place name).")
@click.option(
    "--show-sensitive",
    is_flag=True,
    help="Also show the real name behind a code name and the exact location.",
)
@output_options("table", "json", "csv")
def list_command(
    database_url: str | None, area: str | None, show_sensitive: bool, out: Output
) -> None:
    """List the facility registry, in id order.

    Coordinates are those of the facility's area, not of the building. The real name
    behind a code name and the exact location are sensitive: they are shown only with
    --show-sensitive.

    \b
    Examples:
      carewatch facilities list --area "east Aleppo"
      carewatch facilities list --format csv -o registry.csv
    """
    from ..facilities import Area, facility_identities, list_facilities
    from ..settings import load_settings

    settings = load_settings(database_url=database_url)
    with open_database(settings.database_url) as database:
        records = list_facilities(database, Area.resolve(area) if area else None)
        identities = (
            facility_identities(database, [r.id for r in records]) if show_sensitive else {}
        )
    columns = COLUMNS + (SENSITIVE_COLUMNS if show_sensitive else [])
    if out.format == "table":  # the area's coordinates are for programs, not for reading
        columns = [c for c in columns if c.key not in ("latitude", "longitude")]
    rows = [facility_row(r, identities.get(r.id), show_sensitive) for r in records]
    if out.format == "table" and not rows:
        out.print("No facilities yet. Run 'carewatch facilities import FILE.csv' first.")
        return
    out.rows(columns, rows, caption=f"{len(rows)} facilities")


@facilities.command("relink", short_help="Rebuild links and status changes from stored reports.")
@database_option
def relink_command(database_url: str | None) -> None:
    """Link every stored incident's facility mentions to the registry again and rebuild
    the status changes their impacts report: for a database filled before the registry
    existed, or after importing a registry. Proposed entries no report supports any more
    are removed.
    """
    from ..facilities import relink_all
    from ..settings import load_settings

    settings = load_settings(database_url=database_url)
    with open_database(settings.database_url) as database:
        effects = relink_all(database)
    click.echo(
        f"{effects.links} mentions linked to {len(effects.linked_facilities)} facilities "
        f"({len(effects.proposed_facilities)} proposed), "
        f"{len(effects.status_changes)} status changes recorded, "
        f"{effects.untargeted_impacts} impacts not tied to one facility"
    )


@facilities.command("timeline", short_help="One facility's dated status changes.")
@click.argument("facility_id", metavar="ID", type=int)
@database_option
@output_options("table", "json", "csv")
def timeline_command(facility_id: int, database_url: str | None, out: Output) -> None:
    """The status changes of facility ID, oldest first, each with the incident and
    document that reported it, the quoted words and who said them."""
    from ..facilities import get_facility, timeline
    from ..settings import load_settings

    settings = load_settings(database_url=database_url)
    with open_database(settings.database_url) as database:
        record = get_facility(database, facility_id)
        changes = timeline(database, facility_id)
    out.rows(
        TIMELINE_COLUMNS,
        [timeline_row(c) for c in changes],
        title=f"facility {record.id}: {record.name} ({record.facility_type}, {record.status})",
    )


def facility_row(
    record: FacilityRecord, identity: FacilityIdentity | None, show_sensitive: bool
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": record.id,
        "name": record.name,
        "code_name": record.code_name,
        "aliases": record.aliases,
        "type": record.facility_type,
        "status": record.status,
        "place": record.place_name,
        "country_code": record.country_code,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "services": record.services,
        "operator": record.operator,
        "population_served": record.population_served,
    }
    if show_sensitive:
        row["real_name"] = identity.real_name if identity else None
        row["exact_latitude"] = identity.latitude if identity else None
        row["exact_longitude"] = identity.longitude if identity else None
    return row


def timeline_row(change: StatusRecord) -> dict[str, Any]:
    source = change.source or {}
    speaker = " of ".join(p for p in (source.get("person"), source.get("organisation")) if p)
    return {
        "id": change.id,
        "date": change.date.isoformat(),
        "dimension": change.dimension,
        "item": change.item or None,
        "value": change.value,
        "incident_id": change.incident_id,
        "document_id": change.document_id,
        "evidence": change.evidence.text if change.evidence else None,
        "source": speaker or source.get("role"),
    }
