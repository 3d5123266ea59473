"""Sentence shapes of Reuters acquisition copy the slots missed (issue 17): a bid's "for"
phrase hung on its price, the company whose board answers a bid, the person heading a
buying group, a clause making the target a unit of the buyer, a stake in an unnamed
asset, names marked with "<", "the sale to Z of Y", a bid its target accepts. Sentences
written for these tests (names and figures made up)."""

from __future__ import annotations

import pytest

from pipeline.export import mention_rows


def _pairs(nlp, text):
    return [(row["buyers"], row["target"], row["seller"]) for row in mention_rows(nlp(text), "t")]


@pytest.mark.parametrize(
    "text, buyers, target, seller",
    [
        pytest.param(
            "Orwell Tractor Corp said it began its previously announced 31 dlr per share tender offer "
            "for Pemberly Gauge Inc's common stock.",
            ["Orwell Tractor Corp"],
            "Pemberly Gauge Inc",
            None,
            id="for-phrase-on-price",
        ),
        pytest.param(
            "Robert Hallam said an investor group he heads has offered to buy Pemberly Gauge Inc "
            "for 18 dlrs a share in cash.",
            ["Robert Hallam"],
            "Pemberly Gauge Inc",
            None,
            id="group-he-heads",
        ),
        pytest.param(
            "Pemberly Gauge Inc said its board will recommend to shareholders the takeover offer "
            "made by Orwell Tractor Corp.",
            ["Orwell Tractor Corp."],
            "Pemberly Gauge Inc",
            None,
            id="board-recommends-offer",
        ),
        pytest.param(
            "Pemberly Gauge Inc said its directors will recommend that shareholders accept the offer "
            "made by Orwell Tractor Corp.",
            ["Orwell Tractor Corp."],
            "Pemberly Gauge Inc",
            None,
            id="recommend-that-holders-accept",
        ),
        pytest.param(
            "Pemberly Gauge Inc shareholders today approved the merger agreement making Pemberly "
            "an indirect wholly owned unit of Orwell Tractor Corp.",
            ["Orwell Tractor Corp."],
            "Pemberly Gauge Inc",
            None,
            id="made-a-unit-of",
        ),
        pytest.param(
            "Orwell Tractor Corp is planning to sell 35 pct of a Brazilian tin mine to Pemberly Metals Co.",
            ["Pemberly Metals Co."],
            "Orwell Tractor Corp's Brazilian tin mine",
            "Orwell Tractor Corp",
            id="stake-in-unnamed-asset",
        ),
        pytest.param(
            "Orwell Tractor Plc said that its offer for <Pemberly Estates Ltd> would remain open until further notice.",
            ["Orwell Tractor Plc"],
            "Pemberly Estates Ltd",
            None,
            id="marked-name-after-for",
        ),
        pytest.param(
            "Orwell Tractor Corp said it has acquired the capital stock and related real estate assets "
            "of <Pemberly Gauge Inc>, a regional retailer.",
            ["Orwell Tractor Corp"],
            "Pemberly Gauge Inc",
            "*",
            id="marked-name-of-holding",
        ),
        pytest.param(
            "Orwell Railroad said it will complete the sale to the Pemberly Railway of its 412-mile line by May 15.",
            ["Pemberly Railway"],
            "Orwell Railroad's mile line",
            "Orwell Railroad",
            id="sale-to-buyer-of-asset",
        ),
        pytest.param(
            "Orwell Tractor Inc said Pemberly Gauge Corp has accepted its previously announced acquisition offer.",
            ["Orwell Tractor Inc"],
            "Pemberly Gauge Corp",
            None,
            id="target-accepts-its-offer",
        ),
        pytest.param(
            "Orwell Enterprises Inc said it signed a letter of intent to sell six cable television systems, "
            "representing about 4,000 subscribers, to <Pemberly Cable>.",
            ["Pemberly Cable"],
            "*",
            None,
            id="buyer-under-participle-after-object",
        ),
        pytest.param(
            "Orwell Resources Inc said it will make a takeover offer to acquire all shares of Pemberly Mines Ltd "
            "on the basis of one Orwell share for three Pemberly shares.",
            ["Orwell Resources Inc"],
            "Pemberly Mines Ltd",
            None,
            id="bid-read-as-subject",
        ),
    ],
)
def test_reuters_shape_gives_the_deal(nlp, text, buyers, target, seller):
    pairs = _pairs(nlp, text)
    if target == "*":
        # the seller's unnamed assets, however the tagger cut the seller's name
        assert any(b == buyers and t and "cable television systems" in t for b, t, _ in pairs), pairs
    elif seller == "*":
        # the company itself or its assets ("<Y>'s related real estate assets")
        assert any(b == buyers and t and t.startswith(target) for b, t, _ in pairs), pairs
    else:
        assert (buyers, target, seller) in pairs


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Orwell Tractor Corp said it wishes to sell its interest in the property.",
            id="stake-in-a-definite-asset-names-no-owner",
        ),
        pytest.param(
            "Finance minister Paul Keller proposed the sale of 30 pct of Orwell Holdings. "
            "He expects the sale to raise 40 mln dlrs.",
            id="sale-as-subject-is-no-bid",
        ),
        pytest.param(
            "Orwell Tractor Corp said an investor group which owns Pemberly Gauge Inc has sold its stake.",
            id="group-as-subject-of-its-clause",
        ),
    ],
)
def test_not_read_as_the_shape(nlp, text):
    pairs = _pairs(nlp, text)
    assert not any(target and ("property" in target or "Keller" in target) for _, target, _ in pairs), pairs
    assert not any(
        buyers and buyers[0].startswith("Orwell") and target == "Pemberly Gauge Inc" for buyers, target, _ in pairs
    ), pairs
