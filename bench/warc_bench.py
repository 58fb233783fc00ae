#!/usr/bin/env python3
"""Benchmark `claimline run` on a WARC.gz of invented HTML pages, on one core and on all cores.

    python bench/warc_bench.py --n 2000 [--pad-kb 40] [--workers 1 --workers 2] [--json]

Builds (and caches under $TMPDIR/claimline-bench/) a WARC.gz holding, per page, a request
record and a response record with an HTML page made from bench/generate.py's invented article:
a head with title and metadata, navigation, the article lines as paragraphs, a related-links
aside, a footer and `--pad-kb` kilobytes of inline script (real pages carry a lot: it is what
makes a crawl large, and the parser must get through it). Then, for each --workers value, runs

    claimline run PAGES.warc.gz --db FRESH.sqlite --quiet --no-consolidate --workers W

in a child process and prints one line per run:

    workers=1  pages/s=...  pages/cpu_s=...  peak_rss_mb=...  wall_s=...  warc_mb=...

plus the speed-up of each run over the first. pages/cpu_s is pages per second of the child's CPU
time (user + system, workers included): the per-core rate, which holds when other work shares
the machine. Peak RSS is the largest single process of the run (the main process or one worker,
from getrusage(RUSAGE_CHILDREN)). Standard library plus warcio, which claimline depends on.
"""
from __future__ import annotations

import argparse
import base64
import html
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True
import generate  # noqa: E402  (bench/generate.py)
from run_bench import LAUNCHER  # noqa: E402  (times a child and reads its rusage)

FORMAT_VERSION = 2  # bump when the page layout changes, so cached archives are rebuilt


def page_html(text: str, published: str | None, outlet: str, pad_kb: int, i: int) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title = lines[0] if lines else f"Article {i}"
    paragraphs = "\n".join(f"<p>{html.escape(ln)}</p>" for ln in lines[1:])
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    nav = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(12))
    related = "".join(f'<li><a href="/story/{i}-{k}">Another story headline number {k}</a></li>' for k in range(8))
    # inline script padding: an embedded data blob (base64 of pseudo-random bytes, as bundled
    # fonts, images and tracking payloads are), which gzip cannot shrink away
    blob = "var d=\"" + base64.b64encode(random.Random(i).randbytes(pad_kb * 768)).decode("ascii") + "\";"
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"{meta}<meta property=\"og:site_name\" content=\"{html.escape(outlet)}\"></head><body>"
            f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>{html.escape(title)}</h1>"
            f"{paragraphs}</article><aside><h2>Related</h2><ul>{related}</ul></aside></main>"
            f"<footer><p>&copy; 2024 {html.escape(outlet)}. All rights reserved.</p></footer>"
            f"<script>{blob}</script></body></html>")


def build_warc(path: Path, n: int, seed: int, pad_kb: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    tmp = path.with_suffix(".part")
    with open(tmp, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i in range(n):
            text, published, outlet, _, _ = generate.make_article(seed, i)
            url = f"https://news.example.invalid/{i:07d}.html"
            body = page_html(text, published, outlet, pad_kb, i).encode("utf-8")
            req = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                            http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True))
            writer.write_record(req)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    tmp.rename(path)


def run_once(warc: Path, workers: int, claimline: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ledger.sqlite"
        stats = Path(tmp) / "stats.json"
        cmd = [*claimline, "run", str(warc), "--db", str(db), "--quiet", "--no-consolidate", "--workers", str(workers)]
        subprocess.run([sys.executable, "-c", LAUNCHER, str(stats), *cmd], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        m = json.loads(stats.read_text())
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        m["documents"] = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        m["figures"] = con.execute("SELECT count(*) FROM figures").fetchone()[0]
        con.close()
    m["cpu_s"] = m["utime"] + m["stime"]
    m["peak_rss_mb"] = m["maxrss"] / 1024
    m["workers"] = workers
    return m


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="pages in the archive")
    ap.add_argument("--pad-kb", type=int, default=40, help="kilobytes of inline script per page")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, action="append", help="repeatable (default: 1 and all cores)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--claimline", default=None, help="command to run claimline (default: this Python's)")
    args = ap.parse_args(argv)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    workers = args.workers or sorted({1, cores})
    claimline = args.claimline.split() if args.claimline else [sys.executable, "-m", "claimline"]

    cache = Path(os.environ.get("CLAIMLINE_BENCH_CACHE", Path(tempfile.gettempdir()) / "claimline-bench"))
    cache.mkdir(parents=True, exist_ok=True)
    warc = cache / f"warc-n{args.n}-s{args.seed}-p{args.pad_kb}-v{FORMAT_VERSION}.warc.gz"
    if not warc.exists():
        t0 = time.perf_counter()
        build_warc(warc, args.n, args.seed, args.pad_kb)
        print(f"built {warc} ({warc.stat().st_size / 2**20:.1f} MB) in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    size_mb = warc.stat().st_size / 2**20
    results = []
    for w in workers:
        m = run_once(warc, w, claimline)
        m["pages_per_s"] = args.n / m["wall_s"]
        m["pages_per_cpu_s"] = args.n / m["cpu_s"]
        m["speedup"] = results[0]["wall_s"] / m["wall_s"] if results else 1.0
        m["warc_mb"] = size_mb
        results.append(m)
        if not args.json:
            print(f"workers={w}  pages/s={m['pages_per_s']:.1f}  pages/cpu_s={m['pages_per_cpu_s']:.1f}  "
                  f"speedup={m['speedup']:.2f}  peak_rss_mb={m['peak_rss_mb']:.1f}  wall_s={m['wall_s']:.1f}  "
                  f"warc_mb={size_mb:.1f}  documents={m['documents']}  figures={m['figures']}", flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
