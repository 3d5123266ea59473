"""Span surgery on organisation names: spans that run over two names joined by "and"
cut apart ("Alpha Images and Beta Stock", never joined again); ORG spans tidied (drop
"the", possessive "'s", ticker symbols like ``<HBJ>``, a document's own words before a
name, headings and datelines; take in a corporate suffix the model left out, also after
a comma: "Acme Holdings, Inc."). Where a name begins and ends across line ends, lists
and punctuation is :mod:`name_edges`; names in brackets (Reuters' ``<Private Co Name>``,
short forms and tickers linked to the full name) are :mod:`brackets`, whose functions
this module still exports.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..components.paragraphs import PARAGRAPH_BREAK, heading_tokens
from ..names import norm_key
from .brackets import (  # noqa: F401 (names the pipeline component imports from here)
    bracketed_names,
    hyphenated,
    is_ticker_span,
    outside_brackets,
    short_forms,
)
from .lexicon import DETERMINERS, RELABEL, TITLE_START_WORDS, OrgLexicon, legal_suffix, suffix_end
from .name_edges import (
    NAME_EDGES,
    dangling_end,
    evidenced_prefix_end,
    evidenced_start,
    initials_start,
    joined_halves,
    joined_word_before,
    modifier_partner,
    names_either_side_of_for,
    of_name_before,
    wrapped_halves,
)

# Punctuation that never stands inside a company name: a list, a table cell, a bracket.
NAME_BREAKS = frozenset({",", "|", ";", ":", "(", ")", "[", "]", "•"})
CONJUNCTIONS = frozenset({"and", "&", "of", "or"})
# Lower-case words that join two names rather than stand inside one: "merge Cyclops
# into Dixons" is two organisations ("of", "and", "for" do occur inside names).
LINKING_WORDS = frozenset({"into", "from", "by", "with", "versus", "vs", "vs."})
# "Bermuda-based", "Paris-headquartered": the name before is a place.
PLACE_SUFFIXES = frozenset({"based", "headquartered", "listed", "born", "registered", "area"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Words that say how a company stands to another, which the model takes into a title-case
# name: "Acme Subsidiary Beta Wins Contract", "Acme's Subsidiary, Beta Group, Signs ...".
RELATION_WORDS = frozenset({"subsidiary", "affiliate"})
# Words before a pair of names that make them two: "both X and Y", "between X and Y".
PAIR_OPENERS = frozenset({"both", "between"})
# The first words of a document's own parts that the model runs into a name
# ("Certificate of Formation of Acme LLC", "Table of Contents ACME CORP").
DOCUMENT_WORDS = frozenset(
    {"certificate", "agreement", "articles", "amendment", "report", "form", "table", "bylaws", "indenture", "exhibit"}
)


def two_names(lex: OrgLexicon, left: Span, right: Span) -> bool:
    """Whether the names either side of "and" are two ("Alpha Images and Beta Stock",
    "Acme Inc and Beta Corp", "both Acme and Beta"), not one ("Gulf Resources and
    Chemical Corp", "Smith and Wesson", "Pacific Gas and Electric Co")."""
    if not len(left) or not len(right) or not left[0].text[:1].isupper() or not right[0].text[:1].isupper():
        return False
    if NAME_EDGES and legal_suffix(lex, left[-1]):
        return True  # "Acme Corp and Steel Partners": a name never goes on past its suffix
    if right[0].lower_ in lex.joined_words or right[0].lower_ in lex.head_words:
        return False
    doc = left.doc
    if left.start > 0 and doc[left.start - 1].lower_ in PAIR_OPENERS:
        return True
    if legal_suffix(lex, left[-1]):
        return True
    keys = norm_key(left.text), norm_key(right.text)
    if all(key in lex.gazetteer.names for key in keys):
        return True
    # two words a side, not counting the suffixes ("Geisler Tool and Die Co" is one)
    named = right.end
    while named > right.start and legal_suffix(lex, doc[named - 1]):
        named -= 1
    return len(left) >= 2 and named - right.start >= 2 and not any(token.lower_ in DETERMINERS for token in left)


def split_pairs(lex: OrgLexicon, ents: list[Span]) -> list[Span]:
    """Organisation spans that run over two names joined by "and" cut into the two
    (:func:`two_names`), also when the first is the surname of a person named before
    ("a group led by Ann B. Corlis ... includes Corlis and Vantor Fund": Corlis stays a
    person); and spans that run over two names joined by "to" ("the sale of Alpha Foods
    to Beta Group": an organisation's name never holds " to " between two names)."""
    out: list[Span] = []
    surnames: dict[str, int] = {}  # a PERSON entity's last word -> where it ends
    for ent in ents:
        if ent.label_ == "PERSON" and len(ent) >= 2:
            surnames.setdefault(ent[-1].text, ent.end)
    for ent in ents:
        if ent.label_ != "ORG" or len(ent) < 3:
            out.append(ent)
            continue
        doc = ent.doc
        cut, left_label = None, "ORG"
        for i in range(ent.start + 1, ent.end - 1):
            if doc[i].text == "to" and _capitalised(doc[i - 1]) and _capitalised(doc[i + 1]):
                cut = i
                break
            if names_either_side_of_for(lex, ent, i):
                cut = i  # "Quillon Publishers for Larkspur & Webb"
                break
            if doc[i].lower_ != "and":
                continue
            if i == ent.start + 1 and surnames.get(doc[ent.start].text, len(doc)) <= ent.start:
                if _capitalised(doc[i + 1]):
                    cut, left_label = i, "PERSON"
                    break
            if two_names(lex, doc[ent.start : i], doc[i + 1 : ent.end]):
                cut = i
                break
        if cut is None:
            out.append(ent)
        else:
            out += [Span(doc, ent.start, cut, label=left_label), Span(doc, cut + 1, ent.end, label="ORG")]
    return joined_halves(lex, wrapped_halves(lex, out))


def _capitalised(token) -> bool:
    return token.text[:1].isupper() and token.is_alpha


def surnames_as_persons(ents: list[Span], evidence: set[str] | frozenset) -> list[Span]:
    """A one-word ORG span that repeats the surname of a person named before it, with no
    evidence that it names a company, is that person ("a group led by Ann B. Dunmere ...
    Dunmere said"): later mentions of it never take an organisation's name."""
    surnames: dict[str, int] = {}
    for ent in ents:
        if ent.label_ == "PERSON" and len(ent) >= 2:
            surnames.setdefault(ent[-1].text, ent.end)
    if not surnames:
        return ents
    return [
        Span(ent.doc, ent.start, ent.end, label="PERSON")
        if ent.label_ == "ORG"
        and len(ent) == 1
        and surnames.get(ent.text, len(ent.doc)) <= ent.start
        and norm_key(ent.text) not in evidence
        else ent
        for ent in ents
    ]


def split_relations(ents: list[Span]) -> list[Span]:
    """Organisation spans of a title-case text that run over two names joined by a word
    of :data:`RELATION_WORDS` cut into the two ("Acme Subsidiary Beta Wins Contract": Acme
    and Beta)."""
    out: list[Span] = []
    for ent in ents:
        doc = ent.doc
        cut = (
            next(
                (
                    i
                    for i in range(ent.start + 1, ent.end - 1)
                    if doc[i].lower_ in RELATION_WORDS and doc[i].text[:1].isupper() and doc[i + 1].text[:1].isupper()
                ),
                None,
            )
            if ent.label_ == "ORG" and len(ent) >= 3
            else None
        )
        if cut is None:
            out.append(ent)
        else:
            out += [Span(doc, ent.start, cut, label="ORG"), Span(doc, cut + 1, ent.end, label="ORG")]
    return out


def tidy(
    lex: OrgLexicon, ent: Span, headings: list[bool] | None = None, evidence: set[str] | frozenset = frozenset()
) -> Span | None:
    """Trim determiners, possessives and tickers; take in a trailing corporate suffix.
    ``headings``: :func:`paragraphs.heading_tokens` of the Doc, or an empty list to
    fill with it when first needed."""
    start, end = ent.start, ent.end
    doc = ent.doc
    for i in range(start, end):
        if doc[i].text in ("<", ">"):
            if i == start:
                start = i + 1
                continue
            end = i
            break
        if doc[i].is_space and PARAGRAPH_BREAK.search(doc[i].text):
            start = i + 1
        elif i > start and (
            doc[i].text in POSSESSIVE
            or doc[i].text == "s"  # "Acme s shares": a possessive that lost its apostrophe
            or doc[i].text in NAME_BREAKS
            or doc[i].lower_ in TITLE_START_WORDS
            or doc[i].text in LINKING_WORDS
        ):
            if doc[i].text == "," and all(doc[j].lower_ in RELATION_WORDS for j in range(start, i)):
                start = i + 1  # "Acme's Subsidiary, Beta Group, Signs ...": the name is after the comma
                continue
            # "Meta's AI", "Facebook, Instagram": the name ends before
            end = i
            break
    for i in range(start + 1, end):
        if doc[i].is_sent_start:
            end = i
            break
    bylined = _after_byline(doc, start, end)
    if bylined is not None:
        # "Wirenews.com - Construction group Acme SA said ...": an outlet before the lead
        # is no part of a name; a word left there that only qualifies a noun is none either
        start = bylined
        if start >= end or (end < len(doc) and doc[end].is_lower and doc[end - 1].dep_ == "compound"):
            return None
    if start < end:
        if headings is None:
            headings = []
        if not headings:
            headings.extend(heading_tokens(doc))
        if (
            headings[start]
            and (not all(headings) or _in_capitals(doc[start].sent))
            and norm_key(doc[start:end].text) not in evidence
        ):
            # "HELM SELLS SHARES IN BAMBERGER": the model's names there are guesses and
            # the body names them again; a text that is only a title-case heading keeps
            # them, and a name the document shows is an organisation stays
            return None
    while start < end and doc[start].lower_ in DETERMINERS:
        start += 1
    if doc[start].lower_ in DOCUMENT_WORDS:
        # "Certificate of Formation of Acme LLC", "Table of Contents ACME CORP": the name
        # begins after the document's own words
        cut = max((i for i in range(start, end - 1) if doc[i].lower_ in ("of", "contents")), default=None)
        if cut is not None:
            start = cut + 1
    for i in range(start + 1, end - 2):
        if doc[i].lower_ == "board" and doc[i + 1].lower_ == "of":
            end = i  # "Acme Board of Directors"
            break
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].text[:1].isupper()
        and doc[start - 2].is_alpha
    ):
        start -= 2  # "Lacroix-Verdun Holdings" tagged from "Verdun"
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in PLACE_SUFFIXES:
        return None  # "Bermuda-based reinsurer X": a place
    while (
        start >= 2
        and doc[start - 1].is_space
        and doc[start - 1].text == "\n"
        and _name_word(doc[start - 2])
        and not doc[start].is_sent_start
    ):
        start -= 2  # "Becton\nDickinson & Co": a name wrapped across lines (not a byline above it)
    if (
        start >= 3
        and doc[start - 1].text == "\n"
        and doc[start - 2].lower_ in ("and", "&")
        and not doc[start].is_sent_start
    ):
        # "New York State Electric and\nGas Corp": the line broken after "and" cut one
        # name in two (the model tags the first half a name of its own); the second half
        # begins with a word that goes on a name ("Gas", "Chemicals"), not a name
        left = start - 2
        while left >= 1 and _wrapped_word(doc[left - 1]) and "\n" not in doc[left - 1].whitespace_:
            left -= 1
        joined = doc[start].lower_ in lex.joined_words or doc[start].lower_ in lex.head_words  # "Gas Corp"
        if joined and left < start - 2 and not two_names(lex, doc[left : start - 2], doc[start:end]):
            start = left
    while (
        start >= 2
        and doc[start - 1].lower_ in ("and", "&")
        and (_name_word(doc[start - 2]) or joined_word_before(lex, doc, start))
        and (end - start > 1 or doc[start].lower_.rstrip(".") in lex.suffixes)
    ):
        left = start - 2
        while left >= 1 and _name_word(doc[left - 1]) and "\n" not in doc[left - 1].whitespace_:
            left -= 1
        if doc[start - 1].lower_ == "and" and two_names(lex, doc[left : start - 1], doc[start:end]):
            break  # "Alpha Images and Beta Stock": two names, never joined again
        if (
            of_name_before(doc, left)
            and doc[start].lower_ not in lex.joined_words | lex.head_words
            and end - start >= 2
        ):
            break  # "Lemon Tree of America and Lemon Tree Canada Ltd": two names
        if left == start - 2 and _earlier_surname(doc, left):
            break  # "led by Ann B. Corlis ... includes Corlis and Vantor Fund": a person and a fund
        start = left
    start = initials_start(doc, start)  # "P and Q Valve Repair Corp"
    if start <= ent.start:  # not past words trimmed off above ("Table of Contents X CORP")
        start = evidenced_start(doc, start, end, evidence)  # "Falcon Tire and Rubber Co said"
    end = evidenced_prefix_end(lex, doc, start, end, evidence)  # "KESTREL HOLDINGS UNIT BUYS ..."
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].text == "s"):
        end -= 1
    end = suffix_end(lex, doc, end)
    while end > start and (doc[end - 1].lower_ in CONJUNCTIONS or dangling_end(doc[end - 1])):
        end -= 1
    conj = end + 1 if end < len(doc) and doc[end].is_space and doc[end].text == "\n" else end
    partner = conj + 1 if conj + 1 < len(doc) and doc[conj + 1].is_space and doc[conj + 1].text == "\n" else conj + 1
    if (
        partner < len(doc)
        and doc[conj].lower_ in ("and", "&")
        and (_name_word(doc[partner]) or _one_word_org(doc, partner))
        and not modifier_partner(doc, partner)
        and doc[partner].ent_iob_ in ("B", "O", "")
        and (partner + 1 >= len(doc) or not doc[partner + 1].text[:1].isupper())
        and not (start > 0 and doc[start - 1].lower_ in PAIR_OPENERS)
        and not (doc[conj].lower_ == "and" and two_names(lex, doc[start:end], doc[partner : partner + 1]))
    ):
        end = partner + 1  # "Smith and Wesson handgun business": a one-word partner name
    if end <= start or doc[start:end].text in lex.not_orgs:
        return None
    span = Span(doc, start, end, label="ORG")
    return None if is_ticker_span(span) else span


