"""The document's evidence that settles one label per name (issue 18).

A name with a corporate suffix or company word anywhere, after "X-based", in a slot only
a company fills ("agreed to acquire X"), or listed in the gazetteer of listed companies
(``pipeline/gazetteer.py``: it relabels or confirms a span of the model, never makes one)
is ORG; suffixed, initialled and acronym names are never PERSON.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..names import norm_key
from .lexicon import RELABEL, OrgLexicon, suffix_end

# Labels the gazetteer of listed companies may turn into ORG (the model's usual mistakes
# on company names: "Karge" as PERSON, "Konings" as GPE, "Mellor" as PRODUCT).
GAZETTEER_RELABEL = frozenset({"PERSON", "GPE", "PRODUCT", "FAC", "LOC", "WORK_OF_ART"})
# Words before a name that say the name is no person's: "a Boston-based Acme".
BASED_WORDS = frozenset({"based", "headquartered"})
# Deal slots only an organisation fills: the object of "acquire", the name after "the
# acquisition of", "a merger with", "shares of" ("agreed to acquire Pruschke Tex").
SLOT_VERBS = frozenset({"acquire", "buy", "purchase", "merge"})
SLOT_NOUNS = frozenset({"acquisition", "purchase", "merger", "takeover", "buyout", "shares", "stock"})
SLOT_PREPOSITIONS = frozenset({"of", "with"})
# Nouns whose "in" names the company held: "a 12 percent stake in X", "a stakeholder in X",
# "a funding round in X".
STAKE_NOUNS = frozenset({"stake", "stakeholder", "shareholding", "shareholder", "round"})
# Labels a deal slot turns into ORG.
SLOT_RELABEL = frozenset({"PERSON", "GPE", "PRODUCT", "FAC", "LOC", "WORK_OF_ART", "NORP"})
# Place abbreviations that make a name a company's, never a person's ("U.S. Bank").
PLACE_ABBREVIATIONS = frozenset({"U.S.", "U.K.", "U.S.A.", "US", "UK", "USA"})
# Titles before a person's name: the name after one is no company's.
PERSON_TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady"})


def suffixed_as_org(lex: OrgLexicon, ent: Span) -> Span:
    """A name ending in a corporate suffix or a company word is an organisation
    whatever the model tagged it ("Veltrano SpA" as PERSON, "Brennic Solar" as LOC)."""
    if ent.label_ in ("ORG", "MONEY", "PERCENT", "DATE", "CARDINAL"):
        return ent
    if ent.label_ in RELABEL and ent[0].text[:1].isupper():
        end = suffix_end(lex, ent.doc, ent.end)
        if end > ent.end:  # "J.K. Smithers" of "J.K. Smithers Co": never a person
            return Span(ent.doc, ent.start, end, label="ORG")
    if ent.label_ == "PERSON" and (
        (len(ent) == 1 and ent.text.isupper() and ent.text.isalpha() and 1 < len(ent.text) <= 5)
        or (len(ent) > 1 and any(token.text in PLACE_ABBREVIATIONS for token in ent))
    ):
        return Span(ent.doc, ent.start, ent.end, label="ORG")  # "CDT", "U.S. Bank": no person's name
    if len(ent) < 2:
        return ent
    last = ent[-1].text.rstrip(".").lower()
    if (last in lex.suffixes or last in lex.head_words) and ent[0].text[:1].isupper() and ent[-1].text[:1].isupper():
        return Span(ent.doc, ent.start, ent.end, label="ORG")
    return ent


def deal_slots(lex: OrgLexicon, doc: Doc, ents: list[Span]) -> list[Span]:
    """Names in a slot that only an organisation fills (:data:`SLOT_VERBS`,
    :data:`SLOT_NOUNS`): a span of another label there becomes ORG ("agreed to
    acquire Myrtelle", "Myrtelle was acquired by ..."), unless it is a place or a first name (the gazetteer's stop
    words). No span is made: a proper noun the model left out in a slot costs more
    deals than it gains."""
    if not doc.has_annotation("DEP"):
        return ents
    surnames = {ent[-1].lower_ for ent in ents if ent.label_ == "PERSON" and len(ent) > 1}
    out = []
    for ent in ents:
        if ent.label_ in SLOT_RELABEL and not _place(lex, ent):
            if (
                _in_slot(ent.root)
                or (
                    # "Quorvex acquired ...": a one-word person never named in full is a company
                    ent.label_ == "PERSON"
                    and len(ent) == 1
                    and ent.root.dep_ == "nsubj"
                    and ent.root.head.lemma_ in SLOT_VERBS
                    and ent.root.lower_ not in surnames
                )
                or (
                    ent.label_ in ("PERSON", "GPE")
                    and len(ent) == 1
                    and ent.root.dep_ == "nsubj"
                    and ent.root.lower_ not in surnames
                    and _deal_predicate(ent.root.head)
                )
                or (
                    # "the unit, bought last year by Yarrowby": the buyer
                    (ent.label_ != "PERSON" or len(ent) == 1 and ent.root.lower_ not in surnames)
                    and ent.root.dep_ == "pobj"
                    and ent.root.head.dep_ == "agent"
                    and ent.root.head.head.lemma_ in SLOT_VERBS
                )
            ):
                ent = Span(doc, ent.start, ent.end, label="ORG")
        out.append(ent)
    return out


def _in_slot(token) -> bool:
    """Whether ``token`` heads the object of a deal verb or noun, or the subject of a
    passive deal verb ("Myrtelle was acquired by ..."), or the company after "a stake
    in" ("a 9% stake in Quillon"); also a later conjunct of such a name ("the
    purchases of Alpha Pipeline and Beta Terminals")."""
    hops = 0
    while token.dep_ == "conj" and token.head.i < token.i and hops < 4:
        token = token.head
        hops += 1
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_ in STAKE_NOUNS:
        return True
    if token.dep_ == "dobj" and head.lemma_ in SLOT_VERBS:
        return True
    if token.dep_ == "nsubjpass" and head.lemma_ in SLOT_VERBS:
        return True  # "Myrtelle was acquired by ..."
    if token.dep_ == "pobj" and head.lower_ in SLOT_PREPOSITIONS and head.head.lemma_ in SLOT_NOUNS:
        return True
    return token.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_ == "merge"


