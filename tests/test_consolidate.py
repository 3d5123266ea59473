"""Mentions -> deals across documents (pipeline/consolidate.py): one test per merge rule
and per split rule on hand-made mention tables, then the five seeds end to end."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline import schema
from pipeline.consolidate import CONFIDENCE_CAP, consolidate, deal_id
from pipeline.names import names_match, norm_key
from pipeline.tables import frame

B = 1e9


def mention(doc_id: str, n: int = 0, **fields) -> dict:
    """A mention row: an investment by Meta in Scale AI unless told otherwise."""
    row = {
        "doc_id": doc_id,
        "mention_id": f"{doc_id}#{n}",
        "type": "investment",
        "buyers": ["Meta"],
        "target": "Scale AI",
        "currency": "USD",
        "approximate": False,
        "status": "agreed",
        "evidence": f"evidence of {doc_id}#{n}",
        "sentence_start": 10 * n,
        "sentence_end": 10 * n + 9,
        "confidence": 0.8,
    }
    row.update(fields)
    row["buyers_norm"] = [norm_key(name) for name in row["buyers"]]
    row["target_norm"] = norm_key(row["target"]) if row["target"] else None
    row["seller_norm"] = norm_key(row.get("seller")) or None
    return row


def deals_of(rows: list[dict], doc_dates: dict | None = None) -> pd.DataFrame:
    return consolidate(frame(rows, schema.MENTION_COLUMNS), doc_dates)


def groups(deals: pd.DataFrame) -> list[list[str]]:
    """The deals as sorted lists of mention ids, sorted: what a test compares."""
    return sorted(sorted(ids) for ids in deals["mention_ids"])


def the_deal(deals: pd.DataFrame) -> pd.Series:
    assert len(deals) == 1, deals[["buyers", "target", "mention_ids"]].to_dict("records")
    return deals.iloc[0]


# --- merge rules ---------------------------------------------------------------------------


def test_same_target_and_buyers_merge_across_documents():
    deal = the_deal(deals_of([mention("a", amount=15 * B), mention("b", amount=15 * B)]))
    assert deal.n_sources == 2
    assert deal.amount == 15 * B
    assert list(deal.buyers) == ["Meta"] and deal.target == "Scale AI"


def test_alias_names_merge_and_keep_the_longest_name():
    deals = deals_of(
        [
            mention("a", target="Scale", buyers=["Meta"]),
            mention("b", target="Scale AI", buyers=["Meta Platforms Inc."]),
            mention("c", target="Scale AI Inc", buyers=["Meta Platforms"]),
        ]
    )
    deal = the_deal(deals)
    assert list(deal.buyers) == ["Meta Platforms Inc."]
    assert list(deal.buyers_norm) == ["meta platforms"]
    assert deal.target == "Scale AI Inc" and deal.target_norm == "scale ai"


def test_partial_buyer_list_joins_the_consortium():
    deal = the_deal(
        deals_of(
            [
                mention("a", buyers=["Amazon", "Alphabet"], target="Anthropic"),
                mention("b", buyers=["Alphabet Inc"], target="Anthropic"),
            ]
        )
    )
    assert list(deal.buyers_norm) == ["amazon", "alphabet"]


def test_reports_of_single_members_merge_through_a_consortium_report():
    # a and b name one investor each (disjoint); c names both: all three are one deal.
    deals = deals_of(
        [
            mention("a", buyers=["Amazon"], target="Anthropic"),
            mention("b", buyers=["Alphabet"], target="Anthropic"),
            mention("c", buyers=["Amazon", "Alphabet"], target="Anthropic"),
        ]
    )
    assert groups(deals) == [["a#0", "b#0", "c#0"]]


def test_same_round_with_disjoint_buyers_is_one_round():
    deals = deals_of(
        [
            mention("a", buyers=["Amazon"], round="Series F", amount=1 * B),
            mention("b", buyers=["Nvidia"], round="series F", amount=1 * B),
        ]
    )
    assert the_deal(deals)["round"] in ("Series F", "series F")


def series_f_mention(doc_id: str, n: int) -> dict:
    """Scale AI's Series F of May 2024 (Amazon, Meta: $1 billion at a $13.8 billion valuation)."""
    return mention(
        doc_id,
        n,
        buyers=["Amazon", "Meta"],
        amount=1 * B,
        round="Series F",
        valuation=13.8 * B,
        status="completed",
        date="2024-05",
    )


