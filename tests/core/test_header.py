"""Official document or news article, and the parts of an official header."""

import datetime
import io
from pathlib import Path

import docx
import pytest

from tuyengiao.core.citations.dates import parse_date_text
from tuyengiao.core.doctypes import (
    TYPE_NAMES,
    TYPE_WORDS,
    abbrev_for_type_word,
    type_name,
    type_word_spellings,
)
from tuyengiao.core.header import OfficialHeader, issuer_name, parse_header
from tuyengiao.core.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "samples"
DEMO = Path(__file__).resolve().parents[2] / "src" / "tuyengiao" / "web" / "demo_data"


def read_fixture(filename: str) -> str:
    data = (FIXTURES / filename).read_bytes()
    return read_document(data, filename=filename, max_bytes=20_000_000).text


def parse(text: str) -> OfficialHeader:
    header = parse_header(text)
    assert header is not None, text[:300]
    return header


EXPECTED = {
    "city_plan": dict(
        issuer_lines=["ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG", "THÀNH ỦY"],
        issuer_name="Thành ủy Đà Nẵng",
        designation_raw="118-KH/TU",
        place="Đà Nẵng",
        date=datetime.date(2024, 6, 14),
        type_word="Kế hoạch",
        summary="thực hiện Chỉ thị số 30-CT/TW ngày 05/02/2024 của Ban Bí thư về công tác tuyên "
        "truyền miệng trong tình hình mới",
        party=True,
        body="Để triển khai Chỉ thị số 30-CT/TW",
    ),
    "ward_plan": dict(
        issuer_lines=["ĐẢNG BỘ PHƯỜNG NGỌC HÀ", "ĐẢNG ỦY PHƯỜNG"],
        issuer_name="Đảng ủy phường Ngọc Hà",
        designation_raw="09-KH/ĐU",
        place="Hà Nội",
        date=datetime.date(2025, 8, 22),
        type_word="Kế hoạch",
        summary="tổ chức các hoạt động tuyên truyền kỷ niệm 80 năm Ngày Quốc khánh nước Cộng hòa "
        "xã hội chủ nghĩa Việt Nam (02/9/1945 - 02/9/2025)",
        party=True,
        body="Thực hiện hướng dẫn của Ban Tuyên giáo",
    ),
    "state_cong_van": dict(
        issuer_lines=["ỦY BAN NHÂN DÂN", "QUẬN BA ĐÌNH"],
        issuer_name="Ủy ban nhân dân quận Ba Đình",
        designation_raw="1456/UBND-VHTT",
        place="Ba Đình",
        date=datetime.date(2024, 4, 3),
        type_word="Công văn",
        summary="tăng cường tuyên truyền phòng, chống sốt xuất huyết trên địa bàn quận",
        party=False,
        body="Kính gửi:",
    ),
    "central_directive": dict(
        issuer_lines=["BAN CHẤP HÀNH TRUNG ƯƠNG"],
        issuer_name="Ban Bí thư",
        designation_raw="47-CT/TW",
        place="Hà Nội",
        date=datetime.date(2025, 3, 18),
        type_word="Chỉ thị",
        summary="về tăng cường sự lãnh đạo của Đảng đối với công tác thông tin cơ sở trong giai "
        "đoạn mới",
        party=True,
        body="Thời gian qua, công tác thông tin cơ sở",
    ),
}
FORMATS = [
    (name, extension)
    for name in EXPECTED
    for extension in ("txt", "docx", "pdf")
    if (FIXTURES / f"{name}.{extension}").exists()
]


@pytest.mark.parametrize(("name", "extension"), FORMATS, ids=[f"{n}.{e}" for n, e in FORMATS])
def test_it_parses_the_header_of_each_fixture_document_in_each_format(name, extension):
    text = read_fixture(f"{name}.{extension}")
    header = parse(text)
    expected = dict(EXPECTED[name])
    body = expected.pop("body")
    for field, value in expected.items():
        assert getattr(header, field) == value, field
    assert text[header.body_start :].startswith(body)


