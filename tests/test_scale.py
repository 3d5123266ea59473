"""Runs at scale (pipeline/batch.py, pipeline/run.py): rows written chunk by chunk, runs
stopped midway and resumed, run.json, and bad input at scale (huge documents, lines
without sentence breaks, binary junk, mixed encodings).

Real sizes are only used where no model runs (splitting a 20 MB text); everything that
goes through the model uses small limits and small chunks.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline import documents, schema, texts
from pipeline import run as run_module
from pipeline.batch import RunStats, extract_chunks
from pipeline.components.deals import DealRelations
from pipeline.export import clean_text
from pipeline.options import Options
from pipeline.outdir import OutdirError
from pipeline.readback import read_tables
from pipeline.readers import Record, iter_records
from pipeline.run import run_extract
from pipeline.tables import concat
from pipeline.texts import split_text

DEAL = "Acme Corp agreed to buy Widget Inc for $10 million in cash."
FILLER = "The company said it expected the deal to close next year."


@pytest.fixture(autouse=True)
def _restore_error_handler(nlp):
    handler = nlp.default_error_handler
    yield
    nlp.default_error_handler = handler


def plain(df: pd.DataFrame, keys: list[str]) -> list[dict]:
    """Rows as plain dicts (NA -> None) sorted by ``keys``, for comparing two runs."""
    if df.empty:
        return []
    ordered = df.sort_values(keys, kind="stable", na_position="first").astype(object).to_dict("records")
    return [{k: (None if not isinstance(v, list) and pd.isna(v) else v) for k, v in row.items()} for row in ordered]


SORT_KEYS = {
    "mentions": ["mention_id"],
    "deals": ["deal_id"],
    "roles": ["doc_id", "evidence", "person", "title", "org"],
    "errors": ["source", "line", "doc_id", "stage", "error"],
}


def assert_same_tables(got, want) -> None:
    for name, keys in SORT_KEYS.items():
        assert plain(getattr(got, name), keys) == plain(getattr(want, name), keys), name


def long_text(n_chars: int) -> str:
    """Paragraphs of a few sentences, one deal per paragraph, ``n_chars`` long or more."""
    paragraphs = []
    length = 0
    while length < n_chars:
        i = len(paragraphs)
        paragraphs.append(f"Acme {i} Corp agreed to buy Widget {i} Inc for ${i + 1} million in cash. {FILLER}")
        length += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


# --- splitting long texts (no model) --------------------------------------------------


def assert_pieces(text: str, spans: list[tuple[int, int]], chunk_chars: int) -> None:
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end == start  # consecutive, nothing lost
    assert all(0 < end - start <= chunk_chars for start, end in spans)


def test_split_text_prefers_paragraphs_then_sentences_then_spaces():
    paragraphs = "First paragraph. It has two sentences.\n\nSecond one here. Also two."
    spans = split_text(paragraphs, 50)
    assert_pieces(paragraphs, spans, 50)
    assert paragraphs[spans[0][0] : spans[0][1]] == "First paragraph. It has two sentences.\n\n"

    sentences = "One sentence here. Another sentence there. And a third one now."
    spans = split_text(sentences, 50)
    assert_pieces(sentences, spans, 50)
    assert sentences[: spans[0][1]] == "One sentence here. Another sentence there. "

    words = "word " * 30
    spans = split_text(words, 22)
    assert_pieces(words, spans, 22)
    assert all(words[start:end].endswith(" ") for start, end in spans[:-1])

    solid = "x" * 105
    assert split_text(solid, 50) == [(0, 50), (50, 100), (100, 105)]
    assert split_text("short", 50) == [(0, 5)]


def test_twenty_megabytes_are_split_quickly_without_the_model():
    text = long_text(20_000_000)
    assert len(text) >= 20_000_000
    record = Record(id="huge", text=text)
    errors: list[dict] = []
    started = time.perf_counter()
    spans = texts.text_spans(record, errors, Options())  # what decides how a text is processed
    elapsed = time.perf_counter() - started
    assert errors == []
    assert elapsed < 5, elapsed
    assert_pieces(text, spans, texts.CHUNK_CHARS)
    assert len(spans) >= len(text) // texts.CHUNK_CHARS
    # every cut falls after a paragraph break: no sentence is split
    assert all(text[end - 2 : end] == "\n\n" for _, end in spans[:-1])


def test_million_character_line_without_punctuation_is_split_quickly():
    words = "acme corp buys widget inc for ten million dollars and "
    line = (words * (1_000_000 // len(words) + 1))[:1_000_000]
    started = time.perf_counter()
    spans = split_text(line, texts.CHUNK_CHARS)
    assert time.perf_counter() - started < 2
    assert_pieces(line, spans, texts.CHUNK_CHARS)
    # Shorter than max_chars, but a line with no sentence break is split all the same:
    # the model and the rules slow down badly on one sentence of 170,000 words.
    started = time.perf_counter()
    assert texts.text_spans(Record(id="line", text=line), [], Options()) == spans
    assert time.perf_counter() - started < 2
    # An ordinary long article is processed whole.
    article = long_text(texts.MAX_CHARS - 200)
    assert texts.text_spans(Record(id="article", text=article), [], Options()) == [(0, len(article))]


def test_a_line_without_any_space_is_cut_hard():
    junk = "a" * 1_000_000
    started = time.perf_counter()
    spans = split_text(junk, 100_000)
    assert time.perf_counter() - started < 2
    assert spans == [(i, i + 100_000) for i in range(0, 1_000_000, 100_000)]


# --- long documents through the model --------------------------------------------------


def test_document_over_max_chars_is_processed_in_pieces(nlp):
    text = long_text(10_000)
    records = [{"id": "short", "text": DEAL}, {"id": "long", "text": text, "date": "2024-05-01"}]
    stats = RunStats()
    tables = pipeline.extract(records, nlp=nlp, stats=stats, max_chars=2_000, chunk_chars=500)
    assert tables.errors.empty, tables.errors.to_dict("records")
    assert stats.documents == 2 and stats.split_documents == 1
    mentions = tables.mentions[tables.mentions["doc_id"] == "long"]
    # mention ids are numbered on across the pieces
    assert mentions["mention_id"].tolist() == [f"long#{i}" for i in range(len(mentions))]
    assert tables.mentions["mention_id"].is_unique
    # offsets point into the whole text, also in pieces after the first
    assert mentions["sentence_start"].max() > 5_000
    for row in mentions.itertuples():
        assert clean_text(text[row.sentence_start : row.sentence_end]) == row.evidence
    assert len(mentions) >= len(text) // 500  # deals found all along the text


def test_a_failing_piece_reports_the_whole_document(nlp, monkeypatch):
    original = DealRelations.__call__

    def exploding(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("BOOM in a late piece")
        return original(self, doc)

    monkeypatch.setattr(DealRelations, "__call__", exploding)
    text = long_text(3_000) + "\n\nBOOM. " + DEAL
    records = [{"id": "a", "text": DEAL}, {"id": "long", "text": text}, {"id": "b", "text": DEAL}]
    stats = RunStats()
    tables = pipeline.extract(records, nlp=nlp, stats=stats, max_chars=1_000, chunk_chars=500)
    assert tables.errors["doc_id"].tolist() == ["long"]
    assert "BOOM in a late piece" in tables.errors["error"].iloc[0]
    assert "long" not in set(tables.mentions["doc_id"])
    assert stats.documents == 2


def test_a_piece_that_cannot_be_tokenised_reports_the_whole_document(nlp, monkeypatch):
    original = documents.make_doc

    def failing(nlp, text, date, triage, start):
        if start:  # every piece after the first
            raise ValueError("tokenizer gave up")
        return original(nlp, text, date, triage, start)

    monkeypatch.setattr(documents, "make_doc", failing)
    records = [{"id": "long", "text": long_text(3_000)}, {"id": "a", "text": DEAL}]
    stats = RunStats()
    tables = pipeline.extract(records, nlp=nlp, stats=stats, max_chars=1_000, chunk_chars=500)
    assert tables.errors[["doc_id", "stage"]].values.tolist() == [["long", "tokenize"]]
    assert "tokenizer gave up" in tables.errors["error"].iloc[0]
    assert set(tables.mentions["doc_id"]) == {"a"}
    assert stats.documents == 1


def test_binary_junk_is_reported_not_processed(nlp, tmp_path):
    junk = "PK\x03\x04\x00\x00\x08\x00" * 500 + DEAL
    stats = RunStats()
    tables = pipeline.extract([{"id": "zip", "text": junk}, {"id": "ok", "text": DEAL}], nlp=nlp, stats=stats)
    assert stats.documents == 1
    row = tables.errors.iloc[0]
    assert (row["doc_id"], row["stage"]) == ("zip", "read")
    assert "binary" in row["error"] and "control characters" in row["error"]
    # a few control characters in a text are no reason to reject it
    assert texts.control_share("Acme\x03 bought\x1a Widget. " * 10) < texts.MAX_CONTROL_SHARE

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "image.txt").write_bytes(bytes(range(256)) * 200)
    (folder / "news.txt").write_text(DEAL, encoding="utf-8")
    info = run_extract([folder], tmp_path / "out", nlp=nlp)
    assert info["counts"]["documents"] == 1
    errors = read_tables(tmp_path / "out").errors
    assert errors["doc_id"].tolist() == ["image"]
    assert "binary" in errors["error"].iloc[0]


def test_mixed_encodings_in_one_file_are_processed(nlp, tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        "Société Générale agreed to buy Café Holdings for €10 million.\n\n".encode()
        + "Crédit Agricole said it acquired Bistro Corp for $5 million.\n".encode("cp1252")
    )
    info = run_extract([path], tmp_path / "out", nlp=nlp)
    assert info["counts"]["documents"] == 1
    assert info["counts"]["errors"] == 0
    # UTF-8 read as UTF-8, the cp1252 bytes as cp1252
    (record,) = iter_records([path])
    assert "Société Générale" in record.text and "Crédit Agricole" in record.text and "Ã" not in record.text
    tables = read_tables(tmp_path / "out")
    assert set(tables.mentions["doc_id"]) <= {"mixed"}
    assert "Ã" not in " ".join(tables.mentions["evidence"].dropna())


def test_document_beyond_the_hard_cap_is_reported(nlp, tmp_path):
    path = tmp_path / "in.jsonl"
    rows = [{"id": "big", "text": long_text(5_000)}, {"id": "ok", "text": DEAL}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    info = run_extract([path], tmp_path / "out", nlp=nlp, max_chars=1_000, chunk_chars=500, max_doc_chars=4_000)
    errors = read_tables(tmp_path / "out").errors
    assert errors["doc_id"].tolist() == ["big"]
    assert errors["error"].iloc[0].startswith("too long: ") and errors["error"].iloc[0].endswith("limit 4,000")
    assert info["counts"]["documents"] == 1
    assert info["settings"]["max_doc_chars"] == 4_000


# --- chunks ----------------------------------------------------------------------------


def test_extract_chunks_gives_the_rows_of_extract_chunk_by_chunk(nlp, seeds_dir):
    records = [
        {"id": path.stem, "text": path.read_text(encoding="utf-8"), "date": f"2025-06-1{i}"}
        for i, path in enumerate(sorted(seeds_dir.glob("*.txt")))
    ]
    records.insert(2, {"id": "empty", "text": ""})
    errors = [{"doc_id": None, "source": "in.jsonl", "line": 3, "stage": "read", "error": "malformed JSON"}]
    stats = RunStats()
    chunks = list(extract_chunks(records, nlp=nlp, chunk_size=2, errors=errors, stats=stats))
    assert [chunk.number for chunk in chunks] == [1, 2, 3]
    assert [chunk.documents for chunk in chunks] == [2, 1, 2]  # "empty" is an error of chunk 2
    assert errors == []  # moved into the chunks
    assert chunks[0].errors["line"].tolist() == [3]
    assert chunks[1].errors["doc_id"].tolist() == ["empty"]
    assert stats.documents == 5 and stats.errors == 2
    assert chunks[0].doc_dates == {records[0]["id"]: "2025-06-10", records[1]["id"]: "2025-06-11"}
    whole = pipeline.extract([r for r in records if r["id"] != "empty"], nlp=nlp)
    assert plain(concat([c.mentions for c in chunks], schema.MENTION_COLUMNS), ["mention_id"]) == plain(
        whole.mentions, ["mention_id"]
    )
    assert plain(concat([c.roles for c in chunks], schema.ROLE_COLUMNS), SORT_KEYS["roles"]) == plain(
        whole.roles, SORT_KEYS["roles"]
    )
    assert list(extract_chunks([], nlp=nlp, chunk_size=2)) == []


def test_word_batches_keep_order_and_bound_documents_and_words():
    docs = ["a" * n for n in (3, 4, 2, 9, 1, 1, 1, 5)]  # len() stands for a Doc's tokens
    batches = list(documents.word_batches(docs, 3, 7))
    assert [doc for group in batches for doc in group] == docs
    assert batches == [["aaa", "aaaa"], ["aa"], ["a" * 9], ["a", "a", "a"], ["aaaaa"]]
    assert list(documents.word_batches([], 3, 7)) == []


def test_batches_bounded_in_words_give_the_same_tables(nlp, seeds_dir, monkeypatch):
    records = [{"id": path.stem, "text": path.read_text(encoding="utf-8")} for path in sorted(seeds_dir.glob("*.txt"))]
    records += [{"id": f"short{i}", "text": f"Acme {i} Corp agreed to buy Widget {i} Inc."} for i in range(4)]
    whole = pipeline.extract(records, nlp=nlp, triage=False)
    sizes: list[list[int]] = []
    real = documents.word_batches

    def spy(docs, max_docs, max_words):
        for group in real(docs, max_docs, max_words):
            sizes.append([len(doc) for doc in group])
            yield group

    monkeypatch.setattr(documents, "BATCH_WORDS", 40)
    monkeypatch.setattr(documents, "word_batches", spy)
    bounded = pipeline.extract(records, nlp=nlp, triage=False)
    assert len(sizes) > 5
    assert all(len(group) == 1 or sum(group) <= 40 for group in sizes)
    assert any(len(group) > 1 for group in sizes)  # the short texts share a batch
    assert_same_tables(bounded, whole)


def test_the_first_documents_keep_their_words_later_chunks_free_theirs(nlp, monkeypatch):
    import weakref

    monkeypatch.setattr(documents, "_WARMED", weakref.WeakKeyDictionary())
    monkeypatch.setattr(documents, "WARM_DOCUMENTS", 2)
    first = [{"id": f"w{i}", "text": f"Zorblaxian{i} Corp sold its unit."} for i in range(2)]
    assert len(list(extract_chunks(first, nlp=nlp, chunk_size=2))) == 1
    assert "Zorblaxian0" in nlp.vocab.strings and "Zorblaxian1" in nlp.vocab.strings  # kept: the tokenizer caches them
    later = [{"id": "w2", "text": "Quuxiform Corp sold its unit."}]
    assert len(list(extract_chunks(later, nlp=nlp, chunk_size=2))) == 1
    assert "Quuxiform" not in nlp.vocab.strings  # freed with its chunk


# --- runs stopped midway, and resumed ---------------------------------------------------


class Stop(KeyboardInterrupt):
    """Stands for the run being killed (a KeyboardInterrupt, which no ``except Exception``
    in the pipeline catches)."""


def corpus(seeds_dir: Path, tmp_path: Path) -> Path:
    """A JSON Lines input: the seeds, short deals, a malformed line and a row without text."""
    lines = []
    for i, path in enumerate(sorted(seeds_dir.glob("*.txt"))):
        lines.append(json.dumps({"id": path.stem, "text": path.read_text(encoding="utf-8"), "date": f"2025-06-1{i}"}))
    for i in range(6):
        lines.append(
            json.dumps(
                {
                    "id": f"short{i}",
                    "text": f"Acme {i} Corp agreed to buy Widget {i} Inc for ${i + 1} million.",
                    "date": f"2024-0{i + 1}-01",
                }
            )
        )
    lines.insert(3, '{"id": "broken", "text": oops}')
    lines.insert(7, json.dumps({"id": "notext", "title": "Nothing"}))
    lines.append(json.dumps({"id": "quiet", "text": "The weather was fine."}))
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stop_after(monkeypatch, n_records: int) -> None:
    """Make the run's reader raise Stop when asked for record ``n_records + 1``."""
    real = run_module.iter_records

    def stopping(*args, **kwargs):
        for count, record in enumerate(real(*args, **kwargs)):
            if count == n_records:
                raise Stop(f"killed after {n_records} records")
            yield record

    monkeypatch.setattr(run_module, "iter_records", stopping)


