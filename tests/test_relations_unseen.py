"""Classes of error found on unlabelled wire text (issue 17): holdings described in a
relative clause, a holder's options, a holding that ended, a holder that bought and
later sold. Sentences written for these tests."""

from __future__ import annotations

from pipeline.export import mention_rows


def _rows(nlp, text):
    return mention_rows(nlp(text), "t")


def _pairs(nlp, text):
    return [(row["buyers"], row["target"], row["seller"], row["type"], row["status"]) for row in _rows(nlp, text)]


def test_holding_in_relative_clause_is_no_stake_of_the_deal(nlp):
    # the buyer's existing holding, told in a relative clause, is not the stake it buys
    rows = _rows(
        nlp,
        "Quarry Bakeries Inc said it has received a bid from Tolvane Partners Inc, "
        "which already holds 11.4 pct of Quarry, of 9 dlrs a share.",
    )
    assert [(r["buyers"], r["target"], r["stake_pct"]) for r in rows] == [
        (["Tolvane Partners Inc"], "Quarry Bakeries Inc", None)
    ]
    assert rows[0]["type"] == "acquisition"


def test_holder_of_the_rest_in_relative_clause(nlp):
    rows = _rows(
        nlp,
        "Brackley Marine Inc agreed to sell a 30 pct interest in Osier Shipping Ltd to Tamsin Lines SA, "
        "which owns the other 70 pct.",
    )
    assert all(row["stake_pct"] != 70 for row in rows)


def test_may_sell_some_or_all_of_a_holding_is_no_deal(nlp):
    text = (
        "Kestrel Holdings said it bought 6.1 pct of Dunmore Foods Inc for investment purposes. "
        "It said it might later buy more shares or sell part or all of its holding."
    )
    assert _pairs(nlp, text) == [(["Kestrel Holdings"], "Dunmore Foods Inc", None, "investment", "completed")]


def test_may_sell_a_unit_stays_a_rumoured_sale(nlp):
    # a company's word that it could part with one of its own units is a rumoured divestiture
    pairs = _pairs(nlp, "Tarvo Corp said it may sell its Pellan Glass unit.")
    assert [(p[1], p[2], p[4]) for p in pairs] == [("Pellan Glass", "Tarvo Corp", "rumored")]


def test_no_longer_holds_is_no_purchase(nlp):
    pairs = _pairs(
        nlp,
        "Corvale Industries said its Tamber Capital unit sold its entire 9.4 pct stake in Wexford Mills Inc "
        "and no longer holds any Wexford shares.",
    )
    assert pairs == [([], "Wexford Mills Inc", "Tamber Capital", "divestiture", "completed")]


def test_holder_that_sold_is_never_its_own_seller(nlp):
    rows = _rows(
        nlp,
        "Lindell Partners told the Securities and Exchange Commission it sold its entire 6.3 pct stake in "
        "Morrow Chemicals. Lindell said it originally bought the stake as an investment.",
    )
    sales = [row for row in rows if row["type"] == "divestiture"]
    assert [(row["target"], row["seller"]) for row in sales] == [("Morrow Chemicals", "Lindell Partners")]
    assert not any(row["seller"] is not None and row["seller"] in row["buyers"] for row in rows)


def test_buyer_as_indirect_object_of_sell(nlp):
    # "sell X its Y": the indirect object buys
    rows = _rows(nlp, "Tarlow Corp agreed to sell Holm Industries its cable television system in Ohio.")
    assert [(row["buyers"], row["seller"], row["type"]) for row in rows] == [
        (["Holm Industries"], "Tarlow Corp", "acquisition")
    ]
    assert rows[0]["target"] == "Tarlow Corp's cable television system"


def test_target_rejecting_a_bid_in_a_gerund(nlp):
    # the board that rejects in a gerund under "had no hesitation in" is the target's;
    # an offer the target rejects stays proposed
    pairs = _pairs(
        nlp,
        "Pelham Tiles Plc said its board had no hesitation in unanimously rejecting yesterday's "
        "310 mln stg bid from Castor Holdings Plc.",
    )
    assert pairs == [(["Castor Holdings Plc"], "Pelham Tiles Plc", None, "acquisition", "proposed")]


def test_target_deciding_to_reject_a_bid(nlp):
    pairs = _pairs(nlp, "Harwick Mills said its directors decided to reject a takeover offer from Ostley Group.")
    assert [(p[0], p[1], p[4]) for p in pairs] == [(["Ostley Group"], "Harwick Mills", "proposed")]


