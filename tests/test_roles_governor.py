"""A central bank's or an institution's governor is a post of that organisation."""

import pytest

import pipeline


@pytest.fixture(scope="module")
def nlp():
    return pipeline.load()


def _roles(nlp, text):
    return [(str(role.person), role.title, str(role.org)) for role in nlp(text)._.roles]


def test_a_governor_before_the_name_is_a_post_of_the_bank(nlp):
    roles = _roles(nlp, "Central Bank of Norway governor Ravi Nair said inflation would ease this year.")
    assert [(person, title.lower(), org) for person, title, org in roles] == [
        ("Ravi Nair", "governor", "Central Bank of Norway")
    ]


def test_a_state_governor_has_no_organisation(nlp):
    assert _roles(nlp, "New York Governor Mario Pell said the state budget would balance.") == []
