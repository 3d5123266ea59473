"""Dates, in one place: of documents, of table values and of DATE mentions in the text.

Deals carry a ``date`` that is "YYYY-MM-DD", "YYYY-MM" or "YYYY" (spec/deal-schema.md).

- :func:`normalise_date`: a document's date as an input file gives it (a date or
  datetime object, an ISO string, "26-FEB-1987 15:01:11.79", "June 12, 2025") -> an
  ISO string (the readers, the Dask engine);
- :func:`iso_date`: a table value -> "YYYY-MM-DD", "YYYY-MM" or "YYYY" at most, and
  :func:`year_and_month` of it (consolidating deals);
- :func:`parse_doc_date`: a document's date -> a ``datetime.date`` to resolve relative
  dates against;
- :func:`normalize_date`: the text of a DATE mention -> ISO. News text writes dates as
  "May 2024", "March 11", "last year", "yesterday" or "Wednesday"; the relative ones are
  resolved against the document's own date, and are left unresolved (None) when the
  document has no date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Optional, Union

from .schema import is_missing

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
# Month names that are also common words: counted only when capitalised ("in May", not "may").
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "dec", "sep", "oct", "aug", "jun", "jul"})
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
ORDINAL_PARTS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
# Days of the month spelled out, as newswire sometimes writes them ("February six").
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
DAY_NUMBER_WORDS = {
    **{word: n for n, word in enumerate(_UNITS, start=1)},
    **{word: n for n, word in enumerate(_TEENS, start=10)},
    "twenty": 20,
    **{f"twenty-{word}": 20 + n for n, word in enumerate(_UNITS, start=1)},
    "thirty": 30,
    "thirty-one": 31,
}
# Words that move a relative expression one period back or forward.
PAST_WORDS = frozenset({"last", "past", "previous", "prior"})
FUTURE_WORDS = frozenset({"next", "coming", "following"})
CURRENT_WORDS = frozenset({"this", "current"})
# The nearest reading of a month-day without a year is taken within this many days.
HALF_YEAR_DAYS = 183
MONTHS_PER_QUARTER = 3
MONTHS_PER_HALF = 6
DAYS_PER_WEEK = 7
MIN_YEAR, MAX_YEAR = 1800, 2099

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_DIGITS = r"(?P<day>\d{1,2}(?:st|nd|rd|th)?)"
# after a month name the day may be spelled out ("February six"); before one it may not
_DAY = r"(?P<day>\d{1,2}(?:st|nd|rd|th)?|" + "|".join(sorted(DAY_NUMBER_WORDS, key=len, reverse=True)) + r")"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_NUMBER = r"(?P<count>\d+|" + "|".join(NUMBER_WORDS) + r")"

ISO_DAY_RE = re.compile(r"\b" + _YEAR + r"[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})\b")
ISO_MONTH_RE = re.compile(r"\b" + _YEAR + r"-(?P<month>\d{1,2})\b(?![-/]\d)")
MONTH_DAY_YEAR_RE = re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"\b(?:,?\s+" + _YEAR + r"\b)?", re.I)
DAY_MONTH_YEAR_RE = re.compile(r"\b" + _DAY_DIGITS + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + r"\b)?", re.I)
MONTH_YEAR_RE = re.compile(r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"\b", re.I)
MONTH_RE = re.compile(r"\b" + _MONTH + r"(?=\W|$)", re.I)
YEAR_RE = re.compile(r"(?<![\d,.])" + _YEAR + r"(?![\d,])")
AGO_RE = re.compile(_NUMBER + r"\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)
RELATIVE_RE = re.compile(
    r"\b(?P<which>last|past|previous|prior|next|coming|following|this|current)\s+"
    r"(?P<unit>year|month|week)\b",
    re.I,
)
WEEKDAY_RE = re.compile(r"\b(?:(?P<which>last|next|this|past)\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.I)
PART_RE = re.compile(r"\b(?P<ordinal>first|second|third|fourth)[\s-]+(?P<part>quarter|half)\b", re.I)
DAY_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1}
DAY_WORD_RE = re.compile(r"\b(?P<word>yesterday|today|tomorrow)\b", re.I)
# Reuters stamps its stories "26-FEB-1987 15:01:01.79".
DOC_DATE_FORMATS = ("%d-%b-%Y", "%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%B %d, %Y", "%Y/%m/%d")


@dataclass(frozen=True)
class _DocDate:
    """The document's date, as precise as it was given."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    @property
    def as_date(self) -> Optional[date]:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


def parse_doc_date(value: Union[str, date, None]) -> Optional[date]:
    """Read a document date (ISO, or Reuters' "26-FEB-1987 15:01:01.79"); None if unreadable."""
    parsed = _doc_date(value)
    return parsed.as_date if parsed else None


