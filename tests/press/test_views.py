"""Press pages: sources, articles, topics with coverage and exports."""

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from tuyengiao.documents.models import Document
from tuyengiao.press.excel import HEADERS
from tuyengiao.press.ingest import ArticleInput, ArticleStore
from tuyengiao.press.models import Article, CrawlRun, Source, Topic
from tuyengiao.press.services import source_add, topic_save
from tuyengiao.press.topics import topic_rematch

pytestmark = pytest.mark.django_db

CITING = (
    "Ngày 14/3, Thành ủy Hà Nội tổ chức hội nghị triển khai Chỉ thị số 47-CT/TW ngày "
    "05/3/2025 của Ban Bí thư về công tác tuyên truyền miệng trong tình hình mới.\n"
    "Các đảng ủy trực thuộc được yêu cầu ban hành kế hoạch thực hiện trong tháng 4, bảo đảm "
    "mỗi khu dân cư có ít nhất một tổ tuyên truyền hoạt động thường xuyên."
)
UNRELATED = (
    "Sáng nay, đội tuyển bóng chuyền nữ của thành phố giành chiến thắng 3-1 trong trận "
    "chung kết giải vô địch các câu lạc bộ, trước hàng nghìn khán giả tại nhà thi đấu."
)


def at(day):
    return timezone.make_aware(dt.datetime(2025, 3, day, 8))


@pytest.fixture
def archive(tree):
    source = source_add(actor=None, url="https://tin.example", name="Báo Tin Ví Dụ")
    store = ArticleStore()
    for day in (10, 12, 14):
        store.store(
            ArticleInput(
                title=f"Triển khai Chỉ thị 47 ngày {day}/3", text=CITING.replace("14/3", f"{day}/3"),
                url=f"https://tin.example/ct47-{day}", published=at(day), source=source,
            )
        )  # fmt: skip
    store.store(
        ArticleInput(
            title="Bóng chuyền nữ vô địch", text=UNRELATED, url="https://tin.example/bc",
            published=at(14), source=source,
        )
    )  # fmt: skip
    topic = topic_save(actor=None, name="Chỉ thị 47", query='"Chỉ thị 47" OR "47-CT/TW"')
    topic_rematch(topic)
    return source, topic


def test_press_pages_need_a_sign_in(client, db):
    for name in ("press:article-list", "press:source-list", "press:topic-list"):
        assert client.get(reverse(name)).status_code == 302


def test_a_manager_adds_a_source_and_a_viewer_may_not(client, people):
    client.force_login(people.viewer)
    assert client.post(reverse("press:source-list"), {"url": "https://a.example"}).status_code == 403
    client.force_login(people.alice)
    response = client.post(
        reverse("press:source-list"), {"url": "a.example", "name": "Báo A", "interval": "30"}
    )
    source = Source.objects.get()
    assert response.url == source.get_absolute_url()
    assert (source.home_url, source.name, source.interval_minutes) == ("https://a.example/", "Báo A", 30)
    response = client.post(reverse("press:source-list"), {"url": "https://a.example"}, follow=True)
    assert "đã có trong danh sách" in response.content.decode()
    response = client.post(reverse("press:source-list"), {"url": "ftp://x"}, follow=True)
    assert "không phải trang web" in response.content.decode()


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "nguon.xlsx"
    return out


def test_excel_import_is_all_or_nothing(client, people):
    client.force_login(people.alice)
    bad = _xlsx([["Báo A", "https://a.example", 60, ""], ["Báo B", "không phải địa chỉ", 60, ""]])
    content = client.post(reverse("press:source-import"), {"file": bad}, follow=True).content.decode()
    assert "không nhập gì" in content and "Dòng 3" in content
    assert not Source.objects.exists()
    good = _xlsx(
        [["Báo A", "https://a.example", 60, "https://a.example/rss/tin-moi.rss"], ["Báo B", "b.example", "", ""]]
    )
    client.post(reverse("press:source-import"), {"file": good})
    assert sorted(Source.objects.values_list("name", flat=True)) == ["Báo A", "Báo B"]
    assert list(Source.objects.get(name="Báo A").feeds.values_list("url", flat=True)) == [
        "https://a.example/rss/tin-moi.rss"
    ]
    template = client.get(reverse("press:source-template"))
    assert load_workbook(io.BytesIO(template.content)).active["B1"].value == "Trang chủ"


def test_crawl_now_queues_a_run_shown_on_the_source_page(client, people, settings, archive):
    settings.TUYENGIAO_INPROCESS_WORKER = False
    source, _ = archive
    client.force_login(people.alice)
    client.post(reverse("press:source-crawl", args=[source.pk]))
    run = CrawlRun.objects.get()
    assert run.status == CrawlRun.Status.QUEUED
    content = client.get(reverse("press:source-run", args=[source.pk])).content.decode()
    assert "Chờ chạy" in content and 'hx-trigger="every 1s"' in content
    assert "Báo Tin Ví Dụ" in client.get(source.get_absolute_url()).content.decode()


def test_the_article_page_links_the_documents_it_cites(client, people, archive):
    client.force_login(people.bob)
    article = Article.objects.get(url="https://tin.example/ct47-14")
    content = client.get(article.get_absolute_url()).content.decode()
    directive = Document.objects.get(designation="47-CT/TW")
    assert directive.get_absolute_url() in content
    assert "Thành ủy Hà Nội" in content  # a unit mentioned
    assert "Chỉ thị 47" in content  # its topic


