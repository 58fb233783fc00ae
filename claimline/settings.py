"""One settings object built once (defaults, then a config file, then keyword arguments) and
handed to every stage, instead of a dozen flags threaded through every call."""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Settings:
    # ingest
    html_suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")
    jsonl_suffixes: tuple[str, ...] = (".jsonl", ".ndjson")
    # a file with more than this share of control characters is binary, not text
    binary_control_ratio: float = 0.10
    # clean: a line seen in this many other pages counts as possible template furniture
    common_line_min_docs: int = 3
    # store: documents written per transaction
    batch_size: int = 200
    # extract: how many words may sit between a reporting verb and the date of the statement
    cue_date_window_words: int = 8

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
