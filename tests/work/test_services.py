"""Plans become work: proposed task groups, tasks, reports with history, roll-ups."""

import datetime as dt

import pytest

from tuyengiao.documents.ingest import ingest_bytes
from tuyengiao.work.models import Assignment, Indicator, Plan, ProgressReport
from tuyengiao.work.selectors import DONE, overdue_table, plan_rollup
from tuyengiao.work.services import (
    ReportInput,
    WorkError,
    event_save,
    plan_confirm,
    report_submit,
    task_group_save,
    task_save,
)

pytestmark = pytest.mark.django_db

PLAN = """ĐẢNG BỘ THÀNH PHỐ HÀ NỘI
THÀNH ỦY
*
Số 131-KH/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 20 tháng 3 năm 2025
KẾ HOẠCH
thực hiện Chỉ thị số 47-CT/TW ngày 05/3/2025 của Ban Bí thư
-----
Ban Thường vụ Thành ủy ban hành Kế hoạch thực hiện như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt sâu sắc nội dung Chỉ thị đến cán bộ, đảng viên.
II. NHIỆM VỤ, GIẢI PHÁP
1. Nâng cao vai trò lãnh đạo của cấp ủy đối với công tác thông tin cơ sở
Đảng ủy phường Ba Đình chủ trì tổ chức hội nghị quán triệt trước ngày 30/4/2025.
2. Đổi mới nội dung, hình thức tuyên truyền miệng
Đảng ủy phường Ngọc Hà chủ trì xây dựng mô hình tổ tuyên truyền tại khu dân cư, báo cáo hằng quý.
III. TỔ CHỨC THỰC HIỆN
Các đảng ủy trực thuộc báo cáo kết quả về Ban Thường vụ Thành ủy.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ THƯỜNG TRỰC
"""


@pytest.fixture
def plan(tree, people):
    outcome = ingest_bytes(
        PLAN.encode(), filename="131.txt", location="131.txt", actor=people.alice
    )
    assert outcome.status == "created", outcome.message
    return Plan.objects.get(document_id=outcome.document_id)


def test_an_ingested_plan_proposes_its_numbered_sections_as_task_groups(plan, tree):
    groups = list(plan.groups.order_by("order"))
    assert [g.number for g in groups] == ["1", "2"]
    assert groups[0].title.startswith("Nâng cao vai trò lãnh đạo của cấp ủy")
    assert not any(g.confirmed for g in groups) and plan.status == Plan.Status.PROPOSED
    assert plan.unit == tree.hanoi


def test_confirming_keeps_the_groups_chosen_and_starts_tracking(plan, people):
    first, second = plan.groups.order_by("order")
    plan_confirm(actor=people.alice, plan=plan, groups=[first])
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACTIVE
    assert list(plan.groups.values_list("pk", flat=True)) == [first.pk]
    renamed = task_group_save(
        actor=people.alice, plan=plan, group=first, title="Lãnh đạo", number="1"
    )
    assert renamed.confirmed and renamed.title == "Lãnh đạo"
    with pytest.raises(WorkError, match="cần có tên"):
        task_group_save(actor=people.alice, plan=plan, title="  ")


def _task(plan, people, units, due, **kw):
    group = plan.groups.order_by("order").first()
    return task_save(
        actor=people.alice, group=group, title="Hội nghị quán triệt", due=due, lead=units, **kw
    )


def test_a_task_needs_a_lead_unit_and_a_valid_recurrence(plan, people, tree):
    group = plan.groups.first()
    with pytest.raises(WorkError, match="chủ trì"):
        task_save(actor=people.alice, group=group, title="Việc", lead=[])
    with pytest.raises(WorkError, match="Định kỳ"):
        task_save(
            actor=people.alice, group=group, title="Việc", lead=[tree.badinh], recurrence="weekly"
        )


