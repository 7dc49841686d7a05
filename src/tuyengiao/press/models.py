"""The press: news sites we watch, the articles read from them, stories and topics.

An article's text, citations and search entry live on its ``documents.Record`` (one per
article); ``Article`` adds what a news page has besides: where it was published, when, by whom,
its near-duplicate group and its story. Counts of coverage are derived from ``TopicMatch``.
"""

from django.db import models
from django.urls import reverse


class Source(models.Model):
    """A news site: its home page, feeds, sitemaps and section pages, and its health."""

    name = models.CharField("tên", max_length=200)
    home_url = models.URLField("trang chủ", max_length=500, unique=True)
    host = models.CharField(max_length=255, db_index=True, editable=False)
    active = models.BooleanField("đang theo dõi", default=True)
    interval_minutes = models.PositiveIntegerField("chu kỳ thu thập (phút)", default=60)
    owner_unit = models.ForeignKey(
        "org.Unit",
        verbose_name="đơn vị quản lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_sources",
    )
    next_crawl_at = models.DateTimeField("lần thu thập tới", null=True, blank=True)
    last_crawl_at = models.DateTimeField("lần thu thập gần nhất", null=True, blank=True)
    last_success_at = models.DateTimeField("lần thành công gần nhất", null=True, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField("lỗi gần nhất", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "nguồn tin"
        verbose_name_plural = "nguồn tin"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("press:source-detail", args=[self.pk])


class Feed(models.Model):
    """A list of article links on a source: RSS/Atom feed, sitemap or section page."""

    class Kind(models.TextChoices):
        FEED = "feed", "RSS/Atom"
        SITEMAP = "sitemap", "Sitemap"
        SECTION = "section", "Trang chuyên mục"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="feeds")
    url = models.URLField(max_length=1000)
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=255, blank=True)
    last_modified = models.CharField(max_length=64, blank=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["source_id", "kind", "url"]
        constraints = [
            models.UniqueConstraint(fields=["source", "url"], name="unique_feed_per_source"),
        ]

    def __str__(self) -> str:
        return self.url


class CrawlRun(models.Model):
    """One pass over one source."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Chờ chạy"
        RUNNING = "running", "Đang chạy"
        DONE = "done", "Hoàn thành"
        FAILED = "failed", "Thất bại"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True, db_index=True)
    pages_total = models.PositiveIntegerField("số bài cần tải", default=0)
    pages_done = models.PositiveIntegerField("số bài đã tải", default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    requests = models.PositiveIntegerField("số lượt tải", default=0)
    errors = models.PositiveIntegerField("số lỗi", default=0)
    articles_new = models.PositiveIntegerField("bài mới", default=0)
    articles_seen = models.PositiveIntegerField("bài đã có", default=0)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%d/%m/%Y %H:%M}"


class CrawlFailure(models.Model):
    """A URL of a source that could not be fetched or read, and why."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="failures")
    run = models.ForeignKey(
        CrawlRun, null=True, blank=True, on_delete=models.CASCADE, related_name="failures"
    )
    url = models.CharField(max_length=1000)
    kind = models.CharField(max_length=24)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.TextField()
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


class Story(models.Model):
    """Articles about the same event within a few days."""

    title = models.CharField("tiêu đề", max_length=500)
    first_published = models.DateTimeField(null=True, blank=True, db_index=True)
    last_published = models.DateTimeField(null=True, blank=True)
    article_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-first_published", "-id"]
        verbose_name = "sự kiện"
        verbose_name_plural = "sự kiện"

    def __str__(self) -> str:
        return self.title


class Article(models.Model):
    """A news article; its text, citations and search entry are on ``record``."""

    record = models.OneToOneField(
        "documents.Record", on_delete=models.CASCADE, related_name="article"
    )
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    url = models.CharField("địa chỉ", max_length=1000, blank=True, db_index=True)
    title = models.CharField("tiêu đề", max_length=500)
    lead = models.TextField("sapo", blank=True)
    published = models.DateTimeField("thời gian đăng", null=True, blank=True, db_index=True)
    day = models.DateField("ngày đăng", null=True, blank=True, db_index=True)
    updated = models.DateTimeField("cập nhật", null=True, blank=True)
    author = models.CharField("tác giả", max_length=255, blank=True)
    section = models.CharField("chuyên mục", max_length=255, blank=True)
    signature = models.BinaryField(null=True, blank=True, editable=False)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name="bản gốc",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    units = models.ManyToManyField("org.Unit", blank=True, related_name="articles")
    fetched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published", "-id"]
        verbose_name = "tin, bài"
        verbose_name_plural = "tin, bài"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("press:article-detail", args=[self.pk])

    @property
    def group_id(self) -> int:
        """The near-duplicate group: the first copy's id."""
        return self.duplicate_of_id or self.pk


class Topic(models.Model):
    """A campaign's saved query (chủ đề tuyên truyền), optionally limited to sources or units."""

    name = models.CharField("tên chủ đề", max_length=200)
    query = models.TextField("truy vấn")
    sources = models.ManyToManyField(Source, blank=True, verbose_name="chỉ các nguồn")
    units = models.ManyToManyField(
        "org.Unit", blank=True, verbose_name="chỉ bài nhắc đến đơn vị", related_name="+"
    )
    owner_unit = models.ForeignKey(
        "org.Unit",
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_topics",
    )
    active = models.BooleanField("đang theo dõi", default=True)
    start = models.DateField("từ ngày", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    matched_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "chủ đề"
        verbose_name_plural = "chủ đề"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("press:topic-detail", args=[self.pk])


class TopicMatch(models.Model):
    """An article that matches a topic; daily counts are aggregated from these rows."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="matches")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="topic_matches")
    day = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "article"], name="unique_topic_match"),
        ]
        indexes = [models.Index(fields=["topic", "day"])]

    def __str__(self) -> str:
        return f"{self.topic}: {self.article}"
