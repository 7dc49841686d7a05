import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from tests.factories import make_unit, make_user
from tuyengiao.accounts.models import AuditEntry, User
from tuyengiao.org.excel import HEADERS, units_export, units_import
from tuyengiao.org.models import Kind, Level, Unit
from tuyengiao.org.services import unit_create

pytestmark = pytest.mark.django_db

FIELDS = (
    "code",
    "name",
    "kind",
    "level",
    "parent_id",
    "symbol",
    "area_name",
    "area_code",
    "valid_from",
    "valid_to",
    "path",
    "depth",
)


@pytest.fixture
def units(admin):
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
        area_code="01",
    )
    unit_create(
        actor=admin,
        code="d-001",
        name="Quận ủy Ba Đình",
        kind=Kind.COMMITTEE,
        level=Level.DISTRICT,
        parent=hanoi,
        symbol="QU",
        area_name="Ba Đình",
        area_code="001",
        valid_to=dt.date(2025, 6, 30),
    )
    unit_create(
        actor=admin,
        code="c2-00004",
        name="Đảng ủy phường Ba Đình",
        kind=Kind.COMMITTEE,
        level=Level.GRASSROOTS,
        parent=hanoi,
        symbol="ĐU",
        area_name="Ba Đình",
        area_code="00004",
        valid_from=dt.date(2025, 7, 1),
    )
    return Unit.objects.all()


def snapshot():
    return sorted(Unit.objects.values_list(*FIELDS))


def sheet(rows, headers=HEADERS) -> bytes:
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_export_has_vietnamese_headers_and_one_row_per_unit(units):
    book = load_workbook(io.BytesIO(units_export(units)))
    rows = list(book.active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert rows[1][:5] == ("tw", "Ban Chấp hành Trung ương Đảng", "Cấp ủy", "Trung ương", None)
    ba_dinh = next(r for r in rows if r[0] == "d-001")
    assert ba_dinh[4] == "p-01"
    assert ba_dinh[7] == "001"
    assert ba_dinh[9].date() == dt.date(2025, 6, 30)


def test_an_exported_file_imports_back_without_changes(admin, units):
    before = snapshot()
    audit_before = AuditEntry.objects.exclude(action="units_import").count()
    result = units_import(actor=admin, data=units_export(units))
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)
    assert snapshot() == before
    assert AuditEntry.objects.exclude(action="units_import").count() == audit_before


def test_an_exported_list_exports_the_same_as_the_queryset(units):
    assert load_workbook(io.BytesIO(units_export(list(units)))).active["E3"].value == "tw"


def test_it_creates_and_updates_units_by_code(admin, units):
    data = sheet(
        [
            [
                "c-00004",
                "Đảng ủy phường Trúc Bạch",
                "Cấp ủy",
                "cap co so",
                "d-001",
                "ĐU",
                "Trúc Bạch",
                "00004",
                None,
                "30/06/2025",
            ],
            [
                "d-001",
                "Quận ủy Ba Đình",
                "committee",
                "district",
                "p-01",
                "QU",
                "Ba Đình",
                "001",
                None,
                dt.datetime(2025, 6, 30),
            ],
            ["p-01", "Thành uỷ Hà Nội", "Cấp ủy", "Cấp tỉnh", "tw", "TU", "Hà Nội", "01", "", ""],
        ]
    )
    result = units_import(actor=admin, data=data)
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    ward = Unit.objects.get(code="c-00004")
    assert ward.parent.code == "d-001"
    assert ward.level == Level.GRASSROOTS
    assert ward.valid_to == dt.date(2025, 6, 30)
    assert ward.path == f"{ward.parent.path}{ward.pk}/"
    assert Unit.objects.get(code="p-01").name == "Thành uỷ Hà Nội"
    assert AuditEntry.objects.filter(action="units_import").count() == 1


