"""A deal stated again in a later sentence: its figures join the deal.

"X agreed to acquire Y. The deal values Y at $2.35 billion": the second sentence names no
party, so no frame makes a deal of it, but its amount is the deal's. The same for "The
transaction is valued at ...", "..., a transaction valued at ...", "the merger is valued
at ...", and "X (the acquirer, it) will pay $95 million for the business". An amount joins
only a deal that has none, told in the same sentence or at most two sentences before,
alone in its sentence (a list of deals leaves the figure unassigned); "Terms were not
disclosed" gives none.

The outcome told later joins the deal too: "The transaction was completed on Friday",
"X later withdrew the offer" (a definite deal noun with no party of its own, subject or
object of a past completing or ending verb) make the deal told last before completed or
terminated.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..names import names_match
from ..schema import Deal
from . import common, figures, funding, party_names
from .common import MIN_DEAL_AMOUNT, NEGOTIATION_WORDS, SUBJECT_DEPS

# Arcs climbed from an amount to the word that restates the deal.
RESTATED_ARCS = 5
# Sentences that may stand between a deal and the sentence restating it.
RESTATED_SENTENCES = 2
DEFINITE = frozenset({"the", "this", "that", "its", "their"})
# Nouns of what a deal costs: "The purchase price is $N".
PRICE_NOUNS = frozenset({"price", "consideration"})
# Verbs by which a seller gets the amount: "X received $N for the unit".
RECEIVING_VERBS = frozenset({"receive", "get", "realize", "realise"})
# Words that open a sentence continuing the one before: "For 105 mln dlrs."
CONTINUING_PREPS = frozenset({"for", "at"})


def gather_figures(ctx, doc: Doc, deals: list[Deal]) -> None:
    """Give each deal with no amount the amount a later sentence states for it."""
    if not any(deal.money is None for deal in deals):
        return
    for sent in doc.sents:
        for ent in ctx.index.sent_ents.get(sent.start, ()):
            if ent.label_ != "MONEY":
                continue
            value = ent._.money
            if value is None or value.per_share or value.amount is None or value.amount < MIN_DEAL_AMOUNT:
                continue
            if _extra(ent) or figures.difference(ent):
                continue  # "X will pay an additional $1.3 million if ...": a sum on top of the price
            if (told := _price_consists_of(ctx, ent, deals)) is not None:
                for deal in told:  # "The purchase price will consist of $19 million in cash and ..."
                    if deal.money is None:
                        deal.money, deal.money_span = value, ent
                continue
            deal = _restated_deal(ctx, ent, deals) or _continued_deal(ctx, doc, sent, ent, deals)
            if deal is not None and deal.money is None:
                deal.money, deal.money_span = value, ent


# Modals and infinitive markers: "is expected to close", "will be completed" tell no outcome.
NOT_YET = frozenset({"will", "would", "to", "shall", "should", "could", "may", "might", "must", "can"})
OUTCOMES = ("completed", "terminated")
# "is completed" (a condition or a habit), negation, subordinators
NOT_TOLD = frozenset({"not", "n't", "is", "are", "be", "after", "when", "once", "if", "until", "before", "unless"})


def gather_status(ctx, doc: Doc, deals: list[Deal]) -> None:
    """A later sentence that tells a deal's outcome ("The deal closed on Monday", "X
    withdrew its offer") gives the deal told last before it that status."""
    if not deals or all(deal.status in OUTCOMES for deal in deals):
        return
    cues = ctx.lex.status_cues
    for status in OUTCOMES:
        verbs = cues.get(status, frozenset()) - ctx.lex.refusal_cues
        for token in doc:
            if token.pos_ != "NOUN" or not _deal_noun(ctx, token):
                continue
            verb = _verb_of(token)
            if verb is None or verb.lemma_.lower() not in verbs:
                continue
            if verb.tag_ not in ("VBD", "VBN") or verb.dep_ in ("xcomp", "amod", "acl", "relcl", "pcomp", "advcl"):
                continue  # "After the transaction is completed, ...": no outcome told
            if any(
                c.dep_ in ("aux", "auxpass", "neg", "mark") and c.lower_ in NOT_YET | NOT_TOLD for c in verb.children
            ):
                continue
            for deal in _last_told(ctx, doc[verb.i : verb.i + 1], deals):
                if deal.status not in OUTCOMES and deal.evidence.start <= verb.i:
                    deal.status = status
    _gather_acceptance(ctx, doc, deals)


