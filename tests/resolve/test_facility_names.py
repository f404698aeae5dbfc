"""carewatch.resolve.facility_names: the one key the merge and the registry compare names on.

The names are invented, in the forms real reports use.
"""

from __future__ import annotations

import pytest

from carewatch.data_files import load_json
from carewatch.facilities.registry import facility_key
from carewatch.merge import normalise_facility_name
from carewatch.resolve.facility_names import facility_name_key, name_core


@pytest.mark.parametrize(
    "spellings",
    [
        # Apostrophes of every kind: ASCII, U+2019, U+2018, U+02BC, a backtick.
        ["Saint Brigid's Hospital", "Saint Brigid\u2019s Hospital", "Saint Brigid\u2018s hospital",
         "SAINT BRIGID\u02bcS HOSPITAL", "Saint Brigid`s"],
        # Ayin and hamza marks, and their absence.
        ["Ma\u02bfrouf Clinic", "Ma'rouf clinic", "Ma\u02bcruf", "Maruf Clinic"],
        # Arabic articles, joined or apart, and sun letters.
        ["Ed-Dhahir Hospital", "Dhahir Hospital", "ad-Dhahir", "AL DHAHIR MEDICAL COMPLEX"],
        ["ash-Shifaa Hospital", "al-Shifa medical complex", "Shifa"],
        # Accents and case.
        ["H\u00f4pital Ibn S\u012bn\u0101", "hopital ibn sina", "HOPITAL IBN SINA"],
        # Transliteration: doubled letters, "ou"/"oo"/"u", "kh"/"h", a final "h".
        ["Al-Nour Hospital", "al Noor hospital", "Nur"],
        ["Okhmatdyt Hospital", "Ohmatdyt hospital"],
        ["Al-Awdah Hospital", "Al Awda"],
    ],
)
def test_spellings_of_one_name_share_one_key(spellings: list[str]) -> None:
    keys = {facility_name_key(name) for name in spellings}
    assert len(keys) == 1, keys
    assert keys != {""}


def test_the_registry_and_the_merge_use_the_same_key() -> None:
    for name in ["Ed-Dhahir Hospital", "Children\u02bcs Hospital of Tallbrook", "M-10", "Quds"]:
        assert facility_key(name) == normalise_facility_name(name) == facility_name_key(name)


def test_code_names_are_exact_and_digits_never_fold() -> None:
    assert facility_name_key("M10 hospital") == facility_name_key("M-10", True) == "M10"
    assert len({facility_name_key(n, True) for n in ["M1", "M11", "M10", "M100"]}) == 4


def test_generic_nouns_name_nothing() -> None:
    assert facility_name_key("the Health Centre") == ""
    assert facility_name_key("Medical complex") == ""


def test_descriptors_tell_a_towns_facilities_apart_but_name_none_alone() -> None:
    maternity = facility_name_key("Tallbrook Maternity Hospital")
    national = facility_name_key("Tallbrook National Hospital")
    assert maternity != national
    assert name_core(maternity) == name_core(national) == facility_name_key("Tallbrook")
    assert name_core(facility_name_key("Maternity Hospital")) == ""
    assert name_core(facility_name_key("Children\u2019s Hospital")) == ""


def test_an_organisation_runs_a_facility_but_does_not_name_it() -> None:
    assert name_core(facility_name_key("MSF-supported hospital")) == ""
    assert name_core(facility_name_key("SAMS hospital")) == ""
    assert name_core(facility_name_key("MSF-supported Al-Noor Hospital")) == "nur"


def test_the_data_file_has_its_shape() -> None:
    data = load_json("facility_names.json")
    assert isinstance(data["apostrophes"], str) and "\u2019" in data["apostrophes"]
    assert isinstance(data["separators"], str) and "-" in data["separators"]
    for key in ("connectors", "generic", "descriptors"):
        words = data[key]
        assert words and all(isinstance(w, str) and w == w.lower() and " " not in w for w in words)
    assert not set(data["generic"]) & set(data["descriptors"])
