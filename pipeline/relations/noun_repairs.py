"""Parties of a deal noun that the parser hung elsewhere: on the verb that governs the noun
("approved the acquisition of Y by X"), on an amount before it, on the talks it is the
subject of, or on the verb that answers or defends against a bid."""

from __future__ import annotations

from spacy.tokens import Token

from . import common
from .common import (
    ANNOUNCING_VERBS,
    NEGOTIATION_WORDS,
    prep_objects,
)
from .context import Frame


def company_of_round(ctx, frame: Frame) -> None:
    """ "X invested $5 million in the latest round of Y", "in the new round of funding in
    Y": an investor's money goes into a round; the company is the one the round's own
    phrase names (after "of" or "in")."""
    if frame.cls.funding_round or not frame.cls.may_name_round:
        return
    targets = frame.args["target"]
    for k, arg in enumerate(targets):
        if arg.lemma_.lower() not in ctx.lex.round_nouns:
            continue
        company = None
        for token in arg.subtree:
            if (
                token.dep_ == "pobj"
                and token.head.lower_ in ("of", "in", "into")
                and (ent := ctx.index.ent_at[token.i]) is not None
                and ent.label_ == "ORG"
            ):
                company = token
                break
        if company is not None:
            targets[k] = company


def noun_tagged_verb(ctx, token: Token) -> bool:
    """ "its pending $71.50 per share buyout by X": a takeover noun that no class has as a
    verb, tagged VERB uninflected and with no auxiliary ("to", "will") of its own, is a
    noun the tagger misread."""
    return (
        token.pos_ == "VERB"
        and token.lower_ == token.lemma_.lower()
        and token.lower_ in ctx.lex.noun_only_triggers
        and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
    )


def possessor_taken_over(ctx, frame: Frame) -> None:
    """ "Y's takeover by X", "Y's sale to X was cleared", "approved its acquisition by X":
    with the buyer named after "by" (or "to"), the possessor is the company taken over,
    not the buyer."""
    trigger = frame.trigger
    # "its pending $71.50 per share buyout by X": a deal noun tagged as a verb, hung as a
    # modifier of the amount before it, whose possessor is that amount's
    misread = noun_tagged_verb(ctx, trigger)
    if trigger.pos_ != "NOUN" and not misread:
        return
    owner_role = frame.cls.frame.get("possessor")
    if owner_role not in ("buyer", "seller"):
        return
    holders = [trigger, trigger.head] if misread and trigger.dep_ in ("acl", "amod") else [trigger]
    owners = [c for h in holders for c in h.children if c.dep_ == "poss" and (c.pos_ == "PROPN" or c.lower_ == "its")]
    if not owners or frame.args["target"]:
        return
    preps = {"by": "by-party", "to": "noun-to-buyer"}
    named = [
        obj
        for prep in trigger.children
        if prep.dep_ in ("prep", "agent") and frame.cls.frame.get(preps.get(prep.lower_, "")) == "buyer"
        for obj in prep.children
        if obj.dep_ == "pobj" and obj.pos_ == "PROPN"
    ]
    if misread:
        named += [c for obj in named for c in obj.conjuncts if c.pos_ == "PROPN" and c not in named]
    if not named:
        return
    frame.args[owner_role] = [a for a in frame.args[owner_role] if a not in owners]
    frame.args["target"].extend(owners)
    for obj in named:
        if obj not in frame.args["buyer"]:
            frame.args["buyer"].append(obj)


def sale_talks_partner(ctx, frame: Frame) -> None:
    """ "X is in talks with Y over a sale of its unit", "X held talks with Y about selling
    the business": the party a seller's talks are with is the buyer."""
    trigger = frame.trigger
    if trigger.pos_ != "NOUN" or not frame.cls.seller_side or frame.cls.holding or frame.args["buyer"]:
        return
    if trigger.dep_ != "pobj" or trigger.head.lower_ not in ("on", "about", "over", "for"):
        return
    talks = trigger.head.head
    if talks.pos_ in ("VERB", "AUX"):
        # "holding talks with Y over a sale": the preposition hung on the verb of the talks
        talks = next((c for c in talks.children if c.dep_ == "dobj"), talks)
    if talks.lemma_.lower() not in NEGOTIATION_WORDS:
        return
    partners = prep_objects(talks, "with")
    if not partners or any(p in frame.args["target"] or p in frame.args["seller"] for p in partners):
        return
    frame.args["buyer"].extend(partners)
    if not frame.args["seller"]:
        holders = [c for c in talks.children if c.dep_ == "poss"]
        if not holders and talks.dep_ in ("dobj", "attr", "pobj"):
            verb = talks.head if talks.dep_ != "pobj" else talks.head.head
            if verb.pos_ in ("VERB", "AUX"):
                holders = [c for c in verb.children if c.dep_ == "nsubj"]
        frame.args["seller"].extend(holders)


