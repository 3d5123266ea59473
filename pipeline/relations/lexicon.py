"""The trigger lexicon: trigger classes and the frames they declare, read from ``patterns/``.

``triggers.yml`` declares each trigger class: its words, the deal type, the *frame* (which
syntactic slot gives which role: ``{subject: buyer, object: target, ...}``) and *flags*
that say what the class states (``funding_round``, ``merger``, ``offer``, ``holding``,
``seller_side``, ...). ``deal_relations.json`` defines the slots as DependencyMatcher
patterns hanging from the trigger; a few slots are built in (``BUILTIN_SLOTS``: read by
the rules of ``slots`` and ``assemble``). The rules read the frame and the flags, never
a class's name. Both files are checked here, when the pipeline is built: a misspelt
key, slot, role or flag raises a coded :class:`~pipeline.errors.PatternError` naming the
file and the entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..errors import Errors, PatternError
from ..names import norm_key
from ..patterns import load_json, load_yaml, pattern_path, require_keys
from ..schema import DEAL_STATUSES, DEAL_TYPES
from ..speedups.depmatcher import SharedNodeDependencyMatcher
from .common import ROLES, WORD_LISTS

TRIGGERS_FILE = "triggers.yml"
SLOTS_FILE = "deal_relations.json"
FLAGS = (
    "seller_side",
    "funding_round",
    "may_name_round",
    "merger",
    "offer",
    "holding",
    "takeover",
    "stake_sets_type",
)
# Slots the rules fill themselves (see the header of triggers.yml).
DANGLING_PREPS = ("for", "in", "of", "with")
STRAY_PREPS = ("to", "by", "from")
VOICES = ("active", "passive", "noun")
BUILTIN_SLOTS = (
    "relative-head",
    "answering-subject",
    *(f"dangling-{prep}" for prep in DANGLING_PREPS),
    *(f"stray-{prep}-{voice}" for prep in STRAY_PREPS for voice in VOICES),
)
WORD_KEYS = (
    "verbs",
    "nouns",
    "static_verbs",
    "passive_verbs",
    "unnamed_buyer_nouns",
    "requires_object",
    "requires_modifier",
)
BOOL_KEYS = ("requires_target", "requires_money_or_round")
CLASS_KEYS = ("type", "status", "flags", "frame", *WORD_KEYS, *BOOL_KEYS)
TOP_KEYS = ("classes", "status_cues", *WORD_LISTS.values())
SLOT_KEYS = ("id", "pos", "pattern", "about")


@dataclass(frozen=True)
class TriggerClass:
    name: str
    type: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    status: Optional[str] = None
    requires_object: frozenset[str] = frozenset()
    requires_modifier: frozenset[str] = frozenset()
    requires_target: bool = False
    requires_money_or_round: bool = False
    # verbs that state the class only with a particle or complement after them:
    # lemma -> words ("snap up", "take over", "take X private")
    phrasal: tuple[tuple[str, frozenset[str]], ...] = ()
    # verbs that state the class on their own (a lemma may be both: "take")
    plain_verbs: frozenset[str] = frozenset()
    # verbs that describe a holding, not a change, in a relative clause ("who own 30 pct")
    static_verbs: frozenset[str] = frozenset()
    # verbs that state the class only in the passive ("Y, sought for years by X")
    passive_verbs: frozenset[str] = frozenset()
    # nouns that state a deal with a named target and no buyer ("the acquisition of Y")
    unnamed_buyer_nouns: frozenset[str] = frozenset()
    # slot -> role ("subject" -> "buyer")
    frame: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # the flags (FLAGS) of the class
    seller_side: bool = False
    funding_round: bool = False
    may_name_round: bool = False
    merger: bool = False
    offer: bool = False
    holding: bool = False
    takeover: bool = False
    stake_sets_type: bool = False

    @property
    def takes_seller(self) -> bool:
        """A buyer's class with a seller slot ("buy Y from X"): the seller's unit is
        the target when no other is named."""
        return not self.seller_side and "seller" in self.frame.values()

    def stray_prep(self, voice: str) -> Optional[str]:
        """The preposition of a buyer the parser may hang on the object or the amount,
        for the trigger's voice (a ``stray-<prep>-<voice>`` slot)."""
        for prep in STRAY_PREPS:
            if self.frame.get(f"stray-{prep}-{voice}") == "buyer":
                return prep
        return None


