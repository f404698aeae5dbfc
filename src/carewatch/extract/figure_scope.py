"""Whether a figure counts the attack's own victims or those of something wider.

Reports set an attack's toll beside running totals: "a nurse was killed on Monday,
bringing to 32 the number of health workers killed since the war began". What makes a
figure a running total is a span of time or a count of attacks in its own clause ("since
the war began", "so far this year", "over the past six months", "in 150 attacks"), not
the sentence around it, which may well hold the attack's own toll as well. Words that only
sum ("in total", "a total of") do not widen a figure by themselves: "a total of five
nurses were injured in the strike" is one attack's toll.

Cues live in ``data/events.json``: ``cumulative`` for every figure, and ``campaign`` (a
war, an offensive, a siege named in the sentence) for figures of people other than health
workers and patients, whose counts in a report about one attack are often the wider
fighting's.
"""

from __future__ import annotations

import re
from functools import cache

from ..data_files import load_json
from ..model import FigureScope, VictimGroup
from .lexicon import lexicon, word_rx

_HEALTH_GROUPS = frozenset({VictimGroup.HEALTH_WORKERS, VictimGroup.PATIENTS})
# Where a clause of a running total begins or ends inside one sentence: "..., bringing the
# toll to", "...; since January", "... - the ministry's count".
_CLAUSE_BREAK = re.compile(
    r";|\s[\u2013\u2014-]\s|\(|\)|,\s*(?:bringing|raising|taking|pushing|which|while|whereas|as)\b|"
    r"\b(?:bringing|raising)\b",
    re.IGNORECASE,
)
# "has been held since March", "remains missing since 2019": "since" says how long one
# person's captivity lasted, not over what time victims were counted.
_DURATION_BEFORE = re.compile(
    r"\b(?:held|custody|captivity|captive|hostage|imprisoned|jailed|missing|"
    r"remain(?:s|ed)?|worked|working|served|serving|lived|living|employed)\s+"
    r"(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)


def figure_scope(
    text: str, sentence: tuple[int, int], span: tuple[int, int], group: VictimGroup, count: int
) -> FigureScope:
    """The scope of a figure whose words are ``text[span[0]:span[1]]`` in ``sentence``.

    One person counted is one attack's victim, whatever the clause says around them.
    """
    if count != 1 and _cumulative(text, _clause(text, sentence, span)):
        return FigureScope.CAMPAIGN
    if group not in _HEALTH_GROUPS and lexicon().campaign.search(text, *sentence):
        return FigureScope.CAMPAIGN
    return FigureScope.INCIDENT


def _clause(text: str, sentence: tuple[int, int], span: tuple[int, int]) -> tuple[int, int]:
    """The stretch of the sentence around the figure that no clause break interrupts."""
    start, end = sentence
    for match in _CLAUSE_BREAK.finditer(text, start, span[0]):
        start = match.start() if match.group().lower().startswith(("bringing", "raising")) else match.end()
    after = _CLAUSE_BREAK.search(text, span[1], end)
    return start, after.start() if after else end


def _cumulative(text: str, clause: tuple[int, int]) -> bool:
    for match in _cumulative_rx().finditer(text, *clause):
        if match.group().lower().startswith("since") and _DURATION_BEFORE.search(
            text, max(clause[0], match.start() - 40), match.start()
        ):
            continue
        return True
    return False


@cache
def _cumulative_rx() -> re.Pattern[str]:
    return word_rx(load_json("events.json")["cumulative"])


__all__ = ["figure_scope"]
