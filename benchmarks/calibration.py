"""Is `confidence` calibrated? Precision of deal pairs per confidence bin on the dev sets.

A mention's pairs count as correct when `spacy-deals evaluate` matches them to gold.
Run: python benchmarks/calibration.py [GOLD.jsonl ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pipeline
from pipeline.batch import extract
from pipeline.evaluate import load_gold, score
from pipeline.readers import Record

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SETS = [ROOT.parent / "shared" / "eval" / name for name in ("seeds_gold.jsonl", "reuters_dev_gold.jsonl")]
BINS = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def main(paths: list[Path]) -> None:
    nlp = pipeline.load()
    outcomes: list[tuple[float, bool]] = []
    for path in paths:
        gold = load_gold(path)
        tables = extract([Record(id=d["id"], text=d["text"], date=d.get("date")) for d in gold], nlp=nlp)
        report = score(gold, tables.mentions, tables.roles)
        spurious = set(report.errors().query("kind == 'spurious_pair'")["mention_id"].dropna())
        for row in tables.mentions.itertuples():
            outcomes.append((float(row.confidence), row.mention_id not in spurious))
    print(f"{'confidence':<12}{'mentions':>10}{'precision':>11}")
    for low, high in BINS:
        inside = [ok for c, ok in outcomes if low <= c < high]
        if inside:
            print(f"{low:.1f}-{min(high, 1.0):.1f}{'':<5}{len(inside):>10}{sum(inside) / len(inside):>11.2f}")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or DEFAULT_SETS)
