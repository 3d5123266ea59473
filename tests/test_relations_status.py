"""Deal status from the words around a deal and from later sentences of the article that
tell its outcome (issue 17: offers whose outcome changes within the article). Sentences
written for these tests."""

from __future__ import annotations

import pytest

from pipeline.export import mention_rows


def _deals(nlp, text):
    return [(row["buyers"], row["target"], row["type"], row["status"]) for row in mention_rows(nlp(text), "t")]


@pytest.mark.parametrize(
    "text, status",
    [
        pytest.param(
            "Fenwick Corp agreed to buy Arlo Inc for $200 million. The transaction was completed on Friday.",
            "completed",
            id="later-sentence-completed",
        ),
        pytest.param(
            "Fenwick Corp said it had agreed to buy Arlo Inc, and the transaction was completed today.",
            "completed",
            id="same-sentence-completed",
        ),
        pytest.param(
            "Fenwick Corp offered to buy Arlo Inc for $20 a share. Fenwick later withdrew the offer.",
            "terminated",
            id="later-sentence-withdrawn",
        ),
        pytest.param(
            "Fenwick Corp agreed to buy Arlo Inc for $200 million. The transaction is expected to be completed in May.",
            "agreed",
            id="expected-to-close",
        ),
        pytest.param(
            "Fenwick Corp agreed to buy Arlo Inc for $200 million. The deal will close in May.",
            "agreed",
            id="will-close",
        ),
        pytest.param(
            "Fenwick Corp agreed to buy Arlo Inc for $200 million. After the deal is completed, Arlo will keep its name.",
            "agreed",
            id="after-completion-clause",
        ),
        pytest.param(
            "Fenwick Corp offered $20 a share for Arlo Inc. Arlo rejected the offer.",
            "proposed",
            id="rejected-by-target-stays-proposed",
        ),
        pytest.param(
            "Morrell AG said it decided to give up its plans to seek a majority stake in Tovar GmbH.",
            "terminated",
            id="gave-up-plans",
        ),
        pytest.param(
            "Quarry Fund N.V. said it has agreed to limit further purchases of Denholm Aviation Inc stock.",
            "terminated",
            id="standstill",
        ),
        pytest.param(
            "Pardee Capital SA proposes to sell its 20 pct stake in Helm Industries Inc to Orban Corp.",
            "agreed",
            id="holder-proposes-to-sell",
        ),
        pytest.param(
            "Harlow Mills Inc said it met the filing rules for Penfold Corp's planned 18 dlr per share cash purchase"
            " of Harlow.",
            "agreed",
            id="pending-noun-misattached",
        ),
        pytest.param(
            "Orban Corp proposed to buy Helm Industries Inc for $30 a share.",
            "proposed",
            id="buyer-proposes",
        ),
        pytest.param(
            "Quenby Stores agreed to acquire Marlow Textiles Inc. But Quenby later withdrew from the deal.",
            "terminated",
            id="later-withdrew-from-the-deal",
        ),
        pytest.param(
            "Quenby Stores agreed to acquire Marlow Textiles Inc. Quenby later said it ended talks on the deal.",
            "terminated",
            id="later-ended-talks-on-the-deal",
        ),
        pytest.param(
            "Quenby Stores agreed to acquire Marlow Textiles Inc. Marlow's holders did not withdraw from the deal.",
            "agreed",
            id="later-did-not-withdraw",
        ),
        pytest.param(
            "Quenby Stores said it has made an offer for Marlow Textiles Inc. Marlow's board accepted the offer.",
            "agreed",
            id="later-offer-accepted",
        ),
        pytest.param(
            "Quenby Stores said it has made an offer for Marlow Textiles Inc. Marlow said it agreed to the offer.",
            "agreed",
            id="later-agreed-to-the-offer",
        ),
        pytest.param(
            "Quenby Stores said it has made an offer for Marlow Textiles Inc. Marlow's board may accept the offer.",
            "proposed",
            id="later-may-accept",
        ),
        pytest.param(
            "Quenby Stores said it has made an offer for Marlow Textiles Inc. Marlow's board rejected the offer.",
            "proposed",
            id="later-rejected-by-the-target",
        ),
        pytest.param(
            "Quenby Stores spent about 3 mln dlrs on its attempted takeover of Marlow Textiles Inc.",
            "terminated",
            id="attempted-takeover",
        ),
        pytest.param(
            "Quenby Stores said its unsuccessful bid for Marlow Textiles Inc cost it 3 mln dlrs.",
            "terminated",
            id="unsuccessful-bid",
        ),
        pytest.param(
            "Quenby Stores said it was discussing the takeover of Marlow Textiles Inc.",
            "rumored",
            id="discussing-the-takeover",
        ),
        pytest.param(
            "Quenby Stores' board will discuss the company's agreement to sell 15 pct of Marlow Textiles Inc "
            "to Pardoe Insurance Co.",
            "agreed",
            id="discussing-an-agreement-made",
        ),
        pytest.param(
            "Quenby Stores had expressed an interest to acquire Marlow Textiles Inc in September.",
            "rumored",
            id="interest-to-acquire",
        ),
        pytest.param(
            "Quenby Stores said it has an interest in acquiring Marlow Textiles Inc.",
            "rumored",
            id="interest-in-acquiring",
        ),
        pytest.param(
            "Quenby Stores said it acquired a 20 pct interest in Marlow Textiles Inc.",
            "completed",
            id="an-interest-bought-is-a-stake",
        ),
    ],
)
def test_status(nlp, text, status):
    deals = _deals(nlp, text)
    assert len(deals) == 1, deals
    assert deals[0][3] == status, deals


