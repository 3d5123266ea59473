"""How well MONEY/PERCENT spans in the dev sets' deal evidence are found and normalised.

For every gold deal with an amount (or a stake), looks at the entities the pipeline
produces inside the deal's evidence and reports:

- parsed:  MONEY spans in evidence that parse_money turns into a Money (vs. all of them)
- found:   gold amounts (amount or a bound, same currency, within 1 %) equal to the
           parse of some MONEY span in the evidence; gold stakes found as a PERCENT span
- deals:   the deal-level amount/stake accuracy over matched pairs (spacy-deals evaluate)

Run: python benchmarks/money_accuracy.py [GOLD.jsonl ...]
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
TOLERANCE = 0.01


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= TOLERANCE * max(abs(b), 1.0)


def measure(path: Path, nlp) -> dict:
    gold = load_gold(path)
    spans = parsed = amounts = amounts_found = stakes = stakes_found = 0
    for record in gold:
        doc = nlp(record["text"])
        for deal in record["deals"]:
            evidence_start = record["text"].find(deal["evidence"][:40])
            if evidence_start < 0:
                continue
            evidence_end = evidence_start + len(deal["evidence"])
            ents = [e for e in doc.ents if evidence_start <= e.start_char and e.end_char <= evidence_end]
            money = [e for e in ents if e.label_ == "MONEY"]
            spans += len(money)
            parsed += sum(e._.money is not None for e in money)
            if deal["amount"] is not None:
                amounts += 1
                amounts_found += any(
                    e._.money is not None
                    and e._.money.currency == deal["currency"]
                    and any(
                        _close(v, deal["amount"])
                        for v in (e._.money.amount, e._.money.amount_min, e._.money.amount_max)
                    )
                    for e in money
                )
            if deal["stake_pct"] is not None:
                stakes += 1
                stakes_found += any(e.label_ == "PERCENT" and _close(e._.percent, deal["stake_pct"]) for e in ents)
    tables = extract([Record(id=d["id"], text=d["text"], date=d.get("date")) for d in gold], nlp=nlp)
    report = score(gold, tables.mentions, tables.roles)
    return {
        "set": path.name,
        "money spans": spans,
        "parsed": parsed,
        "gold amounts": amounts,
        "found": amounts_found,
        "gold stakes": stakes,
        "stakes found": stakes_found,
        "deal amount acc": report.fields["amount"].accuracy,
        "deal stake acc": report.fields["stake"].accuracy,
    }


def main(paths: list[Path]) -> None:
    nlp = pipeline.load()
    rows = [measure(path, nlp) for path in paths]
    header = list(rows[0])
    print(" | ".join(header))
    for row in rows:
        print(" | ".join(f"{row[h]:.3f}" if isinstance(row[h], float) else str(row[h]) for h in header))


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or DEFAULT_SETS)
