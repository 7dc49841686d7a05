"""Reporting periods: codes, Vietnamese names, calendar arithmetic and report due dates."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuyengiao.core.periods import (
    DueDate,
    DueRule,
    Period,
    PeriodError,
    due_dates,
    following,
    parse_period,
    period_containing,
    periods_between,
    previous,
    same_period_last_year,
    year_to_date,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "code", "kind", "start", "end", "label"),
    [
        ("2025H1", "2025H1", "half", D(2025, 1, 1), D(2025, 6, 30), "6 tháng đầu năm 2025"),
        ("2025H2", "2025H2", "half", D(2025, 7, 1), D(2025, 12, 31), "6 tháng cuối năm 2025"),
        ("2025Q3", "2025Q3", "quarter", D(2025, 7, 1), D(2025, 9, 30), "quý III năm 2025"),
        ("2024Q1", "2024Q1", "quarter", D(2024, 1, 1), D(2024, 3, 31), "quý I năm 2024"),
        ("2025M9", "2025M9", "months", D(2025, 1, 1), D(2025, 9, 30), "9 tháng đầu năm 2025"),
        ("2025", "2025", "year", D(2025, 1, 1), D(2025, 12, 31), "năm 2025"),
        ("2020-2025", "2020-2025", "term", D(2020, 1, 1), D(2025, 12, 31), "nhiệm kỳ 2020–2025"),
        ("2025-03", "2025-03", "month", D(2025, 3, 1), D(2025, 3, 31), "tháng 3 năm 2025"),
        ("2024-02", "2024-02", "month", D(2024, 2, 1), D(2024, 2, 29), "tháng 2 năm 2024"),
        ("2025-2", "2025-02", "month", D(2025, 2, 1), D(2025, 2, 28), "tháng 2 năm 2025"),
        (" 2025q4 ", "2025Q4", "quarter", D(2025, 10, 1), D(2025, 12, 31), "quý IV năm 2025"),
        ("2025-Q2", "2025Q2", "quarter", D(2025, 4, 1), D(2025, 6, 30), "quý II năm 2025"),
    ],
)
def test_it_reads_period_codes(text, code, kind, start, end, label):
    period = parse_period(text)
    assert (period.code, period.kind, period.start, period.end, period.label) == (
        code,
        kind,
        start,
        end,
        label,
    )
    assert str(period) == label


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2025M6", "2025H1"),
        ("2025M3", "2025Q1"),
        ("2025M12", "2025"),
        ("2025M1", "2025-01"),
        ("2025M10", "2025M10"),
    ],
)
def test_the_first_months_of_a_year_are_canonical(text, code):
    assert parse_period(text).code == code


def test_equal_spans_are_equal_periods():
    assert parse_period("2025M6") == parse_period("2025H1") == Period.of_half(2025, 1)
    assert len({parse_period("2025M6"), parse_period("2025H1")}) == 1


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("quý III/2025", "2025Q3"),
        ("Quý 3 năm 2025", "2025Q3"),
        ("quy iv - 2024", "2024Q4"),
        ("tháng 3/2025", "2025-03"),
        ("tháng 11 năm 2025", "2025-11"),
        ("6 tháng đầu năm 2025", "2025H1"),
        ("9 tháng năm 2021", "2021M9"),
        ("9 tháng đầu năm 2021", "2021M9"),
        ("6 tháng cuối năm 2023", "2023H2"),
        ("3 tháng cuối năm 2021", "2021Q4"),
        ("năm 2025", "2025"),
        ("nhiệm kỳ 2020–2025", "2020-2025"),
        ("nhiệm kỳ 2020 - 2025", "2020-2025"),
        ("kỳ 6 tháng đầu năm 2025", "2025H1"),
        ("QUÝ III/2025", "2025Q3"),
    ],
)
def test_it_reads_vietnamese_names(text, code):
    assert parse_period(text).code == code


def test_it_reads_names_in_nfd_and_without_diacritics():
    import unicodedata

    assert parse_period(unicodedata.normalize("NFD", "quý II/2025")).code == "2025Q2"
    assert parse_period("6 thang dau nam 2025").code == "2025H1"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2025Q5", ["2025Q5", "quý 5"]),
        ("2025H3", ["2025H3", "nửa năm thứ 3"]),
        ("2025-13", ["2025-13", "tháng 13"]),
        ("2025M0", ["2025M0", "0 tháng"]),
        ("2025M13", ["2025M13"]),
        ("quý IIII/2025", ["IIII", "La Mã"]),
        ("2025-2020", ["2025-2020", "năm cuối"]),
        ("2020-2040", ["2020–2040"]),
        ("1800", ["1800", "1930–2100"]),
        ("4 tháng cuối năm 2025", ["3 hoặc 6 tháng cuối năm"]),
        ("", ["không đọc được"]),
        ("sáu tháng", ["sáu tháng", "ví dụ đúng"]),
        ("2025Q", ["2025Q"]),
    ],
)
def test_an_invalid_period_is_refused_with_a_reason_naming_it(text, words):
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert isinstance(caught.value, ValueError)
    for word in words:
        assert word in caught.value.reason
    assert str(caught.value) == caught.value.reason


# --- calendar arithmetic ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "kind", "code"),
    [
        (D(2025, 3, 31), "month", "2025-03"),
        (D(2025, 3, 31), "quarter", "2025Q1"),
        (D(2025, 4, 1), "quarter", "2025Q2"),
        (D(2025, 6, 30), "half", "2025H1"),
        (D(2025, 7, 1), "half", "2025H2"),
        (D(2025, 12, 31), "year", "2025"),
    ],
)
def test_period_containing(day, kind, code):
    assert period_containing(day, kind).code == code


@pytest.mark.parametrize("kind", ["months", "term", "week"])
def test_period_containing_refuses_kinds_without_a_calendar_rule(kind):
    with pytest.raises(PeriodError):
        period_containing(D(2025, 5, 5), kind)


def test_year_to_date_is_the_first_months_through_the_days_month():
    assert year_to_date(D(2025, 9, 12)).label == "9 tháng đầu năm 2025"
    assert year_to_date(D(2025, 6, 1)).code == "2025H1"


@pytest.mark.parametrize(
    ("code", "before", "after", "last_year"),
    [
        ("2025-01", "2024-12", "2025-02", "2024-01"),
        ("2025Q1", "2024Q4", "2025Q2", "2024Q1"),
        ("2025H2", "2025H1", "2026H1", "2024H2"),
        ("2025H1", "2024H2", "2025H2", "2024H1"),
        ("2025M9", "2024M9", "2026M9", "2024M9"),
        ("2025", "2024", "2026", "2024"),
    ],
)
def test_previous_following_and_same_period_last_year(code, before, after, last_year):
    period = parse_period(code)
    assert previous(period).code == before
    assert following(period).code == after
    assert same_period_last_year(period).code == last_year


def test_terms_step_by_their_length_and_have_no_same_period_last_year():
    term = parse_period("2020-2025")
    assert previous(term).code == "2015-2020"
    assert following(term).code == "2025-2030"
    with pytest.raises(PeriodError, match="nhiệm kỳ trước"):
        same_period_last_year(term)


def test_a_step_past_the_supported_years_is_refused():
    with pytest.raises(PeriodError):
        following(Period.of_year(2100))


def test_periods_between_includes_partly_covered_periods():
    codes = [p.code for p in periods_between(D(2025, 3, 15), D(2025, 5, 10), "month")]
    assert codes == ["2025-03", "2025-04", "2025-05"]
    quarters = periods_between(D(2024, 11, 1), D(2025, 4, 1), "quarter")
    assert [p.code for p in quarters] == ["2024Q4", "2025Q1", "2025Q2"]
    assert [p.code for p in periods_between(D(2025, 1, 1), D(2025, 1, 1), "year")] == ["2025"]


def test_periods_between_refuses_an_end_before_the_start():
    with pytest.raises(PeriodError, match="31/12/2024 trước ngày bắt đầu 01/01/2025"):
        periods_between(D(2025, 1, 1), D(2024, 12, 31), "month")


def test_contains():
    q3 = parse_period("2025Q3")
    assert q3.contains(D(2025, 7, 1)) and q3.contains(D(2025, 9, 30))
    assert not q3.contains(D(2025, 10, 1))
    assert q3.year == 2025


# --- due dates -------------------------------------------------------------------------------


def test_a_monthly_report_is_due_on_the_5th_of_the_following_month_by_default():
    dues = due_dates("monthly", D(2025, 10, 15), D(2026, 1, 31))
    assert [(d.period.code, d.due) for d in dues] == [
        ("2025-10", D(2025, 11, 5)),
        ("2025-11", D(2025, 12, 5)),
        ("2025-12", D(2026, 1, 5)),
        ("2026-01", D(2026, 2, 5)),
    ]
    assert isinstance(dues[0], DueDate)


def test_quarterly_half_yearly_and_yearly_reports():
    rule = DueRule(day=15)
    quarterly = due_dates("quarterly", D(2025, 1, 1), D(2025, 12, 31), rule=rule)
    assert [d.due for d in quarterly] == [
        D(2025, 4, 15),
        D(2025, 7, 15),
        D(2025, 10, 15),
        D(2026, 1, 15),
    ]
    halves = due_dates("half-yearly", D(2025, 1, 1), D(2025, 12, 31))
    assert [(d.period.label, d.due) for d in halves] == [
        ("6 tháng đầu năm 2025", D(2025, 7, 5)),
        ("6 tháng cuối năm 2025", D(2026, 1, 5)),
    ]
    assert [d.due for d in due_dates("yearly", D(2024, 6, 1), D(2025, 6, 1))] == [
        D(2025, 1, 5),
        D(2026, 1, 5),
    ]


def test_a_deadline_inside_the_last_month_and_a_day_past_a_months_end():
    rule = DueRule(day=20, months_after=0)
    assert [d.due for d in due_dates("monthly", D(2025, 1, 1), D(2025, 2, 1), rule=rule)] == [
        D(2025, 1, 20),
        D(2025, 2, 20),
    ]
    end_of_month = DueRule(day=31)
    assert end_of_month.due(parse_period("2025-05")) == D(2025, 6, 30)
    assert end_of_month.due(parse_period("2024-01")) == D(2024, 2, 29)


@pytest.mark.parametrize(("day", "months_after"), [(0, 1), (32, 1), (5, -1), (5, 13)])
def test_a_due_rule_checks_its_values(day, months_after):
    with pytest.raises(PeriodError):
        DueRule(day=day, months_after=months_after)


def test_an_unknown_recurrence_is_refused_in_vietnamese():
    with pytest.raises(PeriodError, match="chu kỳ “weekly” không hợp lệ"):
        due_dates("weekly", D(2025, 1, 1), D(2025, 2, 1))  # type: ignore[arg-type]


# --- properties -------------------------------------------------------------------------------

days = st.dates(min_value=D(1931, 1, 1), max_value=D(2099, 12, 31))
calendar_kinds = st.sampled_from(["month", "quarter", "half", "year"])


@given(days, calendar_kinds)
def test_the_containing_period_holds_the_day_and_reads_back_from_its_code(day, kind):
    period = period_containing(day, kind)
    assert period.contains(day)
    assert parse_period(period.code) == period
    assert parse_period(period.label) == period


@given(days, calendar_kinds)
def test_consecutive_periods_tile_the_calendar(day, kind):
    period = period_containing(day, kind)
    assert following(period).start == period.end + dt.timedelta(days=1)
    assert previous(period).end == period.start - dt.timedelta(days=1)
    assert previous(following(period)) == period


@given(days, calendar_kinds)
def test_same_period_last_year_is_a_year_back(day, kind):
    period = period_containing(day, kind)
    last_year = same_period_last_year(period)
    assert last_year.kind == period.kind
    assert last_year.start == period.start.replace(year=period.start.year - 1)


@given(days, days, calendar_kinds)
def test_periods_between_cover_the_span_without_gaps(a, b, kind):
    start, end = min(a, b), max(a, b)
    if (end - start).days > 800 and kind == "month":
        end = start + dt.timedelta(days=800)
    periods = periods_between(start, end, kind)
    assert periods[0].contains(start) and periods[-1].contains(end)
    for earlier, later in zip(periods, periods[1:], strict=False):
        assert later.start == earlier.end + dt.timedelta(days=1)


@given(st.integers(1931, 2099), st.integers(1, 12))
def test_first_months_read_back_from_code_and_label(year, months):
    period = Period.of_first_months(year, months)
    assert period.start == D(year, 1, 1)
    assert period.end.month == months
    assert parse_period(period.code) == period
    assert parse_period(period.label) == period
