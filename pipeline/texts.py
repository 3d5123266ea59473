"""Texts and their limits: what a document's text goes through before the model sees it.

Long and bad texts (per document; the limits are settings of :class:`pipeline.options.Options`):

- a text with more than ``max_doc_chars`` characters (default 50,000,000) is reported in
  ``errors`` ("too long: N characters, limit M"), stage ``tokenize``;
- a text in which more than ``MAX_CONTROL_SHARE`` (10 %) of the characters are C0
  control characters other than tab, line feed and carriage return is binary data, not
  text: reported in ``errors``, stage ``read``;
- a text longer than ``max_chars`` (default 30,000) is split into pieces of at most
  ``chunk_chars`` characters (default 20,000; see :func:`split_text`), and so is a text
  longer than ``chunk_chars`` with a run of ``chunk_chars / 2`` characters holding no
  paragraph break and no sentence end (a single huge line). The pieces go through the
  model as separate Docs of the same document: one doc_id, mention ids numbered on across
  the pieces (``"{doc_id}#{n}"``), sentence offsets into the original text. When one piece
  fails, the whole document is reported in ``errors`` and none of its rows are kept
  (:mod:`pipeline.documents`);
- in a run of more than ``RUN_CHARS`` (100) characters that are neither letters, digits
  nor white space ("$($(...", "=====", quotes, brackets), and in a run of more than
  ``SPAN_CHARS`` (1,000) characters without white space, every 100th character is read
  as a space (:func:`break_long_runs`): spaCy's tokenizer takes time quadratic in the
  length of such runs (about 100 s for 20,000 "$(" characters). The length of the text stays,
  so offsets hold; evidence taken from such a run shows the spaces.

- the style words of a title-case headline line ("Acme Sells Beta Unit To Gamma") are read
  in small letters (:func:`pipeline.headline_case.sentence_case`), which the model parses as
  a sentence; only the case of letters changes, so offsets hold;
- bracketed stock tickers ("(NYSE: ACME)", "(ACME.O)") are read as spaces
  (:func:`hide_tickers`).

:func:`make_doc` tokenises a text (or a piece of it), triaged or not, into the Doc sent
to the model, with the keys of ``Doc.user_data`` that map its offsets back.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Optional

from spacy.language import Language
from spacy.tokens import Doc

from .components.docdata import FULL_FORMS_KEY, OFFSETS_KEY, PIECE_KEY, WORDS_KEY
from .components.paragraphs import PARAGRAPH_BREAK
from .errors import Errors
from .headline_case import sentence_case
from .readers import Record
from .schema import error_row

if TYPE_CHECKING:
    from .options import Options
    from .triage import Triage

# Longest text (in characters) sent to the model whole; longer ones go in pieces of at most
# CHUNK_CHARS. The model's memory grows with the length of a Doc (peak of a run on one
# made-up article whose every paragraph triage keeps: 311 MB at 20,000 characters, 336 MB
# at 30,000, 402 MB at 50,000, 577 MB at 100,000, 3.1 GB at 950,000), while a text in
# pieces stays at the level of one piece (a 950,000-character one: 341 MB, in half the
# time). No article of the Reuters corpus or the dev sets is longer than 13,400.
MAX_CHARS = 30_000
# Longest piece of a split text: a few thousand tokens, long enough for any paragraph's
# context, short enough that work growing faster than the length of a Doc stays small.
CHUNK_CHARS = 20_000
# Longest text accepted at all; longer ones are reported in errors.
MAX_DOC_CHARS = 50_000_000
# Share of C0 control characters (other than \t \n \r) above which a text is binary junk.
MAX_CONTROL_SHARE = 0.10

# Pathological runs (see the module docstring): in a run of more than RUN_CHARS
# characters that are neither letters, digits nor white space, or in a run of more than
# SPAN_CHARS characters without white space, every RUN_CHARS-th character is replaced by a
# space before tokenising (spaCy's tokenizer takes time quadratic in the length of such a
# run: 100 s for 20,000 "$(" characters).
RUN_CHARS = 100
SPAN_CHARS = 1_000
_LONG_SPAN = re.compile(r"\S{%d}+" % (RUN_CHARS + 1))  # (possessive: a quick first test)
_LONG_RUN = re.compile(r"(?:[^\w\s]|_){%d,}|(?<!\S)\S{%d,}" % (RUN_CHARS + 1, SPAN_CHARS + 1))
_CONTROL_CHARS = "".join(chr(code) for code in range(32) if chr(code) not in "\t\n\r")
_DELETE_CONTROLS = str.maketrans("", "", _CONTROL_CHARS)
# Where a long text may be cut, best first: after a paragraph break (the components'
# PARAGRAPH_BREAK: a blank line, or a new line starting with an indent), after the end of
# a sentence, after any white space; else anywhere (a hard cut).
_SENTENCE_ENDS = (". ", "! ", "? ", ".\n", "!\n", "?\n", ".\r", "!\r", "?\r", '." ', '."\n', ".) ", ".)\n")
_WHITESPACE = (" ", "\n", "\t", "\r")


def text_spans(record: Record, errors: list[dict], options: Options) -> list[tuple[int, int]]:
    """(start, end) of the pieces of the record's text to process; [] after reporting
    in ``errors`` why the text is not processed at all (the module docstring)."""
    text = record.text
    if not isinstance(text, str) or not text.strip():
        errors.append(record_error(record, "read", "the document has no text"))
        return []
    if len(text) > options.max_doc_chars:
        reason = f"too long: {len(text):,} characters, limit {options.max_doc_chars:,}"
        errors.append(record_error(record, "tokenize", reason))
        return []
    share = control_share(text)
    if share > MAX_CONTROL_SHARE:
        reason = (
            f"binary data, not text: {share:.0%} of the characters are control characters "
            f"(limit {MAX_CONTROL_SHARE:.0%}); is this file a text document?"
        )
        errors.append(record_error(record, "read", reason))
        return []
    if len(text) > options.max_chars:
        return split_text(text, options.chunk_chars)
    if len(text) > options.chunk_chars:
        spans, clean = _split(text, options.chunk_chars)
        if not clean:  # a huge run with no paragraph or sentence break: the model chokes on it
            return spans
    return [(0, len(text))]


def record_error(record: Record, stage: str, reason: str) -> dict:
    """The row of the errors table reporting ``record``."""
    return error_row(record.id, record.source, record.line, stage, reason)


def control_share(text: str) -> float:
    """The share of characters of ``text`` that are C0 control characters other than
    tab, line feed and carriage return (what binary data decoded as text is full of)."""
    if not text:
        return 0.0
    return (len(text) - len(text.translate(_DELETE_CONTROLS))) / len(text)


def split_text(text: str, chunk_chars: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive pieces of at most ``chunk_chars`` characters.

    Returns (start, end) offsets covering the whole text. Each cut is made in the second
    half of the window: after the last paragraph break there, else after the last
    sentence end (". ", "? ", "! " ...), else after the last white space, else at the
    window's end. Runs in time linear in the length of the text.
    """
    return _split(text, chunk_chars)[0]