def test_a_correction_keeps_the_earlier_report_as_history(plan, people, tree):
    indicator = Indicator.objects.create(code="hoi-nghi", name="Số hội nghị", measure="hội nghị")
    task = _task(plan, people, [tree.badinh], dt.date(2025, 4, 30), indicators=[indicator])
    assignment = task.assignments.get()
    first = report_submit(
        actor=people.bob,
        data=ReportInput(assignment, "2025H1", "in_progress", {indicator: "3"}),
    )
    second = report_submit(
        actor=people.bob,
        data=ReportInput(assignment, "2025h1", "done", {indicator: "1.234"}, note="Đã xong"),
    )
    first.refresh_from_db()
    assert not first.current and second.current and second.replaces == first
    assert second.period == "2025H1" and second.values.get().value == 1234
    assert ProgressReport.objects.filter(assignment=assignment).count() == 2


@pytest.mark.parametrize(
    ("period", "status", "value", "message"),
    [
        ("2025H3", "done", "1", "2025H3"),
        ("2025H1", "xong", "1", "Tình trạng"),
        ("2025H1", "done", "-2", "không phải số"),
        ("2025H1", "done", "ba", "không phải số"),
    ],
)
def test_a_bad_report_is_refused_with_its_reason_and_nothing_stored(
    plan, people, tree, period, status, value, message
):
    indicator = Indicator.objects.create(code="buoi", name="Số buổi", measure="buổi")
    task = _task(plan, people, [tree.badinh], None, indicators=[indicator])
    with pytest.raises(WorkError, match=message):
        report_submit(
            actor=people.bob,
            data=ReportInput(task.assignments.get(), period, status, {indicator: value}),
        )
    assert not ProgressReport.objects.exists()


def test_completion_rolls_up_by_group_unit_and_level_with_overdue_work(plan, people, tree):
    plan_confirm(actor=people.alice, plan=plan)
    first, second = plan.groups.order_by("order")
    done = task_save(
        actor=people.alice, group=first, title="A", due=dt.date(2025, 4, 30), lead=[tree.badinh]
    )
    task_save(
        actor=people.alice, group=first, title="B", due=dt.date(2025, 4, 30), lead=[tree.ngocha]
    )
    task_save(
        actor=people.alice, group=second, title="C", due=dt.date(2025, 9, 30), lead=[tree.ngocha]
    )
    task_save(
        actor=people.alice, group=second, title="D", due=dt.date(2025, 5, 31),
        lead=[tree.badinh], coordinating=[tree.ngocha],
    )  # fmt: skip
    report_submit(actor=people.bob, data=ReportInput(done.assignments.get(), "2025Q2", DONE))
    rollup = plan_rollup(plan, on=dt.date(2025, 6, 15))
    assert rollup.total.label == "1/4" and rollup.total.overdue == 2
    assert rollup.groups[first.pk].label == "1/2" and rollup.groups[second.pk].label == "0/2"
    assert rollup.units[tree.badinh.pk].label == "1/2" and rollup.units[tree.ngocha.pk].overdue == 1
    assert rollup.levels["grassroots"].label == "1/4"
    rows = overdue_table(rollup)
    assert [r.unit for r in rows][0] in (tree.badinh, tree.ngocha)
    assert all(r.overdue == 1 for r in rows)
    assert [c.overdue for c in overdue_table(rollup, only_overdue=True, sort="name")[0].cells] in (
        [0, 1],
        [1, 0],
    )
    # Coordinating units are tracked but do not count in the completion of the lead.
    assert Assignment.objects.filter(role=Assignment.Role.COORDINATE).count() == 1


def test_conferences_are_recorded_with_their_attendance(plan, people, tree):
    event = event_save(
        actor=people.alice, unit=tree.hanoi, kind="interim_review", title="Hội nghị sơ kết 6 tháng",
        date=dt.date(2025, 7, 10), format="hybrid", invited=250, attended=236, plan=plan,
    )  # fmt: skip
    assert event.get_format_display() == "Trực tiếp kết hợp trực tuyến"
    with pytest.raises(WorkError, match="Hình thức"):
        event_save(actor=people.alice, unit=tree.hanoi, kind="briefing", title="X",
                   date=dt.date(2025, 7, 1), format="radio")  # fmt: skip
