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
        "    In the offer halted by the Court, Palomar sought 400,000 shares, about 20 pct of Fenwick's "
        "stock, at 25 dlrs each.",
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
        "Lanford Data Inc will hand its stockholders rights to purchase shares in its Perrin Graphics Inc unit.",
    )
    assert pairs == []


def test_a_partnership_named_later_is_the_seller_not_its_leaders_company(nlp):
    pairs = mention_rows(
        nlp(
            "A partnership headed by three grandsons of Brenton Corp <BRN> chairman Lawrence Hale said it "
            "lowered its stake in Tallis Corp to 4.9 pct from 5.5 pct.\n"
            "    In its filing, the partnership, GHK Associates, said it sold 10,000 preferred shares last week."
        ),
        "t",
    )
    sellers = {row["seller"] for row in pairs if row["target"] == "Tallis Corp"}
    assert sellers == {"GHK Associates"}


def test_a_pronoun_under_a_subject_that_is_a_thing_stands_for_the_speaker(nlp):
    pairs = _pairs(
        nlp,
        "<Harrow Partners> launched a cash tender offer for Vantor Inc.\n"
        "    Harrow Partners said the proceeds of a sale of Vantor's marine division would allow it to repay "
        "loans it needs for its 60 dlr per share tender offer.",
    )
    assert any(buyers == ("Harrow Partners",) and target.startswith("Vantor Inc") for buyers, target in pairs)
    assert all(not buyers or not buyers[0].startswith("Vantor") for buyers, _ in pairs)


def test_a_company_reviewing_offers_for_its_unit_is_not_their_bidder(nlp):
    pairs = _pairs(
        nlp,
        "Kestrel Corp has spent months weighing offers for its best-performing unit, Harlow Services.",
    )
    assert all("Kestrel Corp" not in buyers for buyers, _ in pairs)


def test_a_company_considering_a_bid_for_another_may_make_it(nlp):
    pairs = _pairs(nlp, "Marden Inc is considering an offer for Pelham Corp, people familiar with the matter said.")
    assert (("Marden Inc",), "Pelham Corp") in [(b, t.rstrip(".")) for b, t in pairs]


def test_a_chief_who_speaks_for_his_company_is_not_a_party(nlp):
    pairs = _pairs(
        nlp,
        "Norland Systems agreed to acquire Quarry Data for $2 billion.\n"
        '"Together, the combination of Norland and Quarry makes us the storage leader," says Norland '
        "chairman and chief executive Alan Brisk.",
    )
    assert all("Alan Brisk" not in buyers for buyers, _ in pairs)


def test_a_pronoun_after_a_deal_named_by_its_target_is_the_buyer(nlp):
    pairs = _pairs(
        nlp,
        "Corlan agreed to buy Vesta Systems for $4 billion. Corlan said it would make Vesta a separate unit.\n"
        "The Vesta deal ranks as Corlan's biggest purchase since it took over Mirren in 2004.",
    )
    assert (("Corlan",), "Mirren") in pairs


def test_a_bid_named_by_its_bidder_is_not_a_bid_for_the_bidder(nlp):
    pairs = _pairs(
        nlp,
        "Norvex lifted its offer for the British grocer Quill Plc to 700 pence per share on Monday.\n"
        "    Alder Capital Management, a Quill shareholder, has said a Norvex cash bid would have to reach "
        "900 pence.",
    )
    assert (("Norvex",), "Quill Plc") in pairs
    assert all(target != "Norvex" for _, target in pairs)
    assert all("Alder Capital Management" not in buyers for buyers, _ in pairs)


def test_the_company_in_an_agreement_by_a_seller_is_the_seller(nlp):
    pairs = _pairs(
        nlp,
        "Halden Mining Corp said it completed the reduction of its share in Corvel Coal Inc to 49 pct.\n"
        "    This followed an agreement by Corvel to sell a 15 pct interest in the company to Marsh Fuel "
        "Associates for coal mines.",
    )
    assert all(target != "Halden Mining Corp" for _, target in pairs)


def test_the_lions_share_of_a_market_is_no_stake(nlp):
    pairs = _pairs(
        nlp,
        "Online lender Kelby Bank closed a 40 million pound Series C round led by Arden Partners.\n"
        "Britain ranked third in the world for VC investment.\n"
        "Digital lenders like Lomax took the lion's share of British VC fintech investment, at 27 per cent.\n"
        "Varden won a 12 pct share of the market.",
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
        "Kelso Holdings rejected an unsolicited takeover offer from Vardon Capital. Kelso's directors "
        "described the 80 pence per share offer as a cheap attempt to take over Kelso.",
    )
    assert pairs == [(("Vardon Capital",), "Kelso Holdings")]


def test_a_company_that_has_an_offer_from_another_did_not_make_it(nlp):
    pairs = _pairs(nlp, "Delmar Air still has a 58 dlr per share cash offer from Norvale Southern Corp.")
    assert pairs == [(("Norvale Southern Corp.",), "Delmar Air")]
