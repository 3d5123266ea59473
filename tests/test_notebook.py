"""notebooks/explore_deals.ipynb runs top to bottom (executed in memory with nbclient).

The notebook is committed without outputs; this test executes a copy and never writes it
back. The kernel is the ``python3`` spec of the running interpreter's environment (the one
ipykernel installs into the virtual environment), so the notebook sees this checkout.
"""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
EXPLORE = NOTEBOOKS / "explore_deals.ipynb"
KERNEL = "python3"


def cells_tagged(nb, tag: str) -> list:
    return [cell for cell in nb.cells if tag in cell.get("metadata", {}).get("tags", [])]


def output_text(cell) -> str:
    """Everything a cell showed: streams, plain-text and HTML reprs."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output.get("text", ""))
        data = output.get("data", {})
        parts.extend(str(data.get(kind, "")) for kind in ("text/plain", "text/html"))
    return "\n".join(parts)


def test_notebook_is_committed_without_outputs():
    nb = nbformat.read(EXPLORE, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:80]


@pytest.fixture(scope="module")
def executed():
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        pytest.skip(f"no {KERNEL!r} Jupyter kernel (install ipykernel in this environment)")
    nb = nbformat.read(EXPLORE, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name=KERNEL, resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, if a cell fails
    return nb


@pytest.mark.slow
def test_notebook_runs_without_errors(executed):
    errors = [
        output for cell in executed.cells for output in cell.get("outputs", []) if output.get("output_type") == "error"
    ]
    assert not errors, [f"{e['ename']}: {e['evalue']}" for e in errors]


@pytest.mark.slow
def test_notebook_deals_table_shows_scale_ai(executed):
    (cell,) = cells_tagged(executed, "deals-table")
    assert "Scale AI" in output_text(cell)


@pytest.mark.slow
def test_notebook_renders_the_entities_and_deals(executed):
    (cell,) = cells_tagged(executed, "render-doc")
    shown = output_text(cell)
    assert '<mark class="entity"' in shown and "sd-deals" in shown


@pytest.mark.slow
def test_notebook_draws_its_charts(executed):
    images = [
        output for cell in executed.cells for output in cell.get("outputs", []) if "image/png" in output.get("data", {})
    ]
    assert len(images) >= 1
