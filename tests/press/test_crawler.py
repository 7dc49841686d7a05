"""Crawl passes over the fixture news sites and the hostile server: articles stored once,
every failure recorded against its source, nothing hangs."""

import pytest

from tuyengiao.documents.models import Citation
from tuyengiao.press.crawler import crawl_source, error_rate
from tuyengiao.press.fetch import Fetcher, FetchOptions
from tuyengiao.press.models import Article, CrawlFailure, CrawlRun, Feed
from tuyengiao.press.services import feed_add, source_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def fetcher():
    with Fetcher(FetchOptions(delay=0.01, timeout=2.0, retries=1, backoff=0.05)) as f:
        yield f


def test_a_first_crawl_discovers_feeds_and_stores_each_article_once(tree, news_site, fetcher):
    source = source_add(actor=None, url=news_site.home_url, name="Báo Thời Sự Thủ Đô")
    run = crawl_source(source, fetcher=fetcher)
    assert run.status == CrawlRun.Status.DONE
    kinds = set(source.feeds.values_list("kind", flat=True))
    assert {Feed.Kind.FEED, Feed.Kind.SITEMAP} <= kinds
    stored = set(Article.objects.filter(source=source).values_list("url", flat=True))
    assert stored == set(news_site.article_urls)  # tracking variants canonicalised away
    assert run.articles_new == len(news_site.article_urls)
    # The removed article (410) is a failure recorded against the source, not a crash.
    failure = CrawlFailure.objects.get(source=source, url=news_site.removed_url)
    assert failure.status == 410 and failure.reason
    source.refresh_from_db()
    assert source.last_success_at is not None and "1024207" in source.last_error
    article = Article.objects.get(url=news_site.url(1024130))
    assert article.published is not None and article.author
    designations = set(
        Citation.objects.filter(record=article.record).values_list("designation", flat=True)
    )
    assert {"112-KH/TU", "47-CT/TW", "35-NQ/TW"} <= designations


def test_a_second_pass_fetches_nothing_new_and_uses_conditional_requests(tree, news_site, fetcher):
    source = source_add(actor=None, url=news_site.home_url)
    crawl_source(source, fetcher=fetcher)
    before = len(news_site.server.log)
    run = crawl_source(source, fetcher=fetcher)
    assert run.articles_new == 0
    article_paths = {u.split(news_site.base_url, 1)[1] for u in news_site.article_urls}
    refetched = [r for r in news_site.server.log[before:] if r.path in article_paths]
    assert refetched == []
    feed_requests = [r for r in news_site.server.log[before:] if r.path == "/rss/home.rss"]
    assert feed_requests and any(
        "if-none-match" in r.headers or "if-modified-since" in r.headers for r in feed_requests
    )


def test_a_syndicated_copy_on_another_site_joins_the_original_story(
    tree, news_site, news_site_b, fetcher
):
    a = source_add(actor=None, url=news_site.home_url, name="A")
    b = source_add(actor=None, url=news_site_b.home_url, name="B")
    crawl_source(a, fetcher=fetcher)
    crawl_source(b, fetcher=fetcher)
    original = Article.objects.get(url=news_site.url(1024130))
    copy = Article.objects.get(url=news_site_b.url(5520031))
    assert copy.duplicate_of == original and copy.story_id == original.story_id


def test_robots_disallowed_pages_are_never_requested(tree, news_site, fetcher):
    source = source_add(actor=None, url=news_site.home_url)
    feed_add(source=source, url=news_site.base_url + "/admin/bai-nhap.html", actor=None)
    crawl_source(source, fetcher=fetcher)
    assert not [r for r in news_site.server.log if r.path.startswith("/admin/")]
    assert CrawlFailure.objects.filter(source=source, kind="robots").exists()


def test_a_hostile_site_is_recorded_not_fatal(tree, hostile_server, fetcher):
    source = source_add(actor=None, url=hostile_server.url_for("/"), name="Trang lỗi")
    for path in ("/slow", "/redirect-loop", "/truncated", "/gzip-bomb", "/status/500", "/binary"):
        feed_add(source=source, url=hostile_server.url_for(path), actor=None, kind=Feed.Kind.FEED)
    run = crawl_source(source, fetcher=fetcher)
    assert run.status == CrawlRun.Status.DONE and run.articles_new == 0
    kinds = set(CrawlFailure.objects.filter(source=source).values_list("kind", flat=True))
    assert {"timeout", "redirects", "truncated", "too_large", "status", "content_type"} <= kinds
    source.refresh_from_db()
    assert source.last_success_at is None and source.last_error
    assert error_rate(source) == 1.0


def test_an_unreachable_site_is_a_failed_pass_with_its_reason(tree, fetcher):
    source = source_add(actor=None, url="http://127.0.0.1:9/", name="Không tới được")
    run = crawl_source(source, fetcher=fetcher)
    assert run.errors == 1 and run.articles_new == 0
    failure = CrawlFailure.objects.get(source=source)
    assert failure.kind == "connect" and "kết nối" in failure.reason
