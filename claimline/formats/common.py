"""What every input format shares: the raw input record, bytes to text, hashing, the size limit,
and a stream that gives back the bytes already read to sniff a format."""
from __future__ import annotations

import codecs
import hashlib
import io
import re
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlsplit

from charset_normalizer import from_bytes

from ..errors import BinaryInput, EmptyInput, InputTooLarge, UndecodableInput
from ..settings import Settings


@dataclass(slots=True)
class RawInput:
    source: str  # where it came from: a path, PATH:LINE (JSON Lines, CSV), PATH:OFFSET (WARC), a URL
    name: str  # the interchange `doc` id
    content_hash: str
    content_type: str  # text | html
    text: str  # decoded page (HTML source for html)
    encoding: str | None = None
    url: str | None = None
    # hints the source gives, which beat what is read off the page
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    # when the page was fetched (WARC-Date, or the fetcher's clock): never its publication date
    fetched_at: str | None = None


# Control characters other than the whitespace ones: text pages have next to none.
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))
_CONTROL_TABLE = bytes.maketrans(b"", b"")


def control_ratio(data: bytes) -> float:
    sample = data[:65536]
    if not sample:
        return 0.0
    kept = sample.translate(_CONTROL_TABLE, _CONTROL)
    return (len(sample) - len(kept)) / len(sample)


def looks_binary(data: bytes, settings: Settings) -> bool:
    return b"\x00" in data[:65536] or control_ratio(data) > settings.binary_control_ratio


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def bom_encoding(data: bytes) -> str | None:
    """utf-32 or utf-16 when `data` starts with that byte-order mark (UTF-8's is not looked for)."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def starts_as_utf8(head: bytes) -> bool:
    """Whether these first bytes of a stream are UTF-8 (they may end in the middle of a character)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True

# <meta charset="shift_jis"> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
# What browsers do (WHATWG Encoding): a page labelled latin-1 or ASCII is read as windows-1252.
_LABEL_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header, if any."""
    m = _HEADER_CHARSET.search(content_type or "")
    return m.group(1) if m else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _LABEL_ALIASES.get(name, name)


def decode(data: bytes, source: str, settings: Settings, declared: str | None = None) -> tuple[str, str]:
    """Bytes to text. In order: a byte-order mark; UTF-8, because nearly every page is; UTF-8 with
    a few stray windows-1252 bytes (a page pasted together from two sources); the charset the
    server or the page's <meta> declares; charset-normalizer's best guess. Binary data is refused.

    `declared` is the HTTP header's charset; a page's own <meta charset> is read when there is none.
    """
    if not data.strip():
        raise EmptyInput(source, "the file is empty")
    encoding = bom_encoding(data)
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise UndecodableInput(source, f"starts with a {encoding} byte-order mark but is not {encoding}: {exc.reason}") from exc
    if looks_binary(data, settings):
        raise BinaryInput(source, "binary data, not a text or HTML page")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _utf8_with_strays(data), "utf-8+cp1252"
        if text is None:
            text, encoding = _declared(data, declared)
        if text is None:
            best = from_bytes(data).best()
            if best is None:
                raise UndecodableInput(source, "could not detect the text encoding") from None
            text, encoding = str(best), best.encoding
    if not text.strip():
        raise EmptyInput(source, "no text after decoding")
    return text, encoding


def _declared(data: bytes, declared: str | None) -> tuple[str | None, str | None]:
    if declared is None:
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii") if m else None
    codec = _codec(declared)
    if codec is None or codec == "utf-8":  # UTF-8 was tried already and failed
        return None, None
    try:
        return data.decode(codec), codec
    except (UnicodeDecodeError, LookupError):  # mislabelled: leave it to detection
        return None, None


_STRAY = re.compile("[\udc80-\udcff]")


def _utf8_with_strays(data: bytes) -> str | None:
    """UTF-8 text with some windows-1252 bytes in it (é written as the single byte E9), which
    charset detection gives up on. Accepted only when the page does hold real multi-byte UTF-8
    and nearly every bad byte stands alone between ASCII characters, as accented letters and
    curly quotes of Western text do; other encodings (Shift-JIS, KOI8-R) put their non-ASCII
    bytes in runs, and go to detection instead."""
    text = data.decode("utf-8", errors="surrogateescape")  # each bad byte becomes U+DC80+byte
    strays = [m.start() for m in _STRAY.finditer(text)]
    if not strays:
        return None
    valid_non_ascii = sum(1 for ch in text if ord(ch) > 127) - len(strays)
    alone = sum(1 for i in strays if i + 1 == len(text) or ord(text[i + 1]) < 128)
    if valid_non_ascii < 1 or alone < 0.9 * len(strays):
        return None
    return _STRAY.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", errors="replace"), text)


def _stray_cp1252(exc: UnicodeDecodeError) -> tuple[str, int]:
    # For streams read as UTF-8 (CSV, JSON Lines) that hold a few windows-1252 bytes (a cell pasted
    # from an old page, an Excel export): each bad byte is read as the character it most likely is.
    return bytes([exc.object[exc.start]]).decode("cp1252", errors="replace"), exc.start + 1


STRAY_CP1252 = "claimline-stray-cp1252"
codecs.register_error(STRAY_CP1252, _stray_cp1252)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def too_large(source: str, size: int, settings: Settings, what: str = "page", at_least: bool = False) -> InputTooLarge:
    """E014 with the size and the limit in MB (`at_least`: only the start was read)."""
    size_text = f"{'over ' if at_least else ''}{size / 1e6:.1f} MB"
    return InputTooLarge(source, f"the {what} is {size_text}, more than the max_page_bytes setting allows "
                                 f"({settings.max_page_bytes / 1e6:g} MB)")


def name_from_url(url: str) -> str:
    """A document name for a page known by its URL: host and path (and query), no scheme."""
    parts = urlsplit(url)
    name = (parts.netloc + parts.path).rstrip("/")
    if parts.query:
        name += "?" + parts.query
    return name or url


def looks_like_html(text: str) -> bool:
    # Only the few characters the markers can cover are lower-cased: lower() maps character by
    # character (one may become two, which only pushes the rest right), so the head of the
    # lower-cased text is the lower-cased head.
    head = text[:1024].lstrip()[:16].lower()
    return head.startswith(("<!doctype html", "<html"))


class Replay(io.RawIOBase):
    """A stream's first bytes, already read to tell its format, then the rest of it: so that
    standard input and pipes, which cannot seek back, read like a file from the start."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if len(self._head):
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def replay(head: bytes, rest: BinaryIO) -> io.BufferedReader:
    return io.BufferedReader(Replay(head, rest), buffer_size=1 << 16)
