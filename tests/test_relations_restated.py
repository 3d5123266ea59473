"""One deal per transaction: figures stated in a later sentence join the deal (through
the model, on sentences written for these tests)."""

from __future__ import annotations

import pytest

from pipeline.export import mention_rows


def _rows(nlp, text):
    return mention_rows(nlp(text), "t")


@pytest.mark.parametrize(
    "text, amount",
    [
        pytest.param(
            "Harwick Foods agreed to acquire Delmont Bakeries, the companies said on Monday. "
            "The deal values Delmont at $1.2 billion, including debt.",
            1.2e9,
            id="deal-values",
        ),
        pytest.param(
            "Visser Group will buy the Danish lens maker Linden Optics. "
            "The transaction is valued at 300 million euros, Visser said.",
            300e6,
            id="transaction-valued",
        ),
        pytest.param(
            "Quayle Mining has agreed to buy Orrick Copper. The acquirer will pay $450 million in cash and shares.",
            450e6,
            id="acquirer-pays",
        ),
        pytest.param(
            "Brannagh Retail is buying Pellow Stores. Brannagh will pay $80 million in cash for the chain.",
            80e6,
            id="buyer-pays",
        ),
        pytest.param(
            "Corbell Bancorp said it signed a definitive agreement to acquire Trenton Savings Bancorp. "
            "Corbell said this gives the transaction an indicated value of 64 mln dlrs.",
            64e6,
            id="gives-the-transaction-a-value",
        ),
        pytest.param(
            "Ostrander Mills said it made an offer to acquire Kettering Looms Inc. The offer is worth about 75 mln dlrs.",
            75e6,
            id="offer-is-worth",
        ),
        pytest.param(
            "Ostrander Mills said it agreed to acquire Kettering Looms Inc. The purchase price is 75 mln dlrs.",
            75e6,
            id="purchase-price-is",
        ),
        pytest.param(
            "Ostrander Mills agreed to acquire Kettering Looms Inc. The price was about 75 mln dlrs, Ostrander said.",
            75e6,
            id="the-price-was",
        ),
        pytest.param(
            "Ostrander Mills said it sold its Kettering Looms unit to Pascoe Textiles Corp. "
            "Ostrander received 75 mln dlrs for the unit.",
            75e6,
            id="seller-received",
        ),
        pytest.param(
            "Ostrander Mills agreed to buy Kettering Looms Inc from Pascoe Textiles Corp of the U.S.\nFor 75 mln dlrs.",
            75e6,
            id="sentence-cut-after-an-abbreviation",
        ),
    ],
)
def test_amount_from_a_later_sentence(nlp, text, amount):
    rows = _rows(nlp, text)
    assert len(rows) == 1, rows
    assert rows[0]["amount"] == pytest.approx(amount)


def test_terms_not_disclosed_give_no_amount(nlp):
    rows = _rows(nlp, "Harwick Foods agreed to acquire Delmont Bakeries. Terms were not disclosed.")
    assert [row["amount"] for row in rows] == [None]


def test_an_amount_after_a_list_of_deals_stays_unassigned(nlp):
    rows = _rows(
        nlp,
        "Corvane Holdings acquired Aster Labs Inc and Birchfield Media Corp in two separate deals. "
        "The deals were valued at $50 million.",
    )
    assert len(rows) == 2, rows
    assert all(row["amount"] is None for row in rows)


def test_an_amount_of_another_companys_revenue_is_not_the_deal_amount(nlp):
    rows = _rows(
        nlp, "Harwick Foods agreed to acquire Delmont Bakeries. Harwick had revenue of $900 million last year."
    )
    assert [row["amount"] for row in rows] == [None]


def test_an_amount_the_buyer_receives_is_not_the_deal_amount(nlp):
    rows = _rows(
        nlp,
        "Ostrander Mills said it sold its Kettering Looms unit to Pascoe Textiles Corp. "
        "Pascoe received 75 mln dlrs in new bank loans last year.",
    )
    assert [row["amount"] for row in rows] == [None]


def test_the_price_of_shares_is_not_the_deal_amount(nlp):
    rows = _rows(
        nlp,
        "Ostrander Mills agreed to acquire Kettering Looms Inc. The price of Kettering's bonds is 75 mln dlrs.",
    )
    assert [row["amount"] for row in rows] == [None]


def test_a_verbless_sentence_far_from_the_deal_gives_no_amount(nlp):
    rows = _rows(
        nlp,
        "Ostrander Mills agreed to buy Kettering Looms Inc. Kettering makes carpets in Ohio.\nFor 75 mln dlrs.",
    )
    assert [row["amount"] for row in rows] == [None]
