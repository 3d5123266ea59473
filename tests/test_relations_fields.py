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
            "Pemberton Glass said it bought the Corvane Optics factory near Leeds from Halloway Industries Inc "
            "for 23 mln dlrs cash.",
            23e6,
            id="amount-then-cash",
        ),
        pytest.param(
            "Pemberton Glass has proposed to buy Corvane Optics Inc at 7 dlrs per share in cash and notes, "
            "or a total of roughly 56.4 mln dlrs.",
            56.4e6,
            id="or-a-total-of",
        ),
        pytest.param(
            "Pemberton Glass will purchase Corvane Optics Inc at 7 dlrs per share, or an aggregate of 56.4 mln dlrs.",
            56.4e6,
            id="or-an-aggregate-of",
        ),
        pytest.param(
            "Pemberton Glass agreed to purchase Corvane Optics Inc. The transaction would be for roughly 56.4 mln dlrs.",
            56.4e6,
            id="the-purchase-would-be-for",
        ),
        pytest.param(
            "Pemberton Glass will take over Corvane Optics Inc through a swap of shares valued at 56.4 mln dlrs.",
            56.4e6,
            id="through-an-exchange-valued-at",
        ),
        pytest.param(
            "Pemberton Glass will take over Corvane Optics Inc in return for 2.4 mln shares valued at roughly "
            "56.4 mln dlrs.",
            56.4e6,
            id="for-shares-valued-at",
        ),
        pytest.param(
            "Pemberton Glass will purchase Corvane Optics Inc at 7 dlrs per share or 56.4 mln dlrs.",
            56.4e6,
            id="or-without-a-comma",
        ),
        pytest.param(
            "Corvane Optics is to be bought by Pemberton Glass Inc in an exchange of shares valued at roughly "
            "8.7 mln dlrs.",
            8.7e6,
            id="passive-exchange-of-stock-valued-at",
        ),
        pytest.param(
            "Pemberton Glass called off its deal to sell its lens business, Corvane Optics, to Halloway Capital "
            "for $1.6 billion when regulators objected.",
            1.6e9,
            id="for-on-the-verb-above-the-agreement",
        ),
        pytest.param(
            "Pemberton Glass is weighing a purchase of lens maker Corvane Optics in a transaction that might be "
            "worth up to 270 mln dlrs, a magazine said.",
            270e6,
            id="in-a-deal-that-could-be-worth",
        ),
        pytest.param(
            "Pemberton Glass has a tentative deal to sell its mirror division to a firm set up by the division's "
            "executives for roughly 11 mln dlrs.",
            11e6,
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
            "Pemberton Glass agreed to buy Corvane Optics Inc, which holds 23 mln dlrs cash.",
            id="cash-the-target-holds",
        ),
        pytest.param(
            "Pemberton Glass will purchase Corvane Optics Inc at 7 dlrs per share. "
            "Corvane had earnings of 7 dlrs per share, or 56.4 mln dlrs, in 2024.",
            id="total-of-another-figure",
        ),
        pytest.param(
            "Pemberton Glass agreed to buy Corvane Optics Inc, a firm whose shares are valued at roughly 56.4 mln dlrs.",
            id="shares-the-target-has",
        ),
        pytest.param(
            "Pemberton Glass will buy Corvane Optics in a transaction that comes after its 270 mln dlrs note offering.",
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
            "In 2023, Pemberton Glass booked a gain of 9.1 mln dlrs on the sale of its Corvane Optics subsidiary.",
            id="gain-on-the-sale",
        ),
        pytest.param(
            "Pemberton Glass reported a 12.6 mln dlr pretax gain from the sale of its Corvane Optics subsidiary to "
            "Halloway Industries Inc, lifting net income to 4.2 mln dlrs.",
            id="pretax-gain-from-the-sale",
        ),
        pytest.param(
            "Pemberton Glass has finished selling its Corvane Optics subsidiary to Halloway Industries Inc for an "
            "after-tax gain of 3.9 mln dlrs.",
            id="sold-for-a-gain",
        ),
    ],
)
def test_a_gain_on_a_sale_is_not_its_amount(nlp, text):
    assert _amounts(nlp, text) == [None]


def test_the_price_stays_beside_a_gain(nlp):
    text = (
        "Pemberton Glass sold the Corvane Optics subsidiary to Halloway Industries Inc for 47 mln dlrs, "
        "which produced a gain of 8 mln dlrs."
    )
    assert _amounts(nlp, text) == [pytest.approx(47e6)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Pemberton Glass has agreed to acquire a warehouse from Halloway Industries SA.", id="plant-from"),
        pytest.param(
            "Pemberton Glass said it has agreed to acquire a family of coatings from Halloway Industries SA "
            "for an undisclosed price.",
            id="line-of-products-from",
        ),
    ],
)
def test_an_unnamed_asset_from_its_owner(nlp, text):
    """The parser hangs "from Y" on the asset rather than on the verb: Y is still its owner."""
    rows = mention_rows(nlp(text), "t")
    assert [(row["buyers"], row["target"]) for row in rows] == [(["Pemberton Glass"], "Halloway Industries SA")]
