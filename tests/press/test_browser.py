"""The press side in headless Chromium: add a source, watch its crawl, search, define a topic,
see its coverage chart and export it, open an article and jump to a document it cites."""

import shutil

import pytest
from openpyxl import load_workbook

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (apt-get install chromium)"),
]


@pytest.fixture
def browser_page(transactional_db, people, live_server, settings):
    from playwright.sync_api import sync_playwright

    settings.TUYENGIAO_INPROCESS_WORKER = True  # crawls run in a thread of the server, as in the demo
    settings.TUYENGIAO_CRAWL_DELAY = 0.01
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(
            viewport={"width": 1366, "height": 768}, locale="vi-VN", accept_downloads=True
        )
        page = context.new_page()
        page.set_default_timeout(20000)
        page.base_url = live_server.url
        yield page
        browser.close()
    from tuyengiao.press.tasks import inprocess_worker_stop

    inprocess_worker_stop()


def test_a_department_watches_the_press_from_source_to_cited_document(browser_page, news_site):
    page = browser_page
    page.goto(page.base_url + "/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "mat-khau-thu")
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + "/")

    # Add the site; its feeds are found on the first crawl, which we watch.
    page.get_by_role("link", name="Nguồn tin", exact=True).click()
    form = page.get_by_test_id("source-add")
    form.locator("input[name=url]").fill(news_site.home_url)
    form.locator("input[name=name]").fill("Báo Thời Sự Thủ Đô")
    form.locator("button").click()
    page.wait_for_selector("h1:has-text('Báo Thời Sự Thủ Đô')")
    page.get_by_test_id("crawl-now").click()
    page.wait_for_selector("[data-testid=run-summary]:has-text('8 bài mới')", timeout=60000)
    page.reload()
    assert "RSS/Atom" in page.content()

    # Search across what was crawled, without diacritics.
    page.goto(page.base_url + "/search/")
    page.fill("input[name=q]", "tuyen truyen mieng")
    page.wait_for_selector("#results mark")
    assert "Thành ủy quán triệt Chỉ thị 47-CT/TW" in page.locator("#results").inner_text()

    # A topic for the campaign; the articles already stored are matched in the background.
    page.get_by_role("link", name="Chủ đề", exact=True).click()
    topic_form = page.get_by_test_id("topic-form")
    topic_form.locator("input[name=name]").fill("Chỉ thị 47")
    topic_form.locator("textarea[name=query]").fill('"Chỉ thị 47" OR "47-CT/TW"')
    topic_form.locator("button").click()
    page.wait_for_selector("h1:has-text('Chủ đề: Chỉ thị 47')")
    for _ in range(50):
        if page.get_by_test_id("topic-articles").inner_text() != "0":
            break
        page.wait_for_timeout(200)
        page.reload()
    assert page.get_by_test_id("topic-articles").inner_text() == "3"
    assert page.locator("[data-testid=coverage-chart] rect").count() > 0

    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    with open(download.value.path(), "rb") as handle:
        sheet = load_workbook(handle).active
    assert sheet["A1"].value == "Ngày" and sheet.cell(sheet.max_row, 2).value == 3

    # From an article to the directive it cites.
    page.get_by_test_id("topic-article-list").get_by_role(
        "link", name="Thành ủy quán triệt Chỉ thị 47-CT/TW", exact=False
    ).first.click()
    page.get_by_test_id("cited-documents").get_by_role("link", name="Chỉ thị số 47-CT/TW").click()
    page.wait_for_selector("h1:has-text('Chỉ thị số 47-CT/TW')")
    assert "Báo chí đưa tin" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
