"""Pages of the work side: plans and their task groups, progress reports, conferences."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tuyengiao.accounts.permissions import can_write, in_subtree
from tuyengiao.core.periods import PeriodError, parse_period, period_containing
from tuyengiao.documents.selectors import document_find
from tuyengiao.org.models import Level, Unit
from tuyengiao.web.params import param_date
from tuyengiao.work.excel import XLSX, reports_import, reports_template
from tuyengiao.work.models import Assignment, Event, Indicator, Plan, ProgressReport, Task
from tuyengiao.work.selectors import (
    STATE_LABELS,
    assignment_states,
    overdue_table,
    plan_rollup,
    plans_for,
    plans_summary,
    unit_figures,
)
from tuyengiao.work.services import (
    ReportInput,
    WorkError,
    event_save,
    plan_confirm,
    report_submit,
    task_group_save,
    task_save,
)

TASK_PREVIEW = 10


def _can_manage(user, plan: Plan) -> bool:
    return can_write(user) and (user.is_platform_admin or in_subtree(plan.unit, user.scope_unit))


def _managed_plan(request, pk: int) -> Plan:
    """The plan ``pk`` if the user may change it (404 when not visible, 403 when read-only)."""
    plan = get_object_or_404(plans_for(request.user), pk=pk)
    if not _can_manage(request.user, plan):
        raise PermissionDenied
    return plan


def _period(request) -> str:
    code = request.GET.get("period") or request.POST.get("period") or ""
    try:
        return parse_period(code).code
    except PeriodError:
        return period_containing(dt.date.today(), "half").code


@login_required
def plan_list(request):
    plans = list(plans_for(request.user)[:100])
    tallies = plans_summary(plans, on=dt.date.today())
    return render(request, "work/plan_list.html", {"rows": [(p, tallies[p.pk]) for p in plans]})


@login_required
def plan_detail(request, pk: int):
    plan = get_object_or_404(plans_for(request.user), pk=pk)
    today = dt.date.today()
    period = request.GET.get("period") or ""
    try:
        rollup = plan_rollup(plan, on=today, period=period or None)
    except PeriodError as exc:
        messages.error(request, exc.reason)
        rollup = plan_rollup(plan, on=today)
    groups = list(plan.groups.annotate(task_count=Count("tasks")))
    for group in groups:  # a preview of each group's tasks; the table below has them all
        group.preview = list(group.tasks.prefetch_related("assignments__unit")[:TASK_PREVIEW])
    rows = overdue_table(
        rollup,
        sort=request.GET.get("sort", "overdue"),
        level=request.GET.get("level", ""),
        only_overdue=request.GET.get("overdue") == "1",
    )
    return render(
        request,
        "work/plan_detail.html",
        {
            "plan": plan,
            "groups": [(g, rollup.groups.get(g.pk)) for g in groups],
            "rollup": rollup,
            "levels": [(lv, lv.label, rollup.levels.get(lv.value)) for lv in Level],
            "rows": rows,
            "params": request.GET,
            "can_manage": _can_manage(request.user, plan),
            "units": _assignable_units(plan)[:500],
            "indicators": Indicator.objects.all(),
            "recurrences": Task.Recurrence.choices,
        },
    )


def _assignable_units(plan: Plan):
    """The plan's unit and the units below it, two levels down (where its tasks go)."""
    return Unit.objects.filter(
        Q(pk=plan.unit.pk) | Q(parent=plan.unit) | Q(parent__parent=plan.unit),
        valid_to__isnull=True,
    ).order_by("depth", "sort_key")


@login_required
@require_POST
def plan_confirm_view(request, pk: int):
    plan = _managed_plan(request, pk)
    chosen = plan.groups.filter(pk__in=request.POST.getlist("groups"))
    for group in chosen:
        title = request.POST.get(f"title-{group.pk}", group.title)
        task_group_save(
            actor=request.user, plan=plan, group=group, title=title, number=group.number
        )
    plan_confirm(actor=request.user, plan=plan, groups=list(chosen))
    messages.success(request, f"Đã xác nhận {chosen.count()} nhóm nhiệm vụ.")
    return redirect(plan)


@login_required
@require_POST
def group_add(request, pk: int):
    plan = _managed_plan(request, pk)
    try:
        task_group_save(
            actor=request.user,
            plan=plan,
            title=request.POST.get("title", ""),
            number=request.POST.get("number", ""),
        )
    except WorkError as exc:
        messages.error(request, exc.reason)
    return redirect(plan)


@login_required
@require_POST
def task_add(request, pk: int):
    plan = _managed_plan(request, pk)
    post = request.POST
    group = get_object_or_404(plan.groups, pk=post.get("group") or 0)
    allowed = _assignable_units(plan)
    try:
        task_save(
            actor=request.user,
            group=group,
            title=post.get("title", ""),
            due=param_date(post.get("due")),
            recurrence=post.get("recurrence", ""),
            lead=allowed.filter(pk__in=post.getlist("lead")),
            coordinating=allowed.filter(pk__in=post.getlist("coordinating")),
            indicators=Indicator.objects.filter(pk__in=post.getlist("indicators")),
        )
        messages.success(request, "Đã thêm nhiệm vụ.")
    except WorkError as exc:
        messages.error(request, exc.reason)
    return redirect(plan)


# --- progress reports -----------------------------------------------------------------------


