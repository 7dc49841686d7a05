"""Matching articles to topics: each new article as it is stored, or a whole topic again.

A topic matches an article when its query does (``core.topics``), the article is from one of
the topic's sources (if it names any), mentions one of its units or a unit below them (if it
names any), and was published on or after its start day (if it has one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tuyengiao.core.topics import Query, parse_topic_query, prepare_text
from tuyengiao.org.models import Unit
from tuyengiao.press.models import Article, Topic, TopicMatch


@dataclass(frozen=True, slots=True)
class _Scope:
    topic_id: int
    query: Query
    sources: frozenset[int]
    unit_paths: tuple[str, ...]
    start: dt.date | None

    @classmethod
    def of(cls, topic: Topic) -> _Scope:
        return cls(
            topic.pk,
            parse_topic_query(topic.query),
            frozenset(topic.sources.values_list("pk", flat=True)),
            tuple(topic.units.values_list("path", flat=True)),
            topic.start,
        )

    def admits(self, article: Article, paths: list[str]) -> bool:
        if self.sources and article.source_id not in self.sources:
            return False
        if self.start and (article.day is None or article.day < self.start):
            return False
        return not self.unit_paths or any(p.startswith(u) for p in paths for u in self.unit_paths)


class TopicMatcher:
    """The active topics, loaded once, matched against each new article."""

    def __init__(self) -> None:
        self._scopes: list[_Scope] | None = None

    def _load(self) -> list[_Scope]:
        if self._scopes is None:
            topics = Topic.objects.filter(active=True).prefetch_related("sources", "units")
            self._scopes = [_Scope.of(t) for t in topics]
        return self._scopes

    def match(self, article: Article, text: str, unit_ids: set[int]) -> list[int]:
        """Record the topics ``article`` matches; returns their ids."""
        scopes = self._load()
        if not scopes:
            return []
        prepared = prepare_text(text)
        paths: list[str] = []
        if unit_ids and any(s.unit_paths for s in scopes):
            paths = list(Unit.objects.filter(pk__in=unit_ids).values_list("path", flat=True))
        matched = [
            s.topic_id for s in scopes if s.admits(article, paths) and s.query.matches(prepared)
        ]
        TopicMatch.objects.bulk_create(
            TopicMatch(topic_id=t, article=article, day=article.day) for t in matched
        )
        return matched


def topic_rematch(topic: Topic, *, chunk: int = 1000) -> int:
    """Match every stored article against ``topic`` again; returns the number matched."""
    scope = _Scope.of(topic)
    articles = Article.objects.order_by("pk").select_related("record")
    if scope.sources:
        articles = articles.filter(source__in=scope.sources)
    if scope.start:
        articles = articles.filter(day__gte=scope.start)
    matched = 0
    with transaction.atomic():
        TopicMatch.objects.filter(topic=topic).delete()
        last = 0
        while True:
            rows = list(
                articles.filter(pk__gt=last).only("pk", "day", "source_id", "record__text")[:chunk]
            )
            if not rows:
                break
            last = rows[-1].pk
            paths = _unit_paths(rows) if scope.unit_paths else {}
            hits = [
                TopicMatch(topic=topic, article=a, day=a.day)
                for a in rows
                if scope.admits(a, paths.get(a.pk, []))
                and scope.query.matches(prepare_text(a.record.text))
            ]
            TopicMatch.objects.bulk_create(hits)
            matched += len(hits)
        Topic.objects.filter(pk=topic.pk).update(matched_at=timezone.now())
    return matched


def _unit_paths(articles: list[Article]) -> dict[int, list[str]]:
    through = Article.units.through.objects.filter(article__in=articles)
    paths: dict[int, list[str]] = {}
    for article_id, path in through.values_list("article_id", "unit__path"):
        paths.setdefault(article_id, []).append(path)
    return paths
