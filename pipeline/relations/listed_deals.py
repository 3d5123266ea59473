"""Several deals told by one trigger in one sentence: a gapped second clause ("bought X
for $75 million and Y for $22 million"), names listed with semicolons after the target, and
round phrases listed after participles ("leading a round in A and joining B's Series B")."""

from __future__ import annotations

import re
from copy import copy

from spacy.tokens import Span

from ..schema import Deal
from . import common, context
from .common import MISLABELLED_NAMES, PARTY_LABELS
from .funding import round_label

# How far after "and" the second amount of a gapped clause may stand.
GAPPED_WINDOW = 24


def gapped_deals(ctx, deal: Deal) -> list[Deal]:
    """ "bought X for $75 million and Y for $22 million", "sold its A unit, X, to B for
    18 mln dlrs and its C unit, Y, to D for 3.5 mln dlrs": the verb left out of the
    second conjunct states a second deal, with the same buyer (or seller) and its own
    target, buyer and amount. Read in text order after the first deal's amount, since
    the parser scatters such conjuncts."""
    if deal.target is None or deal.evidence is None:
        return []
    doc = deal.target.doc
    sent = context.sent_of(ctx, deal.target.root)
    # the first amount "for" which the first target changes hands, right before "and"
    span = next(
        (
            e
            for e in ctx.index.ents_within(sent.start, deal.target.end, min(deal.target.end + 12, sent.end))
            if e.label_ == "MONEY" and e._.money is not None and doc[e.start - 1].lower_ == "for"
        ),
        None,
    )
    if span is None or span.end >= sent.end or doc[span.end].lower_ != "and":
        return []
    start = span.end + 1
    end = min(start + GAPPED_WINDOW, sent.end)
    money = next(
        (e for e in ctx.index.ents_within(sent.start, start, end) if e.label_ == "MONEY" and e._.money is not None),
        None,
    )
    if money is None or money.start < 2 or doc[money.start - 1].lower_ != "for":
        return []
    segment = doc[start : money.start - 1]
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in segment):
        return []  # a clause of its own, told by its own verb
    to = next((t.i for t in segment if t.lower_ == "to"), None)
    names = [e for e in ctx.index.ents_within(sent.start, start, money.start - 1) if e.label_ not in ("MONEY", "DATE")]
    if to is not None:
        targets = [e for e in names if e.end <= to and e.label_ in PARTY_LABELS | MISLABELLED_NAMES]
        buyers = [e for e in names if e.start > to and e.label_ in PARTY_LABELS]
        if not targets or not buyers:
            return []
        target, new_buyers = targets[-1], buyers[:1]
    else:
        last = doc[money.start - 2]
        ent = context.ent_of(ctx, last)
        if ent is not None and ent.end == last.i + 1 and ent.label_ in PARTY_LABELS | MISLABELLED_NAMES:
            target = ent
        elif last.pos_ == "PROPN" and last.text[:1].isupper() and not last.ent_type_:
            target = doc[last.i : last.i + 1]
        else:
            return []
        new_buyers = list(deal.buyers)
    target = Span(doc, target.start, target.end, label="ORG")
    # the first deal keeps only its own buyers
    deal.buyers = [b for b in deal.buyers if not (start <= b.start < money.start)]
    if not new_buyers and deal.seller is None:
        return []
    deal.money, deal.money_span = span._.money, span
    second = copy(deal)
    second.buyers = new_buyers
    second.target = target
    second.money, second.money_span = money._.money, money
    second.type = "acquisition" if new_buyers else deal.type
    return [second]


# How many words a bracketed remark after a listed name may hold ("(incorporated in Japan)").
REMARK_WINDOW = 12


