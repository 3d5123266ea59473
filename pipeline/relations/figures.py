"""The money, price per share, valuation, stake and date that belong to a trigger."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from ..dates import normalize_date
from ..money.parsing import parse_percent
from ..schema import Deal
from . import context
from .common import (
    COMBINED_WORDS,
    DATE_AFTER_NOUN,
    DATE_END_ARCS,
    DATE_END_WORDS,
    MAX_MONEY_HOPS,
    MIN_DEAL_AMOUNT,
    PRICE_WORDS,
    SUBJECT_DEPS,
    prep_objects,
)
from .context import Frame


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


# What a deal brought its seller in the books, not its price: "posted a gain of $14 million
# on the sale of Y", "a $30 million charge from the sale".
RESULT_NOUNS = frozenset({"gain", "charge", "writedown", "write-down", "provision"})
# What a company earns, per share or in all: "earnings of 12 cts a share from the sale".
EARNING_NOUNS = frozenset({"earnings", "earning", "profit", "loss", "income", "dividend"})
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
        if valued and node.dep_ == "prep" and node.head.i == trigger.i:
            return node.lower_ in CONSIDERATION_PREPS
        if valued and node.dep_ not in ("acl", "pobj", "prep"):
            return False
        node = node.head
    return False


def money_of(ctx, frame: Frame) -> tuple:
    """(Money, span, price per share, valuation) that belong to the trigger."""
    trigger = frame.trigger
    money = span = per_share = valuation = valuation_money = None
    best = None
    for ent in context.near_ents(ctx, frame):
        if ent.label_ != "MONEY":
            continue
        value = ent._.money
        if value is None:
            continue
        reached = [(h, t) for t in (trigger, *frame.absorbed) if (h := hops_to(ctx, ent.root, t)) is not None]
        if (
            not reached
            and trigger.dep_ == "xcomp"
            and (
                values_the_deal(ctx, ent.root, trigger.head)
                or path_lemmas(ent.root, trigger.head) & ctx.lex.valuation_cues
            )
        ):
            # "agreed to acquire Y ..., in a transaction valued at $2.3 billion" (the
            # amount), "agreed to acquire Y ..., valuing the company at $2.4 billion"
            # (a valuation)
            hops = hops_to(ctx, ent.root, trigger.head, limit=MAX_MONEY_HOPS + 1)
            if hops is not None:
                reached = [(hops, trigger.head)]
        if not reached and values_the_deal(ctx, ent.root, trigger):
            # "buy Y in a transaction valued at about $1.9 billion": two arcs longer
            hops = hops_to(ctx, ent.root, trigger, limit=MAX_MONEY_HOPS + 2)
            if hops is not None:
                reached = [(hops, trigger)]
        if not reached and just_before(ent, trigger):
            reached = [(1, trigger)]  # "an earlier 34 dlrs a share bid by X", however parsed
        if not reached and (price := price_alternative(ent)) is not None:
            # "at 7 dlrs per share in cash and notes, or a total of roughly 56 mln dlrs":
            # the total stands in the place of the price it restates
            reached = [(h, t) for t in (trigger, *frame.absorbed) if (h := hops_to(ctx, price, t)) is not None]
        if not reached and values_the_consideration(ent.root, trigger):
            reached = [(MAX_MONEY_HOPS, trigger)]
        if not reached and price_above(ent, trigger):
            reached = [(MAX_MONEY_HOPS, trigger)]
        if not reached and price_on_party_participle(ent, trigger):
            reached = [(MAX_MONEY_HOPS, trigger)]
        worth_clause = not reached and deal_worth(ctx, ent.root, trigger)
        if worth_clause:
            reached = [(MAX_MONEY_HOPS, trigger)]
        if not reached:
            continue
        hops, anchor = min(reached, key=lambda pair: pair[0])
        path = path_lemmas(ent.root, anchor)
        if (
            ent.root.dep_ in ("compound", "nummod")
            and ent.root.head.lemma_.lower() in CONSIDERATION_NOUNS
            and governing_prep(ent.root) == "for"
        ):
            path.discard(ent.root.head.lemma_.lower())  # "for 50 mln dlrs cash": the price paid in cash
        values_deal = (
            values_the_deal(ctx, ent.root, anchor) or values_the_consideration(ent.root, trigger) or worth_clause
        )
        if (path | subjects_on_path(ent.root, anchor)) & ctx.lex.valuation_cues and not values_deal:
            if valuation is None and value.amount is not None:
                valuation, valuation_money = value.amount, (value, ent)
            continue
        if governing_prep(ent.root) == "from":
            continue  # "to 92.50 dlrs a share from 80 dlrs": the earlier figure
        if increment(ent.root) or difference(ent):
            continue  # "topped X's offer by 40 mln dlrs", "12.8 mln dlrs more than X pays": a difference
        if figure_of_something(ent.root):
            continue  # "a bank with 310 mln dlrs in assets": what a party has, not a price
        if path & (RESULT_NOUNS | EARNING_NOUNS) and not values_deal:
            continue  # "a gain of nine cents a share from the sale of Y": what the sale earned
        if value.per_share or (value.amount is not None and value.amount < MIN_DEAL_AMOUNT):
            # "raise its bid to 92.50 dlrs": no company changes hands for that; a
            # price per share even when "a share" is left unsaid
            if per_share is None:
                per_share = value.amount
            continue
        if price_phrase(ent.root):
            path.discard("price")  # "acquire Y at a price of 3.4 billion crowns": the deal's price
        if path & (ctx.lex.non_deal_money | RESULT_NOUNS) and not values_deal:
            continue  # "a pretax gain of $175 million from the sale of Y": what the sale earned
        if frame.cls.funding_round and non_equity(ctx, ent.root):
            continue  # "receive $1.5 billion in federal grants"
        if best is None or hops < best[0]:
            best = (hops, value, ent)
    if best is None:
        best = deep_consideration(ctx, frame) or restated_total(ctx, frame)
    if best is not None:
        money, span = best[1], best[2]
    elif valuation_money is not None and frame.cls.takeover:
        # "agreed to buy Y for $38.50 a share, valuing the company at $2.4 billion": a
        # takeover's value is what the whole company is priced at
        money, span = valuation_money
    return money, span, per_share, valuation


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
    sales or deposits a party has, not what is paid for it."""
    return any(
        pobj.lower_ in FIGURE_NOUNS or pobj.lemma_.lower() in FIGURE_NOUNS for pobj in prep_objects(amount, "in")
    )