def _gather_acceptance(ctx, doc: Doc, deals: list[Deal]) -> None:
    """ "Y's board accepted the offer", "Y said it agreed to the bid": a later sentence in
    which an offer told before is accepted makes it agreed."""
    if not any(deal.status == "proposed" for deal in deals):
        return
    for token in doc:
        if token.pos_ != "NOUN" or not _deal_noun(ctx, token):
            continue
        if token.dep_ == "dobj":
            verb = token.head
            accepted = verb.lemma_.lower() == "accept"
        elif token.dep_ == "pobj" and token.head.lower_ == "to":
            verb = token.head.head
            accepted = verb.lemma_.lower() == "agree"
        else:
            continue
        if not accepted or verb.tag_ not in ("VBD", "VBN") or verb.dep_ in ("xcomp", "amod", "acl", "relcl", "advcl"):
            continue
        if any(c.dep_ in ("aux", "auxpass", "neg", "mark") and c.lower_ in NOT_YET | NOT_TOLD for c in verb.children):
            continue
        deal = _last_deal(ctx, doc[verb.i : verb.i + 1], deals)
        if deal is not None and deal.status == "proposed" and deal.evidence.start <= verb.i:
            deal.status = "agreed"


def _verb_of(noun: Token) -> Optional[Token]:
    """The verb that tells what became of a deal noun: its subject or object ("the deal
    closed", "withdrew the offer"), after "from" or "out of" ("withdrew from the deal",
    "pulled out of the merger"), or after talks about it ("ended talks on the deal")."""
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return noun.head
    if noun.dep_ != "pobj":
        return None
    prep = noun.head
    if prep.lower_ in ("from", "of") and prep.head.pos_ == "VERB":
        return prep.head  # "withdrew from the deal", "pulled out of the deal"
    if prep.lower_ == "of" and prep.head.lower_ == "out" and prep.head.head.pos_ == "VERB":
        return prep.head.head
    talks = prep.head
    if (
        prep.lower_ in ("on", "about", "over")
        and talks.lemma_.lower() in NEGOTIATION_WORDS
        and talks.dep_ in ("nsubj", "nsubjpass", "dobj")
    ):
        return talks.head  # "ended talks on the deal", "talks about the merger ended"
    return None


