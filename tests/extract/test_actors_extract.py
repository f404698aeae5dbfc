"""find_actors: alleged perpetrators as written, with spans; not sources, victims or NGOs."""

from __future__ import annotations

import pytest

from carewatch.extract.actors import GENERIC_STATE, find_actors
from carewatch.model import ActorType
from carewatch.text import Context


def names(text: str) -> list[str]:
    return [a.name for a in find_actors(Context(text))]


def test_coordinated_demonyms_before_an_attack_word_are_two_actors() -> None:
    text = "Russian and Syrian air strikes destroyed the hospital."
    actors = find_actors(Context(text))
    assert [a.name for a in actors] == ["Russian", "Syrian"]
    assert [a.country_code for a in actors] == ["RUS", "SYR"]
    assert all(a.actor_type is ActorType.STATE_FORCES for a in actors)
    assert actors[0].normalised == "Russian armed forces"
    for actor in actors:
        assert actor.span is not None
        assert text[actor.span.start : actor.span.end] == actor.name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The clinic was raided by Israeli forces.", ["Israeli forces"]),
        ("Al-Shabaab fighters stormed the health post.", ["Al-Shabaab fighters"]),
        ("SAC forces arrested two nurses.", ["SAC forces"]),
        ("The Myanmar military burned the clinic.", ["Myanmar military"]),
        ("The RSF looted the hospital.", ["RSF"]),
        ("The Taliban detained a female doctor.", ["Taliban"]),
        ("Unidentified armed men abducted a nurse.", ["Unidentified armed men"]),
        ("Gunmen shot a vaccinator.", ["Gunmen"]),
        ("JNIM militants seized an ambulance.", ["JNIM militants"]),
        ("Houthi forces shelled the hospital.", ["Houthi forces"]),
        ("A Saudi-led coalition air strike hit the clinic.", ["Saudi-led coalition"]),
        ("Wagner mercenaries occupied the health centre.", ["Wagner mercenaries"]),
        ("Israeli settlers attacked an ambulance.", ["Israeli settlers"]),
        ("A doctor was beaten by a patient's relatives.", ["a patient's relatives"]),
        ("Protesters stormed the vaccination centre.", ["Protesters"]),
        ("Robbers broke into the pharmacy.", ["Robbers"]),
        ("An ambulance came under fire from Russia's forces.", ["Russia"]),
        # a demonym before the arms or the people of an army
        ("The clinic was hit by an Iraqi air-strike.", ["Iraqi"]),
        ("The hospital was struck by Syrian aviation.", ["Syrian"]),
        ("A health post was damaged by Russian armoured vehicles.", ["Russian"]),
        ("The ambulance came under Turkish open fire.", ["Turkish"]),
        ("The polyclinic was looted by the Russian occupiers.", ["Russian occupiers"]),
    ],
)
def test_perpetrators_as_written(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian American Medical Society said three hospitals were hit.",
        "According to the Syrian Observatory for Human Rights, ten people died.",
        "The Syrian medical charity UOSSM runs the clinic.",
        "Millions have fled the Syrian civil war.",
        "The UK and French ambassadors condemned the attack.",
        "Civilians trapped in the east have no hospital left.",
        "The hospital treated wounded protesters.",
        "A military hospital received the wounded.",
    ],
)
def test_organisations_sources_and_victims_are_not_perpetrators(text: str) -> None:
    assert names(text) == []


def test_an_actor_outside_an_attack_is_still_found() -> None:
    # The assembler decides whether an actor took part in an attack on health care.
    assert names("Syrian ground troops have begun making gains.") == ["Syrian ground troops"]


def test_generic_state_forces_wait_for_the_country() -> None:
    (actor,) = find_actors(Context("Soldiers occupied the hospital."))
    assert actor.actor_type is ActorType.STATE_FORCES
    assert actor.normalised == GENERIC_STATE and actor.country_code is None


