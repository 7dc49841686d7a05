"""File bytes → text: formats, sniffing, encodings, and every way a file can be bad."""

import contextlib
import datetime
import io
import logging
import random
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tuyengiao.core.readers import (
    ACCEPTED_EXTENSIONS,
    ReadError,
    format_size,
    headline,
    read_document,
    visible_date,
)

FIXTURES = Path(__file__).parent / "fixtures"
MB = 1_048_576
LIMIT = 20 * MB


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def read(data: bytes, filename: str, max_bytes: int = LIMIT):
    return read_document(data, filename=filename, max_bytes=max_bytes)


def reason_for(data: bytes, filename: str, max_bytes: int = LIMIT) -> str:
    with pytest.raises(ReadError) as excinfo:
        read(data, filename, max_bytes)
    assert isinstance(excinfo.value, ValueError)
    return excinfo.value.reason


def txt_text(name: str) -> str:
    return read(fixture(f"{name}.txt"), f"{name}.txt").text


# --- limits and formats ----------------------------------------------------------------------


def test_it_rejects_an_empty_file():
    assert reason_for(b"", "ke-hoach.txt") == "tệp rỗng"


@pytest.mark.parametrize(
    ("size", "limit", "reason"),
    [
        (MB + 1, MB, "tệp 1,1 MB vượt quá giới hạn 1 MB"),
        (2 * MB, MB * 3 // 2, "tệp 2 MB vượt quá giới hạn 1,5 MB"),
        (12_900_000, 20 * MB - 1, None),
        (12_900_000, 100, "tệp 12,4 MB vượt quá giới hạn 100 byte"),
        (3000, 2048, "tệp 3 KB vượt quá giới hạn 2 KB"),
        (101, 100, "tệp 101 byte vượt quá giới hạn 100 byte"),
    ],
)
def test_it_rejects_a_file_over_the_limit_naming_both_sizes_in_fitting_units(size, limit, reason):
    data = b"a" * size
    if reason is None:
        assert read(data, "a.txt", limit).text
    else:
        assert reason_for(data, "a.txt", limit) == reason


@pytest.mark.parametrize(
    ("n", "shown", "rounded_up"),
    [
        (0, "0 byte", "0 byte"),
        (1023, "1023 byte", "1023 byte"),
        (1536, "1,5 KB", "1,5 KB"),
        (12_800, "12,5 KB", "12,5 KB"),
        (1_048_524, "1.023,9 KB", "1 MB"),
        (MB + 1, "1 MB", "1,1 MB"),
        (12_900_000, "12,3 MB", "12,4 MB"),
        (2000 * MB, "2.000 MB", "2.000 MB"),
    ],
)
def test_it_formats_sizes_with_a_decimal_comma_and_thousands_dots(n, shown, rounded_up):
    assert format_size(n) == shown
    assert format_size(n, round_up=True) == rounded_up


def test_it_keeps_one_list_of_accepted_extensions():
    assert ACCEPTED_EXTENSIONS == (".txt", ".html", ".htm", ".docx", ".pdf")


@pytest.mark.parametrize("filename", ["bang-tinh.xlsx", "anh.jpg", "khong-duoi", "a.doc.exe"])
def test_it_rejects_an_unknown_extension_naming_the_accepted_types(filename):
    reason = reason_for(b"noi dung", filename)
    assert reason.startswith("định dạng tệp không được hỗ trợ")
    assert all(extension in reason for extension in ACCEPTED_EXTENSIONS)


def test_it_reads_extensions_in_any_case():
    assert read(b"Xin ch\xc3\xa0o", "GHI-CHU.TXT").text == "Xin chào"


@pytest.mark.parametrize(
    ("source", "filename", "expected"),
    [
        ("city_plan.pdf", "ke-hoach.txt", "pdf"),
        ("city_plan.docx", "ke-hoach.txt", "docx"),
        ("city_plan.pdf", "ke-hoach.docx", "pdf"),
        ("city_plan.docx", "ke-hoach.pdf", "docx"),
        ("article.html", "bai-viet.txt", "html"),
    ],
)
def test_it_trusts_the_bytes_when_the_extension_lies(source, filename, expected):
    assert read(fixture(source), filename).format == expected


def test_it_rejects_a_docx_that_is_not_a_zip():
    assert (
        reason_for(b"Day la van ban thuong", "a.docx") == "tệp DOCX hỏng hoặc không đúng định dạng"
    )


def test_it_rejects_a_truncated_docx():
    assert (
        reason_for(fixture("truncated.docx"), "a.docx") == "tệp DOCX hỏng hoặc không đúng định dạng"
    )


def test_it_rejects_a_zip_that_is_not_a_word_document():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert reason_for(out.getvalue(), "a.docx") == "tệp DOCX hỏng hoặc không đúng định dạng"


def test_it_rejects_a_docx_that_unpacks_to_far_more_than_the_limit():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>" + " " * 400_000)
    assert reason_for(out.getvalue(), "a.docx", max_bytes=10_000) == "tệp DOCX quá lớn khi giải nén"


def test_it_rejects_a_word_97_document():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)
    assert ".doc" in reason_for(data, "cong-van.doc.docx")


