"""An incident's damage, each item once: the strongest effect, stated damage over damage
inferred from the attack, and a building's damage told once as the facility's."""

from __future__ import annotations

import pytest

import carewatch
from carewatch.extract.incident_damage import incident_damage
from carewatch.model import Impact, Span


def damage(text: str) -> set[tuple[str, str]]:
    [incident] = carewatch.extract(text).health_care_incidents
    return {(i.effect, i.item) for i in incident.impacts}


def told(effect: str, item: str, words: str, target: str | None = None) -> Impact:
    return Impact(effect=effect, item=item, target=target, facility_type="hospital" if item == "facility" else None,
                  span=Span(0, len(words), words))


@pytest.mark.parametrize(
    "text",
    [
        "Rockets hit the Al-Noor Hospital on Monday. By the evening the hospital had been completely destroyed.",
        "The clinic was damaged by shelling on Tuesday and was destroyed by a second barrage the next morning.",
    ],
)
def test_a_facility_damaged_and_destroyed_was_destroyed(text: str) -> None:
    found = damage(text)
    assert ("destroyed", "facility") in found
    assert ("damaged", "facility") not in found


def test_the_roof_of_a_facility_is_told_once_as_the_facility() -> None:
    found = damage("A mortar round struck the health centre on Sunday, and the roof of the centre was damaged.")
    assert found == {("damaged", "facility")}


def test_a_building_destroyed_inside_a_damaged_facility_says_more_and_stays() -> None:
    found = damage("Warplanes bombed the district hospital on Friday. One of its buildings was destroyed.")
    assert found == {("destroyed", "building"), ("damaged", "facility")}


def test_damage_inferred_from_a_hit_gives_way_to_what_the_report_says_of_the_structure() -> None:
    impacts = [
        told("damaged", "facility", "the hospital was hit"),
        told("destroyed", "building", "its main building was destroyed"),
    ]
    assert {(i.effect, i.item) for i in incident_damage(impacts)} == {("destroyed", "building"), ("damaged", "facility")}
    [facility] = [i for i in incident_damage(impacts) if i.item == "facility"]
    assert facility.span is not None and "building" in facility.span.text


def test_damaged_equipment_leaves_the_inferred_damage_to_the_facility() -> None:
    impacts = [told("damaged", "facility", "shells hit the clinic"), told("damaged", "equipment", "damaging its equipment")]
    assert {(i.effect, i.item) for i in incident_damage(impacts)} == {("damaged", "facility"), ("damaged", "equipment")}


def test_two_named_facilities_keep_their_own_effects() -> None:
    impacts = [
        told("damaged", "facility", "the North Hospital was damaged", target="North Hospital"),
        told("destroyed", "facility", "the South Hospital was destroyed", target="South Hospital"),
    ]
    assert {(i.effect, i.target) for i in incident_damage(impacts)} == {
        ("damaged", "North Hospital"), ("destroyed", "South Hospital")}


def test_out_of_service_is_kept_beside_the_physical_damage() -> None:
    found = damage("An airstrike destroyed the field hospital on Monday, and it is now out of service.")
    assert found == {("destroyed", "facility"), ("out_of_service", "facility")}
