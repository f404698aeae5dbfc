"""Every mention of one attack is one incident; another attack, or a count of attacks over a
war, is not a mention of it."""

from __future__ import annotations

import datetime as dt

import carewatch

PUBLISHED = dt.date(2024, 3, 13)  # a Wednesday


def incidents(text: str) -> list[carewatch.model.CandidateIncident]:
    return carewatch.extract(text, published=PUBLISHED).health_care_incidents


def test_a_sentence_pointing_back_to_the_attack_stays_with_it() -> None:
    text = ("Gunmen stormed the district hospital in Kaga Bandoro on Monday and abducted two "
            "nurses, the health ministry said.\n\n"
            "Residents said the town had been quiet for weeks.\n\n"
            "The mayor, speaking from the capital on Tuesday, said the kidnapping was the work of "
            "a local militia and that the nurses were taken to the bush.")
    assert len(incidents(text)) == 1


def test_a_lead_without_a_date_is_dated_by_the_next_sentence() -> None:
    text = ("Three aid workers are still missing after an air strike on a hospital in the north.\n\n"
            "Monday's strike hit the hospital's surgical ward while 40 patients were inside, "
            "the charity said.")
    [incident] = incidents(text)
    assert incident.date is not None and incident.date.date == dt.date(2024, 3, 11)


def test_another_attack_is_another_incident() -> None:
    text = ("Shelling hit the Al-Amal hospital in the town on Tuesday, wounding a nurse. "
            "Another health facility in the same town was also attacked, he added.")
    assert len(incidents(text)) == 2


def test_a_count_of_attacks_over_the_war_is_no_incident() -> None:
    text = ("Medical staff have been repeatedly targeted since the conflict began in 2019.\n\n"
            "The group has recorded 212 attacks on health care since January, and July was the "
            "worst month for attacks on hospitals since the start of the war.")
    assert incidents(text) == []


def test_a_section_heading_is_no_incident() -> None:
    text = ("Attacks on Health Care\n\n"
            "12 February 2024: In a village of the district, a nurse was abducted by gunmen. "
            "Source: Local Radio\n\n"
            "14 February 2024: In the provincial capital, a clinic was looted by soldiers. "
            "Source: Local Radio")
    assert len(incidents(text)) == 2


def test_a_generic_plural_is_no_attack() -> None:
    text = ("Attacks on hospitals and health workers in armed conflicts remain uninvestigated "
            "and unpunished, the group said in a report published on Wednesday.")
    assert incidents(text) == []


def test_another_hospital_the_wounded_were_taken_to_is_no_other_attack() -> None:
    text = ("Jets struck the Al-Hikma hospital in the valley on Monday night. Four nurses were "
            "wounded but could not be taken to another hospital until dawn.")
    assert len(incidents(text)) == 1


def test_a_heading_may_end_with_its_sources_in_brackets() -> None:
    text = ("Country - Missile strike hits hospital (Relief Office, media)\n"
            "On 8 July, a missile hit the Al-Zahra children's hospital in the capital, killing two "
            "nurses.")
    assert len(incidents(text)) == 1


def test_each_dated_item_of_a_brief_is_its_own_incident() -> None:
    text = ("The section follows the definition of attacks on health care used by the coalition. "
            "Country 05 July 2023: In a village of the north, a nurse was injured by gunmen. "
            "Source: Local Radio 07 July 2023: In the provincial capital, two doctors were "
            "abducted. Source: Daily Paper\n\n"
            "Around 09 July 2023: In the district town, a clinic was looted by soldiers.")
    found = carewatch.extract(text).health_care_incidents
    assert [i.date.date.day for i in found if i.date] == [5, 7, 9]


def test_a_title_case_brief_title_is_no_attack() -> None:
    text = "World + 9 more Attacks on Health Care Bi-Monthly News Brief: 1 - 14 May 2023"
    assert incidents(text) == []


def test_a_second_strike_on_the_same_building_is_the_same_attack() -> None:
    text = ("Jets hit the Al-Nada hospital on Sunday, killing two nurses. A spokesman, Omar "
            "Fadel, said a second strike hit the same building twenty minutes later as "
            "ambulance crews arrived.")
    assert len(incidents(text)) == 1
