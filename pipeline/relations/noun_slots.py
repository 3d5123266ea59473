"""The parties a noun trigger leaves unnamed, from the words around it: a possessor, the
subject of the governing or reporting verb, the company that answers a bid, the target of
"a takeover target of X", the partner of talks, the leader of a round."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from . import common, context, party_names
from .common import (
    ANNOUNCING_VERBS,
    NEGOTIATION_WORDS,
    NOUN_CLIMB_DEPS,
    PRICE_WORDS,
    SUBJECT_DEPS,
    SUBJECT_SHARING_DEPS,
    controlling_subject,
    prep_objects,
)
from .context import Frame


def offer_received(ctx, frame: Frame) -> None:
    """ "the offer it received from X", "a proposal Y got from X last week": a bid noun
    described by a relative clause of receiving gives the bidder (from) and the target
    (the clause's subject)."""
    trigger = frame.trigger
    buyer_role = frame.cls.frame.get("noun-from-party")
    target_role = frame.cls.frame.get("answering-subject")
    if trigger.pos_ != "NOUN" or buyer_role is None or target_role is None:
        return
    for clause in trigger.children:
        if clause.dep_ not in ("relcl", "acl") or clause.lemma_.lower() not in ctx.lex.answer_verbs:
            continue
        bidders = prep_objects(clause, "from")
        if not bidders:
            continue
        if not frame.args[buyer_role]:
            frame.args[buyer_role].extend(bidders)
        if not frame.args[target_role]:
            frame.args[target_role].extend(c for c in clause.children if c.dep_ == "nsubj")
        return


def target_accepting_bid(ctx, frame: Frame) -> None:
    """ "Y agreed to / accepted / rejected X's offer": a bid whose bidder is named
    has as target the subject of the verb that answers it."""
    trigger = frame.trigger
    role = frame.cls.frame.get("answering-subject")
    node = trigger
    if node.dep_ == "compound" and (
        node.head.lemma_.lower() in ctx.lex.deal_nouns or node.head.lemma_.lower() in ctx.lex.trigger_lemmas
    ):
        node = node.head  # "received X's acquisition proposal": the takeover is proposed to Y
        if role is None and frame.cls.takeover:
            role = "target"
    if role is None or frame.args[role]:
        return  # also "Y agreed to a leveraged buyout by X"
    while node.dep_ in ("dobj", "pobj", "prep") and node.head.i != node.i:
        node = node.head
    if node.pos_ == "VERB" and node.lemma_.lower() in ctx.lex.answer_verbs:
        # "Y's board had no hesitation in rejecting X's bid", "Y decided to reject it"
        subject = controlling_subject(node)
        if subject is not None:
            frame.args[role].append(subject)


# Verbs that make a bid stated by its noun ("X made the offer to Y").
LIGHT_VERBS = frozenset({"make"})

# The noun of the company a deal is aimed at ("a takeover target of X").
TARGET_NOUNS = frozenset({"target"})


def offer_to(ctx, frame: Frame) -> None:
    """ "X's takeover offer to Y was rejected": the company a bid is made "to" is its
    target (not "an offer to shareholders", which names no company); also when the bid's
    "for" names only the shares of "the company" or "its" shares ("made a merger proposal
    to Y at 46 dlrs a share for all the company's stock": the company is Y)."""
    trigger = frame.trigger
    if trigger.pos_ != "NOUN" or not frame.cls.offer:
        return
    if frame.args["target"] and not all(_anaphoric_holding(ctx, arg) for arg in frame.args["target"]):
        return
    receivers = prep_objects(trigger, "to")
    # "made the $70 billion cash and share offer to Y": the parser made the bid a
    # conjunct of the object before it; that object stands for the bid
    obj = trigger.head if trigger.dep_ == "conj" and trigger.head.dep_ == "dobj" else trigger
    if (
        obj.dep_ == "dobj"
        and obj.head.pos_ in ("VERB", "AUX")
        and (
            obj.head.lemma_.lower() in LIGHT_VERBS
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in obj.children)
        )
    ):
        # "X made an offer to Y": the parser hangs "to Y" on the verb that makes the bid
        # (not "submitted the bid to Z": a bid told before, delivered to an adviser; but
        # "made the offer to Y" is the bid made)
        receivers += [
            o
            for prep in obj.head.children
            if prep.dep_ in ("prep", "dative") and prep.lower_ == "to" and prep.i > trigger.i
            for o in prep.children
            if o.dep_ == "pobj"
        ]
    for pobj in receivers:
        party = party_names.party_of(ctx, pobj, depth=0)
        if party is not None and party[0].label_ == "ORG":
            frame.args["target"] = [pobj]
            if obj is not trigger and not frame.args["buyer"]:
                # the climb to the verb's subject stops at the conjunct: the maker bids
                frame.args["buyer"] = [c for c in obj.head.children if c.dep_ == "nsubj"]
            return


