"""Find the means of attack (weapons and other means) a report names, with their spans.

The taxonomy and every trigger live in ``data/means.json``; this module only compiles
and applies them. Matching runs in three tiers, so that a generic word never outvotes a
specific one:

1. explicit means ("air strike", "shelled", "opened fire", "set fire to");
2. weak means ("explosion", "bomb"), kept only where no explicit mean shares the sentence;
3. means implied by a documented coding convention (an abduction by armed men is coded
   ``firearms``), kept only where no stated mean is within a window of sentences;
4. a default the coders apply when a report states no means at all (a health worker
   "was injured" is coded ``firearms``), used only where tiers 1-3 found nothing.

Blocker phrases ("ceasefire", "bomb shelter", "was fired by the director") claim their
words first, so the triggers inside them never match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..data_files import load_json
from ..errors import DataFileError
from ..model import MeansValue
from ..text import Context
from .actor_conventions import taken_is_perpetrator

DATA_FILE = "means.json"
UNKNOWN = "unknown"

EXPLICIT, WEAK, IMPLIED, DEFAULT = 0, 1, 2, 3


@dataclass(frozen=True)
class _Lexicon:
    blockers: re.Pattern[str] | None
    # (tier, category, compiled alternation of that category's patterns)
    triggers: tuple[tuple[int, str, re.Pattern[str]], ...]
    window: int
    priority: dict[str, int]
    weapons_below: int  # a stated mean of a lower priority names a weapon
    # (category, actor types) of conventions that armed actors imply
    actor_rules: tuple[tuple[str, frozenset[str]], ...]
    unarmed_actors: frozenset[str]  # normalised names of actors that imply no arms
    labels: dict[str, str]
    # (category, only these actor types or None, patterns) for texts that state no means
    defaults: tuple[tuple[str, frozenset[str] | None, re.Pattern[str]], ...] = ()


def _compile(patterns: Sequence[str], name: str) -> re.Pattern[str] | None:
    if not patterns:
        return None
    alternation = "|".join(f"(?:{p})" for p in patterns)
    try:
        return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)
    except re.error as exc:
        raise DataFileError(f"{DATA_FILE}: bad pattern in {name}: {exc}") from exc


@cache
def _lexicon() -> _Lexicon:
    data: dict[str, Any] = load_json(DATA_FILE)
    categories: dict[str, Any] = data["categories"]
    triggers: list[tuple[int, str, re.Pattern[str]]] = []
    for key, entry in categories.items():
        for tier, field in ((EXPLICIT, "patterns"), (WEAK, "weak_patterns")):
            compiled = _compile(entry.get(field, []), f"{key}.{field}")
            if compiled is not None:
                triggers.append((tier, key, compiled))
    conventions = data.get("conventions", {})
    actor_rules = []
    unarmed: set[str] = set()
    for i, rule in enumerate(conventions.get("implied", [])):
        if rule.get("armed_actor_types"):
            actor_rules.append((rule["category"], frozenset(rule["armed_actor_types"])))
        unarmed.update(rule.get("unarmed_actors", []))
        if rule["category"] not in categories:
            raise DataFileError(f"{DATA_FILE}: convention {i} names unknown {rule['category']!r}")
        compiled = _compile(rule["patterns"], f"conventions.implied[{i}]")
        if compiled is not None:
            triggers.append((IMPLIED, rule["category"], compiled))
    return _Lexicon(
        blockers=_compile(data.get("blockers", []), "blockers"),
        triggers=tuple(triggers),
        window=int(conventions.get("window_sentences", 1)),
        weapons_below=int(conventions.get("weapons_below_priority", 99)),
        priority={k: int(v) for k, v in data.get("priority", {}).items()},
        labels={k: str(v["label"]) for k, v in categories.items()},
        actor_rules=tuple(actor_rules),
        unarmed_actors=frozenset(unarmed),
        defaults=_defaults(conventions.get("default", []), categories),
    )


def _defaults(
    rules: list[dict[str, Any]], categories: dict[str, Any]
) -> tuple[tuple[str, frozenset[str] | None, re.Pattern[str]], ...]:
    compiled = []
    for i, rule in enumerate(rules):
        if rule["category"] not in categories:
            raise DataFileError(f"{DATA_FILE}: default {i} names unknown {rule['category']!r}")
        pattern = _compile(rule["patterns"], f"conventions.default[{i}]")
        if pattern is not None:
            only = rule.get("only_actor_types")
            compiled.append((rule["category"], frozenset(only) if only else None, pattern))
    return tuple(compiled)


def means_categories() -> dict[str, str]:
    """Every category key of the taxonomy, with its human label."""
    return dict(_lexicon().labels)


def find_means(ctx: Context) -> list[MeansValue]:
    """The means of attack the text names, in text order, each with its span."""
    lexicon = _lexicon()
    text = ctx.norm
    claimed: list[tuple[int, int]] = []
    if lexicon.blockers is not None:
        claimed = [m.span() for m in lexicon.blockers.finditer(text)]

    found: list[tuple[int, int, int, str]] = []  # start, end, tier, category
    for tier, category, pattern in lexicon.triggers:
        found.extend((m.start(), m.end(), tier, category) for m in pattern.finditer(text)
                     if tier != IMPLIED or not _arrest_of_perpetrator(ctx, m))
    # Longest match first, then the stronger tier: "car bomb" beats "bomb".
    found.sort(key=lambda f: (f[0] - f[1], f[2], f[0]))
    kept: list[tuple[int, int, int, str]] = []
    for candidate in found:
        start, end = candidate[0], candidate[1]
        if any(start < e and s < end for s, e in claimed):
            continue
        claimed.append((start, end))
        kept.append(candidate)
    kept.extend(_implied_by_actors(ctx, lexicon, claimed))
    kept.sort()
    tiered = _apply_tiers(ctx, kept, lexicon) or _default_means(ctx, lexicon, claimed)
    return [_means_value(ctx, f[3], f[0], f[1], f[2]) for f in tiered]


_ARREST = re.compile(r"arrest|detain|detention|custody|imprison|jail|apprehend", re.IGNORECASE)


def _arrest_of_perpetrator(ctx: Context, m: re.Match[str]) -> bool:
    """"The perpetrator was arrested": the law's response to an attack implies no weapon."""
    return bool(_ARREST.search(m.group(0))) and taken_is_perpetrator(ctx, m.start(), m.end())