def _split(text: str, chunk_chars: int) -> tuple[list[tuple[int, int]], bool]:
    """The pieces of :func:`split_text`, and whether every cut fell on a paragraph break
    or a sentence end."""
    if chunk_chars < 2:
        raise ValueError(Errors.E402.format(name="chunk_chars", minimum=2, value=chunk_chars))
    spans = []
    clean = True
    start = 0
    length = len(text)
    while length - start > chunk_chars:
        low, high = start + chunk_chars // 2, start + chunk_chars
        cut = _last_break(text, low, high)
        if cut < 0:
            cut = _last_after(text, _SENTENCE_ENDS, low, high)
        if cut < 0:
            clean = False
            cut = _last_after(text, _WHITESPACE, low, high)
        if cut < 0:
            cut = high
        spans.append((start, cut))
        start = cut
    spans.append((start, length))
    return spans, clean


def _last_break(text: str, low: int, high: int) -> int:
    """The offset just after the last paragraph break lying within text[low:high], or -1."""
    best = -1
    for found in PARAGRAPH_BREAK.finditer(text, low, high):
        best = found.end()
    return best if best > low else -1


def _last_after(text: str, marks: tuple[str, ...], low: int, high: int) -> int:
    """The offset just after the last of ``marks`` lying within text[low:high], or -1."""
    best = -1
    for mark in marks:
        found = text.rfind(mark, low, high)
        if found >= 0 and found + len(mark) > best:
            best = found + len(mark)
    return best if best > low else -1


