"""Status, type and amount of deals in Reuters-style reports (issue 17): offers carried out
or given up, passive refusals, shares a company sells of itself. Sentences written for
these tests (names and figures made up)."""

from __future__ import annotations

import pytest

from pipeline.export import mention_rows


def _deals(nlp, text):
    return [
        (row["buyers"], row["target"], row["type"], row["status"], row["amount"])
        for row in mention_rows(nlp(text), "t")
    ]


def _status(nlp, text):
    deals = _deals(nlp, text)
    assert len(deals) == 1, deals
    return deals[0][3]


@pytest.mark.parametrize(
    "text, status",
    [
        pytest.param(
            "Halvorsen Corp said it would not pursue its offer for Brantley Tool Co.",
            "terminated",
            id="not-pursue-offer",
        ),
        pytest.param(
            "Halvorsen Corp said it will not proceed with its proposed merger with Brantley Tool Co.",
            "terminated",
            id="not-proceed-merger",
        ),
        pytest.param(
            "Halvorsen Corp said it will continue to pursue its offer for Brantley Tool Co.",
            "proposed",
            id="continue-pursue-offer",
        ),
        pytest.param(
            "Halvorsen Corp said it completed its tender offer for Brantley Tool Co.",
            "completed",
            id="completed-tender-offer",
        ),
        pytest.param(
            "Halvorsen Corp said it expects to complete its tender offer for Brantley Tool Co next week.",
            "proposed",
            id="expects-to-complete-offer",
        ),
        pytest.param(
            "Halvorsen Corp said it received 2.1 mln Brantley Tool Co shares in response to its "
            "20 dlr a share tender offer.",
            "completed",
            id="shares-received-under-offer",
        ),
        pytest.param(
            "Halvorsen Corp said its offer for Brantley Tool Co was rejected by the Brantley board.",
            "proposed",
            id="rejected-by-target-passive",
        ),
        pytest.param(
            "Halvorsen Corp said its offer for Brantley Tool Co was withdrawn after it was rejected by regulators.",
            "terminated",
            id="withdrawn-offer",
        ),
    ],
)
def test_status_of_offers_carried_out_or_given_up(nlp, text, status):
    assert _status(nlp, text) == status
