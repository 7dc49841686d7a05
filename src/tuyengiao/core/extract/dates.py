"""Dates on news pages: ISO 8601 in metadata, day-first Vietnamese forms in visible text.

Visible forms read here: "Thứ tư, 12/07/2023 - 22:40", "17:51 22/11/2024",
"Thứ Ba, ngày 22 tháng 9 năm 2020", "Cập nhật: 08:15 ngày 03/04/2023", "22h40 12-07-2023",
"2023/07/12 22:40". The time of day is kept when the text has one.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

__all__ = ["is_dateline", "parse_datetime", "without_dates"]

#: Pages carry local Vietnamese time; an instant with an offset is shown at UTC+7.
VIETNAM = dt.timezone(dt.timedelta(hours=7))

_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?(?![\d])",
    re.IGNORECASE,
)
_YMD = re.compile(r"(?<![\d/.-])(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?![\d/.-])")
_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/.-])")
_WORDS = re.compile(
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s*năm\s+(\d{4})|"
    r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s*(?:năm\s+)?(\d{4})",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?<![\d:/.])([01]?\d|2[0-3])(?:\s*:\s*(?=\d)|[hg]|\s*giờ\s*)([0-5]\d)?"
    r"(?:\s*(?::|phút)\s*([0-5]\d))?(?:\s*(am|pm|sa|ch)\b)?(?![\w/.])",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn)\b", re.I)
_DATE_NOISE = re.compile(
    r"\b(?:ngày|tháng|năm|lúc|cập\s+nhật|đăng(?:\s+(?:lúc|ngày))?|xuất\s+bản|gmt|utc|"
    r"sáng|trưa|chiều|tối|đêm)\b|[+-]\d+|\W",
    re.IGNORECASE,
)


def parse_datetime(text: str) -> dt.datetime | None:
    """The first date in ``text``, with its time of day when one is written.

    ISO 8601 (``2023-07-12T22:40:00+07:00``) is read as such; an offset is converted to
    Vietnamese time (UTC+7) and dropped, so every result is naive local time. Other dates are
    day first: ``12/07/2023``, ``12-07-2023``, ``12.07.2023``, ``ngày 22 tháng 9 năm 2020``;
    year-first ``2023/07/12`` too. A time (``22:40``, ``22h40``, ``22 giờ 40``) anywhere in the
    same text is attached to the date.

    Args:
        text: a short text holding a date (a meta value, a dateline).

    Returns:
        A naive ``datetime`` (midnight when no time is written), or ``None``.
    """
    if not text:
        return None
    text = text[:300]
    found = _iso(text)
    if found is not None:
        return found
    day = _day(text)
    if day is None:
        return _rfc2822(text)
    return dt.datetime.combine(day, _time_of_day(text) or dt.time())


def is_dateline(text: str) -> bool:
    """Whether ``text`` is only a date and time, with weekday and labels ("Cập nhật:").

    Args:
        text: one line of visible text.

    Returns:
        True for "Thứ tư, 12/07/2023 - 22:40" or "22/10/2025, 19:25 (GMT+7)", False when
        other words are left over.
    """
    if len(text) > 80 or parse_datetime(text) is None:
        return False
    rest = _ISO.sub(" ", text)
    for pattern in (_WORDS, _DMY, _YMD, _TIME, _WEEKDAY):
        rest = pattern.sub(" ", rest)
    return not _DATE_NOISE.sub("", rest).strip()


def without_dates(text: str) -> str:
    """``text`` with its dates, times, weekdays and the separators around them taken out.

    Args:
        text: a short line ("Trần Minh - 09:05 20/12/2024").

    Returns:
        What is left, stripped ("Trần Minh").
    """
    rest = _ISO.sub(" ", text)
    for pattern in (_WORDS, _DMY, _YMD, _TIME, _WEEKDAY):
        rest = pattern.sub(" ", rest)
    rest = re.sub(r"\(\s*(?:gmt|utc)?\s*[+-]?\d*\s*\)", " ", rest, flags=re.IGNORECASE)
    return " ".join(rest.split()).strip(" -–—|,;:/")


def _iso(text: str) -> dt.datetime | None:
    for m in _ISO.finditer(text):
        year, month, day, hour, minute, second, zone = m.groups()
        try:
            value = dt.datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                int(second or 0),
            )  # fmt: skip
        except ValueError:
            continue
        offset = _offset(zone)
        if offset is not None:
            value = value.replace(tzinfo=offset).astimezone(VIETNAM).replace(tzinfo=None)
        return value
    return None


def _offset(zone: str | None) -> dt.timezone | None:
    if not zone:
        return None
    if zone.upper() == "Z":
        return dt.UTC
    digits = zone[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) >= 4 else 0)
    if minutes > 14 * 60:
        return None
    return dt.timezone(dt.timedelta(minutes=-minutes if zone[0] == "-" else minutes))


def _day(text: str) -> dt.date | None:
    """The first valid day-first (or year-first) date in ``text``."""
    candidates: list[tuple[int, int, int, int]] = []  # (position, year, month, day)
    for m in _WORDS.finditer(text):
        d, mo, y = m.group(1, 2, 3) if m.group(1) else m.group(4, 5, 6)
        candidates.append((m.start(), int(y), int(mo), int(d)))
    for m in _DMY.finditer(text):
        candidates.append((m.start(), int(m.group(4)), int(m.group(3)), int(m.group(1))))
    for m in _YMD.finditer(text):
        candidates.append((m.start(), int(m.group(1)), int(m.group(3)), int(m.group(4))))
    for _, year, month, day in sorted(candidates):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def _time_of_day(text: str) -> dt.time | None:
    for m in _TIME.finditer(text):
        hour, minute, second, half = m.groups()
        hour_value = int(hour)
        if half and half.lower() in ("pm", "ch") and hour_value < 12:
            hour_value += 12
        elif half and half.lower() in ("am", "sa") and hour_value == 12:
            hour_value = 0
        return dt.time(hour_value, int(minute or 0), int(second or 0))
    return None


def _rfc2822(text: str) -> dt.datetime | None:
    """``Wed, 12 Jul 2023 22:40:00 +0700`` (RSS-style metadata)."""
    if not re.search(r"[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", text):
        return None
    try:
        value = email.utils.parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if value.tzinfo is not None:
        value = value.astimezone(VIETNAM).replace(tzinfo=None)
    return value