def test_the_topic_page_counts_articles_and_stories_and_charts_them(client, people, archive):
    _, topic = archive
    client.force_login(people.alice)
    response = client.get(topic.get_absolute_url() + "?from=2025-03-08&to=2025-03-15")
    content = response.content.decode()
    assert response.context["coverage"].articles == 3
    assert 'data-testid="topic-articles">3<' in content
    assert content.count("<rect") == 2 * 8  # eight days, two bars each
    # SVG numbers are never localised ("12,5" would not draw).
    assert re.findall(r'<rect x="([^"]*)"', content) and all(
        re.fullmatch(r"\d+(\.\d+)?", x) for x in re.findall(r'<rect x="([^"]*)"', content)
    )
    by_day = {row.key: row.articles for row in response.context["coverage"].days}
    assert by_day[dt.date(2025, 3, 12)] == 1 and by_day[dt.date(2025, 3, 13)] == 0


def test_coverage_exports_to_csv_and_excel(client, people, archive):
    _, topic = archive
    client.force_login(people.alice)
    url = reverse("press:topic-export", args=[topic.pk, "csv"]) + "?from=2025-03-10&to=2025-03-14"
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
    assert rows[0][0] == "Ngày" and rows[1][:2] == ["10/03/2025", "1"]
    assert rows[-1][:2] == ["Tổng", "3"]
    url = reverse("press:topic-export", args=[topic.pk, "xlsx"]) + "?from=2025-03-10&to=2025-03-14"
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    assert sheet["A7"].value == "Tổng" and sheet["B7"].value == 3


def test_a_topic_with_a_broken_query_is_refused_with_the_reason(client, people, db):
    client.force_login(people.alice)
    response = client.post(
        reverse("press:topic-list"), {"name": "Lỗi", "query": '"tuyên truyền'}, follow=True
    )
    assert "Thiếu dấu ngoặc kép đóng" in response.content.decode()
    assert not Topic.objects.exists()


def test_article_list_filters_by_source_and_topic(client, people, archive):
    source, topic = archive
    client.force_login(people.bob)
    response = client.get(reverse("press:article-list"), {"topic": topic.pk})
    assert response.context["page"].paginator.count == 3
    response = client.get(reverse("press:article-list"), {"source": source.pk, "from": "2025-03-14"})
    assert response.context["page"].paginator.count == 2


def test_the_dashboard_flags_a_topic_that_surges_with_the_articles_behind_it(client, people, tree):
    source = source_add(actor=None, url="https://tin.example", name="Báo Tin Ví Dụ")
    topic = topic_save(actor=None, name="Tuyên truyền miệng", query='"tuyên truyền miệng"')
    store = ArticleStore()
    start = dt.date(2025, 3, 1)
    for n in range(28):  # one article a day for four weeks
        day = start + dt.timedelta(days=n)
        store.store(
            ArticleInput(
                title=f"Sinh hoạt chi bộ số {n}", text=f"Buổi {n}: tuyên truyền miệng ở tổ dân phố {n} về chủ đề số {n * 7}.",
                url=f"https://tin.example/d{n}", source=source,
                published=timezone.make_aware(dt.datetime.combine(day, dt.time(9))),
            )
        )  # fmt: skip
    surge_day = start + dt.timedelta(days=28)
    for n in range(9):
        store.store(
            ArticleInput(
                title=f"Hội nghị báo cáo viên đợt {n}", text=f"Tổ {n} chia sẻ kinh nghiệm tuyên truyền miệng với {n + 20} hộ gia đình ở khu phố {n}.",
                url=f"https://tin.example/s{n}", source=source,
                published=timezone.make_aware(dt.datetime.combine(surge_day, dt.time(10))),
            )
        )  # fmt: skip
    client.force_login(people.alice)
    content = client.get(reverse("web:dashboard")).content.decode()
    emerging = content.split('data-testid="emerging"')[1].split("</section>")[0]
    assert topic.name in emerging and "9 tin, bài" in emerging
    assert "Hội nghị báo cáo viên đợt" in emerging
    health = content.split('data-testid="source-health"')[1].split("</section>")[0]
    assert "Báo Tin Ví Dụ" in health


def test_a_topic_can_be_limited_to_a_unit_from_the_form(client, people, archive):
    client.force_login(people.alice)
    content = client.get(reverse("press:topic-list")).content.decode()
    assert f'<option value="{people.alice.scope_unit.pk}"' in content
    response = client.post(
        reverse("press:topic-list"),
        {"name": "Ba Đình", "query": "tuyên truyền", "units": [str(people.bob.scope_unit.pk)]},
    )
    topic = Topic.objects.get(name="Ba Đình")
    assert response.url == topic.get_absolute_url()
    assert list(topic.units.all()) == [people.bob.scope_unit]


def test_a_feed_is_added_to_a_source_by_hand(client, people, archive):
    source, _ = archive
    client.force_login(people.alice)
    url = reverse("press:source-feed-add", args=[source.pk])
    client.post(url, {"url": "/rss/thoi-su.rss"})
    feed = source.feeds.get()
    assert (feed.url, feed.kind) == ("https://tin.example/rss/thoi-su.rss", "feed")
    content = client.post(url, {"url": "javascript:alert(1)"}, follow=True).content.decode()
    assert "không phải trang web hợp lệ" in content and source.feeds.count() == 1
