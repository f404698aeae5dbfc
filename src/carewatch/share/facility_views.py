"""What each role may see of the facility registry and of status changes.

Partners see a facility by its public name (the code name when it has one), its type,
area, services and status over time, without the words of the reports; analysts and
admins also see its real name, exact coordinates and each change's quoted evidence and
source. The public sees no facility (WHO's surveillance system publishes none).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..accounts import Role, User
from ..facilities.registry import FacilityIdentity, FacilityRecord
from ..facilities.status import FacilityState, StatusRecord
from .access import view_level
from .places import PARTNER_DECIMALS


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StatusChangePartner(_Out):
    id: int
    facility_id: int
    dimension: str
    item: str
    value: str
    date: dt.date
    date_precision: str | None


class StatusChangeFull(StatusChangePartner):
    incident_id: int | None  # the report's candidate incident
    document_id: int | None
    evidence: str | None
    evidence_start: int | None
    evidence_end: int | None
    source: dict[str, Any] | None


class FacilityPartner(_Out):
    id: int
    name: str
    code_name: str | None
    facility_type: str
    status: str
    place: str | None
    country_code: str | None
    latitude: float | None
    longitude: float | None
    services: list[str]
    functionality: str | None
    services_lost: list[str]


class FacilityFull(FacilityPartner):
    real_name: str | None
    exact_latitude: float | None
    exact_longitude: float | None
    aliases: list[str]
    operator: str | None
    population_served: int | None


def facility_view(user: User, record: FacilityRecord, state: FacilityState | None,
                  identity: FacilityIdentity | None) -> FacilityPartner | None:
    """The facility as ``user`` may see it; None for the public."""
    level = view_level(user)
    if level is Role.PUBLIC:
        return None
    fields: dict[str, Any] = {
        "id": record.id, "name": record.name, "code_name": record.code_name,
        "facility_type": record.facility_type, "status": record.status,
        "place": record.place_name, "country_code": record.country_code,
        "latitude": _round(record.latitude), "longitude": _round(record.longitude),
        "services": list(record.services),
        "functionality": state.functionality if state else None,
        "services_lost": [s for s in record.services
                          if state is not None and not state.service_available(s)],
    }
    if level is Role.PARTNER:
        return FacilityPartner(**fields)
    return FacilityFull(
        **fields | {"latitude": record.latitude, "longitude": record.longitude},
        real_name=identity.real_name if identity else None,
        exact_latitude=identity.latitude if identity else None,
        exact_longitude=identity.longitude if identity else None,
        aliases=list(record.aliases), operator=record.operator,
        population_served=record.population_served,
    )


def status_change_view(user: User, change: StatusRecord) -> StatusChangePartner | None:
    level = view_level(user)
    if level is Role.PUBLIC:
        return None
    fields: dict[str, Any] = {
        "id": change.id, "facility_id": change.facility_id, "dimension": change.dimension,
        "item": change.item, "value": change.value, "date": change.date,
        "date_precision": change.date_precision,
    }
    if level is Role.PARTNER:
        return StatusChangePartner(**fields)
    evidence = change.evidence
    return StatusChangeFull(
        **fields, incident_id=change.incident_id, document_id=change.document_id,
        evidence=evidence.text if evidence else None,
        evidence_start=evidence.start if evidence else None,
        evidence_end=evidence.end if evidence else None, source=change.source,
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, PARTNER_DECIMALS)
