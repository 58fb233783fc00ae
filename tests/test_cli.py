"""The commands a user types: run (incremental, bad input), export, figures, errors.

Pages here are invented for the tests."""
from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from click.testing import CliRunner

from claimline.cli import main

PAGE = """Skip to content

Flood waters reach Harlow as 12,000 are displaced, minister says

by Ana Sol and the Harbour Ledger desk November 6, 2024 10:15 AM 3 min read

Interior Minister Hana Ostrova said on Nov. 5 that more than 12,000 people had been displaced in the Harlow region.

"We expect the number to rise," Ostrova told reporters in Lorvik.

The Red Harbor Relief Fund estimated on Tuesday that some 3,000 homes were damaged.

Subscribe to our newsletter
Enter your email
"""

LATIN1_PAGE = ("Crue \u00e0 Harlow\n\nby Ana Sol November 6, 2024 10:15 AM\n\n"
               "Le pr\u00e9fet Marc L\u00e9ger said on Nov. 5 that 4,500 people had left the valley of the Orne.\n")


def invoke(*args):
    runner = CliRunner()
    result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(PAGE, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(LATIN1_PAGE, encoding="latin-1")
    return folder


def figures_in(db):
    with sqlite3.connect(db) as con:
        return con.execute("SELECT d.name, f.value, f.claimant FROM figures f JOIN documents d "
                           "ON d.id = f.document_id ORDER BY d.name, f.idx").fetchall()


def test_run_reads_folders_recursively_and_reports(corpus, tmp_path):
    db = tmp_path / "ledger.sqlite"
    result = invoke("run", corpus, "--db", db)
    assert result.exit_code == 0, result.output
    assert "2 documents read" in result.output
    assert "0 failed" in result.output
    rows = figures_in(db)
    assert ("a.txt", 12000.0, "Hana Ostrova") in rows
    assert ("b.txt", 4500.0, "Marc Léger") in rows  # latin-1 page decoded, accents intact


def test_second_run_changes_nothing(corpus, tmp_path):
    db = tmp_path / "ledger.sqlite"
    invoke("run", corpus, "--db", db)
    before = figures_in(db)
    result = invoke("run", corpus, "--db", db)
    assert result.exit_code == 0
    assert "0 documents read, 2 skipped as unchanged" in result.output
    assert figures_in(db) == before


def test_changed_file_replaces_its_rows(corpus, tmp_path):
    db = tmp_path / "ledger.sqlite"
    invoke("run", corpus, "--db", db)
    (corpus / "a.txt").write_text(PAGE.replace("more than 12,000", "more than 14,000"), encoding="utf-8")
    result = invoke("run", corpus, "--db", db)
    assert "1 documents read, 1 skipped as unchanged" in result.output
    values = [v for name, v, _ in figures_in(db) if name == "a.txt"]
    assert 14000.0 in values and 12000.0 not in values
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_same_page_under_two_names_is_one_document(corpus, tmp_path):
    (corpus / "copy.txt").write_text(PAGE, encoding="utf-8")
    db = tmp_path / "ledger.sqlite"
    result = invoke("run", corpus, "--db", db)
    assert "1 duplicates" in result.output
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 3


def test_bad_inputs_fail_cleanly_and_the_run_goes_on(corpus, tmp_path):
    db = tmp_path / "ledger.sqlite"
    invoke("run", corpus, "--db", db)  # something already stored
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.txt").write_bytes(b"  \n\n ")
    (bad / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (bad / "utf16.txt").write_bytes(b"\xff\xfe" + b"\x00\xd8")  # BOM then a lone surrogate
    (bad / "rows.jsonl").write_text('{"id": "r1", "text": "Officials said 250 boats were lost at sea."}\n'
                                    "{not json\n"
                                    '{"id": "r3", "url": "https://example.invalid/x"}\n', encoding="utf-8")
    (bad / "good.txt").write_text(PAGE.replace("12,000", "13,000"), encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(bad), str(tmp_path / "missing"), "--db", str(db)])
    assert result.exit_code == 1
    out = result.output
    assert "[E002]" in out and "empty.txt" in out and "the file is empty" in out
    assert "blank.txt" in out
    assert "[E003]" in out and "image.png" in out and "binary" in out
    assert "[E004]" in out and "utf16.txt" in out
    assert "[E005]" in out and "rows.jsonl:2" in out and "not valid JSON" in out
    assert "[E006]" in out and "rows.jsonl:3" in out
    assert "[E008]" in out and "missing" in out
    assert "7 failed" in out
    names = {name for name, _, _ in figures_in(db)}
    assert {"a.txt", "b.txt", "good.txt", "r1"} <= names  # nothing already stored was lost
    errors = invoke("errors", "--db", db)
    assert "image.png" in errors.output and "[E003]" in errors.output


def test_not_a_ledger(tmp_path):
    db = tmp_path / "notes.sqlite"
    db.write_text("these are my notes, not a database\n" * 100)
    result = CliRunner().invoke(main, ["run", str(tmp_path), "--db", str(db)])
    assert result.exit_code != 0
    assert "[E020]" in result.output and "notes.sqlite" in result.output


def test_exports(corpus, tmp_path):
    db = tmp_path / "ledger.sqlite"
    invoke("run", corpus, "--db", db)
    out = invoke("export", "--db", db, "--what", "figures", "--format", "jsonl", "--out", "-").output
    rows = [json.loads(line) for line in out.splitlines()]
    fig = next(r for r in rows if r["value"] == 12000)
    assert fig["doc"] == "a.txt"
    assert fig["approx"] == "more_than"
    assert fig["claimant"] == "Hana Ostrova"
    assert fig["stated_on"] == "2024-11-05"
    page = (corpus / "a.txt").read_text(encoding="utf-8")
    assert page[fig["span"][0]:fig["span"][1]] == "more than 12,000"
    assert page[fig["claimant_span"][0]:fig["claimant_span"][1]] == "Hana Ostrova"
    for key in ("value", "low", "high", "approx", "unit", "subject", "where", "claimant", "basis",
                "stated_on", "modality", "evidence", "span", "claimant_span"):
        assert key in fig

    target = tmp_path / "docs.csv"
    invoke("export", "--db", db, "--what", "documents", "--format", "csv", "--out", target)
    docs = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    a = next(d for d in docs if d["doc"] == "a.txt")
    assert a["title"] == "Flood waters reach Harlow as 12,000 are displaced, minister says"
    assert a["authors"] == "Ana Sol"
    assert a["published"].startswith("2024-11-06")
    assert "Subscribe to our newsletter" not in a["body"]
    assert "Interior Minister Hana Ostrova said" in a["body"]


def test_figures_table(corpus, tmp_path):
    db = tmp_path / "ledger.sqlite"
    invoke("run", corpus, "--db", db)
    out = invoke("figures", "--db", db).output
    assert "more than 12,000" in out
    assert "Hana Ostrova" in out
    assert "2024-11-05" in out
    out = invoke("figures", "--db", db, "--claimant", "léger").output
    assert "4,500" in out and "12,000" not in out


def test_export_without_ledger(tmp_path):
    result = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code != 0
    assert "no ledger" in result.output
