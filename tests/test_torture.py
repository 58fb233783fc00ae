"""A torture corpus: a folder of everything users actually feed a tool like this (binary files,
wrong and mixed encodings, a truncated web archive, a 50 MB page, empty files, pages that are
mostly JavaScript, pathologically nested HTML, a broken feed, a CSV with bad rows), read by the
real command in one run, with worker processes.

What a user must see: every good page is in the ledger with its figures; every bad input is
named, with its record offset or row where it has one, the reason and the right code; nothing
crashes; the exit code is 1; `claimline errors` lists them. Everything is generated here.
"""
from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_formats import (
    ITEM_A,
    TEXT_PAGE,
    crawl_records,
    page,
    rss,
    write_csv,
    write_warc,
)

from claimline.cli import main

SJIS_PAGE = ("<html><head><meta charset=\"shift_jis\"><title>港の避難</title></head><body><article>"
             "<h1>港の避難</h1>"
             + "<p>市当局は5日、約1万2000人が避難したと発表した。関係者によると、被害は拡大している。</p>" * 6
             + "</article></body></html>")

MIXED_PAGE = ("Crue à Harlow — le point\n\nby Ana Sol November 6, 2024 10:15 AM\n\n".encode()
              # a paragraph pasted from an old windows-1252 page into a UTF-8 file
              + "Le préfet Marc Léger said on Nov. 5 that 4,500 people had left the valley of the Orne.\n"
              .encode("cp1252"))

UTF16_PAGE = TEXT_PAGE.replace("12,000", "17,000").replace("Hana Ostrova", "Ilse Varga")


