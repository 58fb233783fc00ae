"""Consolidation (copies, entities, claims, series) at growing corpus sizes: is it near-linear?

For each size N, the first N articles of one cached synthetic corpus (`generate.py`, txt, folders
of 1,000 articles) are run into a fresh ledger with `--no-consolidate` (the per-document
pipeline, measured too), then `claimline consolidate --db LEDGER` is measured in its own launcher
process (see run_bench.py): wall time, CPU time, peak RSS. Printed per size:

    n=8000 passages=...  build_articles/s=...  consolidate_cpu_s=...  consolidate_wall_s=...
    consolidate_articles/s=...  with_consolidation_articles/s=...  peak_rss_mb=...  copies=...
    growth=...

`growth` is the CPU time per article at this size over the one at the previous size: 1.0 is
linear, 2.0 would be quadratic for a doubling. `with_consolidation_articles/s` is
N / (build wall + consolidate wall), what `claimline run` without `--no-consolidate` gives.

    .venv/bin/python bench/consolidate_bench.py --n 2000 --n 4000 --n 8000 --corpus 100000
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.dont_write_bytecode = True
import run_bench  # noqa: E402  (bench/run_bench.py)

FOLDER = 1000   # articles per folder in a generated txt corpus


def measure_size(n: int, corpus: Path, cmd: list[str], workers: int | None, timeout: float | None,
                 keep: bool, log) -> dict:
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())[: n // FOLDER]
    out_dir = Path(tempfile.mkdtemp(prefix=f"consolidate-n{n}-", dir=run_bench.cache_root()))
    db = out_dir / "ledger.sqlite"
    try:
        build_argv = [*cmd, "run", *map(str, folders), "--db", str(db), "--quiet", "--no-consolidate"]
        if workers:
            build_argv += ["--workers", str(workers)]
        log(f"n={n}: building the ledger ({len(folders)} folders) ...")
        build, tail = run_bench.measure(build_argv, out_dir / "build.json", timeout)
        if build.get("rc") != 0:
            return {"n": n, "ok": False, "stage": "build", "rc": build.get("rc"), "error": tail[-2000:]}
        log(f"n={n}: consolidating ...")
        cons, tail = run_bench.measure([*cmd, "consolidate", "--db", str(db)], out_dir / "cons.json", timeout)
        if cons.get("rc") != 0:
            return {"n": n, "ok": False, "stage": "consolidate", "rc": cons.get("rc"), "error": tail[-2000:]}
        return {
            "n": n, "ok": True,
            "documents": run_bench.count_rows(db, "documents"),
            "passages": run_bench.count_rows(db, "passages"),
            "copies": run_bench.count_rows(db, "copies"),
            "claims": run_bench.count_rows(db, "claims"),
            "build_wall_s": build["wall_s"], "build_cpu_s": build["cpu_s"],
            "build_articles_per_s": n / build["wall_s"],
            "consolidate_wall_s": cons["wall_s"], "consolidate_cpu_s": cons["cpu_s"],
            "consolidate_articles_per_s": n / cons["wall_s"],
            "consolidate_articles_per_cpu_s": n / cons["cpu_s"],
            "with_consolidation_articles_per_s": n / (build["wall_s"] + cons["wall_s"]),
            "peak_rss_mb": cons["peak_rss_mb"], "build_peak_rss_mb": build["peak_rss_mb"],
            "ledger": str(db) if keep else None,
        }
    finally:
        if not keep:
            shutil.rmtree(out_dir, ignore_errors=True)


def fmt_line(r: dict) -> str:
    if not r["ok"]:
        return f"n={r['n']}  FAILED at {r['stage']} rc={r['rc']}"
    growth = "n/a" if r.get("growth") is None else f"{r['growth']:.2f}"
    return (f"n={r['n']} passages={r['passages']}  build_articles/s={r['build_articles_per_s']:.1f}  "
            f"consolidate_cpu_s={r['consolidate_cpu_s']:.1f}  consolidate_wall_s={r['consolidate_wall_s']:.1f}  "
            f"consolidate_articles/s={r['consolidate_articles_per_s']:.1f}  "
            f"with_consolidation_articles/s={r['with_consolidation_articles_per_s']:.1f}  "
            f"peak_rss_mb={r['peak_rss_mb']:.1f}  copies={r['copies']}  growth={growth}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, action="append", required=True,
                    help=f"corpus size, a multiple of {FOLDER}; repeat the option for several sizes")
    ap.add_argument("--corpus", type=int, default=None,
                    help="size of the generated corpus the articles are taken from (default: the "
                         "largest --n; an already generated larger one saves generating another)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=None, help="workers for the --no-consolidate build")
    ap.add_argument("--claimline", help="command to run instead of the claimline next to this Python")
    ap.add_argument("--timeout", type=float, default=None, help="seconds per build or consolidation")
    ap.add_argument("--keep", action="store_true", help="keep the ledgers (paths in --json)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    a = ap.parse_args(argv)
    sizes = sorted(set(a.n))
    if any(n <= 0 or n % FOLDER for n in sizes):
        ap.error(f"every --n must be a positive multiple of {FOLDER}")
    corpus_n = a.corpus or sizes[-1]
    if corpus_n < sizes[-1]:
        ap.error(f"--corpus {corpus_n} is smaller than --n {sizes[-1]}")
    cmd = run_bench.claimline_command(a.claimline)
    run_bench.cache_root().mkdir(parents=True, exist_ok=True)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    corpus, _ = run_bench.corpus_for(corpus_n, a.seed, "txt", log)
    results, previous = [], None
    for n in sizes:
        r = measure_size(n, corpus, cmd, a.workers, a.timeout, a.keep, log)
        if r["ok"] and previous:
            r["growth"] = (r["consolidate_cpu_s"] / n) / (previous["consolidate_cpu_s"] / previous["n"])
        results.append(r)
        previous = r if r["ok"] else None
        if not a.json:
            print(fmt_line(r), flush=True)
            if not r["ok"]:
                print(r["error"], file=sys.stderr)
    if a.json:
        print(json.dumps(results, indent=2))
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