@pytest.mark.parametrize("filename", ["nhieu.txt", "nhieu.html"])
def test_it_rejects_binary_noise(filename):
    noise = random.Random(7).randbytes(4096)
    reason = reason_for(noise, filename)
    assert reason == "không giải mã được văn bản (không phải UTF-8, TCVN3 hay VNI)"


def test_it_rejects_a_pdf_that_is_not_a_pdf():
    assert reason_for(b"Khong phai PDF", "a.pdf") == "tệp PDF hỏng hoặc không đúng định dạng"


def test_it_rejects_a_corrupt_pdf():
    data = b"%PDF-1.7\n" + random.Random(3).randbytes(3000)
    assert reason_for(data, "a.pdf") in (
        "tệp PDF hỏng hoặc không đúng định dạng",
        "PDF không có lớp văn bản (bản scan?)",
    )


def test_it_rejects_a_password_protected_pdf():
    assert reason_for(fixture("encrypted.pdf"), "a.pdf") == "PDF được bảo vệ bằng mật khẩu"


def test_it_rejects_a_pdf_without_a_text_layer():
    assert (
        reason_for(fixture("image_only.pdf"), "scan.pdf") == "PDF không có lớp văn bản (bản scan?)"
    )


def test_it_rejects_a_text_file_with_only_whitespace():
    assert reason_for(b" \n\t\n", "trong.txt") == "tệp không có nội dung văn bản"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            b"\xff\xfe\x00\xd8bad",
            "tệp đánh dấu mã UTF-16 (BOM) nhưng nội dung không đúng mã UTF-16",
        ),
        (
            b"\xff\xfe" + "Ban Thường vụ Thành ủy".encode(),
            "tệp đánh dấu mã UTF-16 (BOM) nhưng giải mã ra chữ không phải tiếng Việt",
        ),
        (b"\xef\xbb\xbfabc\xff", "tệp đánh dấu mã UTF-8 (BOM) nhưng nội dung không đúng mã UTF-8"),
    ],
    ids=["bad surrogate", "utf-8 behind a utf-16 bom", "bad utf-8 behind its bom"],
)
def test_it_rejects_text_that_breaks_its_byte_order_mark(data, reason):
    assert reason_for(data, "a.txt") == reason


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"%PDF-1.7\n" + b"x" * 300, "a.pdf"),
        ("<p>Thông báo</p>".encode(), "a.html"),
    ],
    ids=["pypdf: EOF marker not found", "html: no library messages"],
)
def test_it_keeps_library_log_messages_off_the_console(data, filename, caplog):
    pypdf_logger = logging.getLogger("pypdf")
    pypdf_logger.setLevel(logging.INFO)
    try:
        with caplog.at_level(logging.DEBUG), contextlib.suppress(ReadError):
            read(data, filename)
        assert [r for r in caplog.records if not r.name.startswith("tuyengiao")] == []
        assert pypdf_logger.level == logging.INFO  # restored afterwards
    finally:
        pypdf_logger.setLevel(logging.NOTSET)


READABLE = sorted(
    p.name for p in FIXTURES.iterdir() if p.suffix in (".txt", ".docx", ".pdf", ".html")
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    name=st.sampled_from(READABLE),
    cuts=st.lists(st.tuples(st.integers(0, 40_000), st.integers(0, 255)), max_size=8),
    truncate=st.integers(1, 40_000),
)
def test_it_raises_only_read_error_on_damaged_files(name, cuts, truncate):
    data = bytearray(fixture(name)[:truncate])
    for position, value in cuts:
        if position < len(data):
            data[position] = value
    try:
        result = read(bytes(data), name)
    except ReadError:
        return
    assert result.text


