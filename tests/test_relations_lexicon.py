"""The trigger lexicon (patterns/triggers.yml + deal_relations.json) is checked when the
pipeline is built: a mistake is a coded PatternError naming the file and the entry, not
spaCy's E109 at the first document."""

from __future__ import annotations

import json
import shutil

import pytest
import spacy
import yaml

from pipeline.errors import PatternError
from pipeline.patterns import patterns_dir
from pipeline.relations.lexicon import BUILTIN_SLOTS, FLAGS, Lexicon

FILES = ("triggers.yml", "deal_relations.json")


@pytest.fixture
def copy(tmp_path):
    """A folder holding copies of the deal pattern files, to be broken by a test."""
    for name in FILES:
        shutil.copyfile(patterns_dir() / name, tmp_path / name)
    return tmp_path


def _edit_triggers(folder, change) -> None:
    path = folder / "triggers.yml"
    rules = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(rules)
    path.write_text(yaml.safe_dump(rules, sort_keys=False), encoding="utf-8")


def _edit_slots(folder, change) -> None:
    path = folder / "deal_relations.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _build(folder):
    """Build a pipeline with the deal component reading ``folder``: errors surface here."""
    import pipeline.components.deals  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("spacy_deals_deal_relations", config={"patterns_dir": str(folder)})
    return nlp


def test_the_package_files_are_valid():
    lexicon = Lexicon(spacy.blank("en").vocab)
    assert lexicon.classes and lexicon.slots
    for cls in lexicon.classes.values():
        assert cls.frame, cls.name
        slots = {slot["id"] for slot in lexicon.slots} | set(BUILTIN_SLOTS)
        assert set(cls.frame) <= slots


def test_a_misspelt_role_is_a_coded_error_at_build_time(copy):
    _edit_triggers(copy, lambda rules: rules["classes"]["acquire"]["frame"].update({"subject": "buyr"}))
    with pytest.raises(PatternError, match=r"\[E112\] .*triggers.yml, class 'acquire', frame slot 'subject': .*'buyr'"):
        _build(copy)


def test_a_misspelt_slot_is_a_coded_error_at_build_time(copy):
    def change(rules):
        rules["classes"]["sell"]["frame"]["to-buyr"] = "buyer"

    _edit_triggers(copy, change)
    with pytest.raises(PatternError, match=r"\[E111\] .*triggers.yml, class 'sell', frame: unknown slot 'to-buyr'"):
        _build(copy)


def test_a_misspelt_flag_is_a_coded_error(copy):
    _edit_triggers(copy, lambda rules: rules["classes"]["merge"]["flags"].append("mergr"))
    with pytest.raises(PatternError, match=r"\[E113\] .*class 'merge': unknown flag 'mergr'"):
        _build(copy)
    assert "merger" in FLAGS


def test_a_misspelt_class_key_is_a_coded_error(copy):
    _edit_triggers(copy, lambda rules: rules["classes"]["bid"].update({"noun": ["offer"]}))
    with pytest.raises(PatternError, match=r"\[E110\] .*class 'bid': unknown key 'noun'"):
        _build(copy)


def test_a_misspelt_word_list_is_a_coded_error(copy):
    _edit_triggers(copy, lambda rules: rules.update({"pronoun": ["it"]}))
    with pytest.raises(PatternError, match=r"\[E116\] .*triggers.yml: unknown key 'pronoun'"):
        _build(copy)


def test_a_wrong_type_or_value_is_a_coded_error(copy):
    _edit_triggers(copy, lambda rules: rules["classes"]["pay"].update({"type": "purchase"}))
    with pytest.raises(PatternError, match=r"\[E114\] .*class 'pay': type must be one of"):
        _build(copy)


def test_a_stray_slot_gives_only_a_buyer(copy):
    _edit_triggers(copy, lambda rules: rules["classes"]["sell"]["frame"].update({"stray-to-active": "seller"}))
    with pytest.raises(PatternError, match=r"\[E112\]"):
        _build(copy)


def test_a_bad_slot_pattern_names_the_slot(copy):
    def change(data):
        data["slots"][0]["pattern"][0]["REL_OP"] = ">>>"

    _edit_slots(copy, change)
    with pytest.raises(PatternError, match=r"\[E115\] .*deal_relations.json, slot 'subject'"):
        _build(copy)


def test_roles_in_the_slot_file_are_refused_with_a_pointer(copy):
    _edit_slots(copy, lambda data: data["slots"][1].update({"roles": {"acquire": "target"}}))
    with pytest.raises(PatternError, match=r"\[E115\] .*'roles' moved to the trigger classes"):
        _build(copy)


def test_a_slot_without_arg_node_is_refused(copy):
    def change(data):
        data["slots"][0]["pattern"][-1]["RIGHT_ID"] = "party"

    _edit_slots(copy, change)
    with pytest.raises(PatternError, match=r"\[E115\] .*RIGHT_ID 'arg'"):
        _build(copy)


def test_duplicate_slot_ids_are_refused(copy):
    _edit_slots(copy, lambda data: data["slots"].append(dict(data["slots"][0])))
    with pytest.raises(PatternError, match=r"\[E115\] .*a second slot"):
        _build(copy)


def test_flags_come_from_the_data_not_the_class_name(copy):
    """A class renamed keeps its behaviour: the rules read flags and frames only."""

    def change(rules):
        rules["classes"]["takeover_verbs"] = rules["classes"].pop("acquire")

    _edit_triggers(copy, change)
    lexicon = Lexicon(spacy.blank("en").vocab, str(copy))
    cls = lexicon.classes["takeover_verbs"]
    assert cls.takeover and cls.stake_sets_type and not cls.seller_side
    assert cls.takes_seller and cls.stray_prep("passive") == "by"


def test_a_slot_may_name_a_word_list_of_triggers_yml():
    raw = json.loads((patterns_dir() / "deal_relations.json").read_text(encoding="utf-8"))
    named = [slot["id"] for slot in raw["slots"] if "@unit_nouns" in json.dumps(slot["pattern"])]
    assert named, "no slot of the package names @unit_nouns"
    lexicon = Lexicon(spacy.blank("en").vocab)
    units = lexicon.unit_nouns  # the list as this lexicon read it from triggers.yml
    for slot in lexicon.slots:
        if slot["id"] in named:
            assert "@unit_nouns" not in json.dumps(slot["pattern"])
            assert sorted(units) in [node["RIGHT_ATTRS"].get("LEMMA", {}).get("IN") for node in slot["pattern"]]


def test_an_unknown_word_list_in_a_slot_is_a_coded_error(copy):
    def change(data):
        data["slots"][0]["pattern"][0]["RIGHT_ATTRS"]["LEMMA"] = {"IN": "@unit_nounz"}

    _edit_slots(copy, change)
    with pytest.raises(PatternError, match=r"\[E115\] .*'@unit_nounz' names no word list"):
        _build(copy)
