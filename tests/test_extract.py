"""pipeline.extract(): record shapes in, four typed tables out, and no document lost
(pipeline/batch.py, spec/outputs.md).

The deal rules are being tuned, so these tests check the table contract and invariants
(every input accounted for, offsets that slice the evidence, ids unique, values in range)
and compare runs with each other rather than with a fixed list of deals.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd
import pytest
import spacy

import pipeline
from pipeline import schema
from pipeline.components.deals import DealRelations
from pipeline.export import clean_text
from pipeline.names import names_match
from pipeline.readers import Record, iter_records
from pipeline.tables import Tables

extract_module = importlib.import_module("pipeline.batch")
RunStats = extract_module.RunStats

slow = pytest.mark.slow

TABLE_COLUMNS = {
    "mentions": schema.MENTION_COLUMNS,
    "deals": schema.DEAL_COLUMNS,
    "roles": schema.ROLE_COLUMNS,
    "errors": schema.ERROR_COLUMNS,
}
SHORT_DEAL = "Acme Corp agreed to buy Widget Inc for $10 million in cash."


# --- helpers -------------------------------------------------------------------------------


def seed_texts(seeds_dir: Path) -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))}


def assert_schema(tables: Tables) -> None:
    """Every table has exactly its schema columns, in order, with the schema dtypes."""
    assert isinstance(tables, Tables)
    for name, columns in TABLE_COLUMNS.items():
        df = getattr(tables, name)
        assert isinstance(df, pd.DataFrame), name
        assert tuple(df.columns) == columns, name
        for column in columns:
            dtype = df[column].dtype
            where = f"{name}.{column}"
            if column in schema.CATEGORIES:
                assert isinstance(dtype, pd.CategoricalDtype), (where, dtype)
                assert not dtype.ordered, where
                assert set(schema.CATEGORIES[column]) <= set(dtype.categories), where
                if column != "currency":  # currency may gain codes, type/status may not
                    assert list(dtype.categories) == list(schema.CATEGORIES[column]), where
            elif column in schema.LIST_COLUMNS:
                assert dtype == object, (where, dtype)  # noqa: E721 (a pandas dtype equals object)
                for value in df[column]:
                    assert type(value) is list, (where, value)
                    assert all(type(item) is str for item in value), (where, value)
            else:
                assert str(dtype) == str(schema.DTYPES[column]), (where, dtype)


def error_ids(tables: Tables) -> set[str]:
    return set(tables.errors["doc_id"].dropna())


def output_ids(tables: Tables) -> set[str]:
    return set(tables.mentions["doc_id"]) | set(tables.roles["doc_id"])


def assert_accounted(tables: Tables, stats: RunStats, input_ids: list[str]) -> None:
    """No document lost: each input is processed (counted by stats) or in errors, not both."""
    failed = error_ids(tables)
    assert failed <= set(input_ids)
    assert stats.documents + len(failed) == len(input_ids), (stats.documents, failed, input_ids)
    assert not (output_ids(tables) & failed)
    assert output_ids(tables) <= set(input_ids) - failed


def rows(df: pd.DataFrame, doc_ids: set[str]) -> list[dict]:
    """Rows of ``df`` for ``doc_ids`` as plain dicts (NA -> None), for comparing runs."""
    picked = df[df["doc_id"].isin(doc_ids)].reset_index(drop=True)
    return [
        {key: (None if not isinstance(value, list) and pd.isna(value) else value) for key, value in row.items()}
        for row in picked.astype(object).to_dict("records")
    ]


@pytest.fixture(scope="module")
def seeds_run(nlp, seeds_dir):
    """The five seeds as dicts with a date; the first one also with a title."""
    texts = seed_texts(seeds_dir)
    records = []
    for i, (doc_id, text) in enumerate(texts.items()):
        record = {"id": doc_id, "text": text, "date": f"2025-06-{10 + i:02d}"}
        if i == 0:
            record["title"] = "Meta bets big on Scale AI"
        records.append(record)
    stats = RunStats()
    tables = pipeline.extract(records, nlp=nlp, stats=stats)
    return records, tables, stats


def processed_text(record: dict) -> str:
    """The text the pipeline saw: the title is prepended as its own paragraph."""
    title = record.get("title")
    return f"{title}\n\n{record['text']}" if title else record["text"]


# --- input shapes ------------------------------------------------------------------------


def test_accepts_strings_dicts_and_records(nlp):
    records = [
        SHORT_DEAL,
        {"id": "d1", "text": SHORT_DEAL, "title": "Acme buys Widget", "date": "2024-03-04"},
        Record(id="r1", text=SHORT_DEAL, date="2024-03-05"),
    ]
    stats = RunStats()
    tables = pipeline.extract(records, nlp=nlp, stats=stats)
    assert_schema(tables)
    assert tables.errors.empty
    assert stats.documents == 3
    assert stats.words > 0
    # A plain string is identified by its position.
    assert output_ids(tables) <= {"0", "d1", "r1"}


def test_accepts_a_generator(nlp):
    stats = RunStats()
    tables = pipeline.extract((text for text in [SHORT_DEAL, SHORT_DEAL]), nlp=nlp, stats=stats)
    assert stats.documents == 2
    assert tables.errors.empty


def test_rejects_other_record_types(nlp):
    with pytest.raises(TypeError, match="Record"):
        pipeline.extract([42], nlp=nlp)


def test_empty_input_gives_four_empty_typed_tables(nlp):
    tables = pipeline.extract([], nlp=nlp)
    assert_schema(tables)
    for _, df in tables:
        assert df.empty


# --- table contract on the seeds ---------------------------------------------------------


def test_seed_tables_have_schema_columns_and_dtypes(seeds_run):
    _, tables, _ = seeds_run
    assert_schema(tables)
    assert len(tables.mentions) and len(tables.deals) and len(tables.roles)


def test_seed_run_accounts_for_every_document(seeds_run):
    records, tables, stats = seeds_run
    assert tables.errors.empty, tables.errors.to_dict("records")
    assert_accounted(tables, stats, [r["id"] for r in records])
    assert stats.documents == 5


def test_mention_ids_unique_and_tied_to_doc(seeds_run):
    _, tables, _ = seeds_run
    mentions = tables.mentions
    assert mentions["mention_id"].is_unique
    assert mentions["mention_id"].notna().all() and mentions["doc_id"].notna().all()
    for doc_id, mention_id in zip(mentions["doc_id"], mentions["mention_id"]):
        assert mention_id.startswith(doc_id)


def test_sentence_offsets_slice_the_evidence(seeds_run):
    records, tables, _ = seeds_run
    texts = {r["id"]: processed_text(r) for r in records}
    checked = 0
    for row in tables.mentions.itertuples():
        if pd.isna(row.evidence):
            continue
        assert not pd.isna(row.sentence_start) and not pd.isna(row.sentence_end), row
        text = texts[row.doc_id]
        assert 0 <= row.sentence_start < row.sentence_end <= len(text), row
        assert clean_text(text[row.sentence_start : row.sentence_end]) == row.evidence, row.mention_id
        checked += 1
    assert checked


def test_evidence_and_parties_are_clean_text(seeds_run):
    _, tables, _ = seeds_run
    m = tables.mentions
    for column in ("evidence", "target", "seller"):
        for value in m[column].dropna():
            assert value == clean_text(value) and value, (column, value)
    for names, norms in zip(m["buyers"], m["buyers_norm"]):
        assert len(names) == len(norms)
        assert all(name == clean_text(name) and name for name in names)


def test_confidence_in_unit_interval(seeds_run):
    _, tables, _ = seeds_run
    for name in ("mentions", "deals", "roles"):
        confidence = getattr(tables, name)["confidence"]
        assert confidence.notna().all(), name
        assert ((confidence >= 0) & (confidence <= 1)).all(), (name, confidence.tolist())


def test_amount_bounds_are_consistent(seeds_run):
    _, tables, _ = seeds_run
    for row in tables.mentions.itertuples():
        if not pd.isna(row.amount):
            assert row.amount >= 0
        if not pd.isna(row.amount_min) and not pd.isna(row.amount_max):
            assert row.amount_min <= row.amount_max
        if not pd.isna(row.stake_pct):
            assert 0 < row.stake_pct <= 100, row


def test_roles_have_person_and_title(seeds_run):
    _, tables, _ = seeds_run
    roles = tables.roles
    assert roles["person"].notna().all() and roles["title"].notna().all()
    assert roles["evidence"].notna().all()


def test_seeds_find_meta_investing_in_scale_ai(seeds_run):
    _, tables, _ = seeds_run
    for df in (tables.mentions, tables.deals):
        assert any(
            names_match(row.target, "Scale AI") and any(names_match(buyer, "Meta") for buyer in row.buyers)
            for row in df.itertuples()
        ), df[["buyers", "target"]].to_dict("records")


def test_deals_consolidate_every_mention_once(seeds_run):
    records, tables, _ = seeds_run
    dates = {r["id"]: r["date"] for r in records}
    mentions, deals = tables.mentions, tables.deals
    assert deals["deal_id"].is_unique
    listed = [mention_id for ids in deals["mention_ids"] for mention_id in ids]
    assert sorted(listed) == sorted(mentions["mention_id"])
    doc_of = dict(zip(mentions["mention_id"], mentions["doc_id"]))
    for deal in deals.itertuples():
        assert deal.n_sources == len(deal.doc_ids) == len(set(deal.doc_ids))
        assert set(deal.doc_ids) == {doc_of[m] for m in deal.mention_ids}
        # Dated records date the deal: first/last seen are the dates of its documents.
        assert deal.first_seen == min(dates[d] for d in deal.doc_ids)
        assert deal.last_seen == max(dates[d] for d in deal.doc_ids)


# --- no document lost --------------------------------------------------------------------


def test_records_without_text_become_error_rows(nlp, seeds_dir):
    good = seed_texts(seeds_dir)["004_1776f951ce26e68a"]
    records = [
        {"id": "empty", "text": ""},
        {"id": "good", "text": good},
        {"id": "none", "text": None},
        {"id": "missing"},
        {"id": "blank", "text": "  \n\t "},
        Record(id="record-none", text=None),  # type: ignore[arg-type]
    ]
    stats = RunStats()
    tables = pipeline.extract(records, nlp=nlp, stats=stats)
    assert_schema(tables)
    errors = tables.errors
    assert set(errors["doc_id"]) == {"empty", "none", "missing", "blank", "record-none"}
    assert errors["doc_id"].is_unique
    assert (errors["stage"] == "read").all()
    assert errors["error"].notna().all()
    assert stats.documents == 1
    assert "good" in set(tables.mentions["doc_id"])
    assert_accounted(tables, stats, [r["id"] if isinstance(r, dict) else r.id for r in records])


def test_document_longer_than_max_doc_chars_becomes_error_row(nlp):
    # Longer than max_chars: split into pieces and processed (tests/test_scale.py);
    # longer than max_doc_chars: reported.
    long_text = SHORT_DEAL + " " + "The company said nothing more. " * 10
    assert len(long_text) > 100 >= len(SHORT_DEAL)
    stats = RunStats()
    tables = pipeline.extract(
        [{"id": "short", "text": SHORT_DEAL}, {"id": "long", "text": long_text}, {"id": "short2", "text": SHORT_DEAL}],
        nlp=nlp,
        stats=stats,
        max_chars=50,
        chunk_chars=50,
        max_doc_chars=100,
    )
    assert_schema(tables)
    assert tables.errors["doc_id"].tolist() == ["long"]
    row = tables.errors.iloc[0]
    assert row["stage"] == "tokenize"
    assert row["error"] == f"too long: {len(long_text):,} characters, limit 100"
    assert stats.documents == 2
    assert_accounted(tables, stats, ["short", "long", "short2"])


def boom_on(monkeypatch) -> None:
    """Make the deal relations component raise on any document containing "BOOM"."""
    original = DealRelations.__call__

    def exploding(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("BOOM: relation rules exploded")
        return original(self, doc)

    monkeypatch.setattr(DealRelations, "__call__", exploding)


@pytest.mark.parametrize("position", [0, 1, 2])
def test_component_failure_becomes_error_row_others_kept(nlp, seeds_dir, monkeypatch, position):
    texts = seed_texts(seeds_dir)
    good = [
        {"id": "a", "text": texts["004_1776f951ce26e68a"]},
        {"id": "b", "text": texts["003_e889baadfc38e533"]},
    ]
    reference = pipeline.extract(good, nlp=nlp)
    assert len(reference.mentions), "seed 003/004 give no deal: pick other seeds for this test"

    boom_on(monkeypatch)
    records = list(good)
    records.insert(position, {"id": "boom", "text": "BOOM. " + SHORT_DEAL})
    stats = RunStats()
    tables = pipeline.extract(records, nlp=nlp, stats=stats, batch_size=2)
    assert_schema(tables)
    assert tables.errors["doc_id"].tolist() == ["boom"]
    error = tables.errors.iloc[0]
    assert error["stage"] == "pipeline"
    assert "BOOM: relation rules exploded" in error["error"]
    assert "spacy_deals_deal_relations" in error["error"]
    assert_accounted(tables, stats, [r["id"] for r in records])
    # The other documents come through exactly as they do without the failing one.
    assert rows(tables.mentions, {"a", "b"}) == rows(reference.mentions, {"a", "b"})
    assert rows(tables.roles, {"a", "b"}) == rows(reference.roles, {"a", "b"})


def test_every_document_failing_loses_none(nlp, monkeypatch):
    boom_on(monkeypatch)
    stats = RunStats()
    ids = [f"b{i}" for i in range(5)]
    tables = pipeline.extract(
        [{"id": i, "text": "BOOM " + SHORT_DEAL} for i in ids], nlp=nlp, stats=stats, batch_size=2
    )
    assert sorted(tables.errors["doc_id"]) == ids
    assert stats.documents == 0
    assert tables.mentions.empty and tables.deals.empty


def test_errors_passed_in_are_kept(nlp):
    earlier = {"doc_id": None, "source": "in.jsonl", "line": 3, "stage": "read", "error": "malformed JSON"}
    tables = pipeline.extract([SHORT_DEAL], nlp=nlp, errors=[earlier])
    assert tables.errors.astype(object).where(tables.errors.notna(), None).to_dict("records") == [earlier]


def test_errors_a_lazy_reader_reports_during_the_run_are_kept(nlp, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "ok", "text": "%s"}\n{"id": "bad", "text": oops}\n' % SHORT_DEAL, encoding="utf-8")
    errors: list[dict] = []
    tables = pipeline.extract(iter_records([path], errors=errors), nlp=nlp, errors=errors)
    assert tables.errors["line"].tolist() == [2]
    assert tables.errors["source"].tolist() == [str(path)]


def test_extract_does_not_change_how_nlp_reports_errors(nlp, monkeypatch):
    nlp.default_error_handler = spacy.util.raise_error
    pipeline.extract([SHORT_DEAL], nlp=nlp)
    boom_on(monkeypatch)
    with pytest.raises(RuntimeError, match="BOOM"):
        nlp("BOOM. " + SHORT_DEAL)


@slow
def test_n_process_2_gives_same_tables(nlp, seeds_run):
    records, single, _ = seeds_run
    stats = RunStats()
    tables = pipeline.extract(records, nlp=nlp, n_process=2, batch_size=2, stats=stats)
    assert tables.errors.empty, tables.errors["error"].tolist()
    assert stats.documents == 5
    ids = {r["id"] for r in records}
    assert rows(tables.mentions, ids) == rows(single.mentions, ids)
    assert rows(tables.roles, ids) == rows(single.roles, ids)


def test_documents_triage_keeps_nothing_of_skip_the_pipeline_in_their_place(nlp, seeds_dir, monkeypatch):
    """Empty triaged Docs come back unprocessed between the processed ones, a failing
    Doc among them is still reported, and nothing else changes."""
    texts = seed_texts(seeds_dir)
    quiet = "Rain is expected in the north on Tuesday. Temperatures will fall."
    good = [
        {"id": "a", "text": texts["004_1776f951ce26e68a"]},
        {"id": "q1", "text": quiet},
        {"id": "b", "text": texts["003_e889baadfc38e533"]},
        {"id": "q2", "text": quiet},
    ]
    reference = pipeline.extract(good, nlp=nlp)
    boom_on(monkeypatch)
    seen: list[int] = []
    exploding = DealRelations.__call__

    def counting(self, doc):
        seen.append(len(doc))
        return exploding(self, doc)

    monkeypatch.setattr(DealRelations, "__call__", counting)
    records = good[:2] + [{"id": "boom", "text": "BOOM. " + SHORT_DEAL}] + good[2:]
    stats = RunStats()
    tables = pipeline.extract(records, nlp=nlp, stats=stats, batch_size=8)
    assert seen and min(seen) > 0 and len(seen) == 3  # a, boom, b: not the quiet ones
    assert tables.errors["doc_id"].tolist() == ["boom"]
    assert_accounted(tables, stats, [r["id"] for r in records])
    assert stats.documents == 4
    assert rows(tables.mentions, {"a", "b"}) == rows(reference.mentions, {"a", "b"})
    assert rows(tables.roles, {"a", "b"}) == rows(reference.roles, {"a", "b"})
