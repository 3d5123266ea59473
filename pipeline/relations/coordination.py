"""Several parties in one slot: lists, groups and consortia, partners, prepositions hung on the wrong word."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from . import antecedents, common, context, kinds, party_names
from .common import MEMBER_PREPS, MEMBER_VERBS, MISATTACHED_STOPS, MISATTACHED_WINDOW, MISLABELLED_NAMES, PARTY_LABELS
from .context import Frame

# A/B switch for the names helper's list rules of issue 17 (on in production).
MEMBER_LISTS = True


def appos_list(ctx, token: Token) -> list[tuple[Span, Optional[Span]]]:
    """ "acquired A Inc, B Co and C Corp" parsed as A with the apposition "B Co and
    C Corp": a name set beside a name, itself joined to more names, is a list."""
    ent = context.ent_of(ctx, token)
    if ent is None or ent.label_ not in PARTY_LABELS:
        return []
    found = []
    for child in token.children:
        if child.dep_ != "appos" or child.pos_ != "PROPN" or not child.conjuncts:
            continue
        members = []
        for member in [child, *child.conjuncts]:
            other = context.ent_of(ctx, member)
            if (
                other is not None
                and other.label_ in PARTY_LABELS
                and other != ent
                and not antecedents.non_party(ctx, other)
            ):
                members.append((other, None))
        if len(members) == len(child.conjuncts) + 1:  # every item a name ("a Minas Gerais, Brazil, concern" is none)
            found += members
    return found


def collapsed_list(ctx, token: Token) -> list[tuple[Span, Optional[Span]]]:
    """ "by Schmiedecke Capital and Herrera Ventures" parsed as one noun phrase (the first
    name a modifier of the last): each name joined by "and" or a comma before the
    head is a party of its own."""
    start = token.left_edge.i
    if start >= token.i or not any(t.pos_ == "CCONJ" for t in token.doc[start : token.i]):
        return []
    ents = [
        ent
        for ent in context.ents_within(ctx, token, start, token.i + 1)
        if ent.label_ in PARTY_LABELS or ent.label_ in MISLABELLED_NAMES and ent.root.pos_ == "PROPN"
    ]
    if len(ents) < 2 or ents[-1].end != token.i + 1:
        return []
    doc = token.doc
    for left, right in zip(ents, ents[1:]):
        if not described_conjunct(doc[left.end : right.start]):
            return []
    return [(as_org(ent), None) for ent in ents if not antecedents.non_party(ctx, ent)]


def described_conjunct(between: Span) -> bool:
    """The words between two names of a collapsed list: "and", a comma, then words that
    describe the next name ("Dutch bakery X and Belgian confectioner Y": "and Belgian
    confectioner")."""
    joined = described = False
    for t in between:
        if t.pos_ in ("CCONJ", "PUNCT") and not described:
            joined = True
        elif joined and (t.pos_ in ("ADJ", "NOUN", "DET") or t.ent_type_ == "NORP"):
            described = True
        else:
            return False
    return joined


def as_org(ent: Span) -> Span:
    """A name the model gave a product's or building's label, as an organisation."""
    if ent.label_ in MISLABELLED_NAMES:
        return Span(ent.doc, ent.start, ent.end, label="ORG")
    return ent


