"""The one key facility names are compared on, by the merge and by the facility registry.

Reports spell one facility many ways: "Al-Shifa Hospital", "al Shifaa hospital",
"ash-Shifa", "AL-SHIFA MEDICAL COMPLEX", with a typographic apostrophe (U+2019), a
modifier letter (U+02BC) or an ayin mark (U+02BF) where another has a plain one.
:func:`facility_name_key` folds all of them to "shifa":

* apostrophes, ayin and hamza marks and backticks are dropped; hyphens, slashes and
  other separators become spaces;
* case and accents are folded (other scripts keep their letters);
* Arabic articles (the gazetteer's :data:`~.gazetteer.ARTICLES`: "al", "el", "ed",
  "ash" ...) and connectors ("of", "de la") are dropped;
* transliteration variants meet: a doubled letter is single ("Shifaa" ~ "Shifa"),
  "oo" and "ou" are "u" ("Noor" ~ "Nour" ~ "Nur"), "ee" is "i", "kh" is "h" ("Okhmatdyt"
  ~ "Ohmatdyt"), a final "h" after a vowel goes ("Awdah" ~ "Awda");
* generic nouns ("hospital", "medical centre") are dropped; a bare code name ("M10",
  "m10 hospital") is kept in capitals, and digits never fold ("M1" is not "M11").

Descriptors ("maternity", "children's", "national", "MSF-supported") stay in the key:
they tell two hospitals of one town apart. :func:`name_core` drops them too, for the
merge's question "is this a name at all, or only a kind of facility?".

The registry stores these keys (``facility_names.key``, ``facility_identities
.real_name_key``); migration ``0007`` recomputes stored keys when this function changes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from ..data_files import load_json
from .gazetteer import ARTICLES
from .organisations import canonical_organisation

DATA_FILE = "facility_names.json"

_CODE_NAME = re.compile(r"[a-z]\d{1,3}")
# "M 10" and "M-10" are the code name M10; a lone letter before digits joins them.
_SPLIT_CODE = re.compile(r"\b([a-z]) (\d{1,3})\b")
_DOUBLE = re.compile(r"([^\W\d])\1+")
_FINAL_H = re.compile(r"([aeiou])h$")
_SPECIAL_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "ı": "i", "đ": "d", "ł": "l",
                                  "œ": "oe", "þ": "th"})


class _Words:
    """The word lists of ``data/facility_names.json``, loaded once."""

    def __init__(self) -> None:
        data = load_json(DATA_FILE)
        self.table = str.maketrans(
            dict.fromkeys(map(ord, data["apostrophes"]), None)
            | dict.fromkeys(map(ord, data["separators"]), " ")
        )
        self.dropped = frozenset(ARTICLES) | frozenset(data["connectors"])
        # Words are compared before and after transliteration folding ("supported" is
        # "suported" in a key).
        self.generic = frozenset(data["generic"]) | {_transliterated(w) for w in data["generic"]}
        self.descriptors = frozenset(data["descriptors"]) | {
            _transliterated(w) for w in data["descriptors"]}


@cache
def _words() -> _Words:
    return _Words()


@lru_cache(maxsize=65536)
def facility_name_key(name: str, is_code_name: bool = False) -> str:
    """The form under which two spellings of one facility's name compare equal.

    "Al-Quds Hospital", "al Quds hospital", "EL-QUDS" and "Quds" give "quds"; "Ed-Dhahir
    Hospital" and "Dhahir Hospital" give "dhahir". Code names ("M10") are kept exactly,
    in capitals. A name of generic nouns only ("the Health Centre") gives "".
    """
    words = _words()
    if is_code_name:
        return name.translate(words.table).replace(" ", "").upper()
    folded = unicodedata.normalize("NFKD", name.translate(words.table))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = _SPLIT_CODE.sub(r"\1\2", folded.translate(_SPECIAL_LETTERS))
    kept = []
    for word in re.findall(r"\w+", folded):
        if word in words.dropped or word in words.generic:
            continue
        kept.append(word if _CODE_NAME.fullmatch(word) else _transliterated(word))
    key = " ".join(w for w in kept if w not in words.generic)
    # "M10 hospital" written as a plain name is the code name M10.
    return key.upper() if _CODE_NAME.fullmatch(key) else key


def _transliterated(word: str) -> str:
    word = word.replace("oo", "u").replace("ou", "u").replace("ee", "i").replace("kh", "h")
    word = _DOUBLE.sub(r"\1", word) if _DOUBLE.search(word) else word
    return _FINAL_H.sub(r"\1", word) if len(word) > 3 else word


def describes(word: str) -> bool:
    """Whether ``word`` ("General", "children's", "hospital") says what a facility is or
    who backs it rather than which one it is."""
    folded = word.translate(_words().table).casefold()
    return folded in _words().generic or folded in _words().descriptors


@lru_cache(maxsize=65536)
def name_core(key: str) -> str:
    """A key (:func:`facility_name_key`) without its descriptors and organisations: what
    names a facility rather than its kind. "" for "maternity" or "msf supported"."""
    words = _words()
    return " ".join(w for w in key.split()
                    if w not in words.descriptors and not _is_organisation(w))


def _is_organisation(word: str) -> bool:
    # An acronym of a known organisation ("MSF", "SAMS") runs or supports a facility; it
    # does not name one ("the MSF hospital" may be any of MSF's).
    return len(word) >= 3 and word.isalpha() and (
        canonical_organisation(word.upper()) is not None)


__all__ = ["describes", "facility_name_key", "name_core"]
