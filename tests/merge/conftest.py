"""Helpers for the merge tests: candidates made by running the real extractor.

Every report in these tests was written for them, in the style of news reports; none is
copied from the shared data folder. Names of people in them are invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

import carewatch
from carewatch.model import Candidate

Reporter = Callable[..., list[Candidate]]


def report(
    text: str, published: str, document_id: int, publisher: str | None = None
) -> list[Candidate]:
    """The health-care candidates the extractor finds in ``text``, numbered
    ``document_id * 100 + i`` so that every test can name them."""
    extraction = carewatch.extract(text, published=dt.date.fromisoformat(published))
    return [
        Candidate(candidate_id=document_id * 100 + i, document_id=document_id, incident=incident,
                  published=extraction.published, publisher=publisher)
        for i, incident in enumerate(extraction.health_care_incidents)
    ]


@pytest.fixture
def reporter() -> Reporter:
    return report


# -- the reports ----------------------------------------------------------------------------

# Two outlets on the same air strike on the two code-named hospitals of eastern Aleppo.
SAMS_M10_M2 = (
    "ALEPPO, Syria - Air strikes hit two hospitals in eastern Aleppo on Wednesday, "
    "28 September 2016, putting both out of service. The hospitals are code-named M10 and M2. "
    '"Two patients died in the bombing," said Dr Karim Haddad, a doctor with the Syrian '
    "American Medical Society, which supports both hospitals."
)
SOHR_M10_M2 = (
    "The Syrian Observatory for Human Rights said three patients were killed when Russian "
    "air strikes hit two hospitals in Aleppo on 28 September. The hospitals are code-named "
    "M10 and M2."
)
# Another hospital hit the same day, and M10 again a month later.
M1_SAME_DAY = (
    "Air strikes hit the hospital code-named M1 in Aleppo on 28 September, wounding two "
    "staff, according to the Aleppo Health Directorate."
)
M10_MONTH_LATER = (
    "An air strike hit the hospital code-named M10 in Aleppo on 28 October, killing a nurse, "
    "according to the Syrian Observatory for Human Rights."
)
# An unnamed Idlib hospital: "last week" in one report, the exact day in another.
IDLIB_LAST_WEEK = (
    "Shelling struck a hospital in Idlib last week, wounding four patients, according to a "
    "local doctor."
)
IDLIB_ON_THE_DAY = (
    "Shelling hit a hospital in Idlib on 8 March 2017, injuring five patients, according to "
    "the Idlib Health Directorate."
)
# Who shelled the Omar hospital? Two sources disagree.
OMAR_RUSSIAN = (
    "Russian jets bombed the Omar Hospital in Aleppo on 3 May 2016, killing three doctors, "
    "Amnesty International said."
)
OMAR_NUSRA = (
    "Fighters of the Nusra Front shelled the Omar Hospital in Aleppo on 3 May 2016, killing "
    "four doctors, the Syrian Observatory for Human Rights said."
)
OMAR_DIRECTOR = (
    "Dr Samir Nasser, the director of the Omar Hospital, said shells hit the hospital in "
    "Aleppo on 3 May 2016, killing three doctors."
)
# A report that names nobody.
TAIZ_UNATTRIBUTED = "A hospital in Taiz was shelled on 2 June 2018, killing two patients."
