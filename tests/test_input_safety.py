"""Input handling under bad input (pipeline/readers.py), from an audit of the readers:
CSV read strictly enough that a quote left open costs one row, folders read recursively
with every skipped entry reported, and inputs that cannot be read turned into error rows,
never into an exception that stops the run. Small made-up files; no model."""

from __future__ import annotations

import errno
import gzip
import io
import json
import os
import signal
import socket
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import formats
from pipeline.readers import ReadStats, Record, iter_records
from pipeline.schema import ERROR_COLUMNS

posix_only = pytest.mark.skipif(os.name != "posix", reason="symlinks, FIFOs and sockets as on POSIX")


def read(*paths, **options) -> tuple[list[Record], list[dict]]:
    errors: list[dict] = []
    records = list(iter_records(paths, errors=errors, **options))
    for row in errors:
        assert tuple(row) == ERROR_COLUMNS and row["stage"] == "read"
        row["source"].encode("utf-8")  # what the errors table can be written with
    return records, errors


def write_csv(path: Path, text: str, newline: str = "\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def by_source(errors: list[dict]) -> dict[str, str]:
    return {Path(row["source"]).name: row["error"] for row in errors}


@pytest.fixture
def deadline():
    """Fail instead of hanging if something opens a FIFO (it would block for ever)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def timed_out(signum, frame):
        raise TimeoutError("reading blocked: a FIFO or device was opened")

    previous = signal.signal(signal.SIGALRM, timed_out)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- 1. CSV: a quote left open costs its row, not the rest of the file -------------------------


def test_csv_unclosed_quote_among_quoted_rows_is_one_error_row(tmp_path):
    rows = [f'{i},"Article {i}, with a comma.",2025-01-01' for i in range(1, 1001)]
    rows[499] = '500,"Article 500 never closes its quote,2025-01-01'
    path = write_csv(tmp_path / "news.csv", "id,text,date\n" + "\n".join(rows) + "\n")
    records, errors = read(path)
    assert [r.id for r in records] == [str(i) for i in range(1, 1001) if i != 500]
    assert [r.line for r in records[498:500]] == [500, 502]
    (error,) = errors
    assert (error["source"], error["line"], error["doc_id"]) == (str(path), 501, "500")
    assert error["error"].startswith("unclosed quote") and "reading goes on at line 502" in error["error"]


def test_csv_unclosed_quote_running_to_the_end_of_the_file(tmp_path):
    rows = [f"{i},Plain article {i}" for i in range(1, 1001)]
    rows[9] = '10,"Quote opened, never closed'
    path = write_csv(tmp_path / "plain.csv", "id,text\n" + "\n".join(rows) + "\n")
    records, errors = read(path)
    assert [r.id for r in records] == [str(i) for i in range(1, 1001) if i != 10]
    (error,) = errors
    assert error["line"] == 11 and "unclosed quote" in error["error"] and "end of the file" in error["error"]


def test_csv_quote_left_open_on_the_last_line(tmp_path):
    path = tmp_path / "tail.csv"
    path.write_bytes(b'id,text\n1,ok\n2,"open at the very end')
    records, errors = read(path)
    assert [r.id for r in records] == ["1"]
    (error,) = errors
    assert (error["line"], error["doc_id"]) == (3, "2") and error["error"].startswith("unclosed quote")


def test_csv_unclosed_quote_swallowing_complete_rows(tmp_path):
    # the quote opened on line 3 closes only at the end of line 7: strict parsing alone
    # accepts that record, but the lines inside it are rows by themselves
    path = write_csv(
        tmp_path / "rows.csv", 'id,text\n1,ok\n2,"Unclosed\n3,plain\n4,plain\n5,plain\n6,ends with a quote"\n7,ok\n'
    )
    records, errors = read(path)
    assert [(r.id, r.text, r.line) for r in records] == [
        ("1", "ok", 2),
        ("3", "plain", 4),
        ("4", "plain", 5),
        ("5", "plain", 6),
        ("6", 'ends with a quote"', 7),
        ("7", "ok", 8),
    ]
    (error,) = errors
    assert error["line"] == 3 and "swallows lines 4-6" in error["error"]


def test_csv_unclosed_quote_making_a_row_of_the_wrong_width(tmp_path):
    path = write_csv(tmp_path / "rows.csv", 'id,text,date\n1,ok,2025\n2,"Unclosed,2025\n3,x"\n4,ok,2025\n')
    records, errors = read(path)
    assert [r.id for r in records] == ["1", "4"]
    assert [(e["line"], e["doc_id"]) for e in errors] == [(3, "2"), (4, "3")]
    assert "unclosed quote" in errors[0]["error"] and "2 fields (the header has 3)" in errors[0]["error"]
    assert errors[1]["error"] == "row has 2 fields but the header has 3"


def test_csv_record_over_too_many_lines_is_cut_short(tmp_path, monkeypatch):
    # reading a quote left open to its end could hold the rest of a huge file in memory
    monkeypatch.setattr(formats, "CSV_RECORD_MAX_LINES", 5)
    rows = [f"{i},plain {i}" for i in range(1, 21)]
    rows[2] = '3,"Unclosed'
    rows.insert(0, 'ok,"A legit field\nover\nfour\nlines"')
    path = write_csv(tmp_path / "long.csv", "id,text\n" + "\n".join(rows) + "\n")
    records, errors = read(path)
    assert [r.id for r in records] == ["ok"] + [str(i) for i in range(1, 21) if i != 3]
    (error,) = errors
    assert error["line"] == 8 and "runs on for 5 lines (to line 12) without closing" in error["error"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_csv_quoted_fields_over_several_lines_still_read(tmp_path, newline):
    text = (
        "id,title,text,date\n"
        'a,T,"First paragraph, with a comma.\n\nSecond ""quoted"" paragraph,\nwith a line, break",2025-06-12\n'
        'b,,"One, two\nthree, four\nfive, six",2025\n'
        'c,,"He said ""yes""\n""and left""",2025\n'
        "d,,plain,2025\n"
    )
    path = write_csv(tmp_path / "articles.csv", text, newline)
    records, errors = read(path)
    assert errors == []
    nl = newline
    assert [(r.id, r.text, r.line) for r in records] == [
        ("a", f'T\n\nFirst paragraph, with a comma.{nl}{nl}Second "quoted" paragraph,{nl}with a line, break', 2),
        ("b", f"One, two{nl}three, four{nl}five, six", 6),
        ("c", f'He said "yes"{nl}"and left"', 9),
        ("d", "plain", 11),
    ]