def trigger_classes(rules: dict, path: str = TRIGGERS_FILE, slots: tuple[str, ...] = ()) -> dict[str, TriggerClass]:
    """The trigger classes of ``triggers.yml``, checked: known keys, flags, slots (the
    ids of ``slots`` and the built-in ones) and roles."""
    entries = rules.get("classes") or {}
    if not isinstance(entries, dict):
        raise PatternError(Errors.E102.format(path=path, kind="YAML", problem="'classes' must be a mapping"))
    classes = {}
    for name, entry in entries.items():
        if not isinstance(entry, dict):
            raise PatternError(
                Errors.E114.format(path=path, cls=name, key="the class", expected="a mapping", value=entry)
            )
        for key in entry:
            if key not in CLASS_KEYS:
                raise PatternError(Errors.E110.format(path=path, cls=name, key=key, known=", ".join(CLASS_KEYS)))
        require_keys(entry, ("type", "frame"), f"{path}, class {name!r}")
        _check_class(name, entry, path, slots)
        plain, phrasal = set(), {}
        for verb in entry.get("verbs") or []:
            lemma, *rest = verb.split()
            if rest:
                phrasal.setdefault(lemma, set()).update(rest)
            else:
                plain.add(lemma)
        flags = frozenset(entry.get("flags") or ())
        classes[name] = TriggerClass(
            name=name,
            type=entry["type"],
            verbs=frozenset(plain | set(phrasal)),
            plain_verbs=frozenset(plain),
            static_verbs=frozenset(entry.get("static_verbs") or ()),
            passive_verbs=frozenset(entry.get("passive_verbs") or ()),
            unnamed_buyer_nouns=frozenset(entry.get("unnamed_buyer_nouns") or ()),
            phrasal=tuple((lemma, frozenset(words)) for lemma, words in sorted(phrasal.items())),
            nouns=frozenset(entry.get("nouns") or ()),
            status=entry.get("status"),
            requires_object=frozenset(entry.get("requires_object") or ()),
            requires_modifier=frozenset(entry.get("requires_modifier") or ()),
            requires_target=bool(entry.get("requires_target", False)),
            requires_money_or_round=bool(entry.get("requires_money_or_round", False)),
            frame=dict(entry["frame"]),
            **{flag: flag in flags for flag in FLAGS},
        )
    if not classes:
        raise PatternError(Errors.E101.format(path=path, entry="classes", problem="no trigger classes under 'classes'"))
    return classes


def _check_class(name: str, entry: dict, path: str, slots: tuple[str, ...]) -> None:
    def wrong(key: str, expected: str, value: Any) -> PatternError:
        return PatternError(Errors.E114.format(path=path, cls=name, key=key, expected=expected, value=value))

    if entry["type"] not in DEAL_TYPES:
        raise wrong("type", f"one of {', '.join(DEAL_TYPES)}", entry["type"])
    if entry.get("status") is not None and entry["status"] not in DEAL_STATUSES:
        raise wrong("status", f"one of {', '.join(DEAL_STATUSES)}", entry["status"])
    for key in WORD_KEYS + ("flags",):
        value = entry.get(key)
        if value is not None and (
            not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value)
        ):
            raise wrong(key, "a list of words", value)
    for key in BOOL_KEYS:
        if key in entry and not isinstance(entry[key], bool):
            raise wrong(key, "true or false", entry[key])
    for flag in entry.get("flags") or ():
        if flag not in FLAGS:
            raise PatternError(Errors.E113.format(path=path, cls=name, flag=flag, flags=", ".join(FLAGS)))
    frame = entry["frame"]
    if not isinstance(frame, dict) or not frame:
        raise wrong("frame", "a mapping of slots to roles ({subject: buyer, object: target})", frame)
    for slot, role in frame.items():
        if slot not in slots and slot not in BUILTIN_SLOTS:
            raise PatternError(
                Errors.E111.format(
                    path=path,
                    cls=name,
                    slot=slot,
                    slots_file=SLOTS_FILE,
                    patterned=", ".join(slots),
                    builtin=", ".join(BUILTIN_SLOTS),
                )
            )
        if role not in ROLES:
            raise PatternError(Errors.E112.format(path=path, cls=name, slot=slot, role=role, roles=", ".join(ROLES)))
        if slot.startswith("stray-") and role != "buyer":
            raise PatternError(
                Errors.E112.format(
                    path=path, cls=name, slot=slot, role=role, roles="buyer (a stray slot gives a buyer)"
                )
            )


