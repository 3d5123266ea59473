"""The scorer against hand-made gold with hand-computed scores, the shared gold scored
against itself, and an independent reference implementation of pair counting."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pipeline.evaluate import (
    BONUS_FIELDS,
    CORE_FIELDS,
    FIELD_MISMATCH,
    MISMATCH_COLUMNS,
    MISSED_PAIR,
    SPURIOUS_PAIR,
    GoldFormatError,
    format_report,
    load_gold,
    score,
)
from pipeline.schema import CATEGORIES, DTYPES, MENTION_COLUMNS, ROLE_COLUMNS

DATA = Path(__file__).parent / "data"
TINY_GOLD = DATA / "tiny_gold.jsonl"
SHARED_EVAL = Path(__file__).parents[1].parent / "shared" / "eval"
SHARED_GOLD_FILES = ("seeds_gold.jsonl", "reuters_dev_gold.jsonl")


# --- helpers -----------------------------------------------------------------------


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the dtypes of schema.py, as the extractor writes them."""
    for col in frame.columns:
        if col in CATEGORIES:
            frame[col] = frame[col].astype(pd.CategoricalDtype(CATEGORIES[col]))
        elif col in DTYPES:
            frame[col] = frame[col].astype(DTYPES[col])
    return frame


def mentions(*rows: dict[str, Any]) -> pd.DataFrame:
    """A mentions table with every contract column; unspecified fields are null."""
    full = [{col: row.get(col, [] if col == "buyers" else None) for col in MENTION_COLUMNS} for row in rows]
    return typed(pd.DataFrame(full, columns=list(MENTION_COLUMNS)))


def roles(*rows: dict[str, Any]) -> pd.DataFrame:
    """A roles table with every contract column; unspecified fields are null."""
    full = [{col: row.get(col) for col in ROLE_COLUMNS} for row in rows]
    return typed(pd.DataFrame(full, columns=list(ROLE_COLUMNS)))


NO_ROLES = roles()
NO_MENTIONS = mentions()


