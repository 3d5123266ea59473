"""Role frames as pure functions of a parsed Doc.

A frame (``patterns/role_frames.yml``) is the run of words leading from a person's name
to a list of titles: ", 54, " (apposition with age), " has served as ", " was named ",
" had been ", " joined O as ". The title list that follows is read the same way for
every frame: titles joined by commas and "and", each with its own "of/at/for ORG" or
the one of the titles after it ("chairman and chief executive of X and Y": one role per
title and organisation), an organisation before the first title ("X's chief executive")
or a possessive that stands for the company the text is about ("its", "the company's").

Nothing here keeps state: every function takes the Doc, the token index it starts at
and a ``RoleFrameData`` (the validated pattern data) and returns what it read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from spacy.tokens import Doc, Span

from .lexicon import Frame, RoleFrameData
from .orgnames import GENERIC, SUFFIXES, is_capitalised, name_at, name_ending_at, read_orgs
from .titles import JOINERS, Title, lower_at, nxt, prv, read_title, read_title_peek, written_title

# Words between a title and its organisation: "president of O", "adviser to O".
OF_WORDS = frozenset({"of", "at", "for", "with", "in"})
# Nouns that carry a title after "of": "named to the new post of president".
POST_NOUNS = frozenset({"post", "position", "role", "title", "office", "job", "posts", "positions", "titles"})
# Prepositions before "which" that open a clause about the organisation just named:
# "an agreement with O under which he serves as T", "O, at which she was T".
RELATIVE_PREPOSITIONS = frozenset({"under", "at", "in", "with", "by", "to"})
# Words in a frame's bridge that make the post a former one: "P, formerly T of O".
FORMER_WORDS = frozenset({"formerly", "previously", "once"})


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
            # "Karoo Mutual's chief investment officer", "Gridnote chief executive"
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
            m = nxt(doc, m + 1)  # "Senior Vice President, a Director and Managing Director, of O"
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
        return None  # "Vice President, Online Services Division", "Director, Strategic Planning"
    after = nxt(doc, name.end)
    if after < n and doc[after].text not in AFTER_COMMA_ORG and doc[after].lower_ not in AFTER_COMMA_ORG:
        return None
    if name[-1].lower_.rstrip(".") not in SUFFIXES and (after >= n or doc[after].text != ","):
        return None  # "President, Server and Tools.": a tagged name closed by a comma only
    return name


def _assign(items: list, first=None, default=None) -> list[tuple[Title, list]]:
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


def _skip_age(doc: Doc, j: int, data: RoleFrameData) -> int:
    """ ", 54" / ", age 57" / " (63)" after a name: the index after it (or ``j``)."""
    n = len(doc)
    k = nxt(doc, j)
    if k < n and doc[k].text == "(":
        m = nxt(doc, k + 1)
        if m < n and doc[m].like_num and nxt(doc, m + 1) < n and doc[nxt(doc, m + 1)].text == ")":
            return nxt(doc, m + 1) + 1
        return j
    if k < n and doc[k].text == ",":
        m = nxt(doc, k + 1)
        if (
            lower_at(doc, m) == "born"
            and lower_at(doc, nxt(doc, m + 1)) == "in"
            and doc[nxt(doc, nxt(doc, m + 1) + 1)].like_num
        ):
            return nxt(doc, nxt(doc, m + 1) + 1) + 1  # ", born in 1968"
        if lower_at(doc, m) in data.age_words:
            m = nxt(doc, m + 1)
        if m < n and doc[m].like_num and doc[m].text.isdigit() and 16 <= int(doc[m].text) <= 100:
            return m + 1
    return j


def match_frame(doc: Doc, i: int, frame: Frame, data: RoleFrameData) -> Optional[int]:
    """Where the title list of ``frame`` starts when its steps match from ``i``."""
    n = len(doc)
    j = _skip_age(doc, i, data)
    for step in frame.steps:
        if step.kind == "age":
            j = _skip_age(doc, j, data)
            continue
        k = nxt(doc, j)
        if step.kind == "one":
            if k < n and doc[k].lower_ in step.words:
                j = k + 1
            else:
                return None
        elif step.kind == "optional":
            if k < n and doc[k].lower_ in step.words:
                j = k + 1
        else:
            count = 0
            while k < n and doc[k].lower_ in step.words and count < 6:
                j = k + 1
                k = nxt(doc, j)
                count += 1
    return j


def _joined_board(doc: Doc, j: int, data: RoleFrameData) -> Optional[list]:
    """The organisations of "the board (of directors) of O" / "its board" at ``j``."""
    k = nxt(doc, j)
    pronoun = lower_at(doc, k)
    if pronoun not in ("the", "its", "our", "their"):
        return None
    k = nxt(doc, k + 1)
    if lower_at(doc, k) != "board":
        return None
    k = nxt(doc, k + 1)
    if lower_at(doc, k) == "of" and lower_at(doc, nxt(doc, k + 1)) == "directors":
        k = nxt(doc, nxt(doc, k + 1) + 1)
    if lower_at(doc, k) == "of":
        orgs, _ = read_orgs(doc, k + 1, data)
        return orgs or None
    return [GENERIC] if pronoun in data.company_pronouns else None


def frame_roles(
    doc: Doc, person: Span, start: int, data: RoleFrameData, default_org=None, bare: bool = False
) -> list[FoundRole]:
    """The roles a frame reads from token ``start`` (the end of the person's name, or of
    a pronoun standing for it); ``bare``: a title list right at ``start``."""
    n = len(doc)
    frames = (Frame("object", (), "current"),) if bare else data.frames
    for frame in frames:
        j = match_frame(doc, start, frame, data)
        if j is None or j == start and not bare:
            continue
        join_org = None
        if frame.join:
            board = _joined_board(doc, j, data)
            if board is not None:
                # "P joined the board of O in 2012": a director of O
                return [FoundRole(person, "director", org, frame.name) for org in board]
            orgs, end = read_orgs(doc, j, data)
            if not orgs and default_org is not None and lower_at(doc, nxt(doc, j)) == "as":
                orgs, end = [default_org], j  # "at O, where he joined as T"
            if not orgs:
                continue
            join_org = orgs[0]
            # "joined O in 2002 as T", "joined O as T"
            k = nxt(doc, end)
            steps = 0
            while (
                k < n
                and lower_at(doc, k) != "as"
                and steps < 6
                and (not doc[k].is_punct or doc[k].text == ",")
                and lower_at(doc, k) not in ("and", "where", "which", "who")
                and not doc[k].is_sent_start
            ):
                k = nxt(doc, k + 1)
                steps += 1
            if lower_at(doc, k) != "as":
                more = _conjoined(doc, person, end, data, [], default_org=join_org)
                if more:
                    return more  # "P joined O in 2008 and was appointed T in 2012"
                continue
            j = k + 1
        if frame.title is not None:
            # "served on the board of directors of O", "sits on its board"
            k = nxt(doc, j)
            if lower_at(doc, k) == "of" and lower_at(doc, nxt(doc, k + 1)) == "directors":
                k = nxt(doc, nxt(doc, k + 1) + 1)
            orgs = []
            if lower_at(doc, k) in OF_WORDS:
                orgs, _ = read_orgs(doc, k + 1, data)
            if not orgs and any(doc[x].lower_ in data.company_pronouns for x in range(start, j)):
                orgs = [GENERIC]
            if not orgs:
                continue
            title = f"former {frame.title}" if frame.tense == "former" else frame.title
            return [FoundRole(person, title, org, frame.name) for org in orgs]
        items, end = read_title_list(doc, j, data)
        if not items:
            if frame.name != "apposition":
                # "P joined the Company in 2008 and was appointed T", "P has been a
                # member of our board since 2009 and has served as T of O"
                more = _conjoined(doc, person, j, data, [], default_org=join_org)
                if more:
                    return more
            continue
        after = nxt(doc, end)
        if after < n and doc[after].ent_iob_ == "B" and doc[after].ent_type_ == "PERSON":
            continue  # "hired P, co-founder and chief executive Q said": the titles are Q's
        roles = []
        bridge_former = any(doc[x].lower_ in FORMER_WORDS for x in range(start, j))
        for title, orgs in _assign(items, join_org, default_org):
            former = title.former or frame.tense == "former" or bridge_former
            written = title.written
            if former and not written.startswith("former"):
                written = f"former {written}"
            if not orgs:
                orgs = [join_org] if join_org is not None else ([default_org] if default_org is not None else [None])
            if default_org is not None and default_org is not GENERIC:
                orgs = [default_org if o is GENERIC else o for o in orgs]  # "O named P as its T"
            for org in orgs:
                roles.append(FoundRole(person, written, org, frame.name))
        return roles + _conjoined(doc, person, end, data, roles)
    return [] if bare else held_roles(doc, person, start, data)


# Words before "held" / "spent" after a name: "P has also held ...", "P previously spent".
HELD_BRIDGE = frozenset({"who", "has", "have", "had", "also", "previously", "formerly", "since", "then"})
HELD_VERBS = frozenset({"held", "holds", "holding", "hold"})
POSITION_NOUNS = frozenset({"positions", "position", "roles", "role", "posts", "post", "capacities"})
# Words describing posts without naming one: "held various positions at O".
VAGUE_WORDS = frozenset(
    {"various", "several", "numerous", "different", "many", "a", "number", "of", "variety", "other"}
)
# Words before the last post held at an organisation: ", most recently as T".
LATEST_WORDS = frozenset({",", "most", "recently", "lastly", "finally", "ultimately", "last"})


def _latest_as(doc: Doc, person: Span, j: int, data: RoleFrameData) -> list[FoundRole]:
    """ "P has over 20 years of experience in banking, most recently as CFO of O",
    "..., including as the COO of O": the posts after "most recently as" / "including as"
    later in the person's clause (no other person named between), with their organisation."""
    n = len(doc)
    end = min(n, j + 25)
    k = j
    while k < end - 2:
        t = doc[k]
        if t.is_sent_start and k > j or t.ent_type_ == "PERSON" or t.lower_ in (";", "who", "which", "he", "she"):
            return []
        if t.lower_ == "as" and lower_at(doc, prv(doc, k - 1)) in ("recently", "including"):
            items, _ = read_title_list(doc, nxt(doc, k + 1), data)
            return [
                FoundRole(person, title.written, org, "latest-as")
                for title, orgs in _assign(items)
                for org in orgs[:1]
                if org is not GENERIC
            ]
        k += 1
    return []


