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


def test_two_unnamed_units_of_one_parent_bought_apart_stay_two_deals(nlp):
    rows = mention_rows(
        nlp(
            "Harwick Foods agreed to buy Delmont Bakeries' European business for $120 million. "
            "In March it bought Delmont Bakeries' Asian business for $40 million."
        ),
        "t",
    )
    assert sorted((row["amount"], row["status"]) for row in rows) == [(40e6, "completed"), (120e6, "agreed")], rows


def test_the_same_unnamed_unit_told_twice_is_one_deal(nlp):
    rows = mention_rows(
        nlp(
            "Harwick Foods agreed to buy Delmont Bakeries' European business for $120 million. "
            "Harwick Foods said the purchase of Delmont Bakeries' European business would close in May."
        ),
        "t",
    )
    assert len(rows) == 1, rows


def test_an_unnamed_unit_sold_is_the_unit_named_later(nlp):
    rows = mention_rows(
        nlp(
            "Calder Industries agreed to sell its packaging business to Brunsfeld AG for $600 million. "
            "Brunsfeld AG said its purchase of Calder Pack, the packaging unit, would close in the spring."
        ),
        "t",
    )
    assert [(row["buyers"], row["target"], row["seller"], row["amount"]) for row in rows] == [
        (["Brunsfeld AG"], "Calder Pack", "Calder Industries", 600e6)
    ], rows


def test_the_business_paid_for_after_a_named_unit_sale_is_that_unit(nlp):
    rows = mention_rows(
        nlp(
            "Calder Industries said it would sell its Calder Pack unit to Brunsfeld AG. "
            "Under the deal, Brunsfeld will pay $600 million for the business."
        ),
        "t",
    )
    assert [(row["target"], row["seller"], row["amount"]) for row in rows] == [
        ("Calder Pack", "Calder Industries", 600e6)
    ], rows


def test_investors_listed_after_participation_from_each_a_buyer(nlp):
    rows = mention_rows(
        nlp(
            "Brevant Labs raised $40 million in a Series B round. The round was led by Holloway Capital, "
            "with participation from Tessaly, Marrow Ventures and Quenby."
        ),
        "t",
    )
    assert len(rows) == 1, rows
    # one name tagged for "Marrow Ventures and Quenby" is two investors; "Tessaly" is one too
    assert sorted(rows[0]["buyers"]) == ["Holloway Capital", "Marrow Ventures", "Quenby", "Tessaly"], rows


def test_a_name_with_no_firm_word_before_and_stays_whole():
    import spacy
    from spacy.tokens import Doc, Span

    from pipeline.relations.funding import split_listed

    doc = Doc(spacy.blank("en").vocab, words=["Marrow", "Ventures", "and", "Quenby", "with", "Smith", "and", "Wesson"])
    assert [p.text for p in split_listed(Span(doc, 0, 4, label="ORG"))] == ["Marrow Ventures", "Quenby"]
    assert [p.text for p in split_listed(Span(doc, 5, 8, label="ORG"))] == ["Smith and Wesson"]


def test_names_listed_with_semicolons_after_the_target_are_targets_too(nlp):
    rows = mention_rows(
        nlp(
            "Kestrel Brands Inc said it has agreed to acquire all of the shares of Orvik Holdings Inc "
            "(incorporated in Delaware); Tamsel Oy (incorporated in Finland); and Brightholm Ltd "
            "(incorporated in Ireland) for a combined $75 million.\n\n"
            "Kestrel Brands said on Friday it had completed the acquisition."
        ),
        "t",
    )
    by_target = {row["target"]: row for row in rows}
    assert {"Orvik Holdings Inc", "Tamsel Oy", "Brightholm Ltd"} <= set(by_target), rows
    assert all(row["buyers"] == ["Kestrel Brands Inc"] for row in rows), rows
    assert all(row["amount"] is None for row in rows), rows  # a combined price, not each one's
    assert all(row["status"] == "completed" for row in rows), rows  # the later outcome tells all of them


def test_a_partner_joined_for_the_deal_is_a_buyer_too(nlp):
    for text in (
        "Ostrava Capital has teamed up with Weller Partners to buy Kinsdale Foods for $300 million.",
        "Ostrava Capital joined forces with Weller Partners in a bid for Kinsdale Foods.",
        "Ostrava Capital partnered with Weller Partners to acquire Kinsdale Foods.",
    ):
        found = pairs(nlp, text)
        assert found == {("Ostrava Capital", "Kinsdale Foods"), ("Weller Partners", "Kinsdale Foods")}, (text, found)


def test_joining_a_board_is_no_partnership(nlp):
    assert pairs(nlp, "Ostrava Capital joined the board of Kinsdale Foods to acquire expertise.") == set()


def test_kinds_of_business_listed_before_one_unit_noun_are_the_sellers_unit(nlp):
    rows = mention_rows(
        nlp("Brantley Chemicals agreed to sell its adhesives, coatings and sealants businesses to Morland Partners."),
        "t",
    )
    assert [(row["buyers"], row["seller"]) for row in rows] == [(["Morland Partners"], "Brantley Chemicals")], rows
    assert rows[0]["target"].startswith("Brantley Chemicals"), rows


def test_buyers_of_a_sale_named_in_the_next_sentence_join_it(nlp):
    for second in (
        "The buyers are led by Kelling Capital and Ardross Partners.",
        "The purchasers include Kelling Capital and Ardross Partners.",
    ):
        rows = mention_rows(
            nlp("Dunmore Chemicals sold its adhesives unit to a group of investors for $40 million. " + second), "t"
        )
        assert [(sorted(row["buyers"]), row["type"]) for row in rows] == [
            (["Ardross Partners", "Kelling Capital"], "acquisition")
        ], rows


def test_a_sale_with_no_buyer_named_later_stays_a_divestiture(nlp):
    rows = mention_rows(
        nlp("Dunmore Chemicals sold its adhesives unit for $40 million. The investors were pleased with the results."),
        "t",
    )
    assert [(row["buyers"], row["type"]) for row in rows] == [([], "divestiture")], rows


def test_a_unit_sold_is_no_part_of_a_merger_of_its_parent(nlp):
    rows = mention_rows(
        nlp(
            "Holders of Carrow Telecom approved its merger with Benlow Networks on Monday. "
            "Benlow Networks also agreed to sell its Danish business."
        ),
        "t",
    )
    mergers = [row for row in rows if row["type"] == "merger"]
    assert mergers, rows
    assert all("Danish" not in row["target"] for row in mergers), rows


def test_a_round_letter_is_never_a_target(nlp):
    found = pairs(nlp, "Corvane Capital led a $9 million Series A round in Tessaly Inc.")
    assert ("Corvane Capital", "Tessaly Inc.") in found, found
    assert all(target not in ("A", "Series A") for _, target in found), found


def test_a_round_leader_is_not_taken_for_the_company_raising(nlp):
    # the company raising is not read here: no deal rather than one on the leader itself
    found = pairs(nlp, "Corvane Capital led a $9 million round in Pellucid Pay last month.")
    assert all(target != "Corvane Capital" for _, target in found), found
