"""Fetch the URLs a user asks for, politely, and remember them in the ledger.

claimline never goes to the network on its own: only the URLs given to `Fetcher.fetch` are
requested, plus each host's robots.txt (once per host and Fetcher). What it does for each URL:

- a page already fetched successfully into the same ledger is returned from there (no request);
- robots.txt of the URL's site (and of every redirect target's site) must allow claimline's user
  agent (RFC 9309, read with `urllib.robotparser`);
- between two requests to the same host it waits `fetch_delay_s` (or the site's `Crawl-delay`,
  when longer, up to a minute);
- timeouts, connection errors, 5xx and 429 answers are retried `fetch_retries` times with
  exponential backoff from `fetch_backoff_s`, or after the server's `Retry-After` when that is
  short; a long `Retry-After` ends the attempts at once;
- redirects are followed, at most `max_redirects` of them;
- a body larger than `max_page_bytes` is refused while streaming: no more of it is read.

Every failure is a coded `ClaimlineError` whose `source` is the URL as given.
A Fetcher is not thread-safe: use one per thread.
"""
from __future__ import annotations

import http
import time
import urllib.robotparser
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import httpx

from .errors import (ClaimlineError, FetchFailed, HttpStatusError, InputTooLarge, RobotsDisallowed,
                     TooManyRedirects)
from .settings import Settings
from .store import Ledger

# A Retry-After (or robots.txt Crawl-delay) longer than this is not waited for: a run should not
# stall for minutes on one page. A longer Retry-After ends the attempts; a longer Crawl-delay is cut.
MAX_WAIT_S = 60.0
# RFC 9309 2.5: crawlers must parse at least the first 500 KiB of a robots.txt; the rest is ignored.
ROBOTS_MAX_BYTES = 512 * 1024
# RFC 9309 2.3.1.2: follow at least five consecutive redirects for robots.txt.
ROBOTS_MAX_REDIRECTS = 5

_RETRYABLE = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


@dataclass(slots=True)
class FetchedPage:
    url: str  # as asked for (the cache key)
    final_url: str  # after redirects
    status: int
    content_type: str | None
    body: bytes
    fetched_at: str  # ISO 8601, UTC, when it was fetched (from the network, not from the cache)
    from_cache: bool


@dataclass(slots=True)
class _Reply:
    url: str
    status: int
    headers: httpx.Headers
    body: bytes
    location: str | None  # absolute URL of a redirect's target


@dataclass(slots=True)
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None = None  # None: everything allowed
    refusal: ClaimlineError | None = None  # set: nothing on the site is fetched, for this reason


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _origin(url: httpx.URL) -> str:
    return f"{url.scheme}://{url.netloc.decode('ascii').lower()}"


def _retry_after(headers: httpx.Headers) -> float | None:
    """Seconds asked for by a Retry-After header (delay-seconds or an HTTP date), or None."""
    value = headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))  # the RFC says integer seconds; a fraction is read too
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _describe(exc: httpx.HTTPError, timeout: float) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return f"could not connect within {timeout:g} s"
    if isinstance(exc, httpx.TimeoutException):
        return f"no data for {timeout:g} s (timed out)"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect ({exc})"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _status_error(source: str, reason: str, status: int) -> HttpStatusError:
    error = HttpStatusError(source, reason)
    error.status = status  # what robots.txt handling decides on
    return error


def _status_text(status: int, reason: str) -> str:
    if not reason:
        try:
            reason = http.HTTPStatus(status).phrase
        except ValueError:
            reason = ""
    return f"HTTP {status} {reason}".rstrip()


