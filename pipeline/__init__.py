"""spacy-deals: extract deals and people's roles from business news with spaCy.

    import pipeline
    nlp = pipeline.load()
    doc = nlp("Meta Platforms plans to invest about $15 billion in Scale AI.")
    doc._.deals, doc._.roles
    tables = pipeline.extract(["...text...", {"id": "a1", "text": "..."}])
    tables.deals

The names below are imported on first use, so that ``import pipeline`` (and the command
line's ``--help``) stays fast and settings made before the first use (thread counts for
worker processes) take effect.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> (module, attribute)
_PUBLIC = {
    "load": ("loader", "load"),
    "extract": ("batch", "extract"),
    "parse_money": ("money.parsing", "parse_money"),
    "Tables": ("tables", "Tables"),
}

__all__ = ["Tables", "__version__", "extract", "load", "parse_money"]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        module, attribute = _PUBLIC[name]
        value = getattr(importlib.import_module(f".{module}", __name__), attribute)
        globals()[name] = value
        return value
    try:
        return importlib.import_module(f".{name}", __name__)
    except ModuleNotFoundError:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}") from None


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))
