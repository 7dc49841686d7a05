"""A review report renders as DOCX, PDF and an Excel annex, in the Party document format.

The sample report is fictional: a Hà Nội department's six-month review of a (made-up) plan on
oral outreach. Figures arrive formatted, as the data side hands them over.
"""

import datetime
import io
import logging
import re
import shutil
import subprocess
import unicodedata
import zipfile

import docx
import openpyxl
import pytest
from fontTools.ttLib import TTFont

from tuyengiao.core.header import parse_header
from tuyengiao.core.readers import read_document
from tuyengiao.reports.charts import format_value, layout_chart, to_png, to_svg
from tuyengiao.reports.document import (
    AnnexColumn,
    AnnexSheet,
    Chart,
    Heading,
    Paragraph,
    ReviewReport,
    Run,
    Section,
    Series,
    Signature,
    Table,
    date_line,
    number_line,
    recipient_lines,
)
from tuyengiao.reports.docx import MOTTO_WIDTH, render_docx
from tuyengiao.reports.fonts import serif_fonts
from tuyengiao.reports.pdf import render_pdf
from tuyengiao.reports.xlsx import render_annex

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
UNITS = ["Quận Ba Đình", "Quận Hoàn Kiếm", "Quận Tây Hồ", "Huyện Sóc Sơn", "Huyện Ba Vì"]
SESSIONS_2024 = [412, 388, 265, 530, 347]
SESSIONS_2025 = [486, 402, 311, 604, 602]
ATTENDANCE = [28_450, 26_115, 19_870, 41_302, 31_583]
MEMBER_SHARE = [0.924, 0.881, 0.756, 0.81, 0.887]
TASKS_DONE = [4, 3, 3, 2, 4]
RESOLVED = [96.3, 91.8, 88.4, 79.5, 84.2]
# Written decomposed (NFD), as text pasted from some macOS editors arrives.
NFD_SENTENCE = unicodedata.normalize(
    "NFD",
    "Nhận thức của cán bộ, đảng viên và Nhân dân về vị trí, vai trò của công tác tuyên truyền "
    "miệng tiếp tục được nâng lên; kỷ cương, nề nếp sinh hoạt chi bộ được giữ vững.",
)
HEADINGS = [
    "I. KẾT QUẢ ĐẠT ĐƯỢC",
    "II. HẠN CHẾ, NGUYÊN NHÂN",
    "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2025",
    "IV. ĐỀ XUẤT, KIẾN NGHỊ",
]


def vn_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def vn_percent(x: float) -> str:
    return f"{x * 100:.1f}%".replace(".", ",")


def outreach_table() -> Table:
    rows = [
        [unit, vn_int(s), vn_int(a), vn_percent(m), f"{t}/4"]
        for unit, s, a, m, t in zip(UNITS, SESSIONS_2025, ATTENDANCE, MEMBER_SHARE, TASKS_DONE,
                                    strict=True)
    ]
    return Table(
        caption="Bảng 1. Kết quả tuyên truyền miệng 6 tháng đầu năm 2025 theo đơn vị",
        headers=["Đơn vị", "Số buổi", "Lượt người tham dự", "Tỷ lệ đảng viên tham gia",
                 "Nhiệm vụ hoàn thành"],
        rows=rows,
        align=["left", "right", "right", "right", "center"],
        total=["Tổng cộng", vn_int(sum(SESSIONS_2025)), vn_int(sum(ATTENDANCE)), "85,2%", "16/20"],
        note="Nguồn: báo cáo của các đảng bộ trực thuộc, số liệu đến ngày 30/6/2025.",
    )


