#!/usr/bin/env python3
"""Benchmark `claimline run` on generated corpora of invented articles.

    python bench/run_bench.py --n 1000 [--n 10000 ...] [--format txt|jsonl] [--seed 1]
                              [--repeat 1] [--keep] [--json] [--claimline "CMD ..."]

For each N: generate the corpus with bench/generate.py (cached under
$TMPDIR/claimline-bench/n{N}-s{SEED}-{FORMAT}-g{VERSION}/, reused by later runs), then run

    claimline run CORPUS --db FRESH.sqlite --quiet

in a child process, wrapped in a tiny Python launcher that times the child and reads the
child's peak resident set size from getrusage(RUSAGE_CHILDREN) after it ends, so every
measurement is its own process tree and the maximum is per run. Then open the ledger read-only
and count `SELECT count(*) FROM figures`. One line per N:

    n=10000 format=txt  articles/s=...  articles/cpu_s=...  figures/s=...  peak_rss_mb=...  wall_s=...  cores_used=...

cores_used is the child's CPU time (user + system) divided by its wall time; articles/cpu_s is
articles per second of that CPU time (per core, unaffected by other load on the machine). With --repeat R
the fastest of R runs is reported (every run is in the --json output). The ledger is deleted
after counting unless --keep is given. Standard library only.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # keep bench/ free of __pycache__
import generate  # noqa: E402  (bench/generate.py)

# Runs the command in argv[2:], then writes wall time and the child's rusage to argv[1].
# On Linux it is a child subreaper, and reaps every orphan after the command ends: the worker
# processes of `claimline run --workers N` are children of multiprocessing's fork server, which
# claimline never waits for, and their CPU time and RSS count only once someone reaps it.
LAUNCHER = r"""
import ctypes, json, os, resource, subprocess, sys, time
try:
    ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
except (AttributeError, OSError):
    pass
t0 = time.perf_counter()
rc = subprocess.call(sys.argv[2:])
wall = time.perf_counter() - t0
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    json.dump({"rc": rc, "wall_s": wall, "maxrss": ru.ru_maxrss,
               "utime": ru.ru_utime, "stime": ru.ru_stime}, f)
