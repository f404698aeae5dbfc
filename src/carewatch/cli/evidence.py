"""Values beside the words that support them, for ``show`` and ``extract``.

Works on the JSON form of the model (:func:`carewatch.model.to_jsonable`), which is what
the database stores. Quotes are cut from the document text with each span's offsets,
``text[start:end]``, rather than copied from the span's own text, so that what is shown
proves the offsets; a quote that disagrees with the stored span text is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..extract.numbers import is_vague_amount, say_count
from ..model import Source

Json = Mapping[str, Any]

OFFSETS_DISAGREE = "[offsets disagree with the stored span text]"


@dataclass(frozen=True)
class Evidence:
    """One row of evidence: a field, its value, the quoted words and who said them."""

    field: str
    value: str
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    source: str | None = None
    offsets_ok: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "value": self.value,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "source": self.source,
            "offsets_ok": self.offsets_ok,
        }

    def evidence_text(self) -> str:
        """``«quoted words» — source`` as the table shows it."""
        parts = []
        if self.quote is not None:
            parts.append(f"«{_one_line(self.quote)}»")
            if not self.offsets_ok:
                parts.append(OFFSETS_DISAGREE)
        if self.source:
            parts.append(f"— {self.source}")
        return " ".join(parts)


def incident_evidence(incident: Json, text: str) -> list[Evidence]:
    """Every value of an incident (JSON form) with its quote from ``text``."""
    return list(_incident_rows(incident, text))


def _incident_rows(incident: Json, text: str) -> Iterator[Evidence]:
    main = incident.get("incident_type")
    yield _row("type", humanise(main), incident.get("span"), text)
    for other in dict.fromkeys(t for t in incident.get("types") or [] if t != main):
        yield Evidence("also", humanise(other))
    if incident.get("date"):
        yield _row("date", date_label(incident["date"]), incident["date"].get("span"), text)
    if incident.get("place"):
        yield _row("place", place_label(incident["place"]), incident["place"].get("span"), text)
    for facility in incident.get("facilities") or []:
        yield _row("facility", facility_label(facility), facility.get("span"), text)
    for means in incident.get("means") or []:
        yield _row("means", humanise(means.get("category")), means.get("span"), text)
    for actor in incident.get("perpetrators") or []:
        yield _row("perpetrator", actor_label(actor), actor.get("span"), text)
    for figure in incident.get("casualties") or []:
        yield _row(
            str(figure.get("kind", "figure")),
            figure_label(figure),
            figure.get("span"),
            text,
            source=figure.get("source"),
        )
    for impact in incident.get("impacts") or []:
        yield _row(
            "impact", impact_label(impact), impact.get("span"), text, source=impact.get("source")
        )
    for source in incident.get("sources") or []:
        yield _row("source", source_label(source) or "unattributed", source.get("span"), text)


def situation_evidence(fact: Json, text: str) -> Evidence:
    return _row(
        "situation", situation_label(fact), fact.get("span"), text, source=fact.get("source")
    )


def claim_evidence(figure: Json, text: str) -> Evidence:
    return _row(
        str(figure.get("kind", "figure")),
        figure_label(figure),
        figure.get("span"),
        text,
        source=figure.get("source"),
    )


def quote(text: str, span: Json | None) -> tuple[str | None, bool]:
    """The words at ``span``'s offsets in ``text``, and whether they match its stored text."""
    if not span or span.get("start") is None or span.get("end") is None:
        return None, True
    start, end = int(span["start"]), int(span["end"])
    if not 0 <= start <= end <= len(text):
        return "", False
    words = text[start:end]
    stored = span.get("text")
    return words, stored is None or stored == words


def _row(
    field: str, value: str, span: Json | None, text: str, *, source: Json | None = None
) -> Evidence:
    words, ok = quote(text, span)
    return Evidence(
        field=field,
        value=value,
        quote=words,
        start=span.get("start") if span else None,
        end=span.get("end") if span else None,
        source=source_label(source) if source else None,
        offsets_ok=ok,
    )


# --- labels: one readable line per value -------------------------------------------------


def humanise(code: Any) -> str:
    """``attack_on_health_facility`` -> ``attack on health facility``."""
    return str(code).replace("_", " ") if code is not None else ""


def date_label(date: Json) -> str:
    label = str(date.get("date", ""))
    precision = date.get("precision")
    if precision == "month":
        label = label[:7]
    elif precision == "year":
        label = label[:4]
    if precision and precision != "day":
        label += f" ({precision})"
    if date.get("time"):
        label += f" {date['time']}"
    if date.get("basis") == "publication":
        label += " (publication date)"
    return label


def place_label(place: Json) -> str:
    name = place.get("resolved") or place.get("name") or ""
    parts = [name]
    if place.get("admin1") and place.get("admin1") != name:
        parts.append(place["admin1"])
    if place.get("country") and place.get("country") != name:
        parts.append(place["country"])
    label = ", ".join(p for p in parts if p)
    if place.get("precision") and place["precision"] != "unknown":
        label += f" ({place['precision']})"
    return label


def facility_label(facility: Json) -> str:
    kind = humanise(facility.get("facility_type"))
    count = facility.get("count") or 1
    if facility.get("name"):
        detail = kind + (", code name" if facility.get("is_code_name") else "")
        return f"{facility['name']} ({detail})"
    return f"{count} × {kind}" if count > 1 else kind


def actor_label(actor: Json) -> str:
    name = actor.get("normalised") or actor.get("name") or ""
    kind = actor.get("actor_type")
    return f"{name} ({humanise(kind)})" if kind and kind != "unknown" else name


def figure_label(figure: Json) -> str:
    qualifier, count = figure.get("qualifier"), figure.get("count")
    group = figure.get("victim_group")
    people = None
    if group and group != "unspecified":
        people = _singular(humanise(group)) if count == 1 else humanise(group)
    if is_vague_amount(qualifier) and people:
        words = [qualifier, people, f"(at least {count})"]  # "hundreds of patients (at least 200)"
    else:
        words = [say_count(count, qualifier, figure.get("count_max")), people]
    if figure.get("scope") and figure["scope"] != "incident":
        words.append(f"[{humanise(figure['scope'])}]")
    return " ".join(str(w) for w in words if w)


def impact_label(impact: Json) -> str:
    label = f"{humanise(impact.get('item'))} {humanise(impact.get('effect'))}"
    return f"{label} ({impact['target']})" if impact.get("target") else label


def situation_label(fact: Json) -> str:
    words = [humanise(fact.get("kind"))]
    if fact.get("value") is not None:
        words.append(say_count(fact["value"], fact.get("qualifier")))
    for key in ("subject", "service"):
        if fact.get(key):
            words.append(humanise(fact[key]))
    if fact.get("items"):
        words.append(", ".join(fact["items"]))
    return ": ".join([words[0], " ".join(words[1:])]) if len(words) > 1 else words[0]


def source_label(source: Json | None) -> str | None:
    """The stored source's label as :meth:`Source.label` words it; None when unattributed."""
    if not source:
        return None
    label = Source(source.get("person"), source.get("organisation"), source.get("role")).label()
    return None if label == "unattributed" else label


def _singular(plural: str) -> str:
    """``health workers`` -> ``health worker`` (victim groups are regular plurals)."""
    return plural.removesuffix("s")


def _one_line(words: str) -> str:
    return re.sub(r"\s+", " ", words).strip()
