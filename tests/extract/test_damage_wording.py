"""How reports word damage and closure: in part, as a noun ("the destruction of"), with
bullets and blasts; a facility that stopped working; and the clauses, owners and places
that keep an effect off the facility."""

from __future__ import annotations

import pytest

from carewatch.extract.facilities import find_facilities
from carewatch.extract.impacts import find_impacts
from carewatch.text import Context


def effects(text: str) -> set[tuple[str, str]]:
    ctx = Context(text)
    return {(i.effect, i.item) for i in find_impacts(ctx, find_facilities(ctx))}


@pytest.mark.parametrize(
    "text",
    [
        "An airstrike partially destroyed the clinic on Monday.",
        "Fighters partly burned down the health centre before they left.",
        "The rockets hit the hospital, partially destroying it.",
    ],
)
def test_destruction_in_part_is_damage(text: str) -> None:
    found = effects(text)
    assert ("damaged", "facility") in found
    assert ("destroyed", "facility") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bombing led to the complete destruction of the maternity hospital.", ("destroyed", "facility")),
        ("Gunmen set fire to the clinic, reducing its main building to ashes.", ("destroyed", "building")),
        ("The walls of the clinic were riddled with bullets.", ("damaged", "building")),
        ("Soldiers slashed the tyres of the ambulance at the checkpoint.", ("damaged", "transport")),
        ("The blast blew out the windows of the health centre.", ("damaged", "building")),
    ],
)
def test_damage_in_other_words(text: str, expected: tuple[str, str]) -> None:
    assert expected in effects(text)


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("The raid led to the suspension of all activities at the hospital.", "facility"),
        ("The strike prompted the charity to close the trauma hospital.", "facility"),
        ("The clinic was looted and can no longer treat patients.", "facility"),
        ("The ambulance was damaged and unable to be driven.", "transport"),
        ("The shelling hit the town's only hospital, cutting off its water supply.", "water"),
    ],
)
def test_a_facility_or_service_that_stopped_working(text: str, item: str) -> None:
    assert ("out_of_service", item) in effects(text)


def test_a_part_destroyed_is_the_part_destroyed_and_the_facility_damaged() -> None:
    assert effects("Witnesses said a hospital wing was destroyed in the night.") == {
        ("destroyed", "building"), ("damaged", "facility")}


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        ("One of the ambulances of the hospital was destroyed in the attack.", ("destroyed", "facility")),
        ("Two mortars hit the ambulance yard of the hospital.", ("damaged", "transport")),
        ("The ward was destroyed, rubble covering the beds.", ("destroyed", "equipment")),
        ("Fighters set an ambulance on fire and looted medicines from a clinic.", ("damaged", "facility")),
        ("Rebels burned the generators and destroyed equipment in the hospital.", ("destroyed", "facility")),
        ("There was blood on the floors of the clinic, vehicles burnt out in the yard.", ("destroyed", "building")),
        ("A missile destroyed a five-storey residential building far from any clinic.", ("destroyed", "building")),
        ("The windows of their car were blown out as they left the clinic.", ("damaged", "building")),
        ("In Kaya village, Toeni department, a clinic was looted and vandalised.", ("damaged", "building")),
        ("The lab department of the hospital was hit by a shell.", ("damaged", "building")),
    ],
)
def test_an_effect_that_belongs_to_something_else(text: str, not_expected: tuple[str, str]) -> None:
    assert not_expected not in effects(text)


@pytest.mark.parametrize(
    "text",
    [
        "The hospital was damaged and forced to suspend its services.",
        "A clinic in the town was attacked, causing structural damage and a temporary cessation of services.",
        "The health centre has been partially destroyed and its provision of health services has stopped.",
        "Two hospitals were shelled and badly damaged, forcing the facilities to go out of service.",
        "The treatment centre was attacked on Sunday, forcing its suspension.",
    ],
)
def test_a_facility_that_stopped_working_after_the_attack(text: str) -> None:
    assert ("out_of_service", "facility") in effects(text)


@pytest.mark.parametrize(
    "text",
    [
        "Many health facilities in the province have closed.",
        "The district hospital serves a wide area because several other clinics had shut down.",
        "More than twenty health centres are no longer functioning after rebels took control of the area.",
        "The clinic was closed at the time because of damage from previous attacks.",
    ],
)
def test_closures_that_are_the_state_of_health_care_or_an_earlier_attack(text: str) -> None:
    assert ("out_of_service", "facility") not in effects(text)


def test_each_service_of_a_list_that_had_all_been_destroyed() -> None:
    found = effects("The hospital had an emergency room, an operating theatre and an intensive care unit that had "
                    "all been destroyed.")
    assert {("destroyed", "emergency_unit"), ("destroyed", "operating_theatre"), ("destroyed", "icu")} <= found


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        ("The hospital's main warehouse was destroyed in the attack.", ("destroyed", "building"), None),
        ("Gunmen stormed the hospital, destroying drug supplies.", None, ("destroyed", "facility")),
        ("A clinic was targeted by security forces on Monday.", None, ("damaged", "facility")),
    ],
)
def test_what_was_hit_and_what_was_not(
    text: str, expected: tuple[str, str] | None, not_expected: tuple[str, str] | None
) -> None:
    found = effects(text)
    assert expected is None or expected in found
    assert not_expected is None or not_expected not in found


def test_taken_out_of_service_is_a_closure_and_not_damage() -> None:
    found = effects("The clinic was taken out of service for the safety of its staff.")
    assert ("out_of_service", "facility") in found
    assert ("damaged", "facility") not in found


def test_an_effect_after_now_that_belongs_to_its_own_clause() -> None:
    ctx = Context("Few hospitals are still working now that the old clinic has been destroyed.")
    found = {(i.effect, i.facility_type) for i in find_impacts(ctx, find_facilities(ctx))}
    assert found == {("destroyed", "clinic")}
