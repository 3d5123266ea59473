"""Title lists as the frames read them: titles joined by commas and "and" ("chairman,
president and chief executive officer of X and Y"), each with its own "of/at/for ORG" or
the one of the titles after it, an organisation before the first title ("X's chief
executive"), a possessive that stands for the company the text is about ("its", "the
company's"), an organisation after a comma ("General Counsel, Ardmore Medical Systems,"),
and which organisations each title goes with (``assign_orgs``). Pure functions of a Doc.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from spacy.tokens import Doc, Span

from .lexicon import RoleFrameData
from .orgnames import GENERIC, SUFFIXES, is_capitalised, name_at, read_orgs
from .titles import JOINERS, Title, lower_at, nxt, read_title, read_title_peek, written_title

# Words between a title and its organisation: "president of O", "adviser to O".
OF_WORDS = frozenset({"of", "at", "for", "with", "in"})
# Nouns that carry a title after "of": "named to the new post of president".
POST_NOUNS = frozenset({"post", "position", "role", "title", "office", "job", "posts", "positions", "titles"})


@dataclass(frozen=True)
class FoundRole:
    """A role read by a frame: the person, the title as written, the organisation
    (a Span, ``GENERIC`` for "the Company"/"its", or None) and the frame's name."""

    person: Span
    title: str
    org: object
    frame: str


@dataclass
class _Item:
    title: Title
    orgs: list
    before: object  # organisation written before the title ("X's", "its")
    described: bool = False  # words describing the post come first ("a council director")


def _to_name(doc: Doc, i: int) -> bool:
    """ "adviser to O": "to" right before a name that is not a person's ("to succeed P")."""
    if lower_at(doc, i) != "to":
        return False
    k = nxt(doc, i + 1)
    if lower_at(doc, k) == "the":
        k = nxt(doc, k + 1)
    return k < len(doc) and is_capitalised(doc, k) and doc[k].ent_type_ != "PERSON"


def _described_post(doc: Doc, k: int, data: RoleFrameData, opened: bool, tagged: bool = False) -> int:
    """Where the title starts after lower-case words describing the post: "(a) credit
    analyst", "(and) local managing director"; ``k`` when there are none. ``opened``: an
    article or an earlier title comes first (a list's first item needs one)."""
    n = len(doc)
    if not opened and not tagged:
        return k
    # without an article or an earlier title, only words the tagger calls nouns or
    # adjectives: "P is investment adviser"
    d = k
    while (
        d < k + 3
        and d < n
        and doc[d].is_lower
        and doc[d].is_alpha
        and doc[d].pos_ in (("NOUN", "ADJ", "") if opened else ("NOUN", "ADJ"))
        and doc[d].lower_ not in data.openers
        and not read_title_peek(doc, d, data)
    ):
        d = nxt(doc, d + 1)
    return d if d != k and d < n and read_title(doc, d, data) is not None else k


