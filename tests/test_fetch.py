"""The URL fetcher against a real HTTP server on 127.0.0.1: what a user notices is the page (or
the coded error naming the URL), and what the site notices is how many requests arrived, when,
and from whom."""
from __future__ import annotations

import socket
import time

import pytest
from httpserver import ARTICLE, LocalServer, Reply, fail_first, news_site_routes

from claimline.errors import (FetchFailed, HttpStatusError, InputTooLarge, RobotsDisallowed,
                              TooManyRedirects)
from claimline.fetch import Fetcher, _retry_after
from claimline.settings import Settings
from claimline.store import Ledger

FAST = dict(fetch_timeout_s=0.5, fetch_retries=2, fetch_backoff_s=0.01, fetch_delay_s=0.0, max_redirects=3,
            max_page_bytes=100_000)


def settings(**kw) -> Settings:
    return Settings.load(**{**FAST, **kw})


@pytest.fixture
def site():
    with LocalServer(news_site_routes()) as server:
        yield server


def fetch(url, **kw):
    with Fetcher(settings(**kw)) as f:
        return f.fetch(url)


def failure(url, **kw):
    with pytest.raises(Exception) as info:
        fetch(url, **kw)
    return info.value


def test_fetches_the_page_with_the_user_agent(site):
    page = fetch(site.url("/article"))
    assert page.body == ARTICLE
    assert (page.status, page.final_url, page.from_cache) == (200, site.url("/article"), False)
    assert page.content_type == "text/html; charset=utf-8"
    assert page.fetched_at.endswith("+00:00")
    assert site.count("/article") == 1
    agent = site.hits[-1].headers["user-agent"]
    assert agent == Settings().user_agent
    assert agent.startswith("claimline/") and "(+https://github.com/claimline/claimline)" in agent


def test_follows_a_redirect(site):
    page = fetch(site.url("/moved"))
    assert page.body == ARTICLE and page.url == site.url("/moved") and page.final_url == site.url("/article")


def test_a_redirect_loop_stops_at_the_limit(site):
    err = failure(site.url("/loop/a"), max_redirects=3)
    assert isinstance(err, TooManyRedirects) and err.code == "E018"
    assert str(err).startswith(f"[E018] {site.url('/loop/a')}: more than 3 redirects")
    assert site.count("/loop/a") + site.count("/loop/b") == 4  # the page, then 3 redirects followed


def test_404_is_reported_at_once(site):
    err = failure(site.url("/gone"))
    assert isinstance(err, HttpStatusError) and err.code == "E016"
    assert str(err) == f"[E016] {site.url('/gone')}: the server answered HTTP 404 Not Found"
    assert site.count("/gone") == 1  # a 4xx is not retried


def test_500_is_retried_then_reported(site):
    err = failure(site.url("/always-500"), fetch_retries=2)
    assert isinstance(err, HttpStatusError) and err.code == "E016"
    assert "HTTP 500" in str(err) and site.url("/always-500") in str(err) and "after 3 attempts" in str(err)
    assert site.count("/always-500") == 3


def test_503_passes_on_the_second_try(site):
    assert fetch(site.url("/flaky-503")).body == ARTICLE
    assert site.count("/flaky-503") == 2


def test_429_waits_as_long_as_retry_after_says(site):
    assert fetch(site.url("/busy-429")).body == ARTICLE
    first, second = site.times("/busy-429")
    assert second - first >= 1.0  # Retry-After: 1, though the backoff is 0.01 s


def test_a_long_retry_after_ends_the_attempts(site):
    start = time.monotonic()
    err = failure(site.url("/closed-429"))
    assert isinstance(err, HttpStatusError) and "HTTP 429" in str(err) and "retry after 3600 s" in str(err)
    assert site.count("/closed-429") == 1 and time.monotonic() - start < 5