def test_it_parses_legacy_encoded_documents_after_reading():
    assert parse(read_fixture("ward_plan.tcvn3.txt")).issuer_name == "Đảng ủy phường Ngọc Hà"
    assert parse(read_fixture("state_cong_van.vni.txt")).designation_raw == "1456/UBND-VHTT"


# --- layouts ---------------------------------------------------------------------------------

DEPARTMENT_GUIDE_INTERLEAVED = """\
THÀNH ỦY HÀ NỘI ĐẢNG CỘNG SẢN VIỆT NAM
BAN TUYÊN GIÁO VÀ DÂN VẬN
*
Số 07-HD/BTGDVTU Hà Nội, ngày 15 tháng 7 năm 2025
HƯỚNG DẪN
tuyên truyền kết quả sắp xếp tổ chức bộ máy của hệ thống chính trị
Thực hiện chỉ đạo của Ban Thường vụ Thành ủy, Ban hướng dẫn như sau."""

DISTRICT_PLAN_TABS = """\
THÀNH UỶ HÀ NỘI\t\tĐẢNG CỘNG SẢN VIỆT NAM
QUẬN UỶ BA ĐÌNH
*
Số: 215-KH/QU\t\tBa Đình, ngày 12 tháng 6 năm 2024
KẾ HOẠCH
triển khai thực hiện Kế hoạch số 241-KH/TU của Ban Thường vụ Thành uỷ
* * *
I. MỤC ĐÍCH, YÊU CẦU"""

PROVINCE_PLAN_SPACES = """\
   ĐẢNG BỘ TỈNH QUẢNG NINH              ĐẢNG CỘNG SẢN VIỆT NAM
          TỈNH ỦY
             *
     Số 88-KH/TU                  Hạ Long, ngày   tháng 7 năm 2024

                          KẾ HOẠCH
           tổ chức hội nghị báo cáo viên chuyên đề quý III
                            -----
Nội dung hội nghị tập trung vào tình hình thời sự trong tỉnh."""

STATE_DECISION_INTERLEAVED = """\
ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THÀNH PHỐ HẢI PHÒNG Độc lập - Tự do - Hạnh phúc
Số: 1234/QĐ-UBND Hải Phòng, ngày 05 tháng 02 năm 2024
QUYẾT ĐỊNH
Về việc thành lập Ban Chỉ đạo tuyên truyền chuyển đổi số
CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ
Căn cứ Luật Tổ chức chính quyền địa phương..."""

