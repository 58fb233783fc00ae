from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from claimline.models import Document, Passage
from claimline.settings import Settings
from claimline.stages import extract, resolve, split

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """../shared beside the checkout (CI clones it there), or CLAIMLINE_SHARED."""
    for candidate in (os.environ.get("CLAIMLINE_SHARED"), REPO.parent / "shared", Path("/work/shared")):
        if candidate and (Path(candidate) / "eval" / "score.py").exists():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def shared() -> Path:
    found = shared_dir()
    if found is None:
        pytest.skip("../shared (seeds, gold, scorer) is not beside this checkout")
    return found


@pytest.fixture(scope="session")
def scorer(shared):
    spec = importlib.util.spec_from_file_location("claimline_eval_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_doc(*paragraphs: str, published: str | None = "2024-11-06") -> Document:
    """A document built by hand: the paragraphs are the body, nothing to clean."""
    text = "\n\n".join(paragraphs)
    passages, pos = [], 0
    for p in paragraphs:
        start = text.index(p, pos)
        passages.append(Passage(start, start + len(p), p))
        pos = start + len(p)
    return Document(name="hand.txt", source="hand.txt", content_hash="x", text=text, published=published,
                    passages=passages)


def figures_of(*paragraphs: str, published: str | None = "2024-11-06"):
    settings = Settings()
    doc = make_doc(*paragraphs, published=published)
    for stage in (split.split, extract.extract, resolve.resolve):
        doc = stage(doc, settings)
    return doc.figures
