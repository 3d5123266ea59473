"""A faster batch path for the base model's ``lemmatizer``, with the same lemmas.

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
microseconds a word. A test checks that the lemmas are spaCy's.

:func:`speed_up_lemmatizers` installs it as the ``pipe`` of the lemmatizer instance,
which is what ``nlp.pipe`` calls; ``nlp(text)`` still goes through spaCy's
``__call__``. Nothing else about the lemmatizer changes (tables, ``to_disk``, scoring).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors, Warnings
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

# Distinct (word, POS, morphology) whose lemma is remembered at most (then forgotten all
# at once, with the lemmatizer's own cache): the key holds the word, so an unbounded
# table would grow with the input.
MAX_CACHE = 20_000
# Modes in which a lemma is a function of the token's word, POS and morphology alone.
MODES = ("rule", "lookup", "pos_lookup")


def speed_up_lemmatizers(nlp: Language) -> None:
    """Give every ``Lemmatizer`` pipe of ``nlp`` in one of :data:`MODES` a :class:`FastLemmas`."""
    for _, pipe in nlp.pipeline:
        if (
            isinstance(pipe, Lemmatizer)
            and pipe.mode in MODES
            and not isinstance(pipe.__dict__.get("pipe"), FastLemmas)
        ):
            pipe.pipe = FastLemmas(pipe)


class FastLemmas:
    """``Lemmatizer.pipe`` for ``lemmatizer``, computed faster (see the module docstring)."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], str] = {}
        self.index: dict[str, frozenset[str]] = {}  # part of speech -> the lemma_index words
        self.lookups = None  # the lemmatizer's tables the two above were made from (not read
        # here: when unpickled, the lemmatizer is not yet restored)

    def __reduce__(self):  # pickled with its lemmatizer (worker processes): rebuilt there
        return (FastLemmas, (self.lemmatizer,))

    def __call__(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        lemmatizer = self.lemmatizer
        error_handler = lemmatizer.get_error_handler()
        for doc in stream:
            try:
                doc = self.lemmatize(doc)
                yield doc
            except Exception as e:
                error_handler(lemmatizer.name, lemmatizer, [doc], e)

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
