"""The batch job: records -> nlp.pipe -> rows -> Tables.

Every record ends up either in the outputs or in ``errors`` with the reason: a record
whose text cannot be tokenised, or on which a component fails, is reported, never lost.

With ``n_process`` above 1 the records go to forked worker processes in batches, and only
their rows come back (see "worker processes" below).

Two ways to run it:

- :func:`extract` returns the four tables of the whole input, in memory (the Python API);
- :func:`extract_chunks` yields the rows chunk by chunk (``chunk_size`` input records at
  a time) and keeps nothing of earlier chunks: what ``spacy-deals extract`` uses, so that
  a run over millions of documents holds one chunk of rows at a time.

Long and bad texts (per document, before the model sees it):

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
  fails, the whole document is reported in ``errors`` and none of its rows are kept;
- in a run of more than ``RUN_CHARS`` (100) characters that are neither letters, digits
  nor white space ("$($(...", "=====", quotes, brackets), and in a run of more than
  ``SPAN_CHARS`` (1,000) characters without white space, every 100th character is read
  as a space (:func:`break_long_runs`): spaCy's tokenizer takes time quadratic in the
  length of such runs (about 100 s for 20,000 "$(" characters). The length of the text stays,
  so offsets hold; evidence taken from such a run shows the spaces.

Mention ids (:class:`MentionIds`) are unique within a run whatever the input ids:

- a mention's id is ``"{prefix}#{n}"``, n = 0, 1, ... in the document. The prefix of a
  record is its id, except for the k-th record (k >= 2) of a run carrying an id already
  seen: ``"{id}({k})"`` (the rows keep ``doc_id`` = the id as given). An id that itself
  ends in a count in brackets ("report(2)") always gets one ("report(2)(1)" for its
  first record), so that no prefix can be another's. Every record passed in counts,
  including those reported in ``errors`` (not the rows readers reject before): the k-th
  record of an id is the k-th in the input;
- a positional id (a string record, or a dict without "id", at position p) that an
  earlier record already took becomes the first free ``"{p}-{n}"``, n = 2, 3, ...;
- the parent process numbers the records (also with ``n_process`` > 1: the worker
  processes get the prefixes with the records), so the ids do not depend on the number
  of processes; a resumed run that skips records an earlier run did calls
  :meth:`MentionIds.skip` for each of them, in input order, and passes the object to
  :func:`extract_chunks`: the records after them get a fresh run's ids.

Time budget (``time_budget`` seconds per document, default :data:`DEFAULT_TIME_BUDGET`,
60; None: no limit):

- tokenising each text or piece (triage and the tokenizer) and sending each batch
  through the pipeline run under a one-shot timer (``setitimer(ITIMER_REAL)`` and a
  SIGALRM handler raising :class:`TimeBudgetExceeded`, which spaCy's error handlers let
  through). A batch that runs out of it is done again one document at a time, each from
  a fresh Doc and with the same budget, so only the documents that take longer alone are
  given up; the others of the batch are processed (a split text: each piece has the
  budget, and the document is given up with any piece). A document given up is reported in
  ``errors`` with stage ``"timeout"`` ("took more than N s (time budget; --time-budget)
  ..."); it is not retryable (:func:`is_retryable`). Any SIGALRM handler and timer set
  before are put back afterwards.
- It holds where SIGALRM exists (not on Windows) and in the main thread of a process,
  which the forked worker processes of ``n_process`` > 1 are (each holds it on its
  batches). Elsewhere there is no budget: runs in other threads (Dask's worker threads),
  and ``nlp.pipe``'s own worker processes (used where processes cannot be forked).
- The timer stops Python code: the exception comes at the next Python instruction, so
  a long stretch inside native code (one call of spaCy's tokenizer, one matrix product)
  ends before the document is given up. Caches our components fill in one step each
  stay whole.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import logging
import multiprocessing
import numbers
import os
import platform
import re
import signal
import sys
import threading
import time
import weakref
from array import array
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any, Optional, Union

import pandas as pd
import pyarrow
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from tqdm.auto import tqdm

from . import __version__
from .consolidate import consolidate
from .export import mention_rows, role_rows
from .loader import load
from .readers import Record
from .schema import ERROR_COLUMNS, MENTION_COLUMNS, ROLE_COLUMNS
from .tables import Tables, atomic_write_text, concat, frame
from .triage import FULL_FORMS_KEY, OFFSETS_KEY, WORDS_KEY, Triage

logger = logging.getLogger(__name__)

RecordLike = Union[str, dict, Record]
# Keys of Doc.user_data under which a document carries its record through nlp.pipe.
_INDEX_KEY = "spacy_deals_index"
# [piece number, number of pieces, start offset in the original text] of a split document.
PIECE_KEY = "spacy_deals.piece"
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
# Input records per chunk of extract_chunks (and per chunk file of a run).
DEFAULT_CHUNK_SIZE = 500
# Records per nlp.pipe batch (and per task of a worker process). Triaged texts are short:
# 64 of them keep the model's matrices better filled than spaCy's default of 32 (3-5 %
# faster on them; benchmarks/throughput.py runs the bare model in the same batches).
BATCH_SIZE = 64
# Most tokens per nlp.pipe batch: the model's working memory grows with the words of a
# batch, so a run of long texts would otherwise raise the peak of a whole run.
BATCH_WORDS = 4_000
LOST_IN_WORKER = (
    "a pipeline component failed on this document in a worker process (rerun with --n-process 1 to see the exception)"
)
# The error of the records lost with a worker process that died (twice: the second time
# running their batch alone): not a verdict on the document, it may be done again
# (is_retryable). A document on which a component raised or that ran out of its time
# budget is not retryable: it would fail the same way.
WORKER_DIED = (
    "lost, retry: the worker process handling this document's batch died (killed, out of memory or a crash) "
    "before the document was done; --resume does it again (rerun with --n-process 1 to see why the worker died)"
)
# A document that killed its worker process again when it ran alone (not retryable).
KILLED_WORKER = (
    "this document made its worker process die (killed, out of memory or a crash), in its batch and again alone; "
    "rerun it with --n-process 1 to see why"
)
# Errors of documents that may be done again: WORKER_DIED and its wording in earlier versions.
RETRYABLE_ERRORS = frozenset(
    {
        WORKER_DIED,
        "the worker process processing this document died (rerun with --n-process 1 to see why)",
    }
)
# Seconds a document may take (tokenising and triage, then the pipeline) before it is
# given up and reported in errors (stage TIMEOUT_STAGE); None: no limit. See "Time budget"
# in the module docstring.
DEFAULT_TIME_BUDGET = 60.0
TIMEOUT_STAGE = "timeout"
# Documents a pipeline processes with their words kept (outside memory zones) before
# runs free the strings of each chunk or task: spaCy's tokenizer caches nothing inside a
# memory zone (tokenising there takes twice as long), and the words of the first few
# hundred articles are most of the words of the rest. What they add stays (a few MB).
WARM_DOCUMENTS = 500
# Tasks (of batch_size records each) waiting for or in the hands of each worker process
# of a parallel run: enough to keep the workers busy, few enough to keep memory flat.
TASKS_PER_WORKER = 3

# Pathological runs (see "Long and bad texts" in the module docstring): in a run of more
# than RUN_CHARS characters that are neither letters, digits nor white space, or in a run
# of more than SPAN_CHARS characters without white space, every RUN_CHARS-th character is
# replaced by a space before tokenising (spaCy's tokenizer takes time quadratic in the
# length of such a run: 100 s for 20,000 "$(" characters).
RUN_CHARS = 100
SPAN_CHARS = 1_000
_LONG_SPAN = re.compile(r"\S{%d}+" % (RUN_CHARS + 1))  # (possessive: a quick first test)
_LONG_RUN = re.compile(r"(?:[^\w\s]|_){%d,}|(?<!\S)\S{%d,}" % (RUN_CHARS + 1, SPAN_CHARS + 1))
_CONTROL_CHARS = "".join(chr(code) for code in range(32) if chr(code) not in "\t\n\r")
_DELETE_CONTROLS = str.maketrans("", "", _CONTROL_CHARS)
# Where a long text may be cut, best first: after a paragraph break, after the end of a
# sentence, after any white space; else anywhere (a hard cut).
_PARAGRAPH_BREAKS = ("\n\n", "\r\n\r\n", "\n \n")
_SENTENCE_ENDS = (". ", "! ", "? ", ".\n", "!\n", "?\n", ".\r", "!\r", "?\r", '." ', '."\n', ".) ", ".)\n")
_WHITESPACE = (" ", "\n", "\t", "\r")


@dataclass
class RunStats:
    """Counts and timings of one run (written to run.json)."""

    documents: int = 0
    words: int = 0
    seconds: float = 0.0
    errors: int = 0
    split_documents: int = 0
    # worker processes that died (each restarts the pool and sends records again;
    # run.json: counts.worker_deaths)
    worker_deaths: int = 0
    # documents that ran out of their time budget (run.json: counts.timeouts)
    timeouts: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class Limits:
    """Per-document length limits (see the module docstring)."""

    max_chars: int = MAX_CHARS
    chunk_chars: int = CHUNK_CHARS
    max_doc_chars: int = MAX_DOC_CHARS

    def __post_init__(self) -> None:
        for name in ("max_chars", "chunk_chars", "max_doc_chars"):
            check_count(name, getattr(self, name))
        if self.chunk_chars < 2:
            raise ValueError(f"chunk_chars must be at least 2, got {self.chunk_chars}")
        if self.max_chars < 1 or self.max_doc_chars < self.max_chars:
            raise ValueError(
                f"need 1 <= max_chars <= max_doc_chars, got max_chars={self.max_chars:,}, max_doc_chars={self.max_doc_chars:,}"
            )


@dataclass
class Document:
    """One processed document: its record, its rows and its word count."""

    record: Record
    mentions: list[dict]
    roles: list[dict]
    words: int
    pieces: int = 1


@dataclass
class Chunk:
    """The rows of one chunk of a run (see :func:`extract_chunks`).

    ``doc_ids`` lists the documents processed in the chunk, in input order (those that
    failed are in ``errors`` instead); ``doc_dates`` holds their dates.
    """

    number: int
    mentions: pd.DataFrame
    roles: pd.DataFrame
    errors: pd.DataFrame
    doc_ids: list[str]
    doc_dates: dict[str, str]
    words: int = 0

    @property
    def documents(self) -> int:
        return len(self.doc_ids)

    def __repr__(self) -> str:
        return (
            f"Chunk({self.number}: {self.documents} documents, {len(self.mentions)} mentions, "
            f"{len(self.roles)} roles, {len(self.errors)} errors)"
        )


def as_record(item: RecordLike, position: int) -> Record:
    """A plain string, a dict with id/text (title, date) or a Record -> Record."""
    if isinstance(item, Record):
        return item
    if isinstance(item, str):
        return Record(id=str(position), text=item)
    if isinstance(item, dict):
        text = item.get("text")
        title = item.get("title")
        if title and isinstance(text, str):
            text = f"{title}\n\n{text}"
        return Record(id=str(item.get("id", position)), text=text, date=item.get("date"))
    raise TypeError(f"Expected a str, a dict with 'id' and 'text', or a Record; got {type(item).__name__}.")


# --- mention ids -----------------------------------------------------------------------------

# An id ending in a count in brackets ("report(2)") could be taken for a repeated id's
# prefix: its own prefix always carries a count (module docstring, "Mention ids").
_COUNTED = re.compile(r"\(\d+\)\Z")


def mention_prefix(doc_id: str, occurrence: int) -> str:
    """What the mention ids of the ``occurrence``-th record (1, 2, ...) with ``doc_id``
    start with: ``doc_id`` itself for the first (unless it ends in a count in brackets),
    else ``"doc_id(occurrence)"``."""
    if occurrence == 1 and not _COUNTED.search(doc_id):
        return doc_id
    return f"{doc_id}({occurrence})"


class MentionIds:
    """Numbers the records of one run by id, so that mention ids are unique within the
    run whatever the ids (module docstring, "Mention ids").

    Memory: 8 to 16 bytes per distinct id (a table of 64-bit hashes of the ids, not the
    ids), plus a small dict entry per id that repeats. Two distinct ids with the same
    64-bit hash (odds of about 1 in 3 * 10^5 for ten million ids) would be numbered as one
    id repeated: the mention ids stay unique, only the second id's carry a count.
    """

    def __init__(self) -> None:
        self._seen = _HashSet()
        self._repeats: dict[int, int] = {}  # hash -> records with that id so far (ids seen twice or more)

    def skip(self, doc_id: Any) -> None:
        """Count a record without processing it: a resumed run calls this for each
        record an earlier run did, in input order, so that the records after it get the
        mention ids a fresh run gives them."""
        self._occurrence(str(doc_id))

    def take(self, item: RecordLike, position: int) -> tuple[Record, str]:
        """The record of input ``item`` at ``position`` and its mention-id prefix. A
        positional id (a string, or a dict without "id") already taken by an earlier
        record becomes the first free ``"{position}-{n}"`` (n = 2, 3, ...)."""
        record = as_record(item, position)
        doc_id = str(record.id)
        if (isinstance(item, str) or (isinstance(item, dict) and "id" not in item)) and hash(doc_id) in self._seen:
            n = 2
            while hash(f"{position}-{n}") in self._seen:
                n += 1
            doc_id = f"{position}-{n}"
        if doc_id != record.id:
            record = dataclasses.replace(record, id=doc_id)
        return record, mention_prefix(doc_id, self._occurrence(doc_id))

    def _occurrence(self, doc_id: str) -> int:
        key = hash(doc_id)
        if self._seen.add(key):
            return 1
        occurrence = self._repeats.get(key, 1) + 1
        self._repeats[key] = occurrence
        return occurrence


class _GivenMentionIds:
    """For worker processes: the items are (Record, prefix) pairs numbered by the parent."""

    @staticmethod
    def take(item: tuple[Record, str], position: int) -> tuple[Record, str]:
        return item


class _HashSet:
    """A set of 64-bit integers in one array (open addressing, linear probing, at most
    70 % full): 8 to 16 bytes an entry, where a Python set of ints takes about 70."""

    _MASK64 = (1 << 64) - 1

    def __init__(self, capacity: int = 1024) -> None:
        self._table = array("Q", bytes(8 * capacity))
        self._mask = capacity - 1
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def _find(self, value: int) -> tuple[int, int, bool]:
        """(key, slot index, whether the key is there): the key's slot, or the empty
        slot where it would go."""
        key = (value & self._MASK64) or 1  # 0 marks an empty slot
        table, mask = self._table, self._mask
        i = key & mask
        while True:
            slot = table[i]
            if slot == key or slot == 0:
                return key, i, slot == key
            i = (i + 1) & mask

    def __contains__(self, value: int) -> bool:
        return self._find(value)[2]

    def add(self, value: int) -> bool:
        """Add ``value``; whether it was new."""
        key, i, present = self._find(value)
        if present:
            return False
        table, mask = self._table, self._mask
        table[i] = key
        self._size += 1
        if self._size * 10 > (mask + 1) * 7:
            self._grow()
        return True

    def _grow(self) -> None:
        old = self._table
        capacity = 2 * len(old)
        table = array("Q", bytes(8 * capacity))
        mask = capacity - 1
        for key in old:
            if key:
                i = key & mask
                while table[i]:
                    i = (i + 1) & mask
                table[i] = key
        self._table, self._mask = table, mask


def check_records(records: Any) -> None:
    """Raise a TypeError when ``records`` is not an iterable of records: a single text
    (which would be read character by character), a path, a single record or a
    DataFrame (which iterates over its column names)."""
    if isinstance(records, (str, bytes)):
        raise TypeError(
            f"records must be a list (or any iterable) of texts or records, got a single {type(records).__name__} "
            f"of {len(records):,} characters, which would be read as one document per character: pass [text]. "
            "To read a file or folder, use pipeline.readers.iter_records([path]) (or spacy-deals extract PATH)."
        )
    if isinstance(records, os.PathLike):
        raise TypeError(
            f"records must be an iterable of texts or records, got the path {os.fspath(records)!r}: read it with "
            "pipeline.readers.iter_records([path]) (or spacy-deals extract PATH)."
        )
    if isinstance(records, (dict, Record)):
        raise TypeError(
            f"records must be an iterable of texts or records, got a single {type(records).__name__}: pass [record]."
        )
    if type(records).__name__ == "DataFrame" and hasattr(records, "to_dict"):
        raise TypeError(
            "records must be an iterable of texts or records, got a DataFrame (which iterates over its column "
            "names): pass df.to_dict('records') (columns id, text, optional title, date)."
        )
    if not isinstance(records, Iterable):
        raise TypeError(f"records must be an iterable of texts or records, got {type(records).__name__}.")


def check_n_process(n_process: Any) -> int:
    """``n_process`` as a number of processes: an int of at least 1, or -1 for one per
    available core (as spaCy's ``nlp.pipe``); anything else raises a TypeError or a
    ValueError saying what was expected."""
    if isinstance(n_process, bool) or not isinstance(n_process, numbers.Integral):
        raise TypeError(
            f"n_process must be an int (1, 2, ... or -1 for every core), got {n_process!r} ({type(n_process).__name__})."
        )
    n_process = int(n_process)
    if n_process == -1:
        return available_cores()
    if n_process < 1:
        raise ValueError(f"n_process must be at least 1 (or -1 for every core), got {n_process}.")
    return n_process


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def check_count(name: str, value: Any, minimum: int = 1) -> int:
    """``value`` as an int of at least ``minimum``, else a TypeError or ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int of at least {minimum}, got {value!r} ({type(value).__name__}).")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}.")
    return int(value)


