"""Organisation recognition beyond the model (issue 18): document evidence, the
gazetteer, span surgery. The names are made up, except listed companies' names taken
from the public company lists."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span


def _labels(doc):
    return [(ent.text, ent.label_) for ent in doc.ents]


def _aliases_on(nlp, words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    """Run the aliases component alone on a Doc whose entities are set by hand (the
    model's mistakes, reproduced exactly): one sentence, no parse."""
    doc = Doc(nlp.vocab, words=words)
    for token in doc:
        token.is_sent_start = token.i == 0
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return nlp.get_pipe("spacy_deals_org_aliases")(doc)


def test_two_names_joined_by_and_are_split(nlp):
    words = "Alpha Images and Beta Stock agreed to merge .".split()
    doc = _aliases_on(nlp, words, [(0, 5, "ORG")])
    assert ("Alpha Images", "ORG") in _labels(doc) and ("Beta Stock", "ORG") in _labels(doc)


@pytest.mark.parametrize(
    "text",
    ["Pacific Gas and Electric Co", "Marlow Tool and Die Co", "Smith and Wesson", "Gulf Resources and Chemical Corp"],
)
def test_one_name_with_and_stays_whole(nlp, text):
    words = [*text.split(), "said", "."]
    doc = _aliases_on(nlp, words, [(0, len(text.split()), "ORG")])
    assert (text, "ORG") in _labels(doc)


def test_split_names_are_not_joined_again(nlp):
    # the model's two spans: the alias step must not join them through "and"
    words = "Quillon Sensor Works and Verdane Photonics Corp said they would merge .".split()
    doc = _aliases_on(nlp, words, [(0, 3, "PERSON"), (4, 7, "ORG")])
    assert ("Verdane Photonics Corp", "ORG") in _labels(doc)
    assert not [ent for ent in doc.ents if "and" in ent.text.split()]


def test_both_x_and_y_are_two_companies(nlp):
    words = "Both Quillon and Verdane make panels .".split()
    doc = _aliases_on(nlp, words, [(1, 2, "ORG"), (3, 4, "ORG")])
    assert _labels(doc) == [("Quillon", "ORG"), ("Verdane", "ORG")]


def test_suffix_after_a_comma_belongs_to_the_name(nlp):
    doc = nlp("We acquired Harlan Widget, Inc. in 2012.")
    assert ("Harlan Widget, Inc.", "ORG") in _labels(doc)


def test_suffixed_or_initialled_names_are_never_persons(nlp):
    words = "J.K. Smithers Co agreed to buy Beta Corp .".split()
    doc = _aliases_on(nlp, words, [(0, 2, "PERSON"), (6, 8, "ORG")])
    assert ("J.K. Smithers Co", "ORG") in _labels(doc)
    doc = _aliases_on(nlp, "He sold it to QXT last year .".split(), [(4, 5, "PERSON")])
    assert ("QXT", "ORG") in _labels(doc)


def test_bracketed_short_form_is_the_same_party(nlp):
    doc = nlp("Alpha Tasman Ltd (ATL) said it bought Beta Corp for $5 million. ATL paid in cash.")
    short = [ent for ent in doc.ents if ent.text == "ATL"]
    assert len(short) == 2 and all(ent.label_ == "ORG" for ent in short)
    assert all(ent._.canonical == "Alpha Tasman Ltd" for ent in short)


def test_ticker_in_brackets_is_linked_to_the_name(nlp):
    doc = nlp("Corvane Holdings Inc. (NYSE: CVH) said it would buy Beta Corp.")
    ticker = [ent for ent in doc.ents if ent.text == "CVH"]
    assert ticker and ticker[0]._.canonical == "Corvane Holdings Inc."


def test_byline_is_not_part_of_the_name(nlp):
    doc = nlp("By Jane Smith\nAcme Corp said it would buy Beta.")
    assert ("Acme Corp", "ORG") in _labels(doc)


def test_document_words_before_a_name_are_left_out(nlp):
    words = "Certificate of Formation of Brisco Media , LLC".split()
    doc = _aliases_on(nlp, words, [(0, 7, "ORG")])
    assert _labels(doc) == [("Brisco Media , LLC", "ORG")]


def test_listed_company_labelled_person_becomes_an_organisation(nlp):
    doc = _aliases_on(nlp, "Paychex said it will hire .".split(), [(0, 1, "PERSON")])
    assert _labels(doc) == [("Paychex", "ORG")]
    doc = _aliases_on(nlp, "Zoetis opened a plant .".split(), [(0, 1, "GPE")])
    assert _labels(doc) == [("Zoetis", "ORG")]


def test_gazetteer_never_makes_a_span(nlp):
    doc = _aliases_on(nlp, "Paychex said it will hire .".split(), [])
    assert _labels(doc) == []


def test_gazetteer_stop_words_and_titles_keep_persons(nlp):
    # a first name, a surname and a place are in some listed company's name: never enough
    for word in ("Jack", "Williams", "Atlanta"):
        doc = _aliases_on(nlp, [word, "said", "."], [(0, 1, "PERSON")])
        assert _labels(doc) == [(word, "PERSON")]
    doc = _aliases_on(nlp, "Mr. Paychex said he agreed .".split(), [(1, 2, "PERSON")])
    assert _labels(doc) == [("Paychex", "PERSON")]


def test_document_evidence_settles_one_label_per_name(nlp):
    # "Ostrava Grain Holdings" carries a company word: "Ostrava Grain" is ORG everywhere
    words = "Ostrava Grain Holdings was sold . Ostrava Grain said so .".split()
    doc = _aliases_on(nlp, words, [(0, 3, "ORG"), (6, 8, "PERSON")])
    assert [label for _, label in _labels(doc)] == ["ORG", "ORG"]


def test_investor_shapes_are_organisations(nlp):
    words = "Harbor Lake Partners bought a stake .".split()
    doc = _aliases_on(nlp, words, [(0, 3, "PERSON")])
    assert _labels(doc) == [("Harbor Lake Partners", "ORG")]


def test_name_after_x_based_is_an_organisation(nlp):
    words = "the Boston - based Ranvik was sold .".split()
    doc = _aliases_on(nlp, words, [(1, 2, "GPE"), (4, 5, "PERSON")])
    assert ("Ranvik", "ORG") in _labels(doc) and ("Boston", "GPE") in _labels(doc)


def test_object_of_an_acquisition_is_an_organisation(nlp):
    doc = nlp("Corvane Holdings agreed to acquire Myrtelle for $40 million.")
    assert any(ent.text == "Myrtelle" and ent.label_ == "ORG" for ent in doc.ents)


def test_dash_glued_to_a_name_is_detached(nlp):
    doc = nlp("(Newswire) -Corvane Holdings said it agreed to buy Beta Corp.")
    assert ("Corvane Holdings", "ORG") in _labels(doc)


def test_a_new_subject_after_an_abbreviated_suffix_starts_a_sentence(nlp):
    doc = nlp("Alpha Tasman Ltd (ATL) said it bought Beta Corp. ATL paid $5 million.")
    assert ("Beta Corp.", "ORG") in _labels(doc)
    assert len(list(doc.sents)) == 2


def test_ticker_and_weekday_after_a_name_do_not_end_the_sentence(nlp):
    doc = nlp("Halvorsen Marine Inc. (HMI) Wednesday announced it acquired Delmar Boats Co.")
    assert len(list(doc.sents)) == 1
    assert [(d.buyers[0].text, d.target.text) for d in doc._.deals] == [("Halvorsen Marine Inc.", "Delmar Boats Co.")]


def test_short_mentions_of_a_comma_suffixed_name_have_no_comma(nlp):
    doc = nlp("Quorvex, Inc. makes valves. Its parent owns Quorvex and two other firms.")
    assert all(not ent.text.endswith(",") for ent in doc.ents)
    doc = nlp("The board of Nordane GP, LLC met. Nordane GP, LLC and Nordane GP Holdings signed.")
    assert "Nordane GP" not in [ent.text for ent in doc.ents]


def test_possessive_without_its_apostrophe_ends_the_name(nlp):
    words = "We sold Brisco s Common Stock .".split()
    doc = _aliases_on(nlp, words, [(2, 6, "ORG")])
    assert _labels(doc) == [("Brisco", "ORG")]


def test_national_association_is_a_banks_legal_form(nlp):
    words = "He joined Harbor Trust Bank , National Association , last year .".split()
    doc = _aliases_on(nlp, words, [(2, 5, "ORG"), (6, 8, "ORG")])
    assert ("Harbor Trust Bank , National Association", "ORG") in _labels(doc)


def test_subject_of_a_passive_acquisition_is_an_organisation(nlp):
    """ "X was acquired by Y": X is a company whatever label the model gave it."""
    doc = nlp("In 2009, Tavelle was acquired by Corvane Holdings Inc.")
    assert any(ent.text == "Tavelle" and ent.label_ == "ORG" for ent in doc.ents)


def test_subject_of_an_agreement_to_buy_is_an_organisation(nlp):
    """ "X signed a deal to buy Y": a one-word X the model called a place is a company;
    a real place keeps its label."""
    doc = nlp("In March, Halloran signed a deal to buy Palmetto Lines Inc.")
    assert ("Halloran", "ORG") in _labels(doc)
    doc = nlp("Brazil has entered into an agreement to acquire Palmetto Lines Inc.")
    assert ("Brazil", "GPE") in _labels(doc)
