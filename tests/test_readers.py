"""Inputs -> records, with one errors row per bad input (pipeline/readers.py)."""

from __future__ import annotations

import gzip
import json
import os
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import formats
from pipeline.dates import normalise_date
from pipeline.readers import Record, decode_bytes, iter_records
from pipeline.schema import ERROR_COLUMNS


def read(*paths, **options) -> tuple[list[Record], list[dict]]:
    errors: list[dict] = []
    records = list(iter_records(paths, errors=errors, **options))
    for row in errors:
        assert tuple(row) == ERROR_COLUMNS and row["stage"] == "read"
    return records, errors


def write_jsonl(path: Path, lines: list) -> Path:
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def only_error(errors: list[dict]) -> dict:
    assert len(errors) == 1, errors
    return errors[0]


# --- formats -------------------------------------------------------------------------------


def test_txt_folder_sorted_ids_from_file_names(tmp_path):
    (tmp_path / "b.txt").write_text("Second text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First text.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    records, errors = read(tmp_path)
    error = only_error(errors)  # a file of another format is skipped, and reported
    assert error["source"] == str(tmp_path / "notes.md") and "unsupported input format '.md'" in error["error"]
    assert records == [
        Record(id="a", text="First text.", source=str(tmp_path / "a.txt")),
        Record(id="b", text="Second text.", source=str(tmp_path / "b.txt")),
    ]


def test_single_txt_file_and_str_paths(tmp_path):
    path = tmp_path / "004_1776f951.txt"
    path.write_text("\ufeffMeta invests in Scale AI.\n", encoding="utf-8")
    records, errors = read(str(path))
    assert errors == []
    assert [(r.id, r.text, r.line) for r in records] == [("004_1776f951", "Meta invests in Scale AI.\n", None)]


def test_jsonl_with_title_and_date(tmp_path):
    path = write_jsonl(
        tmp_path / "news.jsonl",
        [
            {"id": "n1", "title": "Meta buys stake", "text": "Meta Platforms said ...", "date": "2025-06-12"},
            {"id": "n2", "text": "No title here.", "title": None, "date": None, "extra": 1},
            {"id": 17, "text": "Numeric id.", "title": "  "},
        ],
    )
    records, errors = read(path)
    assert errors == []
    assert records[0] == Record(
        id="n1", text="Meta buys stake\n\nMeta Platforms said ...", date="2025-06-12", source=str(path), line=1
    )
    assert (records[1].text, records[1].date) == ("No title here.", None)
    assert (records[2].id, records[2].text) == ("17", "Numeric id.")


@pytest.mark.parametrize("name", ["news.jsonl.gz", "news.ndjson", "news.NDJSON.gz"])
def test_jsonl_variants(tmp_path, name):
    data = b'{"id": "a", "text": "one"}\n\n{"id": "b", "text": "two"}\n'
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.lower().endswith(".gz") else data)
    records, errors = read(path)
    assert errors == []
    assert [(r.id, r.text, r.line) for r in records] == [("a", "one", 1), ("b", "two", 3)]


