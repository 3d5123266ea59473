"""Parties the frame's slots missed: a name the parser cut off from its preposition by the
"<" that marks it ("its offer for <Y Ltd>"), the person who heads a group that buys ("an
investor group he heads offered to buy Y"), the company a clause makes the target a unit
of ("the merger agreement making Y a unit of X"), and the owner of an unnamed asset a
stake of which changes hands ("sell 25 pct of a Canadian plant to Z")."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from . import kinds
from .common import PERSON_PRONOUNS, SUBJECT_DEPS, prep_objects
from .context import Frame
from .party_names import party_of

# The slot a preposition of a verb or a noun trigger fills ("dangling" when the parser
# gave the preposition no object of its own).
VERB_PREP_SLOTS = {
    "to": "to-buyer",
    "by": "passive-agent",
    "from": "from-party",
    "for": "for-target",
    "with": "with-partner",
    "into": "into-survivor",
    "in": "in-target",
}
NOUN_PREP_SLOTS = {
    "to": "noun-to-buyer",
    "by": "by-party",
    "from": "noun-from-party",
    "for": "noun-for-target",
    "with": "noun-with-party",
    "into": "noun-into-survivor",
    "in": "noun-in-target",
    "of": "of-target",
}
# Nouns whose "of" phrase names the company they belong to ("the capital stock of <Y>").
MARK = "<"


def marked_names(ctx, frame: Frame) -> None:
    """ "its offer for <Y Ltd>", "sold interests in two blocks to <Z Ltd>", "the assets of
    <Y Inc>": Reuters marks unlisted companies with angle brackets, and the parser takes
    the "<" for the preposition's object (or leaves the preposition without one) and
    starts a new clause at the name. The name right after the "<" is the object."""
    doc = frame.trigger.doc
    for role, args in frame.args.items():
        for k, arg in enumerate(args):
            name = marked_name(ctx, arg.i) if arg.text == MARK else None
            if name is None and role == "target" and arg.pos_ == "NOUN" and party_of(ctx, arg, 0) is None:
                # "the capital stock of <Y>": what the part is of (when the part's own
                # phrase gives no party)
                name = next(
                    (
                        found
                        for part in [arg, *arg.conjuncts]
                        for prep in part.children
                        if prep.dep_ == "prep" and prep.lower_ in ("of", "in")
                        for obj in prep.children
                        if obj.text == MARK and (found := marked_name(ctx, obj.i)) is not None
                    ),
                    None,
                )
                if name is not None and not (
                    arg.lemma_.lower() in ctx.lex.holding_nouns or arg.lemma_.lower() in ctx.lex.unit_nouns
                ):
                    name = None
            if name is not None and name not in args:
                args[k] = name
    trigger = frame.trigger
    slots = NOUN_PREP_SLOTS if trigger.pos_ in ("NOUN", "PROPN") else VERB_PREP_SLOTS
    for prep in trigger.children:
        if prep.dep_ not in ("prep", "agent", "dative") or prep.i + 2 >= len(doc) or doc[prep.i + 1].text != MARK:
            continue
        if any(c.dep_ == "pobj" and c.text != MARK for c in prep.children):
            continue
        role = frame.cls.frame.get(slots.get(prep.lower_, ""))
        name = marked_name(ctx, prep.i + 1)
        if role is None or name is None or name in frame.args[role]:
            continue
        frame.args[role] = [a for a in frame.args[role] if a.text != MARK] + [name]


def marked_name(ctx, mark: int):
    """The root of the organisation or person named right after the "<" at ``mark``."""
    if mark + 1 >= len(ctx.index.ent_at):
        return None
    ent = ctx.index.ent_at[mark + 1]
    if ent is None or ent.start != mark + 1 or ent.label_ not in ("ORG", "PERSON"):
        return None
    return ent.root


def buyer_after_object(ctx, frame: Frame) -> None:
    """ "agreed to sell 14 lending offices to <Z FSB>", "to sell seven cable systems,
    representing 5,000 subscribers, to <Z>": a seller's verb with no buyer, whose "to"
    phrase the parser cut off at the "<" or hung on a participle describing the sale; the
    party right after "to" (just after the object, or under that participle) buys."""
    trigger = frame.trigger
    if trigger.pos_ != "VERB" or frame.args["buyer"] or frame.cls.frame.get("to-buyer") != "buyer":
        return
    doc = trigger.doc
    for clause in trigger.children:
        if clause.dep_ in ("advcl", "acl") and clause.tag_ == "VBG" and clause.i > trigger.i:
            for prep in clause.children:
                if prep.dep_ == "prep" and prep.lower_ == "to":
                    named = [o for o in prep.children if o.dep_ == "pobj" and is_org(ctx, o)]
                    if not named and prep.i + 1 < len(doc) and doc[prep.i + 1].text == MARK:
                        named = [n for n in [marked_name(ctx, prep.i + 1)] if n is not None]
                    if named:
                        frame.args["buyer"].append(named[0])
                        return
    for obj in trigger.children:
        if obj.dep_ != "dobj":
            continue
        after = obj.right_edge.i + 1
        if after + 2 < len(doc) and doc[after].lower_ == "to" and doc[after + 1].text == MARK:
            name = marked_name(ctx, after + 1)
            if name is not None:
                frame.args["buyer"].append(name)
                return


def bid_read_as_subject(ctx, frame: Frame) -> None:
    """ "X said it will make a takeover offer to acquire all shares of Y": the parser made
    the bid noun the subject of "to acquire"; the bidder is the subject of the verb that
    makes the bid."""
    trigger = frame.trigger
    role = frame.cls.frame.get("subject")
    if trigger.pos_ != "VERB" or role != "buyer" or len(frame.args[role]) != 1:
        return
    arg = frame.args[role][0]
    lemma = arg.lemma_.lower()
    if (
        arg.dep_ != "nsubj"
        or arg.pos_ != "NOUN"
        or not any(c.offer and lemma in c.nouns for c in ctx.lex.classes.values())
    ):
        return  # a bid noun only ("the sale is expected to raise": no party)
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return
    verb = trigger.head
    if verb.i == trigger.i or verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in ctx.lex.reporting_verbs:
        return
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        frame.args[role] = [subject]


def of_phrase_on_party(ctx, frame: Frame) -> None:
    """ "closed the sale to Z of Y's 50 pct interest in W", "will complete the sale to Z of
    its rail line": with the buyer named before the "of" phrase, the parser hangs "of" on
    the buyer's name; a holding, unit or asset after it (never a place: "Z Co of
    Michigan") is what the deal noun is of."""
    trigger = frame.trigger
    role = frame.cls.frame.get("of-target")
    if trigger.pos_ != "NOUN" or role is None or frame.args[role]:
        return
    owned = ctx.lex.ownership_nouns
    for party_role in ("buyer", "seller"):
        for arg in frame.args[party_role]:
            if arg.head.i != arg.i and arg.head.head.i != trigger.i:
                continue  # a party of the noun's own phrase ("to Z")
            for obj in prep_objects(arg, "of"):
                if obj.pos_ == "NOUN" and obj.i > arg.i and (obj.lemma_.lower() in owned or obj.lower_ in owned):
                    frame.args[role].append(obj)
                    return


