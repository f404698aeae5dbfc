"""Facility damage a report implies: a blast inside the facility, an assault on troops
holding it, an air force's attack, a fire or broken windows; and "impacted" that only
means affected."""

from __future__ import annotations

import pytest

import carewatch
from carewatch.evaluate import predicted_facility_hit


def facility_hit(text: str) -> bool:
    return predicted_facility_hit(carewatch.extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "Three nurses were wounded inside a district clinic during a drone strike.",
        "An explosion of unknown origin went off inside a rural pharmacy, wounding the owner.",
        "Two orderlies were hurt inside the town hospital by mortar shells.",
    ],
)
def test_a_munition_that_went_off_inside_the_facility_damaged_it(text: str) -> None:
    assert facility_hit(text)


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers in tanks surrounded a hospital while hundreds of patients were still inside the hospital.",
        "Police threw stun grenades inside a clinic to disperse protesters.",
    ],
)
def test_platforms_around_a_facility_and_crowd_control_rounds_are_not_blasts_inside(text: str) -> None:
    assert not facility_hit(text)


@pytest.mark.parametrize(
    "text",
    [
        "A hospital was attacked by rebel fighters who were targeting government soldiers inside.",
        "A health centre was attacked by militia because army troops were stationed there.",
    ],
)
def test_an_assault_on_troops_holding_a_facility_damaged_it(text: str) -> None:
    assert facility_hit(text)


def test_troops_targeted_nearby_leave_the_facility_a_near_miss() -> None:
    assert not facility_hit("A clinic was attacked by rebels targeting army positions nearby.")


def test_an_attack_by_an_air_force_is_an_air_attack() -> None:
    assert facility_hit("A rural health centre was attacked by the national air force at night.")


def test_a_misspelt_struck_by_shells_is_a_hit() -> None:
    assert facility_hit("The medical store of a district hospital was stuck by artillery shells.")


@pytest.mark.parametrize(
    "text",
    [
        "A health post was impacted by violence.",
        "Fighting impacted a regional hospital for a week.",
        "Violence impacted a primary health centre.",
    ],
)
def test_impacted_by_violence_means_affected_not_hit(text: str) -> None:
    assert not facility_hit(text)


def test_impacted_by_heavy_weapons_is_a_hit() -> None:
    assert facility_hit("A health post was impacted by violence with heavy weapons.")


@pytest.mark.parametrize(
    "text",
    [
        "Rioters stormed a vaccination centre, breaking its windows.",
        "Five patients died in a fire at a district clinic after an arson attack.",
        "A humanitarian warehouse was burned down by a rocket attack.",
    ],
)
def test_fire_broken_windows_and_aid_warehouses(text: str) -> None:
    assert facility_hit(text)


def test_breaking_down_a_door_to_get_in_is_entry_not_damage() -> None:
    assert not facility_hit("Soldiers raided a health workers' union office, breaking down the door.")


@pytest.mark.parametrize(
    "text",
    [
        "Mortar rounds landed near a district clinic, damaging medical equipment.",
        "Structural damage was caused by two missiles that exploded near the regional hospital.",
    ],
)
def test_a_near_miss_that_caused_damage_to_the_facility(text: str) -> None:
    assert facility_hit(text)
