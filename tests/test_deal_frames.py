"""Deal frames on sentences written for these tests: phrasal triggers, implicit
(self-reported) buyers, co-buyers, prepositions the parser hangs on the wrong word."""

from __future__ import annotations

import pytest

from pipeline.export import mention_rows
from pipeline.names import names_match

CASES = [
    pytest.param(
        "Orlend Foods has snapped up Quay Bakers, a Cardiff biscuit maker, for £12m.",
        [(["Orlend Foods"], "Quay Bakers")],
        id="phrasal-snap-up",
    ),
    pytest.param(
        "Tamworth Industries Inc said it agreed to take over Brisco Valve Co for 9 mln dlrs.",
        [(["Tamworth Industries Inc"], "Brisco Valve Co")],
        id="phrasal-take-over",
    ),
    pytest.param(
        "Pelham Systems Inc agreed to be taken private by buyout firm Greyhaven Partners in a $900 million deal.",
        [(["Greyhaven Partners"], "Pelham Systems Inc")],
        id="taken-private-by",
    ),
    pytest.param(
        "In March 2015, we acquired Sandvale Networks, Inc. for $40 million.",
        [([], "Sandvale Networks")],
        id="we-acquired",
    ),
    pytest.param(
        "The Company completed the acquisition of Brookfell Labs in 2014.",
        [([], "Brookfell Labs")],
        id="the-company-acquired",
    ),
    pytest.param(
        "Margate Holdings, together with pension investor Fenlow Capital, will acquire a 70% stake in Dorrit Ports for $300 million.",
        [(["Margate Holdings", "Fenlow Capital"], "Dorrit Ports")],
        id="together-with",
    ),
    pytest.param(
        "Osgood Corp sold its Brantley Tools Ltd unit to US buyout firm Harwick Partners for $80 million.",
        [(["Harwick Partners"], "Brantley Tools Ltd")],
        id="sold-to-misattached",
    ),
    pytest.param(
        "Quarry Mills Inc said it agreed to be acquired for 30 mln dlrs by a partnership formed by Ashby Group Inc and Fenner Capital Corp.",
        [(["Ashby Group Inc", "Fenner Capital Corp"], "Quarry Mills Inc")],
        id="acquired-by-misattached-group",
    ),
    pytest.param(
        "Tolvern Labs, which Gransden Pharma bought in 2020 for $300 million, will close its Leeds site.",
        [(["Gransden Pharma"], "Tolvern Labs")],
        id="relative-clause-object",
    ),
    pytest.param(
        "Brisk Meals, acquired by Dutch group Vennhof NV in 2018, is hiring 80 people.",
        [(["Vennhof NV"], "Brisk Meals")],
        id="reduced-passive-participle",
    ),
    pytest.param(
        "Pelto Pay, which is backed by Arvik Capital and Selby Ventures, plans to expand to Spain.",
        [(["Arvik Capital", "Selby Ventures"], "Pelto Pay")],
        id="relative-clause-backers",
    ),
    pytest.param(
        "BOSTON (Wirenews) - Quarrel Software Inc (NASDAQ: QRL), a maker of tax tools, agreed to be taken private by buyout firm Lodestar Partners.",
        [(["Lodestar Partners"], "Quarrel Software Inc")],
        id="dateline-then-subject",
    ),
    pytest.param(
        "Zephyrin Bio, a maker of soil sensors, said it raised $20 million in a Series A round led by Coldharbour Ventures.",
        [(["Coldharbour Ventures"], "Zephyrin Bio")],
        id="untagged-subject-is-the-antecedent",
    ),
    pytest.param(
        "A consortium of Brightwater Infrastructure Fund, Helmsley Pension Trust and Ostler Capital agreed to buy Kettering Grid Ltd for $2 billion.",
        [(["Brightwater Infrastructure Fund", "Helmsley Pension Trust", "Ostler Capital"], "Kettering Grid Ltd")],
        id="consortium-of",
    ),
    pytest.param(
        "Lumen Seeds GmbH has closed a $9m Series A from investors including Rowan Ventures, Tarn Capital and angel investor Ines Hartl.",
        [(["Rowan Ventures", "Tarn Capital", "Ines Hartl"], "Lumen Seeds GmbH")],
        id="investors-including",
    ),
    pytest.param(
        "Quibble Labs said it had raised $12 million in a Series A round. Hollis Venture Capital led the investment. Other participants included Marlow Capital and chipmaker Tessaly Electric.",
        [(["Hollis Venture Capital", "Marlow Capital", "Tessaly Electric"], "Quibble Labs")],
        id="investors-later-led-and-included",
    ),
    pytest.param(
        "Solvane has raised $30 million to build wind farms. It said the money came from Corrib Capital and Wexley Partners.",
        [(["Corrib Capital", "Wexley Partners"], "Solvane")],
        id="money-came-from",
    ),
    pytest.param(
        "Growth came from the Halvorsen acquisition of Kesterton Metals Corp. in 2011.",
        [(["Halvorsen"], "Kesterton Metals Corp.")],
        id="name-before-nominal-is-buyer",
    ),
    pytest.param(
        "Dunford Industries Inc said it received an offer from Calloway Partners to acquire the company for 18 dlrs a share.",
        [(["Calloway Partners"], "Dunford Industries Inc")],
        id="received-an-offer-from",
    ),
    pytest.param(
        "A Dallas investor, Marvin Oakes, told the Securities and Exchange Commission he holds 6.7 pct of the shares of Brill Tool Corp.",
        [(["Marvin Oakes"], "Brill Tool Corp")],
        id="he-is-the-person-named-before",
    ),
    pytest.param(
        "Marlow Supply Co said it acquired Denby Inc, Lasko Valve Co and Red Fern Castings Corp in separate transactions.",
        [
            (["Marlow Supply Co"], "Denby Inc"),
            (["Marlow Supply Co"], "Lasko Valve Co"),
            (["Marlow Supply Co"], "Red Fern Castings Corp"),
        ],
        id="list-read-as-apposition",
    ),
    pytest.param(
        "Orsett Marine Ltd has agreed to pay $200 million for Bayfield Yachts, the companies said.",
        [(["Orsett Marine Ltd"], "Bayfield Yachts")],
        id="pay-for",
    ),
    pytest.param(
        "In May 2014, we sold our specialty coatings business to Harrowfield Partners.",
        [(["Harrowfield Partners"], "specialty coatings business")],
        id="filer-sells-its-unit",
    ),
    pytest.param(
        "In June 2019, Harlan Media acquired streaming service Vidlo for $90 million.",
        [(["Harlan Media"], "Vidlo")],
        id="name-after-descriptor",
    ),
    pytest.param(
        "In 2003, the miner said Kinvara acquired Echo Falls for $40 million.",
        [(["Kinvara"], "Echo Falls")],
        id="names-tagged-places",
    ),
    pytest.param(
        "Marrow Logistics expects slower growth next year. Still, the Denver-based firm is buying Pike Freight Corp for $90 million.",
        [(["Marrow Logistics"], "Pike Freight Corp")],
        id="the-place-based-firm",
    ),
    pytest.param(
        "Harrowby Capital has held early talks about taking a minority stake in Chilean retailer Tienda Sol, people familiar with the matter said.",
        [(["Harrowby Capital"], "Tienda Sol")],
        id="talks-about-taking-a-stake",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_frames(nlp, text, expected):
    rows = mention_rows(nlp(text), "t")
    for buyers, target in expected:
        found = [
            row
            for row in rows
            if names_match(row["target"], target)
            and len(row["buyers"]) == len(buyers)
            and all(any(names_match(b, want) for b in row["buyers"]) for want in buyers)
        ]
        assert found, f"no deal {buyers} -> {target} in {[(r['buyers'], r['target']) for r in rows]}"


NOT_DEALS = [
    pytest.param("Shares of Corwin Ltd snapped back after the results.", id="snapped-without-up"),
    pytest.param("The board will take over the running of the fund from June.", id="take-over-no-party"),
    pytest.param("Harbison Telephone Co said it sold 120 mln dlrs of seven-year notes.", id="note-sale"),
    pytest.param(
        "Tarrant Biologics Inc has hired advisers to explore strategic options, including a possible sale of the company.",
        id="review-with-no-counterparty",
    ),
    pytest.param(
        "Tamsworth Electric Co is raising 80 mln dlrs via an offering of notes due 1995.", id="raising-via-notes"
    ),
    pytest.param("Cloudberry Pay raised $300 million in its initial public offering on Friday.", id="own-ipo"),
    pytest.param("Last week Harlton Press launched a rights issue to raise 200 mln stg.", id="rights-issue"),
    pytest.param("Dunnock Labs will obtain up to 90 mln dlrs in debt financing for the plant.", id="debt-financing"),
    pytest.param(
        "Members of the Ostrow family, who own about 30 pct of Kelling Bancorp, will vote for the plan.",
        id="holding-in-relative-clause",
    ),
]


@pytest.mark.parametrize("text", NOT_DEALS)
def test_not_deals(nlp, text):
    assert nlp(text)._.deals == []


def test_dateline_is_never_a_party(nlp):
    doc = nlp(
        "OSLO (Wirenews) -- Fjordvik Marine said Monday it will acquire a 60 percent stake in Bergen boat maker Kvalsund Yard for 400 million crowns."
    )
    assert [b.text for d in doc._.deals for b in d.buyers] == ["Fjordvik Marine"]


def test_unnamed_buyer_of_a_nominal_acquisition(nlp):
    rows = mention_rows(nlp("Costs rose after the acquisition of Tarnwell Systems in 2012."), "t")
    assert [(r["buyers"], r["target"]) for r in rows] == [([], "Tarnwell Systems")]
    # ... but not beside a deal that names a buyer
    rows = mention_rows(
        nlp("Harlow Corp bought Tarnwell Systems in 2012. The acquisition of Tarnwell Systems added sales."), "t"
    )
    assert [r["target"] for r in rows if not r["buyers"]] == []


def test_a_sale_told_again_is_one_deal(nlp):
    doc = nlp(
        "Crandall Corp agreed to sell its Pell Wire unit to Ostry Cable Co for 20 mln dlrs. Crandall said the sale of Pell Wire would close in June."
    )
    assert [(sorted(b.text for b in d.buyers), d.target.text) for d in doc._.deals] == [
        (["Ostry Cable Co"], "Pell Wire")
    ]


def test_suffix_cut_at_the_comma_and_bracketed_alias_are_not_parties(nlp):
    doc = nlp('In March 2012, Pellham Systems acquired Tovey Analytics, LLC ("Tovey") for $30 million.')
    targets = [d.target.text for d in doc._.deals]
    assert len(targets) == 1 and targets[0].startswith("Tovey Analytics")


def test_a_deal_told_only_in_a_heading(nlp):
    doc = nlp("Harlow Foods to buy Bexmoor Dairy for $40 million")
    assert [([b.text for b in d.buyers], d.target.text) for d in doc._.deals] == [(["Harlow Foods"], "Bexmoor Dairy")]


def test_no_unnamed_buyer_in_a_reported_story(nlp):
    # news names its buyers; a reported story's bare "the acquisition of Y" is no deal of its own
    doc = nlp("Analysts said the acquisition of Tarnwell Systems was a surprise.")
    assert [d for d in doc._.deals if not d.buyers] == []


def test_a_name_tagged_a_product_in_a_party_place(nlp):
    doc = nlp("Edtech firm Vidya Labs Pvt Ltd has acquired coding-bootcamp operator CodeNest for 40 crore rupees.")
    assert [d.target.text for d in doc._.deals] in (["CodeNest"], [])  # the model may tag it anything


def test_we_is_never_the_last_company_named(nlp):
    doc = nlp(
        "In 2011 we acquired the Red Hill Properties from Osage Ltd and, in 2012, we acquired the Tern Lake Properties from Mobray Corp."
    )
    assert all(not d.buyers for d in doc._.deals)
