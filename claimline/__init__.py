"""claimline: from raw news pages to a ledger of attributed figures.

The library is the product; the `claimline` command is a thin layer over it::

    from claimline import Ledger, run
    with Ledger("ledger.sqlite") as ledger:
        summary = run(["pages/"], ledger)
"""
from .errors import ClaimlineError, LedgerError
from .models import Document, Figure, Passage, Sentence
from .pipeline import RunSummary, process, run
from .settings import Settings
from .store import Ledger

__all__ = [
    "ClaimlineError",
    "Document",
    "Figure",
    "Ledger",
    "LedgerError",
    "Passage",
    "RunSummary",
    "Sentence",
    "Settings",
    "process",
    "run",
]
