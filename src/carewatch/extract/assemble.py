"""Grouping a document's mentions into candidate incidents.

Sentences that report an attack on health care form clusters: a sentence joins the
current cluster unless it dates itself differently ("last week"). Each cluster owns the
text up to the next one, where its facilities get their names ("the hospitals are called
M10 and M2") and their damage. A cluster naming several facilities of one kind becomes
one incident per facility, sharing the figures that cover them all. Figures outside any
incident's sentences are kept as claims about wider events, with their scope.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Protocol, TypeVar

from ..model import (
    ActorValue,
    CandidateIncident,
    DateValue,
    Extraction,
    FacilityMention,
    Figure,
    FigureScope,
    Impact,
    IncidentType,
    MeansValue,
    PlaceValue,
    SituationFact,
    Source,
    Span,
    VictimGroup,
)
from ..resolve.actors import assign_actor_types, primary_actor
from ..resolve.organisations import organisation_key
from ..resolve.places import incident_country
from ..text import Context
from .events import SentenceEvent
from .headlines import headline_figures, is_heading, is_headline
from .incident_damage import incident_damage
from .incident_dates import compatible, event_date, first_date_in, incident_date
from .incident_places import _place, _town
from .means import primary_means
from .sources import source_at


class _Spanned(Protocol):
    span: Span | None


_V = TypeVar("_V", bound=_Spanned)
_NON_WEAPONS = frozenset({"no_direct_violence", "unknown"})
_HEALTH_GROUPS = (VictimGroup.HEALTH_WORKERS, VictimGroup.PATIENTS)


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
    headlines = {e.index for e in found.events if is_headline(ctx, e) or is_heading(ctx, e.index)}
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
    itself apart ("Last week, ...") or names another town ("In Kupiansk, ..."), or says it
    is another attack ("Separately, ...", "another clinic was shelled"); one that points
    back to the attack ("the strike also killed ...") stays with it."""
    clusters: list[Cluster] = []
    for event in events:
        own_date = event_date(ctx, found.dates, event.index)
        own_town = _town(ctx, found.places, event.index)
        current = clusters[-1] if clusters else None
        sentence = ctx.norm[event.sentence.start : event.sentence.end]
        another = _ANOTHER.search(sentence) is not None
        item = _ITEM_START.match(sentence) is not None
        if current is not None and not another and not item and _THE_ATTACK.search(sentence):
            current.events.append(event)
            current.date = current.date or own_date  # "Monday's strike" dates the lead
        elif (current is None or another or item
                or (own_date and not _same_time(ctx, own_date, current.date))
                or (own_town and current.town and own_town != current.town)):
            # "Another ambulance was hit" with no date of its own: at the same time.
            date = own_date or (current.date if current is not None and another else None)
            clusters.append(Cluster([event], date, first=event.index, town=own_town))
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


# "Separately, ...", "another hospital was hit", "a second strike": a new attack.
# A second strike on the same building ("a second strike hit it twenty minutes later") is
# the same attack; another building, or an attack said to be separate, is not.
_ANOTHER = re.compile(
    r"(?<!\bto )(?<!\bat )(?<!\bin )(?<!\binto )(?<!\bfrom )"
    r"\b(?:(?:another|a (?:second|third|separate|further|new)) (?:[\w-]+ )?(?:hospital|clinic|"
    r"health (?:facility|centre|center|post)|medical (?:facility|centre|center|point)|facility)|"
    r"a separate (?:[\w-]+ )?(?:attack|strike|air ?strike|raid|incident|assault|bombing)|"
    r"separately|in a separate|elsewhere|"
    r"a day (?:earlier|later)|the (?:previous|following|next) (?:day|week|night))\b",
    re.IGNORECASE,
)
# A monitor's brief opens each item with its date: "05 July 2023: In Doro village, ...",
# "Around 14 September 2021: ...", after a country's name or the last item's "Source:".
_ITEM_START = re.compile(
    r"\s*(?:Sources?:[^:\n]{1,120}?\s)?(?:[A-Z][\w'’.-]*\s+){0,4}?"
    r"(?:Around\s+|As reported on,?\s+|On\s+)?\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+[A-Z][a-z]+\.?"
    r"(?:\s+\d{4})?\s*:"
)
# "The strike also killed ...", "in the attack": the attack already told.
_THE_ATTACK = re.compile(
    r"\b(?:the|this|that|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's|"
    r"Sunday's|yesterday's|today's|last night's|the latest) (?:[\w-]+ )?(?:attack|strike|"
    r"air ?strike|airstrike|bombing|bombardment|shelling|raid|assault|incident|explosion|blast|"
    r"kidnapping|abduction|killing|looting|arrest|detention|ambush|shooting)s?\b",
    re.IGNORECASE,
)
# A lead that gives no date happened on the report's day or just before ("yesterday",
# "on Tuesday" in a Wednesday paper); "last week" is another time.
_LEAD_DAYS = 2


def _same_time(ctx: Context, own: DateValue, current: DateValue | None) -> bool:
    if current is not None:
        return compatible(own, current)
    if ctx.published is None:
        return True
    start, end = own.period()
    return start <= ctx.published and end >= ctx.published - dt.timedelta(days=_LEAD_DAYS)


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
        casualties=_told_once(ctx, figures),
        sources=_dedupe([s for span, s in found.sources if ctx.sentence_index(span.start) in indexes],
                        key=lambda s: s.label()),
        span=cluster.events[0].sentence,
    )
    base.casualties = _sole_voice(base.casualties, _cluster_sources(ctx, cluster, found))
    facilities = _facilities(ctx, cluster, found.facilities)
    impacts = incident_damage([_sourced(i, found) for i in found.impacts if cluster.owns(ctx, i.span)])
    return _split_by_facility(ctx, base, facilities, impacts, found.facilities)


def _cluster_sources(ctx: Context, cluster: Cluster, found: Mentions) -> list[Source]:
    return [s for span, s in found.sources if cluster.owns(ctx, span)]


def _sole_voice(figures: list[Figure], sources: list[Source]) -> list[Figure]:
    """Figures the text attributes to no one, in the text of an incident that quotes one
    organisation or person only ("MSF said three staff were killed. ... Thirty were
    missing."), are that source's."""
    voices = {_voice(s): s for s in sources if s.person or s.organisation}
    if len(voices) != 1:
        return figures
    [voice] = voices.values()
    return [f if f.source is not None else replace(f, source=voice) for f in figures]


def _told_once(ctx: Context, figures: list[Figure]) -> list[Figure]:
    """A toll told again in another sentence ("..., killing at least 11." then "At least 11
    people were killed ...") is one figure: the same kind, victims and count (of two or
    more: "a nurse ... another nurse" may be two people), from one source or from none.
    The attributed telling is kept."""
    kept: list[Figure] = []
    for figure in figures:
        same = next((i for i, k in enumerate(kept) if _retold(ctx, k, figure)), None)
        if same is None:
            kept.append(figure)
        elif kept[same].source is None and figure.source is not None:
            kept[same] = figure
    return kept


def _retold(ctx: Context, a: Figure, b: Figure) -> bool:
    if (a.kind, a.victim_group, a.count, a.count_max) != (b.kind, b.victim_group, b.count, b.count_max):
        return False
    if a.count < 2 or a.span is None or b.span is None:
        return False
    if ctx.sentence_index(a.span.start) == ctx.sentence_index(b.span.start):
        return False
    return a.source is None or b.source is None or _voice(a.source) == _voice(b.source)


def _voice(source: Source) -> str:
    return organisation_key(source.organisation) if source.organisation else source.label()


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
