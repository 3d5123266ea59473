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


def test_an_offer_made_to_a_company_read_as_a_conjunct_names_its_target(nlp):
    doc = nlp("Orsino Corp made the $55 billion cash and share offer to Delvecchio Inc in June.")
    assert any(t.lower_ == "offer" and t.dep_ == "conj" for t in doc)  # the parser's reading
    rows = [(row["type"], tuple(row["buyers"]), row["target"]) for row in mention_rows(doc, "t")]
    assert rows == [("acquisition", ("Orsino Corp",), "Delvecchio Inc")]


def test_made_the_offer_to_a_company_names_its_target(nlp):
    assert _rows(nlp, "Orsino Corp made the offer to Delvecchio Inc in June.") == [
        ("acquisition", ("Orsino Corp",), "Delvecchio Inc")
    ]
