"""Facility name keys follow the one key function the merge and the registry share.

Revision ID: 0007_facility_name_keys
Revises: 0006_extractor_version
Create Date: 2026-12-02

``facility_names.key`` and ``facility_identities.real_name_key`` were computed with the
gazetteer's place-name key; they are now :func:`carewatch.resolve.facility_names
.facility_name_key`, the merge's key too (apostrophes of every kind, Arabic articles,
generic nouns folded alike). Stored keys are recomputed so that an existing database
finds what a new one finds. Two names of one facility that now fold alike ("Dhahir
Hospital", "Ed-Dhahir") become one row (unique ``(facility_id, key)``): its name is kept
before its code name, and that before an alias, the oldest on a tie. A name that folds to
nothing ("the Health Centre") identifies nothing and loses its row.

Downgrading recomputes the keys the earlier way; rows collapsed on the way up stay one.
The key function is imported, not copied: a later change to it comes with a migration of
its own that recomputes the keys again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_facility_name_keys"
down_revision: str | Sequence[str] | None = "0006_extractor_version"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAMES = sa.table(
    "facility_names",
    sa.column("id", sa.Integer),
    sa.column("facility_id", sa.Integer),
    sa.column("name", sa.Text),
    sa.column("key", sa.String),
    sa.column("kind", sa.String),
)
_IDENTITIES = sa.table(
    "facility_identities",
    sa.column("facility_id", sa.Integer),
    sa.column("real_name", sa.Text),
    sa.column("real_name_key", sa.String),
)
_KIND_ORDER = {"name": 0, "code_name": 1, "alias": 2}


def upgrade() -> None:
    from carewatch.resolve.facility_names import facility_name_key

    _rekey(facility_name_key)


def downgrade() -> None:
    _rekey(_key_before_0007)


def _key_before_0007(name: str) -> str:
    from carewatch.resolve.gazetteer import name_key

    return name_key(name.replace("-", " ")).strip()


def _rekey(key_of: Callable[[str], str]) -> None:
    bind = op.get_bind()
    rows = sorted(
        bind.execute(
            sa.select(_NAMES.c.id, _NAMES.c.facility_id, _NAMES.c.name, _NAMES.c.kind)
        ).all(),
        key=lambda r: (r.facility_id, _KIND_ORDER.get(r.kind, 3), r.id),
    )
    kept: dict[tuple[int, str], int] = {}
    dropped: list[int] = []
    for row in rows:
        key = key_of(row.name)
        if not key or (row.facility_id, key) in kept:
            dropped.append(row.id)
        else:
            kept[(row.facility_id, key)] = row.id
    if dropped:
        bind.execute(sa.delete(_NAMES).where(_NAMES.c.id.in_(dropped)))
    # Through keys no name can fold to, so that no two rows hold one key on the way.
    for (_, key), row_id in kept.items():
        bind.execute(sa.update(_NAMES).where(_NAMES.c.id == row_id).values(key=f"#{row_id}"))
    for (_, key), row_id in kept.items():
        bind.execute(sa.update(_NAMES).where(_NAMES.c.id == row_id).values(key=key))
    identities = bind.execute(
        sa.select(_IDENTITIES.c.facility_id, _IDENTITIES.c.real_name).where(
            _IDENTITIES.c.real_name.is_not(None)
        )
    ).all()
    for identity in identities:
        bind.execute(
            sa.update(_IDENTITIES)
            .where(_IDENTITIES.c.facility_id == identity.facility_id)
            .values(real_name_key=key_of(identity.real_name) or None)
        )
