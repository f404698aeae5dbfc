"""A report's text as HTML with the words behind each value marked, every character of
the report escaped (a report holding a <script> tag shows it as text)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape


def highlighted(text: str, spans: Sequence[tuple[int, int, str]]) -> Markup:
    """``text`` with ``<mark>`` around each span; overlapping spans join the first."""
    parts: list[str] = []
    position = 0
    for start, end, label in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        parts.append(str(escape(text[position:start])))
        parts.append(f'<mark title="{escape(label)}" data-field="{escape(label)}" '
                     f'id="span-{start}-{end}">{escape(text[start:end])}</mark>')
        position = end
    parts.append(str(escape(text[position:])))
    return Markup("".join(parts))
