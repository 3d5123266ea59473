"""People: a PERSON entity cleaned of the title or verb the model ran into it, names the
model missed after an honorific, names that start a firm's name ("Smith & Sons"), and the
fullest form of a name repeated as a surname ("Oosterhek" -> "Singh E. Oosterhek").
"""

from __future__ import annotations

from typing import Optional

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

from ..names import names_match
from ..speedups.tokentests import token_indices
from .orgnames import SUFFIXES
from .titlelists import read_title_list
from .titles import lower_at, nxt, read_title, read_title_peek

HONORIFICS = frozenset({"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "sir", "dame"})
FIRM_ENDINGS = frozenset({"co", "co.", "company", "sons", "partners", "associates", "inc", "inc."})


def names_a_firm(person: Span) -> bool:
    """ "Alan B. Slifka and Co", "Smith & Sons": a person's name that starts a firm's."""
    doc = person.doc
    end = person.end
    return end + 1 < len(doc) and doc[end].lower_ in ("and", "&") and doc[end + 1].lower_ in FIRM_ENDINGS


def untagged_people(
    doc: Doc, data, officer_titles: frozenset = frozenset(), appointing: frozenset = frozenset()
) -> list[Span]:
    """Names after an honorific that the model did not tag as a person ("Mr. Dravenhall"
    tagged as an organisation or not at all), and names tagged as an organisation that
    a title apposition follows ("Halvard Brun, president and chief executive,"; with
    an officer's title (``officer_titles``) also when it names the company: "Ottilie
    Marsk, 61, chief executive of O") or that an appointing verb names to a post ("O
    named Lena Achebe as acting treasurer"): 2-3 capitalised words with no company word."""
    found = []
    n = len(doc)
    for i in token_indices(doc, LOWER, [doc.vocab.strings.add(w) for w in HONORIFICS]):
        token = doc[i]
        if token.i + 1 < n and doc[token.i + 1].text[:1].isupper() and doc[token.i + 1].ent_type_ != "PERSON":
            end = token.i + 1
            while (
                end < n
                and end < token.i + 4
                and doc[end].text[:1].isupper()
                and doc[end].is_alpha
                and not read_title_peek(doc, end, data)
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
        if words & (data.company_nouns | SUFFIXES | data.department_words | data.title_words | data.not_employer_heads):
            continue
        j = nxt(doc, ent.end)
        if j < n and doc[j].text == ",":
            k = nxt(doc, j + 1)
            if (
                k < n
                and doc[k].text.isdigit()
                and 16 <= int(doc[k].text) <= 100
                and lower_at(doc, nxt(doc, k + 1)) == ","
            ):
                k = nxt(doc, nxt(doc, k + 1) + 1)  # ", 54,"
            items, _ = read_title_list(doc, k, data)
            if items and (
                not any(item.orgs or item.before is not None for item in items)
                or _core_title(items[0].title.written, data) in officer_titles
            ):
                found.append(Span(doc, ent.start, ent.end, label="PERSON"))
        elif _title_ends_at(doc, ent.start, data) and lower_at(doc, j) in AFTER_A_NAME:
            # "said Shearson analyst Anne Mills.": a title right before the name
            found.append(Span(doc, ent.start, ent.end, label="PERSON"))
        elif lower_at(doc, j) == "as" and ent.start > 0 and doc[ent.start - 1].lower_ in appointing:
            items = read_title_list(doc, nxt(doc, j + 1), data)[0]
            if items and _core_title(items[0].title.written, data) in officer_titles:
                # an officer's post, not a firm hired "as adviser"
                found.append(Span(doc, ent.start, ent.end, label="PERSON"))
    found.extend(_described_names(doc, data))
    found.extend(_coordinated_names(doc, data))
    return found


def _coordinated_names(doc: Doc, data) -> list[Span]:
    """ "founded by Eberth Geisler and Karge Everde": 2-3 capitalised words the model
    tagged as nothing, joined by "and" to a person's name before or after them."""
    found = []
    n = len(doc)
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        a = ent.start - 1
        if a >= 2 and doc[a].lower_ in ("and", "&"):
            end = a
            start = end
            while start > end - 3 and start > 0 and _bare_name_word(doc[start - 1], data):
                start -= 1
            if end - start >= 2:
                found.append(Span(doc, start, end, label="PERSON"))
        b = ent.end
        if b + 2 < n and doc[b].lower_ in ("and", "&"):
            start = b + 1
            end = start
            while end < start + 3 and end < n and _bare_name_word(doc[end], data):
                end += 1
            if end - start >= 2:
                found.append(Span(doc, start, end, label="PERSON"))
    return found


def _bare_name_word(token, data) -> bool:
    """A word of a person's name the model left untagged: "Eberth", "Geisler"."""
    return (
        token.ent_type_ == ""
        and token.is_alpha
        and token.is_title
        and not token.is_stop
        and token.lower_ not in data.title_words
        and token.lower_ not in data.company_nouns
        and token.lower_.rstrip(".") not in SUFFIXES
    )


# Words after a person's name that a title precedes: "analyst Anne Mills said", "... told".
AFTER_A_NAME = frozenset({"said", "says", "told", "added", ".", ",", "of", "at", "with", "who", ""})


def _title_ends_at(doc: Doc, end: int, data) -> bool:
    """A title of titles.txt ends right before token ``end`` ("analyst" + "Anne Mills")."""
    for k in range(max(0, end - 4), end):
        if doc[k].is_alpha and not doc[k].is_upper or doc[k].text[:1].isupper():
            title = read_title(doc, k, data)
            if title is not None and title.end == end:
                return True
    return False


def _core_title(written: str, data) -> str:
    """A title without its modifiers: "interim chief financial officer" -> "chief financial officer"."""
    words = written.split()
    while len(words) > 1 and words[0] in data.modifiers:
        words = words[1:]
    return " ".join(words)


def _described_names(doc: Doc, data) -> list[Span]:
    """ "Okonkwo, the treasurer of Velsor Corp, stepped down": a proper noun
    the model tagged as nothing or as a place, with an apposition of a title and its
    organisation after it ("Herrera, an economics professor at ...")."""
    found = []
    n = len(doc)
    for i in token_indices(doc, LOWER, [doc.vocab.strings.add(",")]):
        b = i - 1
        if b < 0 or not _bare_proper(doc[b]):
            continue
        j = nxt(doc, i + 1)
        start = b
        while start > 0 and start > b - 2 and _bare_proper(doc[start - 1]):
            start -= 1
        if j >= n or doc[j].lower_ not in ("the", "a", "an") and b == start:
            continue  # a single word needs an article: "Goldstein, the CFO of O"; "Ana Ruiz, CFO of O"
        items, _ = read_title_list(doc, j, data)
        if not items or not any(item.orgs for item in items):
            continue
        if any(t.lower_ in data.title_words or t.lower_ in data.modifiers for t in doc[start : b + 1]):
            continue  # "the Senior Vice President, a Director": titles, no name
        if any(t.ent_type_ == "GPE" for t in doc[start : b + 1]) and not doc[start].is_sent_start:
            continue  # "... Hong Kong and Singapore, a spokesman for O said": a place in a list
        found.append(Span(doc, start, b + 1, label="PERSON"))
    return found


def _bare_proper(token) -> bool:
    """A capitalised proper noun the model tagged as nothing or as a place."""
    return (
        token.pos_ == "PROPN"
        and token.is_alpha
        and token.is_title
        and not token.is_stop
        and token.ent_type_ in ("", "GPE")
        and token.lower_ not in HONORIFICS
    )


def clean_person(person: Span, data) -> Optional[Span]:
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
                or read_title_peek(doc, end, data)
            )
        ):
            break
        end += 1
    if not any(t.is_alpha and t.text[:1].isupper() and len(t.text) > 1 for t in doc[person.start : end]):
        return None
    if any(t.lower_ in data.not_person_words for t in doc[person.start : end]):
        return None  # "Appointment Letter"
    if end == person.end and len(person) >= 2 and _rest_of_name(doc, end, data):
        end += 1  # "Karl Otto" + "Poehl": the model cut the name short
    return person if end == person.end else Span(doc, person.start, end, label="PERSON")


def _rest_of_name(doc: Doc, i: int, data) -> bool:
    """The word after a person's name is the rest of it: a capitalised proper noun the
    model tagged as nothing, no title or company word, with no capitalised word after it
    (which would make it the start of another name)."""
    n = len(doc)
    if i >= n:
        return False
    t = doc[i]
    if not (
        t.pos_ == "PROPN"
        and t.ent_type_ == ""
        and t.is_alpha
        and t.is_title
        and not t.is_sent_start
        and not t.is_stop
        and t.lower_ not in data.title_words
        and t.lower_ not in data.company_nouns
        and t.lower_ not in SUFFIXES
        and t.lower_ not in HONORIFICS
    ):
        return False
    after = doc[i + 1] if i + 1 < n else None
    return after is None or not (after.text[:1].isupper() and after.is_alpha) and after.text not in ("'s", "’s", "&")


def fullest_person(person: Span, people: list[Span]) -> Span:
    """The fullest name the text gives a person: "Oosterhek" -> "Singh E. Oosterhek"."""
    last = person[-1].text
    best = person
    for other in people:
        if len(other) > len(best) and other[-1].text == last and names_match(other.text, person.text):
            best = other
    return best
