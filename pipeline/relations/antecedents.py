"""Who a pronoun, "the company", "we" or a bare subject stands for; the deal told before."""

from __future__ import annotations

from bisect import bisect_right
from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..schema import Deal
from . import advisers, common, context, coordination, party_names
from .common import FIRST_PERSON, PARTY_LABELS, ROUND_RE, SELF_NOUNS, SUBJECT_DEPS, prep_objects
from .descriptor_names import named_later
from .non_parties import AB_OFF, named_in_a_thing, non_party


def itself(ctx, token: Token) -> bool:
    """The company the sentence is about, named by a pronoun or "the company"."""
    joined = common.hyphened(token)  # "the start-up"
    return (
        token.lower_ in ctx.lex.pronouns
        or token.lower_ in ("itself", "themselves")
        or (
            (
                token.lemma_.lower() in ctx.lex.anaphora_nouns
                or joined is not None
                and joined[0] in ctx.lex.anaphora_nouns
            )
            and any(c.lower_ in ("the", "this", "its") for c in token.children)
            and not any(
                c.dep_ in ("compound", "amod") and not (joined is not None and c.i == joined[1]) for c in token.children
            )
        )
    )


def self_reference(ctx, token: Token) -> bool:
    """ "we", "our", "the Company" (capitalised: a filing's name for the filer) with no
    organisation they stand for."""
    if token.lower_ in FIRST_PERSON:
        return True
    return (
        token.text in SELF_NOUNS
        and any(c.lower_ == "the" for c in token.children)
        and party_names.party_of(ctx, token, 0) is None
    )


def antecedent(ctx, token: Token) -> Optional[Span]:
    """The organisation a pronoun or "the company" stands for: the subject of the
    nearest clause above it that has another subject ("X plans to sell its unit",
    "X said it ..."), else the nearest organisation that was a subject before it,
    else the nearest organisation before it."""
    first_person = token.lower_ in FIRST_PERSON
    bound = None if first_person else bound_subject(ctx, token)
    if bound is not None:
        # "X bought Y in 2001 and sold it in 2015": an object "it" is never the
        # subject of its own clause (binding); the organisation named before it is
        return nearest_other(ctx, token, bound) or antecedent_other_than(ctx, token, [bound])
    node = token
    while node.head.i != node.i:
        below, node = node, node.head
        if not first_person:
            owner = clause_owner(ctx, below, node) or advisers.advised_party(ctx, below, node)
            if owner is not None:
                return owner
        subject = next((c for c in node.children if c.dep_ in SUBJECT_DEPS and c.i < token.i and c.i != token.i), None)
        if subject is None or token.i in range(subject.left_edge.i, subject.right_edge.i + 1):
            continue
        if first_person and node.lemma_.lower() not in ctx.lex.reporting_verbs:
            # "Y is our subsidiary, which we acquired ...": a filing's "we" is the filer,
            # not the company the sentence is about; only a speaker's words ("we will
            # buy Y," X's chief said) make "we" the speaker's company
            break
        org = org_in(ctx, subject) or (None if first_person else named_subject(ctx, subject))
        if org is not None and named_in_a_thing(ctx, subject, org):
            # "X said proceeds from the sale of Y's unit would help it repay debt": X, the
            # company named last before it but Y; else the subject of a clause further up
            other = nearest_other(ctx, token, org)
            if other is not None:
                return other
            continue
        if org is not None:
            if org.label_ == "PERSON" and not first_person:
                # "X joined Y in 2008 when it acquired Z": "it" stands for no person;
                # the organisation the person's clause names is the one meant
                named = org_in_clause(ctx, node, token)
                if named is not None:
                    return named
            return org
        if subject.lower_ not in ctx.lex.pronouns:
            break
    if first_person:
        # "we" is a speaker's company or a filing's filer, never the last company
        # named: the filer when the text defines it ('X Inc. ("we", "our")')
        return defined_filer(ctx, token)
    for candidates in (ctx.index.subject_orgs, ctx.index.orgs):
        before = bisect_right(candidates, token.i, key=lambda ent: ent.end) - 1
        while before >= 0 and non_party(ctx, candidates[before]):
            before -= 1
        if before >= 0:
            return candidates[before]
    return None