def semicolon_targets(ctx, deal: Deal) -> list[Deal]:
    """ "acquire all of the stock of A Inc (incorporated in Delaware); B KK (incorporated
    in Japan); and C Corp": names listed after the target with semicolons, each perhaps
    with a bracketed remark, are targets of the same deal (the parser ends the clause at
    the semicolon). An amount stated for the list is their combined price: none each."""
    if deal.target is None:
        return []
    doc = deal.target.doc
    sent = context.sent_of(ctx, deal.target.root)
    i, found = deal.target.end, []
    while i < sent.end:
        if doc[i].text == "(":
            close = next((j for j in range(i + 1, min(i + REMARK_WINDOW, sent.end)) if doc[j].text == ")"), None)
            if close is None:
                break
            i = close + 1
            continue
        if doc[i].text != ";":
            break
        i += 1
        while i < sent.end and doc[i].lower_ in ("and", "the"):
            i += 1
        ent = context.ent_of(ctx, doc[i]) if i < sent.end else None
        if ent is None or ent.start != i or not (ent.label_ in PARTY_LABELS or ent.label_ in MISLABELLED_NAMES):
            break
        found.append(Span(doc, ent.start, ent.end, label="ORG"))
        i = ent.end
    if not found:
        return []
    deal.money = deal.money_span = None
    listed = []
    for target in found:
        other = copy(deal)
        other.target, other.seller, other.target_unit = target, None, None
        listed.append(other)
    return listed


# Words that head a round phrase of a list ("a $12m round", "a seed round", "a financing").
LIST_ROUND_NOUNS = frozenset({"round", "funding", "financing"})
# How many words before and after a round's trigger its list may reach.
LIST_WINDOW = 60
ROUND_LETTER_RE = re.compile(r"[A-J]\.?")


def listed_rounds(ctx, deal: Deal) -> list[Deal]:
    """ "X has backed three start-ups, leading a $12m round in A, a seed round in B and
    joining C's Series B": round phrases listed after a participle of taking part, each
    naming its company (after "in", or as the possessor); the investor is the subject of
    the clause the participle hangs from. Read in text order, since the parser scatters
    such lists; only a list of two rounds or more."""
    sent = context.sent_of(ctx, deal.trigger[0])
    # the words around the trigger, not the whole sentence (a run-on text is one sentence)
    trigger = deal.trigger[0].i
    sent = sent.doc[max(sent.start, trigger - LIST_WINDOW) : min(sent.end, trigger + LIST_WINDOW)]
    verbs = ctx.lex.leader_verbs | ctx.lex.participation_verbs
    participles = [t for t in sent if t.tag_ == "VBG" and t.lemma_.lower() in verbs]
    investor = None
    for participle in participles:
        subject = common.controlling_subject(participle)
        ent = context.ent_of(ctx, subject) if subject is not None else None
        if ent is not None and ent.label_ in PARTY_LABELS:
            investor = ent
            break
    if investor is None:
        return []
    doc = sent.doc
    items = []
    start = participles[0].i + 1
    for token in doc[start : sent.end]:
        if not (
            token.lemma_.lower() in LIST_ROUND_NOUNS
            or ROUND_LETTER_RE.fullmatch(token.text) is not None
            and doc[token.i - 1].lower_ == "series"
        ):
            continue
        target = None
        after = context.ent_of(ctx, doc[token.i + 2]) if token.i + 2 < sent.end else None
        if after is not None and doc[token.i + 1].lower_ == "in" and after.start == token.i + 2:
            target = after
        else:
            for i in range(token.i - 1, start, -1):
                if doc[i].tag_ == "POS":
                    target = context.ent_of(ctx, doc[i - 1])
                    break
        if target is not None and target.label_ in PARTY_LABELS and not common.same_party(target, investor):
            money = next((e for e in ctx.index.ents_within(sent.start, start, token.i) if e.label_ == "MONEY"), None)
            items.append((target, money, round_label(doc[start : token.i + 1].text)))
        start = token.i + 1
    if len(items) < 2:
        return []
    found = []
    for target, money, name in items:
        if common.same_party(target, deal.target):
            # the list's own words tell its round and amount, however the parse hung them
            deal.buyers = deal.buyers or [investor]
            deal.money, deal.money_span = (money._.money, money) if money is not None else (None, None)
            deal.round = name or deal.round
            continue
        other = copy(deal)
        other.buyers, other.target, other.round = [investor], target, name
        other.money, other.money_span = (money._.money, money) if money is not None else (None, None)
        found.append(other)
    return found
