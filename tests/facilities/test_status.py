"""carewatch.facilities.linking and .status: impacts become dated HeRAMS status changes.

The reports are short texts written for these tests in the style of a news report on air
strikes on two hospitals in east Aleppo; they quote no real report.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import carewatch
from carewatch.facilities import (
    StatusChange,
    list_facilities,
    record_facility_effects,
    record_stored_document,
    relink_all,
    states_on,
    timeline,
)
from carewatch.facilities.status import status_changes_for
from carewatch.model import Document
from carewatch.store import Database
from carewatch.store.tables import IncidentRow

# Written for this test, after the manner of a report on the M10 and M2 hospitals.
STRIKE = (
    "Air strikes on besieged east Aleppo on Wednesday put two hospitals under fire, "
    "a Syrian medical charity said.\n\n"
    "The hospitals are called M10 and M2 by medics in the city, to keep their locations "
    "off intercepted radio. M10's intensive care unit is out of service, and water storage "
    "units and generators were damaged, head Samir Haddad said.\n\n"
    "There are now just six functioning hospitals, only three of which have emergency "
    "units, for the approximately 250,000 civilians trapped in east Aleppo."
)
# Written for this test: one untargeted impact on "two hospitals" that the report names.
BOTH_OUT = (
    "Two hospitals in besieged east Aleppo have been hit by air strikes, knocking them out "
    "of commission, doctors said.\n\n"
    "The hospitals are called M10 and M2 by medics in the city."
)
PUBLISHED = dt.date(2016, 9, 28)  # a Wednesday


def store(db: Database, report: str, published: dt.date = PUBLISHED) -> int:
    raw = report.encode()
    document = Document(
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        text=report,
        media_type="text/plain",
        origin="test.txt",
        published=published,
    )
    return db.store(document, carewatch.extract(report, published=published)).document_id


def candidates_of(db: Database, document_id: int) -> list[tuple[int, object]]:
    with Session(db.engine) as session:
        rows = session.scalars(
            select(IncidentRow)
            .where(IncidentRow.document_id == document_id)
            .order_by(IncidentRow.ordinal)
        ).all()
        return [(row.id, row.data) for row in rows]


def facility_id(db: Database, name: str) -> int:
    [found] = [f.id for f in list_facilities(db) if f.name == name]
    return found


@pytest.fixture
def db(database_url: str):  # type: ignore[no-untyped-def]
    with Database(database_url) as database:
        yield database


def test_m10_gets_three_dated_status_changes_linked_to_the_strike_and_m2_none(
    db: Database,
) -> None:
    document_id = store(db, STRIKE)
    extraction = carewatch.extract(STRIKE, published=PUBLISHED)
    stored = candidates_of(db, document_id)
    assert len(stored) == len(extraction.incidents)
    pairs = [(cid, c) for (cid, _), c in zip(stored, extraction.incidents, strict=True)]
    [m10_incident] = [cid for cid, c in pairs if any(f.name == "M10" for f in c.facilities)]

    effects = record_facility_effects(db, document_id, pairs, PUBLISHED)

    m10, m2 = facility_id(db, "M10"), facility_id(db, "M2")
    assert effects.proposed_facilities == {m10, m2}
    changes = timeline(db, m10)
    assert {(c.dimension, c.item, c.value) for c in changes} == {
        ("service", "icu", "not_available"),
        ("infrastructure", "water", "partially_available"),
        ("infrastructure", "power", "partially_available"),
    }
    assert len(changes) == 3
    for change in changes:
        assert change.date == PUBLISHED  # "on Wednesday", the day of publication
        assert change.incident_id == m10_incident
        assert change.document_id == document_id
        assert change.evidence is not None
        assert STRIKE[change.evidence.start : change.evidence.end] == change.evidence.text
        assert change.source is not None and change.source["person"] == "Samir Haddad"
    icu = next(c for c in changes if c.item == "icu")
    assert icu.evidence is not None and "intensive care unit is out of service" in icu.evidence.text
    assert timeline(db, m2) == []


def test_recording_again_replaces_rather_than_adds(db: Database) -> None:
    document_id = store(db, STRIKE)
    record_stored_document(db, document_id)
    record_stored_document(db, document_id)
    assert len(timeline(db, facility_id(db, "M10"))) == 3
    assert [f.name for f in list_facilities(db)] == ["M10", "M2"]


def test_state_on_a_date_is_the_latest_change_on_or_before_it(db: Database) -> None:
    record_stored_document(db, store(db, STRIKE))
    m10 = facility_id(db, "M10")
    before = states_on(db, [m10], PUBLISHED - dt.timedelta(days=1))[m10]
    on = states_on(db, [m10], PUBLISHED)[m10]
    assert before.service_available("icu") and before.latest == {}
    assert not on.service_available("icu")
    assert on.value("infrastructure", "power") == "partially_available"
    assert on.functioning  # an ICU closed is not the hospital closed
    assert [r.id for r in on.evidence()] == [r.id for r in timeline(db, m10)]


def test_an_impact_on_two_named_hospitals_reaches_both(db: Database) -> None:
    record_stored_document(db, store(db, BOTH_OUT))
    for name in ("M10", "M2"):
        values = {(c.dimension, c.value) for c in timeline(db, facility_id(db, name))}
        assert ("functionality", "not_functioning") in values
        assert not states_on(db, [facility_id(db, name)], PUBLISHED)[
            facility_id(db, name)
        ].functioning


def test_relink_rebuilds_from_stored_candidates(db: Database) -> None:
    store(db, STRIKE)  # stored without recording, as in a database from before the registry
    assert list_facilities(db) == []
    effects = relink_all(db)
    assert len(effects.status_changes) == 3
    assert len(timeline(db, facility_id(db, "M10"))) == 3
    again = relink_all(db)
    assert len(again.status_changes) == 3 and again.proposed_facilities == set()
    assert len(list_facilities(db)) == 2


@pytest.mark.parametrize(
    ("effect", "item", "expected"),
    [
        (
            "destroyed",
            "facility",
            [("building_damage", "", "full"), ("functionality", "", "not_functioning")],
        ),
        ("damaged", "facility", [("building_damage", "", "partial")]),
        ("out_of_service", "facility", [("functionality", "", "not_functioning")]),
        ("out_of_service", "icu", [("service", "icu", "not_available")]),
        ("destroyed", "operating_theatre", [("service", "operating_theatre", "not_available")]),
        ("damaged", "maternity", [("service", "maternity", "partially_available")]),
        ("damaged", "generators", [("infrastructure", "power", "partially_available")]),
        ("destroyed", "water", [("infrastructure", "water", "not_available")]),
        ("out_of_service", "oxygen", [("infrastructure", "oxygen", "not_available")]),
        ("destroyed", "transport", []),
    ],
)
def test_impact_mapping(effect: str, item: str, expected: list[tuple[str, str, str]]) -> None:
    assert status_changes_for(effect, item) == [StatusChange(*e) for e in expected]
