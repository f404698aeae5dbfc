"""Extractors: Document text in, :class:`~carewatch.model.Extraction` out.

Extractors are registered by a versioned name (``carewatch.rules.v1``) behind one small
interface, like spaCy's registered components: a better one is added under a new name,
and what a published name does is never changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

from ..errors import UnknownExtractorError
from ..model import Extraction

DEFAULT_EXTRACTOR = "carewatch.rules.v1"


class Extractor(Protocol):
    """The interface every extractor provides.

    An extractor may also have a ``version`` (a string): the build of its rules or model.
    Its extractions then carry it, and stored readings made by another version are
    reported as outdated (``carewatch reextract --outdated``).
    """

    name: str

    def extract(self, text: str, published: dt.date | None = None) -> Extraction: ...


def extractor_version(extractor: Extractor) -> str | None:
    """The extractor's ``version``, if it has one."""
    version = getattr(extractor, "version", None)
    return version if isinstance(version, str) else None


_REGISTRY: dict[str, Callable[[], Extractor]] = {}


def register_extractor(name: str) -> Callable[[Callable[[], Extractor]], Callable[[], Extractor]]:
    """Register a factory that builds the extractor called ``name``."""

    def decorator(factory: Callable[[], Extractor]) -> Callable[[], Extractor]:
        _REGISTRY[name] = factory
        return factory

    return decorator


def registered_extractors() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


_INSTANCES: dict[str, Extractor] = {}


def get_extractor(name: str = DEFAULT_EXTRACTOR) -> Extractor:
    """The extractor registered as ``name`` (built once per process)."""
    _load_builtins()
    if name not in _INSTANCES:
        try:
            factory = _REGISTRY[name]
        except KeyError:
            known = ", ".join(sorted(_REGISTRY)) or "none"
            raise UnknownExtractorError(f"no extractor named {name!r}; known: {known}") from None
        _INSTANCES[name] = factory()
    return _INSTANCES[name]


def _load_builtins() -> None:
    # Importing the module runs its @register_extractor decorators.
    from . import rules  # noqa: F401