def held_roles(doc: Doc, person: Span, start: int, data: RoleFrameData) -> list[FoundRole]:
    """ "P held financial planning positions with O1 and O2" (the title is the posts as
    written) and "P spent twelve years at O, most recently as T" (the titles after "as")."""
    n = len(doc)
    j = nxt(doc, start)
    if lower_at(doc, j) == ",":
        j = nxt(doc, j + 1)
    while lower_at(doc, j) in HELD_BRIDGE:
        j = nxt(doc, j + 1)
    word = lower_at(doc, j)
    served_in = word in ("served", "serves", "serving", "worked") and lower_at(doc, nxt(doc, j + 1)) == "in"
    if word in HELD_VERBS or served_in:
        first = nxt(doc, j + 1)
        if served_in:
            first = nxt(doc, first + 1)  # "served in various capacities at O, including as T"
        k = first
        while k < n and k < first + 5 and doc[k].is_lower and doc[k].is_alpha and doc[k].lower_ not in POSITION_NOUNS:
            k = nxt(doc, k + 1)
        if lower_at(doc, k) in POSITION_NOUNS and lower_at(doc, nxt(doc, k + 1)) == "of":
            # "held the positions of Chief Financial Officer and Treasurer at O"
            items, end = read_title_list(doc, nxt(doc, nxt(doc, k + 1) + 1), data)
            if items:
                return [
                    FoundRole(person, title.written, org, "held-positions")
                    for title, orgs in _assign(items)
                    for org in orgs[:1]
                ]
        if lower_at(doc, k) not in POSITION_NOUNS or k == first or lower_at(doc, nxt(doc, k + 1)) not in OF_WORDS:
            return []
        orgs, end = read_orgs(doc, nxt(doc, k + 1) + 1, data)
        if not orgs:
            return []
        m = nxt(doc, end)
        steps = 0
        while m < n and steps < 4 and lower_at(doc, m) in LATEST_WORDS:
            m, steps = nxt(doc, m + 1), steps + 1
        if lower_at(doc, m) in ("as", "including"):
            # "held various positions at O, most recently as T": the posts named at O
            t = nxt(doc, m + 1)
            if lower_at(doc, m) == "including" and lower_at(doc, t) == "as":
                t = nxt(doc, t + 1)
            items, _ = read_title_list(doc, t, data)
            return [FoundRole(person, item.title.written, orgs[0], "held-positions") for item in items]
        if all(doc[x].lower_ in VAGUE_WORDS for x in range(first, k)):
            return []  # "various positions": no post named
        written = written_title(doc, first, k + 1)
        former = lower_at(doc, j) == "held" and any(doc[x].lower_ in FORMER_WORDS for x in range(start, j))
        title = f"former {written}" if former else written
        return [FoundRole(person, title, org, "held-positions") for org in orgs]
    if word == "spent":
        k = nxt(doc, j + 1)
        steps = 0
        while k < n and steps < 5 and lower_at(doc, k) not in ("at", "with") and not doc[k].is_punct:
            k, steps = nxt(doc, k + 1), steps + 1
        if lower_at(doc, k) not in ("at", "with"):
            return []
        orgs, end = read_orgs(doc, k + 1, data)
        if not orgs:
            return []
        m = nxt(doc, end)
        steps = 0
        while m < n and steps < 4 and lower_at(doc, m) in LATEST_WORDS:
            m, steps = nxt(doc, m + 1), steps + 1
        if lower_at(doc, m) != "as":
            return []
        items, _ = read_title_list(doc, nxt(doc, m + 1), data)
        # the posts held there: "most recently as Head of Equity Research" is at O
        return [FoundRole(person, item.title.written, orgs[0], "spent-years") for item in items]
    return _latest_as(doc, person, j, data)