def test_missing_id_gets_stem_and_line_and_duplicates_are_kept(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl.gz", [])
    path.write_bytes(
        gzip.compress(b'{"text": "a"}\n{"id": "", "text": "b"}\n{"id": "x", "text": "c"}\n{"id": "x", "text": "d"}\n')
    )
    records, errors = read(path)
    assert errors == []
    assert [r.id for r in records] == ["feed:1", "feed:2", "x", "x"]


def test_csv_with_renamed_columns_multiline_text_and_line_numbers(tmp_path):
    path = tmp_path / "wire.csv"
    path.write_text(
        "doc,headline,body,published\n"
        'r1,Deal,"Line one,\nline two",26-FEB-1987 15:01:11.79\n'
        "r2,,Plain body,2025-06-12\n"
        ",,No id,\n",
        encoding="utf-8",
    )
    records, errors = read(path, id_col="doc", text_col="body", title_col="headline", date_col="published")
    assert errors == []
    assert records[0] == Record(
        id="r1", text="Deal\n\nLine one,\nline two", date="1987-02-26T15:01:11.790000", source=str(path), line=2
    )
    assert (records[1].id, records[1].text, records[1].date, records[1].line) == ("r2", "Plain body", "2025-06-12", 4)
    assert (records[2].id, records[2].date) == ("wire:5", None)


def test_csv_with_bom_in_header(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffid,text\r\ne1,From Excel\r\n".encode())
    records, errors = read(path)
    assert errors == [] and [(r.id, r.text) for r in records] == [("e1", "From Excel")]


def test_parquet_with_renamed_columns_dates_and_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(formats, "PARQUET_BATCH_ROWS", 2)
    path = tmp_path / "corpus.parquet"
    table = pa.table(
        {
            "key": pa.array([1, 2, None], pa.int64()),
            "body": ["alpha", "beta", "gamma"],
            "headline": ["Title", None, "T3"],
            "when": pa.array([date(2025, 6, 12), None, date(1987, 2, 26)], pa.date32()),
        }
    )
    pq.write_table(table, path)
    records, errors = read(path, id_col="key", text_col="body", title_col="headline", date_col="when")
    assert errors == []
    assert [(r.id, r.text, r.date, r.line) for r in records] == [
        ("1", "Title\n\nalpha", "2025-06-12", 1),
        ("2", "beta", None, 2),
        ("corpus:3", "T3\n\ngamma", "1987-02-26", 3),
    ]


def test_parquet_timestamps_from_pandas(tmp_path):
    path = tmp_path / "frame.parquet"
    pd.DataFrame(
        {
            "id": ["a", "b"],
            "text": ["x", "y"],
            "date": pd.to_datetime(["2025-06-12", "2025-06-12 10:30"], format="ISO8601"),
        }
    ).to_parquet(path)
    records, errors = read(path)
    assert errors == [] and [r.date for r in records] == ["2025-06-12", "2025-06-12T10:30:00"]


def test_records_are_read_lazily(tmp_path):
    path = write_jsonl(tmp_path / "big.jsonl", [{"id": "a", "text": "first"}, "{broken", {"id": "c", "text": "x"}])
    errors: list[dict] = []
    stream = iter_records([path], errors=errors)
    assert next(stream).id == "a"
    assert errors == []  # the malformed line 2 is not read yet
    assert [r.id for r in stream] == ["c"] and len(errors) == 1


def test_several_paths_in_order(tmp_path):
    first = write_jsonl(tmp_path / "1.jsonl", [{"id": "j", "text": "json"}])
    (tmp_path / "t.txt").write_text("text", encoding="utf-8")
    records, errors = read(tmp_path / "t.txt", first)
    assert errors == [] and [r.id for r in records] == ["t", "j"]


@pytest.mark.parametrize(
    "value, expected",
    [
        (date(2025, 6, 12), "2025-06-12"),
        (datetime(2025, 6, 12), "2025-06-12"),
        (datetime(2025, 6, 12, 9, 5), "2025-06-12T09:05:00"),
        (datetime(2025, 6, 12, tzinfo=timezone.utc), "2025-06-12T00:00:00+00:00"),
        (pd.Timestamp("2025-06-12"), "2025-06-12"),
        ("2025-06-12", "2025-06-12"),
        (" 2025-06 ", "2025-06"),
        ("2025", "2025"),
        (2025, "2025"),
        ("2025-06-12T10:30:00Z", "2025-06-12T10:30:00+00:00"),
        ("26-FEB-1987 15:01:11.79", "1987-02-26T15:01:11.790000"),
        ("June 12, 2025", "2025-06-12"),
        ("June 2025", "2025-06"),
        ("", None),
        (None, None),
        (float("nan"), None),
        ("next Tuesday-ish", None),
    ],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


# --- bad input: one errors row each, good rows still read -------------------------------------


def test_missing_file(tmp_path):
    good = write_jsonl(tmp_path / "good.jsonl", [{"id": "a", "text": "ok"}])
    records, errors = read(tmp_path / "nope.jsonl", good)
    assert [r.id for r in records] == ["a"]
    assert only_error(errors) == {
        "doc_id": None,
        "source": str(tmp_path / "nope.jsonl"),
        "line": None,
        "stage": "read",
        "error": "file not found",
    }


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_by_permission(tmp_path):
    path = write_jsonl(tmp_path / "locked.jsonl", [{"id": "a", "text": "ok"}])
    path.chmod(0)
    try:
        records, errors = read(path)
    finally:
        path.chmod(0o644)
    assert records == [] and "Permission denied" in only_error(errors)["error"]


def test_unreadable_file_in_a_folder(tmp_path, monkeypatch):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(f"text {name}", encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    records, errors = read(tmp_path)
    assert [r.id for r in records] == ["a", "c"]
    error = only_error(errors)
    assert (error["source"], error["error"]) == (str(tmp_path / "b.txt"), "cannot read file: Permission denied")


def test_folder_without_input_files(tmp_path):
    (tmp_path / "readme.md").write_text("x", encoding="utf-8")
    records, errors = read(tmp_path)
    assert records == [] and [error["source"] for error in errors] == [str(tmp_path / "readme.md"), str(tmp_path)]
    assert "no supported input files" in errors[1]["error"]


def test_malformed_json_line(tmp_path):
    path = write_jsonl(
        tmp_path / "news.jsonl", [{"id": "a", "text": "ok"}, '{"id": "b", "text": ', {"id": "c", "text": "ok"}]
    )
    records, errors = read(path)
    assert [r.id for r in records] == ["a", "c"]
    error = only_error(errors)
    assert (error["source"], error["line"], error["doc_id"]) == (str(path), 2, None)
    assert error["error"].startswith("malformed JSON")


@pytest.mark.parametrize(
    "line, kind", [("[1, 2]", "an array"), ('"just text"', "a string"), ("null", "null"), ("42", "a number")]
)
def test_json_line_that_is_not_an_object(tmp_path, line, kind):
    path = write_jsonl(tmp_path / "news.jsonl", [line, {"id": "b", "text": "ok"}])
    records, errors = read(path)
    assert [r.id for r in records] == ["b"]
    error = only_error(errors)
    assert error["line"] == 1 and error["error"] == f"JSON line is {kind}, expected an object with 'id' and 'text'"


@pytest.mark.parametrize(
    "row, reason",
    [
        ({"id": "x"}, "no 'text' field in this row"),
        ({"id": "x", "text": None}, "text is missing (null)"),
        ({"id": "x", "text": ""}, "text is empty"),
        ({"id": "x", "text": " \n\t"}, "text is empty"),
        ({"id": "x", "text": 5}, "text is int, expected a string"),
        ({"id": "x", "text": ["a", "b"]}, "text is list, expected a string"),
    ],
)
def test_json_row_without_usable_text(tmp_path, row, reason):
    path = write_jsonl(tmp_path / "news.jsonl", [{"id": "a", "text": "ok"}, row, {"id": "c", "text": "ok"}])
    records, errors = read(path)
    assert [r.id for r in records] == ["a", "c"]
    assert only_error(errors) == {"doc_id": "x", "source": str(path), "line": 2, "stage": "read", "error": reason}


def test_csv_row_with_empty_text(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("id,text\na,ok\nb,\nc,ok\n", encoding="utf-8")
    records, errors = read(path)
    assert [r.id for r in records] == ["a", "c"]
    assert only_error(errors) == {
        "doc_id": "b",
        "source": str(path),
        "line": 3,
        "stage": "read",
        "error": "text is empty",
    }


def test_csv_row_with_too_many_fields(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("id,text\na,ok\nb,split, by comma\nc,ok\n", encoding="utf-8")
    records, errors = read(path)
    assert [r.id for r in records] == ["a", "c"]
    error = only_error(errors)
    assert (error["doc_id"], error["line"]) == ("b", 3) and "3 fields but the header has 2" in error["error"]


def test_csv_without_the_text_column(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("id,body\na,ok\n", encoding="utf-8")
    records, errors = read(path)
    error = only_error(errors)
    assert records == [] and "no 'text' column (the header has id, body)" in error["error"]


def test_parquet_row_with_null_text(tmp_path):
    path = tmp_path / "rows.parquet"
    pq.write_table(pa.table({"id": ["a", "b", "c"], "text": ["ok", None, "ok"]}), path)
    records, errors = read(path)
    assert [r.id for r in records] == ["a", "c"]
    assert only_error(errors) == {
        "doc_id": "b",
        "source": str(path),
        "line": 2,
        "stage": "read",
        "error": "text is missing (null)",
    }


def test_corrupt_parquet_file(tmp_path):
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"this is not parquet")
    records, errors = read(path)
    assert records == [] and only_error(errors)["error"].startswith("cannot read file")


def test_truncated_gzip_keeps_the_records_before_the_damage(tmp_path):
    lines = b"".join(b'{"id": "%d", "text": "document %d"}\n' % (i, i) for i in range(2000))
    data = gzip.compress(lines)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    records, errors = read(path)
    assert 0 < len(records) < 2000
    assert [r.id for r in records] == [str(i) for i in range(len(records))]
    assert only_error(errors)["error"].startswith(f"cannot read file after {len(records)} record(s)")


def test_empty_txt_file_is_an_empty_document(tmp_path):
    (tmp_path / "a.txt").write_text("ok", encoding="utf-8")
    (tmp_path / "blank.txt").write_text("  \n", encoding="utf-8")
    records, errors = read(tmp_path)
    assert [r.id for r in records] == ["a"]
    assert only_error(errors) == {
        "doc_id": "blank",
        "source": str(tmp_path / "blank.txt"),
        "line": None,
        "stage": "read",
        "error": "empty document",
    }


@pytest.mark.parametrize(
    "name, content", [("e.jsonl", b""), ("e.jsonl", b"\n\n"), ("e.csv", b""), ("e.csv", b"id,text\n")]
)
def test_file_without_documents(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    records, errors = read(path)
    assert records == [] and only_error(errors)["error"] == "empty file: no documents in it"


def test_empty_parquet_file(tmp_path):
    path = tmp_path / "e.parquet"
    pq.write_table(pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())}), path)
    records, errors = read(path)
    assert records == [] and only_error(errors)["error"] == "empty file: no documents in it"


def test_unknown_extension_names_file_and_formats(tmp_path):
    path = tmp_path / "news.xml"
    path.write_text("<doc/>", encoding="utf-8")
    records, errors = read(path)
    error = only_error(errors)
    assert records == [] and error["source"] == str(path)
    assert "'.xml'" in error["error"] and ".jsonl.gz" in error["error"] and ".parquet" in error["error"]


# --- bytes that are not UTF-8 are decoded, not dropped --------------------------------------------


def test_cp1252_bytes_in_jsonl_line_are_processed(tmp_path, caplog):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xc3\xa9 \x93quoted\x94"}\n{"id": "b", "text": "ok"}\n')
    records, errors = read(path)
    assert errors == []
    assert [r.text for r in records] == ["café “quoted”", "ok"]
    assert "line 1" in caplog.text and "cp1252" in caplog.text


def test_cp1252_txt_and_csv_are_processed(tmp_path):
    (tmp_path / "win.txt").write_bytes("Soci\u00e9t\u00e9 G\u00e9n\u00e9rale \u2013 \u20ac5 bln".encode("cp1252"))
    csv_path = tmp_path / "win.csv"
    csv_path.write_bytes("id,text\nw,Nestl\u00e9 buys \u2018X\u2019\n".encode("cp1252"))
    records, errors = read(tmp_path / "win.txt", csv_path)
    assert errors == []
    assert [r.text for r in records] == ["Société Générale – €5 bln", "Nestlé buys ‘X’"]


@pytest.mark.parametrize(
    "data, text, replaced",
    [
        (b"plain", "plain", False),
        ("caf\u00e9".encode(), "café", False),
        (b"caf\xe9", "café", True),
        (b"\xc3\xa9 and \xe9 and \x81", "é and é and \x81", True),  # 0x81: undefined in cp1252 -> Latin-1
        (b"\xe2\x82", "â‚", True),  # truncated UTF-8 sequence at the end
    ],
)
def test_decode_bytes(data, text, replaced):
    assert decode_bytes(data) == (text, replaced)


def test_errors_are_logged_when_no_list_is_given(tmp_path, caplog):
    records = list(iter_records([tmp_path / "missing.txt"]))
    assert records == [] and "missing.txt: file not found" in caplog.text
