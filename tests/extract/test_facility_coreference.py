"""One facility under the several names a report gives it; organisations and towns before
"hospital" are no names; a toll told twice is one toll."""

from __future__ import annotations

import datetime as dt

import pytest

import carewatch
from carewatch.extract.facility_names import distinctive_words, is_no_name

PUBLISHED = dt.date(2024, 3, 12)


def named_facilities(text: str) -> list[list[str | None]]:
    incidents = carewatch.extract(text, published=PUBLISHED).health_care_incidents
    return [[f.name for f in i.facilities if f.facility_type == "hospital"] for i in incidents]


def test_a_short_name_and_a_full_name_are_one_hospital() -> None:
    text = ("Shelling hit the Al-Rahma Teaching Maternity Hospital in Kassala on Monday, killing "
            "two nurses. The Al-Rahma Hospital had been evacuated the week before, staff said.")
    [[name]] = named_facilities(text)
    assert name is not None and name.startswith("Al-Rahma")


def test_a_title_case_headline_does_not_make_a_second_hospital() -> None:
    text = ("Drone Strike Hits Al-Furat Hospital In Northern Town\n\n"
            "A drone struck the Al-Furat hospital on Sunday, wounding four patients, the local "
            "health department said.")
    assert len(named_facilities(text)) == 1


@pytest.mark.parametrize("descriptor", ["MSF's hospital", "the ICRC hospital", "the SAMS-supported hospital"])
def test_an_organisation_before_hospital_names_no_second_hospital(descriptor: str) -> None:
    text = (f"An air strike hit the Bani Saad hospital on Monday, killing five patients. "
            f"{descriptor[0].upper() + descriptor[1:]} had given its coordinates to all parties.")
    assert named_facilities(text) == [["Bani Saad hospital"]]


def test_two_hospitals_with_different_names_stay_two() -> None:
    text = ("Jets bombed the Maternity Hospital of Sarmada and the Al-Amal Hospital on Sunday, "
            "killing three patients.")
    assert len(named_facilities(text)) == 2


@pytest.mark.parametrize(
    ("name", "places", "expected"),
    [("MSF's", frozenset(), True), ("ICRC", frozenset(), True), ("SAMS-supported", frozenset(), True),
     ("Gaza City", frozenset({"gaza city"}), True), ("Gaza City", frozenset(), False),
     ("Al-Salam", frozenset(), False), ("Idlib Maternity", frozenset({"idlib"}), False)],
)
def test_is_no_name(name: str, places: frozenset[str], expected: bool) -> None:
    assert is_no_name(name, places) is expected


def test_distinctive_words_fold_articles_and_kind_words() -> None:
    assert distinctive_words("Al-Quds Hospital") == distinctive_words("al Quds medical centre")


def test_a_toll_told_again_in_another_sentence_is_counted_once() -> None:
    text = ("An air strike hit the Al-Kindi hospital in Deir Hafer on Tuesday, killing at least 11 "
            "people, the health directorate said. At least 11 people were killed and dozens "
            "wounded, according to the directorate.")
    [incident] = carewatch.extract(text, published=PUBLISHED).health_care_incidents
    killed = [f for f in incident.casualties if f.kind.value == "killed"]
    assert [f.count for f in killed] == [11]


def test_two_people_named_one_by_one_are_two() -> None:
    text = ("A nurse was shot dead at the clinic gate on Monday. Later that day, a nurse was shot "
            "dead in the clinic's yard.")
    incidents = carewatch.extract(text, published=PUBLISHED).health_care_incidents
    killed = [f.count for i in incidents for f in i.casualties if f.kind.value == "killed"]
    assert sum(killed) == 2
