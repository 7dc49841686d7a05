"""API for the press: sources and their health, articles, topics and their daily coverage."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from tuyengiao.press.models import Article, Topic
from tuyengiao.press.selectors import article_list, source_health_rows, topic_coverage, topic_rows

router = Router(tags=["Báo chí"])


class SourceOut(Schema):
    id: int
    name: str
    home_url: str
    active: bool
    interval_minutes: int
    articles: int
    last_success_at: dt.datetime | None
    error_rate: float | None
    last_error: str


@router.get("/sources", response=list[SourceOut], summary="Nguồn tin và tình trạng")
def sources(request):
    return [
        {
            "id": h.source.pk,
            "name": h.source.name,
            "home_url": h.source.home_url,
            "active": h.source.active,
            "interval_minutes": h.source.interval_minutes,
            "articles": h.articles,
            "last_success_at": h.source.last_success_at,
            "error_rate": h.error_rate,
            "last_error": h.source.last_error,
        }  # fmt: skip
        for h in source_health_rows()
    ]


class ArticleOut(Schema):
    id: int
    title: str
    url: str
    source_id: int | None
    published: dt.datetime | None
    author: str
    lead: str
    duplicate_of_id: int | None
    story_id: int | None


class ArticleFilter(Schema):
    source: int | None = None
    topic: int | None = None
    unit: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    limit: int = 50
    offset: int = 0


@router.get("/articles", response=list[ArticleOut], summary="Tin, bài (mới nhất trước)")
def articles(request, filters: Query[ArticleFilter]):
    qs = article_list(
        source=filters.source, topic=filters.topic, unit=filters.unit,
        start=filters.date_from, end=filters.date_to,
    )  # fmt: skip
    limit = max(0, min(filters.limit, 500))
    return list(qs[filters.offset : filters.offset + limit])


class ArticleDetailOut(ArticleOut):
    text: str
    documents: list[str]
    units: list[int]


@router.get("/articles/{article_id}", response=ArticleDetailOut, summary="Một tin, bài")
def article(request, article_id: int):
    item = get_object_or_404(Article.objects.select_related("record"), pk=article_id)
    cited = item.record.citations.filter(document__isnull=False)
    return {
        **{f: getattr(item, f) for f in ArticleOut.model_fields},
        "text": item.record.text,
        "documents": sorted(set(cited.values_list("designation", flat=True))),
        "units": list(item.units.values_list("pk", flat=True)),
    }


class TopicOut(Schema):
    id: int
    name: str
    query: str
    active: bool
    articles: int
    stories: int


@router.get("/topics", response=list[TopicOut], summary="Chủ đề tuyên truyền")
def topics(request):
    return [
        {
            "id": r["topic"].pk,
            "name": r["topic"].name,
            "query": r["topic"].query,
            "active": r["topic"].active,
            "articles": r["articles"],
            "stories": r["stories"],
        }  # fmt: skip
        for r in topic_rows()
    ]


class DayOut(Schema):
    day: dt.date
    articles: int
    stories: int


class CoverageOut(Schema):
    topic_id: int
    start: dt.date
    end: dt.date
    articles: int
    stories: int
    days: list[DayOut]


@router.get(
    "/topics/{topic_id}/coverage", response=CoverageOut, summary="Độ phủ của chủ đề theo ngày"
)
def coverage(
    request, topic_id: int, date_from: dt.date | None = None, date_to: dt.date | None = None
):
    topic = get_object_or_404(Topic, pk=topic_id)
    c = topic_coverage(topic, start=date_from, end=date_to)
    return {
        "topic_id": topic.pk, "start": c.start, "end": c.end, "articles": c.articles,
        "stories": c.stories,
        "days": [{"day": r.key, "articles": r.articles, "stories": r.stories} for r in c.days],
    }  # fmt: skip
