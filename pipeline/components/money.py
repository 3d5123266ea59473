"""Money and percent normalisation, and the spaCy component that applies it to entities.

``parse_money("about 13 trillion won")`` turns the text of a MONEY mention into a
:class:`~pipeline.schema.Money`; ``parse_percent("51 pct")`` turns a PERCENT mention into a
number. Newswire writes money in forms that general-purpose parsers misread ("15.5 mln
dlrs", "£450m", "Rs 1,200 crore", "C$1.2 billion"), so a small parser of our own reads a
normalised token stream using the word tables in ``patterns/money.yml``; quantulum3 is
consulted only when a number is followed by a word those tables do not know.

The ``spacy_deals_money`` component sets ``span._.money`` on MONEY entities and
``span._.percent`` on PERCENT entities, parsing each distinct entity text once.

A mention gives the right number or none, never a wrong one: an amount beyond
:data:`MAX_AMOUNT` (or a percentage beyond :data:`MAX_PERCENT`), a signed amount ("-$5
million"), or a number the parser can only half-read ("one point twenty five billion",
"one twenty million") makes the whole mention give None rather than a piece of it.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Union

import yaml
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import PatternError
from ..patterns import PatternFilesMixin, patterns_dir
from ..schema import CURRENCIES, Money
from . import docdata  # noqa: F401  (declares span._.money, span._.percent)

MONEY_FILE = "money.yml"


# --- tables ------------------------------------------------------------------------

# Top-level keys money.yml must define, and the qualifier kinds it may use.
REQUIRED_KEYS = (
    "symbols",
    "currencies",
    "scales",
    "attached_scales",
    "attached_currency_words",
    "vague_plural_scales",
    "vague_plural_range",
    "vague_counts",
    "number_words",
    "fraction_words",
    "qualifiers",
    "postfix_qualifiers",
    "range_openers",
    "range_joiners",
    "change_openers",
    "per_share",
    "non_money_units",
    "percent",
)
QUALIFIER_KINDS = ("min", "max", "approx")
# The currency family whose modifiers may also stand before "$" ("U.S. $5 mln", "Canadian $").
DOLLAR_FAMILY = "dollar"
# Marks a currency that is money but has no code in the deal table ("Brunei dlrs").
UNLISTED = None
# How many words may sit between "a"/"per"/"for each" and "share" ("for each Acme Corp share").
MAX_PER_SHARE_GAP = 3
# Quantulum3 entity names that mean "not a physical unit".
QUANTULUM_NON_UNITS = ("dimensionless", "unknown")
QUANTULUM_CURRENCY = "currency"
# How many words after an unknown unit word are passed to quantulum3 for context.
QUANTULUM_CONTEXT_WORDS = 3
# The longest cue phrase looked up in the vague-count, modifier and percent-unit tables.
MAX_CUE_WORDS = 4
# Percent values from fraction words are rounded to this many decimals (one-third = 33.33).
PERCENT_DECIMALS = 2
PERCENT_WHOLE = Decimal(100)

# The largest amount a mention may state, in units of its currency (whatever the
# currency): 1e17. Real news stays well below it: the largest figures in the Reuters
# corpus are about 9e14 (894,362 billion lire, 545,303 billion yen); a national budget in
# the weakest currencies is about 3e15 rupiah or 2e16 Iranian rials. Above it lie only
# misreadings and absurdities (1e17 dollars is a thousand times world output), and float
# infinity, which would reach the output tables as "Infinity" (not JSON). An amount, or a
# bound of a range, beyond it gives no Money at all.
MAX_AMOUNT = 1e17
# The largest percentage a mention may state: 1e9 (hyperinflation, "231,000,000 pct", is
# the largest real figure in news); beyond it, or not finite, parse_percent gives None.
MAX_PERCENT = 1e9
# A written number whose decimal exponent is beyond this is read as infinite (a huge
# digit string, "1e400"), or as zero for "1e-400": far past both bounds, and it keeps the
# Decimal arithmetic clear of its overflow limit.
MAX_EXPONENT = 100
_INFINITE = Decimal("Infinity")


class _NoAmount(Exception):
    """Raised while reading a mention that states an amount the parser must not report:
    out of range, signed, or only partly readable. The whole mention then gives None, so
    that no later part of it ("five billion euros" of "one point five billion euros") is
    read in its place."""


def _key(text: str) -> str:
    """Normalise a word the way the tables are written: lower case, dots removed."""
    return text.lower().replace(".", "")


def _phrase(text: str) -> tuple[str, ...]:
    """Split a table entry into its normalised words ("New Zealand" -> ("new", "zealand"))."""
    return tuple(_key(word) for word in str(text).replace("-", " ").split())


@dataclass(frozen=True)
class CurrencyEntry:
    """What a currency phrase means: its ISO code (None when unlisted) and sub-unit factor."""

    code: Optional[str]
    unit: Decimal
    has_modifiers: bool


@dataclass(frozen=True)
class MoneyTables:
    """The word tables of money.yml, indexed for the parser."""

    source: str
    symbols: dict[str, Optional[str]]
    currency_phrases: dict[tuple[str, ...], CurrencyEntry]
    currency_heads: frozenset[str]
    max_currency_len: int
    dollar_modifiers: dict[tuple[str, ...], Optional[str]]
    scales: dict[str, Decimal]
    attached_scales: dict[str, Decimal]
    attached_currency_words: frozenset[str]
    vague_plural_scales: frozenset[str]
    vague_plural_range: tuple[Decimal, Decimal]
    vague_counts: dict[tuple[str, ...], tuple[Decimal, Decimal]]
    number_words: dict[str, Decimal]
    fraction_words: dict[str, Decimal]
    qualifiers: dict[tuple[str, ...], str]
    postfix_qualifiers: dict[tuple[str, ...], str]
    max_qualifier_len: int
    range_openers: dict[str, str]
    range_joiners: frozenset[str]
    change_openers: dict[str, str]
    per_share_lead: dict[tuple[str, ...], bool]
    per_share_between: frozenset[str]
    per_share_nouns: frozenset[str]
    non_money_units: frozenset[str]
    percent_units: dict[tuple[str, ...], bool]
    percent_fractions: dict[str, Decimal]
    bare_fractions: frozenset[str]
    period_words: frozenset[str]
    iso_codes: frozenset[str] = field(default=frozenset(CURRENCIES))


def _fail(source: str, entry: str, problem: str) -> PatternError:
    return PatternError(
        f"{source}: entry '{entry}' {problem}. Fix that entry; the comments in the "
        f"{MONEY_FILE} shipped in spacy-deals' patterns/ folder describe each table."
    )


def _code(source: str, entry: str, value: Any) -> Optional[str]:
    """Check that a table value is a currency code the deal table knows, or null."""
    if value is None:
        return UNLISTED
    if value not in CURRENCIES:
        raise _fail(
            source,
            entry,
            f"has currency '{value}', which is not in "
            "pipeline.schema.CURRENCIES (use null for a currency without a code)",
        )
    return str(value)


def _number(source: str, entry: str, value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(source, entry, f"should be a number, got {value!r}")
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _pair(source: str, entry: str, value: Any) -> tuple[Decimal, Decimal]:
    if not isinstance(value, list) or len(value) != 2:
        raise _fail(source, entry, f"should be a list [low, high], got {value!r}")
    return _number(source, entry, value[0]), _number(source, entry, value[1])


def _words(source: str, entry: str, value: Any) -> list[str]:
    if not isinstance(value, list):
        raise _fail(source, entry, f"should be a list of words, got {value!r}")
    return [str(word) for word in value]


def _mapping(source: str, entry: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(source, entry, f"should be a mapping, got {value!r}")
    return value


def _qualifier_table(source: str, entry: str, value: Any) -> dict[tuple[str, ...], str]:
    table: dict[tuple[str, ...], str] = {}
    for kind, phrases in _mapping(source, entry, value).items():
        if kind not in QUALIFIER_KINDS:
            raise _fail(source, f"{entry}.{kind}", f"is not one of {QUALIFIER_KINDS}")
        for phrase in _words(source, f"{entry}.{kind}", phrases):
            table[_phrase(phrase)] = kind
    return table


def _currency_tables(
    source: str, raw: dict[str, Any]
) -> tuple[dict[tuple[str, ...], CurrencyEntry], dict[tuple[str, ...], Optional[str]]]:
    """Index every "modifier + noun" and bare noun of each currency family."""
    phrases: dict[tuple[str, ...], CurrencyEntry] = {}
    dollar_modifiers: dict[tuple[str, ...], Optional[str]] = {}
    for family, spec in _mapping(source, "currencies", raw).items():
        name = f"currencies.{family}"
        spec = _mapping(source, name, spec)
        default = _code(source, f"{name}.default", spec.get("default"))
        unit = _number(source, f"{name}.unit", spec.get("unit", 1))
        modifiers = {
            _phrase(mod): _code(source, f"{name}.modifiers.{mod}", code)
            for mod, code in _mapping(source, f"{name}.modifiers", spec.get("modifiers", {})).items()
        }
        for word in _words(source, f"{name}.words", spec.get("words")):
            noun = _phrase(word)
            phrases[noun] = CurrencyEntry(default, unit, bool(modifiers))
            for mod, code in modifiers.items():
                phrases[mod + noun] = CurrencyEntry(code, unit, True)
        if family == DOLLAR_FAMILY:
            dollar_modifiers = modifiers
    return phrases, dollar_modifiers


def _word_set(source: str, entry: str, value: Any) -> frozenset[str]:
    return frozenset(_key(word) for word in _words(source, entry, value))


def _number_table(source: str, entry: str, value: Any) -> dict[str, Decimal]:
    return {
        _key(word): _number(source, f"{entry}.{word}", number)
        for word, number in _mapping(source, entry, value).items()
    }


def _joiner_table(source: str, entry: str, value: Any) -> dict[str, str]:
    return {_key(opener): _key(str(joiner)) for opener, joiner in _mapping(source, entry, value).items()}


def build_money_tables(raw: dict[str, Any], source: str = MONEY_FILE) -> MoneyTables:
    """Validate the parsed YAML of money.yml and index it for the parser."""
    if not isinstance(raw, dict):
        raise _fail(source, "<top level>", "should be a mapping of table names")
    for key in REQUIRED_KEYS:
        if key not in raw:
            raise _fail(source, key, "is missing")
    phrases, dollar_modifiers = _currency_tables(source, raw["currencies"])
    qualifiers = _qualifier_table(source, "qualifiers", raw["qualifiers"])
    postfix = _qualifier_table(source, "postfix_qualifiers", raw["postfix_qualifiers"])
    per_share = _mapping(source, "per_share", raw["per_share"])
    percent = _mapping(source, "percent", raw["percent"])
    return MoneyTables(
        source=source,
        symbols={
            _key(sym): _code(source, f"symbols.{sym}", code)
            for sym, code in _mapping(source, "symbols", raw["symbols"]).items()
        },
        currency_phrases=phrases,
        currency_heads=frozenset(phrase[0] for phrase in phrases),
        max_currency_len=max(len(phrase) for phrase in phrases),
        dollar_modifiers=dollar_modifiers,
        scales=_number_table(source, "scales", raw["scales"]),
        attached_scales=_number_table(source, "attached_scales", raw["attached_scales"]),
        attached_currency_words=_word_set(source, "attached_currency_words", raw["attached_currency_words"]),
        vague_plural_scales=_word_set(source, "vague_plural_scales", raw["vague_plural_scales"]),
        vague_plural_range=_pair(source, "vague_plural_range", raw["vague_plural_range"]),
        vague_counts={
            _phrase(words): _pair(source, f"vague_counts.{words}", value)
            for words, value in _mapping(source, "vague_counts", raw["vague_counts"]).items()
        },
        number_words=_number_table(source, "number_words", raw["number_words"]),
        fraction_words=_number_table(source, "fraction_words", raw["fraction_words"]),
        qualifiers=qualifiers,
        postfix_qualifiers=postfix,
        max_qualifier_len=max(len(p) for p in (*qualifiers, *postfix)),
        range_openers=_joiner_table(source, "range_openers", raw["range_openers"]),
        range_joiners=_word_set(source, "range_joiners", raw["range_joiners"]),
        change_openers=_joiner_table(source, "change_openers", raw["change_openers"]),
        per_share_lead={_phrase(w): True for w in _words(source, "per_share.lead", per_share.get("lead"))},
        per_share_between=_word_set(source, "per_share.between", per_share.get("between")),
        per_share_nouns=_word_set(source, "per_share.nouns", per_share.get("nouns")),
        non_money_units=_word_set(source, "non_money_units", raw["non_money_units"]),
        percent_units={_phrase(w): True for w in _words(source, "percent.units", percent.get("units"))},
        percent_fractions=_number_table(source, "percent.fractions", percent.get("fractions")),
        bare_fractions=_word_set(source, "percent.bare_fractions", percent.get("bare_fractions")),
        period_words=_word_set(source, "percent.period_words", percent.get("period_words")),
    )


@lru_cache(maxsize=8)
def _load_tables_cached(path: str) -> MoneyTables:
    try:
        with open(path, encoding="utf8") as handle:
            raw = yaml.safe_load(handle)
    except OSError as err:
        raise PatternError(
            f"Could not read the money tables at {path}: {err}. Point `patterns_dir` at a "
            f"folder holding {MONEY_FILE}, or leave it unset to use the one shipped with "
            "spacy-deals."
        ) from err
    except yaml.YAMLError as err:
        raise PatternError(f"{path} is not valid YAML: {err}") from err
    return build_money_tables(raw, source=path)


def load_money_tables(directory: Union[str, Path, None] = None) -> MoneyTables:
    """Load and validate ``money.yml`` from ``directory`` (default: :func:`patterns_dir`).

    The tables are built once per file and shared by every parser and component.
    """
    if directory is None:
        return _bundled_tables()
    return _load_tables_cached(str((Path(directory) / MONEY_FILE).resolve()))


@lru_cache(maxsize=1)
def _bundled_tables() -> MoneyTables:
    """The tables shipped with the package (looked up once: finding the file costs I/O)."""
    return _load_tables_cached(str((patterns_dir() / MONEY_FILE).resolve()))


# --- tokens ------------------------------------------------------------------------

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


class _Token:
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
            return Decimal(0) if "-" in exp else _INFINITE
        value = value.scaleb(int(exp[1:]))
        if value.adjusted() > MAX_EXPONENT:
            return _INFINITE
    elif len(num) > MAX_EXPONENT and value.adjusted() > MAX_EXPONENT:
        return _INFINITE
    if frac:
        numerator, denominator = frac[1:].split("/")
        if int(denominator):
            value += Decimal(numerator) / Decimal(denominator)
    if ufrac:
        value += Decimal(UNICODE_FRACTIONS[ufrac])
    return value


def _tokenize(text: str) -> list[_Token]:
    """Split text into tokens, dropping hyphens that only join words ("15.5-mln-dlr")."""
    tokens: list[_Token] = []
    last_end = -1
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup  # the exponent and fraction groups come last when a number has one
        raw = match.group(0)
        start = match.start()
        attached = start == last_end
        last_end = match.end()
        if kind in (NUM, "exp", "frac", "ufrac"):
            tokens.append(_Token(NUM, raw, _number_value(match), raw, start, attached))
        elif kind == "uword":
            tokens.append(_Token(NUM, raw, Decimal(UNICODE_FRACTIONS[raw]), raw, start, attached))
        elif kind in (SYM, WORD):
            tokens.append(_Token(kind, _key(raw), None, raw, start, attached))
        else:
            key = "-" if raw in HYPHENS else raw
            tokens.append(_Token(PUNCT, key, None, raw, start, attached))
    if _SIGN_HINT.search(text):
        _mark_signs(tokens)
    return [
        tok
        for i, tok in enumerate(tokens)
        if tok.key != "-"
        or (0 < i < len(tokens) - 1 and tokens[i + 1].kind in (NUM, SYM) and tokens[i - 1].kind != PUNCT)
    ]


def _mark_signs(tokens: list[_Token]) -> None:
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


def _keys(tokens: list[_Token], start: int, length: int) -> tuple[str, ...]:
    return tuple(tok.key for tok in tokens[start : start + length])


def _match_phrase(tokens: list[_Token], start: int, table: dict, max_len: int) -> tuple[Any, int]:
    """Longest phrase of ``table`` starting at ``start``: (value, end), or (None, start)
    when none matches (a matched value may itself be None: compare ``end`` to ``start``)."""
    for length in range(min(max_len, len(tokens) - start), 0, -1):
        phrase = _keys(tokens, start, length)
        if phrase in table:
            return table[phrase], start + length
    return None, start


# --- the money parser --------------------------------------------------------------

# Sentinels: no currency was written (distinct from an unlisted currency, code None), and
# the word after the number says it is not money.
NO_CURRENCY = "<none>"
NOT_MONEY = "<not money>"
# Shorter unknown words after a number ("m", "x") are not worth a quantulum3 call.
MIN_UNKNOWN_WORD = 2
# "or" joins a range only after a bare number ("14 or 15 billion marks", not "5 mln dlrs or").
BARE_LEFT_JOINER = "or"
# A bare number that reads as a year cannot start a range.
YEAR_DIGITS = 4
YEAR_RANGE = (1800, 2099)
# Spelled numbers: the articles that may stand for one ("a hundred and fifty", "a
# billion"), the word that multiplies within a number, the tens that take a unit ("twenty
# five"), and the spelled decimal point ("one point five").
ARTICLES = ("a", "an")
HUNDRED = "hundred"
TENS = (20, 90)
POINT = "point"
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


class _Reader:
    """Reads money and percent expressions from one text's tokens, using :class:`MoneyTables`."""

    def __init__(self, text: str, tables: MoneyTables):
        self.text = text
        self.t = tables
        self.toks = _tokenize(text)

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
        number ("one twenty", "five five", "twenty fifty") raise _NoAmount: read apart, a
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
            k = j + 2 if _keys(toks, j + 1, 1) == ("and",) else j + 1
            rest, end = self._below_hundred(k)
            if rest is not None and rest >= 1:
                value, j = value * 100 + rest, end
        if article and j == i + 1:
            return None, i  # "a hundred million", "a billion": _article_number's
        if self._word_value(j) is not None and self._close(j):
            raise _NoAmount
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
                raise _NoAmount
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
            vague, j = _match_phrase(toks, i, t.vague_counts, MAX_CUE_WORDS)
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
                    raise _NoAmount  # "1.5 and a half billion"
                value, j = value + fraction, k
        return (value, value, False), j

    def _decimal_digits(self, i: int) -> tuple[Optional[str], int]:
        """The digits after a spelled decimal point at ``i - 1``: "five", "seven five", or
        digits ("one point 5"); (None, i) when no number follows closely. Number words
        that are not digits ("one point twenty five") raise _NoAmount."""
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
                raise _NoAmount  # "one point twenty five"
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
            raise _NoAmount  # "1.5 point 2"
        return value + Decimal("0." + digits), k

    def _fraction_of(self, count: Decimal, j: int) -> tuple[Optional[Decimal], int]:
        """ "three quarters of a billion" / "a third of a billion": ``count`` then a fraction
        word at ``j``, [of], a, and a scale word: (count / denominator, index of the scale)."""
        toks = self.toks
        denominator = self.t.percent_fractions.get(toks[j].key) if j < len(toks) else None
        if denominator is None or count != count.to_integral_value():
            return None, j
        k = j + 2 if _keys(toks, j + 1, 1) == ("of",) else j + 1
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
        if _keys(self.toks, j, 2) == ("and", "a") and j + 2 < len(self.toks):
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
                raise _NoAmount  # "-$5 million"
            if tok.key in t.symbols:
                return t.symbols[tok.key], i + 1
            return UNLISTED, i + 1
        if tok.kind == WORD:
            if tok.text.isupper() and tok.text in t.iso_codes:
                return tok.text, i + 1
            if tok.key in t.symbols:
                return t.symbols[tok.key], i + 1
            code, j = _match_phrase(toks, i, t.dollar_modifiers, MAX_CUE_WORDS)
            if j > i and j < len(toks) and toks[j].kind == SYM and toks[j].key == "$":
                if toks[j].negative:
                    raise _NoAmount
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
            entry, j = _match_phrase(toks, i, t.currency_phrases, t.max_currency_len)
            if entry is not None and (tok.key not in t.attached_currency_words or tok.attached):
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
            entry, j = _match_phrase(toks, i + 1, t.currency_phrases, t.max_currency_len)
            if entry is not None:
                return (UNLISTED if entry.has_modifiers else entry.code), j, entry.unit
        return NO_CURRENCY, i, one

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
                    raise _NoAmount  # "2.5 million and a half"
                amount.low = amount.high = amount.low + fraction
                return k
        if j < len(toks) and toks[j].key == POINT and self._decimal_digits(j + 1)[0] is not None:
            raise _NoAmount  # "five billion point two"
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
        return _match_phrase(self.toks, j, self.t.postfix_qualifiers, self.t.max_qualifier_len)

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
        qualifier, j = _match_phrase(toks, i, t.qualifiers, t.max_qualifier_len)
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
                raise _NoAmount
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
        return _quantulum_unit(self.text[tok.start :])

    def read(self) -> Optional[Money]:
        """The first expression with a currency, else the first scaled amount, else None
        (also when the text states an amount that must not be reported: see _NoAmount)."""
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
        except _NoAmount:
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
                return _quantulum_money(self.text[tok.start :])
        return None

    # percents ------------------------------------------------------------------------

    def read_percent(self) -> Optional[float]:
        """The first "<number> pct" or fraction ("a third") in the text, as a percentage;
        None when there is none, or when it is negative, beyond MAX_PERCENT or only partly
        readable."""
        try:
            value = self._read_percent()
        except _NoAmount:
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
            _, unit_end = _match_phrase(toks, j, t.percent_units, MAX_CUE_WORDS)
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
            raise _NoAmount  # and rounding a huge Decimal would raise InvalidOperation
        return float(round(value, PERCENT_DECIMALS))


