"""When a plan's item is due: a deadline, a recurrence, or continuous work."""

from __future__ import annotations

import datetime as dt
import re

from tuyengiao.core.periods import PeriodError, parse_period
from tuyengiao.core.plans.items import Schedule, TaskRecurrence, _lowered, _normalized

_CONTINUOUS = re.compile(
    r"(?<!\w)(?:thường xuyên|liên tục|lâu dài|hằng ngày|hàng ngày|mỗi ngày|hằng tuần"
    r"|hàng tuần|mỗi tuần|trong suốt)(?!\w)"
)
_EVERY = r"(?:hằng|hàng|mỗi|từng)"
# Every 6 months, read first so that "6 tháng một lần" is not taken for "tháng một lần".
_HALF_YEARLY = re.compile(
    rf"(?<!\w)(?:(?:định kỳ|{_EVERY}) )?(?:6|sáu) tháng(?: một lần|/ ?lần)"
    rf"|(?<!\w)(?:định kỳ|{_EVERY}) (?:6|sáu) tháng(?!\w)|nửa năm một lần"
)
_RECURRENCES: tuple[tuple[TaskRecurrence, re.Pattern[str]], ...] = (
    ("monthly", re.compile(rf"(?<!\w){_EVERY} tháng(?!\w)|(?<!\w)(?:định kỳ )?tháng (?:một "
                           r"lần|/ ?lần)|định kỳ tháng(?!\w)")),
    ("quarterly", re.compile(rf"(?<!\w){_EVERY} quý(?!\w)|quý (?:một lần|/ ?lần)"
                             r"|định kỳ quý(?!\w)|theo quý(?!\w)")),
    ("yearly", re.compile(rf"(?<!\w){_EVERY} năm(?!\w)|năm (?:một lần|/ ?lần)"
                          r"|định kỳ năm(?!\w)|thường niên")),
)  # fmt: skip
_INTRO = (
    r"(?:trước|chậm nhất(?: là)?|đến(?: hết)?|xong(?: trước)?|hoàn thành(?: trước| trong)?"
    r"|trong|kết thúc(?: trước| trong)?"
    r"|(?:thời gian|thời hạn|tiến độ)(?: thực hiện| hoàn thành)?[ \t]*:)[ \t]*(?:ngày[ \t]+)?"
)
_DEADLINE = re.compile(
    rf"(?<!\w){_INTRO}(?:"
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
    r"|(?P<period>quý\s+(?:[ivx]+|[1-4])\s*(?:/|-|năm)\s*\d{4}"
    r"|tháng\s+\d{1,2}\s*(?:/|-|năm)\s*\d{4}"
    r"|\d{1,2}\s+tháng\s+(?:đầu\s+|cuối\s+)?năm\s+\d{4}|năm\s+\d{4})"
    r"|(?P<d3>\d{1,2})\s*/\s*(?P<m3>\d{1,2})(?![\d/.-]))"
)


def read_schedule(text: str) -> Schedule:
    """When a piece of a plan says its work is due, how often it recurs, whether it is
    continuous.

    Deadlines follow "trước", "chậm nhất", "đến hết", "hoàn thành", "trong", "Thời gian:":
    a date ("trước ngày 30/6/2025", "30 tháng 6 năm 2025") is due that day; a period ("trong
    quý III/2025", "tháng 11/2025", "6 tháng đầu năm 2025", "năm 2025") on its last day. The
    first one stated counts; a day without a year ("trước ngày 15/12 hằng năm") sets no
    ``due`` but is kept as ``evidence``. Recurrence: "hằng/hàng/mỗi tháng" (monthly), "hằng
    quý" (quarterly), "định kỳ 6 tháng", "6 tháng một lần" (half-yearly), "hằng năm"
    (yearly): the first one stated. "Thường xuyên", "liên tục", "lâu dài" and daily or weekly
    work are continuous.

    Args:
        text: a section or a task of a plan.
    """
    text, _ = _normalized(text)
    lowered = _lowered(text)
    schedule = Schedule(continuous=_CONTINUOUS.search(lowered) is not None)
    halves = [m.span() for m in _HALF_YEARLY.finditer(lowered)]
    found: list[tuple[int, TaskRecurrence]] = [(a, "half-yearly") for a, _ in halves]
    found += [
        (m.start(), kind)
        for kind, pattern in _RECURRENCES
        for m in pattern.finditer(lowered)
        if not any(a <= m.start() < b for a, b in halves)
    ]
    if found:
        schedule.recurrence = min(found)[1]
    for m in _DEADLINE.finditer(lowered):
        due = _deadline(m)
        if due is not None or m.group("d3"):
            schedule.due, schedule.evidence = due, " ".join(text[m.start() : m.end()].split())
            break
    return schedule


def _deadline(m: re.Match[str]) -> dt.date | None:
    try:
        if m.group("y"):
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if m.group("y2"):
            return dt.date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
        if m.group("period"):
            return parse_period(m.group("period")).end
    except (ValueError, PeriodError):
        return None
    return None
