"""Trigger words -> frames: dependency matches, trigger classes, and frames joined into the deal they state."""

from __future__ import annotations

from typing import Optional

from spacy.attrs import LEMMA, POS
from spacy.tokens import Doc, Token

from ..speedups.depmatcher import DependencyTree
from . import common, context, funding, slots
from .common import (
    ANNOUNCING_VERBS,
    NEGOTIATION_WORDS,
    ROLES,
    ROUND_RE,
    SAME_DEAL_DEPS,
    SUBJECT_DEPS,
    TRIGGER_POS,
    prep_objects,
)
from .context import Frame
from .lexicon import TriggerClass


def headlines_too(ctx, trigger: Token) -> bool:
    """Whether a trigger in a heading is read: on the second pass, in a heading not
    written in capitals."""
    if not ctx.headlines:
        return False
    sent = context.sent_of(ctx, trigger)
    letters = [c for c in sent.text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) < 0.6 * len(letters)


def find_frames(ctx, doc: Doc) -> list[Frame]:
    frames: dict[int, Frame] = {}
    # one call over the whole document: parse trees do not cross sentences, and
    # sentences without a trigger word match nothing (cheaper than a call per sentence)
    # the matcher uses the index's tree (one tree per Doc for both)
    index = ctx.index
    ctx.lex.matcher.tree_for = lambda d: index.tree if d is index.doc else DependencyTree(d)
    try:
        matches = ctx.lex.matcher(doc)
    finally:
        ctx.lex.matcher.tree_for = None
    for match_id, token_ids in matches:
        key = doc.vocab.strings[match_id]
        trigger = doc[token_ids[0]]
        arg = doc[token_ids[-1]]
        cls = class_of(ctx, trigger)
        if cls is None or ctx.index.headline[trigger.i] and not headlines_too(ctx, trigger):
            continue
        role = cls.frame.get(key)
        if role is None:
            continue
        frame = frames.setdefault(trigger.i, Frame(trigger, cls))
        if arg not in frame.args[role]:
            frame.args[role].append(arg)
    for i in trigger_words(ctx, doc):
        if i not in frames:
            cls = class_of(ctx, doc[i])
            if cls is not None and (not ctx.index.headline[i] or headlines_too(ctx, doc[i])):
                frames[i] = Frame(doc[i], cls)
    for frame in frames.values():
        if frame.trigger.pos_ in ("NOUN", "PROPN") and not frame.args["buyer"] and frame.cls.takeover:
            # "the PCP acquisition of Titan Corp": the name before the noun is the
            # buyer when an "of" phrase names the target
            compounds = [a for a in frame.args["target"] if a.dep_ == "compound" and a.head.i == frame.trigger.i]
            if compounds and any(a.dep_ == "pobj" and a.head.lower_ == "of" for a in frame.args["target"]):
                frame.args["buyer"] = compounds
                frame.args["target"] = [a for a in frame.args["target"] if a not in compounds]
        if frame.cls.funding_round and frame.trigger.pos_ == "NOUN" and not frame.args["buyer"]:
            frame.args["buyer"] = funding.round_investors(ctx, frame)
        if frame.cls.merger:
            # "a merger of equals between A and B": "equals" names no company; "between" does
            equals = [a for a in frame.args["target"] if a.lower_ == "equals"]
            frame.args["target"] = [a for a in frame.args["target"] if a.lower_ != "equals"] + [
                obj for a in equals for obj in prep_objects(a, "between")
            ]
        bracketed_participle(ctx, frame)
        successor_by_merger(ctx, frame)
        possessor_taken_over(frame)
        shared_object(ctx, frame)
        slots.adjacent_object(ctx, frame)
        slots.shifted_object(ctx, frame)
        slots.seller_deep_in_asset(ctx, frame)
        slots.dangling_for(ctx, frame)
        slots.inherit_subject(ctx, frame)
        slots.talks_partner(ctx, frame)
        slots.round_leader(ctx, frame)
        slots.offer_received(ctx, frame)
        slots.counterparty_with(ctx, frame)
        slots.inherit_noun_subject(ctx, frame)
        name_before_to(ctx, frame)
        became_subsidiary(ctx, frame)
        taken_over_by_next(ctx, frame)
        agent_on_active_verb(ctx, frame)
        merger_into_of_speaker(ctx, frame)
        buyer_on_governing_verb(ctx, frame)
        count_of_units(ctx, frame)
        held_company_after_of(ctx, frame)
        takeover_fended_off(ctx, frame)
        shares_taken_under_offer(ctx, frame)
        owned_by_seller(ctx, frame)
        amount_before_bracket(ctx, frame)
        sale_talks_partner(ctx, frame)
    for frame in frames.values():
        deal_noun_compound(ctx, frame, frames)
        merger_agreement_with(ctx, frame, frames)
        for role in ("buyer", "seller"):
            frame.args[role] = [arg for arg in frame.args[role] if not expletive_it(arg)]
    for i in sorted(frames, reverse=True):
        if i not in frames:
            continue  # dropped by a frame after it (came_with_the_deal)
        frame = frames[i]
        parent = frames.get(frame.trigger.head.i)
        parent = parent or governing_frame(ctx, frame.trigger, frames) or offer_of_purpose(frame.trigger, frames)
        if parent is not None and came_with_the_deal(parent, frame):
            # "equipment acquired in the acquisition of Y": the noun states the deal
            del frames[parent.trigger.i]
            continue
        holding_after = False
        if parent is None and frame.trigger.dep_ == "relcl" and frame.cls.holding:
            # "sold a 9.5% stake in Y, which reduces its holding to 20.5%": the holding
            # after the same deal (its stake only; the holder is no new party)
            parent = next((frames[a.i] for a in frame.trigger.ancestors if a.i in frames), None)
            holding_after = parent is not None
        same = (
            parent is not None
            and parent.trigger.i != frame.trigger.head.i
            or frame.trigger.dep_ in SAME_DEAL_DEPS
            or (frame.trigger.dep_ == "dobj" and frame.trigger.pos_ == "NOUN")
            or (
                frame.trigger.dep_ in ("acl", "relcl")
                and any(c.lower_ == "to" and c.dep_ == "aux" for c in frame.trigger.children)
            )
        )
        if holding_after:
            parent.absorbed.append(frame.trigger)
            del frames[i]
            continue
        if same and parent is not None and parent is not frame:
            # "X invested $5 million in the round": a round noun under an investing verb
            # climbed to that verb's subject for its company; the subject invests
            taken = (
                {arg.i for args in parent.args.values() for arg in args}
                if frame.cls.funding_round and not parent.cls.funding_round
                else set()
            )
            for role in ROLES:
                parent.args[role] += [
                    arg for arg in frame.args[role] if arg not in parent.args[role] and arg.i not in taken
                ]
            parent.absorbed.append(frame.trigger)
            del frames[i]
    ordered = [frames[i] for i in sorted(frames)]
    for frame in ordered:
        company_of_round(ctx, frame)
    ordered = [
        frame
        for frame in ordered
        if not spent_on_own_assets(ctx, frame)
        and not goods_bought(ctx, frame)
        and not sells_itself(frame)
        and not sells_products(frame)
        and not raises_a_fund(ctx, frame)
        and not public_money(frame)
    ]
    by_sentence: dict[int, list[Frame]] = {}
    for frame in ordered:
        by_sentence.setdefault(context.sent_of(ctx, frame.trigger).start, []).append(frame)
    for frame in ordered:
        frame.siblings = [
            other for other in by_sentence[context.sent_of(ctx, frame.trigger).start] if other is not frame
        ]
    return ordered


