"""Feeds and sitemaps: RSS, Atom, news sitemaps, sitemap indexes, gzip, broken XML, discovery."""

import contextlib
import datetime as dt
import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuyengiao.core.feeds import (
    MAX_FEED_BYTES,
    Feed,
    FeedEntry,
    FeedError,
    discover_feeds,
    parse_feed,
    sitemaps_from_robots,
)

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
BASE = "https://baotinhuy.vn/rss/thoi-su.rss"
ICT = dt.timezone(dt.timedelta(hours=7))


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def rss(item: str, *, declaration: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    return (
        f'{declaration}<rss version="2.0"><channel><title>Tin Tỉnh ủy</title><item>{item}</item>'
        "</channel></rss>"
    ).encode()


def at(hour: int, minute: int = 0, day: int = 21) -> dt.datetime:
    return dt.datetime(2024, 11, day, hour, minute, tzinfo=ICT)


# --- RSS -------------------------------------------------------------------------------------


def test_it_reads_an_rss_feed():
    feed = parse_feed(fixture("rss-thoi-su.xml"), base_url=BASE)

    assert feed.kind == "rss"
    assert feed.title == "Thời sự - Báo Điện tử Tỉnh ủy"
    assert feed.sitemaps == []
    assert feed.entries[0] == FeedEntry(
        url="https://baotinhuy.vn/thoi-su/ban-thuong-vu-tinh-uy-quan-triet-chi-thi-30-ct-tw-4954454.html",
        title="Ban Thường vụ Tỉnh ủy quán triệt Chỉ thị 30-CT/TW",
        published=at(15, 30),
        summary="Sáng 21/11, Ban Thường vụ Tỉnh ủy tổ chức hội nghị quán triệt, triển khai Chỉ thị 30-CT/TW của Ban Bí thư.",
    )


def test_it_keeps_the_first_entry_of_each_canonical_url_and_skips_entries_without_links():
    feed = parse_feed(fixture("rss-thoi-su.xml"), base_url=BASE)

    assert [entry.url for entry in feed.entries] == [
        "https://baotinhuy.vn/thoi-su/ban-thuong-vu-tinh-uy-quan-triet-chi-thi-30-ct-tw-4954454.html",
        "https://baotinhuy.vn/thoi-su/hoi-nghi-bao-cao-vien-thang-11-dinh-huong-thong-tin-4954460.html",
        "https://baotinhuy.vn/chinh-tri/lay-y-kien-nhan-dan-ve-du-thao-van-kien-4954470.html",
    ]


def test_it_resolves_relative_links_and_unescapes_titles_escaped_twice():
    entry = parse_feed(fixture("rss-thoi-su.xml"), base_url=BASE).entries[1]

    assert entry.url.startswith("https://baotinhuy.vn/thoi-su/hoi-nghi-bao-cao-vien")
    assert entry.title == 'Hội nghị báo cáo viên "tháng 11" & định hướng thông tin'
    assert entry.published == at(8, 5)


def test_it_takes_a_permalink_guid_and_a_dublin_core_date():
    entry = parse_feed(fixture("rss-thoi-su.xml"), base_url=BASE).entries[2]

    assert entry.published == at(10)
    assert entry.summary is None


def test_it_reads_a_feed_in_windows_1258():
    feed = parse_feed(fixture("rss-windows-1258.xml"), base_url="http://huyenuy.vn/rss")

    assert feed.title == "Tin tức Huyện ủy"
    assert feed.entries[0].title == "Huyện ủy tổng kết công tác dân vận năm 2024"
    assert feed.entries[0].published == at(15, 30)


def test_it_reads_rss_1_0():
    data = (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<channel><title>Tạp chí Tuyên giáo</title></channel>"
        '<item rdf:about="https://tuyengiao.vn/bai-1-12345"><title>Bài một</title>'
        "<link>https://tuyengiao.vn/bai-1-12345</link><dc:date>2024-11-21</dc:date></item>"
        "</rdf:RDF>"
    ).encode()

    feed = parse_feed(data, base_url="https://tuyengiao.vn/rss")

    assert feed.kind == "rss"
    assert feed.title == "Tạp chí Tuyên giáo"
    assert feed.entries == [FeedEntry("https://tuyengiao.vn/bai-1-12345", "Bài một", at(0))]


def test_it_prefers_feedburners_original_link():
    item = (
        "<title>Bài</title><link>https://feeds.feedburner.com/~r/baotinhuy/~3/abc</link>"
        '<feedburner:origLink xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">'
        "https://baotinhuy.vn/bai-viet-4954454.html</feedburner:origLink>"
    )

    feed = parse_feed(rss(item), base_url=BASE)

    assert feed.entries[0].url == "https://baotinhuy.vn/bai-viet-4954454.html"


@pytest.mark.parametrize(
    ("written", "published"),
    [
        ("Thu, 21 Nov 2024 15:30:00 +0700", at(15, 30)),
        ("Thu, 21 Nov 2024 08:30:00 GMT", at(15, 30)),
        ("Thu, 21 Nov 2024 08:30:00 Z", at(15, 30)),
        ("Thu, 21 Nov 2024 15:30:00 GMT+7", at(15, 30)),
        ("Thu, 21 Nov 2024 15:30:00 GMT+07:00", at(15, 30)),
        ("Thu, 21 Nov 2024 15:30:00 +07:00", at(15, 30)),
        ("Thu, 21 Nov 2024 09:30:00 +01:00", at(15, 30)),
        ("Thu, 21 Nov 2024 15:30:00", at(15, 30)),
        ("Thu,21 Nov 2024 15:30:00 +0700", at(15, 30)),
        ("21 Nov 2024 15:30 +0700", at(15, 30)),
        ("Thứ 5, 21 Nov 2024 15:30:00 +0700", at(15, 30)),
        ("21/11/2024 15:30", at(15, 30)),
        ("21/11/2024 15:30:00", at(15, 30)),
        ("15:30 21/11/2024", at(15, 30)),
        ("Thứ năm, 21/11/2024 - 15:30", at(15, 30)),
        ("21-11-2024", at(0)),
        ("2024-11-21T15:30:00+07:00", at(15, 30)),
        ("2024-11-21T08:30:00Z", at(15, 30)),
        ("2024-11-21T08:30:00.123Z", at(15, 30)),
        ("2024-11-21 15:30:00", at(15, 30)),
        (" \n 2024-11-21T15:30:00+07:00 \n", at(15, 30)),
        ("", None),
        ("không rõ", None),
        ("Thu, 31 Nov 2024 15:30:00 +0700", None),
    ],
)
def test_it_reads_the_date_forms_of_vietnamese_feeds(written, published):
    item = f"<title>Bài</title><link>/bai-viet-4954454.html</link><pubDate>{written}</pubDate>"

    assert parse_feed(rss(item), base_url=BASE).entries[0].published == published


# --- Atom ------------------------------------------------------------------------------------


def test_it_reads_an_atom_feed_with_xml_base():
    feed = parse_feed(fixture("atom-nhan-dan.xml"), base_url="https://nhandan.vn/rss/chinhtri.atom")

    assert feed.kind == "atom"
    assert feed.title == "Báo Nhân Dân - Chính trị"
    assert feed.entries == [
        FeedEntry(
            url="https://nhandan.vn/chinhtri/day-manh-tuyen-truyen-nghi-quyet-dai-hoi-xiii-post844123.html",
            title="Đẩy mạnh tuyên truyền Nghị quyết Đại hội XIII",
            published=at(9, 15),
            summary="Các cấp ủy đảng tiếp tục đẩy mạnh công tác tuyên truyền.",
        ),
        FeedEntry(
            url="https://nhandan.vn/xa-hoi/chuyen-doi-so-trong-cong-tac-dan-van-post844130.html",
            title="Chuyển đổi số trong công tác dân vận",
            published=at(9),
            summary="Dân vận khéo trong thời kỳ mới.",
        ),
    ]


def test_it_takes_an_atom_entry_id_when_it_has_no_link():
    data = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>Bài</title>'
        "<id>https://nhandan.vn/bai-viet-post844123.html</id></entry></feed>"
    ).encode()

    feed = parse_feed(data, base_url="https://nhandan.vn/")

    assert feed.entries[0].url == "https://nhandan.vn/bai-viet-post844123.html"


