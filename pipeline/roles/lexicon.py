"""The pattern data of the roles: ``patterns/role_frames.yml`` (frames and word lists),
``patterns/role_cues.yml`` and ``patterns/titles.txt``, validated on load into one frozen
``RoleLexicon``. A malformed entry raises ``PatternError`` with a code of
``pipeline/errors.py`` naming the file and the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..errors import Errors, PatternError
from ..patterns import load_lines, load_yaml, pattern_path


@dataclass(frozen=True)
class Step:
    kind: str  # "one", "optional", "any", "age"
    words: frozenset


@dataclass(frozen=True)
class Frame:
    name: str
    steps: tuple
    tense: str  # "current" | "former"
    join: bool = False
    title: Optional[str] = None


@dataclass(frozen=True)
class RoleFrameData:
    frames: tuple
    titles: frozenset  # lower-cased title phrases
    max_title_words: int
    modifiers: frozenset
    former_modifiers: frozenset
    dropped_modifiers: frozenset
    openers: frozenset
    company_pronouns: frozenset
    company_nouns: frozenset
    department_words: frozenset
    not_employer_heads: frozenset
    source_cues: frozenset
    age_words: frozenset
    not_employer_words: frozenset
    not_person_words: frozenset
    title_words: frozenset
    government_heads: frozenset = frozenset()


LIST_KEYS = (
    "title_modifiers",
    "former_modifiers",
    "dropped_modifiers",
    "title_openers",
    "company_pronouns",
    "company_nouns",
    "department_words",
    "not_employer_heads",
    "source_cues",
    "age_words",
    "not_employer_words",
    "not_person_words",
)


def _words(value, path: str, key: str) -> frozenset:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise PatternError(Errors.E105.format(path=path, key=key, value=value))
    return frozenset(w.strip().lower() for w in value)


def _frame_error(path: str, frame, problem: str) -> PatternError:
    return PatternError(Errors.E104.format(path=path, frame=frame, problem=problem))


def _step(raw, path: str, frame: str, number: int) -> Step:
    if isinstance(raw, list):
        return Step("one", _words(raw, path, f"frame {frame}, step {number}"))
    if isinstance(raw, dict) and len(raw) == 1:
        ((kind, value),) = raw.items()
        if kind == "age":
            if value is not True:
                raise _frame_error(path, frame, f"step {number}: 'age' takes true, got {value!r}")
            return Step("age", frozenset())
        if kind in ("optional", "any"):
            return Step(kind, _words(value, path, f"frame {frame}, step {number}"))
    raise _frame_error(
        path,
        frame,
        f"step {number}: a step is a list of words, {{optional: [...]}}, {{any: [...]}} or {{age: true}}; got {raw!r}",
    )


def _frame(entry, number: int, path: str) -> Frame:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise _frame_error(path, number, f"expected a mapping with a 'name', got {entry!r}")
    name = repr(entry["name"])
    steps = entry.get("steps")
    if not isinstance(steps, list) or not steps:
        raise _frame_error(path, name, "'steps' must be a non-empty list")
    unknown = set(entry) - {"name", "steps", "tense", "join", "title"}
    if unknown:
        raise _frame_error(path, name, f"unknown key(s) {', '.join(sorted(unknown))}")
    tense = entry.get("tense", "current")
    if tense not in ("current", "former"):
        raise _frame_error(path, name, f"tense must be 'current' or 'former', got {tense!r}")
    title = entry.get("title")
    if title is not None and not (isinstance(title, str) and title.strip()):
        raise _frame_error(path, name, f"'title' must be a word or phrase, got {title!r}")
    join = entry.get("join", False)
    if not isinstance(join, bool):
        raise _frame_error(path, name, f"'join' takes true or false, got {join!r}")
    return Frame(
        entry["name"],
        tuple(_step(s, path, name, i) for i, s in enumerate(steps, 1)),
        tense,
        join,
        title,
    )


def load_frame_data(data, titles, where: str = "role_frames.yml") -> RoleFrameData:
    """Validate the parsed ``role_frames.yml`` (``where`` names the file in messages) and
    the title phrases of ``titles.txt``."""
    if not isinstance(data, dict):
        raise PatternError(Errors.E107.format(path=where, problem="expected a mapping at the top level"))
    frames_raw = data.get("frames")
    if not isinstance(frames_raw, list) or not frames_raw:
        raise PatternError(Errors.E107.format(path=where, problem="'frames' must be a non-empty list"))
    frames = [_frame(entry, n, where) for n, entry in enumerate(frames_raw, 1)]
    lists = {}
    for key in LIST_KEYS:
        if key not in data:
            raise PatternError(Errors.E106.format(path=where, key=key))
        lists[key] = _words(data[key], where, key)
    if not titles:
        raise PatternError(Errors.E107.format(path=where, problem="no title phrases to read (titles.txt is empty)"))
    phrases = frozenset(t.lower() for t in titles) | _words(data.get("frame_titles", []), where, "frame_titles")
    return RoleFrameData(
        frames=tuple(frames),
        titles=phrases,
        max_title_words=max(len(p.split()) for p in phrases) + 1,
        modifiers=lists["title_modifiers"],
        former_modifiers=lists["former_modifiers"],
        dropped_modifiers=lists["dropped_modifiers"],
        openers=lists["title_openers"],
        company_pronouns=lists["company_pronouns"],
        company_nouns=lists["company_nouns"],
        department_words=lists["department_words"],
        not_employer_heads=lists["not_employer_heads"],
        source_cues=lists["source_cues"],
        age_words=lists["age_words"],
        not_employer_words=lists["not_employer_words"],
        not_person_words=lists["not_person_words"],
        government_heads=_words(data.get("government_heads", []), where, "government_heads"),
        title_words=frozenset(w for p in phrases for w in p.replace("-", " ").split()) | lists["title_modifiers"],
    )


def title_table(lines: list[str], where: str = "titles.txt") -> dict[str, str]:
    """The lines of titles.txt as {written form, lower-cased: title to report}."""
    table = {}
    for number, line in enumerate(lines, 1):
        phrase, arrow, title = line.partition("=>")
        phrase = " ".join(phrase.lower().split())
        if not phrase or arrow and not title.strip():
            raise PatternError(Errors.E108.format(path=where, entry=number, line=line))
        table[phrase] = title.strip() or phrase
    return table


CUE_LISTS = (
    "needs_org",
    "title_adverbs",
    "internal_titles",
    "role_verbs",
    "post_nouns",
    "speaker_titles",
    "company_nouns",
    "founding_stems",
    "appointing_verbs",
    "outside_titles",
)
CUE_MAPPINGS = ("founding_verbs", "title_verbs")


@dataclass(frozen=True)
class RoleLexicon:
    """Everything the role rules read from ``patterns/``: the titles of titles.txt
    ({written form: title to report}), the cues of role_cues.yml and the frames."""

    titles: dict
    frames: RoleFrameData
    founding_verbs: dict
    founding_stems: frozenset
    title_verbs: dict
    appointing_verbs: frozenset
    needs_org: frozenset
    title_adverbs: frozenset
    internal_titles: frozenset
    internal_title_words: frozenset  # the internal titles as written ("chief executive officer")
    role_verbs: frozenset
    post_nouns: frozenset
    speaker_titles: frozenset
    company_nouns: frozenset
    outside_titles: frozenset = frozenset()


def _mapping(value, path: str, key: str) -> dict:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip() for k, v in value.items()
    ):
        raise PatternError(Errors.E109.format(path=path, key=key, value=value))
    return {k.strip().lower(): v.strip() for k, v in value.items()}


def build_lexicon(
    title_lines: list[str],
    cues,
    frames,
    paths: tuple[str, str, str] = ("titles.txt", "role_cues.yml", "role_frames.yml"),
) -> RoleLexicon:
    """The lexicon of the parsed pattern files (``paths`` name them in error messages):
    the lines of titles.txt, role_cues.yml and role_frames.yml."""
    titles = title_table(title_lines, paths[0])
    if not isinstance(cues, dict):
        raise PatternError(Errors.E107.format(path=paths[1], problem="expected a mapping at the top level"))
    for key in CUE_LISTS + CUE_MAPPINGS:
        if key not in cues:
            raise PatternError(Errors.E106.format(path=paths[1], key=key))
    lists = {key: _words(cues[key], paths[1], key) for key in CUE_LISTS}
    maps = {key: _mapping(cues[key], paths[1], key) for key in CUE_MAPPINGS}
    internal = lists["internal_titles"]
    return RoleLexicon(
        titles=titles,
        frames=load_frame_data(frames, list(titles), where=paths[2]),
        founding_verbs=maps["founding_verbs"],
        founding_stems=lists["founding_stems"],
        title_verbs=maps["title_verbs"],
        appointing_verbs=lists["appointing_verbs"],
        needs_org=lists["needs_org"],
        title_adverbs=lists["title_adverbs"],
        internal_titles=internal,
        internal_title_words=internal
        | frozenset(phrase for phrase, title in titles.items() if title.lower() in internal),
        role_verbs=lists["role_verbs"],
        post_nouns=lists["post_nouns"],
        speaker_titles=lists["speaker_titles"],
        company_nouns=lists["company_nouns"],
        outside_titles=lists["outside_titles"],
    )


def load_lexicon(patterns_dir=None) -> RoleLexicon:
    """The lexicon of the pattern files in ``patterns_dir`` (the package's by default)."""
    return build_lexicon(
        load_lines("titles.txt", patterns_dir),
        load_yaml("role_cues.yml", patterns_dir),
        load_yaml("role_frames.yml", patterns_dir),
        tuple(str(pattern_path(name, patterns_dir)) for name in ("titles.txt", "role_cues.yml", "role_frames.yml")),
    )