KH_INLINE_SUMMARY_HCM = """\
ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH
THÀNH ỦY
*
Số 12-KH/TU
ĐẢNG CỘNG SẢN VIỆT NAM
TP. Hồ Chí Minh, ngày 31 tháng 12 năm 2024
KẾ HOẠCH thực hiện chương trình chuyển đổi số trong công tác tuyên giáo
-----
Nội dung kế hoạch gồm ba phần."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            DEPARTMENT_GUIDE_INTERLEAVED,
            dict(
                issuer_lines=["THÀNH ỦY HÀ NỘI", "BAN TUYÊN GIÁO VÀ DÂN VẬN"],
                issuer_name="Ban Tuyên giáo và Dân vận Thành ủy Hà Nội",
                designation_raw="07-HD/BTGDVTU",
                date=datetime.date(2025, 7, 15),
                type_word="Hướng dẫn",
                summary="tuyên truyền kết quả sắp xếp tổ chức bộ máy của hệ thống chính trị",
                body="Thực hiện chỉ đạo",
            ),
        ),
        (
            DISTRICT_PLAN_TABS,
            dict(
                issuer_lines=["THÀNH UỶ HÀ NỘI", "QUẬN UỶ BA ĐÌNH"],
                issuer_name="Quận ủy Ba Đình",
                designation_raw="215-KH/QU",
                place="Ba Đình",
                date=datetime.date(2024, 6, 12),
                summary="triển khai thực hiện Kế hoạch số 241-KH/TU của Ban Thường vụ Thành uỷ",
                body="I. MỤC ĐÍCH",
            ),
        ),
        (
            PROVINCE_PLAN_SPACES,
            dict(
                issuer_lines=["ĐẢNG BỘ TỈNH QUẢNG NINH", "TỈNH ỦY"],
                issuer_name="Tỉnh ủy Quảng Ninh",
                designation_raw="88-KH/TU",
                place="Hạ Long",
                date=None,
                summary="tổ chức hội nghị báo cáo viên chuyên đề quý III",
                body="Nội dung hội nghị",
            ),
        ),
        (
            STATE_DECISION_INTERLEAVED,
            dict(
                issuer_lines=["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG"],
                issuer_name="Ủy ban nhân dân thành phố Hải Phòng",
                designation_raw="1234/QĐ-UBND",
                place="Hải Phòng",
                date=datetime.date(2024, 2, 5),
                type_word="Quyết định",
                summary="Về việc thành lập Ban Chỉ đạo tuyên truyền chuyển đổi số",
                party=False,
                body="CHỦ TỊCH ỦY BAN NHÂN DÂN",
            ),
        ),
        (
            KH_INLINE_SUMMARY_HCM,
            dict(
                issuer_name="Thành ủy Hồ Chí Minh",
                place="TP. Hồ Chí Minh",
                type_word="Kế hoạch",
                summary="thực hiện chương trình chuyển đổi số trong công tác tuyên giáo",
                body="Nội dung kế hoạch",
            ),
        ),
    ],
    ids=["pdf interleaved", "tabs and old tones", "spaced columns", "state decision", "inline"],
)
def test_it_parses_headers_flattened_in_odd_ways(text, expected):
    header = parse(text)
    expected = dict(expected)
    body = expected.pop("body")
    for field, value in expected.items():
        assert getattr(header, field) == value, field
    assert text[header.body_start :].startswith(body)


# --- State legal documents -------------------------------------------------------------------

GOVERNMENT_DECREE = """\
CHÍNH PHỦ
-------
Số: 45/2019/NĐ-CP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Hà Nội, ngày 21 tháng 6 năm 2019

NGHỊ ĐỊNH
Quy định xử phạt vi phạm hành chính trong lĩnh vực du lịch

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Chính phủ ban hành Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực du lịch."""

MINISTRY_CIRCULAR_TABS = """\
BỘ NỘI VỤ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
\tĐộc lập - Tự do - Hạnh phúc
Số: 01/2011/TT-BNV\tHà Nội, ngày 19 tháng 01 năm 2011
THÔNG TƯ
HƯỚNG DẪN THỂ THỨC VÀ KỸ THUẬT TRÌNH BÀY VĂN BẢN HÀNH CHÍNH
Căn cứ Nghị định số 48/2008/NĐ-CP ngày 17 tháng 4 năm 2008 của Chính phủ;"""

NATIONAL_ASSEMBLY_LAW = """\
QUỐC HỘI
--------
Luật số: 80/2015/QH13
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Hà Nội, ngày 22 tháng 6 năm 2015

LUẬT
BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT

Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"""

PROVINCE_DECISION = """\
ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN
-------
Số: 25/2024/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Nghệ An, ngày 15 tháng 7 năm 2024

QUYẾT ĐỊNH
Ban hành Quy chế phối hợp trong công tác thông tin đối ngoại trên địa bàn tỉnh Nghệ An
---------------
ỦY BAN NHÂN DÂN TỈNH NGHỆ AN
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"""

PRIME_MINISTER_DISPATCH = """\
THỦ TƯỚNG CHÍNH PHỦ
-------
Số: 1099/CĐ-TTg
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Hà Nội, ngày 19 tháng 10 năm 2024

