"""An incident's killed and injured totals: one rule for the CLI, the web pages, the API,
the exports, the dashboard's columns and the situation picture.

Figures come per kind and victim group (``killed:patients``), each reconciled across the
sources that give it (:func:`carewatch.merge.ledger.reconcile`: lowest, highest and
conservative figure). Across groups:

* health workers and patients are different people: their figures add up;
* civilians and unspecified victims ("people", "civilians") may include them, and each
  other: they are never added to anything. The total is at least the largest of them.

So sources that say "3 health workers" and "at least 5 people" were killed make 5 killed,
not 8; "2 nurses and 3 patients" make 5; "12 civilians, among them 2 doctors" make 12.
An analyst's correction of a group's figure takes that group's place, in every end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Reconciled

# Victim groups that never overlap each other; every other group may hold them.
DISTINCT_GROUPS = frozenset({"health_workers", "patients"})


@dataclass(frozen=True)
class Total:
    """An incident's count of one kind: the range its sources span, and the conservative
    figure (the lowest a credible source gives, as ACLED codes fatalities)."""

    minimum: int
    maximum: int
    conservative: int

    def text(self) -> str:
        """"2–3", or "2" when the sources agree."""
        if self.minimum == self.maximum:
            return str(self.minimum)
        return f"{self.minimum}–{self.maximum}"


def total(
    figures: Iterable[tuple[str, int, int, int]], kind: str,
    corrections: Mapping[str, int | None] | None = None,
) -> Total | None:
    """The total of ``kind`` ("killed") over ``(field, minimum, maximum, conservative)``
    figures; None when no source gives one."""
    groups: dict[str, tuple[int, int, int]] = {}
    for field, minimum, maximum, conservative in figures:
        field_kind, _, group = field.partition(":")
        if field_kind == kind:
            groups[group or "unspecified"] = (int(minimum), int(maximum), int(conservative))
    for field, value in (corrections or {}).items():
        field_kind, _, group = field.partition(":")
        if field_kind == kind and value is not None:
            groups[group or "unspecified"] = (int(value), int(value), int(value))
    if not groups:
        return None
    distinct = [v for g, v in groups.items() if g in DISTINCT_GROUPS]
    wider = [v for g, v in groups.items() if g not in DISTINCT_GROUPS]
    ends = []
    for end in range(3):
        ends.append(max([sum(v[end] for v in distinct), *(v[end] for v in wider)]))
    return Total(*ends)


def total_of_reconciled(figures: Iterable[Reconciled], kind: str,
                        corrections: Mapping[str, int | None] | None = None) -> Total | None:
    """:func:`total` over a merged incident's :class:`Reconciled` figures."""
    return total(((f.field, f.minimum, f.maximum, f.conservative) for f in figures), kind,
                 corrections)


def total_of_stored(figures: Iterable[Mapping[str, Any]], kind: str,
                    corrections: Mapping[str, int | None] | None = None) -> Total | None:
    """:func:`total` over the stored form of those figures (``data["figures"]``)."""
    return total(((str(f["field"]), f["minimum"], f["maximum"], f["conservative"])
                  for f in figures), kind, corrections)


def total_of_counts(counts: Mapping[str, int], kind: str,
                    corrections: Mapping[str, int | None] | None = None) -> int | None:
    """The conservative total over one figure per field (``{"killed:patients": 2}``)."""
    found = total(((f, n, n, n) for f, n in counts.items()), kind, corrections)
    return found.conservative if found else None
