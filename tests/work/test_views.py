"""The work pages, the offline Excel report, and the review draft whose figures match the records."""

import datetime as dt
import io
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document as Docx
from openpyxl import load_workbook

from tests.work.test_services import PLAN
from tuyengiao.documents.ingest import ingest_bytes
from tuyengiao.work.models import Event, Indicator, Plan, ProgressReport
from tuyengiao.work.selectors import DONE
from tuyengiao.work.services import ReportInput, event_save, plan_confirm, report_submit, task_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(tree, people):
    outcome = ingest_bytes(
        PLAN.encode(), filename="131.txt", location="131.txt", actor=people.alice
    )
    return Plan.objects.get(document_id=outcome.document_id)


@pytest.fixture
def tracked(plan, people, tree):
    plan_confirm(actor=people.alice, plan=plan)
    first, second = plan.groups.order_by("order")
    sessions = Indicator.objects.create(
        code="buoi-noi-chuyen", name="Số buổi nói chuyện", measure="buổi"
    )
    a = task_save(actor=people.alice, group=first, title="Hội nghị quán triệt", due=dt.date(2025, 4, 30),
                  lead=[tree.badinh], indicators=[sessions])  # fmt: skip
    task_save(actor=people.alice, group=first, title="Tổ tuyên truyền", due=dt.date(2025, 5, 31),
              lead=[tree.ngocha])  # fmt: skip
    task_save(actor=people.alice, group=second, title="Sổ tay báo cáo viên", due=dt.date(2030, 12, 31),
              lead=[tree.badinh])  # fmt: skip
    report_submit(
        actor=people.bob,
        data=ReportInput(a.assignments.get(), "2025H1", DONE, {sessions: "1.250"}),
    )
    event_save(actor=people.alice, unit=tree.hanoi, kind="interim_review", title="Sơ kết 6 tháng",
               date=dt.date(2025, 6, 20), format="hybrid", invited=200, attended=187)  # fmt: skip
    return plan


def test_the_plan_page_confirms_groups_and_shows_progress(client, people, plan):
    client.force_login(people.alice)
    content = client.get(plan.get_absolute_url()).content.decode()
    assert 'data-testid="proposed-groups"' in content and "Nâng cao vai trò lãnh đạo" in content
    first, second = plan.groups.order_by("order")
    client.post(
        reverse("work:plan-confirm", args=[plan.pk]),
        {"groups": [first.pk, second.pk], f"title-{first.pk}": "Vai trò lãnh đạo của cấp ủy"},
    )
    plan.refresh_from_db()
    assert (
        plan.status == "active"
        and plan.groups.get(pk=first.pk).title == "Vai trò lãnh đạo của cấp ủy"
    )
    client.post(
        reverse("work:task-add", args=[plan.pk]),
        {"group": first.pk, "title": "Kiện toàn tổ tuyên truyền", "due": "2025-05-01",
         "lead": [people.bob.scope_unit.pk]},
    )  # fmt: skip
    assert plan.groups.get(pk=first.pk).tasks.get().assignments.get().unit == people.bob.scope_unit


def test_the_overdue_table_sorts_and_filters(client, people, tracked):
    client.force_login(people.alice)
    response = client.get(tracked.get_absolute_url(), {"sort": "name", "overdue": "1"})
    rows = response.context["rows"]
    assert [r.unit.name for r in rows] == ["Đảng ủy phường Ngọc Hà"]
    assert response.context["rollup"].total.label == "1/3"


def test_a_viewer_of_another_province_does_not_see_the_plan(client, people, tracked):
    client.force_login(people.charlie)
    assert client.get(tracked.get_absolute_url()).status_code == 404


def test_a_ward_reports_in_the_web_form_and_a_correction_keeps_history(client, people, tracked):
    client.force_login(people.bob)
    response = client.get(reverse("work:report-form"), {"period": "2025H1"})
    rows = response.context["rows"]
    assert len(rows) == 2
    second = next(r for r in rows if r["a"].task.title == "Sổ tay báo cáo viên")["a"]
    client.post(reverse("work:report-form"), {"period": "2025H1", f"status-{second.pk}": "in_progress",
                                              f"note-{second.pk}": "Đang biên soạn"})  # fmt: skip
    client.post(reverse("work:report-form"), {"period": "2025H1", f"status-{second.pk}": "done"})
    reports = ProgressReport.objects.filter(assignment=second).order_by("pk")
    assert [(r.status, r.current) for r in reports] == [("in_progress", False), ("done", True)]
    content = client.get(reverse("work:report-form"), {"period": "2025H1"}).content.decode()
    assert "Đã sửa 1 lần" in content and "Đang biên soạn" in content


def _filled(client, period="2025H1", edit=None):
    data = client.get(reverse("work:report-template"), {"period": period}).content
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    if edit:
        edit(sheet, headers)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "bao-cao.xlsx"
    return out


