"""Tokenisation and sentence splitting shared by every rule-based component.

One blank English spaCy pipeline (tokenizer and rule-based sentencizer: nothing to
download) is built per process. Components read tokens and sentences from the
:class:`Context` and report character offsets, never token indices, so that their
results stay valid whatever tokenizer produced them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING

from .model import Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@cache
def nlp() -> Language:
    """The shared blank English pipeline with a sentencizer."""
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


def normalise_quotes(text: str) -> str:
    """Fold typographic apostrophes and quotes to ASCII, keeping every offset unchanged."""
    return text.translate(_QUOTES)


_LINE_END = re.compile(r"\n")
_CLOSED = re.compile(r"[.!?:;\"')\]]\s*$")
_BULLET = re.compile(r"[ \t]*(?:[-•*–]|\d{1,2}[.)])\s")
_HEADING_WORDS = 8


def block_breaks(text: str, start: int, end: int) -> list[int]:
    """Where a block of text ends inside ``text[start:end]`` though no full stop says so:
    at a blank line; at a line break after a line that closes ("... killed." or "...:"),
    before a bullet ("- On Saturday ..."), or after a short line with no closing mark (a
    heading: "Missile strike hits hospital"). A line a writer wrapped mid-sentence runs on."""
    breaks = []
    line_start = text.rfind("\n", 0, start) + 1
    for newline in _LINE_END.finditer(text, start, end):
        line = text[max(line_start, start) : newline.start()]
        following = text[newline.end() : min(end, newline.end() + 80)]
        blank = not following.split("\n", 1)[0].strip() or not line.strip()
        if blank or _CLOSED.search(line) or _BULLET.match(following) or (
                0 < len(line.split()) <= _HEADING_WORDS and following[:1].isupper()):
            breaks.append(newline.end())
        line_start = newline.end()
    return breaks
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})


def fold(text: str) -> str:
    """Lower-case and strip accents, for matching names written with or without them."""
    decomposed = unicodedata.normalize("NFKD", normalise_quotes(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass
class Context:
    """A document under extraction: its text, its tokens and its publication date.

    ``text`` is the document text exactly as stored; ``norm`` has the same length with
    typographic quotes folded, for matching. Offsets into either are interchangeable.
    """

    text: str
    published: dt.date | None = None
    notes: dict[str, object] = field(default_factory=dict)

    @cached_property
    def norm(self) -> str:
        return normalise_quotes(self.text)

    @cached_property
    def doc(self) -> Doc:
        return nlp()(self.norm)

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences, split at the ends of blocks too (see :func:`block_breaks`) and
        stripped of surrounding whitespace."""
        spans = []
        for sentence in self.doc.sents:
            start = sentence.start_char
            for end in [*block_breaks(self.norm, start, sentence.end_char), sentence.end_char]:
                part = self.norm[start:end]
                if part.strip():
                    first = start + len(part) - len(part.lstrip())
                    last = start + len(part.rstrip())
                    spans.append(Span(first, last, self.text[first:last]))
                start = end
        return spans

    @cached_property
    def _sentence_ends(self) -> list[int]:
        return [sentence.end for sentence in self.sentences]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence holding character ``offset`` (the last one if past the end)."""
        index = bisect_right(self._sentence_ends, offset)
        return min(index, max(len(self.sentences) - 1, 0))

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])
