"""Arrest or abduction: who takes a health worker away decides, as monitors code it.

Reports use "abducted", "detained" and "arrested" loosely; the captor named as the agent
("by soldiers") or as the subject ("gunmen detained") decides the code. The captor lists
live in ``data/events.json``.
"""

from __future__ import annotations

import re
from functools import cache

from ..data_files import load_json
from .lexicon import alternation


def taking_kind(text: str, start: int, kind: str, p_start: int, p_end: int) -> str:
    """Taken by a state's forces is an arrest and held by an armed group a kidnapping, as
    monitors code them: "abducted by SAC forces", "troops abducted a nurse", "detained by
    militants"."""
    if kind == "kidnapped":
        state = _captors("state_captors")
        if state[0].match(text, p_end) or state[1].search(text, max(start, p_start - 60), p_start):
            return "arrested"
    if kind == "arrested":
        other = _captors("non_state_captors")
        if other[0].match(text, p_end) or other[1].search(text, max(start, p_start - 60), p_start):
            return "kidnapped"
    return kind


def armed_takings(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """"were seized by militants", "taken by an armed group", "gunmen seized two nurses":
    people taken by a named armed group were abducted, though the verb alone ("taken to
    hospital", "seized the ambulance") says nothing of it; the verb is a kidnapping only
    with that captor, as its agent or its subject."""
    agent, subject = _captors("non_state_captors")
    return [
        ("kidnapped", m.start(), m.end()) for m in _TAKEN.finditer(text, start, end)
        if agent.match(text, m.end()) or subject.search(text, max(start, m.start() - 60), m.start())
    ]


# "taken to hospital by gunmen" is a rescue of sorts, not an abduction.
_TAKEN = re.compile(
    r"(?<![\w-])(?:seized|taken|grabbed|carried off|led away)(?![\w-])"
    r"(?!\s+to\s+(?:an?\s+|the\s+)?(?:hospitals?|clinics?|health|medical|safety)\b)"
    r"(?!\s+and\b)",  # "seized and abducted by gunmen": the second verb says it
    re.IGNORECASE,
)
# "by JNIM militants": a group's acronym may stand before its noun.
_NAME = r"(?:(?-i:[A-Z]{2,}[\w-]*)\s+)?"


@cache
def _captors(key: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Who takes someone away, as the agent after the verb and as the subject before it."""
    names = alternation(load_json("events.json")[key])
    agent = re.compile(rf"\s+(?:\w+\s+){{0,2}}?by\s+(?:(?:the|suspected|alleged|armed|an?)\s+)*{_NAME}{names}\b", re.IGNORECASE)
    subject = re.compile(rf"(?<![\w-]){names}\s+(?:(?:reportedly|allegedly|also|then|later|have|had|has)\s+)*$",
                         re.IGNORECASE)
    return agent, subject


__all__ = ["armed_takings", "taking_kind"]
