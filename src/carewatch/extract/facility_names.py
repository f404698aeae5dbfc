"""Which of a report's facility names are one facility, and which are no names at all.

Real reports name one hospital several ways: "the Saudi Teaching Maternal Hospital" and
later "the Saudi Hospital", "Kiri Hospital" and "Kiri general hospital", a typographic
apostrophe here and a plain one there. And some capitalised words before "hospital" name no
facility: an organisation that runs it ("MSF's hospital", "the ICRC hospital") or the town
it stands in ("a Gaza City hospital"). Within one report:

* a name made only of an organisation's name, or only of a place's, is no name: the
  mention is "a hospital" of that organisation or town;
* two names of one kind of facility are one facility when the distinctive words of one
  are all among the other's ("Saudi" in "Saudi Teaching Maternal").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache

from ..model import FacilityMention
from ..resolve.facility_names import facility_name_key
from ..resolve.organisations import canonical_organisation

_POSSESSIVE = re.compile(r"['’ʼ]s\b")


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
    name kept is one of those ``prefer`` accepts (else of all), the form the report uses
    most, spelt with a plain apostrophe where it has one, first in the text among equals;
    its kind of facility goes with it."""
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
    kept: dict[int, FacilityMention] = {}
    for group in groups:
        preferred = [m for m in group if prefer(m)] or group
        used = Counter(_plain_apostrophe(m.name or "") for m in group)
        chosen = max(preferred, key=lambda m: (used[_plain_apostrophe(m.name or "")],
                                               m.name == _plain_apostrophe(m.name or "")))
        for mention in group:
            kept[id(mention)] = chosen
    return [replace(m, name=_plain_apostrophe(kept[id(m)].name or ""),
                    facility_type=kept[id(m)].facility_type)
            if id(m) in kept else m for m in plain]


def _plain_apostrophe(name: str) -> str:
    return name.replace("\u2019", "'").replace("\u02bc", "'")


def _plain(mention: FacilityMention, places: frozenset[str]) -> FacilityMention:
    """The mention, made unnamed where its name names no facility."""
    if mention.name is None or mention.is_code_name or not is_no_name(mention.name, places):
        return mention
    return replace(mention, name=None)


_BUILDINGS_APART = frozenset({"ambulance", "pharmacy", "medical_warehouse"})


def _same(first: FacilityMention, other: FacilityMention, words: frozenset[str]) -> bool:
    """Names of one facility: the distinctive words of one all among the other's, and both
    buildings of care ("the Kunduz trauma centre", "Kunduz hospital") or of one kind."""
    kinds = {first.facility_type, other.facility_type}
    if not first.name or (len(kinds) > 1 and kinds & _BUILDINGS_APART):
        return False
    theirs = distinctive_words(first.name)
    return bool(words and theirs) and (words <= theirs or theirs <= words)
