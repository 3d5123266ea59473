"""Classes of error found by reading our output on modern business news and filing
sentences: a participle in brackets after one name of a list ("B Ltd (acquired by X in
2011)"), "reacquired", a merger noun that only qualifies a deal noun with the two
companies as the verb's joined subject ("A and B announced a merger deal"), a round
named "fundraising" whose investors are told in their own sentence. Every sentence was
written for these tests."""

from __future__ import annotations

from pipeline.export import mention_rows


def _pairs(nlp, text):
    return [(row["buyers"], row["target"]) for row in mention_rows(nlp(text), "t")]


def test_bracketed_participle_names_the_company_before_the_bracket(nlp):
    text = (
        "Rivals include Quorin Labs Inc. and Delta Tracking Solutions (acquired by Yarrow Corp. in 2014), "
        "which also sell field software."
    )
    assert _pairs(nlp, text) == [(["Yarrow Corp."], "Delta Tracking Solutions")]


def test_bracketed_participle_after_the_second_of_two_subjects(nlp):
    text = (
        "After our filing, two generic makers, Brenlow Pharma Inc. and Tasker Laboratories, Inc. "
        "(acquired by Mirren Holdings in May 2012), also filed applications for the drug."
    )
    assert _pairs(nlp, text) == [(["Mirren Holdings"], "Tasker Laboratories, Inc.")]


def test_bracket_without_agent_states_nothing(nlp):
    assert _pairs(nlp, "Brenlow Pharma Inc. (founded in 1998) filed an application in May.") == []


def test_reacquired(nlp):
    assert _pairs(nlp, "In 1991, Garrow Industries reacquired Tellis Foods for $600 million.") == [
        (["Garrow Industries"], "Tellis Foods")
    ]


def test_merger_deal_announced_by_both_companies(nlp):
    rows = mention_rows(nlp("Harlow Corp. and Brisco Tooling Inc. announced a merger deal on Monday."), "t")
    assert [(r["type"], r["buyers"], r["target"]) for r in rows] == [
        ("merger", ["Harlow Corp."], "Brisco Tooling Inc.")
    ]


def test_merger_agreement_with_one_named_party_is_not_read_from_the_compound(nlp):
    # who takes over whom is open: the compound gives no parties of its own
    pairs = _pairs(nlp, "Harlow Corp. said the merger agreement had been amended twice.")
    assert pairs == []


def test_fundraising_investors_in_their_own_sentence(nlp):
    text = "Quenby Finance raised $40 million. The Series A fundraising was led by Zoo Ventures and Dragomir Capital."
    pairs = _pairs(nlp, text)
    assert (["Zoo Ventures", "Dragomir Capital"], "Quenby Finance") in pairs


def test_control_of_hung_on_the_verb(nlp):
    # the parser hangs "of" on "take", not on "control"
    assert _pairs(nlp, "Harlow Group has agreed a deal to take control of Brisco Foods.") == [
        (["Harlow Group"], "Brisco Foods")
    ]


def test_of_after_no_holding_is_no_target(nlp):
    assert _pairs(nlp, "Harlow Group took delivery of two aircraft from Brisco Aviation last week.") == []


def test_merged_with_and_into_names_the_survivor(nlp):
    rows = mention_rows(
        nlp("The deal closed in May, and Norvel Bank was merged with and into Kestrel Savings Bank."), "t"
    )
    assert [(r["type"], r["buyers"], r["target"]) for r in rows] == [
        ("merger", ["Kestrel Savings Bank"], "Norvel Bank")
    ]


def test_two_verbs_share_one_object(nlp):
    assert _pairs(nlp, "Tarsa Freight acquired and integrated Clerk Brothers Inc. in 2004.") == [
        (["Tarsa Freight"], "Clerk Brothers Inc.")
    ]


def test_joined_verb_with_its_own_object_lends_none(nlp):
    # "bought back shares": the trigger has its own object; the second verb's object is its own deal
    pairs = _pairs(nlp, "Harlow Group bought back shares and sold Brisco Foods to Tamar Inc.")
    assert (["Harlow Group"], "Brisco Foods") not in pairs


