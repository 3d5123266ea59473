"""Whole runs as the command line starts them: read inputs, extract, write OUTDIR."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from .extract import RunStats, extract, run_info, write_run_info
from .loader import load
from .readers import Record, iter_records
from .schema import ERROR_COLUMNS, MENTION_COLUMNS, ROLE_COLUMNS
from .tables import FORMATS, Tables, concat, read_tables, write_tables


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
) -> dict:
    """Extract every input into ``outdir`` and return what run.json records."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    nlp = load(model)
    errors: list[dict] = []
    records: Iterable[Record] = iter_records(inputs, id_col=id_col, text_col=text_col, errors=errors)
    previous = read_tables(outdir) if resume else None
    if previous is not None and len(previous.mentions) + len(previous.roles) + len(previous.errors):
        done = _done_ids(previous)
        records = (record for record in records if record.id not in done)
    stats = RunStats()
    tables = extract(records, nlp=nlp, n_process=n_process, batch_size=batch_size, errors=errors, progress=progress, stats=stats)
    if previous is not None:
        tables = _combine(previous, tables)
    write_tables(tables, outdir, fmt)
    info = run_info(nlp, stats, tables, format=fmt, n_process=n_process, batch_size=batch_size, resume=resume,
                    inputs=[str(path) for path in inputs])
    write_run_info(outdir, info)
    return info


def _done_ids(tables: Tables) -> set[str]:
    ids: set[str] = set()
    for frame in (tables.mentions, tables.roles, tables.errors):
        ids.update(str(value) for value in frame["doc_id"].dropna())
    return ids


def _combine(previous: Tables, new: Tables) -> Tables:
    """Previous run's rows plus this run's; deals are consolidated again over both."""
    from .consolidate import consolidate

    mentions = concat([previous.mentions, new.mentions], MENTION_COLUMNS)
    return Tables(
        mentions=mentions,
        deals=consolidate(mentions),
        roles=concat([previous.roles, new.roles], ROLE_COLUMNS),
        errors=concat([previous.errors, new.errors], ERROR_COLUMNS),
    )


def predict_gold(gold_docs: list[dict], *, model: Optional[str] = None) -> Tables:
    """Run the pipeline over the texts of a gold file (with their dates)."""
    records = [Record(id=doc["id"], text=doc["text"], date=doc.get("date")) for doc in gold_docs]
    return extract(records, nlp=load(model))