def _doc_date(value: Union[str, date, None]) -> Optional[_DocDate]:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _DocDate(value.year, value.month, value.day)
    text = str(value).strip()
    if not text:
        return None
    head = re.split(r"[T\s]", text, maxsplit=1)[0] if re.match(r"\d{4}-", text) else text
    for candidate in (head, text.split(" ")[0], " ".join(text.split(" ")[:3])):
        for fmt in DOC_DATE_FORMATS:
            try:
                day = datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
            return _DocDate(day.year, day.month, day.day)
    match = re.fullmatch(_YEAR + r"(?:-(?P<month>\d{1,2}))?", head)
    if match:
        month = int(match["month"]) if match["month"] else None
        if month is None or 1 <= month <= 12:
            return _DocDate(int(match["year"]), month)
    return None


def normalize_date(text: str, doc_date: Optional[str] = None) -> Optional[str]:
    """Turn a date mention into "YYYY-MM-DD", "YYYY-MM" or "YYYY", or None.

    "in May 2024" -> "2024-05"; "March 11" with doc_date 1987-03-23 -> "1987-03-11" (the
    year that puts the day nearest the document date); "last year" -> the year before the
    document's; "yesterday" -> the day before it; "Wednesday" -> the latest Wednesday on or
    before it. Expressions that need the document date give None without one.
    """
    if not text or not text.strip():
        return None
    text = " ".join(text.split())
    anchor = _doc_date(doc_date)
    for reader in (_absolute_day, _absolute_month):
        found = reader(text)
        if found is not None:
            return found
    for reader in (_month_day, _day_words, _ago, _relative, _weekday):
        if anchor is not None:
            found = reader(text, anchor)
            if found is not None:
                return found
    year = YEAR_RE.search(text)
    if year:
        return year["year"]
    if anchor is not None:
        for reader in (_month_only, _year_part):
            found = reader(text, anchor)
            if found is not None:
                return found
    return None


# --- readers: each returns an ISO string or None ----------------------------------------


