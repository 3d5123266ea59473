"""An argument token -> the organisation or person it names (through units, stakes, descriptors, members)."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Optional

from spacy.tokens import Span, Token

from . import antecedents, common, context, coordination, kinds
from .common import (
    FIRST_PERSON,
    MISLABELLED_NAMES,
    PARTY_LABELS,
    PERSON_PRONOUN_WINDOW,
    PERSON_PRONOUNS,
    PLACE_LABELS,
    PLURAL_PRONOUNS,
    QUANTITY_LABELS,
    RELATIVE_PRONOUNS,
    ROUND_RE,
    SUBJECT_DEPS,
    UNIT_NAME_LABELS,
)


def parties_of(ctx, tokens: list[Token]) -> list[tuple[Span, Optional[Span]]]:
    """Each argument token (and its conjuncts) -> (party span, owner of a named unit)."""
    found: list[tuple[Span, Optional[Span]]] = []
    absorbed: set[int] = set()
    for token in tokens:
        token = units_named_below(ctx, subject_under_ticker(ctx, token))
        for conj in [token, *token.conjuncts, *stray_conjuncts(ctx, token)]:
            if conj.lower_ in PLURAL_PRONOUNS:
                # "X and Y said they agreed to merge": all of them
                group = antecedents.plural_antecedents(ctx, conj)
                if len(group) > 1:
                    found.extend((ent, None) for ent in group if all(ent != other[0] for other in found))
                    continue
            if conj.lower_ in ctx.lex.pronouns:
                members = antecedents.group_antecedent(ctx, conj)
                if len(members) > 1:
                    found.extend((ent, None) for ent in members if all(ent != other[0] for other in found))
                    continue
            if conj.i in absorbed:
                continue  # "Cobb-like and Brisby-like": the second half of one name
            party = party_of(ctx, conj, depth=0)
            if party is not None:
                whole, half = _with_joined_half(ctx, party[0])
                if half is not None:
                    party = (whole, party[1])
                    absorbed.update(range(half.start, half.end))
            named = appositive_names(ctx, conj)
            if conj.lemma_.lower() in ctx.lex.group_nouns:
                named = named + coordination.group_members(ctx, conj)[1:]  # "a group led by X and Y"
                if party is not None:
                    # "the group, which includes Y" after "a group led by X": X too
                    named += [m for m in antecedents.earlier_group_members(ctx, conj) if m != party[0]]
            if named and party is not None and party[1] is not None and party[0] == party[1]:
                party = None  # "its unit, Cedar Ltd": the name replaces the parent
            if party is not None and party[0].label_ == "PERSON":
                # "a proposal from its president X and vice chairman Y": persons joined to the
                # one a title names
                for child in conj.children:
                    if child.dep_ == "appos" and context.ent_of(ctx, child) == party[0]:
                        named = named + [
                            ent
                            for other in child.conjuncts
                            if (ent := context.ent_of(ctx, other)) is not None and ent.label_ == "PERSON"
                        ]
            shared = shared_head_names(ctx, conj, party)
            if shared:
                found.extend(item for item in shared if all(item[0] != other[0] for other in found))
                continue
            for candidate in (
                ([party] if party is not None else [])
                + [(ent, None) for ent in named]
                + coordination.collapsed_list(ctx, conj)
                + coordination.appos_list(ctx, conj)
            ):
                if common.suffix_only(candidate[0]):
                    # "Geisel Technologies, LLC" split at the comma: the name before
                    before = name_before(ctx, candidate[0])
                    if before is None:
                        continue
                    candidate = (before, candidate[1])
                if found and common.alias_in_brackets(candidate[0]):
                    continue  # "X Inc. (\"XI\")"
                if all(candidate[0] != other[0] for other in found):
                    found.append(candidate)
    return _joined_names(ctx, _firm_names(found))


# Adverbs of a "held" that describes a company ("privately held Y").
HELD_ADVERBS = frozenset({"privately", "publicly", "closely", "wholly", "family"})


def stray_conjuncts(ctx, token: Token) -> list[Token]:
    """Names joined to an argument that the parser joined elsewhere: "acquisitions of X
    and privately-held Y" (Y joined to the noun, not to X), "to acquire X and privately
    held Y" ("held" read as a second verb with Y its object)."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        noun = token.head.head
        return [
            c
            for c in noun.children
            if c.dep_ == "conj"
            and c.i > token.i
            and c.pos_ == "PROPN"
            and (ent := context.ent_of(ctx, c)) is not None
            and ent.label_ == "ORG"
            and ent.root.i == c.i
        ]
    if token.dep_ == "dobj":
        return [
            obj
            for verb in token.head.children
            if verb.dep_ == "conj"
            and verb.i > token.i
            and verb.lower_ == "held"
            and any(c.dep_ == "advmod" and c.lower_ in HELD_ADVERBS for c in verb.children)
            for obj in verb.children
            if obj.dep_ == "dobj" and (ent := context.ent_of(ctx, obj)) is not None and ent.label_ == "ORG"
        ]
    return []


