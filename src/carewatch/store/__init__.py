"""Storage: documents, extractions and incidents in SQLite (default) or PostgreSQL.

>>> with Database("sqlite:///carewatch.db") as db:   # migrates a new or old file
...     stored = db.store(document, extraction)        # one transaction, deduplicated
...     db.list_incidents(limit=20)

Merged incidents (one attack, many reports) are written by :mod:`.merging`, read by
:mod:`.merged_reading`, and built from :mod:`.candidates` and :mod:`.decisions`.
"""

from __future__ import annotations

from . import (  # noqa: F401 - register their tables on Base.metadata
    tables_facilities,
    tables_merge,
    tables_users,
)
from .database import Database
from .rows import IncidentDetail, IncidentSummary, Stored, StoredDocument

__all__ = ["Database", "IncidentDetail", "IncidentSummary", "Stored", "StoredDocument"]