def build(root: Path) -> tuple[Path, dict]:
    """The corpus, and what is known about it: expected errors and the good pages."""
    rng = random.Random(7)
    c = root / "corpus"
    for sub in ("good", "bad", "archives", "feeds", "tables"):
        (c / sub).mkdir(parents=True)

    # good pages in awkward shapes
    (c / "good" / "plain.txt").write_text(TEXT_PAGE, encoding="utf-8")
    (c / "good" / "cp1252.txt").write_bytes(
        TEXT_PAGE.replace("Hana Ostrova", "Marc Léger").replace("12,000", "4,500").encode("cp1252"))
    (c / "good" / "utf16.txt").write_bytes(UTF16_PAGE.encode("utf-16"))  # with its byte-order mark
    (c / "good" / "mixed.txt").write_bytes(MIXED_PAGE)
    (c / "good" / "sjis.html").write_bytes(SJIS_PAGE.encode("shift_jis"))
    script = "<script>" + "window.dataLayer.push({'event': 'view', 'n': 1});\n" * 60_000 + "</script>"
    (c / "good" / "scripted.html").write_text(
        page("Scripts everywhere", "8,800").replace("</head>", script + "</head>").replace("</body>", script + "</body>"),
        encoding="utf-8")

    # bad inputs
    (c / "bad" / "random.bin").write_bytes(rng.randbytes(200_000))
    (c / "bad" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(5000))
    (c / "bad" / "empty.txt").write_bytes(b"")
    (c / "bad" / "blank.html").write_bytes(b"  \n\t\n   \r\n")
    huge = page("Huge").replace("</article>", "<p>" + "Padding text for a huge page. " * 1_700_000 + "</p></article>")
    (c / "bad" / "huge.html").write_text(huge, encoding="utf-8")
    (c / "bad" / "nested.html").write_text(
        "<html><head><title>Deep</title></head><body>" + "<div>" * 100_000
        + "<p>Officials said 900 people were moved.</p>" + "</div>" * 100_000 + "</body></html>", encoding="utf-8")
    (c / "bad" / "rows.jsonl").write_text(
        json.dumps({"id": "row-ok", "text": "The harbour authority said on Tuesday that 250 boats were lost."})
        + "\n{broken json\n", encoding="utf-8")

    # archives: one whole, one (of other pages) cut inside its second news page's record
    whole = c / "archives" / "crawl.warc.gz"
    write_warc(whole, crawl_records())
    cut = c / "archives" / "cut.warc.gz"
    index = write_warc(cut, [dict(r, uri=r["uri"].replace("ledger.example", "cut.example"),
                                  body=r["body"].replace(b"Harlow", b"Lorvik")) for r in crawl_records()])
    damaged = next(off for off, kind, uri in index if kind == "response" and uri.endswith("/news/1"))
    end = min(off for off, _, _ in index if off > damaged)
    cut.write_bytes(cut.read_bytes()[:(damaged + end) // 2])

    (c / "feeds" / "news.rss").write_text(rss(ITEM_A), encoding="utf-8")
    (c / "feeds" / "broken.xml").write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel>'
                                            "<title>Broken</title><<<item>>", encoding="utf-8")

    write_csv(c / "tables" / "export.csv", [
        ["id", "text", "url"],
        ["csv-ok", TEXT_PAGE.replace("12,000", "6,600").replace("Hana Ostrova", "Rosa Lind"), ""],
        ["csv-empty", "", ""],
    ])
    expected_errors = [
        ("E003", f"{c / 'bad' / 'random.bin'}", "binary"),
        ("E003", f"{c / 'bad' / 'image.png'}", "binary"),
        ("E002", f"{c / 'bad' / 'empty.txt'}", "empty"),
        ("E002", f"{c / 'bad' / 'blank.html'}", "empty"),
        ("E014", f"{c / 'bad' / 'huge.html'}", f"{len(huge) / 1e6:.1f} MB, more than the max_page_bytes"),
        ("E007", f"{c / 'bad' / 'nested.html'}", "no article"),
        ("E005", f"{c / 'bad' / 'rows.jsonl'}:2", "not valid JSON"),
        ("E011", f"{cut}:{damaged}", "truncated"),
        ("E012", f"{c / 'feeds' / 'broken.xml'}", "XML"),
        # the row after one whose text cell spans lines: named by the line it starts on
        ("E013", f"{c / 'tables' / 'export.csv'}:{3 + TEXT_PAGE.count(chr(10))}", "no text, html or url"),
    ]
    return c, {"errors": expected_errors, "cut": cut}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def torture(tmp_path_factory):
    root = tmp_path_factory.mktemp("torture")
    corpus, known = build(root)
    db = root / "ledger.sqlite"
    result = run("run", corpus, "--db", db, "--workers", "2")
    return corpus, known, db, result


def test_nothing_crashes_and_the_run_fails_with_exit_code_1(torture):
    _, known, _, result = torture
    assert result.exit_code == 1, result.output
    assert f"{len(known['errors'])} failed" in result.output


def test_every_bad_input_is_named_with_code_place_and_reason(torture):
    _, known, db, result = torture
    failed = [line for line in result.output.splitlines() if line.startswith("failed: ")]
    for code, source, reason in known["errors"]:
        matching = [line for line in failed if line.startswith(f"failed: [{code}] {source}: ")]
        assert len(matching) == 1, (code, source, failed)
        assert reason in matching[0], matching[0]
    assert len(failed) == len(known["errors"]), failed
    listed = run("errors", "--db", db).output.splitlines()
    assert sorted(listed) == sorted(line.removeprefix("failed: ") for line in failed)


def test_every_good_page_is_in_the_ledger(torture):
    db = torture[2]
    with sqlite3.connect(db) as con:
        figures = set(con.execute("SELECT d.name, f.value, f.claimant FROM figures f "
                                  "JOIN documents d ON d.id = f.document_id").fetchall())
        titles = {name: title for name, title in con.execute("SELECT name, title FROM documents")}
        urls = {url for (url,) in con.execute("SELECT url FROM documents WHERE url IS NOT NULL")}
    assert ("plain.txt", 12000.0, "Hana Ostrova") in figures
    assert ("cp1252.txt", 4500.0, "Marc Léger") in figures
    assert ("utf16.txt", 17000.0, "Ilse Varga") in figures
    assert ("mixed.txt", 4500.0, "Marc Léger") in figures  # both encodings of the file read right
    assert titles["mixed.txt"] == "Crue à Harlow — le point"
    assert titles["sjis.html"] == "港の避難"
    assert ("scripted.html", 8800.0, "Hana Ostrova") in figures
    assert any(name == "row-ok" and value == 250.0 for name, value, _ in figures)
    assert ("csv-ok", 6600.0, "Rosa Lind") in figures
    assert titles["ledger.example/a"] == "Floods reach Harlow"  # the feed's item
    # the whole archive, and the cut one up to the damage
    assert {f"https://ledger.example/news/{i}" for i in range(3)} <= urls
    assert "https://cut.example/news/0" in urls
    assert ("ledger.example/news/1", 13500.0, "Hana Ostrova") in figures


def test_a_second_run_reads_nothing_again_and_reports_the_same_failures(torture):
    corpus, known, db, _ = torture
    again = run("run", corpus, "--db", db, "--workers", "2")
    assert again.exit_code == 1
    assert "0 documents read" in again.output and f"{len(known['errors'])} failed" in again.output


def test_urls_in_the_corpus(tmp_path):
    """With --fetch, a URL list in the corpus is fetched: the good page read, the failing ones
    (a server error, a redirect loop, a server too slow to answer) reported by URL; without it
    each URL is E019."""
    httpserver = pytest.importorskip("httpserver")
    with httpserver.LocalServer() as server:
        server.route("/story", httpserver.Reply(200, page("Port story", "4,400").encode()))
        server.route("/broken", httpserver.Reply(500, b"oops"))
        server.route("/loop", httpserver.Reply(302, b"", headers={"Location": "/loop"}))
        server.route("/stalled", httpserver.Reply(200, page("Never", "1").encode(), delay=3.0))
        urls = [server.url("/story"), server.url("/broken"), server.url("/loop"), server.url("/stalled")]
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        (corpus / "links.txt").write_text("# from the newsletter\n" + "\n".join(urls) + "\n")
        (corpus / "page.txt").write_text(TEXT_PAGE, encoding="utf-8")
        settings = tmp_path / "settings.toml"
        settings.write_text("[claimline]\nfetch_delay_s = 0.0\nfetch_retries = 0\nfetch_backoff_s = 0.0\n"
                            "fetch_timeout_s = 0.5\n")
        db = tmp_path / "ledger.sqlite"
        offline = run("run", corpus, "--db", db, "--workers", "1")
        assert offline.exit_code == 1 and offline.output.count("[E019]") == 4
        online = run("run", corpus, "--db", db, "--workers", "1", "--fetch", "--config", settings)
        assert online.exit_code == 1
        assert f"[E016] {urls[1]}" in online.output and f"[E018] {urls[2]}" in online.output
        assert f"[E015] {urls[3]}" in online.output
        assert "1 documents read, 1 skipped as unchanged" in online.output
        with sqlite3.connect(db) as con:
            assert con.execute("SELECT title FROM documents WHERE url = ?", (urls[0],)).fetchone() == ("Port story",)


@pytest.mark.parametrize("ascii_letter, lookalike", [("s", "\u017f"), ("i", "\u0131"), ("I", "\u0130"),
                                                     ("k", "\u212a"), ("K", "\u212a")])
def test_pages_spelled_with_ignorecase_lookalike_letters_are_read_not_failed(tmp_path, ascii_letter, lookalike):
    """Old print, OCR and some machine translations write "ſ" for "s" (or a dotless i): a
    case-insensitive regex matches those letters to ASCII ones, and every word table looked up
    afterwards must cope. The invented example pages and a page of such words, the letter swapped in."""
    from claimline import Ledger
    from claimline import run as run_pages
    examples = Path(__file__).resolve().parent.parent / "examples" / "corpus"
    pages = {source.name: source.read_text(encoding="utf-8") for source in sorted(examples.glob("*.txt"))}
    # and the words whose tables once missed such letters: scales, vague amounts, months, currencies
    pages["words.txt"] = ("Flood relief in Kirsk\n\nby Ana Sol September 4, 2025 10:15 AM\n\nThe society said on "
                          "Sept. 3 that several thousand people, and later tens of thousands, had left; 3 thousand "
                          "tents and 1.2 billion dollars in aid were pledged, a kilo of rice per day each.\n")
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, text in pages.items():
        (folder / name).write_text(text.replace(ascii_letter, lookalike), encoding="utf-8")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        summary = run_pages([folder], ledger, consolidate_after=False)
        assert [e.reason for e in summary.failed] == []
        assert summary.read == len(pages) and summary.figures > 0
