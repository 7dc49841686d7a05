import datetime as dt
import re
import time

import pytest

from tuyengiao.accounts.models import AuditEntry
from tuyengiao.org.models import Kind, Level, Succession, Unit
from tuyengiao.org.selectors import unit_resolve
from tuyengiao.org.services import paths_rebuild, reference_load

pytestmark = pytest.mark.django_db

JULY_2025 = dt.date(2025, 7, 1)


def test_it_loads_the_whole_national_hierarchy_quickly_and_only_once():
    started = time.perf_counter()
    counts = reference_load()
    seconds = time.perf_counter() - started

    committees = Unit.objects.filter(kind=Kind.COMMITTEE)
    old_provinces = [
        c
        for c in committees.filter(level=Level.PROVINCE).values_list("code", flat=True)
        if re.fullmatch(r"p-\d\d", c)
    ]
    assert len(old_provinces) == 63
    assert (
        committees.filter(
            level=Level.PROVINCE, valid_from__isnull=True, valid_to__isnull=True
        ).count()
        == 11
    )  # provinces that carry on
    assert committees.filter(level=Level.PROVINCE).exclude(valid_to__lt=JULY_2025).count() == 34
    assert 690 <= committees.filter(level=Level.DISTRICT).count() <= 710
    old_communes = committees.filter(level=Level.GRASSROOTS, valid_to=dt.date(2025, 6, 30))
    new_communes = committees.filter(level=Level.GRASSROOTS, valid_from=JULY_2025)
    assert 10_000 <= old_communes.count() <= 10_700
    assert 3_300 <= new_communes.count() <= 3_330
    assert Unit.objects.filter(symbol="BTGDVTU", valid_to__isnull=True).count() == 34
    peoples = Unit.objects.filter(kind=Kind.PEOPLES_COMMITTEE)
    assert peoples.count() == committees.exclude(level=Level.CENTRAL).count()
    assert peoples.filter(level=Level.PROVINCE).exclude(valid_to__lt=JULY_2025).count() == 34
    assert not peoples.filter(level=Level.DISTRICT, successors__isnull=True).exists()
    assert Unit.objects.filter(kind=Kind.DEPARTMENT, level=Level.DISTRICT).count() == (
        committees.filter(level=Level.DISTRICT).count()
    )
    assert counts["units_created"] == Unit.objects.count()
    assert counts["successions_created"] == Succession.objects.count()
    assert not old_communes.filter(successors__isnull=True).exists()
    assert seconds < 10
    assert unit_resolve(name="UBND tỉnh Thừa Thiên Huế").code == "p-46-ubnd"
    assert unit_resolve(name="UBND TP.HCM", on=dt.date(2024, 1, 1)).code == "p-79-ubnd"
    assert unit_resolve(name="UBND thành phố Bắc Ninh", on=dt.date(2024, 1, 1)).level == "district"
    assert unit_resolve(name="UBND tỉnh Bắc Ninh", on=dt.date(2024, 1, 1)).code == "p-27-ubnd"

    started = time.perf_counter()
    again = reference_load()
    assert (again["units_created"], again["units_updated"], again["successions_created"]) == (
        0,
        0,
        0,
    )
    assert time.perf_counter() - started < 5
    assert AuditEntry.objects.filter(action="reference_load").count() == 1
    assert paths_rebuild() == 0


def test_hanoi_is_one_unit_before_and_after_the_reorganisation(unit):
    hanoi = unit("p-01")
    assert (hanoi.name, hanoi.symbol, hanoi.valid_from, hanoi.valid_to) == (
        "Thành ủy Hà Nội",
        "TU",
        None,
        None,
    )
    assert hanoi.parent.code == "tw"
    assert not Unit.objects.filter(code="p-01-2025").exists()
    assert unit("c2-00004").parent == hanoi  # the new phường Ba Đình
    assert unit("d-001").parent == hanoi


def test_hai_duong_ends_on_30_june_2025_and_is_succeeded_by_the_new_hai_phong(unit):
    hai_duong = unit("p-30")
    assert hai_duong.name == "Tỉnh ủy Hải Dương"
    assert hai_duong.valid_to == dt.date(2025, 6, 30)
    new_hai_phong = unit("p-31-2025")
    assert list(hai_duong.successors.all()) == [new_hai_phong]
    assert set(new_hai_phong.predecessors.values_list("code", flat=True)) == {"p-30", "p-31"}
    assert new_hai_phong.valid_from == JULY_2025
    assert unit("p-31").valid_to == dt.date(2025, 6, 30)


def test_quan_uy_ba_dinh_ends_on_30_june_2025_and_shows_what_replaced_it(unit):
    ba_dinh = unit("d-001")
    assert (ba_dinh.name, ba_dinh.symbol, ba_dinh.level) == ("Quận ủy Ba Đình", "QU", "district")
    assert ba_dinh.valid_to == dt.date(2025, 6, 30)
    successors = set(ba_dinh.successors.values_list("name", flat=True))
    assert {
        "Đảng ủy phường Ba Đình",
        "Đảng ủy phường Ngọc Hà",
        "Đảng ủy phường Giảng Võ",
    } <= successors
    kinds = set(Succession.objects.filter(predecessor=ba_dinh).values_list("kind", flat=True))
    assert kinds == {"dissolve"}


def test_old_wards_go_to_one_or_several_new_wards(unit):
    truc_bach = unit("c-00004")
    assert truc_bach.name == "Đảng ủy phường Trúc Bạch"
    assert truc_bach.parent.code == "d-001"
    assert list(truc_bach.successors.values_list("code", flat=True)) == ["c2-00004"]
    kim_ma = unit("c-00028")
    assert kim_ma.successors.count() > 1
    assert set(Succession.objects.filter(predecessor=kim_ma).values_list("kind", flat=True)) == {
        "split"
    }


