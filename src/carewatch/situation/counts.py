"""The registry side of the picture: facilities, what functions and what each offers on
the date (through the status timeline), the population served and the Sphere minimums."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..data_files import load_json
from .picture import SphereCheck, Traced, TypeCount

if TYPE_CHECKING:
    from ..facilities.registry import FacilityRecord
    from ..facilities.status import FacilityState


def functioning(
    facilities: list[FacilityRecord], states: dict[int, FacilityState], facility_type: str | None
) -> list[FacilityRecord]:
    return [
        f
        for f in facilities
        if states[f.id].functioning and (facility_type is None or f.facility_type == facility_type)
    ]


def traced(facilities: list[FacilityRecord], states: dict[int, FacilityState]) -> Traced:
    """A count of facilities with the reported changes their state on the date rests on."""
    changes = [r for f in facilities for r in states[f.id].evidence()]
    return Traced(
        value=len(facilities),
        facility_ids=[f.id for f in facilities],
        incident_ids=sorted({r.incident_id for r in changes if r.incident_id is not None}),
        document_ids=sorted({r.document_id for r in changes if r.document_id is not None}),
        status_change_ids=[r.id for r in changes],
    )


def by_type(facilities: list[FacilityRecord], states: dict[int, FacilityState]) -> list[TypeCount]:
    counts = []
    for facility_type in sorted({f.facility_type for f in facilities}):
        of_type = [f for f in facilities if f.facility_type == facility_type]
        working = functioning(of_type, states, None)
        counts.append(
            TypeCount(
                facility_type,
                Traced(len(of_type), [f.id for f in of_type]),
                traced(working, states),
                traced([f for f in of_type if f not in working], states),
            )
        )
    return counts


def with_service(
    facilities: list[FacilityRecord],
    states: dict[int, FacilityState],
    facility_type: str | None,
    service: str,
) -> Traced:
    """Functioning facilities whose registry lists ``service``, less those reported
    without it on the date."""
    offering = [
        f
        for f in functioning(facilities, states, facility_type)
        if service in f.services and states[f.id].service_available(service)
    ]
    return traced(offering, states)


def registry_population(facilities: list[FacilityRecord]) -> Traced:
    """The registry's population served, summed over the area's facilities that give one
    (the registry is expected to give each catchment once, not per facility type)."""
    giving = [f for f in facilities if f.population_served is not None]
    if not giving:
        return Traced(None)
    return Traced(sum(f.population_served or 0 for f in giving), [f.id for f in giving])


def sphere_checks(
    facilities: list[FacilityRecord], states: dict[int, FacilityState], population: Traced
) -> list[SphereCheck]:
    checks = []
    for key, standard in load_json("sphere.json")["standards"].items():
        working = [
            f
            for f in functioning(facilities, states, None)
            if f.facility_type in standard["facility_types"]
        ]
        per = int(standard["population_per_facility"])
        needed = math.ceil(float(population.value) / per) if population.value else None
        meets = None if needed is None else len(working) >= needed
        checks.append(SphereCheck(key, standard["wording"], per, len(working), needed, meets))
    return checks
