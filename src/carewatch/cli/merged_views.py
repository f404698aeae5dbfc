"""Merged incidents as the command line shows them: listing rows and ``show``.

A merged incident is one attack as all its reports describe it. ``carewatch incidents``
lists them with :func:`merged_row` and ``carewatch show ID`` prints one with
:func:`print_merged`: each reconciled value, then the claim ledger with each source's
quoted words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from rich.table import Table

from ..extract.numbers import say_count
from ..merge.totals import total_of_stored
from .evidence import actor_label, date_label, facility_label, humanise, place_label, quote
from .neutral import markup_line

if TYPE_CHECKING:
    from ..store.merged_reading import MergedDetail, MergedSummary
    from .output import Output


# Incident types as the listing's narrow column shows them (``show`` spells them out).
SHORT_TYPES = {
    "attack_on_health_facility": "facility",
    "attack_on_health_transport": "transport",
    "attack_on_health_workers": "health workers",
    "attack_on_patients": "patients",
    "obstruction_of_access": "obstruction",
    "looting": "looting",
    "arrest_or_kidnapping_of_health_workers": "arrest/kidnap",
    "other_violent_incident": "other violence",
}


# --- the listing ---------------------------------------------------------------------------


class ListedIncident(Protocol):
    """What a listing line of a merged or a candidate incident reads from its summary."""

    @property
    def id(self) -> int: ...
    @property
    def date(self) -> dt.date | None: ...
    @property
    def date_precision(self) -> str | None: ...
    @property
    def incident_type(self) -> str: ...
    @property
    def is_health_care(self) -> bool: ...
    @property
    def place_name(self) -> str | None: ...
    @property
    def country_code(self) -> str | None: ...


def row_head(
    summary: ListedIncident, data: Mapping[str, Any], means: Iterable[str | None]
) -> dict[str, Any]:
    """The columns every incident listing has, merged or candidate: typed values for
    JSON and CSV, and the table's combined ``when`` and short ``type``. ``means`` are the
    categories, as merged and candidate incidents hold them differently."""
    types = types_of(data)
    date = summary.date.isoformat() if summary.date else None
    return {
        "id": summary.id,
        "date": date,
        "date_precision": summary.date_precision,
        "incident_type": summary.incident_type,
        "types": types,
        "is_health_care": summary.is_health_care,
        "facilities": unique(facility_label(f) for f in data.get("facilities") or []),
        "place": short_place(data["place"]) if data.get("place") else summary.place_name,
        "country_code": summary.country_code,
        "means": unique(humanise(m) for m in means),
        "perpetrators": unique(actor_label(a) for a in data.get("perpetrators") or []),
        # table-only columns
        "when": when(date, summary.date_precision),
        "type": [SHORT_TYPES.get(t, humanise(t)) for t in types],
    }


def merged_row(summary: MergedSummary) -> dict[str, Any]:
    """One listing line of a merged incident: typed values for JSON and CSV, combined
    ones (``when``, ``type``, ``killed_injured``) for the table."""
    data = summary.data
    killed = count_range(data.get("figures") or [], "killed")
    injured = count_range(data.get("figures") or [], "injured")
    documents = list(data.get("documents") or [])
    return {
        **row_head(summary, data, data.get("means") or []),
        "attribution_contested": summary.attribution_contested,
        "certainty": summary.certainty,
        "certainty_reason": summary.certainty_reason,
        "killed": range_text(killed),
        "killed_min": killed[0] if killed else None,
        "killed_max": killed[1] if killed else None,
        "injured": range_text(injured),
        "injured_min": injured[0] if injured else None,
        "injured_max": injured[1] if injured else None,
        "figures": [_figure(f) for f in data.get("figures") or []],
        "sources": unique(_speaker(c) for c in data.get("claims") or []),
        "reports": len(documents),
        "documents": documents,
        "candidates": list(data.get("members") or []),
        # table-only column
        "killed_injured": f"{range_text(killed) or '–'} / {range_text(injured) or '–'}",
    }


def count_range(figures: Iterable[Mapping[str, Any]], kind: str) -> tuple[int, int] | None:
    """The range of people ``kind`` ("killed") over the incident's reconciled figures, by
    the one rule of :mod:`carewatch.merge.totals` (overlapping victim groups are never
    added)."""
    found = total_of_stored(figures, kind)
    return (found.minimum, found.maximum) if found else None


def range_text(bounds: tuple[int, int] | None) -> str | None:
    """``"2–3"``, or ``"2"`` when the sources agree; None when no source gave a figure."""
    if bounds is None:
        return None
    low, high = bounds
    return str(low) if low == high else f"{low}–{high}"


def _figure(figure: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "field": figure.get("field"),
        "minimum": figure.get("minimum"),
        "maximum": figure.get("maximum"),
        "conservative": figure.get("conservative"),
        "range": range_text((figure["minimum"], figure["maximum"])),
        "sources": unique(_speaker(c) for c in figure.get("claims") or []),
    }


# --- show -------------------------------------------------------------------------------


def merged_json(detail: MergedDetail) -> dict[str, Any]:
    """``carewatch show ID --format json``: the reconciled values, the claim ledger with
    quotes cut from each document's text, the members and the merge reasons."""
    summary, data = detail.incident, detail.incident.data
    return {
        "id": summary.id,
        "incident_type": summary.incident_type,
        "types": types_of(data),
        "is_health_care": summary.is_health_care,
        "date": data.get("date"),
        "place": data.get("place"),
        "facilities": unique(facility_label(f) for f in data.get("facilities") or []),
        "means": unique(humanise(m) for m in data.get("means") or []),
        "perpetrators": unique(actor_label(a) for a in data.get("perpetrators") or []),
        "attribution_contested": summary.attribution_contested,
        "certainty": summary.certainty,
        "certainty_reason": summary.certainty_reason,
        "figures": [_figure(f) for f in data.get("figures") or []],
        "claims": [claim_row(c, detail) for c in data.get("claims") or []],
        "merge_reasons": list(data.get("merge_reasons") or []),
        "members": [
            {
                "candidate_id": m.candidate_id,
                "document_id": m.document_id,
                "document": m.origin,
                "title": m.title,
                "published": m.published.isoformat() if m.published else None,
                "source": m.source_name,
                "extractor": m.extractor,
                "reason": m.reason,
            }
            for m in detail.members
        ],
        "incident": data,
    }


