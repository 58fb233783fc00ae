"""WARC web archives (`.warc`, `.warc.gz`, or any file that starts like one), read with warcio.

Records are read one at a time from the stream: a WARC file is never held in memory, only the
page being read. Only `response` records with a 2xx HTML or plain-text payload are pages; request,
metadata, warcinfo and revisit records, redirects, error pages, images, scripts and stylesheets
are skipped without a word (they are how a crawl is stored, not input errors). Each page is
`PATH:OFFSET`, the byte offset of its record in the file (in a .warc.gz, of its gzip member: the
offset CDX indexes give and `warcio extract` takes).

warcio stops quietly at the end of whatever it can decompress, so a truncated download would
look complete. The gzip layer here is our own (zlib, one member at a time) so that a file that
ends inside a record, or gzip data that does not decompress, is reported: the records before the
damage are read, then one E011 names the file, the record's offset and what is wrong.
"""
from __future__ import annotations

import zlib
from collections import deque
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import WARCIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.statusandheaders import StatusAndHeadersParserException

from ..errors import ClaimlineError, CorruptArchive, EmptyInput, UndecodableInput
from ..settings import Settings
from .common import (
    RawInput,
    charset_of,
    content_hash,
    decode,
    looks_like_html,
    name_from_url,
    too_large,
)

WARC_SUFFIXES = (".warc", ".warc.gz", ".warc.gzip")
GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16


