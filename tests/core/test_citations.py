"""Unit tests for tuyengiao.core.citations: designations, dates, short forms, traps."""

from __future__ import annotations

import datetime
import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuyengiao.core.citations import Citation, find_citations, parse_designation

D = datetime.date


def only(text: str, **kwargs) -> Citation:
    """The single citation in ``text``; fails when there are none or several."""
    found = find_citations(text, **kwargs)
    assert len(found) == 1, [c.raw for c in found]
    return found[0]


def designations(text: str, **kwargs) -> list[str | None]:
    return [c.designation for c in find_citations(text, **kwargs)]


def has_warning(c: Citation, prefix: str) -> bool:
    return any(w.split(":")[0].split("(")[0] == prefix.split(":")[0] for w in c.warnings)


# --- full designations ------------------------------------------------------------------

PARTY_FORMS = [
    ("Chỉ thị số 30-CT/TW của Ban Bí thư", "30-CT/TW", "CT", "TW"),
    ("Chỉ thị số 30–CT/TW về công tác tuyên truyền", "30-CT/TW", "CT", "TW"),
    ("Chỉ thị 05- CT/TW của Bộ Chính trị", "05-CT/TW", "CT", "TW"),
    ("theo Nghị quyết số 57 - NQ/TW của Bộ Chính trị", "57-NQ/TW", "NQ", "TW"),
    ("Nghị quyết số 57-NQ/TƯ về chuyển đổi số", "57-NQ/TW", "NQ", "TW"),
    ("Hướng dẫn 05-HD/BTGTƯ của Ban Tuyên giáo", "05-HD/BTGTW", "HD", "BTGTW"),
    ("Kế hoạch số 87-KH/DU của Đảng ủy xã", "87-KH/ĐU", "KH", "ĐU"),
    ("Quy dinh so 08-QDi/TW cua Ban Chap hanh", "08-QĐi/TW", "QĐi", "TW"),
    ("Nghi quyet 57-nq/tw cua Bo Chinh tri", "57-NQ/TW", "NQ", "TW"),
    ("Chương trình số 04-CTr/TU của Thành ủy", "04-CTr/TU", "CTr", "TU"),
    ("Tờ trình số 45-TTr/TU của Ban Tổ chức", "45-TTr/TU", "TTr", "TU"),
    ("Quyết định số 439 – QĐNS/TW của Ban Bí thư", "439-QĐNS/TW", "QĐNS", "TW"),
    ("Kế hoạch số 12-KH/TxU của Thị ủy", "12-KH/TxU", "KH", "TxU"),
    ("Hướng dẫn số 23-HD/BTGDVTW về tuyên truyền", "23-HD/BTGDVTW", "HD", "BTGDVTW"),
]


@pytest.mark.parametrize(("text", "designation", "type_", "issuer"), PARTY_FORMS)
def test_it_reads_party_designations_however_they_are_typed(text, designation, type_, issuer):
    c = only(text)
    assert (c.kind, c.designation, c.type, c.issuer, c.system) == (
        "numbered", designation, type_, issuer, "party"
    )


STATE_FORMS = [
    ("Nghị định số 30/2020/NĐ-CP về công tác văn thư", "30/2020/NĐ-CP", "NĐ", "CP", 2020),
    ("Nghị định số 110/2013/NĐ – CP của Chính phủ", "110/2013/NĐ-CP", "NĐ", "CP", 2013),
    ("Quyết định số 123/QĐ-UBND của UBND quận", "123/QĐ-UBND", "QĐ", "UBND", None),
    ("Quyết định số 1234/QD-UBND của UBND huyện", "1234/QĐ-UBND", "QĐ", "UBND", None),
    ("Quyết định số 18/2020/QĐ-TTg của Thủ tướng", "18/2020/QĐ-TTg", "QĐ", "TTg", 2020),
    ("(kèm theo Quyết định số: 1206 /QĐ-HVTC)", "1206/QĐ-HVTC", "QĐ", "HVTC", None),
    ("Thông tư liên tịch số 55/2005/TTLT-BNV-VPCP", "55/2005/TTLT-BNV-VPCP", "TTLT", "BNV", 2005),
    ("Luật Doanh nghiệp số 59/2020/QH14 quy định", "59/2020/QH14", "LUAT", "QH", 2020),
    ("Nghị quyết số 1670/NQ-UBTVQH15 của Ủy ban", "1670/NQ-UBTVQH15", "NQ", "UBTVQH", None),
    ("Công văn số 1234/UBND-VX ngày 02/8/2024", "1234/UBND-VX", "CV", "UBND", None),
    ("Nghị quyết 19-2017/NQ-CP của Chính phủ", "19/2017/NQ-CP", "NQ", "CP", 2017),
    ("Quyết định 89/2016/QĐ - UBND về học phí", "89/2016/QĐ-UBND", "QĐ", "UBND", 2016),
    ("Văn bản hợp nhất số 34/VBHN-BNNMT", "34/VBHN-BNNMT", "VBHN", "BNNMT", None),
    ("Báo cáo số 05/BC-BCA-C81 của Bộ Công an", "05/BC-BCA-C81", "BC", "BCA", None),
]


