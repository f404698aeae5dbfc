"""Which item an effect phrase is said of, within one sentence: "M10's intensive care
unit is out of service, and water storage units and generators were damaged".

An item takes the nearest effect in its clause, as its subject (effect after) or object
(effect before); conjunctions, commas, subordinate clauses and verbs with objects of
their own end a clause, and a list of subjects shares its predicate.
"""

from __future__ import annotations

import re

_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:and|but|while|whereas)\b|\b(?:but|while|whereas)\b")
_MAX_WORDS = 9
# "a car bomb exploded at the hospital, damaging an ambulance": a participle with an object
# of its own names what it damaged; "damaging it" and "damaging its roof" keep the facility.
_OWN_OBJECT = re.compile(
    r"\s+(?:(?:an?|the|two|three|four|five|several|some|many|\d+)\s|(?:[\w-]+\s+)?(?:supplies|medicines?|drugs|stocks?|"
    r"records|files|documents|vehicles?|cars?)\b)",
    re.IGNORECASE,
)
_ACTIVE_VERB_GAP = re.compile(r"\band\s*$")
# "the centres were raided and equipment destroyed": after the facility's own predicate,
# "and" opens a clause with a subject of its own.
_NEW_SUBJECT_GAP = re.compile(
    r"\b(?:was|were|is|are|been)\s+\w+.*\band\s+(?!(?:was|were|then|later|also|it|the)\b)"
    r"(?![a-z]+ly\b)[a-z]+\s+(?:[a-z]+\s+){0,2}$",
    re.IGNORECASE,
)
# "blood on the floors, vehicles burnt out": after a comma, a noun with a bare participle
# is a clause of its own.
_NEW_CLAUSE = re.compile(
    r",\s+(?!(?:also|then|now|already|later|which|that|who|it|they|and|but|or|including)\b)(?![a-z]+ly\b)"
    r"[a-z][\w'-]*\s+(?:[a-z][\w'-]*\s+)?$"
)
# "the ward was destroyed, rubble covering the beds": a comma closes the effect's clause,
# unless a place follows ("supplies were destroyed, at a health centre").
_COMMA_CLAUSE = re.compile(r"^\s*,(?!\s*(?:at|in|inside|including|along with|as well as)\b)")
# "set an ambulance on fire and looted supplies from a clinic", "destroyed equipment in the
# hospital": a verb's own object comes first, and the facility is only where it was.
_OBJECT_THEN_PLACE = re.compile(
    r"^(?!.*\bby\b)\s*(?:[\w'-]+\s+){1,6}?"
    r"(?:from|at|in|inside|near|outside)\s+(?:the\s+|an?\s+|its\s+|their\s+)?(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "a doctor was hit ... blaming the hospital", "bombed whilst he was working at a hospital":
# a subordinate clause or a participle after a comma has a subject or object of its own.
_SUBORDINATE = re.compile(r"\b(?:when|whilst|while|because|since|until|unless|now that|given that|so that)\b|,\s*(?!including\b|\w*thing\b)[a-z]+ing\b",
                          re.IGNORECASE)
_AUX = re.compile(r"\b(?:was|were|is|are|been|be|being|got)\b")
# "a clinic, the town hall and two shops were burned": a coordinated subject shares the
# predicate, however long the list ("were looted and burned" too); a verb or relative
# inside the gap ends the subject.
_LIST_PREDICATE = r"\b(?:were|are|(?:that|which) (?:had |have )?(?:all )?been)\s+(?:\w+ly\s+)?(?:\w+ed\s+(?:and|or)\s+)?$"
_LIST_SUBJECT = re.compile(r"^\s*(?:,|and\b)[^;:.()]*" + _LIST_PREDICATE, re.IGNORECASE)
_VERB_IN_LIST = re.compile(r"\b(?:\w{3,}ed|who|which|that|by|when|after|while|was|were|is|are)\b(?=.*" + _LIST_PREDICATE + ")",
                           re.IGNORECASE)
_MAX_LIST_WORDS = 20
_PRONOUN_OBJECT = re.compile(r"\b(?:(?:knocking|putting|leaving|rendering|taking|forcing|making)\s+(?:them|it|the facilit(?:y|ies))"
                             r"(?:\s+to\s+(?:go|be))?|(?:forcing|prompting|causing|leading to)(?:\s+(?:its|their))?)\s+(?:\w+\s+)?$")
# "the clinic closed after it was partly destroyed": the pronoun takes the facility's place.
_PRONOUN_SUBJECT = re.compile(r"\b(?:it|they)\s+(?:is|are|was|were|(?:had|has|have)\s+been)\s+(?:now\s+|\w+ly\s+)?$",
                              re.IGNORECASE)
# "the clinic was damaged on Tuesday and was destroyed the next day": a second predicate
# joined to the first shares its subject.
# "the ambulance was damaged and unable to be driven": effects joined by "and" share the subject.
_JOINED_EFFECT = re.compile(r"\s*,?\s*(?:and|but)\s+(?:(?:a|an|the)\s+)?(?:\w+(?:ly|ary|al|ete)\s+)?")
_SHARED_SUBJECT = re.compile(r"\b(?:and|but|then)\s+(?:(?:later\s+)?(?:was|were|(?:had|has|have)\s+been)\s+(?:\w+ly\s+)?|"
                             r"its\s+(?:provision of\s+)?(?:[\w-]+\s+)?)$", re.IGNORECASE)


def facility_effects(
    text: str, effects: list[tuple[str, int, int]], start: int, end: int
) -> list[tuple[str, int, int]]:
    """The nearest effect, plus any effect applied to "them"/"it" later in the sentence."""
    chosen = []
    nearest = nearest_effect(text, effects, start, end)
    if nearest:
        chosen.append(nearest)
    for effect in effects:
        before = text[max(0, effect[1] - 30) : effect[1]]
        pronoun = _PRONOUN_OBJECT.search(before) or _PRONOUN_SUBJECT.search(before) or _SHARED_SUBJECT.search(before)
        joined = any(_JOINED_EFFECT.fullmatch(text, c[2], effect[1]) for c in chosen)
        if effect[1] > end and (pronoun or joined) and effect[0] not in {c[0] for c in chosen}:
            chosen.append(effect)
    return chosen


def nearest_effect(
    text: str, effects: list[tuple[str, int, int]], start: int, end: int
) -> tuple[str, int, int] | None:
    """The effect phrase this item is the subject (effect after) or object (effect before) of."""
    best: tuple[int, tuple[str, int, int]] | None = None
    for effect in effects:
        if effect[1] >= end:
            gap = text[end : effect[1]]
            if text.endswith("ing", effect[1], effect[2]) and _OWN_OBJECT.match(text, effect[2]):
                continue
        elif effect[2] <= start:
            gap = text[effect[2] : start]
        else:
            continue
        words = len(gap.split())
        if effect[1] >= end and _list_subject(gap):
            words = 1
        elif not links(text, gap, words, after=effect[1] >= end):
            continue
        if best is None or words < best[0]:
            best = (words, effect)
    return best[1] if best else None


def links(text: str, gap: str, words: int, after: bool) -> bool:
    """Whether nothing in the gap between an item and an effect separates them."""
    if after and _ACTIVE_VERB_GAP.search(gap) and not _AUX.search(gap):
        return False  # "... the ward and destroyed two ambulances": that verb has its own object
    if after and (_NEW_SUBJECT_GAP.search(gap) or (_NEW_CLAUSE.search(gap) and not _AUX.search(gap))):
        return False
    if not after and (_COMMA_CLAUSE.match(gap) or _OBJECT_THEN_PLACE.match(gap)):
        return False
    if _SUBORDINATE.search(gap):
        return False
    return words <= _MAX_WORDS and not (_CLAUSE_BREAK.search(gap) and not re.search(r"\bas well as\b", gap))


def _list_subject(gap: str) -> bool:
    return (bool(_LIST_SUBJECT.match(gap)) and not _VERB_IN_LIST.search(gap)
            and len(gap.split()) <= _MAX_LIST_WORDS)
