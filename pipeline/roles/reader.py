"""All roles of a Doc: the frames and rules for every person, surnames and pronouns
standing for a person named before, then one settled list (``find_roles``).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Optional

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from ..names import names_match, title_words, titles_match
from ..schema import Role
from ..speedups.tokentests import token_indices
from .employers import Context, DocOrgs, company_for, is_employer, is_place, is_source, sentence_back, sentence_of
from .frames import described_roles, founder_roles, frame_roles, pronoun_roles
from .lexicon import RoleLexicon
from .orgnames import GENERIC, entity_of, name_ending_at
from .people import clean_person, fullest_person, names_a_firm, untagged_people
from .rules import founder_rule_roles, object_roles, post_roles, titled_roles
from .titlelists import FoundRole, read_title_list
from .titles import nxt, read_title, read_title_peek, strip_title

# Confidence of a role read by a frame (pipeline/roles/frames.py).
FRAMED = 0.86


def find_roles(doc: Doc, lex: RoleLexicon) -> list[Role]:
    """The person-title-organisation roles the text states, one per person, title and
    organisation (the fullest name of each person)."""
    ctx = Context(lex, DocOrgs(doc))
    roles: list[Role] = []  # the rules of pipeline/roles/rules.py
    framed: list[Role] = []  # the frames
    people: list[Span] = []
    for ent in ctx.orgs.ents:
        if ent.label_ != "PERSON":
            continue
        person = strip_title(ctx, ent)
        if person is not None:
            person = clean_person(person, lex.frames)
        if person is None or names_a_firm(person):
            continue
        people.append(person)
        roles.extend(titled_roles(ctx, person, roles))
        roles.extend(founder_rule_roles(ctx, person))
        roles.extend(post_roles(ctx, person, roles))
        framed.extend(_frames_of(ctx, person, framed, roles))
    for person in untagged_people(doc, lex.frames, lex.internal_title_words, lex.appointing_verbs):
        people.append(person)
        roles.extend(founder_rule_roles(ctx, person))  # "founded by P and Q", P untagged
        roles.extend(titled_roles(ctx, person, roles))  # "said O analyst P", P tagged as an organisation
        framed.extend(_frames_of(ctx, person, framed, roles))
    people.sort(key=lambda p: p.start)
    framed.extend(_surname_roles(ctx, doc, people, framed, roles))
    framed.extend(_pronoun_roles(ctx, doc, people, framed + roles))
    framed.extend(_predecessor_roles(ctx, people, framed + roles))
    framed.extend(_cofounder_roles(ctx, people, framed + roles))
    framed.extend(_successor_roles(ctx, people, framed + roles))
    return _settle(framed, roles, doc, lex.frames, people, lex.titles)


def _frames_of(ctx, person: Span, framed: list[Role], roles: list[Role]) -> list[Role]:
    """Every frame that starts at a person's name: right after it ("P, 54, T of O",
    "P has served as T"), after the clause the name's verb starts ("P, T of O, is
    also T2 of O2"), at the title noun the name is in apposition to ("O's founders,
    P and Q"), after an appointing verb ("O named P as its T") and the founding and
    title verbs ("P, who founded O", "Q, who chairs O")."""
    doc = person.doc
    data = ctx.lex.frames
    found = frame_roles(doc, person, person.end, data, default_org=_relative_antecedent(doc, person, data))
    if person.root.dep_ in ("pobj", "dobj") and lower_at_(doc, nxt(doc, person.end)) == ",":
        # "P, who co-founded O with Q, is its CEO": Q, an object, is no subject of "is"
        found = [fr for fr in found if fr.frame in ("apposition", "age-title")]
    last = _last_conjunct(ctx, person)
    if last is not None and _plural_after(doc, last.end, data):
        # "P and Q, co-founders of O", "P and Q are the company's co-founders"
        found += frame_roles(doc, person, last.end, data)
    verb_start = _verb_start(person)
    if verb_start is not None:
        found += frame_roles(doc, person, verb_start, data)
        # "P, who stepped down as T of O, now chairs O2"
        found += founder_roles(doc, person, data, ctx.lex.founding_stems, ctx.lex.title_verbs, start=verb_start)
    head = _appos_head(person)
    if head is not None:
        found += described_roles(doc, person, head, data)
    if read_title_peek(doc, nxt(doc, person.end), data):
        # "Mike Boswell chairman of Sunshine Mining Co told Reuters": a title right after
        # the name, with no comma, when it names its organisation
        found += [fr for fr in frame_roles(doc, person, person.end, data, bare=True) if fr.org is not None]
    found += object_roles(ctx, person)
    found += founder_roles(doc, person, data, ctx.lex.founding_stems, ctx.lex.title_verbs)
    return _frame_roles(ctx, person, found, framed + [r for r in roles if not is_place(r.org)])


def lower_at_(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _last_conjunct(ctx, person: Span) -> Optional[Span]:
    """The last of the names joined to a person by "and" or commas after it ("P, Q and R")."""
    doc = person.doc
    last = None
    i = person.end
    for _ in range(4):
        j = nxt(doc, i)
        if lower_at_(doc, j) not in (",", "and", "&"):
            break
        k = nxt(doc, j + 1)
        if lower_at_(doc, k) == "and":
            k = nxt(doc, k + 1)
        ent = entity_of(doc[k]) if k < len(doc) else None
        if ent is None or ent.label_ != "PERSON" or ent.start != k:
            break
        last, i = ent, ent.end
    return last


# Words after coordinated names that share the titles after them with every name.
PLURAL_VERBS = frozenset({"are", "were", "have", "both", "all", "together"})


def _plural_after(doc: Doc, start: int, data) -> bool:
    """The words after coordinated names speak of them all: a plural verb ("P and Q are
    the co-founders") or a plural title ("P and Q, co-founders of O")."""
    for k in range(start, min(len(doc), start + 8)):
        word = doc[k].lower_
        if word in PLURAL_VERBS:
            return True
        title = read_title(doc, k, data) if word.endswith("s") or read_title_peek(doc, k, data) else None
        if title is not None:
            # a plural title ("co-founders", "directors") is written in the singular
            return doc[title.end - 1].lower_.endswith("s") and not title.written.endswith("s")
        if doc[k].text in (".", ";") or word in ("of", "at", "said"):
            return False
    return False


def _relative_antecedent(doc: Doc, person: Span, data) -> Optional[Span]:
    """ "O, a fund for which investor P is investment adviser": the name before the
    relative clause the person opens (its titles without an organisation are at O)."""
    b = person.start - 1
    while b >= 0 and (
        doc[b].is_space
        or doc[b].ent_type_ in ("PERSON", "GPE", "NORP")
        or doc[b].is_lower
        and doc[b].pos_ in ("NOUN", "ADJ")
    ):
        b -= 1  # "New York investor"
    if b < 1 or doc[b].lower_ not in ("which", "whom") or doc[b - 1].lower_ not in ("for", "of", "at", "with"):
        return None
    c = b - 2
    depth = 0
    while c >= 0 and c > b - 14:
        if doc[c].text == "," and depth == 0:
            break
        c -= 1
    # the name before the apposition: "O, a Netherlands Antilles mutual fund for which"
    if c < 1 or doc[c].text != ",":
        return None
    name = name_ending_at(doc, c, data)
    return name if name is not None and is_employer(name, data) else None


def _frame_roles(ctx, person: Span, found: list, known: list[Role]) -> list[Role]:
    """Roles of the frames with their organisation resolved: "the Company", "its"
    stand for the company the text is about."""
    out = []
    # organisations the text names first, so that "its", "our" and titles without
    # one take the organisation named for the same person ("P, our CEO, is also T of O")
    for fr in sorted(found, key=lambda fr: 2 if fr.org is None else 1 if fr.org is GENERIC else 0):
        org = fr.org
        if org is None and fr.title.split()[-1] in ("committee", "subcommittee", "council"):
            continue  # "chair of the audit committee" with no organisation named: a body's post
        if org is GENERIC or org is None:
            # a title of a company's officers with no organisation ("P, chairman and
            # chief executive officer,") is the subject company's, as "its" is
            generic = org is not None or fr.title.lower().removeprefix("former ") in ctx.lex.internal_title_words
            org = company_for(
                ctx, person, out + known, generic=generic, framed=out + [r for r in known if r.confidence == FRAMED]
            )
        if org is None or not is_employer(org, ctx.lex.frames, explicit=org is fr.org):
            continue
        out.append(Role(fr.person, fr.title, org, sentence_of(ctx, person), confidence=FRAMED))
    return out


def _pronoun_hashes(doc: Doc) -> list[int]:
    return [doc.vocab.strings.add("he"), doc.vocab.strings.add("she")]


def _surname_roles(ctx, doc: Doc, people: list[Span], framed: list[Role], roles: list[Role]) -> list[Role]:
    """A surname repeated alone that the model did not tag as a person ("Schleich, 51,
    had been T of O" after "Thomas R. Schleich"): the frames after it, for the full name."""
    surnames = {p[-1].text: p for p in people if len(p) > 1 and p[-1].text[:1].isupper()}
    out: list[Role] = []
    if not surnames:
        return out
    for i in token_indices(doc, ORTH, [doc.vocab.strings.add(name) for name in surnames]):
        token = doc[i]
        full = surnames.get(token.text)
        if full is None or token.ent_type_ == "PERSON" or full.start <= token.i < full.end:
            continue
        ent = entity_of(token) if token.ent_type_ else None
        if ent is not None and len(ent) > 1:
            continue
        alone = Span(doc, token.i, token.i + 1, label="PERSON")
        found = frame_roles(doc, alone, token.i + 1, ctx.lex.frames)
        out.extend(_frame_roles(ctx, alone, found, framed + out + roles))
    return out


def _pronoun_roles(ctx, doc: Doc, people: list[Span], known: list[Role]) -> list[Role]:
    """ "He served as T of O", "at O, where she was T": a pronoun subject stands for
    the last person named in this or the two sentences before."""
    out: list[Role] = []
    if not people:
        return out
    starts = [p.start for p in people]
    for i in token_indices(doc, LOWER, _pronoun_hashes(doc)):
        token = doc[i]
        if token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        before = bisect_left(starts, token.i) - 1
        if before < 0:
            continue
        person = people[before]
        if ctx.orgs.sent_start[person.start] < sentence_back(ctx, token.i, 2):
            continue
        found = pronoun_roles(doc, token.i, person, ctx.lex.frames)
        found += _pronoun_founder(ctx, doc, token.i, person)
        out.extend(_frame_roles(ctx, person, found, known + out))
    for i in token_indices(doc, LOWER, [doc.vocab.strings.add("him"), doc.vocab.strings.add("her")]):
        # "O elected P a vice president and named him chief financial officer"
        before = bisect_left(starts, i) - 1
        if before < 0 or i == 0 or doc[i - 1].lower_ not in ctx.lex.appointing_verbs:
            continue
        person = people[before]
        if ctx.orgs.sent_start[person.start] != ctx.orgs.sent_start[i]:
            continue
        found = object_roles(ctx, Span(doc, i, i + 1, label="PERSON"))
        found = [FoundRole(person, fr.title, fr.org, fr.frame) for fr in found]
        out.extend(_frame_roles(ctx, person, found, known + out))
    return out


def _pronoun_founder(ctx, doc: Doc, pronoun: int, person: Span) -> list:
    """ "He founded O in 2012", "O, which she co-founded in 2015": a founding verb after
    a pronoun standing for the person (its object, or the name before "which")."""
    data = ctx.lex.frames
    found = founder_roles(doc, person, data, ctx.lex.founding_stems, start=pronoun + 1)
    if found:
        return found
    w = pronoun - 1
    if w < 2 or doc[w].lower_ not in ("which", "that") or doc[w - 1].text != ",":
        return []
    verb = nxt(doc, pronoun + 1)
    word = _lower_at(doc, verb)
    stem = word[:-2] if word.endswith("ed") else word
    if stem not in ctx.lex.founding_stems or word == stem:
        return []
    org = name_ending_at(doc, w - 1, data)
    if org is None or not is_employer(org, data):
        return []
    return [FoundRole(person, "co-founder" if word.startswith("co") else "founder", org, "founded")]


def _verb_start(person: Span) -> Optional[int]:
    """Where the clause of the verb a person is the subject of starts, when something
    stands between the name and it ("P, 58, T of O, is also T2 of O2")."""
    root = person.root
    if root.dep_ not in ("nsubj", "nsubjpass") or root.head.i < person.end:
        return None
    verb = root.head
    first = min(
        [verb.i]
        + [c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "advmod") and person.end < c.i < verb.i]
    )
    if first <= person.end + 1:
        return None
    return first


