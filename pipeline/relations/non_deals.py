"""Frames whose words state no deal: debt sold, revenue, goods, a supply contract, a
holding described, an integration, a negated or denied deal, a sale with no counterparty,
a holder's option."""

from __future__ import annotations

from spacy.tokens import Token

from . import antecedents, common, deal_status, kinds
from .context import Frame
from .non_parties import AB_OFF

# "X already/currently owns 6.2% of Y": a holding told as held before this deal.
HELD_BEFORE_ADVERBS = frozenset({"already", "currently"})


def no_ownership_change(ctx, frame: Frame) -> bool:
    """The trigger's words tell debt, revenue, goods, a term of supply, a holding
    described or an integration of businesses: no change of ownership."""
    cls = frame.cls
    if cls.funding_round and kinds.raises_debt(ctx, frame.trigger):
        return True  # "is raising 60 mln dlrs through a sale of notes": a debt issue
    if any(
        arg.lemma_.lower() in ctx.lex.debt_nouns or arg.lower_ in ctx.lex.debt_nouns for arg in frame.args["target"]
    ) or (
        frame.trigger.pos_ in ("VERB", "AUX")
        and any(
            c.dep_ == "dobj" and (c.lemma_.lower() in ctx.lex.debt_nouns or c.lower_ in ctx.lex.debt_nouns)
            for c in frame.trigger.children
        )
    ):
        return True  # "X sells five-year notes", "a sale of debentures": debt, not ownership
    if frame.trigger.pos_ == "NOUN" and frame.trigger.lower_ == "sales" and not sales_of_something(ctx, frame.trigger):
        return True  # "annual sales of the unit are about 45 mln dlrs": revenue, not a sale
    if frame.args["target"] and all(
        word.lemma_.lower() in GOODS_NOUNS and not word.ent_type_
        for arg in frame.args["target"]
        for word in (arg, *arg.conjuncts)
    ):
        return True  # "buy some products from X", "a counter-offer to buy wheat": goods, not a company
    if cls.seller_side and sold_in_a_market(frame.trigger):
        return True  # "Y's cards have been sold in the northeast states": goods sold, not Y
    if for_a_term(frame.trigger):
        return True  # "extended contracts to sell its Y, Z and W for three years": a supply contract
    if frame.trigger.lemma_.lower() in cls.static_verbs and frame.trigger.dep_ in ("relcl", "acl"):
        return True  # "members of the family, who own 30 pct of Y": a holding described
    if any(share_of_a_market(arg) for arg in frame.args["target"]):
        return True  # "banks took the lion's share of the investment", "a 20% share of the market"
    if instruments_to_buy(frame.trigger):
        return True  # "distribute to holders rights to buy shares of its Y unit": an instrument, no deal
    if holders_terms(ctx, frame):
        return True  # "the holders of Y would own 60 pct of the new company": a merger's terms
    if (
        cls.holding
        and not cls.seller_side
        and any(c.dep_ == "advmod" and c.lower_ in HELD_BEFORE_ADVERBS for c in frame.trigger.children)
    ):
        return True  # "X already owns 6.2% of Y", "X currently owns 6.2% of Y": an old holding, not this deal's stake
    if (
        cls.merger
        and frame.trigger.pos_ == "VERB"
        and any(
            c.dep_ == "dobj" and c.lemma_.lower() in ctx.lex.unit_nouns | {"activity", "activities"}
            for c in frame.trigger.children
        )
    ):
        return True  # "will combine Y's activities with those of its unit": integration, no merger
    if (
        cls.merger
        and frame.trigger.pos_ == "VERB"
        and frame.trigger.dep_ == "acl"
        and frame.trigger.tag_ == "VBG"
        and frame.trigger.head.lemma_.lower() not in ctx.lex.deal_nouns
    ):
        return True  # "a service combining X and Y into one app": a description, no merger
    return False