def extract(
    records: Iterable[RecordLike],
    *,
    nlp: Optional[Language] = None,
    model: Optional[str] = None,
    n_process: int = 1,
    batch_size: int = BATCH_SIZE,
    errors: Optional[list[dict]] = None,
    progress: bool = False,
    stats: Optional[RunStats] = None,
    triage: bool = True,
    max_chars: int = MAX_CHARS,
    chunk_chars: int = CHUNK_CHARS,
    max_doc_chars: int = MAX_DOC_CHARS,
    time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
) -> Tables:
    """Run the pipeline over records and return the four tables.

    ``records`` are strings, dicts with ``id``/``text`` (optional ``title``, ``date``) or
    :class:`Record` objects; ``errors`` may hold rows the readers already reported.
    ``triage`` sends only the paragraphs with deal or role cue words through the model
    (pipeline/triage.py); turn it off to run the model on every word. Texts longer than
    ``max_chars`` are processed in pieces of at most ``chunk_chars`` characters; texts
    longer than ``max_doc_chars`` and binary data are reported in ``errors`` (module
    docstring). A document taking more than ``time_budget`` seconds (None: no limit) is
    reported in ``errors`` (module docstring, "Time budget"). Everything is kept in
    memory: for runs too large for that, use :func:`extract_chunks`.
    """
    # one chunk per DEFAULT_CHUNK_SIZE records, without memory zones: the Docs are gone
    # once their rows are made, and the strings stay for the next chunk's texts
    return tables_from_chunks(
        list(
            extract_chunks(
                records,
                nlp=nlp,
                model=model,
                n_process=n_process,
                batch_size=batch_size,
                errors=errors,
                progress=progress,
                stats=stats,
                triage=triage,
                max_chars=max_chars,
                chunk_chars=chunk_chars,
                max_doc_chars=max_doc_chars,
                memory_zones=False,
                time_budget=time_budget,
            )
        )
    )


