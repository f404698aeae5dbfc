"""Place names in a text, resolved with the offline gazetteer (:mod:`.gazetteer`).

:mod:`.place_names` finds the names; this module reads them as a whole report. Each
name's role comes first: the report's dateline and its speakers' bases
(:mod:`.place_context`) and the homes of organisations ("the Aleppo Medical
Association") are not where anything happened. Then the report's country is weighed
from every hint, and ambiguous names are settled by, in order: the weight the text gives
their country, our curated list, countries before other places, the place's own name
before an alternate spelling, population. A facility named after a place ("Kunduz Trauma
Centre") names its town only when that is the town's own name and lies in the report's
country ("Al-Quds hospital" in a Gaza report is not in Jerusalem).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import PlacePrecision, PlaceValue
from ..text import Context
from .gazetteer import Candidate, Entry, gazetteer
from .place_context import (
    ASIDE_WEIGHT,
    COUNTRY_WEIGHT,
    DATELINE,
    ORGANISATION_WEIGHT,
    PLACE_WEIGHT,
    SPEAKER,
    CountryWeights,
    Demonym,
    dateline_spans,
    find_demonyms,
    is_locative,
    is_speaker_base,
)
from .place_names import (
    ARMED_GROUP,
    DIRECTIONS,
    FACILITY,
    ORGANISATION,
    Match,
    find_matches,
    scan_words,
)
from .unlisted_towns import SMALL_TOWN, find_unlisted_towns, namesake

_NOTE = "places"
_FIRMLY = 2 * PLACE_WEIGHT  # a report firmly about a country: two towns in it, or more
_WHERE = re.compile(r"\b(?:in|near|at|outside)\s+(?:the\s+)?$", re.IGNORECASE)
_KNOWN_CITY = 100_000  # a city whose name in an organisation's is surely the city
_LOCAL_REACH = 1500  # characters back to the country a passage is about
_LOCAL_WEIGHT = 1.0  # that country, for the names in the passage
_OWN_PREFERENCE = 0.75  # the gazetteer's choice for a name, against the report's country


@dataclass
class PlaceReading:
    """A report's places, what they are for, and the country the report is about."""

    places: list[PlaceValue] = field(default_factory=list)  # in text order
    roles: dict[int, str] = field(default_factory=dict)  # span start: DATELINE or SPEAKER
    country: str | None = None  # ISO alpha-3
    # The report's country as a place, at its first mention ("Syrian doctors said"), for
    # an incident whose text names no place of its own.
    country_place: PlaceValue | None = None

    def role(self, place: PlaceValue) -> str | None:
        """DATELINE or SPEAKER where the place is only where the report was filed or
        someone spoke from; None for a place where something may have happened."""
        return self.roles.get(place.span.start) if place.span else None


def find_places(ctx: Context) -> list[PlaceValue]:
    """Every place the text names, resolved, in text order (not the homes named inside
    organisations' names)."""
    return read_places(ctx).places


def read_places(ctx: Context) -> PlaceReading:
    """The report's places read once per context (the extractor's stages share it)."""
    reading = ctx.notes.get(_NOTE)
    if not isinstance(reading, PlaceReading):
        reading = ctx.notes[_NOTE] = _read(ctx)
    return reading


