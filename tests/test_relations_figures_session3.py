"""Status, type and amount of deals in Reuters-style reports (issue 17): offers carried out
or given up, passive refusals, shares a company sells of itself. Sentences written for
these tests (names and figures made up)."""

from __future__ import annotations

import pytest

from pipeline.export import mention_rows


def _deals(nlp, text):
    return [
        (row["buyers"], row["target"], row["type"], row["status"], row["amount"])
        for row in mention_rows(nlp(text), "t")
    ]


def _status(nlp, text):
    deals = _deals(nlp, text)
    assert len(deals) == 1, deals
    return deals[0][3]


@pytest.mark.parametrize(
    "text, status",
    [
        pytest.param(
            "Halvorsen Corp said it would not pursue its offer for Brantley Tool Co.",
            "terminated",
            id="not-pursue-offer",
        ),
        pytest.param(
            "Halvorsen Corp said it will not proceed with its proposed merger with Brantley Tool Co.",
            "terminated",
            id="not-proceed-merger",
        ),
        pytest.param(
            "Halvorsen Corp said it will continue to pursue its offer for Brantley Tool Co.",
            "proposed",
            id="continue-pursue-offer",
        ),
        pytest.param(
            "Halvorsen Corp said it completed its tender offer for Brantley Tool Co.",
            "completed",
            id="completed-tender-offer",
        ),
        pytest.param(
            "Halvorsen Corp said it expects to complete its tender offer for Brantley Tool Co next week.",
            "proposed",
            id="expects-to-complete-offer",
        ),
        pytest.param(
            "Halvorsen Corp said it received 2.1 mln Brantley Tool Co shares in response to its "
            "20 dlr a share tender offer.",
            "completed",
            id="shares-received-under-offer",
        ),
        pytest.param(
            "Halvorsen Corp said its offer for Brantley Tool Co was rejected by the Brantley board.",
            "proposed",
            id="rejected-by-target-passive",
        ),
        pytest.param(
            "Halvorsen Corp said its offer for Brantley Tool Co was withdrawn after it was rejected by regulators.",
            "terminated",
            id="withdrawn-offer",
        ),
    ],
)
def test_status_of_offers_carried_out_or_given_up(nlp, text, status):
    assert _status(nlp, text) == status


@pytest.mark.parametrize(
    "text, amount",
    [
        pytest.param(
            "Halvorsen Corp said it agreed to acquire all the stock of Brantley Trailer Corp, a wholly owned "
            "subsidiary of Orme Corp for about 70 mln dlrs.",
            70_000_000,
            id="for-hung-on-appositive-of-object",
        ),
        pytest.param(
            "Halvorsen Corp said it sold its Brantley Tool division to an investor group that includes some "
            "members of Brantley's management for 1,600,000 dlrs in cash and notes.",
            1_600_000,
            id="for-hung-on-relative-clause-of-buyer",
        ),
        pytest.param(
            "Halvorsen Corp said it sold its Brantley Parts division to a group of investors headed by its "
            "managers for a cash price of 12 mln dlrs.",
            12_000_000,
            id="cash-price-on-participle-of-buyer",
        ),
        pytest.param(
            "Halvorsen Corp said it agreed to buy a 34 pct interest in Brantley SA, a unit of Orme SA, "
            "at a cost of about 84 mln dlrs.",
            84_000_000,
            id="at-a-cost-of",
        ),
        pytest.param(
            "Halvorsen Corp said it agreed to buy the 610,000 Brantley Inc common shares held by Orme Inc, "
            "about 19.1 pct of those outstanding, for 6,950,000 dlrs before the merger.",
            6_950_000,
            id="for-hung-on-agreed",
        ),
        pytest.param(
            "Halvorsen Corp said it spent 178.2 mln dlrs to acquire its 4,043,200 Brantley Inc shares.",
            178_200_000,
            id="spent-to-acquire",
        ),
    ],
)
def test_price_hung_low_or_high_by_the_parser(nlp, text, amount):
    deals = _deals(nlp, text)
    assert len(deals) == 1, deals
    assert deals[0][4] == amount


