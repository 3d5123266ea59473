"""Parties on unseen text (issue 17): people who only speak of a deal, courts, indexes,
holdings a company already has, new names. Sentences written for these tests (names and
figures made up)."""

from __future__ import annotations

from pipeline.export import mention_rows


def _pairs(nlp, text):
    return sorted((tuple(row["buyers"]), row["target"]) for row in mention_rows(nlp(text), "t"))


def test_an_executive_quoted_on_the_deal_is_not_its_buyer(nlp):
    pairs = _pairs(
        nlp,
        "Trelawny Systems agreed to buy Ocrest Networks for $1.2 billion.\n"
        '"The acquisition of Ocrest will let us widen our product range," said Maren Holt, '
        "senior vice president of Trelawny's optics business.",
    )
    assert pairs
    assert all("Maren Holt" not in buyers for buyers, _ in pairs)


def test_an_analyst_who_judges_an_offer_is_not_a_buyer(nlp):
    pairs = _pairs(
        nlp,
        "Kelvard Pipelines offered 2.1 billion dlrs for Norhaven Energy Ltd.\n"
        "Dana Pruitt said she believes the Kelvard offer is generous.",
    )
    assert all("Dana Pruitt" not in buyers for buyers, _ in pairs)


def test_a_court_that_enjoins_a_bid_is_not_the_bidder(nlp):
    pairs = _pairs(
        nlp,
        "Fenwick Growth Fund said a federal judge issued a preliminary injunction against "
        "<Palomar Holdings Inc's> tender offer for Fenwick.\n"
        "    In the tender offer blocked by the Court, Palomar offered to buy 400,000 shares, or about "
        "20 pct of Fenwick's stock, for 25 dlrs a share.",
    )
    assert pairs
    assert all("Court" not in " ".join(buyers) for buyers, _ in pairs)


def test_a_market_index_is_not_an_investor(nlp):
    pairs = _pairs(
        nlp,
        "Activist fund Larchmont Capital raised its stake in Quillon Therapeutics to 12.4%. "
        "Quillon shares have risen 9% this year, while the S&P 500 has gained 6.3%.",
    )
    assert (("Larchmont Capital",), "Quillon Therapeutics") in pairs
    assert all("S&P" not in " ".join(buyers) for buyers, _ in pairs)


def test_what_a_target_owns_is_no_deal_of_its_own(nlp):
    pairs = _pairs(
        nlp,
        "Harlan Oil Ltd said it will bid 3.10 dlrs a share for the shares it does not already hold in "
        "<Cadmore Resources Ltd>.\n"
        "    Cadmore owns 65 pct of <Wexford Pipeline Co Ltd>, which runs the Wexford to Tarn oil line.",
    )
    assert (("Harlan Oil Ltd",), "Cadmore Resources Ltd") in pairs
    assert all(target != "Wexford Pipeline Co Ltd" for _, target in pairs)


def test_a_companys_new_name_is_not_the_buyer_of_its_assets(nlp):
    pairs = _pairs(
        nlp,
        "Tamsin Minerals Corp said holders approved the sale of its gas properties and the change of its "
        "name to Tamsin Gold Inc.",
    )
    assert all("Tamsin Gold" not in " ".join(buyers) for buyers, _ in pairs)


def test_what_the_holders_will_own_after_a_merger_is_no_deal(nlp):
    pairs = _pairs(
        nlp,
        "Corvid Ventures Ltd said it signed a letter of intent to acquire Ellery Marsh and Partners Inc. "
        "If the merger is completed, the shareholders of Ellery Marsh would own 55 pct of Corvid.",
    )
    assert [(buyers, target.rstrip(".")) for buyers, target in pairs] == [
        (("Corvid Ventures Ltd",), "Ellery Marsh and Partners Inc")
    ]


def test_rights_to_buy_shares_handed_to_holders_are_no_deal(nlp):
    pairs = _pairs(
        nlp,
        "Lanford Data Inc said it intends to distribute to its shareholders rights to buy common shares of "
        "its Perrin Graphics Inc subsidiary.",
    )
    assert pairs == []


def test_a_partnership_named_later_is_the_seller_not_its_leaders_company(nlp):
    pairs = mention_rows(
        nlp(
            "An investment partnership led by four sons of Brenton Corp <BRN> Chairman Lawrence Hale said it "
            "cut its Tallis Corp stake to 4.9 pct from 5.5 pct.\n"
            "    In a filing with the Securities and Exchange Commission, the partnership, GHK Associates, "
            "said it sold 10,000 shares."
        ),
        "t",
    )
    sellers = {row["seller"] for row in pairs if row["target"] == "Tallis Corp"}
    assert sellers == {"GHK Associates"}


