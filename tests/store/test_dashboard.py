"""Dashboard queries over merged incidents: filters, totals, timeline, map groups."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from carewatch.pipeline import ingest_upload
from carewatch.store import Database
from carewatch.store import dashboard as q
from carewatch.store.reviews import record_review

# Written for this test: three attacks in two countries and two months.
REPORTS = {
    "idlib.txt": (("An air strike by Syrian government forces hit a hospital in Idlib, Syria, "
                  "on Tuesday, killing two patients and injuring four nurses.\n"),
                  dt.date(2019, 5, 7)),
    "taiz.txt": (("Gunmen attacked a clinic in Taiz, Yemen, on Monday and killed three health "
                 "workers.\n"), dt.date(2019, 6, 4)),
    "aden.txt": (("Shelling damaged a hospital in Aden, Yemen, on Sunday; one patient was "
                 "killed.\n"), dt.date(2019, 6, 10)),
}


@pytest.fixture
def db(database_url: str) -> Database:
    with Database(database_url) as database:
        for name, (text, published) in REPORTS.items():
            summary = ingest_upload(text.encode(), name, database,
                                    extractor_name="carewatch.rules.v1", published=published,
                                    max_bytes=10**6)
            assert summary.health_care_incidents == 1, name
        yield database


def test_totals_and_filters(db: Database) -> None:
    assert q.totals(db, q.IncidentFilter()) == q.Totals(3, 6, 4)
    assert q.totals(db, q.IncidentFilter(country_code="yem")).incidents == 2
    june = q.IncidentFilter(date_from=dt.date(2019, 6, 1), date_to=dt.date(2019, 6, 30))
    assert q.totals(db, june) == q.Totals(2, 4, 0)
    state = q.IncidentFilter(perpetrator_type="state_armed_forces")
    assert [s.country_code for s in q.page(db, state)] == ["SYR"]


def test_published_only_shows_accepted_incidents(db: Database) -> None:
    assert q.totals(db, q.IncidentFilter(published_only=True)).incidents == 0
    first = q.page(db, q.IncidentFilter(country_code="SYR"))[0].id
    record_review(db, first, "accept", by="ana")
    assert [s.id for s in q.page(db, q.IncidentFilter(published_only=True))] == [first]
    record_review(db, first, "reopen", by="ana", why="new report disagrees")
    assert q.totals(db, q.IncidentFilter(published_only=True)).incidents == 0
    assert q.totals(db, q.IncidentFilter(status="proposed")).incidents == 3
    record_review(db, first, "reject", by="ana")
    assert q.totals(db, q.IncidentFilter(status="rejected")).incidents == 1
    assert q.totals(db, q.IncidentFilter(status="proposed")).incidents == 2


def test_timeline_and_map(db: Database) -> None:
    assert q.monthly(db, q.IncidentFilter()) == [("2019-05", 1, 2), ("2019-06", 2, 4)]
    by_area = q.map_groups(db, q.IncidentFilter(), by_area=True)
    assert sorted(g.country_code for g in by_area) == ["SYR", "YEM", "YEM"]
    points = q.map_groups(db, q.IncidentFilter(), by_area=False)
    assert all(round(p.latitude, 1) == p.latitude for p in points)
    assert sum(p.incidents for p in points) == 3
    assert {c for c, _ in q.areas(db, q.IncidentFilter())} == {"SYR", "YEM"}
    assert q.areas(db, q.IncidentFilter(published_only=True)) == []


def _downgrade(db: Database, revision: str) -> None:
    from importlib.resources import as_file, files

    from alembic import command
    from alembic.config import Config

    with as_file(files("carewatch.store").joinpath("migrations")) as location:
        config = Config()
        config.set_main_option("script_location", str(location))
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, revision)


def test_the_dashboard_migration_fills_its_copies_from_what_came_before(db: Database) -> None:
    syria = q.page(db, q.IncidentFilter(country_code="SYR"))[0].id
    aden, taiz = (s.id for s in q.page(db, q.IncidentFilter(country_code="YEM")))  # newest first
    record_review(db, syria, "accept", by="ana")
    record_review(db, aden, "reject", by="ana")
    record_review(db, aden, "reopen", by="bo")
    record_review(db, aden, "accept", by="bo")
    record_review(db, taiz, "correct", by="ana", field="killed:health_workers", value=4)
    before = {status: q.totals(db, q.IncidentFilter(status=status)).incidents
              for status in ("accepted", "rejected", "proposed")}
    assert before == {"accepted": 2, "rejected": 0, "proposed": 1}
    (correction,) = q.figure_corrections(db, q.IncidentFilter())
    assert correction.figures == {"killed:health_workers": 3} and correction.value == 4

    with db.engine.connect() as connection:
        members = connection.execute(text("SELECT count(*) FROM incident_members")).scalar()
    assert members == 3

    _downgrade(db, "0004_users_reviews")
    db.migrate()
    with db.engine.connect() as connection:  # copying the table cascaded to nothing
        assert connection.execute(text("SELECT count(*) FROM incident_members")).scalar() == 3
    after = {status: q.totals(db, q.IncidentFilter(status=status)).incidents
             for status in ("accepted", "rejected", "proposed")}
    assert after == before
    assert q.figure_corrections(db, q.IncidentFilter()) == [correction]  # figures refilled
    assert [s.id for s in q.page(db, q.IncidentFilter(published_only=True))] == [aden, syria]


def test_going_back_before_the_dashboard_columns_keeps_every_merged_incident(db: Database
                                                                              ) -> None:
    _downgrade(db, "0003_facilities")
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM incident_members")).scalar() == 3
    db.migrate()
    assert q.totals(db, q.IncidentFilter()) == q.Totals(3, 6, 4)  # columns refilled


def test_the_type_filter_finds_any_of_an_incidents_types(db: Database) -> None:
    idlib = q.page(db, q.IncidentFilter(country_code="SYR"))[0]
    assert idlib.incident_type == "attack_on_health_facility"  # what was struck comes first
    on_patients = q.IncidentFilter(incident_type="attack_on_patients")
    patients_hit = q.page(db, on_patients)  # Idlib and Aden, though neither's first type
    assert idlib.id in [s.id for s in patients_hit] and len(patients_hit) == 2
    assert all(s.incident_type != "attack_on_patients" for s in patients_hit)
    on_workers = q.IncidentFilter(incident_type="attack_on_health_workers")
    assert [s.country_code for s in q.page(db, on_workers)] == ["YEM", "SYR"]
    assert q.totals(db, q.IncidentFilter(incident_type="looting")).incidents == 0


# Written for this test: an attack that two kinds of perpetrator are alleged to have made.
TWO_PERPETRATORS = (
    "Government forces and an armed group shelled a hospital in Homs, Syria, on Friday, "
    "killing one nurse.\n"
)


def test_the_perpetrator_filter_finds_any_of_an_incidents_perpetrators(db: Database) -> None:
    ingest_upload(TWO_PERPETRATORS.encode(), "homs.txt", db, extractor_name="carewatch.rules.v1",
                  published=dt.date(2019, 7, 6), max_bytes=10**6)
    homs = next(s for s in q.page(db, q.IncidentFilter(country_code="SYR"))
                if s.id not in {i.id for i in q.page(db, q.IncidentFilter(
                    country_code="SYR", date_to=dt.date(2019, 6, 30)))})
    types = [p["actor_type"] for p in homs.data["perpetrators"]]
    assert len(set(types)) == 2, types  # the report names both
    for actor_type in types:
        found = q.page(db, q.IncidentFilter(perpetrator_type=actor_type))
        assert homs.id in [s.id for s in found], actor_type
    _downgrade(db, "0007_facility_name_keys")
    db.migrate()  # the copied column is filled from what was stored before
    for actor_type in types:
        assert homs.id in [s.id for s in q.page(db, q.IncidentFilter(perpetrator_type=actor_type))]
