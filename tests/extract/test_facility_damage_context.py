"""Facility damage read from the rest of the report: where a blast landed, whose building a
window belongs to, what a participle damaged; and facility words for care institutions and
health offices."""

from __future__ import annotations

import pytest

import carewatch
from carewatch.evaluate import predicted_facility_hit


def facility_hit(text: str) -> bool:
    return predicted_facility_hit(carewatch.extract(text))


def test_a_hyphenated_hand_grenade_is_a_heavy_weapon() -> None:
    assert facility_hit("Gunmen attacked a rural clinic with a hand-grenade at dawn.")


def test_explosives_planted_but_not_set_off_did_no_damage() -> None:
    assert not facility_hit("A hospital was found to have explosives planted in its basement.")


@pytest.mark.parametrize(
    "text",
    [
        "A clinic was attacked with mortars. The rounds landed in the garden.",
        "A health centre was attacked with a grenade thrown in front of its entrance.",
    ],
)
def test_a_blast_the_report_puts_outside_implies_no_damage(text: str) -> None:
    assert not facility_hit(text)


def test_a_blast_outside_still_counts_where_the_report_speaks_of_damage() -> None:
    assert facility_hit("A health centre was targeted by rockets, which landed in front of it. Damage was minor.")


@pytest.mark.parametrize(
    "text",
    [
        "A nurse was wounded when a shell hit the roof of her house.",
        "A stray bullet struck the door of a paramedic's home.",
    ],
)
def test_the_windows_and_doors_of_a_home_are_not_a_facility(text: str) -> None:
    assert not facility_hit(text)


def test_a_participle_with_its_own_object_damaged_that_object() -> None:
    assert not facility_hit("Gunmen opened fire at a clinic, damaging an ambulance parked outside.")
    assert facility_hit("Gunmen opened fire at a clinic, damaging it.")


def test_a_long_list_shares_coordinated_predicates() -> None:
    assert facility_hit(
        "A clinic, a primary school, the town hall and many of the shops nearby were looted and damaged."
    )


def test_a_participle_phrase_between_facility_and_attack_keeps_the_subject() -> None:
    assert facility_hit("A health post occupied by government troops was attacked with drones.")


@pytest.mark.parametrize(
    "text",
    [
        "A health office was hit by an airstrike.",
        "A health NGO's office was set on fire.",
        "The offices of the Red Cross were damaged by shelling.",
        "A home for children with disabilities was damaged by artillery.",
    ],
)
def test_care_institutions_and_health_offices_are_facilities(text: str) -> None:
    assert facility_hit(text)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen looted a previously burned clinic on the outskirts of the town.",
        "A hospital which had already been put out of service by earlier fighting was raided by militia.",
    ],
)
def test_damage_told_as_the_facility_history_is_not_this_incident(text: str) -> None:
    assert not facility_hit(text)


def test_a_strike_placed_at_a_distance_missed_the_facility() -> None:
    assert not facility_hit("A clinic was hit by a rocket two hundred metres from its gate.")


def test_damage_named_despite_the_distance_still_counts() -> None:
    assert facility_hit("A health centre was damaged by a car bomb that exploded 80 m away.")


@pytest.mark.parametrize(
    "text",
    [
        "A crowd vandalised and set fire to tyres accusing hospital management of neglect.",
        "Clinic vehicles were burned by the militia.",
    ],
)
def test_a_facility_word_modifying_people_or_vehicles_is_not_the_facility(text: str) -> None:
    assert not facility_hit(text)


@pytest.mark.parametrize(
    "text",
    [
        "Unknown men set fire to a coronavirus quarantine centre at night.",
        "Soldiers destroyed an Ebola screening post at the border crossing.",
        "A coronavirus-screening post was destroyed by the crowd.",
    ],
)
def test_quarantine_centres_and_screening_posts_are_not_care_facilities(text: str) -> None:
    assert not facility_hit(text)


def test_an_attack_on_a_screening_post_is_still_an_attack_on_health_care() -> None:
    assert carewatch.extract("A coronavirus-screening post was destroyed by the crowd.").health_care_incidents


def test_an_isolation_centre_is_still_a_care_facility() -> None:
    assert facility_hit("Unknown men set fire to a cholera isolation centre at night.")
