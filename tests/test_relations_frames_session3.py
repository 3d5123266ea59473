"""Frame repairs for classes found by reading our output on unlabelled 1987 wire copy
(Reuters ``acq`` articles in no dev set): an object shifted past its price, a bid's "for"
and "to" phrases hung on the verb that makes it, a merger agreement approved by a
company's holders or board. Every sentence was written for these tests."""

from __future__ import annotations

from pipeline.export import mention_rows


def _rows(nlp, text):
    return [(row["buyers"], row["target"], row["seller"]) for row in mention_rows(nlp(text), "t")]


def _one(nlp, text):
    rows = _rows(nlp, text)
    assert len(rows) == 1, rows
    return rows[0]


def test_object_shifted_past_the_price(nlp):
    buyers, target, _ = _one(
        nlp, "Pellam Corp said it acquired for 6.2 mln dlrs the principal assets of Ardwick Tool Inc."
    )
    assert buyers == ["Pellam Corp"]
    assert "Ardwick Tool" in target


def test_price_with_no_object_after_it_names_no_target(nlp):
    assert _rows(nlp, "Pellam Corp said it completed the acquisition for 6.2 mln dlrs.") == []


def test_bid_for_a_stake_hung_on_the_light_verb(nlp):
    buyers, target, _ = _one(nlp, "Pellam Corp said it is making a tender offer for 18 pct of Ardwick Tool Inc.")
    assert buyers == ["Pellam Corp"]
    assert "Ardwick Tool" in target


def test_bid_made_for_cash_names_no_target(nlp):
    assert _rows(nlp, "Pellam Corp said it made the offer for cash.") == []


def test_bid_made_to_a_company(nlp):
    buyers, target, _ = _one(nlp, "Pellam Corp said it made an offer to Ardwick Tool Inc for all of its shares.")
    assert buyers == ["Pellam Corp"]
    assert "Ardwick Tool" in target


def test_merger_proposal_to_a_company_for_the_company_s_stock(nlp):
    buyers, target, _ = _one(
        nlp,
        "Pellam Corp said it has made a cash merger proposal to Ardwick Tool Inc at 31 dlrs per share "
        "for all the company's common stock.",
    )
    assert buyers == ["Pellam Corp"]
    assert "Ardwick Tool" in target


def test_holders_approve_a_merger_agreement_of_their_company(nlp):
    buyers, target, _ = _one(nlp, "Ardwick Tool Inc shareholders approved a merger agreement with Pellam Corp.")
    assert buyers == ["Pellam Corp."]
    assert "Ardwick Tool" in target


def test_holders_of_a_company_approve_a_merger_agreement(nlp):
    buyers, target, _ = _one(
        nlp, "Shareholders of Ardwick Tool Inc approved a definitive merger agreement with Pellam Corp on Friday."
    )
    assert buyers == ["Pellam Corp"]
    assert "Ardwick Tool" in target


def test_board_executes_a_merger_agreement_for_its_company(nlp):
    buyers, target, _ = _one(nlp, "Pellam Corp said its board executed a merger agreement with Ardwick Savings Bank.")
    assert buyers == ["Pellam Corp"]
    assert "Ardwick Savings Bank" in target


def test_its_acquisition_by_a_named_buyer(nlp):
    buyers, target, _ = _one(
        nlp, "Ardwick Savings Bank said regulators have approved its acquisition by Pellam Financial Corp."
    )
    assert buyers == ["Pellam Financial Corp."]
    assert "Ardwick Savings Bank" in target


def test_its_acquisition_of_a_company_keeps_its_buyer(nlp):
    buyers, target, _ = _one(nlp, "Pellam Corp said its acquisition of Ardwick Tool Inc was completed on Friday.")
    assert buyers == ["Pellam Corp"]
    assert "Ardwick Tool" in target


def test_shares_sold_by_an_officer_are_the_speaking_company_s(nlp):
    buyers, target, seller = _one(
        nlp, "Ardwick Tool Inc said its chairman John Pell has sold 900,000 common shares to Lomax Partners Corp."
    )
    assert buyers == ["Lomax Partners Corp."]
    assert "Ardwick Tool" in target


def test_shares_a_company_says_it_bought_name_no_target(nlp):
    assert _rows(nlp, "Pellam Corp said it bought 50,000 shares in the open market.") == []


def test_oil_and_gas_reserves_sold_are_the_seller_s_assets(nlp):
    buyers, target, _ = _one(
        nlp,
        "Ardwick Energy Co said it completed the sale of its domestic oil and gas reserves to Pellam Petroleum Corp.",
    )
    assert buyers == ["Pellam Petroleum Corp."]
    assert "Ardwick Energy" in target


def test_joined_companies_said_they_reached_a_merger_agreement(nlp):
    buyers, target, _ = _one(nlp, "Pellam Corp and Ardwick Tool Inc said they reached a merger agreement in principle.")
    assert buyers == ["Pellam Corp"]
    assert "Ardwick Tool" in target
