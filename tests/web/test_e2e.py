"""End to end, in a real headless Chromium: an analyst logs in, uploads the Aleppo report,
sees its two incidents on the map and in the list, reads the evidence highlighted in the
report, corrects a figure and accepts the incident; after logging out, the public sees the
incident without the facility's real name or any exact coordinates.

Screenshots of the dashboard and the incident page go to ``test-output/screenshots``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conftest import LiveApp

from carewatch.facilities import import_facilities

# An invented identity for the hospital the report calls M10: the registry's sensitive
# columns, which only analysts and admins may see.
REAL_NAME = "Al-Example Surgical Hospital"
EXACT_LATITUDE, EXACT_LONGITUDE = 36.21234, 37.16789
REGISTRY_CSV = (
    "name,code_name,aliases,type,place,latitude,longitude,services,operator,real_name,"
    "population_served\n"
    f"M10,M10,,hospital,east Aleppo,{EXACT_LATITUDE},{EXACT_LONGITUDE},"
    f"emergency_unit;icu;operating_theatre,Example Medical Relief,{REAL_NAME},60000\n"
)
M10_ON_THE_BOARD = "#facility-board tbody tr:has-text('M10') a"
CORRECTION_REASON = "the hospital's director later counted three patients dead"


# --- steps --------------------------------------------------------------------------------


def follow(page: Any, selector: str) -> None:
    """Click a link or a form's button and wait for the page it leads to (after any
    redirect), so that nothing is read from the page before it."""
    with page.expect_navigation():
        page.click(selector)


def log_in(page: Any, app: LiveApp, name: str, goto: str = "/") -> None:
    """Log in through the form that a page needing an account redirects to."""
    page.goto(app.url + goto)
    if "/login" not in page.url:
        follow(page, "#login-link")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", app.password(name))
    follow(page, "form.stacked button[type=submit]")
    who = page.inner_text("#who")
    assert name in who, f"not logged in as {name}: the page says {who!r}"


def log_out(page: Any) -> None:
    follow(page, "#logout")
    assert page.inner_text("#who") == "Public view"


def import_registry(app: LiveApp, tmp_path: Path) -> None:
    registry = tmp_path / "facilities.csv"
    registry.write_text(REGISTRY_CSV, encoding="utf-8")
    summary = import_facilities(app.db, registry)
    assert summary.created and not summary.rejected


def upload(page: Any, app: LiveApp, report: Path, *, published: str | None = None,
           source: str | None = None) -> str:
    """Upload a report through the upload page; the result section's text."""
    page.goto(app.url + "/upload")
    page.set_input_files("input[name=file]", str(report))
    if published:
        page.fill("input[name=published]", published)
    if source:
        page.fill("input[name=source]", source)
    follow(page, "#upload-submit")
    return page.inner_text("#upload-result")


def open_dashboard(page: Any, app: LiveApp) -> int:
    """The dashboard once its script has drawn the map; the number of map points."""
    page.goto(app.url + "/")
    page.wait_for_selector("body[data-dashboard=ready]")
    return int(page.get_attribute("#map", "data-points"))


def incident_rows(page: Any) -> dict[int, str]:
    """The dashboard's incident list: id to the text of its Facilities column."""
    rows = {}
    for row in page.locator("#incident-list tbody tr").all():
        link = row.locator("td a")
        if link.count():
            rows[int(link.inner_text())] = row.locator("td").nth(4).inner_text()
    return rows


def words(text: str) -> set[str]:
    return set(re.split(r"[\s,;]+", text.strip()))


def coordinate_forms(value: float) -> set[str]:
    """How a coordinate could be written to a precision that picks out a building."""
    truncated = f"{value:.6f}"
    return {repr(value), f"{value:.5f}", f"{value:.4f}", f"{value:.3f}",
            truncated[: truncated.index(".") + 4]}


def assert_nothing_sensitive(text: str, exact: list[float], where: str) -> None:
    assert REAL_NAME not in text, f"the real name shows in {where}"
    assert "Al-Example" not in text, f"part of the real name shows in {where}"
    for value in exact:
        shown = coordinate_forms(value) & set(re.findall(r"-?\d+\.\d+", text))
        assert not shown, f"an exact coordinate {shown} shows in {where}"


def api_json(page: Any, app: LiveApp, path: str) -> tuple[int, Any]:
    """GET an API path with the browser's cookies (the session, if any)."""
    response = page.request.get(app.url + path)
    return response.status, response.json()


def screenshot(page: Any, directory: Path, name: str) -> None:
    path = directory / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0


# --- the scenario -------------------------------------------------------------------------


