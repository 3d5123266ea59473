"""The stake, date and own words that belong to a trigger; the deal's amount is chosen in
``deal_amount`` (re-exported here for the frame assembly)."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from ..dates import normalize_date
from ..money.parsing import parse_percent
from . import context
from .common import COMBINED_WORDS, DATE_AFTER_NOUN, DATE_END_ARCS, DATE_END_WORDS, prep_objects
from .context import Frame
from .deal_amount import amount_per_target, combined_amount, money_of
from .figure_paths import governing_prep, hops_to, in_static_clause, path_lemmas, through_equivalent
from .not_a_price import difference

__all__ = ["amount_per_target", "combined_amount", "date_of", "difference", "money_of", "own_phrase", "stake_of"]


def stake_of(ctx, frame: Frame) -> Optional[float]:
    trigger = frame.trigger
    stakes = []
    for ent in context.near_ents(ctx, frame):
        if ent.label_ != "PERCENT":
            continue
        node = through_equivalent(ent.root)
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


def of_combined_company(percent: Token) -> bool:
    """ "55% of the combined company": how owners split a merger, not a stake bought."""
    return any(any(c.lower_ in COMBINED_WORDS for c in pobj.children) for pobj in prep_objects(percent, "of"))


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
