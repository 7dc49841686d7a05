"""Article URLs: canonical form, hosts, sites, and telling articles from listing pages."""

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuyengiao.core.urls import (
    InvalidURLError,
    canonical_url,
    is_probably_article,
    same_site,
    url_host,
)

VNEXPRESS = "https://vnexpress.net/thu-tuong-chu-tri-hoi-nghi-trien-khai-nghi-quyet-4954454.html"
CHINHPHU = "https://baochinhphu.vn/thu-tuong-chu-tri-phien-hop-chinh-phu-thuong-ky-102241121.htm"


# --- canonical_url ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (VNEXPRESS, VNEXPRESS),
        ("HTTPS://VnExpress.NET" + VNEXPRESS[21:], VNEXPRESS),
        ("https://vnexpress.net:443" + VNEXPRESS[21:], VNEXPRESS),
        ("http://nhandan.vn:80/chinhtri/", "http://nhandan.vn/chinhtri/"),
        ("http://nhandan.vn:8080/chinhtri/", "http://nhandan.vn:8080/chinhtri/"),
        (VNEXPRESS + "#box_comment_vne", VNEXPRESS),
        (CHINHPHU + "?utm_source=zalo&utm_medium=share&zarsrc=31&gidzl=Ab12Cd", CHINHPHU),
        (CHINHPHU + "?fbclid=IwAR0x9Zk&gclid=Cj0KCQ", CHINHPHU),
        (
            "https://tuoitre.vn/bau-cu-my-2024-20241106080000123.htm?utm_source=facebook&utm_campaign=tt",
            "https://tuoitre.vn/bau-cu-my-2024-20241106080000123.htm",
        ),
        (VNEXPRESS + "?ref=facebook", VNEXPRESS),
        (VNEXPRESS + "?source=zalo", VNEXPRESS),
        (
            "https://baohatinh.vn/tin-tuc.aspx?source=12&id=123",
            "https://baohatinh.vn/tin-tuc.aspx?id=123&source=12",
        ),
        ("https://qdnd.vn/tin-tuc?id=123", "https://qdnd.vn/tin-tuc?id=123"),
        (
            "https://a.vn/tim-kiem?q=tuy%c3%aan+gi%c3%a1o&page=2",
            "https://a.vn/tim-kiem?page=2&q=tuy%C3%AAn+gi%C3%A1o",
        ),
        ("https://a.vn/tim-kiem?q=tuyên giáo", "https://a.vn/tim-kiem?q=tuy%C3%AAn%20gi%C3%A1o"),
        ("https://a.vn/%7Ethu-muc/%61bc", "https://a.vn/~thu-muc/abc"),
        ("https://a.vn/tin%2ftuc", "https://a.vn/tin%2Ftuc"),
        ("https://a.vn/tin-tức/bài-viết", "https://a.vn/tin-t%E1%BB%A9c/b%C3%A0i-vi%E1%BA%BFt"),
        ("https://a.vn/50%-giam-gia", "https://a.vn/50%25-giam-gia"),
        ("https://báochínhphủ.vn/thoi-su", "https://xn--bochnhph-8ya7j0059a.vn/thoi-su"),
        (
            "https://nhandan.vn.//chinhtri//xay-dung-dang/",
            "https://nhandan.vn/chinhtri/xay-dung-dang/",
        ),
        ("https://nhandan.vn/a/./b/../c", "https://nhandan.vn/a/c"),
        ("https://nhandan.vn", "https://nhandan.vn/"),
        ("https://nhandan.vn/index.html", "https://nhandan.vn/"),
        ("https://nhandan.vn/thoi-su/index.htm", "https://nhandan.vn/thoi-su/"),
        ("https://tinhuy.vn/index.php", "https://tinhuy.vn/"),
        (
            "https://tinhuy.vn/index.php?option=com_content&view=article&id=123",
            "https://tinhuy.vn/index.php?id=123&option=com_content&view=article",
        ),
        ("https://nhandan.vn/myindex.html", "https://nhandan.vn/myindex.html"),
        ("https://bientap:matkhau@nhandan.vn/", "https://nhandan.vn/"),
        ("  https://nhandan.vn/chinh\n-tri/  ", "https://nhandan.vn/chinh-tri/"),
        ("https://a.vn/?&&b=2&a=1&", "https://a.vn/?a=1&b=2"),
        ("https://a.vn/?utm_source=rss", "https://a.vn/"),
        ("//vnexpress.net/thoi-su", "https://vnexpress.net/thoi-su"),
        ("http://[2001:DB8::1]:80/tin", "http://[2001:db8::1]/tin"),
    ],
)
def test_it_gives_one_form_per_page(url, canonical):
    assert canonical_url(url) == canonical