def test_one_letter_slips_of_long_trigger_words():
    from pipeline.relations.lexicon import misspellings

    table = misspellings({"acquire", "combine", "buy"}, {"acquisition", "backing"})
    assert table["acquisiton"] == "acquisition"  # a letter dropped
    assert table["aquired"] == "acquire"  # in an inflected form
    assert table["acquisitoin"] == "acquisition"  # two letters swapped
    assert table["accquire"] == "acquire"  # a letter doubled
    assert "combing" not in table  # a changed letter is another word, never read
    assert "bu" not in table and "buuy" not in table  # short words are not read through slips
    assert "acquired" not in table and "acquisitions" not in table  # proper forms


def test_real_words_near_a_trigger_are_not_slips(nlp):
    lex = nlp.get_pipe("spacy_deals_deal_relations").lexicon
    assert "baking" not in lex.misspellings  # "backing" less a letter


def test_misspelt_trigger_in_wire_copy(nlp):
    pairs = _pairs(nlp, "Velmont Plastics Corp said it completed the aquisition of Corran Resins Inc in March.")
    assert [(p[0], p[1], p[4]) for p in pairs] == [(["Velmont Plastics Corp"], "Corran Resins Inc", "completed")]
    pairs = _pairs(nlp, "Pellor Inc said it aquired Dunmore Foods Inc for 20 mln dlrs.")
    assert [(p[0], p[1]) for p in pairs] == [(["Pellor Inc"], "Dunmore Foods Inc")]


def test_merger_tagged_as_a_verb(nlp):
    pairs = _pairs(
        nlp,
        "Halden Enterprises Inc said it has signed a letter of intent to merger with Tosca Gaming Ltd, which makes dice and card tables.",
    )
    assert [(p[0], p[1], p[3]) for p in pairs] == [(["Halden Enterprises Inc"], "Tosca Gaming Ltd", "merger")]


def test_combining_describing_a_product_is_no_merger(nlp):
    assert _pairs(nlp, "Velta launched a service combining Orla Maps and Pintle Search into one app.") == []
    pairs = _pairs(nlp, "The deal, combining Orla Corp and Pintle Inc, will create the largest group.")
    assert [(p[0], p[1], p[3]) for p in pairs] == [(["Orla Corp"], "Pintle Inc", "merger")]


def test_sought_by_is_a_bid(nlp):
    # the passive of "seek" with the bidder: a bid (proposed), not talk of one
    pairs = _pairs(nlp, "Yelm Ltd, long sought by Brack Corp, said its profits rose.")
    assert pairs == [(["Brack Corp"], "Yelm Ltd", None, "acquisition", "proposed")]
    pairs = _pairs(
        nlp,
        "The fund does not intend to bid for Ambry Tools Inc, which is being sought by Fenwold Corp, a spokesman said.",
    )
    assert [(p[0], p[1], p[4]) for p in pairs] == [(["Fenwold Corp"], "Ambry Tools Inc", "proposed")]
    assert not any(p[0] for p in _pairs(nlp, "Tarlow Inc is seeking a buyer for its unit."))


def test_withdrawn_recommendation_leaves_the_offer_proposed(nlp):
    pairs = _pairs(
        nlp,
        "Pellam Aviation Inc's directors withdrew their recommendation that holders accept Norland Corp's cash bid of 41 dlrs per share.",
    )
    assert [(p[1], p[4]) for p in pairs] == [("Pellam Aviation Inc", "proposed")]
    # an offer withdrawn by its bidder ends
    pairs = _pairs(nlp, "Tarlow Inc withdrew its offer for Hermans Corp, the company said.")
    assert [(p[0], p[1], p[4]) for p in pairs] == [(["Tarlow Inc"], "Hermans Corp", "terminated")]


def test_plural_description_then_its_names(nlp):
    pairs = _pairs(nlp, "Tarlow Corp bought two regional dairies, Brisk Farms Inc and Holm Creamery Co, last year.")
    assert [(p[0], p[1]) for p in pairs] == [
        (["Tarlow Corp"], "Brisk Farms Inc"),
        (["Tarlow Corp"], "Holm Creamery Co"),
    ]


def test_buyout_by_a_named_buyer_is_of_the_company_spoken_of(nlp):
    pairs = _pairs(
        nlp, "Becor Mills Inc said its holders will vote on a merger agreement calling for a buyout by Lisle Partners."
    )
    assert [(p[0], p[1]) for p in pairs] == [(["Lisle Partners"], "Becor Mills Inc")]


def test_news_agency_name_with_a_legal_suffix_is_a_company(nlp):
    pairs = _pairs(
        nlp, "Reuters Holdings Plc agreed to purchase Tarlow Data Ltd, a market information firm, for 12 mln stg."
    )
    assert [(p[0], p[1]) for p in pairs] == [(["Reuters Holdings Plc"], "Tarlow Data Ltd")]
    # the agency that reports is still no party
    pairs = _pairs(nlp, "Tarlow Inc agreed to buy Hermans Corp, Reuters reported.")
    assert [(p[0], p[1]) for p in pairs] == [(["Tarlow Inc"], "Hermans Corp")]


