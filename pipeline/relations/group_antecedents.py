"""The several organisations one word stands for: "they" after "X and Y said", "it"
after "a group made up of A, B and C said", "the group" told again after its members."""

from __future__ import annotations

from spacy.tokens import Span, Token

from . import common, context, coordination
from .common import PARTY_LABELS, PLURAL_PRONOUNS


def group_antecedent(ctx, token: Token) -> list[Span]:
    """The members of the group a pronoun stands for, when the subject of the clause
    above it is a group that names them ("An investor group made up of A, B and C said
    it offered ..."): every member is a party."""
    for subject in common.subjects_above(token):
        if subject.lemma_.lower() in ctx.lex.group_nouns:
            members = coordination.group_members(ctx, subject)
            if members:
                members += [m for m in earlier_group_members(ctx, subject) if m not in members]
            return members
        return []
    return []


# How many tokens back "the group" may find the group first told with its members.
GROUP_LOOKBACK = 250


def earlier_group_members(ctx, token: Token) -> list[Span]:
    """ "A group led by X said it bought ... The group, which includes Y, said ...": the
    members named when the group was first told, for "the group" told again."""
    lemma = token.lemma_.lower()
    if lemma not in ctx.lex.group_nouns or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return []
    doc = token.doc
    sent = context.sent_of(ctx, token)
    for i in range(sent.start - 1, max(sent.start - GROUP_LOOKBACK, 0) - 1, -1):
        other = doc[i]
        if other.lemma_.lower() == lemma and other.pos_ == "NOUN" and not ctx.index.headline[i]:
            members = coordination.group_members(ctx, other)
            if members:
                return members
    return []


def plural_antecedents(ctx, token: Token) -> list[Span]:
    """The organisations a "they" stands for: those joined in the subject of the
    clause above it ("X and Y said they ...")."""
    for subject in common.subjects_above(token):
        if subject.lower_ in PLURAL_PRONOUNS:
            return plural_antecedents(ctx, subject)  # "X and Y said they had ended their merger"
        ents = [
            ent
            for ent in context.ents_within(ctx, subject, subject.left_edge.i, subject.right_edge.i + 1)
            if ent.label_ in PARTY_LABELS and not _in_description(ent, subject)
        ]
        if len(ents) > 1 or subject.tag_ in ("NNS", "NNPS"):
            return ents
        # "X and Y said the Federal Reserve approved their merger": one name is no "they"
    return []


def _in_description(ent: Span, phrase: Token) -> bool:
    """Whether ``ent`` stands in a phrase or a clause describing a member of ``phrase``
    ("X, a partner of Y, and Z said they ...", "X, at Y's office": Y is no member; "her
    brother, R.J. Z" is)."""
    node = ent.root
    while node.i != phrase.i and node.head.i != node.i:
        if node.dep_ in ("prep", "poss", "relcl", "acl"):
            return True
        node = node.head
    return False
