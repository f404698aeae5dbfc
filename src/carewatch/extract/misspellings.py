"""Casualty verbs as hurried field reports misspell them: "kiled", "injureed", "abbducted".

Only one kind of slip is forgiven, a letter doubled or undoubled, and only in words of six
letters or more that the lexicon lists as plain words, so "shot" never matches "shoot";
and a verb run into the next "and" ("killedand") is read as the verb. Other misspellings
would mistake real words ("filled" for "killed", "detainee" for "detained").
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..data_files import load_json

_WORD = re.compile(r"(?<![\w-])[A-Za-z]{5,}(?![\w-])")
_MIN_LENGTH = 6


_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=8192)  # reports repeat their words; each is collapsed once
def _collapse(word: str) -> str:
    return _DOUBLED.sub(r"\1", word.lower())


@cache
def _variants() -> tuple[dict[str, str], dict[str, str]]:
    """Each plain casualty word by its collapsed spelling, and the words as spelled."""
    table = load_json("events.json")["casualty"]
    words = {w: kind for kind, pats in table.items() if not kind.startswith("_")
             for w in pats if re.fullmatch(r"[a-z]+", w) and len(w) >= _MIN_LENGTH}
    return {_collapse(w): kind for w, kind in words.items()}, words


def misspelled_predicates(
    text: str, start: int, end: int, taken: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """Casualty verbs misspelled in ``text[start:end]``, outside the spans already ``taken``."""
    collapsed, known = _variants()
    found = []
    for match in _WORD.finditer(text, start, end):
        word = match.group().lower()
        if word in known or any(s <= match.start() < e for _, s, e in taken):
            continue
        stem = word[:-3] if word.endswith("and") and word[:-3] in known else word
        kind = collapsed.get(_collapse(word)) if stem == word else known[stem]
        if kind is not None:
            found.append((kind, match.start(), match.start() + len(stem)))
    return found


__all__ = ["misspelled_predicates"]
