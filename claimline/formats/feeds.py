"""RSS and Atom feeds (`.rss`, `.atom`, or any file or fetched page whose XML root is rss, feed or
rdf:RDF), read with feedparser.

Each item is a page: its content (or, failing that, its summary), with the item's link, date and
title and the feed's title as outlet. With a fetcher, an item with a link is read from the linked
page instead (the feed usually carries a teaser only). A feed with a few XML errors that
feedparser reads around is read; one whose XML yields no item at all is E012.

An item is `FEED#ID` (its guid, else its link): items drop off the end of a feed as new ones
come in, and naming them by position would make every re-read of the feed replace the documents
of the items that moved.
"""
from __future__ import annotations

import calendar
import hashlib
import html
import io
import re
import time
from collections.abc import Callable, Iterator

import feedparser

from ..dates import parse_timestamp
from ..errors import BadFeed, ClaimlineError, MissingContent
from ..settings import Settings
from .common import RawInput, content_hash, name_from_url, too_large

FEED_SUFFIXES = (".rss", ".atom")
_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_PROLOG = re.compile(rb"(?:\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>))*\s*", re.DOTALL | re.IGNORECASE)


def sniff(head: bytes) -> bool:
    """XML whose root element is rss, feed (Atom) or rdf:RDF (RSS 1.0); HTML pages never are."""
    head = head[:4096]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    m = _ROOT.search(head)
    return m is not None and _PROLOG.fullmatch(head, 0, m.start()) is not None


def read_feed(data: bytes, source: str, settings: Settings,
              fetch_page: Callable[[str, str], Iterator[RawInput | ClaimlineError]] | None = None,
              url: str | None = None) -> Iterator[RawInput | ClaimlineError]:
    """The items of a feed document. `fetch_page(link, source)` reads an item's linked page as
    `source` (None: the item's own content is the page); `url` is where a fetched feed came from
    (relative links are resolved against it). The callers have held `data` to max_page_bytes."""
    headers = {"content-location": url} if url else {}
    # a file-like object: feedparser takes a str or bytes argument for a URL or a file name to open
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    # feedparser's lenient parser can make an empty item out of the debris of broken XML
    entries = [e for e in parsed.entries if any(e.get(f) for f in ("title", "link", "id", "summary", "content"))]
    if not entries:
        if parsed.bozo:
            yield BadFeed(source, f"the feed's XML cannot be read ({_reason(parsed.bozo_exception)})")
        return  # a well-formed feed with no items: nothing to read
    outlet = _clean(parsed.feed.get("title"))
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        key = _key(entry, number)
        where = f"{source}#{key}"
        if key in seen:  # the same guid twice in one feed: keep both, by position
            where = f"{source}#{number}"
        seen.add(key)
        link = entry.get("link") or None
        title = _clean(entry.get("title"))
        published = _published(entry)
        if fetch_page is not None and link:
            for page in fetch_page(link, where):
                if isinstance(page, RawInput):
                    # the feed's word on date, title and outlet beats a guess from the page
                    page.published = published or page.published
                    page.title = title or page.title
                    page.outlet = outlet or page.outlet
                yield page
            continue
        body, kind = _body(entry)
        if body is None:
            if parsed.bozo:  # most likely where the XML broke off (a truncated feed)
                yield BadFeed(where, f"the item has no content: the feed's XML is broken "
                                     f"({_reason(parsed.bozo_exception)})")
            else:
                yield MissingContent(where, "the feed item has no content or summary"
                                     + (" (pass --fetch to read its linked page)" if link else ""))
            continue
        if kind == "html":
            # a whole page, so that HTML extraction sees the fragment as the article it is
            page = (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title or '')}"
                    f"</title></head><body><article>\n{body}\n</article></body></html>\n")
        else:
            page = body
        data_out = page.encode("utf-8")
        if len(data_out) > settings.max_page_bytes:
            yield too_large(where, len(data_out), settings, "feed item")
            continue
        name = name_from_url(link) if link else f"{source.rsplit('/', 1)[-1]}#{number}"
        yield RawInput(source=where, name=name,
                       content_hash=content_hash(data_out), content_type=kind, text=page, encoding="utf-8",
                       url=link, published=published, outlet=outlet, title=title)


def _reason(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown error"
    line = getattr(exc, "getLineNumber", None)
    where = f" at line {line()}" if callable(line) and line() else ""
    return f"{getattr(exc, 'getMessage', lambda: str(exc))()}{where}"


def _clean(value) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _key(entry, number: int) -> str:
    for field in ("id", "link"):
        value = entry.get(field)
        if isinstance(value, str) and value.strip():
            return value.strip()
    # no guid and no link: a digest of what the item says, stable across re-reads of the feed
    said = "\x1f".join(str(entry.get(f) or "") for f in ("title", "summary", "published", "updated"))
    return hashlib.sha256(said.encode("utf-8")).hexdigest()[:16] if said.strip("\x1f") else str(number)


def _published(entry) -> str | None:
    """The item's date as YYYY-MM-DD[THH:MM[:SS]±HH:MM], keeping the timezone it was written in
    (feedparser's parsed dates are in UTC, which can move a late-evening story to the next day)."""
    for field in ("published", "updated", "created"):
        raw = entry.get(field)
        if isinstance(raw, str) and raw.strip():
            found = parse_timestamp(raw)
            if found:
                return found[2]
            parsed = entry.get(f"{field}_parsed")
            if parsed:
                return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(calendar.timegm(parsed)))
    return None


def _body(entry) -> tuple[str | None, str]:
    """The item's fullest text: the longest content block, else the summary; `html` unless
    the feed says the text is plain."""
    candidates = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    summary = entry.get("summary_detail")
    if not candidates and summary and (summary.get("value") or "").strip():
        candidates = [summary]
    if not candidates:
        return None, "text"
    best = max(candidates, key=lambda c: len(c.get("value") or ""))
    kind = "text" if (best.get("type") or "").lower() == "text/plain" else "html"
    return best["value"].strip(), kind
