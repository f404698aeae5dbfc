"""Place names in a text, resolved with the offline gazetteer (:mod:`.gazetteer`).

Only capitalised words start a name ("al-Shaar" counts: its article is lower case).
At each one the longest run of words whose folded key the gazetteer knows wins; a
direction before it ("besieged east Aleppo") or an administrative word after it
("Idlib governorate", "Northern Shan State") widens the span. Ambiguous names are
settled by, in order: a country the text names, our curated list, countries before
other places, the place's own name before an alternate spelling, population.

Not places: demonyms ("Syrian", "Russian": the gazetteer holds none), names inside
organisation names ("Gaza Health Ministry") and titled people's names ("Dr Amira
Hassan"), country names used for a state as an actor
("the UK and French ambassadors", "US forces"), and common English words that are also
towns ("Of", "Police"; ``data/places_stoplist.json``) unless an administrative word
follows ("Plateau State").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..data_files import load_json
from ..model import PlacePrecision, PlaceValue
from ..text import Context
from .gazetteer import ADMIN1_WORDS, Candidate, Entry, gazetteer, name_key

MAX_WORDS = 6
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*(?:'s)?")
_ARTICLE_PREFIX = re.compile(
    r"^(?:al|el|ad|ar|as|ash|at|az|ed|en|es|et|ez)-[^\W\d_]", re.IGNORECASE
)
_CONNECTORS = frozenset(
    [
        "al",
        "el",
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "ed",
        "en",
        "es",
        "et",
        "ez",
        "an",
        "de",
        "del",
        "la",
        "le",
        "du",
        "di",
        "da",
        "des",
        "of",
        "bin",
        "ibn",
        "wa",
    ]
)
_DIRECTIONS = frozenset(
    [
        "east",
        "eastern",
        "west",
        "western",
        "north",
        "northern",
        "south",
        "southern",
        "central",
        "rural",
        "greater",
        "northeast",
        "northeastern",
        "northwest",
        "northwestern",
        "southeast",
        "southeastern",
        "southwest",
        "southwestern",
        "north-east",
        "north-eastern",
        "north-west",
        "north-western",
        "south-east",
        "south-eastern",
        "south-west",
        "south-western",
        "downtown",
    ]
)
_PLACE_WORDS = frozenset(
    [
        "city",
        "town",
        "village",
        "camp",
        "district",
        "township",
        "county",
        "municipality",
        "neighbourhood",
        "neighborhood",
        "area",
        "suburb",
        "locality",
    ]
)


@dataclass
class _Word:
    start: int
    end: int
    text: str
    capital: bool
    key: str
    lower: str


@dataclass
class _Match:
    start: int
    end: int
    candidates: list[Candidate]
    admin: bool  # an administrative word follows: "Khartoum state"
    weak: bool  # a common word or a short spelling: resolve only in a country the text names
    first_word: str  # lower case
    first: int  # index of its first word
    last: int


def find_places(ctx: Context) -> list[PlaceValue]:
    """Every place the text names, resolved, in text order."""
    words = _words(ctx.norm)
    matches = _matches(ctx.norm, words)
    if not matches:
        return []
    named = {
        c.entry.country_code
        for m in matches
        for c in m.candidates
        if c.entry.precision is PlacePrecision.COUNTRY
    }
    places = []
    for match in matches:
        entry = _choose(match, named)
        if entry is not None:
            places.append(_value(entry, ctx.text[match.start : match.end], match, ctx))
    return places


def resolve_place(name: str, country_code: str | None = None) -> PlaceValue | None:
    """Resolve one place name ("Homs", "Idlib governorate", "east Aleppo") on its own."""
    ctx = Context(name.strip())
    words = _words(ctx.norm)
    if not words:
        return None
    for word in words:  # a name given alone need not be capitalised
        word.capital = True
    for strict in (True, False):
        for match in _matches(ctx.norm, words, strict=strict):
            entry = _choose(match, {country_code} if country_code else set())
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


# --- scanning ----------------------------------------------------------------------


def _words(text: str) -> list[_Word]:
    words = []
    for m in _WORD.finditer(text):
        word = m.group()
        capital = word[0].isupper() or bool(_ARTICLE_PREFIX.match(word))
        words.append(_Word(m.start(), m.end(), word, capital, name_key(word), word.lower()))
    return words


def _joined(text: str, left: _Word, right: _Word) -> bool:
    gap = text[left.end : right.start]
    return len(gap) <= 2 and gap.strip() == "" and "\n" not in gap


def _matches(text: str, words: list[_Word], strict: bool = True) -> list[_Match]:
    index = gazetteer().index
    stop = _STOP
    matches: list[_Match] = []
    i = 0
    while i < len(words):
        if not words[i].capital or not words[i].key or _continues_name(text, words, i):
            i += 1
            continue
        found = None
        keys: list[str] = []
        last_ok = i
        for j in range(i, min(i + MAX_WORDS, len(words))):
            if j > i and not _joined(text, words[j - 1], words[j]):
                break
            if words[j].key:
                keys.append(words[j].key)
            # "the" only inside a name: "Democratic Republic of the Congo", not "Of the".
            all_capital = all(
                w.capital or w.lower in _CONNECTORS or (w.lower == "the" and i < k < j)
                for k, w in enumerate(words[i : j + 1], start=i)
            )
            candidates = index.get(" ".join(keys))
            if candidates:
                written = text[words[i].start : words[j].end].removesuffix("'s")
                acronym = written.isupper() and len(written) <= 5
                usable = [
                    c
                    for c in candidates
                    if (all_capital or c.entry.curated)
                    and (c.exact_case == written if acronym or c.exact_case else True)
                ]
                if usable:
                    found, last_ok = usable, j
        if found is None:
            i += 1
            continue
        match = _extend(text, words, i, last_ok, found)
        if match is not None and _acceptable(text, words, match, stop, strict):
            matches.append(match)
        i = last_ok + 1
    return matches


def _continues_name(text: str, words: list[_Word], i: int) -> bool:
    """ "al-Numan" in "Maarat al-Numan" is the end of a name, not a name."""
    before = words[i - 1] if i > 0 else None
    return (
        before is not None
        and before.capital
        and before.key not in _STOP
        and _ARTICLE_PREFIX.match(words[i].text) is not None
        and _joined(text, before, words[i])
    )


def _extend(text: str, words: list[_Word], i: int, j: int, found: list[Candidate]) -> _Match:
    start, end, admin = words[i].start, words[j].end, False
    if i > 0 and words[i - 1].lower in _DIRECTIONS and _joined(text, words[i - 1], words[i]):
        start = words[i - 1].start
    if j + 1 < len(words) and _joined(text, words[j], words[j + 1]):
        nxt = words[j + 1].lower.removesuffix("'s")
        if nxt in ADMIN1_WORDS:
            end, admin = words[j + 1].end, True
        elif nxt in _PLACE_WORDS and not any(c.entry.curated for c in found):
            end = words[j + 1].end
    if text.endswith("'s", start, end):
        end -= 2
    return _Match(start, end, found, admin, False, words[i].lower, i, j)


def _acceptable(
    text: str, words: list[_Word], match: _Match, stop: frozenset[str], strict: bool
) -> bool:
    single = match.first == match.last
    if strict and single and words[match.first].key in stop:
        if not match.admin:
            return False
        match.weak = True  # "West region", "Northern State": which country's?
    if single and len(words[match.first].key) <= 4 and not any(c.primary for c in match.candidates):
        match.weak = True  # "She", "Care": short alternate spellings of far-away towns
    after = [w for w in words[match.last + 1 : match.last + 4] if w.start >= match.end]
    nxt = match.last + 1
    if (  # the name goes on: "Maarat al-Numan"
        nxt < len(words)
        and _joined(text, words[match.last], words[nxt])
        and _ARTICLE_PREFIX.match(words[nxt].text)
    ):
        return False
    if _in_organisation_name(text, words, match) or _in_personal_name(text, words, match):
        return False
    countries_only = all(c.entry.precision is PlacePrecision.COUNTRY for c in match.candidates)
    return not (countries_only and _actor_use(text, words[match.last], after, match))


def _in_organisation_name(text: str, words: list[_Word], match: _Match) -> bool:
    """Whether the match sits in a run of capitalised words naming an organisation."""

    def joins(k: int) -> bool:
        word = words[k]
        return word.capital or word.lower in _CONNECTORS or word.lower in ("for", "and", "the")

    lo, hi = match.first, match.last
    while lo > 0 and joins(lo - 1) and _joined(text, words[lo - 1], words[lo]):
        lo -= 1
    while hi + 1 < len(words) and joins(hi + 1) and _joined(text, words[hi], words[hi + 1]):
        hi += 1
    around = words[lo : match.first] + words[match.last + 1 : hi + 1]
    return any(w.text.removesuffix("'s") in _ORG_WORDS for w in around)


def _in_personal_name(text: str, words: list[_Word], match: _Match) -> bool:
    """Whether a title opens the run of capitalised words the match ends: "Dr Amira Hassan"
    is a person, whatever town is called Hassan."""
    k = match.first
    while k > 0 and words[k - 1].capital:
        before, gap = words[k - 1], text[words[k - 1].end : words[k].start]
        if not (_joined(text, before, words[k]) or (before.text in _TITLES and gap == ". ")):
            return False
        if before.text in _TITLES:
            return True
        k -= 1
    return False


def _actor_use(text: str, last: _Word, after: list[_Word], match: _Match) -> bool:
    """A country named for its state as an actor: "US forces", "the UK and French envoys"."""
    if text[match.end : match.end + 1] == "-":  # "UK-based", "US-backed"
        return True
    chain = [last]
    for word in after:
        if not _joined(text, chain[-1], word):
            break
        chain.append(word)
    rest = chain[1:]
    if len(rest) >= 2 and rest[0].lower == "and" and rest[1].capital:
        rest = rest[2:]
    return bool(rest) and rest[0].lower in _ACTOR_NOUNS


# --- choosing ------------------------------------------------------------------------


_GENERIC_AREAS = frozenset(
    ["centre", "center", "capital", "littoral", "coast", "coastal", "far", "north", "south"]
)


def _choose(match: _Match, named: set[str]) -> Entry | None:
    words_lower = match.first_word
    candidates = [
        c
        for c in match.candidates
        if not (c.entry.needs_country or match.weak) or c.entry.country_code in named
    ]
    if match.admin:
        admins = [c for c in match.candidates if c.entry.precision is PlacePrecision.ADMIN1]
        if match.weak and words_lower not in _DIRECTIONS | _GENERIC_AREAS:
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
    if not candidates:
        return None
    # A place's own name counts thrice its population against an alternate spelling:
    # "Hama" is Syria's Hama (alternate), not Tunisia's El Hamma (own name, smaller).
    # Last resort, the larger country: more people, more reports.
    countries = gazetteer().countries
    best = max(
        candidates,
        key=lambda c: (
            c.entry.country_code in named,
            c.entry.curated,
            c.entry.precision is PlacePrecision.COUNTRY,
            (c.entry.population + 1) * (3 if c.primary else 1),
            c.entry.precision is PlacePrecision.CITY,
            countries[c.entry.country_code].population,
        ),
    )
    return best.entry


def _value(entry: Entry, written: str, match: _Match, ctx: Context) -> PlaceValue:
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


_lists = load_json("places_stoplist.json")
_ORG_WORDS = frozenset(_lists["organisation_words"])
_TITLES = frozenset(_lists["personal_titles"])
_ACTOR_NOUNS = frozenset(_lists["actor_nouns"])


def _load_stoplist() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(name_key(w) for w in (*_lists["common_words"], *STOP_WORDS))


_STOP = _load_stoplist()
