"""The same extraction as :func:`pipeline.extract`, run on a Dask cluster.

Records are cut into partitions; each partition runs through
:func:`pipeline.batch.iter_documents` on a worker, which loads the spaCy pipeline once per
worker process (:func:`worker_nlp`) and sends back plain rows (dicts of strings and
numbers, never spaCy objects). The client stacks the rows in input order and
consolidates deals once over all mentions, so the four tables equal those of the local
run on the same records, row for row.

Where the records come from:

- a plain iterable of dicts, strings or :class:`~pipeline.readers.Record` objects:
  partitions are cut on the client and submitted as they are read (at most a few per
  worker thread wait at a time, so a long input is never held in memory whole);
- a ``dask.bag.Bag`` of such items, or a ``dask.dataframe.DataFrame`` with ``id`` and
  ``text`` columns (optional ``title``, ``date``): each partition becomes one task;
- :func:`run_extract_dask` reads input files lazily with
  :func:`pipeline.readers.iter_records` and writes OUTDIR as :func:`pipeline.run.run_extract` does.

Workers need this package and the spaCy model installed (the same versions as the
client); the nanny's default environment already sets ``OMP_NUM_THREADS=1``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import math
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Optional, Union

try:
    import dask
    import dask.bag as db
    from dask import delayed
except ImportError as err:  # dask is an optional extra
    raise ImportError("pipeline.dask needs Dask and distributed: pip install 'spacy-deals[dask]'") from err

from . import __version__
from .batch import (
    BATCH_SIZE,
    GIVEN_MENTION_IDS,
    Chunk,
    MentionIds,
    RecordLike,
    RunStats,
    as_record,
    iter_documents,
    memory_zone,
)
from .consolidate import consolidate
from .loader import default_model, load
from .readers import Record, normalise_date
from .run import RunOutput
from .schema import ERROR_COLUMNS, MENTION_COLUMNS, ROLE_COLUMNS
from .tables import Tables, frame

if TYPE_CHECKING:
    import pandas as pd
    from distributed import Client
    from spacy.language import Language

logger = logging.getLogger(__name__)

# Records per partition when the caller does not choose: a few seconds of model time,
# large enough that task overhead does not count, small enough to spread over workers.
PARTITION_SIZE = 200
# Partitions submitted but not finished, per worker thread, while reading input lazily.
IN_FLIGHT_PER_THREAD = 2
# How long a run waits with no worker in the cluster before it stops (ClusterLost), and
# how often it looks.
NO_WORKER_TIMEOUT = 120.0
WATCH_SECONDS = 5.0
KILLED_WORKER = (
    "this document killed the Dask worker processing it {n} times "
    "(distributed.scheduler.allowed-failures); rerun it with --engine local to see why"
)
# Columns of a DataFrame that become record fields.
FRAME_COLUMNS = ("id", "text", "title", "date")
# Id given on a worker to a record whose id is its position in the input (a string or a
# dict without "id") when the partition's offset is unknown (Bag, DataFrame); the client
# replaces it with the global position once it knows the partition sizes.
_POSITION_MARK = "\x00spacy-deals-position:"

# One lock per worker process: the pipeline is loaded once, and one partition at a time
# runs through it (batch.process swaps nlp's error handler, so two threads must not
# share it; with the GIL they would not run faster anyway).
_LOCK = threading.RLock()


# --- on the workers ---------------------------------------------------------------------


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
    triage: bool = True,
    batch_size: int = BATCH_SIZE,
    offset: Optional[int] = None,
    reader_errors: Sequence[tuple[int, dict]] = (),
) -> dict:
    """Rows of one partition: mentions, roles and errors as lists of dicts.

    ``offset`` is the global position of ``items[0]`` (None when unknown: see
    ``_POSITION_MARK``). ``reader_errors`` are (index, row) pairs of errors the readers
    reported before ``items[index]`` (index ``len(items)``: after the last one); they are
    put in the errors list at the moment that record is taken, as a lazy reader does in
    the local run, so errors come out in the same order.
    """
    # items numbered on the client come as (Record, mention-id prefix) pairs
    numbered = bool(items) and isinstance(items[0], tuple)
    records = [item[0] if numbered else _as_positioned_record(item, i, offset) for i, item in enumerate(items)]
    errors: list[dict] = []
    result = {
        "mentions": [],
        "roles": [],
        "errors": errors,
        "doc_dates": [],
        "doc_ids": [],
        "n_items": len(records),
        "positional": offset is None and any(r.id.startswith(_POSITION_MARK) for r in records),
        "documents": 0,
        "words": 0,
    }
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
                batch_size=batch_size,
                triage=triage,
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
    item = {key: value for key, value in row.items() if not _is_missing(value)}
    if isinstance(item.get("id"), float) and item["id"].is_integer():
        item["id"] = int(item["id"])  # an integer id in a column with gaps reads as float
    if "date" in item:
        item["date"] = normalise_date(item["date"])
    return item


def _is_missing(value: Any) -> bool:
    import pandas as pd

    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _as_positioned_record(item: RecordLike, index: int, offset: Optional[int]) -> Record:
    if offset is not None:
        return as_record(item, offset + index)
    record = as_record(item, index)
    if isinstance(item, str) or (isinstance(item, dict) and "id" not in item):
        record = dataclasses.replace(record, id=f"{_POSITION_MARK}{index}")
    return record


# --- on the client ----------------------------------------------------------------------


@dataclasses.dataclass
class _Chunk:
    """One partition cut on the client: records, the reader errors among them, its offset."""

    items: list
    reader_errors: list[tuple[int, dict]]
    offset: int


def extract_dask(
    records: Union[dask.dataframe.DataFrame, db.Bag, Iterable[RecordLike]],
    *,
    model: Optional[str] = None,
    client: Optional[Client] = None,
    npartitions: Optional[int] = None,
    triage: bool = True,
    batch_size: int = BATCH_SIZE,
) -> Tables:
    """:func:`pipeline.extract` on Dask: the same four tables, row for row.

    ``records`` is a ``dask.dataframe.DataFrame`` (columns ``id``, ``text``, optional
    ``title``, ``date``), a ``dask.bag.Bag`` or a plain iterable of dicts, strings or
    Records. ``client`` is a ``distributed.Client`` (by default the current one, if
    any; without one the partitions run on Dask's local process pool). ``npartitions``
    repartitions a Bag or DataFrame, or splits a plain iterable into that many
    partitions (by default: :data:`PARTITION_SIZE` records each).
    """
    settings = {"model": model, "triage": triage, "batch_size": batch_size}
    client = client if client is not None else _current_client()
    if _is_dataframe(records) or isinstance(records, db.Bag):
        results = _compute(client, _collection_tasks(records, npartitions, settings))
    else:
        size = PARTITION_SIZE
        if npartitions:
            records = list(records)
            size = max(1, math.ceil(len(records) / npartitions))
        chunks = _chunks(iter(records), [], size)
        if client is not None:
            results = list(_submit_streaming(client, chunks, settings))
        else:
            tasks = [
                delayed(extract_partition)(c.items, offset=c.offset, reader_errors=c.reader_errors, **settings)
                for c in chunks
            ]
            results = _compute(None, tasks)
    tables, _ = _assemble(results)
    return tables


def run_extract_dask(
    inputs: Iterable[Union[str, Path]],
    outdir: Union[str, Path],
    *,
    fmt: str = "parquet",
    model: Optional[str] = None,
    scheduler: Optional[str] = None,
    n_workers: int = 2,
    triage: bool = True,
    id_col: str = "id",
    text_col: str = "text",
    batch_size: int = BATCH_SIZE,
    partition_size: int = PARTITION_SIZE,
    resume: bool = False,
    no_worker_timeout: float = NO_WORKER_TIMEOUT,
) -> dict:
    """:func:`pipeline.run.run_extract` on Dask: read ``inputs``, extract, write ``outdir``.

    ``scheduler`` is the address of a running Dask scheduler ("tcp://10.0.0.5:8786");
    without one a ``LocalCluster`` of ``n_workers`` single-threaded worker processes is
    started for the run and closed after it. Returns what run.json records, with
    ``"engine": "dask"`` and the scheduler's address.

    OUTDIR is handled as by the local run (:class:`pipeline.run.RunOutput`): locked,
    never a file that is not ours replaced, rows written partition by partition under
    ``OUTDIR/.parts`` as they come back (in input order), ``resume`` carrying on where a
    stopped run ended. A partition whose worker keeps dying is run again record by
    record, and only the record that kills its worker is reported in errors. With no
    worker left for ``no_worker_timeout`` seconds (or the scheduler gone) the run stops
    with :class:`ClusterLost`; the rows written so far stay for ``resume``.
    """
    from distributed import Client, LocalCluster

    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, got {partition_size}.")
    started = time.perf_counter()
    with RunOutput(inputs, outdir, fmt=fmt, resume=resume) as output, ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
        else:
            cluster = stack.enter_context(
                LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
            )
            client = stack.enter_context(Client(cluster))
        startup = time.perf_counter() - started
        return _run_on(
            client,
            output,
            model=model,
            triage=triage,
            id_col=id_col,
            text_col=text_col,
            batch_size=batch_size,
            partition_size=partition_size,
            n_workers=None if scheduler else n_workers,
            startup=startup,
            no_worker_timeout=no_worker_timeout,
        )


def _run_on(
    client: Client,
    output: RunOutput,
    *,
    model: Optional[str],
    triage: bool,
    id_col: str,
    text_col: str,
    batch_size: int,
    partition_size: int,
    n_workers: Optional[int],
    startup: float,
    no_worker_timeout: float,
) -> dict:
    address = client.scheduler.address
    # Load the pipeline on one worker before reading anything: a missing package or
    # model is reported at once, and run.json gets the model's name and version.
    watch = _Watch(client, no_worker_timeout)
    model_meta = _first_model_info(client, model, watch)
    stats = RunStats()
    started = time.perf_counter()
    chunks = _Counting(
        _chunks(output.pending(id_col=id_col, text_col=text_col), output.errors, partition_size, output.mention_ids)
    )
    settings = {"model": model, "triage": triage, "batch_size": batch_size}
    for number, result in enumerate(_submit_streaming(client, chunks, settings, watch), start=1):
        chunk = _as_chunk(number, result)
        output.write(chunk)
        stats.documents += result["documents"]
        stats.words += result["words"]
        stats.errors += len(result["errors"])
        stats.seconds = time.perf_counter() - started
    loads = client.run(pipeline_loads)
    stats.extra = {
        "engine": "dask",
        "scheduler": address,
        "dask": {
            "workers": len(loads),
            "partitions": chunks.count,
            "partition_size": partition_size,
            "pipeline_loads": sum(loads.values()),
            "startup_seconds": round(startup, 3),
            "worker_versions": model_meta["versions"],
            "partitions_rerun_by_record": watch.split_partitions,
        },
        "counts": {"worker_deaths": watch.killed_tasks},
    }
    nlp_like = SimpleNamespace(meta=model_meta["meta"], pipe_names=model_meta["pipe_names"])
    return output.finish(
        nlp_like,
        stats,
        n_workers=n_workers,
        batch_size=batch_size,
        partition_size=partition_size,
        triage=triage,
        id_col=id_col,
        text_col=text_col,
    )


def _as_chunk(number: int, result: dict) -> Chunk:
    """One partition's rows as a chunk of the run's output."""
    return Chunk(
        number=number,
        mentions=frame(result["mentions"], MENTION_COLUMNS),
        roles=frame(result["roles"], ROLE_COLUMNS),
        errors=frame(result["errors"], ERROR_COLUMNS),
        doc_ids=list(result["doc_ids"]),
        doc_dates=dict(result["doc_dates"]),
        words=result["words"],
    )


def _first_model_info(client: Client, model: Optional[str], watch: _Watch) -> dict:
    from distributed import wait

    future = client.submit(model_info, model, pure=False)
    while True:
        try:
            wait([future], timeout=WATCH_SECONDS)
            break
        except (TimeoutError, asyncio.TimeoutError):
            watch.check()
    try:
        meta = future.result()
    except ImportError as err:
        raise RuntimeError(
            f"The Dask workers cannot import what spacy-deals needs ({err}). Install the same "
            "spacy-deals package and spaCy model on every worker as on this machine."
        ) from err
    import spacy

    here = {"spacy_deals": __version__, "spacy": spacy.__version__}
    if meta["versions"] != here:
        logger.warning(
            "The Dask workers run %s, this machine %s: results may differ from a local run.", meta["versions"], here
        )
    return meta


class _Counting:
    """An iterator that counts what went through it."""

    def __init__(self, items: Iterator) -> None:
        self.items = items
        self.count = 0

    def __iter__(self) -> _Counting:
        return self

    def __next__(self):
        item = next(self.items)
        self.count += 1
        return item


def _chunks(
    records: Iterator[RecordLike], errors: list[dict], size: int, mention_ids: Optional[MentionIds] = None
) -> Iterator[_Chunk]:
    """Cut records into partitions of ``size``, in order; with ``mention_ids``, the
    items are (Record, mention-id prefix) pairs numbered here, as the local run numbers
    them (ids unique within the run whatever the input ids).

    ``errors`` is the list a lazy reader appends to while ``records`` is read: each new
    error goes into the partition being filled, before the record read after it (or
    after the last record), so the worker can report it at the same point of the stream
    as the local run does. Errors alone (no record read) make a partition of their own.
    """
    items: list = []
    attached: list[tuple[int, dict]] = []
    offset = 0
    seen = 0
    for record in records:
        if len(errors) > seen:
            attached.extend((len(items), row) for row in errors[seen:])
            seen = len(errors)
        items.append(mention_ids.take(record, offset + len(items)) if mention_ids is not None else record)
        if len(items) == size:
            yield _Chunk(items, attached, offset)
            offset += len(items)
            items, attached = [], []
    attached.extend((len(items), row) for row in errors[seen:])
    if items or attached:
        yield _Chunk(items, attached, offset)


class ClusterLost(RuntimeError):
    """The Dask cluster has no worker left, or the scheduler is gone."""


class _Watch:
    """Notices a cluster without workers, and counts the tasks lost with dead workers."""

    def __init__(self, client: Client, timeout: float) -> None:
        self.client = client
        self.timeout = timeout
        self.since: Optional[float] = None
        self.killed_tasks = 0
        self.split_partitions = 0

    def check(self) -> None:
        """Raise :class:`ClusterLost` when no worker has been there for ``timeout`` s."""
        try:
            workers = len(self.client.scheduler_info().get("workers", {}))
        except Exception as err:  # the scheduler is gone
            raise ClusterLost(f"lost the Dask scheduler ({type(err).__name__}: {err})") from err
        if workers:
            self.since = None
            return
        now = time.monotonic()
        self.since = self.since or now
        if now - self.since >= self.timeout:
            raise ClusterLost(f"the Dask cluster has had no worker for {self.timeout:g} s")

    def killed(self, chunk: _Chunk) -> None:
        self.killed_tasks += 1
        then = "running its records one by one" if len(chunk.items) > 1 else "reporting it in errors"
        logger.warning(
            "Dask workers died %d times running a partition of %d record(s) (from position %d): %s",
            _deaths_allowed(),
            len(chunk.items),
            chunk.offset,
            then,
        )


def _deaths_allowed() -> int:
    """How many worker deaths make Dask give up on a task (allowed-failures + 1)."""
    return int(dask.config.get("distributed.scheduler.allowed-failures", 3)) + 1


def _submit_streaming(
    client: Client, chunks: Iterable[_Chunk], settings: dict, watch: Optional[_Watch] = None
) -> Iterator[dict]:
    """Submit partitions as they are cut, a bounded number at a time; yield the results
    in input order, as soon as each is there.

    A partition whose task kills its worker again and again (Dask gives up after
    ``distributed.scheduler.allowed-failures`` deaths: ``KilledWorker``) is run again one
    record per task, and a record that still kills its worker becomes an error row: one
    bad document costs only itself.
    """
    from distributed import KilledWorker, wait
    from distributed.client import FutureCancelledError

    watch = watch or _Watch(client, NO_WORKER_TIMEOUT)
    limit = max(2, IN_FLIGHT_PER_THREAD * sum(client.nthreads().values()))
    running: dict[Any, tuple[int, _Chunk]] = {}
    done: dict[int, dict] = {}
    parts: dict[int, list[Optional[dict]]] = {}  # partition run record by record -> its results
    wanted = 0

    def submit(index: int, chunk: _Chunk, piece: Optional[int] = None) -> None:
        future = client.submit(
            extract_partition,
            chunk.items,
            offset=chunk.offset,
            reader_errors=chunk.reader_errors,
            pure=False,
            **settings,
        )
        running[future] = (index, chunk) if piece is None else (index, chunk, piece)

    def collect(return_when: str) -> None:
        while True:
            try:
                finished, _ = wait(list(running), timeout=WATCH_SECONDS, return_when=return_when)
            except (TimeoutError, asyncio.TimeoutError):
                finished = set()
            if finished:
                break
            watch.check()
        for future in finished:
            index, chunk, *piece = running.pop(future)
            try:
                result = future.result()
            except (KilledWorker, FutureCancelledError) as err:
                if isinstance(err, FutureCancelledError):
                    watch.check()
                    raise ClusterLost(f"a partition was cancelled ({err})") from err
                watch.killed(chunk)
                if piece:
                    result = _killed_record_result(chunk)
                elif len(chunk.items) > 1:
                    watch.split_partitions += 1
                    singles = _single_records(chunk)
                    parts[index] = [None] * len(singles)
                    for number, single in enumerate(singles):
                        submit(index, single, number)
                    continue
                else:
                    result = _killed_record_result(chunk)
            finally:
                future.release()
            if piece:
                parts[index][piece[0]] = result
                if all(value is not None for value in parts[index]):
                    done[index] = _merge_results(parts.pop(index))
            else:
                done[index] = result

    try:
        for index, chunk in enumerate(chunks):
            submit(index, chunk)
            while len(running) >= limit:
                collect("FIRST_COMPLETED")
                while wanted in done:
                    yield done.pop(wanted)
                    wanted += 1
        while running:
            collect("FIRST_COMPLETED")
            while wanted in done:
                yield done.pop(wanted)
                wanted += 1
    except BaseException:
        try:
            client.cancel(list(running))
        except Exception:
            pass
        raise


def _single_records(chunk: _Chunk) -> list[_Chunk]:
    """A partition cut into one-record partitions, each with the reader errors read
    before its record (the last one also those read after)."""
    singles = []
    for index, item in enumerate(chunk.items):
        errors = [(0, row) for at, row in chunk.reader_errors if at == index]
        if index == len(chunk.items) - 1:
            errors += [(1, row) for at, row in chunk.reader_errors if at > index]
        singles.append(_Chunk([item], errors, chunk.offset + index))
    return singles


def _killed_record_result(chunk: _Chunk) -> dict:
    """The result of a one-record partition whose record kept killing its worker."""
    item = chunk.items[0]
    record = item[0] if isinstance(item, tuple) else as_record(item, chunk.offset)
    errors = [row for at, row in chunk.reader_errors if at == 0]
    errors.append(
        {
            "doc_id": record.id,
            "source": record.source,
            "line": record.line,
            "stage": "pipeline",
            "error": KILLED_WORKER.format(n=_deaths_allowed()),
        }
    )
    errors += [row for at, row in chunk.reader_errors if at > 0]
    return {
        "mentions": [],
        "roles": [],
        "errors": errors,
        "doc_dates": [],
        "doc_ids": [],
        "n_items": 1,
        "positional": False,
        "documents": 0,
        "words": 0,
    }


def _merge_results(results: list[dict]) -> dict:
    """The results of consecutive partitions as one."""
    merged = {
        "mentions": [],
        "roles": [],
        "errors": [],
        "doc_dates": [],
        "doc_ids": [],
        "n_items": 0,
        "positional": False,
        "documents": 0,
        "words": 0,
    }
    for result in results:
        for key in ("mentions", "roles", "errors", "doc_dates", "doc_ids"):
            merged[key].extend(result[key])
        for key in ("n_items", "documents", "words"):
            merged[key] += result[key]
    return merged


def _collection_tasks(records: Any, npartitions: Optional[int], settings: dict) -> list:
    """One delayed task per partition of a Bag or DataFrame."""
    if npartitions:
        records = records.repartition(npartitions=npartitions)
    if isinstance(records, db.Bag):
        return [delayed(extract_partition)(part, **settings) for part in records.to_delayed()]
    if "text" not in records.columns:
        raise ValueError(f"The DataFrame has no 'text' column (it has {', '.join(map(str, records.columns))}).")
    columns = [column for column in FRAME_COLUMNS if column in records.columns]
    return [delayed(extract_frame_partition)(part, **settings) for part in records[columns].to_delayed()]


def _compute(client: Optional[Client], tasks: list) -> list[dict]:
    if not tasks:
        return []
    if client is not None:
        return client.gather(client.compute(tasks))
    # No cluster: Dask's configured scheduler, else its local process pool (threads
    # would take turns on the one pipeline of the process).
    return list(dask.compute(*tasks, scheduler=dask.config.get("scheduler", None) or "processes"))


def _current_client() -> Optional[Client]:
    try:
        from distributed import get_client
    except ImportError:
        return None
    try:
        return get_client()
    except ValueError:  # no client in this process
        return None


def _is_dataframe(records: Any) -> bool:
    # dask.dataframe is only imported by whoever built a DataFrame: no need to load it here.
    dd = sys.modules.get("dask.dataframe")
    return dd is not None and isinstance(records, dd.DataFrame)


def _assemble(results: list[dict]) -> tuple[Tables, dict]:
    """Stack partition rows in order, consolidate deals once; also documents and words."""
    mentions: list[dict] = []
    roles: list[dict] = []
    errors: list[dict] = []
    doc_dates: dict[str, str] = {}
    counts = {"documents": 0, "words": 0}
    start = 0
    for result in results:
        if result["positional"]:
            _number_positions(result, start)
        start += result["n_items"]
        mentions.extend(result["mentions"])
        roles.extend(result["roles"])
        errors.extend(result["errors"])
        doc_dates.update(result["doc_dates"])
        counts["documents"] += result["documents"]
        counts["words"] += result["words"]
    mention_table = frame(mentions, MENTION_COLUMNS)
    tables = Tables(
        mentions=mention_table,
        deals=consolidate(mention_table, doc_dates),
        roles=frame(roles, ROLE_COLUMNS),
        errors=frame(errors, ERROR_COLUMNS),
    )
    return tables, counts


def _number_positions(result: dict, start: int) -> None:
    """Replace the position marks of one partition by global positions."""

    def global_id(doc_id: Any) -> Any:
        if isinstance(doc_id, str) and doc_id.startswith(_POSITION_MARK):
            return str(start + int(doc_id[len(_POSITION_MARK) :]))
        return doc_id

    for row in result["mentions"]:
        old = row["doc_id"]
        row["doc_id"] = global_id(old)
        if row["doc_id"] != old and isinstance(row.get("mention_id"), str):
            row["mention_id"] = row["doc_id"] + row["mention_id"][len(old) :]
    for row in (*result["roles"], *result["errors"]):
        row["doc_id"] = global_id(row["doc_id"])
    result["doc_dates"] = [(global_id(doc_id), date) for doc_id, date in result["doc_dates"]]
