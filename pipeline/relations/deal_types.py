"""The type of a deal (acquisition, investment, merger, divestiture) from its trigger
class, its stake and the words of the holding bought."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span

from . import common
from .common import STAKE_FOR_ACQUISITION
from .context import Frame
from .lexicon import TriggerClass

# Holdings bought with no figure: a minority unless told whole or controlling.
MINORITY_BY_DEFAULT = frozenset({"stake", "interest", "holding", "share", "stock", "equity"})
WHOLE_WORDS = frozenset(
    {"majority", "controlling", "all", "remaining", "remain", "outstanding", "entire", "whole", "full", "rest", "half"}
)


def deal_type(ctx, frame: Frame, stake: Optional[float], buyers: list[Span], own_stake: bool) -> str:
    """The deal's type: the class's, set by the stake, by control taken, by a holding
    bought whole or in part."""
    cls = frame.cls
    kind = type_of_deal(cls, stake, buyers)
    if (
        cls.holding
        and not cls.seller_side
        and any(c.dep_ == "dobj" and c.lemma_.lower() in ctx.lex.control_nouns for c in frame.trigger.children)
    ):
        kind = "acquisition"  # "X took control of Y"
    held = [
        arg
        for arg in frame.args["target"]
        if arg.lemma_.lower() in MINORITY_BY_DEFAULT and not common.per_share_word(arg)  # "40 dlrs a share"
    ]
    objects = held + [c for c in frame.trigger.children if c.dep_ == "dobj" and c.lemma_.lower() in MINORITY_BY_DEFAULT]
    whole = any(_told_whole(arg) for arg in objects)
    if kind == "investment" and stake is None and whole:
        kind = "acquisition"  # "seek a majority stake in Y"
    elif kind == "acquisition" and stake is None and held and not whole and len(held) == len(frame.args["target"]):
        kind = "investment"  # "acquired a stake in Y", "further purchases of Y stock": a minority
    if own_stake and stake is None:
        # "sold a minority stake to X" (no figure): an investment unless a majority
        majority = any(_word_in(c, ("majority", "controlling")) for arg in frame.args["target"] for c in arg.children)
        kind = "acquisition" if majority else "investment"
    return kind


def _word_in(token, words) -> bool:
    """The word as written or its lemma ('controlling' is lemmatised 'control')."""
    return token.lower_ in words or token.lemma_.lower() in words


# Verbs of holding: "the shares it does not already own" is the rest of the company.
HOLD_VERBS = frozenset({"own", "hold", "have"})


def _told_whole(holding) -> bool:
    """A holding told whole or controlling ('a controlling interest', 'the remaining
    shares'), or the rest the buyer does not already hold ('the interest in Y that it did
    not already own'; the clause may hang on the noun of the purchase)."""
    if any(_word_in(c, WHOLE_WORDS) for c in holding.children):
        return True
    for noun in [holding, *list(holding.ancestors)[:3]]:
        for c in noun.children:
            if c.dep_ == "relcl" and c.lemma_.lower() in HOLD_VERBS and any(g.dep_ == "neg" for g in c.children):
                return True
    return False


def type_of_deal(cls: TriggerClass, stake: Optional[float], buyers: list[Span]) -> str:
    if cls.seller_side:
        if not buyers:
            return "divestiture"
        # "sold its 20% stake in Y to X": a minority stake bought is an investment
        return "investment" if stake is not None and stake < STAKE_FOR_ACQUISITION else "acquisition"
    if stake is not None and cls.stake_sets_type:
        return "acquisition" if stake >= STAKE_FOR_ACQUISITION else "investment"
    return cls.type