def final_files(outdir: Path) -> list[Path]:
    return [
        outdir / name for name in ("mentions.parquet", "deals.parquet", "roles.parquet", "errors.jsonl", "run.json")
    ]


def assert_whole_or_absent(outdir: Path) -> None:
    for path in final_files(outdir):
        if path.exists():
            if path.suffix == ".parquet":
                pq.read_table(path)
            elif path.name == "run.json":
                json.loads(path.read_text(encoding="utf-8"))
            else:
                for line in path.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        json.loads(line)
    assert not list(outdir.glob(".*.tmp"))


@pytest.fixture(scope="module")
def fresh(nlp, seeds_dir, tmp_path_factory):
    """A complete run over the corpus: what every resumed run must give."""
    folder = tmp_path_factory.mktemp("fresh")
    path = corpus(seeds_dir, folder)
    info = run_extract([path], folder / "out", nlp=nlp, chunk_size=3)
    return path, read_tables(folder / "out"), info


def test_rows_are_written_in_chunks_during_the_run(nlp, fresh, tmp_path, monkeypatch):
    path, _, _ = fresh
    stop_after(monkeypatch, 7)
    outdir = tmp_path / "out"
    with pytest.raises(Stop):
        run_extract([path], outdir, nlp=nlp, chunk_size=3)
    # 7 records read: two chunks of 3 complete; the seventh record's chunk was not.
    parts = outdir / ".parts"
    names = sorted(p.name for p in parts.iterdir())
    assert names == sorted(
        [f"{table}-{n:06d}.parquet" for table in ("mentions", "roles", "errors", "docs") for n in (1, 2)]
        + ["state.json"]
    )
    docs = pd.concat([pd.read_parquet(parts / f"docs-00000{n}.parquet") for n in (1, 2)])
    assert len(docs) == 6  # the malformed line and the row without text are not records
    assert not any(p.exists() for p in final_files(outdir))


