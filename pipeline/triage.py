"""Triage: send only the paragraphs that can state a deal or a role through the model.

Most news contains no deal, and the statistical model is what costs (about 7,000 tokens
a second against 430,000 for the tokenizer). A cheap first pass with the tokenizer and a
``PhraseMatcher`` over cue words (``patterns/triage.txt``: deal verbs and nouns in their
written forms, job titles) keeps, for each document:

- the title line and the first paragraph (they name the companies that pronouns and
  short names later stand for), and
- every paragraph holding a cue word;

the rest is dropped before the model runs. A document with no cue at all gets no model
run. Offsets of what is kept are mapped back to the original text, so evidence offsets in
the tables point into the document as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from .components.paragraphs import is_hard_wrapped
from .patterns import load_lines

CUES_FILE = "triage.txt"
# Where a triaged Doc keeps its pieces' original offsets and the original token count.
OFFSETS_KEY = "spacy_deals.offsets"
WORDS_KEY = "spacy_deals.words"
HARD_WRAPPED_BREAK = re.compile(r"\n\s*\n|\n(?=[ \t]+)")
LINE_BREAK = re.compile(r"\n")
# Paragraphs always kept at the top of a document: the title and the lead.
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
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        cues = load_lines(CUES_FILE, patterns_dir)
        self.matcher.add("CUE", list(self.tokenizer.pipe(cues)))

    def select(self, text: str) -> Selection:
        """The kept paragraphs joined by blank lines, with their original offsets."""
        breaks = HARD_WRAPPED_BREAK if is_hard_wrapped(text) else LINE_BREAK
        spans = _paragraph_spans(text, breaks)
        doc = self.tokenizer(text)
        cue_chars = [doc[start].idx for _, start, _ in self.matcher(doc)]
        if not cue_chars:
            return Selection("", (), len(doc))
        kept = []
        cue_index = 0
        for number, (start, end) in enumerate(spans):
            while cue_index < len(cue_chars) and cue_chars[cue_index] < start:
                cue_index += 1
            has_cue = cue_index < len(cue_chars) and cue_chars[cue_index] < end
            if number < LEADING_PARAGRAPHS or has_cue:
                kept.append((start, end))
        pieces = []
        parts = []
        position = 0
        for start, end in kept:
            if parts:
                parts.append("\n\n")
                position += 2
            pieces.append((position, start, end - start))
            parts.append(text[start:end])
            position += end - start
        return Selection("".join(parts), tuple(pieces), len(doc))


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