def has_warc_suffix(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def sniff(head: bytes) -> bool:
    """Whether these first bytes of a file start a WARC file, plain or gzipped."""
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(GZIP_MAGIC):
        try:
            return zlib.decompressobj(31).decompress(head, 5) == b"WARC/"
        except zlib.error:
            return False
    return False


class _Damaged(Exception):
    """The archive cannot be read on from here (offset None: the current record's)."""

    def __init__(self, offset: int | None, reason: str):
        super().__init__(reason)
        self.offset = offset
        self.reason = reason


class _Plain:
    """An uncompressed WARC: offsets in the stream are offsets in the file."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.pos = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size if size and size > 0 else _CHUNK)
        self.pos += len(data)
        return data

    def tell(self) -> int:
        return self.pos

    def file_offset(self, pos: int) -> int:
        return pos


class _Gzip:
    """A multi-member gzip stream (a WARC.gz holds one member per record), decompressed as read.
    Remembers where each member starts in the file, to name a record by its seekable offset; raises
    _Damaged when the data does not decompress or the file ends inside a member."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.buf = b""  # compressed bytes read, not yet decompressed
        self.in_pos = 0  # file offset of buf[0]
        self.out_pos = 0  # decompressed bytes handed out
        self.inflater = None
        self.member_start = 0
        self.members: deque[tuple[int, int]] = deque()  # (decompressed start, file offset)

    def tell(self) -> int:
        return self.out_pos

    def read(self, size: int = -1) -> bytes:
        size = size if size and size > 0 else _CHUNK
        while True:
            if self.inflater is None:  # between members: the next one, or the end of the file
                if not self.buf:
                    self.buf = self.raw.read(_CHUNK)
                    if not self.buf:
                        return b""
                self.inflater = zlib.decompressobj(31)
                self.member_start = self.in_pos
                self.members.append((self.out_pos, self.in_pos))
            if not self.buf:
                self.buf = self.raw.read(_CHUNK)
                if not self.buf:
                    tail = self.inflater.flush()  # output zlib may still hold
                    if not self.inflater.eof:
                        raise _Damaged(self.member_start, "the file ends in the middle of this record's gzip "
                                                          "member: it is truncated")
                    self.inflater = None
                    if tail:
                        self.out_pos += len(tail)
                        return tail
                    continue
            try:
                out = self.inflater.decompress(self.buf, size)
            except zlib.error as exc:
                raise _Damaged(self.member_start, f"the gzip data is corrupt ({exc})") from None
            rest = self.inflater.unused_data if self.inflater.eof else self.inflater.unconsumed_tail
            self.in_pos += len(self.buf) - len(rest)
            self.buf = rest
            if self.inflater.eof:
                self.inflater = None
            if out:
                self.out_pos += len(out)
                return out

    def file_offset(self, pos: int) -> int:
        """The file offset of the record at decompressed offset `pos` (asked in increasing order)."""
        while len(self.members) > 1 and self.members[1][0] <= pos:
            self.members.popleft()
        if self.members and self.members[0][0] == pos:
            return self.members[0][1]
        # A whole file gzipped as one stream (not one member per record) has no offset to seek to
        # for a record: name it by its offset in the decompressed WARC.
        return pos


class _Records(WARCIterator):
    """warcio's iterator for WARC only (a text file named .warc must not pass for an old ARC file),
    except that a record not followed by the blank lines WARC requires (its Content-Length is
    wrong, or bytes are missing) is damage to report, where warcio writes a warning to stderr and
    tries to carry on."""

    def _consume_blanklines(self):
        empty_size = 0
        while True:
            line = self.reader.readline()
            if not line:
                return None, empty_size
            if line.strip():
                if empty_size == 0:
                    raise _Damaged(None, "the record is not followed by the blank lines WARC requires "
                                         "(its Content-Length is wrong, or bytes are missing)")
                return line, empty_size
            empty_size += len(line)


def read_warc(stream: BinaryIO, head: bytes, source: str, settings: Settings) -> Iterator[RawInput | ClaimlineError]:
    """The pages in a WARC stream (positioned at its start; `head` its first bytes), then at most
    one E011 where the archive is damaged."""
    reader = _Gzip(stream) if head.startswith(GZIP_MAGIC) else _Plain(stream)
    # warcio itself decompresses only what starts gzipped: it is handed plain WARC bytes
    records = _Records(reader)
    offset = 0
    try:
        for record in records:
            offset = reader.file_offset(records.offset)
            where = f"{source}:{offset}"
            if not isinstance(record.raw_stream, LimitReader):
                raise _Damaged(offset, "the record has no valid Content-Length")
            item = _page(record, where, settings)
            _drain(record.raw_stream)
            if record.raw_stream.limit > 0:
                read = record.length - record.raw_stream.limit
                raise _Damaged(offset, f"the file ends inside this record ({read} of its {record.length} bytes "
                                       "are there): it is truncated")
            if item is not None:
                yield item
    except _Damaged as exc:
        at = exc.offset if exc.offset is not None else offset
        yield CorruptArchive(f"{source}:{at}", f"WARC record at byte {at}: {exc.reason}; the records before it "
                                               "were read")
    except (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError, EOFError) as exc:
        # warcio's own complaints: what stands where a record should start is not one
        at = reader.file_offset(records.offset)
        message = " ".join(str(exc).split())[:200]
        yield CorruptArchive(f"{source}:{at}", f"not a WARC record at byte {at} ({message}); the records "
                                               "before it were read")


def _drain(stream) -> None:
    while stream.read(_CHUNK):
        pass


def _page(record, where: str, settings: Settings) -> RawInput | ClaimlineError | None:
    """One record as a page, a coded error for this record alone, or None for a record that is
    not a page. _Damaged passes through: it is about the archive, not the record."""
    if record.rec_type != "response":
        return None
    http = record.http_headers
    if http is not None:
        if not (http.get_statuscode() or "").startswith("2"):
            return None  # redirects and error pages are crawl bookkeeping, not articles
        content_type = http.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    mime = (content_type or "").split(";")[0].strip().lower()
    if "html" in mime:
        kind = "html"
    elif mime == "text/plain":
        kind = "text"
    elif mime and mime != "application/octet-stream":
        return None  # images, scripts, stylesheets, JSON, DNS records
    else:
        kind = None  # unlabelled: told from the payload
    limit = settings.max_page_bytes
    declared_size = record.payload_length if record.payload_length >= 0 else record.length
    if declared_size > limit:
        return too_large(where, declared_size, settings, "record's payload")
    try:
        # content_stream undoes chunked transfer and gzip/deflate content encoding; the limit holds
        # for what it gives, so a small compressed payload cannot expand without bound
        data = record.content_stream().read(limit + 1)
    except _Damaged:
        raise
    except Exception as exc:  # noqa: BLE001 - an encoding warcio cannot undo, for this record only
        return UndecodableInput(where, f"cannot decode the record's payload ({type(exc).__name__}: {exc})")
    if len(data) > limit:
        return too_large(where, len(data), settings, "record's decoded payload", at_least=True)
    try:
        text, encoding = decode(data, where, settings, declared=charset_of(content_type))
    except EmptyInput:
        return None  # an empty 200 response: nothing to read, and nothing the user can fix
    except ClaimlineError as exc:
        return exc
    if kind is None:
        kind = "html" if looks_like_html(text) else "text"
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    return RawInput(source=where, name=name_from_url(uri) if uri else where.rsplit("/", 1)[-1],
                    content_hash=content_hash(data), content_type=kind, text=text, encoding=encoding, url=uri,
                    fetched_at=record.rec_headers.get_header("WARC-Date"))
