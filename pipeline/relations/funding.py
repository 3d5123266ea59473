"""Funding rounds: the round's name, its owner, and investors named apart from it."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..schema import Deal
from . import antecedents, common, context, coordination, framing, party_names
from .common import (
    FUNDING_WORDS,
    INVESTOR_NOUNS,
    MISLABELLED_NAMES,
    MONEY_NOUNS,
    PARTY_LABELS,
    ROUND_INVESTORS_WINDOW,
    ROUND_RE,
    STAKE_FOR_ACQUISITION,
    SUBJECT_DEPS,
)
from .context import Frame


def add_round_investors(ctx, doc: Doc, deals: list[Deal]) -> None:
    """Investors named apart from their funding round join it: "..., with
    participation from X and Y", "The round was led by X.", "Y and Z also invested."
    (the round of the same sentence, else the last round stated before)."""
    # and a sale to buyers left unnamed in its sentence ("to an investor group led by two
    # private equity firms. The buyers are led by X and Y.")
    rounds = [
        deal for deal in deals if deal.trigger is not None and (is_round(ctx, deal) or sold_to_unnamed_buyers(deal))
    ]
    if not rounds:
        return
    for sent in doc.sents:
        investors = round_participants(ctx, sent)
        if not investors:
            continue
        same = [deal for deal in rounds if deal.evidence.start == sent.start]
        # a round told in one of the two sentences before
        before = next(
            (
                deal
                for deal in reversed(rounds)
                if deal.evidence.start < sent.start and sentences_between(ctx, deal.evidence, sent, most=1) <= 1
            ),
            None,
        )
        deal = same[0] if same else before
        if deal is None:
            continue
        for investor in investors:
            if not common.same_party(investor, deal.target) and all(
                not common.same_party(investor, b) for b in deal.buyers
            ):
                deal.buyers.append(investor)
        if deal.buyers and deal.type == "divestiture":
            deal.type = (
                "investment" if deal.stake_pct is not None and deal.stake_pct < STAKE_FOR_ACQUISITION else "acquisition"
            )
        if not same and sent.start - deal.evidence.end <= 1 and sent.end > deal.evidence.end:
            deal.evidence = doc[deal.evidence.start : sent.end]  # the next sentence names them


def sentences_between(ctx, first: Span, later: Span, most: Optional[int] = None) -> int:
    """How many sentences hold a word between two spans (counted up to ``most`` + 1
    at most: a sentence at a time, not a word at a time)."""
    doc, sent_at = first.doc, ctx.index.sent_at
    count, i = 0, first.end
    while i < later.start and (most is None or count <= most):
        sent = sent_at[i]
        end = min(sent.end, later.start)
        if any(not doc[j].is_space for j in range(i, end)):
            count += 1
        i = end
    return count


def is_round(ctx, deal: Deal) -> bool:
    cls = framing.class_of(ctx, deal.trigger[0])
    return deal.round is not None or (cls is not None and cls.funding_round)


def round_participants(ctx, sent: Span) -> list[Span]:
    """Organisations and people a sentence names as taking part in a round."""
    found: list[Span] = []
    for token in sent:
        lemma = token.lemma_.lower()
        heads: list[Token] = []
        if lemma in ctx.lex.participation_nouns:
            # "with participation from X and Y"
            heads = [
                pobj
                for prep in token.children
                if prep.lower_ in ("from", "by", "of")
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ]
        elif (
            token.pos_ == "VERB"
            and (lemma in ctx.lex.leader_verbs or token.lower_ in ctx.lex.leader_verbs)
            and any(c.dep_ == "agent" for c in token.children)
            and leads_a_round(ctx, token)
        ):
            # "The round was led by X", "co-led by X and Y", "backed by X", "and joined by Y"
            heads = [
                pobj
                for agent in token.children
                if agent.dep_ == "agent"
                for pobj in agent.children
                if pobj.dep_ == "pobj"
            ]
        elif token.pos_ == "VERB" and lemma in ctx.lex.participation_verbs and joins_round(ctx, token):
            # "Y and Z also invested", "Y joined the round", "Z took part"
            heads = [c for c in token.children if c.dep_ == "nsubj"]
            # "..., as did earlier backer W": the subject of the elided clause too
            heads += [
                s
                for c in token.children
                if c.dep_ == "advcl" and c.lemma_.lower() == "do" and any(m.lower_ == "as" for m in c.children)
                for s in c.children
                if s.dep_ == "nsubj"
            ]
        elif (
            token.pos_ == "VERB"
            and lemma in ctx.lex.leader_verbs
            and any(c.dep_ == "dobj" and names_round(ctx, c) for c in token.children)
        ):
            # "X led the investment", "X and Y co-led the round", "X co-led the Series B"
            heads = [c for c in token.children if c.dep_ == "nsubj"]
        elif lemma in ("be", "include") and any(
            c.dep_ in SUBJECT_DEPS and (c.lemma_.lower() in INVESTOR_NOUNS or c.lemma_.lower() in BUYER_GROUP_NOUNS)
            for c in token.children
        ):
            # "The investors were X, Y and Z", "Other participants included X and Y",
            # "Backers in the round include X"
            heads = [c for c in token.children if c.dep_ in ("attr", "dobj")]
        elif (
            lemma in ctx.lex.group_nouns
            and token.dep_ == "pobj"
            and token.head.lower_ in ("with", "from")
            and any(c.lemma_.lower() in ctx.lex.group_links for c in token.children if c.dep_ in ("acl", "relcl"))
        ):
            # "with a group of investors led by X and including Y and Z"
            found.extend(
                ent
                for ent in coordination.group_members(ctx, token)
                if all(not common.same_party(ent, other) for other in found)
            )
        elif lemma == "come" and any(
            c.dep_ == "nsubj" and (c.lemma_.lower() in FUNDING_WORDS or c.lemma_.lower() in MONEY_NOUNS)
            for c in token.children
        ):
            # "the money came from X and Y"
            heads = common.prep_objects(token, "from")
        for head in heads:
            # a name the model missed in the list: "X and Weihmann Angels"
            for conj in [head, *head.conjuncts]:
                named = untagged_name(ctx, conj) or mislabelled_member(ctx, conj)
                if named is not None and all(not common.same_party(named, other) for other in found):
                    found.append(named)
            # every name in the phrase: the parser often hangs "X and Y" on the last;
            # not those described in it ("Y, the venture arm of Z")
            for member in head.subtree:
                ent = context.ent_of(ctx, member)
                if ent is None or ent.label_ not in PARTY_LABELS or ent in found:
                    continue
                if any(
                    a.dep_ == "appos" and context.ent_of(ctx, a.head) is not None and not listed_name(ctx, a)
                    for a in common.ancestors_below(member, head)
                ):
                    continue  # "X, the venture arm of Z": Z only describes X
                found.extend(part for part in split_listed(ent) if part not in found)
    return found


# Last words of an investor's name: "A Ventures and B" tagged as one name is two investors.
FIRM_WORDS = frozenset(
    {"ventures", "capital", "partners", "fund", "funds", "group", "holdings", "investments", "management", "equity"}
    | {"angels", "advisors", "advisers"}
    | common.SUFFIX_WORDS
)


def split_listed(ent: Span) -> list[Span]:
    """ "Marrow Ventures and Quenby" tagged as one name: the name before "and" ends in a
    firm's word, and a capitalised name follows, so they are two ("Smith and Wesson",
    with no firm's word before "and", stays one)."""
    doc = ent.doc
    for i in range(ent.start + 1, ent.end - 1):
        if doc[i].lower_ == "and" and doc[i - 1].lower_.rstrip(".") in FIRM_WORDS and doc[i + 1].text[:1].isupper():
            return [
                Span(doc, ent.start, i, label=ent.label_),
                *split_listed(Span(doc, i + 1, ent.end, label=ent.label_)),
            ]
    return [ent]


