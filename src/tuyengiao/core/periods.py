"""Reporting periods (kỳ báo cáo): months, quarters, halves, the first months of a year, years
and terms, with their Vietnamese names.

Units report progress per period, and reviews (sơ kết, tổng kết) come every 6, 9 and 12
months. A period is a closed span of days with a canonical ``code`` and a Vietnamese
``label``:

=============  ==================  ===========================
code           kind                label
=============  ==================  ===========================
``2025-03``    ``month``           tháng 3 năm 2025
``2025Q3``     ``quarter``         quý III năm 2025
``2025H1``     ``half``            6 tháng đầu năm 2025
``2025M9``     ``months``          9 tháng đầu năm 2025
``2025``       ``year``            năm 2025
``2020-2025``  ``term``            nhiệm kỳ 2020–2025
=============  ==================  ===========================

A period is its span of days: ``2025M6`` is ``2025H1``, ``2025M3`` is ``2025Q1``, ``2025M12``
is ``2025`` and ``2025M1`` is ``2025-01``, so equal spans compare and hash equal. A term
covers whole calendar years, both ends included: ``2020-2025`` runs from 1/1/2020 to
31/12/2025 (Party congress terms share their boundary year with the next term).

``parse_period`` also reads the Vietnamese names above and the short forms used in plans
("quý III/2025", "tháng 3/2025", "9 tháng năm 2021", "6 tháng cuối năm 2023").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from tuyengiao.core.terms import int_to_roman, roman_to_int
from tuyengiao.core.text import fold, nfc

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "DueDate",
    "DueRule",
    "Period",
    "PeriodError",
    "PeriodKind",
    "Recurrence",
    "due_dates",
    "following",
    "parse_period",
    "period_containing",
    "periods_between",
    "previous",
    "same_period_last_year",
    "year_to_date",
]

PeriodKind = Literal["month", "quarter", "half", "months", "year", "term"]
Recurrence = Literal["monthly", "quarterly", "half-yearly", "yearly"]

#: Years a period may fall in (the Party was founded in 1930).
MIN_YEAR = 1930
MAX_YEAR = 2100
# A term is at most this many years long (Party and Assembly terms are 5).
_MAX_TERM_YEARS = 10


class PeriodError(ValueError):
    """A period that cannot be read or does not exist; ``reason`` is for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: the days from ``start`` to ``end``, both included.

    Build one with ``parse_period`` or the ``of_*`` constructors, which check the values and
    canonicalise (``Period.of_first_months(2025, 6)`` is the first half).
    """

    kind: PeriodKind
    start: dt.date
    end: dt.date
    code: str
    label: str

    def __str__(self) -> str:
        return self.label

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls in the period."""
        return self.start <= day <= self.end

    @property
    def year(self) -> int:
        """The year the period starts in."""
        return self.start.year

    @classmethod
    def of_month(cls, year: int, month: int) -> Period:
        """Month ``month`` (1–12) of ``year``: ``2025-03``, "tháng 3 năm 2025"."""
        _check_year(year)
        if not 1 <= month <= 12:
            raise PeriodError(f"không có tháng {month} (tháng từ 1 đến 12)")
        return cls(
            "month", dt.date(year, month, 1), _month_end(year, month),
            f"{year}-{month:02d}", f"tháng {month} năm {year}",
        )  # fmt: skip

    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Period:
        """Quarter ``quarter`` (1–4) of ``year``: ``2025Q3``, "quý III năm 2025"."""
        _check_year(year)
        if not 1 <= quarter <= 4:
            raise PeriodError(f"không có quý {quarter} (quý từ I đến IV)")
        first = 3 * quarter - 2
        return cls(
            "quarter", dt.date(year, first, 1), _month_end(year, first + 2),
            f"{year}Q{quarter}", f"quý {int_to_roman(quarter)} năm {year}",
        )  # fmt: skip

    @classmethod
    def of_half(cls, year: int, half: int) -> Period:
        """Half ``half`` (1 or 2) of ``year``: ``2025H1``, "6 tháng đầu năm 2025"."""
        _check_year(year)
        if half not in (1, 2):
            raise PeriodError(f"không có nửa năm thứ {half} (chỉ có H1, đầu năm, và H2, cuối năm)")
        which = "đầu" if half == 1 else "cuối"
        return cls(
            "half", dt.date(year, 6 * half - 5, 1), _month_end(year, 6 * half),
            f"{year}H{half}", f"6 tháng {which} năm {year}",
        )  # fmt: skip

    @classmethod
    def of_first_months(cls, year: int, months: int) -> Period:
        """The first ``months`` months (1–12) of ``year``: ``2025M9``, "9 tháng đầu năm 2025".

        1, 3, 6 and 12 months give the month, the first quarter, the first half, the year.
        """
        _check_year(year)
        if not 1 <= months <= 12:
            raise PeriodError(f"không có kỳ {months} tháng đầu năm (từ 1 đến 12 tháng)")
        canonical = {1: (cls.of_month, 1), 3: (cls.of_quarter, 1), 6: (cls.of_half, 1)}
        if months in canonical:
            make, number = canonical[months]
            return make(year, number)
        if months == 12:
            return cls.of_year(year)
        return cls(
            "months", dt.date(year, 1, 1), _month_end(year, months),
            f"{year}M{months}", f"{months} tháng đầu năm {year}",
        )  # fmt: skip

    @classmethod
    def of_year(cls, year: int) -> Period:
        """The calendar year: ``2025``, "năm 2025"."""
        _check_year(year)
        return cls("year", dt.date(year, 1, 1), dt.date(year, 12, 31), str(year), f"năm {year}")

    @classmethod
    def of_term(cls, first: int, last: int) -> Period:
        """The term from ``first`` to ``last``, whole years: ``2020-2025``, "nhiệm kỳ 2020–2025"."""
        _check_year(first)
        _check_year(last)
        if not first < last <= first + _MAX_TERM_YEARS:
            raise PeriodError(
                f"năm cuối của nhiệm kỳ phải sau năm đầu và cách không quá "
                f"{_MAX_TERM_YEARS} năm ({first}–{last})"
            )
        return cls(
            "term", dt.date(first, 1, 1), dt.date(last, 12, 31),
            f"{first}-{last}", f"nhiệm kỳ {first}–{last}",
        )  # fmt: skip


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"năm {year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}")


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


