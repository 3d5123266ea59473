"""Deal relations on hand-made sentences: one case per construction the rules handle.

Names are invented; each case states the pair(s) an analyst would write down and the
fields that the sentence makes unambiguous.
"""

from __future__ import annotations

import pytest

from pipeline.export import mention_rows
from pipeline.names import names_match

# sentence, expected deals: (buyers, target, fields)
CASES = [
    pytest.param(
        "Acme Corp said it agreed to acquire Widget Inc for 120 mln dlrs.",
        [
            (
                ["Acme Corp"],
                "Widget Inc",
                {"type": "acquisition", "status": "agreed", "amount": 120e6, "currency": "USD"},
            )
        ],
        id="active-agreed",
    ),
    pytest.param(
        "Widget Inc was acquired by Acme Corp for $50 million last year.",
        [(["Acme Corp"], "Widget Inc", {"type": "acquisition", "status": "completed", "amount": 50e6})],
        id="passive-completed",
    ),
    pytest.param(
        "Acme Corp said it has completed the purchase of Widget Inc.",
        [(["Acme Corp"], "Widget Inc", {"type": "acquisition", "status": "completed"})],
        id="pronoun-noun-trigger",
    ),
    pytest.param(
        "Northwind Capital took a 15 pct stake in Bluebird Systems Inc.",
        [(["Northwind Capital"], "Bluebird Systems Inc", {"type": "investment", "stake_pct": 15.0})],
        id="minority-stake",
    ),
    pytest.param(
        "Orion Holdings plans to invest about $2 billion to acquire 40% of Helix Labs.",
        [
            (
                ["Orion Holdings"],
                "Helix Labs",
                {"type": "investment", "status": "agreed", "amount": 2e9, "approximate": True, "stake_pct": 40.0},
            )
        ],
        id="purpose-clause",
    ),
    pytest.param(
        "Orion Holdings bought 60 pct of Helix Labs last month.",
        [(["Orion Holdings"], "Helix Labs", {"type": "acquisition", "status": "completed", "stake_pct": 60.0})],
        id="majority-stake-is-acquisition",
    ),
    pytest.param(
        "Greenfield Corp sold its Valley Foods unit to Harbor Group Plc for 80 mln stg.",
        [
            (
                ["Harbor Group Plc"],
                "Valley Foods",
                {"seller": "Greenfield Corp", "currency": "GBP", "amount": 80e6, "status": "completed"},
            )
        ],
        id="unit-sale-with-buyer",
    ),
    pytest.param(
        "Alder Bank and Birch Bancorp agreed to merge.",
        [(["Alder Bank"], "Birch Bancorp", {"type": "merger", "status": "agreed"})],
        id="merger-two-subjects",
    ),
    pytest.param(
        "Crane Industries said it terminated its tender offer for Delta Marine Corp.",
        [(["Crane Industries"], "Delta Marine Corp", {"status": "terminated"})],
        id="terminated-offer",
    ),
    pytest.param(
        "Vista Media Inc is in talks to buy Echo Radio Inc.",
        [(["Vista Media Inc"], "Echo Radio Inc", {"status": "rumored"})],
        id="talks-rumored",
    ),
    pytest.param(
        "Nimbus Robotics raised $40 million in a Series B round led by Granite Ventures.",
        [
            (
                ["Granite Ventures"],
                "Nimbus Robotics",
                {"type": "investment", "round": "Series B", "amount": 40e6, "status": "completed"},
            )
        ],
        id="funding-round-led-by",
    ),
    pytest.param(
        "Fenwick Corp raised its stake in Garnet Mining Ltd to 12.5 pct from 9 pct.",
        [(["Fenwick Corp"], "Garnet Mining Ltd", {"type": "investment", "stake_pct": 12.5, "status": "completed"})],
        id="stake-raised-to",
    ),
    pytest.param(
        "Fenwick Corp said it cut its stake in Garnet Mining Ltd to 5 pct.",
        [([], "Garnet Mining Ltd", {"type": "divestiture", "seller": "Fenwick Corp", "stake_pct": 5.0})],
        id="stake-cut-divestiture",
    ),
    pytest.param(
        "Apex Digital has invested $500 million in the robotics startup Kestrel.",
        [(["Apex Digital"], "Kestrel", {"type": "investment", "amount": 500e6})],
        id="descriptor-before-name",
    ),
    pytest.param(
        "Larch Savings Bank said its shareholders approved its merger into Spruce Financial Corp.",
        [(["Spruce Financial Corp"], "Larch Savings Bank", {"type": "merger", "status": "agreed"})],
        id="merger-into-survivor",
    ),
    pytest.param(
        "Delta Marine Corp cited its agreement to be acquired by Crane Industries for 25 dlrs a share.",
        [(["Crane Industries"], "Delta Marine Corp", {"type": "acquisition", "price_per_share": 25.0})],
        id="passive-infinitive",
    ),
    pytest.param(
        "A partnership affiliated with Oakmont Capital made a 1.5 billion dlr offer to acquire Pellham Corp.",
        [(["Oakmont Capital"], "Pellham Corp", {"status": "proposed", "amount": 1.5e9})],
        id="group-affiliated-with",
    ),
    pytest.param(
        "Arbor Cable Corp agreed to buy a cable television system in Ohio from Maple Media Inc for 15 mln dlrs.",
        [(["Arbor Cable Corp"], "Maple Media Inc", {"type": "acquisition", "amount": 15e6})],
        id="unnamed-asset-from-owner",
    ),
    pytest.param(
        "Tamarack Industries said it plans to sell its Birchwood Tools unit, Cedar Hardware Ltd and other businesses.",
        [
            ([], "Birchwood Tools", {"type": "divestiture", "seller": "Tamarack Industries"}),
            ([], "Cedar Hardware Ltd", {"type": "divestiture", "seller": "Tamarack Industries"}),
        ],
        id="several-units-sold",
    ),
    pytest.param(
        "Regulators rejected the merger of Hazel Railroad and Juniper Railroad last year.",
        [(["Hazel Railroad"], "Juniper Railroad", {"type": "merger", "status": "terminated"})],
        id="merger-of-two",
    ),
    pytest.param(
        "Fenwick Corp said it reduced its holding in Garnet Mining Ltd to 3 pct from 8 pct.",
        [([], "Garnet Mining Ltd", {"type": "divestiture", "seller": "Fenwick Corp", "stake_pct": 3.0})],
        id="holder-is-not-target",
    ),
    pytest.param(
        "Redwood Platforms Inc. agreed to buy Sequoia Labs. Redwood said the purchase would close in June.",
        [(["Redwood Platforms Inc."], "Sequoia Labs", {"type": "acquisition"})],
        id="alias-fullest-name",
    ),
    pytest.param(
        "Quarry Press Inc received a 40 dlrs a share bid from Falcon Media Corp last week. Falcon's bid followed an earlier 31 dlrs a share bid by Ellis Crane.",
        [(["Ellis Crane"], "Quarry Press Inc", {"type": "acquisition", "status": "proposed"})],
        id="bid-by-party-target-bid-for-before",
    ),
    pytest.param(
        "Brant Oil Co and Larch Energy Corp said regulators cleared Larch's proposed 21.50 dlr per share cash acquisition of Brant.",
        [(["Larch Energy Corp"], "Brant Oil Co", {"type": "acquisition"})],
        id="possessor-before-price",
    ),
    pytest.param(
        "Kestrel Mills Inc was acquired last year in a leveraged buyout by the New York firm of Hollis Grant and Co.",
        [(["Hollis Grant and Co"], "Kestrel Mills Inc", {"type": "acquisition", "status": "completed"})],
        id="firm-of-party",
    ),
    pytest.param(
        "Moody's may lower Tern Corp's rating because a partnership affiliated with Osprey Inc and Heron Capital made a 900 mln dlr offer to acquire Tern.",
        [
            (
                ["Osprey Inc", "Heron Capital"],
                "Tern Corp",
                {"type": "acquisition", "status": "proposed", "amount": 900e6},
            )
        ],
        id="group-members-all-buyers",
    ),
    pytest.param(
        "Valley Federal Savings said its directors approved a letter of intent to acquire Ridge Savings Bank.",
        [(["Valley Federal Savings"], "Ridge Savings Bank", {"type": "acquisition", "status": "agreed"})],
        id="letter-of-intent-directors",
    ),
    pytest.param(
        "Tamarack Industries said it plans to sell its Birch and Fowler tool business, Cedar Hardware Ltd, the Dunmore boat operations and other units.",
        [
            ([], "Birch and Fowler", {"type": "divestiture", "seller": "Tamarack Industries"}),
            ([], "Cedar Hardware Ltd", {"type": "divestiture", "seller": "Tamarack Industries"}),
            ([], "Dunmore", {"type": "divestiture", "seller": "Tamarack Industries"}),
        ],
        id="units-listed-after-a-two-name-business",
    ),
    pytest.param(
        "Tamsin Corp made a tender offer for Alder Mills Inc in March. By April 2, Osgood Holdings Plc had acquired more than 60 pct of the stock.",
        [(["Osgood Holdings Plc"], "Alder Mills Inc", {"stake_pct": 60.0})],
        id="stake-of-the-company-bid-for",
    ),
    pytest.param(
        "Pell Partners said it could raise its offer for Quarry Press Inc to 92.50 dlrs under certain conditions.",
        [(["Pell Partners"], "Quarry Press Inc", {"amount": None, "price_per_share": 92.5})],
        id="small-bare-amount-is-a-share-price",
    ),
    pytest.param(
        "Halden Systems Inc said it bought Tapia Corp's Medline unit for an undisclosed sum.",
        [(["Halden Systems Inc"], "Medline", {"type": "acquisition", "seller": "Tapia Corp", "status": "completed"})],
        id="bought-a-named-unit-owner-sells",
    ),
    pytest.param(
        "Halden Corp said it may seek control of Brisco Inc.",
        [(["Halden Corp"], "Brisco Inc", {"type": "acquisition", "status": "rumored"})],
        id="may-seek-control",
    ),
    pytest.param(
        "Halden Corp gained control of Brisco Inc last year.",
        [(["Halden Corp"], "Brisco Inc", {"type": "acquisition", "status": "completed"})],
        id="gained-control",
    ),
    pytest.param(
        "Brellin Health has raised $30 million in a Series B round led by Ostara Ventures, with participation from Calder Capital and Pinewood Partners.",
        [
            (
                ["Ostara Ventures", "Calder Capital", "Pinewood Partners"],
                "Brellin Health",
                {"type": "investment", "round": "Series B", "amount": 30e6},
            )
        ],
        id="round-lead-and-participants",
    ),
    pytest.param(
        "Kestrava Robotics raised $140 million in a Series C funding round. The round was led by Lodestar Capital, with participation from Birchline Ventures.",
        [(["Lodestar Capital", "Birchline Ventures"], "Kestrava Robotics", {"round": "Series C", "amount": 140e6})],
        id="round-investors-in-the-next-sentence",
    ),
    pytest.param(
        "Nimbus Labs closed a $12 million seed round. Existing investors Harrow Fund and Tessel Capital also took part.",
        [(["Harrow Fund", "Tessel Capital"], "Nimbus Labs", {"round": "Seed"})],
        id="round-investors-also-took-part",
    ),
    pytest.param(
        "Kelso Foods agreed to buy Arden Bakeries Ltd for £450m.",
        [(["Kelso Foods"], "Arden Bakeries Ltd", {"amount": 450e6, "currency": "GBP", "status": "agreed"})],
        id="scale-letter-before-full-stop",
    ),
    pytest.param(
        "Arden Bakeries Ltd rejected a $40-a-share takeover proposal from Kelso Foods Inc.",
        [(["Kelso Foods Inc"], "Arden Bakeries Ltd", {"status": "proposed", "price_per_share": 40.0})],
        id="target-rejects-offer-stays-proposed",
    ),
    pytest.param(
        "Dellon Bank and Farrow Financial said on Monday they agreed to merge.",
        [(["Dellon Bank"], "Farrow Financial", {"type": "merger", "status": "agreed"})],
        id="they-agreed-to-merge",
    ),
    pytest.param(
        "Tamsin Group plc has agreed to sell its insurance division, Tamsin Cover, to Wexford Re Ltd for £1.2bn.",
        [(["Wexford Re Ltd"], "Tamsin Cover", {"seller": "Tamsin Group plc", "amount": 1.2e9})],
        id="unit-named-after-its-parent",
    ),
    pytest.param(
        "Brellin Health raised $30 million in new funding from Ostara Ventures and Calder Capital.",
        [(["Ostara Ventures", "Calder Capital"], "Brellin Health", {"type": "investment", "amount": 30e6})],
        id="funding-from-investors-under-the-amount",
    ),
    pytest.param(
        "Harlow Dynamics Inc. agreed to acquire Quenby Software Corp. for $38.50 per share in cash, valuing the company at about $2.4 billion.",
        [
            (
                ["Harlow Dynamics Inc."],
                "Quenby Software Corp.",
                {"amount": 2.4e9, "price_per_share": 38.5, "valuation": 2.4e9, "status": "agreed"},
            )
        ],
        id="takeover-valued-at-is-its-amount",
    ),
    pytest.param(
        "Orion Holdings invested $2 billion for a 30% stake in Helix Labs, valuing the startup at $6.7 billion.",
        [
            (
                ["Orion Holdings"],
                "Helix Labs",
                {"type": "investment", "amount": 2e9, "stake_pct": 30.0, "valuation": 6.7e9},
            )
        ],
        id="invested-for-a-stake-in",
    ),
    pytest.param(
        "An investor group led by Carl Vance said it owns 8.9 pct of Osgood Co.",
        [(["Carl Vance"], "Osgood Co", {"type": "investment", "stake_pct": 8.9, "status": "completed"})],
        id="group-led-by-owns-a-stake",
    ),
    pytest.param(
        "Harrow Partners said it acquired 9.5 pct of Osgood Mills Inc last week. The concern, which comprises Lyle Fund and Lyle Fund II, said it bought the stake for 12 mln dlrs.",
        [(["Lyle Fund", "Lyle Fund II"], "Osgood Mills Inc", {"stake_pct": 9.5, "amount": 12e6})],
        id="the-stake-told-before",
    ),
    pytest.param(
        "A tender offer of Harrow Textiles Ltd for Corbin Mills Inc is still open.",
        [(["Harrow Textiles Ltd"], "Corbin Mills Inc", {"type": "acquisition", "status": "proposed"})],
        id="offer-of-bidder-for-target",
    ),
    pytest.param(
        "Hermans Health has landed €2.5 million of seed funding backed by Ashby Ventures and Tamsett Capital.",
        [
            (
                ["Ashby Ventures", "Tamsett Capital"],
                "Hermans Health",
                {"amount": 2.5e6, "currency": "EUR", "round": "Seed"},
            )
        ],
        id="funding-backed-by",
    ),
    pytest.param(
        "Hermans Health closed a $48 million Series C round co-led by Ashby Ventures and Tamsett Capital.",
        [(["Ashby Ventures", "Tamsett Capital"], "Hermans Health", {"round": "Series C"})],
        id="round-co-led-by",
    ),
    pytest.param(
        "Hermans Health raised $48 million in Series C funding led by Ashby Ventures and joined by Tamsett Capital.",
        [(["Ashby Ventures", "Tamsett Capital"], "Hermans Health", {"round": "Series C"})],
        id="round-led-and-joined-by",
    ),
    pytest.param(
        "Hermans Health collected $48 million in a Series C round led by Ashby Ventures, with earlier backers Tamsett Capital and Orrin Fund also participating.",
        [(["Ashby Ventures", "Tamsett Capital", "Orrin Fund"], "Hermans Health", {"round": "Series C"})],
        id="round-with-investors-participating",
    ),
    pytest.param(
        "Halcott Capital closes C$40 million investment in Brennic Solar.",
        [(["Halcott Capital"], "Brennic Solar", {"type": "investment", "amount": 40e6, "currency": "CAD"})],
        id="closes-an-investment-in",
    ),
    pytest.param(
        "Halcott Group today announced the acquisition of Tolland Software for $50 million.",
        [(["Halcott Group"], "Tolland Software", {"type": "acquisition", "amount": 50e6})],
        id="announced-the-acquisition-of",
    ),
    pytest.param(
        "Alvorada Energia SA said its €4.4 billion takeover offer for Spanish group Riberal Renovables SA had lapsed.",
        [
            (
                ["Alvorada Energia SA"],
                "Riberal Renovables SA",
                {"amount": 4.4e9, "currency": "EUR", "status": "terminated"},
            )
        ],
        id="offer-for-a-described-company-lapsed",
    ),
    pytest.param(
        "Dunmore Bank and Feltham Trust said they had terminated their merger.",
        [(["Dunmore Bank"], "Feltham Trust", {"type": "merger", "status": "terminated"})],
        id="they-terminated-their-merger",
    ),
    pytest.param(
        "Dunmore Bank and Feltham Trust have called off their merger.",
        [(["Dunmore Bank"], "Feltham Trust", {"type": "merger", "status": "terminated"})],
        id="called-off",
    ),
    pytest.param(
        "Dunmore Bank agreed to acquire the payments business of Feltham Trust for $2 billion.",
        [(["Dunmore Bank"], "Feltham Trust's payments business", {"amount": 2e9, "status": "agreed"})],
        id="the-business-of-a-company",
    ),
    pytest.param(
        "Halcott agreed to buy Tolland Freight in a deal worth $1.9 billion.",
        [(["Halcott"], "Tolland Freight", {"amount": 1.9e9})],
        id="in-a-deal-worth",
    ),
    pytest.param(
        "Halcott agreed to buy Tolland Freight in a transaction valued at about $1.9 billion.",
        [(["Halcott"], "Tolland Freight", {"amount": 1.9e9, "approximate": True})],
        id="in-a-transaction-valued-at",
    ),
    pytest.param(
        "Tolland Industries agreed to sell its water business, Aquanor Systems, for $300 million.",
        [([], "Aquanor Systems", {"type": "divestiture", "seller": "Tolland Industries"})],
        id="unit-named-after-a-comma",
    ),
    pytest.param(
        "Tolland Holding sold a 9.5% stake in Brennic Pumpen AG, which reduces Tolland's holding to 20.5%.",
        [([], "Brennic Pumpen AG", {"type": "divestiture", "seller": "Tolland Holding", "stake_pct": 20.5})],
        id="holding-after-in-a-relative-clause",
    ),
    pytest.param(
        "Halcott Electronics said its Board of Directors resolved to acquire all shares of Brennic Imaging.",
        [(["Halcott Electronics"], "Brennic Imaging", {"type": "acquisition"})],
        id="board-of-directors-acts-for-the-company",
    ),
    pytest.param(
        "British insurer Aldwick Insurance plc and Bermuda-based reinsurer Marrow Re Ltd said on Tuesday they had terminated their planned $5.6 billion merger.",
        [(["Aldwick Insurance plc"], "Marrow Re Ltd", {"type": "merger", "status": "terminated", "amount": 5.6e9})],
        id="place-based-is-not-a-party",
    ),
    pytest.param(
        "Maplehurst Foods Inc. said its board had turned down an unsolicited C$27-per-share cash proposal from Quebec-based holding company Lacroix-Verdun Holdings.",
        [(["Lacroix-Verdun Holdings"], "Maplehurst Foods Inc.", {"status": "proposed", "price_per_share": 27.0})],
        id="board-turned-down-proposal-from",
    ),
    pytest.param(
        "German drug maker Osterfeld AG is considering a takeover offer for Spanish rival Belmira Pharma SA.",
        [(["Osterfeld AG"], "Belmira Pharma SA", {"status": "rumored"})],
        id="considering-an-offer-for",
    ),
    pytest.param(
        "Hanul Robotics said it had closed a 30 billion won Series B round backed by Daewon Partners and Kyungsan Ventures, the venture arm of Kyungsan Electronics.",
        [
            (
                ["Daewon Partners", "Kyungsan Ventures"],
                "Hanul Robotics",
                {"amount": 30e9, "currency": "KRW", "round": "Series B"},
            )
        ],
        id="investor-described-by-its-parent",
    ),
    pytest.param(
        "Merriwether Industries Inc said it had agreed to sell its Halden Coatings business for $310 million.",
        [([], "Halden Coatings", {"type": "divestiture", "seller": "Merriwether Industries Inc", "amount": 310e6})],
        id="unit-name-untagged",
    ),
    pytest.param(
        "Merriwether Industries Inc. said it had completed the spin-off of its water technologies business, Aquanor Systems.",
        [([], "Aquanor Systems", {"type": "divestiture", "status": "completed"})],
        id="spin-off",
    ),
    pytest.param(
        "Daesan Chemical Co. is exploring a sale of its 35% stake in Ilsung Materials. Private equity firm Sejin Capital Partners is weighing an offer for the stake.",
        [(["Sejin Capital Partners"], "Ilsung Materials", {"status": "rumored", "stake_pct": 35.0})],
        id="offer-for-the-stake-told-before",
    ),
    pytest.param(
        "Brannock Logistics raised its hostile offer for Yarrowby Freight Corp to $41 a share. Brannock already owns 6.2% of Yarrowby's shares.",
        [
            (
                ["Brannock Logistics"],
                "Yarrowby Freight Corp",
                {"stake_pct": None, "price_per_share": 41.0, "status": "proposed"},
            )
        ],
        id="old-holding-is-not-the-stake",
    ),
    pytest.param(
        "Pellucid Software Inc. and Arvanta Systems Corp. agreed to merge. Pellucid shareholders will own 55% of the combined company.",
        [(["Pellucid Software Inc."], "Arvanta Systems Corp.", {"type": "merger", "stake_pct": None})],
        id="ownership-split-is-not-a-stake",
    ),
    pytest.param(
        "Dunmore Shipping invested $50 million in Feltham Logistics Corp. The money will fund new ships.",
        [(["Dunmore Shipping"], "Feltham Logistics Corp.", {"type": "investment", "amount": 50e6})],
        id="sentence-ending-in-corp",
    ),
]

