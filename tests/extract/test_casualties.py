"""find_figures: who was killed, injured, kidnapped or arrested, and how many, as a monitor codes it."""

from __future__ import annotations

import pytest

from carewatch.extract.casualties import find_figures
from carewatch.model import Figure, FigureKind, FigureScope, VictimGroup
from carewatch.text import Context

KILLED, INJURED = FigureKind.KILLED, FigureKind.INJURED
KIDNAPPED, ARRESTED = FigureKind.KIDNAPPED, FigureKind.ARRESTED
PATIENTS, HEALTH_WORKERS = VictimGroup.PATIENTS, VictimGroup.HEALTH_WORKERS
CIVILIANS, UNSPECIFIED = VictimGroup.CIVILIANS, VictimGroup.UNSPECIFIED


def figures(text: str) -> list[Figure]:
    found = find_figures(Context(text))
    for figure in found:  # every figure carries its evidence, exactly as written
        assert figure.span is not None
        assert text[figure.span.start : figure.span.end] == figure.span.text
    return found


def coded(text: str) -> list[tuple[FigureKind, int, VictimGroup]]:
    """What a monitor writes down: (kind, count, victim group) per figure, sorted."""
    return sorted((f.kind, f.count, f.victim_group) for f in figures(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two patients died and three staff wounded when the hospital was hit.",
            [(KILLED, 2, PATIENTS), (INJURED, 3, HEALTH_WORKERS)],
        ),
        (
            "The strike hit the clinic, killing two doctors and a nurse.",
            [(KILLED, 1, HEALTH_WORKERS), (KILLED, 2, HEALTH_WORKERS)],
        ),
        (
            "Two nurses were killed and a doctor was wounded at the health centre.",
            [(INJURED, 1, HEALTH_WORKERS), (KILLED, 2, HEALTH_WORKERS)],
        ),
        (
            "One health worker was killed and three others injured in the attack on the clinic.",
            [(INJURED, 3, HEALTH_WORKERS), (KILLED, 1, HEALTH_WORKERS)],
        ),
        (
            "Gunmen kidnapped four vaccinators in the district.",
            [(KIDNAPPED, 4, HEALTH_WORKERS)],
        ),
        (
            "Three health workers were abducted from the clinic on Monday.",
            [(KIDNAPPED, 3, HEALTH_WORKERS)],
        ),
        (
            "Six staff members were arrested at the hospital.",
            [(ARRESTED, 6, HEALTH_WORKERS)],
        ),
        (
            "Twenty-four civilians were killed in the market.",
            [(KILLED, 24, CIVILIANS)],
        ),
        (
            "A dozen patients were wounded when the ward was shelled.",
            [(INJURED, 12, PATIENTS)],
        ),
    ],
)
def test_counts_are_linked_to_what_happened_to_whom(
    text: str, expected: list[tuple[FigureKind, int, VictimGroup]]
) -> None:
    assert coded(text) == sorted(expected)


def test_the_figure_span_is_the_evidence_for_it() -> None:
    text = "Two patients died and three staff wounded when the hospital was hit."
    by_kind = {f.kind: f for f in figures(text)}
    assert by_kind[KILLED].span is not None and by_kind[KILLED].span.text == "Two patients died"
    assert by_kind[INJURED].span is not None and by_kind[INJURED].span.text == "three staff wounded"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A nurse was shot and killed at the clinic gate.", [(KILLED, 1, HEALTH_WORKERS)]),
        ("The nurse was shot dead.", [(KILLED, 1, HEALTH_WORKERS)]),
    ],
)
def test_one_person_is_coded_once_with_the_gravest_outcome(
    text: str, expected: list[tuple[FigureKind, int, VictimGroup]]
) -> None:
    assert coded(text) == expected


def test_beaten_and_arrested_is_both_injured_and_arrested() -> None:
    # Insecurity Insight codes a health worker "beaten and arrested" under both counts;
    # only a death replaces the injury.
    assert sorted(coded("A doctor was beaten and arrested at a checkpoint.")) == sorted(
        [(INJURED, 1, HEALTH_WORKERS), (ARRESTED, 1, HEALTH_WORKERS)]
    )