def bracketed_participle(ctx, frame: Frame) -> None:
    """ "A Inc., B Corp. (acquired by X in 2011) and C": a participle in brackets with
    its agent describes the name just before the bracket, whatever noun of the list
    the parser hung it on."""
    trigger = frame.trigger
    if (
        trigger.tag_ != "VBN"
        or frame.args["target"]
        or frame.cls.frame.get("passive-subject") != "target"
        or not any(c.dep_ == "agent" for c in trigger.children)
    ):
        return
    doc = trigger.doc
    i = trigger.i - 1
    while i > 0 and doc[i].pos_ == "ADV":  # "(later acquired by X)"
        i -= 1
    if i < 1 or doc[i].text != "(":
        return
    before = doc[i - 1]
    ent = ctx.index.ent_at[before.i]
    if ent is not None and ent.label_ == "ORG" and ent.end == before.i + 1:
        name = ent.root
    elif ent is None and before.pos_ == "PROPN":
        name = before
    else:
        return
    if any(c.dep_ in SUBJECT_DEPS for c in trigger.children):
        return  # the bracket holds a clause of its own
    frame.args["target"].append(name)
    frame.inherited = True
    frame.single_target = True


# Verbs of trade joined to "sell" ("to make, market and sell Kyprolis") and nouns of
# goods a company sells ("its products are sold to retailers"): selling in trade, no deal.
COMMERCE_VERBS = frozenset(
    {"market", "distribute", "manufacture", "make", "produce", "develop", "promote", "commercialize", "commercialise"}
)
PRODUCT_NOUNS = frozenset({"product", "goods", "merchandise", "item", "drug", "device", "service", "ticket"})