def test_the_excel_report_round_trips(client, people, tracked):
    client.force_login(people.bob)

    def fill(sheet, headers):
        status = headers.index("Tình trạng") + 1
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row=row, column=status).value = "Hoàn thành"

    client.post(reverse("work:report-upload"), {"file": _filled(client, edit=fill)})
    current = ProgressReport.objects.filter(assignment__unit=people.bob.scope_unit, current=True)
    assert sorted(current.values_list("status", flat=True)) == ["done", "done"]


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("Đơn vị", "p-31", "không phải đơn vị của bạn"),
        ("Kỳ báo cáo", "2025H7", "2025H7"),
        ("Số buổi nói chuyện [buoi-noi-chuyen]", "nhiều", "không phải số"),
    ],
)
def test_a_wrong_excel_row_is_rejected_with_its_row_and_nothing_stored(
    client, people, tracked, column, value, reason
):
    client.force_login(people.bob)
    before = ProgressReport.objects.count()

    def spoil(sheet, headers):
        sheet.cell(row=2, column=headers.index("Tình trạng") + 1).value = "Hoàn thành"
        sheet.cell(row=3, column=headers.index("Tình trạng") + 1).value = "Hoàn thành"
        sheet.cell(row=2, column=headers.index(column) + 1).value = value

    response = client.post(
        reverse("work:report-upload"), {"file": _filled(client, edit=spoil)}, follow=True
    )
    content = response.content.decode()
    assert "không lưu gì" in content and "Dòng 2" in content and reason in content
    assert ProgressReport.objects.count() == before


def test_the_review_draft_matches_the_records(client, people, tracked):
    client.force_login(people.alice)
    url = reverse("reports:review-draft", args=[tracked.pk])
    response = client.get(url, {"period": "2025H1"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.word")
    doc = Docx(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and "Sơ kết 6 tháng đầu năm 2025" in text
    assert [h for h in ("I. KẾT QUẢ ĐẠT ĐƯỢC", "II. HẠN CHẾ, NGUYÊN NHÂN",
                        "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI") if h in text] == [
        "I. KẾT QUẢ ĐẠT ĐƯỢC", "II. HẠN CHẾ, NGUYÊN NHÂN", "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"]  # fmt: skip
    assert "1/3 đầu việc" in text  # the roll-up of the records
    assert "1 hội nghị" in text and "187 lượt đại biểu" in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "1.250 buổi" in cells  # reported figure in Vietnamese number format
    assert "Đảng ủy phường Ngọc Hà" in cells
    annex = load_workbook(
        io.BytesIO(client.get(url, {"period": "2025H1", "format": "xlsx"}).content)
    )
    assert annex["Hội nghị"]["D2"].value == 187
    assert annex["Tiến độ"].max_row == 1 + 3


def test_the_review_command_writes_docx_and_pdf(tracked, tree, tmp_path):
    out = tmp_path / "so-ket.docx"
    call_command("review", "--unit", tree.hanoi.code, "--period", "2025H1", "--out", str(out))
    assert "KẾT QUẢ ĐẠT ĐƯỢC" in "\n".join(p.text for p in Docx(str(out)).paragraphs)
    pdf = tmp_path / "so-ket.pdf"
    call_command("review", "--unit", str(tree.hanoi.pk), "--period", "2025H1", "--out", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    try:
        fonts = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
    except FileNotFoundError:
        pytest.skip("pdffonts not installed (apt-get install poppler-utils)")
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:] if line.strip())


def test_the_review_command_refuses_a_bad_period_or_unit(tracked, tree, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="2025H9"):
        call_command(
            "review",
            "--unit",
            tree.hanoi.code,
            "--period",
            "2025H9",
            "--out",
            str(tmp_path / "x.docx"),
        )
    with pytest.raises(CommandError, match="Không có đơn vị"):
        call_command(
            "review", "--unit", "khong-co", "--period", "2025H1", "--out", str(tmp_path / "x.docx")
        )
    assert Event.objects.count() == 1


def test_each_figure_links_to_the_records_behind_it(client, people, tracked):
    client.force_login(people.alice)
    response = client.get(reverse("work:figures"), {"period": "2025H1"})
    figures = {f.name: f for f in response.context["figures"]}
    issued = figures["Văn bản đã ban hành"]
    listed = client.get(issued.url).context["page"].paginator.count
    assert issued.value == listed == 1  # the plan itself, issued on 20/3/2025
    assert figures["Lượt đại biểu dự hội nghị"].value == 187
    assert figures["Số buổi nói chuyện"].value == 1250


def test_a_report_closes_with_evidence_a_document_or_a_file(
    client, people, tracked, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(people.bob)
    row = next(
        r
        for r in client.get(reverse("work:report-form"), {"period": "2025H2"}).context["rows"]
        if r["a"].task.title == "Sổ tay báo cáo viên"
    )
    pk = row["a"].pk
    upload = SimpleUploadedFile("so-tay.pdf", b"%PDF-1.4 so tay bao cao vien")
    client.post(reverse("work:report-form"), {
        "period": "2025H2", f"status-{pk}": "done", f"doc-{pk}": "131-KH/TU", f"file-{pk}": upload,
    })  # fmt: skip
    report = ProgressReport.objects.get(assignment_id=pk, current=True)
    assert report.evidence_document.designation == "131-KH/TU"
    download = client.get(reverse("work:evidence", args=[report.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 so tay bao cao vien"
    client.force_login(people.charlie)  # another province does not follow this plan
    assert client.get(reverse("work:evidence", args=[report.pk])).status_code == 404
    client.force_login(people.bob)
    response = client.post(reverse("work:report-form"), {
        "period": "2025H2", f"status-{pk}": "done", f"doc-{pk}": "999-KH/TU"}, follow=True)  # fmt: skip
    assert "không có văn bản «999-KH/TU»" in response.content.decode()


def test_the_admin_lists_the_work_and_press_records_read_only(client, people, tracked):
    people.root.is_staff = people.root.is_superuser = True
    people.root.save()
    client.force_login(people.root)
    for model in ("work/plan", "work/progressreport", "work/event", "press/source", "press/article"):
        assert client.get(f"/admin/{model}/").status_code == 200, model
