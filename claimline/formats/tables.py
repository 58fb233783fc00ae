"""CSV and TSV exports of other tools (`.csv`, `.tsv`): a header row naming a `text`, `html` or
`url` column (any case), optionally `id`, `published`, `outlet`, `title`; one page per row, named
`PATH:LINE` (the line the row starts on, the header being line 1).

Read as a stream, row by row: a cell may hold a whole HTML page, so no row is held beyond the
max_page_bytes limit; a bigger one is skipped up to its end and reported (E014).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import BinaryIO

from charset_normalizer import from_bytes

from ..errors import (
    BadCsvRow,
    BinaryInput,
    ClaimlineError,
    EmptyInput,
    NotFetched,
    UndecodableInput,
)
from ..settings import Settings
from .common import STRAY_CP1252, RawInput, bom_encoding, content_hash, looks_binary, starts_as_utf8, too_large

TABLE_SUFFIXES = (".csv", ".tsv")
CONTENT_COLUMNS = ("text", "html", "url")


class _TooLarge(Exception):
    def __init__(self, line: int, size: int):
        super().__init__(line, size)
        self.line = line
        self.size = size


class _Lines:
    """Hands csv.reader whole lines and measures each record on the way. A record over `limit`
    characters is not kept: it is read on to its end (where the count of quote marks since the
    record began is even, as standard CSV quoting makes it) and _TooLarge is raised, which
    csv.reader passes on; it starts the next record afresh. The caller says when csv.reader has
    finished a record (`next_record`): csv.reader reads no line ahead."""

    _PIECE = 1 << 20

    def __init__(self, text: io.TextIOBase, limit: int):
        self.text = text
        self.limit = limit
        self.line = 0  # physical lines read
        self.record_line = 1  # the line the current record started on
        self.size = 0  # characters in the current record so far
        self.quotes = 0  # quote marks in the current record so far
        self.starting = True  # the next line read starts a record

    def __iter__(self):
        return self

    def next_record(self) -> None:
        self.starting = True

    def __next__(self) -> str:
        if self.starting:
            self.record_line, self.size, self.quotes, self.starting = self.line + 1, 0, 0, False
        pieces: list[str] = []
        while True:
            piece = self.text.readline(self._PIECE)
            if not piece:
                break
            self.size += len(piece)
            self.quotes += piece.count('"')
            if self.size > self.limit:
                self._skip_record(piece)
            pieces.append(piece)
            if piece.endswith(("\n", "\r")):
                break
        if not pieces:
            raise StopIteration
        self.line += 1
        return "".join(pieces)

    def _skip_record(self, piece: str) -> None:
        start = self.record_line
        while True:
            if piece.endswith(("\n", "\r")):
                self.line += 1
                if self.quotes % 2 == 0:
                    break
            piece = self.text.readline(self._PIECE)
            if not piece:
                break
            self.size += len(piece)
            self.quotes += piece.count('"')
        self.starting = True
        raise _TooLarge(start, self.size)


def _encoding(head: bytes) -> str | None:
    bom = bom_encoding(head)
    if bom is not None:
        return bom
    if starts_as_utf8(head):
        return "utf-8-sig"
    best = from_bytes(head).best()
    return best.encoding if best is not None else None


def read_table(stream: BinaryIO, head: bytes, source: str, suffix: str, settings: Settings,
               fetch_url: Callable[[str, str], Iterator[RawInput | ClaimlineError]] | None = None,
               ) -> Iterator[RawInput | ClaimlineError]:
    """The rows of a CSV/TSV stream (positioned at its start; `head` its first bytes) as pages.
    `fetch_url(url, source)` reads a url-only row's page; None: such a row is E019."""
    if not head.strip():
        yield EmptyInput(source, "the file is empty")
        return
    encoding = _encoding(head)
    if encoding is None:
        yield UndecodableInput(source, "could not detect the text encoding")
        return
    if encoding.startswith("utf-8") and looks_binary(head, settings):
        yield BinaryInput(source, "binary data, not a CSV table")
        return
    errors = STRAY_CP1252 if encoding.startswith("utf-8") else "strict"
    first_line = head.decode(encoding, errors="replace").lstrip("\ufeff").splitlines()[0]
    delimiter = "\t" if suffix == ".tsv" else max(",;\t", key=first_line.count)
    limit = settings.max_page_bytes
    # csv's own per-field limit (128 KiB by default) would refuse big HTML cells; the record limit
    # in _Lines is the one that holds
    csv.field_size_limit(max(csv.field_size_limit(), limit + 1))
    text = io.TextIOWrapper(stream, encoding=encoding, errors=errors, newline="")
    lines = _Lines(text, limit)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield EmptyInput(source, "the file is empty")
        return
    except (csv.Error, _TooLarge, UnicodeDecodeError) as exc:
        yield BadCsvRow(f"{source}:1", f"the header row cannot be read ({exc})")
        return
    columns: dict[str, int] = {}
    for i, cell in enumerate(header):
        columns.setdefault(cell.strip().lstrip("\ufeff").lower(), i)
    if not any(c in columns for c in CONTENT_COLUMNS):
        shown = ", ".join(repr(c) for c in header[:12])
        yield BadCsvRow(f"{source}:1", f"the header row has no text, html or url column (it has {shown})")
        return
    base = source.rsplit("/", 1)[-1]
    while True:
        lines.next_record()
        try:
            row = next(reader)
        except StopIteration:
            return
        except _TooLarge as big:
            yield too_large(f"{source}:{big.line}", big.size, settings, "row")
            continue
        except csv.Error as exc:
            yield BadCsvRow(f"{source}:{lines.record_line}", f"not a valid CSV row ({exc})")
            continue
        except UnicodeDecodeError as exc:
            yield UndecodableInput(f"{source}:{lines.record_line}",
                                   f"not {encoding} from this row on ({exc.reason}); the rows before it were read")
            return
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        where = f"{source}:{lines.record_line}"
        cells = {name: row[i].strip() for name, i in columns.items() if i < len(row) and row[i].strip()}
        hints = {k: cells.get(k) for k in ("published", "outlet", "title")}
        name = cells.get("id") or f"{base}:{lines.record_line}"
        if "text" in cells or "html" in cells:
            kind = "text" if "text" in cells else "html"
            yield RawInput(source=where, name=name,
                           content_hash=content_hash(json.dumps(row, ensure_ascii=False).encode("utf-8")),
                           content_type=kind, text=cells[kind], encoding=encoding.removesuffix("-sig"),
                           url=cells.get("url"), **hints)
        elif "url" in cells:
            if fetch_url is None:
                yield NotFetched(where, f"the row has only a URL ({cells['url']}): pass --fetch to fetch it")
                continue
            for page in fetch_url(cells["url"], where):
                if isinstance(page, RawInput):
                    page.name = cells.get("id") or page.name
                    for key, value in hints.items():
                        if value:
                            setattr(page, key, value)
                yield page
        else:
            yield BadCsvRow(where, "the row has no text, html or url")
