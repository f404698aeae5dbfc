"""The facility registry: facilities, their sensitive identities, links and status timeline.

>>> with Database("sqlite:///carewatch.db") as db:
...     import_facilities(db, "registry.csv")            # confirmed entries
...     record_stored_document(db, stored.document_id)    # link mentions, record impacts
...     timeline(db, facility_id)                         # dated HeRAMS status changes

Modules: :mod:`.registry` (look-up, proposing, listing), :mod:`.linking` (mentions and
impacts of stored candidates), :mod:`.status` (HeRAMS timeline and state on a date),
:mod:`.importer` (CSV), :mod:`.area` (the area-matching rule).
"""

from __future__ import annotations

from .area import Area
from .importer import ImportSummary, import_facilities
from .linking import (
    FacilityEffects,
    record_facility_effects,
    record_stored_document,
    relink_all,
)
from .registry import (
    FacilityIdentity,
    FacilityRecord,
    facility_identities,
    find_facility,
    get_facility,
    list_facilities,
)
from .status import FacilityState, StatusChange, StatusRecord, states_on, timeline

__all__ = [
    "Area",
    "FacilityEffects",
    "FacilityIdentity",
    "FacilityRecord",
    "FacilityState",
    "ImportSummary",
    "StatusChange",
    "StatusRecord",
    "facility_identities",
    "find_facility",
    "get_facility",
    "import_facilities",
    "list_facilities",
    "record_facility_effects",
    "record_stored_document",
    "relink_all",
    "states_on",
    "timeline",
]
