"""carewatch.merge on what real reports of one attack do to each other.

Outlets spell a facility's name their own way (a headline's Title Case, a typographic
apostrophe, a descriptor more or less), date a night attack a day apart, file from a
capital in another country, leave the date out, or type the same strike differently.
The candidates are built by hand, with invented towns and hospitals, so that each test
shows one rule whatever the extractor finds.
"""

from __future__ import annotations

import datetime as dt

from carewatch.merge import compatible, merge_all
from carewatch.model import (
    Candidate,
    CandidateIncident,
    DatePrecision,
    DateValue,
    FacilityMention,
    IncidentType,
    PlacePrecision,
    PlaceValue,
)

STRIKE = dt.date(2023, 5, 9)
FACILITY = IncidentType.FACILITY_ATTACK
WORKERS = IncidentType.HEALTH_WORKER_ATTACK
ARREST = IncidentType.ARREST_KIDNAP


def town(name: str, lat: float = 14.0, lon: float = 33.0, country: str = "SDN") -> PlaceValue:
    return PlaceValue(name, resolved=name, country_code=country, latitude=lat, longitude=lon,
                      precision=PlacePrecision.CITY)


def country(code: str, name: str) -> PlaceValue:
    return PlaceValue(name, resolved=name, country=name, country_code=code,
                      precision=PlacePrecision.COUNTRY)


TALLBROOK = town("Tallbrook")
MERROW = town("Merrow", lat=15.2, lon=32.1)  # about 170 km from Tallbrook
ABROAD = town("Greywater", lat=46.2, lon=6.1, country="CHE")  # where a wire story is filed


def report(document: int, *, name: str | None = "Al-Noor Hospital", kind: str = "hospital",
           day: dt.date | None = STRIKE, place: PlaceValue | None = TALLBROOK,
           types: tuple[IncidentType, ...] = (FACILITY,), published: dt.date | None = None,
           ordinal: int = 0) -> Candidate:
    """One outlet's candidate: candidate ids are ``document * 10 + ordinal``."""
    incident = CandidateIncident(
        incident_type=types[0], types=list(types),
        facilities=[FacilityMention(kind, name)],
        date=DateValue(day, DatePrecision.DAY) if day else None,
        place=place,
    )
    return Candidate(document * 10 + ordinal, document, incident,
                     published=published or (day or STRIKE) + dt.timedelta(days=1))


def test_apostrophes_and_ayin_marks_of_every_kind_are_one_name() -> None:
    plain = report(1, name="Saint Brigid's Hospital")
    curly = report(2, name="Saint Brigid\u2019s hospital", place=MERROW)
    modifier = report(3, name="SAINT BRIGID\u02bcS HOSPITAL", place=None)
    assert compatible(plain, curly).same and compatible(plain, modifier).same
    assert compatible(report(4, name="Ma\u02bfrouf Hospital"), report(5, name="Ma`ruf hospital")).same


def test_an_arabic_article_of_any_form_is_no_part_of_the_name() -> None:
    decision = compatible(report(1, name="Ed-Dhahir Hospital"), report(2, name="Dhahir hospital"))
    assert decision.same and decision.rule == "facility"


def test_a_headline_name_within_the_bodys_is_the_same_facility() -> None:
    headline = report(1, name="Five Killed In Strike On Al-Noor Hospital")
    body = report(2, name="al-Noor Specialised Children\u2019s Hospital")
    decision = compatible(headline, body)
    assert decision.same
    assert "one name within the other" in decision.reason


def test_two_facilities_named_for_one_town_stay_apart() -> None:
    maternity = report(1, name="Tallbrook Maternity Hospital")
    national = report(2, name="Tallbrook National Hospital")
    decision = compatible(maternity, national)
    assert not decision.same and decision.conflict


def test_a_hospital_named_for_its_town_does_not_contradict_a_real_name() -> None:
    by_town = report(1, name="Tallbrook hospital")
    by_name = report(2, name="Al-Noor Hospital")
    decision = compatible(by_town, by_name)
    assert decision.same and decision.rule == "place"


def test_a_kind_of_facility_or_its_backer_is_no_name() -> None:
    # "the Maternity Hospital" is no name, so it does not contradict "Al-Noor".
    assert compatible(report(1, name="Maternity Hospital"), report(2)).same
    # Two hospitals that one organisation supports, in towns far apart, stay apart.
    backed = compatible(report(1, name="MSF-supported hospital"),
                        report(2, name="MSF hospital", place=MERROW))
    assert not backed.same and backed.conflict
    assert "different places" in backed.reason


def test_the_same_name_on_the_same_day_merges_across_a_dateline_abroad() -> None:
    at_home = report(1)
    filed_abroad = report(2, name="Al Nour hospital", place=ABROAD)
    decision = compatible(at_home, filed_abroad)
    assert decision.same
    assert "Tallbrook and Greywater" in decision.reason
    # A month's date is too loose to tell a namesake from a dateline: they stay apart.
    month = report(3, place=ABROAD)
    month.incident.date = DateValue(STRIKE.replace(day=1), DatePrecision.MONTH)
    namesakes = compatible(at_home, month)
    assert not namesakes.same and "namesakes" in namesakes.reason


def test_the_same_name_merges_when_one_report_knows_only_the_country() -> None:
    decision = compatible(report(1), report(2, place=country("SDN", "Sudan")))
    assert decision.same and decision.rule == "facility"