# --- reading ---------------------------------------------------------------------------------

_CODE = re.compile(r"(\d{4})-?([hqm])(\d{1,2})")
_YEAR = re.compile(r"(?:nam\s+)?(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})|thang\s+(\d{1,2})\s*(?:/|-|nam)\s*(\d{4})")
_TERM = re.compile(r"(?:nhiem ky\s+)?(\d{4})\s*[-–—]\s*(\d{4})")
_QUARTER = re.compile(r"quy\s+([ivx]+|\d)\s*(?:/|-|nam)\s*(\d{4})")
_FIRST_MONTHS = re.compile(r"(\d{1,2})\s+thang\s+(?:dau\s+)?nam\s+(\d{4})")
_LAST_MONTHS = re.compile(r"(\d{1,2})\s+thang\s+cuoi\s+nam\s+(\d{4})")
_ODD_SPACES = re.compile(r"\s+")


def parse_period(text: str) -> Period:
    """Read a period from its code or its Vietnamese name.

    Codes (case-insensitive): ``2025-03`` (a month), ``2025Q3``, ``2025H1``, ``2025M9`` (the
    first 9 months), ``2025``, ``2020-2025`` (a term). Names: "tháng 3/2025", "tháng 3 năm
    2025", "quý III/2025", "quý 3 năm 2025", "6 tháng đầu năm 2025", "9 tháng năm 2021",
    "6 tháng cuối năm 2025", "3 tháng cuối năm 2025", "năm 2025", "nhiệm kỳ 2020–2025".

    Args:
        text: the code or the name, with or without diacritics.

    Returns:
        The period, canonical (``2025M6`` reads as ``2025H1``).

    Raises:
        PeriodError: ``text`` names no period, or one that does not exist (``2025Q5``).
    """
    key = _ODD_SPACES.sub(" ", fold(nfc(text))).strip().strip(".,;:")
    if key.startswith("ky "):
        key = key[3:]
    try:
        period = _read(key)
    except PeriodError as error:
        raise PeriodError(f"kỳ báo cáo “{text.strip()}” không hợp lệ: {error.reason}") from None
    if period is None:
        raise PeriodError(
            f"không đọc được kỳ báo cáo “{text.strip()}” (ví dụ đúng: 2025-03, 2025Q3, 2025H1, "
            "2025M9, 2025, 2020-2025, quý III/2025, 6 tháng đầu năm 2025)"
        )
    return period