@login_required
def report_form(request):
    """The user's unit reports on its tasks for a period: a web form, or an Excel file."""
    unit = request.user.scope_unit
    if unit is None:
        raise Http404
    period = _period(request)
    assignments = (
        Assignment.objects.filter(unit=unit)
        .select_related("task__group__plan__document")
        .prefetch_related("task__indicators")
        .order_by("task__group__plan_id", "task__group__order", "task__order")
    )
    if request.method == "POST":
        if not can_write(request.user):
            raise PermissionDenied
        return _report_post(request, assignments, period)
    states = {s.assignment_id: s for s in assignment_states(assignments, on=dt.date.today())}
    current = {
        r.assignment_id: r
        for r in ProgressReport.objects.filter(
            assignment__in=assignments, period=period, current=True
        )
        .select_related("evidence_document")
        .prefetch_related("values")
    }
    history: dict[int, list[ProgressReport]] = {}
    for earlier in ProgressReport.objects.filter(
        assignment__in=assignments, period=period, current=False
    ).select_related("submitted_by"):
        history.setdefault(earlier.assignment_id, []).append(earlier)
    rows = []
    for a in assignments:
        report = current.get(a.pk)
        values = {v.indicator_id: v.value for v in report.values.all()} if report else {}
        indicators = [(i, values.get(i.pk, "")) for i in a.task.indicators.all()]
        state = states[a.pk].state
        rows.append(
            {"a": a, "report": report, "indicators": indicators, "state": state,
             "state_label": STATE_LABELS[state], "history": history.get(a.pk, [])}
        )  # fmt: skip
    return render(
        request,
        "work/report_form.html",
        {
            "unit": unit,
            "period": parse_period(period),
            "rows": rows,
            "statuses": ProgressReport.Status.choices,
            "can_write": can_write(request.user),
        },
    )


def _report_post(request, assignments, period: str):
    post = request.POST
    stored = 0
    for a in assignments:
        status = post.get(f"status-{a.pk}")
        if not status:
            continue
        values = {
            i: post.get(f"value-{a.pk}-{i.pk}")
            for i in a.task.indicators.all()
            if post.get(f"value-{a.pk}-{i.pk}", "").strip()
        }
        upload = request.FILES.get(f"file-{a.pk}")
        designation = post.get(f"doc-{a.pk}", "").strip()
        document = document_find(designation, user=request.user) if designation else None
        if designation and document is None:
            messages.error(request, f"«{a.task.title}»: không có văn bản «{designation}».")
            continue
        data = ReportInput(
            a, period, status, values, note=post.get(f"note-{a.pk}", ""),
            evidence_url=post.get(f"url-{a.pk}", "").strip(), evidence_document=document,
            evidence_file=(upload.name, upload.read()) if upload else None,
        )  # fmt: skip
        try:
            report_submit(actor=request.user, data=data)
            stored += 1
        except WorkError as exc:
            messages.error(request, f"«{a.task.title}»: {exc.reason}")
    if stored:
        messages.success(request, f"Đã lưu {stored} báo cáo kỳ {parse_period(period).label}.")
    return redirect(f"{request.path}?period={period}")


@login_required
def evidence_download(request, pk: int):
    """A report's evidence file, for those who follow its plan."""
    report = get_object_or_404(
        ProgressReport.objects.select_related("assignment__task__group__plan"), pk=pk
    )
    plan = report.assignment.task.group.plan
    if not report.evidence_file or not plans_for(request.user).filter(pk=plan.pk).exists():
        raise Http404
    return FileResponse(
        report.evidence_file.open("rb"),
        as_attachment=True,
        filename=Path(report.evidence_file.name).name,
    )


@login_required
def report_template(request):
    unit = request.user.scope_unit
    if unit is None:
        raise Http404
    period = _period(request)
    response = HttpResponse(reports_template(unit=unit, period=period), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{period}.xlsx"'
    return response


@login_required
@require_POST
def report_upload(request):
    unit = request.user.scope_unit
    if unit is None or not can_write(request.user):
        raise PermissionDenied
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Hãy chọn tệp Excel (.xlsx) đã điền.")
        return redirect("work:report-form")
    result = reports_import(actor=request.user, unit=unit, data=upload.read())
    if result.errors:
        messages.error(request, f"{upload.name}: không lưu gì. " + " ".join(result.errors[:30]))
    else:
        messages.success(request, f"Đã lưu {result.stored} báo cáo từ {upload.name}.")
    return redirect("work:report-form")


@login_required
def figures(request):
    """The unit's figures for a period, each linking to the records behind it."""
    unit = request.user.scope_unit
    if unit is None:
        raise Http404
    period = _period(request)
    return render(
        request,
        "work/figures.html",
        {"unit": unit, "period": parse_period(period), "figures": unit_figures(unit, period)},
    )


# --- conferences ----------------------------------------------------------------------------


@login_required
def event_list(request):
    unit = request.user.scope_unit
    if request.method == "POST":
        if unit is None or not can_write(request.user):
            raise PermissionDenied
        post = request.POST
        try:
            event_save(
                actor=request.user,
                unit=unit,
                kind=post.get("kind", ""),
                title=post.get("title", ""),
                date=param_date(post.get("date")) or dt.date.today(),
                format=post.get("format", ""),
                invited=int(post.get("invited") or 0),
                attended=int(post.get("attended") or 0),
                invitees=post.get("invitees", ""),
                plan=Plan.objects.filter(pk=post.get("plan") or 0).first(),
            )
            messages.success(request, "Đã ghi nhận hội nghị.")
        except ValueError:
            messages.error(request, "Số đại biểu phải là số nguyên.")
        except WorkError as exc:
            messages.error(request, exc.reason)
        return redirect("work:event-list")
    events = Event.objects.select_related("unit")
    if not request.user.is_platform_admin:
        events = events.filter(unit__path__startswith=unit.path) if unit else events.none()
    return render(
        request,
        "work/event_list.html",
        {
            "events": events[:200],
            "kinds": Event.Kind.choices,
            "formats": Event.Format.choices,
            "plans": plans_for(request.user),
            "can_write": can_write(request.user) and unit is not None,
        },
    )
