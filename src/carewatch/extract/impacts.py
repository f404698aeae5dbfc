"""Damage and lost services: "M10's intensive care unit is out of service", "two ambulances destroyed".

Each service or piece of infrastructure is linked to the nearest effect phrase in its
clause; a facility mentioned with an attack predicate is damaged or destroyed as the
predicate says (a facility "hit" by a strike is coded damaged, as monitors code it).
"""

from __future__ import annotations

import re
from functools import cache

from ..data_files import load_json
from ..model import FacilityMention, Impact
from ..text import Context
from .lexicon import KeyedMatcher, lexicon

_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:and|but|while|whereas)\b|\b(?:but|while|whereas)\b")
_POSSESSIVE = re.compile(r"\b([A-Z]\d{1,3}|[A-Z][\w-]+(?: [A-Z][\w-]+)*)'s?\s+$")
_MAX_WORDS = 9
_ACTIVE_VERB_GAP = re.compile(r"\band\s*$")
_AUX = re.compile(r"\b(?:was|were|is|are|been|be|being|got)\b")
# "the vicinity of a hospital was hit", "a landmine on the way to a clinic": the place
# named is where it happened, not what the effect applied to.
_NEAR = re.compile(
    r"\b(?:vicinity|surroundings|area (?:surrounding|around)|outskirts|next to|near(?:by)?|close to|"
    r"way to|in front of|opposite|adjacent to|outside)(?: of)?(?: an?| the| its| their)?\s+(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
_PRONOUN_OBJECT = re.compile(r"\b(?:knocking|putting|leaving|rendering|taking|forcing|making)\s+(?:them|it)\s+(?:\w+\s+)?$")


@cache
def _effects() -> KeyedMatcher:
    return KeyedMatcher(load_json("events.json")["service_effects"])


def find_impacts(ctx: Context, facilities: list[FacilityMention]) -> list[Impact]:
    """Every impact stated in the document, facility-level and service-level."""
    impacts: list[Impact] = []
    for sentence in ctx.sentences:
        effects = _effects().finditer(ctx.norm, sentence.start, sentence.end)
        if not effects:
            continue
        in_sentence = [f for f in facilities if f.span and sentence.start <= f.span.start < sentence.end]
        impacts.extend(_service_impacts(ctx, sentence.start, sentence.end, effects, in_sentence))
        impacts.extend(_facility_impacts(ctx, effects, in_sentence))
    return impacts


def _service_impacts(
    ctx: Context, start: int, end: int, effects: list[tuple[str, int, int]], facilities: list[FacilityMention]
) -> list[Impact]:
    impacts = []
    named = [f.name for f in facilities if f.name]
    taken = [(f.span.start, f.span.end) for f in facilities if f.span]
    for item, i_start, i_end in lexicon().services.finditer(ctx.norm, start, end):
        if any(s <= i_start < e for s, e in taken):
            continue
        effect = _nearest_effect(ctx.norm, effects, i_start, i_end)
        if effect is None or item == "building" and effect[0] == "out_of_service":
            continue
        target = _owner(ctx.norm, start, i_start) or (named[0] if len(set(named)) == 1 else None)
        lo, hi = min(i_start, effect[1]), max(i_end, effect[2])
        impacts.append(Impact(effect=effect[0], item=item, target=target, span=ctx.span(lo, hi)))
    return impacts


def _facility_impacts(
    ctx: Context, effects: list[tuple[str, int, int]], facilities: list[FacilityMention]
) -> list[Impact]:
    impacts = []
    transport = lexicon().transport_types
    for facility in facilities:
        # "M10's intensive care unit": the possessor is not what the effect applies to.
        if facility.span is None or re.match(r"'s?\b", ctx.norm[facility.span.end :]):
            continue
        if _NEAR.search(ctx.norm, max(0, facility.span.start - 40), facility.span.start):
            continue
        for effect in _facility_effects(ctx.norm, effects, facility.span.start, facility.span.end):
            lo, hi = min(facility.span.start, effect[1]), max(facility.span.end, effect[2])
            impacts.append(
                Impact(
                    effect=effect[0],
                    item="transport" if facility.facility_type in transport else "facility",
                    target=facility.name,
                    facility_type=facility.facility_type,
                    count=facility.count,
                    span=ctx.span(lo, hi),
                )
            )
    return impacts


def _facility_effects(
    text: str, effects: list[tuple[str, int, int]], start: int, end: int
) -> list[tuple[str, int, int]]:
    """The nearest effect, plus any effect applied to "them"/"it" later in the sentence."""
    chosen = []
    nearest = _nearest_effect(text, effects, start, end)
    if nearest:
        chosen.append(nearest)
    for effect in effects:
        before = text[max(0, effect[1] - 30) : effect[1]]
        if effect[1] > end and _PRONOUN_OBJECT.search(before) and effect[0] not in {c[0] for c in chosen}:
            chosen.append(effect)
    return chosen


def _nearest_effect(
    text: str, effects: list[tuple[str, int, int]], start: int, end: int
) -> tuple[str, int, int] | None:
    """The effect phrase this item is the subject (effect after) or object (effect before) of."""
    best: tuple[int, tuple[str, int, int]] | None = None
    for effect in effects:
        if effect[1] >= end:
            gap = text[end : effect[1]]
        elif effect[2] <= start:
            gap = text[effect[2] : start]
        else:
            continue
        words = len(gap.split())
        if effect[1] >= end and _ACTIVE_VERB_GAP.search(gap) and not _AUX.search(gap):
            continue  # "... the ward and destroyed two ambulances": that verb has its own object
        if words > _MAX_WORDS or _CLAUSE_BREAK.search(gap) and not re.search(r"\bas well as\b", gap):
            continue
        if best is None or words < best[0]:
            best = (words, effect)
    return best[1] if best else None


def _owner(text: str, sentence_start: int, item_start: int) -> str | None:
    """"M10's intensive care unit" -> "M10"."""
    match = _POSSESSIVE.search(text, max(sentence_start, item_start - 60), item_start)
    return match.group(1) if match else None
