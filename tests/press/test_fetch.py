"""The press fetcher against a hostile local server: every failure a ``FetchError``, nothing hangs.

Timeouts are short (1.5 s) and politeness delays tiny so the file runs in seconds; timing
assertions read the server's request log.
"""

import socket
import threading
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.press.hostile import ETAG, LAST_MODIFIED, VIETNAMESE_WORDS, Logged, page
from tuyengiao.core.text import DecodeError
from tuyengiao.core.urls import canonical_url
from tuyengiao.press.fetch import ACCEPT_TYPES, Fetcher, FetchError, FetchOptions

FAST = {
    "timeout": 1.5, "connect_timeout": 1.0, "delay": 0.0, "retries": 0, "backoff": 0.05,
    "max_wait": 2.0,
}  # fmt: skip
# Sleeping can end a little early by the clock the log uses; allow for it.
SLACK = 0.02


@pytest.fixture
def make_fetcher():
    fetchers = []

    def make(transport=None, **options):
        fetcher = Fetcher(FetchOptions(**(FAST | options)), transport=transport)
        fetchers.append(fetcher)
        return fetcher

    yield make
    for fetcher in fetchers:
        fetcher.close()


@pytest.fixture
def fetcher(make_fetcher):
    return make_fetcher()


def failure(fetcher, url, **kwargs) -> FetchError:
    with pytest.raises(FetchError) as info:
        fetcher.fetch(url, **kwargs)
    error = info.value
    assert error.url == url
    assert any(not c.isascii() for c in error.reason), "the reason is a Vietnamese sentence"
    return error


def timed_failure(fetcher, url, **kwargs) -> tuple[FetchError, float]:
    started = time.monotonic()
    error = failure(fetcher, url, **kwargs)
    return error, time.monotonic() - started


def starts(entries: list[Logged]) -> list[float]:
    return sorted(entry.started for entry in entries)


def gaps(entries: list[Logged]) -> list[float]:
    times = starts(entries)
    return [b - a for a, b in zip(times, times[1:], strict=False)]


def most_at_once(entries: list[Logged]) -> int:
    """The most requests in progress together. The server notes a request finished just after
    sending it, which can be after the client has started the next one; 50 ms are allowed."""
    events = [(e.started, 1) for e in entries] + [(e.finished - 0.05, -1) for e in entries]
    running = peak = 0
    for _, step in sorted(events):
        running += step
        peak = max(peak, running)
    return peak


# --- a good page -------------------------------------------------------------------------------


def test_it_fetches_a_page_with_its_type_charset_and_validators(fetcher, hostile_server):
    url = hostile_server.url_for("/etag")
    result = fetcher.fetch(url)
    assert result.status == 200
    assert result.url == url
    assert result.final_url == canonical_url(url)
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert (result.etag, result.last_modified) == (ETAG, LAST_MODIFIED)
    assert result.redirects == ()
    assert result.not_modified is False
    assert 0 < result.elapsed < 1.5
    assert all(word in result.text() for word in VIETNAMESE_WORDS)


def test_it_sends_its_user_agent_and_asks_only_for_gzip(fetcher, hostile_server):
    fetcher.fetch(hostile_server.url_for("/ok"))
    headers = hostile_server.requests("/ok")[0].headers
    assert headers["user-agent"].startswith("TuyenGiaoSo/")
    assert headers["accept-encoding"] == "gzip"


@pytest.mark.parametrize("path", ["/gzip", "/deflate"])
def test_it_decompresses_gzip_and_deflate_bodies(fetcher, hostile_server, path):
    result = fetcher.fetch(hostile_server.url_for(path))
    assert result.content.startswith(b"<!DOCTYPE html>")
    assert "Thành ủy" in result.text()


# --- slow, hanging, truncated, huge ------------------------------------------------------------


def test_a_server_dripping_a_byte_a_second_times_out_at_the_deadline(fetcher, hostile_server):
    error, took = timed_failure(fetcher, hostile_server.url_for("/slow"))
    assert error.kind == "timeout"
    assert error.reason == "quá thời gian chờ (1,5 giây)"
    assert took < 3.5