def _read(key: str) -> Period | None:
    if m := _CODE.fullmatch(key):
        year, letter, number = int(m.group(1)), m.group(2), int(m.group(3))
        if letter == "q":
            return Period.of_quarter(year, number)
        if letter == "h":
            return Period.of_half(year, number)
        return Period.of_first_months(year, number)
    if m := _YEAR.fullmatch(key):
        return Period.of_year(int(m.group(1)))
    if m := _MONTH.fullmatch(key):
        if m.group(1):
            return Period.of_month(int(m.group(1)), int(m.group(2)))
        return Period.of_month(int(m.group(4)), int(m.group(3)))
    if m := _TERM.fullmatch(key):
        return Period.of_term(int(m.group(1)), int(m.group(2)))
    if m := _QUARTER.fullmatch(key):
        raw = m.group(1)
        quarter = int(raw) if raw.isdigit() else roman_to_int(raw)
        if quarter is None:
            raise PeriodError(f"“{raw.upper()}” không phải số La Mã")
        return Period.of_quarter(int(m.group(2)), quarter)
    if m := _FIRST_MONTHS.fullmatch(key):
        return Period.of_first_months(int(m.group(2)), int(m.group(1)))
    if m := _LAST_MONTHS.fullmatch(key):
        months, year = int(m.group(1)), int(m.group(2))
        if months == 3:
            return Period.of_quarter(year, 4)
        if months == 6:
            return Period.of_half(year, 2)
        if months == 12:
            return Period.of_year(year)
        raise PeriodError("chỉ có 3 hoặc 6 tháng cuối năm")
    return None


# --- calendar arithmetic ---------------------------------------------------------------------

_CALENDAR_KINDS = ("month", "quarter", "half", "year")