def _checked_slots(data: Any, path: str) -> list[dict]:
    """The slots of ``deal_relations.json``, each with a known key set, a unique id, a
    part of speech and a pattern whose last node is 'arg'."""
    if not isinstance(data, dict) or not isinstance(data.get("slots"), list):
        raise PatternError(
            Errors.E102.format(path=path, kind="JSON", problem="expected an object with a list under 'slots'")
        )
    for key in data:
        if key not in ("about", "slots"):
            raise PatternError(Errors.E116.format(path=path, key=key, known="about, slots"))
    seen = set()
    for number, slot in enumerate(data["slots"], 1):
        if not isinstance(slot, dict):
            raise PatternError(Errors.E115.format(path=path, slot=number, problem=f"expected an object, got {slot!r}"))
        ident = slot.get("id", number)
        for key in slot:
            if key == "roles":
                problem = (
                    "'roles' moved to the trigger classes: declare the role in each class's 'frame' in triggers.yml"
                )
                raise PatternError(Errors.E115.format(path=path, slot=ident, problem=problem))
            if key not in SLOT_KEYS:
                raise PatternError(Errors.E115.format(path=path, slot=ident, problem=f"unknown key {key!r}"))
        require_keys(slot, ("id", "pos", "pattern"), f"{path}, slot {ident!r}")
        if ident in seen:
            raise PatternError(Errors.E115.format(path=path, slot=ident, problem="a second slot with this id"))
        seen.add(ident)
        if slot["pos"] not in ("verb", "noun"):
            problem = f"'pos' must be 'verb' or 'noun', not {slot['pos']!r}"
            raise PatternError(Errors.E115.format(path=path, slot=ident, problem=problem))
        pattern = slot["pattern"]
        if not isinstance(pattern, list) or not pattern or not all(isinstance(node, dict) for node in pattern):
            problem = "'pattern' must be a non-empty list of DependencyMatcher nodes"
            raise PatternError(Errors.E115.format(path=path, slot=ident, problem=problem))
        if pattern[-1].get("RIGHT_ID") != "arg":
            problem = "the last node of the pattern must be the party, with RIGHT_ID 'arg'"
            raise PatternError(Errors.E115.format(path=path, slot=ident, problem=problem))
    return data["slots"]


def _with_word_lists(slot: dict, rules: dict, path: str) -> list[dict]:
    """The slot's pattern with each ``{"IN": "@name"}`` (or ``NOT_IN``) replaced by the word
    list ``name`` of triggers.yml ("@unit_nouns"), so that a list lives in one file."""

    def resolved(value):
        if isinstance(value, str) and value.startswith("@"):
            name = value[1:]
            if name not in WORD_LISTS.values():
                known = ", ".join("@" + key for key in WORD_LISTS.values())
                problem = f"{value!r} names no word list of triggers.yml; the lists are {known}"
                raise PatternError(Errors.E115.format(path=path, slot=slot["id"], problem=problem))
            return sorted(rules[name])
        if isinstance(value, dict):
            return {key: resolved(inner) for key, inner in value.items()}
        return value

    return [{key: resolved(value) for key, value in node.items()} for node in slot["pattern"]]


# Trigger words this long or longer are read through a one-letter slip.
MISSPELT_MIN_LENGTH = 7


def inflections(lemma: str, verb: bool) -> set[str]:
    """The regular forms of a trigger word: "acquire" -> acquired, acquires, acquiring."""
    forms = {lemma, lemma + "s"}
    if verb:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {stem + "ed", stem + "ing"}
    return forms


def one_letter_slips(word: str) -> set[str]:
    """A letter dropped, doubled, or two neighbours swapped: never a real word's other
    spelling, as a changed letter may be ("combing" for "combine")."""
    slips = set()
    for i in range(len(word)):
        slips.add(word[:i] + word[i + 1 :])
        slips.add(word[:i] + word[i] + word[i:])
        if i + 1 < len(word) and word[i] != word[i + 1]:
            slips.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    slips.discard(word)
    return slips


def misspellings(verbs: set[str], nouns: set[str]) -> dict[str, str]:
    """Misspelt form -> trigger lemma, for the trigger words of at least
    ``MISSPELT_MIN_LENGTH`` letters; a form that is itself some trigger's form is left out."""
    proper = set()
    candidates: dict[str, set[str]] = {}
    for words, verb in ((verbs, True), (nouns, False)):
        for lemma in words:
            if " " in lemma or "-" in lemma or not lemma.isalpha():
                continue
            forms = inflections(lemma, verb)
            proper |= forms
            if len(lemma) < MISSPELT_MIN_LENGTH:
                continue
            for form in forms:
                for slip in one_letter_slips(form):
                    candidates.setdefault(slip, set()).add(lemma)
    return {slip: next(iter(lemmas)) for slip, lemmas in candidates.items() if len(lemmas) == 1 and slip not in proper}


