"""The ordered stages and the run loop.

Each stage is a plain function of (document, settings) that declares which Document fields it
requires and which it assigns, so the order can be checked before anything runs and each stage
can be tested alone. One input's failure is captured as a coded error for that input; the run
goes on, and what is already in the ledger is never touched by a failure.
"""
from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ClaimlineError, HtmlExtractionFailed, ProcessingFailed
from .models import Document
from .settings import Settings
from .stages import clean, extract, resolve, split
from .stages.ingest import RawInput, iter_inputs
from .store import Ledger


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    func: Callable[[Document, Settings], Document]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


# What ingest + clean give every document (see `build_document`).
CLEANED_FIELDS = ("name", "source", "content_hash", "text", "content_type", "html", "title", "authors",
                  "published", "outlet", "passages")

STAGES: tuple[Stage, ...] = (
    Stage("split", split.split, ("passages", "text"), ("sentences",)),
    Stage("extract", extract.extract, ("sentences", "passages"), ("figures", "grouping")),
    Stage("resolve", resolve.resolve, ("figures", "published"), ("figures",)),
)


def check_stages(stages: Iterable[Stage], given: Iterable[str] = CLEANED_FIELDS) -> None:
    """Raise ValueError when a stage requires a field no earlier stage assigns."""
    available = set(given)
    for stage in stages:
        missing = [f for f in stage.requires if f not in available]
        if missing:
            raise ValueError(f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns")
        available.update(stage.assigns)


check_stages(STAGES)


def build_document(raw: RawInput, settings: Settings, common_lines: frozenset[str] = frozenset()) -> Document:
    """Ingested input -> cleaned Document (title, authors, dates, outlet, body passages)."""
    html = None
    if raw.content_type == "html":
        try:
            text, cleaned = clean.clean_html(raw.text, url=raw.url, fast=settings.html_fast)
        except Exception as exc:  # trafilatura/lxml raise many kinds of errors on broken markup
            raise HtmlExtractionFailed(raw.source, f"could not extract the article from the HTML ({exc})") from exc
        if not text.strip():
            raise HtmlExtractionFailed(raw.source, "no article text found in the HTML")
        html = raw.text
    else:
        text = raw.text
        cleaned = clean.clean_text(text, outlet_hint=raw.outlet, published_hint=raw.published,
                                   common_lines=common_lines)
    doc = Document(name=raw.name, source=raw.source, content_hash=raw.content_hash, text=text,
                   content_type=raw.content_type, html=html, encoding=raw.encoding, url=raw.url,
                   title=cleaned.title, title_span=cleaned.title_span, authors=list(cleaned.authors),
                   published=cleaned.published, outlet=cleaned.outlet, passages=list(cleaned.passages))
    # What the source itself says (a JSON Lines row's fields) beats what we read off the page.
    if raw.published:
        doc.published = _normalise_published(raw.published) or doc.published
    if raw.outlet:
        doc.outlet = raw.outlet
    if raw.title and raw.title != doc.title:  # a feed item's or CSV row's title
        doc.title, doc.title_span = raw.title, None
    return doc


def _normalise_published(value: str) -> str | None:
    from .dates import parse_timestamp
    found = parse_timestamp(value)
    return found[2] if found else None


def process(raw: RawInput, settings: Settings, common_lines: frozenset[str] = frozenset(),
            stages: Iterable[Stage] = STAGES) -> Document:
    """Run every stage on one input. Any failure becomes a ClaimlineError naming the input."""
    try:
        doc = build_document(raw, settings, common_lines)
        for stage in stages:
            doc = stage.func(doc, settings)
        return doc
    except ClaimlineError:
        raise
    except Exception as exc:  # a page shape the rules did not foresee must not stop the run
        raise ProcessingFailed(raw.source, f"{type(exc).__name__}: {exc}") from exc


@dataclass(slots=True)
class RunSummary:
    read: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: list[ClaimlineError] = field(default_factory=list)
    figures: int = 0
    dated_by_inference: int = 0
    consolidation: object | None = None  # stages.consolidate.ConsolidationSummary

    @property
    def ok(self) -> bool:
        return not self.failed


def count_inputs(paths: list[str | Path]) -> int:
    """Files under the paths, for the progress bar (cheap: no reading)."""
    total = 0
    for given in paths:
        p = Path(given)
        if p.is_file():
            total += 1
        elif p.is_dir():
            total += sum(1 for f in p.rglob("*") if f.is_file() and not any(
                part.startswith(".") for part in f.relative_to(p).parts))
    return total


def run(paths: list[str | Path], ledger: Ledger, settings: Settings | None = None,
        on_input: Callable[[str], None] | None = None, arguments: list[str] | None = None,
        consolidate_after: bool = True, aliases_file: str | Path | None = None,
        fetcher=None) -> RunSummary:
    """Read every input under `paths` into the ledger. Unchanged inputs are skipped; a changed
    input replaces its old document; failures are logged in the summary and the ledger.

    The per-page stages run in `settings.workers` processes (0: one per core); this process
    alone reads the inputs and writes the ledger, in input order, so the ledger is the same
    whatever the number of workers."""
    settings = settings or Settings()
    _tune_gc()
    summary = RunSummary()
    run_id = ledger.start_run(arguments if arguments is not None else [str(p) for p in paths])
    common_lines = ledger.common_lines(settings.common_line_min_docs)
    batch: list[tuple[Document, list[str]]] = []
    pending: dict[str, int] = {}  # content hash -> index in batch, for copies within one batch

    def flush() -> None:
        if batch:
            summary.figures += ledger.write_documents(batch, run_id)
            batch.clear()
            pending.clear()

    def fail(error: ClaimlineError) -> None:
        summary.failed.append(error)
        ledger.log_error(run_id, error.source, error.code, error.reason)

    def take(item: RawInput | ClaimlineError, processed: Callable[[], Document | ClaimlineError]) -> None:
        """Account for one input, in input order; `processed()` gives its document (or error)
        and is called only when the input is neither unchanged nor a duplicate."""
        if isinstance(item, ClaimlineError):
            fail(item)
            if on_input:
                on_input(item.source)
            return
        if on_input and not item.source.rsplit(":", 1)[-1].isdigit():
            on_input(item.source)
        unchanged, stored_id = ledger.input_state(item.source, item.content_hash)
        if unchanged:
            summary.unchanged += 1
            return
        if item.content_hash in pending:
            batch[pending[item.content_hash]][1].append(item.source)
            summary.duplicates += 1
            return
        if stored_id is not None:
            ledger.link_source(item.source, stored_id, run_id)  # input_state found the id already
            summary.duplicates += 1
            return
        doc = processed()
        if isinstance(doc, ClaimlineError):
            fail(doc)
            return
        summary.read += 1
        pending[item.content_hash] = len(batch)
        batch.append((doc, [item.source]))
        if len(batch) >= settings.batch_size:
            flush()

    def needs_processing(raw: RawInput) -> bool:
        """Whether a worker should process `raw` (checked again, in order, when it is written)."""
        if raw.content_hash in pending:
            return False
        unchanged, stored_id = ledger.input_state(raw.source, raw.content_hash)
        return not unchanged and stored_id is None

    inputs = iter_inputs(paths, settings, fetcher=fetcher)  # fetcher (fetch.Fetcher): URLs; None: no network
    workers = settings.workers if settings.workers > 0 else default_workers()
    if workers <= 1:  # in this process, no pool
        for item in inputs:
            take(item, lambda item=item: _process_or_error(item, settings, common_lines))
    else:
        _run_parallel(inputs, take, needs_processing, workers, settings, common_lines)
    flush()
    summary.dated_by_inference = resolve.infer_undated(ledger, settings)
    if consolidate_after:
        # imported here: consolidation pulls in datasketch/numpy, which a --no-consolidate run never needs
        from .stages.consolidate import consolidate
        summary.consolidation = consolidate(ledger, settings, aliases_file=aliases_file)
    ledger.finish_run(run_id, read=summary.read, unchanged=summary.unchanged, failed=len(summary.failed),
                      figures=summary.figures)
    return summary


def _process_or_error(raw: RawInput, settings: Settings, common_lines: frozenset[str],
                      stages: Iterable[Stage] = STAGES) -> Document | ClaimlineError:
    try:
        return process(raw, settings, common_lines, stages)
    except ClaimlineError as exc:
        return exc


# --- worker processes ------------------------------------------------------------------------
#
# One writer: the main process reads the inputs, decides what is unchanged or a duplicate, and
# writes the ledger; worker processes only run `process` (clean, split, extract, resolve), where
# the time goes, on chunks of inputs. They never open the ledger. Inputs go out in chunks and
# come back in input order; at most CHUNKS_AHEAD chunks per worker are out at a time, so memory
# stays flat however large the corpus.

CHUNK_SIZE = 8  # inputs per task: few round trips, and still an even spread over the workers
CHUNKS_AHEAD = 3  # tasks per worker queued or running ahead of the writer


def default_workers() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells it)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        n = os.process_cpu_count()
    elif hasattr(os, "sched_getaffinity"):
        n = len(os.sched_getaffinity(0))
    else:
        n = os.cpu_count()
    return max(1, n or 1)