def break_long_runs(text: str) -> str:
    """``text`` with every :data:`RUN_CHARS`-th character of its pathological runs
    replaced by a space: runs of more than RUN_CHARS characters that are neither
    letters, digits nor white space ("$($($(...", "=====...", quotes, brackets), and runs
    of more than :data:`SPAN_CHARS` characters without white space. The length and every
    other character stay, so offsets into ``text`` still hold. spaCy's tokenizer strips
    prefixes and suffixes off a whitespace-free run one at a time, each time searching
    what is left: its time grows with the square of the run's length (100 s for 20,000
    "$(" characters); cut into pieces of RUN_CHARS it grows linearly. No text of the
    Reuters corpus or the dev sets has such a run (their longest whitespace-free run is
    61 characters)."""
    if len(text) <= RUN_CHARS or _LONG_SPAN.search(text) is None:
        return text
    parts = []
    last = 0
    for run in _LONG_RUN.finditer(text):
        for cut in range(run.start() + RUN_CHARS, run.end(), RUN_CHARS):
            parts.append(text[last:cut])
            parts.append(" ")
            last = cut + 1
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


# A stock ticker in brackets: with an exchange ("(NYSE: ACME)", "(Nasdaq:ACME)") or with
# an exchange suffix ("(ACME.O)", "(ACMEb. CO)"). A bare short form ("(AC)") is kept: it
# names the company for the rest of the text.
_TICKER = re.compile(
    r"\((?:(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|AMEX|OTC|TSE|HKEX|BSE|NSE)\s?:\s?[A-Z][A-Za-z0-9.]{0,9}"
    r"|[A-Z][A-Za-z0-9]{0,7}\.\s?[A-Z]{1,3})\)"
)


def hide_tickers(text: str) -> str:
    """``text`` with its bracketed stock tickers read as spaces (as many as they have
    characters, so offsets hold): "agreed to sell its stake in Acme Ports (ACMEq.L) to
    Beta Group" parses as the sentence without them; with them the parser often loses
    the buyer."""
    return _TICKER.sub(lambda m: " " * len(m.group()), text)


def make_doc(nlp: Language, text: str, date: Optional[str], triage: Optional[Triage], start: Optional[int]) -> Doc:
    """The Doc sent to the model: the (triaged) text, dated, with offsets into the
    original document when ``text`` is the piece of it starting at ``start``; the
    pathological runs of the text broken up first (:func:`break_long_runs`) and its title-case
    headlines in sentence case (:func:`sentence_case`) and its bracketed stock tickers
    hidden (:func:`hide_tickers`)."""
    text = hide_tickers(sentence_case(break_long_runs(text)))
    if triage is None:
        doc = nlp.make_doc(text)
        if start is not None:
            doc.user_data[OFFSETS_KEY] = [[0, start, len(text)]]
    else:
        selection = triage.select(text)
        doc = nlp.make_doc(selection.text)
        shift = start or 0
        doc.user_data[OFFSETS_KEY] = [[here, shift + there, length] for here, there, length in selection.pieces]
        doc.user_data[WORDS_KEY] = selection.tokens
        doc.user_data[FULL_FORMS_KEY] = list(selection.full_forms)  # suffixed names anywhere in the text
    doc._.doc_date = date
    return doc


def words_of(doc: Doc) -> int:
    """The words of the document a Doc was made of (all of them, also those triage left out)."""
    return doc.user_data.get(WORDS_KEY, len(doc))


def piece_of(doc: Doc) -> Optional[list[Any]]:
    """[number, count, start] of a Doc made of a piece of a split text, else None."""
    return doc.user_data.get(PIECE_KEY)
