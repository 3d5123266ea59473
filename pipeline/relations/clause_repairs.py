"""Parties a frame takes from the clause around it: a bracketed participle, a second verb
sharing the object, a heading's "X to buy Y", the owner of the assets bought, a number
standing for units, "Y became a subsidiary of X"."""

from __future__ import annotations

from . import context
from .common import (
    SUBJECT_DEPS,
    prep_objects,
)
from .context import Frame


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
