"""The amount of a deal told in its own sentence in other words than "for $N": a price paid
in cash written after the amount, a total restating a price per share (through the model,
on sentences written for these tests)."""

from __future__ import annotations

import pytest

from pipeline.export import mention_rows


def _amounts(nlp, text):
    return [row["amount"] for row in mention_rows(nlp(text), "t")]


@pytest.mark.parametrize(
    "text, amount",
    [
        pytest.param(
            "Brisco Dairies said it acquired the Lanford Creamery plant in Ohio from Tolland Farms Inc for 40 mln dlrs cash.",
            40e6,
            id="amount-then-cash",
        ),
        pytest.param(
            "Brisco Dairies has offered to acquire Lanford Creamery Inc for 9 dlrs per share in cash and stock, "
            "or a total of about 81.5 mln dlrs.",
            81.5e6,
            id="or-a-total-of",
        ),
        pytest.param(
            "Brisco Dairies agreed to buy Lanford Creamery Inc for 9 dlrs a share, or an aggregate of 81.5 mln dlrs.",
            81.5e6,
            id="or-an-aggregate-of",
        ),
        pytest.param(
            "Brisco Dairies agreed to buy Lanford Creamery Inc. The purchase would be for about 81.5 mln dlrs.",
            81.5e6,
            id="the-purchase-would-be-for",
        ),
        pytest.param(
            "Brisco Dairies said it agreed to buy Lanford Creamery Inc through a share exchange valued at 81.5 mln dlrs.",
            81.5e6,
            id="through-an-exchange-valued-at",
        ),
        pytest.param(
            "Brisco Dairies said it agreed to acquire Lanford Creamery Inc for 3.1 mln shares valued at about 81.5 mln dlrs.",
            81.5e6,
            id="for-shares-valued-at",
        ),
        pytest.param(
            "Brisco Dairies agreed to buy Lanford Creamery Inc for 9 dlrs a share or 81.5 mln dlrs.",
            81.5e6,
            id="or-without-a-comma",
        ),
        pytest.param(
            "Lanford Creamery said it will be acquired by Brisco Dairies Inc in an exchange of stock valued at "
            "about 19.5 mln dlrs.",
            19.5e6,
            id="passive-exchange-of-stock-valued-at",
        ),
        pytest.param(
            "Brisco Dairies has scrapped its agreement to sell its cheese business, Lanford Creamery, to Tolland "
            "Partners for $2.3 billion after failing to win approval.",
            2.3e9,
            id="for-on-the-verb-above-the-agreement",
        ),
        pytest.param(
            "Brisco Dairies is exploring an acquisition of cheese maker Lanford Creamery in a deal that could be "
            "worth as much as 400 mln dlrs, a newspaper reported.",
            400e6,
            id="in-a-deal-that-could-be-worth",
        ),
        pytest.param(
            "Brisco Dairies said it agreed in principle to sell its retail division to a company formed by the "
            "division's management for about 14 mln dlrs.",
            14e6,
            id="for-on-the-buyers-participle",
        ),
    ],
)
def test_amount(nlp, text, amount):
    amounts = _amounts(nlp, text)
    assert len(amounts) == 1, amounts
    assert amounts[0] == pytest.approx(amount)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Brisco Dairies agreed to acquire Lanford Creamery Inc, which has 40 mln dlrs cash.",
            id="cash-the-target-holds",
        ),
        pytest.param(
            "Brisco Dairies agreed to buy Lanford Creamery Inc for 9 dlrs a share. "
            "Lanford had sales of 9 dlrs a share, or 81.5 mln dlrs, last year.",
            id="total-of-another-figure",
        ),
        pytest.param(
            "Brisco Dairies agreed to acquire Lanford Creamery Inc, a company with shares valued at about 81.5 mln dlrs.",
            id="shares-the-target-has",
        ),
        pytest.param(
            "Brisco Dairies agreed to acquire Lanford Creamery in a deal that follows its 400 mln dlrs bond issue.",
            id="a-deal-clause-of-no-value",
        ),
    ],
)
def test_no_amount(nlp, text):
    assert _amounts(nlp, text) == [None]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "For 1986, Brisco Dairies posted a gain of 14.3 mln dlrs on the sale of its Lanford Creamery unit.",
            id="gain-on-the-sale",
        ),
        pytest.param(
            "Brisco Dairies reported net income of 6.6 mln dlrs, after a 17.2 mln dlr pretax gain from the sale of "
            "its Lanford Creamery unit to Tolland Farms Inc.",
            id="pretax-gain-from-the-sale",
        ),
        pytest.param(
            "Brisco Dairies said it has completed the sale of its Lanford Creamery unit to Tolland Farms Inc for an "
            "after-tax gain of 6.8 mln dlrs.",
            id="sold-for-a-gain",
        ),
    ],
)
def test_a_gain_on_a_sale_is_not_its_amount(nlp, text):
    assert _amounts(nlp, text) == [None]


def test_the_price_stays_beside_a_gain(nlp):
    text = (
        "Brisco Dairies said it sold its Lanford Creamery unit to Tolland Farms Inc for 68 mln dlrs, "
        "resulting in a gain of 12 mln dlrs."
    )
    assert _amounts(nlp, text) == [pytest.approx(68e6)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Brisco Dairies said it agreed to acquire a cheese plant from Tolland Farms SA.", id="plant-from"),
        pytest.param(
            "Brisco Dairies said it agreed to acquire a line of yogurts from Tolland Farms SA for undisclosed terms.",
            id="line-of-products-from",
        ),
    ],
)
def test_an_unnamed_asset_from_its_owner(nlp, text):
    """The parser hangs "from Y" on the asset rather than on the verb: Y is still its owner."""
    rows = mention_rows(nlp(text), "t")
    assert [(row["buyers"], row["target"]) for row in rows] == [(["Brisco Dairies"], "Tolland Farms SA")]
