"""The name a common noun stands for, written beside it rather than below it: after a
descriptor ("the AI startup X"), in angle brackets ("the Dutch group <Y NV>"), or in
apposition to the same noun at the start of the next sentence."""

from __future__ import annotations

from bisect import bisect_right
from typing import Optional

from spacy.tokens import Span, Token

from . import context
from .common import MISLABELLED_NAMES, PARTY_LABELS, PLACE_LABELS
from .non_parties import AB_OFF, non_party


def named_in_next_sentence(ctx, token: Token) -> Optional[Span]:
    """ "took over a small Dutch container firm. The firm, Y BV, employs 10 people": a
    company told by an indefinite noun and named in apposition to "the" same noun at
    the start of the next sentence."""
    lemma = token.lemma_.lower()
    if (
        lemma not in ctx.lex.anaphora_nouns
        or token.pos_ != "NOUN"
        or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
        or any(c.dep_ in ("prep", "appos", "relcl", "acl") for c in token.children)
    ):
        return None
    doc = token.doc
    sent = context.sent_of(ctx, token)
    if sent.end + 3 >= len(doc):
        return None
    first = doc[sent.end]
    noun = doc[sent.end + 1]
    if first.lower_ != "the" or noun.lemma_.lower() != lemma or doc[sent.end + 2].text != ",":
        return None
    ent = context.ent_of(ctx, doc[sent.end + 3])
    if ent is None or ent.label_ != "ORG" or ent.start != sent.end + 3:
        return None
    if ent.end < len(doc) and doc[ent.end].text not in (",", "("):
        return None
    return None if non_party(ctx, ent) else ent


# How far after a group noun its name may be given ("the partnership, Z Associates").
NAMED_LATER_WINDOW = 150


def named_later(ctx, token: Token) -> Optional[Span]:
    """ "An investment partnership led by four sons of X's chairman said it cut its stake
    ... the partnership, Z Associates, said it sold ...": a group told by what it is and
    who leads it, named further on in apposition to "the" same noun; the name, not the
    company of the people who lead it."""
    if "later" in AB_OFF or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
        return None
    doc = token.doc
    orgs = ctx.index.orgs
    lemma = token.lemma_.lower()
    for ent in orgs[bisect_right(orgs, token.i, key=lambda e: e.start) :]:
        if ent.start > token.i + NAMED_LATER_WINDOW:
            break
        if (
            ent.start >= 3
            and doc[ent.start - 1].text == ","
            and doc[ent.start - 2].lemma_.lower() == lemma
            and doc[ent.start - 3].lower_ == "the"
        ):
            return None if non_party(ctx, ent) else ent
    return None


# Labels the model gives a company's name right after a company noun.
NAME_AFTER_DESCRIPTOR = frozenset({*MISLABELLED_NAMES, *PLACE_LABELS})


def named_after_descriptor(ctx, token: Token) -> Optional[Span]:
    """ "the AI startup Anthropic", "rival chipmaker Acme": the name after a
    descriptive noun, which the parser often attaches to the wrong head."""
    doc = token.doc
    for i in range(token.i, min(token.i + 3, len(doc) - 1)):
        # "the news site The Athletic": a name's own capitalised "The" opens it
        the = doc[i + 1].text == "The" and i + 2 < len(doc) and doc[i + 2].pos_ == "PROPN"
        if (
            (doc[i].lemma_.lower() in ctx.lex.anaphora_nouns or doc[i].lemma_.lower() in ctx.lex.descriptor_nouns)
            and (doc[i + 1].pos_ == "PROPN" or the)
            and doc[i + 1].text[:1].isupper()
        ):
            ent = context.ent_of(ctx, doc[i + 1])
            if the and (ent is None or ent.start != i + 1):
                return None
            if ent is not None and ent.label_ in MISLABELLED_NAMES | {"PERSON"}:
                # "the financial services firm E.M. Warburg Pincus and Co Inc" with the name
                # cut in two by the tagger (a facility or a person, then an organisation)
                j = ent.end
                while j < len(doc) and doc[j].is_space:
                    j += 1
                rest = context.ent_of(ctx, doc[j]) if j < len(doc) else None
                if rest is not None and rest.label_ == "ORG" and rest.start == j:
                    return Span(doc, ent.start, rest.end, label="ORG")
            if ent is not None and ent.label_ in NAME_AFTER_DESCRIPTOR and ent.start == i + 1:
                # "the AI startup Quillby" tagged a product or a place: the name a company
                # noun is given is a company's
                return Span(doc, ent.start, ent.end, label="ORG")
            if ent is not None:
                return ent if ent.label_ in PARTY_LABELS else None
            end = i + 2
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                end += 1
            return Span(doc, i + 1, end, label="ORG")
        if doc[i].pos_ not in ("ADJ", "NOUN", "PROPN", "DET"):
            break
    return None


def bracketed_name_after(ctx, token: Token) -> Optional[Span]:
    """ "its controlling shareholder <Farrow Resources Ltd>", "the Dutch group <Y NV>": in
    wire copy a name in angle brackets right after a common noun names what the noun
    stands for; the parser seldom attaches it to the noun."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return None
    doc = token.doc
    i = token.i + 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    comma = i < len(doc) and doc[i].text == ","
    if comma:
        i += 1  # "to a specially formed company, <Y Plc>, for ..."
        while i < len(doc) and doc[i].is_space:
            i += 1
    if i + 1 >= len(doc) or doc[i].text != "<":
        return None
    ent = context.ent_of(ctx, doc[i + 1])
    if ent is None or ent.start != i + 1 or ent.label_ not in PARTY_LABELS or ent.end >= len(doc):
        return None
    if doc[ent.end].text != ">" or non_party(ctx, ent):
        return None
    if comma and any(t.lemma_.lower() in ctx.lex.reporting_verbs for t in doc[ent.end + 1 : ent.end + 4]):
        return None  # "... to the company, <Y> said": Y reports
    return ent
