"""Employer resolution: which organisation a person holds a title at.

Syntax first (the organisation the frame or rule read next to the title), then the company
the article is about at that point (the last organisation that was a subject, the
organisation of the person's other roles, of the officer named just before). Never a
board, committee, regulator or government body guessed from a nearby name, a news outlet
quoted as a source, nor a place.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span

from ..components.paragraphs import PARAGRAPH_BREAK, is_hard_wrapped
from ..names import names_match
from ..schema import Role
from .lexicon import RoleFrameData, RoleLexicon
from .orgnames import GENERIC, SUFFIXES, TITLE_WORDS, entity_of, name_ending_at
from .titles import JOINERS, lower_at, nxt, prv, read_title_peek


@dataclass
class Context:
    """What the rules read for one Doc: the pattern data and the Doc's organisations."""

    lex: RoleLexicon
    orgs: DocOrgs


# Titles that a person's name follows, not a company's ("former president Anton
# Velasko"; but "fund manager Orhan Yatirimci" may name a firm).
PERSONAL_TITLES = frozenset(
    {"president", "chairman", "chairwoman", "minister", "premier", "senator", "governor", "ceo"}
)


def is_employer(org, data: RoleFrameData, explicit: bool = False) -> bool:
    """Not a board, a committee, a place, a nationality, nor words that cannot name one;
    a regulator or a government body only when the text says so ("chairman of the
    Securities and Exchange Commission": ``explicit``), never as a guess."""
    if org is None:
        return False
    if org is GENERIC:
        return True
    words = [t.lower_.replace(".", "") for t in org if not t.is_punct and not t.is_space]
    if not words:
        return False
    heads = data.not_employer_heads - data.government_heads if explicit else data.not_employer_heads
    if words[-1] in heads or words[0] in heads and len(words) == 1:
        return False
    if org.label_ in ("GPE", "NORP", "LOC", "DATE"):
        return False
    if all(t.ent_type_ == "NORP" for t in org if not t.is_space and not t.is_punct):
        return False  # "British": a nationality
    tokens = [t for t in org if not t.is_punct and not t.is_space]
    if words[0] in ("effective", "pursuant", "section", "exhibit", "table", "dated", "since", "during", "prior"):
        return False  # "Effective October 30", "Pursuant to ...": a clause, not a name
    if all(
        w in data.not_employer_words
        or w in data.department_words
        or w in data.company_nouns
        or w in SUFFIXES
        or w in data.title_words
        for w in words
    ) or (
        # "Philippine Finance", "Defence": a place or nationality before a ministry's word
        any(w in data.department_words for w in words)
        and all(w in data.department_words or t.ent_type_ in ("GPE", "NORP", "LOC") for w, t in zip(words, tokens))
    ):
        return False  # "Sales and Marketing", "LLC", "the Company", "Chief Executive Officer", "Philippine Finance"
    doc = org.doc
    if all(t.is_upper for t in tokens if t.is_alpha) and "\n" not in doc.text[: org.start_char] and "\n" in doc.text:
        return False  # the capitalised headline run into a name: "ACME NAMES NEW"
    if any(t.ent_type_ == "PERSON" for t in tokens) and any(w in data.title_words for w in words[:1]):
        return False  # "President Anton Velasko": a person with a title
    before = doc[org.start - 1].lower_ if org.start > 0 else ""
    if before in PERSONAL_TITLES and all(t.ent_type_ == "PERSON" for t in tokens):
        return False  # "a rival of former president Anton Velasko": the title is before the name
    return True


def is_source(org, data: RoleFrameData) -> bool:
    """An organisation quoted as a source, not an employer: "told Reuters", "according
    to X", "in an interview with X", "the X newspaper"."""
    if org is None or org is GENERIC:
        return False
    doc = org.doc
    b = prv(doc, org.start - 1)
    if b >= 0 and doc[b].lower_ in ("the", "a", "an"):
        b = prv(doc, b - 1)  # "told a conference of O"
    if (
        read_title_peek(doc, nxt(doc, org.end), data) or doc[nxt(doc, org.end)].text in JOINERS
        if nxt(doc, org.end) < len(doc)
        else False
    ):
        return False  # "according to O managing director P": O is P's employer
    if b >= 0 and doc[b].lower_ in data.source_cues:
        return True
    if b >= 1 and doc[b].lower_ in ("to", "with", "in") and doc[prv(doc, b - 1)].lower_ in data.source_cues:
        return True
    a = nxt(doc, org.end)
    if (
        a < len(doc)
        and doc[a].lower_ in ("reported", "reports")
        and lower_at(doc, nxt(doc, a + 1)) in (".", ",", ";", "that", "on", "yesterday", "today", "")
    ):
        return True  # "..., the New York Times reported." (not "O reported strong sales")
    return a < len(doc) and doc[a].lower_ in ("newspaper", "magazine", "daily", "weekly", "newsletter")


