"""Give each alleged perpetrator its :class:`~carewatch.model.ActorType` in context.

A state's forces are ``state_armed_forces`` in their own country and
``foreign_state_forces`` elsewhere; "soldiers" or "the army" are the forces of the country
where the incident happened; a group may become a de facto government from a date (the
Taliban in Afghanistan from 15 August 2021); and coding conventions per country (Israeli
forces in the occupied Palestinian territory are coded as the government's armed forces)
come from ``data/actors.json``. When the country is unknown each actor keeps the default
type it was found with.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import cache
from typing import Any

from ..data_files import load_json
from ..extract.actor_conventions import AIR_OPERATOR
from ..extract.actors import DATA_FILE, GENERIC_STATE
from ..model import ActorType, ActorValue


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_json(DATA_FILE)
    return data


@cache
def _groups_by_name() -> dict[str, dict[str, Any]]:
    return {g["normalised"]: g for g in _data()["groups"]}


def _country_name(code: str) -> str:
    try:
        import pycountry

        country = pycountry.countries.get(alpha_3=code)
    except (ImportError, LookupError, KeyError):
        country = None
    return getattr(country, "common_name", None) or getattr(country, "name", None) or code


def _forces_of(code: str) -> str:
    state = _data()["states"].get(code)
    return state["forces"] if state else f"armed forces of {_country_name(code)}"


def assign_actor_types(
    actors: list[ActorValue], country_code: str | None, date: dt.date | None = None
) -> list[ActorValue]:
    """Return copies of ``actors`` typed for an incident in ``country_code`` (ISO alpha-3).

    ``date`` (the incident's date, if known) decides date-bound rules such as a group
    becoming the de facto government; without it the rule's present state applies.
    """
    country = country_code.upper() if country_code else None
    named = _named_state(actors, country, date)
    typed = []
    for actor in actors:
        if (named and actor.normalised == GENERIC_STATE and actor.country_code is None
                and not _OWN_GOVERNMENT.search(actor.name)):
            # "Israeli forces opened fire ... Soldiers then detained the ambulance": where
            # the forces the report names hold the place, bare soldiers are theirs.
            actor = dataclasses.replace(actor, country_code=named, normalised=_forces_of(named),
                                        actor_type=ActorType.STATE_FORCES)
        if actor.normalised == AIR_OPERATOR:
            operator = _air_operator(actor, country, date)
            if operator is None:
                continue  # no convention for this conflict: the placeholder is no actor
            actor = operator
        typed.append(_assign(actor, country, date))
    return typed


_OWN_GOVERNMENT = re.compile(r"\b(?:government|regime|national|state)\b", re.IGNORECASE)


def _named_state(actors: list[ActorValue], country: str | None, date: dt.date | None) -> str | None:
    """The one state the actors name whose forces act as the state's forces where the
    incident happened (its own, or an occupying power by convention), if exactly one."""
    states = {
        typed.country_code
        for typed in (_assign(a, country, date) for a in actors
                      if a.country_code and a.normalised != GENERIC_STATE)
        if typed.actor_type is ActorType.STATE_FORCES and typed.country_code != country
    }
    return states.pop() if len(states) == 1 else None


def _air_operator(actor: ActorValue, country: str | None, date: dt.date | None) -> ActorValue | None:
    """The party that operated aircraft in ``country`` on ``date`` (any date if unknown),
    in place of the placeholder an unattributed air strike was found with."""
    if country is None:
        return None
    for entry in _data().get("conventions", {}).get("air_operators", {}).get(country, []):
        since, until = entry.get("since"), entry.get("until")
        if date is not None and (
            (since and date < dt.date.fromisoformat(since))
            or (until and date > dt.date.fromisoformat(until))
        ):
            continue
        if "group" in entry:
            group = _groups_by_name()[entry["group"]]
            name, kind, code = group["normalised"], ActorType(group["type"]), group.get("country")
        else:
            code = entry["state"]
            name, kind = _forces_of(code), ActorType.STATE_FORCES
        return dataclasses.replace(actor, name=name, normalised=name, actor_type=kind,
                                   country_code=code)
    return None


def _assign(actor: ActorValue, country: str | None, date: dt.date | None) -> ActorValue:
    entry = _groups_by_name().get(actor.normalised or "")
    if entry is not None and country is None and date is not None:
        # A group that had become the de facto government of one country by the incident's
        # date acts as that government's forces even where the report names no place
        # ("a doctor was detained by Taliban fighters", dated 2023).
        ruled = [c for c, since in entry.get("becomes_state", {}).items()
                 if date >= dt.date.fromisoformat(since)]
        if len(ruled) == 1:
            country = ruled[0]
    if entry is not None and country is not None:
        since = entry.get("becomes_state", {}).get(country)
        if since is not None and (date is None or date >= dt.date.fromisoformat(since)):
            return dataclasses.replace(
                actor,
                actor_type=ActorType.STATE_FORCES,
                normalised=entry.get("state_normalised", actor.normalised),
                country_code=country,
            )
        override = entry.get("type_in_country", {}).get(country)
        if override is not None:
            return dataclasses.replace(actor, actor_type=ActorType(override))

    if actor.normalised == GENERIC_STATE and actor.country_code is None:
        if country is None:
            return actor
        return dataclasses.replace(actor, country_code=country, normalised=_forces_of(country))

    armed = actor.actor_type in (ActorType.STATE_FORCES, ActorType.FOREIGN_FORCES)
    if armed and actor.country_code and country is None:
        if actor.country_code in _data().get("expeditionary_states", {}).get("codes", []):
            return dataclasses.replace(actor, actor_type=ActorType.FOREIGN_FORCES)
        return actor
    if armed and actor.country_code and country is not None:
        convention = _data().get("country_conventions", {}).get(country, {})
        if actor.country_code in convention:
            return dataclasses.replace(actor, actor_type=ActorType(convention[actor.country_code]))
        own = actor.country_code == country
        kind = ActorType.STATE_FORCES if own else ActorType.FOREIGN_FORCES
        return dataclasses.replace(actor, actor_type=kind)
    return actor


def primary_actor(actors: list[ActorValue]) -> ActorValue | None:
    """The actor to report when one must be chosen: the first of a known type, else the first.

    Where a state's own forces and foreign forces are named together ("Syrian and Russian
    warplanes", "Russian or Syrian air strikes"), the state's own forces come first: the
    coders attribute such a joint or uncertain attack to the government (41 of 48 coded
    development rows naming both).
    """
    own = [a for a in actors if a.actor_type is ActorType.STATE_FORCES]
    if own and any(a.actor_type is ActorType.FOREIGN_FORCES for a in actors):
        return own[0]
    for actor in actors:
        if actor.actor_type is not ActorType.UNKNOWN:
            return actor
    return actors[0] if actors else None
