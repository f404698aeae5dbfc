"""find_figures on less common shapes of a casualty report: bodies found, casualty
adjectives, verbs sharing one object, appositions, and who counts as health staff."""

from __future__ import annotations

import pytest

from carewatch.extract.casualties import find_figures
from carewatch.model import FigureKind, VictimGroup
from carewatch.text import Context

KILLED, INJURED = FigureKind.KILLED, FigureKind.INJURED
KIDNAPPED, ARRESTED = FigureKind.KIDNAPPED, FigureKind.ARRESTED


def health_workers(text: str, kind: FigureKind) -> int:
    return sum(f.count for f in find_figures(Context(text))
               if f.kind is kind and f.victim_group is VictimGroup.HEALTH_WORKERS)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The body of a midwife was found beside the river road.", 1),
        ("The bodies of two vaccinators were later discovered in a forest.", 2),
        ("Villagers recovered the body of a nurse near the dispensary.", 1),
        ("A murdered pharmacist was found outside his shop.", 1),
    ],
)
def test_a_body_found_is_a_death(text: str, count: int) -> None:
    assert health_workers(text, KILLED) == count


def test_a_body_not_found_is_no_death() -> None:
    assert health_workers("Nurses washed the body of a patient before the burial.", KILLED) == 0


def test_a_casualty_adjective_in_what_the_attack_left() -> None:
    text = "Youths threw stones at the clinic, leaving two wounded nurses."
    assert health_workers(text, INJURED) == 2


def test_verbs_listed_before_one_object_all_take_it() -> None:
    text = "Armed men beat, stabbed and abducted a laboratory technician on the road."
    assert health_workers(text, INJURED) == 1
    assert health_workers(text, KIDNAPPED) == 1


def test_orders_to_harm_are_no_harm() -> None:
    text = "A commander told his men to shoot, kill and arrest any vaccinators."
    assert health_workers(text, KILLED) == 0


def test_a_person_named_then_said_to_be_a_health_worker() -> None:
    text = "Police searched the house and arrested the owner's son, a dentist, at dawn."
    assert health_workers(text, ARRESTED) == 1


def test_a_speaker_after_a_comma_is_no_victim() -> None:
    assert health_workers("Bandits killed the village elder, a nurse said.", KILLED) == 0


def test_the_victim_named_in_an_earlier_sentence() -> None:
    text = "A midwife cycling home was stopped by robbers. Her bag was taken. The victim was also badly injured."
    assert health_workers(text, INJURED) == 1


@pytest.mark.parametrize(
    "text",
    [
        "A specialist in cardiology was wounded by shrapnel near the hospital.",
        "A member of the district immunisation team was killed by gunmen.",
    ],
)
def test_health_workers_named_by_their_field(text: str) -> None:
    assert health_workers(text, KILLED) + health_workers(text, INJURED) == 1


def test_security_personnel_guarding_a_health_team_are_not_its_staff() -> None:
    text = "Four security personnel escorting a vaccination team were wounded by a roadside bomb."
    assert health_workers(text, INJURED) == 0


def test_a_vehicle_carrying_health_workers_is_not_one() -> None:
    assert health_workers("A helicopter conveying medical staff was shot at.", INJURED) == 0


def test_only_the_people_a_vehicle_carried_can_be_abducted() -> None:
    text = "A truck carrying a surgeon and the head of a clinic were seized and abducted by gunmen."
    assert health_workers(text, KIDNAPPED) == 2


def test_the_crowd_a_health_worker_was_among_is_not_more_health_workers() -> None:
    text = "Clinic staff were amongst 9 injured when shells hit the market."
    figures = [(f.victim_group, f.count) for f in find_figures(Context(text))
               if f.kind is FigureKind.INJURED]
    assert (VictimGroup.UNSPECIFIED, 9) in figures
    assert 1 <= health_workers(text, FigureKind.INJURED) <= 2
