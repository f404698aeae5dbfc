"""Facility damage the coders count: stated, implied by a heavy-weapon attack, or done to a
part of the facility; and what is not damage to the facility."""

from __future__ import annotations

import pytest

import carewatch
from carewatch.evaluate import predicted_facility_hit
from carewatch.extract.facilities import find_facilities
from carewatch.extract.impacts import find_impacts
from carewatch.text import Context


def effects(text: str) -> set[tuple[str, str]]:
    ctx = Context(text)
    return {(i.effect, i.item) for i in find_impacts(ctx, find_facilities(ctx))}


def facility_hit(text: str) -> bool:
    return predicted_facility_hit(carewatch.extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "The district hospital was rendered inoperable by repeated air raids.",
        "The clinic was knocked out of service by rocket fire on Monday night.",
        "On Friday a rural clinic was put out of action by artillery fire.",
    ],
)
def test_a_facility_disabled_by_force_was_damaged(text: str) -> None:
    assert ("damaged", "facility") in effects(text)
    assert facility_hit(text)


@pytest.mark.parametrize(
    "text",
    [
        "The health centre was targeted with rockets fired from across the river.",
        "A maternity hospital was fired upon by tanks overnight.",
        "Militants attacked the clinic with grenades before dawn.",
        "A nurse was wounded when an IED exploded inside the dispensary.",
    ],
)
def test_a_heavy_weapon_attack_on_a_facility_damaged_it(text: str) -> None:
    assert facility_hit(text)


@pytest.mark.parametrize(
    "text",
    [
        "The hospital was surrounded by tanks, trapping the patients inside.",
        "A mortar round landed in the car park of the clinic.",
        "The hospital was evacuated after a bomb threat; no explosives were found.",
        "A bomb went off at the gate of the health centre. No damage was reported.",
        "The clinic kept working despite the shelling of the town.",
        "Rockets hit the town near the hospital.",
    ],
)
def test_attacks_that_did_not_strike_the_facility_are_not_damage(text: str) -> None:
    assert not facility_hit(text)


def test_a_denied_effect_is_no_effect() -> None:
    text = "A grenade exploded in the street. There was no damage to the hospital."
    assert ("damaged", "facility") not in effects(text)


@pytest.mark.parametrize(
    "text",
    [
        "The clinic's maternity ward was hit by a shell.",
        "The second floor of the hospital was destroyed in the strike.",
        "The hospital's radiology department was damaged by shrapnel.",
    ],
)
def test_damage_to_a_part_of_a_facility_is_damage_to_the_facility(text: str) -> None:
    assert ("damaged", "facility") in effects(text)


@pytest.mark.parametrize(
    "text",
    [
        "Settlers threw stones at an ambulance and smashed its rear window.",
        "The windscreen and side window of the ambulance were shattered by gunfire.",
        "Two vehicles belonging to the clinic were damaged by shelling.",
        "Two health posts were raided and their medical equipment destroyed.",
    ],
)
def test_damage_to_what_a_facility_owns_or_contains_is_not_damage_to_it(text: str) -> None:
    assert not facility_hit(text)


def test_a_later_clause_with_its_own_subject_keeps_its_effect() -> None:
    text = "Three clinics were looted and nearby homes burned by the gunmen."
    assert ("destroyed", "facility") not in effects(text)


@pytest.mark.parametrize(
    "text",
    [
        "A blood transfusion station was damaged by shelling.",
        "A forensic centre was hit by a missile.",
        "Gunmen ransacked the health centre and took its medicines.",
        "A Red Crescent warehouse was burned down.",
    ],
)
def test_more_facilities_and_acts_of_damage(text: str) -> None:
    assert facility_hit(text)


@pytest.mark.parametrize(
    "text",
    [
        "A nurse was raped by soldiers at the health post.",
        "The district hospital was used as a military outpost for a month.",
        "The vaccination campaign was halted by the police for two days.",
    ],
)
def test_attacks_on_health_care_without_casualties_or_damage_are_detected(text: str) -> None:
    assert carewatch.extract(text).health_care_incidents


@pytest.mark.parametrize(
    "text",
    [
        "A clinic, the village school, a grain store and two shops were burned down by raiders.",
        "An ambulance, a mobile clinic, and a market were torched during the assault.",
        "A shell fell inside the health centre during the fighting near the river.",
        "Rioters torched a rapid COVID-19 testing centre near the stadium last night.",
    ],
)
def test_damage_reaches_listed_subjects_and_falling_shells(text: str) -> None:
    assert facility_hit(text)


@pytest.mark.parametrize(
    "text",
    [
        "A clinic near the market, which soldiers had occupied, and the shops were destroyed.",
        "A clinic stayed open while the school and the shops that lined the road were burned down.",
    ],
)
def test_a_list_with_its_own_verb_is_not_the_facility_subject(text: str) -> None:
    assert not facility_hit(text)