def period_containing(day: dt.date, kind: PeriodKind) -> Period:
    """The month, quarter, half or year that holds ``day``.

    Args:
        day: any date.
        kind: ``"month"``, ``"quarter"``, ``"half"`` or ``"year"``. The first months of a
            year are ``year_to_date``; a term has no calendar rule.

    Raises:
        PeriodError: another ``kind``.
    """
    if kind == "month":
        return Period.of_month(day.year, day.month)
    if kind == "quarter":
        return Period.of_quarter(day.year, (day.month + 2) // 3)
    if kind == "half":
        return Period.of_half(day.year, 1 if day.month <= 6 else 2)
    if kind == "year":
        return Period.of_year(day.year)
    raise PeriodError(f"không xác định được kỳ loại “{kind}” chứa một ngày")


def year_to_date(day: dt.date) -> Period:
    """From 1 January to the end of ``day``'s month ("9 tháng đầu năm" on a day in September)."""
    return Period.of_first_months(day.year, day.month)


def _shift(period: Period, years: int, steps: int = 0) -> Period:
    """``period`` moved by ``years`` years, then by ``steps`` periods of its kind."""
    year = period.start.year + years
    if period.kind == "month":
        index = year * 12 + period.start.month - 1 + steps
        return Period.of_month(index // 12, index % 12 + 1)
    if period.kind == "quarter":
        index = year * 4 + (period.start.month - 1) // 3 + steps
        return Period.of_quarter(index // 4, index % 4 + 1)
    if period.kind == "half":
        index = year * 2 + (period.start.month - 1) // 6 + steps
        return Period.of_half(index // 2, index % 2 + 1)
    if period.kind == "months":
        return Period.of_first_months(year + steps, period.end.month)
    if period.kind == "year":
        return Period.of_year(year + steps)
    length = period.end.year - period.start.year
    return Period.of_term(year + steps * length, period.end.year + years + steps * length)


def previous(period: Period) -> Period:
    """The period of the same kind just before: 2025Q1 → 2024Q4, 2025H2 → 2025H1,
    2020-2025 → 2015-2020. For the first months of a year (2025M9) that is the same months of
    the year before (2024M9)."""
    return _shift(period, 0, -1)


def following(period: Period) -> Period:
    """The period of the same kind just after: 2025H1 → 2025H2, 2025-12 → 2026-01."""
    return _shift(period, 0, 1)


def same_period_last_year(period: Period) -> Period:
    """The same period a year earlier (cùng kỳ năm trước): 2025H1 → 2024H1, 2025M9 → 2024M9.

    Raises:
        PeriodError: ``period`` is a term, which has no "same period last year".
    """
    if period.kind == "term":
        raise PeriodError(f"{period.label} không có cùng kỳ năm trước; so sánh với nhiệm kỳ trước")
    return _shift(period, -1)


def periods_between(start: dt.date, end: dt.date, kind: PeriodKind) -> list[Period]:
    """Every month, quarter, half or year that overlaps ``start``–``end`` (both included).

    The first and last periods may be partly outside the span: 15/3–10/5 gives March, April
    and May.

    Raises:
        PeriodError: ``end`` is before ``start``, or ``kind`` is not a calendar kind.
    """
    if end < start:
        raise PeriodError(f"ngày kết thúc {end:%d/%m/%Y} trước ngày bắt đầu {start:%d/%m/%Y}")
    period = period_containing(start, kind)
    periods = [period]
    while period.end < end:
        period = following(period)
        periods.append(period)
    return periods


# --- due dates of recurring tasks ------------------------------------------------------------

_RECURRENCE_KIND: dict[str, PeriodKind] = {
    "monthly": "month",
    "quarterly": "quarter",
    "half-yearly": "half",
    "yearly": "year",
}


@dataclass(frozen=True, slots=True)
class DueRule:
    """When the report for a period is due: on ``day`` of the month ``months_after`` months
    after the period's last month.

    The default, day 5 of the following month, gives a unit the first days of the next month
    to count the period's results (a monthly report for March is due 5 April, the report for
    the first half on 5 July). ``months_after=0`` puts the deadline inside the period's last
    month (``DueRule(day=20, months_after=0)``: the 20th, for offices that close their
    figures before the month ends). A day past a month's end means its last day (31 → 30 June).
    """

    day: int = 5
    months_after: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.day <= 31:
            raise PeriodError(f"ngày hạn báo cáo {self.day} không hợp lệ: phải từ 1 đến 31")
        if not 0 <= self.months_after <= 12:
            raise PeriodError(
                f"hạn báo cáo sau kỳ {self.months_after} tháng không hợp lệ: phải từ 0 đến 12"
            )

    def due(self, period: Period) -> dt.date:
        """The deadline of the report for ``period``."""
        index = period.end.year * 12 + period.end.month - 1 + self.months_after
        year, month = index // 12, index % 12 + 1
        return dt.date(year, month, min(self.day, _month_end(year, month).day))


@dataclass(frozen=True, slots=True)
class DueDate:
    """The report for ``period`` is due on ``due``."""

    period: Period
    due: dt.date


def due_dates(
    recurrence: Recurrence, start: dt.date, end: dt.date, *, rule: DueRule | None = None
) -> list[DueDate]:
    """The reports a recurring task owes between ``start`` and ``end``, with their deadlines.

    One report per period of the recurrence that overlaps the span (a task running from
    15 March owes a March report); each is due by ``rule`` (default: day 5 of the month
    after the period).

    Args:
        recurrence: ``"monthly"``, ``"quarterly"``, ``"half-yearly"`` or ``"yearly"``.
        start: the task's first day.
        end: the task's last day (the plan's end for an open-ended task).
        rule: when a period's report is due.

    Raises:
        PeriodError: an unknown recurrence, or ``end`` before ``start``.
    """
    kind = _RECURRENCE_KIND.get(recurrence)
    if kind is None:
        raise PeriodError(
            f"chu kỳ “{recurrence}” không hợp lệ: chỉ nhận hằng tháng (monthly), hằng quý "
            "(quarterly), 6 tháng (half-yearly) hoặc hằng năm (yearly)"
        )
    rule = rule or DueRule()
    return [DueDate(p, rule.due(p)) for p in periods_between(start, end, kind)]
