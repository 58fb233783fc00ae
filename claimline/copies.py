"""Text reuse between documents: wire stories reprinted, background paragraphs pasted into every
article on a topic, a page quoting another, near-duplicate pages.

Pure functions over plain data; the ledger stores what they return.

How a link is found, cheapest and most certain first:

1. **exact**: the same normalised text (:func:`normalise`: case, quotes, dashes, punctuation and
   line wrapping erased). A 64-bit hash of it is grouped in a dict, and also kept inside the
   signature so that a passage of a later run finds its stored twin without its text.
2. **near**: MinHash of the passage's word 3-shingles, indexed in datasketch's ``MinHashLSH``
   (banding, so no all-pairs comparison), each candidate confirmed by the real Jaccard of the two
   shingle sets when both texts are at hand, else by the signature estimate (a stored passage has
   only its signature). Accepted when Jaccard >= ``threshold``.
3. **partial**: a passage A of >= 12 words pasted, whole or nearly whole, inside a longer passage B
   (Jaccard is then about |A|/|B|, far under the threshold, and LSH on Jaccard does not see it).
   We index *sentence runs*: every run of up to 8 consecutive sentences of a passage is hashed
   (normalised words). A's query keys are its runs that hold >= 80 % of its shingles (the whole of
   A, A less a short first or last sentence); B's index keys are all its runs. A key of A equal to
   a run of B makes a candidate, confirmed by the real containment |A ∩ B| / |A| of the shingle
   sets (or, with a stored side, by the share of A's shingles inside the matched run, a lower
   bound); accepted when >= 0.8. Why not ``MinHashLSHEnsemble``: it must be built in one go over
   all sets (no incremental index for a later run), keeps several LSH tables per size partition
   (memory many times a plain LSH at 2 M passages), and its containment is still an estimate on
   short sets; exact sentence-run hashes cost 10 bytes each in the signature, find a pasted
   paragraph with certainty and never link two texts that merely share a stock phrase. The cost:
   a paste that was also edited inside, or glued into a sentence of B (``He said: <A>``), is only
   found when its Jaccard is high enough for LSH.

Choices (measured; see the report in the repository history):

- Shingles of 3 words over the normalised tokens. A changed word destroys k shingles, so small k
  keeps short edited copies above the threshold (30 words with two words changed: Jaccard 0.65 at
  k=3, 0.54 at k=4), while a shared stock phrase of six words is four shingles out of ~30, Jaccard
  under 0.1. The same k everywhere, as signatures of different k cannot be compared.
- Passages under 8 words get no signature: too short to call a copy.
- ``num_perm`` 64 by default: 256 bytes of hash values; the LSH uses 8 bands of 3 values for the
  0.6 threshold (85 % recall at Jaccard 0.6, 97 % at 0.7; a pair at 0.2 is a candidate 6 % of the
  time and the confirmation drops it); the remaining values sharpen the estimate used with stored
  signatures (standard error 0.06 at Jaccard 0.6). LSH memory grows with the bands, not with
  ``num_perm``: datasketch keeps a Python set per bucket, ~3 KB per indexed passage at 8 bands.
- Links are a graph, not all pairs of a cluster: members of an exact group link to the first
  ``max_links`` documents holding that text (a clique for smaller groups), and each passage keeps
  its ``max_links`` best near/partial partners, so the output stays linear when a paragraph is
  pasted into thousands of pages. Only one passage per exact group (its lowest id) enters the LSH
  and the run index; its near and partial links stand for the group. Read clusters as connected
  components.
- The stored passages are not put in the index: new passages are indexed, stored signatures are
  streamed through it (query), so memory follows the new passages only and ``stored`` may be a
  database cursor.

Signature layout (little endian): ``b"CL"``, version u8, shingle size u8, num_perm u16, word count
u32, distinct shingles u32, exact-text hash u64, run count u16; then num_perm u32 MinHash values
(datasketch ``affine32`` scheme, seed 1: the same values as ``datasketch.MinHash`` fed the shingle
hashes); then the run hashes (u64) and the run word counts (u16).
"""
from __future__ import annotations

