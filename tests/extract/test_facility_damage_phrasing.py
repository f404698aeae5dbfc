"""Facility damage told in less direct phrasings: a pronoun, a part of the facility, a
strike nearby that caused damage, facility names the lexicon must know; and clauses that
belong to someone else."""

from __future__ import annotations

import pytest

import carewatch
from carewatch.evaluate import predicted_facility_hit


def facility_hit(text: str) -> bool:
    return predicted_facility_hit(carewatch.extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "The surgical wing of the town hospital shut its doors after it was badly damaged by rockets.",
        "Patients left the clinic when it was partly destroyed by mortar rounds.",
    ],
)
def test_a_pronoun_subject_stands_for_the_facility(text: str) -> None:
    assert facility_hit(text)


@pytest.mark.parametrize(
    "text",
    [
        "Two grenades exploded in the laundry building of the provincial hospital overnight.",
        "A mortar round exploded in the operating theatre of a field hospital.",
    ],
)
def test_an_explosion_in_a_part_of_the_facility_hit_the_facility(text: str) -> None:
    assert facility_hit(text)


@pytest.mark.parametrize(
    "text",
    [
        "Rockets landed in the vicinity of the district hospital, causing heavy damage.",
        "Artillery struck near a clinic on Sunday, causing some structural damage.",
    ],
)
def test_damage_caused_by_a_strike_nearby_counts(text: str) -> None:
    assert facility_hit(text)


def test_damage_named_as_done_to_something_else_does_not() -> None:
    assert not facility_hit("Rockets landed near the district hospital, causing damage to several shops.")


@pytest.mark.parametrize(
    "text",
    [
        "A nurse was struck by a stone whilst she was on her way to the hospital.",
        "Two men hit a paramedic in the street, accusing the clinic of turning them away.",
        "A doctor's car was bombed while he was operating at the hospital.",
    ],
)
def test_a_subordinate_clause_keeps_its_own_object(text: str) -> None:
    assert not facility_hit(text)


def test_an_unnamed_clinical_unit_belongs_to_a_facility() -> None:
    assert facility_hit("An intensive care unit was damaged by drone strikes overnight.")


def test_windows_knocked_out_are_damage_not_closure() -> None:
    assert facility_hit("A polyclinic had its windows and doors knocked out by the blast wave of a missile.")


@pytest.mark.parametrize(
    "text",
    [
        "A primary healthcare centre was destroyed in an air raid.",
        "A first aid centre was damaged by shellfire.",
        "An ICRC warehouse was damaged by a drone strike.",
        "The regional health department was damaged by a car bomb.",
        "Shelling damaged the regional centre for emergency care and disaster medicine.",
        "An emergency medical care building was damaged by shelling.",
        "A regional centre for mental health was damaged by artillery fire.",
        "A geriatric centre was damaged by mortar fire.",
        "A Civil Defence (CD) centre was destroyed by air strikes.",
        "A district hospital was pounded by artillery overnight.",
    ],
)
def test_health_premises_the_lexicon_knows(text: str) -> None:
    assert facility_hit(text)
