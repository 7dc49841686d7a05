"""Unit tests for tuyengiao.core.relations."""

from __future__ import annotations

import pytest

from tuyengiao.core.citations import find_citations
from tuyengiao.core.relations import find_relations


def relations(text: str) -> set[tuple[str, str | None, str | None]]:
    """(kind, subject designation or None, object designation or raw) for ``text``."""
    found = find_citations(text)
    out = set()
    for r in find_relations(text, found):
        subject = None if r.subject is None else found[r.subject].designation
        obj = found[r.object].designation or found[r.object].raw
        out.add((r.kind, subject, obj))
    return out


SAMPLE = (
    "Thực hiện Chỉ thị số 30-CT/TW ngày 05/02/2024 của Ban Bí thư Trung ương Đảng khóa XIII về "
    "công tác tuyên truyền miệng trong tình hình mới; Kế hoạch số 241-KH/TU ngày 30/5/2024 của "
    "Ban Thường vụ Thành ủy Hà Nội về thực hiện Chỉ thị số 30-CT/TW của Ban Bí thư; ngày "
    "10/6/2023, Quận ủy Ba Đình đã ban hành Kế hoạch số 229-KH/QU triển khai thực hiện Chỉ thị "
    "số 30-CT/TW ngày 05/02/2024 của Ban Bí thư Trung ương Đảng khóa XIII trong toàn Đảng bộ."
)


def test_it_links_the_plans_of_the_sample_to_the_directive_they_implement():
    assert relations(SAMPLE) == {
        ("implements", "241-KH/TU", "30-CT/TW"),
        ("implements", "229-KH/QU", "30-CT/TW"),
        ("implements", "229-KH/QU", "241-KH/TU"),
    }


def test_it_gives_evidence_spans_that_match_the_text():
    found = find_citations(SAMPLE)
    for r in find_relations(SAMPLE, found):
        assert SAMPLE[r.start:r.end] == r.evidence
        assert r.start <= found[r.object].start and found[r.object].end <= r.end


CUES = [
    ("Quyết định số 12/2024/QĐ-UBND thay thế Quyết định số 5/2019/QĐ-UBND.",
     ("replaces", "12/2024/QĐ-UBND", "5/2019/QĐ-UBND")),
    ("Nghị định số 14/2022/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định số 15/2020/NĐ-CP.",
     ("amends", "14/2022/NĐ-CP", "15/2020/NĐ-CP")),
    ("Quyết định số 28/2017/QĐ-UBND bãi bỏ Quyết định số 39/2015/QĐ-UBND về bảng giá.",
     ("repeals", "28/2017/QĐ-UBND", "39/2015/QĐ-UBND")),
    ("Thông tư 76/2014/TT-BTC hướng dẫn Nghị định 45/2014/NĐ-CP về thu tiền sử dụng đất.",
     ("guides", "76/2014/TT-BTC", "45/2014/NĐ-CP")),
    ("Hướng dẫn số 12-HD/BTGTU về thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.",
     ("guides", "12-HD/BTGTU", "05-CT/TW")),
    ("UBND thành phố ban hành Kế hoạch số 23/KH-UBND về tổ chức thực hiện Chỉ thị số 15-CT/TU.",
     ("implements", "23/KH-UBND", "15-CT/TU")),
    ("Chương trình hành động số 15-CTr/TU quán triệt Nghị quyết Trung ương 4 khóa XII.",
     ("implements", "15-CTr/TU", "Nghị quyết Trung ương 4 khóa XII")),
    ("Nghị định số 59/2011/NĐ-CP được thay thế bởi Nghị định số 126/2017/NĐ-CP.",
     ("replaces", "126/2017/NĐ-CP", "59/2011/NĐ-CP")),
]


@pytest.mark.parametrize(("text", "expected"), CUES)
def test_it_reads_the_relation_a_cue_states(text, expected):
    assert relations(text) == {expected}


def test_it_extends_a_relation_to_every_document_listed_after_the_cue():
    text = (
        "Nghị định số 126/2017/NĐ-CP thay thế Nghị định số 59/2011/NĐ-CP, Nghị định số "
        "189/2013/NĐ-CP và Nghị định số 116/2015/NĐ-CP."
    )
    assert relations(text) == {
        ("replaces", "126/2017/NĐ-CP", "59/2011/NĐ-CP"),
        ("replaces", "126/2017/NĐ-CP", "189/2013/NĐ-CP"),
        ("replaces", "126/2017/NĐ-CP", "116/2015/NĐ-CP"),
    }


def test_it_makes_the_issued_document_implement_what_the_sentence_opens_with():
    text = (
        "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Ban Thường vụ Tỉnh "
        "ủy đã ban hành Kế hoạch số 301-KH/TU ngày 10/02/2025 với nhiều nhiệm vụ cụ thể."
    )
    assert relations(text) == {("implements", "301-KH/TU", "57-NQ/TW")}


def test_it_attributes_an_opening_thuc_hien_to_the_document_itself():
    text = (
        "Thực hiện Kế hoạch số 241-KH/TU ngày 30/5/2024 của Ban Thường vụ Thành ủy Hà Nội, Ban "
        "Thường vụ Quận ủy xây dựng kế hoạch thực hiện như sau:\n1. Mục đích, yêu cầu"
    )
    assert relations(text) == {("implements", None, "241-KH/TU")}


def test_it_gives_no_relation_to_documents_listed_as_background():
    text = (
        "Căn cứ Luật số 64/2025/QH15; Nghị định số 78/2025/NĐ-CP; Chỉ thị số 30-CT/TW của Ban "
        "Bí thư, Hướng dẫn số 05-HD/BTGTW và Kết luận 14-KL/TW, đơn vị tổ chức hội nghị."
    )
    assert relations(text) == set()


def test_it_does_not_link_documents_that_are_only_learned_together():
    text = (
        "Các chi bộ học tập Chỉ thị 05-CT/TW gắn với thực hiện Nghị quyết Trung ương 4 khóa XII."
    )
    assert relations(text) == set()


def test_it_returns_nothing_without_citations():
    assert find_relations("Thực hiện kế hoạch của cấp trên, xã tổ chức hội nghị.", []) == []