def tables_from_chunks(chunks: list[Chunk]) -> Tables:
    """The four tables of a run from its chunks (deals consolidated over all mentions)."""
    mentions = concat((chunk.mentions for chunk in chunks), MENTION_COLUMNS)
    doc_dates = {doc_id: date for chunk in chunks for doc_id, date in chunk.doc_dates.items()}
    return Tables(
        mentions=mentions,
        deals=consolidate(mentions, doc_dates),
        roles=concat((chunk.roles for chunk in chunks), ROLE_COLUMNS),
        errors=concat((chunk.errors for chunk in chunks), ERROR_COLUMNS),
    )


def extract_chunks(
    records: Iterable[RecordLike],
    *,
    nlp: Optional[Language] = None,
    model: Optional[str] = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    n_process: int = 1,
    batch_size: int = BATCH_SIZE,
    errors: Optional[list[dict]] = None,
    progress: bool = False,
    stats: Optional[RunStats] = None,
    triage: bool = True,
    max_chars: int = MAX_CHARS,
    chunk_chars: int = CHUNK_CHARS,
    max_doc_chars: int = MAX_DOC_CHARS,
    memory_zones: bool = True,
    mention_ids: Optional[MentionIds] = None,
    time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
) -> Iterator[Chunk]:
    """Run the pipeline over records and yield the rows chunk by chunk.

    Each :class:`Chunk` holds the mentions, roles and errors of about ``chunk_size``
    input records (with one process: exactly ``chunk_size`` records per chunk, the last
    one fewer), plus the ids and dates of the documents it processed. Deals are not
    consolidated here: they need every mention (``consolidate`` over the chunks' mentions).

    ``errors`` is the list lazy readers append to: the rows in it are moved into the chunk
    that reports them, so the list stays short however long the run. ``stats`` is updated
    as the chunks go (documents, words, seconds, errors).

    With ``n_process=1`` each chunk runs inside ``nlp.memory_zone()`` (when
    ``memory_zones``; see :func:`memory_zone` for the first ones), so the strings and
    lexemes of its texts are freed with it and the memory a run uses does not grow with
    the number of documents. With several processes one set of worker processes serves
    the whole run (each worker frees the strings of every batch it does) and chunks are
    cut from its output.

    ``mention_ids`` numbers the records by id (module docstring, "Mention ids"); a
    resumed run passes one on which it called :meth:`MentionIds.skip` for each record
    it skips, so that mention ids are those of a fresh run. ``time_budget``: seconds a
    document may take (None: no limit; module docstring, "Time budget").
    """
    # arguments are checked here, before any work (the rows come from a generator)
    check_records(records)
    chunk_size = check_count("chunk_size", chunk_size)
    n_process = check_n_process(n_process)
    batch_size = check_count("batch_size", batch_size)
    limits = Limits(max_chars, chunk_chars, max_doc_chars)
    time_budget = check_time_budget(time_budget)
    return _chunks(
        records,
        nlp=nlp,
        model=model,
        chunk_size=chunk_size,
        n_process=n_process,
        batch_size=batch_size,
        errors=errors,
        progress=progress,
        stats=stats,
        triage=triage,
        limits=limits,
        memory_zones=memory_zones,
        mention_ids=mention_ids if mention_ids is not None else MentionIds(),
        time_budget=time_budget,
    )


