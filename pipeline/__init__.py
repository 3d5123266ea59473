"""spacy-deals: extract deals and people's roles from business news with spaCy.

    import pipeline
    nlp = pipeline.load()
    doc = nlp("Meta Platforms plans to invest about $15 billion in Scale AI.")
    doc._.deals, doc._.roles
    tables = pipeline.extract(["...text...", {"id": "a1", "text": "..."}])
    tables.deals
"""

from __future__ import annotations

__version__ = "0.1.0"

from .components.money import parse_money
from .batch import extract
from .loader import load
from .tables import Tables

__all__ = ["Tables", "__version__", "extract", "load", "parse_money"]
