"""One deal per transaction in an article (through the model, on sentences written for
these tests): the same deal told twice is one deal; two transactions with the same
parties stay two."""

from __future__ import annotations

from pipeline.export import mention_rows
from pipeline.names import names_match


def test_the_same_deal_told_twice_is_one(nlp):
    rows = mention_rows(
        nlp(
            "Harwick Foods agreed to acquire Delmont Bakeries for $300 million. "
            "Harwick said the acquisition of Delmont Bakeries would close in June."
        ),
        "t",
    )
    assert len(rows) == 1, rows
    assert rows[0]["amount"] == 300e6


def test_a_failed_takeover_and_a_later_stake_purchase_stay_apart(nlp):
    rows = mention_rows(
        nlp(
            "Tarrant Corp, which last year sought unsuccessfully to acquire Bellway Paper Co, "
            "said it bought 5.5 pct of Bellway's common stock."
        ),
        "t",
    )
    statuses = sorted(row["status"] for row in rows)
    assert statuses == ["completed", "terminated"], rows
    assert all(names_match(row["target"], "Bellway Paper Co") for row in rows)


def test_unnamed_assets_sold_to_a_named_buyer(nlp):
    rows = mention_rows(
        nlp("Ardmore Energy sold oil and gas assets in Oklahoma to Tinsley Resources for $210 million, it said."), "t"
    )
    assert [(row["buyers"], row["type"]) for row in rows] == [(["Tinsley Resources"], "acquisition")]
    assert (rows[0]["target"], rows[0]["seller"]) == ("Ardmore Energy's oil and gas assets", "Ardmore Energy")


def test_a_sale_told_again_gives_its_amount(nlp):
    rows = mention_rows(
        nlp(
            "Harwick Foods has agreed to sell 15 pct of Delmont Bakeries Inc to Oster Group Inc. "
            "The Delmont stake is to be sold for 90 mln dlrs, Harwick said."
        ),
        "t",
    )
    assert len(rows) == 1, rows
    assert names_match(rows[0]["buyers"][0], "Oster Group Inc") and rows[0]["amount"] == 90e6


def test_a_deal_told_with_some_of_its_buyers_joins_the_one_with_all(nlp):
    from pipeline.export import mention_rows

    text = (
        "Korvath Partners said in a filing that it bought 258,591 shares of "
        "Elmwood Data Inc, or 9.4 pct of its stock.\n"
        "    Korvath Partners and Linden Capital Corp said they bought the stake for 2.1 mln dlrs."
    )
    rows = [row for row in mention_rows(nlp(text), "t") if "Elmwood" in (row["target"] or "")]
    assert len(rows) == 1
    assert (rows[0]["stake_pct"], rows[0]["amount"]) == (9.4, 2.1e6)
