"""Victims' roles and fates kept apart: who was killed, injured, taken or gone missing,
and how many of each, in the many ways English says it. Each sentence is ours; the
expected totals are what a monitor writes down, by fate and victim group ("campaign:"
marks a running total, which is not the attack's own toll)."""

from __future__ import annotations

from collections import Counter

import pytest

from carewatch.extract.casualties import find_figures
from carewatch.model import FigureScope
from carewatch.text import Context


def totals(text: str) -> dict[str, int]:
    counted: Counter[str] = Counter()
    for figure in find_figures(Context(text)):
        key = f"{figure.kind.value}:{figure.victim_group.value}"
        counted[key if figure.scope is FigureScope.INCIDENT else f"{figure.scope.value}:{key}"] += (
            figure.count
        )
    return dict(counted)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three medical staff were injured.", {"injured:health_workers": 3}),
        (
            "Two doctors and a nurse were killed and four paramedics wounded.",
            {"killed:health_workers": 3, "injured:health_workers": 4},
        ),
        (
            "Five people were killed, among them two nurses, and six were hurt.",
            {"killed:unspecified": 5, "killed:health_workers": 2, "injured:unspecified": 6},
        ),
        (
            "Seven civilians were wounded, including a midwife.",
            {"injured:civilians": 7, "injured:health_workers": 1},
        ),
        (
            "Four surgeons were abducted, of whom one was later found dead.",
            {"kidnapped:health_workers": 4, "killed:health_workers": 1},
        ),
        ("Two paramedics were shot and wounded at the checkpoint.", {"injured:health_workers": 2}),
        (
            "Soldiers shot and wounded a pharmacist outside the clinic.",
            {"injured:health_workers": 1},
        ),
        (
            "A nurse was wounded in the shelling; she died later in the day.",
            {"injured:health_workers": 1, "killed:health_workers": 1},
        ),
        (
            "The blast left two ambulance drivers dead and three nurses injured.",
            {"killed:health_workers": 2, "injured:health_workers": 3},
        ),
        ("The explosion claimed the lives of three vaccinators.", {"killed:health_workers": 3}),
        (
            "Two community health workers lost their lives in the raid.",
            {"killed:health_workers": 2},
        ),
        ("A lab technician succumbed to his injuries on Friday.", {"killed:health_workers": 1}),
        (
            "Four nurses sustained injuries when the ward was shelled.",
            {"injured:health_workers": 4},
        ),
        (
            "Three midwives were hurt when a shell struck the maternity unit.",
            {"injured:health_workers": 3},
        ),
        ("Six ambulance crew members were wounded by shrapnel.", {"injured:health_workers": 6}),
        ("A surgeon was hit by shrapnel while operating.", {"injured:health_workers": 1}),
        ("Two vaccinators were beaten by a crowd in the village.", {"injured:health_workers": 2}),
        ("A Red Crescent volunteer was stabbed at the checkpoint.", {"injured:health_workers": 1}),
        ("Gunmen abducted two nurses from the clinic.", {"kidnapped:health_workers": 2}),
        (
            "Three health workers were taken hostage by an armed group.",
            {"kidnapped:health_workers": 3},
        ),
        (
            "A doctor was held for ransom by a criminal gang for a week.",
            {"kidnapped:health_workers": 1},
        ),
        ("Two paramedics were seized by militants near the camp.", {"kidnapped:health_workers": 2}),
        ("A pharmacist was taken captive by armed men.", {"kidnapped:health_workers": 1}),
        (
            "So far this year 150 health workers have been injured in attacks.",
            {"campaign:injured:health_workers": 150},
        ),
        (
            "In total, 40 doctors have been detained since January.",
            {"campaign:arrested:health_workers": 40},
        ),
        ("Two doctors were killed or injured in the strike.", {}),
        (
            "The attack killed a nurse and wounded two doctors.",
            {"killed:health_workers": 1, "injured:health_workers": 2},
        ),
        (
            "Gunmen killed one doctor and kidnapped two others.",
            {"killed:health_workers": 1, "kidnapped:health_workers": 2},
        ),
        (
            "A community health worker was abducted and later released.",
            {"kidnapped:health_workers": 1},
        ),
        ("The attackers beat a first aider and a medical student.", {"injured:health_workers": 2}),
        ("A CHW was assaulted by a crowd.", {"injured:health_workers": 1}),
        ("Three nurses were injured, one of them seriously.", {"injured:health_workers": 3}),
        (
            "Two surgeons were wounded; one of them died later in hospital.",
            {"injured:health_workers": 2, "killed:health_workers": 1},
        ),
        ("A paramedic was shot in the leg.", {"injured:health_workers": 1}),
        ("A nurse was shot dead.", {"killed:health_workers": 1}),
        ("A midwife was tortured in detention.", {"injured:health_workers": 1}),
        (
            "Militants abducted a doctor, a nurse and a driver of the clinic.",
            {"kidnapped:health_workers": 3},
        ),
        (
            "Four patients and two nurses were injured when the hospital was shelled.",
            {"injured:patients": 4, "injured:health_workers": 2},
        ),
        (
            "The strike killed 12 people, including three health workers.",
            {"killed:unspecified": 12, "killed:health_workers": 3},
        ),
        (
            "Gunmen shot dead a nurse, injured another and kidnapped a third.",
            {
                "killed:health_workers": 1,
                "injured:health_workers": 1,
                "kidnapped:health_workers": 1,
            },
        ),
        (
            "A shell hit the ward, wounding three nurses and killing a patient.",
            {"injured:health_workers": 3, "killed:patients": 1},
        ),
        (
            "Three doctors were hurt and one patient died when the clinic was shelled.",
            {"injured:health_workers": 3, "killed:patients": 1},
        ),
        (
            "The strike left a surgeon dead and four patients wounded.",
            {"killed:health_workers": 1, "injured:patients": 4},
        ),
        (
            "Militants killed two vaccinators and abducted their driver.",
            {"killed:health_workers": 2, "kidnapped:health_workers": 1},
        ),
        (
            "A midwife was beaten and a nurse was abducted by gunmen at the health post.",
            {"injured:health_workers": 1, "kidnapped:health_workers": 1},
        ),
        (
            "Two nurses were abducted and a third was shot in the arm.",
            {"kidnapped:health_workers": 2, "injured:health_workers": 1},
        ),
        (
            "Gunmen opened fire on the ambulance, wounding the driver and a paramedic.",
            {"injured:health_workers": 2},
        ),
        (
            "Five clinic staff members sustained injuries and two were taken hostage.",
            {"injured:health_workers": 5, "kidnapped:health_workers": 2},
        ),
        (
            "A pharmacist lost his life and two of his colleagues were injured.",
            {"killed:health_workers": 1, "injured:health_workers": 2},
        ),
        (
            "The attack claimed the lives of two midwives and left three patients injured.",
            {"killed:health_workers": 2, "injured:patients": 3},
        ),
        (
            "Four health workers were wounded, two of them critically.",
            {"injured:health_workers": 4},
        ),
        (
            "Six nurses were injured; two of them later succumbed to their wounds.",
            {"injured:health_workers": 6, "killed:health_workers": 2},
        ),
        (
            "A doctor was stabbed in the corridor and later died of his wounds.",
            {"killed:health_workers": 1},
        ),
        (
            "Two surgeons were taken captive; one was freed a week later.",
            {"kidnapped:health_workers": 2},
        ),
        (
            "Gunmen kidnapped a nurse, who was later found dead near the road.",
            {"kidnapped:health_workers": 1, "killed:health_workers": 1},
        ),
        (
            "A lab technician was hit by shrapnel and a patient was killed.",
            {"injured:health_workers": 1, "killed:patients": 1},
        ),
        (
            "Soldiers detained two doctors and beat a nurse at the checkpoint.",
            {"arrested:health_workers": 2, "injured:health_workers": 1},
        ),
        (
            "Two community health workers were seized by armed men on their way to the village.",
            {"kidnapped:health_workers": 2},
        ),
        (
            "The ambulance driver and a first aider were shot and wounded.",
            {"injured:health_workers": 2},
        ),
        (
            "A Red Crescent volunteer was killed and three others were hurt.",
            {"killed:health_workers": 1, "injured:health_workers": 3},
        ),
        ("Bandits held two nurses for ransom for ten days.", {"kidnapped:health_workers": 2}),
        (
            "A nurse was tortured in custody and a doctor was released unharmed.",
            {"injured:health_workers": 1},
        ),
        (
            "Three vaccinators were ill-treated by the police at the checkpoint.",
            {"injured:health_workers": 3},
        ),
        (
            "The medical director was assaulted by relatives of a patient.",
            {"injured:health_workers": 1},
        ),
        (
            "Two medical students were injured when tear gas canisters hit them.",
            {"injured:health_workers": 2},
        ),
        (
            "A surgeon and an anaesthetist were killed, and a nurse was wounded by shrapnel.",
            {"killed:health_workers": 2, "injured:health_workers": 1},
        ),
        ("Four paramedics were injured or killed in the strike.", {}),
        (
            "Ten people were injured in the blast, among them a nurse.",
            {"injured:unspecified": 10, "injured:health_workers": 1},
        ),
        (
            "Three health workers were abducted; two of them were released the next day.",
            {"kidnapped:health_workers": 3},
        ),
        (
            "The explosion killed nine people, including two doctors, and injured 14 others.",
            {"killed:unspecified": 9, "killed:health_workers": 2, "injured:unspecified": 14},
        ),
        (
            "A doctor who was abducted last month was found dead on Sunday.",
            {"kidnapped:health_workers": 1, "killed:health_workers": 1},
        ),
        (
            "Two paramedics were hit by sniper fire while collecting the wounded.",
            {"injured:health_workers": 2},
        ),
        ("The raid left two ambulance crew members injured.", {"injured:health_workers": 2}),
        ("A CHW was roughed up by soldiers at a roadblock.", {"injured:health_workers": 1}),
        (
            "Three nurses went missing after the attack; a fourth was abducted.",
            {"missing:health_workers": 3, "kidnapped:health_workers": 1},
        ),
        (
            "The attackers beat two doctors and took a nurse hostage.",
            {"injured:health_workers": 2, "kidnapped:health_workers": 1},
        ),
    ],
)
def test_each_fate_is_counted_for_its_own_victims(text: str, expected: dict[str, int]) -> None:
    assert totals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two nurses were among the wounded.", {"injured:health_workers": 2}),
        ("Two nurses were among those injured in the blast.", {"injured:health_workers": 2}),
        ("Among the injured were three paramedics.", {"injured:health_workers": 3}),
        ("The wounded included two doctors and a nurse.", {"injured:health_workers": 3}),
        ("The injured included four medical staff.", {"injured:health_workers": 4}),
        (
            "Three paramedics received treatment for injuries after the attack.",
            {"injured:health_workers": 3},
        ),
        (
            "A nurse suffered from tear gas inhalation during the raid on the hospital.",
            {"injured:health_workers": 1},
        ),
        (
            "A doctor was left with serious injuries after the assault.",
            {"injured:health_workers": 1},
        ),
        ("A paramedic was left injured after the attack.", {"injured:health_workers": 1}),
        (
            "Four nurses were treated for their injuries after the hospital was shelled.",
            {"injured:health_workers": 4},
        ),
        (
            "Two health workers were slightly injured when a shell landed near the clinic.",
            {"injured:health_workers": 2},
        ),
        ("Two doctors were badly hurt when the clinic was shelled.", {"injured:health_workers": 2}),
        (
            "The nurse and two patients were wounded.",
            {"injured:health_workers": 1, "injured:patients": 2},
        ),
        (
            "Three medical workers got injured during the clashes near the hospital.",
            {"injured:health_workers": 3},
        ),
        ("Shrapnel injured two nurses inside the ward.", {"injured:health_workers": 2}),
        ("A midwife sustained a gunshot wound to the leg.", {"injured:health_workers": 1}),
        ("A nurse was shot and injured by a sniper.", {"injured:health_workers": 1}),
        (
            "Two doctors were attacked and injured by relatives of a patient.",
            {"injured:health_workers": 2},
        ),
        ("A doctor was injured in the head by a rubber bullet.", {"injured:health_workers": 1}),
        ("Two nurses were seriously injured and hospitalised.", {"injured:health_workers": 2}),
        ("Several medics were injured.", {"injured:health_workers": 3}),
        (
            "Dozens of health workers were injured in the protest near the hospital.",
            {"injured:health_workers": 24},
        ),
        (
            "Three vaccinators were assaulted and their vaccines destroyed.",
            {"injured:health_workers": 3},
        ),
        ("Staff at the hospital were beaten by soldiers.", {"injured:health_workers": 2}),
        ("Four hospital staff were injured.", {"injured:health_workers": 4}),
        ("The clinic's doctor was wounded by a stray bullet.", {"injured:health_workers": 1}),
        ("One of the paramedics was wounded by shrapnel.", {"injured:health_workers": 1}),
        (
            "A health worker was injured while responding to the blast.",
            {"injured:health_workers": 1},
        ),
        (
            "Two doctors were abducted by gunmen and one was later released.",
            {"kidnapped:health_workers": 2},
        ),
        (
            "Armed men abducted a nurse and her driver on the road to the clinic.",
            {"kidnapped:health_workers": 2},
        ),
        (
            "A doctor was kidnapped from his home by unknown assailants.",
            {"kidnapped:health_workers": 1},
        ),
        ("The kidnappers released the doctor after a ransom was paid.", {}),
        (
            "Gunmen stormed the health post and took away two nurses.",
            {"kidnapped:health_workers": 2},
        ),
        (
            "Two vaccinators were abducted while returning from a campaign.",
            {"kidnapped:health_workers": 2},
        ),
        ("A nurse was abducted, raped and released the next day.", {"kidnapped:health_workers": 1}),
        (
            "Two health workers were taken by armed men to an unknown location.",
            {"kidnapped:health_workers": 2},
        ),
        ("An MSF doctor was kidnapped at gunpoint.", {"kidnapped:health_workers": 1}),
        (
            "Rebels abducted eight health workers, among them three nurses.",
            {"kidnapped:health_workers": 8},
        ),
        (
            "Gunmen abducted villagers and two nurses from the health post.",
            {"kidnapped:health_workers": 2},
        ),
        (
            "The attackers took three vaccinators to an unknown location.",
            {"kidnapped:health_workers": 3},
        ),
        (
            "A doctor, a midwife and driver were abducted near the clinic.",
            {"kidnapped:health_workers": 3},
        ),
        (
            "A surgeon was abducted from his home along with his driver.",
            {"kidnapped:health_workers": 2},
        ),
        (
            "A nurse was killed along with two of her patients.",
            {"killed:health_workers": 1, "killed:patients": 2},
        ),
        ("A Ministry of Health vaccination officer was shot dead.", {"killed:health_workers": 1}),
        ("Two HCWs were injured when the clinic was shelled.", {"injured:health_workers": 2}),
        ("Two health-care workers remain in captivity.", {"kidnapped:health_workers": 2}),
        ("Gunmen stormed the clinic, but no one was harmed.", {}),
    ],
)
def test_shares_of_a_crowd_companions_and_lists_are_read(
    text: str, expected: dict[str, int]
) -> None:
    """ "among the wounded", "along with his driver", "a doctor, a midwife and driver",
    "abducted villagers and two nurses", "took them to an unknown location"."""
    assert totals(text) == expected


def test_taken_either_way_is_taken_once() -> None:
    text = "Two nurses were abducted or detained by gunmen on the road to the clinic."
    assert totals(text) == {"kidnapped:health_workers": 2}


def test_one_of_a_group_after_another_nouns_of_is_no_subject() -> None:
    assert totals("Relatives broke the arm of one of the nurses and were later arrested.") == {}
    assert totals("A team of four nurses was attacked and beaten at the clinic.") == {
        "injured:health_workers": 4
    }