def gold_as_predictions(gold: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The gold deals and roles written as prediction tables."""
    deal_rows = [{"doc_id": doc["id"], **deal} for doc in gold for deal in doc["deals"]]
    role_rows = [{"doc_id": doc["id"], **role} for doc in gold for role in doc["roles"]]
    return mentions(*deal_rows), roles(*role_rows)


def one_deal_gold(**fields: Any) -> list[dict]:
    """A one-document gold set holding one deal (Alpha buys Beta) with ``fields``."""
    deal = {
        "type": "acquisition",
        "buyers": ["Alpha Corp"],
        "target": "Beta Inc",
        "status": "agreed",
        "amount": None,
        "currency": None,
        "stake_pct": None,
        **fields,
    }
    return [{"id": "d1", "deals": [deal], "roles": []}]


def counts(report_part: Any) -> tuple[int, int, int]:
    return report_part.tp, report_part.fp, report_part.fn


@pytest.fixture(scope="module")
def tiny_gold() -> list[dict]:
    return load_gold(TINY_GOLD)


# --- pairs -------------------------------------------------------------------------


def test_pairs_hand_computed(tiny_gold: list[dict]) -> None:
    # Gold pairs (6): tiny-1 (Northwind, Harbor), (Bluefin, Harbor); tiny-2 (None, Redline),
    # (Granite, Loomly); tiny-3 (Vega, Kestrel), (Smith & Partners, Oakridge); tiny-4 none.
    predicted = mentions(
        # one mention, two buyers -> two pairs, both right (suffixes, "The", "L.P.")
        {"doc_id": "tiny-1", "buyers": ["Northwind Holdings", "Bluefin Capital LP"], "target": "Harbor Co"},
        # no buyer on both sides; "Redline" is contained in "Redline unit"
        {"doc_id": "tiny-2", "buyers": [], "target": "Redline unit"},
        # a named buyer does not match the gold's missing buyer -> fp
        {"doc_id": "tiny-2", "buyers": ["Acme Tools"], "target": "Redline"},
        {"doc_id": "tiny-2", "buyers": ["Granite Ventures"], "target": "Loomly Inc."},
        # the same pair again (a second mention) -> fp
        {"doc_id": "tiny-2", "buyers": ["Granite Ventures"], "target": "Loomly"},
        # ticker and suffix dropped from the gold target -> tp
        {"doc_id": "tiny-3", "buyers": ["Vega"], "target": "Kestrel Mining"},
        # buyer and target swapped -> fp, and the gold merger pair is missed -> fn
        {"doc_id": "tiny-3", "buyers": ["Oakridge Bancorp"], "target": "Smith and Partners"},
        # a deal in a document with none -> fp
        {"doc_id": "tiny-4", "buyers": ["Delta Freight"], "target": "Omega Corp"},
        # a document not in the gold -> ignored
        {"doc_id": "not-in-gold", "buyers": ["X"], "target": "Y"},
    )
    report = score(tiny_gold, predicted, NO_ROLES)
    assert counts(report.pairs) == (5, 4, 1)
    assert report.pairs.precision == pytest.approx(5 / 9)
    assert report.pairs.recall == pytest.approx(5 / 6)
    assert report.pairs.f1 == pytest.approx(2 / 3)  # 2*5 / (9 + 6)
    assert report.n_ignored_mentions == 1
    assert report.n_docs == 4

    errors = report.errors()
    assert list(errors.columns) == list(MISMATCH_COLUMNS)
    missed = errors[errors["kind"] == MISSED_PAIR]
    assert missed[["doc_id", "buyer", "target"]].values.tolist() == [["tiny-3", "Smith & Partners", "Oakridge Bancorp"]]
    spurious = errors[errors["kind"] == SPURIOUS_PAIR]
    assert sorted(spurious["doc_id"]) == ["tiny-2", "tiny-2", "tiny-3", "tiny-4"]
    assert "not-in-gold" not in set(errors["doc_id"])
    assert len(report.errors("tiny-4")) == 1


def test_multi_buyer_deal_may_be_predicted_as_one_or_several_mentions(tiny_gold: list[dict]) -> None:
    gold = tiny_gold[:1]  # one deal, two buyers -> two gold pairs
    together = mentions({"doc_id": "tiny-1", "buyers": ["Northwind", "Bluefin"], "target": "Harbor"})
    apart = mentions(
        {"doc_id": "tiny-1", "buyers": ["Northwind"], "target": "Harbor"},
        {"doc_id": "tiny-1", "buyers": ["Bluefin"], "target": "Harbor"},
    )
    half = mentions({"doc_id": "tiny-1", "buyers": ["Bluefin"], "target": "Harbor"})
    assert counts(score(gold, together, NO_ROLES).pairs) == (2, 0, 0)
    assert counts(score(gold, apart, NO_ROLES).pairs) == (2, 0, 0)
    assert counts(score(gold, half, NO_ROLES).pairs) == (1, 0, 1)


def test_missing_buyer_matches_only_missing_buyer() -> None:
    gold = one_deal_gold()  # (Alpha, Beta)
    for buyers in ([], None, pd.NA, [None, ""]):
        predicted = mentions({"doc_id": "d1", "buyers": buyers, "target": "Beta"})
        assert counts(score(gold, predicted, NO_ROLES).pairs) == (0, 1, 1)


def test_gold_pair_listed_twice_can_be_matched_twice() -> None:
    deal = {"type": "investment", "buyers": ["Alpha"], "target": "Beta", "status": "completed"}
    gold = [{"id": "d1", "deals": [deal, dict(deal, type="acquisition")], "roles": []}]
    once = mentions({"doc_id": "d1", "buyers": ["Alpha"], "target": "Beta", "type": "investment"})
    twice = mentions(
        {"doc_id": "d1", "buyers": ["Alpha"], "target": "Beta", "type": "acquisition"},
        {"doc_id": "d1", "buyers": ["Alpha"], "target": "Beta", "type": "investment"},
    )
    assert counts(score(gold, once, NO_ROLES).pairs) == (1, 0, 1)
    report = score(gold, twice, NO_ROLES)
    assert counts(report.pairs) == (2, 0, 0)
    # each predicted pair went to the gold deal whose fields agree, whatever the order
    assert report.fields["type"].correct == 2


def test_matching_is_maximal_not_first_come() -> None:
    # "Paragon" fits both gold pairs, "Paragon Associates Fund" only the first: taking the
    # first gold pair for "Paragon" would leave the second prediction unmatched.
    gold = [
        {
            "id": "d1",
            "roles": [],
            "deals": [
                {
                    "type": "investment",
                    "buyers": ["Paragon Associates", "Paragon Associates II"],
                    "target": "Munford Inc",
                    "status": "completed",
                }
            ],
        }
    ]
    predicted = mentions(
        {"doc_id": "d1", "buyers": ["Paragon"], "target": "Munford"},
        {"doc_id": "d1", "buyers": ["Paragon Associates Fund"], "target": "Munford"},
    )
    assert counts(score(gold, predicted, NO_ROLES).pairs) == (2, 0, 0)
    reversed_order = predicted.iloc[::-1].reset_index(drop=True)
    assert counts(score(gold, reversed_order, NO_ROLES).pairs) == (2, 0, 0)


def test_no_predictions_at_all(tiny_gold: list[dict]) -> None:
    report = score(tiny_gold, NO_MENTIONS, NO_ROLES)
    assert counts(report.pairs) == (0, 0, 6)
    assert counts(report.roles) == (0, 0, 4)
    assert (report.pairs.precision, report.pairs.recall, report.pairs.f1) == (0.0, 0.0, 0.0)
    assert all(acc.total == 0 and acc.accuracy is None for acc in report.fields.values())


def test_minimal_prediction_tables_are_enough(tiny_gold: list[dict]) -> None:
    # Only the required columns: the missing fields read as null.
    predicted = pd.DataFrame({"doc_id": ["tiny-4"], "buyers": [["A"]], "target": ["B"]})
    role_table = pd.DataFrame({"doc_id": [], "person": [], "title": [], "org": []})
    assert counts(score(tiny_gold, predicted, role_table).pairs) == (0, 1, 6)


def test_missing_column_is_a_clear_error(tiny_gold: list[dict]) -> None:
    with pytest.raises(GoldFormatError, match="lacks column"):
        score(tiny_gold, pd.DataFrame({"doc_id": ["tiny-1"], "target": ["X"]}), NO_ROLES)


def test_buyers_as_a_string_is_a_clear_error(tiny_gold: list[dict]) -> None:
    predicted = pd.DataFrame({"doc_id": ["tiny-1"], "buyers": ["['Northwind']"], "target": ["Harbor"]})
    with pytest.raises(GoldFormatError, match="must be a list"):
        score(tiny_gold, predicted, NO_ROLES)


def test_buyers_as_arrays_after_parquet_round_trip(tiny_gold: list[dict], tmp_path: Path) -> None:
    predicted = mentions(
        {
            "doc_id": "tiny-1",
            "buyers": ["Northwind", "Bluefin"],
            "target": "Harbor",
            "amount": 1.2e8,
            "currency": "USD",
            "stake_pct": 60.0,
            "type": "acquisition",
            "status": "agreed",
        },
        {"doc_id": "tiny-2", "buyers": None, "target": "Redline"},
    )
    path = tmp_path / "mentions.parquet"
    predicted.to_parquet(path)
    round_tripped = pd.read_parquet(path)
    assert not isinstance(round_tripped["buyers"].iloc[0], list)  # an array now
    before, after = score(tiny_gold, predicted, NO_ROLES), score(tiny_gold, round_tripped, NO_ROLES)
    assert counts(before.pairs) == counts(after.pairs) == (3, 0, 3)
    assert before.summary() == after.summary()


# --- fields ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_amount", "gold_currency", "pred_amount", "pred_currency", "right"),
    [
        (100e6, "USD", 100e6, "USD", True),
        (100e6, "USD", 100.5e6, "USD", True),  # 0.5% off
        (100e6, "USD", 99.5e6, "USD", True),
        (100e6, "USD", 101e6, "USD", True),  # exactly 1%: inside
        (100e6, "USD", 102e6, "USD", False),  # 2% off
        (100e6, "USD", 98e6, "USD", False),
        (100e6, "USD", 100e6, "EUR", False),  # same number, other currency
        (100e6, "USD", 100e6, None, False),
        (None, None, None, None, True),  # both null
        (None, "USD", None, None, True),  # no amount: the currency is not judged
        (None, None, 100e6, "USD", False),
        (100e6, "USD", None, None, False),
    ],
)
def test_amount_tolerance(gold_amount, gold_currency, pred_amount, pred_currency, right) -> None:
    gold = one_deal_gold(amount=gold_amount, currency=gold_currency)
    predicted = mentions(
        {"doc_id": "d1", "buyers": ["Alpha"], "target": "Beta", "amount": pred_amount, "currency": pred_currency}
    )
    acc = score(gold, predicted, NO_ROLES).fields["amount"]
    assert (acc.correct, acc.total) == (int(right), 1)


@pytest.mark.parametrize(
    ("gold_stake", "pred_stake", "right"),
    [
        (10.0, 10.0, True),
        (10.0, 10.4, True),
        (10.0, 9.6, True),
        (10.0, 10.5, True),  # exactly 0.5 points: inside
        (10.0, 10.6, False),
        (10.0, 9.4, False),
        (None, None, True),
        (None, 5.0, False),
        (49, None, False),
    ],
)
def test_stake_tolerance(gold_stake, pred_stake, right) -> None:
    gold = one_deal_gold(stake_pct=gold_stake)
    predicted = mentions({"doc_id": "d1", "buyers": ["Alpha"], "target": "Beta", "stake_pct": pred_stake})
    acc = score(gold, predicted, NO_ROLES).fields["stake"]
    assert (acc.correct, acc.total) == (int(right), 1)


def test_field_accuracy_hand_computed(tiny_gold: list[dict]) -> None:
    predicted = mentions(
        # amount 0.83% off and stake 0.4 off are right; status wrong, counted for both pairs
        {
            "doc_id": "tiny-1",
            "buyers": ["Northwind Holdings Inc", "Bluefin Capital"],
            "target": "The Harbor Co",
            "type": "acquisition",
            "amount": 121e6,
            "currency": "USD",
            "stake_pct": 60.4,
            "status": "completed",
        },
        # type wrong; seller written differently still matches
        {
            "doc_id": "tiny-2",
            "buyers": [],
            "target": "Redline",
            "seller": "Acme Tools",
            "type": "acquisition",
            "amount": 40e6,
            "currency": "USD",
            "status": "completed",
        },
        # all right: round compared without case, valuation within 1%
        {
            "doc_id": "tiny-2",
            "buyers": ["Granite Ventures"],
            "target": "Loomly",
            "type": "investment",
            "amount": 15e6,
            "currency": "USD",
            "status": "completed",
            "round": "Series A",
            "valuation": 60.3e6,
        },
        # no amount on either side: right whatever the currency says
        {
            "doc_id": "tiny-3",
            "buyers": ["Vega Group"],
            "target": "Kestrel Mining",
            "type": "acquisition",
            "currency": "EUR",
            "status": "proposed",
            "price_per_share": 25.0,
        },
        # status wrong
        {
            "doc_id": "tiny-3",
            "buyers": ["Smith and Partners"],
            "target": "Oakridge Bancorp",
            "type": "merger",
            "status": "completed",
        },
    )
    report = score(tiny_gold, predicted, NO_ROLES)
    assert counts(report.pairs) == (6, 0, 0)
    got = {name: (acc.correct, acc.total) for name, acc in report.fields.items()}
    assert got == {
        "type": (5, 6),
        "amount": (6, 6),
        "stake": (6, 6),
        "status": (3, 6),
        "round": (6, 6),
        "price_per_share": (6, 6),
        "valuation": (6, 6),
        "seller": (6, 6),
    }
    assert report.fields["status"].accuracy == pytest.approx(0.5)
    mismatches = report.errors().loc[lambda df: df["kind"] == FIELD_MISMATCH]
    assert sorted(mismatches["field"]) == ["status", "status", "status", "type"]
    type_row = mismatches[mismatches["field"] == "type"].iloc[0]
    assert (type_row["gold"], type_row["predicted"]) == ("divestiture", "acquisition")


# --- roles -------------------------------------------------------------------------


def test_roles_hand_computed(tiny_gold: list[dict]) -> None:
    # Gold (4): Jane Ortiz / chief executive officer / Northwind Holdings Inc.;
    # Tom Reyes / co-founder / Loomly; Ann Lee / chairman / Oakridge Bancorp; Paul Kim / analyst / -.
    predicted = roles(
        {"doc_id": "tiny-1", "person": "Jane Ortiz", "title": "CEO", "org": "Northwind"},  # tp
        {"doc_id": "tiny-1", "person": "Jane Ortiz", "title": "CFO", "org": "Northwind"},  # fp: title
        {"doc_id": "tiny-2", "person": "Tom Reyes", "title": "founder", "org": "Loomly Inc"},  # tp
        {"doc_id": "tiny-3", "person": "Ann Lee", "title": "chair", "org": "Oakridge Bancorp"},  # tp
        {"doc_id": "tiny-3", "person": "Ann Lee", "title": "chairman", "org": "Oakridge"},  # fp: twice
        {"doc_id": "tiny-3", "person": "Paul Kim", "title": "analyst", "org": "Vega Group PLC"},  # fp: org
        {"doc_id": "not-in-gold", "person": "A B", "title": "CEO", "org": "C"},  # ignored
    )
    report = score(tiny_gold, NO_MENTIONS, predicted)
    assert counts(report.roles) == (3, 3, 1)
    assert report.roles.precision == pytest.approx(1 / 2)
    assert report.roles.recall == pytest.approx(3 / 4)
    assert report.roles.f1 == pytest.approx(0.6)
    assert report.n_ignored_roles == 1
    missed = report.errors().query("kind == 'missed_role'")
    assert missed[["person", "title"]].values.tolist() == [["Paul Kim", "analyst"]]
    assert pd.isna(missed["org"].iloc[0])


# --- loading and printing ----------------------------------------------------------


def test_load_gold(tiny_gold: list[dict]) -> None:
    assert [doc["id"] for doc in tiny_gold] == ["tiny-1", "tiny-2", "tiny-3", "tiny-4"]
    assert tiny_gold[0]["deals"][0]["buyers"] == ["Northwind Holdings Inc.", "Bluefin Capital L.P."]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"id": "a", "deals": [], "roles": []}', "{not json"], "line 2: not valid JSON"),
        (['{"id": "a", "deals": []}'], r"line 1: missing key\(s\) \['roles'\]"),
        (['{"id": "a", "deals": [], "roles": []}', "", '{"id": "a", "deals": [], "roles": []}'], "line 3: .*twice"),
        (["[1, 2]"], "expected a JSON object"),
    ],
)
def test_load_gold_errors_name_the_line(tmp_path: Path, lines: list[str], message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf8")
    with pytest.raises(GoldFormatError, match=message):
        load_gold(path)


def test_format_report_ends_with_the_summary(tiny_gold: list[dict]) -> None:
    predicted = mentions(
        {
            "doc_id": "tiny-1",
            "buyers": ["Northwind"],
            "target": "Harbor",
            "type": "acquisition",
            "amount": 120e6,
            "currency": "USD",
            "stake_pct": 60.0,
            "status": "agreed",
        }
    )
    text = format_report(score(tiny_gold, predicted, NO_ROLES))
    last = text.splitlines()[-3:]
    assert last[0] == "deals  P=1.000 R=0.167 F1=0.286"  # 1 of 6 gold pairs
    assert last[1] == "fields type=1.00 amount=1.00 stake=1.00 status=1.00"
    assert last[2] == "roles  P=0.000 R=0.000 F1=0.000"
    for name in CORE_FIELDS + BONUS_FIELDS:
        assert name in text
    empty = format_report(score(tiny_gold, NO_MENTIONS, NO_ROLES)).splitlines()
    assert empty[-2] == "fields type=n/a amount=n/a stake=n/a status=n/a"


# --- shared gold -------------------------------------------------------------------


@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason=f"{SHARED_EVAL} is not here")
@pytest.mark.parametrize("gold_file", SHARED_GOLD_FILES)
def test_shared_gold_scored_against_itself_is_perfect(gold_file: str) -> None:
    gold = load_gold(SHARED_EVAL / gold_file)
    predicted_deals, predicted_roles = gold_as_predictions(gold)
    report = score(gold, predicted_deals, predicted_roles)
    assert report.pairs.fp == report.pairs.fn == 0 and report.pairs.f1 == 1.0
    assert report.roles.f1 == 1.0 or report.roles.n_gold == 0
    for name, acc in report.fields.items():
        assert acc.accuracy == 1.0, (name, report.errors())
    assert report.errors().empty


# --- an independent reference for pair counting ------------------------------------

# Written from the spec alone, deliberately simple, sharing no code with the package.
REF_SUFFIXES = {
    "inc",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "plc",
    "llc",
    "lp",
    "sa",
    "ag",
    "nv",
    "se",
    "group",
    "holdings",
    "holding",
}


def ref_words(name: Any) -> set[str]:
    if not isinstance(name, str):
        return set()
    text = re.sub(r"<[^>]*>", " ", name.lower()).replace("&", " and ")
    words = re.sub(r"[^a-z0-9]+", " ", re.sub(r"[.']", "", text)).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in REF_SUFFIXES:
        words = words[:-1]
    return set(words)


def ref_same(a: Any, b: Any) -> bool:
    wa, wb = ref_words(a), ref_words(b)
    if not wa or not wb:
        return not wa and not wb
    return wa <= wb or wb <= wa


def ref_pairs(deals: list[dict]) -> list[tuple[Any, Any]]:
    out = []
    for deal in deals:
        buyers = list(deal["buyers"]) if deal["buyers"] is not None else []
        if buyers:
            for buyer in buyers:
                out.append((buyer, deal["target"]))
        else:
            out.append((None, deal["target"]))
    return out


def ref_most_matches(preds: list, golds: list) -> int:
    """The largest number of predicted pairs matched to distinct gold pairs (try all)."""
    if not preds:
        return 0
    first, rest = preds[0], preds[1:]
    best = ref_most_matches(rest, golds)
    for k, g in enumerate(golds):
        if ref_same(first[0], g[0]) and ref_same(first[1], g[1]):
            best = max(best, 1 + ref_most_matches(rest, golds[:k] + golds[k + 1 :]))
    return best


def ref_counts(gold: list[dict], predicted: list[dict]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for doc in gold:
        golds = ref_pairs(doc["deals"])
        preds = ref_pairs([row for row in predicted if row["doc_id"] == doc["id"]])
        matched = ref_most_matches(preds, golds)
        tp += matched
        fp += len(preds) - matched
        fn += len(golds) - matched
    return tp, fp, fn


def perturb(gold: list[dict], rng: random.Random) -> list[dict]:
    """Prediction rows derived from the gold with deals dropped, duplicated, targets
    renamed, buyers added, removed or re-spelled, and spurious deals added."""
    all_names = sorted(
        {d["target"] for doc in gold for d in doc["deals"]}
        | {b for doc in gold for d in doc["deals"] for b in d["buyers"]}
    )
    respell = [
        lambda s: s,
        lambda s: s.upper(),
        lambda s: f"The {s} Inc.",
        lambda s: s.split()[0],
        lambda s: s.replace(" and ", " & "),
    ]
    rows = []
    for doc in gold:
        for deal in doc["deals"]:
            if rng.random() < 0.2:
                continue
            buyers = [rng.choice(respell)(b) for b in deal["buyers"]]
            target = rng.choice(respell)(deal["target"])
            if rng.random() < 0.2:
                target = rng.choice(all_names + ["Zeta Widgets"])
            if rng.random() < 0.2:
                buyers.append(rng.choice(all_names))
            if rng.random() < 0.1:
                buyers = []
            row = {"doc_id": doc["id"], "buyers": buyers, "target": target}
            rows.append(row)
            if rng.random() < 0.1:
                rows.append(dict(row))
        if rng.random() < 0.2:
            rows.append({"doc_id": doc["id"], "buyers": [rng.choice(all_names)], "target": rng.choice(all_names)})
    rows.append({"doc_id": "not-in-gold", "buyers": ["A"], "target": "B"})
    return rows


@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason=f"{SHARED_EVAL} is not here")
@pytest.mark.parametrize("seed", range(20))
def test_pair_counts_agree_with_reference(seed: int) -> None:
    gold = load_gold(SHARED_EVAL / "reuters_dev_gold.jsonl")
    rows = perturb(gold, random.Random(seed))
    report = score(gold, mentions(*rows), NO_ROLES)
    assert counts(report.pairs) == ref_counts(gold, rows)


def test_reference_agrees_on_tiny_gold(tiny_gold: list[dict]) -> None:
    rows = perturb(tiny_gold, random.Random(7))
    assert counts(score(tiny_gold, mentions(*rows), NO_ROLES).pairs) == ref_counts(tiny_gold, rows)


def test_tiny_gold_is_valid_json_lines() -> None:
    for line in TINY_GOLD.read_text(encoding="utf8").splitlines():
        doc = json.loads(line)
        assert {"id", "date", "text", "deals", "roles"} <= set(doc)
