"""Walks from a figure (an amount, a percentage, a date) up the parse to the trigger it
belongs to, and what lies on the way."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from .common import MAX_MONEY_HOPS, PRICE_WORDS, SUBJECT_DEPS


def hops_to(ctx, token: Token, trigger: Token, limit: int = MAX_MONEY_HOPS) -> Optional[int]:
    """How many arcs from a money token up to the trigger (None when not below it,
    or when the money hangs from the trigger's head as in "made a $50 bid")."""
    hops = 0
    node = token
    while node.i != trigger.i:
        if node.head.i == node.i or hops >= limit:
            break
        node = node.head
        hops += 1
    if node.i == trigger.i:
        return hops
    if trigger.head.i != trigger.i and trigger.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr"):
        # "made a $50 bid", "the round is valued at $14 billion", "the valuation
        # soared to $13.8 billion after a funding round": the money hangs from the verb
        # the trigger is an argument of
        verb = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
        node, hops = token, 0
        while node.head.i != node.i and hops < MAX_MONEY_HOPS - 1:
            node, hops = node.head, hops + 1
            if node.i == verb.i:
                return MAX_MONEY_HOPS
    return None


def path_lemmas(token: Token, stop: Token) -> set[str]:
    """Lemmas on the way from ``token`` up to ``stop`` (exclusive of both)."""
    lemmas = set()
    node = token
    for _ in range(MAX_MONEY_HOPS + 1):
        if node.head.i == node.i or node.head.i == stop.i:
            break
        node = node.head
        lemmas.add(node.lemma_.lower())
    return lemmas


def subjects_on_path(token: Token, stop: Token) -> set[str]:
    """Lemmas of the subjects of the words above ``token``: "the valuation soared to
    $13.8 billion" makes the amount a valuation."""
    lemmas = set()
    node = token
    for _ in range(MAX_MONEY_HOPS):
        if node.head.i == node.i or node.i == stop.i:
            break
        node = node.head
        lemmas.update(child.lemma_.lower() for child in node.children if child.dep_ in SUBJECT_DEPS)
    return lemmas


def governing_prep(token: Token) -> Optional[str]:
    node = token
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.dep_ in ("prep", "dative"):
            return node.head.lower_
        if node.head.i == node.i:
            break
        node = node.head
    return None


def in_static_clause(ctx, token: Token, stop: Token) -> bool:
    """``token`` is in a relative clause or participle of holding below ``stop``
    ("Y, which already owns 9.9 pct of Z", "X, which holds 60 pct"): a holding described,
    not a figure of the deal ``stop`` states."""
    static = ctx.lex.static_verbs
    node = token
    for _ in range(MAX_MONEY_HOPS + 1):
        if node.head.i == node.i or node.i == stop.i:
            return False
        if node.dep_ in ("relcl", "acl") and node.lemma_.lower() in static:
            return True
        node = node.head
    return False


def just_before(ent: Span, trigger: Token) -> bool:
    """An amount written right before a noun trigger: "a $50 a share cash bid"."""
    if (trigger.pos_ not in ("NOUN", "PROPN") and trigger.dep_ != "acl") or ent.end > trigger.i:
        return False
    between = ent.doc[ent.end : trigger.i]
    return all(t.is_space or t.lower_ in PRICE_WORDS or t.pos_ == "ADJ" for t in between) and len(between) <= 3


# Nouns of a measure stated as its equal: "to the equivalent of 466,754 shares, or 9.1 pct".
EQUAL_NOUNS = frozenset({"equivalent"})


def through_equivalent(token: Token) -> Token:
    """The noun "the equivalent of N shares, or P pct" stands for, for a figure inside it
    (the percentage a conjunct of the shares): the figure hangs where that noun does."""
    node = token
    if node.dep_ == "conj" and node.head.dep_ == "pobj":
        node = node.head  # "466,754 shares, or 9.1 pct": the shares it restates
    prep = node.head
    if node.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in EQUAL_NOUNS:
        return prep.head
    return token
