"""carewatch.merge.ledger: every figure and attribution stays a claim of its source.

Candidates come from the real extractor run on short reports written for these tests
(see conftest.py).
"""

from __future__ import annotations

from conftest import OMAR_NUSRA, OMAR_RUSSIAN, SAMS_M10_M2, SOHR_M10_M2, Reporter

from carewatch.merge import attribution_contested, claims_of, reconcile
from carewatch.model import Candidate, Claim


def m10(candidates: list[Candidate]) -> Candidate:
    return next(c for c in candidates if any(f.name == "M10" for f in c.incident.facilities))


def test_a_candidate_becomes_claims_of_its_sources(reporter: Reporter) -> None:
    candidate = m10(reporter(SAMS_M10_M2, "2016-09-28", 1, publisher="Levant Daily"))
    claims = {c.field: c for c in claims_of(candidate)}
    killed = claims["killed:patients"]
    assert killed.value == 2 and killed.document_id == 1
    assert killed.candidate_id == candidate.candidate_id
    assert killed.source is not None
    assert killed.source.organisation == "Syrian American Medical Society"
    assert killed.speaker() == "Karim Haddad of Syrian American Medical Society"
    assert killed.span is not None and killed.span.text == "Two patients died"
    assert killed.publisher == "Levant Daily"
    assert claims["date"].value == "2016-09-28" and claims["date"].qualifier == "day"
    assert claims["place"].value == "Aleppo" and claims["place"].qualifier == "city"
    assert claims["facility"].value == "M10" and claims["facility"].qualifier == "hospital"
    assert claims["means"].value == "air_strike"


def test_a_perpetrator_claim_carries_its_actor_type_and_speaker(reporter: Reporter) -> None:
    candidate = m10(reporter(SOHR_M10_M2, "2016-09-29", 2, publisher="Levant Wire"))
    [blame] = [c for c in claims_of(candidate) if c.field == "perpetrator"]
    assert blame.value == "Russian armed forces"
    assert blame.qualifier == "foreign_state_forces"
    assert blame.speaker() == "Syrian Observatory for Human Rights"
    assert blame.span is not None and blame.span.text == "Russian"


def test_reconcile_spans_the_sources_figures(reporter: Reporter) -> None:
    claims = claims_of(m10(reporter(SAMS_M10_M2, "2016-09-28", 1))) + claims_of(
        m10(reporter(SOHR_M10_M2, "2016-09-29", 2)))
    [killed] = reconcile(claims)
    assert killed.field == "killed:patients"
    assert (killed.minimum, killed.maximum, killed.conservative) == (2, 3, 2)
    assert not killed.agreed
    assert {c.speaker() for c in killed.claims} == {
        "Karim Haddad of Syrian American Medical Society", "Syrian Observatory for Human Rights"}


def test_one_speakers_repeated_figure_counts_once(reporter: Reporter) -> None:
    # The report shares its figure between its M10 and M2 candidates.
    both = reporter(SAMS_M10_M2, "2016-09-28", 1)
    assert len(both) == 2
    [killed] = reconcile([c for candidate in both for c in claims_of(candidate)])
    assert len(killed.claims) == 1 and killed.agreed and killed.conservative == 2


def test_one_speakers_figures_of_different_people_add_up(reporter: Reporter) -> None:
    # Written for this test: two health workers hurt, each told apart, by one witness.
    [ambulance] = reporter(
        "An ambulance was shot at near the checkpoint in Kadugli on Monday. The driver was "
        "injured in the leg and a nurse was hit by broken glass, a paramedic said.",
        "2023-05-16", 3)
    [hurt] = reconcile(claims_of(ambulance))
    assert hurt.field == "injured:health_workers"
    assert len(hurt.claims) == 2
    assert (hurt.minimum, hurt.maximum, hurt.conservative) == (2, 2, 2)


def test_a_range_gives_its_bounds_to_minimum_and_maximum() -> None:
    def claim(value: int, count_max: int | None, qualifier: str | None, doc: int) -> Claim:
        return Claim("at_risk:patients", value, doc, doc * 100, count_max=count_max,
                     qualifier=qualifier, publisher=f"outlet {doc}")

    [figure] = reconcile([claim(100, 900, "hundreds of", 1), claim(250, None, "around", 2)])
    assert (figure.minimum, figure.maximum, figure.conservative) == (100, 900, 100)


def test_blaming_russian_forces_and_an_armed_group_is_contested(reporter: Reporter) -> None:
    [russian] = reporter(OMAR_RUSSIAN, "2016-05-04", 3)
    [nusra] = reporter(OMAR_NUSRA, "2016-05-04", 4)
    assert attribution_contested(claims_of(russian) + claims_of(nusra))
    assert not attribution_contested(claims_of(russian))


def test_different_states_forces_are_contested_but_a_joint_attribution_is_not(
    reporter: Reporter,
) -> None:
    [russian] = reporter(OMAR_RUSSIAN, "2016-05-04", 3)
    [syrian] = reporter(
        "Syrian government jets bombed the Omar Hospital in Aleppo on 3 May 2016, killing "
        "three doctors, Human Rights Watch said.", "2016-05-05", 5)
    [joint] = reporter(
        "Syrian and Russian jets bombed the Omar Hospital in Aleppo on 3 May 2016, killing "
        "three doctors, Human Rights Watch said.", "2016-05-05", 6)
    assert attribution_contested(claims_of(russian) + claims_of(syrian))
    assert not attribution_contested(claims_of(russian) + claims_of(joint))
    [again] = reporter(OMAR_RUSSIAN.replace("Amnesty International", "Human Rights Watch"),
                       "2016-05-05", 7)
    assert not attribution_contested(claims_of(russian) + claims_of(again))