def test_a_server_that_never_answers_times_out(fetcher, hostile_server):
    error, took = timed_failure(fetcher, hostile_server.url_for("/hang"))
    assert error.kind == "timeout"
    assert 1.4 < took < 3.5


def test_a_body_shorter_than_its_content_length_is_truncated(fetcher, hostile_server):
    error = failure(fetcher, hostile_server.url_for("/truncated"))
    assert error.kind == "truncated"


def test_a_gzip_bomb_stops_at_max_bytes_without_inflating_in_memory(make_fetcher, hostile_server):
    fetcher = make_fetcher(max_bytes=2 * 1024 * 1024)
    tracemalloc.start()
    try:
        error, took = timed_failure(fetcher, hostile_server.url_for("/gzip-bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.kind == "too_large"
    assert error.reason == "nội dung vượt quá giới hạn 2 MB"
    assert peak < 20 * 1024 * 1024
    assert took < 5


def test_a_page_longer_than_max_bytes_is_refused_from_its_content_length(fetcher, hostile_server):
    error = failure(fetcher, hostile_server.url_for("/big"))
    assert error.kind == "too_large"
    assert error.reason == "nội dung vượt quá giới hạn 5 MB"


def test_a_page_without_content_length_is_cut_at_max_bytes_while_streaming(
    make_fetcher, hostile_server
):
    error = failure(make_fetcher(max_bytes=1024 * 1024), hostile_server.url_for("/big/stream"))
    assert error.kind == "too_large"


def test_a_content_type_outside_the_accepted_ones_is_refused(fetcher, hostile_server):
    error = failure(fetcher, hostile_server.url_for("/binary"))
    assert error.kind == "content_type"
    assert "application/octet-stream" in error.reason


def test_text_of_binary_bytes_is_a_decode_error(make_fetcher, hostile_server):
    fetcher = make_fetcher(accept_types=(*ACCEPT_TYPES, "application/octet-stream"))
    result = fetcher.fetch(hostile_server.url_for("/binary"))
    with pytest.raises(DecodeError) as info:
        result.text()
    assert "không giải mã được" in info.value.reason


# --- redirects ---------------------------------------------------------------------------------


def test_redirects_are_followed_and_recorded_with_canonical_urls(fetcher, hostile_server):
    result = fetcher.fetch(hostile_server.url_for("/redirect-chain/3"))
    chain = [canonical_url(hostile_server.url_for(f"/redirect-chain/{n}")) for n in (3, 2, 1, 0)]
    assert result.status == 200
    assert result.redirects == tuple(chain[:3])
    assert result.final_url == chain[3]


def test_a_redirect_loop_is_stopped_at_the_first_repeat(fetcher, hostile_server):
    error = failure(fetcher, hostile_server.url_for("/redirect-loop"))
    assert error.kind == "redirects"
    assert "vòng lặp" in error.reason
    assert hostile_server.hits("/redirect-loop") == 1
    assert hostile_server.hits("/redirect-loop/b") == 1


def test_more_redirects_than_the_limit_fail_before_the_next_hop(make_fetcher, hostile_server):
    error = failure(make_fetcher(max_redirects=2), hostile_server.url_for("/redirect-chain/3"))
    assert error.kind == "redirects"
    assert error.reason == "chuyển hướng quá 2 lần"
    assert hostile_server.hits("/redirect-chain/1") == 1  # its redirect is the third
    assert hostile_server.hits("/redirect-chain/0") == 0


def test_a_redirect_to_another_scheme_is_refused(fetcher, hostile_server):
    url = hostile_server.url_for("/redirect-to?url=ftp://example.vn/tep.txt")
    assert failure(fetcher, url).kind == "redirects"


# --- statuses, retries, back-off ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "words"), [(403, "từ chối"), (404, "không tìm thấy"), (410, "gỡ bỏ")]
)
def test_client_errors_are_reported_without_retrying(make_fetcher, hostile_server, status, words):
    error = failure(make_fetcher(retries=2), hostile_server.url_for(f"/status/{status}"))
    assert (error.kind, error.status) == ("status", status)
    assert str(status) in error.reason and words in error.reason
    assert hostile_server.hits(f"/status/{status}") == 1


def test_server_errors_are_retried_with_exponential_backoff(make_fetcher, hostile_server):
    fetcher = make_fetcher(retries=2, backoff=0.1)
    error = failure(fetcher, hostile_server.url_for("/status/503"))
    assert (error.kind, error.status) == ("status", 503)
    assert error.reason == "máy chủ trả về mã 503 (máy chủ tạm ngừng phục vụ)"
    first, second = gaps(hostile_server.requests("/status/503"))
    assert first >= 0.1 - SLACK
    assert second >= 0.2 - SLACK


def test_a_flaky_page_is_fetched_after_retries(make_fetcher, hostile_server):
    result = make_fetcher(retries=2).fetch(hostile_server.url_for("/flaky/2"))
    assert result.status == 200
    assert hostile_server.hits("/flaky/2") == 3


def test_a_page_failing_more_often_than_the_retries_is_reported(make_fetcher, hostile_server):
    error = failure(make_fetcher(retries=1), hostile_server.url_for("/flaky/5"))
    assert error.status == 500
    assert hostile_server.hits("/flaky/5") == 2


def test_retry_after_is_waited_for(make_fetcher, hostile_server):
    result = make_fetcher(retries=1).fetch(hostile_server.url_for("/429/1?after=1"))
    assert result.status == 200
    (gap,) = gaps(hostile_server.requests("/429/1"))
    assert gap >= 1 - SLACK


def test_a_retry_after_longer_than_max_wait_is_reported_at_once(make_fetcher, hostile_server):
    fetcher = make_fetcher(retries=2, max_wait=2.0)
    error, took = timed_failure(fetcher, hostile_server.url_for("/429?after=3600"))
    assert (error.kind, error.status, error.retry_after) == ("status", 429, 3600)
    assert "3600 giây" in error.reason
    assert hostile_server.hits("/429") == 1
    assert took < 1


def test_a_refused_connection_is_retried_then_reported(make_fetcher):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error, took = timed_failure(make_fetcher(retries=1), f"http://127.0.0.1:{port}/tin-tuc")
    assert error.kind == "connect"
    assert took < 2


@pytest.mark.parametrize("url", ["ftp://example.vn/tep.txt", "không phải địa chỉ", "http://"])
def test_an_invalid_url_is_reported(fetcher, url):
    assert failure(fetcher, url).kind == "invalid_url"


def test_an_unexpected_exception_becomes_a_fetch_error(make_fetcher):
    def explode(request):
        raise RuntimeError("bug")

    fetcher = make_fetcher(transport=httpx.MockTransport(explode))
    error = failure(fetcher, "https://baothoisu.example.vn/")
    assert error.kind == "error"
    assert isinstance(error.__cause__, RuntimeError)


# --- conditional GET ---------------------------------------------------------------------------


def test_an_unchanged_page_answers_304_to_its_etag(fetcher, hostile_server):
    url = hostile_server.url_for("/etag")
    first = fetcher.fetch(url)
    again = fetcher.fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert (again.status, again.not_modified, again.content) == (304, True, b"")
    assert (again.etag, again.last_modified) == (ETAG, LAST_MODIFIED)
    assert hostile_server.requests("/etag")[-1].headers["if-none-match"] == ETAG


def test_an_unchanged_page_answers_304_to_its_last_modified(fetcher, hostile_server):
    url = hostile_server.url_for("/last-modified")
    first = fetcher.fetch(url)
    assert first.etag == ""
    again = fetcher.fetch(url, last_modified=first.last_modified)
    assert again.not_modified is True
    assert again.last_modified == LAST_MODIFIED
    assert hostile_server.requests("/last-modified")[-1].headers["if-modified-since"] == (
        LAST_MODIFIED
    )


def test_a_changed_page_is_fetched_again_despite_an_old_etag(fetcher, hostile_server):
    result = fetcher.fetch(hostile_server.url_for("/etag"), etag='"v0-cu"')
    assert (result.status, result.not_modified) == (200, False)


# --- charsets ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "charset"),
    [
        ("/charset/windows-1258", "windows-1258"),
        ("/charset/wrong", "utf-8"),
        ("/charset/missing", None),
        ("/charset/meta", None),
        ("/charset/latin1-header", "ISO-8859-1"),
        ("/charset/tcvn3", None),
    ],
)
def test_legacy_and_mislabelled_charsets_decode_to_vietnamese(
    fetcher, hostile_server, path, charset
):
    result = fetcher.fetch(hostile_server.url_for(path))
    assert result.charset == charset
    text = result.text()
    assert all(word in text for word in VIETNAMESE_WORDS), text[:300]


