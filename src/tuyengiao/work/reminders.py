"""Reminders: deadlines ahead, work overdue, periodic reports missing — in the app and by e-mail.

``reminders_generate`` is idempotent (one reminder per assignment, kind, period and deadline),
so any number of workers may run it; ``reminders_send`` e-mails those not yet sent to the
active users of the unit concerned, through the configured SMTP server, and marks them sent.
A failed delivery is logged and retried at the next run.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from tuyengiao.accounts.models import User
from tuyengiao.accounts.permissions import STAFF_KINDS
from tuyengiao.core.periods import due_dates
from tuyengiao.work.models import Assignment, ProgressReport, Reminder, Task
from tuyengiao.work.selectors import DONE

logger = logging.getLogger(__name__)


def reminders_generate(today: dt.date | None = None) -> list[Reminder]:
    """Create the reminders due today; returns those created (none twice)."""
    today = today or timezone.localdate()
    ahead = today + dt.timedelta(days=settings.TUYENGIAO_REMIND_DAYS)
    open_work = (
        Assignment.objects.filter(
            role=Assignment.Role.LEAD, task__due__isnull=False, task__due__lte=ahead
        )
        .exclude(status=DONE)  # the state of the latest period reported (see assignment_states)
        .select_related("task")
    )
    created: list[Reminder] = []
    for assignment in open_work:
        due = assignment.task.due
        if due < today:
            kind, message = Reminder.Kind.OVERDUE, f"Quá hạn từ {due:%d/%m/%Y}"
        else:
            kind, message = Reminder.Kind.DEADLINE, f"Đến hạn ngày {due:%d/%m/%Y}"
        created += _create(assignment, kind, "", due, f"{message}: {assignment.task.title}")
    created += _missing_reports(today)
    return created


def _missing_reports(today: dt.date) -> list[Reminder]:
    """Recurring tasks whose report for the last ended period is due and not in."""
    created: list[Reminder] = []
    recurring = Assignment.objects.filter(
        role=Assignment.Role.LEAD, task__recurrence__in=Task.Recurrence.values[1:]
    ).select_related("task")
    reported = defaultdict(set)
    for assignment_id, period in ProgressReport.objects.filter(
        assignment__in=recurring, current=True
    ).values_list("assignment_id", "period"):
        reported[assignment_id].add(period)
    for assignment in recurring:
        task: Task = assignment.task
        start = task.created_at.date() if task.created_at else today
        for item in due_dates(task.recurrence, start, today):  # type: ignore[arg-type]
            if item.due > today or item.period.code in reported[assignment.pk]:
                continue
            if item.period.end < start or item.due < today - dt.timedelta(days=90):
                continue
            message = f"Chưa báo cáo {item.period.label} (hạn {item.due:%d/%m/%Y}): {task.title}"
            created += _create(
                assignment, Reminder.Kind.MISSING_REPORT, item.period.code, item.due, message
            )
    return created


def _create(assignment, kind, period, due, message) -> list[Reminder]:
    try:
        with transaction.atomic():
            reminder, made = Reminder.objects.get_or_create(
                assignment=assignment, kind=kind, period=period, due=due,
                defaults={"message": message[:2000]},
            )  # fmt: skip
    except IntegrityError:  # another worker made it a moment ago
        return []
    return [reminder] if made else []


def reminders_send() -> int:
    """E-mail the reminders not yet sent, one message per unit; returns how many were sent."""
    if not settings.EMAIL_HOST and "smtp" in settings.EMAIL_BACKEND:
        return 0  # no mail server configured: reminders are shown in the app only
    pending = Reminder.objects.filter(emailed_at__isnull=True).select_related(
        "assignment__unit", "assignment__task"
    )
    by_unit: dict[int, list[Reminder]] = defaultdict(list)
    for reminder in pending:
        by_unit[reminder.assignment.unit_id].append(reminder)
    sent = 0
    connection = get_connection(fail_silently=False)
    for unit_id, reminders in by_unit.items():
        acting = Q(unit_id=unit_id) | Q(unit__parent_id=unit_id, unit__kind__in=STAFF_KINDS)
        users = User.objects.filter(acting, is_active=True).exclude(email="")
        recipients = sorted(set(users.values_list("email", flat=True)))
        if not recipients:
            continue
        unit = reminders[0].assignment.unit
        body = "\n".join(f"- {r.message}" for r in reminders)
        message = EmailMessage(
            subject=f"[Tuyên giáo số] {len(reminders)} việc cần làm của {unit.name}",
            body=f"Kính gửi {unit.name},\n\nCác việc cần lưu ý:\n{body}\n\nTuyên giáo số",
            to=recipients,
            connection=connection,
        )
        try:
            message.send()
        except (smtplib.SMTPException, OSError):
            logger.exception("reminders to %s not sent; retried next time", unit.name)
            continue
        Reminder.objects.filter(pk__in=[r.pk for r in reminders]).update(emailed_at=timezone.now())
        sent += len(reminders)
    return sent


def reminders_for(user, *, limit: int = 20):
    """Unread reminders of the unit the user acts for, newest first."""
    if user.scope_unit is None:
        return Reminder.objects.none()
    return Reminder.objects.filter(
        assignment__unit=user.scope_unit, read_at__isnull=True
    ).select_related("assignment__task")[:limit]