def sells_products(frame: Frame) -> bool:
    """ "expenses incurred to sell and market Kyprolis", "the products are sold to department
    stores": selling goods in trade, no change of ownership of a company."""
    verb = frame.trigger
    if not frame.cls.seller_side or verb.pos_ != "VERB" or frame.cls.holding:
        return False
    doc = verb.doc
    # "to sell and market Z", "make, market and sell Z": a verb of trade right beside it
    beside = [doc[k] for k in (verb.i - 2, verb.i + 2) if 0 <= k < len(doc)]
    links = [doc[k] for k in (verb.i - 1, verb.i + 1) if 0 <= k < len(doc)]
    if any(w.lower_ in COMMERCE_VERBS for w in beside) and any(w.lower_ in ("and", "or", ",") for w in links):
        return True
    targets = frame.args["target"]
    if any(t.ent_type_ == "ORG" or t.lemma_.lower() in ("stake", "interest", "share", "business") for t in targets):
        return False
    joined = [c for c in verb.children if c.dep_ == "conj"] + ([verb.head] if verb.dep_ == "conj" else [])
    if any(v.lemma_.lower() in COMMERCE_VERBS for v in joined):
        return True
    return bool(targets) and all(t.pos_ == "NOUN" and t.lemma_.lower() in PRODUCT_NOUNS for t in targets)


# Words of a fund a firm raises from its own investors ("raised $4.5 billion for its fourth
# fund") and the descriptors of a firm that raises such funds ("venture capital firm X").
FUND_NOUNS = frozenset({"fund", "funds", "vehicle", "vintage"})
FUND_MANAGERS = (
    "venture capital firm",
    "private equity firm",
    "investment firm",
    "venture firm",
    "buyout firm",
    "asset manager",
    "investment manager",
    "fund manager",
    "hedge fund",
)


PUBLIC_FUNDERS = frozenset({"government", "federal", "state", "public", "council", "municipal", "taxpayer"})


def public_money(frame: Frame) -> bool:
    """ "received $20 million in government funding", "won $5 million of federal funding":
    public money a company receives is a grant, no equity round (unless an investor is named)."""
    verb = frame.trigger
    if not frame.cls.funding_round or verb.pos_ != "VERB" or frame.args["buyer"]:
        return False
    nouns = [pobj for obj in verb.children if obj.dep_ == "dobj" for pobj in prep_objects(obj, "in", "of")] + [
        obj for obj in verb.children if obj.dep_ == "dobj"
    ]
    return any(
        noun.lemma_.lower() in ("funding", "financing", "support", "money")
        and any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in PUBLIC_FUNDERS for c in noun.children)
        for noun in nouns
    )


def raises_a_fund(ctx, frame: Frame) -> bool:
    """ "X has raised $4.5 billion for its fourth crypto fund", "closed its third fund at
    $1.2 billion", "venture capital firm X is raising $10 billion": an investment firm
    raising money from its own backers, no deal (unless a round or an investor is named)."""
    verb = frame.trigger
    if not frame.cls.funding_round or verb.pos_ != "VERB" or frame.args["buyer"]:
        return False
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in FUND_NOUNS:
            return True
        if child.dep_ == "prep" and child.lower_ == "for":
            if any(o.dep_ == "pobj" and o.lemma_.lower() in FUND_NOUNS for o in child.children):
                return True
    sent = context.sent_of(ctx, verb)
    if ROUND_RE.search(sent.text) or any(t.lemma_.lower() == "round" for t in sent):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] + [
        c for c in verb.head.children if c.dep_ == "nsubj" and verb.dep_ in ("xcomp", "conj")
    ]
    doc = verb.doc
    for subject in subjects:
        words = doc[max(subject.left_edge.i - 1, 0) : subject.i].text.lower()
        if any(manager in words for manager in FUND_MANAGERS):
            return True
    return False


