"""Arguments a verb frame's own dependency matches miss: control and raising, reduced relatives,
the counterparty of an agreement, objects the parser hung elsewhere."""

from __future__ import annotations

from spacy.tokens import Token

from . import context, party_names
from .common import (
    ADJACENT_OBJECT_GAP,
    SUBJECT_DEPS,
    SUBJECT_SHARING_DEPS,
    prep_objects,
)
from .context import Frame

BY_DOING_SHARES_SUBJECT = True  # A/B switch


def inherit_subject(ctx, frame: Frame) -> None:
    """A controlled verb takes its subject from the verb it hangs from:
    "X agreed to buy Y", "X is planning to invest", "X's plan to acquire Y"."""
    trigger = frame.trigger
    reduced = (
        trigger.dep_ == "acl"
        and trigger.tag_ == "VBN"
        and trigger.head.pos_ in ("PROPN", "NOUN")
        and not any(c.dep_ in ("aux", "auxpass") for c in trigger.children)
    )
    passive = any(child.dep_ == "auxpass" for child in trigger.children) or reduced
    relation = "passive-subject" if passive else "subject"
    subject_role = frame.cls.frame.get(relation)
    if trigger.pos_ not in ("VERB", "AUX") or subject_role is None or frame.args[subject_role]:
        return
    if reduced and subject_role == "target" and any(c.dep_ == "agent" for c in trigger.children):
        # "Y, acquired by X in 2019, ...": the participle describes its target
        frame.args["target"].append(trigger.head)
        frame.inherited = True
        frame.single_target = True
        return
    if any(child.dep_ in SUBJECT_DEPS for child in trigger.children):
        return
    if trigger.dep_ == "amod" and trigger.tag_ == "VBN" and trigger.head.dep_ in ("dobj", "attr"):
        # "X and Y have each committed billions to Z": the participle read as an
        # adjective of its object; the clause's subject is the trigger's
        subjects = [child for child in trigger.head.head.children if child.dep_ == "nsubj"]
        if subjects:
            frame.args[subject_role].extend(subjects)  # "NEW YORK (Agency) - X agreed": two read as subjects
            frame.inherited = True
        return
    token = trigger
    if (
        trigger.dep_ == "pcomp"
        and trigger.head.dep_ == "prep"
        and trigger.head.head.pos_ == "NOUN"
        and trigger.head.head.dep_ in ("dobj", "attr", "pobj", "nsubj")
    ):
        # "X has held talks about taking a stake in Y", "X's plan for buying Y": the
        # subject of the verb the noun depends on
        noun = trigger.head.head
        owners = [c for c in noun.children if c.dep_ == "poss"]
        verb = noun.head if noun.dep_ != "pobj" else noun.head.head
        subjects = owners or ([c for c in verb.children if c.dep_ == "nsubj"] if noun.dep_ != "nsubj" else [])
        if subjects:
            frame.args[subject_role].extend(subjects)
            frame.inherited = True
        return
    head_role = frame.cls.frame.get("relative-head")  # "Y, which X bought"
    while token.dep_ in SUBJECT_SHARING_DEPS | {"acl", "relcl"} and token.head.i != token.i:
        head = token.head
        by_doing = token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX")
        if BY_DOING_SHARES_SUBJECT and by_doing:
            head = head.head  # "X grew its holding by buying Y": the verb the preposition is on
        # "a deal to buy Y" parsed as a relative clause: an infinitive, no relative
        relative = token.dep_ == "relcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        if relative and head_role is not None and not frame.args[head_role]:
            frame.args[head_role].append(head)
        if token.dep_ in ("acl", "relcl"):
            owners = [child for child in head.children if child.dep_ == "poss"]
            if owners:
                frame.args[subject_role].append(owners[0])
                frame.inherited = True
                return
            if relative or head.dep_ not in ("dobj", "attr", "pobj"):
                return
            offerers = (
                prep_objects(head, "from") + prep_objects(head, "by")
                if head.lemma_.lower() in ctx.lex.deal_nouns
                else []
            )
            if offerers:
                # "Y's directors accepted a proposal from X to buy Y": the one who offers
                # buys, not the one who approves
                frame.args[subject_role].extend(offerers)
                frame.inherited = True
                return
            # "X has advanced talks to invest in Y": the noun's own verb has the subject
            token = head.head if head.dep_ != "pobj" else head.head.head
            for _ in range(2):  # "approved a letter of intent to acquire Y"
                if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in ("dobj", "pobj", "attr"):
                    break
                token = token.head if token.dep_ != "pobj" else token.head.head
            subjects = [child for child in token.children if child.dep_ == "nsubj"]
            if subjects:
                frame.args[subject_role].extend(subjects)  # "NEW YORK (Agency) - X agreed": two read as subjects
                frame.inherited = True
            return
        subjects = [child for child in head.children if child.dep_ == "nsubj"]
        if by_doing:
            subjects = sorted(subjects, key=lambda s: abs(s.i - head.i))[:1]  # the verb's own, nearest
        if not subjects and token.dep_ == "xcomp":
            # "Y is set / expected to be bought by X", "X was forced to sell Y": the
            # passive subject of the raising verb is the controlled verb's subject
            subjects = [child for child in head.children if child.dep_ == "nsubjpass"]
        if not subjects and token.dep_ == "xcomp":
            subjects = reported_subject(ctx, head)
        if subjects:
            frame.args[subject_role].extend(subjects)  # "NEW YORK (Agency) - X agreed": two read as subjects
            frame.inherited = True
            return
        token = head


