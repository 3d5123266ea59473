"""Consortia and groups (through the model, on sentences written for these tests): every
named member of a buying or investing group is a buyer."""

from __future__ import annotations

import pytest

from pipeline.export import mention_rows
from pipeline.names import names_match


def _buyers(nlp, text):
    rows = mention_rows(nlp(text), "t")
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    "text, buyers, target",
    [
        pytest.param(
            "Harrow Athletic has been sold to a group led by Canadian investor Dana Whitfield that includes "
            "hedge fund Moorgate Partners, the club said.",
            ["Dana Whitfield", "Moorgate Partners"],
            "Harrow Athletic",
            id="led-by-that-includes",
        ),
        pytest.param(
            "An investor group made up of Pellow Partners, Ainsley Brandt and Corrib Capital Corp said it offered "
            "31 dlrs a share for Tamsin Devices Inc.",
            ["Pellow Partners", "Ainsley Brandt", "Corrib Capital Corp"],
            "Tamsin Devices Inc",
            id="made-up-of-then-it",
        ),
        pytest.param(
            "Quarrel Biotech Inc said it raised 9 mln dlrs through a private placement of common stock with a group "
            "of investors led by Amble Venture Partners and including Stour Capital Corp and the Lune Foundation.",
            ["Amble Venture Partners", "Stour Capital Corp", "Lune Foundation"],
            "Quarrel Biotech Inc",
            id="led-by-and-including",
        ),
    ],
)
def test_every_member_of_the_group_is_a_buyer(nlp, text, buyers, target):
    row = _buyers(nlp, text)
    assert names_match(row["target"], target), row["target"]
    for want in buyers:
        assert any(names_match(b, want) for b in row["buyers"]), (want, row["buyers"])


def test_a_company_selling_a_stake_in_itself_is_the_target(nlp):
    row = _buyers(nlp, "Wexford Atelier Ltd has sold a 30% stake to fashion group Bellaria SpA for 40 mln stg.")
    assert row["buyers"] == ["Bellaria SpA"] and names_match(row["target"], "Wexford Atelier Ltd")
    assert row["type"] == "investment" and row["seller"] is None


def test_gapped_second_deal_with_its_own_target_and_amount(nlp):
    rows = mention_rows(
        nlp(
            "Tamsin Media Group bought podcast network Whirrly Inc for $60 million and newsletter platform Quillet Inc "
            "for $15 million last year."
        ),
        "t",
    )
    got = sorted((row["target"], row["amount"]) for row in rows)
    assert len(got) == 2, rows
    assert names_match(got[0][0], "Quillet Inc") and got[0][1] == 15e6
    assert names_match(got[1][0], "Whirrly Inc") and got[1][1] == 60e6


def test_a_combined_amount_is_no_deal_s_own(nlp):
    rows = mention_rows(
        nlp(
            "Harbury Supply Co said it acquired Tenwick Inc, Marston Pipe Co and Bellway Fittings Corp in separate "
            "transactions for a combined 8.2 mln dlrs."
        ),
        "t",
    )
    assert len(rows) == 3, rows
    assert all(row["amount"] is None for row in rows)


def test_gapped_sales_to_two_buyers(nlp):
    rows = mention_rows(
        nlp(
            "Corvane Petroleum Corp said it sold its pipeline subsidiary, Astley Pipe Inc, to Holm Oil Co for "
            "12 mln dlrs and its trucking unit, Ridley Haul Inc, to Fenn Transport Corp for 2.5 mln dlrs."
        ),
        "t",
    )
    pairs = sorted((row["buyers"][0], row["target"]) for row in rows if row["buyers"])
    assert len(pairs) == 2, rows
    assert names_match(pairs[0][0], "Fenn Transport Corp") and names_match(pairs[0][1], "Ridley Haul Inc")
    assert names_match(pairs[1][0], "Holm Oil Co") and names_match(pairs[1][1], "Astley Pipe Inc")


def test_a_firm_named_as_a_list_is_one_buyer(nlp):
    row = _buyers(
        nlp, "Alder Corp said it agreed to a leveraged buyout by an investor group led by Pemberton, Hale and Co."
    )
    assert len(row["buyers"]) == 1 and row["buyers"][0].startswith("Pemberton, Hale and Co")


def test_interest_from_a_suitor_is_a_rumoured_bid(nlp):
    row = _buyers(
        nlp,
        "Tenbury Foods, which put itself up for sale in March, has received interest from Belgian dairy group "
        "Vandermolen, a person familiar with the process said.",
    )
    assert row["buyers"] == ["Vandermolen"] and names_match(row["target"], "Tenbury Foods")
    assert row["status"] == "rumored"


def test_respectively_pairs_each_buyer_with_its_target(nlp):
    rows = mention_rows(
        nlp("Tolvane Group and Merrow Capital agreed to buy Kestra Foods and Ollin Dairy, respectively, last week."),
        "t",
    )
    assert sorted((row["buyers"], row["target"]) for row in rows) == [
        (["Merrow Capital"], "Ollin Dairy"),
        (["Tolvane Group"], "Kestra Foods"),
    ]
