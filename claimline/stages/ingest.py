"""Ingest: turn paths into raw inputs (bytes or text, with the hints a source gives).

Files and folders (recursively, in a stable order), standard input (`-`) and URLs. What a file is
comes from its name, else from its first bytes:

- WARC archives (`.warc`, `.warc.gz`, or starting like one): one page per HTML response record;
- JSON Lines (`.jsonl`): one page per row with `text` or `html`, optionally `id`, `url`,
  `published`, `outlet`;
- CSV/TSV exports (`.csv`, `.tsv`): one page per row with a `text`, `html` or `url` column;
- RSS/Atom feeds (`.rss`, `.atom`, or XML whose root is a feed): one page per item;
- a text file listing only URLs: each URL, fetched when a fetcher is given;
- `.html`/`.htm` pages, and anything else as a flattened text page.

Every problem with one input becomes a coded error for that input, never an exception that stops
the run: the formats' readers yield them, and anything unforeseen is caught here per file.
"""
from __future__ import annotations

import codecs
import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..errors import (
    BadJsonRow,
    BinaryInput,
    ClaimlineError,
    EmptyInput,
    InputNotFound,
    MissingContent,
    NotFetched,
    ProcessingFailed,
    UnreadableInput,
)
from ..formats import feeds, tables, urls, warc
from ..formats.common import (
    STRAY_CP1252,
    RawInput,
    bom_encoding,
    charset_of,
    content_hash,
    decode,
    looks_binary,
    looks_like_html,
    name_from_url,
    replay,
    starts_as_utf8,
    too_large,
)
from ..settings import Settings

if TYPE_CHECKING:  # fetch.py pulls in the HTTP client, which a run without --fetch never needs
    from ..fetch import FetchedPage, Fetcher

__all__ = ["RawInput", "content_hash", "decode", "iter_inputs"]

HEAD = 1 << 16  # bytes read first to tell a file's format
STDIN = "<stdin>"


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


def iter_inputs(paths: list[str | Path], settings: Settings,
                fetcher: Fetcher | None = None) -> Iterator[RawInput | ClaimlineError]:
    """Every input found under `paths`, or the error that stops one input from being read.
    `-` is standard input; an http(s) URL is fetched with `fetcher` (None: E019, no network)."""
    for given in paths:
        text = str(given)
        if text == "-":
            stdin = getattr(sys.stdin, "buffer", sys.stdin)
            yield from _guarded(STDIN, _read_stream(stdin, STDIN, STDIN, None, settings, fetcher, stdin=True))
            continue
        if not isinstance(given, Path) and urls.is_url(text):
            yield from _guarded(text, _read_url(text, text, settings, fetcher))
            continue
        path = Path(given)
        if not path.exists():
            yield InputNotFound(str(path), "no such file or folder")
            continue
        for file in _walk(path):
            yield from _read_file(file, settings, fetcher)


def _read_file(file: Path, settings: Settings, fetcher: Fetcher | None) -> Iterator[RawInput | ClaimlineError]:
    source = str(file)
    try:
        fh = file.open("rb")
    except OSError as exc:
        yield UnreadableInput(source, exc.strerror or str(exc))
        return
    with fh:
        size = os.fstat(fh.fileno()).st_size
        yield from _guarded(source, _read_stream(fh, source, file.name, size, settings, fetcher))


def _guarded(source: str, items: Iterator[RawInput | ClaimlineError]) -> Iterator[RawInput | ClaimlineError]:
    """The readers report bad input as coded errors; this catches what they did not foresee (an
    I/O error halfway through a file, a bug), so that one file can never stop the run."""
    try:
        yield from items
    except OSError as exc:
        yield UnreadableInput(source, exc.strerror or str(exc))
    except Exception as exc:  # noqa: BLE001
        yield ProcessingFailed(source, f"{type(exc).__name__}: {exc}")


def _starts_as_markup(head: bytes) -> bool:
    """False when these first bytes cannot start a feed: `feeds.sniff` wants nothing but blanks,
    XML declarations, comments and a doctype before the root element, so the first byte that is
    not blank (after a byte-order mark) is "<". A text page is known without its regex search."""
    start = head[:64].removeprefix(codecs.BOM_UTF8).lstrip()  # bytes.lstrip: a bytes pattern's \s
    return not start or start.startswith(b"<")


