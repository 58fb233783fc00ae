"""`--workers N`: the per-page stages run in worker processes while the main process alone reads
the inputs and writes the ledger, in input order. The ledger is the one a single process writes,
and a page that fails in a worker fails alone, with its own coded error. Pages are invented."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimline import pipeline
from claimline.cli import main
from claimline.errors import ClaimlineError, EmptyInput, HtmlExtractionFailed, ProcessingFailed
from claimline.pipeline import STAGES, CHUNK_SIZE, Stage, _Failure, _Pool, default_workers
from claimline.settings import Settings
from claimline.stages.ingest import RawInput

from test_crash import assert_same_ledger, make_corpus, snapshot

NO_ARTICLE = "<!doctype html><html><head><title>Menu</title></head><body><script>var a = 1;</script></body></html>"


@pytest.fixture
def pool_starts(monkeypatch):
    """How many times a run started its worker pool."""
    started = []
    original = _Pool._start

    def spy(self):
        started.append(self.workers)
        original(self)

    monkeypatch.setattr(_Pool, "_start", spy)
    return started


def troubled_corpus(folder: Path) -> Path:
    make_corpus(folder, n=40, seed=5)
    bad = folder / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")  # fails while reading, in the main process
    (bad / "menu.html").write_text(NO_ARTICLE, encoding="utf-8")  # fails in a worker (E007)
    (bad / "menu-copy.html").write_text(NO_ARTICLE, encoding="utf-8")  # same content: fails again, alone
    (bad / "rows.jsonl").write_text(
        '{"id": "r1", "text": "Officials said 250 boats were lost at sea on Monday."}\n'
        "{not json\n"
        '{"id": "r3", "html": "' + NO_ARTICLE.replace('"', '\\"') + '"}\n'
        '{"id": "r4", "text": "Officials said 250 boats were lost at sea on Monday."}\n', encoding="utf-8")
    return folder


def invoke(*args) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.output


def run_log(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT source, code, message FROM run_log ORDER BY id").fetchall()


def test_two_workers_write_the_ledger_one_process_writes(tmp_path, pool_starts):
    corpus = troubled_corpus(tmp_path / "pages")
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    code1, out1 = invoke("run", corpus, "--db", one, "--workers", 1)
    assert pool_starts == []  # one worker: everything in this process
    code2, out2 = invoke("run", corpus, "--db", two, "--workers", 2)
    assert pool_starts == [2]
    assert (code2, out2) == (code1, out1)  # same summary, same failures in the same order
    assert code1 == 1
    assert "[E007]" in out1 and "menu.html" in out1 and "menu-copy.html" in out1 and "rows.jsonl:3" in out1
    assert "[E002]" in out1 and "[E005]" in out1
    assert "duplicates" in out1
    assert_same_ledger(snapshot(two), snapshot(one))
    assert run_log(two) == run_log(one)
    with sqlite3.connect(two) as con:  # documents stored in input order: the same ids
        ids = lambda c: c.execute("SELECT id, content_hash FROM documents ORDER BY id").fetchall()  # noqa: E731
        with sqlite3.connect(one) as con1:
            assert ids(con) == ids(con1)

    # incremental: one page changed, one added; the rest is skipped in the main process
    page = sorted((corpus / "generated").rglob("*.txt"))[3]
    page.write_text(page.read_text(encoding="utf-8").replace("said", "stated", 1), encoding="utf-8")
    (corpus / "late.txt").write_text("Officials said on Monday that 640 households had no water.\n", encoding="utf-8")
    assert invoke("run", corpus, "--db", two, "--workers", 2) == invoke("run", corpus, "--db", one, "--workers", 1)
    assert_same_ledger(snapshot(two), snapshot(one))


def test_a_few_new_pages_are_processed_without_starting_workers(tmp_path, pool_starts):
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(CHUNK_SIZE - 1):
        (folder / f"p{n}.txt").write_text(f"Officials said {100 + n} boats were moored on Sunday night.\n",
                                          encoding="utf-8")
    code, out = invoke("run", folder, "--db", tmp_path / "l.sqlite", "--workers", 4)
    assert code == 0 and f"{CHUNK_SIZE - 1} documents read" in out
    assert pool_starts == []


def test_workers_setting_and_default():
    assert default_workers() >= 1
    if hasattr(os, "sched_getaffinity"):
        assert default_workers() == len(os.sched_getaffinity(0))
    assert Settings().workers == 0  # one per core
    assert Settings.load(None, workers=3).workers == 3


# --- errors raised in a worker come back as the input's own error ------------------------------

class Refused(ClaimlineError):
    code = "E099"


def trouble(doc, settings):
    """A stage that fails on purpose, by the words on the page (module level: workers import it)."""
    if "BOOM" in doc.text:
        raise ValueError("an unforeseen page shape")
    if "REFUSE" in doc.text:
        raise Refused(doc.source, "refused on purpose")
    if "DIE" in doc.text:
        os._exit(3)  # the worker process dies, as on a crash in a C extension or the OOM killer
    return doc


def raw(n: int, words: str) -> RawInput:
    return RawInput(source=f"p{n}.txt", name=f"p{n}.txt", content_hash=f"h{n}", content_type="text",
                    text=f"Officials said {100 + n} boats were lost at sea. {words}\n")


def outcomes(pool: _Pool, raws: list[RawInput]) -> list:
    chunks = []
    for start in range(0, len(raws), 4):
        chunk = pipeline._Chunk()
        chunk.raws = raws[start:start + 4]
        pool.submit(chunk)
        chunks.append(chunk)
    out = []
    for chunk in chunks:
        out.extend(r.error() if isinstance(r, _Failure) else r for r in pool.results(chunk))
    return out


def test_errors_raised_in_a_worker_are_the_inputs_own(tmp_path):
    words = ["", "BOOM", "", "REFUSE", "", "DIE", "", "", "BOOM", "", "", ""]
    raws = [raw(n, w) for n, w in enumerate(words)]
    stages = (*STAGES, Stage("trouble", trouble, ("figures",), ()))
    pool = _Pool(2, Settings(), frozenset(), stages)
    try:
        results = outcomes(pool, raws)
    finally:
        pool.close()
    assert len(results) == len(raws)
    for n, (w, result) in enumerate(zip(words, results)):
        if not w:
            assert result.figures[0].value == 100 + n, result  # in order, and the right page's figures
            continue
        assert isinstance(result, ClaimlineError) and result.source == f"p{n}.txt"
    assert isinstance(results[1], ProcessingFailed) and results[1].code == "E010"
    assert "ValueError: an unforeseen page shape" in results[1].reason
    assert isinstance(results[3], Refused) and results[3].reason == "refused on purpose"
    assert isinstance(results[5], ProcessingFailed) and "worker process died" in results[5].reason
    assert isinstance(results[8], ProcessingFailed)


def test_failures_pass_between_processes():
    # ClaimlineError itself does not unpickle (two-argument constructor): it travels as a _Failure
    import pickle
    for exc in (HtmlExtractionFailed("a.html", "no article"), EmptyInput("b.txt", "the file is empty")):
        back = pickle.loads(pickle.dumps(_Failure(type(exc), exc.source, exc.reason))).error()
        assert type(back) is type(exc) and (back.code, back.source, back.reason, str(back)) == (
            exc.code, exc.source, exc.reason, str(exc))
