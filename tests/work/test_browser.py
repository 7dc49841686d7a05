"""Issue 4 in headless Chromium: a department head opens a plan, confirms its task groups,
assigns units, watches a ward's report come in, sees what is overdue and where, and downloads
the review draft, whose figures match the records."""

import datetime as dt
import shutil

import pytest
from docx import Document as Docx

from tests.work.test_services import PLAN

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="Chromium not installed (apt-get install chromium)"
    ),
]


@pytest.fixture
def browser(transactional_db, people, live_server):
    from playwright.sync_api import sync_playwright

    from tuyengiao.documents.ingest import ingest_bytes

    ingest_bytes(PLAN.encode(), filename="131.txt", location="131.txt", actor=people.alice)
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium, live_server.url
        chromium.close()


def sign_in(chromium, base, username):
    """A page of a browser context of its own (its own session)."""
    context = chromium.new_context(
        viewport={"width": 1366, "height": 768}, locale="vi-VN", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "mat-khau-thu")
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")
    return page


def test_a_department_head_runs_a_plan_to_its_review_draft(browser, tmp_path):
    chromium, base = browser
    head = sign_in(chromium, base, "alice")
    head.get_by_role("link", name="Nhiệm vụ", exact=True).click()
    head.get_by_role("link", name="Kế hoạch số 131-KH/TU").click()

    # The plan's numbered sections were proposed as task groups: confirm them, renaming one.
    proposed = head.get_by_test_id("proposed-groups")
    first_title = proposed.locator("input[type=text]").first
    assert first_title.input_value().startswith("Nâng cao vai trò lãnh đạo")
    first_title.fill("Vai trò lãnh đạo của cấp ủy")
    head.get_by_test_id("confirm-groups").click()
    head.wait_for_selector("text=Đã xác nhận 2 nhóm nhiệm vụ")

    # Assign two tasks to the wards, one already past its deadline.
    for title, due, ward in (
        ("Hội nghị quán triệt Chỉ thị 47", "2025-04-30", "Đảng ủy phường Ba Đình"),
        ("Kiện toàn tổ tuyên truyền", (dt.date.today() + dt.timedelta(days=60)).isoformat(),
         "Đảng ủy phường Ngọc Hà"),
    ):  # fmt: skip
        form = head.get_by_test_id("task-form")
        form.locator("input[name=title]").fill(title)
        form.locator("input[name=due]").fill(due)
        form.locator("select[name=lead]").select_option(label=ward)
        form.locator("button").click()
        head.wait_for_selector("text=Đã thêm nhiệm vụ")
    assert head.get_by_test_id("done-label").inner_text() == "0/2"
    assert head.get_by_test_id("overdue-total").inner_text() == "1"

    # A ward reports that its (late) task is done.
    ward = sign_in(chromium, base, "bob")
    ward.goto(base + "/work/report/?period=2025H1")
    row = ward.get_by_test_id("report-table").locator("tr", has_text="Hội nghị quán triệt")
    row.locator("select").select_option(label="Hoàn thành")
    row.locator("textarea").fill("Đã tổ chức cho 120 đảng viên")
    ward.get_by_test_id("report-submit").click()
    ward.wait_for_selector("text=Đã lưu 1 báo cáo")

    # The head sees it come in; what is overdue and where is in the table.
    head.reload()
    assert head.get_by_test_id("done-label").inner_text() == "1/2"
    assert head.get_by_test_id("overdue-total").inner_text() == "0"
    table = head.get_by_test_id("overdue-table").inner_text()
    assert "Đảng ủy phường Ba Đình" in table and "Đảng ủy phường Ngọc Hà" in table

    # The review draft, with the figures of the records.
    with head.expect_download() as download:
        head.get_by_test_id("review-draft").click()
    text = "\n".join(p.text for p in Docx(download.value.path()).paragraphs)
    assert "BÁO CÁO" in text and "1/2 đầu việc" in text
    assert head.evaluate("document.documentElement.scrollWidth") <= 1366