def read_title_list(doc: Doc, i: int, data: RoleFrameData) -> tuple[list, int]:
    """Titles joined by commas and "and" from ``i``, each with the organisations read
    for it: (items, end)."""
    n = len(doc)
    items: list[_Item] = []
    j = i
    while True:
        k = nxt(doc, j)
        before = None
        described = None
        if lower_at(doc, k) in data.openers:
            if lower_at(doc, k) in data.company_pronouns:
                before = GENERIC
            k = nxt(doc, k + 1)
        d = _described_post(doc, k, data, opened=bool(items) or k != nxt(doc, j), tagged=True)
        if d != k:
            described, k = k, d
        # "the (newly created) post of T", "the additional title of T"
        m = k
        while lower_at(doc, m) in ("new", "newly", "created", "additional", "added", "vacant", "the"):
            m = nxt(doc, m + 1)
        if lower_at(doc, m) in POST_NOUNS and lower_at(doc, nxt(doc, m + 1)) == "of":
            k = nxt(doc, nxt(doc, m + 1) + 1)
        # "the company's chief executive"
        if (
            lower_at(doc, k) in data.company_nouns and doc[nxt(doc, k + 1)].text in JOINERS
            if nxt(doc, k + 1) < n
            else False
        ):
            before = GENERIC
            k = _described_post(doc, nxt(doc, nxt(doc, k + 1) + 1), data, opened=True)
        title = read_title(doc, k, data) if k < n else None
        if title is not None and described is not None and not title.former:
            # the post as written, with the nouns describing it ("credit analyst"), not
            # the adjectives that praise or date it ("outstanding", "longtime")
            while (
                described < title.start and doc[described].pos_ == "ADJ" and doc[described].lower_ not in data.modifiers
            ):
                described = nxt(doc, described + 1)
            title = replace(title, start=described, written=written_title(doc, described, title.end))
        if title is None and k < n and is_capitalised(doc, k) and not read_title_peek(doc, k, data):
            # "Corbin Mutual's chief risk officer", "Tessaly chief executive"
            name = name_at(doc, k, data)
            if name is not None:
                m = nxt(doc, name.end)
                if m < n and (doc[m].text in JOINERS or doc[m].text == "s" and doc[m - 1].whitespace_):
                    m = nxt(doc, m + 1)
                    m = _described_post(doc, m, data, opened=True)  # "O's longtime chief executive"
                title = read_title(doc, m, data) if m < n else None
                if title is not None:
                    before = name
        if title is None:
            break
        j = title.end
        m = nxt(doc, j)
        if (
            lower_at(doc, m) == "("
            and m + 2 < n
            and doc[m + 2].text == ")"
            and doc[m + 1].is_upper
            and 2 <= len(doc[m + 1].text) <= 5
        ):
            j = m + 3  # "Controller (CAO) of O": the title's acronym
        orgs: list = []
        m = nxt(doc, j)
        if lower_at(doc, m) == "in" and m + 1 < n and doc[nxt(doc, m + 1)].ent_type_ in ("GPE", "LOC"):
            # "analyst in New York with O": the place of the post, then its organisation
            g = nxt(doc, m + 1)
            while g < n and doc[g].ent_type_ in ("GPE", "LOC") and not doc[g].is_space:
                g += 1
            if lower_at(doc, nxt(doc, g)) in ("with", "at", "for", "of"):
                m = nxt(doc, g)
        elif lower_at(doc, m) == "in":
            # "a Managing Director in the Investment Banking Division of O": O's part
            g = nxt(doc, m + 1)
            if lower_at(doc, g) == "the":
                g = nxt(doc, g + 1)
            steps = 0
            while g < n and steps < 5 and is_capitalised(doc, g) and lower_at(doc, g) not in DIVISION_WORDS:
                g, steps = nxt(doc, g + 1), steps + 1
            if steps and lower_at(doc, g) in DIVISION_WORDS and lower_at(doc, nxt(doc, g + 1)) == "of":
                m = nxt(doc, g + 1)
        if m < n and doc[m].text == "," and lower_at(doc, nxt(doc, m + 1)) in ("of", "at"):
            m = nxt(doc, m + 1)  # "Executive Vice President, a Director and Treasurer, of O"
        if lower_at(doc, m) in OF_WORDS or _to_name(doc, m):
            orgs, end = read_orgs(doc, m + 1, data)
            a = nxt(doc, end)
            if (
                orgs
                and lower_at(doc, m) == "of"
                and lower_at(doc, a) in ("at", "with")
                and len(orgs) == 1
                and orgs[0] is not GENERIC
                and orgs[0][-1].lower_.rstrip(".") not in SUFFIXES
            ):
                # "Professor of Medicine at Stanford University": the field, then the employer
                at_orgs, at_end = read_orgs(doc, a + 1, data)
                if at_orgs:
                    orgs, end = at_orgs, at_end
            if orgs:
                j = end
            else:
                # "CEO of our general partner and President of X": an unnamed employer
                e = nxt(doc, m + 1)
                count = 0
                while (
                    e < n
                    and count < 5
                    and doc[e].is_alpha
                    and (doc[e].is_lower or doc[e].lower_ in data.openers)
                    and doc[e].lower_ not in ("and", "or", "since", "from", "until", "in", "where", "which", "who")
                ):
                    e = nxt(doc, e + 1)
                    count += 1
                if count:
                    j = e
        if not orgs and m < n and doc[m].text == ",":
            named = _comma_org(doc, nxt(doc, m + 1), data)
            if named is not None:
                orgs, j = [named], named.end  # "General Counsel, Ardmore Medical Systems, from 1999"
        items.append(_Item(title, orgs, before, described is not None))
        # another title after a comma or "and" ("chairman, president and chief executive")
        m = nxt(doc, j)
        if m < n and doc[m].text in (",", "and", "&", "/", ";"):
            m2 = nxt(doc, m + 1)
            if doc[m].text in (",", ";") and lower_at(doc, m2) == "and":
                m2 = nxt(doc, m2 + 1)
            peek = m2
            if lower_at(doc, peek) in data.openers:
                peek = nxt(doc, peek + 1)
            if peek < n and (read_title(doc, _described_post(doc, peek, data, opened=True), data) is not None):
                j = m2
                continue
        break
    return items, j


