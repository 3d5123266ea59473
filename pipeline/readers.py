"""Input files -> records (id, text, date), lazily, with per-row error capture.

Readers stream: JSON Lines and CSV line by line, Parquet by record batches, a folder one
file at a time. Bad input never stops a run and never silently drops a document: each
missing or unreadable input, skipped folder entry, malformed line or row without usable
text becomes one row of the ``errors`` table (``schema.ERROR_COLUMNS``) naming the file,
the line and the reason.
"""

from __future__ import annotations

import codecs
import csv
import errno
import gzip
import json
import logging
import math
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa

from pipeline.schema import ERROR_COLUMNS

logger = logging.getLogger(__name__)

STAGE = "read"
SUPPORTED_INPUTS = "a folder (read recursively), .txt, .jsonl, .jsonl.gz, .ndjson, .ndjson.gz, .csv, .parquet"
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
# A CSV record over more lines than this is taken for a quote left open (an article has
# hundreds): reading on to its end could hold the rest of a huge file in memory.
CSV_RECORD_MAX_LINES = 100_000
# What reading a broken file raises: OS errors (permission, truncated gzip), a corrupt
# Parquet file (Arrow errors, some of which are ValueError) or a broken CSV.
_READ_FAILURES = (OSError, EOFError, zlib.error, csv.Error, ValueError, pa.ArrowException)
_PARTIAL_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# Two default dates that differ in every field: what dateutil fills in from them was not
# in the text, which tells a full date from "June 2025" (-> "2025-06").
_DEFAULT_DATES = (datetime(2000, 1, 1), datetime(2001, 2, 2))
# What a folder entry that is neither a folder nor a regular file is; reading one could
# block (a FIFO without a writer) or never end (/dev/zero), so it is never opened.
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


@dataclass(frozen=True)
class Record:
    """One input document: ``source`` and ``line`` say where it came from."""

    id: str
    text: str
    date: str | None = None
    source: str | None = None
    line: int | None = None


@dataclass
class ReadStats:
    """What :func:`iter_records` has read, for the caller to judge the run's input.

    ``records``: records yielded; ``files``: files read to their end (a file with bad
    rows or without any document counts; one whose reading failed does not);
    ``errors``: error rows reported. The counts grow as the records are consumed and are
    final once the iterator is exhausted: ``records == 0`` then means that no document
    could be read from any input.
    """

    records: int = 0
    files: int = 0
    errors: int = 0


@dataclass(frozen=True)
class _Columns:
    id: str
    text: str
    title: str
    date: str


@dataclass(frozen=True)
class _Input:
    """A file to read: its path, its name in records and error rows, and the base of
    the ids made from it (the file name without its format extension, or for a file
    in a sub-folder of a named folder its path from there: "2024/a")."""

    path: Path
    source: str
    stem: str


class _Errors:
    """Collects error rows into the caller's list, or logs them when there is none."""

    def __init__(self, rows: list[dict] | None, stats: ReadStats | None = None) -> None:
        self.rows = rows
        self.stats = stats
        self.count = 0

    def add(self, source: Path | str, error: str, *, line: int | None = None, doc_id: str | None = None) -> None:
        source = _text(str(source))
        row = dict(zip(ERROR_COLUMNS, (doc_id, source, line, STAGE, error)))
        self.count += 1
        if self.stats is not None:
            self.stats.errors += 1
        if self.rows is None:
            where = f"{source}, line {line}" if line is not None else source
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
    exclude: Iterable[str | Path] = (),
    stats: ReadStats | None = None,
) -> Iterator[Record]:
    """Yield one :class:`Record` per document in ``paths``, in order, reading lazily.

    A path is a folder, a ``.txt`` file, a JSON Lines file (``.jsonl``, ``.ndjson``,
    optionally gzipped), a ``.csv`` or a ``.parquet`` file. A folder is read recursively,
    in sorted order (each folder's entries by name, a sub-folder where its name falls):
    every file of a supported format in it; the id of a ``.txt`` file is its path from
    the folder without the extension ("a", "2024/a"). Rows of the last three formats carry
    ``id_col`` and ``text_col``, optionally ``title_col`` (prepended as "TITLE\\n\\ntext")
    and ``date_col`` (kept as an ISO date string). A row without an id gets
    ``"<file stem>:<line>"`` (the stem with its sub-folders in a folder: "2024/feed:3").
    Duplicate ids are passed on as they are.

    ``exclude``: paths (folders or files) never read, such as the run's output folder
    when it lies inside an input folder: a folder entry there is skipped silently, a
    named input there is reported. ``stats``: a :class:`ReadStats` the counts of what
    was read go to (how many records, so that a caller can tell a run that read nothing).

    Whatever cannot become a record is appended to ``errors`` as a row with the keys of
    ``schema.ERROR_COLUMNS`` (logged as a warning when ``errors`` is None): a missing or
    unreadable input, a folder entry skipped (another format, not a regular file, a broken
    symlink or one leading back into the folders being read), a malformed line or row.
    Nothing here raises for bad input. Bytes that are not UTF-8 do not reject a document:
    they are decoded as cp1252 and a warning is logged.
    """
    columns = _Columns(id=id_col, text=text_col, title=title_col, date=date_col)
    sink = _Errors(errors, stats)
    excluded = frozenset(_real_path(Path(path)) for path in exclude)
    for path in paths:
        records = _read_input(Path(path), columns, sink, excluded)
        if stats is None:
            yield from records
            continue
        for record in records:
            stats.records += 1
            yield record


