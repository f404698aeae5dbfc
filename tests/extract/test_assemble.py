"""carewatch.extract end to end: short reports in, the incidents an analyst would code out.

The reports are written for these tests in the style of news and NGO incident reports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

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

MARKET = (
    "Artillery shells struck the central market in Idlib on Monday, killing seven civilians. "
    "The wounded were taken to hospital, local residents said."
)
CLINIC_ON_TUESDAY = (
    "An air strike hit a clinic in the village of Kafr Nabl on Tuesday, wounding two nurses, "
    "the Idlib Health Directorate said."
)
CODE_NAMED = (
    "Two hospitals in the east of the city were hit by air strikes on Wednesday, killing three "
    "patients and wounding a nurse. The hospitals are known to medics as H3 and H7. "
    "H7's operating theatre is out of service, its director said."
)
TWO_ATTACKS = (
    "A mobile clinic was shelled near Taiz on Tuesday, injuring a doctor. Last week, gunmen "
    "stormed a health centre in the same district and abducted two nurses."
)
WITH_CAMPAIGN_TOLL = (
    "An air strike hit a hospital in Saraqib on Sunday, wounding three nurses. Almost 500 people "
    "have been killed in the government offensive since January, a local monitor said."
)
UNDATED = "Gunmen looted a pharmacy in Bentiu and beat a pharmacist."
POLICE_SAID = "Gunmen shot dead a vaccinator in Peshawar on Saturday, police said."


def walk_spans(value: object, path: str = "extraction") -> Iterator[tuple[str, Span]]:
    """Every Span anywhere in ``value`` (dataclasses, lists, tuples), with where it sits."""
    if isinstance(value, Span):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from walk_spans(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from walk_spans(item, f"{path}[{i}]")


def assert_evidence_is_exact(text: str, extraction: Extraction) -> None:
    """Every value's evidence is the very text at its offsets in the input."""
    found = list(walk_spans(extraction))
    assert found, "an extraction with values carries spans"
    for path, span in found:
        assert 0 <= span.start <= span.end <= len(text), path
        assert text[span.start : span.end] == span.text, path


def casualties(incident: CandidateIncident) -> set[tuple[FigureKind, int, VictimGroup]]:
    return {(f.kind, f.count, f.victim_group) for f in incident.casualties}


def test_market_shelling_with_wounded_taken_to_hospital_is_not_health_care() -> None:
    extraction = carewatch.extract(MARKET, published="2019-05-15")
    assert extraction.health_care_incidents == []
    [incident] = extraction.incidents
    assert incident.incident_type is IncidentType.OTHER_VIOLENCE
    assert not incident.facilities  # the hospital that treated the wounded was not a target
    assert (FigureKind.KILLED, 7, VictimGroup.CIVILIANS) in casualties(incident)


def test_a_weekday_resolves_against_the_publication_date() -> None:
    extraction = carewatch.extract(CLINIC_ON_TUESDAY, published=dt.date(2019, 5, 16))  # a Thursday
    [incident] = extraction.health_care_incidents
    assert incident.date is not None
    assert incident.date.date == dt.date(2019, 5, 14)
    assert incident.date.precision is DatePrecision.DAY
    assert incident.date.basis == "text"
    assert incident.date.span is not None and "Tuesday" in incident.date.span.text


def test_a_clinic_strike_wounding_nurses() -> None:
    extraction = carewatch.extract(CLINIC_ON_TUESDAY, published="2019-05-16")
    [incident] = extraction.health_care_incidents
    assert IncidentType.FACILITY_ATTACK in incident.types
    assert IncidentType.HEALTH_WORKER_ATTACK in incident.types
    assert [f.facility_type for f in incident.facilities] == ["clinic"]
    assert [m.category for m in incident.means][:1] == ["air_strike"]
    assert casualties(incident) == {(FigureKind.INJURED, 2, VictimGroup.HEALTH_WORKERS)}
    [figure] = incident.casualties
    assert figure.source is not None
    assert figure.source.organisation == "Idlib Health Directorate"


def test_a_report_without_a_date_is_dated_by_its_publication() -> None:
    extraction = carewatch.extract(UNDATED, published="2019-07-02")
    [incident] = extraction.health_care_incidents
    assert IncidentType.LOOTING in incident.types
    assert incident.date is not None
    assert (incident.date.date, incident.date.basis) == (dt.date(2019, 7, 2), "publication")


