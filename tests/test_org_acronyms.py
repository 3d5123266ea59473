"""An acronym of a company named in full elsewhere is the same party
(pipeline.orgs.acronyms). Sentences written for these tests."""

from __future__ import annotations

from pipeline.export import mention_rows
from pipeline.orgs.acronyms import acronym_links, initials

SUFFIXES = frozenset({"inc", "corp", "co", "plc"})


def test_initials_skip_function_words_and_suffixes():
    assert initials("Trans Harbour Lines Inc", SUFFIXES) == "thl"
    assert initials("Bank of Delmore and Pell Plc", SUFFIXES) == "bdp"
    assert initials("Delmore trading house", SUFFIXES) == ""  # not a capitalised name


def test_an_acronym_links_to_the_one_name_it_spells():
    names = {"thl": "THL", "trans harbour lines": "Trans Harbour Lines Inc", "norvell": "Norvell"}
    assert acronym_links(dict(names), SUFFIXES)["thl"] == "Trans Harbour Lines Inc"
    two = dict(names, **{"tan holding lab": "Tan Holding Lab"})
    assert acronym_links(two, SUFFIXES)["thl"] == "THL"  # two names spell it: left alone


def test_the_acronyms_deal_is_the_full_names(nlp):
    doc = nlp(
        "Saudi Arabia's sovereign wealth fund, the Public Pension Fund, backs Lucera Motors. "
        "PPF bought a 60% stake in Lucera in 2018 for $1 billion."
    )
    rows = mention_rows(doc, "t")
    assert [row["buyers"] for row in rows] == [["Public Pension Fund"]]
    assert rows[0]["amount"] == 1_000_000_000
