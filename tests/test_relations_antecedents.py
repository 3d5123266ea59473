"""Who a pronoun stands for in a deal: "it"/"its" never a person, "he"/"she" never an
organisation, the client of an adviser, and a filing's "we". Sentences written for these
tests (names and figures made up)."""

from __future__ import annotations

from pipeline.export import mention_rows


def _pairs(nlp, text):
    return sorted((tuple(row["buyers"]), row["target"]) for row in mention_rows(nlp(text), "t"))


def test_it_after_a_person_joining_a_company_is_the_company(nlp):
    pairs = _pairs(nlp, "Mary Halloway joined Corvex Industries in 2008 when it acquired Brant Semiconductor.")
    assert pairs == [(("Corvex Industries",), "Brant Semiconductor")]


def test_it_after_a_person_is_the_company_of_the_clause(nlp):
    pairs = _pairs(nlp, "Tomas Reinholt joined Pellmark Corp in 2011 after it bought Arvo Systems for $40 million.")
    assert pairs == [(("Pellmark Corp",), "Arvo Systems")]


def test_it_of_a_lone_name_tagged_a_person_stays_that_name(nlp):
    # no organisation in the clause: the name the model took for a person is the company
    pairs = _pairs(nlp, "Corstiaens Mellor said it had raised $5 million from Arvo Ventures.")
    assert pairs == [(("Arvo Ventures",), "Corstiaens Mellor")]


def test_its_after_advising_is_the_client(nlp):
    pairs = _pairs(nlp, "Harlow Partners is advising Vantra Inc on its acquisition of Merrow Labs.")
    assert pairs == [(("Vantra Inc",), "Merrow Labs")]


def test_its_after_advising_is_the_client_in_a_merger(nlp):
    pairs = _pairs(nlp, "Law firm Kessler Dunn is advising Gamma Werke AG on its merger with Delton Chemie.")
    assert len(pairs) == 1
    assert set(pairs[0][0]) | {pairs[0][1]} == {"Gamma Werke AG", "Delton Chemie"}


def test_its_after_adviser_to_is_the_client(nlp):
    pairs = _pairs(
        nlp, "Harlow Partners is acting as financial adviser to Vantra Inc on its acquisition of Merrow Labs."
    )
    assert pairs == [(("Vantra Inc",), "Merrow Labs")]


def test_our_in_a_filing_is_the_unnamed_filer(nlp):
    pairs = _pairs(
        nlp,
        "EE Holdings is our subsidiary which we acquired in connection with our acquisition of Mardel Systems.",
    )
    assert pairs == [((), "EE Holdings"), ((), "Mardel Systems")]


def test_we_is_the_filer_the_text_defines(nlp):
    pairs = _pairs(
        nlp,
        'Stellan Corp. ("we", "our" or the "Company") acquired Orvane Technologies in 2019. '
        "In 2020 we acquired Trisk Ltd.",
    )
    assert (("Stellan Corp.",), "Trisk Ltd.") in pairs


def test_relative_clause_of_a_copula_names_its_subject(nlp):
    pairs = _pairs(nlp, "Pellworth Inc is a Dallas company which Arvo Group bought in 2015.")
    assert pairs == [(("Arvo Group",), "Pellworth Inc")]


def test_he_stands_for_no_organisation(nlp):
    # "Arvo Group's statement that he might acquire": "he" is no company
    pairs = _pairs(
        nlp, "Arvo Group's statement that he might acquire more stock of Harlan Mills Inc surprised analysts."
    )
    assert (("Arvo Group",), "Harlan Mills Inc") not in pairs


def test_it_after_a_named_unit_of_an_owner_is_the_unit(nlp):
    pairs = _pairs(nlp, "Ostrin Holdings' Kellway Foods unit said it agreed to buy Parma Dairy Co for 20 mln dlrs.")
    assert pairs == [(("Kellway Foods",), "Parma Dairy Co")]


def test_he_after_a_surname_taken_for_a_company_is_the_person(nlp):
    pairs = _pairs(
        nlp,
        "A Dalvin official said Roy Kemper had told the company he was not interested. Dalvin's Bill Fenner "
        "said the company would say nothing about Kemper's disclosure that he may buy more Dalvin shares.",
    )
    assert [buyers for buyers, _ in pairs] == [("Roy Kemper",)]


def test_they_leaves_out_a_company_describing_a_member(nlp):
    pairs = _pairs(
        nlp, "Dana Pell, a partner of Hollis Bank, and Tom Raye said they bought 8.1 pct of Marlin Tools Inc."
    )
    assert pairs == [(("Dana Pell", "Tom Raye"), "Marlin Tools Inc.")]