# Labels the model gives invented one-word firm names in investor lists ("Atomico", "Liontree").
MISREAD_MEMBER_LABELS = frozenset({"GPE", "LOC", *MISLABELLED_NAMES})


def mislabelled_member(ctx, token: Token) -> Optional[Span]:
    """ "with participation from A Ventures, B, C Capital and D", B and D tagged as places or
    products: a proper name listed with investors the model tagged as firms is an investor."""
    ent = context.ent_of(ctx, token)
    if ent is None or ent.label_ not in MISREAD_MEMBER_LABELS or ent.root.i != token.i or token.pos_ != "PROPN":
        return None
    listed = [context.ent_of(ctx, other) for other in token.conjuncts]
    if not any(other is not None and other.label_ == "ORG" for other in listed):
        return None
    return Span(token.doc, ent.start, ent.end, label="ORG")


def listed_name(ctx, appos: Token) -> bool:
    """ "X, Y and Z co-led the round", the parser reading "Y and Z" as an apposition to
    X: a name with a conjunct after it is a member of the list, not a description of X."""
    ent = context.ent_of(ctx, appos)
    return (
        ent is not None
        and ent.label_ in PARTY_LABELS
        and any(c.dep_ == "conj" and context.ent_of(ctx, c) is not None for c in appos.children)
    )


