"""Person roles: who is CEO, founder, chairman, analyst ... of which organisation.

Forms read (titles from ``patterns/titles.txt``, founding verbs from ``role_cues.yml``):

- "Scale AI CEO Alexandr Wang", "Merrill Lynch analyst Charles Ryan"   ORG TITLE PERSON
- "Alexandr Wang, CEO of Scale AI", "X, chairman and chief executive"    PERSON, TITLE (of ORG)
- "President Kjell Nilsson"                                             TITLE PERSON (ORG nearby)
- "founded in 2016 by Alexander Wang", "co-founded ... with Luci Guo"    founding verbs
- "P will assume the title of president", "P is resigning as a director,
  as is CFO Q, R and S", "P was named chairman"                           post verbs

A title with no organisation beside it goes to the organisation of the nearest role just
before (a list of a company's officers), else to the company the text is about.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Optional

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..names import _title_words, names_match, titles_match
from ..patterns import PatternFilesMixin, load_lines, load_yaml, pattern_path
from ..roles import frames as role_frames
from ..schema import Role
from . import docdata  # noqa: F401  (declares doc._.roles)

# Tokens that may stand between an organisation and the title in "Meta's CEO".
JOINERS = frozenset({"'s", "’s", "'", "’"})
# Tokens that may stand between a title and the "of"-organisation.
OF_WORDS = frozenset({"of", "at", "for"})
MAX_TITLE_WORDS = 4
# Confidence of a role read by a frame (pipeline/roles/frames.py).
FRAMED = 0.86
# First words of titles the model sometimes tags as an organisation.
TITLE_WORDS = frozenset({"chief", "president", "chairman", "vice", "executive", "senior", "managing", "former"})


@Language.factory(
    "spacy_deals_roles",
    default_config={"patterns_dir": None},
    assigns=["doc._.roles"],
    requires=["doc.ents", "token.dep"],
)
def make_roles(nlp: Language, name: str, *, patterns_dir: Optional[str]) -> Roles:
    return Roles(nlp, name, patterns_dir=patterns_dir)


class Roles(PatternFilesMixin):
    """Find person-title-organisation facts and store them as ``doc._.roles``."""

    pattern_files = ("titles.txt", "role_cues.yml", "role_frames.yml")

    def __init__(self, nlp: Language, name: str = "spacy_deals_roles", *, patterns_dir: Optional[str] = None):
        self.name = name
        self.patterns_dir = patterns_dir
        self.load_patterns(patterns_dir)

    def load_patterns(self, patterns_dir) -> None:
        self.titles = title_table(load_lines("titles.txt", patterns_dir))
        cues = load_yaml("role_cues.yml", patterns_dir)
        self.founding_verbs: dict[str, str] = dict(cues.get("founding_verbs", {}))
        self.founding_stems = frozenset(cues.get("founding_stems", []))
        self.title_verbs = {str(k).lower(): str(v) for k, v in (cues.get("title_verbs") or {}).items()}
        self.appointing_verbs = frozenset(cues.get("appointing_verbs", []))
        self.needs_org = frozenset(cues.get("needs_org", []))
        self.title_adverbs = frozenset(cues.get("title_adverbs", []))
        self.internal_titles = frozenset(t.lower() for t in cues.get("internal_titles", []))
        # the same titles as written ("chief executive officer" for "CEO")
        self.internal_title_words = self.internal_titles | frozenset(
            phrase for phrase, title in self.titles.items() if title.lower() in self.internal_titles
        )
        self.role_verbs = frozenset(cues["role_verbs"])
        self.post_nouns = frozenset(cues["post_nouns"])
        self.speaker_titles = frozenset(cues["speaker_titles"])
        self.company_nouns = frozenset(cues["company_nouns"])
        self.frames = role_frames.load_frame_data(
            load_yaml("role_frames.yml", patterns_dir),
            list(self.titles),
            where=str(pattern_path("role_frames.yml", patterns_dir)),
        )

    def __call__(self, doc: Doc) -> Doc:
        roles: list[Role] = []
        framed: list[Role] = []
        self._orgs = _DocOrgs(doc)
        people: list[Span] = []
        try:
            for ent in self._orgs.ents:
                if ent.label_ != "PERSON":
                    continue
                person = self._strip_title(ent)
                if person is not None:
                    person = _clean_person(person, self.frames)
                if person is None or _names_a_firm(person):
                    continue
                people.append(person)
                roles.extend(self._titled(person, roles))
                roles.extend(self._founders(person))
                roles.extend(self._posts(person, roles))
                framed.extend(self._frames_of(person, framed, roles))
            for person in _untagged_people(doc, self.frames):
                people.append(person)
                framed.extend(self._frames_of(person, framed, roles))
            people.sort(key=lambda p: p.start)
            framed.extend(self._surname_roles(doc, people, framed, roles))
            framed.extend(self._pronoun_roles(doc, people, framed + roles))
        finally:
            self._orgs = None  # holds the Doc
        doc._.roles = _settle(framed, roles, doc, self.frames, people)
        return doc

    def _frames_of(self, person: Span, framed: list[Role], roles: list[Role]) -> list[Role]:
        """Every frame that starts at a person's name: right after it ("P, 54, T of O",
        "P has served as T"), after the clause the name's verb starts ("P, T of O, is
        also T2 of O2"), at the title noun the name is in apposition to ("O's founders,
        P and Q"), after an appointing verb ("O named P as its T") and the founding and
        title verbs ("P, who founded O", "Q, who chairs O")."""
        doc = person.doc
        data = self.frames
        found = role_frames.frame_roles(doc, person, person.end, data)
        verb_start = _verb_start(person)
        if verb_start is not None:
            found += role_frames.frame_roles(doc, person, verb_start, data)
            # "P, who stepped down as T of O, now chairs O2"
            found += role_frames.founder_roles(
                doc, person, data, self.founding_stems, self.title_verbs, start=verb_start
            )
        head = _appos_head(person)
        if head is not None:
            found += role_frames.described_roles(doc, person, head, data)
        found += self._object_roles(person)
        found += role_frames.founder_roles(doc, person, data, self.founding_stems, self.title_verbs)
        return self._frame_roles(person, found, framed + [r for r in roles if not role_frames.is_place(r.org)])

    def _object_roles(self, person: Span) -> list:
        """ "O named P (as) its T", "it elected P T": the organisation is the verb's
        subject unless the title names one."""
        doc = person.doc
        before = role_frames.prv(doc, person.start - 1)
        if before < 0 or doc[before].lower_ not in self.appointing_verbs:
            return []
        verb = doc[before]
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        org = None
        if subject is not None:
            org = _ent(subject)
            if org is None or org.label_ != "ORG":
                org = role_frames._name_at(doc, subject.left_edge.i, self.frames) if subject.pos_ == "PROPN" else None
                if org is None and subject.lower_ in self.frames.company_nouns:
                    # "Payments firm Tollgate appointed P"
                    org = role_frames._name_at(doc, role_frames.nxt(doc, subject.i + 1), self.frames)
                if org is None and subject.lower_ in ("it", "company", "firm", "bank", "group"):
                    org = role_frames.GENERIC
        if org is None:
            return []
        j = role_frames.nxt(doc, person.end)
        if j < len(doc) and doc[j].lower_ in ("as", "to"):
            j += 1
        found = role_frames.frame_roles(doc, person, j, self.frames, default_org=org, bare=True)
        if not found:
            # "O appointed P, previously T2 at O2, as T": the verb's "as"
            prep = next(
                (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("as", "to") and c.i > person.end), None
            )
            if prep is not None:
                found = role_frames.frame_roles(doc, person, prep.i + 1, self.frames, default_org=org, bare=True)
        return found

    def _frame_roles(self, person: Span, found: list, known: list[Role]) -> list[Role]:
        """Roles of the frames with their organisation resolved: "the Company", "its"
        stand for the company the text is about."""
        out = []
        # organisations the text names first, so that "its", "our" and titles without
        # one take the organisation named for the same person ("P, our CEO, is also T of O")
        for fr in sorted(found, key=lambda fr: 2 if fr.org is None else 1 if fr.org is role_frames.GENERIC else 0):
            org = fr.org
            if org is role_frames.GENERIC or org is None:
                # a title of a company's officers with no organisation ("P, chairman and
                # chief executive officer,") is the subject company's, as "its" is
                generic = org is not None or fr.title.lower().removeprefix("former ") in self.internal_title_words
                org = self._company(
                    person, out + known, generic=generic, framed=out + [r for r in known if r.confidence == FRAMED]
                )
            if org is None or not role_frames.is_employer(org, self.frames, explicit=org is fr.org):
                continue
            out.append(Role(fr.person, fr.title, org, self._sent(person), confidence=FRAMED))
        return out

    def _company(self, person: Span, known: list[Role], generic: bool = True, framed: tuple = ()) -> Optional[Span]:
        """The company the text is about at the person: the organisation of another role
        of the person; for "its", "the company's", also that of the last role stated in
        this sentence or the one before (officers listed one after another), else the
        last organisation that was a subject before them."""
        same = [
            role.org
            for role in known
            if role.org is not None
            and names_match(role.person.text, person.text)
            and role_frames.is_employer(role.org, self.frames)
            and not role_frames.is_place(role.org)
        ]
        framed_same = [org for org in same if any(org is r.org for r in framed)]
        if framed_same:
            return framed_same[0]
        if generic:
            # officers listed one after another: "P, T of O, and Q, its T2"
            sent_start = self._orgs.sent_start[person.start]
            for role in reversed(framed):
                if (
                    role.org is not None
                    and sent_start <= role.person.start < person.start
                    and role_frames.is_employer(role.org, self.frames)
                ):
                    return role.org
        if same:
            return same[0]
        if not generic:
            return None
        return self._previous_subject_org(person) or self._said_subject(person)

    def _said_subject(self, person: Span) -> Optional[Span]:
        """ "X said it elected P": the name that is the subject of the sentence's verb of
        saying (tagged or not)."""
        root = self._sent(person).root
        if root.lemma_.lower() not in ("say", "announce", "report", "disclose"):
            return None
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ != "PROPN":
            return None
        return role_frames.name_ending_at(person.doc, subject.i + 1, self.frames)

    @staticmethod
    def _pronoun_hashes(doc: Doc) -> list[int]:
        return [doc.vocab.strings.add("he"), doc.vocab.strings.add("she")]

    def _surname_roles(self, doc: Doc, people: list[Span], framed: list[Role], roles: list[Role]) -> list[Role]:
        """A surname repeated alone that the model did not tag as a person ("Valenti, 51,
        had been T of O" after "Thomas R. Valenti"): the frames after it, for the full name."""
        surnames = {p[-1].text: p for p in people if len(p) > 1 and p[-1].text[:1].isupper()}
        out: list[Role] = []
        if not surnames:
            return out
        for i in _indices(doc, ORTH, [doc.vocab.strings.add(name) for name in surnames]):
            token = doc[i]
            full = surnames.get(token.text)
            if full is None or token.ent_type_ == "PERSON" or full.start <= token.i < full.end:
                continue
            ent = _ent(token) if token.ent_type_ else None
            if ent is not None and len(ent) > 1:
                continue
            alone = Span(doc, token.i, token.i + 1, label="PERSON")
            found = role_frames.frame_roles(doc, alone, token.i + 1, self.frames)
            out.extend(self._frame_roles(alone, found, framed + out + roles))
        return out

    def _pronoun_roles(self, doc: Doc, people: list[Span], known: list[Role]) -> list[Role]:
        """ "He served as T of O", "at O, where she was T": a pronoun subject stands for
        the last person named in this or the two sentences before."""
        out: list[Role] = []
        if not people:
            return out
        starts = [p.start for p in people]
        for i in _indices(doc, LOWER, self._pronoun_hashes(doc)):
            token = doc[i]
            if token.dep_ not in ("nsubj", "nsubjpass"):
                continue
            before = bisect_left(starts, token.i) - 1
            if before < 0:
                continue
            person = people[before]
            if self._orgs.sent_start[person.start] < self._sent_back(token.i, 2):
                continue
            out.extend(
                self._frame_roles(person, role_frames.pronoun_roles(doc, token.i, person, self.frames), known + out)
            )
        return out

    def _sent_back(self, i: int, count: int) -> int:
        """The start of the sentence ``count`` sentences before token ``i``'s."""
        start = self._orgs.sent_start[i]
        for _ in range(count):
            if start == 0:
                break
            start = self._orgs.sent_start[start - 1]
        return start

    def _doc_orgs(self, doc: Doc) -> _DocOrgs:
        orgs = getattr(self, "_orgs", None)
        return orgs if orgs is not None and orgs.doc is doc else _DocOrgs(doc)

    def _previous_subject_org(self, person: Span) -> Optional[Span]:
        """The last organisation that was a subject before the person (what the text is about)."""
        return self._doc_orgs(person.doc).previous_subject(person.start)

    def _sent(self, span: Span) -> Span:
        """``span.sent`` (which walks the sentence token by token each time)."""
        return self._doc_orgs(span.doc).sent(span)

    def _nearest_org(self, person: Span) -> Optional[Span]:
        """The organisation closest to a person in the same sentence (not a title the
        model took for a name, like "Chief Financial")."""
        return self._doc_orgs(person.doc).nearest(person)

    def _strip_title(self, ent: Span) -> Optional[Span]:
        """The model often takes the title into the name: "Chairman George F. Sommer"."""
        doc = ent.doc
        start = ent.start
        while start < ent.end:
            after = self._title_after(start, doc)
            if after is None or after[0] > ent.end:
                break
            start = after[0]
        if ent.end - start < 1:
            return None
        return ent if start == ent.start else Span(doc, start, ent.end, label="PERSON")

    def _org_for(self, person: Span, title: str, found: list[Role]) -> Optional[Span]:
        """The organisation of a title with none next to it: the nearest in the sentence,
        else, for a title held inside a company, the organisation of the role just before
        (officers listed one after another) or the one the text was about."""
        lowered = title.lower().removeprefix("former ")
        same = [role.org for role in found if role.org is not None and names_match(role.person.text, person.text)]
        if same and lowered in self.internal_titles | {"co-founder", "founder"}:
            return same[-1]  # "founded by P ... co-founder and CEO P said"
        if lowered in self.speaker_titles or (lowered in self.internal_titles and _says(person)):
            # "..., chief executive P said": P speaks for the company the text is about
            org = self._previous_subject_org(person) or self._nearest_org(person)
        else:
            org = self._nearest_org(person)
        if org is None and lowered in self.internal_titles:
            org = _recent_role_org(person, found, self._doc_orgs(person.doc)) or self._previous_subject_org(person)
        if (
            lowered in self.needs_org
            and org is not None
            and self._sent(org) != self._sent(person)
            and not self._doc_orgs(person.doc).is_recent(org, person)
        ):
            return None
        return org

    def _title_before(self, end: int, doc: Doc) -> Optional[tuple[int, str]]:
        """A title ending right before token ``end``: (start index, canonical title)."""
        words = []  # (index, lower-cased word) going back, line breaks skipped
        i = end - 1
        while i >= 0 and len(words) < MAX_TITLE_WORDS:
            if not doc[i].is_space:
                words.append((doc[i].i, doc[i].lower_))
            i -= 1
        for size in range(len(words), 0, -1):
            phrase = " ".join(word for _, word in reversed(words[:size]))
            if phrase in self.titles:
                return words[size - 1][0], self.titles[phrase]
        return None

    def _titles_before(self, end: int, doc: Doc) -> list[tuple[int, str]]:
        """The titles right before a name, nearest first: "co-founder and CEO P",
        "President and CEO P", "Former President P" (start index, title)."""
        found = []
        title = self._title_before(end, doc)
        while title is not None:
            start, name = title
            if start > 0 and doc[start - 1].lower_ == "former":
                start, name = start - 1, f"former {name}"
            found.append((start, name))
            if start < 2 or doc[start - 1].lower_ not in ("and", "&", ","):
                break
            title = self._title_before(start - 1, doc)
        return found

    def _titles_a_next_person(self, end: int, doc: Doc) -> bool:
        """The title(s) starting a phrase run into a person's name: "TITLE and TITLE P"."""
        while end < len(doc):
            if doc[end].ent_type_ == "PERSON" and doc[end].ent_iob_ == "B":
                return True
            if doc[end].lower_ not in ("and", "&"):
                return False
            after = self._title_after(end + 1, doc)
            if after is None:
                return False
            end = after[0]
        return False

    def _described(self, person: Span, known: list[Role]) -> list[Role]:
        """A title that describes the person from outside the name: "Kinsey's chief
        executive, P,", "its co-founders, P and Q,", "P, who is the company's chief
        executive"."""
        root = person.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if root.dep_ == "appos" and self._titles_before(person.start, person.doc):
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
        titles = self._titles_before(noun.i + 1, doc)
        for other in noun.conjuncts:  # "X's co-founder and chief executive, P"
            if other.i > noun.i:
                titles = [t for t in self._titles_before(other.i + 1, doc) if t[0] > noun.i] + titles
        if not titles and noun.lower_.endswith("s"):
            plural = self._plural_title(noun)
            titles = [plural] if plural is not None else []
        if not titles:
            return []
        roles = []
        for title in titles:
            roles.extend(self._described_title(person, noun, title, titles[-1][0], known))
        return roles

    def _described_title(
        self, person: Span, noun: Token, title: tuple[int, str], first: int, known: list[Role]
    ) -> list[Role]:
        doc = person.doc
        start, name = first, title[1]
        org = _org_ending_at(doc, start) or _name_ending_at(doc, start)
        if org is None and noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ in OF_WORDS:
            org = _org_after_of(doc, noun.i + 1)
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if org is None and owner is not None:
            org = self._previous_subject_org(person) or self._nearest_org(person)  # "its", "the company's"
        if org is None:
            org = self._org_for(person, name, known)
        if org is None and name.lower() in self.needs_org:
            return []
        return [Role(person, name, org, self._sent(person), confidence=0.8 if org is not None else 0.5)]

    def _plural_title(self, noun: Token) -> Optional[tuple[int, str]]:
        """ "co-founders", "directors": the title of a plural title noun."""
        singular = noun.lemma_.lower()
        for size in range(MAX_TITLE_WORDS, 0, -1):
            start = noun.i - size + 1
            if start < 0:
                continue
            words = [t.lower_ for t in noun.doc[start : noun.i]] + [singular]
            phrase = " ".join(words)
            if phrase in self.titles:
                return start, self.titles[phrase]
        return None

    def _title_after(self, start: int, doc: Doc) -> Optional[tuple[int, str]]:
        """A title starting at token ``start``: (end index, canonical title)."""
        words = []  # (index, lower-cased word) going forward, line breaks skipped
        i = start
        while i < len(doc) and len(words) < MAX_TITLE_WORDS:
            if not doc[i].is_space:
                words.append((i, doc[i].lower_))
            i += 1
        for size in range(len(words), 0, -1):
            phrase = " ".join(word for _, word in words[:size])
            if phrase in self.titles:
                return words[size - 1][0] + 1, self.titles[phrase]
        return None

    def _titled(self, person: Span, known: list[Role]) -> list[Role]:
        doc = person.doc
        found = []
        before = self._titles_before(person.start, doc)
        if before:
            start = before[-1][0]
            org = _org_ending_at(doc, start) or _name_ending_at(doc, start)
            if org is None and person.end < len(doc) - 1 and doc[person.end].lower_ in OF_WORDS:
                org = _org_starting_at(doc, person.end + 1)
            for _, title in before:
                title_org = org if org is not None else self._org_for(person, title, known)
                if title_org is not None or title.lower() not in self.needs_org:
                    found.append(
                        Role(
                            person,
                            title,
                            title_org,
                            self._sent(person),
                            confidence=0.85 if title_org is not None else 0.6,
                        )
                    )
        found.extend(self._described(person, known))
        # "P, TITLE of ORG" / "P, ORG's TITLE" / "P, TITLE"
        i = person.end
        if i < len(doc) and doc[i].text == ",":
            i += 1
            while i < len(doc) and doc[i].lower_ in self.title_adverbs:
                i += 1
            if i + 1 < len(doc) and doc[i].lemma_.lower() in self.company_nouns and doc[i + 1].text in JOINERS:
                # "said P, the company's chief executive": the company the text is about
                titles = []
                after = self._title_after(i + 2, doc)
                while after is not None:
                    titles.append(after[1])
                    nxt = after[0] + 1 if after[0] < len(doc) and doc[after[0]].lower_ == "and" else None
                    after = self._title_after(nxt, doc) if nxt is not None else None
                org = self._previous_subject_org(person) or self._nearest_org(person)
                return found + [
                    Role(person, title, org, self._sent(person), confidence=0.75) for title in titles if org is not None
                ]
            if (
                i + 1 < len(doc)
                and doc[i].pos_ in ("NOUN", "ADJ")
                and doc[i].is_lower
                and self._title_after(i, doc) is None
                and self._title_after(i + 1, doc) is not None
            ):
                i += 1  # "P, a transport analyst at X"
            org_first = _org_starting_at(doc, i)
            if org_first is not None:
                j = org_first.end
                while j < len(doc) and doc[j].text in JOINERS:
                    j += 1
                after = self._title_after(j, doc)
                if after is not None:
                    found.append(Role(person, after[1], org_first, self._sent(person), confidence=0.85))
                return found
            after = self._title_after(i, doc)
            if after is not None and self._titles_a_next_person(after[0], doc):
                return found  # "Maharashtra, co-founder and CEO P said": the titles are P's
            while after is not None:
                end, title = after
                org = None
                if end < len(doc) and doc[end].lower_ in OF_WORDS:
                    org = _org_after_of(doc, end)
                if org is None:
                    org = self._org_for(person, title, known)
                if org is not None or title.lower() not in self.needs_org:
                    found.append(
                        Role(person, title, org, self._sent(person), confidence=0.8 if org is not None else 0.5)
                    )
                nxt = end + 1 if end < len(doc) and doc[end].lower_ == "and" else None
                after = self._title_after(nxt, doc) if nxt is not None else None
        return found

    def _posts(self, person: Span, known: list[Role]) -> list[Role]:
        """ "P will assume the title of president", "P is resigning as a director", "P was
        named chairman of X"; people sharing the clause (", as is CFO Q, R and S") hold the
        same post."""
        root = person.root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in self.role_verbs:
            verb = root.head
        else:
            # "P, who serves as co-founder and CTO"
            verb = next(
                (
                    c
                    for c in root.children
                    if c.dep_ == "relcl"
                    and c.lemma_.lower() in self.role_verbs
                    and any(s.dep_ == "nsubj" and s.lower_ in ("who", "that") for s in c.children)
                ),
                None,
            )
        if verb is None:
            return []
        roles = []
        for title_token in self._post_titles(verb):
            title = self._title_before(title_token.i + 1, person.doc)
            if title is None or title[0] <= verb.i:
                continue
            org = self._post_org(person, title_token, title, known)
            if org is None and title[1].lower() in self.needs_org:
                continue
            confidence = 0.75 if org is not None else 0.5
            holders = [person, *(self._strip_title(ent) for ent in _sharing_clause(verb))]
            roles.extend(
                Role(holder, title[1], org, self._sent(person), confidence=confidence)
                for holder in holders
                if holder is not None
            )
        return roles

    def _post_titles(self, verb: Token) -> list[Token]:
        """The title words a post verb governs: "as a director", "named chairman", "the
        title of president"."""
        found = []
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                found.extend(t for c in child.children if c.dep_ == "pobj" for t in (c, *c.conjuncts))
            elif child.dep_ in ("attr", "oprd"):
                found.append(child)
            elif child.dep_ == "dobj" and child.lemma_.lower() in self.post_nouns:
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        found.extend(c for c in prep.children if c.dep_ == "pobj")
        return found

    def _post_org(self, person: Span, title_token: Token, title: tuple[int, str], known: list[Role]) -> Optional[Span]:
        """ "as president of X", "as X president", else the organisation of another post
        the person holds in the text, else as for any title."""
        doc = person.doc
        end = title_token.i + 1
        if end < len(doc) and doc[end].lower_ in OF_WORDS:
            org = _org_after_of(doc, end)
            if org is not None:
                return org
        org = _org_ending_at(doc, title[0])
        if org is not None:
            return org
        same = [role.org for role in known if role.org is not None and names_match(role.person.text, person.text)]
        if same:
            return same[-1]
        return self._org_for(person, title[1], known)

    def _founders(self, person: Span) -> list[Role]:
        """ "X was founded by P", "P founded X", "P co-founded X with Q"."""
        root = person.root
        verb, via = _governing_verb(root)
        if verb is None:
            return []
        word = verb.text.lower()
        # the lemmatizer does not know "co-founded": try the word without its ending too
        forms = (verb.lemma_.lower(), word.removesuffix("ed"), word.removesuffix("d"), word.removesuffix("ing"))
        title = next((self.founding_verbs[form] for form in forms if form in self.founding_verbs), None)
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
                ent = _ent(child)
                if ent is not None and ent.label_ == "ORG":
                    org = ent
                elif child.lemma_.lower() in self.company_nouns and any(
                    c.lower_ in ("the", "this") for c in child.children
                ):
                    company_object = True  # "P co-founded the company in 2016"
        if org is None:
            for child in verb.children:
                if child.dep_ == "nsubjpass" and child.pos_ == "PROPN":
                    org = role_frames.name_ending_at(doc, child.i + 1, self.frames)  # "Nairobi-based X was set up by P"
        if org is None and verb.dep_ in ("acl", "relcl"):
            # "Tessaro, founded in 2015 by P", "The startup, founded by P and Q"
            described = _ent(verb.head)
            if described is None and verb.head.pos_ == "PROPN":
                described = role_frames.name_ending_at(doc, verb.head.i + 1, self.frames)
            if described is not None and described.label_ == "ORG":
                org = described
            elif verb.head.lemma_.lower() in self.company_nouns:
                org = self._previous_subject_org(person)
        if org is None and via == "nsubj" and not company_object:
            return []
        if org is None:
            org = self._nearest_org(person)
        if org is None:
            return []
        return [Role(person, title, org, self._sent(person), confidence=0.8)]


FIRM_ENDINGS = frozenset({"co", "co.", "company", "sons", "partners", "associates", "inc", "inc."})


def _names_a_firm(person: Span) -> bool:
    """ "Alan B. Slifka and Co", "Smith & Sons": a person's name that starts a firm's."""
    doc = person.doc
    end = person.end
    return end + 1 < len(doc) and doc[end].lower_ in ("and", "&") and doc[end + 1].lower_ in FIRM_ENDINGS


def title_table(lines: list[str]) -> dict[str, str]:
    """The lines of titles.txt as {written form, lower-cased: title to report}."""
    table = {}
    for line in lines:
        phrase, _, title = line.partition("=>")
        phrase = phrase.strip().lower()
        table[phrase] = title.strip() or phrase
    return table


class _DocOrgs:
    """The entities of a Doc and its organisations in text order, made once per Doc
    (``doc.ents`` makes a Span for every entity of the Doc each time it is read)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.ents = list(doc.ents)
        orgs = [ent for ent in self.ents if ent.label_ == "ORG"]
        self.subjects = [ent for ent in orgs if ent.root.dep_ in ("nsubj", "nsubjpass")]
        self.named = [ent for ent in orgs if ent[0].lower_ not in TITLE_WORDS]
        # the start of each token's sentence and the end of it
        self.sent_start = [0] * len(doc)
        self.sent_end = [0] * len(doc)
        for sent in doc.sents:
            self.sent_start[sent.start : sent.end] = [sent.start] * len(sent)
            self.sent_end[sent.start : sent.end] = [sent.end] * len(sent)

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


def _ent(token: Token) -> Optional[Span]:
    """The entity ``token`` is in (read from the entity marks of the tokens around it,
    as ``doc.ents`` makes it)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    first = doc[start]
    return Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)


