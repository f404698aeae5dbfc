"""The dashboard over many incidents: a covering index, each incident's figures by field
and all its types, and each incident's review status.

Revision ID: 0005_dashboard_speed
Revises: 0004_users_reviews
Create Date: 2026-11-25

With 100,000 incidents, summing and grouping by scanning ``merged_incidents`` reads every
row's large ``data``; an index holding every column the dashboard uses is read instead.
``figures`` copies each figure's conservative value by field from ``data``, so that an
analyst's corrected figures go into the totals without reading ``data`` either; ``types``
copies all the incident's types, so that filtering by a type finds a hospital strike that
also killed patients, whichever type came first.
``review_status`` keeps each incident's latest accept, reject or reopen (copied from the
append-only ``reviews`` as they are recorded), so that the public view's "accepted only"
does not search the whole history on every request.

Written out in full rather than built from the tables modules: a migration must keep
doing what it did when it was written, whatever those modules later say.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005_dashboard_speed"
down_revision: str | Sequence[str] | None = "0004_users_reviews"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUS_ACTIONS = ("accept", "reject", "reopen")
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("merged_incidents") as batch:
        batch.add_column(sa.Column("figures", JSON, nullable=True))
        batch.add_column(sa.Column("types", sa.Text(), nullable=True))
    # Left nullable: making it NOT NULL would make SQLite copy and drop the table, and
    # dropping it would cascade to its members.
    _fill_figures()
    op.create_index(
        "ix_merged_incidents_dashboard", "merged_incidents",
        ["is_health_care", "date", "country_code", "admin1", "incident_type",
         "perpetrator_type", "certainty", "killed", "injured", "latitude", "longitude",
         "types"],
    )
    op.create_table(
        "review_status",
        sa.Column("merged_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("merged_id", name="pk_review_status"),
    )
    op.create_index("ix_review_status_action", "review_status", ["action", "merged_id"])
    op.create_index("ix_reviews_action", "reviews", ["action", "field"])
    _backfill()


def _fill_figures() -> None:
    merged = sa.table("merged_incidents", sa.column("id", sa.Integer()),
                      sa.column("data", JSON), sa.column("figures", JSON),
                      sa.column("types", sa.Text()))
    connection = op.get_bind()
    for row_id, data in connection.execute(sa.select(merged.c.id, merged.c.data)).all():
        data = data or {}
        figures = {f["field"]: f["conservative"] for f in data.get("figures") or []}
        types = data.get("types") or [data.get("incident_type")]
        connection.execute(merged.update().where(merged.c.id == row_id).values(
            figures=figures, types=";" + "".join(f"{t};" for t in types if t)))


def _backfill() -> None:
    """Each incident's latest status review, from the history recorded before this
    revision."""
    reviews = sa.table("reviews", sa.column("id", sa.Integer()),
                       sa.column("merged_id", sa.Integer()), sa.column("action", sa.String(20)))
    status = sa.table("review_status", sa.column("merged_id", sa.Integer()),
                      sa.column("action", sa.String(20)), sa.column("review_id", sa.Integer()))
    latest = (
        sa.select(reviews.c.merged_id, sa.func.max(reviews.c.id).label("last"))
        .where(reviews.c.action.in_(STATUS_ACTIONS))
        .group_by(reviews.c.merged_id)
        .subquery()
    )
    rows = sa.select(reviews.c.merged_id, reviews.c.action, reviews.c.id).join(
        latest, reviews.c.id == latest.c.last)
    op.get_bind().execute(
        status.insert().from_select(["merged_id", "action", "review_id"], rows))


def downgrade() -> None:
    op.drop_index("ix_reviews_action", table_name="reviews")
    op.drop_index("ix_review_status_action", table_name="review_status")
    op.drop_table("review_status")
    op.drop_index("ix_merged_incidents_dashboard", table_name="merged_incidents")
    # Not in batch mode: on SQLite that copies and drops the table, and dropping it would
    # cascade to its members. SQLite drops a column in place since 3.35.
    op.drop_column("merged_incidents", "types")
    op.drop_column("merged_incidents", "figures")