def test_people_who_are_not_agents_are_not_perpetrators() -> None:
    assert names("A patient died after the attack.") == []
    assert names("The nurse was attacked by a patient.") == ["a patient"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The clinic was hit with Russian bombs.", ActorType.STATE_FORCES),
        ("A convoy drove over Russian landmines.", ActorType.STATE_FORCES),
        ("Medics were hit by Israeli tear gas canisters.", ActorType.STATE_FORCES),
        ("A nurse was killed by government shelling.", ActorType.STATE_FORCES),
        ("A midwife was slapped by a soldier at the gate.", ActorType.STATE_FORCES),
        ("The supplies were held up by the government for a month.", ActorType.STATE_FORCES),
        ("Two men armed with rifles robbed the pharmacist.", ActorType.NON_STATE_GROUP),
        ("A nurse was injured by soldiers at the checkpoint.", ActorType.STATE_FORCES),
    ],
)
def test_more_ways_of_naming_a_perpetrator(text: str, expected: ActorType) -> None:
    actors = find_actors(Context(text))
    assert actors and actors[0].actor_type is expected, text


def test_government_as_a_word_in_a_name_is_no_actor() -> None:
    assert find_actors(Context("Patients at the government hospital waited for hours.")) == []
    assert find_actors(Context("Doctors treated wounded soldiers at the clinic.")) == []


@pytest.mark.parametrize(
    ("text", "normalised", "actor_type"),
    [
        ("Two pharmacists were arrested at the market.", "security forces", ActorType.POLICE),
        ("The records system of the clinic was hit by ransomware.", "criminals",
         ActorType.CRIMINAL),
        ("Nurses at the district hospital went on strike over unpaid wages.",
         "health workers on strike", ActorType.CIVILIAN),
        ("The maternity ward was ordered to evacuate within an hour.", GENERIC_STATE,
         ActorType.STATE_FORCES),
    ],
)
def test_convention_attributes_an_act_when_no_actor_is_named(
    text: str, normalised: str, actor_type: ActorType
) -> None:
    (actor,) = find_actors(Context(text))
    assert (actor.normalised, actor.actor_type, actor.basis) == (normalised, actor_type, "convention")
    assert actor.span is not None and text[actor.span.start : actor.span.end] == actor.span.text


def test_a_named_actor_leaves_no_room_for_a_convention() -> None:
    (actor,) = find_actors(Context("Soldiers arrested two pharmacists at the market."))
    assert actor.name == "Soldiers" and actor.basis == "text"
    (unknown,) = find_actors(Context("Two pharmacists were arrested by unknown men."))
    assert unknown.actor_type is ActorType.UNKNOWN and unknown.basis == "text"


def test_demonym_before_fired_weapons_and_visitors_as_agents() -> None:
    assert names("Two Russian fired cruise missiles struck the clinic.") == ["Russian"]
    assert names("A nurse was insulted by a group of visitors.") == ["a group of visitors"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A midwife was insulted and threatened by her neighbour.", "her neighbour"),
        ("The vaccination post was ransacked by locals after a rumour.", "locals"),
        ("Vandals smashed the windows of the dispensary.", "Vandals"),
        ("Two nurses were beaten by a group of young men.", "a group of young men"),
    ],
)
def test_private_people_as_agents_are_civilians(text: str, expected: str) -> None:
    (actor,) = find_actors(Context(text))
    assert (actor.name, actor.actor_type) == (expected, ActorType.CIVILIAN)


def test_armed_security_forces_are_the_military() -> None:
    # "Armed security forces" is how reports name soldiers policing a town, not the police.
    (actor,) = find_actors(Context("A pharmacist was detained by armed security forces."))
    assert (actor.normalised, actor.actor_type) == (GENERIC_STATE, ActorType.STATE_FORCES)


def test_a_de_facto_governments_police_are_police() -> None:
    (actor,) = find_actors(Context("A surgeon was beaten by an IEA police officer at the gate."))
    assert actor.actor_type is ActorType.POLICE
