from django.contrib import admin

from tuyengiao.org.admin import ReadOnlyAdmin
from tuyengiao.press.models import Article, CrawlFailure, CrawlRun, Source, Topic


@admin.register(Source)
class SourceAdmin(ReadOnlyAdmin):
    list_display = ("name", "home_url", "active", "last_success_at", "last_error_at")
    list_filter = ("active",)
    search_fields = ("name", "home_url")


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ("title", "source", "published", "duplicate_of", "story")
    list_filter = ("source",)
    search_fields = ("title", "url")
    raw_id_fields = ("record", "duplicate_of", "story", "units")


@admin.register(CrawlRun)
class CrawlRunAdmin(ReadOnlyAdmin):
    list_display = ("source", "status", "started_at", "requests", "errors", "articles_new")
    list_filter = ("status",)


@admin.register(CrawlFailure)
class CrawlFailureAdmin(ReadOnlyAdmin):
    list_display = ("source", "url", "kind", "status", "at")
    list_filter = ("kind",)


@admin.register(Topic)
class TopicAdmin(ReadOnlyAdmin):
    list_display = ("name", "query", "active", "owner_unit")