def partners(ctx, frame: Frame) -> list[Span]:
    """Co-buyers set beside the buyer: "X, together with Y, will acquire", "X, along
    with Y and Z, bought", "X and its partner Y"; on the buyer or on the trigger."""
    found: list[Span] = []
    heads = list(frame.args["buyer"]) + [frame.trigger]
    if MEMBER_LISTS and frame.trigger.dep_ == "xcomp" and frame.trigger.head.pos_ in ("VERB", "AUX"):
        heads.append(frame.trigger.head)  # "X, along with Y, agreed to buy Z": on the verb that controls it
    partnering = partnering_verb(frame.trigger)
    if partnering is not None:
        heads.append(partnering)
        # the subject of the joining verb buys too, however the parse hangs the purpose clause
        subjects = [c for c in partnering.children if c.dep_ == "nsubj"]
        if not subjects and partnering.dep_ == "acl" and partnering.head.pos_ == "PROPN":
            subjects = [partnering.head]  # "X partnered with Y to ..." parsed as a clause on X
        found += [span for span, _ in party_names.parties_of(ctx, subjects) if span.label_ in PARTY_LABELS]
    for head in heads:
        for child in head.children:
            preps = []
            if (child.dep_ == "advmod" or MEMBER_LISTS and child.dep_ == "prep") and child.lower_ in (
                "together",
                "along",
                "jointly",
            ):
                preps = [c for c in child.children if c.dep_ == "prep" and c.lower_ == "with"]
            elif child.dep_ == "prep" and child.lower_ in ("alongside",):
                preps = [child]
            elif child.dep_ == "prep" and child.lower_ == "with" and teamed_up_for(head, frame.trigger):
                preps = [child]  # "X teamed up with Y to bid for Z", "X joined forces with Y in a bid"
            elif (
                child.dep_ == "prep"
                and child.lower_ == "with"
                and any(
                    c.lower_ in ("together", "along") and c.i == child.i - 1 for c in head.doc[child.i - 1 : child.i]
                )
            ):
                preps = [child]
            if child.dep_ == "prep" and child.lower_ == "with":
                # "completed a buyout with backing from X": X buys alongside
                preps += [
                    source
                    for pobj in child.children
                    if pobj.dep_ == "pobj" and pobj.lemma_.lower() in ctx.lex.backing_nouns
                    for source in pobj.children
                    if source.dep_ == "prep" and source.lower_ in ("from", "of")
                ]
            for prep in preps:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and not owned_holding(ctx, pobj, head):
                        found += [
                            span for span, _ in party_names.parties_of(ctx, [pobj]) if span.label_ in PARTY_LABELS
                        ]
    return common.unique_parties(found)


def owned_holding(ctx, noun: Token, verb: Token) -> bool:
    """ "sell its food business together with its chemicals business to Y": a unit or a
    holding some party owns ("its", "the company's"), set beside the verb's own object of
    that kind, is more of what changes hands, no partner."""
    if not MEMBER_LISTS or noun.pos_ != "NOUN" or not any(c.dep_ == "poss" for c in noun.children):
        return False
    kinds = ctx.lex.unit_nouns | ctx.lex.holding_nouns
    return noun.lemma_.lower() in kinds and any(c.dep_ == "dobj" and c.lemma_.lower() in kinds for c in verb.children)


# Verbs by which buyers join for a deal: "teamed up with", "joined forces with", "partnered with".
PARTNERING_VERBS = frozenset({"team", "partner", "ally", "join", "pair"})


def partnering_verb(trigger: Token) -> Optional[Token]:
    """The verb of joining whose purpose the trigger states: "X teamed up with Y to bid
    for Z" (a clause of purpose), "X joined forces with Y in a bid for Z" (its "in")."""
    node = trigger
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in ("in", "for", "on"):
        node = node.head
    if node.dep_ not in ("advcl", "xcomp", "prep") or node.head.lemma_.lower() not in PARTNERING_VERBS:
        return None
    verb = node.head
    if verb.lemma_.lower() == "join" and not any(c.lower_ == "forces" for c in verb.children):
        return None  # "joined the board", "joined X's bid": not a partnership
    return verb


def teamed_up_for(head: Token, trigger: Token) -> bool:
    return partnering_verb(trigger) is not None and partnering_verb(trigger).i == head.i


# Arcs above the trigger where a party's preposition may hang.
MISATTACHED_ARCS = 3


