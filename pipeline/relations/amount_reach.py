"""Amounts that belong to a trigger though they hang far below it or beside it: a
transaction valued at, shares valued at, a total restating a price per share, a price
the parser hung on a word of the object or on the verb above the trigger."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from . import context
from .common import MAX_MONEY_HOPS, MIN_DEAL_AMOUNT, SUBJECT_DEPS
from .context import Frame
from .deal_types import MINORITY_BY_DEFAULT
from .figure_paths import hops_to
from .not_a_price import difference, figure_of_something, price_phrase


def values_the_deal(ctx, token: Token, stop: Token) -> bool:
    """ "a transaction valued at $2.3 billion" states the deal's amount, not the
    target's valuation: the valued thing is a deal noun."""
    node = token
    for _ in range(MAX_MONEY_HOPS):
        if node.head.i == node.i or node.i == stop.i:
            return False
        node = node.head
        if node.lemma_.lower() in ctx.lex.valuation_cues:
            valued = (
                node.head
                if node.dep_ in ("acl", "amod", "relcl")
                else next((c for c in node.children if c.dep_ in SUBJECT_DEPS), None)
            )
            return valued is not None and valued.lemma_.lower() in ctx.lex.deal_nouns
    return False


# What a buyer pays with, when valued: "by way of a share swap valued at $30 million".
VALUED_CONSIDERATION = frozenset({"exchange", "swap", "stock", "share", "cash", "security"})


CONSIDERATION_PREPS = frozenset({"through", "in", "for", "by", "with"})


CONSIDERATION_ARCS = 8


def deal_worth(ctx, token: Token, trigger: Token) -> bool:
    """ "weighing a purchase of Y in a transaction that might be worth up to $N", "in
    a transaction that values Y at $N": a relative clause of value on a deal noun in a
    prepositional phrase of the trigger or of the verb it is the object of."""
    node = token
    lemmas = set()
    for _ in range(MAX_MONEY_HOPS):
        if node.head.i == node.i:
            return False
        if node.dep_ == "relcl":
            noun = node.head
            break
        node = node.head
        lemmas.add(node.lemma_.lower())
        lemmas.update(c.lemma_.lower() for c in node.children if c.dep_ == "acomp")
    else:
        return False
    if not lemmas & ctx.lex.valuation_cues or noun.lemma_.lower() not in ctx.lex.deal_nouns:
        return False
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return False
    verb = trigger.head if trigger.dep_ in ("dobj", "pobj") else trigger
    return noun.head.head.i in (trigger.i, verb.i)


# Verbs that put a value on what they govern: "a deal that could value Y at $1 billion".
VALUING_VERBS = frozenset({"value"})
# Words that make a holding the whole company: "all of the shares", "the entire stake".
ALL_OF_IT = frozenset({"all", "entire", "whole"})


def values_the_whole_for_a_part(ctx, token: Token, trigger: Token) -> bool:
    """ "sell a majority stake in Y in a deal that could value Y at over $1 billion": the
    value a deal puts on the whole company, when only a holding in it is bought, is the
    company's valuation, not the deal's amount (a relative clause of valuing whose object
    is not a deal noun, on a trigger whose object is a holding not told whole)."""
    node = token
    for _ in range(MAX_MONEY_HOPS):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.dep_ == "relcl":
            break
    else:
        return False
    valued = [c for c in node.children if c.dep_ == "dobj"]
    if node.lemma_.lower() not in VALUING_VERBS or not valued:
        return False
    if any(v.lemma_.lower() in ctx.lex.deal_nouns for v in valued):
        return False  # "in a transaction that values the deal at $N"
    holdings = [c for c in trigger.children if c.dep_ == "dobj"] + [
        o for p in trigger.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"
    ]
    return any(
        h.lemma_.lower() in MINORITY_BY_DEFAULT and not any(c.lower_ in ALL_OF_IT for c in h.children) for h in holdings
    )


def price_on_party_participle(ent: Span, trigger: Token) -> bool:
    """ "sell its unit to a firm set up by the unit's executives for roughly $9 million":
    "for" and the amount hung on the participle describing the party after "to" or
    "from" (no company is formed for a price; the division is sold for it)."""
    root = ent.root
    if root.dep_ != "pobj" or root.head.lower_ != "for":
        return False
    participle = root.head.head
    if participle.dep_ != "acl" or participle.tag_ != "VBN":
        return False
    party = participle.head
    prep = party.head
    return (
        party.dep_ == "pobj"
        and prep.lower_ in ("to", "from")
        and prep.dep_ in ("prep", "dative")
        and prep.head.i == trigger.i
    )


