"""Vietnamese number formatting for reviews: grouping, decimals, percentages, scales, words."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuyengiao.core.numbers import (
    format_large,
    format_number,
    format_percent,
    format_ratio,
    number_in_words,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (806, "806"),
        (1234, "1.234"),
        (1234567, "1.234.567"),
        (-1234567, "-1.234.567"),
        (12.5, "12,5"),
        (2.0, "2"),
        (0.1 + 0.2, "0,3"),
        (2.675, "2,68"),
        (1234.5678, "1.234,57"),
        (-0.004, "0"),
        (Decimal("147300.25"), "147.300,25"),
        (1e21, "1.000.000.000.000.000.000.000"),
    ],
)
def test_format_number(value, expected):
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(3, 1, "3,0"), (12.345, 2, "12,35"), (12.5, 0, "13"), (1234.5, 1, "1.234,5")],
)
def test_format_number_with_fixed_places(value, decimals, expected):
    assert format_number(value, decimals=decimals) == expected


@pytest.mark.parametrize("value", [True, "12", None, [1]])
def test_format_number_refuses_what_is_not_a_number(value):
    with pytest.raises(TypeError):
        format_number(value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN")])
def test_format_number_refuses_nan_and_infinity(value):
    with pytest.raises(ValueError):
        format_number(value)


def test_format_number_refuses_negative_places():
    with pytest.raises(ValueError):
        format_number(1, decimals=-1)


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [(0.756, "75,6%"), (0.5, "50%"), (1, "100%"), (0, "0%"), (0.0004, "0%"), (1.25, "125%")],
)
def test_format_percent(ratio, expected):
    assert format_percent(ratio) == expected


def test_format_percent_with_more_places():
    assert format_percent(0.12345, decimals=2) == "12,35%"


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        ((3, 4), {}, "3/4"),
        ((3, 4), {"unit": "đầu việc"}, "3/4 đầu việc"),
        ((3, 4), {"unit": "đầu việc", "percent": True}, "3/4 đầu việc (75%)"),
        ((1234, 2000), {}, "1.234/2.000"),
        ((2, 3), {"percent": True}, "2/3 (66,7%)"),
        ((0, 0), {"percent": True}, "0/0"),
    ],
)
def test_format_ratio(args, kwargs, expected):
    assert format_ratio(*args, **kwargs) == expected


def test_format_ratio_refuses_negative_counts():
    with pytest.raises(ValueError):
        format_ratio(-1, 4)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (806, "806 tin, bài"),
        (9_999, "9.999 tin, bài"),
        (10_000, "10 nghìn tin, bài"),
        (147_300, "147,3 nghìn tin, bài"),
        (147_000, "147 nghìn tin, bài"),
        (147_350, "147,4 nghìn tin, bài"),
        (999_960, "1 triệu tin, bài"),
        (1_234_567, "1,2 triệu tin, bài"),
        (2_500_000_000, "2,5 tỷ tin, bài"),
        (1_500_000_000_000, "1.500 tỷ tin, bài"),
        (-147_300, "-147,3 nghìn tin, bài"),
    ],
)
def test_format_large(value, expected):
    assert format_large(value, unit="tin, bài") == expected


def test_format_large_options():
    assert format_large(1234) == "1.234"
    assert format_large(1234, full_below=1000) == "1,2 nghìn"
    assert format_large(147_345, decimals=2, unit="lượt người") == "147,35 nghìn lượt người"
    assert format_large(12.5) == "12,5"


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi bốn"),
        (25, "hai mươi lăm"),
        (50, "năm mươi"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (1_005, "một nghìn không trăm linh năm"),
        (1_050, "một nghìn không trăm năm mươi"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_005_000, "một triệu không trăm linh năm nghìn"),
        (806, "tám trăm linh sáu"),
        (12_345_678, "mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám"),
        (1_000_000_000, "một tỷ"),
        (2_000_000_000_005, "hai nghìn tỷ không trăm linh năm"),
        (-7, "âm bảy"),
    ],
)
def test_number_in_words(n, words):
    assert number_in_words(n) == words


def test_number_in_words_refuses_what_is_not_an_int():
    with pytest.raises(TypeError):
        number_in_words(1.5)  # type: ignore[arg-type]


# --- properties -------------------------------------------------------------------------------


def _parse(text: str) -> Decimal:
    """Read back a number written the Vietnamese way."""
    return Decimal(text.replace(".", "").replace(",", "."))


@given(st.integers(min_value=-(10**30), max_value=10**30))
def test_integers_read_back_exactly(n):
    text = format_number(n)
    assert _parse(text) == n
    assert "," not in text
    groups = text.lstrip("-").split(".")
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3


@given(st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, places=4))
def test_decimals_round_half_up_to_two_places(value):
    text = format_number(value)
    expected = value.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert _parse(text) == expected
    assert len(text.partition(",")[2]) <= 2


@given(st.floats(min_value=0, max_value=10, allow_nan=False))
def test_percentages_are_within_half_a_tenth(ratio):
    text = format_percent(ratio)
    assert text.endswith("%")
    assert abs(_parse(text[:-1]) - Decimal(str(ratio)) * 100) <= Decimal("0.05")


@given(st.integers(min_value=10_000, max_value=10**15))
def test_scaled_counts_are_within_rounding_of_the_value(n):
    text = format_large(n)
    number, _, name = text.partition(" ")
    size = {"nghìn": 10**3, "triệu": 10**6, "tỷ": 10**9}[name]
    assert abs(_parse(number) * size - n) <= Decimal(size) / 20
    assert name == "tỷ" or _parse(number) < 1000


@given(st.integers(min_value=0, max_value=10**15))
def test_words_are_lowercase_vietnamese_and_never_double_spaced(n):
    words = number_in_words(n)
    assert words == words.strip() and "  " not in words
    assert words.islower()
    assert "mươi một" not in words and "mươi năm" not in words  # mốt, lăm
