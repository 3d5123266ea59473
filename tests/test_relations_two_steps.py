"""A minority stake bought and a takeover still to come are two transactions of the same
parties (relations.merging). Sentences written for these tests."""

from __future__ import annotations

from pipeline.export import mention_rows


def _deals(nlp, text):
    return [(row["type"], row["buyers"], row["target"], row["status"]) for row in mention_rows(nlp(text), "t")]


def test_a_stake_then_an_offer_for_the_rest_are_two_deals(nlp):
    deals = _deals(
        nlp,
        "Kestrel Group said it has bought 8.5 pct of Varden Corp's common stock. "
        "Kestrel also said it will offer 30 dlrs a share for all the Varden shares it does not own.",
    )
    assert ("investment", ["Kestrel Group"], "Varden Corp", "completed") in deals
    assert ("acquisition", ["Kestrel Group"], "Varden Corp", "proposed") in deals


def test_more_shares_maybe_bought_is_the_same_stake(nlp):
    deals = _deals(
        nlp,
        "Kestrel Group said it has bought 8.5 pct of Varden Corp's common stock for investment purposes. "
        "It said it might buy additional Varden shares.",
    )
    assert deals == [("investment", ["Kestrel Group"], "Varden Corp", "completed")]
