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

from ..model import FacilityMention, Span
from ..resolve.gazetteer import name_key
from ..resolve.organisations import canonical_organisation

# Words that say what a facility is, not which one. "Maternity", "children's", "trauma"
# and "general" tell two hospitals of one town apart, so they stay.
_KIND_WORDS = frozenset({
    "hospital", "hospitals", "clinic", "clinics", "polyclinic", "dispensary", "infirmary",
    "health", "healthcare", "care", "centre", "center", "centres", "centers", "medical",
    "complex", "facility", "facilities", "post", "point", "unit", "the", "a", "an", "of",
    # what is treated there, or how: "an Ebola treatment centre" is no name
    "ebola", "cholera", "covid", "covid 19", "coronavirus", "polio", "measles", "malaria", "hiv",
    "aids", "tb", "tuberculosis", "mpox", "isolation", "quarantine", "treatment", "transit",
    "vaccination", "nutrition", "stabilisation", "stabilization", "feeding", "therapeutic",
    "field", "mobile", "primary",
})
_SUPPORT = re.compile(r"-(?:supported|run|backed|funded|managed|operated)$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’ʼ]s?$")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
# A title-case headline capitalises its verbs and prepositions too: "Doctors Killed In
# Strike On Al Awda Hospital". The name starts after the last of them.
_HEADLINE_WORDS = re.compile(
    r"^.*\b(?:In|On|At|By|For|From|To|Into|Near|After|Over|With|As|And|Hits?|Destroys?|"
    r"Destroyed|Bombs?|Bombed|Strikes?|Struck|Attacks?|Attacked|Kills?|Killed|Shells?|Shelled|"
    r"Raids?|Raided|Airstrikes?|Storms?|Stormed|Targets?|Targeted|Damages?|Damaged|Says?|Hit)\s+",
)


def distinctive_words(name: str) -> frozenset[str]:
    """The words of a facility name that tell it from others, folded."""
    words = [name_key(w) for w in re.split(r"[\s/]+", name) if w]
    return frozenset(w for w in words if w and w not in _KIND_WORDS)


def is_no_name(name: str, places: frozenset[str] = frozenset()) -> bool:
    """True for "MSF's", "ICRC", "SAMS-supported", or "Gaza City" where the report names
    Gaza City as a place (``places``: the name keys of the places it names): a name that
    only says who runs the facility or where it is."""
    words = [_SUPPORT.sub("", _POSSESSIVE.sub("", w)) for w in name.split()]
    words = [w for w in words if w and name_key(w) not in _KIND_WORDS]
    if not words:
        return True
    bare = " ".join(words)
    if canonical_organisation(bare) is not None or all(_ACRONYM.match(w) for w in words):
        return True
    return name_key(bare) in places


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
