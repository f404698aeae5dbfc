"""Ingest: files, folders and standard input in, :class:`~carewatch.model.Document` out.

:func:`iter_documents` is the one entry point. It yields an :class:`InputError` (rather
than raising) for every input it cannot read, so a run over a folder reports each bad
file in one line and carries on with the rest.

Formats, by extension (content decides for other names and for standard input):

- ``.txt .text .md .markdown`` and unknown extensions: the whole file is one report.
- ``.html .htm``: the article text of the page (trafilatura), with its title and date.
- ``.json``: one record object or a list of them, read whole (so the size limit is
  for the file; use JSON Lines for bigger collections).
- ``.jsonl .ndjson``: one record per line, streamed; the size limit is per line.
- ``.csv``: a header row with a ``text`` column, streamed; the size limit is per row.

Record fields and their aliases are described in :mod:`carewatch.ingest.records`.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Document
from .files import read_path
from .records import Defaults
from .streams import STDIN_ORIGIN, read_stream

__all__ = ["Defaults", "iter_documents", "read_path"]

STDIN = "-"


def iter_documents(
    paths: Iterable[str | os.PathLike[str]],
    *,
    published: dt.date | None = None,
    source: str | None = None,
    url: str | None = None,
    max_bytes: int,
) -> Iterator[Document | InputError]:
    """Yield a Document for each report found under ``paths``, an InputError for each failure.

    ``"-"`` reads standard input. Folders are walked recursively in sorted order, skipping
    hidden files and folders. ``published``, ``source`` and ``url`` fill in what a
    document does not say itself. ``max_bytes`` bounds one report (a file, or one record
    of a JSON Lines or CSV file).
    """
    defaults = Defaults(published=published, source=source, url=url)
    for path in paths:
        if os.fspath(path) == STDIN:
            yield from read_stream(sys.stdin.buffer, STDIN_ORIGIN, defaults, max_bytes)
        else:
            yield from read_path(Path(path), defaults, max_bytes)