def _with_joined_half(ctx, span: Span) -> tuple[Span, Optional[Span]]:
    """ "Bell-like" in "shares of Bell-like and Howell Co common stock": the name and the
    one joined to it by "and" that together name one company (see :func:`_joined_names`),
    and that second half (None when there is none)."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ not in ("and", "&"):
        return span, None
    i = span.end + 1
    while i < len(doc) - 1 and doc[i].is_space:
        i += 1
    other = context.ent_of(ctx, doc[i])
    if other is None or other.label_ != "ORG" or other.start != i:
        return span, None
    joined = _joined_names(ctx, [(span, None), (other, None)])
    return (joined[0][0], other) if len(joined) == 1 else (span, None)


def _split_whole(ctx, a: Span, b: Span) -> Optional[Span]:
    """The fuller name "A and B Publishers Inc" written elsewhere in the document and cut
    by the tagger into "A" and "B Publishers Inc"."""
    doc = a.doc
    for org in ctx.index.orgs:
        if org.start == b.start or not org.text.startswith(b.text) or org.start < 2:
            continue
        j = org.start - 1
        while j > 0 and doc[j].is_space:
            j -= 1
        if doc[j].lower_ not in ("and", "&"):
            continue
        first = context.ent_of(ctx, doc[j - 1])
        if first is not None and first.label_ == "ORG" and first.text == a.text and first.end == j:
            return Span(doc, first.start, org.end, label="ORG")
    return None


def _joined_names(ctx, found: list[tuple[Span, Optional[Span]]]) -> list[tuple[Span, Optional[Span]]]:
    """ "for Dunstan-like and Row-like", "shares of Bell-like and Howell Co common stock": two
    names joined by "and" that are one company: the document names an organisation
    "A and B ..." elsewhere, or the pair modifies a noun after it with the corporate
    suffix on the second only."""
    if len(found) < 2:
        return found
    out = list(found)
    for (a, owner), (b, _) in zip(found, found[1:]):
        doc = a.doc
        if b.start <= a.end or doc[a.end].lower_ not in ("and", "&"):
            continue
        if not all(t.is_space for t in doc[a.end + 1 : b.start]):
            continue
        joined_text = " ".join(f"{a.text} {doc[a.end].text} {b.text}".split())
        known = next(
            (
                org
                for org in ctx.index.orgs
                if " ".join(org.text.split()).startswith(joined_text) and org.start != a.start
            ),
            None,
        )
        if b.end < len(doc) and doc[b.end].tag_ == "NNS" and doc[b.end].lemma_.lower() in ctx.lex.unit_nouns:
            continue  # "its Brisk and Holm units": a unit each
        if known is None:
            known = _split_whole(ctx, a, b)
        modifier = (
            b.root.dep_ in ("compound", "nmod", "poss")
            and b.root.head.i >= b.end
            and common.ends_in_suffix(b.text)
            and not common.ends_in_suffix(a.text)
        )
        if known is None and not modifier:
            continue
        span = known if known is not None else Span(doc, a.start, b.end, label="ORG")
        out = [(s, o) for s, o in out if s != a and s != b]
        out.append((span, owner))
    return out


def subject_under_ticker(ctx, token: Token) -> Token:
    """ "A Ltd <AL.T> and <B Ltd>, both units of C KK <CK.T>, are weighing a merger": the
    parser made the last ticker the subject and hung the names before it on the ticker;
    the name the ticker follows (C) holds a place of its own. The subject is the name
    hung on the ticker (and those joined to it)."""
    if not common.bracketed(token) or token.dep_ not in ("nsubj", "nsubjpass") or token.i < 2:
        return token
    before = context.ent_of(ctx, token.doc[token.i - 2])
    if before is None or before.end != token.i - 1 or before.root.head.i == token.i:
        return token
    for child in token.children:
        ent = context.ent_of(ctx, child)
        if (
            child.i < token.i
            and child.dep_ in ("nmod", "compound", "dep")
            and ent is not None
            and ent.root.i == child.i
            and ent.label_ in PARTY_LABELS
        ):
            return child
    return token


# "Fechner, Wirth and Co": a partnership's name is a list ending in "and Co"
FIRM_TAIL = re.compile(r"^[A-Z][\w'.-]* (?:and|&) (?:Co|Company|Sons|Partners)\.?$")


def _firm_names(found: list[tuple[Span, Optional[Span]]]) -> list[tuple[Span, Optional[Span]]]:
    """Join "A, B and Co" cut into "A" and "B and Co" back into one name."""
    out = list(found)
    for span, owner in found:
        doc = span.doc
        if not FIRM_TAIL.match(span.text) or span.start < 2 or doc[span.start - 1].text != ",":
            continue
        first = doc[span.start - 2]
        if first.pos_ != "PROPN" or not first.text[:1].isupper():
            continue
        joined = Span(doc, first.i, span.end, label="ORG")
        out = [(s, o) for s, o in out if s.end != first.i + 1 and s != span]
        out.append((joined, owner))
    return out


def name_before(ctx, span: Span) -> Optional[Span]:
    """The organisation just before a suffix cut from it ("Geisel Technologies, LLC")."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    ent = context.ent_of(ctx, doc[i]) if i >= 0 else None
    if ent is not None and ent.end == i + 1 and ent.label_ in PARTY_LABELS and not common.suffix_only(ent):
        return ent
    # "Westermann Briemer K.K." with the words before the suffix tagged a place or nothing
    start = span.start
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].ent_type_ in ("", "GPE", "NORP", "LOC")
        and span.start - start < 4
    ):
        start -= 1
    return Span(doc, start, span.end, label="ORG") if start < span.start else None


