"""Input file formats: one file -> records (id, text, date), lazily, with error rows.

A ``.txt`` file is one document; JSON Lines (``.jsonl``, ``.ndjson``, optionally
gzipped) and CSV are read line by line, Parquet by record batches. A row that cannot
become a record is one error row (:class:`ErrorSink`), never an exception. Bytes that
are not UTF-8 are read as cp1252 (:func:`decode_bytes`). Folders, and which files are
read, are :mod:`pipeline.readers`'s.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import json
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .dates import normalise_date
from .records import Record
from .schema import error_row, is_missing

if TYPE_CHECKING:
    from .readers import ReadStats

logger = logging.getLogger(__name__)

STAGE = "read"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
GZIP_SUFFIX = ".gz"
# Rows per Parquet record batch: small enough to bound memory whatever the file size.
PARQUET_BATCH_ROWS = 1024
# Bytes that are not valid UTF-8 are read as Windows-1252 (what stray bytes in English
# news usually are); the five bytes cp1252 leaves undefined are read as Latin-1.
FALLBACK_ENCODING = "cp1252"
LAST_RESORT_ENCODING = "latin-1"
BOM = "\ufeff"
# Python's csv module refuses fields over 128 KiB by default; a document can be longer
# (and so can the evidence in the output tables, pipeline/readback.py).
CSV_FIELD_LIMIT = 2**31 - 1
# A CSV record over more lines than this is taken for a quote left open (an article has
# hundreds): reading on to its end could hold the rest of a huge file in memory.
CSV_RECORD_MAX_LINES = 100_000


@dataclass(frozen=True)
class Columns:
    id: str
    text: str
    title: str
    date: str


@dataclass(frozen=True)
class InputFile:
    """A file to read: its path, its name in records and error rows, and the base of
    the ids made from it (the file name without its format extension, or for a file
    in a sub-folder of a named folder its path from there: "2024/a")."""

    path: Path
    source: str
    stem: str


class ErrorSink:
    """Collects error rows into the caller's list, or logs them when there is none."""

    def __init__(self, rows: list[dict] | None, stats: ReadStats | None = None) -> None:
        self.rows = rows
        self.stats = stats
        self.count = 0

    def add(self, source: Path | str, error: str, *, line: int | None = None, doc_id: str | None = None) -> None:
        source = printable(str(source))
        row = error_row(doc_id, source, line, STAGE, error)
        self.count += 1
        if self.stats is not None:
            self.stats.errors += 1
        if self.rows is None:
            where = f"{source}, line {line}" if line is not None else source
            logger.warning("%s: %s", where, error)
        else:
            self.rows.append(row)


def os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def printable(value: str) -> str:
    """A path or name as text that can be written: the bytes of a file name that is
    not UTF-8 (Python keeps them as lone surrogates, which Arrow refuses) are decoded
    as the bytes of a text are (:func:`decode_bytes`)."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    try:
        return decode_bytes(value.encode("utf-8", "surrogateescape"))[0]
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")


def allow_long_csv_fields() -> None:
    """Let Python's csv module read fields up to :data:`CSV_FIELD_LIMIT` characters."""
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)


def reader_for(path: Path) -> Callable[[InputFile, Columns, ErrorSink], Iterator[Record]] | None:
    name = path.name.lower()
    if name.endswith(tuple(suffix + GZIP_SUFFIX for suffix in JSONL_SUFFIXES)):
        return _read_jsonl
    readers = {".txt": _read_txt, ".csv": _read_csv, ".parquet": _read_parquet}
    readers.update({suffix: _read_jsonl for suffix in JSONL_SUFFIXES})
    return readers.get(path.suffix.lower())


# --- formats --------------------------------------------------------------------------


def _read_txt(file: InputFile, columns: Columns, sink: ErrorSink) -> Iterator[Record]:
    text = _decode(file.path.read_bytes(), file.source, None).removeprefix(BOM)
    if not text.strip():
        sink.add(file.source, "empty document", doc_id=file.stem)
        return
    yield Record(id=file.stem, text=text, source=file.source)


