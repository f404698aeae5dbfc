"""Damage a report implies but does not state: "the clinic was targeted with rockets".

Monitors code a facility struck by an explosive or heavy weapon as damaged even when the
report names no damage, as they do a facility "hit" by a strike. The inference is only
drawn where the facility is the attack's own target: not a facility near which shells
fell, one that was threatened with a bomb, or one a later sentence says was unharmed.
"""

from __future__ import annotations

import re
from functools import cache

from ..data_files import load_json
from ..text import Context
from .lexicon import lexicon, word_rx

Effect = tuple[str, int, int]

# Attack predicates that deliver fire or a blast; "surrounded by", "searched", "raided"
# are attacks on a facility that need not touch its walls.
_FIRE = re.compile(
    r"^(?:hits?|struck|stuck by|target|attack|strikes?|air ?strikes?|shell|bomb|fired|shot at|opened fire|"
    r"came under|impacted|rocketed|mortared|pound|landed|fell|explo|deton|thrown|threw|grenade)",
    re.IGNORECASE,
)
# Predicates ending in a preposition take their object after them ("strikes on ...").
_TAKES_OBJECT_AFTER = re.compile(r"\b(?:on|at|against|into|inside|upon|towards|in)$", re.IGNORECASE)
# A gap that puts the weapon elsewhere or makes it a cause of something else.
_DETACHED = re.compile(
    r"\b(?:despite|due to|because of|as a result of|amid|after|vicinity|area|near(?:by)?|outside|"
    r"trapp(?:ed|ing)|while|whilst|when)\b|[,;:()]",
    re.IGNORECASE,
)
# "landed in the garden of the hospital": the grounds, not the building.
_GROUNDS = re.compile(
    r"\b(?:gardens?|car ?parks?|parking(?: lots?)?|gates?|entrances?|back|yards?|perimeter|walls|"
    r"fences?|front)(?: of)?(?: an?| the| its)?\s+(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "exploded in the staff quarters of the hospital": a part of the facility is the facility.
_PART_OF = re.compile(r"^\s*(?:the|an?|its)\s+(?P<part>(?:[\w'-]+\s+){1,3}?)of\s+(?:the\s+|an?\s+)?(?:[\w'-]+\s+)?$", re.IGNORECASE)
# Parts of a building whose damage is the building's; equipment and supplies are not parts.
BUILDING_PARTS = frozenset({"icu", "emergency_unit", "operating_theatre", "maternity", "radiology", "laboratory",
                            "ward", "building"})
# "a clinic occupied by the army was shelled": a participle phrase between the facility and
# its passive predicate still leaves the facility the subject.
_MODIFIED_SUBJECT = re.compile(r"^\s+\w+ed\s+by\s+(?:[\w'-]+\s+){1,4}(?:was|were)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_THREAT = re.compile(r"\bthreats?\b|\bhoax\b", re.IGNORECASE)
_NO_DAMAGE = re.compile(
    r"\bno (?:\w+ ){0,2}damages?\b|\b(?:not|un)(?:damaged|harmed)\b|\bnot (?:\w+ )?damaged\b|"
    r"\bwithout (?:causing )?(?:any )?damage",
    re.IGNORECASE,
)
# "explosives were planted in the hospital": a device found or defused did no damage.
_UNEXPLODED = re.compile(r"\bplanted\b", re.IGNORECASE)
# "a hospital was attacked ... the bombs landed in the car park": the report itself puts the
# blast on the grounds or outside, so the attack implies no damage to the building unless
# the report still speaks of damage.
_LANDED_OUTSIDE = re.compile(
    r"\b(?:landed|fell|exploded|detonated|thrown|dropped)\s+(?:\w+\s+){0,2}?(?:in front of|outside|"
    r"(?:in|into|on) the (?:car ?park|parking(?: lot)?|garden|(?:court)?yard|street|road)|at the (?:gate|entrance))\b",
    re.IGNORECASE,
)
_DAMAGE_WORD = re.compile(r"\bdamag", re.IGNORECASE)
_MAX_GAP_WORDS = 4
# "a hospital was attacked by rebels targeting the army inside", "... because soldiers were
# based there": a facility held by troops is attacked as a military position, which is an
# assault on the building itself; troops "nearby" make it a near miss instead.
_MILITARY_TARGET = re.compile(
    r"\btarget(?:ing|ting|ed)\s+(?!by\b)(?:the\s+)?(?:(?!near|outside)[\w'-]+\s+){0,2}?(?:military|army|soldiers|troops|forces)\b"
    r"(?!(?:\s+[\w'-]+){0,2}?\s+(?:nearby|near|outside|close))|"
    r"\b(?:military|army|soldiers|troops|forces)\s+(?:was|were)\s+(?:based|stationed|positioned)\s+(?:there|inside)\b",
    re.IGNORECASE,
)
# "injured inside a health facility during an airstrike", "an explosion occurred inside a
# pharmacy": a munition that went off within the facility's walls damaged it, however far
# the sentence puts the two apart.
_INSIDE = re.compile(r"\binside\s+(?:an?|the|its|his|her|their)\s+(?:[\w'-]+\s+){0,2}$", re.IGNORECASE)
# Tanks or warplanes around a facility with people inside it are not a blast inside it, nor
# are the "sound bombs" and "tear gas grenades" used to disperse a crowd.
_PLATFORM = re.compile(r"(?:tanks?|warplanes?|aircraft|jets?|helicopters?|air forces?|rocket launchers?)$",
                       re.IGNORECASE)
_NON_LETHAL = re.compile(r"\b(?:sound|stun|smoke|flash|gas|tear ?gas|teargas)\s+$", re.IGNORECASE)


@cache
def _heavy_means() -> re.Pattern[str]:
    return word_rx(load_json("events.json")["heavy_means"])


def implied_damage(ctx: Context, start: int, end: int) -> tuple[list[Effect], list[Effect]]:
    """What in the sentence ``start:end`` implies damage to its target, each as ("damaged",
    start, end): the attacks that deliver fire or a blast, and the explosive munitions named
    (for a blast inside a facility). None where the weapon is only a threat or the report
    says nothing was damaged."""
    text = ctx.norm
    if not _may_imply_damage(ctx, start, end):
        return [], []
    attacks = [
        ("damaged", s, e)
        for kind, s, e in lexicon().attack.finditer(text, start, end)
        if kind == "struck" and _FIRE.match(text[s:e]) and not _UNEXPLODED.search(text, s, e)
    ]
    blasts = [
        ("damaged", m.start(), m.end())
        for m in _heavy_means().finditer(text, start, end)
        if not _PLATFORM.match(m.group()) and not _NON_LETHAL.search(text, max(0, m.start() - 12), m.start())
    ]
    return attacks, blasts


def blast_inside(text: str, blasts: list[Effect], start: int) -> Effect | None:
    """The munition that went off inside the facility whose mention begins at ``start``."""
    if blasts and _INSIDE.search(text, max(0, start - 40), start):
        return blasts[0]
    return None


def _may_imply_damage(ctx: Context, start: int, end: int) -> bool:
    sentence = ctx.norm[start:end]
    armed = _heavy_means().search(sentence) or _MILITARY_TARGET.search(sentence)
    return bool(armed) and not _THREAT.search(sentence) and _report_allows_damage(ctx)


def _report_allows_damage(ctx: Context) -> bool:
    """Whether the report leaves room for implied damage: it does not say nothing was
    damaged, nor put the blast outside without speaking of damage. Read once a report."""
    allowed = ctx.notes.get("implied_damage_allowed")
    if allowed is None:
        text = ctx.norm
        allowed = ctx.notes["implied_damage_allowed"] = not _NO_DAMAGE.search(text) and not (
            _LANDED_OUTSIDE.search(text) and not _DAMAGE_WORD.search(text))
    return bool(allowed)


def attack_on(text: str, attacks: list[Effect], start: int, end: int) -> Effect | None:
    """The attack whose own target is the facility at ``start:end``, if any."""
    if _GROUNDS.search(text, max(0, start - 40), start):
        return None
    for attack in attacks:
        if attack[1] >= end:
            gap = text[end : attack[1]]
            if _TAKES_OBJECT_AFTER.search(text[attack[1] : attack[2]]) and not _PASSIVE.search(gap):
                continue  # "the hospital's director was killed in strikes on his home"
        elif attack[2] <= start:
            gap = text[attack[2] : start]
        else:
            continue
        near = len(gap.split()) <= _MAX_GAP_WORDS or _part_of(gap) or _MODIFIED_SUBJECT.match(gap)
        if near and not _DETACHED.search(gap):
            return attack
    return None


def _part_of(gap: str) -> bool:
    match = _PART_OF.match(gap)
    if match is None:
        return False
    return any(key in BUILDING_PARTS for key, _, _ in lexicon().services.finditer(match["part"]))
