"""Reminders in the app and by e-mail, delivered to a real SMTP server run for the test."""

import datetime as dt
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from tuyengiao.work.models import Reminder
from tuyengiao.work.reminders import reminders_generate, reminders_send
from tuyengiao.work.selectors import DONE
from tuyengiao.work.services import ReportInput, plan_confirm, report_submit, task_save

from .test_services import plan  # noqa: F401 — a fixture

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield inbox
    controller.stop()


@pytest.fixture
def work(plan, people, tree):  # noqa: F811
    plan_confirm(actor=people.alice, plan=plan)
    first, second = plan.groups.order_by("order")
    people.bob.email = "badinh@example.vn"
    people.bob.save()
    soon = task_save(actor=people.alice, group=first, title="Hội nghị quán triệt",
                     due=dt.date(2025, 4, 30), lead=[tree.badinh])  # fmt: skip
    late = task_save(actor=people.alice, group=first, title="Tổ tuyên truyền",
                     due=dt.date(2025, 4, 10), lead=[tree.badinh])  # fmt: skip
    finished = task_save(actor=people.alice, group=second, title="Đã xong",
                         due=dt.date(2025, 4, 12), lead=[tree.badinh])  # fmt: skip
    report_submit(actor=people.bob, data=ReportInput(finished.assignments.get(), "2025Q2", DONE))
    monthly = task_save(actor=people.alice, group=second, title="Báo cáo tháng",
                        recurrence="monthly", lead=[tree.ngocha])  # fmt: skip
    monthly.__class__.objects.filter(pk=monthly.pk).update(
        created_at=dt.datetime(2025, 2, 1, tzinfo=dt.UTC)
    )
    return soon, late, monthly


def test_deadlines_overdue_work_and_missing_reports_are_reminded_once(work):
    made = reminders_generate(today=dt.date(2025, 4, 25))
    kinds = sorted((r.kind, r.assignment.task.title, r.period) for r in made)
    assert ("deadline", "Hội nghị quán triệt", "") in kinds
    assert ("overdue", "Tổ tuyên truyền", "") in kinds
    assert ("missing_report", "Báo cáo tháng", "2025-03") in kinds
    assert not any(title == "Đã xong" for _, title, _ in kinds)
    assert reminders_generate(today=dt.date(2025, 4, 25)) == []  # nothing twice


def test_reminders_are_emailed_to_the_unit_and_marked_sent(work, smtp):
    reminders_generate(today=dt.date(2025, 4, 25))
    sent = reminders_send()
    assert sent == 2 and len(smtp.messages) == 1  # Ngọc Hà has no user with an e-mail
    recipients, message = smtp.messages[0]
    assert recipients == ["badinh@example.vn"]
    assert "Đảng ủy phường Ba Đình" in message["Subject"]
    body = message.get_content()
    assert "Hội nghị quán triệt" in body and "Quá hạn từ 10/04/2025" in body
    assert reminders_send() == 0  # already sent
    # Ngọc Hà's missing February and March reports wait for a user with an e-mail.
    assert Reminder.objects.filter(emailed_at__isnull=True).count() == 2


def test_an_unreachable_mail_server_keeps_reminders_for_the_next_run(work, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    reminders_generate(today=dt.date(2025, 4, 25))
    assert reminders_send() == 0
    assert not Reminder.objects.filter(emailed_at__isnull=False).exists()


def test_the_dashboard_shows_the_units_reminders(client, people, work):
    reminders_generate(today=dt.date(2025, 4, 25))
    client.force_login(people.bob)
    content = client.get(reverse("web:dashboard")).content.decode()
    assert 'data-testid="reminders"' in content and "Tổ tuyên truyền" in content


def test_a_half_yearly_task_owes_a_report_per_half_year(work, people, tree):
    group = work[0].group
    task = task_save(actor=people.alice, group=group, title="Sơ kết 6 tháng",
                     recurrence="half-yearly", lead=[tree.badinh])  # fmt: skip
    task.__class__.objects.filter(pk=task.pk).update(
        created_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    )
    early = reminders_generate(today=dt.date(2025, 6, 30))
    assert not [r for r in early if r.assignment.task == task]  # the half-year has not ended
    made = reminders_generate(today=dt.date(2025, 7, 20))
    assert [(r.kind, r.period) for r in made if r.assignment.task == task] == [
        ("missing_report", "2025H1")
    ]
    report_submit(actor=people.bob, data=ReportInput(task.assignments.get(), "2025H2", DONE))
    later = reminders_generate(today=dt.date(2026, 1, 20))
    assert not [r for r in later if r.assignment.task == task]  # 2025H2 is in