def names_round(ctx, token: Token) -> bool:
    """ "the round", "the financing", "the Series B": a noun that names a funding round
    (with the compounds before it)."""
    if token.lemma_.lower() in ctx.lex.round_nouns:
        return True
    start = min((c.i for c in token.children if c.dep_ == "compound" and c.i < token.i), default=token.i)
    # "led the seed round", the parser taking "round" for an adverb
    end = min(token.i + 2, len(token.doc))
    return any(ROUND_RE.fullmatch(token.doc[start:stop].text) is not None for stop in (token.i + 1, end))


def untagged_name(ctx, token: Token) -> Optional[Span]:
    """A capitalised proper noun with its compounds that the model tagged as no
    entity ("Weihmann Angels")."""
    if token.pos_ != "PROPN" or token.ent_type_ or not token.text[:1].isupper() or common.bracketed(token):
        return None
    doc = token.doc
    start = token.i
    while (
        start > 0
        and doc[start - 1].dep_ == "compound"
        and doc[start - 1].head.i == token.i
        and doc[start - 1].pos_ == "PROPN"
        and not doc[start - 1].ent_type_
    ):
        start -= 1
    if start == token.i and ctx.index.headline[token.i]:
        return None
    span = Span(doc, start, token.i + 1, label="ORG")
    return None if ROUND_RE.fullmatch(span.text) else span


def leads_a_round(ctx, verb: Token) -> bool:
    """ "the round was led by X", "a Series B round co-led by X", "funding backed by X"
    (not "follows a Series A in 2022 led by X": an earlier round)."""
    while verb.dep_ == "conj" and not any(c.dep_ == "nsubjpass" for c in verb.children) and verb.head.pos_ == "VERB":
        verb = verb.head  # "The round was led by X, and joined by Z": the round "led" has
    led = (
        verb.head
        if verb.dep_ in ("acl", "relcl")
        else next((c for c in verb.children if c.dep_ == "nsubjpass"), verb.head)
    )
    return (
        led.lemma_.lower() in ctx.lex.round_nouns
        or led.lemma_.lower() in FUNDING_WORDS
        or led.lemma_.lower() in BUYER_GROUP_NOUNS
        or led.i == verb.i
    )


# Who buys, told as a group: "The buyers are led by X", "The purchasers include X".
BUYER_GROUP_NOUNS = frozenset({"buyer", "purchaser", "acquirer", "investor"})


def sold_to_unnamed_buyers(deal: Deal) -> bool:
    """A sale whose buyers its sentence does not name ("sold its unit to an investor group")."""
    return deal.type == "divestiture" and not deal.buyers