# --- inputs, folders ---------------------------------------------------------------------


def _read_input(path: Path, columns: _Columns, sink: _Errors, excluded: frozenset[str]) -> Iterator[Record]:
    """Records of one named input: a folder or a file; every reason it cannot be read
    (missing, excluded, no access, not a file) is one error row, never an exception."""
    if excluded and _inside(_real_path(path), excluded):
        sink.add(
            path,
            "not read: excluded by the caller (it is, or is inside, an excluded path such as the run's output folder)",
        )
        return
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        sink.add(path, _stat_failure(path, exc, named=True))
        return
    if stat.S_ISDIR(mode):
        yield from _read_folder(path, columns, sink, excluded)
    elif _reader_for(path) is None:
        sink.add(path, _unsupported(path))
    elif stat.S_ISREG(mode) or stat.S_ISFIFO(mode):  # a FIFO named by the caller is streamed
        yield from _read_file(_Input(path, _text(str(path)), _text(_stem(path))), columns, sink)
    else:
        sink.add(path, f"not a regular file ({_special_kind(mode)}); not read")


def _read_folder(folder: Path, columns: _Columns, sink: _Errors, excluded: frozenset[str]) -> Iterator[Record]:
    names = _list_folder(folder, sink)
    if names is None:
        return
    found = 0
    for file in _walk(folder, names, sink, excluded):
        found += 1
        yield from _read_file(file, columns, sink)
    if not found:
        sink.add(folder, f"folder has no supported input files; supported inputs: {SUPPORTED_INPUTS}")


@dataclass
class _Folder:
    """A folder being walked: its path as named, its real path, the path from the named
    folder (parts), and the names of its entries not looked at yet (last first)."""

    path: Path
    real: str
    parts: tuple[str, ...]
    names: list[str]


def _walk(top: Path, names: list[str], sink: _Errors, excluded: frozenset[str]) -> Iterator[_Input]:
    """The files to read under ``top`` (whose entries are ``names``), depth first, each
    folder's entries sorted by name.

    Every entry not read is one error row, but those in ``excluded``. Only regular files
    are opened. Symlinks are followed, with their real paths checked: one leading to a
    folder that holds a folder being walked is a loop; one leading into ``top`` is read
    there, under its own name, not twice; one leading outside is read, once (a second
    link to a folder read already is reported). Lazy: a folder is listed when reached.
    """
    top_real = _real_path(top)
    stack = [_Folder(top, top_real, (), names)]
    visited = {top_real: top}  # real path of every folder walked -> its path as walked
    while stack:
        folder = stack[-1]
        if not folder.names:
            stack.pop()
            continue
        name = folder.names.pop()
        path = folder.path / name
        real = os.path.join(folder.real, name)
        if real in excluded:
            continue
        try:
            mode = path.lstat().st_mode
        except OSError as exc:
            sink.add(path, _stat_failure(path, exc))
            continue
        link = stat.S_ISLNK(mode)
        if link:
            try:
                mode = path.stat().st_mode
            except OSError as exc:
                sink.add(path, _stat_failure(path, exc))
                continue
            real = _real_path(path)
            if _inside(real, excluded):
                continue
        if stat.S_ISDIR(mode):
            problem = _folder_seen(path, real, link, top, top_real, stack, visited)
            if problem is not None:
                sink.add(path, problem)
                continue
            names = _list_folder(path, sink)
            if names is not None:
                visited[real] = path
                stack.append(_Folder(path, real, (*folder.parts, name), names))
        elif not stat.S_ISREG(mode):
            sink.add(path, f"not a regular file ({_special_kind(mode)}); not read")
        elif _reader_for(path) is None:
            sink.add(path, _unsupported(path))
        elif link and _inside(real, (top_real,)):
            sink.add(path, f"symlink to {_relative(real, top, top_real)}, a file in this folder: read there, not twice")
        else:
            stem = "/".join((*folder.parts, _stem(path)))
            yield _Input(path, _text(str(path)), _text(stem))


def _folder_seen(
    path: Path, real: str, link: bool, top: Path, top_real: str, stack: list[_Folder], visited: dict[str, Path]
) -> str | None:
    """Why the folder at ``path`` (real path ``real``; ``link``: reached through a
    symlink) is not walked, or None: it holds a folder being walked (a loop), or it was,
    or will be, walked under another path."""
    if link:
        for walking in stack:
            if walking.real == real:
                return f"symlink loop: leads back to {walking.path}, which is being read"
            if _inside(walking.real, (real,)):
                return f"symlink loop: leads to {real}, which holds {walking.path}, being read"
    if real in visited:
        return f"folder already read as {visited[real]}; not read twice"
    if link and _inside(real, (top_real,)):
        return f"symlink to {_relative(real, top, top_real)}, a folder in this folder: read there, not twice"
    return None


