"""carewatch.store: a real database (a SQLite file in tmp_path, or PostgreSQL; see
tests/conftest.py), opened, migrated, written and reopened."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from databases import execute, refuse_inserts, rows, table_names
from sqlalchemy import event, text

from carewatch.errors import NotFoundError, StorageError
from carewatch.model import (
    CandidateIncident,
    DatePrecision,
    DateValue,
    Document,
    Extraction,
    Figure,
    FigureKind,
    FigureScope,
    IncidentType,
    PlaceValue,
    Source,
    Span,
    VictimGroup,
)
from carewatch.store import Database
from carewatch.store.rows import listing_total
from carewatch.store.tables import Base

TEXT = "An air strike hit the M10 hospital in Aleppo on 28 September, killing two patients."


def span(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start, start + len(words), words)


def make_document(text: str = TEXT, origin: str = "reports/m10.txt") -> Document:
    raw = text.encode()
    return Document(
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        text=text,
        media_type="text/plain",
        origin=origin,
        title="M10 hit",
        published=dt.date(2016, 9, 29),
    )


def make_extraction(extractor: str = "test.v1") -> Extraction:
    attack = CandidateIncident(
        incident_type=IncidentType.FACILITY_ATTACK,
        date=DateValue(dt.date(2016, 9, 28), DatePrecision.DAY, span=span("28 September")),
        place=PlaceValue(
            "Aleppo", resolved="Aleppo", country_code="SYR", latitude=36.2, longitude=37.16
        ),
        casualties=[
            Figure(FigureKind.KILLED, 2, VictimGroup.PATIENTS, span=span("killing two patients"))
        ],
        span=span("An air strike hit the M10 hospital"),
    )
    other = CandidateIncident(incident_type=IncidentType.OTHER_VIOLENCE)
    return Extraction(
        extractor=extractor, published=dt.date(2016, 9, 29), incidents=[attack, other]
    )


@pytest.fixture
def db(database_url: str):  # type: ignore[no-untyped-def]
    with Database(database_url) as database:
        yield database


def test_fresh_database_gets_every_table(db: Database) -> None:
    tables = table_names(db)
    assert {"documents", "extractions", "incidents", "merged_incidents", "facilities"} <= tables
    assert rows(db, "SELECT version_num FROM alembic_version") == [(_head_revision(),)]


def test_migrations_match_the_tables_module(db: Database) -> None:
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


@pytest.mark.sqlite_only
def test_sqlite_pragmas(db: Database) -> None:
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_store_and_read_back(db: Database) -> None:
    document = make_document()
    stored = db.store(document, make_extraction())
    assert stored.created
    assert db.find_document(document.sha256) == stored.document_id
    assert db.has_extraction(stored.document_id, "test.v1")
    assert (
        db.count_documents(),
        db.count_incidents(),
        db.count_incidents(health_care_only=True),
    ) == (1, 2, 1)

    [listed] = db.list_incidents(health_care_only=True)
    assert (listed.origin, listed.title, listed.published) == (
        "reports/m10.txt",
        "M10 hit",
        dt.date(2016, 9, 29),
    )
    assert (listed.incident_type, listed.date, listed.place_name) == (
        "attack_on_health_facility",
        dt.date(2016, 9, 28),
        "Aleppo",
    )
    assert (listed.killed, listed.injured, listed.country_code) == (2, None, "SYR")

    detail = db.get_incident(listed.id)
    figure_span = detail.data["casualties"][0]["span"]
    assert detail.document.text[figure_span["start"] : figure_span["end"]] == "killing two patients"
    assert detail.extractor == "test.v1"


def test_same_document_is_stored_once(db: Database) -> None:
    first = db.store(make_document(), make_extraction())
    again = db.store(make_document(origin="elsewhere/copy.txt"), make_extraction())
    assert again == (first.document_id, False, False)  # neither document nor reading added
    assert (db.count_documents(), db.count_incidents()) == (1, 2)


def test_a_new_extractor_adds_its_extraction_to_a_known_document(db: Database) -> None:
    first = db.store(make_document(), make_extraction("test.v1"))
    second = db.store(make_document(), make_extraction("test.v2"))
    assert second == (first.document_id, False, True)  # a new reading of a known document
    assert db.has_extraction(first.document_id, "test.v2")
    assert (db.count_documents(), db.count_incidents()) == (1, 4)


def test_reopening_keeps_everything(database_url: str) -> None:
    url = database_url
    with Database(url) as database:
        stored = database.store(make_document(), make_extraction())
    with Database(url) as reopened:
        assert reopened.count_documents() == 1
        assert reopened.find_document(make_document().sha256) == stored.document_id
        [listed] = reopened.list_incidents(limit=1)
        assert reopened.get_incident(listed.id).document.text == TEXT


def test_failure_mid_store_leaves_nothing(db: Database) -> None:
    # A real failure inside the transaction: the database refuses the incident rows,
    # after the document and extraction rows were already inserted.
    refuse_inserts(db, "incidents", "disk on fire")
    with pytest.raises(StorageError, match="disk on fire"):
        db.store(make_document(), make_extraction())
    assert db.count_documents() == 0
    assert db.find_document(make_document().sha256) is None
    assert rows(db, "SELECT count(*) FROM extractions") == [(0,)]


def test_a_nul_given_straight_to_the_store_is_stored_as_a_replacement_character(
    db: Database,
) -> None:
    # A document not read by carewatch.ingest (which replaces NUL itself): the store does.
    text = TEXT.replace("strike hit", "strike\x00hit")
    document = make_document(text, origin="reports/m10\x00.txt")
    document.title = "M10\x00hit"
    extraction = make_extraction()
    attack = extraction.incidents[0]
    attack.span = Span(0, len("An air strike hit"), text[: len("An air strike hit")])
    stored = db.store(document, extraction)

    kept = db.get_document(stored.document_id)
    assert kept.text == text.replace("\x00", "\ufffd") and len(kept.text) == len(text)
    assert (kept.title, kept.origin) == ("M10\ufffdhit", "reports/m10\ufffd.txt")
    assert rows(db, "SELECT raw, sha256 FROM documents") == [(document.raw, document.sha256)]
    [listed] = db.list_incidents(health_care_only=True)
    incident_span = db.get_incident(listed.id).data["span"]
    assert incident_span["text"] == "An air strike\ufffdhit"
    assert kept.text[incident_span["start"] : incident_span["end"]] == incident_span["text"]


OPEN_WHEN_TOLD = """
import pathlib, sys, time
from carewatch.store import Database
folder = pathlib.Path(sys.argv[2])
(folder / f"ready-{sys.argv[3]}").touch()
while not (folder / "go").exists():
    time.sleep(0.001)