def test_investor_puts_money_into_the_round_of_a_named_company(nlp):
    rows = mention_rows(nlp("Tigran Fund invested $100 million in the latest funding round of Quenby Finance."), "t")
    assert [(r["buyers"], r["target"]) for r in rows] == [(["Tigran Fund"], "Quenby Finance")]


def test_investor_in_an_unnamed_round_is_never_its_target(nlp):
    pairs = _pairs(nlp, "Zeno Capital is investing $10 million in the new round, a person familiar said.")
    assert all(target != "Zeno Capital" for _, target in pairs)


def test_bought_into_a_company(nlp):
    rows = mention_rows(nlp("Harlow Group bought into Brisco Foods last year, taking a 20% stake."), "t")
    assert [(r["type"], r["buyers"], r["target"], r["stake_pct"]) for r in rows] == [
        ("investment", ["Harlow Group"], "Brisco Foods", 20.0)
    ]


def test_funding_bagged_and_money_pumped_into_a_company(nlp):
    assert _pairs(nlp, "Quenby Finance bagged $12 million in funding from Zeno Ventures.") == [
        (["Zeno Ventures"], "Quenby Finance")
    ]
    assert _pairs(nlp, "Harlow Group pumped $200 million into Brisco Foods last year.") == [
        (["Harlow Group"], "Brisco Foods")
    ]


def test_a_contract_bagged_is_no_round(nlp):
    assert _pairs(nlp, "Harlow Group bagged a $12 million contract from Brisco Foods.") == []


def test_money_spent_on_its_own_plants_is_no_deal(nlp):
    assert _pairs(nlp, "Harlow Group poured $200 million into its factories last year.") == []
    assert _pairs(nlp, "Harlow Group will invest $2 billion in its new plant in Texas.") == []
    # a unit named after "its" is a company invested in
    assert _pairs(nlp, "Harlow Group invested $5 million in its subsidiary Brisco Labs.") == [
        (["Harlow Group"], "Brisco Labs")
    ]


def test_stake_shed_or_dumped(nlp):
    rows = mention_rows(nlp("Harlow Group shed its 12% stake in Brisco Foods on Tuesday."), "t")
    assert [(r["type"], r["seller"], r["target"]) for r in rows] == [("divestiture", "Harlow Group", "Brisco Foods")]
    assert _pairs(nlp, "Harlow Group shed 500 jobs at Brisco Foods.") == []


def test_investment_from_names_the_investor(nlp):
    assert _pairs(nlp, "Quenby Finance got a $5 million investment from Zeno Ventures.") == [
        (["Zeno Ventures"], "Quenby Finance")
    ]


def test_possessor_of_a_takeover_by_a_buyer_is_the_target(nlp):
    assert _pairs(nlp, "Brisco Foods's takeover by Harlow Group was cleared on Friday.") == [
        (["Harlow Group"], "Brisco Foods")
    ]
    assert _pairs(nlp, "Harlow Group's acquisition of Brisco Foods closed in March.") == [
        (["Harlow Group"], "Brisco Foods")
    ]


def test_goods_bought_by_amount_or_quantity_are_no_deal(nlp):
    assert _pairs(nlp, "Harlow Group bought $20 million of equipment from Brisco Machines.") == []
    assert _pairs(nlp, "Harlow Group bought 2 million barrels of oil from Brisco Energy.") == []
    # an amount of assets or shares is a deal
    assert _pairs(nlp, "Harlow Group bought 2 million shares of Brisco Machines.") == [
        (["Harlow Group"], "Brisco Machines")
    ]


def test_what_came_with_a_deal_is_no_deal_of_its_own(nlp):
    text = "The rise mostly reflects machinery acquired in the 2019 acquisition of Tolvane Rentals described in note 4."
    assert _pairs(nlp, text) == [([], "Tolvane Rentals")]


def test_an_it_that_opens_a_clause_is_no_buyer(nlp):
    text = "With the acquisition of Merrow Systems in 2015, it was determined that the Company would not realize its losses."
    assert _pairs(nlp, text) == [([], "Merrow Systems")]
    # a real "it" still stands for the company before it
    assert _pairs(nlp, "Harlow Group said it was buying Brisco Foods.") == [(["Harlow Group"], "Brisco Foods")]


