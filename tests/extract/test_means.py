"""find_means: the means of attack a text names, with spans, and the words it must not read."""

from __future__ import annotations

import pytest

from carewatch.extract.means import find_means, means_categories, primary_means
from carewatch.text import Context


def categories(text: str) -> list[str]:
    return [m.category for m in find_means(Context(text))]


def primary(text: str) -> str | None:
    chosen = primary_means(find_means(Context(text)))
    return chosen.category if chosen else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian warplanes bombed the hospital overnight.", "air_strike"),
        ("An airstrike hit the clinic.", "air_strike"),
        ("Barrel bombs dropped from helicopters hit the M10 hospital.", "air_strike"),
        ("The hospital was hit by ground-penetrating bombs.", "air_strike"),
        ("A drone strike damaged the ambulance.", "drone"),
        ("A cruise missile struck the maternity ward.", "missile"),
        ("The clinic was shelled by artillery.", "shelling_artillery_rockets"),
        ("The upper floor of the hospital was hit by enemy jets.", "air_strike"),
        ("Mortar rounds landed near the health centre.", "shelling_artillery_rockets"),
        ("An RPG hit the ambulance.", "shelling_artillery_rockets"),
        ("A car bomb exploded outside the hospital.", "explosive_device"),
        ("The ambulance struck a landmine on the road.", "explosive_device"),
        ("A hand grenade was thrown into the pharmacy.", "explosive_device"),
        ("A suicide bomber blew himself up at the clinic gate.", "explosive_device"),
        ("Gunmen opened fire on the vaccination team.", "firearms"),
        ("A nurse was shot dead outside her home.", "firearms"),
        ("A sniper killed a paramedic.", "firearms"),
        ("Attackers set fire to the health post.", "arson"),
        ("The clinic was torched by militants.", "arson"),
        ("Napalm was used on the village and its dispensary.", "incendiary"),
        ("White phosphorous shells landed on the hospital.", "white_phosphorus"),
        ("Cluster munitions hit the hospital grounds.", "cluster_munitions"),
        ("A chlorine attack forced the hospital to close.", "chemical"),
        ("Police fired tear gas into the emergency room.", "riot_control"),
        ("A doctor was stabbed with a knife by a visitor.", "cold_weapon"),
        ("A nurse was beaten by relatives of a patient.", "physical_assault"),
        ("The director received threatening phone calls.", "no_direct_violence"),
        ("An ambulance was denied access at the checkpoint.", "no_direct_violence"),
    ],
)
def test_primary_means_of_one_sentence(text: str, expected: str) -> None:
    assert primary(text) == expected


def test_spans_point_at_the_trigger_words() -> None:
    text = "Witnesses said an air strike hit the hospital."
    (found,) = find_means(Context(text))
    assert found.category == "air_strike"
    assert found.span is not None
    assert text[found.span.start : found.span.end] == found.span.text == "air strike"


def test_coordinated_means_are_all_found_in_text_order() -> None:
    text = "The hospital was shelled and then hit by an air strike; snipers fired at medics."
    # "snipers" and "fired at" are two mentions of the same kind of weapon.
    assert categories(text) == ["shelling_artillery_rockets", "air_strike", "firearms", "firearms"]


@pytest.mark.parametrize(
    "text",
    [
        "She sent a screenshot of the message.",
        "The nurse was fired by the hospital director last year.",
        "The ceasefire held for a week.",
        "Patients sheltered in the bomb shelter of the hospital.",
        "Staff took flu shots before winter.",
        "The burns unit treated twelve children.",
        "Nurses went on strike over unpaid wages.",
        "The fire brigade arrived quickly.",
    ],
)
def test_word_senses_that_are_not_means(text: str) -> None:
    assert categories(text) == []


def test_specific_munition_wins_over_the_platform() -> None:
    assert primary("Air strikes with cluster munitions hit the hospital.") == "cluster_munitions"


def test_weak_words_give_way_to_a_stated_weapon_in_the_sentence() -> None:
    # "explosion" alone is an unspecified explosive; beside "missile" it is the missile's.
    assert categories("A missile caused a large explosion at the clinic.") == ["missile"]
    assert categories("An explosion damaged the clinic.") == ["explosive_device"]


def test_convention_armed_abduction_without_stated_weapon_is_firearms() -> None:
    assert primary("A doctor was abducted by armed men near Goma.") == "firearms"
    assert primary("Soldiers occupied the hospital and detained two nurses.") == "firearms"


def test_convention_does_not_override_a_stated_weapon() -> None:
    text = "Soldiers detained a nurse after an air strike hit the clinic."
    assert "firearms" not in categories(text)
    assert primary(text) == "air_strike"


def test_convention_obstruction_and_theft_are_firearms() -> None:
    # The coders record obstruction of care and the taking of supplies as armed coercion.
    assert primary("Health workers were obstructed from reaching the patients.") == "firearms"
    assert primary("Drugs were stolen from the village dispensary.") == "firearms"
    assert primary("Medicines were taken from the clinic store.") == "firearms"


def test_denial_of_access_stays_no_direct_violence() -> None:
    assert primary("The mobile team was denied access to the camp.") == "no_direct_violence"
    assert primary("The government blocked the delivery of vaccines.") == "no_direct_violence"


def test_default_when_no_means_is_stated() -> None:
    # A report of harm that names no means at all gets the coders' default weapon.
    assert primary("Two midwives were wounded last week.") == "firearms"
    # Unless every perpetrator named is a civilian: an attack by a crowd is unarmed.
    assert primary("A paramedic was attacked by a crowd outside the ward.") == "physical_assault"