Database(sys.argv[1]).close()
"""


def test_processes_opening_a_new_database_at_once_all_find_it_migrated(
    database_url: str, tmp_path: Path
) -> None:
    # A server and an ingest started together on a team's new database: one migrates,
    # the others wait for it, and none fails.
    processes = [
        subprocess.Popen([sys.executable, "-c", OPEN_WHEN_TOLD, database_url, str(tmp_path),
                          str(n)], stderr=subprocess.PIPE, text=True)
        for n in range(3)
    ]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    (tmp_path / "go").touch()
    errors = [process.communicate(timeout=60)[1] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0], errors
    with Database(database_url) as database:
        assert rows(database, "SELECT version_num FROM alembic_version") == [(_head_revision(),)]


def test_text_that_looks_like_sql_is_just_text(db: Database) -> None:
    origin = "x'); DROP TABLE documents; --"
    stored = db.store(make_document(origin=origin), make_extraction())
    assert db.get_document(stored.document_id).origin == origin


def test_listing_pages(db: Database) -> None:
    for n in range(3):
        db.store(make_document(f"{TEXT} ({n})"), make_extraction())
    ids = [i.id for i in db.list_incidents(limit=100)]
    assert len(ids) == 6
    assert [i.id for i in db.list_incidents(limit=2, offset=2)] == ids[2:4]


def test_listing_with_data_is_one_query_without_document_text(db: Database) -> None:
    for n in range(3):
        db.store(make_document(f"{TEXT} ({n})"), make_extraction())
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        listing = db.list_incidents_with_data(limit=100, health_care_only=True)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)

    assert len(statements) == 1
    assert "documents.text" not in statements[0] and "documents.raw" not in statements[0]
    assert [line.incident for line in listing] == db.list_incidents(
        limit=100, health_care_only=True
    )
    assert len(listing) == 3
    for line in listing:
        assert line.data == db.get_incident(line.incident.id).data
        assert line.data["casualties"][0]["span"]["text"] == "killing two patients"


def test_missing_records_raise_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError):
        db.get_incident(99)
    with pytest.raises(NotFoundError):
        db.get_document(99)


@pytest.mark.sqlite_only
def test_bad_urls_raise_storage_errors(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="not a database URL"):
        Database("not a url")
    with pytest.raises(StorageError, match="does not exist"):
        Database(f"sqlite:///{tmp_path}/no/such/folder/carewatch.db")


@pytest.mark.sqlite_only
def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("shopping list: " * 500)
    with pytest.raises(StorageError, match="file is not a database"):
        Database(f"sqlite:///{tmp_path / 'notes.db'}")


def test_a_database_from_a_newer_carewatch(database_url: str) -> None:
    with Database(database_url) as database:
        execute(database, "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StorageError, match="9999"):
        Database(database_url)


@pytest.mark.sqlite_only
def test_in_memory_database() -> None:
    with Database("sqlite://") as database:
        database.store(make_document(), make_extraction())
        assert database.count_documents() == 1


def test_listing_total_takes_the_largest_repeat_and_adds_groups() -> None:
    director, ministry = Source(role="director"), Source(organisation="Ministry of Health")
    figures = [
        Figure(FigureKind.KILLED, 2, VictimGroup.PATIENTS, source=director),
        Figure(FigureKind.KILLED, 2, VictimGroup.PATIENTS, source=ministry),  # the same two
        Figure(FigureKind.KILLED, 1, VictimGroup.HEALTH_WORKERS),
        Figure(FigureKind.KILLED, 300, scope=FigureScope.CAMPAIGN),  # not this incident's
        Figure(FigureKind.INJURED, 5),
    ]
    assert listing_total(figures, FigureKind.KILLED) == 3
    assert listing_total(figures, FigureKind.INJURED) == 5
    assert listing_total(figures, FigureKind.KIDNAPPED) is None


def test_listing_total_adds_one_sources_figures_of_different_people() -> None:
    # "The driver was injured ... and a nurse was hit by glass, a paramedic said."
    paramedic = Source(role="paramedic")
    figures = [Figure(FigureKind.INJURED, 1, VictimGroup.HEALTH_WORKERS, source=paramedic),
               Figure(FigureKind.INJURED, 1, VictimGroup.HEALTH_WORKERS, source=paramedic)]
    assert listing_total(figures, FigureKind.INJURED) == 2


def _head_revision() -> str:
    """The newest migration shipped in the package, read from the migrations folder."""
    from importlib.resources import as_file, files

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    with as_file(files("carewatch.store").joinpath("migrations")) as location:
        config = Config()
        config.set_main_option("script_location", str(location))
        head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head
