"""Place names resolved with the offline gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest

from carewatch.model import PlacePrecision
from carewatch.resolve.places import find_places, incident_country, resolve_place
from carewatch.text import Context

CITY, ADMIN1, COUNTRY, POINT = (
    PlacePrecision.CITY,
    PlacePrecision.ADMIN1,
    PlacePrecision.COUNTRY,
    PlacePrecision.POINT,
)


def places(text: str) -> list[tuple[str, str | None, PlacePrecision]]:
    return [(p.name, p.country_code, p.precision) for p in find_places(Context(text))]


@pytest.mark.parametrize(
    ("text", "name", "code", "precision"),
    [
        ("Two hospitals in besieged east Aleppo were hit.", "east Aleppo", "SYR", CITY),
        ("Strikes on eastern Aleppo continued.", "eastern Aleppo", "SYR", CITY),
        ("an officer based in Gaziantep said", "Gaziantep", "TUR", CITY),
        ("The war in Syria has killed many.", "Syria", "SYR", COUNTRY),
        ("fighting in Sudan's west", "Sudan", "SDN", COUNTRY),
        ("A clinic in Homs was shelled.", "Homs", "SYR", CITY),
        ("A clinic in Hama was shelled.", "Hama", "SYR", CITY),
        ("Strikes hit Maarat al-Numan.", "Maarat al-Numan", "SYR", CITY),
        ("Strikes hit Ma'arrat al-Nu'man.", "Ma'arrat al-Nu'man", "SYR", CITY),
        ("Strikes hit Douma.", "Douma", "SYR", CITY),
        ("In Raqqa, a hospital", "Raqqa", "SYR", CITY),
        ("In Idlib governorate, a clinic", "Idlib governorate", "SYR", ADMIN1),
        (
            "June 2022: In Al-Hol Camp, Al-Hasakah governorate.",
            "Al-Hasakah governorate",
            "SYR",
            ADMIN1,
        ),
        ("June 2022: In Al-Hol Camp, Al-Hasakah governorate.", "Al-Hol Camp", "SYR", POINT),
        ("In Khartoum state, a clinic", "Khartoum state", "SDN", ADMIN1),
        ("In Northern Shan State, schools", "Northern Shan State", "MMR", ADMIN1),
        ("damaged by IDF warplanes in the Gaza strip.", "Gaza strip", "PSE", ADMIN1),
        ("Clashes in the West Bank", "West Bank", "PSE", ADMIN1),
        ("In Jenin camp, medics", "Jenin camp", "PSE", POINT),
        ("In Aida Refugee Camp, a team", "Aida Refugee Camp", "PSE", POINT),
        ("Looting in Tigray continued", "Tigray", "ETH", ADMIN1),
        ("Attacks across Darfur", "Darfur", "SDN", ADMIN1),
        ("A hospital in Kharkiv Oblast was hit.", "Kharkiv Oblast", "UKR", ADMIN1),
        ("A health worker in Plateau State was killed.", "Plateau State", "NGA", ADMIN1),
        ("Clashes in al-Shaar neighbourhood of Aleppo", "al-Shaar", "SYR", POINT),
        ("Gains in the Old Quarter of Aleppo, Syria", "Old Quarter", "SYR", POINT),
        ("Staff of the DRC health ministry", "DRC", "COD", COUNTRY),
    ],
)
def test_place_resolves(text: str, name: str, code: str, precision: PlacePrecision) -> None:
    assert (name, code, precision) in places(text)


@pytest.mark.parametrize(
    "text",
    [
        "Syrian and Russian air strikes hit the city.",
        "Syrian American Medical Society said",
        "UK-based monitor Syrian Observatory for Human Rights said",
        "The UK and French ambassadors to the United Nations",
        "US forces withdrew.",
        "Of the six hospitals, Police said three",
        "Fighters of Boko Haram attacked",
        "She said the Mai Mai militia came",
        "The Gaza Health Ministry said",
        "it may be a protest march",
        "The UN envoy said",
        "Old Quarter residents fled",  # a curated place that needs its country named
    ],
)
def test_not_places(text: str) -> None:
    assert places(text) == []


def test_span_and_coordinates() -> None:
    text = "Two hospitals in besieged east Aleppo have been hit."
    (place,) = find_places(Context(text))
    assert place.span is not None and text[place.span.start : place.span.end] == "east Aleppo"
    assert place.resolved == "Aleppo" and place.country == "Syria"
    assert place.latitude == pytest.approx(36.2, abs=0.05)
    assert place.longitude == pytest.approx(37.16, abs=0.05)


def test_possessive_is_outside_the_span() -> None:
    (place,) = find_places(Context("Aleppo\u2019s medics said"))
    assert place.name == "Aleppo" and place.country_code == "SYR"


def test_country_named_in_text_settles_ambiguity() -> None:
    assert [code for _, code, _ in places("Strikes hit Tripoli.")] == ["LBY"]
    assert [code for _, code, _ in places("In Lebanon, strikes hit Tripoli.")] == ["LBN", "LBN"]
    assert [code for _, code, _ in places("In Syria, strikes hit Ariha.")] == ["SYR", "SYR"]


@pytest.mark.parametrize(
    ("name", "code", "precision"),
    [
        ("Homs", "SYR", CITY),
        ("Idlib governorate", "SYR", ADMIN1),
        ("east Aleppo", "SYR", CITY),
        ("Gaza", "PSE", ADMIN1),
        ("Syria", "SYR", COUNTRY),
        ("Cox's Bazar", "BGD", CITY),
        ("kyiv", "UKR", CITY),
    ],
)
def test_resolve_place(name: str, code: str, precision: PlacePrecision) -> None:
    place = resolve_place(name)
    assert place is not None and (place.country_code, place.precision) == (code, precision)


def test_resolve_place_unknown() -> None:
    assert resolve_place("Qwxyzzy") is None
    assert resolve_place("") is None


def test_incident_country() -> None:
    found = find_places(
        Context("Russia shelled Kharkiv and Izium; Ukraine protested. Russia denied it.")
    )
    assert incident_country(found) == "UKR"
    assert incident_country([]) is None


SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
ALEPPO = SHARED / "data" / "reports" / "aleppo-hospitals-2016-09-28.txt"


@pytest.mark.skipif(not ALEPPO.exists(), reason=f"shared reports not present at {ALEPPO}")
def test_aleppo_report() -> None:
    found = find_places(Context(ALEPPO.read_text(encoding="utf-8")))
    names = {(p.name, p.country_code, p.precision) for p in found}
    assert {
        ("east Aleppo", "SYR", CITY),
        ("Gaziantep", "TUR", CITY),
        ("Aleppo", "SYR", CITY),
        ("Syria", "SYR", COUNTRY),
        ("Old Quarter", "SYR", POINT),
    } <= names
    written = {p.name for p in found}
    assert not written & {
        "Syrian",
        "American",
        "Observatory",
        "Human",
        "UK",
        "French",
        "United Nations",
        "UN",
    }
    assert incident_country(found) == "SYR"


def test_a_country_name_with_of_the_is_one_place() -> None:
    text = "Gunmen attacked a clinic in North Kivu, Democratic Republic of the Congo, on Monday."
    codes = {p.country_code for p in find_places(Context(text))}
    assert codes == {"COD"}


@pytest.mark.parametrize(
    "text",
    [
        "The clinic is run by Dr Laila Hassan, its only surgeon.",
        "Dr. Hassan said the ward was full.",
        "Prof. Omar Aden and two nurses were detained.",
    ],
)
def test_a_town_name_in_a_titled_persons_name_is_no_place(text: str) -> None:
    assert find_places(Context(text)) == []


def test_the_same_name_without_a_title_is_still_a_place() -> None:
    [place] = find_places(Context("Shelling hit a clinic in Aden on Monday, Dr Omar Aden said."))
    assert place.span is not None and place.span.text == "Aden"
    assert place.span.start == len("Shelling hit a clinic in ")
