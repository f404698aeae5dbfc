"""Decide what a file holds and turn its bytes into text, or say clearly why not.

Everything here works on bytes already in memory and raises :class:`InputError` with a
message a user can act on; the readers add the origin.
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

from ..errors import InputError

# Formats a reader exists for; "text" also covers Markdown and unknown extensions.
TEXT, HTML, JSON, JSONL, CSV = "text", "html", "json", "jsonl", "csv"

_EXTENSIONS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".markdown": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".json": JSON,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".csv": CSV,
}

# Leading bytes of the binary formats people most often mistake for reports.
_MAGIC = [
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP (or DOCX/XLSX/ODT)"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf", "7-Zip"),
    (b"Rar!", "RAR"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "SQLite database"),
]

# UTF-32 first: its little-endian BOM begins with the UTF-16 one.
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# Control characters that do not occur in text; tab, newlines, form feed and ESC do.
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 27)) + b"\x7f"
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<!--)", re.IGNORECASE)
_HTML_TAG = re.compile(rb"<(html|body|article|p|div)[\s>]", re.IGNORECASE)


def format_for_path(path: str | PurePath) -> str | None:
    """The format an extension names, or None when the content must decide."""
    return _EXTENSIONS.get(PurePath(path).suffix.lower())


def media_type_for_path(path: str | PurePath) -> str:
    """The media type to record for a whole-file text document."""
    suffix = PurePath(path).suffix.lower()
    return "text/markdown" if suffix in (".md", ".markdown") else "text/plain"


def binary_kind(head: bytes) -> str | None:
    """What binary format ``head`` (the first KiB or so) looks like, or None for text.

    A byte-order mark means UTF-16/32 text even though it contains NUL bytes.
    """
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    sample = head[:4096]
    if b"\x00" in sample:
        return "unknown"
    controls = sum(sample.count(bytes([c])) for c in _CONTROL)
    # A few stray control characters occur in real text pasted from PDFs; many do not.
    if sample and controls / len(sample) > 0.1:
        return "unknown"
    return None


def binary_problem(kind: str) -> str:
    """The message for a binary file; names the format when we recognised it."""
    if kind == "unknown":
        return "binary file (contains NUL or control bytes), not a text report"
    return f"binary file (looks like {kind}), not a text report"


def decode(raw: bytes, origin: str) -> str:
    """Decode a whole report exactly: UTF-8 (with or without BOM), or UTF-16/32 with a BOM.

    The BOM is dropped and nothing else is changed (not even line endings), because
    extracted spans are offsets into this text.
    """
    kind = binary_kind(raw[:4096])
    if kind is not None:
        raise InputError(origin, binary_problem(kind))
    encoding = next((enc for bom, enc in _BOMS if raw.startswith(bom)), "utf-8")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(origin, decode_problem(exc, encoding)) from None


def decode_problem(exc: UnicodeDecodeError, encoding: str = "utf-8") -> str:
    """One line naming the offending byte and where it is, with a way out."""
    label = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
    bad = exc.object[exc.start : exc.start + 1]
    return (
        f"not {label} text: invalid byte 0x{bad.hex().upper()} at offset {exc.start} "
        "(convert it to UTF-8 first, e.g. iconv -f latin1 -t utf-8)"
    )


def looks_like_html(raw: bytes) -> bool:
    """True for content that starts like an HTML page, whatever the file is called."""
    head = raw[:2048].lstrip(codecs.BOM_UTF8)
    return bool(_HTML_START.match(head)) or (
        head.lstrip().startswith(b"<") and bool(_HTML_TAG.search(head))
    )
