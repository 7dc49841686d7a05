"""Reads of the work app: each unit's state on each task, roll-ups, overdue tables, figures.

A unit's state on a task comes from its latest current report up to the period's end: done,
in progress or not started; without a report "done", a task whose deadline has passed is
overdue. Completion rolls up by task group, by unit and by level ("3/4 đầu việc").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum

from tuyengiao.core.periods import parse_period
from tuyengiao.org.models import LEVEL_ORDER, Level, Unit
from tuyengiao.work.models import Assignment, Plan, ProgressReport, Task

DONE, IN_PROGRESS, NOT_STARTED, OVERDUE = "done", "in_progress", "not_started", "overdue"
STATE_LABELS = {
    DONE: "Hoàn thành",
    IN_PROGRESS: "Đang thực hiện",
    NOT_STARTED: "Chưa triển khai",
    OVERDUE: "Quá hạn",
}


@dataclass(frozen=True, slots=True)
class AssignmentState:
    assignment_id: int
    task_id: int
    group_id: int
    unit_id: int
    role: str
    due: dt.date | None
    state: str
    report_id: int | None


def assignment_states(
    assignments: QuerySet[Assignment], *, on: dt.date, period_end: dt.date | None = None
) -> list[AssignmentState]:
    """The state of each assignment on the day ``on``.

    Without ``period_end``, from the latest period each unit reported (kept on the assignment);
    with it, from the latest report of a period ending by then (a review of a past period).
    """
    if period_end is None:
        rows = list(
            assignments.values_list(
                "pk", "task_id", "task__group_id", "unit_id", "role", "task__due", "status", "pk"
            )
        )
        status_of = None
    else:
        latest = ProgressReport.objects.filter(
            assignment=OuterRef("pk"), current=True, period_end__lte=period_end
        ).order_by("-period_end", "-submitted_at", "-pk")
        rows = list(
            assignments.annotate(report_id=Subquery(latest.values("pk")[:1])).values_list(
                "pk",
                "task_id",
                "task__group_id",
                "unit_id",
                "role",
                "task__due",
                "pk",
                "report_id",
            )  # fmt: skip
        )
        status_of = dict(
            ProgressReport.objects.filter(pk__in=[r[-1] for r in rows if r[-1]]).values_list(
                "pk", "status"
            )
        )
    states = []
    for pk, task_id, group_id, unit_id, role, due, status, report_id in rows:
        if status_of is not None:
            status = status_of.get(report_id, NOT_STARTED)
        if status != DONE and due is not None and due < on:
            status = OVERDUE
        states.append(AssignmentState(pk, task_id, group_id, unit_id, role, due, status, report_id))
    return states


@dataclass
class Tally:
    """Work items done out of all: "3/4 đầu việc"."""

    done: int = 0
    total: int = 0
    overdue: int = 0

    def add(self, state: str) -> None:
        self.total += 1
        self.done += state == DONE
        self.overdue += state == OVERDUE

    @property
    def label(self) -> str:
        return f"{self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class Rollup:
    plan: Plan
    on: dt.date
    total: Tally = field(default_factory=Tally)
    groups: dict[int, Tally] = field(default_factory=lambda: defaultdict(Tally))
    units: dict[int, Tally] = field(default_factory=lambda: defaultdict(Tally))
    levels: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    matrix: dict[tuple[int, int], Tally] = field(default_factory=lambda: defaultdict(Tally))
    unit_names: dict[int, Unit] = field(default_factory=dict)


def plan_rollup(plan: Plan, *, on: dt.date, period: str | None = None) -> Rollup:
    """Completion of ``plan`` by task group, unit, level, and unit × group (lead units only)."""
    end = parse_period(period).end if period else None
    assignments = Assignment.objects.filter(task__group__plan=plan, role=Assignment.Role.LEAD)
    states = assignment_states(assignments, on=on, period_end=end)
    units = Unit.objects.in_bulk({s.unit_id for s in states})
    rollup = Rollup(plan, on, unit_names=units)
    for s in states:
        rollup.total.add(s.state)
        rollup.groups[s.group_id].add(s.state)
        rollup.units[s.unit_id].add(s.state)
        rollup.levels[units[s.unit_id].level].add(s.state)
        rollup.matrix[(s.unit_id, s.group_id)].add(s.state)
    return rollup


def plans_summary(plans: list[Plan], *, on: dt.date) -> dict[int, Tally]:
    """Each plan's completion (lead units), counted by the database in one query."""
    done = Q(assignments__status=DONE)
    late = Q(assignments__status__in=[IN_PROGRESS, NOT_STARTED], due__lt=on)
    lead = Q(assignments__role=Assignment.Role.LEAD)
    counts = (
        Task.objects.filter(group__plan__in=plans)
        .values("group__plan_id")
        .annotate(
            total=Count("assignments", filter=lead),
            done=Count("assignments", filter=lead & done),
            overdue=Count("assignments", filter=lead & late),
        )
    )
    tallies: dict[int, Tally] = {plan.pk: Tally() for plan in plans}
    for row in counts:
        tallies[row["group__plan_id"]] = Tally(row["done"], row["total"], row["overdue"])
    return tallies


