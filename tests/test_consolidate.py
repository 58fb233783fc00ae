"""One claim per occasion, one series per question, copies between pages. Pages are invented."""
from __future__ import annotations

import json

from click.testing import CliRunner

from claimline import Ledger, run
from claimline.cli import main
from claimline import export

BACKGROUND = ("The Sallow River burst its banks on March 9 after two days of heavy rain, flooding low-lying "
              "districts of Brennick and forcing the closure of the main rail line to the coast.")

PAGE_A = f"""Floods displace thousands in Veldmark

by Ana Sol March 11, 2025 10:00 AM

Interior Minister Tomas Arkell said on March 10 that 12,000 people had been displaced in the Veldmark province.

{BACKGROUND}

The relief office expects to send 3,000 more cots to the province next week.
"""

PAGE_B = f"""Veldmark flood count rises

by Lena Hart March 12, 2025 08:00 AM

Some 12,000 people have been displaced in the Veldmark province, Interior Minister Tomas Arkell said on March 10.

{BACKGROUND}

Governor Ilse Marrow said on March 11 that more than 20,000 people had been displaced in the Veldmark province.
"""

PAGE_C = """Ministry revises flood count

by Ana Sol March 15, 2025 09:00 AM

Minister Arkell said on March 14 that 19,500 people had now been displaced in the Veldmark province.

Separately, the city of Aldport said on March 14 that 400 people had been displaced in Aldport.
"""


def build(tmp_path, pages):
    folder = tmp_path / "pages"
    folder.mkdir(exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    ledger = Ledger(tmp_path / "l.sqlite")
    summary = run([folder], ledger)
    assert summary.ok
    return ledger


def test_one_claim_many_reports_and_copies(tmp_path):
    with build(tmp_path, {"a.txt": PAGE_A, "b.txt": PAGE_B, "c.txt": PAGE_C}) as ledger:
        rows = {(r["doc"], r["value"]): r for r in export.figure_rows(ledger)}
        a, b = rows[("a.txt", 12000)], rows[("b.txt", 12000)]
        assert a["claim"] is not None and a["claim"] == b["claim"]  # same claimant, figure, occasion
        c = rows[("c.txt", 19500)]
        assert c["claim"] != a["claim"] and c["series"] == a["series"]  # a new occasion, the same question
        assert rows[("b.txt", 20000)]["series"] == a["series"]  # another claimant, same question
        assert rows[("c.txt", 400)]["series"] != a["series"]  # another place
        assert rows[("a.txt", 3000)]["series"] != a["series"]  # expected, not a current count
        claims = {r["claim"]: r for r in export.claim_rows(ledger)}
        assert claims[a["claim"]]["reports"] == 2
        assert claims[a["claim"]]["documents"] == ["a.txt", "b.txt"]
        # the background paragraph is copied from a (earlier) into b
        n = ledger.db.execute("SELECT count(*) FROM copies").fetchone()[0]
        assert n == 1


def test_copied_report_is_not_independent(tmp_path):
    copied = PAGE_A.replace("by Ana Sol March 11, 2025 10:00 AM", "by Pia Lund March 12, 2025 07:00 AM")
    copied = copied.replace("Floods displace thousands in Veldmark", "Thousands displaced in Veldmark floods")
    with build(tmp_path, {"a.txt": PAGE_A, "copy.txt": copied}) as ledger:
        claims = list(export.claim_rows(ledger))
        main_claim = next(c for c in claims if c["value"] == 12000)
        assert main_claim["reports"] == 2
        assert main_claim["independent"] == 1
        rows = {r["doc"]: r for r in export.figure_rows(ledger) if r["value"] == 12000}
        assert rows["copy.txt"]["copy_of"] == "a.txt" and rows["a.txt"]["copy_of"] is None


def test_second_run_links_new_page_to_stored_paragraphs(tmp_path):
    with build(tmp_path, {"a.txt": PAGE_A}) as ledger:
        assert ledger.db.execute("SELECT count(*) FROM copies").fetchone()[0] == 0
    folder = tmp_path / "pages"
    (folder / "b.txt").write_text(PAGE_B, encoding="utf-8")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        run([folder], ledger)
        assert ledger.db.execute("SELECT count(*) FROM copies").fetchone()[0] == 1


def test_timeline_command(tmp_path):
    build(tmp_path, {"a.txt": PAGE_A, "b.txt": PAGE_B, "c.txt": PAGE_C}).close()
    out = CliRunner().invoke(main, ["timeline", "--db", str(tmp_path / "l.sqlite"), "--series", "people"]).output
    first = out.index("2025-03-10")
    assert first < out.index("2025-03-11") < out.index("2025-03-14")
    assert "Tomas Arkell" in out and "Ilse Marrow" in out
    assert "2 report(s)" in out
    assert "latest per claimant:" in out and "19,500" in out.split("latest per claimant:")[1]
    assert "spread:" in out


def test_claims_and_series_exports(tmp_path):
    build(tmp_path, {"a.txt": PAGE_A, "b.txt": PAGE_B}).close()
    runner = CliRunner()
    claims = [json.loads(x) for x in runner.invoke(main, ["export", "--db", str(tmp_path / "l.sqlite"), "--what",
                                                          "claims"]).output.splitlines()]
    assert any(c["value"] == 12000 and c["reports"] == 2 for c in claims)
    series = [json.loads(x) for x in runner.invoke(main, ["export", "--db", str(tmp_path / "l.sqlite"), "--what",
                                                          "series"]).output.splitlines()]
    assert any(s["claims"] >= 2 for s in series)