def test_a_stake_eyed_is_a_rumoured_deal(nlp):
    rows = mention_rows(nlp("Harlow Group eyes a 20% stake in Brisco Foods."), "t")
    assert [(r["buyers"], r["target"], r["status"]) for r in rows] == [(["Harlow Group"], "Brisco Foods", "rumored")]
    assert _pairs(nlp, "Harlow Group is eyeing growth in Asia.") == []


def test_title_case_heading_with_a_capitalised_trigger_noun(nlp):
    text = "Varden Advanced Materials Closes Acquisition of Moroccan Cobalt Exploration Company."
    assert _pairs(nlp, text) == [(["Varden Advanced Materials"], "Moroccan Cobalt Exploration Company")]


def test_heading_name_to_verb(nlp):
    assert _pairs(nlp, "Rocket Homes To Acquire Truemark For $1.2B.") == [(["Rocket Homes"], "Truemark")]


def test_funding_nabbed(nlp):
    assert _pairs(nlp, "Tarvel Labs nabbed $5 million in seed funding from Zeno Ventures.") == [
        (["Zeno Ventures"], "Tarvel Labs")
    ]
    assert _pairs(nlp, "Tarvel Labs nabbed a top engineer from Zeno Ventures.") == []


def test_a_company_pushed_to_sell_itself_states_no_deal(nlp):
    text = "An activist fund, which holds shares in Harlow Group, pushed the company to sell itself last year."
    assert _pairs(nlp, text) == []
    assert _pairs(nlp, "Harlow Group said it would sell itself to Brisco Foods for $2 billion.") == [
        (["Brisco Foods"], "Harlow Group")
    ]


def test_successor_by_merger(nlp):
    text = (
        "Second Amendment to Loan Agreement dated May 2, 2009, among Delmar Dredge Corporation and "
        "Harbor Bank, National Association, as successor by merger to Harbor Trade Bank, as amended."
    )
    rows = mention_rows(nlp(text), "t")
    assert [(r["type"], r["buyers"], r["target"]) for r in rows] == [
        ("merger", ["Harbor Bank, National Association"], "Harbor Trade Bank")
    ]
    text = "The notes are held by Brisco Trust Company, the successor by merger of Harlow Trust Bank."
    assert _pairs(nlp, text) == [(["Brisco Trust Company"], "Harlow Trust Bank")]


def test_selling_goods_in_trade_is_no_deal(nlp):
    text = "Cash went mostly to launch expenses incurred to sell and market Zentrol, our new drug."
    assert _pairs(nlp, text) == []
    assert _pairs(nlp, "Harlow Group will manufacture, market and sell the drug in Europe.") == []
    # a company sold by a company that also made it is a deal
    assert _pairs(nlp, "Harlow Group developed and later sold Brisco Labs to Tamar Inc.") == [
        (["Tamar Inc."], "Brisco Labs")
    ]


def test_a_round_named_funding_or_financing(nlp):
    assert _pairs(nlp, "Tarvel Labs announced $30 million in Series B funding led by Zeno Ventures.") == [
        (["Zeno Ventures"], "Tarvel Labs")
    ]
    assert _pairs(nlp, "Tarvel Labs secured seed financing from Zeno Ventures.") == [(["Zeno Ventures"], "Tarvel Labs")]
    assert _pairs(nlp, "Harlow Group cut funding for its research unit.") == []


def test_merger_between_two_companies(nlp):
    rows = mention_rows(
        nlp("The proposed merger between Harlow Group and Brisco Foods was blocked by regulators."), "t"
    )
    assert [(r["type"], r["buyers"], r["target"], r["status"]) for r in rows] == [
        ("merger", ["Harlow Group"], "Brisco Foods", "terminated")
    ]
    text = "A merger of equals between Harlow Group and Brisco Foods would create a giant."
    assert _pairs(nlp, text) == [(["Harlow Group"], "Brisco Foods")]


def test_takeover_approach(nlp):
    assert _pairs(nlp, "Brisco Foods made a takeover approach to Harlow Group last week.") == [
        (["Brisco Foods"], "Harlow Group")
    ]
    assert _pairs(nlp, "Harlow Group took a new approach to pricing.") == []


