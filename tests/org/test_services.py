import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tuyengiao.accounts.models import AuditEntry
from tuyengiao.core.units import unit_sort_key
from tuyengiao.org.models import Kind, Level, Succession, Unit
from tuyengiao.org.services import paths_rebuild, unit_add_successor, unit_create, unit_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_tree(admin):
    tw = unit_create(
        actor=admin,
        code="tw",
        name="Ban Chấp hành Trung ương Đảng",
        kind=Kind.COMMITTEE,
        level=Level.CENTRAL,
        symbol="TW",
    )
    hanoi = unit_create(
        actor=admin,
        code="p-01",
        name="Thành ủy Hà Nội",
        kind=Kind.COMMITTEE,
        level=Level.PROVINCE,
        parent=tw,
        symbol="TU",
        area_name="Hà Nội",
    )
    haiphong = unit_create(
        actor=admin,
        code="p-31",
        name="Thành ủy Hải Phòng",
        kind=Kind.COMMITTEE,
        level=Level.PROVINCE,
        parent=tw,
        symbol="TU",
    )
    badinh = unit_create(
        actor=admin,
        code="d-001",
        name="Quận ủy Ba Đình",
        kind=Kind.COMMITTEE,
        level=Level.DISTRICT,
        parent=hanoi,
        symbol="QU",
    )
    trucbach = unit_create(
        actor=admin,
        code="c-00004",
        name="Đảng ủy phường Trúc Bạch",
        kind=Kind.COMMITTEE,
        level=Level.GRASSROOTS,
        parent=badinh,
        symbol="ĐU",
    )
    return tw, hanoi, haiphong, badinh, trucbach


def test_it_creates_a_unit_with_its_folded_name_path_and_depth(small_tree):
    tw, hanoi, _, badinh, trucbach = small_tree
    assert tw.path == f"/{tw.pk}/" and tw.depth == 0
    assert trucbach.path == f"/{tw.pk}/{hanoi.pk}/{badinh.pk}/{trucbach.pk}/"
    assert trucbach.depth == 3
    assert trucbach.name_folded == "dang uy phuong truc bach"


def test_it_audits_a_created_unit_with_its_values(admin, small_tree):
    hanoi = small_tree[1]
    entry = AuditEntry.objects.get(action="unit_create", object_id=str(hanoi.pk))
    assert entry.actor == admin
    assert entry.before is None
    assert entry.after["code"] == "p-01"
    assert entry.after["name"] == "Thành ủy Hà Nội"


def test_it_moves_the_whole_subtree_when_a_unit_changes_parent(admin, small_tree):
    tw, _, haiphong, badinh, trucbach = small_tree
    unit_update(actor=admin, unit=badinh, parent=haiphong)
    trucbach.refresh_from_db()
    badinh.refresh_from_db()
    assert badinh.path == f"/{tw.pk}/{haiphong.pk}/{badinh.pk}/"
    assert trucbach.path == f"/{tw.pk}/{haiphong.pk}/{badinh.pk}/{trucbach.pk}/"
    assert trucbach.depth == 3
    assert paths_rebuild() == 0


def test_it_keeps_depths_right_when_a_unit_moves_up_the_tree(admin, small_tree):
    tw, _, _, badinh, trucbach = small_tree
    unit_update(actor=admin, unit=badinh, parent=tw, level=Level.DISTRICT)
    trucbach.refresh_from_db()
    assert trucbach.path == f"/{tw.pk}/{badinh.pk}/{trucbach.pk}/"
    assert trucbach.depth == 2


def test_it_refuses_to_put_a_unit_under_its_own_descendant(admin, small_tree):
    _, hanoi, _, _, trucbach = small_tree
    with pytest.raises(ValidationError) as excinfo:
        unit_update(actor=admin, unit=hanoi, parent=trucbach)
    assert "cấp dưới của chính nó" in str(excinfo.value)
    hanoi.refresh_from_db()
    assert hanoi.parent.code == "tw"


def test_it_refuses_to_make_a_unit_its_own_parent(admin, small_tree):
    hanoi = small_tree[1]
    with pytest.raises(ValidationError):
        unit_update(actor=admin, unit=hanoi, parent=hanoi)


def test_it_audits_an_update_with_the_values_before_and_after(admin, small_tree):
    badinh = small_tree[3]
    unit_update(actor=admin, unit=badinh, name="Quận uỷ  Ba Đình", valid_to=dt.date(2025, 6, 30))
    entry = AuditEntry.objects.get(action="unit_update", object_id=str(badinh.pk))
    assert entry.before == {"name": "Quận ủy Ba Đình", "valid_to": None}
    assert entry.after == {"name": "Quận uỷ Ba Đình", "valid_to": "2025-06-30"}
    badinh.refresh_from_db()
    assert badinh.name_folded == "quan uy ba dinh"


def test_it_writes_nothing_when_an_update_changes_nothing(admin, small_tree):
    badinh = small_tree[3]
    unit_update(actor=admin, unit=badinh, name="Quận ủy Ba Đình")
    assert not AuditEntry.objects.filter(action="unit_update").exists()


