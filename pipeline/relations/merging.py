"""One deal per transaction within an article."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span

from ..schema import Deal
from . import common, framing, funding
from .common import STAKE_FOR_ACQUISITION


def unnamed_nominal(ctx, deal: Deal) -> bool:
    """A deal stated by a noun ("the acquisition of Y") with no buyer and no seller."""
    if deal.buyers or deal.seller is not None or deal.trigger is None:
        return False
    cls = framing.class_of(ctx, deal.trigger[0])
    return (
        deal.trigger[0].pos_ == "NOUN" and cls is not None and deal.trigger[0].lemma_.lower() in cls.unnamed_buyer_nouns
    )


# Objects of a deal verb that buy shares, not the company: "buy additional shares".
SHARE_NOUNS = frozenset({"share", "shares", "stock", "stake", "interest"})


def merge_same(deals: list[Deal], kinds: Optional[dict[int, str]] = None) -> list[Deal]:
    """One deal per (buyers, target) within a document; later mentions fill the gaps.
    Two transactions with the same parties stay apart: a minority stake bought and a
    takeover attempt that failed ("X, which sought unsuccessfully to acquire Y, bought
    5 pct of Y"); ``kinds`` gives each deal's kind (by ``id``)."""
    kinds = kinds or {}
    merged: dict[tuple, Deal] = {}
    for deal in deals:
        kind = kinds.get(id(deal))
        if kind is not None:
            apart = next(
                (
                    other
                    for other in merged.values()
                    if kinds.get(id(other)) not in (None, kind)
                    and _two_steps(other, deal, kinds)
                    and common.party_key(other.target) == common.party_key(deal.target)
                ),
                None,
            )
            if apart is not None:
                key = (
                    "apart",
                    kind,
                    frozenset(common.party_key(b) for b in deal.buyers),
                    common.party_key(deal.target),
                )
                if key in merged:
                    _fill(merged[key], deal)
                else:
                    merged[key] = deal
                continue
        key = (frozenset(common.party_key(b) for b in deal.buyers), common.party_key(deal.target))
        if not deal.buyers:
            # unnamed investors: two sentences may be two different rounds; a sale by a
            # named seller is one sale however many sentences tell it
            key += (common.party_key(deal.seller),) if deal.seller is not None else (deal.evidence.start,)
        kept = merged.get(key)
        if kept is not None and _other_units(kept, deal):
            # "bought Y's European business" and "bought Y's Asian business": two transactions
            key += (deal.target_unit.lower(),)
            kept = merged.get(key)
        if kept is None and not deal.buyers:
            # "secured $1 billion from X in a Series F round": the round is X's deal
            kept = next(
                (
                    other
                    for other in merged.values()
                    if common.party_key(other.target) == key[1] and other.evidence.start == deal.evidence.start
                ),
                None,
            )
        if kept is None:
            merged[key] = deal
            continue
        if kinds.get(id(kept)) not in (None, kind) and kind is not None:
            # "X bought 9.9 pct of Y for $161.9 million" beside "X's takeover of Y": what the
            # stake cost is not the takeover's price
            _fill(kept, deal, skip=FIGURE_FIELDS)
        else:
            _fill(kept, deal)
        kept.confidence = max(kept.confidence, deal.confidence)
    return list(merged.values())


def one_per_transaction(ctx, doc: Doc, deals: list[Deal]) -> list[Deal]:
    """The deals of an article, each transaction once: mentions of the same deal merged
    (``merge_same``), a nominal deal with no buyer dropped beside named ones, a sale told
    again without its buyer dropped."""
    deals = merge_same(deals, {id(deal): kind for deal in deals if (kind := _kind(ctx, deal)) is not None})
    deals = _merger_as_told(deals)
    deals = _unit_told_by_name(ctx, doc, deals)
    deals = _same_with_fewer_buyers(deals)
    deals = _round_with_its_investors(ctx, deals)
    named = [deal for deal in deals if deal.buyers]
    # a deal with no buyer named whose target another deal gives a buyer: the same deal
    # "the acquisition of Y" with no buyer named: kept in a text that names no buyer
    # elsewhere (a filing's own deals); beside named deals it is most often one of
    # them told again, or a deal whose buyer is named far away
    reported = any(token.lemma_ == "say" for token in doc)
    deals = [deal for deal in deals if not ((named or reported) and unnamed_nominal(ctx, deal))]
    # a sale told again without its buyer ("the sale of Y" after "X agreed to sell Y
    # to Z"), or without buyer and seller: the same deal
    kept: list[Deal] = []
    for deal in deals:
        same = (
            next(
                (
                    other
                    for other in deals
                    if other is not deal
                    and common.same_party(deal.target, other.target)
                    and (other.buyers or deal.seller is None and (other.seller is not None or other in kept))
                    # "X sold its stake in Y" beside "X bought the stake": two transactions
                    and not (deal.seller is not None and any(common.same_party(deal.seller, b) for b in other.buyers))
                    # a unit sold is no part of a merger of the whole company
                    and not (deal.target_unit is not None and other.type == "merger")
                ),
                None,
            )
            if deal.type == "divestiture" and not deal.buyers
            else None
        )
        if same is not None:
            _fill(same, deal)  # "The Y stake is to be sold for N": the amount of the sale told before
            continue
        kept.append(deal)
    return kept


def _other_units(first: Deal, second: Deal) -> bool:
    """Two deals on different unnamed units of one parent ("its European business", "its
    Asian business")."""
    return (
        first.target_unit is not None
        and second.target_unit is not None
        and first.target_unit.lower() != second.target_unit.lower()
    )


def _unit_told_by_name(ctx, doc: Doc, deals: list[Deal]) -> list[Deal]:
    """ "X agreed to sell its packaging business to Z" and "Z's purchase of W, the
    packaging unit": a deal on a parent's unnamed unit and a deal of the same buyers on a
    named company that the text calls a unit (or that bears the parent's first name),
    sold by the parent or by no one named, are one transaction, told by the unit's name.
    So is a deal of the same buyers on the parent itself beside the sale of its named unit
    to them ("sell its W unit to Z ... Z will pay $600 million for the business")."""
    kept = []
    called_units: Optional[set[str]] = None  # read once, when a deal needs it
    buyer_keys = {id(deal): frozenset(common.party_key(b) for b in deal.buyers) for deal in deals}
    for deal in deals:
        named = None
        if deal.target_unit is not None and called_units is None:
            called_units = _called_units(ctx, doc)
        if deal.buyers and deal.target is not None and (deal.target_unit is not None or deal.seller is None):
            keys = buyer_keys[id(deal)]
            named = next(
                (
                    other
                    for other in deals
                    if other is not deal
                    and other.target_unit is None
                    and other.target is not None
                    and buyer_keys[id(other)] == keys
                    and not common.same_party(other.target, deal.target)
                    and other.type == deal.type
                    and _same_amount(deal, other)
                    and (
                        other.seller is not None
                        and common.same_party(other.seller, deal.target)
                        and deal.stake_pct is None
                        or deal.target_unit is not None
                        and other.seller is None
                        and (
                            common.party_key(other.target) in (called_units or ())
                            or _first_word(other.target) == _first_word(deal.target)
                        )
                    )
                ),
                None,
            )
        if named is not None:
            named.seller = named.seller or deal.target
            _fill(named, deal, skip=frozenset({"target_unit"}))
            continue
        kept.append(deal)
    return kept


def _first_word(span: Span) -> str:
    return span[0].lower_


def _called_units(ctx, doc: Doc) -> set[str]:
    """The companies the text calls a unit: "The unit, W, makes cartons", "W, the packaging
    unit" (at any mention of the name), by their party keys."""
    found = set()
    for ent in doc.ents:
        root = ent.root
        if (root.dep_ == "appos" and root.head.lemma_.lower() in ctx.lex.unit_nouns) or any(
            c.dep_ == "appos" and c.lemma_.lower() in ctx.lex.unit_nouns for c in root.children
        ):
            found.add(common.party_key(ent))
    return found


def _same_with_fewer_buyers(deals: list[Deal]) -> list[Deal]:
    """ "X has acquired 9.4 pct of Y" beside "X, Z and W said they bought the stake": one
    transaction told with some of its buyers, then with all (same target, type and status)."""
    kept = []
    buyer_keys = {id(deal): frozenset(common.party_key(b) for b in deal.buyers) for deal in deals}
    target_keys = {id(deal): common.party_key(deal.target) if deal.target is not None else None for deal in deals}
    for deal in deals:
        keys = buyer_keys[id(deal)]
        fuller = next(
            (
                other
                for other in deals
                if other is not deal
                and keys
                and target_keys[id(other)] == target_keys[id(deal)]
                and other.type == deal.type
                and other.status == deal.status
                and keys < buyer_keys[id(other)]
            ),
            None,
        )
        if fuller is not None:
            _fill(fuller, deal)
            continue
        kept.append(deal)
    return kept


def _round_with_its_investors(ctx, deals: list[Deal]) -> list[Deal]:
    """ "Y raised $40 million. The Series A round was led by X.": a round told with no
    investor and a round of the same target told with them (the same round letter or
    none, the same amount or none, the same date or none) in the next sentences or below
    a title that tells it are one transaction; the named one keeps the figures of both."""
    kept = []
    for deal in deals:
        if deal.type == "investment" and not deal.buyers and deal.seller is None and deal.target is not None:
            named = next(
                (
                    other
                    for other in deals
                    if other is not deal
                    and other.type == "investment"
                    and other.buyers
                    and other.target is not None
                    and common.same_party(other.target, deal.target)
                    and (deal.round is None or other.round is None or deal.round == other.round)
                    and _same_amount(deal, other)
                    and (deal.date is None or other.date is None or deal.date == other.date)
                    and _told_together(ctx, deal.evidence, other.evidence)
                ),
                None,
            )
            if named is not None:
                _fill(named, deal)
                continue
        kept.append(deal)
    return kept


def _told_together(ctx, first: Span, second: Span) -> bool:
    """Two mentions a reader takes for one: in the same or neighbouring sentences
    (``ROUND_TOLD_WITHIN``), or one in the title above the other."""
    if ctx.index.headline[first.start] or ctx.index.headline[second.start]:
        return True
    if first.start > second.start:
        first, second = second, first
    return funding.sentences_between(ctx, first, second, most=ROUND_TOLD_WITHIN) <= ROUND_TOLD_WITHIN


def _same_amount(first: Deal, second: Deal) -> bool:
    """Two mentions' amounts may be one deal's: either states none, or both the same
    currency and within 1%."""
    a, b = first.money, second.money
    if a is None or b is None or a.amount is None or b.amount is None:
        return True
    if a.currency and b.currency and a.currency != b.currency:
        return False
    return abs(a.amount - b.amount) <= 0.01 * max(abs(a.amount), abs(b.amount))


def _merger_as_told(deals: list[Deal]) -> list[Deal]:
    """A merger read the other way round from a takeover of the same article ("Y agreed to
    be acquired by X ... Y will merge with a unit of X"): one transaction, in the
    takeover's direction."""
    kept = []
    for deal in deals:
        if deal.type == "merger" and len(deal.buyers) == 1 and deal.target is not None:
            reverse = next(
                (
                    other
                    for other in deals
                    if other is not deal
                    and other.type != "merger"
                    and other.target is not None
                    and common.same_party(other.target, deal.buyers[0])
                    and any(common.same_party(b, deal.target) for b in other.buyers)
                ),
                None,
            )
            if reverse is not None:
                _fill(reverse, deal)
                continue
        kept.append(deal)
    return kept


# Sentences between a round told without investors and the same round told with them.
ROUND_TOLD_WITHIN = 1

FILLED_FIELDS = (
    "money",
    "money_span",
    "stake_pct",
    "price_per_share",
    "valuation",
    "round",
    "date",
    "seller",
    "target_unit",
)


# The figures of a deal: not taken from a mention of another kind (a stake bought beside a takeover).
FIGURE_FIELDS = frozenset({"money", "money_span", "price_per_share", "valuation"})


def _fill(kept: Deal, other: Deal, skip: frozenset = frozenset()) -> None:
    """Give ``kept`` the fields it lacks that ``other``, a mention of the same deal, states."""
    for name in FILLED_FIELDS:
        if name in skip:
            continue
        if (
            name == "seller"
            and other.seller is not None
            and any(common.same_party(other.seller, buyer) for buyer in kept.buyers)
        ):
            continue  # "X sold its stake" told after "X bought the stake": X never sells to itself
        if getattr(kept, name) is None and getattr(other, name) is not None:
            setattr(kept, name, getattr(other, name))


def _kind(ctx, deal: Deal) -> Optional[str]:
    """ "minority" for a stake under half, "control" for a takeover told without a
    stake, else None (either)."""
    if deal.stake_pct is not None:
        return "minority" if deal.stake_pct < STAKE_FOR_ACQUISITION else "control"
    if deal.trigger is not None and any(
        child.dep_ == "dobj" and child.lemma_.lower() in SHARE_NOUNS for child in deal.trigger[0].children
    ):
        return None  # "might buy additional shares": no takeover
    cls = framing.class_of(ctx, deal.trigger[0]) if deal.trigger is not None else None
    return "control" if cls is not None and cls.takeover else None


def _two_steps(one: Deal, other: Deal, kinds: dict[int, str]) -> bool:
    """A minority stake bought and a takeover that failed, or that is still to come:
    two transactions of the same parties."""
    if {one.status, other.status} == {"terminated", "completed"}:
        return True
    done, pending = (one, other) if one.status == "completed" else (other, one)
    return (
        done.status == "completed"
        and kinds.get(id(done)) == "minority"
        and kinds.get(id(pending)) == "control"
        and pending.status in ("proposed", "agreed", "rumored")
    )
