"""Merged incidents: one incident, many reports.

Revision ID: 0002_merged_incidents
Revises: 0001
Create Date: 2025-01-02

Adds ``merged_incidents`` (the derived incidents), ``incident_members`` (which candidate
belongs to which), ``claims`` (a copy of each merged incident's claim ledger) and
``merge_decisions`` (the analysts' merges and splits, keyed so that they survive
re-extraction). Databases from before this revision get their merged incidents from
``carewatch.store.merging.rebuild``; the migration only makes the tables.

Written out in full rather than built from ``tables_merge.py``: a migration must keep
doing what it did when it was written, whatever the tables module later says.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002_merged_incidents"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "merged_incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_type", sa.String(100), nullable=False),
        sa.Column("is_health_care", sa.Boolean(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(20), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("country_code", sa.String(3), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("certainty", sa.String(20), nullable=False),
        sa.Column("certainty_reason", sa.Text(), nullable=False),
        sa.Column("attribution_contested", sa.Boolean(), nullable=False),
        sa.Column("data", JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_merged_incidents"),
    )
    op.create_index("ix_merged_incidents_date", "merged_incidents", ["date"])
    op.create_table(
        "incident_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("merged_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        _fk("incident_members", "candidate_id", "incidents"),
        _fk("incident_members", "merged_id", "merged_incidents"),
        sa.PrimaryKeyConstraint("id", name="pk_incident_members"),
        sa.UniqueConstraint("candidate_id", name="uq_incident_members_candidate_id"),
    )
    op.create_index("ix_incident_members_merged_id", "incident_members", ["merged_id"])
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("merged_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("count_max", sa.Integer(), nullable=True),
        sa.Column("qualifier", sa.Text(), nullable=True),
        sa.Column("speaker", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        _fk("claims", "merged_id", "merged_incidents"),
        _fk("claims", "document_id", "documents"),
        _fk("claims", "candidate_id", "incidents"),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
    )
    op.create_index("ix_claims_merged_id", "claims", ["merged_id"])
    op.create_index("ix_claims_field", "claims", ["field"])
    op.create_index("ix_claims_document_id", "claims", ["document_id"])
    op.create_table(
        "merge_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("candidates", JSON, nullable=False),
        sa.Column("decided_by", sa.String(200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("why", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_merge_decisions"),
    )


def downgrade() -> None:
    op.drop_table("merge_decisions")
    op.drop_table("claims")
    op.drop_table("incident_members")
    op.drop_table("merged_incidents")
