"""find_figures on who was hurt: denials in a later sentence, what is not an injury,
participles and asides around the victims."""

from __future__ import annotations

import pytest

from carewatch.extract.casualties import find_figures
from carewatch.model import FigureKind, VictimGroup
from carewatch.text import Context

KILLED, INJURED = FigureKind.KILLED, FigureKind.INJURED
KIDNAPPED, ARRESTED = FigureKind.KIDNAPPED, FigureKind.ARRESTED
HEALTH_WORKERS, PATIENTS = VictimGroup.HEALTH_WORKERS, VictimGroup.PATIENTS


def health_workers(text: str, kind: FigureKind) -> int:
    return sum(f.count for f in find_figures(Context(text))
               if f.kind is kind and f.victim_group is HEALTH_WORKERS)


@pytest.mark.parametrize(
    "text",
    [
        "Vaccinators were attacked at their camp by youths. No injuries were reported.",
        "A midwife was assaulted by a visitor at the maternity ward. The midwife was unhurt.",
        "A nursing team was targeted by gunmen near the river. Nobody was hurt.",
    ],
)
def test_a_later_denial_undoes_an_attack(text: str) -> None:
    assert health_workers(text, INJURED) == 0


def test_a_later_denial_leaves_a_stated_injury() -> None:
    text = "Two midwives were attacked and stabbed at the gate. The driver was unhurt."
    assert health_workers(text, INJURED) == 2


def test_sexual_assault_is_no_injury() -> None:
    assert health_workers("A midwife was sexually assaulted by a guard at the camp.", INJURED) == 0


def test_a_victim_named_after_health_workers_is_one_of_them() -> None:
    text = "Fifteen nurses were abducted from the ward by militia. One victim was beaten."
    assert health_workers(text, INJURED) == 1


def test_an_aside_between_subject_and_verb_holds_no_subject() -> None:
    text = "Twelve surgeons (among them a retired teacher) were abducted by the militia."
    assert health_workers(text, KIDNAPPED) == 12


def test_a_participle_object_is_not_the_subject() -> None:
    assert health_workers("A nurse treating patients was killed in the raid.", KILLED) == 1
    assert health_workers("A soldier escorting vaccinators was wounded in the ambush.", INJURED) == 0
    assert health_workers("Soldiers guarding two vaccinators were shot in the ambush.", INJURED) == 0
    # An adjective in -ing is no participle with an object.
    assert health_workers("Protesting doctors were beaten by police.", INJURED) == 2
    assert health_workers("Three people, one being a nurse, were detained at the border.", ARRESTED) == 1


def test_death_threats_kill_no_one() -> None:
    assert health_workers("Midwives staffing the helpline received death threats.", KILLED) == 0


def test_an_unspecified_number_is_more_than_one() -> None:
    text = "Shelling struck the clinic, wounding an unspecified number of nurses."
    assert health_workers(text, INJURED) == 2


def test_the_owners_of_a_house_counted_are_not_its_victims() -> None:
    assert health_workers("The residence of three midwives was hit by a grenade.", INJURED) == 0


def test_but_keeps_the_subject() -> None:
    text = "A pharmacist was abducted by bandits. The pharmacist escaped but suffered a broken arm."
    assert health_workers(text, INJURED) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A driver and nurse were beaten at the gate of the clinic.", 2),
        ("An elderly man and midwife were wounded by shrapnel.", 1),
    ],
)
def test_a_singular_noun_joined_to_a_counted_one(text: str, expected: int) -> None:
    assert health_workers(text, INJURED) == expected
