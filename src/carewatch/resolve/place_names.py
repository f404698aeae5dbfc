"""Finding place names in a text: runs of capitalised words the gazetteer knows.

Only capitalised words start a name ("al-Shaar" counts: its article is lower case).
At each one the longest run of words whose folded key the gazetteer knows wins; a
direction before it ("besieged east Aleppo") or an administrative word after it
("Idlib governorate", "Northern Shan State") widens the span.

Not names of places: titled people's names ("Dr Amira Hassan"), country names used for a
state as an actor ("the UK and French ambassadors", "US forces"), and common English
words that are also towns ("Of", "Police", "Nov."; ``data/places_stoplist.json``) unless
an administrative word follows ("Plateau State"). A name inside an organisation's name
("Gaza Health Ministry") or a facility's ("Al-Quds hospital") is found, with that role:
it tells the report's country, not where something happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data_files import load_json
from ..model import PlacePrecision
from .gazetteer import ADMIN1_WORDS, ARTICLES, Candidate, Entry, gazetteer, name_key

MAX_WORDS = 6
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*(?:'s)?")
_ARTICLE_PREFIX = re.compile(
    rf"^(?:{'|'.join(sorted(ARTICLES - {'the'}, key=len, reverse=True))})-[^\W\d_]", re.IGNORECASE
)
# Small words inside a place's name: the gazetteer's Arabic articles, and "de", "of", "bin".
_CONNECTORS = (ARTICLES - {"the"}) | frozenset(
    ["de", "del", "la", "le", "du", "di", "da", "des", "of", "bin", "ibn", "wa"]
)
DIRECTIONS = frozenset(
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
class Word:
    start: int
    end: int
    text: str
    capital: bool
    key: str
    lower: str


@dataclass
class Match:
    start: int
    end: int
    candidates: list[Candidate]
    admin: bool  # an administrative word follows: "Khartoum state"
    weak: bool  # a common word or a short spelling: resolve only in a country the text names
    first_word: str  # lower case
    first: int  # index of its first word
    last: int
    # ORGANISATION ("the Aleppo Medical Association", "the Gaza health ministry"),
    # ARMED_GROUP ("Sudan Armed Forces") or FACILITY ("Al-Quds
    # hospital"); the reading adds DATELINE and SPEAKER.
    role: str = ""
    article: bool = False  # written with an Arabic article: "Al-Quds", "al-Shaar"
    # What the reading found the name may stand for, kept so that it is worked out once.
    options: list[Candidate] | None = None
    own: Entry | None = None  # its choice on its own, once ``own_made``
    own_made: bool = False


def scan_words(text: str) -> list[Word]:
    words = []
    for m in _WORD.finditer(text):
        word = m.group()
        capital = word[0].isupper() or bool(_ARTICLE_PREFIX.match(word))
        words.append(Word(m.start(), m.end(), word, capital, name_key(word), word.lower()))
    return words


def joined(text: str, left: Word, right: Word) -> bool:
    gap = text[left.end : right.start]
    return len(gap) <= 2 and gap.strip() == "" and "\n" not in gap


def find_matches(text: str, words: list[Word], strict: bool = True) -> list[Match]:
    index = gazetteer().index
    stop = STOP
    matches: list[Match] = []
    i = 0
    while i < len(words):
        if not words[i].capital or not words[i].key or _continues_name(text, words, i):
            i += 1
            continue
        found = None
        keys: list[str] = []
        last_ok = i
        for j in range(i, min(i + MAX_WORDS, len(words))):
            if j > i and not joined(text, words[j - 1], words[j]):
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


def _continues_name(text: str, words: list[Word], i: int) -> bool:
    """ "al-Numan" in "Maarat al-Numan" is the end of a name, not a name."""
    before = words[i - 1] if i > 0 else None
    return (
        before is not None
        and before.capital
        and before.key not in STOP
        and _ARTICLE_PREFIX.match(words[i].text) is not None
        and joined(text, before, words[i])
    )


def _extend(text: str, words: list[Word], i: int, j: int, found: list[Candidate]) -> Match:
    start, end, admin = words[i].start, words[j].end, False
    if i > 0 and words[i - 1].lower in DIRECTIONS and joined(text, words[i - 1], words[i]):
        start = words[i - 1].start
    if j + 1 < len(words) and joined(text, words[j], words[j + 1]):
        nxt = words[j + 1].lower.removesuffix("'s")
        if nxt in ADMIN1_WORDS:
            end, admin = words[j + 1].end, True
        elif nxt in _PLACE_WORDS and not any(c.entry.curated for c in found):
            end = words[j + 1].end
    if text.endswith("'s", start, end):
        end -= 2
    article = _ARTICLE_PREFIX.match(words[i].text) is not None or words[i].lower in _ARTICLES
    return Match(start, end, found, admin, False, words[i].lower, i, j, article=article)


def _acceptable(
    text: str, words: list[Word], match: Match, stop: frozenset[str], strict: bool
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
        and joined(text, words[match.last], words[nxt])
        and _ARTICLE_PREFIX.match(words[nxt].text)
    ):
        return False
    if _in_personal_name(text, words, match) or _followed_by(text, match.end, after, _NOT_PLACE):
        return False  # "Dr Amira Hassan", "the Geneva Conventions", "of Fula ethnicity"
    countries_only = all(c.entry.precision is PlacePrecision.COUNTRY for c in match.candidates)
    if countries_only and _actor_use(text, words[match.last], after, match):
        return False
    organisation = _organisation_around(text, words, match)
    if organisation == "armed":
        match.role = ARMED_GROUP
    elif organisation or (  # a country's ministry is the country's
        not countries_only and _followed_by(text, match.end, after, _ORG_PHRASES)
    ):
        match.role = ORGANISATION
    elif _followed_by(text, match.end, after, _FACILITY_WORDS):
        match.role = FACILITY
    return True


def _followed_by(text: str, end: int, after: list[Word], phrases: frozenset[str]) -> bool:
    """Whether the words right after a name are one of ``phrases`` (one or two words)."""
    if not after or text[end : after[0].start] not in (" ", "'s "):
        return False
    first = after[0].lower.removesuffix("'s")
    if first in phrases or after[0].lower in phrases:
        return True
    return len(after) > 1 and joined(text, after[0], after[1]) and (
        f"{first} {after[1].lower}" in phrases
    )


def _organisation_around(text: str, words: list[Word], match: Match) -> str:
    """"armed" where the match sits in a run of capitalised words naming an armed group
    ("Democratic Forces for the Liberation of Rwanda"), "organisation" where they name
    another organisation ("Aleppo Medical Association"), else ""."""

    def joins(k: int) -> bool:
        word = words[k]
        return word.capital or word.lower in _CONNECTORS or word.lower in ("for", "and", "the")

    lo, hi = match.first, match.last
    while lo > 0 and joins(lo - 1) and joined(text, words[lo - 1], words[lo]):
        lo -= 1
    while hi + 1 < len(words) and joins(hi + 1) and joined(text, words[hi], words[hi + 1]):
        hi += 1
    around = {w.text.removesuffix("'s") for w in words[lo : match.first] + words[match.last + 1 : hi + 1]}
    if around & _ARMED_WORDS:
        return "armed"
    return "organisation" if around & _ORG_WORDS else ""


# "A spokesman, Ahmad Sweid, said", "said Ahmad Sweid", "Ahmad Sweid, a rescuer": a
# forename and a surname where a speaker stands, whatever town is called Ahmad.
_SPEAKER_BEFORE = re.compile(
    r"(?:\b(?:spokes(?:man|woman|person)|director|official|doctor|nurse|medic|rescuer|"
    r"witness|resident|head|chief|coordinator|manager|officer|minister|governor|mayor),\s*|"
    r"\b(?:said|says|told|added|according to)\s+)$",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset({"in", "at", "on", "the", "a", "an", "from", "to", "of", "for", "by",
                        "near", "and", "but", "as", "with", "after", "before", "since", "into"})
_SPEAKER_AFTER = re.compile(r"\s*(?:,\s*(?:a|an|the|who)\b|,?\s*(?:said|says|told|added)\b)")


def _forename(text: str, words: list[Word], match: Match) -> bool:
    """A one-word place in a forename and a surname where a speaker stands (see above)."""
    if match.first != match.last:
        return False
    k = match.first
    for first, last in ((k, k + 1), (k - 1, k)):  # the place as forename, or as surname
        if first < 0 or last >= len(words):
            continue
        if not (words[first].capital and words[last].capital
                and joined(text, words[first], words[last])) or any(
                    words[i].lower in _NOT_NAMES for i in (first, last)):
            continue
        before = text[max(0, words[first].start - 40) : words[first].start]
        if _SPEAKER_BEFORE.search(before) or _SPEAKER_AFTER.match(text, words[last].end):
            return True
    return False


def _in_personal_name(text: str, words: list[Word], match: Match) -> bool:
    """Whether a title opens the run of capitalised words the match ends: "Dr Amira Hassan"
    is a person, whatever town is called Hassan; or a forename stands with its surname
    where a speaker does."""
    if _forename(text, words, match):
        return True
    k = match.first
    while k > 0 and words[k - 1].capital:
        before, gap = words[k - 1], text[words[k - 1].end : words[k].start]
        if not (joined(text, before, words[k]) or (before.text in _TITLES and gap == ". ")):
            return False
        if before.text in _TITLES:
            return True
        k -= 1
    return False


def _actor_use(text: str, last: Word, after: list[Word], match: Match) -> bool:
    """A country named for its state as an actor: "US forces", "the UK and French envoys"."""
    if text[match.end : match.end + 1] == "-":  # "UK-based", "US-backed"
        return True
    chain = [last]
    for word in after:
        if not joined(text, chain[-1], word):
            break
        chain.append(word)
    rest = chain[1:]
    if len(rest) >= 2 and rest[0].lower == "and" and rest[1].capital:
        rest = rest[2:]
    return bool(rest) and rest[0].lower in _ACTOR_NOUNS


_lists = load_json("places_stoplist.json")
_ORG_WORDS = frozenset(_lists["organisation_words"])
_TITLES = frozenset(_lists["personal_titles"])
_ACTOR_NOUNS = frozenset(_lists["actor_nouns"])
_ORG_PHRASES = frozenset(_lists["organisation_phrases"])
_FACILITY_WORDS = frozenset(_lists["facility_words"])
_NOT_PLACE = frozenset(_lists["not_place_before"])
_ARMED_WORDS = frozenset(_lists["armed_group_words"])
_ARTICLES = ARTICLES - {"the"}
ORGANISATION = "organisation"
ARMED_GROUP = "armed_group"  # a name in an armed group's name says nothing of where
FACILITY = "facility"


def _load_stoplist() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(name_key(w) for w in (*_lists["common_words"], *STOP_WORDS))


STOP = _load_stoplist()