def sample_report(*, number: int | None = 15) -> ReviewReport:
    results = Section(HEADINGS[0], [
        Heading("1. Công tác lãnh đạo, chỉ đạo, quán triệt"),
        Paragraph([
            "Ngay sau khi Ban Thường vụ Thành ủy ban hành Kế hoạch số 118-KH/TU, Ban Tuyên giáo và "
            "Dân vận Thành ủy đã tham mưu ban hành ", Run("03", bold=True), " văn bản chỉ đạo, "
            "hướng dẫn; tổ chức ", Run("02", bold=True), " hội nghị quán triệt cho ",
            Run("1.250", bold=True), " cán bộ chủ chốt. Đến nay ", Run("3/4", bold=True),
            " nhiệm vụ trọng tâm của Kế hoạch đã hoàn thành đúng tiến độ.",
        ]),
        Paragraph(NFD_SENTENCE),
        Heading("2. Công tác tuyên truyền miệng"),
        Paragraph([
            "Toàn Thành phố tổ chức ", Run("2.405", bold=True), " buổi tuyên truyền miệng, thu hút ",
            Run("147.320", bold=True), " lượt người tham dự, tăng ", Run("18,2%", bold=True),
            " so với cùng kỳ năm 2024; tỷ lệ đảng viên tham gia đạt ", Run("85,2%", bold=True),
            ". Nội dung tập trung vào việc sắp xếp tổ chức bộ máy, vận hành chính quyền địa "
            "phương hai cấp, phòng, chống lãng phí và hưởng ứng phong trào \u201cBình dân học "
            "vụ số\u201d.",
        ]),
        outreach_table(),
        Chart(
            title="Biểu đồ 1. Số buổi tuyên truyền miệng 6 tháng đầu năm 2024 và 2025",
            categories=UNITS,
            series=[Series("6 tháng đầu năm 2024", SESSIONS_2024),
                    ("6 tháng đầu năm 2025", SESSIONS_2025)],
            unit="buổi",
        ),
        Heading("3. Nắm bắt tâm tư, nguyện vọng của Nhân dân"),
        Paragraph([
            "Các cấp ủy tiếp nhận ", Run("1.873", bold=True), " ý kiến, kiến nghị của Nhân dân, "
            "đã chuyển và đôn đốc giải quyết ", Run("1.642", bold=True), " ý kiến (đạt ",
            Run("87,7%", bold=True), "); những vấn đề nổi cộm về đất đai, trật tự đô thị, vệ "
            "sinh môi trường được tổng hợp, báo cáo kịp thời với Thường trực Thành ủy.",
        ]),
        Chart(
            title="Biểu đồ 2. Tỷ lệ kiến nghị được giải quyết theo đơn vị",
            categories=UNITS,
            series=[("Tỷ lệ đã giải quyết", RESOLVED)],
            kind="barh",
            unit="%",
        ),
        Heading("4. Tuyên truyền trên báo chí và mạng xã hội"),
        Paragraph([
            "Các cơ quan báo chí của Thành phố đăng, phát ", Run("147,3 nghìn", bold=True),
            " tin, bài; các trang thông tin điện tử và nhóm Zalo của ", Run("579", bold=True),
            " chi bộ khu dân cư được duy trì thường xuyên, góp phần định hướng dư luận, đấu tranh "
            "phản bác các quan điểm sai trái, thù địch.",
        ]),
    ])
    shortcomings = Section(HEADINGS[1], [
        Heading("1. Hạn chế"),
        Paragraph("- Một số đảng bộ chưa bám sát Kế hoạch; việc tổ chức tuyên truyền miệng ở "
                  "một vài nơi còn hình thức, số lượng người tham dự thấp.", indent=True),
        Paragraph("- Việc nắm bắt, tổng hợp tình hình tư tưởng ở cơ sở có lúc chưa kịp thời; "
                  "chế độ báo cáo định kỳ của một số đơn vị chậm so với quy định."),
        Heading("2. Nguyên nhân"),
        Paragraph("Khối lượng công việc trong giai đoạn sắp xếp tổ chức bộ máy lớn; đội ngũ báo "
                  "cáo viên ở cơ sở có nhiều biến động; điều kiện bảo đảm cho hoạt động tuyên "
                  "truyền ở một số xã còn khó khăn."),
    ])
    tasks = Section(HEADINGS[2], [
        Paragraph("1. Tiếp tục quán triệt, tuyên truyền sâu rộng các nghị quyết, kết luận của "
                  "Trung ương và của Thành ủy; chuẩn bị tốt nội dung tuyên truyền Đại hội Đảng "
                  "bộ Thành phố lần thứ XVIII."),
        Paragraph("2. Kiện toàn đội ngũ báo cáo viên, tuyên truyền viên ở các đảng bộ xã, phường "
                  "mới; bồi dưỡng kỹ năng tuyên truyền trên không gian mạng."),
        Paragraph("3. Nâng cao chất lượng nắm bắt, phản ánh tâm tư, nguyện vọng của Nhân dân; "
                  "phấn đấu tỷ lệ kiến nghị được giải quyết đạt trên 90%."),
    ])
    proposals = Section(HEADINGS[3], [
        Paragraph("Đề nghị Ban Tuyên giáo và Dân vận Trung ương sớm ban hành hướng dẫn nghiệp vụ "
                  "công tác tuyên truyền miệng phù hợp với mô hình chính quyền địa phương hai "
                  "cấp; bổ sung tài liệu tuyên truyền bằng tiếng dân tộc thiểu số."),
    ])
    return ReviewReport(
        superior="Đảng bộ thành phố Hà Nội",
        issuer="Ban Tuyên giáo và Dân vận\nThành ủy",
        symbol="BC/BTGDVTU",
        number=number,
        place="Hà Nội",
        date=datetime.date(2025, 7, 15),
        summary="sơ kết 6 tháng đầu năm 2025 thực hiện Kế hoạch số 118-KH/TU\n"
                "về công tác tuyên truyền miệng",
        sections=[results, shortcomings, tasks, proposals],
        signature=Signature(authority="K/T TRƯỞNG BAN", title="PHÓ TRƯỞNG BAN",
                            name="Nguyễn Thị Minh Hằng"),
        recipients=["Thường trực Thành ủy (để b/c)",
                    "Ban Tuyên giáo và Dân vận Trung ương (để b/c)",
                    "Các đảng bộ trực thuộc Thành ủy", "Lưu Văn phòng"],
        annex=[
            AnnexSheet(
                "Tuyên truyền miệng",
                [AnnexColumn("Đơn vị", "text"), AnnexColumn("Số buổi 2024", "integer"),
                 AnnexColumn("Số buổi 2025", "integer"), AnnexColumn("Lượt người", "integer"),
                 AnnexColumn("Tỷ lệ đảng viên tham gia", "percent"),
                 AnnexColumn("Nhiệm vụ hoàn thành", "integer")],
                [[u, a, b, c, d, e] for u, a, b, c, d, e in zip(
                    UNITS, SESSIONS_2024, SESSIONS_2025, ATTENDANCE, MEMBER_SHARE, TASKS_DONE,
                    strict=True)],
            ),
            AnnexSheet(
                "Kiến nghị",
                ["Đơn vị", "Tỷ lệ đã giải quyết (%)", "Ngày chốt số liệu"],
                [[u, r, datetime.date(2025, 6, 30)] for u, r in zip(UNITS, RESOLVED, strict=True)],
            ),
        ],
    )


