"""Rules added while measuring against coded incident data: what attacks on facilities do to
them, which phrases report an attack, and who the victims are. The texts are our own."""

from __future__ import annotations

import pytest

import carewatch
from carewatch.extract.facilities import find_facilities
from carewatch.extract.impacts import find_impacts
from carewatch.model import Extraction, FigureKind, VictimGroup
from carewatch.text import Context


def facility_effects(text: str) -> set[str]:
    ctx = Context(text)
    return {i.effect for i in find_impacts(ctx, find_facilities(ctx)) if i.item == "facility"}


def extract(text: str) -> Extraction:
    return carewatch.extract(text, published=None)


def health_worker_counts(text: str) -> dict[FigureKind, int]:
    counts: dict[FigureKind, int] = {}
    for incident in extract(text).health_care_incidents:
        for figure in incident.casualties:
            if figure.victim_group is VictimGroup.HEALTH_WORKERS:
                counts[figure.kind] = counts.get(figure.kind, 0) + figure.count
    return counts


@pytest.mark.parametrize(
    "text",
    [
        "The district clinic was shelled overnight.",
        "A rural health post was bombed by jets.",
        "A maternity hospital was torched by the attackers.",
        "Rioters set fire to a pharmacy in the market.",
        "The dispensary was vandalised and its windows smashed.",
        "A health centre was impacted by heavy weapons fire.",
        "Rockets fell on the field hospital, causing serious damage.",
        "The eye hospital sustained heavy damage in the blast.",
    ],
)
def test_a_facility_shelled_burned_or_vandalised_is_damaged(text: str) -> None:
    assert facility_effects(text) & {"damaged", "destroyed"}


def test_a_break_in_is_not_damage() -> None:
    assert not facility_effects("The clinic was broken into at night and two laptops taken.")


def test_a_strike_destroying_the_building_hits_the_facility() -> None:
    incident = extract("Missiles landed beside a rural clinic, partially destroying the building.").incidents[0]
    assert any(i.item == "facility" and i.effect in ("damaged", "destroyed") for i in incident.impacts)


@pytest.mark.parametrize(
    "text",
    [
        "A mobile clinic was ambushed on the road to the camp.",
        "Tear gas was fired inside the clinic.",
        "The health centre was forcibly entered by armed men.",
        "The hospital was taken-over by troops.",
        "Staff left the health centre because of heavy shelling nearby.",
        "A nurse was spat at by a visitor in the clinic.",
    ],
)
def test_more_ways_of_reporting_an_attack(text: str) -> None:
    assert extract(text).health_care_incidents, text


def test_an_ambush_alone_is_no_injury() -> None:
    counts = health_worker_counts("Two vaccinators were ambushed and abducted by gunmen.")
    assert counts.get(FigureKind.KIDNAPPED) == 2
    assert FigureKind.INJURED not in counts


def test_a_punch_injures() -> None:
    assert health_worker_counts("A hospital porter was punched by a visitor.") == {FigureKind.INJURED: 1}


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        # a relative clause opened by "that"
        ("A doctor and four nurses that work at the clinic were arrested by soldiers.", FigureKind.ARRESTED, 5),
        # "along with" others: the health workers are still the subject
        ("Two surgeons, along with a local trader, were kidnapped by gunmen.", FigureKind.KIDNAPPED, 2),
        # an organisation's acronym in capitals is a modifier, not the pronoun "who"
        ("A WHO vaccinator was shot dead by militants.", FigureKind.KILLED, 1),
    ],
)
def test_victims_across_relative_clauses_and_acronyms(text: str, kind: FigureKind, count: int) -> None:
    assert health_worker_counts(text).get(kind) == count


@pytest.mark.parametrize(
    "text",
    [
        "The vicinity of a hospital was hit by rockets.",
        "Shells struck a house next to the clinic.",
        "Their car hit a mine on the way to the health centre.",
    ],
)
def test_a_facility_named_as_the_place_nearby_is_not_what_was_hit(text: str) -> None:
    assert not facility_effects(text)


def test_a_facility_broken_in_to_is_not_damaged() -> None:
    assert not facility_effects("The pharmacy was broken in to overnight.")


def test_an_air_force_is_an_air_strike_and_tanks_are_shelling() -> None:
    from carewatch.extract.means import find_means

    assert {m.category for m in find_means(Context("The clinic was targeted by the air force."))} == {"air_strike"}
    tanks = find_means(Context("The clinic was damaged by government tanks."))
    assert [m.category for m in tanks] == ["shelling_artillery_rockets"]
    officials = find_means(Context("A nurse was slapped by air force officials."))
    assert "air_strike" not in {m.category for m in officials}


@pytest.mark.parametrize(
    ("text", "means"),
    [
        ("Fighters set a health centre on fire.", "arson"),
        ("Air strikes impacted a clinic.", "air_strike"),
        ("A clinic came under heavy fire.", "firearms"),
        ("A doctor was gunned down outside the clinic.", "firearms"),
        ("Rioters threw a rock at an ambulance.", "physical_assault"),
    ],
)
def test_attacks_worded_actively_or_split(text: str, means: str) -> None:
    [incident] = extract(text).health_care_incidents
    assert means in {m.category for m in incident.means}


def test_a_facility_set_on_fire_is_damaged_and_a_doctor_gunned_down_is_killed() -> None:
    assert facility_effects("Fighters set a health centre on fire.") == {"damaged"}
    assert health_worker_counts("A doctor was gunned down outside the clinic.") == {FigureKind.KILLED: 1}


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers positioned themselves inside the hospital.",
        "Twenty nurses were forcibly relocated by soldiers.",
        "A health care vehicle was damaged.",
    ],
)
def test_occupation_forced_relocation_and_health_care_vehicles(text: str) -> None:
    assert extract(text).health_care_incidents


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        ("Two pharmacy co-owners were arrested by soldiers.", FigureKind.ARRESTED, 2),
        ("The manager of a polyclinic was arrested from his home.", FigureKind.ARRESTED, 1),
        ("The president of a health LNGO was arrested by police.", FigureKind.ARRESTED, 1),
        ("An emergency medical services team was detained for an hour.", FigureKind.ARRESTED, 1),
        ("A paramedic was taken prisoner by gunmen.", FigureKind.KIDNAPPED, 1),
        # taken by a state's forces is an arrest, as for "abducted by soldiers"
        ("A paramedic was taken prisoner by soldiers.", FigureKind.ARRESTED, 1),
    ],
)
def test_more_health_workers_and_captures(text: str, kind: FigureKind, count: int) -> None:
    assert health_worker_counts(text) == {kind: count}
