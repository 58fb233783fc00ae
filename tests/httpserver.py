"""A real HTTP server on 127.0.0.1 (a free port) for tests that fetch URLs, with routes you set.

    from httpserver import LocalServer, Reply, news_site_routes

    with LocalServer(news_site_routes()) as server:
        url = server.url("/article")
        ...
        assert server.count("/article") == 1          # requests the server actually received
        assert server.hits[0].headers["user-agent"]   # and what they carried

A route is a `Reply` (the same answer every time) or a function `(hit, n) -> Reply`, where `n`
counts the requests to that path so far (1 for the first): answers that change on a retry.
A path with no route answers 404. A `Reply` body that is an iterable of chunks is sent chunked,
as it is produced, and `sent(path)` says how many body bytes got out before the client hung up.
Nothing leaves the loopback interface.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds to wait before answering (cut short when the server stops)


@dataclass(frozen=True)
class Hit:
    path: str  # as requested, query included
    headers: dict[str, str]  # names in lower case
    at: float  # time.monotonic() when the request arrived


Route = Reply | Callable[[Hit, int], Reply]


class LocalServer:
    def __init__(self, routes: dict[str, Route] | None = None, host: str = "127.0.0.1"):
        self.routes: dict[str, Route] = dict(routes or {})
        self.hits: list[Hit] = []
        self._sent: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real servers

            def do_GET(self):  # noqa: N802 (the http.server spelling)
                owner._serve(self)

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # a client that hung up mid-answer is expected here (timeouts, size limits)

        self._server = Server((host, 0), Handler)
        self.host = host
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> "LocalServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "LocalServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- for the test ---------------------------------------------------------------------

    def url(self, path: str = "/", host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def route(self, path: str, route: Route) -> None:
        self.routes[path] = route

    def count(self, path: str | None = None) -> int:
        """Requests received for `path` (query ignored), or in all."""
        with self._lock:
            return sum(1 for h in self.hits if path is None or h.path.split("?")[0] == path)

    def times(self, path: str | None = None) -> list[float]:
        with self._lock:
            return [h.at for h in self.hits if path is None or h.path.split("?")[0] == path]

    def sent(self, path: str) -> int:
        """Body bytes written for `path`, all requests together."""
        with self._lock:
            return self._sent.get(path, 0)

    # -- serving --------------------------------------------------------------------------

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?")[0]
        hit = Hit(handler.path, {k.lower(): v for k, v in handler.headers.items()}, time.monotonic())
        with self._lock:
            self.hits.append(hit)
            n = sum(1 for h in self.hits if h.path.split("?")[0] == path)
        route = self.routes.get(path)
        if route is None:
            reply = Reply(404, b"<h1>Not found</h1>")
        else:
            reply = route(hit, n) if callable(route) else route
        if reply.delay:
            self._stopping.wait(reply.delay)
        try:
            handler.send_response(reply.status)
            names = {k.lower() for k in reply.headers}
            if reply.content_type and "content-type" not in names:
                handler.send_header("Content-Type", reply.content_type)
            streamed = not isinstance(reply.body, (bytes, bytearray))
            if "content-length" not in names:
                if streamed:
                    handler.send_header("Transfer-Encoding", "chunked")
                else:
                    handler.send_header("Content-Length", str(len(reply.body)))
            for k, v in reply.headers.items():
                handler.send_header(k, v)
            handler.end_headers()
            if not streamed:
                handler.wfile.write(reply.body)
                self._count_sent(path, len(reply.body))
            else:
                chunked = "content-length" not in names
                for chunk in reply.body:
                    if self._stopping.is_set():
                        break
                    if chunked:
                        handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    else:
                        handler.wfile.write(chunk)
                    self._count_sent(path, len(chunk))
                if chunked:
                    handler.wfile.write(b"0\r\n\r\n")
            handler.wfile.flush()
        except OSError:  # the client hung up (timeout, size limit): nothing to answer any more
            handler.close_connection = True

    def _count_sent(self, path: str, n: int) -> None:
        with self._lock:
            self._sent[path] = self._sent.get(path, 0) + n


# -- ready-made answers -------------------------------------------------------------------

ARTICLE = (b"<html><head><title>Port of Lorvik reopens</title></head><body><article><h1>Port of Lorvik"
           b" reopens</h1><p>The harbour authority said on Monday that some 8,000 containers were waiting."
           b"</p></article></body></html>")


def redirect(to: str, status: int = 302) -> Reply:
    return Reply(status, b"", {"Location": to})


def fail_first(times: int, failure: Reply, success: Reply) -> Callable[[Hit, int], Reply]:
    """`failure` for the first `times` requests, then `success`."""
    return lambda hit, n: failure if n <= times else success


def chunks(total: int, size: int = 65536) -> Iterable[bytes]:
    """`total` bytes produced lazily, `size` at a time (a body never held whole in memory)."""
    block = b"x" * size
    sent = 0
    while sent < total:
        part = block[:min(size, total - sent)]
        sent += len(part)
        yield part


def news_site_routes(*, slow_s: float = 5.0, big_bytes: int = 50_000_000) -> dict[str, Route]:
    """A small site with every behaviour a fetcher meets: an article (and a second page), a
    moved page, a 500 that always fails, a 503 that passes on the second try, a 429 asking to
    retry after 1 s (and one after an hour), a redirect loop, a page slower than `slow_s`, a
    robots.txt disallowing /private/, big bodies (streamed, and announced by Content-Length);
    anything else is a 404."""
    ok = Reply(200, ARTICLE)
    return {
        "/robots.txt": Reply(200, b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        "/article": ok,
        "/second": Reply(200, ARTICLE.replace(b"8,000", b"9,000")),
        "/private/memo": ok,
        "/moved": redirect("/article", 301),
        "/always-500": Reply(500, b"<h1>Internal Server Error</h1>"),
        "/flaky-503": fail_first(1, Reply(503, b"busy"), ok),
        "/busy-429": fail_first(1, Reply(429, b"slow down", {"Retry-After": "1"}), ok),
        "/closed-429": Reply(429, b"come back later", {"Retry-After": "3600"}),
        "/loop/a": redirect("/loop/b"),
        "/loop/b": redirect("/loop/a"),
        "/slow": Reply(200, ARTICLE, delay=slow_s),
        # functions, so that each request gets a fresh generator
        "/big": lambda hit, n: Reply(200, chunks(big_bytes)),
        "/big-declared": lambda hit, n: Reply(200, chunks(big_bytes), {"Content-Length": str(big_bytes)}),
    }