def _appos_head(person: Span) -> Optional[Token]:
    """The noun a person's name stands in apposition to: "the new chief executive of O,
    P,", "O's founders, P and Q"."""
    root = person.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    if root.dep_ == "appos" and root.head.i < person.start and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head
        if root.i == person.root.i and any(t.ent_type_ == "PERSON" for t in person.doc[head.i + 1 : person.start]):
            return None  # "O chief executive P and finance chief Q": Q's titles are their own
        if head.dep_ == "pobj" and head.head.lower_ in ("of", "at") and head.head.head.pos_ == "NOUN":
            return head.head.head  # "the new chief executive of O, P": attached to O
        return head
    return None


def _org_name(org: Span) -> str:
    """The name an organisation is written out with (its canonical alias, as in export)."""
    canonical = org._.canonical if org.has_extension("canonical") else None
    return " ".join((canonical or org.text).lower().split())


def _title_key(title: str) -> tuple[str, ...]:
    """A title for telling duplicates apart: abbreviations spelt alike, "former" and
    "of the board (of directors)" left out, a co-founder is a founder."""
    words = [w for w in title_words(title) if w != "former"]
    text = " ".join(words)
    for tail in (" of the board of directors", " of the board"):
        if text.endswith(tail) and len(text) > len(tail):
            text = text[: -len(tail)]
    text = text.replace("co-founder", "founder").replace("co founder", "founder").replace("cofounder", "founder")
    return tuple(text.split())


