"""Amounts near a trigger that are not the deal's price: a gain or earnings from the sale,
a difference between two prices, what a party has in assets or sales, grants and loans."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .common import prep_objects

# What a deal brought its seller in the books, not its price: "posted a gain of $14 million
# on the sale of Y", "a $30 million charge from the sale".
RESULT_NOUNS = frozenset({"gain", "charge", "writedown", "write-down", "writeoff", "write-off", "provision"})


# What a company earns, per share or in all: "earnings of 12 cts a share from the sale".
EARNING_NOUNS = frozenset({"earnings", "earning", "profit", "loss", "income", "dividend"})


# Verbs of which "by" and an amount tell a difference: "topped the offer by $40 million".
INCREMENT_VERBS = frozenset(
    {"top", "raise", "increase", "boost", "sweeten", "lift", "exceed", "beat", "better", "cut", "lower", "reduce"}
)


# Nouns of what a party has or earns, after "in": "a bank with 310 mln dlrs in assets".
FIGURE_NOUNS = frozenset(
    {"asset", "assets", "sale", "sales", "revenue", "revenues", "deposit", "deposits", "earnings", "profit", "profits"}
    | {"income", "premium", "premiums", "turnover", "loan", "loans", "capital", "reserves"}
)


def increment(amount: Token) -> bool:
    """ "topped X's offer by about $40 million", "raised its bid by 2 dlrs a share": the
    amount after "by" on a verb of raising or topping is a difference, not a price."""
    prep = amount.head
    return (
        amount.dep_ == "pobj"
        and prep.lower_ == "by"
        and prep.head.pos_ in ("VERB", "AUX")
        and prep.head.lemma_.lower() in INCREMENT_VERBS
    )


COMPARATIVES = frozenset({"more", "less", "higher", "lower", "above", "below", "over", "under"})


def difference(ent: Span) -> bool:
    """ "for 12.8 mln dlrs more than X is to pay", "13 mln dlrs above the earlier bid": an
    amount told against another, the difference between two prices."""
    doc = ent.doc
    after = doc[ent.end : ent.end + 2]
    return (
        len(after) > 0
        and after[0].lower_ in COMPARATIVES
        and (after[0].lower_ in ("above", "below") or len(after) > 1 and after[1].lower_ == "than")
    )


def figure_of_something(amount: Token) -> bool:
    """ "310 mln dlrs in assets", "45 mln dlrs in annual sales": a figure of the assets,
    sales or deposits a party has, not what is paid for it; "Y, a 62.5 mln dlr savings
    association": an amount describing a party in apposition, its size."""
    if amount.dep_ in ("compound", "nmod", "amod", "nummod") and amount.head.dep_ == "appos":
        return True
    return any(
        pobj.lower_ in FIGURE_NOUNS or pobj.lemma_.lower() in FIGURE_NOUNS for pobj in prep_objects(amount, "in")
    )


# Nouns of what a deal costs its buyer: "at a price of 3.4 billion crowns", "at a cost of".
PRICE_NOUNS = frozenset({"price", "cost"})
# Words that may stand compounded on that noun: "for a cash price of $12 million".
PRICE_COMPOUNDS = frozenset({"cash", "purchase", "sale", "total", "aggregate"})


def price_phrase(amount: Token) -> bool:
    """ "at a price of 3.4 billion crowns", "for a cash price of $20 million", "at a cost
    of about $84 million": the price of the deal itself (not "the share price of Y")."""
    of = amount.head
    price = of.head
    return (
        amount.dep_ == "pobj"
        and of.lower_ == "of"
        and price.lemma_.lower() in PRICE_NOUNS
        and price.dep_ == "pobj"
        and price.head.lower_ in ("at", "for")
        and not any(c.dep_ == "compound" and c.lemma_.lower() not in PRICE_COMPOUNDS for c in price.children)
    )


def non_equity(ctx, amount: Token) -> bool:
    """An amount said to be in grants, loans or debt: "$1.5 billion in grants"."""
    return any(pobj.lemma_.lower() in ctx.lex.non_equity_funding for pobj in prep_objects(amount, "in", "of"))


# Phrases that make an amount a running total: "has raised $20 million to date", "so far",
# "in total", "in all", "altogether".
RUNNING_TOTAL_OBJECTS = {"to": frozenset({"date"}), "in": frozenset({"total", "all"})}
RUNNING_TOTAL_ADVERBS = frozenset({"altogether", "cumulatively"})


def _tells_running_total(token: Token) -> bool:
    if any(o.lower_ in objects for prep, objects in RUNNING_TOTAL_OBJECTS.items() for o in prep_objects(token, prep)):
        return True
    for c in token.children:
        if c.dep_ == "advmod" and (
            c.lower_ in RUNNING_TOTAL_ADVERBS or c.lower_ == "far" and any(g.lower_ == "so" for g in c.children)
        ):
            return True
    return False


def running_total(money: Token) -> bool:
    """ "X has raised $203 million to date, including a $150 million round", "has raised
    $90 million so far", "in total": the sum of all the money raised until now, not one
    deal's amount (the phrase on the amount or on the verb it is the object of)."""
    if _tells_running_total(money):
        return True
    return money.dep_ == "dobj" and _tells_running_total(money.head)