# --- Party-document conventions ---------------------------------------------------------------


@pytest.mark.parametrize(("number", "expected"), [
    (15, "Số 15-BC/BTGDVTU"),
    (5, "Số 05-BC/BTGDVTU"),
    (118, "Số 118-BC/BTGDVTU"),
    (None, "Số      -BC/BTGDVTU"),
])
def test_number_line_pads_numbers_under_ten(number, expected):
    assert number_line(number, "BC/BTGDVTU") == expected


@pytest.mark.parametrize(("date", "expected"), [
    (datetime.date(2025, 7, 15), "Hà Nội, ngày 15 tháng 7 năm 2025"),
    (datetime.date(2025, 7, 5), "Hà Nội, ngày 05 tháng 7 năm 2025"),
    (datetime.date(2025, 2, 3), "Hà Nội, ngày 03 tháng 02 năm 2025"),
    (datetime.date(2025, 1, 20), "Hà Nội, ngày 20 tháng 01 năm 2025"),
    (datetime.date(2025, 3, 1), "Hà Nội, ngày 01 tháng 3 năm 2025"),
    (datetime.date(2025, 12, 31), "Hà Nội, ngày 31 tháng 12 năm 2025"),
])
def test_date_line_pads_days_under_ten_and_the_first_two_months(date, expected):
    assert date_line("Hà Nội", date) == expected


def test_a_draft_leaves_the_number_and_the_day_blank():
    report = sample_report(number=None)
    assert report.is_draft
    assert report.number_line() == "Số      -BC/BTGDVTU"
    assert report.date_line() == "Hà Nội, ngày        tháng 7 năm 2025"


def test_recipient_lines_end_in_commas_and_a_full_stop():
    assert recipient_lines(["Thường trực Thành ủy (để b/c)", "Lưu Văn phòng."]) == [
        "- Thường trực Thành ủy (để b/c),", "- Lưu Văn phòng."]


def test_it_rejects_a_table_row_of_the_wrong_width():
    with pytest.raises(ValueError, match="2 cells"):
        Table(headers=["Đơn vị", "Số buổi", "Lượt người"], rows=[["Quận Ba Đình", "486"]])


def test_it_rejects_a_series_that_does_not_match_the_categories():
    with pytest.raises(ValueError, match="2 values"):
        Chart("Biểu đồ", ["A", "B", "C"], [("Số buổi", [1, 2])])