def _float(value: Optional[Decimal]) -> Optional[float]:
    return None if value is None else float(value)


# --- quantulum3 fallback -----------------------------------------------------------


@lru_cache(maxsize=1)
def _quantulum_parser() -> Any:
    """Import quantulum3 on first use: the import costs about 1.7 s."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser

        parser.parse("1 dollar")
    return parser


def warm_up() -> None:
    """Import quantulum3 now rather than on the first money text that needs it (about
    2 s once per process): for benchmarks and long-lived services."""
    _quantulum_parser()


def _quantities(text: str) -> list[Any]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return list(_quantulum_parser().parse(text))
    except Exception:  # quantulum3 raises assorted errors on odd input; treat as no reading
        return []


def _quantulum_unit(rest: str) -> Optional[str]:
    """Classify the unit word at the start of ``rest``: a currency code (None when quantulum3
    knows the currency but the deal table has no code for it), NOT_MONEY for a physical
    unit, NO_CURRENCY when it cannot tell.

    quantulum3 misreads "mln", so it is given "1 <word> ..." to classify the unit only.
    """
    words = " ".join(rest.split()[:QUANTULUM_CONTEXT_WORDS])
    for quantity in _quantities(f"1 {words}"):
        entity = quantity.unit.entity.name
        if entity == QUANTULUM_CURRENCY:
            code = getattr(quantity.unit, "currency_code", None)
            return code if code in CURRENCIES else UNLISTED
        if entity not in QUANTULUM_NON_UNITS:
            return NOT_MONEY
    return NO_CURRENCY


def _quantulum_money(text: str) -> Optional[Money]:
    """A Money from quantulum3's reading of ``text`` when it finds a currency in it."""
    for quantity in _quantities(text):
        if quantity.unit.entity.name == QUANTULUM_CURRENCY:
            try:
                value = float(quantity.value)
            except (TypeError, ValueError):
                return None
            # NaN, infinity, a sign or zero is no amount, as in the parser's own readings
            if not (math.isfinite(value) and 0 < value <= MAX_AMOUNT):
                return None
            code = getattr(quantity.unit, "currency_code", None)
            return Money(amount=value, currency=code if code in CURRENCIES else UNLISTED)
    return None