def test_a_health_worker_among_the_dead_is_a_figure_of_their_own() -> None:
    found = coded("Three people were killed, including one physician.")
    assert (KILLED, 3, UNSPECIFIED) in found
    assert (KILLED, 1, HEALTH_WORKERS) in found


def test_including_between_subject_and_verb_keeps_the_total() -> None:
    found = coded("Five people, including two doctors, were killed when the hospital was shelled.")
    assert (KILLED, 5, UNSPECIFIED) in found
    assert (KILLED, 2, HEALTH_WORKERS) in found


@pytest.mark.parametrize(
    "text",
    [
        "The hospital was attacked by two armed men.",
        "The clinic was stormed by three gunmen.",
    ],
)
def test_perpetrators_are_not_victims(text: str) -> None:
    assert figures(text) == []


def test_perpetrators_before_a_relative_clause_are_not_victims() -> None:
    assert coded("The clinic was stormed by two armed men, who beat a nurse.") == [
        (INJURED, 1, HEALTH_WORKERS)
    ]


def test_armed_men_as_subject_are_not_counted_with_their_victim() -> None:
    assert coded("Two armed men shot a nurse outside the clinic.") == [(INJURED, 1, HEALTH_WORKERS)]


@pytest.mark.parametrize(
    "text",
    [
        "A thirty-eight-year-old paramedic was shot near the ambulance station.",
        "A 38-year-old paramedic was shot near the clinic.",
    ],
)
def test_an_age_is_not_a_count(text: str) -> None:
    assert coded(text) == [(INJURED, 1, HEALTH_WORKERS)]


def test_a_duration_after_a_casualty_word_is_not_a_count() -> None:
    assert coded("A surgeon died of his wounds two days later.") == [(KILLED, 1, HEALTH_WORKERS)]


@pytest.mark.parametrize(
    "text", ["Gunmen killed the nurse.", "Gunmen killed the hospital director."]
)
def test_a_definite_object_is_a_victim(text: str) -> None:
    assert coded(text) == [(KILLED, 1, HEALTH_WORKERS)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Doctors were assaulted in the emergency room.", INJURED),
        ("Nurses were arrested at the hospital gate.", ARRESTED),
    ],
)
def test_a_bare_plural_is_at_least_two(text: str, kind: FigureKind) -> None:
    [figure] = figures(text)
    assert (figure.kind, figure.victim_group) == (kind, HEALTH_WORKERS)
    assert figure.count == 2
    assert figure.qualifier == "at least"


def test_staff_are_health_workers_only_in_a_report_about_health_care() -> None:
    assert coded("Two staff were wounded when gunmen raided the clinic.") == [
        (INJURED, 2, HEALTH_WORKERS)
    ]
    assert all(
        f.victim_group is not HEALTH_WORKERS
        for f in figures("Three staff were wounded when gunmen robbed the bank.")
    )


@pytest.mark.parametrize(
    ("text", "count", "qualifier"),
    [
        ("Hundreds of patients were wounded.", 200, "hundreds of"),
        ("At least six people had died in the strikes.", 6, "at least"),
        ("Almost 500 people have been killed in the assault on the city.", 500, "almost"),
    ],
)
def test_hedged_figures_keep_their_qualifier(text: str, count: int, qualifier: str) -> None:
    [figure] = figures(text)
    assert (figure.count, figure.qualifier) == (count, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "Almost 500 people have been killed in the assault on the city.",
        "Almost 500 people have been killed in the campaign.",
        "Twenty-four people were killed in the offensive since January.",
    ],
)
def test_a_toll_of_the_whole_campaign_is_campaign_scope(text: str) -> None:
    [figure] = figures(text)
    assert figure.kind is KILLED
    assert figure.scope is FigureScope.CAMPAIGN


def test_a_toll_of_one_strike_is_incident_scope() -> None:
    [figure] = figures("At least six people had died in the strikes.")
    assert figure.scope is FigureScope.INCIDENT


