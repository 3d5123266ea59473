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

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span

from ..errors import PatternError

JOINERS = frozenset({"'s", "’s", "'", "’"})
OF_WORDS = frozenset({"of", "at", "for", "with", "in"})
# Words that end a name read from capitalised words.
NAME_LINKS = frozenset({"&", "-", "of", "and"})
# Entity labels a name after "of" may carry and still be an employer (the small model
# often tags a company as a person or place).
NOT_NAME_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
MAX_DESCRIPTOR_WORDS = 5
# Nouns that carry a title after "of": "named to the new post of president".
POST_NOUNS = frozenset({"post", "position", "role", "title", "office", "job", "posts", "positions", "titles"})
AGE_ADJECTIVE = re.compile(r"^\d{2}-year-old$")
# Capitalised words that never continue a name: pronouns and articles starting a sentence.
NAME_STOPS = frozenset(
    {"he", "she", "it", "they", "we", "i", "the", "a", "an", "his", "her", "its", "their", "this", "that"}
)
# Words in a frame's bridge that make the post a former one: "P, formerly T of O".
FORMER_WORDS = frozenset({"formerly", "previously", "once"})
SUFFIXES = frozenset(
    {
        "inc",
        "llc",
        "ltd",
        "corp",
        "co",
        "plc",
        "lp",
        "l.p",
        "n.v",
        "s.a",
        "ag",
        "limited",
        "incorporated",
        "corporation",
        "llp",
    }
)
GENERIC = "the company"  # an organisation written as "the Company", "its", "our"


@dataclass(frozen=True)
class Step:
    kind: str  # "one", "optional", "any", "age"
    words: frozenset


@dataclass(frozen=True)
class Frame:
    name: str
    steps: tuple
    tense: str  # "current" | "former"
    join: bool = False
    title: Optional[str] = None


@dataclass(frozen=True)
class RoleFrameData:
    frames: tuple
    titles: frozenset  # lower-cased title phrases
    max_title_words: int
    modifiers: frozenset
    former_modifiers: frozenset
    dropped_modifiers: frozenset
    openers: frozenset
    company_pronouns: frozenset
    company_nouns: frozenset
    department_words: frozenset
    not_employer_heads: frozenset
    source_cues: frozenset
    age_words: frozenset
    not_employer_words: frozenset
    not_person_words: frozenset
    title_words: frozenset
    government_heads: frozenset = frozenset()


@dataclass(frozen=True)
class FoundRole:
    """A role read by a frame: the person, the title as written, the organisation
    (a Span, ``GENERIC`` for "the Company"/"its", or None) and the frame's name."""

    person: Span
    title: str
    org: object
    frame: str


LIST_KEYS = (
    "title_modifiers",
    "former_modifiers",
    "dropped_modifiers",
    "title_openers",
    "company_pronouns",
    "company_nouns",
    "department_words",
    "not_employer_heads",
    "source_cues",
    "age_words",
    "not_employer_words",
    "not_person_words",
)


def _words(value, where: str) -> frozenset:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise PatternError(f"{where}: expected a list of words, got {value!r}")
    return frozenset(w.strip().lower() for w in value)


def _step(raw, where: str) -> Step:
    if isinstance(raw, list):
        return Step("one", _words(raw, where))
    if isinstance(raw, dict) and len(raw) == 1:
        ((kind, value),) = raw.items()
        if kind == "age":
            if value is not True:
                raise PatternError(f"{where}: 'age' takes true, got {value!r}")
            return Step("age", frozenset())
        if kind in ("optional", "any"):
            return Step(kind, _words(value, where))
    raise PatternError(
        f"{where}: a step is a list of words, {{optional: [...]}}, {{any: [...]}} or {{age: true}}; got {raw!r}"
    )


