"""Organisation mentions and aliases within a document."""

from __future__ import annotations


def test_short_name_maps_to_fullest_name(nlp):
    doc = nlp("Meridian Platforms Inc. said on Monday it would expand. Meridian shares rose 4 pct.")
    short = [ent for ent in doc.ents if ent.text == "Meridian"]
    assert short and short[0].label_ == "ORG"
    assert short[0]._.canonical == "Meridian Platforms Inc."


def test_ticker_symbols_are_not_organisations(nlp):
    doc = nlp("Harbor Freight Lines Inc <HFL> said it will buy Coastal Carriers Inc.")
    assert not [ent for ent in doc.ents if ent.text == "HFL"]
    assert any(ent.text == "Harbor Freight Lines Inc" and ent.label_ == "ORG" for ent in doc.ents)


def test_bracketed_private_company_is_an_organisation(nlp):
    doc = nlp("Granite Holdings said it bought <Pinewood Mortgage Co> for 12 mln dlrs.")
    assert any(ent.text == "Pinewood Mortgage Co" and ent.label_ == "ORG" for ent in doc.ents)


def test_all_caps_headline_mention_joins_the_body_name(nlp):
    doc = nlp("HARBOR FREIGHT TO BUY CARRIER\n\nHarbor Freight Lines Inc said it will buy Coastal Carriers Inc.\n")
    head = [ent for ent in doc.ents if ent.text == "HARBOR"]
    assert head and head[0]._.canonical == "Harbor Freight Lines Inc"


def test_names_do_not_run_across_paragraphs(nlp):
    doc = nlp("Deal News Desk\n\nVelo Motors agreed to buy Kite Energy.")
    assert all("\n" not in ent.text for ent in doc.ents if ent.label_ == "ORG")


def test_names_end_at_linking_words(nlp):
    """The model sometimes tags "merge X into Y" as one name: it is two."""
    from spacy.tokens import Span

    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        doc = nlp("Ridley would withdraw its offer to merge Bexley into Norcross.")
    doc.ents = [Span(doc, 7, 10, label="ORG")]  # "Bexley into Norcross"
    doc = nlp.get_pipe("spacy_deals_org_aliases")(doc)
    assert "Bexley" in [ent.text for ent in doc.ents if ent.label_ == "ORG"]
    assert not any("into" in ent.text for ent in doc.ents)


def test_names_run_across_a_ticker_keep_the_part_after_it(nlp):
    from spacy.tokens import Span

    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        doc = nlp("Halden Systems said it bought Schmiedecke Corp's <TSR> Medline unit.")
    bracket = next(t.i for t in doc if t.text == ">")
    doc.ents = [Span(doc, bracket - 1, bracket + 2, label="PERSON")]  # "TSR> Medline"
    doc = nlp.get_pipe("spacy_deals_org_aliases")(doc)
    assert [ent.text for ent in doc.ents if ent.label_ == "PERSON"] == ["Medline"]


def test_names_with_a_corporate_suffix_are_organisations(nlp):
    from spacy.tokens import Span

    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        doc = nlp("Veltrano SpA completed its acquisition of Norrbrook Logistics.")
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    doc = nlp.get_pipe("spacy_deals_org_aliases")(doc)
    assert [(ent.text, ent.label_) for ent in doc.ents][0] == ("Veltrano SpA", "ORG")


def test_a_legal_name_is_not_the_short_form_of_its_unit(nlp):
    from pipeline.names import norm_key
    from pipeline.orgs.canonical import cluster

    mapping = cluster(["Tamsin Group plc", "Tamsin Cover", "Tamsin"])
    assert mapping[norm_key("Tamsin Group plc")] == "Tamsin Group plc"
    assert mapping[norm_key("Tamsin")] == "Tamsin Group plc"


def test_names_ending_in_a_company_word_are_organisations(nlp):
    from spacy.tokens import Span

    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        doc = nlp("Halcott Capital invested in Brennic Solar last year.")
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 4, 6, label="LOC")]
    doc = nlp.get_pipe("spacy_deals_org_aliases")(doc)
    assert ("Brennic Solar", "ORG") in [(ent.text, ent.label_) for ent in doc.ents]