def sells_itself(frame: Frame) -> bool:
    """ "pushed it to sell itself", "the board put the company up for sale": a company
    that sells itself to no named buyer seeks a buyer; no deal (a strategic review)."""
    targets = frame.args["target"]
    return (
        frame.cls.seller_side
        and bool(targets)
        and all(t.lower_ in ("itself", "themselves", "herself", "himself") for t in targets)
        and not frame.args["buyer"]
    )


def goods_bought(ctx, frame: Frame) -> bool:
    """ "X bought $20 million of equipment from Y", "bought 2 million barrels of oil": an
    amount or a quantity of goods is a purchase of products, no deal; an amount of
    shares, stock or assets ("bought $20 million of its shares from Y") is one."""
    if frame.trigger.pos_ != "VERB" or not frame.cls.takeover or frame.cls.merger:
        return False
    objects = [c for c in frame.trigger.children if c.dep_ == "dobj"]
    if len(objects) != 1 or objects[0].ent_type_ not in ("MONEY", "QUANTITY", "CARDINAL"):
        return False
    goods = prep_objects(objects[0], "of")
    return bool(goods) and all(
        g.pos_ == "NOUN" and g.ent_type_ == "" and g.lemma_.lower() not in ctx.lex.ownership_nouns for g in goods
    )


def spent_on_own_assets(ctx, frame: Frame) -> bool:
    """ "X invested $200 million in its factories", "poured $2 billion into its new
    plant": money a company puts into its own plants or units, named by "its", is
    capital spending, no deal (unless the unit is named: "in its subsidiary Y")."""
    if frame.cls.funding_round or not frame.cls.may_name_round or not frame.args["target"]:
        return False
    own = [
        arg
        for arg in frame.args["target"]
        if arg.pos_ == "NOUN"
        and arg.lemma_.lower() in ctx.lex.unit_nouns
        and any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in arg.children)
        and not any(c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in arg.children)
    ]
    named = [arg for arg in frame.args["target"] if arg.ent_type_ not in ("MONEY", "CARDINAL")]
    return bool(own) and len(own) == len(named)


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


def successor_by_merger(ctx, frame: Frame) -> None:
    """ "X, as successor by merger to Y", "X, the successor by merger of Y" (a filing's
    formula): X absorbed Y in a merger."""
    trigger = frame.trigger
    prep = trigger.head
    successor = prep.head
    if (
        not frame.cls.merger
        or trigger.dep_ != "pobj"
        or prep.lower_ != "by"
        or successor.lemma_.lower() != "successor"
        or frame.args["buyer"]
    ):
        return
    merged = prep_objects(successor, "to", "of")
    if not merged and not frame.args["target"]:
        return
    doc = trigger.doc
    if successor.dep_ == "appos":
        survivor = successor.head
    else:
        i = successor.left_edge.i - 1  # "X, as successor": the name before "as" (and a comma)
        if i >= 0 and doc[i].lower_ == "as":
            i -= 1
        if i >= 0 and doc[i].text == ",":
            i -= 1
        ent = ctx.index.ent_at[i] if i >= 0 else None
        if ent is None or ent.label_ != "ORG" or ent.end != i + 1:
            return
        # a word of the name joined to no other name ("among A and B, as successor ...")
        survivor = next((t for t in reversed(ent) if not t.conjuncts), ent.root)
    frame.args["buyer"].append(survivor)
    frame.args["target"].extend(t for t in merged if t not in frame.args["target"])


