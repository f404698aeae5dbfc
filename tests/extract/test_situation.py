"""find_situation: the state of health care around an attack (not incidents themselves)."""

from __future__ import annotations

import datetime as dt

import pytest

import carewatch
from carewatch.extract.situation import find_situation
from carewatch.model import DatePrecision, SituationFact
from carewatch.text import Context

PUBLISHED = dt.date(2016, 9, 28)

CAPACITY = (
    "There are now just six functioning hospitals, only three of which have emergency units, "
    "for the approximately 250,000 civilians trapped in the city."
)


def facts(text: str) -> list[SituationFact]:
    found = find_situation(Context(text, PUBLISHED))
    for fact in found:
        assert fact.span is not None
        assert text[fact.span.start : fact.span.end] == fact.span.text
    return found


def by_kind(text: str) -> dict[str, SituationFact]:
    found = facts(text)
    table = {f.kind: f for f in found}
    assert len(table) == len(found), "one fact of each kind expected"
    return table


def test_functioning_hospitals_with_and_without_a_service() -> None:
    found = by_kind(CAPACITY)
    functioning = found["functioning_facilities"]
    assert (functioning.value, functioning.subject) == (6, "hospital")
    with_service = found["facilities_with_service"]
    assert (with_service.value, with_service.subject, with_service.service) == (
        3, "hospital", "emergency_unit",
    )


def test_the_population_served_keeps_its_hedge() -> None:
    population = by_kind(CAPACITY)["population_served"]
    assert population.value == 250_000
    assert population.qualifier == "approximately"
    assert population.span is not None and "250,000" in population.span.text


def test_hospitals_remaining_operational_for_a_population() -> None:
    found = by_kind("Only two hospitals remain operational in the province, serving 1.2 million people.")
    assert (found["functioning_facilities"].value, found["functioning_facilities"].subject) == (
        2, "hospital",
    )
    assert found["population_served"].value == 1_200_000
    assert found["population_served"].qualifier is None


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("Antibiotics and anaesthetics are running out.", ["antibiotics", "anaesthetics"]),
        ("Doctors said antibiotics, anesthetics and other drugs are running out.",
         ["antibiotics", "anaesthetics", "medicines"]),
        ("The clinic has run low on insulin and fuel.", ["insulin", "fuel"]),
    ],
)
def test_supply_shortages_name_their_items(text: str, items: list[str]) -> None:
    shortage = by_kind(text)["supply_shortage"]
    assert shortage.items == items


def test_supplies_without_a_shortage_are_not_a_shortage() -> None:
    assert facts("The convoy delivered antibiotics and anaesthetics to the hospital.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Supply lines to the district were sealed in July.",
        "The town has been under siege since March.",
    ],
)
def test_blockades(text: str) -> None:
    assert "blockade" in by_kind(text)


def test_a_blockade_is_dated_against_the_publication_date() -> None:
    text = "Supply lines to the district were sealed in July."
    extraction = carewatch.extract(text, published=PUBLISHED)
    [blockade] = [f for f in extraction.situation if f.kind == "blockade"]
    assert blockade.date is not None
    assert (blockade.date.date, blockade.date.precision) == (dt.date(2016, 7, 1), DatePrecision.MONTH)


def test_a_blockade_and_the_shortage_it_causes() -> None:
    text = (
        "Supply lines to the district were sealed in July, meaning that antibiotics and "
        "anaesthetics are running out."
    )
    found = by_kind(text)
    assert found["supply_shortage"].items == ["antibiotics", "anaesthetics"]
    assert "blockade" in found