def amount_before_bracket(ctx, frame: Frame) -> None:
    """ "X has completed the £4bn ($5.5bn) takeover of Y": the bracketed conversion makes
    the parser hang the deal noun on the first amount as an apposition; the party the noun
    leaves unnamed is the one the amount's place gives (its possessor, its verb's subject)."""
    trigger = frame.trigger
    amount = trigger.head
    role = frame.cls.frame.get("possessor")
    if (
        trigger.pos_ != "NOUN"
        or trigger.dep_ != "appos"
        or amount.ent_type_ != "MONEY"
        or role is None
        or frame.args[role]
    ):
        return
    owners = [c for c in amount.subtree if c.dep_ == "poss" and c.i < trigger.i]
    if owners:
        frame.args[role].append(owners[0])
        frame.inherited = True
        return
    node = amount
    while node.dep_ in ("dobj", "pobj", "prep", "nmod", "compound") and node.head.i != node.i:
        node = node.head
    if node.pos_ not in ("VERB", "AUX") or (
        node.lemma_ in ctx.lex.reporting_verbs and node.lemma_ not in ANNOUNCING_VERBS
    ):
        return
    subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        frame.args[role].append(subject)
        frame.inherited = True


def taken_over_by_next(ctx, frame: Frame) -> None:
    """ "Shareholders of Y voted in favour of the takeover by X", "Y said it would support
    the takeover by X": a takeover noun right before "by X" (hung by the parser on the
    verb) is X's; the subject the noun inherited from its verb is the company taken over."""
    trigger = frame.trigger
    doc = trigger.doc
    if (
        trigger.pos_ != "NOUN"
        or not frame.cls.takeover
        or frame.cls.merger
        or not frame.inherited
        or frame.args["target"]
        or frame.cls.frame.get("by-party") != "buyer"
        or trigger.i + 1 >= len(doc)
        or doc[trigger.i + 1].lower_ != "by"
    ):
        return
    by = doc[trigger.i + 1]
    named = [
        o
        for o in by.children
        if o.dep_ == "pobj" and (ent := ctx.index.ent_at[o.i]) is not None and ent.label_ == "ORG"
    ]
    if not named or any(arg in named for arg in frame.args["buyer"]):
        return
    frame.args["target"] = frame.args["buyer"]
    frame.args["buyer"] = named


def agent_on_active_verb(ctx, frame: Frame) -> None:
    """ "The Federal Reserve Board approved the acquisition of Y by X": the parser hung
    "by X" on the active verb whose object is the deal noun; X is the noun's buyer (the
    verb's subject, which the noun inherited, only approves the deal)."""
    trigger = frame.trigger
    verb = trigger.head
    if (
        trigger.pos_ != "NOUN"
        or trigger.dep_ != "dobj"
        or not frame.cls.takeover
        or frame.cls.frame.get("by-party") != "buyer"
        or verb.pos_ not in ("VERB", "AUX")
        or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        or (frame.args["buyer"] and not frame.inherited)
        or not any(
            c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" for o in c.children)
            for c in trigger.children
        )
    ):
        return
    named = [
        o
        for agent in verb.children
        if agent.dep_ == "agent" and agent.i > trigger.i
        for o in agent.children
        if o.dep_ == "pobj" and (ent := ctx.index.ent_at[o.i]) is not None and ent.label_ == "ORG"
    ]
    if named:
        frame.args["buyer"] = named


def buyer_on_governing_verb(ctx, frame: Frame) -> None:
    """ "X said it closed the sale of a controlling interest in its stock to Z", "completed
    the sale of N dlrs of stock to Z": the parser hung "to Z" on the verb whose object is
    the sale noun; Z is the noun's buyer."""
    trigger = frame.trigger
    verb = trigger.head
    if (
        trigger.pos_ != "NOUN"
        or trigger.dep_ != "dobj"
        or frame.args["buyer"]
        or frame.cls.frame.get("noun-to-buyer") != "buyer"
        or verb.pos_ not in ("VERB", "AUX")
        or verb.lemma_.lower() in ctx.lex.reporting_verbs
    ):
        return
    named = [
        o
        for prep in verb.children
        if prep.dep_ in ("prep", "dative") and prep.lower_ == "to" and prep.i > trigger.i
        for o in prep.children
        if o.dep_ == "pobj" and (ent := ctx.index.ent_at[o.i]) is not None and ent.label_ == "ORG"
    ]
    if named:
        frame.args["buyer"] = named


def shares_taken_under_offer(ctx, frame: Frame) -> None:
    """ "X said it had accepted 2.1 mln shares or 96 pct of Y under its tender offer": a bid
    noun under the verb that takes the shares; the company whose shares they are is the
    target (the offer's "its" is the bidder, not the company bid for)."""
    trigger = frame.trigger
    prep = trigger.head
    if (
        trigger.pos_ != "NOUN"
        or not frame.cls.offer
        or trigger.dep_ != "pobj"
        or prep.lower_ not in ("under", "pursuant", "through", "in")
        or prep.head.pos_ not in ("VERB", "AUX")
    ):
        return
    verb = prep.head
    owners = [
        o
        for obj in verb.children
        if obj.dep_ == "dobj"
        for held in [obj, *obj.conjuncts]
        if held.lemma_.lower() in ctx.lex.holding_nouns
        for o in prep_objects(held, "of")
        if (ent := ctx.index.ent_at[o.i]) is not None and ent.label_ == "ORG"
    ]
    if owners:
        frame.args["target"] = owners[:1]


