"""Titles as the text writes them: "chief executive officer", "former senior vice
president", "chairman of the board of directors", "vice president of sales" (department
words kept); the titles before and after a name ("Chairman and CEO P", "P, chairman").
Also the small token helpers the role modules share (``nxt``/``prv`` skip line breaks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span, Token

from .lexicon import RoleFrameData

JOINERS = frozenset({"'s", "’s", "'", "’"})
AGE_ADJECTIVE = re.compile(r"^\d{2}-year-old$")
MAX_TITLE_WORDS = 4


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


def lower_at(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


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
        if phrase.endswith("s") and phrase[:-1] in data.titles:
            return end, True  # "founders", "CEOs" (titles.txt may list plurals for triage)
        if phrase in data.titles:
            return end, False
    # "Chief Accounting Officer", "chief risk officer": chief + up to 3 words + officer
    if lower_at(doc, i) == "chief":
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
    elif j + 4 < n and doc[j].is_digit and [t.lower_ for t in doc[j + 1 : j + 5]] == ["-", "year", "-", "old"]:
        j = nxt(doc, j + 5)  # the same, split by the tokenizer
    while j < n and lower_at(doc, j) in data.modifiers and _core_end(doc, j, data) is None and mods < 4:
        word = lower_at(doc, j)
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
    if lower_at(doc, k) == "of":
        m = nxt(doc, k + 1)
        if lower_at(doc, m) in ("the", "our", "its"):
            m = nxt(doc, m + 1)  # "Chairman of our Board"
        if lower_at(doc, m) == "board":
            end = m + 1
            if lower_at(doc, nxt(doc, end)) == "of" and lower_at(doc, nxt(doc, nxt(doc, end) + 1)) in (
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
    if lower_at(doc, k) in ("of", "-", ",", "for") and not committee:
        m = nxt(doc, k + 1)
        d = m
        while (
            d < n
            and (lower_at(doc, d) in data.department_words or doc[d].is_space)
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
                and lower_at(doc, k) != ","
            ):
                end = d_end
    written = written_title(doc, start, end)
    if core[1] and written.endswith("s"):
        written = written[:-1]  # "founders" -> "founder"
    return Title(start, end, written, former, committee)


def written_title(doc: Doc, start: int, end: int) -> str:
    """The title as the text writes it: lower-cased, acronyms kept (CEO, CFO)."""
    words = []
    for t in doc[start:end]:
        if t.is_space:
            words.append(" ")
            continue
        text = t.text if (len(t.text) >= 2 and t.text.isupper() and t.is_alpha and len(t.text) <= 5) else t.text.lower()
        words.append(text + (" " if t.whitespace_ else ""))
    return " ".join("".join(words).split())


def read_title_peek(doc: Doc, i: int, data: RoleFrameData) -> bool:
    """A title starts at ``i`` (modifiers allowed): "Chief Executive", "Senior Vice President"."""
    if i >= len(doc):
        return False
    word = doc[i].lower_
    if word not in data.modifiers and not any(p.startswith(word) for p in (word,)):
        pass
    return _core_end(doc, i, data) is not None or (word in data.modifiers and read_title(doc, i, data) is not None)


def title_before(ctx, end: int, doc: Doc) -> Optional[tuple[int, str]]:
    """A title ending right before token ``end``: (start index, canonical title)."""
    words = []  # (index, lower-cased word) going back, line breaks skipped
    i = end - 1
    while i >= 0 and len(words) < MAX_TITLE_WORDS:
        if not doc[i].is_space:
            words.append((doc[i].i, doc[i].lower_))
        i -= 1
    for size in range(len(words), 0, -1):
        phrase = " ".join(word for _, word in reversed(words[:size])).replace(" - ", "-")
        if phrase in ctx.lex.titles:  # "non - executive director" as one title
            return words[size - 1][0], ctx.lex.titles[phrase]
    return _department_title_before(ctx, end, doc)


def _department_title_before(ctx, end: int, doc: Doc) -> Optional[tuple[int, str]]:
    """ "O Vice President of Finance P": a title with its department words before a name."""
    data = ctx.lex.frames
    i = prv(doc, end - 1)
    last = i
    while i >= 0 and last - i < 4 and doc[i].lower_ in data.department_words and doc[i].lower_ != "of":
        i = prv(doc, i - 1)
    if i == last or i < 1 or doc[i].lower_ != "of" or not doc[last].text[:1].isupper():
        return None
    title = title_before(ctx, i, doc)
    if title is None:
        return None
    return title[0], f"{title[1]} of {' '.join(t.lower_ for t in doc[i + 1 : last + 1] if not t.is_space)}"


def titles_before(ctx, end: int, doc: Doc) -> list[tuple[int, str]]:
    """The titles right before a name, nearest first: "co-founder and CEO P",
    "President and CEO P", "Former President P" (start index, title)."""
    found = []
    title = title_before(ctx, end, doc)
    while title is not None:
        start, name = title
        if start > 0 and doc[start - 1].lower_ == "former":
            start, name = start - 1, f"former {name}"
        elif start > 1 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "ex":
            start, name = start - 2, f"former {name}"  # "ex-CEO P"
        found.append((start, name))
        if start < 2 or doc[start - 1].lower_ not in ("and", "&", ","):
            break
        title = title_before(ctx, start - 1, doc)
    return found


def title_after(ctx, start: int, doc: Doc) -> Optional[tuple[int, str]]:
    """A title starting at token ``start``: (end index, canonical title)."""
    words = []  # (index, lower-cased word) going forward, line breaks skipped
    i = start
    while i < len(doc) and len(words) < MAX_TITLE_WORDS:
        if not doc[i].is_space:
            words.append((i, doc[i].lower_))
        i += 1
    for size in range(len(words), 0, -1):
        phrase = " ".join(word for _, word in words[:size]).replace(" - ", "-")
        if phrase in ctx.lex.titles:
            return words[size - 1][0] + 1, ctx.lex.titles[phrase]
    return None


def titles_a_next_person(ctx, end: int, doc: Doc) -> bool:
    """The title(s) starting a phrase run into a person's name: "TITLE and TITLE P"."""
    while end < len(doc):
        if doc[end].ent_type_ == "PERSON" and doc[end].ent_iob_ == "B":
            return True
        if doc[end].lower_ not in ("and", "&"):
            return False
        after = title_after(ctx, end + 1, doc)
        if after is None:
            return False
        end = after[0]
    return False


def plural_title(ctx, noun: Token) -> Optional[tuple[int, str]]:
    """ "co-founders", "directors": the title of a plural title noun."""
    singular = noun.lemma_.lower()
    for size in range(MAX_TITLE_WORDS, 0, -1):
        start = noun.i - size + 1
        if start < 0:
            continue
        words = [t.lower_ for t in noun.doc[start : noun.i]] + [singular]
        phrase = " ".join(words)
        if phrase in ctx.lex.titles:
            return start, ctx.lex.titles[phrase]
    return None


def strip_title(ctx, ent: Span) -> Optional[Span]:
    """The model often takes the title into the name: "Chairman George F. Wagenknecht"."""
    doc = ent.doc
    start = ent.start
    while start < ent.end:
        after = title_after(ctx, start, doc)
        if after is None or after[0] > ent.end:
            break
        start = after[0]
    if ent.end - start < 1:
        return None
    return ent if start == ent.start else Span(doc, start, ent.end, label="PERSON")
