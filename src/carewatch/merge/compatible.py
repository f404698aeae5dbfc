"""Do two candidate incidents describe the same attack? The rules, and their reasons in words.

In order:

1. **Type.** Two attacks on health care must share at least one health-care type (an
   attack on a facility and an arrest of its staff are different incidents); two other
   violent incidents are always compatible in type. Otherwise they conflict.
2. **Date.** Both dates are widened to the period their precision allows (a day, a week,
   a month, a year; a date known only from the publication covers the three days before
   it). Periods that do not overlap conflict: the same hospital a month later is another
   attack.
3. **Facility name.** Names are folded (case, accents, "Al-", "hospital") and code names
   compared exactly. The same name with compatible dates is the same attack, wherever the
   reports place it (datelines are often another city), except that an ordinary name in
   two different countries may be two namesakes ("Al-Quds"), so those stay apart. Named
   facilities of the same type with no name in common are different facilities: conflict.
4. **Place.** Otherwise (a facility unnamed in at least one report) the reports must put
   it in the same place (same resolved name, or within a few km), at city precision or
   better in both (a country alone never suffices), with dates known in both and finer
   than a year, and compatible facility types (a hospital is not an ambulance).

A :class:`MergeDecision` says ``same`` (merge), ``conflict`` (the reports contradict each
other: never merge, even through a third report) or neither (not enough to say).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..model import Candidate, IncidentType, PlacePrecision
from .keys import MatchKey, PlaceKey, describe_date, distance_km, match_key

NEAR_KM_POINTS = 3.0  # two exact points this close are one place
NEAR_KM = 10.0  # a city's centre and a point in it, or two spellings of one town

_TYPE_WORDS = {
    IncidentType.FACILITY_ATTACK: "attacks on health facilities",
    IncidentType.TRANSPORT_ATTACK: "attacks on health transport",
    IncidentType.HEALTH_WORKER_ATTACK: "attacks on health workers",
    IncidentType.PATIENT_ATTACK: "attacks on patients",
    IncidentType.OBSTRUCTION: "obstructions of access to care",
    IncidentType.LOOTING: "lootings",
    IncidentType.ARREST_KIDNAP: "arrests or kidnappings of health workers",
    IncidentType.OTHER_VIOLENCE: "other violent incidents",
}
# Facility types that reports use for one another.
_FACILITY_FAMILY = {"clinic": "primary care", "health_centre": "primary care"}


@dataclass(frozen=True, slots=True)
class MergeDecision:
    """Whether two candidates are one attack, and why in words."""

    same: bool
    reason: str
    conflict: bool = False  # the candidates contradict each other
    rule: str = ""  # "facility" or "place" when same


def compatible(
    a: Candidate, b: Candidate, aliases: Mapping[str, str] | None = None
) -> MergeDecision:
    """Decide whether candidates ``a`` and ``b`` report the same attack."""
    return decide(match_key(a, aliases), match_key(b, aliases))


def decide(a: MatchKey, b: MatchKey, explain: bool = True) -> MergeDecision:
    """:func:`compatible` on precomputed keys; ``explain=False`` leaves ``reason`` empty
    (the engine's fast path: it asks again, explained, for the one match it uses)."""
    if a.health_types or b.health_types:
        shared_types = a.health_types & b.health_types
        if not shared_types:
            return _no(explain, lambda: "different kinds of attack: "
                       f"{_types(a.types)} and {_types(b.types)}", conflict=True)
        type_phrase = f"both {_TYPE_WORDS[next(t for t in a.types if t in shared_types)]}"
    else:
        type_phrase = "both other violent incidents"
    if a.period is not None and b.period is not None:
        if a.period[0] > b.period[1] or b.period[0] > a.period[1]:
            return _no(explain, lambda: f"dates {_dates(a, b)} do not overlap", conflict=True)
        dated = True
    else:
        dated = False
    if a.names and b.names:
        decision = _by_name(a, b, dated, type_phrase, explain)
        if decision is not None:
            return decision
    return _by_place(a, b, dated, type_phrase, explain)


def _by_name(a: MatchKey, b: MatchKey, dated: bool, type_phrase: str,
             explain: bool) -> MergeDecision | None:
    shared = sorted(a.names.keys() & b.names.keys())
    if not shared:
        if {t for t, _ in a.names.values()} & {t for t, _ in b.names.values()}:
            return _no(explain, lambda: f"different facilities {_names(a)} and {_names(b)}",
                       conflict=True)
        return None  # a named hospital and a named ambulance: the place rule decides
    folded = shared[0]
    written = a.names[folded][1]
    code = folded.isupper()
    what = f"'{written}' (code name)" if code else f"'{written}'"
    pa, pb = a.place, b.place
    if (not code and pa and pb and pa.country and pb.country and pa.country != pb.country):
        return _no(explain, lambda: f"same name {what} but in {pa.label} and {pb.label}, "
                   "different countries: could be namesakes")
    if dated:
        return _yes(explain, "facility", lambda: f"same facility {what}{_in(pa, pb)}, dates "
                    f"{_dates(a, b)} agree, {type_phrase}")
    if pa and pb and pa.fine and pb.fine and _same_place(pa, pb)[0]:
        return _yes(explain, "facility", lambda: f"same facility {what} in {pa.label}, a date "
                    f"known in only one report, {type_phrase}")
    return _no(explain, lambda: f"same facility {what} but a date known in only one report "
               "and no common place")


def _by_place(a: MatchKey, b: MatchKey, dated: bool, type_phrase: str,
              explain: bool) -> MergeDecision:
    pa, pb = a.place, b.place
    if pa and pb and pa.country and pb.country and pa.country != pb.country:
        return _no(explain, lambda: f"different countries: {pa.label} and {pb.label}",
                   conflict=True)
    if not dated:
        return _no(explain, lambda: "no facility name in common and a date missing")
    if a.year_only or b.year_only:
        return _no(explain, lambda: "no facility name in common and only a year to compare")
    if pa is None or pb is None:
        return _no(explain, lambda: "no facility name in common and a place missing")
    if not (pa.fine and pb.fine):
        coarse = pa if not pa.fine else pb
        return _no(explain, lambda: f"no facility name in common and {coarse.label} "
                   f"known only to {coarse.precision.value} precision")
    same_place, km = _same_place(pa, pb)
    if not same_place:
        apart = f" ({km:.0f} km apart)" if km is not None else ""
        return _no(explain, lambda: f"different places: {pa.label} and {pb.label}{apart}",
                   conflict=True)
    if a.facility_types and b.facility_types and not _facility_types_agree(a, b):
        return _no(explain, lambda: "different kinds of facility: "
                   f"{', '.join(sorted(a.facility_types))} and "
                   f"{', '.join(sorted(b.facility_types))}", conflict=True)

    def reason() -> str:
        kinds = sorted(a.facility_types & b.facility_types) or sorted(
            a.facility_types | b.facility_types)
        facility = f", the same kind of facility ({', '.join(kinds)})" if kinds else ""
        return (f"same place {pa.label} ({pa.precision.value}), dates {_dates(a, b)} agree, "
                f"{type_phrase}{facility}")

    return _yes(explain, "place", reason)


def _same_place(a: PlaceKey, b: PlaceKey) -> tuple[bool, float | None]:
    km = None
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        km = distance_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        points = a.precision is PlacePrecision.POINT and b.precision is PlacePrecision.POINT
        if km <= (NEAR_KM_POINTS if points else NEAR_KM):
            return True, km
    return (a.name == b.name and a.country == b.country), km


def _facility_types_agree(a: MatchKey, b: MatchKey) -> bool:
    if a.facility_types & b.facility_types:
        return True
    fam_a = {_FACILITY_FAMILY.get(t, t) for t in a.facility_types}
    return bool(fam_a & {_FACILITY_FAMILY.get(t, t) for t in b.facility_types})


def _yes(explain: bool, rule: str, reason: Callable[[], str]) -> MergeDecision:
    return MergeDecision(True, reason() if explain else "", rule=rule)


def _no(explain: bool, reason: Callable[[], str], conflict: bool = False) -> MergeDecision:
    return MergeDecision(False, reason() if explain else "", conflict=conflict)


def _in(a: PlaceKey | None, b: PlaceKey | None) -> str:
    place = a if a is not None and (b is None or a.fine or not b.fine) else b
    return f" in {place.label}" if place is not None else ""


def _dates(a: MatchKey, b: MatchKey) -> str:
    if a.date is None or b.date is None:
        return "unknown"
    if a.date.precision is b.date.precision:
        return (f"{describe_date(a.date)} and {describe_date(b.date)} "
                f"({a.date.precision.value})")
    return (f"{describe_date(a.date)} ({a.date.precision.value}) and "
            f"{describe_date(b.date)} ({b.date.precision.value})")


def _names(key: MatchKey) -> str:
    return ", ".join(f"'{written}'" for _, written in key.names.values())


def _types(types: tuple[IncidentType, ...]) -> str:
    return ", ".join(_TYPE_WORDS[t] for t in types) or "no type"