def test_people_in_need_of_care_are_not_casualties_of_violence() -> None:
    [figure] = figures("Around 2,000 people are in need of urgent medical attention.")
    assert figure.kind is FigureKind.NEED_CARE
    assert (figure.count, figure.qualifier) == (2000, "around")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("January 2017: Male national nurse killed in a mortar attack.", [(KILLED, 1, HEALTH_WORKERS)]),
        (
            "A pharmacist was struck by a stray bullet outside his shop on Friday and killed.",
            [(KILLED, 1, HEALTH_WORKERS)],
        ),
        ("A paramedic was hit on the head by a tear gas canister fired by riot police.", [(INJURED, 1, HEALTH_WORKERS)]),
        ("The cleaner of a hospital was killed by a sniper.", [(KILLED, 1, HEALTH_WORKERS)]),
    ],
)
def test_headlines_stray_bullets_and_hospital_staff(
    text: str, expected: list[tuple[FigureKind, int, VictimGroup]]
) -> None:
    assert coded(text) == expected


def test_one_of_the_victims_died_later() -> None:
    text = "Gunmen shot two medical staff at the clinic. One of the victims died on the spot."
    assert sorted(coded(text)) == sorted([(INJURED, 2, HEALTH_WORKERS), (KILLED, 1, HEALTH_WORKERS)])


def test_one_of_a_group_named_in_the_sentence_before_keeps_its_group() -> None:
    text = "Three nurses were detained at a checkpoint. One was fatally shot."
    assert sorted(coded(text)) == sorted([(ARRESTED, 3, HEALTH_WORKERS), (KILLED, 1, HEALTH_WORKERS)])


def test_a_list_of_verbs_applies_to_one_subject() -> None:
    text = "A male health worker was attacked, kidnapped and robbed by three men."
    assert sorted(coded(text)) == sorted([(INJURED, 1, HEALTH_WORKERS), (KIDNAPPED, 1, HEALTH_WORKERS)])


@pytest.mark.parametrize(
    "text",
    [
        "An ambulance driver was prevented from reaching an injured protester.",
        "A group of polio workers were attacked by armed men but escaped unharmed.",
    ],
)
def test_no_one_injured(text: str) -> None:
    assert not any(kind is INJURED for kind, _, _ in coded(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A doctor who was visiting a relative for a wedding was shot and killed.",
            [(KILLED, 1, HEALTH_WORKERS)],
        ),
        ("An emergency physician serving as a soldier died in a battle.", [(KILLED, 1, HEALTH_WORKERS)]),
        (
            "A doctor, his wife and their three children were killed in an air strike.",
            [(KILLED, 1, HEALTH_WORKERS), (KILLED, 3, CIVILIANS)],
        ),
    ],
)
def test_relative_clauses_and_families(
    text: str, expected: list[tuple[FigureKind, int, VictimGroup]]
) -> None:
    assert coded(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A state's forces arrest, as Insecurity Insight codes it; others abduct.
        ("A medical student was abducted by the military.", [(ARRESTED, 1, HEALTH_WORKERS)]),
        ("A nurse was abducted by gunmen on the road.", [(KIDNAPPED, 1, HEALTH_WORKERS)]),
    ],
)
def test_who_takes_a_health_worker_decides_arrest_or_abduction(
    text: str, expected: list[tuple[FigureKind, int, VictimGroup]]
) -> None:
    assert coded(text) == expected


def test_killed_after_being_kidnapped_is_both() -> None:
    text = "Two nurses were executed after being kidnapped from a clinic."
    assert sorted(coded(text)) == sorted([(KILLED, 2, HEALTH_WORKERS), (KIDNAPPED, 2, HEALTH_WORKERS)])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A paramedic was detained by soldiers at a checkpoint. He was beaten and threatened.",
            [(INJURED, 1, HEALTH_WORKERS), (ARRESTED, 1, HEALTH_WORKERS)],
        ),
        (
            "A paramedic received a shrapnel injury when the ambulance came under fire.",
            [(INJURED, 1, HEALTH_WORKERS)],
        ),
    ],
)
def test_injuries_told_later_or_as_received(
    text: str, expected: list[tuple[FigureKind, int, VictimGroup]]
) -> None:
    assert coded(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A nurse with the northern mobile clinic team was reportedly killed by gunmen.",
            [(KILLED, 1, HEALTH_WORKERS)],
        ),
        (
            "Three surgeons on their way back from the hospital were beaten by a mob.",
            [(INJURED, 3, HEALTH_WORKERS)],
        ),
    ],
)
def test_auxiliaries_and_a_way_home_do_not_part_subject_and_verb(
    text: str, expected: list[tuple[FigureKind, int, VictimGroup]]
) -> None:
    assert coded(text) == expected


