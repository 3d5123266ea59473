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