@dataclass
class OverdueRow:
    unit: Unit
    cells: list[Tally]
    overdue: int
    done: int
    total: int


def overdue_table(
    rollup: Rollup, *, sort: str = "overdue", level: str = "", only_overdue: bool = False
) -> list[OverdueRow]:
    """Units × task groups, each cell the unit's work in that group, sortable and filterable."""
    groups = list(rollup.plan.groups.order_by("order", "pk").values_list("pk", flat=True))
    rows = []
    for unit_id, tally in rollup.units.items():
        unit = rollup.unit_names[unit_id]
        if level and unit.level != level:
            continue
        if only_overdue and not tally.overdue:
            continue
        cells = [rollup.matrix.get((unit_id, g), Tally()) for g in groups]
        rows.append(OverdueRow(unit, cells, tally.overdue, tally.done, tally.total))
    keys = {
        "overdue": lambda r: (-r.overdue, r.unit.sort_key),
        "done": lambda r: (-(r.done / r.total if r.total else 0), r.unit.sort_key),
        "name": lambda r: r.unit.sort_key,
        "level": lambda r: (LEVEL_ORDER.get(Level(r.unit.level), 9), r.unit.sort_key),
    }
    rows.sort(key=keys.get(sort, keys["overdue"]))
    return rows


def plans_for(user) -> QuerySet[Plan]:
    """Plans a user follows: those of the user's subtree, and those above that assign it work."""
    plans = Plan.objects.select_related("document", "unit")
    if user.is_platform_admin:
        return plans
    scope = user.scope_unit
    if scope is None:
        return plans.none()
    ancestors = scope.ancestor_ids  # the scope itself is in its subtree
    assigned_here = Assignment.objects.filter(
        task__group__plan=OuterRef("pk"), unit__path__startswith=scope.path
    )
    return plans.filter(
        Q(unit__path__startswith=scope.path) | (Q(unit__in=ancestors) & Exists(assigned_here))
    )


@dataclass
class Figure:
    """One figure of a unit's period, and the page listing the records behind it."""

    name: str
    value: object
    measure: str
    source: str
    url: str


def unit_figures(unit: Unit, period_code: str) -> list[Figure]:
    """The figures of ``unit`` and the units below it for a period: counted from the data
    where the data holds them (documents, articles, conferences), reported by units otherwise."""
    from django.urls import reverse

    from tuyengiao.documents.models import Document
    from tuyengiao.press.models import Article, Topic
    from tuyengiao.press.selectors import article_stories
    from tuyengiao.work.models import Event, IndicatorValue

    period = parse_period(period_code)
    span = {"from": period.start.isoformat(), "to": period.end.isoformat()}
    subtree = Unit.objects.filter(path__startswith=unit.path)
    figures = [
        Figure(
            "Văn bản đã ban hành",
            Document.objects.filter(
                issuing_unit__in=subtree, date__gte=period.start, date__lte=period.end
            ).count(),
            "văn bản",
            "Sổ văn bản",
            f"{reverse('documents:document-list')}?unit={unit.pk}&from={span['from']}&to={span['to']}",
        )
    ]
    events = Event.objects.filter(unit__in=subtree, date__gte=period.start, date__lte=period.end)
    figures.append(Figure("Hội nghị đã tổ chức", events.count(), "hội nghị", "Hội nghị",
                          reverse("work:event-list")))  # fmt: skip
    attended = sum(events.values_list("attended", flat=True))
    figures.append(Figure("Lượt đại biểu dự hội nghị", attended, "lượt", "Hội nghị",
                          reverse("work:event-list")))  # fmt: skip
    topics = Topic.objects.filter(active=True).filter(
        Q(owner_unit__isnull=True) | Q(owner_unit__path__startswith=unit.path)
    )
    for topic in topics:
        matched = Article.objects.filter(
            topic_matches__topic=topic, day__gte=period.start, day__lte=period.end
        )
        url = f"{topic.get_absolute_url()}?from={span['from']}&to={span['to']}"
        figures.append(Figure(f"Tin, bài về «{topic.name}»", matched.count(), "tin, bài",
                              "Báo chí", url))  # fmt: skip
        stories = article_stories(matched)
        figures.append(Figure(f"Sự kiện báo chí về «{topic.name}»", stories, "sự kiện",
                              "Báo chí", url))  # fmt: skip
    reported = (
        IndicatorValue.objects.filter(
            report__assignment__unit__in=subtree, report__period=period.code, report__current=True
        )
        .values("indicator__name", "indicator__measure")
        .annotate(total=Sum("value"))
        .order_by("indicator__name")
    )
    for row in reported:
        figures.append(Figure(row["indicator__name"], row["total"], row["indicator__measure"],
                              "Đơn vị báo cáo",
                              f"{reverse('work:report-form')}?period={period.code}"))  # fmt: skip
    return figures
