"""Writing merged incidents: the merge engine's output replaces the rows it was built from.

A merged incident's row keeps the id of the old incident it shares most members with, so
the ids analysts use mostly survive a rebuild; its members and a copy of its claim ledger
are written beside it (see :mod:`.tables_merge`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import Session

from ..merge.totals import total_of_reconciled
from ..model import HEALTH_CARE_TYPES, ActorType, MergedIncident, Reconciled, to_jsonable
from .shared_figures import counted_elsewhere
from .tables import IncidentRow, utc_now
from .tables_merge import ClaimRow, IncidentMemberRow, MergedIncidentRow


@dataclass(frozen=True)
class MergeCounts:
    """How many merged incidents one step created, changed and removed."""

    created: int = 0
    updated: int = 0
    removed: int = 0

    def __add__(self, other: MergeCounts) -> MergeCounts:
        return MergeCounts(
            self.created + other.created, self.updated + other.updated, self.removed + other.removed
        )


def replace_merged(
    session: Session,
    old_ids: Collection[int],
    merged: Sequence[MergedIncident],
    earlier: Mapping[tuple[int, int], int] | None = None,
) -> MergeCounts:
    """Replace the merged incidents ``old_ids`` by ``merged``, keeping ids where they can.

    Each new incident takes the id of the old one it shares most members with (each old
    id once), so that an analyst's ids mostly survive a rebuild. ``earlier`` adds the
    members of a deleted reading, by (document, ordinal).
    """
    old_ids = set(old_ids)
    every_member = [c for m in merged for c in m.members]
    # Members are matched by their place in their document (document, ordinal), so that a
    # document read again by another extractor keeps its incidents' ids.
    old_member = {
        (document, ordinal): merged_id
        for document, ordinal, merged_id in session.execute(
            select(IncidentRow.document_id, IncidentRow.ordinal, IncidentMemberRow.merged_id)
            .join(IncidentRow, IncidentRow.id == IncidentMemberRow.candidate_id)
            .where(IncidentMemberRow.merged_id.in_(old_ids))
        )
    }
    for slot, merged_id in (earlier or {}).items():
        if merged_id in old_ids:
            old_member.setdefault(slot, merged_id)
    slot_of = {
        candidate: (document, ordinal)
        for candidate, document, ordinal in session.execute(
            select(IncidentRow.id, IncidentRow.document_id, IncidentRow.ordinal).where(
                IncidentRow.id.in_(every_member)
            )
        )
    }
    old_rows: dict[int, tuple[Any, ...]] = {
        merged_id: tuple(stored)
        for merged_id, *stored in session.execute(
            select(MergedIncidentRow.id, MergedIncidentRow.data, MergedIncidentRow.killed,
                   MergedIncidentRow.injured, MergedIncidentRow.figures).where(
                MergedIncidentRow.id.in_(old_ids)
            )
        )
    }
    assigned = _assign_ids([[slot_of[c] for c in m.members] for m in merged], old_member)
    session.execute(delete(ClaimRow).where(ClaimRow.merged_id.in_(old_ids)))
    session.execute(
        delete(IncidentMemberRow).where(
            or_(
                IncidentMemberRow.merged_id.in_(old_ids),
                IncidentMemberRow.candidate_id.in_(every_member),
            )
        )
    )
    elsewhere = counted_elsewhere(session, merged, slot_of)
    created = updated = 0
    for index, incident in enumerate(merged):
        incident.id = assigned.get(index)
        columns = _columns(incident, elsewhere[index])
        if incident.id is None:
            row = MergedIncidentRow(**columns, data={})
            session.add(row)
            session.flush()
            incident.id = row.id
            row.data = to_jsonable(incident)
            created += 1
        else:
            data = to_jsonable(incident)
            summed = (columns["killed"], columns["injured"], columns["figures"])
            # Summed columns written before shared figures were counted once change
            # without the incident changing: a rebuild mends them.
            if (data, *summed) != old_rows.get(incident.id):
                session.execute(
                    update(MergedIncidentRow)
                    .where(MergedIncidentRow.id == incident.id)
                    .values(**columns, data=data, updated_at=utc_now())
                )
                updated += 1
    session.flush()
    _insert_members_and_claims(session, merged)
    unused = old_ids - set(assigned.values())
    if unused:
        session.execute(delete(MergedIncidentRow).where(MergedIncidentRow.id.in_(unused)))
    return MergeCounts(created, updated, len(unused))


def _assign_ids(
    slots: Sequence[Sequence[tuple[int, int]]], old_member: dict[tuple[int, int], int]
) -> dict[int, int]:
    """For each new incident (by index), the old id it takes: the one it shares most
    members with, each old id once, the larger overlaps first."""
    overlaps = []
    for index, members in enumerate(slots):
        shared = Counter(old_member[slot] for slot in members if slot in old_member)
        overlaps += [(-count, old_id, index) for old_id, count in shared.items()]
    assigned: dict[int, int] = {}
    taken: set[int] = set()
    for _, old_id, index in sorted(overlaps):
        if index not in assigned and old_id not in taken:
            assigned[index] = old_id
            taken.add(old_id)
    return assigned


def _columns(incident: MergedIncident, elsewhere: set[str]) -> dict[str, Any]:
    """The row's columns; ``killed``, ``injured`` and ``figures``, which totals add up,
    leave out the figure fields ``elsewhere`` counts (see :mod:`.shared_figures`)."""
    counted = [f for f in incident.figures if f.field not in elsewhere]
    place = incident.place
    return {
        "incident_type": incident.incident_type.value,
        "types": ";" + "".join(f"{t.value};" for t in incident.types or [incident.incident_type]),
        "is_health_care": incident.incident_type in HEALTH_CARE_TYPES,
        "date": incident.date.date if incident.date else None,
        "date_precision": incident.date.precision.value if incident.date else None,
        "place_name": (place.resolved or place.name) if place else None,
        "country_code": place.country_code if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "certainty": incident.certainty.value,
        "certainty_reason": incident.certainty_reason,
        "attribution_contested": incident.attribution_contested,
        "admin1": place.admin1 if place else None,
        "perpetrator_type": _perpetrator_type(incident),
        "perpetrator_types": _perpetrator_types(incident),
        "killed": _total(counted, "killed"),
        "injured": _total(counted, "injured"),
        "figures": {f.field: f.conservative for f in counted},
    }


def _perpetrator_type(incident: MergedIncident) -> str | None:
    known = [a for a in incident.perpetrators if a.actor_type is not ActorType.UNKNOWN]
    chosen = known or incident.perpetrators
    return chosen[0].actor_type.value if chosen else None


def _perpetrator_types(incident: MergedIncident) -> str | None:
    types = sorted({a.actor_type.value for a in incident.perpetrators})
    return ";" + "".join(f"{t};" for t in types) if types else None


def _total(counted: Sequence[Reconciled], kind: str) -> int | None:
    """The conservative total of one kind (killed, injured) over the victim groups, by the
    one rule of :mod:`carewatch.merge.totals`."""
    found = total_of_reconciled(counted, kind)
    return found.conservative if found else None


def _insert_members_and_claims(session: Session, merged: Sequence[MergedIncident]) -> None:
    members = [
        {"candidate_id": c, "merged_id": m.id, "reason": _member_reason(m, position)}
        for m in merged
        for position, c in enumerate(m.members)
    ]
    claims = [
        {
            "merged_id": m.id,
            "field": claim.field,
            "value": str(claim.value),
            "count": claim.value if isinstance(claim.value, int) else None,
            "count_max": claim.count_max,
            "qualifier": claim.qualifier,
            "speaker": claim.speaker(),
            "document_id": claim.document_id,
            "candidate_id": claim.candidate_id,
            "span_start": claim.span.start if claim.span else None,
            "span_end": claim.span.end if claim.span else None,
        }
        for m in merged
        for claim in m.claims
    ]
    if members:
        session.execute(insert(IncidentMemberRow), members)
    if claims:
        session.execute(insert(ClaimRow), claims)


def _member_reason(incident: MergedIncident, position: int) -> str | None:
    """Why the candidate is in the incident: the engine's line about it (``candidate 7
    (document 3) joined: same facility ...``), without the candidate's own name."""
    candidate = incident.members[position]
    prefix = f"candidate {candidate} ("
    for reason in incident.merge_reasons:
        if reason.startswith(prefix):
            _, _, said = reason.partition(")")
            return said.lstrip(" :") or None
    return None


def remove_empty(session: Session) -> MergeCounts:
    """Drop merged incidents left without members (their candidates were deleted)."""
    has_members = select(IncidentMemberRow.id).where(
        IncidentMemberRow.merged_id == MergedIncidentRow.id
    )
    removed = session.execute(
        delete(MergedIncidentRow).where(~has_members.exists())
    ).rowcount  # type: ignore[attr-defined]
    return MergeCounts(removed=removed or 0)


__all__ = ["MergeCounts", "remove_empty", "replace_merged"]
