"""One organisation under its many names: "MSF", "Doctors Without Borders" and "Médecins
Sans Frontières" are one voice, "MSF UK" is MSF.

The names live in ``data/organisations.json``. A name resolves to an entry when, folded
(case, accents, punctuation, a leading "the"), it is one of the entry's names, or when
the known names and acronyms it contains as whole words all belong to that one entry
("Médecins Sans Frontières (MSF)", "the ICRC delegation in Aleppo"). Acronyms are matched
as written, in capitals, so that "WHO" is the agency and "who" is not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from ..data_files import load_json

DATA_FILE = "organisations.json"
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


@dataclass(frozen=True)
class _Index:
    names: dict[str, str]  # folded name -> canonical
    acronyms: dict[str, str]  # acronym as written -> canonical
    contained: re.Pattern[str]  # any known folded name, as whole words
    contained_acronym: re.Pattern[str]
    news: frozenset[str]  # canonical names of news outlets


def fold_organisation(name: str) -> str:
    """Lower-case, accents and punctuation dropped, "the" dropped: "the Médecins
    Sans-Frontières" -> "medecins sans frontieres"."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.replace("'s ", " ").replace("&", " and ")
    words = " ".join(re.sub(r"[^\w]+", " ", plain).split())
    return _LEADING_ARTICLE.sub("", words)


@cache
def _index() -> _Index:
    data = load_json(DATA_FILE)["organisations"]
    names: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for canonical, entry in data.items():
        for name in [canonical, *entry.get("names", [])]:
            names.setdefault(fold_organisation(name), canonical)
        for acronym in entry.get("acronyms", []):
            acronyms.setdefault(acronym, canonical)
    by_length = sorted(names, key=len, reverse=True)
    contained = re.compile(r"\b(?:" + "|".join(map(re.escape, by_length)) + r")\b")
    contained_acronym = re.compile(
        r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(acronyms, key=len, reverse=True)))
        + r")(?![\w-])"
    )
    news = frozenset(canonical for canonical, entry in data.items() if entry.get("news"))
    return _Index(names, acronyms, contained, contained_acronym, news)


@lru_cache(maxsize=16384)
def canonical_organisation(name: str | None) -> str | None:
    """The name CareWatch gives the organisation ``name`` stands for, or None if unknown."""
    if not name or not name.strip():
        return None
    index = _index()
    stripped = name.strip()
    if stripped in index.acronyms:
        return index.acronyms[stripped]
    folded = fold_organisation(stripped)
    if folded in index.names:
        return index.names[folded]
    found = {index.names[m.group()] for m in index.contained.finditer(folded)}
    found |= {index.acronyms[m.group()] for m in index.contained_acronym.finditer(stripped)}
    return found.pop() if len(found) == 1 else None


def is_news_outlet(name: str) -> bool:
    """Whether ``name`` is a news outlet known to ``data/organisations.json``."""
    return canonical_organisation(name) in _index().news


def organisation_key(name: str) -> str:
    """What two names are compared on when counting independent organisations: the
    known organisation's name folded, else the name itself folded."""
    return fold_organisation(canonical_organisation(name) or name)
