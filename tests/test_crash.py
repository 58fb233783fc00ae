"""A run killed at any moment (kill -9: mid-transaction, between batches, during date inference
or consolidation), then run again, leaves the same ledger as one uninterrupted run: no duplicate,
no half-written document, every derived table complete.

The corpus is invented: pages from bench/generate.py, copies of some of them, and undated pages
whose dates are inferred from dated reports of the same claims (see test_resolve.py)."""
from __future__ import annotations

import importlib.util
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
CLAIMLINE = [sys.executable, "-m", "claimline"]


# --- comparing ledgers by content (ids are the store's business) ------------------------------

def snapshot(db: str | Path) -> dict[str, list]:
    """Every row of the ledger's content tables, ids replaced by what they point at (a document
    by its content hash, a passage or figure by document and position, a series by its key, a
    claim by its reports). Run bookkeeping (runs, run_log, run ids) is left out."""
    con = sqlite3.connect(f"file:{quote(str(db))}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        doc = dict(con.execute("SELECT id, content_hash FROM documents").fetchall())
        passage = {r[0]: (doc[r[1]], r[2]) for r in con.execute("SELECT id, document_id, idx FROM passages")}
        figure = {r[0]: (doc[r[1]], r[2]) for r in con.execute("SELECT id, document_id, idx FROM figures")}
        series = dict(con.execute("SELECT id, key FROM series").fetchall())
        members: dict[int, list] = {}
        for fid, claim in con.execute("SELECT id, claim_id FROM figures WHERE claim_id IS NOT NULL"):
            members.setdefault(claim, []).append(figure[fid])
        claim = {cid: tuple(sorted(m)) for cid, m in members.items()}
        refs = {"document_id": doc, "copy_of": doc, "passage_id": passage, "passage_a": passage,
                "passage_b": passage, "series_id": series, "claim_id": claim}

        def rows(table: str, drop: tuple[str, ...] = ("id", "run_id")) -> list[tuple]:
            out = []
            for r in con.execute(f"SELECT * FROM {table}"):
                row = []
                for key in r.keys():
                    if key in drop:
                        continue
                    value = r[key]
                    row.append((key, refs[key].get(value, ("dangling", value)) if key in refs and value is not None
                                else value))
                out.append(tuple(row))
            return sorted(out, key=repr)

        found = {t: rows(t) for t in ("documents", "sources", "passages", "figures", "series", "copies",
                                      "entities", "aliases", "line_counts")}
        found["claims"] = sorted((repr(rows_of_claim), claim.get(cid)) for cid, rows_of_claim in (
            (r["id"], tuple((k, r[k] if k != "series_id" else series.get(r[k])) for k in r.keys() if k != "id"))
            for r in con.execute("SELECT * FROM claims")))
        found["integrity"] = [con.execute("PRAGMA integrity_check").fetchone()[0]]
        return found
    finally:
        con.close()


def assert_same_ledger(got: dict[str, list], want: dict[str, list]) -> None:
    assert got["integrity"] == ["ok"]
    for table in want:
        assert len(got[table]) == len(want[table]), f"{table}: {len(got[table])} rows, want {len(want[table])}"
        for a, b in zip(got[table], want[table]):
            assert a == b, f"{table} differs:\n got {a}\nwant {b}"


# --- the corpus ------------------------------------------------------------------------------

DATED = """Levee holds as the {river} crests

by Ana Sol March 13, 2025 09:00 AM

Governor {name} said on March 11 that more than {value:,} people had left the lowlands.
"""

UNDATED = """River crest: governor counts more than {dotted} displaced

The governor {name} said on Tuesday that more than {dotted} people had left the lowlands.

The ministry of the interior announced on Wednesday that it had sent {blankets} blankets.
"""

NAMES = ["Ilse Varga", "Tomas Brevik", "Ruth Salo", "Anton Keel", "Mira Holt", "Oskar Lindell"]
RIVERS = ["Sallow", "Orra", "Vesk", "Tamber", "Dolna", "Kiv"]


def make_corpus(folder: Path, n: int, seed: int) -> None:
    spec = importlib.util.spec_from_file_location("claimline_bench_generate", REPO / "bench" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    generate.generate(n, folder / "generated", seed=seed, jobs=1)
    pages = sorted((folder / "generated").rglob("*.txt"))
    (folder / "copies").mkdir()
    for page in pages[::15]:  # the same page under another name: one document, two sources
        (folder / "copies" / f"copy-{page.name}").write_bytes(page.read_bytes())
    (folder / "pairs").mkdir()
    for k, (name, river) in enumerate(zip(NAMES, RIVERS)):
        value = 4000 + 250 * k
        (folder / "pairs" / f"dated-{k}.txt").write_text(DATED.format(river=river, name=name, value=value),
                                                         encoding="utf-8")
        (folder / "pairs" / f"undated-{k}.txt").write_text(
            UNDATED.format(name=name, dotted=f"{value:,}".replace(",", "."), blankets=f"{1 + k}.500"),
            encoding="utf-8")


# --- runs that get killed --------------------------------------------------------------------

def documents_in(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{quote(str(db))}?mode=ro", uri=True)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:  # not created yet, or no schema yet
        return 0


def start(corpus: Path, db: Path, config: Path, workers: int, consolidate: bool = True,
          output: int = subprocess.DEVNULL) -> subprocess.Popen:
    args = [*CLAIMLINE, "run", str(corpus), "--db", str(db), "--config", str(config), "--quiet",
            "--workers", str(workers), *([] if consolidate else ["--no-consolidate"])]
    # a session of its own: its process group holds the run, the fork server and the workers
    return subprocess.Popen(args, stdout=output, stderr=subprocess.STDOUT, cwd=REPO, start_new_session=True)


def live_in_group(pgid: int) -> list[int]:
    """Processes of the group that are still running (zombies waiting for init do not count)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()  # state, ppid, pgrp, ...
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def reference_run(corpus: Path, db: Path, config: Path) -> tuple[float, float]:
    """One uninterrupted run; returns (seconds until every document was stored, seconds after)."""
    t0 = time.perf_counter()
    proc = start(corpus, db, config, workers=1, output=subprocess.PIPE)
    seen, written = 0, 0.0
    while proc.poll() is None:
        now = documents_in(db)
        if now > seen:
            seen, written = now, time.perf_counter() - t0
        time.sleep(0.01)
    end = time.perf_counter() - t0
    out = proc.communicate()[0].decode()
    assert proc.returncode == 0, out
    if documents_in(db) != seen:  # the last batch landed after the last look
        written = end / 2
    return written, end - written


def test_a_run_killed_anywhere_then_run_again_gives_the_ledger_of_one_clean_run(tmp_path):
    corpus = tmp_path / "pages"
    make_corpus(corpus, n=70, seed=11)
    config = tmp_path / "claimline.toml"
    config.write_text("[claimline]\nbatch_size = 8\n")  # several commits per run, so kills land between them
    reference = tmp_path / "A.sqlite"
    written_s, tail_s = reference_run(corpus, reference, config)
    want = snapshot(reference)
    total = len(want["documents"])
    assert total == 70 + 12  # the copies are not documents of their own
    assert sum(1 for row in want["documents"] if dict(row)["published_inferred"]) >= 3  # inference is exercised
    assert want["claims"] and want["series"] and want["copies"]

    rng = random.Random(20241121)
    # (workers, consolidate) of the runs that get killed; the run that completes always consolidates
    trials = [(1, True), (2, True), (2, False), (1, True), (2, True)]
    kills = [("writing", "any time", "finishing", "any time"), ("any time", "writing", "finishing", "any time")]
    phases: list[str] = []
    orphans: list[int] = []
    for trial, (workers, consolidate) in enumerate(trials):
        db = tmp_path / f"B{trial}.sqlite"
        for how in kills[trial % 2]:
            t0 = time.perf_counter()
            proc = start(corpus, db, config, workers, consolidate)
            if how == "writing":  # once some documents are stored: between batches, or inside one
                target = rng.randint(1, total - 24)
                while proc.poll() is None and documents_in(db) < target:
                    time.sleep(0.005)
                time.sleep(rng.uniform(0, 0.02))
            elif how == "finishing":  # every document stored: date inference and consolidation
                while proc.poll() is None and documents_in(db) < total:
                    time.sleep(0.005)
                time.sleep(rng.uniform(0, 0.7) * tail_s)
            else:
                deadline = t0 + rng.uniform(0, 0.8) * (written_s + tail_s)
                while proc.poll() is None and time.perf_counter() < deadline:
                    time.sleep(0.005)
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            stored = documents_in(db)
            phases.append("completed" if proc.returncode == 0 else "starting or writing" if stored < total
                          else "after the last document was stored")
            # the workers (and the fork server) leave by themselves when the run is killed
            for _ in range(100):
                left = live_in_group(proc.pid)
                if not left:
                    break
                time.sleep(0.05)
            else:
                orphans.extend(left)
                os.killpg(proc.pid, signal.SIGKILL)
        proc = start(corpus, db, config, workers, output=subprocess.PIPE)
        out = proc.communicate()[0].decode()
        assert proc.returncode == 0, out
        assert_same_ledger(snapshot(db), want)
    print("killed while:", ", ".join(phases))
    assert not orphans, f"worker processes outlived their killed run: {orphans}"
    assert phases.count("starting or writing") >= 3
    assert phases.count("after the last document was stored") >= 3