def test_empty_buyer_mention_joins_the_compatible_deal():
    rows = [
        # Scale AI's Series F of May 2024 (Amazon, Meta) and Meta's 2025 stake.
        series_f_mention("a", 0),
        mention("a", 1, amount=10 * B, amount_min=10 * B, status="rumored"),
        mention("b", 0, amount=15 * B, approximate=True, stake_pct=49.0),
        # A valuation stated with an earlier round, no buyer named.
        mention("c", 0, buyers=[], valuation=13.8 * B, date="2024", status="completed"),
    ]
    dates = {"a": "2025-06-10", "b": "2025-06-13", "c": "2025-06-11"}
    deals = deals_of(rows, dates)
    assert groups(deals) == [["a#0", "c#0"], ["a#1", "b#0"]]
    series_f = deals[deals["round"] == "Series F"].iloc[0]
    assert series_f.date == "2024-05" and series_f.n_sources == 2


def test_empty_buyer_mention_prefers_the_closest_date():
    rows = [
        mention("a", round="Series E", date="2024-04"),
        mention("b", round="Series F", date="2024-09"),
        mention("c", buyers=[], date="2024-08"),  # compatible with both: 4 and 1 months away
    ]
    assert groups(deals_of(rows)) == [["a#0"], ["b#0", "c#0"]]
    rows[2]["date"] = "2024-05"
    assert groups(deals_of(rows)) == [["a#0", "c#0"], ["b#0"]]


def test_empty_buyer_mention_prefers_the_deal_with_most_sources():
    rows = [
        mention("a", buyers=["Meta"], stake_pct=10.0),
        mention("b", buyers=["Amazon"], stake_pct=30.0),
        mention("c", buyers=["Amazon"], stake_pct=30.0),
        mention("d", buyers=[]),
    ]
    assert groups(deals_of(rows)) == [["a#0"], ["b#0", "c#0", "d#0"]]


def test_empty_buyer_mention_with_no_compatible_deal_stays_alone():
    rows = [
        mention("a", amount=15 * B, date="2025-06"),
        mention("b", buyers=[], amount=1 * B, date="2021"),
    ]
    assert groups(deals_of(rows)) == [["a#0"], ["b#0"]]


def test_over_10_billion_and_approximately_15_billion_merge():
    rows = [
        mention("a", amount=10 * B, amount_min=10 * B, status="rumored"),
        mention("b", amount=15 * B, approximate=True, stake_pct=49.0),
    ]
    deal = the_deal(deals_of(rows, {"a": "2025-06-09", "b": "2025-06-12"}))
    assert deal.amount_first == 10 * B and deal.amount_last == 15 * B
    # The point amount is the deal's amount; the lower bound still holds.
    assert deal.amount == 15 * B and bool(deal.approximate)
    assert deal.amount_min == 10 * B and pd.isna(deal.amount_max)
    assert deal.stake_pct == 49.0


def test_a_bound_is_compatible_with_any_value_satisfying_it():
    rows = [
        mention("a", amount=1 * B, amount_min=1 * B),
        mention("b", amount=15 * B),
    ]
    assert len(deals_of(rows)) == 1


def test_best_supported_amount_wins_ties_go_to_the_latest():
    rows = [
        mention("a", amount=2.0 * B),
        mention("b", amount=2.01 * B),  # within 1% of 2.0: supports it
        mention("c", amount=2.6 * B),
    ]
    deal = the_deal(deals_of(rows))
    assert deal.amount == pytest.approx(2.01 * B)
    assert deal.amount_first == 2.0 * B and deal.amount_last == 2.6 * B
    tie = the_deal(deals_of([mention("a", amount=2.0 * B), mention("b", amount=2.6 * B)]))
    assert tie.amount == 2.6 * B and tie.evidence == "evidence of b#0"


