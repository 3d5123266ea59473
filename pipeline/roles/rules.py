"""The constructions read from the dependency parse rather than by a frame: titles
before a name ("Varn CEO P", "President P"), after it ("P, chairman of O"), described by
the noun a name is in apposition to, posts governed by a verb ("P will assume the title of
president"), founding verbs ("founded by P"), and appointing verbs ("O named P its T").
Each function takes a ``Context`` (the lexicon and the Doc's organisations) and a person.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from ..names import names_match
from ..schema import Role
from .employers import is_employer, is_place, nearest_org, org_for, previous_subject_org, sentence_of, subject_company
from .frames import frame_roles
from .orgnames import (
    GENERIC,
    entity_of,
    name_at,
    name_ending_at,
    org_after_of,
    org_ending_at,
    org_starting_at,
    read_orgs,
    untagged_name_ending_at,
)
from .titles import (
    JOINERS,
    nxt,
    plural_title,
    prv,
    strip_title,
    title_after,
    title_before,
    titles_a_next_person,
    titles_before,
)

# Words between a title and its organisation in these rules ("chairman of O", "analyst at O").
OF_AT_FOR = frozenset({"of", "at", "for"})


def _sharing_clause(verb: Token) -> list[Span]:
    """People in an "as is/was ..." clause that repeats the verb for them: "P is resigning
    as a director, as is Q, R and S"."""
    people = []
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.lemma_ not in ("be", "do", "have"):
            continue
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in clause.children):
            continue
        for subject in clause.children:
            if subject.dep_ != "nsubj":
                continue
            for token in [subject, *(t for t in subject.subtree if t.dep_ in ("conj", "appos"))]:
                ent = entity_of(token)
                if ent is not None and ent.label_ == "PERSON" and ent.root == token:
                    people.append(ent)
    return people


def _governing_verb(token: Token) -> tuple[Optional[Token], Optional[str]]:
    """The verb a person attaches to as subject, agent ("by P") or "with P" partner."""
    if token.dep_ in ("nsubj",) and token.head.pos_ == "VERB":
        return token.head, "nsubj"
    if token.dep_ == "pobj" and token.head.dep_ in ("agent", "prep") and token.head.lower_ in ("by", "with"):
        return token.head.head, "by"
    if token.dep_ == "conj":
        return _governing_verb(token.head)
    if token.dep_ == "appos" and token.head.dep_ == "pobj" and token.head.head.lower_ == "with":
        return _governing_verb(token.head)  # "co-founded O with his sister, P"
    return None, None


def _qualifier_name(ctx, doc, start: int) -> Optional[Span]:
    """The name before a title that the model did not tag as an organisation, with a
    bracket after it: "Bache Securities (Japan) analyst P"."""
    b = prv(doc, start - 1)
    if b < 0:
        return None
    if doc[b].text == ")":
        o = b
        while o > 0 and doc[o].text != "(" and b - o < 6:
            o -= 1
        if doc[o].text != "(":
            return None
        b = prv(doc, o - 1)
    if b < 0 or not doc[b].text[:1].isupper() or doc[b].is_sent_start and (doc[b].is_stop or not doc[b].is_alpha):
        return None  # "The chief executive P", "Its chairman P"; but "Weihmann chief executive P"
    org = name_ending_at(doc, b + 1, ctx.lex.frames)
    if org is None or is_place(org) or not is_employer(org, ctx.lex.frames):
        return None
    lowered = doc[start].lower_
    if (
        len(org) == 1
        and org[0].is_sent_start
        and org[0].pos_ != "PROPN"
        and (lowered in ctx.lex.outside_titles or lowered in ctx.lex.speaker_titles)
    ):
        return None  # "Industry analyst P", "Presidential spokesman P": a common word opening the sentence
    return org


def _owner_before_descriptor(ctx, doc, start: int) -> Optional[Span]:
    """ "O's management board chairman P": the possessive name before lower-case words
    describing the post."""
    b = prv(doc, start - 1)
    count = 0
    while b >= 0 and count < 3 and doc[b].is_lower and doc[b].is_alpha and not doc[b].is_stop:
        b, count = prv(doc, b - 1), count + 1
    if not count or b < 1 or doc[b].text not in JOINERS:
        return None
    org = org_ending_at(doc, b + 1) or name_ending_at(doc, b, ctx.lex.frames)
    if org is None or is_place(org) or not is_employer(org, ctx.lex.frames):
        return None
    return org


