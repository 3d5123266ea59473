"""Trigger words -> frames: dependency matches, trigger classes, and frames joined into the deal they state."""

from __future__ import annotations

from typing import Optional

from spacy.attrs import LEMMA, POS
from spacy.tokens import Doc, Token

from ..speedups.depmatcher import DependencyTree
from . import clause_repairs, context, frame_filters, funding, merger_repairs, noun_repairs, noun_slots, slots
from .common import (
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
        clause_repairs.bracketed_participle(ctx, frame)
        clause_repairs.preps_on_participle(ctx, frame)
        clause_repairs.price_before_of(ctx, frame)
        clause_repairs.named_as(ctx, frame)
        clause_repairs.amount_of_holding(ctx, frame)
        merger_repairs.successor_by_merger(ctx, frame)
        merger_repairs.plan_of_merger_with(ctx, frame)
        noun_repairs.possessor_taken_over(ctx, frame)
        clause_repairs.shared_object(ctx, frame)
        slots.adjacent_object(ctx, frame)
        slots.shifted_object(ctx, frame)
        slots.seller_deep_in_asset(ctx, frame)
        slots.dangling_for(ctx, frame)
        slots.shares_of_the_speaker(ctx, frame)
        slots.inherit_subject(ctx, frame)
        noun_slots.talks_partner(ctx, frame)
        noun_slots.round_leader(ctx, frame)
        noun_slots.offer_received(ctx, frame)
        slots.counterparty_with(ctx, frame)
        noun_slots.inherit_noun_subject(ctx, frame)
        clause_repairs.name_before_to(ctx, frame)
        clause_repairs.became_subsidiary(ctx, frame)
        noun_repairs.taken_over_by_next(ctx, frame)
        noun_repairs.agent_on_active_verb(ctx, frame)
        merger_repairs.merger_into_of_speaker(ctx, frame)
        noun_repairs.buyer_on_governing_verb(ctx, frame)
        noun_repairs.members_of_the_speaker(ctx, frame)
        noun_repairs.target_on_light_verb(ctx, frame)
        clause_repairs.count_of_units(ctx, frame)
        noun_repairs.held_company_after_of(ctx, frame)
        noun_repairs.takeover_fended_off(ctx, frame)
        noun_repairs.shares_taken_under_offer(ctx, frame)
        clause_repairs.owned_by_seller(ctx, frame)
        clause_repairs.holding_of_the_means(ctx, frame)
        clause_repairs.reported_results_of(ctx, frame)
        noun_repairs.amount_before_bracket(ctx, frame)
        noun_repairs.sale_talks_partner(ctx, frame)
    for frame in frames.values():
        merger_repairs.deal_noun_compound(ctx, frame, frames)
        merger_repairs.merger_agreement_with(ctx, frame, frames)
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
    ordered = [split for frame in ordered for split in [frame, *merger_repairs.mergers_with_each(ctx, frame)]]
    for frame in ordered:
        noun_repairs.company_of_round(ctx, frame)
    ordered = [
        frame
        for frame in ordered
        if not frame_filters.spent_on_own_assets(ctx, frame)
        and not frame_filters.goods_bought(ctx, frame)
        and not frame_filters.sells_itself(frame)
        and not frame_filters.sells_products(frame)
        and not frame_filters.raises_a_fund(ctx, frame)
        and not frame_filters.public_money(frame)
    ]
    by_sentence: dict[int, list[Frame]] = {}
    for frame in ordered:
        by_sentence.setdefault(context.sent_of(ctx, frame.trigger).start, []).append(frame)
    for frame in ordered:
        frame.siblings = [
            other for other in by_sentence[context.sent_of(ctx, frame.trigger).start] if other is not frame
        ]
    return ordered


def trigger_words(ctx, doc: Doc) -> list[int]:
    """Positions of the nouns, proper nouns and verbs whose lemma (lower-cased) is a
    trigger word: the only tokens ``class_of`` can give a class (read from the
    Doc's columns, without a Token object for every word)."""
    strings, lemmas = ctx.lex.vocab.strings, ctx.lex.trigger_lemmas
    columns = doc.to_array([POS, LEMMA]).tolist()
    return [i for i, (pos, lemma) in enumerate(columns) if pos in TRIGGER_POS and strings[lemma].lower() in lemmas]


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
    # "its pending $71.50 per share buyout by X": a deal noun the tagger read as a verb
    is_verb = token.pos_ in ("VERB", "AUX") and not noun_repairs.noun_tagged_verb(ctx, token)
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
                t.lemma_.lower() in cls.requires_modifier
                or t.text in cls.requires_modifier
                # an entity type, on a direct dependent: "led a $9 million round in Y"
                or (t.ent_type_ in cls.requires_modifier and t.head.i == token.i)
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