def claim_row(claim: Mapping[str, Any], detail: MergedDetail) -> dict[str, Any]:
    """One line of the ledger, its quote cut from its document's text at its offsets."""
    document = detail.documents.get(claim.get("document_id", -1))
    words, ok = quote(document.text, claim.get("span")) if document else (None, True)
    span = claim.get("span") or {}
    return {
        "field": claim.get("field"),
        "value": claim.get("value"),
        "count_max": claim.get("count_max"),
        "qualifier": claim.get("qualifier"),
        "speaker": _speaker(claim),
        "publisher": claim.get("publisher"),
        "document_id": claim.get("document_id"),
        "document": document.origin if document else None,
        "candidate_id": claim.get("candidate_id"),
        "quote": words,
        "start": span.get("start"),
        "end": span.get("end"),
        "offsets_ok": ok,
    }


def print_merged(out: Output, detail: MergedDetail) -> None:
    """``carewatch show ID``: header, reconciled values, claim ledger, reasons, members."""
    shown = merged_json(detail)
    summary = detail.incident
    kind = "attack on health care" if summary.is_health_care else "not an attack on health care"
    reports = len({m.document_id for m in detail.members})
    contested = "contested" if summary.attribution_contested else "not contested"
    why = summary.certainty_reason.removeprefix(f"{summary.certainty}: ")
    out.print(
        f"[bold]incident {summary.id}[/bold]: {markup_line(humanise(summary.incident_type))} ({kind}), "
        f"{reports} report{'s' if reports != 1 else ''}\n"
        f"certainty: [bold]{summary.certainty}[/bold] — {markup_line(why)}\n"
        f"attribution: {contested}"
    )
    out.print(_values_table(shown))
    ledger = Table(title="claims", title_justify="left", box=None, padding=(0, 2))
    for heading in ("field", "value", "speaker", "document", "quote"):
        ledger.add_column(heading, overflow="fold", header_style="bold")
    for claim in shown["claims"]:
        ledger.add_row(
            markup_line(field_label(claim["field"])),
            markup_line(_claim_value(claim)),
            markup_line(claim["speaker"]),
            markup_line(f"{claim['document_id']}: {claim['document'] or ''}"),
            markup_line(_quoted(claim)),
        )
    out.print(ledger)
    if shown["merge_reasons"]:
        out.print("[bold]merged because[/bold]")
        for reason in shown["merge_reasons"]:
            out.print(f"  - {markup_line(reason)}")
    members = Table(title="candidates", title_justify="left", box=None, padding=(0, 2))
    for heading in ("candidate", "document", "extractor", "reason"):
        members.add_column(heading, overflow="fold", header_style="bold")
    for m in shown["members"]:
        members.add_row(
            str(m["candidate_id"]),
            markup_line(f"{m['document_id']}: {m['document']}"),
            markup_line(m["extractor"]),
            markup_line(m["reason"] or ""),
        )
    out.print(members)


