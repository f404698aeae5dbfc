"""Whether a place lies in an area: the one rule the registry, linking and situation share.

An area is a place name resolved with the gazetteer (:func:`~carewatch.resolve.places.resolve_place`).
Something with a place (a facility, a stored incident, a situation fact) is in the area when

1. its country differs from the area's: never (when both are known);
2. the area is a country: its country is the area's;
3. its resolved place name, or its first-level region for an area that is one, is the
   area's resolved name (folded as the gazetteer folds names: "Halab" ~ "Ḩalab");
4. both have coordinates and they lie within the radius for the area's precision:
   ``RADIUS_KM`` below (a city with its suburbs, a province). Coordinates of a place are
   those of the gazetteer entry, so this mostly catches suburbs and spellings rule 3 misses.

An area name the gazetteer does not know matches places written the same way only.
The gazetteer knows cities, not their districts: "east Aleppo" resolves to Aleppo, so the
east and west of a city cannot be told apart by this rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model import PlacePrecision, PlaceValue
from ..resolve.gazetteer import name_key
from ..resolve.places import resolve_place

# Distance from the area's coordinates within which a place counts as inside it.
RADIUS_KM: dict[PlacePrecision, float] = {
    PlacePrecision.POINT: 2.0,
    PlacePrecision.CITY: 20.0,
    PlacePrecision.ADMIN1: 150.0,
}
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Area:
    """An area as asked for (``name``) and as the gazetteer resolved it (``place``)."""

    name: str
    place: PlaceValue | None

    @classmethod
    def resolve(cls, name: str, country_code: str | None = None) -> Area:
        return cls(name, resolve_place(name, country_code))

    @classmethod
    def of_place(cls, place: PlaceValue) -> Area:
        return cls(place.name, place if place.resolved or place.latitude is not None else None)

    @property
    def label(self) -> str:
        if self.place is None or not self.place.resolved:
            return self.name
        country = self.place.country
        resolved = self.place.resolved
        return f"{resolved}, {country}" if country and country != resolved else resolved

    def describe_rule(self) -> str:
        """The matching rule as applied to this area, in words, for the picture's readers."""
        if self.place is None:
            return f"places written {self.name!r} (the gazetteer does not know this name)"
        precision = self.place.precision
        if precision is PlacePrecision.COUNTRY:
            return f"places in {self.label} (country code {self.place.country_code})"
        radius = RADIUS_KM.get(precision)
        within = f" or within {radius:g} km of its coordinates" if radius is not None else ""
        return f"places resolved to {self.place.resolved!r} ({precision.value}){within}"

    def contains(
        self,
        place_name: str | None,
        country_code: str | None = None,
        latitude: float | None = None,
        longitude: float | None = None,
        admin1: str | None = None,
    ) -> bool:
        """Whether a place (its resolved name, country, coordinates) lies in this area."""
        area = self.place
        if area is None:
            return place_name is not None and name_key(place_name) == name_key(self.name)
        if area.country_code and country_code and area.country_code != country_code:
            return False
        if area.precision is PlacePrecision.COUNTRY:
            return bool(area.country_code) and area.country_code == country_code
        keys = {name_key(n) for n in (area.resolved, area.name) if n}
        if place_name is not None and name_key(place_name) in keys:
            return True
        if area.precision is PlacePrecision.ADMIN1 and admin1 and name_key(admin1) in keys:
            return True
        radius = RADIUS_KM.get(area.precision)
        if radius is None or None in (area.latitude, area.longitude, latitude, longitude):
            return False
        assert area.latitude is not None and area.longitude is not None
        assert latitude is not None and longitude is not None
        return distance_km(area.latitude, area.longitude, latitude, longitude) <= radius

    def contains_place(self, place: PlaceValue | None) -> bool:
        if place is None:
            return False
        return self.contains(
            place.resolved or place.name,
            place.country_code,
            place.latitude,
            place.longitude,
            place.admin1,
        )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))
