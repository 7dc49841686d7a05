"""Writes of the press app: sources and their feeds, topics. Each is transactional and audited."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from tuyengiao.accounts.services import audit_record
from tuyengiao.core.feeds import discover_feeds
from tuyengiao.core.topics import TopicQueryError, parse_topic_query
from tuyengiao.core.urls import InvalidURLError, canonical_url, same_site, url_host
from tuyengiao.org.models import Unit
from tuyengiao.press.models import Feed, Source, Topic


class PressError(Exception):
    """A request the press app refuses; ``reason`` is shown to the user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


MIN_INTERVAL = 5
MAX_INTERVAL = 7 * 24 * 60


def source_url(url: str) -> str:
    """A news site's home page address, canonical; ``PressError`` when it is not one."""
    text = (url or "").strip()
    if text and "://" not in text:
        text = "https://" + text
    try:
        return canonical_url(text)
    except InvalidURLError as exc:
        raise PressError(f"Địa chỉ «{url}» không phải trang web hợp lệ (http, https).") from exc


def source_add(
    *,
    actor,
    url: str,
    name: str = "",
    owner_unit: Unit | None = None,
    interval_minutes: int = 60,
    feeds: list[str] | None = None,
) -> Source:
    """Add a news site to watch. Its feeds are discovered on its first crawl (or given)."""
    home = source_url(url)
    _check_interval(interval_minutes)
    if Source.objects.filter(home_url=home).exists():
        raise PressError(f"Nguồn tin {home} đã có trong danh sách.")
    with transaction.atomic():
        source = Source.objects.create(
            name=(name or "").strip()[:200] or url_host(home),
            home_url=home,
            host=url_host(home),
            owner_unit=owner_unit,
            interval_minutes=interval_minutes,
            next_crawl_at=timezone.now(),
        )
        for feed_url in feeds or []:
            feed_add(source=source, url=feed_url, actor=None)
        audit_record(actor=actor, action="source_add", obj=source, after={"url": home})
    return source


def source_update(*, actor, source: Source, **changes) -> Source:
    """Change a source's name, schedule or whether it is watched."""
    allowed = {"name", "active", "interval_minutes", "owner_unit"}
    unknown = set(changes) - allowed
    if unknown:
        raise PressError(f"Không sửa được trường {', '.join(sorted(unknown))}.")
    if "interval_minutes" in changes:
        _check_interval(changes["interval_minutes"])
    before = {k: str(getattr(source, k)) for k in changes}
    with transaction.atomic():
        for key, value in changes.items():
            setattr(source, key, value)
        if changes.get("active"):
            source.next_crawl_at = timezone.now()
        source.save()
        audit_record(
            actor=actor,
            action="source_update",
            obj=source,
            before=before,
            after={k: str(v) for k, v in changes.items()},
        )
    return source


def _check_interval(minutes: int) -> None:
    if not MIN_INTERVAL <= minutes <= MAX_INTERVAL:
        raise PressError(
            f"Chu kỳ thu thập {minutes} phút không hợp lệ: "
            f"từ {MIN_INTERVAL} phút đến {MAX_INTERVAL // 1440} ngày."
        )


def feed_add(*, source: Source, url: str, actor, kind: str = "") -> Feed:
    """Add a feed, sitemap or section page of ``source`` (once)."""
    try:
        canonical = canonical_url(url.strip(), base=source.home_url)
    except InvalidURLError as exc:
        raise PressError(f"Địa chỉ «{url}» không phải trang web hợp lệ (http, https).") from exc
    kind = kind or feed_kind(canonical)
    feed, created = Feed.objects.get_or_create(
        source=source, url=canonical[:1000], defaults={"kind": kind}
    )
    if created and actor is not None:
        audit_record(actor=actor, action="feed_add", obj=source, after={"feed": canonical})
    return feed


def feed_kind(url: str) -> str:
    lowered = url.lower().split("?", 1)[0]
    if "sitemap" in lowered or lowered.endswith((".xml.gz", "/sitemap.xml")):
        return Feed.Kind.SITEMAP
    if lowered.endswith((".rss", ".xml", "/rss", "/feed", ".atom")) or "/rss/" in lowered:
        return Feed.Kind.FEED
    return Feed.Kind.SECTION


@dataclass
class Discovery:
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)


def discover(home_html: str, *, home_url: str, robots_sitemaps: list[str]) -> Discovery:
    """What a home page and robots.txt tell of a site's feeds, sitemaps and sections."""
    from selectolax.lexbor import LexborHTMLParser

    found = Discovery(feeds=discover_feeds(home_html, base_url=home_url))
    found.sitemaps = [u for u in robots_sitemaps if same_site(u, home_url)]
    tree = LexborHTMLParser(home_html)
    seen = set(found.feeds) | set(found.sitemaps) | {home_url}
    for node in tree.css("nav a[href], header a[href], .menu a[href]"):
        try:
            url = canonical_url(node.attributes.get("href") or "", base=home_url)
        except InvalidURLError:
            continue
        path = url.split("://", 1)[-1].partition("/")[2].strip("/")
        if same_site(url, home_url) and path and path.count("/") == 0 and url not in seen:
            seen.add(url)
            found.sections.append(url)
    found.sections = found.sections[:30]
    return found


def topic_save(
    *,
    actor,
    name: str,
    query: str,
    topic: Topic | None = None,
    owner_unit: Unit | None = None,
    sources=(),
    units=(),
    start=None,
    active: bool = True,
) -> Topic:
    """Create or change a topic; its matches are computed again by ``topic_rematch``."""
    name = (name or "").strip()
    if not name:
        raise PressError("Chủ đề cần có tên.")
    try:
        parse_topic_query(query)
    except TopicQueryError as exc:
        raise PressError(exc.reason) from exc
    creating = topic is None
    topic = topic or Topic()
    before = {} if creating else {"name": topic.name, "query": topic.query}
    with transaction.atomic():
        topic.name, topic.query = name[:200], query.strip()
        topic.owner_unit = owner_unit if creating else topic.owner_unit
        topic.start, topic.active = start, active
        topic.matched_at = None
        topic.save()
        topic.sources.set(sources)
        topic.units.set(units)
        audit_record(
            actor=actor,
            action="topic_create" if creating else "topic_update",
            obj=topic,
            before=before,
            after={"name": topic.name, "query": topic.query},
        )
    return topic
