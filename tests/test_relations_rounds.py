"""Funding rounds told over several sentences, and the status an announcement or a
study gives (through the model, on sentences written for these tests)."""

from __future__ import annotations

from pipeline.export import mention_rows
from pipeline.names import names_match


def _rows(nlp, text):
    return mention_rows(nlp(text), "t")


def _buyers(row):
    return sorted(row["buyers"])


def test_a_round_raised_then_its_leader_named_is_one_deal(nlp):
    rows = _rows(nlp, "Pellow Robotics raised $40 million. The Series A round was led by Brackwater Ventures.")
    assert len(rows) == 1, rows
    row = rows[0]
    assert row["buyers"] == ["Brackwater Ventures"] and names_match(row["target"], "Pellow Robotics")
    assert row["amount"] == 40e6 and row["round"] == "Series A"


def test_rounds_of_different_amounts_far_apart_stay_two(nlp):
    rows = _rows(
        nlp,
        "Pellow Robotics raised $5 million in 2019. "
        "The company then spent four years building its warehouse software. "
        "It hired engineers in three cities. "
        "Pellow Robotics said on Tuesday it raised $60 million in a round led by Brackwater Ventures.",
    )
    assert sorted(row["amount"] for row in rows) == [5e6, 60e6], rows


def test_investors_joining_a_led_round_are_buyers(nlp):
    rows = _rows(
        nlp,
        "Pellow Robotics said on Tuesday that its Series B round was led by Brackwater Ventures and "
        "Fenmoor Capital, and joined by Ashgrove Partners and Quillon Capital.",
    )
    assert len(rows) == 1, rows
    assert _buyers(rows[0]) == ["Ashgrove Partners", "Brackwater Ventures", "Fenmoor Capital", "Quillon Capital"]


def test_co_leaders_of_a_series_named_in_the_next_sentence(nlp):
    rows = _rows(
        nlp,
        "Pellow Robotics raised $86 million in a Series C round. Brackwater Ventures, Fenmoor Capital and "
        "Ashgrove Partners co-led the Series C, the Leeds company said.",
    )
    assert len(rows) == 1, rows
    assert _buyers(rows[0]) == ["Ashgrove Partners", "Brackwater Ventures", "Fenmoor Capital"]
    assert rows[0]["amount"] == 86e6


def test_leader_of_a_seed_round_named_in_the_next_sentence(nlp):
    rows = _rows(nlp, "Pellow Robotics raised $2 million in seed funding. Brackwater Ventures led the seed round.")
    assert [row["buyers"] for row in rows] == [["Brackwater Ventures"]], rows


def test_an_investor_putting_money_in_the_round_told_before(nlp):
    rows = _rows(nlp, "Pellow Robotics raised $40 million. Fenmoor Capital invested $10 million in the round.")
    assert len(rows) == 1, rows
    assert rows[0]["buyers"] == ["Fenmoor Capital"] and rows[0]["amount"] == 40e6


def test_investing_in_another_companys_round_is_not_joining(nlp):
    rows = _rows(
        nlp, "Pellow Robotics raised $40 million. Fenmoor Capital invested $10 million in the round of Tarvis Labs."
    )
    assert all(
        "Fenmoor Capital" not in row["buyers"] or not names_match(row["target"], "Pellow Robotics") for row in rows
    )


def test_an_announced_merger_deal_is_agreed(nlp):
    rows = _rows(nlp, "Corvane Systems and Dalby Networks announced a merger deal on Thursday.")
    assert [row["status"] for row in rows] == ["agreed"], rows


def test_examining_the_possibility_of_buying_is_rumored(nlp):
    rows = _rows(nlp, "Corvane Systems is examining the possibility of buying Dalby Networks.")
    assert [row["status"] for row in rows] == ["rumored"], rows


def test_evaluating_an_acquisition_is_rumored(nlp):
    rows = _rows(nlp, "Corvane Systems said it is evaluating the acquisition of Dalby Networks.")
    assert [row["status"] for row in rows] == ["rumored"], rows


def test_a_target_evaluating_an_offer_leaves_it_proposed(nlp):
    rows = _rows(nlp, "Dalby Networks said its board is evaluating the offer from Corvane Systems.")
    assert all(row["status"] != "rumored" for row in rows), rows


def test_the_round_a_raise_comes_in_is_named_through_its_funding_noun(nlp):
    rows = _rows(nlp, "Pellow Robotics raised $72 million in a Series C funding round.")
    assert [row["round"] for row in rows] == ["Series C"], rows


def test_an_earlier_round_after_the_raise_is_not_its_round(nlp):
    rows = _rows(nlp, "Pellow Robotics raised $5 million, after its Series A funding in 2021.")
    assert all(row["round"] != "Series A" for row in rows), rows


def test_a_title_telling_a_round_raised_is_completed(nlp):
    rows = _rows(
        nlp,
        "Pellow Robotics raises $14M in Series A\n\n"
        "Brackwater Ventures and Fenmoor Capital led the round, the company said.",
    )
    assert [(_buyers(row), row["amount"], row["status"]) for row in rows] == [
        (["Brackwater Ventures", "Fenmoor Capital"], 14e6, "completed")
    ], rows
