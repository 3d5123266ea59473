"""The limits of the money and percent parser: amounts too large to be money, scientific
notation, spelled-out decimals and compound numbers, signs, non-string input, and odd
values from the quantulum3 fallback.

The rule throughout: a mention gives the right number or no number, never a wrong one
(a half-read "1e400", a dropped minus sign, infinity in the output tables).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from pathlib import Path
from types import SimpleNamespace
from typing import Optional

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.money import fallback
from pipeline.money.component import MoneyComponent
from pipeline.money.parsing import MAX_AMOUNT, MAX_PERCENT, parse_money, parse_percent
from pipeline.schema import Money
from pipeline.tables import write_tables

NINES = "9" * 400
REL_TOL = 1e-9


def _money_fields(money: Money) -> list[Optional[float]]:
    return [money.amount, money.amount_min, money.amount_max]


def assert_amount(got: Optional[Money], amount: float, currency: Optional[str]) -> None:
    assert got is not None, f"expected {amount} {currency}, got None"
    assert got.currency == currency, got
    assert got.amount == pytest.approx(amount, rel=REL_TOL), got


# --- 1. out of range ---------------------------------------------------------------------

TOO_LARGE = [
    "$" + NINES,  # float infinity today
    "$" + "9" * 30,  # 1e30 dollars
    NINES + " dollars",
    "about " + NINES + " mln dlrs",
    "between $1 and $" + NINES,  # a range with an infinite end
    "5 billion billion dollars",  # 5e18
    "$5 trillion trillion",
    "several hundred trillion trillion dollars",  # vague, bounds 2e26-9e26
    "100,001 trillion yen",  # just past the bound
]


@pytest.mark.parametrize("text", TOO_LARGE, ids=lambda t: repr(t[:40]))
def test_amount_beyond_the_bound_is_no_amount(text: str) -> None:
    assert parse_money(text) is None


def test_bound_is_documented_and_between_real_and_absurd() -> None:
    # the largest figures in real news (a budget in rupiah or rials) sit below it,
    # absurd ones (a thousand times world GDP in dollars) above it
    assert 1e16 <= MAX_AMOUNT <= 1e18


LARGE_BUT_REAL = [
    ("about 13 trillion won", 13e12, "KRW"),
    ("Rp 3,325 trillion", 3.325e15, "IDR"),
    ("894,362 billion lire", 894362e9, "ITL"),
    ("545,303 billion yen", 545303e9, "JPY"),
    ("$" + "9" * 15, 999999999999999.0, "USD"),
    ("100,000 trillion yen", 1e17, "JPY"),  # the bound itself
]


@pytest.mark.parametrize("text,amount,currency", LARGE_BUT_REAL)
def test_large_real_amounts_still_parse(text: str, amount: float, currency: str) -> None:
    assert_amount(parse_money(text), amount, currency)
    assert parse_money(text).amount <= MAX_AMOUNT


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _doc(blank, words: list[str], ents: list[str]) -> Doc:
    return Doc(blank.vocab, words=words, spaces=[True] * len(words), ents=ents)


@pytest.mark.parametrize("amount_words", [["$", NINES], [NINES, "dollars"], ["1e400", "dollars"], ["$", "1e400"]])
def test_component_gives_no_amount_out_of_range(blank, amount_words: list[str]) -> None:
    component = MoneyComponent(blank)
    words = ["Acme", "paid", *amount_words, "for", "Beta"]
    ents = ["B-ORG", "O", "B-MONEY"] + ["I-MONEY"] * (len(amount_words) - 1) + ["O", "B-ORG"]
    doc = component(_doc(blank, words, ents))
    assert doc.ents[1].label_ == "MONEY"
    assert doc.ents[1]._.money is None


def test_component_gives_no_percent_out_of_range(blank) -> None:
    component = MoneyComponent(blank)
    words = ["bought", NINES, "pct", "of", "Beta"]
    doc = component(_doc(blank, words, ["O", "B-PERCENT", "I-PERCENT", "O", "B-ORG"]))
    assert doc.ents[0]._.percent is None


def test_extracted_tables_hold_no_infinity(nlp, tmp_path: Path) -> None:
    """The audit's case end to end: the deal table, written as JSONL, stays valid JSON."""
    import pipeline

    records = [
        {"id": "huge", "text": f"Acme Corp agreed to acquire Beta Inc for ${NINES} in cash, the firms said."},
        {"id": "sci", "text": "Acme Corp agreed to acquire Beta Inc for 1e400 dollars in cash."},
    ]
    tables = pipeline.extract(records, nlp=nlp)
    for name in ("mentions", "deals"):
        df = getattr(tables, name)
        for column in ("amount", "amount_min", "amount_max"):
            for value in df[column].dropna():
                assert math.isfinite(float(value)) and float(value) <= MAX_AMOUNT, (name, column, value)
    write_tables(tables, tmp_path, "jsonl")
    for name in ("mentions", "deals"):
        for line in (tmp_path / f"{name}.jsonl").read_text(encoding="utf8").splitlines():
            assert "Infinity" not in line and "NaN" not in line
            json.loads(line, parse_constant=lambda c, name=name: pytest.fail(f"{name}.jsonl holds {c}"))


