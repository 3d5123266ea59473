"""Fields of matched deals (status, amount, currency) in shapes found on the open silver
and unlabelled Reuters texts (through the model, on sentences written for these tests)."""

from __future__ import annotations

import pytest

from pipeline.export import mention_rows


def _deal(nlp, text, target):
    rows = [row for row in mention_rows(nlp(text), "t") if target in (row["target"] or "")]
    assert rows, f"no deal of {target} in {mention_rows(nlp(text), 't')}"
    return rows[0]


@pytest.mark.parametrize(
    "text, target, status",
    [
        pytest.param(
            "Halvard Group Plc said its tender offer for all the shares of Ostrava Mills Corp expired at "
            "midnight and that it had accepted about 3.1 mln shares at 44 dlrs each.",
            "Ostrava",
            "completed",
            id="offer-expired-with-shares-taken-up",
        ),
        pytest.param(
            "Halvard Group Plc said its tender offer for all the shares of Ostrava Mills Corp expired at midnight.",
            "Ostrava",
            "terminated",
            id="offer-expired-alone",
        ),
        pytest.param(
            "In the tender offer blocked by the court, Trelawny Holdings Inc offered to buy 400,000 shares "
            "of Pemberly Fund Corp for 21 dlrs a share.",
            "Pemberly",
            "terminated",
            id="offer-blocked-participle",
        ),
        pytest.param(
            "Corvina Inc and Latchford Corp said they called off their plans for Corvina to buy the 12 pct "
            "interest in Latchford that it does not already own.",
            "Latchford",
            "terminated",
            id="called-off-plans-for-x-to-buy",
        ),
        pytest.param(
            "Brenton Group started the friendly bid in the wake of its unsuccessful battle to take over "
            "Marlowe Stores Plc.",
            "Marlowe",
            "terminated",
            id="unsuccessful-battle-to-take-over",
        ),
        pytest.param(
            "Earlier this week, Dunmore Corp announced the sale of its valve division to Farrow Industries Inc.",
            "Dunmore",
            "agreed",
            id="seller-announced-the-sale",
        ),
        pytest.param(
            "Ormond Trust Corp said it has received regulatory approvals for its previously announced "
            "acquisition of Dalby Financial Corp.",
            "Dalby",
            "agreed",
            id="approvals-for-the-acquisition",
        ),
        pytest.param(
            "Investor Wendell Marsh said he has an investment in Pricor Co amounting to less than five pct "
            "of the company's stock.",
            "Pricor",
            "completed",
            id="has-an-investment-in",
        ),
    ],
)
def test_status_told_around_the_deal(nlp, text, target, status):
    assert _deal(nlp, text, target)["status"] == status


def test_offer_rejected_by_its_target_stays_proposed(nlp):
    text = "Pellor Corp said its board rejected the offer by Kestrel Partners to buy Pellor for 18 dlrs a share."
    assert _deal(nlp, text, "Pellor")["status"] == "proposed"


@pytest.mark.parametrize(
    "text, target, amount, currency",
    [
        pytest.param(
            "Harrow Foods Inc said it entered into a definitive agreement to sell Harrow of Ohio and Harrow "
            "Canada Limited to Stanwick Holdings Inc. Harrow said the purchase price will consist of 17 mln "
            "dlrs in cash and 10 pct redeemable preferred stock.",
            "Harrow",
            17e6,
            "USD",
            id="price-consists-of-parts",
        ),
        pytest.param(
            "Vantor AG is in talks to acquire a majority stake in Spanish biotech firm Lumex. Vantor is "
            "considering paying about 300 million euros ($340 million) for a controlling stake in the "
            "Madrid-based company, the people said.",
            "Lumex",
            3e8,
            "EUR",
            id="considering-paying-later",
        ),
        pytest.param(
            "Ulmar Foods Pte Ltd has sold its entire 52% equity interest in Veranda Labs Pte Ltd to Sipra NV "
            "for US$6.2mil (RM27.4mil) cash.",
            "Veranda",
            6.2e6,
            "USD",
            id="sign-written-onto-the-number",
        ),
        pytest.param(
            "TransPipe Ltd yesterday announced a 4.3 billion dlr Canadian (3.22 billion U.S.) bid for all of "
            "Dormo Petroleum's assets.",
            "Dormo",
            4.3e9,
            "CAD",
            id="country-after-the-dollar-noun",
        ),
    ],
)
def test_amount_told_around_the_deal(nlp, text, target, amount, currency):
    deal = _deal(nlp, text, target)
    assert deal["amount"] == pytest.approx(amount) and deal["currency"] == currency


def test_price_that_only_includes_a_part_is_no_amount(nlp):
    text = (
        "Corvel Inc agreed to buy Dantry Corp from Ellery Group. The price includes 4 mln dlrs of debt that "
        "Corvel will assume."
    )
    assert _deal(nlp, text, "Dantry")["amount"] is None


def test_deal_dated_by_an_earlier_year_is_done(nlp):
    doc = nlp.make_doc(
        "The rules stem from charges that Halden Corp's 1981 acquisition of Ferris Optics Co reduced competition."
    )
    doc._.doc_date = "1987-04-02"
    rows = mention_rows(nlp(doc), "t")
    assert [row["status"] for row in rows if "Ferris" in (row["target"] or "")] == ["completed"]


def test_scale_joined_by_a_hyphen(nlp):
    text = "Blackmoor Ltd. has agreed to buy Cyrano Inc., a California security company, for US$1.4-billion in cash."
    deal = _deal(nlp, text, "Cyrano")
    assert deal["amount"] == pytest.approx(1.4e9) and deal["currency"] == "USD"


def test_stake_told_as_the_equivalent_of_shares(nlp):
    text = (
        "Harlan Associates L.P., a Chicago investment adviser, said it raised its stake in Brisco Transport Inc "
        "to the equivalent of 412,300 shares, or 8.7 pct of the total outstanding, from 301,900 shares, or 6.2 pct."
    )
    assert _deal(nlp, text, "Brisco")["stake_pct"] == pytest.approx(8.7)


def test_consideration_on_the_verb_of_the_deal_noun(nlp):
    text = (
        "Rochfield Telephone Corp said it completed its acquisition of the Entwistle Telephone Co, based in "
        "Lancaster, Pa., in exchange for stock valued at 24.1 mln dlrs."
    )
    assert _deal(nlp, text, "Entwistle")["amount"] == pytest.approx(24.1e6)
