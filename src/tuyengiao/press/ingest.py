"""Articles into the archive: record, citations, near-duplicate group, story, units, topics.

An ``ArticleStore`` stores the articles of one run (a crawl pass, an archive file) and keeps
what articles are compared against between them: the near-duplicate index of recent articles,
the recent articles for story assignment, the names of units, the active topics. Each article is
stored whole inside its own savepoint or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from tuyengiao.core import dedupe
from tuyengiao.core.stories import StoryInput, StoryParams, StoryStream
from tuyengiao.core.text import nfc
from tuyengiao.documents.ingest import Outcome, article_record_save, parse_article_date
from tuyengiao.documents.models import Record, SearchEntry
from tuyengiao.press.mentions import UnitNames
from tuyengiao.press.models import Article, Source, Story
from tuyengiao.press.topics import TopicMatcher

logger = logging.getLogger(__name__)

#: How far back a new article is compared for near-duplicates and stories.
RECENT_DAYS = 7
#: At most this many stored articles seed story assignment.
SEED_STORIES = 5000
STORY_PARAMS = StoryParams()


@dataclass(slots=True)
class ArticleInput:
    """An article read from a page or an archive, before it is stored."""

    title: str
    text: str
    lead: str = ""
    url: str = ""
    published: dt.datetime | None = None
    updated: dt.datetime | None = None
    author: str = ""
    section: str = ""
    source: Source | None = None
    format: str = "html"
    size: int = 0

    @property
    def body(self) -> str:
        """Title, lead and text: what is searched, cited and compared."""
        return "\n".join(part for part in (self.title, self.lead, self.text) if part)

    @classmethod
    def from_dict(cls, obj: dict) -> ArticleInput:
        """An article of a JSON-lines archive: ``title``, ``text``, ``url``, ``date``…"""
        published = obj.get("published")
        if not isinstance(published, dt.datetime):
            day = published if isinstance(published, dt.date) else None
            day = day or parse_article_date(obj.get("date"))
            published = _noon(day) if day else None
        return cls(
            title=nfc(str(obj.get("title") or "")),
            text=nfc(str(obj.get("text") or "")),
            lead=nfc(str(obj.get("lead") or obj.get("description") or "")),
            url=str(obj.get("url") or ""),
            published=published,
            author=str(obj.get("author") or "")[:255],
            format="json",
        )


def _noon(day: dt.date) -> dt.datetime:
    """A date without a time, as an aware datetime at noon (so it stays on its day)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _digest(item: ArticleInput) -> str:
    """The identity of an article's text at its address (``Record.sha256``)."""
    return hashlib.sha256(f"{item.url}\n{nfc(item.body)}".encode()).hexdigest()


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """A page's time without a zone is Vietnamese time."""
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