def joins_round(ctx, verb: Token) -> bool:
    """ "also invested", "joined the round", "took part in the financing" (not
    "also investing in AI": an object of its own is another investment)."""
    objects = common.prep_objects(verb, "in", "into")
    if any(o.lemma_.lower() not in ctx.lex.round_nouns for o in objects):
        return False
    if any(c.dep_ == "advmod" and c.lower_ == "also" for c in verb.children):
        return verb.lemma_.lower() != "take" or any(c.lower_ == "part" for c in verb.children)
    if verb.lemma_.lower() == "participate":
        return True  # "with existing investors X and Y participating"
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [pobj for prep in verb.children if prep.dep_ == "prep" for pobj in prep.children if pobj.dep_ == "pobj"]
    rounds = [o for o in objects if o.lemma_.lower() in ctx.lex.round_nouns]
    if verb.lemma_.lower() == "invest":
        # "Z invested $10 million in the round": a round already told, with no owner of
        # its own ("invested in the funding of W" is another deal)
        return any(
            o.lemma_.lower() == "round"
            and any(c.lower_ in ("the", "this", "that") for c in o.children)
            and not any(c.dep_ in ("poss", "prep") for c in o.children)
            for o in rounds
        )
    return bool(rounds)


def round_owner(ctx, frame: Frame, buyers: list[Span]) -> Optional[Span]:
    """Whose round a funding round with no named target is: the target of another
    deal in the sentence ("invest in Y, on top of the Series F round"), else the
    organisation the clause is about ("it secured $1 billion in a round"); never one of
    its ``buyers`` ("X led a round in Y" with Y unread: X leads, it does not raise).
    A round's possessor raises it ("X led Y's Series B round")."""
    rounds = [frame.trigger]
    if frame.trigger.dep_ == "compound":
        rounds.append(frame.trigger.head)  # "Y's Series B funding round"
    for child in (c for noun in rounds for c in noun.children):
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            party = party_names.party_of(ctx, child, depth=0)
            if party is not None and not any(common.same_party(party[0], buyer) for buyer in buyers):
                return party[0]
    for other in frame.siblings:
        for arg in other.args["target"]:
            party = party_names.party_of(ctx, arg, depth=0)
            if party is not None:
                return party[0]
    owner = antecedents.antecedent(ctx, frame.trigger)
    if owner is not None and any(common.same_party(owner, buyer) for buyer in buyers):
        return None
    return owner


def round_letter(span: Span) -> bool:
    """ "A" of "Series A": a round's name, never a party."""
    return (
        len(span) == 1 and span.start > 0 and ROUND_RE.fullmatch(span.doc[span.start - 1 : span.end].text) is not None
    )


def round_investors(ctx, frame: Frame) -> list[Token]:
    """ "the Series F round in May 2024 with Amazon": the parser often hangs the
    investors of a round noun on the verb of the clause; take an organisation after
    "with", "from" or "by" within a few words of the round, in the same clause."""
    trigger = frame.trigger
    sent = context.sent_of(ctx, trigger)
    end = min(trigger.i + ROUND_INVESTORS_WINDOW, sent.end)
    for token in trigger.doc[trigger.i + 1 : end]:
        if token.text in (",", ";", ":") or (token.i != trigger.i and framing.class_of(ctx, token) is not None):
            return []
        if token.lower_ in ("with", "from", "by") and token.i + 1 < sent.end:
            ent = context.ent_of(ctx, token.doc[token.i + 1])
            if ent is not None and ent.label_ in PARTY_LABELS:
                return [token.doc[token.i + 1]]
    return []


def round_label(text: str) -> Optional[str]:
    """The funding round a phrase names: "Series B", "Seed", "Pre-Seed" or "IPO"."""
    match = ROUND_RE.search(text)
    if match is None:
        return None
    if match.group(1):
        return f"Series {match.group(1).upper()}"
    if match.group(2):
        return "Pre-Seed" if match.group(2).lower() == "pre-seed" else "Seed"
    return "IPO"
