"""Deals the rules missed entirely on unseen Reuters copy (issue 17, recall of frames): a
price set before a deal noun's "of" phrase, a participle between a deal noun and its
phrases, a bid "against" its target, merger talks of a joined subject with an adverb
before the noun, a plan of merger made "with" a company, "by buying" sharing the verb's
subject, a target named "known as", a holding bought as the means of a change in another.
Sentences written for these tests (names and figures made up)."""

from __future__ import annotations

from pipeline.export import mention_rows


def _rows(nlp, text):
    return [(row["type"], tuple(row["buyers"]), row["target"], row["seller"]) for row in mention_rows(nlp(text), "t")]


def _names(rows):
    """Each row's buyers, target and seller, without a final full stop."""
    return [(tuple(b.rstrip(".") for b in r[1]), r[2].rstrip("."), (r[3] or "").rstrip(".") or None) for r in rows]


def test_a_price_before_the_of_phrase_of_a_sale_noun(nlp):
    rows = _rows(
        nlp,
        "Corvill Corp said its board endorsed the sale, for some 75 mln dlrs, of its coatings unit to Halvard Partners Inc.",
    )
    doc = nlp("Corvill Corp said its board endorsed the sale, for some 75 mln dlrs, of its coatings unit.")
    assert any(t.lower_ == "of" and t.head.ent_type_ == "MONEY" for t in doc)  # the parser's reading
    assert [(r[0], r[1], r[2]) for r in _names(rows)] == [
        (("Halvard Partners Inc",), "Corvill Corp's coatings unit", "Corvill Corp")
    ]


def test_a_participle_between_the_sale_noun_and_its_phrases(nlp):
    doc = nlp("Analysts praised the sale reported last month of Brenton Inc to Corvill Corp.")
    assert any(t.lower_ == "of" and t.head.lower_ == "reported" for t in doc)  # the parser's reading
    rows = [(row["type"], tuple(row["buyers"]), row["target"], row["seller"]) for row in mention_rows(doc, "t")]
    assert [(r[0], r[1]) for r in _names(rows)] == [(("Corvill Corp",), "Brenton Inc")]


def test_a_participle_of_the_deal_noun_keeps_its_agent_out(nlp):
    assert _rows(nlp, "The sale announced by Corvill Corp yesterday was expected.") == []


def test_a_hostile_bid_against_its_target(nlp):
    rows = _rows(nlp, "Analysts expect a hostile bid by Corvill Corp against Brenton Inc this spring.")
    assert rows == [("acquisition", ("Corvill Corp",), "Brenton Inc", None)]


def test_merger_discussions_of_a_joined_subject_after_an_adverb(nlp):
    doc = nlp("Corvill Corp and Brenton Inc said they had called off their recently disclosed merger discussions.")
    assert not any(t.dep_ == "poss" and t.head.lower_ == "merger" for t in doc)  # the parser's reading
    rows = mention_rows(doc, "t")
    assert [(r["type"], r["buyers"], r["target"], r["status"]) for r in rows] == [
        ("merger", ["Corvill Corp"], "Brenton Inc", "terminated")
    ]


def test_a_plan_of_merger_made_with_a_company(nlp):
    rows = _rows(nlp, "Corvill Corp entered into a plan of merger with Brenton Inc.")
    assert [r[0] for r in rows] == ["merger"]
    assert [(r[0], r[1]) for r in _names(rows)] == [(("Corvill Corp",), "Brenton Inc")]


def test_by_buying_shares_the_subject_of_the_verb_it_modifies(nlp):
    rows = _rows(
        nlp,
        "Corvill Corp said it will lift its holding by buying the 12 pct interest in Farrow Inc owned by Brenton Inc.",
    )
    assert _names(rows) == [(("Corvill Corp",), "Farrow Inc", "Brenton Inc")]


def test_by_doing_takes_the_subject_nearest_its_verb(nlp):
    rows = _rows(nlp, "Strategic Outlook: By investing heavily in Tessaly Labs, Orsino Corp can secure rare data.")
    assert [r[1] for r in rows] == [("Orsino Corp",)]


def test_a_target_named_after_known_as(nlp):
    rows = _rows(nlp, "Corvill Corp agreed to buy several regional dairies known together as the Farrow Group.")
    assert [(r[0], r[1]) for r in _names(rows)] == [(("Corvill Corp",), "Farrow Group")]


def test_a_holding_bought_as_the_means_is_a_holding_in_the_company_of_the_change(nlp):
    rows = _rows(
        nlp,
        "Corvill Corp tripled its interest in Farrow Inc last year by buying the 18 pct stake owned by Brenton Inc.",
    )
    assert _names(rows) == [(("Corvill Corp",), "Farrow Inc", "Brenton Inc")]


def test_a_merger_with_a_list_is_a_merger_with_each(nlp):
    rows = _rows(
        nlp,
        "Corvill Corp said its new unit, Delta Holdings Corp, entered into a plan of merger with Brenton Inc "
        "and its sister company, Farrow Inc.",
    )
    assert sorted((r[0], r[1]) for r in _names(rows)) == [
        (("Delta Holdings Corp",), "Brenton Inc"),
        (("Delta Holdings Corp",), "Farrow Inc"),
    ]


def test_the_merger_of_two_companies_stays_one_merger(nlp):
    rows = _rows(nlp, "The merger of Brenton Inc and Farrow Inc was completed on Friday.")
    assert [(r[0], r[1]) for r in _names(rows)] == [(("Brenton Inc",), "Farrow Inc")]


def test_an_amount_of_stock_bought_is_the_price_of_a_holding(nlp):
    rows = mention_rows(nlp("Corvill Corp agreed to purchase 12 mln dlrs of Brenton Inc's preferred stock."), "t")
    assert [(r["buyers"], r["target"], r["amount"]) for r in rows] == [(["Corvill Corp"], "Brenton Inc", 12000000.0)]


def test_members_named_by_no_company_act_for_the_speaker(nlp):
    rows = _rows(
        nlp, "Corvill Development Corp said shareholders on Tuesday approved the purchase of Brenton Labs Corp."
    )
    assert [(r[0], r[1]) for r in _names(rows)] == [(("Corvill Development Corp",), "Brenton Labs Corp")]


def test_members_of_the_company_taken_over_do_not_buy_it(nlp):
    rows = _rows(nlp, "Brenton Inc said stockholders approved the acquisition of the company by Corvill Corp.")
    assert [(r[0], r[1]) for r in _names(rows)] == [(("Corvill Corp",), "Brenton Inc")]


def test_a_company_bought_named_in_a_report_of_results(nlp):
    doc = nlp(
        "CORVILL ENERGY INC <CRVE> 2ND QTR NET\n\nShr profit nine cts vs profit two cts\n    Net profit 412,500 vs "
        "profit 88,100\n    NOTE: 1985 includes results of Brenton Gas and Development Corp acquired in June 1985."
    )
    rows = [(tuple(r["buyers"]), r["target"]) for r in mention_rows(doc, "t")]
    assert rows == [(("CORVILL ENERGY INC",), "Brenton Gas and Development Corp")]


def test_results_of_a_company_bought_by_a_named_buyer_keep_that_buyer(nlp):
    rows = _rows(nlp, "Corvill Corp said results of Brenton Inc, acquired by Farrow Corp in May, were strong.")
    assert [(r[0], r[1]) for r in _names(rows)] == [(("Farrow Corp",), "Brenton Inc")]