@settings(max_examples=60, deadline=None)
@given(data=st.binary(min_size=1, max_size=2000), extension=st.sampled_from(ACCEPTED_EXTENSIONS))
def test_it_raises_only_read_error_on_random_bytes(data, extension):
    with contextlib.suppress(ReadError):
        read(data, "tep" + extension)


# --- plain text ------------------------------------------------------------------------------


def test_it_reads_a_text_file_into_stripped_lines_keeping_paragraph_breaks():
    data = (
        "\n  Tiêu đề bài viết  \r\n\r\n\xa0Đoạn một.\r\n \r\n\r\nĐoạn hai.\ndòng hai\n\n".encode()
    )
    result = read(data, "a.txt")
    assert result.text == "Tiêu đề bài viết\n\nĐoạn một.\n\nĐoạn hai.\ndòng hai"
    assert result.title == "Tiêu đề bài viết"
    assert result.format == "txt"
    assert result.html is None


def test_it_finds_a_dateline_near_the_top_of_a_text_file():
    data = "Tin tức\nThứ tư, 12/07/2023 - 22:40\nNội dung bài viết.".encode()
    assert read(data, "a.txt").published == datetime.date(2023, 7, 12)


@pytest.mark.parametrize(("before", "found"), [(7, True), (8, False)])
def test_it_looks_for_a_text_files_dateline_in_its_first_eight_lines(before, found):
    data = ("Dòng\n\n" * before + "Thứ Ba, ngày 22 tháng 9 năm 2020\nNội dung.").encode()
    assert read(data, "a.txt").published == (datetime.date(2020, 9, 22) if found else None)


THANH_TRA_ARTICLE = """\
Theo dõi Báo Thanh tra trên
Kim Thành
Thứ tư, 12/07/2023 - 22:40
(Thanh tra) - Ngày 12/7, Ban Tuyên giáo Thành ủy Hải Phòng tổ chức hội nghị sơ kết.
Trưởng Ban Tuyên giáo Thành ủy Đào Khánh Hà phát biểu. Ảnh: Kim Thành
6 tháng đầu năm, hệ thống tuyên giáo các cấp đã chủ động, nhạy bén, linh hoạt."""

TPHCM_ARTICLE = """\
Thứ Ba, ngày 22 tháng 9 năm 2020

Phú Nhuận: Nâng cao chất lượng, tuyên truyền đúng hướng, đúng đường lối, chủ trương

(Thanhuytphcm.vn) - Chiều 17/7, Quận ủy quận Phú Nhuận tổ chức Hội nghị giao ban."""

BA_DINH_ARTICLE = """\
|

Quận Ba Đình: Triển khai thực hiện “Chỉ thị số 30-CT/TW về công tác tuyên truyền miệng”

Chia sẻ

Trong những năm qua, công tác tuyên truyền miệng luôn được tăng cường."""


@pytest.mark.parametrize(
    ("text", "title", "published"),
    [
        (THANH_TRA_ARTICLE, None, datetime.date(2023, 7, 12)),
        (
            TPHCM_ARTICLE,
            "Phú Nhuận: Nâng cao chất lượng, tuyên truyền đúng hướng, đúng đường lối, chủ trương",
            datetime.date(2020, 9, 22),
        ),
        (
            BA_DINH_ARTICLE,
            "Quận Ba Đình: Triển khai thực hiện “Chỉ thị số 30-CT/TW về công tác tuyên truyền "
            "miệng”",
            None,
        ),
    ],
    ids=["boilerplate only", "after a dateline", "after a menu bar"],
)
def test_it_takes_the_first_headline_like_line_as_a_text_articles_title(text, title, published):
    result = read(text.encode(), "a.txt")
    assert result.title == title
    assert result.published == published


