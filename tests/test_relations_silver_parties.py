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
