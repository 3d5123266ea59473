"""Throughput on Reuters articles: the bare base model against the full extraction.

Prints one table (words per second and ratios), all measured in this process on the
same texts, in batches of the same size (pipeline.batch.BATCH_SIZE) and with the
objects alive at the start left out of garbage collection
(pipeline.batch.long_lived_objects_frozen), as pipeline.extract runs:

    bare model            spacy.load(model) .pipe(texts)                (the reference)
    bare, fast ruler      the same with the faster attribute_ruler matching and lemmatizer
                          that pipeline.load() installs (components/fastrules.py,
                          fastlemmas.py: same output); shows how much of the rows below
                          comes from them
    full, no triage       pipeline.extract(records, triage=False): model + our components + tables
    full (default)        pipeline.extract(records): triage, then the same
    full, 2 processes     the default with n_process=2

Run: python benchmarks/throughput.py [N_ARTICLES | --all] [--rows bare,bare_fast,full,triage,triage2] [--model NAME]

N_ARTICLES is the number of Reuters articles (default 1000); 0 or ``--all`` takes every
article with a body (19,043 of the 21,578). ``--rows`` picks the rows to measure (the
bare model is the reference of the "x bare" column; without it that column is empty).
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

import spacy

import pipeline
from pipeline.batch import BATCH_SIZE, RunStats, long_lived_objects_frozen
from pipeline.components import money
from pipeline.loader import speed_up_base_components
from pipeline.readers import Record

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl.gz"
ROWS = ("bare", "bare_fast", "full", "triage", "triage2")


def reuters_records(n: int) -> list[Record]:
    """The first ``n`` Reuters articles that have a body, title prepended (all of them
    when ``n`` is 0)."""
    records = []
    with gzip.open(CORPUS, "rt", encoding="utf8") as fh:
        for line in fh:
            row = json.loads(line)
            if not row.get("text"):
                continue
            text = f"{row['title']}\n\n{row['text']}" if row.get("title") else row["text"]
            records.append(Record(id=str(row["id"]), text=text, date=row.get("date")))
            if len(records) == n:  # never true for n == 0
                break
    return records


def time_bare(model: str, texts: list[str], n_process: int = 1, fast_rules: bool = False) -> tuple[int, float]:
    nlp = spacy.load(model)
    if fast_rules:
        speed_up_base_components(nlp)
    started = time.perf_counter()
    with long_lived_objects_frozen():  # as pipeline.extract runs: the same garbage collection
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=n_process))
    return words, time.perf_counter() - started


def time_full(model: str | None, records: list[Record], n_process: int = 1, triage: bool = True) -> tuple[int, float]:
    nlp = pipeline.load(model)
    stats = RunStats()
    started = time.perf_counter()
    pipeline.extract(records, nlp=nlp, n_process=n_process, stats=stats, triage=triage)
    return stats.words, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=1000, help="number of Reuters articles (0: all)")
    parser.add_argument("--all", action="store_true", help="every Reuters article with a body (same as N=0)")
    parser.add_argument("--rows", default=",".join(ROWS),
                        help=f"comma-separated rows to measure, of {', '.join(ROWS)} (default: all)")
    parser.add_argument("--model", default=None, help="base spaCy pipeline (default: pipeline.loader.default_model())")
    args = parser.parse_args()
    wanted = [name.strip() for name in args.rows.split(",") if name.strip()]
    unknown = sorted(set(wanted) - set(ROWS))
    if unknown:
        parser.error(f"unknown rows {', '.join(unknown)}; choose among {', '.join(ROWS)}")
    model = args.model or pipeline.loader.default_model()
    records = reuters_records(0 if args.all else args.n)
    texts = [r.text for r in records]
    # Start-up costs are left out of the timings: loading the model, and the lazy
    # import of quantulum3 (about 2 s, once per process) on the first money text
    # that needs it.
    pipeline.load(model)(texts[0])
    money.warm_up()

    rows = {}
    if "bare" in wanted:
        rows["bare"] = ("bare model, 1 process", *time_bare(model, texts))
    if "bare_fast" in wanted:
        rows["bare_fast"] = ("bare, fast ruler+lemmas, 1 p.", *time_bare(model, texts, fast_rules=True))
    if "full" in wanted:
        rows["full"] = ("full, no triage, 1 process", *time_full(model, records, triage=False))
    if "triage" in wanted:
        rows["triage"] = ("full (triage), 1 process", *time_full(model, records))
    if "triage2" in wanted:
        rows["triage2"] = ("full (triage), 2 processes", *time_full(model, records, n_process=2))

    bare = rows["bare"][1] / rows["bare"][2] if "bare" in rows else None
    print(f"{len(records):,} Reuters articles, model {model}")
    print(f"{'run':<30}{'words':>10}{'seconds':>10}{'words/s':>10}{'x bare':>8}")
    for name, words, seconds in rows.values():
        wps = words / seconds
        ratio = f"{wps / bare:>8.2f}" if bare else f"{'-':>8}"
        print(f"{name:<30}{words:>10,}{seconds:>10.1f}{wps:>10,.0f}{ratio}")
    if "triage" in rows and "triage2" in rows:
        one, two = rows["triage"], rows["triage2"]
        print(f"2 processes / 1 process: {(two[1] / two[2]) / (one[1] / one[2]):.2f}")


if __name__ == "__main__":
    main()
