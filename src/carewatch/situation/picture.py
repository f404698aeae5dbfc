"""The situation picture's records: each number with the records it was computed from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..model import Span, to_jsonable

WINDOWS = (7, 30)  # days before the date for attacks and casualties


@dataclass(frozen=True)
class Traced:
    """A number and the records it was computed from."""

    value: int | float | None
    facility_ids: list[int] = field(default_factory=list)
    incident_ids: list[int] = field(default_factory=list)  # merged incidents (candidate
    # incidents for a facility's status change, which records the report's own incident)
    document_ids: list[int] = field(default_factory=list)
    status_change_ids: list[int] = field(default_factory=list)
    candidate_ids: list[int] = field(default_factory=list)  # the merged incidents' members
    # A casualty count's range: the sums of the lowest and of the highest figures sources
    # give (``value`` is the conservative sum). None for a count that is not a range.
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class TypeCount:
    facility_type: str
    total: Traced
    functioning: Traced
    not_functioning: Traced


@dataclass(frozen=True)
class SphereCheck:
    """Functioning facilities of a kind against the Sphere minimum for the population."""

    standard: str
    wording: str
    population_per_facility: int
    functioning: int
    needed: int | None  # None when the registry gives no population
    meets: bool | None


@dataclass(frozen=True)
class ReportedFact:
    """A situation fact a report gives, and the registry's figure for the same thing."""

    kind: str
    reported: int | None
    qualifier: str | None
    subject: str | None
    service: str | None
    items: list[str]
    reported_on: dt.date | None
    document_id: int
    evidence: Span | None
    source: dict[str, Any] | None
    computed: Traced | None = None
    disagrees: bool | None = None  # None when there is nothing to compare


@dataclass
class SituationPicture:
    area: str
    area_resolved: str
    area_rule: str
    on: dt.date
    facilities: Traced
    by_type: list[TypeCount]
    functioning_hospitals: Traced
    with_emergency_unit: Traced
    population_served: Traced
    people_per_functioning_hospital: float | None
    sphere: list[SphereCheck]
    sphere_citation: str
    attacks: dict[int, Traced]  # window in days -> count
    killed: dict[int, Traced]
    injured: dict[int, Traced]
    facilities_lost: Traced
    supply_shortages: list[ReportedFact]
    reported: list[ReportedFact]
    counting: str = "merged incidents (an attack told by several reports counts once)"

    def to_dict(self) -> dict[str, Any]:
        return dict(to_jsonable(self))
