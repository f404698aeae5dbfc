"""Where an incident happened: the place its attack sentences name.

Not every place a report names can be that place: a wire story's dateline ("GAZIANTEP,
Turkey (Reuters) -") and a speaker's base ("a spokesperson in Geneva") say where the
report was filed or someone spoke (:mod:`carewatch.resolve.places` marks them). Among
the places an attack sentence names, those in the report's country come first, then
those the sentence puts something in ("in Kafr Nabl", not "Maria Lopez from Madrid"),
then the finest. Where the attack sentences name none, the report's first place in its country
says where; then the report's country itself; a dateline city only where the text names
no other place and points to no other country.
"""

from __future__ import annotations

import re

from ..model import PlacePrecision, PlaceValue
from ..resolve.place_context import is_locative
from ..resolve.places import PlaceReading, read_places
from ..text import Context

_PLACE_RANK = {PlacePrecision.POINT: 0, PlacePrecision.CITY: 1, PlacePrecision.ADMIN1: 2,
               PlacePrecision.COUNTRY: 3, PlacePrecision.UNKNOWN: 4}


# "in Kupiansk", "near Izium", but not where a speaker is: "an officer based in Gaziantep".
_WHERE_IT_HAPPENED = re.compile(
    r"(?<!based )(?<!living )(?<!speaking )(?<!headquartered )(?<!located )"
    r"\b(?:in|near|at|outside|around|into)\s+(?:the\s+(?:town|city|village)\s+of\s+)?$",
    re.IGNORECASE,
)


def _town(ctx: Context, places: list[PlaceValue], index: int) -> str | None:
    """The first town or city sentence ``index`` says something happened in, as resolved."""
    reading = read_places(ctx)
    return next(
        (p.resolved or p.name for p in places
         if p.span and ctx.sentence_index(p.span.start) == index
         and p.precision in (PlacePrecision.POINT, PlacePrecision.CITY)
         and not reading.role(p)
         and _WHERE_IT_HAPPENED.search(ctx.norm, max(0, p.span.start - 40), p.span.start)),
        None,
    )


def _place(ctx: Context, places: list[PlaceValue], indexes: list[int]) -> PlaceValue | None:
    reading = read_places(ctx)
    usable = [p for p in places if not reading.role(p)]
    for index in indexes:  # the first attack sentence that names a place says where
        own = [p for p in usable if p.span and ctx.sentence_index(p.span.start) == index]
        if own:
            return min(own, key=lambda p: (p.country_code != reading.country,
                                           not is_locative(ctx.norm, p.span.start if p.span else 0),
                                           _PLACE_RANK[p.precision], p.span.start if p.span else 0))
    return _report_place(reading, usable, places)


def _report_place(
    reading: PlaceReading, usable: list[PlaceValue], places: list[PlaceValue]
) -> PlaceValue | None:
    """Where the report as a whole says things happened, for an incident whose own
    sentences name no place."""
    known = [p for p in usable if p.precision is not PlacePrecision.UNKNOWN]
    in_country = next((p for p in known if p.country_code == reading.country), None)
    if in_country is not None:
        return in_country
    if not known:  # a dateline city, when nothing points elsewhere: "KHARTOUM — Gunmen ..."
        dateline = next((p for p in places if reading.role(p) and p.country_code == reading.country
                         and p.precision is not PlacePrecision.COUNTRY), None)
        if dateline is not None:
            return dateline
    return reading.country_place or (known[0] if known else None)
