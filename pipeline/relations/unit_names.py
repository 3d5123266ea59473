"""Units and businesses that change hands, and their names: "its Z unit, Cedar Ltd",
"the A and B units of P", "its unit in France, Y SA"."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from . import context, name_joins, owners
from .common import MISLABELLED_NAMES, PLACE_LABELS
from .non_parties import listing, non_party

# A name set off by commas after a unit noun names the unit, however the tagger took it
# ("its tower business, Marlow Towers, to Y" tagged a person).
UNIT_APPOSITION_LABELS = frozenset({"ORG", "PERSON", *MISLABELLED_NAMES})


def shared_head_names(ctx, token: Token, party) -> list[tuple[Span, Optional[Span]]]:
    """ "the Brisk and Holm units of Hermans Group": names joined by "and" before a plural
    unit noun, read as one name, are a unit each (with the unit's owner)."""
    if party is None or token.tag_ != "NNS" or token.lemma_.lower() not in ctx.lex.unit_nouns:
        return []
    named = [
        ent
        for c in token.children
        if c.dep_ in ("nmod", "compound")
        and (ent := context.ent_of(ctx, c)) is not None
        and ent.label_ == "ORG"
        and ent.root.i == c.i
    ]
    if len(named) >= 2 and any(t.lower_ == "and" for t in token.doc[named[0].end : named[-1].start]):
        # "the Lyons-based <A> and Rennes-based <B> units of P": each name a unit of P
        owner = party[1] if party[1] is not None else _unit_owner(ctx, token)
        return [(ent, owner) for ent in named]
    span = party[0]
    if span.end > token.i or span.root.head.i != token.i or not any(t.pos_ == "CCONJ" or t.text == "," for t in span):
        return []  # only a name on the noun itself, not one "the units" stands for
    parts, start = [], span.start
    for t in span:
        if t.pos_ == "CCONJ" or t.text == ",":
            if t.i > start:
                parts.append(Span(token.doc, start, t.i, label="ORG"))
            start = t.i + 1
    if span.end > start:
        parts.append(Span(token.doc, start, span.end, label="ORG"))
    return [(part, party[1]) for part in parts] if len(parts) >= 2 else []


def _unit_owner(ctx, token: Token) -> Optional[Span]:
    """The company whose units a unit noun names: "its units", "the A and B units of P"."""
    owner = owners.owner_of(ctx, token)
    if owner is not None:
        return owner
    for pobj in (p for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children):
        ent = context.ent_of(ctx, pobj)
        if pobj.dep_ == "pobj" and ent is not None and ent.label_ == "ORG" and not non_party(ctx, ent):
            return ent
    return None


def units_named_below(ctx, token: Token) -> Token:
    """ "the detergent trade of the A and B units of P": what changes hands
    is named by the plural unit noun of its "of" phrase."""
    if (
        token.pos_ != "NOUN"
        or token.lemma_.lower() in ctx.lex.unit_nouns
        or token.lemma_.lower() in ctx.lex.holding_nouns
    ):
        return token
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.tag_ == "NNS" and pobj.lemma_.lower() in ctx.lex.unit_nouns:
                    return pobj
    return token


def appositive_names(ctx, token: Token) -> list[Span]:
    """Organisations set beside a unit or asset noun: "its Z unit, Cedar Ltd and
    other businesses" lists a second unit; "its unit, Cedar Ltd" names the first."""
    listed = any(c.lemma_.lower() in ctx.lex.unit_nouns for c in token.conjuncts)
    # "two Quebec wholesalers, A Ltd and B Ltd": a plural description, then its names
    described = token.tag_ == "NNS" and any(
        c.dep_ == "appos" and (ent := context.ent_of(ctx, c)) is not None and ent.label_ == "ORG"
        for c in token.children
    )
    if token.lemma_.lower() not in ctx.lex.unit_nouns and not listed and not described:
        return []
    names = []
    doc = token.doc
    last = _after_place(ctx, token)  # "its broadcast unit in France, Tessel Audio SA"
    if not any(c.dep_ == "appos" for c in token.children) and last + 2 < len(doc) and doc[last + 1].text == ",":
        # "its water business, Aquanor Systems, for ...": the parser lost the apposition
        ent = context.ent_of(ctx, doc[last + 2])
        if ent is not None and ent.label_ == "ORG" and ent.start == last + 2:
            # "its business, A Paving and Construction (APC), for ...": one name cut at "and"
            joined = name_joins.with_joined_half(ctx, ent)[0]
            if joined.end + 3 < len(doc) and name_joins.acronym_after(doc, joined.start, joined.end):
                ent = joined if doc[joined.end + 3].text in (",", ".", ";") else ent
        if (
            ent is not None
            and ent.label_ in UNIT_APPOSITION_LABELS
            and ent.start == last + 2
            and (
                ent.end >= len(doc)
                or doc[ent.end].text in (",", ".", ";")
                or name_joins.acronym_after(doc, ent.start, ent.end)
            )
        ):
            names.append(ent if ent.label_ == "ORG" else Span(doc, ent.start, ent.end, label="ORG"))
        elif ent is None:
            # the name untagged: a run of capitalised proper nouns closed by a comma
            end = last + 2
            while (
                end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and not doc[end].ent_type_
            ):
                end += 1
            if end - last - 2 >= 2 and end < len(doc) and doc[end].text == ",":
                names.append(Span(doc, last + 2, end, label="ORG"))
    for child in token.children:
        if child.dep_ == "appos":
            for item in [child, *child.conjuncts]:
                ent = context.ent_of(ctx, item)
                if ent is None and item.lemma_.lower() in ctx.lex.unit_nouns:
                    # "..., the Dornbush boiler operations and other units": a
                    # business named after a company or a person
                    ent = next(
                        (
                            context.ent_of(ctx, c)
                            for c in item.children
                            if c.dep_ in ("compound", "amod", "nmod") and context.ent_of(ctx, c) is not None
                        ),
                        None,
                    )
                    if ent is not None and ent.label_ == "PERSON":
                        ent = Span(ent.doc, ent.start, ent.end, label="ORG")
                elif ent is None and item.pos_ == "PROPN" and item.left_edge.i < item.i:
                    run = doc[item.left_edge.i : item.i + 1]
                    if all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in run):
                        ent = Span(doc, run.start, run.end, label="ORG")  # "its unit, Marlow Towers," untagged
                elif ent is not None and ent.label_ in UNIT_APPOSITION_LABELS and ent.label_ != "ORG":
                    ent = Span(doc, ent.start, ent.end, label="ORG")
                if ent is not None and ent.label_ == "ORG" and ent not in names and not listing(ctx, ent):
                    names.append(ent)
    return names


def _after_place(ctx, token: Token) -> int:
    """The last word of a unit noun and the place right after it ("unit in France",
    however the parser hung "in France"), or the noun itself when no place follows."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].lower_ not in ("in", "at"):
        return token.i
    ent = context.ent_of(ctx, doc[token.i + 2])
    if ent is None or ent.label_ not in PLACE_LABELS or ent.start != token.i + 2:
        return token.i
    return ent.end - 1
