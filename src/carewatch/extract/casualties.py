"""Casualty figures: who was killed, injured, kidnapped or arrested, how many, says who.

A figure is a count phrase ("two patients", "almost 500 people", "a male nurse") linked
to the casualty predicate it is the subject or object of ("died", "were wounded",
"killing"). Victim groups come from the head noun; "staff" and "volunteers" count as
health workers only where the sentence is about health care.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from itertools import pairwise

from ..data_files import load_json
from ..model import Figure, FigureKind, FigureScope, Span, VictimGroup
from ..text import Context
from .lexicon import alternation, lexicon
from .victims import CountPhrase, find_count_phrases, is_health_text

# Between a subject and its verb: auxiliaries, adverbs, or a short phrase ("a driver for an
# LNGO was shot"), but never a clause boundary.
_CLAUSE_BREAK = re.compile(
    r"[;:]|\b(?:that|said|says|after|before|because|while|whereas|but|when)\b", re.IGNORECASE
)
# "accessing an injured Palestinian", "reach those wounded": an adjective or noun, not a verb.
_ADJECTIVAL_BEFORE = re.compile(r"\b(?:an?|the|those|these)\s+$", re.IGNORECASE)
_RESULT_BEFORE = re.compile(r"\b(?:result(?:ed|ing|s)? in|led to|leading to|left)\s+the\s+$", re.IGNORECASE)
_AMONG = re.compile(r"\s+(?:was|were|are|is)\s+(?:\w+ly\s+)?among(?:st)?\s+(?:the\s+)?", re.IGNORECASE)
_UNHARMED = re.compile(r"\b(?:unharmed|uninjured|unhurt|without injur(?:y|ies)|no one was (?:hurt|injured))\b", re.IGNORECASE)
_MAX_GAP_WORDS = 6
# "A medic for the local defence group was reportedly killed": the auxiliaries and adverbs
# before a verb do not lengthen the distance from its subject.
_VERB_TAIL = re.compile(
    r"(?:\s*\b(?:was|were|is|are|has|have|had|been|being|be|got|reportedly|allegedly|also|later|then|"
    r"subsequently|fatally|seriously|severely|critically|badly|lightly|slightly|physically|brutally|"
    r"both|all|each)\b)*\s*$",
    re.IGNORECASE,
)
_MAX_RELATIVE_GAP_WORDS = 16
_RELATIVE = re.compile(
    r"^\s*,?\s*(?:who|whose|which|that|working|serving|employed|based|volunteering|travelling|traveling|"
    r"returning|driving|deployed|assigned|affiliated|attached|along with|together with|"
    r"on (?:his|her|their) way|en route)\b",
    re.IGNORECASE,
)
_LATER_DEATH = re.compile(
    r"\s*(?P<who>He|She|They|Both|His body|Her body|Their bodies|The body|The bodies|Both victims|The victims?|"
    r"One of (?:the victims|them|the two|the three))\b"
    r"[^.;]{0,80}?\b(?:died|was killed|were killed|was found dead|were found dead|was found|were found|"
    r"was executed|were executed|succumbed|was murdered|were murdered)\b",
    re.IGNORECASE,
)
_LATER_INJURY = re.compile(
    r"\s*(?P<who>He|She|They|Both|One of (?:the victims|them|the two|the three))\b"
    r"[^.;]{0,40}?\b(?:was|were) (?:\w+ )?(?:beaten|tortured|injured|wounded|assaulted|shot)\b",
    re.IGNORECASE,
)
# "almost arrested", "fearing arrest", "escaped an abduction attempt", "called on X to arrest"
_HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:almost|nearly|narrowly|fearing|feared|fear of|threatened with|attempted|attempt to|"
    r"tried to|trying to|escaped(?: an?)?|avoided|to)\s+$",
    re.IGNORECASE,
)
_DEFINITE = re.compile(r"(?:the|his|her|their|these|those|both)\b", re.IGNORECASE)
_AFTER_BEING = re.compile(r"^\s*(?:\w+\s+)?(?:after|before|while) being\s+$", re.IGNORECASE)
# "an officer based in X, said that two patients died": the speaker is no subject.
_REPORTED = re.compile(r"\b(?:said|says|told|reported|stated|according)\b", re.IGNORECASE)
# Between coordinated victims: "a doctor, his wife and their three children".
_JOINER = re.compile(
    r"\s*(?:,|and|&|as well as)?\s*(?:(?:his|her|their)\s+[\w-]+\s*(?:,|and|,\s*and)\s*)*"
    r"(?:(?:and|,)\s*)?(?:(?:his|her|their)\s+)?",
    re.IGNORECASE,
)
_OTHERS = re.compile(r"\b(?:others?|more)\s*$", re.IGNORECASE)
_INCLUDING = re.compile(r"\b(?:including|among them|among whom|of whom|amongst them)\s+(?:at least\s+)?$", re.IGNORECASE)
# "another 20 injured", "one arrested": a count without a noun must touch its verb.
_BARE_GAP = re.compile(r"^\s*(?:(?:were|was|are|is|have been|has been|had been|also|reportedly|later|being)\s+)*$", re.IGNORECASE)
_DIRECT_OBJECT_GAP = re.compile(r"^\s+$")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are|got|get)\b", re.IGNORECASE)
_PASSIVE_PREDICATE = re.compile(r"(?:was|were|been|be|being)\b", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_OBJECT_GAP = re.compile(r"^(?:\s|,|\b(?:at|least|and|including|of|them|some|the|his|her|their)\b)*$", re.IGNORECASE)
_HEALTH_GROUP = frozenset({VictimGroup.HEALTH_WORKERS, VictimGroup.PATIENTS})

_KIND = {
    "killed": FigureKind.KILLED, "injured": FigureKind.INJURED,
    "kidnapped": FigureKind.KIDNAPPED, "arrested": FigureKind.ARRESTED,
    "in_need_of_care": FigureKind.NEED_CARE, "at_risk": FigureKind.AT_RISK,
}


def find_figures(ctx: Context) -> list[Figure]:
    """Every casualty figure in the document, scoped to the incident or to wider events."""
    # In a report about health care, "staff" and "aid workers" are health-care staff.
    health = is_health_text(ctx.norm)
    figures: list[Figure] = []
    for sentence in ctx.sentences:
        # "Three health workers were detained. One was fatally shot.": "one" is one of them.
        last = figures[-1].victim_group if figures else VictimGroup.UNSPECIFIED
        own = [f for f in sentence_figures(ctx, sentence.start, sentence.end, health, last)
               if not _mentioned_before(ctx, f, figures)]
        figures.extend(own or _later_death(ctx, sentence, figures))
    return figures


def _mentioned_before(ctx: Context, figure: Figure, earlier: list[Figure]) -> bool:
    """"A neurologist was stabbed. The neurologist was heavily injured.": one victim."""
    if figure.span is None or not _DEFINITE.match(ctx.norm, figure.span.start):
        return False
    return any(f.kind is figure.kind and f.victim_group is figure.victim_group for f in earlier)


def _later_death(ctx: Context, sentence: Span, earlier: list[Figure]) -> list[Figure]:
    """"He died of his wounds", "His body was found": the victim just counted was killed;
    "He was beaten in detention": the victim just counted was injured."""
    for pattern, kind in ((_LATER_DEATH, FigureKind.KILLED), (_LATER_INJURY, FigureKind.INJURED)):
        match = pattern.match(ctx.norm, sentence.start, sentence.end)
        victims = [
            f for f in earlier
            if f.victim_group in _HEALTH_GROUP and f.kind not in (kind, FigureKind.KILLED)
        ]
        if not match or not victims:
            continue
        victim = victims[-1]
        who = match["who"].lower()
        singular = who in ("he", "she", "his body", "her body", "the body") or who.startswith("one of")
        count = 1 if singular else victim.count
        return [replace(victim, kind=kind, count=count, count_max=None, qualifier=None,
                        span=ctx.span(match.start("who"), match.end()))]
    return []


def sentence_figures(
    ctx: Context, start: int, end: int, health: bool, previous_group: VictimGroup = VictimGroup.UNSPECIFIED
) -> list[Figure]:
    lex = lexicon()
    text = ctx.norm
    phrases = find_count_phrases(ctx, start, end, health)
    predicates = [
        p for p in lex.casualty.finditer(text, start, end)
        if not _HYPOTHETICAL_BEFORE.search(text, max(start, p[1] - 30), p[1])
        and not _attributive(text, start, p)
    ]
    unharmed = _UNHARMED.search(text, start, end)
    linked: dict[int, tuple[CountPhrase, str, int, int]] = {}  # the latest link of each phrase
    links: dict[tuple[int, str], tuple[CountPhrase, str, int, int]] = {}
    included = _included_after_predicate(text, phrases, predicates)
    for kind, p_start, p_end in predicates:
        for phrase in _arguments(text, phrases, p_start, p_end, linked, included):
            linked[phrase.start] = links.setdefault((phrase.start, kind), (phrase, kind, p_start, p_end))
    _share_among(text, phrases, links, linked)
    # "were attacked but escaped unharmed": no one was injured.
    if unharmed:
        for key in [k for k in links if k[1] == "injured" and links[k][2] < unharmed.start()]:
            del links[key]
    for key, (phrase, kind, p_start, p_end) in list(links.items()):
        taken = _taking_kind(text, start, kind, p_start, p_end)
        if taken != kind:
            del links[key]
            links.setdefault((phrase.start, taken), (phrase, taken, p_start, p_end))
    # "shot and killed": a person who died is counted as killed, not also as injured;
    # "beaten and arrested" or "abducted and shot" keep both, as monitors code them.
    for start_, kind in list(links):
        if kind == "injured" and (start_, "killed") in links:
            del links[(start_, kind)]
    figures = []
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
    counted = {(start_, _KIND[kind]) for start_, kind in links}
    return figures + _included(ctx, phrases, figures, counted)


def _share_among(
    text: str, phrases: list[CountPhrase], links: dict[tuple[int, str], tuple[CountPhrase, str, int, int]],
    linked: dict[int, tuple[CountPhrase, str, int, int]],
) -> None:
    """"Two nurses were amongst the 15 civilians killed": the nurses share the crowd's fate."""
    for phrase, crowd in pairwise(phrases):
        if phrase.start in linked or crowd.start not in linked:
            continue
        if _AMONG.fullmatch(text, phrase.end, crowd.start):
            _, kind, p_start, p_end = linked[crowd.start]
            linked[phrase.start] = links.setdefault((phrase.start, kind), (phrase, kind, p_start, p_end))