CÔNG ĐIỆN
Về việc tập trung ứng phó bão số 6
----------------
THỦ TƯỚNG CHÍNH PHỦ điện:
- Bộ trưởng các Bộ: Quốc phòng, Công an;"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOVERNMENT_DECREE,
            dict(
                issuer_name="Chính phủ",
                designation_raw="45/2019/NĐ-CP",
                date=datetime.date(2019, 6, 21),
                type_word="Nghị định",
                summary="Quy định xử phạt vi phạm hành chính trong lĩnh vực du lịch",
                body="Căn cứ Luật Tổ chức Chính phủ",
            ),
        ),
        (
            MINISTRY_CIRCULAR_TABS,
            dict(
                issuer_name="Bộ Nội vụ",
                designation_raw="01/2011/TT-BNV",
                date=datetime.date(2011, 1, 19),
                type_word="Thông tư",
                summary="Hướng dẫn thể thức và kỹ thuật trình bày văn bản hành chính",
                body="Căn cứ Nghị định số 48/2008/NĐ-CP",
            ),
        ),
        (
            NATIONAL_ASSEMBLY_LAW,
            dict(
                issuer_name="Quốc hội",
                designation_raw="80/2015/QH13",
                date=datetime.date(2015, 6, 22),
                type_word="Luật",
                summary="Ban hành văn bản quy phạm pháp luật",
                body="Căn cứ Hiến pháp",
            ),
        ),
        (
            PROVINCE_DECISION,
            dict(
                issuer_name="Ủy ban nhân dân tỉnh Nghệ An",
                designation_raw="25/2024/QĐ-UBND",
                place="Nghệ An",
                type_word="Quyết định",
                summary="Ban hành Quy chế phối hợp trong công tác thông tin đối ngoại trên địa "
                "bàn tỉnh Nghệ An",
                body="ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nCăn cứ",
            ),
        ),
        (
            PRIME_MINISTER_DISPATCH,
            dict(
                issuer_name="Thủ tướng Chính phủ",
                designation_raw="1099/CĐ-TTg",
                type_word="Công điện",
                summary="Về việc tập trung ứng phó bão số 6",
                body="THỦ TƯỚNG CHÍNH PHỦ điện:",
            ),
        ),
    ],
    ids=["nghị định", "thông tư", "luật", "quyết định ubnd tỉnh", "công điện"],
)
def test_it_parses_state_legal_documents_as_official_documents(text, expected):
    header = parse(text)
    expected = dict(expected)
    body = expected.pop("body")
    assert header.party is False
    for field, value in expected.items():
        assert getattr(header, field) == value, field
    assert text[header.body_start :].startswith(body)


@pytest.mark.parametrize("name", sorted(type_word_spellings().values()))
def test_it_recognises_every_type_word_of_the_document_type_table(name):
    text = (
        "ỦY BAN NHÂN DÂN\nPHƯỜNG NGỌC HÀ\nSố: 12/XX-UBND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nNgọc Hà, ngày 02 tháng 3 năm 2024\n"
        f"{name.upper()}\nvề việc tổ chức tuyên truyền\nNội dung."
    )
    header = parse(text)
    assert header.type_word == name
    assert header.summary == "về việc tổ chức tuyên truyền"


def test_it_prefers_the_longest_type_word():
    text = GOVERNMENT_DECREE.replace("NGHỊ ĐỊNH", "THÔNG TƯ LIÊN TỊCH")
    assert parse(text).type_word == "Thông tư liên tịch"


def test_it_sentence_cases_a_subject_written_in_capitals_keeping_proper_names():
    text = NATIONAL_ASSEMBLY_LAW.replace(
        "BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT", "BẦU CỬ ĐẠI BIỂU QUỐC HỘI\nNƯỚC VIỆT NAM"
    )
    assert parse(text).summary == "Bầu cử đại biểu Quốc hội nước Việt Nam"


def test_it_does_not_take_the_bodys_first_sentence_for_a_capitalised_subject():
    text = (
        "ĐẢNG BỘ TỈNH NGHỆ AN\nTỈNH ỦY\nSố 15-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Vinh, ngày 02 tháng 3 năm 2024\nKẾ HOẠCH\n"
        "Thực hiện Chỉ thị số 30-CT/TW, Ban Thường vụ Tỉnh ủy ban hành kế hoạch như sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU"
    )
    header = parse(text)
    assert header.summary is None
    assert text[header.body_start :].startswith("Thực hiện Chỉ thị")


