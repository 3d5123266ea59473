"""The output folder: what a run may touch in it, one run at a time, and publishing.

Three guarantees, which every run (local or Dask) gets through :class:`Outdir`:

- **Only files this tool wrote are replaced or removed.** After each run,
  ``OUTDIR/.state/manifest.json`` records the files it published, with their size and
  modification time. A file is ours when the manifest names it and it is unchanged since
  (a folder written by an older version without a manifest: the files of the format its
  ``run.json`` names). Before any work, a run that would replace a file that is not ours,
  or an input of the run, is refused (:class:`OutdirError`); files of another format that
  are not ours are left where they are, and never read as results.
- **One run at a time.** A run holds an exclusive lock on ``OUTDIR/.state/lock`` (an OS
  file lock, released by the OS if the process dies); a second run on the same folder is
  refused at once with a message naming the first one's process.
- **The final tables are published as a whole.** They are written into
  ``OUTDIR/.state/staging-<run_id>/``; then a journal (``.state/publish.json``) lists the
  files, each is renamed into place, the manifest is written and the journal removed. A
  run stopped during the renames is completed by the next run on the folder (or by
  :func:`recover`), so readers never see new mentions beside old deals for longer than a
  crash lasts; a run that fails before (a full disk) leaves the earlier tables untouched.
  Temporary files and staging folders left by a crash are removed.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

from .errors import Errors, SpacyDealsError
from .readback import written_format
from .tables import DATA_TABLES, DUCKDB_FILE, ERRORS_FILE, FILE_EXTENSIONS, FORMATS, atomic_write_text

STATE_DIR = ".state"
PARTS_DIR = ".parts"
LOCK_FILE = "lock"
MANIFEST_FILE = "manifest.json"
JOURNAL_FILE = "publish.json"
STAGING_PREFIX = "staging-"
RUN_FILE = "run.json"
# The file in .parts that marks it as a run's chunk folder (see pipeline.run).
PARTS_MARKER = "state.json"


class OutdirError(SpacyDealsError):
    """OUTDIR cannot be used as asked: the message says why and what to do."""


def output_names(fmt: str) -> list[str]:
    """The files a run writing ``fmt`` publishes in OUTDIR (run.json last)."""
    if fmt == "duckdb":
        return [DUCKDB_FILE, ERRORS_FILE, RUN_FILE]
    ext = FILE_EXTENSIONS[fmt]
    names = [f"{name}{ext}" for name in DATA_TABLES]
    if ext != ".jsonl":  # errors in the chosen format too, beside errors.jsonl
        names.append(f"errors{ext}")
    return [*names, ERRORS_FILE, RUN_FILE]


def all_output_names() -> set[str]:
    """Every name a run of any format may publish."""
    return {name for fmt in FORMATS for name in output_names(fmt)}


class Outdir:
    """One output folder (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.state = self.path / STATE_DIR
        self._lock_handle = None

    # --- the lock -------------------------------------------------------------------

    @contextmanager
    def locked(self) -> Iterator[Outdir]:
        """Hold the folder's lock; refuse when another run holds it."""
        self.state.mkdir(parents=True, exist_ok=True)
        handle = open(self.state / LOCK_FILE, "a+", encoding="utf-8")
        try:
            if not _try_lock(handle):
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise OutdirError(Errors.E312.format(path=self.path, holder=holder))
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}, command {' '.join(sys.argv)[:200]}")
            handle.flush()
            self._lock_handle = handle
            yield self
        finally:
            self._lock_handle = None
            _unlock(handle)
            handle.close()

    # --- what is ours ---------------------------------------------------------------

    def manifest(self) -> dict[str, list[int]]:
        """name -> [size, mtime_ns] of the files this tool published here last."""
        try:
            data = json.loads((self.state / MANIFEST_FILE).read_text(encoding="utf-8"))
            files = data.get("files", {})
            return {str(name): list(value) for name, value in files.items()}
        except (OSError, ValueError, AttributeError, TypeError):
            return self._legacy_manifest()

    def _legacy_manifest(self) -> dict[str, list[int]]:
        """A folder written before manifests: its run.json, if it is ours, names the format."""
        try:
            info = json.loads((self.path / RUN_FILE).read_text(encoding="utf-8"))
            fmt = info["settings"]["format"]
            if "spacy_deals" not in info.get("versions", {}) or fmt not in FORMATS:
                return {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}
        names = output_names(fmt)
        return {name: _signature(self.path / name) for name in names if (self.path / name).is_file()}

    def owned(self, name: str, manifest: Optional[dict[str, list[int]]] = None) -> bool:
        """Whether OUTDIR/name is a file this tool wrote and nobody changed since."""
        manifest = self.manifest() if manifest is None else manifest
        path = self.path / name
        return name in manifest and path.is_file() and not path.is_symlink() and _signature(path) == manifest[name]

    def check(self, fmt: str, inputs: Iterable[Path]) -> list[str]:
        """Refuse (:class:`OutdirError`) a run writing ``fmt`` that would replace a file
        that is not ours or an input; return the names of our files of other formats,
        which the run removes when it publishes (so that nobody reads old results)."""
        manifest = self.manifest()
        inputs = [Path(path) for path in inputs]
        problems = []
        for name in output_names(fmt):
            path = self.path / name
            if not (path.exists() or path.is_symlink()):
                continue
            if any(_same_file(path, source) for source in inputs):
                problems.append(f"{name} is an input of this run")
            elif not self.owned(name, manifest):
                problems.append(f"{name} was not written by spacy-deals (or was changed since)")
        parts = self.path / PARTS_DIR
        if parts.exists() and not (parts / PARTS_MARKER).is_file():
            problems.append(f"{PARTS_DIR}/ was not made by spacy-deals")
        if problems:
            raise OutdirError(Errors.E313.format(path=self.path, problems="; ".join(problems)))
        keep = set(output_names(fmt))
        return [
            name
            for name in sorted(manifest)
            if name not in keep
            and self.owned(name, manifest)
            and not any(_same_file(self.path / name, source) for source in inputs)
        ]

    def own_paths(self, fmt: str) -> list[Path]:
        """Everything of this tool's in OUTDIR (its state and chunks, the files it wrote,
        those a run writing ``fmt`` will write), which a run never reads as input, even
        when OUTDIR lies in an input folder."""
        manifest = self.manifest()
        names = {name for name in manifest if self.owned(name, manifest)} | set(output_names(fmt))
        return [self.state, self.path / PARTS_DIR, *(self.path / name for name in sorted(names))]

    def format_written(self) -> Optional[str]:
        """The format of the tables this tool published here last, if known."""
        return written_format(self.path)

    # --- publishing -----------------------------------------------------------------

    def staging(self, run_id: str) -> Path:
        """A fresh folder to write the final files of run ``run_id`` into."""
        folder = self.state / f"{STAGING_PREFIX}{run_id}"
        folder.mkdir(parents=True, exist_ok=False)
        return folder

    def publish(self, staging: Path, remove: Iterable[str] = ()) -> None:
        """Move every file of ``staging`` into OUTDIR, remove our files named in
        ``remove``, record the manifest (see the module docstring)."""
        names = sorted(path.name for path in staging.iterdir() if not path.name.endswith(".tmp"))
        if RUN_FILE in names:  # run.json last: it says which run the tables belong to
            names.remove(RUN_FILE)
            names.append(RUN_FILE)
        journal = {"staging": staging.name, "files": names, "remove": sorted(set(remove) - set(names))}
        atomic_write_text(self.state / JOURNAL_FILE, json.dumps(journal))
        self._complete(journal)

    def recover(self) -> None:
        """Finish a publication a crash interrupted, then remove what crashes leave behind:
        staging folders, temporary files of our names, half-removed chunk folders."""
        journal_path = self.state / JOURNAL_FILE
        if journal_path.exists():
            try:
                journal = json.loads(journal_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                journal = None
            if isinstance(journal, dict) and isinstance(journal.get("files"), list):
                self._complete(journal)
            else:
                journal_path.unlink()
        if self.state.is_dir():
            for leftover in self.state.glob(f"{STAGING_PREFIX}*"):
                shutil.rmtree(leftover, ignore_errors=True)
            for leftover in self.state.glob(".*.tmp"):
                leftover.unlink(missing_ok=True)
        ours = all_output_names()
        for leftover in self.path.glob(".*.tmp"):
            # written by tables._atomic_write as ".<name>.<random>.tmp"
            name = leftover.name[1:].rsplit(".", 2)[0]
            if name in ours:
                leftover.unlink(missing_ok=True)
        for leftover in self.path.glob(f"{PARTS_DIR}.removing-*"):
            shutil.rmtree(leftover, ignore_errors=True)

    def _complete(self, journal: dict) -> None:
        staging = self.state / str(journal.get("staging", ""))
        manifest = self.manifest()
        for name in journal["files"]:
            source = staging / name
            if source.exists():
                os.replace(source, self.path / name)
        _fsync_folder(self.path)
        for name in journal.get("remove", []):
            if self.owned(name, manifest):
                (self.path / name).unlink()
            manifest.pop(name, None)
        for name in journal["files"]:
            if (self.path / name).is_file():
                manifest[name] = _signature(self.path / name)
        atomic_write_text(self.state / MANIFEST_FILE, json.dumps({"files": manifest}, indent=1))
        (self.state / JOURNAL_FILE).unlink(missing_ok=True)
        if staging != self.state and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def recover(outdir: Path) -> None:
    """Complete an interrupted publication in ``outdir`` (taking its lock)."""
    folder = Outdir(outdir)
    if folder.state.is_dir():
        with folder.locked():
            folder.recover()


def _signature(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _fsync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


try:  # POSIX
    import fcntl

    def _try_lock(handle) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle) -> None:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        except OSError:
            pass

except ImportError:  # Windows
    import msvcrt

    def _try_lock(handle) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle) -> None:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
