"""Figures that belong to something other than the deal, and statuses told by the words
around it (through the model, on sentences written for these tests)."""

from __future__ import annotations

import pytest

from pipeline.export import mention_rows


def _rows(nlp, text):
    return mention_rows(nlp(text), "t")


def _deal(nlp, text, target):
    rows = [row for row in _rows(nlp, text) if target in (row["target"] or "")]
    assert rows, f"no deal of {target} in {_rows(nlp, text)}"
    return rows[0]


@pytest.mark.parametrize(
    "text, target, amount",
    [
        pytest.param(
            "Tamsin Corp plans to merge Orlov Bancorp into its Corvel Bank unit, which has 2.1 billion dlrs in assets.",
            "",
            None,
            id="assets-of-a-party",
        ),
        pytest.param(
            "Pemberton Corp topped a buyout offer for Quillan Corp by about 30 mln dlrs.",
            "Quillan",
            None,
            id="topped-by-a-difference",
        ),
        pytest.param(
            "Kelby Paper AB offered in March to buy Norrland Skog AB outright at a price of 3.4 billion crowns.",
            "Norrland",
            3.4e9,
            id="at-a-price-of",
        ),
        pytest.param(
            "Harlow Inc has bought Brisket Ltd, which makes valves in Leeds.\n\n"
            "Harlow said it will pay up to an additional 1.5 mln dlrs depending on Brisket's earnings.",
            "Brisket",
            None,
            id="an-additional-sum-later",
        ),
        pytest.param(
            "Carwell Industries Inc said it has bought a 70 pct stake in Denholm Marine Corp, a maker of boats. "
            "It said the two acquisitions totalled about 60 mln dlrs.",
            "Denholm",
            None,
            id="a-total-of-two-deals",
        ),
    ],
)
def test_amount_of_another_figure(nlp, text, target, amount):
    rows = [row for row in _rows(nlp, text) if target in (row["target"] or "")]
    assert rows
    assert all(row["amount"] == amount for row in rows)


def test_one_deal_restated_keeps_its_total(nlp):
    text = (
        "Carwell Industries Inc said it acquired Denholm Marine Corp, a maker of boats. "
        "It said the acquisition totalled about 60 mln dlrs."
    )
    assert _deal(nlp, text, "Denholm")["amount"] == 60e6


def test_combined_sales_are_no_sale(nlp):
    text = (
        "The combined sales and profit of the enlarged Corvane business would be 67 mln and four mln dlrs respectively."
    )
    assert _rows(nlp, text) == []


def test_offer_rejected_by_whose_board_stays_proposed(nlp):
    text = (
        "Corwin Inc, whose board has rejected a 19 dlr a share tender offer from Halvard Industries Inc, "
        "said it is exploring alternatives."
    )
    assert _deal(nlp, text, "Corwin")["status"] == "proposed"


def test_percent_of_a_change_is_no_stake(nlp):
    text = (
        "Corwell Inc's borrowings climbed by 60 pct last year, largely because of its 1.4 billion dlr "
        "purchase of the Tarrant Avionics Group."
    )
    assert _deal(nlp, text, "Tarrant")["stake_pct"] is None


@pytest.mark.parametrize(
    "text, status",
    [
        pytest.param(
            "The trade secretary asked the cabinet to consider blocking the sale of Varden Semiconductor Corp to "
            "Hokuto Electric Ltd, officials said.",
            "agreed",
            id="consider-blocking",
        ),
        pytest.param(
            "Officials are seeking to block the sale of Varden Semiconductor Corp to Hokuto Electric Ltd.",
            "agreed",
            id="seeking-to-block",
        ),
        pytest.param(
            "Hokuto Electric Ltd said it may withdraw its offer for Varden Semiconductor Corp.",
            "proposed",
            id="may-withdraw",
        ),
        pytest.param(
            "Regulators blocked the sale of Varden Semiconductor Corp to Hokuto Electric Ltd.",
            "terminated",
            id="blocked",
        ),
        pytest.param(
            "Hokuto Electric Ltd's board chose to withdraw the offer for Varden Semiconductor Corp.",
            "terminated",
            id="decided-to-withdraw",
        ),
        pytest.param(
            "Hokuto Electric Ltd and Varden Semiconductor Corp agreed to terminate their merger agreement.",
            "terminated",
            id="agreed-to-terminate",
        ),
    ],
)
def test_an_end_only_sought_ends_nothing(nlp, text, status):
    assert _deal(nlp, text, "Varden")["status"] == status


def test_total_restating_a_deep_price_per_share(nlp):
    text = (
        "Halbrook Corp is to be bought by Ternary Holdings for a mix of cash and stock "
        "with an estimated value of 53 dlrs a share, or a total of about 3.4 billion dlrs."
    )
    assert _deal(nlp, text, "Halbrook")["amount"] == 3.4e9


@pytest.mark.parametrize(
    "text, target, status",
    [
        pytest.param(
            "Morland Life Insurance Co said it is expanding abroad. But its president declined to comment on rumours "
            "the company would take a 10 pct stake in Halvard Securities Corp, a unit of Trenton Express Co.",
            "Halvard",
            "rumored",
            id="rumours-before-the-clause",
        ),
        pytest.param(
            "There was speculation that Trenton Express Co will bid for Halvard Securities Corp.",
            "Halvard",
            "rumored",
            id="speculation-that",
        ),
        pytest.param(
            "Trenton Express Co said it will acquire Halvard Securities Corp.",
            "Halvard",
            "agreed",
            id="will-acquire",
        ),
    ],
)
def test_a_deal_told_as_a_rumour(nlp, text, target, status):
    assert _deal(nlp, text, target)["status"] == status


