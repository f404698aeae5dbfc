"""Who may see what, through the API and the pages: every role against every sensitive
field, on a real SQLite file with a report and a facility registry written for the test."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from carewatch.accounts import Role, add_user, issue_token
from carewatch.facilities.importer import import_facilities
from carewatch.pipeline import ingest_upload
from carewatch.settings import Settings
from carewatch.store import Database
from carewatch.store.login_attempts import clear_failures
from carewatch.store.reviews import record_review
from carewatch.web import create_app

REPORT = (
    "Air strikes hit a hospital in Idlib, Syria, on Tuesday morning, killing two patients "
    "and wounding three nurses, according to Dr Samira Haddad, the hospital's director. "
    "The hospital, known to medics as H7, is now out of service and its emergency unit was "
    "destroyed, the Syrian American Medical Society said. Residents blamed Russian warplanes.\n"
)
REGISTRY = (
    "name,code_name,aliases,type,place,latitude,longitude,services,operator,real_name,"
    "population_served\n"
    "H7,H7,,hospital,Idlib,35.91234,36.63456,emergency_unit;icu,,"
    "Al-Example Surgical Hospital,40000\n"
)
PASSWORD = "correct horse battery"
# What must never reach a partner or the public, and where an analyst finds it.
SENSITIVE = {
    "real facility name": "Al-Example Surgical Hospital",
    "exact facility latitude": "35.91234",
    "exact facility longitude": "36.63456",
    "name of a health worker and source": "Samira Haddad",
    "report text": "according to Dr",
    "a street an analyst wrote in a correction": "Hanano Street",
}
# An analyst's correction of the place, naming a street: partners see the city.
CORRECTED_PLACE = "Hanano Street 4, Idlib"
FILTERED = "perpetrator=foreign_state_forces"
ROUTES = ["/", "/api/incidents", "/api/incidents/{id}", "/incidents/{id}", "/api/dashboard",
          "/api/facilities", "/facilities", "/facilities/{facility}",
          "/api/facilities/{facility}", "/api/incidents/{id}/documents",
          "/api/incidents/{id}/status-changes", "/api/export.csv", "/api/export.geojson",
          "/api/situation?area=Idlib&on=2019-05-08", "/?area=Idlib&date_to=2019-05-08",
          f"/?{FILTERED}", f"/api/incidents?{FILTERED}", f"/api/dashboard?{FILTERED}",
          f"/api/export.geojson?{FILTERED}", "/login"]


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, module_database_url: str
) -> Iterator[tuple[TestClient, dict]]:
    folder = tmp_path_factory.mktemp("web")
    url = module_database_url
    registry = folder / "registry.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    db = Database(url)
    import_facilities(db, registry)
    summary = ingest_upload(REPORT.encode(), "idlib.txt", db, extractor_name="carewatch.rules.v1",
                            published=__import__("datetime").date(2019, 5, 7), max_bytes=10**6)
    assert summary.health_care_incidents == 1
    tokens = {}
    for role in (Role.ADMIN, Role.ANALYST, Role.PARTNER):
        add_user(db, role.value, role, PASSWORD)
        tokens[role.value] = issue_token(db, role.value)
    incident_id = 1
    record_review(db, incident_id, "accept", by="analyst", why="checked with the director")
    record_review(db, incident_id, "correct", by="analyst", field="place",
                  value=CORRECTED_PLACE, why="the director named the street")
    settings = Settings(database_url=url, secret_key="s" * 40)
    with TestClient(create_app(settings, db), base_url="https://testserver") as client:
        yield client, {"tokens": tokens, "id": incident_id, "facility": 1}
    db.close()


def _get(served: tuple[TestClient, dict], route: str, role: str):
    client, ctx = served
    headers = {} if role == "public" else {"Authorization": f"Bearer {ctx['tokens'][role]}"}
    return client.get(route.format(**ctx), headers=headers)


def _everything(served: tuple[TestClient, dict], role: str) -> str:
    return "\n".join(_get(served, route, role).text for route in ROUTES)


@pytest.mark.parametrize("field", SENSITIVE)
@pytest.mark.parametrize("role", ["public", "partner"])
def test_sensitive_fields_never_reach_partners_or_the_public(served, role: str, field: str
                                                             ) -> None:
    assert SENSITIVE[field] not in _everything(served, role)


@pytest.mark.parametrize("field", SENSITIVE)
@pytest.mark.parametrize("role", ["analyst", "admin"])
def test_analysts_and_admins_see_the_sensitive_fields(served, role: str, field: str) -> None:
    assert SENSITIVE[field] in _everything(served, role)


def test_public_incident_is_what_who_publishes(served) -> None:
    body = _get(served, "/api/incidents/{id}", "public").json()
    assert set(body) == {"id", "incident_type", "types", "date", "date_precision", "country",
                         "country_code", "admin1", "latitude", "longitude", "facility_types",
                         "killed", "injured", "certainty"}
    assert body["country_code"] == "SYR" and body["admin1"]
    assert body["killed"] == 2 and body["injured"] == 3
    assert body["facility_types"] == ["hospital"]
    analyst = _get(served, "/api/incidents/{id}", "analyst").json()
    # Located to the first administrative level: not the city's coordinates.
    assert (body["latitude"], body["longitude"]) != (analyst["latitude"], analyst["longitude"])


def test_partner_sees_code_names_and_places_to_the_district(served) -> None:
    body = _get(served, "/api/incidents/{id}", "partner").json()
    assert [f["code_name"] for f in body["facilities"]] == ["H7"]
    assert "claims" not in body and "certainty_reason" not in body
    analyst = _get(served, "/api/incidents/{id}", "analyst").json()
    assert body["latitude"] == round(analyst["latitude"], 1)
    assert all("source" not in c for f in body["figures"] for c in f["claims"])
    assert body["perpetrators"][0]["actor_type"] == "foreign_state_forces"


@pytest.mark.parametrize("role", ["public", "partner", "analyst", "admin"])
def test_no_answer_may_be_kept_by_a_browser_or_proxy(served, role: str) -> None:
    for route in ROUTES:
        assert _get(served, route, role).headers["cache-control"] == "no-store", route


def test_the_public_cannot_filter_by_perpetrator(served) -> None:
    everything = _get(served, "/api/incidents", "public").json()
    dashboard = _get(served, "/api/dashboard", "public").json()
    assert everything
    for actor_type in ("foreign_state_forces", "police", "no_such_type"):
        query = f"perpetrator={actor_type}"
        assert _get(served, f"/api/incidents?{query}", "public").json() == everything
        assert _get(served, f"/api/dashboard?{query}", "public").json() == dashboard
    assert 'name="perpetrator"' not in _get(served, "/", "public").text


def test_partners_filter_by_perpetrator(served) -> None:
    _, ctx = served
    def ids(query: str) -> list[int]:
        return [i["id"] for i in _get(served, f"/api/incidents?{query}", "partner").json()]
    assert ctx["id"] in ids(FILTERED)
    assert ctx["id"] not in ids("perpetrator=police")
    assert 'name="perpetrator"' in _get(served, "/", "partner").text


def test_a_corrected_place_reaches_partners_coarsened(served) -> None:
    assert _get(served, "/api/incidents/{id}", "partner").json()["place"] == "Idlib"
    analyst = _get(served, "/api/incidents/{id}", "analyst").json()
    assert analyst["place"] == CORRECTED_PLACE


def test_a_host_not_ours_is_refused(served) -> None:
    client, _ = served
    assert client.get("/", headers={"Host": "carewatch.attacker.example"}).status_code == 400
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200


def test_a_correction_refuses_a_date_in_the_future(served) -> None:
    client, ctx = served
    headers = {"Authorization": f"Bearer {ctx['tokens']['analyst']}"}
    before = _get(served, "/api/incidents/{id}", "analyst").json()["history"]
    future = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    response = client.post(f"/api/incidents/{ctx['id']}/reviews", headers=headers, json={
        "action": "correct", "field": "date", "value": future})
    assert response.status_code == 400 and "future" in response.json()["detail"]
    assert _get(served, "/api/incidents/{id}", "analyst").json()["history"] == before


@pytest.mark.parametrize(("role", "status"), [("public", 401), ("partner", 403),
                                              ("analyst", 200), ("admin", 200)])
def test_report_text_is_for_analysts_only(served, role: str, status: int) -> None:
    response = _get(served, "/api/incidents/{id}/documents", role)
    assert response.status_code == status
    if status == 200:
        assert response.json()[0]["text"] == REPORT


@pytest.mark.parametrize(("role", "status"), [("public", 401), ("partner", 200)])
def test_facility_board_is_for_partners_and_up(served, role: str, status: int) -> None:
    assert _get(served, "/api/facilities", role).status_code == status


def test_unknown_token_is_refused(served) -> None:
    client, _ = served
    response = client.get("/api/incidents", headers={"Authorization": "Bearer cw_nonsense"})
    assert response.status_code == 401


def test_public_sees_only_accepted_incidents(served) -> None:
    client, ctx = served
    ids = [i["id"] for i in client.get("/api/incidents").json()]
    assert ids == [ctx["id"]]
    partner = _get(served, "/api/incidents?status=proposed", "partner").json()
    assert ctx["id"] not in [i["id"] for i in partner]


def test_openapi_describes_the_api(served) -> None:
    client, _ = served
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/incidents", "/api/incidents/{incident_id}", "/api/facilities",
            "/api/dashboard", "/api/reports", "/api/export.geojson"} <= set(paths)


# --- reviews through the API -----------------------------------------------------------


def test_partner_may_not_review(served) -> None:
    client, ctx = served
    response = client.post(f"/api/incidents/{ctx['id']}/reviews", json={"action": "reject"},
                            headers={"Authorization": f"Bearer {ctx['tokens']['partner']}"})
    assert response.status_code == 403


def test_correction_keeps_the_proposal_and_records_who_and_why(served) -> None:
    client, ctx = served
    headers = {"Authorization": f"Bearer {ctx['tokens']['analyst']}"}
    response = client.post(f"/api/incidents/{ctx['id']}/reviews", headers=headers, json={
        "action": "correct", "field": "killed:patients", "value": 4,
        "why": "director's statement the next day"})
    assert response.status_code == 200, response.text
    body = response.json()
    figure = next(f for f in body["figures"] if f["field"] == "killed:patients")
    assert (figure["conservative"], figure["corrected"]) == (2, 4)
    assert body["killed"] == 4
    last = body["history"][-1]
    assert (last["decided_by"], last["why"], last["previous"], last["value"]) == (
        "analyst", "director's statement the next day", 2, 4)
    assert _get(served, "/api/incidents/{id}", "public").json()["killed"] == 4
    bad = client.post(f"/api/incidents/{ctx['id']}/reviews", headers=headers, json={
        "action": "correct", "field": "killed:patients", "value": "many"})
    assert bad.status_code == 400 and "whole number" in bad.json()["detail"]


# --- sessions, CSRF and the login limit ------------------------------------------------


def _csrf(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found
    return found.group(1)


def test_login_sets_a_secure_http_only_session(served) -> None:
    client, _ = served
    client.cookies.clear()
    response = client.post("/login", data={"name": "analyst", "password": PASSWORD,
                                           "csrf_token": _csrf(client, "/login")},
                           follow_redirects=False)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=lax" in cookie
    assert "analyst (analyst)" in client.get("/").text
    client.cookies.clear()


def test_forms_without_the_csrf_token_are_refused(served) -> None:
    client, ctx = served
    client.cookies.clear()
    client.post("/login", data={"name": "analyst", "password": PASSWORD,
                                "csrf_token": _csrf(client, "/login")})
    response = client.post(f"/incidents/{ctx['id']}/review", data={"action": "reject",
                                                                   "csrf_token": "forged"})
    assert response.status_code == 403
    api = client.post(f"/api/incidents/{ctx['id']}/reviews", json={"action": "reject"})
    assert api.status_code == 403
    client.cookies.clear()


def test_login_is_rate_limited(served) -> None:
    client, _ = served
    client.cookies.clear()
    token = _csrf(client, "/login")
    codes = [client.post("/login", data={"name": "admin", "password": "wrong password!",
                                         "csrf_token": token}).status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    # Even the right password waits until the window has passed.
    right = client.post("/login", data={"name": "admin", "password": PASSWORD,
                                        "csrf_token": token})
    assert right.status_code == 429
    clear_failures(client.app.state.db, "admin")


def test_login_never_redirects_off_site(served) -> None:
    client, _ = served
    client.cookies.clear()
    response = client.post("/login", data={"name": "partner", "password": PASSWORD,
                                           "csrf_token": _csrf(client, "/login"),
                                           "next": "//evil.example/"}, follow_redirects=False)
    assert response.headers["location"] == "/"
    client.cookies.clear()


def test_pages_send_a_content_security_policy(served) -> None:
    client, _ = served
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_a_script_in_a_report_shows_as_text(served, tmp_path: Path) -> None:
    client, ctx = served
    headers = {"Authorization": f"Bearer {ctx['tokens']['analyst']}"}
    text = ("Gunmen attacked a clinic in Taiz, Yemen, on Monday and killed two nurses "
            "<script>window.pwned = 1</script>, the clinic's director said.\n")
    response = client.post("/api/reports", headers=headers,
                           files={"file": ("taiz.txt", text.encode(), "text/plain")},
                           data={"published": "2019-06-04"})
    assert response.status_code == 200, response.text
    assert response.json()["health_care_incidents"] == 1
    incidents = client.get("/api/incidents?country=YEM", headers=headers).json()
    client.cookies.clear()
    client.post("/login", data={"name": "analyst", "password": PASSWORD,
                                "csrf_token": _csrf(client, "/login")})
    page = client.get(f"/incidents/{incidents[0]['id']}").text
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in page
    assert "<script>window.pwned" not in page
    client.cookies.clear()


def test_upload_rejects_a_binary_file_with_a_clear_message(served) -> None:
    client, ctx = served
    headers = {"Authorization": f"Bearer {ctx['tokens']['analyst']}"}
    response = client.post("/api/reports", headers=headers,
                           files={"file": ("scan.pdf", b"%PDF-1.7\n\x00\x01binary", "application/pdf")})
    rejected = response.json()["rejected"]
    assert rejected and rejected[0]["origin"] == "upload:scan.pdf"


def test_public_may_not_upload(served) -> None:
    client, _ = served
    response = client.post("/api/reports", files={"file": ("a.txt", b"text", "text/plain")})
    assert response.status_code == 401


@pytest.mark.parametrize(("role", "status"), [("public", 401), ("partner", 200),
                                              ("analyst", 200)])
def test_situation_picture_by_role(served, role: str, status: int) -> None:
    response = _get(served, "/api/situation?area=Idlib&on=2019-05-08", role)
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["attacks"]["7"]["value"] == 1
        assert ("document_ids" in body["attacks"]["7"]) is (role == "analyst")


@pytest.mark.parametrize(("role", "status"), [("public", 401), ("partner", 403),
                                              ("analyst", 403), ("admin", 201)])
def test_only_admins_manage_users(served, role: str, status: int) -> None:
    client, ctx = served
    headers = {} if role == "public" else {"Authorization": f"Bearer {ctx['tokens'][role]}"}
    response = client.post("/api/users", headers=headers,
                           json={"name": f"new-{role}", "role": "partner",
                                 "password": "a long passphrase"})
    assert response.status_code == status
    if status == 201:
        names = [u["name"] for u in client.get("/api/users", headers=headers).json()]
        assert "new-admin" in names
        again = client.post("/api/users", headers=headers, json={
            "name": "new-admin", "role": "partner", "password": "a long passphrase"})
        assert again.status_code == 400 and "exists already" in again.json()["detail"]


@pytest.mark.parametrize("role", ["public", "partner", "analyst"])
def test_the_csv_export_is_hxl_tagged(served, role: str) -> None:
    import csv
    import io

    from carewatch.share.views import IncidentPublic

    rows = list(csv.reader(io.StringIO(_get(served, "/api/export.csv", role).text)))
    header, tags = rows[0], rows[1]
    assert header == list(IncidentPublic.model_fields)
    assert all(tag.startswith("#") for tag in tags) and len(set(tags)) == len(tags)
    incidents = {r[0]: dict(zip(tags, r, strict=True)) for r in rows[2:]}
    idlib = incidents[str(served[1]["id"])]
    assert idlib["#country+code"] == "SYR" and idlib["#affected+killed"].isdigit()
    assert idlib["#adm1+name"] and "attack_on_health_facility" in idlib["#event+type+all"]
