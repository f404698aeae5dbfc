"""carewatch.store.merging: merged incidents in a real database (tests/conftest.py).

The reports are short texts written for these tests (not copied from anywhere), and the
candidate incidents are built by hand, so that what is merged does not depend on the
rule extractor.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from databases import execute, refuse_inserts, rows, table_names
from sqlalchemy import event
from sqlalchemy.orm import Session

from carewatch.errors import NotFoundError, StorageError
from carewatch.model import (
    ActorType,
    ActorValue,
    CandidateIncident,
    DatePrecision,
    DateValue,
    Document,
    Extraction,
    FacilityMention,
    Figure,
    FigureKind,
    IncidentType,
    MeansValue,
    PlacePrecision,
    PlaceValue,
    Source,
    Span,
    VictimGroup,
    to_jsonable,
)
from carewatch.model_json import candidate_incident
from carewatch.store import Database
from carewatch.store.candidates import load_candidates
from carewatch.store.decisions import DecisionError, list_decisions
from carewatch.store.merged_reading import get_merged, list_merged
from carewatch.store.merging import merge_incidents, rebuild, split_candidate, store_and_merge
from carewatch.store.tables import Base, IncidentRow

MERGE_TABLES = {"merged_incidents", "incident_members", "claims", "merge_decisions"}
STRIKE_DAY = dt.date(2016, 9, 28)


def span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def aleppo() -> PlaceValue:
    return PlaceValue(
        "east Aleppo",
        resolved="Aleppo",
        country="Syria",
        country_code="SYR",
        latitude=36.2,
        longitude=37.16,
        precision=PlacePrecision.CITY,
    )


def hospital_attack(
    text: str,
    hospital: str,
    killed: int,
    speaker: Source,
    *,
    day: dt.date = STRIKE_DAY,
    killed_words: str,
) -> CandidateIncident:
    speaker_span = span(text, speaker.organisation or speaker.person or "")
    source = Source(speaker.person, speaker.organisation, span=speaker_span)
    return CandidateIncident(
        incident_type=IncidentType.FACILITY_ATTACK,
        types=[IncidentType.FACILITY_ATTACK, IncidentType.PATIENT_ATTACK],
        facilities=[
            FacilityMention("hospital", hospital, is_code_name=True, span=span(text, hospital))
        ],
        date=DateValue(day, DatePrecision.DAY, span=span(text, "on Wednesday")),
        place=aleppo(),
        means=[MeansValue("air_strike", span=span(text, "air strike"))],
        perpetrators=[
            ActorValue("Syrian government", ActorType.STATE_FORCES, country_code="SYR")
        ],
        casualties=[
            Figure(
                FigureKind.KILLED,
                killed,
                VictimGroup.PATIENTS,
                span=span(text, killed_words),
                source=source,
            )
        ],
        sources=[source],
        span=span(text, f"{hospital} hospital"),
    )


# Two short reports of our own about one air strike on two hospitals.
FIRST = (
    "An air strike hit the M10 hospital and the M2 hospital in east Aleppo on Wednesday. "
    "Two patients died at M10, said Dr Lina Saad of the Syrian American Medical Society."
)
SECOND = (
    "The M10 hospital in Aleppo was bombed in an air strike on Wednesday and three patients "
    "were killed there, the Aleppo Health Directorate said."
)


def document(text: str, source: str) -> Document:
    raw = text.encode()
    return Document(
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        text=text,
        media_type="text/plain",
        origin=f"reports/{source}.txt",
        published=STRIKE_DAY,
        source_name=source,
    )


def first_extraction(extractor: str = "test.merging.v1") -> Extraction:
    doctor = Source("Dr Lina Saad", "Syrian American Medical Society")
    m10 = hospital_attack(FIRST, "M10", 2, doctor, killed_words="Two patients died")
    m2 = hospital_attack(FIRST, "M2", 2, doctor, killed_words="Two patients died")
    return Extraction(extractor=extractor, published=STRIKE_DAY, incidents=[m10, m2])


def second_extraction(extractor: str = "test.merging.v1") -> Extraction:
    directorate = Source(None, "Aleppo Health Directorate")
    m10 = hospital_attack(
        SECOND, "M10", 3, directorate, killed_words="three patients were killed"
    )
    return Extraction(extractor=extractor, published=STRIKE_DAY, incidents=[m10])


@pytest.fixture
def db(database_url: str):  # type: ignore[no-untyped-def]
    with Database(database_url) as database:
        yield database


def store_both(db: Database, extractor: str = "test.merging.v1") -> None:
    store_and_merge(db, document(FIRST, "Wire A"), first_extraction(extractor))
    store_and_merge(db, document(SECOND, "Wire B"), second_extraction(extractor))


def by_hospital(db: Database) -> dict[str, list[int]]:
    """Each merged incident's facility names -> its member candidate ids."""
    found = {}
    for line in list_merged(db, limit=100):
        names = ",".join(sorted({f["name"] for f in line.data["facilities"] if f["name"]}))
        found[names] = sorted(line.data["members"])
    return found


