"""Render a report's annex as an Excel workbook: the raw figures behind its tables.

One sheet per ``AnnexSheet``: a bold header row, frozen and filtered; numbers stored as numbers
with a display format (``#,##0``, ``#,##0.0``, ``0.0%``, ``dd/mm/yyyy``) that Excel shows with
the viewer's separators, so a Vietnamese Excel shows ``1.234`` and ``75,6%``; columns as wide
as their content; printed landscape on A4, one page wide, the header row on every page.
"""

from __future__ import annotations

import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tuyengiao.core.text import nfc
from tuyengiao.reports.document import AnnexColumn, AnnexSheet, ReviewReport

__all__ = ["NUMBER_FORMATS", "render_annex"]

NUMBER_FORMATS = {
    "integer": "#,##0",
    "decimal": "#,##0.0",
    "percent": "0.0%",
    "date": "dd/mm/yyyy",
    "text": "@",
}
_FONT = "Times New Roman"
_THIN = Side(style="thin", color="000000")
_HEADER_FONT = Font(name=_FONT, bold=True)
_CELL_FONT = Font(name=_FONT)
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def render_annex(report: ReviewReport) -> bytes:
    """The annex as an .xlsx file.

    Raises:
        ValueError: the report has no annex sheets.
    """
    if not report.annex:
        raise ValueError("the report has no annex sheets")
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in report.annex:
        _sheet(workbook.create_sheet(nfc(sheet.name)), sheet)
    workbook.properties.title = nfc(f"Phụ lục: {report.title} {' '.join(report.summary_lines())}")
    workbook.properties.creator = nfc(" ".join(report.issuer_lines()))
    workbook.properties.language = "vi-VN"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet(ws: Worksheet, sheet: AnnexSheet) -> None:
    for c, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=c, value=nfc(column.header))
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, values in enumerate(sheet.rows, start=2):
        for c, (column, value) in enumerate(zip(sheet.columns, values, strict=True), start=1):
            cell = ws.cell(row=r, column=c, value=nfc(value) if isinstance(value, str) else value)
            cell.font = _CELL_FONT
            cell.border = _BORDER
            number_format = _number_format(column, value)
            if number_format:
                cell.number_format = number_format
    for c, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = _width(column, sheet, c - 1)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{max(1, len(sheet.rows) + 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _number_format(column: AnnexColumn, value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if column.kind != "auto":
        return NUMBER_FORMATS[column.kind]
    if isinstance(value, int):
        return NUMBER_FORMATS["integer"]
    if isinstance(value, float):
        return NUMBER_FORMATS["decimal"]
    if isinstance(value, datetime.date):
        return NUMBER_FORMATS["date"]
    return None


def _width(column: AnnexColumn, sheet: AnnexSheet, index: int) -> float:
    if column.width is not None:
        return column.width
    longest_word = max((len(w) for w in column.header.split()), default=0)
    longest = max((_shown_length(row[index]) for row in sheet.rows), default=0)
    return float(min(max(longest_word + 2, longest + 2, _MIN_WIDTH), _MAX_WIDTH))


def _shown_length(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.1f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    return len(str(value))
