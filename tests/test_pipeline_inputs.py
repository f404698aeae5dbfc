"""Hostile inputs, ingested into a real database: each is named in one rejection, the run
goes on, and a second run over the same inputs stores nothing twice.

Every input here once stopped or stalled a run (issue 12). The reports are sentences we
wrote; the files are real files in ``tmp_path``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from databases import rows

from carewatch.errors import InputError
from carewatch.ingest.json_values import MAX_DEPTH
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

    summary = run([inbox], database)

    assert rejected(summary) == {
        str(inbox / "a" / "up"): f"the same folder as {inbox}, read already; skipped",
        str(inbox / "b" / "up"): f"the same folder as {inbox}, read already; skipped",
        str(inbox / "c"): f"the same folder as {inbox / 'a'}, read already; skipped",
        str(inbox / "gone"): "a link to nothing (its target does not exist), skipped",
        str(inbox / "self"): "a link that leads round in a loop, skipped",
    }
    assert summary.documents_new == 2 and summary.documents_known == 0  # read once each
    assert stored_texts(database) == sorted(REPORTS[:2])
    assert_second_run_adds_nothing([inbox], database, 2)


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
