"""assign_actor_types: each actor's type given the country (and date) of the incident."""

from __future__ import annotations

import datetime as dt

import pytest

from carewatch.extract.actors import find_actors
from carewatch.model import ActorType, ActorValue
from carewatch.resolve.actors import assign_actor_types, primary_actor
from carewatch.text import Context


def typed(text: str, country: str | None, date: dt.date | None = None) -> list[ActorValue]:
    return assign_actor_types(find_actors(Context(text)), country, date)


def test_own_and_foreign_state_forces() -> None:
    russian, syrian = typed("Russian and Syrian air strikes hit the hospital.", "SYR")
    assert russian.actor_type is ActorType.FOREIGN_FORCES and russian.country_code == "RUS"
    assert russian.normalised == "Russian armed forces"
    assert syrian.actor_type is ActorType.STATE_FORCES and syrian.country_code == "SYR"
    (russian_in_ukraine,) = typed("Russian forces shelled the clinic.", "UKR")
    assert russian_in_ukraine.actor_type is ActorType.FOREIGN_FORCES


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("The Myanmar military raided the clinic.", "MMR", ActorType.STATE_FORCES),
        ("SAC forces arrested a doctor.", "MMR", ActorType.STATE_FORCES),
        ("The junta closed the hospital.", "MMR", ActorType.STATE_FORCES),
        # Insecurity Insight's convention for Israeli forces in the occupied territory.
        ("Israeli forces stormed the hospital.", "PSE", ActorType.STATE_FORCES),
        ("Israeli forces struck the hospital.", "LBN", ActorType.FOREIGN_FORCES),
        ("Police detained two nurses.", "IRN", ActorType.POLICE),
        ("Security forces fired tear gas.", "KEN", ActorType.POLICE),
        ("Security forces fired tear gas.", "SDN", ActorType.STATE_FORCES),
        ("Al-Shabaab fighters attacked the clinic.", "SOM", ActorType.NON_STATE_GROUP),
        ("The RSF looted the hospital.", "SDN", ActorType.NON_STATE_GROUP),
        ("Robbers broke into the pharmacy.", "COD", ActorType.CRIMINAL),
        ("Bandits kidnapped a nurse.", "NGA", ActorType.NON_STATE_GROUP),
        ("Bandits kidnapped a nurse.", "KEN", ActorType.CRIMINAL),
        ("Protesters stormed the vaccination centre.", "GBR", ActorType.CIVILIAN),
        ("Unidentified perpetrators stole medicines.", "CAF", ActorType.UNKNOWN),
    ],
)
def test_types_in_context(text: str, country: str, expected: ActorType) -> None:
    actor = primary_actor(typed(text, country))
    if expected is ActorType.UNKNOWN:
        assert actor is not None and actor.actor_type is ActorType.UNKNOWN
    else:
        assert actor is not None and actor.actor_type is expected


def test_generic_soldiers_are_the_forces_of_the_incident_country() -> None:
    (actor,) = typed("Soldiers occupied the hospital.", "SDN")
    assert actor.actor_type is ActorType.STATE_FORCES
    assert actor.country_code == "SDN" and actor.normalised == "Sudanese armed forces"


def test_taliban_become_the_de_facto_government_in_august_2021() -> None:
    before = typed("The Taliban detained a nurse.", "AFG", dt.date(2019, 5, 1))[0]
    after = typed("The Taliban detained a nurse.", "AFG", dt.date(2022, 5, 1))[0]
    assert before.actor_type is ActorType.NON_STATE_GROUP
    assert after.actor_type is ActorType.STATE_FORCES and after.country_code == "AFG"


def test_unknown_country_keeps_the_default_type() -> None:
    # Where the report names no country, Russia's forces (listed as expeditionary in
    # actors.json) are foreign; Syria's keep the default: their own state's forces.
    russian, syrian = typed("Russian and Syrian air strikes hit the hospital.", None)
    assert russian.actor_type is ActorType.FOREIGN_FORCES
    assert syrian.actor_type is ActorType.STATE_FORCES
    (generic,) = typed("Soldiers occupied the hospital.", None)
    assert generic.actor_type is ActorType.STATE_FORCES and generic.country_code is None


def test_inputs_are_not_changed() -> None:
    actors = find_actors(Context("Russian forces shelled the clinic."))
    assign_actor_types(actors, "UKR")
    assert actors[0].actor_type is ActorType.STATE_FORCES


def test_primary_actor_prefers_a_known_type() -> None:
    actors = typed("Unidentified perpetrators and soldiers raided the clinic.", "MMR")
    chosen = primary_actor(actors)
    assert chosen is not None and chosen.actor_type is ActorType.STATE_FORCES
    assert primary_actor([]) is None


