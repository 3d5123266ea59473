"""What a part, a member or a holding belongs to: "49% of X", "stake in X", "the board
of X", "its directors", "X's shares"."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from . import antecedents, context, coordination, party_names
from .common import PARTY_LABELS


def of_or_owner(ctx, token: Token, depth: int, owner: bool = True) -> Optional[tuple[Span, Optional[Span]]]:
    """What a part or a member belongs to: "49% of X", "stake in X", "the board of
    X", "its directors", "X's shares"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    party = party_names.party_of(ctx, pobj, depth + 1)
                    if party is not None:
                        return party
            if not any(c.dep_ == "pobj" for c in child.children):
                # "shares of preferred stock in <Y Inc> for ...": the parser left "in"
                # without its object (the bracketed name read as a clause of its own)
                named = coordination.names_after(ctx, child)
                if named:
                    return named[0], None
    if not owner:
        return None
    found = owner_of(ctx, token)
    return (found, None) if found is not None else None


def named_below(ctx, token: Token, depth: int) -> Optional[tuple[Span, Optional[Span]]]:
    """ "377,000 shares, or 9.9 pct, of the common stock of X": the first party
    reached through an "of"/"in" phrase anywhere below a part noun."""
    for other in token.subtree:
        if other.i > token.i and other.dep_ == "pobj" and other.head.lower_ in ("of", "in"):
            party = party_names.party_of(ctx, other, depth + 1)
            if party is not None:
                return party
    return None


def owner_of(ctx, token: Token) -> Optional[Span]:
    """The owner of "its stake", "Allis-Chalmers Corp's mining division"."""
    for child in token.children:
        if child.dep_ == "poss":
            ent = context.ent_of(ctx, child)
            if ent is not None and ent.label_ in PARTY_LABELS:
                return ent
            if child.lower_ in ctx.lex.pronouns:
                return antecedents.antecedent(ctx, child)
    return None
