"""Towns the gazetteer does not list, known from how the text names them.

GeoNames holds towns of 5,000 people and more; attacks on health care happen in
villages too. The text often says what an unknown name is: "a clinic in Tawila, North
Darfur" (a name, then a region or country the gazetteer knows), "the village of Pieri",
"the rebel-held town of X in Idlib province", "in Kajo Keji town". Such a name is a town
of that region, or of the report's country; its coordinates stay unknown rather than
borrowed from a wider area. So is a small foreign town's name that a report about
another country uses as a place ("in Rann", Borno, is not India's Ran).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import PlacePrecision, PlaceValue
from ..text import Context
from .gazetteer import gazetteer, name_key
from .place_names import STOP, Match

_TOWNS = r"town|village|city|locality|settlement|hamlet|township|commune|neighbou?rhood|camp"
_AREAS = r"region|area|district|county|sub-county|department|province"
_WORD = r"[A-Z][\w'-]*"
_NAME = rf"{_WORD}(?:[ ](?:{_WORD}|al-[\w'-]+|el-[\w'-]+)){{0,2}}"
_ADJECTIVES = r"(?:[a-z][\w-]*\s+){0,2}"
# "in Tawila, North Darfur": the name ends right before the comma.
_BEFORE_REGION = re.compile(
    rf"\b(?:in|near|at|outside|around|of)\s+(?:the\s+{_ADJECTIVES}(?:{_TOWNS})\s+of\s+)?"
    rf"({_NAME}),\s+$"
)
_KIND_OF = re.compile(rf"\bthe\s+{_ADJECTIVES}(?:({_TOWNS})|{_AREAS})\s+of\s+({_NAME})")
_NAME_KIND = re.compile(rf"\b(?:in|near|at|outside|around)\s+({_NAME})\s+(?:({_TOWNS})|{_AREAS})\b")
_KIND_AFTER = re.compile(rf"\s+(?:{_TOWNS})$", re.IGNORECASE)
_IN_REGION = re.compile(r",?\s+(?:in\s+)?(?:the\s+)?")
_REACH = 60
# A foreign town this small, named as a place in a report about another country, is
# taken for a namesake there.
SMALL_TOWN = 30_000


def find_unlisted_towns(
    ctx: Context, matches: list[Match], places: list[PlaceValue], country: str | None
) -> list[PlaceValue]:
    """Towns named as such that no gazetteer match covers, in text order. ``places``: the
    report's places where things may happen; ``country``: the report's."""
    text = ctx.norm
    taken = [(m.start, m.end) for m in matches]
    regions = {p.span.start: p for p in places if p.span is not None
               and p.precision in (PlacePrecision.ADMIN1, PlacePrecision.COUNTRY)}
    found: dict[int, PlaceValue] = {}
    for region in regions.values():
        assert region.span is not None
        before = _BEFORE_REGION.search(text, max(0, region.span.start - _REACH), region.span.start)
        if before is not None and _is_a_name(before.group(1), before.start(1), taken):
            found[before.start(1)] = _town(ctx, before.start(1), before.end(1), region, country)
    if country is not None and (" of " in text or " town" in text or " village" in text):
        for pattern in (_KIND_OF, _NAME_KIND):
            for m in pattern.finditer(text):
                name = 2 if pattern is _KIND_OF else 1
                kind = 1 if pattern is _KIND_OF else 2
                start, end = m.start(name), m.end(name)
                if start in found or not _is_a_name(m.group(name), start, taken):
                    continue
                precision = PlacePrecision.CITY if m.group(kind) else PlacePrecision.ADMIN1
                found[start] = _town(ctx, start, end, _region_after(text, end, regions), country,
                                     precision)
    return [found[start] for start in sorted(found)]


def namesake(ctx: Context, place: PlaceValue, country: str) -> PlaceValue:
    """A town of ``country`` written like ``place``, a small town elsewhere."""
    assert place.span is not None
    start, end = place.span.start, place.span.end
    kind = _KIND_AFTER.search(ctx.norm, start, end)  # "Solhan village": the town is Solhan
    return _town(ctx, start, kind.start() if kind else end, None, country)


def _region_after(text: str, end: int, regions: dict[int, PlaceValue]) -> PlaceValue | None:
    """The region or country named right after a town: "X, Idlib province", "X in Syria"."""
    gap = _IN_REGION.match(text, end)
    return regions.get(gap.end()) if gap is not None else None


def _is_a_name(name: str, start: int, taken: Iterable[tuple[int, int]]) -> bool:
    end = start + len(name)
    if any(s < end and start < e and not (start <= s and e <= end and (s, e) != (start, end))
           for s, e in taken):
        return False  # a name the gazetteer knows, or part of one; but "the town of Kafr
        # Batna" is not Algeria's Batna
    if all(name_key(w) in STOP for w in name.split()):
        return False  # "in December, Syria", "the town of The"
    return not (name.isupper() and len(name) <= 5)  # an acronym: "at MSF, Kenya"


def _town(
    ctx: Context, start: int, end: int, region: PlaceValue | None, country: str | None,
    precision: PlacePrecision = PlacePrecision.CITY,
) -> PlaceValue:
    if region is not None:
        code, name = region.country_code, region.country
        admin1 = (region.admin1 or region.resolved) if region.precision is PlacePrecision.ADMIN1 else None
    else:
        code, admin1 = country, None
        name = gazetteer().countries[country].country if country else None
    written = ctx.text[start:end]
    return PlaceValue(name=written, resolved=written, country=name, country_code=code,
                      admin1=admin1, precision=precision, span=ctx.span(start, end))
