"""Compiled forms of the health-care and event lexicons in ``carewatch/data``.

The words live in data files; this module only turns them into regular expressions,
once per process, with the longest alternatives first so that "field hospital" wins
over "hospital".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..data_files import load_json


def alternation(patterns: list[str]) -> str:
    return "(?:" + "|".join(sorted(patterns, key=len, reverse=True)) + ")"


def word_rx(patterns: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A regex matching any of ``patterns`` as whole words."""
    return re.compile(r"(?<![\w-])" + alternation(patterns) + r"(?![\w-])", flags)


def phrases_rx(patterns: list[str]) -> re.Pattern[str]:
    """Phrases that start at a word's start ("in hospital", not the end of "Maubin
    Hospital"): each pattern gets a word boundary before it, which also spares the engine
    from trying every pattern (and its lookbehinds) inside every word."""
    return re.compile("|".join(_at_word_start(p) for p in patterns), re.IGNORECASE)


def _at_word_start(pattern: str) -> str:
    # The boundary first: it fails at once inside a word, before any lookbehind is tried.
    return r"\b" + pattern


class KeyedMatcher:
    """Finds phrases of several keyed lists, preferring the longest match where they overlap.

    One alternation would take the first key that matches at a position ("hospital" before
    "hospital vehicles"), so each key gets its own regex and overlaps are settled here.
    """

    _RECENT = 64

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.patterns = {key: word_rx(pats) for key, pats in table.items() if not key.startswith("_")}
        # The same sentence is read by more than one stage (the casualty words by the
        # figures and by the events); the last few answers are kept for them.
        self._recent: dict[tuple[str, int, int], list[tuple[str, int, int]]] = {}

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
        stop = len(text) if end is None else end
        recent = self._recent.get((text, start, stop))
        if recent is not None:
            return list(recent)
        kept = self._find(text, start, stop)
        if len(self._recent) >= self._RECENT:
            self._recent.clear()
        self._recent[(text, start, stop)] = kept
        return list(kept)

    def _find(self, text: str, start: int, stop: int) -> list[tuple[str, int, int]]:
        found = [
            (key, m.start(), m.end())
            for key, rx in self.patterns.items()
            for m in rx.finditer(text, start, stop)
        ]
        found.sort(key=lambda f: (f[1], -(f[2] - f[1])))
        kept: list[tuple[str, int, int]] = []
        for item in found:
            if kept and item[1] < kept[-1][2]:
                continue
            kept.append(item)
        return kept


@dataclass(frozen=True)
class Lexicon:
    facility: KeyedMatcher
    transport_types: frozenset[str]
    named_facility: re.Pattern[str]
    code_name: re.Pattern[str]
    personnel: re.Pattern[str]
    staff: re.Pattern[str]
    patients: re.Pattern[str]
    people: re.Pattern[str]
    services: KeyedMatcher
    supplies: KeyedMatcher
    health_context: re.Pattern[str]
    casualty: KeyedMatcher
    attack: KeyedMatcher
    non_attack: re.Pattern[str]
    labour: re.Pattern[str]
    campaign: re.Pattern[str]
    accident: re.Pattern[str]
    intentional: re.Pattern[str]
    fire: re.Pattern[str]
    recovery: re.Pattern[str]
    again: re.Pattern[str]
    aggregate: re.Pattern[str]
    labour_violence: re.Pattern[str]
    weak_obstruction: re.Pattern[str]
    scarcity: re.Pattern[str]
    conflict_causes: re.Pattern[str]


@cache
def lexicon() -> Lexicon:
    terms = load_json("health_terms.json")
    events = load_json("events.json")
    named = _named_facility_rx(terms["named_facility_suffix"])
    return Lexicon(
        facility=KeyedMatcher(terms["facility_types"]),
        transport_types=frozenset(terms["transport_types"]),
        named_facility=named,
        code_name=re.compile(terms["code_name"]),
        personnel=word_rx(terms["personnel"]),
        staff=word_rx(terms["staff_nouns"]),
        patients=word_rx(terms["patients"]),
        people=word_rx(terms["people"]),
        services=KeyedMatcher(terms["services"]),
        supplies=KeyedMatcher(terms["supplies"]),
        health_context=word_rx(terms["health_context"]),
        casualty=KeyedMatcher(events["casualty"]),
        attack=KeyedMatcher(events["attack"]),
        non_attack=phrases_rx(events["non_attack_contexts"]),
        labour=phrases_rx(events["labour_action"]),
        campaign=word_rx(events["campaign"]),
        accident=word_rx(events["accident_contexts"]),
        intentional=word_rx(events["intentional_cues"]),
        fire=word_rx(events["fire_acts"]),
        recovery=word_rx(events["recovery_contexts"]),
        again=word_rx(events["again_cues"]),
        aggregate=word_rx(events["aggregate_contexts"]),
        labour_violence=word_rx(events["labour_violence"]),
        weak_obstruction=re.compile(alternation(events["weak_obstruction"]), re.IGNORECASE),
        scarcity=re.compile(alternation(events["scarcity"]), re.IGNORECASE),
        conflict_causes=word_rx(events["conflict_causes"]),
    )


def _named_facility_rx(suffix: str) -> re.Pattern[str]:
    """Proper names ending in a facility word: "Al-Quds hospital", "Tet Lan Hospital"."""
    particle = r"(?:al|el|ad|as|ar|ash|at|az|an|of|de|du|la|bin|ibn)(?=[ -])"
    # "Université d'État d'Haïti hospital": French elided articles before a capital.
    word = rf"(?:[A-Z][\w'-]*|[dl]'[A-Z\u00c0-\u00de][\w'-]*|{particle})"
    return re.compile(
        rf"(?<![\w-])(?P<name>(?:(?:al|el|ad|as|ar|an|at|az|ash)-)?[A-Z][\w'-]*(?:[ -]{word}){{0,5}})"
        rf"[ -](?P<kind>(?i:{suffix}))s?(?![\w-])"
    )
