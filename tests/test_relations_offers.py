"""Offers answered by their target (through the model, on sentences written for these
tests): the company that receives, rejects or is urged to reject an offer is its target,
never its bidder, and a target's own refusal leaves the offer proposed."""

from __future__ import annotations

import pytest

from pipeline.export import mention_rows
from pipeline.names import names_match


@pytest.mark.parametrize(
    "text, bidder, target, status",
    [
        pytest.param(
            "Pellham Instruments Inc said its board rejected a 41 dlrs per share unsolicited tender offer for the "
            "company's stock from Morrow Controls Ltd, which already holds 12 pct of the stock.",
            "Morrow Controls Ltd",
            "Pellham Instruments Inc",
            "proposed",
            id="board-rejects-offer-for-its-stock",
        ),
        pytest.param(
            "Darbury Corp said its board urged shareholders to reject the hostile 60 dlr a share tender offer made "
            "by Keswin Acquisition Inc.",
            "Keswin Acquisition Inc",
            "Darbury Corp",
            "proposed",
            id="urged-to-reject",
        ),
        pytest.param(
            "Harlow Corp said it received a proposal from Denton Group to acquire the company for 20 dlrs a share.",
            "Denton Group",
            "Harlow Corp",
            "proposed",
            id="received-a-proposal",
        ),
    ],
)
def test_the_answering_company_is_the_target(nlp, text, bidder, target, status):
    rows = mention_rows(nlp(text), "t")
    assert len(rows) == 1, rows
    row = rows[0]
    assert [names_match(b, bidder) for b in row["buyers"]] == [True], row["buyers"]
    assert names_match(row["target"], target), row["target"]
    assert row["status"] == status


def test_a_regulator_blocking_an_offer_ends_it(nlp):
    rows = mention_rows(
        nlp("The Federal Trade Commission blocked Halvern Corp's 300 mln dlr offer for Ostley Foods Inc."), "t"
    )
    assert len(rows) == 1, rows
    assert names_match(rows[0]["target"], "Ostley Foods Inc") and rows[0]["buyers"] == ["Halvern Corp"]
    assert rows[0]["status"] == "terminated"


def test_an_offer_stated_by_its_price(nlp):
    rows = mention_rows(nlp("Tolliver Group said it offered 42 dlrs a share for Brisbane Tool Co."), "t")
    assert [(row["buyers"], row["status"]) for row in rows] == [(["Tolliver Group"], "proposed")]
    assert names_match(rows[0]["target"], "Brisbane Tool Co")


@pytest.mark.parametrize(
    "text",
    [
        "Harwick Foods agreed not to acquire any more shares of Delmont Bakeries.",
        "Harwick Foods said it does not plan to bid for Delmont Bakeries.",
        "Delmont Bakeries is not trying to sell the company, its chairman said.",
    ],
)
def test_a_negated_deal_is_no_deal(nlp, text):
    assert mention_rows(nlp(text), "t") == []


def test_a_minority_stake_sold_to_a_named_buyer_is_an_investment(nlp):
    rows = mention_rows(
        nlp("Orland Energy sold its 20% stake in Vesta Pipelines to Crane Infrastructure for $90 million."), "t"
    )
    assert [(row["type"], row["buyers"]) for row in rows] == [("investment", ["Crane Infrastructure"])]


def test_a_deal_word_inside_a_company_name_is_no_trigger(nlp):
    rows = mention_rows(nlp("Harlan Acquisition Corp, the parent of Brisbane Tool Co, said profits rose."), "t")
    assert rows == []
