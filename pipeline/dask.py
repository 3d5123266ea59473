"""The same extraction as :func:`pipeline.extract`, run on a Dask cluster.

Records are cut into partitions; each partition runs through
:func:`pipeline.dask_worker.extract_partition` on a worker, which loads the spaCy
pipeline once per worker process and sends back plain rows (dicts of strings and
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
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
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
from .batch import Chunk, CountingIterator, RunStats
from .consolidate import consolidate
from .dask_worker import (
    FRAME_COLUMNS,
    POSITION_MARK,
    empty_result,
    extract_frame_partition,
    extract_partition,
    model_info,
    pipeline_loads,
)
from .errors import Errors
from .options import Options, check_count
from .records import MentionIds, RecordLike, as_record
from .run import RunOutput
from .schema import ERROR_COLUMNS, MENTION_COLUMNS, ROLE_COLUMNS
from .tables import Tables, frame
from .texts import record_error

if TYPE_CHECKING:
    from distributed import Client

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
# Options of the local run that a Dask run does not use: its workers are n_workers (or
# the cluster's) and its partitions partition_size records.
_LOCAL_ONLY = ("n_process", "chunk_size")
KILLED_DASK_WORKER = (
    "this document killed the Dask worker processing it {n} times "
    "(distributed.scheduler.allowed-failures); rerun it with --engine local to see why"
)
# --- on the client ----------------------------------------------------------------------


@dataclasses.dataclass
class _Partition:
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
    options: Optional[Options] = None,
    **settings: Any,
) -> Tables:
    """:func:`pipeline.extract` on Dask: the same four tables, row for row.

    ``records`` is a ``dask.dataframe.DataFrame`` (columns ``id``, ``text``, optional
    ``title``, ``date``), a ``dask.bag.Bag`` or a plain iterable of dicts, strings or
    Records. ``client`` is a ``distributed.Client`` (by default the current one, if
    any; without one the partitions run on Dask's local process pool). ``npartitions``
    repartitions a Bag or DataFrame, or splits a plain iterable into that many
    partitions (by default: :data:`PARTITION_SIZE` records each). ``options`` (an
    :class:`~pipeline.options.Options`, changed by ``settings`` naming its fields) are
    those of the local run; ``n_process`` does not apply (each partition runs in one
    process of a worker).
    """
    settings = {"model": model, "options": Options.of(options, **settings)}
    client = client if client is not None else _current_client()
    if _is_dataframe(records) or isinstance(records, db.Bag):
        results = _compute(client, _collection_tasks(records, npartitions, settings))
    else:
        size = PARTITION_SIZE
        if npartitions:
            records = list(records)
            size = max(1, math.ceil(len(records) / npartitions))
        chunks = _partitions(iter(records), [], size)
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
    options: Optional[Options] = None,
    *,
    fmt: str = "parquet",
    model: Optional[str] = None,
    scheduler: Optional[str] = None,
    n_workers: int = 2,
    id_col: str = "id",
    text_col: str = "text",
    partition_size: int = PARTITION_SIZE,
    resume: bool = False,
    no_worker_timeout: float = NO_WORKER_TIMEOUT,
    **settings: Any,
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
    with :class:`ClusterLost`; the rows written so far stay for ``resume``. ``options``
    (changed by ``settings`` naming its fields) are those of the local run
    (:class:`~pipeline.options.Options`); its ``n_process`` does not apply: the workers
    are ``n_workers`` (or the cluster's).
    """
    from distributed import Client, LocalCluster

    options = Options.of(options, **settings)
    partition_size = check_count("partition_size", partition_size)
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
            options=options,
            id_col=id_col,
            text_col=text_col,
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
    options: Options,
    id_col: str,
    text_col: str,
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
    chunks = CountingIterator(
        _partitions(output.pending(id_col=id_col, text_col=text_col), output.errors, partition_size, output.mention_ids)
    )
    settings = {"model": model, "options": options}
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
        **{name: value for name, value in options.settings().items() if name not in _LOCAL_ONLY},
        n_workers=n_workers,
        partition_size=partition_size,
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


def _partitions(
    records: Iterator[RecordLike], errors: list[dict], size: int, mention_ids: Optional[MentionIds] = None
) -> Iterator[_Partition]:
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
            yield _Partition(items, attached, offset)
            offset += len(items)
            items, attached = [], []
    attached.extend((len(items), row) for row in errors[seen:])
    if items or attached:
        yield _Partition(items, attached, offset)


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
            raise ClusterLost(Errors.E315.format(problem=f"lost its scheduler ({type(err).__name__}: {err})")) from err
        if workers:
            self.since = None
            return
        now = time.monotonic()
        self.since = self.since or now
        if now - self.since >= self.timeout:
            raise ClusterLost(Errors.E315.format(problem=f"has had no worker for {self.timeout:g} s"))

    def killed(self, chunk: _Partition) -> None:
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
    client: Client, chunks: Iterable[_Partition], settings: dict, watch: Optional[_Watch] = None
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
    running: dict[Any, tuple[int, _Partition]] = {}
    done: dict[int, dict] = {}
    parts: dict[int, list[Optional[dict]]] = {}  # partition run record by record -> its results
    wanted = 0

    def submit(index: int, chunk: _Partition, piece: Optional[int] = None) -> None:
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
                    raise ClusterLost(Errors.E315.format(problem=f"cancelled a partition ({err})")) from err
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


def _single_records(chunk: _Partition) -> list[_Partition]:
    """A partition cut into one-record partitions, each with the reader errors read
    before its record (the last one also those read after)."""
    singles = []
    for index, item in enumerate(chunk.items):
        errors = [(0, row) for at, row in chunk.reader_errors if at == index]
        if index == len(chunk.items) - 1:
            errors += [(1, row) for at, row in chunk.reader_errors if at > index]
        singles.append(_Partition([item], errors, chunk.offset + index))
    return singles


def _killed_record_result(chunk: _Partition) -> dict:
    """The result of a one-record partition whose record kept killing its worker."""
    item = chunk.items[0]
    record = item[0] if isinstance(item, tuple) else as_record(item, chunk.offset)
    result = empty_result(n_items=1)
    result["errors"] = [
        *(row for at, row in chunk.reader_errors if at == 0),
        record_error(record, "pipeline", KILLED_DASK_WORKER.format(n=_deaths_allowed())),
        *(row for at, row in chunk.reader_errors if at > 0),
    ]
    return result


def _merge_results(results: list[dict]) -> dict:
    """The results of consecutive partitions as one."""
    merged = empty_result()
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
        raise ValueError(Errors.E007.format(columns=", ".join(map(str, records.columns))))
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
        if isinstance(doc_id, str) and doc_id.startswith(POSITION_MARK):
            return str(start + int(doc_id[len(POSITION_MARK) :]))
        return doc_id

    for row in result["mentions"]:
        old = row["doc_id"]
        row["doc_id"] = global_id(old)
        if row["doc_id"] != old and isinstance(row.get("mention_id"), str):
            row["mention_id"] = row["doc_id"] + row["mention_id"][len(old) :]
    for row in (*result["roles"], *result["errors"]):
        row["doc_id"] = global_id(row["doc_id"])
    result["doc_dates"] = [(global_id(doc_id), date) for doc_id, date in result["doc_dates"]]