def test_csv_two_column_article_with_paragraphs_is_credible(tmp_path):
    # lines of text with exactly one comma look like "id,text" rows, but a blank line
    # between paragraphs never does
    path = write_csv(tmp_path / "two.csv", 'id,text\nx,"Paris, France\n\nLondon, UK\nBerlin, Germany"\ny,ok\n')
    records, errors = read(path)
    assert errors == [] and [(r.id, r.line) for r in records] == [("x", 2), ("y", 6)]
    assert records[0].text == "Paris, France\n\nLondon, UK\nBerlin, Germany"


def test_csv_stray_quotes_on_one_line_are_read_as_before(tmp_path):
    path = write_csv(tmp_path / "stray.csv", 'id,text\n1,"Big" deal\n2,He said "no" twice\n')
    records, errors = read(path)
    assert errors == [] and [r.text for r in records] == ["Big deal", 'He said "no" twice']


def test_csv_row_with_too_few_fields(tmp_path):
    path = write_csv(tmp_path / "short.csv", "id,text,date\na,ok,2025\nb,short\nc,ok,2025\n")
    records, errors = read(path)
    assert [r.id for r in records] == ["a", "c"]
    (error,) = errors
    assert (error["doc_id"], error["line"], error["error"]) == ("b", 3, "row has 2 fields but the header has 3")


def test_csv_header_with_a_quote_never_closed(tmp_path):
    path = write_csv(tmp_path / "header.csv", '"id,text\n1,a\n2,b\n')
    records, errors = read(path)
    (error,) = errors
    assert records == [] and error["line"] == 1 and "malformed CSV header" in error["error"]