def _chunks(
    records: Iterable[RecordLike],
    *,
    nlp: Optional[Language],
    model: Optional[str],
    chunk_size: int,
    n_process: int,
    batch_size: int,
    errors: Optional[list[dict]],
    progress: bool,
    stats: Optional[RunStats],
    triage: bool,
    limits: Limits,
    memory_zones: bool,
    mention_ids: MentionIds,
    time_budget: Optional[float],
) -> Iterator[Chunk]:
    """The generator of :func:`extract_chunks` (arguments checked)."""
    nlp = nlp or load(model)
    errors = errors if errors is not None else []
    stats = stats or RunStats()
    chooser = Triage(nlp) if triage else None
    started = time.perf_counter()
    numbered = enumerate(records)
    number = 0

    def chunk(documents: list[Document]) -> Chunk:
        nonlocal number
        number += 1
        rows = errors[:]
        del errors[: len(rows)]
        stats.errors += len(rows)
        stats.timeouts += sum(1 for row in rows if row.get("stage") == TIMEOUT_STAGE)
        stats.seconds = time.perf_counter() - started
        return Chunk(
            number=number,
            mentions=frame([row for d in documents for row in d.mentions], MENTION_COLUMNS),
            roles=frame([row for d in documents for row in d.roles], ROLE_COLUMNS),
            errors=frame(rows, ERROR_COLUMNS),
            doc_ids=[d.record.id for d in documents],
            doc_dates={d.record.id: d.record.date for d in documents if d.record.date},
            words=sum(d.words for d in documents),
        )

    with _Progress(progress, stats, errors, started) as bar, long_lived_objects_frozen():
        if n_process == 1:
            while True:
                taken = _Counting(islice(numbered, chunk_size))
                documents: list[Document] = []
                with memory_zone(nlp, chunk_size) if memory_zones else nullcontext():
                    for document in iter_documents(
                        nlp,
                        taken,
                        errors,
                        batch_size=batch_size,
                        triage=chooser,
                        limits=limits,
                        numbered=True,
                        mention_ids=mention_ids,
                        time_budget=time_budget,
                    ):
                        _count(stats, document)
                        documents.append(document)
                        bar.update()
                if taken.count or errors:
                    yield chunk(documents)
                if taken.count < chunk_size:
                    break
        else:
            documents = []
            for document in iter_documents(
                nlp,
                numbered,
                errors,
                n_process=n_process,
                batch_size=batch_size,
                triage=chooser,
                limits=limits,
                numbered=True,
                mention_ids=mention_ids,
                stats=stats,
                time_budget=time_budget,
            ):
                _count(stats, document)
                documents.append(document)
                bar.update()
                if len(documents) >= chunk_size:
                    yield chunk(documents)
                    documents = []
            if documents or errors:
                yield chunk(documents)
    stats.seconds = time.perf_counter() - started


# pipeline -> documents it processed outside memory zones (see WARM_DOCUMENTS)
_WARMED: weakref.WeakKeyDictionary[Language, int] = weakref.WeakKeyDictionary()


@contextmanager
def memory_zone(nlp: Language, documents: int) -> Iterator[None]:
    """``nlp.memory_zone()`` around the processing of up to ``documents`` documents,
    except for the first :data:`WARM_DOCUMENTS` documents a pipeline processes: their
    strings stay, so that the tokenizer caches the common words for the rest of its life
    (it caches nothing inside a zone)."""
    warmed = _WARMED.get(nlp, 0)
    if warmed >= WARM_DOCUMENTS:
        with nlp.memory_zone():
            yield
        return
    _WARMED[nlp] = warmed + documents
    yield


@contextmanager
def long_lived_objects_frozen() -> Iterator[None]:
    """Leave the objects alive when a run starts out of garbage collection while it runs.

    The loaded pipeline (vocabulary, pattern tables, quantulum3's units: some 200,000
    objects) lives as long as the run, but Python's collector scans it at every full
    collection, which costs 5-9 % of a triaged run. ``gc.freeze`` moves it to the
    permanent generation; ``gc.unfreeze`` at the end gives it back. Objects made during
    the run are collected as usual, and forked worker processes start frozen too.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _count(stats: RunStats, document: Document) -> None:
    stats.documents += 1
    stats.words += document.words
    if document.pieces > 1:
        stats.split_documents += 1


class _Counting:
    """An iterator that counts the items taken from it."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = iter(items)
        self.count = 0

    def __iter__(self) -> _Counting:
        return self

    def __next__(self) -> Any:
        item = next(self.items)
        self.count += 1
        return item


