"""Text reuse between documents: wire stories reprinted, background paragraphs pasted into every
article on a topic, a page quoting another, near-duplicate pages.

Pure functions over plain data; the ledger stores what they return.

How a link is found, cheapest and most certain first:

1. **exact**: the same normalised text (:func:`normalise`: case, quotes, dashes, punctuation and
   line wrapping erased). Its 64-bit hash groups the new passages (sorted arrays), and is kept in
   the signature so that a passage of a later run finds its stored twin without its text.
2. **near**: MinHash of the passage's word 3-shingles (datasketch's ``affine32`` scheme), banded
   for LSH in sorted arrays (``_BandIndex``; no all-pairs comparison), each candidate confirmed by the real Jaccard of the two
   shingle sets when both texts are at hand, else by the signature estimate (a stored passage has
   only its signature). Accepted when Jaccard >= ``threshold``.
3. **partial**: a passage A of >= 12 words pasted, whole or nearly whole, inside a longer passage B.
   Jaccard is then about |A|/|B|, far under the threshold, and LSH on Jaccard misses it, so we
   index *sentence runs*: every run of up to 8 consecutive sentences (>= 10 words) is hashed on
   its normalised words. A's key runs are those that hold >= 80 % of its shingles (the whole of
   A, or A less a short first or last sentence); a key run of A equal to any run of B makes a
   candidate, confirmed by the real containment |A ∩ B| / |A| of the shingle sets (with a stored
   side, by the share of A's shingles inside the matched run, a lower bound); accepted when
   >= 0.8. Any pair judged for another reason (an LSH candidate) is also accepted as partial when
   its real containment is >= 0.8. Why not ``MinHashLSHEnsemble``: it is built in one go over all
   sets (no incremental index for a later run), keeps several LSH tables per size partition (a
   multiple of the plain LSH's memory at 2 M passages), and still only estimates containment on
   short sets; run hashes cost 10 bytes each in the signature, are joined with sorted arrays
   (16 bytes a run in memory), and find a verbatim paste with certainty. The cost: a paste that
   was also edited inside, or glued into a sentence of B (``He said: <A>``), is only found when
   its Jaccard is high enough for LSH.

Choices:

- Shingles of 3 words over the normalised tokens. A changed word destroys k shingles, so small k
  keeps short edited copies above the threshold (30 words with two words changed: Jaccard 0.65 at
  k=3, 0.54 at k=4), while a shared stock phrase of six words is four shingles out of ~30, Jaccard
  under 0.1. The same k everywhere: signatures of different k cannot be compared.
- Passages under 8 words get no signature: too short to call a copy.
- ``num_perm`` 64 by default: 256 bytes of hash values; 128 took 12-30 % more time and doubles
  the signature, and only sharpens the estimate that stored pairs rely on (new pairs are confirmed
  on the real sets). The LSH uses 10 bands of 3 values at the 0.6 threshold: a pair at Jaccard
  0.6 becomes a candidate 91 % of the time, at 0.7 98.5 %, at 0.2 8 % (then dropped by the
  confirmation); 3 rows keep pairs that only share a few common trigrams apart. The other values
  sharpen the estimate used with stored signatures (standard error 0.06 at 0.6). LSH memory grows
  with the bands, not with ``num_perm``: ~240 bytes a passage at 10 bands in ``_BandIndex``,
  where datasketch's ``MinHashLSH`` (a Python set per bucket) takes ~3.5 KB; it still indexes
  whole documents (:func:`near_duplicate_documents`), which are ~14 times fewer.
- Links are a graph, not every pair of a cluster: members of an exact group link to the first
  ``max_links`` (32) documents holding that text (a clique for smaller groups); each passage keeps
  its ``max_links`` best near/partial partners; in a dense cluster (a paragraph reprinted with
  small edits hundreds of times) a passage is judged against its ``max_links`` most similar
  candidates and against the others only while they are not yet connected to it, so work and
  output stay linear and the cluster stays connected. The LSH answers as an index that passages
  enter one by one (in passage id order) after querying it, and a bucket takes at most
  ``bucket_cap`` (32) passages (``_BandIndex``):
  a band of stock trigrams shared by unrelated passages would otherwise grow with the corpus and
  make every query that lands in it cost as much (measured on bench articles before the cap:
  11 -> 17 -> 24 candidates a query at 2k -> 4k -> 8k). LSH candidates are screened on their
  signatures before their shingles are compared (``_screen``: dropped only when even the estimate
  plus four standard errors cannot reach the threshold or the containment bar); candidates that
  share a key run are always compared. The comparisons of one passage are done together on
  sorted shingle arrays (``_Shingles.shared``). The sentence-run index yields at most
  ``MAX_BUCKET`` (64) candidates per passage. One passage per exact group (its lowest id)
  stands for the group in the LSH and the run index. Read clusters as connected components.
- Stored passages are not indexed: the new ones are, and stored signatures are streamed through
  the index (queries), so memory follows the new passages and ``stored`` may be a database cursor.

Measured on one core of a shared machine (``bench/copies_scaling.py``: random paragraphs of
2-4 sentences, 5 % of them reused): 100,000 new passages in 11.6 s, 1,600,000 in 217 s (115.6 ->
135.6 µs a passage), +2.1 KB of memory a passage. On bench articles, where copies grow faster
than N, 1.4 M passages (100k articles) took 1,040 s for the whole consolidation, peak 4.6 GB.

Signature layout (little endian): ``b"CL"``, version u8, shingle size u8, num_perm u16, word count
u32, distinct shingles u32, normalised-text hash u64, run count u16; then num_perm u32 MinHash
values (datasketch ``affine32`` scheme, seed 1: the values ``datasketch.MinHash`` gives when fed the
shingle hashes); then the run hashes (u64, the first is the whole passage) and word counts (u16).
"""
from __future__ import annotations

import gc
import hashlib
import heapq
import re
import struct
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

__all__ = [
    "CopyLink",
    "PassageText",
    "document_similarity",
    "find_copies",
    "near_duplicate_documents",
    "normalise",
    "signature",
]