# --- 2. scientific notation ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["1e400 dollars", "$1e400", "1E400 euros", "1e99999 dollars", "1e" + "9" * 5000 + " dollars", "2.5e300 yen"]
)
def test_scientific_notation_out_of_range_is_no_amount(text: str) -> None:
    assert parse_money(text) is None


@pytest.mark.parametrize(
    "text,amount,currency",
    [
        ("1e3 dollars", 1e3, "USD"),
        ("1.5e9 euros", 1.5e9, "EUR"),
        ("$1E6", 1e6, "USD"),
        ("2.5e+6 dlrs", 2.5e6, "USD"),
    ],
)
def test_scientific_notation_is_read_whole(text: str, amount: float, currency: str) -> None:
    assert_amount(parse_money(text), amount, currency)


def test_tiny_scientific_notation_is_no_amount() -> None:
    assert parse_money("1e-400 dollars") is None


# --- 3. spelled-out numbers ---------------------------------------------------------------

SPELLED = [
    ("one point five billion euros", 1.5e9, "EUR"),
    ("two point seven five million dollars", 2.75e6, "USD"),
    ("zero point five billion dollars", 0.5e9, "USD"),
    ("point five million dollars", 0.5e6, "USD"),
    ("1 point 5 billion dollars", 1.5e9, "USD"),
    ("two and a half million dollars", 2.5e6, "USD"),
    ("one and a half billion euros", 1.5e9, "EUR"),
    ("a billion dollars", 1e9, "USD"),
    ("half a billion dollars", 0.5e9, "USD"),
    ("half a billion", 0.5e9, None),
    ("a half billion dollars", 0.5e9, "USD"),
    ("a quarter of a billion dollars", 0.25e9, "USD"),
    ("three quarters of a billion dollars", 0.75e9, "USD"),
    ("two thirds of a billion dollars", 2e9 / 3, "USD"),
    ("a hundred and fifty million dollars", 150e6, "USD"),
    ("one hundred and fifty million dollars", 150e6, "USD"),
    ("two hundred fifty million dollars", 250e6, "USD"),
    ("fifteen hundred million dollars", 1.5e9, "USD"),
    ("twenty-five million dollars", 25e6, "USD"),
    ("one million two hundred thousand dollars", 1.2e6, "USD"),
    ("two billion five hundred million dollars", 2.5e9, "USD"),
    ("1 billion 500 million dollars", 1.5e9, "USD"),
    ("$1 billion 500 million", 1.5e9, "USD"),
    ("Rs 1 crore 50 lakh", 1.5e7, "INR"),
    ("one thousand two hundred fifty dollars", 1250.0, "USD"),
    ("a million and a half dollars", 1.5e6, "USD"),
]


@pytest.mark.parametrize("text,amount,currency", SPELLED)
def test_spelled_numbers_read_right(text: str, amount: float, currency: Optional[str]) -> None:
    assert_amount(parse_money(text), amount, currency)


UNREADABLE_SPELLED = [
    "one point twenty five billion dollars",  # not "25 billion"
    "1.5 point 2 billion dollars",
    "one one million dollars",  # not 2 million
    "one twenty million dollars",  # not 21 million
    "five five hundred dollars",
    "twenty fifty million dollars",
    "1.5 and a half billion dollars",  # not 2 billion
]


@pytest.mark.parametrize("text", UNREADABLE_SPELLED)
def test_unreadable_spelled_numbers_give_no_amount(text: str) -> None:
    assert parse_money(text) is None


def test_compound_needs_no_comma() -> None:
    # "$2 billion, 500 million euros" is two amounts, not 2.5 billion dollars
    got = parse_money("$2 billion, 500 million euros")
    assert got is not None and got.amount == pytest.approx(2e9)


def test_compound_does_not_swallow_a_following_count() -> None:
    assert_amount(parse_money("$5 million one year later"), 5e6, "USD")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("two point five pct", 2.5),
        ("1e2 pct", 100.0),
        ("twenty five percent", 25.0),
    ],
)
def test_spelled_and_scientific_percents(text: str, expected: float) -> None:
    assert parse_percent(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["one point twenty five pct", "one one pct"])
def test_unreadable_spelled_percents_give_none(text: str) -> None:
    assert parse_percent(text) is None


# --- 4. input types -------------------------------------------------------------------------


@pytest.mark.parametrize("value", [5, 5.0, b"$5 million", ["$5 million"], {"text": "$5"}])
@pytest.mark.parametrize("parse", [parse_money, parse_percent])
def test_non_string_is_a_clear_type_error(parse, value) -> None:
    with pytest.raises(TypeError, match=r"expects a str") as info:
        parse(value)
    assert type(value).__name__ in str(info.value)


@pytest.mark.parametrize("text", ["", " ", "\n\t  ", None])
@pytest.mark.parametrize("parse", [parse_money, parse_percent])
def test_empty_text_or_none_is_no_amount(parse, text) -> None:
    assert parse(text) is None


# --- siblings: percents, signs, quantulum3 -------------------------------------------------


