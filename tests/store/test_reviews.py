"""Reviews of merged incidents: an append-only history that never changes the proposal."""

from __future__ import annotations

import datetime as dt

import pytest

from carewatch.pipeline import ingest_upload
from carewatch.store import Database
from carewatch.store.decisions import DecisionError
from carewatch.store.merged_reading import get_merged
from carewatch.store.merging import rebuild
from carewatch.store.reviews import (
    check_correction,
    record_review,
    review_state,
    reviews_for,
)

# Written for this test.
REPORT = (
    "An air strike hit a hospital in Idlib, Syria, on Tuesday, killing two patients, "
    "said Dr Lina Saleh of the Syria Relief clinic network.\n"
)


@pytest.fixture
def db(database_url: str) -> Database:
    with Database(database_url) as database:
        ingest_upload(REPORT.encode(), "idlib.txt", database, extractor_name="carewatch.rules.v1",
                      published=dt.date(2019, 5, 7), max_bytes=10**6)
        yield database


def test_status_follows_the_latest_status_review(db: Database) -> None:
    assert review_state(reviews_for(db, 1)).status == "proposed"
    record_review(db, 1, "accept", by="ana", why="two sources")
    record_review(db, 1, "correct", by="ana", field="date", value="2019-05-06", why="report")
    assert review_state(reviews_for(db, 1)).status == "accepted"
    record_review(db, 1, "reject", by="bo", why="duplicate of a later report")
    state = review_state(reviews_for(db, 1))
    assert state.status == "rejected"
    assert state.corrections["date"].value == "2019-05-06"
    assert [r.decided_by for r in state.history] == ["ana", "ana", "bo"]


def test_corrections_never_overwrite_the_extractor(db: Database) -> None:
    before = get_merged(db, 1).incident.data
    record_review(db, 1, "correct", by="ana", field="killed:patients", value="3", why="x")
    assert get_merged(db, 1).incident.data == before
    state = review_state(reviews_for(db, 1))
    assert state.corrections["killed:patients"].value == 3


def test_reviews_survive_a_rebuild(db: Database) -> None:
    record_review(db, 1, "accept", by="ana")
    rebuild(db)
    assert review_state(reviews_for(db, 1)).status == "accepted"
    assert reviews_for(db, 1)[0].merged_id == get_merged(db, 1).incident.id


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [("killed:patients", "-1", "between 0"), ("killed:patients", "two", "whole number"),
     ("date", "yesterday", "YYYY-MM-DD"), ("incident_type", "bombing", "unknown incident type"),
     ("certainty", "confirmed", "cannot be corrected"), ("perpetrator", " ", "1 to 500")],
)
def test_bad_corrections_are_refused(field: str, value: str, problem: str) -> None:
    with pytest.raises(DecisionError, match=problem):
        check_correction(field, value)


def test_reviews_of_an_unknown_incident_are_refused(db: Database) -> None:
    with pytest.raises(Exception, match="no incident with id 99"):
        record_review(db, 99, "accept", by="ana")


def test_a_nul_in_an_analysts_words_is_stored_as_a_replacement_character(db: Database) -> None:
    # Text from a form or the API reaches the database by the same guard as reports.
    record_review(db, 1, "reject", by="a\x00na", why="seen\x00twice")
    [review] = reviews_for(db, 1)
    assert (review.decided_by, review.why) == ("a\ufffdna", "seen\ufffdtwice")