def _default_means(
    ctx: Context, lexicon: _Lexicon, claimed: list[tuple[int, int]]
) -> list[tuple[int, int, int, str]]:
    """The coders' default for a text that states no means: its first matching act.

    A rule with ``only_actor_types`` applies only where every actor the text names is of
    those types (an attack by a patient's relatives is unarmed)."""
    from .actors import find_named_actors  # a sibling finder; imported late to keep start-up light

    if not lexicon.defaults:
        return []
    types = {actor.actor_type.value for actor in find_named_actors(ctx)}
    for category, only, pattern in lexicon.defaults:
        if only is not None and not (types and types <= only):
            continue
        for m in pattern.finditer(ctx.norm):
            if not any(m.start() < e and s < m.end() for s, e in claimed):
                return [(m.start(), m.end(), DEFAULT, category)]
    return []


def _implied_by_actors(
    ctx: Context, lexicon: _Lexicon, claimed: list[tuple[int, int]]
) -> list[tuple[int, int, int, str]]:
    """Means implied by the armed actors the text names (see the conventions in the data)."""
    if not lexicon.actor_rules:
        return []
    from .actors import find_named_actors  # a sibling finder; imported late to keep start-up light

    implied = []
    for actor in find_named_actors(ctx):
        if actor.span is None:
            continue
        start, end = actor.span.start, actor.span.end
        if any(start < e and s < end for s, e in claimed):
            continue
        if actor.normalised in lexicon.unarmed_actors:
            continue
        for category, types in lexicon.actor_rules:
            if actor.actor_type.value in types:
                implied.append((start, end, IMPLIED, category))
                break
    return implied


def _means_value(ctx: Context, category: str, start: int, end: int, tier: int) -> MeansValue:
    basis = "convention" if tier in (IMPLIED, DEFAULT) else "text"
    return MeansValue(category=category, span=ctx.span(start, end), basis=basis)


def _apply_tiers(
    ctx: Context, kept: list[tuple[int, int, int, str]], lexicon: _Lexicon
) -> list[tuple[int, int, int, str]]:
    """Drop weak means near explicit ones of another kind ("an air strike ... the
    explosion"), and implied means beside a stated weapon."""
    if not kept:
        return kept
    sentence_of = {f[0]: ctx.sentence_index(f[0]) for f in kept}
    explicit = [(sentence_of[f[0]], f[3]) for f in kept if f[2] == EXPLICIT]
    weapons = [(sentence_of[f[0]], lexicon.priority.get(f[3], 99)) for f in kept if f[2] != IMPLIED]
    result = []
    for f in kept:
        sentence = sentence_of[f[0]]
        if f[2] == WEAK and any(abs(sentence - s) <= lexicon.window and c != f[3] for s, c in explicit):
            continue
        if f[2] == IMPLIED:
            rank = lexicon.priority.get(f[3], 99)
            if any(abs(sentence - s) <= lexicon.window and (p <= rank or p < lexicon.weapons_below)
                   for s, p in weapons):
                continue
        result.append(f)
    return result


def means_priority(category: str) -> int:
    """Rank of a category when one mean must be chosen (lower first)."""
    return _lexicon().priority.get(category, 99)


def primary_means(means: Sequence[MeansValue]) -> MeansValue | None:
    """The one mean that best characterises an incident: most specific kind, then earliest.

    Specific munitions (cluster, white phosphorus, incendiary, chemical) come before the
    platform that delivered them, weapons before assault, assault before no direct
    violence; a weapon the text names beats any convention's inference, and among equals
    a stated mean beats an inferred one, then the first mentioned wins.
    """
    if not means:
        return None
    order = {id(m): i for i, m in enumerate(means)}
    weapons_below = _lexicon().weapons_below

    def rank(m: MeansValue) -> tuple[bool, int, bool, int]:
        stated = m.basis == "text"
        priority = means_priority(m.category)
        return (
            not (stated and priority < weapons_below),  # a weapon the text names first
            priority,
            not stated,
            m.span.start if m.span is not None else order[id(m)],
        )

    return min(means, key=rank)
