"""Words around a deal that tell its outcome: a result booked on it, an offer carried
out or weighed by its target, a deal given up, done before another event, or only
speculated about (read by ``deal_status.status_of``)."""

from __future__ import annotations

from spacy.tokens import Token

from .common import TALKS_LINK_DEPS, TALKS_MAX_STEPS

# Verbs by which a target weighs an offer made to it: "the board is meeting to consider
# X's takeover offer" (an offer, not talk of one).
WEIGHING_VERBS = frozenset({"consider", "study", "review", "evaluate", "weigh", "examine"})
OFFER_NOUNS = frozenset({"offer", "bid", "proposal"})
# Nouns of hearsay (not of negotiation: "negotiations are continuing on the sale" tells an
# agreed sale still being worked out).
RUMOR_NOUNS = frozenset({"rumor", "rumour", "speculation"})


# Nouns of what a deal brought in the books: "a gain of $14 million on the sale of Y".
RESULT_NOUNS = frozenset({"gain", "loss", "profit", "charge", "writedown", "write-down", "income"})
# Words that make a result expected, not booked: "expects to realize a gain on the sale".
EXPECTING = frozenset({"expect", "anticipate", "plan", "estimate", "intend", "project", "forecast", "hope"})
FUTURE_AUX = frozenset({"will", "would", "may", "might", "could", "shall", "should", "to", "'ll"})


def booked_result(trigger: Token) -> bool:
    """ "1986 net includes a gain of $21.7 million from the sale of Y", "excludes a gain on
    the sale of Y": a result booked on a sale says the sale is done (not "expects to realize
    a gain on the sale", "will record a gain on the sale")."""
    prep = trigger.head
    if (
        trigger.dep_ != "pobj"
        or prep.lower_ not in ("on", "from", "of")
        or prep.head.lemma_.lower() not in RESULT_NOUNS
    ):
        return False
    node = prep.head
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and (
            node.lemma_.lower() in EXPECTING
            or any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in node.children)
        ):
            return False
    return True


# Verbs of going on with a deal: "said it would not pursue its offer", "will not proceed
# with the merger" end it.
PURSUIT_VERBS = frozenset({"pursue", "proceed", "continue"})
# Verbs by which a bidder carries an offer out: "completed its tender offer for Y".
COMPLETING_VERBS = frozenset({"complete", "consummate", "finalize", "finalise", "conclude"})
# Verbs of shares taken up under an offer: "received 1.2 mln shares in response to its
# tender offer", "19 mln shares were tendered under its offer".
TAKEN_UP_VERBS = frozenset({"tender", "accept", "receive", "purchase", "buy", "acquire"})
SHARE_NOUNS = frozenset({"share", "stock", "unit", "pct", "%", "percent"})
TAKEN_UP_ARCS = 7


# Nouns a deal noun names a company as, in speculation: "Y is a likely takeover target".
SPECULATED_NOUNS = frozenset({"target", "candidate"})


def speculated_target(trigger: Token) -> bool:
    """ "Y is a likely takeover target of X", "a merger candidate": a deal noun naming
    what a company could be, not a deal made."""
    return trigger.dep_ == "compound" and trigger.head.lemma_.lower() in SPECULATED_NOUNS


def done_before(trigger: Token) -> bool:
    """ "agreed to buy the shares after selling Y to X in December": a gerund after
    "after" tells what had happened before the main clause's event."""
    prep = trigger.head
    return trigger.tag_ == "VBG" and trigger.dep_ == "pcomp" and prep.lower_ == "after"


def dropped_pursuit(chain: list[Token]) -> bool:
    """ "X said it would not pursue its offer for Y", "will not proceed with the merger":
    a verb of going on with the deal, negated, above the trigger: the deal is ended."""
    return any(
        t.lemma_.lower() in PURSUIT_VERBS and t.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in t.children)
        for t in chain[1:]
    )


def _done(verb: Token) -> bool:
    """A verb told as done: past tense or perfect, with no future or infinitive marker."""
    return verb.tag_ in ("VBD", "VBN") and not any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in verb.children
    )


def completed_above(chain: list[Token]) -> bool:
    """A verb of completing told as done above the trigger: "completed its previously
    announced plan to sell Y", "completed its tender offer for Y"."""
    return any(
        t.lemma_.lower() in COMPLETING_VERBS
        and t.pos_ == "VERB"
        and _done(t)
        and not any(c.dep_ == "neg" for c in t.children)
        for t in chain[1:]
    )


def weighed_offer(trigger: Token) -> bool:
    """ "the board met to consider X's takeover offer", "is studying the offer from X": an
    offer someone has made, weighed by its target (not "may be considering a bid")."""
    noun = trigger.head if trigger.dep_ == "compound" else trigger
    return (
        noun.lemma_.lower() in OFFER_NOUNS
        and noun.dep_ == "dobj"
        and noun.head.lemma_.lower() in WEIGHING_VERBS
        and any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("from", "by") for c in noun.children)
    )


