"""Each stored reading says which build of its extractor's rules made it.

Revision ID: 0006_extractor_version
Revises: 0005_dashboard_speed
Create Date: 2026-11-30

``extractions.extractor_version`` ("0.1.0+rules.1a2b3c4d5e6f") lets CareWatch tell a
reading made by older rules from one the installed rules would make, so that
``carewatch reextract --outdated`` reads only those again. Readings stored before this
revision have none and count as outdated.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_extractor_version"
down_revision: str | Sequence[str] | None = "0005_dashboard_speed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Not in batch mode: on SQLite that may copy and drop the table, and dropping it would
# cascade to every candidate incident. Both dialects add and (SQLite since 3.35) drop a
# column in place.


def upgrade() -> None:
    op.add_column("extractions", sa.Column("extractor_version", sa.String(100), nullable=True))


def downgrade() -> None:
    op.drop_column("extractions", "extractor_version")
