"""Parsing JSON that may be hostile: nesting deep enough to exhaust Python's stack, and
numbers too long for Python to convert.

``json.loads`` recurses once per level of nesting, and so do ``json.dumps`` and every
walk over the value afterwards: ``[[[[...]]]]`` a few thousand levels deep raises
:class:`RecursionError` in whichever comes first, and a value just under the parser's
limit fails later, in the hash or the store. A report record is a flat object of a few
text fields; :data:`MAX_DEPTH` levels leave room for any metadata a feed adds, and a
value deeper than that is refused as a whole, with one message, before anything else
touches it.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from ..errors import InputError

MAX_DEPTH = 100


def load_json(text: str, origin: str) -> Any:
    """``json.loads(text)``, or InputError when nested deeper than :data:`MAX_DEPTH`.

    Malformed JSON still raises :class:`json.JSONDecodeError`, for the caller to word.
    """
    try:
        value = json.loads(text)
    except RecursionError:
        raise InputError(origin, too_deep()) from None
    except json.JSONDecodeError:
        raise
    except ValueError:  # the only other: a number longer than Python converts
        raise InputError(origin, too_long_a_number()) from None
    if depth_over(value, MAX_DEPTH):
        raise InputError(origin, too_deep())
    return value


def too_long_a_number() -> str:
    limit = sys.get_int_max_str_digits()
    return f"JSON holds a number of more than {limit:,} digits, not a report record"


def too_deep() -> str:
    return f"JSON nested more than {MAX_DEPTH} levels deep, not a report record"


def depth_over(value: Any, limit: int) -> bool:
    """Whether ``value`` nests lists and objects more than ``limit`` levels deep.

    Walks with a stack of its own, so that it cannot itself run out of Python's.
    """
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if not isinstance(item, (dict, list)):
            continue
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        pending.extend((child, depth + 1) for child in children)
    return False
