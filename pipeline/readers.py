"""Input files -> records (id, text, date), lazily, with per-row error capture.

Readers stream: JSON Lines and CSV line by line, Parquet by record batches, a folder one
file at a time. Bad input never stops a run and never silently drops a document: each
unreadable file, malformed line or row without usable text becomes one row of the
``errors`` table (``schema.ERROR_COLUMNS``) naming the file, the line and the reason.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import json
import logging
import math
import re
import zlib
from functools import lru_cache
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa

from pipeline.schema import ERROR_COLUMNS

logger = logging.getLogger(__name__)

STAGE = "read"
SUPPORTED_INPUTS = (
    "a folder of .txt files, .txt, .jsonl, .jsonl.gz, .ndjson, .ndjson.gz, .csv, .parquet"
)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
GZIP_SUFFIX = ".gz"
# Rows per Parquet record batch: small enough to bound memory whatever the file size.
PARQUET_BATCH_ROWS = 1024
# Bytes that are not valid UTF-8 are read as Windows-1252 (what stray bytes in English
# news usually are); the five bytes cp1252 leaves undefined are read as Latin-1.
FALLBACK_ENCODING = "cp1252"
LAST_RESORT_ENCODING = "latin-1"
BOM = "\ufeff"
# Python's csv module refuses fields over 128 KiB by default; a document can be longer.
CSV_FIELD_LIMIT = 2**31 - 1
# What reading a broken file raises: OS errors (permission, truncated gzip), a corrupt
# Parquet file (Arrow errors, some of which are ValueError) or a broken CSV.
_READ_FAILURES = (OSError, EOFError, zlib.error, csv.Error, ValueError, pa.ArrowException)
_PARTIAL_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# Two default dates that differ in every field: what dateutil fills in from them was not
# in the text, which tells a full date from "June 2025" (-> "2025-06").
_DEFAULT_DATES = (datetime(2000, 1, 1), datetime(2001, 2, 2))


@dataclass(frozen=True)
class Record:
    """One input document: ``source`` and ``line`` say where it came from."""

    id: str
    text: str
    date: str | None = None
    source: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class _Columns:
    id: str
    text: str
    title: str
    date: str


class _Errors:
    """Collects error rows into the caller's list, or logs them when there is none."""

    def __init__(self, rows: list[dict] | None) -> None:
        self.rows = rows
        self.count = 0

    def add(self, source: Path, error: str, *, line: int | None = None, doc_id: str | None = None) -> None:
        row = dict(zip(ERROR_COLUMNS, (doc_id, str(source), line, STAGE, error)))
        self.count += 1
        if self.rows is None:
            where = f"{source}, line {line}" if line is not None else str(source)
            logger.warning("%s: %s", where, error)
        else:
            self.rows.append(row)


def iter_records(
    paths: Iterable[str | Path],
    *,
    id_col: str = "id",
    text_col: str = "text",
    title_col: str = "title",
    date_col: str = "date",
    errors: list[dict] | None = None,
) -> Iterator[Record]:
    """Yield one :class:`Record` per document in ``paths``, in order, reading lazily.

    A path is a folder of ``.txt`` files (sorted; the id is the file name without
    extension), a ``.txt`` file, a JSON Lines file (``.jsonl``, ``.ndjson``, optionally
    gzipped), a ``.csv`` or a ``.parquet`` file. Rows of the last three carry ``id_col``
    and ``text_col``, optionally ``title_col`` (prepended as "TITLE\\n\\ntext") and
    ``date_col`` (kept as an ISO date string). A row without an id gets
    ``"<file stem>:<line>"``. Duplicate ids are passed on as they are.

    Whatever cannot become a record is appended to ``errors`` as a row with the keys of
    ``schema.ERROR_COLUMNS`` (logged as a warning when ``errors`` is None). Bytes that
    are not UTF-8 do not reject a document: they are decoded as cp1252 and a warning is
    logged.
    """
    columns = _Columns(id=id_col, text=text_col, title=title_col, date=date_col)
    sink = _Errors(errors)
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from _read_folder(path, columns, sink)
        else:
            yield from _read_file(path, columns, sink)


def _read_folder(folder: Path, columns: _Columns, sink: _Errors) -> Iterator[Record]:
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
    except OSError as exc:
        sink.add(folder, f"cannot list folder: {_os_reason(exc)}")
        return
    if not files:
        sink.add(folder, f"folder has no .txt files; supported inputs: {SUPPORTED_INPUTS}")
        return
    for path in files:
        yield from _read_file(path, columns, sink)


