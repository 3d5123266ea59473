"""What runs on a Dask worker: the pipeline of its process, and one partition's rows.

:func:`extract_partition` runs one partition of records through
:func:`pipeline.documents.iter_documents`, with the pipeline loaded once per worker
process (:func:`worker_nlp`), and returns plain rows (dicts of strings and numbers,
never spaCy objects) for the client (:mod:`pipeline.dask`) to stack in input order.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Optional

from . import __version__
from .dates import normalise_date
from .documents import iter_documents, memory_zone
from .loader import default_model, load
from .options import Options
from .readers import Record
from .records import GIVEN_MENTION_IDS, RecordLike, as_record
from .schema import is_missing

if TYPE_CHECKING:
    import pandas as pd
    from spacy.language import Language

# Columns of a DataFrame that become record fields.
FRAME_COLUMNS = ("id", "text", "title", "date")
# Id given on a worker to a record whose id is its position in the input (a string or a
# dict without "id") when the partition's offset is unknown (Bag, DataFrame); the client
# replaces it with the global position once it knows the partition sizes.
POSITION_MARK = "\x00spacy-deals-position:"

# One lock per worker process: the pipeline is loaded once, and one partition at a time
# runs through it (pipeline.documents swaps nlp's error handler, so two threads must not
# share it; with the GIL they would not run faster anyway).
_LOCK = threading.RLock()


@cache
def _load_once(model: str) -> Language:
    return load(model)


def worker_nlp(model: Optional[str] = None) -> Language:
    """The pipeline of this process, loaded on first use and kept for later tasks."""
    name = model or default_model()
    with _LOCK:
        return _load_once(name)


def pipeline_loads() -> int:
    """How many times this process has loaded a pipeline (for ``client.run``)."""
    return _load_once.cache_info().misses


def model_info(model: Optional[str] = None) -> dict:
    """What run.json records about the pipeline, as loaded on a worker, and its versions."""
    import spacy

    nlp = worker_nlp(model)
    return {
        "meta": dict(nlp.meta),
        "pipe_names": list(nlp.pipe_names),
        "versions": {"spacy_deals": __version__, "spacy": spacy.__version__},
    }


def extract_partition(
    items: Sequence[RecordLike],
    *,
    model: Optional[str] = None,
    options: Optional[Options] = None,
    offset: Optional[int] = None,
    reader_errors: Sequence[tuple[int, dict]] = (),
) -> dict:
    """Rows of one partition: mentions, roles and errors as lists of dicts.

    ``options`` are the run's (:class:`~pipeline.options.Options`; a partition runs in
    one process, and the time budget does not hold in a Dask worker's thread).
    ``offset`` is the global position of ``items[0]`` (None when unknown: see
    ``POSITION_MARK``). ``reader_errors`` are (index, row) pairs of errors the readers
    reported before ``items[index]`` (index ``len(items)``: after the last one); they are
    put in the errors list at the moment that record is taken, as a lazy reader does in
    the local run, so errors come out in the same order.
    """
    # items numbered on the client come as (Record, mention-id prefix) pairs
    numbered = bool(items) and isinstance(items[0], tuple)
    records = [item[0] if numbered else _as_positioned_record(item, i, offset) for i, item in enumerate(items)]
    positional = offset is None and any(r.id.startswith(POSITION_MARK) for r in records)
    result = empty_result(len(records), positional)
    errors: list[dict] = result["errors"]
    if not records:
        errors.extend(row for _, row in reader_errors)
        return result

    def stream() -> Iterator[Any]:
        pending = iter(reader_errors)
        upcoming = next(pending, None)
        for index, record in enumerate(records):
            while upcoming is not None and upcoming[0] <= index:
                errors.append(upcoming[1])
                upcoming = next(pending, None)
            yield (index, items[index]) if numbered else (index, record)
        while upcoming is not None:
            errors.append(upcoming[1])
            upcoming = next(pending, None)

    with _LOCK:
        nlp = worker_nlp(model)
        # whole documents: the pieces of a long text are put back together as locally; the
        # strings of the partition's texts are freed with it (a worker lives long)
        with memory_zone(nlp, len(records)):
            for document in iter_documents(
                nlp,
                stream(),
                errors,
                Options.of(options, n_process=1),
                numbered=True,
                mention_ids=GIVEN_MENTION_IDS if numbered else None,
            ):
                record = document.record
                result["documents"] += 1
                result["words"] += document.words
                result["doc_ids"].append(record.id)
                if record.date:
                    result["doc_dates"].append((record.id, record.date))
                result["mentions"].extend(document.mentions)
                result["roles"].extend(document.roles)
    return result


def extract_frame_partition(part: pd.DataFrame, **settings: Any) -> dict:
    """:func:`extract_partition` over the rows of one DataFrame partition."""
    columns = [column for column in FRAME_COLUMNS if column in part.columns]
    items = [_row_record(row) for row in part[columns].to_dict("records")]
    return extract_partition(items, **settings)


def _row_record(row: dict) -> dict:
    """A DataFrame row as a record dict: missing values left out, dates as ISO strings."""
    item = {key: value for key, value in row.items() if not is_missing(value)}
    if isinstance(item.get("id"), float) and item["id"].is_integer():
        item["id"] = int(item["id"])  # an integer id in a column with gaps reads as float
    if "date" in item:
        item["date"] = normalise_date(item["date"])
    return item


def _as_positioned_record(item: RecordLike, index: int, offset: Optional[int]) -> Record:
    if offset is not None:
        return as_record(item, offset + index)
    record = as_record(item, index)
    if isinstance(item, str) or (isinstance(item, dict) and "id" not in item):
        record = dataclasses.replace(record, id=f"{POSITION_MARK}{index}")
    return record


def empty_result(n_items: int = 0, positional: bool = False) -> dict:
    """The result of a partition before any document is in it (what
    :func:`extract_partition` returns: plain lists and numbers, never spaCy objects)."""
    return {
        "mentions": [],
        "roles": [],
        "errors": [],
        "doc_dates": [],
        "doc_ids": [],
        "n_items": n_items,
        "positional": positional,
        "documents": 0,
        "words": 0,
    }
