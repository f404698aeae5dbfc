"""Facility registry: facilities, their names, sensitive identities, links, status timeline.

Revision ID: 0003_facilities
Revises: 0002_merged_incidents
Create Date: 2025-01-03

Written out in full rather than built from ``tables_facilities.py``: a migration must keep
doing what it did when it was written, whatever the tables module later says.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003_facilities"
down_revision: str | Sequence[str] | None = "0002_merged_incidents"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _facility_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["facility_id"],
        ["facilities.id"],
        name=f"fk_{table}_facility_id_facilities",
        ondelete="CASCADE",
    )


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "facilities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("code_name", sa.Text(), nullable=True),
        sa.Column("facility_type", sa.String(100), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("country_code", sa.String(3), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("precision", sa.String(20), nullable=True),
        sa.Column("services", JSON, nullable=False),
        sa.Column("operator", sa.Text(), nullable=True),
        sa.Column("population_served", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_facilities"),
    )
    op.create_index("ix_facilities_status", "facilities", ["status"])

    op.create_table(
        "facility_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        _facility_fk("facility_names"),
        sa.PrimaryKeyConstraint("id", name="pk_facility_names"),
        sa.UniqueConstraint("facility_id", "key", name="uq_facility_names_facility_id_key"),
    )
    op.create_index("ix_facility_names_facility_id", "facility_names", ["facility_id"])
    op.create_index("ix_facility_names_key", "facility_names", ["key"])

    op.create_table(
        "facility_identities",
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("real_name", sa.Text(), nullable=True),
        sa.Column("real_name_key", sa.String(300), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        _facility_fk("facility_identities"),
        sa.PrimaryKeyConstraint("facility_id", name="pk_facility_identities"),
    )
    op.create_index(
        "ix_facility_identities_real_name_key", "facility_identities", ["real_name_key"]
    )

    op.create_table(
        "facility_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("mention", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("proposed_here", sa.Boolean(), nullable=False),
        _facility_fk("facility_links"),
        _fk("facility_links", "incident_id", "incidents"),
        _fk("facility_links", "document_id", "documents"),
        sa.PrimaryKeyConstraint("id", name="pk_facility_links"),
    )
    for column in ("facility_id", "incident_id", "document_id"):
        op.create_index(f"ix_facility_links_{column}", "facility_links", [column])

    op.create_table(
        "facility_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(30), nullable=False),
        sa.Column("item", sa.String(50), nullable=False),
        sa.Column("value", sa.String(30), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("date_precision", sa.String(20), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("effect", sa.String(30), nullable=True),
        sa.Column("reported_item", sa.String(50), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=True),
        sa.Column("evidence_end", sa.Integer(), nullable=True),
        sa.Column("evidence_text", sa.Text(), nullable=True),
        sa.Column("source", JSON, nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        _facility_fk("facility_status_changes"),
        _fk("facility_status_changes", "incident_id", "incidents"),
        _fk("facility_status_changes", "document_id", "documents"),
        sa.PrimaryKeyConstraint("id", name="pk_facility_status_changes"),
    )
    for column in ("facility_id", "date", "incident_id", "document_id"):
        op.create_index(f"ix_facility_status_changes_{column}", "facility_status_changes", [column])


def downgrade() -> None:
    op.drop_table("facility_status_changes")
    op.drop_table("facility_links")
    op.drop_table("facility_identities")
    op.drop_table("facility_names")
    op.drop_table("facilities")
