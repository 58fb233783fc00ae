"""Read the ledger into the plain views the HTML report renders (claimline.report)."""
from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime, timezone

from .report import ClaimView, CopyView, DocView, ReportData, ReportView, SeriesView
from .store import Ledger


def build(ledger: Ledger, title: str = "claimline report", min_claims: int = 1) -> ReportData:
    db = ledger.db
    docs = {r["id"]: r for r in db.execute("SELECT * FROM documents ORDER BY name, id")}
    body: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, start, end in db.execute(
            "SELECT document_id, start, \"end\" FROM passages WHERE kind = 'body' ORDER BY document_id, idx"):
        body[doc_id].append((start, end))

    # one report per document: a page that repeats a claim (pull quote, then body) reports it once
    reports: dict[int, list[ReportView]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for f in db.execute("SELECT f.*, src.name AS copy_name FROM figures f LEFT JOIN documents src"
                        " ON src.id = f.copy_of WHERE f.claim_id IS NOT NULL ORDER BY f.document_id, f.idx"):
        if (f["claim_id"], f["document_id"]) in seen:
            continue
        seen.add((f["claim_id"], f["document_id"]))
        d = docs[f["document_id"]]
        reports[f["claim_id"]].append(ReportView(
            figure_id=f["id"], doc=d["name"], outlet=d["outlet"], published=d["published"] or d["published_inferred"],
            evidence=f["evidence"], start=f["start"], end=f["end"], evidence_start=f["evidence_start"],
            evidence_end=f["evidence_end"], copy_of=f["copy_name"]))

    series = []
    for s in db.execute("SELECT * FROM series WHERE claims >= ? ORDER BY reports DESC, claims DESC, name",
                        (min_claims,)):
        claims = []
        for c in db.execute("SELECT * FROM claims WHERE series_id = ? ORDER BY stated_on IS NULL, stated_on, id",
                            (s["id"],)):
            claims.append(ClaimView(
                claim_id=c["id"], claimant=c["claimant"], role=c["role"], value=c["value"], low=c["low"],
                high=c["high"], approx=c["approx"], text=c["text"], stated_on=c["stated_on"],
                stated_from=c["stated_from"], stated_to=c["stated_to"], modality=c["modality"], basis=c["basis"],
                reports=reports.get(c["id"], []), independent=c["independent"]))
        series.append(SeriesView(series_id=s["id"], name=s["name"], unit=s["measure"], place=s["place"],
                                 claims=claims))

    copies = []
    for from_doc, to_doc, n, sim, sample in db.execute(
            "SELECT da.name, db.name, count(*), max(c.similarity), min(a.text) FROM copies c"
            " JOIN passages a ON a.id = c.passage_a JOIN passages b ON b.id = c.passage_b"
            " JOIN documents da ON da.id = a.document_id JOIN documents db ON db.id = b.document_id"
            " GROUP BY da.id, db.id ORDER BY count(*) DESC"):
        copies.append(CopyView(from_doc=from_doc, to_doc=to_doc, passages=n, similarity=sim, sample=sample[:200]))

    documents = [DocView(name=d["name"], title=d["title"], authors=json.loads(d["authors"]), outlet=d["outlet"],
                         published=d["published"], published_inferred=d["published_inferred"], url=d["url"],
                         text=d["text"], body=body.get(doc_id, []))
                 for doc_id, d in docs.items()]
    return ReportData(title=title, generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                      series=series, documents=documents, copies=copies)
