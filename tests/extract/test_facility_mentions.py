"""Facility names in the forms reports use, and words that describe a facility without
naming it."""

from __future__ import annotations

import pytest

from carewatch.extract.facilities import find_facilities
from carewatch.extract.facility_names import corefer
from carewatch.model import FacilityMention
from carewatch.text import Context


def mentions(text: str) -> list[FacilityMention]:
    found = find_facilities(Context(text))
    for mention in found:
        assert mention.span is not None
        assert text[mention.span.start : mention.span.end] == mention.span.text
    return found


def names(text: str) -> dict[str, str]:
    return {m.name: m.facility_type for m in mentions(text) if m.name}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Armed men burned the Mbau district hospital on Monday.", "Mbau district hospital", "hospital"),
        ("The Wadi Salam field hospital was hit by an airstrike.", "Wadi Salam field hospital", "hospital"),
        ("The Gardez trauma centre run by an aid group was bombed.", "Gardez trauma centre", "hospital"),
        ("Gunmen looted the hospital centre of Mbau before setting it on fire.", "hospital centre of Mbau", "hospital"),
        ("Shells landed on the Rafi Maternity in the night.", "Rafi Maternity", "hospital"),
        ("Gunmen fired on the Institut d'Études Médicales hospital.", "Institut d'Études Médicales hospital", "hospital"),
    ],
)
def test_names_with_the_words_that_describe_the_facility(text: str, name: str, kind: str) -> None:
    assert names(text) == {name: kind}


def test_the_kind_of_care_given_names_no_facility() -> None:
    found = mentions("Assailants attacked an Ebola treatment centre in the town.")
    assert [(m.name, m.facility_type) for m in found] == [(None, "health_centre")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nurse Killed In Strike On Al Noor Hospital", "Al Noor Hospital"),
        ("Airstrike Destroys Tal Hamra Hospital", "Tal Hamra Hospital"),
        ("An airstrike hit the NGO-supported Kiri Health Centre.", "Kiri Health Centre"),
        ("Rescuers searched the Children's Hospital Ronda after the strike.", "Children's Hospital Ronda"),
    ],
)
def test_a_name_without_the_words_around_it(text: str, name: str) -> None:
    assert set(names(text)) == {name}


@pytest.mark.parametrize(
    "text",
    [
        "Shelling hit the Children's Hospital on Monday.",
        "Strike hits Sudan hospital, five dead",
        "Airstrike hits Ukraine maternity hospital",
        "A missile struck the General Hospital in the city.",
        "Patients were sent on to the Paediatric Hospital.",
    ],
)
def test_words_that_describe_a_facility_are_no_name(text: str) -> None:
    assert names(text) == {}
    assert [m.facility_type for m in mentions(text)] == ["hospital"]


def one_name_each(text: str) -> set[str | None]:
    return {m.name for m in corefer(mentions(text), prefer=lambda m: True)}


def test_one_facility_has_one_name_in_a_report() -> None:
    text = "Shells hit Kiri Hospital on Monday. Kiri general hospital was closed the next day."
    assert one_name_each(text) == {"Kiri Hospital"}


def test_the_plain_apostrophe_spelling_of_a_name_is_kept() -> None:
    text = "A missile hit the Ronda children\u02bcs hospital. Staff at the Ronda children's hospital fled."
    assert one_name_each(text) == {"Ronda children's hospital"}


def test_the_form_a_report_uses_most_is_kept() -> None:
    text = ("Jets hit the Tarin general hospital. The Tarin hospital lost power; the Tarin "
            "hospital's director said staff had fled.")
    assert one_name_each(text) == {"Tarin hospital"}


def test_code_names_paired_under_one_article_in_a_sentence_about_hospitals() -> None:
    text = "Only four hospitals still work now that the M4 and M9 have been put out of service."
    assert set(names(text)) == {"M4", "M9"}


def test_code_names_of_roads_stay_roads() -> None:
    assert names("A hospital near the M4 and M5 highways was shelled.") == {}


def test_a_list_of_descriptors_names_no_facilities() -> None:
    assert names("Patients were redirected to the Paediatric and Teaching hospitals.") == {}
