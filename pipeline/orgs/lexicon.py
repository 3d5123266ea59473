"""The word lists the organisation helpers read from ``patterns/``, and the words shared
by them: labels ORG may replace, ticker symbols, determiners, corporate suffixes after a
name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .. import gazetteer as listed
from ..patterns import load_lines

# The files of patterns/ an OrgLexicon is read from.
PATTERN_FILES = (
    "org_suffixes.txt",
    "org_generic_words.txt",
    "not_org_words.txt",
    "org_head_words.txt",
    "org_joined_words.txt",
    listed.GAZETTEER_FILE,
    listed.STOP_FILE,
)

# Labels the base model wrongly gives to organisation names; ORG may replace them.
RELABEL = frozenset({"ORG", "PERSON", "GPE", "NORP", "PRODUCT", "FAC", "LOC", "WORK_OF_ART", "LAW", "EVENT"})
# A ticker symbol inside angle brackets: "<HBJ>", "<BLDS.ST>", "<AH.O>".
TICKER = re.compile(r"^[A-Z0-9.\-]{1,9}$")
DETERMINERS = frozenset({"the", "a", "an"})
# Words that start a job title: "Schwartsbach Corp Chief Executive ..." ends before them.
TITLE_START_WORDS = frozenset(
    {
        "chief",
        "chairman",
        "chairwoman",
        "president",
        "ceo",
        "cfo",
        "coo",
        "cto",
        "analyst",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "founder",
        "co-founder",
        "cofounder",
    }
)


@dataclass(frozen=True)
class OrgLexicon:
    """The word lists of an organisation's name (lower-case unless said otherwise)."""

    suffixes: frozenset[str]  # corporate suffixes ("inc", "corp")
    generic_words: frozenset[str]  # first words too common to stand for a company ("first")
    not_orgs: frozenset[str]  # whole ORG spans that never name a party ("AI"), as written
    head_words: frozenset[str]  # last words of company names besides the suffixes ("systems")
    joined_words: frozenset[str]  # words after "and" that go on the same name ("chemical")
    gazetteer: listed.Gazetteer  # the listed companies and the words that never count


def load_org_lexicon(patterns_dir) -> OrgLexicon:
    """The lists of :data:`PATTERN_FILES` from ``patterns_dir`` (the package's when None)."""
    return OrgLexicon(
        suffixes=frozenset(word.lower() for word in load_lines("org_suffixes.txt", patterns_dir)),
        generic_words=frozenset(word.lower() for word in load_lines("org_generic_words.txt", patterns_dir)),
        not_orgs=frozenset(load_lines("not_org_words.txt", patterns_dir)),
        head_words=frozenset(word.lower() for word in load_lines("org_head_words.txt", patterns_dir)),
        joined_words=frozenset(word.lower() for word in load_lines("org_joined_words.txt", patterns_dir)),
        gazetteer=listed.load(patterns_dir),
    )


def legal_suffix(lex: OrgLexicon, token) -> bool:
    """A capitalised or dotted corporate suffix ("Inc.", "LLC", "N.V.", "a.s.")."""
    return (token.text[:1].isupper() or "." in token.text) and token.lower_.rstrip(".") in lex.suffixes


def suffix_end(lex: OrgLexicon, doc: Doc, end: int) -> int:
    """``end`` moved past the corporate suffixes that follow it ("Acme Holdings, Inc.",
    "Acme Co., Ltd.")."""
    while end < len(doc):
        if end + 1 < len(doc) and doc[end + 1].text == "With":
            break  # a title-case headline's verb: "Acme Partners With Beta"
        if legal_suffix(lex, doc[end]):
            end += 1
        elif (
            end + 1 < len(doc)
            and doc[end].is_upper
            and doc[end].is_alpha
            and 2 <= len(doc[end].text) <= 4
            and legal_suffix(lex, doc[end + 1])
        ):
            end += 2  # a general partner's or an IP holder's name: "Acme GP LLC", "Acme IP Ltd"
        elif doc[end].text == "(" and _bracketed_place(lex, doc, end):
            end = next(i for i in range(end + 1, end + 4) if doc[i].text == ")") + 1  # "Acme (UK) Limited"
        elif (
            doc[end].text == ","
            and end + 1 < len(doc)
            and legal_suffix(lex, doc[end + 1])
            and not (end + 2 < len(doc) and doc[end + 2].lower_ == "with")
        ):
            end += 2  # "Acme Holdings, Inc." (not "Acme Group, Partners with ...")
        elif (
            doc[end].text == ","
            and end + 2 < len(doc)
            and doc[end + 1].text == "National"
            and doc[end + 2].text == "Association"
        ):
            end += 3  # a U.S. national bank's legal form: "Harbor Bank, National Association"
        else:
            break
    return end


def _bracketed_place(lex: OrgLexicon, doc: Doc, at: int) -> bool:
    """Brackets at ``at`` hold one or two capitalised words (a country, region or city:
    "(UK)", "(Asia Pacific)") and a corporate suffix follows them: "Acme (UK) Limited",
    "Acme Group (US) Holdings"."""
    for close in range(at + 2, min(at + 4, len(doc) - 1)):
        if doc[close].text == ")":
            inner = doc[at + 1 : close]
            return all(token.is_alpha and token.text[:1].isupper() for token in inner) and legal_suffix(
                lex, doc[close + 1]
            )
    return False
