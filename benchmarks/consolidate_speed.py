"""How long consolidate() takes on a large synthetic mentions table (target: 100k in < 10 s).

Synthetic transactions (targets with alias forms, buyer consortia, rounds, dates, bounds,
mentions without buyers, a few very popular targets with hundreds of deals each) are
reported 1-12 times each in different documents; the table is shuffled before timing.
The script prints the time and how many deals came out against how many were generated.

    python benchmarks/consolidate_speed.py [--mentions 100000] [--seed 0] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import time

from pipeline import schema
from pipeline.consolidate import consolidate
from pipeline.names import norm_key
from pipeline.tables import frame

WORDS = [f"w{i}" for i in range(3000)]
ROUNDS = [None, None, None, "Seed", "Series A", "Series B", "Series C", "Series D"]
STATUSES = ["rumored", "proposed", "agreed", "completed", "terminated"]
TYPES = ["investment", "acquisition", "merger"]
# Share of transactions on a handful of very popular targets (the worst case for blocking).
POPULAR_SHARE = 0.05
POPULAR_TARGETS = 5
TARGET_SECONDS = 10.0


def company(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(1, 3)))


def alias(rng: random.Random, name: str) -> str:
    """The name as another article may write it: shorter, or with a suffix."""
    words = name.split()
    roll = rng.random()
    if roll < 0.2 and len(words) > 1:
        return " ".join(words[:-1])
    if roll < 0.4:
        return name + " Inc."
    return name


def synthetic_rows(n_mentions: int, seed: int) -> tuple[list[dict], dict[str, str], int]:
    rng = random.Random(seed)
    popular = [company(rng) for _ in range(POPULAR_TARGETS)]
    rows: list[dict] = []
    doc_dates: dict[str, str] = {}
    n_deals = 0
    doc_counter = 0
    while len(rows) < n_mentions:
        n_deals += 1
        target = rng.choice(popular) if rng.random() < POPULAR_SHARE else company(rng)
        buyers = [company(rng) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
        kind = rng.choice(TYPES)
        round_ = rng.choice(ROUNDS) if kind == "investment" else None
        amount = rng.choice([None, 10 ** rng.uniform(6, 11)])
        year, month = rng.randint(1987, 2025), rng.randint(1, 12)
        for k in range(rng.randint(1, 12)):
            doc_counter += 1
            doc_id = f"doc{doc_counter:07d}"
            m = min(12, month + k // 4)
            doc_dates[doc_id] = f"{year}-{m:02d}-{rng.randint(1, 28):02d}"
            named = [alias(rng, b) for b in buyers if rng.random() < 0.8] if rng.random() > 0.05 else []
            value = amount * rng.choice([1.0, 1.0, 1.2, 0.9]) if amount else None
            bound = rng.random() < 0.2 and value is not None
            row = {
                "doc_id": doc_id,
                "mention_id": f"{doc_id}#0",
                "type": kind,
                "buyers": named,
                "target": alias(rng, target),
                "seller": None,
                "amount": value,
                "currency": "USD",
                "amount_min": value if bound else None,
                "amount_max": None,
                "approximate": rng.random() < 0.2,
                "stake_pct": None,
                "price_per_share": None,
                "valuation": None,
                "round": round_,
                "status": STATUSES[min(k // 3, 4)],
                "date": f"{year}-{month:02d}" if rng.random() < 0.3 else None,
                "evidence": f"sentence {doc_id}",
                "sentence_start": 0,
                "sentence_end": 10,
                "confidence": rng.uniform(0.5, 0.9),
            }
            row["buyers_norm"] = [norm_key(b) for b in row["buyers"]]
            row["target_norm"] = norm_key(row["target"])
            rows.append(row)
    rows = rows[:n_mentions]
    rng.shuffle(rows)
    return rows, doc_dates, n_deals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows, doc_dates, n_deals = synthetic_rows(args.mentions, args.seed)
    mentions = frame(rows, schema.MENTION_COLUMNS)
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        deals = consolidate(mentions, doc_dates)
        times.append(time.perf_counter() - started)
    best = min(times)
    print(f"{len(mentions):,} mentions -> {len(deals):,} deals ({n_deals:,} generated)")
    print(f"consolidate: best {best:.2f} s of {args.repeat} (target < {TARGET_SECONDS:.0f} s)")


if __name__ == "__main__":
    main()