def test_it_refuses_a_unit_above_the_level_of_its_parent(admin, small_tree):
    badinh = small_tree[3]
    with pytest.raises(ValidationError) as excinfo:
        unit_create(
            actor=admin,
            code="x",
            name="Tỉnh ủy X",
            kind=Kind.COMMITTEE,
            level=Level.PROVINCE,
            parent=badinh,
        )
    assert "cao hơn cấp của đơn vị cấp trên" in str(excinfo.value)
    assert not Unit.objects.filter(code="x").exists()


def test_it_refuses_an_end_date_before_the_start_date(admin):
    with pytest.raises(ValidationError) as excinfo:
        unit_create(
            actor=admin,
            code="x",
            name="Tỉnh ủy X",
            kind=Kind.COMMITTEE,
            level=Level.PROVINCE,
            valid_from=dt.date(2025, 7, 1),
            valid_to=dt.date(2025, 6, 30),
        )
    assert "Ngày kết thúc" in str(excinfo.value)


def test_it_refuses_a_second_unit_with_the_same_code(admin, small_tree):
    with pytest.raises(ValidationError):
        unit_create(
            actor=admin,
            code="p-01",
            name="Thành ủy Hà Nội",
            kind=Kind.COMMITTEE,
            level=Level.PROVINCE,
        )


def test_it_refuses_an_unknown_field(admin, small_tree):
    with pytest.raises(TypeError):
        unit_update(actor=admin, unit=small_tree[1], path="/1/")


def test_it_records_a_successor_with_an_audit_entry(admin, small_tree):
    _, hanoi, haiphong, badinh, _ = small_tree
    succession = unit_add_successor(
        actor=admin,
        predecessor=badinh,
        successor=hanoi,
        kind=Succession.Kind.DISSOLVE,
        effective=dt.date(2025, 7, 1),
    )
    assert list(badinh.successors.all()) == [hanoi]
    assert list(hanoi.predecessors.all()) == [badinh]
    entry = AuditEntry.objects.get(action="unit_add_successor")
    assert entry.object_id == str(badinh.pk)
    assert entry.after["successor_id"] == hanoi.pk
    assert succession.kind == "dissolve"


def test_it_refuses_a_unit_succeeding_itself_or_a_repeated_succession(admin, small_tree):
    _, hanoi, haiphong, _, _ = small_tree
    with pytest.raises(ValidationError):
        unit_add_successor(
            actor=admin, predecessor=hanoi, successor=hanoi, kind="merge", effective=None
        )
    unit_add_successor(
        actor=admin, predecessor=haiphong, successor=hanoi, kind="merge", effective=None
    )
    with pytest.raises(ValidationError):
        unit_add_successor(
            actor=admin, predecessor=haiphong, successor=hanoi, kind="merge", effective=None
        )


def test_it_refuses_to_lower_a_unit_below_the_level_of_its_children(admin, small_tree):
    hanoi = small_tree[1]
    with pytest.raises(ValidationError) as excinfo:
        unit_update(actor=admin, unit=hanoi, level=Level.GRASSROOTS)
    assert "đơn vị trực thuộc ở cấp cao hơn hoặc ngang cấp" in str(excinfo.value)


def test_it_refuses_a_committee_at_the_level_of_its_parent_committee(admin, small_tree):
    hanoi = small_tree[1]
    with pytest.raises(ValidationError) as excinfo:
        unit_create(
            actor=admin,
            code="x",
            name="Tỉnh ủy X",
            kind=Kind.COMMITTEE,
            level=Level.PROVINCE,
            parent=hanoi,
        )
    assert "cùng cấp với đơn vị cấp trên «Thành ủy Hà Nội»" in str(excinfo.value)


def test_a_committee_s_department_and_peoples_committee_sit_at_its_level(admin, small_tree):
    hanoi = small_tree[1]
    for code, name, kind in (
        ("p-01-btgdv", "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội", Kind.DEPARTMENT),
        ("p-01-ubnd", "Ủy ban nhân dân thành phố Hà Nội", Kind.PEOPLES_COMMITTEE),
    ):
        unit = unit_create(
            actor=admin, code=code, name=name, kind=kind, level=Level.PROVINCE, parent=hanoi
        )
        assert unit.parent == hanoi


def test_it_refuses_to_turn_a_committee_with_bodies_at_its_level_into_a_body(admin, small_tree):
    hanoi = small_tree[1]
    unit_create(
        actor=admin,
        code="p-01-ubnd",
        name="Ủy ban nhân dân thành phố Hà Nội",
        kind=Kind.PEOPLES_COMMITTEE,
        level=Level.PROVINCE,
        parent=hanoi,
    )
    with pytest.raises(ValidationError):
        unit_update(actor=admin, unit=hanoi, kind=Kind.OTHER)


def test_it_keeps_the_sort_key_in_step_with_the_name(admin, small_tree):
    badinh = small_tree[3]
    assert badinh.sort_key == unit_sort_key("Quận ủy Ba Đình")
    unit_update(actor=admin, unit=badinh, name="Quận ủy Đống Đa")
    badinh.refresh_from_db()
    assert badinh.sort_key == unit_sort_key("Quận ủy Đống Đa")
