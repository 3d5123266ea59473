"""Frames that state no deal: goods sold in trade, public grants, a fund raised from a firm's
own backers, goods bought, money spent on a company's own plants, a company selling itself
to nobody."""

from __future__ import annotations

from . import context
from .common import (
    ROUND_RE,
    prep_objects,
)
from .context import Frame

# Verbs of trade joined to "sell" ("to make, market and sell Kyprolis") and nouns of
# goods a company sells ("its products are sold to retailers"): selling in trade, no deal.
COMMERCE_VERBS = frozenset(
    {"market", "distribute", "manufacture", "make", "produce", "develop", "promote", "commercialize", "commercialise"}
)
PRODUCT_NOUNS = frozenset({"product", "goods", "merchandise", "item", "drug", "device", "service", "ticket"})


def sells_products(frame: Frame) -> bool:
    """ "expenses incurred to sell and market Kyprolis", "the products are sold to department
    stores": selling goods in trade, no change of ownership of a company."""
    verb = frame.trigger
    if not frame.cls.seller_side or verb.pos_ != "VERB" or frame.cls.holding:
        return False
    doc = verb.doc
    # "to sell and market Z", "make, market and sell Z": a verb of trade right beside it
    beside = [doc[k] for k in (verb.i - 2, verb.i + 2) if 0 <= k < len(doc)]
    links = [doc[k] for k in (verb.i - 1, verb.i + 1) if 0 <= k < len(doc)]
    if any(w.lower_ in COMMERCE_VERBS for w in beside) and any(w.lower_ in ("and", "or", ",") for w in links):
        return True
    targets = frame.args["target"]
    if any(t.ent_type_ == "ORG" or t.lemma_.lower() in ("stake", "interest", "share", "business") for t in targets):
        return False
    joined = [c for c in verb.children if c.dep_ == "conj"] + ([verb.head] if verb.dep_ == "conj" else [])
    if any(v.lemma_.lower() in COMMERCE_VERBS for v in joined):
        return True
    return bool(targets) and all(t.pos_ == "NOUN" and t.lemma_.lower() in PRODUCT_NOUNS for t in targets)


# Words of a fund a firm raises from its own investors ("raised $4.5 billion for its fourth
# fund") and the descriptors of a firm that raises such funds ("venture capital firm X").
FUND_NOUNS = frozenset({"fund", "funds", "vehicle", "vintage"})
FUND_MANAGERS = (
    "venture capital firm",
    "private equity firm",
    "investment firm",
    "venture firm",
    "buyout firm",
    "asset manager",
    "investment manager",
    "fund manager",
    "hedge fund",
)


PUBLIC_FUNDERS = frozenset({"government", "federal", "state", "public", "council", "municipal", "taxpayer"})


def public_money(frame: Frame) -> bool:
    """ "received $20 million in government funding", "won $5 million of federal funding":
    public money a company receives is a grant, no equity round (unless an investor is named)."""
    verb = frame.trigger
    if not frame.cls.funding_round or verb.pos_ != "VERB" or frame.args["buyer"]:
        return False
    nouns = [pobj for obj in verb.children if obj.dep_ == "dobj" for pobj in prep_objects(obj, "in", "of")] + [
        obj for obj in verb.children if obj.dep_ == "dobj"
    ]
    return any(
        noun.lemma_.lower() in ("funding", "financing", "support", "money")
        and any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in PUBLIC_FUNDERS for c in noun.children)
        for noun in nouns
    )


def raises_a_fund(ctx, frame: Frame) -> bool:
    """ "X has raised $4.5 billion for its fourth crypto fund", "closed its third fund at
    $1.2 billion", "venture capital firm X is raising $10 billion": an investment firm
    raising money from its own backers, no deal (unless a round or an investor is named)."""
    verb = frame.trigger
    if not frame.cls.funding_round or verb.pos_ != "VERB" or frame.args["buyer"]:
        return False
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in FUND_NOUNS:
            return True
        if child.dep_ == "prep" and child.lower_ == "for":
            if any(o.dep_ == "pobj" and o.lemma_.lower() in FUND_NOUNS for o in child.children):
                return True
    sent = context.sent_of(ctx, verb)
    if ROUND_RE.search(sent.text) or any(t.lemma_.lower() == "round" for t in sent):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] + [
        c for c in verb.head.children if c.dep_ == "nsubj" and verb.dep_ in ("xcomp", "conj")
    ]
    doc = verb.doc
    for subject in subjects:
        words = doc[max(subject.left_edge.i - 1, 0) : subject.i].text.lower()
        if any(manager in words for manager in FUND_MANAGERS):
            return True
    return False


def sells_itself(frame: Frame) -> bool:
    """ "pushed it to sell itself", "the board put the company up for sale": a company
    that sells itself to no named buyer seeks a buyer; no deal (a strategic review)."""
    targets = frame.args["target"]
    return (
        frame.cls.seller_side
        and bool(targets)
        and all(t.lower_ in ("itself", "themselves", "herself", "himself") for t in targets)
        and not frame.args["buyer"]
    )


def goods_bought(ctx, frame: Frame) -> bool:
    """ "X bought $20 million of equipment from Y", "bought 2 million barrels of oil": an
    amount or a quantity of goods is a purchase of products, no deal; an amount of
    shares, stock or assets ("bought $20 million of its shares from Y") is one."""
    if frame.trigger.pos_ != "VERB" or not frame.cls.takeover or frame.cls.merger:
        return False
    objects = [c for c in frame.trigger.children if c.dep_ == "dobj"]
    if len(objects) != 1 or objects[0].ent_type_ not in ("MONEY", "QUANTITY", "CARDINAL"):
        return False
    goods = prep_objects(objects[0], "of")
    return bool(goods) and all(
        g.pos_ == "NOUN" and g.ent_type_ == "" and g.lemma_.lower() not in ctx.lex.ownership_nouns for g in goods
    )


def spent_on_own_assets(ctx, frame: Frame) -> bool:
    """ "X invested $200 million in its factories", "poured $2 billion into its new
    plant": money a company puts into its own plants or units, named by "its", is
    capital spending, no deal (unless the unit is named: "in its subsidiary Y")."""
    if frame.cls.funding_round or not frame.cls.may_name_round or not frame.args["target"]:
        return False
    own = [
        arg
        for arg in frame.args["target"]
        if arg.pos_ == "NOUN"
        and arg.lemma_.lower() in ctx.lex.unit_nouns
        and any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in arg.children)
        and not any(c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in arg.children)
    ]
    named = [arg for arg in frame.args["target"] if arg.ent_type_ not in ("MONEY", "CARDINAL")]
    return bool(own) and len(own) == len(named)
