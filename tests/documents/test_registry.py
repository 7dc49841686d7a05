"""Cascade, obligations and findings over the registry."""

import datetime as dt

from tuyengiao.documents.ingest import ingest_bytes
from tuyengiao.documents.models import Document
from tuyengiao.documents.selectors import (
    document_cascade,
    document_find,
    finding_rows,
    obligation_rows,
)

from .test_ingest import OFFICIAL

WARD_PLANS = """Các phường cụ thể hóa Chỉ thị về thông tin cơ sở

Thực hiện Kế hoạch số 118-KH/TU ngày 15/9/2025 của Ban Thường vụ Thành ủy Hà Nội, ngày 10/10/2025, Đảng ủy phường Ba Đình đã ban hành Kế hoạch số 12-KH/ĐU triển khai thực hiện Chỉ thị số 47-CT/TW ngày 12/8/2025 của Ban Bí thư.

Ngày 02/8/2025, Đảng ủy phường Ngọc Hà đã ban hành Kế hoạch số 21-KH/ĐU triển khai thực hiện Chỉ thị số 47-CT/TW ngày 12/8/2025 của Ban Bí thư.
"""


def load(tree):
    ingest_bytes(OFFICIAL.encode(), filename="118.txt", location="118.txt")
    ingest_bytes(WARD_PLANS.encode(), filename="tin.txt", location="tin.txt")


def designations(entry) -> dict:
    return {entry.document.designation: [designations(c) for c in entry.children]}


def test_a_ward_plan_citing_the_directive_sits_under_its_city_plan(tree):
    load(tree)
    directive = document_find("47-CT/TW")
    tree_ = designations(document_cascade(directive))
    # Children come in date order: 21-KH/ĐU (02/8/2025) before 12-KH/ĐU (10/10/2025).
    assert tree_ == {"47-CT/TW": [{"118-KH/TU": [{"21-KH/ĐU": []}, {"12-KH/ĐU": []}]}]}


def test_the_cascade_contract_has_designation_date_unit_and_children(tree):
    load(tree)
    data = document_cascade(document_find("47-CT/TW")).to_dict()
    assert data["designation"] == "47-CT/TW"
    assert data["date"] == "2025-08-12"
    city = data["children"][0]
    assert (city["designation"], city["date"], city["unit"]) == (
        "118-KH/TU",
        "2025-09-15",
        "Thành ủy Hà Nội",
    )


def test_it_flags_a_plan_dated_before_what_it_implements(tree):
    load(tree)
    rows = [r for r in finding_rows() if r.finding.rule == "V01"]
    assert [(r.finding.designation, r.finding.related) for r in rows] == [("21-KH/ĐU", "47-CT/TW")]
    assert rows[0].evidence is not None and "21-KH/ĐU" in rows[0].evidence.evidence


def test_obligation_status_follows_the_ward_plans(tree):
    load(tree)
    plan = Document.objects.get(designation="118-KH/TU")
    rows = {
        r.obligation.unit.name: r
        for r in obligation_rows(document=plan, today=dt.date(2025, 11, 20))
    }
    assert rows["Đảng ủy phường Ba Đình"].status == "issued"
    assert rows["Đảng ủy phường Ba Đình"].issued.designation == "12-KH/ĐU"
    # Ngọc Hà's plan implements the directive itself: that answers the city plan too.
    assert rows["Đảng ủy phường Ngọc Hà"].status == "issued"
    assert rows["Đảng ủy phường Ngọc Hà"].issued.designation == "21-KH/ĐU"


def test_a_ward_without_a_plan_is_overdue_after_the_deadline(tree):
    ingest_bytes(OFFICIAL.encode(), filename="118.txt", location="118.txt")
    ingest_bytes(
        WARD_PLANS.split("\n\nNgày 02/8")[0].encode(), filename="tin.txt", location="tin.txt"
    )
    plan = Document.objects.get(designation="118-KH/TU")
    rows = {
        r.obligation.unit.name: r.status
        for r in obligation_rows(document=plan, today=dt.date(2025, 11, 20))
    }
    assert rows == {"Đảng ủy phường Ba Đình": "issued", "Đảng ủy phường Ngọc Hà": "overdue"}


def test_obligations_are_due_before_the_deadline(tree):
    ingest_bytes(OFFICIAL.encode(), filename="118.txt", location="118.txt")
    plan = Document.objects.get(designation="118-KH/TU")
    statuses = {r.status for r in obligation_rows(document=plan, today=dt.date(2025, 10, 1))}
    assert statuses == {"due"}


def test_it_flags_a_district_committee_plan_after_districts_ended(tree):
    text = "Quận ủy Cầu Giấy đã ban hành Kế hoạch số 301-KH/QU ngày 15/8/2025 về thông tin cơ sở."
    ingest_bytes(text.encode(), filename="cg.txt", location="cg.txt")
    rules = {r.finding.rule for r in finding_rows() if r.finding.designation == "301-KH/QU"}
    assert rules & {"V06", "unit_existed"}


def test_it_flags_a_type_word_that_contradicts_the_abbreviation(tree):
    text = "Các đảng ủy tiếp tục quán triệt Nghị định số 39-NQ/TW về tinh gọn bộ máy."
    ingest_bytes(text.encode(), filename="v04.txt", location="v04.txt")
    assert "V04" in {r.finding.rule for r in finding_rows()}


def test_a_ward_plan_does_not_answer_for_its_province(tree):
    central = """BAN CHẤP HÀNH TRUNG ƯƠNG
*
Số 47-CT/TW
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 12 tháng 8 năm 2025

CHỈ THỊ
CỦA BAN BÍ THƯ
về công tác thông tin cơ sở

Các tỉnh ủy, thành ủy trực thuộc Trung ương xây dựng kế hoạch thực hiện, hoàn thành trước ngày 30/9/2025.
"""
    ingest_bytes(central.encode(), filename="47.txt", location="47.txt")
    ward_only = WARD_PLANS.split("\n\nThực hiện")[0] + "\n\n" + WARD_PLANS.split("\n\n")[2]
    ingest_bytes(ward_only.encode(), filename="tin.txt", location="tin.txt")
    doc = Document.objects.get(designation="47-CT/TW")
    rows = {r.obligation.unit.name: r.status for r in obligation_rows(document=doc, today=dt.date(2025, 11, 1))}
    assert rows["Thành ủy Hà Nội"] == "overdue"


def test_obligations_of_other_provinces_stay_hidden(tree, people):
    load(tree)
    plan = Document.objects.get(designation="118-KH/TU")
    assert obligation_rows(user=people.alice, document=plan)
    assert obligation_rows(user=people.charlie, document=plan) == []
    bob_rows = obligation_rows(user=people.bob, document=plan)
    assert [r.obligation.unit.name for r in bob_rows] == ["Đảng ủy phường Ba Đình"]
