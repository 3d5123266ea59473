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
from ..names import norm_key
from .lexicon import DETERMINERS, OrgLexicon, legal_suffix

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


# A/B switch for the second set of rules (dangling prepositions, names joined by "for").
NAME_EDGES_2 = True

# Lower-case words that never end a name: a preposition the model ran a name into
# ("Quillon Publishers for" of "competing against Quillon Publishers for Larkspur & Webb").
DANGLING_WORDS = frozenset({"for", "to", "with", "by", "from", "in", "at", "on", "into", "as", "against"})


def dangling_end(token) -> bool:
    """Whether a name's last word is a lower-case preposition left on it."""
    return NAME_EDGES_2 and token.is_lower and token.lower_ in DANGLING_WORDS


def names_either_side_of_for(lex: OrgLexicon, ent: Span, i: int) -> bool:
    """Whether "for" at ``i`` stands between two names the model ran into one span
    ("competing against Quillon Publishers for Larkspur & Webb"), not inside one name
    ("Centre for Policy Studies", "Institute for Fiscal Research"): two or more
    capitalised words before it, and a company's mark on either side (an ampersand, a
    corporate suffix or a company word at the end)."""
    doc = ent.doc
    if not NAME_EDGES_2 or doc[i].lower_ != "for" or i - ent.start < 2 or i + 1 >= ent.end:
        return False
    left, right = doc[ent.start : i], doc[i + 1 : ent.end]
    if not all(token.text[:1].isupper() for token in left) or not right[0].text[:1].isupper():
        return False

    def company_mark(span: Span) -> bool:
        last = span[-1].text.rstrip(".").lower()
        return legal_suffix(lex, span[-1]) or last in lex.head_words

    return any(token.text == "&" for token in right) or company_mark(left) or company_mark(right)


# A/B switch for the third set of rules (a name's first words found in the document's full forms).
NAME_EDGES_3 = True
# How many words before a span its full form may start.
LOST_HEAD_WORDS = 4


def evidenced_start(doc, start: int, end: int, evidence) -> int:
    """Where a name starts that the model began a word or two late, when the document
    writes the longer name whole ending in a corporate suffix (``evidence``, the keys of
    such names): "Falcon Tire and Rubber Co said" tagged from "Tire", whose first word
    opens the sentence and so was taken for no name word. Only capitalised words are
    taken in."""
    if not NAME_EDGES_3 or not evidence:
        return start
    crossed = None  # where an "and" was crossed: one word more at most (two a side are two names)
    for first in range(start - 1, max(start - LOST_HEAD_WORDS, 0) - 1, -1):
        token = doc[first]
        if crossed is not None and first < crossed - 1:
            break
        if token.lower_ in ("and", "&"):
            if crossed is not None:
                break
            crossed = first  # "Cobble and Wire PLC" tagged from "Wire"
            continue
        if token.lower_ == "of" and first < start - 1:
            continue
        if not token.text[:1].isupper() or not token.is_alpha or token.lower_ in DETERMINERS or token.is_stop:
            break  # "By Falcon Corp": a sentence's first word
        if token.ent_type_ == "ORG":
            break  # a word of another organisation the model tagged
        if crossed is not None and (_surname(doc, token) or token.is_upper):
            break  # "Bilzerian and Falcon Financial Corp", "ITJ and Falcon Corp": two parties
        if norm_key(doc[first:end].text) in evidence:
            return first
    return start


def _surname(doc, token) -> bool:
    """A word the model tags a person, or the last word of a person's name told before it."""
    if token.ent_type_ == "PERSON":
        return True
    return any(ent.label_ == "PERSON" and ent.end <= token.i and ent[-1].text == token.text for ent in doc.ents)


def joined_word_before(lex: OrgLexicon, doc, start: int) -> bool:
    """Whether the capitalised word before "and" at ``start - 1`` goes on the name that
    starts at ``start`` with a word of trade ("South Bay Savings and Loan Association" tagged
    from "Loan": "Savings" is a common noun the tagger calls NOUN, still a word of the name)."""
    if not NAME_EDGES_3 or start < 2 or doc[start].lower_ not in lex.joined_words:
        return False
    word = doc[start - 2]
    return (
        word.pos_ in ("PROPN", "NOUN")
        and word.text[:1].isupper()
        and word.ent_type_ in ("", "PERSON", "GPE", "NORP")
        and not word.is_sent_start
    )


# How long a clipped word must be ("Tech" of "Technologies").
MIN_CLIPPED = 4


def short_form_of(text: str, fulls: list[str]) -> str | None:
    """The one name of ``fulls`` that ``text`` writes with some of its words clipped
    ("Falcon Tech" of "Falcon Technologies Corp": each word the same or the start, of
    MIN_CLIPPED letters or more, of the full name's word in its place), else None. Two
    candidates leave it unresolved. (Acronyms are :mod:`acronyms`'.)"""
    words = text.split()
    if not NAME_EDGES_3 or len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    found = []
    for full in fulls:
        long_words = full.split()
        if len(long_words) < len(words) or full == text:
            continue
        pairs = list(zip(words, long_words))
        if all(a == b or len(a) >= MIN_CLIPPED and b.startswith(a) for a, b in pairs) and any(a != b for a, b in pairs):
            found.append(full)
    return found[0] if len(set(found)) == 1 else None


def joined_halves(lex: OrgLexicon, ents: list[Span]) -> list[Span]:
    """Join two organisations the model tagged either side of "and" when the second
    begins with a word of trade that goes on a name ("South Fork Savings" and "Loan
    Association" are "South Fork Savings and Loan Association", as :func:`surgery.two_names`
    reads one span); not after a corporate suffix ("Acme Corp and Steel Partners")."""
    if not NAME_EDGES_3 or len(ents) < 2:
        return ents
    out: list[Span] = []
    for ent in ents:
        if out:
            last = out[-1]
            doc = ent.doc
            if (
                last.label_ == "ORG"
                and ent.label_ == "ORG"
                and ent.start == last.end + 1
                and doc[last.end].lower_ in ("and", "&")
                and ent[0].lower_ in lex.joined_words
                and not legal_suffix(lex, last[-1])
            ):
                out[-1] = Span(doc, last.start, ent.end, label="ORG")
                continue
        out.append(ent)
    return out if len(out) < len(ents) else ents


# A/B switch for the fourth rule (a name in capitals run on into a headline's words).
NAME_EDGES_4 = True


def evidenced_prefix_end(lex: OrgLexicon, doc, start: int, end: int, evidence) -> int:
    """Where a name in capitals ends that the model ran on into the rest of a headline
    ("KESTREL HOLDINGS UNIT BUYS SOFTWARE COMPANY"): after the last corporate suffix or
    company word of its longest start that the document names as a company ("Kestrel
    Holdings Inc", ``evidence``), with two words or more left after it; else ``end``."""
    if not NAME_EDGES_4 or not evidence or end - start < 4:
        return end
    if not all(t.is_upper or not t.is_alpha for t in doc[start:end]):
        return end
    for cut in range(end - 2, start, -1):
        last = doc[cut - 1]
        if (legal_suffix(lex, last) or last.lower_ in lex.head_words) and norm_key(doc[start:cut].text) in evidence:
            return cut
    return end
