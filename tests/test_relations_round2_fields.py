"""Fields of a deal (type, stake, status, amount) in round 2 classes: a controlling or
remaining holding bought, a holding before a takeover, a rumour told by unnamed people, a
running total of money raised. Sentences written for these tests (names and figures made up)."""

from __future__ import annotations

from pipeline.export import mention_rows


def _rows(nlp, text):
    return [
        (row["type"], tuple(row["buyers"]), row["target"], row["status"], row["amount"])
        for row in mention_rows(nlp(text), "t")
    ]


def test_a_controlling_interest_bought_is_an_acquisition(nlp):
    rows = _rows(nlp, "Tarvel Holdings bought a controlling interest in Quenby Foods.")
    assert [r[0] for r in rows] == ["acquisition"]


def test_the_interest_not_already_owned_is_an_acquisition(nlp):
    rows = _rows(
        nlp, "Tarvel Holdings completed the purchase of the interest in Quenby Foods that it did not already own."
    )
    assert [r[0] for r in rows] == ["acquisition"]


def test_a_plain_interest_stays_an_investment(nlp):
    rows = _rows(nlp, "Tarvel Holdings bought an interest in Quenby Foods.")
    assert [r[0] for r in rows] == ["investment"]


def _stakes(nlp, text):
    return [(row["type"], row["target"], row["stake_pct"]) for row in mention_rows(nlp(text), "t")]


def test_a_holding_currently_owned_beside_a_takeover_is_no_deal_nor_its_stake(nlp):
    rows = _stakes(
        nlp,
        "Tarvel Holdings agreed to acquire Quenby Foods for $8.25 per share. Tarvel currently owns 6.4% of "
        "Quenby's shares and will acquire the remaining shares.",
    )
    assert rows == [("acquisition", "Quenby Foods", None)]


def test_a_stake_bought_keeps_its_figure(nlp):
    assert _stakes(nlp, "Tarvel Holdings bought a 6.4% stake in Quenby Foods.") == [("investment", "Quenby Foods", 6.4)]


def test_a_plan_told_by_people_with_knowledge_is_a_rumour(nlp):
    rows = _rows(
        nlp,
        "Harwick Partners plans to sell a majority stake in Sorel Robotics, said two people with knowledge of the matter.",
    )
    assert [r[3] for r in rows] == ["rumored"]


def test_a_plan_told_by_sources_is_a_rumour(nlp):
    rows = _rows(nlp, "Harwick Partners plans to sell its stake in Sorel Robotics, sources said.")
    assert [r[3] for r in rows] == ["rumored"]


def test_a_plan_told_by_the_company_stays_agreed(nlp):
    rows = _rows(nlp, "Harwick Partners plans to sell a majority stake in Sorel Robotics, the company said.")
    assert [r[3] for r in rows] == ["agreed"]


def _money(nlp, text):
    return [(row["amount"], row["valuation"]) for row in mention_rows(nlp(text), "t")]


def test_the_value_put_on_the_company_when_a_stake_is_sold_is_its_valuation(nlp):
    rows = _money(
        nlp,
        "Harwick Partners agreed to sell a minority stake in Sorel Robotics in a deal that values Sorel at $800 million.",
    )
    assert rows == [(None, 800_000_000.0)]


def test_the_value_put_on_the_company_bought_whole_stays_the_amount(nlp):
    rows = _money(nlp, "Harwick Partners agreed to buy Sorel Robotics in a deal that values Sorel at $800 million.")
    assert [r[0] for r in rows] == [800_000_000.0]


def test_money_raised_to_date_is_not_a_rounds_amount(nlp):
    rows = _money(
        nlp, "Corbel Analytics has raised $74 million to date, including a $40 million Series B it closed in May."
    )
    assert 74_000_000.0 not in [r[0] for r in rows]


def test_money_raised_in_a_round_stays_its_amount(nlp):
    rows = _money(nlp, "Corbel Analytics raised $40 million in a Series B round led by Tamsin Ventures.")
    assert [r[0] for r in rows] == [40_000_000.0]
