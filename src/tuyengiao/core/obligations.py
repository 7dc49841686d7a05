"""Find where a document requires lower units to issue implementing documents.

Official plans end with a "Tổ chức thực hiện" section such as "Các quận ủy, huyện ủy, thị ủy,
đảng ủy trực thuộc xây dựng kế hoạch thực hiện, hoàn thành trước ngày 30/6/2024". This module
reads those clauses; services turn them into one obligation per unit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tuyengiao.core.text import fold

# Addressees, folded. Each maps to the level of the units that owe a document.
_ADDRESSEES: tuple[tuple[str, str], ...] = (
    (r"tinh uy,? thanh uy|cac tinh uy|cac thanh uy truc thuoc trung uong", "province"),
    (r"quan uy,? huyen uy|huyen uy,? thi uy|cac quan uy|cac huyen uy|cac thi uy", "district"),
    (
        r"dang uy (?:cac )?xa,? phuong|dang uy cac phuong|dang uy cac xa|"
        r"cac dang uy (?:xa|phuong)|dang uy xa,? phuong,? dac khu",
        "grassroots",
    ),
    # "các cấp ủy, tổ chức đảng trực thuộc": the issuer's direct subordinate committees.
    (r"(?:cap uy|dang uy|dang bo|to chuc dang)(?:,? [a-z ]{0,30})? truc thuoc", "children"),
)
_ACTION = re.compile(
    r"(?:xay dung|ban hanh|trien khai xay dung)\s+(?:ke hoach|chuong trinh|van ban)"
)
_BEFORE = r"(?:truoc|cham nhat(?: la)?|xong truoc|hoan thanh truoc|trong|den)\s+(?:ngay\s+)?"
_DEADLINE = re.compile(_BEFORE + r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_DEADLINE_LONG = re.compile(_BEFORE + r"(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_DEADLINE_MONTH = re.compile(
    r"(?:trong|truoc het|cham nhat trong|hoan thanh trong)\s+thang\s+(\d{1,2})\s*[/.-]\s*(\d{4})"
)
# A sentence ends at ". ; newline", but not at the dots of "30.9.2025".
_SENTENCE = re.compile(r"(?:[^.;\n]|(?<=\d)\.(?=\d))+(?:[.;\n]|$)")


@dataclass(slots=True)
class ObligationClause:
    """Units at ``level`` below the issuer must issue implementing documents by ``due``.

    ``level`` is "province", "district", "grassroots", or "children" for the issuer's direct
    subordinate committees.
    """

    level: str
    due: dt.date | None
    start: int
    end: int
    evidence: str


def find_obligations(text: str) -> list[ObligationClause]:
    """Every clause of ``text`` that asks units of a level to issue an implementing document.

    Args:
        text: the body of an official document (NFC).

    Returns:
        One clause per (sentence, level), in text order. ``due`` is None when no deadline is set.
    """
    folded = fold(text)
    clauses: list[ObligationClause] = []
    for sentence in _SENTENCE.finditer(folded):
        chunk = sentence.group(0)
        if not _ACTION.search(chunk):
            continue
        due = _deadline(chunk)
        for pattern, level in _ADDRESSEES:
            if re.search(pattern, chunk):
                start, end = sentence.span()
                evidence = text[start:end].strip()
                clauses.append(ObligationClause(level, due, start, end, evidence))
    return clauses


def _deadline(chunk: str) -> dt.date | None:
    match = _DEADLINE.search(chunk) or _DEADLINE_LONG.search(chunk)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        match = _DEADLINE_MONTH.search(chunk)  # "trong tháng 10/2025": by the month's end
        if match:
            month, year = int(match.group(1)), int(match.group(2))
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
    except ValueError:
        return None
    return None


def obligation_status(
    *, issued_on: dt.date | None, due: dt.date | None, today: dt.date, unit_ended: dt.date | None
) -> str:
    """Status of one unit's obligation: "issued", "due", "overdue" or "dissolved".

    Args:
        issued_on: date of the unit's implementing document (or ``dt.date.min`` when it exists
            undated); None when the unit has issued none.
        due: the deadline, if any.
        today: the day to judge against.
        unit_ended: the unit's last day of operation, if it has ended.
    """
    if issued_on is not None:
        return "issued"
    if unit_ended is not None and unit_ended < today and (due is None or unit_ended < due):
        return "dissolved"
    if due is not None and today > due:
        return "overdue"
    return "due"
