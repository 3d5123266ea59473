"""What a run may do to OUTDIR (pipeline/outdir.py, pipeline/run.py, pipeline/cli.py):
never touch files it did not write or its inputs, one run at a time, publish the final
tables as a whole, clean up after crashes, retry lost documents on --resume, exit codes."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pandas.testing as pdt
import pytest
from typer.testing import CliRunner

from pipeline import outdir as outdir_module
from pipeline import run as run_module
from pipeline.cli import app
from pipeline.outdir import Outdir, OutdirError, recover
from pipeline.readback import read_tables
from pipeline.run import run_extract
from pipeline.workers import WORKER_DIED

DEAL = "Acme Robotics Corp agreed to acquire Widget Labs Inc for $40 million in cash."
OTHER = "Huijbrechts Holdings took a 15% stake in Coral Networks Ltd for $7 million."
runner = CliRunner()


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "text": DEAL, "date": "2024-01-02"},
            {"id": "b", "text": OTHER, "date": "2024-01-03"},
            {"id": "c", "text": "The weather was fine."},
            {"id": "d", "text": ""},
        ],
    )


def assert_same_tables(got, expected) -> None:
    for name, frame in expected.items():
        pdt.assert_frame_equal(getattr(got, name), frame, obj=name)


# --- files that are not ours ------------------------------------------------------------


def test_an_input_named_like_an_output_table_is_never_deleted(nlp, tmp_path, monkeypatch):
    """`spacy-deals extract deals.jsonl -o .` used to delete its own input."""
    monkeypatch.chdir(tmp_path)
    source = write_jsonl(tmp_path / "deals.jsonl", [{"id": "a", "text": DEAL}])
    before = source.read_bytes()
    run_extract([Path("deals.jsonl")], Path("."), nlp=nlp)
    assert source.read_bytes() == before
    assert (tmp_path / "deals.parquet").is_file()
    assert len(read_tables(tmp_path).mentions) == 1  # the parquet tables, not the input
    with pytest.raises(OutdirError, match="deals.jsonl is an input of this run"):
        run_extract([Path("deals.jsonl")], Path("."), nlp=nlp, fmt="jsonl")
    assert source.read_bytes() == before


def test_a_file_that_is_not_ours_is_never_replaced(nlp, tmp_path, corpus):
    out = tmp_path / "out"
    out.mkdir()
    theirs = out / "mentions.csv"
    theirs.write_text("their,own\n1,2\n", encoding="utf-8")
    with pytest.raises(OutdirError, match="mentions.csv was not written by spacy-deals"):
        run_extract([corpus], out, nlp=nlp, fmt="csv")
    assert theirs.read_text(encoding="utf-8") == "their,own\n1,2\n"
    assert not (out / "deals.csv").exists()
    run_extract([corpus], out, nlp=nlp, fmt="parquet")  # other names: allowed, theirs left alone
    assert theirs.read_text(encoding="utf-8") == "their,own\n1,2\n"
    run_extract([corpus], out, nlp=nlp, fmt="jsonl")  # our parquet files go, theirs stays
    assert not (out / "mentions.parquet").exists() and theirs.exists()
    assert len(read_tables(out).mentions) == 2  # read in the format run.json names


def test_our_file_changed_by_someone_else_is_no_longer_ours(nlp, tmp_path, corpus):
    out = tmp_path / "out"
    run_extract([corpus], out, nlp=nlp, fmt="csv")
    with open(out / "roles.csv", "a", encoding="utf-8") as handle:
        handle.write("my,notes\n")
    with pytest.raises(OutdirError, match="roles.csv was not written by spacy-deals"):
        run_extract([corpus], out, nlp=nlp, fmt="csv")


def test_a_parts_folder_that_is_not_ours_is_left_alone(nlp, tmp_path, corpus):
    out = tmp_path / "out"
    (out / ".parts").mkdir(parents=True)
    (out / ".parts" / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(OutdirError, match=".parts/ was not made by spacy-deals"):
        run_extract([corpus], out, nlp=nlp)
    assert (out / ".parts" / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_an_output_folder_inside_the_input_folder_is_not_read_as_input(nlp, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_text(DEAL, encoding="utf-8")
    run_extract([data], data / "out", nlp=nlp, fmt="jsonl")
    info = run_extract([data], data / "out", nlp=nlp, fmt="jsonl")
    assert info["counts"]["documents"] == 1
    assert info["counts"]["errors"] == 0


# --- one run at a time ------------------------------------------------------------------


def test_a_second_run_on_the_same_folder_is_refused(nlp, tmp_path, corpus):
    out = tmp_path / "out"
    with Outdir(out).locked():  # another run holds the folder
        with pytest.raises(OutdirError, match="being written by another spacy-deals run .pid"):
            run_extract([corpus], out, nlp=nlp)
    assert not (out / "mentions.parquet").exists()
    run_extract([corpus], out, nlp=nlp)  # free again once the first ends
    assert (out / "mentions.parquet").exists()


def test_the_command_line_refuses_a_locked_folder_with_exit_code_2(tmp_path, corpus):
    out = tmp_path / "out"
    with Outdir(out).locked():
        result = runner.invoke(app, ["extract", str(corpus), "-o", str(out)])
    assert result.exit_code == 2
    assert "being written by another spacy-deals run" in result.output


# --- publishing as a whole, crashes ------------------------------------------------------


def test_a_full_disk_while_writing_the_final_tables_leaves_the_earlier_ones(nlp, tmp_path, corpus, monkeypatch):
    out = tmp_path / "out"
    run_extract([corpus], out, nlp=nlp)
    earlier = read_tables(out)
    earlier_run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    bigger = write_jsonl(tmp_path / "more.jsonl", [{"id": "e", "text": OTHER.replace("Coral", "Harbor")}])
    real = run_module.write_tables

    def full_disk(tables, folder, fmt):
        real({"mentions": tables["mentions"]}, folder, fmt)
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(run_module, "write_tables", full_disk)
        with pytest.raises(OSError, match="No space left"):
            run_extract([corpus, bigger], out, nlp=nlp)
    assert_same_tables(read_tables(out), earlier)  # no new mentions beside old deals
    assert json.loads((out / "run.json").read_text(encoding="utf-8")) == earlier_run
    assert not list((out / ".state").glob("staging-*")) and not list(out.glob(".*.tmp"))
    run_extract([corpus, bigger], out, nlp=nlp, resume=True)  # the rows were kept
    fresh = tmp_path / "fresh"
    run_extract([corpus, bigger], fresh, nlp=nlp)
    assert_same_tables(read_tables(out), read_tables(fresh))


def test_a_crash_while_publishing_is_completed_by_the_next_run(nlp, tmp_path, corpus, monkeypatch):
    out = tmp_path / "out"
    run_extract([write_jsonl(tmp_path / "old.jsonl", [{"id": "z", "text": OTHER}])], out, nlp=nlp)
    calls = []
    real = os.replace

    def crash_after_two(source, target):
        if "staging-" in Path(source).parent.name and Path(target).parent == out:  # a final file moved into place
            calls.append(target)
            if len(calls) > 2:
                raise KeyboardInterrupt  # the process stopped mid-way
        real(source, target)

    with monkeypatch.context() as patch:
        patch.setattr(outdir_module.os, "replace", crash_after_two)
        with pytest.raises(KeyboardInterrupt):
            run_extract([corpus], out, nlp=nlp)
    assert (out / ".state" / "publish.json").exists()
    recover(out)  # what the next run does first
    assert not (out / ".state" / "publish.json").exists()
    fresh = tmp_path / "fresh"
    run_extract([corpus], fresh, nlp=nlp)
    assert_same_tables(read_tables(out), read_tables(fresh))
    run_id = json.loads((out / "run.json").read_text(encoding="utf-8"))["run_id"]
    assert (out / ".state" / f"documents-{run_id}.parquet").exists()
    assert all(Outdir(out).owned(name) for name in ("mentions.parquet", "deals.parquet", "run.json"))


def test_temporary_files_left_by_a_crash_are_removed_and_others_kept(nlp, tmp_path, corpus):
    out = tmp_path / "out"
    run_extract([corpus], out, nlp=nlp)
    (out / ".mentions.parquet.k2j3h4.tmp").write_bytes(b"half a table")
    (out / ".state" / "staging-0123abcd").mkdir()
    (out / ".state" / "staging-0123abcd" / "deals.parquet").write_bytes(b"half")
    (out / ".notes.tmp").write_text("a user's file", encoding="utf-8")
    run_extract([corpus], out, nlp=nlp)
    assert not (out / ".mentions.parquet.k2j3h4.tmp").exists()
    assert not list((out / ".state").glob("staging-*"))
    assert (out / ".notes.tmp").read_text(encoding="utf-8") == "a user's file"


# --- resume retries what was lost, not what was bad ---------------------------------------


def test_resume_retries_documents_lost_with_a_worker_but_not_bad_ones(nlp, tmp_path, corpus, monkeypatch):
    out = tmp_path / "out"
    real = run_module.extract_chunks

    def losing_b(records, *args, **kwargs):
        for chunk in real(records, *args, **kwargs):
            if "b" in chunk.doc_ids:  # as if b's worker process had died
                chunk.mentions = chunk.mentions[chunk.mentions["doc_id"] != "b"].reset_index(drop=True)
                chunk.roles = chunk.roles[chunk.roles["doc_id"] != "b"].reset_index(drop=True)
                lost = chunk.errors.iloc[:0].copy()
                lost.loc[0] = ["b", str(corpus), 2, "pipeline", WORKER_DIED]
                chunk.errors = run_module.concat([chunk.errors, lost], run_module.ERROR_COLUMNS)
                chunk.doc_ids = [doc_id for doc_id in chunk.doc_ids if doc_id != "b"]
            yield chunk

    with monkeypatch.context() as patch:
        patch.setattr(run_module, "extract_chunks", losing_b)
        run_extract([corpus], out, nlp=nlp)
    assert "b" in set(read_tables(out).errors["doc_id"])
    info = run_extract([corpus], out, nlp=nlp, resume=True)
    assert info["counts"]["documents"] == 1  # b, done again; d (no text) is not retried
    fresh = tmp_path / "fresh"
    run_extract([corpus], fresh, nlp=nlp)
    assert_same_tables(read_tables(out), read_tables(fresh))
    assert read_tables(out).errors["doc_id"].tolist() == ["d"]


# --- exit codes -------------------------------------------------------------------------


def test_a_run_in_which_no_input_could_be_read_exits_non_zero(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(tmp_path / "typo.jsonl"), "-o", str(out)])
    assert result.exit_code == 1
    assert "no input could be read" in result.output
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert errors and errors[0]["source"].endswith("typo.jsonl")


def test_a_missing_input_beside_a_good_one_is_an_error_row_and_exit_0(tmp_path, corpus):
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(corpus), str(tmp_path / "typo.jsonl"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert any(row.endswith("typo.jsonl") for row in read_tables(out).errors["source"].dropna())


def test_ctrl_c_says_resume_continues(tmp_path, corpus, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(run_module, "run_extract", interrupted)
    result = runner.invoke(app, ["extract", str(corpus), "-o", str(tmp_path / "out")])
    assert result.exit_code == 130
    assert "--resume" in result.output


def test_extract_prints_the_top_deals(tmp_path, corpus):
    result = runner.invoke(app, ["extract", str(corpus), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Top 2 of 2 deals" in result.output and "Widget Labs" in result.output


def test_a_bad_line_does_not_make_resume_skip_a_later_record_with_its_id(nlp, tmp_path, monkeypatch):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "x", "title": "no text here"})
        + "\n"
        + json.dumps({"id": "a", "text": OTHER})
        + "\n"
        + json.dumps({"id": "x", "text": DEAL})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    real = run_module.iter_records

    def stopping(*args, **kwargs):
        for count, record in enumerate(real(*args, **kwargs)):
            if count == 1:
                raise KeyboardInterrupt
            yield record

    with monkeypatch.context() as patch:
        patch.setattr(run_module, "iter_records", stopping)
        with pytest.raises(KeyboardInterrupt):
            run_extract([source], out, nlp=nlp, chunk_size=1)
    info = run_extract([source], out, nlp=nlp, chunk_size=1, resume=True)
    assert info["counts"]["documents"] == 1  # the good "x"
    fresh = tmp_path / "fresh"
    run_extract([source], fresh, nlp=nlp)
    assert_same_tables(read_tables(out), read_tables(fresh))
    assert "x" in set(read_tables(out).mentions["doc_id"])


def test_a_model_that_is_not_installed_is_a_usage_error(tmp_path, corpus):
    result = runner.invoke(app, ["extract", str(corpus), "-o", str(tmp_path / "out"), "--model", "no_such_model_xyz"])
    assert result.exit_code == 2 and "no_such_model_xyz" in result.output
    assert "--resume" not in result.output