@pytest.mark.parametrize(("text", "designation", "type_", "issuer", "year"), STATE_FORMS)
def test_it_reads_state_designations(text, designation, type_, issuer, year):
    c = only(text)
    assert (c.designation, c.type, c.issuer, c.year, c.system) == (
        designation, type_, issuer, year, "state"
    )


def test_it_reads_the_full_example_sentence():
    c = only(
        "Quận ủy đã quán triệt Chỉ thị số 30-CT/TW ngày 05/02/2024 của Ban Bí thư Trung ương "
        "Đảng khóa XIII về công tác tuyên truyền miệng."
    )
    assert c.raw == (
        "Chỉ thị số 30-CT/TW ngày 05/02/2024 của Ban Bí thư Trung ương Đảng khóa XIII"
    )
    assert (c.number, c.number_raw, c.type_word, c.term) == (30, "30", "CT", 13)
    assert (c.date, c.date_source, c.issuer_text) == (D(2024, 2, 5), "following", "Ban Bí thư")


def test_it_turns_a_party_symbol_written_in_state_style_into_party_style():
    c = only("Quyết định số 181/QĐ-TW của Bộ Chính trị")
    assert c.designation == "181-QĐ/TW"
    assert has_warning(c, "V05")


def test_it_keeps_the_law_title_between_the_type_word_and_the_number():
    c = only("Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 có hiệu lực")
    assert (c.title, c.legislature, c.type) == ("Ban hành văn bản quy phạm pháp luật", 15, "LUAT")
    assert c.raw.startswith("Luật Ban hành")


def test_it_expands_an_elided_list_of_numbers():
    found = find_citations("các Nghị quyết số 18, 19-NQ/TW của Ban Chấp hành Trung ương")
    assert [c.designation for c in found] == ["18-NQ/TW", "19-NQ/TW"]
    assert "elided_symbol" in found[0].warnings


def test_it_reports_a_type_word_that_disagrees_with_the_abbreviation():
    c = only("Chỉ thị số 30-KH/TW của Ban Bí thư")
    assert (c.type, c.type_word) == ("KH", "CT")
    assert "V04:type_word_abbrev_mismatch(Chỉ thị vs KH)" in c.warnings


def test_it_reads_quy_dinh_numbered_qd_as_a_regulation_not_a_mismatch():
    c = only("Căn cứ Quy định 66-QĐ/TW ngày 6/2/2017 của Ban Bí thư;")
    assert (c.type, c.type_word, c.date) == ("QĐ", "QĐi", D(2017, 2, 6))
    assert not has_warning(c, "V04")


def test_it_flags_a_legal_state_number_without_its_year():
    assert has_warning(only("Nghị định số 30/NĐ-CP về văn thư"), "V08")


def test_it_flags_a_symbol_year_that_differs_from_the_date():
    c = only("Nghị định 30/2020/NĐ-CP ngày 05/3/2019")
    assert "V02:symbol_year_vs_date_year(2020≠2019)" in c.warnings


def test_it_flags_a_district_symbol_dated_after_districts_were_abolished():
    c = only("Kế hoạch số 15-KH/HU ngày 20/8/2025 của Ban Thường vụ Huyện ủy")
    assert has_warning(c, "V06")


# --- dates ------------------------------------------------------------------------------

DATE_FORMS = [
    ("Chỉ thị số 30-CT/TW ngày 05/02/2024", D(2024, 2, 5)),
    ("Chỉ thị số 30-CT/TW ngày 5-2-2024", D(2024, 2, 5)),
    ("Chỉ thị số 30-CT/TW ngày 05.02.2024", D(2024, 2, 5)),
    ("Chỉ thị số 30-CT/TW ngày 5 tháng 2 năm 2024", D(2024, 2, 5)),
    ("Hướng dẫn số 36-HD/VPTW ngày 03 tháng 4 năm 2018", D(2018, 4, 3)),
    ("Kế hoạch số 241-KH/TU (ngày 30/5/2024)", D(2024, 5, 30)),
    ("Chỉ thị số 05-CT/TW, ngày 15-5-2016 của Bộ Chính trị", D(2016, 5, 15)),
    ("Nghị quyết số 35-NQ/TW ngày 22/10/18", D(2018, 10, 22)),
    ("Chỉ thị số 25/CT-TTg (ngày 31-8-2016) về nhiệm vụ", D(2016, 8, 31)),
    ("Quyết định số 930/QĐ-TTg, 30/6/2009 của Thủ tướng", D(2009, 6, 30)),
    ("Chỉ thị 05-CT/TW của Bộ Chính trị ngày 15/5/2016", D(2016, 5, 15)),
    ("Nghị định số 19 của Chính phủ ban hành ngày 22/3/2016", D(2016, 3, 22)),
]