# --- robots.txt --------------------------------------------------------------------------------


def test_a_disallowed_path_is_refused_without_requesting_it(fetcher, hostile_server):
    error = failure(fetcher, hostile_server.url_for("/private/bao-cao"))
    assert error.kind == "robots"
    assert hostile_server.hits("/private/bao-cao") == 0


def test_a_redirect_into_a_disallowed_path_is_refused_before_the_hop(fetcher, hostile_server):
    error = failure(fetcher, hostile_server.url_for("/redirect-to?url=/private/bao-cao"))
    assert error.kind == "robots"
    assert hostile_server.hits("/redirect-to") == 1
    assert hostile_server.hits("/private/bao-cao") == 0


def test_robots_txt_is_fetched_once_per_origin_even_from_many_threads(make_fetcher, hostile_server):
    fetcher = make_fetcher(per_host=4)
    urls = [hostile_server.url_for(p) for p in ("/ok", "/etag", "/gzip", "/deflate")] * 3
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(fetcher.fetch, urls))
    assert all(result.status == 200 for result in results)
    assert hostile_server.hits("/robots.txt") == 1


def test_a_missing_robots_txt_allows_everything(fetcher, hostile_server):
    hostile_server.routes["/robots.txt"] = page("<h1>Không tìm thấy</h1>", status=404)
    assert fetcher.fetch(hostile_server.url_for("/private/bao-cao")).status == 200


