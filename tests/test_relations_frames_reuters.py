"""Classes of error found by reading our output on unlabelled 1987 wire copy (Reuters
``acq`` articles in no dev set): a department or branches of a company sold, a
"disposition" of a unit. Every sentence was written for these tests."""

from __future__ import annotations

from pipeline.export import mention_rows


def _rows(nlp, text):
    return [(row["buyers"], row["target"], row["seller"]) for row in mention_rows(nlp(text), "t")]


def test_department_of_a_company_bought(nlp):
    rows = _rows(
        nlp,
        "Tamworth Corp said it completed the purchase of the specialty products department of Brixley Chemicals Inc.",
    )
    assert len(rows) == 1
    buyers, target, _ = rows[0]
    assert buyers == ["Tamworth Corp"]
    assert "Brixley Chemicals" in target


def test_disposition_of_a_division(nlp):
    rows = _rows(
        nlp,
        "Oster Inc said it has completed the previously announced disposition of its data systems "
        "division to an investment group led by Calder Partners Ltd.",
    )
    assert len(rows) == 1
    buyers, target, _ = rows[0]
    assert buyers == ["Calder Partners Ltd."]
    assert "Oster" in target


def test_disposition_of_a_case_is_no_deal(nlp):
    assert _rows(nlp, "The judge said the final disposition of the case would take months.") == []


def test_equivalent_of_shares_bought(nlp):
    text = (
        "Nora Quill, a Nevada investor, told the Securities and Exchange Commission she has acquired "
        "the equivalent of 341,200 shares of Tresham Properties, or 7.4 pct of the total."
    )
    assert _rows(nlp, text) == [(["Nora Quill"], "Tresham Properties", None)]


def test_agent_hung_on_the_verb_that_approves_the_deal(nlp):
    text = (
        "Ledbury Bancorp said the Federal Reserve Board approved the acquisition of Ledbury by Fenwick Financial Corp."
    )
    assert _rows(nlp, text) == [(["Fenwick Financial Corp."], "Ledbury Bancorp", None)]


def test_approval_by_a_regulator_names_no_buyer(nlp):
    # the agent of a passive verb is no party of the deal noun
    text = "The acquisition of Ledbury Bancorp by Fenwick Financial Corp was approved by the Federal Reserve Board."
    assert _rows(nlp, text) == [(["Fenwick Financial Corp"], "Ledbury Bancorp", None)]


def test_merger_into_approved_by_holders_names_the_speaker(nlp):
    rows = _rows(nlp, "Corbin Inc said shareholders at a special meeting approved a merger into Tessell PLC.")
    assert rows == [(["Tessell PLC"], "Corbin Inc", None)]


def test_merger_into_considered_by_a_meeting(nlp):
    text = "Moreton Savings Bank said it expects a special meeting to consider the proposed merger into Halder Financial Corp."
    assert _rows(nlp, text) == [(["Halder Financial Corp."], "Moreton Savings Bank", None)]


def test_merger_agreement_with_a_company(nlp):
    text = "Dalby Securities Corp said it has reached a preliminary merger agreement with Kettering-Hale Inc."
    assert _rows(nlp, text) == [(["Dalby Securities Corp"], "Kettering-Hale Inc.", None)]


def test_merger_agreement_of_two_joined_companies_is_not_read_as_with(nlp):
    assert _rows(nlp, "Dalby Corp and Kettering Inc signed a merger agreement.") == [
        (["Dalby Corp"], "Kettering Inc", None)
    ]


def test_count_of_stores_sold(nlp):
    rows = _rows(nlp, "Pellow Co said it sold four of its retail stores in Tulsa to Amberley Enterprises Inc.")
    assert len(rows) == 1
    buyers, target, _ = rows[0]
    assert buyers == ["Amberley Enterprises Inc."]
    assert "Pellow" in target


def test_buyer_hung_on_the_verb_of_a_sale_noun(nlp):
    text = "Ravel Inc said it closed the sale of its stake in Quinton Foods Inc to Hargrave Corp."
    assert _rows(nlp, text) == [(["Hargrave Corp."], "Quinton Foods Inc", "Ravel Inc")]


def test_purchase_of_privately_held_bracketed_name(nlp):
    text = "Tolland Corp said it completed the acquisition of privately held <Marel Inc>."
    assert _rows(nlp, text) == [(["Tolland Corp"], "Marel Inc", None)]


def test_bid_fought_by_its_target(nlp):
    assert _rows(nlp, "Pellam Corp said it will fight the hostile bid from Quarry Holdings Inc.") == [
        (["Quarry Holdings Inc."], "Pellam Corp", None)
    ]


def test_takeover_blocked_by_a_regulator_names_no_target(nlp):
    assert _rows(nlp, "The Federal Trade Commission moved to block the takeover by Quarry Holdings Inc.") == []


def test_shares_accepted_under_a_tender_offer(nlp):
    text = "Barrow Inc said it had accepted about 3.4 mln shares or 97 pct of Lindell Industries Inc under its tender offer."
    assert _rows(nlp, text) == [(["Barrow Inc"], "Lindell Industries Inc", None)]


def test_merger_into_approved_by_the_board_of_a_named_bank(nlp):
    text = "Farley Bancshares Inc said the board of Kinsale State Bank has approved a merger into Farley for an undisclosed amount of stock."
    rows = _rows(nlp, text)
    assert len(rows) == 1 and rows[0][1] == "Kinsale State Bank"


def test_assets_bought_that_a_company_owned(nlp):
    text = "Rowan Video Inc said it completed its acquisition of 420 video centers previously owned by Ashby International Inc."
    rows = _rows(nlp, text)
    assert len(rows) == 1
    buyers, target, _ = rows[0]
    assert buyers == ["Rowan Video Inc"]
    assert "Ashby International" in target


def test_count_of_goods_sold_is_no_deal(nlp):
    assert _rows(nlp, "Midway Aero said it expects to sell 10 to 20 of the renovated Falcon planes next year.") == []


def test_takeover_thwarted_by_its_target_ended(nlp):
    rows = mention_rows(
        nlp("In April, Garnet Corp successfully thwarted a takeover by a partnership formed by Alder Industries Inc."),
        "t",
    )
    assert [(r["buyers"], r["target"], r["status"]) for r in rows] == [
        (["Alder Industries Inc."], "Garnet Corp", "terminated")
    ]
