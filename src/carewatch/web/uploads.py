"""Reports uploaded through the page or the API: read, extract, store, merge."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import HTTPException, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from ..pipeline import ingest_upload


async def upload_summary(request: Request, file: UploadFile, published: str | None,
                         source: str | None) -> dict[str, Any]:
    settings = request.app.state.settings
    try:
        date = dt.date.fromisoformat(published) if published else None
    except ValueError:
        raise HTTPException(422, "published must be a date written YYYY-MM-DD") from None
    raw = await file.read(settings.max_document_bytes + 1)
    summary = await run_in_threadpool(
        ingest_upload, raw, file.filename or "report.txt", request.app.state.db,
        extractor_name=settings.extractor, published=date,
        source=(source or "").strip() or None, max_bytes=settings.max_document_bytes)
    return {
        "documents_new": summary.documents_new,
        "documents_known": summary.documents_known,
        "incidents_found": summary.incidents_found,
        "health_care_incidents": summary.health_care_incidents,
        "incidents_created": summary.incidents_created,
        "incidents_updated": summary.incidents_updated,
        "rejected": [{"origin": e.origin, "problem": e.problem} for e in summary.rejected],
        "documents": [o.document_id for o in summary.outcomes],
    }
