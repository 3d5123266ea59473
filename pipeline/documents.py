"""Records -> processed documents: tokenising, the pipeline, the rows of each document.

Every record ends up either as a :class:`Document` (its rows) or in ``errors`` with the
reason: a record whose text cannot be tokenised, or on which a component fails, is
reported, never lost. What happens to a text before the model sees it (long texts in
pieces, binary data, pathological runs) is in :mod:`pipeline.texts`; the worker
processes of ``n_process`` > 1 and the time budget per document in
:mod:`pipeline.workers`; mention ids in :mod:`pipeline.records`.

The pieces of a split text go through the model as separate Docs and are put back
together here: one document, mention ids numbered on across the pieces, offsets into the
whole text; when one piece fails, the whole document is reported.
"""

from __future__ import annotations

import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import Any, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from .components.docdata import INDEX_KEY, PIECE_KEY
from .export import mention_rows, role_rows
from .options import Options
from .readers import Record
from .records import GIVEN_MENTION_IDS, GivenMentionIds, MentionIds, RecordLike, check_records
from .texts import make_doc, record_error, text_spans, words_of
from .triage import Triage
from .workers import (
    LOST_IN_WORKER,
    Task,
    TimeBudgetExceeded,
    can_fork,
    deadline,
    enforceable_budget,
    run_in_workers,
    timeout_failure,
)

# Most tokens per nlp.pipe batch: the model's working memory grows with the words of a
# batch, so a run of long texts would otherwise raise the peak of a whole run.
BATCH_WORDS = 4_000
# Documents a pipeline processes with their words kept (outside memory zones) before
# runs free the strings of each chunk or task: spaCy's tokenizer caches nothing inside a
# memory zone (tokenising there takes twice as long), and the words of the first few
# hundred articles are most of the words of the rest. What they add stays (a few MB).
WARM_DOCUMENTS = 500
DEFAULT_OPTIONS = Options()
UNTRIAGED = Options(triage=False)
# (stage, reason) of a document that failed
Failure = tuple[str, str]


@dataclass
class Document:
    """One processed document: its record, its rows and its word count."""

    record: Record
    mentions: list[dict]
    roles: list[dict]
    words: int
    pieces: int = 1


@dataclass(frozen=True)
class _Piece:
    index: int  # in the stream sent to nlp.pipe
    position: int  # of the record in the input
    record: Record
    number: int
    count: int
    prefix: str  # of its mention ids


def iter_documents(
    nlp: Language,
    records: Iterable[Any],
    errors: list[dict],
    options: Options = DEFAULT_OPTIONS,
    *,
    triage: Optional[Triage] = None,
    numbered: bool = False,
    mention_ids: Union[MentionIds, GivenMentionIds, None] = None,
    stats: Any = None,
) -> Iterator[Document]:
    """Yield one :class:`Document` (record and rows) per processed record, in input order.

    The pieces of a split text are put back together: mention ids numbered on across
    them, offsets into the whole text. A record that fails (at any piece) is reported in
    ``errors`` and not yielded. ``options`` says how (processes, batches, triage, limits,
    time budget); ``triage`` is a :class:`Triage` made once for many calls (by default
    one is made when ``options.triage``); ``numbered`` says ``records`` are (position,
    item) pairs; ``mention_ids`` numbers records by id across calls (by default, within
    this call); ``stats`` (a :class:`pipeline.batch.RunStats`) counts the worker
    processes that died.
    """
    if triage is None and options.triage:
        triage = Triage(nlp)
    items = records if numbered else enumerate(records)
    ids = mention_ids if mention_ids is not None else MentionIds()
    if options.n_process > 1 and can_fork():
        tasks = _tasks(items, options.batch_size, ids)
        context = (nlp, triage, Options.of(options, n_process=1))  # a worker runs its tasks in one process
        for task, rows in run_in_workers(tasks, options.n_process, _run_task, context, errors, stats):
            for index, mentions, roles, words, pieces in rows:
                yield Document(task[index][1], mentions, roles, words, pieces)
        return
    group: Optional[_Group] = None
    aborted: dict[int, tuple[Record, str, str]] = {}
    for piece, doc, failure in _pieces(nlp, items, errors, aborted, options, triage, ids):
        if group is not None and group.position != piece.position:
            # a text whose later piece could not be tokenised: its pipe output ends early
            document = group.finish(errors, aborted)
            group = None
            if document is not None:
                yield document
        if group is None:
            group = _Group(piece.position, piece.record, piece.count, piece.prefix)
        group.add(doc, failure)
        if piece.number == piece.count - 1:
            document = group.finish(errors, aborted)
            group = None
            if document is not None:
                yield document
    if group is not None:
        document = group.finish(errors, aborted)
        if document is not None:
            yield document


