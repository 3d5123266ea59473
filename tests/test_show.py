"""`spacy-deals show` and pipeline/show.py: one document as a self-contained HTML page.

The CLI tests reuse the session's pipeline (``pipeline.loader.load`` is patched to return
it); the rendering of deal fields is checked on a hand-built Doc, so it does not depend on
what the extraction rules find.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import loader
from pipeline.cli import app
from pipeline.schema import DEAL_STATUSES, Deal, Money, Role
from pipeline.show import render_doc, render_input

SEED_004 = Path(__file__).resolve().parents[1] / "seeds" / "004_1776f951ce26e68a.txt"
runner = CliRunner()

FIRST = {"id": "first-doc", "date": "2025-06-12", "text": "Acme Corp agreed to buy Widget Inc for $40 million."}
SECOND = {
    "id": "second-doc",
    "date": "2025-06-13",
    "text": "Globex Holdings completed its acquisition of Initech Ltd for 83 mln dlrs.",
}


@pytest.fixture
def cli_nlp(nlp, monkeypatch):
    """The CLI loads a pipeline; hand it the session's instead of loading another."""
    monkeypatch.setattr(loader, "load", lambda model=None, **kwargs: nlp)
    return nlp


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf8")
    return path


def deals_section(page: str) -> str:
    start = page.index('class="sd-panel sd-deals"')
    return page[start : page.index("</section>", start)]


