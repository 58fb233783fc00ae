"""The command line: a thin click layer over the library (pipeline, store, export)."""
from __future__ import annotations

import contextlib
import functools
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from . import export as export_mod
from .errors import LedgerError
from .pipeline import count_inputs, run as run_pipeline
from .settings import Settings
from .store import Ledger

DB_OPTION = click.option("--db", "db", required=True, type=click.Path(dir_okay=False),
                         help="The SQLite ledger file (created if missing).")


def _open(db: str, must_exist: bool = False) -> Ledger:
    if must_exist and not Path(db).exists():
        raise click.ClickException(f"no ledger at {db}: run `claimline run PATH --db {db}` first")
    try:
        return Ledger(db)
    except LedgerError as exc:
        raise click.ClickException(str(exc)) from exc


def _settings(config: str | None, **overrides) -> Settings:
    try:
        return Settings.load(config, **overrides)
    except ValueError as exc:
        raise click.ClickException(f"{config}: {exc}") from exc


def _echo_failures(failures: Iterable[tuple[str, str, str]]) -> None:
    """Each failed input, (code, source, reason), on standard error."""
    for code, source, reason in failures:
        click.echo(f"failed: [{code}] {source}: {reason}", err=True)


def _echo_consolidation(c) -> None:
    click.echo(f"{c.claims} claims in {c.series} series, {c.copies} copied paragraphs, {c.entities} entities.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimline")
