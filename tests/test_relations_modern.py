"""Classes of error found on modern business news (issue 17): a unit named by a word
missing from the unit nouns ("the gas utility", "its coatings segment"), a buyer
named as "to buyout firm Y" that the tagger reads as an infinitive. Sentences written
for these tests."""

from __future__ import annotations

from pipeline.export import mention_rows


def _rows(nlp, text):
    return mention_rows(nlp(text), "t")


def _pairs(nlp, text):
    return [(row["buyers"], row["target"], row["seller"]) for row in _rows(nlp, text)]


def test_utility_bought_from_its_owner(nlp):
    rows = _rows(nlp, "Corvane Power has bought the water utility from Delling Resources for $90 million.")
    assert [(r["buyers"], r["target"], r["seller"]) for r in rows] == [
        (["Corvane Power"], "Delling Resources's water utility", "Delling Resources")
    ]
    assert rows[0]["amount"] == 90_000_000


def test_segment_sold_to_a_buyer(nlp):
    rows = _rows(nlp, "Harlow Corp sold its coatings segment to Brightwater Partners for $300 million.")
    assert [(r["buyers"], r["seller"]) for r in rows] == [(["Brightwater Partners"], "Harlow Corp")]
    assert "coatings segment" in rows[0]["target"]


def test_pipeline_bought_from_its_owner(nlp):
    pairs = _pairs(nlp, "Kessel Energy agreed to buy the natural gas pipeline from Ardent Resources.")
    assert [(buyers, seller) for buyers, _, seller in pairs] in (
        [(["Kessel Energy"], None)],
        [(["Kessel Energy"], "Ardent Resources")],
    )
    assert pairs[0][1].startswith("Ardent Resources")


def test_sold_to_buyout_firm_read_as_infinitive(nlp):
    # the tagger reads "to buyout firm Y" as "to" + a verb: Y is still the buyer
    rows = _rows(
        nlp, "Pennick Corp agreed to sell its dental products unit to buyout firm Tamsin Capital for $400 million."
    )
    assert [(r["buyers"], r["seller"]) for r in rows] == [(["Tamsin Capital"], "Pennick Corp")]
    assert rows[0]["status"] == "agreed"


def test_sale_to_raise_cash_names_no_buyer(nlp):
    # an infinitive of purpose after the sale is no buyer
    rows = _rows(nlp, "Pennick Corp agreed to sell its dental products unit to raise cash for Orrin Bank.")
    assert all(r["buyers"] == [] for r in rows)


def test_news_of_the_deal_is_no_company(nlp):
    # "News of the acquisition broke ... with X saying it planned to acquire Y":
    # the capitalised "News" (tagged a proper noun) is no antecedent of "it"
    text = (
        "KM Outdoor completes $410m Trail Depot acquisition\n\n"
        "UK retailer KM Outdoor Group has formally completed its acquisition of US hiking chain "
        "The Trail Depot in a deal worth US$410m.\n"
        "The news comes after a statement following its general meeting last week, in which KM said "
        "98.2% of shareholder votes were in favour of the acquisition.\n"
        "News of the acquisition first broke in May with KM saying it planned to acquire 100% of the "
        "issued share capital of Trail Depot at a price of $9.25 per share in cash."
    )
    rows = _rows(nlp, text)
    assert all("News" not in row["buyers"] for row in rows)
    assert (["KM Outdoor Group"], "Trail Depot") in [(row["buyers"], row["target"]) for row in rows]


def test_seller_hung_deep_in_the_asset_phrase(nlp):
    # "from X" hung on the last noun of "assets of the ... utility": X sells
    for text in (
        "Corvane Power has completed the acquisition of assets of the regional water distribution utility "
        "from Delling Resources for $90 million.",
        "Corvane Power has bought the assets of the regional water utility from Delling Resources for $90 million.",
    ):
        rows = _rows(nlp, text)
        assert [row["buyers"] for row in rows] == [["Corvane Power"]], text
        assert rows[0]["target"].startswith("Delling Resources"), text
        assert rows[0]["amount"] == 90_000_000


def test_from_inside_a_clause_of_the_asset_is_no_seller(nlp):
    # a verb between the asset and "from" makes it the clause's, not the deal's
    rows = _rows(
        nlp,
        "Corvane Power has completed the acquisition of the assets of a plant that buys water from Delling Resources.",
    )
    assert all(row["seller"] != "Delling Resources" and row["target"] != "Delling Resources" for row in rows)


def test_funding_a_takeover_is_the_takeover(nlp):
    # "to fund its takeover of Y": the money pays for the takeover; no investment in Y
    for text in (
        "Orrin Corp put three units up for sale to help fund its $2 billion takeover of aircraft parts maker Delling Inc.",
        "Orrin Corp will use cash on hand to fund the purchase of Delling Inc.",
    ):
        rows = _rows(nlp, text)
        assert [(row["buyers"], row["type"]) for row in rows] == [(["Orrin Corp"], "acquisition")], text
        assert rows[0]["target"].startswith("Delling Inc"), text


def test_backing_a_merger_is_no_investment(nlp):
    rows = _rows(nlp, "Tamsin Capital, Orrin's largest shareholder, backed the merger with Delling Inc on Tuesday.")
    assert all(row["type"] != "investment" for row in rows)


def test_a_round_noun_after_a_funding_verb_stays_a_round(nlp):
    rows = _rows(nlp, "Delling Inc secured a $10 million investment from Tamsin Ventures.")
    assert [(row["target"], row["type"], row["amount"]) for row in rows] == [("Delling Inc", "investment", 10_000_000)]


def test_unit_named_with_a_gerund_misread_as_a_clause(nlp):
    # "its payments processing unit" parsed as "payments" + a clause "processing unit"
    rows = _rows(nlp, "Harlow Corp agreed to sell its payments processing unit to Orrin Inc for $100 million.")
    assert [(r["buyers"], r["seller"]) for r in rows] == [(["Orrin Inc"], "Harlow Corp")]
    assert rows[0]["target"] == "Harlow Corp's payments processing unit"


def test_buyer_hung_on_the_gerund_of_a_misread_unit(nlp):
    rows = _rows(
        nlp,
        "Marlow Group said on Monday it agreed to sell its employee benefits outsourcing business "
        "to private equity firm Tamsin Capital LP for up to $900 million.",
    )
    assert [(r["buyers"], r["seller"]) for r in rows] == [(["Tamsin Capital LP"], "Marlow Group")]
    assert rows[0]["amount_max"] == 900_000_000


def test_a_real_clause_of_the_unit_names_no_buyer(nlp):
    # "its unit supplying engines to Y": Y is a customer, not a buyer
    rows = _rows(nlp, "Harlow Corp sold its unit supplying engines to Orrin Aero.")
    assert all(r["buyers"] == [] for r in rows)
