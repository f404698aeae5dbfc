"""``facilities import``: read a registry CSV into the database, idempotently.

Columns (a header row names them; order is free, unknown columns are ignored)::

    name, code_name, aliases, type, place, latitude, longitude, services, operator,
    real_name, population_served

``aliases`` and ``services`` are semicolon-separated; ``services`` are keys of
``data/herams.json`` ("emergency_unit; icu; maternity"). A row needs a name or a code
name, and a ``type`` (a key of ``facility_types`` in ``data/health_terms.json``).

A row updates the entry that its code name, name or an alias finds in its place (a
proposed entry becomes confirmed), else adds one; importing the same file twice changes
nothing. ``real_name`` and the exact ``latitude``/``longitude`` go to the sensitive
``facility_identities`` table; the public entry keeps the coordinates of its ``place``.
A bad row is reported as ``FILE:LINE: problem`` and skipped; the other rows are imported.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ..data_files import load_json
from ..errors import InputError
from ..model import PlacePrecision, PlaceValue
from ..resolve.places import resolve_place
from ..store.tables_facilities import CONFIRMED, FacilityIdentityRow, FacilityRow
from .registry import facility_key, find_facility, session_scope, set_names, set_place
from .status import service_names

if TYPE_CHECKING:
    from ..store import Database

COLUMNS = (
    "name",
    "code_name",
    "aliases",
    "type",
    "place",
    "latitude",
    "longitude",
    "services",
    "operator",
    "real_name",
    "population_served",
)


@dataclass
class ImportSummary:
    """Ids of the entries a file added and updated, and the rows it rejected."""

    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    rejected: list[InputError] = field(default_factory=list)


@dataclass(frozen=True)
class RegistryRow:
    """One checked CSV row."""

    name: str
    code_name: str | None
    aliases: list[str]
    facility_type: str
    place: PlaceValue | None
    latitude: float | None
    longitude: float | None
    services: list[str]
    operator: str | None
    real_name: str | None
    population_served: int | None


def facility_types() -> list[str]:
    terms = load_json("health_terms.json")
    return list(dict.fromkeys([*terms["facility_types"], *terms["transport_types"]]))


def import_facilities(target: Session | Database, path: str | os.PathLike[str]) -> ImportSummary:
    """Import a registry CSV in one transaction; bad rows are skipped and reported."""
    summary = ImportSummary()
    with session_scope(target) as session:
        for origin, parsed in read_registry_csv(path):
            if isinstance(parsed, InputError):
                summary.rejected.append(parsed)
                continue
            row = _find(session, parsed)
            if row is None:
                row = FacilityRow(services=[], status=CONFIRMED)
                session.add(row)
                _update(session, row, parsed)
                summary.created.append(row.id)
            else:
                _update(session, row, parsed)
                if row.id not in summary.created:
                    summary.updated.append(row.id)
    return summary


def read_registry_csv(
    path: str | os.PathLike[str],
) -> Iterator[tuple[str, RegistryRow | InputError]]:
    """Each data row of the file as ``(FILE:LINE, checked row or its problem)``."""
    name = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not UTF-8 text: {exc}") from exc
    with io.StringIO(text, newline="") as stream:
        reader = csv.DictReader(stream)
        header = {(h or "").strip().lower() for h in reader.fieldnames or []}
        missing = {"type"} - header
        if missing or not header & {"name", "code_name"}:
            raise InputError(
                name,
                "not a facility registry: the header needs 'type' and 'name' or 'code_name' "
                f"(columns: {', '.join(COLUMNS)})",
            )
        try:
            for record in reader:
                origin = f"{name}:{reader.line_num}"
                cells = {
                    (k or "").strip().lower(): (v or "").strip()
                    for k, v in record.items()
                    if isinstance(v, str)
                }
                try:
                    yield origin, _check(cells)
                except ValueError as exc:
                    yield origin, InputError(origin, str(exc))
        except csv.Error as exc:
            raise InputError(name, f"not readable as CSV: {exc}") from exc


def _check(cells: dict[str, str]) -> RegistryRow:
    code_name = cells.get("code_name") or None
    name = cells.get("name") or code_name
    if not name:
        raise ValueError("a row needs a name or a code_name")
    facility_type = cells.get("type", "").lower().replace(" ", "_")
    types = facility_types()
    if facility_type not in types:
        raise ValueError(f"unknown type {cells.get('type')!r} (one of: {', '.join(types)})")
    services = [s.strip().lower().replace(" ", "_") for s in cells.get("services", "").split(";")]
    services = list(dict.fromkeys(s for s in services if s))
    unknown = [s for s in services if s not in service_names()]
    if unknown:
        raise ValueError(f"unknown service {unknown[0]!r} (one of: {', '.join(service_names())})")
    latitude = _coordinate(cells.get("latitude"), "latitude", 90)
    longitude = _coordinate(cells.get("longitude"), "longitude", 180)
    if (latitude is None) != (longitude is None):
        raise ValueError("give both latitude and longitude, or neither")
    place_text = cells.get("place") or ""
    place = None
    if place_text:
        place = resolve_place(place_text) or PlaceValue(
            place_text, precision=PlacePrecision.UNKNOWN
        )
    population = cells.get("population_served", "").replace(",", "").replace("_", "")
    if population and not population.isdigit():
        raise ValueError(f"population_served must be a whole number, not {population!r}")
    aliases = [a.strip() for a in cells.get("aliases", "").split(";") if a.strip()]
    return RegistryRow(
        name=name,
        code_name=code_name,
        aliases=aliases,
        facility_type=facility_type,
        place=place,
        latitude=latitude,
        longitude=longitude,
        services=services,
        operator=cells.get("operator") or None,
        real_name=cells.get("real_name") or None,
        population_served=int(population) if population else None,
    )


def _coordinate(text: str | None, what: str, limit: float) -> float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{what} must be a number, not {text!r}") from None
    if not -limit <= value <= limit:
        raise ValueError(f"{what} {value} is out of range (-{limit:g} to {limit:g})")
    return value


def _find(session: Session, parsed: RegistryRow) -> FacilityRow | None:
    for name in (parsed.code_name, parsed.name, *parsed.aliases):
        if name:
            row = find_facility(session, name, parsed.place)
            if row is not None:
                return row
    return None


def _update(session: Session, row: FacilityRow, parsed: RegistryRow) -> None:
    row.name = parsed.name
    row.code_name = parsed.code_name
    row.facility_type = parsed.facility_type
    row.status = CONFIRMED
    set_place(row, parsed.place)
    row.services = parsed.services
    row.operator = parsed.operator
    row.population_served = parsed.population_served
    session.flush()
    set_names(session, row, parsed.aliases)
    identity = session.get(FacilityIdentityRow, row.id)
    if parsed.real_name is None and parsed.latitude is None:
        if identity is not None:
            session.delete(identity)
        return
    if identity is None:
        identity = FacilityIdentityRow(facility_id=row.id)
        session.add(identity)
    identity.real_name = parsed.real_name
    identity.real_name_key = facility_key(parsed.real_name) if parsed.real_name else None
    identity.latitude = parsed.latitude
    identity.longitude = parsed.longitude
    session.flush()
