"""The input formats other tools produce: WARC archives, RSS/Atom feeds, CSV/TSV exports, URL
lists, standard input, and the page size limit.

Every file is made here, in the test's folder: WARC files by warcio's own writer, feeds and
tables as their tools write them. Pages are invented. URLs are served by a local test server
(tests/httpserver.py); nothing goes to the network.
"""
from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimline.cli import main
from claimline.errors import ClaimlineError
from claimline.settings import Settings
from claimline.stages.ingest import HEAD, RawInput, decode, iter_inputs

HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>{claimant} said on Nov. 5 that more than {figure} people had been displaced in the Harlow region.</p>
<p>The Red Harbor Relief Fund estimated on Tuesday that some 3,000 homes were damaged.</p>
</article></body></html>
"""


def page(title: str, figure: str = "12,000", claimant: str = "Interior Minister Hana Ostrova") -> str:
    return HTML.format(title=title, figure=figure, claimant=claimant)


# --- helpers -----------------------------------------------------------------------------------

def write_warc(path: Path, records: list[dict], gzip: bool = True) -> list[tuple[int, str, str | None]]:
    """A WARC file written by warcio, as a crawler writes one: a warcinfo record, then `records`
    (dicts with uri, body (bytes), and optionally type, content_type, status, date). Returns
    (offset, type, uri) of every record, as warcio's own reader finds them."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "claimline tests"}))
        for r in records:
            kind = r.get("type", "response")
            body = r["body"]
            http = None
            if kind == "response":
                http = StatusAndHeaders(r.get("status", "200 OK"),
                                        [("Content-Type", r.get("content_type", "text/html; charset=utf-8"))],
                                        protocol="HTTP/1.1")
            elif kind == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.invalid")], is_http_request=True)
            # a known length: warcio then needs no temporary file to compute the digest
            record = writer.create_warc_record(
                r["uri"], kind, payload=io.BytesIO(body), length=len(body), http_headers=http,
                warc_content_type=r.get("warc_content_type", ""),
                warc_headers_dict={"WARC-Date": r.get("date", "2025-01-02T03:04:05Z")})
            writer.write_record(record)
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        return [(it.get_record_offset(), rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI")) for rec in it]


def crawl_records() -> list[dict]:
    """What a crawl of three pages holds: requests, responses, an image, a redirect, metadata."""
    out = []
    for i, (title, figure) in enumerate((("Floods reach Harlow", "12,000"), ("Harlow count rises", "13,500"),
                                          ("Harlow waters recede", "9,000"))):
        uri = f"https://ledger.example/news/{i}"
        out.append({"uri": uri, "type": "request", "body": b""})
        out.append({"uri": uri, "body": page(title, figure).encode("utf-8"), "date": f"2025-01-0{i + 2}T03:04:05Z"})
        out.append({"uri": uri, "type": "metadata", "body": b"outlink: https://ledger.example/\r\n",
                    "warc_content_type": "application/warc-fields"})
        if i == 0:
            out.append({"uri": "https://ledger.example/logo.png", "content_type": "image/png",
                        "body": b"\x89PNG\r\n\x1a\n" + bytes(300)})
            out.append({"uri": "https://ledger.example/old", "status": "301 Moved Permanently", "body": b"moved"})
    return out


def read(paths, settings: Settings | None = None, fetcher=None) -> list[RawInput | ClaimlineError]:
    return list(iter_inputs([str(p) for p in paths], settings or Settings(), fetcher=fetcher))


def invoke(*args, input: bytes | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def documents(db) -> dict[str, dict]:
    with sqlite3.connect(db) as con:
        con.row_factory = sqlite3.Row
        rows = con.execute("SELECT d.*, s.source AS src FROM documents d JOIN sources s ON s.document_id = d.id")
        return {r["src"]: dict(r) for r in rows}


def figure_values(db) -> dict[str, set[float]]:
    with sqlite3.connect(db) as con:
        out: dict[str, set[float]] = {}
        for source, value in con.execute("SELECT s.source, f.value FROM figures f JOIN sources s "
                                         "ON s.document_id = f.document_id"):
            out.setdefault(source, set()).add(value)
        return out


def config(tmp_path: Path, **values) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text("[claimline]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in values.items()))
    return path


# --- WARC --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,gzip", [("crawl.warc.gz", True), ("crawl.warc", False),
                                       ("crawl-gz.dat", True), ("crawl-plain.dat", False)])
def test_warc_response_pages_become_inputs_named_by_record_offset(tmp_path, name, gzip):
    # .dat: no WARC suffix, told by the first bytes
    path = tmp_path / name
    index = write_warc(path, crawl_records(), gzip=gzip)
    got = read([path])
    assert all(isinstance(x, RawInput) for x in got), got
    html_responses = [(off, uri) for off, kind, uri in index if kind == "response" and "/news/" in uri]
    assert [x.source for x in got] == [f"{path}:{off}" for off, _ in html_responses]
    assert [x.url for x in got] == [uri for _, uri in html_responses]
    assert [x.name for x in got] == ["ledger.example/news/0", "ledger.example/news/1", "ledger.example/news/2"]
    first = got[0]
    assert first.content_type == "html" and "Floods reach Harlow" in first.text
    assert first.content_hash == hashlib.sha256(page("Floods reach Harlow", "12,000").encode()).hexdigest()
    # WARC-Date is when the crawler fetched the page, not when it was published
    assert first.fetched_at == "2025-01-02T03:04:05Z" and first.published is None
    # the offset is where the record starts: warcio reads the same record from there
    with open(path, "rb") as fh:
        fh.seek(int(got[1].source.rsplit(":", 1)[1]))
        record = next(iter(ArchiveIterator(fh)))
        assert record.rec_headers.get_header("WARC-Target-URI") == "https://ledger.example/news/1"


def test_warc_payload_decoded_with_the_http_charset(tmp_path):
    body = page("Crue à Harlow", claimant="Le préfet Marc Léger").encode("cp1252").replace(b'charset="utf-8"', b"")
    path = tmp_path / "fr.warc.gz"
    write_warc(path, [{"uri": "https://fr.example/crue", "body": body,
                       "content_type": "text/html; charset=windows-1252"}])
    [item] = read([path])
    assert "Le préfet Marc Léger" in item.text and item.encoding == "cp1252"


def test_warc_payload_with_content_encoding_and_chunked_transfer(tmp_path):
    import gzip as gz
    html = page("Zipped page", "7,700").encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(html[i:i + 500]), html[i:i + 500]) for i in range(0, len(html), 500))
    path = tmp_path / "encoded.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, headers, body in (
                ("https://ledger.example/zipped", [("Content-Encoding", "gzip")], gz.compress(html)),
                ("https://ledger.example/chunked", [("Transfer-Encoding", "chunked")], chunked)):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *headers], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                                          http_headers=http))
    got = read([path])
    assert [x.text for x in got] == [html.decode(), html.decode()]


