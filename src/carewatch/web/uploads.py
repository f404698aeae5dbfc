"""Reports uploaded through the page or the API: read, extract, store, merge.

The routes ask who is uploading before they read the form (:func:`upload_fields`): the
public's upload is refused before a byte of it is read or spooled to disk. Its size was
bounded before that (:mod:`.limits`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from ..pipeline import ingest_upload

# The form the upload routes read themselves, described for /api/openapi.json.
UPLOAD_FORM = {"requestBody": {"required": True, "content": {"multipart/form-data": {
    "schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": "text, HTML, JSON, JSONL or CSV"},
        "published": {"type": "string", "format": "date"},
        "source": {"type": "string"}}}}}}}
MAX_FIELDS = 8


def upload_fields(form: FormData) -> tuple[UploadFile, str | None, str | None]:
    """The uploaded file, its publication date and its source, from the form."""
    file = form.get("file")
    if not isinstance(file, UploadFile):
        raise HTTPException(422, "the form needs a file field holding the report")
    return file, form_text(form, "published"), form_text(form, "source")


def form_text(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) else None


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
