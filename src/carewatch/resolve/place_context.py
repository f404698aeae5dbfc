"""What a report's places are for, and which country the report is about.

A wire story or a press release names places that are not where the attack happened:
its dateline ("GAZIANTEP, Turkey (Reuters) -", "Beirut/Geneva (ICRC) –", "GENEVA (12
March 2024) –", or a line of its own under the headline), and where its speakers are
("a spokesperson in Geneva", "told reporters in Nairobi", "a Gaziantep-based doctor").
Such places keep a small say in the report's country, enough to settle it when the text
gives nothing else, but they are never the place of an attack.

The report's country is weighed once, from every hint the text gives: the places it
names, nationality words ("Syrian doctors", "Sudanese nurses"), and places inside
organisations' names ("the Aleppo Medical Association"). :mod:`.places` then resolves
ambiguous names toward it: a "Homs" in a Syria report is Syria's Homs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..data_files import load_json

DATELINE = "dateline"
SPEAKER = "speaker"

# What a place weighs in the report's country, by what the text does with it.
PLACE_WEIGHT = 2.0  # a town or region the text names
COUNTRY_WEIGHT = 1.0  # a country's name: reports name other states too
DEMONYM_WEIGHT = 0.5  # "Syrian doctors"; not "Russian shelling": the attacker, often foreign
ORGANISATION_WEIGHT = 1.0  # "the Gaza Health Ministry": its home, not the attack's place
ASIDE_WEIGHT = 0.1  # a dateline or a speaker's base: only when nothing else speaks

# A dateline opens the report, within its first lines, and ends in a dash: "WASHINGTON —".
_DATELINE_LINES = 5
_DATELINE_REACH = 600
_DATELINE_LONGEST = 90
_DASH = re.compile(r"\s*(?:—|–|--)\s*|\s+-\s+")
_PARENTHESES = re.compile(r"\([^()]{0,40}\)")
_DATE_PART = re.compile(
    r"^(?:\d{1,2}\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?$|^\d{4}$|^\d{1,2}\s*$",
)
_LOWER_IN_NAMES = frozenset(["of", "de", "du", "la", "le", "el", "al", "upon", "sur", "the"])

# Where a speaker is, said just before the place: "based in", "a spokesperson in",
# "told reporters in", "speaking to Reuters from", "a press conference in".
_SPEAKER_BEFORE = re.compile(
    r"(?:\b(?:based|headquartered|stationed|speaking|reporting|writing|calling|filing)"
    r"(?:\s+to\s+[^,.;]{1,40}?)?\s+(?:from|in|at|out\s+of)"
    r"|\btold\s+(?:[\w'-]+\s+){1,4}?(?:in|from)"
    r"|\b(?:conference|briefing|briefings|point)\s+(?:[\w'-]+\s+){0,3}?(?:in|from)"
    r"|\b(?:spokes(?:person|man|woman|people)|representatives?|correspondents?|reporters?"
    r"|journalists?|envoys?|ambassadors?|offices?|headquarters|HQ|bureau|secretariat"
    r"|delegation)\s+(?:based\s+)?(?:in|from)"
    r"|\b(?:said|says|added|stated|announced|confirmed|warned|tweeted)\s+(?:on\s+\w+\s+)?"
    r"(?:in|from)"
    r"|\bstatements?\s+(?:issued\s+|released\s+|published\s+)?(?:in|from)"
    r"|\b(?:natives?|citizens?|nationals?|residents?)\s+of"
    r"|\b(?-i:[A-Z][a-z]+)\s+from)"  # "Maria Lopez from Madrid": where a person comes from
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SPEAKER_REACH = 60
# "BEIRUT (Reuters) -", "KYIV, Ukraine (AP) —": a wire dateline, even after a page's menus.
_WIRE_DATELINE = re.compile(
    r"(?:^|(?<=[|\n]))[ \t]*[A-Z][A-Z'. -]+[A-Z](?:,[ \t]*[A-Z][\w. -]{1,30})?"
    r"[ \t]*\([A-Z][\w /.-]{0,25}\)[ \t]*(?:—|–|--|-)"
)
_WIRE_REACH = 4000  # a page's menus come first, but not for long
_LOCATIVE = re.compile(
    r"\b(?:in|near|at|outside|around|across|into|to|from|of|throughout|inside|between)\s+"
    r"(?:(?:the|rebel-held|besieged|northern|southern|eastern|western|central)\s+)*$",
    re.IGNORECASE,
)
_LOCATIVE_REACH = 40


@dataclass
class CountryWeights:
    """How strongly the text points to each country, and where it first does."""

    weights: dict[str, float] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # its first evidence

    def add(self, code: str | None, weight: float, start: int, end: int) -> None:
        if not code or weight <= 0:
            return
        self.weights[code] = self.weights.get(code, 0.0) + weight
        if start < self.first.get(code, start + 1):
            self.first[code] = start
            self.spans[code] = (start, end)

    def get(self, code: str) -> float:
        return self.weights.get(code, 0.0)

    def top(self) -> str | None:
        """The country the report is about: the heaviest, the first mentioned on a tie."""
        if not self.weights:
            return None
        return min(self.weights, key=lambda c: (-self.weights[c], self.first[c]))


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """The report's dateline, and a wire story's "BEIRUT (Reuters) -" wherever a web
    page's navigation has pushed it."""
    spans = [span] if (span := dateline_span(text)) else []
    wire = _WIRE_DATELINE.search(text, 0, _WIRE_REACH)
    if wire is not None and not any(s <= wire.start() < e for s, e in spans):
        spans.append((wire.start(), wire.end()))
    return spans


