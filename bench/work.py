"""Plans, tasks and reviews at province scale (issue 4), in a fresh database.

A province of 100 units (the provincial committee and 99 wards), 10 plans of 5 task groups and
100 tasks each (5,000 tasks, each led by a ward and coordinated by another), and two years of
quarterly progress reports with an indicator value each. Then, through Django's test client as a
signed-in department head: the dashboard, the plans list, a plan's roll-up page and the overdue
table filtered, 40 requests each after a warm-up (p50, p95); and a review report drafted as DOCX
for the province and a half-year (best of 3). The peer is the sign-in page, the lightest page of
the same server, measured in the same run.

    DATABASE_URL=... python -m bench.work        → prints one JSON line
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import time
from decimal import Decimal

UNITS, PLANS, GROUPS, TASKS_PER_GROUP = 100, 10, 5, 100
REQUESTS = 40


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuyengiao.config.settings")
    os.environ.setdefault("TUYENGIAO_SEARCH_DIR", "")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    province, user = build()
    built = time.perf_counter() - started
    result = {"build_s": round(built, 1), **measure(province, user)}
    from django.db import connection

    result["vendor"] = connection.vendor
    print(json.dumps(result))


def build():
    from tests.factories import make_unit, make_user

    from tuyengiao.accounts.models import User
    from tuyengiao.core.periods import parse_period
    from tuyengiao.documents.models import Document
    from tuyengiao.org.models import Kind, Level
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

    rng = random.Random(2025)
    province = make_unit("Tỉnh ủy Bến Mây", symbol="TU", area_name="Bến Mây", code="bm")
    department = make_unit(
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Bến Mây", parent=province, kind=Kind.DEPARTMENT,
        symbol="BTGDVTU", code="bm-btg",
    )  # fmt: skip
    wards = [
        make_unit(
            f"Đảng ủy phường Số {n}",
            parent=province,
            level=Level.GRASSROOTS,
            symbol="ĐU",
            code=f"bm-{n}",
        )  # fmt: skip
        for n in range(1, UNITS)
    ]
    user = make_user("truongban", department, User.Role.MANAGER)
    indicator = Indicator.objects.create(code="buoi", name="Số buổi tuyên truyền", measure="buổi")
    start = dt.date(2024, 1, 1)
    quarters = [parse_period(f"{year}Q{q}") for year in (2024, 2025) for q in (1, 2, 3, 4)]
    for p in range(PLANS):
        doc = Document.objects.create(
            designation=f"{100 + p}-KH/TU", doc_type="KH", number=100 + p, identity_key=f"bm-{p}",
            date=start + dt.timedelta(days=30 * p), issuing_unit=province,
            summary=f"thực hiện chương trình công tác số {p + 1}", origin="official",
        )  # fmt: skip
        plan = Plan.objects.create(document=doc, unit=province, status="active", start=doc.date)
        groups = TaskGroup.objects.bulk_create(
            TaskGroup(
                plan=plan,
                number=str(g + 1),
                title=f"Nhóm nhiệm vụ {g + 1}",
                order=g,
                confirmed=True,
            )  # fmt: skip
            for g in range(GROUPS)
        )
        tasks = Task.objects.bulk_create(
            Task(
                group=group,
                title=f"Nhiệm vụ {t + 1} của nhóm {group.number}",
                order=t,
                due=start + dt.timedelta(days=rng.randrange(0, 730)),
            )  # fmt: skip
            for group in groups
            for t in range(TASKS_PER_GROUP)
        )
        Task.indicators.through.objects.bulk_create(
            Task.indicators.through(task_id=t.pk, indicator_id=indicator.pk) for t in tasks
        )
        assignments = Assignment.objects.bulk_create(
            Assignment(task=t, unit=unit, role=role)
            for t in tasks
            for unit, role in zip(rng.sample(wards, 2), ("lead", "coordinate"), strict=True)
        )
        leads = [a for a in assignments if a.role == "lead"]
        reports = []
        for a in leads:
            for q in quarters[: rng.randrange(2, len(quarters) + 1)]:
                reports.append(
                    ProgressReport(assignment=a, period=q.code, period_end=q.end,
                                   status=rng.choice(["in_progress", "done", "not_started"]))
                )  # fmt: skip
        reports = ProgressReport.objects.bulk_create(reports, batch_size=2000)
        for report in reports:  # what report_submit keeps on the assignment: the latest period
            report.assignment.status = report.status
            report.assignment.status_period_end = report.period_end
        Assignment.objects.bulk_update(leads, ["status", "status_period_end"], batch_size=2000)
        IndicatorValue.objects.bulk_create(
            (
                IndicatorValue(report=r, indicator=indicator, value=Decimal(rng.randrange(0, 50)))
                for r in reports
            ),  # fmt: skip
            batch_size=2000,
        )
    Event.objects.bulk_create(
        Event(
            unit=rng.choice(wards),
            kind="briefing",
            title=f"Hội nghị báo cáo viên {n}",
            date=start + dt.timedelta(days=rng.randrange(0, 730)),
            format="in_person",
            invited=100,
            attended=rng.randrange(50, 100),
        )  # fmt: skip
        for n in range(400)
    )
    return province, user


def _timed(client, url: str) -> list[float]:
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(REQUESTS):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, url
    return times


def _summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
    }


def measure(province, user) -> dict:
    from django.test import Client
    from django.urls import reverse

    from tuyengiao.reports.docx import render_docx
    from tuyengiao.reports.review import review_report
    from tuyengiao.work.models import Plan, ProgressReport, Task

    anonymous = Client()
    client = Client()
    client.force_login(user)
    plan = Plan.objects.order_by("pk").first()
    pages = {
        "sign-in page (peer)": (anonymous, reverse("web:login")),
        "dashboard": (client, reverse("web:dashboard")),
        "plans with roll-ups": (client, reverse("work:plan-list")),
        "plan roll-up and unit × group table": (client, plan.get_absolute_url()),
        "overdue table, filtered and sorted": (
            client,
            plan.get_absolute_url() + "?overdue=1&sort=done&level=grassroots",
        ),  # fmt: skip
    }
    result = {
        "tasks": Task.objects.count(),
        "reports": ProgressReport.objects.count(),
        "pages": {name: _summary(_timed(c, url)) for name, (c, url) in pages.items()},
    }
    drafts = []
    for _ in range(3):
        t0 = time.perf_counter()
        render_docx(review_report(province, "2025H1"))
        drafts.append(time.perf_counter() - t0)
    result["review_docx_s"] = round(min(drafts), 2)
    return result


if __name__ == "__main__":
    main()
