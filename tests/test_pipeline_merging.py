"""carewatch.pipeline merges each document as it is stored: real files, a real database.

The reports are one-line notes written for these tests ("M10 2016-09-28 killed 2"), read
by the test reader of ``line_reports`` (registered here under this module's names) so that
what merges does not depend on the rules.
"""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from databases import scalar
from line_reports import OneAttackPerLine as LineReports
from sqlalchemy.exc import SQLAlchemyError

from carewatch.extract import register_extractor
from carewatch.pipeline import ingest
from carewatch.store import Database
from carewatch.store.merged_reading import list_merged
from carewatch.store.merging import rebuild

LIMIT = 10 * 1024 * 1024


class OneAttackPerLine(LineReports):
    name = "test.pipeline_merging.v1"


class SameReadingAnotherName(OneAttackPerLine):
    name = "test.pipeline_merging.v2"


register_extractor(OneAttackPerLine.name)(OneAttackPerLine)
register_extractor(SameReadingAnotherName.name)(SameReadingAnotherName)


def run(paths: list[Path], database: Database, extractor: str = OneAttackPerLine.name):  # type: ignore[no-untyped-def]
    return ingest(paths, database, extractor_name=extractor, max_bytes=LIMIT)


@pytest.fixture
def database(database_url: str):  # type: ignore[no-untyped-def]
    with Database(database_url) as db:
        yield db


def groups(database: Database) -> list[list[int]]:
    return sorted(sorted(line.data["members"]) for line in list_merged(database, limit=1000))


def test_the_summary_counts_incidents_created_and_updated(
    tmp_path: Path, database: Database
) -> None:
    first, second, later = tmp_path / "1.txt", tmp_path / "2.txt", tmp_path / "3.txt"
    first.write_text("M10 2016-09-28 killed 2\nM2 2016-09-28 killed 2\n")
    second.write_text("M10 2016-09-28 killed 3\n")
    later.write_text("M10 2016-11-02 killed 1\n")  # the same hospital, another attack

    one = run([first], database)
    two = run([second], database)
    three = run([later], database)

    assert (one.incidents_created, one.incidents_updated) == (2, 0)
    assert (two.incidents_created, two.incidents_updated) == (0, 1)
    assert (three.incidents_created, three.incidents_updated) == (1, 0)
    assert [o.merged.created for o in one.outcomes] == [2]
    killed = {}
    for line in list_merged(database):
        [figure] = line.data["figures"]
        killed[(line.data["facilities"][0]["name"], line.date)] = (
            figure["minimum"],
            figure["maximum"],
        )
    assert killed == {
        ("M10", dt.date(2016, 9, 28)): (2, 3),
        ("M2", dt.date(2016, 9, 28)): (2, 2),
        ("M10", dt.date(2016, 11, 2)): (1, 1),
    }


def test_known_documents_change_nothing_and_another_extractor_updates_in_place(
    tmp_path: Path, database: Database
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "1.txt").write_text("M10 2016-09-28 killed 2\nM2 2016-09-28 killed 2\n")
    (tmp_path / "in" / "2.txt").write_text("M10 2016-09-28 killed 3\n")
    run([tmp_path / "in"], database)
    before = [(line.id, len(line.data["members"])) for line in list_merged(database)]

    again = run([tmp_path / "in"], database)
    other = run([tmp_path / "in"], database, SameReadingAnotherName.name)

    assert (again.documents_known, again.incidents_created, again.incidents_updated) == (2, 0, 0)
    assert other.documents_extracted == 2
    assert other.incidents_created == 0
    assert [(line.id, len(line.data["members"])) for line in list_merged(database)] == before
    for line in list_merged(database):
        assert all(c["candidate_id"] in line.data["members"] for c in line.data["claims"])


INTERRUPTIBLE_RUN = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, sys.argv[3])
    import test_pipeline_merging  # registers the test extractor
    from carewatch.pipeline import ingest
    from carewatch.store import Database

    with Database(sys.argv[2]) as db:
        ingest([sys.argv[1]], db, extractor_name="test.pipeline_merging.v1",
               max_bytes=1_000_000, on_progress=lambda result: time.sleep(0.01))
    """
)


def stored_count(probe: Database) -> int:
    try:
        return int(scalar(probe, "SELECT count(*) FROM documents"))
    except SQLAlchemyError:
        return 0  # not created or not migrated yet


def unmerged_candidates(probe: Database) -> int:
    return int(scalar(probe, "SELECT count(*) FROM incidents i WHERE NOT EXISTS "
                             "(SELECT 1 FROM incident_members m WHERE m.candidate_id = i.id)"))


def test_a_killed_run_never_leaves_a_document_without_its_merge(
    tmp_path: Path, database_url: str
) -> None:
    folder, url = tmp_path / "in", database_url
    folder.mkdir()
    for n in range(150):  # reports n and n + 50 and n + 100 name the same hospital
        (folder / f"report-{n:03}.txt").write_text(f"M{n % 50} 2016-09-28 killed {n % 7}\n")
    probe = Database(url, migrate=False)  # the run below creates the tables
    with (tmp_path / "stderr.txt").open("w+") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", INTERRUPTIBLE_RUN, str(folder), url, str(Path(__file__).parent)],
            stderr=stderr,
        )
        try:
            deadline = time.monotonic() + 60
            while stored_count(probe) < 60 and process.poll() is None:
                assert time.monotonic() < deadline, "the run stored nothing in 60 s"
                time.sleep(0.02)
            process.send_signal(signal.SIGKILL)
        finally:
            process.kill()
            process.wait(timeout=10)
        stderr.seek(0)
        assert process.returncode == -signal.SIGKILL, stderr.read()
    assert 60 <= stored_count(probe) < 150
    assert unmerged_candidates(probe) == 0
    probe.close()

    with Database(url) as database:
        run([folder], database)
        finished = groups(database)
        assert unmerged_candidates(database) == 0
        assert len(finished) == 50 and {len(g) for g in finished} == {3}
        rebuild(database)
        assert groups(database) == finished
