"""Sentence starts at line and paragraph breaks, set before the parser runs.

Without this the parser glues a headline onto the first sentence of the body ("HELM
SELLS SHARES IN BAMBERGER Helm Resources Inc said ..."), or a web page's section heading
onto the paragraph under it, which spoils both the parse and the entities there.

Two layouts of text are told apart:
- hard-wrapped text (newswire): a single newline is a wrapped line inside a sentence;
  only a blank line or a newline followed by an indent starts a paragraph;
- unwrapped text (web pages, press releases): every newline ends a paragraph, heading,
  list item or table row.
A title line (the first line, with no final punctuation) always stands alone.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, IS_SPACE, ORTH, SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .docdata import OFFSETS_KEY, WORDS_KEY

PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n[ \t]+")
LINE_BREAK = re.compile(r"\n")
# Token.is_sent_start True and False as SENT_START values (of a uint64 array).
SENT_STARTS = 1
SENT_GOES_ON = numpy.uint64(2**64 - 1)  # -1
# A line that ends inside a sentence and goes on lower-case (or with a newswire
# "<Company>" name) on the next line: one such line makes a document hard-wrapped.
WRAPPED_LINE = re.compile(r"[a-z,;]\n[ \t]?[a-z(<]")
MIN_WRAPPED_LINES = 1
FINAL_PUNCTUATION = ".!?:;\"'”"
# Words that stay lower-case in a title-cased heading.
SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "of", "in", "on", "to", "for", "with", "at", "by", "from", "as", "vs", "is", "its"}
)
HEADING_CAPITALISED = 0.7
# A sentence that ends with an abbreviated company suffix ("... in Feltham Logistics
# Corp. The money will ...") keeps its full stop inside the token, and the parser runs the
# next sentence on; a sentence-opening word after one of these starts a sentence.
ABBREVIATED_SUFFIXES = frozenset(
    {
        "Inc.",
        "Corp.",
        "Co.",
        "Ltd.",
        "Plc.",
        "Cos.",
        "Bhd.",
        "Pty.",
        "L.P.",
        "N.V.",
        "S.A.",
        "A.G.",
        "B.V.",
        "S.p.A.",
        "U.S.",
    }
)
SENTENCE_OPENERS = frozenset(
    {
        "The",
        "It",
        "Its",
        "He",
        "She",
        "They",
        "Their",
        "We",
        "This",
        "That",
        "These",
        "Those",
        "In",
        "On",
        "At",
        "A",
        "An",
        "But",
        "And",
        "Under",
        "As",
        "For",
        "After",
        "According",
        "Terms",
        "Shares",
        "Analysts",
        "Separately",
    }
)
# Tags of a finite verb: a capitalised word after "Corp." followed by one is the subject
# of a new sentence ("... bought Beta Corp. Acme paid ..."), not the rest of the name.
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# A dash glued to the first word of a name after a dateline or a source in brackets
# ("(Newswire) -Acme Holdings said"): a prefix of its own, so the name starts at the word.
DASH_BEFORE_NAME = r"[-–—]+(?=[A-Z][a-z])"


@Language.factory("spacy_deals_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    detach_leading_dashes(nlp)
    return ParagraphBreaks(name)


def detach_leading_dashes(nlp: Language) -> None:
    """Make a dash glued to a capitalised word a token of its own (:data:`DASH_BEFORE_NAME`):
    "(Newswire) -Acme" gives "-" and "Acme", so the name does not begin with the dash.
    The tokenizer keeps the rule when saved. Done once per tokenizer."""
    tokenizer = nlp.tokenizer
    search = getattr(tokenizer, "prefix_search", None)
    pattern = getattr(getattr(search, "__self__", None), "pattern", None)
    if not isinstance(pattern, str) or DASH_BEFORE_NAME in pattern:
        return
    tokenizer.prefix_search = re.compile(f"^{DASH_BEFORE_NAME}|{pattern}").search


class ParagraphBreaks:
    """Mark the first token after each paragraph break (and after a title line) as a
    sentence start; the parser keeps these and splits the rest as usual."""

    def __init__(self, name: str = "spacy_deals_paragraphs"):
        self.name = name
        self.suffix_hashes = numpy.array(sorted(get_string_id(word) for word in ABBREVIATED_SUFFIXES), dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 2:
            return doc
        text = doc.text
        wrapped = is_hard_wrapped(text) or _triaged_from_wrapped(doc, text)
        breaks = PARAGRAPH_BREAK if wrapped else LINE_BREAK
        title_end_at = title_end(text)
        # Only space tokens (a token's own trailing whitespace is at most one space, never
        # a line break) and the token before the end of the title line can mark anything:
        # visit those, in order, with the rules below (later marks may undo earlier ones).
        # The marks are written at once with from_array (Token.is_sent_start checks the
        # whole document for a parse on every assignment).
        values = doc.to_array([IS_SPACE, IDX])
        visit = numpy.flatnonzero(values[:-1, 0]).tolist()
        if title_end_at:
            # the token with idx < title_end_at <= idx of the next token
            at = int(numpy.searchsorted(values[:, 1], title_end_at, side="left")) - 1
            if 0 <= at < len(doc) - 1:
                visit = sorted({*visit, at})
        marks: dict[int, int] = {}
        if ". " in text:
            orths = doc.to_array([ORTH])[:-1]
            for i in numpy.flatnonzero(numpy.isin(orths, self.suffix_hashes)).tolist():
                if not doc[i].whitespace_:
                    continue
                nxt = doc[i + 1]
                if nxt.text in SENTENCE_OPENERS:
                    marks[i + 1] = SENT_STARTS  # "... Feltham Logistics Corp. The money ..."
                elif (
                    i + 2 < len(doc)
                    and doc[i].text != "U.S."  # "U.S. Steel said": a name
                    and nxt.text[:1].isupper()
                    and nxt.is_alpha
                    and doc[i + 2].tag_ in FINITE_VERB_TAGS
                    and doc[i + 2].text.islower()
                ):
                    marks[i + 1] = SENT_STARTS  # "... bought Beta Corp. Acme paid ...": a new subject
        for i in visit:
            token = doc[i]
            nxt = doc[i + 1]
            if (token.is_space and breaks.search(token.text)) or breaks.search(token.whitespace_):
                marks[i + 1] = SENT_STARTS
            elif title_end_at and token.idx < title_end_at <= nxt.idx:
                marks[i + 1] = SENT_STARTS
            elif wrapped and token.is_space and i > 0 and doc[i - 1].text[-1:] not in FINAL_PUNCTUATION:
                # a wrapped line inside a sentence: the parser must not break here
                marks[i] = marks[i + 1] = SENT_GOES_ON
        if marks:
            if doc.has_annotation("DEP"):
                raise ValueError(Errors.E043)
            starts = doc.to_array([SENT_START])
            for i, value in marks.items():
                starts[i] = value
            doc.from_array([SENT_START], starts)
        return doc


def is_hard_wrapped(text: str) -> bool:
    return len(WRAPPED_LINE.findall(text)) >= MIN_WRAPPED_LINES


def _triaged_from_wrapped(doc: Doc, text: str) -> bool:
    """Whether ``doc`` holds paragraphs that triage kept of a hard-wrapped text. The
    kept paragraphs may lack the wrapped line that tells the layout ("farmers\nexpected"
    in a paragraph left out); but triage cuts a hard-wrapped text only at blank lines
    and indents, and any other text at every line break: so a line break inside a kept
    paragraph is a wrapped line."""
    if WORDS_KEY not in doc.user_data:
        return False
    pieces = doc.user_data.get(OFFSETS_KEY) or ()
    return any("\n" in text[start : start + length] for start, _, length in pieces)


def title_end(text: str) -> int:
    """Character offset where the body starts when the text opens with a title line (a
    first line without final punctuation, followed by a line break), else 0."""
    newline = text.find("\n")
    if newline <= 0:
        return 0
    first = text[:newline].rstrip()
    if newline + 1 < len(text) and text[newline + 1].islower():
        return 0  # "X said it has\ncompleted ...": a sentence wrapped, not a title
    return newline if first and first[-1] not in FINAL_PUNCTUATION else 0


def is_heading(sent: Span) -> bool:
    """A title, heading or headline: no final punctuation and (nearly) every word
    capitalised, or all in capitals. Its entities and relations are unreliable; the body
    says the same in full sentences."""
    for token in reversed(sent):  # most sentences end in punctuation: no need for the text
        if not token.is_space:
            if token.text[-1] in FINAL_PUNCTUATION:
                return False
            break
    text = sent.text.strip()
    if not text or text[-1] in FINAL_PUNCTUATION:
        return False
    words = [t.text for t in sent if t.is_alpha]
    if len(words) < 2:
        return False
    if text.isupper():
        return True
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    if not content:
        return False
    return sum(w[0].isupper() for w in content) / len(content) >= HEADING_CAPITALISED


HEADING_WORD = re.compile(r"[^\W\d_]+")


def heading_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of ``text`` that are titles or headings, read from
    the text alone (no Doc, no model): no final punctuation and, as :func:`is_heading`,
    (nearly) every word capitalised or all in capitals. Paragraphs end at blank lines
    and indents in hard-wrapped text, at every line break elsewhere."""
    breaks = PARAGRAPH_BREAK if is_hard_wrapped(text) else LINE_BREAK
    found = []
    start = 0
    for match in [*breaks.finditer(text), None]:
        end = match.start() if match is not None else len(text)
        if _heading_text(text[start:end].strip()):
            found.append((start, end))
        if match is not None:
            start = match.end()
    return found


def _heading_text(text: str) -> bool:
    if not text or text[-1] in FINAL_PUNCTUATION:
        return False
    words = HEADING_WORD.findall(text)
    if len(words) < 2:
        return False
    if text.isupper():
        return True
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    return bool(content) and sum(w[0].isupper() for w in content) / len(content) >= HEADING_CAPITALISED


def heading_tokens(doc: Doc) -> list[bool]:
    """For each token, whether its sentence is a heading (:func:`is_heading`): one pass
    over the sentences, instead of ``is_heading(token.sent)`` per token, which reads the
    whole sentence each time (in a sentence of thousands of words, thousands of times)."""
    flags = [False] * len(doc)
    for sent in doc.sents:
        if is_heading(sent):
            flags[sent.start : sent.end] = [True] * len(sent)
    return flags
