"""Where an incident happened: the place its attack sentences name.

Moved here from :mod:`.assemble`, which groups sentences into incidents and asks this
module for each incident's place and each sentence's town.
"""

from __future__ import annotations

import re

from ..model import PlacePrecision, PlaceValue
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
    return next(
        (p.resolved or p.name for p in places
         if p.span and ctx.sentence_index(p.span.start) == index
         and p.precision in (PlacePrecision.POINT, PlacePrecision.CITY)
         and _WHERE_IT_HAPPENED.search(ctx.norm, max(0, p.span.start - 40), p.span.start)),
        None,
    )


def _place(ctx: Context, places: list[PlaceValue], indexes: list[int]) -> PlaceValue | None:
    for index in indexes:  # the first attack sentence that names a place says where
        own = [p for p in places if p.span and ctx.sentence_index(p.span.start) == index]
        if own:
            return min(own, key=lambda p: (_PLACE_RANK[p.precision], p.span.start if p.span else 0))
    # Otherwise the report's first resolved place: usually its dateline or lead.
    return next((p for p in places if p.precision is not PlacePrecision.UNKNOWN), None)