def test_majority_stake_sought_is_an_acquisition(nlp):
    assert _deals(nlp, "Orion Holdings is seeking a majority stake in Helix Labs Inc.")[0][2:] == (
        "acquisition",
        "rumored",
    )


def test_failed_takeover_and_stake_purchase_stay_apart(nlp):
    text = "Fenwick Corp, which failed last year to buy Arlo Inc, bought a 5 pct stake in Arlo Inc."
    assert sorted(deal[3] for deal in _deals(nlp, text)) == ["completed", "terminated"]


def test_an_ended_stake_plan_and_its_restatement_are_one_deal(nlp):
    text = (
        "Quarry Fund N.V. said it has agreed to limit further purchases of Denholm Aviation Inc stock. "
        "Quarry had told regulators that it might buy up to 45 pct of Denholm."
    )
    assert [deal[3] for deal in _deals(nlp, text)] == ["terminated"]


@pytest.mark.parametrize(
    "text, kind",
    [
        pytest.param(
            "Rumors that investor Pell Marsh has acquired a stake in Orbis Corp lifted its shares.", "investment"
        ),
        pytest.param("Orion Holdings bought 300,000 shares of Helix Labs Inc last week.", "investment"),
        pytest.param("Orion Holdings bought all the outstanding shares of Helix Labs Inc last week.", "acquisition"),
        pytest.param("Orion Holdings will buy a half interest in Helix Labs Inc.", "acquisition"),
        pytest.param("Orion Holdings bought the remaining stake in Helix Labs Inc last week.", "acquisition"),
        pytest.param("Orion Holdings acquired Helix Labs Inc last week.", "acquisition"),
    ],
)
def test_a_holding_bought_without_a_figure_is_a_minority_unless_told_whole(nlp, text, kind):
    assert [deal[2] for deal in _deals(nlp, text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Quenby Stores told shareholders it has no plans to sell any of its divisions.", id="no-plans"),
        pytest.param(
            "The unit is performing well and there are no plans to sell it, Quenby Stores said.",
            id="there-are-no-plans",
        ),
        pytest.param("Quenby Stores said it has no intention of acquiring Marlow Textiles Inc.", id="no-intention"),
    ],
)
def test_no_plan_states_no_deal(nlp, text):
    assert _deals(nlp, text) == []


def test_plans_state_a_deal(nlp):
    assert [deal[3] for deal in _deals(nlp, "Quenby Stores said it has plans to sell its Marlow Textiles unit.")] == [
        "agreed"
    ]