@pytest.mark.parametrize("stopped_after", [1, 7, 11])
def test_a_stopped_run_resumed_equals_a_fresh_run(nlp, fresh, tmp_path, monkeypatch, stopped_after):
    path, reference, fresh_info = fresh
    outdir = tmp_path / "out"
    with monkeypatch.context() as patch:
        stop_after(patch, stopped_after)
        with pytest.raises(Stop):
            run_extract([path], outdir, nlp=nlp, chunk_size=3)
    assert_whole_or_absent(outdir)
    written = len(list((outdir / ".parts").glob("docs-*.parquet")))
    assert written == stopped_after // 3

    info = run_extract([path], outdir, nlp=nlp, chunk_size=3, resume=True)
    assert not (outdir / ".parts").exists()
    resumed = read_tables(outdir)
    assert_same_tables(resumed, reference)
    assert resumed.mentions["mention_id"].is_unique
    for name in ("mentions", "deals", "roles", "errors"):
        assert info["counts"][name] == fresh_info["counts"][name] == len(getattr(resumed, name)), name
    # the records of the complete chunks are skipped, the others processed
    assert info["counts"]["resumed_documents"] == written * 3
    assert info["counts"]["documents"] + info["counts"]["resumed_documents"] == fresh_info["counts"]["documents"]
    assert info["counts"]["documents_in_tables"] == fresh_info["counts"]["documents"]
    assert info["chunks"] == 4 - written