def misattached(ctx, frame: Frame, prep_word: Optional[str]) -> list[Span]:
    """A party whose preposition the parser hung on the object or the amount instead
    of the trigger: "sold its unit to US firm Y" ("to" under "unit"), "acquired for
    27 mln dlrs by a partnership formed by A and B" ("by" under "dlrs"). The
    preposition stands after the trigger in its subtree, below no other verb; its
    object, else the first organisation or person within a few words."""
    if not prep_word:
        return []
    trigger = frame.trigger
    doc = trigger.doc
    for token in trigger.subtree:
        if token.i <= trigger.i or token.lower_ != prep_word:
            continue
        # "to buyout firm Y": the tagger read "to" and the noun after it as an infinitive
        misread = (
            token.dep_ == "aux"
            and token.head.i == token.i + 1
            and token.head.lemma_.lower() in ctx.lex.buyout_modifiers
        )
        if token.dep_ not in ("prep", "agent", "dative") and not misread:
            continue
        node, ok = (token.head.head if misread else token.head), True
        while node.i != trigger.i:
            unit = kinds.gerund_unit(ctx, node.head)
            # below no verb but the gerund of a misread unit ("benefits outsourcing business")
            if node.pos_ in ("VERB", "AUX") and not (unit is not None and unit.i == node.i + 1):
                ok = False
                break
            node = node.head
        if not ok:
            continue
        found = []
        for pobj in token.children:
            if pobj.dep_ == "pobj":
                found += [span for span, _ in party_names.parties_of(ctx, [pobj]) if span.label_ in PARTY_LABELS]
        if not found:
            for i in range(token.i + 1, min(token.i + 1 + MISATTACHED_WINDOW, len(doc))):
                if misread and i == token.i + 1:
                    continue
                if doc[i].lower_ in MISATTACHED_STOPS or doc[i].pos_ in ("VERB", "AUX"):
                    break
                ent = context.ent_of(ctx, doc[i])
                if (
                    ent is not None
                    and ent.start == i
                    and ent.label_ in PARTY_LABELS
                    and not antecedents.non_party(ctx, ent)
                ):
                    found.append(ent)
        if found:
            return common.unique_parties(found)
    # "scrapped its agreement to sell its unit, Y, to Z": hung on a verb above the trigger
    above = list(trigger.ancestors)[:MISATTACHED_ARCS]
    # ... or on a name the parser cut from its unit noun ("..., Marlow Towers, to Z")
    above += [c for node in above for c in node.children if c.dep_ in ("npadvmod", "appos") and c.i > trigger.i]
    for node in above:
        for token in node.children:
            if token.i > trigger.i and token.lower_ == prep_word and token.dep_ in ("prep", "dative"):
                found = [
                    span
                    for pobj in token.children
                    if pobj.dep_ == "pobj"
                    for span, _ in party_names.parties_of(ctx, [pobj])
                    if span.label_ in PARTY_LABELS
                ]
                if found:
                    return common.unique_parties(found)
    return []


