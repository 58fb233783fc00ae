"""The ordered stages and the run loop.

Each stage is a plain function of (document, settings) that declares which Document fields it
requires and which it assigns, so the order can be checked before anything runs and each stage
can be tested alone. One input's failure is captured as a coded error for that input; the run
goes on, and what is already in the ledger is never touched by a failure.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
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
            text, cleaned = clean.clean_html(raw.text, url=raw.url)
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
        consolidate_after: bool = True, aliases_file: str | Path | None = None) -> RunSummary:
    """Read every input under `paths` into the ledger. Unchanged inputs are skipped; a changed
    input replaces its old document; failures are logged in the summary and the ledger."""
    settings = settings or Settings()
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

    for item in iter_inputs(paths, settings):
        if isinstance(item, ClaimlineError):
            summary.failed.append(item)
            ledger.log_error(run_id, item.source, item.code, item.reason)
            if on_input:
                on_input(item.source)
            continue
        if on_input and not item.source.rsplit(":", 1)[-1].isdigit():
            on_input(item.source)
        if ledger.source_hash(item.source) == item.content_hash:
            summary.unchanged += 1
            continue
        if item.content_hash in pending:
            batch[pending[item.content_hash]][1].append(item.source)
            summary.duplicates += 1
            continue
        if ledger.document_id(item.content_hash) is not None:
            ledger.link_source(item.source, item.content_hash, run_id)
            summary.duplicates += 1
            continue
        try:
            doc = process(item, settings, common_lines)
        except ClaimlineError as exc:
            summary.failed.append(exc)
            ledger.log_error(run_id, exc.source, exc.code, exc.reason)
            continue
        summary.read += 1
        pending[item.content_hash] = len(batch)
        batch.append((doc, [item.source]))
        if len(batch) >= settings.batch_size:
            flush()
    flush()
    summary.dated_by_inference = resolve.infer_undated(ledger, settings)
    if consolidate_after:
        # imported here: consolidation pulls in datasketch/numpy, which a --no-consolidate run never needs
        from .stages.consolidate import consolidate
        summary.consolidation = consolidate(ledger, settings, aliases_file=aliases_file)
    ledger.finish_run(run_id, read=summary.read, unchanged=summary.unchanged, failed=len(summary.failed),
                      figures=summary.figures)
    return summary
