"""An argument token -> the organisation or person it names (through units, stakes, descriptors, members)."""

from __future__ import annotations

from bisect import bisect_right
from typing import Optional

from spacy.tokens import Span, Token

from . import antecedents, common, context, coordination, group_antecedents, kinds, misattached, owners, unit_names
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
from .descriptor_names import bracketed_name_after, named_after_descriptor, named_in_next_sentence, named_later
from .name_joins import firm_names, joined_names, name_before, with_cut_head, with_joined_half
from .non_parties import AB_OFF, document_name, listing, named_thing, non_party, speaker, speaking_subject


def parties_of(ctx, tokens: list[Token]) -> list[tuple[Span, Optional[Span]]]:
    """Each argument token (and its conjuncts) -> (party span, owner of a named unit)."""
    found: list[tuple[Span, Optional[Span]]] = []
    absorbed: set[int] = set()
    for token in tokens:
        token = unit_names.units_named_below(ctx, misattached.subject_under_ticker(ctx, token))
        speaking = speaking_subject(token) and "titles" not in AB_OFF
        for conj in [token, *token.conjuncts, *misattached.stray_conjuncts(ctx, token)]:
            if conj.lower_ in PLURAL_PRONOUNS:
                # "X and Y said they agreed to merge": all of them
                group = group_antecedents.plural_antecedents(ctx, conj)
                if len(group) > 1:
                    found.extend((ent, None) for ent in group if all(ent != other[0] for other in found))
                    continue
            if conj.lower_ in ctx.lex.pronouns:
                members = group_antecedents.group_antecedent(ctx, conj)
                if len(members) > 1:
                    found.extend((ent, None) for ent in members if all(ent != other[0] for other in found))
                    continue
            if conj.i in absorbed or speaker(conj):
                continue  # "Cobb-like and Brisby-like": the second half of one name; a speaker
            party = party_of(ctx, conj, depth=0)
            if party is not None:
                party = (with_cut_head(party[0]), party[1])
                whole, half = with_joined_half(ctx, party[0])
                if half is not None:
                    party = (whole, party[1])
                    absorbed.update(range(half.start, half.end))
            named = unit_names.appositive_names(ctx, conj)
            if conj.lemma_.lower() in ctx.lex.group_nouns:
                named = named + coordination.group_members(ctx, conj)[1:]  # "a group led by X and Y"
                if party is not None:
                    # "the group, which includes Y" after "a group led by X": X too
                    named += [m for m in group_antecedents.earlier_group_members(ctx, conj) if m != party[0]]
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
            shared = unit_names.shared_head_names(ctx, conj, party)
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
                if candidate[0].label_ == "PERSON" and speaking:
                    continue  # "says X chairman P": P speaks for X
                if all(candidate[0] != other[0] for other in found):
                    found.append(candidate)
    return joined_names(ctx, firm_names(found))


# Labels of a word that says where a unit is ("its Texas unit", "its Argentine operations").
PLACE_WORDS = frozenset({*PLACE_LABELS, "NORP"})

# Nouns of an amount of something: "a total of N shares of Y" names Y below.
AMOUNT_NOUNS = frozenset({"total", "block", "package", "parcel"})


