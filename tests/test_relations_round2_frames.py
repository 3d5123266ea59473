"""Frames of round 2 classes: a deal noun the tagger read as a verb, an offer made "to" a
company, a spin-off with no buyer, a company that becomes another's subsidiary. Sentences
written for these tests (names and figures made up)."""

from __future__ import annotations

from pipeline.export import mention_rows


def _rows(nlp, text):
    return [(row["type"], tuple(row["buyers"]), row["target"]) for row in mention_rows(nlp(text), "t")]


def test_a_takeover_noun_tagged_as_a_verb_keeps_its_noun_frame(nlp):
    doc = nlp("Orsino Corp has received approval for its pending $48.25 per share buyout by Delvecchio Partners.")
    assert any(t.lower_ == "buyout" and t.pos_ == "VERB" for t in doc)  # the tagger's reading
    rows = [(row["type"], tuple(row["buyers"]), row["target"]) for row in mention_rows(doc, "t")]
    assert rows == [("acquisition", ("Delvecchio Partners",), "Orsino Corp")]