# Object pronouns that a clause's own subject cannot bind ("X sold it" is not X).
OBJECT_PRONOUNS = frozenset({"it", "them"})


def bound_subject(ctx, token: Token) -> Optional[Span]:
    """The organisation that is the subject of the clause whose object ``token`` (an
    "it" or "them") is, also through a verb that shares its subject ("X bought Y and
    sold it", "X agreed to sell it"): the one organisation the pronoun cannot stand for."""
    if token.dep_ not in ("dobj", "dative") or token.lower_ not in OBJECT_PRONOUNS:
        return None
    verb = token.head
    while True:
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            break
        if verb.dep_ not in ("conj", "xcomp") or verb.head.pos_ not in ("VERB", "AUX"):
            return None
        verb = verb.head
    if subject.lower_ in ctx.lex.pronouns or subject.i > token.i:
        return None
    return org_in(ctx, subject)


def nearest_other(ctx, token: Token, bound: Span) -> Optional[Span]:
    """The organisation named last before ``token`` in its sentence that is not ``bound``."""
    orgs = ctx.index.orgs
    start = context.sent_of(ctx, token).start
    key = common.party_key(bound)
    before = bisect_right(orgs, token.i, key=lambda ent: ent.end) - 1
    while before >= 0 and orgs[before].start >= start:
        ent = orgs[before]
        if common.party_key(ent) != key and not non_party(ctx, ent):
            return ent
        before -= 1
    return None


# How many tokens back "the unit" may find the unit named.
UNIT_LOOKBACK = 120


def named_unit_before(ctx, token: Token) -> Optional[Span]:
    """ "its wholly owned Y brokerage unit ... to sell 13 pct of the unit": the company
    last named as a unit ("its Y unit", "its unit, Y") that "the unit" stands for, not
    the parent that is the subject (None when no unit was named just before)."""
    lemma = token.lemma_.lower()
    if lemma not in ctx.lex.unit_nouns or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    orgs = ctx.index.orgs
    before = bisect_right(orgs, token.i, key=lambda ent: ent.end) - 1
    while before >= 0 and orgs[before].end > token.i - UNIT_LOOKBACK:
        ent = orgs[before]
        before -= 1
        root = ent.root
        head = root.head
        # "its Y unit" (Y compounded on the noun), "its unit, Y" (Y in apposition)
        if (
            (root.dep_ == "compound" and head.i >= ent.end or root.dep_ == "appos" and head.i < ent.start)
            and head.lemma_.lower() == lemma
            and not non_party(ctx, ent)
        ):
            return ent
    return None


def clause_owner(ctx, clause: Token, noun: Token) -> Optional[Span]:
    """ "Y's plan to sell its unit", "X's statement that he might acquire further stock", "an
    agreement by Y to sell": the
    party that owns the noun a clause describes, which a pronoun in the clause stands for."""
    if clause.dep_ != "acl" or clause.head.i != noun.i or noun.pos_ != "NOUN":
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.i < clause.i), None)
    if owner is None and "agents" not in AB_OFF:
        # "an agreement by Y to sell a 15 pct interest in the company": Y's agreement
        owner = next((o for o in prep_objects(noun, "by") if o.i < clause.i), None)
    ent = context.ent_of(ctx, owner) if owner is not None else None
    if ent is not None and ent.label_ in PARTY_LABELS and not non_party(ctx, ent):
        return ent
    return None