# Nouns of a signed or reached agreement whose "with" party is the other side of the deal.
AGREEMENT_NOUNS = frozenset({"agreement", "letter", "intent", "pact", "contract", "accord", "understanding"})


def counterparty_with(ctx, frame: Frame) -> None:
    """ "X signed a letter of intent with Y for the sale of its Z business", "X reached an
    agreement with Y to sell Z": a sale under an agreement made with Y is a sale to Y."""
    trigger = frame.trigger
    if not frame.cls.seller_side or frame.args["buyer"]:
        return
    node, agreement = trigger, None
    for _ in range(5):
        if node.head.i == node.i:
            break
        node = node.head
        if node.lemma_.lower() in AGREEMENT_NOUNS:
            agreement = node
        if node.pos_ in ("VERB", "AUX"):
            if agreement is None:
                # "signed a letter of intent with Y for the sale": both hang on the verb
                agreement = next(
                    (c for c in node.children if c.dep_ == "dobj" and c.lemma_.lower() in AGREEMENT_NOUNS), None
                )
            break
    if agreement is None:
        return
    for holder in (agreement, agreement.head, node):
        parties = [p for p in prep_objects(holder, "with") if party_names.party_of(ctx, p, depth=0) is not None]
        if parties:
            frame.args["buyer"].extend(parties)
            frame.inherited = True
            return


def reported_subject(ctx, verb: Token) -> list[Token]:
    """The subject a reported verb lost to the parser: "X said its unit Y Corp, agreed to
    buy Z" reads Y as the object of "said" and leaves "agreed" without a subject."""
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children) or verb.dep_ != "ccomp":
        return []
    reporting = verb.head
    if reporting.lemma_.lower() not in ctx.lex.reporting_verbs:
        return []
    return [
        c
        for c in reporting.children
        if c.dep_ == "dobj" and c.i < verb.i and party_names.party_of(ctx, c, depth=0) is not None
    ]


def adjacent_object(ctx, frame: Frame) -> None:
    """ "X said it acquired <Systems 4 Inc> of Durango": when the parse gives a verb
    no object, an organisation right after it is the object."""
    trigger = frame.trigger
    role = frame.cls.frame.get("object")
    if trigger.pos_ != "VERB" or role is None:
        return
    if any(party_names.party_of(ctx, arg, depth=0) is not None for arg in frame.args[role]):
        return
    doc = trigger.doc
    i = trigger.i + 1
    while (
        i < len(doc)
        and i <= trigger.i + ADJACENT_OBJECT_GAP
        and (doc[i].is_space or doc[i].text in ("<", "(", '"') or doc[i].pos_ == "DET")
    ):
        i += 1
    ent = context.ent_of(ctx, doc[i]) if i < len(doc) else None
    if ent is not None and ent.label_ == "ORG" and ent.start == i:
        frame.args[role].append(doc[i])


def holding_in_sibling(ctx, frame: Frame) -> None:
    """ "a tender offer for up to 3 mln shares in Y", "bought 250,000 convertible preference
    shares in <Y Inc>": the parser hangs "in Y" on the trigger instead of on the holding noun; Y is
    the target."""
    trigger = frame.trigger
    holdings = frame.args["target"]
    if not holdings or any(party_names.party_of(ctx, arg, depth=0) is not None for arg in holdings):
        return
    if not all(arg.lemma_.lower() in ctx.lex.holding_nouns for arg in holdings):
        return
    last = max(arg.i for arg in holdings)
    for prep in trigger.children:
        if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i > last:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and party_names.party_of(ctx, pobj, depth=0) is not None:
                    frame.args["target"].append(pobj)
                    return


def seller_deep_in_asset(ctx, frame: Frame) -> None:
    """ "completed the acquisition of assets of the regional gas utility from X",
    "bought the assets of its pipeline unit from X": the parser hangs "from X" on a
    noun inside the asset phrase; X is the seller."""
    trigger = frame.trigger
    role = frame.cls.frame.get("from-party-under-asset")
    if role is None or frame.args[role]:
        return
    if trigger.pos_ == "VERB":
        assets = [c for c in trigger.children if c.dep_ == "dobj"]
    else:
        assets = prep_objects(trigger, "of")
    for asset in assets:
        if asset.lemma_.lower() not in ctx.lex.unit_nouns:
            continue
        for prep in asset.subtree:
            if prep.dep_ != "prep" or prep.lower_ != "from" or prep.head.i == asset.i:
                continue  # "from" right under the asset is the declared slots' to read
            node = prep.head
            while node.i != asset.i and node.pos_ in ("NOUN", "PROPN", "ADP") and node.dep_ in ("pobj", "prep"):
                node = node.head
            if node.i == asset.i:
                frame.args[role].extend(pobj for pobj in prep.children if pobj.dep_ == "pobj")
                return


