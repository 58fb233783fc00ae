"""`claimline spark` + `claimline load` build the same ledger as a local `claimline run`.

The corpus is invented here (bench/generate.py's articles): plain pages in nested folders, more
pages packed in a WARC.gz, a page copied under another name (in another Spark task), an empty file
and a missing path. Spark runs in local mode (local[2]) in a child process.
"""
from __future__ import annotations

import importlib.util
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimline.cli import main
from claimline.settings import Settings
from claimline.spark import plan_inputs, plan_tasks, read_manifest
from claimline.stages.ingest import iter_inputs

REPO = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("claimline_bench_generate", REPO / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_corpus(root: Path, n: int = 30) -> list[str]:
    """n invented articles: half as text files in two folders, half in a WARC.gz; plus a copy of
    one page under another name, an empty file. Returns the inputs, a missing path included."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    gen = _generator()
    pages = [gen.make_article(7, i)[0] for i in range(n)]
    folder = root / "pages"
    for i, text in enumerate(pages[: n // 2]):
        path = folder / ("a" if i % 2 else "b") / f"{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "zz").mkdir()
    (folder / "zz" / "copy-of-001.txt").write_text(pages[1], encoding="utf-8")  # same content, later task
    (folder / "zz" / "empty.txt").write_text("", encoding="utf-8")
    with open(root / "crawl.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, text in enumerate(pages[n // 2:]):
            body = text.encode("utf-8")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example.invalid/{i}", "response", payload=io.BytesIO(body), length=len(body),
                http_headers=http))
    return [str(folder), str(root / "crawl.warc.gz"), str(root / "missing")]


# Every table of the ledger but `runs` (timestamps, arguments), by id: the ids must agree too.
TABLES = {"documents": "id", "sources": "source", "passages": "id", "figures": "id", "copies": "id",
          "claims": "id", "series": "id", "entities": "key", "aliases": "alias, entity_key", "line_counts": "line"}


def snapshot(db: Path) -> dict[str, list]:
    con = sqlite3.connect(db)
    try:
        out = {}
        for table, order in TABLES.items():
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] != "run_id"]
            quoted = ", ".join(f'"{c}"' for c in cols)
            out[table] = con.execute(f"SELECT {quoted} FROM {table} ORDER BY {order}").fetchall()
        out["run_log"] = sorted(con.execute("SELECT source, code, message FROM run_log").fetchall())
        return out
    finally:
        con.close()


def test_plan_follows_the_order_iter_inputs_reads(tmp_path):
    inputs = build_corpus(tmp_path, n=8)
    files = plan_inputs(inputs)
    # one entry per file, in the walk order of a local run; a WARC file is one entry for all its
    # records; the missing path stays an entry (its task reports it)
    warc = str(tmp_path / "crawl.warc.gz")
    read = []
    for item in iter_inputs(inputs, Settings()):
        source = warc if item.source.startswith(warc + ":") else item.source
        if not read or read[-1] != source:
            read.append(source)
    assert [str(f) for _, f, _ in files] == read
    assert read[-1] == str(tmp_path / "missing") and warc in read
    tasks = plan_tasks(files, parallelism=2, partition_mb=64)
    assert [e for t in tasks for e in t] == [(i, f) for i, f, _ in files]   # contiguous, in order
    assert 1 < len(tasks) <= len(files)
    # a file at least as large as the target is a task of its own
    big = plan_tasks([(0, "a", 10), (1, "b", 10_000_000), (2, "c", 10)], parallelism=1, partition_mb=1)
    assert big == [[(0, "a")], [(1, "b")], [(2, "c")]]


def test_load_refuses_a_folder_that_is_not_spark_output(tmp_path):
    result = CliRunner().invoke(main, ["load", str(tmp_path), "--db", str(tmp_path / "l.sqlite")])
    assert result.exit_code != 0 and "manifest.json" in result.output
    with pytest.raises(ValueError, match="manifest"):
        read_manifest(tmp_path)


def test_spark_then_load_builds_the_ledger_of_a_local_run(tmp_path):
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]')")
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install -e '.[spark]')")
    inputs = build_corpus(tmp_path / "corpus")
    local_db, spark_db, out = tmp_path / "local.sqlite", tmp_path / "spark.sqlite", tmp_path / "out"

    runner = CliRunner()
    local = runner.invoke(main, ["run", *inputs, "--db", str(local_db), "--quiet"])
    assert local.exit_code == 1, local.output          # the empty file and the missing path failed

    proc = spark(inputs, out)
    assert "30 documents read, 1 duplicates, 2 failed" in proc.stdout, proc.stdout
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tasks"] > 1 and manifest["documents"] == 30

    loaded = runner.invoke(main, ["load", str(out), "--db", str(spark_db), "--quiet"])
    assert loaded.exit_code == 1, loaded.output        # the same two failures, reported
    assert "[E002]" in loaded.output and "[E008]" in loaded.output

    a, b = snapshot(local_db), snapshot(spark_db)
    assert len(a["documents"]) == 30 and len(a["sources"]) == 31
    assert a["figures"] and a["copies"] and a["claims"] and a["series"]
    assert {k for (*_, k) in b["copies"]} == {k for (*_, k) in a["copies"]}
    for table in a:
        assert a[table] == b[table], table

    # loading the same output again changes nothing but the run log (every page is already there)
    again = runner.invoke(main, ["load", str(out), "--db", str(spark_db), "--quiet"])
    assert "0 documents read, 31 duplicates" in again.output, again.output
    c = snapshot(spark_db)
    assert {t: v for t, v in c.items() if t != "run_log"} == {t: v for t, v in b.items() if t != "run_log"}

    # past spark.claimline.broadcastMax representatives, candidate pairs are joined to both
    # sides instead of judged against a broadcast table: the same links
    spark(inputs, tmp_path / "joined", "--conf", "spark.claimline.broadcastMax=0")
    assert copy_rows(tmp_path / "joined") == copy_rows(out)


def spark(inputs: list[str], out: Path, *extra: str) -> subprocess.CompletedProcess:
    """`claimline spark` in a child process: its JVM and Python workers stay out of pytest's."""
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    args = [sys.executable, "-m", "claimline", "spark", "--output", str(out), "--master", "local[2]", *extra]
    for path in inputs:
        args += ["--input", path]
    proc = subprocess.run(args, check=False, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-4000:]
    return proc


def copy_rows(out: Path) -> list[dict]:
    import pyarrow.parquet as pq
    rows = [r for f in sorted((out / "copies").glob("part-*.parquet")) for r in pq.read_table(f).to_pylist()]
    assert rows
    return sorted(rows, key=lambda r: (r["a_ordinal"], r["a_idx"], r["b_ordinal"], r["b_idx"]))