def test_amount_of_a_deal_in_a_relative_clause_stays_with_it(nlp):
    """ "bought Y, which had sold its unit to Z for $5 million": the price belongs to the
    sale the clause tells, not to the purchase of Y."""
    text = "Halvorsen Corp said it bought Brantley Inc, which sold its tool unit to Orme Corp for 5 mln dlrs last year."
    amounts = {row[1]: row[4] for row in _deals(nlp, text)}
    assert amounts.get("Brantley Inc") is None, amounts


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Regulators approved the acquisition of Brantley Savings and Loan, a 62.5 mln dlr savings association, "
            "by Halvorsen Corp.",
            id="size-of-target-in-apposition",
        ),
        pytest.param(
            "Halvorsen Corp said a writeoff of 40.4 mln dlrs that it took in 1986 was due to its investment in "
            "Brantley Inc.",
            id="writeoff-on-investment",
        ),
    ],
)
def test_figures_that_are_not_the_price(nlp, text):
    deals = _deals(nlp, text)
    assert deals, deals
    assert all(deal[4] is None for deal in deals), deals


def test_offer_keeps_its_own_amount_beside_a_size_in_apposition(nlp):
    deals = _deals(nlp, "Halvorsen Corp made a 20 mln dlr offer for Brantley Inc, a 40 mln dlr maker of valves.")
    assert [deal[4] for deal in deals] == [20_000_000]


@pytest.mark.parametrize(
    "text, status",
    [
        pytest.param(
            "Analysts said Brantley Corp is a likely takeover target of Halvorsen Corp.",
            "rumored",
            id="takeover-target",
        ),
        pytest.param(
            "Orme and Weller agreed to buy the shares for 22.50 dlrs each, after selling Brantley Inc to "
            "Halvorsen Corp in December.",
            "completed",
            id="after-selling",
        ),
    ],
)
def test_status_of_speculated_and_earlier_deals(nlp, text, status):
    assert _status(nlp, text) == status


@pytest.mark.parametrize(
    "text, status",
    [
        pytest.param(
            "Brantley Corp has received opposing bids from Halvorsen Corp and Orme Corp.",
            "proposed",
            id="opposing-bids-are-rival-bids",
        ),
        pytest.param(
            "Brantley Corp said it has received and rejected an unsolicited merger offer from Halvorsen Corp.",
            "proposed",
            id="rejected-by-target-in-conjunct",
        ),
        pytest.param(
            "A spokesman for Halvorsen Corp declined to comment on market rumours that it may be considering "
            "a bid for Brantley Corp.",
            "rumored",
            id="declined-to-comment",
        ),
        pytest.param(
            "Brantley Corp's board is meeting this morning to consider Halvorsen Corp's takeover offer.",
            "proposed",
            id="target-considers-offer",
        ),
        pytest.param(
            "Orme Airlines said it completed its previously announced plan to sell its Brantley Access Inc unit "
            "to Halvorsen Corp.",
            "completed",
            id="completed-plan-to-sell",
        ),
        pytest.param(
            "Orme said its 25 pct stake in Brantley Inc would be sold to Halvorsen Corp in mid-1989.",
            "agreed",
            id="would-be-sold",
        ),
    ],
)
def test_status_words_around_the_deal(nlp, text, status):
    assert _status(nlp, text) == status


@pytest.mark.parametrize(
    "text, amount, status",
    [
        pytest.param(
            "Brantley Tool Co said it sold 1.5 mln new shares to Halvorsen Corp for 12 mln dlrs.",
            12_000_000,
            "completed",
            id="new-shares-sold-to-investor",
        ),
        pytest.param(
            "Brantley Tool Co said it agreed to sell 500,000 shares of its common stock to Halvorsen Corp "
            "for 4.5 mln dlrs.",
            4_500_000,
            "agreed",
            id="shares-of-its-stock",
        ),
    ],
)
def test_shares_a_company_sells_of_itself_are_an_investment_in_it(nlp, text, amount, status):
    assert _deals(nlp, text) == [(["Halvorsen Corp"], "Brantley Tool Co", "investment", status, amount)]


def test_shares_a_person_sells_are_not_the_company_selling_itself(nlp):
    text = "Brantley Inc said chairman David Roe has sold 1,800,000 common shares to Halvorsen Corp."
    assert all(deal[1] != "David Roe" for deal in _deals(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Halvorsen Corp and Brantley Corp said they decided to end the letter of intent under which "
            "Halvorsen would have acquired Brantley.",
            id="would-have-acquired",
        ),
        pytest.param(
            "Halvorsen Corp's acquisition of Brantley Corp would have given it control of a large sales network, "
            "analysts said.",
            id="acquisition-would-have-given",
        ),
    ],
)
def test_a_modal_perfect_tells_a_deal_that_did_not_happen(nlp, text):
    assert _status(nlp, text) == "terminated"
