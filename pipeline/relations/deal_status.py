"""The status of a deal (rumored, proposed, agreed, completed, terminated) from the words governing its trigger."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from . import common, context, party_names
from .common import ACCEPTING_WORDS, CLAUSE_BOUNDARY_DEPS, NEGOTIATION_WORDS, TALKS_LINK_DEPS, TALKS_MAX_STEPS
from .context import Frame
from .deal_outcomes import (
    LAPSING_VERBS,
    awaiting_approval,
    booked_result,
    completed_above,
    counterfactual,
    dated_before,
    done_before,
    dropped_pursuit,
    ended_by_participle,
    failed_effort,
    for_infinitive,
    holding_had,
    interest_in,
    offer_carried_out,
    open_to,
    rumor_says,
    speculated_target,
    taken_up_at_expiry,
    weighed_offer,
)

# Arcs from a trigger up to a noun of intention with "no": "no plans to sell", "no
# intention of acquiring" (acl, then pcomp and prep).
NO_PLAN_ARCS = 3
# Words before a deal noun that say the attempt failed: "its attempted takeover of Y".
FAILED_ATTEMPT = frozenset({"attempt", "attempted", "abortive", "aborted", "unsuccessful", "thwarted"})
# Verbs of deliberation with the deal noun as object, besides the rumored cues of
# patterns/triggers.yml: "was discussing the takeover of Y" (not "will discuss the
# arrangement to sell Y": an arrangement made), and nouns of interest above a trigger:
# "expressed an interest to acquire Y".
DELIBERATION = frozenset({"discuss"})
# Verbs of study with the deal as object: "is evaluating an acquisition of Y" (not a
# bid, which a target evaluating it leaves proposed).
STUDY_VERBS = frozenset({"examine", "evaluate", "assess"})
# Words that make a deal noun pending, also on the noun its phrase hangs from.
PENDING = frozenset({"propose", "proposed", "pending", "planned"})
PENDING_ARCS = 3
# Nouns by which a party speaks of a deal ("its recommendation to accept the offer", "its
# support for the merger"): a verb that ends them does not end the deal.
SPEAKING_NOUNS = frozenset(
    {"recommendation", "support", "endorsement", "notification", "opposition", "objection", "approval"}
    # what a party asks of or brings against a deal: "dropped certain conditions of its
    # offer", "withdrew its suit against the merger"
    | {"condition", "requirement", "demand", "suit", "lawsuit", "litigation", "challenge"}
)


# Verbs of telling: "declined to comment on rumours that X may bid" ends no deal.
SPEAKING_VERBS = frozenset({"comment", "confirm", "elaborate", "disclose", "specify", "identify", "say"})


def denied(ctx, trigger: Token) -> bool:
    """Talks about the deal are denied or ruled out in the clauses above it."""
    node = trigger
    for _ in range(8):
        if node.lemma_.lower() in ctx.lex.denial_cues or any(
            c.dep_ == "neg" or (c.dep_ in ("acomp", "advmod") and c.lemma_.lower() in ctx.lex.denial_cues)
            for c in node.children
        ):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def refused_by_target(ctx, chain: list[Token], target: Optional[Span]) -> bool:
    """The verb that refuses the deal has the target (or its board) as subject."""
    if target is None:
        return False
    for token in chain:
        if token.lemma_.lower() not in ctx.lex.refusal_cues:
            continue
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if (
            not subjects
            and token.dep_ in ("xcomp", "ccomp")
            and token.head.lemma_.lower()
            in ctx.lex.refusal_cues
            | {
                "urge",
                "recommend",
                "advise",
                "decide",
                "vote",
            }
        ):
            subjects = [c for c in token.head.children if c.dep_ == "nsubj"]  # "Y's board urged holders to reject"
        if not subjects and token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):
            # "Y said it has received and rejected an offer from X": the first verb's subject
            subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
        if not subjects and token.tag_ == "VBN":
            # "X's offer was rejected by Y's board": the agent refuses
            subjects = [o for c in token.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        if not subjects and token.dep_ == "pcomp":
            # "Y's board had no hesitation in rejecting X's bid"
            subjects = [s for s in [common.controlling_subject(token)] if s is not None]
        for subject in subjects:
            owner = _whose_antecedent(token, subject)
            if owner is not None:
                subject = owner  # "Y, whose board has rejected X's offer": Y's board
            party = party_names.party_of(ctx, subject, depth=0)
            if party is not None and common.same_party(party[0], target):
                return True
    return False


def _whose_antecedent(verb: Token, subject: Token) -> Optional[Token]:
    """ "Y, whose board has rejected the offer": the noun a relative clause whose subject
    is "whose <noun>" describes (Y)."""
    node = verb
    while node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
        node = node.head
    if node.dep_ != "relcl" or not any(c.dep_ == "poss" and c.lower_ == "whose" for c in subject.children):
        return None
    return node.head


def negated(ctx, trigger: Token) -> bool:
    """The deal is negated: "not" on the trigger ("agreed not to acquire Y") or on a verb
    of intention it depends on ("does not plan to bid", "is not trying to sell")."""
    if any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in trigger.children):
        return True  # "no longer holds any Y shares": a holding ended, told with its sale
    node = trigger
    for _ in range(NO_PLAN_ARCS):
        if node.dep_ not in ("acl", "xcomp", "pcomp", "prep") or node.head.i == node.i:
            break
        node = node.head
        if node.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in node.children):
            return True  # "has no plans to sell any of its units", "no intention of selling Y"
    node = trigger
    for _ in range(4):
        if any(c.dep_ == "neg" for c in node.children) and (
            node.i == trigger.i or node.lemma_.lower() in ctx.lex.intention_verbs
        ):
            return True
        if node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX") and node.head.i != node.i:
            # "agreed not to acquire or seek to acquire Y": the negation holds for both verbs
            contrast = any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in node.head.children)
            if not contrast and any(c.dep_ == "neg" for c in node.head.children):
                return True
            node = node.head
            continue
        if node.dep_ not in ("xcomp", "acl", "pcomp", "prep", "pobj", "dobj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def under_talks(ctx, trigger: Token) -> bool:
    """ "in talks to buy", "talks on a merger", "Meta in talks to invest": the deal
    hangs from a word of negotiation, or one stands right before it."""
    doc = trigger.doc
    if any(
        t.lemma_.lower() in NEGOTIATION_WORDS
        for t in doc[max(context.sent_of(ctx, trigger).start, trigger.i - 3) : trigger.i]
    ):
        return True
    node = trigger
    for _ in range(TALKS_MAX_STEPS):
        if node.dep_ not in TALKS_LINK_DEPS or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in NEGOTIATION_WORDS:
            return True
    return False


# The verb by which parties make a deal known: its object is a deal agreed, not closed.
ANNOUNCING = "announce"


# Participles before a bid noun that call it hostile, not ended: "an opposed bid".
CONTESTED = frozenset({"opposed", "contested", "resisted", "opposing"})
# Words above a verb of ending that make the ending only sought or supposed: "asked the
# White House to consider blocking the sale", "is seeking to block the merger", "may
# withdraw its offer".
ATTEMPT_WORDS = frozenset(
    {"seek", "try", "attempt", "consider", "threaten", "ask", "urge", "want", "move", "aim", "hope", "weigh"}
)
MODAL_WORDS = frozenset({"may", "might", "could", "would"})


def _without_attempted_end(ctx, chain: list[Token]) -> list[Token]:
    """The chain cut below a verb of ending that is only sought, urged or possible ("seeking
    to block the sale of Y"): the deal is what it was before, not ended."""
    ends = ctx.lex.status_cues.get("terminated", frozenset())
    for k, token in enumerate(chain[1:], start=1):
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in ends:
            continue
        modal = any(c.dep_ == "aux" and c.lower_ in MODAL_WORDS for c in token.children)
        if modal or any(t.lemma_.lower() in ATTEMPT_WORDS for t in chain[k + 1 :]):
            return chain[:k]
        return chain
    return chain


def rumored_clause(ctx, chain: list[Token]) -> bool:
    """ "declined to comment on rumours the company would take a stake in Y", "speculation
    that X will bid for Y": the clause of the deal follows a word of rumour, however the
    parser hung it."""
    top = chain[-1]
    if top.dep_ not in CLAUSE_BOUNDARY_DEPS:
        return False
    start = top.left_edge.i
    before = [t for t in top.doc[max(start - 2, 0) : start] if t.lower_ != "that"]
    return bool(before) and before[-1].lemma_.lower() in NEGOTIATION_WORDS and before[-1].pos_ == "NOUN"


def status_of(ctx, frame: Frame, target: Optional[Span] = None) -> str:
    """Status from the trigger's own words and the verbs governing it."""
    trigger = frame.trigger
    chain = [trigger]
    node = trigger
    while node.head.i != node.i and (node.dep_ not in CLAUSE_BOUNDARY_DEPS or for_infinitive(node)):
        if (
            node.dep_ == "prep"
            and node.head.pos_ in ("NOUN", "PROPN")
            and node.head.lemma_.lower() not in NEGOTIATION_WORDS
        ):
            break  # "talks ..., on top of the Series F round": a modifier of a noun
        node = node.head
        chain.append(node)
    chain = _without_attempted_end(ctx, chain)
    words = set()
    for token in chain:
        words.add(token.lemma_.lower())
        words.update(
            child.lemma_.lower()
            for child in token.children
            if child.dep_ in ("aux", "neg", "advmod", "dobj", "amod", "compound")
            # "the proposed acquisition of Y" is a deal awaiting approval, not an offer
            and not (
                token.i == trigger.i
                and child.dep_ == "amod"
                and child.lemma_.lower() in ("propose", "proposed")
                and frame.cls.status is None
            )
        )
        if (
            token.i != trigger.i
            and token.lemma_.lower() in ACCEPTING_WORDS
            and any(c.dep_ == "neg" for c in token.children)
        ):
            # "decided not to accept X's proposal": refused by its target, the offer stays open
            words.discard(token.lemma_.lower())
        # phrasal verbs: "called off", "broke off"
        words.update(f"{token.lemma_.lower()} {child.lower_}" for child in token.children if child.dep_ == "prt")
    if frame.cls.status is None and any(
        c.dep_ == "amod" and c.lemma_.lower() in ("propose", "proposed") for c in trigger.children
    ):
        words.add("agree")  # "the proposed acquisition of Y by X": agreed, awaiting approval
    if "limit" in words and any(c.lower_ in ("further", "additional") for c in trigger.children):
        words.add("halt")  # "agreed to limit further purchases of Y stock": a standstill
    if frame.cls.seller_side and any(t.lemma_.lower() == "propose" and t.pos_ == "VERB" for t in chain[1:]):
        words.discard("propose")  # "it proposes to sell 400,000 Y shares": the holder's plan, agreed
    if frame.cls.status is not None:
        # the trigger states the class's own status, whatever else its word may cue: "Y,
        # sought for years by X" is a bid, not talk of one; "a takeover approach from X"
        # is a bid, not the rumour "X approached Y" tells
        words.discard(trigger.lemma_.lower())
    cues = ctx.lex.status_cues
    if "end up" in words:
        words.discard("end")  # "it ended up paying $5.7 billion for Y": in the end, not ended
        if any(t.lemma_.lower() == "end" and t.tag_ in ("VBD", "VBN") for t in chain):
            words.add("complete")
    ended = words & cues.get("terminated", frozenset())
    if ended and any(c.dep_ == "amod" and c.lower_ in CONTESTED for c in trigger.children):
        # "an opposed 151 mln stg bid for Y": a hostile bid, still open
        ended -= {c.lemma_.lower() for c in trigger.children if c.dep_ == "amod" and c.lower_ in CONTESTED}
    blocker = next((t for t in chain[1:] if t.lemma_.lower() in SPEAKING_NOUNS | SPEAKING_VERBS), None)
    if ended and blocker is not None:
        # "its board withdrew its recommendation to accept X's offer": the recommendation
        # ends, not the offer; only the words below that noun end the deal
        below = set()
        for token in chain[: chain.index(blocker)]:
            below.add(token.lemma_.lower())
            below.update(c.lemma_.lower() for c in token.children if c.dep_ in ("aux", "neg", "advmod", "dobj", "amod"))
        ended &= below
        words -= ACCEPTING_WORDS  # "a recommendation to accept X's offer": still an offer
    if ended and ended <= ctx.lex.refusal_cues and refused_by_target(ctx, chain, target):
        ended = set()  # "Y rejected X's offer": X may keep it open; still proposed
    if ended and ended <= LAPSING_VERBS and taken_up_at_expiry(chain):
        return "completed"  # "its offer expired ... and it had accepted 2.3 mln shares"
    if ended or dropped_pursuit(chain) or counterfactual(chain) or failed_effort(chain, FAILED_ATTEMPT):
        return "terminated"  # "its attempted takeover of Y", "its unsuccessful battle to take over Y"
    if ended_by_participle(chain, cues.get("terminated", frozenset()) - ctx.lex.refusal_cues, ctx.lex.deal_nouns):
        return "terminated"
    discussed = trigger.dep_ == "dobj" and (
        trigger.head.lemma_.lower() in DELIBERATION
        or trigger.head.lemma_.lower() in STUDY_VERBS
        and frame.cls.status != "proposed"
    )
    if discussed or interest_in(trigger) or speculated_target(trigger) or open_to(trigger):
        return (
            "rumored"  # "was discussing the takeover of Y", "expressed an interest to acquire Y", "a takeover target"
        )
    if weighed_offer(trigger):
        return "proposed"  # "the board met to consider X's takeover offer"
    conditional = any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for token in chain[:2] for c in token.children
    )  # "if it gains control of the company, ...", "whether X would bid": a deal supposed, not agreed
    if (
        words & cues.get("rumored", frozenset())
        or conditional
        or under_talks(ctx, trigger)
        or rumored_clause(ctx, chain)
        or rumor_says(chain)
    ):
        return "rumored"
    if done_before(trigger) or holding_had(trigger) or dated_before(trigger):
        return "completed"  # "..., after selling Y to X in December", "has a stake in Y", "its 1981 purchase of Y"
    if awaiting_approval(trigger) and not words & cues.get("completed", frozenset()):
        return "agreed"  # "received approvals for its acquisition of Y"
    if frame.cls.status == "proposed" and offer_carried_out(chain, trigger):
        return "completed"  # "completed its tender offer for Y", "received 95 pct of Y in its offer"
    if frame.cls.status == "proposed" and words & ACCEPTING_WORDS:
        return "agreed"  # "Y agreed to X's offer"
    if frame.cls.status == "rumored":
        return "rumored"  # "Y has received interest from X"
    if frame.cls.status == "agreed" and not words & cues.get("completed", frozenset()):
        return "agreed"  # "X struck a deal for Y"
    if frame.cls.status == "proposed" or words & cues.get("proposed", frozenset()):
        return "proposed"
    if completed_above(chain):
        return "completed"  # "completed its previously announced plan to sell Y"
    aux = {child.lower_ for token in chain[:2] for child in token.children if child.dep_ == "aux"}
    if words & cues.get("agreed", frozenset()) or aux & {"to", "will", "shall", "would"}:
        return "agreed"
    if any(c.dep_ == "auxpass" and c.lower_ == "being" for c in trigger.children):
        return "agreed"  # "is being bought by X": under way, not done
    if frame.cls.funding_round and trigger.tag_ == "VBZ" and ctx.index.headline[trigger.i]:
        return "completed"  # a title's "Y raises $14M": the round is told as done
    if trigger.tag_ in ("VBD", "VBN") or words & cues.get("completed", frozenset()):
        return "completed"
    if frame.cls.holding and not frame.cls.seller_side and trigger.lemma_.lower() in ("hold", "own"):
        return "completed"  # "X owns 8.9 pct of Y": a holding is a fact
    if trigger.pos_ in ("NOUN", "PROPN"):
        verb = next((t for t in trigger.ancestors if t.pos_ in ("VERB", "AUX")), None)
        between = [t for t in trigger.ancestors if verb is None or t.i != verb.i][:PENDING_ARCS]
        if any(
            c.dep_ == "amod" and (c.lower_ in PENDING or c.lemma_.lower() in PENDING)
            for t in between
            for c in t.children
        ):
            return "agreed"  # "X's proposed 32 dlr per share cash acquisition of Y" (parsed under "dlr")
        if booked_result(trigger):
            return "completed"  # "net includes a gain of $2 million on the sale of Y": done
        above = []
        for t in trigger.ancestors:
            above.append(t)
            if verb is None or t.i == verb.i:
                break
        if verb is not None and any(t.lemma_.lower() in cues.get("agreed", frozenset()) for t in above[:PENDING_ARCS]):
            return "agreed"  # "reached agreement with Z on its takeover of Y": an agreement, not done
        if (
            verb is not None
            and verb.lemma_.lower() == ANNOUNCING
            and (
                trigger.dep_ == "compound"
                and trigger.head.dep_ == "dobj"
                and trigger.head.head.i == verb.i
                or frame.cls.seller_side
                and trigger.dep_ == "dobj"
                and trigger.head.i == verb.i
            )
        ):
            # "X and Y announced a merger deal", "X announced the sale of its unit to Z": a
            # deal made known, not yet closed (not "announced the acquisition of Y": often done)
            return "agreed"
        if verb is not None and verb.tag_ in ("VBD", "VBN"):
            return "completed"
        if frame.cls.funding_round:
            return "completed"  # "the $1 billion Series F round": a round told as a fact
    return "agreed"
