"""Day-first Vietnamese dates as written next to document citations."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

# "05/02/2024", "5-2-2024", "05.02.2024", "22/10/18", "5/2" (year from the reference date)
_NUMERIC = (
    r"(?P<d>\d{1,2})[ \t]*(?P<sep>[/.\-–])[ \t]*(?P<m>\d{1,2})"
    r"(?:[ \t]*(?P=sep)[ \t]*(?P<y>\d{4}|\d{2}))?(?![\d/])"
)
# "5 tháng 2 năm 2024", "03 tháng 4 năm 2018"
_LONG = (
    r"(?P<ld>\d{1,2})[ \t]+(?:tháng|thang)[ \t]+(?P<lm>\d{1,2})"
    r"(?:[ \t]*,?[ \t]*(?:năm|nam)[ \t]+(?P<ly>\d{4}))?(?!\d)"
)
DATE = rf"(?:{_LONG}|{_NUMERIC})"
DATE_RE = re.compile(DATE)

_MIN_YEAR = 1930
_MAX_YEAR = 2100


@dataclass(slots=True)
class ParsedDate:
    """A date read from text. ``value`` is None when it is impossible or lacks a year."""

    value: datetime.date | None
    raw: str
    valid: bool = True
    has_year: bool = True
    warnings: list[str] = field(default_factory=list)


def parse_date_match(
    m: re.Match[str], reference_date: datetime.date | None = None
) -> ParsedDate:
    """Turn a match of a pattern containing ``DATE`` into a date.

    Args:
        m: a match whose groups include those of ``DATE``.
        reference_date: the text's own date, used for a missing or two-digit year.

    Returns:
        The parsed date; ``valid`` is False for an impossible calendar date (V03).
    """
    prefix = "l" if "ld" in m.re.groupindex and m.group("ld") else ""
    day, month = int(m.group(prefix + "d")), int(m.group(prefix + "m"))
    year_raw = m.group(prefix + "y")
    start = m.start(prefix + "d")
    end = m.end(prefix + "y") if year_raw else m.end(prefix + "m")
    out = ParsedDate(None, m.string[start:end], has_year=year_raw is not None)
    year = _year(year_raw, day, month, reference_date, out.warnings)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        out.valid = False
    if year is None or not out.valid:
        if not out.valid:
            out.warnings.append("V03:invalid_calendar_date")
        return out
    try:
        out.value = datetime.date(year, month, day)
    except ValueError:
        out.valid = False
        out.warnings.append("V03:invalid_calendar_date")
    return out


def _year(
    raw: str | None,
    day: int,
    month: int,
    reference_date: datetime.date | None,
    warnings: list[str],
) -> int | None:
    if raw is None:
        if reference_date is None:
            return None
        warnings.append("date_year_from_reference")
        year = reference_date.year
        try:
            if datetime.date(year, month, day) > reference_date:
                year -= 1
        except ValueError:
            pass
        return year
    year = int(raw)
    if len(raw) == 2:
        warnings.append("two_digit_year_expanded")
        pivot = reference_date.year if reference_date else 2035
        year = 2000 + year if 2000 + year <= pivot else 1900 + year
    return year if _MIN_YEAR <= year <= _MAX_YEAR else None


def parse_date_text(
    raw: str, reference_date: datetime.date | None = None
) -> ParsedDate | None:
    """Parse a stand-alone date string such as "31/02/2024"; None when it is not a date."""
    m = DATE_RE.search(raw)
    return parse_date_match(m, reference_date) if m else None


def format_date(day: datetime.date | None) -> str:
    """Vietnamese dd/mm/yyyy, or "" for None."""
    return day.strftime("%d/%m/%Y") if day else ""