def _may_list_urls(text: str) -> bool:
    """False when `urls.parse_url_list` must return None: its first non-blank line that is no
    comment starts with "http" (any case; only H and h lower-case to "h"), so the page's first
    character that is not blank is "#", "h" or "H", and "://" occurs in the first 4096."""
    start = text[:64].lstrip()
    return (not start or start[0] in "#hH") and text.find("://", 0, 4096) >= 0


def _read_stream(fh: BinaryIO, source: str, name: str, size: int | None, settings: Settings,
                 fetcher: Fetcher | None, stdin: bool = False) -> Iterator[RawInput | ClaimlineError]:
    """One file or standard input, whatever its format. `size` is known for a file (None for a
    pipe): a page over the limit is refused before it is read."""
    head = fh.read(HEAD)
    if not head:
        yield EmptyInput(source, "the file is empty")
        return
    stream = replay(head, fh)  # from the start again, head included, without seeking
    lower = name.lower()
    suffix = os.path.splitext(lower)[1]
    limit = settings.max_page_bytes
    if warc.has_warc_suffix(lower) or warc.sniff(head):
        yield from warc.read_warc(stream, head, source, settings)
        return
    if suffix in settings.jsonl_suffixes or (stdin and head.lstrip()[:1] == b"{"):
        yield from _read_jsonl(stream, head, source, STDIN if stdin else name, settings)
        return
    if suffix in tables.TABLE_SUFFIXES:
        fetch_url = None if fetcher is None else (lambda url, where: _read_url(url, where, settings, fetcher))
        yield from tables.read_table(stream, head, source, suffix, settings, fetch_url=fetch_url)
        return
    is_feed = suffix in feeds.FEED_SUFFIXES or (_starts_as_markup(head) and feeds.sniff(head))
    if size is not None and size > limit:
        yield too_large(source, size, settings, "feed" if is_feed else "page")
        return
    if len(head) == size and size < HEAD:
        # A file shorter than HEAD is all in `head` already (most pages are): no need to read it
        # again through the replay stream. (A pipe or terminal has no size: read on.)
        data = head
    else:
        data = stream.read(limit + 1)
    if len(data) > limit:
        yield too_large(source, len(data), settings, "feed" if is_feed else "page", at_least=True)
        return
    if is_feed:
        yield from feeds.read_feed(data, source, settings, fetch_page=_item_fetcher(settings, fetcher))
        return
    try:
        text, encoding = decode(data, source, settings)
    except ClaimlineError as exc:
        yield exc
        return
    # A list of URLs starts (within its first 4096 characters, where parse_url_list looks for its
    # first line) with "http://" or "https://", after blank and comment ("#") lines: a page that
    # starts otherwise, or has no "://" there, is not one, known without splitting it into lines.
    listed = urls.parse_url_list(text) if _may_list_urls(text) else None
    if listed is not None:
        for line, url in listed:
            yield from _read_url(url, url, settings, fetcher, listed_in=f"{source} line {line}")
        return
    kind = "html" if suffix in settings.html_suffixes or looks_like_html(text) else "text"
    yield RawInput(source=source, name=name, content_hash=content_hash(data), content_type=kind,
                   text=text, encoding=encoding)


# --- URLs ------------------------------------------------------------------------------------

def _item_fetcher(settings: Settings, fetcher: Fetcher | None):
    """How a feed's items are read: from their linked pages with a fetcher, else from the feed."""
    if fetcher is None:
        return None
    return lambda link, where: _read_url(link, where, settings, fetcher, feed_ok=False)


def _read_url(url: str, source: str, settings: Settings, fetcher: Fetcher | None,
              listed_in: str | None = None, feed_ok: bool = True) -> Iterator[RawInput | ClaimlineError]:
    """The page at `url`, as `source`: fetched (a feed is read as a feed, its items fetched in
    turn, one level deep), or E019 without a fetcher."""
    if fetcher is None:
        if source == url:  # the URL names itself: say where it was found
            where = f" (listed in {listed_in})" if listed_in else ""
            yield NotFetched(source, f"a URL{where}, not fetched: pass --fetch to fetch it")
        else:
            yield NotFetched(source, f"{url} not fetched: pass --fetch to fetch it")
        return
    try:
        page = fetcher.fetch(url)
    except ClaimlineError as exc:
        yield exc
        return
    yield from _fetched(page, url, source, settings, fetcher, feed_ok)