@pytest.mark.parametrize(("text", "expected"), DATE_FORMS)
def test_it_reads_issue_dates_in_every_written_form(text, expected):
    assert only(text).date == expected


def test_it_takes_the_year_of_a_day_and_month_from_the_reference_date():
    c = only("Kế hoạch số 23/KH-UBND ngày 6/2 của UBND thành phố",
             reference_date=D(2017, 2, 10))
    assert c.date == D(2017, 2, 6)


def test_it_takes_last_year_for_a_day_and_month_later_than_the_reference_date():
    c = only("Công điện số 05/CĐ-TTg ngày 28/12 của Thủ tướng", reference_date=D(2024, 1, 3))
    assert c.date == D(2023, 12, 28)


def test_it_leaves_a_day_and_month_undated_without_a_reference_date():
    assert only("Kế hoạch số 23/KH-UBND ngày 6/2").date is None


def test_it_rejects_an_impossible_calendar_date():
    c = only("Chỉ thị số 30-CT/TW ngày 31/02/2024 của Ban Bí thư")
    assert (c.date, c.date_raw) == (None, "31/02/2024")
    assert "V03:invalid_calendar_date" in c.warnings


def test_it_does_not_take_an_effective_date_as_the_issue_date():
    c = only("Thông tư 332/2016/TT-BTC có hiệu lực từ ngày 10/2/2017.")
    assert c.date is None


def test_it_takes_a_date_stated_earlier_in_the_clause():
    text = (
        "Thực hiện Chỉ thị số 30-CT/TW ngày 05/02/2024 của Ban Bí thư; ngày 10/6/2023, Quận ủy "
        "Ba Đình đã ban hành Kế hoạch số 229-KH/QU triển khai thực hiện Chỉ thị số 30-CT/TW"
    )
    plan = find_citations(text)[1]
    assert (plan.designation, plan.date, plan.date_source) == (
        "229-KH/QU", D(2023, 6, 10), "preceding_clause"
    )
    assert plan.issuer_text == "Quận ủy Ba Đình"


def test_it_does_not_take_an_earlier_date_when_the_clause_has_two_dates():
    text = "Từ ngày 1/3/2024 đến ngày 5/3/2024, Tỉnh ủy ban hành Kế hoạch số 12-KH/TU."
    assert only(text).date is None


def test_it_shares_a_date_across_coordinated_references():
    found = find_citations(
        "Nghị quyết số 18-NQ/TW và Nghị quyết số 19-NQ/TW ngày 25/10/2017 của Hội nghị "
        "Trung ương 6 khóa XII"
    )
    assert [(c.designation, c.date, c.date_source) for c in found] == [
        ("18-NQ/TW", D(2017, 10, 25), "shared"),
        ("19-NQ/TW", D(2017, 10, 25), "following"),
    ]
    assert (found[1].plenum, found[1].term) == (6, 12)


def test_it_does_not_share_a_date_between_different_document_types():
    found = find_citations("Chỉ thị số 05-CT/TW và Kết luận số 01-KL/TW ngày 18/5/2021")
    assert found[0].date is None


# --- issuing bodies and terms -----------------------------------------------------------

ISSUER_TEXTS = [
    ("Kế hoạch số 241-KH/TU ngày 30/5/2024 của Ban Thường vụ Thành ủy Hà Nội về",
     "Ban Thường vụ Thành ủy Hà Nội"),
    ("Quyết định số 123/QĐ-UBND ngày 15/01/2024 của UBND quận Ba Đình về",
     "UBND quận Ba Đình"),
    ("Nghị quyết số 57-NQ/TW của Bộ Chính trị về", "Bộ Chính trị"),
    ("Thông tư số 23/2025/TT-BNNMT của Bộ Nông nghiệp và Môi trường về",
     "Bộ Nông nghiệp và Môi trường"),
    ("Hướng dẫn số 36-HD/VPTW của Văn phòng Trung ương Đảng", "Văn phòng Trung ương Đảng"),
    ("Bộ Chính trị ban hành Quyết định số 321-QĐ/TW thành lập", "Bộ Chính trị"),
]