# --- the issue date as written ---------------------------------------------------------------


def test_it_keeps_the_written_date_when_the_date_is_not_on_the_calendar():
    header = parse(GOVERNMENT_DECREE.replace("ngày 21 tháng 6", "ngày 31 tháng 02"))
    assert header.date is None
    assert header.date_raw == "ngày 31 tháng 02 năm 2019"
    parsed = parse_date_text(header.date_raw)  # what rule V03 reads
    assert parsed is not None and not parsed.valid


def test_it_keeps_the_written_date_of_a_valid_date():
    assert parse(GOVERNMENT_DECREE).date_raw == "ngày 21 tháng 6 năm 2019"


def test_it_keeps_the_written_date_of_a_date_left_blank_for_signing():
    header = parse(PROVINCE_PLAN_SPACES)
    assert header.date is None
    assert header.date_raw == "ngày tháng 7 năm 2024"


# --- where the trích yếu ends ----------------------------------------------------------------


def test_it_ends_the_summary_at_the_blank_line_before_the_body_of_the_demo_directive():
    text = read_document(
        (DEMO / "01-chi-thi-47-ct-tw.txt").read_bytes(), filename="a.txt", max_bytes=10**7
    ).text
    header = parse(text)
    assert header.summary == "về tăng cường công tác thông tin cơ sở trong tình hình mới"
    assert text[header.body_start :].startswith("Những năm qua")


def _docx_text(paragraphs: list[str]) -> str:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return read_document(out.getvalue(), filename="a.docx", max_bytes=10**7).text


DOCX_HEADER = [
    "BAN CHẤP HÀNH TRUNG ƯƠNG", "*", "Số 47-CT/TW", "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Hà Nội, ngày 12 tháng 8 năm 2025", "", "CHỈ THỊ", "CỦA BAN BÍ THƯ",
]  # fmt: skip
LONG_BODY = (
    "Những năm qua, công tác thông tin cơ sở đã góp phần đưa chủ trương của Đảng đến với "
    "Nhân dân. Tuy nhiên, mạng lưới loa truyền thanh chưa được kiện toàn kịp thời."
)


def test_it_ends_the_summary_at_an_empty_docx_paragraph():
    summary = "về tăng cường công tác thông tin cơ sở trong tình hình mới"
    text = _docx_text([*DOCX_HEADER, summary, "", LONG_BODY])
    header = parse(text)
    assert header.summary == summary
    assert text[header.body_start :].startswith("Những năm qua")


def test_it_joins_a_summary_spanning_two_docx_paragraphs():
    first = "về tăng cường sự lãnh đạo của Đảng đối với công tác thông tin cơ sở"
    text = _docx_text([*DOCX_HEADER, first, "trong giai đoạn mới", "", LONG_BODY])
    assert parse(text).summary == f"{first} trong giai đoạn mới"


def test_it_keeps_a_long_lowercase_summary_written_on_one_line():
    summary = "về tăng cường công tác thông tin cơ sở " * 6
    text = "\n".join([*DOCX_HEADER, summary.strip(), "", LONG_BODY])
    assert parse(text).summary == summary.strip()


def test_it_does_not_run_the_summary_into_a_long_body_paragraph_without_a_blank_line():
    summary = "về tăng cường công tác thông tin cơ sở trong tình hình mới"
    text = "\n".join([*DOCX_HEADER, summary, LONG_BODY * 2])
    assert parse(text).summary == summary