@pytest.mark.parametrize(
    ("line", "is_headline"),
    [
        ("Hải Dương mở lớp bồi dưỡng tuyên truyền viên cơ sở", True),
        ("Kết quả xổ số điện toán Vietlott ngày 6/2/2017", True),
        ("Vì sao phải đổi mới công tác tuyên truyền miệng?", True),
        ("Có gã nghệ sĩ mù như thế…", True),
        ("Chia sẻ xúc động của người dân với tuyên truyền viên", True),
        ("Tin tức", False),
        ("Chia sẻ", False),
        ("Chia sẻ bài viết này ngay", False),
        ("Theo dõi Báo Thanh tra trên", False),
        ("Theo dõi chúng tôi trên Google News", False),
        ("Trang chủ | Thời sự | Chính trị", False),
        ("Thời sự » Chính trị » Xây dựng Đảng", False),
        ("Thứ tư, 12/07/2023 - 22:40", False),
        ("Thứ Ba, ngày 22 tháng 9 năm 2020", False),
        ("Cập nhật: 08:15 ngày 03/04/2023", False),
        ("Đại biểu dự hội nghị phát biểu ý kiến. Ảnh: Kim Thành", False),
        ("Bản quyền thuộc về Báo Nhân Dân", False),
        ("Hội nghị diễn ra trong một ngày và có nhiều ý kiến.", False),
        ("Kính gửi các đồng chí bí thư chi bộ:", False),
        (" ".join(["từ"] * 41), False),
    ],
)
def test_it_tells_a_headline_from_site_furniture(line, is_headline):
    assert headline([line]) == (line if is_headline else None)


def test_it_reads_a_tcvn3_text_file():
    assert txt_text("ward_plan.tcvn3") == txt_text("ward_plan")


def test_it_reads_a_vni_text_file():
    assert txt_text("state_cong_van.vni") == txt_text("state_cong_van")


def test_it_reads_a_utf16_text_file():
    data = "\ufeffBáo cáo sơ kết 6 tháng".encode("utf-16-le")
    assert read(data, "a.txt").text == "Báo cáo sơ kết 6 tháng"


# --- DOCX ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["city_plan", "ward_plan", "state_cong_van", "central_directive"])
def test_it_reads_a_docx_header_table_left_column_then_right_column(name):
    result = read(fixture(f"{name}.docx"), f"{name}.docx")
    assert result.format == "docx"
    assert result.text == txt_text(name)


def test_it_takes_the_docx_title_from_its_properties():
    assert read(fixture("city_plan.docx"), "a.docx").title == "Kế hoạch thực hiện Chỉ thị 30-CT/TW"


def test_it_falls_back_to_the_first_line_for_a_docx_title():
    assert read(fixture("ward_plan.docx"), "a.docx").title == "ĐẢNG BỘ PHƯỜNG NGỌC HÀ"


def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_it_reads_a_body_table_row_by_row_and_merged_cells_once():
    def build(document):
        document.add_paragraph("Kết quả thực hiện:")
        table = document.add_table(rows=3, cols=3)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.text = f"ô {r}{c}"
        table.cell(2, 0).merge(table.cell(2, 2)).text = "Tổng cộng"

    text = read(_docx(build), "a.docx").text
    assert text == "Kết quả thực hiện:\nô 00\nô 01\nô 02\nô 10\nô 11\nô 12\nTổng cộng"


def test_it_reads_a_nested_table_and_line_breaks():
    def build(document):
        outer = document.add_table(rows=1, cols=1)
        outer.cell(0, 0).text = "Ngoài"
        inner = outer.cell(0, 0).add_table(rows=1, cols=2)
        inner.cell(0, 0).text = "Trong 1"
        inner.cell(0, 1).text = "Trong 2"
        document.add_paragraph("Dòng một").add_run().add_break()
        document.paragraphs[-1].add_run("dòng hai")

    text = read(_docx(build), "a.docx").text
    assert text == "Ngoài\nTrong 1\nTrong 2\nDòng một\ndòng hai"


def test_it_turns_empty_docx_paragraphs_into_one_blank_line_and_drops_empty_cell_paragraphs():
    def build(document):
        document.add_paragraph("")
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).paragraphs[0].text = "THÀNH ỦY"
        table.cell(0, 0).add_paragraph("")
        table.cell(0, 0).add_paragraph("Số 12-KH/TU")
        table.cell(0, 1).paragraphs[0].text = "ĐẢNG CỘNG SẢN VIỆT NAM"
        for text in ("KẾ HOẠCH", "về một việc", "", "  ", "", "Nội dung.", "Đoạn hai.", ""):
            document.add_paragraph(text)

    text = read(_docx(build), "a.docx").text
    assert text == (
        "THÀNH ỦY\nSố 12-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nKẾ HOẠCH\nvề một việc\n\n"
        "Nội dung.\nĐoạn hai."
    )