PRICE_ABOVE_ARCS = 2


def price_above(ent: Span, trigger: Token) -> bool:
    """ "scrapped its agreement to sell Y to X for $2.3 billion": "for" and the amount
    hung by the parser on the verb above the noun the trigger completes (the trigger an
    infinitive of that noun, itself that verb's object)."""
    root = ent.root
    if root.dep_ != "pobj" or root.head.lower_ != "for" or root.head.dep_ != "prep":
        return False
    noun = trigger.head
    if trigger.dep_ != "acl" or noun.pos_ != "NOUN" or noun.dep_ not in ("dobj", "nsubjpass", "nsubj"):
        return False
    if root.head.i < trigger.i:
        return False
    node = root.head.head
    for _ in range(PRICE_ABOVE_ARCS):
        if node.i == noun.head.i:
            return True
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return False
        node = node.head  # "..., Schleich Towers, to X for $2.3 billion": on a name in apposition
    return False


def deep_consideration(ctx, frame: Frame) -> Optional[tuple]:
    """An amount valuing what the buyer pays, deeper below the trigger than the entities
    near it reach ("to be bought by X in a share swap valued at roughly $7.2 million")."""
    trigger = frame.trigger
    for ent in ctx.index.sent_ents.get(context.sent_of(ctx, trigger).start, ()):
        value = ent._.money if ent.label_ == "MONEY" else None
        if value is None or value.per_share or value.amount is None or value.amount < MIN_DEAL_AMOUNT:
            continue
        if values_the_consideration(ent.root, trigger):
            return (MAX_MONEY_HOPS, value, ent)
    return None


def restated_total(ctx, frame: Frame) -> Optional[tuple]:
    """The total that restates a price per share hanging deeper below the trigger than
    the entities near it reach ("for a combination of cash and stock with a value of 53
    dlrs a share, or a total of about 3.4 billion dlrs")."""
    trigger = frame.trigger
    for ent in ctx.index.sent_ents.get(context.sent_of(ctx, trigger).start, ()):
        value = ent._.money if ent.label_ == "MONEY" else None
        if value is None or value.per_share or value.amount is None or value.amount < MIN_DEAL_AMOUNT:
            continue
        price = price_alternative(ent)
        if price is not None and any(
            hops_to(ctx, price, t, limit=TOTAL_PRICE_ARCS) is not None for t in (trigger, *frame.absorbed)
        ):
            return (MAX_MONEY_HOPS, value, ent)
    return None


# Arcs from a price per share restated as a total up to the trigger: "acquired by X for a
# combination of cash and stock with a value of 53 dlrs a share" (six).
TOTAL_PRICE_ARCS = 7


def values_the_consideration(token: Token, trigger: Token) -> bool:
    """ "takes over Y through a swap of shares valued at $30 million", "for shares
    valued at $40 million": the amount values what the buyer pays, which hangs from the
    trigger by a preposition; the deal's amount, however far below it."""
    node = token
    valued = False
    for _ in range(CONSIDERATION_ARCS):
        if node.head.i == node.i:
            return False
        if node.lemma_.lower() == "value" and node.dep_ == "acl":
            if node.head.lemma_.lower() not in VALUED_CONSIDERATION:
                return False
            valued = True
        if (
            valued
            and node.dep_ == "prep"
            and (node.head.i == trigger.i or trigger.dep_ == "dobj" and node.head.i == trigger.head.i)
        ):
            # also on the verb the deal noun is the object of: "completed its acquisition of
            # Y in exchange for stock valued at $26 million"
            return node.lower_ in CONSIDERATION_PREPS
        if valued and node.dep_ not in ("acl", "pobj", "prep"):
            return False
        node = node.head
    return False


# Nouns of a whole restating a price per share: "or a total of about $342 million".
TOTAL_NOUNS = frozenset({"total", "aggregate", "sum"})


# Words that may stand between a price per share and ", or" ("in cash and stock").
PRICE_TO_TOTAL = 5


