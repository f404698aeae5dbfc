"""Tables of the facility registry, its sensitive identities, links and status timeline.

They live on the same :class:`~carewatch.store.tables.Base` as the other tables, so one
``Base.metadata`` describes the whole schema once this module is imported. Migration
``0003_facilities`` creates them; change a table here only together with a new migration.

What is public and what is not is decided by table, not by column:

* ``facilities`` holds what reports and public views may show: the name (the code name,
  where the facility has one), type, area, the area's coordinates, services, operator.
* ``facility_identities`` holds the real name behind a code name and the exact location;
  only an explicit request (``--show-sensitive``, later a role check) reads it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .tables import Base, JSONType, utc_now

PROPOSED = "proposed"  # created from a report's mention; awaits review
CONFIRMED = "confirmed"  # imported from a registry file, or reviewed


class FacilityRow(Base):
    """A health facility as the public may see it."""

    __tablename__ = "facilities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)  # the code name when there is one
    code_name: Mapped[str | None] = mapped_column(Text)
    facility_type: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), index=True)
    place_name: Mapped[str | None] = mapped_column(Text)  # the gazetteer's name of its area
    country_code: Mapped[str | None] = mapped_column(String(3))
    admin1: Mapped[str | None] = mapped_column(Text)
    # The area's coordinates and precision (city, admin1), never the building's.
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    precision: Mapped[str | None] = mapped_column(String(20))
    services: Mapped[list[Any]] = mapped_column(JSONType)  # keys of herams.json "services"
    operator: Mapped[str | None] = mapped_column(Text)
    population_served: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, onupdate=utc_now
    )


class FacilityNameRow(Base):
    """Every public name a facility is known by (name, code name, aliases), for linking.

    ``key`` is the folded form mentions are compared on; the real name is not here.
    """

    __tablename__ = "facility_names"
    __table_args__ = (UniqueConstraint("facility_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(
        ForeignKey("facilities.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "name", "code_name", "alias"


class FacilityIdentityRow(Base):
    """The sensitive side of a facility: its real name and exact location."""

    __tablename__ = "facility_identities"

    facility_id: Mapped[int] = mapped_column(
        ForeignKey("facilities.id", ondelete="CASCADE"), primary_key=True
    )
    real_name: Mapped[str | None] = mapped_column(Text)
    real_name_key: Mapped[str | None] = mapped_column(String(300), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)


class FacilityLinkRow(Base):
    """One facility mention of a stored candidate incident, linked to a registry entry."""

    __tablename__ = "facility_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(
        ForeignKey("facilities.id", ondelete="CASCADE"), index=True
    )
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    mention: Mapped[str] = mapped_column(Text)  # the name as the report writes it
    span_start: Mapped[int | None]
    span_end: Mapped[int | None]
    proposed_here: Mapped[bool]  # this mention created the (proposed) registry entry


class FacilityStatusRow(Base):
    """One dated change of one HeRAMS dimension of a facility, with its evidence.

    ``dimension`` is ``functionality``, ``building_damage``, ``service`` or
    ``infrastructure``; ``item`` names the service or infrastructure (``icu``, ``power``)
    and is empty for the first two. ``value`` is one of the dimension's HeRAMS values.
    """

    __tablename__ = "facility_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(
        ForeignKey("facilities.id", ondelete="CASCADE"), index=True
    )
    dimension: Mapped[str] = mapped_column(String(30))
    item: Mapped[str] = mapped_column(String(50))
    value: Mapped[str] = mapped_column(String(30))
    date: Mapped[dt.date] = mapped_column(index=True)
    date_precision: Mapped[str | None] = mapped_column(String(20))
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    # What the extractor said ("out_of_service" of "icu"), where, and who said it.
    effect: Mapped[str | None] = mapped_column(String(30))
    reported_item: Mapped[str | None] = mapped_column(String(50))
    evidence_start: Mapped[int | None]
    evidence_end: Mapped[int | None]
    evidence_text: Mapped[str | None] = mapped_column(Text)
    source: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