class Fetcher:
    """Fetches URLs with the settings' timeouts, retries, politeness and limits; caches successful
    fetches in `ledger` when one is given. Use as a context manager (or call `close`)."""

    def __init__(self, settings: Settings, ledger: Ledger | None = None, client: httpx.Client | None = None):
        self.settings = settings
        self.ledger = ledger
        self._own_client = client is None
        self._timeout = httpx.Timeout(settings.fetch_timeout_s)
        self.client = client if client is not None else httpx.Client(
            timeout=self._timeout, follow_redirects=False, headers={"User-Agent": settings.user_agent})
        self._robots: dict[str, _Robots] = {}  # per origin (scheme://host:port), for this Fetcher only
        self._last_request: dict[str, float] = {}  # per host name: when the last request to it ended
        self._crawl_delay: dict[str, float] = {}  # per host name, from robots.txt
        self._sleep = time.sleep
        self._clock = time.monotonic

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the one public operation ---------------------------------------------------------

    def fetch(self, url: str) -> FetchedPage:
        """The page at `url`: from the ledger's cache when it was fetched before, otherwise from
        the network. Raises FetchFailed (E015), HttpStatusError (E016), RobotsDisallowed (E017),
        TooManyRedirects (E018) or InputTooLarge (E014), each with `source` = `url`."""
        current = self._parse_url(url, url)
        if self.ledger is not None:
            row = self.ledger.cached_fetch(url)
            if row is not None:
                return FetchedPage(url=url, final_url=row["final_url"], status=row["status"],
                                   content_type=row["content_type"], body=bytes(row["body"]),
                                   fetched_at=row["fetched_at"], from_cache=True)
        redirects = 0
        while True:
            self._check_robots(url, current)
            reply = self._request(url, current, self.settings.max_page_bytes)
            if reply.location is None:
                break
            if redirects >= self.settings.max_redirects:
                raise TooManyRedirects(url, f"more than {self.settings.max_redirects} redirects "
                                            f"(the last one: {current} -> {reply.location})")
            redirects += 1
            current = self._parse_url(url, reply.location)
        page = FetchedPage(url=url, final_url=reply.url, status=reply.status,
                           content_type=reply.headers.get("content-type"), body=reply.body,
                           fetched_at=_now(), from_cache=False)
        if self.ledger is not None:
            self.ledger.store_fetch(page)
        return page

    # -- one request, with retries --------------------------------------------------------

    @staticmethod
    def _parse_url(source: str, url: str) -> httpx.URL:
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise FetchFailed(source, f"not a valid URL: {url} ({exc})") from None
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise FetchFailed(source, f"not an http(s) URL: {url}")
        return parsed

    def _wait_turn(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is None:
            return
        delay = max(self.settings.fetch_delay_s, self._crawl_delay.get(host, 0.0))
        remaining = last + delay - self._clock()
        if remaining > 0:
            self._sleep(remaining)

    def _request(self, source: str, url: httpx.URL, limit: int, *, truncate: bool = False) -> _Reply:
        """GET one URL (no redirect followed), retrying what may pass. A redirect comes back with
        its `location`; any other answer but 2xx raises. The body is read up to `limit` bytes:
        more raises InputTooLarge, or with `truncate` is cut there."""
        host = url.host.lower()
        attempts = 1 + max(0, self.settings.fetch_retries)
        at = "" if str(url) == source else f" (at {url})"
        for attempt in range(1, attempts + 1):
            self._wait_turn(host)
            retry_after = None
            tries = f"{attempt} attempt{'s' if attempt > 1 else ''}"
            try:
                with self.client.stream("GET", url, headers={"User-Agent": self.settings.user_agent},
                                        timeout=self._timeout, follow_redirects=False) as resp:
                    status = resp.status_code
                    if resp.is_redirect:
                        return _Reply(str(resp.url), status, resp.headers, b"",
                                      str(resp.url.join(resp.headers["location"])))
                    if 200 <= status < 300:
                        return _Reply(str(resp.url), status, resp.headers,
                                      self._read_body(source, resp, limit, truncate), None)
                    text = _status_text(status, resp.reason_phrase)
                    if status != 429 and status < 500:
                        raise _status_error(source, f"the server answered {text}{at}", status)
                    retry_after = _retry_after(resp.headers)
                    error: ClaimlineError = _status_error(source, f"the server answered {text}{at}, after {tries}",
                                                          status)
            except _RETRYABLE as exc:
                error = FetchFailed(source, f"{_describe(exc, self.settings.fetch_timeout_s)}{at}, after {tries}")
            finally:
                self._last_request[host] = self._clock()
            if attempt == attempts:
                raise error
            if retry_after is not None and retry_after > MAX_WAIT_S:
                raise _status_error(source, f"{error.reason}; it asks to retry after {retry_after:.0f} s, "
                                            f"longer than claimline waits ({MAX_WAIT_S:.0f} s)", status)
            self._sleep(max(self.settings.fetch_backoff_s * 2 ** (attempt - 1), retry_after or 0.0))
        raise AssertionError("unreachable")

    @staticmethod
    def _read_body(source: str, resp: httpx.Response, limit: int, truncate: bool) -> bytes:
        declared = resp.headers.get("content-length", "")
        if not truncate and declared.isdigit() and int(declared) > limit:
            raise InputTooLarge(source, f"the server announces {int(declared)} bytes, more than "
                                        f"max_page_bytes ({limit}); not downloaded")
        chunks, size = [], 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > limit:
                if truncate:
                    chunks.append(chunk[:len(chunk) - (size - limit)])
                    break
                raise InputTooLarge(source, f"the page is larger than max_page_bytes ({limit} bytes); "
                                            "stopped reading it")
            chunks.append(chunk)
        return b"".join(chunks)

    # -- robots.txt -----------------------------------------------------------------------

    def _check_robots(self, source: str, url: httpx.URL) -> None:
        origin = _origin(url)
        robots = self._robots.get(origin)
        if robots is None:
            robots = self._robots[origin] = self._read_robots(source, url, origin)
        if robots.refusal is not None:
            raise type(robots.refusal)(source, robots.refusal.reason)
        if robots.parser is not None and not robots.parser.can_fetch(self.settings.user_agent, str(url)):
            raise RobotsDisallowed(source, f"{origin}/robots.txt does not allow {self.settings.user_agent!r} "
                                           f"to fetch {url}")

    def _read_robots(self, source: str, url: httpx.URL, origin: str) -> _Robots:
        """What the site's robots.txt says, following RFC 9309 (as Google does):
        - 2xx: its rules;
        - 4xx (404, 401, 403, ...): there are no rules, everything is allowed: the site has
          chosen not to publish any (RFC 9309 2.3.1.3);
        - 5xx (and 429) after retries, or the server unreachable: everything is disallowed, since
          a site in trouble may well have rules we cannot see, and crawling it then is the
          impolite mistake (RFC 9309 2.3.1.4);
        - more redirects than five: treated as unavailable (4xx), allowed (RFC 9309 2.3.1.2)."""
        robots_url = self._parse_url(source, f"{origin}/robots.txt")
        for _ in range(ROBOTS_MAX_REDIRECTS + 1):
            try:
                reply = self._request(source, robots_url, ROBOTS_MAX_BYTES, truncate=True)
            except HttpStatusError as exc:
                if exc.status == 429 or exc.status >= 500:
                    return _Robots(refusal=RobotsDisallowed(
                        source, f"{origin}/robots.txt could not be read ({exc.reason}); a site whose robots.txt "
                                "fails with a server error is not fetched (RFC 9309)"))
                return _Robots()  # 4xx: no robots.txt, everything allowed
            except FetchFailed as exc:
                return _Robots(refusal=FetchFailed(
                    source, f"{origin}/robots.txt could not be fetched ({exc.reason}); the site is not fetched "
                            "without it"))
            if reply.location is None:
                parser = urllib.robotparser.RobotFileParser(str(robots_url))
                parser.parse(reply.body.decode("utf-8", errors="replace").splitlines())
                delay = parser.crawl_delay(self.settings.user_agent)
                if delay:
                    host = url.host.lower()
                    self._crawl_delay[host] = max(self._crawl_delay.get(host, 0.0), min(float(delay), MAX_WAIT_S))
                return _Robots(parser=parser)
            try:
                robots_url = self._parse_url(source, reply.location)
            except FetchFailed:
                return _Robots()  # redirected somewhere unfetchable: unavailable, as a 4xx
        return _Robots()
