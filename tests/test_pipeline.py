"""carewatch.pipeline: folders of real files into a real database, twice, and interrupted."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from databases import rows, scalar
from sqlalchemy.exc import SQLAlchemyError

from carewatch.errors import InputError, UnknownExtractorError
from carewatch.extract import register_extractor
from carewatch.model import CandidateIncident, Extraction, IncidentType
from carewatch.pipeline import DocumentOutcome, ingest
from carewatch.store import Database

LIMIT = 10 * 1024 * 1024


class OneIncidentPerHospital:
    """A tiny extractor registered for these tests: one incident per "hospital" mention,
    another kind of incident per "market", and a crash on "BOOM"."""

    name = "test.pipeline.v1"

    def extract(self, text: str, published: dt.date | None = None) -> Extraction:
        if "BOOM" in text:
            raise ValueError("cannot parse this report")
        incidents = [CandidateIncident(IncidentType.FACILITY_ATTACK)] * text.count("hospital")
        incidents += [CandidateIncident(IncidentType.OTHER_VIOLENCE)] * text.count("market")
        return Extraction(extractor=self.name, published=published, incidents=incidents)


register_extractor(OneIncidentPerHospital.name)(OneIncidentPerHospital)


def write_reports(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"report-{n:04}.txt").write_text(f"Report {n}: shelling hit a hospital.\n")


def run(paths: list[Path], database: Database, **options: object):  # type: ignore[no-untyped-def]
    options.setdefault("extractor_name", OneIncidentPerHospital.name)
    return ingest(paths, database, max_bytes=LIMIT, **options)  # type: ignore[arg-type]


@pytest.fixture
def database(database_url: str):  # type: ignore[no-untyped-def]
    with Database(database_url) as db:
        yield db


def test_ingesting_a_folder_twice_adds_nothing_the_second_time(
    tmp_path: Path, database: Database
) -> None:
    folder = tmp_path / "in"
    write_reports(folder, 3)
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": "A market and a hospital were shelled.", "published": "2016-09-28"})
        + "\n{broken\n"
    )
    (folder / "empty.txt").write_bytes(b"")

    first = run([folder], database, published=dt.date(2016, 10, 1))
    assert (first.documents_new, first.documents_known) == (4, 0)
    assert (first.health_care_incidents, first.other_incidents, first.incidents_found) == (4, 1, 5)
    assert sorted(Path(e.origin).name for e in first.rejected) == ["empty.txt", "feed.jsonl#line 2"]

    second = run([folder], database)
    assert (second.documents_new, second.documents_known, second.incidents_found) == (0, 4, 0)
    assert {o.status for o in second.outcomes} == {"known"}
    assert (database.count_documents(), database.count_incidents()) == (4, 5)


def test_extractor_failure_is_a_rejection_and_the_run_goes_on(
    tmp_path: Path, database: Database
) -> None:
    folder = tmp_path / "in"
    write_reports(folder, 2)
    (folder / "bad.txt").write_text("BOOM")
    seen: list[DocumentOutcome | InputError] = []
    summary = run([folder], database, on_progress=seen.append)
    [rejected] = summary.rejected
    assert rejected.origin == str(folder / "bad.txt")
    assert "test.pipeline.v1 failed: ValueError: cannot parse this report" in rejected.problem
    assert summary.documents_new == 2
    assert database.find_document(hashlib.sha256(b"BOOM").hexdigest()) is None
    assert [(type(r).__name__, Path(r.origin).name) for r in seen] == [
        ("InputError", "bad.txt"),
        ("DocumentOutcome", "report-0000.txt"),
        ("DocumentOutcome", "report-0001.txt"),
    ]


def test_a_new_extractor_reads_known_documents_again(tmp_path: Path, database: Database) -> None:
    write_reports(tmp_path / "in", 2)
    run([tmp_path / "in"], database, extractor_name="carewatch.rules.v1")
    summary = run([tmp_path / "in"], database)
    assert (summary.documents_new, summary.documents_extracted, summary.documents_known) == (
        0,
        2,
        0,
    )
    assert summary.health_care_incidents == 2


def test_unknown_extractor_fails_before_reading(tmp_path: Path, database: Database) -> None:
    with pytest.raises(UnknownExtractorError):
        run([tmp_path / "nothing-here"], database, extractor_name="no.such.v9")


def spans_in(value: object) -> Iterator[dict[str, Any]]:
    """Every span (a mapping with start, end and text) anywhere in stored incident data."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys():
            yield value
        for item in value.values():
            yield from spans_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from spans_in(item)


