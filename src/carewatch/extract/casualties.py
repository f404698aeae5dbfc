"""Casualty figures: who was killed, injured, kidnapped or arrested, how many, says who.

A figure is a count phrase ("two patients", "almost 500 people", "a male nurse") linked
to the casualty predicate it is the subject or object of ("died", "were wounded",
"killing"). Victim groups come from the head noun; "staff" and "volunteers" count as
health workers only where the sentence is about health care.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from ..model import Figure, FigureKind, FigureScope, Span, VictimGroup
from ..text import Context
from .lexicon import lexicon
from .numbers import COUNT_PATTERN, Count, parse_count

# Words allowed between a count and its head noun: "a male volunteer ambulance driver",
# "three blood centre employees", "a thirty-eight-year-old paramedic".
_MODIFIER = (
    r"(?:(?!(?:was|were|is|are|and|or|by|in|at|on|to|from|with|of|for|the|an?|his|her|their|who|that|"
    r"after|had|have|has|men|women|people|persons|gunmen|soldiers|fighters|militants|civilians)\b)[\w'-]+\s+)"
)
# Between a subject and its verb: auxiliaries, adverbs, or a short phrase ("a driver for an
# LNGO was shot"), but never a clause boundary.
_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:that|said|says|after|before|because|while|whereas|but)\b", re.IGNORECASE)
_MAX_GAP_WORDS = 6
_MAX_RELATIVE_GAP_WORDS = 16
_RELATIVE = re.compile(
    r"^\s*,?\s*(?:who|whose|which|working|serving|employed|based|volunteering|travelling|traveling|"
    r"returning|driving|deployed|assigned|affiliated|attached)\b",
    re.IGNORECASE,
)
_LATER_DEATH = re.compile(
    r"\s*(?P<who>He|She|They|Both|His body|Her body|Their bodies|The body|The bodies|Both victims|The victims?)\b"
    r"[^.;]{0,80}?\b(?:died|was killed|were killed|was found dead|were found dead|was found|were found|"
    r"was executed|were executed|succumbed|was murdered|were murdered)\b",
    re.IGNORECASE,
)
# "almost arrested", "fearing arrest", "escaped an abduction attempt", "called on X to arrest"
_HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:almost|nearly|narrowly|fearing|feared|fear of|threatened with|attempted|attempt to|"
    r"tried to|trying to|escaped(?: an?)?|avoided|to)\s+$",
    re.IGNORECASE,
)
_DEFINITE = re.compile(r"(?:the|his|her|their|these|those|both)\b", re.IGNORECASE)
_NEGATED_BEFORE = re.compile(r"\b(?:no|none of the|not a single|neither|nor|without)\s+(?:\w+\s+)?$", re.IGNORECASE)
_NOT_A_VICTIM_BEFORE = re.compile(r"\b(?:of|by|for|from|to|with|whose|at|in|on|against)\s+(?:the\s+)?$", re.IGNORECASE)
_SINGULAR_DETERMINER = re.compile(r"\b(?:the|his|her|their|its)\s+$", re.IGNORECASE)
_OTHERS = re.compile(r"\b(?:others?|more)\s*$", re.IGNORECASE)
_INCLUDING = re.compile(r"\b(?:including|among them|among whom|of whom|amongst them)\s+(?:at least\s+)?$", re.IGNORECASE)
# "another 20 injured", "one arrested": a count without a noun must touch its verb.
_BARE_GAP = re.compile(r"^\s*(?:(?:were|was|are|is|have been|has been|had been|also|reportedly|later|being)\s+)*$", re.IGNORECASE)
_BARE_NEXT = re.compile(
    r"\s*(?:[,.;:)]|$|and\b|(?:(?:were|was|are|have been|had been|reportedly|also|later)\s+)*"
    r"(?:fatally\s+|seriously\s+|severely\s+|critically\s+)?"
    r"(?:killed|died|dead|injured|wounded|hurt|kidnapped|abducted|arrested|detained|missing|shot|"
    r"stabbed|beaten|sustained|suffered|escaped)\b)",
    re.IGNORECASE,
)
_DIRECT_OBJECT_GAP = re.compile(r"^\s+$")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are|got|get)\b", re.IGNORECASE)
_OBJECT_GAP = re.compile(r"^(?:\s|,|\b(?:at|least|and|including|of|them|some|the|his|her|their)\b)*$", re.IGNORECASE)
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
        if _NEGATED_BEFORE.search(text, max(start, match.start() - 15), match.start()):
            continue
        noun = match["noun"]
        if not noun and not _BARE_NEXT.match(text, match.end()):
            continue
        if not noun and not re.match(r"\d|[a-z]+$", match["number"].lower()) or (
            not noun and match["number"].lower() in ("a", "an", "some", "several", "many")
        ):
            continue
        count = parse_count(match["number"], match["qualifier"], match["total"])
        if count is None:
            continue
        group = _group_of(match["head"], health) if noun else VictimGroup.UNSPECIFIED
        if noun and lex.people.fullmatch(noun) is None and group is VictimGroup.UNSPECIFIED:
            continue
        phrases.append(CountPhrase(match.start(), match.end(), count, group, bool(noun)))
    phrases.extend(_bare_nouns(ctx, start, end, health, phrases))
    return sorted(phrases, key=lambda p: p.start)


def find_figures(ctx: Context) -> list[Figure]:
    """Every casualty figure in the document, scoped to the incident or to wider events."""
    # In a report about health care, "staff" and "aid workers" are health-care staff.
    health = _is_health_text(ctx.norm)
    figures: list[Figure] = []
    for sentence in ctx.sentences:
        own = [f for f in sentence_figures(ctx, sentence.start, sentence.end, health)
               if not _mentioned_before(ctx, f, figures)]
        figures.extend(own or _later_death(ctx, sentence, figures))
    return figures


def _mentioned_before(ctx: Context, figure: Figure, earlier: list[Figure]) -> bool:
    """"A neurologist was stabbed. The neurologist was heavily injured.": one victim."""
    if figure.span is None or not _DEFINITE.match(ctx.norm, figure.span.start):
        return False
    return any(f.kind is figure.kind and f.victim_group is figure.victim_group for f in earlier)


def _later_death(ctx: Context, sentence: Span, earlier: list[Figure]) -> list[Figure]:
    """"He died of his wounds", "His body was found": the victim just counted was killed."""
    match = _LATER_DEATH.match(ctx.norm, sentence.start, sentence.end)
    victims = [f for f in earlier if f.victim_group in _HEALTH_GROUP and f.kind is not FigureKind.KILLED]
    if not match or not victims:
        return []
    victim = victims[-1]
    singular = match["who"].lower() in ("he", "she", "his body", "her body", "the body")
    count = 1 if singular else victim.count
    return [replace(victim, kind=FigureKind.KILLED, count=count, count_max=None, qualifier=None,
                    span=ctx.span(sentence.start + match.start() - sentence.start, match.end()))]


def sentence_figures(ctx: Context, start: int, end: int, health: bool) -> list[Figure]:
    lex = lexicon()
    text = ctx.norm
    phrases = find_count_phrases(ctx, start, end, health)
    predicates = [
        p for p in lex.casualty.finditer(text, start, end)
        if not _HYPOTHETICAL_BEFORE.search(text, max(start, p[1] - 30), p[1])
    ]
    linked: dict[int, tuple[CountPhrase, str, int, int]] = {}  # the latest link of each phrase
    links: dict[tuple[int, str], tuple[CountPhrase, str, int, int]] = {}
    for kind, p_start, p_end in predicates:
        for phrase in _arguments(text, phrases, p_start, p_end, linked):
            linked[phrase.start] = links.setdefault((phrase.start, kind), (phrase, kind, p_start, p_end))
    # "shot and killed": a person who died is counted as killed, not also as injured;
    # "beaten and arrested" or "abducted and shot" keep both, as monitors code them.
    for start_, kind in list(links):
        if kind == "injured" and (start_, "killed") in links:
            del links[(start_, kind)]
    figures = []
    previous_group = VictimGroup.UNSPECIFIED
    for phrase, kind, p_start, p_end in sorted(links.values(), key=lambda v: (v[0].start, v[2])):
        inherits = not phrase.has_noun or _OTHERS.search(text[phrase.start : phrase.end])
        group = previous_group if inherits and previous_group is not VictimGroup.UNSPECIFIED else phrase.group
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
    return figures + _included(ctx, phrases, figures, linked)


def _included(
    ctx: Context, phrases: list[CountPhrase], figures: list[Figure], linked: Mapping[int, object]
) -> list[Figure]:
    """"Three people were killed, including one physician": the physician is a figure too."""
    extra = []
    for phrase in phrases:
        if phrase.start in linked or phrase.group is VictimGroup.UNSPECIFIED:
            continue
        before = ctx.norm[max(0, phrase.start - 25) : phrase.start]
        if not _INCLUDING.search(before):
            continue
        host = next((f for f in reversed(figures) if f.span and f.span.start <= phrase.start), None)
        if host is None:
            continue
        extra.append(replace(host, count=phrase.count.value, count_max=phrase.count.maximum,
                             qualifier=phrase.count.qualifier, victim_group=phrase.group,
                             scope=FigureScope.INCIDENT, span=ctx.span(phrase.start, phrase.end)))
    return extra


def _arguments(
    text: str, phrases: list[CountPhrase], p_start: int, p_end: int,
    linked: dict[int, tuple[CountPhrase, str, int, int]],
) -> list[CountPhrase]:
    """The count phrases a predicate applies to: its subject(s) before, else its object(s) after.

    A subject already taken by an earlier predicate stays available when that predicate
    is coordinated with this one ("was shot in the head and killed"). An active verb with
    a direct object ("two armed men shot a nurse") applies to the object.
    """
    before = [
        p for p in phrases
        if p.end <= p_start and (p.start not in linked or _coordinated_predicates(text, linked[p.start][3], p_start))
        and (p.has_noun or _BARE_GAP.match(text[p.end : p_start]))
    ]
    # "Five people, including two doctors, were killed": the verb's subject is the five.
    while len(before) > 1 and _INCLUDING.search(text, max(0, before[-1].start - 25), before[-1].start):
        before.pop()
    after = [p for p in phrases if p.start >= p_end and p.start not in linked]
    direct_object = after and _DIRECT_OBJECT_GAP.match(text[p_end : after[0].start])
    gerund = text[p_start:p_end].lower().endswith("ing")
    if before and not gerund and _subject_gap(text, before[-1].end, p_start):
        active = direct_object and not _PASSIVE.search(text[before[-1].end : p_start])
        if not active:
            return _coordinated_back(text, before)
    if after and _OBJECT_GAP.match(text[p_end : after[0].start]):
        return _coordinated_forward(text, after)
    if before and gerund and _subject_gap(text, before[-1].end, p_start):
        return _coordinated_back(text, before)
    return []


def _coordinated_predicates(text: str, first_end: int, second_start: int) -> bool:
    gap = text[first_end:second_start]
    return len(gap.split()) <= 8 and re.search(r"\b(?:and|then|before|&)\b|&", gap) is not None and not _CLAUSE_BREAK.search(gap.replace("before", ""))


def _subject_gap(text: str, start: int, end: int) -> bool:
    gap = text[start:end]
    if _RELATIVE.match(gap):
        # "a doctor who was visiting a relative was shot": the relative clause is skipped.
        return len(gap.split()) <= _MAX_RELATIVE_GAP_WORDS and ";" not in gap
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


def _group_of(head: str, health: bool) -> VictimGroup:
    """The victim group of a noun phrase, from its longest known ending.

    "a medical student" is a health worker although "student" alone is not; "three staff
    members" is staff, not "members".
    """
    lex = lexicon()
    words = head.split()
    for i in range(len(words)):
        noun = " ".join(words[i:])
        if lex.patients.fullmatch(noun):
            return VictimGroup.PATIENTS
        if lex.personnel.fullmatch(noun) or (health and lex.staff.fullmatch(noun)):
            return VictimGroup.HEALTH_WORKERS
        if lex.people.fullmatch(noun):
            if any(lex.personnel.fullmatch(w) for w in words[:i]):
                return VictimGroup.HEALTH_WORKERS  # "a physician bystander"
            civilian = noun.lower().startswith(("civilian", "child", "women", "resident"))
            return VictimGroup.CIVILIANS if civilian else VictimGroup.UNSPECIFIED
    return VictimGroup.UNSPECIFIED


def _bare_nouns(
    ctx: Context, start: int, end: int, health: bool, found: list[CountPhrase]
) -> list[CountPhrase]:
    """Health-care nouns with no number: "Doctors were assaulted" (at least two), "the
    director of a hospital was kidnapped" or "Doctor abducted" (one)."""
    lex = lexicon()
    taken = [(p.start, p.end) for p in found]
    phrases = []
    nouns = (lex.personnel, lex.patients, lex.staff) if health else (lex.personnel, lex.patients)
    for rx in nouns:
        for match in rx.finditer(ctx.norm, start, end):
            if any(s <= match.start() < e for s, e in taken):
                continue
            word = match.group().lower()
            prefix = ctx.norm[max(start, match.start() - 20) : match.start()]
            if _NOT_A_VICTIM_BEFORE.search(prefix) or _NEGATED_BEFORE.search(prefix):
                continue
            plural = word.endswith("s") or word in ("staff", "personnel", "crew")
            if plural:
                count = Count(2, None, "at least")
            elif _SINGULAR_DETERMINER.search(prefix) or not prefix.strip() or prefix.rstrip().endswith(":"):
                count = Count(1, None, None)
            else:
                continue
            phrases.append(CountPhrase(match.start(), match.end(), count, _group_of(match.group(), health), True))
            taken.append((match.start(), match.end()))
    return phrases


def _is_health_text(sentence: str) -> bool:
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
        rf"(?<![\w-]){COUNT_PATTERN}(?:\s+(?P<head>{_MODIFIER}{{0,4}}(?P<noun>{nouns})))?(?![\w-])(?!'s\b)",
        re.IGNORECASE,
    )


__all__ = ["CountPhrase", "Span", "find_count_phrases", "find_figures", "sentence_figures"]