def test_a_child_may_come_before_its_parent_in_the_file(admin, units):
    data = sheet(
        [
            ["c-1", "Đảng ủy xã Một", "Cấp ủy", "Cấp cơ sở", "d-9", "ĐU"],
            ["d-9", "Huyện ủy Chín", "Cấp ủy", "Cấp huyện", "p-01", "HU"],
        ]
    )
    result = units_import(actor=admin, data=data)
    assert result.errors == []
    assert Unit.objects.get(code="c-1").parent.code == "d-9"


def test_a_file_with_errors_is_rejected_whole_and_nothing_is_stored(admin, units):
    before = snapshot()
    audit_before = AuditEntry.objects.count()
    data = sheet(
        [
            ["c-00004", "Đảng ủy phường Trúc Bạch", "Cấp ủy", "Cấp cơ sở", "d-001", "ĐU"],
            ["c-x", "Đảng ủy xã X", "Cấp ủy", "Cấp cơ sở", "x", "ĐU"],
            ["c-y", "Đảng ủy xã Y", "Cấp ủy", "Cấp xã", "d-001", "ĐU"],
            ["c-z", "Đảng ủy xã Z", "Hội đoàn", "Cấp cơ sở", "d-001", "ĐU", "", "", "31/02/2025"],
            ["c-w", "", "Cấp ủy", "Cấp cơ sở", "d-001"],
            ["c-00004", "Trùng mã", "Cấp ủy", "Cấp cơ sở", "d-001"],
            ["p-99", "Tỉnh ủy Chín", "Cấp ủy", "Cấp tỉnh", "d-001", "TU"],
        ]
    )
    result = units_import(actor=admin, data=data)
    assert result.errors == [
        "Dòng 4: cấp 'Cấp xã' không hợp lệ.",
        "Dòng 5: loại đơn vị 'Hội đoàn' không hợp lệ.",
        "Dòng 5: ngày hoạt động từ '31/02/2025' không hợp lệ (dạng dd/mm/yyyy).",
        "Dòng 6: thiếu tên.",
        "Dòng 7: mã 'c-00004' trùng với dòng 2.",
        "Dòng 3: mã đơn vị cấp trên 'x' không tồn tại.",
        "Dòng 8: cấp của đơn vị (Cấp tỉnh) cao hơn cấp của đơn vị cấp trên 'd-001' (Cấp huyện).",
    ]
    assert (result.created, result.updated) == (0, 0)
    assert snapshot() == before
    assert AuditEntry.objects.count() == audit_before


def test_it_rejects_a_committee_under_a_body_of_its_own_level(admin, units):
    unit_create(
        actor=admin,
        code="p-01-btgdv",
        name="Ban Tuyên giáo và Dân vận Thành ủy Hà Nội",
        kind=Kind.DEPARTMENT,
        level=Level.PROVINCE,
        parent=Unit.objects.get(code="p-01"),
    )
    before = snapshot()
    data = sheet([["p-01", "Thành ủy Hà Nội", "Cấp ủy", "Cấp tỉnh", "p-01-btgdv", "TU"]])
    result = units_import(actor=admin, data=data)
    assert result.errors == [
        "Dòng 2: đơn vị cùng cấp với đơn vị cấp trên 'p-01-btgdv' (Cấp tỉnh): chỉ các ban, "
        "cơ quan của một cấp ủy mới trực thuộc cấp ủy đó ở cùng cấp."
    ]
    assert snapshot() == before


def test_it_rejects_a_committee_at_the_level_of_its_parent_committee(admin, units):
    data = sheet([["p-99", "Tỉnh ủy Chín", "Cấp ủy", "Cấp tỉnh", "p-01", "TU"]])
    result = units_import(actor=admin, data=data)
    assert result.errors[0].startswith("Dòng 2: đơn vị cùng cấp với đơn vị cấp trên 'p-01'")
    assert not Unit.objects.filter(code="p-99").exists()


