"""Parties of deals in 1987 newswire style (Reuters): names in angle brackets and tickers
after names, which the parser often mis-attaches; possessive bids; verbs sharing a
subject. Sentences written for these tests (names and figures made up)."""

from __future__ import annotations

from pipeline.export import mention_rows


def _pairs(nlp, text):
    return sorted((tuple(row["buyers"]), row["target"]) for row in mention_rows(nlp(text), "t"))


def test_ticker_after_the_bidder_stands_for_the_bidder(nlp):
    # "from Name Inc <TICK>": the parser makes the ticker the object of "from"
    pairs = _pairs(
        nlp,
        "Parrow Foods Corp said it has received and rejected an unsolicited merger offer "
        "from Kelmont Brands International Inc <KBI>.",
    )
    assert pairs == [(("Kelmont Brands International Inc",), "Parrow Foods Corp")]


def test_conjoined_answer_verb_shares_the_subject(nlp):
    # "X received and rejected an offer from Y": X, the subject of the first verb, answers
    from pipeline.relations.common import controlling_subject

    doc = nlp("Parrow Foods said it has received and rejected an offer from Kelmont Brands.")
    rejected = next(t for t in doc if t.lower_ == "rejected")
    assert rejected.dep_ == "conj"
    assert controlling_subject(rejected).lower_ == "it"


def test_bracketed_bidder_with_possessive_offer(nlp):
    pairs = _pairs(
        nlp,
        "<Ferrand Tools PLC>'s offer of 31 dlrs a share for all of Fenlow Instruments Inc's stock "
        "was extended until Friday.",
    )
    assert (("Ferrand Tools PLC",), "Fenlow Instruments Inc") in pairs


def test_ticker_inside_a_possessive_bid(nlp):
    # "X Inc's <TICK> 27 dlr per share tender offer for all its shares": past the ticker
    pairs = _pairs(
        nlp,
        "Hollin Lawn Corp said it rejected Tarrant Disposal Inc's <TDI> 27 dlr per share tender offer "
        "for all its shares.",
    )
    assert pairs == [(("Tarrant Disposal Inc",), "Hollin Lawn Corp")]


def test_ticker_as_a_second_object_is_no_second_target(nlp):
    # "from X AG <XAG.F>": the name is already the seller; the ticker names no other target
    pairs = _pairs(
        nlp,
        "Brunnhof AG is also purchasing a 20 pct stake in Orvieto und Lutz from Oderbank AG <ODBG.F> "
        "and may later take over the lender's other shares.",
    )
    assert all(target != "Oderbank AG" for _, target in pairs)


def test_share_written_as_a_word_names_the_company_below(nlp):
    # "one-third of the outstanding stock of Y" (tagged PERCENT): Y is the target
    pairs = _pairs(nlp, "<Varnley Pacific Ltd> said it purchased one-third of the outstanding stock of Elvanor Corp.")
    assert pairs == [(("Varnley Pacific Ltd",), "Elvanor Corp.")]


def test_bracketed_name_after_a_common_noun_names_it(nlp):
    # "the assets of its controlling shareholder <Y Ltd>": Y, not the buyer its "its" stands for
    pairs = _pairs(
        nlp,
        "<Carrick Petroleum Ltd> said it acquired the oil and gas assets of its controlling shareholder "
        "<Brambley Resources Ltd> for 12.1 mln dlrs.",
    )
    assert pairs == [(("Carrick Petroleum Ltd",), "Brambley Resources Ltd's oil and gas assets")]


def test_holding_whose_in_phrase_hangs_on_the_offer(nlp):
    # "a tender offer for up to N shares in Y": the parser hangs "in Y" on "offer"
    pairs = _pairs(
        nlp, "Coverly Holdings said it was making a tender offer for up to 12 mln ordinary shares in Dunholt Gas Co."
    )
    assert pairs == [(("Coverly Holdings",), "Dunholt Gas Co.")]


def test_takeover_target_of_a_bidder(nlp):
    pairs = _pairs(nlp, "Hemsby Corp rose amid rumors the company might be a takeover target of Coverly Electric Co.")
    assert pairs == [(("Coverly Electric Co.",), "Hemsby Corp")]


def test_the_target_of_an_offer_by_a_bidder(nlp):
    pairs = _pairs(
        nlp,
        "Corvale Fund Inc, the target of an unfriendly cash offer by Coverly Holdings Inc, "
        "said its stockholders backed new voting rules.",
    )
    assert pairs == [(("Coverly Holdings Inc",), "Corvale Fund Inc")]


def test_target_said_of_no_company_gives_no_deal(nlp):
    # "the target of" with no company it is said of names no target
    assert _pairs(nlp, "Analysts said the main target of the tender offer was unclear.") == []


def test_group_led_by_a_person_the_parser_made_a_subject(nlp):
    # "A group led by Far Hills investor X said it raised ...": X became a second subject
    pairs = _pairs(
        nlp,
        "A shareholder group led by Rainsford, N.J., investor Marta Pembrey said it raised its stake "
        "in Corvex Memories Inc to 6.2 pct.",
    )
    assert pairs == [(("Marta Pembrey",), "Corvex Memories Inc")]