def no_deal_stated(ctx, frame: Frame, buyers: list, status: str) -> bool:
    """The text denies or negates the deal, or states no counterparty for a possible sale."""
    cls = frame.cls
    if deal_status.negated(ctx, frame.trigger):
        return True  # "agreed not to acquire Y", "is not trying to sell the company"
    if status == "rumored" and deal_status.denied(ctx, frame.trigger):
        return True  # "denied it was in talks to buy Y": the text states no deal
    if (
        cls.seller_side
        and not buyers
        and status == "rumored"
        and frame.args["target"]
        and all(antecedents.itself(ctx, arg) for arg in frame.args["target"])
    ):
        return True  # "explore options, including a possible sale of the company": no counterparty
    if (
        cls.seller_side
        and not buyers
        and frame.trigger.pos_ in ("VERB", "AUX")
        and modal(frame.trigger)
        and frame.args["target"]
        and all(
            arg.lemma_.lower() in ctx.lex.holding_nouns | HOLDING_PART_WORDS or arg.pos_ == "PRON"
            for arg in frame.args["target"]
        )
    ):
        return True  # "it could raise its holding or dispose of part or all of it": a holder's option, no deal
    if holding_of_a_target(ctx, frame, buyers):
        return True  # "Santos bid for TMOC ... TMOC owns 80 pct of Z": what the target holds
    return False


# What a share that is no holding is of: "a 12% share of the market", "of the vote".
MARKET_NOUNS_OF_SHARE = frozenset(
    {"market", "sale", "sales", "revenue", "revenues", "investment", "spending", "vote", "votes"}
    | {"traffic", "output", "volume", "demand", "profit", "profits", "audience"}
)


def share_of_a_market(arg: Token) -> bool:
    """ "took the lion's share of UK fintech investment", "won a 20% share of the
    market": a share of a market, of sales or of the vote, not of a company."""
    if "idioms" in AB_OFF or arg.lower_ not in ("share", "shares"):
        return False
    if any(c.dep_ == "poss" and c.lemma_.lower() == "lion" for c in arg.children):
        return True
    return any(
        obj.lemma_.lower() in MARKET_NOUNS_OF_SHARE and not obj.ent_type_
        for prep in arg.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for obj in prep.children
        if obj.dep_ == "pobj"
    )


# Instruments whose holders may buy shares: "rights to buy", "warrants to purchase".
INSTRUMENT_NOUNS = frozenset({"rights", "warrants", "options"})