def _attributive(text: str, start: int, predicate: tuple[str, int, int]) -> bool:
    """"reach the wounded", "treating injured protesters": an adjective, not a verb; and
    "blamed for the death of a patient" is the grievance, but "resulted in the death of
    two nurses" is what the attack did."""
    _, p_start, p_end = predicate
    if text[p_start:p_end].lower().endswith(" of") and _RESULT_BEFORE.search(text, max(start, p_start - 30), p_start):
        return False
    return bool(_ADJECTIVAL_BEFORE.search(text, max(start, p_start - 8), p_start))


def _included(
    ctx: Context, phrases: list[CountPhrase], figures: list[Figure], taken: set[tuple[int, FigureKind]]
) -> list[Figure]:
    """"Three people were killed, including one physician": the physician is a figure too;
    "ten were detained, including a nurse who was beaten": detained and beaten."""
    extra = []
    for phrase in phrases:
        if phrase.group is VictimGroup.UNSPECIFIED:
            continue
        before = ctx.norm[max(0, phrase.start - 25) : phrase.start]
        if not _INCLUDING.search(before):
            continue
        host = next((f for f in reversed(figures) if f.span and f.span.start < phrase.start), None)
        if host is None or (phrase.start, host.kind) in taken:
            continue
        extra.append(replace(host, count=phrase.count.value, count_max=phrase.count.maximum,
                             qualifier=phrase.count.qualifier, victim_group=phrase.group,
                             scope=FigureScope.INCIDENT, span=ctx.span(phrase.start, phrase.end)))
    return extra


