"""Parties a frame takes from the clause around it: a bracketed participle, a second verb
sharing the object, a heading's "X to buy Y", the owner of the assets bought, a number
standing for units, "Y became a subsidiary of X", a deal noun's phrases hung on a
participle or on a price before them, a target named "known as", a holding bought as the
means of a change in another, a company bought named in its buyer's report of results."""

from __future__ import annotations

from . import antecedents, context
from .common import (
    SUBJECT_DEPS,
    party_key,
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


# the prepositions a deal noun takes, by the noun slot that reads them on the noun itself
NOUN_PREP_SLOTS = {
    "of": "of-target",
    "to": "noun-to-buyer",
    "from": "noun-from-party",
    "with": "noun-with-party",
    "for": "noun-for-target",
}
PREPS_ON_PARTICIPLE = True  # A/B switch


def preps_on_participle(ctx, frame: Frame) -> None:
    """ "the sale disclosed on Monday of Y to X", "the merger proposed in March with Y":
    a participle between a deal noun and its prepositional phrases takes them in the
    parse; a company they name plays the role the noun gives that preposition (not the
    participle's own agent, which tells who announced it)."""
    trigger = frame.trigger
    if not PREPS_ON_PARTICIPLE or trigger.pos_ not in ("NOUN", "PROPN"):
        return
    for clause in trigger.children:
        if clause.dep_ != "acl" or clause.tag_ != "VBN" or clause.i <= trigger.i:
            continue
        if any(c.dep_ in ("dobj", "nsubj", "nsubjpass", "ccomp", "xcomp") for c in clause.children):
            continue
        for prep in clause.children:
            role = frame.cls.frame.get(NOUN_PREP_SLOTS.get(prep.lower_, ""))
            if prep.dep_ != "prep" or role is None or frame.args[role]:
                continue
            names = [
                o
                for o in prep.children
                if o.dep_ == "pobj" and (ent := ctx.index.ent_at[o.i]) is not None and ent.label_ == "ORG"
            ]
            frame.args[role].extend(names[:1])


PRICE_BEFORE_OF = True  # A/B switch


def price_before_of(ctx, frame: Frame) -> None:
    """ "endorsed the sale, for some N dlrs, of its Z unit to Y": a price set
    off by commas between a deal noun and its "of" phrase; the parser hangs the "of"
    phrase on the amount and the phrases after it on the verb. The "of" phrase names
    what is sold or bought, the ones after it the parties the noun gives them."""
    trigger = frame.trigger
    role = frame.cls.frame.get("of-target")
    if not PRICE_BEFORE_OF or trigger.pos_ not in ("NOUN", "PROPN") or role is None or frame.args[role]:
        return
    doc = trigger.doc
    i = trigger.i + 1
    if i + 1 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ != "for" or doc[i + 1].dep_ != "prep":
        return
    if doc[i + 1].head.i not in (trigger.i, trigger.head.i):
        return
    price = next((o for o in doc[i + 1].children if o.dep_ == "pobj" and o.ent_type_ == "MONEY"), None)
    if price is None:
        return
    shifted = [o for o in prep_objects(price, "of") if o.ent_type_ != "MONEY"]
    if not shifted or doc[shifted[0].left_edge.i - 2].text != ",":
        return
    frame.args[role].append(shifted[0])
    for prep in [*shifted[0].children, *price.children, *doc[i + 1].children, *doc[i + 1].head.children]:
        slot_role = frame.cls.frame.get(NOUN_PREP_SLOTS.get(prep.lower_, ""))
        if prep.dep_ != "prep" or prep.i <= shifted[0].i or slot_role is None or frame.args[slot_role]:
            continue
        frame.args[slot_role].extend(o for o in prep.children if o.dep_ == "pobj")


NAMED_AS = True  # A/B switch
NAMING_VERBS = frozenset({"know", "call", "name"})


def named_as(ctx, frame: Frame) -> None:
    """ "buy several firms known together as the Y Group", "a chain of stores called Y": a
    common noun bought or sold whose participle of naming gives its name; the name is the
    target."""
    for k, arg in enumerate(frame.args["target"]):
        if arg.pos_ != "NOUN" or ctx.index.ent_at[arg.i] is not None:
            continue
        for noun in [arg, *prep_objects(arg, "of")]:
            names = [
                name
                for clause in noun.children
                if NAMED_AS and clause.dep_ == "acl" and clause.tag_ == "VBN" and clause.lemma_.lower() in NAMING_VERBS
                for name in [*prep_objects(clause, "as"), *(c for c in clause.children if c.dep_ in ("oprd", "attr"))]
                if (ent := ctx.index.ent_at[name.i]) is not None and ent.label_ == "ORG"
            ]
            if names:
                frame.args["target"][k] = names[0]
                break


HOLDING_OF_THE_MEANS = True  # A/B switch


def holding_of_the_means(ctx, frame: Frame) -> None:
    """ "X lifted its holding in Z by buying the N pct owned by Y", "increased its stake in
    Z by acquiring Y's N% share": a holding bought as the means of a
    change in a holding in Z, with no company of its own, is a holding in Z; its holder
    (the possessor or the participle's agent) sells it."""
    trigger = frame.trigger
    prep = trigger.head
    if (
        not HOLDING_OF_THE_MEANS
        or trigger.dep_ != "pcomp"
        or prep.lower_ != "by"
        or not frame.args["target"]
        or frame.cls.frame.get("from-party") != "seller"
    ):
        return
    holding_nouns = ctx.lex.holding_nouns
    bought = frame.args["target"]
    if not all(
        (a.lemma_.lower() in holding_nouns or a.lower_ in holding_nouns) and not prep_objects(a, "in", "of")
        for a in bought
    ):
        return
    companies = [
        o
        for held in prep.head.children
        if held.dep_ == "dobj" and (held.lemma_.lower() in holding_nouns or held.lower_ in holding_nouns)
        for o in prep_objects(held, "in", "of")
    ]
    if not companies:
        return
    if not frame.args["seller"]:
        holders = [c for c in bought[0].children if c.dep_ == "poss" and c.pos_ == "PROPN"] + [
            o
            for clause in bought[0].children
            if clause.dep_ == "acl" and clause.lemma_.lower() in ("hold", "own")
            for agent in clause.children
            if agent.dep_ == "agent"
            for o in agent.children
            if o.dep_ == "pobj" and o.pos_ == "PROPN"
        ]
        frame.args["seller"].extend(holders[:1])
    frame.args["target"] = companies[:1]


AMOUNT_OF_HOLDING = True  # A/B switch


def amount_of_holding(ctx, frame: Frame) -> None:
    """ "X bought 5 mln dlrs of Y common stock", "bought two mln dlrs of newly issued
    shares in Y": an amount told with the holding it buys ("N dlrs of shares") is the
    price; the holding is what is bought, and its company the target."""
    holding_nouns = ctx.lex.holding_nouns
    for k, arg in enumerate(frame.args["target"]):
        if not AMOUNT_OF_HOLDING or arg.ent_type_ != "MONEY":
            continue
        held = [o for o in prep_objects(arg, "of") if o.lemma_.lower() in holding_nouns or o.lower_ in holding_nouns]
        if held:
            frame.args["target"][k] = held[0]


REPORTED_RESULTS_OF = True  # A/B switch
# the figures a company reports that take in the figures of a company it bought
RESULT_NOUNS = frozenset({"result", "results", "operation", "operations", "earnings", "figure", "figures"})
RESULT_VERBS = frozenset({"include", "reflect"})


def reported_results_of(ctx, frame: Frame) -> None:
    """A company's report of its results: "NOTE: the year includes results of Y, acquired
    in June", "earlier figures were restated to reflect a merger with Y": the
    company bought or merged is named without its buyer, who is the company that
    reports (the one the text is about)."""
    trigger = frame.trigger
    if not REPORTED_RESULTS_OF or not frame.cls.takeover or frame.cls.seller_side:
        return
    if any(
        (ent := ctx.index.ent_at[a.i]) is not None and ent.label_ in ("ORG", "PERSON") or a.pos_ == "PRON"
        for a in frame.args["buyer"]
    ):
        return  # a buyer named ("1986 includes results of", "figures restated": the subject of no deal)
    target = None
    if (
        trigger.tag_ in ("VBN", "VBD")  # a participle the tagger may read as a past tense
        and trigger.dep_ == "acl"
        and not frame.cls.merger
        and not any(c.dep_ in ("agent", "nsubj", "nsubjpass", "dobj") for c in trigger.children)
    ):
        # the participle on the company, or on the results noun the company's "of" is on
        head = trigger.head
        names = [head] if head.dep_ == "pobj" and head.head.lower_ == "of" else prep_objects(head, "of")
        results = head.head.head if head.dep_ == "pobj" else head
        target = next(
            (
                n
                for n in names
                if (ent := ctx.index.ent_at[n.i]) is not None
                and ent.label_ == "ORG"
                and results.lemma_.lower() in RESULT_NOUNS
            ),
            None,
        )
    elif (
        frame.cls.merger
        and trigger.pos_ == "NOUN"
        and trigger.dep_ == "dobj"
        and trigger.head.lemma_.lower() in RESULT_VERBS
    ):
        partners = frame.args["target"] or [
            o
            for o in prep_objects(trigger.head, "with")
            if (ent := ctx.index.ent_at[o.i]) is not None and ent.label_ == "ORG"
        ]
        target = partners[0] if len(partners) == 1 else None
    if target is None:
        return
    named = ctx.index.ent_at[target.i]
    company = antecedents.main_org(trigger.doc, excluding={party_key(named)} if named is not None else set())
    if company is not None:
        frame.args["buyer"] = [company.root]
        if target not in frame.args["target"]:
            frame.args["target"].append(target)
