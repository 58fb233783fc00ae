"""Scale out on Spark: the per-document stages over many input files at once, the copy search as
shuffles, and a loader that turns the result into the same ledger a local `claimline run` builds.

    claimline spark --input CORPUS --output OUT      # Spark (pyspark, Java 17+): Parquet under OUT
    claimline load OUT --db ledger.sqlite            # the ledger, through store.py, then the end phases

**Map side.** The inputs are expanded the way `iter_inputs` walks them (files, folders in their
stable order) and cut into tasks: each large file (a WARC, a JSON Lines dump) is a task of its
own, small files (folders of pages) are packed together. A task runs `iter_inputs([file])` and
`pipeline.process` on each input, exactly the local code, with no template lines known (as in a
local run on a fresh ledger). Every input gets an *ordinal*, ``file index << 32 | position in the
file``: the order a local run reads them in, which the loader keeps, so document ids, passage ids
and every order-dependent choice of the end phases come out the same.

**Shuffles.** Nothing compares all pairs. Documents with the same content (the same sha256) are
found by grouping on the hash: the first by ordinal is the document, the others are only more
sources for it (as a local run does). Copies use copies.py's own signatures, bands and verdicts:

1. *exact*: passages grouped by the hash of their normalised text; each group keeps its
   representative (lowest passage) and its first ``MAX_LINKS + 1`` documents, capped while
   combining; members are joined back to their group and link to those first documents;
2. *near*: each representative emits its MinHash LSH band keys (`copies._lsh_params` bands of
   rows) with its earlier bands; grouping by band key gives the buckets, each cut at its
   ``MAX_BUCKET`` lowest passages, and a pair is emitted by the first band it shares only;
3. *partial*: each representative emits its sentence-run hashes (key runs flagged); grouping by
   run hash pairs the key-run holders with the run holders (each list cut at ``MAX_BUCKET``);
4. candidate pairs are judged with the local verdict (`copies._judge_sets`) on the real shingle
   sets, broadcast to the tasks up to ``BROADCAST_MAX`` representatives, else joined to both
   sides of each pair; each passage keeps its ``MAX_LINKS`` best partners (grouped by passage,
   ties to the lower id), mapped onto exact-group members as `copies` does.

Where no passage has more than ``MAX_LINKS`` candidates the links are the local ones. In denser
clusters the local code works in sequence (an LSH bucket stops taking passages at ``BUCKET_CAP``;
LSH candidates are screened on their signatures; candidates past ``MAX_LINKS`` are judged only
while not yet connected),
which a shuffle cannot reproduce: there every candidate pair is judged, and a few links differ.

**Output** (Parquet, one folder per table, rows shaped like the ledger's tables with the ordinal
in place of ledger ids; each task writes its own ``part-NNNNN.parquet`` with pyarrow, see
`PartWriter`): ``documents`` (a page read in two tasks is there twice; the loader keeps the
first), ``sources`` (every input read, by content hash),
``passages`` (with their copy signatures), ``figures`` (every statement field), ``errors``
(coded, like ``run_log``) and ``copies`` (passage pairs as ordinal + index), plus
``manifest.json``.

**Load** writes them through `Ledger.write_documents` (store.py stays the only writer) in
ordinal order, stores the copy links and signatures, then runs `resolve.infer_undated` and
`consolidate` like the end of a local run. Into a ledger that already holds passages, the
precomputed links are not used (they know nothing of the stored passages): consolidation then
finds copies locally, new against stored.

pyspark is imported only here, lazily (`pip install 'claimline[spark]'`); the loader needs only
pyarrow.
"""
from __future__ import annotations

import heapq
import json
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import eq
from pathlib import Path

from . import copies
from .errors import ClaimlineError
from .models import Document, Figure, Passage, Sentence
from .settings import Settings

FORMAT = "claimline-spark"
FORMAT_VERSION = 1
ORDINAL_SHIFT = 32          # ordinal = file index << 32 | position of the input in its file
PASSAGE_SHIFT = 20          # passage key (in the copy search) = ordinal << 20 | passage index
TABLES = ("documents", "sources", "passages", "figures", "errors", "copies")
DEFAULT_PARTITION_MB = 64
# up to this many representative passages, the copy search broadcasts their shingle sets to the
# judging tasks (~100 MB); beyond, candidate pairs are joined to both sides (Spark setting
# spark.claimline.broadcastMax)
BROADCAST_MAX = 200_000