# Lower-case words naming a body whose post a title before a name is: "subcommittee
# Chairman P", "union president P".
BODY_QUALIFIERS = frozenset(
    {"committee", "subcommittee", "council", "panel", "commission", "union", "association", "caucus"}
)


def _qualified_title(doc, start: int, title_words: frozenset) -> bool:
    """A title before a name that a word the model did not read as an organisation
    qualifies: a place, a nationality, a capitalised word ("Iraqi President P", "Defence
    Secretary P", "Seafarers in India president P"). Its organisation is that word's or
    none, never one guessed from the sentence."""
    b = prv(doc, start - 1)
    if b < 0 or doc[b].is_punct or doc[b].is_sent_start and doc[b].ent_type_ not in ("GPE", "NORP", "LOC"):
        return False  # but "Cuban president P" opening a sentence is qualified
    t = doc[b]
    titled = t.lower_ in title_words and not t.is_stop  # "of" is in "member of the board"
    head_of_state = doc[start].text == "President" or (
        doc[start].text == "Vice" and start + 1 < len(doc) and doc[start + 1].text == "President"
    )
    if head_of_state and not titled and t.lower_ not in ("and", "&", "its", "our", "their"):
        return True  # "asked President P", "in light of President P's comment": a head of state
    if t.lower_ in BODY_QUALIFIERS:
        return True  # "subcommittee Chairman P": a body's post, no company's
    if titled:
        return False  # "said President Chairman P": titles, no qualifier
    return t.ent_type_ in ("GPE", "NORP", "LOC") or (
        t.text[:1].isupper() and t.is_alpha and t.lower_ not in ("the", "a", "an")
    )


def _unnamed_body(doc, i: int) -> bool:
    """Lower-case words naming a body that is no company's ("the foreign debt committee",
    "the city council", "a trade association"), after "of"."""
    k = i
    while k < len(doc) and k < i + 6 and doc[k].is_lower and doc[k].is_alpha:
        if doc[k].lower_ in ("committee", "council", "association", "commission", "union", "subcommittee", "panel"):
            return True
        k += 1
    return False


def _former_before(doc, start: int) -> bool:
    """ "former" (or "ex-") right before an organisation's name that a title follows."""
    b = prv(doc, start - 1)
    if b >= 0 and doc[b].text == "-":
        b = prv(doc, b - 1)
    return b >= 0 and doc[b].lower_ in ("former", "ex")


def _shared_plural_titles(ctx, person: Span) -> list[tuple[int, str]]:
    """ "O co-founders P and Q": the plural title before the first of coordinated names
    is the later names' too."""
    doc = person.doc
    b = prv(doc, person.start - 1)
    for _ in range(3):
        if b < 1 or doc[b].lower_ not in ("and", ",", "&"):
            return []
        first = entity_of(doc[prv(doc, b - 1)])
        if first is None or first.label_ != "PERSON":
            return []
        titles = titles_before(ctx, first.start, doc)
        if titles:
            plural = doc[prv(doc, first.start - 1)].lower_.endswith("s")
            return titles if plural else []
        b = prv(doc, first.start - 1)
    return []