def test_it_rejects_an_excel_sheet_name_excel_would_refuse():
    with pytest.raises(ValueError, match="sheet name"):
        AnnexSheet("Kết quả 6/2025", ["Đơn vị"], [])


# --- Charts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    (0, "0"), (250, "250"), (1500, "1.500"), (1_234_567, "1.234.567"), (12.5, "12,5"),
    (2.25, "2,2"), (1234.56, "1.234,6"),
])
def test_chart_numbers_are_written_the_vietnamese_way(value, expected):
    assert format_value(value) == expected


def test_a_chart_has_the_same_labels_in_svg_and_png():
    chart = next(b for b in sample_report().sections[0].blocks if isinstance(b, Chart))
    drawing = layout_chart(chart)
    svg = to_svg(drawing)
    assert "Quận Hoàn Kiếm" in svg and "Đơn vị: buổi" in svg
    assert ">604<" in svg  # a bar's value
    png = to_png(drawing, scale=1.0)
    assert png.startswith(b"\x89PNG")


def test_the_chart_font_has_every_vietnamese_letter():
    letters = "".join(chr(c) for c in range(0x1EA0, 0x1EFA)) + "ĂăÂâĐđÊêÔôƠơƯư"
    for path in serif_fonts().files.values():
        cmap = TTFont(path).getBestCmap()
        missing = [ch for ch in letters if ord(ch) not in cmap]
        assert not missing, f"{path.name} lacks {''.join(missing)}"


def test_the_rule_under_the_motto_is_as_long_as_the_motto():
    from PIL import ImageFont

    if serif_fonts().family != "Liberation Serif":
        pytest.skip("Debian package fonts-liberation2 not installed (Times New Roman's metrics)")
    font = ImageFont.truetype(str(serif_fonts().files[True, False]), 150)  # 15 pt × 10
    width_mm = font.getlength("ĐẢNG CỘNG SẢN VIỆT NAM") / 10 / 72 * 25.4
    assert MOTTO_WIDTH.mm == pytest.approx(width_mm, abs=0.3)


# --- DOCX ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docx_bytes():
    return render_docx(sample_report())


@pytest.fixture(scope="module")
def document(docx_bytes):
    return docx.Document(io.BytesIO(docx_bytes))


def test_docx_header_holds_issuer_designation_motto_and_date(document):
    header = document.tables[0]
    left = [p.text for p in header.cell(0, 0).paragraphs]
    right = [p.text for p in header.cell(0, 1).paragraphs if p.text]
    assert left == ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "THÀNH ỦY", "*"]
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert header.cell(1, 0).text == "Số 15-BC/BTGDVTU"
    assert header.cell(1, 1).text == "Hà Nội, ngày 15 tháng 7 năm 2025"
    issuer_runs = header.cell(0, 0).paragraphs[1].runs
    assert issuer_runs[0].bold and not header.cell(0, 0).paragraphs[0].runs[0].bold
    assert header.cell(1, 1).paragraphs[0].runs[0].italic
    motto = header.cell(0, 1).paragraphs[0].runs[0]
    assert motto.bold and motto.font.size.pt == 15
    rule = header.cell(0, 1).paragraphs[1]._p
    assert rule.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None, "no rule under the motto"


def test_docx_has_title_summary_and_section_headings_in_order(document):
    texts = [p.text for p in document.paragraphs]
    title = document.paragraphs[texts.index("BÁO CÁO")]
    assert title.runs[0].bold and title.alignment == 1  # centred
    i = texts.index("BÁO CÁO")
    assert texts[i + 1: i + 4] == [
        "sơ kết 6 tháng đầu năm 2025 thực hiện Kế hoạch số 118-KH/TU",
        "về công tác tuyên truyền miệng",
        "-----",
    ]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == HEADINGS
    subheadings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert subheadings[:2] == ["1. Công tác lãnh đạo, chỉ đạo, quán triệt",
                               "2. Công tác tuyên truyền miệng"]


def test_docx_body_is_justified_with_a_first_line_indent_and_bold_figures(document):
    body = next(p for p in document.paragraphs if p.text.startswith("Toàn Thành phố"))
    assert body.style.name == "Body Text"
    assert body.style.paragraph_format.alignment == 3  # justified
    assert body.style.paragraph_format.first_line_indent.cm == pytest.approx(1.0, abs=0.01)
    assert [r.text for r in body.runs if r.bold] == ["2.405", "147.320", "18,2%", "85,2%"]


