"""One reader per format: bytes (or a byte stream) in, Documents and InputErrors out.

Readers yield an :class:`InputError` for each bad record instead of raising, so that one
malformed line does not cost the rest of the file.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from pathlib import PurePath
from typing import IO, Any, Protocol

import trafilatura
from trafilatura.settings import Document as PageDocument

from ..errors import InputError
from ..model import Document
from . import sniff
from .json_values import load_json
from .records import (
    TEXT_FIELDS,
    Defaults,
    canonical_json,
    make_document,
    parse_published,
    record_document,
    too_large,
)

Result = Document | InputError


class LineReader(Protocol):
    """All that JSON Lines reading needs of a stream."""

    def readline(self, limit: int = -1, /) -> bytes: ...


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


def read_csv(
    stream: IO[bytes], origin: str, defaults: Defaults, max_bytes: int
) -> Iterator[Result]:
    """CSV with a header row, streamed; each data row (``#row N`` from 1) is one record."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    _allow_fields_up_to(max_bytes)
    reader = csv.reader(text)
    rows = 0
    try:
        header = next(reader, None)
        if header is None:
            yield InputError(origin, "empty CSV file")
            return
        if not any(name.strip().lower() in TEXT_FIELDS for name in header):
            columns = ", ".join(repr(n) for n in header)
            yield InputError(origin, f'no "text" column; the columns are: {columns}')
            return
        for rows, row in enumerate(reader, start=1):
            yield _csv_record(header, row, f"{origin}#row {rows}", defaults, max_bytes)
        if rows == 0:
            yield InputError(origin, "CSV has a header but no rows")
    except (UnicodeDecodeError, csv.Error) as exc:
        # The reader cannot go on after either, so the rest of the file is skipped.
        where = f"{origin}#row {rows + 1}" if rows else origin
        yield InputError(where, f"{_csv_problem(exc, max_bytes)}; rest of file skipped")
    finally:
        text.detach()  # leave the caller's stream open; the caller closes it


def _csv_problem(exc: UnicodeDecodeError | csv.Error, max_bytes: int) -> str:
    if isinstance(exc, UnicodeDecodeError):
        # The decoder works in chunks, so its offset is not the file's: name the row instead.
        bad = exc.object[exc.start : exc.start + 1].hex().upper()
        return f"not UTF-8 text: invalid byte 0x{bad} (convert it to UTF-8 first, e.g. iconv)"
    if "field larger than field limit" in str(exc):
        return too_large("a field", None, max_bytes)
    return f"malformed CSV ({exc})"


def _csv_record(
    header: list[str], row: list[str], origin: str, defaults: Defaults, max_bytes: int
) -> Result:
    if len(row) > len(header):
        return InputError(origin, f"row has {len(row)} fields but the header has {len(header)}")
    # Short rows (trailing empty cells left off by some tools) are padded with "".
    record = dict(zip(header, row + [""] * (len(header) - len(row))))
    raw = canonical_json(record)
    if len(raw) > max_bytes:
        return InputError(origin, too_large("row", len(raw), max_bytes))
    try:
        return record_document(record, raw, media_type="text/csv", origin=origin, defaults=defaults)
    except InputError as exc:
        return exc


def _allow_fields_up_to(max_bytes: int) -> None:
    # csv refuses fields over 128 KiB by default; our limit is the document size limit.
    # The setting is process-wide, so it is only ever raised, never lowered.
    if csv.field_size_limit() < max_bytes:
        csv.field_size_limit(max_bytes)
