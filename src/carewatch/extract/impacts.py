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
from .damage_links import facility_effects, links, nearest_effect
from .lexicon import KeyedMatcher, lexicon

_CLINICAL_PARTS = frozenset({"icu", "operating_theatre", "maternity"})
_POSSESSIVE = re.compile(r"\b([A-Z]\d{1,3}|[A-Z][\w-]+(?: [A-Z][\w-]+)*)'s?\s+$")
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
# "out of service at the time due to damage from previous attacks": an earlier attack's effect.
_EARLIER_CAUSE = re.compile(
    r"[^.;]{0,60}?\b(?:from|by|in|due to|after|since)\s+(?:the\s+)?(?:previous|earlier|prior|past|last (?:year|month)'s)\s+"
    r"(?:attacks?|strikes?|air ?strikes?|bombings?|shelling|raids?)\b",
    re.IGNORECASE,
)
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
# "many medical facilities had shut down", "other health facilities were closed": the
# state of health care around, not what this attack did.
_UNSPECIFIC = re.compile(
    r"\b(?:many|most|numerous|countless|(?:dozens|scores|hundreds) of|(?:several|many|some|all|various)\s+other|"
    r"(?:in|at|to|and|with|that)\s+other)\s+(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "20 health centres have closed because of the fighting": closures for a general cause.
_GENERAL_CAUSE = re.compile(
    r"[^.;]{0,40}?\b(?:due to|because of|owing to|amid|as a result of|after)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w-]+\s+){0,4}?(?:fighting|battles?|insecurity|clashes|hostilities|conflict|rebellion|violence|"
    r"gained control|took control|control)\b",
    re.IGNORECASE,
)
# "a vehicle belonging to the hospital was damaged": the facility owns what was hit.
_POSSESSOR = re.compile(
    r"\b(?:belonging to|owned by|(?:transport(?:ation)?|vehicles?|cars?|trucks?|ambulances?|staff|homes?|houses?|residences?) "
    r"(?:of|for))\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)

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
            and not _BACKGROUND.search(text, max(0, e[1] - 30), e[1]) and not _EARLIER_CAUSE.match(text, e[2])]
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
        effect = nearest_effect(ctx.norm, effects, i_start, i_end)
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
                or _OTHER_OWNER.match(text, end)
                or (text.startswith("department", start) and _DISTRICT.search(before)))


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
        if _POSSESSOR.search(ctx.norm, before, start) or _UNSPECIFIC.search(ctx.norm, before, start):
            continue
        near = bool(_NEAR.search(ctx.norm, before, start))
        chosen = _resulting_damage(ctx.norm, effects, start, end) if near else facility_effects(ctx.norm, effects, start, end)
        if facility.count > 1:
            chosen = [e for e in chosen if not (e[0] == "out_of_service" and _GENERAL_CAUSE.match(ctx.norm, e[2]))]
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
            if _RESULTING.match(text, effect[1]) and links(text, gap, len(gap.split()), after=True):
                return [effect]
        elif _RESULTED_BEFORE.match(text, effect[1]):
            gap = text[effect[2] : start]
            if links(text, gap, len(gap.split()), after=False):
                return [effect]
    return []


def _owner(text: str, sentence_start: int, item_start: int) -> str | None:
    """"M10's intensive care unit" -> "M10"."""
    match = _POSSESSIVE.search(text, max(sentence_start, item_start - 60), item_start)
    return match.group(1) if match else None
