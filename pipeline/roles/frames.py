"""Role frames as pure functions of a parsed Doc.

A frame (``patterns/role_frames.yml``) is the run of words leading from a person's name
to a list of titles: ", 54, " (apposition with age), " has served as ", " was named ",
" had been ", " joined O as ". The title list that follows is read the same way for
every frame (``titlelists.read_title_list``: one role per title and organisation). Also
the posts held without a frame's title list ("held treasury planning positions with
O", "spent nine years at O, most recently as T"), founders, and pronouns.

Nothing here keeps state: every function takes the Doc, the token index it starts at
and a ``RoleFrameData`` (the validated pattern data) and returns what it read.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span

from .lexicon import Frame, RoleFrameData
from .orgnames import GENERIC, name_ending_at, read_orgs
from .titlelists import (
    OF_WORDS,
    FoundRole,
    assign_orgs,
    read_title_list,
)
from .titles import lower_at, nxt, prv, read_title_peek, written_title

# Prepositions before "which" that open a clause about the organisation just named:
# "an agreement with O under which he serves as T", "O, at which she was T".
RELATIVE_PREPOSITIONS = frozenset({"under", "at", "in", "with", "by", "to"})
# Words in a frame's bridge that make the post a former one: "P, formerly T of O".
FORMER_WORDS = frozenset({"formerly", "previously", "once"})


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
        for title, orgs in assign_orgs(items, join_org, default_org):
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
                for title, orgs in assign_orgs(items)
                for org in orgs[:1]
                if org is not GENERIC
            ]
        k += 1
    return []


def held_roles(doc: Doc, person: Span, start: int, data: RoleFrameData) -> list[FoundRole]:
    """ "P held treasury planning positions with O1 and O2" (the title is the posts as
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
            # "has held the positions of Controller and General Counsel at O"
            items, end = read_title_list(doc, nxt(doc, nxt(doc, k + 1) + 1), data)
            if items:
                return [
                    FoundRole(person, title.written, org, "held-positions")
                    for title, orgs in assign_orgs(items)
                    for org in orgs[:1]
                ]
        if lower_at(doc, k) not in POSITION_NOUNS or k == first or lower_at(doc, nxt(doc, k + 1)) not in OF_WORDS:
            return []
        orgs, end = read_orgs(doc, nxt(doc, k + 1) + 1, data)
        if not orgs:
            return []
        m = _past_latest(doc, nxt(doc, end))
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
        m = _past_latest(doc, nxt(doc, end))
        if lower_at(doc, m) != "as":
            return []
        items, _ = read_title_list(doc, nxt(doc, m + 1), data)
        # the posts held there: "most recently as Head of Equity Research" is at O
        return [FoundRole(person, item.title.written, orgs[0], "spent-years") for item in items]
    return _latest_as(doc, person, j, data)


def _past_latest(doc: Doc, m: int) -> int:
    """The word after ", most recently" (at most four such words) from m on."""
    steps = 0
    while m < len(doc) and steps < 4 and lower_at(doc, m) in LATEST_WORDS:
        m, steps = nxt(doc, m + 1), steps + 1
    return m


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
    for title, orgs in assign_orgs(items):
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
    orgs, end = read_orgs(doc, k, data)
    found = [FoundRole(person, title, org, "founded") for org in orgs[:1]]
    # "P founded O in 1998 and has served as its Chairman since then"
    return found + _conjoined(doc, person, end, data, found) if found else found


def pronoun_roles(doc: Doc, pronoun: int, person: Span, data: RoleFrameData) -> list[FoundRole]:
    """ "P ... . He served as T of O", "at O, where he served as T": the frames read from
    a pronoun that stands for the person named before; "where" takes the organisation
    just before it."""
    default_org = None
    w = prv(doc, pronoun - 1)
    relative = w >= 0 and doc[w].lower_ == "where"
    if w >= 1 and doc[w].lower_ == "which" and doc[prv(doc, w - 1)].lower_ in RELATIVE_PREPOSITIONS:
        w, relative = prv(doc, w - 1), True  # "a contract with O, under which he will act as T"
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
        if default_org is not None and any(t.ent_type_ == "PERSON" for t in default_org):
            default_org = None  # "negotiations with P under which he will become its CEO": no employer
    return frame_roles(doc, person, pronoun + 1, data, default_org=default_org)