def _read_file(path: Path, columns: _Columns, sink: _Errors) -> Iterator[Record]:
    """Records of one file; an unreadable file or a read failure midway is one error row."""
    reader = _reader_for(path)
    if reader is None:
        sink.add(path, f"unsupported input format {''.join(path.suffixes) or '(no extension)'!r}; "
                       f"supported inputs: {SUPPORTED_INPUTS}")
        return
    if not path.exists():
        sink.add(path, "file not found")
        return
    errors_before = sink.count
    n_records = 0
    try:
        for record in reader(path, columns, sink):
            n_records += 1
            yield record
    except _READ_FAILURES as exc:
        after = f" after {n_records} record(s)" if n_records else ""
        sink.add(path, f"cannot read file{after}: {_os_reason(exc)}")
        return
    if n_records == 0 and sink.count == errors_before:
        sink.add(path, "empty file: no documents in it")


def _reader_for(path: Path) -> Callable[[Path, _Columns, _Errors], Iterator[Record]] | None:
    name = path.name.lower()
    if name.endswith(tuple(suffix + GZIP_SUFFIX for suffix in JSONL_SUFFIXES)):
        return _read_jsonl
    readers = {".txt": _read_txt, ".csv": _read_csv, ".parquet": _read_parquet}
    readers.update({suffix: _read_jsonl for suffix in JSONL_SUFFIXES})
    return readers.get(path.suffix.lower())


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


# --- formats --------------------------------------------------------------------------


def _read_txt(path: Path, columns: _Columns, sink: _Errors) -> Iterator[Record]:
    text = _decode(path.read_bytes(), path, None).removeprefix(BOM)
    if not text.strip():
        sink.add(path, "empty document", doc_id=path.stem)
        return
    yield Record(id=path.stem, text=text, source=str(path))


def _open_binary(path: Path) -> BinaryIO:
    if path.name.lower().endswith(GZIP_SUFFIX):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _read_jsonl(path: Path, columns: _Columns, sink: _Errors) -> Iterator[Record]:
    with _open_binary(path) as handle:
        for number, raw in enumerate(handle, start=1):
            line = _decode(raw, path, number)
            if number == 1:
                line = line.removeprefix(BOM)
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                sink.add(path, f"malformed JSON: {exc.msg} (column {exc.colno})", line=number)
                continue
            if not isinstance(row, dict):
                sink.add(path, f"JSON line is {_json_kind(row)}, expected an object with "
                               f"{columns.id!r} and {columns.text!r}", line=number)
                continue
            record = _make_record(row, path, number, columns, sink)
            if record is not None:
                yield record


def _json_kind(value: Any) -> str:
    kinds = {list: "an array", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)


def _read_csv(path: Path, columns: _Columns, sink: _Errors) -> Iterator[Record]:
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    with open(path, "rb") as handle:
        lines = (
            _decode(raw, path, number).removeprefix(BOM if number == 1 else "")
            for number, raw in enumerate(handle, start=1)
        )
        reader = csv.reader(lines)
        header = next(reader, None)
        if not header:
            return
        if columns.text not in header:
            sink.add(path, f"no {columns.text!r} column (the header has {', '.join(header)}); "
                           "name the text column with text_col / --text-col", line=1)
            return
        start = reader.line_num + 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                sink.add(path, f"malformed CSV row: {exc}", line=start)
                start = reader.line_num + 1
                continue
            line, start = start, reader.line_num + 1
            if not any(field.strip() for field in fields):
                continue
            row = dict(zip(header, fields))
            if len(fields) > len(header):
                sink.add(path, f"row has {len(fields)} fields but the header has {len(header)}; "
                               "quote fields that contain commas", line=line,
                         doc_id=_clean_id(row.get(columns.id)))
                continue
            record = _make_record(row, path, line, columns, sink)
            if record is not None:
                yield record


def _read_parquet(path: Path, columns: _Columns, sink: _Errors) -> Iterator[Record]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    names = parquet.schema_arrow.names
    if columns.text not in names:
        sink.add(path, f"no {columns.text!r} column (the file has {', '.join(names)}); "
                       "name the text column with text_col / --text-col")
        return
    wanted = [c for c in (columns.id, columns.text, columns.title, columns.date) if c in names]
    number = 0
    for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=list(dict.fromkeys(wanted))):
        values = {name: batch.column(name).to_pylist() for name in batch.schema.names}
        for i in range(batch.num_rows):
            number += 1
            row = {name: column[i] for name, column in values.items()}
            record = _make_record(row, path, number, columns, sink)
            if record is not None:
                yield record


# --- one row -> one record -------------------------------------------------------------