@pytest.mark.parametrize(
    ("url", "base", "canonical"),
    [
        (
            "/thoi-su/bai-viet-4954454.html",
            "https://vnexpress.net/rss/thoi-su.rss",
            "https://vnexpress.net/thoi-su/bai-viet-4954454.html",
        ),
        (
            "bai-viet-4954454.html",
            "https://vnexpress.net/thoi-su/",
            "https://vnexpress.net/thoi-su/bai-viet-4954454.html",
        ),
        (
            "../kinh-te/",
            "https://vnexpress.net/thoi-su/chinh-tri/",
            "https://vnexpress.net/thoi-su/kinh-te/",
        ),
        ("//m.vnexpress.net/thoi-su", "http://vnexpress.net/", "http://m.vnexpress.net/thoi-su"),
        ("?page=2", "https://nhandan.vn/chinhtri", "https://nhandan.vn/chinhtri?page=2"),
        (VNEXPRESS, "https://nhandan.vn/", VNEXPRESS),
    ],
)
def test_it_resolves_links_against_the_page_they_are_on(url, base, canonical):
    assert canonical_url(url, base=base) == canonical


@pytest.mark.parametrize(
    "url",
    [
        "",
        "thoi-su/bai-viet.html",
        "vnexpress.net/thoi-su",
        "javascript:void(0)",
        "mailto:toasoan@nhandan.vn",
        "ftp://nhandan.vn/tep.pdf",
        "http:///thoi-su",
        "https://nhan dan.vn/",
        "https://nhandan.vn:99999/",
        "http://[::1/",
        "https://" + "a" * 70 + "ạ.vn/",
    ],
)
def test_it_rejects_what_is_not_an_http_address(url):
    with pytest.raises(InvalidURLError) as error:
        canonical_url(url)
    assert error.value.reason


def test_it_rejects_a_link_on_a_page_with_a_broken_address():
    with pytest.raises(InvalidURLError):
        canonical_url("/thoi-su", base="http://[::1")


urls = st.one_of(
    st.builds(
        lambda host, path, query, fragment: f"https://{host}/{path}?{query}#{fragment}",
        st.sampled_from(["vnexpress.net", "NhanDan.vn", "báochínhphủ.vn", "a.vn:443", "b.vn:81"]),
        st.text(alphabet="abcđạ/%.-_~ 2Fe?", max_size=30),
        st.text(alphabet="a=&%2Bđ+;utm_sr", max_size=30),
        st.text(max_size=5),
    ),
    st.text(max_size=60).map(lambda s: "http://tuoitre.vn/" + s),
)


@given(urls)
def test_canonical_url_of_a_canonical_url_is_itself(url):
    try:
        once = canonical_url(url)
    except InvalidURLError:
        return
    assert canonical_url(once) == once


@given(st.text(max_size=80), st.one_of(st.none(), st.text(max_size=40)))
def test_it_raises_nothing_but_invalid_url_error(url, base):
    with contextlib.suppress(InvalidURLError):
        canonical_url(url, base=base)


# --- hosts and sites -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://VnExpress.net:443/thoi-su", "vnexpress.net"),
        ("http://m.vnexpress.net./", "m.vnexpress.net"),
        ("https://báochínhphủ.vn/", "xn--bochnhph-8ya7j0059a.vn"),
        ("//nhandan.vn/chinhtri", "nhandan.vn"),
    ],
)
def test_url_host_is_the_lowercase_ascii_host(url, host):
    assert url_host(url) == host


