"""The database tables, as SQLAlchemy 2 typed declarative classes.

The tables map the domain model (:mod:`carewatch.model`); they do not replace it. An
incident's full candidate lives in ``data`` as ``to_jsonable(candidate)``; the columns
beside it are copies of the few values that listings filter and sort on.

Change a table here only together with a new migration in ``migrations/versions``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# JSONB on PostgreSQL so that later queries can index into it; JSON text elsewhere.
JSONType = JSON().with_variant(JSONB(), "postgresql")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    # Named constraints, so that later migrations (SQLite batch mode above all) can refer
    # to them; the initial migration spells out the same names.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class DocumentRow(Base):
    """A report exactly as received (``raw``) and the text extracted from it."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    text: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(100))
    origin: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None]
    url: Mapped[str | None] = mapped_column(Text)
    source_name: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    extractions: Mapped[list[ExtractionRow]] = relationship(back_populates="document")


class ExtractionRow(Base):
    """What one named extractor found in one document (at most one row per pair)."""

    __tablename__ = "extractions"
    __table_args__ = (UniqueConstraint("document_id", "extractor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    extractor: Mapped[str] = mapped_column(String(200))
    # The build of the extractor's rules that read it (migration 0006); None before.
    extractor_version: Mapped[str | None] = mapped_column(String(100))
    published: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    claims: Mapped[list[Any]] = mapped_column(JSONType)
    situation: Mapped[list[Any]] = mapped_column(JSONType)
    places: Mapped[list[Any]] = mapped_column(JSONType)
    dates: Mapped[list[Any]] = mapped_column(JSONType)

    document: Mapped[DocumentRow] = relationship(back_populates="extractions")
    incidents: Mapped[list[IncidentRow]] = relationship(back_populates="extraction")


class IncidentRow(Base):
    """One candidate incident; ``data`` holds all of it, with every span."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    extraction_id: Mapped[int] = mapped_column(
        ForeignKey("extractions.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int]  # its position in the extraction's list, from 0
    incident_type: Mapped[str] = mapped_column(String(100))
    is_health_care: Mapped[bool]
    date: Mapped[dt.date | None] = mapped_column(index=True)
    date_precision: Mapped[str | None] = mapped_column(String(20))
    place_name: Mapped[str | None] = mapped_column(Text)
    country_code: Mapped[str | None] = mapped_column(String(3))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    killed: Mapped[int | None]
    injured: Mapped[int | None]
    data: Mapped[dict[str, Any]] = mapped_column(JSONType)

    extraction: Mapped[ExtractionRow] = relationship(back_populates="incidents")
