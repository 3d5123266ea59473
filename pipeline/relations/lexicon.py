"""The trigger lexicon: trigger classes and the dependency relations that give their parties, read from ``patterns/``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..errors import PatternError
from ..names import norm_key
from ..patterns import load_json, load_yaml, require_keys
from ..speedups.depmatcher import SharedNodeDependencyMatcher
from .common import WORD_LISTS


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
    seller_side: bool = False
    # verbs that state the class only with a particle or complement after them:
    # lemma -> words ("snap up", "take over", "take X private")
    phrasal: tuple[tuple[str, frozenset[str]], ...] = ()
    # verbs that state the class on their own (a lemma may be both: "take")
    plain_verbs: frozenset[str] = frozenset()
    # verbs that describe a holding, not a change, in a relative clause ("who own 30 pct")
    static_verbs: frozenset[str] = frozenset()
    # nouns that state a deal with a named target and no buyer ("the acquisition of Y")
    unnamed_buyer_nouns: frozenset[str] = frozenset()


# --- helpers ----------------------------------------------------------------------


def trigger_classes(rules: dict) -> dict[str, TriggerClass]:
    classes = {}
    for name, entry in (rules.get("classes") or {}).items():
        require_keys(entry, ("type",), f"triggers.yml, class {name!r}")
        plain, phrasal = set(), {}
        for verb in entry.get("verbs", []):
            if not isinstance(verb, str) or not verb.strip():
                raise PatternError(f"triggers.yml, class {name!r}: verb {verb!r} is not a word")
            lemma, *rest = verb.split()
            if rest:
                phrasal.setdefault(lemma, set()).update(rest)
            else:
                plain.add(lemma)
        classes[name] = TriggerClass(
            name=name,
            type=entry["type"],
            verbs=frozenset(plain | set(phrasal)),
            plain_verbs=frozenset(plain),
            static_verbs=frozenset(entry.get("static_verbs", [])),
            unnamed_buyer_nouns=frozenset(entry.get("unnamed_buyer_nouns", [])),
            phrasal=tuple((lemma, frozenset(words)) for lemma, words in sorted(phrasal.items())),
            nouns=frozenset(entry.get("nouns", [])),
            status=entry.get("status"),
            requires_object=frozenset(entry.get("requires_object", [])),
            requires_modifier=frozenset(entry.get("requires_modifier", [])),
            requires_target=bool(entry.get("requires_target", False)),
            requires_money_or_round=bool(entry.get("requires_money_or_round", False)),
            seller_side=bool(entry.get("seller_side", False)),
        )
    if not classes:
        raise PatternError("triggers.yml: no trigger classes under 'classes'.")
    return classes


class Lexicon:
    """The deal rules' data, read from ``triggers.yml`` and ``deal_relations.json`` in
    ``patterns_dir`` (the package's ``patterns/`` by default): the trigger classes, the
    word lists (attributes named as in ``WORD_LISTS``), the dependency relations and
    the matcher that finds them. Built once per pipeline; read-only afterwards."""

    def __init__(self, vocab, patterns_dir=None):
        self.vocab = vocab
        rules = load_yaml("triggers.yml", patterns_dir)
        self.classes = trigger_classes(rules)
        cues = rules.get("status_cues", {})
        self.status_cues = {status: frozenset(words) for status, words in cues.items()}
        require_keys(rules, tuple(WORD_LISTS.values()), "triggers.yml")
        for attribute, key in WORD_LISTS.items():
            setattr(self, attribute, frozenset(rules[key]))
        self.non_party_keys = frozenset(norm_key(name) for name in self.non_parties)
        self.relations = load_json("deal_relations.json", patterns_dir)["relations"]
        self.trigger_lemmas = frozenset().union(*(cls.verbs | cls.nouns for cls in self.classes.values()))
        # lemma hashes, lower-cased and as written ("Merger" in a title-case line)
        self.trigger_hashes = frozenset(
            self.vocab.strings.add(form) for lemma in self.trigger_lemmas for form in (lemma, lemma.capitalize())
        )
        self.matcher = SharedNodeDependencyMatcher(self.vocab, validate=True)
        self.relation_roles: dict[str, dict[str, str]] = {}
        for relation in self.relations:
            self._add_relation(relation)

    def _add_relation(self, relation: dict) -> None:
        where = f"deal_relations.json, relation {relation.get('id', '?')!r}"
        require_keys(relation, ("id", "pos", "roles", "pattern"), where)
        unknown = set(relation["roles"]) - set(self.classes)
        if unknown:
            raise PatternError(f"{where}: unknown trigger class(es) {sorted(unknown)}; known: {sorted(self.classes)}")
        pos = relation["pos"]
        if pos not in ("verb", "noun"):
            raise PatternError(f"{where}: 'pos' must be 'verb' or 'noun', not {pos!r}")
        # Every relation's trigger node takes the words of every class: the trigger nodes
        # are then one node pattern per part of speech, matched once for all relations
        # (depmatcher.py), and matches of a class the relation has no role for are
        # dropped in find_frames all the same.
        lemmas = sorted(set().union(*(getattr(cls, pos + "s") for cls in self.classes.values())))
        tags = ["VERB", "AUX"] if pos == "verb" else ["NOUN", "PROPN"]
        trigger = {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": {"IN": lemmas}, "POS": {"IN": tags}}}
        key = f"{relation['id']}"
        try:
            self.matcher.add(key, [[trigger, *relation["pattern"]]])
        except ValueError as err:
            raise PatternError(f"{where}: invalid DependencyMatcher pattern: {err}") from err
        self.relation_roles[key] = relation["roles"]
