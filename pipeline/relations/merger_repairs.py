"""Parties of a merger noun that names none of its own: a filing's "successor by merger", "a
merger agreement with Y", "a merger deal" of a joined subject, "a merger into X" of the
company that speaks."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .common import (
    ANNOUNCING_VERBS,
    SUBJECT_DEPS,
    prep_objects,
)
from .context import Frame


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
    two companies the governing verb's subject joins ("A and B said they reached a merger
    agreement": the joined subject "they" stands for). Only a joined subject: "X signed
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
    if subject is not None and subject.lower_ == "they" and verb.dep_ == "ccomp":
        # "A and B said they reached a merger agreement": the joined subject of the
        # reporting verb the clause hangs from
        reporting = verb.head
        if reporting.lemma_ in ctx.lex.reporting_verbs:
            subject = next((c for c in reporting.children if c.dep_ == "nsubj" and c.i < subject.i), None)
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
        return
    company, holders = members_company(ctx, verb)
    if company is not None and role == "buyer":
        # "Y shareholders approved a merger agreement with X": the holders of the company
        # taken over vote on its merger, X takes Y over; "X's board approved a merger
        # agreement with Y": the board acts for X, as X would
        frame.args["buyer"].extend(partners if holders else [company])
        frame.args["target"].extend([company] if holders else partners)
        frame.inherited = True


HOLDER_NOUNS = frozenset({"shareholder", "stockholder", "holder"})


def members_company(ctx, verb: Token) -> tuple[Optional[Token], bool]:
    """The company whose members (shareholders, board, directors) are the subject of
    ``verb`` ("Y shareholders", "Y's board", "its stockholders", "the directors of Y"; none
    for a joined subject), and whether they are its shareholders."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if (
        subject is None
        or subject.lemma_.lower() not in ctx.lex.member_nouns
        or any(c.dep_ == "conj" for c in subject.children)
    ):
        return None, False
    holders = subject.lemma_.lower() in HOLDER_NOUNS
    for child in subject.children:
        if child.dep_ == "poss" and (child.lower_ in ctx.lex.pronouns or ctx.index.ent_at[child.i] is not None):
            return child, holders
        if child.dep_ == "compound" and (ent := ctx.index.ent_at[child.i]) is not None and ent.label_ == "ORG":
            return child, holders
    owners = [
        o for o in prep_objects(subject, "of") if (ent := ctx.index.ent_at[o.i]) is not None and ent.label_ == "ORG"
    ]
    return (owners[0] if owners else None), holders


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


PLAN_OF_MERGER_WITH = True  # A/B switch
PLAN_NOUNS = frozenset({"agreement", "plan"})


def plan_of_merger_with(ctx, frame: Frame) -> None:
    """ "X signed a plan of merger with Y", "an agreement of merger with Y": a
    merger noun in the "of" phrase of an agreement or plan made with Y (the parser hangs
    "with" on the agreement); Y is the other party."""
    trigger = frame.trigger
    role = frame.cls.frame.get("with-partner")
    prep = trigger.head
    if (
        not PLAN_OF_MERGER_WITH
        or not frame.cls.merger
        or role is None
        or frame.args[role]
        or trigger.dep_ != "pobj"
        or prep.lower_ != "of"
        or prep.head.lemma_.lower() not in PLAN_NOUNS
    ):
        return
    plan = prep.head
    partners = [
        o
        for noun in [plan, *plan.conjuncts]
        if noun.lemma_.lower() in PLAN_NOUNS
        for o in prep_objects(noun, "with")
        if (ent := ctx.index.ent_at[o.i]) is not None and ent.label_ == "ORG"
    ]
    if not partners:
        return
    frame.args[role].extend(partners[:1])
    buyer_role = frame.cls.frame.get("subject")
    if buyer_role is None or frame.args[buyer_role]:
        return
    node = plan.head if plan.dep_ == "conj" else plan
    verb = node.head.head if node.dep_ == "pobj" and node.head.dep_ == "prep" else node.head
    if node.dep_ in ("dobj", "pobj") and verb.pos_ in ("VERB", "AUX") and verb.lemma_ not in ctx.lex.reporting_verbs:
        # "X entered into a plan of merger with Y": the one who makes it
        frame.args[buyer_role].extend(c for c in verb.children if c.dep_ == "nsubj")
        frame.inherited = True


MERGERS_WITH_EACH = True  # A/B switch


def mergers_with_each(ctx, frame: Frame) -> list[Frame]:
    """ "X signed a plan of merger with Y and its affiliate, Z", "X agreed to merge with Y
    and Z": a party that merges with a list merges with each of them (not the first of
    the list with the second, as in "the merger of Y and Z"). The frame keeps the first
    partner; one more frame per other partner."""
    role = frame.cls.frame.get("with-partner")
    targets = frame.args["target"]
    if (
        not MERGERS_WITH_EACH
        or not frame.cls.merger
        or role != "target"
        or not frame.args["buyer"]
        or frame.args["survivor"]
        or len(targets) != 1
        or targets[0].dep_ != "pobj"
        or targets[0].head.lower_ != "with"
    ):
        return []
    partners = [
        c
        for c in targets[0].children
        if c.dep_ == "conj"
        and (
            (ent := ctx.index.ent_at[c.i]) is not None
            and ent.label_ == "ORG"
            or any(
                (e := ctx.index.ent_at[a.i]) is not None and e.label_ == "ORG" for a in c.children if a.dep_ == "appos"
            )
        )
    ]
    if not partners:
        return []
    frame.single_target = True
    others = []
    for partner in partners:
        other = Frame(frame.trigger, frame.cls, inherited=frame.inherited, single_target=True)
        for key, args in frame.args.items():
            other.args[key] = list(args) if key != "target" else [partner]
        others.append(other)
    return others
