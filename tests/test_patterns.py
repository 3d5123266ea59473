"""Pattern files (pipeline/patterns.py): a user's ``patterns_dir`` overlays the shipped
files file by file, and a bad or missing file is a coded PatternError naming it."""

from __future__ import annotations

import pytest

from pipeline.errors import PatternError
from pipeline.patterns import load_jsonl, load_lines, load_yaml, pattern_path, patterns_dir, require_keys
from pipeline.triage import Triage


def test_a_folder_with_one_file_overlays_only_that_file(tmp_path):
    (tmp_path / "titles.txt").write_text("chief vibes officer => CVO\n", encoding="utf8")
    assert pattern_path("titles.txt", tmp_path) == tmp_path / "titles.txt"
    assert load_lines("titles.txt", tmp_path) == ["chief vibes officer => CVO"]
    # every other file is the shipped one
    assert pattern_path("triage.yml", tmp_path) == patterns_dir() / "triage.yml"
    assert load_yaml("triage.yml", tmp_path) == load_yaml("triage.yml")


def test_a_patterns_dir_holding_one_extended_file_extends_the_tokenizer(tmp_path):
    import spacy

    from pipeline.loader import add_token_exceptions

    shipped = (patterns_dir() / "token_exceptions.txt").read_text(encoding="utf8")
    (tmp_path / "token_exceptions.txt").write_text(shipped + "\nzorb-founded\n", encoding="utf8")
    nlp = spacy.blank("en")
    add_token_exceptions(nlp, patterns_dir=str(tmp_path))
    assert [t.text for t in nlp("It was zorb-founded and co-founded.")][2:5] == ["zorb-founded", "and", "co-founded"]


def test_a_file_in_neither_folder_is_a_coded_error(tmp_path):
    with pytest.raises(PatternError, match=r"\[E103\] Pattern file .*nothing\.txt not found"):
        pattern_path("nothing.txt", tmp_path)
    with pytest.raises(PatternError, match=r"\[E103\].*patterns_dir"):
        pattern_path("titles.txt", tmp_path / "no such folder")


def test_bad_files_are_coded_errors_naming_file_and_line(tmp_path):
    (tmp_path / "triage.yml").write_text("deal_cues: [buy\n", encoding="utf8")
    with pytest.raises(PatternError, match=r"\[E102\] .*triage.yml: not valid YAML"):
        load_yaml("triage.yml", tmp_path)
    (tmp_path / "entities.jsonl").write_text('{"label": "ORG", "pattern": "Acme"}\n{"label": "ORG"}\n')
    with pytest.raises(PatternError, match=r"\[E101\] .*entities.jsonl, entry on line 2: expected an object"):
        load_jsonl("entities.jsonl", tmp_path)
    with pytest.raises(PatternError, match=r"\[E101\] triggers.yml, entry class 'buy': missing key\(s\) type"):
        require_keys({}, ("type",), "triggers.yml, class 'buy'")


def test_a_cue_list_that_is_not_a_list_names_its_key(nlp, tmp_path):
    (tmp_path / "triage.yml").write_text("deal_cues: buy\n", encoding="utf8")
    with pytest.raises(PatternError, match=r"\[E101\] triage.yml, entry deal_cues: 'deal_cues' must be a list"):
        Triage(nlp, str(tmp_path))
