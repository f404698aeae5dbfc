"""A running total is not the attack's own toll: the cue must be in the figure's clause."""

from __future__ import annotations

import pytest

from carewatch.extract.casualties import find_figures
from carewatch.model import FigureKind, FigureScope, VictimGroup
from carewatch.text import Context

CAMPAIGN, INCIDENT = FigureScope.CAMPAIGN, FigureScope.INCIDENT
HEALTH_WORKERS = VictimGroup.HEALTH_WORKERS


def scoped(text: str) -> list[tuple[FigureKind, int, VictimGroup, FigureScope]]:
    return sorted((f.kind, f.count, f.victim_group, f.scope) for f in find_figures(Context(text)))


@pytest.mark.parametrize(
    "text",
    [
        "Since the war began, 600 health workers have been killed.",
        "So far this year 150 health workers have been injured in attacks on clinics.",
        "At least 40 doctors have been detained since January, the union said.",
        "Over the past six months, 25 nurses were abducted across the province.",
        "To date, 90 paramedics have been wounded while on duty.",
        "Twelve vaccinators have been killed since 2019 in the region.",
        "The ministry counted 30 health workers killed in 150 attacks on health care this year.",
    ],
)
def test_a_running_total_is_a_campaign_figure(text: str) -> None:
    found = scoped(text)
    assert found and all(scope is CAMPAIGN for *_, scope in found)


@pytest.mark.parametrize(
    "text",
    [
        "A total of 15 doctors were arrested at two hospitals on Tuesday.",
        "In total, five nurses were injured when the clinic was shelled.",
        "Three nurses who have been held since March were beaten in detention.",
        "Two paramedics were killed in the offensive on the town.",
    ],
)
def test_the_attacks_own_toll_stays_with_the_incident(text: str) -> None:
    found = scoped(text)
    assert found and all(scope is INCIDENT for *_, scope in found)


def test_one_sentence_holds_the_attacks_toll_and_a_running_total() -> None:
    text = "A nurse was killed on Monday, bringing the number of health workers killed since the war began to 32."
    found = scoped(text)
    assert (FigureKind.KILLED, 1, HEALTH_WORKERS, INCIDENT) in found
    assert all(scope is CAMPAIGN for kind, count, _, scope in found if count != 1)


def test_people_included_in_a_running_total_share_its_scope() -> None:
    found = scoped("Since the fighting started, 300 people have been killed, including 20 doctors.")
    assert (FigureKind.KILLED, 20, HEALTH_WORKERS, CAMPAIGN) in found
    assert all(scope is CAMPAIGN for *_, scope in found)


def test_civilians_killed_in_the_city_over_a_week_are_not_the_attacks_toll() -> None:
    found = scoped("In the city, 40 people died this week as the siege tightened.")
    assert found and all(scope is CAMPAIGN for *_, scope in found)