def _settle(framed: list[Role], roles: list[Role], doc: Doc, data, people: list[Span], titles: dict) -> list[Role]:
    """The roles of the frames first, then those of the older rules unless a frame read
    the same person and title with another organisation; every role names an employer;
    a surname repeats the fullest name; one role per person, title and organisation."""
    employers = {_org_name(role.org) for role in framed if role.org is not None}
    out: list[Role] = []
    seen: set = set()
    framed_titles = {}
    for role in framed:
        framed_titles.setdefault(_title_key(role.title), []).append(role)
    for role in framed + roles:
        if role.org is None or not is_employer(role.org, data, explicit=role in framed) or is_source(role.org, data):
            continue
        if role not in framed:
            if any(
                names_match(r.person.text, role.person.text)
                and names_match(_org_name(r.org), _org_name(role.org))
                and (titles_match(r.title, role.title) or titles.get(r.title.lower()) == role.title)
                for r in framed
            ):
                continue  # "consultant" beside the frame's "senior consultant"
            if is_place(role.org) or any(t.lower_ in data.not_person_words for t in role.person):
                continue
            rivals = framed_titles.get(_title_key(role.title), [])
            if any(
                names_match(r.person.text, role.person.text) and not names_match(r.org.text, role.org.text)
                for r in rivals
            ):
                continue
        if " ".join(role.person.text.lower().split()) in employers:
            continue  # "Sjöberg Mellor" tagged as a person and also read as an employer
        person = fullest_person(role.person, people)
        org = _spelt_out(role.org, data) if role.org is not GENERIC else role.org
        key = (person.text.lower(), _title_key(role.title), _org_name(org))
        if key in seen:
            continue
        seen.add(key)
        if person is not role.person or org is not role.org:
            role = Role(person, role.title, org, role.evidence, confidence=role.confidence)
        out.append(role)
    return out


