"""What merging compares, computed once per candidate: names, periods, places, types.

A :class:`MatchKey` holds a candidate's normalised facility names, the period its date
covers (respecting the date's precision), its place and its incident types, so that
comparing two candidates is a handful of set and integer operations. The helpers here
(:func:`normalise_facility_name`, :func:`date_period`, :func:`distance_km`) are public:
the CLI and the store may use them to show why two candidates were (not) merged.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import (
    HEALTH_CARE_TYPES,
    Candidate,
    DatePrecision,
    DateValue,
    IncidentType,
    PlacePrecision,
    PlaceValue,
)
from ..resolve.facility_names import facility_name_key, name_core

# A date known only from the report's publication: the attack happened that day or a few
# days before ("on Wednesday" resolved badly, or not said at all).
PUBLICATION_WINDOW_DAYS = 3


def normalise_facility_name(name: str, is_code_name: bool = False) -> str:
    """The form under which two spellings of one facility's name compare equal: the
    registry's key too (:func:`carewatch.resolve.facility_names.facility_name_key`).

    Case, accents, apostrophes of every kind, Arabic articles ("Al-", "el ", "Ed-"),
    punctuation and generic words ("hospital", "medical centre") are folded: "Al-Quds
    Hospital", "al Quds hospital" and "Quds" all give "quds". Code names ("M10") are
    compared exactly, in upper case.
    """
    return facility_name_key(name, is_code_name)


def date_period(value: DateValue) -> tuple[dt.date, dt.date]:
    """First and last day the date may stand for, given its precision and basis."""
    if value.precision is DatePrecision.DAY and value.basis == "publication":
        # Known only from the report's date: the attack may be a few days older.
        return value.date - dt.timedelta(days=PUBLICATION_WINDOW_DAYS), value.date
    return value.period()


def dates_compatible(a: DateValue, b: DateValue) -> bool:
    """True when the two dates' periods overlap: a week holds its days, a month its weeks."""
    lo_a, hi_a = date_period(a)
    lo_b, hi_b = date_period(b)
    return lo_a <= hi_b and lo_b <= hi_a


def describe_date(value: DateValue) -> str:
    """"2016-09-28", "week of 2016-09-19", "September 2016", "2016"."""
    if value.precision is DatePrecision.WEEK:
        return f"week of {value.date.isoformat()}"
    if value.precision is DatePrecision.MONTH:
        return value.date.strftime("%B %Y")
    if value.precision is DatePrecision.YEAR:
        return str(value.date.year)
    if value.basis == "publication":
        return f"{value.date.isoformat()} (publication date)"
    return value.date.isoformat()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


FINE_PLACES = frozenset({PlacePrecision.POINT, PlacePrecision.CITY})


@dataclass(frozen=True, slots=True)
class PlaceKey:
    label: str  # "Aleppo"
    name: str  # the resolved name, folded
    country: str | None
    precision: PlacePrecision
    latitude: float | None
    longitude: float | None

    fine: bool  # city precision or better: enough, with a date, to tell attacks apart


@dataclass(frozen=True, slots=True)
class NameKey:
    """One facility name of a candidate, folded."""

    facility_type: str
    written: str  # as the report writes it
    core: str  # without descriptors ("okhmatdyt" of "okhmatdyt national childrens")
    code: bool  # a code name ("M10"), compared exactly
    # The name of the candidate's own place ("the Gaza City hospital"): it says where the
    # facility is, not which one it is.
    soft: bool


@dataclass(frozen=True, slots=True)
class MatchKey:
    """A candidate reduced to what the merge rules compare."""

    candidate_id: int
    document_id: int
    names: Mapping[str, NameKey]  # folded name -> what it is
    facility_types: frozenset[str]
    date: DateValue | None
    period: tuple[int, int] | None  # ordinals of the first and last day
    place: PlaceKey | None
    health_types: frozenset[IncidentType]
    types: tuple[IncidentType, ...]
    year_only: bool  # dated to a year at best: too coarse for the place rule
    published: int | None  # ordinal of the report's publication date, if known


def place_key(place: PlaceValue | None) -> PlaceKey | None:
    if place is None:
        return None
    label = place.resolved or place.name
    return PlaceKey(label, normalise_facility_name(label), place.country_code, place.precision,
                    place.latitude, place.longitude, place.precision in FINE_PLACES)


def match_key(candidate: Candidate, aliases: Mapping[str, str] | None = None) -> MatchKey:
    """Reduce a candidate to its :class:`MatchKey`; ``aliases`` maps folded names to a
    canonical folded name (e.g. an analyst's "M10" -> "sakhour")."""
    incident = candidate.incident
    names: dict[str, NameKey] = {}
    places = _place_names(incident.place)
    for facility in incident.facilities:
        if facility.name:
            folded = normalise_facility_name(facility.name, facility.is_code_name)
            if aliases:
                folded = aliases.get(folded, folded)
            code = folded.isupper()
            core = folded if code else name_core(folded)
            if core:  # "the Maternity Hospital" names a kind of facility, not one
                names.setdefault(folded, NameKey(facility.facility_type, facility.name, core,
                                                 code, not code and core in places))
    date = incident.date
    period = None
    if date is not None:
        lo, hi = date_period(date)
        period = (lo.toordinal(), hi.toordinal())
    types = tuple(dict.fromkeys([incident.incident_type, *incident.types]))
    return MatchKey(
        candidate_id=candidate.candidate_id,
        document_id=candidate.document_id,
        names=names,
        facility_types=frozenset(f.facility_type for f in incident.facilities),
        date=date,
        period=period,
        place=place_key(incident.place),
        health_types=frozenset(t for t in types if t in HEALTH_CARE_TYPES),
        types=types,
        year_only=date is not None and date.precision is DatePrecision.YEAR,
        published=candidate.published.toordinal() if candidate.published else None,
    )


def _place_names(place: PlaceValue | None) -> frozenset[str]:
    """The candidate's place folded as facility names are: "Mrauk U General Hospital" in
    Mrauk U is the town's hospital, named for its town."""
    if place is None:
        return frozenset()
    written = (place.name, place.resolved, place.admin1, place.country)
    return frozenset(name_core(facility_name_key(w)) for w in written if w)
