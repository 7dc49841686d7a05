"""Sources to and from Excel (.xlsx), and a topic's daily coverage as a spreadsheet.

An import is checked whole before anything is stored: a wrong row is reported with its number
and the reason, and then nothing of the file is stored.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from tuyengiao.core.units import name_key
from tuyengiao.press.models import Source
from tuyengiao.press.services import (
    MAX_INTERVAL,
    MIN_INTERVAL,
    PressError,
    source_add,
    source_url,
)

HEADERS = ["Tên nguồn tin", "Trang chủ", "Chu kỳ (phút)", "RSS, sitemap, chuyên mục"]
FIELDS = ["name", "url", "interval", "feeds"]
MAX_ROWS = 5_000
_SPLIT = re.compile(r"[\s;,]+")


@dataclass
class ImportResult:
    created: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def sources_import(*, actor, data: bytes, owner_unit=None) -> ImportResult:
    """Add the sources of an .xlsx (one a row); those already watched are left as they are."""
    result = ImportResult()
    rows, problem = _rows(data)
    if problem:
        result.errors.append(problem)
        return result
    cleaned = []
    seen: dict[str, int] = {}
    for number, row in rows:
        try:
            url = source_url(row["url"])
        except PressError as exc:
            result.errors.append(f"Dòng {number}: {exc.reason}")
            continue
        if url in seen:
            result.errors.append(f"Dòng {number}: trùng trang chủ với dòng {seen[url]}.")
            continue
        seen[url] = number
        interval = _interval(row["interval"])
        if interval is None:
            result.errors.append(
                f"Dòng {number}: chu kỳ «{row['interval']}» phải là số phút từ "
                f"{MIN_INTERVAL} đến {MAX_INTERVAL}."
            )
            continue
        feeds = [f for f in _SPLIT.split(row["feeds"]) if f]
        cleaned.append((number, url, row["name"], interval, feeds))
    if result.errors:
        return result
    existing = set(Source.objects.filter(home_url__in=seen).values_list("home_url", flat=True))
    with transaction.atomic():
        for number, url, name, interval, feeds in cleaned:
            if url in existing:
                result.unchanged += 1
                continue
            try:
                source_add(
                    actor=actor, url=url, name=name, interval_minutes=interval, feeds=feeds,
                    owner_unit=owner_unit,
                )  # fmt: skip
            except PressError as exc:
                result.errors.append(f"Dòng {number}: {exc.reason}")
        if result.errors:
            transaction.set_rollback(True)
            result.created = 0
            return result
        result.created = len(cleaned) - result.unchanged
    return result


def _interval(value: str) -> int | None:
    if not value:
        return 60
    try:
        minutes = int(float(value.replace(",", ".")))
    except ValueError:
        return None
    return minutes if MIN_INTERVAL <= minutes <= MAX_INTERVAL else None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _rows(data: bytes) -> tuple[list[tuple[int, dict]], str]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        return [], "Tệp không phải là tệp Excel (.xlsx) hợp lệ."
    rows = book.worksheets[0].iter_rows(values_only=True)
    header = next(rows, None) or ()
    by_title = {name_key(title): name for title, name in zip(HEADERS, FIELDS, strict=True)}
    columns = {
        index: by_title[name_key(_text(title))]
        for index, title in enumerate(header)
        if name_key(_text(title)) in by_title
    }
    if "url" not in columns.values():
        return [], "Dòng 1: thiếu cột Trang chủ."
    found = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            return [], f"Tệp có hơn {MAX_ROWS} dòng."
        row = {name: "" for name in FIELDS}
        for index, name in columns.items():
            row[name] = _text(values[index]) if index < len(values) else ""
        if any(row.values()):
            found.append((number, row))
    book.close()
    return found, ""


def sources_template() -> bytes:
    """An empty sheet with the import's headers and one example row."""
    return table_xlsx(
        "Nguồn tin",
        HEADERS,
        [["Báo Ví dụ", "https://baovidu.vn", 60, "https://baovidu.vn/rss/thoi-su.rss"]],
    )


def table_xlsx(title: str, headers: list[str], rows) -> bytes:
    """A one-sheet workbook: bold headers, then ``rows``."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    bold = Font(bold=True)
    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
