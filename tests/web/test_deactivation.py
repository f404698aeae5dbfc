"""A closed account: its open session and its API tokens stop working at once."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from carewatch.accounts import Role, add_user, deactivate_user, issue_token
from carewatch.settings import Settings
from carewatch.store import Database
from carewatch.web import create_app

PASSWORD = "a long analyst passphrase"


def test_a_deactivated_analyst_is_the_public_at_the_next_request(database_url: str) -> None:
    url = database_url
    with Database(url) as db:
        add_user(db, "ana", Role.ANALYST, PASSWORD)
        token = issue_token(db, "ana")
        app = create_app(Settings(database_url=url, secret_key="s" * 40), db)
        with TestClient(app, base_url="https://testserver") as client:
            form = client.get("/login").text
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)
            assert csrf
            client.post("/login", data={"name": "ana", "password": PASSWORD,
                                        "csrf_token": csrf[1]})
            assert client.get("/upload", follow_redirects=False).status_code == 200
            bearer = {"Authorization": f"Bearer {token}"}
            assert client.get("/api/facilities", headers=bearer).status_code == 200

            assert deactivate_user(db, "ana") == 1

            assert client.get("/upload", follow_redirects=False).status_code == 303
            assert "Public view" in client.get("/").text
            assert client.get("/api/facilities", headers=bearer).status_code == 401
