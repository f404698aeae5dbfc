"""What each role may see of an area's situation picture (:mod:`carewatch.situation`).

Partners see the numbers and what reports say, without the reports' words or who said
them; analysts and admins also see each fact's quoted evidence and source, and the
records every number was computed from. The public sees no situation picture: the state
of named facilities in a besieged area is what an attacker would want.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..accounts import Role, User
from ..situation import ReportedFact, SituationPicture, Traced
from .access import view_level


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Number(_Out):
    value: int | float | None
    minimum: int | None = None
    maximum: int | None = None


class NumberFull(Number):
    facility_ids: list[int]
    incident_ids: list[int]
    document_ids: list[int]


class Fact(_Out):
    kind: str
    reported: int | None
    qualifier: str | None
    subject: str | None
    service: str | None
    items: list[str]
    reported_on: dt.date | None
    computed: int | float | None
    disagrees: bool | None


class FactFull(Fact):
    document_id: int
    evidence: str | None
    source: dict[str, Any] | None


class SituationPartner(_Out):
    area: str
    area_resolved: str
    area_rule: str
    on: dt.date
    facilities: Number
    functioning_hospitals: Number
    with_emergency_unit: Number
    population_served: Number
    people_per_functioning_hospital: float | None
    attacks: dict[int, Number]
    killed: dict[int, Number]
    injured: dict[int, Number]
    facilities_lost: Number
    supply_shortages: list[Fact]
    reported: list[Fact]
    counting: str


class SituationFull(SituationPartner):
    facilities: NumberFull  # type: ignore[assignment]
    functioning_hospitals: NumberFull  # type: ignore[assignment]
    attacks: dict[int, NumberFull]  # type: ignore[assignment]
    supply_shortages: list[FactFull]  # type: ignore[assignment]
    reported: list[FactFull]  # type: ignore[assignment]


def situation_view(user: User, picture: SituationPicture) -> SituationPartner | None:
    """The picture as ``user`` may see it; None for the public."""
    level = view_level(user)
    if level is Role.PUBLIC:
        return None
    full = level is not Role.PARTNER

    def number(traced: Traced) -> Number:
        fields: dict[str, Any] = {"value": traced.value, "minimum": traced.minimum,
                                  "maximum": traced.maximum}
        if not full:
            return Number(**fields)
        return NumberFull(**fields, facility_ids=traced.facility_ids,
                          incident_ids=traced.incident_ids, document_ids=traced.document_ids)

    def fact(reported: ReportedFact) -> Fact:
        fields: dict[str, Any] = {
            "kind": reported.kind, "reported": reported.reported,
            "qualifier": reported.qualifier, "subject": reported.subject,
            "service": reported.service, "items": list(reported.items),
            "reported_on": reported.reported_on,
            "computed": reported.computed.value if reported.computed else None,
            "disagrees": reported.disagrees,
        }
        if not full:
            return Fact(**fields)
        return FactFull(**fields, document_id=reported.document_id,
                        evidence=reported.evidence.text if reported.evidence else None,
                        source=reported.source)

    model: Any = SituationFull if full else SituationPartner
    return model(
        area=picture.area, area_resolved=picture.area_resolved, area_rule=picture.area_rule,
        on=picture.on, facilities=number(picture.facilities),
        functioning_hospitals=number(picture.functioning_hospitals),
        with_emergency_unit=number(picture.with_emergency_unit),
        population_served=number(picture.population_served),
        people_per_functioning_hospital=picture.people_per_functioning_hospital,
        attacks={d: number(t) for d, t in picture.attacks.items()},
        killed={d: number(t) for d, t in picture.killed.items()},
        injured={d: number(t) for d, t in picture.injured.items()},
        facilities_lost=number(picture.facilities_lost),
        supply_shortages=[fact(f) for f in picture.supply_shortages],
        reported=[fact(f) for f in picture.reported],
        counting=picture.counting,
    )
