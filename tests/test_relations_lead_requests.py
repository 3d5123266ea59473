"""Shapes other helpers found and asked for, written as made-up sentences."""

import pytest

import pipeline


@pytest.fixture(scope="module")
def nlp():
    return pipeline.load()


def _deals(nlp, text):
    return [
        ([str(b).rstrip(".") for b in deal.buyers], str(deal.target).rstrip("."), deal.type)
        for deal in nlp(text)._.deals
    ]


@pytest.mark.parametrize(
    "text, buyer, target",
    [
        ("Halden Ventures led a $9 million round in Korvex Labs, the startup said.", "Halden Ventures", "Korvex Labs"),
        ("Pinecrest Capital joined a $60 million round in Brightwell Inc.", "Pinecrest Capital", "Brightwell Inc"),
    ],
)
def test_a_round_named_by_its_amount_alone_is_a_funding_round(nlp, text, buyer, target):
    assert _deals(nlp, text) == [([buyer], target, "investment")]


def test_a_round_of_talks_is_no_funding_round(nlp):
    assert _deals(nlp, "Korvex Labs held a round of talks with its lenders.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Lambda Inc rejected a takeover approach from Kappa Corp.",
        "Lambda Inc said its board rejected a buyout approach from Kappa Corp last week.",
    ],
)
def test_a_rejected_approach_is_a_bid_still_proposed(nlp, text):
    deals = nlp(text)._.deals
    assert [([str(b).rstrip(".") for b in d.buyers], str(d.target).rstrip("."), d.status) for d in deals] == [
        (["Kappa Corp"], "Lambda Inc", "proposed")
    ]