def _spelt_out(org: Span, data) -> Span:
    """The name an acronym stands for where the text defines it: "BIL" after
    "Schmiedecke Investments Ltd (BIL)", "<Schmiedecke Investments Ltd> (BIL)"."""
    text = org.text
    if len(org) != 1 or not (2 <= len(text) <= 6 and text.isupper() and text.isalpha()):
        return org
    doc = org.doc
    for i in range(1, len(doc) - 2):
        if doc[i].text == "(" and doc[i + 1].text == text and doc[i + 2].text == ")":
            name = name_ending_at(doc, i, data)
            if name is not None and len(name) > 1 and is_employer(name, data):
                return name
    return org


SUCCEEDING = frozenset(
    {"succeeding", "replacing", "succeeds", "replaces", "succeed", "replace", "succeeded", "replaced"}
)
# Words of the predecessor's clause that say the post is left now or later ("who is
# stepping down", "who will retire"): the predecessor still holds it, bare title.
STILL_IN_POST = frozenset({"is", "will", "plans", "intends", "remains"})


def _predecessor_roles(ctx, people: list[Span], framed: list[Role]) -> list[Role]:
    """ "O named P as its T, replacing Q, who retired": Q held T at O ("former T"), or
    holds it while leaving ("succeeding Q, who is stepping down": T); "P will succeed Q as
    T": the titles after "as". Otherwise only the post P takes right before the verb, the
    last title written before it."""
    doc = ctx.orgs.doc
    data = ctx.lex.frames
    out: list[Role] = []
    by_start = {p.start: p for p in people}
    done: set = set()
    for role in framed:
        if role.title.startswith("former ") or role.org is None:
            continue
        sent = sentence_of(ctx, role.person)
        for i in range(role.person.end, sent.end - 1):
            if doc[i].lower_ not in SUCCEEDING:
                continue
            j = nxt(doc, i + 1)
            while j < sent.end and doc[j].lower_ in ("mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr."):
                j = nxt(doc, j + 1)
            other = by_start.get(j)
            if other is None or other.start == role.person.start or (other.start, role.org.start) in done:
                break
            k = nxt(doc, other.end)
            orgs = [role.org]
            if _lower_at(doc, k) == "as":
                items, _ = read_title_list(doc, nxt(doc, k + 1), data)
                titles = [item.title.written for item in items]
                named = [o for item in items for o in item.orgs if o is not GENERIC]
                orgs = named[:1] or orgs  # "to replace Q as chairman of O2"
                still = False
            else:
                if not _last_title_before(doc, role.person.end, i, role.title, data) or not any(
                    doc[x].lower_ in ctx.lex.appointing_verbs or doc[x].lemma_ in ("become", "take", "name", "appoint")
                    for x in range(sent.start, i)
                ):
                    break  # "P, chairman of O, will succeed Q on the board": not the post P takes
                titles = [role.title]
                if k < sent.end and doc[k].text == ",":
                    k = nxt(doc, k + 1)
                still = _lower_at(doc, k) == "who" and _lower_at(doc, nxt(doc, k + 1)) in STILL_IN_POST
                if still and _stays_as(doc, nxt(doc, k + 1), sent.end):
                    still = False  # "replacing Q, who will remain as vice chairman": Q leaves T
            done.add((other.start, role.org.start))
            for title in titles:
                written = title if still or title.startswith("former ") else f"former {title}"
                out.append(Role(other, written, orgs[0], sent, confidence=FRAMED))
            break
    return out


