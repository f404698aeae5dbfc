"""carewatch.model: the dataclasses every stage speaks, and their JSON form."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from carewatch.model import (
    CandidateIncident,
    DatePrecision,
    DateValue,
    Document,
    Extraction,
    FacilityMention,
    Figure,
    FigureKind,
    FigureScope,
    IncidentType,
    Source,
    Span,
    VictimGroup,
    to_jsonable,
)


def an_extraction() -> Extraction:
    source = Source(person="Adham Sahloul", organisation="Syrian American Medical Society",
                    role="advocacy officer", span=Span(0, 13, "Adham Sahloul"))
    incident = CandidateIncident(
        incident_type=IncidentType.FACILITY_ATTACK,
        types=[IncidentType.FACILITY_ATTACK, IncidentType.PATIENT_ATTACK],
        facilities=[FacilityMention("hospital", name="M10", is_code_name=True)],
        date=DateValue(dt.date(2016, 9, 28), DatePrecision.DAY, time="04:00"),
        casualties=[Figure(FigureKind.KILLED, 2, VictimGroup.PATIENTS, source=source,
                           span=Span(40, 57, "two patients died"))],
        sources=[source],
    )
    claim = Figure(FigureKind.KILLED, 500, qualifier="almost", scope=FigureScope.CAMPAIGN)
    return Extraction("carewatch.rules.v1", published=dt.date(2016, 9, 28),
                      incidents=[incident], claims=[claim])


def test_to_jsonable_is_plain_json() -> None:
    data = an_extraction().to_dict()
    assert json.loads(json.dumps(data)) == data


def test_dates_and_enums_round_trip() -> None:
    extraction = an_extraction()
    data = json.loads(json.dumps(to_jsonable(extraction)))
    assert dt.date.fromisoformat(data["published"]) == extraction.published
    [incident] = data["incidents"]
    assert IncidentType(incident["incident_type"]) is IncidentType.FACILITY_ATTACK
    assert [IncidentType(t) for t in incident["types"]] == extraction.incidents[0].types
    assert dt.date.fromisoformat(incident["date"]["date"]) == dt.date(2016, 9, 28)
    assert DatePrecision(incident["date"]["precision"]) is DatePrecision.DAY
    [figure] = incident["casualties"]
    assert FigureKind(figure["kind"]) is FigureKind.KILLED
    assert VictimGroup(figure["victim_group"]) is VictimGroup.PATIENTS
    assert FigureScope(figure["scope"]) is FigureScope.INCIDENT
    assert Span(**figure["span"]) == Span(40, 57, "two patients died")
    assert figure["source"]["person"] == "Adham Sahloul"
    [claim] = data["claims"]
    assert (claim["count"], claim["qualifier"], FigureScope(claim["scope"])) == (
        500, "almost", FigureScope.CAMPAIGN,
    )


def test_enums_are_written_as_their_values() -> None:
    assert to_jsonable(IncidentType.ARREST_KIDNAP) == "arrest_or_kidnapping_of_health_workers"
    assert to_jsonable([FigureKind.NEED_CARE]) == ["in_need_of_care"]


def test_datetimes_are_iso_text() -> None:
    moment = dt.datetime(2016, 9, 28, 4, 0)
    assert dt.datetime.fromisoformat(to_jsonable(moment)) == moment


def test_raw_bytes_are_left_out_of_json() -> None:
    document = Document(raw=b"\x00\x01", sha256="ab", text="t", media_type="text/plain", origin="x")
    data = to_jsonable(document)
    assert data["raw"] is None
    assert data["text"] == "t"


@pytest.mark.parametrize(
    ("source", "label"),
    [
        (Source(person="Adham Sahloul", organisation="Syrian American Medical Society"),
         "Adham Sahloul of Syrian American Medical Society"),
        (Source(person="Mohammed Abu Rajab", role="head"), "Mohammed Abu Rajab"),
        (Source(organisation="White Helmets", role="rescue worker"), "White Helmets"),
        (Source(role="doctors on the ground"), "doctors on the ground"),
        (Source(), "unattributed"),
    ],
)
def test_source_label(source: Source, label: str) -> None:
    assert source.label() == label


def test_health_care_incidents_leave_out_other_violence() -> None:
    extraction = Extraction(
        "test",
        incidents=[CandidateIncident(IncidentType.OTHER_VIOLENCE),
                   CandidateIncident(IncidentType.TRANSPORT_ATTACK)],
    )
    assert [i.incident_type for i in extraction.health_care_incidents] == [
        IncidentType.TRANSPORT_ATTACK
    ]
