"""Roles of sentences through the whole pipeline for the employer resolution of
pipeline/roles/employers.py and rules.py. Every name and sentence here is made up for
these tests.
"""

from __future__ import annotations

import pytest

from pipeline.export import role_rows
from pipeline.names import names_match, titles_match


def _has(rows, who, title, org) -> bool:
    return any(
        names_match(r["person"], who) and titles_match(r["title"], title) and names_match(r["org"], org) for r in rows
    )


FOUND = [
    pytest.param(
        "Pellworth Foods paid cash and took on no debt, its finance chief Ada Brook told reporters.",
        ("Ada Brook", "finance chief", "Pellworth Foods"),
        id="its-title-in-reported-speech",
    ),
    pytest.param(
        "Tom Reese, is the 47-year-old chief executive of Orlith Systems Inc, a maker of sensors.",
        ("Tom Reese", "chief executive", "Orlith Systems Inc"),
        id="age-adjective-before-title",
    ),
    pytest.param(
        "From 2004 to 2011, Ada Brook served as treasurer of Harlan Tool Co and acted as president of Orlith Systems Inc.",
        ("Ada Brook", "president", "Orlith Systems Inc"),
        id="and-acted-as",
    ),
    pytest.param(
        "Tom Reese has served as a senior adviser to Harlan Tool Co since 2016.",
        ("Tom Reese", "senior adviser", "Harlan Tool Co"),
        id="adviser-to",
    ),
    pytest.param(
        "The nominees are Tom Reese, chairman and chief executive officer of <Pellworth Foods Inc>, and Ada Brook.",
        ("Tom Reese", "chairman", "Pellworth Foods Inc"),
        id="of-angle-brackets",
    ),
    pytest.param(
        "<Pellworth Foods Inc> said it cut costs, <Pellworth> chairman Tom Reese said.",
        ("Tom Reese", "chairman", "Pellworth Foods Inc"),
        id="angle-brackets-before-title",
    ),
    pytest.param(
        "Harlan Tool Co said Pellworth Foods Inc (PFI) wants its shares. PFI chief executive Tom Reese said so on Monday.",
        ("Tom Reese", "chief executive", "Pellworth Foods Inc"),
        id="acronym-spelt-out",
    ),
    pytest.param(
        "Tom Reese, Pellworth Foods' longtime chief executive, will retire next year.",
        ("Tom Reese", "chief executive", "Pellworth Foods"),
        id="possessive-described-title",
    ),
    pytest.param(
        "Ada Brook will take over as chief executive of Orlith Systems Inc on July 1.",
        ("Ada Brook", "chief executive", "Orlith Systems Inc"),
        id="take-over-as",
    ),
    pytest.param(
        "Tom Reese co-founded Ghanaian payments firm Pellworth Rails with his sister, Ada Reese, in 2016.",
        ("Ada Reese", "co-founder", "Pellworth Rails"),
        id="co-founded-with-his-sister",
    ),
    pytest.param(
        "Harlan Tool Co said it has elected Tom Reese a vice president and named him chief financial officer.",
        ("Tom Reese", "chief financial officer", "Harlan Tool Co"),
        id="named-him",
    ),
    pytest.param(
        "Pellworth Fund N.V., a mutual fund for which Boston investor Tom Reese is investment adviser, bought shares.",
        ("Tom Reese", "investment adviser", "Pellworth Fund N.V."),
        id="for-which-relative-clause",
    ),
    pytest.param(
        "Ada Brook, who was chief executive of Harlan Tool Co, was replaced by her deputy Tom Reese in May as chief executive.",
        ("Tom Reese", "chief executive", "Harlan Tool Co"),
        id="replaced-by-as",
    ),
]


@pytest.mark.parametrize("text, expected", FOUND)
def test_found(nlp, text, expected):
    rows = role_rows(nlp(text), "t")
    assert _has(rows, *expected), rows


def test_the_other_party_is_not_the_employer(nlp):
    text = (
        "Quarrow Labs has agreed to be acquired by Tenvale Software Corp. for $90 million.\n\n"
        "Quarrow chief executive Ada Brook will join Tenvale as a vice president."
    )
    rows = role_rows(nlp(text), "t")
    assert not _has(rows, "Ada Brook", "chief executive", "Tenvale Software Corp."), rows
    assert _has(rows, "Ada Brook", "vice president", "Tenvale Software Corp."), rows


def test_an_analyst_takes_no_company_from_the_sentence(nlp):
    rows = role_rows(nlp("Orlith Systems Inc shares rose 5 pct, analyst Tom Reese said."), "t")
    assert rows == [], rows


def test_a_head_of_state_works_for_no_company(nlp):
    rows = role_rows(nlp("Harlan Tool Co said it sent its offer to Ruritanian President Ada Brook on Monday."), "t")
    assert rows == [], rows


def test_president_before_a_name_mid_sentence_is_a_head_of_state(nlp):
    rows = role_rows(
        nlp("Harlan Tool Co welcomed the decision, which rejects President Ada Brook's call for tariffs."), "t"
    )
    assert rows == [], rows


def test_each_officer_of_a_list_keeps_their_own_title(nlp):
    rows = role_rows(
        nlp("Orlith Systems Inc chief executive Ada Brook and finance chief Tom Reese presented the results."), "t"
    )
    assert _has(rows, "Ada Brook", "chief executive", "Orlith Systems Inc"), rows
    assert not _has(rows, "Tom Reese", "chief executive", "Orlith Systems Inc"), rows


def test_a_committee_chairman_is_not_the_companys(nlp):
    rows = role_rows(
        nlp(
            "Barclays managed the loan to fertilizer maker Pellworth Foods Inc, said Tom Reese, chairman of the foreign debt committee."
        ),
        "t",
    )
    assert not _has(rows, "Tom Reese", "chairman", "Pellworth Foods Inc"), rows


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "Harlan Tool Co named Ada Brook as its chief executive on Monday, replacing Tom Reese, who retired in May.",
            ("Tom Reese", "former chief executive", "Harlan Tool Co"),
            id="replacing-who-retired",
        ),
        pytest.param(
            "Ada Brook will become chief executive of Harlan Tool Co on 1 March, succeeding Tom Reese, who is stepping down.",
            ("Tom Reese", "chief executive", "Harlan Tool Co"),
            id="succeeding-who-is-stepping-down",
        ),
        pytest.param(
            "Harlan Tool Co said Ada Brook will succeed Tom Reese as president and chief executive officer.",
            ("Tom Reese", "former president", "Harlan Tool Co"),
            id="succeed-as",
        ),
    ],
)
def test_predecessor(nlp, text, expected):
    rows = role_rows(nlp(text), "t")
    assert _has(rows, *expected), rows
    if "stepping down" in text:
        assert not any(r["title"].startswith("former") for r in rows if r["person"] == "Tom Reese"), rows


def test_a_successor_on_the_board_says_nothing_of_the_predecessors_post(nlp):
    rows = role_rows(
        nlp("Harlan Tool Co said Ada Brook, chairman of Orlith Systems Inc, will succeed Tom Reese on the board."), "t"
    )
    assert not any(r["person"] == "Tom Reese" for r in rows), rows
