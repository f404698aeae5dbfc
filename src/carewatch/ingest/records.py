"""Building :class:`Document` values: metadata precedence, record fields and their checks.

Record formats (JSON, JSON Lines, CSV) share one notion of a record: a mapping with a
``text`` field and optional ``title``, ``published``, ``url`` and ``source`` fields. Field
names are matched case-insensitively, and a few common aliases are accepted:

========== ==========================================
field      also accepted as
========== ==========================================
text       body, content
published  published_at, publication_date
url        link
source     source_name, publisher
========== ==========================================
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..model import Document
from ..storable import storable_text

TEXT_FIELDS = ("text", "body", "content")
TITLE_FIELDS = ("title",)
PUBLISHED_FIELDS = ("published", "published_at", "publication_date")
URL_FIELDS = ("url", "link")
SOURCE_FIELDS = ("source", "source_name", "publisher")

LIMIT_SETTING = "CAREWATCH_MAX_DOCUMENT_BYTES"


@dataclass(frozen=True)
class Defaults:
    """Metadata given on the command line; a document's own metadata takes precedence."""

    published: dt.date | None = None
    source: str | None = None
    url: str | None = None


def make_document(
    raw: bytes,
    text: str,
    *,
    media_type: str,
    origin: str,
    defaults: Defaults,
    title: str | None = None,
    published: dt.date | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Document:
    """A Document whose hash is of ``raw``, with CLI defaults filling missing metadata.

    Its strings are :func:`~carewatch.storable.storable_text` already, so that the
    extractor reads the text exactly as it will be stored (a NUL replaced, one character
    for one); ``raw`` is kept as it came.
    """
    return Document(
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        text=storable_text(text),
        media_type=media_type,
        origin=storable_text(origin),
        title=_storable_optional(title or None),
        published=published or defaults.published,
        url=_storable_optional(url or defaults.url),
        source_name=_storable_optional(source or defaults.source),
    )


def _storable_optional(value: str | None) -> str | None:
    return storable_text(value) if value else value


def record_document(
    record: Mapping[str, Any],
    raw: bytes,
    *,
    media_type: str,
    origin: str,
    defaults: Defaults,
) -> Document:
    """Turn one record into a Document; raises InputError naming what is wrong with it."""
    fields = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    text = _pick(fields, TEXT_FIELDS, origin)
    if text is None:
        names = ", ".join(str(k) for k in record) or "none"
        raise InputError(origin, f'record has no "text" field (its fields: {names})')
    if not text.strip():
        raise InputError(origin, "record text is empty")
    published_text = _pick(fields, PUBLISHED_FIELDS, origin)
    return make_document(
        raw,
        text,
        media_type=media_type,
        origin=origin,
        defaults=defaults,
        title=_pick(fields, TITLE_FIELDS, origin),
        published=parse_published(published_text, origin) if published_text else None,
        url=_pick(fields, URL_FIELDS, origin),
        source=_pick(fields, SOURCE_FIELDS, origin),
    )


def _pick(fields: Mapping[str, Any], names: tuple[str, ...], origin: str) -> str | None:
    """The first non-empty value among ``names``; values must be text (or null)."""
    for name in names:
        value = fields.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise InputError(origin, f'field "{name}" must be text, not {type(value).__name__}')
        return value
    return None


def parse_published(value: str, origin: str) -> dt.date:
    """An ISO date (``2016-09-28``) or timestamp (``2016-09-28T10:00:00Z``) as a date."""
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise InputError(
            origin, f"published date {value!r} is not an ISO date (YYYY-MM-DD)"
        ) from None


def canonical_json(record: Mapping[str, Any]) -> bytes:
    """One stable serialisation of a record, so the same record always hashes the same."""
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def too_large(what: str, size: int | None, limit: int) -> str:
    """The message for input over the size limit, with the setting that raises it.

    ``size`` is None where reading stopped at the limit, so the full size is unknown.
    """
    measured = f"is {_size(size)}, over" if size is not None else "is over"
    return f"{what} {measured} the limit of {_size(limit)}; set {LIMIT_SETTING} to raise it"


def _size(size: int) -> str:
    """``52.4 MiB (54,949,478 bytes)``: readable, and exact for comparing with the setting."""
    if size < 1024:
        return f"{size:,} bytes"
    scaled = f"{size / (1024 * 1024):.1f} MiB" if size >= 1024 * 1024 else f"{size / 1024:.1f} KiB"
    return f"{scaled} ({size:,} bytes)"
