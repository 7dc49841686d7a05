"""Background work, through the Django Tasks API (queue in the database): crawls, topic
matching, and once a day the reminders of the work app.

``schedule_due`` enqueues a crawl of each source whose time has come; it claims the source by
moving its next crawl time forward in one conditional UPDATE, so that any number of workers on
any number of machines enqueue each crawl once. ``run_worker`` is the loop of
``tuyengiao worker``; in the demo the same loop runs in a thread of the web process.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone
from django_tasks import task

from tuyengiao.press.models import CrawlRun, Source, Topic

logger = logging.getLogger(__name__)


@task()
def crawl_task(source_id: int, run_id: int | None = None) -> dict:
    from tuyengiao.press.crawler import crawl_source

    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return {"skipped": "source deleted"}
    run = CrawlRun.objects.filter(pk=run_id).first() if run_id else None
    run = crawl_source(source, run=run)
    return {"run": run.pk, "new": run.articles_new, "errors": run.errors}


@task()
def topic_rematch_task(topic_id: int) -> int:
    from tuyengiao.press.topics import topic_rematch

    topic = Topic.objects.filter(pk=topic_id).first()
    return topic_rematch(topic) if topic else 0


def crawl_enqueue(source: Source) -> CrawlRun:
    """Queue a crawl of ``source`` now; the run shows as queued until a worker takes it."""
    with transaction.atomic():
        later = timezone.now() + dt.timedelta(minutes=source.interval_minutes)
        Source.objects.filter(pk=source.pk).update(next_crawl_at=later)  # not twice by schedule
        run = CrawlRun.objects.create(source=source, status=CrawlRun.Status.QUEUED)
        transaction.on_commit(lambda: _enqueue(crawl_task, source.pk, run.pk))
    return run


def topic_rematch_enqueue(topic: Topic) -> None:
    transaction.on_commit(lambda: _enqueue(topic_rematch_task, topic.pk))


def _enqueue(task_, *args) -> None:
    task_.enqueue(*args)
    if settings.TUYENGIAO_INPROCESS_WORKER:
        inprocess_worker_start()


def schedule_due(now: dt.datetime | None = None) -> int:
    """Enqueue a crawl of every active source that is due; returns how many were enqueued."""
    now = now or timezone.now()
    enqueued = 0
    due = Source.objects.filter(active=True, next_crawl_at__lte=now)
    for pk, interval, planned in due.values_list("pk", "interval_minutes", "next_crawl_at"):
        later = now + dt.timedelta(minutes=interval)
        claimed = Source.objects.filter(pk=pk, next_crawl_at=planned).update(next_crawl_at=later)
        if claimed:
            crawl_task.enqueue(pk)
            enqueued += 1
    return enqueued


def run_worker(*, interval: float = 5.0, stop: threading.Event | None = None, once=False) -> int:
    """Schedule due crawls and run queued tasks until ``stop`` is set (or once, if ``once``).

    Returns the number of tasks run.
    """
    from django_tasks_db.management.commands.db_worker import Worker

    stop = stop or threading.Event()
    worker_id = f"{socket.gethostname()}-{os.getpid()}-{threading.get_ident()}"[:64]
    ran = 0
    reminded: dt.date | None = None
    while not stop.is_set():
        close_old_connections()
        try:
            schedule_due()
            if reminded != timezone.localdate():  # once a day per worker; idempotent
                reminded = timezone.localdate()
                _remind()
            worker = Worker(
                queue_names=["*"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id=worker_id,
                excluded_queue_names=[],
            )
            worker.run()
            ran += worker._run_tasks
        except Exception:  # noqa: BLE001 — the worker outlives a bad moment of the database
            logger.exception("worker loop failed; retrying")
        if once:
            break
        stop.wait(interval)
    close_old_connections()
    return ran


def _remind() -> None:
    """The day's reminders; a failure is logged and never keeps the queued tasks waiting."""
    from tuyengiao.work.reminders import reminders_generate, reminders_send

    try:
        reminders_generate()
        reminders_send()
    except Exception:  # noqa: BLE001 — tomorrow's pass (or `tuyengiao remind`) tries again
        logger.exception("reminders failed")


_thread: threading.Thread | None = None
_stop = threading.Event()
_lock = threading.Lock()


def inprocess_worker_start() -> None:
    """Start the demo's worker thread (once per process)."""
    global _thread, _stop
    with _lock:
        if _thread is None or not _thread.is_alive():
            _stop = threading.Event()
            _thread = threading.Thread(
                target=run_worker,
                kwargs={"interval": 0.5, "stop": _stop},
                name="tuyengiao-worker",
                daemon=True,
            )
            _thread.start()


def inprocess_worker_stop(timeout: float = 30.0) -> None:
    """Stop the worker thread after its current task (tests; the demo never stops it)."""
    global _thread
    with _lock:
        thread, _thread = _thread, None
    _stop.set()
    if thread is not None:
        thread.join(timeout)


def wait_idle(timeout: float = 30.0) -> None:
    """Wait until no crawl is queued or running (tests and the demo's first load)."""
    deadline = time.monotonic() + timeout
    busy = (CrawlRun.Status.QUEUED, CrawlRun.Status.RUNNING)
    while CrawlRun.objects.filter(status__in=busy).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
