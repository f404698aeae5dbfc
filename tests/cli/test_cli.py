"""The ``carewatch`` command line, run on the sample reports and a real database.

Each test gets its own database (tests/conftest.py) through CAREWATCH_DATABASE_URL, and
runs in ``tmp_path`` so that the default ``./carewatch.db`` can never land in the repository.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import NewDatabaseUrl

from carewatch.cli import cli
from carewatch.store import Database

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"
AIR_STRIKE = EXAMPLES / "idlib-hospital-air-strike-2019-05-06.txt"
MARKET = EXAMPLES / "kharkiv-market-shelling-2022-03-03.txt"
KIDNAPPING = EXAMPLES / "borno-health-workers-abducted-2021-03-12.txt"
FIELD_REPORTS = EXAMPLES / "field-reports-2021-2023.jsonl"
PARTNER_REPORTS = EXAMPLES / "partner-reports.csv"

# 3 text files, 3 JSON Lines records, 1 HTML page, 3 CSV rows.
EXAMPLE_DOCUMENTS = 10

SUMMARY = re.compile(
    r"(?P<new>\d+) documents? new, (?:\d+ stored before and extracted now, )?"
    r"(?P<known>\d+) already known, (?P<rejected>\d+) rejected; "
    r"(?P<found>\d+) incidents? found \((?P<health>\d+) attacks? on health care\)"
)


@pytest.fixture
def database_url(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CAREWATCH_DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)
    return database_url


def run(*args: str | os.PathLike[str], input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(
        cli, [os.fspath(a) for a in args], input=input, prog_name="carewatch"
    )


def summary_counts(result: Result) -> dict[str, int]:
    match = SUMMARY.search(result.stdout)
    assert match, f"no summary line in: {result.stdout!r}"
    return {k: int(v) for k, v in match.groupdict().items()}


def ingest_examples() -> Result:
    result = run("ingest", EXAMPLES)
    assert result.exit_code == 0, result.output
    return result


# --- ingest ---------------------------------------------------------------------------


def test_ingest_examples_reports_every_document_as_new(database_url: str) -> None:
    counts = summary_counts(ingest_examples())

    assert counts["new"] == EXAMPLE_DOCUMENTS
    assert counts["known"] == 0
    assert counts["rejected"] == 0
    assert counts["health"] <= counts["found"]
    with Database(database_url) as db:
        assert db.count_documents() == EXAMPLE_DOCUMENTS
        assert db.count_incidents() == counts["found"]


def test_ingest_again_finds_everything_known_and_adds_nothing(database_url: str) -> None:
    first = summary_counts(ingest_examples())
    second_run = ingest_examples()
    second = summary_counts(second_run)

    assert second["new"] == 0
    assert second["known"] == EXAMPLE_DOCUMENTS
    assert second["found"] == 0
    assert second_run.stderr.count("already known: ") == EXAMPLE_DOCUMENTS
    with Database(database_url) as db:
        assert db.count_documents() == EXAMPLE_DOCUMENTS
        assert db.count_incidents() == first["found"]


def test_rejected_input_is_named_and_exits_1_but_the_rest_is_stored(
    database_url: str, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "scan.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" + bytes(range(256)))
    (inbox / "good.txt").write_bytes(AIR_STRIKE.read_bytes())

    result = run("ingest", inbox)

    assert result.exit_code == 1
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected: ")]
    assert len(rejected) == 2
    assert any("empty.txt" in line for line in rejected)
    assert any("scan.pdf" in line for line in rejected)
    assert "Traceback" not in result.output
    counts = summary_counts(result)
    assert (counts["new"], counts["rejected"]) == (1, 2)
    with Database(database_url) as db:
        assert db.count_documents() == 1


def test_ingest_reads_standard_input_with_published_and_source(database_url: str) -> None:
    text = "A clinic in Nyala, Sudan, was looted by armed men on Monday, staff said."

    result = run("ingest", "-", "--published", "2023-06-07", "--source", "Test", input=text)

    assert result.exit_code == 0, result.output
    assert summary_counts(result)["new"] == 1
    with Database(database_url) as db:
        document = db.get_document(1)
    assert document.origin == "<stdin>"
    assert document.published is not None and document.published.isoformat() == "2023-06-07"
    assert document.source_name == "Test"


def test_ingest_unknown_extractor_is_one_error_line(database_url: str) -> None:
    result = run("ingest", EXAMPLES, "--extractor", "no.such.v9")

    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert "no.such.v9" in result.stderr
    assert "Traceback" not in result.output


# --- extract ----------------------------------------------------------------------------


def extract_json(path: Path, *extra: str) -> dict[str, Any]:
    result = run("extract", path, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_extract_json_has_the_extraction_and_the_document(database_url: str) -> None:
    data = extract_json(AIR_STRIKE, "--published", "2019-05-06")

    for key in ("extractor", "published", "incidents", "claims", "situation", "places", "dates"):
        assert key in data
    assert data["published"] == "2019-05-06"
    assert data["document"]["sha256"] == hashlib.sha256(AIR_STRIKE.read_bytes()).hexdigest()
    assert data["document"]["text_length"] == len(AIR_STRIKE.read_text(encoding="utf-8"))
    # extract stores nothing
    assert not (Path.cwd() / "carewatch.db").exists()


def test_extract_reads_standard_input(database_url: str) -> None:
    result = run("extract", "-", "--format", "json", input=AIR_STRIKE.read_bytes())

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["document"]["origin"] == "<stdin>"


def test_extract_table_prints_a_summary(database_url: str) -> None:
    result = run("extract", AIR_STRIKE)

    assert result.exit_code == 0, result.output
    assert "incident(s) found" in result.stdout
    assert AIR_STRIKE.name in result.stdout


def test_extract_of_a_record_file_gives_one_object_per_record(database_url: str) -> None:
    result = run("extract", FIELD_REPORTS, "--format", "json")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["document"]["origin"].rsplit("#", 1)[1] for d in data] == [
        "line 1",
        "line 2",
        "line 3",
    ]


def test_extract_missing_file_is_one_error_line(database_url: str) -> None:
    result = run("extract", "no-such-report.txt")

    assert result.exit_code == 1
    assert result.stderr.strip() == "error: no-such-report.txt: no such file or directory"


# --- incidents and show -----------------------------------------------------------------


def test_incidents_json_and_csv_list_the_same_incidents(database_url: str) -> None:
    ingest_examples()

    for extra in ((), ("--candidates",)):
        as_json = run("incidents", "--all", "--format", "json", *extra)
        as_csv = run("incidents", "--all", "--format", "csv", *extra)

        assert as_json.exit_code == 0 and as_csv.exit_code == 0
        json_rows = json.loads(as_json.stdout)
        csv_rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
        assert json_rows and len(json_rows) == len(csv_rows)
        assert [str(r["id"]) for r in json_rows] == [r["id"] for r in csv_rows]
        for row in json_rows:
            assert isinstance(row["facilities"], list)


def test_candidates_are_the_incidents_each_report_gave(database_url: str) -> None:
    counts = summary_counts(ingest_examples())

    rows = json.loads(run("incidents", "--all", "--candidates", "--format", "json").stdout)

    assert len(rows) == counts["found"]
    for row in rows:
        assert row["document"].startswith(str(EXAMPLES))


def test_incidents_lists_only_health_care_unless_all(database_url: str) -> None:
    counts = summary_counts(ingest_examples())

    for extra in ((), ("--candidates",)):
        health = json.loads(run("incidents", "--format", "json", *extra).stdout)
        everything = json.loads(run("incidents", "--all", "--format", "json", *extra).stdout)
        assert all(row["is_health_care"] for row in health)
        assert {r["id"] for r in health} < {r["id"] for r in everything}
    candidates = json.loads(run("incidents", "--candidates", "--format", "json").stdout)
    assert len(candidates) == counts["health"]


def test_every_candidate_is_in_exactly_one_merged_incident(database_url: str) -> None:
    ingest_examples()

    candidates = json.loads(run("incidents", "--all", "--candidates", "--format", "json").stdout)
    merged = json.loads(run("incidents", "--all", "--format", "json").stdout)

    members = [c for row in merged for c in row["candidates"]]
    assert sorted(members) == sorted(row["id"] for row in candidates)
    assert len(merged) <= len(candidates)
    for row in merged:
        assert row["reports"] == len(row["documents"]) >= 1


def test_incidents_limit_and_output_file(database_url: str, tmp_path: Path) -> None:
    ingest_examples()
    target = tmp_path / "out.json"

    result = run("incidents", "--all", "--limit", "1", "--format", "json", "-o", target)

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 1


def test_incidents_table_on_an_empty_database_says_what_to_do(database_url: str) -> None:
    Database(database_url).close()  # created, and nothing ingested
    result = run("incidents")

    assert result.exit_code == 0
    assert "carewatch ingest" in result.stdout


def test_incidents_listing_names_what_show_quotes(database_url: str) -> None:
    ingest_examples()
    rows = json.loads(run("incidents", "--all", "--candidates", "--format", "json").stdout)
    assert any(row["facilities"] for row in rows), "the sample reports name facilities"

    for row in rows:
        shown = json.loads(run("show", str(row["id"]), "--candidate", "--format", "json").stdout)
        evidence = shown["evidence"]
        for key, field in (
            ("facilities", "facility"),
            ("means", "means"),
            ("perpetrators", "perpetrator"),
        ):
            assert set(row[key]) == {e["value"] for e in evidence if e["field"] == field}


def test_show_candidate_quotes_are_the_document_text_at_the_offsets(database_url: str) -> None:
    ingest_examples()
    rows = json.loads(run("incidents", "--all", "--candidates", "--format", "json").stdout)
    assert rows, "the sample reports should yield incidents"

    for row in rows:
        result = run("show", str(row["id"]), "--candidate", "--format", "json")
        assert result.exit_code == 0, result.output
        shown = json.loads(result.stdout)
        assert shown["id"] == row["id"]
        with Database(database_url) as db:
            text = db.get_document(shown["document"]["id"]).text
        for evidence in shown["evidence"]:
            if evidence["quote"] is not None:
                assert evidence["quote"] == text[evidence["start"] : evidence["end"]]
                assert evidence["offsets_ok"], evidence


def test_show_claim_quotes_are_the_document_text_at_the_offsets(database_url: str) -> None:
    ingest_examples()
    rows = json.loads(run("incidents", "--all", "--format", "json").stdout)
    assert rows, "the sample reports should yield incidents"

    quoted = 0
    for row in rows:
        result = run("show", str(row["id"]), "--format", "json")
        assert result.exit_code == 0, result.output
        shown = json.loads(result.stdout)
        assert shown["id"] == row["id"]
        assert {m["candidate_id"] for m in shown["members"]} == set(row["candidates"])
        for claim in shown["claims"]:
            assert claim["document_id"] in row["documents"]
            if claim["quote"] is not None:
                with Database(database_url) as db:
                    text = db.get_document(claim["document_id"]).text
                assert claim["quote"] == text[claim["start"] : claim["end"]]
                assert claim["offsets_ok"], claim
                quoted += 1
    assert quoted, "the sample reports' figures and facilities carry their words"


def test_show_table_puts_values_beside_quotes(database_url: str) -> None:
    ingest_examples()
    first = json.loads(run("incidents", "--all", "--format", "json").stdout)[0]

    result = run("show", str(first["id"]))

    assert result.exit_code == 0, result.output
    assert f"incident {first['id']}" in result.stdout
    assert "«" in result.stdout


def test_show_unknown_id_is_a_clear_error(database_url: str) -> None:
    Database(database_url).close()
    result = run("show", "99")

    assert result.exit_code == 1
    assert result.stderr.strip() == "error: no incident with id 99"
    assert result.stdout == ""


def test_db_option_overrides_the_environment(
    database_url: str, new_database_url: NewDatabaseUrl
) -> None:
    other = new_database_url("other.db")

    result = run("ingest", AIR_STRIKE, "--db", other)

    assert result.exit_code == 0, result.output
    with Database(other) as db:
        assert db.count_documents() == 1
    with Database(database_url) as db:
        assert db.count_documents() == 0


# --- evaluate -------------------------------------------------------------------------


def test_evaluate_writes_its_measures_as_json_to_a_file(database_url: str, tmp_path: Path) -> None:
    coded = tmp_path / "coded.jsonl"
    row = {
        "id": "1",
        "text": AIR_STRIKE.read_text(encoding="utf-8"),
        "label_health_attack": 1,
        "date": "2019-05-06",
        "weapon": "Aerial Bomb: Plane",
    }
    coded.write_text(json.dumps(row) + "\n", encoding="utf-8")
    target = tmp_path / "measures.json"

    result = run("evaluate", coded, "--format", "json", "-o", target, "--no-progress")

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    measures = json.loads(target.read_text(encoding="utf-8"))
    assert {"detection", "weapon", "year", "unparseable"} <= set(measures)
    assert all(isinstance(m, dict) and "n" in m for m in measures.values())
    assert measures["weapon"]["n"] == 1


# --- help -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ([], "attacks on health care"),
        (["ingest"], "Exit codes"),
        (["extract"], "without storing"),
        (["incidents"], "--all"),
        (["show"], "quote"),
        (["evaluate"], "coded"),
    ],
)
def test_help_reads_as_documentation(command: list[str], words: str) -> None:
    result = run(*command, "--help")

    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: carewatch")
    assert words in " ".join(result.stdout.split())


def test_version() -> None:
    from carewatch import __version__

    result = run("--version")

    assert result.exit_code == 0
    assert __version__ in result.stdout


# --- the installed entry point ----------------------------------------------------------


def test_installed_entry_point_runs_and_reports_errors_in_one_line(
    database_url: str, tmp_path: Path
) -> None:
    executable = Path(sys.executable).parent / "carewatch"
    assert executable.exists(), "the package must be installed with its console script"
    env = {**os.environ, "CAREWATCH_DATABASE_URL": database_url}

    ingested = subprocess.run(
        [executable, "ingest", AIR_STRIKE, tmp_path / "missing.txt"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False,
    )
    missing = subprocess.run(
        [executable, "show", "99"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False,
    )

    assert ingested.returncode == 1
    assert f"rejected: {tmp_path / 'missing.txt'}: no such file or directory" in ingested.stderr
    assert "1 document new" in ingested.stdout
    assert missing.returncode == 1
    assert missing.stderr == "error: no incident with id 99\n"


# --- what the extractor finds (minimal, robust facts about the sample reports) -----------


def test_market_shelling_is_not_an_attack_on_health_care(database_url: str) -> None:
    data = extract_json(MARKET)

    assert [i for i in data["incidents"] if i["incident_type"] != "other_violent_incident"] == []


def test_bus_bombing_record_is_not_an_attack_on_health_care(database_url: str) -> None:
    result = run("extract", PARTNER_REPORTS, "--format", "json")
    bus = json.loads(result.stdout)[2]

    assert "bus" in bus["document"]["title"].lower()
    assert all(i["incident_type"] == "other_violent_incident" for i in bus["incidents"])


def test_hospital_air_strike_is_an_attack_on_a_facility_by_air(database_url: str) -> None:
    data = extract_json(AIR_STRIKE)

    facility_attacks = [
        i
        for i in data["incidents"]
        if "attack_on_health_facility" in [i["incident_type"], *i["types"]]
    ]
    assert facility_attacks
    attack = facility_attacks[0]
    assert "hospital" in [f["facility_type"] for f in attack["facilities"]]
    assert "air_strike" in [m["category"] for m in attack["means"]]
    killed = [f for f in attack["casualties"] if f["kind"] == "killed"]
    assert killed, "both sources give a death toll"


def test_abduction_is_a_kidnapping_of_health_workers(database_url: str) -> None:
    data = extract_json(KIDNAPPING)

    types = {t for i in data["incidents"] for t in [i["incident_type"], *i["types"]]}
    assert "arrest_or_kidnapping_of_health_workers" in types


def test_field_reports_find_obstruction_looting_and_arrests(database_url: str) -> None:
    result = run("extract", FIELD_REPORTS, "--format", "json")
    ambulance, clinic, raid = json.loads(result.stdout)

    def types(extraction: dict[str, Any]) -> set[str]:
        return {t for i in extraction["incidents"] for t in [i["incident_type"], *i["types"]]}

    assert types(ambulance) & {"attack_on_health_transport", "obstruction_of_access"}
    assert "looting" in types(clinic)
    assert "arrest_or_kidnapping_of_health_workers" in types(raid)