SHINGLE = 3                 # words per shingle
MIN_WORDS = 8               # below this a passage is too short to call a copy
PARTIAL_MIN_WORDS = 12      # the contained side of a partial copy needs this many words
CONTAINMENT = 0.8           # share of the contained passage's shingles found in the other
MAX_RUN_SENTENCES = 8       # longest sentence run hashed for partial copies
# the shortest run that can hold CONTAINMENT of a PARTIAL_MIN_WORDS passage's shingles (10 words)
_RUN_MIN_WORDS = -(-int(CONTAINMENT * 10 * (PARTIAL_MIN_WORDS - SHINGLE + 1)) // 10) + SHINGLE - 1
MAX_RUNS = 64               # at most this many runs per passage (long paragraphs)
MAX_LINKS = 32              # per passage: exact partners by document, near/partial partners
MAX_BUCKET = 2 * MAX_LINKS  # run-index candidates per passage: a run shared by more is stock text
BUCKET_CAP = 32             # most passages in one LSH bucket (_BandIndex)
DEFAULT_NUM_PERM = 64
LSH_RECALL = 0.9            # chance that a pair exactly at the threshold becomes a candidate
SEED = 1                    # datasketch's default seed: the permutations are reproducible
SCHEME = "affine32"
_CHUNK_SHINGLES = 1 << 16   # shingles hashed per numpy batch (bounds the n x num_perm matrix)

_HEAD = struct.Struct("<2sBBHIIQH")
_MAGIC = b"CL"
_VERSION = 1


@dataclass(frozen=True, slots=True)
class PassageText:
    passage_id: int      # ledger id of a body paragraph
    document_id: int
    text: str


@dataclass(frozen=True, slots=True)
class CopyLink:
    a: int               # passage_id
    b: int               # passage_id (a < b)
    similarity: float    # Jaccard of word shingles (1.0 for exact); containment for "partial"
    kind: str            # "exact" | "near" | "partial" (the smaller passage is pasted inside the other)


# --- normalisation ----------------------------------------------------------------------------

# Typographic variants that differ between the copies of one text (CMS smart quotes, dash styles,
# invisible hyphenation points) are mapped to one form before tokens are cut.
_TRANSLATE = str.maketrans({
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
    **{c: None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"},
})
# A token is a run of letters and digits, with the decimal points and thousands separators of a
# number (3.5 must not become 35; 1,200 becomes 1200); everything else (punctuation, quotes, dashes)
# separates tokens. Apostrophes are deleted first: don't = dont, O'Brien = obrien.
_TOKEN = re.compile(r"[^\W_]+(?:[.,]\d+)*")
# A sentence ends at . ! ? (NFKC has made … into ...) followed, after closing quotes or brackets, by
# white space. Abbreviations (U.S., Mr.) split alike in every copy, which is all the runs need.
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]*\s+")


def _prepare(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().translate(_TRANSLATE)


def _cut(prepared: str) -> list[str]:
    tokens = _TOKEN.findall(prepared.replace("'", ""))
    if "," in prepared:     # thousands separators: one C-level pass instead of a test per token
        tokens = " ".join(tokens).replace(",", "").split()
    return tokens


def normalise(text: str) -> str:
    """Lower case, unify quotes/dashes, drop punctuation, collapse whitespace: what survives
    re-wrapping and small edits. Decimal points stay (``3.5``), thousands commas and apostrophes go."""
    return " ".join(_cut(_prepare(text)))


def _analyse(text: str) -> tuple[list[str], list[int]]:
    """Normalised words (those of :func:`normalise`), and the word count at the end of each sentence."""
    words: list[str] = []
    ends: list[int] = []
    for sentence in _SENTENCE_BREAK.split(_prepare(text)):
        toks = _cut(sentence)
        if toks:
            words.extend(toks)
            ends.append(len(words))
    return words, ends


# --- hashing ------------------------------------------------------------------------------------

def _h64(s: str) -> int:
    # blake2b, not hash(): signatures are stored and must not depend on PYTHONHASHSEED.
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")


_word_hashes: dict[str, int] = {}


def _word_hash(w: str) -> int:
    h = _word_hashes.get(w)
    if h is None:
        if len(_word_hashes) >= 250_000:     # a cache of the common vocabulary (~50 MB), not a leak
            _word_hashes.clear()
        h = _word_hashes[w] = _h64(w)
    return h


_M64 = (np.uint64(33), np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))
_M32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))
_K1 = np.uint64(0x9E3779B97F4A7C15)
_K2 = np.uint64(0xC2B2AE3D27D4EB4F)
_S32 = np.uint64(32)


def _fmix64(h: np.ndarray) -> np.ndarray:
    s, m1, m2 = _M64
    h = h ^ (h >> s)
    h = h * m1
    h = h ^ (h >> s)
    h = h * m2
    return h ^ (h >> s)


def _fmix32(h: np.ndarray) -> np.ndarray:
    # MurmurHash3's finaliser, exactly as datasketch's "affine32" scheme pre-mixes its input.
    s16, m1, s13, m2 = _M32
    h = h ^ (h >> s16)
    h = h * m1
    h = h ^ (h >> s13)
    h = h * m2
    return h ^ (h >> s16)


def _shingles_flat(words: np.ndarray) -> np.ndarray:
    """32-bit hash of each 3-word window of a word-hash array (order matters: a*K1 ^ b, *K2 ^ c)."""
    x = words[:-2] * _K1
    x ^= words[1:-1]
    x *= _K2
    x ^= words[2:]
    return (_fmix64(x) >> _S32).astype(np.uint32)


def _word_array(words: Sequence[str]) -> np.ndarray:
    hashes = list(map(_word_hashes.get, words))
    if None in hashes:
        hashes = [h if h is not None else _word_hash(w) for h, w in zip(hashes, words)]
    return np.array(hashes, dtype=np.uint64)


def _shingle_set(text: str) -> frozenset[int]:
    """The distinct shingle hashes of a text (the exact sets the confirmation compares; a
    frozenset, as set intersection beats numpy on sets of a few dozen values)."""
    words, _ = _analyse(text)
    if len(words) < SHINGLE:
        return frozenset()
    return frozenset(_shingles_flat(_word_array(words)).tolist())


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    # datasketch draws the affine permutations (a odd, b) from RandomState(seed): take them from it
    # so our vectorised batches give the very values datasketch.MinHash would.
    a, b = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


# --- signatures ---------------------------------------------------------------------------------

