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


def test_a_spin_off_to_the_parents_holders_is_no_deal(nlp):
    assert _rows(nlp, "Orsino Corp plans to spin off its Lisbon business, which will be listed as Delvecchio Ltd.") == []
    assert _rows(nlp, "Orsino Corp announced the spinoff of its valve business Delvecchio.") == []


def test_a_spin_off_to_a_named_buyer_is_a_sale(nlp):
    rows = _rows(nlp, "Orsino Corp spun off its Delvecchio unit to Marwick Holdings for $35 million.")
    assert [(r[0], r[1]) for r in rows] == [("acquisition", ("Marwick Holdings",))]


def test_a_spin_off_of_part_of_a_unit_stays_a_divestiture(nlp):
    rows = _rows(nlp, "Orsino Corp is considering a spinoff of part of Delvecchio Inc, its brokerage unit.")
    assert [(r[0], r[2]) for r in rows] == [("divestiture", "Delvecchio Inc")]


def test_agreeing_to_become_a_subsidiary_is_a_takeover_agreed(nlp):
    rows = [
        (row["type"], tuple(row["buyers"]), row["target"], row["status"])
        for row in mention_rows(nlp("Delvecchio Inc agreed to become a wholly owned subsidiary of Orsino Corp."), "t")
    ]
    assert rows == [("acquisition", ("Orsino Corp.",), "Delvecchio Inc", "agreed")]


def test_becoming_something_other_than_a_subsidiary_is_no_deal(nlp):
    assert _rows(nlp, "Delvecchio Inc became a leading supplier of valves to Orsino Corp.") == []
