"""Casualty figures: who was killed, injured, kidnapped or arrested, how many, says who.

A figure is a count phrase ("two patients", "almost 500 people", "a male nurse") linked
to the casualty predicate it is the subject or object of ("died", "were wounded",
"killing"). Victim groups come from the head noun; "staff" and "volunteers" count as
health workers only where the sentence is about health care.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from ..model import Figure, FigureKind, Span, VictimGroup
from ..text import Context
from .captors import armed_takings, taking_kind
from .casualty_grammar import (
    INCLUDING,
    Link,
    arguments,
    drop_distant_takings,
    included_after_predicate,
    share_among,
    share_companions,
    share_objects,
)
from .figure_scope import figure_scope
from .lexicon import lexicon
from .misspellings import misspelled_predicates
from .victims import CountPhrase, find_count_phrases, is_health_text

# "accessing an injured Palestinian", "reach those wounded": an adjective or noun, not a verb.
_ADJECTIVAL_BEFORE = re.compile(r"\b(?:an?|the|those|these)\s+$", re.IGNORECASE)
# "to treat wounded rebels", "prevented from reaching injured protesters": the care given,
# not an injury.
_CARE_BEFORE = re.compile(
    r"\b(?:treat(?:s|ed|ing)?|tend(?:s|ed|ing)? to|help(?:s|ed|ing)?|rescu(?:e|es|ed|ing)|evacuat(?:e|es|ed|ing)|"
    r"transport(?:s|ed|ing)?|carry(?:ing)?|carried|reach(?:es|ed|ing)?|hand(?:ing)? over|collect(?:s|ed|ing)?|"
    r"assist(?:s|ed|ing)?|car(?:e|ed|ing) for|attend(?:s|ed|ing)? to|access(?:ed|ing)?|arrest(?:ed|ing)?|"
    r"detain(?:ed|ing)?)\s+(?:other\s+|more\s+|some\s+)?$",
    re.IGNORECASE,
)
# "The body of a nurse", "the whereabouts of two doctors": a noun after "the", no adjective.
_ACT_OF = re.compile(r"(?<=ing|ion|der|est|ure|ers)\s+of\b", re.IGNORECASE)
# "after the arrest of", "accused of the murder of": the act named as a noun is an earlier
# event or a grievance, not what is reported.
_BACKGROUND_BEFORE = re.compile(
    r"\b(?:after|following|since|before|accused|accusing|blamed|blaming|condemn\w*|protest\w*|"
    r"responsibility for|in (?:response|reaction|retaliation) to|over|demand\w*|investigat\w*|suspected of)\b"
    r"(?:\s+[\w'-]+){0,3}\s+(?:the|an?)\s+$",
    re.IGNORECASE,
)
_BODY = re.compile(r"(?:bod(?:y|ies)|whereabouts)\b", re.IGNORECASE)
# "resulting in one injured nurse", "A murdered doctor was found": a casualty adjective
# inside the count phrase is the figure when the phrase is what the attack left or what
# was found.
_RESULTED = r"result(?:ed|ing|s)? in|led to|leading to|left"
_AUXILIARY = r"was|were|has been|have been|had been"
_LEFT_BEFORE = re.compile(rf"\b(?:{_RESULTED}|leaving|caus(?:ed|ing))\s+$", re.IGNORECASE)
_FOUND_AFTER = re.compile(rf"\s+(?:{_AUXILIARY})\s+(?:\w+\s+)?(?:found|discovered|recovered)\b", re.IGNORECASE)
_RESULT_BEFORE = re.compile(rf"\b(?:{_RESULTED})\s+the\s+$", re.IGNORECASE)
_UNHARMED = re.compile(
    r"\b(?:unharmed|uninjured|unhurt|without injur(?:y|ies)|(?:no one|nobody) was (?:hurt|injured|wounded|harmed)|"
    r"no (?:injuries|casualties) (?:were|was|have been) (?:reported|recorded|sustained))\b",
    re.IGNORECASE,
)
# An attack verb that says nothing of injury ("were attacked", "was assaulted"), as the
# evidence of an injured figure that a later denial ("No injuries were reported") undoes.
_ATTACK_ONLY = re.compile(r"\b(?:attacked|targeted|assaulted)\b", re.IGNORECASE)
_INJURY_STATED = re.compile(r"\b(?:injur|wound|hurt|shot|stabb|beat|tortur)", re.IGNORECASE)
_LATER_DEATH = re.compile(
    r"\s*(?P<who>He|She|They|Both|His body|Her body|Their bodies|The body|The bodies|Both victims|The victims?|"
    r"One of (?:the victims|them|the two|the three))\b"
    r"[^.;]{0,80}?\b(?:died|was killed|were killed|was found dead|were found dead|"
    r"(?<=body )was found|(?<=bodies )were found|"
    r"was executed|were executed|succumbed|was murdered|were murdered)\b",
    re.IGNORECASE,
)
_LATER_INJURY = re.compile(
    r"\s*(?P<who>He|She|They|Both|The victims?|The hostages?|One of (?:the victims|them|the two|the three))\b"
    r"[^.;]{0,40}?\b(?:(?:was|were) (?:\w+ ){0,2}?(?:beaten|tortured|injured|wounded|assaulted|shot)\b|"
    # "He was released a week later with a bullet wound", "found in a critical state"
    r"(?:was|were) (?:released|found)\b[^.;]{0,40}?\b(?:wounds?|injur(?:y|ies|ed)|critical (?:state|condition))\b)",
    re.IGNORECASE,
)
# "A nurse was abducted. She was later arrested by the police.": the pronoun is the victim.
_LATER_ARREST = re.compile(
    r"\s*(?P<who>He|She|They|The victims?)\b[^.;]{0,30}?\b(?:was|were) (?:\w+ )?"
    r"(?:arrested|detained|taken into custody|imprisoned|jailed)\b",
    re.IGNORECASE,
)
# "almost arrested", "fearing arrest", "escaped an abduction attempt", "called on X to arrest"
_HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:almost|nearly|narrowly|fearing|feared|fear of|threatened with|attempted|attempt to|"
    r"tried to|trying to|escaped(?: an?)?|avoided|to)\s+$",
    re.IGNORECASE,
)
# "was sexually assaulted": monitors code sexual violence apart, not as an injury.
_SEXUAL_BEFORE = re.compile(r"\bsexually\s+$", re.IGNORECASE)
# "received death threats", "faces a death sentence": no one died.
_THREAT_AFTER = re.compile(r"\s+(?:threats?|sentences?|penalty)\b", re.IGNORECASE)
_OR = re.compile(r"\s+or\s+(?:(?:were|was|been)\s+)?(?:\w+ly\s+)?", re.IGNORECASE)
_SEMICOLON = re.compile(r";\s*")
_VICTIM = re.compile(r"the victims?$", re.IGNORECASE)
_AMONG_BEFORE = re.compile(r"\bamong(?:st)?\s+(?:the\s+)?$", re.IGNORECASE)
_DEFINITE = re.compile(r"(?:the|his|her|their|these|those|both)\b", re.IGNORECASE)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|his|her|their|these|those|both)\s+$", re.IGNORECASE)
_OTHERS = re.compile(r"\b(?:others?|more|colleagues?|co-?workers?|victims?)\s*$", re.IGNORECASE)
_LATER = ((_LATER_DEATH, FigureKind.KILLED), (_LATER_INJURY, FigureKind.INJURED), (_LATER_ARREST, FigureKind.ARRESTED))
# Verbs that say a group was attacked, not that anyone in it was hurt.
_VAGUE_ATTACK = re.compile(r"(?:attacked|targeted)", re.IGNORECASE)
_HEALTH_GROUP = frozenset({VictimGroup.HEALTH_WORKERS, VictimGroup.PATIENTS})

_KIND = {
    "killed": FigureKind.KILLED, "injured": FigureKind.INJURED,
    "kidnapped": FigureKind.KIDNAPPED, "arrested": FigureKind.ARRESTED, "missing": FigureKind.MISSING,
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
        own = [f for f, phrase in _phrase_figures(ctx, sentence.start, sentence.end, health, last)
               if not _mentioned_before(ctx.norm, f, phrase, figures)]
        if not own and _UNHARMED.search(ctx.norm, sentence.start, sentence.end):
            figures = _undo_attack_injuries(ctx, sentence, figures, health)
        figures.extend(own or _later_fate(ctx, sentence, figures, health))
        # "A nurse was wounded; she died the next day": a clause after a semicolon may tell
        # a later fate as a sentence does.
        for clause in _after_semicolons(ctx, sentence):
            if not any(f.span and f.span.start >= clause.start for f in own):
                figures.extend(_later_fate(ctx, clause, figures, health))
    return figures


def _after_semicolons(ctx: Context, sentence: Span) -> list[Span]:
    text = ctx.norm
    starts = [m.end() for m in _SEMICOLON.finditer(text, sentence.start, sentence.end)]
    return [ctx.span(start, sentence.end) for start in starts]


def _undo_attack_injuries(ctx: Context, sentence: Span, earlier: list[Figure], health: bool) -> list[Figure]:
    """"Nurses were attacked at the clinic. No injuries were reported.": the attack hurt no
    one; "The doctor was unhurt" says so of the doctor's group only. An injury the report
    states ("were attacked and wounded") is left alone."""
    groups = {p.group for p in find_count_phrases(ctx, sentence.start, sentence.end, health)}
    return [f for f in earlier if not _attack_only_injury(ctx.norm, f, groups)]


def _attack_only_injury(text: str, figure: Figure, groups: set[VictimGroup]) -> bool:
    if figure.kind is not FigureKind.INJURED or figure.span is None:
        return False
    if groups and figure.victim_group not in groups:
        return False
    # The rest of the figure's clause: "were attacked and wounded" states the injury.
    clause = text[figure.span.start : figure.span.end] + text[figure.span.end : figure.span.end + 200].split(".", 1)[0]
    return bool(_ATTACK_ONLY.search(clause)) and not _INJURY_STATED.search(clause)


def _mentioned_before(text: str, figure: Figure, phrase: CountPhrase, earlier: list[Figure]) -> bool:
    """"A neurologist was stabbed. The neurologist was heavily injured.": one victim; and
    "Six medics were hurt. Medics were hurt while ...": the same six, named again."""
    same = [f for f in earlier if f.kind is figure.kind and f.victim_group is figure.victim_group]
    if not same:
        return False
    if _DEFINITE.match(text, phrase.start) or _DEFINITE_BEFORE.search(text, max(0, phrase.start - 8), phrase.start):
        return True
    if not phrase.bare or phrase.count.value < 2:
        return False
    noun = text[phrase.start : phrase.end].lower().rstrip("s")
    return any(f.span is not None and noun in f.span.text.lower() for f in same)


def _later_fate(ctx: Context, sentence: Span, earlier: list[Figure], health: bool) -> list[Figure]:
    """"He died of his wounds", "His body was found": the victim just counted was killed;
    "He was beaten in detention": injured; "She was then detained by police": arrested."""
    for pattern, kind in _LATER:
        match = pattern.match(ctx.norm, sentence.start, sentence.end)
        victims = [
            f for f in earlier
            if f.victim_group in _HEALTH_GROUP and f.kind not in (kind, FigureKind.KILLED)
        ]
        if match and not any(f.victim_group in _HEALTH_GROUP for f in earlier) and _VICTIM.match(match["who"]):
            victims = _named_before(ctx, sentence.start, health)
        if not match or not victims:
            continue
        victim = victims[-1]
        who = match["who"].lower()
        singular = who in ("he", "she", "his body", "her body", "the body", "the victim", "the hostage") or who.startswith("one of")
        count = 1 if singular else victim.count
        return [replace(victim, kind=kind, count=count, count_max=None, qualifier=None,
                        span=ctx.span(match.start("who"), match.end()))]
    return []


def _named_before(ctx: Context, end: int, health: bool) -> list[Figure]:
    """"A nurse was robbed on the road. The victim was injured.": with no figure before,
    "the victim" is the health worker or patient last named, returned as a figure whose
    kind (a placeholder here) the caller replaces with the fate the sentence tells."""
    named = [p for p in find_count_phrases(ctx, 0, end, health) if p.group in _HEALTH_GROUP]
    if not named:
        return []
    last = named[-1]
    return [Figure(kind=FigureKind.AT_RISK, count=last.count.value, victim_group=last.group,
                   span=ctx.span(last.start, last.end))]


def _phrase_figures(
    ctx: Context, start: int, end: int, health: bool, previous_group: VictimGroup
) -> list[tuple[Figure, CountPhrase]]:
    lex = lexicon()
    text = ctx.norm
    phrases = find_count_phrases(ctx, start, end, health)
    found = lex.casualty.finditer(text, start, end)
    found += misspelled_predicates(text, start, end, found)
    takings = _outside(armed_takings(text, start, end), found)
    found = sorted(found + takings, key=lambda p: p[1])
    predicates = [
        p for p in found
        if not _HYPOTHETICAL_BEFORE.search(text, max(start, p[1] - 30), p[1])
        and not _attributive(text, start, p)
        and not _SEXUAL_BEFORE.search(text, max(start, p[1] - 12), p[1])
        and not _THREAT_AFTER.match(text, p[2])
    ]
    predicates = _without_alternatives(text, predicates)
    unharmed = _UNHARMED.search(text, start, end)
    linked: dict[int, Link] = {}  # the latest link of each phrase
    links: dict[tuple[int, str], Link] = {}
    included = included_after_predicate(text, phrases, predicates)
    for kind, p_start, p_end in predicates:
        people_only = kind in ("kidnapped", "arrested", "missing")
        for phrase in arguments(text, phrases, p_start, p_end, linked, included, people_only):
            linked[phrase.start] = links.setdefault((phrase.start, kind), (phrase, kind, p_start, p_end))
    drop_distant_takings(text, links, found)
    share_among(text, phrases, links, linked)
    share_companions(text, phrases, links, linked)
    share_objects(text, predicates, links, linked)
    for phrase, kind, p_start, p_end in _adjective_links(text, start, phrases, found):
        links.setdefault((phrase.start, kind), (phrase, kind, p_start, p_end))
    if unharmed:
        _drop_unharmed(links, phrases, unharmed.start())
    for key, (phrase, kind, p_start, p_end) in list(links.items()):
        taken = taking_kind(text, start, kind, p_start, p_end)
        if taken != kind:
            del links[key]
            links.setdefault((phrase.start, taken), (phrase, taken, p_start, p_end))
    # "shot and killed": a person who died is counted as killed, not also as injured, and
    # one "who went missing" and was found dead is no longer missing; "beaten and
    # arrested" or "abducted and shot" keep both, as monitors code them.
    for start_, kind in list(links):
        if kind in ("injured", "missing") and (start_, "killed") in links:
            del links[(start_, kind)]
    attacked = _drop_vague_attacks(text, links)
    if attacked is not VictimGroup.UNSPECIFIED:
        previous_group = attacked
    figures = []
    for phrase, kind, p_start, p_end in sorted(links.values(), key=lambda v: (v[0].start, v[2])):
        # "staff were amongst 12 injured": the twelve are the whole crowd, not more staff.
        crowd = not phrase.has_noun and _AMONG_BEFORE.search(text, max(start, phrase.start - 12), phrase.start)
        inherits = not crowd and (not phrase.has_noun or _OTHERS.search(text[phrase.start : phrase.end]))
        group = previous_group if inherits and previous_group is not VictimGroup.UNSPECIFIED else phrase.group
        previous_group = group
        lo, hi = min(phrase.start, p_start), max(phrase.end, p_end)
        figures.append((
            Figure(
                kind=_KIND[kind],
                count=phrase.count.value,
                victim_group=group,
                count_max=phrase.count.maximum,
                qualifier=phrase.count.qualifier,
                scope=figure_scope(text, (start, end), (lo, hi), group, phrase.count.value),
                span=ctx.span(lo, hi),
            ),
            phrase,
        ))
    counted = {(start_, _KIND[kind]) for start_, kind in links}
    return figures + _included(ctx, phrases, [f for f, _ in figures], counted)


def _without_alternatives(text: str, predicates: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """"Two doctors were killed or injured": casualties, how many of each not said, so
    neither fate is counted. "Abducted or detained" people were taken either way, and the
    captor decides which."""
    either: set[tuple[str, int, int]] = set()
    for first, second in pairwise(predicates):
        if {first[0], second[0]} == {"killed", "injured"} and _OR.fullmatch(text, first[2], second[1]):
            either.update((first, second))
    return [p for p in predicates if p not in either]


def _outside(extra: list[tuple[str, int, int]], found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The predicates of ``extra`` that no predicate already ``found`` overlaps."""
    return [p for p in extra if not any(s < p[2] and p[1] < e for _, s, e in found)]


