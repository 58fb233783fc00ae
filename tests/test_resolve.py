"""Statement dates across documents: an undated page anchored by a dated report of the same claim.
Pages are invented."""
from __future__ import annotations

from claimline import Ledger, run

DATED = """Levee holds as river crests

by Ana Sol March 13, 2025 09:00 AM

Governor Ilse Varga said on March 11 that more than 6,000 people had left the lowlands.
"""

UNDATED = """River crest: governor counts more than 6.000 displaced

The governor Ilse Varga said on Tuesday that more than 6.000 people had left the lowlands.

The ministry of the interior announced on Wednesday that it had sent 1.500 blankets.

The ministry said last Sunday that 40 pumps were working.
"""

UNMATCHED = """Storm note

Mayor Pia Lund said on Monday that 75 roofs were damaged.
"""


def test_undated_page_is_anchored_by_a_dated_report_of_the_same_claim(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "dated.txt").write_text(DATED, encoding="utf-8")
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (folder / "unmatched.txt").write_text(UNMATCHED, encoding="utf-8")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        summary = run([folder], ledger)
        assert summary.dated_by_inference == 1
        docs = {d["name"]: d for d in ledger.documents()}
        assert docs["undated.txt"]["published"] is None  # never a guess in the published field
        # Tuesday = March 11; "on Wednesday" then means the next day: published on Wednesday
        assert docs["undated.txt"]["published_inferred"] == "2025-03-12"
        assert docs["undated.txt"]["published_inferred_from"] == "dated.txt"
        figs = {(f["doc"], f["value"]): f for f in ledger.figures()}
        claim = figs[("undated.txt", 6000)]
        assert claim["stated_on"] == "2025-03-11"
        assert claim["stated_how"] == "inferred from dated.txt"
        assert figs[("undated.txt", 1500)]["stated_on"] == "2025-03-12"
        assert figs[("undated.txt", 40)]["stated_on"] == "2025-03-09"  # last Sunday
        # a page whose claims no dated page reports stays unresolved
        assert docs["unmatched.txt"]["published_inferred"] is None
        assert figs[("unmatched.txt", 75)]["stated_on"] is None
        assert figs[("unmatched.txt", 75)]["stated_how"] == "unresolved"


def test_a_later_run_dates_an_older_undated_page_and_a_rerun_keeps_it(tmp_path):
    """Inference is incremental: a run reconsiders only the undated pages whose candidates may have
    changed (its own, and older ones that one of its dated reports matches); the rest keep what
    earlier runs inferred."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (first / "unmatched.txt").write_text(UNMATCHED, encoding="utf-8")
    (second / "dated.txt").write_text(DATED, encoding="utf-8")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        assert run([first], ledger, consolidate_after=False).dated_by_inference == 0
        # the dated report arrives in a later run: the page stored by the first run is dated now
        assert run([second], ledger, consolidate_after=False).dated_by_inference == 1
        docs = {d["name"]: d for d in ledger.documents()}
        assert docs["undated.txt"]["published_inferred"] == "2025-03-12"
        assert docs["undated.txt"]["published_inferred_from"] == "dated.txt"
        # nothing new: nothing to reconsider, and the inferred dates stay
        again = run([first, second], ledger, consolidate_after=False)
        assert (again.unchanged, again.dated_by_inference) == (3, 0)
        docs = {d["name"]: d for d in ledger.documents()}
        assert docs["undated.txt"]["published_inferred"] == "2025-03-12"
        figs = {(f["doc"], f["value"]): f for f in ledger.figures()}
        assert figs[("undated.txt", 6000)]["stated_how"] == "inferred from dated.txt"


def test_an_undated_page_stored_by_a_killed_run_is_still_dated(tmp_path):
    """A run killed before its inference step leaves its pages undated; the next run, which finds
    them unchanged, still reconsiders them."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "dated.txt").write_text(DATED, encoding="utf-8")
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        summary = run([folder], ledger, consolidate_after=False)
        assert summary.dated_by_inference == 1
        # as if the run had been killed after writing its pages: no inference, no finish mark
        ledger.db.execute("UPDATE documents SET published_inferred = NULL, published_inferred_from = NULL")
        ledger.db.execute("UPDATE runs SET finished_at = NULL")
        ledger.db.commit()
        again = run([folder], ledger, consolidate_after=False)
        assert (again.unchanged, again.dated_by_inference) == (2, 1)
        docs = {d["name"]: d for d in ledger.documents()}
        assert docs["undated.txt"]["published_inferred"] == "2025-03-12"
