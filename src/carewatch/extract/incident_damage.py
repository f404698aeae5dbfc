"""One incident's damage, each item once: what a monitor codes from everything a report says.

A report tells the same damage several times ("hit the Al-Amal Hospital ... the hospital
was badly damaged ... it was completely destroyed"), and finders read each telling on
its own. Here the tellings of one incident become one item each:

- the strongest effect wins: a facility damaged and destroyed was destroyed;
- damage stated beats damage inferred: a facility "hit by a missile" is coded damaged
  only while the report says nothing of what the attack did to its structure (its
  walls, wards, buildings); damaged equipment or pipes leave the inference standing;
- a building's damage is the facility's ("the roof collapsed"), told once as the
  facility's; a part destroyed inside a facility only damaged stays, since it says more.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Impact
from .attack_damage import BUILDING_PARTS

_RANK = {"damaged": 1, "destroyed": 2}
_PHYSICAL = frozenset(_RANK)
# Words that state damage, as opposed to the attack verbs ("hit", "struck", "shelled",
# "airstrikes on") from which damage to a facility is only inferred.
_STATES_DAMAGE = re.compile(
    r"damag|destr|burn|fire|blaze|alight|collaps|shatter|smash|broke|raz|demolish|rubble|ruin|ransack|"
    r"vandal|torch|wreck|ash|flatten|gutted|riddled|blew|blown|ripped|cracked|slashed|"
    r"out of (?:service|action|commission|operation|use)|inoperab|inoperative|unusable|knocked",
    re.IGNORECASE,
)


def incident_damage(impacts: list[Impact]) -> list[Impact]:
    """The incident's damage, each item once, in the order first told."""
    impacts = _stated_over_inferred(impacts)
    impacts = _with_building_damage(impacts)
    impacts = _strongest(impacts)
    impacts = _without_redundant_building(impacts)
    return _once_each(impacts)


def inferred(impact: Impact) -> bool:
    """Damage to a facility read from an attack on it rather than from words for damage."""
    return impact.effect == "damaged" and impact.item == "facility" and not _stated(impact)


def _stated(impact: Impact) -> bool:
    return impact.span is not None and bool(_STATES_DAMAGE.search(impact.span.text))


def _same_thing(a: Impact, b: Impact) -> bool:
    """Whether two impacts may be about one thing: the same item, and no two different
    names or facility types told apart."""
    if a.item != b.item:
        return False
    if a.target and b.target and a.target != b.target:
        return False
    return not (a.facility_type and b.facility_type and a.facility_type != b.facility_type)


def _with_building_damage(impacts: list[Impact]) -> list[Impact]:
    """Damage to a facility's roof, windows or buildings is damage to the facility: damage,
    not destruction, since "four buildings burned down" need not be all of it."""
    if any(i.item == "facility" and i.effect in _PHYSICAL for i in impacts):
        return impacts
    building = next((i for i in impacts if i.item == "building" and i.effect in _PHYSICAL), None)
    if building is None:
        return impacts
    return [*impacts, replace(building, item="facility", effect="damaged")]


def _stated_over_inferred(impacts: list[Impact]) -> list[Impact]:
    stated = [i for i in impacts if i.effect in _PHYSICAL and _stated(i) and (i.item == "facility" or i.item in BUILDING_PARTS)]
    if not stated:
        return impacts
    return [i for i in impacts if not (inferred(i) and any(_owned_by(s, i) for s in stated))]


def _owned_by(stated: Impact, facility: Impact) -> bool:
    """Whether ``stated`` is damage to ``facility`` or to something of it."""
    if stated.item == "facility":
        return _same_thing(stated, facility)
    return not (stated.target and facility.target and stated.target != facility.target)


def _strongest(impacts: list[Impact]) -> list[Impact]:
    """Drop a facility's "damaged" where the report also says it was destroyed (vehicles
    are counted one by one and keep both)."""
    return [
        i for i in impacts
        if i.item == "transport" or i.effect not in _PHYSICAL
        or not any(_RANK.get(o.effect, 0) > _RANK[i.effect] and _same_thing(o, i) for o in impacts)
    ]


def _without_redundant_building(impacts: list[Impact]) -> list[Impact]:
    facility_rank = max((_RANK.get(i.effect, 0) for i in impacts if i.item == "facility"), default=0)
    return [i for i in impacts if not (i.item == "building" and 0 < _RANK.get(i.effect, 3) <= facility_rank)]


def _once_each(impacts: list[Impact]) -> list[Impact]:
    """"hit the Al-Amal Hospital ... the hospital was badly damaged": one facility damaged,
    told twice; the first words, or those naming it, are its evidence. Vehicles are counted
    one by one: "an ambulance was destroyed" twice may be two."""
    seen: dict[object, Impact] = {}
    for impact in impacts:
        key = (impact.item, impact.effect, impact.target, impact.facility_type) if impact.item != "transport" else id(impact)
        seen.setdefault(key, impact)
    kept = list(seen.values())
    named = {(i.item, i.effect, i.facility_type) for i in kept if i.target is not None}
    return [i for i in kept if i.target is not None or i.item == "transport"
            or (i.item, i.effect, i.facility_type) not in named]