def _open_binary(path: Path) -> BinaryIO:
    if path.name.lower().endswith(GZIP_SUFFIX):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _read_jsonl(file: InputFile, columns: Columns, sink: ErrorSink) -> Iterator[Record]:
    with _open_binary(file.path) as handle:
        for number, raw in enumerate(handle, start=1):
            line = _decode(raw, file.source, number)
            if number == 1:
                line = line.removeprefix(BOM)
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                sink.add(file.source, f"malformed JSON: {exc.msg} (column {exc.colno})", line=number)
                continue
            except RecursionError:  # arrays or objects nested thousands deep
                sink.add(file.source, "malformed JSON: nested too deeply to read", line=number)
                continue
            if not isinstance(row, dict):
                sink.add(
                    file.source,
                    f"JSON line is {_json_kind(row)}, expected an object with {columns.id!r} and {columns.text!r}",
                    line=number,
                )
                continue
            record = _make_record(row, file, number, columns, sink)
            if record is not None:
                yield record


def _json_kind(value: Any) -> str:
    kinds = {
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return kinds.get(type(value), type(value).__name__)


class _CsvLines:
    """The lines of a CSV file as ``csv.reader`` takes them: decoded, counted, and those
    of the record being read kept (``record``, from line number ``first``), so that a
    record found not credible can be given back and read again from its second line.

    ``at_end`` tells that the reader asked for a line after the last one while reading
    the current record: a quoted field still open at the end of the file. A record
    reaching ``CSV_RECORD_MAX_LINES`` lines raises :class:`_RecordRunsOn`. The lines come
    from a generator (what csv.reader iterates fastest); once it has ended, lines given
    back need a new one, hence a new reader (:meth:`read_again_after_first`).
    """

    def __init__(self, handle: BinaryIO, source: str) -> None:
        self.record: list[str] = []
        self.first = 1
        self.at_end = False
        self.ended = False
        self._again: list[str] = []  # lines given back, to be read again (last first)
        self._raw = iter(handle)
        self._source = source
        self._number = 0

    def __iter__(self) -> Iterator[str]:
        record, again, source, limit = self.record, self._again, self._source, CSV_RECORD_MAX_LINES
        self.ended = False
        for raw in self._raw:
            self._number += 1
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = _decode(raw, source, self._number)
            if self._number == 1:
                line = line.removeprefix(BOM)
            while again:  # lines given back come before the one just read
                kept = again.pop()
                record.append(kept)
                yield kept
            record.append(line)
            if len(record) >= limit:
                self.ended = True
                raise _RecordRunsOn
            yield line
        while again:
            kept = again.pop()
            record.append(kept)
            yield kept
        self.at_end = self.ended = True

    def next_record(self) -> int:
        """Start a record after the current one; the number of its first line."""
        self.first += len(self.record)
        self.record.clear()
        self.at_end = False
        return self.first

    def read_again_after_first(self) -> bool:
        """Give back the lines of the current record after its first: the next record
        starts on the line after that one. True when the lines ran out, so that a new
        reader must take them (``csv.reader(lines)``)."""
        self._again.extend(reversed(self.record[1:]))
        del self.record[1:]
        return self.ended


class _RecordRunsOn(Exception):
    """A CSV record reached ``CSV_RECORD_MAX_LINES`` lines."""


def _read_csv(file: InputFile, columns: Columns, sink: ErrorSink) -> Iterator[Record]:
    """Rows of a CSV file, read strictly enough that one bad row costs only itself.

    A quoted field may span lines (an article with its line breaks), so a quote opened
    and never closed would swallow every later row into one. A record over several lines
    is therefore checked (it costs nothing for the others): it must parse strictly (no
    text after a closing quote, not end inside quotes), have the header's width and not
    be made of lines that are complete rows by themselves; if not, its first line is an
    error row and reading goes on at the next line. A one-line record keeps the lenient
    reading of stray quotes ('a,"b" c' -> "b c"), but a quote it leaves open at the end
    of the file is an error. Rows with more or fewer fields than the header are errors.
    """
    allow_long_csv_fields()
    with open(file.path, "rb") as handle:
        lines = _CsvLines(handle, file.source)
        reader = csv.reader(lines, strict=True)
        header = _csv_header(reader, lines, file, sink)
        if not header:
            return
        if columns.text not in header:
            sink.add(
                file.source,
                f"no {columns.text!r} column (the header has {', '.join(header)}); "
                "name the text column with text_col / --text-col",
                line=1,
            )
            return
        width = len(header)
        while True:
            line = lines.next_record()
            failure = None
            try:
                fields = next(reader)
            except StopIteration:
                return
            except (csv.Error, _RecordRunsOn) as exc:
                fields, failure = None, exc
            if len(lines.record) > 1:
                problem = _csv_runaway(fields, failure, lines, width)
                if problem is not None:
                    sink.add(
                        file.source,
                        f"{problem}; reading goes on at line {line + 1}",
                        line=line,
                        doc_id=_csv_first_line_id(lines.record[0], header, columns),
                    )
                    if lines.read_again_after_first():
                        reader = csv.reader(lines, strict=True)
                    continue
            elif fields is None:
                if lines.at_end:
                    sink.add(
                        file.source,
                        "unclosed quote: a quoted field opened in this row is never closed (the file ends)",
                        line=line,
                        doc_id=_csv_first_line_id(lines.record[0], header, columns),
                    )
                    continue
                fields = _csv_line_fields(lines.record[0], strict=False)
                if fields is None:
                    sink.add(file.source, f"malformed CSV row: {failure}", line=line)
                    continue
            if not any(field.strip() for field in fields):
                continue
            row = dict(zip(header, fields))
            if len(fields) != width:
                hint = "; quote fields that contain commas" if len(fields) > width else ""
                sink.add(
                    file.source,
                    f"row has {len(fields)} field{'s' if len(fields) != 1 else ''} but the header has {width}{hint}",
                    line=line,
                    doc_id=_clean_id(row.get(columns.id)),
                )
                continue
            record = _make_record(row, file, line, columns, sink)
            if record is not None:
                yield record


def _csv_header(reader: Iterator[list[str]], lines: _CsvLines, file: InputFile, sink: ErrorSink) -> list[str] | None:
    """The header row; None for an empty file, or after reporting a header that cannot
    be read (its one line is read leniently as the rows are)."""
    lines.next_record()
    try:
        return next(reader)
    except StopIteration:
        return None
    except (csv.Error, _RecordRunsOn) as exc:
        if len(lines.record) == 1 and not lines.at_end:
            header = _csv_line_fields(lines.record[0], strict=False)
            if header is not None:
                return header
        closing = lines.at_end or isinstance(exc, _RecordRunsOn)
        reason = "a quoted column name is never closed" if closing else str(exc)
        sink.add(file.source, f"malformed CSV header: {reason}", line=1)
        return None


def _csv_runaway(fields: list[str] | None, failure: Exception | None, lines: _CsvLines, width: int) -> str | None:
    """Why a record read over several lines is not credible, or None when it is."""
    last = lines.first + len(lines.record) - 1
    if isinstance(failure, _RecordRunsOn):
        return (
            f"unclosed quote: a quoted field opened in this row runs on for {len(lines.record):,} lines "
            f"(to line {last}) without closing"
        )
    if failure is not None:
        if lines.at_end:
            return f"unclosed quote: a quoted field opened in this row is never closed (it runs to the end of the file, line {last})"
        return f"unclosed quote: a quoted field opened in this row runs on to line {last}, where the CSV breaks ({failure})"
    if len(fields) != width:
        return (
            f"unclosed quote: a quoted field opened in this row runs on to line {last}, "
            f"making a row of {len(fields)} fields (the header has {width})"
        )
    if _csv_swallows_rows(lines.record, width):
        return (
            f"unclosed quote: a quoted field opened in this row swallows lines {lines.first + 1}-{last - 1}, "
            "which read as rows by themselves"
        )
    return None


def _csv_swallows_rows(record: list[str], width: int) -> bool:
    """Whether every line inside a record (not its first or last) reads by itself as a
    complete row of ``width`` fields: the rows after a quote left open. A line of text
    inside a quoted field seldom does (a blank line between paragraphs never), and the
    first that does not ends the check. Not used for one-column files, where any line is
    a row."""
    inner = record[1:-1]
    if width < 2 or not inner:
        return False
    for line in inner:
        if line.count(",") < width - 1:
            return False
        fields = _csv_line_fields(line, strict=True)
        if fields is None or len(fields) != width:
            return False
    return True


def _csv_line_fields(line: str, *, strict: bool) -> list[str] | None:
    """The fields of one line read as a CSV row by itself; None when it is not one (a
    CSV error, or a quote left open at its end)."""
    ran_over = False

    def only_line() -> Iterator[str]:
        nonlocal ran_over
        yield line
        ran_over = True

    try:
        fields = next(csv.reader(only_line(), strict=strict), None)
    except csv.Error:
        return None
    return None if ran_over else fields


def _csv_first_line_id(line: str, header: list[str], columns: Columns) -> str | None:
    """The id in the first line of a bad record, if it has one before the bad quote."""
    try:
        fields = next(csv.reader((line,)), [])
    except csv.Error:
        return None
    return _clean_id(dict(zip(header, fields)).get(columns.id))


def _read_parquet(file: InputFile, columns: Columns, sink: ErrorSink) -> Iterator[Record]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(file.path)
    names = parquet.schema_arrow.names
    if columns.text not in names:
        sink.add(
            file.source,
            f"no {columns.text!r} column (the file has {', '.join(names)}); "
            "name the text column with text_col / --text-col",
        )
        return
    wanted = [c for c in (columns.id, columns.text, columns.title, columns.date) if c in names]
    number = 0
    for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=list(dict.fromkeys(wanted))):
        values = {name: batch.column(name).to_pylist() for name in batch.schema.names}
        for i in range(batch.num_rows):
            number += 1
            row = {name: column[i] for name, column in values.items()}
            record = _make_record(row, file, number, columns, sink)
            if record is not None:
                yield record


