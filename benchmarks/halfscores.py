"""Dev scores per set and per id half (even/odd trailing number), with the shared scorer.

usage: python benchmarks/halfscores.py [--errors DIR] [--no-triage] [--ner-dir DIR]
One extraction over all dev texts (``spacy-deals extract``; with ``--ner-dir DIR``, the same
run in this process with ``pipeline.load()``'s ner replaced by the component saved in DIR,
e.g. training/fire_ner/training/model-best/ner). Each line
gives deal P/R/F1 and roles F1, per even/odd half for reuters_dev2 and fire_dev. fire_dev
also gets a line ``fire-dev-*`` for its ``fire-dev-N`` ids only: the set holds the
``fire-train-N`` sentences too, on which the FIRE-adapted NER (training/fire_ner) was
trained, so only that line measures it fairly. --errors writes, for the documents open to error
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
# Sets with a sub-line for the ids of one prefix: (set, label, id pattern).
SUBSETS = (("fire_dev", "fire-dev-*", re.compile(r"fire-dev-\d+$")),)


def score_line(tag, gold, mine, halved):
    """One line: deal P/R/F1 and roles F1, and the same per half when ``halved``."""
    r = score(gold, mine)
    line = f"{tag:14s} all  P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} roles F1={r['roles']['f1']:.3f}"
    if halved:
        for h in ("even", "odd"):
            sub = {d: g for d, g in gold.items() if half(d) == h}
            s = score(sub, {d: mine[d] for d in sub})
            line += (
                f" | {h} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} roles F1={s['roles']['f1']:.3f}"
            )
    return line


def half(doc_id):
    m = re.search(r"(\d+)$", doc_id)
    return "even" if m and int(m.group(1)) % 2 == 0 else "odd"


def extract_with_ner(inp, outdir, ner_dir):
    """``spacy-deals extract inp -o outdir --format jsonl`` in this process, with the ``ner``
    component saved in ``ner_dir`` in the place of the base model's."""
    from pathlib import Path

    import pipeline
    from pipeline.options import Options
    from pipeline.run import run_extract

    nlp = pipeline.load()
    nlp.get_pipe("ner").from_disk(ner_dir, exclude=["vocab"])
    options = Options(triage="--no-triage" not in sys.argv)
    run_extract([Path(inp)], Path(outdir), options, fmt="jsonl", nlp=nlp)


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
    if "--ner-dir" in sys.argv:
        extract_with_ner(inp, os.path.join(tmp, "out"), sys.argv[sys.argv.index("--ner-dir") + 1])
    else:
        subprocess.run(
            ["spacy-deals", "extract", inp, "-o", os.path.join(tmp, "out"), "--format", "jsonl"]
            + (["--no-triage"] if "--no-triage" in sys.argv else []),
            check=True,
            capture_output=True,
        )
    pred = defaultdict(lambda: {"deals": [], "roles": []})
    for name, key in (("mentions.jsonl", "deals"), ("roles.jsonl", "roles")):
        path = os.path.join(tmp, "out", name)
        if not os.path.exists(path):
            continue
        for line in open(path):
            if line.strip():
                r = json.loads(line)
                tag, _, doc = r["doc_id"].partition("::")
                pred[(tag, doc)][key].append(r)
    for tag, gold in golds.items():
        mine = {d: pred[(tag, d)] for d in gold}
        print(score_line(tag, gold, mine, tag in HALVED))
        for set_tag, label, pattern in SUBSETS:
            if set_tag == tag:
                sub = {d: g for d, g in gold.items() if pattern.match(d)}
                print(score_line(label, sub, {d: mine[d] for d in sub}, tag in HALVED))
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