@dataclass(frozen=True, slots=True)
class _Failure:
    """A ClaimlineError on its way back from a worker (the exceptions themselves do not unpickle:
    their constructor takes two arguments)."""
    kind: type
    source: str
    reason: str

    def error(self) -> ClaimlineError:
        exc = self.kind.__new__(self.kind)
        ClaimlineError.__init__(exc, self.source, self.reason)
        return exc


_WORKER_STATE: tuple | None = None  # (settings, common lines, stages), set once per worker


def _tune_gc() -> None:
    """Pages allocate many short-lived objects and few cycles: the rule tables built at import
    are moved out of the collector's sight (they live as long as the process), and the young
    generation is collected less often. Measured: 3-5 % of a run's CPU time.

    The threshold is above what one batch of documents holds (the writer keeps `batch_size`
    documents, passages, sentences and figures alive until they are written): at 20,000 the
    young generation was collected about once a batch, each time walking the batch's objects
    only to find them all alive (0.6 s of GC in a 10k-page run, ~1.5 %); at 100,000 it ran once
    in a 100k-page run. Memory does not move: what a batch holds dies by reference counting."""
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


def _init_worker(settings: Settings, common_lines: frozenset[str], stages: tuple[Stage, ...]) -> None:
    global _WORKER_STATE
    _tune_gc()
    _WORKER_STATE = (settings, common_lines, stages)
    # Ctrl-C is for the main process, which stops the pool; the workers must not print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker waits on its task queue forever, even when the main process is killed (-9, out of
    # memory), and the fork server lives as long as a worker does: a worker leaves when the main
    # process is gone. The sentinel is a pipe whose other end only the main process holds
    # (the worker's parent in the OS's eyes is the fork server).
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with_main, args=(parent.sentinel,), daemon=True).start()