def test_default_gives_way_to_any_stated_means() -> None:
    assert primary("A nurse was injured when a shell hit the clinic.") == "shelling_artillery_rockets"
    assert primary("A nurse was injured after being threatened.") == "no_direct_violence"
    assert find_means(Context("The clinic opened a new ward.")) == []


def test_no_means_at_all() -> None:
    assert find_means(Context("The hospital reopened on Monday.")) == []
    assert primary_means([]) is None


def test_every_category_has_a_label() -> None:
    labels = means_categories()
    assert "unknown" in labels and "air_strike" in labels
    assert all(labels.values())


def test_a_convention_says_so_beside_its_value() -> None:
    # The analyst must see that no weapon was named: the value is the coders' inference.
    (inferred,) = find_means(Context("Two midwives were wounded last week."))
    assert inferred.basis == "convention" and inferred.span.text == "wounded"
    armed = find_means(Context("Armed men abducted a doctor."))
    assert armed and {m.basis for m in armed} == {"convention"}
    stated = find_means(Context("Gunmen shot a doctor."))
    assert stated and {m.basis for m in stated} == {"text"}


def test_bare_taken_is_no_act_of_violence() -> None:
    # "were taken" alone is coded "no information on the weapon"; "taken from" a place is theft.
    assert find_means(Context("Vaccine stocks were taken last month.")) == []
    assert primary("Two generators were taken from the health post.") == "firearms"


def test_captivity_and_custody_are_armed_coercion() -> None:
    assert primary("A surgeon was held captive for three weeks.") == "firearms"
    (custody,) = find_means(Context("A lab technician has been taken into custody."))
    assert custody.category == "firearms" and custody.basis == "convention"
    assert custody.span is not None and custody.span.text == "taken into custody"


def test_a_threat_of_a_bomb_is_no_bomb() -> None:
    # A bomb or mine threat is a threat (no direct violence), not an explosive device.
    assert primary("The maternity clinic was evacuated after a bomb threat.") == "no_direct_violence"
    assert primary("Four hospitals were threatened with mines in phone calls.") == "no_direct_violence"


def test_explosives_not_found_are_no_means() -> None:
    found = find_means(Context("Police searched the ward. No explosives were found."))
    assert "explosive_device" not in {m.category for m in found}


def test_a_stated_weapon_outside_the_attack_sentence_beats_a_closure() -> None:
    import carewatch

    # The closure is the health-care event; the shooting that caused it is the means.
    text = (
        "A shopkeeper was shot dead by gunmen near the market. "
        "The clinic next to the market suspended its services for a week."
    )
    incidents = carewatch.extract(text).health_care_incidents
    assert incidents and incidents[0].means[0].category == "firearms"


def test_a_denial_of_service_attack_is_no_direct_violence() -> None:
    # "cyber" and "attacks" are apart here, so the attack alone would fall to the default.
    assert primary("Two clinics went offline after cyber denial-of-service attacks.") == (
        "no_direct_violence"
    )
    assert primary("The booking site of the hospital was hit by DDoS attacks.") == (
        "no_direct_violence"
    )


def test_a_weapon_the_text_names_beats_a_convention_sentences_away() -> None:
    text = ("Government forces took the district in March. Families fled to the hills. "
            "Several shops stayed closed. Warplanes dropped bombs on the hospital.")
    chosen = primary_means(find_means(Context(text)))
    assert chosen is not None and (chosen.category, chosen.basis) == ("air_strike", "text")


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers beat two nurses at the clinic.",
        "Police officers assaulted a paramedic at the checkpoint.",
    ],
)
def test_a_beating_by_armed_actors_is_a_physical_assault(text: str) -> None:
    chosen = primary_means(find_means(Context(text)))
    assert chosen is not None and (chosen.category, chosen.basis) == ("physical_assault", "text")


def test_an_obstruction_by_armed_actors_keeps_the_firearms_convention() -> None:
    # no weapon is named: the convention infers the one behind the armed actors' coercion
    chosen = primary_means(find_means(Context("Soldiers stopped the ambulance at a checkpoint.")))
    assert chosen is not None and (chosen.category, chosen.basis) == ("firearms", "convention")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ambulance came under fire from drones.", "drone"),
        ("The convoy came under fire near the clinic.", "firearms"),
        ("Aircraft struck the district at dawn. The blast damaged the clinic.", "air_strike"),
        ("A nurse was beheaded by the attackers.", "cold_weapon"),
        ("Fighters looted the pharmacy and set it blaze.", "arson"),
        ("The clinic was gutted by fire after the raid.", "arson"),
        ("A missile loaded with poison gases hit the town.", "chemical"),
        ("A car bombing outside the hospital killed a guard.", "explosive_device"),
        ("Three clinics were hit by bombs, dropped from helicopters.", "air_strike"),
        ("The hospital was struck by enemy aviation.", "air_strike"),
        ("The ambulance was hit by a rock thrown from a roof.", "physical_assault"),
        ("A midwife was found dead, killed by strangling.", "physical_assault"),
        ("Guards were seen manhandling the nurses.", "physical_assault"),
    ],
)
def test_more_ways_of_naming_a_weapon(text: str, expected: str) -> None:
    assert primary(text) == expected


def test_civil_aviation_is_no_air_strike() -> None:
    assert primary("The civil aviation authority closed the airport clinic.") != "air_strike"


def test_an_arrest_of_the_attacker_implies_no_weapon() -> None:
    text = "A paramedic was slapped by a visitor. The man was later detained."
    assert categories(text) == ["physical_assault"]
