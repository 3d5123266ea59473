"""Where party names begin and end, and lists of parties (issue 17, names helper): names cut at
a line end, initials joined by "and", trade words after "and", "X of <Place> and Y", a place
before a hyphen, quote marks at a name's edge, a company called without its head word. Every
sentence is made up."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.export import mention_rows
from pipeline.orgs import name_edges
from pipeline.orgs.lexicon import load_org_lexicon


def pairs(nlp, text: str) -> set[tuple[str, str]]:
    return {(buyer, row["target"]) for row in mention_rows(nlp(text), "t") for buyer in row["buyers"] or [None]}


@pytest.fixture(scope="module")
def lex():
    return load_org_lexicon(None)


VOCAB = spacy.blank("en").vocab  # lexical attributes (is_quote, is_space) of English


def _doc(words: list[str]) -> Doc:
    spaces = [not (w.isspace() or (i + 1 < len(words) and words[i + 1].isspace())) for i, w in enumerate(words)]
    return Doc(VOCAB, words=words, spaces=spaces)


def test_a_name_the_model_started_again_after_a_line_end_is_one_name(lex):
    doc = _doc(["sell", "it", "to", "Kestrel", "\n", "Harrow", "Marine", "Ltd", "of", "Leeds"])
    first, second = Span(doc, 3, 5, label="ORG"), Span(doc, 5, 10, label="ORG")
    joined = name_edges.wrapped_halves(lex, [first, second])
    assert [(span.start, span.end) for span in joined] == [(3, 10)]


def test_two_names_one_per_line_stay_two(lex):
    # the first half ends in a corporate suffix: a name of its own
    doc = _doc(["Kestrel", "Corp", "\n", "Harrow", "Marine", "Ltd"])
    spans = [Span(doc, 0, 3, label="ORG"), Span(doc, 3, 6, label="ORG")]
    assert name_edges.wrapped_halves(lex, spans) == spans


def test_initials_joined_by_and_open_the_name():
    doc = _doc(["its", "P", "\n", "and", "Q", "Valve", "Repair", "Corp"])
    assert name_edges.initials_start(doc, 5) == 1  # tagged from "Valve"
    assert name_edges.initials_start(doc, 4) == 1  # tagged from "Q"
    lone = _doc(["sold", "A", "Valve", "Repair", "Corp"])
    assert name_edges.initials_start(lone, 2) == 2  # "A" alone is the article


def test_quote_marks_are_no_part_of_a_name():
    doc = _doc(["by", "Falcon", "VII", '"', "fair"])
    trimmed = name_edges.without_quotes(Span(doc, 1, 4, label="PERSON"))
    assert (trimmed.start, trimmed.end) == (1, 3)


def test_a_trade_word_after_and_goes_on_the_name(nlp):
    found = pairs(
        nlp, "Brandt Industries said it sold a 20 pct interest to Westcliff Coal and Fuel Associates last month."
    )
    assert any(buyer == "Westcliff Coal and Fuel Associates" for buyer, _ in found), found


def test_a_place_before_a_hyphen_is_no_partner_name(nlp):
    found = pairs(
        nlp,
        "Corvell Chemicals agreed to sell its resins business to Greyfield Capital Management and "
        "London-based buyout group Marlowe Equity for 300 mln dlrs.",
    )
    buyers = {buyer for buyer, _ in found}
    assert "Greyfield Capital Management" in buyers, found
    assert not any(buyer and "London" in buyer for buyer in buyers), found


def test_initials_pair_unit_is_one_target(nlp):
    found = pairs(nlp, "Dunmore Corp said it sold its T and R Paving Supply Co to Kessler Group.")
    assert ("Kessler Group", "T and R Paving Supply Co") in found, found


def test_a_company_called_without_its_head_word_is_the_same_buyer(nlp):
    rows = mention_rows(
        nlp(
            'Analysts called the 20-dlr offer by Falcon VII "fair value but low." '
            "Falcon VII Industries Inc offered 20 dlrs a share for Harlan Corp."
        ),
        "t",
    )
    buyers = [buyer for row in rows for buyer in row["buyers"]]
    assert buyers == ["Falcon VII Industries Inc"], rows


def test_names_either_side_of_for_are_two(lex):
    doc = _doc(["against", "Dorrance", "Publishers", "for", "Larkspur", "&", "Webb", ","])
    assert name_edges.names_either_side_of_for(lex, Span(doc, 1, 7, label="ORG"), 3)
    inside = _doc(["the", "Centre", "for", "Policy", "Studies", "said"])
    assert not name_edges.names_either_side_of_for(lex, Span(inside, 1, 5, label="ORG"), 2)


def test_a_preposition_never_ends_a_name():
    doc = _doc(["Dorrance", "Publishers", "for"])
    assert name_edges.dangling_end(doc[2])
    assert not name_edges.dangling_end(doc[1])


def test_a_partner_told_along_with_on_the_control_verb_buys_too(nlp):
    found = pairs(
        nlp,
        "Pemberton Capital and Calloway Partners, along with Sino-Pacific Fund, agreed to buy Rydell Foods "
        "for $400 million.",
    )
    assert {buyer for buyer, _ in found} == {"Pemberton Capital", "Calloway Partners", "Sino-Pacific Fund"}, found


def test_a_group_s_members_listed_in_the_next_sentence_are_the_buyers(nlp):
    found = pairs(
        nlp,
        "An investor group bought 9.5 pct of Tidewater Growth Fund Inc, it said in a filing.\nThe group "
        "includes Keswick Holdings Corp, a Bermuda trading house, and Ostrander Invest AB, a Stockholm fund "
        "manager, and Lars Ostrander, a private investor.",
    )
    assert found == {
        ("Keswick Holdings Corp", "Tidewater Growth Fund Inc"),
        ("Ostrander Invest AB", "Tidewater Growth Fund Inc"),
        ("Lars Ostrander", "Tidewater Growth Fund Inc"),
    }, found


def test_a_unit_sold_together_with_another_is_no_partner():
    from types import SimpleNamespace

    from pipeline.relations.coordination import owned_holding

    words = ["sell", "its", "paint", "business", "together", "with", "its", "resins", "business"]
    heads = [0, 3, 3, 0, 5, 0, 8, 8, 5]
    deps = ["ROOT", "poss", "compound", "dobj", "advmod", "prep", "poss", "compound", "pobj"]
    pos = ["VERB", "PRON", "NOUN", "NOUN", "ADV", "ADP", "PRON", "NOUN", "NOUN"]
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=words)
    ctx = SimpleNamespace(lex=SimpleNamespace(unit_nouns=frozenset({"business"}), holding_nouns=frozenset({"stake"})))
    assert owned_holding(ctx, doc[8], doc[0])  # more of what is sold
    partner = Doc(
        VOCAB,
        words=["buy", "it", "together", "with", "its", "parent"],
        heads=[0, 0, 3, 0, 5, 3],
        deps=["ROOT", "dobj", "advmod", "prep", "poss", "pobj"],
        pos=["VERB", "PRON", "ADV", "ADP", "PRON", "NOUN"],
        lemmas=["buy", "it", "together", "with", "its", "parent"],
    )
    assert not owned_holding(ctx, partner[5], partner[0])


def test_a_name_begun_late_takes_the_words_its_full_form_has():
    doc = _doc(["Falcon", "Tire", "and", "Rubber", "Co", "said"])
    assert name_edges.evidenced_start(doc, 1, 5, {"falcon tire and rubber"}) == 0
    assert name_edges.evidenced_start(doc, 1, 5, {"rubber"}) == 1
    the = _doc(["The", "Rubber", "Co", "said"])
    assert name_edges.evidenced_start(the, 1, 3, {"rubber"}) == 1  # an article is no name word


def test_a_clipped_name_is_the_full_name():
    fulls = ["Public Investment Fund", "Lucid Group", "Falcon Technologies Corp"]
    assert name_edges.short_form_of("Falcon Tech", fulls) == "Falcon Technologies Corp"
    assert name_edges.short_form_of("Falcon Tech", fulls + ["Falcon Techniques Ltd"]) is None  # two candidates
    assert name_edges.short_form_of("Falcon", fulls) is None
    assert name_edges.short_form_of("Fal Technologies", fulls) is None  # too short a clip


def test_a_buyer_called_by_a_clipped_name_is_named_in_full(nlp):
    rows = mention_rows(
        nlp(
            "Falcon Technologies Corp agreed to sell its pumps business to Arden Partners for $900 million. "
            "Separately, Falcon Tech agreed to buy Merrow Aerospace for $4 billion."
        ),
        "t",
    )
    buyers = {buyer for row in rows for buyer in row["buyers"]}
    assert "Falcon Tech" not in buyers and "Falcon Technologies Corp" in buyers, rows


def test_a_name_begun_after_its_and_takes_its_first_word_back():
    doc = _doc(["Cobble", "and", "Wire", "PLC", "said"])
    assert name_edges.evidenced_start(doc, 2, 4, {"cobble and wire"}) == 0


def test_two_halves_tagged_around_a_trade_word_are_one_name(lex):
    doc = _doc(["of", "South", "Fork", "Savings", "and", "Loan", "Association", "said"])
    halves = [Span(doc, 1, 4, label="ORG"), Span(doc, 5, 7, label="ORG")]
    assert [(s.start, s.end) for s in name_edges.joined_halves(lex, halves)] == [(1, 7)]
    two = _doc(["Acme", "Corp", "and", "Steel", "Partners"])
    spans = [Span(two, 0, 2, label="ORG"), Span(two, 3, 5, label="ORG")]
    assert name_edges.joined_halves(lex, spans) == spans  # a suffix ends the first name


def test_a_name_in_capitals_ends_where_the_headline_goes_on(lex):
    doc = _doc(["KESTREL", "HOLDINGS", "UNIT", "BUYS", "SOFTWARE", "COMPANY"])
    assert name_edges.evidenced_prefix_end(lex, doc, 0, 6, {"kestrel"}) == 2
    assert name_edges.evidenced_prefix_end(lex, doc, 0, 6, {"harrow"}) == 6  # no start named elsewhere
    mixed = _doc(["Kestrel", "Holdings", "Unit", "Buys", "Software", "Company"])
    assert name_edges.evidenced_prefix_end(lex, mixed, 0, 6, {"kestrel"}) == 6  # capitals only
