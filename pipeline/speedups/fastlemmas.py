"""The base model's English lemmatizer, setting the same lemmas faster.

spaCy's ``Lemmatizer`` walks the tokens of a Doc as Token objects and sets
``token.lemma_`` one at a time: about 13 microseconds a token on newswire, some 7 % of
the model's time. In its "rule", "lookup" and "pos_lookup" modes a lemma depends only on
the token's word, part of speech and morphology (the rule mode's own cache is keyed by
them). :class:`FastLemmas` reads those columns with ``Doc.to_array``, takes the lemma of
each distinct (word, POS, morphology) from a bounded table, filled by the lemmatizer's
own ``lemmatize`` on a miss, and writes the LEMMA column back at once. Tokens that
already have a lemma (from the attribute ruler) keep it, unless the lemmatizer
overwrites, as spaCy's does.

A miss in the rule mode is computed by :meth:`FastLemmas.rule_lemma`, spaCy's
``rule_lemmatize`` step for step except that it looks candidate forms up in sets: spaCy
looks them up in the lists of its ``lemma_index`` table (57,528 nouns), about 100
microseconds a word. The steps are those of spaCy 3.8.8 and later (3.8.8 put the forms
found in the index first), hence the floor ``spacy>=3.8.8`` in pyproject.toml; a test
checks that the lemmas are spaCy's.

:class:`FastLemmatizer` is an ``EnglishLemmatizer`` whose ``__call__`` (which ``nlp(text)``
and, through ``Pipe.pipe``, ``nlp.pipe`` both run) is that: a component of its own
(factory :data:`FACTORY`, registered through the package's ``spacy_factories`` entry
point), shown in ``nlp.pipe_names`` and ``config.cfg`` and kept by ``nlp.to_disk`` ->
``spacy.load``. Its tables, serialisation and scoring are the ``Lemmatizer``'s; in a mode
other than :data:`MODES` it is spaCy's. :func:`install` puts it in the place of a
pipeline's English lemmatizer with ``nlp.replace_pipe``, carrying the lookups over.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any, Optional

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors, Warnings
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.pipeline.lemmatizer import lemmatizer_score
from spacy.tokens import Doc, Token
from thinc.api import Model

from . import swap_components

# The factory, and the name the component takes in a pipeline.
FACTORY = "spacy_deals_fast_lemmatizer"
# spaCy's factory of the component it replaces, and that component's name in a pipeline.
SPACY_NAME = "lemmatizer"
# Distinct (word, POS, morphology) whose lemma is remembered at most (then forgotten all
# at once, with the lemmatizer's own cache): the key holds the word, so an unbounded
# table would grow with the input.
MAX_CACHE = 20_000
# Modes in which a lemma is a function of the token's word, POS and morphology alone.
MODES = ("rule", "lookup", "pos_lookup")


@Language.factory(
    FACTORY,
    assigns=["token.lemma"],
    default_config={
        "model": None,
        "mode": "rule",
        "overwrite": False,
        "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"},
    },
    default_score_weights={"lemma_acc": 1.0},
)
def make_fast_lemmatizer(
    nlp: Language, model: Optional[Model], name: str, mode: str, overwrite: bool, scorer: Optional[Callable]
) -> FastLemmatizer:
    """Create a :class:`FastLemmatizer` (the settings are the ``Lemmatizer``'s)."""
    return FastLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


class FastLemmatizer(EnglishLemmatizer):
    """An ``EnglishLemmatizer`` that sets the same lemmas faster (see the module docstring)."""

    def __init__(
        self,
        vocab,
        model: Optional[Model] = None,
        name: str = FACTORY,
        *,
        mode: str = "rule",
        overwrite: bool = False,
        scorer: Optional[Callable] = lemmatizer_score,
    ):
        super().__init__(vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)
        self.fast_lemmas = FastLemmas(self)

    def __call__(self, doc: Doc) -> Doc:
        if self.mode not in MODES:
            return super().__call__(doc)
        error_handler = self.get_error_handler()
        try:
            return self.fast_lemmas.lemmatize(doc)
        except Exception as e:
            error_handler(self.name, self, [doc], e)


def install(nlp: Language) -> list[str]:
    """Replace each ``EnglishLemmatizer`` of ``nlp`` (that class exactly: a subclass may
    lemmatize otherwise) in one of :data:`MODES` with a :class:`FastLemmatizer` holding the
    same lookups, at the same place; "lemmatizer" is renamed :data:`FACTORY`. Returns the
    new names."""
    return swap_components(
        nlp,
        lambda pipe: type(pipe) is EnglishLemmatizer and pipe.mode in MODES,
        FACTORY,
        _settings,
        _copy_lookups,
        (SPACY_NAME, FACTORY),
    )


def restore(nlp: Language) -> list[str]:
    """Put spaCy's own English lemmatizer back in the place of each :class:`FastLemmatizer`
    of ``nlp``, with the same lookups; :data:`FACTORY` is renamed "lemmatizer"
    (``pipeline.load(fast=False)`` of a saved pipeline). Returns the names."""
    return swap_components(
        nlp, lambda pipe: isinstance(pipe, FastLemmatizer), SPACY_NAME, _settings, _copy_lookups, (FACTORY, SPACY_NAME)
    )


def _settings(lemmatizer: Lemmatizer) -> dict[str, Any]:
    return {"mode": lemmatizer.mode, "overwrite": lemmatizer.overwrite}


def _copy_lookups(old: Lemmatizer, new: Lemmatizer) -> None:
    new.lookups = old.lookups
    if old._validated:  # tables loaded (from disk, or by initialize)
        new._validate_tables(Errors.E1004)


class FastLemmas:
    """The lemmas ``lemmatizer`` sets, computed faster (see the module docstring)."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], str] = {}
        self.index: dict[str, frozenset[str]] = {}  # part of speech -> the lemma_index words
        self.lookups = None  # the lemmatizer's tables the two above were made from (not read
        # here: when unpickled, the lemmatizer is not yet restored)

    def __reduce__(self):  # pickled with its lemmatizer (worker processes): rebuilt there
        return (FastLemmas, (self.lemmatizer,))

    def lemmatize(self, doc: Doc) -> Doc:
        """Set the lemmas of ``doc`` as the lemmatizer's ``__call__`` does."""
        lemmatizer = self.lemmatizer
        if not getattr(lemmatizer, "_validated", True):
            lemmatizer._validate_tables(Errors.E1004)
        if self.lookups is not lemmatizer.lookups:  # first use, or tables replaced (initialize)
            self.cache.clear()
            self.index.clear()
            self.lookups = lemmatizer.lookups
        if not len(doc):
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3:4].copy()
        overwrite = lemmatizer.overwrite
        cache = self.cache
        strings = doc.vocab.strings
        in_doc: dict[tuple[int, int, int], int] = {}  # key -> lemma hash, added to this doc's strings
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = in_doc.get(key)
            if value is None:
                text = cache.get(key)
                if text is None:
                    if len(cache) >= MAX_CACHE:
                        cache.clear()
                        lemmatizer.cache.clear()
                    text = cache[key] = self.lemma(doc[i])
                value = in_doc[key] = strings.add(text)
            lemmas[i, 0] = value
        doc.from_array([LEMMA], lemmas)
        return doc

    def lemma(self, token: Token) -> str:
        """The lemma the lemmatizer gives ``token`` (spaCy's rule_lemmatize as
        :meth:`rule_lemma`, unless a subclass changed it)."""
        lemmatizer = self.lemmatizer
        if lemmatizer.mode == "rule" and type(lemmatizer).rule_lemmatize is Lemmatizer.rule_lemmatize:
            return self.rule_lemma(token)
        return lemmatizer.lemmatize(token)[0]

    def rule_lemma(self, token: Token) -> str:
        """The first form of spaCy's ``Lemmatizer.rule_lemmatize(token)`` (the same steps,
        with the lemma index as sets)."""
        lemmatizer = self.lemmatizer
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            if univ_pos == "":
                warnings.warn(Warnings.W108)
            return string.lower()
        if lemmatizer.is_base_form(token):
            return string.lower()
        lookups = lemmatizer.lookups
        index_table = lookups.get_table("lemma_index", {})
        exc_table = lookups.get_table("lemma_exc", {})
        rules_table = lookups.get_table("lemma_rules", {})
        if not any((index_table.get(univ_pos), exc_table.get(univ_pos), rules_table.get(univ_pos))):
            return string if univ_pos == "propn" else string.lower()
        index = self.index.get(univ_pos)
        if index is None:
            index = self.index[univ_pos] = frozenset(index_table.get(univ_pos, {}))
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, {})
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        return forms[0]