def _read(ctx: Context) -> PlaceReading:
    text = ctx.norm
    words = scan_words(text)
    matches = find_matches(text, words)
    demonyms = find_demonyms(text, [w.text for w in words], [w.start for w in words])
    if not matches and not demonyms:
        return PlaceReading()
    _mark_asides(text, matches)
    named = {c.entry.country_code for m in matches for c in m.candidates
             if c.entry.precision is PlacePrecision.COUNTRY}
    named |= {d.country_code for d in demonyms}
    weights = _first_weights(text, matches, named, demonyms)
    marks = _country_marks(matches, named)
    reading = PlaceReading()
    settled = CountryWeights(dict(weights.weights), dict(weights.first), dict(weights.spans))
    small: list[tuple[int, Entry, str | None]] = []  # small towns, which may be namesakes
    names: dict[str, set[str]] = {}  # the places the text names in each country
    for match in matches:
        local = _local_country(marks, match.start)
        entry = _choose(match, named, weights, local)
        if entry is None or not _tells_country(match, entry, weights):
            continue
        if match.role == FACILITY or _plain_country(match, named) is None:
            settled.add(entry.country_code, _weight(match, entry, text), match.start, match.end)
        if match.role == ORGANISATION:
            continue
        if match.role in (DATELINE, SPEAKER):
            reading.roles[match.start] = match.role
        elif entry.population < SMALL_TOWN and entry.precision is PlacePrecision.CITY:
            small.append((len(reading.places), entry, local))
        reading.places.append(_value(entry, ctx.text[match.start : match.end], match, ctx))
        names.setdefault(entry.country_code, set()).add(entry.name)
    reading.country = settled.top()
    _take_namesakes(ctx, reading, small, settled, names)
    usable = [p for p in reading.places if not reading.role(p)]
    unlisted = find_unlisted_towns(ctx, matches, usable, reading.country)
    if unlisted:
        spans = [(u.span.start, u.span.end) for u in unlisted if u.span]
        kept = [p for p in reading.places  # "Kafr Batna" holds Algeria's Batna
                if not (p.span and any(s <= p.span.start and p.span.end <= e for s, e in spans))]
        reading.places = sorted(kept + unlisted, key=lambda p: p.span.start if p.span else 0)
    reading.country_place = _country_place(ctx, reading, settled)
    return reading


def _take_namesakes(
    ctx: Context, reading: PlaceReading, small: list[tuple[int, Entry, str | None]],
    weights: CountryWeights, names: dict[str, set[str]],
) -> None:
    """A small foreign town named as where something happened, in a report (or a section
    of one) firmly about another country, is taken for a namesake there ("in Rann" in a
    Nigeria report)."""
    for i, entry, local in small:
        home = local or reading.country
        if home is None or (weights.get(home) < _FIRMLY and local is None):
            continue
        place = reading.places[i]
        if (entry.country_code != home and names[entry.country_code] == {entry.name}
                and place.span is not None and _WHERE.search(ctx.norm, max(0, place.span.start - 20),
                                                               place.span.start)):
            reading.places[i] = namesake(ctx, place, home)


def _first_weights(
    text: str, matches: list[Match], named: set[str], demonyms: list[Demonym]
) -> CountryWeights:
    """The report's countries as its nationality words and unambiguous names tell them."""
    weights = CountryWeights()
    for d in demonyms:
        weights.add(d.country_code, d.weight, d.start, d.end)
    for match in matches:
        if match.role == FACILITY or (code := _plain_country(match, named)) is None:
            continue  # settled once the report's country is known
        entry = _own_choice(match, named)
        if entry is not None and _tells_country(match, entry, weights):
            weights.add(code, _weight(match, entry, text), match.start, match.end)
    return weights


def _tells_country(match: Match, entry: Entry, weights: CountryWeights) -> bool:
    """Whether a name in an organisation's or facility's name says where: "Aleppo Medical
    Association" does; the "Rapid" of "Rapid Support Forces" (a small town's name) not."""
    if match.role == FACILITY:
        return _names_its_town(match, entry, weights)
    if match.role == ARMED_GROUP:
        return False
    if match.role != ORGANISATION:
        return True
    own_name = any(c.entry is entry and c.primary for c in match.candidates)
    return own_name and (entry.precision is not PlacePrecision.CITY
                         or entry.population >= _KNOWN_CITY)


def _mark_asides(text: str, matches: list[Match]) -> None:
    datelines = dateline_spans(text)
    for match in matches:
        if match.role:
            continue
        if any(start <= match.start < end for start, end in datelines) and not (
            (match.start, match.end) in datelines
            and any(c.entry.precision is PlacePrecision.COUNTRY for c in match.candidates)
        ):  # a line that holds a country's name only heads a section: "Burkina Faso"
            match.role = DATELINE
        elif is_speaker_base(text, match.start, match.end):
            match.role = SPEAKER


