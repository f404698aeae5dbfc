"""Insecurity Insight's codes mapped to CareWatch's taxonomies, for evaluation.

The table itself is ``data/insecurity_insight_codes.json``; this module reads it. A coded
field may hold several codes joined by ", " ("Firearms, Knife"): the accepted categories
are then those of every code, since the incident involved all of them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .data_files import load_json

DATA_FILE = "insecurity_insight_codes.json"
FIELDS = ("weapon", "perpetrator_type")


@cache
def _table(field: str) -> dict[str, tuple[str, ...]]:
    data: dict[str, Any] = load_json(DATA_FILE)
    return {code: tuple(categories) for code, categories in data[field].items()}


def _split_codes(value: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    """Split "A, B" into codes, keeping codes that themselves contain ", " whole."""
    if value in table:
        return [value]
    codes: list[str] = []
    parts = [p.strip() for p in value.split(",")]
    i = 0
    while i < len(parts):
        # Greedily join parts back while the join is a known code ("Tasers, Live and ...").
        for j in range(len(parts), i, -1):
            candidate = ", ".join(parts[i:j])
            if candidate in table or j == i + 1:
                codes.append(candidate)
                i = j
                break
    return codes


def mapped_categories(field: str, value: str | None) -> tuple[str, ...] | None:
    """Our categories accepted for a coded value (primary first), or None if not scored.

    ``field`` is "weapon" or "perpetrator_type". None means the value is missing,
    unknown to the table, or mapped to no category of ours ("Multiple", "Other Weapon").
    """
    if not value:
        return None
    table = _table(field)
    accepted: list[str] = []
    for code in _split_codes(value.strip(), table):
        for category in table.get(code, ()):
            if category not in accepted:
                accepted.append(category)
    return tuple(accepted) or None


def unmapped_codes(field: str, values: list[str | None]) -> set[str]:
    """Codes among ``values`` that the table does not list at all (to report, not to score)."""
    table = _table(field)
    missing: set[str] = set()
    for value in values:
        if value:
            missing.update(c for c in _split_codes(value.strip(), table) if c not in table)
    return missing
