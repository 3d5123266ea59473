"""The company a bid is for, where the parser left it off the bid noun: the "for" phrase
hung on the bid's price ("its 24 dlr per share offer for Y's stock"), and the company
whose board or holders answer or recommend the bid ("Y said its board will recommend the
offer made by X")."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .antecedents import antecedent_other_than
from .common import controlling_subject, named_holdings_for, prep_objects
from .context import Frame
from .party_names import party_of

# How many arcs above a bid noun its price may stand ("offer" <- "per" <- "dlr").
PRICE_CLIMB = 3


def for_phrase_on_price(ctx, frame: Frame) -> None:
    """ "X began its 24 dlr per share tender offer for Y's common stock": the parser read
    the bid noun as the object of "per" and hung the bid's "for" phrase on the price; what
    that phrase names (a company, or a holding in one) is the bid's target (never a
    purpose or a means of payment: "for cash")."""
    trigger = frame.trigger
    role = frame.cls.frame.get("noun-for-target")
    if trigger.pos_ != "NOUN" or not frame.cls.offer or role is None or frame.args[role]:
        return
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in trigger.children):
        return  # the bid's own "for" phrase: the slots read it
    price = price_above(trigger)
    if price is None:
        return
    named = named_holdings_for(ctx, price, trigger)
    if named:
        frame.args[role].append(issuer_of_whole_stock(ctx, named[0]))


# Holding nouns for a company's whole stock ("Y's common stock", "Y's shares").
STOCK_NOUNS = frozenset({"stock", "share", "shares", "equity"})


def issuer_of_whole_stock(ctx, holding: Token) -> Token:
    """A bid "for Y's common stock" (no part of it counted) is a bid for Y: its issuer."""
    if holding.lemma_.lower() not in STOCK_NOUNS or any(
        c.dep_ in ("nummod", "quantmod") or c.ent_type_ in ("PERCENT", "CARDINAL") for c in holding.children
    ):
        return holding
    issuer = next((c for c in holding.children if c.dep_ == "poss"), None)
    if issuer is None or (ent := ctx.index.ent_at[issuer.i]) is None or ent.label_ != "ORG":
        return holding
    return issuer


def price_above(trigger: Token) -> Optional[Token]:
    """The amount a bid noun was hung under ("24 dlr per share offer": "dlr"), if any."""
    node = trigger
    price = None
    for _ in range(PRICE_CLIMB):
        if node.dep_ not in ("pobj", "prep", "compound", "nmod", "appos") or node.head.i == node.i:
            break
        node = node.head
        if node.ent_type_ == "MONEY" and node.pos_ in ("NOUN", "NUM", "SYM"):
            price = node
    return price


# Dependencies a bid noun may hang by below the verb that answers it, when the parser
# reads "recommend to shareholders the offer" as a clause of "shareholders".
ANSWER_CLIMB_DEPS = ("dobj", "pobj", "prep")


def answered_by_target(ctx, frame: Frame) -> None:
    """ "Y said its board will recommend to shareholders the offer made by X", "Y's
    directors will recommend that holders accept the offer by X": a bid with its bidder
    named and no target, under a verb by which a company answers a bid; the company whose
    board (or whose holders) answer is the target. Holders with no company of their own
    ("that shareholders accept") are those of the company that recommends."""
    trigger = frame.trigger
    role = frame.cls.frame.get("answering-subject")
    if trigger.pos_ != "NOUN" or role is None or not frame.args["buyer"] or frame.inherited:
        return
    if not all(bare_members(ctx, arg) for arg in frame.args[role]):
        return  # a target named (an empty list passes)
    lex = ctx.lex
    node = trigger
    if node.dep_ == "compound" and node.head.lemma_.lower() in lex.deal_nouns:
        node = node.head  # "the takeover offer"
    for _ in range(4):
        if node.dep_ in ANSWER_CLIMB_DEPS or (node.dep_ == "xcomp" and node.pos_ == "NOUN"):
            node = node.head
        else:
            break
    lemma = node.lemma_.lower()
    if node.pos_ != "VERB" or (lemma not in lex.answer_verbs and lemma not in lex.target_side_words):
        return
    if lemma in lex.deliberation_verbs:
        return  # a bidder weighs a bid too
    subject = controlling_subject(node)
    if subject is not None and bare_members(ctx, subject) and node.dep_ == "ccomp":
        subject = controlling_subject(node.head)  # "recommend that shareholders accept"
    if subject is None or bare_members(ctx, subject) or subject in frame.args["buyer"]:
        return
    frame.args[role] = [subject]


def bare_members(ctx, token: Token) -> bool:
    """ "shareholders", "the board": members of a company the phrase does not name."""
    lex = ctx.lex
    return (
        (token.lemma_.lower() in lex.member_nouns or token.lower_ in lex.member_nouns)
        and not any(c.dep_ == "poss" for c in token.children)
        and not prep_objects(token, "of")
        and ctx.index.ent_at[token.i] is None
    )


def own_bid_answered(ctx, frame: Frame) -> None:
    """ "X said Y has accepted its previously announced acquisition offer": a company does
    not answer its own bid; an "its" on the bid that the company answering it holds
    stands for the other company told before (the one that speaks)."""
    trigger = frame.trigger
    role = frame.cls.frame.get("answering-subject")
    buyers = frame.args["buyer"]
    if trigger.pos_ != "NOUN" or not frame.cls.offer or role is None or len(buyers) != 1 or buyers[0].lower_ != "its":
        return
    if any(other.cls.offer and other.trigger.i < trigger.i and other.args["buyer"] for other in frame.siblings):
        return  # the bid is told before in the sentence ("began an offer for Y after Y rejected its proposals")
    node = trigger
    verb = node.head
    if node.dep_ != "dobj" or verb.lemma_.lower() not in ctx.lex.answer_verbs:
        return
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject not in frame.args[role]:
        return
    answering = party_of(ctx, subject, 0)
    if answering is None:
        return
    other = antecedent_other_than(ctx, buyers[0], [answering[0]])
    if other is not None and other.end <= subject.i:
        frame.args["buyer"] = [other.root]
