"""Grouping a document's mentions into candidate incidents.

Sentences that report an attack on health care form clusters: a sentence joins the
current cluster unless it dates itself differently ("last week"). Each cluster owns the
text up to the next one, where its facilities get their names ("the hospitals are called
M10 and M2") and their damage. A cluster naming several facilities of one kind becomes
one incident per facility, sharing the figures that cover them all. Figures outside any
incident's sentences are kept as claims about wider events, with their scope.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Protocol, TypeVar

from ..model import (
    ActorValue,
    CandidateIncident,
    DatePrecision,
    DateValue,
    Extraction,
    FacilityMention,
    Figure,
    FigureScope,
    Impact,
    IncidentType,
    MeansValue,
    PlacePrecision,
    PlaceValue,
    SituationFact,
    Source,
    Span,
    VictimGroup,
)
from ..resolve.actors import assign_actor_types, primary_actor
from ..resolve.places import incident_country
from ..text import Context
from .events import SentenceEvent
from .headlines import headline_figures, is_headline
from .incident_damage import incident_damage
from .incident_dates import compatible, event_date, first_date_in, incident_date
from .means import primary_means
from .sources import source_at


class _Spanned(Protocol):
    span: Span | None


_V = TypeVar("_V", bound=_Spanned)
_NON_WEAPONS = frozenset({"no_direct_violence", "unknown"})
_HEALTH_GROUPS = (VictimGroup.HEALTH_WORKERS, VictimGroup.PATIENTS)
_PLACE_RANK = {PlacePrecision.POINT: 0, PlacePrecision.CITY: 1, PlacePrecision.ADMIN1: 2,
               PlacePrecision.COUNTRY: 3, PlacePrecision.UNKNOWN: 4}


@dataclass
class Mentions:
    """Everything the finders found in one document."""

    dates: list[DateValue]
    times: list[tuple[Span, str]]
    places: list[PlaceValue]
    means: list[MeansValue]
    actors: list[ActorValue]
    sources: list[tuple[Span, Source]]
    facilities: list[FacilityMention]
    figures: list[Figure]
    impacts: list[Impact]
    situation: list[SituationFact]
    events: list[SentenceEvent]


@dataclass
class Cluster:
    events: list[SentenceEvent] = field(default_factory=list)
    date: DateValue | None = None
    town: str | None = None  # the town or city its sentences name first
    first: int = 0  # index of the first sentence the cluster owns
    last: int = 0  # index of the last sentence it owns

    def owns(self, ctx: Context, span: Span | None) -> bool:
        return span is not None and self.first <= ctx.sentence_index(span.start) <= self.last

    def in_events(self, ctx: Context, span: Span | None) -> bool:
        return span is not None and ctx.sentence_index(span.start) in {e.index for e in self.events}


def assemble(ctx: Context, found: Mentions, extractor: str) -> Extraction:
    health = [e for e in found.events if e.health]
    events = health or found.events
    # A headline ("Statement on attacks on health care in Kharkiv oblast") announces the
    # attacks the body reports; it belongs to the first of them (see _clusters).
    headlines = {e.index for e in found.events if is_headline(ctx, e)}
    events = [e for e in events if e.index not in headlines] or events
    clusters = _clusters(ctx, events, found, len(ctx.sentences))
    incidents: list[CandidateIncident] = []
    used: set[int] = set()
    for cluster in clusters:
        incidents.extend(_incidents(ctx, cluster, found, used, headlines))
    claims = [_claim(ctx, f, found) for i, f in enumerate(found.figures) if i not in used]
    situation = [_situated(ctx, fact, found) for fact in found.situation]
    return Extraction(extractor=extractor, published=ctx.published, incidents=incidents,
                      claims=claims, situation=situation, places=found.places, dates=found.dates)


def _clusters(ctx: Context, events: list[SentenceEvent], found: Mentions, n: int) -> list[Cluster]:
    """Attack sentences grouped into incidents: a sentence starts a new one when it dates
    itself apart ("Last week, ...") or names another town ("In Kupiansk, ...")."""
    clusters: list[Cluster] = []
    # Without a date of its own, a cluster happened when the report says: its publication date.
    implicit = DateValue(ctx.published, DatePrecision.DAY) if ctx.published else None
    for event in events:
        own_date = event_date(ctx, found.dates, event.index)
        own_town = _town(ctx, found.places, event.index)
        current = clusters[-1] if clusters else None
        current_date = current and (current.date or implicit)
        if (current is None
                or (own_date and current_date and not compatible(own_date, current_date))
                or (own_town and current.town and own_town != current.town)):
            clusters.append(Cluster([event], own_date, first=event.index, town=own_town))
        else:
            current.events.append(event)
            current.date = current.date or own_date
            current.town = current.town or own_town
    for i, cluster in enumerate(clusters):
        cluster.last = clusters[i + 1].first - 1 if i + 1 < len(clusters) else n - 1
    if clusters:
        # A dateline or headline before the first attack sentence belongs to it.
        clusters[0].first = 0
    return clusters


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


def _incidents(
    ctx: Context, cluster: Cluster, found: Mentions, used: set[int], headlines: set[int]
) -> list[CandidateIncident]:
    indexes = [e.index for e in cluster.events]
    types: list[IncidentType] = []
    for event in cluster.events:
        types.extend(t for t in event.types if t not in types)
    place = _place(ctx, found.places, indexes)
    country = place.country_code if place else incident_country(found.places)
    date = incident_date(ctx, cluster.date, indexes, found.dates, found.times)
    figures = []
    told_again = headline_figures(ctx, cluster.events, cluster.owns, headlines, found.figures)
    for i, figure in enumerate(found.figures):
        if figure.scope is not FigureScope.INCIDENT:
            continue
        if i in told_again:
            used.add(i)  # neither this incident's nor a wider claim
            continue
        if cluster.in_events(ctx, figure.span) or (
            cluster.owns(ctx, figure.span) and figure.victim_group in _HEALTH_GROUPS
        ):
            used.add(i)
            figures.append(_sourced(figure, found))
    base = CandidateIncident(
        incident_type=types[0],
        types=types,
        date=date,
        place=place,
        means=_means(_cluster_means(ctx, cluster, found.means)),
        perpetrators=_perpetrators(_in_cluster(ctx, cluster, _not_speakers(found)), country, date),
        casualties=figures,
        sources=_dedupe([s for span, s in found.sources if ctx.sentence_index(span.start) in indexes],
                        key=lambda s: s.label()),
        span=cluster.events[0].sentence,
    )
    facilities = _facilities(ctx, cluster, found.facilities)
    impacts = incident_damage([_sourced(i, found) for i in found.impacts if cluster.owns(ctx, i.span)])
    return _split_by_facility(ctx, base, facilities, impacts, found.facilities)


def _in_cluster(ctx: Context, cluster: Cluster, values: list[_V]) -> list[_V]:
    """Values in the cluster's attack sentences, else anywhere in the text it owns."""
    own = [v for v in values if cluster.in_events(ctx, v.span)]
    return own or [v for v in values if cluster.owns(ctx, v.span)]


