"""Reading reports from the file system: single files and folders walked in sorted order."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..model import Document
from . import sniff
from .readers import read_bytes, read_csv, read_jsonl
from .records import Defaults, too_large
from .streams import read_stream


def read_path(path: Path, defaults: Defaults, max_bytes: int) -> Iterator[Document | InputError]:
    """A file's documents, or those of every file under a folder.

    A named pipe given by name (``carewatch ingest <(curl ...)``) is read like standard
    input: it has no size to check beforehand and its content decides the format.
    """
    try:
        mode = path.stat().st_mode
        if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
            with path.open("rb") as stream:
                yield from read_stream(stream, str(path), defaults, max_bytes)
            return
    except OSError as exc:
        yield InputError(str(path), _os_problem(exc))
        return
    if not stat.S_ISDIR(mode):
        yield from _read_file(path, defaults, max_bytes)
        return
    for item in _walk(path):
        if isinstance(item, InputError):
            yield item
        else:
            yield from _read_file(item, defaults, max_bytes)


def _walk(folder: Path) -> Iterator[Path | InputError]:
    """Files under ``folder``, depth first in sorted order; hidden names are skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(str(folder), _os_problem(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .git, .DS_Store, editor swap files: never reports
        path = Path(entry.path)
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:
            yield InputError(str(path), _os_problem(exc))
            continue
        if is_dir:
            yield from _walk(path)
        elif is_file:
            yield path
        else:
            # Opening a named pipe or socket found in a folder would wait for ever.
            yield InputError(str(path), "not a regular file, skipped")


def _read_file(path: Path, defaults: Defaults, max_bytes: int) -> Iterator[Document | InputError]:
    origin = str(path)
    fmt = sniff.format_for_path(path)
    try:
        size = path.stat().st_size
        if size == 0:
            yield InputError(origin, "empty file")
        elif fmt in (sniff.JSONL, sniff.CSV):
            with path.open("rb") as stream:
                yield from _read_stream(stream, fmt, origin, defaults, max_bytes)
        elif size > max_bytes:
            # Checked before reading: a report this size is a mistake, not worth the memory.
            yield InputError(origin, too_large("file", size, max_bytes))
        else:
            raw = path.read_bytes()
            yield from read_bytes(raw, fmt, origin, defaults, max_bytes, media_type_for=path)
    except OSError as exc:
        yield InputError(origin, _os_problem(exc))


def _read_stream(
    stream: IO[bytes], fmt: str, origin: str, defaults: Defaults, max_bytes: int
) -> Iterator[Document | InputError]:
    """Stream a record file, after checking its first bytes are not a binary format."""
    head = stream.read(4096)
    kind = sniff.binary_kind(head)
    if kind is not None:
        yield InputError(origin, sniff.binary_problem(kind))
        return
    stream.seek(0)
    reader = read_jsonl if fmt == sniff.JSONL else read_csv
    yield from reader(stream, origin, defaults, max_bytes)


def _os_problem(exc: OSError) -> str:
    """``No such file or directory`` rather than ``[Errno 2] No such file or directory: 'x'``."""
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied, cannot read it"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read it: {exc.strerror or exc}"