def load_frame_data(data, titles, where: str = "role_frames.yml") -> RoleFrameData:
    """Validate the parsed ``role_frames.yml`` (``where`` names the file in messages) and
    the title phrases of ``titles.txt``."""
    if not isinstance(data, dict):
        raise PatternError(f"{where}: expected a mapping at the top level")
    frames_raw = data.get("frames")
    if not isinstance(frames_raw, list) or not frames_raw:
        raise PatternError(f"{where}: 'frames' must be a non-empty list")
    frames = []
    for n, entry in enumerate(frames_raw, 1):
        at = f"{where}, frame {n}"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise PatternError(f"{at}: expected a mapping with a 'name', got {entry!r}")
        at = f"{where}, frame {entry['name']!r}"
        steps = entry.get("steps")
        if not isinstance(steps, list) or not steps:
            raise PatternError(f"{at}: 'steps' must be a non-empty list")
        unknown = set(entry) - {"name", "steps", "tense", "join", "title"}
        if unknown:
            raise PatternError(f"{at}: unknown key(s) {', '.join(sorted(unknown))}")
        tense = entry.get("tense", "current")
        if tense not in ("current", "former"):
            raise PatternError(f"{at}: tense must be 'current' or 'former', got {tense!r}")
        title = entry.get("title")
        if title is not None and not (isinstance(title, str) and title.strip()):
            raise PatternError(f"{at}: 'title' must be a word or phrase, got {title!r}")
        frames.append(
            Frame(
                entry["name"],
                tuple(_step(s, f"{at}, step {i}") for i, s in enumerate(steps, 1)),
                tense,
                bool(entry.get("join", False)),
                title,
            )
        )
    lists = {}
    for key in LIST_KEYS:
        if key not in data:
            raise PatternError(f"{where}: missing key {key!r}")
        lists[key] = _words(data[key], f"{where}, {key}")
    phrases = frozenset(t.lower() for t in titles) | _words(data.get("frame_titles", []), f"{where}, frame_titles")
    return RoleFrameData(
        frames=tuple(frames),
        titles=phrases,
        max_title_words=max(len(p.split()) for p in phrases) + 1,
        modifiers=lists["title_modifiers"],
        former_modifiers=lists["former_modifiers"],
        dropped_modifiers=lists["dropped_modifiers"],
        openers=lists["title_openers"],
        company_pronouns=lists["company_pronouns"],
        company_nouns=lists["company_nouns"],
        department_words=lists["department_words"],
        not_employer_heads=lists["not_employer_heads"],
        source_cues=lists["source_cues"],
        age_words=lists["age_words"],
        not_employer_words=lists["not_employer_words"],
        not_person_words=lists["not_person_words"],
        government_heads=_words(data.get("government_heads", []), f"{where}, government_heads"),
        title_words=frozenset(w for p in phrases for w in p.replace("-", " ").split()) | lists["title_modifiers"],
    )


# --- reading words -------------------------------------------------------------------


def nxt(doc: Doc, i: int) -> int:
    """The first index >= i that is not white space (a line break of a wrapped text)."""
    n = len(doc)
    while i < n and doc[i].is_space:
        i += 1
    return i


def prv(doc: Doc, i: int) -> int:
    """The last index <= i that is not white space (-1 when none)."""
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


