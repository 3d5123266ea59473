"""The batch job: records -> nlp.pipe -> rows -> Tables.

Every record ends up either in the outputs or in ``errors`` with the reason: a record
whose text cannot be tokenised, or on which a component fails, is reported, never lost.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

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
from .triage import OFFSETS_KEY, WORDS_KEY, Triage
from .tables import Tables, frame

RecordLike = Union[str, dict, Record]
# Keys of Doc.user_data under which a document carries its record through nlp.pipe.
_INDEX_KEY = "spacy_deals_index"
# Longest document (in characters) sent to the model whole; spaCy refuses more by default.
MAX_CHARS = 1_000_000
LOST_IN_WORKER = "a pipeline component failed on this document in a worker process (rerun with --n-process 1 to see the exception)"


@dataclass
class RunStats:
    """Counts and timings of one run (written to run.json)."""

    documents: int = 0
    words: int = 0
    seconds: float = 0.0
    errors: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


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


def extract(
    records: Iterable[RecordLike],
    *,
    nlp: Optional[Language] = None,
    model: Optional[str] = None,
    n_process: int = 1,
    batch_size: int = 32,
    errors: Optional[list[dict]] = None,
    progress: bool = False,
    stats: Optional[RunStats] = None,
    triage: bool = True,
) -> Tables:
    """Run the pipeline over records and return the four tables.

    ``records`` are strings, dicts with ``id``/``text`` (optional ``title``, ``date``) or
    :class:`Record` objects; ``errors`` may hold rows the readers already reported.
    ``triage`` sends only the paragraphs with deal or role cue words through the model
    (pipeline/triage.py); turn it off to run the model on every word.
    """
    nlp = nlp or load(model)
    # the caller's list: lazy readers keep adding to it while the run goes on
    errors = errors if errors is not None else []
    stats = stats or RunStats()
    mentions: list[dict] = []
    roles: list[dict] = []
    doc_dates: dict[str, str] = {}
    started = time.perf_counter()
    docs = process(nlp, records, errors, n_process=n_process, batch_size=batch_size, triage=triage)
    bar = tqdm(docs, desc="documents", unit="doc", disable=not progress, dynamic_ncols=True)
    for record, doc in bar:
        stats.documents += 1
        stats.words += doc.user_data.get(WORDS_KEY, len(doc))
        if record.date:
            doc_dates[record.id] = record.date
        mentions.extend(mention_rows(doc, record.id))
        roles.extend(role_rows(doc, record.id))
        if progress and stats.documents % 20 == 0:
            elapsed = time.perf_counter() - started
            bar.set_postfix(words_s=f"{stats.words / elapsed:,.0f}", errors=len(errors), refresh=False)
    stats.seconds = time.perf_counter() - started
    stats.errors = len(errors)
    mention_table = frame(mentions, MENTION_COLUMNS)
    return Tables(
        mentions=mention_table,
        deals=consolidate(mention_table, doc_dates),
        roles=frame(roles, ROLE_COLUMNS),
        errors=frame(errors, ERROR_COLUMNS),
    )


def process(
    nlp: Language,
    records: Iterable[RecordLike],
    errors: list[dict],
    *,
    n_process: int = 1,
    batch_size: int = 32,
    triage: bool = False,
) -> Iterator[tuple[Record, Doc]]:
    """Yield (record, processed Doc) in input order; failures go to ``errors``.

    Documents are tokenised here (so the record's date reaches the components as
    ``doc._.doc_date``); a component failing on one document drops that document from
    the stream, which we notice and report instead of losing it silently.
    """
    chooser = Triage(nlp) if triage else None
    failures: dict[int, str] = {}
    pending: deque[tuple[int, Record]] = deque()

    def on_error(proc_name: str, proc: Any, docs: list[Doc], exc: Exception) -> None:
        for doc in docs:
            failures[doc.user_data.get(_INDEX_KEY, -1)] = f"{proc_name}: {type(exc).__name__}: {exc}"

    # Our components have no error handler of their own, so nlp.pipe uses this one; the
    # model's own components keep spaCy's (raise), as their failures are bugs to see.
    # Worker processes cannot send a closure's findings back: they drop the document
    # quietly and the loss is reported below without the exception's text.
    previous_handler = nlp.default_error_handler
    nlp.default_error_handler = on_error if n_process == 1 else _drop_document

    def docs() -> Iterator[Doc]:
        for position, item in enumerate(records):
            record = as_record(item, position)
            doc = _make_doc(nlp, record, errors, chooser)
            if doc is None:
                continue
            doc.user_data[_INDEX_KEY] = position
            pending.append((position, record))
            yield doc

    try:
        for doc in nlp.pipe(docs(), batch_size=batch_size, n_process=n_process):
            position = doc.user_data.get(_INDEX_KEY)
            while pending and pending[0][0] != position:
                lost_position, lost = pending.popleft()
                errors.append(_error_row(lost, "pipeline", failures.pop(lost_position, LOST_IN_WORKER)))
            if pending:
                yield pending.popleft()[1], doc
        while pending:
            lost_position, lost = pending.popleft()
            errors.append(_error_row(lost, "pipeline", failures.pop(lost_position, LOST_IN_WORKER)))
    finally:
        nlp.default_error_handler = previous_handler


def _drop_document(proc_name: str, proc: Any, docs: list[Doc], exc: Exception) -> None:
    """Error handler for worker processes: the failed document is left out of the stream."""


def _make_doc(nlp: Language, record: Record, errors: list[dict], triage: Optional[Triage] = None) -> Optional[Doc]:
    text = record.text
    if not isinstance(text, str) or not text.strip():
        errors.append(_error_row(record, "read", "the document has no text"))
        return None
    if len(text) > MAX_CHARS:
        errors.append(_error_row(record, "tokenize", f"the document has {len(text):,} characters, more than the limit of {MAX_CHARS:,}"))
        return None
    try:
        if triage is None:
            doc = nlp.make_doc(text)
        else:
            selection = triage.select(text)
            doc = nlp.make_doc(selection.text)
            doc.user_data[OFFSETS_KEY] = [list(piece) for piece in selection.pieces]
            doc.user_data[WORDS_KEY] = selection.tokens
    except Exception as exc:  # a tokenizer failure must not stop the batch
        errors.append(_error_row(record, "tokenize", f"{type(exc).__name__}: {exc}"))
        return None
    doc._.doc_date = record.date
    return doc


def _error_row(record: Record, stage: str, reason: str) -> dict:
    return {"doc_id": record.id, "source": record.source, "line": record.line, "stage": stage, "error": reason}


def run_info(nlp: Language, stats: RunStats, tables: Tables, **settings: Any) -> dict:
    """What run.json records: counts, timings, model and versions."""
    meta = nlp.meta
    return {
        "counts": {
            "documents": stats.documents,
            "words": stats.words,
            "mentions": len(tables.mentions),
            "deals": len(tables.deals),
            "roles": len(tables.roles),
            "errors": len(tables.errors),
        },
        "timings": {"seconds": round(stats.seconds, 3), "words_per_second": round(stats.words_per_second, 1)},
        "model": {"name": f"{meta.get('lang', '')}_{meta.get('name', '')}", "version": meta.get("version"), "pipeline": nlp.pipe_names},
        "versions": {"spacy_deals": __version__, "spacy": spacy.__version__, "python": platform.python_version()},
        "settings": settings,
        "command": sys.argv,
        **stats.extra,
    }


def write_run_info(outdir: Path, info: dict) -> Path:
    path = Path(outdir) / "run.json"
    path.write_text(json.dumps(info, indent=2, default=str), encoding="utf8")
    return path