def test_latest_status_wins_by_document_date():
    rows = [
        mention("z", status="rumored"),
        mention("a", status="completed"),
        mention("m", status="agreed"),
    ]
    dates = {"z": "2025-05-01", "m": "2025-06-01", "a": "2025-07-01"}
    deal = the_deal(deals_of(rows, dates))
    assert deal.status == "completed"
    assert list(deal.doc_ids) == ["z", "m", "a"]
    # Without dates, the position (doc_id, then mention number) orders them.
    assert the_deal(deals_of(rows)).status == "rumored"


def test_sources_and_seen_dates():
    rows = [
        mention("b", 0),
        mention("b", 1),
        mention("a", 0),
        mention("c", 0),
    ]
    dates = {"a": "2025-06-12", "b": "2025-06-09", "c": None}
    deal = the_deal(deals_of(rows, dates))
    assert deal.n_sources == 3
    assert list(deal.doc_ids) == ["c", "b", "a"]  # undated first, then by date
    assert list(deal.mention_ids) == ["c#0", "b#0", "b#1", "a#0"]
    assert deal.first_seen == "2025-06-09" and deal.last_seen == "2025-06-12"
    undated = the_deal(deals_of(rows))
    assert pd.isna(undated.first_seen) and pd.isna(undated.last_seen)
    assert list(undated.doc_ids) == ["a", "b", "c"]


def test_deal_date_is_the_earliest_stated_one_refined():
    rows = [mention("a", date="2024"), mention("b", date="2024-05"), mention("c")]
    assert the_deal(deals_of(rows)).date == "2024-05"
    assert pd.isna(the_deal(deals_of([mention("a"), mention("b")])).date)


def test_confidence_is_a_capped_noisy_or_over_documents():
    rows = [mention("a", 0, confidence=0.5), mention("a", 1, confidence=0.4), mention("b", confidence=0.5)]
    assert the_deal(deals_of(rows)).confidence == pytest.approx(0.75)
    many = [mention(f"d{i}", confidence=0.9) for i in range(5)]
    assert the_deal(deals_of(many)).confidence == CONFIDENCE_CAP


def test_investment_with_majority_stake_is_an_acquisition():
    rows = [
        mention("a", type="investment", stake_pct=51.0),
        mention("b", type="acquisition", stake_pct=51.0),
        mention("c", type="investment"),
    ]
    deal = the_deal(deals_of(rows))
    assert deal.type == "acquisition"


def test_divestiture_joins_the_acquisition_with_the_same_seller():
    rows = [
        mention(
            "a", type="acquisition", buyers=["Buyer Co"], target="Widget Unit", seller="Parent Corp", status="agreed"
        ),
        mention("b", type="divestiture", buyers=[], target="Widget Unit", seller="Parent", status="completed"),
    ]
    deal = the_deal(deals_of(rows, {"a": "2025-01-01", "b": "2025-02-01"}))
    assert deal.type == "acquisition" and deal.seller == "Parent Corp"
    assert deal.status == "completed" and list(deal.buyers) == ["Buyer Co"]


def test_mergers_reported_from_either_side_merge():
    rows = [
        mention("a", type="merger", buyers=["Alpha Corp"], target="Beta Inc"),
        mention("b", type="merger", buyers=["Beta"], target="Alpha"),
    ]
    deals = deals_of(rows)
    assert len(deals) == 1
    # a party is never both the buyer and the target of the merged deal
    assert list(deals.iloc[0]["buyers"]) == ["Alpha Corp"] and deals.iloc[0]["target"] == "Beta Inc"


def test_same_deal_in_two_currencies_is_not_split_by_amount():
    rows = [mention("a", amount=10 * B), mention("b", amount=13000 * B, currency="KRW")]
    assert len(deals_of(rows)) == 1