@pytest.mark.parametrize("text", [NINES + " pct", "9" * 30 + " thirds", NINES + " thirds", "1e400 pct", "2e9 percent"])
def test_percent_beyond_the_bound_is_none(text: str) -> None:
    assert parse_percent(text) is None


def test_large_real_percent_still_parses() -> None:
    assert parse_percent("231,000,000 pct") == pytest.approx(2.31e8)
    assert 2.31e8 <= MAX_PERCENT


NEGATIVE_MONEY = [
    "-$5 million",
    "$-5 million",
    "-5 million dollars",
    "minus $5 million",
    "\u22125 mln dlrs",
    "a loss of -$5 million",
    "US$ -5 million",
]


@pytest.mark.parametrize("text", NEGATIVE_MONEY)
def test_negative_amount_is_no_amount(text: str) -> None:
    # a signed amount is not a deal amount; reading it without its sign would be wrong
    assert parse_money(text) is None


@pytest.mark.parametrize("text", ["-5%", "\u22125 pct", "minus 3 pct"])
def test_negative_percent_is_none(text: str) -> None:
    assert parse_percent(text) is None


@pytest.mark.parametrize(
    "text,low,high",
    [
        ("$1-2 billion", 1e9, 2e9),
        ("5 mln -10 mln dlrs", 5e6, 10e6),
        ("$1\u22122 billion", 1e9, 2e9),
    ],
)
def test_hyphen_ranges_are_not_signs(text: str, low: float, high: float) -> None:
    got = parse_money(text)
    assert got is not None and got.amount is None, got
    assert (got.amount_min, got.amount_max) == (pytest.approx(low), pytest.approx(high))


def test_hyphenated_percent_fraction_is_not_a_sign() -> None:
    assert parse_percent("5-3/4 pct") == pytest.approx(5.75)


def _fake_quantity(value: float):
    unit = SimpleNamespace(entity=SimpleNamespace(name="currency"), currency_code="CHF")
    return SimpleNamespace(value=value, unit=unit)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, -5.0, 0.0, 1e30])
def test_quantulum_values_out_of_range_are_no_amount(monkeypatch, value: float) -> None:
    monkeypatch.setattr(fallback, "quantities", lambda text: [_fake_quantity(value)])
    assert parse_money("5 rappen") is None


def test_quantulum_value_in_range_is_kept(monkeypatch) -> None:
    monkeypatch.setattr(fallback, "quantities", lambda text: [_fake_quantity(5.0)])
    assert_amount(parse_money("5 rappen"), 5.0, "CHF")


@pytest.mark.parametrize("text", ["$" + NINES + " rappen", NINES + " rappen", "1e999 dimes"])
def test_huge_number_before_a_quantulum_currency_is_no_amount(text: str) -> None:
    assert parse_money(text) is None


ODD_TEXTS = [
    *TOO_LARGE,
    *UNREADABLE_SPELLED,
    *NEGATIVE_MONEY,
    "1e400 dollars",
    "1e-400 dollars",
    "$" + "9" * 16,
    "Rs " + "9" * 50 + " crore",
    "between 1e400 and 2e400 dollars",
    "hundreds of trillions of trillions of dollars",
    "$1e16 to $1e17",
    "1e309 rappen",
]


@pytest.mark.parametrize("text", ODD_TEXTS, ids=lambda t: repr(t[:40]))
def test_any_money_is_finite_json(text: str) -> None:
    got = parse_money(text)
    if got is not None:
        for value in _money_fields(got):
            assert value is None or (math.isfinite(value) and 0 <= value <= MAX_AMOUNT), got
        json.dumps(asdict(got), allow_nan=False)


# --- what the rules above must leave alone ---------------------------------------------------


@pytest.mark.parametrize(
    "text,amount,currency",
    [
        ("the price\u2014$5 billion\u2014was agreed", 5e9, "USD"),  # an em dash is no sign
        ("Acme issued nine mln three dlr preferred shares", 3.0, "USD"),  # not 9,000,003
        ("capital of one billion one-dlr shares", 1.0, "USD"),  # not 1,000,000,001
        ("it earns four, five mln dlrs a year", 5e6, "USD"),  # a list, not 9 million
    ],
)
def test_numbers_side_by_side_are_not_merged(text: str, amount: float, currency: str) -> None:
    assert_amount(parse_money(text), amount, currency)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("plus or minus 10 pct", 10.0),  # a tolerance, not a negative figure
        ("plus/minus 3 pct", 3.0),
        ("a 340 point (12.5 pct) drop", 12.5),  # "point" then a bracket is no decimal point
        ("at five, four pct", 4.0),  # a list, not 9
    ],
)
def test_percents_beside_signs_and_points(text: str, expected: float) -> None:
    assert parse_percent(text) == pytest.approx(expected)


def test_a_dozen_and_hundred_keep_their_fractions_out() -> None:
    # "and a half" after a scale counts from "thousand" up only
    assert_amount(parse_money("a million and a half dollars"), 1.5e6, "USD")
    got = parse_money("two hundred and a half dollars")
    assert got is None or got.amount != pytest.approx(250.0)
