"""Ingest: turn paths into raw inputs (bytes or text, with the hints a source gives).

Files and folders (recursively, in a stable order); `.html`/`.htm` pages; JSON Lines where each row
has `text` or `html` and optionally `id`, `url`, `published`, `outlet`; anything else is read as a
flattened text page. Every problem with one input becomes a coded error for that input, never an
exception that stops the run.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import (BadJsonRow, BinaryInput, ClaimlineError, EmptyInput, InputNotFound, MissingContent,
                      UndecodableInput, UnreadableInput)
from ..settings import Settings


@dataclass(slots=True)
class RawInput:
    source: str  # where it came from: a path, or PATH:LINE for a JSON Lines row
    name: str  # the interchange `doc` id
    content_hash: str
    content_type: str  # text | html
    text: str  # decoded page (HTML source for html)
    encoding: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None


# Control characters other than the whitespace ones: text pages have next to none.
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))
_CONTROL_TABLE = bytes.maketrans(b"", b"")


def _control_ratio(data: bytes) -> float:
    sample = data[:65536]
    if not sample:
        return 0.0
    kept = sample.translate(_CONTROL_TABLE, _CONTROL)
    return (len(sample) - len(kept)) / len(sample)


def decode(data: bytes, source: str, settings: Settings) -> tuple[str, str]:
    """Bytes to text: UTF-8 (with or without BOM) first because nearly every page is, UTF-16
    when a BOM says so, otherwise charset-normalizer's best guess. Binary data is refused."""
    if not data.strip():
        raise EmptyInput(source, "the file is empty")
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise UndecodableInput(source, f"starts with a {encoding} byte-order mark but is not {encoding}: {exc.reason}") from exc
    if b"\x00" in data[:65536] or _control_ratio(data) > settings.binary_control_ratio:
        raise BinaryInput(source, "binary data, not a text or HTML page")
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise UndecodableInput(source, "could not detect the text encoding") from None
        text, encoding = str(best), best.encoding
    if not text.strip():
        raise EmptyInput(source, "no text after decoding")
    return text, encoding


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _walk(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
        return
    for root, dirs, files in os.walk(path):
        # hidden folders and files (.git, .DS_Store) are never pages
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def iter_inputs(paths: list[str | Path], settings: Settings) -> Iterator[RawInput | ClaimlineError]:
    """Every input found under `paths`, or the error that stops one input from being read."""
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield InputNotFound(str(path), "no such file or folder")
            continue
        for file in _walk(path):
            yield from _read_file(file, settings)


def _read_file(file: Path, settings: Settings) -> Iterator[RawInput | ClaimlineError]:
    source = str(file)
    try:
        data = file.read_bytes()
    except OSError as exc:
        yield UnreadableInput(source, exc.strerror or str(exc))
        return
    suffix = file.suffix.lower()
    if suffix in settings.jsonl_suffixes:
        yield from _read_jsonl(file, data, settings)
        return
    try:
        text, encoding = decode(data, source, settings)
    except ClaimlineError as exc:
        yield exc
        return
    kind = "html" if suffix in settings.html_suffixes or _looks_like_html(text) else "text"
    yield RawInput(source=source, name=file.name, content_hash=content_hash(data), content_type=kind,
                   text=text, encoding=encoding)


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def _read_jsonl(file: Path, data: bytes, settings: Settings) -> Iterator[RawInput | ClaimlineError]:
    source = str(file)
    try:
        text, _ = decode(data, source, settings)
    except ClaimlineError as exc:
        yield exc
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadJsonRow(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(row, dict):
            yield BadJsonRow(where, "a row must be a JSON object")
            continue
        body, kind = row.get("text"), "text"
        if not (isinstance(body, str) and body.strip()):
            body, kind = row.get("html"), "html"
        if not (isinstance(body, str) and body.strip()):
            yield MissingContent(where, "the row has no non-empty 'text' or 'html' field")
            continue
        row_id = row.get("id")
        name = str(row_id) if row_id not in (None, "") else f"{file.name}:{number}"
        yield RawInput(
            source=where, name=name, content_hash=content_hash(line.encode("utf-8")), content_type=kind,
            text=body, encoding="utf-8",
            url=_str_or_none(row.get("url")), published=_str_or_none(row.get("published")),
            outlet=_str_or_none(row.get("outlet")))


def _str_or_none(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
