"""``extract_article`` and ``parse_datetime``: dates, metadata, boilerplate, encodings, garbage.

Pages here are small and written for these tests; the quality gates on whole pages are in
``test_extract_devset.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from pathlib import Path

import pytest

from tuyengiao.core.extract import Article, extract_article, parse_datetime
from tuyengiao.core.extract.dates import is_dateline
from tuyengiao.core.extract.evaluate import token_f1, tokens
from tuyengiao.core.legacy import unicode_to_tcvn3, unicode_to_vni
from tuyengiao.core.text import DecodeError

D = dt.datetime
FIXTURES = Path(__file__).parent / "fixtures" / "html"

TITLE = "Hội nghị tổng kết công tác tuyên giáo năm 2024"
P1 = (
    "Sáng 20/12, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị tổng kết công tác tuyên giáo năm 2024, "
    "triển khai nhiệm vụ năm 2025 với sự tham dự của lãnh đạo các huyện, thị xã, thành phố."
)
P2 = (
    "Năm qua, hệ thống tuyên giáo đã tham mưu ban hành nhiều văn bản chỉ đạo, tổ chức học tập, "
    "quán triệt nghị quyết đến 100% tổ chức cơ sở đảng, chú trọng tuyên truyền trên mạng xã hội."
)
P3 = (
    "Hội nghị đề ra năm nhóm nhiệm vụ trọng tâm, trong đó có đổi mới phương thức tuyên truyền "
    "miệng, nâng cao chất lượng đội ngũ báo cáo viên và đấu tranh phản bác quan điểm sai trái."
)


def page(body: str, head: str = "") -> str:
    """A page with ``head`` and, in its body, ``body`` after a heading."""
    return (
        f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{TITLE}</title>"
        f"{head}</head><body><div class='menu'><a href='/'>Trang chủ</a> <a href='/tin'>Tin tức"
        f"</a></div><div class='main'><h1>{TITLE}</h1>{body}</div></body></html>"
    )


def article_of(body: str, head: str = "", **kwargs) -> Article:
    return extract_article(page(body, head), **kwargs)


BODY = f"<div class='content'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>"


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Thứ tư, 12/07/2023 - 22:40", D(2023, 7, 12, 22, 40)),
        ("17:51 22/11/2024", D(2024, 11, 22, 17, 51)),
        ("Thứ Ba, ngày 22 tháng 9 năm 2020", D(2020, 9, 22)),
        ("Cập nhật: 08:15 ngày 03/04/2023", D(2023, 4, 3, 8, 15)),
        ("Thứ tư, 22/10/2025, 19:25 (GMT+7)", D(2025, 10, 22, 19, 25)),
        ("22h40 12-07-2023", D(2023, 7, 12, 22, 40)),
        ("12.07.2023", D(2023, 7, 12)),
        ("Ngày 5/2/2024", D(2024, 2, 5)),
        ("2023/07/12 22:40", D(2023, 7, 12, 22, 40)),
        ("2023-07-12", D(2023, 7, 12)),
        ("2023-07-12T22:40:00+07:00", D(2023, 7, 12, 22, 40)),
        ("2023-07-12T22:40:05.123+0700", D(2023, 7, 12, 22, 40, 5)),
        ("2023-07-12T15:40:00Z", D(2023, 7, 12, 22, 40)),
        ("2023-07-12T10:40:00-05:00", D(2023, 7, 12, 22, 40)),
        ("Wed, 12 Jul 2023 22:40:00 +0700", D(2023, 7, 12, 22, 40)),
        ("10:30 PM 12/07/2023", D(2023, 7, 12, 22, 30)),
    ],
)
def test_it_reads_each_date_form(text, expected):
    assert parse_datetime(text) == expected


@pytest.mark.parametrize(
    "text", ["", "không có ngày", "31/02/2023", "12/07", "10:30", "5 học sinh", "2023-13-45"]
)
def test_it_returns_none_without_a_valid_date(text):
    assert parse_datetime(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Thứ tư, 12/07/2023 - 22:40", True),
        ("Cập nhật: 08:15 ngày 03/04/2023", True),
        ("22/10/2025, 19:25 (GMT+7)", True),
        ("12/07/2024 - 84 Lượt xem", False),
        ("Ngày 12/7, hội nghị khai mạc tại Hà Nội.", False),
    ],
)
def test_it_tells_a_dateline_from_a_sentence_with_a_date(text, expected):
    assert is_dateline(text) is expected


# --- metadata --------------------------------------------------------------------------------


def test_it_keeps_the_time_of_article_published_time():
    head = "<meta property='article:published_time' content='2024-12-20T09:05:00+07:00'>"
    assert article_of(BODY, head).published == D(2024, 12, 20, 9, 5)


def test_it_reads_json_ld_dates_and_authors():
    head = (
        '<script type=\'application/ld+json\'>{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "Báo Tỉnh"}, {"@type": "NewsArticle", "headline": "x", '
        '"datePublished": "2024-12-20T02:05:00Z", "dateModified": "2024-12-20T04:00:00Z", '
        '"author": [{"@type": "Person", "name": "Lan Anh"}, '
        '{"@type": "Organization", "name": "Báo Tỉnh"}]}]}</script>'
    )
    article = article_of(BODY, head)
    assert article.published == D(2024, 12, 20, 9, 5)
    assert article.updated == D(2024, 12, 20, 11, 0)
    assert article.author == "Lan Anh"


def test_it_reads_dates_from_broken_json_ld():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tin "mới"", '
        '"datePublished": "2024-12-20T09:05:00+07:00",}</script>'
    )
    assert article_of(BODY, head).published == D(2024, 12, 20, 9, 5)


def test_it_reads_the_visible_dateline_when_there_is_no_metadata():
    body = f"<div class='date'>Thứ Sáu, 20/12/2024 - 09:05</div>{BODY}"
    assert article_of(body).published == D(2024, 12, 20, 9, 5)


def test_it_adds_the_visible_time_to_a_metadata_date_without_one():
    head = "<meta itemprop='datePublished' content='2024-12-20'>"
    body = f"<span class='time'>09:05 20/12/2024</span>{BODY}"
    assert article_of(body, head).published == D(2024, 12, 20, 9, 5)


def test_it_reads_a_time_element_near_the_title():
    body = f"<time datetime='2024-12-20T09:05:00+07:00'>20/12/2024</time>{BODY}"
    assert article_of(body).published == D(2024, 12, 20, 9, 5)


def test_an_update_line_gives_both_dates_when_it_is_the_only_one():
    article = article_of(f"<p>Cập nhật: 08:15 ngày 03/04/2023</p>{BODY}")
    assert article.published == article.updated == D(2023, 4, 3, 8, 15)


@pytest.mark.parametrize(
    "head, url, expected",
    [
        (
            "<link rel='canonical' href='https://bao.example.vn/a-1.html'>"
            "<meta property='og:url' content='https://bao.example.vn/other.html'>",
            None,
            "https://bao.example.vn/a-1.html",
        ),
        ("<meta property='og:url' content='https://bao.example.vn/b.html'>", None,
         "https://bao.example.vn/b.html"),
        ("<link rel='canonical' href='/tin/c.html'>", "https://bao.example.vn/x?id=3",
         "https://bao.example.vn/tin/c.html"),
        ("<link rel='canonical' href='//bao.example.vn/d.html'>", None,
         "https://bao.example.vn/d.html"),
        ("", "https://bao.example.vn/e.html", "https://bao.example.vn/e.html"),
        ("<link rel='canonical' href='/tin/f.html'>", None, None),
        ("", None, None),
    ],
)  # fmt: skip
def test_it_finds_the_canonical_url(head, url, expected):
    assert article_of(BODY, head, url=url).canonical_url == expected


def test_it_reads_section_and_language():
    head = "<meta property='article:section' content='Xây dựng Đảng'>"
    article = article_of(BODY, head)
    assert (article.section, article.language) == ("Xây dựng Đảng", "vi")


def test_it_takes_the_section_from_the_breadcrumb_without_metadata():
    crumbs = "<ul class='breadcrumbs'><li><a href='/'>Trang chủ</a></li><li><a>Chính trị</a></li>"
    assert article_of(crumbs + "</ul>" + BODY).section == "Chính trị"


def test_it_takes_the_author_from_a_byline_near_the_title():
    body = f"<div class='info'><span class='author'>Trần Minh</span> - 09:05 20/12/2024</div>{BODY}"
    article = article_of(body)
    assert article.author == "Trần Minh"
    assert "Trần Minh" not in article.text


def test_it_takes_a_signature_line_off_the_end_of_the_body_as_author():
    body = BODY.replace("</div>", "<p style='text-align:right'><b>Hoàng Lan</b></p></div>")
    article = article_of(body)
    assert article.author == "Hoàng Lan"
    assert article.text.split("\n") == [P1, P2, P3]


def test_it_uses_h2_or_a_title_class_when_the_page_has_no_h1():
    html = (
        "<html><head><title>Cổng thông tin điện tử xã</title></head><body>"
        f"<div class='tieude'>{TITLE}</div>{BODY}</body></html>"
    )
    assert extract_article(html).title == TITLE


# --- boilerplate -----------------------------------------------------------------------------


def assert_only_the_article(article: Article) -> None:
    assert article.title == TITLE
    assert article.text.split("\n") == [P1, P2, P3]


@pytest.mark.parametrize(
    "inside",
    [
        "<div class='box-related'><h3>Tin liên quan</h3><ul><li><a href='/1'>Tin một</a></li>"
        "<li><a href='/2'>Tin hai ở đây</a></li></ul></div>",
        "<div><strong>Bài liên quan</strong><h3><a href='/2'>Hội nghị báo cáo viên quý IV</a></h3>"
        "<p>Tóm tắt của bản tin liên quan, dài, nhiều dấu phẩy, không có liên kết nào.</p></div>",
        "<p><em>Đọc thêm: <a href='/3'>Những kết quả nổi bật của công tác tuyên giáo</a></em></p>",
        "<p>Xem thêm: <a href='/4'>Tuyên truyền miệng trong tình hình mới ở cơ sở</a></p>",
        "<div class='share'>Chia sẻ <a>Facebook</a> <a>Zalo</a></div>",
        "<p>Lượt xem: 1.245</p>",
        "<div class='ads'>Quảng cáo chiếm chỗ giữa bài, nhiều chữ, nhiều dấu phẩy, rất dài.</div>",
        "<figure><img src='a.jpg'><figcaption>Quang cảnh hội nghị. Ảnh: Minh Đức</figcaption>"
        "</figure>",
        "<p>(Ảnh minh họa)</p>",
        "<div style='display:none'>Nội dung ẩn, không ai thấy, không được lấy vào bài.</div>",
        "<script>var a = 'Nội dung trong script, không phải chữ của bài báo';</script>",
        "<div class='tin-cung-chuyen-muc'><a href='/5'>Một tin cùng chuyên mục</a></div>",
    ],
)
def test_it_drops_boilerplate_inside_the_body(inside):
    body = f"<div class='content'><p>{P1}</p>{inside}<p>{P2}</p><p>{P3}</p></div>"
    assert_only_the_article(article_of(body))


@pytest.mark.parametrize(
    "outside",
    [
        "<div class='comments'><h3>Ý kiến bạn đọc</h3><div class='comment'><p>Bài viết rất hay, "
        "phản ánh đúng thực tế ở cơ sở, mong các cấp tiếp tục quan tâm, đầu tư, hỗ trợ.</p></div>"
        "<p>Hiện chưa có bình luận nào.</p></div>",
        "<div class='related'><h3>Tin cùng chuyên mục</h3><ul><li><a href='/1'>Tin một</a><p>"
        "Tóm tắt tin một, dài, có dấu phẩy, có số liệu 2024, kể nhiều việc khác nhau.</p></li>"
        "</ul></div>",
        "<footer><p>Đang trực tuyến: 1.203</p><p>Số lượt truy cập: 8.456.789</p>"
        "<p>© Bản quyền thuộc về Báo Tỉnh.</p></footer>",
        "<div class='footer'>Cơ quan chủ quản: Tỉnh ủy. Giấy phép số 12/GP-BTTTT. Bản quyền.</div>",
        "<nav>" + " ".join(f"<a href='/{i}'>Chuyên mục số {i}</a>" for i in range(300)) + "</nav>",
    ],
)
def test_it_drops_boilerplate_around_the_body(outside):
    assert_only_the_article(article_of(BODY + outside))


def test_it_keeps_paragraphs_after_a_related_list_in_the_same_box():
    body = (
        f"<div class='content'><div><p>{P1}</p></div><div><p>{P2}</p><h3>Tin liên quan</h3><ul>"
        "<li><a href='/1'>Tin một</a></li><li><a href='/2'>Tin hai</a></li></ul>"
        f"<p>{P3}</p></div></div>"
    )
    assert_only_the_article(article_of(body))


@pytest.mark.parametrize(
    "short",
    [
        "“Tôi rất vui”, chị Lan chia sẻ.",
        "Mới đây, tỉnh đã hoàn thành.",
        "Video đạt 2 triệu lượt xem.",
        "Bình luận của chuyên gia",
        "Khác với năm trước",
    ],
)
def test_it_keeps_short_text_that_only_mentions_widget_words(short):
    body = f"<div class='content'><p>{P1}</p><p>{short}</p><p>{P2}</p><p>{P3}</p></div>"
    assert article_of(body).text.split("\n") == [P1, short, P2, P3]


SUMMARY = "Tóm tắt một bài khác, khá dài, có nhiều dấu phẩy, kể chuyện ở một địa phương khác."
TEASERS = "".join(
    f"<div class='item'><h4><a href='/{i}'>Tiêu đề bài khác số {i}</a></h4><p>{SUMMARY}</p></div>"
    for i in range(8)
)


@pytest.mark.parametrize(
    "layout",
    [
        "<div class='wrap'>{body}<h3>Có thể bạn quan tâm</h3>{teasers}</div>",
        "<div class='wrap'>{body}<div class='box'>{teasers}</div></div>",
        "<div class='left'>{body}</div><div class='right'>{teasers}{teasers}</div>",
    ],
)
def test_it_drops_lists_of_teasers_with_summaries(layout):
    body = f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>"
    assert_only_the_article(article_of(layout.format(body=body, teasers=TEASERS)))


def test_it_cuts_flat_comments_that_follow_the_article():
    body = (
        f"<div class='bx'><p>{P1}</p><p>{P2}</p><p>{P3}</p><h3>Ý kiến bạn đọc</h3>"
        "<p>Nguyễn Văn A: Tôi đồng tình, đề nghị tổ chức thêm các buổi nói chuyện thời sự ở "
        "khu dân cư, mời cả các cháu học sinh đến nghe.</p></div>"
    )
    assert_only_the_article(article_of(body))


def test_it_keeps_captions_when_they_carry_the_story():
    captions = [P1, P2, P3]
    body = "".join(
        f"<figure><img src='{i}.jpg'><figcaption>{text}</figcaption></figure>"
        for i, text in enumerate(captions)
    )
    article = article_of(f"<div class='photo-story'>{body}</div>")
    assert article.text.split("\n") == captions


def test_it_splits_br_lines_into_paragraphs():
    body = f"<div class='noidung'>{P1}<br><br>{P2}<br>{P3}</div>"
    assert article_of(body).text.split("\n") == [P1, P2, P3]


def test_it_reads_an_old_table_layout_with_br_lines_in_a_cell():
    html = (
        "<html><body><table><tr><td><b>Chuyên mục</b><br><a href='/a'>Chính trị</a><br>"
        "Thống kê: 12 người đang xem</td>"
        f"<td><h2>{TITLE}</h2>{P1}<br><br>{P2}<br><br>{P3}</td>"
        "<td>Liên kết website: cổng thông tin tỉnh, báo địa phương, đài phát thanh</td>"
        "</tr></table></body></html>"
    )
    assert_only_the_article(extract_article(html))


def test_it_takes_the_sapo_as_lead_and_not_as_text():
    lead = "Tóm tắt: năm 2024, công tác tuyên giáo của tỉnh đạt nhiều kết quả nổi bật."
    article = article_of(f"<p class='sapo'>{lead}</p>{BODY}")
    assert article.lead == lead
    assert_only_the_article(article)


def test_it_takes_the_paragraph_matching_the_description_as_lead():
    head = f"<meta name='description' content='{P1}'>"
    article = article_of(BODY, head)
    assert article.lead == P1
    assert article.text.split("\n") == [P2, P3]


# --- encodings -------------------------------------------------------------------------------


def test_it_decodes_a_windows_1258_page():
    article = extract_article((FIXTURES / "windows_1258.html").read_bytes())
    assert article.title == "Huyện ủy Cẩm Xuyên quán triệt Chỉ thị về công tác dân vận"
    assert "“Dân vận khéo”" in article.text


@pytest.mark.parametrize("convert", [unicode_to_tcvn3, unicode_to_vni])
def test_it_converts_legacy_vietnamese_fonts(convert):
    data = convert(page(BODY)).encode("latin-1")
    assert_only_the_article(extract_article(data))


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + page(BODY).encode("utf-8"),
        page(BODY).replace("charset='utf-8'", "charset='windows-1258'").encode("utf-8"),
        page(BODY).encode("utf-16"),
    ],
)
def test_it_decodes_utf_bytes_whatever_the_page_declares(data):
    assert_only_the_article(extract_article(data))


def test_it_gives_nfc_text_for_a_page_written_in_nfd():
    decomposed = unicodedata.normalize("NFD", page(BODY))
    assert_only_the_article(extract_article(decomposed))


# --- empty and garbage input -----------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n",
        "xin chào",
        "<<<>>>",
        "<html></html>",
        "<html><head><title></title></head><body></body></html>",
        "\x00\x01 rác",
        "<p>Một câu ngắn.</p>",
        "<div>" * 3000 + "chữ" + "</div>" * 3000,
        "<table><tr><td><p>ô trống</td>",
        "<script type='application/ld+json'>{\"datePublished\": 5}</script>",
        b"",
        b"<p>abc</p>",
    ],
)
def test_it_returns_an_empty_article_for_input_without_an_article(html):
    article = extract_article(html)
    assert article.text == ""
    assert article.published is None


def test_it_raises_a_decode_error_with_a_vietnamese_reason_for_binary_bytes():
    with pytest.raises(DecodeError) as caught:
        extract_article(os.urandom(4096) + b"\x00" * 64)
    assert isinstance(caught.value, ValueError)
    assert "không giải mã được" in caught.value.reason


# --- scoring ---------------------------------------------------------------------------------


def test_token_f1_counts_a_bag_of_nfc_lowercased_words():
    assert tokens("Hòa  bình, HÒA-bình!") == {"hòa": 2, "bình": 2}
    assert token_f1("a b c", "a b c") == 1.0
    assert token_f1("a a b", "a b") == pytest.approx(0.8)
    assert token_f1("", "") == 1.0
    assert token_f1("a", "") == 0.0


# --- the fixture pages' metadata -------------------------------------------------------------


@pytest.mark.parametrize(
    "name, published, author, url",
    [
        ("br_text", D(2022, 8, 18, 9, 30), "Kim Ngân", None),
        ("comments_flat", D(2024, 10, 7, 8, 30), "Phạm Thu Trang",
         "https://baodocgia.example.vn/de-xuat-keo-dai-gio-mo-cua-thu-vien-tinh-n7788.html"),
        ("div_soup", D(2023, 7, 12, 22, 40), "Hoàng Lan", None),
        ("inline_related", D(2024, 6, 3, 7, 12), "Hữu Thắng",
         "https://thanhnien-xunghe.example.vn/tinh-nguyen-he-2024-p88213.html"),
        ("live_blog", D(2023, 4, 3, 8, 15), None,
         "https://quangninh-tv.example.vn/truc-tiep-ky-hop-thu-12-hdnd-tinh-99123.html"),
        ("mega_menu", D(2024, 11, 22, 17, 51), None,
         "https://binhdinh-news.example.vn/hoan-thanh-xoa-nha-tam-54321.htm"),
        ("photo_story", D(2023, 9, 25, 13, 0), "Quang Minh", None),
        ("semantic_article", D(2025, 3, 14, 10, 5), "Ngọc Ánh",
         "https://thudo.example.vn/phuong-long-bien-ra-mat-mo-hinh-to-dan-pho-so-a1024.html"),
        ("windows_1258", D(2024, 2, 5), "Minh Đức", None),
    ],
)  # fmt: skip
def test_it_reads_the_metadata_of_each_fixture_page(name, published, author, url):
    article = extract_article((FIXTURES / f"{name}.html").read_bytes())
    assert (article.published, article.author, article.canonical_url) == (published, author, url)