def test_a_failing_robots_txt_disallows_everything(fetcher, hostile_server):
    hostile_server.routes["/robots.txt"] = page("<h1>Lỗi</h1>", status=500)
    error = failure(fetcher, hostile_server.url_for("/ok"))
    assert error.kind == "robots"
    assert "robots.txt" in error.reason and "500" in error.reason
    assert hostile_server.hits("/ok") == 0
    assert fetcher.robots(hostile_server.url_for("/")).allowed("/ok") is False


def test_the_group_for_our_product_token_applies(fetcher, hostile_server):
    robots = "User-agent: *\nDisallow: /\n\nUser-agent: TuyenGiaoSo\nDisallow: /etag\n"
    hostile_server.routes["/robots.txt"] = page(robots, content_type="text/plain")
    assert fetcher.fetch(hostile_server.url_for("/ok")).status == 200
    assert failure(fetcher, hostile_server.url_for("/etag")).kind == "robots"


def test_robots_can_be_ignored_when_asked(make_fetcher, hostile_server):
    fetcher = make_fetcher(respect_robots=False)
    assert fetcher.fetch(hostile_server.url_for("/private/bao-cao")).status == 200
    assert hostile_server.hits("/robots.txt") == 0


# --- politeness --------------------------------------------------------------------------------


def fetch_in_threads(fetcher, urls, workers=2):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fetcher.fetch, urls))


def test_requests_to_one_host_start_at_least_delay_apart_across_threads(
    make_fetcher, hostile_server
):
    fetcher = make_fetcher(delay=0.2)
    fetch_in_threads(fetcher, [hostile_server.url_for("/ok")] * 4)
    assert len(hostile_server.log) == 5  # robots.txt and four pages
    assert min(gaps(hostile_server.log)) >= 0.2 - SLACK


def test_crawl_delay_raises_the_delay(make_fetcher, hostile_server):
    robots = "User-agent: *\nCrawl-delay: 0.3\n"
    hostile_server.routes["/robots.txt"] = page(robots, content_type="text/plain")
    fetch_in_threads(make_fetcher(delay=0.0), [hostile_server.url_for("/ok")] * 3)
    assert min(gaps(hostile_server.requests("/ok"))) >= 0.3 - SLACK