def test_group_of_firms_led_by_two_members(nlp):
    pairs = _pairs(
        nlp,
        "A group of affiliated investment firms led by Bermuda-based Kelvick International Ltd and "
        "Boston-based TRM Corp said it raised its stake in Pellow Manufacturing Co Inc to 6.4 pct.",
    )
    assert pairs == [(("Kelvick International Ltd", "TRM Corp"), "Pellow Manufacturing Co Inc")]


def test_the_group_told_again_keeps_its_first_members(nlp):
    # "The group, which includes Y, ..." after "A group led by X ...": X and Y
    text = (
        "A shareholder group led by investor Rhea Ostrand said it holds 6.2 pct of Corvex Memories Inc. "
        "The group, which includes Sunvale Equities Corp, said it bought 40,000 Corvex shares last month."
    )
    assert any(set(buyers) == {"Rhea Ostrand", "Sunvale Equities Corp"} for buyers, _ in _pairs(nlp, text))


def test_offer_from_two_titled_persons_to_purchase(nlp):
    # the approver is the target; both persons named after "from" are the buyers
    pairs = _pairs(
        nlp,
        "Dravo Lamps Inc said its directors accepted a proposal from its president Anselm Marsh and "
        "vice chairman Lydia Marsh to buy every remaining Dravo share at 6.10 dlrs each.",
    )
    assert pairs == [(("Anselm Marsh", "Lydia Marsh"), "Dravo Lamps Inc")]


def test_takeover_offer_to_a_company(nlp):
    pairs = _pairs(nlp, "Late last year, Penrose Securities' takeover offer to Kettering Group Inc was rejected.")
    assert pairs == [(("Penrose Securities",), "Kettering Group Inc")]


def test_offer_to_shareholders_names_no_target(nlp):
    pairs = _pairs(nlp, "Penrose Securities said its offer to shareholders of Kettering Group Inc expires Friday.")
    assert all(target != "shareholders" for _, target in pairs)


def test_subjects_hung_on_a_later_ticker(nlp):
    # "A Ltd <T> and <B Ltd>, both units of C KK <CK.T>, are weighing a merger"
    pairs = _pairs(
        nlp,
        "Marunaka Wire Co Ltd <MRNS.T> and <Hoshida Wire Co Ltd>, both units of Kaneyoshi KK <KNYS.T>, "
        "are weighing a merger, officials of the two firms said.",
    )
    assert pairs == [(("Marunaka Wire Co Ltd",), "Hoshida Wire Co Ltd")]


def test_its_in_a_clause_of_a_possessed_noun_is_the_possessor(nlp):
    # "Y's plan to sell all its Z businesses": "its" is Y, not the buyer named before
    from pipeline.relations import antecedents
    from pipeline.relations.context import Context

    lex = nlp.get_pipe("spacy_deals_deal_relations").lexicon
    doc = nlp(
        "Fenwold Corp said it acquired Stellan Medical Corp. The sale completes Stellan Group's plan "
        "to sell all its medical products businesses, Stellan said."
    )
    its = [t for t in doc if t.lower_ == "its"][-1]
    assert antecedents.antecedent(Context(lex, doc), its).text == "Stellan Group"


def test_he_in_a_clause_of_a_possessed_disclosure_is_the_possessor(nlp):
    # "X's disclosure to chairman Y that he may buy more shares": he is X, not Y named last
    rows = mention_rows(
        nlp(
            "Tandem Corp declined to comment on investor Emil Marlow's statement to chairman "
            "Leopold Drury that he might acquire further Tandem stock."
        ),
        "t",
    )
    assert [row["buyers"][0].startswith("Emil Marlow") for row in rows] == [True]


def test_activities_of_two_named_units_of_a_parent(nlp):
    # "the X trade of the A-based <A> and B-based <B> units of P": a unit each
    pairs = _pairs(
        nlp,
        "Under the accord, Veltman NV will acquire the detergent trade of the "
        "Lille-based <Sorelle> and Nantes-based <Dufray-Marchal> units of Vaucher SA.",
    )
    assert pairs == [(("Veltman NV",), "Dufray-Marchal"), (("Veltman NV",), "Sorelle")]


def test_director_who_controls_a_firm_buys_stock_of_the_company(nlp):
    # "its director X, who controls Y Inc, will purchase 31 pct of the company's shares": the
    # company is the one reporting, not Y named in the relative clause
    pairs = _pairs(
        nlp,
        "Quorvel International Corp said its director T. Oren Quillby, who controls Quillby Venture "
        "Capital Inc, will purchase 31 pct of the company's convertible preference shares.",
    )
    assert pairs == [(("T. Oren Quillby",), "Quorvel International Corp")]


def test_board_rejects_an_offer_for_the_companys_stock(nlp):
    pairs = _pairs(
        nlp,
        "Lorimer-Optics Inc said its directors turned down a 41 dlrs a share hostile tender offer for "
        "the company's shares from Osterby-Wirth AG <OWAG.Z>, which already owns 14.2 pct of them.",
    )
    assert pairs == [(("Osterby-Wirth AG",), "Lorimer-Optics Inc")]