def test_annual_sales_are_revenue_not_a_sale(nlp):
    rows = _rows(
        nlp,
        "Tarlow Corp has closed its purchase of the Brisk division of Hermans Co. "
        "Tarlow said the division has yearly sales of about 27 mln dlrs.",
    )
    assert [(row["buyers"], row["type"]) for row in rows] == [(["Tarlow Corp"], "acquisition")]
    assert rows[0]["amount"] is None


def test_merger_told_against_a_takeover_of_the_same_article_is_that_takeover(nlp):
    pairs = _pairs(
        nlp,
        "Hermans Corp has agreed to take over Tarlow Inc at 31 dlrs per share. "
        "Under the terms, Tarlow will be merged into a Hermans subsidiary.",
    )
    assert [(p[0], p[1], p[3]) for p in pairs] == [(["Hermans Corp"], "Tarlow Inc", "acquisition")]


def test_offer_not_accepted_by_its_target_stays_proposed(nlp):
    pairs = _pairs(
        nlp,
        "Tamber Broadcasting Co said its board decided not to accept the pending proposal of Velt Corp, an investor group.",
    )
    assert [(p[0], p[1], p[4]) for p in pairs] == [(["Velt Corp"], "Tamber Broadcasting Co", "proposed")]


def test_subject_the_parser_read_as_object_of_said(nlp):
    # "X said its unit Y Corp, agreed to buy Z": Y buys (the comma misleads the parser)
    pairs = _pairs(
        nlp,
        "Ostrava Financial Group Inc said its Ostrava Realty Equities Corp, agreed to buy Pellam Builders Co Inc of Ohio.",
    )
    assert [p[1] for p in pairs] == ["Pellam Builders Co Inc"]
    assert pairs[0][0] and pairs[0][0][0].endswith("Realty Equities Corp")


def test_offer_described_by_a_clause_of_receiving(nlp):
    pairs = _pairs(nlp, "Tarlow Inc said the offer it received from Hermans Corp undervalues the company.")
    assert [(p[0], p[1], p[4]) for p in pairs] == [(["Hermans Corp"], "Tarlow Inc", "proposed")]


def test_hospitals_and_restaurants_are_assets_sold(nlp):
    rows = _rows(
        nlp, "Verity Health Inc said it will sell three suburban clinics to Hermans Corp for roughly 7 mln dlrs."
    )
    assert [(row["buyers"], row["seller"]) for row in rows] == [(["Hermans Corp"], "Verity Health Inc")]
    assert rows[0]["target"] == "Verity Health Inc's suburban clinics"


def test_sale_under_an_agreement_signed_with_the_buyer(nlp):
    pairs = _pairs(
        nlp,
        "Foote Mining Co said it has signed a letter of intent with Shelby Alloy Corp for the sale of its copper business.",
    )
    assert [(p[0], p[3]) for p in pairs] == [(["Shelby Alloy Corp"], "acquisition")]
    pairs = _pairs(
        nlp, "Tarlow Corp has reached a definitive agreement with Holm Industries to sell its Brisk Foods division."
    )
    assert [(p[0], p[1], p[2]) for p in pairs] == [(["Holm Industries"], "Brisk Foods", "Tarlow Corp")]


def test_negation_holds_across_coordinated_verbs_but_not_a_contrast(nlp):
    assert (
        _pairs(nlp, "Great Western has agreed not to acquire or seek to acquire any voting securities of Citadel Corp.")
        == []
    )
    pairs = _pairs(nlp, "Tarlow Inc did not buy Hermans Corp but sold its Brisk unit to Holm Inc last year.")
    assert [(p[0], p[2]) for p in pairs] == [(["Holm Inc"], "Tarlow Inc")]


def test_their_merger_after_a_regulator_in_between(nlp):
    pairs = _pairs(
        nlp,
        "Harwell Bank Corp and Tessin Bancshares Inc said the Federal Reserve Board approved their proposed merger.",
    )
    assert [(p[0], p[1], p[3]) for p in pairs] == [(["Harwell Bank Corp"], "Tessin Bancshares Inc", "merger")]


def test_dateline_is_never_a_party(nlp):
    pairs = _pairs(nlp, "OSLO (Newswire) - Caspian Re will pay about 600 mln crowns for Tavira Forsikring AS.")
    assert all("OSLO" not in p[0] for p in pairs)


def test_the_start_up_stands_for_the_company_named_before(nlp):
    text = (
        "Quillmate Inc, a small Nairobi payments start-up, is being sold. "
        "Tamsin Digital Ltd announced on Tuesday that it had bought the start-up for an undisclosed price."
    )
    assert [(p[0], p[1]) for p in _pairs(nlp, text)] == [(["Tamsin Digital Ltd"], "Quillmate Inc")]