# --- sitemaps --------------------------------------------------------------------------------


def test_it_reads_a_google_news_sitemap():
    feed = parse_feed(
        fixture("sitemap-news.xml"), base_url="https://baochinhphu.vn/sitemap-news.xml"
    )

    assert feed == Feed(
        kind="sitemap",
        entries=[
            FeedEntry(
                url="https://baochinhphu.vn/thu-tuong-chu-tri-phien-hop-chinh-phu-thuong-ky-thang-11-102241121.htm",
                title="Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 11",
                published=at(15, 30),
            ),
            FeedEntry(
                url="https://baochinhphu.vn/ban-hanh-nghi-dinh-ve-to-chuc-cac-co-quan-chuyen-mon-102241122.htm",
                published=at(0),
            ),
        ],
    )


def test_it_reads_a_sitemap_index():
    feed = parse_feed(fixture("sitemap-index.xml"), base_url="https://tuoitre.vn/sitemap.xml")

    assert feed == Feed(
        kind="sitemap_index",
        sitemaps=[
            "https://tuoitre.vn/sitemaps/2024-11.xml.gz",
            "https://tuoitre.vn/sitemaps/news.xml",
        ],
    )


def test_it_reads_a_gzip_compressed_sitemap():
    data = gzip.compress(fixture("sitemap-news.xml"))

    feed = parse_feed(data, base_url="https://baochinhphu.vn/sitemap-news.xml.gz")

    assert feed == parse_feed(fixture("sitemap-news.xml"), base_url="https://baochinhphu.vn/")