def _list_folder(folder: Path, sink: _Errors) -> list[str] | None:
    """The names in ``folder``, sorted last first (they are popped); None after
    reporting why it cannot be listed."""
    try:
        return sorted((entry.name for entry in folder.iterdir()), reverse=True)
    except OSError as exc:
        sink.add(folder, f"cannot list folder: {_os_reason(exc)}")
        return None


def _real_path(path: Path) -> str:
    """The absolute path with every symlink resolved (as far as they resolve)."""
    return os.path.realpath(path)


def _inside(real: str, roots: Iterable[str]) -> bool:
    """Whether the real path ``real`` is one of ``roots`` or inside one."""
    for root in roots:
        if real == root or real.startswith(root if root.endswith(os.sep) else root + os.sep):
            return True
    return False


def _relative(real: str, top: Path, top_real: str) -> Path:
    return top / os.path.relpath(real, top_real)


def _stat_failure(path: Path, exc: OSError, *, named: bool = False) -> str:
    """Why looking at ``path`` failed, in words."""
    if isinstance(exc, FileNotFoundError):
        try:
            target = os.readlink(path)
        except OSError:  # not a symlink (or gone): the path itself does not exist
            return "file not found" if named else f"cannot access: {_os_reason(exc)}"
        return f"broken symlink: its target {target} does not exist"
    if exc.errno == errno.ELOOP:
        return "symlink loop: the link leads back to itself"
    return f"cannot access: {_os_reason(exc)}"


def _special_kind(mode: int) -> str:
    for test, kind in _SPECIAL_FILES:
        if test(mode):
            return kind
    return "unknown file type"


def _unsupported(path: Path) -> str:
    return (
        f"unsupported input format {''.join(path.suffixes) or '(no extension)'!r}; supported inputs: {SUPPORTED_INPUTS}"
    )


def _read_file(file: _Input, columns: _Columns, sink: _Errors) -> Iterator[Record]:
    """Records of one file; an unreadable file or a read failure midway is one error row."""
    reader = _reader_for(file.path)
    errors_before = sink.count
    n_records = 0
    try:
        for record in reader(file, columns, sink):
            n_records += 1
            yield record
    except _READ_FAILURES as exc:
        after = f" after {n_records} record(s)" if n_records else ""
        sink.add(file.source, f"cannot read file{after}: {_os_reason(exc)}")
        return
    if sink.stats is not None:
        sink.stats.files += 1
    if n_records == 0 and sink.count == errors_before:
        sink.add(file.source, "empty file: no documents in it")


def _reader_for(path: Path) -> Callable[[_Input, _Columns, _Errors], Iterator[Record]] | None:
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


def _text(value: str) -> str:
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


# --- formats --------------------------------------------------------------------------


def _read_txt(file: _Input, columns: _Columns, sink: _Errors) -> Iterator[Record]:
    text = _decode(file.path.read_bytes(), file.source, None).removeprefix(BOM)
    if not text.strip():
        sink.add(file.source, "empty document", doc_id=file.stem)
        return
    yield Record(id=file.stem, text=text, source=file.source)


def _open_binary(path: Path) -> BinaryIO:
    if path.name.lower().endswith(GZIP_SUFFIX):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _read_jsonl(file: _Input, columns: _Columns, sink: _Errors) -> Iterator[Record]:
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


def _read_csv(file: _Input, columns: _Columns, sink: _Errors) -> Iterator[Record]:
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
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
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


def _csv_header(reader: Iterator[list[str]], lines: _CsvLines, file: _Input, sink: _Errors) -> list[str] | None:
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


def _csv_first_line_id(line: str, header: list[str], columns: _Columns) -> str | None:
    """The id in the first line of a bad record, if it has one before the bad quote."""
    try:
        fields = next(csv.reader((line,)), [])
    except csv.Error:
        return None
    return _clean_id(dict(zip(header, fields)).get(columns.id))


def _read_parquet(file: _Input, columns: _Columns, sink: _Errors) -> Iterator[Record]:
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


def _make_record(row: Mapping[str, Any], file: _Input, line: int, columns: _Columns, sink: _Errors) -> Record | None:
    """A record from one row, or None after reporting why the row has no usable text."""
    doc_id = _clean_id(row.get(columns.id))
    text = row.get(columns.text)
    if isinstance(text, bytes):
        text = _decode(text, file.source, line)
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
        sink.add(file.source, problem, line=line, doc_id=doc_id)
        return None
    title = row.get(columns.title)
    if not _is_missing(title) and str(title).strip():
        text = f"{str(title).strip()}\n\n{text}"
    raw_date = row.get(columns.date)
    iso_date = normalise_date(raw_date)
    if iso_date is None and not _is_missing(raw_date) and str(raw_date).strip():
        logger.warning("%s, line %d: date %r is not a date I can read; ignored", file.source, line, raw_date)
    return Record(
        id=doc_id if doc_id is not None else f"{file.stem}:{line}",
        text=text,
        date=iso_date,
        source=file.source,
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