def test_departments_follow_the_2025_merger(unit):
    old = unit("p-01-btg")
    new = unit("p-01-btgdv")
    assert (old.name, old.symbol, old.valid_to) == (
        "Ban Tuyên giáo Thành ủy Hà Nội",
        "BTGTU",
        dt.date(2025, 2, 28),
    )
    assert (new.name, new.symbol, new.valid_from, new.valid_to) == (
        "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội",
        "BTGDVTU",
        dt.date(2025, 3, 1),
        None,
    )
    assert list(old.successors.all()) == [new]
    assert new.parent == unit("p-01")
    assert unit("p-30-btgdv").valid_to == dt.date(2025, 6, 30)
    assert list(unit("p-30-btgdv").successors.all()) == [unit("p-31-2025-btgdv")]
    assert unit("tw-btg").valid_to == dt.date(2025, 2, 2)
    assert set(unit("tw-btgdv").predecessors.values_list("code", flat=True)) == {"tw-btg", "tw-bdv"}


def test_paths_follow_the_tree(unit):
    ward = unit("c-00004")
    assert ward.path == f"{unit('d-001').path}{ward.pk}/"
    assert ward.path.startswith(unit("tw").path)
    assert ward.depth == 3
    assert ward.is_reference


def test_a_second_load_changes_nothing_and_writes_no_audit_entry(reference):
    before = (Unit.objects.count(), Succession.objects.count(), AuditEntry.objects.count())
    counts = reference_load(provinces=["01", "30", "31"])
    assert (counts["units_created"], counts["units_updated"], counts["successions_created"]) == (
        0,
        0,
        0,
    )
    assert (Unit.objects.count(), Succession.objects.count(), AuditEntry.objects.count()) == before


def test_a_load_restores_a_changed_reference_unit_and_keeps_its_children(reference, unit):
    ward = unit("c-00004")
    Unit.objects.filter(code="d-001").update(name="Sai tên", name_folded="sai ten")
    counts = reference_load(provinces=["01"])
    assert counts["units_updated"] == 1
    assert unit("d-001").name == "Quận ủy Ba Đình"
    assert unit("c-00004").path == ward.path


def test_a_load_leaves_a_unit_an_administrator_made_under_the_same_code(reference):
    Unit.objects.filter(code="p-30").update(is_reference=False, name="Tỉnh ủy Hải Dương (sửa)")
    reference_load(provinces=["30"])
    assert Unit.objects.get(code="p-30").name == "Tỉnh ủy Hải Dương (sửa)"


def test_it_reports_what_it_did_on_stdout():
    import io

    out = io.StringIO()
    reference_load(stdout=out, provinces=["12"])  # Lai Châu: a province that carries on
    assert "đơn vị mới" in out.getvalue()
    assert Unit.objects.get(code="p-12").valid_to is None
    assert not Unit.objects.filter(code="p-12-2025").exists()


def test_every_area_has_its_peoples_committee_under_its_party_committee(unit):
    ba_dinh = unit("d-001-ubnd")
    assert (ba_dinh.name, ba_dinh.kind, ba_dinh.level, ba_dinh.symbol) == (
        "Ủy ban nhân dân quận Ba Đình",
        "peoples_committee",
        "district",
        "UBND",
    )
    assert (ba_dinh.parent, ba_dinh.valid_to) == (unit("d-001"), dt.date(2025, 6, 30))
    assert unit("p-01-ubnd").name == "Ủy ban nhân dân thành phố Hà Nội"
    assert unit("p-01-ubnd").valid_to is None
    assert unit("p-31-2025-ubnd").valid_from == JULY_2025
    assert unit("c-00004-ubnd").name == "Ủy ban nhân dân phường Trúc Bạch"
    assert unit("c2-00004-ubnd").parent == unit("c2-00004")


def test_peoples_committees_follow_the_successions_of_their_areas(unit):
    assert set(unit("p-31-2025-ubnd").predecessors.values_list("code", flat=True)) == {
        "p-30-ubnd",
        "p-31-ubnd",
    }
    assert list(unit("c-00004-ubnd").successors.values_list("code", flat=True)) == ["c2-00004-ubnd"]
    kinds = set(
        Succession.objects.filter(predecessor=unit("d-001-ubnd")).values_list("kind", flat=True)
    )
    assert kinds == {"dissolve"}


def test_districts_have_their_ban_tuyen_giao_until_30_june_2025(unit):
    department = unit("d-001-btg")
    assert (department.name, department.symbol, department.kind, department.level) == (
        "Ban Tuyên giáo Quận ủy Ba Đình",
        "BTGQU",
        "department",
        "district",
    )
    assert (department.parent, department.valid_to) == (unit("d-001"), dt.date(2025, 6, 30))
    assert unit("d-018-btg").symbol == "BTGHU"  # Huyện ủy Gia Lâm


def test_reference_units_are_placed_as_the_tree_allows(reference):
    from tuyengiao.core.units import fits_under

    for level, kind, parent_level, parent_kind in (
        Unit.objects.filter(parent__isnull=False)
        .values_list("level", "kind", "parent__level", "parent__kind")
        .distinct()
    ):
        assert fits_under(
            level=level, kind=kind, parent_level=parent_level, parent_kind=parent_kind
        ), (level, kind, parent_level, parent_kind)


def test_reference_units_carry_their_sort_key(unit):
    from tuyengiao.core.units import unit_sort_key

    assert unit("d-001").sort_key == unit_sort_key("Quận ủy Ba Đình")
    Unit.objects.filter(code="d-001").update(sort_key="")
    assert reference_load(provinces=["01"])["units_updated"] == 1
    assert unit("d-001").sort_key == unit_sort_key("Quận ủy Ba Đình")
