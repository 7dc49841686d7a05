"""Unit tests for tuyengiao.core.rules and tuyengiao.core.terms."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuyengiao.core.citations import find_citations
from tuyengiao.core.rules import (
    DocumentFacts,
    check_document,
    check_implementation,
    facts_from_citation,
)
from tuyengiao.core.terms import (
    int_to_roman,
    legislature_for_date,
    party_term_for_date,
    party_term_range,
    roman_to_int,
)

D = datetime.date


def facts(designation: str | None = "30-CT/TW", **kwargs) -> DocumentFacts:
    base = dict(
        designation=designation,
        type="CT",
        type_word="CT",
        number=30,
        year=None,
        issuer="TW",
        system="party",
        date=D(2024, 2, 5),
        date_raw="05/02/2024",
        term=13,
    )
    base.update(kwargs)
    return DocumentFacts(**base)


def rules_of(f: DocumentFacts) -> list[str]:
    return [finding.rule for finding in check_document(f)]


def test_it_finds_nothing_wrong_with_a_consistent_directive():
    assert check_document(facts()) == []


def test_it_reports_a_plan_dated_before_the_directive_it_implements():
    child = facts(
        "229-KH/QU",
        type="KH",
        type_word="KH",
        number=229,
        issuer="QU",
        date=D(2023, 6, 10),
        term=None,
    )
    finding = check_implementation(child, facts())
    assert finding is not None
    assert (finding.rule, finding.designation, finding.related, finding.severity) == (
        "V01",
        "229-KH/QU",
        "30-CT/TW",
        "error",
    )
    assert finding.message == (
        "Kế hoạch 229-KH/QU ngày 10/06/2023 triển khai 30-CT/TW nhưng được ban hành trước văn "
        "bản đó (05/02/2024)."
    )


def test_it_accepts_a_plan_dated_after_the_directive():
    child = facts("241-KH/TU", type="KH", issuer="TU", date=D(2024, 5, 30))
    assert check_implementation(child, facts()) is None


def test_it_cannot_judge_an_implementation_without_both_dates():
    assert check_implementation(facts(date=None), facts()) is None


def test_it_reports_a_legal_symbol_year_that_differs_from_the_date():
    f = facts(
        "30/2020/NĐ-CP",
        type="NĐ",
        type_word="NĐ",
        year=2020,
        issuer="CP",
        system="state",
        date=D(2019, 3, 5),
        term=None,
    )
    [finding] = check_document(f)
    assert finding.rule == "V02"
    assert "05/03/2019" in finding.message and "2020" in finding.message


def test_it_reports_an_impossible_date():
    finding = check_document(facts(date=None, date_raw="31/02/2024"))[0]
    assert finding.rule == "V03"
    assert "31/02/2024" in finding.message


def test_it_does_not_report_a_date_written_without_its_year_as_impossible():
    assert check_document(facts(date=None, date_raw="5/2")) == []


def test_it_reports_a_type_word_that_contradicts_the_abbreviation():
    [finding] = check_document(facts("30-KH/TW", type="KH", type_word="CT"))
    assert finding.rule == "V04"
    assert "Chỉ thị" in finding.message and "KH" in finding.message


def test_it_accepts_a_quy_dinh_numbered_qd():
    assert (
        check_document(facts("66-QĐ/TW", type="QĐ", type_word="QĐi", date=D(2017, 2, 6), term=12))
        == []
    )


def test_it_reports_state_style_separators_on_a_party_symbol():
    [finding] = check_document(facts("57/NQ-TW", type="NQ", type_word="NQ"))
    assert finding.rule == "V05"
    assert "57-NQ/TW" in finding.message


@pytest.mark.parametrize(
    ("issuer", "day"),
    [
        ("HU", D(2025, 8, 20)),
        ("QU", D(2025, 7, 1)),
        ("BTGTW", D(2025, 9, 10)),
        ("BTGDVTU", D(2024, 11, 1)),
        ("BNNPTNT", D(2025, 6, 1)),
    ],
)
def test_it_reports_an_issuer_symbol_not_in_use_on_that_date(issuer, day):
    f = facts(f"15-KH/{issuer}", type="KH", type_word="KH", issuer=issuer, date=day, term=None)
    assert "V06" in rules_of(f)


def test_it_accepts_a_district_symbol_before_districts_were_abolished():
    f = facts("15-KH/HU", type="KH", issuer="HU", date=D(2025, 6, 30), term=None)
    assert "V06" not in rules_of(f)


def test_it_reports_a_term_that_does_not_fit_the_date():
    finding = check_document(facts(date=D(2019, 5, 1), term=13))[0]
    assert finding.rule == "V07"
    assert "XIII" in finding.message and "XII" in finding.message


def test_it_ignores_the_term_of_a_local_committee():
    f = facts("04-CTr/TU", type="CTr", type_word="CTr", issuer="TU", term=16)
    assert "V07" not in rules_of(f)


def test_it_reports_a_decree_number_without_its_year():
    f = facts(
        "30/NĐ-CP",
        type="NĐ",
        type_word="NĐ",
        issuer="CP",
        system="state",
        term=None,
        date=None,
        date_raw=None,
    )
    assert rules_of(f) == ["V08"]


@pytest.mark.parametrize(
    ("issuer", "level", "expected"),
    [
        ("TU", "district", True),
        ("QU", "province", True),
        ("TU", "province", False),
        ("UBND", "grassroots", False),
        ("TW", "province", True),
        ("ĐU", "grassroots", False),
    ],
)
def test_it_checks_the_issuer_symbol_against_the_unit_level(issuer, level, expected):
    f = facts(
        f"12-KH/{issuer}",
        type="KH",
        issuer=issuer,
        term=None,
        unit_level=level,
        unit_name="Quận ủy Ba Đình",
    )
    assert ("issuer_level" in rules_of(f)) is expected


def test_it_reports_a_unit_that_did_not_exist_on_the_date():
    f = facts(
        "12-KH/ĐU",
        type="KH",
        issuer="ĐU",
        term=None,
        date=D(2025, 3, 1),
        unit_name="Đảng ủy phường Ba Đình",
        unit_valid_from=D(2025, 7, 1),
    )
    finding = next(x for x in check_document(f) if x.rule == "unit_existed")
    assert finding.message.startswith("Đảng ủy phường Ba Đình")
    assert "01/07/2025" in finding.message


def test_it_builds_facts_from_a_citation():
    [c] = find_citations("Kế hoạch số 15-KH/HU ngày 20/8/2025 của Ban Thường vụ Huyện ủy")
    assert rules_of(facts_from_citation(c)) == ["V06"]


# --- terms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "term"),
    [
        (D(1998, 2, 18), 8),
        (D(2001, 4, 18), 8),
        (D(2001, 5, 1), 9),
        (D(2010, 12, 31), 10),
        (D(2016, 1, 19), 11),
        (D(2018, 10, 25), 12),
        (D(2024, 2, 5), 13),
        (D(2026, 1, 10), 13),
        (D(2026, 3, 1), 14),
        (D(1900, 1, 1), None),
    ],
)
def test_it_knows_the_party_term_for_a_date(day, term):
    assert party_term_for_date(day) == term


@pytest.mark.parametrize(
    ("day", "legislature"),
    [(D(2017, 1, 11), 14), (D(2020, 6, 17), 14), (D(2023, 1, 1), 15), (D(2014, 5, 1), 13)],
)
def test_it_knows_the_legislature_for_a_date(day, legislature):
    assert legislature_for_date(day) == legislature


@pytest.mark.parametrize(("roman", "value"), [("VIII", 8), ("XIII", 13), ("XIV", 14), ("XX", 20)])
def test_it_reads_roman_numerals(roman, value):
    assert roman_to_int(roman) == value
    assert int_to_roman(value) == roman


@pytest.mark.parametrize("bad", ["", "IIII", "ABC", "VX", "khóa"])
def test_it_rejects_malformed_roman_numerals(bad):
    assert roman_to_int(bad) is None


@given(st.integers(1, 3999))
def test_roman_numerals_round_trip(n):
    assert roman_to_int(int_to_roman(n)) == n


def test_it_gives_the_span_of_a_party_term():
    assert party_term_range(13) == (D(2021, 1, 25), D(2026, 1, 19))
    assert party_term_range(14) == (D(2026, 1, 19), None)
    assert party_term_range(99) is None
