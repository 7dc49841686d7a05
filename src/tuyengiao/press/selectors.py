"""Reads of the press app: source health, coverage of topics, emerging items, articles."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from tuyengiao.core.emerging import detect_spikes, emerging_phrases, phrase_doc_freq
from tuyengiao.documents.models import Document
from tuyengiao.press.crawler import error_rate
from tuyengiao.press.models import Article, CrawlRun, Source, Topic, TopicMatch


def stories_count(prefix: str = ""):
    """Distinct stories among articles (``prefix`` leads from the rows counted to an article):
    the stories stored, plus each article alone in its story (it has none stored)."""
    alone = Q(**{f"{prefix}story__isnull": True})
    article = prefix.rstrip("_") or "pk"
    return Count(f"{prefix}story", distinct=True) + Count(article, filter=alone, distinct=True)


def article_stories(articles: QuerySet[Article]) -> int:
    """How many distinct stories ``articles`` are about."""
    return articles.aggregate(n=stories_count())["n"]


# --- sources --------------------------------------------------------------------------------


@dataclass
class SourceHealth:
    source: Source
    articles: int
    error_rate: float | None
    running: CrawlRun | None

    @property
    def state(self) -> str:
        """ok | warn | bad | new, for the badge."""
        if self.source.last_crawl_at is None:
            return "new"
        if self.source.last_success_at is None or (self.error_rate or 0) >= 0.5:
            return "bad"
        return "warn" if (self.error_rate or 0) >= 0.1 else "ok"

    @property
    def state_label(self) -> str:
        return {
            "new": "chưa thu thập",
            "bad": "lỗi",
            "warn": "có lỗi",
            "ok": "tốt",
        }[self.state]


def source_health_rows(sources: QuerySet[Source] | None = None) -> list[SourceHealth]:
    sources = (sources if sources is not None else Source.objects.all()).annotate(
        article_total=Count("articles")
    )
    busy = {
        run.source_id: run
        for run in CrawlRun.objects.filter(
            status__in=(CrawlRun.Status.QUEUED, CrawlRun.Status.RUNNING)
        ).order_by("started_at")
    }
    return [SourceHealth(s, s.article_total, error_rate(s), busy.get(s.pk)) for s in sources]


# --- coverage -------------------------------------------------------------------------------


@dataclass
class CoverageRow:
    key: object
    label: str
    articles: int
    stories: int


@dataclass
class Coverage:
    """A topic's coverage: totals, per day (every day of the range), per source, per unit."""

    topic: Topic
    start: dt.date
    end: dt.date
    articles: int = 0
    stories: int = 0
    days: list[CoverageRow] = field(default_factory=list)
    sources: list[CoverageRow] = field(default_factory=list)
    units: list[CoverageRow] = field(default_factory=list)

    @property
    def peak(self) -> int:
        return max((row.articles for row in self.days), default=0)


def topic_matches(topic: Topic, start: dt.date | None = None, end: dt.date | None = None):
    matches = TopicMatch.objects.filter(topic=topic)
    if start:
        matches = matches.filter(day__gte=start)
    if end:
        matches = matches.filter(day__lte=end)
    return matches


def topic_coverage(topic: Topic, *, start: dt.date | None = None, end: dt.date | None = None):
    """Counts of articles and distinct stories, per day, source and unit mentioned.

    Without ``start``, the range runs from the first matched article (at most a year back,
    at least 30 days) to ``end``, by default the last matched day.
    """
    bounds = topic_matches(topic).aggregate(first=Min("day"), last=Max("day"))
    end = end or bounds["last"] or timezone.localdate()
    if start is None:  # the whole campaign, up to a year, and at least a month
        first = bounds["first"] or end
        start = max(min(first, end - dt.timedelta(days=29)), end - dt.timedelta(days=365))
    matches = topic_matches(topic, start, end)
    totals = matches.aggregate(
        articles=Count("article", distinct=True),
        stories=stories_count("article__"),
    )
    coverage = Coverage(topic, start, end, totals["articles"], totals["stories"])
    per_day = {
        row["day"]: row
        for row in matches.values("day").annotate(
            articles=Count("article", distinct=True),
            stories=stories_count("article__"),
        )
    }
    day = start
    while day <= end:
        row = per_day.get(day, {})
        coverage.days.append(
            CoverageRow(day, f"{day:%d/%m}", row.get("articles", 0), row.get("stories", 0))
        )
        day += dt.timedelta(days=1)
    coverage.sources = [
        CoverageRow(r["article__source"], r["article__source__name"] or "Không rõ nguồn",
                    r["articles"], r["stories"])
        for r in matches.values("article__source", "article__source__name")
        .annotate(
            articles=Count("article", distinct=True),
            stories=stories_count("article__"),
        )
        .order_by("-articles", "article__source__name")
    ]  # fmt: skip
    coverage.units = [
        CoverageRow(r["article__units"], r["article__units__name"], r["articles"], r["stories"])
        for r in matches.filter(article__units__isnull=False)
        .values("article__units", "article__units__name")
        .annotate(
            articles=Count("article", distinct=True),
            stories=stories_count("article__"),
        )
        .order_by("-articles", "article__units__name")[:50]
    ]
    return coverage


