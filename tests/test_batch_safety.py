"""Safety of batch runs (pipeline/batch.py): API misuse raises clear errors before any
work, mention ids stay unique whatever the input ids, worker deaths are counted and
their lost records marked retryable, a time budget per document, pathological
punctuation runs, and long texts split well below spaCy's own limit.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from pathlib import Path

import pytest

import pipeline
from pipeline import batch, options, texts, workers
from pipeline.batch import RunStats, extract_chunks
from pipeline.components.deals import DealRelations
from pipeline.export import clean_text
from pipeline.readers import Record
from pipeline.records import MentionIds
from pipeline.triage import Triage

DEAL = "Acme Corp agreed to buy Widget Inc for $10 million in cash."
OTHER_DEAL = "Brix Corp agreed to buy Cobalt Inc for $6 million."


class NoPipeline:
    """Stands for a pipeline that must never be used (argument errors come first)."""

    def __getattr__(self, name):
        raise AssertionError(f"the pipeline was used ({name}) before the arguments were checked")


# --- E. API misuse -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "records, words",
    [
        ("Acme Corp agreed to buy Widget Inc.", ["pass [text]", "iter_records"]),
        (b"Acme Corp agreed to buy Widget Inc.", ["pass [text]"]),
        (Path("news.jsonl"), ["iter_records"]),
        ({"id": "a", "text": DEAL}, ["pass [record]"]),
        (Record(id="a", text=DEAL), ["pass [record]"]),
        (42, ["iterable"]),
    ],
)
def test_records_that_are_not_a_list_of_records_raise_a_type_error(records, words):
    for call in (pipeline.extract, extract_chunks):
        with pytest.raises(TypeError) as raised:
            call(records, nlp=NoPipeline())
        for word in words:
            assert word in str(raised.value)


def test_a_dataframe_is_refused_with_the_way_to_pass_its_rows():
    pd = pytest.importorskip("pandas")
    with pytest.raises(TypeError, match=r"to_dict\('records'\)"):
        pipeline.extract(pd.DataFrame({"id": ["a"], "text": [DEAL]}), nlp=NoPipeline())


@pytest.mark.parametrize(
    "settings, error, words",
    [
        ({"n_process": 0}, ValueError, ["n_process", "at least 1", "got 0"]),
        ({"n_process": -2}, ValueError, ["n_process", "-1 for every core", "got -2"]),
        ({"n_process": 2.0}, TypeError, ["n_process", "int", "float"]),
        ({"n_process": "2"}, TypeError, ["n_process", "str"]),
        ({"n_process": True}, TypeError, ["n_process", "bool"]),
        ({"batch_size": 0}, ValueError, ["batch_size", "at least 1", "got 0"]),
        ({"batch_size": -5}, ValueError, ["batch_size", "got -5"]),
        ({"batch_size": 8.5}, TypeError, ["batch_size", "float"]),
        ({"chunk_size": 0}, ValueError, ["chunk_size"]),
        ({"max_chars": "1000"}, TypeError, ["max_chars", "str"]),
    ],
)
def test_bad_settings_raise_before_any_work(settings, error, words):
    taken = []

    def records():
        taken.append(1)
        yield DEAL

    for call in (pipeline.extract, extract_chunks):
        if "chunk_size" in settings and call is pipeline.extract:
            continue
        with pytest.raises(error) as raised:
            call(records(), nlp=NoPipeline(), **settings)
        for word in words:
            assert word in str(raised.value)
    assert not taken  # not a record was read


def test_n_process_minus_one_means_every_core():
    assert options.check_n_process(-1) == options.available_cores() >= 1
    assert options.check_n_process(3) == 3


# --- D. mention ids unique whatever the ids ------------------------------------------------


def mention_ids(tables) -> list[str]:
    return sorted(tables.mentions["mention_id"])


def test_repeated_ids_give_distinct_mention_ids(nlp):
    records = [
        {"id": "a", "text": DEAL},
        {"id": "b", "text": DEAL},
        {"id": "a", "text": OTHER_DEAL},
        {"id": "a", "text": DEAL},
    ]
    tables = pipeline.extract(records, nlp=nlp)
    assert tables.mentions["mention_id"].is_unique
    assert mention_ids(tables) == ["a#0", "a(2)#0", "a(3)#0", "b#0"]
    assert sorted(tables.mentions["doc_id"]) == ["a", "a", "a", "b"]  # doc_id as given
    assert {tuple(ids) for ids in tables.deals["mention_ids"]} >= {("a(2)#0",)}


def test_an_id_that_looks_like_a_repeat_does_not_collide(nlp):
    records = [{"id": "a", "text": DEAL}, {"id": "a", "text": DEAL}, {"id": "a(2)", "text": OTHER_DEAL}]
    tables = pipeline.extract(records, nlp=nlp)
    assert mention_ids(tables) == ["a#0", "a(2)#0", "a(2)(1)#0"]


def test_positional_ids_do_not_collide_with_explicit_ones(nlp):
    # a string at position 1 would be "1", like the dict before it
    tables = pipeline.extract([{"id": "1", "text": DEAL}, OTHER_DEAL, DEAL, {"id": "2", "text": DEAL}], nlp=nlp)
    assert tables.mentions["mention_id"].is_unique
    assert sorted(zip(tables.mentions["doc_id"], tables.mentions["mention_id"])) == [
        ("1", "1#0"),
        ("1-2", "1-2#0"),
        ("2", "2#0"),
        ("2", "2(2)#0"),
    ]


def test_mention_ids_are_the_same_with_worker_processes(nlp):
    records = [
        {"id": "a", "text": DEAL},
        {"id": "a", "text": OTHER_DEAL},
        DEAL,
        {"id": "2", "text": DEAL},
        {"id": "a", "text": DEAL},
    ]
    one = pipeline.extract(records, nlp=nlp)
    two = pipeline.extract(records, nlp=nlp, n_process=2, batch_size=2)
    assert mention_ids(one) == mention_ids(two) == ["2#0", "2(2)#0", "a#0", "a(2)#0", "a(3)#0"]


def test_a_resumed_run_that_counts_skipped_records_gives_a_fresh_runs_ids(nlp):
    records = [
        Record(id=i, text=t)
        for i, t in [("a", DEAL), ("b", DEAL), ("a", OTHER_DEAL), ("", ""), ("a", DEAL), ("b", OTHER_DEAL)]
    ]
    fresh = batch.tables_from_chunks(list(extract_chunks(records, nlp=nlp)))
    ids = MentionIds()
    for record in records[:3]:  # done by an earlier run
        ids.skip(record.id)
    resumed = batch.tables_from_chunks(list(extract_chunks(records[3:], nlp=nlp, mention_ids=ids)))
    assert mention_ids(resumed) == ["a(3)#0", "b(2)#0"]
    assert set(mention_ids(resumed)) <= set(mention_ids(fresh))
    assert mention_ids(fresh) == ["a#0", "a(2)#0", "a(3)#0", "b#0", "b(2)#0"]


def test_the_id_table_stays_small_for_many_ids():
    ids = MentionIds()
    for i in range(200_000):
        ids.skip(f"doc-{i}")
    assert ids.take({"id": "doc-7", "text": DEAL}, 0)[1] == "doc-7(2)"
    assert ids.take({"id": "new", "text": DEAL}, 1)[1] == "new"
    assert len(ids._seen._table) * 8 <= 16 * 200_000 * 2  # bytes: a few per id


# --- F. worker deaths counted, lost records retryable --------------------------------------


def test_worker_deaths_are_counted_logged_and_their_records_retryable(nlp, monkeypatch, caplog):
    original = DealRelations.__call__

    def dying(self, doc):
        if "DIE" in doc.text:
            os._exit(3)  # a crash in native code, an out-of-memory kill
        return original(self, doc)

    monkeypatch.setattr(DealRelations, "__call__", dying)  # inherited by the forked workers
    records = [{"id": f"d{i}", "text": DEAL} for i in range(5)]
    records.insert(2, {"id": "die", "text": "DIE. " + DEAL})
    stats = RunStats()
    with caplog.at_level(logging.WARNING, logger="pipeline.workers"):
        tables = pipeline.extract(records, nlp=nlp, n_process=2, batch_size=2, stats=stats)
    # the batch holding "die" kills a worker, kills one again when run alone, then its
    # records run one by one: "die" kills a worker twice more (with others, then alone)
    assert stats.worker_deaths >= 3
    warnings = [r.getMessage() for r in caplog.records if r.name == "pipeline.workers" and r.levelno == logging.WARNING]
    assert len(warnings) == stats.worker_deaths
    assert "died" in warnings[0] and "records are sent again" in warnings[0]
    # which death comes second depends on the workers' timing; one of the later ones
    # sends the batch of "die" one by one
    assert any("sent again one by one" in warning for warning in warnings[1:])
    assert "'die'" in warnings[-1] and "reported in errors" in warnings[-1]
    lost = tables.errors.to_dict("records")
    assert [row["doc_id"] for row in lost] == ["die"]  # its batch-mate d2 came through
    assert lost[0]["error"] == batch.KILLED_WORKER and not batch.is_retryable(lost[0])
    assert sorted(set(tables.mentions["doc_id"])) == [f"d{i}" for i in range(5)]
    info = batch.run_info(nlp, stats, tables)
    assert info["counts"]["worker_deaths"] == stats.worker_deaths


def test_only_lost_documents_are_retryable():
    record = Record(id="x", text="")
    assert batch.is_retryable(texts.record_error(record, "pipeline", batch.WORKER_DIED))
    # the wording of earlier versions, in the errors table of an earlier run
    assert batch.is_retryable(
        {
            "stage": "pipeline",
            "error": "the worker process processing this document died (rerun with --n-process 1 to see why)",
        }
    )
    assert not batch.is_retryable(texts.record_error(record, "pipeline", workers.LOST_IN_WORKER))
    assert not batch.is_retryable(texts.record_error(record, "pipeline", "deals: RuntimeError: boom"))
    assert not batch.is_retryable(texts.record_error(record, "read", "the document has no text"))
    assert not batch.is_retryable(texts.record_error(record, "tokenize", batch.WORKER_DIED))
    assert not batch.is_retryable(None)


def test_a_run_without_deaths_counts_none(nlp):
    stats = RunStats()
    pipeline.extract([DEAL, OTHER_DEAL], nlp=nlp, stats=stats)
    assert stats.worker_deaths == 0 and batch.run_info(nlp, stats, {})["counts"]["worker_deaths"] == 0


# --- A. a time budget per document ---------------------------------------------------------


@pytest.fixture
def slow_relations(monkeypatch):
    """Deal relations that take 30 s on a text holding SLOW (the budget cuts it short)."""
    original = DealRelations.__call__

    def slow(self, doc):
        if "SLOW" in doc.text:
            time.sleep(30)
        return original(self, doc)

    monkeypatch.setattr(DealRelations, "__call__", slow)  # inherited by forked workers


def three_records():
    return [{"id": "d0", "text": DEAL}, {"id": "slow", "text": "SLOW. " + OTHER_DEAL}, {"id": "d1", "text": OTHER_DEAL}]


def assert_only_slow_timed_out(tables, budget: float, where: str) -> None:
    errors = tables.errors.to_dict("records")
    assert [row["doc_id"] for row in errors] == ["slow"]
    assert errors[0]["stage"] == workers.TIMEOUT_STAGE == "timeout"
    assert errors[0]["error"].startswith(f"took more than {budget:g} s (time budget; --time-budget) {where}")
    assert not batch.is_retryable(errors[0])
    assert sorted(tables.mentions["doc_id"]) == ["d0", "d1"]  # the rest of the batch is processed


def test_a_document_over_its_time_budget_is_reported_and_its_batch_goes_on(nlp, slow_relations):
    stats = RunStats()
    started = time.monotonic()
    tables = pipeline.extract(three_records(), nlp=nlp, time_budget=0.5, stats=stats)
    assert time.monotonic() - started < 10
    assert_only_slow_timed_out(tables, 0.5, "in the pipeline")
    assert stats.timeouts == 1 and batch.run_info(nlp, stats, tables)["counts"]["timeouts"] == 1
    # the same documents give the same rows as without the slow one in the batch
    alone = pipeline.extract([three_records()[0], three_records()[2]], nlp=nlp)
    assert tables.mentions.drop(columns="mention_id").equals(alone.mentions.drop(columns="mention_id"))


def test_the_time_budget_holds_in_worker_processes(nlp, slow_relations):
    tables = pipeline.extract(three_records(), nlp=nlp, time_budget=0.5, n_process=2, batch_size=3)
    assert_only_slow_timed_out(tables, 0.5, "in the pipeline")


def test_the_time_budget_holds_while_tokenising(nlp, monkeypatch):
    original = type(nlp).make_doc

    def slow_make_doc(self, text):
        if "SLOW" in text:
            time.sleep(30)
        return original(self, text)

    monkeypatch.setattr(type(nlp), "make_doc", slow_make_doc)
    for triage in (True, False):  # with triage, the tokenizer runs on the kept text
        tables = pipeline.extract(three_records(), nlp=nlp, time_budget=0.4, triage=triage)
        assert_only_slow_timed_out(tables, 0.4, "while tokenising")


def test_the_time_budget_holds_in_triage(nlp, monkeypatch):
    original = Triage.select

    def slow_select(self, text):
        if "SLOW" in text:
            while True:  # busy, not sleeping
                pass
        return original(self, text)

    monkeypatch.setattr(Triage, "select", slow_select)
    assert_only_slow_timed_out(pipeline.extract(three_records(), nlp=nlp, time_budget=0.4), 0.4, "while tokenising")


def test_the_time_budget_leaves_signal_handlers_and_timers_as_it_found_them(nlp, slow_relations):
    fired = []

    def mine(signum, frame):
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        signal.setitimer(signal.ITIMER_REAL, 100)
        pipeline.extract(three_records(), nlp=nlp, time_budget=0.3)
        assert signal.getsignal(signal.SIGALRM) is mine
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 80 < left < 100  # still running, less what the run took
        signal.setitimer(signal.ITIMER_REAL, 0.05)  # the handler still works
        time.sleep(0.2)
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_no_budget_means_no_timer(nlp, monkeypatch):
    original = DealRelations.__call__

    def slowish(self, doc):
        if "SLOW" in doc.text:
            time.sleep(0.3)
        return original(self, doc)

    monkeypatch.setattr(DealRelations, "__call__", slowish)
    assert options.DEFAULT_TIME_BUDGET == 60
    tables = pipeline.extract(three_records(), nlp=nlp, time_budget=None)
    assert tables.errors.empty and sorted(set(tables.mentions["doc_id"])) == ["d0", "d1", "slow"]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.parametrize(
    "value, error",
    [(0, ValueError), (-1, ValueError), (float("nan"), ValueError), ("60", TypeError), (True, TypeError)],
)
def test_bad_time_budgets_are_refused(value, error):
    with pytest.raises(error, match="time_budget"):
        pipeline.extract([DEAL], nlp=NoPipeline(), time_budget=value)


# --- B. pathological punctuation runs --------------------------------------------------------


@pytest.mark.parametrize("unit", ["$(", '"', "(", "[", "...", "-", "=", "'s", "US$"])
def test_long_runs_are_broken_by_spaces_keeping_the_length(unit):
    text = "Acme Corp agreed. " + unit * (3000 // len(unit)) + " Widget Inc"
    broken = texts.break_long_runs(text)
    assert len(broken) == len(text)
    changed = [i for i, (a, b) in enumerate(zip(text, broken)) if a != b]
    assert changed and all(broken[i] == " " for i in changed)
    assert broken[:18] == text[:18] and broken[-11:] == text[-11:]
    # no whitespace-free run over RUN_CHARS is left where a punctuation run was
    assert max(map(len, broken.split())) <= max(texts.RUN_CHARS, len(text.split()[-1]))


def test_ordinary_text_is_left_alone(seeds_dir):
    url = "https://example.com/news/2025/06/12/" + "meta-platforms-invests-in-scale-ai-" * 20 + "?ref=rss&utm=x"
    table = "=" * 80 + "\n" + "-" * 100 + "\n" + "...." * 25
    for text in [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))] + [url, table, ""]:
        assert texts.break_long_runs(text) is text


def test_a_long_run_of_prefix_characters_is_quick_and_offsets_hold(nlp):
    junk = "$(" * 3000  # 6,000 characters: 5 s in spaCy's tokenizer before, quadratic
    triage = Triage(nlp)
    for chooser in (None, triage):
        started = time.perf_counter()
        doc = texts.make_doc(nlp, junk, None, chooser, None)
        assert time.perf_counter() - started < 1.0
        assert len(doc.text) <= len(junk)
    text = DEAL + "\n\n" + "$(" * 1500 + "\n\n" + OTHER_DEAL  # 3 KB of them between two deals
    tables = pipeline.extract([{"id": "j", "text": text}], nlp=nlp)
    assert tables.errors.empty
    rows = tables.mentions.to_dict("records")
    assert sorted(row["target"] for row in rows) == ["Cobalt Inc", "Widget Inc"]
    for row in rows:
        assert clean_text(text[row["sentence_start"] : row["sentence_end"]]) == row["evidence"]


# --- C. long texts go in pieces well below spaCy's limit ------------------------------------


def test_a_long_article_goes_through_the_model_in_pieces(nlp):
    assert texts.MAX_CHARS <= 50_000  # the peak memory of a whole Doc grows with its length
    filler = "\n\n".join(f"The weather in town {i} was mild and the shops stayed open late." for i in range(700))
    text = DEAL + "\n\n" + filler + "\n\n" + OTHER_DEAL  # about 46,000 characters
    assert texts.MAX_CHARS < len(text) < 1_000_000
    stats = RunStats()
    tables = pipeline.extract([{"id": "long", "text": text}], nlp=nlp, stats=stats)
    assert stats.split_documents == 1 and stats.documents == 1
    rows = tables.mentions.sort_values("sentence_start").to_dict("records")
    assert [row["target"] for row in rows] == ["Widget Inc", "Cobalt Inc"]
    assert [row["mention_id"] for row in rows] == ["long#0", "long#1"]
    for row in rows:
        assert clean_text(text[row["sentence_start"] : row["sentence_end"]]) == row["evidence"]


def test_the_error_handler_is_scoped_to_the_documents_being_processed(nlp):
    from pipeline import documents

    before = nlp.default_error_handler
    docs = documents.process(nlp, [DEAL, OTHER_DEAL], [])
    next(docs)
    assert nlp.default_error_handler is not before  # ours while the documents go through
    docs.close()  # a caller that stops early
    assert nlp.default_error_handler is before
    with documents.error_handler(nlp, print):
        assert nlp.default_error_handler is print
    assert nlp.default_error_handler is before