class _Progress:
    """The tqdm bar of a run: documents, words per second and errors (quiet when off)."""

    def __init__(self, enabled: bool, stats: RunStats, errors: list[dict], started: float) -> None:
        self.enabled = enabled
        self.stats = stats
        self.errors = errors
        self.started = started
        self.bar = tqdm(desc="documents", unit="doc", disable=not enabled, dynamic_ncols=True)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.bar.close()

    def update(self) -> None:
        if not self.enabled:
            return
        self.bar.update()
        if self.stats.documents % 20 == 0:
            elapsed = time.perf_counter() - self.started
            self.bar.set_postfix(
                words_s=f"{self.stats.words / elapsed:,.0f}" if elapsed else "-",
                errors=self.stats.errors + len(self.errors),
                refresh=False,
            )


# --- documents and pieces ------------------------------------------------------------


def iter_documents(
    nlp: Language,
    records: Iterable[Any],
    errors: list[dict],
    *,
    n_process: int = 1,
    batch_size: int = BATCH_SIZE,
    triage: Union[bool, Triage, None] = None,
    limits: Limits = Limits(),
    numbered: bool = False,
    mention_ids: Optional[MentionIds] = None,
    stats: Optional[RunStats] = None,
    time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
) -> Iterator[Document]:
    """Yield one :class:`Document` (record and rows) per processed record, in input order.

    The pieces of a split text are put back together: mention ids numbered on across
    them, offsets into the whole text. A record that fails (at any piece) is reported in
    ``errors`` and not yielded. ``triage`` is a bool or a :class:`Triage` made once for
    many calls; ``numbered`` says ``records`` are (position, item) pairs; ``mention_ids``
    numbers records by id across calls (by default, within this call); ``stats`` counts
    the worker processes that died (its other counts are the caller's); ``time_budget``:
    seconds a document may take (None: no limit; module docstring, "Time budget").
    """
    n_process = check_n_process(n_process)
    time_budget = check_time_budget(time_budget)
    batch_size = check_count("batch_size", batch_size)
    if triage is True:
        triage = Triage(nlp)
    elif triage is False:
        triage = None
    if n_process > 1 and _FORK in multiprocessing.get_all_start_methods():
        yield from _parallel_documents(
            nlp,
            records,
            errors,
            n_process=n_process,
            batch_size=batch_size,
            triage=triage,
            limits=limits,
            numbered=numbered,
            mention_ids=mention_ids,
            stats=stats,
            time_budget=time_budget,
        )
        return
    group: Optional[_Group] = None
    aborted: dict[int, tuple[Record, str, str]] = {}
    pieces = _pieces(
        nlp,
        records,
        errors,
        aborted,
        n_process=n_process,
        batch_size=batch_size,
        triage=triage,
        limits=limits,
        numbered=numbered,
        mention_ids=mention_ids,
        time_budget=time_budget,
    )
    for piece, doc, failure in pieces:
        if group is not None and group.position != piece.position:
            # a text whose later piece could not be tokenised: its pipe output ends early
            document = group.finish(errors, aborted)
            group = None
            if document is not None:
                yield document
        if group is None:
            group = _Group(piece.position, piece.record, piece.count, piece.prefix)
        group.add(piece, doc, failure)
        if piece.number == piece.count - 1:
            document = group.finish(errors, aborted)
            group = None
            if document is not None:
                yield document
    if group is not None:
        document = group.finish(errors, aborted)
        if document is not None:
            yield document


class _Group:
    """The rows of the pieces of one document seen so far."""

    def __init__(self, position: int, record: Record, count: int, prefix: str) -> None:
        self.position = position
        self.record = record
        self.count = count
        self.prefix = prefix
        self.mentions: list[dict] = []
        self.roles: list[dict] = []
        self.words = 0
        self.failure: Optional[tuple[str, str]] = None

    def add(self, piece: _Piece, doc: Optional[Doc], failure: Optional[tuple[str, str]]) -> None:
        if self.failure is not None:
            return
        if doc is None:
            self.failure = failure or ("pipeline", LOST_IN_WORKER)
            return
        self.words += doc.user_data.get(WORDS_KEY, len(doc))
        # "{prefix}#{n}", numbered on across the pieces of a split text
        for row in mention_rows(doc, self.record.id):
            row["mention_id"] = f"{self.prefix}#{len(self.mentions)}"
            self.mentions.append(row)
        self.roles.extend(role_rows(doc, self.record.id))

    def finish(self, errors: list[dict], aborted: dict[int, tuple[Record, str, str]]) -> Optional[Document]:
        failure = self.failure
        if (entry := aborted.pop(self.position, None)) is not None:
            failure = failure or entry[1:]
        if failure is not None:
            errors.append(_error_row(self.record, *failure))
            return None
        return Document(self.record, self.mentions, self.roles, self.words, self.count)


# --- worker processes ----------------------------------------------------------------
#
# With n_process > 1 the records go to worker processes in tasks of ``batch_size``
# records; each worker runs the whole of the one-process path on them (tokenising and
# triage, the pipeline, the rows of the tables) and sends back only the rows, the word
# counts and the error rows. Docs never travel between processes, and this process only
# reads the input and gathers the rows. Workers are forked, so they share the loaded
# pipeline without pickling it; where fork is not available, nlp.pipe's own worker
# processes are used (and Docs travel).

_FORK = "fork"
GIVEN_MENTION_IDS = _GivenMentionIds()
# What a worker process runs with: (nlp, triage, limits, batch_size, time_budget), set by
# _init_worker. A worker runs tasks in its main thread, so the time budget holds there.
_WORKER: Optional[tuple[Language, Optional[Triage], Limits, int, Optional[float]]] = None


def _init_worker(
    nlp: Language, triage: Optional[Triage], limits: Limits, batch_size: int, time_budget: Optional[float]
) -> None:
    global _WORKER
    _WORKER = (nlp, triage, limits, batch_size, time_budget)


def _work(task: list[tuple[int, Record, str]]) -> tuple[list[tuple[int, list[dict], list[dict], int, int]], list[dict]]:
    """Run one task in a worker: (index in the task, mentions, roles, words, pieces) of
    each processed record, and the error rows. The task's items are (position, record,
    mention-id prefix), numbered by the parent."""
    nlp, triage, limits, batch_size, time_budget = _WORKER  # type: ignore[misc]
    errors: list[dict] = []
    index_of = {id(record): index for index, (_, record, _) in enumerate(task)}
    items = [(position, (record, prefix)) for position, record, prefix in task]
    with memory_zone(nlp, len(task)):  # the strings of this task's texts are freed with it
        documents = [
            (index_of[id(document.record)], document.mentions, document.roles, document.words, document.pieces)
            for document in iter_documents(
                nlp,
                items,
                errors,
                batch_size=batch_size,
                triage=triage,
                limits=limits,
                numbered=True,
                mention_ids=GIVEN_MENTION_IDS,
                time_budget=time_budget,
            )
        ]
    return documents, errors