# --- public functions ----------------------------------------------------------------


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
    return _Reader(text, tables or load_money_tables()).read()


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
    return _Reader(text, tables or load_money_tables()).read_percent()


# --- spaCy component -----------------------------------------------------------------

# span._.money and span._.percent are declared (as plain data on the Doc) in docdata.

DEFAULT_MONEY_LABELS = ("MONEY",)
DEFAULT_PERCENT_LABELS = ("PERCENT",)
DEFAULT_CACHE_SIZE = 50_000
# How far before / after an entity the component looks for a qualifier or a per-share
# phrase that the entity boundary left out ("over [$10 billion]", "[50 dlrs] a share"),
# counting line-break tokens.
LOOKBACK_TOKENS = 5
LOOKAHEAD_TOKENS = 8


@Language.factory(
    "spacy_deals_money",
    default_config={
        "money_labels": list(DEFAULT_MONEY_LABELS),
        "percent_labels": list(DEFAULT_PERCENT_LABELS),
        "patterns_dir": None,
        "use_context": True,
        "cache_size": DEFAULT_CACHE_SIZE,
    },
    assigns=["span._.money", "span._.percent"],
)
def make_money(
    nlp: Language,
    name: str,
    money_labels: list[str],
    percent_labels: list[str],
    patterns_dir: Optional[str],
    use_context: bool,
    cache_size: int,
) -> MoneyComponent:
    """Create a :class:`MoneyComponent` (see its docstring for the settings)."""
    return MoneyComponent(
        nlp,
        name,
        money_labels=money_labels,
        percent_labels=percent_labels,
        patterns_dir=patterns_dir,
        use_context=use_context,
        cache_size=cache_size,
    )


