"""The settings of a batch run, in one frozen object, checked once.

:class:`Options` is what the command line builds from its flags and hands to
:func:`pipeline.run.run_extract` (or :func:`pipeline.dask.run_extract_dask`), which pass
it on to :func:`pipeline.batch.extract_chunks` and the documents layer
(:mod:`pipeline.documents`, :mod:`pipeline.workers`). Every setting has one name, one
default and one check, here; run.json records them (:meth:`Options.settings`)::

    options = Options(n_process=2, time_budget=None)
    run_extract([path], outdir, options=options)
    run_extract([path], outdir, chunk_size=3)     # the same as options=Options(chunk_size=3)

The checks raise a TypeError or ValueError (with an ``E4xx`` code, pipeline/errors.py)
when the object is made, before a record is read.
"""

from __future__ import annotations

import dataclasses
import numbers
import os
from dataclasses import dataclass
from typing import Any, Optional

from .errors import Errors
from .texts import CHUNK_CHARS, MAX_CHARS, MAX_DOC_CHARS

# Input records per chunk of extract_chunks (and per chunk file of a run).
DEFAULT_CHUNK_SIZE = 500
# Records per nlp.pipe batch (and per task of a worker process). Triaged texts are short:
# 64 of them keep the model's matrices better filled than spaCy's default of 32 (3-5 %
# faster on them; benchmarks/throughput.py runs the bare model in the same batches).
BATCH_SIZE = 64
# Seconds a document may take (tokenising and triage, then the pipeline) before it is
# given up and reported in errors (stage "timeout"); None: no limit. See "Time budget" in
# pipeline/workers.py.
DEFAULT_TIME_BUDGET = 60.0


@dataclass(frozen=True)
class Options:
    """How a batch run goes (not what it reads or where it writes).

    - ``n_process``: worker processes (1, 2, ... or -1 for one per available core);
    - ``batch_size``: records per ``nlp.pipe`` batch and per task of a worker process;
    - ``chunk_size``: input records per chunk of rows (and per chunk file of a run);
    - ``triage``: send only the paragraphs with deal or role cue words through the model;
    - ``max_chars``, ``chunk_chars``, ``max_doc_chars``: the per-document length limits
      (:mod:`pipeline.texts`): texts longer than ``max_chars`` go through the model in
      pieces of at most ``chunk_chars``, texts longer than ``max_doc_chars`` are
      reported in errors;
    - ``time_budget``: seconds one document may take, None for no limit
      (:mod:`pipeline.workers`, "Time budget");
    - ``progress``: a progress bar on stderr.

    Made, the values are checked and normalised: ``n_process=-1`` becomes the number of
    cores, an infinite ``time_budget`` None.
    """

    n_process: int = 1
    batch_size: int = BATCH_SIZE
    chunk_size: int = DEFAULT_CHUNK_SIZE
    triage: bool = True
    max_chars: int = MAX_CHARS
    chunk_chars: int = CHUNK_CHARS
    max_doc_chars: int = MAX_DOC_CHARS
    time_budget: Optional[float] = DEFAULT_TIME_BUDGET
    progress: bool = False

    def __post_init__(self) -> None:
        set_field = object.__setattr__  # frozen: the checked values replace the given ones
        set_field(self, "n_process", check_n_process(self.n_process))
        set_field(self, "batch_size", check_count("batch_size", self.batch_size))
        set_field(self, "chunk_size", check_count("chunk_size", self.chunk_size))
        set_field(self, "time_budget", check_time_budget(self.time_budget))
        for name in ("max_chars", "chunk_chars", "max_doc_chars"):
            set_field(self, name, check_count(name, getattr(self, name)))
        check_count("chunk_chars", self.chunk_chars, minimum=2)
        if self.max_doc_chars < self.max_chars:
            raise ValueError(Errors.E408.format(max_chars=self.max_chars, max_doc_chars=self.max_doc_chars))

    @classmethod
    def of(cls, options: Optional[Options] = None, **settings: Any) -> Options:
        """``options`` (default: the defaults) with ``settings`` changed: the keyword
        form that :func:`pipeline.batch.extract_chunks` and the run functions accept."""
        unknown = sorted(set(settings) - {f.name for f in dataclasses.fields(cls)})
        if unknown:
            names = ", ".join(f.name for f in dataclasses.fields(cls))
            raise TypeError(Errors.E407.format(unknown=", ".join(unknown), names=names))
        base = options if options is not None else cls()
        return dataclasses.replace(base, **settings) if settings else base

    def settings(self) -> dict[str, Any]:
        """The settings run.json records (all but the progress bar)."""
        values = dataclasses.asdict(self)
        del values["progress"]
        return values


def check_count(name: str, value: Any, minimum: int = 1) -> int:
    """``value`` as an int of at least ``minimum``, else a TypeError or ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(Errors.E401.format(name=name, minimum=minimum, value=value, kind=type(value).__name__))
    if value < minimum:
        raise ValueError(Errors.E402.format(name=name, minimum=minimum, value=value))
    return int(value)


def check_n_process(n_process: Any) -> int:
    """``n_process`` as a number of processes: an int of at least 1, or -1 for one per
    available core (as spaCy's ``nlp.pipe``); anything else raises a TypeError or a
    ValueError saying what was expected."""
    if isinstance(n_process, bool) or not isinstance(n_process, numbers.Integral):
        raise TypeError(Errors.E403.format(value=n_process, kind=type(n_process).__name__))
    n_process = int(n_process)
    if n_process == -1:
        return available_cores()
    if n_process < 1:
        raise ValueError(Errors.E404.format(value=n_process))
    return n_process


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def check_time_budget(time_budget: Any) -> Optional[float]:
    """``time_budget`` as seconds (a positive number), or None for no limit (also for
    infinity); anything else raises a TypeError or ValueError."""
    if time_budget is None:
        return None
    if isinstance(time_budget, bool) or not isinstance(time_budget, numbers.Real):
        raise TypeError(Errors.E405.format(value=time_budget, kind=type(time_budget).__name__))
    seconds = float(time_budget)
    if not seconds > 0:  # also NaN
        raise ValueError(Errors.E406.format(value=time_budget))
    return None if seconds == float("inf") else seconds
