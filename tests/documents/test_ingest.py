"""Ingest: official documents and articles into the registry, bad files refused cleanly."""

import io
import zipfile

import pytest

from tuyengiao.documents.ingest import ingest_bytes
from tuyengiao.documents.models import Citation, Document, Record, Relation, SearchEntry
from tuyengiao.press.ingest import ingest_article

OFFICIAL = """ĐẢNG BỘ THÀNH PHỐ HÀ NỘI
THÀNH ỦY
*
Số 118-KH/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 15 tháng 9 năm 2025

KẾ HOẠCH
thực hiện Chỉ thị số 47-CT/TW ngày 12/8/2025 của Ban Bí thư về công tác thông tin cơ sở

Thực hiện Chỉ thị số 47-CT/TW ngày 12/8/2025 của Ban Bí thư, Ban Thường vụ Thành ủy ban hành Kế hoạch như sau:

1. Kiện toàn đội ngũ tuyên truyền viên ở các xã, phường.

III. TỔ CHỨC THỰC HIỆN

Đảng ủy các xã, phường trực thuộc Thành ủy xây dựng kế hoạch thực hiện, hoàn thành trước ngày 31/10/2025.
"""

ARTICLE = """Phường Ngọc Hà đẩy mạnh thông tin cơ sở

Ngày 05/11/2025, Đảng ủy phường Ngọc Hà đã ban hành Kế hoạch số 09-KH/ĐU triển khai thực hiện Chỉ thị số 47-CT/TW ngày 12/8/2025 của Ban Bí thư. Theo kế hoạch, phường thành lập tổ tuyên truyền lưu động.
"""


def ingest_text(text: str, name: str, **kwargs):
    return ingest_bytes(text.encode("utf-8"), filename=name, location=name, **kwargs)


def test_it_registers_an_official_document_from_its_header(tree):
    outcome = ingest_text(OFFICIAL, "118.txt")
    assert outcome.status == "created", outcome.message
    assert outcome.kind == "official"
    doc = Document.objects.get(designation="118-KH/TU")
    assert doc.origin == Document.Origin.OFFICIAL
    assert doc.issuing_unit == tree.hanoi
    assert doc.date.isoformat() == "2025-09-15"
    assert doc.doc_type == "KH"
    assert "Chỉ thị số 47-CT/TW" in doc.summary
    directive = Document.objects.get(designation="47-CT/TW")
    assert Relation.objects.filter(subject=doc, object=directive, kind="implements").exists()


def test_it_derives_one_obligation_per_ward_of_the_city(tree):
    ingest_text(OFFICIAL, "118.txt")
    doc = Document.objects.get(designation="118-KH/TU")
    units = set(doc.obligations.values_list("unit__name", flat=True))
    assert units == {"Đảng ủy phường Ba Đình", "Đảng ủy phường Ngọc Hà"}
    assert {o.due.isoformat() for o in doc.obligations.all()} == {"2025-10-31"}


def test_it_stores_an_article_with_its_citations_and_relations(tree):
    outcome = ingest_text(ARTICLE, "ngoc-ha.txt")
    assert (outcome.status, outcome.kind) == ("created", "article")
    record = Record.objects.get(pk=outcome.record_id)
    designations = list(record.citations.values_list("designation", flat=True))
    assert designations == ["09-KH/ĐU", "47-CT/TW"]
    plan = Document.objects.get(designation="09-KH/ĐU")
    assert plan.issuing_unit == tree.ngocha
    assert plan.date.isoformat() == "2025-11-05"
    relation = Relation.objects.get(subject=plan)
    assert relation.object.designation == "47-CT/TW"
    assert relation.record == record
    assert "triển khai thực hiện" in relation.evidence


def test_it_is_idempotent(tree):
    first = ingest_text(ARTICLE, "a.txt")
    again = ingest_text(ARTICLE, "a.txt")
    assert (first.status, again.status) == ("created", "unchanged")
    assert Record.objects.count() == 1
    assert Citation.objects.count() == 2
    assert SearchEntry.objects.filter(kind="article").count() == 1


def test_a_later_official_copy_completes_a_document_known_from_the_press(tree):
    press = "Thành ủy Hà Nội đã ban hành Kế hoạch số 118-KH/TU về thông tin cơ sở."
    ingest_text(press, "a.txt")
    assert Document.objects.get(designation="118-KH/TU").origin == "mentioned"
    ingest_text(OFFICIAL, "118.txt")
    assert Document.objects.filter(designation="118-KH/TU").count() == 1
    assert Document.objects.get(designation="118-KH/TU").origin == "official"


def test_same_designation_in_another_term_is_another_document(tree):
    ingest_article(
        title="Nhìn lại",
        text="Chỉ thị số 47-CT/TW ngày 20/3/2000 của Bộ Chính trị đã được tổng kết.",
    )
    ingest_article(
        title="Triển khai",
        text="Chỉ thị số 47-CT/TW ngày 12/8/2025 của Ban Bí thư được quán triệt.",
    )
    assert Document.objects.filter(designation="47-CT/TW").count() == 2