def titled_roles(ctx, person: Span, known: list[Role]) -> list[Role]:
    doc = person.doc
    found = []
    before = titles_before(ctx, person.start, doc)
    if not before:
        before = _shared_plural_titles(ctx, person)
    if before:
        start = before[-1][0]
        org = org_ending_at(doc, start) or untagged_name_ending_at(doc, start)
        if org is None:
            org = _qualifier_name(ctx, doc, start)
        if org is None:
            org = _owner_before_descriptor(ctx, doc, start)
        b = prv(doc, start - 1)
        if org is None and b >= 0 and doc[b].lower_ in ctx.lex.frames.company_pronouns:
            # "its finance chief P": the company the sentence is about
            org = subject_company(ctx, person) or previous_subject_org(ctx, person)
        follow = nxt(doc, person.end)
        if org is None and follow < len(doc) - 1 and doc[follow].lower_ in OF_AT_FOR | {"with"}:
            # "analyst P of O", "analyst P with O"
            org = org_starting_at(doc, follow + 1) or next(iter(read_orgs(doc, follow + 1, ctx.lex.frames)[0]), None)
        qualified = org is None and _qualified_title(doc, start, ctx.lex.frames.title_words)
        if org is not None and _former_before(doc, org.start):
            # "Former O chief executive P": the post is a former one
            before = [(s, t if t.startswith("former ") else f"former {t}") for s, t in before]
        for _, title in before:
            title_org = org if org is not None or qualified else org_for(ctx, person, title, known)
            if title_org is not None or title.lower() not in ctx.lex.needs_org:
                found.append(
                    Role(
                        person,
                        title,
                        title_org,
                        sentence_of(ctx, person),
                        confidence=0.85 if title_org is not None else 0.6,
                    )
                )
    found.extend(_described(ctx, person, known))
    # "P, TITLE of ORG" / "P, ORG's TITLE" / "P, TITLE"
    i = person.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
        while i < len(doc) and doc[i].lower_ in ctx.lex.title_adverbs:
            i += 1
        if i + 1 < len(doc) and doc[i].lemma_.lower() in ctx.lex.company_nouns and doc[i + 1].text in JOINERS:
            # "said P, the company's chief executive": the company the text is about
            titles = []
            after = title_after(ctx, i + 2, doc)
            while after is not None:
                titles.append(after[1])
                following = after[0] + 1 if after[0] < len(doc) and doc[after[0]].lower_ == "and" else None
                after = title_after(ctx, following, doc) if following is not None else None
            org = subject_company(ctx, person) or previous_subject_org(ctx, person) or nearest_org(ctx, person)
            return found + [
                Role(person, title, org, sentence_of(ctx, person), confidence=0.75)
                for title in titles
                if org is not None
            ]
        if (
            i + 1 < len(doc)
            and doc[i].pos_ in ("NOUN", "ADJ")
            and doc[i].is_lower
            and title_after(ctx, i, doc) is None
            and title_after(ctx, i + 1, doc) is not None
        ):
            i += 1  # "P, a transport analyst at X"
        org_first = org_starting_at(doc, i)
        if org_first is not None:
            j = org_first.end
            while j < len(doc) and doc[j].text in JOINERS:
                j += 1
            after = title_after(ctx, j, doc)
            if after is not None:
                found.append(Role(person, after[1], org_first, sentence_of(ctx, person), confidence=0.85))
            return found
        after = title_after(ctx, i, doc)
        if after is not None and titles_a_next_person(ctx, after[0], doc):
            return found  # "Maharashtra, co-founder and CEO P said": the titles are P's
        while after is not None:
            end, title = after
            org = None
            if end < len(doc) and doc[end].lower_ in OF_AT_FOR:
                org = org_after_of(doc, end)
                if org is None and _unnamed_body(doc, end + 1):
                    break  # "P, chairman of the foreign debt committee": not the company's
            if org is None:
                org = org_for(ctx, person, title, known)
            if org is not None or title.lower() not in ctx.lex.needs_org:
                found.append(
                    Role(person, title, org, sentence_of(ctx, person), confidence=0.8 if org is not None else 0.5)
                )
            following = end + 1 if end < len(doc) and doc[end].lower_ == "and" else None
            after = title_after(ctx, following, doc) if following is not None else None
    return found


def _described(ctx, person: Span, known: list[Role]) -> list[Role]:
    """A title that describes the person from outside the name: "Kinsey's chief
    executive, P,", "its co-founders, P and Q,", "P, who is the company's chief
    executive"."""
    root = person.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ == "appos" and titles_before(ctx, person.start, person.doc):
        return []  # "its adviser, chief executive P said": P's own titles come first
    if root.dep_ == "appos":
        noun = root.head
    elif root.dep_ == "attr" and root.head.lemma_ == "be":
        # "Its chairman is P"
        noun = next((c for c in root.head.children if c.dep_ == "nsubj"), None)
    else:
        clause = next(
            (c for c in person.root.children if c.dep_ == "relcl" and c.lemma_ in ("be", "remain", "serve")), None
        )
        noun = next((c for c in clause.children if c.dep_ == "attr"), None) if clause is not None else None
    if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
        return []
    doc = person.doc
    titles = titles_before(ctx, noun.i + 1, doc)
    for other in noun.conjuncts:  # "X's co-founder and chief executive, P"
        if other.i > noun.i:
            titles = [t for t in titles_before(ctx, other.i + 1, doc) if t[0] > noun.i] + titles
    if not titles and noun.lower_.endswith("s"):
        plural = plural_title(ctx, noun)
        titles = [plural] if plural is not None else []
    if not titles:
        return []
    roles = []
    for title in titles:
        roles.extend(_described_title(ctx, person, noun, title, titles[-1][0], known))
    return roles