def _stays_as(doc: Doc, i: int, end: int) -> bool:
    """ "(who) will remain as T2", "remains as T2": the predecessor keeps another post."""
    k = i
    while k < end and k < i + 3 and doc[k].lower_ in ("will", "is", "remains", "remain", "stay", "stays", "continue"):
        if doc[k].lower_ in ("remains", "remain", "stay", "stays", "continue") and _lower_at(doc, nxt(doc, k + 1)) in (
            "as",
            "on",
            "to",
        ):
            return True
        k = nxt(doc, k + 1)
    return False


def _lower_at(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _last_title_before(doc: Doc, start: int, verb: int, title: str, data) -> bool:
    """``title`` is the last title written between ``start`` and ``verb`` (the new post
    the successor takes right before "replacing Q")."""
    last = None
    i = start
    while i < verb:
        t = read_title(doc, i, data)
        if t is not None and t.end <= verb:
            last, i = t, t.end
        else:
            i += 1
    return last is not None and last.written == title


def _cofounder_roles(ctx, people: list[Span], found: list[Role]) -> list[Role]:
    """ "P co-founded O with his sister, Q": the person after "with" (and a noun for
    them) founded O too."""
    doc = ctx.orgs.doc
    out: list[Role] = []
    by_start = {p.start: p for p in people}
    for role in found:
        if role.title not in ("founder", "co-founder") or role.org is None or role.org is GENERIC:
            continue
        sent = sentence_of(ctx, role.person)
        if not sent.start <= role.org.start < sent.end:
            continue
        k = nxt(doc, role.org.end)
        while k < sent.end and doc[k].lower_ not in ("with", ".", ";") and k < role.org.end + 6:
            k = nxt(doc, k + 1)  # "O in 2016 with Q"
        if _lower_at(doc, k) != "with":
            continue
        j = nxt(doc, k + 1)
        if _lower_at(doc, j) in ("his", "her", "their", "a", "an", "the", "fellow"):
            j = nxt(doc, j + 1)
        m = j
        while m < sent.end and m < j + 3 and doc[m].is_lower and doc[m].is_alpha:
            m = nxt(doc, m + 1)  # "his sister", "former colleague"
        if m != j and _lower_at(doc, m) == ",":
            m = nxt(doc, m + 1)
        other = by_start.get(m)
        if other is None or other.start == role.person.start:
            continue
        out.append(Role(other, "co-founder", role.org, sent, confidence=FRAMED))
    return out


def _successor_roles(ctx, people: list[Span], found: list[Role]) -> list[Role]:
    """ "P, who was the CEO of O, was replaced by his nephew Q in 2018 as CEO": Q holds
    the titles after "as" at P's organisation."""
    doc = ctx.orgs.doc
    data = ctx.lex.frames
    out: list[Role] = []
    by_start = {p.start: p for p in people}
    seen: set = set()
    for role in found:
        if role.org is None or role.org is GENERIC or role.person.start in seen:
            continue
        sent = sentence_of(ctx, role.person)
        for i in range(role.person.end, sent.end - 2):
            if doc[i].lower_ not in ("replaced", "succeeded") or _lower_at(doc, nxt(doc, i + 1)) != "by":
                continue
            j = nxt(doc, nxt(doc, i + 1) + 1)
            if _lower_at(doc, j) in ("his", "her", "their", "a", "an", "the"):
                j = nxt(doc, j + 1)
            while j < sent.end and j < i + 8 and doc[j].is_lower and doc[j].is_alpha:
                j = nxt(doc, j + 1)  # "his nephew"
            if _lower_at(doc, j) == ",":
                j = nxt(doc, j + 1)
            other = by_start.get(j)
            if other is None or other.start == role.person.start:
                break
            k = nxt(doc, other.end)
            while k < sent.end and k < other.end + 8 and _lower_at(doc, k) != "as" and not doc[k].is_punct:
                k = nxt(doc, k + 1)  # "in July 2018"
            if _lower_at(doc, k) != "as":
                break
            items, _ = read_title_list(doc, nxt(doc, k + 1), data)
            seen.add(role.person.start)
            for item in items:
                orgs = [o for o in item.orgs if o is not GENERIC] or [role.org]
                out.append(Role(other, item.title.written, orgs[0], sent, confidence=FRAMED))
            break
    return out
