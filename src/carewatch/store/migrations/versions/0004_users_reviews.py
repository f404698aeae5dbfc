"""Users, API tokens, the review history of incidents, and dashboard columns.

Revision ID: 0004_users_reviews
Revises: 0003_facilities
Create Date: 2026-11-25

Written out in full rather than built from ``tables_users.py``: a migration must keep
doing what it did when it was written, whatever the tables module later says.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004_users_reviews"
down_revision: str | Sequence[str] | None = "0003_facilities"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    _dashboard_columns()
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_api_tokens_user_id_users", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("token_sha256", name="uq_api_tokens_token_sha256"),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("merged_id", sa.Integer(), nullable=False),
        sa.Column("candidates", JSON, nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("field", sa.String(100), nullable=True),
        sa.Column("value", JSON, nullable=True),
        sa.Column("previous", JSON, nullable=True),
        sa.Column("decided_by", sa.String(200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("why", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
    )
    op.create_index("ix_reviews_merged_id", "reviews", ["merged_id"])


def _dashboard_columns() -> None:
    with op.batch_alter_table("merged_incidents") as batch:
        batch.add_column(sa.Column("admin1", sa.Text(), nullable=True))
        batch.add_column(sa.Column("perpetrator_type", sa.String(40), nullable=True))
        batch.add_column(sa.Column("killed", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("injured", sa.Integer(), nullable=True))
    op.create_index("ix_merged_incidents_country_code", "merged_incidents", ["country_code"])
    # Fill the new columns of incidents merged before this revision from their ``data``.
    merged = sa.table(
        "merged_incidents", sa.column("id", sa.Integer()), sa.column("data", JSON),
        sa.column("admin1", sa.Text()), sa.column("perpetrator_type", sa.String(40)),
        sa.column("killed", sa.Integer()), sa.column("injured", sa.Integer()),
    )
    connection = op.get_bind()
    for row_id, data in connection.execute(sa.select(merged.c.id, merged.c.data)).all():
        connection.execute(
            merged.update().where(merged.c.id == row_id).values(**_backfill(data or {}))
        )


def _backfill(data: dict) -> dict:
    actors = data.get("perpetrators") or []
    known = [a for a in actors if a.get("actor_type") != "unknown"] or actors
    totals = {}
    for kind in ("killed", "injured"):
        figures = [f["conservative"] for f in data.get("figures") or []
                   if f["field"].split(":")[0] == kind]
        totals[kind] = sum(figures) if figures else None
    return {
        "admin1": (data.get("place") or {}).get("admin1"),
        "perpetrator_type": known[0].get("actor_type") if known else None,
        **totals,
    }


def downgrade() -> None:
    # Not in batch mode: on SQLite that copies and drops the table, and dropping it would
    # cascade to its members. SQLite drops a column in place since 3.35.
    op.drop_index("ix_merged_incidents_country_code", table_name="merged_incidents")
    for column in ("injured", "killed", "perpetrator_type", "admin1"):
        op.drop_column("merged_incidents", column)
    op.drop_index("ix_reviews_merged_id", table_name="reviews")
    op.drop_table("reviews")
    op.drop_index("ix_api_tokens_user_id", table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_table("users")