def main() -> None:
    """claimline: a ledger of who claimed how many of what, where, when, citing whom."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@DB_OPTION
@click.option("--config", type=click.Path(exists=True, dir_okay=False),
              help="A TOML ([claimline] table) or JSON file of settings.")
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary line.")
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False),
              help="A TOML file of entity aliases (see README) added to the built-in table.")
@click.option("--no-consolidate", is_flag=True,
              help="Skip copies, entities, claims and series (faster; run them later with `claimline consolidate`).")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Worker processes for reading pages (default: one per core; 1: none, all in this process).")
@click.option("--fetch", is_flag=True,
              help="Fetch the URLs given or listed (URL lists, feed items, CSV url rows); without it a URL is "
                   "reported (E019) and nothing goes to the network.")
def run(paths: tuple[str, ...], db: str, config: str | None, quiet: bool, aliases: str | None,
        no_consolidate: bool, workers: int | None, fetch: bool) -> None:
    """Read news pages (files and folders, recursively) into the ledger.

    Text pages, HTML pages (.html, .htm), JSON Lines (.jsonl, rows with `text` or `html`), WARC
    archives (.warc, .warc.gz), RSS/Atom feeds, CSV/TSV exports, lists of URLs, and `-` for
    standard input.
    Re-running on the same inputs changes nothing; a changed file replaces its old rows. The exit
    code is 1 when any input failed (each failure is listed with its reason)."""
    settings = _settings(config, workers=workers)
    ledger = _open(db)
    total = 0 if quiet else count_inputs(list(paths))
    with ledger, _fetcher(settings, ledger) if fetch else contextlib.nullcontext() as fetcher:
        read = functools.partial(run_pipeline, list(paths), ledger, settings, arguments=["run", *paths],
                                 consolidate_after=not no_consolidate, aliases_file=aliases, fetcher=fetcher)
        if total >= 20 and sys.stderr.isatty():
            with click.progressbar(length=total, label="Reading", file=sys.stderr) as bar:
                summary = read(on_input=lambda _s: bar.update(1))
        else:
            summary = read()
    _echo_failures((err.code, err.source, err.reason) for err in summary.failed)
    parts = [f"{summary.read} documents read", f"{summary.unchanged} skipped as unchanged"]
    if summary.duplicates:
        parts.append(f"{summary.duplicates} duplicates of stored documents")
    parts += [f"{len(summary.failed)} failed", f"{summary.figures} figures found"]
    if summary.dated_by_inference and not quiet:
        parts.append(f"{summary.dated_by_inference} undated documents anchored by other reports")
    click.echo(", ".join(parts) + ".")
    if summary.consolidation and not quiet:
        _echo_consolidation(summary.consolidation)
    sys.exit(0 if summary.ok else 1)


def _fetcher(settings: Settings, ledger: Ledger):
    from .fetch import Fetcher  # the HTTP client is loaded only for a run that fetches
    return Fetcher(settings, ledger)


@main.command()
@DB_OPTION
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False), help="A TOML file of entity aliases.")
def consolidate(db: str, aliases: str | None) -> None:
    """Rebuild copies, entities, claims and series from the figures in the ledger."""
    from .stages.consolidate import consolidate as consolidate_ledger
    ledger = _open(db, must_exist=True)
    with ledger:
        c = consolidate_ledger(ledger, aliases_file=aliases)
    _echo_consolidation(c)


@main.command()
@DB_OPTION
@click.option("--series", "series_name", help="Only series whose name contains this (case-insensitive).")
@click.option("--min-claims", type=int, default=1, show_default=True, help="Hide series with fewer claims.")
def timeline(db: str, series_name: str | None, min_claims: int) -> None:
    """Per series, the claims in date order: value, claimant, basis, reports (independent ones),
    the latest estimate per claimant and the spread."""
    from .timeline import format_timeline, timelines
    ledger = _open(db, must_exist=True)
    with ledger:
        found = timelines(ledger, series_name, min_claims)
    if not found:
        click.echo("no series" + (f" matching {series_name!r}" if series_name else ""))
        return
    click.echo("\n\n".join(format_timeline(t) for t in found))


@main.command()
@DB_OPTION
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The HTML file to write.")
@click.option("--title", default="claimline report", show_default=True, help="The report's title.")
def report(db: str, out: str, title: str) -> None:
    """One self-contained HTML file: per series a timeline chart and the table of claims with every
    report linked to its evidence, the copy map, and the documents."""
    from .reportdata import build
    from .report import write
    ledger = _open(db, must_exist=True)
    with ledger:
        data = build(ledger, title)
    write(data, out)
    click.echo(f"report written to {out} ({len(data.series)} series, {len(data.documents)} documents)", err=True)


@main.command()
@DB_OPTION
@click.option("--what", type=click.Choice(export_mod.WHATS), default="figures", show_default=True)
@click.option("--format", "fmt", type=click.Choice(export_mod.FORMATS), default="jsonl", show_default=True)
@click.option("--out", default="-", show_default=True, help="Output file, or - for standard output.")
def export(db: str, what: str, fmt: str, out: str) -> None:
    """Export figures or documents (the interchange format of the eval scorer, or CSV)."""
    ledger = _open(db, must_exist=True)
    with ledger:
        if out == "-":
            n = export_mod.write(ledger, what, fmt, sys.stdout)
        else:
            with open(out, "w", encoding="utf-8", newline="") as fh:
                n = export_mod.write(ledger, what, fmt, fh)
            click.echo(f"{n} {what} written to {out}", err=True)


@main.command()
@DB_OPTION
@click.option("--doc", help="Only figures from documents whose name contains this.")
@click.option("--claimant", help="Only figures whose claimant contains this (case-insensitive).")
@click.option("--limit", type=int, default=0, help="Show at most this many rows (0: all).")
def figures(db: str, doc: str | None, claimant: str | None, limit: int) -> None:
    """A readable table of the figures in the ledger."""
    ledger = _open(db, must_exist=True)
    rows = []
    with ledger:
        for r in export_mod.figure_rows(ledger):
            if doc and doc not in r["doc"]:
                continue
            if claimant and claimant.lower() not in (r["claimant"] or "").lower():
                continue
            rows.append(r)
            if limit and len(rows) >= limit:
                break
    if not rows:
        click.echo("no figures")
        return
    click.echo(format_table(rows, shutil.get_terminal_size((160, 20)).columns))


COLUMNS = (("doc", 18), ("figure", 22), ("unit", 12), ("claimant", 24), ("stated_on", 10), ("modality", 12),
           ("where", 18))


def format_table(rows: list[dict], width: int) -> str:
    cells = []
    for r in rows:
        cells.append([r["doc"], r["text"], r["unit"] or "", r["claimant"] or "(outlet)",
                      r["stated_on"] or "?", r["modality"], r["where"] or ""])
    widths = [min(w, max(len(name), *(len(c[i]) for c in cells))) for i, (name, w) in enumerate(COLUMNS)]
    fixed = sum(widths) + 2 * len(widths)
    evidence_width = max(20, width - fixed - 2)

    def clip(text: str, w: int) -> str:
        return text if len(text) <= w else text[:w - 1] + "…"

    lines = ["  ".join(name.ljust(w) for (name, _), w in zip(COLUMNS, widths)) + "  evidence"]
    for r, c in zip(rows, cells):
        lines.append("  ".join(clip(v, w).ljust(w) for v, w in zip(c, widths)) + "  "
                     + clip(r["evidence"], evidence_width))
    return "\n".join(lines)


@main.command()
@DB_OPTION
@click.option("--run", "run_id", type=int, help="Which run (default: the latest).")
def errors(db: str, run_id: int | None) -> None:
    """List the inputs that failed in a run, with the reason."""
    ledger = _open(db, must_exist=True)
    with ledger:
        rows = ledger.errors(run_id)
    for r in rows:
        click.echo(f"[{r['code']}] {r['source']}: {r['message']}")
    if not rows:
        click.echo("no errors")


@main.command()
@click.option("--input", "inputs", multiple=True, required=True, type=click.Path(),
              help="A file or folder to read (repeatable): WARC files, JSON Lines, folders of pages.")
@click.option("--output", required=True, type=click.Path(file_okay=False),
              help="The folder for the Parquet tables (documents, sources, passages, figures, errors, copies).")
@click.option("--master", default="local[*]", show_default=True, help="The Spark master URL.")
@click.option("--conf", "conf", multiple=True, metavar="KEY=VALUE",
              help="A Spark setting, e.g. spark.driver.memory=4g (repeatable).")
@click.option("--partition-mb", type=float, default=64, show_default=True,
              help="Small files are packed into tasks of about this many MB; a larger file is a task of its own.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False),
              help="A TOML ([claimline] table) or JSON file of settings.")
@click.option("--overwrite", is_flag=True, help="Replace the output folder's tables if it is not empty.")
def spark(inputs: tuple[str, ...], output: str, master: str, conf: tuple[str, ...], partition_mb: float,
          config: str | None, overwrite: bool) -> None:
    """Run the per-document stages on Spark over many files and write Parquet; copy detection runs
    as shuffles on hash and MinHash LSH band keys. Load the result with `claimline load`."""
    from .spark import SparkUnavailable, run_spark
    settings = _settings(config)
    pairs = []
    for item in conf:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--conf")
        pairs.append((key.strip(), value.strip()))
    if "-" in inputs:
        raise click.BadParameter("standard input (-) cannot be shared out to Spark tasks", param_hint="--input")
    try:
        s = run_spark(list(inputs), output, master=master, settings=settings, conf=pairs,
                      partition_mb=partition_mb, overwrite=overwrite, log=lambda m: click.echo(m, err=True))
    except (SparkUnavailable, FileExistsError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{s.documents} documents read, {s.duplicates} duplicates, {s.failed} failed, {s.figures} figures, "
               f"{s.copies} copy links; {s.inputs} files in {s.tasks} tasks, {s.seconds} s. "
               f"Written to {output}.")


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@DB_OPTION
@click.option("--config", type=click.Path(exists=True, dir_okay=False),
              help="A TOML ([claimline] table) or JSON file of settings.")
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False),
              help="A TOML file of entity aliases (see README) added to the built-in table.")
@click.option("--no-consolidate", is_flag=True,
              help="Skip entities, claims and series (run `claimline consolidate` later).")
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary line.")
def load(folder: str, db: str, config: str | None, aliases: str | None, no_consolidate: bool, quiet: bool) -> None:
    """Load the output of `claimline spark` into the ledger, then infer undated pages and
    consolidate, as the end of `claimline run` does. Exit code 1 when any input had failed."""
    from .spark import SparkUnavailable
    from .spark import load as load_output
    settings = _settings(config)
    ledger = _open(db)
    try:
        with ledger:
            s = load_output(folder, ledger, settings, consolidate_after=not no_consolidate, aliases_file=aliases,
                            arguments=["load", folder])
    except (SparkUnavailable, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    _echo_failures((code, source, message) for source, code, message in s.failed)
    click.echo(f"{s.read} documents read, {s.duplicates} duplicates, {len(s.failed)} failed, "
               f"{s.figures} figures found.")
    if s.consolidation and not quiet:
        _echo_consolidation(s.consolidation)
    sys.exit(0 if s.ok else 1)


if __name__ == "__main__":  # pragma: no cover
    main()