def test_resume_with_repeated_ids_equals_a_fresh_run(nlp, tmp_path, monkeypatch):
    """Inputs may repeat an id (each record is a document of its own): a resumed run
    skips as many records of an id as were done, not every record with that id."""
    texts = [
        ("dup", "Acme Corp agreed to buy Widget Inc for $5 million."),
        ("one", "Brix Corp agreed to buy Cobalt Inc for $6 million."),
        ("empty", ""),
        ("dup", "Delta Corp agreed to buy Ember Inc for $7 million."),
        ("empty", ""),
        ("two", "Fable Corp agreed to buy Gamut Inc for $8 million."),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in texts), encoding="utf-8")
    run_extract([source], tmp_path / "fresh", nlp=nlp, chunk_size=2)
    reference = read_tables(tmp_path / "fresh")
    assert sorted(reference.mentions["target"]) == ["Cobalt Inc", "Ember Inc", "Gamut Inc", "Widget Inc"]
    outdir = tmp_path / "out"
    with monkeypatch.context() as patch:
        stop_after(patch, 3)  # the first "dup", "one" and the first "empty" are done
        with pytest.raises(Stop):
            run_extract([source], outdir, nlp=nlp, chunk_size=2)
    info = run_extract([source], outdir, nlp=nlp, chunk_size=2, resume=True)
    assert info["counts"]["resumed_documents"] == 2
    assert_same_tables(read_tables(outdir), reference)