# --- 2. folders: every supported file, recursively; every skipped entry reported --------------


def make_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "b.txt").write_text("text b", encoding="utf-8")
    (folder / "a.txt").write_text("text a", encoding="utf-8")
    (folder / "feed.jsonl").write_text('{"id": "j1", "text": "json"}\n{"text": "no id"}\n', encoding="utf-8")
    (folder / "feed.ndjson").write_text('{"id": "n1", "text": "ndjson"}\n', encoding="utf-8")
    (folder / "gz.jsonl.gz").write_bytes(gzip.compress(b'{"id": "g1", "text": "gzipped"}\n'))
    write_csv(folder / "rows.csv", "id,text\nc1,csv\n")
    pq.write_table(pa.table({"id": ["p1"], "text": ["parquet"]}), folder / "table.parquet")
    (folder / "2024" / "06").mkdir(parents=True)
    (folder / "2024" / "z.txt").write_text("text z", encoding="utf-8")
    (folder / "2024" / "06" / "a.txt").write_text("text 2024/06/a", encoding="utf-8")
    (folder / "2024" / "feed.jsonl").write_text('{"text": "sub-folder, no id"}\n', encoding="utf-8")
    return folder


def test_folder_reads_every_supported_file_recursively_in_sorted_order(tmp_path):
    folder = make_corpus(tmp_path / "data")
    records, errors = read(folder)
    assert errors == []
    assert [r.id for r in records] == [
        "2024/06/a",
        "2024/feed:1",
        "2024/z",
        "a",
        "b",
        "j1",
        "feed:2",
        "n1",
        "g1",
        "c1",
        "p1",
    ]
    assert records[0] == Record(id="2024/06/a", text="text 2024/06/a", source=str(folder / "2024" / "06" / "a.txt"))
    assert records == read(folder)[0]  # deterministic


@posix_only
def test_folder_reports_every_entry_it_skips(tmp_path, deadline):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "good.txt").write_text("read me", encoding="utf-8")
    (folder / "notes.md").write_text("x", encoding="utf-8")
    (folder / "README").write_text("x", encoding="utf-8")
    os.mkfifo(folder / "pipe.jsonl")  # opening it would block: it must not be opened
    os.symlink("missing.txt", folder / "broken.txt")
    os.symlink("self.txt", folder / "self.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.txt").write_text("deep", encoding="utf-8")
    os.symlink("..", folder / "sub" / "up")
    os.symlink(".", folder / "here")
    records, errors = read(folder)
    assert [r.id for r in records] == ["good", "sub/deep"]
    reasons = by_source(errors)
    assert set(reasons) == {"notes.md", "README", "pipe.jsonl", "broken.txt", "self.txt", "up", "here"}
    assert "unsupported input format '.md'" in reasons["notes.md"]
    assert "'(no extension)'" in reasons["README"]
    assert reasons["pipe.jsonl"] == "not a regular file (a FIFO); not read"
    assert reasons["broken.txt"] == "broken symlink: its target missing.txt does not exist"
    assert reasons["self.txt"].startswith("symlink loop")
    assert reasons["up"].startswith("symlink loop") and reasons["here"].startswith("symlink loop")
    assert all(row["line"] is None and row["doc_id"] is None for row in errors)


@posix_only
def test_socket_in_a_folder_is_not_opened(tmp_path, deadline):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "a.txt").write_text("ok", encoding="utf-8")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "feed.jsonl"))
    except OSError:  # path too long for a socket address
        pytest.skip("cannot make a socket here")
    try:
        records, errors = read(folder)
    finally:
        server.close()
    assert [r.id for r in records] == ["a"]
    assert by_source(errors) == {"feed.jsonl": "not a regular file (a socket); not read"}


