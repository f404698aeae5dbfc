"""Do two candidate incidents describe the same attack? The rules, and their reasons in words.

In order:

0. **One report.** Two candidates of one report are two incidents: the extractor told
   them apart (an analyst's must-link still joins them).
1. **Type.** Two attacks on health care must share a health-care type (an attack on a
   facility and an arrest of its staff are different incidents); two other violent
   incidents are always compatible in type. Reports of one strike type it differently
   ("a hospital was hit", "three doctors were killed"), so where both name the same
   facility, types of one family agree: attacks on a facility, transport, health workers
   and patients. Otherwise they conflict.
2. **Date.** Both dates are widened to the period their precision allows (a day, a week,
   a month, a year; a date known only from the publication covers the three days before
   it). Periods that do not overlap conflict: the same hospital a month later is another
   attack. One exception: the same named facility dated a day apart (a night attack
   straddles midnight, outlets file in other time zones) is one attack.
3. **Facility name.** Names are folded (:func:`.keys.normalise_facility_name`) and code
   names compared exactly; a name within another ("Saudi Hospital", "Saudi Teaching
   Maternal Hospital"; a headline's "Strike On Al Awda Hospital") is the same name. A
   name that is only a kind of facility ("Maternity Hospital", "an MSF hospital") is no
   name; one that is only the candidate's own place ("the Gaza City hospital") says
   where, not which, and never contradicts a real name. The same name with compatible
   dates is the same attack, wherever the reports place it (datelines are often another
   city, or a place known only to its country), except that an ordinary name in two
   different countries may be two namesakes ("Al-Quds"), so those stay apart unless both
   reports date it to the same day. Named facilities of the same type with no name in
   common are different facilities: conflict.
4. **Place.** Otherwise (a facility unnamed in at least one report) the reports must put
   it in the same place (same resolved name, or within a few km), at city precision or
   better in both (a country alone never suffices), with dates finer than a year, and
   compatible facility types (a hospital is not an ambulance). Where only one report
   dates the attack, the other must name the same kind of facility in that place, and,
   where its publication date is known, have been published on or after the attack and
   within a month of it. Two reports of the same kind of facility in the same place a
   day apart may be one attack too, and so may two reports of the same kind of facility
   on the same day in one country where one of them places it no finer than its country
   or province. The engine joins by these weaker matches only where no other match
   exists and only to the one incident a report can be.

A :class:`MergeDecision` says ``same`` (merge), ``conflict`` (the reports contradict each
other: never merge, even through a third report) or neither (not enough to say).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..model import Candidate, DatePrecision, IncidentType, PlacePrecision
from .keys import MatchKey, NameKey, PlaceKey, describe_date, distance_km, match_key

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
# Reports of one attack on a named facility may date it this many days apart.
ADJACENT_DAYS = 1
# A report that gives no date tells of an attack at most this long before it.
PUBLISHED_WITHIN_DAYS = 31
# Types that reports of one strike give one another: who or what was hit.
_FAMILY = {
    IncidentType.FACILITY_ATTACK: "violence",
    IncidentType.TRANSPORT_ATTACK: "violence",
    IncidentType.HEALTH_WORKER_ATTACK: "violence",
    IncidentType.PATIENT_ATTACK: "violence",
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
    decision = _decide(a, b, explain)
    if a.document_id == b.document_id and not decision.conflict:
        return _no(explain, lambda: "two incidents of one report: the report tells them apart",
                   conflict=True)
    return decision


def _decide(a: MatchKey, b: MatchKey, explain: bool) -> MergeDecision:
    types = _type_phrase(a, b)
    if types is None:
        return _no(explain, lambda: _different_types(a, b), conflict=True)
    type_phrase, same_kind = types
    gap = _gap_days(a, b)
    adjacent = bool(gap) and _adjacent_days(a, b, gap or 0)
    if gap and not adjacent:
        return _no(explain, lambda: f"dates {_dates(a, b)} do not overlap", conflict=True)
    names = _name_match(a, b) if a.names and b.names else None
    if names is not None:
        decision = _by_name(a, b, names, gap, type_phrase, explain)
        if decision.same or (same_kind and not adjacent):
            return decision
    elif a.names and b.names and _names_differ(a, b):
        return _no(explain, lambda: f"different facilities {_names(a)} and {_names(b)}",
                   conflict=True)
    if not same_kind:
        return _no(explain, lambda: _different_types(a, b), conflict=True)
    decision = _by_place(a, b, gap, type_phrase, explain)
    if adjacent and not decision.same:
        return _no(explain, lambda: f"dates {_dates(a, b)} do not overlap", conflict=True)
    return decision


def _type_phrase(a: MatchKey, b: MatchKey) -> tuple[str, bool] | None:
    """How the two agree in type, and whether they share a type (not only a family);
    None when they do not agree at all."""
    if not (a.health_types or b.health_types):
        return "both other violent incidents", True
    shared = a.health_types & b.health_types
    if shared:
        return f"both {_TYPE_WORDS[next(t for t in a.types if t in shared)]}", True
    if {_FAMILY.get(t) for t in a.health_types} & {_FAMILY.get(t) for t in b.health_types} - {None}:
        return f"typed as {_types(a.types)} and as {_types(b.types)}", False
    return None


def _different_types(a: MatchKey, b: MatchKey) -> str:
    return f"different kinds of attack: {_types(a.types)} and {_types(b.types)}"


def _gap_days(a: MatchKey, b: MatchKey) -> int | None:
    """Days between the two dates' periods (0 when they overlap); None if one is missing."""
    if a.period is None or b.period is None:
        return None
    return max(0, a.period[0] - b.period[1], b.period[0] - a.period[1])


