"""Accuracy floors on the shared development sets, measured as `spacy-deals evaluate` does.

The floors sit a little under what the pipeline reaches, so a change that makes the
extraction worse fails here. Raise them when the extraction improves.
"""

from __future__ import annotations

import pytest

from pipeline.batch import extract
from pipeline.evaluate import load_gold, score
from pipeline.readers import Record

from .conftest import gold_path

FLOORS = {
    # set: (deal pair F1, roles F1, min accuracy of type/amount/stake/status)
    "seeds_gold.jsonl": (0.94, 0.95, 0.90),
    "reuters_dev_gold.jsonl": (0.82, 0.95, 0.88),
    # sets no rule was fitted to (error analysis on their even-numbered ids only)
    "reuters_dev2_gold.jsonl": (0.52, 0.60, 0.78),
    "capabilities_gold.jsonl": (0.80, 0.92, 0.82),
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def report(request, nlp):
    gold = load_gold(gold_path(request.param))
    tables = extract([Record(id=d["id"], text=d["text"], date=d.get("date")) for d in gold], nlp=nlp)
    return request.param, score(gold, tables.mentions, tables.roles)


def test_deal_pair_f1_floor(report):
    name, result = report
    assert result.pairs.f1 >= FLOORS[name][0], (name, result.pairs)


def test_roles_f1_floor(report):
    name, result = report
    assert result.roles.f1 >= FLOORS[name][1], (name, result.roles)


def test_field_accuracy_floor(report):
    name, result = report
    for field in ("type", "amount", "stake", "status"):
        accuracy = result.fields[field].accuracy
        assert accuracy is not None and accuracy >= FLOORS[name][2], (name, field, accuracy)