def rumor_says(chain: list[Token]) -> bool:
    """ "one rumor suggests selling 20 pct of Y": a word of rumour is the subject of a
    verb above the deal."""
    return any(
        c.dep_ == "nsubj" and c.lemma_.lower() in RUMOR_NOUNS for t in chain[1:] for c in t.children
    ) or told_by_unnamed_sources(chain)


# Hearsay from unnamed people: "sources said", "said people familiar with the matter",
# "according to people with knowledge of the plans".
SOURCE_NOUNS = frozenset({"source", "people", "person", "insider"})
KNOWING_WORDS = frozenset({"familiar", "knowledge", "close", "aware", "brief", "briefed"})
TELLING_VERBS = frozenset({"say", "tell"})
# How far after "people" the words telling what they know may come.
KNOWING_REACH = 5


def _unnamed_source(noun: Token) -> bool:
    """ "sources", "people familiar with the matter", "three people with knowledge of it"."""
    lemma = noun.lemma_.lower()
    if lemma not in SOURCE_NOUNS and noun.lower_ not in SOURCE_NOUNS:
        return False
    if lemma == "source" or noun.lower_ == "sources":
        return True
    return any(
        t.lemma_.lower() in KNOWING_WORDS or t.lower_ in KNOWING_WORDS
        for t in noun.doc[noun.i + 1 : noun.i + 1 + KNOWING_REACH]
    )


def told_by_unnamed_sources(chain: list[Token]) -> bool:
    """A deal told by unnamed people is a rumour: a verb of telling above the deal, over
    its clause or beside it whose subject is unnamed sources ("..., sources said", "..., said three people
    with knowledge of the matter": the parser may take them for its object), or "according
    to people familiar with the matter" on a verb above the deal."""
    top = chain[-1]
    said = [top.head] if top.dep_ in ("ccomp", "parataxis") else []  # "X plans to sell Y, sources said"
    for token in chain + said:
        tellers = [token] + [c for c in token.children if c.dep_ == "parataxis"]
        for verb in tellers:
            if verb.lemma_.lower() in TELLING_VERBS and any(
                c.dep_ in ("nsubj", "dobj") and _unnamed_source(c) for c in verb.children
            ):
                return True
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "according":
                if any(_unnamed_source(o) for to in prep.children for o in to.children if o.dep_ == "pobj"):
                    return True
    return False


def offer_carried_out(chain: list[Token], trigger: Token) -> bool:
    """An offer told as carried out: "completed its tender offer for Y", "received 1.2
    mln Y shares in response to its tender offer", "95 pct of the shares were tendered
    under the offer" (a verb of completing above the offer, or one of shares taken up
    governing it through prepositions, however the parser hung the offer's own words)."""
    if completed_above(chain):
        return True
    node = trigger
    for _ in range(TAKEN_UP_ARCS):
        if node.dep_ not in ("pobj", "prep", "pcomp", "compound", "appos") or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            break
    else:
        return False
    taken = [c for c in node.children if c.dep_ in ("dobj", "nsubjpass")]
    if node.dep_ == "acl":
        taken.append(node.head)  # "all units tendered in response to its offer"
    return (
        node.lemma_.lower() in TAKEN_UP_VERBS
        and _done(node)
        and any(c.lemma_.lower() in SHARE_NOUNS or c.lower_ in SHARE_NOUNS for c in taken)
    )


def counterfactual(chain: list[Token]) -> bool:
    """ "the letter of intent under which X would have acquired Y", "X's acquisition of Y
    would have given it ...": a modal perfect tells a deal that did not happen."""
    return any(
        t.tag_ == "VBN"
        and {c.lower_ for c in t.children if c.dep_ == "aux"} >= {"have"}
        and any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in t.children)
        for t in chain[:2]
    )


# Verbs by which an offer runs out: "its tender offer expired at midnight".
LAPSING_VERBS = frozenset({"expire", "lapse"})


def taken_up_at_expiry(chain: list[Token]) -> bool:
    """ "its tender offer expired at midnight and it had accepted 2.3 mln shares": an offer
    that ran out with shares taken up under it, in a verb joined to its running out, was
    carried out, not ended."""
    for verb in chain[1:]:
        if verb.lemma_.lower() not in LAPSING_VERBS:
            continue
        joined = [c for c in verb.children if c.dep_ == "conj"] + ([verb.head] if verb.dep_ == "conj" else [])
        return any(
            v.lemma_.lower() in TAKEN_UP_VERBS
            and _done(v)
            and not any(c.dep_ == "neg" for c in v.children)
            and any(
                c.dep_ == "dobj" and (c.lemma_.lower() in SHARE_NOUNS or c.lower_ in SHARE_NOUNS) for c in v.children
            )
            for v in joined
        )
    return False


