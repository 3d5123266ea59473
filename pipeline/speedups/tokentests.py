"""One-token patterns decided per distinct token instead of per token.

A ``Matcher`` evaluates every predicate of every pattern at every token. Many patterns
(the base model's attribute rules, the nodes of dependency patterns) look at one token
only and compare a few of its attributes with fixed values ({"TAG": "NNP"},
{"DEP": "prep", "LOWER": {"IN": ["in", "into"]}}, {"POS": "VERB"}). Whether such a
pattern matches depends only on the token's values in those columns, and in text the
same values come back again and again. :func:`token_tests` reads such a pattern into
tests on the columns of ``Doc.to_array``, and :class:`TokenRules` decides, for each
token of a Doc, which rules it matches: it remembers the answer per distinct column
values (bounded: the key holds the word) and tests a new token only against the rules
whose equality test it meets (a token with DEP "nsubj" is not tested against
{"DEP": "pobj"}). The answers are the Matcher's: a value compares equal (a hash of the
same string), is or is not in a list, or a regular expression finds something in the
value's string.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Optional

import numpy
from spacy.attrs import DEP, ENT_TYPE, IS_SPACE, LEMMA, LOWER, NORM, ORTH, POS, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc

# Distinct (column values) whose rules are remembered at most (then forgotten all at
# once): the key holds the word, so an unbounded cache would grow with the input.
# 20,000 entries take about 6 MB and hold the common words of newswire.
MAX_CACHE = 20_000
# Token-pattern keys (upper-cased) a one-token test may read, and the Doc column read.
COLUMNS = {
    "TAG": TAG,
    "POS": POS,
    "LOWER": LOWER,
    "ORTH": ORTH,
    "TEXT": ORTH,
    "NORM": NORM,
    "LEMMA": LEMMA,
    "DEP": DEP,
    "ENT_TYPE": ENT_TYPE,
    "IS_SPACE": IS_SPACE,
}
# Keys whose values are booleans (the column holds 0 or 1); the others hold string hashes.
FLAG_KEYS = ("IS_SPACE",)

# A test: (column, predicate); a predicate takes the column's value and the StringStore.
Test = tuple[int, Callable[[int, Any], bool]]


def token_tests(token: dict[str, Any]) -> Optional[list[Test]]:
    """The tests of one token pattern that only compares the keys of :data:`COLUMNS`
    with a string ("IN"/"NOT_IN" a list of strings, "REGEX" a pattern; a boolean for
    IS_SPACE); None for any other token pattern (an operator, an extension attribute,
    a number comparison...)."""
    tests: list[Test] = []
    for name, value in token.items():
        name = name.upper() if isinstance(name, str) else name
        column = COLUMNS.get(name)
        if column is None:
            return None
        if name in FLAG_KEYS:
            if not isinstance(value, bool):
                return None
            tests.append((column, Equals(frozenset({int(value)}), True)))
        elif isinstance(value, str):
            tests.append((column, Equals(frozenset({get_string_id(value)}), True)))
        elif isinstance(value, dict) and len(value) == 1:
            ((op, operand),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(operand, list) and all(isinstance(v, str) for v in operand):
                tests.append((column, Equals(frozenset(get_string_id(v) for v in operand), op == "IN")))
            elif op == "REGEX" and isinstance(operand, str):
                tests.append((column, Search(re.compile(operand))))
            else:
                return None
        else:
            return None
    return tests


def passes(tests: list[Test], values: dict[int, int], strings) -> bool:
    """Whether a token with these column values passes all ``tests``."""
    return all(predicate(values[column], strings) for column, predicate in tests)


class Equals:
    """The value is (or, with ``inside`` False, is not) one of ``hashes``."""

    def __init__(self, hashes: frozenset[int], inside: bool):
        self.hashes = hashes
        self.inside = inside

    def __call__(self, value: int, strings) -> bool:
        return (value in self.hashes) == self.inside


class Search:
    """The string of the value matches the regular expression (as the Matcher's REGEX)."""

    def __init__(self, regex: re.Pattern):
        self.regex = regex

    def __call__(self, value: int, strings) -> bool:
        return bool(self.regex.search(strings[value]))


class TokenRules:
    """For each token of a Doc, the rules of ``entries`` ((rule, tests), in order; a rule
    may have several entries, one per pattern) whose tests it passes, as a list in entry
    order. Decided once per distinct values of the columns the tests read, for at most
    ``max_cache`` (default :data:`MAX_CACHE`) distinct values at a time; and then only
    for the entries whose most selective equality test the token passes (each entry is
    filed under the values that test accepts), besides the entries without one."""

    def __init__(self, entries: list[tuple[Any, list[Test]]], strings, max_cache: Optional[int] = None):
        self.entries = entries
        self.strings = strings
        self.columns = sorted({column for _, tests in entries for column, _ in tests}) or [ORTH]
        self.max_cache = MAX_CACHE if max_cache is None else max_cache
        self.cache: dict[tuple[int, ...], list[Any]] = {}
        self.filed: dict[int, dict[int, list[int]]] = {}  # column -> value -> entry numbers
        self.unfiled: list[int] = []
        for number, (_, tests) in enumerate(entries):
            equal = [
                (len(test.hashes), column, test) for column, test in tests if isinstance(test, Equals) and test.inside
            ]
            if not equal:
                self.unfiled.append(number)
                continue
            _, column, test = min(equal, key=lambda item: item[:2])
            for value in test.hashes:
                self.filed.setdefault(column, {}).setdefault(value, []).append(number)

    def __call__(self, doc: Doc) -> list[list[Any]]:
        if not len(doc):
            return []
        cache = self.cache
        found = []
        for key in zip(*doc.to_array(self.columns).reshape(len(doc), -1).T.tolist()):
            rules = cache.get(key)
            if rules is None:
                if len(cache) >= self.max_cache:  # forget all at once
                    cache.clear()
                rules = cache[key] = self._passed(dict(zip(self.columns, key)))
            found.append(rules)
        return found

    def _passed(self, values: dict[int, int]) -> list[Any]:
        numbers = self.unfiled + [
            number for column, filed in self.filed.items() for number in filed.get(values[column], ())
        ]
        entries = self.entries
        return [entries[number][0] for number in sorted(numbers) if passes(entries[number][1], values, self.strings)]


def token_indices(doc: Doc, attr: int, hashes: list[int]) -> list[int]:
    """The indices of the tokens whose ``attr`` (ORTH, LOWER) is one of ``hashes``
    (read from the Doc's array: no Token objects for the others)."""
    if not len(doc) or not hashes:
        return []
    values = doc.to_array(attr)
    return numpy.flatnonzero(numpy.isin(values, numpy.array(hashes, dtype=values.dtype))).tolist()