def members(db: Database) -> list[list[int]]:
    return sorted(sorted(line.data["members"]) for line in list_merged(db, limit=100))


# --- schema -------------------------------------------------------------------------------


def test_the_migration_makes_the_merge_tables_as_the_tables_module_says(db: Database) -> None:
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    ours = [d for d in differences if any(t in str(d) for t in MERGE_TABLES)]
    assert ours == []
    assert MERGE_TABLES <= table_names(db)
    assert rows(db, "SELECT version_num FROM alembic_version") != []


# --- merging as documents arrive ----------------------------------------------------------------


def test_two_reports_of_one_strike_make_one_incident_per_hospital(db: Database) -> None:
    _, first = store_and_merge(db, document(FIRST, "Wire A"), first_extraction())
    assert (first.created, first.updated) == (2, 0)
    _, second = store_and_merge(db, document(SECOND, "Wire B"), second_extraction())
    assert (second.created, second.updated) == (0, 1)

    groups = by_hospital(db)
    assert set(groups) == {"M10", "M2"}
    assert len(groups["M10"]) == 2 and len(groups["M2"]) == 1
    [m10] = [line for line in list_merged(db) if line.data["members"] == groups["M10"]]
    [killed] = [f for f in m10.data["figures"] if f["field"] == "killed:patients"]
    assert (killed["minimum"], killed["maximum"]) == (2, 3)
    speakers = {c["source"]["organisation"] for c in killed["claims"]}
    assert speakers == {"Syrian American Medical Society", "Aleppo Health Directorate"}
    assert (m10.date, m10.country_code, m10.place_name) == (STRIKE_DAY, "SYR", "Aleppo")


def test_show_detail_has_members_documents_and_quotable_claims(db: Database) -> None:
    store_both(db)
    m10_id = next(line.id for line in list_merged(db) if len(line.data["members"]) == 2)

    detail = get_merged(db, m10_id)

    assert {m.source_name for m in detail.members} == {"Wire A", "Wire B"}
    assert {m.extractor for m in detail.members} == {"test.merging.v1"}
    figures = [c for c in detail.incident.data["claims"] if c["field"] == "killed:patients"]
    quotes = {
        detail.documents[c["document_id"]].text[c["span"]["start"] : c["span"]["end"]]
        for c in figures
    }
    assert quotes == {"Two patients died", "three patients were killed"}
    claims = rows(
        db, "SELECT count, speaker FROM claims WHERE merged_id = :id AND field = 'killed:patients'",
        id=m10_id,
    )
    assert sorted(claims) == [
        (2, "Dr Lina Saad of Syrian American Medical Society"),
        (3, "Aleppo Health Directorate"),
    ]


def test_missing_merged_incident_is_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError, match="no incident with id 99"):
        get_merged(db, 99)


def test_listing_is_one_query(db: Database) -> None:
    store_both(db)
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        listing = list_merged(db, limit=10)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert len(listing) == 2
    assert len(statements) == 1
    assert "documents" not in statements[0]


