"""The words English has for health workers, injuries and abductions, not only the
commonest: each noun and verb below is read in a sentence of the simplest shape."""

from __future__ import annotations

import pytest

from carewatch.extract.casualties import find_figures
from carewatch.model import FigureKind, VictimGroup
from carewatch.text import Context

HEALTH_WORKERS = VictimGroup.HEALTH_WORKERS


def coded(text: str) -> list[tuple[FigureKind, int, VictimGroup]]:
    return sorted((f.kind, f.count, f.victim_group) for f in find_figures(Context(text)))


@pytest.mark.parametrize(
    "noun",
    [
        "nurse",
        "midwife",
        "surgeon",
        "paramedic",
        "pharmacist",
        "lab technician",
        "vaccinator",
        "community health worker",
        "CHW",
        "first aider",
        "Red Crescent volunteer",
        "ambulance driver",
        "ambulance crew member",
        "medical student",
        "carer",
        "stretcher bearer",
        "nurse aide",
        "radiographer",
        "clinical officer",
        "health promoter",
        "EMT",
        "accountant at the hospital",
    ],
)
def test_a_health_worker_of_any_trade_is_a_health_worker(noun: str) -> None:
    article = "An" if noun[0].lower() in "aeiou" else "A"
    assert coded(f"{article} {noun} was wounded.") == [(FigureKind.INJURED, 1, HEALTH_WORKERS)]


@pytest.mark.parametrize(
    "verb",
    [
        "injured",
        "wounded",
        "hurt",
        "hit by shrapnel",
        "beaten",
        "assaulted",
        "stabbed",
        "shot in the leg",
        "tortured",
        "ill-treated",
        "roughed up",
        "clubbed",
        "knifed",
        "stoned",
    ],
)
def test_each_way_of_saying_injured(verb: str) -> None:
    assert coded(f"Two nurses were {verb} near the clinic.") == [
        (FigureKind.INJURED, 2, HEALTH_WORKERS)
    ]


@pytest.mark.parametrize(
    "verb",
    [
        "were abducted",
        "were kidnapped",
        "were taken hostage",
        "were taken captive",
        "were held for ransom",
        "were captured by gunmen",
        "were carried off by gunmen",
        "were seized by militants",
        "were held as prisoners by an armed group",
    ],
)
def test_each_way_of_saying_kidnapped(verb: str) -> None:
    assert coded(f"Three vaccinators {verb}.") == [(FigureKind.KIDNAPPED, 3, HEALTH_WORKERS)]


@pytest.mark.parametrize(
    "text",
    [
        "The explosion claimed the lives of two nurses.",
        "Two nurses perished when the ward collapsed.",
        "The strike left two nurses dead.",
        "Two nurses lost their lives in the shelling.",
    ],
)
def test_each_way_of_saying_killed(text: str) -> None:
    assert coded(text) == [(FigureKind.KILLED, 2, HEALTH_WORKERS)]


def test_injuries_caused_to_people_are_their_injuries() -> None:
    assert coded("Tear gas fired into the ward caused injuries to three nurses.") == [
        (FigureKind.INJURED, 3, HEALTH_WORKERS)
    ]


def test_seized_things_are_no_abduction() -> None:
    assert coded("Two nurses were arrested and their vehicle seized by soldiers.") == [
        (FigureKind.ARRESTED, 2, HEALTH_WORKERS)
    ]