def price_phrase(amount: Token) -> bool:
    """ "at a price of 3.4 billion crowns", "for a price of $20 million": the price of the
    deal itself (not "the price of Y's shares")."""
    of = amount.head
    price = of.head
    return (
        amount.dep_ == "pobj"
        and of.lower_ == "of"
        and price.lemma_.lower() == "price"
        and price.dep_ == "pobj"
        and price.head.lower_ in ("at", "for")
        and not any(c.dep_ == "compound" for c in price.children)
    )


# Nouns of what a price is paid in, written after the amount: "for 50 mln dlrs cash".
CONSIDERATION_NOUNS = frozenset({"cash", "stock"})
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


def non_equity(ctx, amount: Token) -> bool:
    """An amount said to be in grants, loans or debt: "$1.5 billion in grants"."""
    return any(pobj.lemma_.lower() in ctx.lex.non_equity_funding for pobj in prep_objects(amount, "in", "of"))


def hops_to(ctx, token: Token, trigger: Token, limit: int = MAX_MONEY_HOPS) -> Optional[int]:
    """How many arcs from a money token up to the trigger (None when not below it,
    or when the money hangs from the trigger's head as in "made a $50 bid")."""
    hops = 0
    node = token
    while node.i != trigger.i:
        if node.head.i == node.i or hops >= limit:
            break
        node = node.head
        hops += 1
    if node.i == trigger.i:
        return hops
    if trigger.head.i != trigger.i and trigger.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr"):
        # "made a $50 bid", "the round is valued at $14 billion", "the valuation
        # soared to $13.8 billion after a funding round": the money hangs from the verb
        # the trigger is an argument of
        verb = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
        node, hops = token, 0
        while node.head.i != node.i and hops < MAX_MONEY_HOPS - 1:
            node, hops = node.head, hops + 1
            if node.i == verb.i:
                return MAX_MONEY_HOPS
    return None


