"""What reaches a terminal or a spreadsheet from hostile inputs, through the real command.

File names and report fields are whatever their authors made them: escape sequences that
drive a terminal, a line break that forges a line of our output, marks that show text
backwards, a cell that a spreadsheet runs as a formula. Ingest runs here as a real
process, as a user runs it, and every command's output is read as bytes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from databases import table_names

from carewatch.cli import cli
from carewatch.store import Database

CAREWATCH = Path(sys.executable).parent / "carewatch"
# Anything a terminal would act on: C0 controls but line break and tab, DEL, C1 controls
# (0x9b is CSI on its own), the marks that reorder text, Unicode line separators.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
                         "\u2028\u2029]")
FORMULA = ("=", "+", "-", "@")

ESCAPES = "\x1b]0;owned\x07\x1b[2J\x9b31m"  # retitle the window, clear the screen, red
FORGED = "\nrejected: everything.txt: forged"
REPORT = "An air strike hit the district hospital in Idlib on Monday, killing two nurses.\n"
RECORD = {
    "text": "Gunmen attacked a clinic near Maiduguri on Tuesday and abducted a doctor.",
    "title": '=HYPERLINK("http://example.invalid/","details")[red]' + ESCAPES,
    "source": "@SUM(1+1)\u202eevil",
    "url": "+1-http://example.invalid/",
}


def hostile_folder(root: Path) -> Path:
    inbox = root / "inbox"
    inbox.mkdir()
    (inbox / f"a{ESCAPES}.txt").write_text(REPORT)
    (inbox / f"b{FORGED}").write_text("")  # empty: rejected, so its name is printed
    (inbox / "c.json").write_text(json.dumps(RECORD))
    (inbox / "d\u202etxt.exe").write_text("A shell hit an ambulance in Kharkiv on Friday.")
    with open(os.fsencode(inbox) + b"/e-caf\xe9.txt", "wb") as file:  # not a UTF-8 name
        file.write(b"Soldiers raided the maternity ward in Gaza on Sunday.")
    (inbox / "=f.csv").write_text(
        'title,text,source\n"-2+3","A mortar hit the clinic in Taiz on Monday.","=cmd|x"\n'
    )
    return inbox


def carewatch(*args: str | Path, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([CAREWATCH, *args], capture_output=True, env=env, cwd=cwd,
                          timeout=300, check=False)


def lines_starting(output: bytes, prefix: str) -> list[str]:
    return [line for line in output.decode().splitlines() if line.startswith(prefix)]


def test_hostile_names_and_fields_reach_no_terminal_raw(database_url: str, tmp_path: Path) -> None:
    inbox = hostile_folder(tmp_path)
    env = {**os.environ, "CAREWATCH_DATABASE_URL": database_url, "COLUMNS": "200"}

    first = carewatch("ingest", inbox, env=env, cwd=tmp_path)
    second = carewatch("ingest", inbox, env=env, cwd=tmp_path)

    for run in (first, second):
        output = (run.stdout + run.stderr).decode()
        assert not RAW_CONTROL.search(output), output
        assert "Traceback" not in output
        assert run.returncode == 1  # the empty file
        # One rejection, in one line, whose name shows the line break it holds.
        assert lines_starting(run.stderr, "rejected: ") == [
            f"rejected: {inbox}/b\\nrejected: everything.txt: forged: empty file"
        ]
    assert "5 documents new, 0 already known, 1 rejected" in first.stdout.decode()
    known = lines_starting(second.stderr, "already known: ")
    assert len(known) == 5
    assert f"already known: {inbox}/a\\x1b]0;owned\\x07\\x1b[2J\\x9b31m.txt " in known[1]
    assert any(f"{inbox}/d\\u202etxt.exe" in line for line in known)
    assert any(f"{inbox}/e-caf\\xe9.txt" in line for line in known)

    listing = carewatch("incidents", "--all", "--format", "csv", env=env, cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    text = listing.stdout.decode()
    assert not RAW_CONTROL.search(text)
    table = list(csv.reader(io.StringIO(text)))
    assert len(table) > 1
    cells = [cell for row in table for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA) and not _number(cell)]
    assert "'@SUM(1+1)\\u202eevil" in cells


def _number(cell: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", cell) is not None


@pytest.fixture
def hostile_database(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database holding the hostile folder, for the commands that print what it holds."""
    monkeypatch.setenv("CAREWATCH_DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["ingest", str(hostile_folder(tmp_path))])
    assert result.exit_code == 1, result.output  # the empty file only
    return database_url


def invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), prog_name="carewatch")
    assert result.exit_code == 0, result.output
    return result.output


def ids(database_url: str, table: str) -> list[int]:
    with Database(database_url) as db:
        if table == "documents":
            return db.document_ids()
        return [i.id for i in db.list_incidents(limit=1000, health_care_only=False)]


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_every_listing_is_neutral(hostile_database: str, fmt: str) -> None:
    for args in (["incidents", "--all"], ["incidents", "--all", "--candidates"]):
        output = invoke(*args, "--format", fmt)
        assert not RAW_CONTROL.search(output), output
        if fmt == "csv":
            cells = [c for row in csv.reader(io.StringIO(output)) for c in row]
            assert not [c for c in cells if c.startswith(FORMULA) and not _number(c)]
        if fmt == "json":
            json.loads(output)  # still JSON, and a program gets the text as stored