def ended_by_participle(chain: list[Token], ends: frozenset, deal_nouns: frozenset) -> bool:
    """ "the tender offer blocked by the court", "the deal called off in May", "the merger,
    which collapsed last year": a past participle or a past relative clause of a verb of
    ending on the deal noun (or on the deal noun a deal verb is told "in": "In the offer
    blocked by the court, X offered to buy ..."), the trigger first in ``chain``. Refusals are left out: a target that
    rejects an offer leaves it open."""
    if chain[0].pos_ == "NOUN":
        nouns = [chain[0]]
    else:
        nouns = [
            o
            for verb in chain
            if verb.pos_ == "VERB"
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ == "in"
            for o in p.children
            if o.dep_ == "pobj" and o.lemma_.lower() in deal_nouns
        ]
    for noun in nouns:
        for verb in noun.children:
            if verb.dep_ not in ("acl", "relcl") or verb.tag_ not in ("VBD", "VBN"):
                continue
            if verb.dep_ == "relcl" and not any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "that") for c in verb.children
            ):
                continue  # "the offer Y rejected": told by another party
            words = {verb.lemma_.lower()} | {
                f"{verb.lemma_.lower()} {c.lower_}" for c in verb.children if c.dep_ == "prt"
            }
            if words & ends and _done(verb) and not any(c.dep_ == "neg" for c in verb.children):
                return True
    return False


def failed_effort(chain: list[Token], failed: frozenset) -> bool:
    """ "its attempted takeover of Y", "an abortive bid", "its unsuccessful battle to take
    over Y": an adjective of failure on the deal noun or a noun the deal hangs from, below
    any verb above the trigger."""
    for k, token in enumerate(chain):
        if k and token.pos_ in ("VERB", "AUX"):
            return False
        if token.pos_ == "NOUN" and any(
            c.dep_ == "amod" and (c.lower_ in failed or c.lemma_.lower() in failed) for c in token.children
        ):
            return True
    return False


def for_infinitive(node: Token) -> bool:
    """ "called off their plans for X to buy Y": an infinitive clause with its own subject
    after "for" completes a noun (plans, agreement, proposal) even where the parser hangs
    it on the verb; the verb's words are the deal's."""
    return (
        node.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "for" for c in node.children)
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
    )


# Nouns of a permission a deal needs before it closes: "received regulatory approvals for
# its acquisition of Y" (agreed, not done).
APPROVAL_NOUNS = frozenset({"approval", "clearance", "consent"})
APPROVAL_ARCS = 3
# Nouns of a holding a party has: "has an investment in Y", "holds a stake in Y".
HOLDING_NOUNS = frozenset({"investment", "stake", "holding", "interest"})
HAVING_VERBS = frozenset({"have", "hold", "own"})


def awaiting_approval(trigger: Token) -> bool:
    """ "received regulatory approvals for its acquisition of Y", "approval of its merger
    with Y is expected": a deal under a noun of permission is agreed, awaiting it."""
    node = trigger
    for _ in range(APPROVAL_ARCS):
        if node.dep_ not in ("pobj", "prep", "compound") or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in APPROVAL_NOUNS:
            return True
        if node.pos_ == "VERB":
            # "received approvals for its acquisition of Y", "for" hung on the verb
            return any(c.dep_ == "dobj" and c.lemma_.lower() in APPROVAL_NOUNS for c in node.children)
    return False


def open_to(trigger: Token) -> bool:
    """ "is still open to a merger with X", "remains open to offers": a deal a party would
    consider, not one made."""
    prep = trigger.head
    return trigger.dep_ == "pobj" and prep.lower_ == "to" and prep.head.lower_ == "open"


def holding_had(trigger: Token) -> bool:
    """ "said he has an investment in Y amounting to less than five pct", "holds a stake
    in Y": a holding a party has is a fact, not a plan (not "plans to have", "will hold")."""
    verb = trigger.head
    return (
        trigger.dep_ == "dobj"
        and trigger.lemma_.lower() in HOLDING_NOUNS
        and verb.lemma_.lower() in HAVING_VERBS
        and verb.tag_ in ("VBZ", "VBP", "VBD")
        and not any(c.dep_ in ("aux", "neg") and (c.lower_ in FUTURE_AUX or c.dep_ == "neg") for c in verb.children)
    )


def dated_before(trigger: Token) -> bool:
    """ "Allied's 1981 acquisition of Y", "its 1985 purchase of Y": a deal noun dated by a
    year before the article's is done."""
    doc_date = trigger.doc._.doc_date
    if not doc_date or not str(doc_date)[:4].isdigit():
        return False
    return any(
        c.dep_ in ("nummod", "compound", "amod")
        and c.ent_type_ == "DATE"
        and len(c.text) == 4
        and c.text.isdigit()
        and int(c.text) < int(str(doc_date)[:4])
        for c in trigger.children
    )


# "the possibility of buying Y": a deal supposed, not agreed.
INTEREST_NOUNS = frozenset({"interest", "possibility"})


def interest_in(trigger: Token) -> bool:
    """ "expressed an interest to acquire Y", "has an interest in acquiring Y": the deal
    hangs from a noun of interest (not "acquire an interest in Y": a stake)."""
    node = trigger
    for _ in range(TALKS_MAX_STEPS):
        infinitive = node.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if (node.dep_ not in TALKS_LINK_DEPS and not infinitive) or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ == "NOUN" and node.lemma_.lower() in INTEREST_NOUNS:
            return True
    return False