def _restated_deal(ctx, ent: Span, deals: list[Deal]) -> Optional[Deal]:
    """The deal an amount belongs to when its sentence restates a deal: a definite deal
    noun valued at the amount, or a buyer paying it."""
    payer = None
    node = ent.root
    for _ in range(RESTATED_ARCS):
        if node.head.i == node.i:
            break
        node = node.head
        if _deal_noun(ctx, node) and _valued(ctx, ent.root, node):
            return _last_deal(ctx, ent, deals)
        if node.pos_ in ("VERB", "AUX"):
            subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
            if node.lemma_.lower() in ctx.lex.valuation_cues | {"total"} and any(_deal_noun(ctx, s) for s in subjects):
                return _last_deal(ctx, ent, deals)  # "The deal values Y at ...", "the merger is valued at ..."
            if _path(ent.root, node) & ctx.lex.valuation_cues and any(
                c.dep_ in ("dobj", "dative") and _deal_noun(ctx, c) for c in node.children
            ):
                return _last_deal(ctx, ent, deals)  # "this gives the transaction a value of ..."
            if (
                node.lemma_.lower() == "be"
                and (_path(ent.root, node) & ctx.lex.valuation_cues or _path(ent.root, node) == {"for"})
                and any(_deal_noun(ctx, s) for s in subjects)
            ):
                return _last_deal(ctx, ent, deals)  # "The offer is worth about ...", "The purchase would be for ..."
            if node.lemma_.lower() == "be" and ent.root.head.i == node.i and any(_price_noun(ctx, s) for s in subjects):
                return _last_deal(ctx, ent, deals)  # "The purchase price is ...", "The price was about ..."
            if node.lemma_.lower() == "pay" and (subjects or node.dep_ == "xcomp"):
                # "X will pay ...", "X is considering paying ...": the subject, or the one
                # of the verb that controls the paying
                payer = subjects[0] if subjects else common.controlling_subject(node)
                break
            if node.lemma_.lower() in RECEIVING_VERBS and subjects and ent.root.head.i == node.i:
                deal = _last_deal(ctx, ent, deals)
                party = party_names.party_of(ctx, subjects[0], depth=0)
                if (
                    deal is not None
                    and deal.seller is not None
                    and party is not None
                    and names_match(party[0].text, deal.seller.text)
                ):
                    return deal  # "X received $95 million for the unit": the seller's proceeds
                return None
            if node.dep_ in ("ccomp", "advcl", "relcl", "conj") and node.lemma_.lower() not in ctx.lex.reporting_verbs:
                break
    if payer is None:
        return None
    deal = _last_deal(ctx, ent, deals)
    if deal is None:
        return None
    if payer.lemma_.lower() in ctx.lex.buyer_nouns and any(c.lower_ in DEFINITE for c in payer.children):
        return deal  # "The acquirer will pay ..."
    party = party_names.party_of(ctx, payer, depth=0)
    if party is not None and any(names_match(party[0].text, buyer.text) for buyer in deal.buyers):
        return deal  # "X will pay $95 million for the business"
    return None


# Verbs by which a price is told by its parts: "The purchase price will consist of $19
# million in cash and 10 pct preferred stock".
CONSISTING_VERBS = frozenset({"consist", "comprise"})


def _price_consists_of(ctx, ent: Span, deals: list[Deal]) -> Optional[list[Deal]]:
    """The deals a price of several parts is told for: the amount is the first part after
    "consist of" or "comprise" whose subject is the price of a deal told before
    ("the purchase price"), for all the targets that deal's verb named (``_last_told``)."""
    verb = ent.root.head.head if ent.root.dep_ == "pobj" and ent.root.head.lower_ == "of" else ent.root.head
    if ent.root.dep_ not in ("pobj", "dobj") or verb.lemma_.lower() not in CONSISTING_VERBS:
        return None
    if not any(c.dep_ in SUBJECT_DEPS and _price_noun(ctx, c) for c in verb.children):
        return None
    earlier = [
        e
        for e in ctx.index.sent_ents.get(ctx.index.sent_at[ent.start].start, ())
        if e.label_ == "MONEY" and verb.i < e.start < ent.start
    ]
    return None if earlier else _last_told(ctx, ent, deals)


def _continued_deal(ctx, doc: Doc, sent: Span, ent: Span, deals: list[Deal]) -> Optional[Deal]:
    """A sentence of no verb that opens with "for" or "at" and an amount ("... from Z of
    the U.S.\nFor 105 mln dlrs."): the end of the sentence before, cut off after an
    abbreviation. Its amount is the deal that sentence states."""
    words = (t for t in sent if not t.is_space and not t.is_punct)  # the first two only
    first, second = next(words, None), next(words, None)
    if second is None or first.lower_ not in CONTINUING_PREPS or ent.start != second.i:
        return None
    if sent.start == 0 or any(t.pos_ in ("VERB", "AUX") for t in sent):
        return None
    before = ctx.index.sent_at[sent.start - 1]
    deal = _last_deal(ctx, ent, deals)
    if before is None or deal is None or deal.evidence.start != before.start:
        return None
    return deal


