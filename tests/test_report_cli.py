"""`claimline report` end to end on invented pages: the ledger's claims reach the HTML page."""
from __future__ import annotations

from click.testing import CliRunner

from claimline.cli import main
from test_consolidate import PAGE_A, PAGE_B, PAGE_C, build


def test_report_from_a_ledger(tmp_path):
    build(tmp_path, {"a.txt": PAGE_A, "b.txt": PAGE_B, "c.txt": PAGE_C}).close()
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", "--db", str(tmp_path / "l.sqlite"), "--out", str(out),
                                       "--title", "Veldmark floods <test>"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Veldmark floods &lt;test&gt;" in page
    assert "Tomas Arkell" in page and "Ilse Marrow" in page
    assert "<svg" in page
    assert "http://" not in page.split("<body", 1)[1].replace("http://www.w3.org", "")  # nothing to fetch
    # the 12,000 claim: reported by two documents, each linked to its highlighted evidence
    assert page.count('href="#doc-') >= 2 and '<mark id="doc-' in page
