"""Resolve: statement dates from the words that date them and the publication date.

Per document: `on Nov. 4`, `on Monday`, `last Sunday`, `in fall 2024` are resolved against the
page's publication date (a vague expression keeps its window; `stated_on` is then the window's
last day, clipped to the publication date, so "no later than" holds). A figure whose sentence
names no date was stated on or before publication, and gets the publication date. A page without
a publication date leaves relative expressions unresolved: never "today".

Across the corpus (`infer_undated`): an undated page often repeats a claim that a dated page
reports with an explicit date (the same claimant, the same figure). When the undated page dates
that claim with a weekday or other relative words and the explicit date agrees with them, the
explicit date anchors the undated page, and its other relative expressions are resolved from
that anchor. The ledger records that the date was inferred and from which document.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from .. import dates
from ..models import Document, Figure
from ..settings import Settings
from .extract import _close


def publication_day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


@lru_cache(maxsize=4096)  # a handful of expressions ("on Monday", "last week") recur on page after page
def _mention(expr: str) -> dates.DateMention | None:
    # shared between callers: nothing changes a DateMention once found
    found = dates.find_dates(expr)
    return found[0] if found else None


def resolve_figure(fig: Figure, published: date | None, how_if_resolved: str | None = None) -> None:
    fig.stated_on = fig.stated_from = fig.stated_to = None
    if fig.stated_expr:
        mention = _mention(fig.stated_expr)
        resolved = dates.resolve(mention, published) if mention else None
        if resolved is None:
            fig.stated_how = "unresolved"
            return
        hi = resolved.hi if published is None else min(resolved.hi, max(published, resolved.lo))
        if resolved.vague:
            fig.stated_from, fig.stated_to = resolved.lo.isoformat(), resolved.hi.isoformat()
            fig.stated_on = hi.isoformat()
        else:
            fig.stated_on = resolved.day.isoformat()
        fig.stated_how = how_if_resolved or fig.stated_how or "text"
        return
    if published is not None:
        fig.stated_on = published.isoformat()
        fig.stated_how = how_if_resolved or "publication"
    else:
        fig.stated_how = None


def resolve(doc: Document, settings: Settings) -> Document:
    published = publication_day(doc.published)
    for fig in doc.figures:
        resolve_figure(fig, published)
    return doc


# --- corpus level ------------------------------------------------------------------------



@lru_cache(maxsize=16384)  # called for both sides of every candidate pair: ~600k calls on 8k claimants at 100k pages
def _surname(claimant: str | None) -> str:
    if not claimant:
        return ""
    word = claimant.split()[-1]
    return re.sub(r"[^a-z]", "", word.lower())


def _same_claimant(a: str | None, b: str | None) -> bool:
    x, y = _surname(a), _surname(b)
    return bool(x) and (x == y or len(x) >= 5 and _close(x, y))


# The same (expression, day) pairs recur across many reports. A corpus spanning a year or two has
# tens of thousands of such pairs (a few dozen expressions by several hundred days): with 4,096
# entries, 80 % of the calls missed at 100k bench pages. 65,536 entries are ~13 MB at most.
@lru_cache(maxsize=65536)
def anchor_from(expr: str, stated: date) -> date | None:
    """The earliest publication date at which `expr` would mean `stated`, or None when the
    expression cannot mean that day (a claim 'on Monday' cannot be a Tuesday's)."""
    mention = _mention(expr)
    if mention is None:
        return None
    # try publication dates from the stated day onwards, within a week: the expression resolves
    # to `stated` for the earliest of them if it fits at all
    for offset in range(0, 8):
        candidate = stated + timedelta(days=offset)
        resolved = dates.resolve(mention, candidate)
        if resolved is not None and resolved.day == stated:
            return candidate
    return None


def _tightest_publication(earliest: date, expressions: list[str]) -> date:
    """The matched claim allows any publication date in the week from `earliest` on. Choose the
    one under which the page's own dated statements lie closest together: a page saying "on
    Tuesday" and "on Wednesday" was most likely published on Wednesday, not six days later or
    earlier. Ties go to the earliest date."""
    mentions = [m for m in map(_mention, set(expressions)) if m is not None]
    best, best_span = earliest, None
    for offset in range(7):
        candidate = earliest + timedelta(days=offset)
        days = []
        for m in mentions:
            r = dates.resolve(m, candidate)
            if r is not None:
                days.append(r.day or min(r.hi, candidate))
        if not days:
            return earliest
        span = (max(days) - min(days)).days
        if best_span is None or span < best_span:
            best, best_span = candidate, span
    return best


def _surname_keys(claimant: str) -> set[str]:
    """The claimant's surname and its one-letter deletions: two surnames within one edit of each
    other (see _same_claimant) always share one of these keys, so candidates are found by lookup
    instead of comparing every pair."""
    surname = _surname(claimant)
    return {surname, *(surname[:k] + surname[k + 1:] for k in range(len(surname)))}


def infer_undated(ledger, settings: Settings, since_run: int | None = None) -> int:
    """Infer publication anchors for undated documents from dated reports of the same claims.
    Returns the number of documents dated this way. Only documents whose candidates may have
    changed since the last finished run (or since run `since_run`; 0: all) are reconsidered."""
    inferred = 0
    for doc_id, figs, candidates in ledger.undated_claim_candidates(_surname_keys, since_run):
        anchor, source = None, None
        for fid, value, low, high, claimant, expr, how in figs:
            if not expr or not claimant:
                continue
            for other_claimant, stated_on, other_name in candidates.get(fid, ()):
                if not _same_claimant(claimant, other_claimant):
                    continue
                candidate = anchor_from(expr, date.fromisoformat(stated_on))
                if candidate is not None and (anchor is None or candidate > anchor):
                    anchor, source = candidate, other_name
        if anchor is None:
            continue
        anchor = _tightest_publication(anchor, [f[5] for f in figs if f[5]])
        updates = []
        for fid, value, low, high, claimant, expr, how in figs:
            fig = Figure(span=(0, 0), text="", value=value, low=low, high=high, approx="exact", unit=None,
                         subject=None, where=None, where_span=None, sentence=0, stated_expr=expr)
            resolve_figure(fig, anchor, how_if_resolved=f"inferred from {source}")
            updates.append((fid, fig.stated_on, fig.stated_from, fig.stated_to, fig.stated_how))
        ledger.set_inferred_dates(doc_id, anchor.isoformat(), source, updates)
        inferred += 1
    return inferred