def _adjective_links(
    text: str, start: int, phrases: list[CountPhrase], found: list[tuple[str, int, int]]
) -> list[Link]:
    """"leaving two wounded medics", "A murdered doctor was found": the casualty word
    modifies the noun of a phrase that names what the attack left or what was found."""
    out = []
    for kind, p_start, p_end in found:
        phrase = next((p for p in phrases if p.has_noun and p.start < p_start and p_end < p.end), None)
        if phrase is None or kind not in ("killed", "injured", "kidnapped", "arrested"):
            continue
        if _LEFT_BEFORE.search(text, max(start, phrase.start - 20), phrase.start) or _FOUND_AFTER.match(text, phrase.end):
            out.append((phrase, kind, p_start, p_end))
    return out


def _drop_vague_attacks(text: str, links: dict[tuple[int, str], Link]) -> VictimGroup:
    """"18 volunteers were attacked, injuring four": those injured are the four, and the
    attack on the group is no injury count of its own; the group attacked is returned,
    as the group of a bare "four"."""
    vague = {k for k, (_, kind, p_start, p_end) in links.items()
             if kind == "injured" and _VAGUE_ATTACK.fullmatch(text, p_start, p_end)}
    counted = [phrase for k, (phrase, *_) in links.items() if k[1] == "injured" and k not in vague]
    # "a nurse and other civilians were attacked, leaving two civilians injured": the
    # civilians counted say nothing of the nurse.
    dropped = [links.pop(k)[0].group for k in vague
               if any(not p.has_noun or p.group is links[k][0].group for p in counted)]
    return next((g for g in dropped if g is not VictimGroup.UNSPECIFIED), VictimGroup.UNSPECIFIED)


