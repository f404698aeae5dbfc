"""Text every database can hold: U+0000 (NUL) replaced, one character for one.

PostgreSQL's text and JSONB cannot hold U+0000; SQLite can. A report may still carry one
(a stray byte past the part of a file that is checked for binary content, a ``"\\u0000"``
in a JSON record), so every string is stored with NUL replaced, on every database alike,
and a report reads the same whichever database holds it.

The replacement is U+FFFD, Unicode's REPLACEMENT CHARACTER, rather than a space:

- it is one code point, as NUL is, so every span's character offsets stay right;
- like NUL and unlike a space it is no whitespace, so it joins no words that were apart
  and splits none that were together: tokens and sentences stay as the report had them;
- it is the mark Unicode gives a character that could not be represented, so a reader
  of the stored text sees that something stood there.

The report's raw bytes, and so its SHA-256, are never changed: they are bytes, which
both databases hold as they are.
"""

from __future__ import annotations

from typing import Any, TypeVar

NUL = "\x00"
REPLACEMENT = "\ufffd"

T = TypeVar("T")


def storable_text(text: str) -> str:
    """``text`` with every NUL replaced by U+FFFD (the same length, the same offsets)."""
    return text.replace(NUL, REPLACEMENT) if NUL in text else text


def storable(value: T) -> T:
    """``value`` with :func:`storable_text` applied to every string inside it (dict keys and
    values, list and tuple items); bytes and other values are left as they are."""
    found: Any = value
    if isinstance(found, str):
        return storable_text(found)  # type: ignore[return-value]
    if isinstance(found, dict):
        return {storable(k): storable(v) for k, v in found.items()}  # type: ignore[return-value]
    if isinstance(found, list):
        return [storable(v) for v in found]  # type: ignore[return-value]
    if isinstance(found, tuple):
        return tuple(storable(v) for v in found)  # type: ignore[return-value]
    return value