def _org_ending_at(doc: Doc, end: int) -> Optional[Span]:
    """An ORG entity ending at ``end`` (allowing a possessive "'s" between)."""
    while end > 0 and doc[end - 1].text in JOINERS:
        end -= 1
    if end <= 0:
        return None
    ent = _ent(doc[end - 1])
    return ent if ent is not None and ent.label_ == "ORG" and ent.end == end else None


def _name_ending_at(doc: Doc, end: int) -> Optional[Span]:
    """A capitalised name the model did not tag, right before a title: "Kestrava
    co-founder P" (not a place or nationality: "French President P")."""
    while end > 0 and doc[end - 1].text in JOINERS:
        end -= 1  # "Vantora's co-founder"
    start = end
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].ent_type_ in ("", "ORG", "PERSON")
        and doc[start - 1].lower_ not in TITLE_WORDS
    ):
        start -= 1
    if start == end:
        return None
    return Span(doc, start, end, label="ORG")


def _org_starting_at(doc: Doc, start: int) -> Optional[Span]:
    if start >= len(doc):
        return None
    while start < len(doc) and doc[start].lower_ == "the":
        start += 1
    if start >= len(doc):
        return None
    ent = _ent(doc[start])
    return ent if ent is not None and ent.label_ == "ORG" and ent.start == start else None