def _plain_country(match: Match, named: set[str]) -> str | None:
    """The country of a name that needs no context to resolve: all its candidates lie in
    one country, or it names a country ("Lebanon", though towns in Tennessee share it)."""
    allowed = _candidates(match, named)
    codes = {c.entry.country_code for c in allowed}
    if len(codes) == 1:
        return codes.pop()
    countries = {c.entry.country_code for c in allowed if c.entry.precision is PlacePrecision.COUNTRY}
    return countries.pop() if len(countries) == 1 else None


def _weight(match: Match, entry: Entry, text: str) -> float:
    if match.role in (DATELINE, SPEAKER):
        return ASIDE_WEIGHT
    if match.role == ORGANISATION:
        return ORGANISATION_WEIGHT
    if entry.precision is PlacePrecision.COUNTRY:
        return COUNTRY_WEIGHT
    return PLACE_WEIGHT if is_locative(text, match.start) else PLACE_WEIGHT / 2


def _names_its_town(match: Match, entry: Entry, weights: CountryWeights) -> bool:
    """"Kunduz Trauma Centre" is in Kunduz. A facility's name is its town's only where
    the town lies in the report's country, and, with no country to go by, where the name
    is no other country's town ("Medina hospital"); a name with an Arabic article is
    often the facility's own ("Al-Quds hospital", "Al-Thawra hospital": the Jerusalem,
    the Revolution), so it must also be the town's own name in the report's country."""
    top = weights.top()
    if entry.precision is PlacePrecision.COUNTRY or top not in (None, entry.country_code):
        return False
    if top is None and len({c.entry.country_code for c in match.candidates}) > 1:
        return False
    if not match.article:
        return True
    own_name = any(c.entry is entry and c.primary for c in match.candidates)
    return own_name and top == entry.country_code


def _country_place(ctx: Context, reading: PlaceReading, weights: CountryWeights) -> PlaceValue | None:
    code = reading.country
    if code is None:
        return None
    named = next((p for p in reading.places if p.country_code == code
                  and p.precision is PlacePrecision.COUNTRY and not reading.role(p)), None)
    if named is not None:
        return named
    start, end = weights.spans[code]
    country = gazetteer().countries[code]
    return PlaceValue(
        name=ctx.text[start:end],
        resolved=country.name,
        country=country.country,
        country_code=code,
        latitude=country.latitude,
        longitude=country.longitude,
        precision=PlacePrecision.COUNTRY,
        span=ctx.span(start, end),
    )


def resolve_place(name: str, country_code: str | None = None) -> PlaceValue | None:
    """Resolve one place name ("Homs", "Idlib governorate", "east Aleppo") on its own."""
    ctx = Context(name.strip())
    words = scan_words(ctx.norm)
    if not words:
        return None
    for word in words:  # a name given alone need not be capitalised
        word.capital = True
    named = {country_code} if country_code else set()
    weights = CountryWeights()
    weights.add(country_code, COUNTRY_WEIGHT, 0, 0)
    for strict in (True, False):
        for match in find_matches(ctx.norm, words, strict=strict):
            entry = _choose(match, named, weights)
            if entry is not None:
                return _value(entry, ctx.text[match.start : match.end], match, ctx)
    return None


def incident_country(places: list[PlaceValue]) -> str | None:
    """The ISO alpha-3 code of the country a text is most about.

    Places inside a country count twice as much as the country's bare name (reports name
    other states as actors: "Russia's invasion"); ties go to the first mentioned.
    """
    counts: Counter[str] = Counter()
    for place in places:
        if place.country_code:
            counts[place.country_code] += 1 if place.precision is PlacePrecision.COUNTRY else 2
    if not counts:
        return None
    best = max(counts.values())
    return next(p.country_code for p in places if p.country_code and counts[p.country_code] == best)


# --- choosing ------------------------------------------------------------------------


_GENERIC_AREAS = frozenset(
    ["centre", "center", "capital", "littoral", "coast", "coastal", "far", "north", "south"]
)


def _allowed(match: Match, named: set[str]) -> list[Candidate]:
    """Candidates that may be meant: a weak name ("She", "West region") or a curated place
    that needs its country ("Old Quarter") only in a country the text names."""
    return [
        c
        for c in match.candidates
        if not (c.entry.needs_country or match.weak) or c.entry.country_code in named
    ]


