"""Reading stored reports again: after CareWatch's rules change, or with another extractor.

Ingest reads a report once (its bytes are hashed, and a report already stored is not read
again), so a database filled by an older CareWatch keeps the older reading. ``reextract``
runs the extractor over the stored text of each document and, where the reading differs,
replaces it and merges the document again
(:func:`carewatch.store.rereading.replace_extraction`), one document per transaction, so
a stopped run keeps what it finished and can be run again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .errors import InputError, NotFoundError
from .extract import Extractor, extractor_version, get_extractor
from .store import Database
from .store.merged_writing import MergeCounts
from .store.merging import MergeFailed
from .store.rereading import replace_extraction


@dataclass(frozen=True)
class Reread:
    """What reading one stored document again changed."""

    document_id: int
    origin: str
    changed: bool
    merged: MergeCounts = field(default_factory=MergeCounts)


@dataclass
class RereadSummary:
    """The totals of one run: documents whose reading changed or did not, the merged
    incidents that changed, and each document the extractor or the merge failed on."""

    changed: int = 0
    unchanged: int = 0
    merged: MergeCounts = field(default_factory=MergeCounts)
    failed: list[InputError] = field(default_factory=list)

    def add(self, outcome: Reread) -> None:
        if outcome.changed:
            self.changed += 1
        else:
            self.unchanged += 1
        self.merged = self.merged + outcome.merged


def reextract(
    database: Database,
    *,
    extractor_name: str,
    document_ids: Iterable[int] | None = None,
    outdated: bool = False,
    on_progress: Callable[[Reread | InputError], None] | None = None,
) -> RereadSummary:
    """Read the stored documents (all, or ``document_ids``) again with ``extractor_name``.

    With ``outdated``, only those it read with another build of its rules (see
    :func:`documents_to_read`). Each is read from its stored text with its stored
    publication date. A document the extractor or the merge fails on keeps its old
    reading and is listed in ``failed``; the run goes on. A storage failure stops it.
    """
    extractor = get_extractor(extractor_name)
    summary = RereadSummary()
    for document_id in documents_to_read(database, extractor, document_ids, outdated=outdated):
        result = _reread(database, document_id, extractor)
        if isinstance(result, InputError):
            summary.failed.append(result)
        else:
            summary.add(result)
        if on_progress is not None:
            on_progress(result)
    return summary


def documents_to_read(
    database: Database,
    extractor: Extractor,
    document_ids: Iterable[int] | None = None,
    *,
    outdated: bool = False,
) -> list[int]:
    """``document_ids`` (else every stored document), keeping with ``outdated`` only those
    the extractor read with another build of its rules or before builds were recorded.

    An id that names no stored document raises :class:`NotFoundError` before anything is
    read.
    """
    stored = database.document_ids()
    ids = list(document_ids) if document_ids is not None else stored
    unknown = sorted(set(ids) - set(stored))
    if unknown:
        raise NotFoundError(f"no document with id {', '.join(map(str, unknown))}")
    if not outdated:
        return ids
    stale = set(database.read_by_other_versions(extractor.name, extractor_version(extractor)))
    return [i for i in ids if i in stale]


def _reread(database: Database, document_id: int, extractor: Extractor) -> Reread | InputError:
    document = database.get_document(document_id)
    origin = f"document {document_id} ({document.origin})"
    try:
        extraction = extractor.extract(document.text, published=document.published)
    except Exception as exc:  # noqa: BLE001 - one report must not stop the run
        return InputError(origin, f"extractor {extractor.name} failed: {type(exc).__name__}: {exc}")
    try:
        counts = replace_extraction(database, document_id, extraction)
    except MergeFailed as exc:
        return InputError(origin, str(exc))
    return Reread(document_id, document.origin, counts is not None, counts or MergeCounts())
