"""carewatch.situation: the picture of an area on a date, each number traceable.

Reports are short texts written for these tests in the style of a news report on air
strikes on hospitals in east Aleppo; the registry CSV lists invented facilities.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

import carewatch
from carewatch.facilities import import_facilities, list_facilities
from carewatch.model import Document
from carewatch.situation import SituationPicture, situation
from carewatch.store import Database
from carewatch.store.merging import store_and_merge

SHARED_ALEPPO = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "reports"
    / "aleppo-hospitals-2016-09-28.txt"
)
# Written for this test.
STRIKE = (
    "Air strikes on besieged east Aleppo on Wednesday put two hospitals under fire, "
    "a Syrian medical charity said.\n\n"
    "The hospitals are called M10 and M2 by medics in the city, to keep their locations "
    "off intercepted radio. M10's intensive care unit is out of service, and water storage "
    "units and generators were damaged, head Samir Haddad said.\n\n"
    "There are now just six functioning hospitals, only three of which have emergency "
    "units, for the approximately 250,000 civilians trapped in east Aleppo."
)
EARLIER = "An air strike destroyed a clinic in Aleppo on 8 September, killing three patients."
ELSEWHERE = "An air strike hit a hospital in Homs on 27 September, killing two patients."
LATER = (
    "There are now just two functioning hospitals for the approximately 250,000 civilians "
    "trapped in east Aleppo."
)
REGISTRY = (
    "name,code_name,aliases,type,place,latitude,longitude,services,operator,real_name,"
    "population_served\n"
    "M10,M10,,hospital,east Aleppo,,,emergency_unit;icu,,,62500\n"
    "M2,M2,,hospital,east Aleppo,,,emergency_unit;maternity,,,62500\n"
    "Hospital Three,,,hospital,Aleppo,,,emergency_unit,,,62500\n"
    "Hospital Four,,,hospital,Aleppo,,,operating_theatre,,,62500\n"
    "Centre Five,,,health_centre,Homs,,,,,,30000\n"
)
ON = dt.date(2016, 9, 28)


def store(db: Database, report: str, published: dt.date, origin: str = "r.txt") -> int:
    raw = report.encode()
    document = Document(
        raw, hashlib.sha256(raw).hexdigest(), report, "text/plain", origin, published=published
    )
    # As the ingest pipeline stores a report: document, merge and facility links together.
    stored, _ = store_and_merge(db, document, carewatch.extract(report, published=published))
    return stored.document_id


@pytest.fixture
def db(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    registry = tmp_path / "registry.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    with Database(database_url) as database:
        import_facilities(database, registry)
        yield database


def reported(picture: SituationPicture, kind: str):  # type: ignore[no-untyped-def]
    [fact] = [r for r in picture.reported if r.kind == kind]
    return fact


def test_reported_six_functioning_hospitals_beside_the_registry_count_flagged(
    db: Database,
) -> None:
    document_id = store(db, STRIKE, ON)
    picture = situation(db, "east Aleppo", ON)
    ids = {f.name: f.id for f in list_facilities(db)}
    aleppo_hospitals = [ids[n] for n in ("M10", "M2", "Hospital Three", "Hospital Four")]

    assert picture.functioning_hospitals.value == 4  # an ICU out is not the hospital out
    assert picture.functioning_hospitals.facility_ids == aleppo_hospitals
    functioning = reported(picture, "functioning_facilities")
    assert functioning.reported == 6 and functioning.subject == "hospital"
    assert functioning.computed is not None and functioning.computed.value == 4
    assert functioning.disagrees is True
    assert functioning.document_id == document_id
    assert functioning.evidence is not None
    assert functioning.evidence.text == "six functioning hospitals"

    emergency = reported(picture, "facilities_with_service")
    assert emergency.reported == 3 and emergency.computed is not None
    assert emergency.computed.value == 3 and emergency.disagrees is False
    population = reported(picture, "population_served")
    assert population.reported == 250_000 and population.disagrees is False
    assert picture.population_served.value == 250_000
    assert picture.people_per_functioning_hospital == 62_500


def test_numbers_are_traceable_and_status_changes_count(db: Database) -> None:
    strike = store(db, STRIKE, ON)
    earlier = store(db, EARLIER, dt.date(2016, 9, 8), "earlier.txt")
    store(db, ELSEWHERE, dt.date(2016, 9, 27), "homs.txt")
    picture = situation(db, "east Aleppo", ON)
    ids = {f.name: f.id for f in list_facilities(db)}

    assert picture.attacks[7].value == 2  # the strikes on M10 and on M2
    assert picture.attacks[7].document_ids == [strike]
    assert len(picture.attacks[7].incident_ids) == 2
    assert len(picture.attacks[7].candidate_ids) == 2  # one report, one candidate each
    assert picture.attacks[30].value == 3
    assert picture.attacks[30].document_ids == [strike, earlier]
    assert picture.killed[30].value == 3 and picture.killed[7].value == 0
    assert (picture.killed[30].minimum, picture.killed[30].maximum) == (3, 3)
    [clinic] = picture.killed[30].incident_ids  # the clinic's incident, not M10's or M2's
    assert clinic not in picture.attacks[7].incident_ids
    assert picture.killed[30].document_ids == [earlier]
    # M10's ICU is out, its emergency unit is not: it still counts among those with one.
    assert picture.with_emergency_unit.facility_ids == [
        ids["M10"],
        ids["M2"],
        ids["Hospital Three"],
    ]
    # The three changes of M10 the functioning count rests on.
    assert len(picture.functioning_hospitals.status_change_ids) == 3
    assert picture.functioning_hospitals.document_ids == [strike]
    assert ids["Centre Five"] not in picture.facilities.facility_ids
    hospital = next(s for s in picture.sphere if s.standard == "hospital")
    assert (hospital.functioning, hospital.needed, hospital.meets) == (4, 1, True)


def test_reports_after_the_date_are_not_used(db: Database) -> None:
    store(db, STRIKE, ON)
    store(db, LATER, dt.date(2016, 10, 20), "later.txt")
    assert reported(situation(db, "east Aleppo", ON), "functioning_facilities").reported == 6
    later = situation(db, "east Aleppo", dt.date(2016, 10, 20))
    assert reported(later, "functioning_facilities").reported == 2
    assert later.attacks[7].value == 0


def test_a_facility_destroyed_is_lost(db: Database) -> None:
    # Written for this test.
    report = "The hospital called M2 in Aleppo was destroyed by an air strike on Monday."
    document_id = store(db, report, dt.date(2016, 9, 27), "m2.txt")
    picture = situation(db, "Aleppo", ON)
    ids = {f.name: f.id for f in list_facilities(db)}
    assert picture.facilities_lost.facility_ids == [ids["M2"]]
    assert picture.facilities_lost.document_ids == [document_id]
    assert picture.functioning_hospitals.value == 3
    before = situation(db, "Aleppo", dt.date(2016, 9, 25))
    assert before.facilities_lost.value == 0


@pytest.mark.skipif(
    not SHARED_ALEPPO.exists(), reason=f"the shared Aleppo report is not at {SHARED_ALEPPO}"
)
def test_the_aleppo_article(db: Database) -> None:
    text = SHARED_ALEPPO.read_text(encoding="utf-8")
    store(db, text, ON, "aleppo.txt")
    picture = situation(db, "east Aleppo", ON)
    functioning = reported(picture, "functioning_facilities")
    assert functioning.reported == 6 and functioning.disagrees is True
    assert picture.facilities_lost.value == 2  # "knocking them out of commission"
    assert any("antibiotics" in fact.items for fact in picture.supply_shortages)


# Written for this test: two reports of the same strikes, with figures that disagree.
TOLL_FIRST = (
    "Air strikes on besieged east Aleppo on Wednesday hit two hospitals, which medics call "
    "M10 and M2. Two patients died in the strikes, Dr Rami Saleh of a Syrian medical "
    "charity said."
)
TOLL_SECOND = (
    "Three patients were killed on Wednesday when air strikes hit the hospitals known as "
    "M10 and M2 in east Aleppo, the Aleppo Health Directorate said."
)


# Written for this test: two reports of one strike on one hospital, differing on the toll.
STRIKE_FIRST = (
    "An air strike hit the M10 hospital in east Aleppo on Wednesday, killing two patients, "
    "the Syrian American Medical Society said."
)
STRIKE_SECOND = (
    "Three patients were killed when an air strike hit the hospital known as M10 in east "
    "Aleppo on Wednesday, the Aleppo Health Directorate said."
)
# Written for this test: one sentence gives the toll of strikes that hit two hospitals.
SHARED_TOLL = (
    "Air strikes hit the M10 and M2 hospitals in east Aleppo on Wednesday. Two patients "
    "died in the strikes, a Syrian medical charity said."
)


def test_two_reports_of_one_strike_are_one_attack_with_a_range(db: Database) -> None:
    first = store(db, STRIKE_FIRST, ON, "first.txt")
    second = store(db, STRIKE_SECOND, ON, "second.txt")
    picture = situation(db, "east Aleppo", ON)

    attacks = picture.attacks[7]
    assert attacks.value == 1  # one strike, not one per report
    assert len(attacks.incident_ids) == 1 and len(attacks.candidate_ids) == 2
    assert attacks.document_ids == [first, second]
    killed = picture.killed[7]
    # The conservative figure (the lowest a source gives), then the range 2-3.
    assert (killed.value, killed.minimum, killed.maximum) == (2, 2, 3)
    assert killed.incident_ids == attacks.incident_ids
    assert killed.candidate_ids == attacks.candidate_ids
    assert killed.document_ids == [first, second]
    assert (picture.injured[7].value, picture.injured[7].maximum) == (0, 0)
    assert picture.attacks[30].value == 1 and picture.killed[30].value == 2


def test_a_toll_shared_by_two_hospitals_counts_once(db: Database) -> None:
    document = store(db, SHARED_TOLL, ON)
    picture = situation(db, "east Aleppo", ON)

    assert picture.attacks[7].value == 2  # M10 and M2: two merged incidents
    killed = picture.killed[7]
    # Both incidents carry the one claim "Two patients died": 2 dead, not 4.
    assert (killed.value, killed.minimum, killed.maximum) == (2, 2, 2)
    assert killed.incident_ids == picture.attacks[7].incident_ids
    assert len(killed.candidate_ids) == 2 and killed.document_ids == [document]


def test_a_shared_toll_counts_once_whichever_incident_comes_first(db: Database) -> None:
    # Written for this test. M2 is named first, so its incident (only the shared claim)
    # comes before M10's, which also holds the second report's figure for M10 alone.
    shared = SHARED_TOLL.replace("M10 and M2", "M2 and M10")
    store(db, shared, ON, "shared.txt")
    store(db, STRIKE_SECOND, ON, "second.txt")
    picture = situation(db, "east Aleppo", ON)

    assert picture.attacks[7].value == 2
    killed = picture.killed[7]
    assert (killed.value, killed.minimum, killed.maximum) == (2, 2, 3)  # not 4, nor 5


def test_an_attack_reported_twice_counts_once_and_a_shared_toll_is_not_doubled(
    db: Database,
) -> None:
    first = store(db, TOLL_FIRST, ON, "first.txt")
    second = store(db, TOLL_SECOND, ON, "second.txt")
    picture = situation(db, "east Aleppo", ON)

    # Two attacks (M10 and M2), each told by both reports.
    assert picture.attacks[7].value == 2
    assert picture.attacks[7].document_ids == [first, second]
    # "Two patients died in the strikes" covers both hospitals: 2 dead, not 4; the
    # second source's 3 is the highest figure, not added to the first.
    assert picture.killed[7].value == 2
    assert (picture.killed[7].minimum, picture.killed[7].maximum) == (2, 3)
    assert picture.killed[7].incident_ids == picture.attacks[7].incident_ids