def _described_title(
    ctx, person: Span, noun: Token, title: tuple[int, str], first: int, known: list[Role]
) -> list[Role]:
    doc = person.doc
    start, name = first, title[1]
    org = org_ending_at(doc, start) or untagged_name_ending_at(doc, start)
    if org is None and noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ in OF_AT_FOR:
        org = org_after_of(doc, noun.i + 1)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if org is None and owner is not None:
        org = (
            subject_company(ctx, person) or previous_subject_org(ctx, person) or nearest_org(ctx, person)
        )  # "its", "the company's"
    if org is None:
        org = org_for(ctx, person, name, known)
    if org is None and name.lower() in ctx.lex.needs_org:
        return []
    return [Role(person, name, org, sentence_of(ctx, person), confidence=0.8 if org is not None else 0.5)]


def post_roles(ctx, person: Span, known: list[Role]) -> list[Role]:
    """ "P will assume the title of president", "P is resigning as a director", "P was
    named chairman of X"; people sharing the clause (", as is CFO Q, R and S") hold the
    same post."""
    root = person.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in ctx.lex.role_verbs:
        verb = root.head
    else:
        # "P, who serves as co-founder and CTO"
        verb = next(
            (
                c
                for c in root.children
                if c.dep_ == "relcl"
                and c.lemma_.lower() in ctx.lex.role_verbs
                and any(s.dep_ == "nsubj" and s.lower_ in ("who", "that") for s in c.children)
            ),
            None,
        )
    if verb is None:
        return []
    roles = []
    for title_token in _post_titles(ctx, verb):
        title = title_before(ctx, title_token.i + 1, person.doc)
        if title is None or title[0] <= verb.i:
            continue
        org = _post_org(ctx, person, title_token, title, known)
        if org is None and title[1].lower() in ctx.lex.needs_org:
            continue
        confidence = 0.75 if org is not None else 0.5
        holders = [person, *(strip_title(ctx, ent) for ent in _sharing_clause(verb))]
        roles.extend(
            Role(holder, title[1], org, sentence_of(ctx, person), confidence=confidence)
            for holder in holders
            if holder is not None
        )
    return roles


def _post_titles(ctx, verb: Token) -> list[Token]:
    """The title words a post verb governs: "as a director", "named chairman", "the
    title of president"."""
    found = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            found.extend(t for c in child.children if c.dep_ == "pobj" for t in (c, *c.conjuncts))
        elif child.dep_ in ("attr", "oprd"):
            found.append(child)
        elif child.dep_ == "dobj" and child.lemma_.lower() in ctx.lex.post_nouns:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def _post_org(ctx, person: Span, title_token: Token, title: tuple[int, str], known: list[Role]) -> Optional[Span]:
    """ "as president of X", "as X president", else the organisation of another post
    the person holds in the text, else as for any title."""
    doc = person.doc
    end = title_token.i + 1
    if end < len(doc) and doc[end].lower_ in OF_AT_FOR:
        org = org_after_of(doc, end)
        if org is not None:
            return org
    org = org_ending_at(doc, title[0])
    if org is not None:
        return org
    same = [role.org for role in known if role.org is not None and names_match(role.person.text, person.text)]
    if same:
        return same[-1]
    return org_for(ctx, person, title[1], known)


