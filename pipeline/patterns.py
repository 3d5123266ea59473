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

from .errors import PatternError

_SOURCE_PATTERNS = Path(__file__).resolve().parent.parent / "patterns"


def patterns_dir() -> Path:
    """The folder holding the pattern files: the source tree's ``patterns/`` or the
    copy installed inside the wheel as ``pipeline.pattern_data``."""
    if _SOURCE_PATTERNS.is_dir():
        return _SOURCE_PATTERNS
    return Path(str(resources.files("pipeline.pattern_data")))


def pattern_path(name: str, directory: str | Path | None = None) -> Path:
    path = Path(directory) / name if directory else patterns_dir() / name
    if not path.is_file():
        raise PatternError(f"Pattern file {path} not found. Check the `patterns_dir` setting.")
    return path


@cache
def _load_yaml_cached(path: Path) -> Any:
    with path.open(encoding="utf8") as fh:
        try:
            return yaml.safe_load(fh)
        except yaml.YAMLError as err:
            raise PatternError(f"{path}: not valid YAML: {err}") from err


def load_yaml(name: str, directory: str | Path | None = None) -> Any:
    """Parse a YAML pattern file (cached per path: files are read once per process)."""
    return _load_yaml_cached(pattern_path(name, directory))


def load_json(name: str, directory: str | Path | None = None) -> Any:
    path = pattern_path(name, directory)
    try:
        return json.loads(path.read_text(encoding="utf8"))
    except json.JSONDecodeError as err:
        raise PatternError(f"{path}: not valid JSON: {err}") from err


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
            raise PatternError(f"{path}, line {lineno}: not valid JSON: {err}") from err
        if not isinstance(row, dict) or "label" not in row or "pattern" not in row:
            raise PatternError(f"{path}, line {lineno}: expected an object with 'label' and 'pattern'.")
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
        raise PatternError(f"{where}: missing key(s) {', '.join(missing)} in {entry!r}")


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