def _exit_with_main(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])  # ready (end of file) once the main process is gone
    os._exit(0)


def _process_chunk(raws: list[RawInput]) -> list[Document | _Failure]:
    settings, common_lines, stages = _WORKER_STATE
    out: list[Document | _Failure] = []
    for raw in raws:
        result = _process_or_error(raw, settings, common_lines, stages)
        out.append(_Failure(type(result), result.source, result.reason) if isinstance(result, ClaimlineError)
                   else result)
    return out


class _Chunk:
    __slots__ = ("raws", "future", "results")

    def __init__(self) -> None:
        self.raws: list[RawInput] = []
        self.future: Future | None = None
        self.results: list | None = None


class _Pool:
    """Worker processes running `process` on chunks of inputs, started when a first chunk is full:
    until then (a run with a few new pages among unchanged ones) pages are processed in this
    process, which saves starting workers for nothing."""

    def __init__(self, workers: int, settings: Settings, common_lines: frozenset[str],
                 stages: Iterable[Stage] = STAGES):
        self.workers = workers
        self.initargs = (settings, common_lines, tuple(stages))
        self.executor: ProcessPoolExecutor | None = None
        self.out: list[_Chunk] = []  # sent, results not taken yet: sent again if a worker dies

    def _start(self) -> None:
        # Not fork: this process holds an open SQLite connection (SQLite forbids carrying one
        # across fork()) and the executor's threads. forkserver forks workers from a clean server
        # process that imported claimline once (quick to start); spawn where there is none.
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        if method == "forkserver":
            context.set_forkserver_preload([__name__])
        self.executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker,
                                            initargs=self.initargs)

    def _restart(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
        self._start()

    def submit(self, chunk: _Chunk) -> None:
        if self.executor is None:
            self._start()
        chunk.future = self.executor.submit(_process_chunk, chunk.raws)
        self.out.append(chunk)

    def results(self, chunk: _Chunk) -> list:
        if chunk.results is None:
            if chunk.future is None and self.executor is None:
                settings, common_lines, stages = self.initargs
                chunk.results = [_process_or_error(raw, settings, common_lines, stages) for raw in chunk.raws]
                return chunk.results
            if chunk.future is None:
                self.submit(chunk)
            try:
                chunk.results = chunk.future.result()
            except BrokenProcessPool:
                chunk.results = self._salvage(chunk)
            self.out.remove(chunk)
        return chunk.results

    def _salvage(self, broken: _Chunk) -> list:
        """A worker died (killed, out of memory, a crash in a C extension) and took the pool
        with it. In a new pool, run the broken chunk's inputs one at a time, so that an input
        that kills its worker fails alone (E010); send the other chunks out again."""
        results: list = []
        self._restart()
        for raw in broken.raws:
            try:
                results.extend(self.executor.submit(_process_chunk, [raw]).result())
            except BrokenProcessPool:
                results.append(_Failure(ProcessingFailed, raw.source,
                                        "the worker process died on this input (killed, out of memory or crashed)"))
                self._restart()
        for chunk in self.out:
            done = chunk.future.done() and not chunk.future.cancelled() and chunk.future.exception() is None
            if chunk is not broken and not done:
                chunk.future = self.executor.submit(_process_chunk, chunk.raws)
        return results

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def _run_parallel(inputs: Iterator[RawInput | ClaimlineError],
                  take: Callable[[RawInput | ClaimlineError, Callable[[], Document | ClaimlineError]], None],
                  needs_processing: Callable[[RawInput], bool], workers: int, settings: Settings,
                  common_lines: frozenset[str], stages: Iterable[Stage] = STAGES) -> None:
    """Send the inputs that need processing to worker processes while reading on, and hand every
    input to `take` in input order. The skip checks run twice: before sending (to save the work)
    and, in order, in `take` (which decides, exactly as a one-process run would)."""
    pool = _Pool(workers, settings, common_lines, stages)
    window: deque[tuple[RawInput | ClaimlineError, _Chunk | None, int]] = deque()  # read, not yet written
    sent: Counter[str] = Counter()  # content hashes in the window that were sent to a worker
    limit = CHUNK_SIZE * CHUNKS_AHEAD * workers
    chunk = _Chunk()

    def outcome(item: RawInput, where: _Chunk | None, index: int) -> Document | ClaimlineError:
        if where is None:  # e.g. a copy of a page that failed: processed again, as one process would
            return _process_or_error(item, settings, common_lines, stages)
        result = pool.results(where)[index]
        return result.error() if isinstance(result, _Failure) else result

    def ready(where: _Chunk | None) -> bool:
        return where is None or where.results is not None or (where.future is not None and where.future.done())

    def write_oldest() -> None:
        item, where, index = window.popleft()
        if where is not None:
            sent[item.content_hash] -= 1
            if not sent[item.content_hash]:
                del sent[item.content_hash]
        take(item, lambda: outcome(item, where, index))

    try:
        for item in inputs:
            if chunk.future is not None or chunk.results is not None:  # sent or done while writing
                chunk = _Chunk()
            where, index = None, 0
            if isinstance(item, RawInput) and item.content_hash not in sent and needs_processing(item):
                where, index = chunk, len(chunk.raws)
                chunk.raws.append(item)
                sent[item.content_hash] += 1
                if len(chunk.raws) >= CHUNK_SIZE:
                    pool.submit(chunk)
            window.append((item, where, index))
            while window and (len(window) > limit or ready(window[0][1])):
                write_oldest()
        while window:
            write_oldest()
    finally:
        pool.close()
