"""The company a bid is for, where the parser left it off the bid noun: the "for" phrase
hung on the bid's price ("its 24 dlr per share offer for Y's stock"), and the company
whose board or holders answer or recommend the bid ("Y said its board will recommend the
offer made by X")."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from . import context
from .antecedents import antecedent_other_than
from .common import controlling_subject, named_holdings_for, prep_objects, same_party
from .context import Frame
from .non_parties import AB_OFF
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
    answerer_not_bidder(ctx, frame)
    named_bidders_bid(ctx, frame)
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


# Verbs by which a company takes in bids made to it: its subject never made them.
RECEIVING_VERBS = frozenset({"receive", "get", "accept", "reject", "rebuff", "spurn", "welcome", "solicit", "invite"})
# Verbs by which a company judges a bid made to it: "Y's board described the offer as
# opportunistic", "Y called the bid inadequate".
JUDGING_VERBS = frozenset({"describe", "call", "term", "deem", "characterize", "characterise", "label", "dismiss"})


def answerer_not_bidder(ctx, frame: Frame) -> None:
    """ "Y had been reviewing offers for its unit", "Y received offers for the business":
    the company that receives, weighs or answers bids (the bid noun its verb's object)
    did not make them; the frame took it as the bidder from that verb. A company that
    weighs a bid for another ("X is considering an offer for Y") may make it: only bids
    for the company's own ("its unit", "itself") or received ones lose it."""
    trigger = frame.trigger
    if "answerer" in AB_OFF or trigger.pos_ != "NOUN" or not frame.cls.offer:
        return
    if any(c.dep_ in ("poss", "agent") for c in trigger.children):
        return
    # "described the 50 pence per share offer as ...": the price the parser made the object
    node = trigger
    if node.dep_ == "pobj" and node.head.lower_ == "per" and "judging" not in AB_OFF:
        node = node.head.head
    if node.dep_ != "dobj":
        return
    verb = node.head
    lemma = verb.lemma_.lower()
    if lemma in JUDGING_VERBS and "judging" not in AB_OFF:
        lemma = "receive"  # judged as one received
    if lemma == "have" and "judging" not in AB_OFF and (prep_objects(trigger, "from") or prep_objects(node, "from")):
        lemma = "receive"  # "Y has an outstanding offer from X": one received
    if lemma not in RECEIVING_VERBS and lemma not in ctx.lex.deliberation_verbs:
        return
    subject = controlling_subject(verb)
    if subject is None or subject not in frame.args["buyer"]:
        return
    if lemma not in RECEIVING_VERBS and not all(
        own_holding(ctx, arg, subject) for arg in frame.args["target"] or [trigger]
    ):
        return  # "X is considering a bid for Y": X may bid
    frame.args["buyer"] = [arg for arg in frame.args["buyer"] if arg.i != subject.i]


def named_bidders_bid(ctx, frame: Frame) -> None:
    """ "the TransCanada offer", "a Prosus cash bid would need to be 925 pence": a bid
    noun named by a company that made a bid told before is that company's bid, for the
    same company (the one a merger partner's bid is for: the other partner); not a bid
    for the company it names, nor one by whoever speaks of it."""
    trigger = frame.trigger
    if "bidders" in AB_OFF or trigger.pos_ != "NOUN" or not frame.cls.offer or not frame.args["target"]:
        return
    if not all(arg.dep_ == "compound" and arg.head.i == trigger.i for arg in frame.args["target"]):
        return
    ent = context.ent_of(ctx, frame.args["target"][0])
    if ent is None or ent.label_ != "ORG":
        return
    for deal in reversed(ctx.index.deals):
        if any(same_party(ent, buyer) for buyer in deal.buyers) and deal.target is not None:
            other = deal.target
        elif deal.type == "merger" and deal.buyers and deal.target is not None and same_party(ent, deal.target):
            other = deal.buyers[0]
        else:
            continue
        frame.args["buyer"] = [frame.args["target"][0]]
        frame.args["target"] = [other.root]
        return


def own_holding(ctx, arg: Token, subject: Token) -> bool:
    """What a bid weighed by ``subject`` is for, when that is the subject's own: itself
    ("it"), "its unit", "the units" told before."""
    lex = ctx.lex
    lemma = arg.lemma_.lower()
    return (
        arg.i == subject.i
        or arg.lower_ in lex.pronouns
        or any(c.dep_ == "poss" and c.lower_ == "its" for c in arg.children)
        or (lemma in lex.unit_nouns or lemma in lex.anaphora_nouns)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in arg.children)
        and not any(c.dep_ in ("prep", "compound", "nmod", "poss") for c in arg.children)
    )


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
