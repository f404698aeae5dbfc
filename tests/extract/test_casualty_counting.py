"""find_figures counting each health worker once: the same victims named again, words
that look like victims but are not ("a volunteer ambulance", "2021 Nurses"), and group
nouns."""

from __future__ import annotations

import pytest

from carewatch.extract.casualties import find_figures
from carewatch.model import FigureKind, VictimGroup
from carewatch.text import Context

INJURED, KILLED = FigureKind.INJURED, FigureKind.KILLED


def health_workers(text: str, kind: FigureKind = INJURED) -> int:
    return sum(f.count for f in find_figures(Context(text))
               if f.kind is kind and f.victim_group is VictimGroup.HEALTH_WORKERS)


@pytest.mark.parametrize(
    "text",
    [
        "A midwife was stabbed outside the clinic. The midwife was badly hurt.",
        "A dentist was beaten at a checkpoint. Witnesses said the soldiers injured the dentist.",
        "Militiamen assaulted a pharmacist in the market. The pharmacist suffered a broken wrist.",
    ],
)
def test_the_same_victim_named_again_is_counted_once(text: str) -> None:
    assert health_workers(text) == 1


def test_a_plural_named_again_without_a_number_is_the_same_group() -> None:
    text = ("Seven nurses were wounded by rubber bullets at the march. "
            "Witnesses said nurses were wounded while helping protesters.")
    assert health_workers(text) == 7


@pytest.mark.parametrize(
    "text",
    [
        "March 2024 Nurses were beaten by police at the gate.",
        "In 2019 doctors were beaten by a crowd outside the clinic.",
    ],
)
def test_a_year_is_no_count(text: str) -> None:
    assert health_workers(text) == 2


@pytest.mark.parametrize(
    "text",
    [
        "A clearly marked volunteer ambulance was shot at, injuring a paramedic.",
        "A nurses hostel was attacked and a paramedic was injured.",
    ],
)
def test_a_personnel_word_naming_a_thing_is_no_victim(text: str) -> None:
    assert health_workers(text) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The house of a surgeon was attacked by a mob.",
        "The family of a midwife was attacked at night.",
    ],
)
def test_what_belongs_to_a_health_worker_is_not_the_health_worker(text: str) -> None:
    assert health_workers(text) == 0


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        ("A vaccination team of five was attacked by a crowd.", INJURED, 5),
        ("A three-person health team was kidnapped on the road.", FigureKind.KIDNAPPED, 3),
    ],
)
def test_a_team_of_a_given_size(text: str, kind: FigureKind, count: int) -> None:
    assert health_workers(text, kind) == count


@pytest.mark.parametrize(
    "text",
    [
        "A midwife was shot dead and her Somali colleague was wounded.",
        "The mob then beat the duty nurse in the corridor.",
        "A rocket struck the clinic, wounding the facility's director.",
        "The surgical ward head was stabbed by a visitor.",
        "The head of paediatrics was beaten by police.",
        "A driver was killed and a responder was wounded near the camp clinic.",
        "A health worker was hit by rubber-coated bullets during the raid.",
    ],
)
def test_more_ways_to_name_an_injured_health_worker(text: str) -> None:
    assert health_workers(text) == 1


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Twelve vaccinators were attacked by villagers with sticks, injuring three.", 3),
        ("Nurses were attacked at the gate, and two were wounded by stones.", 2),
    ],
)
def test_the_injured_of_an_attacked_group_are_those_counted(text: str, count: int) -> None:
    assert health_workers(text) == count


def test_the_speaker_after_a_list_of_victims_is_no_victim() -> None:
    text = "A rocket hit the health post, killing three midwives, the post's head nurse told reporters."
    assert health_workers(text, KILLED) == 3


@pytest.mark.parametrize("text", [
    "The head of the history department was beaten by students at a secondary school.",
    "A department head at the ministry of finance was injured by a hand grenade.",
])
def test_a_head_of_department_outside_health_care_is_no_health_worker(text: str) -> None:
    assert health_workers(text) == 0