# --- split rules ---------------------------------------------------------------------------


def test_disjoint_buyers_stay_apart():
    rows = [mention("a", buyers=["Meta"]), mention("b", buyers=["Microsoft"])]
    assert groups(deals_of(rows)) == [["a#0"], ["b#0"]]


def test_different_targets_stay_apart():
    rows = [mention("a", target="Scale AI"), mention("b", target="Scale Capital")]
    assert len(deals_of(rows)) == 2
    # "Scale" matches both, but both cannot be one target: it joins one of them only.
    deals = deals_of(rows + [mention("c", target="Scale")])
    assert len(deals) == 2


def test_different_rounds_stay_apart():
    rows = [
        mention("a", round="Series E", amount=1 * B),
        mention("b", round="Series F", amount=1 * B),
    ]
    assert len(deals_of(rows)) == 2


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        ("2024", "2025-06", False),  # different years at year precision
        ("2024", "2024-11", True),  # same year
        ("2024-05", "2025-06", False),  # 13 months
        ("2025-01", "2025-06", True),  # 5 months
        ("2024-11-20", "2025-02-03", True),  # 3 months across a year end
        ("2025-01-15", "2025-09-01", False),  # 8 months
        ("2019", "2019", True),
        (None, "2019", True),  # unknown: no rule
    ],
)
def test_dates_far_apart_stay_apart(first, second, merged):
    rows = [mention("a", date=first), mention("b", date=second)]
    assert (len(deals_of(rows)) == 1) is merged


def test_document_dates_date_mentions_without_a_date():
    rows = [mention("a", status="completed"), mention("b", status="rumored")]
    assert len(deals_of(rows, {"a": "2023-02-01", "b": "2025-06-10"})) == 2
    assert len(deals_of(rows, {"a": "2025-03-01", "b": "2025-06-10"})) == 1
    # The mention's own date comes before its document's.
    rows[0]["date"] = "2025-05"
    assert len(deals_of(rows, {"a": "2023-02-01", "b": "2025-06-10"})) == 1


def test_amounts_more_than_2_5_times_apart_stay_apart():
    assert len(deals_of([mention("a", amount=1 * B), mention("b", amount=10 * B)])) == 2
    assert len(deals_of([mention("a", amount=1 * B), mention("b", amount=2.4 * B)])) == 1
    # "over $10 billion" excludes $1 billion.
    rows = [mention("a", amount=1 * B), mention("b", amount=10 * B, amount_min=10 * B)]
    assert len(deals_of(rows)) == 2


def test_round_against_no_round_needs_close_amounts_even_under_a_bound():
    rows = [
        mention("a", amount=1 * B, round="Series F"),
        mention("b", amount=10 * B, amount_max=10 * B),  # "up to $10 billion", no round
    ]
    assert len(deals_of(rows)) == 2
    rows[1].update(amount=1.5 * B, amount_max=1.5 * B)
    assert len(deals_of(rows)) == 1


def test_valuations_far_apart_stay_apart():
    rows = [mention("a", valuation=13.8 * B), mention("b", valuation=50 * B)]
    assert len(deals_of(rows)) == 2


def test_stakes_far_apart_stay_apart():
    rows = [mention("a", stake_pct=10.0), mention("b", stake_pct=49.0)]
    assert len(deals_of(rows)) == 2


def test_merger_and_acquisition_stay_apart():
    rows = [mention("a", type="merger"), mention("b", type="acquisition")]
    assert len(deals_of(rows)) == 2


def test_divestiture_with_another_seller_stays_apart():
    rows = [
        mention("a", type="acquisition", buyers=["Buyer Co"], target="Widget Unit", seller="Parent Corp"),
        mention("b", type="divestiture", buyers=[], target="Widget Unit", seller="Other Holdings"),
    ]
    assert len(deals_of(rows)) == 2


