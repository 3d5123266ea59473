"""Triage: send only the paragraphs that can state a deal or a role through the model.

Most news contains no deal, and the statistical model is what costs (about 7,000 tokens
a second against 430,000 for the tokenizer). A cheap first pass with the tokenizer and a
``PhraseMatcher`` over the cue words of ``patterns/triage.yml`` keeps a paragraph when it
holds

- a deal cue ("acquire", "merger", "stake", "tender offer", "Series B"), or
- a weak deal cue, a word with everyday senses too ("buy", "offer", "raised",
  "investment"), in an article that has a deal cue; elsewhere only with an anchor a few
  words from it (a percentage, as of a stake: the percent units of ``patterns/money.yml``;
  a corporate suffix: ``patterns/org_suffixes.txt``; a company word: "company", "unit")
  or a capitalised name just after it ("agreed to sell its Rolling Mills unit"). An
  amount alone is no anchor: "raised 200 mln dlrs" outside a deal article is mostly a
  bond issue, "bought 73 mln dlrs of crude" a trade; or
- a title (``patterns/titles.txt``) or post verb ("appointed") with a capitalised name
  (two title-case words) a few words from it: "Chairman John Smith", not "analysts said".

A document with a kept paragraph also keeps its title line and first paragraph (they
name the companies that pronouns and short names later stand for), except a headline in
capitals; a document with none gets no model run. Offsets of what is kept are mapped back
to the original text, so evidence offsets in the tables point into the document as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

import numpy as np
from spacy.attrs import IDX, IS_TITLE, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher

# where a triaged Doc keeps its pieces' original offsets and the original token count
from .components.aliases import suffixed_names
from .components.docdata import FULL_FORMS_KEY, OFFSETS_KEY, WORDS_KEY  # noqa: F401
from .components.money import load_money_tables
from .components.paragraphs import is_hard_wrapped
from .components.roles import title_table
from .errors import PatternError
from .patterns import load_lines, load_yaml

CUES_FILE = "triage.yml"
CUE_LISTS = ("deal_cues", "weak_deal_cues", "company_words", "role_cues")
HARD_WRAPPED_BREAK = re.compile(r"\n\s*\n|\n(?=[ \t]+)")
LINE_BREAK = re.compile(r"\n")
# Paragraphs always kept at the top of a document with a kept paragraph: title and lead.
LEADING_PARAGRAPHS = 2


@dataclass(frozen=True)
class Selection:
    """The text sent to the model and where each of its pieces came from.

    ``pieces`` holds (start in ``text``, start in the original, length) for each kept
    paragraph, in order.
    """

    text: str
    pieces: tuple[tuple[int, int, int], ...]
    tokens: int = 0  # tokens of the original text
    # the names ending in a corporate suffix anywhere in the original text
    # (aliases.suffixed_names), for doc.user_data[FULL_FORMS_KEY]: the fullest name of a
    # company may stand in a paragraph left out
    full_forms: tuple[str, ...] = ()

    def original_offset(self, offset: int) -> int:
        """Map an offset in ``text`` back to the original document."""
        return original_offset(self.pieces, offset)


def original_offset(pieces, offset: int) -> int:
    """Map an offset in a triaged text back to the original, given its pieces."""
    for start, original, length in reversed(pieces):
        if offset >= start:
            return original + min(offset - start, length)
    return offset


class Triage:
    """Choose the paragraphs of a text worth a model run (see the module docstring)."""

    def __init__(self, nlp: Language, patterns_dir: Optional[str] = None):
        self.tokenizer = nlp.tokenizer
        cues = load_yaml(CUES_FILE, patterns_dir)
        for key in CUE_LISTS:
            if not isinstance(cues.get(key), list) or not all(isinstance(word, str) for word in cues[key]):
                raise PatternError(f"{CUES_FILE}: '{key}' must be a list of words")
        self.before, self.after = _counts(cues, "name_window", 2)
        (self.anchor_window,) = _counts(cues, "anchor_window", 1)
        titles = list(title_table(load_lines("titles.txt", patterns_dir)))
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("DEAL", list(self.tokenizer.pipe(cues["deal_cues"])))
        self.matcher.add("WEAK", list(self.tokenizer.pipe(cues["weak_deal_cues"])))
        self.matcher.add("ROLE", list(self.tokenizer.pipe(titles + cues["role_cues"])))
        self.deal, self.weak = nlp.vocab.strings["DEAL"], nlp.vocab.strings["WEAK"]
        self.name_suffixes = frozenset(line.lower() for line in load_lines("org_suffixes.txt", patterns_dir))
        anchors = (
            _percent_words(patterns_dir) | _suffixes(patterns_dir) | {word.lower() for word in cues["company_words"]}
        )
        self.anchors = np.array(sorted(nlp.vocab.strings.add(word) for word in anchors), dtype=np.uint64)

    def select(self, text: str) -> Selection:
        """The kept paragraphs joined by blank lines, with their original offsets."""
        doc = self.tokenizer(text)
        matches = self.matcher(doc)
        if not matches:
            return Selection("", (), len(doc))
        spans = _paragraph_spans(text, HARD_WRAPPED_BREAK if is_hard_wrapped(text) else LINE_BREAK)
        columns = doc.to_array([IDX, IS_TITLE, LOWER])
        # the paragraph of each token (a token in the gap after a paragraph counts to it)
        paragraph = np.searchsorted([start for start, _ in spans], columns[:, 0], side="right") - 1
        marks = _Marks(columns[:, 1], _in_sorted(columns[:, 2], self.anchors))
        deal_article = any(label == self.deal for label, _, _ in matches)
        keep = np.zeros(len(spans), dtype=bool)
        for label, start, end in matches:
            number = paragraph[start]
            if number >= 0 and not keep[number]:
                keep[number] = self._keeps(label, start, end, marks, deal_article)
        if not keep.any():
            return Selection("", (), len(doc))
        keep[_leading(text, spans)] = True
        pieces = []
        parts = []
        position = 0
        for number in np.flatnonzero(keep):
            start, end = spans[number]
            if parts:
                parts.append("\n\n")
                position += 2
            pieces.append((position, start, end - start))
            parts.append(text[start:end])
            position += end - start
        return Selection("".join(parts), tuple(pieces), len(doc), tuple(suffixed_names(doc, self.name_suffixes, text)))

    def _keeps(self, label: int, start: int, end: int, marks: _Marks, deal_article: bool) -> bool:
        """Whether the cue ``doc[start:end]`` keeps its paragraph (module docstring)."""
        if label == self.deal:
            return True
        if label == self.weak:
            return (
                deal_article
                or marks.anchors_in(start - self.anchor_window, end + self.anchor_window)
                or marks.names_in(end, end + self.after)
            )
        return marks.names_in(start - self.before, start) or marks.names_in(end, end + self.after)


class _Marks:
    """Counts of anchor words and of names (two title-case words in a row) in any range
    of a document's tokens, from cumulative sums."""

    def __init__(self, title_case: np.ndarray, anchor: np.ndarray):
        self.length = len(anchor)
        self.anchors = np.concatenate(([0], np.cumsum(anchor)))
        # a name starting at token j covers j and j + 1
        starts = np.append(title_case[:-1] & title_case[1:], 0) if self.length else title_case
        self.names = np.concatenate(([0], np.cumsum(starts)))

    def _clip(self, low: int, high: int) -> tuple[int, int]:
        return max(low, 0), min(high, self.length)

    def anchors_in(self, low: int, high: int) -> bool:
        """Whether an anchor word stands in ``doc[low:high]``."""
        low, high = self._clip(low, high)
        return low < high and self.anchors[high] > self.anchors[low]

    def names_in(self, low: int, high: int) -> bool:
        """Whether a name lies wholly inside ``doc[low:high]``."""
        low, high = self._clip(low, high)
        return low < high - 1 and self.names[high - 1] > self.names[low]