def _make_record(
    row: Mapping[str, Any], path: Path, line: int, columns: _Columns, sink: _Errors
) -> Record | None:
    """A record from one row, or None after reporting why the row has no usable text."""
    doc_id = _clean_id(row.get(columns.id))
    text = row.get(columns.text)
    if isinstance(text, bytes):
        text = _decode(text, path, line)
    problem = None
    if columns.text not in row:
        problem = f"no {columns.text!r} field in this row"
    elif _is_missing(text):
        problem = "text is missing (null)"
    elif not isinstance(text, str):
        problem = f"text is {type(text).__name__}, expected a string"
    elif not text.strip():
        problem = "text is empty"
    if problem is not None:
        sink.add(path, problem, line=line, doc_id=doc_id)
        return None
    title = row.get(columns.title)
    if not _is_missing(title) and str(title).strip():
        text = f"{str(title).strip()}\n\n{text}"
    raw_date = row.get(columns.date)
    iso_date = normalise_date(raw_date)
    if iso_date is None and not _is_missing(raw_date) and str(raw_date).strip():
        logger.warning("%s, line %d: date %r is not a date I can read; ignored", path, line, raw_date)
    return Record(
        id=doc_id if doc_id is not None else f"{_stem(path)}:{line}",
        text=text,
        date=iso_date,
        source=str(path),
        line=line,
    )


def _stem(path: Path) -> str:
    """File name without its format extension: data.jsonl.gz -> data."""
    name = path.name
    if name.lower().endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return Path(name).stem


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _clean_id(value: Any) -> str | None:
    """An id as a string; None when missing or blank. 12.0 (a CSV/pandas float) -> "12"."""
    if _is_missing(value) or isinstance(value, (dict, list)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    text = str(value).strip()
    return text or None


_DATE_JUNK = re.compile(r"&#|[^\w\s:.,/+-]")


def normalise_date(value: Any) -> str | None:
    """A date from a file as an ISO string: "2025-06-12", "2025-06", "2025", or a full
    ISO datetime when it has a time of day. Accepts date/datetime objects (Parquet,
    pandas), ISO strings and common written forms ("26-FEB-1987 15:01:11.79",
    "June 12, 2025"). Returns None for missing or unreadable values.
    """
    if _is_missing(value):
        return None
    if isinstance(value, datetime):  # before date: datetime is a subclass of date
        return _iso_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if _PARTIAL_ISO_DATE.fullmatch(text):
        return text
    try:
        return _iso_datetime(datetime.fromisoformat(text))
    except ValueError:
        pass
    # markup or control codes after the date ("27-MAR-1987 04:05:25.22&#5;&#5;F")
    text = _DATE_JUNK.split(text, maxsplit=1)[0].strip()
    return _parse_written_date(text) if text else None


def _iso_datetime(value: datetime) -> str:
    if value.tzinfo is None and value.time() == time(0):
        return value.date().isoformat()
    return value.isoformat()


@lru_cache(maxsize=4096)  # a corpus repeats its dates; dateutil takes ~20 us a parse
def _parse_written_date(text: str) -> str | None:
    from dateutil import parser

    try:
        first, second = (parser.parse(text, default=default) for default in _DEFAULT_DATES)
    except (ValueError, OverflowError):
        return None
    if first.year != second.year:
        return None
    if first.month != second.month:
        return f"{first.year:04d}"
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    return _iso_datetime(first)


# --- decoding -------------------------------------------------------------------------


def decode_bytes(data: bytes) -> tuple[str, bool]:
    """Decode UTF-8, reading any byte that is not valid UTF-8 as cp1252 (or Latin-1).

    Returns the text and whether any byte needed the fallback. Only the bad bytes are
    re-read, so a UTF-8 file with one stray cp1252 byte keeps its other accents intact.
    """
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    view = memoryview(data)
    parts: list[str] = []
    pos = 0
    while pos < len(view):
        try:
            parts.append(codecs.utf_8_decode(view[pos:], "strict", True)[0])
            break
        except UnicodeDecodeError as exc:
            parts.append(codecs.utf_8_decode(view[pos:pos + exc.start], "strict", True)[0])
            parts.extend(_decode_single_byte(byte) for byte in view[pos + exc.start:pos + exc.end])
            pos += exc.end
    return "".join(parts), True


def _decode_single_byte(byte: int) -> str:
    try:
        return bytes((byte,)).decode(FALLBACK_ENCODING)
    except UnicodeDecodeError:
        return bytes((byte,)).decode(LAST_RESORT_ENCODING)


def _decode(data: bytes, path: Path, line: int | None) -> str:
    text, replaced = decode_bytes(data)
    if replaced:
        where = f"{path}, line {line}" if line is not None else str(path)
        logger.warning("%s: bytes that are not UTF-8 were read as %s", where, FALLBACK_ENCODING)
    return text
