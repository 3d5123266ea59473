"""Sales of unnamed units and assets (issue 17 §5, spec/deal-schema.md): the target is
written "<parent>'s <unit, in the text's words>" and the parent is the seller; a named
unit stays the target by its name. Sentences written for these tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from pipeline import schema
from pipeline.consolidate import consolidate
from pipeline.export import _mention_row, mention_rows
from pipeline.tables import frame

# sentence, (buyers, target, seller, type)
CASES = [
    pytest.param(
        "Alder Corp will sell its Brazilian operations to Huijbrechts Inc for $65 million.",
        (["Huijbrechts Inc"], "Alder Corp's Brazilian operations", "Alder Corp", "acquisition"),
        id="its-unit-to-buyer",
    ),
    pytest.param(
        "Hesket Corp plans to sell its marine engines division.",
        ([], "Hesket Corp's marine engines division", "Hesket Corp", "divestiture"),
        id="no-buyer",
    ),
    pytest.param(
        "Tarlow Mining Ltd sold two copper mines in Chile to Brisk Metals Inc last week.",
        (["Brisk Metals Inc"], "Tarlow Mining Ltd's copper mines", "Tarlow Mining Ltd", "acquisition"),
        id="assets-without-possessor",
    ),
    pytest.param(
        "Huijbrechts Inc bought the European operations of Alder Corp last year.",
        (["Huijbrechts Inc"], "Alder Corp's European operations", "Alder Corp", "acquisition"),
        id="of-owner-buyer-side",
    ),
    pytest.param(
        "Huijbrechts Inc bought Alder Corp's packaging business for $12 million.",
        (["Huijbrechts Inc"], "Alder Corp's packaging business", "Alder Corp", "acquisition"),
        id="possessor-buyer-side",
    ),
    pytest.param(
        "Huijbrechts Inc agreed to buy a trucking business from Alder Corp for $6 million.",
        (["Huijbrechts Inc"], "Alder Corp's trucking business", "Alder Corp", "acquisition"),
        id="from-owner",
    ),
    pytest.param(
        "Insurer Corvo Life will sell a portfolio of 30 office buildings to Pell Finance Inc for $90 million.",
        (["Pell Finance Inc"], "Corvo Life's portfolio", "Corvo Life", "acquisition"),
        id="descriptor-opening-the-sentence",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_unnamed_unit(nlp, text, expected):
    buyers, target, seller, kind = expected
    rows = mention_rows(nlp(text), "t")
    assert [(r["buyers"], r["target"], r["seller"], r["type"]) for r in rows] == [(buyers, target, seller, kind)]


@pytest.mark.parametrize(
    "text, target, seller",
    [
        pytest.param(
            "Quill Foods Inc sold its Dunmore Bakeries unit to Pell Group for $8 million.",
            "Dunmore Bakeries",
            "Quill Foods Inc",
            id="named-unit",
        ),
        pytest.param(
            "Dunlin Telecom agreed to sell its cable business, Marlow Cable, to Castellan Partners for $1.4 billion.",
            "Marlow Cable",
            "Dunlin Telecom",
            id="unit-named-in-apposition-untagged",
        ),
        pytest.param(
            "Dunlin Telecom has abandoned its deal to sell its cable business, Marlow Cable, to Castellan"
            " Partners for $1.4 billion after regulators refused to clear it.",
            "Marlow Cable",
            "Dunlin Telecom",
            id="buyer-hung-on-the-verb-above",
        ),
        pytest.param(
            "Alder Corp sold its 20 pct stake in Pell Group to Huijbrechts Inc.",
            "Pell Group",
            "Alder Corp",
            id="stake-in-company",
        ),
        pytest.param(
            "Huijbrechts Inc completed its acquisition of Alder Corp on Monday.",
            "Alder Corp",
            None,
            id="whole-company",
        ),
    ],
)
def test_named_targets_unchanged(nlp, text, target, seller):
    rows = mention_rows(nlp(text), "t")
    assert [(r["target"], r["seller"]) for r in rows] == [(target, seller)]


def test_export_writes_parent_unit_and_seller():
    doc = spacy.blank("en")("Alder Corp plans to sell its Brazilian operations to Huijbrechts.")
    deal = schema.Deal(
        type="acquisition",
        buyers=[Span(doc, 9, 10, label="ORG")],
        target=Span(doc, 0, 2, label="ORG"),
        target_unit="Brazilian  operations",
    )
    row = _mention_row(deal, "d", 0)
    assert (row["target"], row["seller"]) == ("Alder Corp's Brazilian operations", "Alder Corp")
    assert (row["target_norm"], row["seller_norm"]) == ("alder brazilian operations", "alder")
    deal.target_unit = None
    row = _mention_row(deal, "d", 0)
    assert (row["target"], row["seller"], row["target_norm"]) == ("Alder Corp", None, "alder")


def _row(doc_id: str, target: str, target_norm: str, seller: str) -> dict:
    return {
        "doc_id": doc_id,
        "mention_id": f"{doc_id}#0",
        "type": "acquisition",
        "buyers": ["Huijbrechts"],
        "buyers_norm": ["brightline"],
        "target": target,
        "target_norm": target_norm,
        "seller": seller,
        "seller_norm": "alder",
        "approximate": False,
        "status": "agreed",
        "evidence": f"evidence of {doc_id}",
        "sentence_start": 0,
        "sentence_end": 9,
        "confidence": 0.8,
    }


def test_consolidate_groups_units_of_one_parent_by_unit():
    """The same unit told by two articles is one deal; another unit of the parent sold to
    the same buyer is another deal."""
    rows = [
        _row("a", "Alder Corp's European operations", "alder european operations", "Alder Corp"),
        _row("b", "Alder's European operations", "alder european operations", "Alder"),
        _row("c", "Alder's Asian unit", "alder asian unit", "Alder"),
    ]
    deals = consolidate(frame(rows, schema.MENTION_COLUMNS))
    assert sorted(sorted(ids) for ids in deals["mention_ids"]) == [["a#0", "b#0"], ["c#0"]]
