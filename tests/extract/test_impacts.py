"""find_impacts: damage to facilities and the services a strike put out of action."""

from __future__ import annotations

import pytest

from carewatch.extract.facilities import find_facilities
from carewatch.extract.impacts import find_impacts
from carewatch.model import Impact
from carewatch.text import Context


def impacts(text: str) -> list[Impact]:
    ctx = Context(text)
    found = find_impacts(ctx, find_facilities(ctx))
    for impact in found:
        assert impact.span is not None
        assert text[impact.span.start : impact.span.end] == impact.span.text
    return found


def effects(text: str) -> set[tuple[str, str]]:
    return {(i.effect, i.item) for i in impacts(text)}


ICU_REPORT = (
    "M10's intensive care unit is out of service, and water storage units and generators "
    "were damaged."
)


def test_a_lost_service_and_damaged_infrastructure() -> None:
    assert effects(ICU_REPORT) == {
        ("out_of_service", "icu"),
        ("damaged", "water"),
        ("damaged", "generators"),
    }
    [icu] = [i for i in impacts(ICU_REPORT) if i.item == "icu"]
    assert icu.target == "M10"
    assert icu.span is not None and "out of service" in icu.span.text


def test_impacts_tie_to_the_named_hospital_they_belong_to() -> None:
    text = "The hospitals are called M10 and M2 by local medics. " + ICU_REPORT
    found = impacts(text)
    assert {(i.effect, i.item, i.target) for i in found} >= {
        ("out_of_service", "icu", "M10"),
        ("damaged", "water", "M10"),
        ("damaged", "generators", "M10"),
    }
    assert not any(i.target == "M2" for i in found)


@pytest.mark.parametrize(
    ("text", "effect", "item", "facility_type", "count"),
    [
        ("Two ambulances were destroyed.", "destroyed", "transport", "ambulance", 2),
        ("The hospital was destroyed.", "destroyed", "facility", "hospital", 1),
        ("The shelling damaged the clinic as well as a nearby school.", "damaged", "facility", "clinic", 1),
        (
            "Two out of four emergency response centres were destroyed in direct hits.",
            "destroyed", "facility", "emergency_response_centre", 2,
        ),
    ],
)
def test_damage_to_facilities_and_vehicles(
    text: str, effect: str, item: str, facility_type: str, count: int
) -> None:
    [impact] = impacts(text)
    assert (impact.effect, impact.item, impact.facility_type, impact.count) == (
        effect, item, facility_type, count,
    )


def test_as_well_as_carries_the_effect_to_the_second_facility() -> None:
    text = (
        "Two out of four emergency response centres were destroyed last week in direct hits, "
        "as well as two ambulances."
    )
    found = {(i.effect, i.item, i.facility_type, i.count) for i in impacts(text)}
    assert found == {
        ("destroyed", "facility", "emergency_response_centre", 2),
        ("destroyed", "transport", "ambulance", 2),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Doctors treated the wounded as well as they could.",
        "The shelling damaged the clinic as well as a nearby school.",
        "Nurses worked as well as they could through the night.",
    ],
)
def test_as_well_as_is_not_a_water_well(text: str) -> None:
    assert not any(i.item == "water" for i in impacts(text))


@pytest.mark.parametrize(
    ("text", "effect", "item"),
    [
        ("The hospital's generators were destroyed.", "destroyed", "generators"),
        ("The strike knocked the hospital's power supply out of service.", "out_of_service", "power"),
        ("The clinic's roof was damaged.", "damaged", "building"),
    ],
)
def test_infrastructure_of_a_facility(text: str, effect: str, item: str) -> None:
    assert (effect, item) in effects(text)


def test_a_service_still_working_is_not_an_impact() -> None:
    found = effects("The hospital was struck, but its emergency room is still working.")
    assert ("damaged", "facility") in found
    assert not any(item == "emergency_unit" for _, item in found)


def test_no_effect_word_no_impact() -> None:
    assert impacts("The hospital has an intensive care unit and two generators.") == []


def test_the_verb_for_the_ambulances_does_not_destroy_the_ward() -> None:
    text = "The blast shattered the windows of the maternity ward and destroyed two ambulances."
    found = {(i.effect, i.item, i.facility_type, i.count) for i in impacts(text)}
    assert ("destroyed", "transport", "ambulance", 2) in found
    assert not any(effect == "destroyed" and item == "facility" for effect, item, _, _ in found)