# Words before an amount that make it a sum on top of the price: "an additional $1.3 million".
EXTRA_WORDS = frozenset({"additional", "further", "extra", "another"})


def _extra(ent: Span) -> bool:
    """ "pay up to an additional 1.3 mln dlrs", "another $5 million": more than the price
    told before, paid on a condition."""
    start = max(ent.start - 3, ent.sent.start)
    words = list(ent) + list(ent.doc[start : ent.start])
    return any(t.lower_ in EXTRA_WORDS for t in words)


def _price_noun(ctx, token: Token) -> bool:
    """ "the purchase price", "the price", "the sale price": what a deal told before costs
    (not "the price of Y's shares": a price of its own)."""
    if token.lemma_.lower() not in PRICE_NOUNS:
        return False
    if any(c.dep_ == "prep" for c in token.children):
        return False
    compounds = [c for c in token.children if c.dep_ == "compound"]
    if compounds:
        return all(c.lemma_.lower() in ctx.lex.deal_nouns for c in compounds)
    return any(c.lower_ in DEFINITE for c in token.children)


def _deal_noun(ctx, token: Token) -> bool:
    """ "the deal", "this transaction", "its merger": a deal told before, named by a
    noun with a definite determiner or possessor and no party of its own."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in ctx.lex.deal_nouns:
        return False
    if token.tag_ == "NNS" and any(c.dep_ == "nummod" for c in token.children):
        return False  # "the two acquisitions totalled $90 million": several deals, not the last one
    if any(c.dep_ == "prep" and c.lower_ in ("of", "for", "with", "by") for c in token.children):
        return False  # "the acquisition of Z": a deal of its own
    return any(c.lower_ in DEFINITE or c.dep_ == "det" for c in token.children) or token.dep_ == "appos"


def _valued(ctx, amount: Token, noun: Token) -> bool:
    """ "a transaction valued at $N", "the $N deal": the amount values the noun."""
    if amount.head.i == noun.i:
        return True
    return bool(_path(amount, noun) & (ctx.lex.valuation_cues | {"total"}))


def _path(token: Token, stop: Token) -> set[str]:
    lemmas, node = set(), token
    while node.head.i != node.i and node.head.i != stop.i:
        node = node.head
        lemmas.add(node.lemma_.lower())
    return lemmas


def _last_told(ctx, span: Span, deals: list[Deal]) -> list[Deal]:
    """The deal told last before ``span`` (``_last_deal``), or the deals of one trigger
    told last ("acquire A; B; and C" ... "completed the acquisition": all of them)."""
    deal = _last_deal(ctx, span, deals)
    if deal is not None:
        return [deal]
    before = [d for d in deals if d.evidence is not None and d.trigger is not None and d.evidence.start <= span.start]
    if not before:
        return []
    last = max(before, key=lambda d: d.evidence.start)
    told = [d for d in deals if d.evidence is not None and d.evidence.start == last.evidence.start]
    if any(d.trigger is None or d.trigger.start != last.trigger.start for d in told):
        return []
    sent = ctx.index.sent_at[span.start]
    if last.evidence.start != sent.start and (
        funding.sentences_between(ctx, last.evidence, sent, most=RESTATED_SENTENCES) > RESTATED_SENTENCES
    ):
        return []
    return told


def _last_deal(ctx, ent: Span, deals: list[Deal]) -> Optional[Deal]:
    """The deal stated last at or before the amount's sentence (within a few sentences),
    when it is the only deal of its sentence."""
    before = [deal for deal in deals if deal.evidence is not None and deal.evidence.start <= ent.start]
    if not before:
        return None
    last = max(before, key=lambda deal: deal.evidence.start)
    if sum(deal.evidence.start == last.evidence.start for deal in deals) > 1:
        return None
    sent = ctx.index.sent_at[ent.start]
    if last.evidence.start != sent.start and (
        funding.sentences_between(ctx, last.evidence, sent, most=RESTATED_SENTENCES) > RESTATED_SENTENCES
    ):
        return None
    return last