def _included_after_predicate(
    text: str, phrases: list[CountPhrase], predicates: list[tuple[str, int, int]]
) -> set[int]:
    """Starts of the phrases listed after "including" once a verb has been said: "Nine
    people were killed, including a pharmacist and his son, and several wounded" keeps
    the pharmacist with the dead."""
    included: set[int] = set()
    for i, phrase in enumerate(phrases):
        if not any(p_end <= phrase.start for _, _, p_end in predicates):
            continue
        if _INCLUDING.search(text, max(0, phrase.start - 25), phrase.start):
            listed = _coordinated_forward(text, phrases[i:])
            # "including two doctors, and a nurse was injured": the nurse has a verb of her own.
            while len(listed) > 1 and _has_own_verb(text, listed[-1], predicates):
                listed.pop()
            included.update(p.start for p in listed)
    return included


def _has_own_verb(text: str, phrase: CountPhrase, predicates: list[tuple[str, int, int]]) -> bool:
    return any(p_start >= phrase.end and _BARE_GAP.match(text[phrase.end : p_start]) for _, p_start, _ in predicates)


def _arguments(
    text: str, phrases: list[CountPhrase], p_start: int, p_end: int,
    linked: dict[int, tuple[CountPhrase, str, int, int]], included: set[int],
) -> list[CountPhrase]:
    """The count phrases a predicate applies to: its subject(s) before, else its object(s) after.

    A subject already taken by an earlier predicate stays available when that predicate
    is coordinated with this one ("was shot in the head and killed"). An active verb with
    a direct object ("two armed men shot a nurse") applies to the object.
    """
    # A phrase listed after "including" is a subject only of its own relative clause.
    phrases = [p for p in phrases if p.start not in included or _RELATIVE.match(text[p.end : p_start])]
    before = [
        p for p in phrases
        if p.end <= p_start and (p.start not in linked or _coordinated_predicates(text, linked[p.start][3], p_start))
        and (p.has_noun or _BARE_GAP.match(text[p.end : p_start]))
    ]
    # "Five people, including two doctors, were killed": the verb's subject is the five.
    while len(before) > 1 and _INCLUDING.search(text, max(0, before[-1].start - 25), before[-1].start):
        before.pop()
    # "A doctor who was visiting a relative was shot": the relative clause's own nouns
    # are not the subject.
    for i, phrase in enumerate(before[:-1]):
        gap = text[phrase.end : p_start]
        if _RELATIVE.match(gap) and _subject_gap(text, phrase.end, p_start) and not _REPORTED.search(gap):
            before = before[: i + 1]
            break
    after = [p for p in phrases if p.start >= p_end and p.start not in linked]
    direct_object = after and _DIRECT_OBJECT_GAP.match(text[p_end : after[0].start])
    gerund = text[p_start:p_end].lower().endswith("ing")
    if before and before[-1].start in linked and not gerund:
        # Coordinated with the verb that already took this subject ("was struck by a
        # stray bullet in front of his pharmacy and killed"): the same subject.
        return _coordinated_back(text, before)
    if before and not gerund and _subject_gap(text, before[-1].end, p_start):
        active = direct_object and not _PASSIVE.search(text[before[-1].end : p_start])
        if not active:
            return _coordinated_back(text, before)
    if after and _OBJECT_GAP.match(text[p_end : after[0].start]) and not _passive(text, p_start, p_end):
        return _coordinated_forward(text, after)
    if before and gerund and _subject_gap(text, before[-1].end, p_start):
        return _coordinated_back(text, before)
    return []


