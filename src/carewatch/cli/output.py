"""Output options shared by every command that prints records.

One decorator, :func:`output_options`, adds ``--format`` and ``-o/--output`` to a command
and hands it an :class:`Output`, which renders rows as a rich table for people, or as JSON
or CSV for programs. ``-o -`` (the default) writes to standard output, so commands play
well in pipes::

    carewatch incidents --format csv -o incidents.csv
    carewatch incidents --format json | jq '.[].place'
"""

from __future__ import annotations

import csv
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any, TypeVar

import click
from rich.console import Console, RenderableType
from rich.table import Table

from .neutral import SafeConsole, csv_text, json_text, one_line

F = TypeVar("F", bound=Callable[..., Any])

#: Width of tables written to a file or a pipe, where there is no terminal to measure.
PIPE_WIDTH = 140


@dataclass(frozen=True)
class Column:
    """One column of a listing: the row key, and its heading in tables."""

    key: str
    heading: str
    style: str | None = None
    no_wrap: bool = False
    min_width: int | None = None


@dataclass
class Output:
    """Where and how a command writes its records."""

    format: str
    stream: IO[str]

    def console(self) -> Console:
        """A rich console on the output stream (colour only on a terminal)."""
        width = None
        if not self.stream.isatty() and "COLUMNS" not in os.environ:
            width = PIPE_WIDTH
        return SafeConsole(file=self.stream, width=width, highlight=False, soft_wrap=False)

    def json(self, value: Any) -> None:
        """Write ``value`` as indented JSON (UTF-8 text, not ``\\u`` escapes, but for the
        control characters JSON leaves raw: :func:`~.neutral.json_text`)."""
        text = json.dumps(value, indent=2, ensure_ascii=False, default=str)
        self.stream.write(json_text(text) + "\n")

    def csv(self, columns: Sequence[Column], rows: Iterable[Mapping[str, Any]]) -> None:
        """Write rows as CSV with a header of the column keys; lists are joined with ``; ``.

        Text cells are :func:`~.neutral.csv_text`: no control characters, no formulas.
        """
        writer = csv.writer(self.stream, lineterminator="\n")
        writer.writerow([c.key for c in columns])
        for row in rows:
            writer.writerow([csv_cell(row.get(c.key)) for c in columns])

    def table(
        self,
        columns: Sequence[Column],
        rows: Iterable[Mapping[str, Any]],
        *,
        title: str | None = None,
        caption: str | None = None,
    ) -> None:
        """Write rows as a rich table; lists show one item a line."""
        table = Table(title=title, caption=caption, show_lines=True, title_justify="left")
        for c in columns:
            table.add_column(
                c.heading, style=c.style, no_wrap=c.no_wrap, min_width=c.min_width, overflow="fold"
            )
        for row in rows:
            table.add_row(*(table_cell(row.get(c.key)) for c in columns))
        self.print(table)

    def rows(
        self,
        columns: Sequence[Column],
        rows: Sequence[Mapping[str, Any]],
        *,
        title: str | None = None,
        caption: str | None = None,
    ) -> None:
        """Write a listing in the chosen format (JSON gets the rows with their own types)."""
        if self.format == "json":
            self.json([{c.key: row.get(c.key) for c in columns} for row in rows])
        elif self.format == "csv":
            self.csv(columns, rows)
        else:
            self.table(columns, rows, title=title, caption=caption)

    def print(self, *renderables: RenderableType | str) -> None:
        self.console().print(*renderables)


def table_cell(value: Any) -> str:
    """A table cell: list items a line each, and no line breaks of the values' own."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(table_cell(v) for v in value)
    return one_line(str(value))


def csv_cell(value: Any) -> str:
    """A CSV cell: text through :func:`~.neutral.csv_text`, lists joined with ``; ``.

    Numbers and dates are written as they are: never formulas, and ``-3`` stays a number.
    """
    if value is None or isinstance(value, (int, float, bool)):
        return "" if value is None else str(value)
    return csv_text(_plain(value))


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def output_options(
    *formats: str, default: str = "table", format_help: str | None = None
) -> Callable[[F], F]:
    """Add ``--format`` (one of ``formats``) and ``-o/--output`` to a click command.

    The command receives ``out: Output`` instead of the two options. ``format_help``
    replaces the general help of ``--format`` where a command's output needs describing.
    """
    choices = formats or ("table", "json", "csv")
    if format_help is None:
        format_help = _format_help(choices)

    def decorator(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, output_format: str, output_file: str, **kwargs: Any) -> Any:
            if output_file == "-":
                return command(*args, out=Output(output_format, sys.stdout), **kwargs)
            with click.open_file(output_file, "w", encoding="utf-8") as stream:
                return command(*args, out=Output(output_format, stream), **kwargs)

        wrapper = click.option(
            "-o",
            "--output",
            "output_file",
            default="-",
            show_default=True,
            metavar="FILE|-",
            help="Write to FILE instead of standard output ('-').",
        )(wrapper)
        wrapper = click.option(
            "--format",
            "output_format",
            type=click.Choice(choices, case_sensitive=False),
            default=default,
            show_default=True,
            help=format_help,
        )(wrapper)
        return wrapper  # type: ignore[return-value]

    return decorator


def _format_help(choices: Sequence[str]) -> str:
    """``table for people; json or csv for other programs.``, for the formats offered."""
    parts = ["table for people"] if "table" in choices else []
    others = [c for c in choices if c != "table"]
    if others:
        parts.append(" or ".join(others) + " for other programs")
    return "; ".join(parts) + "."
