"""carewatch.store.merging: reports of one attack that a dateline or a missing date set
apart still meet when a new document is merged in (only its neighbourhood is merged
again, so the neighbourhood must hold them).

The reports are short texts written for these tests; the candidates are built by hand.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from carewatch.model import (
    CandidateIncident,
    DatePrecision,
    DateValue,
    Document,
    Extraction,
    FacilityMention,
    IncidentType,
    PlacePrecision,
    PlaceValue,
)
from carewatch.store import Database
from carewatch.store.merged_reading import list_merged
from carewatch.store.merging import store_and_merge

STRIKE = dt.date(2023, 5, 9)
TALLBROOK = PlaceValue("Tallbrook", resolved="Tallbrook", country="Sudan", country_code="SDN",
                       latitude=14.0, longitude=33.0, precision=PlacePrecision.CITY)
GREYWATER = PlaceValue("GREYWATER", resolved="Greywater", country="Switzerland",
                       country_code="CHE", latitude=46.2, longitude=6.1,
                       precision=PlacePrecision.CITY)


def store(db: Database, text: str, name: str | None, place: PlaceValue,
          day: dt.date | None) -> None:
    raw = text.encode()
    document = Document(raw=raw, sha256=hashlib.sha256(raw).hexdigest(), text=text,
                        media_type="text/plain", origin=f"{hash(text)}.txt",
                        published=STRIKE + dt.timedelta(days=1), source_name="Wire")
    incident = CandidateIncident(
        incident_type=IncidentType.FACILITY_ATTACK, types=[IncidentType.FACILITY_ATTACK],
        facilities=[FacilityMention("hospital", name)],
        date=DateValue(day, DatePrecision.DAY) if day else None, place=place)
    store_and_merge(db, document, Extraction("test.merging.v1", document.published, [incident]))


@pytest.fixture
def db(database_url: str):  # type: ignore[no-untyped-def]
    with Database(database_url) as database:
        yield database


def members(db: Database) -> list[list[int]]:
    return sorted(sorted(line.data["members"]) for line in list_merged(db, limit=100))


def test_a_report_filed_abroad_meets_the_report_from_the_town(db: Database) -> None:
    store(db, "Shells hit Al-Noor hospital in Tallbrook on Tuesday.", "Al-Noor Hospital",
          TALLBROOK, STRIKE)
    store(db, "GREYWATER - The Al Nour hospital was shelled on Tuesday, an agency said.",
          "Al Nour hospital", GREYWATER, STRIKE)
    assert members(db) == [[1, 2]]


def test_an_undated_report_meets_the_dated_one(db: Database) -> None:
    store(db, "Shells hit a hospital in Tallbrook on Tuesday.", None, TALLBROOK, STRIKE)
    store(db, "The hospital in Tallbrook was shelled, its director said.", None, TALLBROOK,
          None)
    assert members(db) == [[1, 2]]


def test_a_report_placing_the_attack_only_in_its_country_meets_the_one_from_the_town(
        db: Database) -> None:
    sudan = PlaceValue("northern Sudan", resolved="Sudan", country="Sudan", country_code="SDN",
                       precision=PlacePrecision.COUNTRY)
    store(db, "Shells hit a hospital in Tallbrook on Tuesday.", None, TALLBROOK, STRIKE)
    store(db, "A hospital in northern Sudan was shelled on Tuesday, a charity said.", None,
          sudan, STRIKE)
    assert members(db) == [[1, 2]]