def org_in_clause(ctx, verb: Token, token: Token) -> Optional[Span]:
    """The last organisation named in ``verb``'s own clause before ``token`` (its
    object or a complement: "X joined Y", "X, chief of Y"), outside the branch that
    holds ``token``."""
    found = None
    for child in verb.children:
        if (
            child.dep_ in SUBJECT_DEPS
            or child.i > token.i
            or token.i in range(child.left_edge.i, child.right_edge.i + 1)
        ):
            continue
        for ent in context.ents_within(ctx, child, child.left_edge.i, child.right_edge.i + 1):
            if ent.label_ == "ORG" and ent.end <= token.i and not non_party(ctx, ent):
                found = ent
    return found


# How many words after a name its definition ('X Inc. ("we", "our" or the "Company")')
# may run.
FILER_DEFINITION_WINDOW = 16


def defined_filer(ctx, token: Token) -> Optional[Span]:
    """The filer a text names for "we" and "our" ('Acme Inc. ("we", "our" or the
    "Company")', 'Acme Inc. (together with its subsidiaries, "we" or "us")') before
    ``token``; None when it defines none (the filer is then unnamed)."""
    index = ctx.index
    if not hasattr(index, "filer"):
        index.filer = None
        doc = index.doc
        for ent in index.orgs:
            if ent.end >= len(doc) or doc[ent.end].text != "(":
                continue
            window = doc[ent.end + 1 : min(ent.end + 1 + FILER_DEFINITION_WINDOW, len(doc))]
            for t in window:
                if t.text == ")":
                    break
                if t.lower_ in FIRST_PERSON and t.i > 0 and doc[t.i - 1].text in ('"', "“", "'", "‘"):
                    index.filer = ent
                    break
            if index.filer is not None:
                break
    filer = index.filer
    return filer if filer is not None and filer.end <= token.i else None


def clause_owner_above(ctx, token: Token) -> Optional[Span]:
    """:func:`clause_owner` of the nearest noun above ``token`` that a clause describes."""
    node = token
    while node.head.i != node.i:
        below, node = node, node.head
        owner = clause_owner(ctx, below, node)
        if owner is not None:
            return owner
        if node.pos_ == "NOUN" and below.dep_ != "acl":
            return None
    return None


def antecedent_other_than(ctx, token: Token, parties: list[Span]) -> Optional[Span]:
    """The organisation "the company" stands for when it cannot be one of ``parties``
    (the bidder of the same sentence): the nearest subject organisation before it that
    is none of them, else the nearest organisation."""
    keys = {common.party_key(p) for p in parties}
    for candidates in (ctx.index.subject_orgs, ctx.index.orgs):
        before = bisect_right(candidates, token.i, key=lambda ent: ent.end) - 1
        while before >= 0 and (non_party(ctx, candidates[before]) or common.party_key(candidates[before]) in keys):
            before -= 1
        if before >= 0:
            return candidates[before]
    return None


def earlier_deal(ctx, buyers: list[Span]) -> Optional[Deal]:
    """The last deal found before in the document whose target is none of ``buyers``."""
    excluding = {common.party_key(b) for b in buyers}
    return next((d for d in reversed(ctx.index.deals) if common.party_key(d.target) not in excluding), None)


def the_holding(ctx, token: Token) -> bool:
    """ "bought the stake", "the shares": a holding told of before, owner unsaid."""
    return (
        (token.lemma_.lower() in ctx.lex.holding_nouns or token.lower_ in ctx.lex.holding_nouns)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        and not any(c.dep_ in ("prep", "poss") for c in token.children)
    )