def test_it_accepts_the_bodies_of_a_committee_at_the_committees_level(admin, units):
    data = sheet(
        [
            [
                "p-01-btgdv",
                "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội",
                "Ban Tuyên giáo (và Dân vận)",
            ]
            + ["Cấp tỉnh", "p-01", "BTGDVTU"],
            ["p-01-ubnd", "Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân", "Cấp tỉnh"]
            + ["p-01", "UBND"],
        ]
    )
    result = units_import(actor=admin, data=data)
    assert result.errors == []
    assert result.created == 2


def test_it_rejects_a_file_that_would_put_a_unit_under_its_own_descendant(admin, units):
    hanoi = Unit.objects.get(code="p-01")
    department = unit_create(
        actor=admin,
        code="p-01-btgdv",
        name="Ban Tuyên giáo và Dân vận Thành ủy Hà Nội",
        kind=Kind.DEPARTMENT,
        level=Level.PROVINCE,
        parent=hanoi,
    )
    # a committee stored (by hand, wrongly) under the department
    make_unit("Đảng ủy Khối", parent=department, code="x", level=Level.PROVINCE)
    before = snapshot()
    data = sheet(
        [["p-01-btgdv", "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội", "department", "province", "x"]]
    )
    result = units_import(actor=admin, data=data)
    assert result.errors == [
        "Dòng 2: đơn vị 'p-01-btgdv' nằm trong chính các đơn vị cấp dưới của nó."
    ]
    assert snapshot() == before


def test_it_rejects_units_that_are_each_others_parents_in_the_file(admin, units):
    data = sheet(
        [
            ["p-a", "Tỉnh ủy A", "Cấp ủy", "Cấp tỉnh", "p-b", "TU"],
            ["p-b", "Tỉnh ủy B", "Cấp ủy", "Cấp tỉnh", "p-a", "TU"],
        ]
    )
    result = units_import(actor=admin, data=data)
    assert len(result.errors) == 2
    assert not Unit.objects.filter(code__in=["p-a", "p-b"]).exists()


def test_it_rejects_a_file_that_is_not_excel_or_lacks_columns(admin, units):
    assert units_import(actor=admin, data=b"not a workbook").errors == [
        "Tệp không phải là tệp Excel (.xlsx) hợp lệ."
    ]
    result = units_import(actor=admin, data=sheet([["x"]], headers=["Mã", "Tên"]))
    assert result.errors == ["Dòng 1: thiếu cột Loại, Cấp."]


# ---------------------------------------------------------------------------------------------
# Who may import what: a manager changes only his own subtree


@pytest.fixture
def haiphong(admin, units):
    return unit_create(
        actor=admin,
        code="p-31",
        name="Thành ủy Hải Phòng",
        kind=Kind.COMMITTEE,
        level=Level.PROVINCE,
        parent=Unit.objects.get(code="tw"),
        symbol="TU",
    )


@pytest.fixture
def hanoi_manager(units):
    return make_user("hanoi", Unit.objects.get(code="p-01"), User.Role.MANAGER)


def test_a_manager_may_not_rename_a_unit_outside_his_subtree(hanoi_manager, haiphong):
    before = snapshot()
    audit_before = AuditEntry.objects.count()
    data = sheet(
        [
            ["c-new", "Đảng ủy phường Mới", "Cấp ủy", "Cấp cơ sở", "p-01", "ĐU"],
            ["p-31", "Thành ủy Hải Phòng (mới)", "Cấp ủy", "Cấp tỉnh", "tw", "TU"],
        ]
    )
    result = units_import(actor=hanoi_manager, data=data)
    assert result.errors == ["Dòng 3: không có quyền sửa đơn vị «Thành ủy Hải Phòng»."]
    assert (result.created, result.updated) == (0, 0)
    assert snapshot() == before
    assert AuditEntry.objects.count() == audit_before


