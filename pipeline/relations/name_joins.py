"""Names the tagger cut in two, joined back into the one name they are ("A and B Co",
"A, B and Co", "X Technologies, LLC")."""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span

from . import common, context
from .common import PARTY_LABELS


def with_joined_half(ctx, span: Span) -> tuple[Span, Optional[Span]]:
    """ "Bell-like" in "shares of Bell-like and Howell Co common stock": the name and the
    one joined to it by "and" that together name one company (see :func:`joined_names`),
    and that second half (None when there is none)."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ not in ("and", "&"):
        return span, None
    i = span.end + 1
    while i < len(doc) - 1 and doc[i].is_space:
        i += 1
    other = context.ent_of(ctx, doc[i])
    if other is None or other.label_ != "ORG" or other.start != i:
        return span, None
    joined = joined_names(ctx, [(span, None), (other, None)])
    return (joined[0][0], other) if len(joined) == 1 else (span, None)


def with_cut_head(span: Span) -> Span:
    """ "KLAD Furniture Inc said": an untagged all-caps word the tagger left out right
    before a company's name belongs to it (else "Furniture Inc" reads as a shorter form of
    another "... Furniture Inc" of the document)."""
    doc = span.doc
    if span.label_ != "ORG" or span.start == 0 or span[0].text.isupper() or not span[0].text[:1].isupper():
        return span
    head = doc[span.start - 1]
    if head.ent_type_ or head.pos_ != "PROPN" or not (head.text.isalpha() and head.text.isupper() and 2 <= len(head)):
        return span
    if head.i > 0 and doc[head.i - 1].text.isupper() and doc[head.i - 1].text.isalpha():
        return span  # an all-caps headline, not one word of a name
    return Span(doc, head.i, span.end, label="ORG")


def split_whole(ctx, a: Span, b: Span) -> Optional[Span]:
    """The fuller name "A and B Publishers Inc" written elsewhere in the document and cut
    by the tagger into "A" and "B Publishers Inc"."""
    doc = a.doc
    for org in ctx.index.orgs:
        if org.start == b.start or not org.text.startswith(b.text) or org.start < 2:
            continue
        j = org.start - 1
        while j > 0 and doc[j].is_space:
            j -= 1
        if doc[j].lower_ not in ("and", "&"):
            continue
        first = context.ent_of(ctx, doc[j - 1])
        if first is not None and first.label_ == "ORG" and first.text == a.text and first.end == j:
            return Span(doc, first.start, org.end, label="ORG")
    return None


def joined_names(ctx, found: list[tuple[Span, Optional[Span]]]) -> list[tuple[Span, Optional[Span]]]:
    """ "for Dunstan-like and Row-like", "shares of Bell-like and Howell Co common stock": two
    names joined by "and" that are one company: the document names an organisation
    "A and B ..." elsewhere, or the pair modifies a noun after it with the corporate
    suffix on the second only."""
    if len(found) < 2:
        return found
    out = list(found)
    for (a, owner), (b, _) in zip(found, found[1:]):
        doc = a.doc
        if b.start <= a.end or doc[a.end].lower_ not in ("and", "&"):
            continue
        if not all(t.is_space for t in doc[a.end + 1 : b.start]):
            continue
        joined_text = " ".join(f"{a.text} {doc[a.end].text} {b.text}".split())
        known = next(
            (
                org
                for org in ctx.index.orgs
                if " ".join(org.text.split()).startswith(joined_text) and org.start != a.start
            ),
            None,
        )
        if b.end < len(doc) and doc[b.end].tag_ == "NNS" and doc[b.end].lemma_.lower() in ctx.lex.unit_nouns:
            continue  # "its Brisk and Holm units": a unit each
        if known is None:
            known = split_whole(ctx, a, b)
        modifier = (
            b.root.dep_ in ("compound", "nmod", "poss")
            and b.root.head.i >= b.end
            and common.ends_in_suffix(b.text)
            and not common.ends_in_suffix(a.text)
        )
        if known is None and not modifier and not acronym_after(doc, a.start, b.end):
            continue
        span = known if known is not None else Span(doc, a.start, b.end, label="ORG")
        out = [(s, o) for s, o in out if s != a and s != b]
        out.append((span, owner))
    return out


def acronym_after(doc, start: int, end: int) -> bool:
    """ "Ashby Paving and Construction (APC)": the bracketed letters after a coordination
    start its capitalised words in turn, so the coordination is one name."""
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return False
    letters = "".join(ch for ch in doc[end + 1].text if ch.isalpha())
    if len(letters) < 2 or not letters.isupper():
        return False
    initials = "".join(t.text[0] for t in doc[start:end] if t.text[:1].isupper())
    return letters == initials


# "Fechner, Wirth and Co": a partnership's name is a list ending in "and Co"
FIRM_TAIL = re.compile(r"^[A-Z][\w'.-]* (?:and|&) (?:Co|Company|Sons|Partners)\.?$")


def firm_names(found: list[tuple[Span, Optional[Span]]]) -> list[tuple[Span, Optional[Span]]]:
    """Join "A, B and Co" cut into "A" and "B and Co" back into one name."""
    out = list(found)
    for span, owner in found:
        doc = span.doc
        if not FIRM_TAIL.match(span.text) or span.start < 2 or doc[span.start - 1].text != ",":
            continue
        first = doc[span.start - 2]
        if first.pos_ != "PROPN" or not first.text[:1].isupper():
            continue
        joined = Span(doc, first.i, span.end, label="ORG")
        out = [(s, o) for s, o in out if s.end != first.i + 1 and s != span]
        out.append((joined, owner))
    return out


def name_before(ctx, span: Span) -> Optional[Span]:
    """The organisation just before a suffix cut from it ("Geisel Technologies, LLC")."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    ent = context.ent_of(ctx, doc[i]) if i >= 0 else None
    if ent is not None and ent.end == i + 1 and ent.label_ in PARTY_LABELS and not common.suffix_only(ent):
        return ent
    # "Westermann Briemer K.K." with the words before the suffix tagged a place or nothing
    start = span.start
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].ent_type_ in ("", "GPE", "NORP", "LOC")
        and span.start - start < 4
    ):
        start -= 1
    return Span(doc, start, span.end, label="ORG") if start < span.start else None