def _fetched(page: FetchedPage, url: str, source: str, settings: Settings, fetcher: Fetcher,
             feed_ok: bool) -> Iterator[RawInput | ClaimlineError]:
    body = page.body
    final = page.final_url or url
    if len(body) > settings.max_page_bytes:
        yield too_large(source, len(body), settings)
        return
    if feed_ok and feeds.sniff(body):
        yield from feeds.read_feed(body, source, settings, fetch_page=_item_fetcher(settings, fetcher), url=final)
        return
    mime = (page.content_type or "").split(";")[0].strip().lower()
    if mime and not (mime.startswith("text/") or "html" in mime or "xml" in mime):
        yield BinaryInput(source, f"{final} is {mime}, not a text or HTML page")
        return
    try:
        text, encoding = decode(body, source, settings, declared=charset_of(page.content_type))
    except ClaimlineError as exc:
        yield exc
        return
    kind = "html" if "html" in mime or looks_like_html(text) else "text"
    yield RawInput(source=source, name=name_from_url(final), content_hash=content_hash(body), content_type=kind,
                   text=text, encoding=encoding, url=final, fetched_at=page.fetched_at)


# --- JSON Lines ------------------------------------------------------------------------------

def _read_jsonl(stream: BinaryIO, head: bytes, source: str, name: str,
                settings: Settings) -> Iterator[RawInput | ClaimlineError]:
    """Row by row, never the whole file: a row over max_page_bytes is skipped and reported."""
    if not head.strip():
        yield EmptyInput(source, "the file is empty")
        return
    encoding = bom_encoding(head)
    if encoding is not None:
        # rare: read as text in that encoding (lines counted in characters)
        stream = io.BufferedReader(_Encoded(io.TextIOWrapper(stream, encoding=encoding)))
    elif looks_binary(head, settings):
        yield BinaryInput(source, "binary data, not JSON Lines")
        return
    elif starts_as_utf8(head):
        encoding = "utf-8"
    else:
        try:
            _, encoding = decode(head, source, settings)  # one guess for the whole file
        except ClaimlineError as exc:
            yield exc
            return
        stream = io.BufferedReader(_Encoded(io.TextIOWrapper(stream, encoding=encoding, errors="replace")))
    limit = settings.max_page_bytes
    rows = 0
    number = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            break
        number += 1
        where = f"{source}:{number}"
        if len(raw) > limit and not raw.endswith(b"\n"):
            size = len(raw)
            while raw and not raw.endswith(b"\n"):  # skip the rest of the row, counting it
                raw = stream.readline(1 << 20)
                size += len(raw)
            yield too_large(where, size, settings, "row")
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        # a stray windows-1252 byte in a UTF-8 file is read as that character, not refused
        line = raw.decode("utf-8", errors=STRAY_CP1252).rstrip("\r\n")
        if not line.strip():
            continue
        rows += 1
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
        row_name = str(row_id) if row_id not in (None, "") else f"{name}:{number}"
        yield RawInput(
            source=where, name=row_name, content_hash=content_hash(line.encode("utf-8")), content_type=kind,
            text=body, encoding=encoding,
            url=_str_or_none(row.get("url")), published=_str_or_none(row.get("published")),
            outlet=_str_or_none(row.get("outlet")), title=_str_or_none(row.get("title")))
    if rows == 0:
        yield EmptyInput(source, "the file is empty")


class _Encoded(io.RawIOBase):
    """A text stream as UTF-8 bytes, so that a JSON Lines file in another encoding is read row by
    row like any other (the rows' hashes are of their UTF-8 text, whatever the file's encoding)."""

    def __init__(self, text: io.TextIOBase):
        self.text = text
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending:
            chunk = self.text.read(1 << 16)
            if not chunk:
                return 0
            self.pending = chunk.encode("utf-8")
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n


def _str_or_none(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