def test_analyst_reviews_the_aleppo_report_and_the_public_sees_it_redacted(
        aleppo_report: Path, live_app: LiveApp, page: Any, page_errors: list[str],
        screenshots: Path, tmp_path: Path) -> None:
    import_registry(live_app, tmp_path)

    # Upload needs an account: the page sends the public to log in, then back.
    log_in(page, live_app, "ana", goto="/upload")
    assert page.url.endswith("/upload")
    result = upload(page, live_app, aleppo_report, published="2016-09-28",
                    source="The Independent")
    # The two hospitals struck that day (and, given the date, the emergency response
    # centres struck "last week" as an attack of its own).
    assert re.search(r"new documents: 1\b", result), result
    found = re.search(r"incidents found: (\d+) \((\d+) attacks on health care\)", result)
    assert found and int(found[2]) >= 2, result
    assert re.search(rf"merged incidents created: {found[2]}\b", result), result

    # The dashboard: the incidents on the map (Aleppo's, one point to an analyst) and in
    # the list, one for each hospital.
    assert open_dashboard(page, live_app) >= 1
    assert page.locator(".incident-marker").count() >= 1
    rows = incident_rows(page)
    # Aleppo's incidents share one place: one marker, whose popup counts them all.
    page.locator(".incident-marker").first.click()
    assert f"{len(rows)} attack(s)" in page.inner_text(".leaflet-popup-content")
    assert page.inner_text("#total-incidents") == str(len(rows)) == found[2]
    by_hospital = {code: [i for i, facilities in rows.items() if code in words(facilities)]
                   for code in ("M10", "M2")}
    assert len(by_hospital["M10"]) == 1 and len(by_hospital["M2"]) == 1, rows
    assert by_hospital["M10"] != by_hospital["M2"]
    m10 = by_hospital["M10"][0]
    screenshot(page, screenshots, "dashboard-analyst")

    # The incident page: the report's words behind each value are marked.
    follow(page, f"#incident-list a[href='/incidents/{m10}']")
    assert page.url.endswith(f"/incidents/{m10}")
    marks = page.locator(".report-text mark").all_inner_texts()
    assert any("two patients died" in m for m in marks), marks
    assert any("M10" in m for m in marks), marks
    assert "M10" in page.inner_text("#incident-facilities")
    killed_row = page.locator("#figures tr[data-field='killed:patients']")
    assert killed_row.locator("td").nth(2).inner_text() == "2"  # conservative
    assert killed_row.locator("td.corrected").inner_text() == ""
    # The analyst's view holds the exact place, to check later that the public's does not.
    status, full = api_json(page, live_app, f"/api/incidents/{m10}")
    assert status == 200 and full["latitude"] is not None
    exact = [EXACT_LATITUDE, EXACT_LONGITUDE, full["latitude"], full["longitude"]]

    # Correct a figure: the corrected value and the history say who, what and why.
    page.select_option("#correct-field", "killed:patients")
    page.fill("#correct-value", "3")
    page.fill("#correct-why", CORRECTION_REASON)
    follow(page, "#correct-submit")
    assert page.inner_text("p.flash") == "correct recorded"
    killed_row = page.locator("#figures tr[data-field='killed:patients']")
    assert killed_row.locator("td.corrected").inner_text() == "3"
    assert page.inner_text("#incident-killed") == "3"
    history = [row.locator("td").all_inner_texts()
               for row in page.locator("#history tbody tr").all()]
    corrections = [cells for cells in history if len(cells) == 5 and cells[2] == "correct"]
    assert len(corrections) == 1, history
    _when, who, _action, change, why = corrections[0]
    assert who == "ana" and why == CORRECTION_REASON
    assert "killed:patients" in change and "2" in change and "3" in change
    screenshot(page, screenshots, "incident-analyst")

    # Accept it: the public sees accepted incidents only.
    page.fill("#review-status-form input[name=why]", "two sources agree")
    follow(page, "#accept")
    assert page.inner_text("p.flash") == "accept recorded"
    assert page.inner_text("#review-status") == "accepted"

    # The analyst sees the hospital's real name and exact place on the facility page.
    page.goto(live_app.url + "/facilities")
    follow(page, M10_ON_THE_BOARD)
    assert page.inner_text("h1").startswith("M10")
    assert page.inner_text("#real-name") == REAL_NAME
    assert f"{EXACT_LATITUDE}, {EXACT_LONGITUDE}" in page.inner_text("dl.facts")
    facility_path = page.url.removeprefix(live_app.url)

    log_out(page)

    # The public dashboard: the accepted incident only, on the map, and nothing sensitive.
    assert open_dashboard(page, live_app) == 1
    assert page.locator(".incident-marker").count() == 1
    assert list(incident_rows(page)) == [m10]
    assert page.inner_text("#total-killed") == "3"  # the corrected figure
    assert_nothing_sensitive(page.content(), exact, "the public dashboard")
    status, points = api_json(page, live_app, "/api/dashboard")
    assert status == 200 and points["totals"]["killed"] == 3
    assert_nothing_sensitive(json.dumps(points["points"]), exact, "the public map's points")
    screenshot(page, screenshots, "dashboard-public")

    # The public incident page: the corrected total, no report text, nothing sensitive.
    page.goto(live_app.url + f"/incidents/{m10}")
    assert page.inner_text("#incident-killed") == "3"
    assert page.locator("mark").count() == 0
    assert page.locator("#history, #figures, #claims, .report-text").count() == 0
    text = page.content()
    assert "two patients died" not in text and "Adham Sahloul" not in text
    assert "M10" not in page.inner_text("main")
    assert_nothing_sensitive(text, exact, "the public incident page")
    screenshot(page, screenshots, "incident-public")

    # ... and the same through the API.
    status, public = api_json(page, live_app, f"/api/incidents/{m10}")
    assert status == 200 and public["killed"] == 3
    assert (public["latitude"], public["longitude"]) != (full["latitude"], full["longitude"])
    assert_nothing_sensitive(json.dumps(public), exact, "the public API")
    assert "Adham Sahloul" not in json.dumps(public)
    # The other incident was not accepted: the public cannot see it at all.
    m2 = by_hospital["M2"][0]
    assert api_json(page, live_app, f"/api/incidents/{m2}")[0] == 404
    # Nor any facility: the page sends the public to log in.
    page.goto(live_app.url + facility_path)
    assert "/login" in page.url
    assert_nothing_sensitive(page.content(), exact, "the facility page, as the public")

    assert page_errors == []