def head_of_group(ctx, frame: Frame) -> None:
    """ "X said an investor group he heads has offered to buy Y", "a group X controls
    bought 12 pct of Y": a group noun described by a clause of leading or controlling
    whose subject is a person or company (the group being the clause's object) stands for
    that subject, who buys (persons who invest are buyers)."""
    for role in ("buyer", "seller"):
        args = frame.args[role]
        for k, arg in enumerate(args):
            leader = group_leader(ctx, arg)
            if leader is not None and leader not in args:
                args[k] = leader


def group_leader(ctx, noun: Token):
    lex = ctx.lex
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex.group_nouns or ctx.index.ent_at[noun.i] is not None:
        return None
    for clause in noun.children:
        if clause.dep_ != "relcl" or clause.lemma_.lower() not in lex.group_links or clause.i < noun.i:
            continue
        children = list(clause.children)
        if any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in children):
            continue  # "a group which owns Y": the group is the subject
        if any(c.tag_ in ("WDT", "WP") and c.dep_ in SUBJECT_DEPS for c in children):
            continue
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        ent = ctx.index.ent_at[subject.i]
        if subject.lower_ in PERSON_PRONOUNS or (ent is not None and ent.label_ in ("PERSON", "ORG")):
            return subject
    return None


# Nouns by which a company is made part of another ("a wholly owned unit of X").
PART_NOUNS = frozenset({"subsidiary", "unit", "division", "part", "affiliate"})
# Complements of "make" that hold what the object is made ("making Y a unit of X").
MADE_DEPS = ("ccomp", "oprd", "xcomp", "attr", "dobj")


