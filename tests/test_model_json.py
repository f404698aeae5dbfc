"""carewatch.model_json: the JSON form of the model read back as the model."""

from __future__ import annotations

import datetime as dt

from carewatch.facilities.linking import place_from_data
from carewatch.model import (
    ActorType,
    ActorValue,
    Certainty,
    Claim,
    DatePrecision,
    DateValue,
    IncidentType,
    MergedIncident,
    PlacePrecision,
    PlaceValue,
    Reconciled,
    Source,
    Span,
    to_jsonable,
)
from carewatch.model_json import candidate_incident, from_jsonable


def a_merged_incident() -> MergedIncident:
    said = Claim("killed:patients", 2, document_id=1, candidate_id=10, qualifier="at least",
                 source=Source(organisation="Syrian American Medical Society"),
                 span=Span(40, 57, "two patients died"))
    named = Claim("facility", "M10", document_id=2, candidate_id=20, publisher="Wire Two")
    return MergedIncident(
        incident_type=IncidentType.FACILITY_ATTACK,
        types=[IncidentType.FACILITY_ATTACK, IncidentType.PATIENT_ATTACK],
        members=[10, 20],
        documents=[1, 2],
        date=DateValue(dt.date(2016, 9, 28), DatePrecision.DAY, time="04:00"),
        place=PlaceValue("east Aleppo", country_code="SYR", precision=PlacePrecision.CITY),
        perpetrators=[ActorValue("Russian", ActorType.FOREIGN_FORCES, country_code="RUS")],
        figures=[Reconciled("killed:patients", 2, 3, 2, claims=[said])],
        claims=[said, named],
        certainty=Certainty.PROBABLE,
        id=7,
    )


def test_a_merged_incident_reads_back_whole() -> None:
    original = a_merged_incident()

    assert from_jsonable(MergedIncident, to_jsonable(original)) == original


def test_newer_keys_are_ignored_and_missing_ones_take_defaults() -> None:
    data = {"incident_type": "looting", "span": None, "written_by_a_newer_carewatch": 1}

    incident = candidate_incident(data)

    assert incident.incident_type is IncidentType.LOOTING
    assert incident.facilities == [] and incident.date is None


def test_facility_linking_reads_places_with_the_same_decoder() -> None:
    place = PlaceValue("east Aleppo", resolved="Aleppo", country_code="SYR",
                       precision=PlacePrecision.CITY, span=Span(3, 14, "east Aleppo"))

    assert place_from_data(to_jsonable(place)) == place
    assert place_from_data(None) is None and place_from_data({}) is None
