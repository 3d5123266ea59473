"""Numbers and currencies at a token of a mention: the lower half of the money parser.

:class:`TokenReader` holds one mention's tokens (:mod:`.tokens`) and the word tables
(:mod:`.tables`) and reads, at a given token, a number ("15.5", "twenty five", "one point
five", "a half billion", "three quarters of a", "several hundred") or a currency written
before the number ("$", "C$", "Rs", "U.S. $") or after it ("dlrs", "Swiss francs", "DM").
:class:`~pipeline.money.parsing.Reader` builds amounts, ranges and percents from these.

A number the reader can only half-read ("one twenty million", "one point twenty five")
raises :class:`NoAmount`: the whole mention then gives None rather than a piece of it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from .tables import UNLISTED, MoneyTables
from .tokens import NUM, SYM, WORD, match_phrase, token_keys, tokenize

# The longest cue phrase looked up in the vague-count, modifier and percent-unit tables.
MAX_CUE_WORDS = 4

# The largest amount a mention may state, in units of its currency (whatever the
# currency): 1e17. Real news stays well below it: the largest figures in the Reuters
# corpus are about 9e14 (894,362 billion lire, 545,303 billion yen); a national budget in
# the weakest currencies is about 3e15 rupiah or 2e16 Iranian rials. Above it lie only
# misreadings and absurdities (1e17 dollars is a thousand times world output), and float
# infinity, which would reach the output tables as "Infinity" (not JSON). An amount, or a
# bound of a range, beyond it gives no Money at all.
MAX_AMOUNT = 1e17
# Sentinels: no currency was written (distinct from an unlisted currency, code None), and
# the word after the number says it is not money.
NO_CURRENCY = "<none>"
NOT_MONEY = "<not money>"
# Spelled numbers: the articles that may stand for one ("a hundred and fifty", "a
# billion"), the word that multiplies within a number, the tens that take a unit ("twenty
# five"), and the spelled decimal point ("one point five").
ARTICLES = ("a", "an")
HUNDRED = "hundred"
TENS = (20, 90)
POINT = "point"


class NoAmount(Exception):
    """Raised while reading a mention that states an amount the parser must not report:
    out of range, signed, or only partly readable. The whole mention then gives None, so
    that no later part of it ("five billion euros" of "one point five billion euros") is
    read in its place."""


class TokenReader:
    """Reads numbers and currencies from one text's tokens, using :class:`MoneyTables`."""

    def __init__(self, text: str, tables: MoneyTables):
        self.text = text
        self.t = tables
        self.toks = tokenize(text)

    # numbers -------------------------------------------------------------------

    def _word_value(self, i: int) -> Optional[Decimal]:
        """The value of the number word at ``i`` ("five" -> 5), else None."""
        if i < len(self.toks) and self.toks[i].kind == WORD:
            return self.t.number_words.get(self.toks[i].key)
        return None

    def _close(self, i: int) -> bool:
        """Token ``i`` follows the one before it with nothing but spaces between (no comma,
        hyphen or bracket: "six, seven mln" and "508 point (22.5 pct)" are two numbers)."""
        prev = self.toks[i - 1]
        return not self.text[prev.start + len(prev.text) : self.toks[i].start].strip()

    def _below_hundred(self, i: int) -> tuple[Optional[Decimal], int]:
        """ "five", "fifteen", "twenty" or "twenty five" at ``i``, or (None, i)."""
        value = self._word_value(i)
        if value is None:
            return None, i
        unit = self._word_value(i + 1)
        if unit is not None and TENS[0] <= value <= TENS[1] and value % 10 == 0 and 1 <= unit <= 9:
            return value + unit, i + 2  # "twenty five", "twenty-five"
        return value, i + 1

    def _word_number(self, i: int) -> tuple[Optional[Decimal], int]:
        """A spelled number at ``i`` ("twenty five", "two hundred and fifty", "a hundred and
        fifty"), or (None, i). A bare "two hundred" leaves "hundred" to the scale words
        ("two hundred million", "fifteen hundred"). Number words that do not make one
        number ("one twenty", "five five", "twenty fifty") raise NoAmount: read apart, a
        part of them would pass for the amount."""
        toks = self.toks
        article = toks[i].key in ARTICLES
        if article:
            value, j = Decimal(1), i + 1  # "a hundred and fifty"
        else:
            value, j = self._below_hundred(i)
            if value is None:
                return None, i
        if j < len(toks) and toks[j].key == HUNDRED and value >= 1:
            k = j + 2 if token_keys(toks, j + 1, 1) == ("and",) else j + 1
            rest, end = self._below_hundred(k)
            if rest is not None and rest >= 1:
                value, j = value * 100 + rest, end
        if article and j == i + 1:
            return None, i  # "a hundred million", "a billion": _article_number's
        if self._word_value(j) is not None and self._close(j):
            raise NoAmount
        return value, j

    def _is_scale(self, i: int) -> bool:
        if i >= len(self.toks):
            return False
        tok = self.toks[i]
        return tok.kind == WORD and (
            tok.key in self.t.scales or ((tok.attached or tok.text.isupper()) and tok.key in self.t.attached_scales)
        )

    def _number(self, i: int) -> tuple[Optional[tuple[Decimal, Decimal, bool]], int]:
        """A number or vague count at ``i``: ((low, high, vague), end) or (None, i)."""
        toks, t = self.toks, self.t
        if i >= len(toks):
            return None, i
        tok = toks[i]
        if tok.kind == NUM:
            if tok.negative:
                raise NoAmount
            if i and toks[i - 1].key == POINT and self._close(i):
                return None, i  # the decimals of "one point 5", read from its start
            value, j = tok.value, i + 1
        elif tok.kind != WORD:
            return None, i
        elif tok.key in t.vague_plural_scales and self._vague_plural(i):
            return (Decimal(1), Decimal(1), False), i
        elif tok.key == POINT:
            # "point five million": a number only when digits follow
            digits, j = self._decimal_digits(i + 1)
            if digits is None:
                return None, i
            value = Decimal("0." + digits)
        else:
            if i and toks[i - 1].key == POINT and tok.key in t.number_words and self._close(i):
                return None, i  # the decimals of "one point five", read from its start
            vague, j = match_phrase(toks, i, t.vague_counts, MAX_CUE_WORDS)
            if vague is not None and (self._is_scale(j) or self._vague_plural(j)):
                return (vague[0], vague[1], True), j
            value, j = self._word_number(i)
            if value is None:
                value, j = self._article_number(i)
                if value is not None:
                    return (value, value, False), j
                return None, i
        nxt = toks[j].key if j < len(toks) else None
        if nxt == POINT:
            value, j = self._point_decimals(value, j)
            nxt = toks[j].key if j < len(toks) else None
        if nxt in t.percent_fractions:
            part, k = self._fraction_of(value, j)
            if part is not None:
                return (part, part, False), k
        elif nxt == "and":
            fraction, k = self._and_a_fraction(j)
            if fraction is not None:
                if value != value.to_integral_value():
                    raise NoAmount  # "1.5 and a half billion"
                value, j = value + fraction, k
        return (value, value, False), j

    def _decimal_digits(self, i: int) -> tuple[Optional[str], int]:
        """The digits after a spelled decimal point at ``i - 1``: "five", "seven five", or
        digits ("one point 5"); (None, i) when no number follows closely. Number words
        that are not digits ("one point twenty five") raise NoAmount."""
        toks = self.toks
        if i >= len(toks) or not self._close(i):
            return None, i
        if toks[i].kind == NUM:
            if toks[i].text.isdigit() and self._word_value(i + 1) is None:
                return toks[i].text, i + 1
            return None, i
        digits = []
        j = i
        while (value := self._word_value(j)) is not None and (j == i or self._close(j)):
            if not 0 <= value <= 9:
                raise NoAmount  # "one point twenty five"
            digits.append(str(int(value)))
            j += 1
        return ("".join(digits), j) if digits else (None, i)

    def _point_decimals(self, value: Decimal, j: int) -> tuple[Decimal, int]:
        """ "one point five" -> 1.5: the spelled decimals after ``value``, at ``j``."""
        if j >= len(self.toks) or self.toks[j].key != POINT or not self._close(j):
            return value, j
        digits, k = self._decimal_digits(j + 1)
        if digits is None:
            return value, j  # "a 5 point drop"
        if value != value.to_integral_value():
            raise NoAmount  # "1.5 point 2"
        return value + Decimal("0." + digits), k

    def _fraction_of(self, count: Decimal, j: int) -> tuple[Optional[Decimal], int]:
        """ "three quarters of a billion" / "a third of a billion": ``count`` then a fraction
        word at ``j``, [of], a, and a scale word: (count / denominator, index of the scale)."""
        toks = self.toks
        denominator = self.t.percent_fractions.get(toks[j].key) if j < len(toks) else None
        if denominator is None or count != count.to_integral_value():
            return None, j
        k = j + 2 if token_keys(toks, j + 1, 1) == ("of",) else j + 1
        if k < len(toks) and toks[k].key in ARTICLES and self._is_scale(k + 1):
            return count / denominator, k + 1
        return None, j

    def _article_number(self, i: int) -> tuple[Optional[Decimal], int]:
        """ "a billion" -> 1, "a half billion" / "half a billion" -> 0.5, "a quarter of a
        billion" -> 0.25, else (None, i)."""
        toks, t = self.toks, self.t
        key = toks[i].key
        nxt = i + 1
        if key in ARTICLES:
            if nxt < len(toks) and toks[nxt].key in t.fraction_words and self._is_scale(nxt + 1):
                return t.fraction_words[toks[nxt].key], nxt + 1
            if self._is_scale(nxt):
                return Decimal(1), nxt
            return self._fraction_of(Decimal(1), nxt)
        if key in t.fraction_words and nxt < len(toks) and toks[nxt].key in ARTICLES:
            if self._is_scale(nxt + 1):
                return t.fraction_words[key], nxt + 1
        if key in t.bare_fractions:
            return self._fraction_of(Decimal(1), i)  # "half of a billion"
        return None, i

    def _and_a_fraction(self, j: int) -> tuple[Optional[Decimal], int]:
        """ "and a half" after a number ("one and a half billion")."""
        if token_keys(self.toks, j, 2) == ("and", "a") and j + 2 < len(self.toks):
            fraction = self.t.fraction_words.get(self.toks[j + 2].key)
            if fraction is not None:
                return fraction, j + 3
        return None, j

    def _vague_plural(self, i: int) -> bool:
        return (
            i < len(self.toks)
            and self.toks[i].key in self.t.vague_plural_scales
            and (i + 1 >= len(self.toks) or self.toks[i + 1].key == "of" or self._currency(i + 1)[1] > i + 1)
        )

    # currencies ----------------------------------------------------------------

    def _prefix_currency(self, i: int) -> tuple[Optional[str], int]:
        """A currency written before the number ("$", "C$", "Rs", "EUR", "U.S. $")."""
        toks, t = self.toks, self.t
        if i >= len(toks):
            return NO_CURRENCY, i
        tok = toks[i]
        if tok.kind == SYM:
            if tok.negative:
                raise NoAmount  # "-$5 million"
            if tok.key in t.symbols:
                return t.symbols[tok.key], i + 1
            return UNLISTED, i + 1
        if tok.kind == WORD:
            if tok.text.isupper() and tok.text in t.iso_codes:
                return tok.text, i + 1
            if tok.key in t.symbols:
                return t.symbols[tok.key], i + 1
            code, j = match_phrase(toks, i, t.dollar_modifiers, MAX_CUE_WORDS)
            if j > i and j < len(toks) and toks[j].kind == SYM and toks[j].key == "$":
                if toks[j].negative:
                    raise NoAmount
                return code, j + 1
        return NO_CURRENCY, i

    def _currency(self, i: int) -> tuple[Optional[str], int, Decimal]:
        """A currency written after the number: (code, end, sub-unit) or (NO_CURRENCY, i, 1)."""
        toks, t = self.toks, self.t
        one = Decimal(1)
        if i >= len(toks):
            return NO_CURRENCY, i, one
        tok = toks[i]
        if tok.kind == WORD and tok.key in t.currency_heads:
            entry, j = match_phrase(toks, i, t.currency_phrases, t.max_currency_len)
            if entry is not None and (tok.key not in t.attached_currency_words or tok.attached):
                if entry.has_modifiers and j == i + 1 and j < len(toks) and toks[j].text[:1].isupper():
                    # the country written after the noun: "4.3 billion dlrs Canadian"
                    code, k = match_phrase(toks, j, t.dollar_modifiers, MAX_CUE_WORDS)
                    if k > j and code != UNLISTED:
                        return code, k, entry.unit
                return entry.code, j, entry.unit
        if tok.kind == WORD and tok.text.isupper() and tok.text in t.iso_codes:
            return tok.text, i + 1, one
        # signs written after the number: "5 mln DM", "300 mln SFr" (capitalised words only,
        # so that lower-case "rm" or "rs" in running text are not read as currencies)
        if tok.key in t.symbols and (tok.kind == SYM or tok.text[:1].isupper()):
            return t.symbols[tok.key], i + 1, one
        if tok.kind == WORD and tok.text[:1].isupper() and i + 1 < len(toks):
            # an unknown country before a currency noun: another country's dollar or franc
            # has no code here ("Zimbabwe dlrs"); a currency only one country uses keeps its
            # code ("Thai baht")
            entry, j = match_phrase(toks, i + 1, t.currency_phrases, t.max_currency_len)
            if entry is not None:
                return (UNLISTED if entry.has_modifiers else entry.code), j, entry.unit
        return NO_CURRENCY, i, one