def _org_after_of(doc: Doc, of: int) -> Optional[Span]:
    """The organisation after "of": "president of Acme Corp", "chairman of the board of
    Acme", "head of Chemicals and Plastics" (a capitalised name the model did not tag)."""
    i = of + 1
    while (
        i + 2 < len(doc)
        and doc[i].lower_ == "the"
        and doc[i + 1].lower_ in ("board", "company")
        and doc[i + 2].lower_ == "of"
    ):
        i += 3
    org = _org_starting_at(doc, i)
    if org is not None:
        return org
    j = i
    while (
        j < len(doc)
        and j < i + 5
        and (doc[j].is_lower or doc[j].text == "-")
        and not doc[j].is_punct
        or (j < len(doc) and doc[j].text == "-")
    ):
        j += 1  # "the founder of ride-hailing app Velocab"
    if j > i:
        org = _org_starting_at(doc, j)
        if org is not None:
            return org
        end = j
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        if end > j:
            return Span(doc, j, end, label="ORG")  # the name a descriptor introduces
    while i < len(doc) and doc[i].lower_ in ("the", "its"):
        i += 1
    end = i
    while end < len(doc) and (
        doc[end].pos_ == "PROPN"
        and doc[end].text[:1].isupper()
        or (doc[end].lower_ in ("and", "&") and end + 1 < len(doc) and doc[end + 1].text[:1].isupper())
    ):
        end += 1
    if end > i and doc[i].ent_type_ not in ("GPE", "PERSON", "DATE"):
        return Span(doc, i, end, label="ORG")
    return None