def test_url_host_rejects_a_url_without_a_host():
    with pytest.raises(InvalidURLError):
        url_host("/thoi-su")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("https://m.vnexpress.net/thoi-su", "https://vnexpress.net/", True),
        ("https://www.nhandan.vn/", "http://nhandan.vn:8080/chinhtri", True),
        ("https://www.tuoitre.vn/", "https://m.tuoitre.vn/", True),
        ("https://amp.thanhnien.vn/a.html", "https://thanhnien.vn/", True),
        ("https://VNEXPRESS.net/", "https://vnexpress.net/", True),
        ("https://vnexpress.net/", "https://e.vnexpress.net/", False),
        ("https://tphcm.chinhphu.vn/", "https://chinhphu.vn/", False),
        ("https://baochinhphu.vn/", "https://chinhphu.vn/", False),
        ("https://m.vn/", "https://vn/", False),
        ("https://vnexpress.net/", "javascript:void(0)", False),
    ],
)
def test_same_site_counts_www_and_mobile_hosts_as_the_site(a, b, same):
    assert same_site(a, b) is same
    assert same_site(b, a) is same


# --- articles or listings --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        VNEXPRESS,
        CHINHPHU,
        "https://tuoitre.vn/chu-tich-nuoc-tiep-dai-su-20241121153000123.htm",
        "https://nhandan.vn/day-manh-tuyen-truyen-nghi-quyet-post844123.html",
        "https://cafef.vn/ngan-hang-nha-nuoc-dieu-hanh-ty-gia-188241121.chn",
        "https://laodong.vn/thoi-su/cong-doan-cham-lo-tet-cho-nguoi-lao-dong-1424242.ldo",
        "https://www.qdnd.vn/chinh-tri/tin-tuc/tong-bi-thu-lam-viec-voi-quan-uy-trung-uong-807654",
        "https://tienphong.vn/thanh-nien-tinh-nguyen-mua-he-xanh-post1687654.tpo",
        "https://baomoi.com/hoi-nghi-bao-cao-vien-trung-uong-c50123456.epi",
        "https://tinhuy.vn/index.php?option=com_content&view=article&id=123",
        "https://baohatinh.vn/ChiTietTin.aspx?newsid=45678",
        "https://tinhuy.vn/2024/11/21/hoi-nghi-bao-cao-vien-thang-muoi-mot/",
        "https://tinhuy.vn/tin-tuc/ban-tuyen-giao-tinh-uy-to-chuc-hoi-nghi.html",
        "https://tinhuy.vn/tin-tuc/ban-tuyen-giao-tinh-uy-to-chuc-hoi-nghi-bao-cao-vien-thang-muoi-mot",
    ],
)
def test_it_recognises_article_urls(url):
    assert is_probably_article(url) is True


@pytest.mark.parametrize(
    "url",
    [
        "https://vnexpress.net/",
        "https://vnexpress.net/thoi-su",
        "https://vnexpress.net/thoi-su/chinh-tri",
        "https://nhandan.vn/xay-dung-dang/",
        "https://vnexpress.net/tag/bau-cu-my-2024-1234567",
        "https://tuoitre.vn/tim-kiem.htm?keywords=tuyen%20giao",
        "https://vnexpress.net/tac-gia/nguyen-van-a-1234567",
        "https://vnexpress.net/chu-de/nghi-quyet-57-5678912",
        "https://dantri.com.vn/xa-hoi/trang-2.htm",
        "https://cafef.vn/thoi-su/trang-12.chn",
        "https://nhandan.vn/chinhtri/page/3",
        "https://vnexpress.net/rss/thoi-su.rss",
        "https://nhandan.vn/sitemap-2024-11.xml",
        "https://baochinhphu.vn/anh/thu-tuong-chu-tri-hoi-nghi-102241121.jpg",
        "https://tinhuy.vn/van-ban/nghi-quyet-dai-hoi-dang-bo-tinh-lan-thu-xx-102241121.pdf",
        "https://tinhuy.vn/lien-he",
        "https://tinhuy.vn/2024/",
        "javascript:void(0)",
    ],
)
def test_it_does_not_take_listing_pages_for_articles(url):
    assert is_probably_article(url) is False
