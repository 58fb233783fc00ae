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
