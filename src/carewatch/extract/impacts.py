"""Damage and lost services: "M10's intensive care unit is out of service", "two ambulances destroyed".

Each service or piece of infrastructure is linked to the nearest effect phrase in its
clause; a facility mentioned with an attack predicate is damaged or destroyed as the
predicate says (a facility "hit" by a strike is coded damaged, as monitors code it).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ..data_files import load_json
from ..model import FacilityMention, Impact
from ..text import Context
from .attack_damage import (
    BUILDING_PARTS,
    Effect,
    attack_on,
    blast_inside,
    implied_damage,
)
from .lexicon import KeyedMatcher, lexicon

_CLINICAL_PARTS = frozenset({"icu", "operating_theatre", "maternity"})
_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:and|but|while|whereas)\b|\b(?:but|while|whereas)\b")
_POSSESSIVE = re.compile(r"\b([A-Z]\d{1,3}|[A-Z][\w-]+(?: [A-Z][\w-]+)*)'s?\s+$")
_MAX_WORDS = 9
# "a car bomb exploded at the hospital, damaging an ambulance": a participle with an object
# of its own names what it damaged; "damaging it" and "damaging its roof" keep the facility.
_OWN_OBJECT = re.compile(r"\s+(?:an?|the|two|three|four|five|several|some|many|\d+)\s", re.IGNORECASE)
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
_SUBORDINATE = re.compile(r"\b(?:when|whilst|while|because|since|until|unless)\b|,\s*(?!including\b|\w*thing\b)[a-z]+ing\b",
                          re.IGNORECASE)
_AUX = re.compile(r"\b(?:was|were|is|are|been|be|being|got)\b")
# "the vicinity of a hospital was hit", "a landmine on the way to a clinic": the place
# named is where it happened, not what the effect applied to.
_NEAR = re.compile(
    r"\b(?:vicinity|surroundings|area (?:surrounding|around)|outskirts|next to|near(?:by)?|close to|"
    r"way to|in front of|opposite|adjacent to|outside)(?: of)?(?: an?| the| its| their)?\s+(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "hit by an airstrike 300 metres from the hospital": a strike the sentence places at a
# distance missed; only damage it names ("damaged by a blast 50 m away") counts.
_AT_DISTANCE = re.compile(
    r"\b\d[\d,.]*\s*m\s+(?:away|from)\b|"  # not "$5 m of damage"
    r"(?:\b\d[\d,.]*\s*km|\b[\w-]+\s+(?:metres|meters|kilometres|kilometers|yards))\s+(?:away|from|close to|near|of)\b",
    re.IGNORECASE,
)
_STRIKE = re.compile(r"hit|struck|shelled|bombed|bombarded|pounded|impact(?:ed|ing)", re.IGNORECASE)
# "shells fell near the hospital, causing heavy damage": coders count damage a strike near
# the facility caused when nothing else is named as damaged ("causing damage to homes").
# The same holds for the equipment inside ("shelled nearby, damaging equipment") and for
# damage told first ("material damage was caused by rockets landing near the hospital").
_RESULTING = re.compile(
    r"(?:causing|caused|leaving|resulting in) (?:\w+ ){0,3}damages?\b(?! to\b)|damaging (?:the |its |some )?(?:\w+ )?equipment\b",
    re.IGNORECASE,
)
_RESULTED_BEFORE = re.compile(r"(?:(?:material|property|structural) )?damages? (?:was|were) caused by\b", re.IGNORECASE)
# "a clinic was impacted by violence", "fighting impacted the hospital": an abstract agent
# affected the facility; "impacted" is only a hit where a weapon did it ("by violence with
# heavy weapons", "by airstrikes").
_ABSTRACT_AGENT = r"(?:violence|insecurity|fighting|conflict|clashes|hostilities)\b(?!\s+with\s+(?:heavy|explosive))"
_AFFECTED_BY = re.compile(r"\s+by\s+(?:the\s+)?" + _ABSTRACT_AGENT, re.IGNORECASE)
_ABSTRACT_SUBJECT = re.compile(r"\b" + _ABSTRACT_AGENT + r"\s+(?:has\s+|have\s+|had\s+)?$", re.IGNORECASE)
# "an ambulance was destroyed at the gate", "shot outside the door": a place, not a part hit.
_WHERE_BEFORE = re.compile(r"\b(?:at|outside|near|by|in front of|behind)\s+(?:the|its|a|an)\s+$", re.IGNORECASE)
# "no damage to the hospital", "was not damaged": a denied effect is no effect.
_NEGATION = re.compile(r"\b(?:no|not|nor|without|never)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# "a previously burned clinic was looted", "a hospital which had already been put out of
# service": damage told as the facility's history is not this incident's damage.
# "partially destroying its building", "partly burned down": destruction in part is damage.
_PARTLY = re.compile(r"\b(?:partially|partly|partial|half)[\s-]+(?:\w+ly\s+)?$", re.IGNORECASE)
_BACKGROUND = re.compile(r"\b(?:previously|already|formerly)\s+(?:(?:had|has|have)\s+)?(?:been\s+)?$", re.IGNORECASE)
# "accusing hospital management", "clinic vehicles were burned": a facility word that
# modifies a noun for people or vehicles names whose they are, not the facility; its
# equipment and parts ("hospital equipment", "clinic roof") are coded as the facility's.
_MODIFIES_NOUN = re.compile(
    r"\s+(?:management|administration|administrators?|directors?|authorities|officials?|"
    r"vehicles?|cars?|trucks?|motorcycles?|motorbikes?|"
    # "the ambulance square", "the hospital car park": a place named after it;
    r"squares?|yards?|courtyards?|car ?parks?|parking|bays?|roads?|streets?|"
    # "a hospital wing destroyed": a part, whose damage the part's own item carries.
    r"wings?|roofs?|windows?|walls?|floors?|fa[cç]ades?|blocks?|sections?|departments?)\b",
    re.IGNORECASE,
)
# A quarantine centre holds people exposed to a disease, often in a requisitioned school or
# hotel, and a screening post is a checkpoint on a road or at a border; monitors do not code
# their damage as a health facility's, as they do an isolation, testing or treatment centre's.
_NOT_CARE_SITE = re.compile(r"\bquarantine\b|\bscreening (?:posts?|points?|sites?)\b", re.IGNORECASE)
# "a vehicle belonging to the hospital was damaged": the facility owns what was hit.
_POSSESSOR = re.compile(
    r"\b(?:belonging to|owned by|(?:transport(?:ation)?|vehicles?|cars?|trucks?|ambulances?|staff|homes?|houses?|residences?) "
    r"(?:of|for))\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "a clinic, the town hall and two shops were burned": a coordinated subject shares the
# predicate, however long the list ("were looted and burned" too); a verb or relative
# inside the gap ends the subject.
_LIST_PREDICATE = r"\b(?:were|are)\s+(?:\w+ly\s+)?(?:\w+ed\s+(?:and|or)\s+)?$"
_LIST_SUBJECT = re.compile(r"^\s*(?:,|and\b)[^;:.()]*" + _LIST_PREDICATE, re.IGNORECASE)
_VERB_IN_LIST = re.compile(r"\b(?:\w{3,}ed|who|which|that|by|when|after|while|was|were|is|are)\b(?=.*" + _LIST_PREDICATE + ")",
                           re.IGNORECASE)
_MAX_LIST_WORDS = 20
_PRONOUN_OBJECT = re.compile(r"\b(?:knocking|putting|leaving|rendering|taking|forcing|making)\s+(?:them|it)\s+(?:\w+\s+)?$")
# "the clinic closed after it was partly destroyed": the pronoun takes the facility's place.
_PRONOUN_SUBJECT = re.compile(r"\b(?:it|they)\s+(?:is|are|was|were|(?:had|has|have)\s+been)\s+(?:now\s+|\w+ly\s+)?$",
                              re.IGNORECASE)
# "the clinic was damaged on Tuesday and was destroyed the next day": a second predicate
# joined to the first shares its subject.
# "the ambulance was damaged and unable to be driven": effects joined by "and" share the subject.
_JOINED_EFFECT = re.compile(r"\s*,?\s*(?:and|but)\s+(?:\w+ly\s+)?")
_SHARED_SUBJECT = re.compile(r"\b(?:and|but|then)\s+(?:later\s+)?(?:was|were|(?:had|has|have)\s+been)\s+(?:\w+ly\s+)?$",
                             re.IGNORECASE)

# Buildings that are no health facility's, by what the text calls them or whose they are.
_OTHER_BUILDING = re.compile(
    r"\b(?:residential|apartment|[\w]+-stor(?:e)?y|multi-stor(?:e)?y|high-rise|school|government|administrative|"
    r"office|commercial|civil defen[cs]e|police|military|municipal|mosque|church)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_OTHER_OWNER = re.compile(
    r"\s+of\s+(?:the\s+|an?\s+|its\s+|their\s+|his\s+|her\s+)?(?:[\w'-]+\s+){0,2}?"
    r"(?:vehicles?|cars?|trucks?|bus(?:es)?|houses?|homes?|schools?|mosques?|churches|shops?|markets?)\b",
    re.IGNORECASE,
)
# "in Foube, Barsalogho department": a district named before the word is no hospital department.
_DISTRICT = re.compile(r"\b(?!(?:The|A|An|Its|This|That)\b)[A-Z][\w'-]+\s+$")
# "a bullet hit the window of their house": where a sentence names a home and no health
# facility, the walls, doors and windows it mentions are the home's.
_DWELLING = re.compile(r"\b(?:houses?|homes?|residences?|apartments?|flats?|dwellings?)\b", re.IGNORECASE)


# Put out of action by force ("rendered inoperable by the strike"): a service is out of
# service; a facility so disabled was also damaged, as monitors code it.
_DISABLED = "disabled"
_KNOCKED_OUT = re.compile(r"knocked out", re.IGNORECASE)


@cache
def _effects() -> KeyedMatcher:
    return KeyedMatcher(load_json("events.json")["service_effects"])


def find_impacts(ctx: Context, facilities: list[FacilityMention]) -> list[Impact]:
    """Every impact stated in the document, facility-level and service-level."""
    impacts: list[Impact] = []
    for sentence in ctx.sentences:
        effects = _stated(ctx.norm, _effects().finditer(ctx.norm, sentence.start, sentence.end))
        attacks, blasts = implied_damage(ctx, sentence.start, sentence.end)
        if _AT_DISTANCE.search(ctx.norm, sentence.start, sentence.end):  # a near miss: only named damage
            effects = [e for e in effects if not _STRIKE.fullmatch(ctx.norm, e[1], e[2])]
            attacks, blasts = [], []
        if not effects and not attacks and not blasts:
            continue
        in_sentence = [f for f in facilities if f.span and sentence.start <= f.span.start < sentence.end]
        impacts.extend(_service_impacts(ctx, sentence.start, sentence.end, effects, in_sentence))
        impacts.extend(_facility_impacts(ctx, effects, (attacks, blasts), in_sentence))
    return impacts


def _stated(text: str, effects: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    kept = [e for e in effects if not _NEGATION.search(text, max(0, e[1] - 30), e[1]) and not _merely_affected(text, e)
            and not _BACKGROUND.search(text, max(0, e[1] - 30), e[1])]
    return [("damaged", s, e) if kind == "destroyed" and _PARTLY.search(text, max(0, s - 20), s) else (kind, s, e)
            for kind, s, e in kept]


def _merely_affected(text: str, effect: tuple[str, int, int]) -> bool:
    if not text.startswith("impact", effect[1]):
        return False
    return bool(_AFFECTED_BY.match(text, effect[2]) or _ABSTRACT_SUBJECT.search(text, max(0, effect[1] - 30), effect[1]))


def _service_impacts(
    ctx: Context, start: int, end: int, effects: list[tuple[str, int, int]], facilities: list[FacilityMention]
) -> list[Impact]:
    impacts = []
    named = [f.name for f in facilities if f.name]
    taken = [(f.span.start, f.span.end) for f in facilities if f.span]
    dwelling = not facilities and _DWELLING.search(ctx.norm, start, end)
    previous_end = -2
    for item, i_start, i_end in lexicon().services.finditer(ctx.norm, start, end):
        follows_service, previous_end = previous_end == i_start - 1, i_end
        if any(s <= i_start < e for s, e in taken) or (item == "building" and dwelling):
            continue
        if item == "building" and (follows_service or not _health_building(ctx.norm, start, i_start, i_end)):
            continue
        effect = _nearest_effect(ctx.norm, effects, i_start, i_end)
        if effect is None:
            continue
        kind = "out_of_service" if effect[0] == _DISABLED else effect[0]
        if item == "building" and _KNOCKED_OUT.fullmatch(ctx.norm, effect[1], effect[2]):
            kind = "damaged"  # windows "knocked out" are broken; the building still stands
        if item == "building" and kind == "out_of_service":
            continue
        target = _owner(ctx.norm, start, i_start) or (named[0] if len(set(named)) == 1 else None)
        lo, hi = min(i_start, effect[1]), max(i_end, effect[2])
        impact = Impact(effect=kind, item=item, target=target, span=ctx.span(lo, hi))
        impacts.extend(_as_part(impact, _nearest_facility(facilities, i_start)))
    return impacts


def _health_building(text: str, sentence_start: int, start: int, end: int) -> bool:
    """Whether a building word may be part of a health facility: not where something
    happened ("at the gate"), another kind of building ("a five-storey residential
    building", "the windows of their car") or a district ("Toeni department")."""
    before = text[max(sentence_start, start - 30) : start]
    return not (_WHERE_BEFORE.search(before) or _OTHER_BUILDING.search(before)
                or _OTHER_OWNER.match(text, end) or _DISTRICT.search(before))


def _as_part(impact: Impact, owner: FacilityMention | None) -> list[Impact]:
    """Damage to a part is damage to what it is part of: "the maternity ward was hit" damaged
    its hospital; "the ambulance's windows were smashed" damaged the ambulance."""
    if impact.item not in BUILDING_PARTS or impact.effect == "out_of_service":
        return [impact]
    if owner is None:
        # "a maternity ward was shelled": a clinical unit belongs to some facility, named or
        # not; a building, a window or "emergency services" need not.
        if impact.item not in _CLINICAL_PARTS:
            return [impact]
        return [impact, replace(impact, effect="damaged", item="facility")]
    if owner.facility_type in lexicon().transport_types:
        return [replace(impact, item="transport", target=owner.name, facility_type=owner.facility_type)]
    whole = replace(impact, effect="damaged", item="facility", target=impact.target or owner.name,
                    facility_type=owner.facility_type)
    return [impact, whole]


def _nearest_facility(facilities: list[FacilityMention], offset: int) -> FacilityMention | None:
    placed = [f for f in facilities if f.span]
    return min(placed, key=lambda f: abs(f.span.start - offset) if f.span else 0, default=None)


def _facility_impacts(
    ctx: Context, effects: list[Effect], implying: tuple[list[Effect], list[Effect]], facilities: list[FacilityMention]
) -> list[Impact]:
    """Each facility's stated effects, or the damage an attack on it (or a blast inside it) implies."""
    attacks, blasts = implying
    impacts: list[Impact] = []
    transport = lexicon().transport_types
    for facility in facilities:
        if facility.span is None or not _names_the_facility(ctx.norm, facility.span.text, facility.span.end):
            continue
        start, end = facility.span.start, facility.span.end
        before = max(0, start - 50)
        if _POSSESSOR.search(ctx.norm, before, start):
            continue
        near = bool(_NEAR.search(ctx.norm, before, start))
        chosen = _resulting_damage(ctx.norm, effects, start, end) if near else _facility_effects(ctx.norm, effects, start, end)
        implied = None if chosen or near else (attack_on(ctx.norm, attacks, start, end)
                                                 or blast_inside(ctx.norm, blasts, start))
        for effect in chosen or ([implied] if implied else []):
            lo, hi = min(facility.span.start, effect[1]), max(facility.span.end, effect[2])
            kinds = ("damaged", "out_of_service") if effect[0] == _DISABLED else (effect[0],)
            impacts.extend(
                Impact(
                    effect=kind,
                    item="transport" if facility.facility_type in transport else "facility",
                    target=facility.name,
                    facility_type=facility.facility_type,
                    count=facility.count,
                    span=ctx.span(lo, hi),
                )
                for kind in kinds
            )
    return impacts


def _names_the_facility(text: str, mention: str, end: int) -> bool:
    """Whether an effect on this mention would be on a care facility: not "M10's intensive
    care unit" (the possessor), "hospital management", or a quarantine centre."""
    return not (re.match(r"'s?\b", text[end:]) or _MODIFIES_NOUN.match(text, end) or _NOT_CARE_SITE.search(mention))


def _resulting_damage(text: str, effects: list[Effect], start: int, end: int) -> list[Effect]:
    """Damage a strike near the facility caused, where no other thing is said to be damaged."""
    for effect in effects:
        if effect[1] > end:
            gap = text[end : effect[1]]
            if _RESULTING.match(text, effect[1]) and _links(text, gap, len(gap.split()), after=True):
                return [effect]
        elif _RESULTED_BEFORE.match(text, effect[1]):
            gap = text[effect[2] : start]
            if _links(text, gap, len(gap.split()), after=False):
                return [effect]
    return []


def _facility_effects(
    text: str, effects: list[tuple[str, int, int]], start: int, end: int
) -> list[tuple[str, int, int]]:
    """The nearest effect, plus any effect applied to "them"/"it" later in the sentence."""
    chosen = []
    nearest = _nearest_effect(text, effects, start, end)
    if nearest:
        chosen.append(nearest)
    for effect in effects:
        before = text[max(0, effect[1] - 30) : effect[1]]
        pronoun = _PRONOUN_OBJECT.search(before) or _PRONOUN_SUBJECT.search(before) or _SHARED_SUBJECT.search(before)
        joined = any(_JOINED_EFFECT.fullmatch(text, c[2], effect[1]) for c in chosen)
        if effect[1] > end and (pronoun or joined) and effect[0] not in {c[0] for c in chosen}:
            chosen.append(effect)
    return chosen


def _nearest_effect(
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
        elif not _links(text, gap, words, after=effect[1] >= end):
            continue
        if best is None or words < best[0]:
            best = (words, effect)
    return best[1] if best else None


def _links(text: str, gap: str, words: int, after: bool) -> bool:
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


def _owner(text: str, sentence_start: int, item_start: int) -> str | None:
    """"M10's intensive care unit" -> "M10"."""
    match = _POSSESSIVE.search(text, max(sentence_start, item_start - 60), item_start)
    return match.group(1) if match else None
