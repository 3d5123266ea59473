"""Buyers told as a group whose members a nearby sentence lists.

"Three pension funds agreed to acquire Y. A, B and C announced the acquisition on
Monday."; "Y was sold to a consortium. The consortium includes A and B."; "X is part of
a consortium making an offer for Y. The deal, which also includes B, ..."; "Y raised
$40 million. The round was backed by A and B.": the members are the buyers of the deal
the group made, when the sentence that lists them speaks of that deal or that group
("the acquisition", "the deal", "the round"; "the consortium", "the group", "the
investors") and comes at most two sentences after it.

Pure functions over a Doc and the deals :func:`~.engine.extract_deals` found; the frames
are read again (``framing``) only for a document with such a listing sentence, and
a group's deal that named no buyer is built by ``assemble`` with the members as its
buyer arguments.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..schema import Deal
from . import assemble, common, context, coordination, framing
from .common import PARTY_LABELS
from .context import Context

# The switch of this module (A/B measurement): False leaves the deals as found.
GROUP_MEMBERS = True

# How many sentences before the listing sentence the group's deal may be told.
MEMBERS_AFTER_SENTENCES = 2
# Verbs by which members announce or close the deal of their group ("A, B and C
# announced the acquisition").
ANNOUNCING_VERBS = common.ANNOUNCING_VERBS | {"complete", "close", "sign", "finalize", "finalise"}
# Verbs by which "the group" or "the deal" lists its members.
LISTING_VERBS = coordination.LISTING_VERBS
# Passive verbs by which a deal names who made it ("The round was backed by A and B").
BACKING_VERBS = frozenset({"back", "lead", "fund", "finance", "support", "join", "make"})
# Plural nouns that stand for the buyers of a deal told without names.
BUYER_NOUNS = frozenset({"buyer", "bidder", "suitor", "investor", "backer", "acquirer", "partner", "fund", "member"})
# Determiners of a noun told again ("the consortium", "this deal").
ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those"})
# Possessives of a group's own members ("its members", "their backers").
GROUP_POSSESSIVES = frozenset({"its", "their"})
# Deal nouns beyond the lexicon's that a listing sentence may name.
ROUND_NOUNS = frozenset({"round", "funding", "financing"})


def add_members(doc: Doc, deals: list[Deal], lex) -> list[Deal]:
    """``deals`` with the members of a buying group, listed in a later sentence, as
    buyers of the group's deal (a deal found with no buyer or with a member as its
    buyer gains them; a deal dropped for want of a named buyer is built)."""
    if not GROUP_MEMBERS or not doc.has_annotation("DEP"):
        return deals
    ctx = None
    for deal in deals:
        if not deal.buyers and deal.trigger is not None:
            heads = _led_group_heads(deal.trigger.root, lex)
            if heads:
                ctx = ctx or Context(lex, doc)
                members = [ent for head in heads for ent in coordination.list_members(ctx, head)]
                if members and not any(common.same_party(m, deal.target) for m in members if deal.target is not None):
                    deal.buyers = common.unique_parties(members)
                    deal.type = _buyer_type(deal)
    listings = [listing for sent in _sents_with_parties(doc) if (listing := _listing(sent, lex)) is not None]
    if not listings:
        return deals
    ctx = ctx or Context(lex, doc)
    ctx.index.deals = list(deals)
    frames = None
    out = list(deals)
    for sent, heads, ref, least in listings:
        named = [ent for head in heads for ent in coordination.list_members(ctx, head) if ent.label_ in PARTY_LABELS]
        members = common.unique_parties(named)
        if len({ent.start for ent in named}) < least:
            continue
        if frames is None:
            frames = framing.find_frames(ctx, doc)
        for frame in _group_frames(doc, frames, sent, members, ctx, lex):
            if _add_to_frame_deal(ctx, frame, members, out, lex):
                break
    return sorted(out, key=lambda d: d.trigger.start if d.trigger is not None else 0)


def _add_to_frame_deal(ctx, frame, members: list[Span], out: list[Deal], lex) -> bool:
    """Give the members to the deal of ``frame``: the deal found for it, else the one
    built with the members as buyers (or a deal of the same target with no buyer or a
    member as buyer). False when the frame makes no deal."""
    members = common.unique_parties(members + _partners_of_group(ctx, frame.trigger, lex))
    found = next((d for d in out if d.trigger is not None and d.trigger.start == frame.trigger.i), None)
    if found is None:
        frame.args["buyer"] = [m.root for m in members]
        built = assemble.frame_deals(ctx, frame)
        if not built:
            return False
        for deal in built:
            deal.buyers = common.unique_parties(list(deal.buyers) + members)
        target = built[0].target
        found = next(
            (
                d
                for d in out
                if d.target is not None
                and target is not None
                and common.same_party(d.target, target)
                and d.type != "divestiture"  # a sale told without buyer may be the group's own
                and (not d.buyers or any(common.same_party(b, m) for b in d.buyers for m in members))
            ),
            None,
        )
        if found is None:
            out.extend(built)
            return True
    if found.target is not None and any(common.same_party(m, found.target) for m in members):
        return True
    found.buyers = common.unique_parties(list(found.buyers) + members)
    found.type = _buyer_type(found)
    return True


def _buyer_type(deal: Deal) -> str:
    """The type of a sale told without its buyer once the buyers are known: a minority
    stake is an investment, the rest an acquisition."""
    if deal.type != "divestiture":
        return deal.type
    if deal.stake_pct is not None and deal.stake_pct < common.STAKE_FOR_ACQUISITION:
        return "investment"
    return "acquisition"


def _led_group_heads(trigger: Token, lex) -> list[Token]:
    """ "sold a stake in Y to a consortium of investors, led by A and B": a participle
    after a group noun that the parser hung on the deal verb still tells the group's
    members (the heads of the list after its "by")."""
    if trigger.pos_ != "VERB":
        return []
    groups = [
        pobj
        for prep in trigger.children
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("to", "by")
        for pobj in prep.children
        if pobj.dep_ == "pobj" and _group_buyer(pobj, lex)
    ]
    if not groups:
        return []
    return [
        pobj
        for clause in trigger.children
        if clause.dep_ in ("advcl", "acl")
        and clause.tag_ == "VBN"
        and clause.i > groups[0].i
        and (clause.lemma_.lower() in lex.group_links or clause.lemma_.lower() in BACKING_VERBS)
        for agent in clause.children
        if agent.dep_ == "agent"
        for pobj in agent.children
        if pobj.dep_ == "pobj"
    ]


def _sents_with_parties(doc: Doc) -> list[Span]:
    """The sentences that hold a named organisation or person (walked by entity)."""
    sents, last = [], -1
    for ent in doc.ents:
        if ent.label_ in PARTY_LABELS and ent.start > last:
            sent = ent.sent
            sents.append(sent)
            last = sent.end - 1
    return sents


def _told_again(noun: Token, lex) -> bool:
    """A group or deal noun told again: "the consortium", "the deal", "the three investors"."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or not (
        lemma in lex.group_nouns or lemma in BUYER_NOUNS or lemma in lex.deal_nouns or lemma in ROUND_NOUNS
    ):
        return False
    group = lemma in lex.group_nouns or lemma in BUYER_NOUNS
    return any(
        c.dep_ in ("det", "poss") and (c.lower_ in ANAPHORIC_DETS or group and c.lower_ in GROUP_POSSESSIVES)
        for c in noun.children
    )


