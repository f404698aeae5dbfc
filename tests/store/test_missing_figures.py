"""A figure of health workers gone missing is stored, merged and shown as such: never
added to the kidnapped, killed or injured, and nothing that reads figures fails on it."""

from __future__ import annotations

import datetime as dt

import pytest

from carewatch.accounts import Role, User
from carewatch.pipeline import ingest_upload
from carewatch.share import service
from carewatch.store import Database
from carewatch.store import dashboard as q
from carewatch.store.merged_reading import get_merged

# Written for this test.
REPORT = (
    "Gunmen attacked the Al-Amal clinic in Kadugli, Sudan, on Monday. A nurse was killed "
    "and two paramedics are missing since the attack, the clinic's director said.\n"
)
ANALYST = User(3, "ana", Role.ANALYST)


@pytest.fixture
def db(tmp_path) -> Database:  # type: ignore[no-untyped-def]
    with Database(f"sqlite:///{tmp_path / 'carewatch.db'}") as database:
        ingest_upload(REPORT.encode(), "missing.txt", database, extractor_name="carewatch.rules.v1",
                      published=dt.date(2024, 3, 6), max_bytes=10**6)
        yield database


def test_missing_is_kept_apart_from_kidnapped_and_from_the_toll(db: Database) -> None:
    [summary] = q.page(db, q.IncidentFilter())
    data = get_merged(db, summary.id).incident.data
    figures = {f["field"]: f["conservative"] for f in data["figures"]}
    assert figures.get("missing:health_workers") == 2
    assert "kidnapped:health_workers" not in figures
    assert q.totals(db, q.IncidentFilter()).killed == 1
    assert q.totals(db, q.IncidentFilter()).injured in (0, None)


def test_views_and_the_dashboard_read_a_missing_figure(db: Database) -> None:
    [summary] = q.page(db, q.IncidentFilter())
    view = service.incident(db, ANALYST, summary.id)
    assert view.killed == 1
    assert service.dashboard_data(db, ANALYST, q.IncidentFilter())
