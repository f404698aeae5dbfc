"""carewatch.cli.neutral: what each kind of output makes of hostile text."""

from __future__ import annotations

import io
import json

import pytest

from carewatch.cli.neutral import SafeConsole, csv_text, json_text, keep_lines, one_line


def test_one_line_escapes_every_control_and_keeps_the_rest() -> None:
    assert one_line("a\x1b[31mb\nrejected: x\t\u202ey\x9b\x00") == (
        "a\\x1b[31mb\\nrejected: x\\t\\u202ey\\x9b\\x00"
    )
    assert one_line("Médecins Sans Frontières — «Alep» حلب") == "Médecins Sans Frontières — «Alep» حلب"


def test_keep_lines_keeps_line_breaks_and_tabs_only() -> None:
    assert keep_lines("a\nb\tc\r\x1b") == "a\nb\tc\\r\\x1b"


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)"])
def test_a_cell_a_spreadsheet_would_run_starts_with_an_apostrophe(cell: str) -> None:
    assert csv_text(cell) == "'" + cell


def test_tab_and_carriage_return_cannot_start_a_formula() -> None:
    assert csv_text("\t=1") == "\\t=1" and csv_text("\r=1") == "\\r=1"
    assert csv_text("two\nlines") == "two\nlines"  # a quoted CSV cell holds a line break


def test_json_text_is_the_same_json() -> None:
    value = {"title": "x\u202ey\x9bz\x1b\u2028", "n": [1, "=2"]}
    text = json_text(json.dumps(value, ensure_ascii=False, indent=2))
    assert "\u202e" not in text and "\x9b" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_the_console_escapes_what_it_renders_but_not_its_own_layout() -> None:
    stream = io.StringIO()
    SafeConsole(file=stream, width=80).print("first\x1b[2J\nsecond")
    assert stream.getvalue() == "first\\x1b[2J\nsecond\n"