@pytest.mark.parametrize(("text", "expected"), ISSUER_TEXTS)
def test_it_names_the_issuing_body_given_in_the_text(text, expected):
    assert only(text).issuer_text == expected


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Chỉ thị số 30-CT/TW ngày 18/2/1998 của Bộ Chính trị (khóa VIII) về", 8),
        ("Chương trình số 04-CTr/TU của Thành ủy Hà Nội khoá XVI", 16),
        ("Nghị quyết số 39-NQ/TW của Bộ Chính trị khóa XI", 11),
    ],
)
def test_it_reads_the_party_term(text, term):
    assert only(text).term == term


# --- short forms, congresses, plenums ---------------------------------------------------

SHORT_FORMS = [
    ("Nghị quyết 57 đã tạo xung lực mới.", "short_form", "NQ", 57, None),
    ("Chỉ thị 30 được triển khai sâu rộng.", "short_form", "CT", 30, None),
    ("Tập trung vào chương trình 04, việc xây dựng người Hà Nội.", "short_form", "CTr", 4, None),
    ("NĐ 30 là văn bản nền tảng", "short_form", "NĐ", 30, None),
    ("theo Nghị định 109 của Chính phủ", "short_form", "NĐ", 109, None),
    ("Nghị định 83/2009 về quản lý", "partial", "NĐ", 83, 2009),
    ("Nghị định 71 năm 2010 của Chính phủ", "partial", "NĐ", 71, 2010),
    ("Quyết định số 19 ngày 18-3-2015 của Cơ quan điều tra", "short_form", "QĐ", 19, None),
    ("Kết luận 14", "short_form", "KL", 14, None),
]


@pytest.mark.parametrize(("text", "kind", "type_", "number", "year"), SHORT_FORMS)
def test_it_reads_short_forms_of_a_reference(text, kind, type_, number, year):
    c = only(text)
    assert (c.kind, c.type, c.number, c.year) == (kind, type_, number, year)


def test_it_completes_a_decree_number_and_year_with_the_government_as_issuer():
    c = only("Nghị định 30/2020 quy định về công tác văn thư")
    assert (c.kind, c.designation, c.issuer) == ("partial", "30/2020/NĐ-CP", "CP")
    assert "issuer_inferred_from_type" in c.warnings


def test_it_leaves_a_bare_short_form_without_designation():
    c = only("Chỉ thị 30 được triển khai.")
    assert c.designation is None
    assert "short_form_unresolved" in c.warnings


CONGRESSES = [
    ("thực hiện Nghị quyết Đại hội XIII của Đảng", 13, "national"),
    ("quán triệt Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII", 13, "national"),
    ("cụ thể hóa Nghị quyết Đại hội 12 của Đảng", 12, "national"),
    ("Nghị quyết Đại hội Đảng bộ thành phố lần thứ XVII", 17, "provincial"),
    ("thực hiện Nghị quyết Đại hội 16 của thành phố", 16, "unknown"),
]


@pytest.mark.parametrize(("text", "congress", "level"), CONGRESSES)
def test_it_reads_congress_resolutions(text, congress, level):
    c = only(text)
    assert (c.kind, c.congress, c.level, c.designation) == (
        "congress_resolution", congress, level, None
    )


PLENUMS = [
    ("Thực hiện Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng", "plenum_resolution", 4, 12),
    ("tại Hội nghị Trung ương 4 khóa XII, Đảng đã chỉ rõ", "plenum", 4, 12),
    ("Tại Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng (khóa XII), Đảng ta", "plenum", 8, 12),
    ("Nghị quyết Hội nghị Trung ương 5, khóa XII về kinh tế", "plenum_resolution", 5, 12),
    ("Hội nghị lần thứ 5, Ban chấp hành trung ương Đảng, khóa XII đã", "plenum", 5, 12),
]


@pytest.mark.parametrize(("text", "kind", "plenum", "term"), PLENUMS)
def test_it_reads_plenums_and_plenum_resolutions(text, kind, plenum, term):
    c = only(text)
    assert (c.kind, c.plenum, c.term) == (kind, plenum, term)


# --- traps ------------------------------------------------------------------------------

