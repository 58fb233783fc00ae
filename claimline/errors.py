"""Coded errors, so a user can search for the code in the docs and the ledger's run log.

Each input that cannot be read gets one of these; the run goes on with the other inputs.
"""
from __future__ import annotations


class ClaimlineError(Exception):
    """Base class: an error about one input (or one setting) with a stable code."""

    code = "E000"

    def __init__(self, source: str, reason: str):
        super().__init__(f"[{self.code}] {source}: {reason}")
        self.source = source
        self.reason = reason


class UnreadableInput(ClaimlineError):
    code = "E001"


class EmptyInput(ClaimlineError):
    code = "E002"


class BinaryInput(ClaimlineError):
    code = "E003"


class UndecodableInput(ClaimlineError):
    code = "E004"


class BadJsonRow(ClaimlineError):
    code = "E005"


class MissingContent(ClaimlineError):
    code = "E006"


class HtmlExtractionFailed(ClaimlineError):
    code = "E007"


class InputNotFound(ClaimlineError):
    code = "E008"


class CorruptArchive(ClaimlineError):
    """A WARC file (or one record of it) is truncated or not valid WARC; the records before it stand."""

    code = "E011"


class BadFeed(ClaimlineError):
    """An RSS/Atom feed whose XML cannot be read at all."""

    code = "E012"


class BadCsvRow(ClaimlineError):
    """A row of a CSV export with no usable text, html or url column."""

    code = "E013"


class InputTooLarge(ClaimlineError):
    """A page larger than the max_page_bytes setting (refused rather than exhausting memory)."""

    code = "E014"


class FetchFailed(ClaimlineError):
    """A URL could not be fetched: timeout, connection refused, DNS failure (after retries)."""

    code = "E015"


class HttpStatusError(ClaimlineError):
    """The server answered with an error status (4xx/5xx, after retries for 5xx)."""

    code = "E016"


class RobotsDisallowed(ClaimlineError):
    """The site's robots.txt does not allow claimline's user agent to fetch the URL."""

    code = "E017"


class TooManyRedirects(ClaimlineError):
    code = "E018"


class NotFetched(ClaimlineError):
    """A URL was given but --fetch was not: claimline never goes to the network unasked."""

    code = "E019"


class ProcessingFailed(ClaimlineError):
    """A bug or an unforeseen page shape: the page is skipped and the error recorded."""

    code = "E010"


class LedgerError(Exception):
    """The ledger file itself cannot be used (not SQLite, newer schema, ...)."""

    code = "E020"

    def __init__(self, path: str, reason: str):
        super().__init__(f"[{self.code}] {path}: {reason}")
        self.path = path
        self.reason = reason


ERROR_CODES = {cls.code: cls for cls in (
    UnreadableInput, EmptyInput, BinaryInput, UndecodableInput, BadJsonRow, MissingContent,
    HtmlExtractionFailed, InputNotFound, CorruptArchive, BadFeed, BadCsvRow, InputTooLarge, FetchFailed,
    HttpStatusError, RobotsDisallowed, TooManyRedirects, NotFetched, ProcessingFailed)}
