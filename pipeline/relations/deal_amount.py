"""The deal's amount, told apart from its price per share and from the target's valuation;
the amount of each of several targets of one verb."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..schema import Deal
from . import context
from .amount_reach import (
    deal_worth,
    deep_consideration,
    low_hung_price,
    price_above,
    price_alternative,
    price_on_party_participle,
    restated_total,
    values_the_consideration,
    values_the_deal,
    values_the_whole_for_a_part,
)
from .common import MAX_MONEY_HOPS, MIN_DEAL_AMOUNT
from .context import Frame
from .figure_paths import governing_prep, hops_to, just_before, path_lemmas, subjects_on_path
from .not_a_price import (
    EARNING_NOUNS,
    RESULT_NOUNS,
    difference,
    figure_of_something,
    increment,
    non_equity,
    price_phrase,
    running_total,
)

# Nouns of what a price is paid in, written after the amount: "for 50 mln dlrs cash".
CONSIDERATION_NOUNS = frozenset({"cash", "stock"})


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
        if reached and values_the_whole_for_a_part(ctx, ent.root, trigger):
            # "sell a majority stake in Y in a deal that could value Y at $1 billion"
            if valuation is None and value.amount is not None and not value.per_share:
                valuation, valuation_money = value.amount, (value, ent)
            continue
        if worth_clause:
            reached = [(MAX_MONEY_HOPS, trigger)]
        if not reached:
            continue
        hops, anchor = min(reached, key=lambda pair: pair[0])
        if not value.per_share and in_clause_of_another_deal(ctx, frame, ent.root, anchor):
            continue  # "bought Y, which sold its unit to Z for $5 million": the sale's price
        path = path_lemmas(ent.root, anchor)
        if (
            ent.root.dep_ in ("compound", "nummod", "nmod")
            and ent.root.head.lemma_.lower() in CONSIDERATION_NOUNS
            and governing_prep(ent.root) == "for"
        ):
            path.discard(ent.root.head.lemma_.lower())  # "for 50 mln dlrs cash": the price paid in cash
        values_deal = (
            values_the_deal(ctx, ent.root, anchor) or values_the_consideration(ent.root, trigger) or worth_clause
        )
        if (path | subjects_on_path(ent.root, anchor)) & ctx.lex.valuation_cues and not values_deal:
            if (
                valuation is None
                and value.amount is not None
                and not value.per_share
                and value.amount >= MIN_DEAL_AMOUNT
            ):
                # not "preferred stock valued at eight dlrs a share": a part of the price per share
                valuation, valuation_money = value.amount, (value, ent)
            continue
        if governing_prep(ent.root) == "from":
            continue  # "to 92.50 dlrs a share from 80 dlrs": the earlier figure
        if increment(ent.root) or difference(ent):
            continue  # "topped X's offer by 40 mln dlrs", "12.8 mln dlrs more than X pays": a difference
        if running_total(ent.root):
            continue  # "has raised $203 million to date": all the money raised so far
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
            path.discard(
                ent.root.head.head.lemma_.lower()
            )  # "acquire Y at a price of 3.4 billion crowns": the deal's price
        if path & (ctx.lex.non_deal_money | RESULT_NOUNS) and not values_deal:
            continue  # "a pretax gain of $175 million from the sale of Y": what the sale earned
        if frame.cls.funding_round and non_equity(ctx, ent.root):
            continue  # "receive $1.5 billion in federal grants"
        if best is None or hops < best[0]:
            best = (hops, value, ent)
    if best is None:
        best = deep_consideration(ctx, frame) or restated_total(ctx, frame) or low_hung_price(ctx, frame)
    if best is not None:
        money, span = best[1], best[2]
    elif valuation_money is not None and frame.cls.takeover:
        # "agreed to buy Y for $38.50 a share, valuing the company at $2.4 billion": a
        # takeover's value is what the whole company is priced at
        money, span = valuation_money
    return money, span, per_share, valuation


TOTAL_WORDS = frozenset({"combined", "total", "aggregate"})


def in_clause_of_another_deal(ctx, frame: Frame, amount: Token, anchor: Token) -> bool:
    """The amount hangs below another deal's verb in a clause describing a noun of this
    deal ("bought Y, which sold its unit to Z for $5 million", "Y, acquired by Z for $5
    million in 1985"): the price of that deal, told in the background (not the terms
    of this one: "a merger in which holders would receive $52 a share")."""
    node = amount
    for _ in range(MAX_MONEY_HOPS + 2):
        if node.head.i == node.i or node.head.i == anchor.i:
            return False
        node = node.head
        if (
            node.pos_ == "VERB"
            and (node.dep_ == "relcl" or node.dep_ == "acl" and node.tag_ in ("VBN", "VBG"))
            and node.lemma_.lower() not in ctx.lex.weak_raise_verbs
            and any(other.trigger.i == node.i for other in frame.siblings)
        ):
            return True
    return False


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
