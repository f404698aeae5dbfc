"""Hostile files uploaded through the API: a rejection in the answer, never an HTTP 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from carewatch.accounts import Role, add_user, issue_token
from carewatch.settings import Settings
from carewatch.store import Database
from carewatch.web import create_app

REPORT = b"An air strike hit the district hospital in Idlib on Monday, killing two nurses."


@pytest.fixture
def analyst(database_url: str) -> Iterator[tuple[TestClient, dict[str, str], Database]]:
    db = Database(database_url)
    add_user(db, "ana", Role.ANALYST, "ana's long passphrase")
    headers = {"Authorization": f"Bearer {issue_token(db, 'ana')}"}
    settings = Settings(database_url=database_url, secret_key="s" * 40)
    with TestClient(create_app(settings, db), base_url="https://testserver") as client:
        yield client, headers, db
    db.close()


@pytest.mark.parametrize(("name", "content"), [
    ("deep.json", b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
    ("deep.jsonl", b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"),
])
def test_deeply_nested_json_is_rejected_by_name(
    analyst: tuple[TestClient, dict[str, str], Database], name: str, content: bytes
) -> None:
    client, headers, db = analyst
    response = client.post("/api/reports", headers=headers,
                           files={"file": (name, content, "application/json")})
    assert response.status_code == 200, response.text
    [rejection] = response.json()["rejected"]
    assert rejection["origin"].startswith(f"upload:{name}")
    assert "nested more than 100 levels" in rejection["problem"]
    assert db.count_documents() == 0

    after = client.post("/api/reports", headers=headers,
                        files={"file": ("report.txt", REPORT, "text/plain")})
    assert after.status_code == 200 and after.json()["documents_new"] == 1