# --- document types ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "system", "abbrev"),
    [
        ("KẾ HOẠCH", None, "KH"),
        ("Kế  hoạch", "party", "KH"),
        ("ke hoach", None, "KH"),
        ("NGHỊ ĐỊNH", "state", "NĐ"),
        ("Thông tư", "state", "TT"),
        ("THÔNG TƯ LIÊN TỊCH", None, "TTLT"),
        ("Thông tri", "party", "TT"),
        ("Quy định", "party", "QĐi"),
        ("Quy định", None, "QĐi"),
        ("Quy định", "state", "QyĐ"),
        ("QUI ĐỊNH", None, "QĐi"),
        ("LUẬT", "state", "LUAT"),
        ("Bộ luật", "state", "LUAT"),
        ("PHÁP LỆNH", None, "PL"),
        ("Công điện", None, "CĐ"),
        ("ĐỀ ÁN", None, "ĐA"),
        ("Quy chế", None, "QC"),
        ("TỜ TRÌNH", None, "TTr"),
        ("Chương trình", None, "CTr"),
        ("Công văn", None, "CV"),
        ("Bài viết", None, None),
        ("", None, None),
        (None, None, None),
    ],
)
def test_it_gives_the_abbreviation_of_a_type_word(word, system, abbrev):
    assert abbrev_for_type_word(word, system=system) == abbrev


def test_it_names_every_type_word_with_its_abbreviation_back():
    for word, abbrev in TYPE_WORDS.items():
        assert abbrev in TYPE_NAMES
        assert abbrev_for_type_word(word) == abbrev


def test_it_names_tt_a_thong_tri_on_party_documents_and_a_thong_tu_otherwise():
    assert type_name("TT") == "Thông tư"
    assert type_name("TT", system="state") == "Thông tư"
    assert type_name("TT", system="party") == "Thông tri"
    assert type_name("CT", system="party") == "Chỉ thị"
    assert type_name("XYZ") == type_name(None) == ""


# --- not official ----------------------------------------------------------------------------


def test_it_does_not_take_a_news_article_quoting_a_plan_for_the_plan():
    assert parse_header(read_fixture("news_article.txt")) is None


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch số 241-KH/TU ngày 30/5/2024 của Ban Thường vụ Thành ủy đã được triển khai.",
        "Hà Nội, ngày 30 tháng 5 năm 2024\nSố 241-KH/TU\nKẾ HOẠCH\nthực hiện chỉ thị",
        "ĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 30 tháng 5 năm 2024\nKẾ HOẠCH\nthực hiện chỉ thị",
        "Đảng Cộng sản Việt Nam\nSố 241-KH/TU\nHà Nội, ngày 30 tháng 5 năm 2024\nKẾ HOẠCH\nviệc",
        "ĐẢNG CỘNG SẢN VIỆT NAM\nSố 241-KH/TU\nHà Nội, ngày 30 tháng 5 năm 2024\nNội dung tin.",
        "ĐẢNG CỘNG SẢN VIỆT NAM\nTheo số 241-KH/TU\nHà Nội, ngày 30 tháng 5 năm 2024\nKẾ HOẠCH",
        "",
    ],
    ids=["quote", "no motto", "no number", "motto not in capitals", "no type line",
         "lowercase số", "empty"],
)  # fmt: skip
def test_it_returns_none_when_a_header_element_is_missing(text):
    assert parse_header(text) is None


def test_it_looks_for_the_header_only_in_the_first_forty_lines():
    text = "Tin tức\n" * 40 + (FIXTURES / "city_plan.txt").read_text(encoding="utf-8")
    assert parse_header(text) is None


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")) or [None], ids=str)
def test_it_takes_no_corpus_news_sample_for_an_official_document(path):
    if path is None:
        pytest.skip(f"corpus samples not found at {SAMPLES}")
    assert parse_header(path.read_text(encoding="utf-8")) is None