def test_docx_text_is_nfc(document):
    nfc = unicodedata.normalize("NFC", NFD_SENTENCE)
    assert nfc in [p.text for p in document.paragraphs]
    for p in document.paragraphs:
        assert unicodedata.is_normalized("NFC", p.text)


def test_docx_table_holds_the_figures_with_a_bold_header_and_totals(document):
    table = document.tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Đơn vị", "Số buổi", "Lượt người tham dự", "Tỷ lệ đảng viên tham gia",
                       "Nhiệm vụ hoàn thành"]
    assert rows[3] == ["Quận Tây Hồ", "311", "19.870", "75,6%", "3/4"]
    assert rows[-1] == ["Tổng cộng", "2.405", "147.320", "85,2%", "16/20"]
    assert table.style.name == "Table Grid"
    assert all(c.paragraphs[0].runs[0].bold for c in table.rows[0].cells)
    assert all(c.paragraphs[0].runs[0].bold for c in table.rows[-1].cells)
    assert not table.rows[1].cells[1].paragraphs[0].runs[0].bold
    assert table.rows[1].cells[1].paragraphs[0].alignment == 2  # figures to the right
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None


def test_docx_embeds_the_charts_as_png(document, docx_bytes):
    assert len(document.inline_shapes) == 2
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        images = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert len(images) == 2
        assert all(archive.read(n).startswith(b"\x89PNG") for n in images)


def test_docx_ends_with_recipients_and_signature(document):
    closing = document.tables[-1]
    left = [p.text for p in closing.cell(0, 0).paragraphs]
    right = [p.text for p in closing.cell(0, 1).paragraphs if p.text]
    assert left == ["Nơi nhận:", "- Thường trực Thành ủy (để b/c),",
                    "- Ban Tuyên giáo và Dân vận Trung ương (để b/c),",
                    "- Các đảng bộ trực thuộc Thành ủy,", "- Lưu Văn phòng."]
    assert closing.cell(0, 0).paragraphs[0].runs[0].underline
    assert closing.cell(0, 0).paragraphs[1].runs[0].font.size.pt == 12
    assert right == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Thị Minh Hằng"]
    assert all(p.runs[0].bold for p in closing.cell(0, 1).paragraphs if p.text)


def test_docx_declares_a4_margins_and_times_new_roman(docx_bytes):
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        document_xml = archive.read("word/document.xml").decode()
        styles_xml = archive.read("word/styles.xml").decode()
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in document_xml
    margins = re.search(r"<w:pgMar [^>]*/>", document_xml).group(0)
    # twentieths of a point: 20 mm = 1134, 30 mm = 1701, 15 mm = 850
    for side, twips in (("top", 1134), ("bottom", 1134), ("left", 1701), ("right", 850)):
        assert abs(int(re.search(rf'w:{side}="(\d+)"', margins).group(1)) - twips) <= 1, side
    assert "<w:titlePg/>" in document_xml  # no page number on the first page
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles_xml, re.S).group(0)
    assert 'w:ascii="Times New Roman"' in defaults and 'w:hAnsi="Times New Roman"' in defaults
    assert '<w:sz w:val="28"/>' in defaults and 'w:val="vi-VN"' in defaults
    assert "Theme" not in defaults
    assert "majorHAnsi" not in styles_xml.split('w:styleId="Heading1"')[1].split("</w:style>")[0]


def test_docx_numbers_pages_from_the_second(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    field = section.header.paragraphs[0]._p.find(f"{W}fldSimple")
    assert field is not None and "PAGE" in field.get(f"{W}instr")


def test_docx_header_is_read_back_by_our_own_ingest(docx_bytes):
    text = read_document(docx_bytes, filename="bao-cao.docx", max_bytes=20_000_000).text
    header = parse_header(text)
    assert header is not None and header.party
    assert header.designation_raw == "15-BC/BTGDVTU"
    assert header.date == datetime.date(2025, 7, 15) and header.place == "Hà Nội"
    assert header.type_word == "Báo cáo"
    assert header.summary == ("sơ kết 6 tháng đầu năm 2025 thực hiện Kế hoạch số 118-KH/TU về "
                              "công tác tuyên truyền miệng")


# --- PDF ----------------------------------------------------------------------------------------

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftoppm, pdffonts, pdftotext) is not installed",
)


@pytest.fixture(scope="module")
def pdf_run():
    return render_pdf_logging(sample_report())


