"""Reading standard input (``carewatch ingest -``) and named pipes.

A pipe has no file name to go by, so its content decides the format. JSON Lines is
streamed (a pipe may carry any number of records); anything else is read whole, up to
the size limit.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from typing import IO

from ..errors import InputError
from ..model import Document
from . import sniff
from .readers import LineReader, read_bytes, read_jsonl
from .records import TEXT_FIELDS, Defaults, too_large

STDIN_ORIGIN = "<stdin>"


def read_stream(
    stream: IO[bytes], origin: str, defaults: Defaults, max_bytes: int
) -> Iterator[Document | InputError]:
    """Documents from a binary stream: JSON Lines, JSON, HTML, CSV or plain text."""
    first = stream.readline(max_bytes + 2)
    if not first:
        yield InputError(origin, "empty input")
        return
    if _is_json_object(first):
        yield from read_jsonl(_Replay(first, stream), origin, defaults, max_bytes)
        return
    raw = first + (stream.read(max_bytes + 1 - len(first)) if len(first) <= max_bytes else b"")
    if len(raw) > max_bytes:
        yield InputError(origin, too_large("input", None, max_bytes))
        return
    yield from read_bytes(raw, _sniff_format(raw, first), origin, defaults, max_bytes)


class _Replay:
    """The stream, with its first line (already read to sniff the format) given back first."""

    def __init__(self, first: bytes, stream: LineReader) -> None:
        self._first: bytes | None = first
        self._stream = stream

    def readline(self, limit: int = -1, /) -> bytes:
        if self._first is not None:
            line, self._first = self._first, None
            return line
        return self._stream.readline(limit)


def _is_json_object(line: bytes) -> bool:
    line = line.removeprefix(codecs.BOM_UTF8)
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError both are
        return False
    except RecursionError:
        # Too deep to parse here: read as JSON Lines, where the line is refused in one
        # message and the lines after it are still read.
        return line.lstrip().startswith(b"{")


def _sniff_format(raw: bytes, first_line: bytes) -> str | None:
    """JSON, HTML or CSV when the content says so; None leaves it to the text reader."""
    start = raw.removeprefix(codecs.BOM_UTF8).lstrip()[:1]
    if start in (b"[", b"{"):
        return sniff.JSON
    if sniff.looks_like_html(raw):
        return sniff.HTML
    if _looks_like_csv_header(first_line):
        return sniff.CSV
    return None


def _looks_like_csv_header(line: bytes) -> bool:
    """A first line of two or more comma-separated names, one of them a text column."""
    try:
        names = next(csv.reader([line.removeprefix(codecs.BOM_UTF8).decode("utf-8")]), [])
    except (UnicodeDecodeError, csv.Error):
        return False
    return len(names) >= 2 and any(n.strip().lower() in TEXT_FIELDS for n in names)