def test_a_manager_may_create_a_ward_under_his_own_city(hanoi_manager, haiphong):
    data = sheet([["c-new", "Đảng ủy phường Mới", "Cấp ủy", "Cấp cơ sở", "p-01", "ĐU"]])
    result = units_import(actor=hanoi_manager, data=data)
    assert result.errors == []
    assert Unit.objects.get(code="c-new").parent.code == "p-01"


def test_a_manager_may_not_create_a_unit_under_another_province(hanoi_manager, haiphong):
    data = sheet([["c-new", "Đảng ủy phường Mới", "Cấp ủy", "Cấp cơ sở", "p-31", "ĐU"]])
    result = units_import(actor=hanoi_manager, data=data)
    assert result.errors == ["Dòng 2: không có quyền thêm đơn vị trực thuộc «Thành ủy Hải Phòng»."]
    assert not Unit.objects.filter(code="c-new").exists()


def test_a_manager_may_not_move_his_unit_out_to_another_province(hanoi_manager, haiphong):
    before = snapshot()
    data = sheet([["d-001", "Quận ủy Ba Đình", "Cấp ủy", "Cấp huyện", "p-31", "QU"]])
    result = units_import(actor=hanoi_manager, data=data)
    assert result.errors == ["Dòng 2: không có quyền thêm đơn vị trực thuộc «Thành ủy Hải Phòng»."]
    assert snapshot() == before


def test_a_manager_may_not_make_a_unit_without_a_parent(hanoi_manager):
    data = sheet([["x", "Ban X", "Khác", "Trung ương"]])
    result = units_import(actor=hanoi_manager, data=data)
    assert result.errors == [
        "Dòng 2: chỉ quản trị hệ thống mới đặt được đơn vị không có đơn vị cấp trên."
    ]


def test_a_unit_created_in_the_file_may_take_children_in_the_same_file(hanoi_manager):
    data = sheet(
        [
            ["c-2", "Chi bộ Hai", "Khác", "Cấp cơ sở", "d-9", ""],
            ["d-9", "Huyện ủy Chín", "Cấp ủy", "Cấp huyện", "p-01", "HU"],
        ]
    )
    result = units_import(actor=hanoi_manager, data=data)
    assert result.errors == []
    assert Unit.objects.get(code="c-2").parent.code == "d-9"


def test_a_whole_exported_list_comes_back_with_only_his_own_change(hanoi_manager, haiphong):
    book = load_workbook(io.BytesIO(units_export(Unit.objects.all())))
    rows = [list(row) for row in book.active.iter_rows(values_only=True)]
    ba_dinh = next(row for row in rows if row[0] == "d-001")
    ba_dinh[1] = "Quận ủy quận Ba Đình"
    result = units_import(actor=hanoi_manager, data=sheet(rows[1:], headers=rows[0]))
    assert result.errors == []
    assert (result.updated, result.unchanged) == (1, 4)
    assert Unit.objects.get(code="d-001").name == "Quận ủy quận Ba Đình"


def test_an_officer_may_change_nothing(units):
    officer = make_user("officer", Unit.objects.get(code="p-01"), User.Role.OFFICER)
    data = sheet([["c-new", "Đảng ủy phường Mới", "Cấp ủy", "Cấp cơ sở", "p-01", "ĐU"]])
    result = units_import(actor=officer, data=data)
    assert result.errors == ["Dòng 2: không có quyền thêm đơn vị trực thuộc «Thành ủy Hà Nội»."]


def test_the_export_streams_every_unit_parents_first(units):
    book = load_workbook(io.BytesIO(units_export(Unit.objects.all())), read_only=True)
    rows = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == ["tw", "p-01", "c2-00004", "d-001"]


def test_an_unchanged_row_is_not_checked_against_a_rule_it_predates(admin, units):
    hanoi = Unit.objects.get(code="p-01")
    make_unit("Tỉnh ủy Cũ", parent=hanoi, code="p-old", level=Level.PROVINCE)  # stored long ago
    result = units_import(actor=admin, data=units_export(Unit.objects.all()))
    assert result.errors == []
    assert result.unchanged == 5