def test_price_paid_for_a_minority_stake_is_an_investment(nlp):
    rows = mention_rows(nlp("Harlow Group agreed to pay $1.2 billion for a 30% stake in Brisco Foods."), "t")
    assert [(r["type"], r["buyers"], r["target"], r["stake_pct"]) for r in rows] == [
        ("investment", ["Harlow Group"], "Brisco Foods", 30.0)
    ]


def test_a_deal_noun_and_a_company_that_became_a_subsidiary(nlp):
    text = "As a result of the Merger, Brisco Foods became a wholly owned subsidiary of Harlow Group."
    assert _pairs(nlp, text) == [(["Harlow Group"], "Brisco Foods")]


def test_an_investment_firm_raising_its_own_fund_is_no_round(nlp):
    assert _pairs(nlp, "Venture capital firm Zeno Capital has raised $400 million for its second fund.") == []
    assert _pairs(nlp, "Private equity firm Harlow Partners is raising about $2 billion, people said.") == []
    assert _pairs(nlp, "Tarvel Labs raised $40 million from Zeno Capital to fund its expansion.") == [
        (["Zeno Capital"], "Tarvel Labs")
    ]


def test_money_infused_and_a_stake_hiked(nlp):
    assert _pairs(nlp, "Harlow Group will infuse Rs 500 crore into Brisco Finance.") == [
        (["Harlow Group"], "Brisco Finance")
    ]
    rows = mention_rows(nlp("Harlow Group upped its stake in Brisco Foods to 30 per cent."), "t")
    assert [(r["buyers"], r["target"], r["stake_pct"]) for r in rows] == [(["Harlow Group"], "Brisco Foods", 30.0)]
    assert _pairs(nlp, "Harlow Group hiked prices by 5% at Brisco Foods stores.") == []


def test_takeover_by_a_buyer_hung_on_the_verb(nlp):
    text = "Shareholders of Brisco Foods voted in favour of the takeover by Harlow Group."
    assert _pairs(nlp, text) == [(["Harlow Group"], "Brisco Foods")]
    assert _pairs(nlp, "Brisco Foods said it would support the takeover by Harlow Group.") == [
        (["Harlow Group"], "Brisco Foods")
    ]


def test_co_led_round(nlp):
    text = "Zeno Ventures and Harlow Capital co-led an $8 million seed round in Tarvel Labs, the startup said."
    pairs = _pairs(nlp, text)
    assert pairs == [(["Zeno Ventures", "Harlow Capital"], "Tarvel Labs")]


def test_public_money_received_is_no_round(nlp):
    assert _pairs(nlp, "Harlow Group received $20 million in government funding for its battery plant.") == []
    assert _pairs(nlp, "Harlow Group secured federal funding of $5 million.") == []
    assert _pairs(nlp, "Tarvel Labs received $20 million in venture funding from Zeno Capital.") == [
        (["Zeno Capital"], "Tarvel Labs")
    ]


def test_deal_noun_after_an_amount_and_its_bracketed_conversion(nlp):
    text = (
        "Harlow Stores has officially completed the £4bn ($5.1bn) takeover of the country's largest "
        "wholesaler Brisco, after finally getting shareholder approval, the companies announced today."
    )
    assert _pairs(nlp, text) == [(["Harlow Stores"], "Brisco")]


def test_talks_with_a_party_over_a_sale_name_the_buyer(nlp):
    text = "Harlow Group has begun holding talks with Zeno Capital over a potential sale of its education unit."
    rows = mention_rows(nlp(text), "t")
    assert [(r["buyers"], r["seller"], r["status"]) for r in rows] == [(["Zeno Capital"], "Harlow Group", "rumored")]
    assert "Harlow Group" in rows[0]["target"]


def test_a_hyphenated_buy_out_is_one_token(nlp):
    # "buy-out" was split into "buy", "-", "out": no trigger was read
    doc = nlp("Harlow Group said it agreed to a buy-out of Tindle Ltd.")
    assert "buy-out" in [token.text for token in doc]
    assert _pairs(nlp, "Harlow Group said it agreed to a buy-out of Tindle Ltd.") == [(["Harlow Group"], "Tindle Ltd.")]