def test_the_2024_round_and_the_2025_stake_stay_apart_without_dates():
    rows = [
        mention("a", 0, buyers=["Amazon", "Meta"], amount=1 * B, round="Series F", status="completed", date="2024-05"),
        mention("a", 1, amount=10 * B, amount_min=10 * B, status="rumored"),
        mention("b", 0, buyers=["Meta Platforms"], status="rumored"),
        mention("c", 0, buyers=["Meta Platforms Inc."], amount=15 * B, approximate=True),
    ]
    assert groups(deals_of(rows)) == [["a#0"], ["a#1", "b#0", "c#0"]]


# --- table properties ----------------------------------------------------------------------


def seed_like_rows() -> list[dict]:
    return [
        mention("000", 0, amount=10 * B, amount_min=10 * B),
        series_f_mention("000", 1),
        mention("000", 2, buyers=["Microsoft"], target="OpenAI", amount=13 * B, amount_min=13 * B, status="completed"),
        mention("000", 3, buyers=["Amazon", "Alphabet"], target="Anthropic", status="completed"),
        mention("001", 0, status="rumored"),
        mention("001", 1, buyers=[], valuation=13.8 * B, date="2024", status="completed"),
        mention("001", 2, buyers=["Microsoft"], target="OpenAI", status="completed"),
        mention("002", 0, buyers=["Meta Platforms Inc."], amount=10 * B, amount_min=10 * B, status="rumored"),
        mention("002", 1, buyers=["Microsoft"], target="OpenAI", amount=13 * B, amount_min=13 * B),
        mention("002", 2, buyers=["Amazon", "Alphabet"], target="Anthropic"),
        mention("003", 0, amount=10 * B, amount_max=10 * B, status="rumored"),
        mention("003", 1, buyers=["Amazon"], amount=1 * B, round="Series F", date="2024-05"),
        mention("004", 0, buyers=["Meta Platforms"], amount=15 * B, approximate=True, stake_pct=49.0),
    ]


def test_seed_like_table_gives_the_four_transactions():
    deals = deals_of(seed_like_rows())
    assert groups(deals) == [
        ["000#0", "001#0", "002#0", "003#0", "004#0"],
        ["000#1", "001#1", "003#1"],
        ["000#2", "001#2", "002#1"],
        ["000#3", "002#2"],
    ]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_input_order_does_not_matter(seed):
    rows = seed_like_rows()
    dates = {"000": "2025-06-10", "001": "2025-06-11", "002": None, "004": "2025-06"}
    expected = deals_of(rows, dates)
    shuffled = rows[:]
    random.Random(seed).shuffle(shuffled)
    got = deals_of(shuffled, dates)
    pd.testing.assert_frame_equal(got, expected)


def test_deal_ids_are_stable_hashes_of_the_mention_ids():
    deals = deals_of(seed_like_rows())
    assert deals["deal_id"].is_unique
    for row in deals.itertuples():
        assert row.deal_id == deal_id(row.mention_ids)
        assert row.deal_id.startswith("D") and len(row.deal_id) == 13
    again = deals_of(seed_like_rows()[::-1])
    assert list(again["deal_id"]) == list(deals["deal_id"])


def test_every_mention_is_in_exactly_one_deal():
    rows = seed_like_rows()
    deals = deals_of(rows)
    listed = [m for ids in deals["mention_ids"] for m in ids]
    assert sorted(listed) == sorted(r["mention_id"] for r in rows)
    for deal in deals.itertuples():
        assert deal.n_sources == len(deal.doc_ids) == len(set(deal.doc_ids))


def test_empty_input_gives_an_empty_typed_frame():
    expected = frame([], schema.DEAL_COLUMNS)
    for empty in (frame([], schema.MENTION_COLUMNS), pd.DataFrame(columns=list(schema.MENTION_COLUMNS))):
        deals = consolidate(empty, {})
        assert list(deals.columns) == list(schema.DEAL_COLUMNS)
        assert deals.empty
        pd.testing.assert_series_equal(deals.dtypes, expected.dtypes)