def test_resume_after_a_complete_run_then_a_stopped_one(nlp, fresh, tmp_path, monkeypatch):
    """Earlier final tables + chunks of a stopped resumed run + the rest = a fresh run."""
    path, reference, _ = fresh
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = tmp_path / "in.jsonl"
    first.write_text("".join(lines[:5]), encoding="utf-8")
    outdir = tmp_path / "out"
    run_extract([first], outdir, nlp=nlp, chunk_size=3)
    first.write_text("".join(lines), encoding="utf-8")  # the input grows
    with monkeypatch.context() as patch:
        stop_after(patch, 10)
        with pytest.raises(Stop):
            run_extract([first], outdir, nlp=nlp, chunk_size=3, resume=True)
    assert_whole_or_absent(outdir)
    assert (outdir / "mentions.parquet").exists()  # the earlier run's tables stay until replaced
    info = run_extract([first], outdir, nlp=nlp, chunk_size=3, resume=True)
    resumed = read_tables(outdir)
    errors = resumed.errors.assign(source=resumed.errors["source"].str.replace(str(first), str(path), regex=False))
    assert_same_tables(pipeline.tables.Tables(resumed.mentions, resumed.deals, resumed.roles, errors), reference)
    assert info["counts"]["resumed_documents"] >= 4