import hashlib
import heapq
import re
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

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
MAX_RUNS = 64               # at most this many runs per passage (long paragraphs)
MAX_LINKS = 32              # per passage: exact partners by document, near/partial partners
MAX_BUCKET = 2000           # a sentence run shared by more passages is a stock text: cut there
INDEX_BLOCK = 400_000       # most passages in one LSH index (~3 KB each in datasketch's dict storage)
DEFAULT_NUM_PERM = 64
LSH_RECALL = 0.85           # chance that a pair exactly at the threshold becomes a candidate
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
        if len(_word_hashes) >= 1_000_000:   # a vocabulary cache, not a leak
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


def _shingle_set(text: str) -> np.ndarray:
    """Sorted distinct shingle hashes of a text (the exact sets the confirmation compares)."""
    words, _ = _analyse(text)
    if len(words) < SHINGLE:
        return np.empty(0, dtype=np.uint32)
    return np.unique(_shingles_flat(_word_array(words)))


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    # datasketch draws the affine permutations (a odd, b) from RandomState(seed): take them from it
    # so our vectorised batches give the very values datasketch.MinHash would.
    a, b = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


# --- signatures ---------------------------------------------------------------------------------

def _runs(words: list[str], ends: list[int]) -> list[tuple[int, int]]:
    """(hash, word count) of the whole passage, then of runs of consecutive sentences that are
    long enough to be the contained side of a partial copy, shortest runs first."""
    out = [(_h64(" ".join(words)), len(words))]
    starts = [0, *ends[:-1]]
    n = len(ends)
    for length in range(1, min(n, MAX_RUN_SENTENCES) + 1):
        for i in range(n - length + 1):
            if length == n:
                continue                       # the whole passage, already first
            lo, hi = starts[i], ends[i + length - 1]
            if hi - lo >= PARTIAL_MIN_WORDS:
                out.append((_h64(" ".join(words[lo:hi])), hi - lo))
                if len(out) >= MAX_RUNS:
                    return out
    return out


def _sketch_many(texts: Sequence[str], num_perm: int, runs: bool = True) -> list[bytes | None]:
    """Signatures of many texts, the MinHash of all of them computed in numpy batches
    (one n_shingles x num_perm matrix per batch instead of a MinHash object per passage)."""
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
        distinct = np.unique((owner << _S32) | sh.astype(np.uint64))
        n_distinct = np.bincount((distinct >> _S32).astype(np.intp), minlength=len(batch))
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


def _judge_sets(sa: np.ndarray, sb: np.ndarray, words_a: int, words_b: int,
                threshold: float) -> tuple[str, float] | None:
    """near (real Jaccard) or partial (real containment of the smaller set), else None."""
    inter = np.intersect1d(sa, sb, assume_unique=True).size
    if not inter:
        return None
    jac = inter / (sa.size + sb.size - inter)
    if jac >= threshold:
        return "near", round(jac, 4)
    small, small_words = (sa, words_a) if sa.size <= sb.size else (sb, words_b)
    cont = inter / small.size
    if small_words >= PARTIAL_MIN_WORDS and cont >= CONTAINMENT:
        return "partial", round(cont, 4)
    return None


def _judge_sketches(x: _Sketch, s: _Sketch, threshold: float) -> tuple[str, float] | None:
    """The same verdict when one side is only a stored signature: MinHash estimate for near,
    sentence runs for partial."""
    jac = _estimate(x, s)
    if jac >= threshold:
        return "near", round(jac, 4)
    cont = max(_run_cover(x, s), _run_cover(s, x))
    if cont >= CONTAINMENT:
        return "partial", round(cont, 4)
    return None


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
    return LeanMinHash(seed=SEED, hashvalues=hv, scheme=SCHEME)


def _check(threshold: float, max_links: int) -> None:
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    if max_links < 1:
        raise ValueError("max_links must be >= 1")


# --- exact groups -------------------------------------------------------------------------------

class _Groups:
    """Passages with the same normalised text. The member with the lowest passage id represents
    the group in the indexes; `heads` is the first member of each document, in id order."""

    def __init__(self, pids: np.ndarray, docs: np.ndarray, exact: Sequence[int], order: Iterable[int]):
        by_hash: dict[int, list[int]] = {}
        for i in order:                       # order: indexes sorted by passage id
            by_hash.setdefault(exact[i], []).append(i)
        self.rep_of_hash = {h: m[0] for h, m in by_hash.items()}
        self.members = {m[0]: m for m in by_hash.values() if len(m) > 1}
        self.pids, self.docs = pids, docs

    def heads(self, rep: int) -> list[int]:
        members = self.members.get(rep)
        if members is None:
            return [rep]
        seen: set[int] = set()
        out = []
        for i in members:
            d = int(self.docs[i])
            if d not in seen:
                seen.add(d)
                out.append(i)
        return out

    def pick(self, rep: int, other_doc: int) -> int | None:
        """A member of the group outside `other_doc` (the representative when it can)."""
        for i in self.heads(rep)[:2]:
            if int(self.docs[i]) != other_doc:
                return i
        return None

    def pick_pair(self, x: int, y: int) -> tuple[int, int] | None:
        for i in self.heads(x)[:2]:
            for j in self.heads(y)[:2]:
                if self.docs[i] != self.docs[j]:
                    return i, j
        return None


