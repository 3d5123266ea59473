"""Measure a trained ner against the stock one: ORG recognition, dev scores, speed.

usage: python scripts/evaluate.py NER_DIR METRICS_DIR

Writes to METRICS_DIR (and prints):

- org_recognition.txt: ``benchmarks/org_recognition.py --ner-dir NER_DIR`` (fire-dev-* ids:
  the pipeline with the stock ner, and with the component in NER_DIR in its place);
- halfscores_stock.txt, halfscores_fire.txt: ``benchmarks/halfscores.py`` without and with
  ``--ner-dir NER_DIR`` (deal and role scores of every dev set, per even/odd half, and
  the fire-dev-* ids alone: fire_dev's full set holds the fire-train-* sentences);
- speed.txt: ``scripts/speed.py NER_DIR 300``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent


def run(name: str, command: list[str], metrics: Path) -> None:
    out = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    (metrics / name).write_text(out, encoding="utf8")
    print(f"== {name}\n{out}", end="")


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    ner_dir, metrics = str(Path(argv[0]).resolve()), Path(argv[1]).resolve()
    metrics.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    run("org_recognition.txt", [py, str(ROOT / "benchmarks" / "org_recognition.py"), "--ner-dir", ner_dir], metrics)
    run("halfscores_stock.txt", [py, str(ROOT / "benchmarks" / "halfscores.py")], metrics)
    run("halfscores_fire.txt", [py, str(ROOT / "benchmarks" / "halfscores.py"), "--ner-dir", ner_dir], metrics)
    run("speed.txt", [py, str(HERE / "speed.py"), ner_dir, "300"], metrics)
    return 0


if __name__ == "__main__":
    sys.exit(main())