TRAPS = [
    "Ban Tuyên giáo Thành ủy cũng đã phối hợp với Ban Chỉ đạo 35 các cấp.",
    "ngành Tuyên giáo đã thực hiện được 3/4 đầu việc; từ ngày 27/4 đến nay",
    "Nghị quyết Đại hội Đảng bộ thành phố và 10 Chương trình công tác của Thành ủy",
    "sơ kết, tổng kết 11 nghị quyết, chỉ thị, kết luận của Trung ương và Thành ủy",
    "Mọi thắc mắc xin gọi 0912 345 678 hoặc 024.3825.1234.",
    "Công trình phải đáp ứng QCVN 01:2021/BXD về quy hoạch xây dựng.",
    "Theo khoản 2 Điều 10 và điểm a khoản 1 Điều 5 của Luật, người lao động được nghỉ.",
    "Nghị định thư giữa hai nước được ký kết năm 2019.",
    "Quyết định 30 giây của trọng tài khiến trận đấu đổi chiều.",
    "Thứ tư, 12/07/2023 - 22:40 (Thanh tra) - Ngày 12/7, Trưởng ban chủ trì hội nghị.",
    "Đội nhà thắng 2-1 sau khi dịch COVID-19 lắng xuống.",
    "Chứng nhận ISO 9001:2015 và ISO/IEC 27001 được trao cho đơn vị.",
    "Máy bay Su-30 và F-16 bay qua lúc 14h30.",
    "Xe biển kiểm soát 29C-123.45 va chạm với xe 30F-678.90.",
    "kế hoạch 5 năm 2021-2025 và chương trình 2030 của tỉnh",
    "theo quy định 786 triệu đồng, kết luận 07 cuộc thanh tra",
    "Nghị quyết Đại hội đồng cổ đông năm 2024 thông qua 5 tờ trình.",
    "Đề án 2 phương án sắp xếp; quy định 12h phải nộp báo cáo.",
]


@pytest.mark.parametrize("text", TRAPS)
def test_it_finds_nothing_in_text_that_only_looks_like_a_reference(text):
    assert find_citations(text) == []


# --- contract details -------------------------------------------------------------------


def test_it_returns_citations_sorted_with_raw_matching_the_offsets():
    text = "Căn cứ Luật số 64/2025/QH15, Nghị định số 78/2025/NĐ-CP và Chỉ thị 30-CT/TW."
    found = find_citations(text)
    assert [c.start for c in found] == sorted(c.start for c in found)
    assert all(text[c.start:c.end] == c.raw for c in found)
    assert [c.designation for c in found] == ["64/2025/QH15", "78/2025/NĐ-CP", "30-CT/TW"]


def test_it_keeps_offsets_into_a_decomposed_input():
    text = unicodedata.normalize("NFD", "Thực hiện Chỉ thị số 30-CT/TW ngày 05/02/2024 về")
    c = only(text)
    assert c.designation == "30-CT/TW"
    assert text[c.start:c.end] == c.raw
    assert unicodedata.normalize("NFC", c.raw) == "Chỉ thị số 30-CT/TW ngày 05/02/2024"


def test_it_serialises_every_field_to_json():
    data = only("Chỉ thị số 30-CT/TW ngày 05/02/2024 của Ban Bí thư").to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False))["date"] == "2024-02-05"
    assert set(data) >= {
        "kind", "raw", "start", "end", "designation", "type", "type_word", "number",
        "number_raw", "year", "issuer", "issuer_raw", "system", "date", "date_raw",
        "date_source", "issuer_text", "term", "plenum", "congress", "level", "legislature",
        "title", "warnings",
    }


def test_it_returns_nothing_for_empty_text():
    assert find_citations("") == []


@pytest.mark.parametrize(
    ("header", "designation"),
    [
        ("Số: 241-KH/TU", "241-KH/TU"),
        ("Số 127-QĐ/TW", "127-QĐ/TW"),
        ("30/2020/NĐ-CP", "30/2020/NĐ-CP"),
        ("Số: 1206 /QĐ-HVTC", "1206/QĐ-HVTC"),
        ("1234/UBND-VX", "1234/UBND-VX"),
        ("59/2020/QH14", "59/2020/QH14"),
        ("Số: 57/NQ-TW", "57-NQ/TW"),
    ],
)
def test_it_parses_a_bare_designation_from_a_header(header, designation):
    c = parse_designation(header)
    assert c is not None and c.designation == designation


def test_it_returns_none_for_a_header_without_a_designation():
    assert parse_designation("Hà Nội, ngày 5 tháng 2 năm 2024") is None


