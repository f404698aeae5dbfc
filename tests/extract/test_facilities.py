"""find_facilities: which health facilities and vehicles a report names, and how many."""

from __future__ import annotations

import pytest

from carewatch.extract.facilities import facility_kind, find_facilities
from carewatch.model import FacilityMention
from carewatch.text import Context


def mentions(text: str) -> list[FacilityMention]:
    found = find_facilities(Context(text))
    for mention in found:
        assert mention.span is not None
        assert text[mention.span.start : mention.span.end] == mention.span.text
    return found


def named(text: str) -> dict[str, FacilityMention]:
    return {m.name: m for m in mentions(text) if m.name}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shelling hit Al-Quds hospital overnight.", "Al-Quds hospital"),
        ("An air strike hit the Al-Quds Hospital in Aleppo.", "Al-Quds Hospital"),
        ("Gunmen raided Tet Lan Hospital on Friday.", "Tet Lan Hospital"),
    ],
)
def test_a_named_hospital_keeps_its_name(text: str, name: str) -> None:
    found = named(text)
    assert name in found
    assert found[name].facility_type == "hospital"
    assert not found[name].is_code_name


def test_code_names_confirmed_by_a_naming_phrase() -> None:
    text = "Two hospitals were hit. The hospitals are called M10 and M2 by local medics."
    found = named(text)
    assert set(found) == {"M10", "M2"}
    for mention in found.values():
        assert mention.is_code_name
        assert mention.facility_type == "hospital"
        assert mention.count == 1


def test_a_code_name_known_to_medics() -> None:
    found = named("The clinic, known to medics as H7, was shelled on Monday.")
    assert found["H7"].is_code_name
    assert found["H7"].facility_type == "clinic"


@pytest.mark.parametrize(
    "text",
    [
        "A hospital near the M4 highway was shelled.",
        "Convoys on the M4 highway were shelled.",
        "An F-16 struck the hospital.",
    ],
)
def test_road_numbers_and_aircraft_are_not_facilities(text: str) -> None:
    assert not any(m.is_code_name for m in mentions(text))


@pytest.mark.parametrize(
    ("text", "facility_type", "count"),
    [
        ("Two ambulances were destroyed.", "ambulance", 2),
        ("Three mobile clinics were looted.", "clinic", 3),
        ("Two out of four emergency response centres were destroyed.", "emergency_response_centre", 2),
        ("The strike hit a field hospital.", "hospital", 1),
        ("An ambulance was hit.", "ambulance", 1),
        ("Hospitals were shelled across the district.", "hospital", 2),
    ],
)
def test_counted_facilities(text: str, facility_type: str, count: int) -> None:
    [mention] = mentions(text)
    assert (mention.facility_type, mention.count) == (facility_type, count)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("An F-16 struck the hospital.", id="aircraft-number"),
        pytest.param("On 28 September the hospital was hit by a barrel bomb.", id="day-of-month"),
    ],
)
def test_a_number_that_does_not_count_the_facility_is_not_its_count(text: str) -> None:
    [mention] = [m for m in mentions(text) if m.facility_type == "hospital"]
    assert mention.count == 1


def test_two_kinds_of_facility_in_one_sentence() -> None:
    found = sorted((m.facility_type, m.count) for m in mentions("Two hospitals and a clinic were shelled."))
    assert found == [("clinic", 1), ("hospital", 2)]


@pytest.mark.parametrize(
    "text",
    [
        "Ambulance crews came under fire.",
        "Hospital staff fled the building.",
        "An ambulance driver was shot.",
    ],
)
def test_people_named_after_a_facility_are_not_the_facility(text: str) -> None:
    assert mentions(text) == []


@pytest.mark.parametrize(
    ("word", "kind"),
    [("Hospital", "hospital"), ("clinic", "clinic"), ("Health Centre", "health_centre"),
     ("ambulances", "ambulance"), ("pharmacy", "pharmacy")],
)
def test_facility_kind(word: str, kind: str) -> None:
    assert facility_kind(word) == kind


def test_a_name_opening_with_a_lowercase_particle() -> None:
    found = named("Israeli forces raided al-Shifa Hospital.")
    assert "al-Shifa Hospital" in found
    assert found["al-Shifa Hospital"].facility_type == "hospital"


def test_code_names_listed_before_a_facility_word_are_both_code_names() -> None:
    found = {(m.name, m.is_code_name) for m in find_facilities(Context("Jets hit the M10 and M2 hospitals."))}
    assert {("M10", True), ("M2", True)} <= found
    assert not any(name and "hospitals" in name for name, _ in found)


def test_road_numbers_listed_together_are_not_code_names() -> None:
    text = "Traffic on the M4 and M5 highways stopped near the hospital."
    assert not any(m.is_code_name for m in find_facilities(Context(text)))


@pytest.mark.parametrize(
    "text",
    [
        "Kandahar clinics were closed for a week.",
        "Two Mosul hospitals lost their generators.",
        "MSF clinics in the district were looted.",
        "Shells hit the Homs and Hama hospitals overnight.",  # both names are places
    ],
)
def test_a_place_or_an_organisation_before_a_plural_names_no_facility(text: str) -> None:
    found = mentions(text)
    assert not named(text)
    [plural] = found
    assert plural.count == 2


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Jets struck the Al-Nour and Al-Rahma hospitals.", ["Al-Nour", "Al-Rahma"]),
        ("Fighters entered the Bab Salam, Al-Iman and Dar Al-Shifa clinics.",
         ["Bab Salam", "Al-Iman", "Dar Al-Shifa"]),
        ("Power failed near Al-Nour and Al-Rahma hospitals.", ["Al-Nour", "Al-Rahma"]),
        # The place heading the sentence is where they are, not one of them.
        ("In Hama, Al-Nour and Al-Rahma hospitals lost power.", ["Al-Nour", "Al-Rahma"]),
    ],
)
def test_names_listed_before_a_plural_are_one_facility_each(text: str, names: list[str]) -> None:
    found = named(text)
    assert list(found) == names
    assert all(m.count == 1 for m in found.values())
    assert not [m for m in mentions(text) if not m.name]  # the plural word is theirs
