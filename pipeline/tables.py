"""The four output tables as typed DataFrames, and their writers.

Every table is built by :func:`frame`, which fixes the column order and the dtypes from
``schema.py``; the readers of :mod:`pipeline.readback` go through the same function, so a
table read back from any file format has exactly the dtypes it was written with
(spec/outputs.md).
"""

from __future__ import annotations

import csv
import gc
import json
import math
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import schema
from pipeline.errors import Errors

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "mentions": schema.MENTION_COLUMNS,
    "deals": schema.DEAL_COLUMNS,
    "roles": schema.ROLE_COLUMNS,
    "errors": schema.ERROR_COLUMNS,
}
# Tables written in the format the user chose; errors always go to errors.jsonl as well.
DATA_TABLES = ("mentions", "deals", "roles")
ERRORS_FILE = "errors.jsonl"
DUCKDB_FILE = "deals.duckdb"
FORMATS = ("parquet", "csv", "jsonl", "duckdb")
# File extension of each table file per format (duckdb holds all tables in one file).
FILE_EXTENSIONS = {"parquet": ".parquet", "csv": ".csv", "jsonl": ".jsonl"}
# Categories that may grow: an unknown currency code is kept rather than lost.
EXTENSIBLE_CATEGORIES = frozenset({"currency"})

ARROW_TYPES: dict[str, pa.DataType] = {
    "Float64": pa.float64(),
    "Int64": pa.int64(),
    "string": pa.string(),
    "boolean": pa.bool_(),
}
# Mode of written files before the umask, as open() would create them.
_FILE_MODE = 0o666


@dataclass
class Tables:
    """The pipeline's result: one DataFrame per table of spec/outputs.md."""

    mentions: pd.DataFrame
    deals: pd.DataFrame
    roles: pd.DataFrame
    errors: pd.DataFrame

    def items(self) -> Iterator[tuple[str, pd.DataFrame]]:
        """(name, frame) pairs in the order mentions, deals, roles, errors."""
        for name in TABLE_COLUMNS:
            yield name, getattr(self, name)

    def __iter__(self) -> Iterator[tuple[str, pd.DataFrame]]:
        return self.items()

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(df):,} rows" for name, df in self.items())
        return f"Tables({counts})"


# --- building typed frames -----------------------------------------------------------


