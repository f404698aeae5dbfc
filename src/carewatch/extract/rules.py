"""The default extractor, ``carewatch.rules.v1``: deterministic, offline, fast."""

from __future__ import annotations

import datetime as dt

from ..model import Extraction
from ..text import Context
from . import register_extractor

NAME = "carewatch.rules.v1"


class RuleExtractor:
    name = NAME

    def extract(self, text: str, published: dt.date | None = None) -> Extraction:
        ctx = Context(text, published)
        return Extraction(extractor=self.name, published=ctx.published)


@register_extractor(NAME)
def _build() -> RuleExtractor:
    return RuleExtractor()
