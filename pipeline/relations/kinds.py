"""What kind of deal a frame states, from the words around it: debt and share offerings
(no deal), a company's stake in itself, unnamed assets, a unit the buyer acts through,
and the words by which a merger's target speaks of it."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from . import context

# Nouns of shares a company issues, counted or new: "sold 1.5 mln new shares to X".
ISSUED_SHARES = frozenset({"share", "shares"})
# Owners that make shares the seller's own: "500,000 shares of its common stock".
OWN_POSSESSIVES = frozenset({"its", "their", "our"})


def own_stake(ctx, token: Token) -> bool:
    """ "a 35% stake", "a minority holding": a stake with no owner or company named;
    "1.5 mln new shares", "500,000 shares of its common stock": shares the seller issues
    of itself (counted, no other company named in the phrase)."""
    if token.lemma_.lower() in ISSUED_SHARES and any(c.dep_ in ("nummod", "amod") for c in token.children):
        verb = next((t for t in token.ancestors if t.pos_ == "VERB"), None)
        by_person = verb is not None and any(
            c.dep_ == "nsubj" and c.ent_type_ == "PERSON" for c in verb.children
        )  # "chairman Jane Roe has sold 1.8 mln shares to X": her holding in the company
        return (
            not by_person
            and not any(t.ent_type_ in ("ORG", "PERSON") for t in token.subtree)
            and all(c.lower_ in OWN_POSSESSIVES for t in token.subtree for c in t.children if c.dep_ == "poss")
        )
    return (
        token.lemma_.lower() in ctx.lex.holding_nouns
        and not any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("in", "of") for c in token.children)
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
    )


def unnamed_asset(ctx, token: Token) -> bool:
    """ "oil and gas assets in Texas", "a portfolio of office buildings": assets or a
    unit that no name in the phrase identifies."""
    return token.lemma_.lower() in ctx.lex.unit_nouns and not any(
        t.ent_type_ in ("ORG", "PERSON") for t in token.subtree
    )


# words before a unit noun that are no part of its description ("its", "the", "two",
# "substantially all"); modifiers holding a name make it a named unit
UNIT_SKIPPED_DEPS = ("det", "poss", "predet", "nummod", "quantmod", "advmod", "case", "punct")


def gerund_unit(ctx, token: Token) -> Optional[Token]:
    """ "its payments processing unit", "its benefits outsourcing business" parsed as a
    plural noun with a clause "processing unit": the unit noun the gerund right after
    it took as its only word (besides prepositions hung on it after the unit)."""
    if token.tag_ != "NNS":
        return None
    for clause in token.children:
        if clause.dep_ != "acl" or clause.tag_ != "VBG" or clause.i != token.i + 1:
            continue
        words = [c for c in clause.children if c.dep_ != "prep" or c.i < clause.i]
        if (
            len(words) == 1
            and words[0].dep_ == "dobj"
            and words[0].i == clause.i + 1
            and words[0].lemma_.lower() in ctx.lex.unit_nouns
        ):
            return words[0]
    return None


def unit_words(ctx, token: Token) -> Optional[str]:
    """The text's words for an unnamed unit or assets: "its European operations" ->
    "European operations", "oil and gas assets in Texas" -> "oil and gas assets"; None
    when a name identifies the unit (or a first-person writer owns it)."""
    doc = token.doc
    start = token.i
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "npadvmod"):
            start = min(start, child.left_edge.i)
    while start < token.i and (doc[start].dep_ in UNIT_SKIPPED_DEPS or doc[start].is_punct):
        start += 1
    unit = gerund_unit(ctx, token)
    words = doc[start : (unit.i if unit is not None else token.i) + 1]
    if any(t.ent_type_ in ("ORG", "PERSON", "FAC", "PRODUCT", "WORK_OF_ART") for t in words):
        return None
    if any(t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP", "LOC") for t in words):
        return None  # "its Herrera Coatings business" untagged: a named unit
    return " ".join(words.text.split())


def through_unit(ctx, trigger: Token) -> Optional[Span]:
    """The named unit a buyer acts through: "through its wholly owned subsidiary X",
    "through one of its subsidiaries, X" (a "through"/"via" phrase of the trigger or of
    the verb it depends on)."""
    for verb in (trigger, trigger.head):
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("through", "via"):
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                # not inside an object the parser hung on the unit ("through a unit, all
                # shares of Y": the shares are bought, Y is no unit)
                shifted = {
                    t.i
                    for c in pobj.children
                    if c.dep_ == "appos" and c.lemma_.lower() in ctx.lex.holding_nouns
                    for t in c.subtree
                }
                for token in pobj.subtree:
                    if token.i in shifted:
                        continue
                    ent = context.ent_of(ctx, token)
                    if (
                        ent is not None
                        and ent.label_ == "ORG"
                        and any(t.lemma_.lower() in ctx.lex.unit_nouns for t in pobj.subtree if t.i < ent.start)
                    ):
                        return ent
        if trigger.pos_ != "NOUN":
            break
    return None


def target_side(ctx, trigger: Token) -> bool:
    """A merger noun under "support for", "recommendation of", "recommends" by a board
    or holders: words a target says of its own merger."""
    node = trigger
    for _ in range(4):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in ctx.lex.target_side_words:
            return True
    return False


def raises_debt(ctx, trigger: Token) -> bool:
    """Money raised through debt: "via an offering of notes", "in a bond sale",
    "through the sale of debentures" (a debt noun at most three arcs below the verb,
    reached through a preposition)."""
    frontier = [(c, 1) for c in trigger.children if c.dep_ in ("prep", "dobj")]
    while frontier:
        token, depth = frontier.pop()
        if token.lemma_.lower() in ctx.lex.debt_nouns or token.lower_ in ctx.lex.debt_nouns:
            return True
        if depth < 4:
            frontier += [
                (c, depth + 1)
                for c in token.children
                if c.dep_ in ("prep", "pobj", "compound", "dobj", "conj", "appos")
            ]
    return False


def public_offering(ctx, trigger: Token) -> bool:
    """Money raised from the market, not from named investors: "a rights issue to
    raise 640 mln stg", "raised $410 million in its initial public offering", "the
    offering was aimed at raising ..." (an offering noun governing the verb, its
    subject, or below it through a preposition)."""
    near = [trigger.head] + [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass", "prep")]
    near += [g for c in trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if trigger.dep_ in ("xcomp", "advcl", "acl", "pcomp") and trigger.head.dep_ == "pobj":
        near.append(trigger.head.head.head)
    near += [c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if trigger.dep_ in ("advcl", "xcomp"):
        near += [c for c in trigger.head.children if c.dep_ == "dobj"]  # "launched a rights issue to raise"
    issues = ctx.lex.offering_nouns | SHARE_ISSUE_NOUNS
    return any(t.lemma_.lower() in issues or t.lower_ in issues for t in near)


# Share issues to the market besides the offering nouns of patterns/triggers.yml: "raise
# 5.1 mln stg through the placing of 1.16 mln shares", "a float of part of the unit".
SHARE_ISSUE_NOUNS = frozenset({"placing", "float"})


# Nouns that make a company part of another: "X, a unit of Z".
PART_NOUNS = frozenset({"unit", "subsidiary", "affiliate", "arm", "division"})


def unit_of_another(ctx, party: Span) -> bool:
    """ "Seifert Inc, a unit of Northern Pacific Corp": the party is described, in an
    apposition, as part of another company."""
    for child in party.root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in PART_NOUNS:
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in child.children):
                return True
    return False
