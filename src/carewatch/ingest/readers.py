"""One reader per format: bytes (or a byte stream) in, Documents and InputErrors out.

Readers yield an :class:`InputError` for each bad record instead of raising, so that one
malformed line does not cost the rest of the file.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

import trafilatura
from trafilatura.settings import Document as PageDocument

from ..errors import InputError
from ..model import Document
from . import sniff
from .csv_records import LineReader, read_csv
from .json_values import load_json
from .records import (
    Defaults,
    canonical_json,
    make_document,
    parse_published,
    record_document,
    too_large,
)

Result = Document | InputError


# Dates only from the page's metadata: guessing from body text would pick up the date of
# the attack or of an older event and record it as the publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_bytes(
    raw: bytes,
    fmt: str | None,
    origin: str,
    defaults: Defaults,
    max_bytes: int,
    *,
    media_type_for: PurePath | None = None,
) -> Iterator[Result]:
    """The documents in a report already in memory; ``fmt`` None means sniff the content."""
    if fmt is None:
        fmt = sniff.HTML if sniff.looks_like_html(raw) else sniff.TEXT
    try:
        if fmt == sniff.TEXT:
            media_type = (
                sniff.media_type_for_path(media_type_for) if media_type_for else "text/plain"
            )
            yield read_text(raw, origin, defaults, media_type)
        elif fmt == sniff.HTML:
            yield read_html(raw, origin, defaults)
        elif fmt == sniff.JSON:
            yield from read_json(raw, origin, defaults)
        else:
            reader = read_jsonl if fmt == sniff.JSONL else read_csv
            yield from reader(io.BytesIO(raw), origin, defaults, max_bytes)
    except InputError as exc:
        yield exc


def read_text(raw: bytes, origin: str, defaults: Defaults, media_type: str) -> Document:
    """A plain-text or Markdown report: the decoded file, exactly."""
    text = sniff.decode(raw, origin)
    if not text.strip():
        raise InputError(origin, "only whitespace, no text to read")
    return make_document(raw, text, media_type=media_type, origin=origin, defaults=defaults)


def read_html(raw: bytes, origin: str, defaults: Defaults) -> Document:
    """An HTML page: its article text (never scripts or styles), title, date and URL."""
    kind = sniff.binary_kind(raw[:4096])
    if kind is not None:
        raise InputError(origin, sniff.binary_problem(kind))
    # trafilatura decodes the bytes itself, honouring the page's declared charset.
    page = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if not isinstance(page, PageDocument) or not page.text or not page.text.strip():
        raise InputError(origin, "no article text found in HTML page")
    published = None
    if page.date:
        try:
            published = parse_published(page.date, origin)
        except InputError:
            published = None  # a page's odd date metadata is not worth rejecting it for
    return make_document(
        raw,
        page.text,
        media_type="text/html",
        origin=origin,
        defaults=defaults,
        title=page.title,
        published=published,
        url=page.url,
        source=page.sitename,
    )


def read_json(raw: bytes, origin: str, defaults: Defaults) -> Iterator[Result]:
    """A JSON file holding one record object, or a list of them (``#item N`` from 1)."""
    try:
        value = load_json(sniff.decode(raw, origin), origin)
    except InputError as exc:
        yield exc
        return
    except json.JSONDecodeError as exc:
        yield InputError(
            origin, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        )
        return
    if isinstance(value, dict):
        yield _json_record(value, origin, defaults)
    elif isinstance(value, list):
        if not value:
            yield InputError(origin, "empty JSON list, no records")
        for number, item in enumerate(value, start=1):
            yield _json_record(item, f"{origin}#item {number}", defaults)
    else:
        yield InputError(
            origin, f"JSON must be an object or a list of objects, not {type(value).__name__}"
        )


def _json_record(item: Any, origin: str, defaults: Defaults) -> Result:
    if not isinstance(item, dict):
        return InputError(origin, f"record must be a JSON object, not {type(item).__name__}")
    try:
        return record_document(
            item,
            canonical_json(item),
            media_type="application/json",
            origin=origin,
            defaults=defaults,
        )
    except InputError as exc:
        return exc


def read_jsonl(
    stream: LineReader, origin: str, defaults: Defaults, max_bytes: int
) -> Iterator[Result]:
    """JSON Lines, streamed: each line is one record (``#line N``), hashed as its exact bytes."""
    records = 0
    for number, line in iter_lines(stream, max_bytes):
        line_origin = f"{origin}#line {number}"
        if line is None:
            yield InputError(line_origin, too_large("line", None, max_bytes))
            continue
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if not line.strip():
            continue  # blank lines (a trailing one, above all) are not records
        records += 1
        yield _jsonl_record(line, line_origin, defaults)
    if records == 0:
        yield InputError(origin, "no records (every line is blank)")


def _jsonl_record(line: bytes, origin: str, defaults: Defaults) -> Result:
    try:
        value = load_json(line.decode("utf-8"), origin)
    except InputError as exc:
        return exc
    except UnicodeDecodeError as exc:
        return InputError(origin, sniff.decode_problem(exc))
    except json.JSONDecodeError as exc:
        return InputError(origin, f"not valid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(value, dict):
        return InputError(origin, f"line must be a JSON object, not {type(value).__name__}")
    try:
        return record_document(
            value, line, media_type="application/x-ndjson", origin=origin, defaults=defaults
        )
    except InputError as exc:
        return exc


def iter_lines(stream: LineReader, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes without the line ending)``; None for a line over ``max_bytes``.

    Reads at most ``max_bytes`` (plus the line ending) into memory at a time, so a file
    of any size, or one enormous line, costs bounded memory.
    """
    number = 0
    while line := stream.readline(max_bytes + 2):
        number += 1
        content = line.removesuffix(b"\n").removesuffix(b"\r")
        if len(content) > max_bytes:
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(1 << 20)
            yield number, None
        else:
            yield number, content
