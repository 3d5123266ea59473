"""The MONEY and PERCENT entity patterns of ``patterns/entities.jsonl``, built from
``money.yml`` by ``python -m pipeline.money.patterns`` (pipeline/money/patterns.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy
import yaml

from pipeline.errors import PatternError
from pipeline.money import patterns as money_patterns
from pipeline.money.tables import MONEY_FILE, load_money_tables
from pipeline.patterns import patterns_dir

ENTITIES_FILE = "entities.jsonl"


def lower_words(rows: list[dict]) -> set[str]:
    """Every word a pattern token tests with LOWER ... IN."""
    return {
        word
        for row in rows
        for token in row["pattern"]
        if isinstance(token.get("LOWER"), dict)
        for word in token["LOWER"].get("IN", [])
    }


def test_entities_file_is_the_generators_output():
    """Edit money.yml (or the generator), then run
    ``python -m pipeline.money.patterns > patterns/entities.jsonl``."""
    written = (patterns_dir() / ENTITIES_FILE).read_text(encoding="utf8")
    assert written == money_patterns.jsonl(money_patterns.build()), (
        "patterns/entities.jsonl is not what money.yml gives: run "
        "`python -m pipeline.money.patterns > patterns/entities.jsonl`"
    )


def test_the_command_writes_the_file(capsys):
    money_patterns.main([])
    assert capsys.readouterr().out == (patterns_dir() / ENTITIES_FILE).read_text(encoding="utf8")


def test_every_scale_and_currency_word_of_money_yml_is_in_the_patterns():
    tables = load_money_tables()
    words = lower_words(money_patterns.build())
    assert set(tables.scales) | set(tables.attached_scales) <= words
    nouns = {phrase[0] for phrase in tables.currency_phrases if len(phrase) == 1} - tables.attached_currency_words
    assert nouns <= words
    assert {word for phrase in tables.dollar_modifiers for word in phrase} <= words
    assert set(tables.symbols) <= words
    assert {"u.s.", "h.k.", "n.z."} <= words  # two-letter country words also as written with dots


@pytest.fixture()
def own_money_yml(tmp_path: Path) -> Path:
    """A folder with a copy of the bundled money.yml, to change."""
    shutil.copy(patterns_dir() / MONEY_FILE, tmp_path / MONEY_FILE)
    return tmp_path


def test_a_currency_added_to_money_yml_is_found_in_text(own_money_yml: Path):
    path = own_money_yml / MONEY_FILE
    raw = yaml.safe_load(path.read_text(encoding="utf8"))
    raw["currencies"]["zorkmid"] = {"words": ["zorkmid", "zorkmids"], "default": None, "modifiers": {"frobozz": None}}
    raw["scales"]["gazillion"] = 1.0e15
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf8")
    rows = money_patterns.build(own_money_yml)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(rows)
    doc = nlp("It paid 5 gazillion Frobozz zorkmids and 40 zorkmids a share, and 51 pct.")
    assert [(ent.text, ent.label_) for ent in doc.ents] == [
        ("5 gazillion Frobozz zorkmids", "MONEY"),
        ("40 zorkmids a share", "MONEY"),
        ("51 pct", "PERCENT"),
    ]
    assert "zorkmid" not in lower_words(money_patterns.build())


def test_a_bad_entity_patterns_section_names_the_entry(own_money_yml: Path):
    path = own_money_yml / MONEY_FILE
    raw = yaml.safe_load(path.read_text(encoding="utf8"))
    raw["entity_patterns"]["codes"] = "USD"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf8")
    with pytest.raises(PatternError, match="entity_patterns.codes"):
        money_patterns.build(own_money_yml)


def test_patterns_ids_are_unique_and_labelled():
    rows = money_patterns.build()
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert row["label"] in ("MONEY", "PERCENT") and row["id"].startswith(row["label"].lower())