def _conjoined(doc: Doc, person: Span, end: int, data: RoleFrameData, roles: list, default_org=None) -> list[FoundRole]:
    """A second predicate of the same subject after the titles: "P has been T1 of O since
    2005 and was T2 from 1997 to 2009": its titles without an organisation take the
    first one's."""
    n = len(doc)
    k = end
    limit = min(n, end + 12)
    while k < limit and not doc[k].is_sent_start:
        if doc[k].lower_ == "and" and k + 1 < n:
            m = nxt(doc, k + 1)
            default = next((r.org for r in roles if r.org is not None), default_org)
            if lower_at(doc, m) in (
                "was",
                "is",
                "has",
                "had",
                "became",
                "served",
                "serves",
                "acted",
                "acts",
                "remained",
                "remains",
                "then",
                "later",
                "subsequently",
                "also",
            ):
                return frame_roles(doc, person, k + 1, data, default_org=default)
            if lower_at(doc, m) == "as" and read_title_list(doc, nxt(doc, m + 1), data)[0]:
                # "has served as T1 since 2014 and as T2 of O2 since 2010"
                return frame_roles(doc, person, nxt(doc, m + 1), data, default_org=default, bare=True)
            if read_title_peek(doc, m, data) and any(
                doc[x].like_num or doc[x].ent_type_ == "DATE" for x in range(end, k)
            ):
                # "was CFO from 1997 to 2009 and Senior Vice President from 1997 to 2005"
                return frame_roles(doc, person, m, data, default_org=default, bare=True)
            return []
        if doc[k].text == ";" and k + 1 < n:
            # a list of posts with their dates: "T1 of O1 from 2001 to 2005; T2 of O2 since 2005"
            m = nxt(doc, k + 1)
            if lower_at(doc, m) == "and":
                m = nxt(doc, m + 1)
            if read_title_peek(doc, m, data):
                default = next((r.org for r in roles if r.org is not None), default_org)
                return frame_roles(doc, person, m, data, default_org=default, bare=True)
            return []
        if doc[k].text in (";", ":") or doc[k].lower_ in ("who", "which", "where", "while", "but"):
            return []
        k += 1
    return []


