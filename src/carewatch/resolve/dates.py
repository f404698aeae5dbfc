"""Placeholder: being written."""

from __future__ import annotations

from ..model import DateValue
from ..text import Context


def find_dates(ctx: Context) -> list[DateValue]:
    return []


def find_times(ctx: Context) -> list[tuple[object, str]]:
    return []
