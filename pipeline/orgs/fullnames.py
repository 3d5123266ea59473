"""The names of a text that end in a corporate suffix ("Gulf Resources and Chemical
Corp"), read from the tokens alone (the model need not have run: triage reads them from
the whole text), and the fuller names they give the organisations of a Doc ("Acme Card
Corp." for "Acme Card")."""

from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..components.paragraphs import PARAGRAPH_BREAK, heading_ranges, is_hard_wrapped
from ..names import has_corporate_suffix
from .lexicon import DETERMINERS, RELABEL, TITLE_START_WORDS, OrgLexicon

# Words a name may have before its corporate suffix ("Gulf Resources and Chemical Corp"),
# and the lower-case words that may join them.
FULL_FORM_WORDS = 6
FULL_FORM_JOINERS = frozenset({"and", "&", "of", "-"})
# Words of a title, which end a name read backwards from its suffix ("Chief Accounting
# Officer of Scheibe Inc" is no name).
TITLE_STOPS = TITLE_START_WORDS | frozenset(
    {"officer", "director", "controller", "counsel", "secretary", "treasurer", "vice", "executive", "manager"}
)


def suffixed_names(doc: Doc, suffixes: frozenset[str], text: str | None = None) -> list[str]:
    """The names in ``doc`` (a tokenised text: the model need not have run) that end in
    a capitalised corporate suffix of ``suffixes`` (lower-case, without a full stop):
    each run of up to FULL_FORM_WORDS capitalised words before the suffix (joined by
    "and", "&", "of", a hyphen, a wrapped line), from its first word and from each word
    after "and"/"of" on: "Shares of Gulf Resources and Chemical Corp", "Gulf Resources
    and Chemical Corp", "Chemical Corp" (not "Hughes Inc" of "Baker Hughes Inc").
    Not in titles and headings ("COLOROLL AGREES TO BUY WALLCOVERINGS CO", "Dunmere
    Buys Norvane Ltd"). Only the suffixes are looked for in every token (from the Doc's
    columns). ``text``: the Doc's text when the caller has it (``doc.text`` joins every
    token)."""
    if not len(doc):
        return []
    lowers = doc.to_array(LOWER)
    forms: list[str] = []
    hashes = _suffix_hashes(suffixes)
    found = numpy.minimum(numpy.searchsorted(hashes, lowers), len(hashes) - 1)
    headings: list[tuple[int, int]] | None = None
    wrapped: bool | None = None
    for j in numpy.flatnonzero(hashes[found] == lowers).tolist():  # binary search: np.isin sorts both
        if not doc[j].text[:1].isupper():
            continue
        if headings is None:
            if text is None:
                text = doc.text
            headings = heading_ranges(text)
        at = doc[j].idx
        if any(start <= at < end for start, end in headings):
            continue
        words, i, right_is_suffix = 0, j - 1, True
        if i > 0 and doc[i].text == ",":
            i -= 1  # "Seifert GP, LLC", "Acme, Inc."
        starts: list[int] = []  # name words that may begin a name: the first of the run, or one after "and"/"of"
        after_joiner, last_name = False, None
        while i >= 0 and words < FULL_FORM_WORDS:
            token = doc[i]
            if token.is_space:
                if wrapped is None:
                    wrapped = is_hard_wrapped(text)
                # a wrapped line goes on the name; a paragraph break (any line break in
                # text that is not hard-wrapped) ends it
                if not wrapped or "\n" not in token.text or PARAGRAPH_BREAK.search(token.text) or i == 0:
                    break
            elif (
                token.text[:1].isupper()
                and any(ch.isalpha() for ch in token.text)
                and token.lower_ not in DETERMINERS | TITLE_STOPS
            ):
                is_suffix = token.lower_.rstrip(".") in suffixes
                if is_suffix and not right_is_suffix:
                    break  # "Norvane Ltd Dunmere Partners": another name ends here
                if after_joiner and last_name is not None:
                    starts.append(last_name)  # "Chemical Corp" of "Gulf Resources and Chemical Corp"
                words += 1
                right_is_suffix, after_joiner, last_name = is_suffix, False, i
            elif token.lower_ in FULL_FORM_JOINERS and i > 0 and _name_before_joiner(doc[i - 1], suffixes):
                right_is_suffix, after_joiner = False, True
            else:
                break
            i -= 1
        if last_name is not None:
            starts.append(last_name)
        forms.extend(doc[start : j + 1].text for start in sorted(set(starts), reverse=True))
    return forms


