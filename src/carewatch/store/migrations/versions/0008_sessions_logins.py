"""Server-side sessions, failed logins, and every perpetrator's type for the filter.

Revision ID: 0008_sessions_logins
Revises: 0007_facility_name_keys
Create Date: 2026-12-09

``sessions`` holds each logged-in browser (the SHA-256 of the key its cookie carries), so
that logging out and deactivating an account end a session on the server, and a session
ends at a fixed time however much it is used. ``login_attempts`` records each login as it
arrives, before its password is checked, so that guesses sent in parallel are counted
and limited per account, per address and on the whole server, across processes.

``merged_incidents.perpetrator_types`` copies every alleged perpetrator's actor type from
``data`` (``perpetrator_type`` holds one of them only), and takes its place in the
dashboard's covering index.

Written out in full rather than built from the tables modules: a migration must keep
doing what it did when it was written, whatever those modules later say.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008_sessions_logins"
down_revision: str | Sequence[str] | None = "0007_facility_name_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
DASHBOARD_INDEX = "ix_merged_incidents_dashboard"
INDEXED_BEFORE = ["is_health_care", "date", "country_code", "admin1", "incident_type",
                  "perpetrator_type", "certainty", "killed", "injured", "latitude",
                  "longitude", "types"]
INDEXED_NOW = [("perpetrator_types" if c == "perpetrator_type" else c) for c in INDEXED_BEFORE]


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("key_sha256", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key_sha256", name="pk_sessions"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_sessions_user_id_users", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_index("ix_sessions_expires_at", "sessions", ["expires_at"])
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("tried_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_attempts"),
    )
    op.create_index("ix_login_attempts_name", "login_attempts", ["name_key", "tried_at"])
    op.create_index("ix_login_attempts_address", "login_attempts", ["address", "tried_at"])
    op.create_index("ix_login_attempts_tried_at", "login_attempts", ["tried_at"])
    # Not in batch mode: on SQLite that copies and drops the table, and dropping it would
    # cascade to its members. SQLite adds a column in place.
    op.add_column("merged_incidents", sa.Column("perpetrator_types", sa.Text(), nullable=True))
    _fill_perpetrator_types()
    op.drop_index(DASHBOARD_INDEX, table_name="merged_incidents")
    op.create_index(DASHBOARD_INDEX, "merged_incidents", INDEXED_NOW)


def _fill_perpetrator_types() -> None:
    merged = sa.table("merged_incidents", sa.column("id", sa.Integer()),
                      sa.column("data", JSON), sa.column("perpetrator_types", sa.Text()))
    connection = op.get_bind()
    for row_id, data in connection.execute(sa.select(merged.c.id, merged.c.data)).all():
        perpetrators = (data or {}).get("perpetrators") or []
        types = sorted({p["actor_type"] for p in perpetrators if p.get("actor_type")})
        if types:
            connection.execute(merged.update().where(merged.c.id == row_id).values(
                perpetrator_types=";" + "".join(f"{t};" for t in types)))


def downgrade() -> None:
    op.drop_index(DASHBOARD_INDEX, table_name="merged_incidents")
    op.create_index(DASHBOARD_INDEX, "merged_incidents", INDEXED_BEFORE)
    op.drop_column("merged_incidents", "perpetrator_types")
    op.drop_index("ix_login_attempts_tried_at", table_name="login_attempts")
    op.drop_index("ix_login_attempts_address", table_name="login_attempts")
    op.drop_index("ix_login_attempts_name", table_name="login_attempts")
    op.drop_table("login_attempts")
    op.drop_index("ix_sessions_expires_at", table_name="sessions")
    op.drop_index("ix_sessions_user_id", table_name="sessions")
    op.drop_table("sessions")
