"""Casualty figures: who was killed, injured, kidnapped or arrested, how many, says who.

A figure is a count phrase ("two patients", "almost 500 people", "a male nurse") linked
to the casualty predicate it is the subject or object of ("died", "were wounded",
"killing"). Victim groups come from the head noun; "staff" and "volunteers" count as
health workers only where the sentence is about health care.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..model import Figure, FigureKind, FigureScope, Span, VictimGroup
from ..text import Context
from .lexicon import lexicon
from .numbers import COUNT_PATTERN, Count, parse_count

# Words allowed between a count and its head noun: "a male volunteer ambulance driver",
# "three blood centre employees", "a thirty-eight-year-old paramedic".
_MODIFIER = r"(?:(?!(?:was|were|is|are|and|or|by|in|at|on|to|from|with|of|for|the|who|that|after|had|have|has)\b)[\w'-]+\s+)"
# Between a subject and its verb: auxiliaries, adverbs, or a short phrase ("a driver for an
# LNGO was shot"), but never a clause boundary.
_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:that|said|says|after|before|because|while|whereas|but)\b", re.I)
_MAX_GAP_WORDS = 6
_OBJECT_GAP = re.compile(r"^(?:\s|,|\b(?:at|least|and|including|of|them|some)\b)*$", re.IGNORECASE)
_PERPETRATOR_BEFORE = re.compile(r"\b(?:by|with|from|against|among|between)\s+$", re.IGNORECASE)
_AGE = re.compile(r"^\s*[\w]+-year-old", re.IGNORECASE)
_HEALTH_GROUP = frozenset({VictimGroup.HEALTH_WORKERS, VictimGroup.PATIENTS})

_KIND = {
    "killed": FigureKind.KILLED, "injured": FigureKind.INJURED,
    "kidnapped": FigureKind.KIDNAPPED, "arrested": FigureKind.ARRESTED,
    "in_need_of_care": FigureKind.NEED_CARE, "at_risk": FigureKind.AT_RISK,
}


@dataclass
class CountPhrase:
    start: int
    end: int
    count: Count
    group: VictimGroup
    has_noun: bool


def find_count_phrases(ctx: Context, start: int, end: int, health: bool) -> list[CountPhrase]:
    """Counts of people in ``text[start:end]``, with the victim group of their head noun."""
    lex = lexicon()
    text = ctx.norm
    phrases: list[CountPhrase] = []
    for match in _count_rx().finditer(text, start, end):
        if _PERPETRATOR_BEFORE.search(text, max(start, match.start() - 12), match.start()):
            continue
        noun = match["noun"]
        if not noun and not re.match(r"\d|[a-z]+$", match["number"].lower()) or (
            not noun and match["number"].lower() in ("a", "an", "one", "some", "several", "many")
        ):
            continue
        count = parse_count(match["number"], match["qualifier"], match["total"])
        if count is None:
            continue
        group = _group_of(noun, health) if noun else VictimGroup.UNSPECIFIED
        if noun and lex.people.fullmatch(noun) is None and group is VictimGroup.UNSPECIFIED:
            continue
        phrases.append(CountPhrase(match.start(), match.end(), count, group, bool(noun)))
    phrases.extend(_bare_plurals(ctx, start, end, health, phrases))
    return sorted(phrases, key=lambda p: p.start)


def find_figures(ctx: Context) -> list[Figure]:
    """Every casualty figure in the document, scoped to the incident or to wider events."""
    figures: list[Figure] = []
    for sentence in ctx.sentences:
        figures.extend(sentence_figures(ctx, sentence.start, sentence.end))
    return figures


def sentence_figures(ctx: Context, start: int, end: int) -> list[Figure]:
    lex = lexicon()
    text = ctx.norm
    health = _is_health_sentence(text[start:end])
    phrases = find_count_phrases(ctx, start, end, health)
    predicates = lex.casualty.finditer(text, start, end)
    linked: dict[int, tuple[CountPhrase, str, int, int]] = {}
    for kind, p_start, p_end in predicates:
        for phrase in _arguments(text, phrases, p_start, p_end, linked):
            linked[phrase.start] = (phrase, kind, p_start, p_end)
    figures = []
    previous_group = VictimGroup.UNSPECIFIED
    for phrase, kind, p_start, p_end in sorted(linked.values(), key=lambda v: v[0].start):
        group = phrase.group if phrase.has_noun else previous_group
        previous_group = group
        lo, hi = min(phrase.start, p_start), max(phrase.end, p_end)
        figures.append(
            Figure(
                kind=_KIND[kind],
                count=phrase.count.value,
                victim_group=group,
                count_max=phrase.count.maximum,
                qualifier=phrase.count.qualifier,
                scope=_scope(text[start:end], group),
                span=ctx.span(lo, hi),
            )
        )
    return figures


def _arguments(
    text: str, phrases: list[CountPhrase], p_start: int, p_end: int, linked: dict[int, object]
) -> list[CountPhrase]:
    """The count phrases a predicate applies to: its subject(s) before, else its object(s) after."""
    before = [p for p in phrases if p.end <= p_start and p.start not in linked]
    gerund = text[p_start:p_end].lower().endswith("ing")
    if before and not gerund and _subject_gap(text, before[-1].end, p_start):
        return _coordinated_back(text, before)
    after = [p for p in phrases if p.start >= p_end and p.start not in linked]
    if after and _OBJECT_GAP.match(text[p_end : after[0].start]):
        return _coordinated_forward(text, after)
    if before and gerund and _subject_gap(text, before[-1].end, p_start):
        return _coordinated_back(text, before)
    return []


def _subject_gap(text: str, start: int, end: int) -> bool:
    gap = text[start:end]
    return len(gap.split()) <= _MAX_GAP_WORDS and not _CLAUSE_BREAK.search(gap)


def _coordinated_back(text: str, before: list[CountPhrase]) -> list[CountPhrase]:
    chosen = [before[-1]]
    for phrase in reversed(before[:-1]):
        if re.fullmatch(r"\s*(?:,|and|,\s*and|as well as)\s*", text[phrase.end : chosen[-1].start]):
            chosen.append(phrase)
        else:
            break
    return chosen


def _coordinated_forward(text: str, after: list[CountPhrase]) -> list[CountPhrase]:
    chosen = [after[0]]
    for phrase in after[1:]:
        if re.fullmatch(r"\s*(?:,|and|,\s*and|as well as)\s*", text[chosen[-1].end : phrase.start]):
            chosen.append(phrase)
        else:
            break
    return chosen


def _group_of(noun: str, health: bool) -> VictimGroup:
    lex = lexicon()
    if lex.patients.fullmatch(noun):
        return VictimGroup.PATIENTS
    if lex.personnel.fullmatch(noun) or (health and lex.staff.fullmatch(noun)):
        return VictimGroup.HEALTH_WORKERS
    if lex.people.fullmatch(noun):
        return VictimGroup.CIVILIANS if noun.lower().startswith(("civilian", "child", "women", "resident")) else VictimGroup.UNSPECIFIED
    return VictimGroup.UNSPECIFIED


def _bare_plurals(
    ctx: Context, start: int, end: int, health: bool, found: list[CountPhrase]
) -> list[CountPhrase]:
    """Plural health-care nouns with no number ("Doctors were assaulted"): at least two."""
    lex = lexicon()
    taken = [(p.start, p.end) for p in found]
    phrases = []
    nouns = (lex.personnel, lex.patients, lex.staff) if health else (lex.personnel, lex.patients)
    for rx in nouns:
        for match in rx.finditer(ctx.norm, start, end):
            word = match.group().lower()
            plural = word.endswith("s") or word in ("staff", "personnel", "crew")
            if any(s <= match.start() < e for s, e in taken) or not plural:
                continue
            prefix = ctx.norm[max(start, match.start() - 20) : match.start()]
            if re.search(r"\b(?:the|their|his|her|its|of|by|for|from|to|with|whose)\s+$", prefix, re.I):
                continue
            group = _group_of(match.group(), health)
            count = Count(2, None, "at least")
            phrases.append(CountPhrase(match.start(), match.end(), count, group, True))
            taken.append((match.start(), match.end()))
    return phrases


def _is_health_sentence(sentence: str) -> bool:
    lex = lexicon()
    return bool(
        lex.personnel.search(sentence)
        or lex.patients.search(sentence)
        or lex.facility.finditer(sentence)
        or lex.health_context.search(sentence)
    )


def _scope(sentence: str, group: VictimGroup) -> FigureScope:
    if group in _HEALTH_GROUP:
        return FigureScope.INCIDENT
    if lexicon().campaign.search(sentence):
        return FigureScope.CAMPAIGN
    return FigureScope.INCIDENT


@cache
def _count_rx() -> re.Pattern[str]:
    lex = lexicon()
    nouns = "|".join(f"(?:{rx.pattern})" for rx in (lex.personnel, lex.patients, lex.staff, lex.people))
    return re.compile(
        rf"(?<![\w-]){COUNT_PATTERN}(?:\s+{_MODIFIER}{{0,4}}?(?P<noun>{nouns}))?(?![\w-])",
        re.IGNORECASE,
    )


__all__ = ["find_figures", "sentence_figures", "find_count_phrases", "CountPhrase", "Span"]