def test_it_converts_a_docx_typed_in_a_tcvn3_font():
    from tuyengiao.core.legacy import unicode_to_tcvn3

    body = "Đảng ủy phường tổ chức học tập nghị quyết cho cán bộ, đảng viên."
    data = _docx(lambda document: document.add_paragraph(unicode_to_tcvn3(body)))
    assert read(data, "a.docx").text == body


def test_it_rejects_an_empty_docx():
    assert (
        reason_for(_docx(lambda document: None), "a.docx") == "tệp DOCX không có nội dung văn bản"
    )


# --- PDF -------------------------------------------------------------------------------------


def test_it_reads_the_text_layer_of_every_page():
    result = read(fixture("city_plan.pdf"), "a.pdf")
    assert result.format == "pdf"
    assert result.text.count("\n") > 20
    assert "TỔ CHỨC THỰC HIỆN" in result.text
    assert "PHÓ BÍ THƯ THƯỜNG TRỰC" in result.text  # on the second page


def test_it_reads_pdf_header_columns_side_by_side_as_one_line():
    lines = read(fixture("city_plan.pdf"), "a.pdf").text.splitlines()
    assert lines[0] == "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG ĐẢNG CỘNG SẢN VIỆT NAM"
    assert lines[3] == "Số 118-KH/TU Đà Nẵng, ngày 14 tháng 6 năm 2024"


def test_it_keeps_pdf_words_and_diacritics_intact():
    pdf_words = read(fixture("central_directive.pdf"), "a.pdf").text.split()
    assert sorted(pdf_words) == sorted(txt_text("central_directive").split())


# --- HTML ------------------------------------------------------------------------------------


def test_it_extracts_the_main_text_title_and_date_of_an_article_page():
    result = read(fixture("article.html"), "bai-viet.html")
    assert result.format == "html"
    assert result.title == "Hải Dương mở lớp bồi dưỡng tuyên truyền viên cơ sở"
    assert result.published == datetime.date(2024, 10, 8)
    assert "khai giảng lớp bồi dưỡng nghiệp vụ cho 120 tuyên truyền viên" in result.text
    assert "mười lăm phút" in result.text
    for boilerplate in ("Bình luận", "Nguyễn Văn A", "Đang trực tuyến", "Trang chủ", "gtag"):
        assert boilerplate not in result.text
    assert result.html is not None and "<article>" in result.html


def test_it_decodes_a_windows_1258_page_by_its_meta_charset():
    expected = read(fixture("article.html"), "a.html")
    result = read(fixture("article_cp1258.html"), "a.htm")
    assert result.text == expected.text
    assert result.title == expected.title


def test_it_falls_back_to_the_body_text_when_extraction_finds_nothing():
    page = "<html><body><div>Thông báo</div><div>Họp chi bộ lúc 8 giờ.</div></body></html>"
    result = read(page.encode(), "a.html")
    assert result.text == "Thông báo\nHọp chi bộ lúc 8 giờ."
    assert result.title == "Thông báo"


def test_it_finds_a_visible_dateline_when_a_page_has_no_date_metadata():
    page = (
        "<html><head><title>Tin</title></head><body><h1>Tin địa phương</h1>"
        "<p class='date'>Cập nhật: 08:15 ngày 03/04/2023</p>"
        "<article><p>" + "Nội dung tin bài về công tác tuyên giáo ở cơ sở. " * 8 + "</p></article>"
        "</body></html>"
    )
    assert read(page.encode(), "a.html").published == datetime.date(2023, 4, 3)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Thứ Ba, ngày 22 tháng 9 năm 2020"], datetime.date(2020, 9, 22)),
        (["17:51 22/11/2024"], datetime.date(2024, 11, 22)),
        (["Chuyên mục", "05-02-2024"], datetime.date(2024, 2, 5)),
        (["31/02/2024", "01/03/2024"], datetime.date(2024, 3, 1)),
        (["Hội nghị " * 20 + "12/07/2023"], None),
        (["Quý III/2024"], None),
    ],
)
def test_it_reads_datelines_day_first(lines, expected):
    assert visible_date(lines) == expected
