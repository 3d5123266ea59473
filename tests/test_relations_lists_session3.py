"""Lists of deals in one sentence, coordination and one deal per transaction (through the
model, on sentences written for these tests)."""

from __future__ import annotations

from pipeline.export import mention_rows


def pairs(nlp, text: str) -> set[tuple[str, str]]:
    return {(buyer, row["target"]) for row in mention_rows(nlp(text), "t") for buyer in row["buyers"] or [None]}


def test_described_names_collapsed_into_one_phrase_are_each_a_target(nlp):
    # the parser reads "German toolmaker X and Austrian foundry Y" as one noun phrase
    found = pairs(nlp, "Merrow Capital bought German toolmaker Schraubwerk and Austrian foundry Gusshof last month.")
    assert ("Merrow Capital", "Schraubwerk") in found, found
    assert ("Merrow Capital", "Gusshof") in found, found


def test_respectively_pairs_each_buyer_with_its_described_target(nlp):
    found = pairs(
        nlp,
        "Aldren Foods and Castile Brands acquired Dutch bakery Broodhuis and Belgian confectioner "
        "Pralinor, respectively.",
    )
    assert found == {("Aldren Foods", "Broodhuis"), ("Castile Brands", "Pralinor")}, found


def test_a_name_and_its_own_unit_are_not_a_list():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from pipeline.relations.coordination import described_conjunct

    words = ["X", "and", "its", "unit", "Y", "and", "Belgian", "brewer", "Z"]
    doc = Doc(Vocab(), words=words, pos=["PROPN", "CCONJ", "PRON", "NOUN", "PROPN", "CCONJ", "ADJ", "NOUN", "PROPN"])
    assert not described_conjunct(doc[1:4])  # "and its unit": a possessive, the parent's unit
    assert described_conjunct(doc[5:8])  # "and Belgian brewer"
    assert not described_conjunct(doc[6:8])  # no "and" or comma: one description


def test_round_phrases_listed_after_participles_are_each_a_deal_of_the_subject(nlp):
    rows = mention_rows(
        nlp(
            "Sorrel Capital was busy in March, leading a $15m Series A in Dunwich Robotics, "
            "backing Ellery Labs' seed round and joining a $60m round in Caprana Health."
        ),
        "t",
    )
    by_target = {row["target"]: row for row in rows}
    assert by_target["Dunwich Robotics"]["buyers"] == ["Sorrel Capital"], rows
    assert by_target["Dunwich Robotics"]["amount"] == 15e6, rows
    assert by_target["Ellery Labs"]["buyers"] == ["Sorrel Capital"], rows
    assert by_target["Ellery Labs"]["amount"] is None, rows  # the list's other amounts are not its own


def test_possessed_rounds_joined_by_participles(nlp):
    found = pairs(
        nlp,
        "Halden Ventures made three bets in May, leading the Series A of Korvel, backing Anstey's seed round "
        "and joining Brightwater Labs' Series B.",
    )
    assert ("Halden Ventures", "Anstey") in found, found
    assert ("Halden Ventures", "Brightwater Labs") in found, found
    assert all(buyer == "Halden Ventures" for buyer, _ in found), found


def test_a_competing_bid_is_for_the_target_of_the_deal_told_before(nlp):
    for second in (
        "Ramsey Group on Friday made a competing bid of $450 million.",
        "The deal now faces a rival offer from Ramsey Group worth $450 million.",
    ):
        rows = mention_rows(nlp("Norvell Corp agreed last month to buy Pastor Foods for $400 million. " + second), "t")
        rival = [row for row in rows if row["buyers"] == ["Ramsey Group"]]
        assert len(rival) == 1, rows
        assert rival[0]["target"] == "Pastor Foods", rows
        assert rival[0]["status"] == "proposed", rows


def test_a_competing_bid_with_no_deal_before_takes_no_target(nlp):
    rows = mention_rows(nlp("Ramsey Group on Friday made a competing bid of $450 million."), "t")
    assert rows == [], rows