def _lower(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _ent_span(doc: Doc, i: int) -> Optional[Span]:
    """The entity token ``i`` is in (from the tokens' entity marks)."""
    token = doc[i]
    if not token.ent_type_:
        return None
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


# --- titles ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Title:
    start: int
    end: int
    written: str
    former: bool
    committee: bool = False  # "chair of the audit committee": the employer is another's


def _phrase(doc: Doc, start: int, end: int) -> str:
    return " ".join("".join(t.lower_ + t.whitespace_ for t in doc[start:end]).split())


def _core_end(doc: Doc, i: int, data: RoleFrameData) -> Optional[tuple[int, bool]]:
    """The end of a title phrase of titles.txt starting at ``i`` (longest first), and
    whether it was a plural ("founders")."""
    n = len(doc)
    ends = []
    j = i
    while (
        j < n
        and len(ends) < data.max_title_words
        and (doc[j].is_alpha or doc[j].text in ("-", "&") or "-" in doc[j].text or doc[j].is_space and ends)
    ):
        j += 1
        if not doc[j - 1].is_space:
            ends.append(j)  # a line break inside a title is a space ("chief\nexecutive officer")
    for end in reversed(ends):
        phrase = _phrase(doc, i, end)
        if phrase in data.titles:
            return end, False
        if phrase.endswith("s") and phrase[:-1] in data.titles:
            return end, True
    # "Chief Accounting Officer", "chief risk officer": chief + up to 3 words + officer
    if _lower(doc, i) == "chief":
        for end in ends[1:4]:
            if doc[end - 1].lower_ in ("officer", "officers"):
                return end, doc[end - 1].lower_ == "officers"
    return None


def read_title(doc: Doc, i: int, data: RoleFrameData) -> Optional[Title]:
    """A title starting at token ``i`` with its modifiers ("former senior vice
    president", "acting president", "chairman of the board of directors")."""
    n = len(doc)
    j = nxt(doc, i)
    former = False
    first = None  # first word written in the title
    mods = 0
    if j < n and AGE_ADJECTIVE.match(doc[j].text):
        j = nxt(doc, j + 1)  # "the 51-year-old CEO"
    while j < n and _lower(doc, j) in data.modifiers and _core_end(doc, j, data) is None and mods < 4:
        word = _lower(doc, j)
        if word in data.former_modifiers:
            former = True
        if (
            word not in data.dropped_modifiers
            and not (word in data.former_modifiers and word != "former")
            and first is None
        ):
            first = j
        j = nxt(doc, j + 1)
        if j < n and doc[j].text == "-":
            j = nxt(doc, j + 1)
        mods += 1
    core = _core_end(doc, j, data) if j < n else None
    if core is None:
        return None
    end = core[0]
    start = first if first is not None else j
    committee = False
    # "chairman of the board (of directors)", "chair of the audit committee"
    k = nxt(doc, end)
    if _lower(doc, k) == "of":
        m = nxt(doc, k + 1)
        if _lower(doc, m) == "the":
            m = nxt(doc, m + 1)
        if _lower(doc, m) == "board":
            end = m + 1
            if _lower(doc, nxt(doc, end)) == "of" and _lower(doc, nxt(doc, nxt(doc, end) + 1)) in (
                "directors",
                "trustees",
                "governors",
                "managers",
                "supervisors",
            ):
                end = nxt(doc, nxt(doc, end) + 1) + 1
        else:
            for c in range(m, min(m + 5, n)):
                if doc[c].lower_ in ("committee", "committees"):
                    if all(doc[x].is_alpha or doc[x].is_space or doc[x].text in ("-", "&") for x in range(m, c)):
                        end, committee = c + 1, True
                    break
    # "Vice President of Operations and Supply Chain Management": department words
    k = nxt(doc, end)
    if _lower(doc, k) in ("of", "-", ",") and not committee:
        m = nxt(doc, k + 1)
        d = m
        while (
            d < n
            and (_lower(doc, d) in data.department_words or doc[d].is_space)
            and not (
                doc[d].ent_type_ == "ORG" and doc[d].ent_iob_ == "B" and doc[d].lower_ not in data.department_words
            )
        ):
            d += 1
        d_end = d
        while d_end > m and (doc[d_end - 1].is_space or doc[d_end - 1].lower_ in ("and", "the", "of", "&")):
            d_end -= 1
        if d_end > m and any(doc[x].lower_ not in ("and", "the", "of", "&") for x in range(m, d_end)):
            # the words must end the phrase, not begin an organisation's name
            after = nxt(doc, d_end)
            if not (
                after < n
                and doc[after].text[:1].isupper()
                and doc[after].is_alpha
                and doc[after].lower_ not in data.department_words
                and _lower(doc, k) != ","
            ):
                end = d_end
    written = _written(doc, start, end)
    if core[1] and written.endswith("s"):
        written = written[:-1]  # "founders" -> "founder"
    return Title(start, end, written, former, committee)


def _written(doc: Doc, start: int, end: int) -> str:
    """The title as the text writes it: lower-cased, acronyms kept (CEO, CFO)."""
    words = []
    for t in doc[start:end]:
        if t.is_space:
            words.append(" ")
            continue
        text = t.text if (len(t.text) >= 2 and t.text.isupper() and t.is_alpha and len(t.text) <= 5) else t.text.lower()
        words.append(text + (" " if t.whitespace_ else ""))
    return " ".join("".join(words).split())


# --- organisations -------------------------------------------------------------------


def _cap(doc: Doc, i: int) -> bool:
    t = doc[i]
    return bool(t.text[:1].isupper() or (t.text[:1].isdigit() and t.ent_type_ == "ORG")) and not t.is_punct


def _name_at(doc: Doc, i: int, data: RoleFrameData) -> Optional[Span]:
    """A name starting at ``i``: an ORG entity, or a run of capitalised words (the model
    often misses or mislabels a company's name), extended to the end of an entity it
    runs into."""
    n = len(doc)
    if i >= n or not _cap(doc, i) or doc[i].ent_type_ in NOT_NAME_LABELS:
        return None
    if doc[i].lower_ in data.department_words and doc[i].ent_type_ != "ORG":
        return None
    ent = _ent_span(doc, i)
    end = i + 1
    if ent is not None and ent.label_ == "ORG" and ent.start == i:
        end = ent.end
    while end < n:
        t = doc[end]
        if t.is_sent_start or t.lower_ in NAME_STOPS:
            break  # "E.F. Hutton Co. He said": a new sentence, a pronoun
        if t.is_space:
            if (
                "\n" in t.text
                and end + 1 < n
                and _cap(doc, end + 1)
                and doc[end + 1].ent_type_ not in NOT_NAME_LABELS
                and not doc[end + 1].is_sent_start
            ):
                end += 1
                continue
            break
        if _cap(doc, end) and t.ent_type_ not in NOT_NAME_LABELS and not read_title_peek(doc, end, data):
            end += 1
        elif t.text in ("&", "-", ".", "'") and end + 1 < n and _cap(doc, end + 1):
            end += 1
        elif t.ent_type_ == "ORG" and t.ent_iob_ == "I":
            end += 1  # "Sjöberg Bygg", "Co., Ltd." inside the entity
        else:
            break
    # ", Inc.", ", LLC": the suffix after a comma belongs to the name
    k = end
    if k + 1 < n and doc[k].text == "," and doc[k + 1].lower_.rstrip(".") in SUFFIXES:
        end = k + 2
        if end < n and doc[end].text == ".":
            end += 1
    # the end of an ORG entity the run reaches
    last = _ent_span(doc, end - 1)
    if last is not None and last.label_ == "ORG" and last.end > end:
        end = last.end
    while end > i + 1 and doc[end - 1].text in (",", "-", "&"):
        end -= 1
    return Span(doc, i, end, label="ORG")


def read_title_peek(doc: Doc, i: int, data: RoleFrameData) -> bool:
    """A title starts at ``i`` (modifiers allowed): "Chief Executive", "Senior Vice President"."""
    if i >= len(doc):
        return False
    word = doc[i].lower_
    if word not in data.modifiers and not any(p.startswith(word) for p in (word,)):
        pass
    return _core_end(doc, i, data) is not None or (word in data.modifiers and read_title(doc, i, data) is not None)


def _descriptor(doc: Doc, i: int, data: RoleFrameData) -> int:
    """The end of the words describing an organisation before its name: "Danish pump
    maker", "Karachi delivery start-up", "ride-hailing app", "Istanbul fund manager"."""
    n = len(doc)
    j = i
    lowered = 0
    while j < n and j - i < MAX_DESCRIPTOR_WORDS + 2:
        t = doc[j]
        if t.is_space or t.text == "-":
            j += 1
        elif (
            t.is_lower
            and t.is_alpha
            and t.lower_
            not in (
                "and",
                "or",
                "since",
                "from",
                "until",
                "in",
                "where",
                "which",
                "who",
                "to",
                "on",
                "as",
                "of",
                "at",
                "for",
                "with",
                "the",
                "a",
                "an",
                "that",
                "when",
                "through",
                "by",
            )
        ):
            j += 1
            lowered += 1
        elif t.lower_ == "of" and lowered and j + 1 < n and _cap(doc, nxt(doc, j + 1)):
            j += 1  # "the law firm of X", "the consumer division of X"
        elif _cap(doc, j) and (t.ent_type_ in ("GPE", "NORP", "LOC") or t.pos_ == "ADJ") and lowered == 0:
            j += 1  # "Danish", "Karachi" before the descriptor words
        elif (
            _cap(doc, j)
            and lowered == 0
            and j + 1 < n
            and doc[j + 1].is_lower
            and doc[j + 1].is_alpha
            and doc[j + 1].lower_
            not in (
                "and",
                "since",
                "from",
                "until",
                "in",
                "where",
                "which",
                "who",
                "to",
                "on",
                "as",
                "of",
                "at",
                "for",
                "with",
            )
        ):
            j += 1  # a place the model did not tag, before lower-case descriptor words
        else:
            break
    return j if lowered else i


def read_orgs(doc: Doc, i: int, data: RoleFrameData) -> tuple[list, int]:
    """The organisations starting at ``i`` (after "of", "at", "for"): one name or several
    joined by "and" and commas; ``GENERIC`` for "the Company", "us", "our company".
    Returns (organisations, end index)."""
    n = len(doc)
    j = nxt(doc, i)
    if j >= n:
        return [], i
    if _lower(doc, j) in ("us", "it"):
        return [GENERIC], j + 1
    if _lower(doc, j) in ("the", "its", "our", "their", "this") or _lower(doc, j) in data.company_pronouns:
        k = nxt(doc, j + 1)
        if _lower(doc, k) in data.company_nouns and not (k + 1 < n and _cap(doc, k) and _cap(doc, k + 1)):
            return [GENERIC], k + 1
        if _lower(doc, j) == "the":
            j = k  # "of the Sustainable Preservation Initiative": "the" is left out
    orgs = []
    while True:
        start = _descriptor(doc, j, data)
        name = _name_at(doc, start, data)
        if name is None and start != j:
            name = _name_at(doc, j, data)
        if name is None:
            break
        k = nxt(doc, name.end)
        if k < len(doc) and doc[k].text in JOINERS:
            owned = _name_at(doc, nxt(doc, k + 1), data)
            if owned is not None:
                name = owned  # "of O's Westin Hotel unit": the unit
        orgs.append(name)
        j = name.end
        k = nxt(doc, j)
        # "X, Y and Z", "X and Y": another name after a comma or "and"
        if _lower(doc, k) in (",", "and", "&"):
            m = nxt(doc, k + 1)
            if doc[k].text == "," and _lower(doc, m) == "and":
                m = nxt(doc, m + 1)
            if m < n and _lower(doc, m) == "the":
                m = nxt(doc, m + 1)
            if (
                m < n
                and _cap(doc, m)
                and not read_title_peek(doc, m, data)
                and doc[m].ent_type_ not in ("PERSON", "DATE", "GPE")
                and doc[m].lower_ not in ("inc", "inc.", "ltd", "ltd.", "llc")
            ):
                if doc[k].text == "," and _lower(doc, nxt(doc, k + 1)) != "and":
                    # "of X, Y and Z" continues a list; "of X, Y said" does not
                    following = _name_at(doc, m, data)
                    after = nxt(doc, following.end) if following is not None else n
                    if after >= n or doc[after].text not in (",", "and", "&"):
                        break
                j = m
                continue
        break
    return orgs, (orgs[-1].end if orgs else i)


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
    if all(
        w in data.not_employer_words
        or w in data.department_words
        or w in data.company_nouns
        or w in SUFFIXES
        or w in data.title_words
        for w in words
    ):
        return False  # "Sales and Marketing", "LLC", "the Company", "Chief Executive Officer"
    return True


def is_source(org, data: RoleFrameData) -> bool:
    """An organisation quoted as a source, not an employer: "told Reuters", "according
    to X", "in an interview with X", "the X newspaper"."""
    if org is None or org is GENERIC:
        return False
    doc = org.doc
    b = prv(doc, org.start - 1)
    if b >= 0 and doc[b].lower_ == "the":
        b = prv(doc, b - 1)
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
    return a < len(doc) and doc[a].lower_ in ("newspaper", "magazine", "daily", "weekly", "newsletter")


def is_place(org) -> bool:
    """Every word of the name is tagged a place or nationality ("Lyon", "Danish")."""
    if org is None or org is GENERIC:
        return False
    tokens = [t for t in org if not t.is_space and not t.is_punct]
    return bool(tokens) and all(t.ent_type_ in ("GPE", "NORP", "LOC", "DATE") for t in tokens)


# --- title lists -----------------------------------------------------------------------


@dataclass
class _Item:
    title: Title
    orgs: list
    before: object  # organisation written before the title ("X's", "its")


def read_title_list(doc: Doc, i: int, data: RoleFrameData) -> tuple[list, int]:
    """Titles joined by commas and "and" from ``i``, each with the organisations read
    for it: (items, end)."""
    n = len(doc)
    items: list[_Item] = []
    j = i
    while True:
        k = nxt(doc, j)
        before = None
        if _lower(doc, k) in data.openers:
            if _lower(doc, k) in data.company_pronouns:
                before = GENERIC
            k = nxt(doc, k + 1)
        # "the (newly created) post of T", "the additional title of T"
        m = k
        while _lower(doc, m) in ("new", "newly", "created", "additional", "added", "vacant", "the"):
            m = nxt(doc, m + 1)
        if _lower(doc, m) in POST_NOUNS and _lower(doc, nxt(doc, m + 1)) == "of":
            k = nxt(doc, nxt(doc, m + 1) + 1)
        # "the company's chief executive"
        if (
            _lower(doc, k) in data.company_nouns and doc[nxt(doc, k + 1)].text in JOINERS
            if nxt(doc, k + 1) < n
            else False
        ):
            before = GENERIC
            k = nxt(doc, nxt(doc, k + 1) + 1)
        title = read_title(doc, k, data) if k < n else None
        if title is None and k < n and _cap(doc, k) and not read_title_peek(doc, k, data):
            # "Karoo Mutual's chief investment officer", "Gridnote chief executive"
            name = _name_at(doc, k, data)
            if name is not None:
                m = nxt(doc, name.end)
                if m < n and (doc[m].text in JOINERS or doc[m].text == "s" and doc[m - 1].whitespace_):
                    m = nxt(doc, m + 1)
                title = read_title(doc, m, data) if m < n else None
                if title is not None:
                    before = name
        if title is None:
            break
        j = title.end
        orgs: list = []
        m = nxt(doc, j)
        if m < n and doc[m].text == "," and _lower(doc, nxt(doc, m + 1)) in ("of", "at"):
            m = nxt(doc, m + 1)  # "Senior Vice President, a Director and Managing Director, of O"
        if _lower(doc, m) in OF_WORDS:
            orgs, end = read_orgs(doc, m + 1, data)
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
        items.append(_Item(title, orgs, before))
        # another title after a comma or "and" ("chairman, president and chief executive")
        m = nxt(doc, j)
        if m < n and doc[m].text in (",", "and", "&", "/", ";"):
            m2 = nxt(doc, m + 1)
            if doc[m].text in (",", ";") and _lower(doc, m2) == "and":
                m2 = nxt(doc, m2 + 1)
            peek = m2
            if _lower(doc, peek) in data.openers:
                peek = nxt(doc, peek + 1)
            if peek < n and (read_title(doc, peek, data) is not None):
                j = m2
                continue
        break
    return items, j


def _assign(items: list, first=None) -> list[tuple[Title, list]]:
    """The organisations of each title: its own, else ``first`` (the organisation a
    person joins), else those of the next title that has some ("chairman and chief
    executive of X"), else the one written before it, else those of a title before it."""
    out = []
    for idx, item in enumerate(items):
        orgs = [o for o in item.orgs]
        if not orgs and first is not None:
            orgs = [first]
        if not orgs:
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


# --- frames ----------------------------------------------------------------------------


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
            _lower(doc, m) == "born"
            and _lower(doc, nxt(doc, m + 1)) == "in"
            and doc[nxt(doc, nxt(doc, m + 1) + 1)].like_num
        ):
            return nxt(doc, nxt(doc, m + 1) + 1) + 1  # ", born in 1968"
        if _lower(doc, m) in data.age_words:
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
            orgs, end = read_orgs(doc, j, data)
            if not orgs:
                continue
            join_org = orgs[0]
            # "joined O in 2002 as T", "joined O as T"
            k = nxt(doc, end)
            steps = 0
            while (
                k < n
                and _lower(doc, k) != "as"
                and steps < 6
                and (not doc[k].is_punct or doc[k].text == ",")
                and _lower(doc, k) not in ("and", "where", "which", "who")
                and not doc[k].is_sent_start
            ):
                k = nxt(doc, k + 1)
                steps += 1
            if _lower(doc, k) != "as":
                more = _conjoined(doc, person, end, data, [], default_org=join_org)
                if more:
                    return more  # "P joined O in 2008 and was appointed T in 2012"
                continue
            j = k + 1
        if frame.title is not None:
            # "served on the board of directors of O", "sits on its board"
            k = nxt(doc, j)
            if _lower(doc, k) == "of" and _lower(doc, nxt(doc, k + 1)) == "directors":
                k = nxt(doc, nxt(doc, k + 1) + 1)
            orgs = []
            if _lower(doc, k) in OF_WORDS:
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
        for title, orgs in _assign(items, join_org):
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
    return []


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
            if _lower(doc, m) in (
                "was",
                "is",
                "has",
                "had",
                "became",
                "served",
                "serves",
                "then",
                "later",
                "subsequently",
                "also",
            ):
                return frame_roles(doc, person, k + 1, data, default_org=default)
            if read_title_peek(doc, m, data) and any(
                doc[x].like_num or doc[x].ent_type_ == "DATE" for x in range(end, k)
            ):
                # "was CFO from 1997 to 2009 and Senior Vice President from 1997 to 2005"
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
    if _lower(doc, j) == ",":
        j = nxt(doc, j + 1)
    if _lower(doc, j) == "who":
        j = nxt(doc, j + 1)
    while _lower(doc, j) in ("also", "has", "had", "later", "now", "currently", "still"):
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
    if _lower(doc, k) == "up":  # "set up"
        k = nxt(doc, k + 1)
    orgs, _ = read_orgs(doc, k, data)
    return [FoundRole(person, title, org, "founded") for org in orgs[:1]]


