"""The Dask engine loses nothing: a document that keeps killing its worker costs only
itself, rows are written as partitions come back, --resume carries on, and a cluster
with no worker left stops the run with a message instead of hanging."""

from __future__ import annotations

import json

import pandas.testing as pdt
import pytest

pytest.importorskip("distributed")

import dask  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from pipeline import dask as dask_module  # noqa: E402
from pipeline.dask import ClusterLost, run_extract_dask  # noqa: E402
from pipeline.readback import read_tables  # noqa: E402
from pipeline.run import run_extract  # noqa: E402

pytestmark = pytest.mark.slow

KILLER = "KILL-THIS-WORKER"
TEXTS = [
    "Acme Robotics Corp agreed to acquire Widget Labs Inc for $40 million.",
    "Huijbrechts Holdings bought a 20% stake in Coral Networks Ltd for $5 million.",
    f"Harbor Mills Inc said {KILLER} today.",
    "Orion Foods Corp agreed to buy Delta Farms Inc for $12 million.",
    "The weather was fine.",
    "Summit Steel Co completed its purchase of Vale Metals Ltd for $80 million.",
    "Northwind Ltd agreed to sell its Fennel unit to Quartz Capital for $7 million.",
]


class Stop(Exception):
    pass


def write_inputs(path, texts):
    path.write_text(
        "".join(json.dumps({"id": f"n{i}", "text": text}) + "\n" for i, text in enumerate(texts)), encoding="utf-8"
    )
    return path


def assert_same_tables(got, expected) -> None:
    for name, frame in expected.items():
        pdt.assert_frame_equal(getattr(got, name), frame, obj=name)


@pytest.fixture(scope="module")
def cluster():
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            yield cluster


def test_a_document_that_keeps_killing_its_worker_costs_only_itself(cluster, nlp, tmp_path):
    from distributed.diagnostics.plugin import WorkerPlugin

    class KillOnMarker(WorkerPlugin):  # on every worker, also those started after a death
        def setup(self, worker):
            import os

            import pipeline.dask_worker as module

            real = module.iter_documents

            def iter_documents(nlp, records, errors, *args, **kwargs):
                def checked():
                    for record in records:
                        if KILLER in repr(record):  # a Record, or (position, (Record, prefix))
                            os._exit(1)
                        yield record

                return real(nlp, checked(), errors, *args, **kwargs)

            module.iter_documents = iter_documents

    source = write_inputs(tmp_path / "in.jsonl", TEXTS)
    with Client(cluster) as client:
        client.register_plugin(KillOnMarker(), name="kill-on-marker")
        try:
            info = run_extract_dask([source], tmp_path / "dask", scheduler=cluster.scheduler_address, partition_size=3)
        finally:
            client.unregister_worker_plugin("kill-on-marker")
            client.restart(timeout=600)  # workers come back slowly on a loaded machine
    got = read_tables(tmp_path / "dask")
    errors = got.errors
    assert errors["doc_id"].tolist() == ["n2"] and "killed the Dask worker" in errors["error"].iloc[0]
    good = write_inputs(tmp_path / "good.jsonl", TEXTS)
    expected = run_extract([good], tmp_path / "local", nlp=nlp)
    local = read_tables(tmp_path / "local")
    pdt.assert_frame_equal(got.mentions, local.mentions[local.mentions["doc_id"] != "n2"].reset_index(drop=True))
    assert info["counts"]["documents"] == expected["counts"]["documents"] - 1
    assert info["counts"]["worker_deaths"] >= 2  # the partition, then the record alone
    assert info["dask"]["partitions_rerun_by_record"] == 1


def test_rows_are_written_as_partitions_come_back_and_resume_carries_on(cluster, nlp, tmp_path, monkeypatch):
    texts = [text for text in TEXTS if KILLER not in text]
    source = write_inputs(tmp_path / "in.jsonl", texts)
    out = tmp_path / "dask"
    real = dask_module._as_chunk
    seen = []

    def stop_at_the_third(number, result):
        seen.append(number)
        if len(seen) == 3:
            raise Stop("stopped")
        return real(number, result)

    with monkeypatch.context() as patch:
        patch.setattr(dask_module, "_as_chunk", stop_at_the_third)
        with pytest.raises(Stop):
            run_extract_dask([source], out, scheduler=cluster.scheduler_address, partition_size=2)
    assert sorted(path.name for path in (out / ".parts").glob("docs-*")) == [
        "docs-000001.parquet",
        "docs-000002.parquet",
    ]
    info = run_extract_dask([source], out, scheduler=cluster.scheduler_address, partition_size=2, resume=True)
    assert info["counts"]["resumed_documents"] == 4 and info["counts"]["documents"] == 2
    run_extract([source], tmp_path / "local", nlp=nlp)
    assert_same_tables(read_tables(out), read_tables(tmp_path / "local"))


def test_a_cluster_without_workers_stops_the_run_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(dask_module, "WATCH_SECONDS", 0.2)
    source = write_inputs(tmp_path / "in.jsonl", TEXTS[:2])
    with LocalCluster(n_workers=0, processes=True, dashboard_address=None) as empty:
        with pytest.raises(ClusterLost, match="no worker for 1 s"):
            run_extract_dask([source], tmp_path / "out", scheduler=empty.scheduler_address, no_worker_timeout=1)


def test_repeated_ids_get_the_mention_ids_of_the_local_run(cluster, nlp, tmp_path):
    rows = [{"id": "same", "text": text} for text in TEXTS if KILLER not in text]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    run_extract_dask([source], tmp_path / "dask", scheduler=cluster.scheduler_address, partition_size=2)
    run_extract([source], tmp_path / "local", nlp=nlp)
    got, expected = read_tables(tmp_path / "dask"), read_tables(tmp_path / "local")
    assert got.mentions["mention_id"].is_unique and len(got.mentions) > 2
    assert_same_tables(got, expected)
