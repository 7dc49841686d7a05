"""Pages of the press side: sources and their crawls, articles, topics and their coverage."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tuyengiao.accounts.permissions import can_write
from tuyengiao.core.topics import QUERY_HELP
from tuyengiao.documents.selectors import record_pieces
from tuyengiao.org.models import Unit
from tuyengiao.press.excel import sources_import, sources_template, table_xlsx
from tuyengiao.press.models import Article, CrawlRun, Source, Topic
from tuyengiao.press.selectors import (
    article_list,
    source_health_rows,
    topic_coverage,
    topic_rows,
)
from tuyengiao.press.services import (
    PressError,
    feed_add,
    source_add,
    source_update,
    topic_save,
)
from tuyengiao.press.tasks import crawl_enqueue, topic_rematch_enqueue
from tuyengiao.web.params import param_date, param_int

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_writer(request) -> None:
    if not can_write(request.user):
        raise PermissionDenied


# --- sources --------------------------------------------------------------------------------


@login_required
def source_list(request):
    if request.method == "POST":
        _require_writer(request)
        try:
            source = source_add(
                actor=request.user,
                url=request.POST.get("url", ""),
                name=request.POST.get("name", ""),
                interval_minutes=param_int(request.POST.get("interval")) or 60,
                owner_unit=request.user.scope_unit,
            )
        except PressError as exc:
            messages.error(request, exc.reason)
            return redirect("press:source-list")
        messages.success(request, f"Đã thêm nguồn tin {source.name}.")
        return redirect(source)
    return render(
        request,
        "press/source_list.html",
        {"rows": source_health_rows(), "can_write": can_write(request.user)},
    )


@login_required
@require_POST
def source_import(request):
    _require_writer(request)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Hãy chọn tệp Excel (.xlsx) cần nhập.")
        return redirect("press:source-list")
    result = sources_import(
        actor=request.user, data=upload.read(), owner_unit=request.user.scope_unit
    )
    if result.errors:
        messages.error(request, f"{upload.name}: không nhập gì. " + " ".join(result.errors[:20]))
    else:
        messages.success(
            request, f"Đã thêm {result.created} nguồn tin, {result.unchanged} nguồn đã có."
        )
    return redirect("press:source-list")


@login_required
def source_template(request):
    response = HttpResponse(sources_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nguon-tin.xlsx"'
    return response


@login_required
def source_detail(request, pk: int):
    source = get_object_or_404(Source, pk=pk)
    if request.method == "POST":
        _require_writer(request)
        try:
            source_update(
                actor=request.user,
                source=source,
                name=request.POST.get("name", source.name).strip() or source.name,
                interval_minutes=param_int(request.POST.get("interval")) or source.interval_minutes,
                active=request.POST.get("active") == "on",
            )
            messages.success(request, "Đã lưu thay đổi.")
        except PressError as exc:
            messages.error(request, exc.reason)
        return redirect(source)
    (health,) = source_health_rows(Source.objects.filter(pk=pk))
    return render(
        request,
        "press/source_detail.html",
        {
            "source": source,
            "health": health,
            "feeds": source.feeds.all(),
            "runs": source.runs.all()[:10],
            "failures": source.failures.all()[:30],
            "articles": source.articles.order_by("-published", "-id")[:20],
            "can_write": can_write(request.user),
        },
    )


@login_required
@require_POST
def source_feed_add(request, pk: int):
    _require_writer(request)
    source = get_object_or_404(Source, pk=pk)
    try:
        feed_add(source=source, url=request.POST.get("url", ""), actor=request.user)
        messages.success(request, "Đã thêm địa chỉ.")
    except PressError as exc:
        messages.error(request, exc.reason)
    return redirect(source)


@login_required
@require_POST
def source_crawl(request, pk: int):
    _require_writer(request)
    source = get_object_or_404(Source, pk=pk)
    crawl_enqueue(source)
    if request.htmx:
        return source_run(request, pk)
    messages.success(request, "Đã đưa vào hàng đợi thu thập.")
    return redirect(source)


@login_required
def source_run(request, pk: int):
    """The latest crawl of a source, polled while it is queued or running."""
    source = get_object_or_404(Source, pk=pk)
    run = source.runs.first()
    busy = run is not None and run.status in (CrawlRun.Status.QUEUED, CrawlRun.Status.RUNNING)
    percent = 0
    if run and run.pages_total:
        percent = round(100 * run.pages_done / run.pages_total)
    return render(
        request,
        "press/partials/source_run.html",
        {"source": source, "run": run, "busy": busy, "percent": percent},
    )


# --- articles -------------------------------------------------------------------------------


@login_required
def article_index(request):
    params = request.GET
    articles = article_list(
        source=param_int(params.get("source")),
        topic=param_int(params.get("topic")),
        unit=param_int(params.get("unit")),
        start=param_date(params.get("from")),
        end=param_date(params.get("to")),
    )
    page = Paginator(articles, 30).get_page(params.get("page"))
    query_string = params.copy()
    query_string.pop("page", None)
    return render(
        request,
        "press/article_list.html",
        {
            "page": page,
            "params": params,
            "sources": Source.objects.all(),
            "topics": Topic.objects.all(),
            "query_string": query_string.urlencode(),
        },
    )


@login_required
def article_detail(request, pk: int):
    article = get_object_or_404(
        Article.objects.select_related("source", "story", "record", "duplicate_of"), pk=pk
    )
    record = article.record
    cited = {
        c.document_id: c.document
        for c in record.citations.select_related("document").filter(document__isnull=False)
    }
    group = Article.objects.filter(duplicate_of_id=article.group_id) | Article.objects.filter(
        pk=article.group_id
    )
    story = (
        article.story.articles.exclude(pk=article.pk).select_related("source")[:20]
        if article.story
        else []
    )
    return render(
        request,
        "press/article_detail.html",
        {
            "article": article,
            "pieces": record_pieces(record),
            "documents": list(cited.values()),
            "units": article.units.all(),
            "copies": group.exclude(pk=article.pk).select_related("source"),
            "story_articles": story,
            "topics": Topic.objects.filter(matches__article=article),
        },
    )


# --- topics ---------------------------------------------------------------------------------


@login_required
def topic_list(request):
    if request.method == "POST":
        _require_writer(request)
        topic = _topic_save(request, None)
        if topic is not None:
            return redirect(topic)
    return render(
        request,
        "press/topic_list.html",
        {
            "rows": topic_rows(),
            "can_write": can_write(request.user),
            "help": QUERY_HELP,
            "sources": Source.objects.all(),
            "values": _form_values(None, request.POST),
            "selected_sources": set(),
            "selected_units": set(),
            "unit_choices": _unit_choices(request.user),
        },
    )


def _unit_choices(user, topic: Topic | None = None):
    """Units a topic may be limited to: the user's own unit and those directly below it, the
    province-level committees, and those the topic already names."""
    from django.db.models import Q

    wanted = Q(level__in=("central", "province"), kind="committee", valid_to__isnull=True)
    if user.scope_unit is not None:
        wanted |= Q(pk=user.scope_unit.pk) | Q(parent=user.scope_unit)
    if topic is not None:
        wanted |= Q(pk__in=topic.units.values("pk"))
    return Unit.objects.filter(wanted).order_by("sort_key")[:300]


def _form_values(topic: Topic | None, post) -> dict:
    if topic is None:
        return {"name": post.get("name", ""), "query": post.get("query", ""), "start": "",
                "active": True, "editing": False}  # fmt: skip
    start = topic.start.isoformat() if topic.start else ""
    return {"name": topic.name, "query": topic.query, "start": start,
            "active": topic.active, "editing": True}  # fmt: skip


def _topic_save(request, topic: Topic | None) -> Topic | None:
    post = request.POST
    units = Unit.objects.filter(pk__in=[u for u in post.getlist("units") if u.isdigit()])
    try:
        topic = topic_save(
            actor=request.user,
            topic=topic,
            name=post.get("name", ""),
            query=post.get("query", ""),
            owner_unit=request.user.scope_unit,
            sources=Source.objects.filter(
                pk__in=[s for s in post.getlist("sources") if s.isdigit()]
            ),
            units=units,
            start=param_date(post.get("start")),
            active=post.get("active", "on") == "on",
        )
    except PressError as exc:
        messages.error(request, exc.reason)
        return None
    topic_rematch_enqueue(topic)
    messages.success(request, f"Đã lưu chủ đề «{topic.name}»; đang đối chiếu các tin bài đã có.")
    return topic


@login_required
def topic_detail(request, pk: int):
    topic = get_object_or_404(Topic, pk=pk)
    if request.method == "POST":
        _require_writer(request)
        _topic_save(request, topic)
        return redirect(topic)
    start, end = param_date(request.GET.get("from")), param_date(request.GET.get("to"))
    coverage = topic_coverage(topic, start=start, end=end)
    articles = article_list(topic=topic.pk, start=coverage.start, end=coverage.end)
    return render(
        request,
        "press/topic_detail.html",
        {
            "topic": topic,
            "coverage": coverage,
            "chart": _chart(coverage),
            "articles": articles[:30],
            "can_write": can_write(request.user),
            "sources": Source.objects.all(),
            "selected_sources": set(topic.sources.values_list("pk", flat=True)),
            "selected_units": set(topic.units.values_list("pk", flat=True)),
            "unit_choices": _unit_choices(request.user, topic),
            "help": QUERY_HELP,
            "values": _form_values(topic, {}),
            "range": {"from": coverage.start.isoformat(), "to": coverage.end.isoformat()},
        },
    )


def _chart(coverage) -> dict:
    """Bars of an inline SVG: one per day, articles (and distinct stories inside them)."""
    width, height, gap = 720, 160, 2
    days = coverage.days
    step = width / max(len(days), 1)
    top = max(coverage.peak, 1)
    bars = []
    for i, row in enumerate(days):
        h = round(height * row.articles / top, 1)
        hs = round(height * row.stories / top, 1)
        bars.append(
            {
                "x": round(i * step + gap / 2, 1),
                "w": round(max(step - gap, 1), 1),
                "h": h,
                "y": height - h,
                "hs": hs,
                "ys": height - hs,
                "row": row,
            }
        )
    return {"width": width, "height": height, "bars": bars, "peak": top}


@login_required
def topic_export(request, pk: int, fmt: str):
    topic = get_object_or_404(Topic, pk=pk)
    coverage = topic_coverage(
        topic, start=param_date(request.GET.get("from")), end=param_date(request.GET.get("to"))
    )
    headers = ["Ngày", "Số tin, bài", "Số sự kiện (tin bài trùng lặp gộp lại)"]
    rows = [[row.key, row.articles, row.stories] for row in coverage.days]
    rows.append(["Tổng", coverage.articles, coverage.stories])
    name = f"do-phu-chu-de-{topic.pk}-{coverage.start:%Y%m%d}-{coverage.end:%Y%m%d}"
    if fmt == "xlsx":
        response = HttpResponse(table_xlsx(topic.name, headers, rows), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(
            [row[0].strftime("%d/%m/%Y") if isinstance(row[0], dt.date) else row[0], *row[1:]]
        )
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