# --- one row -> one record -------------------------------------------------------------


def _make_record(
    row: Mapping[str, Any], file: InputFile, line: int, columns: Columns, sink: ErrorSink
) -> Record | None:
    """A record from one row, or None after reporting why the row has no usable text."""
    doc_id = _clean_id(row.get(columns.id))
    text = row.get(columns.text)
    if isinstance(text, bytes):
        text = _decode(text, file.source, line)
    problem = None
    if columns.text not in row:
        problem = f"no {columns.text!r} field in this row"
    elif is_missing(text):
        problem = "text is missing (null)"
    elif not isinstance(text, str):
        problem = f"text is {type(text).__name__}, expected a string"
    elif not text.strip():
        problem = "text is empty"
    if problem is not None:
        sink.add(file.source, problem, line=line, doc_id=doc_id)
        return None
    title = row.get(columns.title)
    if not is_missing(title) and str(title).strip():
        text = f"{str(title).strip()}\n\n{text}"
    raw_date = row.get(columns.date)
    iso_date = normalise_date(raw_date)
    if iso_date is None and not is_missing(raw_date) and str(raw_date).strip():
        logger.warning("%s, line %d: date %r is not a date I can read; ignored", file.source, line, raw_date)
    return Record(
        id=doc_id if doc_id is not None else f"{file.stem}:{line}",
        text=text,
        date=iso_date,
        source=file.source,
        line=line,
    )


def file_stem(path: Path) -> str:
    """File name without its format extension: data.jsonl.gz -> data."""
    name = path.name
    if name.lower().endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return Path(name).stem


def _clean_id(value: Any) -> str | None:
    """An id as a string; None when missing or blank. 12.0 (a CSV/pandas float) -> "12"."""
    if is_missing(value) or isinstance(value, (dict, list)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    text = str(value).strip()
    return text or None


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
            parts.append(codecs.utf_8_decode(view[pos : pos + exc.start], "strict", True)[0])
            parts.extend(_decode_single_byte(byte) for byte in view[pos + exc.start : pos + exc.end])
            pos += exc.end
    return "".join(parts), True


def _decode_single_byte(byte: int) -> str:
    try:
        return bytes((byte,)).decode(FALLBACK_ENCODING)
    except UnicodeDecodeError:
        return bytes((byte,)).decode(LAST_RESORT_ENCODING)


def _decode(data: bytes, source: str, line: int | None) -> str:
    text, replaced = decode_bytes(data)
    if replaced:
        where = f"{source}, line {line}" if line is not None else source
        logger.warning("%s: bytes that are not UTF-8 were read as %s", where, FALLBACK_ENCODING)
    return text
