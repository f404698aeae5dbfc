"""Tables for "one incident, many reports": merged incidents, their members, the claim
ledger, and the analysts' merge and split decisions.

A merged incident's full :class:`~carewatch.model.MergedIncident` lives in ``data`` as
``to_jsonable(merged)`` (with its claim ledger); the columns beside it are copies of the
values listings filter and sort on, and ``claims`` copies the ledger for queries such as
"every figure this organisation gave". Merged incidents are derived data: they can be
rebuilt at any time from the candidate incidents and the decisions, which are the only
things here an analyst makes.

Change a table here only together with a new migration in ``migrations/versions``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .tables import Base, JSONType, utc_now


class MergedIncidentRow(Base):
    """One attack as all the reports of it describe it."""

    __tablename__ = "merged_incidents"
    # Every column the dashboard filters, groups and sums on: its totals, timeline and map
    # read this index alone (a covering index), never the rows with their large ``data``.
    __table_args__ = (
        Index("ix_merged_incidents_dashboard", "is_health_care", "date", "country_code",
              "admin1", "incident_type", "perpetrator_types", "certainty", "killed",
              "injured", "latitude", "longitude", "types"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_type: Mapped[str] = mapped_column(String(100))
    # Every type of the incident (a hospital strike that killed patients is an attack on a
    # facility and on patients), ";"-joined with ";" at both ends, for the type filter.
    types: Mapped[str | None] = mapped_column(Text)
    is_health_care: Mapped[bool]
    date: Mapped[dt.date | None] = mapped_column(index=True)
    date_precision: Mapped[str | None] = mapped_column(String(20))
    place_name: Mapped[str | None] = mapped_column(Text)
    country_code: Mapped[str | None] = mapped_column(String(3), index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    certainty: Mapped[str] = mapped_column(String(20))
    certainty_reason: Mapped[str] = mapped_column(Text)
    attribution_contested: Mapped[bool]
    # Dashboard filters and totals over many incidents, without reading ``data``.
    perpetrator_type: Mapped[str | None] = mapped_column(String(40))
    # Every alleged perpetrator's actor type, ";"-joined with ";" at both ends, for the
    # perpetrator filter (which matches any of them, not only the first).
    perpetrator_types: Mapped[str | None] = mapped_column(Text)
    # Conservative figures, summed over victim groups; a figure one report gives for
    # several incidents is summed with the first of them only (see ``shared_figures``).
    killed: Mapped[int | None]
    injured: Mapped[int | None]
    # Each figure's conservative value by field ("killed:patients": 2), the same figures
    # as those sums: enough to put an analyst's corrected figures into the totals without
    # reading ``data``.
    figures: Mapped[dict[str, int] | None] = mapped_column(JSONType)
    data: Mapped[dict[str, Any]] = mapped_column(JSONType)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class IncidentMemberRow(Base):
    """A candidate incident's place in a merged incident (each candidate in at most one)."""

    __tablename__ = "incident_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), unique=True
    )
    merged_id: Mapped[int] = mapped_column(
        ForeignKey("merged_incidents.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str | None] = mapped_column(Text)


class ClaimRow(Base):
    """One source's word on one value of a merged incident (a copy of its ledger)."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    merged_id: Mapped[int] = mapped_column(
        ForeignKey("merged_incidents.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(100), index=True)
    value: Mapped[str] = mapped_column(Text)
    count: Mapped[int | None]  # the value, when it is a number
    count_max: Mapped[int | None]
    qualifier: Mapped[str | None] = mapped_column(Text)
    speaker: Mapped[str] = mapped_column(Text)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    candidate_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    span_start: Mapped[int | None]
    span_end: Mapped[int | None]


class MergeDecisionRow(Base):
    """An analyst's decision: these candidates are one incident ("merge"), or the first
    candidate is not the same incident as the others ("split").

    ``candidates`` holds keys that outlive re-extraction, never row ids: each is
    ``{"sha256", "extractor", "ordinal", "start", "end"}``, the document's hash, the
    extractor that found the candidate, its position in that extraction and the offsets
    of the words that report it.
    """

    __tablename__ = "merge_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    candidates: Mapped[list[Any]] = mapped_column(JSONType)
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    why: Mapped[str | None] = mapped_column(Text)
