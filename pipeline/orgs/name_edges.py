"""Where a name begins and ends when the line it is on, a list or punctuation cut it
wrongly: a name broken at a line end and tagged as two ("Kestrel\\nHarrow Marine
Ltd"), a pair of initials joined by "and" that opens a name ("P and Q
Valve Repair Corp"), a name ending "of <Place>" before "and" ("Lemon Tree of America and
Lemon Tree Canada Ltd" are two), a place before a hyphen that is no partner name
("Greyfield Capital and Paris-based Z"), quote marks at a name's edge ('Falcon VII "').

Pure functions over spans and token indices; :mod:`surgery` calls them while it tidies
the model's entities."""

from __future__ import annotations

from spacy.tokens import Span

from ..components.paragraphs import PARAGRAPH_BREAK
from .lexicon import OrgLexicon, legal_suffix

# A/B switch for the rules of this module (on in production).
NAME_EDGES = True


def _line_break(token) -> bool:
    """A token that is a wrapped line's end (a line break, not a paragraph break)."""
    return token.text.isspace() and "\n" in token.text and not PARAGRAPH_BREAK.search(token.text)


def wrapped_halves(lex: OrgLexicon, ents: list[Span]) -> list[Span]:
    """Join an organisation the model ended at a line break it took into the span
    ("Kestrel\\n") with the organisation that starts on the next line ("Harrow
    Marine Ltd"): the model ran the name on across the line end and then
    started it again, so the two are one name. Not when the first half ends in a
    corporate suffix (two names in a row, one per line)."""
    if not NAME_EDGES or len(ents) < 2:
        return ents
    ordered = sorted(ents, key=lambda span: span.start)
    out: list[Span] = []
    for ent in ordered:
        if out:
            last = out[-1]
            if (
                last.label_ == "ORG"
                and ent.label_ == "ORG"
                and ent.start == last.end
                and len(last) >= 2
                and _line_break(last[-1])
                and not last[-2].is_punct
                and not legal_suffix(lex, last[-2])
                and not ent[0].is_sent_start
                and ent[0].text[:1].isupper()
            ):
                out[-1] = Span(ent.doc, last.start, ent.end, label="ORG")
                continue
        out.append(ent)
    return out if len(out) < len(ordered) else ents


def _before(doc, i: int) -> int:
    """The index of the first token before ``i`` that is no line break (-1 if none)."""
    i -= 1
    while i >= 0 and _line_break(doc[i]):
        i -= 1
    return i


def _initial(token) -> bool:
    return len(token.text) == 1 and token.text.isupper()


def initials_start(doc, start: int) -> int:
    """Where a name starts that opens with a pair of initials joined by "and" or "&" the
    model left out ("P and Q Valve Repair Corp" tagged from "Valve" or from "Q", also
    across a line end: "S\\nand A ..."): the first initial; else ``start``. A single capital
    before a name is its article ("A Valve Repair ..."), so both initials are needed."""
    if not NAME_EDGES:
        return start
    second = _before(doc, start)
    if _initial(doc[start]) and second >= 0 and doc[second].lower_ in ("and", "&"):
        second = start  # the model took the second initial in: "R Paving Supply Co"
    joiner = _before(doc, second) if second >= 0 else -1
    first = _before(doc, joiner) if joiner >= 0 else -1
    if first < 0 or not _initial(doc[second]) or doc[joiner].lower_ not in ("and", "&") or not _initial(doc[first]):
        return start
    if doc[first].is_sent_start and first > 0 and doc[first - 1].text not in ("<", '"'):
        return start
    return first


def of_name_before(doc, left: int) -> bool:
    """Whether the words from ``left`` on end a name of the form "X of <Place>" ("Lemon
    Tree of America"): "of" (also at a line end) stands before them, so the "and" after
    them joins that name to the next, not a word of one name to another."""
    return NAME_EDGES and (i := _before(doc, left)) >= 0 and doc[i].lower_ == "of"


def modifier_partner(doc, partner: int) -> bool:
    """ "X and Paris-based Y": the capitalised word after "and" is the first part of a
    hyphenated modifier of a noun after it, not a one-word partner name."""
    return (
        NAME_EDGES
        and partner + 1 < len(doc)
        and doc[partner + 1].text in ("-", "\u2013")
        and not doc[partner].whitespace_
    )


def without_quotes(ent: Span) -> Span | None:
    """A name less the quote marks the model took in at either edge ('Falcon VII "' of
    'offer by Falcon VII "fair but low"'); None when nothing is left."""
    if not NAME_EDGES:
        return ent
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].is_quote:
        start += 1
    while end > start and (doc[end - 1].is_quote or doc[end - 1].text.isspace()):
        end -= 1
    if start >= end:
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_)
