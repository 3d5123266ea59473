"""Worker processes and the time budget: what keeps a run going when documents misbehave.

Worker processes (``n_process`` above 1):

- the records go to worker processes in tasks of ``batch_size`` records; each worker
  runs the whole of the one-process path on them (tokenising and triage, the pipeline,
  the rows of the tables: :mod:`pipeline.documents` hands :func:`run_in_workers` the
  function that does it) and sends back only the rows, the word counts and the error
  rows. Docs never travel between processes, and the parent only reads the input and
  gathers the rows. Workers are forked, so they share the loaded pipeline without
  pickling it; where fork is not available, nlp.pipe's own worker processes are used
  (and Docs travel);
- a worker that dies (killed, out of memory, a crash in native code) takes the pool
  down: the pool is started again, the oldest task in flight runs again alone, then, if
  it kills its worker again, record by record, and only a record that kills its worker
  alone is reported in errors (:data:`KILLED_WORKER`). Each death is logged as a warning
  and counted in ``stats.worker_deaths``.

Time budget (``time_budget`` seconds per document, default 60; None: no limit):

- tokenising each text or piece (triage and the tokenizer) and sending each batch
  through the pipeline run under a one-shot timer (``setitimer(ITIMER_REAL)`` and a
  SIGALRM handler raising :class:`TimeBudgetExceeded`, which spaCy's error handlers let
  through). A batch that runs out of it is done again one document at a time, each from
  a fresh Doc and with the same budget, so only the documents that take longer alone are
  given up; the others of the batch are processed (a split text: each piece has the
  budget, and the document is given up with any piece). A document given up is reported in
  ``errors`` with stage ``"timeout"`` ("took more than N s (time budget; --time-budget)
  ..."); it is not retryable (:func:`is_retryable`). Any SIGALRM handler and timer set
  before are put back afterwards.
- It holds where SIGALRM exists (not on Windows) and in the main thread of a process,
  which the forked worker processes of ``n_process`` > 1 are (each holds it on its
  batches). Elsewhere there is no budget: runs in other threads (Dask's worker threads),
  and ``nlp.pipe``'s own worker processes (used where processes cannot be forked).
- The timer stops Python code: the exception comes at the next Python instruction, so
  a long stretch inside native code (one call of spaCy's tokenizer, one matrix product)
  ends before the document is given up. Caches our components fill in one step each
  stay whole.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Optional, TypeVar

from .readers import Record
from .texts import record_error

logger = logging.getLogger(__name__)

# One task: (position in the input, record, mention-id prefix) of each of its records.
Task = list[tuple[int, Record, str]]
Result = TypeVar("Result")

# The error of a document a component failed on in a worker process (the worker cannot
# send the exception back; not retryable: it would fail the same way).
LOST_IN_WORKER = (
    "a pipeline component failed on this document in a worker process (rerun with --n-process 1 to see the exception)"
)
# The error of the records lost with a worker process that died (twice: the second time
# running their batch alone): not a verdict on the document, it may be done again
# (is_retryable). A document on which a component raised or that ran out of its time
# budget is not retryable: it would fail the same way.
WORKER_DIED = (
    "lost, retry: the worker process handling this document's batch died (killed, out of memory or a crash) "
    "before the document was done; --resume does it again (rerun with --n-process 1 to see why the worker died)"
)
# A document that killed its worker process again when it ran alone (not retryable).
KILLED_WORKER = (
    "this document made its worker process die (killed, out of memory or a crash), in its batch and again alone; "
    "rerun it with --n-process 1 to see why"
)
# Errors of documents that may be done again: WORKER_DIED and its wording in earlier versions.
RETRYABLE_ERRORS = frozenset(
    {
        WORKER_DIED,
        "the worker process processing this document died (rerun with --n-process 1 to see why)",
    }
)
TIMEOUT_STAGE = "timeout"
# Tasks (of batch_size records each) waiting for or in the hands of each worker process
# of a parallel run: enough to keep the workers busy, few enough to keep memory flat.
TASKS_PER_WORKER = 3
FORK = "fork"


def is_retryable(error_row: Any) -> bool:
    """Whether the document of an error row (a dict, or a row of the errors table) was
    lost without being judged, so that a resumed run should do it again: it was lost with
    a worker process that died (:data:`WORKER_DIED`). Documents that ran out of their time
    budget, on which a component raised, or that could not be read are not retryable."""
    try:
        stage, error = error_row.get("stage"), error_row.get("error")
    except AttributeError:
        return False
    return stage == "pipeline" and error in RETRYABLE_ERRORS


# --- time budget -----------------------------------------------------------------------------


class TimeBudgetExceeded(BaseException):
    """Raised (by a SIGALRM handler) in the code that runs out of a document's time
    budget. A BaseException, so that spaCy's error handlers, which catch Exception, let
    it through to :mod:`pipeline.documents`."""


_CAN_TIME = hasattr(signal, "SIGALRM") and hasattr(signal, "setitimer")


def enforceable_budget(time_budget: Optional[float]) -> Optional[float]:
    """``time_budget`` where this code can enforce it (a platform with SIGALRM, in the
    main thread of its process), else None."""
    if time_budget is None or not _CAN_TIME or threading.current_thread() is not threading.main_thread():
        return None
    return time_budget


class Deadline:
    """``with Deadline(seconds):`` raises :class:`TimeBudgetExceeded` in the block once
    ``seconds`` have passed (a one-shot ITIMER_REAL timer and a SIGALRM handler, main
    thread only). The previous SIGALRM handler is put back afterwards, and a timer that
    was running is set again to what was left of it."""

    __slots__ = ("seconds", "armed", "previous_handler", "previous_timer", "started")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = False

    def _expire(self, signum: int, frame: Any) -> None:
        if self.armed:  # a signal handled after the block ended is ignored
            self.armed = False
            raise TimeBudgetExceeded(self.seconds)

    def __enter__(self) -> Deadline:
        self.previous_handler = signal.signal(signal.SIGALRM, self._expire)
        self.armed = True
        self.started = time.monotonic()
        self.previous_timer = signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        previous = self.previous_handler
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        delay, interval = self.previous_timer
        if delay > 0:
            left = delay - (time.monotonic() - self.started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6), interval)


def deadline(seconds: Optional[float]) -> AbstractContextManager[Any]:
    """A :class:`Deadline` of ``seconds``, or no limit when None."""
    return nullcontext() if seconds is None else Deadline(seconds)


def timeout_failure(seconds: float, where: str) -> tuple[str, str]:
    """The (stage, reason) of an error row of a document out of its time budget."""
    return TIMEOUT_STAGE, (
        f"took more than {seconds:g} s (time budget; --time-budget) {where}; "
        "not processed (a budget exceeded is not retried)"
    )


# --- worker processes ------------------------------------------------------------------------

# What a worker process runs its tasks with: (function, context), set by _init_worker. A
# worker runs tasks in its main thread, so the time budget holds there.
_WORKER: Optional[tuple[Callable[[Any, Task], Any], Any]] = None


def can_fork() -> bool:
    """Whether worker processes can be forked here (they share the loaded pipeline)."""
    return FORK in multiprocessing.get_all_start_methods()


def _init_worker(run_task: Callable[[Any, Task], Any], context: Any) -> None:
    global _WORKER
    _WORKER = (run_task, context)


def _work(task: Task) -> Any:
    run_task, context = _WORKER  # type: ignore[misc]
    return run_task(context, task)


def run_in_workers(
    tasks: Iterator[Task],
    n_process: int,
    run_task: Callable[[Any, Task], tuple[Result, list[dict]]],
    context: Any,
    errors: list[dict],
    stats: Any = None,
) -> Iterator[tuple[Task, Result]]:
    """``run_task(context, task)`` for every task, in ``n_process`` forked worker
    processes (which inherit ``run_task`` and ``context`` without pickling); yields
    (task, result) in input order and appends each task's error rows to ``errors``.

    A worker that dies takes the pool down: the pool is started again, each death is
    logged as a warning (with the records sent again) and counted in
    ``stats.worker_deaths`` (module docstring)."""
    resubmit: deque[Task] = deque()  # tasks to send again, before new ones
    in_flight: deque[tuple[Task, Future]] = deque()
    alone: Optional[Task] = None  # the task run by itself after a worker died, to tell whether it was the cause
    deaths = 0
    executor: Optional[ProcessPoolExecutor] = None

    def start() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            n_process,
            mp_context=multiprocessing.get_context(FORK),
            initializer=_init_worker,
            initargs=(run_task, context),
        )

    try:
        executor = start()
        while True:
            while alone is None and len(in_flight) < TASKS_PER_WORKER * n_process:
                task = resubmit.popleft() if resubmit else next(tasks, None)
                if task is None:
                    break
                in_flight.append((task, executor.submit(_work, task)))
            if not in_flight:
                break
            task, future = in_flight.popleft()
            try:
                result, task_errors = future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory, a crash in native code) and took the
                # pool down. The oldest task runs again by itself: if it kills a worker again
                # its records are reported; the others are sent again after it.
                deaths += 1
                if stats is not None:
                    stats.worker_deaths += 1
                executor.shutdown(wait=True, cancel_futures=True)
                executor = start()
                others = [other for other, _ in in_flight]
                resubmit.extendleft(reversed(others))
                in_flight.clear()
                if alone is task:
                    alone = None
                    _report_second_death(task, deaths, others, resubmit, errors)
                else:
                    alone = task
                    in_flight.append((task, executor.submit(_work, task)))
                    logger.warning(
                        "A worker process died (killed, out of memory or a crash; worker deaths in this run: %d): "
                        "%d records are sent again to new workers, the %d of the oldest batch first and alone (if "
                        "it kills its worker again, one by one), then the %d of %d other batches.",
                        deaths,
                        len(task) + _records(others),
                        len(task),
                        _records(others),
                        len(others),
                    )
                continue
            alone = None
            errors.extend(task_errors)
            yield task, result
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def _report_second_death(
    task: Task, deaths: int, others: list[Task], resubmit: deque[Task], errors: list[dict]
) -> None:
    """A task running alone killed its worker again: a batch is sent again one record
    per task (each alone in its turn), so that only a record that kills its worker is
    lost; a single record is reported in ``errors``."""
    if len(task) > 1:
        resubmit.extendleft(reversed([[item] for item in task]))
        logger.warning(
            "A worker process died again (worker deaths in this run: %d) while running a batch of %d "
            "records alone: they are sent again one by one; the %d records of the %d other batches "
            "in flight after them.",
            deaths,
            len(task),
            _records(others),
            len(others),
        )
        return
    errors.extend(record_error(record, "pipeline", KILLED_WORKER) for _, record, _ in task)
    logger.warning(
        "A worker process died again (worker deaths in this run: %d) while running document %r "
        "alone: it is reported in errors; the %d records of the %d other batches in flight are "
        "sent again to new workers.",
        deaths,
        task[0][1].id,
        _records(others),
        len(others),
    )


def _records(tasks: Iterable[Task]) -> int:
    return sum(len(task) for task in tasks)