class _Group:
    """The rows of the pieces of one document seen so far."""

    def __init__(self, position: int, record: Record, count: int, prefix: str) -> None:
        self.position = position
        self.record = record
        self.count = count
        self.prefix = prefix
        self.mentions: list[dict] = []
        self.roles: list[dict] = []
        self.words = 0
        self.failure: Optional[Failure] = None

    def add(self, doc: Optional[Doc], failure: Optional[Failure]) -> None:
        if self.failure is not None:
            return
        if doc is None:
            self.failure = failure or ("pipeline", LOST_IN_WORKER)
            return
        self.words += words_of(doc)
        # "{prefix}#{n}", numbered on across the pieces of a split text
        for row in mention_rows(doc, self.record.id):
            row["mention_id"] = f"{self.prefix}#{len(self.mentions)}"
            self.mentions.append(row)
        self.roles.extend(role_rows(doc, self.record.id))

    def finish(self, errors: list[dict], aborted: dict[int, tuple[Record, str, str]]) -> Optional[Document]:
        failure = self.failure
        if (entry := aborted.pop(self.position, None)) is not None:
            failure = failure or entry[1:]
        if failure is not None:
            errors.append(record_error(self.record, *failure))
            return None
        return Document(self.record, self.mentions, self.roles, self.words, self.count)


def _tasks(
    items: Iterable[tuple[int, Any]], size: int, mention_ids: Union[MentionIds, GivenMentionIds]
) -> Iterator[Task]:
    """(position, Record, mention-id prefix) lists of ``size`` items, numbered here."""
    task: Task = []
    for position, item in items:
        task.append((position, *mention_ids.take(item, position)))
        if len(task) == size:
            yield task
            task = []
    if task:
        yield task


def _run_task(
    context: tuple[Language, Optional[Triage], Options], task: Task
) -> tuple[list[tuple[int, list[dict], list[dict], int, int]], list[dict]]:
    """One task in a worker process (:func:`pipeline.workers.run_in_workers`): (index in
    the task, mentions, roles, words, pieces) of each processed record, and the error
    rows. The task's items are (position, record, mention-id prefix), numbered by the
    parent."""
    nlp, triage, options = context
    errors: list[dict] = []
    index_of = {id(record): index for index, (_, record, _) in enumerate(task)}
    items = [(position, (record, prefix)) for position, record, prefix in task]
    with memory_zone(nlp, len(task)):  # the strings of this task's texts are freed with it
        documents = [
            (index_of[id(document.record)], document.mentions, document.roles, document.words, document.pieces)
            for document in iter_documents(
                nlp, items, errors, options, triage=triage, numbered=True, mention_ids=GIVEN_MENTION_IDS
            )
        ]
    return documents, errors


def process(
    nlp: Language, records: Iterable[RecordLike], errors: list[dict], options: Options = UNTRIAGED
) -> Iterator[tuple[Record, Doc]]:
    """Yield (record, processed Doc) in input order; failures go to ``errors``.

    A split text (:mod:`pipeline.texts`) gives one Doc per piece, each with
    ``doc.user_data[PIECE_KEY] == [number, count, start]``; export maps its offsets into
    the whole text, but each piece numbers its mentions from 0: use
    :func:`iter_documents` for rows of whole documents. Triage is off by default.
    """
    check_records(records)
    chooser = Triage(nlp) if options.triage else None
    aborted: dict[int, tuple[Record, str, str]] = {}
    for piece, doc, failure in _pieces(nlp, enumerate(records), errors, aborted, options, chooser, MentionIds()):
        _report_aborted(aborted, errors)
        if doc is None:
            errors.append(record_error(piece.record, *(failure or ("pipeline", LOST_IN_WORKER))))
        else:
            yield piece.record, doc
    _report_aborted(aborted, errors)