def described_roles(doc: Doc, person: Span, head, data: RoleFrameData) -> list[FoundRole]:
    """The titles of the noun a name is in apposition to, read from the noun phrase's
    first word: "the new chief executive of O, P", "O's founders, P and Q", "its
    chairman, P"."""
    start = head.left_edge.i
    items, end = read_title_list(doc, start, data)
    if not items or not (items[0].title.start <= head.i < max(end, head.i + 1)):
        return []
    roles = []
    for title, orgs in _assign(items):
        written = title.written
        if title.former and not written.startswith("former"):
            written = f"former {written}"
        for org in orgs or [None]:
            roles.append(FoundRole(person, written, org, "described"))
    return roles


def founder_roles(
    doc: Doc, person: Span, data: RoleFrameData, verbs: frozenset, title_verbs: dict = None, start: Optional[int] = None
) -> list[FoundRole]:
    """ "P founded O", "P, who co-founded O", "P co-founded descriptor O with Q" (the
    founder reads the organisation after the verb)."""
    n = len(doc)
    j = nxt(doc, person.end if start is None else start)
    if lower_at(doc, j) == ",":
        j = nxt(doc, j + 1)
    if lower_at(doc, j) == "who":
        j = nxt(doc, j + 1)
    while lower_at(doc, j) in ("also", "has", "had", "later", "now", "currently", "still"):
        j = nxt(doc, j + 1)
    if j >= n:
        return []
    word = doc[j].lower_
    stem = word[:-2] if word.endswith("ed") else word
    if title_verbs and word in title_verbs:
        title = title_verbs[word]  # "who chairs O"
    elif stem not in verbs and word not in verbs:
        return []
    else:
        title = "co-founder" if word.startswith("co") else "founder"
    k = nxt(doc, j + 1)
    if lower_at(doc, k) == "up":  # "set up"
        k = nxt(doc, k + 1)
    orgs, _ = read_orgs(doc, k, data)
    return [FoundRole(person, title, org, "founded") for org in orgs[:1]]


def pronoun_roles(doc: Doc, pronoun: int, person: Span, data: RoleFrameData) -> list[FoundRole]:
    """ "P ... . He served as T of O", "at O, where he served as T": the frames read from
    a pronoun that stands for the person named before; "where" takes the organisation
    just before it."""
    default_org = None
    w = prv(doc, pronoun - 1)
    relative = w >= 0 and doc[w].lower_ == "where"
    if w >= 1 and doc[w].lower_ == "which" and doc[prv(doc, w - 1)].lower_ in RELATIVE_PREPOSITIONS:
        w, relative = prv(doc, w - 1), True  # "an agreement with O under which he agreed to serve as T"
    if relative:
        c = prv(doc, w - 1)
        if c >= 0 and doc[c].text == ",":
            c = prv(doc, c - 1)
        if c >= 0 and doc[c].text == ")":
            # "O2 (acquired by O3), where": the name before the brackets
            o = c
            while o > 0 and doc[o].text != "(" and c - o < 12:
                o -= 1
            c = prv(doc, o - 1) if doc[o].text == "(" else c
        if c >= 0:
            default_org = name_ending_at(doc, c + 1, data)
    return frame_roles(doc, person, pronoun + 1, data, default_org=default_org)