def _anaphoric_holding(ctx, arg: Token) -> bool:
    """ "the company's common stock", "its shares", "all shares of the company": a holding
    whose owner is told only by a pronoun or a noun that refers back."""
    if arg.lemma_.lower() not in ctx.lex.holding_nouns:
        return False
    owners = [c for c in arg.children if c.dep_ == "poss"] + prep_objects(arg, "of")
    return bool(owners) and all(
        o.lower_ in ctx.lex.pronouns or o.pos_ == "NOUN" and o.lemma_.lower() in ctx.lex.anaphora_nouns for o in owners
    )


def target_of_deal(ctx, frame: Frame) -> None:
    """ "Y is seen as a takeover target of X", "Y, the target of an unfriendly offer by X":
    the noun "target" names the target (the subject it is said of, or the noun it is set
    beside) and its "of" / the deal's "by" the bidder."""
    trigger = frame.trigger
    if trigger.pos_ != "NOUN" or frame.cls.seller_side or frame.args["target"]:
        return
    bidders: list[Token] = []
    if trigger.dep_ == "compound" and trigger.head.lemma_.lower() in TARGET_NOUNS:
        noun = trigger.head  # "a takeover target of X"
        bidders = prep_objects(noun, "of") + prep_objects(noun, "by")
    elif (
        trigger.dep_ == "pobj"
        and trigger.head.lower_ == "of"
        and trigger.head.head.lemma_.lower() in TARGET_NOUNS
        and trigger.head.head.pos_ == "NOUN"
    ):
        noun = trigger.head.head  # "the target of an offer by X"
        bidders = prep_objects(trigger, "by") + prep_objects(trigger, "from") + prep_objects(noun, "by")
    else:
        return
    if noun.dep_ == "attr":
        targets = [c for c in noun.head.children if c.dep_ == "nsubj"]
    elif noun.dep_ == "appos":
        targets = [noun.head]
    else:
        return
    if not targets:
        return
    frame.args["target"].extend(targets)
    if not frame.args["buyer"]:
        frame.args["buyer"].extend(bidders)
    frame.inherited = True


