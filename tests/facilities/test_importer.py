"""carewatch.facilities.importer: a registry CSV in, idempotently, bad rows reported."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

import carewatch
from carewatch.errors import InputError
from carewatch.facilities import (
    facility_identities,
    import_facilities,
    list_facilities,
    record_stored_document,
)
from carewatch.model import Document
from carewatch.store import Database

HEADER = (
    "name,code_name,aliases,type,place,latitude,longitude,services,operator,real_name,"
    "population_served\n"
)
# Invented facilities for this test.
ROWS = (
    "M10,M10,Hospital Ten,hospital,east Aleppo,36.21,37.15,"
    'emergency_unit; icu; operating_theatre,Test Society,Test Hospital One,"40,000"\n'
    "Clinic Nine,,,clinic,Aleppo,,,maternity,,,12000\n"
)
BAD_ROWS = (
    ",,,hospital,Aleppo,,,,,,\n"  # line 4: no name
    "Thing,,,spaceship,Aleppo,,,,,,\n"  # line 5: unknown type
    "Odd,,,hospital,Aleppo,36.2,,,,,\n"  # line 6: latitude without longitude
    "Busy,,,hospital,Aleppo,,,surgery-ish,,,\n"  # line 7: unknown service
    "Many,,,hospital,Aleppo,,,,,,lots\n"  # line 8: population not a number
)


@pytest.fixture
def db(database_url: str):  # type: ignore[no-untyped-def]
    with Database(database_url) as database:
        yield database


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "registry.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_import_then_reimport_updates_and_never_duplicates(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, ROWS)
    first = import_facilities(db, path)
    assert len(first.created) == 2 and first.updated == [] and first.rejected == []
    records = {f.name: f for f in list_facilities(db)}
    m10 = records["M10"]
    assert m10.status == "confirmed" and m10.code_name == "M10"
    assert m10.services == ["emergency_unit", "icu", "operating_theatre"]
    assert m10.aliases == ["Hospital Ten"] and m10.population_served == 40_000
    assert m10.place_name == "Aleppo" and m10.operator == "Test Society"
    assert records["Clinic Nine"].facility_type == "clinic"

    path.write_text(HEADER + ROWS.replace("Test Society", "Other Society"), encoding="utf-8")
    second = import_facilities(db, path)
    assert second.created == [] and sorted(second.updated) == sorted(first.created)
    assert len(list_facilities(db)) == 2
    assert {f.name: f for f in list_facilities(db)}["M10"].operator == "Other Society"


def test_sensitive_fields_go_to_the_identity_table(db: Database, tmp_path: Path) -> None:
    import_facilities(db, write(tmp_path, ROWS))
    m10 = next(f for f in list_facilities(db) if f.name == "M10")
    assert (m10.latitude, m10.longitude) != (36.21, 37.15)
    identity = facility_identities(db, [m10.id])[m10.id]
    assert identity.real_name == "Test Hospital One"
    assert (identity.latitude, identity.longitude) == (36.21, 37.15)


def test_bad_rows_are_reported_with_file_and_line_and_skipped(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, ROWS + BAD_ROWS)
    summary = import_facilities(db, path)
    assert len(summary.created) == 2
    origins = [problem.origin for problem in summary.rejected]
    assert origins == [f"{path}:{line}" for line in (4, 5, 6, 7, 8)]
    problems = " | ".join(p.problem for p in summary.rejected)
    for words in (
        "name or a code_name",
        "spaceship",
        "latitude and longitude",
        "surgery-ish",
        "lots",
    ):
        assert words in problems
    assert len(list_facilities(db)) == 2


def test_import_confirms_a_proposed_entry(db: Database, tmp_path: Path) -> None:
    # Written for this test.
    report = "The hospital called M10 in Aleppo was shelled on Friday, doctors said."
    raw = report.encode()
    document = Document(raw, hashlib.sha256(raw).hexdigest(), report, "text/plain", "r.txt")
    published = dt.date(2016, 9, 30)
    stored = db.store(document, carewatch.extract(report, published=published))
    record_stored_document(db, stored.document_id)
    [proposed] = list_facilities(db)
    assert proposed.status == "proposed"
    summary = import_facilities(db, write(tmp_path, ROWS))
    assert proposed.id in summary.updated
    assert {f.id: f.status for f in list_facilities(db)}[proposed.id] == "confirmed"
    assert len(list_facilities(db)) == 2


def test_unreadable_or_foreign_files_are_input_errors(db: Database, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        import_facilities(db, tmp_path / "missing.csv")
    other = tmp_path / "other.csv"
    other.write_text("date,place\n2016-09-28,Aleppo\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a facility registry"):
        import_facilities(db, other)