def test_code_named_hospitals_named_later_become_one_incident_each() -> None:
    extraction = carewatch.extract(CODE_NAMED, published="2016-10-05")
    incidents = extraction.health_care_incidents
    assert len(incidents) == 2
    by_name = {}
    for incident in incidents:
        [facility] = [f for f in incident.facilities if f.name]
        assert facility.is_code_name and facility.facility_type == "hospital"
        by_name[facility.name] = incident
    assert set(by_name) == {"H3", "H7"}
    # The toll covers both strikes: each incident carries it.
    for incident in incidents:
        assert casualties(incident) == {
            (FigureKind.KILLED, 3, VictimGroup.PATIENTS),
            (FigureKind.INJURED, 1, VictimGroup.HEALTH_WORKERS),
        }
        assert incident.date is not None and incident.date.date == dt.date(2016, 10, 5)
    # The lost operating theatre belongs to H7 only.
    assert ("out_of_service", "operating_theatre") in {
        (i.effect, i.item) for i in by_name["H7"].impacts
    }
    assert not any(i.item == "operating_theatre" for i in by_name["H3"].impacts)


def test_a_source_speaking_of_one_of_two_hospitals_is_a_source_on_that_one_only() -> None:
    text = (
        "Jets bombed the Al-Salam hospital and the Al-Nour hospital in Hama on Sunday, "
        "killing four patients, the relief group Hama Health Directorate said. "
        "The Al-Nour hospital's generator was destroyed, its director Samir Haddad said."
    )
    incidents = carewatch.extract(text, published="2019-06-10").health_care_incidents
    sources = {
        next(f.name for f in i.facilities if f.name): {s.label() for s in i.sources}
        for i in incidents
    }
    assert set(sources) == {"Al-Salam hospital", "Al-Nour hospital"}
    assert "Samir Haddad" in sources["Al-Nour hospital"]
    assert "Samir Haddad" not in sources["Al-Salam hospital"]
    # The directorate spoke of both strikes.
    assert all(any("Hama Health Directorate" in s for s in found) for found in sources.values())


def test_an_earlier_attack_last_week_is_a_separate_incident() -> None:
    extraction = carewatch.extract(TWO_ATTACKS, published=dt.date(2018, 3, 15))  # a Thursday
    incidents = extraction.health_care_incidents
    assert len(incidents) == 2
    shelling, raid = sorted(incidents, key=lambda i: i.span.start if i.span else 0)
    assert shelling.date is not None and shelling.date.date == dt.date(2018, 3, 13)
    assert [f.facility_type for f in shelling.facilities] == ["clinic"]
    assert casualties(shelling) == {(FigureKind.INJURED, 1, VictimGroup.HEALTH_WORKERS)}
    assert raid.date is not None
    assert raid.date.precision is DatePrecision.WEEK
    assert raid.date.date <= dt.date(2018, 3, 11) and raid.date.date >= dt.date(2018, 3, 5)
    assert [f.facility_type for f in raid.facilities] == ["health_centre"]
    assert casualties(raid) == {(FigureKind.KIDNAPPED, 2, VictimGroup.HEALTH_WORKERS)}
    assert IncidentType.ARREST_KIDNAP in raid.types


def test_a_campaign_toll_is_a_claim_not_a_casualty_of_the_incident() -> None:
    extraction = carewatch.extract(WITH_CAMPAIGN_TOLL, published="2019-07-02")
    [incident] = extraction.health_care_incidents
    assert casualties(incident) == {(FigureKind.INJURED, 3, VictimGroup.HEALTH_WORKERS)}
    [claim] = extraction.claims
    assert (claim.kind, claim.count, claim.qualifier) == (FigureKind.KILLED, 500, "almost")
    assert claim.scope is FigureScope.CAMPAIGN
    assert claim.source is not None and claim.source.role and "monitor" in claim.source.role


def test_whoever_reports_an_attack_is_not_its_perpetrator() -> None:
    extraction = carewatch.extract(POLICE_SAID, published="2020-01-13")
    [incident] = extraction.health_care_incidents
    assert casualties(incident) == {(FigureKind.KILLED, 1, VictimGroup.HEALTH_WORKERS)}
    assert [a.name for a in incident.perpetrators] == ["Gunmen"]
    assert all(a.actor_type is not ActorType.POLICE for a in incident.perpetrators)


@pytest.mark.parametrize(
    "text",
    [MARKET, CLINIC_ON_TUESDAY, CODE_NAMED, TWO_ATTACKS, WITH_CAMPAIGN_TOLL, UNDATED, POLICE_SAID,
     "Hospital\u2019s staff said the M10\u2019s ward was hit \u201cdeliberately\u201d on Monday."],
)
def test_every_span_is_the_text_at_its_offsets(text: str) -> None:
    assert_evidence_is_exact(text, carewatch.extract(text, published="2019-05-16"))


