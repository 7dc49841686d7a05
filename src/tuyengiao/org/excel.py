"""Units to and from Excel (.xlsx): the sheet officials keep their unit lists in."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from tuyengiao.accounts.models import User
from tuyengiao.accounts.services import audit_record
from tuyengiao.core.units import name_key
from tuyengiao.org.models import LEVEL_ORDER, Kind, Level, Unit
from tuyengiao.org.services import unit_create, unit_update

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
FIELDS = [
    "code",
    "name",
    "kind",
    "level",
    "parent",
    "symbol",
    "area_name",
    "area_code",
    "valid_from",
    "valid_to",
]
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
    """An .xlsx with one unit per row, parents before children, Vietnamese headers."""
    if isinstance(units, QuerySet):
        units = units.select_related("parent")
    units = list(units)
    parent_codes = _parent_codes(units)
    units.sort(key=lambda u: (u.depth, u.path))
    book = Workbook()
    sheet = book.active
    sheet.title = "Đơn vị"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for unit in units:
        sheet.append(
            [
                unit.code,
                unit.name,
                unit.get_kind_display(),
                unit.get_level_display(),
                parent_codes.get(unit.parent_id, ""),
                unit.symbol,
                unit.area_name,
                unit.area_code,
                unit.valid_from,
                unit.valid_to,
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        row[7].number_format = "@"
        for cell in row[8:10]:
            cell.number_format = "DD/MM/YYYY"
    for column, width in zip("ABCDEFGHIJ", (14, 48, 22, 14, 18, 12, 24, 10, 14, 14), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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


def _rows_validate(rows: list[tuple[int, dict]]) -> tuple[list[tuple[int, dict]], list[str]]:
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
    in_file = {row["code"]: row for _, row in cleaned}
    codes = set(in_file) | {r["parent"] for r in in_file.values() if r["parent"]}
    stored = {
        u.code: u
        for u in Unit.objects.filter(code__in=codes).only(
            "pk", "code", "level", "parent_id", "path"
        )
    }
    for number, row in cleaned:
        parent = row["parent"]
        if not parent:
            continue
        if parent not in in_file and parent not in stored:
            errors.append(f"Dòng {number}: mã đơn vị cấp trên '{parent}' không tồn tại.")
            continue
        parent_level = in_file[parent]["level"] if parent in in_file else stored[parent].level
        if LEVEL_ORDER[row["level"]] < LEVEL_ORDER[parent_level]:
            errors.append(
                f"Dòng {number}: cấp của đơn vị cao hơn cấp của đơn vị cấp trên '{parent}'."
            )
        elif _makes_cycle(row["code"], in_file, stored):
            errors.append(
                f"Dòng {number}: đơn vị '{row['code']}' nằm trong chính các đơn vị cấp dưới của nó."
            )
    return cleaned, errors


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


def units_import(*, actor: User | None, data: bytes) -> ImportResult:
    """Create or update units (by code) from an .xlsx; all rows or nothing.

    Every row is checked first; any error rejects the whole file and nothing is stored.
    """
    rows, errors = _read_rows(data)
    if errors:
        return ImportResult(errors=errors)
    cleaned, errors = _rows_validate(rows)
    if errors:
        return ImportResult(errors=errors)
    result = ImportResult()
    try:
        with transaction.atomic():
            codes = {row["code"] for _, row in cleaned}
            codes |= {row["parent"] for _, row in cleaned if row["parent"]}
            by_code = {u.code: u for u in Unit.objects.filter(code__in=codes)}
            for number, row in _parents_first(cleaned):
                _row_store(number, row, actor, by_code, result)
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
    values = dict(row)
    parent_code = values.pop("parent")
    parent = None
    if parent_code:
        parent = by_code[parent_code]
    values["parent"] = parent
    unit = by_code.get(values["code"])
    try:
        if unit is None:
            by_code[values["code"]] = unit_create(actor=actor, **values)
            result.created += 1
            return
        changes = {
            name: value
            for name, value in values.items()
            if (value.pk if name == "parent" and value else value)
            != (unit.parent_id if name == "parent" else getattr(unit, name))
        }
        if not changes:
            result.unchanged += 1
            return
        by_code[values["code"]] = unit_update(actor=actor, unit=unit, **changes)
        result.updated += 1
    except ValidationError as exc:
        raise _RowRejected(f"Dòng {number}: {'; '.join(exc.messages)}") from exc