# Words that may follow "T, O" when O is the title's organisation, not a new item.
AFTER_COMMA_ORG = frozenset({",", ".", ";", "from", "since", "until", "through", "to", "(", "in", "prior"})
# Last words of a name that make it a part of a company: "Senior Vice President, Online
# Services Division" (a part of the title, not an employer).
DIVISION_WORDS = frozenset({"division", "divisions", "unit", "segment", "region", "sector", "department", "practice"})


def _comma_org(doc: Doc, k: int, data: RoleFrameData) -> Optional[Span]:
    """The organisation written after a title and a comma, as lists of posts write it
    ("Managing Director, Tallon Capital Partners, a private equity firm"): a name the
    model tagged as an organisation or one ending in a corporate suffix, closed by a comma,
    a full stop or a date phrase."""
    n = len(doc)
    if k >= n or not is_capitalised(doc, k) or read_title_peek(doc, k, data):
        return None
    name = name_at(doc, k, data)
    if name is None or any(t.ent_type_ in ("PERSON", "GPE", "LOC", "NORP", "DATE") for t in name):
        return None
    if not (doc[k].ent_type_ == "ORG" or name[-1].lower_.rstrip(".") in SUFFIXES):
        return None
    words = [t.lower_ for t in name if t.is_alpha]
    if not words or words[-1] in DIVISION_WORDS or all(w in data.department_words for w in words):
        return None  # "Vice President, Retail Lending Division", "Director, Strategic Planning"
    after = nxt(doc, name.end)
    if after < n and doc[after].text not in AFTER_COMMA_ORG and doc[after].lower_ not in AFTER_COMMA_ORG:
        return None
    if name[-1].lower_.rstrip(".") not in SUFFIXES and (after >= n or doc[after].text != ","):
        return None  # "President, Server and Tools.": a tagged name closed by a comma only
    return name


def assign_orgs(items: list, first=None, default=None) -> list[tuple[Title, list]]:
    """The organisations of each title: its own, else ``first`` (the organisation a
    person joins), else those of the next title that has some ("chairman and chief
    executive of X"), else the one written before it, else those of a title before it."""
    out = []
    for idx, item in enumerate(items):
        orgs = [o for o in item.orgs]
        if not orgs and first is not None:
            orgs = [first]
        if not orgs and item.described:
            # "a council director and managing director of O": the described post is not O's
            if item.before is None and default is None:
                continue
            orgs = [item.before if item.before is not None else default]
        elif not orgs:
            later = next((it.orgs for it in items[idx + 1 :] if it.orgs), None)
            if later:
                orgs = later
            elif item.before is not None:
                orgs = [item.before]
            else:
                first_before = next((it.before for it in items if it.before is not None), None)
                earlier = next((it.orgs for it in reversed(items[:idx]) if it.orgs), None)
                orgs = earlier or ([first_before] if first_before is not None else [])
        out.append((item.title, orgs))
    return out
