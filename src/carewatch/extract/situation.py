"""Facts about the state of health care that are not incidents.

"six functioning hospitals, only three of which have emergency units, for the
approximately 250,000 civilians", "antibiotics ... are running out", "supply lines were
sealed in July": counts of functioning facilities and services, the population served,
shortages and blockades, each with its evidence.
"""

from __future__ import annotations

import re
from functools import cache

from ..data_files import load_json
from ..model import SituationFact, Span
from ..text import Context
from .lexicon import alternation, lexicon
from .numbers import COUNT_PATTERN, NUMBER_PATTERN, QUALIFIER_PATTERN, parse_count

_MAX_GAP = 60


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    table = load_json("events.json")["situation"]
    terms = load_json("health_terms.json")
    facility = alternation([p for pats in terms["facility_types"].values() for p in pats])
    service = alternation([p for pats in terms["services"].values() for p in pats])
    working = alternation(table["functioning"])
    people = alternation(table["population"])
    flags = re.IGNORECASE
    return {
        "functioning": re.compile(
            rf"\b{COUNT_PATTERN}\s+(?:(?:still|remaining|partially|fully)\s+)?{working}\s+(?P<facility>{facility})\b"
            rf"|\b{COUNT_PATTERN.replace('?P<', '?P<b_')}\s+(?P<b_facility>{facility})\s+(?:are|is|remain|remained|were)\s+(?:still\s+)?{working}\b",
            flags,
        ),
        "with_service": re.compile(
            rf"\b{COUNT_PATTERN}\s+(?:of\s+(?:which|them|these|those)\s+)?(?:have|has|had|with|offer|offers|provide|provides|still have)\s+(?:an?\s+|functioning\s+|working\s+)*(?P<service>{service})",
            flags,
        ),
        "population": re.compile(
            rf"\b(?:for|serving|serves|serve|population of)\s+(?:the\s+|a\s+|an\s+)?(?:(?P<qualifier>{QUALIFIER_PATTERN})\s+)?"
            rf"(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?\s+million|{NUMBER_PATTERN}\s+(?:thousand|million))\s*(?:{people})?",
            flags,
        ),
        "shortage": re.compile(rf"\b{alternation(table['shortage'])}\b", flags),
        "blockade": re.compile(rf"\b{alternation(table['blockade'])}\b", flags),
        "routes": re.compile(rf"\b{alternation(table['supply_routes'])}\b", flags),
    }


def find_situation(ctx: Context) -> list[SituationFact]:
    """Every situation fact in the document, in text order."""
    facts: list[SituationFact] = []
    for sentence in ctx.sentences:
        facts.extend(_counts(ctx, sentence))
        facts.extend(_shortages(ctx, sentence))
        facts.extend(_blockades(ctx, sentence))
    return facts


def _counts(ctx: Context, sentence: Span) -> list[SituationFact]:
    rx = _patterns()
    text, s, e = ctx.norm, sentence.start, sentence.end
    facts = []
    for m in rx["functioning"].finditer(text, s, e):
        prefix = "" if m["number"] else "b_"
        count = parse_count(m[prefix + "number"], m[prefix + "qualifier"], m[prefix + "total"])
        if count:
            kind = lexicon().facility.finditer(m[prefix + "facility"])[0][0]
            facts.append(SituationFact("functioning_facilities", count.value, count.qualifier,
                                       subject=kind, span=ctx.span(m.start(), m.end())))
    subject = facts[-1].subject if facts else None
    for m in rx["with_service"].finditer(text, s, e):
        count = parse_count(m["number"], m["qualifier"], m["total"])
        if count:
            service = lexicon().services.finditer(m["service"])[0][0]
            facts.append(SituationFact("facilities_with_service", count.value, count.qualifier,
                                       subject=subject, service=service, span=ctx.span(m.start(), m.end())))
    for m in rx["population"].finditer(text, s, e):
        count = parse_count(m["number"], m["qualifier"])
        if count and count.value >= 100:
            facts.append(SituationFact("population_served", count.value, _qualifier(m["qualifier"]),
                                       subject=subject, span=ctx.span(m.start("number") if not m["qualifier"] else m.start("qualifier"), m.end())))
    return facts


def _shortages(ctx: Context, sentence: Span) -> list[SituationFact]:
    cue = _patterns()["shortage"].search(ctx.norm, sentence.start, sentence.end)
    if not cue:
        return []
    supplies = lexicon().supplies.finditer(ctx.norm, sentence.start, sentence.end)
    near = [s for s in supplies if abs(s[1] - cue.start()) <= _MAX_GAP * 2]
    if not near:
        return []
    lo, hi = min(near[0][1], cue.start()), max(near[-1][2], cue.end())
    items = list(dict.fromkeys(key for key, _, _ in near))
    return [SituationFact("supply_shortage", items=items, span=ctx.span(lo, hi))]


def _blockades(ctx: Context, sentence: Span) -> list[SituationFact]:
    rx = _patterns()
    cue = rx["blockade"].search(ctx.norm, sentence.start, sentence.end)
    route = rx["routes"].search(ctx.norm, sentence.start, sentence.end)
    siege = cue and cue.group().lower().startswith(("besieged", "under siege", "siege", "blockade", "encircled"))
    if not cue or not (route and abs(route.start() - cue.start()) <= _MAX_GAP or siege):
        return []
    start = min(cue.start(), route.start()) if route and not siege else cue.start()
    end = max(cue.end(), route.end()) if route and not siege else cue.end()
    return [SituationFact("blockade", span=ctx.span(start, end))]


def _qualifier(text: str | None) -> str | None:
    return text.lower().replace("the ", "") if text else None