@lru_cache(maxsize=8)
def _suffix_hashes(suffixes: frozenset[str]) -> numpy.ndarray:
    """The LOWER hashes of the suffixes, with and without a full stop."""
    return numpy.array(
        sorted({get_string_id(form) for suffix in suffixes for form in (suffix, suffix + ".")}), dtype="uint64"
    )


def _name_before_joiner(token, suffixes: frozenset[str]) -> bool:
    """A capitalised word that can go on a name through "and"/"of" ("Gulf Resources and
    Chemical"), not one that ends another name ("Bank Ltd and Zephrine Holdings")."""
    return token.text[:1].isupper() and token.text.lower().rstrip(".") not in suffixes


def full_forms(lex: OrgLexicon, doc: Doc, orgs: list[Span], ents: list[Span], forms: list[str]) -> list[str]:
    """The names of the document's text that end in a corporate suffix and extend a
    name the Doc has ("Acme Card Corp." for "Acme Card"): those that begin with the
    words of one of its organisations (not through "and" when what follows it is an
    organisation of the Doc, "Alder Bank and Birch Bancorp", or another organisation
    holds those words: "Comdata and Mason Best Co" of "Comdata", named "Comdata
    Network Inc" too), and those that are, less their suffixes, an entity of
    another kind (the model took "Acme Card" for a person); not for a name the text
    gives two full forms ("Seifert GP, LLC" and "Seifert GP Holdings"). They count
    as organisations named in the document (their short forms are looked for and
    labelled ORG) and are candidates for the fullest name. The text is the whole
    original text when triage sent only some paragraphs through the model (the names
    it found there, ``doc.user_data[FULL_FORMS_KEY]``), so that neither depends on
    which paragraphs reached the model; else the Doc's own (``forms``, from the caller)."""
    if not forms:
        return []
    org_words = {_words(span.text) for span in orgs}
    names = org_words | {_words(form) for form in forms}
    prefixes = {_words(span.text) for span in orgs if not has_corporate_suffix(span.text)}
    others = {_words(ent.text) for ent in ents if ent.label_ != "ORG" and ent.label_ in RELABEL}
    # name the Doc has -> its full forms (one text per distinct form)
    extended: dict[tuple[str, ...], dict[tuple[str, ...], str]] = {}
    for form in forms:
        words = _words(form)
        short = _without_suffixes(lex, words)
        named = [short] if short in others else []
        named += [
            words[:size]
            for size in range(1, len(words))
            if words[:size] in prefixes
            and not (
                words[size] in ("and", "&") and (words[size + 1 :] in org_words or _in_another(words[:size], names))
            )
        ]
        for name in named:
            extended.setdefault(name, {}).setdefault(tuple(word.strip(".,") for word in words), form)
    # a name with two full forms ("Seifert GP, LLC" and "Seifert GP Holdings") is
    # two companies: neither is its fuller name
    return list(
        dict.fromkeys(form for variants in extended.values() if len(variants) == 1 for form in variants.values())
    )


def _without_suffixes(lex: OrgLexicon, words: tuple[str, ...]) -> tuple[str, ...]:
    """A name's words less its trailing corporate suffixes (all of them if nothing
    else would be left)."""
    end = len(words)
    while end > 1 and words[end - 1].rstrip(".,") in lex.suffixes:
        end -= 1
    return words[:end]


def _in_another(words: tuple[str, ...], names: set[tuple[str, ...]]) -> bool:
    """Whether one of ``names`` holds ``words`` in a row, not followed by "and"/"&":
    "Comdata" in "Comdata Network Inc" (so that "Comdata and Mason Best Co" is two
    companies, not the fuller name of one)."""
    size = len(words)
    return any(
        name[at : at + size] == words and (at + size == len(name) or name[at + size] not in ("and", "&"))
        for name in names
        if name != words
        for at in range(len(name) - size + 1)
    )


def _words(name: str) -> tuple[str, ...]:
    """A name's words, lower-cased (line breaks and runs of spaces are one space)."""
    return tuple(name.lower().split())