def test_they_keeps_a_member_named_in_apposition(nlp):
    pairs = _pairs(
        nlp,
        "Dana Pell, senior vice president at Hollis Bank's Denver office, and her brother, retired engineer "
        "R.J. Pell, said they bought 9.4 pct of Marlin Tools Inc.",
    )
    assert pairs == [(("Dana Pell", "R.J. Pell"), "Marlin Tools Inc.")]


def test_they_keeps_a_company_and_a_person_joined(nlp):
    pairs = _pairs(nlp, "Hollis Bank and Tom Raye said they bought 8.1 pct of Marlin Tools Inc.")
    assert pairs == [(("Hollis Bank", "Tom Raye"), "Marlin Tools Inc.")]


def test_unit_named_after_its_place(nlp):
    # a name after "unit in <place>," names the unit (the comma once followed the noun only)
    pairs = _pairs(
        nlp, "Varden Inc agreed to buy Holm Electronics' broadcast unit in France, Tessel Audio SA, for 20 mln dlrs."
    )
    assert pairs == [(("Varden Inc",), "Tessel Audio SA")]


def test_a_second_place_is_no_unit_name(nlp):
    pairs = _pairs(nlp, "Varden Inc agreed to buy Holm Electronics' unit in Lyon, France, for 20 mln dlrs.")
    assert len(pairs) == 1
    assert pairs[0][0] == ("Varden Inc",)
    assert pairs[0][1].startswith("Holm Electronics")


def test_privately_held_company_joined_to_the_deal_noun(nlp):
    pairs = _pairs(
        nlp,
        "Marlo Freight Inc said negotiations on its proposed acquisitions of Tessel Lines Inc and "
        "privately-held Harwin Training Services Inc have been terminated.",
    )
    assert (("Marlo Freight Inc",), "Harwin Training Services Inc") in pairs
    assert (("Marlo Freight Inc",), "Tessel Lines Inc") in pairs


def test_privately_held_read_as_a_second_verb(nlp):
    pairs = _pairs(
        nlp,
        "Marlo Freight Inc said it agreed to acquire Tessel Lines Inc and privately held Harwin Training Services Inc.",
    )
    assert [target for _, target in pairs] == ["Harwin Training Services Inc.", "Tessel Lines Inc"]


def test_company_named_in_the_next_sentence(nlp):
    pairs = _pairs(
        nlp,
        "Kolmer NV said it has acquired a small Dutch container firm. The firm, Brede Transport BV, employs 10 people.",
    )
    assert pairs == [(("Kolmer NV",), "Brede Transport BV")]


def test_company_left_unnamed_in_the_next_sentence(nlp):
    pairs = _pairs(
        nlp,
        "Alder Bancorp said it agreed to acquire a small Ohio bank for 12 mln dlrs. The bank, which has assets "
        "of 90 mln dlrs, was not named. Fenwick Savings Co said it was not the seller.",
    )
    assert all(target != "Fenwick Savings Co" for _, target in pairs)


def test_the_unit_is_the_unit_named_before_not_its_parent(nlp):
    pairs = _pairs(
        nlp,
        "Dorran Co said its board approved a public offering of about 18 pct of its wholly owned Peller Brothers "
        "Inc brokerage unit. Dorran also approved the plan to sell about 13 pct of the unit to Kaito Life "
        "Insurance Co for 500 mln dlrs.",
    )
    assert (("Kaito Life Insurance Co",), "Peller Brothers Inc") in pairs


def test_the_unit_with_no_unit_named_before_is_the_company(nlp):
    pairs = _pairs(
        nlp, "Dorran Co said profits rose. Dorran also plans to sell 13 pct of the unit to Kaito Life Insurance Co."
    )
    assert [buyers for buyers, _ in pairs] == [("Kaito Life Insurance Co.",)]
    assert pairs[0][1].startswith("Dorran")


def test_owner_of_the_unit_sold_is_the_seller_not_the_subject_above(nlp):
    rows = mention_rows(
        nlp(
            "Vorn Telcom Corp and Pellet Inc agreed to settle litigation regarding the sale of Pellet's former "
            "Hasko Communications Inc unit to Vorn Telcom Corp in March, 1986, the two companies said."
        ),
        "t",
    )
    assert [(tuple(r["buyers"]), r["target"], r["seller"]) for r in rows] == [
        (("Vorn Telcom Corp",), "Hasko Communications Inc", "Pellet Inc")
    ]