def _values_table(shown: Mapping[str, Any]) -> Table:
    table = Table(show_header=True, box=None, padding=(0, 2), header_style="bold")
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("reconciled value", overflow="fold")
    table.add_column("sources", overflow="fold")
    if shown["date"]:
        table.add_row("date", markup_line(date_label(shown["date"])), "")
    if shown["place"]:
        table.add_row("place", markup_line(place_label(shown["place"])), "")
    for label, key in (("facility", "facilities"), ("means", "means"), ("perpetrator", "perpetrators")):
        for value in shown[key]:
            table.add_row(label, markup_line(value), "")
    for figure in shown["figures"]:
        agreed = figure["minimum"] == figure["maximum"]
        value = figure["range"] + ("" if agreed else f" (conservative {figure['conservative']})")
        sources = markup_line("; ".join(figure["sources"]))
        table.add_row(markup_line(field_label(figure["field"])), value, sources)
    return table


def _claim_value(claim: Mapping[str, Any]) -> str:
    """``at least 2`` for a figure; ``M10 (hospital)``, ``air strike`` for other values."""
    value = claim["value"]
    if not isinstance(value, int):
        qualifier = claim.get("qualifier")
        shown = humanise(value) if claim.get("field") == "means" else str(value)
        return f"{shown} ({humanise(qualifier)})" if qualifier else shown
    return say_count(value, claim.get("qualifier"), claim.get("count_max"))


def field_label(field: str) -> str:
    """``killed:health_workers`` -> ``killed health workers``."""
    return humanise(field.replace(":", " "))


def _quoted(claim: Mapping[str, Any]) -> str:
    if claim["quote"] is None:
        return ""
    words = " ".join(claim["quote"].split())
    return f"«{words}»" + ("" if claim["offsets_ok"] else " [offsets disagree]")


# --- shared helpers -------------------------------------------------------------------------


def types_of(data: Mapping[str, Any]) -> list[str]:
    """The incident's types, its main type first."""
    main = data.get("incident_type")
    rest = [t for t in data.get("types") or [] if t != main]
    return [main, *rest] if main else rest


def _speaker(claim: Mapping[str, Any]) -> str:
    """Mirrors :meth:`carewatch.model.Claim.speaker` on the JSON form."""
    source = claim.get("source") or {}
    parts = [p for p in (source.get("person"), source.get("organisation")) if p]
    if parts:
        return " of ".join(parts)
    if source.get("role"):
        return str(source["role"])
    return claim.get("publisher") or f"document {claim.get('document_id')}"


def short_place(place: Mapping[str, Any]) -> str:
    """``Khartoum, Sudan``: the listing's short form (``show`` gives region and precision)."""
    name = place.get("resolved") or place.get("name") or ""
    country = place.get("country")
    return f"{name}, {country}" if country and country != name else name


def when(date: str | None, precision: str | None) -> str:
    if date is None:
        return ""
    if precision == "month":
        return f"{date[:7]} (month)"
    if precision == "year":
        return f"{date[:4]} (year)"
    if precision and precision != "day":
        return f"{date} ({precision})"
    return date


def unique(labels: Iterable[str | None]) -> list[str]:
    """Labels in order of first mention, each once (a report names a hospital repeatedly)."""
    return list(dict.fromkeys(label for label in labels if label))
