"""Person roles on hand-made sentences."""

from __future__ import annotations

import pytest

from pipeline.export import role_rows
from pipeline.names import names_match, titles_match

CASES = [
    pytest.param("Jane Porter, chief executive of Lumen Analytics, said the plan was on track.", ("Jane Porter", "CEO", "Lumen Analytics"), id="person-title-of-org"),
    pytest.param("Lumen Analytics CEO Jane Porter declined to comment.", ("Jane Porter", "CEO", "Lumen Analytics"), id="org-title-person"),
    pytest.param("Ridgeway Securities analyst Tom Becker said the shares were cheap.", ("Tom Becker", "analyst", "Ridgeway Securities"), id="org-analyst-person"),
    pytest.param("Lumen Analytics was founded in 2019 by Jane Porter, who was 24 at the time.", ("Jane Porter", "founder", "Lumen Analytics"), id="founded-by"),
    pytest.param("The deal was announced by analyst Tom Becker of Ridgeway Securities on Monday.", ("Tom Becker", "analyst", "Ridgeway Securities"), id="title-person-of-org"),
    pytest.param("Harold Vance, currently chairman of the board of Tidewater Savings Bank, will retire.", ("Harold Vance", "chairman", "Tidewater Savings Bank"), id="chairman-of-the-board-of"),
    pytest.param("Stone Valley Corp said President Chairman Kim Ode will lead the merged bank.", ("Kim Ode", "chairman", "Stone Valley Corp"), id="title-inside-person-span"),
    pytest.param("Brightline Corp Chief Executive Officer Dana Ruiz said the deal was good.", ("Dana Ruiz", "CEO", "Brightline Corp"), id="capitalised-title-between-org-and-person"),
    pytest.param("Nadia Park co-founded Quill Robotics with Ben Ode in 2019.", ("Ben Ode", "co-founder", "Quill Robotics"), id="co-founded-with"),
    pytest.param(
        "Osgood Corp chairman Paul\nReynolds said the board would study\nthe offer from a group of investors.\n    Reynolds Metals shares fell.",
        ("Paul Reynolds", "chairman", "Osgood Corp"),
        id="name-wrapped-across-lines",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_role_cases(nlp, text, expected):
    person, title, org = expected
    rows = role_rows(nlp(text), "t")
    assert any(
        names_match(r["person"], person) and titles_match(r["title"], title) and names_match(r["org"], org)
        for r in rows
    ), rows


def test_no_role_without_a_title(nlp):
    assert role_rows(nlp("Jane Porter met Tom Becker at Lumen Analytics on Monday."), "t") == []
