"""Actors named in another role than the perpetrator's: holders of a place, victims,
parties helped, responders; and the forms of actors a monitor reads as such."""

from __future__ import annotations

import pytest

from carewatch.extract.actors import find_actors
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
