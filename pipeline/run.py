"""Whole runs as the command line starts them: read inputs, extract, write OUTDIR.

A run writes its rows as it goes, one chunk of ``chunk_size`` input records at a time,
and puts the final tables together at the end::

    OUTDIR/.parts/state.json                 whether the tables already in OUTDIR belong
                                             to this run's result (a resumed run) or not
    OUTDIR/.parts/mentions-000001.parquet    the rows of chunk 1 ...
    OUTDIR/.parts/roles-000001.parquet
    OUTDIR/.parts/errors-000001.parquet
    OUTDIR/.parts/docs-000001.parquet        ... and the ids and dates of its documents,
                                             written last: a chunk exists once this does
    ...
    OUTDIR/.state/staging-<run_id>/          at the end, the final tables and run.json,
                                             published into OUTDIR as a whole
                                             (pipeline.outdir), with
    OUTDIR/.state/documents-<run_id>.parquet the ids and dates of all the documents in
                                             them; then .parts is deleted

Every file is written to a temporary name and renamed into place, so a run stopped at
any moment leaves each file either absent, as it was, or complete, and the final set of
tables is published as a whole. ``--resume`` skips the documents found in OUTDIR, in the
final tables and in the chunks of a stopped run, except those lost with a worker process
(their error rows are replaced), and gives the same tables as a fresh run over the same
inputs. What a run may touch in OUTDIR, and the lock that keeps a second run out, are
in :mod:`pipeline.outdir`.
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import platform
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import chain
from pathlib import Path
from typing import Optional

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .batch import Chunk, RunStats, extract, extract_chunks, run_info, write_run_info
from .consolidate import consolidate
from .errors import Errors
from .loader import load
from .options import Options
from .outdir import PARTS_DIR, PARTS_MARKER, STATE_DIR, Outdir, OutdirError
from .readback import iter_table_frames, read_small_parquet, read_table
from .readers import STAGE as READ_STAGE
from .readers import Record, iter_records
from .records import MentionIds
from .schema import ERROR_COLUMNS, MENTION_COLUMNS, ROLE_COLUMNS
from .tables import (
    FORMATS,
    Tables,
    atomic_write_text,
    concat,
    frame,
    write_table,
    write_table_frames,
    write_tables,
)
from .workers import is_retryable

# Ids and dates of every document processed into the tables (what --resume skips), named
# after the run_id of the run.json written with them: another tool rewriting the tables
# and run.json leaves a file that no longer matches, which is then ignored.
DOCUMENTS_FILE = "documents-{run_id}.parquet"
# Table name -> columns of the chunk files; "docs" is written last (it completes a chunk).
PART_COLUMNS = {
    "mentions": MENTION_COLUMNS,
    "roles": ROLE_COLUMNS,
    "errors": ERROR_COLUMNS,
    "docs": ("doc_id", "date"),
}


def run_extract(
    inputs: Iterable[Path],
    outdir: Path,
    options: Optional[Options] = None,
    *,
    fmt: str = "parquet",
    model: Optional[str] = None,
    id_col: str = "id",
    text_col: str = "text",
    resume: bool = False,
    nlp=None,
    **settings,
) -> dict:
    """Extract every input into ``outdir`` and return what run.json records.

    ``options`` says how the run goes (:class:`~pipeline.options.Options`: processes,
    batches, chunks, triage, length limits, time budget); ``settings``, keywords naming
    its fields, change it (``run_extract(inputs, outdir, chunk_size=100)``). Rows are
    written to ``outdir/.parts`` every ``chunk_size`` input records and the final tables
    are assembled from them at the end (module docstring). ``resume`` skips the documents
    already in ``outdir``. ``nlp`` is a loaded pipeline to use instead of loading
    ``model``. Raises :class:`~pipeline.outdir.OutdirError` before any work when
    ``outdir`` is in use by another run or holds files this tool did not write where the
    tables go.
    """
    options = Options.of(options, **settings)
    with RunOutput(inputs, outdir, fmt=fmt, resume=resume) as output:
        nlp = nlp or load(model)
        stats = RunStats()
        for chunk in extract_chunks(
            output.pending(id_col=id_col, text_col=text_col),
            options,
            nlp=nlp,
            errors=output.errors,
            mention_ids=output.mention_ids,
            stats=stats,
        ):
            output.write(chunk)
            release_memory()
        return output.finish(nlp, stats, **options.settings(), id_col=id_col, text_col=text_col)


class RunOutput:
    """A run's output folder while the run goes, for any engine (local or Dask).

    Entered, it locks ``outdir``, finishes what a crashed run left (see
    :mod:`pipeline.outdir`), refuses to touch files that are not ours and opens the chunk
    folder (carrying on with a stopped run's chunks when ``resume``). The engine reads
    its records from :meth:`pending` (the records not done yet, with reader errors going
    to :attr:`errors`), hands each chunk of rows to :meth:`write` and ends with
    :meth:`finish`, which assembles the final tables, publishes them as a whole and
    returns what run.json records.
    """

    def __init__(self, inputs: Iterable[Path], outdir: Path, *, fmt: str = "parquet", resume: bool = False) -> None:
        if fmt not in FORMATS:
            raise ValueError(Errors.E301.format(fmt=fmt, formats=", ".join(FORMATS)))
        self.inputs = [Path(path) for path in inputs]
        self.path = Path(outdir)
        self.fmt = fmt
        self.resume = resume
        self.folder = Outdir(self.path)
        self.parts = Parts(self.path / PARTS_DIR)
        self.errors: list[dict] = []
        # numbers the records by id for unique mention ids; a resumed run counts the ones it skips
        self.mention_ids = MentionIds()
        self.records_read = 0
        self.chunks_written = 0
        self.started = time.perf_counter()
        self._stack = ExitStack()
        self._skipped = _Skipped()
        self._remove: list[str] = []
        self._base = False
        self._first_new = 1  # number of this run's first chunk (earlier ones: a stopped run's)
        self._next = 1

    def __enter__(self) -> RunOutput:
        if self.path.exists() and not self.path.is_dir():
            raise OutdirError(Errors.E311.format(path=self.path))
        self.path.mkdir(parents=True, exist_ok=True)
        self._stack.enter_context(self.folder.locked())
        try:
            self.folder.recover()
            self._remove = self.folder.check(self.fmt, self.inputs)
            self._base = self.parts.open(self.resume)
            self._first_new = self._next = self.parts.next_number()
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self._stack.close()

    def pending(self, *, id_col: str = "id", text_col: str = "text") -> Iterator[Record]:
        """The input records this run still has to do, read lazily; bad rows go to
        :attr:`errors`; the files of this tool in OUTDIR are never read as input."""
        records: Iterable[Record] = iter_records(
            self.inputs, id_col=id_col, text_col=text_col, errors=self.errors, exclude=self.folder.own_paths(self.fmt)
        )
        if self.resume:
            done, dated = self.parts.consumed(), set()
            if self._base:  # a document in both is taken from the chunks (see _assemble)
                earlier = _earlier_records(self.path, dated, self.folder.format_written())
                done += Counter({doc_id: n for doc_id, n in earlier.items() if doc_id not in done})
            if done:
                records = self._skipped.filter(records, done, dated, self.mention_ids)
        for record in records:
            self.records_read += 1
            yield record

    def write(self, chunk: Chunk) -> None:
        """Write one chunk of rows (see :class:`Parts`)."""
        self.parts.write(self._next, chunk)
        self._next += 1
        self.chunks_written += 1

    def finish(self, nlp, stats: RunStats, **settings) -> dict:
        """Assemble, publish and return what run.json records (``settings`` go into it)."""
        assembling = time.perf_counter()
        release_memory(collect=True)
        run_id = uuid.uuid4().hex
        staging = self.folder.staging(run_id)
        try:
            sizes = _assemble(
                self.path,
                staging,
                self.parts,
                self.fmt,
                base=self._base,
                resume=self.resume,
                earlier_dates=self._skipped.dates,
                run_id=run_id,
                first_new=self._first_new,
                earlier_format=self.folder.format_written(),
            )
            processed_documents = sizes.pop("documents")
            finished = time.perf_counter()
            stats.extra = {
                **stats.extra,
                "timings": {
                    "assemble_seconds": round(finished - assembling, 3),
                    "total_seconds": round(finished - self.started, 3),
                },
                "chunks": self.chunks_written,
            }
            counts = {
                "records_read": self.records_read,
                "worker_deaths": getattr(stats, "worker_deaths", 0),
                **stats.extra.get("counts", {}),
            }
            if self.resume:  # documents: processed now; resumed_documents: skipped as already done
                counts.update(resumed_documents=self._skipped.count, documents_in_tables=processed_documents)
            stats.extra["counts"] = counts
            info = run_info(
                nlp,
                stats,
                sizes,
                format=self.fmt,
                resume=self.resume,
                inputs=[str(path) for path in self.inputs],
                **settings,
            )
            info["run_id"] = run_id
            if self.records_read == 0 and self._skipped.count == 0 and sizes.get("errors", 0):
                info["no_input_read"] = True
            write_run_info(staging, info)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self.folder.publish(staging, remove=self._remove)
        for stale in (self.path / STATE_DIR).glob(DOCUMENTS_FILE.format(run_id="*")):
            if stale != _documents_path(self.path, run_id):
                stale.unlink()
        self.parts.remove()
        return info


def _earlier_records(outdir: Path, dated: set[str], fmt: Optional[str]) -> Counter[str]:
    """How many input records with each id the tables of an earlier run in ``outdir``
    (written in ``fmt``) account for: each record became one document or one error row
    (except error rows of documents lost with a worker, which are done again).

    Without the documents file of its run.json (output of an older version, or of
    another tool), only the documents with rows are known, once each; the ids of those
    with mentions are added to ``dated``, as their dates have to be noted from the inputs.
    """
    counts: Counter[str] = Counter()
    documents = _documents_path(outdir)
    if documents is not None:
        counts.update(
            value
            for value in pq.read_table(documents, columns=["doc_id"]).column("doc_id").to_pylist()
            if value is not None
        )
        for df in iter_table_frames(outdir, "errors"):
            counts.update(str(value) for value in _record_errors(df)["doc_id"].dropna())
        return counts
    for name in ("mentions", "roles", "errors"):
        for df in iter_table_frames(outdir, name, fmt=fmt):
            if name == "errors":
                df = _record_errors(df)
            found = {str(value) for value in df["doc_id"].dropna()}
            counts.update(found - set(counts))
            if name == "mentions":
                dated |= found
    return counts


def _final_errors(errors: pd.DataFrame) -> pd.DataFrame:
    """The error rows that stay in the tables of a resumed run: not those of documents
    lost with a worker process (:func:`pipeline.workers.is_retryable`), which it does again."""
    if not len(errors):
        return errors
    retry = [is_retryable(row) for row in errors[["stage", "error"]].to_dict("records")]
    return errors[[not flag for flag in retry]].reset_index(drop=True)


def _record_errors(errors: pd.DataFrame) -> pd.DataFrame:
    """The error rows that settle an input record, so that a resumed run skips it: not
    those of the readers (stage "read": a bad line or file is no record, and its id may
    belong to a later good record; a record rejected as unreadable text is cheap to
    judge again, and its row is kept once), nor those of documents lost with a worker."""
    errors = _final_errors(errors)
    return errors[(errors["stage"] != READ_STAGE).fillna(True).to_numpy(dtype=bool)].reset_index(drop=True)


class _Skipped:
    """Counts the records a resumed run skips, and notes the dates of those named in
    ``dated`` (consolidating deals again needs the dates of earlier documents)."""

    def __init__(self) -> None:
        self.count = 0
        self.dates: dict[str, str] = {}

    def filter(
        self, records: Iterable[Record], done: Counter[str], dated: set[str], mention_ids: MentionIds
    ) -> Iterator[Record]:
        """The records not done yet. ``done`` counts the records of each id already
        processed; input is processed in order, so those are the first ones with that id
        (inputs may repeat an id: each record is a document of its own). Each record
        skipped is counted in ``mention_ids``, so the others get a fresh run's ids."""
        for record in records:
            if done[record.id] > 0:
                done[record.id] -= 1
                mention_ids.skip(record.id)
                self.count += 1
                if record.date and record.id in dated:
                    self.dates[record.id] = record.date
                continue
            yield record


def _assemble(
    outdir: Path,
    staging: Path,
    parts: Parts,
    fmt: str,
    *,
    base: bool,
    resume: bool,
    earlier_dates: dict[str, str],
    run_id: str,
    first_new: int,
    earlier_format: Optional[str],
) -> dict[str, int]:
    """Write the final tables into ``staging`` from the chunk files (and the earlier
    tables of a resumed run, read from ``outdir`` in ``earlier_format``); returns the row
    count of each table.

    Deals are consolidated over all mentions. Roles are copied chunk by chunk. A
    document found both in the earlier tables and in the chunks (a run stopped while it
    was writing its final tables) is taken from the chunks only. Error rows of documents
    lost with a worker, in the earlier tables and in chunks before ``first_new`` (those
    of a stopped run), are dropped: this run did those documents again.
    """
    in_parts = parts.doc_ids() if base else set()

    def earlier(name: str) -> Iterator[pd.DataFrame]:
        if not base:
            return
        frames = _documents_frames(outdir) if name == "docs" else iter_table_frames(outdir, name, fmt=earlier_format)
        for df in frames:
            if in_parts and len(df):
                df = df[~df["doc_id"].isin(in_parts).fillna(False).to_numpy(dtype=bool)].reset_index(drop=True)
            yield _final_errors(df) if name == "errors" and resume else df

    def chunk_errors() -> Iterator[pd.DataFrame]:
        for number, df in zip(parts.numbers(), parts.frames("errors")):
            yield _final_errors(df) if resume and number < first_new else df

    mentions = parts.table("mentions")
    release_memory()
    if base:
        mentions = concat([*earlier("mentions"), mentions], MENTION_COLUMNS)
    with_mentions = set(mentions["doc_id"].dropna())
    dates = {doc_id: date for doc_id, date in earlier_dates.items() if doc_id in with_mentions}
    for df in chain(earlier("docs"), parts.frames("docs")):
        for doc_id, date in zip(df["doc_id"], df["date"]):
            if doc_id in with_mentions and isinstance(date, str):
                dates[doc_id] = date
    deals = consolidate(mentions, dates)
    release_memory()
    errors = concat(chain(earlier("errors"), chunk_errors()), ERROR_COLUMNS)
    if resume:  # inputs read again report their bad rows again: keep them once
        errors = errors.drop_duplicates(ignore_index=True)
    roles = _Rows(chain(earlier("roles"), parts.frames("roles")))
    write_tables({"mentions": mentions, "deals": deals, "roles": roles, "errors": errors}, staging, fmt)
    release_memory()
    (outdir / STATE_DIR).mkdir(exist_ok=True)
    documents = write_table_frames(
        chain(earlier("docs"), parts.frames("docs")),
        outdir / STATE_DIR / DOCUMENTS_FILE.format(run_id=run_id),
        PART_COLUMNS["docs"],
    )
    return {
        "mentions": len(mentions),
        "deals": len(deals),
        "roles": roles.count,
        "errors": len(errors),
        "documents": documents,
    }


def _documents_frames(outdir: Path) -> Iterator[pd.DataFrame]:
    path = _documents_path(outdir)
    if path is not None:
        yield read_table(path, PART_COLUMNS["docs"])


def _documents_path(outdir: Path, run_id: Optional[str] = None) -> Optional[Path]:
    """The documents file of the run that wrote ``outdir/run.json`` (or of ``run_id``),
    when it exists."""
    if run_id is None:
        try:
            run_id = json.loads((outdir / "run.json").read_text(encoding="utf-8")).get("run_id")
        except (OSError, ValueError, AttributeError):
            return None
        if not isinstance(run_id, str) or not run_id.isalnum():
            return None
    path = outdir / STATE_DIR / DOCUMENTS_FILE.format(run_id=run_id)
    return path if path.exists() else None


def release_memory(*, collect: bool = False) -> None:
    """Hand memory freed by the run back to the system: Arrow's pool keeps what it freed,
    and so does the C heap (glibc) until trimmed. Called between chunks and between the
    steps of the assembly, so that the memory of one step is not piled on the
    high-water mark of the one before. ``collect`` runs the garbage collector first."""
    if collect:
        gc.collect()
    pa.default_memory_pool().release_unused()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _load_libc() -> Optional[ctypes.CDLL]:
    """glibc, when this process uses it (malloc_trim exists nowhere else)."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        return libc
    except (OSError, AttributeError):
        return None


_LIBC = _load_libc()


class _Rows:
    """Frames passed through, counting their rows."""

    def __init__(self, frames: Iterable[pd.DataFrame]) -> None:
        self.frames = frames
        self.count = 0

    def __iter__(self) -> Iterator[pd.DataFrame]:
        for df in self.frames:
            self.count += len(df)
            yield df


class Parts:
    """The chunk files of a run in progress (``OUTDIR/.parts``, see the module docstring)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def open(self, resume: bool) -> bool:
        """Start a fresh set of parts, or carry on with the one a stopped run left when
        ``resume``. Returns whether the final tables in OUTDIR are part of the result
        (true for a resumed run, unless it resumes a stopped run that was not one)."""
        self._remove_leftovers()
        state = self.folder / PARTS_MARKER
        if resume and self.folder.is_dir():
            base = True
            if state.exists():
                try:
                    base = bool(json.loads(state.read_text(encoding="utf-8")).get("base", True))
                except (ValueError, OSError, AttributeError):
                    base = True
        else:
            self.remove()
            base = resume
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(state, json.dumps({"base": base}))
        self._drop_incomplete()
        return base

    def path(self, name: str, number: int) -> Path:
        return self.folder / f"{name}-{number:06d}.parquet"

    def numbers(self) -> list[int]:
        """Numbers of the complete chunks, in order."""
        found = []
        for path in self.folder.glob("docs-*.parquet"):
            suffix = path.stem.partition("-")[2]
            if suffix.isdigit():
                found.append(int(suffix))
        return sorted(found)

    def next_number(self) -> int:
        numbers = self.numbers()
        return numbers[-1] + 1 if numbers else 1

    def write(self, number: int, chunk: Chunk) -> None:
        """Write one chunk: its three tables, then its documents (which complete it)."""
        for name in ("mentions", "roles", "errors"):
            write_table(getattr(chunk, name), self.path(name, number))
        docs = frame(
            [{"doc_id": doc_id, "date": chunk.doc_dates.get(doc_id)} for doc_id in chunk.doc_ids], PART_COLUMNS["docs"]
        )
        write_table(docs, self.path("docs", number))

    def frames(self, name: str) -> Iterator[pd.DataFrame]:
        """The rows of table ``name`` in the complete chunks, one chunk at a time."""
        for number in self.numbers():
            yield read_small_parquet(self.path(name, number), PART_COLUMNS[name])

    def table(self, name: str) -> pd.DataFrame:
        """All the rows of table ``name`` in the complete chunks, as one frame."""
        return read_small_parquet([self.path(name, number) for number in self.numbers()], PART_COLUMNS[name])

    def consumed(self) -> Counter[str]:
        """How many input records with each id the complete chunks account for: each
        record became one document (docs) or one error row (see :func:`_record_errors`)."""
        return self._ids(records_only=True)

    def doc_ids(self) -> set[str]:
        """Every document id the complete chunks name (processed, or in errors, lost
        documents included), as each row of mentions and roles belongs to a document."""
        return set(self._ids(records_only=False))

    def _ids(self, *, records_only: bool) -> Counter[str]:
        counts: Counter[str] = Counter()
        for number in self.numbers():
            docs = (
                pq.ParquetFile(self.path("docs", number)).read(columns=["doc_id"], use_threads=False).column("doc_id")
            )
            counts.update(value for value in docs.to_pylist() if value is not None)
            errors = read_small_parquet(self.path("errors", number), PART_COLUMNS["errors"])
            if records_only:
                errors = _record_errors(errors)
            counts.update(value for value in errors["doc_id"].dropna().tolist())
        return counts

    def remove(self) -> None:
        """Delete the parts: renamed away first (one atomic step), then removed."""
        if self.folder.exists():
            doomed = self.folder.with_name(f"{self.folder.name}.removing-{uuid.uuid4().hex[:8]}")
            os.replace(self.folder, doomed)
            shutil.rmtree(doomed, ignore_errors=True)

    def _remove_leftovers(self) -> None:
        for leftover in self.folder.parent.glob(f"{self.folder.name}.removing-*"):
            shutil.rmtree(leftover, ignore_errors=True)

    def _drop_incomplete(self) -> None:
        """Delete temporary files and the files of a chunk whose docs file is missing."""
        complete = set(self.numbers())
        for path in self.folder.iterdir():
            if path.name.endswith(".tmp"):
                path.unlink()
                continue
            name, _, suffix = path.stem.partition("-")
            if name in PART_COLUMNS and suffix.isdigit() and int(suffix) not in complete:
                path.unlink()


def predict_gold(gold_docs: list[dict], *, model: Optional[str] = None, triage: bool = True) -> Tables:
    """Run the pipeline over the texts of a gold file (with their dates); ``triage`` as
    in :func:`pipeline.batch.extract`."""
    records = [Record(id=doc["id"], text=doc["text"], date=doc.get("date")) for doc in gold_docs]
    return extract(records, nlp=load(model), triage=triage)
