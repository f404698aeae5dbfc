"""carewatch.merge.certainty: WHO SSA grades from an incident's sources, explained in words.

Candidates come from the real extractor run on short reports written for these tests
(see conftest.py).
"""

from __future__ import annotations

from conftest import (
    OMAR_DIRECTOR,
    OMAR_NUSRA,
    OMAR_RUSSIAN,
    SAMS_M10_M2,
    SOHR_M10_M2,
    TAIZ_UNATTRIBUTED,
    Reporter,
)

from carewatch.data_files import load_json
from carewatch.merge import claims_of, grade
from carewatch.model import Candidate, Certainty


def graded(candidates: list[Candidate]) -> tuple[Certainty, str]:
    return grade([c for candidate in candidates for c in claims_of(candidate)], candidates)


def m10(candidates: list[Candidate]) -> Candidate:
    return next(c for c in candidates if any(f.name == "M10" for f in c.incident.facilities))


def test_one_unattributed_report_is_a_rumour(reporter: Reporter) -> None:
    taiz = reporter(TAIZ_UNATTRIBUTED, "2018-06-03", 1, publisher="Aden Evening News")
    certainty, why = graded(taiz)
    assert certainty is Certainty.RUMOUR
    assert why == "rumour: one unattributed report (Aden Evening News); no named source"


def test_the_same_outlet_twice_is_still_one_report(reporter: Reporter) -> None:
    twice = (reporter(TAIZ_UNATTRIBUTED, "2018-06-03", 1, publisher="Aden Evening News")
             + reporter(TAIZ_UNATTRIBUTED, "2018-06-04", 2, publisher="Aden Evening News"))
    assert graded(twice)[0] is Certainty.RUMOUR


def test_unattributed_reports_from_two_outlets_are_possible(reporter: Reporter) -> None:
    two = (reporter(TAIZ_UNATTRIBUTED, "2018-06-03", 1, publisher="Aden Evening News")
           + reporter(TAIZ_UNATTRIBUTED, "2018-06-03", 2, publisher="Sanaa Courier"))
    certainty, why = graded(two)
    assert certainty is Certainty.POSSIBLE
    assert "two unattributed reports from different outlets" in why


def test_one_attributed_source_is_possible(reporter: Reporter) -> None:
    certainty, why = graded(reporter(OMAR_RUSSIAN, "2016-05-04", 3, publisher="Levant Wire"))
    assert certainty is Certainty.POSSIBLE
    assert why == ("possible: one attributed source (Amnesty International); "
                   "no independent confirmation")


def test_one_organisation_quoted_by_two_outlets_is_one_source(reporter: Reporter) -> None:
    twice = (reporter(OMAR_RUSSIAN, "2016-05-04", 3, publisher="Levant Wire")
             + reporter(OMAR_RUSSIAN, "2016-05-04", 4, publisher="Gulf Herald"))
    assert graded(twice)[0] is Certainty.POSSIBLE


def test_two_independent_sources_are_probable(reporter: Reporter) -> None:
    two = reporter(OMAR_RUSSIAN, "2016-05-04", 3) + reporter(OMAR_NUSRA, "2016-05-04", 4)
    certainty, why = graded(two)
    assert certainty is Certainty.PROBABLE
    assert why.startswith("probable: two independent sources (Amnesty International; "
                          "Syrian Observatory for Human Rights)")


def test_the_facilitys_own_director_alone_is_probable(reporter: Reporter) -> None:
    certainty, why = graded(reporter(OMAR_DIRECTOR, "2016-05-04", 5))
    assert certainty is Certainty.PROBABLE
    assert "the facility's own staff or health provider" in why and "Samir Nasser" in why


def test_a_provider_and_an_independent_monitor_confirm(reporter: Reporter) -> None:
    both = [m10(reporter(SAMS_M10_M2, "2016-09-28", 1)),
            m10(reporter(SOHR_M10_M2, "2016-09-29", 2))]
    certainty, why = graded(both)
    assert certainty is Certainty.CONFIRMED
    assert why == (
        "confirmed: two independent sources (Syrian American Medical Society; Syrian Observatory "
        "for Human Rights), including the facility's own staff or health provider: Karim Haddad "
        "of Syrian American Medical Society (which supports both hospitals)"
    )


def test_three_independent_sources_confirm(reporter: Reporter) -> None:
    three = (reporter(OMAR_RUSSIAN, "2016-05-04", 3) + reporter(OMAR_NUSRA, "2016-05-04", 4)
             + reporter(OMAR_RUSSIAN.replace("Amnesty International", "Human Rights Watch"),
                        "2016-05-05", 5))
    certainty, why = graded(three)
    assert certainty is Certainty.CONFIRMED and why.startswith("confirmed: three independent")


def test_the_grading_rules_are_data() -> None:
    rules = load_json("certainty.json")
    assert set(rules["thresholds"]) == {"possible", "possible_unattributed_reports", "probable",
                                        "confirmed_with_staff", "confirmed"}
    assert rules["staff_roles"] and rules["health_organisations"] and rules["credible_publishers"]


def test_one_organisation_under_two_names_is_one_source(reporter: Reporter) -> None:
    acronym = "Two nurses were killed when the Al-Amal clinic in Taiz was shelled, MSF said."
    full = ("Shelling hit the Al-Amal clinic in Taiz, killing two nurses, Doctors Without Borders "
            "said.")
    two_names = (reporter(acronym, "2018-06-03", 1, publisher="Aden Evening News")
                 + reporter(full, "2018-06-03", 2, publisher="Sanaa Courier"))
    certainty, why = graded(two_names)
    assert certainty is Certainty.POSSIBLE
    assert "Médecins Sans Frontières" in why


def test_two_organisations_are_two_sources(reporter: Reporter) -> None:
    one = "Two nurses were killed when the Al-Amal clinic in Taiz was shelled, MSF said."
    other = "Shelling hit the Al-Amal clinic in Taiz, killing two nurses, the ICRC said."
    assert graded(reporter(one, "2018-06-03", 1, publisher="Aden Evening News")
                  + reporter(other, "2018-06-03", 2, publisher="Sanaa Courier"))[0] is Certainty.PROBABLE