class Lexicon:
    """The deal rules' data, read from ``triggers.yml`` and ``deal_relations.json`` in
    ``patterns_dir`` (the package's ``patterns/`` by default) and checked: the trigger
    classes, the word lists (attributes named as in ``WORD_LISTS``), the slots and the
    matcher that finds them. Built once per pipeline; read-only afterwards."""

    def __init__(self, vocab, patterns_dir=None):
        self.vocab = vocab
        triggers_path = str(pattern_path(TRIGGERS_FILE, patterns_dir))
        slots_path = str(pattern_path(SLOTS_FILE, patterns_dir))
        rules = load_yaml(TRIGGERS_FILE, patterns_dir)
        if not isinstance(rules, dict):
            raise PatternError(Errors.E102.format(path=triggers_path, kind="YAML", problem="expected a mapping"))
        for key in rules:
            if key not in TOP_KEYS:
                raise PatternError(Errors.E116.format(path=triggers_path, key=key, known=", ".join(TOP_KEYS)))
        self.slots = _checked_slots(load_json(SLOTS_FILE, patterns_dir), slots_path)
        self.classes = trigger_classes(rules, triggers_path, tuple(slot["id"] for slot in self.slots))
        cues = rules.get("status_cues", {})
        for status in cues:
            if status not in DEAL_STATUSES:
                problem = f"status_cues: unknown status {status!r}; the statuses are {', '.join(DEAL_STATUSES)}"
                raise PatternError(Errors.E101.format(path=triggers_path, entry="status_cues", problem=problem))
        self.status_cues = {status: frozenset(words) for status, words in cues.items()}
        require_keys(rules, tuple(WORD_LISTS.values()), TRIGGERS_FILE)
        for attribute, key in WORD_LISTS.items():
            setattr(self, attribute, frozenset(rules[key]))
        self.non_party_keys = frozenset(norm_key(name) for name in self.non_parties)
        self.trigger_lemmas = frozenset().union(*(cls.verbs | cls.nouns for cls in self.classes.values()))
        # takeover and merger nouns that no class has as a verb ("buyout", "merger"): a tagger's VERB on
        # one of them is a mistake, and the word keeps its noun frame
        # (a gerund, "funding", "backing", is a verb's own form: not one of them)
        self.noun_only_triggers = frozenset(
            noun
            for cls in self.classes.values()
            if cls.takeover or cls.merger
            for noun in cls.nouns
            if not noun.endswith("ing")
        ) - frozenset().union(*(cls.verbs for cls in self.classes.values()))
        # verbs of a holding described, of every class ("Y, which owns 60 pct of Z")
        self.static_verbs = frozenset().union(*(cls.static_verbs for cls in self.classes.values()))
        # lemma hashes, lower-cased and as written ("Merger" in a title-case line)
        self.trigger_hashes = frozenset(
            self.vocab.strings.add(form) for lemma in self.trigger_lemmas for form in (lemma, lemma.capitalize())
        )
        # wire copy's one-letter slips of the longer trigger words ("acquisiton", "aquired")
        self.misspellings = {
            slip: lemma
            for slip, lemma in misspellings(
                {lemma for cls in self.classes.values() for lemma in cls.plain_verbs},
                {lemma for cls in self.classes.values() for lemma in cls.nouns},
            ).items()
            if slip not in self.real_words
        }
        self.misspelling_hashes = frozenset(self.vocab.strings.add(form) for form in self.misspellings)
        self.matcher = SharedNodeDependencyMatcher(self.vocab, validate=True)
        for slot in self.slots:
            slot["pattern"] = _with_word_lists(slot, rules, slots_path)
            self._add_slot(slot, slots_path)

    def _add_slot(self, slot: dict, path: str) -> None:
        # Every slot's trigger node takes the words of every class: the trigger nodes are
        # then one node pattern per part of speech, matched once for all slots
        # (depmatcher.py), and matches of a class whose frame lacks the slot are dropped
        # in find_frames all the same.
        pos = slot["pos"]
        lemmas = set().union(*(getattr(cls, pos + "s") for cls in self.classes.values()))
        # a trigger in a title-case heading keeps its capital in the lemma ("Closes
        # Acquisition of Y", a proper noun to the tagger)
        lemmas = sorted(lemmas | {lemma.capitalize() for lemma in lemmas})
        tags = ["VERB", "AUX"] if pos == "verb" else ["NOUN", "PROPN"]
        trigger = {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": {"IN": lemmas}, "POS": {"IN": tags}}}
        try:
            self.matcher.add(slot["id"], [[trigger, *slot["pattern"]]])
        except (ValueError, KeyError, TypeError) as err:
            problem = f"not a valid DependencyMatcher pattern: {err}"
            raise PatternError(Errors.E115.format(path=path, slot=slot["id"], problem=problem)) from err