# --- properties -------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("0123456789 -/–.,:;()“”")
    + list("NQCTĐKHUWƯnqctđkhuwưsố")
    + ["số ", "ngày ", "Nghị quyết ", "Chỉ thị ", "Đại hội ", "Hội nghị ", "Trung ương ",
       "khóa ", "XIII", "/TW", "-CT", "/NĐ-CP", "lần thứ ", "tháng ", "năm ", "của Bộ Chính trị"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_it_never_raises_and_spans_match_raw_on_arbitrary_text(text):
    for c in find_citations(text, reference_date=D(2024, 6, 1)):
        assert text[c.start:c.end] == c.raw
        assert 0 <= c.start < c.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_it_never_raises_on_any_unicode_text(text):
    for c in find_citations(text):
        assert text[c.start:c.end] == c.raw


_PARTY_TYPES = ["NQ", "CT", "KL", "QĐ", "QĐi", "KH", "CTr", "HD", "TB", "BC", "TTr", "CV"]
_PARTY_ISSUERS = ["TW", "TU", "HU", "QU", "ĐU", "BTGTW", "VPTW", "BTGDVTU", "TxU"]
_STATE_TYPES = ["NĐ", "QĐ", "TT", "NQ", "CT"]
_STATE_ISSUERS = ["CP", "TTg", "UBND", "HĐND", "BTC", "BNV", "BGDĐT"]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 2999).map(lambda n: f"{n:02d}"),
    st.sampled_from(_PARTY_TYPES),
    st.sampled_from(_PARTY_ISSUERS),
)
def test_a_canonical_party_designation_round_trips(number, type_, issuer):
    designation = f"{number}-{type_}/{issuer}"
    c = parse_designation(designation)
    assert c is not None and c.designation == designation
    assert only(f"Theo văn bản số {designation} của cấp ủy.").designation == designation


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 2999).map(lambda n: f"{n:02d}"),
    st.one_of(st.none(), st.integers(1990, 2030)),
    st.sampled_from(_STATE_TYPES),
    st.sampled_from(_STATE_ISSUERS),
)
def test_a_canonical_state_designation_round_trips(number, year, type_, issuer):
    designation = f"{number}/{year}/{type_}-{issuer}" if year else f"{number}/{type_}-{issuer}"
    c = parse_designation(designation)
    assert c is not None and c.designation == designation


# --- forms found by auditing real news (sentences written for these tests) -----------------

NEWS_SHORT_FORMS = [
    # a word after the number that starts a compound, not a unit ("điều động", "đồng ý")
    ("Thủ tướng đã ký quyết định 812 điều động ông Lê Văn Tâm về Bộ Tư pháp.", "QĐ", 812),
    ("UBND huyện ban hành Quyết định số 3310 đồng ý cho công ty thuê đất.", "QĐ", 3310),
    ("Sau đó, UBND thành phố ra Quyết định 2176 bàn giao mặt bằng cho chủ đầu tư.", "QĐ", 2176),
    ("Tiếp đó, UBND tỉnh ra quyết định số 14 điều chỉnh giờ hạn chế xe tải.", "QĐ", 14),
    # "mới", "cũ", "trước đây" after a capitalised strong type word
    ("Mức phạt này cao hơn nhiều so với Nghị định 158 cũ.", "NĐ", 158),
    ("Bộ đề xuất sửa đổi Thông tư 22 trước đây về đánh giá học sinh.", "TT", 22),
    ("Doanh nghiệp chế biến than phiền Nghị định 51 mới ban hành có hiệu lực quá gấp.", "NĐ", 51),
    # a comma glued to the next word
    ("Cơ quan này viện dẫn Chỉ thị số 17,Công điện số 4 của Thủ tướng.", "CT", 17),
    # "văn bản (số) N" is a công văn
    ("Ngày 9/3, Sở Y tế có văn bản số 2765 gửi các bệnh viện tuyến huyện.", "CV", 2765),
    ("Bộ thực hiện chỉ đạo tại văn bản 4420 ngày 3/8/2018 của Văn phòng Chính phủ.", "CV", 4420),
    # a letter after the number
    ("Các xã thuộc huyện nghèo theo Nghị quyết 30a của Chính phủ được hỗ trợ.", "NQ", 30),
]


@pytest.mark.parametrize(("text", "type_", "number"), NEWS_SHORT_FORMS)
def test_it_reads_short_forms_written_in_real_news(text, type_, number):
    found = [c for c in find_citations(text) if c.type == type_ and c.number == number]
    assert len(found) == 1, [(c.raw, c.type, c.number) for c in find_citations(text)]
    assert found[0].designation is None