def _taking_kind(text: str, start: int, kind: str, p_start: int, p_end: int) -> str:
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


@cache
def _captors(key: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Who takes someone away, as the agent after the verb and as the subject before it."""
    names = alternation(load_json("events.json")[key])
    agent = re.compile(rf"\s+(?:\w+\s+){{0,2}}?by\s+(?:(?:the|suspected|alleged|armed)\s+)*{names}\b", re.IGNORECASE)
    subject = re.compile(rf"(?<![\w-]){names}\s+(?:(?:reportedly|allegedly|also|then|later|have|had|has)\s+)*$",
                         re.IGNORECASE)
    return agent, subject


def _passive(text: str, p_start: int, p_end: int) -> bool:
    """"were killed and six paramedics injured": a passive verb has no object to take."""
    return bool(_PASSIVE_PREDICATE.match(text, p_start, p_end) or _PASSIVE_BEFORE.search(text, max(0, p_start - 30), p_start))


def _coordinated_predicates(text: str, first_end: int, second_start: int) -> bool:
    """Whether two verbs share a subject: "was attacked, kidnapped and robbed", "was shot
    and killed", "were executed after being kidnapped"."""
    gap = text[first_end:second_start]
    if re.fullmatch(r"\s*,\s*", gap) or _AFTER_BEING.search(gap):
        return True
    joined = re.search(r"\b(?:and|then|before)\b|&", gap) is not None
    return len(gap.split()) <= 8 and joined and not _CLAUSE_BREAK.search(gap.replace("before", ""))


def _subject_gap(text: str, start: int, end: int) -> bool:
    gap = text[start:end]
    if _RELATIVE.match(gap):
        # "a doctor who was visiting a relative was shot": the relative clause is skipped.
        return len(gap.split()) <= _MAX_RELATIVE_GAP_WORDS and ";" not in gap
    tail = _VERB_TAIL.search(gap)
    head = gap[: tail.start()] if tail else gap
    return len(head.split()) <= _MAX_GAP_WORDS and not _CLAUSE_BREAK.search(gap)


def _coordinated_back(text: str, before: list[CountPhrase]) -> list[CountPhrase]:
    chosen = [before[-1]]
    for phrase in reversed(before[:-1]):
        gap = text[phrase.end : chosen[-1].start]
        if _JOINER.fullmatch(gap) and re.search(r",|\band\b|&|as well as", gap):
            chosen.append(phrase)
        else:
            break
    return chosen


def _coordinated_forward(text: str, after: list[CountPhrase]) -> list[CountPhrase]:
    chosen = [after[0]]
    for phrase in after[1:]:
        gap = text[chosen[-1].end : phrase.start]
        if _JOINER.fullmatch(gap) and re.search(r",|\band\b|&|as well as", gap):
            chosen.append(phrase)
        else:
            break
    return chosen


def _scope(sentence: str, group: VictimGroup) -> FigureScope:
    if group in _HEALTH_GROUP:
        return FigureScope.INCIDENT
    if lexicon().campaign.search(sentence):
        return FigureScope.CAMPAIGN
    return FigureScope.INCIDENT


__all__ = ["find_figures", "sentence_figures"]
