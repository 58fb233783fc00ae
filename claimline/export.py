"""Exports in the interchange format of ../shared/eval/README.md (JSON Lines) and as CSV.

Field names and types follow that format exactly; the extra fields (role, cue, date window, how
the date was found, inferred publication) are allowed by it and useful to a reader.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO

from .store import Ledger

WHATS = ("figures", "documents")
FORMATS = ("jsonl", "csv")


def _number(value):
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def _span(start, end):
    return [start, end] if start is not None and end is not None else None


def figure_rows(ledger: Ledger) -> Iterator[dict]:
    for r in ledger.figures():
        yield {
            "doc": r["doc"],
            "value": _number(r["value"]),
            "low": _number(r["low"]),
            "high": _number(r["high"]),
            "approx": r["approx"],
            "unit": r["unit"],
            "subject": r["subject"],
            "where": r["place"],
            "claimant": r["claimant"],
            "basis": r["basis"],
            "stated_on": r["stated_on"],
            "modality": r["modality"],
            "evidence": r["evidence"],
            "span": [r["start"], r["end"]],
            "claimant_span": _span(r["claimant_start"], r["claimant_end"]),
            # extras
            "id": r["id"],
            "text": r["text"],
            "claimant_role": r["claimant_role"],
            "cue": r["cue"],
            "stated_expr": r["stated_expr"],
            "stated_from": r["stated_from"],
            "stated_to": r["stated_to"],
            "stated_how": r["stated_how"],
            "evidence_span": [r["evidence_start"], r["evidence_end"]],
            "published": r["published"],
            "outlet": r["outlet"],
        }


def document_rows(ledger: Ledger) -> Iterator[dict]:
    body_of: dict[int, list[str]] = {}
    for doc_id, text in ledger.db.execute(
            "SELECT document_id, text FROM passages WHERE kind = 'body' ORDER BY document_id, idx"):
        body_of.setdefault(doc_id, []).append(text)
    figure_counts = dict(ledger.db.execute("SELECT document_id, count(*) FROM figures GROUP BY document_id"))
    for r in ledger.documents():
        yield {
            "doc": r["name"],
            "title": r["title"],
            "authors": json.loads(r["authors"]),
            "published": r["published"],
            "outlet": r["outlet"],
            "body": "\n".join(body_of.get(r["id"], [])),
            # extras
            "source": r["source"],
            "url": r["url"],
            "content_type": r["content_type"],
            "content_hash": r["content_hash"],
            "published_inferred": r["published_inferred"],
            "published_inferred_from": r["published_inferred_from"],
            "figures": figure_counts.get(r["id"], 0),
        }


ROWS = {"figures": figure_rows, "documents": document_rows}


def write(ledger: Ledger, what: str, fmt: str, out: IO[str]) -> int:
    """Write every row of `what` to `out`; returns the number of rows."""
    rows = ROWS[what](ledger)
    n = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = None
    for row in rows:
        flat = {k: _flatten(v) for k, v in row.items()}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)
        n += 1
    return n


def _flatten(value):
    """CSV cells: lists become 'a; b' (authors) or 'start-end' (spans)."""
    if isinstance(value, list):
        if len(value) == 2 and all(isinstance(v, int) for v in value):
            return f"{value[0]}-{value[1]}"
        return "; ".join(str(v) for v in value)
    return value
