"""Reviewing through the API: merge two incidents, split one back out, and see the
corrected figures in the dashboard's totals."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from carewatch.accounts import add_user, issue_token
from carewatch.pipeline import ingest_upload
from carewatch.settings import Settings
from carewatch.store import Database
from carewatch.web import create_app

# Written for this test: one shelling of a clinic told twice, too differently for the
# merger to join them on its own (no shared place word, a week apart in their dates).
FIRST = (("Shelling hit a clinic in Taiz, Yemen, on Monday, killing two nurses, the clinic's "
         "director said.\n"), dt.date(2019, 6, 4))
SECOND = (("A health centre in Aden, Yemen, was shelled last week and one patient died, a "
          "local official said.\n"), dt.date(2019, 6, 20))


@pytest.fixture
def api(database_url: str) -> TestClient:
    url = database_url
    db = Database(url)
    for name, (text, published) in {"a.txt": FIRST, "b.txt": SECOND}.items():
        ingest_upload(text.encode(), name, db, extractor_name="carewatch.rules.v1",
                      published=published, max_bytes=10**6)
    add_user(db, "ana", "analyst", "a long passphrase")
    token = issue_token(db, "ana")
    client = TestClient(create_app(Settings(database_url=url, secret_key="k" * 40), db),
                        base_url="https://testserver",
                        headers={"Authorization": f"Bearer {token}"})
    with client:
        yield client
    db.close()


def _review(api: TestClient, incident: int, **body) -> dict:
    response = api.post(f"/api/incidents/{incident}/reviews", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_merge_then_split(api: TestClient) -> None:
    ids = sorted(i["id"] for i in api.get("/api/incidents").json())
    assert len(ids) == 2
    merged = _review(api, ids[0], action="merge", other_incident=ids[1],
                     why="same shelling, two reports")
    assert len(merged["members"]) == 2 and len(merged["documents"]) == 2
    assert merged["history"][-1]["action"] == "merge"
    assert merged["history"][-1]["why"] == "same shelling, two reports"
    assert len(api.get("/api/incidents").json()) == 1
    candidate = merged["members"][1]
    _review(api, merged["id"], action="split", candidate_id=candidate, why="different towns")
    assert len(api.get("/api/incidents").json()) == 2


def test_totals_use_corrected_figures(api: TestClient) -> None:
    before = api.get("/api/dashboard").json()["totals"]
    assert before == {"incidents": 2, "killed": 3, "injured": 0}
    taiz = next(i for i in api.get("/api/incidents?country=YEM").json()
                if i["killed"] == 2)
    _review(api, taiz["id"], action="correct", field="killed:health_workers", value=5,
            why="hospital register")
    assert api.get("/api/dashboard").json()["totals"]["killed"] == 6
    _review(api, taiz["id"], action="correct", field="injured:health_workers", value=1,
            why="hospital register")
    dashboard = api.get("/api/dashboard").json()
    assert dashboard["totals"] == {"incidents": 2, "killed": 6, "injured": 1}
    # The timeline's months add up to the same corrected total.
    assert sum(month["killed"] for month in dashboard["timeline"]) == 6


def test_unknown_review_action_is_refused(api: TestClient) -> None:
    first = api.get("/api/incidents").json()[0]["id"]
    response = api.post(f"/api/incidents/{first}/reviews", json={"action": "delete"})
    assert response.status_code == 400 and "unknown review action" in response.json()["detail"]
