"""The options of a run (pipeline/options.py): one frozen object, checked once, with coded
errors; the same object carried from the command line to the batch job."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from pipeline import batch, options, run
from pipeline.options import Options


def test_options_are_frozen_and_normalised():
    given = Options(n_process=-1, time_budget=float("inf"))
    assert given.n_process == options.available_cores() and given.time_budget is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        given.batch_size = 3  # type: ignore[misc]


def test_of_changes_named_fields_and_refuses_unknown_ones():
    base = Options(chunk_size=7)
    assert Options.of(base, batch_size=2) == Options(chunk_size=7, batch_size=2)
    assert Options.of(None) == Options() and Options.of(base) is base
    with pytest.raises(TypeError, match=r"\[E407\] Unknown option\(s\) chunks;.*chunk_size"):
        Options.of(base, chunks=3)


@pytest.mark.parametrize(
    "settings, error, code",
    [
        ({"n_process": 0}, ValueError, "E404"),
        ({"n_process": "2"}, TypeError, "E403"),
        ({"batch_size": 0}, ValueError, "E402"),
        ({"chunk_size": 1.5}, TypeError, "E401"),
        ({"time_budget": "60"}, TypeError, "E405"),
        ({"time_budget": 0}, ValueError, "E406"),
        ({"chunk_chars": 1}, ValueError, "E402"),
        ({"max_chars": 100, "max_doc_chars": 10}, ValueError, "E408"),
    ],
)
def test_bad_options_are_coded_errors(settings, error, code):
    with pytest.raises(error, match=rf"^\[{code}\] "):
        Options(**settings)


def test_settings_are_what_run_json_records():
    assert set(Options().settings()) == {f.name for f in dataclasses.fields(Options)} - {"progress"}


def test_the_batch_layers_take_the_options_object_not_its_fields():
    names = {f.name for f in dataclasses.fields(Options)}
    for function in (batch.extract_chunks, run.run_extract):
        parameters = inspect.signature(function).parameters
        assert "options" in parameters and not names & set(parameters), function.__name__