def _candidates(match: Match, named: set[str]) -> list[Candidate]:
    """The candidates a name may stand for, before the report's country weighs in (the
    countries the text names, ``named``, are the same for all of a reading's names)."""
    if match.options is None:
        match.options = _sift(match, named)
    return match.options


def _sift(match: Match, named: set[str]) -> list[Candidate]:
    words_lower = match.first_word
    candidates = _allowed(match, named)
    if match.admin:
        admins = [c for c in match.candidates if c.entry.precision is PlacePrecision.ADMIN1]
        if match.weak and words_lower not in DIRECTIONS | _GENERIC_AREAS:
            candidates = admins  # "Delta State", "Plateau State"; but "West region": whose?
        else:
            candidates = [c for c in admins if c in candidates] or candidates
    else:  # "Idlib" alone is the city, not the governorate of the same name
        city_countries = {
            c.entry.country_code for c in candidates if c.entry.precision is PlacePrecision.CITY
        }
        candidates = [
            c
            for c in candidates
            if c.entry.precision is not PlacePrecision.ADMIN1
            or c.entry.curated
            or c.entry.country_code not in city_countries
        ]
    return candidates


def _country_marks(matches: list[Match], named: set[str]) -> list[tuple[int, str]]:
    """Where the text names a country as a place (not a dateline's or a speaker's):
    a section of a brief ("Burkina Faso" over its items) or a sentence about it."""
    marks = []
    for match in matches:
        if match.role or not any(c.entry.precision is PlacePrecision.COUNTRY for c in match.candidates):
            continue
        entry = _own_choice(match, named)
        if entry is not None and entry.precision is PlacePrecision.COUNTRY:
            marks.append((match.start, entry.country_code))
    return marks


def _local_country(marks: list[tuple[int, str]], offset: int) -> str | None:
    """The country the text last named before ``offset``, not long before."""
    before = [code for start, code in marks if offset - _LOCAL_REACH <= start < offset]
    return before[-1] if before else None


def _own_choice(match: Match, named: set[str]) -> Entry | None:
    """What a name stands for on its own, before the report's country weighs in."""
    if not match.own_made:
        match.own, match.own_made = _choose(match, named, CountryWeights()), True
    return match.own


def _choose(
    match: Match, named: set[str], weights: CountryWeights, local: str | None = None
) -> Entry | None:
    candidates = _candidates(match, named)
    if not candidates:
        return None
    # On its own, a name goes to our curated list first, then countries before other
    # places, then a place's own name at thrice its population against an alternate
    # spelling ("Hama" is Syria's Hama, an alternate, not Tunisia's smaller El Hamma),
    # then the larger country: more people, more reports.
    countries = gazetteer().countries
    ranked = sorted(
        candidates,
        key=lambda c: (
            c.entry.curated,
            c.entry.precision is PlacePrecision.COUNTRY,
            (c.entry.population + 1) * (3 if c.primary else 1),
            c.entry.precision is PlacePrecision.CITY,
            countries[c.entry.country_code].population,
        ),
        reverse=True,
    )
    if not weights.weights and local is None:
        return ranked[0].entry
    # The report's country outweighs that preference when the text points to it more
    # than once in passing: "Homs" in a Syria report is not Libya's Al Khums, but one
    # "Russian region" does not move Ukraine's Donetsk to Russia's.
    default = ranked[0]
    best = max(
        ranked,
        key=lambda c: weights.get(c.entry.country_code) + (_OWN_PREFERENCE if c is default else 0)
        + (_LOCAL_WEIGHT if c.entry.country_code == local else 0),
    )
    return best.entry


def _value(entry: Entry, written: str, match: Match, ctx: Context) -> PlaceValue:
    gaz = gazetteer()
    precision = entry.precision
    admin1 = gaz.admin1_of(entry)
    resolved = entry.name
    if match.admin and precision is PlacePrecision.CITY:
        precision, resolved = PlacePrecision.ADMIN1, admin1 or written
        admin1 = resolved
    return PlaceValue(
        name=written,
        resolved=resolved,
        country=entry.country,
        country_code=entry.country_code,
        admin1=admin1,
        latitude=entry.latitude,
        longitude=entry.longitude,
        precision=precision,
        span=ctx.span(match.start, match.end),
    )
