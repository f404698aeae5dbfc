"""carewatch.reextract: stored reports read again when the rules change; a real SQLite file.

The stored reports are one-line notes written for these tests ("M10 2016-09-28 killed 2"),
read by the test reader of ``line_reports``, registered here with rules a test can change, as a new
CareWatch changes its rules under the same extractor name. The repo's sample reports are
read again by the real rules, which must find nothing to change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from line_reports import OneAttackPerLine
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from carewatch.cli import cli
from carewatch.extract import register_extractor
from carewatch.extract.rules import rules_version
from carewatch.model import Extraction
from carewatch.pipeline import IngestSummary, ingest
from carewatch.reextract import reextract
from carewatch.store import Database
from carewatch.store.merged_reading import get_merged, list_merged
from carewatch.store.merging import split_candidate
from carewatch.store.reviews import record_review, reviews_for
from carewatch.store.tables import ExtractionRow, IncidentRow

LIMIT = 10 * 1024 * 1024
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"


class ChangingRules(OneAttackPerLine):
    """The test reader, whose class attributes are the "rules" a test changes."""

    name = "test.reextract.v1"
    extra_killed = 0  # a later rule reads one more death into every line
    skip = ""  # a later rule no longer reads lines naming this hospital
    fail_on = ""  # the extractor breaks on texts containing this
    version: str | None = "1"  # the build of these rules

    def extract(self, text: str, published: dt.date | None = None) -> Extraction:
        if self.fail_on and self.fail_on in text:
            raise ValueError("a rule broke")
        return super().extract(text, published)

    def reads(self, hospital: str) -> bool:
        return hospital != self.skip

    def killed(self, written: int) -> int:
        return written + self.extra_killed


class AnotherReader(ChangingRules):
    name = "test.reextract.v2"


register_extractor(ChangingRules.name)(ChangingRules)
register_extractor(AnotherReader.name)(AnotherReader)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    with Database(database_url) as db:
        yield db


@pytest.fixture
def rules(monkeypatch: pytest.MonkeyPatch) -> type[ChangingRules]:
    # monkeypatch puts the class's rules back after each test.
    for name in ("extra_killed", "skip", "fail_on", "version"):
        monkeypatch.setattr(ChangingRules, name, getattr(ChangingRules, name))
    return ChangingRules


def store(tmp_path: Path, database: Database, notes: dict[str, str]) -> IngestSummary:
    for name, text in notes.items():
        (tmp_path / name).write_text(text)
    summary = ingest(
        [tmp_path / name for name in notes], database,
        extractor_name=ChangingRules.name, max_bytes=LIMIT,
    )
    assert not summary.rejected
    return summary


def killed_by_hospital(database: Database) -> dict[str, int]:
    found = {}
    for line in list_merged(database, limit=100):
        [facility] = line.data["facilities"]
        [figure] = line.data["figures"]
        found[facility["name"]] = figure["conservative"]
    return found


def killed_figures(database: Database) -> list[int]:
    return sorted(line.data["figures"][0]["conservative"] for line in list_merged(database))


def row_counts(database: Database) -> tuple[int, int]:
    with Session(database.engine) as session:
        extractions = session.scalar(select(func.count()).select_from(ExtractionRow))
        incidents = session.scalar(select(func.count()).select_from(IncidentRow))
    return int(extractions or 0), int(incidents or 0)


def test_the_same_rules_change_nothing_in_the_sample_reports(database: Database) -> None:
    ingest([EXAMPLES], database, extractor_name="carewatch.rules.v1", max_bytes=LIMIT)
    before = ([m.id for m in list_merged(database, limit=100)], row_counts(database))

    summary = reextract(database, extractor_name="carewatch.rules.v1")

    assert (summary.changed, summary.unchanged) == (0, database.count_documents())
    assert not summary.failed
    assert ([m.id for m in list_merged(database, limit=100)], row_counts(database)) == before


def test_changed_rules_replace_the_reading_and_keep_ids_and_reviews(
    tmp_path: Path, database: Database, rules: type[ChangingRules]
) -> None:
    store(tmp_path, database, {"a.txt": "M10 2016-09-28 killed 2\n",
                               "b.txt": "M2 2016-09-29 killed 1\n"})
    ids = {m.data["facilities"][0]["name"]: m.id for m in list_merged(database)}
    record_review(database, ids["M10"], "accept", by="analyst A", why="checked")
    counts = row_counts(database)

    rules.extra_killed = 1
    summary = reextract(database, extractor_name=rules.name)

    assert (summary.changed, summary.unchanged, summary.failed) == (2, 0, [])
    assert (summary.merged.created, summary.merged.updated) == (0, 2)
    assert killed_by_hospital(database) == {"M10": 3, "M2": 2}
    assert {m.data["facilities"][0]["name"]: m.id for m in list_merged(database)} == ids
    assert [r.action for r in reviews_for(database, ids["M10"])] == ["accept"]
    assert row_counts(database) == counts  # replaced, not added beside


def test_a_reading_that_finds_less_removes_what_only_it_supported(
    tmp_path: Path, database: Database, rules: type[ChangingRules]
) -> None:
    store(tmp_path, database, {"a.txt": "M10 2016-09-28 killed 2\nM2 2016-09-28 killed 1\n"})

    rules.skip = "M2"
    summary = reextract(database, extractor_name=rules.name)

    assert summary.merged.removed == 1
    assert killed_by_hospital(database) == {"M10": 2}
    assert row_counts(database) == (1, 1)


def test_an_analysts_split_survives_reading_again(
    tmp_path: Path, database: Database, rules: type[ChangingRules]
) -> None:
    store(tmp_path, database, {"a.txt": "M10 2016-09-28 killed 2\n",
                               "b.txt": "M10 2016-09-28 killed 3\n"})
    [merged] = list_merged(database)
    _, second = get_merged(database, merged.id).members
    split_candidate(database, merged.id, second.candidate_id, by="analyst A", why="two strikes")
    assert len(list_merged(database)) == 2

    rules.extra_killed = 1
    reextract(database, extractor_name=rules.name)

    assert killed_figures(database) == [3, 4]  # still two incidents, each read anew



def test_a_failing_report_keeps_its_old_reading_and_the_run_goes_on(
    tmp_path: Path, database: Database, rules: type[ChangingRules]
) -> None:
    store(tmp_path, database, {"a.txt": "M10 2016-09-28 killed 2\n",
                               "b.txt": "M2 2016-09-29 killed 1\n"})

    rules.extra_killed, rules.fail_on = 1, "M2"
    summary = reextract(database, extractor_name=rules.name)

    [failure] = summary.failed
    assert "b.txt" in failure.origin and "a rule broke" in failure.problem
    assert summary.changed == 1
    assert killed_by_hospital(database) == {"M10": 3, "M2": 1}


def test_another_extractor_takes_over_without_duplicating(
    tmp_path: Path, database: Database
) -> None:
    store(tmp_path, database, {"a.txt": "M10 2016-09-28 killed 2\n"})
    [before] = list_merged(database)

    summary = reextract(database, extractor_name=AnotherReader.name)

    [after] = list_merged(database)
    assert summary.changed == 1 and after.id == before.id
    assert row_counts(database) == (2, 2)  # the first reading is kept, not current
    assert reextract(database, extractor_name=AnotherReader.name).changed == 0


def test_the_command_reports_and_exits_1_on_a_failure(
    tmp_path: Path, database_url: str, database: Database, rules: type[ChangingRules]
) -> None:
    store(tmp_path, database, {"a.txt": "M10 2016-09-28 killed 2\n",
                               "b.txt": "M2 2016-09-29 killed 1\n"})
    url = database_url
    args = ["reextract", "--db", url, "--extractor", rules.name]

    unchanged = CliRunner().invoke(cli, args, prog_name="carewatch")
    rules.fail_on = "M2"
    failed = CliRunner().invoke(cli, [*args, "2"], prog_name="carewatch")

    assert unchanged.exit_code == 0, unchanged.output
    assert "2 reports read again with test.reextract.v1: 0 changed, 2 unchanged" in (
        unchanged.stdout
    )
    assert failed.exit_code == 1
    assert "failed, old reading kept: document 2" in failed.stderr
    assert "1 report read again" in failed.stdout and "1 failed" in failed.stdout


def test_an_unknown_document_id_stops_before_anything_is_read(
    tmp_path: Path, database_url: str, database: Database, rules: type[ChangingRules]
) -> None:
    store(tmp_path, database, {"a.txt": "M10 2016-09-28 killed 2\n"})
    rules.extra_killed = 1
    url = database_url

    result = CliRunner().invoke(
        cli, ["reextract", "1", "7", "--db", url, "--extractor", rules.name],
        prog_name="carewatch",
    )

    assert result.exit_code == 1
    assert "error: no document with id 7" in result.stderr
    assert killed_by_hospital(database) == {"M10": 2}  # document 1 was not read either


def test_readings_by_an_earlier_build_are_outdated_until_read_again(
    tmp_path: Path, database: Database, rules: type[ChangingRules]
) -> None:
    store(tmp_path, database, {"a.txt": "M10 2016-09-28 killed 2\n",
                               "b.txt": "M2 2016-09-29 killed 1\n"})
    rules.version = None  # a build that records none, as before versions were kept
    assert store(tmp_path, database, {"c.txt": "M10 2016-10-01 killed 1\n"}).outdated == 0

    rules.version = "2"
    noted = store(tmp_path, database, {"a.txt": "M10 2016-09-28 killed 2\n"})
    assert noted.documents_known == 1 and noted.outdated == 3
    rules.extra_killed = 1  # build 2 reads the first two alike, and reads more deaths
    reread = reextract(database, extractor_name=rules.name, document_ids=[2, 3], outdated=True)
    assert (reread.changed, reread.unchanged) == (2, 0)

    rest = reextract(database, extractor_name=rules.name, outdated=True)

    assert (rest.changed, rest.unchanged) == (1, 0)  # only document 1 was left
    assert reextract(database, extractor_name=rules.name, outdated=True).unchanged == 0
    assert store(tmp_path, database, {"b.txt": "M2 2016-09-29 killed 1\n"}).outdated == 0


def test_a_reading_found_unchanged_takes_the_new_build(
    tmp_path: Path, database: Database, rules: type[ChangingRules]
) -> None:
    store(tmp_path, database, {"a.txt": "M10 2016-09-28 killed 2\n"})
    rules.version = "2"  # new rules that read this report as the old ones did

    summary = reextract(database, extractor_name=rules.name, outdated=True)

    assert (summary.changed, summary.unchanged) == (0, 1)
    assert database.read_by_other_versions(rules.name, "2") == []


def test_an_older_database_gains_versions_and_keeps_every_reading(database: Database) -> None:
    from importlib.resources import as_file, files

    from alembic import command
    from alembic.config import Config

    ingest([EXAMPLES], database, extractor_name="carewatch.rules.v1", max_bytes=LIMIT)
    counts = row_counts(database)
    with as_file(files("carewatch.store").joinpath("migrations")) as location:
        config = Config()
        config.set_main_option("script_location", str(location))
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0005_dashboard_speed")
    database.migrate()

    assert row_counts(database) == counts  # no reading lost on the way down or up
    documents = database.count_documents()
    stale = database.read_by_other_versions("carewatch.rules.v1", rules_version())
    assert len(stale) == documents
    summary = reextract(database, extractor_name="carewatch.rules.v1", outdated=True)
    assert (summary.changed, summary.unchanged) == (0, documents)
    assert database.read_by_other_versions("carewatch.rules.v1", rules_version()) == []