def group_members(ctx, token: Token) -> list[Span]:
    """ "a partnership affiliated with X and Y", "an investor group led by X": the
    organisations and people named as its members."""
    members: list[Span] = []
    for child in token.children:
        # "a consortium of A, B and C", "investors including A, B and C", "a group
        # made up of A and B", "a group comprising A and B"
        preps = []
        if child.dep_ == "prep" and child.lower_ in MEMBER_PREPS:
            preps = [child]
        elif child.dep_ in ("acl", "relcl") and child.lemma_.lower() in MEMBER_VERBS:
            preps = [c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"]
        for prep in preps:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    for ent in list_members(ctx, pobj):
                        if ent not in members:
                            members.append(ent)
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in ctx.lex.group_links:
            # "which comprises X and Y": the members are the object
            objects = [c for c in child.children if c.dep_ == "dobj"]
            for obj in objects:
                for member in [obj, *obj.conjuncts]:
                    ent = context.ent_of(ctx, member)
                    if ent is not None and ent.label_ in PARTY_LABELS and ent not in members:
                        members.append(ent)
            for prep in child.children:
                # "led by X", "affiliated with X", "led by X and including Y and Z"
                if prep.dep_ in ("prep", "agent") and prep.lower_ in ("with", "by") + tuple(MEMBER_PREPS):
                    if not any(c.dep_ == "pobj" for c in prep.children):
                        # "a group led by Rainsford investor X said ...": the parser made X
                        # a second subject and left "by" without its object
                        for ent in names_after(ctx, prep):
                            if ent not in members:
                                members.append(ent)
                    for pobj in prep.children:
                        if pobj.dep_ != "pobj":
                            continue
                        for member in [pobj, *pobj.conjuncts]:
                            ent = context.ent_of(ctx, member)
                            if ent is None and member.pos_ == "NOUN":
                                # "led by its president, Ann Reyes": the person a title names
                                ent = next(
                                    (
                                        named
                                        for c in member.children
                                        if c.dep_ == "appos" and (named := context.ent_of(ctx, c)) is not None
                                    ),
                                    None,
                                )
                            if ent is not None and ent.label_ in PARTY_LABELS and ent not in members:
                                members.append(ent)
                            # "led by X that includes Y": the clause on the leader lists more
                            for clause in member.children:
                                if clause.dep_ == "relcl" and clause.lemma_.lower() in ctx.lex.group_links:
                                    for obj in (c for c in clause.children if c.dep_ == "dobj"):
                                        for more in [obj, *obj.conjuncts]:
                                            ent = context.ent_of(ctx, more)
                                            if ent is not None and ent.label_ in PARTY_LABELS and ent not in members:
                                                members.append(ent)
        if child.dep_ == "prep" and child.lower_ == "of" and not members:
            # "a group of affiliated investment firms led by A and B": the members are
            # named on the plural noun the group is "of"
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.tag_ in ("NNS", "NNPS") and pobj.lemma_.lower() in ctx.lex.group_nouns:
                    members.extend(m for m in group_members(ctx, pobj) if m not in members)
    if MEMBER_LISTS and not members:
        members = members_told_after(ctx, token)
    return members


# How many sentences after a group's own sentence its members may be listed.
MEMBERS_AFTER_SENTENCES = 2
# Verbs by which "the group" lists its members: "The group includes A, B and C".
LISTING_VERBS = frozenset({"include", "comprise", "consist"})


def members_told_after(ctx, token: Token) -> list[Span]:
    """ "An investor group bought 9 pct of Y. The group includes A, a trading house, and
    B, a private investor.": the members of a group its own sentence
    does not name, listed in one of the next sentences by "the <same noun>" as the subject
    of "include", "comprise" or "consist of"."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or lemma not in ctx.lex.group_nouns:
        return []
    if any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in token.children):
        return []  # the group first told ("a group", "an investor group"), not "the group" told again
    doc = token.doc
    sent = context.sent_of(ctx, token)
    for _ in range(MEMBERS_AFTER_SENTENCES):
        if sent.end >= len(doc):
            return []
        sent = context.sent_of(ctx, doc[sent.end])
        verb = sent.root
        if verb.lemma_.lower() not in LISTING_VERBS:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if (
            subject is None
            or subject.lemma_.lower() != lemma
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
        ):
            continue
        heads = [c for c in verb.children if c.dep_ == "dobj"]
        heads += [
            p for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"
        ]
        return common.unique_parties([ent for head in heads for ent in list_members(ctx, head)])
    return []


# How many words after a dangling "by" a member's name may start ("led by Far Hills,
# N.J., investor X").
DANGLING_MEMBER_WINDOW = 8


def names_after(ctx, prep: Token) -> list[Span]:
    """The parties right after a preposition the parser left without its object, past
    places and descriptive words, and those joined to the first by "and"."""
    doc = prep.doc
    # not bounded by the parsed sentence: a misparse may start a "sentence" at the name
    end = min(prep.i + 1 + DANGLING_MEMBER_WINDOW, len(doc))
    found: list[Span] = []
    i = prep.i + 1
    while i < end:
        token = doc[i]
        ent = context.ent_of(ctx, token)
        if ent is not None and ent.label_ in PARTY_LABELS and ent.start == i:
            if antecedents.non_party(ctx, ent):
                return found
            found.append(ent)
            if ent.end + 1 < len(doc) and doc[ent.end].lower_ == "and":
                nxt = context.ent_of(ctx, doc[ent.end + 1])
                if nxt is not None and nxt.label_ in PARTY_LABELS and nxt.start == ent.end + 1:
                    found.append(nxt)
            return found
        if not (
            ent is not None
            and ent.label_ in ("GPE", "NORP", "LOC")
            or token.is_space
            or token.text in (",", "-", "<", "(")
            or token.pos_ in ("ADJ", "NOUN", "DET")
            and not token.ent_type_
        ):
            return found
        i += 1
    return found


def list_members(ctx, head: Token) -> list[Span]:
    """The organisations and people of a list headed by ``head`` ("A, B and angel
    investor C", however the parser nests it), not those reached through a
    preposition, an apposition or a clause ("A of Germany", "B, a unit of D")."""
    found = []
    for ent in context.ents_within(ctx, head, head.left_edge.i, head.right_edge.i + 1):
        if ent.label_ not in PARTY_LABELS or antecedents.non_party(ctx, ent):
            continue
        node, ok = ent.root, True
        while node.i != head.i:
            named_appos = (
                node.dep_ == "appos" and node.pos_ == "PROPN"
            )  # "A, B and angel investor C" read as an apposition
            if not named_appos and (
                node.dep_ in ("prep", "pobj")
                and node.head.i != head.i
                or node.dep_ in ("appos", "relcl", "acl")
                or MEMBER_LISTS
                and node.dep_ == "poss"  # "and A's son, B": A's son is the member
            ):
                ok = False
                break
            if node.head.i == node.i:
                ok = False
                break
            node = node.head
        if ok:
            found.append(ent)
    return found