def test_a_nul_is_stored_as_a_replacement_character_and_the_run_goes_on(
    tmp_path: Path, database: Database
) -> None:
    # Written for this test. The NUL lies past the first 4 KiB, which the binary check reads.
    quiet = "The market reopened and the council met, residents said. " * 80
    strike = "Shelling hit the main hospital in Taiz on 2 June 2018,\x00 killing two patients."
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-long.txt").write_bytes(f"{quiet}{strike}\n".encode())
    record = {"text": "An air strike hit a clinic in Idlib on 3 May 2019, killing a nurse"
                      "\u0000 and a driver, medics said.", "title": "Idlib\u0000clinic"}
    (folder / "b-record.jsonl").write_text(json.dumps(record) + "\n")
    (folder / "c-clean.txt").write_text("An air strike hit a hospital in Aleppo on 1 May 2016, "
                                        "killing three doctors, a witness said.\n")

    summary = run([folder], database, extractor_name="carewatch.rules.v1")

    assert (summary.rejected, summary.documents_new) == ([], 3)
    stored = rows(database, "SELECT id, raw, sha256, text, title FROM documents ORDER BY id")
    files = [(folder / n).read_bytes() for n in ("a-long.txt", "b-record.jsonl", "c-clean.txt")]
    assert [bytes(raw) for _, raw, _, _, _ in stored] == [files[0], files[1].rstrip(b"\n"),
                                                         files[2]]
    assert all(sha == hashlib.sha256(raw).hexdigest() for _, raw, sha, _, _ in stored)
    texts = {document_id: text for document_id, _, _, text, _ in stored}
    assert texts[stored[0][0]] == f"{quiet}{strike}\n".replace("\x00", "\ufffd")
    assert stored[1][4] == "Idlib\ufffdclinic" and "nurse\ufffd and" in texts[stored[1][0]]
    assert not any("\x00" in text for text in texts.values())

    after_nul = 0
    for listed in database.list_incidents(limit=100):
        text = texts[listed.document_id]
        for span in spans_in(database.get_incident(listed.id).data):
            assert text[span["start"]:span["end"]] == span["text"]
            after_nul += span["start"] > len(quiet) + strike.index("\x00")
    assert after_nul > 0  # offsets past the replaced character were checked too


INTERRUPTIBLE_RUN = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, sys.argv[3])
    import test_pipeline  # registers the test extractor
    from carewatch.pipeline import DocumentOutcome, ingest
    from carewatch.store import Database

    # A pause per document so that the test can kill the run part-way through.
    with Database(sys.argv[2]) as db:
        ingest([sys.argv[1]], db, extractor_name="test.pipeline.v1",
               max_bytes=1_000_000, on_progress=lambda origin: time.sleep(0.01))
    """
)


def stored_count(probe: Database) -> int:
    try:
        return int(scalar(probe, "SELECT count(*) FROM documents"))
    except SQLAlchemyError:
        return 0  # not created or not migrated yet


def test_an_interrupted_run_is_finished_by_the_next(tmp_path: Path, database_url: str) -> None:
    folder, url = tmp_path / "in", database_url
    write_reports(folder, 200)
    tests_dir = str(Path(__file__).parent)
    probe = Database(url, migrate=False)  # the run below creates the tables
    with (tmp_path / "stderr.txt").open("w+") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", INTERRUPTIBLE_RUN, str(folder), url, tests_dir], stderr=stderr
        )
        try:
            deadline = time.monotonic() + 60
            while stored_count(probe) < 20 and process.poll() is None:
                assert time.monotonic() < deadline, "the run stored nothing in 60 s"
                time.sleep(0.02)
            process.send_signal(signal.SIGKILL)
        finally:
            process.kill()
            process.wait(timeout=10)
        stderr.seek(0)
        assert process.returncode == -signal.SIGKILL, stderr.read()
    before = stored_count(probe)
    probe.close()
    assert 20 <= before < 200

    with Database(url) as database:
        summary = run([folder], database)
        assert summary.documents_known == before
        assert summary.documents_new == 200 - before
        counts = rows(database, "SELECT count(DISTINCT sha256), count(*) FROM documents")
        assert counts == [(200, 200)]
        orphans = rows(database, "SELECT count(*) FROM documents d WHERE NOT EXISTS "
                                 "(SELECT 1 FROM extractions e WHERE e.document_id = d.id)")
        assert orphans == [(0,)]
        # Each incident belongs to a stored extraction: one per "hospital" per report.
        assert rows(database, "SELECT count(*) FROM incidents") == [(200,)]
