"""Canonical names and the name/title matching rules of ``spec/deal-schema.md``.

The spec matches an organisation or person name to another "after lower-casing, dropping
punctuation, a leading 'the', and corporate suffixes, when one name's words are all
contained in the other's". These functions are that rule, in one place, so that the
extractor's ``*_norm`` columns, consolidation and the scorer agree. They run on every
mention, so the string work is cached.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .errors import Errors
from .schema import is_missing

# Corporate suffixes dropped from the end of a name (after punctuation is gone, so
# "L.P." is "lp" and "S.A." is "sa"). They are stripped only as trailing words: the
# "Corp" in "Dynamics Corp of America" stays.
CORPORATE_SUFFIXES = frozenset(
    {
        "inc",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "plc",
        "llc",
        "lp",
        "sa",
        "ag",
        "nv",
        "se",
        "group",
        "holdings",
        "holding",
    }
)
# A leading article dropped from names ("The Boston Co" -> "boston").
LEADING_ARTICLE = "the"
# The connector left dangling when "& Co" is stripped ("Merrill Lynch and Co" -> "merrill lynch").
DANGLING_CONNECTOR = "and"

# Ticker symbols in angle brackets, as newswire writes them: "Ashcombe Lyle Corstiaens <ALC>".
_TICKER = re.compile(r"<[^<>]*>")
# A possessive "'s" is no part of a name, as the spec's scorer reads names:
# "X Trust's unit" -> "x trust unit", "McDonald's" -> "mcdonald".
_POSSESSIVE = re.compile(r"['’]s\b")
# Punctuation that sits inside a word or abbreviation and is deleted, joining the parts:
# "L.P." -> "lp", "G.D." -> "gd", "O'Neill" -> "oneill".
_JOINING_PUNCT = re.compile(r"[.'’`]")
# Any other run of non-word characters separates words: "Bank/South" -> "bank south".
_SEPARATOR = re.compile(r"[\W_]+")

_NAME_CACHE_SIZE = 1 << 16
_TITLE_CACHE_SIZE = 1 << 12

# Title phrases written out and abbreviated, mapped to one form (after lower-casing and
# punctuation removal). Longer phrases are replaced before shorter ones.
TITLE_ABBREVIATIONS: dict[str, str] = {
    "chief executive officer": "ceo",
    "chief executive": "ceo",
    "chief financial officer": "cfo",
    "chief operating officer": "coo",
    "chief technology officer": "cto",
    "chief technical officer": "cto",
    "chairwoman": "chairman",
    "chairperson": "chairman",
    "chair": "chairman",
    "cofounder": "co founder",
}
_TITLE_PHRASES = sorted(
    ((tuple(phrase.split()), tuple(short.split())) for phrase, short in TITLE_ABBREVIATIONS.items()),
    key=lambda item: -len(item[0]),
)


# Words written with a full stop as an abbreviation: a name ending in one keeps its full
# stop ("Acme Corp.", "Norvane Bros."), as the gold sets write names; any other final
# full stop is the sentence's ("sold it to Widget Holdings." -> "Widget Holdings").
# Dotted initials ("N.V.", "L.P.", "S.A.") and single letters keep theirs too.
ABBREVIATIONS = frozenset(
    {
        "inc",
        "corp",
        "co",
        "cos",
        "ltd",
        "bros",
        "intl",
        "assn",
        "assoc",
        "mfg",
        "hldgs",
        "hldg",
        "jr",
        "sr",
        "st",
        "plc",
        "pty",
        "bhd",
        "dept",
        "natl",
        "inds",
        "grp",
        "svcs",
        "cia",
        "cie",
    }
)


def strip_sentence_stop(name: str) -> str:
    """``name`` without a final full stop that belongs to no abbreviation ("Widget
    Holdings." -> "Widget Holdings"; "Acme Corp.", "Tavistel N.V.", "John F." unchanged)."""
    if not name.endswith(".") or name.endswith(".."):
        return name
    words = name[:-1].split()
    last = words[-1] if words else ""
    if not last or "." in last or (len(last) == 1 and last.isalpha()) or last.lower() in ABBREVIATIONS:
        return name
    return name[:-1].rstrip()


def _plain_words(text: str) -> list[str]:
    """Lower-cased words of ``text`` with accents, tickers and punctuation removed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _POSSESSIVE.sub(" ", _TICKER.sub(" ", text.lower())).replace("&", f" {DANGLING_CONNECTOR} ")
    text = _JOINING_PUNCT.sub("", text)
    return _SEPARATOR.sub(" ", text).split()


def _strip_suffixes(words: list[str]) -> list[str]:
    """Drop trailing corporate suffixes (and an "and" they leave dangling); keep the
    words unchanged if nothing would be left."""
    kept = list(words)
    stripped_any = False
    while kept and (kept[-1] in CORPORATE_SUFFIXES or (stripped_any and kept[-1] == DANGLING_CONNECTOR)):
        kept.pop()
        stripped_any = True
    return kept or words


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def norm_key(name: str | None) -> str:
    """The canonical key of an organisation or person name ("" for None, NA or a blank name).

    "The Harbor Company" -> "harbor", "Harris Associates L.P." -> "harris associates",
    "Smith & Wesson" -> "smith and wesson", "Ashcombe Lyle Corstiaens Inc <ALC>" ->
    "ashcombe lyle corstiaens". A name made only of an article or suffixes keeps its
    words ("The Limited" -> "limited", "Holding Co" -> "holding co").
    """
    if not isinstance(name, str):
        if is_missing(name):
            return ""
        raise TypeError(Errors.E201.format(kind=type(name).__name__, value=name))
    words = _plain_words(name)
    if len(words) > 1 and words[0] == LEADING_ARTICLE:
        words = words[1:]
    return " ".join(_strip_suffixes(words))


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def has_corporate_suffix(name: str | None) -> bool:
    """True for "Meta Platforms Inc.", "Flantz AB"-like names ending in a legal form."""
    if not isinstance(name, str):
        return False
    words = _plain_words(name)
    return bool(words) and words[-1] in CORPORATE_SUFFIXES


def name_words(name: str | None) -> frozenset[str]:
    """The set of words of ``norm_key(name)``; empty for None or a blank name."""
    return frozenset(norm_key(name).split())


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def names_match(a: str | None, b: str | None) -> bool:
    """Whether two names denote the same party under the spec's rule: all words of one
    are among the words of the other ("Meta" matches "Meta Platforms Inc.").

    A missing name (None, or one with no words left after normalisation) matches only
    another missing name, never every name (the empty set would be contained in all).
    """
    words_a, words_b = name_words(a), name_words(b)
    if not words_a or not words_b:
        return not words_a and not words_b
    return words_a <= words_b or words_b <= words_a


@lru_cache(maxsize=_TITLE_CACHE_SIZE)
def title_words(title: str | None) -> tuple[str, ...]:
    """Lower-cased words of a job title with the abbreviations of ``TITLE_ABBREVIATIONS``
    applied ("President and Chief Executive Officer" -> ("president", "and", "ceo"))."""
    if not title:
        return ()
    words = _plain_words(title)
    out: list[str] = []
    i = 0
    while i < len(words):
        for phrase, short in _TITLE_PHRASES:
            if tuple(words[i : i + len(phrase)]) == phrase:
                out.extend(short)
                i += len(phrase)
                break
        else:
            out.append(words[i])
            i += 1
    return tuple(out)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``shorter`` occurs as a contiguous run of words in ``longer``."""
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


@lru_cache(maxsize=_TITLE_CACHE_SIZE)
def titles_match(a: str | None, b: str | None) -> bool:
    """Whether two job titles match: one contains the other, word by word, after
    lower-casing and abbreviating ("co-founder" matches "founder"; "CEO" matches
    "President and Chief Executive Officer"; "director" does not match "CTO").

    Containment is by whole words, not characters, so "cto" is not found in "director".
    A missing title matches only another missing title.
    """
    words_a, words_b = title_words(a), title_words(b)
    if not words_a or not words_b:
        return not words_a and not words_b
    if len(words_a) < len(words_b):
        words_a, words_b = words_b, words_a
    return _contains(words_a, words_b)
