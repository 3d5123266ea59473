"""'take-over' written with a hyphen is one word, read as 'takeover' is."""

import pytest

import pipeline


@pytest.fixture(scope="module")
def nlp():
    return pipeline.load()


def test_the_hyphenated_noun_is_one_token(nlp):
    assert "take-over" in [token.text for token in nlp.tokenizer("the planned take-over of Lambda Inc")]


@pytest.mark.parametrize(
    "text",
    [
        "Kappa Corp said it agreed to the take-over of Lambda Inc.",
        "Lambda Inc received a take-over offer from Kappa Corp.",
    ],
)
def test_a_hyphenated_take_over_is_a_deal(nlp, text):
    deals = nlp(text)._.deals
    assert [(str(deal.buyers[0]).rstrip("."), str(deal.target).rstrip(".")) for deal in deals] == [
        ("Kappa Corp", "Lambda Inc")
    ]


def test_a_paragraph_with_only_the_hyphenated_word_survives_triage():
    text = "HEADLINE\n\nThe weather was fine.\nKappa Corp agreed to the take-over of Lambda Inc."
    tables = pipeline.extract([{"id": "a", "text": text}])
    assert [name.rstrip(".") for name in tables.mentions["target"]] == ["Lambda Inc"]