def inherit_noun_subject(ctx, frame: Frame) -> None:
    """The party a noun trigger leaves unnamed, from the words around it:
    "Stone's proposed cash acquisition of Y" (a possessor earlier in the phrase),
    "X completed / made / launched the acquisition of Y" (the governing verb's
    subject), "X said the takeover of Y made it ..." (the reporting verb's subject)."""
    target_of_deal(ctx, frame)
    offer_to(ctx, frame)
    trigger = frame.trigger
    role = frame.cls.frame.get("possessor")
    if trigger.pos_ not in ("NOUN", "PROPN") or role is None:
        return
    if not frame.args[role] and role == "buyer" and (frame.cls.offer or frame.cls.takeover):
        # "the tender offer launched this morning by X", "the takeover offer made by X":
        # the agent of a participle that describes the bid
        for clause in trigger.children:
            if clause.dep_ == "acl" and clause.tag_ == "VBN":
                agents = [
                    p for agent in clause.children if agent.dep_ == "agent" for p in agent.children if p.dep_ == "pobj"
                ]
                if agents:
                    frame.args[role].extend(agents)
                    frame.inherited = True
                    break
    if frame.args[role]:
        target_accepting_bid(ctx, frame)
        return
    doc = trigger.doc
    for token in doc[trigger.left_edge.i : trigger.i]:
        if token.dep_ == "poss":
            frame.args[role].append(token)
            frame.inherited = True
            return
    owner = possessor_before(trigger)
    if owner is not None:
        frame.args[role].append(owner)
        frame.inherited = True
        target_accepting_bid(ctx, frame)  # "Y received X's 46 dlrs a share acquisition proposal"
        return
    if role == "seller":
        # "X and Y agreed to settle a suit over the sale of Y's former Z unit to X": the
        # company whose unit is sold sells it, not the subject of the verb above
        owner = next(
            (
                c
                for arg in frame.args["target"]
                for c in arg.children
                if c.dep_ == "poss"
                and (ent := context.ent_of(ctx, c)) is not None
                and ent.label_ == "ORG"
                and arg.lemma_.lower() in ctx.lex.unit_nouns
            ),
            None,
        )
        if owner is not None:
            frame.args[role].append(owner)
            frame.inherited = True
            return
    node = trigger
    while node.dep_ in NOUN_CLIMB_DEPS and node.head.i != node.i:
        node = node.head
    if node.pos_ not in ("VERB", "AUX"):
        return
    if node.lemma_ not in ctx.lex.reporting_verbs and node.dep_ != "ROOT" and trigger.dep_ in SUBJECT_DEPS:
        while node.head.i != node.i and node.lemma_ not in ctx.lex.reporting_verbs:
            node = node.head
        if node.lemma_ not in ctx.lex.reporting_verbs:
            return
    elif node.lemma_ in ctx.lex.reporting_verbs and not (
        trigger.dep_ == "dobj" and trigger.head.i == node.i and node.lemma_ in ANNOUNCING_VERBS
    ):
        return  # "X said the takeover of Y ...": X only reports (but "X announced the acquisition of Y")
    subject = next((child for child in node.children if child.dep_ == "nsubj"), None)
    if subject is None and node.dep_ in SUBJECT_SHARING_DEPS:
        subject = next((child for child in node.head.children if child.dep_ == "nsubj"), None)
    if (
        subject is not None
        and subject.i != trigger.i
        and frame.cls.offer
        and node.lemma_.lower() in ctx.lex.answer_verbs
        and (
            not frame.args["target"]
            or node.lemma_.lower() not in ctx.lex.deliberation_verbs
            and _targets_unnamed_or_answering(ctx, frame.args["target"], subject)
        )
    ):
        # "Y's board turned down a proposal from X": Y answers; X (hung on the verb) bids
        # (also when the offer's object names no company: "an offer for the company's
        # stock from X")
        frame.args["target"].append(subject)
        frame.args[role] += prep_objects(node, "from", "by")
        return
    if subject is not None and subject.i != trigger.i:
        frame.args[role].append(subject)
        frame.inherited = True


def _targets_unnamed_or_answering(ctx, targets: list[Token], subject: Token) -> bool:
    """Whether the objects of a bid name no company, or only the one that answers it
    ("Y's directors turned down a bid for the company's shares": the company is Y)."""
    parties = [p for p in (party_names.party_of(ctx, arg, depth=0) for arg in targets) if p is not None]
    if not parties:
        return True
    answering = party_names.party_of(ctx, subject, depth=0)
    return answering is not None and all(common.same_party(p[0], answering[0]) for p in parties)


