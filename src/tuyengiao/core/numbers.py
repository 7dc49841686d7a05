"""Numbers the Vietnamese way, for reviews and dashboards: "1.234.567", "12,5", "75,6%",
"3/4 đầu việc", "147,3 nghìn tin, bài", "một trăm linh năm".

Dots group thousands, a comma marks decimals. Rounding is half up, on the decimal value
written (``2,675`` to two places is ``2,68``, not the ``2,67`` binary floats give), and
trailing decimal zeros are dropped unless a fixed number of places is asked for.
``core.readers.format_size`` writes byte counts in the same style.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

__all__ = [
    "format_large",
    "format_number",
    "format_percent",
    "format_ratio",
    "number_in_words",
]

Number = int | float | Decimal

# Scales for format_large, largest first; beyond "tỷ" the count of tỷ is grouped ("1.500 tỷ").
_SCALES = ((10**9, "tỷ"), (10**6, "triệu"), (10**3, "nghìn"))


def _decimal(value: Number) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"cannot format {value!r}")
    return number


def _group(digits: str) -> str:
    """``"1234567"`` → ``"1.234.567"``."""
    head = len(digits) % 3 or 3
    return ".".join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def _round(number: Decimal, places: int) -> Decimal:
    """``number`` rounded half up to ``places`` decimals, however many digits it has."""
    context = Context(prec=max(28, number.adjusted() + places + 2))
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=context)


def _format(number: Decimal, places: int, *, fixed: bool) -> str:
    rounded = _round(number, places)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{rounded.copy_abs():f}".partition(".")
    if not fixed:
        fraction = fraction.rstrip("0")
    return sign + _group(whole) + ("," + fraction if fraction else "")


def format_number(value: Number, *, decimals: int | None = None) -> str:
    """A number with dots between thousands and a decimal comma: 1234567 → "1.234.567".

    Args:
        value: an int, float or Decimal.
        decimals: write exactly this many decimal places (``format_number(3, decimals=1)``
            → "3,0"). None: integers as they are, other numbers with up to 2 places, trailing
            zeros dropped (12.5 → "12,5", 2.0 → "2").

    Returns:
        The formatted number; "-" before a negative one.

    Raises:
        TypeError: ``value`` is not a number (a bool is not).
        ValueError: ``value`` is NaN or infinite, or ``decimals`` is negative.
    """
    if decimals is not None and decimals < 0:
        raise ValueError("decimals must be 0 or more")
    number = _decimal(value)
    if decimals is None:
        return _format(number, 0 if isinstance(value, int) else 2, fixed=False)
    return _format(number, decimals, fixed=True)


def format_percent(ratio: Number, *, decimals: int = 1) -> str:
    """A ratio as a percentage: 0.756 → "75,6%", 0.5 → "50%", 1 → "100%".

    Args:
        ratio: the share, 1 meaning 100%.
        decimals: the most decimal places kept (trailing zeros dropped).
    """
    if decimals < 0:
        raise ValueError("decimals must be 0 or more")
    return _format(_decimal(ratio) * 100, decimals, fixed=False) + "%"


def format_ratio(part: int, whole: int, *, unit: str = "", percent: bool = False) -> str:
    """Done out of planned: ``format_ratio(3, 4, unit="đầu việc")`` → "3/4 đầu việc".

    Args:
        part: how many (done, reported, attended).
        whole: out of how many.
        unit: the counted thing, written after the ratio.
        percent: add the share in brackets, "3/4 đầu việc (75%)" (not when ``whole`` is 0).

    Raises:
        ValueError: a negative count.
    """
    if part < 0 or whole < 0:
        raise ValueError("counts cannot be negative")
    text = f"{format_number(part)}/{format_number(whole)}"
    if unit:
        text += " " + unit
    if percent and whole:
        text += f" ({format_percent(Decimal(part) / Decimal(whole))})"
    return text


def format_large(
    value: Number, *, unit: str = "", decimals: int = 1, full_below: int = 10_000
) -> str:
    """A large count in nghìn, triệu, tỷ: 147_300 → "147,3 nghìn"; 806 → "806".

    Counts below ``full_below`` are written in full ("1.234 văn bản": reviews count
    documents exactly). Larger ones take the largest scale not above them, rounded half up
    to ``decimals`` places with trailing zeros dropped (147_000 → "147 nghìn"); a count that
    rounds up to a thousand of its scale moves to the next (999_960 → "1 triệu"). Above
    999 tỷ the number of tỷ is grouped: "1.500 tỷ".

    Args:
        value: the count.
        unit: the counted thing ("tin, bài", "lượt người", "đồng").
        decimals: the most decimal places kept in a scaled count.
        full_below: counts below this are not scaled.

    Returns:
        "147,3 nghìn tin, bài"; "-" before a negative count.
    """
    number = _decimal(value)
    text = format_number(number if number % 1 else int(number))
    if abs(number) >= full_below:
        for i, (size, name) in enumerate(_SCALES):
            if abs(number) < size:
                continue
            scaled = _round(number / size, decimals)
            if i > 0 and abs(scaled) >= 1000:
                size, name = _SCALES[i - 1]
                scaled = _round(number / size, decimals)
            text = _format(scaled, decimals, fixed=False) + " " + name
            break
    return f"{text} {unit}" if unit else text


# --- in words --------------------------------------------------------------------------------

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu", "tỷ")


def _hundreds(n: int, *, full: bool) -> list[str]:
    """Words for 0–999; ``full`` writes "không trăm", "linh" as inside a larger number."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 0:
        return words
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5 and tens > 0:
        words.append("lăm")
    else:
        words.append(_DIGITS[units])
    return words


def number_in_words(n: int) -> str:
    """An integer read out in Vietnamese, as written in words on official papers.

    105 → "một trăm linh năm", 21 → "hai mươi mốt", 15 → "mười lăm", 1_005 → "một nghìn
    không trăm linh năm", 2_000_000_000_000 → "hai nghìn tỷ". "Linh" (not "lẻ") and "bốn"
    (not "tư") are used; groups of three zeros are skipped ("một triệu không trăm linh năm"
    for 1_000_005). Lowercase: capitalise the first letter to open a sentence.

    Raises:
        TypeError: ``n`` is not an int.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected an int, got {type(n).__name__}")
    if n < 0:
        return "âm " + number_in_words(-n)
    if n == 0:
        return _DIGITS[0]
    if n >= 10**12:  # thousands, millions ... of tỷ
        high, low = divmod(n, 10**9)
        rest = _groups_in_words(low, leading=False) if low else []
        return " ".join([number_in_words(high), "tỷ", *rest])
    return " ".join(_groups_in_words(n, leading=True))


def _groups_in_words(n: int, *, leading: bool) -> list[str]:
    """Words for 0 < n < 10**12 by groups of three digits; ``leading`` when ``n`` opens the
    number (its first group is read short: "năm", not "không trăm linh năm")."""
    groups: list[int] = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    if not leading:
        groups += [0] * (4 - len(groups))
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        full = bool(words) or (not leading)
        words += _hundreds(group, full=full)
        if _GROUPS[index]:
            words.append(_GROUPS[index])
    return words
