"""Replacing a stored document's reading with a new one, and merging it again.

A document is stored once, and ingest does not read it again. When the extractor's rules
change (a new CareWatch), :func:`replace_extraction` puts the new reading of a stored
document in place of the old one by the same extractor, in one transaction with the
document's merge and its facility links, so that the database never holds half of each.

What analysts decided stays: merge and split decisions name candidates by the document's
hash, the extractor and the quoted words, and merged incidents keep their ids where the
document's incidents keep their places in it, so reviews (kept by merged incident id)
still apply.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ..errors import NotFoundError, StorageError
from ..facilities.linking import record_stored_document
from ..model import Extraction, to_jsonable
from .database import Database, error_reason
from .merged_writing import MergeCounts
from .merging import refresh
from .rows import extraction_row, incident_rows
from .tables import DocumentRow, ExtractionRow, IncidentRow
from .tables_merge import IncidentMemberRow


def replace_extraction(
    db: Database, document_id: int, extraction: Extraction
) -> MergeCounts | None:
    """Make ``extraction`` the stored reading of document ``document_id`` by its extractor,
    and merge the document again; one transaction.

    Returns None, and writes nothing but the version of the rules, when the document's
    current reading is already the same. A reading by another extractor is kept but is no longer the current one.
    """
    try:
        with Session(db.engine) as session, session.begin():
            if session.get(DocumentRow, document_id) is None:
                raise NotFoundError(f"no document with id {document_id}")
            current = session.scalar(
                select(ExtractionRow)
                .where(ExtractionRow.document_id == document_id)
                .order_by(ExtractionRow.id.desc())
                .limit(1)
            )
            if (current is not None and current.extractor == extraction.extractor
                    and _same_reading(session, current, extraction)):
                # The rules changed but not what they find here: the reading is current.
                current.extractor_version = extraction.extractor_version
                return None
            # Taken before the old candidates go (their memberships go with them), so that
            # the new ones can take their merged incidents' ids.
            earlier = _merged_by_slot(session, document_id)
            session.execute(
                delete(ExtractionRow).where(
                    ExtractionRow.document_id == document_id,
                    ExtractionRow.extractor == extraction.extractor,
                )
            )
            row = extraction_row(document_id, extraction)
            session.add(row)
            session.flush()
            session.add_all(incident_rows(document_id, row.id, extraction))
            session.flush()
            counts = refresh(session, [document_id], earlier=earlier)
            record_stored_document(session, document_id)
            return counts
    except SQLAlchemyError as exc:
        raise StorageError(
            f"could not store the new reading of document {document_id}: {error_reason(exc)}"
        ) from exc


def _json(value: Any) -> Any:
    """The value as the database gives it back (tuples become lists)."""
    return json.loads(json.dumps(to_jsonable(value)))


def _same_reading(session: Session, row: ExtractionRow, extraction: Extraction) -> bool:
    stored = (row.published, row.claims, row.situation, row.places, row.dates)
    new = (
        extraction.published,
        _json(extraction.claims),
        _json(extraction.situation),
        _json(extraction.places),
        _json(extraction.dates),
    )
    if stored != new:
        return False
    incidents = session.scalars(
        select(IncidentRow.data)
        .where(IncidentRow.extraction_id == row.id)
        .order_by(IncidentRow.ordinal)
    )
    return list(incidents) == _json(extraction.incidents)


def _merged_by_slot(session: Session, document_id: int) -> dict[tuple[int, int], int]:
    """(document, ordinal) -> merged incident, for the document's candidates in a merge."""
    query = (
        select(IncidentRow.ordinal, IncidentMemberRow.merged_id)
        .join(IncidentMemberRow, IncidentMemberRow.candidate_id == IncidentRow.id)
        .where(IncidentRow.document_id == document_id)
    )
    return {(document_id, ordinal): merged_id for ordinal, merged_id in session.execute(query)}
