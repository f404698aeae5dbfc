"""Date and time expressions resolved against a publication date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from carewatch.model import DatePrecision
from carewatch.resolve.dates import find_dates, find_times, publication_date_value
from carewatch.text import Context

WED = dt.date(2016, 9, 28)  # a Wednesday
D, W, M, Y = DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR


def dates(text: str, published: dt.date | None = WED) -> list[tuple[str, dt.date, DatePrecision]]:
    return [
        (d.span.text, d.date, d.precision) for d in find_dates(Context(text, published)) if d.span
    ]


@pytest.mark.parametrize(
    ("text", "expression", "date", "precision"),
    [
        ("Hit on 28 September 2016.", "28 September 2016", dt.date(2016, 9, 28), D),
        ("Hit on September 28, 2016.", "September 28, 2016", dt.date(2016, 9, 28), D),
        ("Hit on 2016-09-28.", "2016-09-28", dt.date(2016, 9, 28), D),
        ("09 September 2022: A clinic", "09 September 2022", dt.date(2022, 9, 9), D),
        ("17 May2022: a typo", "17 May2022", dt.date(2022, 5, 17), D),
        ("On the 3rd of March 2021 it", "3rd of March 2021", dt.date(2021, 3, 3), D),
        ("As reported on 12 Sept 2021:", "12 Sept 2021", dt.date(2021, 9, 12), D),
        ("April 2021: A hospital", "April 2021", dt.date(2021, 4, 1), M),
        ("Decmeber 2022: A nurse", "Decmeber 2022", dt.date(2022, 12, 1), M),
        ("April-May 2021: x", "April-May 2021", dt.date(2021, 4, 1), M),
        ("in July the roads", "in July", dt.date(2016, 7, 1), M),
        ("in November the roads", "in November", dt.date(2015, 11, 1), M),
        ("since March the siege", "since March", dt.date(2016, 3, 1), M),
        ("Wednesday's strikes", "Wednesday", dt.date(2016, 9, 28), D),
        ("told us on Tuesday that", "on Tuesday", dt.date(2016, 9, 27), D),
        ("announced last Thursday", "last Thursday", dt.date(2016, 9, 22), D),
        ("since last Wednesday", "last Wednesday", dt.date(2016, 9, 21), D),
        ("on Saturday night", "on Saturday", dt.date(2016, 9, 24), D),
        ("destroyed last week", "last week", dt.date(2016, 9, 19), W),
        ("earlier this week", "earlier this week", dt.date(2016, 9, 26), W),
        ("Earlier the same week, a clinic", "Earlier the same week", dt.date(2016, 9, 26), W),
        ("it was hit yesterday", "yesterday", dt.date(2016, 9, 27), D),
        ("it was hit today", "today", dt.date(2016, 9, 28), D),
        ("hit this morning", "this morning", dt.date(2016, 9, 28), D),
        ("hit last night", "last night", dt.date(2016, 9, 27), D),
        ("closed last month", "last month", dt.date(2016, 8, 1), M),
        ("closed earlier this month", "earlier this month", dt.date(2016, 9, 1), M),
        ("closed last year", "last year", dt.date(2015, 1, 1), Y),
        ("closed in 2014 after", "in 2014", dt.date(2014, 1, 1), Y),
        ("hit three days ago", "three days ago", dt.date(2016, 9, 25), D),
        ("hit 2 days ago", "2 days ago", dt.date(2016, 9, 26), D),
    ],
)
def test_expression_resolves(
    text: str, expression: str, date: dt.date, precision: DatePrecision
) -> None:
    assert (expression, date, precision) in dates(text)


@pytest.mark.parametrize(
    "text",
    [
        "The hospitals are called M10 and M2 by medics.",
        "the 4am and 10am strikes",
        "in the six-year-long Syrian civil war",
        "for the approximately 250,000 civilians",
        "gains in the last 24 hours",
        "within 24 hours of the attack",
        "it may be that the strike was deliberate",
        "a protest march through the city",
        "the convoy of 2000 people",
        "March on the capital",
    ],
)
def test_no_false_dates(text: str) -> None:
    assert dates(text) == []


def test_relative_expressions_need_a_publication_date() -> None:
    found = dates("April 2021: hit on Tuesday and again last week", published=None)
    assert [(e, d) for e, d, _ in found] == [("April 2021", dt.date(2021, 4, 1))]


def test_five_digit_year_typo_keeps_the_month() -> None:
    (found,) = dates("January 20201: A children's hospital was damaged", published=None)
    assert found[1].month == 1 and found[2] is M and found[1].year in (2020, 2021)


def test_weekday_before_full_date_is_not_counted_twice() -> None:
    assert dates("on Tuesday, 27 September 2016") == [
        ("27 September 2016", dt.date(2016, 9, 27), D)
    ]


def test_spans_point_into_the_original_text() -> None:
    text = "Doctors said on Tuesday\u2019s call that the strikes of last week hit it."
    for value in find_dates(Context(text, WED)):
        assert value.span is not None and text[value.span.start : value.span.end] == value.span.text


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("the 4am and 10am strikes", [("4am", "04:00"), ("10am", "10:00")]),
        ("at 4 a.m. local time", [("4 a.m.", "04:00")]),
        ("at 16:30 on Monday", [("16:30", "16:30")]),
        ("around 10 pm", [("10 pm", "22:00")]),
        ("at 12am", [("12am", "00:00")]),
        ("at noon", [("noon", "12:00")]),
        ("M10 and M2 were hit", []),
        ("a ratio of 3:1 and 250,000 people", []),
    ],
)
def test_times(text: str, times: list[tuple[str, str]]) -> None:
    assert [(span.text, clock) for span, clock in find_times(Context(text))] == times


def test_publication_date_value() -> None:
    value = publication_date_value(WED)
    assert (value.date, value.precision, value.basis, value.span) == (WED, D, "publication", None)


def test_find_dates_is_fast() -> None:
    ctx = Context(
        "April 2021: A hospital in Aleppo was hit on Tuesday by air strikes; "
        "two nurses were killed and the clinic closed last week, doctors said.",
        WED,
    )
    ctx.norm  # noqa: B018
    import time

    start = time.perf_counter()
    for _ in range(200):
        find_dates(ctx)
    assert (time.perf_counter() - start) / 200 < 0.002


SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
ALEPPO = SHARED / "data" / "reports" / "aleppo-hospitals-2016-09-28.txt"


@pytest.mark.skipif(not ALEPPO.exists(), reason=f"shared reports not present at {ALEPPO}")
def test_aleppo_report() -> None:
    found = dates(ALEPPO.read_text(encoding="utf-8"))
    for expected in [
        ("last Thursday", dt.date(2016, 9, 22), D),
        ("last week", dt.date(2016, 9, 19), W),
        ("in July", dt.date(2016, 7, 1), M),
        ("on Tuesday", dt.date(2016, 9, 27), D),
        ("Wednesday", dt.date(2016, 9, 28), D),
    ]:
        assert expected in found
    assert len(found) == 5
    times = [clock for _, clock in find_times(Context(ALEPPO.read_text(encoding="utf-8")))]
    assert times == ["04:00", "10:00"]