def _adjacent_days(a: MatchKey, b: MatchKey, gap: int) -> bool:
    assert a.date is not None and b.date is not None
    return (gap <= ADJACENT_DAYS and a.date.precision is DatePrecision.DAY
            and b.date.precision is DatePrecision.DAY)


NameMatch = tuple[NameKey, NameKey, bool]  # a's name, b's, and whether they fold alike


def _name_match(a: MatchKey, b: MatchKey) -> NameMatch | None:
    """The names by which ``a`` and ``b`` call one facility: the same folded name, else
    one name's words within the other's ("noor" in "five killed in strike on noor", or in
    "noor specialised childrens")."""
    for folded in sorted(a.names.keys() & b.names.keys()):
        return a.names[folded], b.names[folded], True
    for fa, na in a.names.items():
        for fb, nb in b.names.items():
            if na.code or nb.code or na.facility_type != nb.facility_type:
                continue
            if _within(na, fa, nb, fb):
                return na, nb, False
    return None


def _within(na: NameKey, fa: str, nb: NameKey, fb: str) -> bool:
    if not (na.soft or nb.soft):
        # Two real names: their cores, descriptors left out.
        words_a, words_b = set(na.core.split()), set(nb.core.split())
        return words_a <= words_b or words_b <= words_a
    # A town's name says only where: "Idlib" may be "Idlib National", but "Idlib
    # Maternity" is not "Idlib National", and "Idlib" is not "Al-Noor of Idlib".
    (short, words_s), (long, words_l) = sorted([(na, fa), (nb, fb)], key=lambda p: len(p[1]))
    return set(words_s.split()) <= set(words_l.split()) and (long.soft or not short.soft)


def _names_differ(a: MatchKey, b: MatchKey) -> bool:
    """Whether the two name different facilities of one kind: two real names, or two
    facilities of one town named for it ("Idlib Maternity", "Idlib National"). A town's
    name and a real name do not contradict ("the Gaza City hospital" may be Al-Shifa)."""
    return any(na.facility_type == nb.facility_type
               and (not na.soft and not nb.soft or na.soft and nb.soft and na.core == nb.core)
               for na in a.names.values() for nb in b.names.values())


def _by_name(a: MatchKey, b: MatchKey, names: NameMatch, gap: int | None,
             type_phrase: str, explain: bool) -> MergeDecision:
    na, nb, alike = names
    what = f"'{na.written}' (code name)" if na.code else f"'{na.written}'"
    if not alike:
        what += f" and '{nb.written}' (one name within the other)"
    pa, pb = a.place, b.place
    if (not na.code and pa and pb and pa.country and pb.country and pa.country != pb.country):
        if gap == 0 and _both_days(a, b):
            return _yes(explain, "facility", lambda: f"same facility {what} on the same day "
                        f"{_dates(a, b)}, {type_phrase}; the reports place it in {pa.label} "
                        f"and {pb.label} (one is likely where a report was filed)")
        return _no(explain, lambda: f"same name {what} but in {pa.label} and {pb.label}, "
                   "different countries: could be namesakes")
    if gap is not None:
        when = "a day apart" if gap else "agree"
        return _yes(explain, "facility", lambda: f"same facility {what}{_in(pa, pb)}, dates "
                    f"{_dates(a, b)} {when}, {type_phrase}")
    if pa and pb and pa.fine and pb.fine and _same_place(pa, pb)[0]:
        return _yes(explain, "facility", lambda: f"same facility {what} in {pa.label}, a date "
                    f"known in only one report, {type_phrase}")
    return _no(explain, lambda: f"same facility {what} but a date known in only one report "
               "and no common place")


