"""The tokens of a money or percent mention, as the parser reads them.

:func:`tokenize` splits a mention's text into numbers (with their fractions and
exponents: "27-7/8", "1.5e9", "3½"), currency signs ("US$", "£"), words (looked up
lower-cased without dots: "U.S." -> "us") and the punctuation that matters to ranges and
percents, drops hyphens that only join words ("15.5-mln-dlr"), and marks a number or sign
that a minus stands before ("-$5 million"): such an amount is no deal amount.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Optional

from spacy.lang.en.stop_words import STOP_WORDS

from .tables import table_key

# A written number whose decimal exponent is beyond this is read as infinite (a huge
# digit string, "1e400"), or as zero for "1e-400": far past both bounds, and it keeps the
# Decimal arithmetic clear of its overflow limit.
MAX_EXPONENT = 100
INFINITE = Decimal("Infinity")

NUM, SYM, WORD, PUNCT = "num", "sym", "word", "punct"
HYPHENS = "-–—−"  # hyphen, en and em dash, minus sign
# A sign before a number or currency sign makes the amount negative ("-$5 million",
# "$-5 million", "minus 5 pct"), which is no deal amount: the mention gives None. (An em
# dash is punctuation, never a sign: "the price—$5 billion—".)
MINUS_SIGNS = "-–−"
SIGN_WORDS = frozenset({"minus"})
# ... but not "plus or minus 10 pct", "plus and minus 15 pct", "plus/minus 2 pct": a
# tolerance, when this word is among the two before "minus".
TOLERANCE_WORD = "plus"
_SIGN_HINT = re.compile(f"[{MINUS_SIGNS}]|minus", re.IGNORECASE)
UNICODE_FRACTIONS = {
    "½": "0.5",
    "¼": "0.25",
    "¾": "0.75",
    "⅓": "0.333333",
    "⅔": "0.666667",
    "⅛": "0.125",
    "⅜": "0.375",
    "⅝": "0.625",
    "⅞": "0.875",
}

# One token: a number (with an optional "-7/8" or " 3/4" fraction: "27-7/8 dlrs"), a currency
# sign optionally led by letters ("US$", "HK$"), a word (dots kept: "U.S.", "Rs."), or a sign
# that matters to ranges and percents. Letters and digits split ("USD1.2bn" -> USD 1.2 bn).
# A plus sign right after an amount: "$10 billion+".
PLUS_SIGN = re.compile(r"(?<=[\w.])\+(?!\w)")
# Scientific notation is one number ("1.5e9", "1e400"), never "1" then "e400".
_TOKEN_RE = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\.\d+|\d+)"
    r"(?:(?P<exp>[eE][-+]?\d+)|(?P<frac>[-\s]\d{1,2}/\d{1,3})|(?P<ufrac>[½¼¾⅓⅔⅛⅜⅝⅞]))?"
    r"|(?P<sym>(?:[A-Za-z]{1,4}\.?)?\$|CN¥|[£€¥₹₩₽₺₱₪])"
    r"|(?P<word>[A-Za-z]+(?:\.[A-Za-z]+)*\.?)"
    r"|(?P<punct>[-–—−%/])"
    r"|(?P<uword>[½¼¾⅓⅔⅛⅜⅝⅞])"
)


class Token:
    """A normalised token: kind, lookup key, numeric value, and how it was written."""

    __slots__ = ("kind", "key", "value", "text", "start", "attached", "negative")

    def __init__(self, kind: str, key: str, value: Optional[Decimal], text: str, start: int, attached: bool):
        self.kind = kind
        self.key = key
        self.value = value
        self.text = text
        self.start = start
        self.attached = attached
        self.negative = False  # a minus sign stands right before it


def _number_value(match: re.Match) -> Decimal:
    num, exp, frac, ufrac = match.group("num", "exp", "frac", "ufrac")
    value = Decimal(num.replace(",", ""))
    if exp:
        digits = exp[1:].lstrip("+-").lstrip("0")
        if len(digits) > len(str(MAX_EXPONENT)) or int(digits or 0) > MAX_EXPONENT:
            return Decimal(0) if "-" in exp else INFINITE
        value = value.scaleb(int(exp[1:]))
        if value.adjusted() > MAX_EXPONENT:
            return INFINITE
    elif len(num) > MAX_EXPONENT and value.adjusted() > MAX_EXPONENT:
        return INFINITE
    if frac:
        numerator, denominator = frac[1:].split("/")
        if int(denominator):
            value += Decimal(numerator) / Decimal(denominator)
    if ufrac:
        value += Decimal(UNICODE_FRACTIONS[ufrac])
    return value


def tokenize(text: str) -> list[Token]:
    """Split text into tokens, dropping hyphens that only join words ("15.5-mln-dlr")."""
    tokens: list[Token] = []
    last_end = -1
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup  # the exponent and fraction groups come last when a number has one
        raw = match.group(0)
        start = match.start()
        attached = start == last_end
        last_end = match.end()
        if kind in (NUM, "exp", "frac", "ufrac"):
            tokens.append(Token(NUM, raw, _number_value(match), raw, start, attached))
        elif kind == "uword":
            tokens.append(Token(NUM, raw, Decimal(UNICODE_FRACTIONS[raw]), raw, start, attached))
        elif kind in (SYM, WORD):
            tokens.append(Token(kind, table_key(raw), None, raw, start, attached))
        else:
            key = "-" if raw in HYPHENS else raw
            tokens.append(Token(PUNCT, key, None, raw, start, attached))
    if _SIGN_HINT.search(text):
        _mark_signs(tokens)
    return [
        tok
        for i, tok in enumerate(tokens)
        if tok.key != "-"
        or (0 < i < len(tokens) - 1 and tokens[i + 1].kind in (NUM, SYM) and tokens[i - 1].kind != PUNCT)
    ]


def _mark_signs(tokens: list[Token]) -> None:
    """Mark a number or currency sign that a minus sign stands before: "-$5 million", "$-5
    million", "US$ -5 million", "a loss of -5 mln", "minus 3 pct". A hyphen is a sign when
    it is written against what follows and after nothing, a currency sign, or (with a
    space) a function word; between amounts it joins a range ("$1-2 billion", "5 mln -10
    mln dlrs")."""
    for i, tok in enumerate(tokens[:-1]):
        nxt = tokens[i + 1]
        if nxt.kind not in (NUM, SYM):
            continue
        if tok.kind == WORD:
            if tok.key in SIGN_WORDS and all(t.key != TOLERANCE_WORD for t in tokens[max(i - 2, 0) : i]):
                nxt.negative = True
            continue
        if tok.text not in MINUS_SIGNS or not nxt.attached:
            continue
        prev = tokens[i - 1] if i else None
        if prev is None or prev.kind == SYM or (not tok.attached and prev.kind == WORD and prev.key in STOP_WORDS):
            nxt.negative = True


def token_keys(tokens: list[Token], start: int, length: int) -> tuple[str, ...]:
    return tuple(tok.key for tok in tokens[start : start + length])


def match_phrase(tokens: list[Token], start: int, table: dict, max_len: int) -> tuple[Any, int]:
    """Longest phrase of ``table`` starting at ``start``: (value, end), or (None, start)
    when none matches (a matched value may itself be None: compare ``end`` to ``start``)."""
    for length in range(min(max_len, len(tokens) - start), 0, -1):
        phrase = token_keys(tokens, start, length)
        if phrase in table:
            return table[phrase], start + length
    return None, start