def corrupt_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("word/document.xml", "<w:document>không đóng thẻ")
    return buffer.getvalue()[:-10]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("rong.txt", b""),
        ("nhi-phan.txt", bytes(range(256)) * 40),
        ("hong.docx", b"PK\x03\x04 not really a zip"),
        ("cat-cut.docx", None),
        ("hong.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nrac"),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    ],
)
def test_it_refuses_a_bad_file_with_a_reason_and_stores_nothing(tree, name, data):
    data = corrupt_docx() if data is None else data
    outcome = ingest_bytes(data, filename=name, location=name)
    assert outcome.status == "failed"
    assert outcome.message
    assert Record.objects.count() == 0
    assert Document.objects.count() == 0


def test_it_refuses_a_file_over_the_size_limit(tree, settings):
    settings.TUYENGIAO_MAX_FILE_BYTES = 100
    outcome = ingest_text(ARTICLE, "dai.txt")
    assert outcome.status == "failed"
    assert "MB" in outcome.message or "giới hạn" in outcome.message
    assert Record.objects.count() == 0


def test_a_failure_midway_leaves_nothing_half_stored(tree, monkeypatch):
    from tuyengiao.documents import ingest

    def explode(**kwargs):
        raise RuntimeError("mất điện")

    monkeypatch.setattr(ingest, "search_entry_refresh", explode)
    outcome = ingest_text(ARTICLE, "a.txt")
    assert outcome.status == "failed" and "RuntimeError" in outcome.message
    assert Record.objects.count() == 0
    assert Document.objects.count() == 0
    assert Citation.objects.count() == 0


FIXTURES = __import__("pathlib").Path(__file__).resolve().parent.parent / "core" / "fixtures"


@pytest.mark.parametrize(
    "name", ["ward_plan.docx", "ward_plan.txt", "ward_plan.tcvn3.txt", "central_directive.pdf"]
)
def test_it_registers_official_documents_from_every_format(tree, name):
    outcome = ingest_bytes((FIXTURES / name).read_bytes(), filename=name, location=name)
    assert (outcome.status, outcome.kind) == ("created", "official"), outcome.message
    doc = Document.objects.get(pk=outcome.document_id)
    if name.startswith("ward_plan"):
        assert (doc.designation, doc.issuing_unit) == ("09-KH/ĐU", tree.ngocha)
        assert doc.date.isoformat() == "2025-08-22"
    else:
        assert (doc.designation, doc.issuing_unit, doc.date.isoformat()) == (
            "47-CT/TW",
            tree.tw,
            "2025-03-18",
        )


def test_the_same_document_in_two_formats_is_one_registry_entry(tree):
    for name in ("ward_plan.docx", "ward_plan.txt"):
        ingest_bytes((FIXTURES / name).read_bytes(), filename=name, location=name)
    assert Document.objects.filter(designation="09-KH/ĐU").count() == 1
    assert Record.objects.count() == 2


def test_an_officer_may_not_replace_another_units_official_document(tree, people):
    ingest_bytes(OFFICIAL.encode(), filename="118.txt", location="118.txt", owner_unit=tree.hanoi)
    forged = OFFICIAL.replace("Kiện toàn đội ngũ", "Giải thể đội ngũ")
    outcome = ingest_bytes(
        forged.encode(), filename="gia.txt", location="gia.txt",
        owner_unit=tree.badinh, actor=people.bob,
    )
    assert outcome.status == "failed"
    assert "118-KH/TU" in outcome.message and "không có quyền" in outcome.message
    assert "Kiện toàn đội ngũ" in Document.objects.get(designation="118-KH/TU").body


def test_the_issuing_side_may_replace_its_document_and_it_is_audited(tree, people):
    from tuyengiao.accounts.models import AuditEntry

    ingest_bytes(OFFICIAL.encode(), filename="118.txt", location="118.txt", owner_unit=tree.hanoi)
    revised = OFFICIAL.replace("thông tin cơ sở\n", "thông tin cơ sở (sửa đổi)\n", 1)
    outcome = ingest_bytes(
        revised.encode(), filename="118b.txt", location="118b.txt",
        owner_unit=tree.hanoi, actor=people.alice,
    )
    assert outcome.status == "created", outcome.message
    doc = Document.objects.get(designation="118-KH/TU")
    assert "(sửa đổi)" in doc.summary
    entry = AuditEntry.objects.get(action="document_replace", object_id=str(doc.pk))
    assert "(sửa đổi)" not in entry.before["summary"] and "(sửa đổi)" in entry.after["summary"]


def test_a_document_first_named_in_a_private_file_stays_private(tree, people):
    from tuyengiao.accounts.permissions import can_view_document

    private = OFFICIAL.replace(
        "1. Kiện toàn", "Căn cứ Kế hoạch số 77-KH/ĐU của Đảng ủy phường Ngọc Hà.\n\n1. Kiện toàn"
    )
    ingest_bytes(private.encode(), filename="118.txt", location="118.txt", owner_unit=tree.hanoi)
    mentioned = Document.objects.get(designation="77-KH/ĐU")
    assert mentioned.owner_unit == tree.hanoi
    assert can_view_document(people.alice, mentioned) is True
    assert can_view_document(people.charlie, mentioned) is False


def test_five_and_zero_five_are_the_same_document(tree):
    ingest_article(title="a", text="Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.")
    ingest_article(title="b", text="Tiếp tục thực hiện Chỉ thị 5-CT/TW của Bộ Chính trị.")
    assert Document.objects.filter(number=5, symbol="CT/TW").count() == 1
