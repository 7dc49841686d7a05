"""Units to and from Excel (.xlsx): the sheet officials keep their unit lists in."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from tuyengiao.accounts.models import User
from tuyengiao.accounts.permissions import can_edit_unit
from tuyengiao.accounts.services import audit_record
from tuyengiao.core.units import name_key
from tuyengiao.org.models import Kind, Level, Unit
from tuyengiao.org.selectors import unit_order
from tuyengiao.org.services import UPDATABLE_FIELDS, placement_problem, unit_create, unit_update

HEADERS = [
    "Mã",
    "Tên",
    "Loại",
    "Cấp",
    "Mã đơn vị cấp trên",
    "Ký hiệu",
    "Địa bàn",
    "Mã ĐVHC",
    "Hoạt động từ",
    "Hoạt động đến",
]
FIELDS = list(UPDATABLE_FIELDS)  # one column per field a unit update may change
REQUIRED = {"code": "Mã", "name": "Tên", "kind": "Loại", "level": "Cấp"}
MAX_ROWS = 50_000


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def units_export(units: Iterable[Unit]) -> bytes:
    """An .xlsx with one unit per row, parents before children (each level in Vietnamese
    alphabetical order), Vietnamese headers. A queryset is read in chunks and the sheet
    written as it goes, so that the whole national list exports in constant memory."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Đơn vị")
    for column, width in zip("ABCDEFGHIJ", (14, 48, 22, 14, 18, 12, 24, 10, 14, 14), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, title, bold=True) for title in HEADERS])
    for unit, parent_code in _export_rows(units):
        sheet.append(
            [
                unit.code,
                unit.name,
                unit.get_kind_display(),
                unit.get_level_display(),
                parent_code,
                unit.symbol,
                unit.area_name,
                _cell(sheet, unit.area_code, number_format="@"),
                _cell(sheet, unit.valid_from, number_format="DD/MM/YYYY"),
                _cell(sheet, unit.valid_to, number_format="DD/MM/YYYY"),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(sheet, value, *, bold: bool = False, number_format: str = "") -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = Font(bold=True)
    if number_format:
        cell.number_format = number_format
    return cell


def _export_rows(units: Iterable[Unit]) -> Iterator[tuple[Unit, str]]:
    """The units, parents first, each with its parent's code."""
    if isinstance(units, QuerySet):
        ordered = unit_order(units.select_related("parent"), "depth")
        for unit in ordered.iterator(chunk_size=2000):
            yield unit, unit.parent.code if unit.parent_id else ""
        return
    units = sorted(units, key=lambda u: (u.depth, u.sort_key, u.pk or 0))
    parent_codes = _parent_codes(units)
    for unit in units:
        yield unit, parent_codes.get(unit.parent_id, "")


def _parent_codes(units: list[Unit]) -> dict[int, str]:
    codes = {u.parent_id: u.parent.code for u in units if u.parent_id and Unit.parent.is_cached(u)}
    missing = {u.parent_id for u in units if u.parent_id and u.parent_id not in codes}
    if missing:
        codes.update(Unit.objects.filter(pk__in=missing).values_list("pk", "code"))
    return codes


# ---------------------------------------------------------------------------------------------


def _choices(choices) -> dict[str, str]:
    """Accept the stored value or the Vietnamese label, whatever the diacritics or case."""
    lookup = {}
    for value, label in choices:
        lookup[name_key(value)] = value
        lookup[name_key(str(label))] = value
    return lookup


_KINDS = _choices(Kind.choices)
_LEVELS = _choices(Level.choices)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for parse in (_day_first, date.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            continue
    raise ValueError(text)


def _day_first(text: str) -> date:
    parts = text.replace("-", "/").replace(".", "/").split("/")
    if len(parts) != 3 or len(parts[2]) != 4:
        raise ValueError(text)
    return date(int(parts[2]), int(parts[1]), int(parts[0]))


def _read_rows(data: bytes) -> tuple[list[tuple[int, dict]], list[str]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        return [], ["Tệp không phải là tệp Excel (.xlsx) hợp lệ."]
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    by_title = {name_key(title): name for title, name in zip(HEADERS, FIELDS, strict=True)}
    columns = {
        index: by_title[name_key(_text(title))]
        for index, title in enumerate(header)
        if name_key(_text(title)) in by_title
    }
    missing = [title for name, title in REQUIRED.items() if name not in columns.values()]
    if missing:
        return [], [f"Dòng 1: thiếu cột {', '.join(missing)}."]
    found = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            return [], [f"Tệp có hơn {MAX_ROWS} dòng."]
        record = {
            name: values[index] if index < len(values) else None for index, name in columns.items()
        }
        if any(_text(v) for v in record.values()):
            found.append((number, record))
    book.close()
    return found, []


def _row_clean(number: int, record: dict, errors: list[str]) -> dict | None:
    row = {
        name: _text(record.get(name)) for name in FIELDS if name not in ("valid_from", "valid_to")
    }
    before = len(errors)
    for name, title in REQUIRED.items():
        if not row[name]:
            errors.append(f"Dòng {number}: thiếu {title.lower()}.")
    if row["kind"] and name_key(row["kind"]) not in _KINDS:
        errors.append(f"Dòng {number}: loại đơn vị '{row['kind']}' không hợp lệ.")
    if row["level"] and name_key(row["level"]) not in _LEVELS:
        errors.append(f"Dòng {number}: cấp '{row['level']}' không hợp lệ.")
    for name, title in (("valid_from", "ngày hoạt động từ"), ("valid_to", "ngày hoạt động đến")):
        try:
            row[name] = _date(record.get(name))
        except ValueError:
            errors.append(
                f"Dòng {number}: {title} '{_text(record.get(name))}' không hợp lệ "
                "(dạng dd/mm/yyyy)."
            )
            row[name] = None
    if row["valid_from"] and row["valid_to"] and row["valid_to"] < row["valid_from"]:
        errors.append(f"Dòng {number}: ngày hoạt động đến trước ngày hoạt động từ.")
    if len(errors) > before:
        return None
    row["kind"] = _KINDS[name_key(row["kind"])]
    row["level"] = _LEVELS[name_key(row["level"])]
    return row


def _rows_clean(rows: list[tuple[int, dict]]) -> tuple[list[tuple[int, dict]], list[str]]:
    """Each row's values checked and converted; a code repeated in the file is an error."""
    errors: list[str] = []
    cleaned: list[tuple[int, dict]] = []
    first_line: dict[str, int] = {}
    for number, record in rows:
        row = _row_clean(number, record, errors)
        if row is None:
            continue
        if row["code"] in first_line:
            errors.append(
                f"Dòng {number}: mã '{row['code']}' trùng với dòng {first_line[row['code']]}."
            )
            continue
        first_line[row["code"]] = number
        cleaned.append((number, row))
    return cleaned, errors


def _stored(cleaned: list[tuple[int, dict]]) -> dict[str, Unit]:
    """The stored units the file names, as rows or as parents, by code."""
    codes = {row["code"] for _, row in cleaned} | {row["parent"] for _, row in cleaned}
    codes.discard("")
    return {u.code: u for u in Unit.objects.filter(code__in=codes).select_related("parent")}


def _tree_problems(cleaned: list[tuple[int, dict]], stored: dict[str, Unit]) -> list[str]:
    """Parents that do not exist, units that may not sit under their parent, and cycles.

    Rows that change nothing are left alone: a unit stored before a rule was tightened may
    come back in an exported list unchanged.
    """
    errors = []
    in_file = {row["code"]: row for _, row in cleaned}
    for number, row in cleaned:
        parent = row["parent"]
        unit = stored.get(row["code"])
        if not parent or (unit is not None and not _changes(row, unit)):
            continue
        if parent not in in_file and parent not in stored:
            errors.append(f"Dòng {number}: mã đơn vị cấp trên '{parent}' không tồn tại.")
            continue
        if parent in in_file:
            level, kind = in_file[parent]["level"], in_file[parent]["kind"]
        else:
            level, kind = stored[parent].level, stored[parent].kind
        problem = placement_problem(
            level=row["level"],
            kind=row["kind"],
            parent_level=level,
            parent_kind=kind,
            parent_label=f"'{parent}'",
        )
        if problem:
            errors.append(f"Dòng {number}: {problem}.")
        elif _makes_cycle(row["code"], in_file, stored):
            errors.append(
                f"Dòng {number}: đơn vị '{row['code']}' nằm trong chính các đơn vị cấp dưới của nó."
            )
    return errors


def _makes_cycle(code: str, in_file: dict[str, dict], stored: dict[str, Unit]) -> bool:
    """True when following the parents of ``code`` (the file's, then the stored tree's)
    leads back to it."""
    seen = {code}
    current = in_file[code]["parent"]
    while current:
        if current in seen:
            return True
        seen.add(current)
        if current in in_file:
            current = in_file[current]["parent"]
            continue
        # a stored unit the file does not change: climb its stored ancestors, nearest first,
        # to the first one the file re-parents
        unit = stored[current]
        codes = dict(Unit.objects.filter(pk__in=unit.ancestor_ids).values_list("pk", "code"))
        nearest = [codes[pk] for pk in reversed(unit.ancestor_ids) if codes.get(pk) in in_file]
        current = nearest[0] if nearest else ""
    return False


def _permission_problems(
    actor: User | None, cleaned: list[tuple[int, dict]], stored: dict[str, Unit]
) -> list[str]:
    """Rows that create, change or move a unit outside what ``actor`` may change.

    Changing a unit needs ``can_edit_unit`` on it; creating one, or moving one, needs it on the
    new parent (a parent the file creates is checked on its own row). Rows that change nothing
    need nothing, so a whole exported list can come back with one unit edited.
    """
    if actor is None or actor.is_platform_admin:
        return []
    errors = []
    for number, row in cleaned:
        unit = stored.get(row["code"])
        changes = _changes(row, unit) if unit is not None else {"parent": row["parent"]}
        if not changes:
            continue
        if unit is not None and not can_edit_unit(actor, unit):
            errors.append(f"Dòng {number}: không có quyền sửa đơn vị «{unit.name}».")
        elif "parent" in changes and (refused := _parent_refused(actor, row["parent"], stored)):
            errors.append(f"Dòng {number}: {refused}.")
    return errors


def _parent_refused(actor: User, parent_code: str, stored: dict[str, Unit]) -> str | None:
    """Why ``actor`` may not put a unit under ``parent_code``, or None when they may."""
    if not parent_code:
        return "chỉ quản trị hệ thống mới đặt được đơn vị không có đơn vị cấp trên"
    parent = stored.get(parent_code)  # None: created by the file, checked on its own row
    if parent is not None and not can_edit_unit(actor, parent):
        return f"không có quyền thêm đơn vị trực thuộc «{parent.name}»"
    return None


def _changes(row: dict, unit: Unit) -> dict:
    """The fields of ``unit`` the row changes; ``parent`` by code."""
    changes = {
        name: value
        for name, value in row.items()
        if name != "parent" and getattr(unit, name) != value
    }
    parent_code = unit.parent.code if unit.parent_id else ""
    if row["parent"] != parent_code:
        changes["parent"] = row["parent"]
    return changes


def units_import(*, actor: User | None, data: bytes) -> ImportResult:
    """Create or update units (by code) from an .xlsx; all rows or nothing.

    Every row is checked first, for its values, its place in the tree and whether ``actor`` may
    make the change (``actor=None`` is the system itself, which may); any error rejects the
    whole file and nothing is stored.
    """
    rows, errors = _read_rows(data)
    if errors:
        return ImportResult(errors=errors)
    cleaned, errors = _rows_clean(rows)
    result = ImportResult()
    try:
        with transaction.atomic():
            stored = _stored(cleaned)
            errors += _tree_problems(cleaned, stored)
            errors += _permission_problems(actor, cleaned, stored)
            if errors:
                return ImportResult(errors=errors)
            for number, row in _parents_first(cleaned):
                _row_store(number, row, actor, stored, result)
            audit_record(
                actor=actor,
                action="units_import",
                object_type="org.unit",
                label="Nhập đơn vị từ Excel",
                after={"created": result.created, "updated": result.updated},
            )
    except _RowRejected as exc:
        return ImportResult(errors=[str(exc)])
    return result


class _RowRejected(Exception):
    pass


def _parents_first(cleaned: list[tuple[int, dict]]) -> list[tuple[int, dict]]:
    in_file = {row["code"]: (number, row) for number, row in cleaned}
    ordered: list[tuple[int, dict]] = []
    placed: set[str] = set()

    def place(code: str) -> None:
        if code in placed:
            return
        placed.add(code)
        number, row = in_file[code]
        if row["parent"] in in_file:
            place(row["parent"])
        ordered.append((number, row))

    for code in in_file:
        place(code)
    return ordered


def _row_store(
    number: int, row: dict, actor: User | None, by_code: dict[str, Unit], result: ImportResult
) -> None:
    """Create or update the row's unit; ``by_code`` learns the units created."""
    unit = by_code.get(row["code"])
    values = dict(row, parent=by_code[row["parent"]] if row["parent"] else None)
    try:
        if unit is None:
            by_code[row["code"]] = unit_create(actor=actor, **values)
            result.created += 1
            return
        changes = {name: values[name] for name in _changes(row, unit)}
        if not changes:
            result.unchanged += 1
            return
        by_code[row["code"]] = unit_update(actor=actor, unit=unit, **changes)
        result.updated += 1
    except ValidationError as exc:
        raise _RowRejected(f"Dòng {number}: {'; '.join(exc.messages)}") from exc