def stake_of(ctx, frame: Frame) -> Optional[float]:
    trigger = frame.trigger
    stakes = []
    for ent in context.near_ents(ctx, frame):
        if ent.label_ != "PERCENT":
            continue
        node = ent.root
        under = min(
            (h for h in (hops_to(ctx, node, t) for t in [trigger, *frame.absorbed]) if h is not None), default=None
        )
        if under is None:
            continue
        prep = governing_prep(node)
        if prep == "from":
            continue
        if prep == "by" and node.dep_ == "pobj":
            continue  # "debt rose by 85 pct", "raised its stake by 5 pct": a change, not a stake held
        value = ent._.percent if ent._.percent is not None else parse_percent(ent.text)
        if value is None:
            continue
        path = path_lemmas(node, trigger)
        if path & ctx.lex.non_deal_money:
            continue
        if in_static_clause(ctx, node, trigger):
            continue  # "sold 40 pct to X, which owns the other 60 pct": X's holding, not the deal's
        if of_combined_company(node):
            continue  # "X's shareholders will own 55% of the combined company": a split
        stakes.append((0 if prep == "to" else 1, under, value))
    return min(stakes)[2] if stakes else None


def own_phrase(ctx, frame: Frame) -> str:
    """The words that belong to this trigger and to no other trigger of the
    sentence: "invest $10 billion in Y, on top of the Series F round" gives the round
    to the round, not to the investment."""
    trigger = frame.trigger
    tree = ctx.index.tree
    first, after = tree.first[trigger.i], tree.after[trigger.i]
    # the subtrees of the other triggers are slices of the same walk, each inside the
    # trigger's, around it, or apart from it: what is left is the trigger's slice
    # less the slices inside it (all of it but the trigger when one is around it)
    cuts = []
    for other in frame.siblings:
        i = other.trigger.i
        if i == trigger.i:
            continue
        if tree.first[i] <= first and after <= tree.after[i]:
            return trigger.text
        if first <= tree.first[i] and tree.after[i] <= after:
            if other.cls is frame.cls and same_act_noun(other.trigger, trigger):
                continue  # "raised $2 million in a Series C funding round": the same act by its noun
            cuts.append((tree.first[i], tree.after[i]))
    doc, order, words, at = trigger.doc, tree.order, [], first
    for start, end in sorted(cuts):
        words.extend(order[at:start])
        at = max(at, end)
    words.extend(order[at:after])
    return " ".join(doc[i].text for i in words)


# Prepositions by which a verb names the round its money comes in: "raised $2 million in
# a Series C funding round", "landed $2 million of seed funding".
ROUND_PREPS = frozenset({"in", "of", "as", "through"})


def same_act_noun(noun: Token, verb: Token) -> bool:
    """A noun of the verb's class in the phrase the verb's money comes in ("raised $2
    million in a Series C funding round"; not "raised $5 million, after its Series A
    funding": an earlier round)."""
    if noun.pos_ != "NOUN":
        return False
    while noun.dep_ in ("compound", "amod") and noun.head.i != noun.i:
        noun = noun.head
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ in ROUND_PREPS
        and (prep.head.i == verb.i or prep.head.head.i == verb.i and prep.head.dep_ == "dobj")
    )


def date_of(ctx, frame: Frame) -> Optional[str]:
    trigger = frame.trigger
    doc_date = trigger.doc._.doc_date
    for ent in context.near_ents(ctx, frame):
        if (
            ent.label_ == "DATE"
            and (
                hops_to(ctx, ent.root, trigger) is not None
                or (trigger.pos_ == "NOUN" and 0 < ent.start - trigger.i <= DATE_AFTER_NOUN)
            )
            and not ends_a_period(ctx, ent, trigger)
        ):
            date = normalize_date(ent.text, doc_date)
            if date:
                return date
    return None


def ends_a_period(ctx, date: Span, trigger: Token) -> bool:
    """A date an offer expires, runs until or was extended to, or a deadline: the
    end of a period, not when the deal happened ("the offer expires on March 3",
    "extended its offer to May 1", "open through March 31"). A cue word on the way
    from the date up to the trigger or to the word above the trigger it hangs from
    (not above that), or among the words just before the date in its sentence."""
    tree = ctx.index.tree
    node = date.root
    for _ in range(DATE_END_ARCS):
        if node.head.i == node.i:
            break
        node = node.head
        if node.i == trigger.i:
            break
        if node.lemma_.lower() in ctx.lex.date_end_cues or node.lower_ in ctx.lex.date_end_preps:
            return True
        if tree.below(node.i, trigger.i):
            break  # where the date joins the trigger's own chain: above it is another clause
    start = max(date.start - DATE_END_WORDS, context.sent_of(ctx, date.root).start)
    return any(
        t.lemma_.lower() in ctx.lex.date_end_cues or t.lower_ in ctx.lex.date_end_preps
        for t in date.doc[start : date.start]
        if t.i != trigger.i
    )