def made_unit_of(ctx, frame: Frame) -> None:
    """ "holders approved the merger agreement making Y a wholly owned unit of X", "the
    transaction, which makes Y a subsidiary of X": a deal noun with no parties, whose
    clause of making turns Y into a part of X: X takes Y over."""
    trigger = frame.trigger
    if trigger.pos_ not in ("NOUN", "PROPN") or not frame.cls.takeover or frame.args["target"]:
        return
    if frame.args["buyer"] and not frame.inherited:
        return
    noun = trigger.head if trigger.dep_ == "compound" else trigger
    for clause in noun.children:
        if clause.dep_ not in ("acl", "relcl") or clause.lemma_.lower() != "make":
            continue
        for part in clause.children:
            if part.dep_ not in MADE_DEPS or part.lemma_.lower() not in PART_NOUNS:
                continue
            owners = [o for o in prep_objects(part, "of") if is_org(ctx, o)]
            # the company made a part: the part noun's subject, or the name between the
            # verb and the part noun, whatever the parser made of it
            made = [c for c in part.children if c.dep_ == "nsubj"] + [
                c for c in clause.children if c is not part and clause.i < c.i < part.i
            ]
            made = [m for m in made if is_org(ctx, m)]
            if owners and made:
                frame.args["buyer"] = owners[:1]
                frame.args["target"] = made[:1]
                frame.inherited = False
                return


def is_org(ctx, token: Token) -> bool:
    ent = ctx.index.ent_at[token.i]
    return ent is not None and ent.label_ == "ORG"


def stake_in_asset(ctx, frame: Frame) -> Optional[str]:
    """ "X plans to sell 25 pct of a Canadian aluminium plant to Z", "X sold a 30 pct
    interest in its Texas refinery": a stake of an asset no name identifies is a stake in
    the seller's asset (not "its interest in the property": an asset told before, maybe
    another's), and a "to" phrase the parser hung on the asset names the buyer.
    An asset with no owner of its own ("a plant") is the seller's: the seller becomes the
    frame's target, and the asset's words are returned for the deal's unit (the target
    written "<seller>'s <asset>")."""
    if not frame.cls.seller_side or frame.cls.holding or len(frame.args["seller"]) != 1:
        return None
    lex = ctx.lex
    targets = frame.args["target"]
    for k, arg in enumerate(targets):
        if arg.lemma_.lower() not in lex.holding_nouns and arg.lower_ not in lex.holding_nouns:
            continue
        assets = [
            o
            for o in prep_objects(arg, "of", "in")
            if o.lemma_.lower() in lex.unit_nouns
            and o.pos_ == "NOUN"
            and not any(t.ent_type_ in ("ORG", "PERSON") for t in o.doc[o.left_edge.i : o.i])
            and not any(c.dep_ == "det" and c.lower_ not in ("a", "an") for c in o.children)
        ]
        if not assets:
            continue
        asset = assets[0]
        if not frame.args["buyer"] and frame.cls.frame.get("noun-to-buyer") == "buyer":
            buyers = [o for o in prep_objects(asset, "to") if is_org(ctx, o)]
            frame.args["buyer"].extend(buyers[:1])
        if any(c.dep_ == "poss" for c in asset.children):
            return None  # "its refinery", "Y's plant": the phrase names the owner
        words = kinds.unit_words(ctx, asset)
        if words is None:
            return None
        targets[k] = frame.args["seller"][0]
        return words
    return None
