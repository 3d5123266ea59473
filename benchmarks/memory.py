"""Peak memory of a whole run against the number of articles.

For each N given, writes the first N rows of the Reuters corpus to a JSON Lines file and
runs what ``spacy-deals extract FILE -o OUT`` runs (``pipeline.run.run_extract`` with the
default settings: triage on, one process, Parquet, chunks of 500 documents) in a fresh
Python process, which reports its peak resident memory (``getrusage(RUSAGE_SELF)
.ru_maxrss``) and its resident memory once the model is loaded. Rows without a body are
reported in ``errors``, as in any real run. While the run goes, the resident memory is
sampled every half second from outside (psutil), to show whether it grows.

Run: python benchmarks/memory.py [N ...]          (default: 2000 20000)

The target: the peak for 20,000 articles within 10 % of the peak for 2,000.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl.gz"
SAMPLE_SECONDS = 0.5
MB = 1024 * 1024


def write_input(n: int, path: Path) -> int:
    """The first ``n`` rows of the corpus as a JSON Lines file; returns the rows written."""
    written = 0
    with gzip.open(CORPUS, "rt", encoding="utf8") as source, open(path, "w", encoding="utf8") as out:
        for line in source:
            if written == n:
                break
            out.write(line)
            written += 1
    return written


def child(input_path: str, outdir: str, model: str | None) -> None:
    """The measured process: load the model, run the extraction, report as JSON."""
    import resource

    from pipeline.loader import load
    from pipeline.run import run_extract

    process = psutil.Process()
    started = time.perf_counter()
    nlp = load(model)
    loaded_rss = process.memory_info().rss
    load_seconds = time.perf_counter() - started
    info = run_extract([Path(input_path)], Path(outdir), nlp=nlp)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(
        json.dumps(
            {
                "loaded_rss": loaded_rss,
                "end_rss": process.memory_info().rss,
                "peak_rss": peak_kib * 1024,
                "load_seconds": load_seconds,
                "info": info,
            }
        )
    )


def measure(n: int, workdir: Path, model: str | None) -> dict:
    """Run the child on the first ``n`` rows; its report plus the RSS samples taken."""
    input_path = workdir / f"reuters-{n}.jsonl"
    rows = write_input(n, input_path)
    outdir = workdir / f"out-{n}"
    command = [sys.executable, __file__, "--child", str(input_path), str(outdir)]
    if model:
        command += ["--model", model]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    watched = psutil.Process(proc.pid)
    samples: list[tuple[float, int]] = []
    while proc.poll() is None:
        try:
            samples.append((time.perf_counter() - started, watched.memory_info().rss))
        except psutil.NoSuchProcess:
            break
        time.sleep(SAMPLE_SECONDS)
    out, _ = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"the run on {n} articles failed (exit code {proc.returncode})")
    report = json.loads(out.strip().splitlines()[-1])
    report.update(rows=rows, wall_seconds=time.perf_counter() - started, samples=samples)
    return report


def rss_at(samples: list[tuple[float, int]], share: float) -> float:
    """Resident memory (MB) at ``share`` of the run's duration."""
    if not samples:
        return float("nan")
    end = samples[-1][0]
    for elapsed, rss in samples:
        if elapsed >= share * end:
            return rss / MB
    return samples[-1][1] / MB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="*", default=[2000, 20000], help="numbers of Reuters articles")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: pipeline.loader's choice)")
    parser.add_argument("--child", nargs=2, metavar=("INPUT", "OUTDIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.model)
        return

    reports = []
    with tempfile.TemporaryDirectory(prefix="spacy-deals-memory-") as tmp:
        for n in args.n:
            reports.append(measure(n, Path(tmp), args.model))

    print(f"run_extract (default settings) on the first N rows of {CORPUS.name}; one fresh process per run")
    header = (
        f"{'articles':>9}{'docs':>8}{'errors':>8}{'mentions':>9}{'deals':>7}{'roles':>7}{'seconds':>9}"
        f"{'words/s':>9}{'RSS load':>10}{'RSS 25%':>9}{'RSS 50%':>9}{'RSS 75%':>9}{'RSS end':>9}{'peak MB':>9}"
    )
    print(header)
    for report in reports:
        counts, timings = report["info"]["counts"], report["info"]["timings"]
        print(
            f"{report['rows']:>9,}{counts['documents']:>8,}{counts['errors']:>8,}{counts['mentions']:>9,}"
            f"{counts['deals']:>7,}{counts['roles']:>7,}{timings['total_seconds']:>9.1f}{timings['words_per_second']:>9,.0f}"
            f"{report['loaded_rss'] / MB:>10.0f}{rss_at(report['samples'], 0.25):>9.0f}{rss_at(report['samples'], 0.5):>9.0f}"
            f"{rss_at(report['samples'], 0.75):>9.0f}{report['end_rss'] / MB:>9.0f}{report['peak_rss'] / MB:>9.0f}"
        )
    if len(reports) > 1:
        first, last = reports[0], reports[-1]
        ratio = last["peak_rss"] / first["peak_rss"]
        growth = (last["peak_rss"] - first["peak_rss"]) / MB
        verdict = "within" if ratio <= 1.10 else "NOT within"
        print(
            f"peak RSS {last['rows']:,} vs {first['rows']:,} articles: x{ratio:.3f} ({growth:+.0f} MB), "
            f"{verdict} the 10 % target"
        )


if __name__ == "__main__":
    main()