# Holding nouns whose named possessor issued them ("Y Corp's common stock"), unlike a
# stake or an interest, whose possessor holds it ("X's stake in Y").
ISSUED_NOUNS = frozenset({"share", "shares", "stock", "common", "equity", "capital"})


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
            return None if non_party(ctx, named) else (named, None)
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
            return None if non_party(ctx, named) else (named, None)
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
                if ent is not None and ent.label_ == "ORG" and not non_party(ctx, ent):
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
        return owners.of_or_owner(ctx, token, depth, owner=False) or owners.named_below(ctx, token, depth)
    if ent is not None and ent.label_ == "ORG" and ent[0].lower_ in ("board", "directors", "shareholders"):
        # "its Board of Directors resolved to acquire Y" (tagged ORG): the company
        owner = owners.owner_of(ctx, ent.root)
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
        return None if non_party(ctx, ent) else (ent, None)
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
        return None if non_party(ctx, ent) else (Span(doc, ent.start, ent.end, label="ORG"), None)
    if ent is not None and ent.label_ not in QUANTITY_LABELS:
        return None
    lower = token.lower_
    if token.lemma_.lower() in ctx.lex.group_nouns and token.lemma_.lower() not in ctx.lex.unit_nouns:
        of_party = owners.of_or_owner(ctx, token, depth, owner=False)
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
    appositions = [
        child
        for child in token.children
        if child.dep_ == "appos" and not ((ent := context.ent_of(ctx, child)) is not None and listing(ctx, ent))
    ]
    # "Mckenzie chairman Gude T. Mude": the person a title names, not the company before it
    people = [
        child for child in appositions if (ent := context.ent_of(ctx, child)) is not None and ent.label_ == "PERSON"
    ]
    named = people + modifiers + appositions
    for child in named:
        ent = context.ent_of(ctx, child)
        if ent is not None and ent.label_ in PARTY_LABELS:
            if token.lemma_.lower() in ctx.lex.unit_nouns:
                return ent, owners.owner_of(ctx, token)
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
                owner = owners.owner_of(ctx, token)
                place = context.ent_of(ctx, doc[first])
                if (
                    owner is not None
                    and place is not None
                    and place.label_ in PLACE_WORDS
                    and (place.start, place.end) == (first, last + 1)
                ):
                    # "its Ohio unit", "X's Canadian subsidiary": one place or nationality
                    # says where the owner's unit is, not what it is called
                    return owner, owner
                return Span(doc, first, last + 1, label="ORG"), owner
    named_next = named_in_next_sentence(ctx, token) if depth == 0 else None
    if named_next is not None:
        return named_next, None
    lemma = token.lemma_.lower()
    unit = kinds.gerund_unit(ctx, token)
    if unit is not None:
        lemma = unit.lemma_.lower()  # "its payments processing unit": the unit is the noun
    if lemma in ctx.lex.member_nouns or lower in ctx.lex.member_nouns:
        return owners.of_or_owner(ctx, token, depth)
    if lemma in AMOUNT_NOUNS and not any(c.dep_ == "poss" for c in token.children):
        # "a total of 375,200 shares of Y", "a block of Y stock": what the amount is of
        return owners.named_below(ctx, token, depth)
    if lemma in ctx.lex.group_nouns:
        later = named_later(ctx, token) if depth == 0 else None
        if later is not None:
            return later, None  # "a partnership led by ... the partnership, Z, said": Z
        linked = coordination.group_members(ctx, token)
        if linked:
            return linked[0], None
    if lemma in ctx.lex.holding_nouns or lower in ctx.lex.holding_nouns:
        # "its stake in X": the possessor holds the stake; the target is X
        found = owners.of_or_owner(ctx, token, depth, owner=False) or owners.named_below(ctx, token, depth)
        if found is None and lemma in ISSUED_NOUNS:
            # "every share of Pellworth Corp's common stock": a named possessor of shares
            # or stock is the company that issued them
            issuer = next((c for c in token.children if c.dep_ == "poss" and c.lower_ not in ctx.lex.pronouns), None)
            ent = context.ent_of(ctx, issuer) if issuer is not None else None
            if ent is not None and ent.label_ == "ORG" and not non_party(ctx, ent):
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
        party = owners.of_or_owner(ctx, token, depth)
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
        return owners.named_below(ctx, token, depth)
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
        start = max(start, left)
        number = doc[start - 1] if start > 0 else None
        if (
            number is not None
            and number.dep_ == "nummod"
            and number.head.i == token.i
            and number.is_alpha
            and number.text[:1].isupper()
            and not number.is_sent_start
        ):
            start -= 1  # "acquired Six Flags": a number word written capitalised opens the name
        span = Span(doc, start, token.i + 1, label="ORG")
        if ROUND_RE.fullmatch(span.text) or common.is_dateline(span) or document_name(span) or named_thing(span):
            return None  # "pursuant to a Stock Purchase Agreement": a document; "the S&P 500": an index
        return span, None
    if depth == 0 and token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass"):
        # "acquired the customer account base of X": something of X's changes hands (X
        # the target, its owner)
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    ent = context.ent_of(ctx, pobj) if pobj.dep_ == "pobj" else None
                    if ent is not None and ent.label_ == "ORG" and not non_party(ctx, ent):
                        return ent, ent
    return None
