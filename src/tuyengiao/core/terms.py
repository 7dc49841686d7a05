"""Party congress terms (khóa) and National Assembly legislatures for a date."""

from __future__ import annotations

import datetime

_D = datetime.date

# First day of each national Party congress; its Central Committee's term (khóa) runs until
# the next congress.
PARTY_CONGRESS_STARTS: tuple[tuple[int, datetime.date], ...] = (
    (1, _D(1935, 3, 27)),
    (2, _D(1951, 2, 11)),
    (3, _D(1960, 9, 5)),
    (4, _D(1976, 12, 14)),
    (5, _D(1982, 3, 27)),
    (6, _D(1986, 12, 15)),
    (7, _D(1991, 6, 24)),
    (8, _D(1996, 6, 28)),
    (9, _D(2001, 4, 19)),
    (10, _D(2006, 4, 18)),
    (11, _D(2011, 1, 12)),
    (12, _D(2016, 1, 20)),
    (13, _D(2021, 1, 25)),
    (14, _D(2026, 1, 19)),
)

# First session of each National Assembly (Quốc hội khóa I ...). The XVI legislature's first
# session date is approximate (elections 15/3/2026).
LEGISLATURE_STARTS: tuple[tuple[int, datetime.date], ...] = (
    (1, _D(1946, 3, 2)),
    (2, _D(1960, 7, 6)),
    (3, _D(1964, 6, 25)),
    (4, _D(1971, 6, 7)),
    (5, _D(1975, 6, 3)),
    (6, _D(1976, 6, 24)),
    (7, _D(1981, 6, 25)),
    (8, _D(1987, 6, 17)),
    (9, _D(1992, 9, 19)),
    (10, _D(1997, 9, 20)),
    (11, _D(2002, 7, 19)),
    (12, _D(2007, 7, 19)),
    (13, _D(2011, 7, 21)),
    (14, _D(2016, 7, 20)),
    (15, _D(2021, 7, 20)),
    (16, _D(2026, 4, 6)),
)

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _term_at(starts: tuple[tuple[int, datetime.date], ...], day: datetime.date) -> int | None:
    current = None
    for number, start in starts:
        if day < start:
            break
        current = number
    return current


def party_term_for_date(day: datetime.date) -> int | None:
    """The Party Central Committee term (khóa) in office on ``day``.

    Args:
        day: any date.

    Returns:
        13 for 2024-02-05 (khóa XIII), 8 for 1998-02-18; None before the first congress.
    """
    return _term_at(PARTY_CONGRESS_STARTS, day)


def legislature_for_date(day: datetime.date) -> int | None:
    """The National Assembly legislature (Quốc hội khóa) sitting on ``day``; None before 1946."""
    return _term_at(LEGISLATURE_STARTS, day)


def party_term_range(term: int) -> tuple[datetime.date, datetime.date | None] | None:
    """First day of ``term`` and first day of the next one (None while it is current)."""
    for i, (number, start) in enumerate(PARTY_CONGRESS_STARTS):
        if number == term:
            nxt = PARTY_CONGRESS_STARTS[i + 1][1] if i + 1 < len(PARTY_CONGRESS_STARTS) else None
            return start, nxt
    return None


def roman_to_int(s: str) -> int | None:
    """Read a Roman numeral ("XIII" → 13); None when ``s`` is not a valid one."""
    s = s.strip().upper()
    if not s or any(c not in _ROMAN_VALUES for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        value = _ROMAN_VALUES[c]
        nxt = _ROMAN_VALUES[s[i + 1]] if i + 1 < len(s) else 0
        total += -value if value < nxt else value
    return total if total > 0 and int_to_roman(total) == s else None


def int_to_roman(n: int) -> str:
    """Write ``n`` (1–3999) as a Roman numeral (13 → "XIII")."""
    if not 0 < n < 4000:
        raise ValueError(f"cannot write {n} as a Roman numeral")
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)
