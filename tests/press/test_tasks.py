"""Crawls as background tasks: the queue in the database, schedules, the worker loop, and the
command-line tools."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from tuyengiao.press.models import Article, CrawlRun, Source
from tuyengiao.press.services import source_add
from tuyengiao.press.tasks import crawl_enqueue, run_worker, schedule_due

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def quick(settings):
    settings.TUYENGIAO_CRAWL_DELAY = 0.01
    settings.TUYENGIAO_INPROCESS_WORKER = False


def test_a_queued_crawl_runs_in_the_worker(tree, news_site, quick):
    source = source_add(actor=None, url=news_site.home_url, name="A")
    Source.objects.filter(pk=source.pk).update(next_crawl_at=timezone.now() + dt.timedelta(hours=1))
    run = crawl_enqueue(source)
    assert run.status == CrawlRun.Status.QUEUED
    assert run_worker(once=True) == 1
    run.refresh_from_db()
    assert run.status == CrawlRun.Status.DONE and run.articles_new > 0
    assert run.pages_done == run.pages_total > 0
    assert Article.objects.filter(source=source).count() == run.articles_new


def test_schedules_enqueue_each_due_source_once(tree, quick):
    due = source_add(actor=None, url="http://127.0.0.1:9/", name="Đến hạn", interval_minutes=30)
    later = source_add(actor=None, url="http://127.0.0.1:9/later", name="Chưa đến hạn")
    Source.objects.filter(pk=later.pk).update(next_crawl_at=timezone.now() + dt.timedelta(hours=1))
    paused = source_add(actor=None, url="http://127.0.0.1:9/off", name="Tạm dừng")
    Source.objects.filter(pk=paused.pk).update(active=False)
    assert schedule_due() == 1
    assert schedule_due() == 0  # claimed: its next crawl moved forward
    due.refresh_from_db()
    assert due.next_crawl_at > timezone.now() + dt.timedelta(minutes=29)


def test_the_cli_adds_lists_and_crawls_sources(tree, news_site, quick, capsys):
    call_command("sources", "add", news_site.home_url, "--name", "Báo Thử", "--interval", "15")
    source = Source.objects.get()
    assert (source.name, source.interval_minutes) == ("Báo Thử", 15)
    call_command("crawl", "--source", str(source.pk), "--quiet")
    call_command("sources", "list", "--json")
    rows = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert rows[0]["name"] == "Báo Thử" and rows[0]["last_success"]
    assert rows[0]["feeds"] and rows[0]["error_rate"] is not None


def test_the_cli_refuses_a_bad_source_and_an_unknown_id(db, capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không phải trang web"):
        call_command("sources", "add", "ftp://x")
    with pytest.raises(CommandError, match="Không có nguồn tin mã 42"):
        call_command("crawl", "--source", "42")
