"""Writes of the work app: plans and their task groups, tasks, progress reports, conferences.

Each is transactional and audited. A progress report is never changed in place: a correction
is a new report that replaces the current one, which stays as history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from tuyengiao.accounts.services import audit_record
from tuyengiao.core.periods import PeriodError, parse_period
from tuyengiao.core.plans import propose_task_groups
from tuyengiao.documents.models import Document
from tuyengiao.org.models import Unit
from tuyengiao.org.selectors import unit_resolve
from tuyengiao.work.models import (
    Assignment,
    Event,
    Indicator,
    IndicatorValue,
    Plan,
    ProgressReport,
    Task,
    TaskGroup,
)

#: Document types that are plans: Kế hoạch, Chương trình, Hướng dẫn.
PLAN_TYPES = ("KH", "CTr", "HD")


class WorkError(Exception):
    """A request the work app refuses; ``reason`` is shown to the user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# --- plans and task groups ------------------------------------------------------------------


def plan_from_document(*, document: Document, actor=None) -> Plan | None:
    """Turn a registered plan into tracked work, its numbered sections proposed as task
    groups (and their items as tasks) for the user to confirm. Idempotent; None when the
    document is not a plan or has no issuing unit."""
    if document.doc_type not in PLAN_TYPES:
        return None
    existing = Plan.objects.filter(document=document).first()
    if existing is not None:
        return existing
    unit = document.issuing_unit or document.owner_unit
    if unit is None:
        return None
    with transaction.atomic():
        plan = Plan.objects.create(document=document, unit=unit, start=document.date)
        for order, proposed in enumerate(propose_task_groups(document.body or "")):
            group = TaskGroup.objects.create(
                plan=plan,
                number=proposed.number[:16],
                title=proposed.title[:500],
                text=proposed.text,
                order=order,
            )
            for task_order, item in enumerate(proposed.tasks):
                task = Task.objects.create(
                    group=group,
                    title=item.title[:500],
                    text=item.text,
                    due=item.due,
                    recurrence=item.recurrence or "",
                    order=task_order,
                )
                _assign_named(task, item.lead, Assignment.Role.LEAD, document.date)
                _assign_named(task, item.coordinating, Assignment.Role.COORDINATE, document.date)
        audit_record(actor=actor, action="plan_create", obj=plan, after={"document": document.pk})
    return plan


def _assign_named(task: Task, names: Iterable[str], role: str, on: dt.date | None) -> None:
    for name in names:
        unit = unit_resolve(name=name, symbol=None, on=on)
        if unit is not None:
            Assignment.objects.get_or_create(task=task, unit=unit, defaults={"role": role})


def task_group_save(
    *, actor, plan: Plan, title: str, group: TaskGroup | None = None, number: str = ""
) -> TaskGroup:
    """Add a task group, or rename one; either way it is confirmed."""
    title = (title or "").strip()
    if not title:
        raise WorkError("Nhóm nhiệm vụ cần có tên.")
    with transaction.atomic():
        creating = group is None
        before = {} if creating else {"title": group.title, "number": group.number}
        group = group or TaskGroup(plan=plan, order=plan.groups.count())
        group.title, group.number, group.confirmed = title[:500], number.strip()[:16], True
        group.save()
        audit_record(
            actor=actor,
            action="task_group_create" if creating else "task_group_update",
            obj=group,
            before=before,
            after={"title": group.title, "number": group.number},
        )
    return group


def task_group_delete(*, actor, group: TaskGroup) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor, action="task_group_delete", obj=group, before={"title": group.title}
        )
        group.delete()


def plan_confirm(*, actor, plan: Plan, groups: Iterable[TaskGroup] | None = None) -> Plan:
    """Confirm the proposed task groups (those given, or all) and start tracking the plan."""
    with transaction.atomic():
        chosen = (
            plan.groups.all()
            if groups is None
            else plan.groups.filter(pk__in=[g.pk for g in groups])
        )
        chosen.update(confirmed=True)
        if groups is not None:
            plan.groups.filter(confirmed=False).delete()
        plan.status = Plan.Status.ACTIVE
        plan.save(update_fields=["status"])
        audit_record(actor=actor, action="plan_confirm", obj=plan, after={"groups": chosen.count()})
    return plan


# --- tasks ----------------------------------------------------------------------------------


def task_save(
    *,
    actor,
    group: TaskGroup,
    title: str,
    task: Task | None = None,
    due: dt.date | None = None,
    recurrence: str = "",
    lead: Iterable[Unit] = (),
    coordinating: Iterable[Unit] = (),
    indicators: Iterable[Indicator] = (),
    text: str = "",
) -> Task:
    """Create or change a task and who carries it out."""
    title = (title or "").strip()
    if not title:
        raise WorkError("Nhiệm vụ cần có tên.")
    if recurrence not in Task.Recurrence.values:
        raise WorkError(f"Định kỳ «{recurrence}» không hợp lệ.")
    lead, coordinating = list(lead), list(coordinating)
    if not lead:
        raise WorkError("Nhiệm vụ cần ít nhất một đơn vị chủ trì.")
    with transaction.atomic():
        creating = task is None
        task = task or Task(group=group, order=group.tasks.count())
        task.title, task.text, task.due, task.recurrence = title[:500], text, due, recurrence
        task.save()
        task.indicators.set(indicators)
        wanted = {u.pk: Assignment.Role.COORDINATE for u in coordinating}
        wanted |= {u.pk: Assignment.Role.LEAD for u in lead}
        task.assignments.exclude(unit_id__in=wanted).filter(reports__isnull=True).delete()
        for unit_id, role in wanted.items():
            Assignment.objects.update_or_create(task=task, unit_id=unit_id, defaults={"role": role})
        audit_record(
            actor=actor,
            action="task_create" if creating else "task_update",
            obj=task,
            after={"title": task.title, "due": str(task.due or ""), "units": sorted(wanted)},
        )
    return task


