import datetime as dt
import time

import pytest
from django.core.paginator import Paginator

from tuyengiao.core.units import unit_sort_key
from tuyengiao.org.models import Kind, Level, Unit
from tuyengiao.org.selectors import (
    unit_ancestors,
    unit_children,
    unit_list,
    unit_predecessors,
    unit_resolve,
    unit_subtree,
    unit_successors,
    unit_successors_chain,
)
from tuyengiao.org.services import unit_create

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
        ("Ủy ban nhân dân quận Ba Đình", None, BEFORE, "d-001-ubnd"),
        ("UBND quận Ba Đình", "UBND", BEFORE, "d-001-ubnd"),
        ("UBND TP Hà Nội", None, BEFORE, "p-01-ubnd"),
        ("UBND thành phố Hà Nội", "UBND", AFTER, "p-01-ubnd"),
        ("Ủy ban nhân dân TP. Hà Nội", None, None, "p-01-ubnd"),
        ("UBND thành phố Hải Phòng", None, BEFORE, "p-31-ubnd"),
        ("UBND TP.Hải Phòng", None, AFTER, "p-31-2025-ubnd"),
        ("UBND tỉnh Hải Dương", None, BEFORE, "p-30-ubnd"),
        ("Ủy ban nhân dân phường Ngọc Hà", None, BEFORE, "c-00016-ubnd"),
        ("UBND phường Ngọc Hà", None, AFTER, "c2-00008-ubnd"),
        ("Ban Tuyên giáo Quận ủy Ba Đình", None, BEFORE, "d-001-btg"),
        ("Ban Tuyên giáo Huyện ủy Gia Lâm", None, BEFORE, "d-018-btg"),
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
    # 13 wards, the district's People's Committee and its Ban Tuyên giáo
    assert len(children) == 15
    assert {c.parent_id for c in children} == {unit("d-001").pk}
    assert {c.code for c in children} >= {"d-001-ubnd", "d-001-btg", "c-00004"}


def test_the_successors_chain_follows_every_replacement(unit):
    chain = [u.code for u in unit_successors_chain(unit("p-30-btg"))]
    assert chain == ["p-30-btgdv", "p-31-2025-btgdv"]
    assert [u.code for u in unit_successors_chain(unit("p-30"))] == ["p-31-2025"]
    assert unit_successors_chain(unit("p-01")) == []


def test_the_list_is_in_vietnamese_alphabetical_order(unit):
    names = [u.name for u in unit_list(parent=unit("d-001"), kind=Kind.COMMITTEE)]
    assert names[:3] == [
        "Đảng ủy phường Cống Vị",
        "Đảng ủy phường Điện Biên",
        "Đảng ủy phường Đội Cấn",
    ]
    assert names[-1] == "Đảng ủy phường Vĩnh Phúc"


def test_the_list_filters_by_text_level_kind_and_date(unit):
    assert [u.code for u in unit_list(query="quan uy ba dinh")] == ["d-001-btg", "d-001"]
    assert [u.code for u in unit_list(query="P-30")] == ["p-30"]
    provinces = unit_list(level=Level.PROVINCE, kind=Kind.COMMITTEE, on=AFTER)
    assert [u.code for u in provinces] == ["p-01", "p-31-2025"]  # Hà Nội before Hải Phòng
    departments = unit_list(kind=Kind.DEPARTMENT, within=unit("p-01"))
    assert {u.code for u in departments} >= {"p-01-btg", "p-01-btgdv", "d-001-btg"}
    assert not departments.exclude(path__startswith=unit("p-01").path).exists()


def test_the_list_holds_every_unit_and_its_last_page_is_reachable(unit):
    grassroots = Unit.objects.filter(level=Level.GRASSROOTS)
    assert grassroots.count() > 2000
    units = unit_list(level=Level.GRASSROOTS)
    assert units.count() == grassroots.count()
    page = Paginator(units, 50).page(Paginator(units, 50).num_pages)
    last = max(grassroots, key=lambda u: (u.sort_key, u.valid_from or BEFORE, u.pk))
    assert list(page)[-1] == last


def test_the_list_pages_in_the_database(unit, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        found = list(unit_list(level=Level.GRASSROOTS)[2000:2010])
    assert len(found) == 10


@pytest.mark.parametrize(
    "names",
    [
        ["Dương", "Đống Đa", "Gia Lâm"],
        ["An Lão", "Anh Sơn", "Ân Thi"],
        ["Phường 2", "Phường 10", "Phường Bến Nghé"],
        ["ba", "bà", "bả", "bã", "bá", "bạ", "bác"],
        ["Uông Bí", "Ưng Hòa", "Ứng Hòa"],
    ],
)
def test_the_list_is_in_vietnamese_order_in_the_database(admin, names):
    """The names are given in Vietnamese order and stored in the reverse one."""
    for number, name in enumerate(reversed(names)):
        unit_create(actor=admin, code=f"x{number}", name=name, kind=Kind.OTHER, level=Level.CENTRAL)
    assert [u.name for u in unit_list(kind=Kind.OTHER)] == names


def test_successors_and_predecessors_are_in_vietnamese_order(unit):
    names = [u.name for u in unit_successors(unit("d-001")) if u.kind == Kind.COMMITTEE]
    assert names == sorted(names, key=unit_sort_key)
    assert names[0] == "Đảng ủy phường Ba Đình"
    predecessors = [u.name for u in unit_predecessors(unit("p-31-2025"))]
    assert predecessors == ["Thành ủy Hải Phòng", "Tỉnh ủy Hải Dương"]
