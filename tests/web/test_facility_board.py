"""The facility board a page at a time, and by area, through the API and the page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from carewatch.accounts import Role, add_user, issue_token
from carewatch.facilities.importer import import_facilities
from carewatch.settings import Settings
from carewatch.store import Database
from carewatch.web import create_app
from carewatch.web.pages import BOARD_PAGE

# Invented facilities: more in Aleppo than one page of the board holds, two in Idlib.
ALEPPO = BOARD_PAGE + 5
REGISTRY = "name,type,place\n" + "".join(
    [f"Aleppo Clinic {i},clinic,Aleppo\n" for i in range(ALEPPO)]
    + ["Idlib Field Hospital,hospital,Idlib\n", "Idlib Clinic,clinic,Idlib\n"]
)


@pytest.fixture(scope="module")
def board(
    tmp_path_factory: pytest.TempPathFactory, module_database_url: str
) -> Iterator[tuple[TestClient, dict]]:
    folder = tmp_path_factory.mktemp("board")
    url = module_database_url
    registry = folder / "registry.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    db = Database(url)
    assert len(import_facilities(db, registry).created) == ALEPPO + 2
    add_user(db, "pat", Role.PARTNER, "a long partner passphrase")
    headers = {"Authorization": f"Bearer {issue_token(db, 'pat')}"}
    with TestClient(create_app(Settings(database_url=url, secret_key="s" * 40), db),
                    base_url="https://testserver") as client:
        yield client, headers
    db.close()


def test_the_api_pages_through_the_registry(board) -> None:
    client, headers = board
    first = client.get("/api/facilities?limit=50", headers=headers)
    assert first.status_code == 200 and first.headers["X-Total-Count"] == str(ALEPPO + 2)
    rest = client.get("/api/facilities?limit=1000&offset=50", headers=headers).json()
    names = [f["name"] for f in first.json()] + [f["name"] for f in rest]
    assert len(names) == len(set(names)) == ALEPPO + 2
    assert client.get("/api/facilities?limit=0", headers=headers).status_code == 422


def test_the_api_keeps_to_an_area(board) -> None:
    client, headers = board
    found = client.get("/api/facilities?area=Idlib", headers=headers)
    assert found.headers["X-Total-Count"] == "2"
    assert {f["name"] for f in found.json()} == {"Idlib Field Hospital", "Idlib Clinic"}


def test_the_board_shows_a_page_and_links_to_the_next(board) -> None:
    client, headers = board
    page = client.get("/facilities", headers=headers).text
    assert f"Facilities 1–{BOARD_PAGE} of {ALEPPO + 2}" in page
    assert len(re.findall(r'<a href="/facilities/\d+">', page)) == BOARD_PAGE
    assert 'id="previous-page"' not in page
    following = re.search(r'id="next-page" href="([^"]+)"', page)
    assert following
    second = client.get(following[1].replace("&amp;", "&"), headers=headers).text
    assert f"Facilities {BOARD_PAGE + 1}–{ALEPPO + 2} of {ALEPPO + 2}" in second
    assert 'id="previous-page"' in second and 'id="next-page"' not in second


def test_the_board_keeps_to_an_area(board) -> None:
    client, headers = board
    page = client.get("/facilities?area=Idlib", headers=headers).text
    assert "Facilities 1–2 of 2 in Idlib" in page and "Aleppo Clinic" not in page
    nowhere = client.get("/facilities?area=Atlantis", headers=headers).text
    assert "No facilities in Atlantis." in nowhere