@pytest.mark.parametrize("earlier_run", [False, True])
def test_a_run_stopped_while_writing_its_final_tables_resumes(nlp, fresh, tmp_path, monkeypatch, earlier_run):
    """Stopped while the final tables were being written (after mentions and deals,
    before roles): OUTDIR keeps its earlier tables whole, and resuming gives the tables
    of a fresh run."""
    path, reference, _ = fresh
    outdir = tmp_path / "out"
    source = tmp_path / "in.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if earlier_run:  # a complete run over the first records, then a resumed run stopped
        source.write_text("".join(lines[:5]), encoding="utf-8")
        run_extract([source], outdir, nlp=nlp, chunk_size=3)
    source.write_text("".join(lines), encoding="utf-8")

    class Failing(run_module._Rows):
        def __iter__(self):
            for i, df in enumerate(super().__iter__()):
                if i == 1:
                    raise Stop("killed while writing roles")
                yield df

    before = read_tables(outdir) if earlier_run else None
    with monkeypatch.context() as patch:
        patch.setattr(run_module, "_Rows", Failing)
        with pytest.raises(Stop):
            run_extract([source], outdir, nlp=nlp, chunk_size=3, resume=earlier_run)
    assert (outdir / ".parts").is_dir()
    # the final tables are published as a whole: nothing of the stopped run is in OUTDIR yet
    if earlier_run:
        assert_same_tables(read_tables(outdir), before)
    else:
        assert not any(path.exists() for path in final_files(outdir))
    assert not list((outdir / ".state").glob("staging-*"))
    assert_whole_or_absent(outdir)
    run_extract([source], outdir, nlp=nlp, chunk_size=3, resume=True)
    resumed = read_tables(outdir)
    errors = resumed.errors.assign(source=resumed.errors["source"].str.replace(str(source), str(path), regex=False))
    assert_same_tables(pipeline.tables.Tables(resumed.mentions, resumed.deals, resumed.roles, errors), reference)


def test_a_fresh_run_ignores_chunks_of_an_earlier_stopped_run(nlp, fresh, tmp_path, monkeypatch):
    path, reference, _ = fresh
    outdir = tmp_path / "out"
    other = tmp_path / "other.jsonl"
    other.write_text(
        json.dumps({"id": "other", "text": DEAL}) + "\n" + json.dumps({"id": "x", "text": DEAL}) + "\n",
        encoding="utf-8",
    )
    with monkeypatch.context() as patch:
        stop_after(patch, 1)
        with pytest.raises(Stop):
            run_extract([other], outdir, nlp=nlp, chunk_size=1)
    assert (outdir / ".parts" / "docs-000001.parquet").exists()
    run_extract([path], outdir, nlp=nlp, chunk_size=3)
    assert_same_tables(read_tables(outdir), reference)