def test_a_named_group_beats_a_demonym_reading_of_the_same_words() -> None:
    (lna,) = typed("Libyan National Army rockets hit the clinic.", "LBY")
    assert lna.normalised == "Libyan National Army"
    assert lna.actor_type is ActorType.NON_STATE_GROUP
    (ansf,) = typed("Afghan National Security Forces searched the clinic.", "AFG")
    assert ansf.actor_type is ActorType.STATE_FORCES


def test_security_forces_under_myanmars_junta_are_its_armed_forces() -> None:
    (in_myanmar,) = typed("Security forces raided the clinic.", "MMR")
    assert in_myanmar.actor_type is ActorType.STATE_FORCES
    (elsewhere,) = typed("Security forces raided the clinic.", "KEN")
    assert elsewhere.actor_type is ActorType.POLICE
    (intelligence,) = typed("Intelligence officers raided the clinic.", "MMR")
    assert intelligence.actor_type is ActorType.POLICE


def test_a_de_facto_government_acts_as_the_state_where_no_place_is_named() -> None:
    late = dt.date(2023, 5, 1)
    (taliban,) = typed("A midwife was detained by Taliban fighters.", None, late)
    assert taliban.actor_type is ActorType.STATE_FORCES and taliban.country_code == "AFG"
    (before,) = typed("A midwife was detained by Taliban fighters.", None, dt.date(2019, 5, 1))
    assert before.actor_type is ActorType.NON_STATE_GROUP
    (undated,) = typed("A midwife was detained by Taliban fighters.", None)
    assert undated.actor_type is ActorType.NON_STATE_GROUP


def test_led_and_suicide_may_stand_between_a_demonym_and_its_head() -> None:
    (turkish,) = typed("A clinic closed during the Turkish-led offensive.", "SYR")
    assert turkish.country_code == "TUR" and turkish.actor_type is ActorType.FOREIGN_FORCES
    (israeli,) = typed("Israeli suicide drones hit the hospital.", "PSE")
    assert israeli.country_code == "ISR"


def test_state_administration_forces_are_myanmars_army() -> None:
    (sac,) = typed("The clinic was sealed by State Administration forces.", "MMR")
    assert sac.normalised == "Myanmar armed forces" and sac.actor_type is ActorType.STATE_FORCES


def test_own_forces_come_first_when_named_with_foreign_forces() -> None:
    # Coders attribute a joint or uncertain attack ("Russian or Syrian jets") to the government.
    actor = primary_actor(typed("Russian or Syrian warplanes bombed the clinic.", None))
    assert actor is not None and actor.actor_type is ActorType.STATE_FORCES
    assert actor.country_code == "SYR"


def test_unattributed_air_strike_goes_to_the_party_operating_aircraft() -> None:
    text = "An air strike hit the clinic."
    (syrian,) = typed(text, "SYR", dt.date(2019, 5, 3))
    assert syrian.normalised == "Syrian armed forces" and syrian.basis == "convention"
    assert syrian.actor_type is ActorType.STATE_FORCES and syrian.span is not None
    (coalition,) = typed(text, "YEM", dt.date(2017, 8, 1))
    assert coalition.normalised == "Saudi-led coalition"
    assert coalition.actor_type is ActorType.FOREIGN_FORCES


def test_air_strike_convention_needs_a_conflict_and_its_period() -> None:
    text = "An air strike hit the clinic."
    assert typed(text, None) == []
    assert typed(text, "KEN", dt.date(2019, 5, 3)) == []
    assert typed(text, "UKR", dt.date(2021, 6, 1)) == []


def test_air_strike_convention_never_replaces_a_named_actor() -> None:
    (russian,) = typed("Russian air strikes hit the clinic.", "SYR", dt.date(2019, 5, 3))
    assert russian.normalised == "Russian armed forces" and russian.basis == "text"


def test_bare_soldiers_belong_to_the_forces_that_hold_the_place() -> None:
    named, soldiers = typed(
        "Israeli forces surrounded the clinic; soldiers then detained a nurse.", "PSE"
    )
    assert named.country_code == soldiers.country_code == "ISR"
    assert soldiers.normalised == named.normalised == "Israeli armed forces"


@pytest.mark.parametrize(
    ("text", "country", "bare"),
    [
        # A foreign air force named beside them: the soldiers are still the country's own.
        ("Russian jets bombed the clinic, and soldiers looted its pharmacy.", "SYR", "soldiers"),
        # The report says whose they are: the government's.
        ("Israeli forces and government troops fought near the clinic.", "PSE",
         "government troops"),
    ],
)
def test_soldiers_stay_the_countrys_own_otherwise(text: str, country: str, bare: str) -> None:
    [generic] = [a for a in typed(text, country) if a.name.lower() == bare]
    assert generic.country_code == country