# A name set off by commas after a unit noun names the unit, however the tagger took it
# ("its tower business, Marlow Towers, to Y" tagged a person).
UNIT_APPOSITION_LABELS = frozenset({"ORG", "PERSON", *MISLABELLED_NAMES})


# Nouns of an amount of something: "a total of N shares of Y" names Y below.
AMOUNT_NOUNS = frozenset({"total", "block", "package", "parcel"})


# Holding nouns whose named possessor issued them ("Y Corp's common stock"), unlike a
# stake or an interest, whose possessor holds it ("X's stake in Y").
ISSUED_NOUNS = frozenset({"share", "shares", "stock", "common", "equity", "capital"})


def shared_head_names(ctx, token: Token, party) -> list[tuple[Span, Optional[Span]]]:
    """ "the Brisk and Holm units of Hermans Group": names joined by "and" before a plural
    unit noun, read as one name, are a unit each (with the unit's owner)."""
    if party is None or token.tag_ != "NNS" or token.lemma_.lower() not in ctx.lex.unit_nouns:
        return []
    named = [
        ent
        for c in token.children
        if c.dep_ in ("nmod", "compound")
        and (ent := context.ent_of(ctx, c)) is not None
        and ent.label_ == "ORG"
        and ent.root.i == c.i
    ]
    if len(named) >= 2 and any(t.lower_ == "and" for t in token.doc[named[0].end : named[-1].start]):
        # "the Lyons-based <A> and Rennes-based <B> units of P": each name a unit of P
        owner = party[1] if party[1] is not None else _unit_owner(ctx, token)
        return [(ent, owner) for ent in named]
    span = party[0]
    if span.end > token.i or not any(t.pos_ == "CCONJ" or t.text == "," for t in span):
        return []
    parts, start = [], span.start
    for t in span:
        if t.pos_ == "CCONJ" or t.text == ",":
            if t.i > start:
                parts.append(Span(token.doc, start, t.i, label="ORG"))
            start = t.i + 1
    if span.end > start:
        parts.append(Span(token.doc, start, span.end, label="ORG"))
    return [(part, party[1]) for part in parts] if len(parts) >= 2 else []


def _unit_owner(ctx, token: Token) -> Optional[Span]:
    """The company whose units a unit noun names: "its units", "the A and B units of P"."""
    owner = owner_of(ctx, token)
    if owner is not None:
        return owner
    for pobj in (p for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children):
        ent = context.ent_of(ctx, pobj)
        if pobj.dep_ == "pobj" and ent is not None and ent.label_ == "ORG" and not antecedents.non_party(ctx, ent):
            return ent
    return None