def test_retry_after_as_an_http_date():
    import httpx
    assert _retry_after(httpx.Headers({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0.0
    assert _retry_after(httpx.Headers({"Retry-After": "120"})) == 120.0
    assert _retry_after(httpx.Headers({"Retry-After": "soon"})) is None


def test_a_slow_page_times_out_after_retries(site):
    err = failure(site.url("/slow"), fetch_timeout_s=0.3, fetch_retries=1)
    assert isinstance(err, FetchFailed) and err.code == "E015"
    assert site.url("/slow") in str(err) and "timed out" in str(err) and "after 2 attempts" in str(err)
    assert site.count("/slow") == 2


def test_a_closed_port_fails_with_e015():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article"
    err = failure(url, fetch_retries=1)
    assert isinstance(err, FetchFailed) and str(err).startswith(f"[E015] {url}: ") and "could not connect" in str(err)


def test_not_an_http_url():
    err = failure("ftp://example.org/file")
    assert isinstance(err, FetchFailed) and "not an http(s) URL" in str(err)


def test_robots_txt_is_respected_and_read_once_per_host(site):
    with Fetcher(settings()) as f:
        f.fetch(site.url("/article"))
        f.fetch(site.url("/second"))
        with pytest.raises(RobotsDisallowed) as info:
            f.fetch(site.url("/private/memo"))
    assert info.value.code == "E017" and str(info.value).startswith(f"[E017] {site.url('/private/memo')}: ")
    assert "robots.txt does not allow" in str(info.value)
    assert site.count("/private/memo") == 0
    assert site.count("/robots.txt") == 1


def test_a_redirect_into_a_disallowed_path_is_not_followed(site):
    site.route("/memo", Reply(302, b"", {"Location": "/private/memo"}))
    err = failure(site.url("/memo"))
    assert isinstance(err, RobotsDisallowed) and str(err).startswith(f"[E017] {site.url('/memo')}: ")
    assert site.count("/private/memo") == 0


def test_robots_txt_rules_for_claimline_by_name():
    routes = {"/robots.txt": Reply(200, b"User-agent: *\nAllow: /\n\nUser-agent: claimline\nDisallow: /\n"),
              "/article": Reply(200, ARTICLE)}
    with LocalServer(routes) as server:
        assert isinstance(failure(server.url("/article")), RobotsDisallowed)
        assert server.count("/article") == 0


def test_no_robots_txt_means_everything_is_allowed():
    with LocalServer({"/article": Reply(200, ARTICLE)}) as server:  # robots.txt: 404
        assert fetch(server.url("/article")).body == ARTICLE
        assert server.count("/robots.txt") == 1


def test_a_failing_robots_txt_means_nothing_is_fetched():
    routes = {"/robots.txt": Reply(503, b"down"), "/article": Reply(200, ARTICLE)}
    with LocalServer(routes) as server:
        with Fetcher(settings(fetch_retries=1)) as f:
            for _ in range(2):
                with pytest.raises(RobotsDisallowed) as info:
                    f.fetch(server.url("/article"))
        assert "HTTP 503" in str(info.value) and "robots.txt" in str(info.value)
        assert server.count("/article") == 0
        assert server.count("/robots.txt") == 2  # retried once, then remembered for the run


def test_a_streamed_body_over_the_limit_is_refused_without_reading_it_all(site):
    err = failure(site.url("/big"), max_page_bytes=100_000)
    assert isinstance(err, InputTooLarge) and err.code == "E014"
    assert site.url("/big") in str(err) and "max_page_bytes (100000 bytes)" in str(err)
    time.sleep(0.2)  # let the server notice the hang-up
    assert site.sent("/big") < 20_000_000  # of 50 MB: the client stopped reading


def test_a_declared_body_over_the_limit_is_refused_before_reading(site):
    err = failure(site.url("/big-declared"), max_page_bytes=100_000)
    assert isinstance(err, InputTooLarge) and "announces 50000000 bytes" in str(err)


def test_a_page_at_the_limit_is_kept():
    with LocalServer({"/p": Reply(200, b"y" * 1000)}) as server:
        assert len(fetch(server.url("/p"), max_page_bytes=1000).body) == 1000


def test_the_ledger_caches_successful_fetches_only(site, tmp_path):
    flaky = fail_first(1, Reply(404, b"not yet"), Reply(200, ARTICLE))
    site.route("/later", flaky)
    db = tmp_path / "ledger.sqlite"
    with Ledger(db) as ledger, Fetcher(settings(), ledger) as f:
        first = f.fetch(site.url("/moved"))
        with pytest.raises(HttpStatusError):
            f.fetch(site.url("/later"))
        assert ledger.cached_fetch(site.url("/later")) is None
    requests = site.count()
    with Ledger(db) as ledger, Fetcher(settings(), ledger) as f:
        again = f.fetch(site.url("/moved"))
        assert site.count() == requests  # not one request, robots.txt included
        assert again.from_cache and not first.from_cache
        assert (again.body, again.final_url, again.status, again.content_type, again.fetched_at) == \
               (first.body, first.final_url, first.status, first.content_type, first.fetched_at)
        assert f.fetch(site.url("/later")).body == ARTICLE  # the failure was not cached: tried again
    assert site.count("/later") == 2


def test_requests_to_one_host_are_spaced_by_the_delay(site):
    with Fetcher(settings(fetch_delay_s=0.2)) as f:
        f.fetch(site.url("/article"))
        f.fetch(site.url("/second"))
    arrivals = site.times()  # robots.txt, /article, /second
    assert len(arrivals) == 3
    assert all(b - a >= 0.2 for a, b in zip(arrivals, arrivals[1:]))


def test_the_delay_is_per_host(site):
    with Fetcher(settings(fetch_delay_s=0.5)) as f:
        f.fetch(site.url("/article"))
        f.fetch(site.url("/article", host="localhost"))  # the same server under another host name
    hosts = [h.headers["host"].split(":")[0] for h in site.hits]
    assert hosts == ["127.0.0.1", "127.0.0.1", "localhost", "localhost"]  # robots.txt, then the page
    at = site.times()
    assert at[1] - at[0] >= 0.5 and at[3] - at[2] >= 0.5
    assert at[2] - at[1] < 0.5  # a new host is not kept waiting


def test_crawl_delay_in_robots_txt_is_honoured():
    routes = {"/robots.txt": Reply(200, b"User-agent: *\nCrawl-delay: 1\n"), "/a": Reply(200, ARTICLE),
              "/b": Reply(200, ARTICLE)}
    with LocalServer(routes) as server:
        with Fetcher(settings(fetch_delay_s=0.0)) as f:
            f.fetch(server.url("/a"))
            f.fetch(server.url("/b"))
        a, b = server.times("/a") + server.times("/b")
        assert b - a >= 1.0


def test_fetch_settings_defaults():
    s = Settings()
    assert (s.fetch_timeout_s, s.fetch_retries, s.fetch_backoff_s, s.fetch_delay_s, s.max_redirects,
            s.max_page_bytes) == (20.0, 3, 1.0, 1.0, 10, 10_000_000)
