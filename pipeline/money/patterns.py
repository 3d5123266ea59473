"""The MONEY and PERCENT patterns of ``patterns/entities.jsonl``, built from ``money.yml``.

The entity ruler (``components/entities.py``) finds the money and percent forms the base
model misses ("83 mln dlrs", "13 trillion won", "51 pct") with EntityRuler patterns. Their
words are the parser's: scale words, currency words and the country words before them,
currency signs, qualifiers, per-share phrases, vague counts and percent units all come
from the tables of ``money.yml`` (:mod:`.tables`), so that a word added there is found in
text as well as read. What only the patterns need (currency codes written as such, the
currency words that are too often something else) is the ``entity_patterns`` section of
``money.yml``. The shapes (a number, then a scale word, then a currency word...) are the
templates below.

The file is generated, and a test checks that it is this module's output::

    python -m pipeline.money.patterns > patterns/entities.jsonl

``--patterns-dir DIR`` builds them from the ``money.yml`` of another folder.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Optional, Union

import yaml

from ..patterns import pattern_path
from .tables import MONEY_FILE, MoneyTables, build_money_tables, entry_error, table_phrase

# The section of money.yml that only the patterns read, and its keys.
SECTION = "entity_patterns"
Token = dict[str, Any]
Pattern = list[Token]

# Shapes: the tokens that are the same in every vocabulary.
SPACES: Token = {"IS_SPACE": True, "OP": "*"}
DASH: Token = {"ORTH": {"IN": ["-", "–"]}, "OP": "?"}
DOT: Token = {"ORTH": ".", "OP": "?"}
PLUS_DASH: Token = {"ORTH": "-", "OP": "?"}
NUMBERS: Token = {"LIKE_NUM": True, "OP": "+"}
NUMBER: Token = {"LIKE_NUM": True}
# A number not read as a year ("in 1986 to 900 mln dlrs") starts a range.
NOT_A_YEAR: Token = {"LIKE_NUM": True, "TEXT": {"REGEX": "^(?!(1[89]|20)\\d\\d$)"}, "OP": "+"}
# "3-" of "3- billion dlrs"; "1/2" of "3 1/2 dlrs"; "51%".
NUMBER_HYPHEN: Token = {"TEXT": {"REGEX": "^\\d[\\d,.]*[-–]$"}}
FRACTION: Token = {"TEXT": {"REGEX": "^\\d{1,3}/\\d{1,3}$"}}
PERCENT_SIGN: Token = {"TEXT": {"REGEX": "^\\d+(\\.\\d+)?%"}}
# Numbers the tokenizer keeps with their scale letters ("5mln", "40M"), and with their
# currency sign ("$5", "HK$5", "£450", "Rs.1,200", "$40M").
ATTACHED = "(mln|bln|bn|mn|m|b|k|mm|tn)"
NUMBER_SCALE: Token = {"TEXT": {"REGEX": f"(?i)^\\d[\\d,.]*{ATTACHED}$"}}
SIGN_NUMBER: Token = {
    "TEXT": {"REGEX": "(?i)^(us|c|can|cdn|a|nz|hk|s|nt|r)?\\$\\d[\\d,.]*$|^(rs\\.?|dm|usd|eur|gbp|£|€|¥|₹)\\d[\\d,.]*$"}
}
SIGN_NUMBER_SCALE: Token = {
    "TEXT": {"REGEX": f"(?i)^((us|c|a|nz|hk|s|nt|r)?\\$|rs\\.?|usd|eur|gbp|£|€|¥|₹)\\d[\\d,.]*{ATTACHED}$"}
}
# "$10 billion+" as the tokenizer leaves it ("billion+").
SCALE_PLUS_SIGNS = ["$", "US$", "€", "£", "¥", "C$", "A$"]
SCALE_PLUS: Token = {"LOWER": {"REGEX": "^(thousand|million|billion|trillion|mln|bln|bn|mn|m|b|k)\\+$"}}
# The scale words "a"/"an"/"half" may stand before ("a billion dlrs", "half a billion").
ARTICLE_WORDS = ["a", "an", "half"]
ARTICLE_SCALES = ["billion", "bln", "million", "mln", "trillion"]
# Spelled fractions that are a percentage ("two-thirds", "one half", "four fifths").
FRACTION_PERCENTS = (
    ("percent-fraction-words", ["one", "two"], ["half", "third", "thirds"]),
    ("percent-fifths", ["four", "one", "three", "two"], ["fifth", "fifths"]),
)


def words_in(values: Iterable[str]) -> Token:
    return {"IN": sorted(set(values))}


class Vocabulary:
    """The word lists of the patterns, from the tables and raw YAML of a money.yml."""

    def __init__(self, tables: MoneyTables, raw: dict[str, Any]):
        section = raw.get(SECTION) or {}
        if not isinstance(section, dict):
            raise entry_error(tables.source, SECTION, f"should be a mapping, got {section!r}")

        def listed(key: str) -> list[str]:
            value = section.get(key, [])
            if not isinstance(value, list):
                raise entry_error(tables.source, f"{SECTION}.{key}", f"should be a list of words, got {value!r}")
            return [str(word) for word in value]

        self.scales = sorted(set(tables.scales) | set(tables.attached_scales))
        nouns = {phrase[0] for phrase in tables.currency_phrases if len(phrase) == 1}
        # a currency phrase of several words ("hong kong dollars", "european currency
        # units"): the words before its noun may stand before a currency noun
        modifiers = {word for phrase in tables.currency_phrases for word in phrase[:-1]}
        modifiers |= {word[0] + "." + word[1] + "." for word in modifiers if len(word) == 2 and word.isalpha()}
        self.modifiers = sorted(modifiers)
        nouns -= tables.attached_currency_words  # "45p", "50c": only against the number
        self.currencies = sorted(nouns)
        self.currencies_after_number = sorted(nouns - set(listed("not_after_bare_number")))
        self.currencies_without_scale = sorted(nouns - set(listed("not_without_scale_word")))
        codes = listed("codes")
        self.signs = sorted(set(tables.symbols) | {code.lower() for code in codes})
        self.codes_after = codes + listed("symbols_after")
        outside = {table_phrase(phrase) for phrase in listed("qualifiers_outside")}
        qualifiers = [phrase for phrase in tables.qualifiers if phrase and phrase not in outside]
        self.qualifiers = [
            [sorted({phrase[k] for phrase in qualifiers if len(phrase) == n}) for k in range(n)] for n in (1, 2, 3)
        ]
        single = {phrase[0] for phrase in tables.per_share_lead if len(phrase) == 1}
        self.per_share_lead = sorted(single)
        self.per_share_between = sorted(tables.per_share_between)
        self.per_share_nouns = sorted(tables.per_share_nouns)
        self.postfix = sorted(phrase[0] for phrase in tables.postfix_qualifiers if len(phrase) == 1)
        self.few = sorted(phrase[-1] for phrase in tables.vague_counts if phrase[-1] != "of")
        self.vague_of = sorted(phrase[0] for phrase in tables.vague_counts if len(phrase) == 2 and phrase[1] == "of")
        self.vague_plurals = sorted(tables.vague_plural_scales)
        self.hundreds = sorted(word for word, value in tables.scales.items() if value in (100, 1000) and word.isalpha())
        self.joiners = sorted(tables.range_joiners | {"–"})
        self.bare_joiners = sorted(set(self.joiners) - {"or"})
        self.openers = sorted(tables.range_openers.items())
        self.percent_units = sorted(phrase[0] for phrase in tables.percent_units if len(phrase) == 1)


def patterns(vocab: Vocabulary) -> Iterator[dict[str, Any]]:
    """Every MONEY and PERCENT pattern, in file order."""
    scale: Token = {"LOWER": words_in(vocab.scales)}
    modifier: Token = {"LOWER": words_in(vocab.modifiers), "OP": "?"}
    currency: Token = {"LOWER": words_in(vocab.currencies)}
    after_number: Token = {"LOWER": words_in(vocab.currencies_after_number)}
    currency_other: Token = {"LOWER": words_in(vocab.currencies_without_scale)}
    sign: Token = {"LOWER": words_in(vocab.signs)}
    code: Token = {"TEXT": {"IN": vocab.codes_after}}
    plus = [PLUS_DASH, {"LOWER": words_in(vocab.postfix)}]
    per_share = list(_per_share_tail(vocab))
    number_scale = [NUMBERS, SPACES, DASH, scale, SPACES, DASH, modifier, modifier, SPACES, currency]
    number_currency = [NUMBERS, SPACES, DASH, modifier, modifier, SPACES, after_number]
    fraction = [NUMBER, DASH, FRACTION, SPACES, modifier, currency_other]
    sign_number = [sign, DOT, SPACES, NUMBERS]
    money: list[tuple[str, Pattern]] = [
        ("num-scale-cur", number_scale),
        ("num-scale-cur-per-share", number_scale + per_share),
        ("num-scale-cur-plus", number_scale + plus),
        ("num-cur", number_currency),
        ("num-cur-per-share", number_currency + per_share),
        ("numhyphen-scale-cur", [NUMBER_HYPHEN, SPACES, scale, SPACES, DASH, modifier, modifier, SPACES, currency]),
        ("frac-cur", fraction),
        ("frac-cur-per-share", fraction + per_share),
        ("numatt-cur", [NUMBER_SCALE, SPACES, modifier, modifier, currency_other]),
        (
            "article-scale-cur",
            [
                {"LOWER": words_in(ARTICLE_WORDS)},
                {"LOWER": words_in(ARTICLE_WORDS), "OP": "?"},
                SPACES,
                {"LOWER": words_in(ARTICLE_SCALES)},
                SPACES,
                modifier,
                modifier,
                currency_other,
            ],
        ),
        (
            "several-scale-cur",
            [
                {"LOWER": words_in(vocab.few)},
                {"LOWER": words_in(vocab.hundreds), "OP": "?"},
                scale,
                SPACES,
                modifier,
                currency_other,
            ],
        ),
        (
            "vague-of-cur",
            [
                {"LOWER": words_in(vocab.vague_of), "OP": "?"},
                {"LOWER": "of", "OP": "?"},
                {"LOWER": words_in(vocab.vague_plurals)},
                {"LOWER": "of"},
                modifier,
                currency_other,
            ],
        ),
        ("sym-num", sign_number + [SPACES, scale]),
        ("sym-num-per-share", sign_number + [SPACES, scale] + per_share),
        ("sym-num-plus", sign_number + [SPACES, scale] + plus),
        ("sym-num-bare", sign_number),
        ("sym-num-bare-per-share", sign_number + per_share),
        ("sym-numatt", [sign, SPACES, NUMBER_SCALE]),
        ("sym-numatt-plus", [sign, SPACES, NUMBER_SCALE] + plus),
        ("symnum-scale", [SIGN_NUMBER, SPACES, scale]),
        ("symnum-scale-plus", [SIGN_NUMBER, SPACES, scale] + plus),
        ("symnum", [SIGN_NUMBER]),
        ("symnum-per-share", [SIGN_NUMBER] + per_share),
        ("symnumatt", [SIGN_NUMBER_SCALE]),
        ("num-scale-code", [NUMBERS, SPACES, scale, code]),
    ]
    percent: list[tuple[str, Pattern]] = [
        ("num-pct", [NUMBERS, SPACES, DASH, {"LOWER": words_in(vocab.percent_units)}]),
        ("num-per-cent", [NUMBERS, SPACES, {"LOWER": "per"}, {"LOWER": "cent"}]),
        ("frac-pct", [NUMBER, DASH, FRACTION, SPACES, {"LOWER": words_in(vocab.percent_units)}]),
        ("att-pct", [PERCENT_SIGN]),
    ]
    for label, shapes in (("money", money), ("percent", percent)):
        for qualifier_words in [[]] + vocab.qualifiers:
            q = f"-q{len(qualifier_words)}" if qualifier_words else ""
            lead = [token for words in qualifier_words for token in ({"LOWER": words_in(words)}, SPACES)]
            for name, shape in shapes:
                # the qualifier's mark goes before "-per-share" or "-plus": "money-num-cur-q1-per-share"
                stem = name.removesuffix("-per-share").removesuffix("-plus")
                yield entry(label, f"{label}-{stem}{q}{name[len(stem) :]}", lead + shape)
        if label == "money":
            yield from ranges(vocab, scale, modifier, currency_other, sign)
    yield from percent_ranges(vocab)
    yield entry("money", "money-scale-plus", [{"ORTH": {"IN": SCALE_PLUS_SIGNS}, "OP": "?"}, NUMBER, SCALE_PLUS])


def ranges(vocab: Vocabulary, scale: Token, modifier: Token, currency: Token, sign: Token) -> Iterator[dict]:
    """ "1.5 to 2 billion dlrs", "$1-2 billion", "between $1bn and $1.5bn"."""
    joiners: Token = {"LOWER": words_in(vocab.joiners)}
    bare_joiners: Token = {"LOWER": words_in(vocab.bare_joiners)}
    optional_scale: Token = {"LOWER": words_in(vocab.scales), "OP": "?"}
    optional_sign: Token = {**sign, "OP": "?"}
    noscale = [NOT_A_YEAR, bare_joiners, NUMBERS, SPACES, modifier, modifier, currency]
    yield entry("money", "money-range-num-cur", [NOT_A_YEAR, joiners, NUMBERS, SPACES, scale, SPACES] + noscale[4:])
    yield entry("money", "money-range-num-noscale-cur", noscale)
    per_share = list(_per_share_tail(vocab))
    yield entry("money", "money-range-num-noscale-cur-per-share", noscale + per_share)
    yield entry(
        "money", "money-range-sym", [sign, NUMBERS, optional_scale, bare_joiners, optional_sign, NUMBERS, scale]
    )
    yield entry("money", "money-range-sym-att", [sign, NUMBER_SCALE, bare_joiners, optional_sign, NUMBER_SCALE])
    for opener, joiner in vocab.openers:
        first, then = {"LOWER": opener}, {"LOWER": joiner}
        yield entry(
            "money",
            f"money-{opener}-sym",
            [first, sign, NUMBERS, optional_scale, then, sign, NUMBERS, optional_scale],
        )
        yield entry("money", f"money-{opener}-sym-att", [first, sign, NUMBER_SCALE, then, sign, NUMBER_SCALE])
        yield entry(
            "money",
            f"money-{opener}-cur",
            [first, NUMBERS, optional_scale, then, NUMBERS, SPACES, scale, SPACES, modifier, modifier, currency],
        )


def _per_share_tail(vocab: Vocabulary) -> Iterator[Token]:
    yield from (SPACES, DASH, {"LOWER": words_in(vocab.per_share_lead)}, SPACES, DASH)
    yield from ({"LOWER": words_in(vocab.per_share_between), "OP": "?"}, SPACES, DASH)
    yield {"LOWER": words_in(vocab.per_share_nouns)}


def percent_ranges(vocab: Vocabulary) -> Iterator[dict]:
    """ "5 to 10 pct", "5-10 per cent", "between 5 and 10 pct", "two-thirds"."""
    units: Token = {"LOWER": words_in(vocab.percent_units)}
    joiners: Token = {"LOWER": words_in(vocab.joiners)}
    yield entry("percent", "percent-range", [NOT_A_YEAR, joiners, NUMBERS, SPACES, units])
    yield entry("percent", "percent-range-per-cent", [NOT_A_YEAR, joiners, NUMBERS, SPACES] + PER_CENT)
    for opener, joiner in vocab.openers:
        yield entry(
            "percent", f"percent-{opener}", [{"LOWER": opener}, NUMBERS, {"LOWER": joiner}, NUMBERS, SPACES, units]
        )
    for name, counts, fractions in FRACTION_PERCENTS:
        yield entry("percent", name, [{"LOWER": words_in(counts)}, DASH, {"LOWER": words_in(fractions)}])


PER_CENT: Pattern = [{"LOWER": "per"}, {"LOWER": "cent"}]


def entry(label: str, pattern_id: str, pattern: Pattern) -> dict[str, Any]:
    return {"label": label.upper(), "pattern": pattern, "id": pattern_id}


def build(directory: Union[str, Path, None] = None) -> list[dict[str, Any]]:
    """The patterns built from the money.yml of ``directory`` (the shipped one when it
    has none, or by default)."""
    path = pattern_path(MONEY_FILE, directory)
    with open(path, encoding="utf8") as handle:
        raw = yaml.safe_load(handle)
    return list(patterns(Vocabulary(build_money_tables(raw, source=str(path)), raw)))


def jsonl(rows: Iterable[dict[str, Any]]) -> str:
    """The lines of ``patterns/entities.jsonl`` (non-ASCII characters escaped)."""
    return "".join(json.dumps(row) + "\n" for row in rows)


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patterns-dir", default=None, help="folder of the money.yml to read (default: the bundled)")
    args = parser.parse_args(argv)
    sys.stdout.write(jsonl(build(args.patterns_dir)))


if __name__ == "__main__":
    main()
