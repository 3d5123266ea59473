"""Consortia and groups (through the model, on sentences written for these tests): every
named member of a buying or investing group is a buyer."""

from __future__ import annotations

import pytest

from pipeline.export import mention_rows
from pipeline.names import names_match


def _buyers(nlp, text):
    rows = mention_rows(nlp(text), "t")
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    "text, buyers, target",
    [
        pytest.param(
            "Harrow Athletic has been sold to a group led by Canadian investor Dana Whitfield that includes "
            "hedge fund Moorgate Partners, the club said.",
            ["Dana Whitfield", "Moorgate Partners"],
            "Harrow Athletic",
            id="led-by-that-includes",
        ),
        pytest.param(
            "An investor group made up of Pellow Partners, Ainsley Brandt and Corrib Capital Corp said it offered "
            "31 dlrs a share for Tamsin Devices Inc.",
            ["Pellow Partners", "Ainsley Brandt", "Corrib Capital Corp"],
            "Tamsin Devices Inc",
            id="made-up-of-then-it",
        ),
        pytest.param(
            "Quarrel Biotech Inc said it raised 9 mln dlrs through a private placement of common stock with a group "
            "of investors led by Amble Venture Partners and including Stour Capital Corp and the Lune Foundation.",
            ["Amble Venture Partners", "Stour Capital Corp", "Lune Foundation"],
            "Quarrel Biotech Inc",
            id="led-by-and-including",
        ),
    ],
)
def test_every_member_of_the_group_is_a_buyer(nlp, text, buyers, target):
    row = _buyers(nlp, text)
    assert names_match(row["target"], target), row["target"]
    for want in buyers:
        assert any(names_match(b, want) for b in row["buyers"]), (want, row["buyers"])


def test_a_company_selling_a_stake_in_itself_is_the_target(nlp):
    row = _buyers(nlp, "Wexford Atelier Ltd has sold a 30% stake to fashion group Bellaria SpA for 40 mln stg.")
    assert row["buyers"] == ["Bellaria SpA"] and names_match(row["target"], "Wexford Atelier Ltd")
    assert row["type"] == "investment" and row["seller"] is None