def test_a_failed_merge_leaves_no_document_behind(db: Database) -> None:
    refuse_inserts(db, "incident_members", "merge refused")
    with pytest.raises(StorageError, match="merge refused"):
        store_and_merge(db, document(FIRST, "Wire A"), first_extraction())
    assert db.count_documents() == 0
    assert db.count_incidents() == 0


def test_incremental_merging_agrees_with_a_full_rebuild(db: Database) -> None:
    store_both(db)
    # A third report: the same hospital, but a month later, so another attack.
    later = SECOND.replace("three", "four")
    month_on = second_extraction()
    month_on.incidents[0] = hospital_attack(
        later,
        "M10",
        4,
        Source(None, "Aleppo Health Directorate"),
        day=STRIKE_DAY + dt.timedelta(days=30),
        killed_words="four patients were killed",
    )
    store_and_merge(db, document(later, "Wire C"), month_on)
    incremental = members(db)
    ids_before = sorted(line.id for line in list_merged(db, limit=100))

    counts = rebuild(db)

    assert members(db) == incremental
    assert len(incremental) == 3
    assert sorted(line.id for line in list_merged(db, limit=100)) == ids_before
    assert (counts.created, counts.removed) == (0, 0)


def test_rebuild_merges_a_database_stored_before_merging_existed(db: Database) -> None:
    db.store(document(FIRST, "Wire A"), first_extraction())
    db.store(document(SECOND, "Wire B"), second_extraction())
    assert list_merged(db) == []

    counts = rebuild(db)

    assert counts.created == 2
    assert sorted(map(len, by_hospital(db).values())) == [1, 2]


def test_another_extractor_replaces_a_documents_candidates(db: Database) -> None:
    store_both(db)

    store_and_merge(db, document(FIRST, "Wire A"), first_extraction("test.merging.v2"))
    store_and_merge(db, document(SECOND, "Wire B"), second_extraction("test.merging.v2"))

    assert db.count_incidents() == 6  # both readings are kept...
    with Session(db.engine) as session:
        current = load_candidates(session)
    assert len(current) == 3  # ...but only the latest takes part in merging
    groups = by_hospital(db)
    assert sorted(map(len, groups.values())) == [1, 2]
    assert set(groups["M10"]) <= {c.candidate_id for c in current}
    [m10] = [line for line in list_merged(db) if line.data["members"] == groups["M10"]]
    [killed] = [f for f in m10.data["figures"] if f["field"] == "killed:patients"]
    assert len(killed["claims"]) == 2  # each report's figure once, not once per reading


# --- analysts' decisions ----------------------------------------------------------------------


def test_merge_decision_joins_two_hospitals_and_is_recorded(db: Database) -> None:
    store_both(db)
    ids = sorted(line.id for line in list_merged(db))

    decision, merged_id = merge_incidents(db, ids, by="analyst A", why="one strike")

    assert merged_id in ids
    assert [sorted(m) for m in members(db)] == [[1, 2, 3]]
    [recorded] = list_decisions(db)
    assert (recorded.id, recorded.kind, recorded.decided_by, recorded.why) == (
        decision.id,
        "merge",
        "analyst A",
        "one strike",
    )
    assert {key["sha256"] for key in recorded.candidates} == {
        document(FIRST, "").sha256,
        document(SECOND, "").sha256,
    }
    assert all(key["extractor"] == "test.merging.v1" for key in recorded.candidates)


def test_split_takes_one_report_out_and_merge_puts_it_back(db: Database) -> None:
    store_both(db)
    m10 = by_hospital(db)["M10"]
    m10_id = next(line.id for line in list_merged(db) if line.data["members"] == m10)

    _, alone = split_candidate(db, m10_id, m10[1], by="analyst A", why="different day")

    assert alone != m10_id
    assert members(db) == sorted([[m10[0]], [m10[1]], [2]])
    assert get_merged(db, m10_id).incident.data["members"] == [m10[0]]  # keeps its id

    merge_incidents(db, [m10_id, alone], by="analyst B")
    assert sorted(map(len, members(db))) == [1, 2]


