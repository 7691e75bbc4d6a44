"""A small exception tree. Messages say what went wrong and what to do next.

The CLI catches ``ChronicleError`` once, prints ``Error: <message>`` and
exits with ``exit_code``; library code never prints or exits.
"""

from __future__ import annotations


class ChronicleError(Exception):
    """Root of Chronicle's errors."""

    exit_code = 1


class UsageError(ChronicleError):
    """The command was called wrongly (bad option value, missing path)."""

    exit_code = 2


class InputError(ChronicleError):
    """One input (file, line, record) cannot be read or cleaned.

    The pipeline turns it into a ``Skip`` record and goes on with the batch.
    """

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class ModelMissingError(ChronicleError):
    """The spaCy model package is not installed."""


class StoreError(ChronicleError):
    """The store file cannot be opened or has an unexpected schema."""


class DataFileError(ChronicleError):
    """A lexicon or gazetteer file is malformed; the message names file and line."""


class ExtraMissingError(ChronicleError):
    """An optional part needs a package that is not installed; the message names the extra."""


class ClusterError(ChronicleError):
    """The Dask cluster cannot be reached, or a batch failed on it after its retries."""
