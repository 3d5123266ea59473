"""Throughput on Reuters articles: the bare base model against the full extraction.

Prints one table (words per second and ratios), all measured in this process on the
same texts:

    bare model            spacy.load(model) .pipe(texts)                (the reference)
    full, no triage       pipeline.extract(records, triage=False): model + our components + tables
    full (default)        pipeline.extract(records): triage, then the same
    full, 2 processes     the default with n_process=2

Run: python benchmarks/throughput.py [N_ARTICLES] [--model NAME]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

import spacy

import pipeline
from pipeline.batch import RunStats
from pipeline.components import money
from pipeline.readers import Record

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl.gz"


def reuters_records(n: int) -> list[Record]:
    """The first ``n`` Reuters articles that have a body, title prepended."""
    records = []
    with gzip.open(CORPUS, "rt", encoding="utf8") as fh:
        for line in fh:
            row = json.loads(line)
            if not row.get("text"):
                continue
            text = f"{row['title']}\n\n{row['text']}" if row.get("title") else row["text"]
            records.append(Record(id=str(row["id"]), text=text, date=row.get("date")))
            if len(records) == n:
                break
    return records


def time_bare(model: str, texts: list[str], n_process: int = 1) -> tuple[int, float]:
    nlp = spacy.load(model)
    started = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32, n_process=n_process))
    return words, time.perf_counter() - started


def time_full(model: str | None, records: list[Record], n_process: int = 1, triage: bool = True) -> tuple[int, float]:
    nlp = pipeline.load(model)
    stats = RunStats()
    started = time.perf_counter()
    pipeline.extract(records, nlp=nlp, n_process=n_process, stats=stats, triage=triage)
    return stats.words, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=1000, help="number of Reuters articles")
    parser.add_argument("--model", default=None, help="base spaCy pipeline (default: pipeline.loader.default_model())")
    args = parser.parse_args()
    model = args.model or pipeline.loader.default_model()
    records = reuters_records(args.n)
    texts = [r.text for r in records]
    # Start-up costs are left out of the timings: loading the model, and the lazy
    # import of quantulum3 (about 2 s, once per process) on the first money text
    # that needs it.
    pipeline.load(model)(texts[0])
    money.warm_up()

    rows = []
    words, seconds = time_bare(model, texts)
    bare = words / seconds
    rows.append(("bare model, 1 process", words, seconds, bare))
    words, seconds = time_full(model, records, triage=False)
    rows.append(("full, no triage, 1 process", words, seconds, words / seconds))
    words, seconds = time_full(model, records)
    rows.append(("full (triage), 1 process", words, seconds, words / seconds))
    words, seconds = time_full(model, records, n_process=2)
    rows.append(("full (triage), 2 processes", words, seconds, words / seconds))

    print(f"{len(records):,} Reuters articles, model {model}")
    print(f"{'run':<30}{'words':>10}{'seconds':>10}{'words/s':>10}{'x bare':>8}")
    for name, words, seconds, wps in rows:
        print(f"{name:<30}{words:>10,}{seconds:>10.1f}{wps:>10,.0f}{wps / bare:>8.2f}")
    print(f"2 processes / 1 process: {rows[3][3] / rows[2][3]:.2f}")


if __name__ == "__main__":
    main()