def _drop_unharmed(links: dict[tuple[int, str], Link], phrases: list[CountPhrase], at: int) -> None:
    """"were attacked but escaped unharmed": no one was injured; but in "one was shot and
    one escaped unhurt" the unharmed one is a victim of their own, and the shot one stays."""
    subject = next((p for p in reversed(phrases) if p.start < at), None)
    if subject is not None and (subject.start, "injured") not in links and subject.start > min(
        (links[k][2] for k in links if k[1] == "injured"), default=at
    ):
        return
    for key in [k for k in links if k[1] == "injured" and links[k][2] < at]:
        del links[key]


def _attributive(text: str, start: int, predicate: tuple[str, int, int]) -> bool:
    """"reach the wounded", "treating injured protesters": an adjective, not a verb; and
    "blamed for the death of a patient" is the grievance, but "resulted in the death of
    two nurses" is what the attack did."""
    kind, p_start, p_end = predicate
    if text[p_start:p_end].lower().endswith(" of") and _RESULT_BEFORE.search(text, max(start, p_start - 30), p_start):
        return False
    # "The body of a nurse was found": the body is no adjective; nor is "the abduction of
    # two doctors", the act named as a noun with its victims after it.
    if _ADJECTIVAL_BEFORE.search(text, max(start, p_start - 8), p_start) and not _BODY.match(text, p_start):
        return not _ACT_OF.match(text, p_end) or bool(_BACKGROUND_BEFORE.search(text, max(start, p_start - 45), p_start))
    return kind == "injured" and bool(_CARE_BEFORE.search(text, max(start, p_start - 25), p_start))


def _included(
    ctx: Context, phrases: list[CountPhrase], figures: list[Figure], taken: set[tuple[int, FigureKind]]
) -> list[tuple[Figure, CountPhrase]]:
    """"Three people were killed, including one physician": the physician is a figure too;
    "ten were detained, including a nurse who was beaten": detained and beaten."""
    extra = []
    for phrase in phrases:
        if phrase.group is VictimGroup.UNSPECIFIED:
            continue
        before = ctx.norm[max(0, phrase.start - 25) : phrase.start]
        if not INCLUDING.search(before):
            continue
        host = next((f for f in reversed(figures) if f.span and f.span.start < phrase.start), None)
        # "eight health workers, among them three nurses": the nurses are already counted.
        if host is None or (phrase.start, host.kind) in taken or host.victim_group is phrase.group:
            continue
        extra.append((replace(host, count=phrase.count.value, count_max=phrase.count.maximum,
                              qualifier=phrase.count.qualifier, victim_group=phrase.group,
                              span=ctx.span(phrase.start, phrase.end)), phrase))
    return extra


__all__ = ["find_figures"]