class MoneyComponent(PatternFilesMixin):
    """Sets ``span._.money`` on money entities and ``span._.percent`` on percent entities.

    money_labels / percent_labels: entity labels to read. patterns_dir: a folder whose
    money.yml replaces the bundled one. use_context: also read a qualifier just before the
    entity and "a share" just after it, which entity boundaries often leave out.
    cache_size: how many distinct entity texts to remember (news repeats the same amounts).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "spacy_deals_money",
        *,
        money_labels: Iterable[str] = DEFAULT_MONEY_LABELS,
        percent_labels: Iterable[str] = DEFAULT_PERCENT_LABELS,
        patterns_dir: Optional[str] = None,
        use_context: bool = True,
        cache_size: int = DEFAULT_CACHE_SIZE,
    ):
        self.name = name
        self.money_labels = frozenset(money_labels)
        self.percent_labels = frozenset(percent_labels)
        self.patterns_dir = patterns_dir
        self.use_context = use_context
        self.cache_size = cache_size
        self.load_patterns(patterns_dir)

    pattern_files = (MONEY_FILE,)

    def load_patterns(self, patterns_dir) -> None:
        self.tables = load_money_tables(patterns_dir)
        self._money_cache: dict[str, Optional[Money]] = {}
        self._percent_cache: dict[str, Optional[float]] = {}

    def __call__(self, doc: Doc) -> Doc:
        for ent in doc.ents:
            if ent.label_ in self.money_labels:
                ent._.money = self._entity_money(doc, ent)
            elif ent.label_ in self.percent_labels:
                ent._.percent = self._percent(ent.text)
        return doc

    def _entity_money(self, doc: Doc, ent: Span) -> Optional[Money]:
        """Parse the entity, widened to a qualifier before it and "a share" after it.

        An amount that comes out without a currency is read again with the next word, so
        that "[10 billion] barrels" is dropped and "[4.2 mln] marks" gains its currency.
        """
        if not self.use_context:
            return self._money(ent.text)
        start = self._context_start(doc, ent.start)
        end = self._context_end(doc, ent.end)
        money = self._money(doc[start:end].text)
        if money is None or money.currency is not None:
            return money
        for tok in doc[end : end + LOOKAHEAD_TOKENS]:
            if tok.is_space:
                continue
            return self._money(doc[start : tok.i + 1].text) if tok.is_alpha else money
        return money

    def _context_start(self, doc: Doc, start: int) -> int:
        """Start of a qualifier or opener ("more than", "between", "from") before ``start``."""
        t = self.tables
        words: list[str] = []
        positions: list[int] = []
        for i in range(start - 1, max(start - LOOKBACK_TOKENS, 0) - 1, -1):
            if not doc[i].is_space:
                words.insert(0, _key(doc[i].text))
                positions.insert(0, i)
        for length in range(min(len(words), t.max_qualifier_len), 0, -1):
            phrase = tuple(words[-length:])
            if phrase in t.qualifiers or (
                length == 1 and (phrase[0] in t.range_openers or phrase[0] in t.change_openers)
            ):
                return positions[-length]
        return start

    def _context_end(self, doc: Doc, end: int) -> int:
        """End of a per-share phrase ("a share", "per common share") right after ``end``."""
        tokens = [tok for tok in doc[end : end + LOOKAHEAD_TOKENS] if not tok.is_space and tok.text not in HYPHENS]
        words = [(_key(tok.text), tok.text[:1].isupper()) for tok in tokens]
        length = per_share_length(words, self.tables)
        return tokens[length - 1].i + 1 if length else end

    def _money(self, text: str) -> Optional[Money]:
        if text not in self._money_cache:
            if len(self._money_cache) >= self.cache_size:
                self._money_cache.clear()
            self._money_cache[text] = parse_money(text, self.tables)
        return self._money_cache[text]

    def _percent(self, text: str) -> Optional[float]:
        if text not in self._percent_cache:
            if len(self._percent_cache) >= self.cache_size:
                self._percent_cache.clear()
            self._percent_cache[text] = parse_percent(text, self.tables)
        return self._percent_cache[text]