def possessor_taken_over(frame: Frame) -> None:
    """ "Y's takeover by X", "Y's sale to X was cleared": with the buyer named after "by"
    (or "to"), the possessor is the company taken over, not the buyer."""
    trigger = frame.trigger
    if trigger.pos_ != "NOUN":
        return
    owner_role = frame.cls.frame.get("possessor")
    if owner_role not in ("buyer", "seller"):
        return
    owners = [c for c in trigger.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
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
    if not named:
        return
    frame.args[owner_role] = [a for a in frame.args[owner_role] if a not in owners]
    frame.args["target"].extend(owners)
    for obj in named:
        if obj not in frame.args["buyer"]:
            frame.args["buyer"].append(obj)


def shared_object(ctx, frame: Frame) -> None:
    """ "X acquired and integrated Y", "X bought and later merged Y into Z": a trigger verb
    joined to a second verb before their one object takes that object; when the parser
    reads the object as a conjunct of the trigger itself (a name joined to a verb), the
    name is the object all the same."""
    trigger = frame.trigger
    role = frame.cls.frame.get("object")
    if trigger.pos_ != "VERB" or role is None or frame.args[role]:
        return
    children = list(trigger.children)
    if any(c.dep_ in ("dobj", "auxpass", "nsubjpass") for c in children):
        return
    if not any(c.dep_ == "cc" and c.i > trigger.i for c in children):
        return
    for conj in children:
        if conj.dep_ != "conj" or conj.i <= trigger.i:
            continue
        if conj.pos_ == "VERB" and not any(c.dep_ in SUBJECT_DEPS for c in conj.children):
            objects = [c for c in conj.children if c.dep_ == "dobj"]
        elif conj.pos_ == "PROPN" and (ent := ctx.index.ent_at[conj.i]) is not None and ent.label_ == "ORG":
            objects = [conj]
        else:
            objects = []
        if objects:
            frame.args[role].extend(objects)
            return


def _merger_noun_on_deal_noun(ctx, frame: Frame, frames: dict[int, Frame], role: str | None) -> bool:
    """The frame is a merger noun with no parties of its own that only qualifies a deal
    noun of no frame ("a merger deal", "a merger agreement"), and its class has ``role``."""
    trigger = frame.trigger
    head = trigger.head
    return (
        frame.cls.merger
        and trigger.pos_ == "NOUN"
        and trigger.dep_ == "compound"
        and head.i not in frames
        and head.lemma_.lower() in ctx.lex.deal_nouns
        and role is not None
        and not any(frame.args.values())
    )


def deal_noun_compound(ctx, frame: Frame, frames: dict[int, Frame]) -> None:
    """ "A and B announced a merger deal", "A and B signed a merger agreement": a merger
    noun that only qualifies a deal noun ("deal", "agreement", "transaction") takes the
    two companies the governing verb's subject joins. Only a joined subject: "X signed
    a merger agreement with Y" leaves open which of the two is taken over."""
    head = frame.trigger.head
    role = frame.cls.frame.get("possessor")
    if not _merger_noun_on_deal_noun(ctx, frame, frames, role) or head.dep_ != "dobj":
        return
    verb = head.head
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "prep" for c in head.children if c.lower_ == "with"):
        return
    if verb.lemma_ in ctx.lex.reporting_verbs and verb.lemma_ not in ANNOUNCING_VERBS:
        return  # "X said the merger deal ...": X only reports
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and any(c.dep_ == "conj" for c in subject.children):
        frame.args[role].append(subject)
        frame.inherited = True


def merger_agreement_with(ctx, frame: Frame, frames: dict[int, Frame]) -> None:
    """ "X said it has reached a preliminary merger agreement with Y", "X entered into a
    merger agreement with Y": a merger noun that only qualifies an agreement made with Y;
    the company that makes it is the merger's first party (as in "X agreed to merge with
    Y"), Y the second."""
    head = frame.trigger.head
    role = frame.cls.frame.get("subject")
    if not _merger_noun_on_deal_noun(ctx, frame, frames, role):
        return
    partners = [
        o
        for o in prep_objects(head, "with")
        if (ent := ctx.index.ent_at[o.i]) is not None and ent.label_ == "ORG" or o.lower_ in ctx.lex.pronouns
    ]
    verb = head.head
    if head.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head  # "entered into a merger agreement with Y"
    if not partners or head.dep_ not in ("dobj", "pobj") or verb.pos_ not in ("VERB", "AUX"):
        return
    if verb.lemma_ in ctx.lex.reporting_verbs and verb.lemma_ not in ANNOUNCING_VERBS:
        return
    subjects = [
        c
        for c in verb.children
        if c.dep_ == "nsubj"
        and not any(p.dep_ == "conj" for p in c.children)
        and ((ent := ctx.index.ent_at[c.i]) is not None and ent.label_ == "ORG" or c.lower_ in ctx.lex.pronouns)
    ]
    if subjects:
        frame.args[role].extend(subjects[:1])
        frame.args["target"].extend(partners)
        frame.inherited = True


