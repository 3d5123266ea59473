"""The batch job: records -> nlp.pipe -> rows -> Tables.

Every record ends up either in the outputs or in ``errors`` with the reason: a record
whose text cannot be tokenised, or on which a component fails, is reported, never lost.

Two ways to run it:

- :func:`extract` returns the four tables of the whole input, in memory (the Python API);
- :func:`extract_chunks` yields the rows chunk by chunk (``chunk_size`` input records at
  a time) and keeps nothing of earlier chunks: what ``spacy-deals extract`` uses, so that
  a run over millions of documents holds one chunk of rows at a time.

How a run goes is one :class:`~pipeline.options.Options` object (processes, batches,
chunks, triage, length limits, time budget). The layers below:

- :mod:`pipeline.records`: what a record may be, mention ids unique within a run;
- :mod:`pipeline.texts`: texts and their limits (long texts in pieces, binary data,
  pathological runs), the Doc sent to the model;
- :mod:`pipeline.documents`: records -> processed documents and their rows;
- :mod:`pipeline.workers`: worker processes (deaths, reruns) and the time budget.
"""

from __future__ import annotations

import gc
import json
import platform
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Optional, Union

import pandas as pd
import pyarrow
import spacy
from spacy.language import Language
from tqdm.auto import tqdm

from . import __version__
from .consolidate import consolidate
from .documents import Document, iter_documents, memory_zone
from .loader import load
from .options import BATCH_SIZE, DEFAULT_TIME_BUDGET, Options
from .records import MentionIds, RecordLike, check_records
from .schema import ERROR_COLUMNS, MENTION_COLUMNS, ROLE_COLUMNS
from .tables import Tables, atomic_write_text, concat, frame
from .texts import CHUNK_CHARS, MAX_CHARS, MAX_DOC_CHARS
from .triage import Triage
from .workers import KILLED_WORKER, TIMEOUT_STAGE, WORKER_DIED, is_retryable

# Also the batch job's: what a run's error rows say of documents lost with worker processes.
__all__ = [
    "KILLED_WORKER",
    "WORKER_DIED",
    "Chunk",
    "CountingIterator",
    "RunStats",
    "extract",
    "extract_chunks",
    "is_retryable",
    "long_lived_objects_frozen",
    "run_info",
    "tables_from_chunks",
    "write_run_info",
]


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

    def count(self, document: Document) -> None:
        """Count one processed document."""
        self.documents += 1
        self.words += document.words
        if document.pieces > 1:
            self.split_documents += 1


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
    longer than ``max_doc_chars`` and binary data are reported in ``errors``
    (:mod:`pipeline.texts`). A document taking more than ``time_budget`` seconds (None:
    no limit) is reported in ``errors`` (:mod:`pipeline.workers`, "Time budget"). The
    settings are those of :class:`~pipeline.options.Options`. Everything is kept in
    memory: for runs too large for that, use :func:`extract_chunks`.
    """
    check_records(records)
    options = Options(
        n_process=n_process,
        batch_size=batch_size,
        triage=triage,
        max_chars=max_chars,
        chunk_chars=chunk_chars,
        max_doc_chars=max_doc_chars,
        time_budget=time_budget,
        progress=progress,
    )
    # one chunk per chunk_size records, without memory zones: the Docs are gone once
    # their rows are made, and the strings stay for the next chunk's texts
    chunks = extract_chunks(records, options, nlp=nlp, model=model, errors=errors, stats=stats, memory_zones=False)
    return tables_from_chunks(list(chunks))


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
    options: Optional[Options] = None,
    *,
    nlp: Optional[Language] = None,
    model: Optional[str] = None,
    errors: Optional[list[dict]] = None,
    stats: Optional[RunStats] = None,
    memory_zones: bool = True,
    mention_ids: Optional[MentionIds] = None,
    **settings: Any,
) -> Iterator[Chunk]:
    """Run the pipeline over records and yield the rows chunk by chunk.

    ``options`` (an :class:`~pipeline.options.Options`; ``settings``, keywords naming
    its fields, change it: ``extract_chunks(records, nlp=nlp, chunk_size=100)``) says how.
    Each :class:`Chunk` holds the mentions, roles and errors of about ``chunk_size``
    input records (with one process: exactly ``chunk_size`` records per chunk, the last
    one fewer), plus the ids and dates of the documents it processed. Deals are not
    consolidated here: they need every mention (``consolidate`` over the chunks' mentions).

    ``errors`` is the list lazy readers append to: the rows in it are moved into the chunk
    that reports them, so the list stays short however long the run. ``stats`` is updated
    as the chunks go (documents, words, seconds, errors).

    With ``n_process=1`` each chunk runs inside ``nlp.memory_zone()`` (when
    ``memory_zones``; see :func:`pipeline.documents.memory_zone` for the first ones), so
    the strings and lexemes of its texts are freed with it and the memory a run uses does
    not grow with the number of documents. With several processes one set of worker
    processes serves the whole run (each worker frees the strings of every batch it does)
    and chunks are cut from its output.

    ``mention_ids`` numbers the records by id (:mod:`pipeline.records`); a resumed run
    passes one on which it called :meth:`MentionIds.skip` for each record it skips, so
    that mention ids are those of a fresh run.
    """
    # arguments are checked here, before any work (the rows come from a generator)
    check_records(records)
    options = Options.of(options, **settings)
    return _chunks(
        records,
        options,
        nlp=nlp,
        model=model,
        errors=errors if errors is not None else [],
        stats=stats or RunStats(),
        memory_zones=memory_zones,
        mention_ids=mention_ids if mention_ids is not None else MentionIds(),
    )


def _chunks(
    records: Iterable[RecordLike],
    options: Options,
    *,
    nlp: Optional[Language],
    model: Optional[str],
    errors: list[dict],
    stats: RunStats,
    memory_zones: bool,
    mention_ids: MentionIds,
) -> Iterator[Chunk]:
    """The generator of :func:`extract_chunks` (arguments checked)."""
    nlp = nlp or load(model)
    chooser = Triage(nlp) if options.triage else None
    started = time.perf_counter()
    numbered = enumerate(records)
    number = 0
    chunk_size = options.chunk_size

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

    def documents_of(items: Iterable[Any]) -> Iterator[Document]:
        for document in iter_documents(
            nlp, items, errors, options, triage=chooser, numbered=True, mention_ids=mention_ids, stats=stats
        ):
            stats.count(document)
            bar.update()
            yield document

    with _Progress(options.progress, stats, errors, started) as bar, long_lived_objects_frozen():
        if options.n_process == 1:
            while True:
                taken = CountingIterator(islice(numbered, chunk_size))
                with memory_zone(nlp, chunk_size) if memory_zones else nullcontext():
                    documents = list(documents_of(taken))
                if taken.count or errors:
                    yield chunk(documents)
                if taken.count < chunk_size:
                    break
        else:
            documents = []
            for document in documents_of(numbered):
                documents.append(document)
                if len(documents) >= chunk_size:
                    yield chunk(documents)
                    documents = []
            if documents or errors:
                yield chunk(documents)
    stats.seconds = time.perf_counter() - started


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


class CountingIterator:
    """An iterator that counts the items taken from it."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = iter(items)
        self.count = 0

    def __iter__(self) -> CountingIterator:
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
