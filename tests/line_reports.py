"""A small extractor for tests of storing and merging, so that they do not depend on the rules.

It reads one-line notes written for the tests, ``M10 2016-09-28 killed 2``: an air strike
on that hospital in Aleppo that day, with that many patients killed. Test modules
subclass it with their own registered name.
"""

from __future__ import annotations

import datetime as dt

from carewatch.model import (
    CandidateIncident,
    DatePrecision,
    DateValue,
    Extraction,
    FacilityMention,
    Figure,
    FigureKind,
    IncidentType,
    PlacePrecision,
    PlaceValue,
    Span,
    VictimGroup,
)


class OneAttackPerLine:
    name = "test.line_reports"
    version: str | None = None  # the build of the reading, as an extraction records it

    def extract(self, text: str, published: dt.date | None = None) -> Extraction:
        incidents = []
        offset = 0
        for line in text.splitlines(keepends=True):
            words = line.split()
            if len(words) == 4 and self.reads(words[0]):
                incidents.append(self.incident(line, offset, words))
            offset += len(line)
        return Extraction(extractor=self.name, published=published, incidents=incidents,
                          extractor_version=self.version)

    def reads(self, hospital: str) -> bool:
        """Whether a line about ``hospital`` is read at all."""
        return True

    def killed(self, written: int) -> int:
        """The patients killed a line that says ``written`` is read as."""
        return written

    def incident(self, line: str, offset: int, words: list[str]) -> CandidateIncident:
        hospital, day, _, killed = words
        start = offset + line.index(hospital)
        return CandidateIncident(
            IncidentType.FACILITY_ATTACK,
            facilities=[
                FacilityMention(
                    "hospital",
                    hospital,
                    is_code_name=True,
                    span=Span(start, start + len(hospital), hospital),
                )
            ],
            date=DateValue(dt.date.fromisoformat(day), DatePrecision.DAY),
            place=PlaceValue("Aleppo", "Aleppo", "Syria", "SYR", precision=PlacePrecision.CITY),
            casualties=[Figure(FigureKind.KILLED, self.killed(int(killed)), VictimGroup.PATIENTS)],
            span=Span(offset, offset + len(line.rstrip()), line.rstrip()),
        )
