"""Organisation names settled by the document's evidence and by span surgery (issue 18,
second round): slots reached through a list or "a stake in", bracketed places and short
initialisms before a corporate suffix, relation words between two names. Sentences and
names are made up."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from .test_org_recognition import _aliases_on, _labels


@pytest.mark.parametrize(
    ("words", "ents", "name"),
    [
        ("Quillmoor Group ( US ) Holdings named a new treasurer .", [(0, 2, "ORG"), (3, 4, "GPE")], None),
        ("Tarnell ( UK ) Limited sold the plant .", [(0, 1, "ORG"), (2, 3, "ORG")], "Tarnell ( UK ) Limited"),
        ("Shares of Brenvale GP LLC were sold .", [(2, 3, "ORG")], "Brenvale GP LLC"),
    ],
)
def test_suffix_after_a_bracketed_place_or_an_initialism(nlp, words, ents, name):
    words = words.split()
    doc = _aliases_on(nlp, words, ents)
    assert ((name or "Quillmoor Group ( US ) Holdings"), "ORG") in _labels(doc)


def test_a_bracketed_place_without_a_suffix_after_it_ends_the_name(nlp):
    words = "Tarnell ( UK ) said it would hire .".split()
    doc = _aliases_on(nlp, words, [(0, 1, "ORG"), (2, 3, "GPE")])
    assert ("Tarnell", "ORG") in _labels(doc)


def test_relation_word_between_two_names_cuts_the_span(nlp):
    words = "Corvane Labs Subsidiary Pellwick Wins Navy Contract".split()
    doc = _aliases_on(nlp, words, [(0, 4, "ORG")])
    assert ("Corvane Labs", "ORG") in _labels(doc) and ("Pellwick", "ORG") in _labels(doc)


def test_relation_word_before_a_comma_is_no_name(nlp):
    words = "Corvane 's Subsidiary , Pellwick Group , Partners with Ostrava Bank On Loans".split()
    doc = _aliases_on(nlp, words, [(0, 1, "ORG"), (2, 6, "ORG")])
    assert ("Pellwick Group", "ORG") in _labels(doc)
    assert not any(text in ("Subsidiary", "Pellwick Group , Partners") for text, _ in _labels(doc))


def test_company_suffix_after_a_comma_still_joins(nlp):
    words = "Pellwick Holdings , Inc. said on Monday .".split()
    doc = _aliases_on(nlp, words, [(0, 2, "ORG")])
    assert ("Pellwick Holdings , Inc.", "ORG") in _labels(doc)


# The model labels the second name a place or a person in these sentences.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The fund agreed to buy Harnock Freight and Tallis Lake last spring.", "Tallis Lake"),
        ("The fund agreed to buy Tulsaro Freight and Wexford Falls last spring.", "Wexford Falls"),
    ],
)
def test_later_conjunct_of_an_acquisition_slot_is_an_organisation(nlp, text, name):
    assert (name, "ORG") in _labels(nlp(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The buyout group sold its 12 percent stake in Marston Lake last year.", "Marston Lake"),
        ("He holds a stake in Brindley.", "Brindley"),
    ],
)
def test_company_after_a_stake_in_is_an_organisation(nlp, text, name):
    assert (name, "ORG") in _labels(nlp(text))


def test_place_after_a_stake_in_stays_a_place(nlp):
    doc = nlp("The fund holds a stake in Texas oil fields.")
    assert ("Texas", "ORG") not in _labels(doc)


# What the sentence says of a name (orgs/predicates.py). The model labels the name a
# person, or leaves it untagged, in each of these sentences.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thornbury manufactures furniture in two plants.", "Thornbury"),
        ("Last year Kessling cut its dividend by half.", "Kessling"),
        ("The buyers include Rennick and its subsidiaries.", "Rennick"),
        ("Retailers praise Pemberton's products.", "Pemberton"),
    ],
)
def test_what_the_sentence_says_makes_a_company(nlp, text, name):
    assert (name, "ORG") in _labels(nlp(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mr. Thornbury manufactures furniture in two plants.", "Thornbury"),
        ("Janet Moss, a director of the company, provides legal advice.", "Janet Moss"),
        ("Jane Roe, its treasurer, signed the letter.", "Jane Roe"),
        ("Since its founding, Maya Lindqvist has worked as a nurse.", "Maya Lindqvist"),
    ],
)
def test_people_stay_people(nlp, text, name):
    assert (name, "PERSON") in _labels(nlp(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Quillon, a Porto fintech start-up, raised €9m in a Series A led by Dervish Capital.", "Quillon"),
        ("Verana raised $6 million in a seed funding round.", "Verana"),
    ],
)
def test_who_raises_money_in_a_round_is_a_company(nlp, text, name):
    # the model leaves the first untagged and calls the second a person
    assert (name, "ORG") in _labels(nlp(text))


def test_a_country_raising_money_stays_a_place(nlp):
    assert ("China", "GPE") in _labels(nlp("China raised $2 billion in a bond sale."))


@pytest.mark.parametrize("modifier", ["Former", "Acting"])
def test_a_word_qualifying_the_post_is_not_part_of_the_employer(nlp, modifier):
    labels = _labels(nlp(f"{modifier} Orbitel Tech CEO Dana Whitcombe is now a partner at Tarrow Ventures."))
    assert ("Dana Whitcombe", "PERSON") in labels
    assert not any(text.startswith(modifier) for text, _ in labels), labels


def test_employer_after_a_job_title_is_a_company(nlp):
    # "She was treasurer of Brannock ." with the model's PERSON on "Brannock"
    words = ["She", "was", "treasurer", "of", "Brannock", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=[1, 1, 1, 2, 3, 1],
        deps=["nsubj", "ROOT", "attr", "prep", "pobj", "punct"],
        pos=["PRON", "AUX", "NOUN", "ADP", "PROPN", "PUNCT"],
        sent_starts=[True, False, False, False, False, False],
    )
    doc.ents = [Span(doc, 4, 5, label="PERSON")]
    doc = nlp.get_pipe("spacy_deals_org_aliases")(doc)
    assert ("Brannock", "ORG") in _labels(doc)


# Appositions that call the name before them a company, in longer descriptions.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shareholders of Pell Marrow, a Peru-based copper company, approved the offer.", "Pell Marrow"),
        ("KELVORA, a regional gas service provider, completed the purchase of two pipelines.", "KELVORA"),
        ("Brisk Harbor, a publicly-listed acquisition vehicle, agreed to buy a chemicals maker.", "Brisk Harbor"),
    ],
)
def test_longer_company_appositions(nlp, text, name):
    assert (name, "ORG") in _labels(nlp(text))


def test_a_person_apposition_stays_a_person(nlp):
    doc = nlp("Dana Whitfield, a Boston-based fund manager, said the market would recover.")
    assert ("Dana Whitfield", "ORG") not in _labels(doc)


# The issuer of shares: the model labels these names places.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Investors sold Halloran shares after the report.", "Halloran"),
        ("Shares in Ferrania rose 5% after the utility agreed to the offer.", "Ferrania"),
    ],
)
def test_issuer_of_shares_is_a_company(nlp, text, name):
    assert (name, "ORG") in _labels(nlp(text))


def test_one_label_per_name_from_the_issuer_of_shares(nlp):
    doc = nlp("Ferrania rejected the bid in May. Shares in Ferrania rose 5% on Tuesday.")
    assert [label for text, label in _labels(doc) if text == "Ferrania"] == ["ORG", "ORG"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shares in Frankfurt fell on Monday.", "Frankfurt"),
        ("The company issued 20,000 Class B shares to its founders.", "Class"),
        ("Mr. Halloran sold shares in the spring.", "Halloran"),
    ],
)
def test_no_issuer_there(nlp, text, name):
    assert (name, "ORG") not in _labels(nlp(text))


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        (
            "KelvaWorks Corp. (NASDAQ: KLVW) (Kelva or the Company), a maker of pumps, said it would hire.",
            "Kelva",
            "KelvaWorks Corp.",
        ),
        (
            'Corvane Systems, Inc. (NYSE: CRVN) ("Corvane" or the "Company") today announced results.',
            "Corvane",
            "Corvane Systems, Inc.",
        ),
    ],
)
def test_short_form_in_the_bracket_after_the_ticker(nlp, text, short, full):
    doc = nlp(text)
    assert (short, "ORG") in _labels(doc)
    assert doc._.org_names[short.lower()] == full


# More of what the sentence says of a name (the model labels each a person or a place,
# or leaves it untagged).
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Harwick is a wholly owned subsidiary of Belmont Group.", "Harwick"),
        ("The plant belongs to Tresham, an indirect subsidiary of Ostrander.", "Ostrander"),
        ("Fees grew with the Marlowe acquisition.", "Marlowe"),
        ("In May 2014, Merriam completed the sale of its paper unit.", "Merriam"),
        ("In 2015, Wexcombe entered into an agreement to sell the mill.", "Wexcombe"),
        ("Those sales count toward Dorrel s results only from June.", "Dorrel"),
        ("Fenwright reported a loss for the quarter.", "Fenwright"),
    ],
)
def test_more_company_predicates(nlp, text, name):
    assert (name, "ORG") in _labels(nlp(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jane Doe is a director of the company.", "Jane Doe"),
        ("Ms. Wexcombe entered into an employment agreement with the bank.", "Wexcombe"),
        ("John Merriam completed the sale of his shares in March.", "John Merriam"),
    ],
)
def test_people_with_company_words_stay_people(nlp, text, name):
    assert (name, "PERSON") in _labels(nlp(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Most farmers trust Torvane s products.", "Torvane"),
        ("Dr. Ames joined Quessant after leaving the hospital.", "Quessant"),
        ("Halvard Source was incorporated in Delaware as a holding vehicle.", "Halvard Source"),
        ("Pellman CFO Dana Whitcombe to retire in June", "Pellman"),
        ("Brightmoor offers crop insurance to growers.", "Brightmoor"),
    ],
)
def test_employers_issuers_and_possessives_without_apostrophe(nlp, text, name):
    assert (name, "ORG") in _labels(nlp(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mr. Holbrook s salary was raised.", "Holbrook"),
        ("The company named Jane Roe President John Smith said.", "Jane Roe"),
    ],
)
def test_people_before_titles_and_possessives_stay_people(nlp, text, name):
    assert (name, "PERSON") in _labels(nlp(text))


def test_the_company_s_is_no_name(nlp):
    assert not any(label == "ORG" for _, label in _labels(nlp("The Company s operations grew.")))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Tarrow Coal, the Brisk Group's mining subsidiary, signed a supply deal.",
            "Tarrow Coal",
        ),
        ("Hanley Brook Water, one of its subsidiaries in Asia, buys powder from farmers.", "Hanley Brook Water"),
    ],
)
def test_appositions_with_the_its_and_one_of(nlp, text, name):
    assert (name, "ORG") in _labels(nlp(text))


@pytest.mark.parametrize(
    "text",
    ["Jane Roe, the company's founder, said it would grow.", "Jane Roe, an investor and banker, said it would grow."],
)
def test_person_appositions_stay_people(nlp, text):
    assert ("Jane Roe", "PERSON") in _labels(nlp(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pension funds and Vantorq-owned Brisk Group bought the bonds.", "Vantorq"),
        ("The group put its subsidiary Pellham Trains up for sale.", "Pellham Trains"),
        ("The software maker, bought in 2019 by Yarrowby, cut staff.", "Yarrowby"),
    ],
)
def test_owners_subsidiaries_and_buyers(nlp, text, name):
    assert (name, "ORG") in _labels(nlp(text))


def test_a_person_buyer_named_in_full_stays_a_person(nlp):
    assert ("Warren Buffett", "PERSON") in _labels(nlp("The unit was acquired by Warren Buffett in 2010."))


def test_one_label_for_a_company_the_model_calls_a_place(nlp):
    text = (
        "Brightwater led the $50 million funding round in Zentrik, with participation from Norwell Partners.\n"
        "Anders Lindqvist, chief executive of Zentrik, said the money would fund hiring."
    )
    doc = nlp(text)
    assert [label for name, label in _labels(doc) if name == "Zentrik"] == ["ORG", "ORG"]


def test_a_list_of_lenders_names_companies(nlp):
    doc = nlp("We compete with lenders such as Corrib, Halvey and Tarnbury.")
    assert ("Tarnbury", "ORG") in _labels(doc)


def test_a_list_of_markets_names_places(nlp):
    doc = nlp("We sell in markets such as Ohio and Tulsa.")
    assert ("Tulsa", "ORG") not in _labels(doc)


def test_a_name_never_holds_to_between_two_names(nlp):
    words = "Talvern Inc. 's sale of Wendlow Foods to Ostrick Group closed .".split()
    doc = _aliases_on(nlp, words, [(0, 2, "ORG"), (5, 10, "ORG")])
    labels = _labels(doc)
    assert ("Wendlow Foods", "ORG") in labels and ("Ostrick Group", "ORG") in labels
    assert not any(" to " in text for text, _ in labels)


def test_surname_of_a_person_named_before_is_cut_from_a_joined_name(nlp):
    words = "A group led by Ann B. Dunmere holds 5 pct . The group includes Dunmere and Vantor Fund .".split()
    doc = _aliases_on(nlp, words, [(4, 7, "PERSON"), (14, 18, "ORG")])
    labels = _labels(doc)
    assert ("Dunmere", "PERSON") in labels and ("Vantor Fund", "ORG") in labels
    assert not any(text.startswith("Dunmere and") for text, _ in labels)


def test_surname_of_a_person_named_before_is_not_joined_to_the_next_name(nlp):
    text = "A group led by Ann B. Dunmere holds 5 pct of Dellow Corp. The group includes Dunmere and Vantor Fund."
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "spacy_deals_fast_attribute_ruler"]):
        doc = nlp(text)
    person = doc.char_span(text.index("Ann"), text.index(" holds"), label="PERSON")
    fund = doc.char_span(text.index("Vantor"), len(text) - 1, label="ORG")
    doc.ents = [person, fund]
    labels = _labels(nlp.get_pipe("spacy_deals_org_aliases")(doc))
    assert ("Vantor Fund", "ORG") in labels
    assert not any(text.startswith("Dunmere") and label == "ORG" for text, label in labels)


def test_a_one_word_name_and_a_fund_stay_one_name_without_a_person_before(nlp):
    words = "The group includes Dunmere and Vantor Fund .".split()
    doc = _aliases_on(nlp, words, [(3, 7, "ORG")])
    assert ("Dunmere and Vantor Fund", "ORG") in _labels(doc)


@pytest.mark.parametrize(
    "text",
    [
        "The concern comprises Tellam Associates and Tellam Associates II .",
        "The concern comprises Tellam Associates II and Tellam Associates .",
    ],
)
def test_a_name_coordinated_with_a_longer_one_keeps_its_own_canonical(nlp, text):
    words = text.split()
    first = words.index("Tellam")
    second = words.index("Tellam", first + 1)
    ents = [(first, words.index("and"), "ORG"), (second, len(words) - 1, "ORG")]
    doc = _aliases_on(nlp, words, ents)
    canonical = {ent.text: ent._.canonical for ent in doc.ents}
    assert canonical == {"Tellam Associates": "Tellam Associates", "Tellam Associates II": "Tellam Associates II"}


def test_cluster_keeps_apart_the_names_a_sentence_gives_as_two():
    from pipeline.names import norm_key
    from pipeline.orgs.canonical import cluster

    names = ["Tellam Associates", "Tellam Associates II"]
    assert cluster(names)[norm_key("Tellam Associates")] == "Tellam Associates II"
    apart = {(norm_key("Tellam Associates"), norm_key("Tellam Associates II"))}
    assert cluster(names, apart)[norm_key("Tellam Associates")] == "Tellam Associates"


def test_a_short_name_of_two_names_kept_apart_takes_the_shorter(nlp):
    words = "The concern comprises Tellam Associates and Tellam Associates II . Tellam said it bought shares .".split()
    doc = _aliases_on(nlp, words, [(3, 5, "ORG"), (6, 9, "ORG"), (10, 11, "ORG")])
    canonical = {ent.text: ent._.canonical for ent in doc.ents}
    assert canonical["Tellam"] == "Tellam Associates"
    assert canonical["Tellam Associates II"] == "Tellam Associates II"


def test_a_short_name_before_its_former_full_name_is_the_same_company(nlp):
    words = (
        "Pellory Sword Group was sold . Talvern bought a stake in Pellory , then known as Pellory Match Ltd .".split()
    )
    ents = [(0, 3, "ORG"), (6, 7, "ORG"), (11, 12, "ORG"), (16, 19, "ORG")]
    doc = _aliases_on(nlp, words, ents)
    short = [ent for ent in doc.ents if ent.text == "Pellory"]
    assert short and short[0]._.canonical != "Pellory Sword Group"


@pytest.mark.parametrize("name", ["Venture", "Joint Venture", "JV"])
def test_a_joint_venture_descriptor_alone_is_no_organisation(nlp, name):
    words = f"Talvern and Wendlow set up a company . The {name} will buy a mill .".split()
    start = words.index(name.split()[0])
    doc = _aliases_on(nlp, words, [(0, 1, "ORG"), (2, 3, "ORG"), (start, start + len(name.split()), "ORG")])
    assert (name, "ORG") not in _labels(doc)
    assert ("Talvern", "ORG") in _labels(doc)


def test_a_bare_surname_of_a_person_named_before_is_that_person(nlp):
    words = "A group led by Ann B. Dunmere holds 5 pct . Dunmere said the group may buy more .".split()
    doc = _aliases_on(nlp, words, [(4, 7, "PERSON"), (11, 12, "ORG")])
    assert ("Dunmere", "PERSON") in _labels(doc)


def test_a_surname_shared_with_a_suffixed_company_stays_an_organisation(nlp):
    words = "Ann B. Dunmere founded Dunmere Inc. in 1990 . Dunmere said sales rose .".split()
    doc = _aliases_on(nlp, words, [(0, 3, "PERSON"), (4, 6, "ORG"), (9, 10, "ORG")])
    assert ("Dunmere", "ORG") in _labels(doc)