def is_place(org) -> bool:
    """Every word of the name is tagged a place or nationality ("Lyon", "Danish")."""
    if org is None or org is GENERIC:
        return False
    tokens = [t for t in org if not t.is_space and not t.is_punct]
    return bool(tokens) and all(t.ent_type_ in ("GPE", "NORP", "LOC", "DATE") for t in tokens)


class DocOrgs:
    """The entities of a Doc and its organisations in text order, made once per Doc
    (``doc.ents`` makes a Span for every entity of the Doc each time it is read)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.ents = list(doc.ents)
        # a person's surname tagged as an organisation elsewhere ("succeeding Sticht") is none
        surnames = {ent[-1].text for ent in self.ents if ent.label_ == "PERSON" and len(ent) > 1}
        orgs = [ent for ent in self.ents if ent.label_ == "ORG" and not (len(ent) == 1 and ent.text in surnames)]
        self.subjects = [ent for ent in orgs if ent.root.dep_ in ("nsubj", "nsubjpass")]
        self.named = [ent for ent in orgs if ent[0].lower_ not in TITLE_WORDS]
        self._wrapped: Optional[bool] = None
        # the start of each token's sentence and the end of it
        self.sent_start = [0] * len(doc)
        self.sent_end = [0] * len(doc)
        for sent in doc.sents:
            self.sent_start[sent.start : sent.end] = [sent.start] * len(sent)
            self.sent_end[sent.start : sent.end] = [sent.end] * len(sent)

    def same_paragraph(self, start: int) -> bool:
        """The sentence starting at token ``start`` goes on the paragraph of the one
        before: no line break between them, or only a wrapped line's in a hard-wrapped text."""
        doc = self.doc
        b = start - 1
        while b > 0 and doc[b].is_space:
            b -= 1
        gap = doc.text[doc[b].idx + len(doc[b].text) : doc[start].idx]
        if "\n" not in gap:
            return True
        if PARAGRAPH_BREAK.search(gap):
            return False
        if self._wrapped is None:
            self._wrapped = is_hard_wrapped(doc.text)
        return self._wrapped

    def sent(self, span: Span) -> Span:
        """``span.sent``: the sentence of its first token."""
        return self.doc[self.sent_start[span.start] : self.sent_end[span.start]]

    def is_recent(self, earlier: Span, person: Span) -> bool:
        """``earlier`` is in the person's sentence or the one before."""
        start = self.sent_start[person.start]
        return earlier.start >= start or (start > 0 and earlier.start >= self.sent_start[start - 1])

    def previous_subject(self, start: int) -> Optional[Span]:
        """The last organisation that is a subject and ends by token ``start``."""
        before = bisect_right(self.subjects, start, key=lambda ent: ent.end)
        return self.subjects[before - 1] if before else None

    def nearest(self, person: Span) -> Optional[Span]:
        """The organisation (of ``named``) within the person's sentence closest to the
        person, the one before on a tie (entities do not overlap: the last one ending
        before the person or the first one starting after it)."""
        sent = self.sent(person)
        orgs = self.named
        before = bisect_right(orgs, person.start, key=lambda ent: ent.end) - 1
        after = bisect_left(orgs, person.end, key=lambda ent: ent.start)
        left = orgs[before] if before >= 0 and orgs[before].start >= sent.start else None
        right = orgs[after] if after < len(orgs) and orgs[after].end <= sent.end else None
        if left is None or right is None:
            return left or right
        return left if person.start - left.end <= right.start - person.end else right


def _recent_role_org(person: Span, found: list[Role], orgs: DocOrgs) -> Optional[Span]:
    """The organisation of the last role stated in this or the previous sentence."""
    for role in reversed(found):
        if role.org is not None and role.person.start < person.start and orgs.is_recent(role.person, person):
            return role.org
    return None


