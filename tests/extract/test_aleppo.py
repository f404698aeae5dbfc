"""The Aleppo hospitals report of 2016-09-28, coded as a careful analyst codes it.

The report is read from the shared data folder beside the repository; it is not copied
into the repository, and these tests are skipped where it is absent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import carewatch
from carewatch.model import (
    ActorType,
    CandidateIncident,
    DatePrecision,
    Extraction,
    FigureKind,
    FigureScope,
    IncidentType,
    Span,
    VictimGroup,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REPORT = SHARED / "data" / "reports" / "aleppo-hospitals-2016-09-28.txt"
PUBLISHED = dt.date(2016, 9, 28)


@pytest.fixture(scope="module")
def text() -> str:
    if not REPORT.is_file():
        pytest.skip(f"the shared Aleppo report is not at {REPORT}")
    return REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def extraction(text: str) -> Extraction:
    return carewatch.extract(text, published=PUBLISHED)


@pytest.fixture(scope="module")
def hospitals(extraction: Extraction) -> dict[str, CandidateIncident]:
    """The hospital incidents by the code name of their hospital."""
    found = {}
    for incident in extraction.health_care_incidents:
        for facility in incident.facilities:
            if facility.name:
                found[facility.name] = incident
    return found


@pytest.fixture(scope="module")
def last_week(extraction: Extraction) -> CandidateIncident:
    [incident] = [
        i for i in extraction.health_care_incidents
        if i.date is not None and i.date.precision is DatePrecision.WEEK
    ]
    return incident


def test_three_attacks_on_health_care(extraction: Extraction) -> None:
    assert len(extraction.health_care_incidents) == 3


def test_air_strikes_on_hospitals_m10_and_m2(hospitals: dict[str, CandidateIncident]) -> None:
    assert set(hospitals) == {"M10", "M2"}
    assert hospitals["M10"] is not hospitals["M2"]
    for name, incident in hospitals.items():
        [facility] = [f for f in incident.facilities if f.name]
        assert facility.name == name
        assert facility.is_code_name
        assert facility.facility_type == "hospital"
        assert incident.incident_type is IncidentType.FACILITY_ATTACK
        assert incident.means and incident.means[0].category == "air_strike"


def test_in_east_aleppo_on_the_day_of_the_report(hospitals: dict[str, CandidateIncident]) -> None:
    for incident in hospitals.values():
        assert incident.place is not None
        assert incident.place.resolved == "Aleppo"
        assert incident.place.country_code == "SYR"
        assert incident.date is not None
        assert (incident.date.date, incident.date.precision) == (PUBLISHED, DatePrecision.DAY)


def test_russian_and_syrian_forces(hospitals: dict[str, CandidateIncident]) -> None:
    for incident in hospitals.values():
        actors = {(a.name, a.actor_type) for a in incident.perpetrators}
        assert ("Russian", ActorType.FOREIGN_FORCES) in actors
        assert ("Syrian", ActorType.STATE_FORCES) in actors


def test_two_patients_killed_and_three_health_workers_injured(
    hospitals: dict[str, CandidateIncident],
) -> None:
    for incident in hospitals.values():
        harmed = [f for f in incident.casualties if f.kind in (FigureKind.KILLED, FigureKind.INJURED)]
        assert sorted((f.kind, f.count, f.victim_group) for f in harmed) == sorted([
            (FigureKind.KILLED, 2, VictimGroup.PATIENTS),
            (FigureKind.INJURED, 3, VictimGroup.HEALTH_WORKERS),
        ])
        for figure in harmed:
            assert figure.scope is FigureScope.INCIDENT
            assert figure.source is not None
            assert figure.source.person == "Adham Sahloul"
            assert figure.source.organisation == "Syrian American Medical Society"


def test_m10_lost_its_icu_and_its_water_and_generators_were_damaged(
    hospitals: dict[str, CandidateIncident],
) -> None:
    impacts = {(i.effect, i.item): i for i in hospitals["M10"].impacts}
    assert {("out_of_service", "icu"), ("damaged", "water"), ("damaged", "generators")} <= set(impacts)
    for key in [("out_of_service", "icu"), ("damaged", "water"), ("damaged", "generators")]:
        source = impacts[key].source
        assert source is not None and source.person == "Mohammed Abu Rajab", key


def test_m10s_damage_is_not_m2s(hospitals: dict[str, CandidateIncident]) -> None:
    items = {i.item for i in hospitals["M2"].impacts}
    assert not items & {"icu", "water", "generators"}


def test_emergency_response_centres_and_ambulances_destroyed_last_week(
    last_week: CandidateIncident,
) -> None:
    assert last_week.date is not None
    assert last_week.date.date == dt.date(2016, 9, 19)  # the Monday of the week before
    destroyed = {
        (i.item, i.facility_type): i.count for i in last_week.impacts if i.effect == "destroyed"
    }
    assert destroyed == {("facility", "emergency_response_centre"): 2, ("transport", "ambulance"): 2}
    assert IncidentType.TRANSPORT_ATTACK in last_week.types
    assert not any(f.name for f in last_week.facilities)


def test_the_state_of_health_care_in_east_aleppo(extraction: Extraction) -> None:
    facts = extraction.situation
    functioning = [f for f in facts if f.kind == "functioning_facilities"]
    assert [(f.value, f.subject) for f in functioning] == [(6, "hospital")]
    with_service = [f for f in facts if f.kind == "facilities_with_service"]
    assert [(f.value, f.service) for f in with_service] == [(3, "emergency_unit")]
    population = [f for f in facts if f.kind == "population_served"]
    assert [(f.value, f.qualifier) for f in population] == [(250_000, "approximately")]
    for fact in [*functioning, *with_service, *population]:
        assert fact.place is not None and fact.place.resolved == "Aleppo"


def test_antibiotics_and_anaesthetics_running_out(extraction: Extraction) -> None:
    [shortage] = [f for f in extraction.situation if f.kind == "supply_shortage"]
    assert {"antibiotics", "anaesthetics"} <= set(shortage.items)


def test_supply_lines_sealed_in_july(extraction: Extraction) -> None:
    dated = [f.date for f in extraction.situation if f.kind == "blockade" and f.date is not None]
    assert [(d.date, d.precision) for d in dated] == [(dt.date(2016, 7, 1), DatePrecision.MONTH)]


def test_wider_tolls_are_claims_with_their_sources(extraction: Extraction) -> None:
    claims = {(c.kind, c.count, c.qualifier): c for c in extraction.claims}
    campaign = claims[(FigureKind.KILLED, 500, "almost")]
    assert campaign.scope is FigureScope.CAMPAIGN
    assert campaign.source is not None and campaign.source.organisation == "White Helmets"
    need = claims[(FigureKind.NEED_CARE, 2000, "around")]
    assert need.source is not None and need.source.organisation == "White Helmets"
    observatory = claims[(FigureKind.KILLED, 6, "at least")]
    assert observatory.source is not None
    assert observatory.source.organisation == "Syrian Observatory for Human Rights"


def test_wider_tolls_are_not_casualties_of_the_hospital_attacks(extraction: Extraction) -> None:
    for incident in extraction.incidents:
        counts = {f.count for f in incident.casualties}
        assert not counts & {500, 2000, 6}


def walk_spans(value: object) -> Iterator[Span]:
    if isinstance(value, Span):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from walk_spans(getattr(value, f.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from walk_spans(item)


def test_every_span_is_the_report_text_at_its_offsets(text: str, extraction: Extraction) -> None:
    spans = list(walk_spans(extraction))
    assert spans
    for span in spans:
        assert text[span.start : span.end] == span.text
