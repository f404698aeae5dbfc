"""Placeholder: being written."""

from __future__ import annotations

from ..model import ActorValue


def assign_actor_types(actors: list[ActorValue], country_code: str | None) -> list[ActorValue]:
    return actors