def _says(person: Span) -> bool:
    """The person is the subject of a verb of saying after the name ("..., CEO P said")."""
    root = person.root
    return root.dep_ == "nsubj" and root.head.i > root.i and root.head.lemma_.lower() in ("say", "tell", "add", "note")


def company_for(ctx, person: Span, known: list[Role], generic: bool = True, framed: tuple = ()) -> Optional[Span]:
    """The company the text is about at the person: the organisation of another role
    of the person; for "its", "the company's", also that of the last role stated in
    this sentence or the one before (officers listed one after another), else the
    last organisation that was a subject before them."""
    same = [
        role.org
        for role in known
        if role.org is not None
        and names_match(role.person.text, person.text)
        and is_employer(role.org, ctx.lex.frames)
        and not is_place(role.org)
    ]
    framed_same = [org for org in same if any(org is r.org for r in framed)]
    if framed_same:
        return framed_same[0]
    if generic:
        # officers listed one after another: "P, T of O, and Q, its T2"
        sent_start = ctx.orgs.sent_start[person.start]
        for role in reversed(framed):
            if (
                role.org is not None
                and sent_start <= role.person.start < person.start
                and is_employer(role.org, ctx.lex.frames)
            ):
                return role.org
    if same:
        return same[0]
    if not generic:
        return None
    return (
        subject_company(ctx, person)
        or previous_sentence_org(ctx, person)
        or previous_subject_org(ctx, person)
        or _said_subject(ctx, person)
        or _sentence_company(ctx, person)
    )


# Last words of a name that make it a part of a company, not the employer itself:
# "our Vice President and General Manager, Coatings Division".
DIVISION_WORDS = frozenset({"division", "divisions", "unit", "segment", "region", "sector", "department", "practice"})


def _sentence_company(ctx, person: Span) -> Optional[Span]:
    """The last guess for "its"/"our" and a company officer's title with none beside it:
    the organisation nearest the person in the sentence ("P, born in 1961, is our T and
    has been since he joined O"), not a division's name."""
    org = nearest_org(ctx, person)
    if org is None or org[-1].lower_ in DIVISION_WORDS or not is_employer(org, ctx.lex.frames):
        return None
    return org


def previous_sentence_org(ctx, person: Span) -> Optional[Span]:
    """The last organisation named in the sentence before the person's, in the same
    paragraph ("... the reorganization of O's management. Chief operating officer P
    got the added post of president"): closer than the company the article is about."""
    orgs = ctx.orgs
    start = orgs.sent_start[person.start]
    if start == 0:
        return None
    before = orgs.sent_start[start - 1]
    if not orgs.same_paragraph(start):
        return None
    root = orgs.doc[before:start].root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and (subject.lower_ in ("it", "we") or subject.lower_ in ctx.lex.frames.company_nouns):
        return None  # "The company added that it had hired O2 as its accountants. Chairman P ...": the company's
    named = entity_of(subject) if subject is not None else None
    if subject is not None and (
        subject.lower_ in ("he", "she") or named is not None and not any(org.start == named.start for org in orgs.named)
    ):
        return None  # "Sticht retired as chairman of O2 in 1983.": the sentence is a person's history
    if (
        named is not None
        and named.label_ == "ORG"
        and any(org.start == named.start for org in orgs.named)  # not a person's surname ("Sticht retired")
        and is_employer(named, ctx.lex.frames)
    ):
        return named  # "O said it made an offer for O2. Chief executive P said ...": the subject, not the target
    last = bisect_right(orgs.named, start, key=lambda ent: ent.end) - 1
    while last >= 0 and orgs.named[last].start >= before:
        org = orgs.named[last]
        if is_employer(org, ctx.lex.frames) and not is_source(org, ctx.lex.frames):
            return org
        last -= 1
    return None


def subject_company(ctx, person: Span) -> Optional[Span]:
    """The company a possessive in the person's sentence stands for: the proper-name
    subject of the sentence's main verb, written before the person ("X paid cash, its
    finance chief P said"). A name the model tagged as something else counts when an
    organisation of the text has that name (the fullest one is returned)."""
    sent = sentence_of(ctx, person)
    root = sent.root
    clauses = [root] + [c for c in root.children if c.dep_ in ("ccomp", "conj") and c.i < person.start]
    subject = next(
        (
            c
            for clause in clauses
            for c in clause.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN" and c.i < person.start
        ),
        None,
    )
    if subject is None:
        return _shares_of(ctx, person, clauses)
    ent = entity_of(subject)
    if ent is not None and ent.label_ == "ORG":
        return ent
    name = ent if ent is not None else name_ending_at(person.doc, subject.i + 1, ctx.lex.frames)
    if name is None:
        return None
    same = [org for org in ctx.orgs.named if org.start != name.start and names_match(org.text, name.text)]
    return max(same, key=len) if same else None