def test_names_sharing_a_plural_unit_noun_are_a_unit_each(nlp):
    pairs = _pairs(nlp, "Tarlow Corp sold its Brisk and Holm units to Hermans Group.")
    assert [(p[0], p[1], p[2]) for p in pairs] == [
        (["Hermans Group"], "Brisk", "Tarlow Corp"),
        (["Hermans Group"], "Holm", "Tarlow Corp"),
    ]


def test_bidder_or_suitor_for_a_company(nlp):
    pairs = _pairs(
        nlp, "Tarlow Corp emerged as the highest bidder for Hermans Inc, people familiar with the matter said."
    )
    assert [(p[0], p[1], p[3]) for p in pairs] == [(["Tarlow Corp"], "Hermans Inc", "acquisition")]
    assert _pairs(nlp, "The bidder was not named, the company said.") == []


def test_seek_in_the_active_is_no_bid(nlp):
    # only the passive of "seek" states a bid; "seeking to enjoin X's offer" is the target's
    pairs = _pairs(
        nlp,
        "Zorba Holdings Inc said that Bancroft Fund Inc filed suit seeking to enjoin Zorba's tender offer "
        "for 500,000 Bancroft shares.",
    )
    assert all(p[0] != ["Bancroft Fund Inc"] for p in pairs)


def test_ticker_read_as_subject_gives_the_name_before_it(nlp):
    pairs = _pairs(
        nlp,
        "Rodgers AB <BLDS.ST> said the purchase of Tarlow Corp's cable business makes it the largest maker in Europe.",
    )
    assert [(p[0], p[2]) for p in pairs] == [(["Rodgers AB"], "Tarlow Corp")]


def test_merger_with_a_unit_of_a_larger_group_is_taken_over_by_it(nlp):
    pairs = _pairs(
        nlp,
        "Fenwick Lanes Inc's shareholders have approved its merger with Marlow Corp, a subsidiary of Northgate Holdings Inc.",
    )
    assert [(p[0], p[1], p[3]) for p in pairs] == [(["Marlow Corp"], "Fenwick Lanes Inc", "merger")]
    pairs = _pairs(nlp, "Tarlow Inc agreed to merge with Hermans Corp, a pump maker.")
    assert [(p[0], p[1]) for p in pairs] == [(["Tarlow Inc"], "Hermans Corp")]


def test_deal_in_a_conditional_clause_is_rumoured(nlp):
    pairs = _pairs(nlp, "Marlow Capital said if it takes control of Dunmore Foods Inc, two of its plants would close.")
    assert [(p[1], p[4]) for p in pairs] == [("Dunmore Foods Inc", "rumored")]
    # a condition on the deal's own completion leaves it agreed
    pairs = _pairs(nlp, "Tarlow Inc said it will buy Hermans Corp if regulators agree.")
    assert [(p[1], p[4]) for p in pairs] == [("Hermans Corp", "agreed")]


def test_name_run_across_to_is_cut_whatever_word_the_parser_heads(nlp):
    rows = _rows(
        nlp,
        "Scheuermann Development Corp and Lutterveld Inc, owner of Lutterveld Shipping Inc, have agreed on the sale "
        "of Scheuermann Ferries Inc to Lutterveld, the two companies said.",
    )
    assert rows and all(" to " not in row["target"] for row in rows)


def test_group_led_by_a_person_named_after_a_title(nlp):
    pairs = _pairs(nlp, "Tarlow Corp sold its Brisk unit to an investor group led by its president, Ann Reyes.")
    assert [(p[0], p[1], p[2]) for p in pairs] == [(["Ann Reyes"], "Brisk", "Tarlow Corp")]


def test_named_possessor_of_shares_is_their_issuer(nlp):
    pairs = _pairs(
        nlp, "Tarlow Inc has offered 17 dlrs per share for all outstanding shares of Hermans Corp's common stock."
    )
    assert [(p[0], p[1], p[4]) for p in pairs] == [(["Tarlow Inc"], "Hermans Corp", "proposed")]
    # a stake's possessor holds it
    pairs = _pairs(nlp, "Tarlow Inc sold its stake in Hermans Corp to Holm Industries.")
    assert [(p[0], p[1]) for p in pairs] == [(["Holm Industries"], "Hermans Corp")]


def test_object_after_a_parenthetical_phrase(nlp):
    pairs = _pairs(
        nlp,
        "Dorset Retrieval Systems Inc has offered to acquire, via a newly formed subsidiary, "
        "all the common stock of Rospan Corp for 17 dlrs per share.",
    )
    assert [(p[0], p[1], p[4]) for p in pairs] == [(["Dorset Retrieval Systems Inc"], "Rospan Corp", "proposed")]