def _recent_role_org(person: Span, found: list[Role], orgs: _DocOrgs) -> Optional[Span]:
    """The organisation of the last role stated in this or the previous sentence."""
    for role in reversed(found):
        if role.org is not None and role.person.start < person.start and orgs.is_recent(role.person, person):
            return role.org
    return None


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
                ent = _ent(token)
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
    return None, None


def _indices(doc: Doc, attr: int, hashes: list[int]) -> list[int]:
    """The indices of the tokens whose ``attr`` (ORTH, LOWER) is one of ``hashes``
    (read from the Doc's array: no Token objects for the others)."""
    if not len(doc) or not hashes:
        return []
    values = doc.to_array(attr)
    return numpy.flatnonzero(numpy.isin(values, numpy.array(hashes, dtype=values.dtype))).tolist()


HONORIFICS = frozenset({"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "sir", "dame"})


def _untagged_people(doc: Doc, data) -> list[Span]:
    """Names after an honorific that the model did not tag as a person ("Mr. Okafor"
    tagged as an organisation or not at all), and names tagged as an organisation that
    a title apposition follows ("Stanley Tananbaum, chairman and chief executive,"):
    2-3 capitalised words with no company word."""
    found = []
    n = len(doc)
    for i in _indices(doc, LOWER, [doc.vocab.strings.add(w) for w in HONORIFICS]):
        token = doc[i]
        if token.i + 1 < n and doc[token.i + 1].text[:1].isupper() and doc[token.i + 1].ent_type_ != "PERSON":
            end = token.i + 1
            while (
                end < n
                and end < token.i + 4
                and doc[end].text[:1].isupper()
                and doc[end].is_alpha
                and not role_frames.read_title_peek(doc, end, data)
            ):
                end += 1
            if end > token.i + 1:
                found.append(Span(doc, token.i + 1, end, label="PERSON"))
    for ent in doc.ents:
        if (
            ent.label_ != "ORG"
            or not 2 <= len(ent) <= 3
            or not all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in ent)
        ):
            continue
        words = {t.lower_ for t in ent}
        if words & (
            data.company_nouns
            | role_frames.SUFFIXES
            | data.department_words
            | data.title_words
            | data.not_employer_heads
        ):
            continue
        j = role_frames.nxt(doc, ent.end)
        if j < n and doc[j].text == ",":
            items, _ = role_frames.read_title_list(doc, j + 1, data)
            if items and not any(item.orgs or item.before is not None for item in items):
                found.append(Span(doc, ent.start, ent.end, label="PERSON"))
    return found


def _says(person: Span) -> bool:
    """The person is the subject of a verb of saying after the name ("..., CEO P said")."""
    root = person.root
    return root.dep_ == "nsubj" and root.head.i > root.i and root.head.lemma_.lower() in ("say", "tell", "add", "note")


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
        if head.dep_ == "pobj" and head.head.lower_ in ("of", "at") and head.head.head.pos_ == "NOUN":
            return head.head.head  # "the new chief executive of O, P": attached to O
        return head
    return None


def _clean_person(person: Span, data) -> Optional[Span]:
    """A person's name without the words the model ran into it: a title after the name
    ("P Executive Vice President"), a verb or a lower-case word ("P co-founded X")."""
    doc = person.doc
    end = person.start
    while end < person.end:
        t = doc[end]
        hyphenated = end > person.start and doc[end - 1].text == "-"  # "Bon-joon"
        if (
            end > person.start
            and not hyphenated
            and (
                t.is_lower
                and t.lower_ not in ("de", "van", "von", "der", "da", "di", "bin", "la", "le", "del")
                or role_frames.read_title_peek(doc, end, data)
            )
        ):
            break
        end += 1
    if not any(t.is_alpha and t.text[:1].isupper() and len(t.text) > 1 for t in doc[person.start : end]):
        return None
    if any(t.lower_ in data.not_person_words for t in doc[person.start : end]):
        return None  # "Appointment Letter"
    return person if end == person.end else Span(doc, person.start, end, label="PERSON")


def _org_name(org: Span) -> str:
    """The name an organisation is written out with (its canonical alias, as in export)."""
    canonical = org._.canonical if org.has_extension("canonical") else None
    return " ".join((canonical or org.text).lower().split())


def _title_key(title: str) -> tuple[str, ...]:
    """A title for telling duplicates apart: abbreviations spelt alike, "former" and
    "of the board (of directors)" left out, a co-founder is a founder."""
    words = [w for w in _title_words(title) if w != "former"]
    text = " ".join(words)
    for tail in (" of the board of directors", " of the board"):
        if text.endswith(tail) and len(text) > len(tail):
            text = text[: -len(tail)]
    text = text.replace("co-founder", "founder").replace("co founder", "founder").replace("cofounder", "founder")
    return tuple(text.split())


def _fullest_person(person: Span, people: list[Span]) -> Span:
    """The fullest name the text gives a person: "Thorsen" -> "Raymond E. Thorsen"."""
    last = person[-1].text
    best = person
    for other in people:
        if len(other) > len(best) and other[-1].text == last and names_match(other.text, person.text):
            best = other
    return best


def _settle(framed: list[Role], roles: list[Role], doc: Doc, data, people: list[Span]) -> list[Role]:
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
        if (
            role.org is None
            or not role_frames.is_employer(role.org, data, explicit=role in framed)
            or role_frames.is_source(role.org, data)
        ):
            continue
        if role not in framed:
            if any(
                names_match(r.person.text, role.person.text)
                and names_match(_org_name(r.org), _org_name(role.org))
                and titles_match(r.title, role.title)
                for r in framed
            ):
                continue  # "consultant" beside the frame's "senior consultant"
            if role_frames.is_place(role.org) or any(t.lower_ in data.not_person_words for t in role.person):
                continue
            rivals = framed_titles.get(_title_key(role.title), [])
            if any(
                names_match(r.person.text, role.person.text) and not names_match(r.org.text, role.org.text)
                for r in rivals
            ):
                continue
        if " ".join(role.person.text.lower().split()) in employers:
            continue  # "Sjöberg Bygg" tagged as a person and also read as an employer
        person = _fullest_person(role.person, people)
        key = (person.text.lower(), _title_key(role.title), _org_name(role.org))
        if key in seen:
            continue
        seen.add(key)
        if person is not role.person:
            role = Role(person, role.title, role.org, role.evidence, confidence=role.confidence)
        out.append(role)
    return out


def _dedupe(roles: list[Role]) -> list[Role]:
    seen = set()
    out = []
    for role in roles:
        key = (role.person.text, role.title.lower(), role.org.text if role.org is not None else None)
        if key not in seen:
            seen.add(key)
            out.append(role)
    return out
