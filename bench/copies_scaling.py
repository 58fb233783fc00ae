"""The copy step alone (`claimline.copies.find_copies`) on corpora whose share of copies does not
change with their size: is its cost per passage flat in N?

`consolidate_bench.py` answers for whole bench articles, but `generate.py` builds every article
from one pool of template sentences, so the more articles, the more of their paragraphs are true
copies of one another (links per body passage 1.4 at 2k articles, 4.1 at 100k): time there follows
the copy graph as much as the algorithm. Here the passages are random paragraphs of invented
words (Zipf-distributed, like real vocabulary, so stock trigrams exist) and a fixed share of them
is reused, a third each as exact copies, near copies (two words changed) and partial copies
(pasted between new sentences), so that the number of true copies grows in proportion to N.

For each size it prints the CPU seconds and peak RSS growth of one find_copies call, the
microseconds per passage, links per passage, and `growth` (CPU per passage over the previous
size's: 1.0 is linear). Each size runs in a process of its own, so peak RSS is its own.

    .venv/bin/python bench/copies_scaling.py --n 100000 --n 200000 --n 400000 [--reuse 0.05] [--json]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import sys
import time
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSAGES_PER_DOCUMENT = 10


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    syllables = ["ka", "lo", "mi", "re", "tun", "sa", "vel", "dor", "pi", "an", "est", "ru", "nor", "bi", "gal"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def _corpus(n: int, reuse: float, seed: int):
    """n passages (PassageText), documents of PASSAGES_PER_DOCUMENT, and how many were reused."""
    from claimline.copies import PassageText
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    weights = list(accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))

    def sentence() -> str:
        words = rng.choices(vocab, cum_weights=weights, k=rng.randint(8, 18))
        return " ".join(words).capitalize() + "."

    def paragraph() -> str:
        return " ".join(sentence() for _ in range(rng.randint(2, 4)))

    texts: list[str] = []
    reused = 0
    for i in range(n):
        if texts and rng.random() < reuse:
            source = texts[rng.randrange(len(texts))]
            kind = rng.randrange(3)
            if kind == 0:
                text = source
            elif kind == 1:
                words = source.split()
                for _ in range(2):
                    words[rng.randrange(len(words))] = rng.choice(vocab)
                text = " ".join(words)
            else:
                text = sentence() + " " + source + " " + sentence()
            reused += 1
        else:
            text = paragraph()
        texts.append(text)
    return [PassageText(i, i // PASSAGES_PER_DOCUMENT, t) for i, t in enumerate(texts)], reused


def _measure(n: int, reuse: float, seed: int, out) -> None:
    from claimline.copies import find_copies
    passages, reused = _corpus(n, reuse, seed)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, w0 = time.process_time(), time.perf_counter()
    links, _ = find_copies(passages)
    cpu, wall = time.process_time() - t0, time.perf_counter() - w0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kinds: dict[str, int] = {}
    for link in links:
        kinds[link.kind] = kinds.get(link.kind, 0) + 1
    out.put({"n": n, "reused": reused, "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
             "us_per_passage": round(cpu / n * 1e6, 1), "links": len(links),
             "links_per_passage": round(len(links) / n, 3), "kinds": kinds,
             "peak_rss_mb": round(rss1 / 1024, 1), "rss_growth_mb": round((rss1 - rss0) / 1024, 1)})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, action="append", help="passages (repeatable)")
    ap.add_argument("--reuse", type=float, default=0.05, help="share of passages that copy an earlier one")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    sizes = sorted(args.n or [50_000, 100_000, 200_000])
    results, previous = [], None
    ctx = multiprocessing.get_context("spawn")
    for n in sizes:
        queue = ctx.Queue()
        proc = ctx.Process(target=_measure, args=(n, args.reuse, args.seed, queue))
        proc.start()
        result = queue.get()
        proc.join()
        result["growth"] = round(result["us_per_passage"] / previous, 2) if previous else None
        previous = result["us_per_passage"]
        results.append(result)
        if not args.json:
            print(f"n={n} reused={result['reused']} cpu_s={result['cpu_s']} us/passage={result['us_per_passage']}"
                  f" links/passage={result['links_per_passage']} peak_rss_mb={result['peak_rss_mb']}"
                  f" (+{result['rss_growth_mb']} in find_copies) growth={result['growth'] or 'n/a'}", flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
