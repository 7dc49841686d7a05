"""One crawl pass over a source: feeds → new article links → pages → stored articles.

Pages are fetched by a pool of threads through the polite ``Fetcher`` (robots.txt, per-host
delay and concurrency, limits); everything touching the database happens in the calling
thread. A link is canonicalised before it is fetched and skipped when an article with that
address is stored, or when it failed within the last day. Every failure is recorded against
the source (``CrawlFailure``) and the pass goes on; the source's health is updated at the end.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from selectolax.lexbor import LexborHTMLParser

from tuyengiao.core.extract import extract_article
from tuyengiao.core.feeds import FeedError, parse_feed
from tuyengiao.core.text import DecodeError
from tuyengiao.core.urls import InvalidURLError, canonical_url, is_probably_article, same_site
from tuyengiao.documents.search import search_sync
from tuyengiao.press.fetch import Fetcher, FetchError, FetchOptions, FetchResult
from tuyengiao.press.ingest import ArticleInput, ArticleStore
from tuyengiao.press.models import Article, CrawlFailure, CrawlRun, Feed, Source
from tuyengiao.press.services import discover, feed_add

logger = logging.getLogger(__name__)

#: At most this many new articles are fetched from one source in one pass.
MAX_ARTICLES_PER_PASS = 200
#: A sitemap index lists many sitemaps; only the first few (the newest, on news sites) are read.
MAX_CHILD_SITEMAPS = 3
#: A link that failed is not tried again for this long.
RETRY_FAILED_AFTER = dt.timedelta(hours=24)
THREADS = 4

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    published: dt.datetime | None = None


def crawl_source(
    source: Source,
    *,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    limit: int = MAX_ARTICLES_PER_PASS,
    run: CrawlRun | None = None,
) -> CrawlRun:
    """Crawl ``source`` once; never raises for what a site sends, records it instead.

    ``run`` is a queued run to carry out (see ``tasks.crawl_enqueue``); by default a new one.
    """
    if run is None:
        run = CrawlRun.objects.create(source=source)
    else:
        run.status = CrawlRun.Status.RUNNING
        run.started_at = timezone.now()
        run.save(update_fields=["status", "started_at"])
    own = fetcher is None
    fetcher = fetcher or default_fetcher()
    try:
        _Pass(source, run, fetcher, progress).crawl(limit)
        run.status = CrawlRun.Status.DONE
    except Exception as exc:  # noqa: BLE001 — a bug must not stop the other sources
        logger.exception("crawl of %s failed", source.home_url)
        run.status = CrawlRun.Status.FAILED
        _failure(
            source, run, source.home_url, "internal", None, f"lỗi nội bộ ({type(exc).__name__})"
        )
    finally:
        if own:
            fetcher.close()
    run.finished_at = timezone.now()
    run.save()
    _health_update(source, run)
    if run.articles_new:
        search_sync()
    return run


def default_fetcher() -> Fetcher:
    """A fetcher with the configured user agent and per-host delay."""
    return Fetcher(
        FetchOptions(
            user_agent=settings.TUYENGIAO_USER_AGENT, delay=settings.TUYENGIAO_CRAWL_DELAY
        )
    )


class _Pass:
    def __init__(self, source: Source, run: CrawlRun, fetcher: Fetcher, progress):
        self.source, self.run, self.fetcher = source, run, fetcher
        self.progress = progress or (lambda done, total: None)
        self.saved_at = 0.0

    def crawl(self, limit: int) -> None:
        if not self.source.feeds.filter(active=True).exists():
            self.discover()
        links: dict[str, Link] = {}
        for feed in self.source.feeds.filter(active=True):
            for link in self.feed_links(feed):
                links.setdefault(link.url, link)
        fresh = self.unseen(list(links.values()))[:limit]
        self.run.pages_total = len(fresh)
        self.run.save(update_fields=["pages_total", "requests", "errors", "articles_seen"])
        self.progress(0, len(fresh))
        store = ArticleStore()
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            futures = {pool.submit(_fetch, self.fetcher, link.url): link for link in fresh}
            for done, future in enumerate(as_completed(futures), 1):
                link, result = futures[future], future.result()
                self.run.requests += 1
                if isinstance(result, FetchError):
                    self.fail(link.url, result.kind, result.status, result.reason)
                else:
                    self.store_page(store, link, result)
                self.progress(done, len(fresh))
                self.save_progress(done)

    def save_progress(self, done: int) -> None:
        """Let the source's page show how far the pass has got (at most twice a second)."""
        self.run.pages_done = done
        if time.monotonic() - self.saved_at > 0.5 or done == self.run.pages_total:
            self.saved_at = time.monotonic()
            self.run.save(
                update_fields=["pages_done", "requests", "errors", "articles_new", "articles_seen"]
            )

    # --- links --------------------------------------------------------------------------

    def discover(self) -> None:
        home = self.fetch(self.source.home_url)
        if home is None:
            return
        try:
            html = home.text()
        except DecodeError as exc:
            self.fail(self.source.home_url, "decode", None, exc.reason)
            return
        sitemaps = self.fetcher.robots(self.source.home_url).sitemaps
        found = discover(html, home_url=home.final_url, robots_sitemaps=sitemaps)
        for url in found.feeds:
            feed_add(source=self.source, url=url, actor=None, kind=Feed.Kind.FEED)
        for url in found.sitemaps:
            feed_add(source=self.source, url=url, actor=None, kind=Feed.Kind.SITEMAP)
        if not found.feeds and not found.sitemaps:
            feed_add(source=self.source, url=home.final_url, actor=None, kind=Feed.Kind.SECTION)
            for url in found.sections:
                feed_add(source=self.source, url=url, actor=None, kind=Feed.Kind.SECTION)

    def feed_links(self, feed: Feed) -> list[Link]:
        result = self.fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        feed.last_checked_at = timezone.now()
        if result is None:
            feed.last_error = self.run_last_error
            feed.save(update_fields=["last_checked_at", "last_error"])
            return []
        feed.etag, feed.last_modified = result.etag[:255], result.last_modified[:64]
        feed.last_error = ""
        feed.save(update_fields=["last_checked_at", "last_error", "etag", "last_modified"])
        if result.not_modified:
            return []
        if feed.kind == Feed.Kind.SECTION:
            return self.page_links(result)
        return self.listed_links(feed.url, result.content, result.final_url, depth=0)

    def listed_links(self, url: str, content: bytes, base: str, *, depth: int) -> list[Link]:
        try:
            parsed = parse_feed(content, base_url=base)
        except FeedError as exc:
            self.fail(url, "feed", None, exc.reason)
            return []
        # A sitemap lists every page of a site (home, sections); a feed lists articles.
        sitemap = parsed.kind not in ("rss", "atom")
        links = [
            Link(e.url, e.published)
            for e in parsed.entries
            if self.own(e.url) and (not sitemap or is_probably_article(e.url))
        ]
        if depth == 0:
            for child in parsed.sitemaps[:MAX_CHILD_SITEMAPS]:
                result = self.fetch(child)
                if result is not None and not result.not_modified:
                    links += self.listed_links(child, result.content, result.final_url, depth=1)
        links.sort(key=lambda link: link.published or _EPOCH, reverse=True)
        return links

    def page_links(self, result: FetchResult) -> list[Link]:
        try:
            tree = LexborHTMLParser(result.text())
        except DecodeError as exc:
            self.fail(result.final_url, "decode", None, exc.reason)
            return []
        links = []
        for node in tree.css("a[href]"):
            try:
                url = canonical_url(node.attributes.get("href") or "", base=result.final_url)
            except InvalidURLError:
                continue
            if self.own(url) and is_probably_article(url):
                links.append(Link(url))
        return links

    def own(self, url: str) -> bool:
        return same_site(url, self.source.home_url)

    def unseen(self, links: list[Link]) -> list[Link]:
        """Links not stored yet and not failed lately, each once."""
        urls = [link.url for link in links]
        stored, failed = set(), set()
        for start in range(0, len(urls), 500):
            chunk = urls[start : start + 500]
            stored |= set(Article.objects.filter(url__in=chunk).values_list("url", flat=True))
            failed |= set(
                CrawlFailure.objects.filter(
                    url__in=chunk, at__gte=timezone.now() - RETRY_FAILED_AFTER
                ).values_list("url", flat=True)
            )
        self.run.articles_seen += len(stored)
        return [link for link in links if link.url not in stored and link.url not in failed]

    # --- pages --------------------------------------------------------------------------

    def fetch(self, url: str, **conditional) -> FetchResult | None:
        """Fetch ``url``; a failure is recorded and gives None."""
        self.run.requests += 1
        result = _fetch(self.fetcher, url, **conditional)
        if isinstance(result, FetchError):
            self.fail(url, result.kind, result.status, result.reason)
            return None
        return result

    def store_page(self, store: ArticleStore, link: Link, result: FetchResult) -> None:
        try:
            page = extract_article(result.text(), url=result.final_url)
        except DecodeError as exc:
            self.fail(link.url, "decode", None, exc.reason)
            return
        if not page.text.strip():
            self.fail(link.url, "empty", None, "không tìm thấy nội dung bài viết trên trang")
            return
        url = link.url
        if page.canonical_url and page.canonical_url != url:
            try:
                named = canonical_url(page.canonical_url, base=result.final_url)
            except InvalidURLError:
                named = url
            url = named if self.own(named) else url
        outcome = store.store(
            ArticleInput(
                title=page.title or "",
                text=page.text,
                lead=page.lead or "",
                url=url,
                published=page.published or link.published,
                updated=page.updated,
                author=page.author or "",
                section=page.section or "",
                source=self.source,
                size=len(result.content),
            )
        )
        if outcome.status == "created":
            self.run.articles_new += 1
        elif outcome.status == "unchanged":
            self.run.articles_seen += 1
        else:
            self.fail(link.url, "store", None, outcome.message)

    # --- failures -----------------------------------------------------------------------

    run_last_error = ""

    def fail(self, url: str, kind: str, status: int | None, reason: str) -> None:
        self.run.errors += 1
        self.run_last_error = reason
        _failure(self.source, self.run, url, kind, status, reason)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _fetch(fetcher: Fetcher, url: str, **conditional) -> FetchResult | FetchError:
    """Fetch in a pool thread: no database here, the failure is returned."""
    try:
        return fetcher.fetch(url, **conditional)
    except FetchError as exc:
        return exc


