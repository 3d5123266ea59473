"""Whole runs as the command line starts them: read inputs, extract, write OUTDIR."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Optional

from .batch import RunStats, extract, run_info, write_run_info
from .loader import load
from .readers import Record, iter_records
from .schema import ERROR_COLUMNS, MENTION_COLUMNS, ROLE_COLUMNS
from .consolidate import consolidate
from .tables import DATA_TABLES, DUCKDB_FILE, FILE_EXTENSIONS, FORMATS, Tables, concat, read_tables, write_tables


def run_extract(
    inputs: Iterable[Path],
    outdir: Path,
    *,
    fmt: str = "parquet",
    model: Optional[str] = None,
    n_process: int = 1,
    batch_size: int = 32,
    id_col: str = "id",
    text_col: str = "text",
    resume: bool = False,
    progress: bool = False,
    triage: bool = True,
) -> dict:
    """Extract every input into ``outdir`` and return what run.json records."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    nlp = load(model)
    errors: list[dict] = []
    doc_dates: dict[str, str] = {}
    records: Iterable[Record] = _noting_dates(iter_records(inputs, id_col=id_col, text_col=text_col, errors=errors), doc_dates)
    previous = read_tables(outdir) if resume else None
    if previous is not None and len(previous.mentions) + len(previous.roles) + len(previous.errors):
        done = _done_ids(previous)
        records = (record for record in records if record.id not in done)
    stats = RunStats()
    tables = extract(records, nlp=nlp, n_process=n_process, batch_size=batch_size, errors=errors, progress=progress, stats=stats, triage=triage)
    if previous is not None:
        tables = _combine(previous, tables, doc_dates)
    _remove_stale_tables(outdir, fmt)
    write_tables(tables, outdir, fmt)
    info = run_info(nlp, stats, tables, format=fmt, n_process=n_process, batch_size=batch_size, resume=resume, triage=triage,
                    inputs=[str(path) for path in inputs])
    write_run_info(outdir, info)
    return info


def _done_ids(tables: Tables) -> set[str]:
    ids: set[str] = set()
    for frame in (tables.mentions, tables.roles, tables.errors):
        ids.update(str(value) for value in frame["doc_id"].dropna())
    return ids


def _noting_dates(records: Iterable[Record], doc_dates: dict[str, str]) -> Iterator[Record]:
    """Pass records through, remembering each one's date (resumed runs consolidate the
    earlier documents too, and need their dates)."""
    for record in records:
        if record.date:
            doc_dates[record.id] = record.date
        yield record


def _combine(previous: Tables, new: Tables, doc_dates: dict[str, str]) -> Tables:
    """Previous run's rows plus this run's; deals are consolidated again over both.
    Inputs read again report the same bad rows again: those are kept once."""
    mentions = concat([previous.mentions, new.mentions], MENTION_COLUMNS)
    errors = concat([previous.errors, new.errors], ERROR_COLUMNS).drop_duplicates(ignore_index=True)
    return Tables(
        mentions=mentions,
        deals=consolidate(mentions, doc_dates),
        roles=concat([previous.roles, new.roles], ROLE_COLUMNS),
        errors=errors,
    )


def _remove_stale_tables(outdir: Path, fmt: str) -> None:
    """Delete table files of another format left by an earlier run, so that readers of
    OUTDIR (evaluate, --resume) never pick up old results."""
    keep = {f"{name}{FILE_EXTENSIONS[fmt]}" for name in DATA_TABLES} if fmt in FILE_EXTENSIONS else {DUCKDB_FILE}
    stale = [f"{name}{ext}" for name in DATA_TABLES for ext in FILE_EXTENSIONS.values()] + [DUCKDB_FILE]
    for name in stale:
        path = outdir / name
        if name not in keep and path.exists():
            path.unlink()


def predict_gold(gold_docs: list[dict], *, model: Optional[str] = None) -> Tables:
    """Run the pipeline over the texts of a gold file (with their dates)."""
    records = [Record(id=doc["id"], text=doc["text"], date=doc.get("date")) for doc in gold_docs]
    return extract(records, nlp=load(model))
