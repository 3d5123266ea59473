"""What the model reads of a text: title-case headlines in sentence case
(pipeline.headline_case), bracketed stock tickers hidden (pipeline.texts.hide_tickers).
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


def test_bracketed_tickers_are_read_as_spaces():
    from pipeline.texts import hide_tickers

    text = "Harrow (NYSE: HRW) sold its stake in Delmore Ports (DLMq.L) to Kestrel Group (KG)."
    hidden = hide_tickers(text)
    assert len(hidden) == len(text)
    assert "NYSE" not in hidden and "DLMq" not in hidden
    assert "(KG)" in hidden  # a bare short form names the company later: kept


def test_a_sale_with_tickers_keeps_its_buyer(nlp):
    text = (
        "Harrow Shipping (HRWb.CO) said it has agreed to sell its stake in port operator Delmore Ports (DLMq.L) "
        "to container operator Kestrel Group."
    )
    rows = pipeline.extract([{"id": "t1", "text": text}], nlp=nlp).mentions
    assert [list(b) for b in rows["buyers"]] == [["Kestrel Group"]]
    assert list(rows["target"]) == ["Delmore Ports"]


def test_a_wrapped_line_of_newswire_is_no_headline():
    text = (
        "HARROW SELLS UNIT\n\nHarrow Corp said it agreed to the sale of\nits Delmore plant and its P\n"
        "and Q Valve Repair Sales and Services Corp.\n    It said terms were not disclosed."
    )
    assert sentence_case(text) == text
