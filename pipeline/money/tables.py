"""The word tables of ``patterns/money.yml``: their schema (:class:`MoneyTables`), their
validation (:func:`build_money_tables`: a bad entry is a :class:`~pipeline.errors.PatternError`
naming the file and the entry) and their loading, once per file
(:func:`load_money_tables`).

Every word is matched lower-cased with dots removed (:func:`table_key`); a multi-word
entry is a tuple of such words (:func:`table_phrase`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Union

import yaml

from ..errors import Errors, PatternError
from ..patterns import pattern_path, patterns_dir
from ..schema import CURRENCIES

MONEY_FILE = "money.yml"


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


def table_key(text: str) -> str:
    """Normalise a word the way the tables are written: lower case, dots removed."""
    return text.lower().replace(".", "")


def table_phrase(text: str) -> tuple[str, ...]:
    """Split a table entry into its normalised words ("New Zealand" -> ("new", "zealand"))."""
    return tuple(table_key(word) for word in str(text).replace("-", " ").split())


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


def entry_error(source: str, entry: str, problem: str) -> PatternError:
    """The error for a bad entry of a money.yml: [E101], naming the file and the entry
    (the comments of the bundled money.yml describe each table)."""
    return PatternError(Errors.E101.format(path=source, entry=entry, problem=problem))


def _code(source: str, entry: str, value: Any) -> Optional[str]:
    """Check that a table value is a currency code the deal table knows, or null."""
    if value is None:
        return UNLISTED
    if value not in CURRENCIES:
        raise entry_error(
            source,
            entry,
            f"has currency '{value}', which is not in "
            "pipeline.schema.CURRENCIES (use null for a currency without a code)",
        )
    return str(value)


def _number(source: str, entry: str, value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise entry_error(source, entry, f"should be a number, got {value!r}")
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _pair(source: str, entry: str, value: Any) -> tuple[Decimal, Decimal]:
    if not isinstance(value, list) or len(value) != 2:
        raise entry_error(source, entry, f"should be a list [low, high], got {value!r}")
    return _number(source, entry, value[0]), _number(source, entry, value[1])


def _words(source: str, entry: str, value: Any) -> list[str]:
    if not isinstance(value, list):
        raise entry_error(source, entry, f"should be a list of words, got {value!r}")
    return [str(word) for word in value]


def _mapping(source: str, entry: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise entry_error(source, entry, f"should be a mapping, got {value!r}")
    return value


def _qualifier_table(source: str, entry: str, value: Any) -> dict[tuple[str, ...], str]:
    table: dict[tuple[str, ...], str] = {}
    for kind, phrases in _mapping(source, entry, value).items():
        if kind not in QUALIFIER_KINDS:
            raise entry_error(source, f"{entry}.{kind}", f"is not one of {QUALIFIER_KINDS}")
        for phrase in _words(source, f"{entry}.{kind}", phrases):
            table[table_phrase(phrase)] = kind
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
            table_phrase(mod): _code(source, f"{name}.modifiers.{mod}", code)
            for mod, code in _mapping(source, f"{name}.modifiers", spec.get("modifiers", {})).items()
        }
        for word in _words(source, f"{name}.words", spec.get("words")):
            noun = table_phrase(word)
            phrases[noun] = CurrencyEntry(default, unit, bool(modifiers))
            for mod, code in modifiers.items():
                phrases[mod + noun] = CurrencyEntry(code, unit, True)
        if family == DOLLAR_FAMILY:
            dollar_modifiers = modifiers
    return phrases, dollar_modifiers


def _word_set(source: str, entry: str, value: Any) -> frozenset[str]:
    return frozenset(table_key(word) for word in _words(source, entry, value))


def _number_table(source: str, entry: str, value: Any) -> dict[str, Decimal]:
    return {
        table_key(word): _number(source, f"{entry}.{word}", number)
        for word, number in _mapping(source, entry, value).items()
    }


def _joiner_table(source: str, entry: str, value: Any) -> dict[str, str]:
    return {table_key(opener): table_key(str(joiner)) for opener, joiner in _mapping(source, entry, value).items()}


def build_money_tables(raw: dict[str, Any], source: str = MONEY_FILE) -> MoneyTables:
    """Validate the parsed YAML of money.yml and index it for the parser."""
    if not isinstance(raw, dict):
        raise entry_error(source, "<top level>", "should be a mapping of table names")
    for key in REQUIRED_KEYS:
        if key not in raw:
            raise entry_error(source, key, "is missing")
    phrases, dollar_modifiers = _currency_tables(source, raw["currencies"])
    qualifiers = _qualifier_table(source, "qualifiers", raw["qualifiers"])
    postfix = _qualifier_table(source, "postfix_qualifiers", raw["postfix_qualifiers"])
    per_share = _mapping(source, "per_share", raw["per_share"])
    percent = _mapping(source, "percent", raw["percent"])
    return MoneyTables(
        source=source,
        symbols={
            table_key(sym): _code(source, f"symbols.{sym}", code)
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
            table_phrase(words): _pair(source, f"vague_counts.{words}", value)
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
        per_share_lead={table_phrase(w): True for w in _words(source, "per_share.lead", per_share.get("lead"))},
        per_share_between=_word_set(source, "per_share.between", per_share.get("between")),
        per_share_nouns=_word_set(source, "per_share.nouns", per_share.get("nouns")),
        non_money_units=_word_set(source, "non_money_units", raw["non_money_units"]),
        percent_units={table_phrase(w): True for w in _words(source, "percent.units", percent.get("units"))},
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
        raise PatternError(Errors.E103.format(path=path)) from err
    except yaml.YAMLError as err:
        raise PatternError(Errors.E102.format(path=path, kind="YAML", problem=err)) from err
    return build_money_tables(raw, source=path)


def load_money_tables(directory: Union[str, Path, None] = None) -> MoneyTables:
    """Load and validate the ``money.yml`` of ``directory`` when it has one, else the
    shipped one (a ``patterns_dir`` overlays the shipped files file by file:
    :func:`~pipeline.patterns.pattern_path`); a ``directory`` that does not exist is an
    error [E103].

    The tables are built once per file and shared by every parser and component.
    """
    if directory is None:
        return _bundled_tables()
    return _load_tables_cached(str(pattern_path(MONEY_FILE, directory).resolve()))


@lru_cache(maxsize=1)
def _bundled_tables() -> MoneyTables:
    """The tables shipped with the package (looked up once: finding the file costs I/O)."""
    return _load_tables_cached(str((patterns_dir() / MONEY_FILE).resolve()))