def test_a_pronoun_under_a_subject_that_is_a_thing_stands_for_the_speaker(nlp):
    pairs = _pairs(
        nlp,
        "<Harrow Partners> said it plans to sell Vantor Inc's marine division if it succeeds in acquiring "
        "the company.\n"
        "    Harrow Partners said proceeds from the sale of Vantor's marine division would help it repay "
        "some of the debt it would incur in the 60 dlr a share cash tender offer.",
    )
    assert (("Harrow Partners",), "Vantor Inc") in pairs
    assert all(buyers != ("Vantor",) and buyers != ("Vantor Inc",) for buyers, _ in pairs)


def test_a_company_reviewing_offers_for_its_unit_is_not_their_bidder(nlp):
    pairs = _pairs(
        nlp,
        "Kestrel Corp had been reviewing offers for its most profitable unit, Harlow Services, after "
        "receiving unsolicited approaches in January.",
    )
    assert all("Kestrel Corp" not in buyers for buyers, _ in pairs)


def test_a_company_considering_a_bid_for_another_may_make_it(nlp):
    pairs = _pairs(nlp, "Marden Inc is considering an offer for Pelham Corp, people familiar with the matter said.")
    assert (("Marden Inc",), "Pelham Corp") in [(b, t.rstrip(".")) for b, t in pairs]


def test_a_chief_who_speaks_for_his_company_is_not_a_party(nlp):
    pairs = _pairs(
        nlp,
        "Norland Systems agreed to acquire Quarry Data for $2 billion.\n"
        '"The combination of Norland and Quarry will create a leader in storage," says Norland chairman '
        "and chief executive officer Alan Brisk.",
    )
    assert all("Alan Brisk" not in buyers for buyers, _ in pairs)


def test_a_pronoun_after_a_deal_named_by_its_target_is_the_buyer(nlp):
    pairs = _pairs(
        nlp,
        "Corlan agreed to buy Vesta Systems for $4 billion. Corlan said it would make Vesta a separate unit.\n"
        "The Vesta deal is Corlan's largest acquisition since it bought rival Mirren for $2 billion in 2004.",
    )
    assert (("Corlan",), "Mirren") in pairs


def test_a_bid_named_by_its_bidder_is_not_a_bid_for_the_bidder(nlp):
    pairs = _pairs(
        nlp,
        "Norvex raised its offer for the U.K. delivery firm Quill Plc to 700 pence per share on Monday.\n"
        "    Alder Capital Management, which owns shares in Quill, has said a Norvex cash bid would need "
        "to be 900 pence.",
    )
    assert (("Norvex",), "Quill Plc") in pairs
    assert all(target != "Norvex" for _, target in pairs)
    assert all("Alder Capital Management" not in buyers for buyers, _ in pairs)


def test_the_company_in_an_agreement_by_a_seller_is_the_seller(nlp):
    pairs = _pairs(
        nlp,
        "Halden Mining Corp said it completed the reduction of its share in Corvel Coal Inc to 49 pct.\n"
        "    The reduction resulted from completion of an earlier announced agreement by Corvel to sell a "
        "15 pct interest in the company to Marsh Gas and Fuel Associates in exchange for coal properties.",
    )
    assert all(target != "Halden Mining Corp" for _, target in pairs)


def test_the_lions_share_of_a_market_is_no_stake(nlp):
    pairs = _pairs(
        nlp,
        "Challenger bank Kelby Bank has raised 40 million pounds in a Series C funding round led by Arden "
        "Partners.\nThe UK ranked third globally in VC investment behind China and the US.\n"
        "Challenger banks such as Lomax took the lion's share of UK VC fintech investment at 27 per cent of "
        "the total.\nVarden won a 12 pct share of the market.",
    )
    assert [buyers for buyers, _ in pairs] == [("Arden Partners",)]


def test_a_company_considering_a_bid_for_named_plants_may_make_it(nlp):
    pairs = _pairs(
        nlp,
        "A daily reported that Gruppo Varesi was considering a possible bid for the Halcor plants in Europe.",
    )
    assert (("Gruppo Varesi",), "Halcor") in pairs


def test_a_board_that_judges_a_bid_is_not_its_bidder(nlp):
    pairs = _pairs(
        nlp,
        "Kelso Holdings rejected an unsolicited takeover offer from Vardon Capital. Kelso's board "
        "described the 50 pence per share offer as an opportunistic attempt to acquire Kelso.",
    )
    assert pairs == [(("Vardon Capital",), "Kelso Holdings")]


def test_a_company_that_has_an_offer_from_another_did_not_make_it(nlp):
    pairs = _pairs(nlp, "Delmar Air has an outstanding 65 dlr cash per share offer from Norvale Southern Corp.")
    assert pairs == [(("Norvale Southern Corp.",), "Delmar Air")]