def topic_rows(topics: QuerySet[Topic] | None = None, *, days: int = 7) -> list[dict]:
    """Each topic with its article and story totals, and those of the last ``days`` days."""
    since = timezone.localdate() - dt.timedelta(days=days - 1)
    topics = (topics if topics is not None else Topic.objects.all()).annotate(
        articles=Count("matches", distinct=True),
        stories=stories_count("matches__article__"),
        recent=Count("matches", filter=Q(matches__day__gte=since), distinct=True),
    )
    return [
        {"topic": t, "articles": t.articles, "stories": t.stories, "recent": t.recent}
        for t in topics
    ]


# --- emerging -------------------------------------------------------------------------------


@dataclass
class EmergingTopic:
    topic: Topic
    count: int
    baseline: float
    articles: list[Article]


@dataclass
class EmergingPhrase:
    phrase: str
    count: int
    baseline: float
    articles: list[Article]


def emerging_topics(today: dt.date | None = None, *, baseline_days: int = 28):
    """Active topics whose count today rises well above their own baseline."""
    today = today or latest_day()
    if today is None:
        return []
    start = today - dt.timedelta(days=baseline_days)
    found = []
    for topic in Topic.objects.filter(active=True):
        counts = dict(
            topic_matches(topic, start, today)
            .values_list("day")
            .annotate(n=Count("article", distinct=True))
        )
        spike = detect_spikes(counts, today=today, baseline_days=baseline_days)
        if spike is not None:
            articles = list(
                Article.objects.filter(topic_matches__topic=topic, day=today)
                .select_related("source")
                .order_by("-published")[:5]
            )
            found.append(EmergingTopic(topic, spike.count, spike.baseline, articles))
    return sorted(found, key=lambda e: e.count, reverse=True)


def emerging_phrase_rows(today: dt.date | None = None, *, history_days: int = 14, top: int = 8):
    """Phrases in today's headlines and leads much more frequent than in the days before."""
    today = today or latest_day()
    if today is None:
        return []
    todays = list(
        Article.objects.filter(day=today, duplicate_of__isnull=True).only("pk", "title", "lead")
    )
    if len(todays) < 3:
        return []
    history: Counter[str] = Counter()
    start = today - dt.timedelta(days=history_days)
    past = Article.objects.filter(day__gte=start, day__lt=today, duplicate_of__isnull=True)
    days = max(1, past.values("day").distinct().count())
    history.update(phrase_doc_freq(f"{t}\n{lead}" for t, lead in past.values_list("title", "lead")))
    docs = [f"{a.title}\n{a.lead}" for a in todays]
    spikes = emerging_phrases(docs, history, days, top=top)
    return [
        EmergingPhrase(s.phrase, s.count, s.baseline, [todays[i] for i in s.docs[:5]])
        for s in spikes
    ]


def latest_day() -> dt.date | None:
    """The last day with articles (today, on a live install)."""
    return Article.objects.aggregate(last=Max("day"))["last"]


# --- articles -------------------------------------------------------------------------------


def article_list(
    *,
    source: int | None = None,
    topic: int | None = None,
    unit: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[Article]:
    articles = Article.objects.select_related("source", "story")
    if source:
        articles = articles.filter(source_id=source)
    if topic:
        articles = articles.filter(topic_matches__topic_id=topic)
    if unit:
        articles = articles.filter(units__id=unit)
    if start:
        articles = articles.filter(day__gte=start)
    if end:
        articles = articles.filter(day__lte=end)
    return articles.order_by("-published", "-id")


def document_coverage(document: Document, *, limit: int = 20):
    """Articles citing ``document`` (newest first) and their count per month."""
    articles = (
        Article.objects.filter(record__citations__document=document)
        .select_related("source")
        .distinct()
    )
    months = Counter(day.strftime("%m/%Y") for day in articles.values_list("day", flat=True) if day)
    ordered = sorted(months.items(), key=lambda kv: (kv[0][3:], kv[0][:2]))
    return list(articles.order_by("-published", "-id")[:limit]), articles.count(), ordered


def press_summary(*, user) -> dict:
    """The press part of a department's dashboard: its campaigns' coverage, what is emerging,
    and the health of the sources watched."""
    topics = Topic.objects.filter(active=True)
    if user.scope_unit is not None and not user.is_platform_admin:
        ancestors = [int(pk) for pk in user.scope_unit.path.strip("/").split("/") if pk]
        topics = topics.filter(
            Q(owner_unit__isnull=True)
            | Q(owner_unit__path__startswith=user.scope_unit.path)
            | Q(owner_unit__in=ancestors)
        )
    health = source_health_rows()
    order = {"bad": 0, "warn": 1, "new": 2, "ok": 3}
    return {
        "campaigns": sorted(topic_rows(topics), key=lambda r: -r["recent"])[:8],
        "emerging_topics": emerging_topics(),
        "emerging_phrases": emerging_phrase_rows(),
        "source_health": sorted(health, key=lambda h: order[h.state])[:8],
        "source_count": len(health),
    }
