"""Buyers told as a group whose members a nearby sentence lists (relations.group_members),
through the model, on sentences written for these tests."""

from __future__ import annotations

import pytest

from pipeline.names import names_match
from pipeline.relations import group_members


def _pairs(nlp, text):
    return [([b.text for b in d.buyers], d.target.text if d.target is not None else None) for d in nlp(text)._.deals]


def _has(pairs, buyers, target):
    return any(
        names_match(t, target) and all(any(names_match(b, want) for b in got) for want in buyers) for got, t in pairs
    )


CASES = [
    pytest.param(
        "Three pension funds agreed to acquire Harlow Ports for $2 billion. Kestrel Pension, Varden Capital "
        "and Delmore Fund announced the acquisition on Monday.",
        ["Varden Capital", "Delmore Fund"],
        "Harlow Ports",
        id="members-announce-the-acquisition",
    ),
    pytest.param(
        "Kestrel Capital is part of a consortium making a binding offer for Harlow Ports. The deal, which also "
        "includes Varden Capital, values Harlow at $3 billion.",
        ["Kestrel Capital", "Varden Capital"],
        "Harlow Ports",
        id="part-of-a-consortium-the-deal-also-includes",
    ),
    pytest.param(
        "In May, Harlow Telecom sold a 12 per cent stake in Dunmore Towers to a consortium of investors, led by "
        "buyout firm Kestrel Partners and the Varden Pension Board, for $700 million.",
        ["Kestrel Partners", "Varden Pension Board"],
        "Dunmore Towers",
        id="participle-after-the-group-hung-on-the-verb",
    ),
    pytest.param(
        "Dunmore Foods agreed to be acquired by a group of investors for $5 billion. The investors are Kestrel "
        "Capital and Varden Partners.",
        ["Kestrel Capital", "Varden Partners"],
        "Dunmore Foods",
        id="the-investors-are",
    ),
    pytest.param(
        "A group of investors bought Dunmore Foods for $800 million. The group is led by Kestrel Capital and "
        "Varden Partners.",
        ["Kestrel Capital", "Varden Partners"],
        "Dunmore Foods",
        id="the-group-is-led-by",
    ),
    pytest.param(
        "A consortium agreed to buy Dunmore Foods for $5 billion. Its members include Kestrel Capital and "
        "Varden Partners.",
        ["Kestrel Capital", "Varden Partners"],
        "Dunmore Foods",
        id="its-members-include",
    ),
]


@pytest.mark.parametrize("text, buyers, target", CASES)
def test_members_are_buyers(nlp, text, buyers, target):
    assert _has(_pairs(nlp, text), buyers, target)


@pytest.mark.parametrize("text, buyers, target", CASES)
def test_switched_off_the_members_are_not_buyers(nlp, text, buyers, target, monkeypatch):
    monkeypatch.setattr(group_members, "GROUP_MEMBERS", False)
    assert not _has(_pairs(nlp, text), buyers, target)


def test_sellers_group_is_no_buyer(nlp):
    # the group that sold shares lists its members: they are sellers, not buyers
    text = (
        "Orrin Holdings and its units said they cut their stake in Pellam Tool Corp to 5.1 pct. The Orrin "
        "group, which includes Tansy Life Co, said it sold 200,000 Pellam shares in March."
    )
    assert not any(any(names_match(b, "Tansy Life Co") for b in got) for got, _ in _pairs(nlp, text))


def test_named_group_keeps_its_name(nlp):
    # a group told by its name is the buyer; who controls it is not
    text = (
        "Bexley Bancorp said it sold one mln shares of its common stock to an investment group named "
        "Corvel Partners. The partnership is controlled by Ada Whitlow, the company said."
    )
    assert not any(any(names_match(b, "Ada Whitlow") for b in got) for got, _ in _pairs(nlp, text))