def test_it_reads_a_plain_text_sitemap():
    data = b"https://nhandan.vn/bai-1-post1.html\r\nhttps://nhandan.vn/bai-2-post2.html\n\n/tuong-doi\n"

    feed = parse_feed(data, base_url="https://nhandan.vn/sitemap.txt")

    assert feed.kind == "sitemap"
    assert [entry.url for entry in feed.entries] == [
        "https://nhandan.vn/bai-1-post1.html",
        "https://nhandan.vn/bai-2-post2.html",
        "https://nhandan.vn/tuong-doi",
    ]


def test_it_stops_a_gzip_bomb():
    bomb = gzip.compress(b" " * (MAX_FEED_BYTES + 1), compresslevel=9)
    assert len(bomb) < MAX_FEED_BYTES // 100

    with pytest.raises(FeedError, match="50 MB"):
        parse_feed(bomb, base_url=BASE)


def test_it_refuses_bytes_over_the_limit():
    with pytest.raises(FeedError, match="50 MB"):
        parse_feed(b" " * (MAX_FEED_BYTES + 1), base_url=BASE)


def test_it_refuses_a_truncated_gzip_file():
    data = gzip.compress(fixture("sitemap-news.xml"))

    with pytest.raises(FeedError, match="gzip"):
        parse_feed(data[: len(data) // 2], base_url=BASE)


# --- broken XML ------------------------------------------------------------------------------

LINK = "<link>https://baotinhuy.vn/bai-viet-4954454.html</link>"


@pytest.mark.parametrize(
    ("data", "title"),
    [
        (b"\xef\xbb\xbf" + rss(f"<title>Có BOM</title>{LINK}"), "Có BOM"),
        (b"\n\n   " + rss(f"<title>Khoảng trắng</title>{LINK}"), "Khoảng trắng"),
        (
            b"\xef\xbb\xbf\r\n" + rss(f"<title>BOM rồi xuống dòng</title>{LINK}"),
            "BOM rồi xuống dòng",
        ),
        (
            rss(
                f"<title>Khai báo sai</title>{LINK}",
                declaration='<?xml version="1.0" encoding="ISO-8859-1"?>',
            ),
            "Khai báo sai",
        ),
        (
            rss(
                f"<title>Mã lạ</title>{LINK}",
                declaration='<?xml version="1.0" encoding="x-khong-co"?>',
            ),
            "Mã lạ",
        ),
        (rss(f"<title>Tin&nbsp;mới&hellip; &ldquo;nóng&rdquo;</title>{LINK}"), "Tin mới… “nóng”"),
        (rss(f"<title>Kinh tế & xã hội</title>{LINK}"), "Kinh tế & xã hội"),
        (rss(f"<title>Lỗi &khongco; thực thể</title>{LINK}"), "Lỗi &khongco; thực thể"),
        (rss(f"<title>Ký tự\x0b điều khiển</title>{LINK}"), "Ký tự điều khiển"),
        (
            rss(f"<title><![CDATA[Trong CDATA &nbsp; & <b>đậm</b>]]></title>{LINK}"),
            "Trong CDATA & đậm",
        ),
        (rss(f"<title>&lt;b&gt;Thẻ&lt;/b&gt; &amp;amp; thực thể</title>{LINK}"), "Thẻ & thực thể"),
        (
            b"<br />\n<b>Warning</b>: mysql_connect() in /var/www/rss.php on line 3<br />\n"
            + rss(f"<title>Sau cảnh báo PHP</title>{LINK}"),
            "Sau cảnh báo PHP",
        ),
        (rss(f"<title>Tuỳ chọn</title>{LINK}").decode().encode("utf-16"), "Tuỳ chọn"),
    ],
)
def test_it_reads_feeds_that_break_the_rules(data, title):
    assert parse_feed(data, base_url=BASE).entries[0].title == title


def test_it_reads_a_news_sitemap_that_forgot_to_declare_its_namespace():
    data = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
        "<loc>https://baotinhuy.vn/bai-viet-4954454.html</loc><news:news>"
        "<news:publication_date>2024-11-21T15:30:00+07:00</news:publication_date>"
        "<news:title>Tin nóng</news:title></news:news></url></urlset>"
    ).encode()

    entry = parse_feed(data, base_url=BASE).entries[0]

    assert (entry.title, entry.published) == ("Tin nóng", at(15, 30))


def test_it_reads_links_with_bare_ampersands():
    item = "<title>Bài</title><link>https://tinhuy.vn/index.php?option=com_content&view=article&id=123</link>"

    entry = parse_feed(rss(item), base_url=BASE).entries[0]

    assert entry.url == "https://tinhuy.vn/index.php?id=123&option=com_content&view=article"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss><channel><title>&lol2;</title></channel></rss>"""


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "rỗng"),
        (b" \n\t ", "rỗng"),
        (fixture("trang-chu.html"), "HTML"),
        (b"<html><body><p>Trang 404</p></body></html>", "HTML"),
        (b"<?xml version='1.0'?><html><body>404</body></html>", "HTML"),
        (b'{"tin": "json"}', "XML"),
        (b"<note><to>Ban Tuyen giao</to></note>", "thẻ gốc <note>"),
        (b"<rss><channel><title>C\xe1t ", "XML"),
        (BILLION_LAUGHS, "ENTITY"),
        (b"\x1f\x8b\x08\x00garbage", "gzip"),
        (b"\x00\x01\x02\x03\xff\xfe\x00\x00binary\x00", "giải mã"),
    ],
)
def test_it_explains_what_is_not_a_feed(data, reason):
    with pytest.raises(FeedError) as error:
        parse_feed(data, base_url=BASE)
    assert reason in error.value.reason


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_raise_nothing_but_feed_error(data):
    with contextlib.suppress(FeedError):
        parse_feed(data, base_url=BASE)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_damaged_feeds_raise_nothing_but_feed_error(data):
    original = fixture(
        data.draw(st.sampled_from(["rss-thoi-su.xml", "atom-nhan-dan.xml", "sitemap-news.xml"]))
    )
    start = data.draw(st.integers(0, len(original)))
    end = data.draw(st.integers(start, len(original)))
    damage = data.draw(st.binary(max_size=20))
    with contextlib.suppress(FeedError):
        parse_feed(original[:start] + damage + original[end:], base_url=BASE)


# --- discovery -------------------------------------------------------------------------------


def test_it_discovers_announced_feeds_first_then_linked_ones_on_the_same_site():
    html = fixture("trang-chu.html").decode()

    assert discover_feeds(html, base_url="https://baotinhuy.vn/") == [
        "https://baotinhuy.vn/rss/tin-moi-nhat.rss",
        "https://baotinhuy.vn/rss/thoi-su.atom",
        "https://feeds.feedburner.com/baotinhuy",
        "https://baotinhuy.vn/rss",
        "https://baotinhuy.vn/rss/chinh-tri.rss",
    ]


def test_it_discovers_nothing_on_a_page_without_feeds():
    assert discover_feeds("<p>Không có RSS</p>", base_url="https://baotinhuy.vn/") == []


def test_it_reads_the_sitemaps_of_a_robots_txt():
    text = fixture("robots.txt").decode()

    assert sitemaps_from_robots(text, base_url="https://baotinhuy.vn/robots.txt") == [
        "https://baotinhuy.vn/sitemap.xml",
        "https://baotinhuy.vn/sitemaps/news.xml",
    ]
