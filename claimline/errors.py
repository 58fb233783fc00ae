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
    HtmlExtractionFailed, InputNotFound, ProcessingFailed)}