NOT_DEALS = [
    pytest.param("Redwood Platforms will spend $65 billion on data centers this year.", id="capex"),
    pytest.param("Acme Corp reported revenue of $3 billion for the quarter.", id="revenue"),
    pytest.param("Acme Corp signed a supply contract with Widget Inc.", id="contract"),
    pytest.param("Acme Corp will buy back 10 mln of its own shares.", id="buyback"),
    pytest.param(
        "Astera Corp expects to receive up to $1.5 billion in federal grants for the plant.",
        id="grants-are-not-a-round",
    ),
    pytest.param(
        "Under the agreement, Corbin stockholders will receive 30 dlrs cash for each share, or about 50 mln dlrs.",
        id="shareholders-paid-is-not-a-round",
    ),
    pytest.param(
        "Reading Mills said it will receive 23 mln dlrs for the properties.",
        id="money-received-for-assets-is-not-a-round",
    ),
    pytest.param("Harlow Corp denied it was in talks to buy Quenby Inc.", id="denied-talks"),
    pytest.param("Harlow Corp said it is not in talks to buy Quenby Inc.", id="not-in-talks"),
    pytest.param(
        "Corvid AG is combining its domestic and foreign chemical activities into Corvid Chemie GmbH.",
        id="reorganisation-into-own-unit",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_deal_cases(nlp, text, expected):
    rows = mention_rows(nlp(text), "t")
    for buyers, target, fields in expected:
        found = [
            row
            for row in rows
            if names_match(row["target"], target)
            and len(row["buyers"]) == len(buyers)
            and all(any(names_match(b, want) for b in row["buyers"]) for want in buyers)
        ]
        assert found, f"no deal {buyers} -> {target} in {[(r['buyers'], r['target']) for r in rows]}"
        row = found[0]
        for name, value in fields.items():
            if name in ("seller",):
                assert names_match(row[name], value), (name, row[name])
            else:
                assert row[name] == pytest.approx(value) if isinstance(value, float) else row[name] == value, (
                    name,
                    row[name],
                )


def test_fullest_name_is_reported(nlp):
    rows = mention_rows(
        nlp("Redwood Platforms Inc. agreed to buy Sequoia Labs. Redwood said the purchase would close in June."), "t"
    )
    assert rows and rows[0]["buyers"] == ["Redwood Platforms Inc."]
    assert rows[0]["buyers_norm"] == ["redwood platforms"]


@pytest.mark.parametrize("text", NOT_DEALS)
def test_not_deals(nlp, text):
    assert mention_rows(nlp(text), "t") == []


def test_confidence_is_a_probability(nlp):
    doc = nlp("Acme Corp said it agreed to acquire Widget Inc for 120 mln dlrs.")
    assert all(0.0 < deal.confidence <= 1.0 for deal in doc._.deals)


def test_headline_is_not_parsed_as_a_deal(nlp):
    text = "ACME TO BUY WIDGET\n\nAcme Corp said it agreed to acquire Widget Inc for 120 mln dlrs.\n"
    rows = mention_rows(nlp(text), "t")
    assert len(rows) == 1
    assert rows[0]["evidence"].startswith("Acme Corp said")


def test_investing_elsewhere_is_not_joining_the_round(nlp):
    doc = nlp(
        "Nimbus Labs raised $12 million in a seed round. Rivals such as Harrow Corp are also investing heavily in robotics."
    )
    rows = mention_rows(doc, "t")
    assert rows and all("Harrow Corp" not in row["buyers"] for row in rows), rows


def test_wrapped_first_line_is_not_a_title(nlp):
    """A newswire body fed without its headline: the first line is half a sentence."""
    rows = mention_rows(
        nlp("Brandt Tools Inc said it has\ncompleted the purchase of Mercer Corp for an undisclosed amount.\n"), "t"
    )
    assert [(row["buyers"], row["target"]) for row in rows] == [(["Brandt Tools Inc"], "Mercer Corp")]


def test_regulators_are_not_parties(nlp):
    doc = nlp(
        "Harrow Partners said it acquired 9.5 pct of Osgood Co. In a filing with the Securities and Exchange Commission, it said it may buy more shares."
    )
    rows = mention_rows(doc, "t")
    assert rows and all("Securities and Exchange Commission" not in row["buyers"] for row in rows), rows


def test_subject_tagged_as_a_place_is_the_company_it_begins(nlp):
    """ "Central Plains also said its directors ..." with "Central Plains" tagged GPE: the
    company named before whose name it begins."""
    from spacy.tokens import Span

    text = (
        "Central Plains Savings Association said it had a good year. Harlow Bank reported a loss. "
        "Central Plains also said its directors approved a letter of intent to acquire Ridge Savings Bank."
    )
    with nlp.select_pipes(disable=["spacy_deals_deal_relations", "spacy_deals_roles"]):
        doc = nlp(text)
    words = [t.text for t in doc]
    second = words.index("Central", 5)
    ridge = words.index("Ridge")
    doc.ents = [
        Span(doc, 0, 4, label="ORG"),
        Span(doc, words.index("Harlow"), words.index("Harlow") + 2, label="ORG"),
        Span(doc, second, second + 2, label="GPE"),
        Span(doc, ridge, ridge + 3, label="ORG"),
    ]
    doc = nlp.get_pipe("spacy_deals_deal_relations")(doc)
    rows = mention_rows(doc, "t")
    assert [(row["buyers"], row["target"]) for row in rows] == [
        (["Central Plains Savings Association"], "Ridge Savings Bank")
    ], rows


def test_a_holding_after_is_not_a_second_deal(nlp):
    rows = mention_rows(
        nlp("Tolland Holding sold a 9.5% stake in Brennic Pumpen AG, which reduces Tolland's holding to 20.5%."), "t"
    )
    assert len(rows) == 1, rows


def test_an_earlier_round_keeps_its_own_investors(nlp):
    doc = nlp(
        "Hanul Robotics closed a 30 billion won Series B round backed by Daewon Partners. "
        "The round follows a 9 billion won Series A in 2022 led by Gangbuk Capital."
    )
    rows = mention_rows(doc, "t")
    assert all("Gangbuk Capital" not in row["buyers"] or row["round"] != "Series B" for row in rows), rows