def trigger_words(ctx, doc: Doc) -> list[int]:
    """Positions of the nouns, proper nouns and verbs whose lemma (lower-cased) is a
    trigger word: the only tokens ``class_of`` can give a class (read from the
    Doc's columns, without a Token object for every word)."""
    strings, lemmas = ctx.lex.vocab.strings, ctx.lex.trigger_lemmas
    columns = doc.to_array([POS, LEMMA]).tolist()
    return [i for i, (pos, lemma) in enumerate(columns) if pos in TRIGGER_POS and strings[lemma].lower() in lemmas]


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


def owned_by_seller(ctx, frame: Frame) -> None:
    """ "X completed its acquisition of 650 video centers previously owned by Y", "bought
    the stores operated by Y": the owner named by the participle that describes what is
    bought is the seller (and, for unnamed assets, the target's owner)."""
    if frame.cls.frame.get("from-party") != "seller" or frame.args["seller"]:
        return
    for arg in frame.args["target"]:
        if ctx.index.ent_at[arg.i] is not None:
            continue
        for clause in arg.children:
            if clause.dep_ != "acl" or clause.tag_ != "VBN" or clause.lemma_.lower() not in ("own", "hold", "operate"):
                continue
            owners = [
                o
                for agent in clause.children
                if agent.dep_ == "agent"
                for o in agent.children
                if o.dep_ == "pobj" and (ent := ctx.index.ent_at[o.i]) is not None and ent.label_ == "ORG"
            ]
            if owners:
                frame.args["seller"].append(owners[0])
                return


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


def count_of_units(ctx, frame: Frame) -> None:
    """ "X sold three of its retail stores to Z": the number stands for the units of its
    "of" phrase, which are what is sold (units only, not goods: "sell 20 of the planes";
    a number with its own names in apposition keeps them: "two of its stations, A and B")."""
    targets = frame.args["target"]
    for k, arg in enumerate(targets):
        if arg.tag_ != "CD" or arg.dep_ not in ("dobj", "nsubjpass", "pobj"):
            continue
        if any(c.dep_ == "appos" for c in arg.children):
            continue
        units = [o for prep in arg.children if prep.lower_ == "of" for o in prep.children if o.dep_ == "pobj"]
        owned = ctx.lex.unit_nouns | ctx.lex.ownership_nouns | ctx.lex.anaphora_nouns
        if not units or units[0].tag_ != "NNS" or units[0].lemma_.lower() not in owned:
            continue
        doc, after = arg.doc, units[0].i + 1
        if after + 1 < len(doc) and doc[after].text == "," and doc[after + 1].pos_ == "PROPN":
            continue  # the units named after a comma: the number's reading names them
        targets[k] = units[0]


def merger_into_of_speaker(ctx, frame: Frame) -> None:
    """ "Y said shareholders approved a merger into X", "Y expects a meeting to consider the
    proposed merger into X": a merger noun that names only the company it merges into; the
    company merging is the one whose holders act (their possessor), else the one that
    speaks (the subject of the reporting verb above), never the holders or the meeting."""
    trigger = frame.trigger
    if (
        trigger.pos_ != "NOUN"
        or not frame.cls.merger
        or not frame.args["survivor"]
        or frame.args["target"]
        or any(ctx.index.ent_at[a.i] is not None or a.lower_ in ctx.lex.pronouns for a in frame.args["buyer"])
    ):
        return
    company = None
    for node in trigger.ancestors:
        for child in node.children:
            if child.dep_ in SUBJECT_DEPS and child.lemma_.lower() in ctx.lex.member_nouns:
                # "its shareholders", "the board of Y": the holders' company
                company = next((c for c in child.children if c.dep_ == "poss"), None)
                company = company or next(iter(prep_objects(child, "of")), None)
            elif child.dep_ == "nsubj" and node.lemma_.lower() in ctx.lex.reporting_verbs and company is None:
                ent = ctx.index.ent_at[child.i]
                if (ent is not None and ent.label_ == "ORG") or child.lower_ in ctx.lex.pronouns:
                    company = child
        if company is not None:
            break
    if company is not None and company not in frame.args["survivor"]:
        frame.args["buyer"] = [company]


