"""Splitting a CSV byte stream into records, in bounded memory, before parsing any.

Python's :mod:`csv` reader gives up on the whole file at the first field over its
limit, and after that error it cannot find where the next row starts (the long field may
hold line breaks). Here records are found first, by following the quotes as the csv
module reads them (default dialect: ``"`` opens a quoted field only at the start of a
field, ``""`` inside one is a quote, a line break inside one belongs to the field), so
that a record over the size limit is skipped to its end and the rows after it are read.
Each record is then decoded and parsed on its own, so that a bad byte costs one row.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from typing import Protocol

from ..errors import InputError
from ..model import Document
from . import sniff
from .records import TEXT_FIELDS, Defaults, canonical_json, record_document, too_large

QUOTE = ord('"')

# Where the scanner stands: at the start of a field; in an unquoted field (or after the
# closing quote of a quoted one: the rest up to the comma is kept as it is); inside
# quotes; just after a quote inside quotes (the closing one, or the first of a "").
_FIELD_START, _UNQUOTED, _QUOTED, _QUOTE_SEEN = range(4)


class LineReader(Protocol):
    """All that reading JSON Lines or CSV needs of a stream."""

    def readline(self, limit: int = -1, /) -> bytes: ...


def read_csv(
    stream: LineReader, origin: str, defaults: Defaults, max_bytes: int
) -> Iterator[Document | InputError]:
    """CSV with a header row, streamed; each data row (``#row N`` from 1) is one record.

    A row over the size limit, not UTF-8 or malformed is rejected on its own, and the
    rows after it are still read.
    """
    _allow_fields_up_to(max_bytes)
    records = iter_records(stream, max_bytes)
    first = next(records, b"")
    header_rows = _parse(first, origin, max_bytes, what="header row", first=True)
    if isinstance(header_rows, InputError):
        yield header_rows
        return
    if not header_rows:
        yield InputError(origin, "empty CSV file")
        return
    header, *pending = header_rows
    if not any(name.strip().lower() in TEXT_FIELDS for name in header):
        columns = ", ".join(repr(n) for n in header)
        yield InputError(origin, f'no "text" column; the columns are: {columns}')
        return
    number = 0
    while True:
        for row in pending:
            if row:  # a blank line is no record
                number += 1
                yield _csv_record(header, row, f"{origin}#row {number}", defaults, max_bytes)
        record = next(records, b"")
        if record == b"":
            break
        parsed = _parse(record, f"{origin}#row {number + 1}", max_bytes, what="row")
        if isinstance(parsed, InputError):
            number += 1
            yield parsed
            parsed = []
        pending = parsed
    if number == 0:
        yield InputError(origin, "CSV has a header but no rows")


def _parse(
    record: bytes | None, origin: str, max_bytes: int, *, what: str, first: bool = False
) -> list[list[str]] | InputError:
    """The rows of one record (one, but for a file whose lines end in a bare CR alone)."""
    if record is None:
        return InputError(origin, too_large(what, None, max_bytes))
    if first:
        record = record.removeprefix(codecs.BOM_UTF8)
    try:
        text = record.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(origin, sniff.decode_problem(exc))
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        problem = too_large("a field", None, max_bytes) if "field limit" in str(exc) else (
            f"malformed CSV ({exc})"
        )
        return InputError(origin, problem)


def _csv_record(
    header: list[str], row: list[str], origin: str, defaults: Defaults, max_bytes: int
) -> Document | InputError:
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


def iter_records(stream: LineReader, max_bytes: int) -> Iterator[bytes | None]:
    """Each CSV record's bytes (line ending included), or None for one over ``max_bytes``.

    Reads a line (or ``max_bytes`` of one) at a time: a record of any size costs at most
    ``max_bytes`` of memory.
    """
    scanner = _RecordScanner()
    while chunk := stream.readline(max_bytes + 2):
        parts, size = [chunk], len(chunk)
        while not scanner.ends_record(chunk):
            chunk = stream.readline(max_bytes + 2)
            if not chunk:
                break  # the file ends inside a quoted field: the csv parser says so
            size += len(chunk)
            if size <= max_bytes + 2:
                parts.append(chunk)
            else:
                parts.clear()  # over the limit: only its end is still wanted
        yield b"".join(parts) if size <= max_bytes + 2 else None


class _RecordScanner:
    """Follows the quotes of a CSV stream chunk by chunk; says where records end."""

    def __init__(self) -> None:
        self.state = _FIELD_START

    def ends_record(self, chunk: bytes) -> bool:
        """Whether the record ends with this chunk (``readline``'s output: the chunk ends
        with its first line break, if it has one)."""
        pos, end = 0, len(chunk)
        while pos < end:
            if self.state == _QUOTED:
                quote = chunk.find(b'"', pos)
                if quote < 0:
                    return False
                self.state, pos = _QUOTE_SEEN, quote + 1
            elif self.state in (_FIELD_START, _QUOTE_SEEN) and chunk[pos] == QUOTE:
                self.state, pos = _QUOTED, pos + 1  # an opening quote, or "" inside quotes
            else:
                comma = chunk.find(b",", pos)
                if comma < 0:
                    ended = chunk.endswith(b"\n")
                    self.state = _FIELD_START if ended else _UNQUOTED
                    return ended
                self.state, pos = _FIELD_START, comma + 1
        return False
