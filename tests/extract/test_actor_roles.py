"""Actors named in another role than the perpetrator's: holders of a place, victims,
parties helped, responders; and the forms of actors a monitor reads as such."""

from __future__ import annotations

import pytest

from carewatch.extract.actors import find_actors
from carewatch.model import ActorType
from carewatch.resolve.actors import assign_actor_types, primary_actor
from carewatch.text import Context


def named(text: str) -> list[str]:
    return [a.name for a in find_actors(Context(text)) if a.basis == "text"]


def found(text: str) -> list[tuple[str, str]]:
    return [(a.name, a.actor_type.value) for a in find_actors(Context(text))]


@pytest.mark.parametrize(
    "text",
    [
        "Shelling hit a clinic in a town held by the RSF.",
        "A clinic in an RSF-controlled district was shelled.",
        "Mortars struck a hospital in RSF-held territory.",
        "An air strike hit a clinic in an area under Houthi control.",
        "A field hospital in areas under the control of the SDF was shelled.",
        "A clinic belonging to the KIA was damaged in an air strike.",
    ],
)
def test_who_holds_or_runs_the_place_is_not_the_perpetrator(text: str) -> None:
    assert named(text) == []


def test_an_occupier_named_in_passing_is_not_who_attacked() -> None:
    text = "A school occupied by soldiers since May was shelled by rebels."
    assert named(text) == ["rebels"]


def test_who_occupied_the_facility_did_attack_it() -> None:
    assert named("The health centre was occupied by soldiers for a week.") == ["soldiers"]


def test_armed_men_belonging_to_a_group_are_that_group() -> None:
    assert named("Armed men belonging to the RSF looted the pharmacy.") == ["Armed men", "RSF"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two soldiers guarding the vaccination team were killed by gunmen.", ["gunmen"]),
        ("Three police officers were wounded when militants attacked the clinic.", ["militants"]),
        ("The blast killed two police officers at the hospital gate.", []),
        ("Protesters killed by troops were brought to the clinic.", ["troops"]),
        ("A doctor shot dead outside his clinic was buried on Sunday.", []),
        ("A nurse was mistaken for a militia member and wounded by soldiers.", ["soldiers"]),
    ],
)
def test_victims_are_not_perpetrators(text: str, expected: list[str]) -> None:
    assert named(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army closed the clinic, accusing its doctor of supporting the PDF.", ["The army"]),
        ("Soldiers raided the hospital for treating wounded Fano fighters.", ["Soldiers"]),
    ],
)
def test_those_the_victims_were_said_to_help_are_not_perpetrators(text: str, expected: list[str]) -> None:
    assert named(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A nurse was punched at the clinic. Police later arrested the attacker.",
        "A pharmacy was robbed. The suspects were arrested by police.",
        "Two women were arrested by police for assaulting a vaccinator.",
        "The kidnapped doctor was rescued by the army after two days.",
        "A bomb left at the clinic gate was defused by soldiers.",
    ],
)
def test_those_who_respond_to_the_attack_are_not_perpetrators(text: str) -> None:
    assert named(text) == []


def test_an_arrest_of_the_attacker_is_no_arrest_of_health_workers() -> None:
    # No perpetrator by the arrest convention: the visitor is the one who attacked.
    text = "A paramedic was slapped by a visitor. The man was later detained."
    assert [a.actor_type for a in find_actors(Context(text))] == [ActorType.CIVILIAN]


def test_an_arrest_of_health_workers_is_still_attributed_by_convention() -> None:
    actors = find_actors(Context("Two nurses were arrested at the hospital."))
    assert [(a.normalised, a.basis) for a in actors] == [("security forces", "convention")]


@pytest.mark.parametrize(
    "text",
    [
        "The clinic was shelled by anti-Houthi forces.",
        "A dispensary was hit during the Israel-Hamas war.",
    ],
)
def test_the_enemy_of_a_group_and_a_war_s_name_are_not_that_group(text: str) -> None:
    assert named(text) == []


def test_anti_government_forces_are_an_armed_group() -> None:
    assert found("The clinic was shelled by anti-government forces.") == [
        ("anti-government forces", "non_state_armed_group")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A nurse was stabbed by a man outside the clinic.", [("a man", "civilian")]),
        ("A woman slapped the midwife at the clinic.", [("A woman", "civilian")]),
        ("A doctor was harassed by her colleague.", [("her colleague", "civilian")]),
        ("A patient was beaten by a nurse on the ward.", [("a nurse", "civilian")]),
        ("A vaccinator was beaten by a drunk patient.", [("a drunk patient", "civilian")]),
        ("Three people assaulted a nurse at the gate.", [("Three people", "civilian")]),
        ("A clinic was stormed by around 2,000 youths.", [("youths", "civilian")]),
    ],
)
def test_private_persons_named_as_the_doer_are_civilians(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(text) == expected


def test_a_health_worker_is_the_doer_only_after_by() -> None:
    assert named("A nurse was injured in the blast.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Health workers were detained by Sudan police.", ActorType.POLICE),
        ("A surgeon was taken by Russia's Federal Security Service.", ActorType.POLICE),
        ("A clinic was raided by the Sham Liberation Army.", ActorType.NON_STATE_GROUP),
        ("Two vaccinators died in a Taliban-planted mine blast.", ActorType.NON_STATE_GROUP),
        ("An ambulance was hit by a Tigrayan soldiers' rocket.", ActorType.NON_STATE_GROUP),
        ("The health post was looted by SPLA-IO fighters.", ActorType.NON_STATE_GROUP),
        ("The clinic was looted by pro-government militias.", ActorType.NON_STATE_GROUP),
        ("A suicide bomber struck the hospital gate.", ActorType.NON_STATE_GROUP),
        ("Staff were threatened by an armed clan militia.", ActorType.NON_STATE_GROUP),
        ("A nurse was detained by the military police.", ActorType.POLICE),
        ("The clinic's store was burned by members of ISIL-KP.", ActorType.NON_STATE_GROUP),
        ("Two vaccinators were killed by a roadside bomb planted by IS.", ActorType.NON_STATE_GROUP),
    ],
)
def test_more_forms_of_actors(text: str, expected: ActorType) -> None:
    actors = find_actors(Context(text))
    assert actors and actors[0].actor_type is expected


def test_a_state_s_fixed_wing_aircraft_name_its_forces() -> None:
    actors = find_actors(Context("Syrian fixed-wing aircraft bombed the field hospital."))
    assert [(a.name, a.country_code) for a in actors] == [("Syrian", "SYR")]


def test_a_strike_of_a_state_s_origin_names_that_state() -> None:
    actors = find_actors(Context("A missile of Russian origin hit the clinic."))
    assert [(a.name, a.country_code) for a in actors] == [("Russian", "RUS")]


def test_military_use_of_a_facility_names_no_actor() -> None:
    assert named("A clinic was taken over and used for military purposes.") == []


def test_eritrean_forces_where_no_country_is_named_are_foreign() -> None:
    actors = assign_actor_types(find_actors(Context("Eritrean soldiers looted the clinic.")), None)
    chosen = primary_actor(actors)
    assert chosen is not None and chosen.actor_type is ActorType.FOREIGN_FORCES


def test_a_staff_sit_in_is_the_staff_s_own_act() -> None:
    actors = find_actors(Context("Junior doctors staged a sit-in over unpaid wages."))
    assert [(a.actor_type, a.basis) for a in actors] == [(ActorType.CIVILIAN, "convention")]

