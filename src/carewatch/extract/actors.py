"""Placeholder: being written."""

from __future__ import annotations

from ..model import ActorValue
from ..text import Context


def find_actors(ctx: Context) -> list[ActorValue]:
    return []
