"""``carewatch situation``: the situation picture of an area on a date."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import click

from .options import database_option, open_database
from .output import Column, Output, output_options

if TYPE_CHECKING:
    from ..situation import SituationPicture, Traced

COLUMNS = [
    Column("measure", "measure"),
    Column("value", "value", no_wrap=True),
    Column("reported", "reported"),
    Column("behind", "behind it"),
]


@click.command(short_help="What functions in an area on a date, beside what reports say.")
@click.option("--area", required=True, metavar="NAME", help='A place name: "east Aleppo".')
@click.option(
    "--on",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The date of the picture. Default: today.",
)
@database_option
@output_options("table", "json")
def situation(area: str, on: dt.datetime | None, database_url: str | None, out: Output) -> None:
    """The situation of health care in an area on a date.

    From the facility registry and its status timeline: facilities by type and how many
    function, how many have an emergency unit, the population served, people per
    functioning hospital against the Sphere minimum. From stored reports: attacks on
    health care and casualties in the 7 and 30 days up to the date, facilities lost,
    supply shortages. Figures the reports themselves give ("six functioning hospitals")
    are shown beside the registry's, and a disagreement is flagged.

    Attacks are merged incidents: an attack several reports describe counts once.
    Casualties are the conservative sum of the incidents' reconciled figures, then the
    range from the lowest figures to the highest ("2 (2–3)"); a figure one sentence gives
    for several incidents ("two patients died" in strikes on two hospitals) counts once.

    Every number lists what it was computed from: F facility ids, I incident ids (merged
    incidents; for facility status, the reports' candidate incidents), C the merged
    incidents' candidate incidents (one per report), D document ids (JSON gives them in
    full).

    \b
    Examples:
      carewatch situation --area "east Aleppo" --on 2016-09-28
      carewatch situation --area Aleppo --on 2016-09-28 --format json
    """
    from ..settings import load_settings
    from ..situation import situation as build

    day = on.date() if on is not None else dt.date.today()
    settings = load_settings(database_url=database_url)
    with open_database(settings.database_url) as database:
        picture = build(database, area, day)
    if out.format == "json":
        out.json(picture.to_dict())
        return
    out.rows(
        COLUMNS,
        picture_rows(picture),
        title=f"{picture.area} ({picture.area_resolved}) on {picture.on.isoformat()}",
        caption=f"Area: {picture.area_rule}. Sphere: {picture.sphere_citation}",
    )


def picture_rows(picture: SituationPicture) -> list[dict[str, Any]]:
    """The table's lines: one per measure, with the reported figure beside it."""
    reported = {(r.kind, r.service): r for r in picture.reported}

    def beside(kind: str, service: str | None = None) -> str | None:
        fact = reported.get((kind, service))
        if fact is None:
            return None
        flag = "  DISAGREES" if fact.disagrees else ("  agrees" if fact.disagrees is False else "")
        quoted = f'"{fact.evidence.text}"' if fact.evidence else str(fact.reported)
        return f"{fact.reported} ({quoted}, document {fact.document_id}){flag}"

    rows = [line("facilities in the registry", picture.facilities)]
    for count in picture.by_type:
        rows.append(
            line(
                f"{count.facility_type}: functioning / total",
                count.functioning,
                f"{count.functioning.value} / {count.total.value}",
            )
        )
    rows += [
        line(
            "functioning hospitals",
            picture.functioning_hospitals,
            reported=beside("functioning_facilities"),
        ),
        line(
            "with an emergency unit",
            picture.with_emergency_unit,
            reported=beside("facilities_with_service", "emergency_unit"),
        ),
        line("population served", picture.population_served, reported=beside("population_served")),
    ]
    per = picture.people_per_functioning_hospital
    rows.append(
        {
            "measure": "people per functioning hospital",
            "value": f"{per:,.0f}" if per is not None else "–",
        }
    )
    for check in picture.sphere:
        verdict = {True: "meets", False: "BELOW", None: "no population"}[check.meets]
        rows.append(
            {
                "measure": f"Sphere: {check.wording}",
                "value": f"{check.functioning} of {check.needed if check.needed is not None else '?'}",
                "reported": verdict,
            }
        )
    for days in sorted(picture.attacks):
        rows.append(line(f"attacks, last {days} days", picture.attacks[days]))
        rows.append(line(f"killed, last {days} days", picture.killed[days]))
        rows.append(line(f"injured, last {days} days", picture.injured[days]))
    rows.append(line("facilities lost (not functioning)", picture.facilities_lost))
    for fact in picture.supply_shortages:
        rows.append(
            {
                "measure": "supply shortage reported",
                "value": ", ".join(fact.items) or "–",
                "reported": f'"{fact.evidence.text}"' if fact.evidence else None,
                "behind": f"D {fact.document_id}",
            }
        )
    return rows


def line(
    measure: str, traced: Traced, value: str | None = None, reported: str | None = None
) -> dict[str, Any]:
    if value is not None:
        shown = value
    elif traced.value is None:
        shown = "–"
    elif traced.minimum is not None and traced.maximum not in (None, traced.minimum):
        # Sources disagree: the conservative sum, then the range from lowest to highest.
        shown = f"{traced.value:,} ({traced.minimum:,}–{traced.maximum:,})"
    else:
        shown = f"{traced.value:,}"
    return {"measure": measure, "value": shown, "reported": reported, "behind": behind(traced)}


def behind(traced: Traced) -> str:
    parts = []
    for label, ids in (
        ("F", traced.facility_ids),
        ("I", traced.incident_ids),
        ("C", traced.candidate_ids),
        ("D", traced.document_ids),
    ):
        if ids:
            parts.append(f"{label} " + ", ".join(map(str, ids)))
    return "; ".join(parts)