def _in_sorted(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    """``np.isin(values, sorted_values)`` for a sorted ``sorted_values``, by binary search
    (np.isin sorts both arrays on every call)."""
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    found = np.searchsorted(sorted_values, values)
    return sorted_values[np.minimum(found, len(sorted_values) - 1)] == values


def _leading(text: str, spans: list[tuple[int, int]]) -> slice:
    """The paragraphs kept at the top of a document: the title line and the lead, but
    not a title in capitals ("ACME TO BUY WIDGET"): the model reads little in capitals
    and the components take no deal from a headline (paragraphs.is_heading), so a
    newswire headline costs the model's time for nothing."""
    start, end = spans[0]
    first = text[start:end]
    if len(spans) > 1 and "\n" not in first and first.isupper():
        return slice(1, LEADING_PARAGRAPHS)
    return slice(0, LEADING_PARAGRAPHS)


def _counts(cues: dict, key: str, size: int) -> tuple[int, ...]:
    value = cues.get(key)
    value = [value] if isinstance(value, int) else value
    if not (isinstance(value, list) and len(value) == size and all(isinstance(n, int) and n >= 0 for n in value)):
        raise PatternError(f"{CUES_FILE}: '{key}' must be {size} count(s) of words")
    return tuple(value)


def _percent_words(patterns_dir: Optional[str]) -> set[str]:
    """The words of a percentage ("pct", "%", "per cent"), from the percent units of
    money.yml."""
    units = load_money_tables(patterns_dir).percent_units
    return {phrase[0] for phrase in units if len(phrase) == 1} | {phrase[-1] for phrase in units if phrase[0] == "per"}


def _suffixes(patterns_dir: Optional[str]) -> set[str]:
    """Corporate suffixes, lower-cased, with and without a final full stop."""
    suffixes = {line.lower() for line in load_lines("org_suffixes.txt", patterns_dir)}
    return suffixes | {suffix + "." for suffix in suffixes}


def _paragraph_spans(text: str, breaks: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph of ``text``."""
    spans = []
    start = 0
    for match in breaks.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
