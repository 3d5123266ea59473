"""Argument names the parser attached to another word: a conjunct joined to the noun
above ("acquisitions of X and privately-held Y"), an object of a second verb ("to
acquire X and privately held Y"), a subject hung on a ticker."""

from __future__ import annotations

from spacy.tokens import Token

from . import common, context
from .common import PARTY_LABELS

# Adverbs of a "held" that describes a company ("privately held Y").
HELD_ADVERBS = frozenset({"privately", "publicly", "closely", "wholly", "family"})


def stray_conjuncts(ctx, token: Token) -> list[Token]:
    """Names joined to an argument that the parser joined elsewhere: "acquisitions of X
    and privately-held Y" (Y joined to the noun, not to X), "to acquire X and privately
    held Y" ("held" read as a second verb with Y its object)."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        noun = token.head.head
        return [
            c
            for c in noun.children
            if c.dep_ == "conj"
            and c.i > token.i
            and c.pos_ == "PROPN"
            and (ent := context.ent_of(ctx, c)) is not None
            and ent.label_ == "ORG"
            and ent.root.i == c.i
        ]
    if token.dep_ == "dobj":
        return [
            obj
            for verb in token.head.children
            if verb.dep_ == "conj"
            and verb.i > token.i
            and verb.lower_ == "held"
            and any(c.dep_ == "advmod" and c.lower_ in HELD_ADVERBS for c in verb.children)
            for obj in verb.children
            if obj.dep_ == "dobj" and (ent := context.ent_of(ctx, obj)) is not None and ent.label_ == "ORG"
        ]
    return []


def subject_under_ticker(ctx, token: Token) -> Token:
    """ "A Ltd <AL.T> and <B Ltd>, both units of C KK <CK.T>, are weighing a merger": the
    parser made the last ticker the subject and hung the names before it on the ticker;
    the name the ticker follows (C) holds a place of its own. The subject is the name
    hung on the ticker (and those joined to it)."""
    if not common.bracketed(token) or token.dep_ not in ("nsubj", "nsubjpass") or token.i < 2:
        return token
    before = context.ent_of(ctx, token.doc[token.i - 2])
    if before is None or before.end != token.i - 1 or before.root.head.i == token.i:
        return token
    for child in token.children:
        ent = context.ent_of(ctx, child)
        if (
            child.i < token.i
            and child.dep_ in ("nmod", "compound", "dep")
            and ent is not None
            and ent.root.i == child.i
            and ent.label_ in PARTY_LABELS
        ):
            return child
    return token
