"""Progress reports offline: an Excel template a unit fills, and its validated upload.

The template has one row per task the unit carries, and one column per indicator of those tasks
(headed "name [code]"). An upload is checked whole first: a wrong unit, period, status or number
is reported with its row and the reason, and then nothing of that file is stored.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from tuyengiao.core.periods import PeriodError, parse_period
from tuyengiao.core.units import name_key
from tuyengiao.org.models import Unit
from tuyengiao.work.models import Assignment, Indicator, ProgressReport
from tuyengiao.work.services import ReportInput, WorkError, report_problems, report_submit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIXED = ["Mã", "Đơn vị", "Kỳ báo cáo", "Nhiệm vụ", "Tình trạng", "Kết quả, ghi chú", "Minh chứng"]
_CODE = re.compile(r"\[([\w-]+)\]\s*$")
_GREY = PatternFill("solid", fgColor="DDDDDD")
MAX_ROWS = 5000


def _assignments(unit: Unit):
    return (
        Assignment.objects.filter(unit=unit)
        .select_related("task")
        .prefetch_related("task__indicators")
        .order_by("task__group__plan_id", "task__group__order", "task__order", "pk")
    )


def reports_template(*, unit: Unit, period: str) -> bytes:
    """The sheet a unit fills offline for ``period``, prefilled with its current reports."""
    code = parse_period(period).code
    assignments = list(_assignments(unit))
    indicators: dict[int, Indicator] = {}
    for a in assignments:
        for i in a.task.indicators.all():
            indicators.setdefault(i.pk, i)
    current = {
        r.assignment_id: r
        for r in ProgressReport.objects.filter(
            assignment__in=assignments, period=code, current=True
        ).prefetch_related("values")
    }
    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    headers = FIXED + [f"{i.name} [{i.code}]" for i in indicators.values()]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    labels = dict(ProgressReport.Status.choices)
    for row, a in enumerate(assignments, start=2):
        report = current.get(a.pk)
        values = {v.indicator_id: float(v.value) for v in report.values.all()} if report else {}
        own = {i.pk for i in a.task.indicators.all()}
        sheet.append(
            [a.pk, unit.code, code, a.task.title, labels[report.status] if report else "",
             report.note if report else "", report.evidence_url if report else ""]
            + [values.get(pk) for pk in indicators]
        )  # fmt: skip
        for col, pk in enumerate(indicators, start=len(FIXED) + 1):
            if pk not in own:
                sheet.cell(row=row, column=col).fill = _GREY
    choice = DataValidation(type="list", formula1='"' + ",".join(labels.values()) + '"')
    sheet.add_data_validation(choice)
    choice.add(f"E2:E{max(2, len(assignments) + 1)}")
    sheet.freeze_panes = "E2"
    for letter, width in zip("ABCDEFG", (8, 14, 11, 60, 16, 40, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class ImportResult:
    stored: int = 0
    errors: list[str] = field(default_factory=list)


def reports_import(*, actor, unit: Unit, data: bytes) -> ImportResult:
    """Store the reports of a filled template, all of them or, if any row is wrong, none."""
    result = ImportResult()
    rows, problem = _rows(data)
    if problem:
        result.errors.append(problem)
        return result
    assignments = {a.pk: a for a in _assignments(unit)}
    indicators = {i.code: i for i in Indicator.objects.all()}
    statuses = {name_key(label): value for value, label in ProgressReport.Status.choices}
    statuses |= {value: value for value in ProgressReport.Status.values}
    inputs: list[tuple[int, ReportInput]] = []
    for number, row in rows:
        if not str(row.get("Tình trạng") or "").strip() and not any(
            row.get(h) not in (None, "") for h in row if _CODE.search(h)
        ):
            continue  # a task the unit does not report on this time
        data_in, problems = _row_input(row, unit, assignments, indicators, statuses)
        if data_in is not None:
            problems += report_problems(data_in)
        if problems:
            result.errors.append(f"Dòng {number}: " + " ".join(problems))
        elif data_in is not None:
            inputs.append((number, data_in))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for _, data_in in inputs:
                report_submit(actor=actor, data=data_in)
    except WorkError as exc:  # checked above; a concurrent change is the only way here
        result.errors.append(exc.reason)
        return result
    result.stored = len(inputs)
    return result


def _row_input(row: dict, unit, assignments, indicators, statuses):
    problems: list[str] = []
    if str(row.get("Đơn vị") or "").strip() != unit.code:
        problems.append(
            f"đơn vị «{row.get('Đơn vị') or ''}» không phải đơn vị của bạn ({unit.code})."
        )
    try:
        key = int(float(row.get("Mã") or 0))
    except (TypeError, ValueError):
        key = 0
    assignment = assignments.get(key)
    if assignment is None:
        problems.append(f"mã nhiệm vụ «{row.get('Mã') or ''}» không phải nhiệm vụ của đơn vị.")
    period = str(row.get("Kỳ báo cáo") or "").strip()
    try:
        period = parse_period(period).code
    except PeriodError as exc:
        problems.append(exc.reason)
    status_text = str(row.get("Tình trạng") or "").strip()
    status = statuses.get(name_key(status_text)) or statuses.get(status_text)
    if not status:
        problems.append(f"tình trạng «{status_text}» không hợp lệ.")
    values = {}
    for header, raw in row.items():
        match = _CODE.search(header)
        if match and raw not in (None, ""):
            indicator = indicators.get(match.group(1))
            if indicator is None:
                problems.append(f"không có chỉ tiêu mã «{match.group(1)}».")
            else:
                values[indicator] = raw
    if problems or assignment is None or not status:
        return None, problems
    return (
        ReportInput(
            assignment,
            period,
            status,
            values,
            note=str(row.get("Kết quả, ghi chú") or ""),
            evidence_url=str(row.get("Minh chứng") or "").strip(),
        ),  # fmt: skip
        problems,
    )


def _rows(data: bytes) -> tuple[list[tuple[int, dict]], str]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        return [], "Tệp không phải là tệp Excel (.xlsx) hợp lệ."
    rows = book.worksheets[0].iter_rows(values_only=True)
    header = [str(h or "").strip() for h in (next(rows, None) or ())]
    missing = [h for h in ("Mã", "Đơn vị", "Kỳ báo cáo", "Tình trạng") if h not in header]
    if missing:
        return [], f"Dòng 1: thiếu cột {', '.join(missing)}."
    found = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            return [], f"Tệp có hơn {MAX_ROWS} dòng."
        row = dict(zip(header, values, strict=False))
        if any(v not in (None, "") for v in row.values()):
            found.append((number, row))
    book.close()
    return found, ""
