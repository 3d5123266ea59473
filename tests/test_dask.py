"""pipeline.dask: the extraction on a Dask cluster gives the local run's tables, row for row."""

from __future__ import annotations

import json

import pandas.testing as pdt
import pytest

pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import pipeline  # noqa: E402
from pipeline.dask import _partitions, extract_dask, run_extract_dask  # noqa: E402
from pipeline.dask_worker import pipeline_loads  # noqa: E402
from pipeline.readback import read_tables  # noqa: E402
from pipeline.readers import Record, iter_records  # noqa: E402
from pipeline.run import run_extract  # noqa: E402

pytestmark = pytest.mark.slow

EXTRA_TEXT = "Meta Platforms agreed to buy a 49% stake in Scale AI for $14.3 billion."


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def client(cluster):
    with Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def records(seeds_dir) -> list:
    """The five seeds, a record with no text and a dict without an id (its id is its position)."""
    return [
        *iter_records([seeds_dir]),
        Record(id="empty", text="", source="somewhere.jsonl", line=3),
        {"text": EXTRA_TEXT, "date": "2025-06-13"},
    ]


def assert_same_tables(got: pipeline.Tables, expected: pipeline.Tables) -> None:
    for name, frame in expected.items():
        pdt.assert_frame_equal(getattr(got, name), frame, obj=name)


def assert_loaded_once_per_worker(client) -> None:
    loads = client.run(pipeline_loads)
    assert len(loads) == 2
    assert all(count <= 1 for count in loads.values()), loads
    assert 1 <= sum(loads.values()) <= 2


def test_records_give_the_local_tables(client, nlp, records):
    expected = pipeline.extract(records, nlp=nlp)
    assert len(expected.mentions) and len(expected.deals) and len(expected.roles)
    assert expected.errors["doc_id"].tolist() == ["empty"]
    # 7 records in 4 partitions of 2, for 2 workers
    got = extract_dask(records, client=client, npartitions=4)
    assert_same_tables(got, expected)
    assert got.mentions["doc_id"].iloc[-1] == "6"
    assert_loaded_once_per_worker(client)


def test_bag_and_dataframe_give_the_local_tables(client, nlp, records):
    dicts = [
        {"id": r.id, "text": r.text, "date": f"2025-06-{10 + i:02d}"} if isinstance(r, Record) else r
        for i, r in enumerate(records)
    ]
    expected = pipeline.extract(dicts, nlp=nlp)
    got = extract_dask(db.from_sequence(dicts, npartitions=3), client=client)
    assert_same_tables(got, expected)
    assert got.mentions["doc_id"].iloc[-1] == "6"

    with_ids = dicts[:-1]
    frame = dd.from_pandas(pd.DataFrame(with_ids), npartitions=3)
    assert_same_tables(extract_dask(frame, client=client), pipeline.extract(with_ids, nlp=nlp))
    assert_loaded_once_per_worker(client)


def test_run_extract_dask_writes_what_run_extract_writes(cluster, seeds_dir, tmp_path):
    extra = tmp_path / "extra.jsonl"
    extra.write_text(
        json.dumps({"id": "x1", "text": EXTRA_TEXT, "date": "2025-06-13"})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "x2", "text": ""})
        + "\n"
        + json.dumps({"id": "x3", "title": "Deal", "text": "Acme Corp acquired Widget Inc for $5 million."})
        + "\n",
        encoding="utf8",
    )
    inputs = [seeds_dir, extra, tmp_path / "missing.csv"]
    local = run_extract(inputs, tmp_path / "local")
    info = run_extract_dask(inputs, tmp_path / "dask", scheduler=cluster.scheduler_address, partition_size=2)

    for name in ("mentions.parquet", "deals.parquet", "roles.parquet", "errors.jsonl", "run.json"):
        assert (tmp_path / "dask" / name).is_file(), name
    assert_same_tables(read_tables(tmp_path / "dask"), read_tables(tmp_path / "local"))
    errors = read_tables(tmp_path / "dask").errors
    assert len(errors) == 3 and errors["line"].tolist()[:2] == [2, 3]

    written = json.loads((tmp_path / "dask" / "run.json").read_text(encoding="utf8"))
    assert written["engine"] == "dask"
    assert written["scheduler"] == cluster.scheduler_address
    assert written["counts"] == local["counts"] == info["counts"]
    assert written["model"] == local["model"]
    assert written["dask"]["partitions"] == 4  # 7 records by 2; the trailing error joins the last
    assert written["dask"]["pipeline_loads"] <= 2


def test_run_extract_dask_rejects_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="Unknown format"):
        run_extract_dask([tmp_path], tmp_path / "out", fmt="xlsx")


def test_reader_errors_stay_where_they_were_read():
    errors: list[dict] = []

    def read():
        errors.append({"error": "before a"})
        yield "a"
        yield "b"
        errors.append({"error": "before c"})
        yield "c"
        errors.append({"error": "at the end"})

    chunks = list(_partitions(read(), errors, 2))
    assert [(c.items, c.offset) for c in chunks] == [(["a", "b"], 0), (["c"], 2)]
    assert chunks[0].reader_errors == [(0, {"error": "before a"})]
    assert chunks[1].reader_errors == [(0, {"error": "before c"}), (1, {"error": "at the end"})]


def test_cli_engine_dask_uses_the_given_scheduler(cluster, seeds_dir, tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    out = tmp_path / "cli"
    result = CliRunner().invoke(
        app, ["extract", str(seeds_dir), "-o", str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address]
    )
    assert result.exit_code == 0, result.output
    info = json.loads((out / "run.json").read_text())
    assert info["engine"] == "dask" and info["counts"]["documents"] == 5


def test_cli_rejects_an_unknown_engine(seeds_dir, tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["extract", str(seeds_dir), "-o", str(tmp_path), "--engine", "spark"])
    assert result.exit_code != 0 and "unknown engine" in result.output.lower()


def test_a_partition_frees_the_strings_of_its_texts(monkeypatch):
    import weakref

    from pipeline import documents
    from pipeline.dask_worker import extract_partition, worker_nlp

    monkeypatch.setattr(documents, "_WARMED", weakref.WeakKeyDictionary())
    monkeypatch.setattr(documents, "WARM_DOCUMENTS", 0)
    result = extract_partition([{"id": "p1", "text": "Vexaloria Corp agreed to buy Widget Inc for $10 million."}])
    assert result["documents"] == 1 and result["mentions"]
    assert "Vexaloria" not in worker_nlp(None).vocab.strings  # a long-lived worker does not grow


def test_a_partition_runs_with_the_options_of_the_run():
    from pipeline.dask_worker import extract_partition
    from pipeline.options import Options

    long = "Acme Corp agreed to buy Widget Inc. " * 5
    short = "Brix Corp agreed to buy Cobalt Inc."
    options = Options(max_chars=50, chunk_chars=50, max_doc_chars=100)
    result = extract_partition([{"id": "long", "text": long}, {"id": "short", "text": short}], options=options)
    assert [row["doc_id"] for row in result["errors"]] == ["long"] and "too long" in result["errors"][0]["error"]
    assert result["doc_ids"] == ["short"]
    whole = extract_partition([{"id": "long", "text": long}])  # the default limits: processed
    assert whole["doc_ids"] == ["long"] and not whole["errors"]
