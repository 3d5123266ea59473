"""Names the sentence treats as a company's (issue 18): what is said of a name settles its
label when the model left it untagged or called it a person, a product or a work.

- the subject of a verb only a company is the subject of, in the present tense of a
  business description ("Quorvale manufactures valves", "Brenlow competes with ...");
- the subject of a verb whose object or prepositional object is ``its`` something
  ("Halvern cut its dividend"), and the first of "X and its
  subsidiaries": a person's would be "his" or "her";
- the possessor of a noun only a company has ("Tavrin's shareholders", "Tavrin's
  products"), and the issuer of shares ("Tavrin shares fell", "shares in Tavrin rose":
  also a name labelled a place, unless the stop list holds it: "shares in Frankfurt");
- the employer after a job title ("treasurer of Brannock", "a director at
  Quessel");
- what a copula, a group noun or a deal noun says: "Pellmore is a subsidiary of ...",
  "a subsidiary of Pellmore", "the Pellmore acquisition";
- the subject of a verb whose object only a company has: "Pellmore completed the sale
  of ...", "posted a profit", "entered into an agreement", "recorded a charge";
- the object of "joined" ("Mr. Roe joined Pellmore"), the subject of "was incorporated",
  the name before a capitalised job title before a person ("Pellmore CFO Jane Roe");
- the members of a "such as" list after a plural company noun ("airlines such as
  Pellmore, Brisk and Tarn");
- the owner before "-owned", "-controlled", "-backed" ("Pellmore-owned Brisk Group",
  never a person's), a name labelled a person or place right after "subsidiary" ("its
  subsidiary Pellmore Trains": relabelled only);
- the owner in a possessive that lost its apostrophe ("Pellmore s trucks"; a
  person's only before a noun only a company has);
- a name listed with organisations ("Alpha Corp, Beta and Gamma Holdings"), when it is
  labelled a person, product or work.

A name is never a place or a first name of the gazetteer's stop list, and never follows
"Mr."/"Ms."; a one-word name the document also gives as a person's surname stays a
person. Untagged names become ORG spans only from the first three kinds of evidence and
only when all their words are capitalised proper nouns. Every test starts from entities or
from a few word forms (``its``, "'s", the company verbs), never from every token.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..names import norm_key
from .lexicon import OrgLexicon

# Verbs whose subject, in the present tense ("provides", "competes"), is a company.
COMPANY_VERBS = frozenset(
    {"manufacture", "provide", "compete", "distribute", "supply", "operate", "license", "employ", "market"}
    | {"offer", "specialize"}
)
_COMPANY_VERB_IDS = frozenset(get_string_id(word) for word in sorted(COMPANY_VERBS))
# Nouns a company owns and a person does not (the possessor of "'s" before them).
OWNED_NOUNS = frozenset(
    {
        "shareholders",
        "stockholders",
        "subsidiary",
        "subsidiaries",
        "products",
        "revenue",
        "revenues",
        "earnings",
        "customers",
        "stores",
        "plants",
        "brands",
        "headquarters",
        "workforce",
        "employees",
        "unit",
        "division",
        "facility",
        "facilities",
        "banks",
        "operations",
        "results",
    }
)
# Job titles whose "of"/"at" names an employer.
TITLE_WORDS = frozenset(
    {
        "officer",
        "president",
        "director",
        "directors",
        "chairman",
        "chairwoman",
        "controller",
        "treasurer",
        "secretary",
        "executive",
        "manager",
        "counsel",
        "founder",
        "co-founder",
        "ceo",
        "cfo",
        "coo",
        "cto",
        "employee",
        "analyst",
        "economist",
        "spokesman",
        "spokeswoman",
    }
)
# "X is a subsidiary/maker of ...": X is a company.
KIND_NOUNS = frozenset(
    {"subsidiary", "affiliate", "provider", "manufacturer", "maker", "company", "firm", "distributor", "supplier"}
    | {"retailer", "lender", "insurer", "corporation", "partnership", "conglomerate", "startup", "developer"}
)
# "a subsidiary of X", "an affiliate of X": X is a company.
GROUP_NOUNS = frozenset({"subsidiary", "subsidiaries", "affiliate", "affiliates", "division", "unit"})
# "the X acquisition", "the X merger": X is a company.
DEAL_NOUNS = frozenset({"acquisition", "merger", "takeover", "buyout", "bid"})
_KIND_IDS = frozenset(get_string_id(word) for word in sorted(KIND_NOUNS | GROUP_NOUNS | DEAL_NOUNS))
# Verbs whose subject is a company when their object is one of these nouns ("completed
# the sale of", "posted a profit", "entered into an agreement").
RESULT_VERBS = {
    "complete": frozenset({"sale", "acquisition", "merger", "purchase", "divestiture", "offering", "spin-off"}),
    "post": frozenset({"profit", "loss", "revenue", "revenues", "earnings", "jump", "rise", "decline", "drop"}),
    "report": frozenset({"profit", "loss", "revenue", "revenues", "earnings", "sales"}),
    "enter": frozenset({"agreement", "merger", "contract"}),
    "record": frozenset({"liability", "charge", "gain", "loss", "impairment", "revenue", "revenues"}),
}
_EMPLOYER_IDS = frozenset(get_string_id(word) for word in sorted(TITLE_WORDS | {"board", "firm"}))
_JOIN_IDS = frozenset(get_string_id(word) for word in ("join", "incorporate"))
# Capitalised words of a job title between an employer and a person: "Quessel CFO Jane Roe".
TITLE_CAPS = frozenset(
    {"ceo", "cfo", "coo", "cto", "chief", "executive", "financial", "operating", "officer", "president"}
    | {"chairman", "chairwoman", "director", "vice", "senior", "general", "counsel", "founder", "co-founder"}
    | {"managing", "partner", "treasurer", "secretary", "head"}
)
# Words that qualify the post, never part of the employer's name: "Former Quessel CEO Jane Roe".
POST_MODIFIERS = frozenset({"former", "ex", "acting", "interim", "outgoing", "incoming", "retired", "then"})
_RESULT_VERB_IDS = frozenset(get_string_id(word) for word in sorted(RESULT_VERBS))
# A company raises money in a round: "X raised $5m in a Series A", "... in a seed funding round",
# "X announced $5m in Series B funding" (the round on the amount).
_RAISE_IDS = frozenset(get_string_id(word) for word in ("raise", "announce", "close", "secure", "land"))
ROUND_NOUNS = frozenset({"round", "funding", "financing"})
ROUND_WORDS = frozenset({"series", "seed"})
# A round belongs to the company that raises it: "Y's Series C round", "a $9m round in Y".
_ROUND_IDS = frozenset(get_string_id(word) for word in ("round", "rounds"))
# Labels such evidence turns into ORG (never GPE or NORP: "China raised its rates").
RELABEL_HERE = frozenset({"PERSON", "PRODUCT", "WORK_OF_ART", "FAC", "LOC"})
PERSON_TITLES = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady", "messrs", "messrs."}
)
_ITS = frozenset({get_string_id("its")})
_POSSESSIVE = frozenset({get_string_id("'s"), get_string_id("’s"), get_string_id("s")})
# Words of a class of stock: "Class A Common Stock", "Series B Preferred shares".
STOCK_WORDS = frozenset({"common", "preferred", "ordinary", "class", "series", "treasury", "bonus", "voting"})
_SHARES = frozenset({get_string_id("shares"), get_string_id("stock")})


def company_predicates(lex: OrgLexicon, doc: Doc, ents: list[Span]) -> tuple[list[Span], list[str]]:
    """``ents`` with the names of the module docstring labelled ORG (new spans for the
    untagged ones), and the texts of those names (their evidence for the rest of the
    document)."""
    if not len(doc) or not doc.has_annotation("DEP"):
        return ents, []
    surnames = {ent[-1].lower_ for ent in ents if ent.label_ == "PERSON" and len(ent) > 1}
    # the Doc's LOWER and LEMMA columns once, searched once for all anchor words
    columns = doc.to_array([LOWER, LEMMA])
    lowers = {i: int(columns[i, 0]) for i in _hits(columns[:, 0], _ALL_LOWERS)}
    lemmas = {i: int(columns[i, 1]) for i in _hits(columns[:, 1], _ALL_LEMMAS)}
    by_token = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    marked: dict[int, Span] = {}  # start -> span to relabel or add

    def mark(token, make: bool, one_word: bool = False, places: bool = False, persons: bool = True) -> None:
        ent = by_token.get(token.i)
        if ent is not None:
            if (
                (ent.label_ in RELABEL_HERE or places and ent.label_ == "GPE")
                and (persons or ent.label_ != "PERSON")
                and ent.root.i == token.i
                and not (one_word and ent.label_ == "PERSON" and len(ent) > 1)
            ):
                start = _untagged_start(doc, ent.start, by_token)  # "DS" of "DS Smith" tagged PERSON
                span = Span(doc, start, ent.end, label="ORG")
                if _may_be_company(lex, span, surnames):
                    marked[start] = span
            return
        if make:
            span = _untagged_name(doc, token, by_token)
            if span is not None and _may_be_company(lex, span, surnames):
                marked[span.start] = span

    for at in _indices(lemmas, _COMPANY_VERB_IDS):
        verb = doc[at]
        if verb.tag_ != "VBZ":
            continue
        for child in verb.children:
            if child.dep_ == "nsubj":
                mark(child, True, one_word=True)
    for at in _indices(lowers, _ITS):
        noun = doc[at].head
        if doc[at].dep_ != "poss" or noun.lower_ in TITLE_WORDS:
            continue  # "X, serving as its chairman": a person
        if noun.dep_ == "conj" and noun.head.i < noun.i:
            if at and doc[at - 1].lower_ in ("and", "&") and noun.lower_ not in TITLE_WORDS:
                mark(noun.head, True)  # "Tavrin and its subsidiaries" (not "Jane Roe, its treasurer")
            continue
        verb = noun.head if noun.dep_ in ("dobj", "attr") else None
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX"):
            verb = noun.head.head
        if verb is not None and verb.i < at:  # not "Since its founding, Jane Roe has ..."
            for child in verb.children:
                if child.dep_ == "nsubj" and child.i < verb.i:
                    mark(child, True, one_word=True)
    for at in _indices(lowers, _SHARES):
        # "Veltra shares fell", "shares in Veltra rose": the issuer (not "Common Stock",
        # "Class B shares")
        for child in doc[at].children:
            if (
                doc[at].text.islower()
                and child.dep_ == "compound"
                and child.i == at - 1
                and len(child.text) > 1
                and child.lower_ not in STOCK_WORDS
                and not (at >= 2 and doc[at - 2].lower_ in STOCK_WORDS)
            ):
                mark(child, True, places=True)
        if at + 2 < len(doc) and doc[at + 1].lower_ == "in" and doc[at].i == doc[at + 1].head.i:
            for child in doc[at + 1].children:
                if child.dep_ == "pobj" and child.pos_ == "PROPN":
                    mark(child, True, places=True)
    for at in _indices(lowers, _POSSESSIVE):
        owner = doc[at - 1] if at else None
        if owner is None or not owner.text[:1].isupper():
            continue
        if doc[at].text == "s":
            # "Acme s results", "Acme s trucks": a possessive that lost its apostrophe;
            # a person's ("Mr. Roe s salary") only before a noun only a company has
            owned = at + 1 < len(doc) and doc[at + 1].lower_ in OWNED_NOUNS
            mark(owner, True, places=True, persons=owned)
        elif owner.dep_ == "poss" and owner.head.lower_ in OWNED_NOUNS:
            mark(owner, True, places=True)
    for at in _indices(lowers, _OWNED_BY):
        if (
            at >= 2
            and doc[at - 1].text == "-"
            and not doc[at - 1].whitespace_
            and not doc[at - 2].whitespace_
            and doc[at - 2].pos_ == "PROPN"
        ):
            mark(doc[at - 2], True, persons=False)  # "Pellmore-owned Brisk Group"
    for at in _indices(lowers, _SUCH):
        # "airlines such as Alpha, Beta and Gamma", "rivals such as X": the list
        if at + 2 < len(doc) and doc[at + 1].lower_ == "as" and doc[at + 1].head.lemma_ in LIST_NOUNS:
            for child in doc[at + 1].children:
                if child.dep_ == "pobj":
                    for member in (child, *(t for t in child.subtree if t.dep_ == "conj")):
                        if member.pos_ == "PROPN":
                            mark(member, True, places=True)
    for at in _indices(lowers, _KIND_IDS):
        noun = doc[at]
        if noun.dep_ == "attr" and noun.head.lemma_ == "be" and noun.lower_ in KIND_NOUNS:
            for child in noun.head.children:
                if child.dep_ == "nsubj" and child.i < noun.head.i:
                    mark(child, True, one_word=True)  # "Pellmore is a subsidiary of ..."
        if noun.lower_ in GROUP_NOUNS and noun.text.islower() and at + 1 < len(doc):
            ent = by_token.get(at + 1)
            if ent is not None and ent.start == at + 1:
                mark(ent.root, False, places=True)  # "its subsidiary Pellmore Trains" (never a new span)
        if noun.lower_ in GROUP_NOUNS and at + 2 < len(doc) and doc[at + 1].lower_ == "of":
            for child in doc[at + 1].children:
                if child.dep_ == "pobj" and child.pos_ == "PROPN":
                    mark(child, True, places=True)  # "a subsidiary of Pellmore"
        if noun.lower_ in DEAL_NOUNS and noun.text.islower():
            for child in noun.children:
                if child.dep_ == "compound" and child.i == at - 1 and child.pos_ == "PROPN":
                    mark(child, True, places=True)  # "the Pellmore acquisition"
    for at in _indices(lowers, _EMPLOYER_IDS):
        for prep in doc[at].children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "at"):
                for child in prep.children:
                    if child.dep_ == "pobj" and child.pos_ == "PROPN":
                        # "treasurer of Brannock", "the board of Quessel"; a capitalised title is
                        # written before a name: "Vice President of Finance Jane Roe" stays a person
                        mark(child, True, places=True, one_word=doc[at].text[:1].isupper())
    for at in _indices(lemmas, _JOIN_IDS):
        verb = doc[at]
        for child in verb.children:
            if verb.lemma_ == "join" and child.dep_ == "dobj" and child.pos_ == "PROPN":
                mark(child, True, places=True)  # "Mr. Roe joined Quessel in 2006"
            elif verb.lemma_ != "join" and verb.tag_ == "VBN" and child.dep_ == "nsubjpass":
                mark(child, True, places=True)  # "Quessel was incorporated in Delaware"
    for at in _indices(lemmas, _RESULT_VERB_IDS):
        verb = doc[at]
        objects = [child for child in verb.children if child.dep_ == "dobj"]
        objects += [
            grandchild
            for child in verb.children
            if child.dep_ == "prep" and child.lower_ == "into"
            for grandchild in child.children
            if grandchild.dep_ == "pobj"
        ]
        if any(obj.lemma_ in RESULT_VERBS[verb.lemma_] for obj in objects):
            for child in verb.children:
                if child.dep_ == "nsubj" and child.i < verb.i:
                    mark(child, True, one_word=True, places=True)  # "Pellmore completed the sale of ..."
    for at in _indices(lemmas, _RAISE_IDS):
        verb = doc[at]
        holders = [verb]  # "raised $5m in a round"
        if verb.lemma_ != "raise":  # "announced $5m in Series B funding" (the round on the amount)
            holders = [child for child in verb.children if child.dep_ == "dobj" and child.ent_type_ == "MONEY"]
        rounds = [
            noun
            for holder in holders
            for child in holder.children
            if child.dep_ == "prep" and child.lower_ == "in"
            for noun in child.children
            if noun.dep_ == "pobj"
            and (noun.lemma_ in ROUND_NOUNS or any(word.lower_ in ROUND_WORDS for word in noun.children))
        ]
        if rounds:
            for child in verb.children:
                if child.dep_ == "nsubj" and child.i < verb.i and not _named_apposition(child):
                    mark(child, True, one_word=True, places=True)  # "Quillon raised $5m in a Series A"
    for at in _indices(lowers, _ROUND_IDS):
        noun = doc[at]
        for child in noun.children:
            if child.dep_ == "poss" and child.pos_ == "PROPN":
                mark(child, True, one_word=True, places=True)  # "Pinecrest joined Tessaly's Series C round"
            elif child.dep_ == "prep" and child.lower_ == "in" and noun.text.islower():
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                        mark(obj, True, one_word=True, places=True)  # "led a $9m round in Korvel"
    for ent in ents:
        if ent.label_ == "PERSON":
            _before_title(doc, ent, by_token, marked, lambda span: _may_be_company(lex, span, surnames))
        if ent.label_ not in RELABEL_HERE:
            continue
        root = ent.root
        if ent.label_ != "PERSON" and (root.dep_ == "conj" or any(child.dep_ == "conj" for child in root.children)):
            if _listed_with_orgs(root, by_token):
                mark(root, False)
    if not marked:
        return ents, []
    taken = {i for span in marked.values() for i in range(span.start, span.end)}
    kept = [ent for ent in ents if not taken.intersection(range(ent.start, ent.end))]
    found = sorted(marked.values(), key=lambda span: span.start)
    return sorted(kept + found, key=lambda span: span.start), [span.text for span in found]


# Plural nouns whose "such as" list names companies: "competitors such as X, Y and Z".
LIST_NOUNS = frozenset(
    {"company", "competitor", "customer", "carrier", "firm", "bank", "exchange", "provider", "manufacturer"}
    | {"retailer", "lender", "insurer", "client", "supplier", "distributor", "automaker", "airline", "rival"}
)
_SUCH = frozenset({get_string_id("such")})
_OWNED_BY = frozenset(get_string_id(word) for word in ("owned", "controlled", "backed", "funded"))
_ALL_LOWERS = numpy.array(
    sorted(
        set(_ITS)
        | set(_SHARES)
        | set(_POSSESSIVE)
        | set(_KIND_IDS)
        | set(_EMPLOYER_IDS)
        | set(_OWNED_BY)
        | set(_SUCH)
        | set(_ROUND_IDS)
    ),
    dtype=numpy.uint64,
)
_ALL_LEMMAS = numpy.array(
    sorted(set(_COMPANY_VERB_IDS) | set(_JOIN_IDS) | set(_RESULT_VERB_IDS) | set(_RAISE_IDS)), dtype=numpy.uint64
)


def _hits(column, table) -> list[int]:
    """The indices of the tokens whose value in ``column`` is in the sorted ``table``."""
    at = numpy.searchsorted(table, column)
    at[at == len(table)] = 0
    return numpy.flatnonzero(table[at] == column).tolist()


def _indices(found: dict[int, int], hashes) -> list[int]:
    """The indices among ``found`` (index -> value) whose value is one of ``hashes``."""
    return [i for i, value in found.items() if value in hashes]


def _before_title(doc: Doc, person: Span, by_token: dict[int, Span], marked: dict[int, Span], may) -> None:
    """The untagged name before a capitalised job title before a person: "Quessel CFO
    Jane Roe to speak at ...": an ORG span in ``marked``."""
    i = person.start - 1
    while i >= 0 and doc[i].lower_ in TITLE_CAPS and doc[i].text[:1].isupper():
        i -= 1
    if i == person.start - 1 or i < 0:
        return
    end = i + 1
    start = end
    while (
        start > 0
        and end - start < 4
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].text[:1].isupper()
        and ((start - 1) not in by_token or by_token[start - 1].end > end)  # "Quessel CFO" as one PERSON
        and doc[start - 1].lower_ not in TITLE_CAPS
        and doc[start - 1].lower_ not in POST_MODIFIERS
    ):
        start -= 1
        if doc[start].is_sent_start:
            break
    if start < end:
        span = Span(doc, start, end, label="ORG")
        if may(span):
            marked[start] = span


