"""Input files -> records (id, text, date), lazily, with per-row error capture.

Readers stream: JSON Lines and CSV line by line, Parquet by record batches, a folder one
file at a time. Bad input never stops a run and never silently drops a document: each
missing or unreadable input, skipped folder entry, malformed line or row without usable
text becomes one row of the ``errors`` table (``schema.ERROR_COLUMNS``) naming the file,
the line and the reason.
"""

from __future__ import annotations

import csv
import errno
import logging
import os
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from .dates import normalise_date
from .formats import (
    STAGE,
    Columns,
    ErrorSink,
    InputFile,
    decode_bytes,
    file_stem,
    os_reason,
    printable,
    reader_for,
)
from .records import Record

# Also the readers': the stage of their error rows, the record they make, how they read
# bytes and dates (their homes: pipeline.formats, pipeline.records, pipeline.dates).
__all__ = ["STAGE", "ReadStats", "Record", "decode_bytes", "iter_records", "normalise_date"]

logger = logging.getLogger(__name__)

SUPPORTED_INPUTS = "a folder (read recursively), .txt, .jsonl, .jsonl.gz, .ndjson, .ndjson.gz, .csv, .parquet"
# What reading a broken file raises: OS errors (permission, truncated gzip), a corrupt
# Parquet file (Arrow errors, some of which are ValueError) or a broken CSV.
_READ_FAILURES = (OSError, EOFError, zlib.error, csv.Error, ValueError, pa.ArrowException)
# What a folder entry that is neither a folder nor a regular file is; reading one could
# block (a FIFO without a writer) or never end (/dev/zero), so it is never opened.
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


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
    columns = Columns(id=id_col, text=text_col, title=title_col, date=date_col)
    sink = ErrorSink(errors, stats)
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


def _read_input(path: Path, columns: Columns, sink: ErrorSink, excluded: frozenset[str]) -> Iterator[Record]:
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
    elif reader_for(path) is None:
        sink.add(path, _unsupported(path))
    elif stat.S_ISREG(mode) or stat.S_ISFIFO(mode):  # a FIFO named by the caller is streamed
        yield from _read_file(InputFile(path, printable(str(path)), printable(file_stem(path))), columns, sink)
    else:
        sink.add(path, f"not a regular file ({_special_kind(mode)}); not read")


def _read_folder(folder: Path, columns: Columns, sink: ErrorSink, excluded: frozenset[str]) -> Iterator[Record]:
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


def _walk(top: Path, names: list[str], sink: ErrorSink, excluded: frozenset[str]) -> Iterator[InputFile]:
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
        elif reader_for(path) is None:
            sink.add(path, _unsupported(path))
        elif link and _inside(real, (top_real,)):
            sink.add(path, f"symlink to {_relative(real, top, top_real)}, a file in this folder: read there, not twice")
        else:
            stem = "/".join((*folder.parts, file_stem(path)))
            yield InputFile(path, printable(str(path)), printable(stem))


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


def _list_folder(folder: Path, sink: ErrorSink) -> list[str] | None:
    """The names in ``folder``, sorted last first (they are popped); None after
    reporting why it cannot be listed."""
    try:
        return sorted((entry.name for entry in folder.iterdir()), reverse=True)
    except OSError as exc:
        sink.add(folder, f"cannot list folder: {os_reason(exc)}")
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
            return "file not found" if named else f"cannot access: {os_reason(exc)}"
        return f"broken symlink: its target {target} does not exist"
    if exc.errno == errno.ELOOP:
        return "symlink loop: the link leads back to itself"
    return f"cannot access: {os_reason(exc)}"


def _special_kind(mode: int) -> str:
    for test, kind in _SPECIAL_FILES:
        if test(mode):
            return kind
    return "unknown file type"


def _unsupported(path: Path) -> str:
    return (
        f"unsupported input format {''.join(path.suffixes) or '(no extension)'!r}; supported inputs: {SUPPORTED_INPUTS}"
    )


def _read_file(file: InputFile, columns: Columns, sink: ErrorSink) -> Iterator[Record]:
    """Records of one file; an unreadable file or a read failure midway is one error row."""
    reader = reader_for(file.path)
    errors_before = sink.count
    n_records = 0
    try:
        for record in reader(file, columns, sink):
            n_records += 1
            yield record
    except _READ_FAILURES as exc:
        after = f" after {n_records} record(s)" if n_records else ""
        sink.add(file.source, f"cannot read file{after}: {os_reason(exc)}")
        return
    if sink.stats is not None:
        sink.stats.files += 1
    if n_records == 0 and sink.count == errors_before:
        sink.add(file.source, "empty file: no documents in it")
