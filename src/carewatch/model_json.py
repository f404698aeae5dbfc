"""Model objects back from their JSON form: the inverse of :func:`~carewatch.model.to_jsonable`.

The store keeps each candidate and merged incident as ``to_jsonable(value)``; every stage
that reads one back (merging, facility linking, the situation picture) decodes it here, so
that a field added to the model is decoded everywhere at once.

>>> candidate_incident(to_jsonable(incident)) == incident
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from enum import Enum
from typing import Any

from .model import CandidateIncident

T = typing.TypeVar("T")


def from_jsonable(cls: type[T], data: dict[str, Any]) -> T:
    """The inverse of :func:`~carewatch.model.to_jsonable` for a model dataclass.

    Keys the class does not know (written by a newer CareWatch) are ignored, and keys it
    has that ``data`` lacks (written by an older one) take the field's default.
    """
    hints = _hints(cls)
    values = {
        f.name: _decode(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.init and f.name in data
    }
    return cls(**values)


def candidate_incident(data: dict[str, Any]) -> CandidateIncident:
    """A stored candidate's ``data`` (``to_jsonable(candidate)``) as the model object."""
    return from_jsonable(CandidateIncident, data)


def _hints(cls: type) -> dict[str, Any]:
    # get_type_hints evaluates the string annotations (``from __future__ import
    # annotations``) on every call, and decoding asks once per nested value.
    cached = _HINTS.get(cls)
    if cached is None:
        cached = _HINTS[cls] = typing.get_type_hints(cls)
    return cached


_HINTS: dict[type, dict[str, Any]] = {}


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return _decode(options[0], value)
        return value  # e.g. int | str: JSON kept the type
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_decode(item, v) for v in value]
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return from_jsonable(hint, value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    if hint is dt.datetime:
        return dt.datetime.fromisoformat(value)
    return value


__all__ = ["candidate_incident", "from_jsonable"]