def test_output_has_the_schema_dtypes():
    deals = deals_of(seed_like_rows(), {"000": "2025-06-10"})
    pd.testing.assert_series_equal(deals.dtypes, frame([], schema.DEAL_COLUMNS).dtypes)


def test_partial_and_odd_document_dates_are_accepted():
    rows = [mention("a"), mention("b"), mention("c")]
    dates = {"a": "2025", "b": "2025-06-10T08:00:00Z", "c": "not a date", "zz": "2025-01-01"}
    deal = the_deal(deals_of(rows, dates))
    assert deal.first_seen == "2025" and deal.last_seen == "2025-06-10"


def test_a_mention_without_target_is_its_own_deal():
    rows = [mention("a", target=None), mention("b", target=None), mention("c")]
    assert len(deals_of(rows)) == 3


# --- the seeds, end to end -----------------------------------------------------------------

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seed_tables(nlp):
    records = [{"id": path.stem, "text": path.read_text(encoding="utf8")} for path in sorted(SEEDS.glob("*.txt"))]
    assert len(records) == 5
    return pipeline.extract(records, nlp=nlp)


def is_meta_scale(row) -> bool:
    return names_match(row.target, "Scale AI") and any(names_match(b, "Meta") for b in row.buyers)


def describe(deals: pd.DataFrame) -> str:
    columns = ["buyers", "target", "amount", "amount_first", "amount_last", "status", "round", "date", "n_sources"]
    return deals[columns].to_string()


def test_seeds_meta_scale_ai_2025_deal_has_all_five_sources(seed_tables):
    deals = seed_tables.deals
    print(describe(deals))
    stakes = [
        row
        for row in deals.itertuples()
        if is_meta_scale(row)
        and not (isinstance(row.date, str) and row.date.startswith("2024"))
        and not (pd.notna(row.amount) and row.amount < 5 * B)
    ]
    assert len(stakes) == 1, describe(deals)
    deal = stakes[0]
    assert deal.n_sources == 5, describe(deals)
    assert deal.amount_first == 10 * B and deal.amount_last == 15 * B
    assert deal.status == "agreed"


def test_seeds_with_publication_dates_give_the_same_2025_deal(seed_tables):
    doc_ids = sorted(set(seed_tables.mentions["doc_id"]))
    dates = {doc_id: f"2025-06-{10 + i:02d}" for i, doc_id in enumerate(doc_ids)}
    deals = consolidate(seed_tables.mentions, dates)
    stakes = [row for row in deals.itertuples() if is_meta_scale(row) and row.n_sources == 5]
    assert len(stakes) == 1, describe(deals)
    assert stakes[0].first_seen == "2025-06-10" and stakes[0].last_seen == "2025-06-14"
    assert list(stakes[0].doc_ids) == doc_ids


def test_seeds_keep_the_2024_series_f_apart(seed_tables):
    deals = seed_tables.deals
    rounds = deals[deals["round"].fillna("").str.lower().eq("series f") & deals["amount"].eq(1 * B)]
    assert len(rounds) == 1, describe(deals)
    series_f = rounds.iloc[0]
    assert {"amazon", "meta"} <= set(series_f.buyers_norm)
    assert series_f.date == "2024-05"


def test_seeds_consolidate_every_mention_once(seed_tables):
    mentions, deals = seed_tables.mentions, seed_tables.deals
    listed = [m for ids in deals["mention_ids"] for m in ids]
    assert sorted(listed) == sorted(mentions["mention_id"])


def test_seeds_give_exactly_the_four_transactions(seed_tables):
    deals = seed_tables.deals
    print(describe(deals))
    assert len(deals) == 4, describe(deals)
    targets = sorted(norm_key(t) for t in deals["target"])
    assert targets == ["anthropic", "openai", "scale ai", "scale ai"]
    for deal in deals.itertuples():
        if norm_key(deal.target) == "scale ai" and deal.round is not None and not pd.isna(deal.round):
            assert deal.amount == 1 * B, describe(deals)
