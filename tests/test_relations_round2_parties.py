"""Parties of modern news leads (round 2): a company named only by its funding round, an
outlet or dateline joined to the lead by a dash, a document named where a party would
be. Sentences written for these tests (names and figures made up)."""

from __future__ import annotations

from pipeline.export import mention_rows


def _pairs(nlp, text):
    return sorted((tuple(row["buyers"]), row["target"]) for row in mention_rows(nlp(text), "t"))


def _label(nlp, text, name):
    return [ent.label_ for ent in nlp(text).ents if ent.text == name]


def test_the_possessor_of_a_round_is_a_company(nlp):
    text = "Pinecrest Capital joined Tessaly's $40 million Series C round."
    assert _label(nlp, text, "Tessaly") == ["ORG"]
    assert _pairs(nlp, text) == [(("Pinecrest Capital",), "Tessaly")]


def test_who_announces_money_in_a_round_is_a_company(nlp):
    text = "Tessaly announced $68 million in Series B funding led by Halden Ventures."
    assert _label(nlp, text, "Tessaly") == ["ORG"]
    assert _pairs(nlp, text) == [(("Halden Ventures",), "Tessaly")]


def test_a_place_before_the_subject_of_a_round_stays_a_place(nlp):
    text = (
        "Toronto start-up Quorvane Labs, which sells scheduling software, closed $2 million in Series A funding"
        " led by Arvo Ventures."
    )
    assert _label(nlp, text, "Toronto") == ["GPE"]
    assert _pairs(nlp, text) == [(("Arvo Ventures",), "Quorvane Labs")]


def test_an_outlet_before_a_dash_is_no_part_of_the_buyer(nlp):
    text = "DealWatch Daily - Kappa Corp agreed to acquire Lomax Inc for $30 million."
    assert _pairs(nlp, text) == [(("Kappa Corp",), "Lomax Inc")]


def test_an_outlet_before_a_descriptor_and_a_name_is_no_party(nlp):
    text = "Tradewirenews.com - Packaging materials company Velmora SA said it had agreed to acquire Brisk Systems."
    assert _pairs(nlp, text) == [(("Velmora SA",), "Brisk Systems")]


def test_a_document_is_never_the_buyer(nlp):
    text = "We sold our Pellan Division pursuant to an Asset Purchase Agreement with Corvane Holdings, Inc."
    assert _pairs(nlp, text) == [(("Corvane Holdings, Inc.",), "Pellan Division")]


def test_a_name_headed_by_a_document_noun_is_no_party(nlp):
    from pipeline.relations.non_parties import document_name

    doc = nlp("The Merger Agreement was signed by Corvane Holdings.")
    assert document_name(doc[1:3]) and not document_name(doc[6:8])


def test_the_possessor_of_a_round_led_by_another_raises_it(nlp):
    text = "Arvo Ventures led Quellin's $25 million Series B funding round."
    assert _pairs(nlp, text) == [(("Arvo Ventures",), "Quellin")]
