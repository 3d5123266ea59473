"""Parties of deals: who an object pronoun stands for, and the helpers split from
party_names. Sentences written for these tests (names and figures made up)."""

from __future__ import annotations

from pipeline.export import mention_rows


def _pairs(nlp, text):
    return sorted((tuple(row["buyers"]), row["target"]) for row in mention_rows(nlp(text), "t"))


def test_object_it_is_not_the_subject_of_its_own_clause(nlp):
    # "sold it": the company sold is the one bought before, never the seller itself
    rows = mention_rows(
        nlp("In 1999, Harrowgate Bancorp acquired Melvin Trust Services for $40 million, but sold it in 2012."), "t"
    )
    assert all(row["target"] != "Harrowgate Bancorp" for row in rows)
    assert ((("Harrowgate Bancorp",), "Melvin Trust Services")) in {(tuple(r["buyers"]), r["target"]) for r in rows}


def test_object_it_after_a_control_verb_is_the_company_named_before(nlp):
    pairs = _pairs(nlp, "Corvane Group bought Delling Ltd in 1998 and agreed to sell it to Fenwick Bank last year.")
    assert (("Fenwick Bank",), "Delling Ltd") in pairs
    assert all(target != "Corvane Group" for _, target in pairs)


def test_subject_it_still_stands_for_the_subject(nlp):
    pairs = _pairs(nlp, "Corvane Group said it agreed to buy Delling Ltd for $12 million.")
    assert pairs == [(("Corvane Group",), "Delling Ltd")]


def test_bound_subject_is_the_clause_subject_of_an_object_pronoun(nlp):
    from pipeline.relations import antecedents
    from pipeline.relations.context import Context

    doc = nlp("Corvane Group bought Delling Ltd in 1998 and sold it in 2004.")
    lex = nlp.get_pipe("spacy_deals_deal_relations").lexicon
    ctx = Context(lex, doc)
    it = next(t for t in doc if t.lower_ == "it")
    bound = antecedents.bound_subject(ctx, it)
    assert bound is not None and bound.text == "Corvane Group"
    assert antecedents.antecedent(ctx, it).text == "Delling Ltd"


def test_split_modules_keep_the_names_callers_use():
    from pipeline.relations import antecedents, non_parties, party_names

    assert antecedents.non_party is non_parties.non_party
    for name in ("parties_of", "party_of", "named_after_descriptor", "bracketed_name_after"):
        assert callable(getattr(party_names, name))


def _orgs(doc):
    return [" ".join(ent.text.split()) for ent in doc.ents if ent.label_ == "ORG"]


def test_a_name_broken_after_and_at_a_line_end_is_one_name(nlp):
    # newswire wraps lines anywhere: "and" at the end of a line, the name goes on below
    doc = nlp(
        "Harwick Power and\nLight Corp said it agreed to buy all of the\n"
        "shares of Delmont Utilities Inc for 40 mln dlrs in cash\nand stock.\n"
    )
    assert "Harwick Power and Light Corp" in _orgs(doc)
    rows = mention_rows(doc, "t")
    assert [" ".join(b.split()) for row in rows for b in row["buyers"]] == ["Harwick Power and Light Corp"]


def test_two_names_either_side_of_a_wrapped_and_stay_two(nlp):
    # the second half is a name of its own, not a word that goes on a name
    doc = nlp(
        "Investor Tom Reddy said talks with Pellman and\nSouthgate had ended, and that\n"
        "neither would make a competing offer for the company.\n"
    )
    assert not any(name.startswith("Pellman and") for name in _orgs(doc))


def test_the_units_a_company_sells_do_not_cut_its_name_at_and(nlp):
    rows = mention_rows(
        nlp(
            "Corbel Printing and Packaging Corp said it is considering selling its\n"
            "labelling operations. It said the units would be sold by negotiation.\n"
        ),
        "t",
    )
    names = {" ".join(str(v).split()) for row in rows for v in (row["target"], row["seller"]) if v}
    assert "Corbel Printing" not in names
    assert "Packaging Corp" not in names


def test_a_place_on_an_owned_unit_is_not_the_party(nlp):
    # "its U.S. subsidiary": the place says where the unit is; the owner is the party
    for text in (
        "Harlow Corp sold its Ohio unit to Fenwick Bank for $30 million.",
        "Tamsin Oil Co said its U.S. subsidiary agreed to buy Brenholt Refining Inc for $90 million.",
    ):
        rows = mention_rows(nlp(text), "t")
        names = {name for row in rows for name in [*row["buyers"], row["target"]]}
        assert rows and not names & {"Ohio", "U.S."}, text


def test_a_name_after_a_company_noun_is_a_company_whatever_its_tag(nlp):
    pairs = _pairs(nlp, "Corvane Media agreed to acquire the streaming platform Quibblr for $40 million.")
    assert pairs == [(("Corvane Media",), "Quibblr")]


def test_a_name_with_its_own_the_after_a_company_noun(nlp):
    pairs = _pairs(nlp, "Halvard Press Co. is buying sports news site The Runner for $55 million.")
    assert pairs == [(("Halvard Press Co.",), "The Runner")]


def test_a_nationality_after_based_is_no_company(nlp):
    doc = nlp(
        "Kessler Bottling Co said it agreed to sell its Vancouver-based Canadian bottling subsidiary to Fenwick Co."
    )
    assert "Canadian" not in _orgs(doc)


def test_a_town_followed_by_its_state_stays_a_place(nlp):
    doc = nlp("Swindell Packing Co said it agreed to sell its Huron, South Dakota pork plant to Merrow Beef Inc.")
    assert "Huron" not in _orgs(doc)
    rows = mention_rows(doc, "t")
    assert rows and all(row["target"] != "Huron" for row in rows)


def test_a_capitalised_number_word_opens_the_name_it_stands_before(nlp):
    pairs = _pairs(nlp, "Harlow acquired Six Lanterns for 147.4 mln dlrs in January 1982.")
    assert pairs == [(("Harlow",), "Six Lanterns")]
