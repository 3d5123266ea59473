"""Title-case headlines read by the model in sentence case.

The base model parses "Office Depot Sells Its Printing Unit To Zeta For $305 Million"
as one long proper name: every word is capitalised, so "Sells", "To" and "Million" are
tagged PROPN and no deal verb is found. In a line written in title case, the words a
headline capitalises only because of the style (the function words, the deal verbs and
nouns of financial headlines, the number words of amounts) are given to the model with a
small first letter: "Office Depot sells its printing unit to Zeta for $305 million". The
letters change case only, so the text keeps its length and every offset holds; evidence
taken from such a line shows the small letters. A word right before a corporate suffix
stays as it is ("General Acquisition Corp"), and so does the first word of the line.

All-capitals headlines (newswire) and sentence-case lines are left alone, and so are the
lines inside a paragraph of hard-wrapped text (a wrapped line may be all name: "... its P
and Q Valve Repair Sales and Services Corp.").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .components.paragraphs import is_hard_wrapped
from .patterns import load_lines

# Words a title-case headline capitalises for style only, lower-cased: function words,
# the verbs and nouns of deal headlines, and number words.
STYLE_WORDS = frozenset(
    {
        # function words
        *("a", "an", "the", "of", "for", "to", "with", "in", "on", "at", "by", "from", "and", "as", "its"),
        *("their", "into", "over", "after", "amid", "be", "is", "are", "will", "set", "up", "out", "than"),
        # deal verbs, in the forms a headline writes them
        *("acquire", "acquires", "acquired", "acquiring", "agree", "agrees", "agreed", "buy", "buys", "bought"),
        *("sell", "sells", "sold", "selling", "merge", "merges", "merged", "complete", "completes", "completed"),
        *("close", "closes", "closed", "combine", "combines", "divest", "divests", "invest", "invests"),
        *("invested", "offer", "offers", "raise", "raises", "raised", "reject", "rejects", "rejected"),
        *("seek", "seeks", "sign", "signs", "take", "takes", "win", "wins", "plan", "plans", "explore"),
        *("explores", "exit", "exits", "reach", "reaches", "strike", "strikes", "spin", "spins", "ink", "inks"),
        *("led", "leads", "lead", "backed", "bid", "bids", "ending", "adding", "weighs", "mulls", "eyes"),
        *("confirms", "announces", "nears", "boosts", "cuts", "lifts", "ups", "snaps", "scoops", "lands"),
        # deal nouns
        *("acquisition", "acquisitions", "merger", "mergers", "deal", "deals", "stake", "stakes", "takeover"),
        *("buyout", "purchase", "sale", "investment", "funding", "round", "talks", "agreement", "unit"),
        *("business", "division", "shares", "share", "majority", "minority", "interest", "offer", "approach"),
        *("billion", "million", "bln", "mln", "cash", "stock", "valued", "valuing", "worth"),
    }
)
# A line in title case: this share of its longer words capitalised, at least MIN_WORDS of them.
TITLE_SHARE = 0.85
MIN_WORDS = 4
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LINE = re.compile(r"[^\n]+")


def sentence_case(text: str, suffixes: frozenset[str] | None = None) -> str:
    """``text`` with the style words of its title-case lines in small letters (the module
    docstring); ``suffixes`` are the lower-cased corporate suffixes ("inc", "corp"), by
    default those of ``patterns/org_suffixes.txt``."""
    suffixes = corporate_suffixes() if suffixes is None else suffixes
    chars = None
    # hard-wrapped newswire: a line inside a paragraph is part of a sentence, never a
    # headline ("... its P\nand Q Valve Repair Sales and Services Corp.")
    lines = _LINE.finditer(text) if not is_hard_wrapped(text) else _standalone_lines(text)
    for line in lines:
        words = list(_WORD.finditer(line.group()))
        if not _is_title_case([w.group() for w in words]):
            continue
        for k in range(1, len(words)):
            word = words[k].group()
            if not word[0].isupper() or word.isupper() and len(word) > 1 or word.lower() not in STYLE_WORDS:
                continue
            if k + 1 < len(words) and words[k + 1].group().lower().rstrip(".") in suffixes:
                continue
            if chars is None:
                chars = list(text)
            at = line.start() + words[k].start()
            chars[at] = chars[at].lower()
    return text if chars is None else "".join(chars)


def _standalone_lines(text: str):
    """The lines of ``text`` that stand alone: a blank line (or the text's start) before
    them and a blank line (or its end) after them."""
    for line in _LINE.finditer(text):
        before = text[: line.start()].rstrip(" \t")
        after = text[line.end() :].lstrip(" \t")
        if (not before or before.endswith("\n\n")) and (not after or after.startswith("\n\n")):
            yield line


def _is_title_case(words: list[str]) -> bool:
    long_words = [w for w in words if len(w) > 3 or w.lower() not in STYLE_WORDS]
    if len(long_words) < MIN_WORDS:
        return False
    capitalised = sum(w[0].isupper() for w in long_words)
    capitals = sum(w.isupper() for w in long_words)
    return capitalised >= TITLE_SHARE * len(long_words) and capitals <= 0.5 * len(long_words)


@lru_cache(maxsize=1)
def corporate_suffixes() -> frozenset[str]:
    return frozenset(word.lower().rstrip(".") for word in load_lines("org_suffixes.txt"))