def _iso(year: int, month: Optional[int] = None, day: Optional[int] = None) -> Optional[str]:
    """Format a (partial) date, or None when it does not exist ("Feb 30")."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month_number(match: re.Match) -> Optional[int]:
    """The month of a match, refusing lower-case "may"/"march" (verbs, not months)."""
    word = match["month"]
    if word.lower() in AMBIGUOUS_MONTHS and word.islower():
        return None
    return MONTHS[word.lower()]


def _day_number(text: str) -> int:
    """ "11", "11th" or "eleven" as 11."""
    word = text.lower().replace(" ", "-")
    if word in DAY_NUMBER_WORDS:
        return DAY_NUMBER_WORDS[word]
    return int(re.sub(r"\D", "", word))


def _absolute_day(text: str) -> Optional[str]:
    match = ISO_DAY_RE.search(text)
    if match:
        return _iso(int(match["year"]), int(match["month"]), int(match["day"]))
    for pattern in (MONTH_DAY_YEAR_RE, DAY_MONTH_YEAR_RE):
        for match in pattern.finditer(text):
            month = _month_number(match)
            if month is not None and match["year"]:
                return _iso(int(match["year"]), month, _day_number(match["day"]))
    return None


def _absolute_month(text: str) -> Optional[str]:
    match = ISO_MONTH_RE.search(text)
    if match:
        return _iso(int(match["year"]), int(match["month"]))
    for match in MONTH_YEAR_RE.finditer(text):
        month = _month_number(match)
        if month is not None:
            return _iso(int(match["year"]), month)
    return None


def _month_day(text: str, anchor: _DocDate) -> Optional[str]:
    """ "March 11" / "11 March": the year that puts the day nearest the document date."""
    for pattern in (MONTH_DAY_YEAR_RE, DAY_MONTH_YEAR_RE):
        for match in pattern.finditer(text):
            month = _month_number(match)
            if month is None:
                continue
            return _nearest_year(anchor, month, _day_number(match["day"]))
    return None


def _nearest_year(anchor: _DocDate, month: int, day: int) -> Optional[str]:
    reference = anchor.as_date or date(anchor.year, anchor.month or 6, 15)
    best: Optional[date] = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if _iso(year, month, day) is None:
            continue
        candidate = date(year, month, day)
        if best is None or abs((candidate - reference).days) < abs((best - reference).days):
            best = candidate
    if best is None or abs((best - reference).days) > HALF_YEAR_DAYS:
        return _iso(anchor.year, month, day)
    return best.isoformat()


def _day_words(text: str, anchor: _DocDate) -> Optional[str]:
    match = DAY_WORD_RE.search(text)
    if not match or anchor.as_date is None:
        return None
    return (anchor.as_date + timedelta(days=DAY_WORDS[match["word"].lower()])).isoformat()


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _ago(text: str, anchor: _DocDate) -> Optional[str]:
    """ "two years ago" -> the year; "three months ago" -> the month; "ten days ago" -> the day."""
    match = AGO_RE.search(text)
    if not match:
        return None
    raw = match["count"].lower()
    count = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    unit = match["unit"].lower()
    if unit == "year":
        return _iso(anchor.year - count)
    if unit == "month":
        if anchor.month is None:
            return None
        return _iso(*_shift_month(anchor.year, anchor.month, -count))
    if anchor.as_date is None:
        return None
    days = count * (DAYS_PER_WEEK if unit == "week" else 1)
    return (anchor.as_date - timedelta(days=days)).isoformat()


def _relative(text: str, anchor: _DocDate) -> Optional[str]:
    """ "last year", "this year", "earlier this year", "next month"; weeks stay unresolved."""
    match = RELATIVE_RE.search(text)
    if not match:
        return None
    which = match["which"].lower()
    step = -1 if which in PAST_WORDS else 1 if which in FUTURE_WORDS else 0
    unit = match["unit"].lower()
    if unit == "year":
        return _iso(anchor.year + step)
    if unit == "month" and anchor.month is not None:
        return _iso(*_shift_month(anchor.year, anchor.month, step))
    return None


def _weekday(text: str, anchor: _DocDate) -> Optional[str]:
    """ "Wednesday": the latest Wednesday on or before the document date."""
    match = WEEKDAY_RE.search(text)
    if not match or anchor.as_date is None:
        return None
    today = anchor.as_date
    target = WEEKDAYS[match["weekday"].lower()]
    which = (match["which"] or "").lower()
    back = (today.weekday() - target) % DAYS_PER_WEEK
    if which in FUTURE_WORDS:
        forward = (target - today.weekday()) % DAYS_PER_WEEK or DAYS_PER_WEEK
        return (today + timedelta(days=forward)).isoformat()
    if which in PAST_WORDS and back == 0:
        back = DAYS_PER_WEEK
    return (today - timedelta(days=back)).isoformat()


def _month_only(text: str, anchor: _DocDate) -> Optional[str]:
    """ "in May": the nearest May to the document date, as "YYYY-MM"."""
    for match in MONTH_RE.finditer(text):
        month = _month_number(match)
        if month is None:
            continue
        if anchor.month is None:
            return _iso(anchor.year, month)
        found = _nearest_year(anchor, month, 1)
        return found[:7] if found else None
    return None


def _year_part(text: str, anchor: _DocDate) -> Optional[str]:
    """ "the first quarter" / "the second half" with no year: the latest one begun by the
    document date, as its year."""
    match = PART_RE.search(text)
    if not match:
        return None
    size = MONTHS_PER_QUARTER if match["part"].lower() == "quarter" else MONTHS_PER_HALF
    first_month = (ORDINAL_PARTS[match["ordinal"].lower()] - 1) * size + 1
    if first_month > 12:
        return None
    if anchor.month is not None and first_month > anchor.month:
        return _iso(anchor.year - 1)
    return _iso(anchor.year)


# --- dates of documents and of table values ---------------------------------------------

_PARTIAL_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# YYYY, YYYY-MM or YYYY-MM-DD at the start of a date string (a time part is ignored).
_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
# Two default dates that differ in every field: what dateutil fills in from them was not
# in the text, which tells a full date from "June 2025" (-> "2025-06").
_DEFAULT_DATES = (datetime(2000, 1, 1), datetime(2001, 2, 2))


_DATE_JUNK = re.compile(r"&#|[^\w\s:.,/+-]")


def normalise_date(value: Any) -> str | None:
    """A date from a file as an ISO string: "2025-06-12", "2025-06", "2025", or a full
    ISO datetime when it has a time of day. Accepts date/datetime objects (Parquet,
    pandas), ISO strings and common written forms ("26-FEB-1987 15:01:11.79",
    "June 12, 2025"). Returns None for missing or unreadable values.
    """
    if is_missing(value):
        return None
    if isinstance(value, datetime):  # before date: datetime is a subclass of date
        return _iso_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if _PARTIAL_ISO_DATE.fullmatch(text):
        return text
    try:
        return _iso_datetime(datetime.fromisoformat(text))
    except ValueError:
        pass
    # markup or control codes after the date ("27-MAR-1987 04:05:25.22&#5;&#5;F")
    text = _DATE_JUNK.split(text, maxsplit=1)[0].strip()
    return _parse_written_date(text) if text else None


def _iso_datetime(value: datetime) -> str:
    if value.tzinfo is None and value.time() == time(0):
        return value.date().isoformat()
    return value.isoformat()


@lru_cache(maxsize=4096)  # a corpus repeats its dates; dateutil takes ~20 us a parse
def _parse_written_date(text: str) -> str | None:
    from dateutil import parser

    try:
        first, second = (parser.parse(text, default=default) for default in _DEFAULT_DATES)
    except (ValueError, OverflowError):
        return None
    if first.year != second.year:
        return None
    if first.month != second.month:
        return f"{first.year:04d}"
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    return _iso_datetime(first)


def iso_date(value: Any) -> Optional[str]:
    """ "2025-06-12", "2025-06", "2025" (from a string, date or Timestamp), else None."""
    if is_missing(value):
        return None
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    match = _ISO_DATE.match(str(value))
    if not match:
        return None
    year, month, day = match.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return year
    if day is None or not 1 <= int(day) <= 31:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


def year_and_month(iso: Optional[str]) -> tuple[Optional[int], Optional[int]]:
    """(year, month index year*12+month-1 or None) of an ISO date; (None, None) without
    one (what consolidating deals compares)."""
    if not iso:
        return None, None
    year = int(iso[:4])
    if len(iso) >= 7:
        return year, year * 12 + int(iso[5:7]) - 1
    return year, None
