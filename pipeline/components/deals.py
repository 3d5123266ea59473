"""Deal relations: who buys, invests in, merges with or sells whom, for how much.

The component is a thin wrapper: the rules are pure functions over a parsed Doc in
:mod:`pipeline.relations` (``extract_deals``), their data the trigger lexicon in
``patterns/`` (:class:`pipeline.relations.lexicon.Lexicon`), read and checked when the
pipeline is built.
"""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..patterns import PatternFilesMixin
from ..relations import group_members
from ..relations.engine import extract_deals
from ..relations.lexicon import Lexicon
from . import docdata  # noqa: F401  (declares doc._.deals, doc._.doc_date)


@Language.factory(
    "spacy_deals_deal_relations",
    default_config={"patterns_dir": None, "min_confidence": 0.0},
    assigns=["doc._.deals"],
    requires=["doc.ents", "token.dep", "token.lemma", "span._.money"],
)
def make_deal_relations(
    nlp: Language, name: str, *, patterns_dir: Optional[str], min_confidence: float
) -> DealRelations:
    return DealRelations(nlp, name, patterns_dir=patterns_dir, min_confidence=min_confidence)


class DealRelations(PatternFilesMixin):
    """Find deals in a parsed Doc and store them as ``doc._.deals``."""

    pattern_files = ("triggers.yml", "deal_relations.json")

    def __init__(
        self,
        nlp: Language,
        name: str = "spacy_deals_deal_relations",
        *,
        patterns_dir: Optional[str] = None,
        min_confidence: float = 0.0,
    ):
        self.name = name
        self.vocab = nlp.vocab
        self.min_confidence = min_confidence
        self.patterns_dir = patterns_dir
        self.load_patterns(patterns_dir)

    def load_patterns(self, patterns_dir) -> None:
        self.lexicon = Lexicon(self.vocab, patterns_dir)

    @property
    def matcher(self):
        """The dependency matcher of the lexicon's relations."""
        return self.lexicon.matcher

    def __call__(self, doc: Doc) -> Doc:
        deals = extract_deals(doc, self.lexicon)
        deals = group_members.add_members(doc, deals, self.lexicon)
        doc._.deals = [deal for deal in deals if deal.confidence >= self.min_confidence]
        return doc