def test_json_output_gives_programs_the_stored_text(hostile_database: str) -> None:
    [candidate] = [c for c in json.loads(invoke("incidents", "--all", "--candidates",
                                                "--format", "json"))
                   if c["document"].endswith("c.json")]
    detail = json.loads(invoke("show", str(candidate["id"]), "--candidate", "--format", "json"))
    assert detail["document"]["title"] == RECORD["title"]
    assert detail["document"]["source"] == RECORD["source"]


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_every_incident_shown_is_neutral(hostile_database: str, fmt: str) -> None:
    merged = [row["id"] for row in json.loads(invoke("incidents", "--all", "--format", "json"))]
    candidates = ids(hostile_database, "incidents")
    assert merged and candidates
    for number in merged:
        output = invoke("show", str(number), "--format", fmt)
        assert not RAW_CONTROL.search(output), output
    for number in candidates:
        output = invoke("show", str(number), "--candidate", "--format", fmt)
        assert not RAW_CONTROL.search(output), output
        if fmt == "table" and "c.json" in output:
            assert '"details")[red]\\x1b]0;owned' in output  # markup and escapes shown as text


def test_extract_of_a_hostile_file_is_neutral(tmp_path: Path) -> None:
    inbox = hostile_folder(tmp_path)
    for path in sorted(inbox.iterdir()):
        if path.stat().st_size:
            for fmt in ("table", "json"):
                output = invoke("extract", str(path), "--format", fmt)
                assert not RAW_CONTROL.search(output), output


def test_an_error_line_with_a_hostile_name_stays_one_line(tmp_path: Path) -> None:
    missing = tmp_path / f"gone{FORGED}{ESCAPES}.txt"
    result = CliRunner().invoke(cli, ["extract", str(missing)], prog_name="carewatch")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert not RAW_CONTROL.search(result.stderr)
    assert result.stderr.startswith("error: ") and "\\nrejected: everything.txt" in result.stderr


# --- commands that read a database that is not there ---------------------------------------


@pytest.mark.sqlite_only
@pytest.mark.parametrize("args", [["incidents"], ["show", "1"], ["show", "1", "--candidate"],
                                  ["situation", "--area", "Idlib"], ["facilities", "list"],
                                  ["users", "list"], ["reextract", "--outdated"],
                                  ["merge", "1", "2"], ["rebuild"]])
def test_reading_in_a_folder_without_a_database_creates_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.delenv("CAREWATCH_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args, prog_name="carewatch")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: no database at {tmp_path / 'carewatch.db'}; 'carewatch ingest PATH...' "
        "creates one; --db or CAREWATCH_DATABASE_URL names another\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_reading_a_database_without_carewatch_tables_changes_nothing(database_url: str) -> None:
    before = Database(database_url, migrate=False)
    try:
        assert table_names(before) == set()  # there, and empty (SQLite: a file of 0 bytes)
        result = CliRunner().invoke(cli, ["incidents", "--db", database_url])
        assert result.exit_code == 1
        assert result.stderr.startswith("error: no CareWatch database at ")
        assert "(it has no CareWatch tables)" in result.stderr
        assert table_names(before) == set()
    finally:
        before.close()


def test_ingest_creates_the_database_that_the_others_then_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    monkeypatch.setenv("CAREWATCH_DATABASE_URL", database_url)
    report = tmp_path / "report.txt"
    report.write_text(REPORT)
    assert CliRunner().invoke(cli, ["ingest", str(report)]).exit_code == 0
    assert json.loads(invoke("incidents", "--format", "json"))


# --- serve on a port that is taken ----------------------------------------------------------


def test_serve_on_a_busy_port_fails_at_once_without_announcing_an_address(
    tmp_path: Path, database_url: str
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "CAREWATCH_DATABASE_URL": database_url}
        result = subprocess.run([CAREWATCH, "serve", "--port", str(port)], capture_output=True,
                                text=True, env=env, cwd=tmp_path, timeout=120, check=False)
    assert result.returncode == 1
    assert result.stderr == (
        f"error: cannot listen on 127.0.0.1:{port}: the port is in use (another CareWatch, "
        "or another program); --port or CAREWATCH_PORT chooses another\n"
    )
    assert "http://" not in result.stdout + result.stderr


# --- PostgreSQL without its driver ----------------------------------------------------------

WITHOUT_DRIVERS = textwrap.dedent(
    """
    import sys
    sys.modules["psycopg"] = sys.modules["psycopg2"] = None  # as if never installed
    from carewatch.cli import main
    main(sys.argv[1:])
    """
)


@pytest.mark.parametrize("url", ["postgresql://team@db.example.invalid/carewatch",
                                 "postgresql+psycopg2://team:secret@db.example.invalid/cw"])
def test_a_missing_postgresql_driver_names_the_postgres_extra(tmp_path: Path, url: str) -> None:
    result = subprocess.run([sys.executable, "-c", WITHOUT_DRIVERS, "incidents", "--db", url],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120,
                            check=False)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("error: cannot use database URL ")
    assert "its driver is not installed" in line
    assert "pip install 'carewatch[postgres]'" in line
    assert "secret" not in line
