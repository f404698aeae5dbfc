"""``carewatch facilities`` and ``carewatch situation``, on a real SQLite file in tmp_path.

The commands run through the real ``carewatch`` group. The report is a short text written
for these tests in the style of a news report; the registry lists invented facilities.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import carewatch
from carewatch.cli import cli
from carewatch.model import Document
from carewatch.store import Database

# Written for this test.
STRIKE = (
    "Air strikes on besieged east Aleppo on Wednesday put two hospitals under fire, "
    "a Syrian medical charity said.\n\n"
    "The hospitals are called M10 and M2 by medics in the city, to keep their locations "
    "off intercepted radio. M10's intensive care unit is out of service, and water storage "
    "units and generators were damaged, head Samir Haddad said.\n\n"
    "There are now just six functioning hospitals, only three of which have emergency "
    "units, for the approximately 250,000 civilians trapped in east Aleppo."
)
REGISTRY = (
    "name,code_name,aliases,type,place,latitude,longitude,services,operator,real_name,"
    "population_served\n"
    "M10,M10,,hospital,east Aleppo,36.2101,37.1502,emergency_unit;icu,,Secret Name Ten,125000\n"
    "M2,M2,,hospital,Aleppo,,,emergency_unit,,,125000\n"
    "Centre Five,,,health_centre,Homs,,,,,,30000\n"
    "Broken,,,spaceship,Aleppo,,,,,,\n"
)


@pytest.fixture
def database_url(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CAREWATCH_DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)
    return database_url


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "registry.csv"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


def run(*args: str | os.PathLike[str]) -> Result:
    return CliRunner().invoke(cli, [os.fspath(a) for a in args], prog_name="carewatch")


def store_strike(url: str, text: str = STRIKE, origin: str = "strike.txt") -> None:
    raw = text.encode()
    published = dt.date(2016, 9, 28)
    document = Document(
        raw,
        hashlib.sha256(raw).hexdigest(),
        text,
        "text/plain",
        origin,
        published=published,
    )
    with Database(url) as db:
        db.store(document, carewatch.extract(text, published=published))


def test_import_reports_bad_rows_and_is_idempotent(database_url: str, registry: Path) -> None:
    first = run("facilities", "import", registry)
    assert first.exit_code == 1
    assert "3 facilities added, 0 updated, 1 rows skipped" in first.stdout
    assert f"{registry}:5" in first.stderr and "spaceship" in first.stderr
    second = run("facilities", "import", registry)
    assert "0 facilities added, 3 updated" in second.stdout
    listed = json.loads(run("facilities", "list", "--format", "json").stdout)
    assert [f["name"] for f in listed] == ["M10", "M2", "Centre Five"]


def test_list_hides_sensitive_fields_unless_asked(database_url: str, registry: Path) -> None:
    run("facilities", "import", registry)
    public = run("facilities", "list", "--format", "json")
    assert public.exit_code == 0
    assert "Secret Name Ten" not in public.stdout and "36.2101" not in public.stdout
    assert "real_name" not in json.loads(public.stdout)[0]
    table = run("facilities", "list")
    assert "Secret Name Ten" not in table.stdout and "M10" in table.stdout
    sensitive = json.loads(run("facilities", "list", "--format", "json", "--show-sensitive").stdout)
    assert sensitive[0]["real_name"] == "Secret Name Ten"
    assert sensitive[0]["exact_latitude"] == 36.2101
    csv_out = run("facilities", "list", "--format", "csv", "--area", "east Aleppo").stdout
    assert csv_out.splitlines()[0].startswith("id,name,code_name")
    assert "Centre Five" not in csv_out and "M2" in csv_out


def test_relink_timeline_and_situation(database_url: str, registry: Path) -> None:
    run("facilities", "import", registry)
    store_strike(database_url)
    relinked = run("facilities", "relink")
    assert relinked.exit_code == 0, relinked.output
    assert "3 status changes recorded" in relinked.stdout

    listed = json.loads(run("facilities", "list", "--format", "json").stdout)
    m10 = next(f["id"] for f in listed if f["name"] == "M10")
    changes = json.loads(run("facilities", "timeline", str(m10), "--format", "json").stdout)
    assert {(c["dimension"], c["item"], c["value"]) for c in changes} == {
        ("service", "icu", "not_available"),
        ("infrastructure", "water", "partially_available"),
        ("infrastructure", "power", "partially_available"),
    }
    assert {c["date"] for c in changes} == {"2016-09-28"}

    picture = run("situation", "--area", "east Aleppo", "--on", "2016-09-28", "--format", "json")
    assert picture.exit_code == 0, picture.output
    data = json.loads(picture.stdout)
    [functioning] = [r for r in data["reported"] if r["kind"] == "functioning_facilities"]
    assert functioning["reported"] == 6 and functioning["computed"]["value"] == 2
    assert functioning["disagrees"] is True
    # The strike report was stored without merging (as by an older CareWatch): no attacks
    # are counted until 'carewatch rebuild' merges it.
    assert data["attacks"]["7"]["value"] == 0
    rebuilt = run("rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "merged incidents: 2 created" in rebuilt.stdout
    data = json.loads(
        run("situation", "--area", "east Aleppo", "--on", "2016-09-28", "--format", "json").stdout
    )
    assert data["attacks"]["7"]["value"] == 2  # the strikes on M10 and on M2

    table = run("situation", "--area", "east Aleppo", "--on", "2016-09-28")
    assert table.exit_code == 0
    assert "DISAGREES" in table.stdout and "six functioning hospitals" in table.stdout


def test_situation_counts_an_attack_told_twice_once_with_its_range(
    database_url: str, registry: Path
) -> None:
    run("facilities", "import", registry)
    # Written for this test: two reports of one strike on M10, differing on the toll.
    store_strike(
        database_url,
        "An air strike hit the M10 hospital in east Aleppo on Wednesday, killing two "
        "patients, the Syrian American Medical Society said.",
        "first.txt",
    )
    store_strike(
        database_url,
        "Three patients were killed when an air strike hit the hospital known as M10 in "
        "east Aleppo on Wednesday, the Aleppo Health Directorate said.",
        "second.txt",
    )
    assert run("rebuild").exit_code == 0
    args = ("situation", "--area", "east Aleppo", "--on", "2016-09-28")
    data = json.loads(run(*args, "--format", "json").stdout)
    attacks, killed = data["attacks"]["7"], data["killed"]["7"]
    assert attacks["value"] == 1 and len(attacks["incident_ids"]) == 1
    assert len(attacks["candidate_ids"]) == 2 and len(attacks["document_ids"]) == 2
    assert (killed["value"], killed["minimum"], killed["maximum"]) == (2, 2, 3)
    assert killed["candidate_ids"] == attacks["candidate_ids"]

    table = run(*args)
    assert table.exit_code == 0, table.output
    assert "2 (2–3)" in table.stdout  # the conservative sum, then the range


def test_errors_are_one_line(database_url: str, tmp_path: Path) -> None:
    missing = run("facilities", "import", tmp_path / "missing.csv")
    assert missing.exit_code == 1 and missing.stderr.startswith("error: ")
    unknown = run("facilities", "timeline", "99")
    assert unknown.exit_code == 1 and "no facility with id 99" in unknown.stderr
    assert run("situation", "--on", "2016-09-28").exit_code == 2  # --area is required