NEWS_DESIGNATIONS = [
    ("Bộ đang sửa Nghị quyết số 36a/NQ-CP về Chính phủ điện tử.", "36a/NQ-CP", "NQ", 36, None),
    ("Nghị định số 43-CP ngày 16/7/1996 của Chính phủ về quy chế đấu thầu", "43-CP", "NĐ", 43,
     None),
    ("theo Thông tư liên tịch số 07/2016/TTLT-BCA-BQP-BTP-BTC-VKSNDTC-TANDTC về phối hợp",
     "07/2016/TTLT-BCA-BQP-BTP-BTC-VKSNDTC-TANDTC", "TTLT", 7, 2016),
    ("hướng dẫn tại Thông tư liên tịch số 09/2011/TTLT/BCA-VKSNDTC-TANDTC ngày 3/5/2011",
     "09/2011/TTLT-BCA-VKSNDTC-TANDTC", "TTLT", 9, 2011),
    ("yêu cầu trong Kế hoạch liên tịch số 05/KHLT-UBND-UBMTTQ của thành phố",
     "05/KHLT-UBND-UBMTTQ", "KHLT", 5, None),
]


@pytest.mark.parametrize(("text", "designation", "type_", "number", "year"), NEWS_DESIGNATIONS)
def test_it_reads_designations_written_in_real_news(text, designation, type_, number, year):
    c = only(text)
    assert (c.designation, c.type, c.number, c.year) == (designation, type_, number, year)


def test_a_state_only_type_with_a_tw_issuer_stays_a_state_document():
    c = only("Ban Chỉ đạo Trung ương về phòng, chống thiên tai có Công điện số 09/CĐ-TW gửi "
             "các tỉnh ven biển.")
    assert (c.designation, c.type, c.system) == ("09/CĐ-TW", "CĐ", "state")


def test_a_fatherland_front_symbol_is_not_turned_into_a_party_symbol():
    c = only("Ban Thường trực đã ban hành Quyết định số 712/QĐ-MTTW-BTT về kỷ luật.")
    assert c.designation == "712/QĐ-MTTW-BTT"
    assert c.system != "party"


@pytest.mark.parametrize(
    ("text", "designation", "year"),
    [
        ("Theo Thông tư 19/2016 của Bộ Y tế, các trường phải có phòng y tế.",
         "19/2016/TT-BYT", 2016),
        ("Quy định này nằm trong Thông tư 07/2018 của Bộ LĐ-TB&XH về giáo dục nghề nghiệp.",
         "07/2018/TT-BLĐTBXH", 2018),
        ("Lộ trình đã được nêu tại Quyết định 35/2018 của Thủ tướng Chính phủ.",
         "35/2018/QĐ-TTg", 2018),
        # no year in these symbols, or several issuers: the designation is left open
        ("Các bộ tiếp tục thực hiện Nghị quyết 02/2019 của Chính phủ về môi trường kinh doanh.",
         None, 2019),
        ("Địa phương đã vi phạm Chỉ thị 08/2017 của Thủ tướng Chính phủ.", None, 2017),
        ("Bộ Tài chính vừa ban hành Quyết định số 2541/2016 về đoàn kiểm tra.", None, 2016),
        ("Theo Thông tư liên tịch số 11/2015 của Bộ Nội vụ và Bộ Tài chính.", None, 2015),
        ("Dự án được duyệt theo Nghị quyết số 45/2017 của Quốc hội.", None, 2017),
    ],
)
def test_it_completes_number_and_year_only_where_the_symbol_carries_the_year(
    text, designation, year
):
    c = only(text)
    assert (c.kind, c.designation, c.year) == ("partial", designation, year)


def test_it_takes_the_system_from_a_state_body_named_after_a_party_looking_type():
    c = only("Các đơn vị thực hiện Kết luận số 212 ngày 4/5/2017 của Văn phòng Chính phủ.")
    assert (c.type, c.system) == ("KL", "state")


@pytest.mark.parametrize(
    ("text", "congress", "level"),
    [
        ("thực hiện Nghị quyết Đại hội XV của Đảng bộ tỉnh Nghệ An, trọng tâm", 15, "provincial"),
        ("Nghị quyết Đại hội XVIII Đảng bộ thành phố đề ra 3 khâu đột phá.", 18, "provincial"),
        ("quán triệt Nghị quyết Đại hội XII của Đảng Cộng sản Việt Nam", 12, "national"),
    ],
)
def test_it_reads_the_level_of_a_congress_from_the_words_after_it(text, congress, level):
    c = only(text)
    assert (c.kind, c.congress, c.level) == ("congress_resolution", congress, level)


