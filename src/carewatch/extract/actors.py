"""Find the alleged perpetrators a report names, as written, with their spans.

Everything the finder knows is in ``data/actors.json``; this module compiles and applies it:

- a state's demonym (or name after "by") before a head word that names forces, police,
  settlers or what forces use: "Russian and Syrian air strikes" gives "Russian" and
  "Syrian"; "by Israeli forces" gives "Israeli forces". A demonym before any other word
  ("Syrian American Medical Society", "the Syrian civil war") is no actor;
- named and generic groups ("Al-Shabaab", "RSF", "gunmen", "police", "soldiers");
- people who are perpetrators only as agents ("by protesters", "a patient's relatives
  attacked"), kept only where the text makes them the agent.

Blocker names (organisations, "military hospital") claim their words first. The type each
actor is found with is its default; :func:`carewatch.resolve.actors.assign_actor_types`
decides the final type from the country where the incident happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..data_files import load_json
from ..errors import DataFileError
from ..model import ActorType, ActorValue
from ..text import Context
from .actor_roles import in_other_role

DATA_FILE = "actors.json"
GENERIC_STATE = "state armed forces"  # ``normalised`` of "soldiers", "the army": any state's
_ATTACK_HEADS = "attack"
# "a Taliban-planted mine", "ISIS-laid explosives": the group is named in the compound.
_MADE_BY = r"(?:-(?:planted|laid|placed|made|fired|launched|dropped|operated))?"  # heads naming what forces used: the demonym alone is the actor


@dataclass(frozen=True)
class _Group:
    pattern: re.Pattern[str]
    normalised: str
    actor_type: ActorType
    country: str | None
    agent_only: bool | str  # True: agent by "by X" or "X attacked"; "by": by "by X" only


@dataclass(frozen=True)
class _Lexicon:
    blockers: re.Pattern[str] | None
    chain: re.Pattern[str]  # demonym (and demonym)* head
    by_name: re.Pattern[str]  # by Russia / Russia's forces
    demonym: re.Pattern[str]  # any one demonym
    demonyms: tuple[tuple[re.Pattern[str], str], ...]  # (full-match pattern, country code)
    names: tuple[tuple[re.Pattern[str], str], ...]
    heads: tuple[tuple[re.Pattern[str], str], ...]  # (full-match pattern, head kind)
    forces: dict[str, str]  # country code -> normalised name of its forces
    groups: tuple[_Group, ...]
    agent_before: re.Pattern[str]
    agent_after: re.Pattern[str]


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


def compile_pattern(pattern: str, where: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise DataFileError(f"{DATA_FILE}: bad pattern in {where}: {exc}") from exc


@cache
def _lexicon() -> _Lexicon:
    data: dict[str, Any] = load_json(DATA_FILE)
    states: dict[str, Any] = data["states"]
    demonyms = [d for s in states.values() for d in s["demonyms"]]
    names = [n for s in states.values() for n in s["names"]]
    heads: dict[str, list[str]] = data["state_heads"]
    all_heads = _alt([h for hs in heads.values() for h in hs])
    # Demonyms and names are proper nouns: matched case-sensitively ("US", not "us").
    dem = f"(?-i:{_alt(demonyms)})"
    modifiers = _alt(data.get("state_head_modifiers", []))
    chain = (
        rf"\b(?P<chain>{dem}(?:\s*(?:,|and/or|and|or|/|-)\s*{dem})*)"
        rf"(?:\s+|-)(?:(?:{modifiers})\s+){{0,2}}(?P<head>{all_heads})\b"
    )
    suffixes = _alt(data.get("group_suffixes", []))
    name = f"(?-i:{_alt(names)})"
    by_name = (
        rf"\bby\s+(?:the\s+)?(?P<name>{name})\b(?!\s*(?:-|'s)?\s*(?:-?backed|-?led))"
        # "by Pakistan police": the name and its head are read by the second branch
        rf"(?!(?:'s)?\s+(?:\w+\s+)??(?:{all_heads})\b)"
        rf"|\b(?P<poss>{name})(?:'s)?\s+(?:\w+\s+)??(?P<phead>{all_heads})\b"
    )
    groups = []
    for i, entry in enumerate(data["groups"]):
        groups.append(
            _Group(
                pattern=compile_pattern(
                    rf"\b(?:{_alt(entry['patterns'])})(?:\s+(?:{suffixes}))?{_MADE_BY}(?![\w-])",
                    f"groups[{i}]",
                ),
                normalised=entry["normalised"],
                actor_type=ActorType(entry["type"]),
                country=entry.get("country"),
                agent_only=entry.get("agent_only", False),
            )
        )
    blockers = data.get("blockers", [])
    agent = data["agent_context"]
    return _Lexicon(
        blockers=compile_pattern(rf"\b(?:{_alt(blockers)})\b", "blockers") if blockers else None,
        chain=compile_pattern(chain, "states/state_heads"),
        by_name=compile_pattern(by_name, "states.names"),
        demonym=compile_pattern(rf"\b{dem}\b", "states.demonyms"),
        demonyms=tuple(
            (compile_pattern(f"(?:{d})", f"states.{code}", 0), code)
            for code, s in states.items()
            for d in s["demonyms"]
        ),
        names=tuple(
            (compile_pattern(f"(?:{n})", f"states.{code}", 0), code)
            for code, s in states.items()
            for n in s["names"]
        ),
        heads=tuple(
            (compile_pattern(f"(?:{h})", f"state_heads.{kind}"), kind) for kind, hs in heads.items() for h in hs
        ),
        forces={code: s["forces"] for code, s in states.items()},
        groups=tuple(groups),
        agent_before=compile_pattern(agent["before"], "agent_context.before"),
        agent_after=compile_pattern(agent["after"], "agent_context.after"),
    )


def _lookup(table: tuple[tuple[re.Pattern[str], str], ...], text: str) -> str | None:
    for pattern, value in table:
        if pattern.fullmatch(text):
            return value
    return None


def _state_actor(
    ctx: Context, lexicon: _Lexicon, start: int, end: int, code: str, head_kind: str
) -> ActorValue:
    name = ctx.text[start:end]
    if head_kind == "police_security":
        actor_type, normalised = ActorType.POLICE, f"{name} police and security forces"
    elif head_kind == "civilian":
        actor_type, normalised = ActorType.CIVILIAN, name
    else:
        actor_type, normalised = ActorType.STATE_FORCES, lexicon.forces[code]
    return ActorValue(name, actor_type, normalised, code, ctx.span(start, end))


def find_actors(ctx: Context) -> list[ActorValue]:
    """Alleged perpetrators named in the text, in text order, each with its span; where
    the text names none, those a coding convention attributes its acts to."""
    from .actor_conventions import conventional_actors  # here: that module imports this one

    return find_named_actors(ctx) or conventional_actors(ctx)


def find_named_actors(ctx: Context) -> list[ActorValue]:
    """Alleged perpetrators named in the text, in text order, each with its span."""
    # The means finder asks too (a weapon implied by the actor): scan the text once.
    known = ctx.notes.get("named_actors")
    if not isinstance(known, list):
        known = ctx.notes["named_actors"] = _named_actors(ctx)
    return list(known)


def _named_actors(ctx: Context) -> list[ActorValue]:
    lexicon = _lexicon()
    text = ctx.norm
    claimed: list[tuple[int, int]] = []
    if lexicon.blockers is not None:
        claimed = [m.span() for m in lexicon.blockers.finditer(text)]

    # (start, end, rank, actors): on the very same words a named group (rank 0) beats a
    # demonym-and-head reading (rank 1): "Libyan National Army" is the LNA, not Libya's army.
    candidates: list[tuple[int, int, int, list[ActorValue]]] = []
    for m in lexicon.chain.finditer(text):
        head_kind = _lookup(lexicon.heads, m.group("head")) or _ATTACK_HEADS
        parts = list(lexicon.demonym.finditer(m.group("chain")))
        found = []
        for part in parts:
            piece = part.group(0)
            code = _lookup(lexicon.demonyms, piece)
            if code is None:
                continue
            start = m.start("chain") + part.start()
            end = start + len(piece)
            if len(parts) == 1 and head_kind != _ATTACK_HEADS:
                end = m.end("head")
            found.append(_state_actor(ctx, lexicon, start, end, code, head_kind))
        if found:
            candidates.append((m.start(), m.end(), 1, found))
    for m in lexicon.by_name.finditer(text):
        group = "name" if m.group("name") else "poss"
        code = _lookup(lexicon.names, m.group(group))
        if code is not None:
            head_kind = _lookup(lexicon.heads, m.group("phead") or "forces") or _ATTACK_HEADS
            start, end = m.span(group)
            actor = _state_actor(ctx, lexicon, start, end, code, head_kind)
            candidates.append((start, end, 1, [actor]))
    for group_entry in lexicon.groups:
        for m in group_entry.pattern.finditer(text):
            if group_entry.agent_only and not _is_agent(text, m.start(), m.end(), lexicon,
                                                        by_only=group_entry.agent_only == "by"):
                continue
            actor = ActorValue(
                name=ctx.text[m.start() : m.end()],
                actor_type=group_entry.actor_type,
                normalised=group_entry.normalised,
                country_code=group_entry.country,
                span=ctx.span(m.start(), m.end()),
            )
            candidates.append((m.start(), m.end(), 0, [actor]))

    # Longest first: "Israeli Defence Forces" beats "Israeli ... forces", "armed men" beats "men".
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    actors: list[ActorValue] = []
    for start, end, _rank, found in candidates:
        if any(start < e and s < end for s, e in claimed):
            continue
        claimed.append((start, end))
        actors.extend(a for a in found if a.span is None or not in_other_role(ctx, a.span.start, a.span.end))
    actors.sort(key=lambda a: a.span.start if a.span else 0)
    return actors


def _is_agent(text: str, start: int, end: int, lexicon: _Lexicon, by_only: bool = False) -> bool:
    """Whether the text makes the words at [start, end) the doer: "by X", "X attacked"
    (with ``by_only``, "by X" alone)."""
    if lexicon.agent_before.search(text[max(0, start - 60) : start]):
        return True
    return not by_only and bool(lexicon.agent_after.search(text[end : end + 80]))
