"""Text from reports made harmless before it reaches a terminal or a spreadsheet.

Everything CareWatch prints about a report (its file name, title, publisher, the words
quoted from it) comes from whoever wrote the report or named the file. Printed raw, an
escape sequence in it would drive the reader's terminal (retitle it, hide text, rewrite
what is on screen), a line break in a file name would forge a line of our own output
(``rejected: ...``), and a bidirectional override would show a name backwards. Written raw
to CSV, a cell that starts with ``=`` is a formula to a spreadsheet (``=HYPERLINK(...)``).

So control characters are shown as their escapes (``\\x1b``, ``\\n``, ``\\u202e``), and a
CSV text cell that a spreadsheet would evaluate starts with an apostrophe, as OWASP's
advice on CSV injection has it. The text stored is never changed: only what is shown.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.text import Text

# C0 and C1 controls and DEL; the marks that reorder text (embeddings, overrides,
# isolates, and the invisible left-to-right and right-to-left marks); the Unicode line
# and paragraph separators, which some terminals and editors treat as line breaks.
_BEYOND_C0 = r"\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_ANY_CONTROL = re.compile(rf"[\x00-\x1f{_BEYOND_C0}]")
_CONTROL_BUT_LINES = re.compile(rf"[\x00-\x08\x0b-\x1f{_BEYOND_C0}]")
_BEYOND_JSON = re.compile(f"[{_BEYOND_C0}]")  # JSON escapes C0 itself
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# A spreadsheet evaluates a cell that starts with one of these (tab and CR are escaped
# before this applies).
_FORMULA_START = ("=", "+", "-", "@")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """``text`` with every control character escaped, line breaks and tabs included: for
    a value shown in a line of its own making (a file name, a title, a message)."""
    return _ANY_CONTROL.sub(_escape, text)


def markup_line(text: str) -> str:
    """:func:`one_line`, with rich markup (``[bold]``) in it escaped too: for a value put
    into a string that rich reads as markup."""
    return escape(one_line(text))


def keep_lines(text: str) -> str:
    """``text`` with every control character but line break and tab escaped."""
    return _CONTROL_BUT_LINES.sub(_escape, text)


def csv_text(text: str) -> str:
    """A CSV cell for ``text``: control characters but line breaks escaped (a line break
    in a quoted cell is CSV), and a leading ``= + - @`` kept from being a formula."""
    text = keep_lines(text).replace("\t", "\\t")
    return "'" + text if text.startswith(_FORMULA_START) else text


def json_text(serialised: str) -> str:
    """JSON text with the controls that JSON leaves as they are (C1, DEL, the marks that
    reorder text) written as ``\\u`` escapes; JSON escapes C0 controls itself.

    Those characters occur only inside JSON strings, where the escape means the same
    character, so a program reading the JSON gets the text exactly as stored.
    """
    return _BEYOND_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", serialised)


class SafeConsole(Console):
    """A rich console that escapes control characters in every string it renders (line
    breaks and tabs, which rich lays out itself, excepted).

    Every ``print`` of a string, and every string cell, title and caption of a table,
    goes through :meth:`render_str`: one place for all that our commands print.
    """

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(keep_lines(text), **options)
