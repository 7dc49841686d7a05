"""The UI in headless Chromium: sign in, dashboard, search, a document's cascade, upload."""

import shutil

import pytest

from tests.documents.test_ingest import OFFICIAL
from tests.documents.test_registry import WARD_PLANS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="Chromium not installed (apt-get install chromium)"
    ),
]


@pytest.fixture
def page(loaded, live_server):
    """A Chromium page; the data is loaded first, since Playwright's loop forbids ORM calls."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(15000)
        page.base_url = live_server.url
        yield page
        browser.close()


@pytest.fixture
def loaded(transactional_db, tree, people):
    from tuyengiao.documents.ingest import ingest_bytes

    ingest_bytes(OFFICIAL.encode(), filename="118.txt", location="118.txt", owner_unit=tree.hanoi)
    ingest_bytes(WARD_PLANS.encode(), filename="tin.txt", location="tin.txt")
    return people


def sign_in(page, username):
    page.goto(page.base_url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "mat-khau-thu")
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + "/")


def test_a_department_head_follows_a_directive_down_to_the_wards(page, loaded):
    sign_in(page, "alice")
    assert page.locator("h1").inner_text().startswith("Tổng quan")
    # Both wards have issued their plans for the directive.
    assert page.get_by_test_id("issued-count").inner_text() == "2"
    assert page.get_by_test_id("overdue-count").inner_text() == "0"
    page.get_by_role("link", name="Văn bản", exact=True).click()
    page.fill("input[name=q]", "47-CT/TW")
    link = page.locator("#document-table a", has_text="Chỉ thị số 47-CT/TW")
    link.wait_for()
    link.click()
    page.wait_for_selector("h1:has-text('Chỉ thị số 47-CT/TW')")
    cascade = page.locator("#cascade")
    cascade.locator("text=118-KH/TU").wait_for()
    nested = cascade.locator("ul.tree ul ul")
    assert "12-KH/ĐU" in nested.inner_text()
    assert "V01" in page.locator("#findings").inner_text() or "V01" in page.content()
    # The page fits an office screen: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366


def test_search_ignores_diacritics_and_highlights(page, loaded):
    sign_in(page, "alice")
    page.goto(page.base_url + "/search/")
    page.fill("input[name=q]", "thong tin co so")
    page.wait_for_selector("#results mark")
    assert "118-KH/TU" in page.locator("#results").inner_text()


def test_upload_shows_progress_file_by_file(page, loaded, tmp_path):
    sign_in(page, "alice")
    page.goto(page.base_url + "/documents/upload/")
    good = tmp_path / "ke-hoach.txt"
    good.write_text(OFFICIAL.replace("118-KH/TU", "119-KH/TU"), encoding="utf-8")
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.4 rac")
    page.set_input_files("#files", [str(good), str(bad)])
    page.click("#upload-form button")
    page.wait_for_selector("#summary:has-text('Xong')")
    rows = page.locator("#upload-list li")
    assert "Đã nạp" in rows.nth(0).inner_text()
    assert "Lỗi" in rows.nth(1).inner_text()
    assert page.locator("#overall").evaluate("e => e.style.width") == "100%"


def test_another_province_does_not_see_the_city_plan(page, loaded):
    sign_in(page, "charlie")
    page.goto(page.base_url + "/documents/?origin=official")
    assert "118-KH/TU" not in page.locator("#document-table").inner_text()
    response = page.goto(page.base_url + "/documents/?q=47-CT/TW")
    assert response.status == 200
    assert "47-CT/TW" in page.locator("#document-table").inner_text()
