"""Deals the rules missed entirely on unseen Reuters copy (issue 17, recall of frames): a
price set before a deal noun's "of" phrase, a participle between a deal noun and its
phrases, a bid "against" its target, merger talks of a joined subject with an adverb
before the noun, a plan of merger made "with" a company, "by purchasing" sharing the
verb's subject, a target named "known as". Sentences written for these tests (names and
figures made up)."""

from __future__ import annotations

from pipeline.export import mention_rows


def _rows(nlp, text):
    return [(row["type"], tuple(row["buyers"]), row["target"], row["seller"]) for row in mention_rows(nlp(text), "t")]


def test_a_price_before_the_of_phrase_of_a_sale_noun(nlp):
    rows = _rows(
        nlp,
        "Corvill Corp said its directors approved the sale, for about 40 mln dlrs, of its plastics "
        "division to a private investment firm, Halvard Capital Inc, and senior management.",
    )
    assert [(r[1], r[3]) for r in rows] == [(("Halvard Capital Inc",), "Corvill Corp")]
    assert "plastics division" in rows[0][2]


def test_a_participle_between_the_sale_noun_and_its_phrases(nlp):
    doc = nlp("The sale announced last week of Brenton Inc to Corvill Corp is expected to close in June.")
    assert any(t.lower_ == "of" and t.head.lower_ == "announced" for t in doc)  # the parser's reading
    assert [(r["buyers"], r["target"]) for r in mention_rows(doc, "t")] == [(["Corvill Corp"], "Brenton Inc")]


def test_a_participle_of_the_deal_noun_keeps_its_agent_out(nlp):
    assert _rows(nlp, "The sale announced by Corvill Corp yesterday was expected.") == []


def test_a_hostile_bid_against_its_target(nlp):
    rows = _rows(nlp, "The case involved a hostile takeover bid by Corvill Corp against Brenton Inc, based in Ohio.")
    assert rows == [("acquisition", ("Corvill Corp",), "Brenton Inc", None)]


def test_merger_negotiations_of_a_joined_subject_after_an_adverb(nlp):
    doc = nlp("Corvill Corp and Brenton Inc said they terminated their previously announced merger negotiations.")
    rows = mention_rows(doc, "t")
    assert [(r["type"], r["buyers"], r["target"], r["status"]) for r in rows] == [
        ("merger", ["Corvill Corp"], "Brenton Inc", "terminated")
    ]


def test_an_agreement_and_plan_of_merger_with_a_company(nlp):
    rows = _rows(nlp, "Corvill Corp signed an agreement and plan of merger with Brenton Inc.")
    assert [(r[0], r[1]) for r in rows] == [("merger", ("Corvill Corp",))]
    assert rows[0][2].startswith("Brenton Inc")


def test_by_purchasing_shares_the_subject_of_the_verb_it_modifies(nlp):
    rows = _rows(
        nlp,
        "Corvill Corp said it would raise its holdings by purchasing the 40 pct interest in Farrow Inc "
        "held by Brenton Inc for 20 mln dlrs.",
    )
    assert rows == [("investment", ("Corvill Corp",), "Farrow Inc", "Brenton Inc")]


def test_by_doing_takes_the_subject_nearest_its_verb(nlp):
    rows = _rows(nlp, "Strategic Outlook: By investing heavily in Tessaly Labs, Orsino Corp can secure rare data.")
    assert [r[1] for r in rows] == [("Orsino Corp",)]


def test_a_target_named_after_known_as(nlp):
    rows = _rows(
        nlp,
        "Corvill Corp said it had agreed terms to acquire a group of companies collectively known as the Farrow Group.",
    )
    assert [(r[1], r[2]) for r in rows] == [(("Corvill Corp",), "Farrow Group")]


def test_a_holding_bought_as_the_means_is_a_holding_in_the_company_of_the_change(nlp):
    rows = _rows(
        nlp,
        "Corvill Corp doubled its ownership in Farrow Inc in January by purchasing 30.5 pct interest "
        "held by the Brenton Cos for 320 mln dlrs.",
    )
    assert [(r[1], r[2]) for r in rows] == [(("Corvill Corp",), "Farrow Inc")]
    assert rows[0][3] is not None and rows[0][3].startswith("Brenton")