def _by_place(a: MatchKey, b: MatchKey, gap: int | None, type_phrase: str,
              explain: bool) -> MergeDecision:
    pa, pb = a.place, b.place
    dated = gap is not None
    if pa and pb and pa.country and pb.country and pa.country != pb.country:
        return _no(explain, lambda: f"different countries: {pa.label} and {pb.label}",
                   conflict=True)
    if a.year_only or b.year_only:
        return _no(explain, lambda: "no facility name in common and only a year to compare")
    if pa is None or pb is None:
        return _no(explain, lambda: "no facility name in common and a place missing")
    if not (pa.fine and pb.fine):
        coarse = pa if not pa.fine else pb
        if gap == 0 and _same_day_in_country(a, b):
            return _yes(explain, "coarse", lambda: f"same day {_dates(a, b)} in {coarse.label}, "
                        f"{type_phrase}{_kinds(a, b)}; {coarse.label} known only to "
                        f"{coarse.precision.value} precision, the only incident it can be")
        return _no(explain, lambda: f"no facility name in common and {coarse.label} "
                   f"known only to {coarse.precision.value} precision")
    same_place, km = _same_place(pa, pb)
    if not same_place:
        apart = f" ({km:.0f} km apart)" if km is not None else ""
        return _no(explain, lambda: f"different places: {pa.label} and {pb.label}{apart}",
                   conflict=dated)
    if a.facility_types and b.facility_types and not _facility_types_agree(a, b):
        return _no(explain, lambda: "different kinds of facility: "
                   f"{', '.join(sorted(a.facility_types))} and "
                   f"{', '.join(sorted(b.facility_types))}", conflict=True)
    if not dated:
        return _undated(a, b, type_phrase, explain)
    if gap:
        return _yes(explain, "adjacent", lambda: f"same place {pa.label} "
                    f"({pa.precision.value}), dates {_dates(a, b)} a day apart, {type_phrase}"
                    f"{_kinds(a, b)}, the only incident it can be")

    def reason() -> str:
        return (f"same place {pa.label} ({pa.precision.value}), dates {_dates(a, b)} agree, "
                f"{type_phrase}{_kinds(a, b)}")

    return _yes(explain, "place", reason)


def _undated(a: MatchKey, b: MatchKey, type_phrase: str, explain: bool) -> MergeDecision:
    """One report dates the attack, the other does not: the same kind of facility in the
    same place, reported on or after the attack and within a month of it."""
    undated, dated = (a, b) if a.period is None else (b, a)
    if dated.period is None:
        return _no(explain, lambda: "no facility name in common and no date in either report")
    if not (a.facility_types and b.facility_types):
        return _no(explain, lambda: "no facility name in common, a date missing and no kind "
                   "of facility in both")
    published = undated.published
    if published is not None and not (
            dated.period[0] <= published <= dated.period[1] + PUBLISHED_WITHIN_DAYS):
        return _no(explain, lambda: "no facility name in common, a date missing, and the "
                   f"undated report was published on {dt.date.fromordinal(published)}, not "
                   f"in the month after {_dates(a, b)}")
    place, date = dated.place, dated.date
    assert place is not None and date is not None

    def reason() -> str:
        return (f"same place {place.label} ({place.precision.value}){_kinds(a, b)}, "
                f"{type_phrase}; a date ({describe_date(date)}) in only one report, the "
                "only incident the undated one can be")

    return _yes(explain, "undated", reason)


def _same_day_in_country(a: MatchKey, b: MatchKey) -> bool:
    """The same day, told by the text in both, in one country, and the same kind of
    facility, named in neither: a report that places the attack only in its country or
    province ("a hospital in northern Burkina Faso was looted on Sunday") may be another's
    report of it in a named town. (A named facility placed only in its country is not
    joined to an unnamed one: a country holds many hospitals.)"""
    pa, pb = a.place, b.place
    return (pa is not None and pb is not None and pa.country is not None
            and pa.country == pb.country and _both_days(a, b)
            and a.date is not None and b.date is not None
            and a.date.basis == "text" and b.date.basis == "text"
            and not (a.names or b.names)
            and bool(a.facility_types & b.facility_types))


def _both_days(a: MatchKey, b: MatchKey) -> bool:
    return (a.date is not None and b.date is not None and a.date.precision is DatePrecision.DAY
            and b.date.precision is DatePrecision.DAY)


def _kinds(a: MatchKey, b: MatchKey) -> str:
    kinds = sorted(a.facility_types & b.facility_types) or sorted(
        a.facility_types | b.facility_types)
    return f", the same kind of facility ({', '.join(kinds)})" if kinds else ""


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
    return ", ".join(f"'{name.written}'" for name in key.names.values())


def _types(types: tuple[IncidentType, ...]) -> str:
    return ", ".join(_TYPE_WORDS[t] for t in types) or "no type"