def test_buyer_and_target_in_parentheses(nlp):
    # wire copy that sets names in parentheses instead of angle brackets
    pairs = _pairs(nlp, "(Larchmont Diners Inc) said it acquired (Cafe Maribel Ostend Inc), a cafe chain, for cash.")
    assert pairs == [(("Larchmont Diners Inc",), "Cafe Maribel Ostend Inc")]


def test_received_a_possessive_acquisition_proposal(nlp):
    pairs = _pairs(
        nlp,
        "Wendover Corp in a statement said it has received Callan Corp's 46 dlrs a share acquisition "
        "proposal and will have no comment.",
    )
    assert pairs == [(("Callan Corp",), "Wendover Corp")]


def test_shares_of_stock_in_a_company_hung_on_the_verb(nlp):
    pairs = _pairs(
        nlp,
        "Lister Development Corp said it has purchased 250,000 shares of convertible preference stock "
        "in <Petrovane Inc> for 2,100,000 dlrs.",
    )
    assert pairs == [(("Lister Development Corp",), "Petrovane Inc")]


def test_descriptor_then_a_name_cut_in_two_by_the_tagger(nlp):
    # "the financial services firm E.M. X" (tagged a person) "Y and Co Inc" (an organisation)
    from pipeline.relations import party_names
    from pipeline.relations.context import Context

    lex = nlp.get_pipe("spacy_deals_deal_relations").lexicon
    doc = nlp(
        "Dellmore Corp said an\ninvestor group led by the financial services firm E.M. Marbury\n"
        "Pincus and Co Inc has agreed to acquire Dellmore's business."
    )
    assert [(e.text, e.label_) for e in doc.ents][1:3] == [("E.M. Marbury", "PERSON"), ("Pincus and Co Inc", "ORG")]
    firm = next(t for t in doc if t.lower_ == "firm")
    named = party_names.named_after_descriptor(Context(lex, doc), firm)
    assert " ".join(named.text.split()) == "E.M. Marbury Pincus and Co Inc"


def test_a_total_of_shares_of_a_company(nlp):
    pairs = _pairs(
        nlp,
        "Investor Ilse Maresco told the Securities and Exchange Commission she has acquired a total of "
        "412,600 shares of Ovellan Inc, or 11.4 pct of those outstanding.",
    )
    assert pairs == [(("Ilse Maresco",), "Ovellan Inc")]


def test_two_halves_of_one_name_told_whole_before(nlp):
    # "Cobb and Brisby Publishers Inc ... for Cobb and Brisby", the tagger cutting both at "and":
    # one company, not two
    from pipeline.relations import party_names
    from pipeline.relations.context import Context

    lex = nlp.get_pipe("spacy_deals_deal_relations").lexicon
    doc = nlp(
        "Cobb and Brisby Publishers Inc said its board will study the offers it has received. "
        "Investor Jasper Crane offered 34 dlrs a share for Cobb and Brisby last week."
    )
    cobb = [t for t in doc if t.text == "Cobb"][-1]
    parties = party_names.parties_of(Context(lex, doc), [cobb])
    assert [span.text for span, _ in parties] == ["Cobb and Brisby Publishers Inc"]


def test_bid_described_by_a_participle_with_its_bidder(nlp):
    from pipeline.relations import noun_slots as slots
    from pipeline.relations.context import Context, Frame

    lex = nlp.get_pipe("spacy_deals_deal_relations").lexicon
    doc = nlp("Shareholders should study the tender offer made by Tarrant Holdings Inc before Friday.")
    offer = next(t for t in doc if t.lower_ == "offer")
    frame = Frame(offer, lex.classes["bid"])
    slots.inherit_noun_subject(Context(lex, doc), frame)
    assert [t.text for t in frame.args["buyer"]] == ["Inc"]


def test_buyer_named_in_brackets_after_a_comma(nlp):
    # "to a specially formed company, <Y Plc>, for ...": Y buys
    pairs = _pairs(
        nlp,
        "Corwen Trust Plc said it will sell its Marlow newsagent business to a specially formed company, "
        "<Bellamy Holdings Plc> for an estimated 16.9 mln stg cash.",
    )
    assert [buyers for buyers, _ in pairs] == [("Bellamy Holdings Plc",)]


def test_bracketed_name_that_reports_is_no_apposition(nlp):
    from pipeline.relations import party_names
    from pipeline.relations.context import Context

    lex = nlp.get_pipe("spacy_deals_deal_relations").lexicon
    doc = nlp("The unit was sold last year to the company, <Dorrit Holdings Plc> said on Monday.")
    company = next(t for t in doc if t.lower_ == "company")
    assert party_names.bracketed_name_after(Context(lex, doc), company) is None


def test_merger_talks_with_a_company_ended(nlp):
    pairs = _pairs(
        nlp, "Ashcombe Realty Trust said preliminary merger talks with Kilbride Financial Corp were broken off."
    )
    assert pairs == [(("Ashcombe Realty Trust",), "Kilbride Financial Corp")]