def _failure(source, run, url: str, kind: str, status: int | None, reason: str) -> None:
    CrawlFailure.objects.create(
        source=source, run=run, url=url[:1000], kind=kind[:24], status=status, reason=reason
    )


def _health_update(source: Source, run: CrawlRun) -> None:
    now = timezone.now()
    fields = {
        "last_crawl_at": now,
        "next_crawl_at": now + dt.timedelta(minutes=source.interval_minutes),
    }
    if run.status == CrawlRun.Status.DONE and run.errors < max(run.requests, 1):
        fields["last_success_at"] = now
    last = run.failures.order_by("-at", "-id").first()
    if last is not None:
        fields["last_error_at"] = last.at
        fields["last_error"] = f"{last.url}: {last.reason}"[:2000]
    Source.objects.filter(pk=source.pk).update(**fields)
    for key, value in fields.items():
        setattr(source, key, value)


def error_rate(source: Source, *, days: int = 7) -> float | None:
    """Share of the requests of the last ``days`` that failed; None when nothing was tried."""
    since = timezone.now() - dt.timedelta(days=days)
    totals = source.runs.filter(started_at__gte=since).aggregate(
        requests=Sum("requests"), errors=Sum("errors")
    )
    if not totals["requests"]:
        return None
    return min(1.0, totals["errors"] / totals["requests"])