# --- issuer names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "THÀNH ỦY"], "Thành ủy Hà Nội"),
        (["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "THÀNH UỶ"], "Thành ủy Hà Nội"),
        (["ĐẢNG BỘ TỈNH BẮC NINH", "TỈNH ỦY"], "Tỉnh ủy Bắc Ninh"),
        (["ĐẢNG BỘ TỈNH ĐẮK LẮK", "TỈNH ỦY"], "Tỉnh ủy Đắk Lắk"),
        (["ĐẢNG BỘ QUẬN BA ĐÌNH", "QUẬN ỦY"], "Quận ủy Ba Đình"),
        (["THÀNH ỦY HÀ NỘI", "QUẬN ỦY BA ĐÌNH"], "Quận ủy Ba Đình"),
        (["TỈNH ỦY NGHỆ AN", "HUYỆN ỦY NAM ĐÀN"], "Huyện ủy Nam Đàn"),
        (["ĐẢNG BỘ THỊ XÃ SƠN TÂY", "THỊ ỦY"], "Thị ủy Sơn Tây"),
        (["ĐẢNG BỘ PHƯỜNG NGỌC HÀ", "ĐẢNG ỦY PHƯỜNG"], "Đảng ủy phường Ngọc Hà"),
        (["ĐẢNG BỘ XÃ ĐÔNG ANH", "ĐẢNG ỦY XÃ"], "Đảng ủy xã Đông Anh"),
        (["THÀNH ỦY HÀ NỘI", "ĐẢNG ỦY PHƯỜNG NGỌC HÀ"], "Đảng ủy phường Ngọc Hà"),
        (["THÀNH ỦY HÀ NỘI", "BAN TUYÊN GIÁO VÀ DÂN VẬN"],
         "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội"),
        (["THÀNH ỦY HÀ NỘI", "BAN TUYÊN GIÁO"], "Ban Tuyên giáo Thành ủy Hà Nội"),
        (["TỈNH ỦY BẮC NINH", "VĂN PHÒNG"], "Văn phòng Tỉnh ủy Bắc Ninh"),
        (["ĐẢNG BỘ TỈNH BẮC NINH", "BAN TUYÊN GIÁO TỈNH ỦY"], "Ban Tuyên giáo Tỉnh ủy Bắc Ninh"),
        (["BAN CHẤP HÀNH TRUNG ƯƠNG"], "Ban Chấp hành Trung ương"),
        (["BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TUYÊN GIÁO VÀ DÂN VẬN"],
         "Ban Tuyên giáo và Dân vận Trung ương"),
        (["ỦY BAN NHÂN DÂN", "QUẬN BA ĐÌNH"], "Ủy ban nhân dân quận Ba Đình"),
        (["UỶ BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"], "Ủy ban nhân dân thành phố Hà Nội"),
        (["ỦY BAN NHÂN DÂN PHƯỜNG 12"], "Ủy ban nhân dân phường 12"),
        (["ỦY BAN NHÂN DÂN QUẬN BA ĐÌNH", "PHÒNG VĂN HÓA VÀ THÔNG TIN"],
         "Phòng Văn hóa và Thông tin Ủy ban nhân dân quận Ba Đình"),
        (["THÀNH ỦY HÀ NỘI"], "Thành ủy Hà Nội"),
        (["ĐẢNG BỘ TỈNH LÀO CAI"], "Đảng bộ tỉnh Lào Cai"),
        (["CHÍNH PHỦ"], "Chính phủ"),
        (["THỦ TƯỚNG CHÍNH PHỦ"], "Thủ tướng Chính phủ"),
        (["QUỐC HỘI"], "Quốc hội"),
        (["ỦY BAN THƯỜNG VỤ QUỐC HỘI"], "Ủy ban Thường vụ Quốc hội"),
        (["VĂN PHÒNG CHÍNH PHỦ"], "Văn phòng Chính phủ"),
        (["BỘ NỘI VỤ"], "Bộ Nội vụ"),
        (["BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"], "Bộ Văn hóa, Thể thao và Du lịch"),
        ([], ""),
    ],
)  # fmt: skip
def test_it_names_the_issuing_body(lines, name):
    assert issuer_name(lines) == name


@pytest.mark.parametrize(
    ("of_body", "name"),
    [("BAN BÍ THƯ", "Ban Bí thư"), ("BỘ CHÍNH TRỊ", "Bộ Chính trị")],
)
def test_it_names_the_central_body_from_the_line_after_the_type(of_body, name):
    assert issuer_name(["BAN CHẤP HÀNH TRUNG ƯƠNG"], of_body) == name