def frame(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    """Build a DataFrame with exactly ``columns``, in that order, with the schema dtypes.

    Missing keys become NA; keys not in ``columns`` are ignored. Numbers are nullable
    ``Float64``/``Int64``, text is ``string``, ``approximate`` is ``boolean``, the columns
    of ``schema.CATEGORIES`` are unordered categoricals and the columns of
    ``schema.LIST_COLUMNS`` hold Python lists of str (an empty list, never NA).

    ``type`` and ``status`` only take their fixed categories: another value is a bug in
    the producer and raises ValueError. ``currency`` is different: a code the schema does
    not list (a new ISO code, an old national currency) is appended to the categories,
    because silently turning it into NA would lose the deal's currency.
    """
    with gc_paused():
        data = {column: [row.get(column) for row in rows] for column in columns}
        return frame_from_columns(data, columns, n_rows=len(rows))


def frame_from_columns(
    data: dict[str, Sequence[Any]], columns: Sequence[str], *, n_rows: int | None = None
) -> pd.DataFrame:
    """Like :func:`frame`, from a dict of column -> values (the fast path for readers).

    A column missing from ``data`` is all NA (empty lists for list columns).
    """
    if n_rows is None:
        n_rows = len(next(iter(data.values()))) if data else 0
    series = {}
    with gc_paused():
        for column in columns:
            values = data.get(column)
            if values is None:
                values = [None] * n_rows
            elif len(values) != n_rows:
                raise ValueError(Errors.E302.format(column=column, values=len(values), rows=n_rows))
            series[column] = pd.Series(_typed_array(column, values), copy=False)
    return pd.DataFrame(series, columns=list(columns))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of small lists.

    Each new list counts towards a collection, and full collections over a heap of
    millions of row objects made building a table several times slower. The lists made
    here form no cycles, so nothing is lost by collecting later.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def empty_frame(columns: Sequence[str]) -> pd.DataFrame:
    """A frame with no rows and every column at its schema dtype."""
    return frame([], columns)


def empty_tables() -> Tables:
    """Four empty tables with all their columns and dtypes."""
    return Tables(**{name: empty_frame(columns) for name, columns in TABLE_COLUMNS.items()})


def concat(frames: Iterable[pd.DataFrame], columns: Sequence[str]) -> pd.DataFrame:
    """Stack frames of one table, keeping the schema dtypes.

    Use this rather than ``pd.concat``: frames whose ``currency`` categories were
    extended differently would otherwise turn that column into plain objects.
    """
    frames = [df for df in frames if len(df)]
    data = {column: [value for df in frames for value in _column_values(df, column)] for column in columns}
    return frame_from_columns(data, columns, n_rows=sum(len(df) for df in frames))


def _column_values(df: pd.DataFrame, column: str) -> list[Any]:
    if column not in df.columns:
        return [None] * len(df)
    if column in schema.LIST_COLUMNS:
        return df[column].tolist()
    return df[column].to_numpy(dtype=object, na_value=None).tolist()


def _typed_array(column: str, values: Sequence[Any]) -> Any:
    """Values of one column as a pandas array (or object ndarray of lists) of its dtype."""
    if column in schema.LIST_COLUMNS:
        return _list_array(column, values)
    if column in schema.CATEGORIES:
        return pd.Categorical(values, dtype=_category_dtype(column, values))
    dtype = schema.DTYPES.get(column)
    if dtype is None:
        raise ValueError(Errors.E303.format(column=column))
    return pd.array(values, dtype=dtype)


def _list_array(column: str, values: Sequence[Any]) -> np.ndarray:
    """Lists of str in an object array; None/NaN -> []. Lists of str are kept, not copied."""
    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        if type(value) is list and all(type(item) is str for item in value):
            out[i] = value
        elif schema.is_missing(value):
            out[i] = []
        elif isinstance(value, (list, tuple, np.ndarray)):
            out[i] = [str(item) for item in value if item is not None]
        else:
            raise TypeError(Errors.E304.format(column=column, row=i, kind=type(value).__name__, value=value))
    return out


def _category_dtype(column: str, values: Sequence[Any]) -> pd.CategoricalDtype:
    categories = schema.CATEGORIES[column]
    known = set(categories)
    unknown = {
        value
        for value in pd.unique(np.asarray(values, dtype=object))
        if not schema.is_missing(value) and value not in known
    }
    if not unknown:
        return pd.CategoricalDtype(list(categories), ordered=False)
    if column in EXTENSIBLE_CATEGORIES:
        return pd.CategoricalDtype([*categories, *sorted(map(str, unknown))], ordered=False)
    raise ValueError(
        Errors.E305.format(column=column, unknown=sorted(map(repr, unknown)), allowed=", ".join(categories))
    )


# --- writing ------------------------------------------------------------------------


def write_tables(
    tables: Tables | Mapping[str, pd.DataFrame | Iterable[pd.DataFrame]],
    outdir: Path,
    fmt: str = "parquet",
) -> list[Path]:
    """Write the tables to ``outdir`` and return the paths written.

    ``parquet``, ``csv``, ``jsonl``: ``mentions.<ext>``, ``deals.<ext>``, ``roles.<ext>``,
    ``errors.<ext>``; ``duckdb``: one ``deals.duckdb`` with the four tables.
    ``errors.jsonl`` is written in every format so that failures can be read without
    any tooling. Each file is written
    to a temporary name in ``outdir`` and renamed into place, so a crashed run never
    leaves a half-written table behind.

    ``tables`` is a :class:`Tables` or a mapping from table name to a DataFrame or to an
    iterable of DataFrames (chunks of one table, written one after the other, so that a
    table larger than memory can be written); a missing table is written empty.
    """
    if fmt not in FORMATS:
        raise ValueError(Errors.E301.format(fmt=fmt, formats=", ".join(FORMATS)))
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    parts = dict(tables.items()) if isinstance(tables, Tables) else dict(tables)
    errors = parts.get("errors")
    if errors is None or not isinstance(errors, pd.DataFrame):  # written twice with duckdb
        parts["errors"] = concat(_frames(errors), schema.ERROR_COLUMNS)
    written: list[Path] = []
    if fmt == "duckdb":
        path = outdir / DUCKDB_FILE
        _atomic_write(path, lambda tmp: _write_duckdb(parts, tmp), create_file=False)
        written.append(path)
    else:
        for name in DATA_TABLES:
            path = outdir / f"{name}{FILE_EXTENSIONS[fmt]}"
            value = parts.get(name)
            if isinstance(value, pd.DataFrame):
                write_table(value, path)
            else:
                write_table_frames(_frames(value), path, TABLE_COLUMNS[name])
            written.append(path)
        if fmt != "jsonl":  # errors in the chosen format too
            path = outdir / f"errors{FILE_EXTENSIONS[fmt]}"
            write_table(parts["errors"], path)
            written.append(path)
    errors_path = outdir / ERRORS_FILE
    write_table(parts["errors"], errors_path)
    written.append(errors_path)
    return written


def _frames(value: pd.DataFrame | Iterable[pd.DataFrame] | None) -> Iterable[pd.DataFrame]:
    if value is None:
        return ()
    if isinstance(value, pd.DataFrame):
        return (value,)
    return value


def write_table(df: pd.DataFrame, path: Path) -> Path:
    """Write one table to ``path`` atomically; the format follows the extension."""
    write_table_frames([df], path, list(df.columns))
    return Path(path)


def write_table_frames(frames: Iterable[pd.DataFrame], path: Path, columns: Sequence[str]) -> int:
    """Write the chunks of one table one after the other to ``path``, atomically, holding
    one chunk at a time; the format follows the extension. Returns the rows written."""
    path = Path(path)
    writers = {".parquet": _write_parquet_frames, ".csv": _write_csv_frames, ".jsonl": _write_jsonl_frames}
    writer = writers.get(path.suffix)
    if writer is None:
        raise ValueError(Errors.E306.format(action="write", path=path, extensions=", ".join(writers)))
    rows = 0

    def counted() -> Iterator[pd.DataFrame]:
        nonlocal rows
        for df in frames:
            rows += len(df)
            yield df[list(columns)] if list(df.columns) != list(columns) else df

    _atomic_write(path, lambda tmp: writer(counted(), tmp, columns))
    return rows


def atomic_write_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file renamed into place."""
    path = Path(path)

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    _atomic_write(path, write)
    return path


def _atomic_write(path: Path, write, *, create_file: bool = True) -> None:
    """Call ``write(tmp)`` on a temporary path next to ``path``, then rename it over ``path``.

    The temporary file is flushed to disk before the rename, so ``path`` is always either
    the old file or the complete new one, whenever the process is stopped.
    """
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if not create_file:
            tmp.unlink()  # duckdb refuses to open an empty file as a database
        write(tmp)
        _fsync(tmp)
        os.chmod(tmp, _FILE_MODE & ~_umask())  # mkstemp makes files only their owner can read
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            if leftover.exists():
                leftover.unlink()


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def arrow_type(column: str) -> pa.DataType:
    if column in schema.LIST_COLUMNS:
        return pa.list_(pa.string())
    if column in schema.CATEGORIES:
        return pa.dictionary(pa.int32(), pa.string())
    return ARROW_TYPES[str(schema.DTYPES[column])]


def arrow_schema(columns: Sequence[str]) -> pa.Schema:
    """The Arrow schema of a table with ``columns``."""
    return pa.schema([pa.field(column, arrow_type(column)) for column in columns])


def to_arrow(df: pd.DataFrame) -> pa.Table:
    """The table as Arrow: list<string> for list columns, dictionary for categories."""
    return pa.Table.from_pandas(df, schema=arrow_schema(df.columns), preserve_index=False)


def _write_parquet_frames(frames: Iterable[pd.DataFrame], path: Path, columns: Sequence[str]) -> None:
    with pq.ParquetWriter(path, arrow_schema(columns)) as writer:
        for df in frames:
            if len(df):
                writer.write_table(to_arrow(df))


def _python_columns(df: pd.DataFrame) -> list[list[Any]]:
    """Each column as a list of plain Python values, with None for NA."""
    return [_column_values(df, column) for column in df.columns]


def _write_jsonl_frames(frames: Iterable[pd.DataFrame], path: Path, columns: Sequence[str]) -> None:
    """JSON Lines, strictly JSON: a number that is not finite is written as null."""
    names = list(columns)
    numbers = [i for i, column in enumerate(columns) if schema.DTYPES.get(column) in ("Float64", "Int64")]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for df in frames:
            values = _python_columns(df)
            for i in numbers:
                values[i] = [None if value is not None and not math.isfinite(value) else value for value in values[i]]
            for row in zip(*values):
                out.write(json.dumps(dict(zip(names, row)), ensure_ascii=False, allow_nan=False))
                out.write("\n")


# CSV cells a spreadsheet would run as a formula (OWASP, "CSV Injection"): text starting
# with one of these gets a leading apostrophe, and so does text already starting with an
# apostrophe, so that reading drops exactly one.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
LIST_SEPARATOR = "; "


def _csv_text(value: str) -> str:
    """A text cell made safe to open in a spreadsheet (see :data:`_FORMULA_STARTS`)."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _csv_list(items: list[str]) -> str:
    """A list cell: the items joined by "; " (JSON when an item holds ";" or starts
    with "[", so that every list reads back as it was)."""
    if any(LIST_SEPARATOR.strip() in item or item.startswith("[") for item in items):
        return json.dumps(items, ensure_ascii=False)
    return LIST_SEPARATOR.join(items)


def _write_csv_frames(frames: Iterable[pd.DataFrame], path: Path, columns: Sequence[str]) -> None:
    """CSV with LF line ends, list cells as "a; b", text cells neutralised against
    formula injection (a leading apostrophe, removed again by :func:`read_table`)."""
    list_positions = {i for i, column in enumerate(columns) if column in schema.LIST_COLUMNS}
    text_positions = [
        i
        for i, column in enumerate(columns)
        if i in list_positions or schema.DTYPES.get(column) not in ("Float64", "Int64", "boolean")
    ]
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for df in frames:
            values = _python_columns(df)
            for i in list_positions:
                values[i] = [_csv_list(value) for value in values[i]]
            for i in text_positions:
                values[i] = [_csv_text(value) if type(value) is str else value for value in values[i]]
            writer.writerows(zip(*values))


def _write_duckdb(tables: Tables | Mapping[str, pd.DataFrame | Iterable[pd.DataFrame]], path: Path) -> None:
    import duckdb

    parts = dict(tables.items()) if isinstance(tables, Tables) else tables
    con = duckdb.connect(str(path))
    try:
        for name, columns in TABLE_COLUMNS.items():
            con.register("staged", pa.Table.from_batches([], schema=arrow_schema(columns)))
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM staged')
            con.unregister("staged")
            for df in _frames(parts.get(name)):
                if len(df):
                    con.register("staged", to_arrow(df))
                    con.execute(f'INSERT INTO "{name}" SELECT * FROM staged')
                    con.unregister("staged")
    finally:
        con.close()
