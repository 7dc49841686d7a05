"""The review report's figures, gathered from the records (Django side of ``reports``).

``review_report(unit, period)`` drafts a unit's review (sơ kết, tổng kết) for a period: the
documents its subtree issued, the completion of the tasks of its plans by task group and by
unit, the conferences held and their attendance, the indicators units reported, the press
coverage of its topics; the shortcomings (work overdue) and the tasks ahead (work due in the
next period). Every figure is counted from the rows the annex lists, so the two always agree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Count, Q, Sum

from tuyengiao.core.doctypes import type_name
from tuyengiao.core.numbers import format_number, format_ratio
from tuyengiao.core.periods import Period, following, parse_period
from tuyengiao.documents.models import Document
from tuyengiao.org.models import Unit
from tuyengiao.reports.document import (
    AnnexColumn,
    AnnexSheet,
    Chart,
    Paragraph,
    ReviewReport,
    Run,
    Section,
    Series,
    Signature,
    Table,
)
from tuyengiao.work.models import Assignment, Event, IndicatorValue, Plan
from tuyengiao.work.selectors import DONE, OVERDUE, assignment_states


def review_report(unit: Unit, period: Period | str, *, plan: Plan | None = None) -> ReviewReport:
    """Draft the review report of ``unit`` (and the units below it) for ``period``."""
    period = parse_period(period) if isinstance(period, str) else period
    subtree = Unit.objects.filter(path__startswith=unit.path)
    plans = Plan.objects.filter(unit=unit) if plan is None else Plan.objects.filter(pk=plan.pk)
    figures = _Figures(unit, subtree, period, plans)
    sections = [
        Section("I. KẾT QUẢ ĐẠT ĐƯỢC", figures.results()),
        Section("II. HẠN CHẾ, NGUYÊN NHÂN", figures.shortcomings()),
        Section("III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI", figures.ahead()),
    ]
    subject = f"{'Tổng kết' if period.kind in ('year', 'term') else 'Sơ kết'} {period.label}"
    if plan is not None:
        subject += f" thực hiện {plan.document.label}"
    return ReviewReport(
        issuer=_issuer(unit),
        symbol=f"BC/{unit.symbol or 'BTG'}",
        place=_place(unit),
        date=min(dt.date.today(), period.end + dt.timedelta(days=15)),
        summary=subject,
        sections=sections,
        signature=Signature(title="TRƯỞNG BAN" if "Ban" in unit.name else "BÍ THƯ"),
        superior=unit.parent.name.upper() if unit.parent else "",
        recipients=[
            f"{unit.parent.name} (để báo cáo)" if unit.parent else "Cấp ủy (để báo cáo)",
            "Các đơn vị trực thuộc",
            "Lưu",
        ],
        annex=figures.annex(),
    )


def _issuer(unit: Unit) -> str:
    return unit.name.upper()


def _place(unit: Unit) -> str:
    node: Unit | None = unit
    while node is not None:
        if node.level == "province" and node.area_name:
            return node.area_name
        node = node.parent
    return unit.area_name or "Hà Nội"


class _Figures:
    def __init__(self, unit: Unit, subtree, period: Period, plans) -> None:
        self.unit, self.subtree, self.period, self.plans = unit, subtree, period, plans
        assignments = Assignment.objects.filter(
            task__group__plan__in=plans, role=Assignment.Role.LEAD
        )
        self.states = assignment_states(assignments, on=min(period.end, dt.date.today()),
                                        period_end=period.end)  # fmt: skip
        self.units = Unit.objects.in_bulk({s.unit_id for s in self.states})
        self.groups = {
            g.pk: g for plan in plans.prefetch_related("groups") for g in plan.groups.all()
        }
        self.documents = list(
            Document.objects.filter(
                issuing_unit__in=subtree, date__gte=period.start, date__lte=period.end
            ).order_by("date", "pk")
        )
        self.events = list(
            Event.objects.filter(
                unit__in=subtree, date__gte=period.start, date__lte=period.end
            ).order_by("date")
        )
        self.values = list(
            IndicatorValue.objects.filter(
                report__assignment__unit__in=subtree,
                report__period=period.code,
                report__current=True,
            )
            .values("indicator__name", "indicator__measure")
            .annotate(total=Sum("value"), units=Count("report__assignment__unit", distinct=True))
            .order_by("indicator__name")
        )

    # --- I. results -----------------------------------------------------------------------

    def results(self) -> list:
        blocks: list = []
        by_type = Counter(type_name(d.doc_type) or "Văn bản khác" for d in self.documents)
        kinds = ", ".join(f"{format_number(n)} {name.lower()}" for name, n in by_type.most_common())
        blocks.append(
            Paragraph(
                [
                    "1. Công tác lãnh đạo, chỉ đạo. Trong kỳ, ",
                    self.unit.name,
                    " và các đơn vị trực thuộc đã ban hành ",
                    Run(f"{format_number(len(self.documents))} văn bản", bold=True),
                    f" ({kinds})." if kinds else ".",
                ]
            )  # fmt: skip
        )
        done = sum(s.state == DONE for s in self.states)
        late = sum(s.state == OVERDUE for s in self.states)
        blocks.append(
            Paragraph(
                [
                    "2. Kết quả thực hiện nhiệm vụ. Các đơn vị đã hoàn thành ",
                    Run(format_ratio(done, len(self.states), unit="đầu việc"), bold=True),
                    f"; {format_number(late)} đầu việc quá hạn.",
                ]
            )  # fmt: skip
        )
        if self.groups:
            rows, done_by, total_by = self._group_rows()
            blocks.append(
                Table(
                    ["Nhóm nhiệm vụ", "Hoàn thành", "Quá hạn"],
                    rows,
                    caption="Kết quả theo nhóm nhiệm vụ",
                    align=["left", "center", "center"],
                )  # fmt: skip
            )
            blocks.append(
                Chart(
                    "Số đầu việc theo nhóm nhiệm vụ",
                    [f"Nhóm {g.number or i + 1}" for i, g in enumerate(self.groups.values())],
                    [Series("Hoàn thành", done_by), Series("Tổng số", total_by)],
                    unit="đầu việc",
                )
            )
        if self.units:
            blocks.append(
                Table(
                    ["Đơn vị", "Hoàn thành", "Quá hạn"],
                    self._unit_rows(),
                    caption="Kết quả theo đơn vị",
                    align=["left", "center", "center"],
                )  # fmt: skip
            )
        attended = sum(e.attended for e in self.events)
        blocks.append(
            Paragraph(
                [
                    "3. Hội nghị. Tổ chức ",
                    Run(f"{format_number(len(self.events))} hội nghị", bold=True),
                    " với ",
                    Run(f"{format_number(attended)} lượt đại biểu", bold=True),
                    " tham dự.",
                ]
            )  # fmt: skip
        )
        if self.values:
            blocks.append(
                Table(
                    ["Chỉ tiêu", "Kết quả", "Số đơn vị báo cáo"],
                    [
                        [
                            v["indicator__name"],
                            f"{format_number(v['total'])} {v['indicator__measure']}",
                            format_number(v["units"]),
                        ]
                        for v in self.values
                    ],  # fmt: skip
                    caption="Các chỉ tiêu do đơn vị báo cáo",
                    align=["left", "right", "center"],
                )  # fmt: skip
            )
        blocks.extend(self._press())
        return blocks

    def _group_rows(self):
        done: dict[int, int] = defaultdict(int)
        total: dict[int, int] = defaultdict(int)
        overdue: dict[int, int] = defaultdict(int)
        for s in self.states:
            total[s.group_id] += 1
            done[s.group_id] += s.state == DONE
            overdue[s.group_id] += s.state == OVERDUE
        rows = [
            [str(g), format_ratio(done[pk], total[pk]), format_number(overdue[pk])]
            for pk, g in self.groups.items()
        ]
        return rows, [done[pk] for pk in self.groups], [total[pk] for pk in self.groups]

    def _unit_rows(self):
        done: dict[int, int] = defaultdict(int)
        total: dict[int, int] = defaultdict(int)
        overdue: dict[int, int] = defaultdict(int)
        for s in self.states:
            total[s.unit_id] += 1
            done[s.unit_id] += s.state == DONE
            overdue[s.unit_id] += s.state == OVERDUE
        order = sorted(self.units.values(), key=lambda u: u.sort_key)
        return [
            [u.name, format_ratio(done[u.pk], total[u.pk]), format_number(overdue[u.pk])]
            for u in order
        ]

    def _press(self) -> list:
        from tuyengiao.press.models import Article, Topic
        from tuyengiao.press.selectors import article_stories

        topics = Topic.objects.filter(
            Q(owner_unit__isnull=True) | Q(owner_unit__path__startswith=self.unit.path)
        ).filter(active=True)
        rows = []
        for topic in topics:
            matched = Article.objects.filter(
                topic_matches__topic=topic,
                day__gte=self.period.start,
                day__lte=self.period.end,
            )
            n = matched.count()
            stories = article_stories(matched)
            rows.append([topic.name, format_number(n), format_number(stories)])
        if not rows:
            return []
        return [
            Paragraph(["4. Tuyên truyền trên báo chí về các chủ đề trọng tâm:"]),
            Table(["Chủ đề", "Tin, bài", "Sự kiện"], rows, align=["left", "right", "right"]),
        ]

    # --- II, III ----------------------------------------------------------------------------

    def shortcomings(self) -> list:
        late = [s for s in self.states if s.state == OVERDUE]
        if not late:
            return [Paragraph(["Không có đầu việc quá hạn trong kỳ."])]
        by_unit = Counter(self.units[s.unit_id].name for s in late)
        names = "; ".join(f"{name} ({format_number(n)})" for name, n in by_unit.most_common(10))
        return [
            Paragraph(
                [
                    "Còn ",
                    Run(f"{format_number(len(late))} đầu việc quá hạn", bold=True),
                    f", tập trung ở: {names}. ",
                    "[Nguyên nhân: cán bộ soạn thảo bổ sung trước khi trình ký.]",
                ]
            )  # fmt: skip
        ]

    def ahead(self) -> list:
        upcoming = following(self.period)
        due = [s for s in self.states if s.state != DONE and s.due
               and upcoming.start <= s.due <= upcoming.end]  # fmt: skip
        intro = f"Trong {upcoming.label}, tập trung hoàn thành "
        return [
            Paragraph(
                [
                    intro,
                    Run(f"{format_number(len(due))} đầu việc", bold=True),
                    " đến hạn, và khắc phục các đầu việc quá hạn nêu trên.",
                ]
            ),  # fmt: skip
        ]

    def annex(self) -> list[AnnexSheet]:
        work = AnnexSheet(
            "Tiến độ",
            [
                AnnexColumn("Nhóm nhiệm vụ", "text", 50),
                AnnexColumn("Đơn vị", "text", 40),
                AnnexColumn("Hạn", "date"),
                AnnexColumn("Tình trạng", "text"),
            ],  # fmt: skip
            [
                [str(self.groups.get(s.group_id, "")), self.units[s.unit_id].name, s.due, s.state]
                for s in self.states
            ],  # fmt: skip
        )
        documents = AnnexSheet(
            "Văn bản",
            [
                AnnexColumn("Số, ký hiệu", "text", 20),
                AnnexColumn("Ngày", "date"),
                AnnexColumn("Trích yếu", "text", 60),
            ],  # fmt: skip
            [[d.designation, d.date, d.summary or d.title] for d in self.documents],
        )
        events = AnnexSheet(
            "Hội nghị",
            [
                AnnexColumn("Ngày", "date"),
                AnnexColumn("Hội nghị", "text", 50),
                AnnexColumn("Mời", "integer"),
                AnnexColumn("Dự", "integer"),
            ],  # fmt: skip
            [[e.date, e.title, e.invited, e.attended] for e in self.events],
        )
        return [work, documents, events]