def test_title_case_headline_subject_is_an_organisation(nlp):
    """The model leaves the names of a title-case headline untagged: the run before a
    headline verb is its subject."""
    doc = nlp("Quillmark Ventures Completes Purchase Of Two Regional Dairies")
    assert any(ent.text == "Quillmark Ventures" and ent.label_ == "ORG" for ent in doc.ents)
    doc = nlp("Tarnow Brewing To Acquire Three Craft Labels For $40 Million")
    assert any(ent.text == "Tarnow Brewing" and ent.label_ == "ORG" for ent in doc.ents)


def test_title_case_headline_partner_after_with_is_an_organisation(nlp):
    doc = nlp("Orbelle Networks Merges With Zentrica To Build Rural Towers")
    orgs = {ent.text for ent in doc.ents if ent.label_ == "ORG"}
    assert {"Orbelle Networks", "Zentrica"} <= orgs


def test_title_case_headline_stops_at_a_job_title(nlp):
    doc = nlp("Corvane Chief Executive Maria Lindqvist Joins Board Of Paxton Trust")
    assert not any(ent.label_ == "ORG" and "Lindqvist" in ent.text for ent in doc.ents)


def test_sentence_case_text_is_no_headline(nlp):
    """An ordinary sentence gets no span from the headline rule."""
    from pipeline.orgs.headlines import title_case

    doc = nlp("The analysts said the bank announces results for the quarter on Tuesday.")
    assert not any(title_case(sent) for sent in doc.sents)
    doc = nlp("Quillmark Ventures Completes Purchase Of Two Regional Dairies")
    assert all(title_case(sent) for sent in doc.sents)


def test_name_before_a_company_apposition_is_an_organisation(nlp):
    doc = nlp("Orla Mills said it had retained Flantz Lane, a payroll advisory firm, for the audit.")
    assert any(ent.label_ == "ORG" and "Lane" in ent.text for ent in doc.ents)


def test_person_before_a_non_company_apposition_is_kept(nlp):
    doc = nlp("The deal was negotiated by Harriet Osei, a partner at the firm, in March.")
    assert not any(ent.label_ == "ORG" and "Osei" in ent.text for ent in doc.ents)


def test_sentence_case_headline_subject_is_an_organisation(nlp):
    doc = nlp("Varnholt to sell Quessard unit for $750 million")
    assert any(ent.text == "Varnholt" and ent.label_ == "ORG" for ent in doc.ents)
    from pipeline.orgs.headlines import plain_headline

    doc = nlp("Varnholt said it would buy a stake in the firm.")
    assert not any(plain_headline(sent) for sent in doc.sents)


def test_issuer_after_shares_of_is_an_organisation(nlp):
    from pipeline.orgs.appositions import shares_of_names

    doc = nlp("Shares of Brindle jumped Tuesday.")  # the model: Brindle/PERSON
    assert any(ent.text == "Brindle" and ent.label_ == "ORG" for ent in doc.ents)
    doc = nlp("The board approved 2,000 shares of Class A common stock.")
    assert not shares_of_names(doc)


def test_title_case_partners_with_is_a_verb(nlp):
    """ "Partners" before "With" in a title-case headline is the verb, not the suffix."""
    doc = nlp("Orbelle Networks Partners With Zentrica To Build Rural Towers")
    orgs = {ent.text for ent in doc.ents if ent.label_ == "ORG"}
    assert {"Orbelle Networks", "Zentrica"} <= orgs


def test_headline_runs_do_not_open_with_the(nlp):
    doc = nlp("Rates were cut to 10.5 pct\nThe cuts follow a similar move by rivals")
    assert not any(ent.text == "The" for ent in doc.ents)
    doc = nlp("The Quillmark Group Completes Purchase Of Two Regional Dairies")
    assert any(ent.text == "Quillmark Group" and ent.label_ == "ORG" for ent in doc.ents)