# Verbs by which a company defends itself against a takeover or bid: "Y fended off a
# takeover by X", "Y is fighting a hostile bid from X" (never a regulator's "block").
DEFENCE_VERBS = frozenset({"fend", "fight", "resist", "repel", "ward", "thwart", "defeat", "stave", "repulse"})


def takeover_fended_off(ctx, frame: Frame) -> None:
    """ "Y may find it hard to fend off a possible takeover by X", "Y is fighting a hostile
    bid from X": a bid or takeover noun with its bidder but no target, the object of a
    verb of defence; the company that defends itself is the target."""
    trigger = frame.trigger
    verb = trigger.head
    if (
        trigger.pos_ != "NOUN"
        or trigger.dep_ != "dobj"
        or not (frame.cls.takeover or frame.cls.offer)
        or frame.cls.merger
        or frame.args["target"]
        or not frame.args["buyer"]
        or frame.inherited
        or verb.lemma_.lower() not in DEFENCE_VERBS
    ):
        return
    subject = common.controlling_subject(verb)
    if subject is None or subject in frame.args["buyer"]:
        return
    ent = ctx.index.ent_at[subject.i]
    if (ent is not None and ent.label_ == "ORG") or subject.lower_ in ctx.lex.pronouns:
        frame.args["target"].append(subject)


def held_company_after_of(ctx, frame: Frame) -> None:
    """ "completed the purchase of privately held <Y Inc>": the parser read "held" as the
    clause of "of" and left the name outside the phrase; the organisation right after
    "privately/closely held" or "wholly owned" is what the noun is of."""
    trigger = frame.trigger
    role = frame.cls.frame.get("of-target")
    if trigger.pos_ != "NOUN" or role is None or frame.args[role]:
        return
    doc = trigger.doc
    for prep in trigger.children:
        if prep.dep_ != "prep" or prep.lower_ != "of" or any(c.dep_ == "pobj" for c in prep.children):
            continue
        for clause in prep.children:
            if clause.dep_ != "pcomp" or clause.lemma_.lower() not in ("hold", "own") or clause.i != prep.i + 2:
                continue
            for i in range(clause.i + 1, min(clause.i + 3, len(doc))):
                ent = ctx.index.ent_at[i]
                if ent is not None and ent.label_ == "ORG" and ent.start == i:
                    frame.args[role].append(ent.root)
                    return
                if doc[i].is_alpha or doc[i].like_num:
                    break  # only brackets or quotes between


def target_on_light_verb(ctx, frame: Frame) -> None:
    """ "X is making a tender offer for 22 pct of Y", "X launched a bid yesterday for Y": the
    parser hung the bid's "for" phrase on the verb that makes it; what that phrase names
    (a company, or a holding or unit of one) is the bid's target (not an amount or a
    purpose: "made the offer for cash", "for investment purposes")."""
    trigger = frame.trigger
    verb = trigger.head
    role = frame.cls.frame.get("noun-for-target")
    if (
        trigger.pos_ != "NOUN"
        or trigger.dep_ != "dobj"
        or role is None
        or frame.args[role]
        or verb.pos_ not in ("VERB", "AUX")
        or verb.lemma_.lower() in ctx.lex.reporting_verbs
        or any(c.dep_ == "prep" and c.lower_ == "for" for c in trigger.children)
    ):
        return
    named = common.named_holdings_for(ctx, verb, trigger)
    if named:
        frame.args[role].extend(named[:1])


MEMBERS_ACT_FOR_SPEAKER = True  # A/B switch


def members_of_the_speaker(ctx, frame: Frame) -> None:
    """ "X said holders at a special meeting voted for the purchase of Y", "X said
    directors approved the sale of its unit": members named by no company (no "its", no
    "X's", no "of X") act for the company that reports what they did."""
    trigger = frame.trigger
    if not MEMBERS_ACT_FOR_SPEAKER or trigger.pos_ not in ("NOUN", "PROPN"):
        return
    if any(t.lower_ == "by" and t.dep_ in ("prep", "agent") for t in [*trigger.subtree, *trigger.head.children]):
        return  # "Y said holders approved the acquisition of the company by X": Y's holders
    for role in ("buyer", "seller"):
        args = frame.args[role]
        if len(args) != 1:
            continue
        member = args[0]
        if (
            member.lemma_.lower() not in ctx.lex.member_nouns
            or member.dep_ != "nsubj"
            or any(
                c.dep_ in ("poss", "compound", "conj", "appos") or c.dep_ == "prep" and c.lower_ == "of"
                for c in member.children
            )
        ):
            continue
        speaker = next(common.subjects_above(member), None)
        ent = ctx.index.ent_at[speaker.i] if speaker is not None else None
        if ent is not None and ent.label_ == "ORG" and speaker.head.lemma_ in ctx.lex.reporting_verbs:
            args[0] = speaker
