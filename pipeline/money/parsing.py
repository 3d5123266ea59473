"""Money and percent mentions read into numbers: :func:`parse_money` and
:func:`parse_percent`, pure functions of a mention's text and the word tables.

``parse_money("about 13 trillion won")`` turns the text of a MONEY mention into a
:class:`~pipeline.schema.Money`; ``parse_percent("51 pct")`` turns a PERCENT mention into a
number. Newswire writes money in forms that general-purpose parsers misread ("15.5 mln
dlrs", "£450m", "Rs 1,200 crore", "C$1.2 billion"), so a small parser of our own reads
the mention's tokens (:mod:`.tokens`) with the word tables of ``patterns/money.yml``
(:mod:`.tables`): :class:`Reader` builds amounts, ranges, qualifiers and per-share phrases
from the numbers and currencies of :class:`~pipeline.money.numbers.TokenReader`;
quantulum3 is consulted only when a number is followed by a word those tables do not
know (:mod:`.fallback`).

A mention gives the right number or none, never a wrong one: an amount beyond
:data:`MAX_AMOUNT` (or a percentage beyond :data:`MAX_PERCENT`), a signed amount ("-$5
million"), or a number the parser can only half-read ("one point twenty five billion",
"one twenty million") makes the whole mention give None rather than a piece of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Optional

from spacy.lang.en.stop_words import STOP_WORDS

from ..schema import Money
from .fallback import quantulum_money, quantulum_unit
from .numbers import MAX_AMOUNT, MAX_CUE_WORDS, NO_CURRENCY, NOT_MONEY, POINT, NoAmount, TokenReader
from .tables import MoneyTables, load_money_tables
from .tokens import NUM, PLUS_SIGN, WORD, match_phrase

__all__ = ["MAX_AMOUNT", "MAX_PERCENT", "parse_money", "parse_percent", "per_share_length", "Reader"]

# How many words may sit between "a"/"per"/"for each" and "share" ("for each Acme Corp share").
MAX_PER_SHARE_GAP = 3
# Percent values from fraction words are rounded to this many decimals (one-third = 33.33).
PERCENT_DECIMALS = 2
PERCENT_WHOLE = Decimal(100)
# The largest percentage a mention may state: 1e9 (hyperinflation, "231,000,000 pct", is
# the largest real figure in news); beyond it, or not finite, parse_percent gives None.
MAX_PERCENT = 1e9
# Shorter unknown words after a number ("m", "x") are not worth a quantulum3 call.
MIN_UNKNOWN_WORD = 2
# "or" joins a range only after a bare number ("14 or 15 billion marks", not "5 mln dlrs or").
BARE_LEFT_JOINER = "or"
# A bare number that reads as a year cannot start a range.
YEAR_DIGITS = 4
YEAR_RANGE = (1800, 2099)
# "a million and a half": a fraction after the scale word counts from this scale up (not
# after "hundred" or "dozen").
MIN_SCALE_FOR_FRACTION = Decimal(1000)
AFTER_SCALE_WORDS = frozenset({"and", POINT})
# The largest scale a spelled number without a scale word may follow as a smaller part of
# the same amount ("one thousand two hundred fifty dollars").
MAX_BARE_PART_SCALE = Decimal(1000)


@dataclass
class _Amount:
    """One side of a money expression as read so far."""

    low: Decimal
    high: Decimal
    vague: bool = False
    scale: Decimal = Decimal(1)
    scaled: bool = False
    currency: Optional[str] = NO_CURRENCY
    unit: Decimal = Decimal(1)
    end: int = 0

    @property
    def has_currency(self) -> bool:
        return self.currency != NO_CURRENCY


@dataclass
class _Reading:
    """A candidate money expression found in the text."""

    money: Money
    has_currency: bool


def per_share_length(words: list[tuple[str, bool]], tables: MoneyTables) -> int:
    """How many of ``words`` (normalised word, is capitalised) form a per-share phrase at
    their start ("a share", "per common share", "for each Acme share"); 0 if none do."""
    keys = [key for key, _ in words]
    for length in range(min(MAX_CUE_WORDS, len(keys)), 0, -1):
        if tuple(keys[:length]) in tables.per_share_lead:
            break
    else:
        return 0
    for k in range(length, min(length + MAX_PER_SHARE_GAP + 1, len(words))):
        key, capitalised = words[k]
        if key in tables.per_share_nouns:
            return k + 1
        if key not in tables.per_share_between and not capitalised:
            return 0
    return 0


class Reader(TokenReader):
    """Reads money and percent expressions from one text's tokens, using :class:`MoneyTables`."""

    # one side of an expression -------------------------------------------------

    def _amount(self, i: int) -> Optional[_Amount]:
        """[currency sign] number [scales] [currency word] starting at ``i``."""
        toks, t = self.toks, self.t
        currency, j = self._prefix_currency(i)
        number, j = self._number(j)
        if number is None:
            return None
        low, high, vague = number
        amount = _Amount(low=low, high=high, vague=vague, currency=currency)
        scale = Decimal(1)
        while self._is_scale(j):
            key = toks[j].key
            scale *= t.scales.get(key) or t.attached_scales[key]
            amount.scaled = True
            j += 1
            if key in t.vague_plural_scales and not vague:
                amount.low, amount.high = t.vague_plural_range
                amount.vague = True
            if j < len(toks) and toks[j].key == "of" and (self._is_scale(j + 1) or amount.vague):
                j += 1
        if not amount.scaled and self._vague_plural(j):
            scale = t.scales[toks[j].key]
            amount.low, amount.high, amount.vague, amount.scaled = (*t.vague_plural_range, True, True)
            j += 1
            if j < len(toks) and toks[j].key == "of":
                j += 1
        amount.scale = scale
        if (
            amount.scaled
            and not amount.vague
            and j < len(toks)
            and (toks[j].kind == NUM or toks[j].key in t.number_words or toks[j].key in AFTER_SCALE_WORDS)
        ):
            j = self._after_scale(amount, j)
        if not amount.has_currency:
            code, k, unit = self._currency(j)
            if code != NO_CURRENCY:
                amount.currency, amount.unit, j = code, unit, k
        amount.end = j
        return amount

    def _after_scale(self, amount: _Amount, j: int) -> int:
        """Read what may follow the scale words of a definite amount, from ``j``: "and a
        half" ("a million and a half"), and smaller parts ("two billion five hundred
        million", "1 crore 50 lakh", "one thousand two hundred fifty dollars"), which are
        added to ``amount``. Returns the new end."""
        toks, t = self.toks, self.t
        if amount.scale >= MIN_SCALE_FOR_FRACTION:
            fraction, k = self._and_a_fraction(j)
            if fraction is not None:
                if amount.low != amount.low.to_integral_value():
                    raise NoAmount  # "2.5 million and a half"
                amount.low = amount.high = amount.low + fraction
                return k
        if j < len(toks) and toks[j].key == POINT and self._decimal_digits(j + 1)[0] is not None:
            raise NoAmount  # "five billion point two"
        last = amount.scale
        while j < len(toks):
            tok = toks[j]
            if tok.kind == NUM and not tok.negative and self._close(j):
                count, k = tok.value, j + 1
            elif tok.kind == WORD and tok.key in t.number_words and self._close(j):
                count, k = self._word_number(j)
            else:
                break
            part, m = Decimal(1), k
            while self._is_scale(m) and toks[m].key not in t.vague_plural_scales:
                part *= t.scales.get(toks[m].key) or t.attached_scales[toks[m].key]
                m += 1
            if m == k and (
                tok.kind == NUM
                or last > MAX_BARE_PART_SCALE
                or not (k < len(toks) and self._close(k))
                or self._currency(k)[0] == NO_CURRENCY
            ):
                # a part without a scale word only after "thousand", spelled, and before a
                # currency word ("one thousand two hundred fifty dollars"; not "eight mln
                # two dlr shares", "one billion one-dlr par shares")
                break
            if part >= last or count * part >= last:
                break
            amount.low = amount.high = amount.low + count * part / amount.scale
            last, j = part, m
        return j

    # whole expression ------------------------------------------------------------

    def _postfix(self, j: int) -> tuple[Optional[str], int]:
        return match_phrase(self.toks, j, self.t.postfix_qualifiers, self.t.max_qualifier_len)

    def _per_share(self, j: int) -> int:
        """End of a per-share phrase at ``j`` ("a share", "per common share"), or ``j``."""
        window = self.toks[j : j + MAX_CUE_WORDS + MAX_PER_SHARE_GAP]
        return j + per_share_length([(tok.key, tok.text[:1].isupper()) for tok in window], self.t)

    def _is_year(self, amount: _Amount) -> bool:
        """A bare four-digit year on the left of "to" ("in 1986 to 900 mln dlrs")."""
        if amount.scaled or amount.has_currency or amount.end == 0:
            return False
        tok = self.toks[amount.end - 1]
        return (
            tok.kind == NUM
            and tok.text.isdigit()
            and len(tok.text) == YEAR_DIGITS
            and (YEAR_RANGE[0] <= int(tok.text) <= YEAR_RANGE[1])
        )

    def _opener(self, j: int) -> tuple[Optional[str], Optional[str]]:
        """A range opener ("between") or change opener ("from") at ``j``, with its joiner."""
        if j >= len(self.toks):
            return None, None
        key = self.toks[j].key
        if key in self.t.range_openers:
            return key, self.t.range_openers[key]
        if key in self.t.change_openers:
            return key, self.t.change_openers[key]
        return None, None

    def _range_end(self, left: _Amount, needed_joiner: Optional[str]) -> Optional[_Amount]:
        """The right side of "X to Y" / "between X and Y" / "from X to Y" after ``left``."""
        toks, t = self.toks, self.t
        j = left.end
        if j >= len(toks) or left.vague:
            return None
        joiner = toks[j].key
        if needed_joiner is not None:
            if joiner != needed_joiner:
                return None
        elif joiner not in t.range_joiners:
            return None
        if joiner == BARE_LEFT_JOINER and (left.scaled or left.has_currency):
            return None
        if self._is_year(left):
            return None
        right = self._amount(j + 1)
        if right is None or right.vague:
            return None
        if left.has_currency and right.has_currency and left.currency != right.currency:
            return None
        return right

    def read_at(self, i: int) -> Optional[_Reading]:
        """Read one money expression starting at token ``i``."""
        toks, t = self.toks, self.t
        qualifier, j = match_phrase(toks, i, t.qualifiers, t.max_qualifier_len)
        opener, needed_joiner = self._opener(j)
        left = self._amount(j + 1 if opener else j)
        if left is None:
            return None
        right = self._range_end(left, needed_joiner)
        if right is not None and opener in t.change_openers:
            if not right.has_currency:
                right.currency, right.unit = left.currency, left.unit
            left, right = right, None
        if right is not None:
            low, high = self._range_bounds(left, right)
            if low is None:
                right = None
        if right is not None:
            currency = right.currency if right.has_currency else left.currency
            unit = right.unit if right.has_currency else left.unit
            scaled = left.scaled or right.scaled
            end = right.end
            amount, bounds, approximate = None, (low * unit, high * unit), qualifier == "approx"
        else:
            if opener in t.range_openers:
                return None
            currency, unit, scaled, end = left.currency, left.unit, left.scaled, left.end
            low, high = left.low * left.scale * unit, left.high * left.scale * unit
            if left.vague:
                amount, bounds, approximate = None, (low, high), True
            else:
                amount, bounds, approximate = low, (None, None), qualifier == "approx"
                postfix, k = self._postfix(end)
                kind = qualifier or postfix
                if postfix is not None:
                    end = k
                if kind == "min":
                    bounds = (low, None)
                elif kind == "max":
                    bounds = (None, low)
                elif kind == "approx":
                    approximate = True
        per_share_end = self._per_share(end)
        per_share = per_share_end > end
        if amount is not None and amount == 0:
            return None
        has_currency = currency != NO_CURRENCY
        if not has_currency:
            # a number with no currency is money only with a scale word ("15.5 mln"), and
            # not when a count noun or physical unit follows ("5 mln shares")
            if not scaled:
                return None
            currency = self._unit_after(end)
            if currency == NOT_MONEY:
                return None
            has_currency = currency != NO_CURRENCY
        money = Money(
            amount=_float(amount),
            currency=currency if has_currency else None,
            amount_min=_float(bounds[0]),
            amount_max=_float(bounds[1]),
            approximate=approximate,
            per_share=per_share,
        )
        for value in (money.amount, money.amount_min, money.amount_max):
            if value is not None and not 0 <= value <= MAX_AMOUNT:  # also NaN and infinity
                raise NoAmount
        return _Reading(money, has_currency)

    def _range_bounds(self, left: _Amount, right: _Amount) -> tuple[Optional[Decimal], Optional[Decimal]]:
        """Both ends of a range; a bare left end borrows the right's scale ("$1-2 billion")."""
        left_scale = left.scale
        if not left.scaled and right.scaled and left.low <= right.low:
            left_scale = right.scale
        low = left.low * left_scale
        high = right.low * right.scale
        if low >= high:
            return None, None
        return low, high

    def _unit_after(self, end: int) -> Optional[str]:
        """What the word after a currency-less amount makes of it: NOT_MONEY for a count
        noun or physical unit, a currency code when quantulum3 knows the word as one, else
        NO_CURRENCY. Only words missing from the tables go to quantulum3."""
        toks = self.toks
        if end >= len(toks):
            return NO_CURRENCY
        tok = toks[end]
        if tok.key in self.t.non_money_units:
            return NOT_MONEY
        if tok.kind != WORD or tok.key in STOP_WORDS or len(tok.key) < MIN_UNKNOWN_WORD:
            return NO_CURRENCY
        return quantulum_unit(self.text[tok.start :])

    def read(self) -> Optional[Money]:
        """The first expression with a currency, else the first scaled amount, else None
        (also when the text states an amount that must not be reported: see NoAmount)."""
        fallback: Optional[Money] = None
        try:
            for i in range(len(self.toks)):
                reading = self.read_at(i)
                if reading is None:
                    continue
                if reading.has_currency:
                    return reading.money
                if fallback is None:
                    fallback = reading.money
            if fallback is None:
                return self._quantulum_reading()
        except NoAmount:
            return None
        return fallback

    def _quantulum_reading(self) -> Optional[Money]:
        """Ask quantulum3 about a bare number followed by a word the tables do not know
        ("300 widgets", or a currency missing from money.yml)."""
        toks = self.toks
        for tok, nxt in zip(toks, toks[1:]):
            if (
                tok.kind == NUM
                and nxt.kind == WORD
                and nxt.key not in STOP_WORDS
                and (nxt.key not in self.t.non_money_units and nxt.key not in self.t.scales)
            ):
                if tok.negative or not float(tok.value) <= MAX_AMOUNT:
                    return None
                return quantulum_money(self.text[tok.start :])
        return None

    # percents ------------------------------------------------------------------------

    def read_percent(self) -> Optional[float]:
        """The first "<number> pct" or fraction ("a third") in the text, as a percentage;
        None when there is none, or when it is negative, beyond MAX_PERCENT or only partly
        readable."""
        try:
            value = self._read_percent()
        except NoAmount:
            return None
        if value is None or not (math.isfinite(value) and 0 <= value <= MAX_PERCENT):
            return None
        return value

    def _read_percent(self) -> Optional[float]:
        toks, t = self.toks, self.t
        for i, tok in enumerate(toks):
            if tok.kind == WORD and tok.key in t.percent_fractions:
                value = self._fraction_percent(i)
                if value is not None:
                    return value
                continue
            if tok.kind not in (NUM, WORD):
                continue
            number, j = self._number(i)
            if number is None or number[2]:
                continue
            _, unit_end = match_phrase(toks, j, t.percent_units, MAX_CUE_WORDS)
            if unit_end > j:
                return float(number[0])
            if j < len(toks) and toks[j].key in t.percent_fractions:
                value = self._fraction_percent(j, number[0])
                if value is not None:
                    return value
        return None

    def _fraction_percent(self, i: int, count: Optional[Decimal] = None) -> Optional[float]:
        """ "a third" / "two-thirds" / "half" at token ``i`` as a percentage."""
        t, toks = self.t, self.toks
        key = toks[i].key
        previous = toks[i - 1].key if i > 0 else None
        if count is None:
            if previous in ("a", "an") or (key in t.bare_fractions and previous not in t.period_words):
                count = Decimal(1)
            else:
                return None
        value = count * PERCENT_WHOLE / t.percent_fractions[key]
        if not (value.is_finite() and value <= MAX_PERCENT):
            raise NoAmount  # and rounding a huge Decimal would raise InvalidOperation
        return float(round(value, PERCENT_DECIMALS))