def _deal_predicate(verb) -> bool:
    """The verb states a deal of its subject's: a deal verb itself, or one reached
    through "agreed to acquire", "entered into an agreement to acquire", "signed a deal
    to buy"."""
    if verb.lemma_ in SLOT_VERBS:
        return True
    for child in verb.children:
        if child.dep_ == "xcomp" and child.lemma_ in SLOT_VERBS:
            return True
        nouns = (
            [child]
            if child.dep_ == "dobj"
            else [c for c in child.children if c.dep_ == "pobj"]
            if child.dep_ == "prep"
            else []
        )
        for noun in nouns:
            if any(c.dep_ in ("acl", "relcl") and c.lemma_ in SLOT_VERBS for c in noun.children):
                return True
    return False


def _place(lex: OrgLexicon, span: Span) -> bool:
    """A place or a person's first name or surname ("Texas", "Jack"): a stop word of
    the gazetteer."""
    return norm_key(span.text) in lex.gazetteer.stop or span[0].lower_ in lex.gazetteer.stop and len(span) == 1


def settle_labels(lex: OrgLexicon, doc: Doc, ents: list[Span], forms: list[str]) -> tuple[list[Span], set[str]]:
    """One label per name in the document, from the evidence it gives: a name that
    carries a corporate suffix or company word anywhere ("Acme Corp" or the suffixed
    name in the text), follows "X-based", or is a listed company (the gazetteer, only
    for a span the model labelled PERSON, GPE, PRODUCT, FAC, LOC or WORK_OF_ART and
    not after "Mr."/"Ms.") is ORG wherever the model found it. Returns the entities
    and the keys (:func:`norm_key`) of the names with evidence."""
    evidence = {norm_key(form) for form in forms}
    persons: set[str] = set()
    for ent in ents:
        if ent.label_ == "ORG":
            last = ent[-1].lower_.rstrip(".")
            if len(ent) > 1 and (last in lex.suffixes or last in lex.head_words):
                evidence.add(norm_key(ent.text))
            elif norm_key(ent.text) in lex.gazetteer:
                evidence.add(norm_key(ent.text))  # confirmed: no vote turns it into a person
        elif ent.label_ == "PERSON" and len(ent) > 1:
            persons.add(ent[-1].lower_)  # "John Karge ... Karge": a surname
        if _after_based(ent) and ent.label_ != "NORP":
            evidence.add(norm_key(ent.text))  # not "its Vancouver-based Canadian unit"
    if not evidence and not any(ent.label_ in GAZETTEER_RELABEL for ent in ents):
        return ents, evidence
    out = []
    for ent in ents:
        if ent.label_ in RELABEL and ent.label_ != "ORG":
            key = norm_key(ent.text)
            if key in evidence or (
                ent.label_ in GAZETTEER_RELABEL
                and key in lex.gazetteer
                and key not in persons
                and not (ent.start > 0 and ent.doc[ent.start - 1].lower_ in PERSON_TITLES)
                and not _place_then_region(ent)
            ):
                evidence.add(key)
                ent = Span(doc, ent.start, ent.end, label="ORG")
        out.append(ent)
    return out, evidence


def _place_then_region(ent: Span) -> bool:
    """A place the model found, followed by a comma and the state or country it is in
    ("Huron, South Dakota"): a town, even if a listed company bears its name."""
    doc, i = ent.doc, ent.end
    return ent.label_ == "GPE" and i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].ent_type_ == "GPE"


def _after_based(ent: Span) -> bool:
    """The name follows "X-based" or "X-headquartered" ("a Boston-based Acme")."""
    doc, i = ent.doc, ent.start
    return i >= 2 and doc[i - 1].lower_ in BASED_WORDS and doc[i - 2].text == "-"