def merge_ents(others: list[Span], orgs: list[Span]) -> list[Span]:
    """Organisation spans win over the overlapping non-ORG spans they correct; among
    overlapping candidates the longest wins."""
    org_tokens = {i for span in orgs for i in range(span.start, span.end)}
    kept = [
        ent for ent in others if ent.label_ not in RELABEL or not org_tokens.intersection(range(ent.start, ent.end))
    ]
    kept_tokens = {i for span in kept for i in range(span.start, span.end)}
    orgs = [span for span in orgs if not kept_tokens.intersection(range(span.start, span.end))]
    return filter_spans(kept + orgs)


# Dashes that set a byline or dateline off from the lead: "Wirenews.com - ", "LONDON — ".
BYLINE_DASHES = frozenset({"-", "--", "\u2014", "\u2013"})


def _after_byline(doc: Doc, start: int, end: int) -> int | None:
    """The start of what follows a dash with a space either side inside the span, when
    the span opens a paragraph (the outlet or dateline before the lead); else None."""
    if start > 0 and not (doc[start - 1].is_space or "\n" in doc[start - 1].whitespace_):
        return None
    for i in range(start + 1, end):
        if doc[i].text in BYLINE_DASHES and doc[i].whitespace_ and doc[i - 1].whitespace_:
            return i + 1
    return None


