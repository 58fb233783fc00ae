"""The ledger file: migrations recorded in it, refusal of a newer schema, replacement of changed
documents, settings and the stage order check."""
from __future__ import annotations

import json
import sqlite3

import pytest

from claimline import Ledger, LedgerError, Settings, run
from claimline.pipeline import STAGES, Stage, check_stages
from claimline.store import MIGRATIONS


def test_migrations_are_recorded_in_the_file(tmp_path):
    db = tmp_path / "l.sqlite"
    with Ledger(db) as ledger:
        assert ledger.schema_version == len(MIGRATIONS)
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT version, name FROM migrations ORDER BY version").fetchall()
        assert rows[0] == (1, "initial schema")
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Ledger(db) as ledger:  # opening again applies nothing twice
        assert ledger.schema_version == len(MIGRATIONS)


def test_a_ledger_from_a_newer_claimline_is_refused(tmp_path):
    db = tmp_path / "l.sqlite"
    Ledger(db).close()
    with sqlite3.connect(db) as con:
        con.execute("INSERT INTO migrations VALUES (?, 'from the future', 'x')", (len(MIGRATIONS) + 1,))
    with pytest.raises(LedgerError, match=r"\[E020\].*newer than this claimline"):
        Ledger(db)


def test_jsonl_rows_carry_their_own_metadata(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text("\n".join(json.dumps(r) for r in [
        {"id": "w-1", "text": "Officials said on Monday that 640 households had no water.",
         "published": "2025-02-05T08:00:00+01:00", "outlet": "Invented Wire", "url": "https://example.invalid/1"},
        {"text": "The ministry said 12 bridges were closed."},
    ]) + "\n", encoding="utf-8")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        summary = run([rows], ledger)
        assert summary.ok and summary.read == 2
        docs = {r["name"]: r for r in ledger.documents()}
        assert docs["w-1"]["outlet"] == "Invented Wire"
        assert docs["w-1"]["published"].startswith("2025-02-05T08:00")
        assert "rows.jsonl:2" in docs
        fig = {r["value"]: r for r in ledger.figures()}
        assert fig[640]["stated_on"] == "2025-02-03"  # the Monday before that Wednesday
        assert fig[640]["claimant"] == "Officials"


def test_html_page_keeps_raw_html_and_points_into_extracted_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("""<!doctype html><html><head><title>Dam repairs to cost more | Invented Gazette</title>
<meta name="author" content="Lia Marsh"><meta property="article:published_time" content="2025-01-08T09:30:00+00:00">
<meta property="og:site_name" content="Invented Gazette"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Dam repairs to cost more</h1>
<p>Repairs to the Orvel dam will cost at least $45 million, regional engineer Tova Lind said on Tuesday.</p>
<p>The work is expected to take 18 months, the regional water board said in a statement.</p>
<p>Residents near the dam have been asked to keep emergency kits ready while the work goes on.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>""", encoding="utf-8")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        assert run([page], ledger).ok
        doc = next(ledger.documents())
        assert doc["content_type"] == "html" and "<article>" in doc["html"]
        assert doc["published"].startswith("2025-01-08")
        figs = {r["value"]: r for r in ledger.figures()}
        f = figs[45_000_000]
        assert doc["text"][f["start"]:f["end"]] == "at least $45 million"
        assert f["claimant"] == "Tova Lind" and f["stated_on"] == "2025-01-07"


def test_settings_from_a_file_and_unknown_keys(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[claimline]\nbatch_size = 7\nhtml_suffixes = ['.html', '.page']\n")
    settings = Settings.load(cfg, common_line_min_docs=5)
    assert settings.batch_size == 7
    assert settings.html_suffixes == (".html", ".page")
    assert settings.common_line_min_docs == 5
    with pytest.raises(ValueError, match="unknown setting.*batchsize"):
        Settings.load(None, batchsize=3)


def test_stage_order_is_checked():
    check_stages(STAGES)
    reordered = (STAGES[1], STAGES[0], STAGES[2])  # extract before split: no sentences yet
    with pytest.raises(ValueError, match="'extract' requires sentences"):
        check_stages(reordered)
    with pytest.raises(ValueError, match="'x' requires nothing_there"):
        check_stages([Stage("x", lambda d, s: d, ("nothing_there",), ())])


def test_lines_repeated_across_pages_are_counted_in_the_ledger(tmp_path):
    """Template furniture shared by an outlet's pages is learned across runs (clean uses it)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(3):
        (folder / f"p{n}.txt").write_text(
            f"Pressbox Weekly Member Area\n\nStory number {n} about the harbour\n\n"
            f"Officials said {100 + n} boats were moored in the harbour on Sunday night.\n", encoding="utf-8")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        run([folder], ledger)
        assert "pressbox weekly member area" in ledger.common_lines(3)
        assert "pressbox weekly member area" not in ledger.common_lines(4)
        (folder / "p0.txt").write_text("Officials said 7 boats were moored in the harbour on Sunday night.\n",
                                       encoding="utf-8")
        run([folder], ledger)  # the changed page no longer has the line: its count goes down
        assert "pressbox weekly member area" not in ledger.common_lines(3)


def test_a_ledger_of_the_first_schema_is_upgraded_in_place(tmp_path, monkeypatch):
    from claimline import store
    db = tmp_path / "old.sqlite"
    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS[:1])
    with Ledger(db) as old:
        assert old.schema_version == 1
    monkeypatch.undo()
    with Ledger(db) as ledger:
        assert ledger.schema_version == len(MIGRATIONS) >= 2
        columns = {r[1] for r in ledger.db.execute("PRAGMA table_info(figures)")}
        assert {"claim_id", "series_id", "claimant_key"} <= columns
        names = [r[0] for r in ledger.db.execute("SELECT name FROM migrations ORDER BY version")]
        assert names[:2] == ["initial schema", "claims, series, copies and entities"]


def test_figures_point_at_the_passage_of_their_sentence(tmp_path):
    """passage_id is the passage holding the figure's sentence, also after a changed page's old
    rows are deleted and the same batch goes on inserting."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(4):
        (folder / f"p{n}.txt").write_text(
            f"Harbour report {n}\n\nThe port authority said {120 + n} ships called in March.\n\n"
            f"Officials said on Monday that {30 + n} cranes were idle, and {n + 2} berths were closed.\n",
            encoding="utf-8")

    def check(ledger) -> int:
        rows = ledger.db.execute(
            "SELECT f.document_id, f.evidence_start, f.evidence_end, p.document_id, p.start, p.\"end\""
            " FROM figures f JOIN passages p ON p.id = f.passage_id").fetchall()
        assert ledger.db.execute("SELECT count(*) FROM figures WHERE passage_id IS NULL").fetchone()[0] == 0
        for doc, start, end, passage_doc, p_start, p_end in rows:
            assert doc == passage_doc and p_start <= start and end <= p_end
        return len(rows)

    with Ledger(tmp_path / "l.sqlite") as ledger:
        run([folder], ledger, consolidate_after=False)
        assert check(ledger) >= 12
        (folder / "p3.txt").write_text("Officials said 7 boats and 9 barges were moored on Sunday night.\n",
                                       encoding="utf-8")
        (folder / "p4.txt").write_text("The port authority said 44 ships called in April.\n", encoding="utf-8")
        run([folder], ledger, consolidate_after=False, settings=Settings(batch_size=1))
        assert check(ledger) >= 12


def test_a_figure_whose_sentence_has_no_stored_passage_gets_no_passage_id(tmp_path):
    from claimline.pipeline import process
    from claimline.stages.ingest import iter_inputs
    page = tmp_path / "p.txt"
    page.write_text("Storm note\n\nMayor Pia Lund said on Monday that 75 roofs and 12 sheds were damaged.\n",
                    encoding="utf-8")
    settings = Settings()
    doc = process(next(iter(iter_inputs([page], settings))), settings)
    assert len(doc.figures) >= 2
    doc.sentences[doc.figures[0].sentence].passage = -1  # as `claimline load` marks a figure without one
    doc.sentences[doc.figures[1].sentence].passage = len(doc.passages)
    with Ledger(tmp_path / "l.sqlite") as ledger:
        run_id = ledger.start_run([])
        ledger.write_documents([(doc, [str(page)])], run_id)
        got = ledger.db.execute("SELECT passage_id FROM figures ORDER BY idx").fetchall()
        assert got[0][0] is None and got[1][0] is None


def test_undated_claim_candidates_are_every_dated_report_of_the_same_value_by_a_near_claimant(tmp_path):
    """The SQL matching gives what a plain comparison of every pair of figures gives."""
    from claimline.stages.resolve import _surname_keys
    folder = tmp_path / "pages"
    folder.mkdir()
    dated = [("March 13", "Governor Ilse Varga", "March 11", "6,000"),
             ("March 14", "Ilse Varga", "March 11", "6,000"),
             ("March 14", "Governor Varga", "March 12", "6,000"),
             ("March 15", "Minister Tomas Vargas", "March 10", "6,000"),
             ("March 15", "Mayor Pia Lund", "March 10", "6,000"),
             ("March 16", "Governor Ilse Varga", "March 11", "7,000")]
    for n, (day, who, said, value) in enumerate(dated):
        (folder / f"d{n}.txt").write_text(
            f"Levee holds\n\nby Ana Sol {day}, 2025 09:00 AM\n\n"
            f"{who} said on {said} that more than {value} people had left the lowlands.\n", encoding="utf-8")
    (folder / "u.txt").write_text(
        "River crest\n\nThe governor Ilse Varga said on Tuesday that more than 6.000 people had left the"
        " lowlands.\n\nMayor Pia Lund said on Monday that 75 roofs were damaged.\n", encoding="utf-8")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        run([folder], ledger, consolidate_after=False)
        figures = ledger.db.execute(
            "SELECT f.id, f.document_id, f.value, f.low, f.high, f.claimant, f.stated_expr, f.stated_how,"
            " f.stated_from, f.stated_on, d.published, d.name FROM figures f JOIN documents d ON d.id = f.document_id"
            " ORDER BY f.id").fetchall()
        expected: dict = {}
        for u in figures:
            if u["published"] is not None or u["stated_expr"] is None or u["claimant"] is None:
                continue
            groups: dict = {}
            for k in figures:
                same_value = (k["value"], k["low"], k["high"]) == (u["value"], u["low"], u["high"])
                if (k["published"] is None or k["stated_how"] != "text" or k["stated_from"] is not None
                        or k["claimant"] is None or not same_value
                        or not _surname_keys(u["claimant"]) & _surname_keys(k["claimant"])):
                    continue
                groups.setdefault((k["claimant"], k["stated_on"]), []).append((k["id"], k["name"]))
            for (claimant, stated_on), reports in groups.items():
                first, name = min(reports)
                expected.setdefault(u["document_id"], {}).setdefault(u["id"], []).append(
                    (first, (claimant, stated_on, name)))
        got = {doc: {fid: list(c) for fid, c in candidates.items()}
               for doc, _, candidates in ledger.undated_claim_candidates(_surname_keys, since_run=0)}
        assert got == {doc: {fid: [c for _, c in sorted(cs)] for fid, cs in by_figure.items()}
                       for doc, by_figure in expected.items()}
        candidates = [c for by_figure in got.values() for cs in by_figure.values() for c in cs]
        assert len(candidates) >= 3  # several claimants and days, one entry each
        assert not ledger.db.execute("SELECT name FROM sqlite_temp_master").fetchall()  # temp tables dropped