def test_cli_show_writes_a_self_contained_page(cli_nlp, tmp_path):
    out = tmp_path / "OUT.html"
    result = runner.invoke(app, ["show", str(SEED_004), "-o", str(out)])
    assert result.exit_code == 0, (result.output, result.exception)
    page = out.read_text(encoding="utf8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<mark class="entity"' in page
    assert "004_1776f951ce26e68a" in page
    deals = deals_section(page)
    assert "Scale AI" in deals and "Meta" in deals
    assert 'class="sd-badge' in deals
    # Nothing is loaded from elsewhere: no scripts, stylesheets, images or fonts.
    assert "<script" not in page.lower()
    assert "<link" not in page.lower()
    assert not re.search(r"\b(src|href)\s*=", page, re.IGNORECASE)
    assert "@import" not in page and "url(" not in page


def test_cli_show_selects_a_record_by_id(cli_nlp, tmp_path):
    source = write_jsonl(tmp_path / "two.jsonl", [FIRST, SECOND])
    out = tmp_path / "second.html"
    result = runner.invoke(app, ["show", str(source), "--id", "second-doc", "-o", str(out)])
    assert result.exit_code == 0, (result.output, result.exception)
    page = out.read_text(encoding="utf8")
    assert "<h1>second-doc</h1>" in page
    assert "2025-06-13" in page
    assert "Globex" in page and "Acme" not in page


def test_render_input_defaults_to_the_first_record(nlp, tmp_path):
    source = write_jsonl(tmp_path / "two.jsonl", [FIRST, SECOND])
    written = render_input(source, tmp_path / "page.html", nlp=nlp)
    page = written.read_text(encoding="utf8")
    assert "<h1>first-doc</h1>" in page and "Globex" not in page


def test_cli_show_unknown_id_fails_with_the_ids_available(cli_nlp, tmp_path):
    source = write_jsonl(tmp_path / "two.jsonl", [FIRST, SECOND])
    out = tmp_path / "none.html"
    result = runner.invoke(app, ["show", str(source), "--id", "no-such-doc", "-o", str(out)])
    assert result.exit_code != 0
    assert "no-such-doc" in result.output
    assert "first-doc" in result.output and "second-doc" in result.output
    assert not out.exists()


def test_render_input_unknown_id_is_a_key_error(nlp, tmp_path):
    source = write_jsonl(tmp_path / "two.jsonl", [FIRST, SECOND])
    with pytest.raises(KeyError, match="first-doc"):
        render_input(source, tmp_path / "x.html", doc_id="missing", nlp=nlp)


def test_cli_show_missing_input_fails(cli_nlp, tmp_path):
    result = runner.invoke(app, ["show", str(tmp_path / "absent.jsonl"), "-o", str(tmp_path / "x.html")])
    assert result.exit_code != 0
    assert "absent.jsonl" in result.output


def test_text_and_ids_are_escaped(nlp, tmp_path):
    record = {
        "id": "doc<1>",
        "text": "<script>alert('x')</script>\n\nAcme Corp agreed to buy Widget Inc for $40 million <i>today</i>.",
    }
    source = write_jsonl(tmp_path / "evil.jsonl", [record])
    page = render_input(source, tmp_path / "evil.html", nlp=nlp).read_text(encoding="utf8")
    assert "<script" not in page.lower()
    assert "<i>" not in page and "&lt;i&gt;" in page
    assert "alert(" in page  # the text is shown, as text
    assert "<h1>doc&lt;1&gt;</h1>" in page


def _org(doc, start: int, end: int):
    return next(ent for ent in doc.ents if ent.start == start and ent.end == end)


def test_render_doc_shows_every_deal_field(nlp):
    """A hand-built deal: every field reaches the page, the evidence is highlighted."""
    from spacy.tokens import Span

    doc = nlp.make_doc("Alpha Corp agreed to buy the Gamma unit of Beta & Co for about $2 billion .")
    doc.ents = [Span(doc, 0, 2, "ORG"), Span(doc, 6, 7, "ORG"), Span(doc, 9, 12, "ORG"), Span(doc, 14, 16, "MONEY")]
    sentence = doc[0 : len(doc)]
    doc._.deals = [
        Deal(
            type="acquisition",
            buyers=[_org(doc, 0, 2)],
            target=_org(doc, 6, 7),
            seller=_org(doc, 9, 12),
            money=Money(amount=2e9, currency="USD", amount_min=1.5e9, approximate=True),
            money_span=doc[14:16],
            stake_pct=51.0,
            round=None,
            status="agreed",
            date="2025-06",
            evidence=sentence,
            trigger=doc[4:5],
            confidence=0.9,
        )
    ]
    doc._.roles = [Role(person=doc[0:1], title="CEO <interim>", org=_org(doc, 0, 2), evidence=sentence)]
    page = render_doc(doc, "hand-made")
    deals = deals_section(page)
    assert "Alpha Corp" in deals and "Gamma" in deals and "(from Beta &amp; Co)" in deals
    assert "about $2 billion" in deals and "at least $1.5 billion" in deals
    assert "51%" in deals and "2025-06" in deals and "0.90" in deals
    assert "sd-status-agreed" in deals
    assert '<span class="hl hl-trigger">buy</span>' in deals
    assert '<span class="hl hl-buyer">Alpha Corp</span>' in deals
    assert '<span class="hl hl-seller">Beta &amp; Co</span>' in deals
    assert "CEO &lt;interim&gt;" in page


@pytest.mark.parametrize("status", DEAL_STATUSES)
def test_each_status_has_its_badge(nlp, status):
    from spacy.tokens import Span

    doc = nlp.make_doc("Alpha Corp bought Beta Corp .")
    doc.ents = [Span(doc, 0, 2, "ORG"), Span(doc, 3, 5, "ORG")]
    doc._.deals = [
        Deal(
            type="acquisition",
            buyers=[doc.ents[0]],
            target=doc.ents[1],
            status=status,
            evidence=doc[0 : len(doc)],
            trigger=doc[2:3],
        )
    ]
    doc._.roles = []
    page = render_doc(doc, "badge")
    assert f'class="sd-badge sd-status-{status}"' in page and f">{status}</span>" in page


def test_a_document_without_deals_says_so(nlp):
    doc = nlp("The weather in Paris was mild on Tuesday.")
    page = render_doc(doc, "weather")
    assert "No deal found" in page
    assert '<mark class="entity"' in page


def test_render_doc_inside_a_notebook_returns_the_markup(nlp, monkeypatch):
    """displaCy displays the markup itself (and returns None) when it thinks it runs in
    Jupyter; render_doc must return it whole wherever it runs."""
    import spacy.displacy

    monkeypatch.setattr(spacy.displacy, "is_in_jupyter", lambda: True)
    page = render_doc(nlp("Acme Corp agreed to buy Widget Inc for $40 million."), "nb")
    assert '<mark class="entity"' in page and "None" not in page
