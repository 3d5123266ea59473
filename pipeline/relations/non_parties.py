"""What may never be a party: a regulator, court, exchange or news agency, a dateline, an
index, a company's other name, a person who only speaks of a deal, a company named only
in the phrase of a subject that is a thing."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..names import norm_key
from ..orgs.surgery import BYLINE_DASHES
from . import common


def non_party(ctx, ent: Span) -> bool:
    """A regulator, court, exchange or news agency ("the SEC"); not a company of that
    name with its legal suffix ("Reuters Holdings PLC" buys and is bought)."""
    if common.is_dateline(ent) or byline(ent) or document_name(ent) or named_thing(ent) or other_name(ent):
        return True
    if not (common.party_key(ent) in ctx.lex.non_party_keys or norm_key(ent.text) in ctx.lex.non_party_keys):
        return False
    return not any(common.ends_in_suffix(text) for text in (ent.text, ent._.canonical or ""))


# Nouns that head the name of a document or a law, never of a party: "the Stock Purchase
# Agreement", "the 2019 Incentive Plan", "the Securities Act".
DOCUMENT_HEADS = frozenset({"agreement", "agreements", "plan", "act", "contract"})


def document_name(span: Span) -> bool:
    """A name headed by a document's noun ("Purchase Agreement")."""
    return len(span) > 0 and span[-1].lower_ in DOCUMENT_HEADS


# Rules of issue 17 (parties on unseen text) to switch off for an A/B run, by name: things,
# speakers, titles, names, holdings, holders, instruments, idioms, later, subjects, agents,
# answerer, bidders. All on.
AB_OFF: list[str] = []

# Nouns that head the name of a court or a commission, which rules on deals and never
# makes one: "the U.S. District Court", "the state Utilities Commission".
JUDGE_HEADS = frozenset({"court", "courts", "commission", "tribunal"})


def named_thing(span: Span) -> bool:
    """A name that is not an organisation's: a court's or a commission's ("the U.S.
    District Court ... enjoining X's tender offer"), or a name with its number, which
    names a market index or a product ("the S&P 500 has gained 10%", "a Boeing 737")."""
    if not span or "things" in AB_OFF:
        return False
    last = span[-1]
    if last.lower_ in JUDGE_HEADS and last.text[:1].isupper():
        return True
    doc = span.doc
    if span.end >= len(doc):
        return False
    number = doc[span.end]
    return (
        number.dep_ == "nummod"
        and number.head.i in range(span.start, span.end)
        and number.text[:1].isdigit()
        and number.ent_type_ in ("", "CARDINAL", "PRODUCT")
    )


def byline(ent: Span) -> bool:
    """A name opening a paragraph before a spaced dash with no dash closing it in the
    sentence (an outlet before the lead, not a name set off by a pair of dashes)."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text not in BYLINE_DASHES or not doc[ent.end].whitespace_:
        return False
    if ent.start > 0 and not (doc[ent.start - 1].is_space or "\n" in doc[ent.start - 1].whitespace_):
        return False
    return not any(token.text in BYLINE_DASHES and token.whitespace_ for token in doc[ent.end + 1 : ent.sent.end])


def listing(ctx, ent: Span) -> bool:
    """A name that opens a bracket and gives a listing, not a party: "Z's Entertainment
    (NYSE: ZZZ)", "(Nasdaq)"; an exchange, or a name before a colon in the bracket."""
    doc = ent.doc
    if ent.start == 0 or doc[ent.start - 1].text not in ("(", "["):
        return False
    if non_party(ctx, ent):
        return True
    return any(t.text == ":" for t in doc[ent.end : min(len(doc), ent.end + 2)])


# Verbs of saying and of holding an opinion: their subject speaks of a deal.
SPEAKING_VERBS = frozenset(
    {
        "say",
        "add",
        "note",
        "tell",
        "state",
        "comment",
        "write",
        "explain",
        "argue",
        "believe",
        "think",
        "expect",
        "estimate",
        "speculate",
        "predict",
        "caution",
        "warn",
        "contend",
        "insist",
        "suggest",
        "feel",
    }
)


def speaking_subject(token: Token) -> bool:
    """The subject of a verb of saying or of opinion ("said X", "Lee believes")."""
    return "speakers" not in AB_OFF and token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEAKING_VERBS


def speaker(token: Token) -> bool:
    """A person who speaks of a deal, not a party of it: the subject of a verb of saying
    or of opinion ("said David Park, executive vice president of X", "Lee said he
    believes the X offer is fair"). No trigger is such a verb, so a frame that reaches
    the person took him from the clause its deal is told in; a person who acts is the
    subject of the deal's own verb or is named by a pronoun under it. (A title that
    speaks, "says X chairman P", speaks for its company, X; P is no party either.)"""
    return speaking_subject(token) and (token.lower_ in ("he", "she") or token.ent_type_ == "PERSON")


# Adverbs that make "known as X" a name given up: "formerly known as X".
FORMER_WORDS = frozenset({"formerly", "previously", "once"})


def other_name(ent: Span) -> bool:
    """A company's new or former name, which is that company, never a party of its deals:
    "the change of the company's name to X", "changed its name to X", "will be renamed
    X", "formerly known as X"."""
    if "names" in AB_OFF:
        return False
    root = ent.root
    if root.dep_ in ("oprd", "attr", "dobj") and root.head.lemma_.lower() == "rename":
        return True
    if root.dep_ != "pobj" or root.head.lower_ not in ("to", "as", "from"):
        return False
    prep = root.head
    verb = prep.head
    lemma = verb.lemma_.lower()
    if lemma in ("rename", "name") and prep.lower_ != "as" or lemma == "name" and verb.pos_ == "NOUN":
        return True
    if lemma == "know" and prep.lower_ == "as":
        return any(c.lower_ in FORMER_WORDS for c in verb.children)
    if lemma == "change":
        return any(
            c.lemma_.lower() == "name" or c.dep_ == "prep" and any(g.lemma_.lower() == "name" for g in c.children)
            for c in verb.children
            if c.dep_ in ("dobj", "prep", "nsubjpass")
        )
    return False


def named_in_a_thing(ctx, subject: Token, org: Span) -> bool:
    """Whether ``org`` is only named in a phrase on a subject that is a thing, not a
    party ("proceeds from the sale of Y's unit", "terms of the offer for Y"): a pronoun
    below stands for no such subject."""
    if "subjects" in AB_OFF or subject.pos_ != "NOUN" or org.root.i == subject.i:
        return False
    lemma = subject.lemma_.lower()
    lex = ctx.lex
    if (
        lemma in lex.group_nouns
        or lemma in lex.anaphora_nouns
        or lemma in lex.member_nouns
        or lemma in lex.ownership_nouns
        or lemma in lex.descriptor_nouns
    ):
        return False
    # "The Y deal is X's largest acquisition since it bought Z": a deal noun's modifier names a party to it
    deps = ("prep", "compound", "nmod") if lemma in lex.deal_nouns else ("prep",)
    return any(c.dep_ in deps and org.root.i in range(c.left_edge.i, c.right_edge.i + 1) for c in subject.children)