def _cluster_means(ctx: Context, cluster: Cluster, means: list[MeansValue]) -> list[MeansValue]:
    """The means in the attack sentences; where those name no weapon, a weapon stated
    elsewhere in the cluster's text: a closure is what an attack caused, not how it was made."""
    own = _in_cluster(ctx, cluster, means)
    if any(m.category not in _NON_WEAPONS for m in own):
        return own
    weapons = [m for m in means if cluster.owns(ctx, m.span) and m.category not in _NON_WEAPONS
               and m.basis == "text"]
    return own + weapons


def _not_speakers(found: Mentions) -> list[ActorValue]:
    """Actors other than those who report the attack ("..., police said")."""
    spans = [s.span for _, s in found.sources if s.span]
    return [a for a in found.actors if not (a.span and any(s.start <= a.span.start < s.end for s in spans))]


def _means(means: list[MeansValue]) -> list[MeansValue]:
    """Distinct means, the one that best characterises the attack first; "no direct
    violence" only where no weapon is named."""
    unique = _dedupe(means, key=lambda m: m.category)
    violent = [m for m in unique if m.category not in _NON_WEAPONS] or unique
    primary = primary_means(violent)
    return [primary, *[m for m in violent if m is not primary]] if primary else violent


def _perpetrators(actors: list[ActorValue], country: str | None, date: DateValue | None) -> list[ActorValue]:
    typed = assign_actor_types(actors, country, date.date if date else None)
    unique = _dedupe(typed, key=lambda a: (a.normalised or a.name).lower())
    primary = primary_actor(unique)
    return [primary, *[a for a in unique if a is not primary]] if primary else unique