class ArticleStore:
    """Stores articles, comparing each with those stored before it."""

    def __init__(self) -> None:
        self._dupes: dedupe.NearDuplicateIndex | None = None
        self._group: dict[int, int] = {}  # article id → its group's first article id
        self._key_of: dict[int, Hashable] = {}  # article id → its story's key in the stream
        self._created: dict[int, int] = {}  # article alone so far → the story made for it
        self._pending_key: Hashable | None = None
        self._stream: StoryStream | None = None
        self._topics = TopicMatcher()
        self._units = UnitNames()
        self._known_urls: set[str] | None = None  # within a batch: addresses and texts stored
        self._known_digests: set[str] | None = None
        self._unindexed: list[Record] | None = None  # within a batch: entries made at its end

    def store(self, item: ArticleInput) -> Outcome:
        """Store one article; never raises: the outcome says what happened."""
        item.published, item.updated = _aware(item.published), _aware(item.updated)
        body = nfc(item.body)
        location = item.url or ""
        digest = _digest(item)
        if not location:
            location = f"article:{digest[:16]}"
        if not item.text.strip():
            return Outcome(location, "failed", message="bài không có nội dung")
        if self._stored(item.url[:1000], digest):
            return Outcome(location, "unchanged", Record.Kind.ARTICLE, "đã có, bỏ qua")
        record = Record(
            kind=Record.Kind.ARTICLE,
            location=location[:1000],
            sha256=digest,
            format=item.format,
            size=item.size or len(body.encode()),
            title=item.title[:500],
            published=timezone.localdate(item.published) if item.published else None,
            text=body,
        )
        try:
            with transaction.atomic():
                cited = article_record_save(record, index=self._unindexed is None)
                article, fp = self._article(record, item, cited)
        except IntegrityError:  # stored by another process a moment ago
            return Outcome(location, "unchanged", Record.Kind.ARTICLE, "đã có, bỏ qua")
        except Exception as exc:  # noqa: BLE001 — one bad article must not stop the others
            logger.exception("storing article %s failed", location)
            return Outcome(location, "failed", message=f"lỗi khi lưu ({type(exc).__name__})")
        self._remember(article, fp, body)
        if self._unindexed is not None:
            self._unindexed.append(record)
        if self._known_urls is not None and self._known_digests is not None:
            self._known_urls.add(item.url[:1000])
            self._known_digests.add(digest)
        return Outcome(location, "created", Record.Kind.ARTICLE, record_id=record.pk)

    def store_many(self, items: Iterable[ArticleInput], *, batch: int = 200) -> Iterator[Outcome]:
        """Store many articles, committing every ``batch``; each still stands alone."""
        pending: list[ArticleInput] = []
        for item in items:
            pending.append(item)
            if len(pending) >= batch:
                yield from self._batch(pending)
                pending = []
        if pending:
            yield from self._batch(pending)

    def _batch(self, items: list[ArticleInput]) -> list[Outcome]:
        urls = [item.url[:1000] for item in items if item.url]
        self._known_urls = set(Article.objects.filter(url__in=urls).values_list("url", flat=True))
        self._known_digests = set(
            Record.objects.filter(sha256__in=[_digest(item) for item in items]).values_list(
                "sha256", flat=True
            )
        )
        self._unindexed = []
        try:
            with transaction.atomic():
                outcomes = [self.store(item) for item in items]
                SearchEntry.objects.bulk_create(  # one insert for the batch's search entries
                    SearchEntry(
                        kind=SearchEntry.Kind.ARTICLE,
                        record=record,
                        title=record.title,
                        date=record.published,
                    )  # fmt: skip
                    for record in self._unindexed
                )
                return outcomes
        finally:
            self._known_urls = self._known_digests = self._unindexed = None

    def _stored(self, url: str, digest: str) -> bool:
        """Whether the article is stored: by its address, or by its exact text."""
        if self._known_urls is not None and self._known_digests is not None:
            return url in self._known_urls or digest in self._known_digests
        return (bool(url) and Article.objects.filter(url=url).exists()) or Record.objects.filter(
            sha256=digest
        ).exists()

    def attach(self, record: Record, cited: list | None = None) -> Article:
        """Give an article record saved elsewhere (an uploaded page) its article details."""
        item = ArticleInput(
            title=record.title,
            text=record.text,
            url="",
            published=_noon(record.published) if record.published else None,
        )
        article, fp = self._article(record, item, cited)
        self._remember(article, fp, record.text)
        return article

    # --- one article ---------------------------------------------------------------------

    def _article(
        self, record: Record, item: ArticleInput, cited: list | None = None
    ) -> tuple[Article, dedupe.Fingerprint]:
        fp = dedupe.fingerprint(record.text)
        original = self._original_of(fp)
        article = Article(
            record=record,
            source=item.source,
            url=item.url[:1000],
            title=(item.title or record.title)[:500],
            lead=item.lead,
            published=item.published,
            day=timezone.localdate(item.published) if item.published else None,
            updated=item.updated,
            author=item.author[:255],
            section=item.section[:255],
            signature=dedupe.signature_bytes(fp.signature),
            duplicate_of_id=original,
        )
        article.story_id = self._story_for(article, record.text)
        article.save()
        unit_ids = {doc.issuing_unit_id for doc in cited or () if doc.issuing_unit_id}
        unit_ids |= self._units.mentioned(record.text, on=article.day)
        if unit_ids:  # new article: no need to look for links already there
            Article.units.through.objects.bulk_create(
                Article.units.through(article_id=article.pk, unit_id=unit_id)
                for unit_id in unit_ids
            )
        self._topics.match(article, record.text, unit_ids)
        return article, fp

    def _original_of(self, fp: dedupe.Fingerprint) -> int | None:
        found = self._index().query(fp)
        if not found:
            return None
        key = int(found[0][0])  # type: ignore[call-overload]
        return self._group.get(key, key)

    def _story_for(self, article: Article, text: str) -> int | None:
        """The story the article joins. An article alone has no story row (``story`` is None)
        until a second article joins it; counts treat it as a story of its own."""
        key: Hashable | None = None
        if article.duplicate_of_id is not None:
            key = self._key_of.get(article.duplicate_of_id) or self._stored_key(
                article.duplicate_of_id
            )
        elif article.published is not None:
            new = StoryInput(id=0, published=article.published, title=article.title, text=text)
            key = self._stories().assign(new)
        self._pending_key = key
        return None if key is None else self._join(key, article)

    def _stored_key(self, article_id: int) -> Hashable:
        story_id = Article.objects.filter(pk=article_id).values_list("story_id", flat=True).first()
        return ("story", story_id) if story_id else article_id

    def _join(self, key: Hashable, article: Article) -> int:
        """The id of the story ``key`` names (a stored story, or an article alone so far)."""
        if isinstance(key, tuple):
            story_id = key[1]
        elif key in self._created:
            story_id = self._created[key]
        else:  # the first article gets its story now that a second joins it
            first = Article.objects.filter(pk=key).values("title", "published").first() or {}
            story = Story.objects.create(
                title=first.get("title") or article.title,
                first_published=first.get("published") or article.published,
                last_published=first.get("published") or article.published,
                article_count=1,
            )
            Article.objects.filter(pk=key).update(story=story)
            self._created[key] = story_id = story.pk
        Story.objects.filter(pk=story_id).update(article_count=F("article_count") + 1)
        if article.published is not None:
            Story.objects.filter(
                Q(last_published__lt=article.published) | Q(last_published__isnull=True),
                pk=story_id,
            ).update(last_published=article.published)
        return story_id

    def _remember(self, article: Article, fp: dedupe.Fingerprint, text: str) -> None:
        """After the article is stored: compare the next ones with it."""
        self._index().add(article.pk, fp)
        self._group[article.pk] = article.duplicate_of_id or article.pk
        key, self._pending_key = self._pending_key, None
        self._key_of[article.pk] = article.pk if key is None else key
        if article.published is not None:
            self._stories().add(
                StoryInput(
                    id=article.pk,
                    published=article.published,
                    title=article.title,
                    text=text[:600],
                    group=self._group[article.pk],
                    story=key,
                )
            )

    def _stories(self) -> StoryStream:
        """Recent articles for story assignment, seeded with those fetched lately."""
        if self._stream is None:
            self._stream = StoryStream(STORY_PARAMS)
            since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
            rows = (
                Article.objects.filter(fetched_at__gte=since, published__isnull=False)
                .order_by("-published")
                .values_list("pk", "published", "title", "lead", "duplicate_of_id", "story_id")
            )
            for pk, published, title, lead, original, story in reversed(rows[:SEED_STORIES]):
                key = ("story", story) if story else None
                self._key_of[pk] = key or pk
                self._stream.add(
                    StoryInput(pk, published, title, lead, group=original or pk, story=key)
                )
        return self._stream

    def _index(self) -> dedupe.NearDuplicateIndex:
        """The near-duplicate index, seeded with the signatures of recently fetched articles."""
        if self._dupes is None:
            self._dupes = dedupe.NearDuplicateIndex()
            since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
            rows = Article.objects.filter(fetched_at__gte=since, signature__isnull=False)
            for pk, signature, original in rows.values_list("pk", "signature", "duplicate_of_id"):
                self._dupes.add(pk, bytes(signature))
                self._group[pk] = original or pk
        return self._dupes


def ingest_articles(articles: Iterable[dict], *, batch: int = 200) -> Iterator[Outcome]:
    """Store archive articles (dicts with ``text``, ``title``, ``url``, ``date``…)."""
    yield from ArticleStore().store_many(
        (ArticleInput.from_dict(obj) for obj in articles), batch=batch
    )


def ingest_article(
    *, title: str, text: str, url: str = "", published: dt.date | None = None
) -> Outcome:
    """Store one article whose text is already extracted."""
    return ArticleStore().store(
        ArticleInput(
            title=nfc(title or ""),
            text=nfc(text or ""),
            url=url,
            published=_noon(published) if published else None,
            format="json",
        )
    )
