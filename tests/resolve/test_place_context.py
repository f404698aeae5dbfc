"""Datelines, speakers' bases, nationality words and the report's country.

Sentences written for the test, none from a published report.
"""

from __future__ import annotations

import re

import pytest

from carewatch.resolve.place_context import dateline_span, find_demonyms, is_speaker_base
from carewatch.resolve.places import read_places
from carewatch.text import Context


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("GAZIANTEP, Turkey (Reuters) - Air strikes hit a clinic.", "GAZIANTEP, Turkey (Reuters)"),
        ("Geneva, 3 May 2024 – The WHO said a clinic was hit.", "Geneva, 3 May 2024"),
        ("WASHINGTON — An air strike hit a clinic.", "WASHINGTON"),
        ("NAIROBI, Kenya, June 5 (AP) — Gunmen attacked a clinic.", "NAIROBI, Kenya, June 5 (AP)"),
        ("Beirut/Geneva (ICRC) – An ambulance was hit.", "Beirut/Geneva (ICRC)"),
        ("Brussels/Jerusalem – MSF said a clinic was hit.", "Brussels/Jerusalem"),
        ("GENEVA (12 March 2024) – A hospital was struck.", "GENEVA (12 March 2024)"),
        ("Clinic shelled in the north\n\nAmman\n\nA hospital was bombed.", "Amman"),
        ("MSF UK, London – A hospital was bombed on Saturday.", "MSF UK, London"),
    ],
)
def test_datelines(text: str, dateline: str) -> None:
    span = dateline_span(text)
    assert span is not None and text[span[0] : span[1]] == dateline


@pytest.mark.parametrize(
    "text",
    [
        "Air strikes hit two hospitals in Aleppo - a doctor said.",
        "Two Hospitals Hit In Aleppo Air Strike – Monitor",
        "April 2021: In Manzini district, a clinic was looted.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert dateline_span(text) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("a spokesperson in Geneva said", "Geneva"),
        ("she told reporters in Nairobi on Monday", "Nairobi"),
        ("speaking to the press from Amman", "Amman"),
        ("the charity, headquartered in Brussels, said", "Brussels"),
        ("Gaziantep-based doctors said", "Gaziantep"),
        ("the head of its office in Kabul said", "Kabul"),
        ("Ana Ruiz from Madrid was among the dead", "Madrid"),
    ],
)
def test_speakers_bases(text: str, place: str) -> None:
    start = text.index(place)
    assert is_speaker_base(text, start, start + len(place))


def test_a_place_where_something_happened_is_no_speakers_base() -> None:
    text = "Shelling hit a clinic in Kherson, the ministry said."
    start = text.index("Kherson")
    assert not is_speaker_base(text, start, start + len("Kherson"))


def demonyms(text: str) -> list[str]:
    found = list(re.finditer(r"[\w'-]+", text))
    words, starts = [m.group() for m in found], [m.start() for m in found]
    return [d.country_code for d in find_demonyms(text, words, starts)]


def test_nationality_words_of_people_and_places_count() -> None:
    assert demonyms("Syrian doctors and South Sudanese villages") == ["SYR", "SSD"]
    assert demonyms("the Syrian Arab Red Crescent said") == ["SYR"]


def test_nationality_words_of_attackers_and_organisations_do_not() -> None:
    assert demonyms("Russian shelling and Israeli forces hit it") == []
    assert demonyms("the Norwegian Refugee Council said") == []


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("GAZIANTEP, Turkey (Reuters) - Syrian medics said a clinic was hit.", "SYR"),
        ("GENEVA - A clinic in Homs was shelled, a spokesperson in Geneva said.", "SYR"),
        ("The Gaza Health Ministry said a clinic was hit.", "PSE"),
        ("KHARTOUM, Sudan - Gunmen stormed a hospital.", "SDN"),
        (("Menu | Charlottesville news | Harvey threatens refineries | BEIRUT (Reuters) - "
         "A hospital in Idlib province, Syria, was bombed. Strikes also hit Idlib province."),
         "SYR"),
    ],
)
def test_the_reports_country(text: str, country: str) -> None:
    assert read_places(Context(text)).country == country


def test_ambiguous_names_lean_to_the_reports_country_but_not_on_a_single_hint() -> None:
    def codes(text: str) -> list[str | None]:
        return [p.country_code for p in read_places(Context(text)).places]

    assert codes("Strikes hit Tripoli, in northern Lebanon.") == ["LBN", "LBN"]
    # One word about a region of Russia does not move Ukraine's Donetsk there.
    assert codes("In Donetsk oblast, a nurse was hurt by a man from a Russian region.") == ["UKR"]


def test_a_small_foreign_town_in_a_report_about_another_country_is_a_namesake() -> None:
    text = ("In Borno state, Nigeria, gunmen attacked a clinic in Rann on Monday. Aid workers "
            "in Maiduguri said the clinic in Rann was the only one left.")
    rann = [p for p in read_places(Context(text)).places if p.name == "Rann"]
    assert rann and {p.country_code for p in rann} == {"NGA"}
    assert all(p.latitude is None for p in rann)  # where exactly, the gazetteer cannot say


def test_a_reading_is_made_once_per_context() -> None:
    ctx = Context("A clinic in Homs was shelled.")
    assert read_places(ctx) is read_places(ctx)


def test_a_speakers_forename_is_no_town() -> None:
    from carewatch.resolve.places import find_places
    from carewatch.text import Context

    for text in ("A spokesman, Ahmad Sweid, said five people died.",
                 "Five people died, said Ahmad Sweid.",
                 "Ahmad Sweid, a rescuer, said five people died.",
                 "Five people died, said Fatima Ahmad.",
                 "Fatima Ahmad said five people died."):
        assert [p.name for p in find_places(Context(text))] == [], text