def _runs(words: list[str], ends: list[int]) -> list[tuple[int, int]]:
    """(hash, word count) of the whole passage, then of runs of consecutive sentences long
    enough to be a key run of a partial copy (see _key_mask), shortest runs first."""
    out = [(_h64(" ".join(words)), len(words))]
    starts = [0, *ends[:-1]]
    n = len(ends)
    for length in range(1, min(n, MAX_RUN_SENTENCES) + 1):
        for i in range(n - length + 1):
            if length == n:
                continue                       # the whole passage, already first
            lo, hi = starts[i], ends[i + length - 1]
            if hi - lo >= _RUN_MIN_WORDS:
                out.append((_h64(" ".join(words[lo:hi])), hi - lo))
                if len(out) >= MAX_RUNS:
                    return out
    return out


class _Shingles:
    """The distinct shingle hashes of every signed text, flat (4 bytes a shingle, no object per
    passage), so that confirming a candidate never re-reads a text."""

    def __init__(self, n: int):
        self.parts: list[np.ndarray] = []
        self.counts = np.zeros(n, dtype=np.int64)
        self.flat = np.empty(0, dtype=np.uint32)
        self.offsets = np.zeros(n + 1, dtype=np.int64)

    def seal(self) -> None:
        self.flat = np.concatenate(self.parts) if self.parts else np.empty(0, dtype=np.uint32)
        self.parts = []
        np.cumsum(self.counts, out=self.offsets[1:])

    def set_of(self, i: int) -> frozenset[int]:
        return frozenset(self.flat[self.offsets[i]:self.offsets[i + 1]].tolist())

    def shared(self, x: int, ys: Sequence[int]) -> np.ndarray:
        """|S(x) ∩ S(y)| for each y, in a few numpy calls: each text's distinct shingles are
        stored sorted, so the candidates' shingles are looked up in x's by binary search. Judging
        a passage's candidates this way, not as Python sets rebuilt per pair, keeps the cost of a
        candidate flat as the corpus outgrows any cache of sets (measured: 16k bench articles
        spent 40 % of copy detection rebuilding and intersecting sets)."""
        sx = self.flat[self.offsets[x]:self.offsets[x + 1]]
        idx = np.asarray(ys, dtype=np.int64)
        starts, ends = self.offsets[idx], self.offsets[idx + 1]
        lens = ends - starts
        if not len(sx) or not lens.any():
            return np.zeros(len(idx), dtype=np.int64)
        # positions of every candidate shingle in `flat`, segment by segment
        seg_start = np.cumsum(lens) - lens
        pos = np.arange(int(lens.sum()), dtype=np.int64) + np.repeat(starts - seg_start, lens)
        values = self.flat[pos]
        at = np.minimum(np.searchsorted(sx, values), len(sx) - 1)
        hit = (sx[at] == values).astype(np.int64)
        # reduceat gives an empty segment the next element, not 0: mask those
        counts = np.add.reduceat(hit, np.minimum(seg_start, len(hit) - 1))
        return np.where(lens > 0, counts, 0)


def _sketch_many(texts: Sequence[str], num_perm: int, runs: bool = True,
                 keep: _Shingles | None = None) -> list[bytes | None]:
    """Signatures of many texts, the MinHash of all of them computed in numpy batches
    (one n_shingles x num_perm matrix per batch instead of a MinHash object per passage).
    With `keep`, the distinct shingles of each text are kept there too."""
    if num_perm < 16 or num_perm > 1024:
        raise ValueError("num_perm must be between 16 and 1024")
    a, b = _permutations(num_perm)
    out: list[bytes | None] = [None] * len(texts)
    batch: list[tuple[int, list[str], list[int]]] = []
    budget = 0

    def flush() -> None:
        lens = np.array([len(w) for _, w, _ in batch], dtype=np.int64)
        flat = _word_array([w for _, words, _ in batch for w in words])
        ends = np.cumsum(lens)
        valid = np.ones(len(flat) - 2, dtype=bool)
        valid[ends[:-1] - 2] = False            # windows that run into the next passage
        valid[ends[:-1] - 1] = False
        sh = _shingles_flat(flat)[valid]
        counts = lens - 2
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        hv = _fmix32(sh)
        mins = np.minimum.reduceat(hv[:, None] * a[None, :] + b[None, :], starts, axis=0)
        owner = np.repeat(np.arange(len(batch), dtype=np.uint64), counts)
        distinct = np.unique((owner << _S32) | sh.astype(np.uint64))   # sorted by owner
        n_distinct = np.bincount((distinct >> _S32).astype(np.intp), minlength=len(batch))
        if keep is not None:
            keep.parts.append(distinct.astype(np.uint32))               # the low 32 bits
            keep.counts[[i for i, _, _ in batch]] = n_distinct
        for k, (i, words, sentence_ends) in enumerate(batch):
            rs = _runs(words, sentence_ends) if runs else [(_h64(" ".join(words)), len(words))]
            out[i] = _pack(len(words), int(n_distinct[k]), rs[0][0], mins[k], rs)
        batch.clear()

    for i, text in enumerate(texts):
        words, ends = _analyse(text)
        if len(words) < MIN_WORDS:
            continue
        batch.append((i, words, ends))
        budget += len(words)
        if budget >= _CHUNK_SHINGLES:
            flush()
            budget = 0
    if batch:
        flush()
    if keep is not None:
        keep.seal()
    return out


def _pack(words: int, shingles: int, exact: int, hashvalues: np.ndarray, runs: list[tuple[int, int]]) -> bytes:
    rh = np.array([h for h, _ in runs], dtype="<u8")
    rw = np.minimum(np.array([w for _, w in runs], dtype=np.int64), 0xFFFF).astype("<u2")
    return b"".join((
        _HEAD.pack(_MAGIC, _VERSION, SHINGLE, len(hashvalues), min(words, 0xFFFFFFFF), shingles, exact, len(runs)),
        hashvalues.astype("<u4").tobytes(), rh.tobytes(), rw.tobytes(),
    ))


@dataclass(slots=True)
class _Sketch:
    words: int
    shingles: int
    exact: int
    hashvalues: np.ndarray   # uint32[num_perm]
    run_hashes: np.ndarray   # uint64[runs], [0] is the whole passage
    run_words: np.ndarray    # int64[runs]


