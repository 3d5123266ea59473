"""Faster drop-in versions of spaCy components (attribute ruler, lemmatizer) and spaCy internals we extend."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language


def swap_components(
    nlp: Language,
    wanted: Callable[[Any], bool],
    factory: str,
    settings: Callable[[Any], dict[str, Any]],
    carry_over: Callable[[Any, Any], None],
    rename: tuple[str, str],
) -> list[str]:
    """Put a component made by ``factory`` (with the settings ``settings(old)``) in the place
    of each pipe of ``nlp`` that ``wanted(pipe)`` picks, with ``nlp.replace_pipe``, and let
    ``carry_over(old, new)`` copy what it holds (patterns, tables); a pipe named
    ``rename[0]`` takes the name ``rename[1]`` when that name is free. Returns the names of
    the new pipes."""
    names = []
    for name, pipe in list(nlp.pipeline):
        if not wanted(pipe):
            continue
        new = nlp.replace_pipe(name, factory, config=settings(pipe))
        carry_over(pipe, new)
        if name == rename[0] and rename[1] not in nlp.pipe_names:
            nlp.rename_pipe(name, rename[1])
            name = rename[1]
        names.append(name)
    return names
