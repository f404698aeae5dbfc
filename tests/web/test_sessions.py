"""Sessions kept on the server: logging out, deactivation and a new password end them
wherever a copy of the cookie is, and a session ends at a fixed time however much it is
used. The real app through its TestClient, over a real database."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from databases import rows, scalar
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from carewatch.accounts import Role, add_user, deactivate_user, set_password
from carewatch.pipeline import ingest_upload
from carewatch.settings import Settings
from carewatch.store import Database
from carewatch.store.tables_users import SessionRow
from carewatch.web import create_app

PASSWORD = "a long analyst passphrase"
# Written for this test.
REPORT = ("Gunmen stormed a clinic in Taiz, Yemen, on Monday and killed two nurses, the "
          "clinic's director, Dr Example Person, told reporters.\n")
SESSION_HOURS = 8


@pytest.fixture
def app(database_url: str) -> Iterator[tuple[TestClient, Database, int]]:
    with Database(database_url) as db:
        add_user(db, "ana", Role.ANALYST, PASSWORD)
        ingest_upload(REPORT.encode(), "taiz.txt", db, extractor_name="carewatch.rules.v1",
                      published=dt.date(2019, 6, 4), max_bytes=10**6)
        incident = scalar(db, "SELECT min(id) FROM merged_incidents")
        settings = Settings(database_url=database_url, secret_key="s" * 40,
                            session_hours=SESSION_HOURS)
        with TestClient(create_app(settings, db), base_url="https://testserver") as client:
            yield client, db, incident


def _csrf(client: TestClient, path: str = "/login") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found
    return found.group(1)


def _log_in(client: TestClient) -> None:
    response = client.post("/login", data={"name": "ana", "password": PASSWORD,
                                           "csrf_token": _csrf(client)}, follow_redirects=False)
    assert response.status_code == 303


def _reads_report_text(client: TestClient, incident: int) -> bool:
    response = client.get(f"/api/incidents/{incident}/documents")
    return response.status_code == 200 and "Dr Example Person" in response.text


def test_logging_out_ends_the_session_for_a_copied_cookie_too(app) -> None:
    client, db, incident = app
    _log_in(client)
    copied = dict(client.cookies)
    assert _reads_report_text(client, incident)
    client.post("/logout", data={"csrf_token": _csrf(client, "/")})
    assert not _reads_report_text(client, incident)

    client.cookies.clear()
    client.cookies.update(copied)  # the cookie as it was before logging out
    assert client.get(f"/api/incidents/{incident}/documents").status_code == 401
    assert "Dr Example Person" not in client.get(f"/incidents/{incident}").text
    assert rows(db, "SELECT key_sha256 FROM sessions") == []


def _lifetimes(db: Database) -> list[tuple[dt.datetime, dt.datetime]]:
    with Session(db.engine) as session:
        return [(c, e) for c, e in session.execute(
            select(SessionRow.created_at, SessionRow.expires_at))]


def test_a_session_ends_at_a_fixed_time_however_much_it_is_used(app) -> None:
    client, db, incident = app
    _log_in(client)
    [(created, expires)] = _lifetimes(db)
    for _ in range(5):
        assert _reads_report_text(client, incident)
    assert _lifetimes(db) == [(created, expires)]
    assert expires - created == dt.timedelta(hours=SESSION_HOURS)

    # The session's end comes (moved to now, as time would bring it).
    with Session(db.engine) as session, session.begin():
        session.execute(update(SessionRow).values(
            expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
    assert not _reads_report_text(client, incident)
    assert "Public view" in client.get("/").text


def test_the_cookie_holds_no_user_id_and_the_database_no_session_key(app) -> None:
    client, db, _ = app
    _log_in(client)
    [(stored,)] = rows(db, "SELECT key_sha256 FROM sessions")
    assert len(stored) == 64 and stored not in client.cookies["carewatch_session"]


@pytest.mark.parametrize("how", ["deactivated", "new password"])
def test_deactivation_and_a_new_password_end_every_session(app, how: str) -> None:
    client, db, incident = app
    _log_in(client)
    other = TestClient(client.app, base_url="https://testserver")
    _log_in(other)  # a second browser
    assert scalar(db, "SELECT count(*) FROM sessions") == 2
    if how == "deactivated":
        deactivate_user(db, "ana")
    else:
        set_password(db, "ana", "a new long passphrase")
    assert scalar(db, "SELECT count(*) FROM sessions") == 0
    assert not _reads_report_text(client, incident)
    assert not _reads_report_text(other, incident)