def instruments_to_buy(trigger: Token) -> bool:
    """ "rights to buy common shares of its Y unit", "any rights X might have to recover
    fees or to buy Y stock", "warrants to purchase 2 mln shares": what such instruments
    let their holders buy is no deal (a right in the singular, "the right to acquire up to
    25 pct of Y", granted to a named company, may be one)."""
    if "instruments" in AB_OFF:
        return False
    node = trigger
    while node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX"):
        node = node.head
    to = next((c for c in node.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None:
        return False
    head = node.head
    if head.dep_ == "relcl" and node.dep_ == "xcomp":
        head = head.head  # "rights X might have to buy"
    if head.lower_ in INSTRUMENT_NOUNS and head.i < node.i:
        return True
    return to.i > 0 and trigger.doc[to.i - 1].lower_ in INSTRUMENT_NOUNS


# The holders of a company's shares, told as a body.
HOLDER_NOUNS = frozenset({"shareholder", "stockholder", "holder", "unitholder", "shareowner"})


def holders_terms(ctx, frame: Frame) -> bool:
    """ "the shareholders of Y would own 60 pct of the new company", "X's holders will
    hold 45% of the combined group": what a company's holders as a body will own tells
    the terms of a merger, not a deal of theirs."""
    return (
        "holders" not in AB_OFF
        and frame.trigger.lemma_.lower() in frame.cls.static_verbs
        and bool(frame.args["buyer"])
        and all(arg.lemma_.lower() in HOLDER_NOUNS and not arg.ent_type_ for arg in frame.args["buyer"])
    )


def holding_of_a_target(ctx, frame: Frame, buyers: list) -> bool:
    """ "X bid for Y ... Y owns 80 pct of Z": a holding told in the plain present by a
    company another buyer's deal, told before, is for describes what that company has;
    no deal of its own (not "Y now owns", the outcome of a deal)."""
    trigger = frame.trigger
    if (
        "holdings" in AB_OFF
        or not buyers
        or trigger.lemma_.lower() not in frame.cls.static_verbs
        or trigger.tag_ not in ("VBZ", "VBP")
        or any(c.dep_ in ("aux", "auxpass", "neg") or c.lower_ == "now" for c in trigger.children)
    ):
        return False
    return all(
        any(
            deal.buyers
            and common.same_party(buyer, deal.target)
            and not any(common.same_party(buyer, other) for other in deal.buyers)
            for deal in ctx.index.deals
        )
        for buyer in buyers
    )


def sales_of_something(ctx, noun: Token) -> bool:
    """ "the sales of its two units to X": plural sales of named things or of units, to a
    buyer; not revenue ("annual sales of the unit", "its sales rose")."""
    if any(c.lower_ in REVENUE_WORDS for c in noun.children if c.dep_ in ("amod", "compound", "poss", "nmod")):
        return False
    for prep in noun.children:
        if prep.dep_ != "prep":
            continue
        if prep.lower_ == "to":
            return True
        if prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and (
                    obj.ent_type_ in common.PARTY_LABELS
                    or obj.tag_ == "NNS"
                    and obj.lemma_.lower() in ctx.lex.unit_nouns | ctx.lex.holding_nouns
                ):
                    return True
    return False


TERM_NOUNS = frozenset({"year", "month", "week", "day"})
# Where goods are sold: "sold in the U.S.", "sold in stores", "sold in 12 states".
MARKET_NOUNS = frozenset({"market", "state", "country", "store", "shop", "outlet", "region", "area", "territory"})


def sold_in_a_market(trigger: Token) -> bool:
    """ "Y's condoms will be sold in the U.S.", "90 pct of Y's cards have been sold in the
    northeast states": a passive sale in a place or market, with no buyer, tells goods sold."""
    if not any(c.dep_ == "auxpass" for c in trigger.children):
        return False
    if any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in ("to", "by") for c in trigger.children):
        return False
    return any(
        pobj.ent_type_ in ("GPE", "LOC") or pobj.lemma_.lower() in MARKET_NOUNS
        for pobj in common.prep_objects(trigger, "in")
    )


# What is traded, not owned as a business: "buy products from X", "offered to buy wheat".
GOODS_NOUNS = frozenset(
    {"commodity", "crude", "wheat", "grain", "corn", "maize", "sugar", "coffee", "cocoa", "rice", "soybean"}
    | {"barley", "cotton", "gasoline", "fuel", "electricity", "copper", "silver", "aluminium", "aluminum", "coal"}
    | {"cargo", "tonne", "ton", "barrel", "bushel", "ounce"}
)


def for_a_term(trigger: Token) -> bool:
    """ "to sell its products to Y for two years", "supply agreements for five years": a
    sale for a term is a contract of supply or service, not a change of ownership."""
    for prep in trigger.children:
        if prep.dep_ != "prep" or prep.lower_ != "for":
            continue
        for pobj in prep.children:
            if (
                pobj.dep_ == "pobj"
                and pobj.lemma_.lower() in TERM_NOUNS
                and pobj.ent_type_ == "DATE"
                and any(c.dep_ == "nummod" for c in pobj.children)
            ):
                return True
    return False


# words that make "sales" revenue: "annual sales", "net sales", "its sales"
REVENUE_WORDS = frozenset(
    {"annual", "net", "gross", "total", "retail", "its", "their", "yearly", "quarterly", "combined"}
)
MODALS = frozenset({"may", "might", "could"})
# what a holder may sell of its holding: "sell part or all of it", "sell any of them"
HOLDING_PART_WORDS = frozenset({"some", "all", "part", "any", "portion", "more", "rest", "remainder"})


def modal(verb: Token) -> bool:
    """ "may sell", "could sell", "may add to its stake, or sell": a possibility, on the
    verb or on the verb it is coordinated with."""
    for node in (verb, verb.head if verb.dep_ == "conj" else verb):
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in node.children):
            return True
    return False