def price_alternative(ent: Span) -> Optional[Token]:
    """The price per share that an amount restates as a whole ("7 dlrs per share, or a
    total of roughly 56 mln dlrs", "7 dlrs a share in cash, or some 55 mln dlrs"):
    ", or" (and "a total of") between them, the price a few words before, however parsed."""
    doc = ent.doc
    i = ent.start - 1
    total = False
    if i >= 0 and doc[i].lower_ == "of":
        i -= 1
        if i < 0 or doc[i].lemma_.lower() not in TOTAL_NOUNS:
            return None
        i -= 1
        total = True
        if i >= 0 and doc[i].lower_ in ("a", "an", "the"):
            i -= 1
    # ", or about $56 million", ", or a total of $56 million", ", for a total of $56 million"
    if i < 1 or not (doc[i].lower_ == "or" or total and doc[i].lower_ == "for"):
        return None
    if doc[i - 1].lower_ == ",":
        i -= 1
    for j in range(i - 1, max(i - 1 - PRICE_TO_TOTAL, -1), -1):
        if doc[j].is_punct or doc[j].is_sent_start:
            return None
        if doc[j].ent_type_ == "MONEY":
            price = next((e for e in doc.ents if e.start <= j < e.end), None)
            if price is not None and price._.money is not None and price._.money.per_share:
                return price.root
            return None
    return None


# Arcs from the "for" of a price up to a trigger whose object phrase the parser hung it in:
# "sold its unit to a new concern formed by its managers and an investor for $15 million"
# (eight).
LOW_PRICE_ARCS = 9
# Verbs whose object is what a buyer pays for the deal in their purpose clause: "spent
# $178 million to acquire its Y shares", "paid $20 million to buy the unit".
PAYING_VERBS = frozenset({"spend", "pay"})


def low_hung_price(ctx, frame: Frame) -> Optional[tuple]:
    """The price of a deal verb that the parser hung lower or higher than the verb: on a
    word of its object phrase ("acquire all the stock of Y, a wholly owned subsidiary of
    Z for about $70 million", "sold its unit to an investor group that includes its
    managers for $1.6 million"), on the verb of agreeing above it ("agreed to buy the
    shares held by Z, about 19 pct of them, for $6.9 million"), or as the object of a verb
    of paying whose purpose the deal is ("spent $178 million to acquire its Y shares"). No
    noun or descriptive clause takes a price with "for": the price is the deal's."""
    trigger = frame.trigger
    if trigger.pos_ != "VERB":
        return None
    others = {sibling.trigger.i for sibling in frame.siblings} - {trigger.i}
    for ent in ctx.index.sent_ents.get(context.sent_of(ctx, trigger).start, ()):
        value = ent._.money if ent.label_ == "MONEY" else None
        if value is None or value.per_share or value.amount is None or value.amount < MIN_DEAL_AMOUNT:
            continue
        if difference(ent) or figure_of_something(ent.root):
            continue  # "for $12.8 million more than Z pays", "310 mln dlrs in assets"
        if paid_for(ent.root, trigger) or price_hung_low(ent.root, trigger, others):
            return (MAX_MONEY_HOPS, value, ent)
    return None


def paid_for(amount: Token, trigger: Token) -> bool:
    """ "spent $178 million to acquire Y shares": the amount is the object of a verb of
    paying whose infinitive of purpose is the trigger."""
    verb = amount.head
    return (
        amount.dep_ == "dobj"
        and verb.lemma_.lower() in PAYING_VERBS
        and trigger.dep_ in ("xcomp", "advcl")
        and trigger.head.i == verb.i
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
    )


def price_hung_low(amount: Token, trigger: Token, others: set[int]) -> bool:
    """ "for" and the amount after the trigger, hung on a noun of its object phrase or on
    a clause describing one (not on another deal's verb, nor through a clause of its own),
    or on the verb of which the trigger is the complement."""
    if price_phrase(amount):
        amount = amount.head.head  # "for a cash price of $12 million"
    prep = amount.head
    if amount.dep_ != "pobj" or prep.lower_ != "for" or prep.dep_ != "prep" or prep.i < trigger.i:
        return False
    node = prep.head
    if trigger.dep_ == "xcomp" and node.i == trigger.head.i:
        return True  # "agreed to buy Y ... for $6.9 million", the price hung on "agreed"
    for _ in range(LOW_PRICE_ARCS):
        if node.i == trigger.i:
            return True
        if node.i in others or node.head.i == node.i:
            return False  # another deal's word
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("relcl", "acl"):
            return False  # a clause of its own
        node = node.head
    return False