def _listing(sent: Span, lex) -> Optional[tuple[Span, list[Token], Token, int]]:
    """(sentence, heads of the member list, the group or deal noun it speaks of, the
    fewest members it must name) when the
    sentence lists members of a group or of a deal told before:
    "A, B and C announced the acquisition"; "The consortium includes A and B";
    "The deal, which also includes C, ..."; "The round was backed by A and B"."""
    verb = sent.root
    lemma = verb.lemma_.lower()
    subjects = [c for c in verb.children if c.dep_ in common.SUBJECT_DEPS]
    if lemma in ANNOUNCING_VERBS and subjects and all(s.pos_ in ("PROPN", "NUM") for s in subjects):
        # several members as the subject, however the parser nests the list
        objects = [c for c in verb.children if c.dep_ == "dobj" and _told_again(c, lex)]
        if objects and objects[0].lemma_.lower() not in lex.group_nouns:
            return sent, subjects, objects[0], 2
    if lemma == "be" and subjects and _told_again(subjects[0], lex) and subjects[0].tag_ == "NNS":
        # "The investors are A and B": the plural group named by the copula
        heads = [c for c in verb.children if c.dep_ == "attr" and c.pos_ == "PROPN"]
        if heads:
            return sent, heads[:1], subjects[0], 2
    if lemma in LISTING_VERBS and subjects and _told_again(subjects[0], lex):
        heads = [c for c in verb.children if c.dep_ == "dobj"]
        heads += common.prep_objects(verb, "of")
        if heads:
            return sent, heads[:1], subjects[0], 1
    if (
        (lemma in BACKING_VERBS or lemma in lex.group_links)
        and subjects
        and subjects[0].dep_ == "nsubjpass"
        and _told_again(subjects[0], lex)
    ):
        heads = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if heads:
            return sent, heads[:1], subjects[0], 1
    for subject in subjects:
        # "The deal, which also includes C, values Y at ...": a clause on the subject
        for clause in subject.children:
            if clause.dep_ == "relcl" and clause.lemma_.lower() in LISTING_VERBS and _told_again(subject, lex):
                heads = [c for c in clause.children if c.dep_ == "dobj"]
                if heads:
                    return sent, heads[:1], subject, 1
    return None