def test_decisions_survive_deleting_and_redoing_the_extractions(db: Database) -> None:
    store_both(db)
    ids = [line.id for line in list_merged(db)]
    _, merged_id = merge_incidents(db, ids, by="analyst A")
    [together] = members(db)
    split_candidate(db, merged_id, together[-1], by="analyst A")
    expected = sorted(map(len, members(db)))
    assert expected == [1, 2]

    execute(db, "DELETE FROM extractions")  # and, by their foreign keys, the candidates
    rebuild(db)
    assert list_merged(db) == []

    # Extracted again, the second report first this time: new candidate rows, and the
    # decisions must find them by document and words, not by their old ids.
    store_and_merge(db, document(SECOND, "Wire B"), second_extraction())
    store_and_merge(db, document(FIRST, "Wire A"), first_extraction())
    assert db.count_incidents() == 3
    assert sorted(map(len, members(db))) == expected
    second_report = db.find_document(document(SECOND, "").sha256)
    [alone] = [m for m in members(db) if len(m) == 1]
    with Session(db.engine) as session:
        [split_out] = load_candidates(session, IncidentRow.id.in_(alone))
    assert split_out.document_id == second_report


def test_decisions_survive_another_extractor(db: Database) -> None:
    store_both(db)
    merge_incidents(db, [line.id for line in list_merged(db)], by="analyst A")
    assert len(members(db)) == 1

    store_both(db, extractor="test.merging.v2")

    assert sorted(map(len, members(db))) == [3]
    assert rebuild(db).created == 0
    assert sorted(map(len, members(db))) == [3]


def test_decisions_that_cannot_be_carried_out_say_why(db: Database) -> None:
    store_both(db)
    lines = list_merged(db)
    single = next(line for line in lines if len(line.data["members"]) == 1)
    pair = next(line for line in lines if len(line.data["members"]) == 2)

    with pytest.raises(DecisionError, match="at least two"):
        merge_incidents(db, [single.id, single.id], by="a")
    with pytest.raises(NotFoundError, match="no incident with id 99"):
        merge_incidents(db, [single.id, 99], by="a")
    with pytest.raises(DecisionError, match="not part of incident"):
        split_candidate(db, pair.id, single.data["members"][0], by="a")
    with pytest.raises(DecisionError, match="only candidate"):
        split_candidate(db, single.id, single.data["members"][0], by="a")
    assert list_decisions(db) == []


# --- the JSON form back to the model ---------------------------------------------------------


def test_stored_candidates_read_back_as_the_model() -> None:
    original = first_extraction().incidents[0]

    assert candidate_incident(to_jsonable(original)) == original


# --- the neighbourhood merged again ---------------------------------------------------------

NOWHERE = "A nurse was wounded on Wednesday, colleagues said."


def _nowhere() -> Extraction:
    """A report with neither a place nor a facility name: nothing it could be merged with."""
    nurse = CandidateIncident(
        incident_type=IncidentType.HEALTH_WORKER_ATTACK,
        types=[IncidentType.HEALTH_WORKER_ATTACK],
        date=DateValue(STRIKE_DAY, DatePrecision.DAY, span=span(NOWHERE, "on Wednesday")),
        casualties=[Figure(FigureKind.INJURED, 1, VictimGroup.HEALTH_WORKERS,
                           span=span(NOWHERE, "A nurse was wounded"))],
        span=span(NOWHERE, NOWHERE),
    )
    return Extraction(extractor="test.merging.v1", published=STRIKE_DAY, incidents=[nurse])


def test_only_a_report_that_could_join_others_looks_for_them(db: Database) -> None:
    from carewatch.store.candidates import candidates_near

    store_both(db)
    store_and_merge(db, document(NOWHERE, "Wire C"), _nowhere())
    with Session(db.engine) as session:
        everyone = load_candidates(session)
        nowhere = [c for c in everyone if not c.incident.place]
        placed = [c for c in everyone if c.incident.place]
        # Same day, but no place and no facility name: the merge rules could join it to
        # nothing, so the day's incidents are not merged again for it.
        assert candidates_near(session, nowhere) == set()
        assert {c.candidate_id for c in placed} <= candidates_near(session, placed[:1])
    assert len(members(db)) == 3