def _facilities(ctx: Context, cluster: Cluster, mentions: list[FacilityMention]) -> list[FacilityMention]:
    in_events = [m for e in cluster.events for m in e.facilities]
    named = [m for m in mentions if m.name and cluster.owns(ctx, m.span)]
    chosen: dict[str, FacilityMention] = {}
    for mention in [*in_events, *named]:
        key = mention.name or f"{mention.facility_type}@{mention.span.start if mention.span else 0}"
        chosen.setdefault(key, mention)
    named_types = {m.facility_type for m in chosen.values() if m.name}
    # Once the facilities of a kind are named, "two hospitals" is those same named ones;
    # unnamed mentions of one kind ("the hospital", "the facility") are one facility.
    unnamed: dict[str, FacilityMention] = {}
    for mention in chosen.values():
        if not mention.name and mention.facility_type not in named_types:
            unnamed.setdefault(mention.facility_type, mention)
    return [m for m in chosen.values() if m.name] + list(unnamed.values())


def _split_by_facility(
    ctx: Context,
    base: CandidateIncident,
    facilities: list[FacilityMention],
    impacts: list[Impact],
    mentions: list[FacilityMention],
) -> list[CandidateIncident]:
    named = [f for f in facilities if f.name]
    if len(named) < 2:
        return [replace(base, facilities=facilities, impacts=impacts)]
    others = [f for f in facilities if not f.name]
    split = []
    for facility in named:
        own = [i for i in impacts if i.target in (None, facility.name)]
        sources = [s for s in base.sources
                   if facility.name in _facilities_beside(ctx, s, named, mentions)
                   or not _facilities_beside(ctx, s, named, mentions)]
        split.append(replace(base, facilities=[facility, *others], impacts=own, sources=sources))
    return split


def _facilities_beside(
    ctx: Context, source: Source, named: list[FacilityMention], mentions: list[FacilityMention]
) -> set[str]:
    """Which of the hit facilities the source's sentence names: "M10's intensive care unit
    is out of service, head Mohammed Abu Rajab said" makes him a source on M10, not on M2,
    which the same strikes hit."""
    if source.span is None:
        return set()
    sentence = ctx.sentence_index(source.span.start)
    names = {f.name for f in named}
    return {m.name for m in mentions if m.name and m.name in names and m.span is not None
            and ctx.sentence_index(m.span.start) == sentence}


def _place(ctx: Context, places: list[PlaceValue], indexes: list[int]) -> PlaceValue | None:
    for index in indexes:  # the first attack sentence that names a place says where
        own = [p for p in places if p.span and ctx.sentence_index(p.span.start) == index]
        if own:
            return min(own, key=lambda p: (_PLACE_RANK[p.precision], p.span.start if p.span else 0))
    # Otherwise the report's first resolved place: usually its dateline or lead.
    return next((p for p in places if p.precision is not PlacePrecision.UNKNOWN), None)


def _sourced(value: Figure | Impact, found: Mentions):  # type: ignore[no-untyped-def]
    if value.source is None and value.span is not None:
        value = replace(value, source=source_at(found.sources, value.span.start))
    return value


def _claim(ctx: Context, figure: Figure, found: Mentions) -> Figure:
    scope = figure.scope if figure.scope is FigureScope.CAMPAIGN else FigureScope.OTHER_EVENT
    return replace(_sourced(figure, found), scope=scope)


def _situated(ctx: Context, fact: SituationFact, found: Mentions) -> SituationFact:
    if fact.span is None:
        return fact
    index = ctx.sentence_index(fact.span.start)
    return replace(
        fact,
        date=fact.date or first_date_in(ctx, found.dates, [index]),
        place=fact.place or _place(ctx, found.places, [index]),
        source=fact.source or source_at(found.sources, fact.span.start),
    )


def _dedupe(items, key):  # type: ignore[no-untyped-def]
    seen: dict[object, object] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())
