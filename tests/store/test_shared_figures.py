"""A figure one report gives for two incidents is shown with both and counted once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text, update

from carewatch.pipeline import ingest_upload
from carewatch.share.service import corrected_totals
from carewatch.store import Database
from carewatch.store import dashboard as q
from carewatch.store.merged_reading import get_merged
from carewatch.store.merging import merge_incidents, rebuild
from carewatch.store.reviews import record_review
from carewatch.store.tables_merge import MergedIncidentRow

# Written for this test: one toll told for strikes on two hospitals.
TWO_HOSPITALS = (
    "Air strikes hit the M4 and M7 hospitals in Idlib, Syria, on Tuesday. "
    "Three patients were killed and five nurses wounded in the strikes, a doctor said.\n"
)
PUBLISHED = dt.date(2019, 5, 9)


def _ingest(db: Database, body: str, name: str) -> None:
    ingest_upload(body.encode(), name, db, extractor_name="carewatch.rules.v1",
                  published=PUBLISHED, max_bytes=10**6)


@pytest.fixture
def db(database_url: str) -> Database:
    with Database(database_url) as database:
        _ingest(database, TWO_HOSPITALS, "two-hospitals.txt")
        yield database


def _ids(db: Database) -> list[int]:
    return [s.id for s in q.page(db, q.IncidentFilter())]


def test_each_incident_shows_the_figure_and_the_totals_count_it_once(db: Database) -> None:
    ids = _ids(db)
    assert len(ids) == 2
    for merged_id in ids:
        data = get_merged(db, merged_id).incident.data
        figures = {f["field"]: f["conservative"] for f in data["figures"]}
        assert figures["killed:patients"] == 3 and figures["injured:health_workers"] == 5
    assert q.totals(db, q.IncidentFilter()) == q.Totals(2, 3, 5)
    assert q.monthly(db, q.IncidentFilter()) == [("2019-05", 2, 3)]
    assert sum(g.killed for g in q.map_groups(db, q.IncidentFilter(), by_area=False)) == 3


def _second(db: Database) -> int:
    """The incident of M7, named after M4: the toll is counted with M4's."""
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT id FROM merged_incidents WHERE killed IS NULL")).scalar_one()


def test_corrections_move_the_toll_once(db: Database) -> None:
    second = _second(db)
    assert "M7" in str(get_merged(db, second).incident.data["facilities"])
    first = next(i for i in _ids(db) if i != second)
    record_review(db, first, "correct", by="ana", field="killed:patients", value=2,
                  why="the hospital's register lists two")
    assert corrected_totals(db, q.IncidentFilter()).killed == 2
    record_review(db, second, "correct", by="ana", field="killed:patients", value=1,
                  why="one more died at M7 the next day")
    assert corrected_totals(db, q.IncidentFilter()).killed == 3


def test_one_incident_made_of_both_counts_the_toll_once(db: Database) -> None:
    merge_incidents(db, _ids(db), by="ana", why="one strike on a shared compound")
    assert q.totals(db, q.IncidentFilter()) == q.Totals(1, 3, 5)


def test_a_rebuild_mends_totals_written_before(db: Database) -> None:
    with db.engine.begin() as connection:  # as an older version wrote them: once each
        connection.execute(update(MergedIncidentRow).values(killed=3, injured=5))
    assert q.totals(db, q.IncidentFilter()).killed == 6
    rebuild(db)
    assert q.totals(db, q.IncidentFilter()) == q.Totals(2, 3, 5)


def test_a_figure_with_words_of_its_own_stays_counted(db: Database) -> None:
    # Another report's count, for the second hospital alone, is a claim of that incident
    # only: its figure no longer rests wholly on the shared words.
    _ingest(db, "An air strike hit the M7 hospital in Idlib, Syria, on Tuesday, killing "
                "one patient, its director said.\n", "m7.txt")
    with db.engine.connect() as connection:
        killed = connection.execute(text("SELECT killed FROM merged_incidents ORDER BY id")).scalars()
        assert [k for k in killed if k] == [3, 1]
