"""carewatch.facilities.registry and .area: look-up, proposing, identities, the schema.

Reports here are short texts written for these tests in the style of a news report on
air strikes on hospitals; they quote no real report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.orm import Session

import carewatch
from carewatch.data_files import load_json
from carewatch.facilities import (
    Area,
    facility_identities,
    find_facility,
    import_facilities,
    list_facilities,
    record_stored_document,
)
from carewatch.facilities.area import distance_km
from carewatch.facilities.registry import facility_key
from carewatch.model import Document
from carewatch.resolve.places import resolve_place
from carewatch.store import Database
from carewatch.store.tables import Base
from carewatch.store.tables_facilities import FacilityIdentityRow, FacilityNameRow, FacilityRow

# Written for this test: two reports naming the same code-named hospital in one city,
# and one naming a hospital of the same code name in another city.
FIRST = (
    "Air strikes on besieged east Aleppo on Wednesday put two hospitals under fire, "
    "a Syrian medical charity said.\n\n"
    "The hospitals are called M10 and M2 by medics in the city, to keep their locations "
    "off intercepted radio."
)
SECOND = (
    "The hospital called M10 in Aleppo was shelled again on Friday, doctors said, "
    "a week after its intensive care unit closed."
)
ELSEWHERE = "A hospital called M10 in Homs was shelled on Friday, doctors said."


def store(db: Database, report: str, published: dt.date) -> int:
    raw = report.encode()
    document = Document(
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        text=report,
        media_type="text/plain",
        origin=f"test-{published}.txt",
        published=published,
    )
    stored = db.store(document, carewatch.extract(report, published=published))
    record_stored_document(db, stored.document_id)
    return stored.document_id


@pytest.fixture
def db(database_url: str):  # type: ignore[no-untyped-def]
    with Database(database_url) as database:
        yield database


def test_migrations_create_the_facility_tables_as_the_tables_module_says(db: Database) -> None:
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert differences == []
    assert version is not None and version >= "0003_facilities"  # it or a later migration
    assert "facility_identities" in Base.metadata.tables


def test_data_files_parse() -> None:
    herams = load_json("herams.json")
    assert herams["dimensions"]["functionality"]["values"] == [
        "fully_functioning",
        "partially_functioning",
        "not_functioning",
    ]
    assert {"emergency_unit", "icu", "operating_theatre", "maternity", "dialysis"} <= set(
        herams["services"]
    )
    sphere = load_json("sphere.json")
    assert sphere["standards"]["hospital"]["population_per_facility"] == 250_000
    assert sphere["standards"]["health_centre"]["population_per_facility"] == 10_000
    assert "Sphere Handbook" in sphere["citation"] and "2018" in sphere["citation"]


def test_a_new_facility_is_proposed_once_and_a_second_mention_links_to_it(db: Database) -> None:
    store(db, FIRST, dt.date(2016, 9, 28))
    proposed = {f.name: f for f in list_facilities(db)}
    assert set(proposed) == {"M10", "M2"}
    assert {f.status for f in proposed.values()} == {"proposed"}
    assert proposed["M10"].code_name == "M10" and proposed["M10"].place_name == "Aleppo"

    store(db, SECOND, dt.date(2016, 9, 30))
    assert [f.name for f in list_facilities(db)] == ["M10", "M2"]  # not created twice
    with Session(db.engine) as session:
        links = session.execute(text("SELECT facility_id FROM facility_links")).scalars().all()
    assert links.count(proposed["M10"].id) == 2


def test_the_same_code_name_in_another_city_is_another_facility(db: Database) -> None:
    store(db, FIRST, dt.date(2016, 9, 28))
    store(db, ELSEWHERE, dt.date(2016, 9, 30))
    places = sorted((f.name, f.place_name) for f in list_facilities(db) if f.name == "M10")
    assert places == [("M10", "Aleppo"), ("M10", "Homs")]
    aleppo = list_facilities(db, Area.resolve("east Aleppo"))
    assert {f.name for f in aleppo} == {"M10", "M2"}


def test_code_names_that_differ_by_a_repeated_digit_are_different_facilities(
    db: Database,
) -> None:
    # Written for this test: "M1" and "M11" (and "M10", "M100") are four hospitals.
    store(db, "Shelling hit the hospitals known as M1 and M11 in Aleppo on Friday, doctors said.",
          dt.date(2016, 10, 7))
    store(db, "The hospitals called M10 and M100 in Aleppo were struck on Sunday, medics said.",
          dt.date(2016, 10, 9))
    assert sorted(f.name for f in list_facilities(db)) == ["M1", "M10", "M100", "M11"]
    # Doubled letters still fold, as place names are spelt both ways.
    assert facility_key("Al-Shifaa Hospital") == facility_key("al Shifa hospital")


def test_look_up_by_alias_code_name_and_real_name_prefers_confirmed(
    db: Database, tmp_path: Path
) -> None:
    store(db, FIRST, dt.date(2016, 9, 28))  # proposes M10
    registry = tmp_path / "registry.csv"
    registry.write_text(
        "name,code_name,aliases,type,place,latitude,longitude,services,operator,real_name,"
        "population_served\n"
        "M10,M10,Field Hospital Ten;FH10,hospital,Aleppo,36.21,37.15,icu,,Test Hospital,40000\n",
        encoding="utf-8",
    )
    import_facilities(db, registry)
    aleppo = resolve_place("Aleppo")
    with Session(db.engine) as session:
        by_alias = find_facility(session, "field hospital ten", aleppo)
        by_code = find_facility(session, "m10", aleppo)
        by_real = find_facility(session, "Test Hospital", aleppo)
        assert by_alias is not None and by_alias.status == "confirmed"
        assert by_code is not None and by_real is not None
        assert by_alias.id == by_code.id == by_real.id
        # The real name is not among the public names.
        names = session.scalars(
            select(FacilityNameRow.name).where(FacilityNameRow.facility_id == by_code.id)
        ).all()
        assert "Test Hospital" not in names
        public = session.get(FacilityRow, by_code.id)
        assert public is not None and public.latitude != 36.21  # the area's, not the building's
        identity = session.get(FacilityIdentityRow, by_code.id)
        assert identity is not None and identity.real_name == "Test Hospital"
    [record] = [f for f in list_facilities(db) if f.id == by_code.id]
    assert "Test Hospital" not in repr(record)
    assert facility_identities(db, [record.id])[record.id].latitude == 36.21


def test_area_rule() -> None:
    aleppo = Area.resolve("east Aleppo")
    assert aleppo.place is not None and aleppo.place.resolved == "Aleppo"
    assert aleppo.contains("Aleppo", "SYR")
    assert aleppo.contains("ALEPPO", "SYR")  # folded as the gazetteer folds names
    lat, lon = aleppo.place.latitude, aleppo.place.longitude
    assert lat is not None and lon is not None
    assert aleppo.contains("a suburb", "SYR", lat + 0.1, lon)  # about 11 km
    assert not aleppo.contains("Homs", "SYR", 34.73, 36.71)
    assert not aleppo.contains("Aleppo", "TUR")
    syria = Area.resolve("Syria")
    assert syria.contains("Homs", "SYR") and not syria.contains("Gaziantep", "TUR")
    unknown = Area("Nowhere-in-particular", None)
    assert unknown.contains("nowhere-in-particular") and not unknown.contains("Aleppo")
    assert distance_km(36.2, 37.16, 36.2, 37.16) == 0
