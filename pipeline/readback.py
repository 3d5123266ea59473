"""Reading the output tables back from an output folder, in any format it was written in.

:func:`read_tables` reads the four tables of OUTDIR (in the format run.json names, else
the first of :data:`READ_PREFERENCE` present); :func:`iter_table_frames` reads one table
a piece at a time (the chunks of a run, an earlier run's tables when resuming). Every
table goes through :func:`pipeline.tables.frame_from_columns`, so it has exactly the
dtypes it was written with.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import schema
from pipeline.errors import Errors
from pipeline.formats import allow_long_csv_fields
from pipeline.tables import (
    ARROW_TYPES,
    DATA_TABLES,
    DUCKDB_FILE,
    ERRORS_FILE,
    FILE_EXTENSIONS,
    FORMATS,
    LIST_SEPARATOR,
    TABLE_COLUMNS,
    Tables,
    arrow_type,
    empty_frame,
    empty_tables,
    frame,
    frame_from_columns,
    gc_paused,
)

# Order in which read_tables looks for a format when a folder holds several.
READ_PREFERENCE = ("parquet", "duckdb", "jsonl", "csv")
_BOOLEAN_TEXT = {"true": True, "false": False, "1": True, "0": False}


def read_tables(outdir: Path) -> Tables:
    """Read the tables written by :func:`write_tables`, with their exact dtypes.

    When ``outdir`` holds several formats, the first of parquet, duckdb, jsonl, csv is
    read. A table with no file is returned empty, with all its columns.
    """
    outdir = Path(outdir)
    if not outdir.is_dir():
        raise FileNotFoundError(Errors.E314.format(path=outdir))
    tables = empty_tables()
    fmt = written_format(outdir) or _detect_format(outdir)
    if fmt == "duckdb":
        for name, df in _read_duckdb(outdir / DUCKDB_FILE).items():
            setattr(tables, name, df)
    elif fmt is not None:
        for name in DATA_TABLES:
            path = outdir / f"{name}{FILE_EXTENSIONS[fmt]}"
            if path.exists():
                setattr(tables, name, read_table(path, TABLE_COLUMNS[name]))
    errors_path = outdir / ERRORS_FILE
    if errors_path.exists():
        tables.errors = read_table(errors_path, schema.ERROR_COLUMNS)
    return tables


def iter_table_frames(
    outdir: Path, name: str, *, batch_rows: int = 65_536, fmt: str | None = None
) -> Iterator[pd.DataFrame]:
    """The rows of one table written in ``outdir``, in chunks of about ``batch_rows``
    rows (Parquet is read by record batches; other formats in one piece).

    ``fmt`` reads the table of that format only. Without it, the format is chosen per
    table (the first of parquet, duckdb, jsonl, csv that holds it). Yields nothing when
    the table has no file.
    """
    outdir = Path(outdir)
    columns = TABLE_COLUMNS[name]
    if name == "errors":
        path = outdir / ERRORS_FILE
        if path.exists():
            yield read_table(path, columns)
        return
    for each_fmt in (fmt,) if fmt else READ_PREFERENCE:
        if each_fmt == "duckdb":
            if (outdir / DUCKDB_FILE).exists():
                df = _read_duckdb(outdir / DUCKDB_FILE).get(name)
                if df is not None:
                    yield df
                    return
            continue
        path = outdir / f"{name}{FILE_EXTENSIONS[each_fmt]}"
        if not path.exists():
            continue
        if each_fmt == "parquet":
            parquet = pq.ParquetFile(path)
            present = set(parquet.schema_arrow.names)
            wanted = [column for column in columns if column in present]
            for batch in parquet.iter_batches(batch_size=batch_rows, columns=wanted):
                yield _from_arrow(pa.Table.from_batches([batch]), columns)
        else:
            yield read_table(path, columns)
        return


def written_format(outdir: Path) -> str | None:
    """The format run.json in ``outdir`` says its tables were written in, if any: a
    folder may also hold files of other formats that are not this tool's."""
    try:
        fmt = json.loads((Path(outdir) / "run.json").read_text(encoding="utf-8"))["settings"]["format"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return fmt if fmt in FORMATS else None


def _detect_format(outdir: Path) -> str | None:
    for fmt in READ_PREFERENCE:
        if fmt == "duckdb":
            if (outdir / DUCKDB_FILE).exists():
                return fmt
        elif any((outdir / f"{name}{FILE_EXTENSIONS[fmt]}").exists() for name in DATA_TABLES):
            return fmt
    return None


def read_table(path: Path, columns: Sequence[str]) -> pd.DataFrame:
    """Read one table file (.parquet, .csv or .jsonl) with the schema dtypes of ``columns``.

    Columns missing from the file are NA; columns the file has beyond ``columns`` are
    dropped. CSV cannot tell an empty string from a missing value: both read back as NA.
    """
    path = Path(path)
    readers = {".parquet": _read_parquet, ".csv": _read_csv, ".jsonl": _read_jsonl}
    reader = readers.get(path.suffix)
    if reader is None:
        raise ValueError(Errors.E306.format(action="read", path=path, extensions=", ".join(readers)))
    return reader(path, columns)


def _from_arrow(table: pa.Table, columns: Sequence[str]) -> pd.DataFrame:
    """Arrow table -> typed frame, converting in Arrow where it can (this is the fast path)."""
    data: dict[str, Any] = {}
    for column in columns:
        if column not in table.column_names:
            continue
        values = table.column(column)
        if column in schema.LIST_COLUMNS:
            data[column] = _arrow_lists(values.cast(pa.list_(pa.string())).combine_chunks())
        elif column in schema.CATEGORIES:
            data[column] = values.cast(pa.string()).to_pandas().to_numpy(dtype=object, na_value=None)
        else:
            dtype = pd.api.types.pandas_dtype(schema.DTYPES[column])
            values = values.cast(ARROW_TYPES[str(dtype)])
            data[column] = values.to_pandas(types_mapper={values.type: dtype}.get).array
    return frame_from_columns(data, columns, n_rows=table.num_rows)


def _arrow_lists(array: pa.ListArray) -> list[list[str]]:
    """A list<string> array as Python lists, slicing one flat list (much faster than to_pylist)."""
    flat = array.values.to_pylist()
    offsets = array.offsets.to_numpy().tolist()
    nulls = array.is_null().to_numpy(zero_copy_only=False).tolist()
    return [[] if null else flat[start:end] for start, end, null in zip(offsets[:-1], offsets[1:], nulls)]


def _read_parquet(path: Path, columns: Sequence[str]) -> pd.DataFrame:
    present = set(pq.read_schema(path).names)
    table = pq.read_table(path, columns=[column for column in columns if column in present])
    return _from_arrow(table, columns)


def read_small_parquet(paths: Path | Sequence[Path], columns: Sequence[str]) -> pd.DataFrame:
    """:func:`read_table` for small Parquet files read among many (the chunk files of a
    run), stacked into one frame: read in this thread only, as Arrow's reader threads
    each keep memory of their own that reading hundreds of small files would pile up,
    and converted to pandas once."""
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    tables = []
    for path in paths:
        parquet = pq.ParquetFile(path)
        present = set(parquet.schema_arrow.names)
        wanted = [column for column in columns if column in present]
        table = parquet.read(columns=wanted, use_threads=False)
        for column in columns:  # the same columns in every table, to stack them
            if column not in present:
                table = table.append_column(
                    pa.field(column, arrow_type(column)), pa.nulls(table.num_rows, arrow_type(column))
                )
        tables.append(table.select(list(columns)))
    if not tables:
        return empty_frame(columns)
    return _from_arrow(pa.concat_tables(tables), columns)


def _read_jsonl(path: Path, columns: Sequence[str]) -> pd.DataFrame:
    rows = []
    with gc_paused(), open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(Errors.E307.format(path=path, line=number, problem=exc)) from exc
    return frame(rows, columns)


def _read_csv(path: Path, columns: Sequence[str]) -> pd.DataFrame:
    allow_long_csv_fields()
    with gc_paused(), open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        wanted = [(i, name) for i, name in enumerate(header) if name in columns]
        data: dict[str, list[Any]] = {name: [] for _, name in wanted}
        n_rows = 0
        for row in reader:
            if len(row) != len(header):
                problem = Errors.E308.format(path=path, line=reader.line_num, fields=len(row), header=len(header))
                raise ValueError(problem)
            for i, name in wanted:
                try:
                    data[name].append(_parse_csv_value(name, row[i]))
                except ValueError as exc:
                    problem = Errors.E309.format(path=path, line=reader.line_num, column=name, problem=exc)
                    raise ValueError(problem) from exc
            n_rows += 1
    return frame_from_columns(data, columns, n_rows=n_rows)


def _parse_csv_value(column: str, text: str) -> Any:
    """A CSV cell back to the Python value it was written from ('' is NA)."""
    dtype = schema.DTYPES.get(column)
    if text.startswith("'") and (column in schema.LIST_COLUMNS or dtype not in ("Float64", "Int64", "boolean")):
        text = text[1:]  # the apostrophe that neutralised a formula
    if column in schema.LIST_COLUMNS:
        if not text:
            return []
        return json.loads(text) if text.startswith("[") else text.split(LIST_SEPARATOR)
    if text == "":
        return None
    if dtype == "Float64":
        return float(text)
    if dtype == "Int64":
        return int(text)
    if dtype == "boolean":
        try:
            return _BOOLEAN_TEXT[text.lower()]
        except KeyError:
            raise ValueError(Errors.E310.format(text=text)) from None
    return text


def _read_duckdb(path: Path) -> dict[str, pd.DataFrame]:
    import duckdb

    frames = {}
    con = duckdb.connect(str(path), read_only=True)
    try:
        present = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        for name, columns in TABLE_COLUMNS.items():
            if name in present:
                relation = con.sql(f'SELECT * FROM "{name}"')
                table = relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.arrow()
                frames[name] = _from_arrow(table, columns)
    finally:
        con.close()
    return frames