@pytest.mark.parametrize(
    "text, status",
    [
        pytest.param(
            "Halvorsen Groep BV said it had reached agreement with Trelleborg NV on its takeover of Cirrex BV, "
            "a Trelleborg moulding unit.",
            "agreed",
            id="agreement-on-its-takeover",
        ),
        pytest.param(
            "Halvorsen Groep BV said it had completed its takeover of Cirrex BV, a Trelleborg moulding unit.",
            "completed",
            id="completed-its-takeover",
        ),
    ],
)
def test_a_deal_noun_under_an_agreement(nlp, text, status):
    assert _deal(nlp, text, "Cirrex")["status"] == status


def test_an_opposed_bid_is_open(nlp):
    text = "Gresham Stores is making an opposed 151 mln stg bid for Hallworth Plc."
    assert _deal(nlp, text, "Hallworth")["status"] == "proposed"


def test_a_sale_for_a_term_is_a_contract(nlp):
    text = (
        "Vantel Inc said it has extended contracts to sell its Orrin Corp, Delmar Corp and Castine Inc for three years."
    )
    assert _rows(nlp, text) == []


def test_a_sale_for_an_amount_stays(nlp):
    text = "Vantel Inc is selling its Orrin Corp unit to Castine Inc for two mln dlrs."
    assert _deal(nlp, text, "Orrin")["amount"] == 2e6


@pytest.mark.parametrize(
    "text, status",
    [
        pytest.param(
            "Ostrander Group said it ended up paying 5.67 billion dlrs for the outstanding Pellham Oil stake.",
            "completed",
            id="ended-up-paying",
        ),
        pytest.param("Ostrander Group said it ended its offer for Pellham Oil.", "terminated", id="ended-its-offer"),
    ],
)
def test_ended_up_is_no_end(nlp, text, status):
    assert _deal(nlp, text, "Pellham")["status"] == status


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The food department made a counter-offer to five U.S. firms to buy wheat at 85 dlrs a tonne.",
            id="buy-wheat",
        ),
        pytest.param("Corvel Inc said it bought 200,000 tonnes of wheat from Lassen Grain Co.", id="tonnes-of-wheat"),
        pytest.param("Corvel Inc said it bought wheat from Lassen Grain Co.", id="wheat-from"),
    ],
)
def test_commodities_bought_are_no_deal(nlp, text):
    assert _rows(nlp, text) == []


def test_a_system_bought_from_a_company_stays(nlp):
    text = "Corvel Inc has purchased a cable TV system in Ohio from Lassen Media Co."
    assert _deal(nlp, text, "Lassen")["status"] == "completed"


def test_goods_sold_in_a_market_are_no_sale(nlp):
    text = (
        "Birch Publishing Ltd closed its purchase of the card maker Mellor Cards "
        "for undisclosed terms.\n    The company said 90 pct of Mellor's cards have been sold in the northeast "
        "and mid-Atlantic states, but Birch expects to increase sales to 2,500,000 dlrs this year."
    )
    deal = _deal(nlp, text, "Mellor")
    assert (deal["stake_pct"], deal["amount"]) == (None, None)
    assert _rows(nlp, "Rennick's condoms will be sold in the U.S. under the brand name Carlton.") == []


def test_what_a_stake_cost_is_not_the_takeover_price(nlp):
    text = (
        "Halvard Corp said it launched a tender offer for all shares of Tessel Inc.\n"
        "    Halvard said it bought 9.9 pct of Tessel last month for 16.2 mln dlrs."
    )
    assert _deal(nlp, text, "Tessel")["amount"] is None


def test_a_placing_of_shares_is_no_round(nlp):
    text = "Shandwick said it would raise 5.1 mln stg through the placing of 1.16 mln shares to finance the deal."
    assert _rows(nlp, text) == []


@pytest.mark.parametrize(
    "text, status",
    [
        pytest.param(
            "Pelton Corp's first-half net includes a one-time gain of nine cents a share from the "
            "sale of its Dratex Inc holding.",
            "completed",
            id="gain-booked",
        ),
        pytest.param(
            "Pelton Corp expects to book a gain of about 75 mln dlrs on the pending sale "
            "of Dratex Inc to Marlow Group.",
            "agreed",
            id="gain-expected",
        ),
        pytest.param(
            "Pelton Corp plans to post a 13.5 mln dlr gain on the sale of Dratex Inc to Marlow Group.",
            "agreed",
            id="gain-to-record",
        ),
    ],
)
def test_a_gain_booked_on_a_sale_tells_it_done(nlp, text, status):
    deal = _deal(nlp, text, "Dratex")
    assert deal["status"] == status
    assert deal["price_per_share"] is None  # "a gain of nine cents a share" is no price


def test_a_combined_amount_is_no_single_deal_amount(nlp):
    text = "Ostrava Holdings will purchase Kellmark, a broker, together with Rasa Apdrosinasana for a combined €90 million."
    rows = [row for row in _rows(nlp, text) if row["target"]]
    assert rows
    assert all(row["amount"] is None for row in rows)


def test_an_amount_more_than_another_is_a_difference(nlp):
    text = (
        "Corlan Capital said it had offered to acquire the industrial businesses of Tessel Corp for 12.8 mln dlrs "
        "more than Alder Corp is currently scheduled to pay for them."
    )
    assert _deal(nlp, text, "Tessel")["amount"] is None
    assert _deal(nlp, "Corlan Capital will purchase Tessel Corp for over 50 mln dlrs.", "Tessel")["amount"] == 5e7
