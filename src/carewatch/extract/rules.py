"""The default extractor, ``carewatch.rules.v1``: deterministic, offline, fast.

It runs the finders over one :class:`~carewatch.text.Context` and hands their mentions
to :mod:`carewatch.extract.assemble`, which groups them into candidate incidents.
"""

from __future__ import annotations

import datetime as dt

from ..model import Extraction
from ..resolve.dates import find_dates, find_times
from ..resolve.places import find_places
from ..text import Context
from . import register_extractor
from .actors import find_actors
from .assemble import Mentions, assemble
from .casualties import find_figures
from .events import find_events
from .facilities import find_facilities
from .impacts import find_impacts
from .means import find_means
from .situation import find_situation
from .sources import find_sources

NAME = "carewatch.rules.v1"


class RuleExtractor:
    """Lexicons and patterns from ``carewatch/data``, no statistical model."""

    name = NAME

    def extract(self, text: str, published: dt.date | None = None) -> Extraction:
        ctx = Context(text, published)
        facilities = find_facilities(ctx)
        figures = find_figures(ctx)
        sources = find_sources(ctx)
        speakers = [s.span for _, s in sources if s.span]
        mentions = Mentions(
            dates=find_dates(ctx),
            times=find_times(ctx),
            places=find_places(ctx),
            means=find_means(ctx),
            actors=find_actors(ctx),
            sources=sources,
            facilities=facilities,
            figures=figures,
            impacts=find_impacts(ctx, facilities),
            situation=find_situation(ctx),
            events=find_events(ctx, facilities, figures, speakers),
        )
        return assemble(ctx, mentions, extractor=self.name)


@register_extractor(NAME)
def _build() -> RuleExtractor:
    return RuleExtractor()