# Column names and kinds of each Parquet table: "s" string, "i" 64-bit integer, "f" double,
# "b" binary. The ledger's columns, with `ordinal` where the ledger has a document id.
SCHEMAS: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (("ordinal", "i"), ("content_hash", "s"), ("name", "s"), ("source", "s"),
                  ("content_type", "s"), ("encoding", "s"), ("url", "s"), ("title", "s"),
                  ("title_start", "i"), ("title_end", "i"), ("authors", "s"), ("published", "s"),
                  ("outlet", "s"), ("grouping", "s"), ("text", "s"), ("html", "s")),
    "sources": (("ordinal", "i"), ("source", "s"), ("content_hash", "s")),
    "passages": (("ordinal", "i"), ("idx", "i"), ("kind", "s"), ("start", "i"), ("end", "i"),
                 ("text", "s"), ("signature", "b")),
    "figures": (("ordinal", "i"), ("idx", "i"), ("passage_idx", "i"), ("start", "i"), ("end", "i"),
                ("text", "s"), ("value", "f"), ("low", "f"), ("high", "f"), ("approx", "s"), ("unit", "s"),
                ("subject", "s"), ("place", "s"), ("place_start", "i"), ("place_end", "i"),
                ("evidence", "s"), ("evidence_start", "i"), ("evidence_end", "i"), ("claimant", "s"),
                ("claimant_start", "i"), ("claimant_end", "i"), ("claimant_role", "s"), ("cue", "s"),
                ("basis", "s"), ("modality", "s"), ("stated_expr", "s"), ("stated_start", "i"),
                ("stated_end", "i"), ("stated_on", "s"), ("stated_from", "s"), ("stated_to", "s"),
                ("stated_how", "s")),
    "errors": (("ordinal", "i"), ("source", "s"), ("code", "s"), ("message", "s")),
    "copies": (("a_ordinal", "i"), ("a_idx", "i"), ("b_ordinal", "i"), ("b_idx", "i"),
               ("similarity", "f"), ("kind", "s")),
}


class SparkUnavailable(RuntimeError):
    """pyspark (or pyarrow for `load`) is not installed, or Spark could not start."""


def _require(module: str, what: str):
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise SparkUnavailable(f"{what} needs {module.split('.')[0]}, which is not installed: "
                               "pip install 'claimline[spark]' (Spark also needs Java 17 or newer)") from exc


# --- planning: which files, in which order, in which task -----------------------------------------

def _walk(path: Path) -> Iterator[Path]:
    from .stages import ingest
    walk = getattr(ingest, "_walk", None)
    if walk is not None:         # the very walk iter_inputs does
        yield from walk(path)
        return
    if path.is_file():           # pragma: no cover - only if ingest renames its walker
        yield path
        return
    for root, dirs, files in os.walk(path):  # pragma: no cover
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def plan_inputs(paths: Iterable[str | Path]) -> list[tuple[int, str | Path, int]]:
    """(file index, input, size in bytes) for every input file, in the order `iter_inputs` reads
    them: the files of a folder as Paths; any other argument as given, even one that does not
    exist or is a URL, so that the task's own `iter_inputs` call reports it (E008, E019) as a
    local run would. Standard input (`-`) cannot be shared out: ValueError."""
    out: list[tuple[int, str | Path, int]] = []
    for given in paths:
        if str(given) == "-":
            raise ValueError("claimline spark cannot read standard input (-): give files or folders")
        p = Path(given)
        files = list(_walk(p)) if p.is_dir() else [given]
        for f in files:
            try:
                size = Path(f).stat().st_size
            except OSError:
                size = 0
            out.append((len(out), f, size))
    return out


