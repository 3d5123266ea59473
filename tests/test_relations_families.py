"""More rule families through the model, on sentences written for these tests: talks
with a partner, elided investors, buyouts of the company itself, the status of a
"proposed" deal, integration that is no merger, something "of X" bought."""

from __future__ import annotations

from pipeline.export import mention_rows
from pipeline.names import names_match


def _one(nlp, text):
    rows = mention_rows(nlp(text), "t")
    assert len(rows) == 1, rows
    return rows[0]


def test_talks_with_a_partner_on_a_merger_that_ended(nlp):
    row = _one(nlp, "Ravelin Foods Inc said talks with Osgood Dairy Cooperative on a possible merger have ended.")
    assert row["buyers"] == ["Ravelin Foods Inc"] and names_match(row["target"], "Osgood Dairy Cooperative")
    assert (row["type"], row["status"]) == ("merger", "terminated")


def test_an_investor_in_an_elided_clause_joins_the_round(nlp):
    row = _one(
        nlp,
        "Pellham Genomics has closed a $30 million Series A financing. The round was led by Corran Bio Fund. "
        "Tessel Ventures also invested, as did earlier backer Wyck Capital.",
    )
    for want in ("Corran Bio Fund", "Tessel Ventures", "Wyck Capital"):
        assert any(names_match(b, want) for b in row["buyers"]), (want, row["buyers"])


def test_a_management_buyout_is_of_the_company(nlp):
    row = _one(
        nlp,
        "Darnell Stores Inc said shareholders approved the 40 mln dlr management buyout led by its chairman Hugh Pell.",
    )
    assert row["buyers"] == ["Hugh Pell"] and names_match(row["target"], "Darnell Stores Inc")


def test_a_proposed_acquisition_awaiting_a_vote_is_agreed(nlp):
    row = _one(
        nlp, "Holders of Tilbury Mills Inc will vote on the proposed acquisition of the company by Ashcombe Corp."
    )
    assert row["status"] == "agreed"


def test_combining_activities_after_a_purchase_is_no_merger(nlp):
    rows = mention_rows(
        nlp(
            "Corley Bank Inc said it has acquired the customer account base of Fenwick Securities Inc for undisclosed "
            "terms. "
            "It said it will combine Fenwick's activities with those of its brokerage unit."
        ),
        "t",
    )
    assert [(row["type"], row["buyers"]) for row in rows] == [("acquisition", ["Corley Bank Inc"])], rows
    assert names_match(rows[0]["target"], "Fenwick Securities Inc")


def test_a_deal_struck_for_a_company(nlp):
    row = _one(nlp, "Quarry Minerals has struck a deal for Bellcote Mining, ending a long search for a new mine.")
    assert row["buyers"] == ["Quarry Minerals"] and names_match(row["target"], "Bellcote Mining")
    assert (row["type"], row["status"]) == ("acquisition", "agreed")


def test_a_deal_to_buy_is_stated_by_its_verb(nlp):
    row = _one(nlp, "Quarry Minerals struck a deal to buy Bellcote Mining for $300 million.")
    assert row["buyers"] == ["Quarry Minerals"] and row["status"] == "agreed" and row["amount"] == 300e6


def test_the_survivor_named_twice_is_the_buyer(nlp):
    row = _one(
        nlp,
        "Pelton Mutual will merge into larger peer Ashgrove Insurance Group, with Ashgrove as the surviving entity, "
        "the two insurers said.",
    )
    assert names_match(row["buyers"][0], "Ashgrove Insurance Group") and names_match(row["target"], "Pelton Mutual")


def test_a_raising_verb_passes_its_passive_subject_on(nlp):
    row = _one(nlp, "Vetta Scooters is set to be bought by Turin investor Marco Bellini for 20 million euros.")
    assert row["buyers"] == ["Marco Bellini"] and names_match(row["target"], "Vetta Scooters")


def test_the_company_in_a_bidders_clause_is_another_company(nlp):
    row = _one(
        nlp,
        "Shares of Pendrell Corp rose 2 dlrs on rumors that Oakhurst Partners was preparing a bid for the company, "
        "traders said.",
    )
    assert row["buyers"] == ["Oakhurst Partners"] and names_match(row["target"], "Pendrell Corp")
    assert row["status"] == "rumored"


def test_the_investor_leading_a_round_in_a_participle(nlp):
    rows = mention_rows(
        nlp(
            "Harlow Ventures has backed two start-ups this year, leading a seed round in Quorrel Labs and joining a "
            "Series A round in Tessin Robotics."
        ),
        "t",
    )
    for target in ("Quorrel Labs", "Tessin Robotics"):
        assert any(
            names_match(row["target"], target) and any(names_match(b, "Harlow Ventures") for b in row["buyers"])
            for row in rows
        ), (target, rows)


def test_a_board_supporting_its_merger_speaks_for_the_target(nlp):
    row = _one(
        nlp,
        "Harlan Co said its board unanimously reaffirmed its support for a proposed merger with Ostley Inc, "
        "following a board meeting.",
    )
    assert names_match(row["buyers"][0], "Ostley Inc") and names_match(row["target"], "Harlan Co")
    assert (row["type"], row["status"]) == ("merger", "agreed")


def test_a_buyer_acting_through_a_named_subsidiary(nlp):
    row = _one(nlp, "The Company, through its wholly owned subsidiary Brant Services Inc., purchased Holt Ltd in 2009.")
    assert len(row["buyers"]) == 1 and names_match(row["buyers"][0], "Brant Services Inc")
    assert names_match(row["target"], "Holt Ltd")


def test_the_person_a_title_names_leads_a_buyout(nlp):
    row = _one(
        nlp,
        "Pellow Stores Inc said shareholders approved the 30 mln dlr management buyout led by Pellow chairman "
        "Martin J. Greaves.",
    )
    assert row["buyers"] == ["Martin J. Greaves"] and names_match(row["target"], "Pellow Stores Inc")


def test_a_backer_of_a_buyout_buys_alongside(nlp):
    row = _one(nlp, "Tarrant Equity Partners completed a buyout of Colwyn Printers with backing from Quorry Capital.")
    assert sorted(row["buyers"]) == ["Quorry Capital", "Tarrant Equity Partners"], row["buyers"]