def _exact_links(groups: _Groups, max_links: int, link) -> None:
    """Each member links to the first passage of each of the first `max_links` other documents
    holding the same text (by passage id): a clique over documents for small groups, linear
    output for huge ones. A paragraph repeated inside one document links from every repeat."""
    for rep, members in groups.members.items():
        heads = groups.heads(rep)
        if len(heads) < 2:
            continue
        top = heads[: max_links + 1]
        for i in members:
            n = 0
            for h in top:
                if n >= max_links:
                    break
                if groups.docs[h] != groups.docs[i]:
                    link(h, i)
                    n += 1


class _Best:
    """The `k` most similar partners of each representative (near and partial)."""

    def __init__(self, k: int):
        self.k = k
        self.heaps: dict[int, list] = {}

    def push(self, x: int, sim: float, partner_pid: int, entry: tuple) -> None:
        heap = self.heaps.setdefault(x, [])
        item = (sim, -partner_pid, entry)     # ties: the lower partner id wins
        if len(heap) < self.k:
            heapq.heappush(heap, item)
        elif item > heap[0]:
            heapq.heapreplace(heap, item)


# --- find_copies --------------------------------------------------------------------------------

def find_copies(passages: Iterable[PassageText], stored: Iterable[tuple[int, int, bytes]] = (),
                threshold: float = 0.6, num_perm: int = DEFAULT_NUM_PERM, *,
                max_links: int = MAX_LINKS,
                index_block: int = INDEX_BLOCK) -> tuple[list[CopyLink], dict[int, bytes | None]]:
    """Links between passages of different documents that are the same text ("exact"), near
    copies ("near": Jaccard of 3-shingles >= threshold) or pasted inside another ("partial":
    >= 80 % of the smaller passage's shingles, >= 12 words, inside the other).

    `passages` are new; `stored` are (passage_id, document_id, signature) from earlier runs: each
    is matched against the new passages (exact hash, LSH query, sentence runs) but never against
    another stored one; empty or None signatures (passages too short to sign) are skipped.
    Returns the links (sorted, a < b, one per pair; `similarity` is the containment for "partial")
    and {passage_id: signature, or None under 8 words} for every new passage.

    Near-linear: exact groups by hash, one LSH query per passage, sorted-array joins for the
    sentence runs; every candidate pair is judged once. `max_links` bounds the links per passage
    (module docstring). At most `index_block` representatives are indexed at a time: beyond that
    the new passages are indexed block by block and every earlier passage queries each later
    block (so the LSH memory, ~3 KB per indexed passage, stays bounded; the queries grow by the
    number of blocks); `stored` is then read into a list, as it is queried once per block.
    """
    _check(threshold, max_links)
    if index_block < 1:
        raise ValueError("index_block must be >= 1")
    items: list[PassageText] = []
    seen: set[int] = set()
    for p in passages:
        if p.passage_id not in seen:
            seen.add(p.passage_id)
            items.append(p)
    blobs = _sketch_many([p.text for p in items], num_perm)
    signatures = {p.passage_id: blob for p, blob in zip(items, blobs)}

    n = len(items)
    pids = np.array([p.passage_id for p in items], dtype=np.int64)
    docs = np.array([p.document_id for p in items], dtype=np.int64)
    signed = [i for i in np.argsort(pids, kind="stable").tolist() if blobs[i] is not None]
    exact = [0] * n
    words = np.zeros(n, dtype=np.int64)
    for i in signed:
        _, _, _, _, words[i], _, exact[i], _ = _HEAD.unpack_from(blobs[i])
    groups = _Groups(pids, docs, exact, signed)
    reps = list(groups.rep_of_hash.values())   # in passage id order
    block_of = np.full(n, -1, dtype=np.int64)
    for k, x in enumerate(reps):
        block_of[x] = k // index_block
    n_blocks = max(1, -(-len(reps) // index_block))
    bands, rows = _lsh_params(threshold, num_perm)

    links: dict[tuple[int, int], tuple[float, str]] = {}

    def link(a_pid: int, b_pid: int, sim: float, kind: str) -> None:
        key = (a_pid, b_pid) if a_pid < b_pid else (b_pid, a_pid)
        old = links.get(key)
        if old is None or (kind == "exact") > (old[1] == "exact") or \
                ((kind == "exact") == (old[1] == "exact") and sim > old[0]):
            links[key] = (sim, kind)

    _exact_links(groups, max_links, lambda i, j: link(int(pids[i]), int(pids[j]), 1.0, "exact"))

    sketch_cache: dict[int, _Sketch] = {}

    def sketch(i: int) -> _Sketch:
        sk = sketch_cache.get(i)
        if sk is None:
            if len(sketch_cache) >= 65536:
                sketch_cache.clear()
            sk = sketch_cache[i] = _unpack(blobs[i])
        return sk

    @lru_cache(maxsize=65536)
    def shingles(i: int) -> np.ndarray:
        return _shingle_set(items[i].text)

    def collide(x: int, hv: np.ndarray) -> bool:
        """Whether the LSH finds this pair (a band of equal values): then it is judged there."""
        h = bands * rows
        return bool(np.all((sketch(x).hashvalues[:h] == hv[:h]).reshape(bands, rows), axis=1).any())

    best = _Best(max_links)

    def judge_new(x: int, y: int) -> None:
        verdict = _judge_sets(shingles(x), shingles(y), int(words[x]), int(words[y]), threshold)
        if verdict:
            kind, sim = verdict
            best.push(x, sim, int(pids[y]), (kind, "new", y))
            best.push(y, sim, int(pids[x]), (kind, "new", x))

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

    # New against new, partial copies: both directions of containment (x's key runs among all
    # runs, x's runs among the key runs); each pair once, from its lower index, and only when the
    # LSH will not meet it anyway.
    for x in reps:
        sx = sketch(x)
        cands = _matches(run_h_a, run_x_a, sx.run_hashes[_key_mask(sx.words, sx.run_words)])
        cands |= _matches(key_h_a, key_x_a, sx.run_hashes)
        for y in cands:
            if y > x and groups.pick_pair(x, y) is not None and not collide(y, sx.hashvalues):
                judge_new(x, y)

    stored_rows: Iterable[tuple[int, int, bytes]] = stored if n_blocks == 1 else list(stored)
    stored_hubs: dict[int, list[tuple[int, int]]] = {}   # rep -> heap of (-pid, doc): lowest pids

    for block in range(n_blocks):
        members = reps[block * index_block:(block + 1) * index_block]
        lsh = MinHashLSH(num_perm=num_perm, params=(bands, rows))
        with lsh.insertion_session() as session:
            for x in members:
                session.insert(x, _lean(sketch(x).hashvalues), check_duplication=False)

        # New against new, near copies: every passage of this block and of the earlier ones
        # queries this block; a pair inside the block is judged from its lower index.
        for x in reps[:(block + 1) * index_block]:
            same = block_of[x] == block
            for y in lsh.query(_lean(sketch(x).hashvalues)):
                if (y > x if same else True) and y != x and groups.pick_pair(x, y) is not None:
                    judge_new(x, y)

        # Stored against new: streamed (read once per block), never kept.
        for spid, sdoc, blob in stored_rows:
            if not blob or spid in seen:
                continue
            s = _unpack(blob)
            if len(s.hashvalues) != num_perm:
                raise ValueError(f"stored signature of passage {spid} has num_perm {len(s.hashvalues)},"
                                 f" not {num_perm}: re-sign the ledger or pass its num_perm")
            rep = groups.rep_of_hash.get(s.exact)
            cands = set(lsh.query(_lean(s.hashvalues)))
            if block == 0:
                if rep is not None:
                    heap = stored_hubs.setdefault(rep, [])
                    item = (-spid, sdoc)
                    if len(heap) < max_links + 1:
                        heapq.heappush(heap, item)
                    elif item > heap[0]:
                        heapq.heapreplace(heap, item)
                by_runs = _matches(run_h_a, run_x_a, s.run_hashes[_key_mask(s.words, s.run_words)])
                by_runs |= _matches(key_h_a, key_x_a, s.run_hashes)
                cands |= {x for x in by_runs if block_of[x] == 0 or not collide(x, s.hashvalues)}
            for x in cands:
                if x == rep or groups.pick(x, sdoc) is None:
                    continue
                verdict = _judge_sketches(sketch(x), s, threshold)
                if verdict:
                    kind, sim = verdict
                    best.push(x, sim, spid, (kind, "stored", spid, sdoc))
        del lsh

    for rep, heap in stored_hubs.items():
        hubs = sorted((-neg, d) for neg, d in heap)
        for i in groups.members.get(rep, [rep]):
            k = 0
            for spid, sdoc in hubs:
                if k >= max_links:
                    break
                if sdoc != docs[i]:
                    link(int(pids[i]), spid, 1.0, "exact")
                    k += 1

    for x, heap in best.heaps.items():
        for sim, _, entry in heap:
            if entry[1] == "new":
                pair = groups.pick_pair(x, entry[2])
                if pair:
                    link(int(pids[pair[0]]), int(pids[pair[1]]), sim, entry[0])
            else:
                i = groups.pick(x, entry[3])
                if i is not None:
                    link(int(pids[i]), entry[2], sim, entry[0])

    out = [CopyLink(a, b, sim, kind) for (a, b), (sim, kind) in links.items()]
    out.sort(key=lambda c: (c.a, c.b))
    return out, signatures


def _sorted_join_side(hashes: list[np.ndarray], owners: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    if not hashes:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    h = np.concatenate(hashes).astype(np.uint64)
    o = np.concatenate(owners)
    order = np.argsort(h, kind="stable")       # equal hashes stay in passage id order
    return h[order], o[order]


def _matches(sorted_h: np.ndarray, owners: np.ndarray, queries: np.ndarray) -> set[int]:
    """Owners of the entries equal to any query hash (each bucket cut at MAX_BUCKET: a run shared
    by thousands of passages is boilerplate, and its first holders stand for it)."""
    if not len(queries) or not len(sorted_h):
        return set()
    q = queries.astype(np.uint64)
    lo = np.searchsorted(sorted_h, q, side="left")
    hi = np.searchsorted(sorted_h, q, side="right")
    out: set[int] = set()
    for a, b in zip(lo.tolist(), hi.tolist()):
        if b > a:
            out.update(owners[a:min(b, a + MAX_BUCKET)].tolist())
    return out


# --- whole documents ----------------------------------------------------------------------------

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
    blobs = _sketch_many([t for _, t in items], num_perm, runs=False)
    ids = np.array([d for d, _ in items], dtype=np.int64)
    signed = [i for i in np.argsort(ids, kind="stable").tolist() if blobs[i] is not None]
    exact = [0] * len(items)
    for i in signed:
        exact[i] = _HEAD.unpack_from(blobs[i])[6]
    # each document is its own "document" for the group logic: every pair differs
    groups = _Groups(ids, ids, exact, signed)
    out: dict[tuple[int, int], float] = {}
    _exact_links(groups, max_links,
                 lambda i, j: out.__setitem__(tuple(sorted((int(ids[i]), int(ids[j])))), 1.0))

    b, r = _lsh_params(threshold, num_perm)
    lsh = MinHashLSH(num_perm=num_perm, params=(b, r))
    reps = list(groups.rep_of_hash.values())
    with lsh.insertion_session() as session:
        for x in reps:
            session.insert(x, _lean(_unpack(blobs[x]).hashvalues), check_duplication=False)

    @lru_cache(maxsize=4096)
    def shingles(i: int) -> np.ndarray:
        return _shingle_set(items[i][1])

    best = _Best(max_links)
    for x in reps:
        for y in lsh.query(_lean(_unpack(blobs[x]).hashvalues)):
            if y <= x:
                continue
            sa, sb = shingles(x), shingles(y)
            inter = np.intersect1d(sa, sb, assume_unique=True).size
            jac = inter / (sa.size + sb.size - inter)
            if jac >= threshold:
                best.push(x, round(jac, 4), int(ids[y]), (y,))
                best.push(y, round(jac, 4), int(ids[x]), (x,))
    for x, heap in best.heaps.items():
        for sim, _, (y,) in heap:
            a, b_ = sorted((int(ids[x]), int(ids[y])))
            out[(a, b_)] = max(sim, out.get((a, b_), 0.0))
    return sorted((a, b_, sim) for (a, b_), sim in out.items())