def of_combined_company(percent: Token) -> bool:
    """ "55% of the combined company": how owners split a merger, not a stake bought."""
    return any(any(c.lower_ in COMBINED_WORDS for c in pobj.children) for pobj in prep_objects(percent, "of"))


def just_before(ent: Span, trigger: Token) -> bool:
    """An amount written right before a noun trigger: "a $50 a share cash bid"."""
    if (trigger.pos_ not in ("NOUN", "PROPN") and trigger.dep_ != "acl") or ent.end > trigger.i:
        return False
    between = ent.doc[ent.end : trigger.i]
    return all(t.is_space or t.lower_ in PRICE_WORDS or t.pos_ == "ADJ" for t in between) and len(between) <= 3


def in_static_clause(ctx, token: Token, stop: Token) -> bool:
    """``token`` is in a relative clause or participle of holding below ``stop``
    ("Y, which already owns 9.9 pct of Z", "X, which holds 60 pct"): a holding described,
    not a figure of the deal ``stop`` states."""
    static = ctx.lex.static_verbs
    node = token
    for _ in range(MAX_MONEY_HOPS + 1):
        if node.head.i == node.i or node.i == stop.i:
            return False
        if node.dep_ in ("relcl", "acl") and node.lemma_.lower() in static:
            return True
        node = node.head
    return False


def path_lemmas(token: Token, stop: Token) -> set[str]:
    """Lemmas on the way from ``token`` up to ``stop`` (exclusive of both)."""
    lemmas = set()
    node = token
    for _ in range(MAX_MONEY_HOPS + 1):
        if node.head.i == node.i or node.head.i == stop.i:
            break
        node = node.head
        lemmas.add(node.lemma_.lower())
    return lemmas


def subjects_on_path(token: Token, stop: Token) -> set[str]:
    """Lemmas of the subjects of the words above ``token``: "the valuation soared to
    $13.8 billion" makes the amount a valuation."""
    lemmas = set()
    node = token
    for _ in range(MAX_MONEY_HOPS):
        if node.head.i == node.i or node.i == stop.i:
            break
        node = node.head
        lemmas.update(child.lemma_.lower() for child in node.children if child.dep_ in SUBJECT_DEPS)
    return lemmas


def governing_prep(token: Token) -> Optional[str]:
    node = token
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.dep_ in ("prep", "dative"):
            return node.head.lower_
        if node.head.i == node.i:
            break
        node = node.head
    return None


TOTAL_WORDS = frozenset({"combined", "total", "aggregate"})


def combined_amount(money: Span) -> bool:
    """ "for a combined $85 million": a sum for several things, not one deal's amount."""
    doc = money.doc
    before = doc[max(money.start - 2, money.sent.start) : money.start]
    return any(t.lower_ == "combined" for t in before) or any(t.lower_ == "combined" for t in money)


def amount_per_target(ctx, deals: list[Deal]) -> None:
    """Several targets of one verb: "bought X for $60 million and Y for $15 million" gives
    each the amount "for" it; "bought X, Y and Z for a combined $9 million" gives none a
    share of the total."""
    ordered = sorted((d for d in deals if d.target is not None), key=lambda d: d.target.start)
    if len(ordered) < 2:
        return
    doc = ordered[0].target.doc
    sent = context.sent_of(ctx, ordered[0].target.root)
    own = []
    for k, deal in enumerate(ordered):
        end = ordered[k + 1].target.start if k + 1 < len(ordered) else sent.end
        own.append(
            next(
                (
                    e
                    for e in ctx.index.ents_within(sent.start, deal.target.end, end)
                    if e.label_ == "MONEY"
                    and e._.money is not None
                    and not e._.money.per_share
                    and doc[e.start - 1].lower_ == "for"
                ),
                None,
            )
        )
    if sum(e is not None for e in own) > 1 and len({e.start for e in own if e is not None}) > 1:
        for deal, money in zip(ordered, own):
            if money is not None:
                deal.money, deal.money_span = money._.money, money
        return
    shared = ordered[0].money_span
    if shared is not None and all(d.money_span == shared for d in ordered):
        before = doc[max(shared.start - 2, sent.start) : shared.start]
        if any(t.lower_ in TOTAL_WORDS for t in before) or any(t.lower_ in TOTAL_WORDS for t in shared):
            for deal in ordered:
                deal.money = deal.money_span = None  # a total for all of them
