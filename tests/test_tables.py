"""Typed table building, writing and reading back (pipeline/tables.py)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pandas.testing import assert_frame_equal

import pipeline.tables
from pipeline import schema
from pipeline import tables as tables_module
from pipeline.readback import read_table, read_tables
from pipeline.tables import (
    FORMATS,
    Tables,
    empty_tables,
    frame,
    write_table,
    write_tables,
)

MENTION_ROWS = [
    {
        "doc_id": "seed-004",
        "mention_id": "seed-004:0",
        "type": "investment",
        "buyers": ["Meta Platforms", "Jane Doe"],
        "target": "Scale AI",
        "seller": None,
        "amount": 15e9,
        "currency": "USD",
        "amount_min": None,
        "amount_max": None,
        "approximate": True,
        "stake_pct": 49.0,
        "price_per_share": None,
        "valuation": None,
        "round": None,
        "status": "agreed",
        "date": "2025-06-12",
        "evidence": 'Meta plans to invest "about" $15 billion,\nsays Scale AI — café',
        "buyers_norm": ["meta platforms", "jane doe"],
        "target_norm": "scale ai",
        "seller_norm": None,
        "sentence_start": 0,
        "sentence_end": 87,
        "confidence": 0.1234567890123456789,
    },
    {
        # Sparse row: unknown currency, no buyers, missing keys.
        "doc_id": "r-2",
        "mention_id": "r-2:0",
        "type": "divestiture",
        "buyers": [],
        "target": "Unit",
        "seller": "Parent Co",
        "amount": 1.0e-3,
        "currency": "XAU",
        "approximate": False,
        "status": "completed",
        "sentence_start": 5,
    },
    {
        "doc_id": "r-3",
        "mention_id": "r-3:0",
        "type": "merger",
        "buyers": ["A", "B"],
        "target": "C",
        "approximate": None,
        "status": None,
        "currency": None,
    },
]
DEAL_ROWS = [
    {
        "deal_id": "d1",
        "type": "investment",
        "buyers": ["Meta Platforms"],
        "target": "Scale AI",
        "amount": 15e9,
        "currency": "USD",
        "status": "agreed",
        "approximate": True,
        "buyers_norm": ["meta platforms"],
        "target_norm": "scale ai",
        "amount_first": 14e9,
        "amount_last": 15e9,
        "first_seen": "2025-06-10",
        "last_seen": "2025-06-12",
        "n_sources": 2,
        "doc_ids": ["seed-004", "r-9"],
        "mention_ids": ["seed-004:0", "r-9:1"],
        "confidence": 0.9,
    },
    {
        "deal_id": "d2",
        "type": "acquisition",
        "buyers": ["Amazon", "Meta"],
        "target": "X",
        "status": "rumored",
        "n_sources": 1,
        "doc_ids": ["r-1"],
        "mention_ids": ["r-1:0"],
    },
]
ROLE_ROWS = [
    {
        "doc_id": "seed-004",
        "person": "Alexandr Wang",
        "title": "founder",
        "org": "Scale AI",
        "person_norm": "alexandr wang",
        "org_norm": "scale ai",
        "evidence": "Wang, founder of Scale AI",
        "confidence": 0.8,
    },
    {"doc_id": "r-2", "person": "Ann Lee", "title": "analyst", "org": None},
]
ERROR_ROWS = [
    {"doc_id": None, "source": "in/news.jsonl", "line": 3, "stage": "read", "error": "malformed JSON"},
    {"doc_id": "r-7", "source": "in/news.jsonl", "line": None, "stage": "nlp", "error": "boom"},
]


def sample_tables() -> Tables:
    return Tables(
        mentions=frame(MENTION_ROWS, schema.MENTION_COLUMNS),
        deals=frame(DEAL_ROWS, schema.DEAL_COLUMNS),
        roles=frame(ROLE_ROWS, schema.ROLE_COLUMNS),
        errors=frame(ERROR_ROWS, schema.ERROR_COLUMNS),
    )


def expected_dtype(column: str):
    if column in schema.LIST_COLUMNS:
        return "object"
    if column in schema.CATEGORIES:
        return "category"
    return schema.DTYPES[column]


def assert_tables_equal(left: Tables, right: Tables) -> None:
    for (name, got), (_, want) in zip(left.items(), right.items()):
        assert_frame_equal(got, want, check_exact=True, obj=name)


# --- frame -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rows, columns",
    [
        (MENTION_ROWS, schema.MENTION_COLUMNS),
        (DEAL_ROWS, schema.DEAL_COLUMNS),
        (ROLE_ROWS, schema.ROLE_COLUMNS),
        (ERROR_ROWS, schema.ERROR_COLUMNS),
        ([], schema.MENTION_COLUMNS),
    ],
)
def test_frame_has_exact_columns_and_dtypes(rows, columns):
    df = frame(rows, columns)
    assert list(df.columns) == list(columns)
    assert len(df) == len(rows)
    for column in columns:
        assert df[column].dtype == expected_dtype(column), column


def test_frame_values_missing_keys_and_lists():
    df = frame(MENTION_ROWS, schema.MENTION_COLUMNS)
    assert df.loc[0, "buyers"] == ["Meta Platforms", "Jane Doe"]
    assert df.loc[1, "buyers"] == [] and df.loc[2, "buyers_norm"] == []
    assert df["amount"].tolist() == [15e9, 1.0e-3, pd.NA]
    assert df["approximate"].tolist() == [True, False, pd.NA]
    assert df["sentence_end"].tolist() == [87, pd.NA, pd.NA]
    assert pd.isna(df.loc[1, "evidence"]) and pd.isna(df.loc[2, "status"])
    assert df.loc[0, "confidence"] == 0.1234567890123456789


def test_frame_ignores_extra_keys():
    df = frame([{"doc_id": "a", "error": "x", "not_a_column": 1}], schema.ERROR_COLUMNS)
    assert list(df.columns) == list(schema.ERROR_COLUMNS)


def test_unknown_currency_extends_categories_instead_of_vanishing():
    df = frame(MENTION_ROWS, schema.MENTION_COLUMNS)
    assert df.loc[1, "currency"] == "XAU"
    assert list(df["currency"].cat.categories) == [*schema.CURRENCIES, "XAU"]
    assert list(df["status"].cat.categories) == list(schema.DEAL_STATUSES)


@pytest.mark.parametrize("column, value", [("type", "takeover"), ("status", "Agreed")])
def test_unknown_type_or_status_is_an_error(column, value):
    with pytest.raises(ValueError, match=f"{column}.*allowed values"):
        frame([{"type": "merger", "status": "agreed", column: value}], schema.MENTION_COLUMNS)


def test_list_column_rejects_a_bare_string_and_accepts_tuples():
    with pytest.raises(TypeError, match="buyers"):
        frame([{"buyers": "Amazon"}], schema.MENTION_COLUMNS)
    df = frame([{"buyers": ("Amazon", "Meta")}, {"buyers": float("nan")}], schema.MENTION_COLUMNS)
    assert df["buyers"].tolist() == [["Amazon", "Meta"], []]


def test_frame_rejects_a_column_without_dtype():
    with pytest.raises(ValueError, match="schema.py"):
        frame([{"colour": "red"}], ("colour",))


def test_tables_repr_items_and_iteration():
    tables = sample_tables()
    assert repr(tables) == "Tables(mentions=3 rows, deals=2 rows, roles=2 rows, errors=2 rows)"
    assert [name for name, _ in tables] == ["mentions", "deals", "roles", "errors"]
    assert dict(tables.items())["roles"] is tables.roles


def test_empty_tables_have_all_columns():
    tables = empty_tables()
    for (name, df), columns in zip(tables.items(), tables_module.TABLE_COLUMNS.values()):
        assert list(df.columns) == list(columns) and len(df) == 0, name


# --- writing and reading back -------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_is_lossless(tmp_path, fmt):
    tables = sample_tables()
    written = write_tables(tables, tmp_path, fmt)
    if fmt == "duckdb":
        expected = ["deals.duckdb", "errors.jsonl"]
    else:
        tables_of_fmt = ("mentions", "deals", "roles") + (("errors",) if fmt != "jsonl" else ())
        expected = [f"{name}.{fmt}" for name in tables_of_fmt] + ["errors.jsonl"]
    assert [path.name for path in written] == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(expected)  # no temp files left
    assert_tables_equal(read_tables(tmp_path), tables)


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_tables_round_trip(tmp_path, fmt):
    write_tables(empty_tables(), tmp_path, fmt)
    assert_tables_equal(read_tables(tmp_path), empty_tables())


def test_rewrite_replaces_previous_output(tmp_path):
    write_tables(sample_tables(), tmp_path, "jsonl")
    write_tables(empty_tables(), tmp_path, "jsonl")
    assert len(read_tables(tmp_path).mentions) == 0


def test_duckdb_tables_answer_sql(tmp_path):
    write_tables(sample_tables(), tmp_path, "duckdb")
    con = duckdb.connect(str(tmp_path / "deals.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM deals").fetchone() == (2,)
        buyers = con.execute("SELECT unnest(buyers) AS b FROM deals ORDER BY b").fetchall()
        assert buyers == [("Amazon",), ("Meta",), ("Meta Platforms",)]
        types = dict(
            con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'mentions'"
            ).fetchall()
        )
        assert types["buyers"] == "VARCHAR[]" and types["amount"] == "DOUBLE"
        assert con.execute("SELECT count(*) FROM errors WHERE stage = 'read'").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM mentions WHERE approximate").fetchone() == (1,)
    finally:
        con.close()


def test_parquet_uses_arrow_lists_and_dictionaries(tmp_path):
    write_tables(sample_tables(), tmp_path, "parquet")
    arrow_schema = pq.read_schema(tmp_path / "mentions.parquet")
    assert arrow_schema.field("buyers").type == pa.list_(pa.string())
    assert pa.types.is_dictionary(arrow_schema.field("currency").type)
    assert arrow_schema.field("sentence_start").type == pa.int64()


def test_csv_writes_lists_as_names_joined_by_semicolons(tmp_path):
    write_tables(sample_tables(), tmp_path, "csv")
    raw = pd.read_csv(tmp_path / "deals.csv", dtype=str, keep_default_na=False)
    assert raw.loc[1, "buyers"] == "Amazon; Meta"
    assert raw.loc[1, "amount"] == ""
    assert b"\r\n" not in (tmp_path / "deals.csv").read_bytes()  # LF line ends


def test_csv_lists_with_semicolons_or_brackets_read_back_as_written(tmp_path):
    tables = sample_tables()
    tables.deals.at[0, "buyers"] = ["Alpha; Beta Holdings", "[Gamma]"]
    tables.deals.at[1, "buyers"] = ["[Delta] Corp"]
    write_tables(tables, tmp_path, "csv")
    assert read_tables(tmp_path).deals["buyers"].tolist()[:2] == [["Alpha; Beta Holdings", "[Gamma]"], ["[Delta] Corp"]]


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "'quoted"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path, cell):
    tables = sample_tables()
    tables.mentions["evidence"] = tables.mentions["evidence"].astype("object")
    tables.mentions.at[0, "evidence"] = cell
    tables.mentions["doc_id"] = tables.mentions["doc_id"].astype("object")
    tables.mentions.at[0, "doc_id"] = cell
    tables.mentions = pipeline.tables.frame(tables.mentions.to_dict("records"), tables.mentions.columns)
    write_tables(tables, tmp_path, "csv")
    raw = pd.read_csv(tmp_path / "mentions.csv", dtype=str, keep_default_na=False)
    assert raw.loc[0, "evidence"] == "'" + cell and raw.loc[0, "doc_id"] == "'" + cell
    assert not any(str(value).startswith(("=", "+", "@")) for value in raw.to_numpy().ravel())
    assert read_tables(tmp_path).mentions.loc[0, "evidence"] == cell  # read back as it was
    assert read_tables(tmp_path).mentions.loc[0, "doc_id"] == cell


def test_csv_negative_numbers_stay_numbers(tmp_path):
    tables = sample_tables()
    tables.mentions["amount"] = tables.mentions["amount"].astype("Float64")
    tables.mentions.at[0, "amount"] = -5.0
    write_tables(tables, tmp_path, "csv")
    raw = pd.read_csv(tmp_path / "mentions.csv", dtype=str, keep_default_na=False)
    assert raw.loc[0, "amount"] == "-5.0"
    assert read_tables(tmp_path).mentions.loc[0, "amount"] == -5.0


def test_jsonl_never_holds_infinity_or_nan(tmp_path):
    tables = sample_tables()
    tables.mentions["amount"] = tables.mentions["amount"].astype("Float64")
    tables.mentions.at[0, "amount"] = float("inf")
    write_tables(tables, tmp_path, "jsonl")
    text = (tmp_path / "mentions.jsonl").read_text(encoding="utf-8")
    assert "Infinity" not in text and "NaN" not in text
    first = json.loads(text.splitlines()[0], parse_constant=lambda name: pytest.fail(name))
    assert first["amount"] is None


def test_jsonl_has_nulls_and_arrays(tmp_path):
    write_tables(sample_tables(), tmp_path, "jsonl")
    lines = (tmp_path / "mentions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    first, last = json.loads(lines[0]), json.loads(lines[2])
    assert first["buyers"] == ["Meta Platforms", "Jane Doe"] and first["sentence_start"] == 0
    assert last["amount"] is None and last["buyers_norm"] == [] and last["approximate"] is None
    assert list(first) == list(schema.MENTION_COLUMNS)


def test_unknown_format_lists_the_formats(tmp_path):
    with pytest.raises(ValueError, match="parquet, csv, jsonl, duckdb"):
        write_tables(sample_tables(), tmp_path, "xlsx")


def test_failed_write_keeps_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "roles.jsonl"
    write_table(sample_tables().roles, path)
    before = path.read_bytes()

    def broken(frames, tmp, columns):
        Path(tmp).write_text("half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(tables_module, "_write_jsonl_frames", broken)
    with pytest.raises(RuntimeError):
        write_table(empty_tables().roles, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["roles.jsonl"]


def test_read_tables_prefers_parquet_and_fills_missing_tables(tmp_path):
    tables = sample_tables()
    write_tables(empty_tables(), tmp_path, "csv")
    write_table(tables.mentions, tmp_path / "mentions.parquet")
    got = read_tables(tmp_path)
    assert_frame_equal(got.mentions, tables.mentions)
    assert_frame_equal(got.deals, empty_tables().deals)  # no deals.parquet -> empty
    assert_frame_equal(got.errors, empty_tables().errors)


def test_read_tables_of_a_folder_without_outputs(tmp_path):
    assert_tables_equal(read_tables(tmp_path), empty_tables())
    with pytest.raises(FileNotFoundError):
        read_tables(tmp_path / "missing")


@pytest.mark.parametrize("ext", ["parquet", "csv", "jsonl"])
def test_read_table_fills_columns_the_file_lacks(tmp_path, ext):
    path = tmp_path / f"roles.{ext}"
    partial = pd.DataFrame({"doc_id": ["a"], "person": ["Ann"], "other": [1]})
    if ext == "parquet":
        partial.to_parquet(path)
    elif ext == "csv":
        partial.to_csv(path, index=False)
    else:
        partial.to_json(path, orient="records", lines=True)
    df = read_table(path, schema.ROLE_COLUMNS)
    assert_frame_equal(df, frame([{"doc_id": "a", "person": "Ann"}], schema.ROLE_COLUMNS))


def test_concat_keeps_dtypes_when_currency_categories_differ():
    first = frame(MENTION_ROWS[:1], schema.MENTION_COLUMNS)  # plain categories
    second = frame(MENTION_ROWS[1:], schema.MENTION_COLUMNS)  # extended with XAU
    assert pd.concat([first, second])["currency"].dtype != "category"  # what pd.concat does
    stacked = tables_module.concat([first, empty_tables().mentions, second], schema.MENTION_COLUMNS)
    assert_frame_equal(stacked, frame(MENTION_ROWS, schema.MENTION_COLUMNS))
    assert_frame_equal(tables_module.concat([], schema.ROLE_COLUMNS), empty_tables().roles)


def test_list_column_treats_pandas_na_as_empty():
    df = frame([{"buyers": pd.NA}], schema.MENTION_COLUMNS)
    assert df.loc[0, "buyers"] == []