sys.exit(0)
"""


def cache_root() -> Path:
    env = os.environ.get("CLAIMLINE_BENCH_CACHE")
    return Path(env) if env else Path(tempfile.gettempdir()) / "claimline-bench"


def claimline_command(override: str | None) -> list[str]:
    if override:
        return shlex.split(override)
    exe = Path(sys.executable).with_name("claimline")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-m", "claimline"]


def corpus_for(n: int, seed: int, fmt: str, log) -> tuple[Path, dict]:
    """The cached corpus for (n, seed, format), generated on first use."""
    key = f"n{n}-s{seed}-{fmt}-g{generate.GENERATOR_VERSION}"
    base = cache_root() / key
    manifest = base / "manifest.json"
    corpus = base / "corpus"
    if manifest.exists() and corpus.is_dir():
        return corpus, json.loads(manifest.read_text(encoding="utf-8"))
    if base.exists():
        shutil.rmtree(base)  # an interrupted generation
    log(f"generating {n} articles ({fmt}, seed {seed}) into {corpus} ...")
    summary = generate.generate(n, corpus, seed=seed, fmt=fmt)
    manifest.write_text(json.dumps(summary) + "\n", encoding="utf-8")  # written last
    log(f"  generated in {summary['seconds']} s, {summary['bytes'] / 1e6:.1f} MB")
    return corpus, summary


def count_rows(db: Path, table: str) -> int | None:
    if not db.exists():
        return None
    con = sqlite3.connect(f"file:{quote(str(db))}?mode=ro", uri=True)
    try:
        exists = con.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') "
                             "AND name = ?", (table,)).fetchone()
        if not exists:
            return None
        return con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        con.close()


def run_once(cmd: list[str], corpus: Path, db: Path, timeout: float | None, extra: list[str]):
    """One measured run in a fresh launcher process. Returns (measurement dict, stderr tail)."""
    return measure([*cmd, "run", str(corpus), "--db", str(db), "--quiet", *extra],
                   db.with_suffix(".rusage.json"), timeout)


def measure(argv: list[str], report: Path, timeout: float | None):
    """Run `argv` in a fresh launcher process that writes its rusage to `report`. Returns
    (measurement dict: rc, wall_s, cpu_s, peak_rss_mb, cores_used; output tail)."""
    # a session of its own, so that a timeout can stop the launcher and claimline together
    proc = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(report), *argv],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return {"rc": "timeout", "wall_s": None}, f"timed out after {timeout} s"
    tail = (out + err).decode("utf-8", "replace")[-3000:]
    if not report.exists():
        return {"rc": proc.returncode if proc.returncode else -1, "wall_s": None}, tail
    m = json.loads(report.read_text())
    report.unlink()
    # ru_maxrss is in kilobytes on Linux, bytes on macOS
    rss_bytes = m["maxrss"] if sys.platform == "darwin" else m["maxrss"] * 1024
    m["peak_rss_mb"] = rss_bytes / (1024 * 1024)
    m["cpu_s"] = m["utime"] + m["stime"]
    m["cores_used"] = m["cpu_s"] / m["wall_s"] if m["wall_s"] else None
    return m, tail


def bench(n: int, fmt: str, seed: int, repeat: int, keep: bool, cmd: list[str],
          timeout: float | None, extra: list[str], log) -> dict:
    corpus, manifest = corpus_for(n, seed, fmt, log)
    out_dir = Path(tempfile.mkdtemp(prefix=f"ledger-n{n}-", dir=cache_root()))
    runs = []
    for r in range(repeat):
        db = out_dir / f"ledger-{r + 1}.sqlite"
        m, tail = run_once(cmd, corpus, db, timeout, extra)
        m["run"] = r + 1
        if m.get("rc") == 0:
            m["figures"] = count_rows(db, "figures")
            m["documents"] = count_rows(db, "documents")
        else:
            m["error"] = tail.strip().splitlines()[-15:] if tail.strip() else []
        m["ledger"] = str(db)
        if not keep and db.exists():
            db.unlink()
        runs.append(m)
    ok = [m for m in runs if m.get("rc") == 0 and m.get("wall_s")]
    best = min(ok, key=lambda m: m["wall_s"]) if ok else runs[-1]
    if not keep:
        shutil.rmtree(out_dir, ignore_errors=True)
    wall = best.get("wall_s")
    figs = best.get("figures")
    return {
        "n": n, "format": fmt, "seed": seed, "ok": bool(ok),
        "articles_per_s": n / wall if ok and wall else None,
        # per core of CPU time: the figure to compare with the per-core target, and the one that
        # holds up when other work shares the machine (wall-clock rates do not)
        "articles_per_cpu_s": n / best["cpu_s"] if ok and best.get("cpu_s") else None,
        "figures_per_s": figs / wall if ok and wall and figs is not None else None,
        "peak_rss_mb": best.get("peak_rss_mb"), "wall_s": wall,
        "cores_used": best.get("cores_used"), "cpu_s": best.get("cpu_s"),
        "figures": figs, "documents": best.get("documents"),
        "planted_figures": manifest.get("planted_figures"),
        "corpus": str(corpus), "corpus_bytes": manifest.get("bytes"),
        "command": cmd, "runs": runs,
    }


def fmt_line(r: dict) -> str:
    def f(v, spec):
        return "n/a" if v is None else format(v, spec)
    line = (f"n={r['n']} format={r['format']}  articles/s={f(r['articles_per_s'], '.1f')}  "
            f"articles/cpu_s={f(r['articles_per_cpu_s'], '.1f')}  "
            f"figures/s={f(r['figures_per_s'], '.1f')}  peak_rss_mb={f(r['peak_rss_mb'], '.1f')}  "
            f"wall_s={f(r['wall_s'], '.2f')}  cores_used={f(r['cores_used'], '.1f')}")
    if r["ok"]:
        line += f"  figures={f(r['figures'], 'd')}"
    else:
        last = r["runs"][-1]
        line += f"  FAILED rc={last.get('rc')}"
    return line


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, action="append", required=True,
                    help="corpus size; repeat the option for several sizes")
    ap.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest is reported")
    ap.add_argument("--keep", action="store_true", help="keep the ledger files (paths in --json)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--claimline", help="command to run instead of the claimline next to this "
                    "Python, e.g. 'python -m claimline'")
    ap.add_argument("--timeout", type=float, default=None, help="seconds per run")
    ap.add_argument("--extra", action="append", default=[],
                    help="extra argument passed to `claimline run` (repeatable)")
    a = ap.parse_args(argv)
    cmd = claimline_command(a.claimline)
    cache_root().mkdir(parents=True, exist_ok=True)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    results = []
    for n in a.n:
        r = bench(n, a.format, a.seed, max(1, a.repeat), a.keep, cmd, a.timeout, a.extra, log)
        results.append(r)
        if not a.json:
            print(fmt_line(r), flush=True)
            if not r["ok"]:
                for line in r["runs"][-1].get("error", []):
                    print("    " + line, file=sys.stderr)
    if a.json:
        print(json.dumps(results, indent=2))
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
