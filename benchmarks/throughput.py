"""Throughput on Reuters articles: the bare base model against the full extraction.

Prints one table (words per second and ratios), all measured in this process on the
same texts, in batches of the same size (pipeline.batch.BATCH_SIZE) and with the
objects alive at the start left out of garbage collection
(pipeline.batch.long_lived_objects_frozen), as pipeline.extract runs:

    bare model            spacy.load(model) .pipe(texts)                (the reference)
    bare, fast ruler      the same with the fast attribute ruler and lemmatizer components
                          that pipeline.load() puts in the place of spaCy's
                          (speedups/fastrules.py, fastlemmas.py: same output); shows how
                          much of the rows below comes from them
    full, no triage       pipeline.extract(records, triage=False): model + our components + tables
    full (default)        pipeline.extract(records): triage, then the same
    saved, spacy.load     the default with the pipeline of pipeline.load() saved by
                          nlp.to_disk and loaded back by spacy.load (fast components
                          included): should match the row above
    full, 2 processes     the default with n_process=2

The one-process rows take turns: the articles are cut into ``--slices`` parts (default
10) and each row processes a part before the next row does, each with its own pipeline
loaded once (its caches stay warm, as in one run); the rows' times are the sums, and the
extraction rows end with the tables of all their parts (pipeline.batch.tables_from_chunks,
as pipeline.extract). A change in the machine's speed during the run (another tenant on
the host) then touches every row alike instead of deciding a ratio. The two-process row
runs once over all the articles, last. ``--slices 1`` runs the rows one after another.

Run: python benchmarks/throughput.py [N_ARTICLES | --all] [--rows bare,bare_fast,full,triage,saved,triage2]
                                     [--slices K] [--model NAME]

N_ARTICLES is the number of Reuters articles (default 1000); 0 or ``--all`` takes every
article with a body (19,043 of the 21,578). ``--rows`` picks the rows to measure (the
bare model is the reference of the "x bare" column; without it that column is empty).
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from pathlib import Path

import spacy

import pipeline
from pipeline.batch import BATCH_SIZE, RunStats, extract_chunks, long_lived_objects_frozen, tables_from_chunks
from pipeline.loader import use_fast_components
from pipeline.money import fallback
from pipeline.readers import Record

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl.gz"
ROWS = ("bare", "bare_fast", "full", "triage", "saved", "triage2")


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


class BareRun:
    """The bare model (optionally with the fast ruler and lemmatizer), part by part."""

    def __init__(self, model: str, fast_rules: bool = False):
        self.nlp = spacy.load(model)
        if fast_rules:
            use_fast_components(self.nlp)
        self.words, self.seconds = 0, 0.0

    def run(self, records: list[Record]) -> None:
        started = time.perf_counter()
        with long_lived_objects_frozen():  # as pipeline.extract runs: the same garbage collection
            self.words += sum(len(doc) for doc in self.nlp.pipe([r.text for r in records], batch_size=BATCH_SIZE))
        self.seconds += time.perf_counter() - started

    def finish(self) -> tuple[int, float]:
        return self.words, self.seconds


class ExtractRun:
    """pipeline.extract, part by part: the chunks of every part, then the tables of all."""

    def __init__(self, model: str | None, triage: bool = True, n_process: int = 1, saved: bool = False):
        self.nlp = pipeline.load(model)
        if saved:  # through nlp.to_disk and spacy.load, as a user of a saved pipeline runs it
            with tempfile.TemporaryDirectory() as folder:
                self.nlp.to_disk(folder)
                self.nlp = spacy.load(folder)
        self.triage, self.n_process = triage, n_process
        self.stats = RunStats()
        self.chunks: list = []
        self.seconds = 0.0

    def run(self, records: list[Record]) -> None:
        started = time.perf_counter()
        self.chunks += extract_chunks(
            records, nlp=self.nlp, n_process=self.n_process, stats=self.stats, triage=self.triage, memory_zones=False
        )
        self.seconds += time.perf_counter() - started

    def finish(self) -> tuple[int, float]:
        started = time.perf_counter()
        tables_from_chunks(self.chunks)
        self.seconds += time.perf_counter() - started
        return self.stats.words, self.seconds


ONE_PROCESS_ROWS = {
    "bare": ("bare model, 1 process", lambda model: BareRun(model)),
    "bare_fast": ("bare, fast ruler+lemmas, 1 p.", lambda model: BareRun(model, fast_rules=True)),
    "full": ("full, no triage, 1 process", lambda model: ExtractRun(model, triage=False)),
    "triage": ("full (triage), 1 process", lambda model: ExtractRun(model)),
    "saved": ("saved, spacy.load, 1 process", lambda model: ExtractRun(model, saved=True)),
}


def time_in_turns(names: list[str], model: str, records: list[Record], slices: int) -> dict[str, tuple[int, float]]:
    """(words, seconds) of each one-process row, the rows taking turns over ``slices``
    parts of ``records`` (the first row of each turn rotates)."""
    runs = {name: ONE_PROCESS_ROWS[name][1](model) for name in names}
    if not runs:
        return {}
    size = max(-(-len(records) // max(slices, 1)), 1)
    for turn, start in enumerate(range(0, len(records), size)):
        part = records[start : start + size]
        for name in names[turn % len(names) :] + names[: turn % len(names)]:
            runs[name].run(part)
    return {name: run.finish() for name, run in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=1000, help="number of Reuters articles (0: all)")
    parser.add_argument("--all", action="store_true", help="every Reuters article with a body (same as N=0)")
    parser.add_argument(
        "--rows", default=",".join(ROWS), help=f"comma-separated rows to measure, of {', '.join(ROWS)} (default: all)"
    )
    parser.add_argument(
        "--slices", type=int, default=10, help="parts the one-process rows take turns over (1: one row after another)"
    )
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
    fallback.warm_up()

    turns = time_in_turns(
        [name for name in ROWS if name in wanted and name in ONE_PROCESS_ROWS], model, records, args.slices
    )
    rows = {name: (ONE_PROCESS_ROWS[name][0], *turns[name]) for name in turns}
    if "triage2" in wanted:
        two = ExtractRun(model, n_process=2)
        two.run(records)
        rows["triage2"] = ("full (triage), 2 processes", *two.finish())

    bare = rows["bare"][1] / rows["bare"][2] if "bare" in rows else None
    print(f"{len(records):,} Reuters articles, model {model}, one-process rows in turns over {args.slices} parts")
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
