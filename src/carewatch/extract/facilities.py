"""Mentions of health facilities and transport: "two hospitals", "Al-Quds hospital", "M10".

Code names such as "M10" look like road numbers ("the M4 highway") and aircraft ("F-16"),
so a code name is only taken as a facility where the text ties it to one: "called M10",
"code-named M2", "hospital M10", "M10's intensive care unit" once M10 is known.
"""

from __future__ import annotations

import re

from ..model import FacilityMention
from ..text import Context
from .lexicon import lexicon
from .numbers import COUNT_PATTERN, parse_count

_LEADING_WORDS = re.compile(
    r"^(?:(?:The|A|An|This|That|These|Those|In|At|On|Two|Three|Four|Several|Both|Its|Their|"
    r"Local|Nearby|Main|Only|Another|Russian|Syrian|Israeli|Sudanese|Ukrainian|Yemeni|Afghan)\s+)+"
)
_NAMING = re.compile(
    r"\b(?:called|code-?named|codenamed|dubbed|named|nicknamed|(?:known|referred to)(?:\s+[\w']+){0,4}?\s+as)\s+$",
    re.IGNORECASE,
)
# "two hospitals", "two out of four emergency response centres", "three small clinics", but
# not "F-16 struck the hospital" or "on 28 September the hospital".
_COUNT_BEFORE = re.compile(
    rf"(?<![\w-]){COUNT_PATTERN}\s+(?:(?!(?:the|a|an|of|in|on|at|and|or|was|were|is|are|had|has|have|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)\b)"
    r"[a-z][\w'-]*\s+){0,2}$",
    re.IGNORECASE,
)
_PROPER_NAME_START = re.compile(r"(?:(?:al|el|ad|as|ar|an|at|az|ash)-)?[A-Z]")
_PLURAL = re.compile(r"(?:s|ies|ices)$")


def find_facilities(ctx: Context) -> list[FacilityMention]:
    """Every mention of a facility or of health transport, named or not, in text order."""
    mentions = _named(ctx)
    taken = [(m.span.start, m.span.end) for m in mentions if m.span]
    # "ambulance crews", "hospital staff" are people, not the vehicle or the building.
    taken += [(m.start(), m.end()) for m in lexicon().personnel.finditer(ctx.norm)]
    for kind, start, end in lexicon().facility.finditer(ctx.norm):
        if any(s <= start < e or s < end <= e for s, e in taken):
            continue
        mentions.append(
            FacilityMention(facility_type=kind, count=_count(ctx, start, end), span=ctx.span(start, end))
        )
    mentions.extend(_code_names(ctx, mentions))
    return sorted(mentions, key=lambda m: m.span.start if m.span else 0)


def facility_kind(word: str) -> str:
    """Our facility type for a facility word ("Hospital" -> "hospital")."""
    found = lexicon().facility.finditer(word)
    return found[0][0] if found else "health_centre"


def _named(ctx: Context) -> list[FacilityMention]:
    mentions = []
    for match in lexicon().named_facility.finditer(ctx.norm):
        name = _LEADING_WORDS.sub("", match["name"] + " ").rstrip()
        if not name or not _PROPER_NAME_START.match(name):
            continue
        start = match.start("name") + (len(match["name"]) - len(name))
        kind = facility_kind(match["kind"])
        mentions.append(
            FacilityMention(
                facility_type=kind,
                name=ctx.text[start : match.end()],
                span=ctx.span(start, match.end()),
            )
        )
    return mentions


def _count(ctx: Context, start: int, end: int) -> int:
    before = ctx.norm[max(0, start - 40) : start]
    match = _COUNT_BEFORE.search(before)
    if match:
        count = parse_count(match["number"], match["qualifier"], match["total"])
        if count:
            return count.value
    return 2 if _PLURAL.search(ctx.norm[start:end].lower()) else 1


def _code_names(ctx: Context, mentions: list[FacilityMention]) -> list[FacilityMention]:
    """Code names confirmed by a naming phrase or an adjacent facility word."""
    text = ctx.norm
    candidates = list(lexicon().code_name.finditer(text))
    confirmed: dict[str, str] = {}
    for match in candidates:
        sentence = ctx.sentences[ctx.sentence_index(match.start())]
        kind = _nearest_kind(mentions, match.start(), sentence.start, sentence.end)
        if kind is None:
            continue
        named = _NAMING.search(text, max(0, match.start() - 45), match.start())
        adjacent = re.match(r"\s+(?:hospital|clinic|facility)", text[match.end() :], re.IGNORECASE) or re.search(
            r"(?:hospital|clinic|facility)\s+$", text[max(0, match.start() - 12) : match.start()], re.IGNORECASE
        )
        if named or adjacent or _listed_with_named(text, match, candidates):
            confirmed.setdefault(match.group(), kind)
    return [
        FacilityMention(facility_type=confirmed[m.group()], name=m.group(), is_code_name=True,
                        span=ctx.span(m.start(), m.end()))
        for m in candidates
        if m.group() in confirmed
    ]


def _listed_with_named(text: str, match: re.Match[str], candidates: list[re.Match[str]]) -> bool:
    """"called M10 and M2": the second code name shares the first one's naming phrase."""
    return any(
        other.end() <= match.start()
        and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", text[other.end() : match.start()])
        and _NAMING.search(text, max(0, other.start() - 45), other.start())
        for other in candidates
    )


def _nearest_kind(mentions: list[FacilityMention], offset: int, start: int, end: int) -> str | None:
    near = [m for m in mentions if m.span and start <= m.span.start < end and not m.is_code_name]
    if not near:
        return None
    return min(near, key=lambda m: abs(m.span.start - offset) if m.span else 0).facility_type
