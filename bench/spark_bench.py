#!/usr/bin/env python3
"""Throughput of `claimline spark` (Spark local mode by default) on a generated corpus.

    python bench/spark_bench.py --n 2000 [--master 'local[2]'] [--format txt|jsonl] [--load]

The corpus comes from generate.py through run_bench.py's cache (generation is not measured).
`claimline spark --input CORPUS --output TMP` runs as a child process; its wall time gives
articles/s (Spark's start-up included: about 5-10 s). Memory is sampled from /proc every 0.5 s:
the driver (the Python process), the JVM it starts, and the whole process tree (Python workers
included), each at its peak. With --load, `claimline load` into a fresh ledger is timed too.
Linux only (/proc); standard library only.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_bench  # the corpus cache and the claimline command


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def _comm(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm") as fh:
            return fh.read().strip()
    except OSError:
        return ""


class Sampler(threading.Thread):
    """Peak RSS of the driver, of its JVM, and of the whole tree (sum at one instant)."""

    def __init__(self, pid: int, every: float = 0.5):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.driver = self.jvm = self.tree = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            kids = _children()
            tree, todo = [], [self.pid]
            while todo:
                p = todo.pop()
                tree.append(p)
                todo.extend(kids.get(p, []))
            rss = {p: _rss_kb(p) for p in tree}
            self.driver = max(self.driver, rss.get(self.pid, 0))
            self.jvm = max(self.jvm, sum(v for p, v in rss.items() if _comm(p) == "java"))
            self.tree = max(self.tree, sum(rss.values()))
            self.stop.wait(self.every)


def measure(argv: list[str]) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = Sampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    return {"rc": proc.returncode, "wall_s": round(wall, 2), "driver_peak_rss_mb": round(sampler.driver / 1024, 1),
            "jvm_peak_rss_mb": round(sampler.jvm / 1024, 1), "tree_peak_rss_mb": round(sampler.tree / 1024, 1),
            "tail": (out + err).decode("utf-8", "replace")[-2000:]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    ap.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    ap.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--partition-mb", type=float, default=None, help="passed to claimline spark")
    ap.add_argument("--load", action="store_true", help="also time `claimline load` into a fresh ledger")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    a = ap.parse_args(argv)
    corpus, _ = run_bench.corpus_for(a.n, a.seed, a.format, lambda m: print(m, file=sys.stderr))
    cmd = run_bench.claimline_command(None)
    work = Path(tempfile.mkdtemp(prefix="claimline-spark-bench-"))
    try:
        out = work / "out"
        argv_ = [*cmd, "spark", "--input", str(corpus), "--output", str(out), "--master", a.master]
        if a.partition_mb:
            argv_ += ["--partition-mb", str(a.partition_mb)]
        r = measure(argv_)
        result = {"n": a.n, "format": a.format, "master": a.master, **{k: v for k, v in r.items() if k != "tail"}}
        if r["rc"] != 0:
            print(r["tail"], file=sys.stderr)
            return 1
        result["articles_per_s"] = round(a.n / r["wall_s"], 1)
        manifest_out = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        result.update({k: manifest_out[k] for k in ("documents", "figures", "copies", "tasks")})
        if a.load:
            lr = measure([*cmd, "load", str(out), "--db", str(work / "ledger.sqlite"), "--quiet"])
            if lr["rc"] != 0:
                print(lr["tail"], file=sys.stderr)
                return 1
            result["load_wall_s"] = lr["wall_s"]
            result["load_peak_rss_mb"] = lr["driver_peak_rss_mb"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if a.json:
        print(json.dumps(result))
    else:
        print("  ".join(f"{k}={v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