def became_subsidiary(ctx, frame: Frame) -> None:
    """ "As a result of the Merger, Y became a wholly owned subsidiary of X", "following
    the acquisition, Y became a unit of X": a deal noun with no parties of its own, and a
    clause of its sentence that makes Y part of X, name the target and the buyer."""
    trigger = frame.trigger
    if trigger.pos_ not in ("NOUN", "PROPN") or not frame.cls.takeover or any(frame.args.values()):
        return
    for token in context.sent_of(ctx, trigger):
        if token.lemma_.lower() != "become" or token.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in token.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
        before = ctx.index.ent_at[token.i - 1] if token.i > 0 else None
        if not subjects and before is not None and before.label_ == "ORG":
            subjects = [before.root]  # the name the parser hung on the deal noun before it
        owners = [
            obj
            for attr in token.children
            if attr.dep_ == "attr" and attr.lemma_.lower() in ("subsidiary", "unit", "division", "part")
            for obj in prep_objects(attr, "of")
            if obj.pos_ == "PROPN"
        ]
        if subjects and owners:
            frame.args["buyer"].append(owners[0])
            frame.args["target"].append(subjects[0])
            return


def name_before_to(ctx, frame: Frame) -> None:
    """ "Rocket Homes to Acquire Truemark for $1.2B", "Harlow to sell Brisco unit": a
    heading's name followed by "to" and a trigger verb, which the parser makes the root
    with the verb as its clause; the name is the verb's subject."""
    trigger = frame.trigger
    role = frame.cls.frame.get("subject")
    head = trigger.head
    if (
        role is None
        or frame.args[role]
        or trigger.pos_ != "VERB"
        or trigger.dep_ not in ("acl", "relcl")
        or head.dep_ != "ROOT"
        or head.pos_ != "PROPN"
        or not any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
        or any(c.dep_ in SUBJECT_DEPS for c in trigger.children)
    ):
        return
    ent = ctx.index.ent_at[head.i]
    if ent is not None and ent.label_ == "ORG":
        frame.args[role].append(head)


def expletive_it(token: Token) -> bool:
    """ "With the acquisition of Y, it was determined that ...", "it is likely that": an
    "it" that only opens a clause stands for no company."""
    if token.lower_ != "it" or token.dep_ not in SUBJECT_DEPS:
        return False
    head = token.head
    clauses = [c for c in head.children if c.dep_ == "ccomp" and c.i > head.i]
    if token.dep_ == "nsubjpass":
        return bool(clauses)
    if head.lemma_ != "be":
        return False
    return bool(clauses) or any(c.dep_ == "acomp" and any(g.dep_ == "ccomp" for g in c.children) for c in head.children)


def came_with_the_deal(parent: Frame, frame: Frame) -> bool:
    """ "the equipment acquired in the 2012 acquisition of Y", "trademarks acquired with
    the Y acquisition": a participle of acquiring that describes a noun (no subject, no
    object of its own) and whose prepositional phrase is a takeover noun with its own
    target tells what came with that deal: the noun states the deal, the participle none."""
    trigger, verb = frame.trigger, parent.trigger
    return (
        verb.pos_ == "VERB"
        and parent.cls.takeover
        and frame.cls.takeover
        and not frame.cls.merger
        and trigger.pos_ == "NOUN"
        and trigger.dep_ == "pobj"
        and trigger.head.lower_ in ("in", "with", "through")
        and trigger.head.head.i == verb.i
        and bool(frame.args["target"])
        and (verb.tag_ == "VBN" or verb.dep_ == "acl")
        and verb.dep_ in ("acl", "relcl")
        and not any(c.dep_ in SUBJECT_DEPS or c.dep_ == "dobj" for c in verb.children)
    )