def units_named_below(ctx, token: Token) -> Token:
    """ "the detergent trade of the A and B units of P": what changes hands
    is named by the plural unit noun of its "of" phrase."""
    if (
        token.pos_ != "NOUN"
        or token.lemma_.lower() in ctx.lex.unit_nouns
        or token.lemma_.lower() in ctx.lex.holding_nouns
    ):
        return token
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.tag_ == "NNS" and pobj.lemma_.lower() in ctx.lex.unit_nouns:
                    return pobj
    return token


def appositive_names(ctx, token: Token) -> list[Span]:
    """Organisations set beside a unit or asset noun: "its Z unit, Cedar Ltd and
    other businesses" lists a second unit; "its unit, Cedar Ltd" names the first."""
    listed = any(c.lemma_.lower() in ctx.lex.unit_nouns for c in token.conjuncts)
    # "two Quebec wholesalers, A Ltd and B Ltd": a plural description, then its names
    described = token.tag_ == "NNS" and any(
        c.dep_ == "appos" and (ent := context.ent_of(ctx, c)) is not None and ent.label_ == "ORG"
        for c in token.children
    )
    if token.lemma_.lower() not in ctx.lex.unit_nouns and not listed and not described:
        return []
    names = []
    doc = token.doc
    last = _after_place(ctx, token)  # "its broadcast unit in France, Tessel Audio SA"
    if not any(c.dep_ == "appos" for c in token.children) and last + 2 < len(doc) and doc[last + 1].text == ",":
        # "its water business, Aquanor Systems, for ...": the parser lost the apposition
        ent = context.ent_of(ctx, doc[last + 2])
        if (
            ent is not None
            and ent.label_ in UNIT_APPOSITION_LABELS
            and ent.start == last + 2
            and (ent.end >= len(doc) or doc[ent.end].text in (",", ".", ";"))
        ):
            names.append(ent if ent.label_ == "ORG" else Span(doc, ent.start, ent.end, label="ORG"))
        elif ent is None:
            # the name untagged: a run of capitalised proper nouns closed by a comma
            end = last + 2
            while (
                end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and not doc[end].ent_type_
            ):
                end += 1
            if end - last - 2 >= 2 and end < len(doc) and doc[end].text == ",":
                names.append(Span(doc, last + 2, end, label="ORG"))
    for child in token.children:
        if child.dep_ == "appos":
            for item in [child, *child.conjuncts]:
                ent = context.ent_of(ctx, item)
                if ent is None and item.lemma_.lower() in ctx.lex.unit_nouns:
                    # "..., the Dornbush boiler operations and other units": a
                    # business named after a company or a person
                    ent = next(
                        (
                            context.ent_of(ctx, c)
                            for c in item.children
                            if c.dep_ in ("compound", "amod", "nmod") and context.ent_of(ctx, c) is not None
                        ),
                        None,
                    )
                    if ent is not None and ent.label_ == "PERSON":
                        ent = Span(ent.doc, ent.start, ent.end, label="ORG")
                elif ent is None and item.pos_ == "PROPN" and item.left_edge.i < item.i:
                    run = doc[item.left_edge.i : item.i + 1]
                    if all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in run):
                        ent = Span(doc, run.start, run.end, label="ORG")  # "its unit, Marlow Towers," untagged
                elif ent is not None and ent.label_ in UNIT_APPOSITION_LABELS and ent.label_ != "ORG":
                    ent = Span(doc, ent.start, ent.end, label="ORG")
                if ent is not None and ent.label_ == "ORG" and ent not in names:
                    names.append(ent)
    return names


