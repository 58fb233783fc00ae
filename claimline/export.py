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

WHATS = ("figures", "documents", "claims", "series")
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
            "claim": r["claim_id"],
            "series": r["series_id"],
            "claimant_key": r["claimant_key"],
            "place_key": r["place_key"],
            "copy_of": r["copy_of_name"],
        }


def claim_rows(ledger: Ledger) -> Iterator[dict]:
    docs_of: dict[int, list[str]] = {}
    for claim_id, name in ledger.db.execute(
            "SELECT DISTINCT f.claim_id, d.name FROM figures f JOIN documents d ON d.id = f.document_id"
            " WHERE f.claim_id IS NOT NULL ORDER BY d.name"):
        docs_of.setdefault(claim_id, []).append(name)
    for r in ledger.db.execute("SELECT c.*, s.name AS series_name FROM claims c"
                               " LEFT JOIN series s ON s.id = c.series_id ORDER BY c.series_id, c.stated_on, c.id"):
        yield {
            "claim": r["id"], "series": r["series_id"], "series_name": r["series_name"],
            "claimant": r["claimant"], "claimant_key": r["claimant_key"], "role": r["role"],
            "value": _number(r["value"]), "low": _number(r["low"]), "high": _number(r["high"]),
            "approx": r["approx"], "text": r["text"], "stated_on": r["stated_on"], "stated_from": r["stated_from"],
            "stated_to": r["stated_to"], "modality": r["modality"], "basis": r["basis"],
            "reports": r["reports"], "independent": r["independent"], "documents": docs_of.get(r["id"], []),
        }


def series_rows(ledger: Ledger) -> Iterator[dict]:
    for r in ledger.db.execute("SELECT * FROM series ORDER BY reports DESC, name"):
        yield {"series": r["id"], "name": r["name"], "measure": r["measure"], "qualifier": r["qualifier"],
               "place": r["place"], "place_key": r["place_key"], "modality_class": r["modality_class"],
               "claims": r["claims"], "reports": r["reports"]}


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


ROWS = {"figures": figure_rows, "documents": document_rows, "claims": claim_rows, "series": series_rows}


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
