"""One frame -> the deals it states (parties, figures, status, type, confidence), or none."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from ..schema import Deal
from . import (
    antecedents,
    common,
    context,
    coordination,
    deal_status,
    deal_types,
    figures,
    funding,
    kinds,
    listed_deals,
    non_deals,
    party_names,
)
from .common import FUNDING_WORDS, ROLES
from .context import Frame

# --- one frame -> one deal ------------------------------------------------------


def frame_deals(ctx, frame: Frame) -> list[Deal]:
    """The deals a trigger states: one per target when several are listed ("sell its
    Z business, Y Ltd and the W operations"), except in a merger of the two."""
    targets = [p for p in party_names.parties_of(ctx, frame.args["target"]) if not funding.round_letter(p[0])]
    if frame.single_target:
        targets = targets[:1]
    if len(targets) > 1 and not frame.cls.merger:
        deals = [build_deal(ctx, frame, only_target=i) for i in range(len(targets))]
    else:
        deals = [build_deal(ctx, frame)]
    deals = [deal for deal in deals if deal is not None]
    if len(deals) > 1:
        figures.amount_per_target(ctx, deals)
        _respectively(ctx, frame, deals)
    for deal in deals:
        if deal.money_span is not None and figures.combined_amount(deal.money_span):
            deal.money = deal.money_span = None  # "bought Y and Z for a combined $85 million"
    if len(deals) == 1 and frame.trigger.pos_ == "VERB" and not frame.cls.merger:
        deals += listed_deals.gapped_deals(ctx, deals[0])
    if len(deals) == 1 and not frame.cls.merger and not frame.cls.funding_round:
        deals += listed_deals.semicolon_targets(ctx, deals[0])
    if len(deals) == 1 and (frame.cls.funding_round or frame.cls.type == "investment"):
        deals += listed_deals.listed_rounds(ctx, deals[0])
    return deals


def _respectively(ctx, frame: Frame, deals: list[Deal]) -> None:
    """ "A and B agreed to buy C and D, respectively": the n-th buyer takes the n-th target."""
    buyers = deals[0].buyers
    sent = context.sent_of(ctx, frame.trigger)
    if (
        len(buyers) == len(deals)
        and all(deal.buyers == buyers for deal in deals)
        and any(t.lower_ == "respectively" for t in sent if t.i > frame.trigger.i)
    ):
        for buyer, deal in zip(sorted(buyers, key=lambda s: s.start), sorted(deals, key=lambda d: d.target.start)):
            deal.buyers = [buyer]


def build_deal(ctx, frame: Frame, only_target: Optional[int] = None) -> Optional[Deal]:
    doc = frame.trigger.doc
    sent = context.sent_of(ctx, frame.trigger)
    cls = frame.cls
    parties = {role: party_names.parties_of(ctx, frame.args[role]) for role in ROLES}
    parties["target"] = [p for p in parties["target"] if not funding.round_letter(p[0])]  # "Series A"
    targets = parties["target"][:1] if frame.single_target else parties["target"]
    if only_target is not None:
        targets = targets[only_target : only_target + 1]
    if cls.merger and len(targets) >= 2 and not parties["survivor"]:
        # "the merger of A and B": the first named takes the second
        parties["buyer"], targets = targets[:1], targets[1:2]
    unit_owner = None
    if targets and targets[0][1]:
        unit_owner = targets[0][1]
    money, money_span, per_share, valuation = figures.money_of(ctx, frame)
    stake = figures.stake_of(ctx, frame)
    round_name = funding.round_label(figures.own_phrase(ctx, frame)) if cls.may_name_round else None
    if (
        cls.requires_money_or_round
        and money is None
        and round_name is None
        and valuation is None
        and frame.trigger.pos_ != "NOUN"
    ):
        return None
    if non_deals.no_ownership_change(ctx, frame):
        return None
    buyers = common.unique_parties([span for span, _ in parties["buyer"]])
    # the reporting company in its own words ("we acquired Y", "our acquisition of
    # Y", "the Company completed the acquisition of Y"): a deal with no named buyer
    self_buyer = any(antecedents.self_reference(ctx, arg) for arg in frame.args["buyer"]) or any(
        common.generic_name(b) for b in buyers
    )
    buyers = [b for b in buyers if not common.generic_name(b)]
    through = kinds.through_unit(ctx, frame.trigger) if not cls.seller_side else None
    if through is not None:
        buyers = [through]  # "the Company, through its subsidiary X, purchased Y": X buys
    if not buyers:
        buyers = coordination.partners(ctx, frame)
    if not buyers and not parties["buyer"]:
        buyers = coordination.misattached(ctx, frame, cls.stray_prep(common.voice(frame.trigger)))
    elif buyers:
        buyers = common.unique_parties(buyers + coordination.partners(ctx, frame))
    if (
        cls.funding_round
        and frame.trigger.lemma_.lower() in ctx.lex.weak_raise_verbs
        and not (buyers or round_name or any(c.lemma_.lower() in FUNDING_WORDS for c in frame.trigger.subtree))
    ):
        return None  # "stockholders will receive 30 dlrs a share": a payment, not a round
    target = targets[0][0] if targets else None
    seller = parties["seller"][0][0] if parties["seller"] else None
    date = figures.date_of(ctx, frame)
    # "after a funding round in 2024": a round noun stands for a deal when dated
    explicit_round = cls.funding_round and frame.trigger.pos_ == "NOUN" and date is not None
    if (
        target is None
        and buyers
        and frame.trigger.pos_ == "NOUN"
        and (
            frame.trigger.lemma_.lower() in ctx.lex.buyout_modifiers
            or any(
                c.lemma_.lower() in ctx.lex.buyout_modifiers
                for c in frame.trigger.children
                if c.dep_ in ("amod", "compound")
            )
        )
    ):
        # "holders approved the management buyout led by its chairman": of the company
        target = antecedents.antecedent(ctx, frame.trigger)
    if target is None and cls.funding_round and (money is not None or round_name or explicit_round):
        target = funding.round_owner(ctx, frame, buyers)
    if target is None and cls.offer and buyers and per_share is not None:
        # "X made a 37 dlrs a share bid": for the company bid for just before, else
        # the company the article is about
        earlier = antecedents.earlier_deal(ctx, buyers)
        target = (
            earlier.target
            if earlier is not None
            else antecedents.main_org(doc, excluding={common.party_key(b) for b in buyers})
        )
    if target is None and cls.offer and buyers and competing(frame.trigger):
        # "a competing bid from X", "X made a rival offer": for the company another
        # buyer's deal, told before, is for
        earlier = antecedents.earlier_deal(ctx, buyers)
        target = earlier.target if earlier is not None and earlier.buyers else None
    if (
        target is None
        and buyers
        and cls.stake_sets_type
        and (
            stake is not None
            and any(
                ent.label_ == "PERCENT" and ent.root.head.i == frame.trigger.i for ent in context.near_ents(ctx, frame)
            )
            or any(antecedents.the_holding(ctx, arg) for arg in frame.args["target"])
        )
    ):
        # "X had bought over 70 pct of the shares": of the company bid for before
        earlier = antecedents.earlier_deal(ctx, buyers)
        if earlier is not None:
            target = earlier.target
            stake = stake if stake is not None else earlier.stake_pct  # "bought the stake"
    asset_owner = False  # the target is the owner of unnamed assets the frame names
    if target is None and seller is not None and cls.takes_seller and frame.args["target"]:
        # "buy a cable system from X": an unnamed asset's owner is the target
        target, seller = seller, None
        asset_owner = True
    own_stake = False
    if (
        target is None
        and seller is not None
        and buyers
        and cls.seller_side
        and frame.args["target"]
        and all(kinds.own_stake(ctx, arg) for arg in frame.args["target"])
    ):
        # "Y has sold a 35% stake to X": a stake in itself; X invests in Y
        target, seller = seller, None
        own_stake = True
    elif (
        target is None
        and seller is not None
        and buyers
        and cls.seller_side
        and frame.args["target"]
        and all(kinds.unnamed_asset(ctx, arg) or listed_kinds(ctx, arg) for arg in frame.args["target"])
    ):
        # "X sold oil and gas assets in Texas to Y", "a portfolio of 25 warehouses": the
        # seller's unnamed assets (the target in the seller's name)
        target = seller
        asset_owner = True
    survivors = common.unique_parties([span for span, _ in parties["survivor"]])
    if survivors and cls.merger and frame.args["target"] and not targets:
        return None  # "X is combining its drug activities into Y": a reorganisation
    if survivors:
        # "X's merger into Y", "X will be merged into Y": Y takes X over ("X will merge
        # into Y, with Y as the surviving entity": Y named twice)
        if target is None or common.same_party(target, survivors[0]):
            target = next((b for b in buyers if not common.same_party(b, survivors[0])), None)
        buyers = survivors
    if cls.merger and target is None and len(buyers) >= 2:
        # "X and Y agreed to merge": the first named is the buyer
        target, buyers = buyers[1], buyers[:1]
    if cls.merger and target is not None and len(buyers) <= 1 and kinds.target_side(ctx, frame.trigger):
        # "Y said its board reaffirmed its support for the merger with X": the board that
        # supports or recommends a merger to its holders is the target's
        if buyers and frame.inherited:
            target, buyers = buyers[0], [target]
        elif not buyers:
            speaker = antecedents.antecedent(ctx, frame.trigger)
            if speaker is not None and not common.same_party(speaker, target):
                target, buyers = speaker, [target]
    if (
        cls.merger
        and target is not None
        and len(buyers) == 1
        and not survivors
        and kinds.unit_of_another(ctx, target)
        and not kinds.unit_of_another(ctx, buyers[0])
    ):
        # "Y said its holders approved the merger with X, a unit of Z": Y merges into
        # the unit of a larger group, which takes it over
        target, buyers = buyers[0], [target]
    if target is None:
        return None
    if (
        seller is None
        and unit_owner is not None
        and not common.same_party(unit_owner, target)
        and (cls.seller_side or (cls.takes_seller and not any(common.same_party(unit_owner, b) for b in buyers)))
    ):
        seller = unit_owner  # "sold its Y unit", "bought X's Y unit": X sells
    if seller is not None and common.same_party(seller, target):
        seller = None
    if (
        any(common.same_party(buyer, target) for buyer in buyers)
        and frame.args["target"]
        and antecedents.itself(ctx, frame.args["target"][0])
    ):
        # "rumors that X was preparing a bid for the company": the company is not X
        other = antecedents.antecedent_other_than(ctx, frame.args["target"][0], buyers)
        if other is not None:
            target = other
    buyers = [buyer for buyer in buyers if not common.same_party(buyer, target)]
    if seller is not None:
        buyers = [buyer for buyer in buyers if not common.same_party(buyer, seller)]
    if cls.requires_target and not buyers and seller is None:
        return None
    if cls.funding_round and not buyers and (round_name == "IPO" or kinds.public_offering(ctx, frame.trigger)):
        return (
            None  # "raised $230 million in its initial public offering", "a rights issue to raise": its own shares sold
        )
    # "the acquisition of Y was completed in 2011": a named company bought, by no one
    # named (kept only when no other deal of the document names Y's buyer: __call__)
    unnamed_buyer = (
        frame.trigger.pos_ == "NOUN"
        and frame.trigger.lemma_.lower() in cls.unnamed_buyer_nouns
        and not parties["buyer"]
        and any(a.dep_ == "pobj" and a.head.lower_ == "of" for a in frame.args["target"])
    )
    if (
        not cls.seller_side
        and not buyers
        and not self_buyer
        and not unnamed_buyer
        and not (cls.may_name_round and (money or round_name or valuation or explicit_round))
    ):
        return None
    deal_type = deal_types.deal_type(ctx, frame, stake, buyers, own_stake)
    status = deal_status.status_of(ctx, frame, target)
    if non_deals.no_deal_stated(ctx, frame, buyers, status):
        return None
    if per_share is not None and money is None:
        money_span = None
    deal = Deal(
        type=deal_type,
        buyers=buyers,
        target=target,
        seller=seller,
        money=money,
        money_span=money_span,
        stake_pct=stake,
        price_per_share=per_share,
        valuation=valuation,
        round=round_name,
        status=status,
        date=date,
        evidence=sent,
        trigger=doc[frame.trigger.i : frame.trigger.i + 1],
        target_unit=unit_of(ctx, frame, target, asset_owner),
    )
    deal.confidence = confidence(frame, deal)
    return deal


def listed_kinds(ctx, arg: Token) -> bool:
    """ "sell its specialty resin, hexamine and forest-products resins businesses": kinds of
    business listed before the one unit noun they share (the parser taking the first kind
    for the head, the unit noun for a conjunct or an apposition); an unnamed unit."""
    if arg.pos_ != "NOUN" or arg.ent_type_ in common.PARTY_LABELS or not arg.conjuncts:
        return False
    listed = [c for c in (*arg.conjuncts, *(a for a in arg.children if a.dep_ == "appos")) if c.i > arg.i]
    return bool(listed) and kinds.unnamed_asset(ctx, max(listed, key=lambda c: c.i))


# Words that make a bid one against another buyer's: "a competing bid", "a rival offer".
COMPETING_WORDS = frozenset({"competing", "rival", "counter", "alternative", "superior"})


def competing(trigger: Token) -> bool:
    return any(c.dep_ in ("amod", "compound") and c.lower_ in COMPETING_WORDS for c in trigger.children)


def unit_of(ctx, frame: Frame, target: Span, asset_owner: bool) -> Optional[str]:
    """The words of the unnamed unit or assets of ``target`` that change hands ("sold
    its European operations", "bought the assets of X", "sold oil and gas assets to Y"):
    the spec writes the target "<parent>'s <unit>", sold by the parent."""
    for arg in frame.args["target"]:
        for token in [arg, *arg.conjuncts]:
            if asset_owner:
                if token.lemma_.lower() in ctx.lex.unit_nouns and kinds.unnamed_asset(ctx, token):
                    return kinds.unit_words(ctx, token)
                continue
            if token.pos_ != "NOUN" or token.lemma_.lower() in ctx.lex.trigger_lemmas:
                continue  # "which", "Schwartsbach's acquisition of Y"
            party = party_names.party_of(ctx, token, 0)
            if (
                party is not None
                and party[1] is not None
                and party[0] == party[1]
                and common.same_party(party[0], target)
            ):
                return kinds.unit_words(ctx, token)
    return None


def confidence(frame: Frame, deal: Deal) -> float:
    """A score in 0..1 from how directly the parse states the deal."""
    score = 0.35
    if frame.args["target"]:
        score += 0.2
    if deal.buyers and not frame.inherited:
        score += 0.15
    elif deal.buyers:
        score += 0.1
    if deal.money is not None or deal.stake_pct is not None:
        score += 0.1
    if frame.trigger.pos_ == "VERB":
        score += 0.05
    if any(span.label_ != "ORG" for span in [*deal.buyers, deal.target]):
        score -= 0.1
    return round(max(0.05, min(score, 0.95)), 2)