def _unpack(blob: bytes) -> _Sketch:
    if len(blob) < _HEAD.size:
        raise ValueError("not a claimline copies signature (too short)")
    magic, version, shingle, num_perm, words, shingles, exact, n_runs = _HEAD.unpack_from(blob)
    if magic != _MAGIC or version != _VERSION or shingle != SHINGLE:
        raise ValueError(f"not a claimline copies signature of version {_VERSION}, {SHINGLE}-word shingles")
    off = _HEAD.size
    if len(blob) != off + 4 * num_perm + 10 * n_runs:
        raise ValueError("truncated claimline copies signature")
    hv = np.frombuffer(blob, dtype="<u4", count=num_perm, offset=off)
    off += 4 * num_perm
    rh = np.frombuffer(blob, dtype="<u8", count=n_runs, offset=off)
    rw = np.frombuffer(blob, dtype="<u2", count=n_runs, offset=off + 8 * n_runs).astype(np.int64)
    return _Sketch(words, shingles, exact, hv, rh, rw)


def signature(text: str, num_perm: int = DEFAULT_NUM_PERM) -> bytes | None:
    """MinHash of the passage's word 3-shingles (datasketch ``affine32``, seed 1), with the hash
    of its normalised text and of its sentence runs (for exact and partial copies across runs),
    serialised as described in the module docstring: 24 + 4 x num_perm + 10 x runs bytes
    (~300 bytes at num_perm 64). None under 8 words. Deterministic across processes and machines."""
    return _sketch_many([text], num_perm)[0]


def _estimate(a: _Sketch, b: _Sketch) -> float:
    if len(a.hashvalues) != len(b.hashvalues):
        raise ValueError(f"signatures of different num_perm ({len(a.hashvalues)} and {len(b.hashvalues)})")
    if a.exact == b.exact:
        return 1.0
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / len(a.hashvalues)


def document_similarity(sig_a: bytes, sig_b: bytes) -> float:
    """Estimated Jaccard between two signatures (1.0 when their normalised texts are equal).
    Also for whole documents: sign the document's text and compare."""
    return _estimate(_unpack(sig_a), _unpack(sig_b))


# --- candidate confirmation ---------------------------------------------------------------------

def _key_mask(sk_words: int, run_words: np.ndarray) -> np.ndarray:
    """Runs of a passage that hold >= CONTAINMENT of its shingles: if B contains one of them, B
    contains that share of the passage. None at all under PARTIAL_MIN_WORDS."""
    if sk_words < PARTIAL_MIN_WORDS:
        return np.zeros(len(run_words), dtype=bool)
    return (run_words - (SHINGLE - 1)) >= CONTAINMENT * (sk_words - (SHINGLE - 1))


def _run_cover(a: _Sketch, b: _Sketch) -> float:
    """Lower bound of the share of A's shingles inside B, from sentence runs alone: the best run
    of A that is also a run of B."""
    mask = _key_mask(a.words, a.run_words)
    if not mask.any():
        return 0.0
    hit = np.isin(a.run_hashes[mask], b.run_hashes)
    if not hit.any():
        return 0.0
    best = int(a.run_words[mask][hit].max())
    return min(1.0, (best - (SHINGLE - 1)) / (a.words - (SHINGLE - 1)))


def _judge_sets(sa: frozenset[int], sb: frozenset[int], words_a: int, words_b: int,
                threshold: float) -> tuple[str, float] | None:
    """near (real Jaccard) or partial (real containment of the smaller set), else None."""
    return _verdict(len(sa & sb), len(sa), len(sb), words_a, words_b, threshold)


def _verdict(inter: int, size_a: int, size_b: int, words_a: int, words_b: int,
             threshold: float) -> tuple[str, float] | None:
    """The verdict on a pair from its shared and distinct shingle counts (both judges use it)."""
    if not inter:
        return None
    jac = inter / (size_a + size_b - inter)
    if jac >= threshold:
        return "near", round(jac, 4)
    small, small_words = (size_a, words_a) if size_a <= size_b else (size_b, words_b)
    cont = inter / small
    if small_words >= PARTIAL_MIN_WORDS and cont >= CONTAINMENT:
        return "partial", round(cont, 4)
    return None


def _judge_counts(inter: np.ndarray, size_x: int, sizes_y: np.ndarray, words_x: int,
                  words_y: np.ndarray, threshold: float) -> list[tuple[str, float] | None]:
    """_judge_sets for one passage against many, from the shared-shingle counts."""
    return [_verdict(i, size_x, sy, words_x, wy, threshold)
            for i, sy, wy in zip(inter.tolist(), sizes_y.tolist(), words_y.tolist())]


def _screen(agree: np.ndarray, num_perm: int, size_x: int, sizes_y: np.ndarray, words_x: int,
            words_y: np.ndarray, threshold: float) -> np.ndarray:
    """Which LSH candidates are worth judging on their shingle sets: those whose Jaccard, or the
    containment of the smaller set, could still reach the bar. The MinHash estimate J^ = agree /
    num_perm has a standard error of at most 0.5 / sqrt(num_perm); a pair is dropped only when even
    J^ + 4 standard errors (0.25 at num_perm 64) is under the threshold and the containment that
    Jaccard allows, J (|A| + |B|) / ((1 + J) min(|A|, |B|)), is under CONTAINMENT (or the smaller
    side is too short to be a partial copy): a true copy is lost about once in 30,000.

    Why: LSH on 3-row bands lets through pairs that share a few stock trigrams (Jaccard 0.1-0.3),
    and their number per query grows with the corpus; measured on 8k bench articles, 16 of every
    18 candidates were such pairs, and judging each on rebuilt shingle sets was most of the time."""
    j_hi = np.minimum(agree / num_perm + 2.0 / np.sqrt(num_perm), 1.0)
    small = np.minimum(size_x, sizes_y).clip(min=1)
    c_hi = j_hi * (size_x + sizes_y) / ((1.0 + j_hi) * small)
    small_words = np.where(sizes_y < size_x, words_y, words_x)
    return (j_hi >= threshold) | ((c_hi >= CONTAINMENT) & (small_words >= PARTIAL_MIN_WORDS))