def test_partner_sees_the_facility_by_code_name_only(
        live_app: LiveApp, page: Any, tmp_path: Path) -> None:
    import_registry(live_app, tmp_path)
    log_in(page, live_app, "pat")
    page.goto(live_app.url + "/facilities")
    board = page.inner_text("#facility-board")
    assert "M10" in board and "Real name" not in board
    follow(page, M10_ON_THE_BOARD)
    assert page.inner_text("h1").startswith("M10")
    assert page.locator("#real-name").count() == 0
    assert_nothing_sensitive(page.content(), [EXACT_LATITUDE, EXACT_LONGITUDE],
                             "the partner's facility page")
    status, facility = api_json(page, live_app, "/api/" + page.url.split("/", 3)[3])
    assert status == 200 and facility["facility"]["name"] == "M10"
    assert_nothing_sensitive(json.dumps(facility), [EXACT_LATITUDE, EXACT_LONGITUDE],
                             "the partner's facility API")


# --- a report that holds markup -----------------------------------------------------------

HOSTILE_TITLE = "<script>window.cwInjected = 'title';</script> Clinic struck"
HOSTILE_REPORT = f"""{HOSTILE_TITLE}

An air strike hit the Example Field Hospital in Idlib on 3 March 2016, killing two patients
and injuring four nurses, the hospital's director said.
<script>window.cwInjected = 'body';</script>
<img src="x" onerror="window.cwInjected = 'img'">
The hospital has stopped admitting patients.
"""


def test_a_report_holding_a_script_shows_as_text_and_runs_nothing(
        live_app: LiveApp, page: Any, page_errors: list[str], tmp_path: Path) -> None:
    report = tmp_path / "field-report.txt"
    report.write_text(HOSTILE_REPORT, encoding="utf-8")
    log_in(page, live_app, "ana")
    result = upload(page, live_app, report, published="2016-03-04",
                    source="<script>window.cwInjected = 'source';</script>Example News")
    assert re.search(r"incidents found: [1-9]", result), result
    assert page.evaluate("typeof window.cwInjected") == "undefined"

    assert open_dashboard(page, live_app) >= 1
    assert page.evaluate("typeof window.cwInjected") == "undefined"
    incident = next(iter(incident_rows(page)))
    page.goto(live_app.url + f"/incidents/{incident}")
    page.wait_for_selector(".report-text")
    assert page.evaluate("typeof window.cwInjected") == "undefined"
    # Shown as text: the words are on the page, and no element was made of them.
    text = page.inner_text(".report-text")
    assert "<script>window.cwInjected = 'body';</script>" in text
    assert "<img src=\"x\" onerror=" in text
    assert page.locator("main script, main img").count() == 0
    assert "<script>window.cwInjected = 'source';</script>Example News" in page.inner_text(
        ".document .note")
    assert page_errors == []