def dateline_span(text: str) -> tuple[int, int] | None:
    """Where the report's dateline is, if it opens with one: "NAIROBI, Kenya, June 5 (AP) —",
    "Brussels/Jerusalem –", or a line that holds nothing else ("Amman", "Geneva, 3 May
    2024"). Its words must be capitalised names, dates and an agency in brackets."""
    offset = 0
    lines = 0
    for line in text[:_DATELINE_REACH].splitlines(keepends=True):
        body = line.strip()
        if body:
            lines += 1
            start = offset + len(line) - len(line.lstrip())
            dash = _DASH.search(body)
            head = body[: dash.start()] if dash else body
            if len(head) <= _DATELINE_LONGEST and _looks_like_dateline(head):
                return start, start + len(head)
            if lines >= _DATELINE_LINES:
                break
        offset += len(line)
    return None


def _looks_like_dateline(head: str) -> bool:
    parts = [p.strip() for p in re.split(r"[,/]", _PARENTHESES.sub(" ", head))]
    names = [p for p in parts if p and not _DATE_PART.match(p)]
    if not names or not head[0].isupper():
        return False
    for part in names:
        words = part.split()
        if len(words) > 4 or not all(
            w[0].isupper() or w.lower() in _LOWER_IN_NAMES or w.lower().startswith(("al-", "el-"))
            for w in words
        ):
            return False
    return True


def is_speaker_base(text: str, start: int, end: int) -> bool:
    """Whether the place at ``start:end`` is where someone speaks from or comes from, not
    where something happened: "a spokesperson in Geneva", "Gaziantep-based doctors",
    "Maria Lopez from Madrid"."""
    if text.startswith("-based", end):
        return True
    return _SPEAKER_BEFORE.search(text, max(0, start - _SPEAKER_REACH), start) is not None


def is_locative(text: str, start: int) -> bool:
    """Whether a preposition of place comes right before ``start``: "in Aleppo", "near
    Izium"; a name used otherwise ("Harvey threatens", "@ Thomson") may be no place."""
    return _LOCATIVE.search(text, max(0, start - _LOCATIVE_REACH), start) is not None


@dataclass(frozen=True)
class Demonym:
    start: int
    end: int
    country_code: str
    weight: float


def find_demonyms(text: str, words: Sequence[str], starts: Sequence[int]) -> list[Demonym]:
    """Nationality words that tell where a report is: before the nation's people or
    places ("Syrian doctors", "South Sudanese villages"), not before an attacker, a
    weapon or an organisation's name ("Russian shelling", "Israeli forces", "Norwegian
    Refugee Council"). ``words``: the text's words as written, at ``starts``."""
    if _FIRST_WORDS.isdisjoint(words):
        return []  # most texts: checked at C speed
    found: list[Demonym] = []
    skip_to = -1
    for i, written in enumerate(words):
        start = starts[i]
        if written not in _FIRST_WORDS or start < skip_to:
            continue
        code, last = None, i
        if written in _OPENERS and i + 1 < len(words) and _spaced(text, start, written, starts[i + 1]):
            code = _DEMONYMS.get(f"{written} {words[i + 1]}")
            last = i + 1 if code else i
        code = code or _DEMONYMS.get(written)
        if code is None:
            continue
        end = starts[last] + len(words[last])
        after = words[last + 1] if last + 1 < len(words) and starts[last + 1] == end + 1 else ""
        if after in _NOUNS and text[end] == " ":
            found.append(Demonym(start, end, code, DEMONYM_WEIGHT))
        skip_to = end
    return found


def _spaced(text: str, start: int, written: str, next_start: int) -> bool:
    end = start + len(written)
    return next_start == end + 1 and text[end] == " "


def _demonyms() -> dict[str, str]:
    return {name: code for code, names in load_json("places.json")["demonyms"].items()
            for name in names}


_DEMONYMS = _demonyms()
_OPENERS = frozenset(name.split()[0] for name in _DEMONYMS if " " in name)  # "South Sudanese"
_FIRST_WORDS = frozenset(name.split()[0] for name in _DEMONYMS)
_NOUNS = frozenset(load_json("places.json")["demonym_nouns"])
