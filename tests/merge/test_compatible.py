"""carewatch.merge.compatible: same attack or not, and the reason in words.

Candidates come from the real extractor run on short reports written for these tests
(see conftest.py); a few are then edited with dataclasses.replace to isolate one rule.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from conftest import (
    IDLIB_LAST_WEEK,
    IDLIB_ON_THE_DAY,
    M1_SAME_DAY,
    M10_MONTH_LATER,
    SAMS_M10_M2,
    SOHR_M10_M2,
    TAIZ_UNATTRIBUTED,
    Reporter,
)

from carewatch.merge import compatible, date_period, dates_compatible, normalise_facility_name
from carewatch.model import Candidate, DatePrecision, DateValue, PlacePrecision


def by_facility(candidates: list[Candidate]) -> dict[str, Candidate]:
    return {f.name: c for c in candidates for f in c.incident.facilities if f.name}


def test_the_same_code_named_hospital_on_the_same_day_is_one_attack(reporter: Reporter) -> None:
    sams = by_facility(reporter(SAMS_M10_M2, "2016-09-28", 1))
    sohr = by_facility(reporter(SOHR_M10_M2, "2016-09-29", 2))
    decision = compatible(sams["M10"], sohr["M10"])
    assert decision.same and not decision.conflict
    assert decision.reason.startswith("same facility 'M10' (code name) in Aleppo")
    assert "2016-09-28 and 2016-09-28 (day) agree" in decision.reason


def test_different_code_named_hospitals_never_merge(reporter: Reporter) -> None:
    sams = by_facility(reporter(SAMS_M10_M2, "2016-09-28", 1))
    decision = compatible(sams["M10"], sams["M2"])
    assert not decision.same and decision.conflict
    assert decision.reason == "different facilities 'M10' and 'M2'"
    [m1] = reporter(M1_SAME_DAY, "2016-09-29", 3)
    assert compatible(sams["M10"], m1).conflict


def test_the_same_hospital_a_month_later_is_another_attack(reporter: Reporter) -> None:
    sams = by_facility(reporter(SAMS_M10_M2, "2016-09-28", 1))
    later = by_facility(reporter(M10_MONTH_LATER, "2016-10-29", 4))
    decision = compatible(sams["M10"], later["M10"])
    assert not decision.same and decision.conflict
    assert "do not overlap" in decision.reason


def test_last_week_holds_a_day_inside_it(reporter: Reporter) -> None:
    [week] = reporter(IDLIB_LAST_WEEK, "2017-03-15", 5)
    [day] = reporter(IDLIB_ON_THE_DAY, "2017-03-09", 6)
    assert week.incident.date is not None and week.incident.date.precision is DatePrecision.WEEK
    decision = compatible(week, day)
    assert decision.same, decision.reason
    assert decision.reason.startswith("same place Idlib (city)")
    assert "week of 2017-03-06 (week) and 2017-03-08 (day)" in decision.reason
    assert "hospital" in decision.reason


def test_unnamed_facilities_in_different_places_stay_apart(reporter: Reporter) -> None:
    [idlib] = reporter(IDLIB_ON_THE_DAY, "2017-03-09", 6)
    [taiz] = reporter(TAIZ_UNATTRIBUTED, "2018-06-03", 7)
    moved = dataclasses.replace(taiz, incident=dataclasses.replace(taiz.incident,
                                                                   date=idlib.incident.date))
    decision = compatible(idlib, moved)
    assert not decision.same and decision.conflict
    assert "Idlib" in decision.reason and "Taiz" in decision.reason


def test_a_country_alone_never_suffices(reporter: Reporter) -> None:
    [week] = reporter(IDLIB_LAST_WEEK, "2017-03-15", 5)
    [day] = reporter(IDLIB_ON_THE_DAY, "2017-03-09", 6)
    assert day.incident.place is not None
    vague = dataclasses.replace(day.incident.place, name="Syria", resolved="Syria",
                                precision=PlacePrecision.COUNTRY, latitude=None, longitude=None)
    day = dataclasses.replace(day, incident=dataclasses.replace(day.incident, place=vague))
    decision = compatible(week, day)
    assert not decision.same and not decision.conflict
    assert "country precision" in decision.reason


def test_an_unnamed_hospital_is_not_an_ambulance(reporter: Reporter) -> None:
    [day] = reporter(IDLIB_ON_THE_DAY, "2017-03-09", 6)
    [ambulance] = reporter(
        "Shelling hit an ambulance in Idlib on 8 March 2017, injuring two patients, according "
        "to the Idlib Health Directorate.", "2017-03-09", 8)
    assert not compatible(day, ambulance).same


def test_facility_names_fold_case_accents_articles_and_generic_words() -> None:
    same = {"Al-Quds Hospital", "al Quds hospital", "Quds", "AL-QUDS", "El-Quds Hospital"}
    assert {normalise_facility_name(n) for n in same} == {"quds"}
    assert (normalise_facility_name("Hôpital Ibn Sīnā")
            == normalise_facility_name("hopital ibn sina"))
    assert normalise_facility_name("M10 hospital") == normalise_facility_name("M10", True) == "M10"
    assert normalise_facility_name("M1", True) != normalise_facility_name("M10", True)


def test_date_periods_respect_precision() -> None:
    week = DateValue(dt.date(2016, 9, 19), DatePrecision.WEEK)
    month = DateValue(dt.date(2016, 9, 1), DatePrecision.MONTH)
    assert date_period(week) == (dt.date(2016, 9, 19), dt.date(2016, 9, 25))
    assert date_period(month) == (dt.date(2016, 9, 1), dt.date(2016, 9, 30))
    assert dates_compatible(week, DateValue(dt.date(2016, 9, 21), DatePrecision.DAY))
    assert not dates_compatible(week, DateValue(dt.date(2016, 9, 28), DatePrecision.DAY))
    assert dates_compatible(month, DateValue(dt.date(2016, 9, 30), DatePrecision.DAY))
    published = DateValue(dt.date(2016, 9, 29), DatePrecision.DAY, basis="publication")
    assert dates_compatible(published, DateValue(dt.date(2016, 9, 28), DatePrecision.DAY))