@pytest.fixture(scope="module")
def pdf_file(pdf_run, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "bao-cao.pdf"
    path.write_bytes(pdf_run[0])
    return path


def render_pdf_logging(report):
    """The PDF and the warnings weasyprint logged while making it."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = records.append
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        pdf = render_pdf(report)
    finally:
        logger.removeHandler(handler)
    return pdf, [r.getMessage() for r in records]


def test_pdf_renders_with_no_missing_glyph_warning(pdf_run):
    pdf, messages = pdf_run
    assert pdf.startswith(b"%PDF-")
    assert not [m for m in messages if "glyph" in m]


def test_a_letter_no_font_has_is_reported():
    """The check above can fail: weasyprint names a glyph it could not find."""
    report = sample_report()
    report.sections = [Section("I. THỬ", [Paragraph("Ký tự riêng: \U0010FFFD")])]
    _, messages = render_pdf_logging(report)
    assert any("glyph" in m and "U+10FFFD" in m for m in messages)


@needs_poppler
def test_pdf_embeds_one_serif_family_that_has_vietnamese(pdf_file):
    out = subprocess.run(["pdffonts", str(pdf_file)], capture_output=True, text=True,
                         check=True).stdout
    fonts = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert fonts
    family = serif_fonts().family.replace(" ", "-")
    for fields in fonts:
        name, embedded = fields[0], fields[-5]
        assert embedded == "yes", f"{name} is not embedded"
        # One family; a second would be a fallback for letters the first lacks.
        assert name.split("+", 1)[-1].startswith(family), f"fallback font {name}"


@needs_poppler
def test_pdf_text_has_every_diacritic(pdf_file):
    out = subprocess.run(["pdftotext", "-layout", str(pdf_file), "-"], capture_output=True,
                         text=True, check=True).stdout
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", out))
    for expected in [
        "ĐẢNG CỘNG SẢN VIỆT NAM", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "THÀNH ỦY",
        "Số 15-BC/BTGDVTU", "Hà Nội, ngày 15 tháng 7 năm 2025", "BÁO CÁO",
        "sơ kết 6 tháng đầu năm 2025 thực hiện Kế hoạch số 118-KH/TU", *HEADINGS,
        "Quận Tây Hồ 311 19.870 75,6% 3/4", "Tổng cộng 2.405 147.320 85,2% 16/20",
        "kỷ cương, nề nếp sinh hoạt chi bộ được giữ vững",
        "Đơn vị: buổi", "Huyện Sóc Sơn", "Nơi nhận:", "- Lưu Văn phòng.",
        "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Thị Minh Hằng",
    ]:
        assert expected in text, expected


@needs_poppler
def test_pdf_pages_render_and_are_not_blank(pdf_file, tmp_path):
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf_file), str(tmp_path / "page")],
                   check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    from PIL import Image

    for page in pages:
        with Image.open(page) as image:
            gray = image.convert("L")
            width, height = gray.size
            assert abs(width - 413) <= 1 and abs(height - 585) <= 1  # A4 at 50 dpi
            dark = sum(gray.histogram()[:128])
            assert dark > 500, f"{page.name} looks blank"


# --- XLSX ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook():
    return openpyxl.load_workbook(io.BytesIO(render_annex(sample_report())))


def test_xlsx_has_a_sheet_per_annex_table_with_a_frozen_bold_header(workbook):
    assert workbook.sheetnames == ["Tuyên truyền miệng", "Kiến nghị"]
    ws = workbook["Tuyên truyền miệng"]
    assert [c.value for c in ws[1]] == ["Đơn vị", "Số buổi 2024", "Số buổi 2025", "Lượt người",
                                        "Tỷ lệ đảng viên tham gia", "Nhiệm vụ hoàn thành"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width >= len("Huyện Sóc Sơn")


def test_xlsx_keeps_raw_numbers_with_number_formats(workbook):
    ws = workbook["Tuyên truyền miệng"]
    row = [c for c in ws[4]]
    assert [c.value for c in row] == ["Quận Tây Hồ", 265, 311, 19_870, 0.756, 3]
    assert row[3].number_format == "#,##0"
    assert row[4].number_format == "0.0%"
    ws = workbook["Kiến nghị"]
    assert ws["B2"].value == 96.3 and ws["B2"].number_format == "#,##0.0"
    assert ws["C2"].value == datetime.datetime(2025, 6, 30)
    assert ws["C2"].number_format == "dd/mm/yyyy"


def test_it_refuses_an_annex_without_sheets():
    report = sample_report()
    report.annex = []
    with pytest.raises(ValueError, match="no annex"):
        render_annex(report)