NEWS_TRAPS = [
    # another country's party
    "Lào đang thực hiện Nghị quyết Đại hội XI của Đảng Nhân dân Cách mạng Lào.",
    "Nghị quyết Đại hội Đảng Cộng sản Trung Quốc lần thứ XIX được thông qua.",
    "Hội nghị Trung ương 6 của Đảng Cộng sản Trung Quốc bế mạc hôm qua.",
    # "luật" that is not a law number
    "UBKT huyện đã thi hành kỷ luật 3 đảng viên vi phạm.",
    "Đạo luật 1045 của Mỹ được thông qua năm ngoái.",
    "Cầu thủ vi phạm điều luật 12 về hành vi phạm lỗi.",
    "Quy trình làm luật theo Luật 2015 đã thay đổi căn bản.",
    "Chương trình xây dựng luật, pháp lệnh 2019 được điều chỉnh.",
    "Bộ luật Tố tụng hình sự và xét Lệnh bắt tạm giam số 05 của cơ quan điều tra.",
    # years, ranges and counts
    "Các bộ rà soát kế hoạch hành động 2021 – 2025 về người khuyết tật.",
    "Cơ quan điều tra đã hướng dẫn 5 hộ dân làm thủ tục.",
    "Các chuyên gia đã kết luận 3 tàu bị lỗi kỹ thuật.",
    # product, scanner and vessel codes
    "Chiếc Honda CT 125 đời 2020 có giá khoảng 80 triệu đồng.",
    "Bệnh viện vừa lắp máy chụp cắt lớp CT 64 lát cắt.",
    "Tàu cá số hiệu NĐ 90125 bị bắt giữ khi đang hút cát.",
    "Đại diện Hội ND 12 xã tham dự buổi lễ phát động.",
    "Thiết bị phải theo quy trình kiểm định (QTKĐ: 14-2016/BLĐTBXH).",
    "Ảnh chụp tháng 7/2019 – VN Index giảm mạnh.",
    "Xe đầu kéo biển số 51C-624.19 va chạm với xe máy.",
]


@pytest.mark.parametrize("text", NEWS_TRAPS)
def test_it_finds_nothing_in_news_text_that_only_looks_like_a_reference(text):
    assert find_citations(text) == []


def test_it_reads_numbers_listed_after_a_short_form():
    found = find_citations("Các tỉnh thực hiện các Chỉ thị 15, 16 và 19 của Thủ tướng Chính phủ.")
    assert [(c.type, c.number) for c in found] == [("CT", 15), ("CT", 16), ("CT", 19)]
    assert all(c.issuer_text == "Thủ tướng Chính phủ" for c in found)


def test_it_does_not_read_a_count_after_a_short_form_as_a_listed_number():
    found = find_citations("Theo Nghị định 52, 14 chủ tàu đã được nhận tàu mới.")
    assert [(c.type, c.number) for c in found] == [("NĐ", 52)]


def test_it_expands_an_elided_number_before_a_legal_designation():
    found = find_citations("Thông tư số 05 và 06/2019/TT-BNV có hiệu lực từ tháng 9.")
    assert [c.designation for c in found] == ["05/2019/TT-BNV", "06/2019/TT-BNV"]


def test_it_reads_the_date_a_named_official_signed_the_document():
    c = only("Quyết định số 2204/QĐ-BYT được Bộ trưởng Bộ Y tế ký ngày 14/5/2022.")
    assert (c.designation, c.date) == ("2204/QĐ-BYT", D(2022, 5, 14))


def test_it_does_not_take_the_date_of_a_statement_about_the_document():
    c = only("Sáng 9/4, Sở Giáo dục cho biết đã có Công văn số 611/SGDĐT-GDTrH gửi các trường.",
             reference_date=D(2022, 4, 9))
    assert c.date is None


def test_it_skips_resolutions_of_international_bodies():
    assert find_citations("Các nước thực thi nghị quyết 2118 và 2254 của Hội đồng Bảo an.") == []


def test_it_takes_a_clause_date_across_a_plenum_named_as_the_subject():
    found = find_citations("Ngày 4/10/2015, Hội nghị Trung ương 12 khóa XI ban hành Nghị quyết "
                           "số 37-NQ/TW về công tác cán bộ.")
    assert [c.kind for c in found] == ["plenum", "numbered"]
    assert found[1].date == D(2015, 10, 4)


@pytest.mark.parametrize(
    ("text", "issuer_text"),
    [
        ("theo Công văn số 812/UBND-VX của Chủ tịch UBND tỉnh Hà Tĩnh Trần Văn Hòa về học phí",
         "Chủ tịch UBND tỉnh Hà Tĩnh"),
        ("theo Công văn số 906/UBND-VX của Chủ tịch UBND TP Hồ Chí Minh về học phí",
         "Chủ tịch UBND TP Hồ Chí Minh"),
    ],
)
def test_it_leaves_the_officials_name_out_of_the_issuing_body(text, issuer_text):
    assert only(text).issuer_text == issuer_text