# --- progress -------------------------------------------------------------------------------


@dataclass
class ReportInput:
    """One unit's report on one task for one period, before it is checked."""

    assignment: Assignment
    period: str
    status: str
    values: dict[Indicator, object] = field(default_factory=dict)
    note: str = ""
    evidence_url: str = ""
    evidence_document: Document | None = None
    evidence_file: tuple[str, bytes] | None = None  # (file name, contents)


def report_problems(data: ReportInput) -> list[str]:
    """What is wrong with a report, in Vietnamese; empty when it may be stored."""
    problems = []
    try:
        parse_period(data.period)
    except PeriodError as exc:
        problems.append(exc.reason)
    if data.status not in ProgressReport.Status.values:
        labels = ", ".join(str(label) for label in ProgressReport.Status.labels)
        problems.append(f"Tình trạng «{data.status}» không hợp lệ: chọn {labels}.")
    if data.evidence_file is not None:
        name, content = data.evidence_file
        if len(content) > settings.TUYENGIAO_MAX_FILE_BYTES:
            problems.append(f"Tệp minh chứng «{name}» quá lớn.")
        elif not content:
            problems.append(f"Tệp minh chứng «{name}» rỗng.")
    if data.evidence_url and not data.evidence_url.startswith(("http://", "https://")):
        problems.append(f"Đường dẫn minh chứng «{data.evidence_url}» phải bắt đầu bằng http(s)://.")
    allowed = {indicator.pk for indicator in data.assignment.task.indicators.all()}
    for indicator, raw in data.values.items():
        if indicator.pk not in allowed:
            problems.append(f"Chỉ tiêu «{indicator.name}» không thuộc nhiệm vụ này.")
        elif parse_value(raw) is None:
            problems.append(f"Chỉ tiêu «{indicator.name}»: «{raw}» không phải số không âm.")
    return problems


def parse_value(raw) -> Decimal | None:
    """A figure as typed: "1.234", "1234", "12,5" (Vietnamese decimal comma); None if not one."""
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        value = Decimal(str(raw))
    else:
        text = str(raw or "").strip().replace(" ", "")
        if not text:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif text.count(".") >= 1 and all(len(p) == 3 for p in text.split(".")[1:]):
            text = text.replace(".", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None
    if not value.is_finite() or value < 0 or value >= Decimal("1e12"):
        return None
    return value.quantize(Decimal("0.01"))


def report_submit(*, actor, data: ReportInput) -> ProgressReport:
    """Store a report; the unit's earlier report for the same task and period becomes history."""
    problems = report_problems(data)
    if problems:
        raise WorkError(" ".join(problems))
    period = parse_period(data.period)
    with transaction.atomic():
        previous = (
            ProgressReport.objects.select_for_update()
            .filter(assignment=data.assignment, period=period.code, current=True)
            .first()
        )
        if previous is not None:
            previous.current = False
            previous.save(update_fields=["current"])
        report = ProgressReport.objects.create(
            assignment=data.assignment,
            period=period.code,
            period_end=period.end,
            status=data.status,
            note=data.note,
            evidence_url=data.evidence_url,
            evidence_document=data.evidence_document,
            replaces=previous,
            submitted_by=actor if getattr(actor, "pk", None) else None,
        )
        if data.evidence_file is not None:
            name, content = data.evidence_file
            report.evidence_file.save(Path(name).name[:100], ContentFile(content), save=True)
        elif previous is not None and previous.evidence_file and not data.evidence_url:
            report.evidence_file = previous.evidence_file  # a correction keeps the evidence
            report.save(update_fields=["evidence_file"])
        latest = data.assignment.status_period_end
        if latest is None or period.end >= latest:  # the latest period: roll-ups read it
            Assignment.objects.filter(pk=data.assignment.pk).update(
                status=data.status, status_period_end=period.end
            )
            data.assignment.status, data.assignment.status_period_end = data.status, period.end
        IndicatorValue.objects.bulk_create(
            IndicatorValue(report=report, indicator=i, value=parse_value(v))
            for i, v in data.values.items()
        )
        audit_record(
            actor=actor,
            action="report_correct" if previous else "report_submit",
            obj=report,
            before={"report": previous.pk} if previous else None,
            after={"period": period.code, "status": data.status},
        )
    return report


# --- conferences ----------------------------------------------------------------------------


def event_save(
    *,
    actor,
    unit: Unit,
    kind: str,
    title: str,
    date: dt.date,
    format: str,
    invited: int = 0,
    attended: int = 0,
    invitees: str = "",
    plan: Plan | None = None,
    event: Event | None = None,
) -> Event:
    """Record a review conference or briefing with its attendance."""
    if kind not in Event.Kind.values:
        raise WorkError(f"Loại hội nghị «{kind}» không hợp lệ.")
    if format not in Event.Format.values:
        raise WorkError(f"Hình thức «{format}» không hợp lệ.")
    if not (title or "").strip():
        raise WorkError("Hội nghị cần có tên.")
    if attended < 0 or invited < 0:
        raise WorkError("Số đại biểu không thể âm.")
    with transaction.atomic():
        creating = event is None
        event = event or Event()
        event.unit, event.kind, event.title, event.date = unit, kind, title.strip()[:500], date
        event.format, event.invited, event.attended = format, invited, attended
        event.invitees, event.plan = invitees, plan
        event.save()
        audit_record(
            actor=actor,
            action="event_create" if creating else "event_update",
            obj=event,
            after={"title": event.title, "date": str(date), "attended": attended},
        )
    return event
