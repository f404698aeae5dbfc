"""Coarsening a place to what a role may see: the district for partners, the first
administrative level for the public (as WHO's Surveillance System for Attacks on Health
Care publishes it)."""

from __future__ import annotations

from typing import Any

from ..model import PlacePrecision
from ..resolve.gazetteer import gazetteer, name_key

# 0.1 degree is about 11 km: the size of a district, too coarse to pick out a building.
PARTNER_DECIMALS = 1
# The areas a partner may be shown by name, finest first.
PARTNER_PRECISIONS = (PlacePrecision.CITY, PlacePrecision.ADMIN1, PlacePrecision.COUNTRY)


def partner_coordinates(place: dict[str, Any] | None) -> tuple[float | None, float | None]:
    if not place or place.get("latitude") is None or place.get("longitude") is None:
        return None, None
    return (round(float(place["latitude"]), PARTNER_DECIMALS),
            round(float(place["longitude"]), PARTNER_DECIMALS))


def partner_place_name(place: dict[str, Any] | None) -> str | None:
    """The gazetteer's name of the area (a city at most), never the words as written,
    which may name a street or a building."""
    if not place:
        return None
    if place.get("precision") == PlacePrecision.POINT.value:
        return place.get("admin1") or place.get("country")
    return place.get("resolved") or place.get("admin1") or place.get("country")


def partner_place_correction(corrected: str, place: dict[str, Any] | None) -> str | None:
    """An analyst's corrected place as a partner may see it, coarsened as the extractor's
    place is: the gazetteer's name of the finest area it names (a city at most, in the
    incident's country where one is), never the words as typed, which may name a street
    or a building; the incident's own area when the gazetteer knows none of them."""
    country = (place or {}).get("country_code")
    areas = []
    for part in corrected.split(","):  # "Rimal Street, Gaza City"
        for candidate in gazetteer().lookup(name_key(part.strip())):
            entry = candidate.entry
            if candidate.exact_case not in (None, part.strip()) or entry.needs_country:
                continue
            if entry.precision in PARTNER_PRECISIONS:
                areas.append(entry)
    areas = [e for e in areas if e.country_code == country] or areas
    if not areas:
        return partner_place_name(place)
    finest = min(areas, key=lambda e: (PARTNER_PRECISIONS.index(e.precision), -e.population))
    return finest.name


def public_area(place: dict[str, Any] | None) -> tuple[str | None, float | None, float | None]:
    """The first-level subdivision (or, failing that, the country) and its centre."""
    if not place:
        return None, None, None
    code = place.get("country_code")
    admin1 = place.get("admin1")
    if place.get("precision") == PlacePrecision.ADMIN1.value:
        admin1 = admin1 or place.get("resolved")
    if admin1 and code:
        for candidate in gazetteer().lookup(name_key(admin1)):
            entry = candidate.entry
            if entry.precision is PlacePrecision.ADMIN1 and entry.country_code == code:
                return admin1, entry.latitude, entry.longitude
    country = gazetteer().countries.get(code) if code else None
    if country is None:
        return admin1, None, None
    return admin1, country.latitude, country.longitude