def test_an_unforeseen_failure_in_a_reader_fails_that_file_alone(tmp_path, monkeypatch):
    from claimline.formats import feeds

    def broken(*args, **kwargs):
        yield from ()
        raise RuntimeError("a bug in the feed reader")
    monkeypatch.setattr(feeds, "read_feed", broken)
    (tmp_path / "news.rss").write_text(rss(ITEM_A), encoding="utf-8")
    (tmp_path / "page.txt").write_text(TEXT_PAGE, encoding="utf-8")
    got = read([tmp_path])
    assert (got[0].code, got[0].source) == ("E010", str(tmp_path / "news.rss")) and "a bug" in got[0].reason
    assert got[1].source == str(tmp_path / "page.txt")


def cut_inside(path: Path, index, record_number: int) -> int:
    """Cut the file in the middle of the record_number-th response; return that record's offset."""
    responses = [off for off, kind, _ in index if kind == "response"]
    start = responses[record_number]
    end = next((off for off, _, _ in index if off > start), path.stat().st_size)
    data = path.read_bytes()
    path.write_bytes(data[:(start + end) // 2])
    return start


@pytest.mark.parametrize("gzip", [True, False])
def test_truncated_warc_keeps_the_records_before_the_damage(tmp_path, gzip):
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    index = write_warc(path, crawl_records(), gzip=gzip)
    damaged = cut_inside(path, index, 3)  # the second HTML page (the image is response 1, the 301 response 2)
    got = read([path])
    assert [x.url for x in got if isinstance(x, RawInput)] == ["https://ledger.example/news/0"]
    [error] = [x for x in got if isinstance(x, ClaimlineError)]
    assert error.code == "E011"
    assert error.source == f"{path}:{damaged}"
    assert f"byte {damaged}" in error.reason and "truncated" in error.reason


def test_corrupt_gzip_member_is_reported_with_its_offset(tmp_path):
    path = tmp_path / "bad.warc.gz"
    index = write_warc(path, crawl_records())
    second = next(off for off, kind, uri in index if kind == "response" and uri.endswith("/news/1"))
    data = bytearray(path.read_bytes())
    data[second + 30:second + 60] = b"\x00" * 30  # inside the compressed data of that record's member
    path.write_bytes(bytes(data))
    got = read([path])
    assert [x.url for x in got if isinstance(x, RawInput)] == ["https://ledger.example/news/0"]
    [error] = [x for x in got if isinstance(x, ClaimlineError)]
    assert error.code == "E011" and error.source == f"{path}:{second}" and "corrupt" in error.reason


def test_a_file_named_warc_that_is_not_one(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("These are my notes about the crawl.\nNothing else.\n")
    [error] = read([path])
    assert error.code == "E011" and error.source == f"{path}:0" and "not a WARC record" in error.reason


def test_a_wrong_content_length_is_damage_not_a_warning(tmp_path, capfd):
    path = tmp_path / "lies.warc"
    index = write_warc(path, crawl_records()[:3], gzip=False)
    data = path.read_bytes()
    response = next(off for off, kind, _ in index if kind == "response")
    header_end = data.index(b"\r\n\r\n", response)
    length_at = data.index(b"Content-Length: ", response, header_end) + len(b"Content-Length: ")
    digits = data[length_at:data.index(b"\r\n", length_at)]
    fixed = data[:length_at] + str(int(digits) - 40).encode() + data[length_at + len(digits):]
    path.write_bytes(fixed)
    got = read([path])
    assert [x.code for x in got if isinstance(x, ClaimlineError)] == ["E011"]
    assert f"{path}:{response}" == got[-1].source and "Content-Length" in got[-1].reason
    assert "WARNING" not in capfd.readouterr().err  # warcio's own stderr warning is not printed


def test_warc_record_over_the_size_limit(tmp_path):
    path = tmp_path / "big.warc.gz"
    big = page("Big page").replace("</article>", "<p>" + "filler words " * 20_000 + "</p></article>")
    write_warc(path, [{"uri": "https://ledger.example/big", "body": big.encode()},
                      {"uri": "https://ledger.example/small", "body": page("Small page").encode()}])
    got = read([path], Settings(max_page_bytes=100_000))
    assert got[0].code == "E014" and "0.3 MB" in got[0].reason and "0.1 MB" in got[0].reason
    assert got[1].url == "https://ledger.example/small"


def test_warc_is_streamed_not_loaded(tmp_path):
    import tracemalloc
    path = tmp_path / "many.warc.gz"
    filler = "<p>" + "More words about the flood and the harbour. " * 2000 + "</p>"
    write_warc(path, [{"uri": f"https://ledger.example/p/{i}",
                       "body": page(f"Page {i}").replace("</article>", filler + f"<p>{i}</p></article>").encode()}
                      for i in range(150)])
    tracemalloc.start()
    try:
        count = 0
        for item in iter_inputs([path], Settings()):
            assert isinstance(item, RawInput)
            count += 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 150
    assert 150 * len(filler) > 13_000_000  # the archive holds 13+ MB of pages ...
    assert peak < 3_000_000  # ... read one record at a time


def test_warc_through_the_cli_and_again(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, crawl_records())
    db = tmp_path / "ledger.sqlite"
    result = invoke("run", warc, "--db", db, "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "3 documents read" in result.output
    docs = documents(db)
    by_url = {d["url"]: d for d in docs.values()}
    assert by_url["https://ledger.example/news/1"]["title"] == "Harlow count rises"
    assert by_url["https://ledger.example/news/0"]["published"] is None  # WARC-Date is no publication date
    values = figure_values(db)
    assert any(13500.0 in v for v in values.values())
    figures = invoke("figures", "--db", db).output
    assert "more than 12,000" in figures and "Hana Ostrova" in figures
    again = invoke("run", warc, "--db", db, "--workers", "1")
    assert "0 documents read, 3 skipped as unchanged" in again.output


# --- feeds -------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Ledger</title><link>https://ledger.example/</link>
<description>News</description>
{items}
</channel></rss>
"""

RSS_ITEM = """<item><title>{title}</title><link>https://ledger.example/{slug}</link><guid>{slug}</guid>
<pubDate>{date}</pubDate>
<description><![CDATA[<p>{text}</p>]]></description></item>"""


def rss(*items: tuple[str, str, str, str]) -> str:
    return RSS.format(items="\n".join(RSS_ITEM.format(title=t, slug=s, date=d, text=x) for t, s, d, x in items))


ITEM_A = ("Floods reach Harlow", "a", "Tue, 05 Nov 2024 23:30:00 -0500",
          "Interior Minister Hana Ostrova said on Monday that more than 12,000 people had been displaced.")
ITEM_B = ("Boats lost", "b", "Wed, 06 Nov 2024 10:15:00 GMT",
          "The harbour authority said on Tuesday that 250 boats were lost at sea.")
ITEM_C = ("Homes damaged", "c", "Thu, 07 Nov 2024 08:00:00 GMT",
          "The Red Harbor Relief Fund estimated on Wednesday that some 3,000 homes were damaged.")

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:wire</id>
<updated>2024-11-07T08:00:00Z</updated>
<entry><title>Port reopens</title><id>urn:wire:1</id><link href="https://wire.example/port"/>
<published>2024-11-06T08:00:00+02:00</published><updated>2024-11-07T08:00:00Z</updated>
<content type="html">&lt;p&gt;The port authority said on Tuesday that 40 ships were waiting.&lt;/p&gt;</content></entry>
<entry><title>Plain words</title><id>urn:wire:2</id><link href="https://wire.example/plain"/>
<updated>2024-11-07T09:00:00Z</updated>
<content type="text">Officials said on Wednesday that 75 families were moved.</content></entry>
</feed>
"""


@pytest.mark.parametrize("name", ["news.rss", "news.xml", "news.txt"])  # .xml and .txt: told by content
def test_rss_items_are_documents(tmp_path, name):
    path = tmp_path / name
    path.write_text(rss(ITEM_A, ITEM_B), encoding="utf-8")
    got = read([path])
    assert [x.source for x in got] == [f"{path}#a", f"{path}#b"]
    a = got[0]
    assert a.url == "https://ledger.example/a" and a.name == "ledger.example/a"
    assert a.title == "Floods reach Harlow" and a.outlet == "Harbour Ledger"
    assert a.published == "2024-11-05T23:30:00-05:00"  # its own timezone, not moved to the next day in UTC
    assert a.content_type == "html" and "more than 12,000" in a.text


def test_feed_through_the_cli(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "news.rss").write_text(rss(ITEM_A, ITEM_B), encoding="utf-8")
    (tmp_path / "in" / "wire.atom").write_text(ATOM, encoding="utf-8")
    db = tmp_path / "ledger.sqlite"
    result = invoke("run", tmp_path / "in", "--db", db, "--workers", "1")
    assert result.exit_code == 0, result.output
    docs = {d["url"]: d for d in documents(db).values()}
    a = docs["https://ledger.example/a"]
    assert (a["title"], a["outlet"], a["published"]) == ("Floods reach Harlow", "Harbour Ledger",
                                                         "2024-11-05T23:30:00-05:00")
    port = docs["https://wire.example/port"]
    assert (port["title"], port["outlet"], port["published"][:10]) == ("Port reopens", "Atom Wire", "2024-11-06")
    assert docs["https://wire.example/plain"]["content_type"] == "text"
    export = invoke("export", "--db", db, "--what", "figures", "--out", "-").output
    figs = [json.loads(line) for line in export.splitlines()]
    ostrova = next(f for f in figs if f["value"] == 12000)
    assert ostrova["claimant"] == "Hana Ostrova" and ostrova["stated_on"] == "2024-11-04"  # Monday before the 5th
    assert {f["value"] for f in figs} >= {12000, 250, 40, 75}


def test_a_feed_read_again_after_items_rolled_over_keeps_the_old_items(tmp_path):
    feed = tmp_path / "news.rss"
    db = tmp_path / "ledger.sqlite"
    feed.write_text(rss(ITEM_A, ITEM_B), encoding="utf-8")
    invoke("run", feed, "--db", db, "--workers", "1")
    feed.write_text(rss(ITEM_B, ITEM_C), encoding="utf-8")  # A dropped off, C came in
    result = invoke("run", feed, "--db", db, "--workers", "1")
    assert "1 documents read, 1 skipped as unchanged" in result.output
    assert {d["url"] for d in documents(db).values()} == {f"https://ledger.example/{s}" for s in "abc"}


def test_a_slightly_malformed_feed_is_still_read(tmp_path):
    path = tmp_path / "sloppy.rss"
    path.write_text(rss(ITEM_A, ITEM_B).replace("Boats lost", "Boats & nets lost"), encoding="utf-8")  # bare &
    got = read([path])
    assert [x.url for x in got] == ["https://ledger.example/a", "https://ledger.example/b"]


@pytest.mark.parametrize("text", [
    '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Harbour Ledger</title><item><title>A<',
    "<rss><channel><<<>>>",
])
def test_a_broken_feed_is_e012(tmp_path, text):
    path = tmp_path / "broken.rss"
    path.write_text(text, encoding="utf-8")
    [error] = read([path])
    # no item at all (the file is named), or only the title of the item where the XML broke off
    assert error.code == "E012" and error.source.startswith(str(path)) and "XML" in error.reason


def test_a_feed_item_with_nothing_to_read(tmp_path):
    path = tmp_path / "bare.rss"
    path.write_text(RSS.format(items="<item><title>Only a title</title><link>https://ledger.example/t</link>"
                                     "<guid>t</guid></item>"), encoding="utf-8")
    [error] = read([path])
    assert error.code == "E006" and error.source == f"{path}#t" and "--fetch" in error.reason


# --- CSV / TSV ---------------------------------------------------------------------------------

TEXT_PAGE = ("Flood waters reach Harlow\n\nInterior Minister Hana Ostrova said on Nov. 5 that more than 12,000 "
             "people had been displaced in the Harlow region.\n")


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> None:
    import csv
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)


def test_csv_rows_are_documents(tmp_path):
    path = tmp_path / "export.csv"
    big_html = page("A long page").replace("</article>", "<p>" + "Words. " * 40_000 + "</p></article>")
    write_csv(path, [
        ["ID", "Title", "Text", "HTML", "URL", "Published", "Outlet"],
        ["r1", "Flood waters reach Harlow", TEXT_PAGE, "", "", "2024-11-06", "Harbour Ledger"],  # lines 2-5
        ["r2", "", "", big_html, "https://ledger.example/long", "", ""],  # a cell bigger than csv's 128 KiB
        ["r3", "", "", "", "https://ledger.example/only-a-link", "", ""],
        ["r4", "No body", "", "", "", "", ""],
    ])
    got = read([path])
    assert [getattr(x, "code", x.source) for x in got] == [f"{path}:2", f"{path}:6", "E019", "E013"]
    r1, r2, not_fetched, bad = got
    assert (r1.name, r1.title, r1.published, r1.outlet, r1.content_type) == (
        "r1", "Flood waters reach Harlow", "2024-11-06", "Harbour Ledger", "text")
    assert r1.text == TEXT_PAGE.strip()
    assert r2.content_type == "html" and r2.url == "https://ledger.example/long" and len(r2.text) > 200_000
    # a row is named by the line it starts on: its cells may span lines
    r3_line = 2 + (TEXT_PAGE.count("\n") + 1) + (big_html.count("\n") + 1)
    assert not_fetched.source == f"{path}:{r3_line}" and "--fetch" in not_fetched.reason
    assert bad.source == f"{path}:{r3_line + 1}" and "no text, html or url" in bad.reason


@pytest.mark.parametrize("name,delimiter,encoding", [
    ("export.tsv", "\t", "utf-8"), ("excel.csv", ";", "cp1252"), ("plain.csv", ",", "utf-8-sig")])
def test_csv_dialects_and_encodings(tmp_path, name, delimiter, encoding):
    path = tmp_path / name
    text = TEXT_PAGE.replace("Hana Ostrova", "Marc Léger")
    write_csv(path, [["text", "outlet"], [text, "Le Courrier"]], delimiter=delimiter, encoding=encoding)
    [item] = read([path])
    assert "Marc Léger" in item.text and item.outlet == "Le Courrier"


def test_csv_without_a_content_column(tmp_path):
    path = tmp_path / "wrong.csv"
    write_csv(path, [["headline", "body"], ["x", "y"]])
    [error] = read([path])
    assert error.code == "E013" and error.source == f"{path}:1" and "'headline', 'body'" in error.reason


def test_csv_row_over_the_limit_is_skipped_and_the_next_row_read(tmp_path):
    path = tmp_path / "big.csv"
    write_csv(path, [["id", "html"], ["big", "<p>\n" + "line, with \"quotes\"\n" * 20_000 + "</p>"],
                     ["small", page("Small")]])
    got = read([path], Settings(max_page_bytes=100_000))
    assert got[0].code == "E014" and got[0].source == f"{path}:2" and "max_page_bytes" in got[0].reason
    assert got[1].name == "small" and got[1].source == f"{path}:20004"


# --- URL lists, URLs and standard input ---------------------------------------------------------

def test_url_list_without_fetch_names_every_url(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("# today's links\nhttps://ledger.example/a\n\nhttp://wire.example/b?x=1\n")
    got = read([path, "https://ledger.example/c"])
    assert [(x.code, x.source) for x in got] == [("E019", "https://ledger.example/a"),
                                                 ("E019", "http://wire.example/b?x=1"),
                                                 ("E019", "https://ledger.example/c")]
    assert f"listed in {path} line 2" in got[0].reason and "pass --fetch" in got[0].reason


@pytest.mark.parametrize("data,sources,kind", [
    (b'{"id": "s1", "text": "Officials said 250 boats were lost at sea."}\n{"id": "s2", "html": "<p>x</p>"}\n',
     ["<stdin>:1", "<stdin>:2"], "text"),
    (page("From a pipe").encode(), ["<stdin>"], "html"),
    (TEXT_PAGE.encode("utf-16"), ["<stdin>"], "text"),
])
def test_stdin(monkeypatch, data, sources, kind):
    import sys
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    got = read(["-"])
    assert [x.source for x in got] == sources and got[0].content_type == kind


def test_stdin_through_the_cli_is_incremental(tmp_path):
    db = tmp_path / "ledger.sqlite"
    first = invoke("run", "-", "--db", db, "--workers", "1", input=TEXT_PAGE.encode())
    assert "1 documents read" in first.output
    again = invoke("run", "-", "--db", db, "--workers", "1", input=TEXT_PAGE.encode())
    assert "0 documents read, 1 skipped as unchanged" in again.output
    urls = invoke("run", "-", "--db", db, "--workers", "1", input=b"https://ledger.example/a\n")
    assert urls.exit_code == 1 and "[E019] https://ledger.example/a" in urls.output


# --- size limit and encodings -------------------------------------------------------------------

def test_a_page_over_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as fh:  # a sparse file: 50 MB that cost no disk and must not be read
        fh.truncate(50_000_000)
    [error] = read([path])
    assert error.code == "E014" and "50.0 MB" in error.reason and "10 MB" in error.reason


@pytest.mark.parametrize("size", [10, HEAD - 1, HEAD, HEAD + 1, 3 * HEAD + 5])
def test_a_page_is_read_whole_whatever_its_size_against_the_first_read(tmp_path, monkeypatch, size):
    """Pages shorter than the bytes read first to tell the format are taken from those bytes, the
    others read on: the same text and hash either way, for a file and for standard input."""
    import sys
    line = "Officials said 250 boats were lost at sea on Monday.\n"
    data = (line * (size // len(line) + 1))[:size].encode("utf-8")
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    [got] = read([path])
    assert got.text == data.decode("utf-8") and got.content_hash == hashlib.sha256(data).hexdigest()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [piped] = read(["-"])
    assert (piped.text, piped.content_hash) == (got.text, got.content_hash)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "latin-1"])
def test_jsonl_encodings(tmp_path, encoding):
    path = tmp_path / "rows.jsonl"
    rows = [{"id": "fr", "text": "Le préfet Marc Léger a dit que 4 500 personnes sont parties."}, {"id": "en", "text": "x"}]
    path.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode(encoding))
    got = read([path])
    assert [x.source for x in got] == [f"{path}:1", f"{path}:2"]
    assert "Marc Léger" in got[0].text and got[0].name == "fr"


def test_a_jsonl_row_over_the_limit(tmp_path):
    path = tmp_path / "rows.jsonl"
    rows = [{"id": "big", "text": "word " * 50_000}, {"id": "ok", "text": "Officials said 250 boats were lost."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    got = read([path], Settings(max_page_bytes=100_000))
    assert (got[0].code, got[0].source) == ("E014", f"{path}:1") and got[1].name == "ok"


@pytest.mark.parametrize("data,expected", [
    # UTF-8 with a paragraph pasted in windows-1252: both read right
    ("Le préfet Marc Léger a dit — ".encode() + "que 4 500 personnes ont quitté la vallée.".encode("cp1252"),
     "Le préfet Marc Léger a dit — que 4 500 personnes ont quitté la vallée."),
    # Shift-JIS declared in the page's <meta>
    (('<html><head><meta charset="shift_jis"><title>避難</title></head><body><p>約1万2000人が避難した。</p>'
      "</body></html>").encode("shift_jis"), "約1万2000人が避難した。"),
])
def test_decoding(data, expected):
    text, _ = decode(data, "page", Settings())
    assert expected in text


# --- fetching (a local server) ---------------------------------------------------------------------

def test_fetch_reads_urls_feeds_and_rows(tmp_path):
    httpserver = pytest.importorskip("httpserver")
    feed = rss(ITEM_A).replace("https://ledger.example/a", "{base}/a")
    with httpserver.LocalServer() as server:
        base = server.url("").rstrip("/")
        server.route("/a", httpserver.Reply(200, page("Floods reach Harlow").encode()))
        server.route("/b", httpserver.Reply(200, page("Boats lost", "250").encode()))
        server.route("/feed", httpserver.Reply(200, feed.format(base=base).encode(),
                                               content_type="application/rss+xml"))
        server.route("/gone", httpserver.Reply(404, b"no"))
        server.route("/robots.txt", httpserver.Reply(404, b""))
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "urls.txt").write_text(f"{base}/b\n{base}/feed\n{base}/gone\n")
        server.route("/c", httpserver.Reply(200, page("Homes damaged", "3,100").encode()))
        write_csv(tmp_path / "in" / "rows.csv", [["id", "url", "title"], ["row-c", f"{base}/c", "Homes, the row says"]])
        db = tmp_path / "ledger.sqlite"
        settings = config(tmp_path, fetch_delay_s=0.0, fetch_retries=0)
        result = invoke("run", tmp_path / "in", "--db", db, "--fetch", "--workers", "1", "--config", settings)
        assert result.exit_code == 1, result.output  # the 404
        assert f"[E016] {base}/gone" in result.output
        docs = documents(db)
        assert docs[f"{base}/b"]["title"] == "Boats lost"
        # the feed's item, read from its linked page (feedparser resolves the guid against the feed URL)
        item = docs[f"{base}/feed#{base}/a"]
        assert item["url"] == f"{base}/a" and item["outlet"] == "Harbour Ledger"
        assert item["published"] == "2024-11-05T23:30:00-05:00"
        row = docs[f"{tmp_path / 'in' / 'rows.csv'}:2"]
        assert row["name"] == "row-c" and row["title"] == "Homes, the row says" and row["url"] == f"{base}/c"
        again = invoke("run", tmp_path / "in", "--db", db, "--fetch", "--workers", "1", "--config", settings)
        assert "0 documents read" in again.output
        # the pages fetched once come from the ledger the second time; the 404 is asked again
        assert [server.count(p) for p in ("/a", "/b", "/c", "/feed", "/gone")] == [1, 1, 1, 1, 2]