def plan_tasks(files: list[tuple[int, str | Path, int]], parallelism: int,
               partition_mb: float = DEFAULT_PARTITION_MB) -> list[list[tuple[int, str | Path]]]:
    """Contiguous runs of files, one per Spark task: a file of at least the target size is a task
    of its own; smaller ones are packed up to it. The target is `partition_mb`, or less when that
    would leave fewer than three tasks per core."""
    total = sum(s for _, _, s in files)
    target = max(1, min(int(partition_mb * 1024 * 1024), total // max(1, 3 * parallelism)))
    tasks: list[list[tuple[int, str | Path]]] = []
    current: list[tuple[int, str | Path]] = []
    size = 0
    for index, path, n in files:
        if current and size + n > target:
            tasks.append(current)
            current, size = [], 0
        current.append((index, path))
        size += n
    if current:
        tasks.append(current)
    return tasks


# --- map side: the per-document stages on the executors -------------------------------------------

def _f(x) -> float | None:
    return None if x is None else float(x)


def _i(x) -> int | None:
    return None if x is None else int(x)


def _span(span, k: int) -> int | None:
    return None if span is None else int(span[k])


def document_row(ordinal: int, doc: Document) -> tuple:
    return (ordinal, doc.content_hash, doc.name, doc.source, doc.content_type, doc.encoding, doc.url, doc.title,
            _span(doc.title_span, 0), _span(doc.title_span, 1), json.dumps(doc.authors, ensure_ascii=False),
            doc.published, doc.outlet, doc.grouping, doc.text, doc.html)


def figure_rows(ordinal: int, doc: Document) -> Iterator[tuple]:
    for i, f in enumerate(doc.figures):
        sent = doc.sentences[f.sentence]
        yield (ordinal, i, _i(sent.passage), int(f.span[0]), int(f.span[1]), f.text, _f(f.value), _f(f.low),
               _f(f.high), f.approx, f.unit, f.subject, f.where, _span(f.where_span, 0), _span(f.where_span, 1),
               sent.text, int(sent.start), int(sent.end), f.claimant, _span(f.claimant_span, 0),
               _span(f.claimant_span, 1), f.claimant_role, f.cue, f.basis, f.modality, f.stated_expr,
               _span(f.stated_span, 0), _span(f.stated_span, 1), f.stated_on, f.stated_from, f.stated_to,
               f.stated_how)


def sign_passages(texts: list[str], num_perm: int) -> list[tuple[bytes | None, bytes]]:
    """copies.py's signature of each text and its distinct shingle hashes (uint32 bytes): what
    the copy search compares. The local code's own batch signer, so the values are the same."""
    kept = copies._Shingles(len(texts))
    blobs = copies._sketch_many(texts, num_perm, keep=kept)
    out = []
    for i, blob in enumerate(blobs):
        sh = kept.flat[kept.offsets[i]:kept.offsets[i + 1]].tobytes() if blob is not None else b""
        out.append((blob, sh))
    return out


def process_task(entries: Iterable[tuple[int, str | Path]], settings: Settings, num_perm: int) -> Iterator[tuple]:
    """One task: every input of its files through `pipeline.process`. Yields (table tag, row):
    "e" errors, "s" sources, "d" documents, "p" passages, "f" figures, "c" copy features
    (passage key, ordinal, signature, shingles) of signed body passages."""
    from .pipeline import process
    from .stages.ingest import iter_inputs
    done: set[str] = set()
    for file_index, path in entries:
        for k, item in enumerate(iter_inputs([path], settings)):
            ordinal = (file_index << ORDINAL_SHIFT) | k
            if isinstance(item, ClaimlineError):
                yield "e", (ordinal, item.source, item.code, item.reason)
                continue
            if item.content_hash in done:       # a duplicate within the task: only a source
                yield "s", (ordinal, item.source, item.content_hash)
                continue
            try:
                doc = process(item, settings)
            except ClaimlineError as exc:
                yield "e", (ordinal, exc.source, exc.code, exc.reason)
                continue
            done.add(item.content_hash)
            yield "s", (ordinal, item.source, item.content_hash)
            yield "d", document_row(ordinal, doc)
            body = [(i, p) for i, p in enumerate(doc.passages) if p.kind == "body"]
            signed = dict(zip((i for i, _ in body), sign_passages([p.text for _, p in body], num_perm)))
            for i, p in enumerate(doc.passages):
                sig = signed.get(i)
                yield "p", (ordinal, i, p.kind, int(p.start), int(p.end), p.text,
                            None if sig is None else (sig[0] or b""))
                if sig is not None and sig[0] is not None:
                    yield "c", ((ordinal << PASSAGE_SHIFT) | i, ordinal, sig[0], sig[1])
            for row in figure_rows(ordinal, doc):
                yield "f", row


# --- the copy search as shuffles -----------------------------------------------------------------

def _exact_of(blob: bytes) -> int:
    return int(copies._HEAD.unpack_from(blob)[6])


def _merge_heads(a: list, b: list, cap: int) -> list:
    """First passage of each document, the `cap` documents whose first passage comes first.
    Exact under merging: a document among the global first `cap` is among its partition's."""
    best: dict[int, int] = {}
    for pk, doc in (*a, *b):
        if doc not in best or pk < best[doc]:
            best[doc] = pk
    return sorted((pk, doc) for doc, pk in best.items())[:cap]


def _pick_pair(hx: list, hy: list) -> tuple[int, int] | None:
    """copies._Groups.pick_pair: members of the two groups (their first two documents) that lie
    in different documents, the first such pair in that order."""
    for i, di in hx:
        for j, dj in hy:
            if di != dj:
                return i, j
    return None


def _smallest(values: list, cap: int) -> list:
    return sorted(set(values))[:cap]


def _lazy_add(values: list, value, cap: int) -> list:
    values.append(value)
    return _lazy_cap(values, cap)


def _lazy_cap(values: list, cap: int) -> list:
    """A combiner's list that still holds the `cap` smallest values: trimmed only when it has
    grown to twice the cap, so adding one value costs O(1) amortised, not a sort."""
    return _smallest(values, cap) if len(values) > 2 * cap else values


def _int_hash(key) -> int:
    """Partitioner for the integer keys of the copy search: Python's own hash of an int is the
    same in every worker (PySpark's portable_hash checks the environment on every call)."""
    return hash(key)


def _join(a, b, n: int):
    """a.join(b) on integer keys, partitioned by _int_hash: (key, (value of a, value of b))."""
    def pairs(kv):
        left = [v for side, v in kv[1] if side == 0]
        if left:
            right = [v for side, v in kv[1] if side == 1]
            for va in left:
                for vb in right:
                    yield kv[0], (va, vb)
    return a.mapValues(lambda v: (0, v)).union(b.mapValues(lambda v: (1, v))) \
        .groupByKey(n, partitionFunc=_int_hash).flatMap(pairs)


class _ShingleSets:
    """Shingle sets of representatives by key, decoded once per task (a small LRU)."""

    def __init__(self, size: int = 4096):
        from functools import lru_cache

        import numpy as np
        self.get = lru_cache(maxsize=size)(
            lambda key, raw: frozenset(np.frombuffer(raw, dtype=np.uint32).tolist()))


def _judge_pair(x: int, fx: tuple, y: int, fy: tuple, threshold: float, sets: _ShingleSets):
    """The local verdict on one candidate pair of representatives (words, shingles, heads):
    both sides' entries for the best-partner lists, or nothing."""
    wx, shx, hx = fx
    wy, shy, hy = fy
    if _pick_pair(hx, hy) is None:
        return
    verdict = copies._judge_sets(sets.get(x, shx), sets.get(y, shy), wx, wy, threshold)
    if verdict:
        kind, sim = verdict
        yield x, (sim, -y, kind, y, hy, hx)
        yield y, (sim, -x, kind, x, hx, hy)


def copy_links(feats, num_perm: int, threshold: float = 0.6, max_links: int | None = None,
               bucket_cap: int | None = None, partitions: int | None = None,
               broadcast_max: int = BROADCAST_MAX):
    """RDD of copy links ((a key, b key), (similarity, kind)) from an RDD of copy features
    (passage key, ordinal, signature, shingles) — see the module docstring. With at most
    `broadcast_max` representatives their shingle sets are broadcast to the judging tasks;
    beyond that each candidate pair is joined to both sides."""
    from pyspark import StorageLevel

    sc = feats.context
    max_links = copies.MAX_LINKS if max_links is None else max_links
    bucket_cap = copies.MAX_BUCKET if bucket_cap is None else bucket_cap
    bands, rows = copies._lsh_params(threshold, num_perm)
    heads_cap = max_links + 1
    n = partitions or feats.getNumPartitions()   # every shuffle: few tasks cost less on small inputs

    keyed = feats.map(lambda f: (_exact_of(f[2]), f))

    # 1. exact groups: representative (lowest key), size, first documents
    def create(f):
        return (f, 1, [(f[0], f[1])])

    def add(c, f):
        rep = f if f[0] < c[0][0] else c[0]
        return (rep, c[1] + 1, _merge_heads(c[2], [(f[0], f[1])], heads_cap))

    def merge(c1, c2):
        rep = c1[0] if c1[0][0] < c2[0][0] else c2[0]
        return (rep, c1[1] + c2[1], _merge_heads(c1[2], c2[2], heads_cap))

    groups = keyed.combineByKey(create, add, merge, n, partitionFunc=_int_hash)

    # representatives: (key, (signature, words, shingles, first two documents' first passages))
    def rep_of(kv):
        (pk, _, blob, shingles), count, heads = kv[1]
        return pk, (blob, copies._HEAD.unpack_from(blob)[4], shingles, heads[:2]), \
            (kv[0], heads) if count > 1 and len(heads) > 1 else None

    grouped = groups.map(rep_of).persist(StorageLevel.MEMORY_AND_DISK)
    reps = grouped.map(lambda r: (r[0], r[1]))
    slim = reps.mapValues(lambda r: (r[1], r[2], r[3]))     # what judging needs: no signature

    def exact_links(kv):
        (pk, doc), heads = kv[1]
        for h in copies._heads_outside(heads, doc, max_links):
            yield (min(h, pk), max(h, pk)), (1.0, "exact")

    multi = grouped.filter(lambda r: r[2] is not None).map(lambda r: r[2])
    exact = _join(keyed.mapValues(lambda f: (f[0], f[1])), multi, n).flatMap(exact_links)

    # 2. near: LSH band keys; the lowest `bucket_cap` representatives of each bucket. A member
    # carries its earlier bands, so that a pair is emitted only by the first band it shares.
    width = 32 * rows
    step = 4 * rows

    def band_keys(kv):
        hv = copies._unpack(kv[1][0]).hashvalues[:bands * rows].tobytes()
        for b in range(bands):
            band = hv[b * step:(b + 1) * step]
            yield (b << width) | int.from_bytes(band, "little"), (kv[0], hv[:b * step])

    def bucket_pairs(kv):
        members = _smallest(kv[1], bucket_cap)
        b = kv[0] >> width
        chunks = [(x, tuple(p[k:k + step] for k in range(0, b * step, step))) for x, p in members]
        for i in range(len(chunks)):
            x, cx = chunks[i]
            for y, cy in chunks[i + 1:]:
                if not any(map(eq, cx, cy)):
                    yield x, y

    near = reps.flatMap(band_keys).combineByKey(
        lambda m: [m], lambda c, m: _lazy_add(c, m, bucket_cap),
        lambda c1, c2: _lazy_cap(c1 + c2, bucket_cap), n, partitionFunc=_int_hash) \
        .filter(lambda kv: len(kv[1]) > 1).flatMap(bucket_pairs)

    # 3. partial: sentence-run hashes; key-run holders meet run holders
    def run_keys(kv):
        sk = copies._unpack(kv[1][0])
        mask = copies._key_mask(sk.words, sk.run_words)
        flags: dict[int, bool] = {}
        for h, is_key in zip(sk.run_hashes.tolist(), mask.tolist()):
            flags[h] = flags.get(h, False) or bool(is_key)
        for h, is_key in flags.items():
            yield h, ([kv[0]], [kv[0]] if is_key else [])

    def merge_runs(c1, c2):
        return _lazy_cap(c1[0] + c2[0], bucket_cap), _lazy_cap(c1[1] + c2[1], bucket_cap)

    def run_pairs(kv):
        holders, keys = _smallest(kv[1][0], bucket_cap), _smallest(kv[1][1], bucket_cap)
        for k in keys:
            for r in holders:
                if k != r:
                    yield min(k, r), max(k, r)

    partial = reps.flatMap(run_keys).reduceByKey(merge_runs, n, partitionFunc=_int_hash) \
        .filter(lambda kv: kv[1][1] and len(kv[1][0]) > 1).flatMap(run_pairs)

    # 4. candidate pairs judged on the real shingle sets (a pair found by LSH and by runs, or by
    # several runs, is judged twice; the best-partner lists keep it once)
    pairs = near.union(partial)
    n_reps = reps.count()
    if n_reps <= broadcast_max:
        table = sc.broadcast(dict(slim.collect()))

        def judge_part(it):
            sets, feats_ = _ShingleSets(), table.value
            for x, y in it:
                yield from _judge_pair(x, feats_[x], y, feats_[y], threshold, sets)

        accepted = pairs.mapPartitions(judge_part)
    else:
        def judge_part(it):
            sets = _ShingleSets()
            for x, ((y, fy), fx) in it:
                yield from _judge_pair(x, fx, y, fy, threshold, sets)

        by_y = _join(pairs.map(lambda p: (p[1], p[0])), slim, n).map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
        accepted = _join(by_y, slim, n).mapPartitions(judge_part)

    # each passage keeps its max_links best partners; then onto exact-group members
    def top(entries):
        unique = {e[3]: e for e in entries}    # one entry per partner
        return heapq.nlargest(max_links, unique.values(), key=lambda e: (e[0], e[1]))

    def add_entry(c, e):
        c.append(e)
        return top(c) if len(c) > 4 * max_links else c

    def to_links(kv):
        for sim, _, kind, _, h_partner, h_own in top(kv[1]):
            pair = _pick_pair(h_own, h_partner)
            if pair:
                yield (min(pair), max(pair)), (sim, kind)

    best = accepted.combineByKey(lambda e: [e], add_entry, lambda c1, c2: top(c1 + c2), n,
                                 partitionFunc=_int_hash).flatMap(to_links)

    return exact.union(best).reduceByKey(copies._prefer, n, partitionFunc=hash)


# --- the driver ------------------------------------------------------------------------------------

@dataclass(slots=True)
class SparkSummary:
    inputs: int = 0
    tasks: int = 0
    documents: int = 0
    duplicates: int = 0
    failed: int = 0
    figures: int = 0
    copies: int = 0
    seconds: float = 0.0


def _arrow_schema(table: str):
    import pyarrow as pa
    kinds = {"s": pa.string(), "i": pa.int64(), "f": pa.float64(), "b": pa.binary()}
    return pa.schema([(name, kinds[k]) for name, k in SCHEMAS[table]])


class PartWriter:
    """The Parquet files of one Spark task: ``DIR/TABLE/part-NNNNN.parquet``, NNNNN the task's
    partition, written in row groups as rows come (a task over a large WARC never holds all its
    rows) to a hidden temporary name and renamed when complete, so a retried or speculative
    attempt replaces the file whole. Written by pyarrow straight from the Python worker: no
    conversion of every row to the JVM and back. DIR must be a path that the driver and all
    executors see (a local disk in local mode, a shared mount on a cluster)."""

    ROW_GROUP = 2000

    def __init__(self, out: str | Path, index: int):
        self.out, self.index = Path(out), index
        self.buffers: dict[str, list[tuple]] = defaultdict(list)
        self.writers: dict[str, tuple] = {}

    def add(self, table: str, row: tuple) -> None:
        buf = self.buffers[table]
        buf.append(row)
        if len(buf) >= self.ROW_GROUP:
            self._flush(table)

    def _flush(self, table: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq
        rows = self.buffers[table]
        if not rows:
            return
        schema = _arrow_schema(table)
        arrays = [pa.array(list(col), type=schema.field(i).type) for i, col in enumerate(zip(*rows))]
        if table not in self.writers:
            folder = self.out / table
            folder.mkdir(parents=True, exist_ok=True)
            final = folder / f"part-{self.index:05d}.parquet"
            tmp = folder / f".{final.name}.{os.getpid()}.{id(self)}.tmp"
            self.writers[table] = (pq.ParquetWriter(str(tmp), schema), tmp, final)
        self.writers[table][0].write_table(pa.Table.from_arrays(arrays, schema=schema))
        rows.clear()

    def close(self) -> None:
        for table in list(self.buffers):
            self._flush(table)
        for writer, tmp, final in self.writers.values():
            writer.close()
            os.replace(tmp, final)
        self.writers.clear()

    def abort(self) -> None:
        for writer, tmp, _ in self.writers.values():
            try:
                writer.close()
            finally:
                tmp.unlink(missing_ok=True)
        self.writers.clear()


_TABLE_OF = {"e": "errors", "s": "sources", "d": "documents", "p": "passages", "f": "figures"}


def write_task(index: int, entries: Iterable[tuple[int, str | Path]], out: str, settings: Settings,
               num_perm: int) -> Iterator[tuple]:
    """One Spark task: its inputs through the stages, the rows written under `out` (PartWriter);
    yields only what the shuffles need: ("c", copy features), ("d", (content hash, ordinal,
    figures)) per document, and ("n", {table tag: rows}) once at the end."""
    from collections import Counter
    writer = PartWriter(out, index)
    counts: Counter = Counter()
    figures: dict[int, int] = Counter()
    docs: list[tuple[str, int]] = []
    try:
        for tag, row in process_task(entries, settings, num_perm):
            counts[tag] += 1
            if tag == "c":
                yield tag, row
                continue
            writer.add(_TABLE_OF[tag], row)
            if tag == "d":
                docs.append((row[1], row[0]))
            elif tag == "f":
                figures[row[0]] += 1
        writer.close()
    except BaseException:
        writer.abort()
        raise
    for content_hash, ordinal in docs:
        yield "d", (content_hash, ordinal, figures.get(ordinal, 0))
    yield "n", dict(counts)


def write_links(index: int, links: Iterable[tuple], out: str) -> Iterator[int]:
    """One partition of the copy links into ``copies/part-NNNNN.parquet``; yields its count."""
    writer = PartWriter(out, index)
    n = 0
    try:
        for row in links:
            writer.add("copies", row)
            n += 1
        writer.close()
    except BaseException:
        writer.abort()
        raise
    yield n


def start_session(master: str | None, conf: Iterable[tuple[str, str]] = (), app: str = "claimline"):
    """A SparkSession (local[*] unless told otherwise), quiet, with the workers on this Python."""
    _require("pyspark", "claimline spark")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    builder = SparkSession.builder.appName(app).master(master or "local[*]") \
        .config("spark.ui.showConsoleProgress", "false") \
        .config("spark.ui.enabled", "false")
    if (master or "local[*]").startswith("local"):
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    for key, value in conf:
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # Java missing or too old: py4j/pyspark raise several kinds
        raise SparkUnavailable(f"Spark could not start ({type(exc).__name__}: {exc}); "
                               "it needs Java 17 or newer (JAVA_HOME or java on PATH)") from exc
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run_spark(inputs: list[str], output: str | Path, *, master: str | None = None, settings: Settings | None = None,
              conf: Iterable[tuple[str, str]] = (), partition_mb: float = DEFAULT_PARTITION_MB,
              overwrite: bool = False, num_perm: int | None = None, spark=None,
              log=lambda msg: None) -> SparkSummary:
    """Read `inputs` on Spark and write the Parquet tables and manifest under `output` (a path the
    driver and every executor see)."""
    import shutil

    _require("pyarrow", "claimline spark")
    settings = settings or Settings()
    num_perm = num_perm or copies.DEFAULT_NUM_PERM
    out = Path(output).absolute()
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{out} is not empty (pass --overwrite to replace it)")
        for name in (*TABLES, "manifest.json"):
            target = out / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()

    def step(msg: str) -> None:
        log(f"[{time.perf_counter() - t0:6.1f} s] {msg}")

    own = spark is None
    if own:
        spark = start_session(master, conf)
    try:
        from pyspark import StorageLevel
        sc = spark.sparkContext
        files = plan_inputs(inputs)
        tasks = plan_tasks(files, sc.defaultParallelism, partition_mb) or [[]]
        summary = SparkSummary(inputs=len(files), tasks=len(tasks))
        step(f"{len(files)} input files in {len(tasks)} tasks")
        where = str(out)
        meta = sc.parallelize(tasks, len(tasks)) \
            .mapPartitionsWithIndex(lambda i, part: write_task(i, [e for entries in part for e in entries],
                                                               where, settings, num_perm)) \
            .persist(StorageLevel.MEMORY_AND_DISK)
        counts: dict[str, int] = defaultdict(int)
        for part in meta.filter(lambda r: r[0] == "n").map(lambda r: r[1]).collect():
            for tag, k in part.items():
                counts[tag] += k
        step(f"{counts['d']} documents, {counts['f']} figures, {counts['e']} errors written")

        # shuffles get about one task per 100,000 passages, at least one per core
        shuffle_n = max(sc.defaultParallelism, -(-counts["c"] // 100_000))
        # the same content read in two tasks: the first by ordinal is the document (load skips
        # the later copy as a local run does); its passages stay out of the copy search
        docs = meta.filter(lambda r: r[0] == "d").map(lambda r: r[1])
        later = docs.map(lambda d: (d[0], (d[1], d[2]))).groupByKey(shuffle_n) \
            .filter(lambda kv: len(kv[1]) > 1).flatMap(lambda kv: sorted(kv[1])[1:]).collect()
        drop = sc.broadcast(frozenset(o for o, _ in later))
        summary.documents = counts["d"] - len(later)
        summary.duplicates = counts["s"] - summary.documents
        summary.failed = counts["e"]
        summary.figures = counts["f"] - sum(f for _, f in later)

        feats = meta.filter(lambda r: r[0] == "c").map(lambda r: r[1]).filter(lambda c: c[1] not in drop.value)
        broadcast_max = int(sc.getConf().get("spark.claimline.broadcastMax", str(BROADCAST_MAX)))
        mask = (1 << PASSAGE_SHIFT) - 1
        links = copy_links(feats, num_perm, partitions=shuffle_n, broadcast_max=broadcast_max).map(
            lambda kv: (kv[0][0] >> PASSAGE_SHIFT, kv[0][0] & mask, kv[0][1] >> PASSAGE_SHIFT, kv[0][1] & mask,
                        float(kv[1][0]), kv[1][1]))
        summary.copies = sum(links.mapPartitionsWithIndex(lambda i, part: write_links(i, part, where)).collect())
        step(f"{summary.copies} copy links written")
        meta.unpersist()
        summary.seconds = round(time.perf_counter() - t0, 2)
        from importlib.metadata import version
        manifest = {"format": FORMAT, "version": FORMAT_VERSION, "claimline": version("claimline"),
                    "inputs": [str(p) for p in inputs], "num_perm": num_perm, "threshold": 0.6,
                    "tables": list(TABLES), "input_files": summary.inputs, "tasks": summary.tasks,
                    "documents": summary.documents, "duplicates": summary.duplicates, "failed": summary.failed,
                    "figures": summary.figures, "copies": summary.copies, "seconds": summary.seconds}
        (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        return summary
    finally:
        if own:
            spark.stop()


# --- load: Parquet into the ledger -----------------------------------------------------------------

@dataclass(slots=True)
class LoadSummary:
    read: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (source, code, message)
    figures: int = 0
    copies: int = 0
    copies_local: bool = False      # the ledger held passages already: copies found by consolidate
    dated_by_inference: int = 0
    consolidation: object | None = None

    @property
    def ok(self) -> bool:
        return not self.failed


_PART = re.compile(r"part-(\d+)")


def _parts(folder: Path) -> dict[int, list[Path]]:
    out: dict[int, list[Path]] = defaultdict(list)
    if folder.is_dir():
        for f in sorted(folder.iterdir()):
            m = _PART.match(f.name)
            if m and f.name.endswith(".parquet"):
                out[int(m.group(1))].append(f)
    return out


def _read(pq, files: list[Path], sort: tuple[str, ...]) -> list[dict]:
    rows: list[dict] = []
    for f in files:
        rows.extend(pq.read_table(f).to_pylist())
    rows.sort(key=lambda r: tuple(r[k] for k in sort))
    return rows


def read_manifest(folder: str | Path) -> dict:
    path = Path(folder) / "manifest.json"
    if not path.exists():
        raise ValueError(f"{folder} has no manifest.json: not the output of a finished `claimline spark` run")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise ValueError(f"{folder}: output format {manifest.get('format')} v{manifest.get('version')}, "
                         f"this claimline reads {FORMAT} v{FORMAT_VERSION}")
    return manifest


def _to_document(d: dict, passages: list[dict], figures: list[dict]) -> Document:
    doc = Document(name=d["name"], source=d["source"], content_hash=d["content_hash"], text=d["text"],
                   content_type=d["content_type"], html=d["html"], encoding=d["encoding"], url=d["url"],
                   title=d["title"],
                   title_span=None if d["title_start"] is None else (d["title_start"], d["title_end"]),
                   authors=json.loads(d["authors"] or "[]"), published=d["published"], outlet=d["outlet"],
                   grouping=d["grouping"],
                   passages=[Passage(p["start"], p["end"], p["text"], p["kind"]) for p in passages])
    for f in figures:
        # the figure's sentence is all the ledger keeps of the sentences: one per figure
        doc.sentences.append(Sentence(f["evidence_start"], f["evidence_end"], f["evidence"],
                                      -1 if f["passage_idx"] is None else f["passage_idx"]))
        doc.figures.append(Figure(
            span=(f["start"], f["end"]), text=f["text"], value=f["value"], low=f["low"], high=f["high"],
            approx=f["approx"], unit=f["unit"], subject=f["subject"], where=f["place"],
            where_span=_pair(f, "place_start", "place_end"), sentence=len(doc.sentences) - 1,
            claimant=f["claimant"], claimant_span=_pair(f, "claimant_start", "claimant_end"),
            claimant_role=f["claimant_role"], cue=f["cue"], basis=f["basis"], modality=f["modality"],
            stated_expr=f["stated_expr"], stated_span=_pair(f, "stated_start", "stated_end"),
            stated_on=f["stated_on"], stated_from=f["stated_from"], stated_to=f["stated_to"],
            stated_how=f["stated_how"]))
    return doc


def _pair(row: dict, a: str, b: str) -> tuple[int, int] | None:
    return None if row[a] is None else (row[a], row[b])


class _Batch:
    """Documents (and sources of documents already read) waiting for one `write_documents`
    transaction; then the ledger ids of their passages: the signatures to store, and the
    passages the copy links name."""

    def __init__(self, ledger, run_id: int, wanted: set, pid_of: dict, *, signatures: bool):
        self.ledger, self.run_id, self.wanted, self.pid_of = ledger, run_id, wanted, pid_of
        self.signatures = signatures
        self.items: list[tuple[Document, list[str]]] = []
        self.pending: set[str] = set()      # content hashes of new documents in the batch
        self.passages: list[tuple[str, int, dict]] = []

    def add(self, doc: Document, source: str, passages: tuple[int, dict] | None = None) -> None:
        self.items.append((doc, [source]))
        if passages is not None:
            self.pending.add(doc.content_hash)
            self.passages.append((doc.content_hash, *passages))

    def flush(self) -> int:
        if not self.items:
            return 0
        written = self.ledger.write_documents(self.items, self.run_id)
        sigs: dict[int, bytes | None] = {}
        for content_hash, ordinal, by_idx in self.passages:
            doc_id = self.ledger.document_id(content_hash)
            for idx, pid, kind in self.ledger.db.execute(
                    "SELECT idx, id, kind FROM passages WHERE document_id = ?", (doc_id,)):
                if (ordinal, idx) in self.wanted:
                    self.pid_of[(ordinal, idx)] = pid
                if kind == "body" and self.signatures:
                    sigs[pid] = by_idx.get(idx) or None
        if sigs:
            self.ledger.store_copies([], sigs)
        self.items.clear()
        self.pending.clear()
        self.passages.clear()
        return written


def load(folder: str | Path, ledger, settings: Settings | None = None, *, consolidate_after: bool = True,
         aliases_file: str | Path | None = None, arguments: list[str] | None = None) -> LoadSummary:
    """Write the output of `claimline spark` into the ledger (in the order a local run reads the
    inputs), then infer undated pages and consolidate, as `pipeline.run` ends."""
    folder = Path(folder)
    read_manifest(folder)
    pq = _require("pyarrow.parquet", "claimline load")
    from .copies import CopyLink
    from .stages import resolve
    settings = settings or Settings()
    summary = LoadSummary()
    run_id = ledger.start_run(arguments if arguments is not None else ["load", str(folder)])
    db = ledger.db
    had_passages = db.execute("SELECT 1 FROM passages WHERE kind = 'body' LIMIT 1").fetchone() is not None
    summary.copies_local = had_passages

    copy_rows = [] if had_passages else _read(pq, [f for fs in _parts(folder / "copies").values() for f in fs],
                                              ("a_ordinal", "a_idx", "b_ordinal", "b_idx"))
    wanted = {(r["a_ordinal"], r["a_idx"]) for r in copy_rows} | {(r["b_ordinal"], r["b_idx"]) for r in copy_rows}
    pid_of: dict[tuple[int, int], int] = {}

    parts = {name: _parts(folder / name) for name in ("documents", "sources", "passages", "figures", "errors")}
    batch = _Batch(ledger, run_id, wanted, pid_of, signatures=not had_passages)
    last = -1
    for part in sorted(set().union(*(p.keys() for p in parts.values()))):
        docs = {d["ordinal"]: d for d in _read(pq, parts["documents"].get(part, []), ("ordinal",))}
        sources = _read(pq, parts["sources"].get(part, []), ("ordinal",))
        errors = _read(pq, parts["errors"].get(part, []), ("ordinal",))
        passages: dict[int, list[dict]] = defaultdict(list)
        for p in _read(pq, parts["passages"].get(part, []), ("ordinal", "idx")):
            passages[p["ordinal"]].append(p)
        figures: dict[int, list[dict]] = defaultdict(list)
        for f in _read(pq, parts["figures"].get(part, []), ("ordinal", "idx")):
            figures[f["ordinal"]].append(f)
        events = sorted([(s["ordinal"], 1, s) for s in sources] + [(e["ordinal"], 0, e) for e in errors],
                        key=lambda e: (e[0], e[1]))
        if events and events[0][0] <= last:
            raise ValueError(f"{folder}: part {part} is out of order (not the output of `claimline spark`?)")
        if events:
            last = events[-1][0]
        for ordinal, is_source, row in events:
            if not is_source:
                summary.failed.append((row["source"], row["code"], row["message"]))
                ledger.log_error(run_id, row["source"], row["code"], row["message"])
                continue
            d = docs.get(ordinal)
            if d is None or d["content_hash"] in batch.pending or ledger.document_id(d["content_hash"]) is not None:
                # another input with content already read: one more source for that document
                if row["content_hash"] not in batch.pending and ledger.document_id(row["content_hash"]) is None:
                    raise ValueError(f"{folder}: {row['source']} has no document (incomplete output?)")
                summary.duplicates += 1
                batch.add(Document(name="", source=row["source"], content_hash=row["content_hash"], text=""),
                          row["source"])
                continue
            summary.read += 1
            ps = passages.get(ordinal, [])
            batch.add(_to_document(d, ps, figures.get(ordinal, [])), row["source"],
                      (ordinal, {p["idx"]: p["signature"] for p in ps}))
            if len(batch.items) >= settings.batch_size:
                summary.figures += batch.flush()
        summary.figures += batch.flush()

    if copy_rows:
        links = []
        for r in copy_rows:
            a, b = pid_of.get((r["a_ordinal"], r["a_idx"])), pid_of.get((r["b_ordinal"], r["b_idx"]))
            if a is not None and b is not None:
                links.append(CopyLink(min(a, b), max(a, b), r["similarity"], r["kind"]))
        links.sort(key=lambda c: (c.a, c.b))
        ledger.store_copies(links, {})
    summary.copies = db.execute("SELECT count(*) FROM copies").fetchone()[0]
    summary.dated_by_inference = resolve.infer_undated(ledger, settings)
    if consolidate_after:
        from .stages.consolidate import consolidate
        summary.consolidation = consolidate(ledger, settings, aliases_file=aliases_file)
    ledger.finish_run(run_id, read=summary.read, unchanged=0, failed=len(summary.failed), figures=summary.figures)
    return summary
