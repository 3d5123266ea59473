"""Word lists, constants and small helpers over tokens and spans shared by the deal rules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Optional

from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Span, Token

from ..names import norm_key

ROLES = ("buyer", "target", "seller", "survivor")
# Word lists of triggers.yml: component attribute -> key in the file.
WORD_LISTS = {
    "reporting_verbs": "reporting_verbs",
    "ownership_nouns": "ownership_nouns",
    "unit_nouns": "unit_nouns",
    "non_deal_money": "non_deal_money_heads",
    "valuation_cues": "valuation_cues",
    "anaphora_nouns": "anaphora_nouns",
    "pronouns": "pronouns",
    "member_nouns": "member_nouns",
    "holding_nouns": "holding_nouns",
    "answer_verbs": "answer_verbs",
    "deal_nouns": "deal_nouns",
    "group_nouns": "group_nouns",
    "group_links": "group_links",
    "control_nouns": "control_nouns",
    "participation_nouns": "round_participation_nouns",
    "participation_verbs": "round_participation_verbs",
    "leader_verbs": "round_leader_verbs",
    "round_nouns": "round_nouns",
    "refusal_cues": "refusal_cues",
    "non_equity_funding": "non_equity_funding",
    "non_parties": "non_parties",
    "weak_raise_verbs": "weak_raise_verbs",
    "denial_cues": "denial_cues",
    "date_end_cues": "date_end_cues",
    "date_end_preps": "date_end_preps",
    "debt_nouns": "debt_nouns",
    "offering_nouns": "offering_nouns",
    "descriptor_nouns": "descriptor_nouns",
    "buyer_nouns": "buyer_nouns",
    "deliberation_verbs": "deliberation_verbs",
    "intention_verbs": "intention_verbs",
    "buyout_modifiers": "buyout_modifiers",
    "target_side_words": "target_side_words",
    "backing_nouns": "backing_nouns",
    "real_words": "not_misspellings",
}
# Parts of speech a trigger word found without a dependency pattern may have.
TRIGGER_POS = frozenset({NOUN, PROPN, VERB})
# Entity labels that can be a party to a deal (persons invest too).
PARTY_LABELS = frozenset({"ORG", "PERSON"})
# Entities that may head a party phrase: "49% of Scale AI", "35,000 Geisler shares".
QUANTITY_LABELS = frozenset({"PERCENT", "MONEY", "CARDINAL", "QUANTITY"})
# A trigger in a purpose or controlled clause of another trigger states the same deal:
# "invest $15 billion to acquire 49% of Y".
SAME_DEAL_DEPS = frozenset({"advcl", "xcomp"})
# Verbs whose subject a controlled verb shares: "X agreed to buy", "X plans to invest".
SUBJECT_SHARING_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# How far after a round noun its investors ("... round in May with X") and its date
# ("a funding round in 2024") may stand when the parse attaches them elsewhere.
ROUND_INVESTORS_WINDOW = 10
DATE_AFTER_NOUN = 3
# Tokens ("<", "the") that may stand between a verb and the organisation it takes.
ADJACENT_OBJECT_GAP = 3
# Reporting verbs whose object deal is the subject's own: "X announced the acquisition of Y".
ANNOUNCING_VERBS = frozenset({"announce", "unveil", "confirm", "disclose", "report"})
# Words that make money received a funding: "received $5 million in funding".
FUNDING_WORDS = frozenset({"funding", "financing", "investment", "capital", "round", "backing", "equity"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them"})
# The reporting company in its own words (filings): "we acquired Y", "the Company sold".
FIRST_PERSON = frozenset({"we", "our", "us", "ourselves"})
SELF_NOUNS = frozenset({"Company", "Partnership", "Registrant", "Corporation", "Trust", "Bank", "Fund"})
GENERIC_NAME_WORDS = frozenset(
    {"company", "partnership", "registrant", "corporation", "trust", "bank", "fund", "group"}
)
MISATTACHED_WINDOW = 6
# Labels the small model gives company names it does not know ("Wipstrik" a product).
MISLABELLED_NAMES = frozenset({"FAC", "PRODUCT", "WORK_OF_ART"})
# ... or a place, when it is the very subject or object of the deal verb ("Oosterhek acquired Echo Bay")
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Labels the model gives the name of a unit ("its Garrison Wire unit" as a facility).
UNIT_NAME_LABELS = frozenset({"", "GPE", "PERSON", "NORP", "FAC", "PRODUCT", "LOC", "WORK_OF_ART"})
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
# How far (in words) back the person a "he" stands for may be named.
PERSON_PRONOUN_WINDOW = 80
SUFFIX_WORDS = frozenset(
    {
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "ltd",
        "limited",
        "llc",
        "lp",
        "llp",
        "plc",
        "sa",
        "ag",
        "nv",
        "bv",
        "gmbh",
        "se",
        "spa",
        "srl",
        "sro",
        "sarl",
        "kk",
        "pte",
        "pty",
        "oy",
        "oyj",
        "ab",
        "as",
        "asa",
    }
)
# Subjects that name a round's investors: "The investors were X and Y".
INVESTOR_NOUNS = frozenset(
    {"investor", "backer", "participant", "investors", "backers", "participants", "shareholder", "shareholders"}
)
MONEY_NOUNS = frozenset({"money", "cash", "proceeds", "funds", "fund"})
# How a group names its members: "a consortium of A and B", "investors including A and
# B", "a group made up of A and B" / "comprising A and B".
MEMBER_PREPS = frozenset({"of", "including", "includes"})
MEMBER_VERBS = frozenset({"make", "compose", "consist"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})
DATELINE_FOLLOWERS = frozenset({"(", ",", "-", "--", "\u2014", "\u2013"})
# Noun triggers that state a deal with a named target and no buyer ("the acquisition of Y").
MISATTACHED_STOPS = frozenset({"for", ",", ";", ".", "in", "at", "which", "who", "that", "from"})
# Smaller amounts are prices per share, not what a deal is worth.
MIN_DEAL_AMOUNT = 1000.0
NOUN_CLIMB_DEPS = frozenset({"dobj", "pobj", "prep", "attr", "nsubj", "nsubjpass"})
# Arcs that leave the trigger's clause: words above them ("may downgrade X because Y
# made an offer", "said") do not set the deal's status.
CLAUSE_BOUNDARY_DEPS = frozenset({"advcl", "ccomp", "relcl", "conj", "parataxis"})
# How a deal hangs from a word of negotiation: "talks to buy" (acl), "talks on a merger"
# (pobj, prep), "talks about acquiring" (pcomp), at most two arcs up.
TALKS_LINK_DEPS = frozenset({"acl", "xcomp", "pcomp", "pobj", "prep"})
TALKS_MAX_STEPS = 2
# Words by which a bid's target takes it: the bid becomes an agreed deal.
ACCEPTING_WORDS = frozenset({"agree", "accept", "approve", "sign"})
# Nouns of negotiation: a deal under them is rumored.
NEGOTIATION_WORDS = frozenset({"talk", "discussion", "negotiation", "rumor", "rumour", "speculation"})
MODALS = frozenset({"may", "might", "could", "would"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
ROUND_RE = re.compile(
    r"\b(?:Series\s+([A-J])(?:-?\d)?\b|(pre-seed|seed)\s+(?:round|funding|financing)|(IPO|initial public offering))",
    re.I,
)
# Tokens between a money amount and its trigger that we may walk through.
MAX_MONEY_HOPS = 4
STAKE_FOR_ACQUISITION = 50.0
# The farthest an amount, stake or date that belongs to a trigger can hang below it (or
# below its head or the head's head: _hops_to), in arcs, and stand before or after it
# in words (_just_before, DATE_AFTER_NOUN): only these are looked at for a trigger,
# not every entity of its sentence.
NEAR_ENTITY_ARCS = MAX_MONEY_HOPS + 2
NEAR_ENTITY_WORDS = 4
# How far a word that makes a date the end of a period may stand: arcs above the date
# (below the trigger), words before it (DealRelations._ends_a_period).
DATE_END_ARCS = 4
DATE_END_WORDS = 3


# Words that may stand between a possessor and its noun trigger besides the amount:
# "X's proposed 18.75 dlr per share cash acquisition of Y".
PRICE_WORDS = frozenset({"per", "a", "an", "share", "cash", "all"})


COMBINED_WORDS = frozenset({"combined", "merged", "enlarged", "new"})


def is_dateline(ent: Span) -> bool:
    """A place in capitals opening a paragraph before "(Agency)", a comma or a dash:
    "SEOUL (Yonhap) --", "FRANKFURT, Jan 14 (Finwire) -"."""
    doc = ent.doc
    if not any(c.isalpha() for c in ent.text) or not ent.text.isupper() or ent.end >= len(doc):
        return False
    opens = ent.start == 0 or "\n" in doc[ent.start - 1].text_with_ws or doc[ent.start - 1].is_space
    return opens and doc[ent.end].text in DATELINE_FOLLOWERS


def suffix_only(span: Span) -> bool:
    """A corporate suffix alone ("LLC", "Inc.", "L.L.P."): the end of a name cut at its comma."""
    words = re.findall(r"[a-z]+", span.text.lower().replace(".", ""))
    return bool(words) and all(w in SUFFIX_WORDS for w in words)


def hyphened(token: Token) -> Optional[tuple[str, int]]:
    """The word a token ends when the tokenizer split it at a hyphen ("start-up" as
    "start", "-", "up"), with the index of its first part; else None."""
    doc = token.doc
    i = token.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        return f"{doc[i - 2].lower_}-{token.lower_}", i - 2
    return None


def ends_in_suffix(text: str) -> bool:
    """A name ending in a corporate suffix ("Reuters Holdings PLC", "Dow Jones and Co")."""
    words = re.findall(r"[a-z]+", text.lower().replace(".", ""))
    return len(words) >= 2 and words[-1] in SUFFIX_WORDS


def alias_in_brackets(span: Span) -> bool:
    """A short name given in brackets after the full one: "Builders Inc. (\"BTI\")",
    "(collectively, CMA)"."""
    doc = span.doc
    before = [t.text for t in doc[max(span.start - 3, 0) : span.start]]
    after = doc[span.end].text if span.end < len(doc) else ""
    return (
        "(" in before
        and after in (")", '"', "\u201d", "'")
        and all(t not in (")",) for t in before[before.index("(") :])
    )


def voice(verb: Token) -> str:
    if verb.pos_ not in ("VERB", "AUX"):
        return "noun"
    return "passive" if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) else "active"


def generic_name(span: Span) -> bool:
    """ "Company", "the Partnership" taken for a name: the filer, not a named party."""
    words = [t.lower_ for t in span if t.lower_ != "the"]
    return bool(words) and all(w in GENERIC_NAME_WORDS for w in words)


def ancestors_below(token: Token, top: Token) -> list[Token]:
    """``token`` and its ancestors up to (not including) ``top``."""
    chain = []
    node = token
    while node.i != top.i and node.head.i != node.i:
        chain.append(node)
        node = node.head
    return chain


def bracketed(token: Token) -> bool:
    """A ticker symbol: "<BLDS.ST>" in "Rodgers AB <BLDS.ST> said"."""
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "<" and doc[token.i + 1].text == ">"


def same_party(a: Span, b: Span) -> bool:
    return party_key(a) == party_key(b)


def party_key(span: Span) -> str:
    return norm_key(span._.canonical or span.text)


def unique_parties(spans: Iterable[Span]) -> list[Span]:
    seen, out = set(), []
    for span in spans:
        key = party_key(span)
        if key not in seen:
            seen.add(key)
            out.append(span)
    return out


def per_share_word(token) -> bool:
    """ "share" in a price per share ("40 dlrs a share", "$5 per share")."""
    return (
        token.lemma_.lower() == "share" and token.i > 0 and token.doc[token.i - 1].lower_ in ("a", "per", "each", "/")
    )


# Descriptor nouns that also begin company names ("Carrier Corp", "Network Rail"): kept.
NAME_STARTS = frozenset(
    {"service", "network", "platform", "site", "chain", "brand", "studio", "label", "peer", "carrier"}
)


def without_descriptor(ctx, ent: Span) -> Span:
    """ "Insurer Eberth Life will sell ...": a descriptor noun opening a sentence, taken
    into the name by the tagger, is no part of it."""
    first = ent[0]
    lemma = first.lower_
    if (
        len(ent) >= 3
        and first.is_sent_start
        and lemma not in NAME_STARTS
        and (lemma in ctx.lex.descriptor_nouns or lemma in ("insurer", "retailer", "maker", "startup", "lender"))
        and all(t.text[:1].isupper() for t in ent[1:])
    ):
        return Span(ent.doc, ent.start + 1, ent.end, label=ent.label_)
    return ent


def prep_objects(token: Token, *words: str) -> list[Token]:
    """The objects of ``token``'s prepositions ``words``: "talks with X and Y" -> [X]
    (the head of each object; its conjuncts are the caller's to expand)."""
    return [
        pobj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in words
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def named_holdings_for(ctx, token: Token, after: Token) -> list[Token]:
    """The objects of ``token``'s "for" after ``after`` that name what a bid is for: a
    company (an ORG) or a holding noun the model left untagged or called a percentage
    ("for 22 pct of Y", "for Y's common stock"), never an amount or a purpose ("for
    cash", "for investment purposes")."""
    holding_nouns = ctx.lex.holding_nouns
    return [
        o
        for o in prep_objects(token, "for")
        if o.i > after.i
        and (
            (ent := ctx.index.ent_at[o.i]) is not None
            and ent.label_ == "ORG"
            or (ent is None or ent.label_ == "PERCENT")
            and o.pos_ == "NOUN"
            and (o.lemma_.lower() in holding_nouns or o.lower_ in holding_nouns)
        )
    ]


def subjects_above(token: Token) -> Iterator[Token]:
    """The subjects of the clauses above ``token``, nearest first, that stand before it
    and do not hold it ("X and Y said they ...": the subject of "said" for "they")."""
    node = token
    while node.head.i != node.i:
        node = node.head
        subject = next((c for c in node.children if c.dep_ in SUBJECT_DEPS and c.i < token.i), None)
        if subject is None or subject.left_edge.i <= token.i <= subject.right_edge.i:
            continue
        yield subject


# how a verb hangs from the clause whose subject does what it says: "decided to reject",
# "rejected it, saying ...", "had no hesitation in rejecting"
# "received and rejected the offer": a conjoined verb shares the first verb's subject
CONTROL_CLIMB_DEPS = frozenset({"pcomp", "xcomp", "advcl", "conj"})


def controlling_subject(verb: Token, steps: int = 3) -> Optional[Token]:
    """The subject of ``verb``, or of the clause it is controlled by: "Y's directors decided
    to reject the bid", "Y's board had no hesitation in rejecting the bid" (the board)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    for _ in range(steps):
        if subject is not None or verb.dep_ not in CONTROL_CLIMB_DEPS or verb.head.i == verb.i:
            break
        if verb.dep_ == "conj" and verb.head.pos_ not in ("VERB", "AUX"):
            break
        verb = verb.head
        if verb.dep_ == "prep":
            verb = verb.head  # "in rejecting": the word the preposition modifies
        if verb.pos_ == "NOUN" and verb.dep_ in ("dobj", "attr") and verb.head.i != verb.i:
            verb = verb.head  # "had no hesitation in rejecting": the verb of that noun
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject
