"""A report's headline: a first line that announces what its body reports.

"Ambulance crew attacked in Jenin" over "Israeli forces opened fire on an ambulance ...
injuring a volunteer paramedic" is one attack and one injured paramedic, told twice. The
headline is not an incident of its own, and a casualty it gives that the body gives too is
counted once, from the body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..model import Figure, Span
from ..text import Context
from .events import SentenceEvent

_HEADLINE_SENTENCES = 2  # a headline is among the first sentences
_CLOSING = ".!?\"”'’)"


def is_headline(ctx: Context, event: SentenceEvent) -> bool:
    """A first line with no closing punctuation, on a line of its own above the body."""
    return headline_sentence(ctx, event.index)


_HEADING_WORDS = 15
_TRAILING_BRACKETS = re.compile(r"(?:\s*\([^()]*\))+$")


def is_heading(ctx: Context, index: int) -> bool:
    """A line of its own with no closing punctuation, anywhere: a headline or a section
    heading ("Attacks on Health Care in Burkina Faso"), which announces what follows."""
    sentence = ctx.sentences[index]
    # "Missile strike hits hospital (DG ECHO, media)": a heading may end with its sources.
    text = _TRAILING_BRACKETS.sub("", sentence.text.rstrip()) or sentence.text.rstrip()
    line_start = ctx.text.rfind("\n", 0, sentence.start) + 1
    after = ctx.text[sentence.end : sentence.end + 1]
    return (bool(text) and text[-1] not in _CLOSING and len(text.split()) <= _HEADING_WORDS
            and not ctx.text[line_start : sentence.start].strip() and after in ("\n", ""))


def headline_sentence(ctx: Context, index: int) -> bool:
    """Whether sentence ``index`` is a headline (see :func:`is_headline`)."""
    if index >= _HEADLINE_SENTENCES or index >= len(ctx.sentences):
        return False
    sentence = ctx.sentences[index]
    text = sentence.text.rstrip()
    after = ctx.text[sentence.end :]
    return (bool(text) and text[-1] not in _CLOSING and after[:1] == "\n"
            and bool(after.strip()))


def headline_figures(
    ctx: Context,
    own_events: Sequence[SentenceEvent],
    owns: Callable[[Context, Span | None], bool],
    headline_sentences: set[int],
    figures: Sequence[Figure],
) -> set[int]:
    """Indexes of ``figures`` in a headline (sentence indexes ``headline_sentences``) that
    the body an incident ``owns`` gives again (same kind and victim group). A headline
    that is itself one of the incident's ``own_events`` (a report that is only a headline
    and a line) keeps its figures."""
    headlines = headline_sentences - {e.index for e in own_events}

    def in_headline(figure: Figure) -> bool:
        return figure.span is not None and ctx.sentence_index(figure.span.start) in headlines

    body = {(f.kind, f.victim_group) for f in figures if owns(ctx, f.span) and not in_headline(f)}
    return {i for i, f in enumerate(figures) if in_headline(f) and (f.kind, f.victim_group) in body}