def _parallel_documents(
    nlp: Language,
    records: Iterable[Any],
    errors: list[dict],
    *,
    n_process: int,
    batch_size: int,
    triage: Optional[Triage],
    limits: Limits,
    numbered: bool,
    mention_ids: Optional[MentionIds] = None,
    stats: Optional[RunStats] = None,
    time_budget: Optional[float] = None,
) -> Iterator[Document]:
    """:func:`iter_documents` in ``n_process`` worker processes (see above), in input order.

    A worker that dies takes the pool down: the pool is started again, each death is
    logged as a warning (with the records sent again) and counted in
    ``stats.worker_deaths``."""
    items = records if numbered else enumerate(records)
    tasks = _tasks(items, batch_size, mention_ids if mention_ids is not None else MentionIds())
    resubmit: deque[list[tuple[int, Record, str]]] = deque()  # tasks to send again, before new ones
    in_flight: deque[tuple[list[tuple[int, Record, str]], Future]] = deque()
    alone = None  # the task run by itself after a worker died, to tell whether it was the cause
    deaths = 0
    executor: Optional[ProcessPoolExecutor] = None

    def start() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            n_process,
            mp_context=multiprocessing.get_context(_FORK),
            initializer=_init_worker,
            initargs=(nlp, triage, limits, batch_size, time_budget),
        )

    try:
        executor = start()
        while True:
            while alone is None and len(in_flight) < TASKS_PER_WORKER * n_process:
                task = resubmit.popleft() if resubmit else next(tasks, None)
                if task is None:
                    break
                in_flight.append((task, executor.submit(_work, task)))
            if not in_flight:
                break
            task, future = in_flight.popleft()
            try:
                documents, task_errors = future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory, a crash in native code) and took the
                # pool down. The oldest task runs again by itself: if it kills a worker again
                # its records are reported; the others are sent again after it.
                deaths += 1
                if stats is not None:
                    stats.worker_deaths += 1
                executor.shutdown(wait=True, cancel_futures=True)
                executor = start()
                others = [other for other, _ in in_flight]
                resubmit.extendleft(reversed(others))
                in_flight.clear()
                waiting = sum(len(other) for other in others)
                if alone is task and len(task) > 1:
                    # the batch is the cause: its records run again one per task (each alone
                    # in its turn), so that only a record that kills its worker is lost
                    alone = None
                    resubmit.extendleft(reversed([[item] for item in task]))
                    logger.warning(
                        "A worker process died again (worker deaths in this run: %d) while running a batch of %d "
                        "records alone: they are sent again one by one; the %d records of the %d other batches "
                        "in flight after them.",
                        deaths,
                        len(task),
                        waiting,
                        len(others),
                    )
                elif alone is task:
                    alone = None
                    errors.extend(_error_row(record, "pipeline", KILLED_WORKER) for _, record, _ in task)
                    logger.warning(
                        "A worker process died again (worker deaths in this run: %d) while running document %r "
                        "alone: it is reported in errors; the %d records of the %d other batches in flight are "
                        "sent again to new workers.",
                        deaths,
                        task[0][1].id,
                        waiting,
                        len(others),
                    )
                else:
                    alone = task
                    in_flight.append((task, executor.submit(_work, task)))
                    logger.warning(
                        "A worker process died (killed, out of memory or a crash; worker deaths in this run: %d): "
                        "%d records are sent again to new workers, the %d of the oldest batch first and alone (if "
                        "it kills its worker again, one by one), then the %d of %d other batches.",
                        deaths,
                        len(task) + waiting,
                        len(task),
                        waiting,
                        len(others),
                    )
                continue
            alone = None
            errors.extend(task_errors)
            for index, mentions, roles, words, pieces in documents:
                yield Document(task[index][1], mentions, roles, words, pieces)
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def _tasks(
    items: Iterable[tuple[int, Any]], size: int, mention_ids: MentionIds
) -> Iterator[list[tuple[int, Record, str]]]:
    """(position, Record, mention-id prefix) lists of ``size`` items."""
    task: list[tuple[int, Record, str]] = []
    for position, item in items:
        task.append((position, *mention_ids.take(item, position)))
        if len(task) == size:
            yield task
            task = []
    if task:
        yield task


@dataclass(frozen=True)
class _Piece:
    index: int  # in the stream sent to nlp.pipe
    position: int  # of the record in the input
    record: Record
    number: int
    count: int
    prefix: str  # of its mention ids


def process(
    nlp: Language,
    records: Iterable[RecordLike],
    errors: list[dict],
    *,
    n_process: int = 1,
    batch_size: int = BATCH_SIZE,
    triage: bool = False,
    limits: Limits = Limits(),
    time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
) -> Iterator[tuple[Record, Doc]]:
    """Yield (record, processed Doc) in input order; failures go to ``errors``.

    A split text (see the module docstring) gives one Doc per piece, each with
    ``doc.user_data[PIECE_KEY] == [number, count, start]``; export maps its offsets into
    the whole text, but each piece numbers its mentions from 0: use
    :func:`iter_documents` for rows of whole documents.
    """
    check_records(records)
    n_process = check_n_process(n_process)
    batch_size = check_count("batch_size", batch_size)
    chooser = Triage(nlp) if triage else None
    aborted: dict[int, tuple[Record, str, str]] = {}
    for piece, doc, failure in _pieces(
        nlp,
        records,
        errors,
        aborted,
        n_process=n_process,
        batch_size=batch_size,
        triage=chooser,
        limits=limits,
        time_budget=check_time_budget(time_budget),
    ):
        _report_aborted(aborted, errors)
        if doc is None:
            errors.append(_error_row(piece.record, *(failure or ("pipeline", LOST_IN_WORKER))))
        else:
            yield piece.record, doc
    _report_aborted(aborted, errors)


def _report_aborted(aborted: dict[int, tuple[Record, str, str]], errors: list[dict]) -> None:
    for position in list(aborted):
        errors.append(_error_row(*aborted.pop(position)))


