"""Date mentions to ISO and partial ISO dates (pipeline.dates)."""

from __future__ import annotations

from datetime import date
from typing import Optional

import pytest

from pipeline.dates import normalize_date, parse_doc_date

REUTERS_STAMP = "23-MAR-1987 10:12:45.11"

# (mention, document date, expected)
CASES = [
    # absolute dates need no document date
    ("in May 2024", None, "2024-05"),
    ("May 2024", None, "2024-05"),
    ("May 3, 2024", None, "2024-05-03"),
    ("3 May 2024", None, "2024-05-03"),
    ("Jan. 5, 1987", None, "1987-01-05"),
    ("2024-05-03", None, "2024-05-03"),
    ("2024-05", None, "2024-05"),
    ("1986", None, "1986"),
    ("in 2024", None, "2024"),
    ("fiscal 1986", None, "1986"),
    ("mid-1987", None, "1987"),
    ("the first quarter of 1987", None, "1987"),
    ("February 1987", "1987-03-23", "1987-02"),
    # month and day: the year that puts the day nearest the document date
    ("March 11", "1987-03-23", "1987-03-11"),
    ("Feb 10", "1987-03-23", "1987-02-10"),
    ("on Feb 23", "1987-03-23", "1987-02-23"),
    ("March 11th", "1987-03-23", "1987-03-11"),
    ("the 11th of March", "1987-03-23", "1987-03-11"),
    ("April 2", "1987-03-23", "1987-04-02"),
    ("Dec 15", "1987-01-10", "1986-12-15"),
    ("March 11", REUTERS_STAMP, "1987-03-11"),
    ("MARCH 11", REUTERS_STAMP, "1987-03-11"),
    ("February six", "1987-04-03", "1987-02-06"),
    ("February twenty-six, 1987", None, "1987-02-26"),
    # relative to the document date
    ("last year", "1987-03-25", "1986"),
    ("this year", "1987-03-25", "1987"),
    ("earlier this year", "1987-03-25", "1987"),
    ("later this year", REUTERS_STAMP, "1987"),
    ("next year", "1987-03-25", "1988"),
    ("last month", "1987-03-25", "1987-02"),
    ("last month", "1987-01-05", "1986-12"),
    ("earlier this month", "1987-03-25", "1987-03"),
    ("next month", "1987-12-02", "1988-01"),
    ("yesterday", "1987-03-25", "1987-03-24"),
    ("yesterday", "1987-03-01", "1987-02-28"),
    ("today", "1987-03-25", "1987-03-25"),
    ("tomorrow", "2025-06-12T08:30:00Z", "2025-06-13"),
    ("two years ago", "2025-06-12", "2023"),
    ("three months ago", "2025-02-12", "2024-11"),
    ("ten days ago", "2025-06-12", "2025-06-02"),
    ("in May", "1987-03-23", "1987-05"),
    ("in December", "1987-03-23", "1986-12"),
    ("the fourth quarter", REUTERS_STAMP, "1986"),
    ("the first quarter", REUTERS_STAMP, "1987"),
    # weekdays: the latest such day on or before the document date (1987-03-25 is a Wednesday)
    ("Wednesday", "1987-03-25", "1987-03-25"),
    ("on Wednesday", "1987-03-26", "1987-03-25"),
    ("Monday", "1987-03-25", "1987-03-23"),
    ("last Wednesday", "1987-03-25", "1987-03-18"),
    ("next Friday", "1987-03-25", "1987-03-27"),
    # relative expressions without a document date stay unresolved
    ("last year", None, None),
    ("yesterday", None, None),
    ("March 11", None, None),
    ("Wednesday", None, None),
    ("last month", None, None),
    # not dates, or not precise enough
    ("", "1987-03-25", None),
    ("recently", "1987-03-25", None),
    ("last week", "1987-03-25", None),
    ("may", "1987-03-25", None),
    ("the deal", None, None),
    ("1,986 dlrs", None, None),
]


@pytest.mark.parametrize("text,doc_date,expected", CASES, ids=[f"{c[0]!r}@{c[1]}" for c in CASES])
def test_normalize_date(text: str, doc_date: Optional[str], expected: Optional[str]) -> None:
    assert normalize_date(text, doc_date) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        ("26-FEB-1987 15:01:01.79", date(1987, 2, 26)),
        ("2025-06-12", date(2025, 6, 12)),
        ("2025-06-12T08:30:00Z", date(2025, 6, 12)),
        (date(2024, 1, 31), date(2024, 1, 31)),
        ("not a date", None),
        (None, None),
    ],
)
def test_parse_doc_date(value, expected) -> None:
    assert parse_doc_date(value) == expected


def test_month_only_document_date_resolves_years_and_months() -> None:
    assert normalize_date("last year", "1987-03") == "1986"
    assert normalize_date("last month", "1987-03") == "1987-02"
    assert normalize_date("yesterday", "1987-03") is None