def governing_frame(ctx, trigger: Token, frames: dict[int, Frame]) -> Optional[Frame]:
    """The trigger a noun trigger belongs to: "secured $1 billion in a Series F
    investment round" (a round in a prepositional phrase of the verb; the
    "investment" modifying "round")."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    node = trigger
    if node.dep_ == "compound" and node.head.i in frames:
        return frames[node.head.i]
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        verb = node.head.head
        if verb.ent_type_ == "MONEY" and verb.dep_ == "dobj":
            verb = verb.head  # "raised $30 million in a Series B round": hung on the amount
        if (
            verb.i in frames
            and verb.pos_ in ("VERB", "AUX")
            and node.head.lower_ in ("in", "as", "through", "under", "via")
        ):
            return frames[verb.i]
    return None


def class_of(ctx, token: Token) -> Optional[TriggerClass]:
    """The trigger class of a token, checking each class's own requirement."""
    ent = ctx.index.ent_at[token.i]
    if ent is not None and ent.label_ == "ORG" and len(ent) > 1:
        return None  # "General Acquisition Inc", "Merger Sub LLC": a name, not a deal
    lemma = token.lemma_.lower()
    is_verb = token.pos_ in ("VERB", "AUX")
    for cls in ctx.lex.classes.values():
        words = cls.verbs if is_verb else cls.nouns
        if lemma not in words:
            continue
        if is_verb and lemma not in cls.plain_verbs and not has_particle(token, dict(cls.phrasal).get(lemma, ())):
            continue  # "snapped up", "take over", "take Y private"; not "snapped", "take"
        if is_verb and lemma in cls.passive_verbs and not in_passive(token):
            continue  # "Y, sought for years by X"; not "X is seeking a buyer"
        if (
            cls.requires_object
            and is_verb
            and not any(
                (
                    child.lemma_.lower() in cls.requires_object
                    or child.lower_ in cls.requires_object
                    or (child.ent_type_ and child.ent_type_ in cls.requires_object)
                )
                and not (cls.funding_round and invests_in(child))
                or cls.requires_money_or_round
                and child.pos_ == "PROPN"
                and ROUND_RE.search(token.doc[child.left_edge.i : child.i + 1].text)
                is not None  # "closed a $14m Series A"
                for child in token.children
                if child.dep_ in ("dobj", "nsubjpass", "attr")
            )
        ):
            continue
        if (
            is_verb
            and cls.may_name_round
            and not cls.funding_round
            and any(c.dep_ == "dobj" and c.lemma_.lower() in ctx.lex.deal_nouns for c in token.children)
        ):
            continue  # "to fund its takeover of Y", "backed the merger": the noun states the deal
        if (
            cls.requires_modifier
            and not is_verb
            and not any(
                t.lemma_.lower() in cls.requires_modifier or t.text in cls.requires_modifier
                for t in token.subtree
                if t.i != token.i and abs(t.i - token.i) <= 4
            )
        ):
            continue
        return cls
    return None


def in_passive(verb: Token) -> bool:
    """ "is being sought by X", "Y, sought for years by X": a passive verb or participle."""
    return any(c.dep_ == "auxpass" for c in verb.children) or (
        verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)
    )


def has_particle(verb: Token, words) -> bool:
    """Whether a phrasal trigger's particle or complement follows the verb: "snapped up"
    (prt), "take over", "take the company private" (a complement of the verb or of its
    object)."""
    if not words:
        return False
    for child in verb.children:
        if child.i > verb.i and child.lower_ in words:
            return True
        if child.dep_ in ("dobj", "nsubjpass") and any(
            g.i > verb.i and g.lower_ in words and g.dep_ not in ("compound", "amod") for g in child.children
        ):
            return True
    nxt = verb.i + 1
    return nxt < len(verb.doc) and verb.doc[nxt].lower_ in words


def offer_of_purpose(trigger: Token, frames: dict[int, Frame]) -> Optional[Frame]:
    """ "X made a $900 million offer to acquire Y": the purpose clause hangs from the
    verb; the offer noun that verb governs is the deal it states."""
    if trigger.dep_ not in ("advcl", "xcomp") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children
    ):
        return None
    return next(
        (frames[c.i] for c in trigger.head.children if c.dep_ == "dobj" and c.i in frames and c.i < trigger.i), None
    )


def invests_in(noun: Token) -> bool:
    """ "closes C$40 million investment in Y": the subject invests; it raises nothing."""
    return noun.lemma_.lower() == "investment" and any(
        c.dep_ == "prep" and c.lower_ in ("in", "into") for c in noun.children
    )
