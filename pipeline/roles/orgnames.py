"""Reading organisation names from the text around a title: an ORG entity or a run of
capitalised words the model missed ("of Pruschke Tool Co", "Danish pump maker Varn",
"of X, Y and Z"), a name before a title ("Varn's chief executive"), after "of".
Pure functions of a Doc and the lexicon.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from .lexicon import RoleFrameData
from .titles import JOINERS, lower_at, nxt, prv, read_title_peek

# Entity labels a name after "of" may carry and still be an employer (the small model
# often tags a company as a person or place).
NOT_NAME_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
MAX_DESCRIPTOR_WORDS = 5
# Capitalised words that never continue a name: pronouns and articles starting a sentence.
NAME_STOPS = frozenset(
    {"he", "she", "it", "they", "we", "i", "the", "a", "an", "his", "her", "its", "their", "this", "that"}
)
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
GENERIC = "the company"
# Words ending the lower-case name of a body after a place: "the U.S. beet sugar association".
BODY_WORDS = frozenset({"association", "federation", "institute", "council", "union", "league", "society", "chamber"})
# Heads of names that go on with "of": "University of Michigan", "Bank of Montreal".
OF_HEADS = frozenset(
    {
        "university",
        "bank",
        "institute",
        "federation",
        "association",
        "museum",
        "school",
        "college",
        "society",
        "chamber",
        "council",
        "league",
        "confederation",
        "union",
    }
)  # an organisation written as "the Company", "its", "our"
# First words of titles the model sometimes tags as an organisation.
TITLE_WORDS = frozenset({"chief", "president", "chairman", "vice", "executive", "senior", "managing", "former"})
# Lower-case words that end the run of a descriptor before a name ("Danish pump maker
# Varn"; not "the firm, which ..."), and those that end a place the model did not tag
# before the descriptor words.
PLACE_STOPS = frozenset(
    {"and", "since", "from", "until", "in", "where", "which", "who", "to", "on", "as", "of", "at", "for", "with"}
)
DESCRIPTOR_STOPS = PLACE_STOPS | frozenset({"or", "the", "a", "an", "that", "when", "through", "by"})


def is_capitalised(doc: Doc, i: int) -> bool:
    t = doc[i]
    return bool(t.text[:1].isupper() or (t.text[:1].isdigit() and t.ent_type_ == "ORG")) and not t.is_punct


def name_at(doc: Doc, i: int, data: RoleFrameData) -> Optional[Span]:
    """A name starting at ``i``: an ORG entity, or a run of capitalised words (the model
    often misses or mislabels a company's name), extended to the end of an entity it
    runs into."""
    n = len(doc)
    if i + 1 < n and doc[i].text == "<":
        i += 1  # a newswire's "<McCrory Corp>"
    if i >= n or not is_capitalised(doc, i) or doc[i].ent_type_ in NOT_NAME_LABELS:
        return None
    if doc[i].lower_ in data.department_words and doc[i].ent_type_ != "ORG":
        return None
    ent = entity_of(doc[i])
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
                and is_capitalised(doc, end + 1)
                and doc[end + 1].ent_type_ not in NOT_NAME_LABELS
                and not doc[end + 1].is_sent_start
            ):
                end += 1
                continue
            break
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and not (ent is not None and ent.end > end):
            break  # "Secretary of State George Shultz": a person's name after the body's
        if is_capitalised(doc, end) and t.ent_type_ not in NOT_NAME_LABELS and not read_title_peek(doc, end, data):
            end += 1
        elif (
            t.lower_ == "of"
            and doc[end - 1].lower_ in OF_HEADS
            and end + 1 < n
            and is_capitalised(doc, end + 1)
            and doc[end + 1].ent_type_ not in ("PERSON", *NOT_NAME_LABELS)
        ):
            end += 1  # "University of Michigan", "Federation of Hong Kong Industry"
        elif t.text in ("&", "-", ".", "'") and end + 1 < n and is_capitalised(doc, end + 1):
            end += 1
        elif t.ent_type_ == "ORG" and t.ent_iob_ == "I":
            end += 1  # "Sjöberg Mellor", "Co., Ltd." inside the entity
        else:
            break
    # ", Inc.", ", LLC": the suffix after a comma belongs to the name
    k = end
    if k + 1 < n and doc[k].text == "," and doc[k + 1].lower_.rstrip(".") in SUFFIXES:
        end = k + 2
        if end < n and doc[end].text == ".":
            end += 1
    # the end of an ORG entity the run reaches
    last = entity_of(doc[end - 1])
    if last is not None and last.label_ == "ORG" and last.end > end:
        end = last.end
    while end > i + 1 and doc[end - 1].text in (",", "-", "&"):
        end -= 1
    if end == i + 1 and doc[i].is_stop:
        return None  # "Another analyst": a capitalised word that names nothing
    return Span(doc, i, end, label="ORG")


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
        elif t.is_lower and t.is_alpha and t.lower_ not in DESCRIPTOR_STOPS:
            j += 1
            lowered += 1
        elif t.lower_ == "of" and lowered and j + 1 < n and is_capitalised(doc, nxt(doc, j + 1)):
            j += 1  # "the law firm of X", "the consumer division of X"
        elif is_capitalised(doc, j) and (t.ent_type_ in ("GPE", "NORP", "LOC") or t.pos_ == "ADJ") and lowered == 0:
            j += 1  # "Danish", "Karachi" before the descriptor words
        elif (
            is_capitalised(doc, j)
            and lowered == 0
            and j + 1 < n
            and doc[j + 1].is_lower
            and doc[j + 1].is_alpha
            and doc[j + 1].lower_ not in PLACE_STOPS
        ):
            j += 1  # a place the model did not tag, before lower-case descriptor words
        else:
            break
    return j if lowered else i


def read_orgs(doc: Doc, i: int, data: RoleFrameData) -> tuple[list, int]:
    """The organisations starting at ``i`` (after "of", "at", "for"): one name or several
    joined by "and" and commas; ``GENERIC`` for "the Company", "us", "our company"; and
    those after "and of" ("chairman of X and of Y", "of the Company and of Y").
    Returns (organisations, end index)."""
    orgs, end = _read_orgs(doc, i, data)
    k = nxt(doc, end)
    if orgs and lower_at(doc, k) == "and" and lower_at(doc, nxt(doc, k + 1)) == lower_at(doc, prv(doc, i - 1)):
        more, after = _read_orgs(doc, nxt(doc, k + 1) + 1, data)
        if more and GENERIC not in more:
            return orgs + more, after
    return orgs, end


def _read_orgs(doc: Doc, i: int, data: RoleFrameData) -> tuple[list, int]:
    n = len(doc)
    j = nxt(doc, i)
    if j >= n:
        return [], i
    if lower_at(doc, j) in ("us", "it"):
        return [GENERIC], j + 1
    if lower_at(doc, j) in ("the", "its", "our", "their", "this") or lower_at(doc, j) in data.company_pronouns:
        k = nxt(doc, j + 1)
        if lower_at(doc, k) in data.company_nouns and not (
            k + 1 < n and is_capitalised(doc, k) and is_capitalised(doc, k + 1)
        ):
            return [GENERIC], k + 1
        if lower_at(doc, j) == "the":
            j = k  # "of the Sustainable Preservation Initiative": "the" is left out
    orgs = []
    while True:
        start = _descriptor(doc, j, data)
        name = name_at(doc, start, data)
        if name is None and start != j:
            name = name_at(doc, j, data)
        if name is None:
            break
        k = nxt(doc, name.end)
        if lower_at(doc, k) == "-" and lower_at(doc, nxt(doc, k + 1)) == "based":
            # "of the Abidjan-based bank": the company the text is about
            return ([GENERIC] if not orgs else orgs), nxt(doc, k + 1) + 1
        place = all(t.ent_type_ in ("GPE", "LOC", "NORP") for t in name if not t.is_punct)
        if place and k < n and doc[k].text in JOINERS:
            # "of Colombia's exporters' association": the body of a place, in lower case
            e = nxt(doc, k + 1)
            while e < n and e < k + 6 and (doc[e].is_lower and doc[e].is_alpha or doc[e].text in JOINERS):
                if doc[e].lower_ in BODY_WORDS:
                    orgs.append(Span(doc, name.start, e + 1, label="ORG"))
                    return orgs, e + 1
                e += 1
        if (
            place
            and k < n
            and doc[k].is_lower
            and doc[k].is_alpha
            and doc[k].lower_
            not in ("and", "or", "in", "of", "since", "from", "until", "to", "as", "for", "where", "which", "who")
        ):
            # "of the U.S. beet sugar association": the body's name in lower case; "head of
            # Cosenza police": a place qualifying an unnamed body, no name
            e = k
            while e < n and e < k + 5 and doc[e].is_lower and doc[e].is_alpha and doc[e].lower_ not in BODY_WORDS:
                e += 1
            if e < n and doc[e].lower_ in BODY_WORDS:
                orgs.append(Span(doc, name.start, e + 1, label="ORG"))
                return orgs, e + 1
            break

        if k < len(doc) and doc[k].text in JOINERS:
            owned = name_at(doc, nxt(doc, k + 1), data)
            if owned is not None:
                name = owned  # "of O's Konings Hotel unit": the unit
        orgs.append(name)
        j = name.end
        k = nxt(doc, j)
        # "X, Y and Z", "X and Y": another name after a comma or "and"
        if lower_at(doc, k) in (",", "and", "&"):
            m = nxt(doc, k + 1)
            if doc[k].text == "," and lower_at(doc, m) == "and":
                m = nxt(doc, m + 1)
            if m < n and lower_at(doc, m) == "the":
                m = nxt(doc, m + 1)
            if (
                m < n
                and is_capitalised(doc, m)
                and not read_title_peek(doc, m, data)
                and doc[m].ent_type_ not in ("PERSON", "DATE", "GPE")
                and doc[m].lower_ not in ("inc", "inc.", "ltd", "ltd.", "llc")
            ):
                if doc[k].text == "," and lower_at(doc, nxt(doc, k + 1)) != "and":
                    # "of X, Y and Z" continues a list; "of X, Y said" does not
                    following = name_at(doc, m, data)
                    after = nxt(doc, following.end) if following is not None else n
                    if after >= n or doc[after].text not in (",", "and", "&"):
                        break
                    if doc[after].text == "," and not (
                        is_capitalised(doc, nxt(doc, after + 1)) or lower_at(doc, nxt(doc, after + 1)) == "and"
                    ):
                        break  # "of McLeod, Young Weir Ltd, will begin": one name with a comma, no list
                    firm = nxt(doc, after + 1)
                    if doc[after].text in ("and", "&") and lower_at(doc, firm).rstrip(".") in ("co", "company"):
                        # "Smith Barney, Harris Upham and Co": one firm's name
                        end = firm + 1 if not (firm + 1 < n and doc[firm + 1].text == ".") else firm + 2
                        orgs[-1] = Span(doc, orgs[-1].start, end, label="ORG")
                        break
                j = m
                continue
        break
    return orgs, (orgs[-1].end if orgs else i)


def name_ending_at(doc: Doc, end: int, data: RoleFrameData) -> Optional[Span]:
    """The name ending right before ``end``: an ORG entity or capitalised words, with a
    suffix after a comma ("National Auto Inspections, LLC"); none across a sentence start."""
    if end < len(doc) and doc[end].is_sent_start:
        return None
    if end > 1 and doc[end - 1].text == ">":
        end -= 1  # "<Dairy Farm> chairman P"
    c = end - 1
    if c < 0 or not is_capitalised(doc, c):
        return None
    ent = entity_of(doc[c])
    if ent is not None and ent.label_ == "ORG" and ent.end == end:
        s = ent.start
    else:
        s = c
        while s > 0 and not doc[s].is_sent_start and is_capitalised(doc, s - 1):
            s -= 1
    if s >= 2 and doc[s].lower_.rstrip(".") in SUFFIXES and doc[s - 1].text == "," and is_capitalised(doc, s - 2):
        s = s - 2
        ent = entity_of(doc[s])
        if ent is not None and ent.label_ == "ORG":
            s = ent.start
        else:
            while s > 0 and is_capitalised(doc, s - 1):
                s -= 1
    while s < end and (doc[s].lower_ in data.modifiers or read_title_peek(doc, s, data)):
        s += 1
    if s >= end:
        return None
    return _without_conjunction(Span(doc, s, end, label="ORG"))


def entity_of(token: Token) -> Optional[Span]:
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


def org_ending_at(doc: Doc, end: int) -> Optional[Span]:
    """An ORG entity ending at ``end`` (allowing a possessive "'s" or a closing ">" between);
    none across a sentence start ("... for O Inc. Chief executive P said")."""
    if end < len(doc) and doc[end].is_sent_start:
        return None
    while end > 0 and (doc[end - 1].text in JOINERS or doc[end - 1].text == ">"):
        end -= 1
    if end >= 3 and doc[end].text == ">" and doc[end - 2].text == "<":
        end -= 2  # "Sony Corp <SNE.T> chairman P": the name before the ticker
    if end <= 0:
        return None
    ent = entity_of(doc[end - 1])
    return _without_conjunction(ent) if ent is not None and ent.label_ == "ORG" and ent.end == end else None


# Words opening a sentence that the model may run into the name after them: "But Pertamina".
OPENING_CONJUNCTIONS = frozenset({"but", "and", "yet", "so", "also", "meanwhile", "however", "still"})


def _without_conjunction(span: Span) -> Span:
    """ "But Pertamina" -> "Pertamina": a conjunction opening the sentence is no part of a name."""
    if len(span) > 1 and span[0].lower_ in OPENING_CONJUNCTIONS:
        return Span(span.doc, span.start + 1, span.end, label=span.label_)
    return span


def untagged_name_ending_at(doc: Doc, end: int) -> Optional[Span]:
    """A capitalised name the model did not tag, right before a title: "Kestrava
    co-founder P" (not a place or nationality: "French President P"); none across a
    sentence start."""
    if end < len(doc) and doc[end].is_sent_start:
        return None
    while end > 0 and (doc[end - 1].text in JOINERS or doc[end - 1].text == ">"):
        end -= 1  # "Vantora's co-founder", "<Vantora> co-founder"
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
    return _without_conjunction(Span(doc, start, end, label="ORG"))


def org_starting_at(doc: Doc, start: int) -> Optional[Span]:
    if start >= len(doc):
        return None
    while start < len(doc) and doc[start].lower_ in ("the", "<"):
        start += 1
    if start >= len(doc):
        return None
    ent = entity_of(doc[start])
    return ent if ent is not None and ent.label_ == "ORG" and ent.start == start else None


def org_after_of(doc: Doc, of: int) -> Optional[Span]:
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
    org = org_starting_at(doc, i)
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
        org = org_starting_at(doc, j)
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
