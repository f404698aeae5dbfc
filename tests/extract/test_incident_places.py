"""An incident's place: where the attack happened, not where the report was filed.

Every sentence here is written for the test; none comes from a published report.
"""

from __future__ import annotations

import pytest

from carewatch.extract import get_extractor
from carewatch.model import PlacePrecision


def incident_place(text: str) -> tuple[str | None, str | None]:
    """(the place's name as written, its country) for the report's first incident."""
    extraction = get_extractor().extract(text)
    assert extraction.incidents, text
    place = extraction.incidents[0].place
    return (place.name, place.country_code) if place else (None, None)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # Datelines in their usual forms are where the story was filed.
        (("GAZIANTEP, Turkey (Reuters) - Air strikes hit two hospitals in rebel-held eastern "
         "Aleppo on Wednesday, killing two patients, a doctor said."), "eastern Aleppo", "SYR"),
        (("GENEVA - The WHO said a clinic in Tawila, North Darfur, was shelled on Monday, "
         "killing a nurse."), "Tawila", "SDN"),
        (("WASHINGTON — An air strike destroyed a clinic in Saada province on Sunday, the "
         "State Department said."), "Saada province", "YEM"),
        (("NAIROBI, Kenya, June 5 (AP) — Gunmen attacked a health centre in Bor, Jonglei "
         "State, killing two nurses, officials said."), "Bor", "SSD"),
        (("Beirut/Geneva (ICRC) – An ambulance was hit by shelling near Douma on Tuesday, "
         "killing a volunteer paramedic."), "Douma", "SYR"),
        (("GENEVA (12 March 2024) – A hospital in Khan Younis was struck on Monday, the UN "
         "human rights office said."), "Khan Younis", "PSE"),
        (("Brussels/Kabul – Gunmen stormed a maternity clinic in Kunduz on Saturday, killing "
         "a midwife."), "Kunduz", "AFG"),
        (("Geneva, 3 May 2024 – Armed men attacked a health post in Kidal on Thursday, "
         "killing a nurse, the WHO said."), "Kidal", "MLI"),
        ("Amman\n\nA hospital in Daraa was bombed on Thursday, killing four patients.",
         "Daraa", "SYR"),
        ("BEIRUT (Reuters) - A rocket hit a clinic in Tyre on Friday, wounding two nurses.",
         "Tyre", "LBN"),
        # Where a speaker is based, or where a person comes from, is not where it happened.
        (("A spokesperson in Geneva said a clinic in Marib was shelled on Monday, wounding "
         "a doctor."), "Marib", "YEM"),
        (("Shelling hit a hospital in Kherson on Tuesday, killing a nurse, a UN official "
         "told reporters in New York."), "Kherson", "UKR"),
        ("A doctor based in Gaziantep said barrel bombs hit a clinic in Idlib on Sunday.",
         "Idlib", "SYR"),
        (("Gunmen shot dead a nurse in Bunia on Monday; she was Maria Lopez from Madrid, the "
         "charity said."), "Bunia", "COD"),
        # Ambiguous names go to the country the report is about.
        ("Syrian doctors said a field hospital in Homs was hit by air strikes on Sunday.",
         "Homs", "SYR"),
        (("In Lebanon, an Israeli strike hit an ambulance in Tripoli on Tuesday, killing a "
         "paramedic."), "Tripoli", "LBN"),
        ("A clinic in Tripoli was shelled on Monday, wounding three health workers.",
         "Tripoli", "LBY"),
        # A facility named after its town is in that town.
        ("Armed men stormed the Kunduz Trauma Centre on Saturday, killing three staff.",
         "Kunduz", "AFG"),
        # Towns the gazetteer does not list, named as towns.
        (("Gunmen looted the health centre in the village of Wunlam, Unity State, on "
         "Friday."), "Wunlam", "SSD"),
        (("A hospital in the rebel-held town of Kafr Batna in Rif Dimashq was bombed on "
         "Monday, killing a surgeon."), "Kafr Batna", "SYR"),
    ],
)
def test_the_attacks_place(text: str, name: str, country: str) -> None:
    assert incident_place(text) == (name, country)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # An organisation's home gives the report's country, not the attack's town.
        ("The Aleppo Medical Association said a clinic was struck by barrel bombs on Monday.",
         "SYR"),
        (("Gunmen attacked a hospital on Tuesday, killing a guard, the Gaza Health Ministry "
         "said."), "PSE"),
        # Nationality words of the people hit point to the country.
        ("Sudanese doctors said a hospital was shelled on Monday, killing two nurses.", "SDN"),
    ],
)
def test_the_reports_country_without_a_town(text: str, country: str) -> None:
    extraction = get_extractor().extract(text)
    place = extraction.incidents[0].place
    assert place is not None and place.precision is PlacePrecision.COUNTRY
    assert place.country_code == country


def test_a_dateline_city_is_the_place_when_the_text_names_no_other() -> None:
    assert incident_place(
        "KHARTOUM, Sudan — Gunmen stormed a hospital on Monday, killing a doctor."
    ) == ("KHARTOUM", "SDN")


def test_a_dateline_outside_the_conflict_never_gives_the_country() -> None:
    text = ("GAZIANTEP, Turkey (Reuters) - Air strikes hit the M4 and M7 hospitals on "
            "Wednesday, putting both out of service, Syrian medics said.")
    countries = {i.place.country_code if i.place else None
                 for i in get_extractor().extract(text).incidents}
    assert countries == {"SYR"}


def test_an_attacker_named_by_nationality_is_not_the_place() -> None:
    # "Russian shelling" says who, not where: no place rather than Russia.
    assert incident_place("A maternity ward was damaged by Russian shelling on Monday.") == (
        None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Medics at the Medina hospital were attacked by soldiers on Sunday.",
        "A doctor was shot dead in Africa's Sahel on Monday.",
        "Gunmen abducted two nurses from a clinic on Nov. 3, police said.",
        "A hospital was stormed by the Democratic Forces for the Liberation of Rwanda.",
        "The attack on the ambulance broke the Geneva Conventions, the charity said.",
    ],
)
def test_common_words_and_names_are_no_place(text: str) -> None:
    assert incident_place(text) == (None, None)


def test_a_hospital_named_for_another_city_is_not_there() -> None:
    text = ("Israeli strikes hit the Al-Quds hospital in Gaza City on Friday, the Palestine "
            "Red Crescent said.")
    assert incident_place(text) == ("Gaza City", "PSE")


def test_each_item_of_a_brief_takes_its_sections_country() -> None:
    text = (
        "Burkina Faso\n\n"
        "4 May 2021: In Solhan village, a dispensary was set on fire by armed men.\n\n"
        "Cameroon\n\n"
        "9 May 2021: In Batibo, gunmen abducted two nurses from the district hospital.\n"
    )
    places = [i.place for i in get_extractor().extract(text).incidents]
    assert [(p.name, p.country_code) if p else None for p in places] == [
        ("Solhan", "BFA"), ("Batibo", "CMR")]
