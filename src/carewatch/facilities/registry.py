"""The facility registry: look facilities up by name in an area, propose new ones, list them.

A facility is known by its public names (``facility_names``: the name, the code name, any
aliases) and, for linking only, by its real name (``facility_identities``). A name looked
up in an area finds an entry with that name whose place is compatible with the area
(:mod:`.area`), proposed or confirmed; a confirmed entry wins over a proposed one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..errors import NotFoundError
from ..model import PlaceValue
from ..resolve.facility_names import facility_name_key
from ..store.tables_facilities import (
    CONFIRMED,
    PROPOSED,
    FacilityIdentityRow,
    FacilityNameRow,
    FacilityRow,
)
from .area import Area

if TYPE_CHECKING:
    from ..store import Database


@dataclass(frozen=True)
class FacilityRecord:
    """A registry entry as the public may see it (no real name, no exact location)."""

    id: int
    name: str
    code_name: str | None
    facility_type: str
    status: str
    place_name: str | None
    country_code: str | None
    latitude: float | None  # the area's coordinates
    longitude: float | None
    services: list[str]
    operator: str | None
    population_served: int | None
    aliases: list[str] = field(default_factory=list)
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class FacilityIdentity:
    """The sensitive side of an entry: its real name and exact location."""

    facility_id: int
    real_name: str | None
    latitude: float | None
    longitude: float | None


@contextmanager
def session_scope(target: Session | Database) -> Iterator[Session]:
    """A session on ``target``: a given Session as it is (its caller commits), or a new
    one on a Database, committed when the block ends without an exception."""
    if isinstance(target, Session):
        yield target
        return
    with Session(target.engine) as session, session.begin():
        yield session


def facility_key(name: str) -> str:
    """The folded form facility names are compared on ("Al-Quds" ~ "al Quds"): the
    merge's key too, so that the registry and the merge agree on what one name is."""
    return facility_name_key(name)


def place_compatible(row: FacilityRow, place: PlaceValue | None) -> bool:
    """Whether a facility may be the one a report mentions at ``place``.

    No place on either side does not rule it out: the name alone decides then.
    """
    if place is None or row.place_name is None and row.latitude is None:
        return True
    if not (place.resolved or place.latitude is not None):
        return True  # the report's place is not resolved: nothing to compare
    return Area.of_place(place).contains(
        row.place_name, row.country_code, row.latitude, row.longitude, row.admin1
    )


def find_facility(
    session: Session, name: str, place: PlaceValue | None = None
) -> FacilityRow | None:
    """The entry called ``name`` (name, code name, alias or real name) at ``place``."""
    key = facility_key(name)
    if not key:
        return None
    by_public = select(FacilityNameRow.facility_id).where(FacilityNameRow.key == key)
    by_real = select(FacilityIdentityRow.facility_id).where(
        FacilityIdentityRow.real_name_key == key
    )
    rows = session.scalars(
        select(FacilityRow)
        .where(or_(FacilityRow.id.in_(by_public), FacilityRow.id.in_(by_real)))
        .order_by(FacilityRow.id)
    ).all()
    matches = [row for row in rows if place_compatible(row, place)]
    if not matches:
        return None
    return min(matches, key=lambda row: (row.status != CONFIRMED, row.id))


def propose_facility(
    session: Session, name: str, facility_type: str, place: PlaceValue | None, *, code_name: bool
) -> FacilityRow:
    """Add a facility a report mentions but the registry lacks, with status "proposed"."""
    row = FacilityRow(
        name=name,
        code_name=name if code_name else None,
        facility_type=facility_type,
        status=PROPOSED,
        services=[],
    )
    set_place(row, place)
    session.add(row)
    session.flush()
    set_names(session, row, [])
    return row


def set_place(row: FacilityRow, place: PlaceValue | None) -> None:
    """Copy the area of ``place`` (never a point: the exact location is sensitive)."""
    row.place_name = (place.resolved or place.name) if place else None
    row.country_code = place.country_code if place else None
    row.admin1 = place.admin1 if place else None
    row.latitude = place.latitude if place else None
    row.longitude = place.longitude if place else None
    row.precision = place.precision.value if place else None


def set_names(session: Session, row: FacilityRow, aliases: Iterable[str]) -> None:
    """Make ``facility_names`` hold exactly the entry's name, code name and aliases."""
    wanted: dict[str, tuple[str, str]] = {}
    for name, kind in [(row.name, "name"), (row.code_name, "code_name")] + [
        (alias, "alias") for alias in aliases
    ]:
        if name and facility_key(name) and facility_key(name) not in wanted:
            wanted[facility_key(name)] = (name, kind)
    existing = {
        r.key: r
        for r in session.scalars(
            select(FacilityNameRow).where(FacilityNameRow.facility_id == row.id)
        )
    }
    for key, stale in existing.items():
        if key not in wanted:
            session.delete(stale)
    for key, (name, kind) in wanted.items():
        if key in existing:
            existing[key].name, existing[key].kind = name, kind
        else:
            session.add(FacilityNameRow(facility_id=row.id, name=name, key=key, kind=kind))
    session.flush()


def facility_record(row: FacilityRow, aliases: list[str]) -> FacilityRecord:
    return FacilityRecord(
        id=row.id,
        name=row.name,
        code_name=row.code_name,
        facility_type=row.facility_type,
        status=row.status,
        place_name=row.place_name,
        country_code=row.country_code,
        latitude=row.latitude,
        longitude=row.longitude,
        services=list(row.services or []),
        operator=row.operator,
        population_served=row.population_served,
        aliases=aliases,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def list_facilities(target: Session | Database, area: Area | None = None) -> list[FacilityRecord]:
    """Registry entries in id order, those in ``area`` only when one is given."""
    with session_scope(target) as session:
        rows = session.scalars(select(FacilityRow).order_by(FacilityRow.id)).all()
        if area is not None:
            rows = [
                r
                for r in rows
                if area.contains(r.place_name, r.country_code, r.latitude, r.longitude, r.admin1)
            ]
        aliases = _aliases(session, [r.id for r in rows])
        return [facility_record(r, aliases.get(r.id, [])) for r in rows]


def get_facility(target: Session | Database, facility_id: int) -> FacilityRecord:
    """One registry entry; NotFoundError if there is none with this id."""
    with session_scope(target) as session:
        row = session.get(FacilityRow, facility_id)
        if row is None:
            raise NotFoundError(f"no facility with id {facility_id}")
        return facility_record(row, _aliases(session, [row.id]).get(row.id, []))


def facility_identities(
    target: Session | Database, facility_ids: Iterable[int]
) -> dict[int, FacilityIdentity]:
    """The sensitive identities of the given entries. Callers decide who may see them."""
    ids = list(facility_ids)
    with session_scope(target) as session:
        rows = session.scalars(
            select(FacilityIdentityRow).where(FacilityIdentityRow.facility_id.in_(ids))
        )
        return {
            r.facility_id: FacilityIdentity(r.facility_id, r.real_name, r.latitude, r.longitude)
            for r in rows
        }


def _aliases(session: Session, facility_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    query = (
        select(FacilityNameRow)
        .where(FacilityNameRow.facility_id.in_(facility_ids), FacilityNameRow.kind == "alias")
        .order_by(FacilityNameRow.id)
    )
    for r in session.scalars(query):
        found.setdefault(r.facility_id, []).append(r.name)
    return found