def named_subject(ctx, subject: Token) -> Optional[Span]:
    """The name a subject is, when the model missed it or took it for a person:
    "Pruschke Bio, a developer of tests, said it raised ...", "Corstiaens Mellor (tagged a
    person) said it had raised ..."; "it" and "the company" stand for no person."""
    if subject.pos_ != "PROPN" or not subject.text[:1].isupper() or common.bracketed(subject):
        return None
    if any(
        prep.dep_ == "prep"
        and prep.lower_ == "of"
        and pobj.dep_ == "pobj"
        and pobj.lemma_.lower() in ctx.lex.deal_nouns
        for prep in subject.children
        for pobj in prep.children
    ):
        return None  # "News of the acquisition broke ...", "Word of the deal ...": a report, no company
    ent = context.ent_of(ctx, subject)
    if ent is not None:
        return ent if ent.label_ in PARTY_LABELS and not non_party(ctx, ent) else None
    doc = subject.doc
    start = subject.i
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].text[:1].isupper()
        and not doc[start - 1].ent_type_
        and doc[start - 1].head.i in range(start, subject.i + 1)
    ):
        start -= 1
    span = Span(doc, start, subject.i + 1, label="ORG")
    return None if ROUND_RE.fullmatch(span.text) or common.is_dateline(span) else span


def org_in(ctx, phrase: Token) -> Optional[Span]:
    """The first organisation named in a phrase: "Equity investment company
    <Battery Group Ltd>", "Helm", or what a pronoun subject stands for."""
    if phrase.lower_ in ctx.lex.pronouns:
        return antecedent(ctx, phrase)
    if phrase.lemma_.lower() in ctx.lex.group_nouns:
        named = named_later(ctx, phrase)
        if named is not None:
            return named  # "An investment partnership led by ... said it ... the partnership, Z, said"
        members = coordination.group_members(ctx, phrase)  # "An investor group led by P said it ..."
        if members:
            return members[0]
    inside = [
        ent
        for ent in context.ents_within(ctx, phrase, phrase.left_edge.i, phrase.right_edge.i + 1)
        if not _in_clause(ent, phrase)
    ]
    # "Y's X unit said it ...": the unit the phrase is, before its owner
    inside.sort(key=lambda ent: _in_possessor(ent, phrase))
    for ent in inside:
        if ent.label_ == "ORG" and not non_party(ctx, ent):
            return ent
    if any(
        t.lemma_.lower() in ctx.lex.group_nouns or t.lemma_.lower() in ctx.lex.anaphora_nouns
        for t in phrase.subtree
        if t.pos_ == "NOUN"
    ):
        # "Buyout firm Marrow Tesk said it ..." (the name tagged a person):
        # a company noun makes it an organisation
        for ent in inside:
            if ent.label_ == "PERSON" and not non_party(ctx, ent):
                return ent
    for ent in inside:
        # "Central Pennsylvania also said ..." (tagged a place): the start of a
        # company named before
        known = next(
            (org for org in ctx.index.orgs if org.start < ent.start and org.text.startswith(ent.text + " ")), None
        )
        if known is not None:
            return known
    return None


def _in_possessor(ent: Span, phrase: Token) -> bool:
    """Whether ``ent`` stands in a possessive of ``phrase`` ("Y's X unit": Y)."""
    node = ent.root
    while node.i != phrase.i and node.head.i != node.i:
        if node.dep_ == "poss":
            return True
        node = node.head
    return False


def _in_clause(ent: Span, phrase: Token) -> bool:
    """Whether ``ent`` stands in a relative or participle clause of ``phrase`` ("its
    director X, who controls Y Inc": Y is not what the phrase names)."""
    node = ent.root
    while node.i != phrase.i and node.head.i != node.i:
        if node.dep_ in ("relcl", "acl"):
            return True
        node = node.head
    return False


def main_org(doc: Doc, excluding: frozenset[str] | set[str] = frozenset()) -> Optional[Span]:
    """The organisation a document is about: the most mentioned (by canonical name),
    leaving out the ``excluding`` keys."""
    counts: dict[str, int] = {}
    first: dict[str, Span] = {}
    for ent in doc.ents:
        if ent.label_ == "ORG" and common.party_key(ent) not in excluding:
            key = ent._.canonical or ent.text
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(key, ent)
    if not counts:
        return None
    key = max(counts, key=lambda k: counts[k])
    return first[key]