def _listed_with_orgs(root, by_token: dict[int, Span]) -> bool:
    """A conjunct of the list ``root`` stands in is an ORG span."""
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    members = [first, *(token for token in first.subtree if token.dep_ == "conj" and token.head.i >= first.i)]
    return any(
        (ent := by_token.get(member.i)) is not None and ent.label_ == "ORG" for member in members if member.i != root.i
    )


def _named_apposition(token) -> bool:
    """Whether a name stands in apposition to ``token`` ("Nairobi start-up Quillon, ...":
    the name, not the word before it, is the subject's company)."""
    return any(child.dep_ == "appos" and child.pos_ == "PROPN" for child in token.children)


def _untagged_start(doc: Doc, start: int, by_token: dict[int, Span]) -> int:
    """``start`` moved back over the untagged capitalised proper nouns compounded onto
    the name."""
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].dep_ == "compound"
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].lower_ not in PERSON_TITLES
        and (start - 1) not in by_token
    ):
        start -= 1
    return start


def _untagged_name(doc: Doc, token, by_token: dict[int, Span]) -> Span | None:
    """The untagged name ``token`` ends: it and the compounds before it, all capitalised
    proper nouns outside any entity."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return None
    start = _untagged_start(doc, token.i, by_token)
    if any(not doc[i].is_alpha and not doc[i].text[:1].isupper() for i in range(start, token.i + 1)):
        return None
    return Span(doc, start, token.i + 1, label="ORG")


def _may_be_company(lex: OrgLexicon, span: Span, surnames: set[str]) -> bool:
    """Not a place or a first name (the gazetteer's stop words), not after a person's
    title, not a one-word surname of a person the document names in full."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in PERSON_TITLES:
        return False
    if norm_key(span.text) in lex.gazetteer.stop or span[0].lower_ in lex.gazetteer.stop:
        return False
    if len(span) == 1 and (
        span[0].lower_ in lex.suffixes or span[0].lower_ in lex.head_words or span[0].lower_ in lex.generic_words
    ):
        return False  # "the Company s operations", "the Partnership"
    return not (len(span) == 1 and span[0].lower_ in surnames)
