"""Reading reports from the file system: single files and folders walked in sorted order."""

from __future__ import annotations

import errno
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
    origin = display_path(path)
    try:
        status = path.stat()
        if stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode):
            with path.open("rb") as stream:
                yield from read_stream(stream, origin, defaults, max_bytes)
            return
    except OSError as exc:
        yield InputError(origin, _os_problem(exc))
        return
    if not stat.S_ISDIR(status.st_mode):
        yield from _read_file(path, defaults, max_bytes)
        return
    for item in _walk(path, {_identity(status): origin}):
        if isinstance(item, InputError):
            yield item
        else:
            yield from _read_file(item, defaults, max_bytes)


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as text that can be printed and stored: a byte of a file name that is not
    UTF-8 (which Python keeps as a lone surrogate, and no terminal, file or database
    takes) is written as ``\\xE9``, so the name still says which file it was."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _walk(folder: Path, seen: dict[tuple[int, int], str]) -> Iterator[Path | InputError]:
    """Files under ``folder``, depth first in sorted order; hidden names are skipped.

    ``seen`` holds every folder walked so far (by device and inode, so whatever the
    links that led there), with its path: a link to one of them, a loop above all, is
    reported once and not followed, so that each folder, and each file in it, is read
    once, and the walk cannot go round for ever. The walk keeps its own stack of open
    folders, so that folders nested thousands deep cannot exhaust Python's.
    """
    pending: list[Iterator[os.DirEntry[str]]] = []
    yield from _open_folder(folder, pending)
    while pending:
        entry = next(pending[-1], None)
        if entry is None:
            pending.pop()
            continue
        if entry.name.startswith("."):
            continue  # .git, .DS_Store, editor swap files: never reports
        path = Path(entry.path)
        origin = display_path(path)
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
            status = entry.stat() if is_dir else None
        except OSError as exc:
            yield InputError(origin, _os_problem(exc))
            continue
        if status is not None:
            earlier = seen.setdefault(_identity(status), origin)
            if earlier != origin:
                yield InputError(origin, f"the same folder as {earlier}, read already; skipped")
            else:
                yield from _open_folder(path, pending)
        elif is_file:
            yield path
        elif entry.is_symlink() and not os.path.exists(entry.path):
            yield InputError(origin, "a link to nothing (its target does not exist), skipped")
        else:
            # Opening a named pipe or socket found in a folder would wait for ever.
            yield InputError(origin, "not a regular file, skipped")


def _open_folder(
    folder: Path, pending: list[Iterator[os.DirEntry[str]]]
) -> Iterator[InputError]:
    """Put the folder's entries, in sorted order, on top of ``pending``; or say why not."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield InputError(display_path(folder), _os_problem(exc))
        return
    pending.append(iter(entries))


def _identity(status: os.stat_result) -> tuple[int, int]:
    return status.st_dev, status.st_ino


def _read_file(path: Path, defaults: Defaults, max_bytes: int) -> Iterator[Document | InputError]:
    origin = display_path(path)
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
    if exc.errno == errno.ELOOP:
        return "a link that leads round in a loop, skipped"
    return f"cannot read it: {exc.strerror or exc}"
