"""Actors a coding convention attributes an act to, where a report names no perpetrator.

The rules are ``conventions`` in ``data/actors.json``: an arrest is the police's act, an
order to evacuate the authorities', a cyber attack criminals'. An air strike goes to the
party that operates aircraft where and when it happened; that needs the incident's
country and date, so it is found here as a placeholder (:data:`AIR_OPERATOR`) that
:func:`carewatch.resolve.actors.assign_actor_types` resolves or drops. Every actor found
here has basis ``"convention"``: the words at its span name the act, not the actor.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..data_files import load_json
from ..model import ActorType, ActorValue
from ..text import Context
from .actors import DATA_FILE, compile_pattern

AIR_OPERATOR = "party operating aircraft"  # placeholder normalised name, see the docstring
CONVENTION = "convention"


def _compile(patterns: list[str], where: str) -> re.Pattern[str]:
    alternation = "|".join(f"(?:{p})" for p in patterns)
    return compile_pattern(rf"\b(?:{alternation})(?![\w-])", where)


@cache
def _on_perpetrators() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    rules: dict[str, Any] = load_json(DATA_FILE).get("conventions", {}).get("not_on_perpetrators", {})
    before, after = rules.get("before", []), rules.get("after", [])
    return (
        compile_pattern("|".join(f"(?:{p})" for p in before), "not_on_perpetrators.before") if before else None,
        compile_pattern("|".join(f"(?:{p})" for p in after), "not_on_perpetrators.after") if after else None,
    )


def taken_is_perpetrator(ctx: Context, start: int, end: int) -> bool:
    """Whether the arrest or detention at ``[start, end)`` takes the attacker, not a health
    worker: "the perpetrator was arrested", "police arrested the suspects"."""
    before, after = _on_perpetrators()
    sentence = ctx.sentences[ctx.sentence_index(start)] if ctx.sentences else None
    left = ctx.norm[max(sentence.start if sentence else 0, start - 120) : start]
    right = ctx.norm[end : min(sentence.end if sentence else len(ctx.norm), end + 120)]
    return bool((before is not None and before.search(left)) or (after is not None and after.match(right)))


@cache
def _rules() -> tuple[re.Pattern[str] | None, tuple[tuple[re.Pattern[str], str, ActorType], ...]]:
    conventions: dict[str, Any] = load_json(DATA_FILE).get("conventions", {})
    air = conventions.get("air_patterns", [])
    acts = tuple(
        (_compile(rule["patterns"], f"conventions.acts[{i}]"), rule["normalised"],
         ActorType(rule["type"]))
        for i, rule in enumerate(conventions.get("acts", []))
    )
    return (_compile(air, "conventions.air_patterns") if air else None), acts


def conventional_actors(ctx: Context) -> list[ActorValue]:
    """The actors conventions attribute the report's acts to: an air strike's placeholder
    first, then the actor of the first act rule that matches (at its first match)."""
    air, acts = _rules()
    found = []
    if air is not None and (m := air.search(ctx.norm)):
        found.append(_convention(ctx, m, AIR_OPERATOR, ActorType.UNKNOWN))
    for pattern, normalised, actor_type in acts:
        m = next((m for m in pattern.finditer(ctx.norm)
                  if not taken_is_perpetrator(ctx, m.start(), m.end())), None)
        if m is not None:
            found.append(_convention(ctx, m, normalised, actor_type))
            break
    return found


def _convention(ctx: Context, m: re.Match[str], normalised: str, kind: ActorType) -> ActorValue:
    return ActorValue(name=normalised, actor_type=kind, normalised=normalised,
                      span=ctx.span(m.start(), m.end()), basis=CONVENTION)
