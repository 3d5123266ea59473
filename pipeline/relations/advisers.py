"""The client of an adviser, whom a pronoun in the matter of the advice stands for
("X is advising Y on its merger": its = Y, not X)."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from . import context
from .common import PARTY_LABELS
from .non_parties import non_party

# Verbs and nouns of advice: "X is advising Y on its merger", "X, adviser to Y on its
# sale": the possessive stands for the one advised, not the adviser.
ADVICE_VERBS = frozenset({"advise", "counsel", "represent", "guide", "assist"})
ADVISER_NOUNS = frozenset({"adviser", "advisor", "counsel", "banker", "bankers", "lawyer", "lawyers"})


def advised_party(ctx, below: Token, node: Token) -> Optional[Span]:
    """The client of an adviser, which a pronoun in the matter of the advice stands for:
    the object of "advise"/"represent" ("X is advising Y on its merger with Z"), or the
    organisation after "adviser to" ("X, acting as adviser to Y in its sale")."""
    client = None
    lemma = node.lemma_.lower()
    if node.pos_ in ("VERB", "AUX") and lemma in ADVICE_VERBS:
        if below.dep_ not in ("dobj", "nsubj", "nsubjpass"):
            client = next((c for c in node.children if c.dep_ == "dobj"), None)
    else:
        # "acting as financial adviser to Y on its sale": the "to" of the adviser noun
        if lemma in ADVISER_NOUNS and node.pos_ == "NOUN":
            nouns = [node]
        elif node.pos_ in ("VERB", "AUX"):
            nouns = [
                pobj
                for prep in node.children
                if prep.dep_ == "prep" and prep.lower_ == "as" and prep.i != below.i
                for pobj in prep.children
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in ADVISER_NOUNS
            ]
        else:
            return None
        client = next(
            (
                pobj
                for noun in nouns
                for prep in noun.children
                if prep.dep_ == "prep" and prep.lower_ == "to" and prep.i != below.i
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ),
            None,
        )
    if client is None:
        return None
    ent = context.ent_of(ctx, client)
    if ent is not None and ent.label_ in PARTY_LABELS and not non_party(ctx, ent):
        return ent
    return None
