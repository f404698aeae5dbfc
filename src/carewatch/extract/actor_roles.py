"""Actors a report names in another role than the perpetrator's.

A report names more parties than the one that attacked: the side that holds the town or
runs the clinic ("a hospital held by the RSF was shelled"), the victims ("two soldiers
guarding the team were killed"), those the victims were accused of helping ("for
treating PDF fighters"), and those who responded ("police arrested the suspects"). None of
them is the perpetrator, and none implies the perpetrator's weapon. The words that say so
are ``not_perpetrators`` in ``data/actors.json``; this module compiles and applies them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..data_files import load_json
from ..text import Context

DATA_FILE = "actors.json"
_MARK = "@@"  # where the actor's words stand in an 'around' pattern
_REACH = 80  # characters looked at on either side, within the actor's sentence


@cache
def _patterns() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]:
    roles: dict[str, Any] = load_json(DATA_FILE).get("not_perpetrators", {})

    def compiled(key: str) -> re.Pattern[str] | None:
        from .actors import compile_pattern  # a sibling that imports this module

        patterns = roles.get(key, [])
        if not patterns:
            return None
        return compile_pattern("|".join(f"(?:{p})" for p in patterns), f"not_perpetrators.{key}")

    return compiled("before"), compiled("after"), compiled("around")


def in_other_role(ctx: Context, start: int, end: int) -> bool:
    """Whether the actor named at ``[start, end)`` is named as something other than the
    perpetrator: the holder of a place, a victim, a party helped, or a responder."""
    before, after, around = _patterns()
    sentence = ctx.sentences[ctx.sentence_index(start)] if ctx.sentences else None
    low = max(sentence.start if sentence else 0, start - _REACH)
    high = min(sentence.end if sentence else len(ctx.norm), end + _REACH)
    left, right = ctx.norm[low:start], ctx.norm[end:high]
    if before is not None and before.search(left):
        return True
    if after is not None and after.match(right):
        return True
    return around is not None and around.search(f"{left}{_MARK}{right}") is not None