def _in_capitals(sent: Span) -> bool:
    """A sentence written in capitals (most of its letters)."""
    letters = [ch for ch in sent.text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.6 * len(letters)


def _one_word_org(doc: Doc, i: int) -> bool:
    """Token ``i`` is a one-word ORG entity of its own that modifies a common noun after
    it ("Birch and Fowler tool business"; not "Amazon and Alphabet have")."""
    return (
        doc[i].ent_type_ == "ORG"
        and doc[i].ent_iob_ == "B"
        and i + 1 < len(doc)
        and doc[i + 1].ent_iob_ != "I"
        and doc[i + 1].pos_ == "NOUN"
        and doc[i + 1].text.islower()
    )


def _earlier_surname(doc: Doc, i: int) -> bool:
    """Token ``i`` is the last word of a person's name the document gave before it."""
    text = doc[i].text
    return any(ent.label_ == "PERSON" and len(ent) >= 2 and ent.end <= i and ent[-1].text == text for ent in doc.ents)


def _wrapped_word(token) -> bool:
    """A capitalised word of the first half of a name broken after "and", whatever the
    model tagged it (not a sentence's first word)."""
    return token.pos_ in ("PROPN", "NOUN") and token.text[:1].isupper() and not token.is_sent_start


def _name_word(token) -> bool:
    """A capitalised word outside any other organisation: "Harper" in "Harper and Row
    Publishers Inc", which the model tags PERSON and leaves out of the ORG span."""
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.ent_type_ in ("", "PERSON", "GPE", "NORP")
        and not token.is_sent_start
    )
