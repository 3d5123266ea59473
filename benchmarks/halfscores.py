"""Dev scores per set and per id half (even/odd trailing number), with the shared scorer.

usage: python benchmarks/halfscores.py [--errors DIR]
One extraction over all dev texts. --errors writes, for the documents open to error
analysis only (capability suite, reuters_dev, even ids of reuters_dev2 and fire_dev),
the missed and spurious pairs with the text; odd-id documents are scored by number only.
"""

import glob
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")
sys.path.insert(0, os.path.join(SHARED, "tools"))
from score import load_gold, pairs, score  # noqa: E402

HALVED = {"reuters_dev2", "fire_dev"}


def half(doc_id):
    m = re.search(r"(\d+)$", doc_id)
    return "even" if m and int(m.group(1)) % 2 == 0 else "odd"


def main():
    errdir = None
    if "--errors" in sys.argv:
        errdir = sys.argv[sys.argv.index("--errors") + 1]
    tmp = tempfile.mkdtemp()
    inp = os.path.join(tmp, "in.jsonl")
    golds = {}
    with open(inp, "w") as out:
        for path in sorted(glob.glob(os.path.join(SHARED, "eval", "*_gold.jsonl"))):
            tag = os.path.basename(path)[: -len("_gold.jsonl")]
            golds[tag] = load_gold(path)
            for d in golds[tag].values():
                out.write(json.dumps({"id": f"{tag}::{d['id']}", "text": d["text"], "date": d.get("date")}) + "\n")
    subprocess.run(
        ["spacy-deals", "extract", inp, "-o", os.path.join(tmp, "out"), "--format", "jsonl"]
        + (["--no-triage"] if "--no-triage" in sys.argv else []),
        check=True,
        capture_output=True,
    )
    pred = defaultdict(lambda: {"deals": [], "roles": []})
    for line in open(os.path.join(tmp, "out", "mentions.jsonl")):
        if line.strip():
            r = json.loads(line)
            tag, _, doc = r["doc_id"].partition("::")
            pred[(tag, doc)]["deals"].append(r)
    for tag, gold in golds.items():
        mine = {d: pred[(tag, d)] for d in gold}
        r = score(gold, mine)
        line = f"{tag:14s} all  P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}"
        if tag in HALVED:
            for h in ("even", "odd"):
                sub = {d: g for d, g in gold.items() if half(d) == h}
                s = score(sub, {d: mine[d] for d in sub})
                line += f" | {h} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}"
        print(line)
        if errdir:
            os.makedirs(errdir, exist_ok=True)
            with open(os.path.join(errdir, tag + ".txt"), "w") as f:
                for d, g in gold.items():
                    if tag in HALVED and half(d) == "odd":
                        continue
                    gp, pp = pairs(g.get("deals", [])), pairs(mine[d]["deals"])
                    res = score({d: g}, {d: mine[d]})
                    if res["precision"] == 1.0 and res["recall"] == 1.0 or (not gp and not pp):
                        continue
                    f.write(f"=== {d} {g.get('capability', '')}\n{g['text']}\n")
                    for x in g.get("deals", []):
                        f.write(
                            f"  GOLD {x['type']}: {x.get('buyers')} -> {x['target']} (seller {x.get('seller')}) {x.get('status')}\n"
                        )
                    for x in mine[d]["deals"]:
                        f.write(
                            f"  PRED {x.get('type')}: {x.get('buyers')} -> {x.get('target')} (seller {x.get('seller')}) {x.get('status')}\n"
                        )


if __name__ == "__main__":
    main()