def round_leader(ctx, frame: Frame) -> None:
    """ "X has backed three start-ups, leading a $12m round in Y and joining Z's Series
    B": the subject of the verb that leads or joins a round (or of the clause it hangs
    from) is its investor, not the company that raises it."""
    trigger = frame.trigger
    if not frame.cls.funding_round or trigger.pos_ != "NOUN" or frame.args["buyer"]:
        return
    node = trigger
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "leading a round in Y, a seed round in Z"
    verb = node.head
    if node.dep_ != "dobj" or verb.lemma_.lower() not in ctx.lex.leader_verbs | ctx.lex.participation_verbs:
        return
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    for _ in range(3):  # "..., leading a round in Y and joining a round in Z"
        if subjects or verb.dep_ not in SUBJECT_SHARING_DEPS or verb.head.i == verb.i:
            break
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    frame.args["buyer"].extend(subjects)
    frame.inherited = bool(subjects)


def talks_partner(ctx, frame: Frame) -> None:
    """ "X said talks with Y on a possible merger have ended", "X held talks with Y about
    a sale", "X said merger talks with Y were ended": a deal noun under a noun of negotiation takes the party the talks are
    "with" (the target, or the other party of a merger) and the one who holds them."""
    trigger = frame.trigger
    if trigger.pos_ != "NOUN":
        return
    if trigger.dep_ == "compound" and trigger.head.lemma_.lower() in NEGOTIATION_WORDS:
        talks = trigger.head  # "X said merger talks with Y have ended"
    elif trigger.dep_ == "pobj" and trigger.head.lower_ in ("on", "about", "over", "for"):
        talks = trigger.head.head
    else:
        return
    if talks.lemma_.lower() not in NEGOTIATION_WORDS:
        return
    partners = prep_objects(talks, "with")
    role = frame.cls.frame.get("with-partner") or frame.cls.frame.get("of-target")
    if not partners or role is None or frame.args[role]:
        return
    frame.args[role].extend(partners)
    buyer_role = frame.cls.frame.get("possessor")
    if buyer_role is None or frame.args[buyer_role]:
        return
    holders = [c for c in talks.children if c.dep_ == "poss"]
    verb = talks.head
    if not holders and talks.dep_ in ("dobj", "attr") and verb.pos_ in ("VERB", "AUX"):
        holders = [c for c in verb.children if c.dep_ == "nsubj"]  # "X held talks with Y"
    if not holders and talks.dep_ in ("nsubj", "nsubjpass"):
        while verb.dep_ in ("ccomp", "xcomp", "conj") and verb.head.i != verb.i:
            verb = verb.head
            if verb.lemma_.lower() in ctx.lex.reporting_verbs:
                holders = [c for c in verb.children if c.dep_ == "nsubj"]  # "X said talks with Y ..."
                break
    frame.args[buyer_role].extend(holders)
    frame.inherited = bool(holders)


ADVERB_OF_MODIFIER = True  # A/B switch


def possessor_before(trigger: Token) -> Optional[Token]:
    """The possessor of a noun trigger that the parser hung on the amount before it:
    "Stone's proposed $32 a share acquisition of Y" (past a ticker: "Stone Inc's <STN> 32
    dlr a share offer")."""
    doc = trigger.doc
    i = trigger.i - 1
    while i >= 0 and trigger.i - i <= 12:
        token = doc[i]
        if token.dep_ == "poss":
            return token
        if token.tag_ == "POS" and i > 0 and doc[i - 1].text == ">":
            return doc[i - 1]  # "<Stone Inc>'s offer" with the brackets misparsed
        if not (
            token.is_space
            or token.dep_ == "case"
            or token.ent_type_ in ("MONEY", "PERCENT")
            or token.pos_ in ("ADJ", "NUM")
            or token.dep_ in ("amod", "compound", "nummod", "quantmod")
            # "their recently disclosed merger talks": an adverb of a modifier before it
            or ADVERB_OF_MODIFIER
            and token.dep_ == "advmod"
            and token.head.dep_ == "amod"
            and token.head.i < trigger.i
            or token.lower_ in PRICE_WORDS
            or token.text in ("<", ">")
            or common.bracketed(token)
        ):
            return None
        i -= 1
    return None
