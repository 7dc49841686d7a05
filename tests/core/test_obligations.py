"""Reading "Tổ chức thực hiện" clauses and judging each unit's status."""

import datetime as dt

import pytest

from tuyengiao.core.obligations import find_obligations, obligation_status


def test_it_reads_the_level_and_deadline_of_a_ward_obligation():
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Đảng ủy các xã, phường trực thuộc Thành ủy căn cứ Kế hoạch này xây dựng kế hoạch "
        "thực hiện, hoàn thành trước ngày 31/10/2025.\n"
    )
    clauses = find_obligations(text)
    levels = {c.level for c in clauses}
    assert "grassroots" in levels
    assert all(c.due == dt.date(2025, 10, 31) for c in clauses)
    assert "hoàn thành trước ngày 31/10/2025" in clauses[0].evidence


def test_it_reads_a_central_directive_addressed_to_provinces():
    text = (
        "Các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương căn cứ Chỉ thị này xây dựng "
        "kế hoạch thực hiện, hoàn thành trước ngày 30/9/2025."
    )
    clauses = find_obligations(text)
    assert "province" in {c.level for c in clauses}
    assert clauses[0].due == dt.date(2025, 9, 30)


def test_it_reads_district_committees_without_a_deadline():
    text = "Các quận ủy, huyện ủy, thị ủy xây dựng kế hoạch triển khai phù hợp với địa phương."
    clauses = find_obligations(text)
    assert [c.level for c in clauses] == ["district"]
    assert clauses[0].due is None


def test_it_ignores_sentences_that_ask_for_no_document():
    text = (
        "Ban Tuyên giáo và Dân vận Thành ủy chủ trì theo dõi, đôn đốc việc thực hiện. "
        "Các quận ủy, huyện ủy tăng cường kiểm tra, giám sát."
    )
    assert find_obligations(text) == []


def test_it_ignores_an_impossible_deadline():
    text = "Các quận ủy, huyện ủy xây dựng kế hoạch thực hiện trước ngày 31/02/2025."
    assert find_obligations(text)[0].due is None


TODAY = dt.date(2025, 11, 20)


@pytest.mark.parametrize(
    ("issued_on", "due", "ended", "expected"),
    [
        (dt.date(2025, 10, 1), dt.date(2025, 10, 31), None, "issued"),
        (dt.date(2025, 11, 5), dt.date(2025, 10, 31), None, "issued"),
        (None, dt.date(2025, 12, 31), None, "due"),
        (None, None, None, "due"),
        (None, dt.date(2025, 10, 31), None, "overdue"),
        (None, dt.date(2025, 10, 31), dt.date(2025, 6, 30), "dissolved"),
    ],
)
def test_it_derives_the_status_of_an_obligation(issued_on, due, ended, expected):
    status = obligation_status(issued_on=issued_on, due=due, today=TODAY, unit_ended=ended)
    assert status == expected


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        ("hoàn thành trước ngày 30.9.2025", dt.date(2025, 9, 30)),
        ("hoàn thành trước ngày 30 tháng 9 năm 2025", dt.date(2025, 9, 30)),
        ("chậm nhất là ngày 15/10/2025", dt.date(2025, 10, 15)),
        ("hoàn thành trong tháng 10/2025", dt.date(2025, 10, 31)),
        ("hoàn thành trong tháng 12/2025", dt.date(2025, 12, 31)),
    ],
)
def test_it_reads_deadlines_in_every_written_form(deadline, expected):
    text = f"Các quận ủy, huyện ủy xây dựng kế hoạch thực hiện, {deadline}."
    assert find_obligations(text)[0].due == expected