def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands b x rows r: r = 3 below 0.7 (fewer rows let edited copies collide; 3 keeps pairs that
    only share common trigrams apart), more rows for stricter thresholds; then the fewest bands
    (datasketch's memory grows with them) that make a pair at the threshold a candidate with
    probability LSH_RECALL."""
    r = 3 if threshold < 0.7 else 4 if threshold < 0.85 else 6
    r = min(r, num_perm // 2)
    p = threshold ** r
    b = 2
    while b * r < num_perm and 1 - (1 - p) ** b < LSH_RECALL:
        b += 1
    return min(b, num_perm // r), r


def _lean(hv: np.ndarray) -> LeanMinHash:
    # What the LSH is given: a LeanMinHash wraps the hash values as they are (no permutation
    # arrays, no hashing), and carries the scheme that datasketch checks on every insert and query.
    return LeanMinHash(seed=SEED, hashvalues=hv, scheme=SCHEME)


def _band_keys(hv: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(n, bands) uint64: one key per LSH band of `rows` MinHash values. Equal bands give equal
    keys; unequal ones share a key about once in 2^64, which only adds a candidate that is judged."""
    v = hv[:, :bands * rows].astype(np.uint64).reshape(len(hv), bands, rows)
    key = np.zeros((len(hv), bands), dtype=np.uint64)
    for j in range(rows):
        key = _fmix64(key ^ (v[:, :, j] + _K2))
    return key


class _BandIndex:
    """The LSH buckets of all representatives, as one sorted array of keys per band.

    Semantics of an index that passages enter one by one, in passage id order, after querying it,
    and whose buckets stop taking passages at `cap`: a passage's candidates are the members of
    its buckets that entered before it (`earlier`), and a stored passage's are all members of its
    buckets (`query`). A bucket full of `cap` passages stands for everything hashed to it: a band
    of 3 MinHash values is shared by unrelated passages whenever all three minima fall on stock
    trigrams ("the ministry said on"), and such a bucket would grow with the corpus (measured on
    bench articles before the cap: 11 -> 17 -> 24 candidates a query at 2k -> 4k -> 8k). A passage
    past the cap of one bucket still meets its near copies in its other bands.

    Why not datasketch's MinHashLSH (used for whole documents): its in-memory storage is a Python
    set per bucket and a dict entry per band, ~3.5 KB an indexed passage, so 1.4 M passages (100k
    bench articles) need ~5 GB; indexing them in blocks instead made every earlier block query
    each later one, work that grew with the square of the number of blocks (measured at 32k bench
    articles, two blocks: +2.4 ms an article, a fifth of the step). Here a passage costs
    ~240 bytes at 10 bands (its key and id as a member, where its bucket starts and how many
    entered it before) and all buckets are built by one sort per band.
    """

    def __init__(self, keys: np.ndarray, items: np.ndarray, cap: int):
        """`keys`: band keys (n, bands) of `items` (passage indices), in the order they enter."""
        n, bands = keys.shape
        self.keys: list[np.ndarray] = []      # per band: sorted keys of the bucket members
        self.members: list[np.ndarray] = []   # per band: their passages, in entry order per key
        self.lo = np.empty((n, bands), dtype=np.int32)       # where a passage's bucket starts
        self.before = np.empty((n, bands), dtype=np.int32)   # members that entered before it
        ranks = np.arange(n)
        for b in range(bands):
            k = keys[:, b]
            order = np.argsort(k, kind="stable")                # equal keys stay in entry order
            ks = k[order]
            first = np.ones(n, dtype=bool)
            first[1:] = ks[1:] != ks[:-1]
            starts = np.flatnonzero(first)
            pos = ranks - np.repeat(starts, np.diff(np.append(starts, n)))   # place in its bucket
            keep = pos < cap
            self.keys.append(ks[keep])
            self.members.append(items[order[keep]])
            self.lo[order, b] = np.searchsorted(self.keys[b], ks)
            self.before[order, b] = np.minimum(pos, cap)
        self.any_before = self.before.any(axis=1).tolist()

    def earlier(self, rank: int) -> set[int]:
        """The candidates of the passage that entered `rank`-th: its buckets' earlier members."""
        out: set[int] = set()
        if self.any_before[rank]:
            for b, (lo, k) in enumerate(zip(self.lo[rank].tolist(), self.before[rank].tolist())):
                if k:
                    out.update(self.members[b][lo:lo + k].tolist())
        return out

    def query(self, keys: np.ndarray) -> set[int]:
        """Every member of the buckets of one passage's band `keys` (a stored passage)."""
        out: set[int] = set()
        for b, key in enumerate(keys.tolist()):
            sk = self.keys[b]
            lo = int(np.searchsorted(sk, np.uint64(key), "left"))
            hi = int(np.searchsorted(sk, np.uint64(key), "right"))
            if hi > lo:
                out.update(self.members[b][lo:hi].tolist())
        return out


def _check(threshold: float, max_links: int) -> None:
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    if max_links < 1:
        raise ValueError("max_links must be >= 1")


# --- exact groups -------------------------------------------------------------------------------

class _Groups:
    """Passages with the same normalised text. The member with the lowest passage id represents
    the group in the indexes; `heads` is the first member of each document, in id order. Numpy
    arrays, not dicts, for the millions of singletons; dicts only for groups of two or more."""

    def __init__(self, pids: np.ndarray, docs: np.ndarray, exact: np.ndarray, signed: np.ndarray):
        idx = np.flatnonzero(signed)
        order = idx[np.lexsort((pids[idx], exact[idx]))]       # by text hash, then passage id
        h = exact[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = h[1:] != h[:-1]
        starts = np.flatnonzero(first)
        ends = np.append(starts[1:], len(order))
        self.hashes = h[starts]                                  # sorted, one per group
        self.rep_at = order[starts]                              # its representative
        self.reps: list[int] = self.rep_at[np.argsort(pids[self.rep_at], kind="stable")].tolist()
        self.members = {int(order[s]): order[s:e].tolist() for s, e in zip(starts, ends) if e - s > 1}
        self.pids, self.docs = pids.tolist(), docs.tolist()     # lists: fast scalar access
        self._heads: dict[int, list[int]] = {}
        for rep, members in self.members.items():
            firsts: dict[int, int] = {}
            for i in members:
                firsts.setdefault(self.docs[i], i)
            self._heads[rep] = list(firsts.values())

    def rep_of(self, text_hash: int) -> int | None:
        k = int(np.searchsorted(self.hashes, np.uint64(text_hash)))
        if k < len(self.hashes) and int(self.hashes[k]) == text_hash:
            return int(self.rep_at[k])
        return None

    def heads(self, rep: int) -> list[int]:
        return self._heads.get(rep) or [rep]

    def pick(self, rep: int, other_doc: int) -> int | None:
        """A member of the group outside `other_doc` (the representative when it can)."""
        for i in self.heads(rep)[:2]:
            if self.docs[i] != other_doc:
                return i
        return None

    def pick_pair(self, x: int, y: int) -> tuple[int, int] | None:
        if x not in self._heads and y not in self._heads:        # the common case: two singletons
            return (x, y) if self.docs[x] != self.docs[y] else None
        for i in self.heads(x)[:2]:
            for j in self.heads(y)[:2]:
                if self.docs[i] != self.docs[j]:
                    return i, j
        return None


def _heads_outside(heads: Iterable[tuple[int, int]], doc: int, k: int) -> Iterable[int]:
    """The first `k` passages of (passage, document) `heads` that lie outside `doc`: the exact
    partners of a group member in that document (also spark.py's)."""
    return islice((h for h, d in heads if d != doc), k)


def _prefer(old: tuple[float, str], new: tuple[float, str]) -> tuple[float, str]:
    """Which (similarity, kind) verdict on one pair to keep: exact first, then the higher
    similarity; ties keep `old` (also spark.py's)."""
    if (new[1] == "exact") != (old[1] == "exact"):
        return new if new[1] == "exact" else old
    return new if new[0] > old[0] else old


def _push_bounded(heap: list, item, k: int) -> None:
    """Keep the `k` largest items in the min-heap `heap`."""
    if len(heap) < k:
        heapq.heappush(heap, item)
    elif item > heap[0]:
        heapq.heapreplace(heap, item)


def _exact_links(groups: _Groups, max_links: int, link) -> None:
    """Each member links to the first passage of each of the first `max_links` other documents
    holding the same text (by passage id): a clique over documents for small groups, linear
    output for huge ones. A paragraph repeated inside one document links from every repeat."""
    for rep, members in groups.members.items():
        heads = groups.heads(rep)
        if len(heads) < 2:
            continue
        top = [(h, groups.docs[h]) for h in heads[: max_links + 1]]
        for i in members:
            for h in _heads_outside(top, groups.docs[i], max_links):
                link(h, i)


class _LinkBuffer:
    """Links as they are found, in typed arrays (25 bytes a link, where a dict of pairs took
    ~330: 2.2 GB for the 6.8 M links of 100k bench articles), one verdict per pair at the end."""

    KINDS = ("exact", "near", "partial")

    def __init__(self):
        self.a, self.b, self.sim, self.kind = array("q"), array("q"), array("d"), array("b")
        self._code = {k: i for i, k in enumerate(self.KINDS)}

    def add(self, a_pid: int, b_pid: int, sim: float, kind: str) -> None:
        if a_pid > b_pid:
            a_pid, b_pid = b_pid, a_pid
        self.a.append(a_pid)
        self.b.append(b_pid)
        self.sim.append(sim)
        self.kind.append(self._code[kind])

    def links(self, chunk: int = 1 << 16) -> list[CopyLink]:
        """Sorted by pair, one per pair: the verdict `_prefer` keeps (exact first, then the higher
        similarity, then the first found)."""
        a, b = np.frombuffer(self.a, dtype=np.int64), np.frombuffer(self.b, dtype=np.int64)
        sim, kind = np.frombuffer(self.sim, dtype=np.float64), np.frombuffer(self.kind, dtype=np.int8)
        order = np.lexsort((np.arange(len(a)), -sim, kind != 0, b, a))
        a_sorted, b_sorted = a[order], b[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = (a_sorted[1:] != a_sorted[:-1]) | (b_sorted[1:] != b_sorted[:-1])
        keep = order[first]
        del order, first, a_sorted, b_sorted
        out: list[CopyLink] = []
        for k in range(0, len(keep), chunk):        # Python objects made a chunk at a time
            at = keep[k:k + chunk]
            out.extend(CopyLink(x, y, s, self.KINDS[c]) for x, y, s, c in
                       zip(a[at].tolist(), b[at].tolist(), sim[at].tolist(), kind[at].tolist()))
        del a, b, sim, kind
        self.a, self.b, self.sim, self.kind = array("q"), array("q"), array("d"), array("b")
        return out


class _Best:
    """The `k` most similar partners of each representative (near and partial)."""

    def __init__(self, k: int):
        self.k = k
        self.heaps: dict[int, list] = {}

    def push(self, x: int, sim: float, partner_pid: int, entry: tuple) -> None:
        # ties: the lower partner id wins
        _push_bounded(self.heaps.setdefault(x, []), (sim, -partner_pid, entry), self.k)


# --- find_copies --------------------------------------------------------------------------------

@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector. find_copies builds millions of small containers (a
    set of candidates per passage, a heap entry per partner) and makes no reference cycles, so refcounting frees
    all it drops; each full collection would walk every live one of them (measured: 22 % of the
    time on 8k bench articles)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@_no_cycle_collection()
def find_copies(passages: Iterable[PassageText], stored: Iterable[tuple[int, int, bytes]] = (),
                threshold: float = 0.6, num_perm: int = DEFAULT_NUM_PERM, *,
                max_links: int = MAX_LINKS,
                bucket_cap: int = BUCKET_CAP) -> tuple[list[CopyLink], dict[int, bytes | None]]:
    """Links between passages of different documents that are the same text ("exact"), near
    copies ("near": Jaccard of 3-shingles >= threshold) or pasted inside another ("partial":
    >= 80 % of the smaller passage's shingles, >= 12 words, inside the other).

    `passages` are new; `stored` are (passage_id, document_id, signature) from earlier runs: each
    is matched against the new passages (exact hash, LSH query, sentence runs) but never against
    another stored one; empty or None signatures (passages too short to sign) are skipped.
    Returns the links (sorted, a < b, one per pair; `similarity` is the containment for "partial")
    and {passage_id: signature, or None under 8 words} for every new passage.

    Near-linear: exact groups by hash, one LSH query per passage, sorted-array joins for the
    sentence runs; each candidate pair is judged at most once, and in dense clusters only while
    useful (module docstring); `max_links` bounds the links per passage, `bucket_cap` the
    passages of one LSH bucket (`_BandIndex`). `stored` is streamed once (it may be a cursor).
    """
    _check(threshold, max_links)
    if bucket_cap < 1:
        raise ValueError("bucket_cap must be >= 1")
    items = list(passages)
    pids = np.array([p.passage_id for p in items], dtype=np.int64)
    new_ids, first = np.unique(pids, return_index=True)         # sorted: stored rows look up here
    if len(first) < len(items):                                 # a passage given twice: the first
        first.sort()
        items = [items[i] for i in first.tolist()]
        pids = pids[first]
    kept = _Shingles(len(items))
    blobs = _sketch_many([p.text for p in items], num_perm, keep=kept)
    signatures = {p.passage_id: blob for p, blob in zip(items, blobs)}

    n = len(items)
    docs = np.array([p.document_id for p in items], dtype=np.int64)
    signed = np.array([blob is not None for blob in blobs], dtype=bool)
    exact = np.zeros(n, dtype=np.uint64)
    words = [0] * n
    for i in np.flatnonzero(signed).tolist():
        _, _, _, _, words[i], _, text_hash, _ = _HEAD.unpack_from(blobs[i])
        exact[i] = text_hash
    groups = _Groups(pids, docs, exact, signed)
    del exact, signed
    pid_of = groups.pids
    reps = groups.reps                          # in passage id order

    def is_new(pid: int) -> bool:
        k = int(np.searchsorted(new_ids, pid))
        return k < len(new_ids) and int(new_ids[k]) == pid

    bands, rows = _lsh_params(threshold, num_perm)

    links = _LinkBuffer()
    link = links.add

    _exact_links(groups, max_links, lambda i, j: link(int(pids[i]), int(pids[j]), 1.0, "exact"))

    sketch_cache: dict[int, _Sketch] = {}

    def sketch(i: int) -> _Sketch:
        sk = sketch_cache.get(i)
        if sk is None:
            if len(sketch_cache) >= 65536:
                sketch_cache.clear()
            sk = sketch_cache[i] = _unpack(blobs[i])
        return sk


    # Every new passage's MinHash values in one matrix: ranking a dense cluster's candidates
    # indexes it directly (4 x num_perm bytes a passage), where unpacking signatures through a
    # bounded cache thrashed once the corpus outgrew the cache.
    hv_all = np.zeros((n, num_perm), dtype=np.uint32)
    hv_off = _HEAD.size
    for i, blob in enumerate(blobs):
        if blob is not None:
            hv_all[i] = np.frombuffer(blob, dtype="<u4", count=num_perm, offset=hv_off)

    best = _Best(max_links)
    parent: dict[int, int] = {}  # union-find over the new passages joined by near/partial links
    cap = max_links

    def find(i: int) -> int:
        while (up := parent.get(i, i)) != i:
            parent[i] = parent.get(up, up)
            i = up
        return i

    sizes = kept.counts                               # distinct shingles of each passage

    def judge_new(x: int, certain: list[int], screened: list[int]) -> None:
        """Judge x against each candidate on the real shingle sets: all of `certain`, and those
        of `screened` (LSH candidates) that the signatures do not already rule out (_screen). In a
        dense cluster (a paragraph reprinted with small edits hundreds of times) only the `cap`
        candidates most similar by signature are judged for sure; the others only while they are
        not yet connected to x by accepted links, so work stays ~cap per passage and the cluster
        still ends up connected."""
        if screened:
            agree = np.count_nonzero(hv_all[screened] == hv_all[x], axis=1)
            keep = _screen(agree, num_perm, sizes[x], sizes[screened], words[x],
                           np.array([words[y] for y in screened]), threshold)
            certain = certain + [y for y, k in zip(screened, keep.tolist()) if k]
        if not certain:
            return
        ys = sorted(certain)
        if len(ys) > cap:
            est = np.count_nonzero(hv_all[ys] == hv_all[x], axis=1)
            ys = [ys[k] for k in np.argsort(-est, kind="stable")]
        # the `cap` most similar at once; the rest one by one, while not yet connected to x
        sure, rest = ys[:cap], ys[cap:]
        size_x, words_x = int(sizes[x]), words[x]
        verdicts = _judge_counts(kept.shared(x, sure), size_x, sizes[sure], words_x,
                                 np.array([words[y] for y in sure]), threshold)
        for y, verdict in zip(sure, verdicts):
            if verdict:
                accept(x, y, verdict)
        for y in rest:
            if find(x) != find(y):
                verdict = _judge_counts(kept.shared(x, [y]), size_x, sizes[[y]], words_x,
                                        np.array([words[y]]), threshold)[0]
                if verdict:
                    accept(x, y, verdict)

    def accept(x: int, y: int, verdict: tuple[str, float]) -> None:
        kind, sim = verdict
        best.push(x, sim, pid_of[y], (kind, "new", y))
        best.push(y, sim, pid_of[x], (kind, "new", x))
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[rx] = ry

    # Sentence runs of the representatives as hash-sorted arrays: every run (the containing side)
    # and the key runs (the contained side), for searchsorted joins.
    run_h, run_x, key_h, key_x = [], [], [], []
    for x in reps:
        sk = sketch(x)
        mask = _key_mask(sk.words, sk.run_words)
        run_h.append(sk.run_hashes)
        run_x.append(np.full(len(sk.run_hashes), x, dtype=np.int64))
        key_h.append(sk.run_hashes[mask])
        key_x.append(np.full(int(mask.sum()), x, dtype=np.int64))
    run_h_a, run_x_a = _sorted_join_side(run_h, run_x)
    key_h_a, key_x_a = _sorted_join_side(key_h, key_x)
    del run_h, run_x, key_h, key_x

    def run_partners(x: int) -> set[int]:
        """Passages sharing a key run with x, either way round (x inside them, them inside x)."""
        sx = sketch(x)
        found = _matches(run_h_a, run_x_a, sx.run_hashes[_key_mask(sx.words, sx.run_words)])
        found |= _matches(key_h_a, key_x_a, sx.run_hashes)
        return found

    reps_arr = np.array(reps, dtype=np.int64)
    index = _BandIndex(_band_keys(hv_all[reps_arr], bands, rows), reps_arr, bucket_cap)
    del reps_arr

    # New against new: each passage is judged against the earlier passages that share a key run
    # with it (partial copies, always judged) and the earlier members of its LSH buckets (near
    # copies, screened on their signatures first). Each pair is judged once, at its later member.
    for rank, x in enumerate(reps):
        by_runs = {y for y in run_partners(x) if y < x}
        by_lsh = [y for y in index.earlier(rank) if y not in by_runs and groups.pick_pair(x, y) is not None]
        judge_new(x, [y for y in by_runs if groups.pick_pair(x, y) is not None], by_lsh)

    # Stored against new: streamed, never kept.
    stored_hubs: dict[int, list[tuple[int, int]]] = {}   # rep -> heap of (-pid, doc): lowest pids
    for spid, sdoc, blob in stored:
        if not blob or is_new(spid):
            continue
        s = _unpack(blob)
        if len(s.hashvalues) != num_perm:
            raise ValueError(f"stored signature of passage {spid} has num_perm {len(s.hashvalues)},"
                             f" not {num_perm}: re-sign the ledger or pass its num_perm")
        rep = groups.rep_of(s.exact)
        if rep is not None:
            _push_bounded(stored_hubs.setdefault(rep, []), (-spid, sdoc), max_links + 1)
        cands = index.query(_band_keys(s.hashvalues[None, :], bands, rows)[0])
        cands |= _matches(run_h_a, run_x_a, s.run_hashes[_key_mask(s.words, s.run_words)])
        cands |= _matches(key_h_a, key_x_a, s.run_hashes)
        # The stored side has no text: near on the signature estimate (all candidates at once),
        # else partial on the sentence runs.
        xs = sorted(x for x in cands if x != rep and groups.pick(x, sdoc) is not None)
        if not xs:
            continue
        est = np.count_nonzero(hv_all[xs] == s.hashvalues, axis=1)
        for x, agree in zip(xs, est.tolist()):
            jac = agree / num_perm
            if jac >= threshold:
                best.push(x, round(jac, 4), spid, ("near", "stored", spid, sdoc))
            else:
                cont = max(_run_cover(sketch(x), s), _run_cover(s, sketch(x)))
                if cont >= CONTAINMENT:
                    best.push(x, round(cont, 4), spid, ("partial", "stored", spid, sdoc))
    del index

    for rep, heap in stored_hubs.items():
        hubs = sorted((-neg, d) for neg, d in heap)
        for i in groups.members.get(rep, [rep]):
            for spid in _heads_outside(hubs, docs[i], max_links):
                link(int(pids[i]), spid, 1.0, "exact")

    # The per-passage arrays are done with, and the heaps are emptied as they become links: at
    # 100k bench articles (6.8 M links) these held gigabytes beside the links.
    del hv_all, kept
    sketch_cache.clear()
    while best.heaps:
        x, heap = best.heaps.popitem()
        for sim, _, entry in heap:
            if entry[1] == "new":
                pair = groups.pick_pair(x, entry[2])
                if pair:
                    link(int(pids[pair[0]]), int(pids[pair[1]]), sim, entry[0])
            else:
                i = groups.pick(x, entry[3])
                if i is not None:
                    link(int(pids[i]), entry[2], sim, entry[0])

    return links.links(), signatures


def _sorted_join_side(hashes: list[np.ndarray], owners: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    if not hashes:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    h = np.concatenate(hashes).astype(np.uint64)
    o = np.concatenate(owners)
    order = np.argsort(h, kind="stable")       # equal hashes stay in passage id order
    return h[order], o[order]


def _matches(sorted_h: np.ndarray, owners: np.ndarray, queries: np.ndarray) -> set[int]:
    """Owners of the entries equal to any query hash, at most MAX_BUCKET of them (a run shared by
    that many passages is boilerplate, and its first holders stand for it)."""
    if not len(queries) or not len(sorted_h):
        return set()
    q = queries.astype(np.uint64)
    lo = np.searchsorted(sorted_h, q, side="left")
    hi = np.searchsorted(sorted_h, q, side="right")
    out: set[int] = set()
    for a, b in zip(lo.tolist(), hi.tolist()):
        if b > a:
            out.update(owners[a:min(b, a + MAX_BUCKET - len(out))].tolist())
            if len(out) >= MAX_BUCKET:
                break
    return out


# --- whole documents ----------------------------------------------------------------------------

@_no_cycle_collection()
def near_duplicate_documents(docs: Iterable[tuple[int, str]], threshold: float = 0.8,
                             num_perm: int = DEFAULT_NUM_PERM, *,
                             max_links: int = MAX_LINKS) -> list[tuple[int, int, float]]:
    """Document-level near duplicates (same page with different furniture or edits):
    (doc_a, doc_b, Jaccard of the documents' 3-shingle sets), doc_a < doc_b, sorted. The same
    machinery as find_copies on whole texts: exact groups, then MinHash LSH over one document per
    group, each candidate confirmed on the real shingle sets."""
    _check(threshold, max_links)
    items: list[tuple[int, str]] = []
    seen: set[int] = set()
    for doc_id, text in docs:
        if doc_id not in seen:
            seen.add(doc_id)
            items.append((doc_id, text))
    kept = _Shingles(len(items))
    blobs = _sketch_many([t for _, t in items], num_perm, runs=False, keep=kept)
    ids = np.array([d for d, _ in items], dtype=np.int64)
    signed = np.array([blob is not None for blob in blobs], dtype=bool)
    exact = np.array([_HEAD.unpack_from(blob)[6] if blob else 0 for blob in blobs], dtype=np.uint64)
    # each document is its own "document" for the group logic: every pair may link
    groups = _Groups(ids, ids, exact, signed)
    out: dict[tuple[int, int], float] = {}
    _exact_links(groups, max_links,
                 lambda i, j: out.__setitem__(tuple(sorted((int(ids[i]), int(ids[j])))), 1.0))

    b, r = _lsh_params(threshold, num_perm)
    lsh = MinHashLSH(num_perm=num_perm, params=(b, r))
    reps = groups.reps
    with lsh.insertion_session() as session:
        for x in reps:
            session.insert(x, _lean(_unpack(blobs[x]).hashvalues), check_duplication=False)

    shingles = lru_cache(maxsize=1024)(kept.set_of)

    best = _Best(max_links)
    for x in reps:
        for y in lsh.query(_lean(_unpack(blobs[x]).hashvalues)):
            if y <= x:
                continue
            sa, sb = shingles(x), shingles(y)
            inter = len(sa & sb)
            jac = inter / (len(sa) + len(sb) - inter)
            if jac >= threshold:
                best.push(x, round(jac, 4), int(ids[y]), (y,))
                best.push(y, round(jac, 4), int(ids[x]), (x,))
    for x, heap in best.heaps.items():
        for sim, _, (y,) in heap:
            a, b_ = sorted((int(ids[x]), int(ids[y])))
            out[(a, b_)] = max(sim, out.get((a, b_), 0.0))
    return sorted((a, b_, sim) for (a, b_), sim in out.items())
