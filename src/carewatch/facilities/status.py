"""The status timeline of a facility in HeRAMS' categories, and its state on a date.

``data/herams.json`` holds the categories and the mapping from the rule extractor's
impacts ("out_of_service" of "icu") to status changes ("service" "icu" "not_available").
A facility's state on a date is, per dimension (and service or infrastructure item), the
latest change on or before that date; changes on the same date count in the order they
were recorded. With no change reported, a dimension is at its baseline (fully functioning,
no damage, available): the registry records what a facility normally provides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..data_files import load_json
from ..errors import DataFileError
from ..model import Span
from ..store.tables_facilities import FacilityStatusRow
from .registry import session_scope

if TYPE_CHECKING:
    from ..store import Database

FUNCTIONALITY = "functionality"
BUILDING_DAMAGE = "building_damage"
SERVICE = "service"
INFRASTRUCTURE = "infrastructure"
NOT_FUNCTIONING = "not_functioning"
NOT_AVAILABLE = "not_available"


@dataclass(frozen=True)
class StatusChange:
    """What one impact says about one dimension: ``service`` ``icu`` is ``not_available``."""

    dimension: str
    item: str  # the service or infrastructure; "" for functionality and building damage
    value: str


@dataclass(frozen=True)
class StatusRecord:
    """A stored, dated status change with the report behind it."""

    id: int
    facility_id: int
    dimension: str
    item: str
    value: str
    date: dt.date
    date_precision: str | None
    incident_id: int | None
    document_id: int | None
    effect: str | None
    reported_item: str | None
    evidence: Span | None
    source: dict[str, Any] | None

    @property
    def key(self) -> tuple[str, str]:
        return (self.dimension, self.item)


@cache
def herams() -> dict[str, Any]:
    """``data/herams.json``, checked once: every value a rule gives is a category's value."""
    data: dict[str, Any] = load_json("herams.json")
    dims = data["dimensions"]
    given = [
        (change["dimension"], change["value"])
        for rules in data["impact_rules"].values()
        for changes in rules.values()
        for change in changes
    ]
    given += [(SERVICE, v) for v in data["service_effects"].values()]
    given += [(INFRASTRUCTURE, v) for v in data["infrastructure_effects"].values()]
    for dimension, value in given:
        if dimension not in dims or value not in dims[dimension]["values"]:
            raise DataFileError(f"herams.json: {value!r} is not a value of {dimension!r}")
    return data


def service_names() -> dict[str, str]:
    """Service keys (``icu``) and their labels, as the registry's ``services`` use them."""
    return dict(herams()["services"])


def status_changes_for(effect: str, item: str) -> list[StatusChange]:
    """The status changes an impact (``effect`` of ``item``) makes; [] if it maps to none."""
    data = herams()
    rules = data["impact_rules"].get(item)
    if rules is not None:
        return [StatusChange(c["dimension"], "", c["value"]) for c in rules.get(effect, [])]
    if item in data["services"] and effect in data["service_effects"]:
        return [StatusChange(SERVICE, item, data["service_effects"][effect])]
    infrastructure = data["infrastructure_items"].get(item)
    if infrastructure is not None and effect in data["infrastructure_effects"]:
        return [
            StatusChange(INFRASTRUCTURE, infrastructure, data["infrastructure_effects"][effect])
        ]
    return []


def status_record(row: FacilityStatusRow) -> StatusRecord:
    evidence = None
    if row.evidence_start is not None and row.evidence_end is not None:
        evidence = Span(row.evidence_start, row.evidence_end, row.evidence_text or "")
    return StatusRecord(
        id=row.id,
        facility_id=row.facility_id,
        dimension=row.dimension,
        item=row.item,
        value=row.value,
        date=row.date,
        date_precision=row.date_precision,
        incident_id=row.incident_id,
        document_id=row.document_id,
        effect=row.effect,
        reported_item=row.reported_item,
        evidence=evidence,
        source=row.source,
    )


def timeline(target: Session | Database, facility_id: int) -> list[StatusRecord]:
    """Every status change of a facility, oldest first."""
    with session_scope(target) as session:
        rows = session.scalars(
            select(FacilityStatusRow)
            .where(FacilityStatusRow.facility_id == facility_id)
            .order_by(FacilityStatusRow.date, FacilityStatusRow.id)
        )
        return [status_record(r) for r in rows]


@dataclass
class FacilityState:
    """A facility's state on a date: the latest change per dimension and item."""

    facility_id: int
    on: dt.date
    latest: dict[tuple[str, str], StatusRecord] = field(default_factory=dict)

    def value(self, dimension: str, item: str = "") -> str | None:
        record = self.latest.get((dimension, item))
        return record.value if record else None

    @property
    def functionality(self) -> str:
        """Reported functionality; a fully damaged building counts as not functioning."""
        reported = self.value(FUNCTIONALITY)
        if reported is not None:
            return reported
        if self.value(BUILDING_DAMAGE) == "full":
            return NOT_FUNCTIONING
        return str(herams()["dimensions"][FUNCTIONALITY]["baseline"])

    @property
    def functioning(self) -> bool:
        return self.functionality != NOT_FUNCTIONING

    def service_available(self, service: str) -> bool:
        """Not reported "not available" (a service the registry lists, checked by callers)."""
        return self.value(SERVICE, service) != NOT_AVAILABLE

    def evidence(self) -> list[StatusRecord]:
        """The changes this state rests on, oldest first."""
        return sorted(self.latest.values(), key=lambda r: (r.date, r.id))


def states_on(
    target: Session | Database, facility_ids: Iterable[int], on: dt.date
) -> dict[int, FacilityState]:
    """Each facility's state on ``on`` (every id gets a state, at baseline if unreported)."""
    ids = list(facility_ids)
    states = {fid: FacilityState(fid, on) for fid in ids}
    with session_scope(target) as session:
        rows = session.scalars(
            select(FacilityStatusRow)
            .where(FacilityStatusRow.facility_id.in_(ids), FacilityStatusRow.date <= on)
            .order_by(FacilityStatusRow.date, FacilityStatusRow.id)
        )
        for row in rows:
            record = status_record(row)
            states[row.facility_id].latest[record.key] = record  # later rows win
    return states
