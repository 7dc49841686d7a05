import datetime as dt
import time

import pytest

from tuyengiao.org.models import Kind, Level
from tuyengiao.org.selectors import (
    unit_ancestors,
    unit_children,
    unit_list,
    unit_resolve,
    unit_subtree,
    unit_successors_chain,
)

pytestmark = pytest.mark.django_db

BEFORE = dt.date(2024, 5, 30)
AFTER = dt.date(2025, 8, 1)


@pytest.mark.parametrize(
    ("name", "symbol", "on", "code"),
    [
        ("Quận ủy Ba Đình", None, dt.date(2023, 6, 10), "d-001"),
        ("Quận ủy Ba Đình", "QU", AFTER, "d-001"),  # gone by then, still the best match
        ("Quan uy Ba Dinh", None, BEFORE, "d-001"),
        ("quận uỷ ba đình", None, BEFORE, "d-001"),
        ("Ban Thường vụ Thành ủy Hà Nội", None, BEFORE, "p-01"),
        ("Thành ủy Hà Nội", "TU", AFTER, "p-01"),
        ("Ban Bí thư", None, BEFORE, "tw"),
        ("Bộ Chính trị", "TW", AFTER, "tw"),
        ("Ban Chấp hành Trung ương Đảng (khóa XIII)", None, None, "tw"),
        ("Thành ủy Hải Phòng", None, BEFORE, "p-31"),
        ("Thành ủy Hải Phòng", None, AFTER, "p-31-2025"),
        ("Thành ủy Hải Phòng", None, None, "p-31-2025"),
        ("Tỉnh ủy Hải Dương", None, AFTER, "p-30"),
        ("Đảng ủy phường Ngọc Hà", None, BEFORE, "c-00016"),
        ("Đảng ủy phường Ngọc Hà", None, AFTER, "c2-00008"),
        ("Ban Tuyên giáo Thành ủy Hà Nội", None, BEFORE, "p-01-btg"),
        ("Ban Tuyên giáo và Dân vận Thành ủy Hà Nội", None, AFTER, "p-01-btgdv"),
        ("Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng", "BTGDVTU", AFTER, "p-31-2025-btgdv"),
        ("Ban Tuyên giáo Trung ương", None, BEFORE, "tw-btg"),
        (None, "TW", None, "tw"),
        (None, "BTGTW", BEFORE, "tw-btg"),
        (None, "BTGDVTW", AFTER, "tw-btgdv"),
        (None, "TƯ", BEFORE, "tw"),
    ],
)
def test_it_resolves_an_issuer_named_in_text_to_the_unit_of_that_date(unit, name, symbol, on, code):
    assert unit_resolve(name=name, symbol=symbol, on=on) == unit(code)


@pytest.mark.parametrize(
    ("name", "symbol"),
    [
        ("Công ty Cổ phần ABC", None),
        ("Huyện ủy Không Có", "HU"),
        (None, "TU"),  # every province has one
        (None, None),
        ("", None),
    ],
)
def test_it_returns_nothing_for_an_unknown_or_ambiguous_issuer(reference, name, symbol):
    assert unit_resolve(name=name, symbol=symbol, on=BEFORE) is None


def test_it_resolves_with_at_most_two_queries(reference, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        unit_resolve(name="Quận ủy Ba Đình", symbol="QU", on=BEFORE)
    with django_assert_max_num_queries(2):
        unit_resolve(name="Huyện ủy Không Có", symbol="QU", on=BEFORE)
    with django_assert_max_num_queries(2):
        unit_resolve(name=None, symbol="BTGTW", on=AFTER)


def test_it_resolves_fast_enough_for_every_citation(reference):
    started = time.perf_counter()
    for _ in range(200):
        unit_resolve(name="Ban Thường vụ Thành ủy Hà Nội", symbol="TU", on=BEFORE)
    assert (time.perf_counter() - started) / 200 < 0.005


def test_the_subtree_holds_the_unit_and_everything_under_it(unit):
    codes = set(unit_subtree(unit("d-001")).values_list("code", flat=True))
    assert "d-001" in codes and "c-00004" in codes
    assert "c-00004" not in set(unit_subtree(unit("p-30")).values_list("code", flat=True))
    assert "d-001" not in set(
        unit_subtree(unit("d-001"), include_self=False).values_list("code", flat=True)
    )


def test_ancestors_run_from_the_root_down(unit):
    assert [u.code for u in unit_ancestors(unit("c-00004"))] == ["tw", "p-01", "d-001"]
    assert list(unit_ancestors(unit("tw"))) == []


def test_children_are_the_direct_descendants(unit):
    children = list(unit_children(unit("d-001")))
    assert len(children) == 13
    assert {c.parent_id for c in children} == {unit("d-001").pk}


def test_the_successors_chain_follows_every_replacement(unit):
    chain = [u.code for u in unit_successors_chain(unit("p-30-btg"))]
    assert chain == ["p-30-btgdv", "p-31-2025-btgdv"]
    assert [u.code for u in unit_successors_chain(unit("p-30"))] == ["p-31-2025"]
    assert unit_successors_chain(unit("p-01")) == []


def test_the_list_is_in_vietnamese_alphabetical_order(unit):
    names = [u.name for u in unit_list(parent=unit("d-001"))]
    assert names[:3] == [
        "Đảng ủy phường Cống Vị",
        "Đảng ủy phường Điện Biên",
        "Đảng ủy phường Đội Cấn",
    ]
    assert names[-1] == "Đảng ủy phường Vĩnh Phúc"


def test_the_list_filters_by_text_level_kind_and_date(unit):
    assert [u.code for u in unit_list(query="quan uy ba dinh")] == ["d-001"]
    assert [u.code for u in unit_list(query="P-30")] == ["p-30"]
    provinces = unit_list(level=Level.PROVINCE, kind=Kind.COMMITTEE, on=AFTER)
    assert [u.code for u in provinces] == ["p-01", "p-31-2025"]  # Hà Nội before Hải Phòng
    departments = unit_list(kind=Kind.DEPARTMENT, within=unit("p-01"))
    assert {u.code for u in departments} == {"p-01-btg", "p-01-btgdv"}
    assert len(unit_list(level=Level.GRASSROOTS, limit=10)) == 10