def _report_aborted(aborted: dict[int, tuple[Record, str, str]], errors: list[dict]) -> None:
    for position in list(aborted):
        errors.append(record_error(*aborted.pop(position)))


@contextmanager
def error_handler(nlp: Language, handler: Callable[[str, Any, list[Doc], Exception], None]) -> Iterator[None]:
    """``nlp.default_error_handler`` set to ``handler`` inside the block, put back after
    it (also when the block raises or a generator around it is closed)."""
    previous = nlp.default_error_handler
    nlp.default_error_handler = handler
    try:
        yield
    finally:
        nlp.default_error_handler = previous


def _drop_document(proc_name: str, proc: Any, docs: list[Doc], exc: Exception) -> None:
    """Error handler for nlp.pipe's own worker processes: the failed document is left
    out of the stream (and reported as lost by :func:`_pieces`)."""


def _pieces(
    nlp: Language,
    items: Iterable[tuple[int, Any]],
    errors: list[dict],
    aborted: dict[int, tuple[Record, str, str]],
    options: Options,
    triage: Optional[Triage],
    mention_ids: Union[MentionIds, GivenMentionIds],
) -> Iterator[tuple[_Piece, Optional[Doc], Optional[Failure]]]:
    """Yield (piece, processed Doc, None) or (piece, None, (stage, reason)) in input order.

    Documents are tokenised here (so the record's date reaches the components as
    ``doc._.doc_date``); a component failing on one Doc drops it from the stream, which
    we notice and report instead of losing it silently. A record rejected before the
    model is reported in ``errors`` directly; one whose piece after the first cannot be
    tokenised is noted in ``aborted`` (position -> (record, stage, reason)) for the caller.
    The time budget holds for tokenising (with triage) each piece and for each batch sent
    through the pipeline (:mod:`pipeline.workers`), in one process only.
    """
    failures: dict[int, Failure] = {}
    pending: deque[_Piece] = deque()
    one_process = options.n_process == 1
    budget = enforceable_budget(options.time_budget) if one_process else None

    def on_error(proc_name: str, proc: Any, docs: list[Doc], exc: Exception) -> None:
        for doc in docs:
            failures[doc.user_data.get(INDEX_KEY, -1)] = ("pipeline", f"{proc_name}: {type(exc).__name__}: {exc}")

    def docs() -> Iterator[Doc]:
        index = 0
        for position, item in items:
            record, prefix = mention_ids.take(item, position)
            spans = text_spans(record, errors, options)
            for number, (start, end) in enumerate(spans):
                text = record.text if len(spans) == 1 else record.text[start:end]
                failure: Optional[Failure] = None
                try:
                    with deadline(budget):
                        doc = make_doc(nlp, text, record.date, triage, start if len(spans) > 1 else None)
                except TimeBudgetExceeded:
                    failure = timeout_failure(budget, "while tokenising (triage and tokenizer)")  # type: ignore[arg-type]
                except Exception as exc:  # a tokenizer failure must not stop the batch
                    failure = ("tokenize", f"{type(exc).__name__}: {exc}")
                if failure is not None:
                    if number == 0:
                        errors.append(record_error(record, *failure))
                    else:
                        aborted[position] = (record, *failure)
                    break
                if len(spans) > 1:
                    doc.user_data[PIECE_KEY] = [number, len(spans), start]
                doc.user_data[INDEX_KEY] = index
                pending.append(_Piece(index, position, record, number, len(spans), prefix))
                index += 1
                yield doc

    # Our components have no error handler of their own, so nlp.pipe uses this one; the
    # model's own components keep spaCy's (raise), as their failures are bugs to see.
    # nlp.pipe's worker processes cannot send a closure's findings back: they drop the
    # document quietly and the loss is reported below without the exception's text.
    with error_handler(nlp, on_error if one_process else _drop_document):
        if one_process:  # batches bounded in words too: the model's memory grows with a batch's words
            processed = chain.from_iterable(
                _through_pipeline(nlp, batch, failures, budget)
                for batch in word_batches(docs(), options.batch_size, BATCH_WORDS)
            )
        else:
            processed = nlp.pipe(docs(), batch_size=options.batch_size, n_process=options.n_process)
        for doc in processed:
            index = doc.user_data.get(INDEX_KEY)
            while pending and pending[0].index != index:
                lost = pending.popleft()
                yield lost, None, failures.pop(lost.index, ("pipeline", LOST_IN_WORKER))
            if pending:
                yield pending.popleft(), doc, None
        while pending:
            lost = pending.popleft()
            yield lost, None, failures.pop(lost.index, ("pipeline", LOST_IN_WORKER))


