"""``carewatch incidents``, ``show``, ``merge``, ``split`` and ``rebuild`` over merged incidents.

End to end: two short reports of one air strike on the hospitals called M10 and M2 in
east Aleppo, published 2016-09-28. Both reports were written for this test in our own
words (nothing is copied from the shared data): the first gives two patients dead on the
word of a named doctor of a medical NGO, the second three patients killed on the word of
a health directorate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import NewDatabaseUrl

from carewatch.cli import cli
from carewatch.extract import get_extractor, register_extractor
from carewatch.model import Document, Extraction
from carewatch.store import Database

# Written for this test.
DOCTOR_REPORT = """\
Two hospitals in east Aleppo were hit by air strikes on Wednesday, leaving the besieged \
district with even fewer places to treat the wounded.

Karim Haddad, a doctor with the Syrian American Medical Society, said that two patients \
died in the strikes.

The hospitals are called M10 and M2 by local doctors, who use code names to protect them.
"""

# Written for this test.
DIRECTORATE_REPORT = """\
Warplanes bombed two hospitals in rebel-held east Aleppo on Wednesday.

Three patients were killed, the Aleppo Health Directorate said.

The hospitals are known as M10 and M2 among medics in the city.
"""

PUBLISHED = "2016-09-28"


class RulesUnderAnotherName:
    """The default extractor under another name: reading the reports again with it gives
    new candidate rows, as a new extractor version would."""

    name = "test.cli_merging.v2"

    def extract(self, text: str, published: dt.date | None = None) -> Extraction:
        extraction = get_extractor().extract(text, published=published)
        extraction.extractor = self.name
        return extraction


register_extractor(RulesUnderAnotherName.name)(RulesUnderAnotherName)


@pytest.fixture
def reports(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    monkeypatch.setenv("CAREWATCH_DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)
    doctor, directorate = tmp_path / "doctor.txt", tmp_path / "directorate.txt"
    doctor.write_text(DOCTOR_REPORT, encoding="utf-8")
    directorate.write_text(DIRECTORATE_REPORT, encoding="utf-8")
    return [doctor, directorate]


def run(*args: str | os.PathLike[str]) -> Result:
    result = CliRunner().invoke(cli, [os.fspath(a) for a in args], prog_name="carewatch")
    assert result.exit_code == 0, result.output
    return result


def ingest(reports: list[Path], *extra: str) -> tuple[str, str]:
    first = run("ingest", reports[0], "--published", PUBLISHED, "--source", "Wire One", *extra)
    second = run("ingest", reports[1], "--published", PUBLISHED, "--source", "Wire Two", *extra)
    return first.output, second.output


def listing() -> list[dict[str, Any]]:
    return json.loads(run("incidents", "--format", "json").stdout)  # type: ignore[no-any-return]


def by_hospital() -> dict[str, dict[str, Any]]:
    found = {}
    for row in listing():
        for facility in row["facilities"]:
            found.setdefault(facility.split(" ")[0], row)
    return found


def test_two_reports_make_one_incident_per_hospital_with_both_sources(
    reports: list[Path],
) -> None:
    first, second = ingest(reports)
    # The first report creates one incident per hospital; the second joins both.
    assert "2 merged incidents created, 0 updated" in first
    assert "0 merged incidents created, 2 updated" in second

    rows = listing()
    hospitals = by_hospital()

    assert len(rows) == 2
    assert set(hospitals) == {"M10", "M2"}
    for row in rows:
        assert row["reports"] == 2
        assert row["date"] == PUBLISHED
        assert (row["killed_min"], row["killed_max"], row["killed"]) == (2, 3, "2–3")
        [killed] = [f for f in row["figures"] if f["field"] == "killed:patients"]
        assert (killed["minimum"], killed["maximum"]) == (2, 3)
        assert any("Syrian American Medical Society" in s for s in killed["sources"])
        assert "Aleppo Health Directorate" in killed["sources"]
    assert len(json.loads(run("incidents", "--candidates", "--format", "json").stdout)) == 4


def test_show_gives_the_ledger_with_each_sources_words(reports: list[Path]) -> None:
    ingest(reports)
    m10 = by_hospital()["M10"]

    shown = json.loads(run("show", str(m10["id"]), "--format", "json").stdout)
    table = run("show", str(m10["id"])).stdout

    figures = {
        (c["value"], c["speaker"], c["quote"])
        for c in shown["claims"]
        if c["field"] == "killed:patients"
    }
    assert figures == {
        (2, "Karim Haddad of Syrian American Medical Society", "two patients died"),
        (3, "Aleppo Health Directorate", "Three patients were killed"),
    }
    texts = {r.name: r.read_text(encoding="utf-8") for r in reports}
    for claim in shown["claims"]:
        if claim["quote"] is not None:
            assert claim["quote"] == texts[Path(claim["document"]).name][claim["start"] : claim["end"]]
    assert shown["attribution_contested"] is False
    assert shown["certainty"] in {"rumour", "possible", "probable", "confirmed"}
    assert shown["certainty_reason"]
    assert shown["merge_reasons"]
    assert len(shown["members"]) == 2
    assert f"incident {m10['id']}" in table
    assert "Aleppo Health Directorate" in table and "«" in table and shown["certainty"] in table


def test_split_and_merge_hold_after_extracting_again_with_another_extractor(
    reports: list[Path], database_url: str
) -> None:
    ingest(reports)
    m10 = by_hospital()["M10"]
    directorate_candidate = max(m10["candidates"])

    split = run("split", str(m10["id"]), "--candidate", str(directorate_candidate),
                "--why", "the directorate may mean another strike")
    assert "decision" in split.stdout
    assert len(listing()) == 3

    both = sorted(r["id"] for r in listing() if r["reports"] == 2 and "M2" in r["facilities"][0])
    m10_rows = [r for r in listing() if r["facilities"][0].startswith("M10")]
    assert sorted(r["reports"] for r in m10_rows) == [1, 1]
    merged = run("merge", *(str(r["id"]) for r in m10_rows), *map(str, both),
                 "--by", "analyst A", "--why", "one strike on both")
    assert "analyst A" in merged.stdout
    [everything] = listing()
    assert everything["reports"] == 2 and len(everything["candidates"]) == 4

    # Read both reports again with another extractor: new candidate rows, same decisions.
    ingest(reports, "--extractor", RulesUnderAnotherName.name)
    with Database(database_url) as db:
        assert db.count_incidents() == 8
    [again] = listing()
    assert len(again["candidates"]) == 4
    assert not set(again["candidates"]) & set(everything["candidates"])
    assert (again["killed_min"], again["killed_max"]) == (2, 3)


def test_a_split_alone_survives_another_extractor(reports: list[Path]) -> None:
    ingest(reports)
    m10 = by_hospital()["M10"]
    run("split", str(m10["id"]), "--candidate", str(max(m10["candidates"])))

    ingest(reports, "--extractor", RulesUnderAnotherName.name)

    rows = listing()
    assert sorted(r["reports"] for r in rows) == [1, 1, 2]
    lone = [r for r in rows if r["reports"] == 1]
    assert {r["killed"] for r in lone} == {"2", "3"}


def test_merge_and_split_errors_are_one_line(reports: list[Path]) -> None:
    ingest(reports)
    m10, m2 = by_hospital()["M10"], by_hospital()["M2"]

    for args, message in (
        (("merge", str(m10["id"])), "at least two"),
        (("merge", str(m10["id"]), "99"), "no incident with id 99"),
        (("split", str(m10["id"]), "--candidate", str(m2["candidates"][0])), "not part of"),
        (("show", "99"), "no incident with id 99"),
    ):
        result = CliRunner().invoke(cli, list(args), prog_name="carewatch")
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith("error: ") and message in result.stderr
        assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("command", "words"),
    [(["merge"], "still holds"), (["split"], "--candidate"),
     (["incidents"], "--candidates"), (["show"], "claim ledger"),
     (["rebuild"], "older CareWatch")],
)
def test_help_reads_as_documentation(command: list[str], words: str) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"], prog_name="carewatch")

    assert result.exit_code == 0
    assert words in " ".join(result.stdout.split())


def test_rebuild_merges_and_links_a_database_filled_before_merging(
    reports: list[Path], new_database_url: NewDatabaseUrl
) -> None:
    # Stored with Database.store alone, as a CareWatch without merging or a registry did.
    url = new_database_url("older.db")
    published = dt.date.fromisoformat(PUBLISHED)
    with Database(url) as db:
        for report, source in zip(reports, ("Wire One", "Wire Two"), strict=True):
            text = report.read_text(encoding="utf-8")
            raw = text.encode()
            document = Document(raw, hashlib.sha256(raw).hexdigest(), text, "text/plain",
                                str(report), published=published, source_name=source)
            db.store(document, get_extractor().extract(text, published=published))
    assert json.loads(run("incidents", "--db", url, "--format", "json").stdout) == []

    rebuilt = run("rebuild", "--db", url)

    assert "merged incidents: 2 created, 0 updated, 0 removed" in rebuilt.stdout
    rows = json.loads(run("incidents", "--db", url, "--format", "json").stdout)
    assert sorted(r["facilities"][0].split(" ")[0] for r in rows) == ["M10", "M2"]
    assert all(r["reports"] == 2 and r["killed"] == "2–3" for r in rows)
    facilities = json.loads(run("facilities", "list", "--db", url, "--format", "json").stdout)
    assert {"M10", "M2"} <= {f["name"] for f in facilities}

    # Nothing changed since: a second rebuild keeps every incident as it is.
    again = run("rebuild", "--db", url)
    assert "merged incidents: 0 created, 0 updated, 0 removed" in again.stdout
    assert json.loads(run("incidents", "--db", url, "--format", "json").stdout) == rows
