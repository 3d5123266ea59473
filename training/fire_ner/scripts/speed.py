"""Speed of the pipeline with the stock ner and with a trained one (same architecture).

usage: python scripts/speed.py NER_DIR [N_ARTICLES] [--slices K]

The first N_ARTICLES (default 300) Reuters-21578 articles with a body, title prepended, as
benchmarks/throughput.py reads them, go through ``pipeline.extract`` (triage on, one
process) and through the bare base model, each with the stock ``ner`` and with the one saved
in NER_DIR. The rows take turns over K slices (default 10), each row with its own pipeline
loaded once, so that a change in the machine's speed touches every row alike. Prints
words per second per row and the ratio fire / stock.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "benchmarks"))
from throughput import reuters_records  # noqa: E402

import pipeline  # noqa: E402
from pipeline.batch import BATCH_SIZE  # noqa: E402
from pipeline.loader import default_model  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ner_dir", type=Path)
    parser.add_argument("n", type=int, nargs="?", default=300)
    parser.add_argument("--slices", type=int, default=10)
    args = parser.parse_args(argv)

    records = reuters_records(args.n)
    texts = [record.text for record in records]
    words = sum(len(text.split()) for text in texts)
    rows = {}
    for kind in ("bare", "full"):
        for ner in ("stock", "fire"):
            nlp = spacy.load(default_model()) if kind == "bare" else pipeline.load()
            if ner == "fire":
                nlp.get_pipe("ner").from_disk(args.ner_dir, exclude=["vocab"])
            nlp(texts[0])  # lazy start-up costs out of the timings
            rows[(kind, ner)] = [nlp, 0.0]
    size = -(-len(records) // args.slices)
    for start in range(0, len(records), size):
        for (kind, _ner), row in rows.items():
            began = time.perf_counter()
            if kind == "bare":
                for _ in row[0].pipe(texts[start : start + size], batch_size=BATCH_SIZE):
                    pass
            else:
                pipeline.extract(records[start : start + size], nlp=row[0])
            row[1] += time.perf_counter() - began
    print(f"{len(records)} Reuters articles, {words} words (whitespace-separated)")
    for kind in ("bare", "full"):
        stock, fire = rows[(kind, "stock")][1], rows[(kind, "fire")][1]
        print(
            f"{kind:5s} stock {words / stock:8.0f} words/s   fire {words / fire:8.0f} words/s   "
            f"fire/stock {stock / fire:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
