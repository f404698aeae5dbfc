"""carewatch.merge.engine: candidates from many reports become incidents, incrementally.

Candidates come from the real extractor run on short reports written for these tests
(see conftest.py). One test also reads the shared Aleppo report beside the repository,
and is skipped where that folder is absent.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import (
    IDLIB_LAST_WEEK,
    IDLIB_ON_THE_DAY,
    M1_SAME_DAY,
    M10_MONTH_LATER,
    OMAR_NUSRA,
    OMAR_RUSSIAN,
    SAMS_M10_M2,
    SOHR_M10_M2,
    Reporter,
)

from carewatch.merge import DuplicateCandidateError, Merger, merge_all
from carewatch.model import Candidate, Certainty, DatePrecision, MergedIncident, PlacePrecision

SHARED_REPORT = (Path(__file__).resolve().parents[3] / "shared" / "data" / "reports"
                 / "aleppo-hospitals-2016-09-28.txt")


def named(incidents: list[MergedIncident]) -> dict[str, MergedIncident]:
    return {f.name: i for i in incidents for f in i.facilities if f.name}


@pytest.fixture
def aleppo(reporter: Reporter) -> list[Candidate]:
    return (reporter(SAMS_M10_M2, "2016-09-28", 1, publisher="Levant Daily")
            + reporter(SOHR_M10_M2, "2016-09-29", 2, publisher="Levant Wire"))


def test_two_reports_of_the_aleppo_strike_make_one_incident_per_hospital(
    aleppo: list[Candidate],
) -> None:
    incidents = merge_all(aleppo)
    assert len(incidents) == 2
    hospitals = named(incidents)
    assert set(hospitals) == {"M10", "M2"}
    for name, incident in hospitals.items():
        assert [f.name for f in incident.facilities] == [name]
        assert incident.documents == [1, 2]
        [killed] = [f for f in incident.figures if f.field == "killed:patients"]
        assert (killed.minimum, killed.maximum, killed.conservative) == (2, 3, 2)
        speakers = {c.speaker() for c in incident.claims if c.field == "killed:patients"}
        assert speakers == {"Karim Haddad of Syrian American Medical Society",
                            "Syrian Observatory for Human Rights"}
        assert incident.certainty is Certainty.CONFIRMED
        assert incident.date is not None and incident.date.date.isoformat() == "2016-09-28"
        assert incident.place is not None and incident.place.resolved == "Aleppo"
        assert incident.means == ["air_strike"]
        assert [p.normalised for p in incident.perpetrators] == ["Russian armed forces"]
        assert not incident.attribution_contested
        assert any(f"same facility '{name}' (code name) in Aleppo" in r
                   for r in incident.merge_reasons)


def test_adding_a_report_updates_the_incident_it_touches(aleppo: list[Candidate]) -> None:
    merger = Merger()
    first = [merger.add(c) for c in aleppo[:2]]
    assert [i.members for i in first] == [[100], [101]]
    joined = merger.add(aleppo[2])
    assert joined.members == [100, 200]
    assert joined.merge_reasons[0] == "candidate 100 (document 1): first report"
    assert joined.merge_reasons[1].startswith("candidate 200 (document 2) joined: same facility")
    assert merger.incident_of(100) is joined
    assert len(merger.incidents()) == 2
    with pytest.raises(DuplicateCandidateError):
        merger.add(aleppo[0])


def test_another_hospital_the_same_day_and_the_same_one_a_month_later_stay_apart(
    reporter: Reporter, aleppo: list[Candidate],
) -> None:
    others = reporter(M1_SAME_DAY, "2016-09-29", 3) + reporter(M10_MONTH_LATER, "2016-10-29", 4)
    incidents = merge_all(aleppo + others)
    assert sorted(i.members for i in incidents) == [[100, 200], [101, 201], [300], [400]]


def test_last_week_merges_with_a_day_inside_it(reporter: Reporter) -> None:
    week = reporter(IDLIB_LAST_WEEK, "2017-03-15", 5)
    day = reporter(IDLIB_ON_THE_DAY, "2017-03-09", 6)
    [incident] = merge_all(week + day)
    assert incident.members == [500, 600]
    assert incident.date is not None and incident.date.precision is DatePrecision.DAY
    assert incident.merge_reasons[-1].startswith("date: 2017-03-08 (day) from candidate 600")
    [injured] = [f for f in incident.figures if f.field == "injured:patients"]
    assert (injured.minimum, injured.maximum) == (4, 5)


def test_contested_attribution_is_marked(reporter: Reporter) -> None:
    [incident] = merge_all(reporter(OMAR_RUSSIAN, "2016-05-04", 3)
                           + reporter(OMAR_NUSRA, "2016-05-04", 4))
    assert incident.attribution_contested
    assert "Russian armed forces" in {p.normalised for p in incident.perpetrators}
    assert "non_state_armed_group" in {p.actor_type.value for p in incident.perpetrators}
    assert incident.certainty is Certainty.PROBABLE


def test_an_analysts_must_link_merges_what_the_rules_keep_apart(
    reporter: Reporter, aleppo: list[Candidate],
) -> None:
    later = reporter(M10_MONTH_LATER, "2016-10-29", 4)
    incidents = merge_all(aleppo + later, must_link=[(400, 100)])
    m10 = named(incidents)["M10"]
    assert m10.members == [100, 200, 400]
    assert any("an analyst merged them (must-link)" in r for r in m10.merge_reasons)


def test_an_analysts_cannot_link_keeps_apart_what_the_rules_merge(aleppo: list[Candidate]) -> None:
    incidents = merge_all(aleppo, cannot_link=[(100, 200)])
    assert sorted(i.members for i in incidents) == [[100], [101, 201], [200]]
    [alone] = [i for i in incidents if i.members == [200]]
    assert "an analyst separated it from candidate 100" in alone.merge_reasons[0]
    # A cannot-link wins over a contradictory must-link.
    incidents = merge_all(aleppo, must_link=[(100, 200)], cannot_link=[(100, 200)])
    assert [200] in [i.members for i in incidents]


def test_constraints_survive_incremental_adding(aleppo: list[Candidate]) -> None:
    merger = Merger(cannot_link=[(100, 200)])
    for candidate in aleppo:
        merger.add(candidate)
    assert merger.incident_of(200).members == [200]


def test_an_unnamed_hospital_report_does_not_fuse_two_named_hospitals(
    reporter: Reporter, aleppo: list[Candidate],
) -> None:
    vague = reporter("Air strikes hit a hospital in Aleppo on 28 September 2016, killing four "
                     "patients, according to the Aleppo Health Directorate.", "2016-09-29", 7)
    incidents = merge_all(aleppo + vague)
    hospitals = named(incidents)
    assert len(incidents) == 2 and hospitals["M10"] is not hospitals["M2"]
    joined = hospitals["M10"] if 700 in hospitals["M10"].members else hospitals["M2"]
    assert any("kept apart: different facilities" in r for r in joined.merge_reasons)


def test_a_report_that_matches_two_incidents_merges_them(reporter: Reporter) -> None:
    [named_only] = reporter("Shelling hit the Al-Razi Hospital on 8 March 2017, injuring five "
                            "patients, according to the Idlib Health Directorate.", "2017-03-09", 8)
    vague_place = dataclasses.replace(named_only.incident.place, name="Syria", resolved="Syria",
                                      precision=PlacePrecision.COUNTRY) \
        if named_only.incident.place else None
    named_only = dataclasses.replace(named_only, incident=dataclasses.replace(
        named_only.incident, place=vague_place))
    [unnamed] = reporter(IDLIB_ON_THE_DAY, "2017-03-09", 9)
    [bridge] = reporter("Shelling hit the Al-Razi hospital in Idlib on 8 March 2017, wounding "
                        "five patients, Dr Lina Hamid, a surgeon at the hospital, said.",
                        "2017-03-10", 10)
    merger = Merger()
    assert merger.add(named_only).members == [800]
    assert merger.add(unnamed).members == [900]  # a country alone says too little
    merged = merger.add(bridge)
    assert merged.members == [800, 1000, 900]
    assert any(r.startswith("the incident of candidate 900 merged in through candidate 1000")
               for r in merged.merge_reasons)
    assert len(merger.incidents()) == 1


def test_blocking_compares_few_pairs(reporter: Reporter, aleppo: list[Candidate]) -> None:
    others = (reporter(M1_SAME_DAY, "2016-09-29", 3) + reporter(M10_MONTH_LATER, "2016-10-29", 4)
              + reporter(IDLIB_ON_THE_DAY, "2017-03-09", 6) + reporter(OMAR_NUSRA, "2016-05-04", 7))
    merger = Merger()
    for candidate in aleppo + others:
        merger.place(candidate)
    n = len(aleppo + others)
    assert merger.comparisons < n * (n - 1) // 2


def test_the_shared_aleppo_report_merges_with_another_outlets(
    reporter: Reporter, aleppo: list[Candidate],
) -> None:
    if not SHARED_REPORT.is_file():
        pytest.skip(f"the shared Aleppo report is not at {SHARED_REPORT} (folder absent)")
    shared = reporter(SHARED_REPORT.read_text(encoding="utf-8"), "2016-09-28", 9,
                      publisher="shared report")
    sohr = [c for c in aleppo if c.document_id == 2]
    hospitals = named(merge_all(shared + sohr))
    # M10's head speaks of M10 only: he makes M10's grade, not M2's.
    for name, grade in (("M10", Certainty.CONFIRMED), ("M2", Certainty.PROBABLE)):
        incident = hospitals[name]
        assert incident.documents == [2, 9]
        [killed] = [f for f in incident.figures if f.field == "killed:patients"]
        assert (killed.minimum, killed.maximum, killed.conservative) == (2, 3, 2)
        assert incident.certainty is grade, name
