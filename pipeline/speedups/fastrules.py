"""The base model's attribute ruler, with a faster ``match`` and the same results.

spaCy's ``AttributeRuler`` runs all its rules through one ``Matcher`` (179 rules in
``en_core_web_sm``), which costs about a tenth of the whole model's time on newswire
(about 14 microseconds a token). Nearly all of the rules look at a single token and
compare its tag, word forms or dependency label with fixed strings ("TAG": "NNP" -> POS
PROPN; "TAG": "PRP", "LOWER": "it" -> PronType=Prs ...): :class:`FastRuleMatch` decides
those once per distinct (tag, lower-case form, text, dependency label, is-space) of a
token and remembers the answer (``tokentests.TokenRules``), and runs only the other
rules (several tokens) through a ``Matcher``, and only when the document holds the
words (or tags, labels) they require. It returns the same list of matches as
``AttributeRuler.match``, sorted the same way, so the ruler's own
``set_annotations`` sets exactly the same attributes.

:class:`FastAttributeRuler` is an ``AttributeRuler`` whose ``match`` is that: a
component of its own (factory :data:`FACTORY`, registered through the package's
``spacy_factories`` entry point), so that it shows in ``nlp.pipe_names`` and
``config.cfg`` and comes back from ``nlp.to_disk`` -> ``spacy.load``. Its patterns,
serialisation and scoring are the ``AttributeRuler``'s. :func:`install` puts it in the
place of a pipeline's attribute ruler with ``nlp.replace_pipe``, carrying the patterns
over. When rules are added to the ruler or cleared afterwards, the tables are rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Optional

from spacy.attrs import DEP, LOWER, ORTH, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.pipeline.attributeruler import attribute_ruler_score
from spacy.strings import get_string_id

from . import swap_components
from .tokentests import TokenRules, token_tests

# The factory, and the name the component takes in a pipeline.
FACTORY = "spacy_deals_fast_attribute_ruler"
# spaCy's factory of the component it replaces, and that component's name in a pipeline.
SPACY_NAME = "attribute_ruler"
# Keys a required-word test of a several-token rule may use.
_WORD_COLUMNS = {"LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "TAG": TAG, "DEP": DEP}


@Language.factory(
    FACTORY,
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_fast_attribute_ruler(
    nlp: Language, name: str, validate: bool, scorer: Optional[Callable]
) -> FastAttributeRuler:
    """Create a :class:`FastAttributeRuler` (the settings are ``AttributeRuler``'s)."""
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


class FastAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` that matches its rules faster, with the same matches (see the
    module docstring)."""

    def __init__(self, vocab, name: str = FACTORY, *, validate: bool = False, scorer=attribute_ruler_score):
        super().__init__(vocab, name, validate=validate, scorer=scorer)
        self.fast_match = FastRuleMatch(self)

    def match(self, doc) -> list[tuple[int, int, int, int]]:
        return self.fast_match(doc)


def install(nlp: Language) -> list[str]:
    """Replace each plain ``AttributeRuler`` of ``nlp`` (not a subclass: its ``match`` may
    differ) with a :class:`FastAttributeRuler` holding the same patterns, at the same
    place; "attribute_ruler" is renamed :data:`FACTORY`. Returns the new names."""
    return swap_components(
        nlp, lambda pipe: type(pipe) is AttributeRuler, FACTORY, _settings, _copy_patterns, (SPACY_NAME, FACTORY)
    )


def restore(nlp: Language) -> list[str]:
    """Put spaCy's own ``AttributeRuler`` back in the place of each :class:`FastAttributeRuler`
    of ``nlp``, with the same patterns; :data:`FACTORY` is renamed "attribute_ruler"
    (``pipeline.load(fast=False)`` of a saved pipeline). Returns the names."""
    return swap_components(
        nlp,
        lambda pipe: isinstance(pipe, FastAttributeRuler),
        SPACY_NAME,
        _settings,
        _copy_patterns,
        (FACTORY, SPACY_NAME),
    )


def _settings(ruler: AttributeRuler) -> dict[str, Any]:
    return {"validate": ruler.validate}


def _copy_patterns(old: AttributeRuler, new: AttributeRuler) -> None:
    new.add_patterns(old.patterns)


class FastRuleMatch:
    """``AttributeRuler.match`` for ``ruler``, computed faster (see the module docstring)."""

    def __init__(self, ruler: AttributeRuler):
        self.ruler = ruler
        self.signature: Optional[tuple] = None

    def __reduce__(self):  # pickled with its ruler (worker processes): rebuilt there
        return (FastRuleMatch, (self.ruler,))

    def __call__(self, doc) -> list[tuple[int, int, int, int]]:
        if self.signature != self._signature():
            self._build()
        # rule -> positions of the tokens it matched, in order (once per matching pattern)
        positions: dict[int, list[int]] = {}
        if self.token_rules and len(doc):
            for i, rules in enumerate(self.tokens(doc)):
                for rule in rules:
                    positions.setdefault(rule, []).append(i)
        matches = [(rule, self.match_ids[rule], i, i + 1) for rule in sorted(positions) for i in positions[rule]]
        others = self._others(doc)
        if others:
            strings = self.ruler.vocab.strings
            matches.extend(
                (int(strings[match_id]), match_id, start, end)
                for match_id, start, end in others(doc, allow_missing=True, as_spans=False)
            )
            matches.sort()
        return matches

    def _signature(self) -> tuple:
        ruler = self.ruler
        return (id(ruler.matcher), len(ruler.matcher), len(ruler.attrs))

    def _build(self) -> None:
        ruler = self.ruler
        vocab = ruler.vocab
        # one-token rules: (rule, [tests of each pattern]); a test is (column, predicate)
        self.token_rules: list[tuple[int, list[list[tuple[int, Any]]]]] = []
        self.other_rules: list[tuple[str, list, int]] = []  # (key, patterns, required-words mask)
        self.match_ids: dict[int, int] = {}
        words: dict[tuple[int, frozenset[int]], int] = {}  # (column, accepted hashes) -> bit
        for rule in range(len(ruler.attrs)):
            key = str(rule)
            self.match_ids[rule] = vocab.strings.add(key)
            _, patterns = ruler.matcher.get(key)
            tests = [token_tests(pattern[0]) if len(pattern) == 1 else None for pattern in patterns]
            if tests and all(test is not None for test in tests):
                self.token_rules.append((rule, tests))
            else:
                # a rule runs only on documents holding a word every one of its patterns needs
                needs = [_required_words(pattern, words) for pattern in patterns]
                common = needs[0]
                for need in needs[1:]:
                    common &= need
                self.other_rules.append((key, patterns, common))
        self.words = sorted(words.items(), key=lambda item: item[1])
        self.word_columns = sorted({column for column, _ in words})
        # once per matching pattern, as the Matcher reports them
        self.tokens = TokenRules([(rule, test) for rule, tests in self.token_rules for test in tests], vocab.strings)
        self.others_by_mask: dict[int, Optional[Matcher]] = {}
        self.signature = self._signature()

    def _others(self, doc) -> Optional[Matcher]:
        """A Matcher of the several-token rules whose required words ``doc`` has."""
        if not self.other_rules:
            return None
        mask = 0
        if self.words and len(doc):
            present = dict(zip(self.word_columns, map(set, doc.to_array(self.word_columns).T.tolist())))
            for (column, values), bit in self.words:
                if not values.isdisjoint(present[column]):
                    mask |= 1 << bit
        if mask not in self.others_by_mask:
            matcher = Matcher(self.ruler.vocab, validate=False)
            for key, patterns, need in self.other_rules:
                if need & mask == need:
                    matcher.add(key, patterns)
            self.others_by_mask[mask] = matcher if len(matcher) else None
        return self.others_by_mask[mask]


def _required_words(pattern: list[dict[str, Any]], words: dict[tuple[int, frozenset[int]], int]) -> int:
    """Bit mask of the word tests a pattern needs: for each token pattern with no optional
    quantifier, its LOWER/ORTH/TEXT/TAG/DEP values asked for with a string or "IN" a list
    of strings (some token of the document must have one of them)."""
    mask = 0
    for token in pattern:
        if token.get("OP") not in (None, "1", "+"):
            continue
        for name, value in token.items():
            column = _WORD_COLUMNS.get(name.upper()) if isinstance(name, str) else None
            if column is None:
                continue
            if isinstance(value, str):
                values = frozenset({get_string_id(value)})
            elif (
                isinstance(value, dict)
                and list(value) == ["IN"]
                and isinstance(value["IN"], list)
                and all(isinstance(v, str) for v in value["IN"])
            ):
                values = frozenset(get_string_id(v) for v in value["IN"])
            else:
                continue
            mask |= 1 << words.setdefault((column, values), len(words))
    return mask