# --- run.json ------------------------------------------------------------------------------


def test_run_json_records_counts_timings_model_versions_and_settings(fresh, nlp, tmp_path):
    path, reference, info = fresh
    counts = info["counts"]
    assert counts["documents"] == 12  # 5 seeds, 6 short deals, 1 without deals
    assert counts["errors"] == len(reference.errors) == 2
    assert "resumed_documents" not in counts
    assert info["chunks"] == 4  # 14 lines, 12 records (a malformed line, a row without text), chunks of 3
    assert counts["words"] > 0
    timings = info["timings"]
    assert timings["seconds"] > 0 and timings["words_per_second"] > 0
    assert timings["total_seconds"] >= timings["seconds"]
    assert info["model"]["name"] and info["model"]["version"]
    assert set(info["versions"]) >= {"spacy_deals", "spacy", "python", "pandas", "pyarrow"}
    settings = info["settings"]
    assert settings["chunk_size"] == 3 and settings["triage"] is True
    assert settings["max_chars"] == texts.MAX_CHARS and settings["chunk_chars"] == texts.CHUNK_CHARS

    outdir = tmp_path / "out"
    run_extract([path], outdir, nlp=nlp, chunk_size=3)
    again = run_extract([path], outdir, nlp=nlp, chunk_size=3, resume=True)
    assert again["counts"]["resumed_documents"] == 12  # also "quiet", which gave no rows
    assert again["counts"]["documents"] == 0
    for name in ("mentions", "deals", "roles", "errors"):
        assert again["counts"][name] == counts[name], name
    written = json.loads((outdir / "run.json").read_text(encoding="utf-8"))
    assert written["counts"] == again["counts"]


@pytest.mark.slow
def test_two_processes_write_the_same_chunks_and_tables(nlp, fresh, tmp_path):
    path, reference, _ = fresh
    chunks = list(extract_chunks(run_module.iter_records([path]), nlp=nlp, chunk_size=5, n_process=2, batch_size=2))
    assert [chunk.documents for chunk in chunks] == [5, 5, 2]
    info = run_extract([path], tmp_path / "out", nlp=nlp, chunk_size=5, n_process=2, batch_size=2)
    assert info["counts"]["documents"] == 12
    assert_same_tables(read_tables(tmp_path / "out"), reference)


def test_resume_uses_the_document_list_of_its_own_run_only(nlp, fresh, tmp_path):
    path, reference, _ = fresh
    outdir = tmp_path / "out"
    run_extract([path], outdir, nlp=nlp, chunk_size=5)
    again = run_extract([path], outdir, nlp=nlp, chunk_size=5, resume=True)
    assert again["counts"]["documents"] == 0  # "quiet" gave no rows, yet it is known as done
    assert sorted(p.name for p in (outdir / ".state").iterdir()) == sorted(
        [f"documents-{again['run_id']}.parquet", "lock", "manifest.json"]
    )
    # run.json changed by something else: it is no longer ours, and the run is refused
    info = json.loads((outdir / "run.json").read_text(encoding="utf-8"))
    del info["run_id"]
    (outdir / "run.json").write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(OutdirError, match="run.json was not written by spacy-deals"):
        run_extract([path], outdir, nlp=nlp, chunk_size=5, resume=True)
    # A folder of an older version (no manifest, no run_id): its run.json names the
    # format of its tables, the document list does not apply, and only the documents with
    # rows in the tables are skipped.
    (outdir / ".state" / "manifest.json").unlink()
    third = run_extract([path], outdir, nlp=nlp, chunk_size=5, resume=True)
    assert third["counts"]["documents"] == 1
    assert_same_tables(read_tables(outdir), reference)


def test_a_run_leaves_the_pipeline_out_of_garbage_collection_while_it_runs(nlp):
    import gc

    assert gc.get_freeze_count() == 0
    chunks = pipeline.batch.extract_chunks(["Acme Corp agreed to buy Widget Inc."] * 3, nlp=nlp, chunk_size=1)
    next(chunks)
    assert gc.get_freeze_count() > 1000  # the loaded pipeline's objects, at least
    assert sum(1 for _ in chunks) == 2
    assert gc.get_freeze_count() == 0