def test_a_named_facility_dated_a_day_apart_is_one_attack_two_days_are_two() -> None:
    night = report(1)
    next_day = report(2, day=STRIKE + dt.timedelta(days=1))
    decision = compatible(night, next_day)
    assert decision.same and "a day apart" in decision.reason
    later = compatible(night, report(3, day=STRIKE + dt.timedelta(days=2)))
    assert not later.same and later.conflict


def test_one_strike_typed_differently_merges_by_name_not_by_place() -> None:
    # "Al-Noor hospital was hit" and "two nurses were killed at Al-Noor hospital".
    assert compatible(report(1), report(2, types=(WORKERS,))).same
    # Without a name the kind of attack must agree.
    unnamed = compatible(report(1, name=None), report(2, name=None, types=(WORKERS,)))
    assert not unnamed.same and unnamed.conflict
    # An arrest of its staff is another incident, even at the same hospital.
    assert compatible(report(1), report(2, types=(ARREST,))).conflict


def test_two_incidents_of_one_report_never_merge() -> None:
    first = report(1, name=None)
    second = report(1, name=None, ordinal=1)
    decision = compatible(first, second)
    assert decision.conflict and "one report" in decision.reason
    assert len(merge_all([first, second])) == 2


def test_an_undated_report_joins_the_one_attack_it_can_be() -> None:
    dated = report(1, name=None)
    undated = report(2, name="Tallbrook General Hospital", day=None,
                     published=STRIKE + dt.timedelta(days=3))
    [incident] = merge_all([dated, undated])
    assert incident.members == [10, 20]
    assert any("a date (2023-05-09) in only one report" in r for r in incident.merge_reasons)


def test_an_undated_report_that_could_be_two_attacks_joins_neither() -> None:
    first = report(1, name=None)
    second = report(2, name=None, day=STRIKE + dt.timedelta(days=5))
    undated = report(3, name=None, day=None, published=STRIKE + dt.timedelta(days=6))
    incidents = merge_all([first, second, undated])
    assert sorted(i.members for i in incidents) == [[10], [20], [30]]
    [alone] = [i for i in incidents if i.members == [30]]
    assert "joined none" in alone.merge_reasons[0]


def test_an_undated_report_published_before_the_attack_is_another_one() -> None:
    undated = report(2, name=None, day=None, published=STRIKE - dt.timedelta(days=10))
    assert not compatible(report(1, name=None), undated).same


def test_unnamed_reports_a_day_apart_merge_only_where_unambiguous() -> None:
    first = report(1, name=None)
    next_day = report(2, name=None, day=STRIKE + dt.timedelta(days=1))
    [incident] = merge_all([first, next_day])
    assert any("a day apart" in r for r in incident.merge_reasons)
    # With an attack on each side, the report of the day between joins neither.
    before = report(3, name=None, day=STRIKE - dt.timedelta(days=1))
    after = report(4, name=None, day=STRIKE + dt.timedelta(days=1))
    between = report(5, name=None)
    incidents = merge_all([before, after, between])
    assert sorted(i.members for i in incidents) == [[30], [40], [50]]


def test_every_merge_keeps_its_reason() -> None:
    incidents = merge_all([report(1), report(2, name="AL NOUR HOSPITAL", place=country("SDN", "Sudan")),
                           report(3, name=None, day=None)])
    [incident] = incidents
    assert incident.members == [10, 20, 30]
    joined = [r for r in incident.merge_reasons if "joined" in r]
    assert len(joined) == 2
    assert all("same facility" in r or "same place" in r for r in joined)


def test_blocking_finds_a_name_within_another_a_day_apart_across_a_week_edge() -> None:
    # Seven starting days: one pair of them straddles the index's week boundary.
    for shift in range(7):
        day = STRIKE + dt.timedelta(days=shift)
        body = report(1, name="al-Noor Specialised Hospital", day=day)
        headline = report(2, name="Strike On Al-Noor Hospital", day=day + dt.timedelta(days=1),
                          place=country("SDN", "Sudan"))
        assert [i.members for i in merge_all([body, headline])] == [[10, 20]], day


def test_a_report_placing_an_unnamed_attack_only_in_its_country_joins_the_one_of_that_day() -> None:
    in_town = report(1, name=None)
    in_country = report(2, name=None, place=country("SDN", "northern Sudan"))
    decision = compatible(in_town, in_country)
    assert decision.same and decision.rule == "coarse"
    assert "known only to country precision" in decision.reason
    assert len(merge_all([in_town, in_country])) == 1


def test_a_country_wide_report_joins_none_where_two_attacks_of_the_day_fit() -> None:
    tallbrook, merrow = report(1, name=None), report(2, name=None, place=MERROW)
    in_country = report(3, name=None, place=country("SDN", "northern Sudan"))
    assert len(merge_all([tallbrook, merrow, in_country])) == 3


def test_a_country_wide_report_of_another_day_or_kind_stays_apart() -> None:
    in_town = report(1, name=None)
    next_day = report(2, name=None, place=country("SDN", "Sudan"),
                      day=STRIKE + dt.timedelta(days=1))
    a_clinic = report(3, name=None, kind="clinic", place=country("SDN", "Sudan"))
    assert not compatible(in_town, next_day).same
    assert not compatible(in_town, a_clinic).same