def test_the_death_an_attack_resulted_in_is_a_killing() -> None:
    text = "The shelling of the clinic resulted in the death of three nurses."
    assert coded(text) == [(KILLED, 3, HEALTH_WORKERS)]


def test_the_death_a_mob_blamed_on_staff_is_no_killing() -> None:
    text = "Relatives beat a doctor at the clinic, blaming him for the death of a patient."
    assert coded(text) == [(INJURED, 1, HEALTH_WORKERS)]


def test_a_passive_verb_takes_no_object() -> None:
    text = "Nine porters were killed and four midwives wounded when the clinic was shelled."
    assert coded(text) == [(INJURED, 4, HEALTH_WORKERS)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Soldiers abducted two surgeons from the clinic.", [(ARRESTED, 2, HEALTH_WORKERS)]),
        ("Three nurses were detained by armed militants at the health post.", [(KIDNAPPED, 3, HEALTH_WORKERS)]),
        ("Gunmen detained a midwife near the maternity clinic.", [(KIDNAPPED, 1, HEALTH_WORKERS)]),
        ("Police detained four doctors at the hospital.", [(ARRESTED, 4, HEALTH_WORKERS)]),
    ],
)
def test_who_holds_a_health_worker_decides_arrest_or_abduction(
    text: str, expected: list[tuple[FigureKind, int, VictimGroup]]
) -> None:
    assert coded(text) == expected


def test_those_listed_after_the_verb_share_its_fate_not_the_next_one() -> None:
    text = "Eight people died, including a dentist and his two sons, and several wounded near the clinic."
    assert (KILLED, 1, HEALTH_WORKERS) in coded(text)
    assert all(kind is KILLED for kind, _, _ in coded(text))


def test_an_included_victim_keeps_the_verb_of_the_list_and_of_their_own_clause() -> None:
    text = "Twenty protesters were arrested, including a paramedic who was beaten."
    assert (ARRESTED, 1, HEALTH_WORKERS) in coded(text)
    assert (INJURED, 1, HEALTH_WORKERS) in coded(text)


def test_a_coordinated_victim_with_a_verb_of_their_own_is_not_included() -> None:
    text = "Four people were killed, including two pharmacists, and a nurse was injured at the clinic."
    assert (INJURED, 1, HEALTH_WORKERS) in coded(text)
    assert (KILLED, 2, HEALTH_WORKERS) in coded(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Two midwives were amongst the 30 villagers killed in the raid on the clinic.", KILLED),
        ("Three surgeons were among 50 people arrested after the hospital protest.", ARRESTED),
    ],
)
def test_health_workers_among_a_larger_toll(text: str, kind: FigureKind) -> None:
    assert (kind, 2 if "midwives" in text else 3, HEALTH_WORKERS) in coded(text)


@pytest.mark.parametrize(
    "text",
    [
        "A pharmacist was kidnapped from the clinic and later hanged by the militia.",
        "Unknown men strangled a nurse in her home near the clinic.",
        "A vaccinator was tortured to death by an armed group.",
    ],
)
def test_ways_of_killing(text: str) -> None:
    assert (KILLED, 1, HEALTH_WORKERS) in coded(text)


def test_a_second_noun_after_a_slash_is_the_same_people() -> None:
    text = "Five soldiers/guards were killed in an attack on the hospital."
    assert (KILLED, 2, HEALTH_WORKERS) not in coded(text)