@posix_only
def test_symlinks_inside_the_folder_are_read_once_and_outside_ones_are_read(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.txt").write_text("outside x", encoding="utf-8")
    folder = tmp_path / "data"
    (folder / "real").mkdir(parents=True)
    (folder / "real" / "r.txt").write_text("r", encoding="utf-8")
    os.symlink(outside, folder / "ext")
    os.symlink(outside, folder / "ext2")
    os.symlink("real", folder / "alias")
    os.symlink("real/r.txt", folder / "latest.txt")
    records, errors = read(folder)
    assert [r.id for r in records] == ["ext/x", "real/r"]
    reasons = by_source(errors)
    assert set(reasons) == {"alias", "ext2", "latest.txt"}
    assert "a folder in this folder: read there, not twice" in reasons["alias"]
    assert reasons["ext2"] == f"folder already read as {folder / 'ext'}; not read twice"
    assert "a file in this folder: read there, not twice" in reasons["latest.txt"]


def test_subfolder_that_cannot_be_listed_and_entry_that_cannot_be_looked_at(tmp_path, monkeypatch):
    folder = make_corpus(tmp_path / "data")
    (folder / "locked").mkdir()
    (folder / "locked" / "hidden.txt").write_text("x", encoding="utf-8")
    real_iterdir, real_stat = Path.iterdir, Path.stat

    def iterdir(self):
        if self.name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_iterdir(self)

    def stat(self, *args, **kwargs):
        if self.name == "b.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    monkeypatch.setattr(Path, "stat", stat)
    records, errors = read(folder)
    assert "b" not in [r.id for r in records] and "a" in [r.id for r in records]
    assert by_source(errors) == {
        "locked": "cannot list folder: Permission denied",
        "b.txt": "cannot access: Permission denied",
    }


def test_named_folder_that_cannot_be_listed_is_one_error_row(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    real_iterdir = Path.iterdir

    def iterdir(self):
        if self.name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    records, errors = read(tmp_path / "locked")
    assert records == [] and errors == [
        {
            "doc_id": None,
            "source": str(tmp_path / "locked"),
            "line": None,
            "stage": "read",
            "error": "cannot list folder: Permission denied",
        }
    ]


def test_excluded_output_folder_is_not_read(tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "out" / ".parts").mkdir(parents=True)
    (data / "a.txt").write_text("input", encoding="utf-8")
    (data / "out" / "errors.jsonl").write_text('{"doc_id": null, "error": "x"}\n', encoding="utf-8")
    (data / "out" / ".parts" / "mentions-000001.parquet").write_bytes(b"PAR1")
    if os.name == "posix":
        os.symlink("out/errors.jsonl", data / "old-errors.jsonl")  # leads into the excluded folder
    monkeypatch.chdir(tmp_path)
    records, errors = read(data, exclude=["data/out"])  # relative or absolute, either works
    assert [r.id for r in records] == ["a"] and errors == []
    records, errors = read(data / "out" / "errors.jsonl", exclude=[data / "out"])
    assert records == [] and "excluded" in errors[0]["error"]


def test_empty_folder_is_one_error_row(tmp_path):
    (tmp_path / "empty").mkdir()
    records, errors = read(tmp_path / "empty")
    (error,) = errors
    assert records == [] and error["source"] == str(tmp_path / "empty")
    assert error["error"].startswith("folder has no supported input files")


@posix_only
def test_file_names_that_are_not_utf8(tmp_path):
    folder = os.fsencode(tmp_path / "names")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"Cafe text")
    with open(os.path.join(folder, b"r\xe9sum\xe9.md"), "wb") as handle:
        handle.write(b"x")
    records, errors = read(tmp_path / "names")
    assert [(r.id, Path(r.source).name) for r in records] == [("café", "café.txt")]
    assert by_source(errors).keys() == {"résumé.md"}


# --- 3. inputs that cannot be read are error rows, never exceptions -------------------------------


@pytest.mark.parametrize("method", ["stat", "is_dir", "exists"])
def test_named_input_whose_path_cannot_be_looked_at(tmp_path, monkeypatch, method):
    locked = tmp_path / "locked" / "news.jsonl"  # as if inside a folder we may not enter
    locked.parent.mkdir()
    locked.write_text('{"id": "x", "text": "secret"}\n', encoding="utf-8")
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "a", "text": "ok"}\n', encoding="utf-8")
    real = getattr(Path, method)

    def refuse(self, *args, **kwargs):
        if "locked" in self.parts:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, method, refuse)
    records, errors = read(locked, good)
    assert [r.id for r in records] == (["a"] if method == "stat" else ["x", "a"])
    if method == "stat":
        assert errors == [
            {
                "doc_id": None,
                "source": str(locked),
                "line": None,
                "stage": "read",
                "error": "cannot access: Permission denied",
            }
        ]
    else:
        assert errors == []


