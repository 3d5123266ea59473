"""Shared fixtures: one loaded pipeline per test session (loading costs ~1 s)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def nlp():
    import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(autouse=True)
def _restore_error_handler(request):
    """Tests sharing the session pipeline neither inherit nor leave the error handler a
    run sets on it (only for tests that use the ``nlp`` fixture: no model load otherwise)."""
    if "nlp" not in request.fixturenames:
        yield
        return
    nlp = request.getfixturevalue("nlp")
    handler = nlp.default_error_handler
    yield
    nlp.default_error_handler = handler


def gold_path(name: str) -> Path:
    """A shared dev set, or a skip when the shared folder is not beside the repo."""
    path = SHARED_EVAL / name
    if not path.is_file():
        pytest.skip(f"{path} not available")
    return path
