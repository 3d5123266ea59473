"""Names given in brackets: Reuters' ``<Private Co Name>`` marked ORG, ticker symbols
(``<HBJ>``) and short forms or tickers given in brackets after a name, linked to it
("Alpha Tasman Ltd (ATL)", "Acme Corp. (NYSE: ACME)"); a name the model ran across a
ticker, and a person's name cut at a hyphen. Moved out of :mod:`surgery` as they were."""

from __future__ import annotations

import numpy
from spacy.attrs import ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..names import name_words
from .lexicon import DETERMINERS, TICKER, OrgLexicon
from .name_edges import without_quotes


def short_forms(lex: OrgLexicon, doc: Doc, orgs: list[Span]) -> list[tuple[Span, Span]]:
    """(short form, full name) of the short forms and tickers given in brackets after
    an organisation: "Alpha Tasman Ltd (ATL)", "Acme Corp. (NYSE: ACME)", "Acme
    Holdings, Inc. ("Acme")", also in a second bracket and among alternatives: "Acme
    Health Corp. (NYSE: ACMH) ("Acme" or the "Company")". A short form is a ticker-like
    word in capitals, the initials of the name, some of its words or the start of its
    first word."""
    found = []
    for org in orgs:
        at = org.end
        if at < len(doc) and doc[at].text == ",":
            at += 1
        for _ in range(2):  # the name's bracket and the one right after it
            if at + 2 >= len(doc) or doc[at].text != "(":
                break
            close = next((i for i in range(at + 1, min(at + 10, len(doc))) if doc[i].text == ")"), None)
            if close is None:
                break
            start = at + 1
            if close - start >= 3 and doc[start + 1].text == ":":
                start += 2  # "NYSE: ACME"
            for piece_start, piece_end in _alternatives(doc, start, close):
                short = _short_span(doc, piece_start, piece_end)
                if short is not None and _is_short_form(lex, short.text, org.text):
                    found.append((Span(doc, short.start, short.end, label="ORG"), org))
                    break
            at = close + 1
    return found


def _alternatives(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of a bracket's words separated by "or", "and" or commas ("Acme" or the
    "Company")."""
    pieces, piece = [], start
    for i in range(start, end):
        if doc[i].lower_ in ("or", "and", ",", ";"):
            pieces.append((piece, i))
            piece = i + 1
    pieces.append((piece, end))
    return [(a, b) for a, b in pieces if a < b]


def _short_span(doc: Doc, start: int, end: int) -> Span | None:
    while start < end and (doc[start].is_quote or doc[start].lower_ in DETERMINERS):
        start += 1
    while end > start and doc[end - 1].is_quote:
        end -= 1
    return doc[start:end] if start < end else None


def _is_short_form(lex: OrgLexicon, short: str, name: str) -> bool:
    if not short[:1].isupper() or short.lower() in lex.generic_words or short in lex.not_orgs:
        return False
    short_words, words = name_words(short), name_words(name)
    if short_words and short_words <= words:
        return True
    first = name.split()[0] if name.split() else ""
    if (
        len(short) >= 4
        and " " not in short
        and short.isalpha()
        and len(first) > len(short)
        and first.startswith(short)
        and first[len(short)].isupper()
    ):
        return True  # "Dario" of "DarioHealth Corp."
    letters = short.replace(".", "").replace("&", "")
    initials = "".join(word[0] for word in name.replace("-", " ").split() if word[:1].isupper())
    return letters.isupper() and (
        letters == initials or (bool(TICKER.match(short)) and 1 < len(letters) <= 6 and " " not in short)
    )


def is_ticker_span(ent: Span) -> bool:
    doc = ent.doc
    return (
        ent.start > 0
        and doc[ent.start - 1].text == "<"
        and ent.end < len(doc)
        and doc[ent.end].text == ">"
        and len(ent) == 1
        and bool(TICKER.match(ent.text))
    )


_OPEN, _CLOSE = get_string_id("<"), get_string_id(">")


def bracketed_names(doc: Doc) -> list[Span]:
    """Reuters marks unlisted companies as ``<Name Inc>``; tickers are one upper-case token."""
    spans = []
    open_at = None
    # only the "<" and ">" tokens matter: find them in the ORTH column
    orths = doc.to_array(ORTH)
    for i in numpy.flatnonzero((orths == _OPEN) | (orths == _CLOSE)).tolist():
        if orths[i] == _OPEN:
            open_at = i
        elif open_at is not None:
            inner = doc[open_at + 1 : i]
            if 0 < len(inner) <= 8 and not (len(inner) == 1 and TICKER.match(inner.text)):
                if all(t.is_alpha or t.is_punct or t.is_space or t.like_num or t.text[:1].isupper() for t in inner):
                    spans.append(Span(doc, inner.start, inner.end, label="ORG"))
            open_at = None
    return spans


def outside_brackets(ent: Span) -> Span | None:
    """A name the model ran across a ticker ("CDA> MedTec"): the part after the bracket."""
    cut = max((token.i for token in ent if token.text in ("<", ">")), default=None)
    if cut is None:
        return without_quotes(ent)
    if cut + 1 >= ent.end:
        return None
    return without_quotes(Span(ent.doc, cut + 1, ent.end, label=ent.label_))


def hyphenated(ent: Span) -> Span:
    """A person's name cut at a hyphen ("Rodgers Vasquez" of "Rodgers Vasquez-Everde"): take
    in the rest of the double-barrelled name."""
    doc, end = ent.doc, ent.end
    if ent.label_ != "PERSON":
        return ent
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isupper()
        and doc[end + 1].is_alpha
        and not doc[end + 1].ent_type_
    ):
        end += 2
    return ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_)
