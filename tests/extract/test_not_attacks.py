"""What is no attack on health care, though it is full of health words: strikes and protests
by health workers, accidents, a hospital that receives the wounded, a facility that only
locates another target, campaigns, and attacks told as the background of a reopening."""

from __future__ import annotations

import datetime as dt

import pytest

import carewatch

PUBLISHED = dt.date(2023, 5, 10)


def health_incidents(text: str) -> list[carewatch.model.CandidateIncident]:
    return carewatch.extract(text, published=PUBLISHED).health_care_incidents


@pytest.mark.parametrize(
    "text",
    [
        # labour action and protests by health workers
        "Midwives at the regional hospital went on strike on Monday over six months of unpaid salaries.",
        "Junior doctors have staged a protest outside the ministry, demanding higher pay.",
        "The nurses' union called a nationwide strike, and clinics across the province closed.",
        "Surgeons walked out on Tuesday, and patients were turned away from the wards.",
        # accidents
        ("Fire broke out in the paediatric ward of the city hospital overnight, killing three "
         "patients. Investigators blamed an electrical fault."),
        "An oxygen cylinder exploded in the operating theatre, injuring two nurses; police said it was an accident.",
        # the hospital receives or treats the victims
        ("A bomb went off at the bus station, killing nine people. The wounded were rushed to "
         "the central hospital, where doctors worked through the night treating the injured."),
        "Dozens of casualties from the shelling of the market were admitted to the district hospital.",
        "Two of the injured later died at the Al-Amal hospital, relatives said.",
        "Medics struggled to cope with the wounded after the mortar attack on the stadium.",
        # a facility that only says where another target was
        "Militants attacked an army checkpoint near the health centre, killing four soldiers.",
        "A drone struck a car parked next to the district hospital, killing two men inside it.",
        # campaigns, reopenings, funding
        "The health authorities began a measles vaccination drive targeting 300,000 children.",
        "The clinic, which was burnt down by militiamen in 2019, reopened its doors on Monday.",
        "A grant of two million dollars will help rebuild maternity wards destroyed during the war.",
        "The agency has allocated $4 million for medical supplies for the affected districts.",
        "Two hospitals in the city are likely to restart services soon after a damage assessment.",
        # care lost with no attacker behind it
        "The district hospital faces a severe shortage of insulin and antibiotics.",
        "The clinic closed its maternity ward because the midwife retired.",
        # a strike report with no violence in it: what the strike affects is the strike's doing
        ("Nurses began a three-day walkout on Monday. Hospitals across the state are expected to be "
         "affected, and routine surgeries were cancelled as a consequence."),
        # more ways of receiving or treating the victims
        "The injured soldiers were shifted to the military hospital in the provincial capital.",
        ("A stall owner died at 03:30 at the hospital after he was stabbed in the market, "
         "relatives said."),
        "Four of the wounded died while doctors fought to save their lives, the director said.",
        "A victim of the blast was wheeled to the emergency room of the Al-Noor Hospital.",
        ("Fighting between two militias near the camp led 900 displaced people to seek refuge in "
         "the district hospital."),
        "A woman wounded in the shelling of the port sought medical help at the city hospital.",
        "Twelve people hurt in the bombing were given first aid in the nearby clinic.",
        "After the blast, a state of emergency was declared in the hospitals of the capital.",
        ("The ambulance service said its crews had collected 14 bodies and 30 wounded from the "
         "market."),
        "Two pupils shot in the school attack were lying critically ill in the regional hospital.",
        ("Clashes burned dozens of houses. A nearby clinic where the wounded sought help has "
         "run out of medicines."),
        "The bombing of the market horrified medical workers in the city, a nurse said.",
        # natural hazards
        "A cyclone tore through the coast, damaging the district hospital and 300 houses.",
        # a count of closed facilities is the state of care, not an attack
        "More than 40 health centres in the province have closed since the start of the year.",
    ],
)
def test_no_attack_on_health_care(text: str) -> None:
    assert health_incidents(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # an attack on a protest of medics, or a strike hit in its turn, is an attack
        "Police fired tear gas and rubber bullets at striking doctors, injuring four of them.",
        "Soldiers beat nurses who were protesting outside the hospital over unpaid salaries.",
        # a fire set by someone is an attack, even where the report also mentions an accident
        ("Gunmen set fire to the clinic on Sunday. A fuel tank exploded in the blaze; officials "
         "first thought it was an accident."),
        # a hospital that received the wounded and was itself shelled
        "The hospital, which had received dozens of wounded from the front, was shelled on Tuesday.",
        # a reopened facility attacked again
        "The health centre, which reopened in March, was looted again by armed men last week.",
        # a facility that is itself the target
        "A car bomb exploded outside the main hospital, damaging its emergency department.",
        # forced closures and stopped ambulances are obstructions
        "Militants forced the relief agency to close twelve clinics in the district.",
        "Soldiers stopped two Red Cross ambulances leaving the hospital for six hours.",
        # people killed where they sheltered in a hospital
        "Gunmen killed 12 displaced people who were sheltering in the health centre.",
        # care lost to a blockade or to fighting is obstructed
        "The hospital faces a severe shortage of insulin because of the blockade of the town.",
        ("Soldiers ordered the clinic to stop treating displaced people. As a result, the clinic closed "
         "on Friday."),
    ],
)
def test_still_an_attack_on_health_care(text: str) -> None:
    assert health_incidents(text)


def test_medics_tending_the_wounded_are_not_counted_among_them() -> None:
    text = ("Shelling hit a crowded market on Friday, wounding 30 people. Paramedics tending the "
            "wounded at the scene said the toll would rise.")
    extraction = carewatch.extract(text, published=PUBLISHED)
    figures = [f for i in extraction.incidents for f in i.casualties]
    assert all(f.victim_group.value != "health_workers" for f in figures)
    assert extraction.health_care_incidents == []