@pytest.mark.parametrize("name", ["missing", "missing.xml", "missing.csv", "gone/missing.parquet"])
def test_named_input_that_does_not_exist(tmp_path, name):
    records, errors = read(tmp_path / name)
    assert records == [] and errors == [
        {"doc_id": None, "source": str(tmp_path / name), "line": None, "stage": "read", "error": "file not found"}
    ]


@posix_only
def test_named_broken_symlink_and_device(tmp_path):
    os.symlink("nowhere.jsonl", tmp_path / "broken.jsonl")
    os.symlink(os.devnull, tmp_path / "device.txt")
    records, errors = read(tmp_path / "broken.jsonl", tmp_path / "device.txt")
    assert records == []
    assert [e["error"] for e in errors] == [
        "broken symlink: its target nowhere.jsonl does not exist",
        "not a regular file (a character device); not read",
    ]


@pytest.mark.parametrize(
    "failure",
    [
        PermissionError(errno.EACCES, "Permission denied"),
        IsADirectoryError(errno.EISDIR, "Is a directory"),
        OSError(errno.EIO, "Input/output error"),
    ],
)
def test_files_that_fail_to_open_or_to_read(tmp_path, monkeypatch, failure):
    (tmp_path / "a.txt").write_text("ok", encoding="utf-8")
    (tmp_path / "b.txt").write_text("ok", encoding="utf-8")
    write_csv(tmp_path / "c.csv", "id,text\nc1,ok\nc2,ok\n")
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self.name == "b.txt":
            raise failure
        return real_read_bytes(self)

    def failing_open(path, mode="r", *args, **kwargs):  # the CSV breaks after its first row
        data = io.BytesIO(Path(path).read_bytes())
        lines = [data.readline(), data.readline()]

        class Handle(io.BytesIO):
            def __iter__(self):
                yield from lines
                raise failure

        return Handle()

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(formats, "open", failing_open, raising=False)
    records, errors = read(*(tmp_path / name for name in ("a.txt", "b.txt", "c.csv")))
    assert [r.id for r in records] == ["a", "c1"]
    assert [(Path(e["source"]).name, e["error"]) for e in errors] == [
        ("b.txt", f"cannot read file: {failure.strerror}"),
        ("c.csv", f"cannot read file after 1 record(s): {failure.strerror}"),
    ]


def test_json_line_nested_too_deeply(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "\n" + json.dumps({"id": "b", "text": "ok"}) + "\n", encoding="utf-8")
    records, errors = read(path)
    assert [r.id for r in records] == ["b"]
    assert (errors[0]["line"], errors[0]["error"]) == (1, "malformed JSON: nested too deeply to read")


def test_read_stats_count_records_files_and_errors(tmp_path):
    folder = make_corpus(tmp_path / "data")
    stats = ReadStats()
    stream = iter_records([folder, tmp_path / "missing.jsonl"], errors=[], stats=stats)
    next(stream)
    assert stats.records == 1  # counted as they are read
    records = [next(stream), *stream]
    assert stats == ReadStats(records=1 + len(records), files=10, errors=1)


def test_read_stats_when_nothing_could_be_read(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "blank.jsonl").write_text("\n", encoding="utf-8")
    stats = ReadStats()
    errors: list[dict] = []
    assert (
        list(
            iter_records(
                [tmp_path / "missing.csv", tmp_path / "empty", tmp_path / "blank.jsonl"], errors=errors, stats=stats
            )
        )
        == []
    )
    assert stats == ReadStats(records=0, files=1, errors=3) and len(errors) == 3