def _float(value: Optional[Decimal]) -> Optional[float]:
    return None if value is None else float(value)


def _not_text(function: str, value: Any) -> TypeError:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return TypeError(f"{function}() expects a str (the text of a mention), got {type(value).__name__}: {shown}")


def parse_money(text: str, tables: Optional[MoneyTables] = None) -> Optional[Money]:
    """Normalise the text of a money mention to a :class:`Money`, or None if it is not money.

    "15.5 mln dlrs" -> 15.5e6 USD; "over $10 billion" sets ``amount_min``; "up to" sets
    ``amount_max``; "about"/"nearly"/"some" set ``approximate``; ranges ("$1-2 billion",
    "between $1bn and $1.5bn") give bounds and no ``amount``; "50 dlrs a share" sets
    ``per_share``. Words after the amount ("in cash and stock") are ignored. A number with a
    scale word but no currency ("15.5 mln") gives ``currency`` None; a bare number gives None.

    No amount (None) rather than a wrong one: an amount or bound beyond
    :data:`MAX_AMOUNT` or not finite ("$" and 400 nines, "1e400 dollars"), a negative
    amount ("-$5 million"), a spelled number read only in part ("one point twenty five
    billion"). Empty or blank text, and None, give None; any other non-string raises
    TypeError.
    """
    if text is None:
        return None
    if not isinstance(text, str):
        raise _not_text("parse_money", text)
    if not any(ch.isdigit() or ch.isalpha() for ch in text):
        return None
    # "$10 billion+" is "$10 billion-plus"
    text = PLUS_SIGN.sub(" plus", text)
    return Reader(text, tables or load_money_tables()).read()


def parse_percent(text: str, tables: Optional[MoneyTables] = None) -> Optional[float]:
    """Read a percentage from a mention: "51 pct" -> 51.0, "two-thirds" -> 66.67, else None.

    Qualifiers are dropped ("less than five pct" -> 5.0) because the deal table stores the
    stated figure; of two figures ("from 55 to 51 pct") the one written with the unit wins.
    "half" alone is 50 unless it names a period ("first half"). A negative percentage,
    one beyond :data:`MAX_PERCENT` or a spelled number read only in part gives None; so do
    empty text and None; any other non-string raises TypeError.
    """
    if text is None:
        return None
    if not isinstance(text, str):
        raise _not_text("parse_percent", text)
    if not text:
        return None
    return Reader(text, tables or load_money_tables()).read_percent()
