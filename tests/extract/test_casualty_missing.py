"""A health worker reported missing is not one reported kidnapped: the fate is unknown."""

from __future__ import annotations

import pytest

import carewatch
from carewatch.extract.casualties import find_figures
from carewatch.model import FigureKind, IncidentType, VictimGroup
from carewatch.text import Context

MISSING, KIDNAPPED, KILLED = FigureKind.MISSING, FigureKind.KIDNAPPED, FigureKind.KILLED
HEALTH_WORKERS = VictimGroup.HEALTH_WORKERS


def coded(text: str) -> list[tuple[FigureKind, int, VictimGroup]]:
    return sorted((f.kind, f.count, f.victim_group) for f in find_figures(Context(text)))


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Four health workers are missing after the attack on the clinic.", 4),
        ("Two nurses remain unaccounted for since the raid on the hospital.", 2),
        ("The whereabouts of three doctors are unknown after the hospital was stormed.", 3),
        ("A medical student went missing after the clinic was attacked.", 1),
        ("Two vaccinators were reported missing on their way back from the villages.", 2),
        ("A midwife disappeared while walking to the health post.", 1),
        ("The charity lost contact with two of its paramedics near the front line.", 2),
    ],
)
def test_missing_is_its_own_kind(text: str, count: int) -> None:
    assert coded(text) == [(MISSING, count, HEALTH_WORKERS)]


def test_people_taken_away_by_someone_are_not_missing() -> None:
    assert coded(
        "Gunmen seized two nurses and took them away; they were held captive for a week."
    ) == [(KIDNAPPED, 2, HEALTH_WORKERS)]
    assert coded("Three doctors were forcibly disappeared by an armed group.") == [
        (KIDNAPPED, 3, HEALTH_WORKERS)
    ]


def test_the_missing_found_dead_were_killed() -> None:
    text = "A nurse and a lab technician who had gone missing last week were found dead near the river."
    assert coded(text) == [(KILLED, 1, HEALTH_WORKERS), (KILLED, 1, HEALTH_WORKERS)]


def test_a_later_verb_shares_the_subject_of_a_relative_clause() -> None:
    assert coded(
        "A surgeon who was abducted from the clinic on Monday was found dead on Thursday."
    ) == [(KIDNAPPED, 1, HEALTH_WORKERS), (KILLED, 1, HEALTH_WORKERS)]


def test_health_workers_gone_missing_are_a_health_care_incident_but_no_kidnapping() -> None:
    extraction = carewatch.extract(
        "Two ambulance drivers went missing on the road to the district hospital."
    )
    [incident] = extraction.health_care_incidents
    assert IncidentType.ARREST_KIDNAP in incident.types
    assert {(f.kind, f.count) for f in incident.casualties} == {(MISSING, 2)}
