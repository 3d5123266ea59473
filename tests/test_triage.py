"""Triage: which paragraphs reach the model, and offsets back into the original text."""

from __future__ import annotations

import pytest

import pipeline
from pipeline.triage import Triage

NEWSWIRE = (
    "ACME SAYS SALES ROSE\n\n"
    "Acme Corp said first quarter sales rose\n"
    "eight pct to 120 mln dlrs.\n"
    "    The company said it expects a good year.\n"
    "    Separately, Acme said it agreed to buy\n"
    "Widget Inc for 40 mln dlrs.\n"
    "    Weather in the region was mild.\n"
)


@pytest.fixture(scope="module")
def triage(nlp):
    return Triage(nlp)


def test_keeps_title_lead_and_cue_paragraphs(triage):
    selection = triage.select(NEWSWIRE)
    assert "ACME SAYS SALES ROSE" in selection.text
    assert "first quarter sales rose" in selection.text
    assert "agreed to buy" in selection.text
    assert "expects a good year" not in selection.text
    assert "Weather" not in selection.text


def test_offsets_map_back_to_the_original(triage):
    selection = triage.select(NEWSWIRE)
    at = selection.text.index("Separately")
    assert NEWSWIRE[selection.original_offset(at):].startswith("Separately")


def test_text_without_cues_skips_the_model(triage):
    selection = triage.select("Rain fell on Tuesday.\nThe river rose two feet.")
    assert selection.text == "" and selection.tokens > 0


def test_triage_finds_the_same_deal_with_the_right_offsets(nlp):
    full = pipeline.extract([{"id": "a", "text": NEWSWIRE}], nlp=nlp, triage=False).mentions
    triaged = pipeline.extract([{"id": "a", "text": NEWSWIRE}], nlp=nlp, triage=True).mentions
    assert list(full["target"]) == list(triaged["target"]) == ["Widget Inc"]
    row = triaged.iloc[0]
    assert " ".join(NEWSWIRE[row.sentence_start:row.sentence_end].split()) == row.evidence


def test_word_counts_are_of_the_original_text(nlp):
    stats_full, stats_triaged = pipeline.batch.RunStats(), pipeline.batch.RunStats()
    pipeline.extract([NEWSWIRE], nlp=nlp, triage=False, stats=stats_full)
    pipeline.extract([NEWSWIRE], nlp=nlp, triage=True, stats=stats_triaged)
    assert stats_full.words == stats_triaged.words
