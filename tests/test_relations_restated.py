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
            "Tessaro Group will buy the Danish lens maker Linden Optics. "
            "The transaction is valued at 300 million euros, Tessaro said.",
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
