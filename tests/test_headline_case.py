"""Title-case headlines are given to the model in sentence case (pipeline.headline_case).
Headlines written for these tests."""

from __future__ import annotations

import pipeline
from pipeline.headline_case import sentence_case


def test_style_words_of_a_title_case_line_are_lowered():
    text = "Harrow Foods Sells Its Snack Unit To Delmore Group For $200 Million\n\nHarrow Foods said ..."
    assert sentence_case(text) == (
        "Harrow Foods sells its Snack unit to Delmore Group for $200 million\n\nHarrow Foods said ..."
    )


def test_length_and_names_are_kept():
    text = "Pell Acquisition Corp Agrees To Buy Stake In Norwin Labs"
    lowered = sentence_case(text)
    assert len(lowered) == len(text)
    assert lowered.startswith("Pell Acquisition Corp agrees to buy stake in Norwin Labs")


def test_other_lines_are_left_alone():
    for text in (
        "HARROW FOODS SELLS SNACK UNIT TO DELMORE",  # newswire capitals
        "Harrow Foods said on Monday it Agreed to sell the unit.",  # a sentence
        "Harrow Buys Delmore",  # too short to tell
    ):
        assert sentence_case(text) == text


def test_a_title_case_headline_gives_its_deal(nlp):
    tables = pipeline.extract(
        [{"id": "h1", "text": "Kestrel Networks Completes Acquisition Of Varden Software For $450 Million"}], nlp=nlp
    )
    rows = tables.mentions
    assert list(rows["target"]) == ["Varden Software"]
    assert list(rows["buyers"].iloc[0]) == ["Kestrel Networks"]
    assert rows["status"].iloc[0] == "completed"
    assert rows["amount"].iloc[0] == 450_000_000
