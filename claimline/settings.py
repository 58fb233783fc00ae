"""One settings object built once (defaults, then a config file, then keyword arguments) and
handed to every stage, instead of a dozen flags threaded through every call."""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, fields, replace
from importlib.metadata import PackageNotFoundError, version as _dist_version
from pathlib import Path


def _version() -> str:
    try:
        return _dist_version("claimline")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


@dataclass(frozen=True, slots=True)
class Settings:
    # ingest
    html_suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")
    jsonl_suffixes: tuple[str, ...] = (".jsonl", ".ndjson")
    # a file with more than this share of control characters is binary, not text
    binary_control_ratio: float = 0.10
    # clean: HTML through trafilatura's fast mode (no fallback extractors) instead of its default
    html_fast: bool = False
    # clean: a line seen in this many other pages counts as possible template furniture
    common_line_min_docs: int = 3
    # store: documents written per transaction
    batch_size: int = 200
    # run: worker processes for the per-page stages (0: one per core; 1: no worker processes)
    workers: int = 0
    # extract: how many words may sit between a reporting verb and the date of the statement
    cue_date_window_words: int = 8
    # fetch (only URLs the user asks for): seconds to connect and between bytes read; retries
    # after the first try on timeouts, connection errors, 5xx and 429 (backoff doubles each time);
    # seconds between two requests to the same host; redirects followed per URL
    fetch_timeout_s: float = 20.0
    fetch_retries: int = 3
    fetch_backoff_s: float = 1.0
    fetch_delay_s: float = 1.0
    user_agent: str = f"claimline/{_version()} (+https://github.com/claimline/claimline)"
    max_redirects: int = 10
    # ingest and fetch: a page (file, archive record, feed, CSV or JSON Lines row, fetched body)
    # larger than this is refused
    max_page_bytes: int = 10_000_000

    @classmethod
    def load(cls, config: str | Path | None = None, **overrides) -> "Settings":
        """Defaults, then the [claimline] table of a TOML file (or a JSON object), then keywords."""
        values: dict = {}
        if config is not None:
            path = Path(config)
            text = path.read_text(encoding="utf-8")
            data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
            values.update(data.get("claimline", data))
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}")
        for key, value in values.items():
            if isinstance(value, list):
                values[key] = tuple(value)
        return replace(cls(), **values)
