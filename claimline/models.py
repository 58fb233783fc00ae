"""The records that flow through the pipeline.

One `Document` per input moves through the stages (ingest → clean → split → extract → resolve →
store); each stage fills in its own fields. Every piece of text-derived data keeps character
offsets into `Document.text` (the page as read, after decoding), so anything stated in the
ledger can be pointed at.
"""
from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(slots=True)
class Passage:
    """A paragraph of the article body (or a teaser set aside), located in the raw text."""

    start: int
    end: int
    text: str
    kind: str = "body"  # body | teaser | boilerplate


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    passage: int  # index into Document.passages


@dataclass(slots=True)
class Figure:
    """One quantitative claim found in a sentence."""

    span: Span  # the figure's words, qualifier included: "more than 7,000"
    text: str
    value: float | None
    low: float | None
    high: float | None
    approx: str  # exact | about | more_than | at_least | less_than | up_to | range | vague
    unit: str | None  # what is counted or measured: troops, USD per month, percent
    subject: str | None  # the counted thing in the text's words
    where: str | None
    where_span: Span | None
    sentence: int  # index into Document.sentences
    # filled by attribution / date resolution
    claimant: str | None = None
    claimant_span: Span | None = None
    claimant_role: str | None = None
    cue: str | None = None  # the reporting verb or "according to"
    basis: str | None = None
    modality: str = "asserted"
    stated_expr: str | None = None  # the words that date the statement: "on Monday"
    stated_span: Span | None = None
    stated_on: str | None = None  # YYYY-MM-DD
    stated_from: str | None = None  # window when the expression is vague
    stated_to: str | None = None
    stated_how: str | None = None  # explicit | relative | publication | inherited | inferred:DOC


@dataclass(slots=True)
class Document:
    name: str  # the interchange `doc` id: file name, JSONL row id or NAME:LINE
    source: str  # path (and line) it was read from
    content_hash: str  # sha256 of the raw bytes (or of the JSONL row's text/html)
    text: str  # the page as read: decoded text, or the text extracted from HTML
    content_type: str = "text"  # text | html
    html: str | None = None  # kept raw for later stages
    encoding: str | None = None
    url: str | None = None
    title: str | None = None
    title_span: Span | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # YYYY-MM-DD[THH:MM[:SS][±HH:MM]]
    outlet: str | None = None
    passages: list[Passage] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    grouping: str | None = None  # thousands separator the page uses: "," or "."

    @property
    def body(self) -> str:
        return "\n".join(p.text for p in self.passages if p.kind == "body")
