"""Counts as reports write them: "two", "250,000", "twenty-four", "hundreds of", "almost 500".

Existing number-word libraries add separate numbers together or turn "hundreds of" into
100, and none keeps the qualifier ("at least", "almost"), which is evidence an analyst
needs; so the grammar of counts is ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# Vague amounts: (lower bound, upper bound or None). "hundreds of" is at least 200.
_VAGUE = {
    "a dozen": (12, 12), "dozens of": (24, None), "scores of": (40, None),
    "hundreds of": (200, None), "thousands of": (2000, None), "tens of thousands of": (20000, None),
    "several": (3, None), "a few": (2, None), "a number of": (2, None), "some": (2, None),
    "many": (5, None), "numerous": (5, None), "multiple": (2, None), "a group of": (2, None),
    "another": (1, 1), "others": (2, None), "other": (2, None),
    # "an unspecified number of medics": more than one, how many not said.
    "an unspecified number of": (2, None), "an unknown number of": (2, None),
    "an undisclosed number of": (2, None), "an undetermined number of": (2, None),
}

_QUALIFIERS = [
    "at least", "at most", "more than", "over", "almost", "nearly", "around", "about",
    "approximately", "the approximately", "roughly", "some", "up to", "an estimated",
    "as many as", "fewer than", "less than", "another", "a further", "further", "an additional",
    "close to", "just under", "just over", "estimated",
]

_WORD = r"(?:" + "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True)) + r")"
_WORD_NUMBER = (
    rf"{_WORD}(?:[- ]{_WORD})?(?:\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?{_WORD}(?:[- ]{_WORD})?)?)?"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?"
_VAGUE_RX = "|".join(re.escape(v) for v in sorted(_VAGUE, key=len, reverse=True))
_QUAL_RX = "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True))

NUMBER_PATTERN = rf"(?:{_DIGITS}|{_VAGUE_RX}|{_WORD_NUMBER}|an?|one)"
QUALIFIER_PATTERN = rf"(?:{_QUAL_RX})"
COUNT_PATTERN = (
    rf"(?:(?P<qualifier>{QUALIFIER_PATTERN})\s+)?(?P<number>{NUMBER_PATTERN})"
    rf"(?:\s+(?:out\s+)?of\s+(?:the\s+)?(?P<total>{_DIGITS}|{_WORD_NUMBER}))?"
)
COUNT_RX = re.compile(rf"\b{COUNT_PATTERN}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Count:
    value: int
    maximum: int | None
    qualifier: str | None
    total: int | None = None  # "two out of four": 4


def words_to_int(words: str) -> int | None:
    """Value of a number written in words or digits ("twenty-four", "250,000", "1.5 million")."""
    text = words.strip().lower().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?(?:\s+(?:million|thousand))?", text):
        parts = text.split()
        value = float(parts[0])
        if len(parts) == 2:
            value *= _SCALES[parts[1]]
        return int(value)
    total, current = 0, 0
    for token in re.split(r"[\s-]+", text):
        if token == "and":
            continue
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in ("thousand", "million"):
            total += max(current, 1) * _SCALES[token]
            current = 0
        elif token in ("a", "an"):
            current += 1
        else:
            return None
    return total + current


def parse_count(number: str, qualifier: str | None = None, total: str | None = None) -> Count | None:
    """A :class:`Count` from the parts :data:`COUNT_RX` matched."""
    key = number.strip().lower()
    qual = qualifier.lower() if qualifier else None
    if key in _VAGUE:
        low, high = _VAGUE[key]
        vague_qualifier = qual or key
        if low == high:
            return Count(low, None, qual if qual not in ("another", "a further") else None, _to_int(total))
        return Count(low, high, vague_qualifier, _to_int(total))
    value = words_to_int(key)
    if value is None:
        return None
    if qual in ("another", "a further", "further", "an additional"):
        qual = None
    return Count(value, None, qual, _to_int(total))


def is_vague_amount(qualifier: str | None) -> bool:
    """Whether a figure's qualifier is itself its amount ("hundreds of", "several")."""
    return bool(qualifier) and str(qualifier).lower() in _VAGUE


def say_count(count: object, qualifier: str | None = None, count_max: object = None) -> str:
    """A count as a reader expects it: "at least 6", "2–3", "hundreds (at least 200)".

    A vague amount is its own qualifier and its count only the lower bound the parser gave
    it, so "hundreds of 200" would read as if the report had said 200.
    """
    if qualifier and is_vague_amount(qualifier):
        amount = qualifier.removesuffix(" of")
        return f"{amount} (at least {count})" if count is not None else amount
    number = f"{count}–{count_max}" if count_max not in (None, count) else str(count)
    return f"{qualifier} {number}" if qualifier else number


def _to_int(text: str | None) -> int | None:
    return words_to_int(text) if text else None
