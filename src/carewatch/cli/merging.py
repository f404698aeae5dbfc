"""An analyst's merge and split decisions on the command line, and ``rebuild``.

``merge`` and ``split`` record the decision and rebuild the merged incidents; the
listing and ``show`` of merged incidents are :mod:`carewatch.cli.merged_views`.
"""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

import click

from .neutral import one_line
from .options import database_option, open_database

if TYPE_CHECKING:
    from ..store.decisions import Decision


# --- merge and split --------------------------------------------------------------------

_WHY = click.option("--why", metavar="TEXT", help="Why: recorded with the decision.")
_BY = click.option(
    "--by", metavar="NAME", help="Who decides: recorded with the decision. Default: your login."
)


@click.command(short_help="Record that several incidents are one attack, and merge them.")
@click.argument("incident_ids", nargs=-1, type=int, required=True, metavar="ID ID...")
@_WHY
@_BY
@database_option
def merge(
    incident_ids: tuple[int, ...], why: str | None, by: str | None, database_url: str | None
) -> None:
    """Merge incidents ID ID... into one: record that all their candidate incidents
    (one per report) describe the same attack, and rebuild the merged incidents.

    The decision names each candidate by its document's hash, the extractor and the
    words that report it, so it still holds after the reports are extracted again, even
    by another extractor. A later 'carewatch split' of the same candidates overrides it.

    \b
    Examples:
      carewatch merge 3 7 --why "Sakhour hospital is M10"
      carewatch merge 3 7 9 --by "analyst A"
    """
    from ..settings import load_settings
    from ..store.merging import merge_incidents

    settings = load_settings(database_url=database_url)
    with open_database(settings.database_url) as database:
        decision, merged_id = merge_incidents(
            database, list(incident_ids), by=by or _login(), why=why
        )
    click.echo(
        f"incidents {', '.join(map(str, incident_ids))} are now incident {merged_id} "
        + _decided(decision)
    )


@click.command(short_help="Split one report's candidate out of a merged incident.")
@click.argument("incident_id", type=int, metavar="ID")
@click.option(
    "--candidate",
    "candidate_id",
    type=int,
    required=True,
    metavar="CID",
    help="The candidate incident to take out ('carewatch show ID' lists them).",
)
@_WHY
@_BY
@database_option
def split(
    incident_id: int,
    candidate_id: int,
    why: str | None,
    by: str | None,
    database_url: str | None,
) -> None:
    """Split candidate CID out of incident ID: record that it does not describe the same
    attack as the other candidates of ID, and rebuild the merged incidents.

    The candidate becomes an incident of its own (or joins another it matches). Like a
    merge, the decision survives extracting the reports again.

    \b
    Example:
      carewatch split 3 --candidate 12 --why "a different strike the next day"
    """
    from ..settings import load_settings
    from ..store.merging import split_candidate

    settings = load_settings(database_url=database_url)
    with open_database(settings.database_url) as database:
        decision, merged_id = split_candidate(
            database, incident_id, candidate_id, by=by or _login(), why=why
        )
    click.echo(f"candidate {candidate_id} is now in incident {merged_id} " + _decided(decision))


@click.command(short_help="Merge every stored report again and relink facilities.")
@database_option
def rebuild(database_url: str | None) -> None:
    """Rebuild the merged incidents from every stored report's current candidates,
    honouring every analyst decision, then relink facility mentions to the registry and
    rewrite their status changes.

    Ingest does both as it goes; run this for a database filled by an older CareWatch,
    or after changing the registry's names and code names.

    \b
    Example:
      carewatch rebuild --db sqlite:///team.db
    """
    from ..facilities import relink_all
    from ..settings import load_settings
    from ..store.merging import rebuild as rebuild_merged

    settings = load_settings(database_url=database_url)
    with open_database(settings.database_url) as database:
        counts = rebuild_merged(database)
        effects = relink_all(database)
    click.echo(
        f"merged incidents: {counts.created} created, {counts.updated} updated, "
        f"{counts.removed} removed; facilities: {effects.links} links, "
        f"{len(effects.status_changes)} status changes recorded"
    )


def _decided(decision: Decision) -> str:
    why = f": {decision.why}" if decision.why else ""
    return one_line(f"(decision {decision.id} by {decision.decided_by}{why})")


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment
        return "unknown"
