"""Attacks on health care worded in ways the first lexicon missed: volunteers, assaults
without a weapon, and a facility put to military use in the active voice; attempts, and
verbs with words before their preposition. A strike *by* health workers is no attack on
them, nor is what it closes."""

from __future__ import annotations

import pytest

import carewatch


def detected(text: str) -> bool:
    return bool(carewatch.extract(text).health_care_incidents)


@pytest.mark.parametrize(
    "text",
    [
        "Two volunteers were abducted by gunmen on the road north of the town.",
        "A volunteer team was beaten by a crowd while handing out soap.",
        "A paramedic was sprayed with pepper spray by riot police.",
        "A nurse was mugged of her phone outside her shift office.",
        "A midwife had acid thrown over her on the way home.",
        "Soldiers used the district hospital as an outpost for three weeks.",
        "The militia turned the village clinic into a base.",
        # an attempt is an attack even when it fails
        "Masked men attempted to assassinate a surgeon as he left the night shift.",
        "A pharmacist escaped an assassination attempt in the market.",
        # words between the verb and its preposition
        "Rebels fired two mortar rounds into the maternity ward.",
        "The army fired artillery shells onto the hills, impacting a health post.",
        "The dispensary was stripped of its medicines by retreating troops.",
        # several words naming who bombed
        "Three clinics stopped work due to repeated government and allied bombings.",
        # a specialist named by the organ or field of care is a doctor
        "A trauma specialist was shot dead on his way home.",
        "Gunmen abducted the town's only kidney specialist.",
        "The dispensary was stuck by rebel shells.",
        "A bomb was found at the gate of the maternity clinic and defused.",
        "Patients were unable to leave the health centre during the clashes.",
        "The offices of the Red Crescent were damaged by shelling.",
        # care prevented: the hospital is what was kept from them, not where they were taken
        "A wounded man could not be taken to hospital because soldiers blocked the road.",
        "Injured protesters were prevented from being admitted to the city hospital by police.",
    ],
)
def test_detected(text: str) -> None:
    assert detected(text)


@pytest.mark.parametrize(
    "text",
    [
        "Volunteers for the Defence of the Homeland clashed with militants near the border.",
        "Teachers went on strike over unpaid wages.",
        "Nurses at the district hospital went on strike over unpaid wages.",
        "Patients were turned away as doctors took strike action for a second week.",
        "The wounded were taken to hospital after the market was shelled.",
        "A security specialist was shot dead on his way home.",
        "Staff checked the clinic after an anonymous call, but no explosives were found.",
        "Police fired warning shots into the air to disperse the crowd outside the ministry.",
    ],
)
def test_not_detected(text: str) -> None:
    assert not detected(text)