def _pieces(
    nlp: Language,
    records: Iterable[Any],
    errors: list[dict],
    aborted: dict[int, tuple[Record, str, str]],
    *,
    n_process: int = 1,
    batch_size: int = BATCH_SIZE,
    triage: Optional[Triage] = None,
    limits: Limits = Limits(),
    numbered: bool = False,
    mention_ids: Union[MentionIds, _GivenMentionIds, None] = None,
    time_budget: Optional[float] = None,
) -> Iterator[tuple[_Piece, Optional[Doc], Optional[tuple[str, str]]]]:
    """Yield (piece, processed Doc, None) or (piece, None, (stage, reason)) in input order.

    Documents are tokenised here (so the record's date reaches the components as
    ``doc._.doc_date``); a component failing on one Doc drops it from the stream, which
    we notice and report instead of losing it silently. A record rejected before the
    model is reported in ``errors`` directly; one whose piece after the first cannot be
    tokenised is noted in ``aborted`` (position -> (record, stage, reason)) for the caller.
    ``time_budget`` holds for tokenising (with triage) each piece and for each batch sent
    through the pipeline (module docstring, "Time budget"), in one process only.
    """
    failures: dict[int, tuple[str, str]] = {}
    pending: deque[_Piece] = deque()
    budget = enforceable_budget(time_budget) if n_process == 1 else None

    def on_error(proc_name: str, proc: Any, docs: list[Doc], exc: Exception) -> None:
        for doc in docs:
            failures[doc.user_data.get(_INDEX_KEY, -1)] = ("pipeline", f"{proc_name}: {type(exc).__name__}: {exc}")

    # Our components have no error handler of their own, so nlp.pipe uses this one; the
    # model's own components keep spaCy's (raise), as their failures are bugs to see.
    # Worker processes cannot send a closure's findings back: they drop the document
    # quietly and the loss is reported below without the exception's text.
    previous_handler = nlp.default_error_handler
    nlp.default_error_handler = on_error if n_process == 1 else _drop_document

    ids = mention_ids if mention_ids is not None else MentionIds()

    def docs() -> Iterator[Doc]:
        index = 0
        items = records if numbered else enumerate(records)
        for position, item in items:
            record, prefix = ids.take(item, position)
            spans = _spans(record, errors, limits)
            for number, (start, end) in enumerate(spans):
                text = record.text if len(spans) == 1 else record.text[start:end]
                try:
                    with _deadline(budget):
                        doc = _make_doc(nlp, text, record.date, triage, start if len(spans) > 1 else None)
                except TimeBudgetExceeded:
                    stage, reason = _timeout(budget, "while tokenising (triage and tokenizer)")  # type: ignore[arg-type]
                    if number == 0:
                        errors.append(_error_row(record, stage, reason))
                    else:
                        aborted[position] = (record, stage, reason)
                    break
                except Exception as exc:  # a tokenizer failure must not stop the batch
                    reason = f"{type(exc).__name__}: {exc}"
                    if number == 0:
                        errors.append(_error_row(record, "tokenize", reason))
                    else:
                        aborted[position] = (record, "tokenize", reason)
                    break
                if len(spans) > 1:
                    doc.user_data[PIECE_KEY] = [number, len(spans), start]
                doc.user_data[_INDEX_KEY] = index
                pending.append(_Piece(index, position, record, number, len(spans), prefix))
                index += 1
                yield doc

    try:
        if n_process == 1:  # batches bounded in words too: the model's memory grows with a batch's words
            processed = chain.from_iterable(
                _through_pipeline(nlp, batch, failures, budget)
                for batch in word_batches(docs(), batch_size, BATCH_WORDS)
            )
        else:
            processed = nlp.pipe(docs(), batch_size=batch_size, n_process=n_process)
        for doc in processed:
            index = doc.user_data.get(_INDEX_KEY)
            while pending and pending[0].index != index:
                lost = pending.popleft()
                yield lost, None, failures.pop(lost.index, ("pipeline", LOST_IN_WORKER))
            if pending:
                yield pending.popleft(), doc, None
        while pending:
            lost = pending.popleft()
            yield lost, None, failures.pop(lost.index, ("pipeline", LOST_IN_WORKER))
    finally:
        nlp.default_error_handler = previous_handler


def _through_pipeline(
    nlp: Language,
    batch: list[Doc],
    failures: Optional[dict[int, tuple[str, str]]] = None,
    budget: Optional[float] = None,
) -> Iterator[Doc]:
    """The Docs of ``batch`` through the pipeline, in order, except the empty ones (a
    document triage kept nothing of: there is nothing to find in no words), which come
    back as they are, in their place. A Doc a component fails on is left out (the error
    handler reports it), and so is one that runs out of ``budget`` seconds (see
    :func:`_run_pipeline`; noted in ``failures``)."""
    empty = deque(doc for doc in batch if not len(doc))
    full = [doc for doc in batch if len(doc)]
    for doc in _run_pipeline(nlp, full, failures if failures is not None else {}, budget) if full else ():
        index = doc.user_data[_INDEX_KEY]
        while empty and empty[0].user_data[_INDEX_KEY] < index:
            yield empty.popleft()
        yield doc
    yield from empty


def _run_pipeline(
    nlp: Language, docs: list[Doc], failures: dict[int, tuple[str, str]], budget: Optional[float]
) -> Iterable[Doc]:
    """``nlp.pipe`` over one batch, within ``budget`` seconds when it is not None. A
    batch that runs out of it is done again one Doc at a time, each from a fresh Doc (the
    first try may have left some annotated) and with the same budget: only the Docs that
    run out of it alone are left out, their (stage, reason) noted in ``failures``."""
    if budget is None:
        return nlp.pipe(docs, batch_size=len(docs))
    before = [dict(doc.user_data) for doc in docs]  # what _make_doc set: index, offsets, date ...
    try:
        with _Deadline(budget):
            return list(nlp.pipe(docs, batch_size=len(docs)))
    except TimeBudgetExceeded:
        pass
    done: list[Doc] = []
    for doc, user_data in zip(docs, before):
        index = user_data[_INDEX_KEY]
        if len(docs) > 1:
            failures.pop(index, None)  # an error of the first try is found again, or not
            fresh = nlp.make_doc(doc.text)  # the text as tokenised before: the same tokens
            fresh.user_data.update(user_data)
            try:
                with _Deadline(budget):
                    done.extend(nlp.pipe([fresh], batch_size=1))
                continue
            except TimeBudgetExceeded:
                pass
        failures[index] = _timeout(budget, "in the pipeline")
    return done


def word_batches(docs: Iterable[Doc], max_docs: int, max_words: int) -> Iterator[list[Doc]]:
    """``docs`` in order, in lists of at most ``max_docs`` Docs and ``max_words`` tokens
    (a longer Doc is a batch by itself)."""
    batch: list[Doc] = []
    words = 0
    for doc in docs:
        if batch and (len(batch) == max_docs or words + len(doc) > max_words):
            yield batch
            batch, words = [], 0
        batch.append(doc)
        words += len(doc)
    if batch:
        yield batch


def _drop_document(proc_name: str, proc: Any, docs: list[Doc], exc: Exception) -> None:
    """Error handler for worker processes: the failed document is left out of the stream."""


