"""Hostile inputs, ingested into a real database: each is named in one rejection, the run
goes on, and a second run over the same inputs stores nothing twice.

Every input here once stopped or stalled a run (issue 12). The reports are sentences we
wrote; the files are real files in ``tmp_path``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import ClassVar

import pytest
from databases import execute, rows

from carewatch.errors import InputError, StorageError
from carewatch.extract import register_extractor
from carewatch.ingest.json_values import MAX_DEPTH
from carewatch.model import CandidateIncident, Extraction, IncidentType
from carewatch.pipeline import IngestSummary, ingest
from carewatch.store import Database

LIMIT = 10 * 1024 * 1024
EXTRACTOR = "carewatch.rules.v1"
REPORTS = [
    "An air strike hit the district hospital in Idlib on Monday, killing two nurses.",
    "Gunmen attacked a clinic near Maiduguri on Tuesday and abducted a doctor.",
    "A shell struck an ambulance in Kharkiv on Friday, wounding its driver.",
]


@pytest.fixture
def database(database_url: str):  # type: ignore[no-untyped-def]
    with Database(database_url) as db:
        yield db


def run(paths: list[Path], database: Database, max_bytes: int = LIMIT) -> IngestSummary:
    return ingest(paths, database, extractor_name=EXTRACTOR, max_bytes=max_bytes)


def rejected(summary: IngestSummary) -> dict[str, str]:
    return {error.origin: error.problem for error in summary.rejected}


def stored_texts(database: Database) -> list[str]:
    return sorted(text for (text,) in rows(database, "SELECT text FROM documents"))


def assert_second_run_adds_nothing(paths: list[Path], database: Database, stored: int) -> None:
    again = run(paths, database)
    assert (again.documents_new, again.documents_known) == (0, stored)
    assert rows(database, "SELECT count(*), count(DISTINCT sha256) FROM documents") == [
        (stored, stored)
    ]


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# --- deeply nested JSON --------------------------------------------------------------------


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_deeply_nested_json_is_one_rejection_and_the_files_after_it_are_stored(
    tmp_path: Path, database: Database, depth: int
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-deep.json").write_text(f'{{"text": {nested(depth)}}}')
    (inbox / "b-deep-list.json").write_text(nested(depth))
    (inbox / "c.txt").write_text(REPORTS[0])

    summary = run([inbox], database)

    problems = rejected(summary)
    assert set(problems) == {str(inbox / "a-deep.json"), str(inbox / "b-deep-list.json")}
    assert all(f"more than {MAX_DEPTH} levels" in p for p in problems.values())
    assert stored_texts(database) == [REPORTS[0]]
    assert_second_run_adds_nothing([inbox], database, 1)


def test_a_deeply_nested_json_line_costs_that_line_only(tmp_path: Path, database: Database) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": REPORTS[0]}), f'{{"text": "x", "extra": {nested(50_000)}}}',
             json.dumps({"text": REPORTS[1], "extra": json.loads(nested(MAX_DEPTH - 1))})]
    feed.write_text("\n".join(lines) + "\n")

    summary = run([feed], database)

    assert list(rejected(summary)) == [f"{feed}#line 2"]
    assert stored_texts(database) == sorted(REPORTS[:2])  # 99 levels deep is still a record
    assert_second_run_adds_nothing([feed], database, 2)


def test_deeply_nested_json_on_standard_input(
    tmp_path: Path, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    data = f'{{"a": {nested(50_000)}}}\n{json.dumps({"text": REPORTS[2]})}\n'.encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    summary = ingest(["-"], database, extractor_name=EXTRACTOR, max_bytes=LIMIT)

    assert list(rejected(summary)) == ["<stdin>#line 1"]
    assert stored_texts(database) == [REPORTS[2]]


def test_a_number_too_long_for_python_is_one_rejection(tmp_path: Path, database: Database) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    digits = "7" * 5000  # past Python's 4,300-digit limit on converting text to int
    (inbox / "a.json").write_text(f'{{"text": "{REPORTS[0]}", "count": {digits}}}')
    (inbox / "b.jsonl").write_text(f'{{"text": "x", "count": {digits}}}\n'
                                   + json.dumps({"text": REPORTS[1]}) + "\n")

    summary = run([inbox], database)

    assert set(rejected(summary)) == {str(inbox / "a.json"), f"{inbox / 'b.jsonl'}#line 1"}
    assert all("more than 4,300 digits" in p for p in rejected(summary).values())
    assert stored_texts(database) == [REPORTS[1]]


# --- folders: links that loop, names that are not UTF-8 ------------------------------------


def test_links_that_loop_are_named_once_and_each_file_is_read_once(
    tmp_path: Path, database: Database
) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "a").mkdir(parents=True)
    (inbox / "b").mkdir()
    (inbox / "a" / "report.txt").write_text(REPORTS[0])
    (inbox / "b" / "report.txt").write_text(REPORTS[1])
    # Two loops back to the top: without a check the walk doubles at every level.
    (inbox / "a" / "up").symlink_to("..")
    (inbox / "b" / "up").symlink_to("..")
    (inbox / "c").symlink_to("a")  # the same folder under another name
    (inbox / "self").symlink_to("self")  # a link to itself
    (inbox / "gone").symlink_to("nowhere")
    (inbox / "zero").symlink_to("/dev/zero")  # a device: reading it would never end

    summary = run([inbox], database)

    assert rejected(summary) == {
        str(inbox / "a" / "up"): f"the same folder as {inbox}, read already; skipped",
        str(inbox / "b" / "up"): f"the same folder as {inbox}, read already; skipped",
        str(inbox / "c"): f"the same folder as {inbox / 'a'}, read already; skipped",
        str(inbox / "gone"): "a link to nothing (its target does not exist), skipped",
        str(inbox / "self"): "a link that leads round in a loop, skipped",
        str(inbox / "zero"): "not a regular file, skipped",
    }
    assert summary.documents_new == 2 and summary.documents_known == 0  # read once each
    assert stored_texts(database) == sorted(REPORTS[:2])
    assert_second_run_adds_nothing([inbox], database, 2)


def test_folders_nested_deeper_than_python_recurses_are_walked(
    tmp_path: Path, database: Database
) -> None:
    inbox = tmp_path / "inbox"
    levels = [inbox]
    for _ in range(1200):  # Python's recursion limit is 1,000
        levels.append(levels[-1] / "d")
        levels[-1].mkdir(parents=True)
    (levels[-1] / "report.txt").write_text(REPORTS[2])
    (inbox / "z.txt").write_text(REPORTS[0])
    try:
        summary = run([inbox], database)

        assert summary.rejected == []
        assert stored_texts(database) == sorted([REPORTS[0], REPORTS[2]])
    finally:
        # Removed here, deepest first: shutil.rmtree (pytest's clean-up) recurses too.
        (levels[-1] / "report.txt").unlink()
        for level in reversed(levels[1:]):
            level.rmdir()


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_file_name_that_is_not_utf8_is_stored_with_its_byte_escaped(
    tmp_path: Path, database: Database
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    latin1 = os.fsencode(inbox) + b"/caf\xe9.txt"  # "café" in Latin-1: no UTF-8 name
    with open(latin1, "wb") as file:
        file.write(REPORTS[0].encode())
    (inbox / "z.txt").write_text(REPORTS[1])

    summary = run([inbox], database)

    assert summary.rejected == [] and summary.documents_new == 2
    origins = [origin for (origin,) in rows(database, "SELECT origin FROM documents ORDER BY id")]
    assert origins == [f"{inbox}/caf\\xe9.txt", str(inbox / "z.txt")]
    assert_second_run_adds_nothing([inbox], database, 2)


# --- CSV ----------------------------------------------------------------------------------


def test_a_csv_row_over_the_limit_costs_that_row_only(tmp_path: Path, database: Database) -> None:
    big = "The clinic reported shortages. " * 100  # 3,100 bytes, over the 2,000 below
    table = tmp_path / "reports.csv"
    table.write_text(
        "title,text\n"
        f'one,"{REPORTS[0]}"\n'
        f'long,"{big}"\n'
        f'"quoted, with a line break","{REPORTS[1]}\nThe ministry said so."\n'
        f"long and unquoted,{big.replace(',', '')}\n"
        f'last,"{REPORTS[2]}"\n'
    )

    summary = run([table], database, max_bytes=2000)

    assert set(rejected(summary)) == {f"{table}#row 2", f"{table}#row 4"}
    assert all("over the limit of 2.0 KiB (2,000 bytes)" in p for p in rejected(summary).values())
    texts = stored_texts(database)
    assert texts == sorted([REPORTS[0], f"{REPORTS[1]}\nThe ministry said so.", REPORTS[2]])
    again = run([table], database, max_bytes=2000)
    assert (again.documents_new, again.documents_known, len(again.rejected)) == (0, 3, 2)


def test_a_csv_row_that_is_not_utf8_costs_that_row_only(tmp_path: Path, database: Database) -> None:
    table = tmp_path / "reports.csv"
    table.write_bytes(
        f'text\n"{REPORTS[0]}"\n'.encode()
        + b"M\xe9decins Sans Fronti\xe8res\n"  # Latin-1, in a file of UTF-8
        + f'"{REPORTS[1]}"\n'.encode()
    )

    summary = run([table], database)

    [(origin, problem)] = rejected(summary).items()
    assert origin == f"{table}#row 2" and problem.startswith("not UTF-8 text: invalid byte 0xE9")
    assert stored_texts(database) == sorted(REPORTS[:2])


def test_a_rejection_is_an_input_error_naming_the_input(tmp_path: Path, database: Database) -> None:
    (tmp_path / "deep.json").write_text(nested(5000))
    [error] = run([tmp_path / "deep.json"], database).rejected
    assert isinstance(error, InputError)
    assert str(error) == f"{tmp_path / 'deep.json'}: {error.problem}"


# --- two ingests racing on the same inputs ------------------------------------------------


class StoredFirstElsewhere:
    """An extractor during whose reading another run (another connection to the same
    database) stores the same report first: the race, made to happen every time."""

    name = "test.inputs.race.v1"
    paths: ClassVar[dict[str, Path]] = {}
    other: ClassVar[Database | None] = None

    def extract(self, text: str, published: object = None) -> Extraction:
        path = self.paths.pop(text, None)
        if path is not None and self.other is not None:
            ingest([path], self.other, extractor_name=self.name, max_bytes=LIMIT)
        return Extraction(extractor=self.name, incidents=[
            CandidateIncident(IncidentType.FACILITY_ATTACK)])


register_extractor(StoredFirstElsewhere.name)(StoredFirstElsewhere)


def test_a_report_another_run_stored_first_is_counted_as_known(
    tmp_path: Path, database_url: str
) -> None:
    (tmp_path / "a.txt").write_text(REPORTS[0])
    (tmp_path / "b.txt").write_text(REPORTS[1])
    StoredFirstElsewhere.paths = {REPORTS[0]: tmp_path / "a.txt"}
    with Database(database_url) as ours, Database(database_url) as other:
        StoredFirstElsewhere.other = other
        try:
            summary = ingest([tmp_path], ours, extractor_name=StoredFirstElsewhere.name,
                             max_bytes=LIMIT)
        finally:
            StoredFirstElsewhere.other = None
        assert (summary.documents_new, summary.documents_known) == (1, 1)
        assert summary.documents_extracted == 0 and summary.health_care_incidents == 1
        assert rows(ours, "SELECT count(*) FROM documents") == [(2,)]
        assert rows(ours, "SELECT count(*) FROM extractions") == [(2,)]


RACING_RUN = textwrap.dedent(
    """
    import json, sys
    from carewatch.pipeline import ingest
    from carewatch.store import Database

    with Database(sys.argv[2]) as db:
        summary = ingest([sys.argv[1]], db, extractor_name="carewatch.rules.v1",
                         max_bytes=1_000_000)
    print(json.dumps({"new": summary.documents_new, "known": summary.documents_known,
                      "extracted": summary.documents_extracted,
                      "found": summary.incidents_found, "rejected": len(summary.rejected)}))
    """
)


def test_two_runs_racing_on_the_same_folder_print_summaries_that_add_up(
    tmp_path: Path, database_url: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(30):
        (folder / f"r{n:02}.txt").write_text(
            f"On {n % 28 + 1} March 2023 an air strike hit the hospital in Town{n}, "
            f"killing {n + 1} patients, the ministry said.\n")
    Database(database_url).close()  # migrated before, so that both start at once
    runs = [subprocess.Popen([sys.executable, "-c", RACING_RUN, str(folder), database_url],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = []
    for process in runs:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        results.append(json.loads(out))

    assert sum(r["new"] for r in results) == 30
    assert sum(r["known"] for r in results) == 30
    assert sum(r["extracted"] for r in results) == 0
    with Database(database_url) as db:
        assert rows(db, "SELECT count(*), count(DISTINCT sha256) FROM documents") == [(30, 30)]
        assert sum(r["found"] for r in results) == db.count_incidents()


# --- a document the database refuses ------------------------------------------------------


def reports_folder(root: Path) -> Path:
    inbox = root / "inbox"
    inbox.mkdir()
    for name, text in zip("abc", REPORTS, strict=True):
        (inbox / f"{name}.txt").write_text(text)
    return inbox


def refuse_documents_saying(database: Database, word: str) -> None:
    """A trigger with which the database itself refuses a document whose text has ``word``
    (as a constraint or a check of the team's own would)."""
    if database.engine.dialect.name == "sqlite":
        execute(database, f"CREATE TRIGGER refuse_word BEFORE INSERT ON documents "
                          f"WHEN NEW.text LIKE '%{word}%' "
                          f"BEGIN SELECT RAISE(ABORT, 'refused: {word}'); END")
        return
    execute(database, f"CREATE FUNCTION refuse_word() RETURNS trigger LANGUAGE plpgsql AS $$ "
                      f"BEGIN IF NEW.text LIKE '%{word}%' THEN "
                      f"RAISE EXCEPTION 'refused: {word}'; END IF; RETURN NEW; END $$")
    execute(database, "CREATE TRIGGER refuse_word BEFORE INSERT ON documents "
                      "FOR EACH ROW EXECUTE FUNCTION refuse_word()")


def test_a_document_the_database_refuses_is_named_and_the_rest_are_stored(
    tmp_path: Path, database: Database
) -> None:
    inbox = reports_folder(tmp_path)
    refuse_documents_saying(database, "Maiduguri")

    summary = run([inbox], database)

    assert rejected(summary) == {str(inbox / "b.txt"): "could not store it: refused: Maiduguri"}
    assert stored_texts(database) == sorted([REPORTS[0], REPORTS[2]])
    assert rows(database, "SELECT count(*) FROM extractions") == [(2,)]  # nothing of b


def test_a_figure_too_large_for_the_database_costs_its_report_only(
    tmp_path: Path, database: Database
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("A shell hit the hospital in Idlib on Monday, killing "
                                 "99999999999999999999999 patients, the ministry said.")
    (inbox / "b.txt").write_text(REPORTS[1])

    summary = run([inbox], database)

    # Stored, if extraction reads no such figure; else named, and the run goes on.
    assert set(rejected(summary)) <= {str(inbox / "a.txt")}
    assert all(p.startswith("could not store it: ") for p in rejected(summary).values())
    assert REPORTS[1] in stored_texts(database)
    again = run([inbox], database)
    assert (again.documents_new, again.documents_known) == (0, summary.documents_new)


def test_a_failure_of_the_database_itself_stops_the_run_keeping_what_it_stored(
    tmp_path: Path, database: Database
) -> None:
    inbox = reports_folder(tmp_path)

    def break_the_database(_result: object) -> None:
        execute(database, "DROP TABLE IF EXISTS facility_links")
        execute(database, "ALTER TABLE extractions RENAME TO extractions_gone")

    with pytest.raises(StorageError, match=r"b\.txt"):
        ingest([inbox], database, extractor_name=EXTRACTOR, max_bytes=LIMIT,
               on_progress=break_the_database)
    assert stored_texts(database) == [REPORTS[0]]