def shifted_object(ctx, frame: Frame) -> None:
    """ "offered to acquire, through a wholly owned unit, all shares of Y": the object
    after a parenthetical phrase, which the parser hangs on that phrase's noun; "acquired
    for 8 mln dlrs the assets of Y": the object after the price (a heavy object shifted
    past it), which the parser sets beside the amount."""
    trigger = frame.trigger
    role = frame.cls.frame.get("object")
    if trigger.pos_ != "VERB" or role is None or frame.args[role]:
        return
    if any(c.dep_ == "dobj" for c in trigger.children):
        return
    doc = trigger.doc
    i = trigger.i + 1
    if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].dep_ == "prep":
        for pobj in (c for c in doc[i + 1].children if c.dep_ == "pobj"):
            for shifted in pobj.children:
                if shifted.dep_ == "appos" and shifted.i > pobj.i and doc[shifted.left_edge.i - 1].text == ",":
                    frame.args[role].append(shifted)
                    return
    elif i < len(doc) and doc[i].lower_ == "for" and doc[i].head.i == trigger.i:
        for pobj in (c for c in doc[i].children if c.dep_ == "pobj" and c.ent_type_ == "MONEY"):
            for shifted in pobj.children:
                if shifted.dep_ == "appos" and shifted.i > pobj.i and shifted.ent_type_ != "MONEY":
                    frame.args[role].append(shifted)
                    return


def dangling_for(ctx, frame: Frame) -> None:
    """ "its takeover offer for Spanish group Riberal SA had lapsed": when the parser
    leaves "for" without its object, the organisation right after it. Also "in Y" hung
    on the trigger instead of the holding before it (:func:`holding_in_sibling`)."""
    holding_in_sibling(ctx, frame)
    trigger = frame.trigger
    doc = trigger.doc
    for prep in trigger.children:
        role = frame.cls.frame.get(f"dangling-{prep.lower_}") if prep.dep_ == "prep" else None
        if role is None or any(c.dep_ == "pobj" for c in prep.children):
            continue
        if any(party_names.party_of(ctx, arg, depth=0) is not None for arg in frame.args[role]):
            return
        for i in range(prep.i + 1, min(prep.i + 6, len(doc))):
            ent = context.ent_of(ctx, doc[i])
            if ent is not None and ent.label_ == "ORG" and ent.start == i:
                frame.args[role].append(ent.root)
                return
            if doc[i].pos_ not in ("ADJ", "NOUN", "DET", "PROPN") or (ent is not None and ent.label_ != "NORP"):
                return  # only descriptive words ("Spanish group") may come between


# Holding nouns that stand for a company's own shares when no owner is named with them.
SHARE_NOUNS = frozenset({"share", "shares", "stock"})


def shares_of_the_speaker(ctx, frame: Frame) -> None:
    """ "Y said its chairman P has sold 1.8 mln common shares to X", "Y said P had bought
    900,000 shares": shares with no owner named, bought or sold by another party in a
    company's statement, are the shares of the company that speaks (the target)."""
    trigger = frame.trigger
    targets = frame.args["target"]
    if trigger.pos_ != "VERB" or not targets or frame.cls.merger or frame.cls.funding_round:
        return
    for arg in targets:
        if arg.lemma_.lower() not in SHARE_NOUNS or ctx.index.ent_at[arg.i] is not None:
            return
        if any(
            c.dep_ in ("poss", "compound", "prep", "conj", "appos", "relcl", "acl") or c.pos_ == "PROPN"
            for c in arg.children
        ):
            return  # an owner, or words that may name one ("shares of Y", "Y shares", "shares, or 5 pct of Y")
    doc = trigger.doc
    if any(
        prep.dep_ == "prep"
        and prep.lower_ in ("in", "of", "for")
        and any(t.ent_type_ == "ORG" for t in doc[prep.i + 1 : min(prep.right_edge.i + 1, prep.i + 8)])
        for prep in trigger.children
    ):
        return  # "bought 2 mln shares, or 4 pct, in Y": the parser hung the owner on the verb
    node, speaker = trigger, None
    for _ in range(3):
        if node.dep_ not in ("ccomp", "conj", "xcomp") or node.head.i == node.i:
            break
        node = node.head
        if node.lemma_.lower() in ctx.lex.reporting_verbs:
            speaker = next((c for c in node.children if c.dep_ == "nsubj"), None)
            break
    if speaker is None or (ent := ctx.index.ent_at[speaker.i]) is None or ent.label_ != "ORG":
        return
    actors = [a for role in ("buyer", "seller") for a in frame.args[role]]
    if not actors or any(a.lower_ in ctx.lex.pronouns or ctx.index.ent_at[a.i] is ent for a in actors):
        return  # "Y said it bought 50,000 shares": whose shares is not told
    frame.args["target"] = [speaker]
