"""An acronym of a company named in full elsewhere in the document: "Trans Harbour Lines
Inc ... THL said it would pay", "the Public Pension Fund ... PPF will own 40%". The
acronym is the same party as the full name whose capitalised words it spells, initial
by initial ("of", "and", "the" and corporate suffixes left out). The short forms given
in brackets ("Alpha Tasman Ltd (ATL)") are linked by ``surgery.short_forms``; this links
the ones a text uses without introducing them.
"""

from __future__ import annotations

from ..names import name_words, norm_key

# Length of the acronyms linked: "GE" to "CPPIB".
MIN_LETTERS = 2
MAX_LETTERS = 6
SKIPPED = frozenset({"of", "and", "the", "for", "de", "&"})


def acronym_links(org_names: dict[str, str], suffixes: frozenset[str]) -> dict[str, str]:
    """``org_names`` (the key of each ORG name -> its fullest name) with each acronym that
    is still its own name mapped to the one fuller name it spells; an acronym two names
    spell stays itself."""
    acronyms = [
        key
        for key, full in org_names.items()
        if MIN_LETTERS <= len(key) <= MAX_LETTERS and key.isalpha() and full.replace(".", "").isupper()
    ]
    if not acronyms:
        return org_names
    spelt: dict[str, set[str]] = {}
    for full in set(org_names.values()):
        letters = initials(full, suffixes)
        if len(letters) >= MIN_LETTERS:
            spelt.setdefault(letters, set()).add(full)
    for key in acronyms:
        fulls = spelt.get(key.replace(" ", ""), set())
        fulls = {full for full in fulls if norm_key(full) != key}
        if len(fulls) == 1 and not name_words(key) & name_words(next(iter(fulls))):
            org_names[key] = next(iter(fulls))
    return org_names


def initials(name: str, suffixes: frozenset[str]) -> str:
    """The lower-case initials of the capitalised words of ``name`` ("Trans Harbour Lines
    Inc" -> "thl"); "" when a word of it is not capitalised (not a name to spell)."""
    letters = []
    for word in name.replace("-", " ").split():
        bare = word.strip(".,'’()").lower()
        if not bare or bare in SKIPPED or bare.rstrip(".") in suffixes:
            continue
        if not word[0].isupper():
            return ""
        letters.append(bare[0])
    return "".join(letters)
