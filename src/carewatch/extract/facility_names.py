"""Which of a report's facility names are one facility, and which are no names at all.

Real reports name one hospital several ways: "the Saudi Teaching Maternal Hospital" and
later "the Saudi Hospital"; a title-case headline's "Airstrike Destroys Al Awda Hospital"
and the body's "Al Awda hospital". And some capitalised words before "hospital" name no
facility: an organisation that runs it ("MSF's hospital", "the ICRC hospital") or the town
it stands in ("a Gaza City hospital"). Within one report:

* a name made only of an organisation's name, or only of a place's, is no name: the
  mention is "a hospital" of that organisation or town;
* two names of one kind of facility are one facility when the distinctive words of one
  are all among the other's ("Saudi" in "Saudi Teaching Maternal").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache

from ..model import FacilityMention, Span
from ..resolve.facility_names import facility_name_key
from ..resolve.organisations import canonical_organisation

_POSSESSIVE = re.compile(r"['’ʼ]s\b")
# A title-case headline capitalises its verbs and prepositions too: "Doctors Killed In
# Strike On Al Awda Hospital". The name starts after the last of them.
_HEADLINE_WORDS = re.compile(
    r"^.*\b(?:In|On|At|By|For|From|To|Into|Near|After|Over|With|As|And|Hits?|Destroys?|"
    r"Destroyed|Bombs?|Bombed|Strikes?|Struck|Attacks?|Attacked|Kills?|Killed|Shells?|Shelled|"
    r"Raids?|Raided|Airstrikes?|Storms?|Stormed|Targets?|Targeted|Damages?|Damaged|Says?|Hit)\s+",
)


def distinctive_words(name: str) -> frozenset[str]:
    """The words of a facility name's key (:func:`~carewatch.resolve.facility_names
    .facility_name_key`): what tells it from others."""
    return frozenset(facility_name_key(_POSSESSIVE.sub("", name)).split())


# Words that say who backs a facility or what kind of care it gives: "an MSF-supported
# Ebola treatment centre" names none. "Maternity" or "General" do tell two hospitals of
# one report apart, so they stay names here (the merge is stricter).
_NOT_NAMING = ("supported", "run", "backed", "managed", "funded", "operated", "ebola",
               "cholera", "covid", "19", "isolation", "quarantine", "nutrition", "feeding",
               "stabilisation", "stabilization", "vaccination", "field", "mobile")


@cache
def _not_naming() -> frozenset[str]:
    return frozenset(facility_name_key(w) for w in _NOT_NAMING)


def is_no_name(name: str, places: frozenset[str] = frozenset()) -> bool:
    """True for "MSF's", "ICRC", "SAMS-supported", "Ebola", or "Gaza City" where the report
    names Gaza City as a place (``places``: keys of the places it names): a name that
    only says who runs the facility, what it treats or where it is."""
    bare = _POSSESSIVE.sub("", name)
    key = facility_name_key(bare)
    words = [w for w in key.split()
             if w not in _not_naming() and canonical_organisation(w.upper()) is None]
    if not words or key in places:
        return True
    return all(w.isupper() and len(w) >= 2 for w in bare.split())


def place_keys(names: Sequence[str]) -> frozenset[str]:
    """The keys :func:`is_no_name` compares a facility name with, of places' names."""
    return frozenset(facility_name_key(n) for n in names)


def corefer(mentions: Sequence[FacilityMention], prefer: Callable[[FacilityMention], bool],
            places: frozenset[str] = frozenset()) -> list[FacilityMention]:
    """``mentions`` with non-names made unnamed and each facility's names made one: the
    name kept is the shortest of the mentions ``prefer`` accepts (else of all), first
    in the text among equals."""
    plain = [_plain(m, places) for m in mentions]
    groups: list[list[FacilityMention]] = []
    for mention in plain:
        if mention.name is None or mention.is_code_name:
            continue
        words = distinctive_words(mention.name)
        group = next((g for g in groups if _same(g[0], mention, words)), None)
        if group is None:
            groups.append([mention])
        else:
            group.append(mention)
    kept: dict[int, str] = {}
    for group in groups:
        preferred = [m for m in group if prefer(m)] or group
        chosen = min(preferred, key=lambda m: len(distinctive_words(m.name or "")))
        for mention in group:
            kept[id(mention)] = chosen.name or ""
    return [replace(m, name=kept[id(m)]) if id(m) in kept else m for m in plain]


def _plain(mention: FacilityMention, places: frozenset[str]) -> FacilityMention:
    """The mention with its name cut after a headline's verbs, or made unnamed."""
    if mention.name is None or mention.is_code_name:
        return mention
    name = _HEADLINE_WORDS.sub("", mention.name)
    if is_no_name(name, places):
        return replace(mention, name=None)
    if name == mention.name or mention.span is None:
        return mention
    cut = len(mention.name) - len(name)
    span = mention.span
    return replace(mention, name=name, span=Span(span.start + cut, span.end, span.text[cut:]))


def _same(first: FacilityMention, other: FacilityMention, words: frozenset[str]) -> bool:
    if first.facility_type != other.facility_type or not first.name:
        return False
    theirs = distinctive_words(first.name)
    return bool(words and theirs) and (words <= theirs or theirs <= words)