def test_crawl_delay_is_capped_by_max_wait(make_fetcher, hostile_server):
    robots = "User-agent: *\nCrawl-delay: 3600\n"
    hostile_server.routes["/robots.txt"] = page(robots, content_type="text/plain")
    started = time.monotonic()
    fetch_in_threads(make_fetcher(max_wait=0.2), [hostile_server.url_for("/ok")] * 3)
    assert min(gaps(hostile_server.requests("/ok"))) >= 0.2 - SLACK
    assert time.monotonic() - started < 2


def test_at_most_per_host_requests_are_in_flight_to_one_host(make_fetcher, hostile_server):
    fetcher = make_fetcher(per_host=2)
    results = fetch_in_threads(fetcher, [hostile_server.url_for("/delay?s=0.3")] * 6, workers=6)
    assert len(results) == 6
    assert most_at_once(hostile_server.requests("/delay")) == 2


def test_two_hosts_are_fetched_side_by_side(make_fetcher, hostile_server, news_site):
    fetcher = make_fetcher(delay=1.0)
    fetch_in_threads(fetcher, [hostile_server.url_for("/ok"), news_site.home_url])
    (a,) = starts(hostile_server.requests("/ok"))
    (b,) = starts(news_site.server.requests("/"))
    assert abs(a - b) < 0.5  # one host's delay does not hold the other


def test_fetch_is_safe_from_many_threads_on_hostile_routes(make_fetcher, hostile_server):
    paths = ["/ok", "/truncated", "/binary", "/status/404", "/redirect-loop", "/charset/tcvn3",
             "/gzip-bomb", "/big", "/redirect-chain/2", "/429?after=3600"]  # fmt: skip
    fetcher = make_fetcher(per_host=4)
    outcomes: list[object] = []
    lock = threading.Lock()

    def fetch(path):
        try:
            outcome: object = fetcher.fetch(hostile_server.url_for(path)).status
        except FetchError as error:
            outcome = error.kind
        with lock:
            outcomes.append((path, outcome))

    with ThreadPoolExecutor(max_workers=5) as pool:
        list(pool.map(fetch, paths))
    assert dict(outcomes) == {
        "/ok": 200, "/truncated": "truncated", "/binary": "content_type", "/status/404": "status",
        "/redirect-loop": "redirects", "/charset/tcvn3": 200, "/gzip-bomb": "too_large",
        "/big": "too_large", "/redirect-chain/2": 200, "/429?after=3600": "status",
    }  # fmt: skip


# --- the fixture news sites --------------------------------------------------------------------


def test_tracking_parameters_and_old_links_lead_to_the_canonical_article(fetcher, news_site):
    article = news_site.url(1024101)
    assert fetcher.fetch(news_site.tracking_url(1024101)).final_url == article
    moved = fetcher.fetch(news_site.legacy_url(1024101))
    assert moved.final_url == article
    assert moved.redirects == (news_site.legacy_url(1024101),)


def test_the_news_site_keeps_crawlers_out_of_its_admin_pages(fetcher, news_site):
    assert failure(fetcher, news_site.base_url + "/admin/").kind == "robots"
    assert news_site.server.hits("/admin/") == 0
    policy = fetcher.robots(news_site.home_url)
    assert policy.crawl_delay == 0.1
    assert news_site.sitemap_url in policy.sitemaps


def test_the_removed_article_answers_410(fetcher, news_site):
    assert failure(fetcher, news_site.removed_url).status == 410


def test_the_syndicated_article_is_served_by_the_second_site(fetcher, news_site, news_site_b):
    original = fetcher.fetch(news_site.url(1024130)).text()
    copy = fetcher.fetch(news_site_b.url(5520031)).text()
    assert "Theo Báo Thời Sự Thủ Đô" in copy and "Theo Báo Thời Sự Thủ Đô" not in original
    assert "Nghị quyết số 35-NQ/TW ngày 22/10/2018" in original
    assert "Nghị quyết số 35-NQ/TW ngày 22/10/2018" in copy