def founder_rule_roles(ctx, person: Span) -> list[Role]:
    """ "X was founded by P", "P founded X", "P co-founded X with Q"."""
    root = person.root
    verb, via = _governing_verb(root)
    if verb is None:
        return []
    word = verb.text.lower()
    # the lemmatizer does not know "co-founded": try the word without its ending too
    forms = (verb.lemma_.lower(), word.removesuffix("ed"), word.removesuffix("d"), word.removesuffix("ing"))
    title = next((ctx.lex.founding_verbs[form] for form in forms if form in ctx.lex.founding_verbs), None)
    if (
        title is None
        and verb.lemma_.lower() == "set"
        and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
    ):
        title = "founder"  # "set up by P"
    if title is None:
        return []
    doc = person.doc
    if verb.i >= 2 and doc[verb.i - 1].text == "-" and doc[verb.i - 2].lower_ == "co":
        title = "co-founder"  # "co-founded" splits into "co", "-", "founded"
    org = None
    company_object = False
    for child in verb.children:
        if child.dep_ in ("nsubjpass", "dobj"):
            ent = entity_of(child)
            if ent is not None and ent.label_ == "ORG":
                org = ent
            elif child.lemma_.lower() in ctx.lex.company_nouns and any(
                c.lower_ in ("the", "this") for c in child.children
            ):
                company_object = True  # "P co-founded the company in 2016"
    if org is None:
        for child in verb.children:
            if child.dep_ == "nsubjpass" and child.pos_ == "PROPN":
                org = name_ending_at(doc, child.i + 1, ctx.lex.frames)  # "Nairobi-based X was set up by P"
    if org is None and verb.dep_ in ("acl", "relcl"):
        # "Tapia, founded in 2015 by P", "The startup, founded by P and Q"
        described = entity_of(verb.head)
        if described is None and verb.head.pos_ == "PROPN":
            described = name_ending_at(doc, verb.head.i + 1, ctx.lex.frames)
        if described is not None and described.label_ == "ORG":
            org = described
        elif verb.head.lemma_.lower() in ctx.lex.company_nouns:
            org = previous_subject_org(ctx, person)
    if org is None and via == "nsubj" and not company_object:
        return []
    if org is None:
        org = nearest_org(ctx, person)
    if org is None:
        return []
    return [Role(person, title, org, sentence_of(ctx, person), confidence=0.8)]


# Subjects of an appointing verb that appoint for the company the text is about: "its
# board elected P president", "shareholders elected P a director".
ELECTING_BODIES = ("board", "directors", "shareholders", "stockholders", "trustees")


def object_roles(ctx, person: Span) -> list:
    """ "O named P (as) its T", "it elected P T": the organisation is the verb's
    subject unless the title names one."""
    doc = person.doc
    before = prv(doc, person.start - 1)
    if before >= 0 and doc[before].lower_ in ctx.lex.appointing_verbs:
        verb = doc[before]
    elif person.root.dep_ in ("dobj", "oprd") and person.root.head.lower_ in ctx.lex.appointing_verbs:
        verb = person.root.head  # "O hired former Apple executive P as COO": words describing P between
    else:
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":
        # "it elected P a vice president and named him T": the first verb's subject
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "acl" and verb.head.lower_ in ELECTING_BODIES:
        subject = verb.head  # "The board of O named P ...", parsed as a noun phrase
    org = None
    if subject is not None:
        org = entity_of(subject)
        if org is None or org.label_ != "ORG":
            org = name_at(doc, subject.left_edge.i, ctx.lex.frames) if subject.pos_ == "PROPN" else None
            if org is None and subject.lower_ in ctx.lex.frames.company_nouns:
                # "Payments firm Geisel appointed P"
                org = name_at(doc, nxt(doc, subject.i + 1), ctx.lex.frames)
            if org is None and subject.lower_ in ELECTING_BODIES:
                # "the board of O named P its chairman": O
                of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                named = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                if named is not None and named.pos_ == "PROPN":
                    org = entity_of(named) or name_ending_at(doc, named.i + 1, ctx.lex.frames)
            if org is None and subject.lower_ in ("it", "company", "firm", "bank", "group") + ELECTING_BODIES:
                org = GENERIC  # "its board elected P president": the company's post
    elif verb.text[:1].isupper() and verb.i > 0:
        # a headline in title case, which the parser reads as one name: "Naser Motors
        # Appoints Jane Kim as Chief Marketing Officer"
        org = name_ending_at(doc, verb.i, ctx.lex.frames)
        if org is not None and (not is_employer(org, ctx.lex.frames) or is_place(org)):
            org = None
    if org is None:
        return []
    j = nxt(doc, person.end)
    if j < len(doc) and doc[j].lower_ in ("as", "to"):
        j += 1
    found = frame_roles(doc, person, j, ctx.lex.frames, default_org=org, bare=True)
    if not found:
        # "O appointed P, previously T2 at O2, as T": the verb's "as"
        prep = next(
            (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("as", "to") and c.i > person.end), None
        )
        if prep is not None:
            found = frame_roles(doc, person, prep.i + 1, ctx.lex.frames, default_org=org, bare=True)
    return found
