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