def test_published_may_be_given_as_iso_text() -> None:
    as_text = carewatch.extract(CLINIC_ON_TUESDAY, published="2019-05-16")
    as_date = carewatch.extract(CLINIC_ON_TUESDAY, published=dt.date(2019, 5, 16))
    assert as_text.published == as_date.published == dt.date(2019, 5, 16)
    assert as_text.to_dict() == as_date.to_dict()


@pytest.mark.parametrize("text, first", [
    ("Shells killed two patients when they struck the district hospital in Marib on Friday.",
     IncidentType.FACILITY_ATTACK),
    ("Gunmen killed a driver and wounded a nurse as they fired on an ambulance near Kismayo.",
     IncidentType.TRANSPORT_ATTACK),
    ("Militants shot dead two vaccinators in a village outside Peshawar on Tuesday.",
     IncidentType.HEALTH_WORKER_ATTACK),
])
def test_what_was_struck_is_the_first_type_and_the_victims_follow(text: str, first: IncidentType
                                                                  ) -> None:
    incident = carewatch.extract(text, published=dt.date(2021, 3, 6)).health_care_incidents[0]
    assert incident.incident_type is first


def test_a_facility_damaged_told_twice_is_one_impact() -> None:
    text = ("Shelling hit the Al-Amal Hospital in Taiz on Monday. The hospital was badly "
            "damaged, its director said. Two ambulances were destroyed in the car park, and "
            "another ambulance was destroyed at the gate.")
    [incident] = carewatch.extract(text).health_care_incidents
    facility = [(i.item, i.effect) for i in incident.impacts if i.item == "facility"]
    assert facility == [("facility", "damaged")]
    vehicles = [i for i in incident.impacts if i.item == "transport"]
    assert sum(i.count for i in vehicles) == 3


def test_a_headline_is_not_an_incident_of_its_own() -> None:
    text = (
        "Statement on attacks on health care in Kherson region\n\n"
        "12 May 2024\n\n"
        "Shelling damaged the regional hospital in Kherson on 10 May, injuring a nurse.\n"
    )
    extraction = carewatch.extract(text)
    [incident] = extraction.health_care_incidents
    assert incident.date is not None and incident.date.date == dt.date(2024, 5, 10)
    assert extraction.published == dt.date(2024, 5, 12)  # the dated line under the headline


def test_an_attack_in_another_town_is_another_incident() -> None:
    text = (
        "Shelling damaged the maternity hospital in Kherson on Friday, injuring a nurse. "
        "On the same day, a drone hit an ambulance near Beryslav, wounding a paramedic."
    )
    incidents = carewatch.extract(text, published="2024-05-12").health_care_incidents
    towns = [i.place.name if i.place else None for i in incidents]
    assert towns == ["Kherson", "Beryslav"]


def test_where_a_speaker_is_based_is_not_where_the_attack_was() -> None:
    text = (
        "Shells hit a clinic in Idlib on Monday, killing two doctors. "
        "A nurse based in Gaziantep said three patients were also injured in the attack."
    )
    [incident] = carewatch.extract(text, published="2024-05-12").health_care_incidents
    assert incident.place is not None and incident.place.name == "Idlib"


def test_a_headline_casualty_is_the_bodys_told_again() -> None:
    text = (
        "Ambulance crew attacked in Tulkarm\n\n"
        "Gunmen opened fire on an ambulance in Tulkarm on Saturday, wounding a paramedic.\n"
    )
    extraction = carewatch.extract(text, published="2023-09-03")
    [incident] = extraction.health_care_incidents
    [figure] = incident.casualties
    assert figure.span is not None and figure.span.text == "wounding a paramedic"
    assert extraction.claims == []


def test_a_headline_casualty_the_body_does_not_give_is_kept() -> None:
    text = "Nurse killed in Tulkarm\n\nShells hit the Al-Razi hospital in Tulkarm on Saturday.\n"
    [incident] = carewatch.extract(text, published="2023-09-03").health_care_incidents
    assert casualties(incident) == {(FigureKind.KILLED, 1, VictimGroup.HEALTH_WORKERS)}


def test_a_last_line_without_a_full_stop_is_no_headline() -> None:
    text = "March 2021: Gunmen raided the clinic. One nurse was killed and two others injured"
    [incident] = carewatch.extract(text).health_care_incidents
    assert casualties(incident) == {
        (FigureKind.KILLED, 1, VictimGroup.HEALTH_WORKERS),
        (FigureKind.INJURED, 2, VictimGroup.HEALTH_WORKERS),
    }
