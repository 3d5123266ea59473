"""Loading and validating the data files in ``patterns/``.

Users extend the tool by editing these files, so a mistake in one must produce a message
that names the file and the entry, not a traceback from deep inside spaCy.
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import Errors, PatternError

_SOURCE_PATTERNS = Path(__file__).resolve().parent.parent / "patterns"


def patterns_dir() -> Path:
    """The folder holding the pattern files: the source tree's ``patterns/`` or the
    copy installed inside the wheel as ``pipeline.pattern_data``."""
    if _SOURCE_PATTERNS.is_dir():
        return _SOURCE_PATTERNS
    return Path(str(resources.files("pipeline.pattern_data")))


def pattern_path(name: str, directory: str | Path | None = None) -> Path:
    """The pattern file ``name``: ``directory``'s copy when it has one, else the shipped
    one. A user's ``patterns_dir`` overlays the shipped files file by file, so it may hold
    only the files it changes (a longer ``titles.txt``, say)."""
    shipped = patterns_dir() / name
    if directory:
        path = Path(directory) / name
        if path.is_file():
            return path
        if not Path(directory).is_dir():
            raise PatternError(Errors.E103.format(path=path))
    if not shipped.is_file():
        raise PatternError(Errors.E103.format(path=shipped))
    return shipped


@cache
def _load_yaml_cached(path: Path) -> Any:
    with path.open(encoding="utf8") as fh:
        try:
            return yaml.safe_load(fh)
        except yaml.YAMLError as err:
            raise PatternError(Errors.E102.format(path=path, kind="YAML", problem=err)) from err


def load_yaml(name: str, directory: str | Path | None = None) -> Any:
    """Parse a YAML pattern file (cached per path: files are read once per process)."""
    return _load_yaml_cached(pattern_path(name, directory))


def load_json(name: str, directory: str | Path | None = None) -> Any:
    path = pattern_path(name, directory)
    try:
        return json.loads(path.read_text(encoding="utf8"))
    except json.JSONDecodeError as err:
        raise PatternError(Errors.E102.format(path=path, kind="JSON", problem=err)) from err


def load_jsonl(name: str, directory: str | Path | None = None) -> list[dict]:
    """Read an entity-ruler style JSONL file, naming the line of any bad entry."""
    path = pattern_path(name, directory)
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise PatternError(Errors.E102.format(path=f"{path}, line {lineno}", kind="JSON", problem=err)) from err
        if not isinstance(row, dict) or "label" not in row or "pattern" not in row:
            problem = f"expected an object with 'label' and 'pattern', got {line.strip()[:80]!r}"
            raise PatternError(Errors.E101.format(path=path, entry=f"on line {lineno}", problem=problem))
        rows.append(row)
    return rows


def load_lines(name: str, directory: str | Path | None = None) -> list[str]:
    """A plain word list: one entry per line, '#' starts a comment."""
    path = pattern_path(name, directory)
    entries = []
    for line in path.read_text(encoding="utf8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line)
    return entries


def require_keys(entry: dict, keys: tuple[str, ...], where: str) -> None:
    """Raise a PatternError naming ``where`` when ``entry`` lacks one of ``keys``."""
    missing = [key for key in keys if key not in entry]
    if missing:
        path, _, part = where.partition(", ")
        problem = f"missing key(s) {', '.join(missing)} in {entry!r}"
        raise PatternError(Errors.E101.format(path=path, entry=part or "at the top level", problem=problem))


class PatternFilesMixin:
    """For components built from files in patterns/: ``nlp.to_disk`` saves those files
    beside the component and ``spacy.load`` rebuilds the component from the saved copy,
    so a saved pipeline keeps its rules even where the package's patterns change.

    The component sets ``pattern_files`` and ``patterns_dir`` and implements
    ``load_patterns(directory)``.
    """

    pattern_files: tuple[str, ...] = ()
    patterns_dir: str | Path | None = None

    def load_patterns(self, directory: str | Path | None) -> None:
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name in self.pattern_files:
            shutil.copyfile(pattern_path(name, self.patterns_dir), path / name)

    def from_disk(self, path: str | Path, *, exclude: tuple = ()):
        self.patterns_dir = Path(path)
        self.load_patterns(self.patterns_dir)
        return self