def _through_pipeline(
    nlp: Language, batch: list[Doc], failures: dict[int, Failure], budget: Optional[float]
) -> Iterator[Doc]:
    """The Docs of ``batch`` through the pipeline, in order, except the empty ones (a
    document triage kept nothing of: there is nothing to find in no words), which come
    back as they are, in their place. A Doc a component fails on is left out (the error
    handler reports it), and so is one that runs out of ``budget`` seconds (see
    :func:`_run_pipeline`; noted in ``failures``)."""
    empty = deque(doc for doc in batch if not len(doc))
    full = [doc for doc in batch if len(doc)]
    for doc in _run_pipeline(nlp, full, failures, budget) if full else ():
        index = doc.user_data[INDEX_KEY]
        while empty and empty[0].user_data[INDEX_KEY] < index:
            yield empty.popleft()
        yield doc
    yield from empty


def _run_pipeline(
    nlp: Language, docs: list[Doc], failures: dict[int, Failure], budget: Optional[float]
) -> Iterable[Doc]:
    """``nlp.pipe`` over one batch, within ``budget`` seconds when it is not None. A
    batch that runs out of it is done again one Doc at a time, each from a fresh Doc (the
    first try may have left some annotated) and with the same budget: only the Docs that
    run out of it alone are left out, their (stage, reason) noted in ``failures``."""
    if budget is None:
        return nlp.pipe(docs, batch_size=len(docs))
    before = [dict(doc.user_data) for doc in docs]  # what make_doc set: index, offsets, date ...
    try:
        with deadline(budget):
            return list(nlp.pipe(docs, batch_size=len(docs)))
    except TimeBudgetExceeded:
        pass
    done: list[Doc] = []
    for doc, user_data in zip(docs, before):
        index = user_data[INDEX_KEY]
        if len(docs) > 1:
            failures.pop(index, None)  # an error of the first try is found again, or not
            fresh = nlp.make_doc(doc.text)  # the text as tokenised before: the same tokens
            fresh.user_data.update(user_data)
            try:
                with deadline(budget):
                    done.extend(nlp.pipe([fresh], batch_size=1))
                continue
            except TimeBudgetExceeded:
                pass
        failures[index] = timeout_failure(budget, "in the pipeline")
    return done


def word_batches(docs: Iterable[Doc], max_docs: int, max_words: int) -> Iterator[list[Doc]]:
    """``docs`` in order, in lists of at most ``max_docs`` Docs and ``max_words`` tokens
    (a longer Doc is a batch by itself)."""
    batch: list[Doc] = []
    words = 0
    for doc in docs:
        if batch and (len(batch) == max_docs or words + len(doc) > max_words):
            yield batch
            batch, words = [], 0
        batch.append(doc)
        words += len(doc)
    if batch:
        yield batch


# pipeline -> documents it processed outside memory zones (see WARM_DOCUMENTS)
_WARMED: weakref.WeakKeyDictionary[Language, int] = weakref.WeakKeyDictionary()


@contextmanager
def memory_zone(nlp: Language, documents: int) -> Iterator[None]:
    """``nlp.memory_zone()`` around the processing of up to ``documents`` documents,
    except for the first :data:`WARM_DOCUMENTS` documents a pipeline processes: their
    strings stay, so that the tokenizer caches the common words for the rest of its life
    (it caches nothing inside a zone)."""
    warmed = _WARMED.get(nlp, 0)
    if warmed >= WARM_DOCUMENTS:
        with nlp.memory_zone():
            yield
        return
    _WARMED[nlp] = warmed + documents
    yield