def _group_buyer(arg: Token, lex) -> bool:
    """A buyer argument that is a group or buyers told without names ("three pension
    funds", "a consortium", "the investors")."""
    lemma = arg.lemma_.lower()
    return arg.pos_ == "NOUN" and (lemma in lex.group_nouns or lemma in BUYER_NOUNS)


def _group_frames(doc: Doc, frames, sent: Span, members: list[Span], ctx, lex):
    """The frames that may be the group's deal, nearest first: before the listing
    sentence (at most ``MEMBERS_AFTER_SENTENCES`` back), with a target argument, whose
    buyer is a group, none, or a member."""
    first = sent.start
    for _ in range(MEMBERS_AFTER_SENTENCES):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    member_keys = {common.party_key(m) for m in members}
    for frame in sorted(frames, key=lambda f: -f.trigger.i):
        trigger = frame.trigger
        if not (first <= trigger.i < sent.start) or not frame.args["target"]:
            continue
        buyers = frame.args["buyer"]
        if not buyers and frame.cls.seller_side:
            continue  # "X's group sold shares ... The group includes Y": the sellers
        if (
            buyers
            and not _under_group(trigger, lex)
            and not all(_group_buyer(a, lex) or _is_member(ctx, a, member_keys) for a in buyers)
        ):
            continue
        if any(_group_buyer(a, lex) and _named_group(ctx, a, trigger, member_keys) for a in buyers):
            continue  # "an investment group named Z Partners": Z is the buyer
        yield frame


def _named_group(ctx, group: Token, trigger: Token, member_keys: set[str]) -> bool:
    """A group its own phrase names or tells of another party ("an investment group
    named Z Partners", "a group led by X"), outside the trigger's clause."""
    skip = range(trigger.left_edge.i, trigger.right_edge.i + 1) if group.is_ancestor(trigger) else range(0)
    for ent in context.ents_within(ctx, group, group.left_edge.i, group.right_edge.i + 1):
        if ent.label_ in PARTY_LABELS and ent.start not in skip and common.party_key(ent) not in member_keys:
            return True
    return False


def _is_member(ctx, token: Token, member_keys: set[str]) -> bool:
    ent = ctx.index.ent_at[token.i]
    return ent is not None and common.party_key(ent) in member_keys


def _under_group(trigger: Token, lex) -> bool:
    """A trigger in a clause on a group noun ("a consortium making a binding offer")."""
    return any(_group_buyer(a, lex) for a in trigger.ancestors)


def _partners_of_group(ctx, trigger: Token, lex) -> list[Span]:
    """ "A and B are part of a consortium making an offer for Y": the subject of "part
    of" the group whose clause holds the trigger is a member too."""
    for group in trigger.ancestors:
        if not _group_buyer(group, lex):
            continue
        prep = group.head
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.head.lemma_.lower() == "part":
            verb = prep.head.head
            subjects = [c for c in verb.children if c.dep_ in common.SUBJECT_DEPS]
            if subjects:
                return [e for e in coordination.list_members(ctx, subjects[0]) if e.label_ in PARTY_LABELS]
        return []
    return []