STOCK_NOUNS = frozenset({"shares", "stock", "stocks", "share"})


def _shares_of(ctx, person: Span, clauses: list) -> Optional[Span]:
    """ "Shares of Uber jumped after CEO P said ...": the company whose shares are the
    subject of the sentence's verb, a name the model may have tagged as nothing or a place."""
    for clause in clauses:
        for c in clause.children:
            if c.dep_ != "nsubj" or c.lower_ not in STOCK_NOUNS or c.i > person.start:
                continue
            of = next((x for x in c.children if x.dep_ == "prep" and x.lower_ == "of"), None)
            named = next((x for x in of.children if x.dep_ == "pobj"), None) if of is not None else None
            if named is None or named.pos_ != "PROPN":
                continue
            ent = entity_of(named)
            if ent is not None and ent.label_ == "ORG":
                return ent
            name = name_ending_at(person.doc, named.i + 1, ctx.lex.frames)
            if name is not None and is_employer(name, ctx.lex.frames):
                return Span(person.doc, name.start, name.end, label="ORG")
    return None


def _said_subject(ctx, person: Span) -> Optional[Span]:
    """ "X said it elected P": the name that is the subject of the sentence's verb of
    saying (tagged or not)."""
    root = sentence_of(ctx, person).root
    if root.lemma_.lower() not in ("say", "announce", "report", "disclose"):
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "PROPN":
        return None
    return name_ending_at(person.doc, subject.i + 1, ctx.lex.frames)


def sentence_back(ctx, i: int, count: int) -> int:
    """The start of the sentence ``count`` sentences before token ``i``'s."""
    start = ctx.orgs.sent_start[i]
    for _ in range(count):
        if start == 0:
            break
        start = ctx.orgs.sent_start[start - 1]
    return start


def previous_subject_org(ctx, person: Span) -> Optional[Span]:
    """The last organisation that was a subject before the person (what the text is about)."""
    return ctx.orgs.previous_subject(person.start)


def sentence_of(ctx, span: Span) -> Span:
    """``span.sent`` (which walks the sentence token by token each time)."""
    return ctx.orgs.sent(span)


def nearest_org(ctx, person: Span) -> Optional[Span]:
    """The organisation closest to a person in the same sentence (not a title the
    model took for a name, like "Chief Financial")."""
    return ctx.orgs.nearest(person)


def org_for(ctx, person: Span, title: str, found: list[Role]) -> Optional[Span]:
    """The organisation of a title with none next to it, guessed for the officers of a
    company only (role_cues.yml internal_titles): the nearest in the sentence, else the
    organisation of the role just before (officers listed one after another) or the one
    the text was about. A head, partner or analyst with no organisation beside the title
    gets none."""
    lowered = title.lower().removeprefix("former ")
    same = [role.org for role in found if role.org is not None and names_match(role.person.text, person.text)]
    if same and lowered in ctx.lex.internal_titles | {"co-founder", "founder"}:
        return same[-1]  # "founded by P ... co-founder and CEO P said"
    if lowered in ctx.lex.speaker_titles or (lowered in ctx.lex.internal_titles and _says(person)):
        # "..., chief executive P said": P speaks for the company the text is about
        org = previous_subject_org(ctx, person) or nearest_org(ctx, person) or subject_company(ctx, person)
    elif lowered.split()[-1] in ctx.lex.outside_titles:
        # an analyst, economist, adviser or professor is nobody's officer: without an
        # organisation written beside the title, none is guessed
        return None
    elif lowered in ctx.lex.internal_titles:
        org = nearest_org(ctx, person)
    else:
        return None
    if org is None and lowered in ctx.lex.internal_titles:
        org = (
            _recent_role_org(person, found, ctx.orgs)
            or previous_sentence_org(ctx, person)
            or previous_subject_org(ctx, person)
        )
    if (
        lowered in ctx.lex.needs_org
        and org is not None
        and sentence_of(ctx, org) != sentence_of(ctx, person)
        and not ctx.orgs.is_recent(org, person)
    ):
        return None
    return org
