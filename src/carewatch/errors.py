"""Exceptions raised by CareWatch, rooted in one base class.

The CLI turns any :class:`CareWatchError` into one line naming the problem and a non-zero
exit code; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class CareWatchError(Exception):
    """Base class of every error CareWatch raises on purpose."""


class InputError(CareWatchError):
    """A report could not be read: empty, binary, undecodable, malformed or too large."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


class ConfigurationError(CareWatchError):
    """A setting has a value CareWatch cannot use."""


class UnknownExtractorError(ConfigurationError):
    """No extractor is registered under the requested name."""


class StorageError(CareWatchError):
    """The database could not be opened, migrated or written."""


class NoDatabaseError(StorageError):
    """A command that reads the database was pointed at one that does not exist."""


class NotFoundError(CareWatchError):
    """A requested record does not exist."""


class DataFileError(CareWatchError):
    """A lexicon or code table shipped in ``carewatch/data`` is malformed."""
