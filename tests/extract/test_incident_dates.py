"""carewatch.extract.incident_dates: the attack's date, not the dateline's or the speaker's."""

from __future__ import annotations

import datetime as dt

import pytest

import carewatch
from carewatch.extract.incident_dates import dateline_date


def incident_day(text: str, published: str | None) -> dt.date | None:
    [incident] = carewatch.extract(text, published=published).health_care_incidents
    return incident.date.date if incident.date else None


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        # Friday's dateline; the raid was on the Tuesday before.
        (("MOSUL, 7 March 2025 — Gunmen raided the Al-Salam clinic on Tuesday night, "
         "wounding a nurse."), "2025-03-07", dt.date(2025, 3, 4)),
        ("GOMA, 7 March 2025 (Reuters) — Gunmen raided a clinic on Tuesday, wounding a nurse.",
         "2025-03-07", dt.date(2025, 3, 4)),
        # The day the group spoke comes first; the shelling was on Sunday.
        (("The aid group said on Thursday that shells hit its clinic on Sunday, killing a "
         "doctor."), "2025-03-07", dt.date(2025, 3, 2)),
        # With no other date, the dateline's is the incident's.
        ("MOSUL, 7 March 2025 — Gunmen raided the Al-Salam clinic, wounding a nurse.", None,
         dt.date(2025, 3, 7)),
        # Without a publication date, the dateline anchors "on Tuesday".
        ("MOSUL, 7 March 2025 — Gunmen raided a clinic on Tuesday, wounding a nurse.", None,
         dt.date(2025, 3, 4)),
        # Without either, a weekday is no date: the incident has none.
        ("Gunmen raided a clinic in Mosul on Tuesday, wounding a nurse.", None, None),
    ],
)
def test_the_attack_date_wins_over_the_report_and_the_speaker(
    text: str, published: str | None, day: dt.date
) -> None:
    assert incident_day(text, published) == day


def test_a_date_before_a_dash_later_in_the_report_is_no_dateline() -> None:
    text = (
        "Residents of the eastern districts of Kharkiv counted the damage on Friday. "
        "Shelling on 3 March - days after the truce of 1 March - destroyed a clinic there."
    )
    assert incident_day(text, "2025-03-07") == dt.date(2025, 3, 3)


@pytest.mark.parametrize(
    ("opening", "day"),
    [
        ("MOSUL, Iraq, 7 March 2025 — Gunmen", dt.date(2025, 3, 7)),
        ("GOMA, Democratic Republic of the Congo, March 7, 2025 (Reuters) - Gunmen",
         dt.date(2025, 3, 7)),
        ("KYIV, Sept. 3, 2022 -- Shells", dt.date(2022, 9, 3)),
        ("Statement on the strikes\n\nKyiv, 21 October 2024\n\nThe cluster", dt.date(2024, 10, 21)),
        ("Headline of the report\n21 October 2024\nBody", dt.date(2024, 10, 21)),
        ("A nurse was shot on 3 May 2020.\nShe survived.", None),  # a date in a sentence
        ("March 2025: Gunmen raided a clinic", None),  # a coded row's month, no dateline
        ("The clinic, 3 May 2020 - a place of refuge - was shelled", None),
    ],
)
def test_dateline_date(opening: str, day: dt.date | None) -> None:
    assert dateline_date(opening) == day


def test_the_dateline_is_the_extractions_publication_date_when_none_is_given() -> None:
    text = "MOSUL, 7 March 2025 — Gunmen raided a clinic on Tuesday, wounding a nurse."
    assert carewatch.extract(text).published == dt.date(2025, 3, 7)
    given = dt.date(2025, 3, 9)
    assert carewatch.extract(text, published=given).published == given


def test_a_crawled_pages_date_is_its_dateline_not_the_attacks() -> None:
    text = (" date 2023-11-04 The Red Crescent condemned the shelling of its clinic in the camp "
            "on Friday, which it says wounded two paramedics.")
    extraction = carewatch.extract(text)
    assert extraction.published == dt.date(2023, 11, 4)
    [incident] = extraction.health_care_incidents
    assert incident.date is not None and incident.date.date == dt.date(2023, 11, 3)


def test_a_dateline_of_two_cities() -> None:
    text = ("Staff killed at a hospital\n\n"
            "AMSTERDAM/NEW YORK, April 28, 2014 – Gunmen killed two nurses at the district hospital "
            "on Saturday, the charity said.")
    [incident] = carewatch.extract(text).health_care_incidents
    assert incident.date is not None and incident.date.date == dt.date(2014, 4, 26)


def test_the_day_a_source_spoke_bounds_an_undated_attack() -> None:
    text = ("The charity said on Tuesday that three of its doctors were killed in a strike on the "
            "Al-Rahma hospital.")
    [incident] = carewatch.extract(text, published=dt.date(2023, 11, 23)).health_care_incidents
    assert incident.date is not None and incident.date.date == dt.date(2023, 11, 21)


def test_another_attack_without_a_date_of_its_own_is_of_the_same_day() -> None:
    text = ("A missile struck the Al-Amal hospital on Friday, killing two nurses. Another clinic "
            "was hit a kilometre away, the ministry said.")
    incidents = carewatch.extract(text, published=dt.date(2023, 11, 5)).health_care_incidents
    assert len(incidents) == 2
    assert {i.date.date for i in incidents if i.date} == {dt.date(2023, 11, 3)}


def test_a_date_of_someones_life_is_not_the_attacks() -> None:
    text = ("A nurse, born in 1977, who joined the hospital in March 2015, died after jets struck "
            "the Al-Shifa hospital on January 29, 2020.")
    [incident] = carewatch.extract(text).health_care_incidents
    assert incident.date is not None and incident.date.date == dt.date(2020, 1, 29)


def test_an_abbreviated_month_with_no_space_before_its_day() -> None:
    text = "Sept.28, Aleppo: Two hospitals were hit by air strikes, killing six people."
    [first, *_] = carewatch.extract(text, published=dt.date(2016, 9, 28)).health_care_incidents
    assert first.date is not None and first.date.date == dt.date(2016, 9, 28)


def test_a_later_death_does_not_date_the_attack() -> None:
    text = ("An anaesthetist of the Al-Amal hospital died on February 1, 2020 of wounds he "
            "sustained on January 29, 2020, when jets struck the hospital.")
    [incident] = carewatch.extract(text).health_care_incidents
    assert incident.date is not None and incident.date.date == dt.date(2020, 1, 29)
