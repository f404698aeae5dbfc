"""find_figures on the ways reports tell a fate: later sentences, care for the wounded,
colleagues, and injuries named by what was done."""

from __future__ import annotations

import pytest

from carewatch.extract.casualties import find_figures
from carewatch.model import FigureKind, VictimGroup
from carewatch.text import Context

KILLED, INJURED = FigureKind.KILLED, FigureKind.INJURED
KIDNAPPED, ARRESTED = FigureKind.KIDNAPPED, FigureKind.ARRESTED
HEALTH_WORKERS = VictimGroup.HEALTH_WORKERS


def coded(text: str) -> list[tuple[FigureKind, int, VictimGroup]]:
    return sorted((f.kind, f.count, f.victim_group) for f in find_figures(Context(text)))


def health_workers(text: str, kind: FigureKind) -> int:
    return sum(f.count for f in find_figures(Context(text))
               if f.kind is kind and f.victim_group is HEALTH_WORKERS)


def test_a_relative_clause_ends_with_its_own_verb() -> None:
    text = "A midwife employed by a charity was killed and three others wounded on the road."
    assert coded(text) == [(INJURED, 3, HEALTH_WORKERS), (KILLED, 1, HEALTH_WORKERS)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Gunmen abducted a pharmacist at the clinic. The victim was beaten before his release.", INJURED),
        ("A surgeon was abducted on the road. He was released days later with a gunshot wound to the arm.", INJURED),
        ("A nurse was kidnapped by bandits. She was found in a critical condition near the river.", INJURED),
        ("A paramedic was abducted by gunmen. He was later arrested by the police on his return.", ARRESTED),
    ],
)
def test_a_later_sentence_tells_the_victims_fate(text: str, kind: FigureKind) -> None:
    assert health_workers(text, kind) == 1
    assert health_workers(text, KILLED) == 0


def test_one_unharmed_among_several_leaves_the_others_hurt() -> None:
    text = "Two midwives were detained at a checkpoint; one sustained head injuries and one was unhurt."
    assert health_workers(text, INJURED) == 1


def test_everyone_unharmed_is_no_injury() -> None:
    assert health_workers("Three vaccinators were attacked but escaped unhurt.", INJURED) == 0


@pytest.mark.parametrize(
    "text",
    [
        "Two nurses were subjected to violence by a crowd outside the clinic.",
        "Two nurses were sprayed with acid by a passer-by.",
        "Two nurses suffered a broken wrist and bruises after the raid.",
        "Two nurses were hit by relatives of a patient.",
    ],
)
def test_injuries_named_by_what_was_done(text: str) -> None:
    assert health_workers(text, INJURED) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Police stopped two doctors from treating wounded demonstrators at the gate.",
        "The militia took a surgeon away to care for injured fighters.",
    ],
)
def test_the_wounded_in_care_are_not_the_carers(text: str) -> None:
    assert health_workers(text, INJURED) == 0


def test_a_colleague_shares_the_victims_group() -> None:
    text = "A pharmacist was shot dead and his colleague was wounded at the health post."
    assert coded(text) == [(INJURED, 1, HEALTH_WORKERS), (KILLED, 1, HEALTH_WORKERS)]


def test_a_colleague_of_nobody_known_is_no_health_worker() -> None:
    assert health_workers("A trader was robbed and his colleague was wounded.", INJURED) == 0


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A midwife was kiled by unknown gunmen.", KILLED),
        ("A midwife was injureed by shrapnel.", INJURED),
        ("A midwife was abbducted from the clinic.", KIDNAPPED),
        ("A midwife was killedand her driver escaped.", KILLED),
    ],
)
def test_a_doubled_or_missing_letter_is_forgiven(text: str, kind: FigureKind) -> None:
    assert health_workers(text, kind) == 1


@pytest.mark.parametrize(
    "text",
    ["The nurses filled the ward with beds.", "A detainee was seen by the nurse.", "Nurses should shoot the video."],
)
def test_real_words_near_a_casualty_verb_are_not_misspellings(text: str) -> None:
    assert find_figures(Context(text)) == []


@pytest.mark.parametrize(
    ("text", "kidnapped"),
    [
        ("A clinic car and its nurse were seized by ADF militants near the river.", 1),
        ("Two paramedics were taken by an armed group at a roadblock.", 2),
        # Taken to hospital, or a thing taken, is no abduction.
        ("A wounded midwife was taken to hospital by gunmen who had shot her.", 0),
        ("A doctor was shot dead and his motorbike was taken by bandits.", 0),
        ("A nurse was taken by car to the district clinic.", 0),
    ],
)
def test_taken_by_an_armed_group_is_an_abduction(text: str, kidnapped: int) -> None:
    assert health_workers(text, FigureKind.KIDNAPPED) == kidnapped