def _spans(record: Record, errors: list[dict], limits: Limits) -> list[tuple[int, int]]:
    """(start, end) of the pieces of the record's text to process; [] after reporting
    why the text is not processed at all."""
    text = record.text
    if not isinstance(text, str) or not text.strip():
        errors.append(_error_row(record, "read", "the document has no text"))
        return []
    if len(text) > limits.max_doc_chars:
        errors.append(
            _error_row(record, "tokenize", f"too long: {len(text):,} characters, limit {limits.max_doc_chars:,}")
        )
        return []
    share = control_share(text)
    if share > MAX_CONTROL_SHARE:
        errors.append(
            _error_row(
                record,
                "read",
                f"binary data, not text: {share:.0%} of the characters are control characters "
                f"(limit {MAX_CONTROL_SHARE:.0%}); is this file a text document?",
            )
        )
        return []
    if len(text) > limits.max_chars:
        return split_text(text, limits.chunk_chars)
    if len(text) > limits.chunk_chars:
        spans, clean = _split(text, limits.chunk_chars)
        if not clean:  # a huge run with no paragraph or sentence break: the model chokes on it
            return spans
    return [(0, len(text))]


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
        raise ValueError(f"chunk_chars must be at least 2, got {chunk_chars}")
    spans = []
    clean = True
    start = 0
    length = len(text)
    while length - start > chunk_chars:
        low, high = start + chunk_chars // 2, start + chunk_chars
        cut = _last_after(text, _PARAGRAPH_BREAKS, low, high)
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


def _make_doc(nlp: Language, text: str, date: Optional[str], triage: Optional[Triage], start: Optional[int]) -> Doc:
    """The Doc sent to the model: the (triaged) text, dated, with offsets into the
    original document when ``text`` is the piece of it starting at ``start``; the
    pathological runs of the text broken up first (:func:`break_long_runs`)."""
    text = break_long_runs(text)
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


def _error_row(record: Record, stage: str, reason: str) -> dict:
    return {"doc_id": record.id, "source": record.source, "line": record.line, "stage": stage, "error": reason}


def is_retryable(error_row: Any) -> bool:
    """Whether the document of an error row (a dict, or a row of the errors table) was
    lost without being judged, so that a resumed run should do it again: it was lost with
    a worker process that died (:data:`WORKER_DIED`). Documents that ran out of their time
    budget, on which a component raised, or that could not be read are not retryable."""
    try:
        stage, error = error_row.get("stage"), error_row.get("error")
    except AttributeError:
        return False
    return stage == "pipeline" and error in RETRYABLE_ERRORS


# --- time budget -----------------------------------------------------------------------------


class TimeBudgetExceeded(BaseException):
    """Raised (by a SIGALRM handler) in the code that runs out of a document's time
    budget. A BaseException, so that spaCy's error handlers, which catch Exception, let
    it through to :mod:`pipeline.batch`."""


_CAN_TIME = hasattr(signal, "SIGALRM") and hasattr(signal, "setitimer")


def check_time_budget(time_budget: Any) -> Optional[float]:
    """``time_budget`` as seconds (a positive number), or None for no limit (also for
    infinity); anything else raises a TypeError or ValueError."""
    if time_budget is None:
        return None
    if isinstance(time_budget, bool) or not isinstance(time_budget, numbers.Real):
        raise TypeError(
            f"time_budget must be a number of seconds or None, got {time_budget!r} ({type(time_budget).__name__})."
        )
    seconds = float(time_budget)
    if not seconds > 0:  # also NaN
        raise ValueError(f"time_budget must be more than 0 seconds (or None for no limit), got {time_budget!r}.")
    return None if seconds == float("inf") else seconds


def enforceable_budget(time_budget: Optional[float]) -> Optional[float]:
    """``time_budget`` where this code can enforce it (a platform with SIGALRM, in the
    main thread of its process), else None."""
    if time_budget is None or not _CAN_TIME or threading.current_thread() is not threading.main_thread():
        return None
    return time_budget


class _Deadline:
    """``with _Deadline(seconds):`` raises :class:`TimeBudgetExceeded` in the block once
    ``seconds`` have passed (a one-shot ITIMER_REAL timer and a SIGALRM handler, main
    thread only). The previous SIGALRM handler is put back afterwards, and a timer that
    was running is set again to what was left of it."""

    __slots__ = ("seconds", "armed", "previous_handler", "previous_timer", "started")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = False

    def _expire(self, signum: int, frame: Any) -> None:
        if self.armed:  # a signal handled after the block ended is ignored
            self.armed = False
            raise TimeBudgetExceeded(self.seconds)

    def __enter__(self) -> _Deadline:
        self.previous_handler = signal.signal(signal.SIGALRM, self._expire)
        self.armed = True
        self.started = time.monotonic()
        self.previous_timer = signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        previous = self.previous_handler
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        delay, interval = self.previous_timer
        if delay > 0:
            left = delay - (time.monotonic() - self.started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6), interval)


def _deadline(seconds: Optional[float]) -> Any:
    return nullcontext() if seconds is None else _Deadline(seconds)


def _timeout(seconds: float, where: str) -> tuple[str, str]:
    """The (stage, reason) of an error row of a document out of its time budget."""
    return TIMEOUT_STAGE, (
        f"took more than {seconds:g} s (time budget; --time-budget) {where}; "
        "not processed (a budget exceeded is not retried)"
    )


# --- run.json ----------------------------------------------------------------------------


def run_info(nlp: Language, stats: RunStats, tables: Union[Tables, dict[str, int]], **settings: Any) -> dict:
    """What run.json records: counts, timings, model, versions and settings.

    ``tables`` is the run's Tables, or the row count of each table when the tables were
    written chunk by chunk.
    """
    if isinstance(tables, Tables):
        sizes = {name: len(df) for name, df in tables.items()}
    else:
        sizes = dict(tables)
    meta = nlp.meta
    extra = dict(stats.extra)
    counts = {
        "documents": stats.documents,
        "words": stats.words,
        **{name: sizes.get(name, 0) for name in ("mentions", "deals", "roles", "errors")},
        "split_documents": stats.split_documents,
        "worker_deaths": stats.worker_deaths,
        "timeouts": stats.timeouts,
        **extra.pop("counts", {}),
    }
    timings = {
        "seconds": round(stats.seconds, 3),
        "words_per_second": round(stats.words_per_second, 1),
        **extra.pop("timings", {}),
    }
    return {
        "counts": counts,
        "timings": timings,
        "model": {
            "name": f"{meta.get('lang', '')}_{meta.get('name', '')}",
            "version": meta.get("version"),
            "pipeline": nlp.pipe_names,
        },
        "versions": {
            "spacy_deals": __version__,
            "spacy": spacy.__version__,
            "python": platform.python_version(),
            "pandas": pd.__version__,
            "pyarrow": pyarrow.__version__,
        },
        "settings": settings,
        "command": sys.argv,
        **extra,
    }


def write_run_info(outdir: Path, info: dict) -> Path:
    """Write run.json atomically (a temporary file renamed into place)."""
    path = Path(outdir) / "run.json"
    atomic_write_text(path, json.dumps(info, indent=2, default=str))
    return path