def _after_place(ctx, token: Token) -> int:
    """The last word of a unit noun and the place right after it ("unit in France",
    however the parser hung "in France"), or the noun itself when no place follows."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].lower_ not in ("in", "at"):
        return token.i
    ent = context.ent_of(ctx, doc[token.i + 2])
    if ent is None or ent.label_ not in PLACE_LABELS or ent.start != token.i + 2:
        return token.i
    return ent.end - 1


def party_of(ctx, token: Token, depth: int) -> Optional[tuple[Span, Optional[Span]]]:
    if depth > 3:
        return None
    doc = token.doc
    if common.bracketed(token) and token.i >= 2:
        # "Rodgers AB <BLDS.ST> said", "an offer from Coverly Holdings Inc <TMH>": the
        # parser made the ticker the subject or the object; the name right before it is
        # the party (unless the name holds a place of its own: "from X AG <XAG.F>" read
        # as "from X AG" and a second object)
        named = context.ent_of(ctx, doc[token.i - 2])
        if (
            named is not None
            and named.label_ in PARTY_LABELS
            and named.end == token.i - 1
            and (token.dep_ in ("nsubj", "nsubjpass") or named.root.head.i == token.i)
        ):
            return None if antecedents.non_party(ctx, named) else (named, None)
    if (
        token.text == ">"
        and token.i >= 1
        and (
            token.dep_ in ("poss", "nsubj", "nsubjpass", "dobj", "pobj", "conj")
            or token.i + 1 < len(doc)
            and doc[token.i + 1].tag_ == "POS"
        )
    ):
        # "<Coverly Holdings PLC>'s offer", "it and <Dunholt Partners> agreed to buy": the
        # closing bracket took the possessive or the name's place; the name inside the
        # brackets is the party
        named = context.ent_of(ctx, doc[token.i - 1])
        if named is not None and named.label_ in PARTY_LABELS and named.end == token.i:
            return None if antecedents.non_party(ctx, named) else (named, None)
    if token.lower_ in RELATIVE_PRONOUNS and token.tag_ in ("WDT", "WP", "WP$", "IN", "DT"):
        # "Y, which X bought last year", "the carrier that X took over": the noun the
        # relative clause describes
        verb = token.head
        while verb.dep_ not in ("relcl", "ROOT") and verb.head.i != verb.i and verb.pos_ != "VERB":
            verb = verb.head
        if verb.dep_ == "relcl" and verb.head.i != token.i:
            noun = verb.head
            if noun.dep_ == "attr" and noun.head.lemma_ == "be" and noun.pos_ == "NOUN":
                # "Y is our subsidiary, which we acquired in 2019": the noun is the
                # subject's description; the subject is what the clause tells of
                subject = next((c for c in noun.head.children if c.dep_ in SUBJECT_DEPS), None)
                ent = context.ent_of(ctx, subject) if subject is not None else None
                if ent is not None and ent.label_ == "ORG" and not antecedents.non_party(ctx, ent):
                    return ent, None
            return party_of(ctx, noun, depth + 1)
        return None
    named = named_after_descriptor(ctx, token) or bracketed_name_after(ctx, token)
    if named is not None:
        return named, None
    ent = context.ent_of(ctx, token)
    if ent is not None and ROUND_RE.fullmatch(ent.text):
        return None
    if ent is not None and ent.label_ == "PERCENT" and token.i == ent.root.i and token.pos_ == "NOUN":
        # "one-third of the stock of Y", "a half of Y": a share written as a word
        return of_or_owner(ctx, token, depth, owner=False) or named_below(ctx, token, depth)
    if ent is not None and ent.label_ == "ORG" and ent[0].lower_ in ("board", "directors", "shareholders"):
        # "its Board of Directors resolved to acquire Y" (tagged ORG): the company
        owner = owner_of(ctx, ent.root)
        return (owner, None) if owner is not None else None
    if ent is not None and ent.label_ in PARTY_LABELS:
        cut = next((t.i for t in ent[1:-1] if t.lower_ in ("to", "from", "by")), None)
        if cut is not None and cut > ent.start:
            # "the sale of X to Y" read as one name: the part the argument is in (the name
            # before the cut when the argument is the cut word or the last word)
            if token.i < cut or token.i >= ent.end - 1 or token.i == cut:
                ent = Span(doc, ent.start, cut, label=ent.label_)
            else:
                ent = Span(doc, cut + 1, ent.end, label=ent.label_)
        ent = common.without_descriptor(ctx, ent)
        return None if antecedents.non_party(ctx, ent) else (ent, None)
    if (
        ent is not None
        and (
            ent.label_ in MISLABELLED_NAMES
            or ent.label_ in PLACE_LABELS
            and depth == 0
            and token.dep_ in ("nsubj", "dobj")
            and context.sent_of(ctx, token).start < ent.start
        )
        and token.i == ent.root.i
        and token.pos_ == "PROPN"
        and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "appos", "conj")
        and not common.bracketed(token)
    ):
        # "acquired coding-bootcamp operator Wipstrik" (tagged a product), "bought
        # Huijbrechts" (a facility): a name in a party's place is the company's
        return None if antecedents.non_party(ctx, ent) else (Span(doc, ent.start, ent.end, label="ORG"), None)
    if ent is not None and ent.label_ not in QUANTITY_LABELS:
        return None
    lower = token.lower_
    if token.lemma_.lower() in ctx.lex.group_nouns and token.lemma_.lower() not in ctx.lex.unit_nouns:
        of_party = of_or_owner(ctx, token, depth, owner=False)
        if of_party is not None and of_party[0].label_ in PARTY_LABELS:
            return of_party  # "the Wall Street firm of X", "the investment group of X"
    if lower in PERSON_PRONOUNS:
        # "investor X told the SEC he holds 5.2 pct": the person named last before
        owner = antecedents.clause_owner_above(ctx, token)
        persons = ctx.index.persons
        if owner is not None and owner.label_ != "PERSON":
            # "he" and "she" stand for no organisation: a surname the model took for
            # one is the person named in full before ("Roy Kemper ... Kemper's
            # disclosure that he may buy")
            owner = next((p for p in persons if p.end <= owner.start and p.text.endswith(" " + owner.text)), None)
        if owner is not None:
            return owner, None  # "Y's statement that he might acquire further stock": Y
        before = bisect_right(persons, token.i, key=lambda ent: ent.end) - 1
        return (
            (persons[before], None) if before >= 0 and token.i - persons[before].end < PERSON_PRONOUN_WINDOW else None
        )
    joined = common.hyphened(token)  # "the start-up": "start", "-", "up"
    if lower in ctx.lex.pronouns or (
        (token.lemma_.lower() in ctx.lex.anaphora_nouns or joined is not None and joined[0] in ctx.lex.anaphora_nouns)
        and any(c.lower_ in ("the", "this", "that") for c in token.children)
        and not any(
            c.dep_ in ("compound", "amod", "nmod")
            and not (joined is not None and c.i == joined[1])
            and not (c.lower_ == "based" or c.ent_type_ in ("NORP", "GPE") and c.dep_ == "amod")
            or (c.dep_ == "prep" and c.lower_ == "of")
            for c in token.children
        )
    ):
        # also "the Dallas-based firm", "the German group" (where or whence, no name)
        unit = antecedents.named_unit_before(ctx, token)
        if unit is not None:
            return unit, None  # "its Y brokerage unit ... 13 pct of the unit": Y, not the parent
        antecedent = antecedents.antecedent(ctx, token)
        return (antecedent, None) if antecedent is not None else None
    modifiers = [child for child in token.children if child.dep_ in ("compound", "nmod", "amod")]
    # "its Birch and Fowler tool business": the name may modify the modifier
    modifiers += [
        grand for child in modifiers for grand in child.children if grand.dep_ in ("compound", "nmod", "amod")
    ]
    appositions = [child for child in token.children if child.dep_ == "appos"]
    # "Mckenzie chairman Gude T. Mude": the person a title names, not the company before it
    people = [
        child for child in appositions if (ent := context.ent_of(ctx, child)) is not None and ent.label_ == "PERSON"
    ]
    named = people + modifiers + appositions
    for child in named:
        ent = context.ent_of(ctx, child)
        if ent is not None and ent.label_ in PARTY_LABELS:
            if token.lemma_.lower() in ctx.lex.unit_nouns:
                return ent, owner_of(ctx, token)
            return ent, None
    if token.lemma_.lower() in ctx.lex.unit_nouns:
        # "its Herrera Coatings business" with the name untagged
        names = [
            c
            for c in token.children
            if c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper() and c.ent_type_ in UNIT_NAME_LABELS
        ]
        if names:
            first = min(t.i for n in names for t in n.subtree)
            last = max(n.i for n in names)
            if all(t.pos_ == "PROPN" and t.ent_type_ in UNIT_NAME_LABELS for t in doc[first : last + 1]):
                return Span(doc, first, last + 1, label="ORG"), owner_of(ctx, token)
    named_next = named_in_next_sentence(ctx, token) if depth == 0 else None
    if named_next is not None:
        return named_next, None
    lemma = token.lemma_.lower()
    unit = kinds.gerund_unit(ctx, token)
    if unit is not None:
        lemma = unit.lemma_.lower()  # "its payments processing unit": the unit is the noun
    if lemma in ctx.lex.member_nouns or lower in ctx.lex.member_nouns:
        return of_or_owner(ctx, token, depth)
    if lemma in AMOUNT_NOUNS and not any(c.dep_ == "poss" for c in token.children):
        # "a total of 375,200 shares of Y", "a block of Y stock": what the amount is of
        return named_below(ctx, token, depth)
    if lemma in ctx.lex.group_nouns:
        linked = coordination.group_members(ctx, token)
        if linked:
            return linked[0], None
    if lemma in ctx.lex.holding_nouns or lower in ctx.lex.holding_nouns:
        # "its stake in X": the possessor holds the stake; the target is X
        found = of_or_owner(ctx, token, depth, owner=False) or named_below(ctx, token, depth)
        if found is None and lemma in ISSUED_NOUNS:
            # "every share of Pellworth Corp's common stock": a named possessor of shares
            # or stock is the company that issued them
            issuer = next((c for c in token.children if c.dep_ == "poss" and c.lower_ not in ctx.lex.pronouns), None)
            ent = context.ent_of(ctx, issuer) if issuer is not None else None
            if ent is not None and ent.label_ == "ORG" and not antecedents.non_party(ctx, ent):
                found = (ent, None)
            elif (
                ent is None
                and issuer is not None
                and issuer.lemma_.lower() in ctx.lex.anaphora_nouns
                and any(c.lower_ == "the" for c in issuer.children)
            ):
                # "a fifth of the company's preference shares": the company told before
                found = party_of(ctx, issuer, depth + 1)
        return found
    if lemma in ctx.lex.ownership_nouns or lower in ctx.lex.ownership_nouns:
        party = of_or_owner(ctx, token, depth)
        if party is not None:
            return party[0], party[0] if lemma in ctx.lex.unit_nouns else None
        if lemma in ctx.lex.unit_nouns:
            # "we sold our investment management business to X": the filer's unit,
            # named by its words
            poss = next((c for c in token.children if c.dep_ == "poss"), None)
            if poss is not None and poss.lower_ in FIRST_PERSON and depth == 0:
                start = min(
                    (c.i for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i > poss.i),
                    default=token.i,
                )
                if start < token.i:
                    return Span(doc, start, token.i + 1, label="ORG"), None
            return None
        return named_below(ctx, token, depth)
    for ent in context.ents_within(ctx, token, token.left_edge.i, token.i):
        if ent.label_ == "ORG":
            return ent, None
    if (
        (
            token.pos_ == "PROPN"
            or token.pos_ == "NOUN"
            and token.dep_ == "pobj"
            and token.i > context.sent_of(ctx, token).start
            and not any(c.dep_ == "det" for c in token.children)
            and token.lower_ not in ctx.lex.anaphora_nouns
            and not token.text.isupper()
        )
        and token.text[:1].isupper()
        and not token.ent_type_
        and not common.bracketed(token)
        and token.lemma_.lower() not in ctx.lex.trigger_lemmas
        and token.lower_ not in ctx.lex.trigger_lemmas
    ):
        # also "the acquisition of Shaffer" with the name read as a common noun
        left = token.left_edge.i
        start = min((c.i for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"), default=token.i)
        span = Span(doc, max(start, left), token.i + 1, label="ORG")
        return None if ROUND_RE.fullmatch(span.text) or common.is_dateline(span) else (span, None)
    if depth == 0 and token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass"):
        # "acquired the customer account base of X": something of X's changes hands (X
        # the target, its owner)
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    ent = context.ent_of(ctx, pobj) if pobj.dep_ == "pobj" else None
                    if ent is not None and ent.label_ == "ORG" and not antecedents.non_party(ctx, ent):
                        return ent, ent
    return None


def named_in_next_sentence(ctx, token: Token) -> Optional[Span]:
    """ "took over a small Dutch container firm. The firm, Y BV, employs 10 people": a
    company told by an indefinite noun and named in apposition to "the" same noun at
    the start of the next sentence."""
    lemma = token.lemma_.lower()
    if (
        lemma not in ctx.lex.anaphora_nouns
        or token.pos_ != "NOUN"
        or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
        or any(c.dep_ in ("prep", "appos", "relcl", "acl") for c in token.children)
    ):
        return None
    doc = token.doc
    sent = context.sent_of(ctx, token)
    if sent.end + 3 >= len(doc):
        return None
    first = doc[sent.end]
    noun = doc[sent.end + 1]
    if first.lower_ != "the" or noun.lemma_.lower() != lemma or doc[sent.end + 2].text != ",":
        return None
    ent = context.ent_of(ctx, doc[sent.end + 3])
    if ent is None or ent.label_ != "ORG" or ent.start != sent.end + 3:
        return None
    if ent.end < len(doc) and doc[ent.end].text not in (",", "("):
        return None
    return None if antecedents.non_party(ctx, ent) else ent


def named_after_descriptor(ctx, token: Token) -> Optional[Span]:
    """ "the AI startup Anthropic", "rival chipmaker Acme": the name after a
    descriptive noun, which the parser often attaches to the wrong head."""
    doc = token.doc
    for i in range(token.i, min(token.i + 3, len(doc) - 1)):
        if (
            (doc[i].lemma_.lower() in ctx.lex.anaphora_nouns or doc[i].lemma_.lower() in ctx.lex.descriptor_nouns)
            and doc[i + 1].pos_ == "PROPN"
            and doc[i + 1].text[:1].isupper()
        ):
            ent = context.ent_of(ctx, doc[i + 1])
            if ent is not None and ent.label_ in MISLABELLED_NAMES | {"PERSON"}:
                # "the financial services firm E.M. Warburg Pincus and Co Inc" with the name
                # cut in two by the tagger (a facility or a person, then an organisation)
                j = ent.end
                while j < len(doc) and doc[j].is_space:
                    j += 1
                rest = context.ent_of(ctx, doc[j]) if j < len(doc) else None
                if rest is not None and rest.label_ == "ORG" and rest.start == j:
                    return Span(doc, ent.start, rest.end, label="ORG")
            if ent is not None:
                return ent if ent.label_ in PARTY_LABELS else None
            end = i + 2
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                end += 1
            return Span(doc, i + 1, end, label="ORG")
        if doc[i].pos_ not in ("ADJ", "NOUN", "PROPN", "DET"):
            break
    return None


def bracketed_name_after(ctx, token: Token) -> Optional[Span]:
    """ "its controlling shareholder <Farrow Resources Ltd>", "the Dutch group <Y NV>": in
    wire copy a name in angle brackets right after a common noun names what the noun
    stands for; the parser seldom attaches it to the noun."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return None
    doc = token.doc
    i = token.i + 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    comma = i < len(doc) and doc[i].text == ","
    if comma:
        i += 1  # "to a specially formed company, <Y Plc>, for ..."
        while i < len(doc) and doc[i].is_space:
            i += 1
    if i + 1 >= len(doc) or doc[i].text != "<":
        return None
    ent = context.ent_of(ctx, doc[i + 1])
    if ent is None or ent.start != i + 1 or ent.label_ not in PARTY_LABELS or ent.end >= len(doc):
        return None
    if doc[ent.end].text != ">" or antecedents.non_party(ctx, ent):
        return None
    if comma and any(t.lemma_.lower() in ctx.lex.reporting_verbs for t in doc[ent.end + 1 : ent.end + 4]):
        return None  # "... to the company, <Y> said": Y reports
    return ent