def name_ending_at(doc: Doc, end: int, data: RoleFrameData) -> Optional[Span]:
    """The name ending right before ``end``: an ORG entity or capitalised words, with a
    suffix after a comma ("National Auto Inspections, LLC")."""
    c = end - 1
    if c < 0 or not _cap(doc, c):
        return None
    ent = _ent_span(doc, c)
    if ent is not None and ent.label_ == "ORG" and ent.end == end:
        s = ent.start
    else:
        s = c
        while s > 0 and not doc[s].is_sent_start and _cap(doc, s - 1):
            s -= 1
    if s >= 2 and doc[s].lower_.rstrip(".") in SUFFIXES and doc[s - 1].text == "," and _cap(doc, s - 2):
        s = s - 2
        ent = _ent_span(doc, s)
        if ent is not None and ent.label_ == "ORG":
            s = ent.start
        else:
            while s > 0 and _cap(doc, s - 1):
                s -= 1
    while s < end and (doc[s].lower_ in data.modifiers or read_title_peek(doc, s, data)):
        s += 1
    if s >= end:
        return None
    return Span(doc, s, end, label="ORG")


def pronoun_roles(doc: Doc, pronoun: int, person: Span, data: RoleFrameData) -> list[FoundRole]:
    """ "P ... . He served as T of O", "at O, where he served as T": the frames read from
    a pronoun that stands for the person named before; "where" takes the organisation
    just before it."""
    default_org = None
    w = prv(doc, pronoun - 1)
    if w >= 0 and doc[w].lower_ == "where":
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