def of_or_owner(ctx, token: Token, depth: int, owner: bool = True) -> Optional[tuple[Span, Optional[Span]]]:
    """What a part or a member belongs to: "49% of X", "stake in X", "the board of
    X", "its directors", "X's shares"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    party = party_of(ctx, pobj, depth + 1)
                    if party is not None:
                        return party
            if not any(c.dep_ == "pobj" for c in child.children):
                # "shares of preferred stock in <Y Inc> for ...": the parser left "in"
                # without its object (the bracketed name read as a clause of its own)
                named = coordination.names_after(ctx, child)
                if named:
                    return named[0], None
    if not owner:
        return None
    found = owner_of(ctx, token)
    return (found, None) if found is not None else None


def named_below(ctx, token: Token, depth: int) -> Optional[tuple[Span, Optional[Span]]]:
    """ "377,000 shares, or 9.9 pct, of the common stock of X": the first party
    reached through an "of"/"in" phrase anywhere below a part noun."""
    for other in token.subtree:
        if other.i > token.i and other.dep_ == "pobj" and other.head.lower_ in ("of", "in"):
            party = party_of(ctx, other, depth + 1)
            if party is not None:
                return party
    return None


def owner_of(ctx, token: Token) -> Optional[Span]:
    """The owner of "its stake", "Allis-Chalmers Corp's mining division"."""
    for child in token.children:
        if child.dep_ == "poss":
            ent = context.ent_of(ctx, child)
            if ent is not None and ent.label_ in PARTY_LABELS:
                return ent
            if child.lower_ in ctx.lex.pronouns:
                return antecedents.antecedent(ctx, child)
    return None
