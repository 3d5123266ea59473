"""Name keys and the name/title matching rules of spec/deal-schema.md."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pipeline.names import name_words, names_match, norm_key, titles_match


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Meta Platforms Inc.", "meta platforms"),
        ("Harris Associates L.P.", "harris associates"),
        ("Harper and Row Publishers Inc", "harper and row publishers"),
        ("Smith & Wesson", "smith and wesson"),
        ("The Boston Co", "boston"),
        ("Ashcombe Lyle Corstiaens Inc <ALC>", "ashcombe lyle corstiaens"),
        ("Ashcombe Lyle Corstiaens, Inc.", "ashcombe lyle corstiaens"),
        ("L.E. Meyers Co Group", "le meyers"),  # several trailing suffixes
        ("Merrill Lynch and Co", "merrill lynch"),  # "& Co" leaves no dangling "and"
        ("Johnson and Johnson", "johnson and johnson"),  # a non-dangling "and" stays
        ("Dynamics Corp of America", "dynamics corp of america"),  # suffix not at the end
        ("Westermann Polymers INc", "westermann polymers"),
        ("Nestlé S.A.", "nestle"),
        ("United Jersey Bank/South", "united jersey bank south"),
        ("Hamilton-Reliance Savings Association", "hamilton reliance savings association"),
        ("  Scale   AI ", "scale ai"),
        ("Systems 4 Inc", "systems 4"),
        ("Siemens SE", "siemens"),
        ("Shell Holdings Ltd", "shell"),
        # never empty: an article or suffixes alone keep their words
        ("The Limited", "limited"),
        ("Holding Co", "holding co"),
        ("Group", "group"),
        ("The", "the"),
        ("", ""),
        (None, ""),
    ],
)
def test_norm_key(name: str | None, key: str) -> None:
    assert norm_key(name) == key


@pytest.mark.parametrize("missing", [None, pd.NA, math.nan])
def test_missing_names_have_empty_key(missing: object) -> None:
    assert norm_key(missing) == ""
    assert name_words(missing) == frozenset()


def test_non_string_name_is_an_error() -> None:
    with pytest.raises(TypeError, match="must be a string"):
        norm_key(42)  # type: ignore[arg-type]


def test_name_words() -> None:
    assert name_words("The Harbor Company") == frozenset({"harbor"})
    assert name_words("Wagner & Brown") == frozenset({"wagner", "and", "brown"})


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Meta", "Meta Platforms Inc.", True),
        ("Meta Platforms Inc.", "Meta", True),
        ("Scale", "Scale AI", True),
        ("Harris Associates L.P.", "Harris Associates LP", True),
        ("Wagner & Brown", "Wagner and Brown", True),
        ("The Harbor Company", "Harbor", True),
        ("Kestrel Mining Ltd <KMN>", "Kestrel Mining", True),
        ("Paragon Associates", "Paragon Associates II", True),
        ("Meta", "Amazon", False),
        ("Paragon Associates II", "Paragon Associates Fund", False),  # neither contains the other
        ("United Jersey Bank/South", "United Jersey Bank/Fidelity Bank", False),
        ("Smith and Wesson", "Harper and Row", False),
        (None, None, True),
        (None, "Meta", False),
        ("Meta", None, False),
        ("", None, True),  # a blank name is a missing name
        ("  ", "Meta", False),  # ... and does not match every name
    ],
)
def test_names_match(a: str | None, b: str | None, expected: bool) -> None:
    assert names_match(a, b) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("co-founder", "founder", True),
        ("founder", "co-founder", True),
        ("cofounder", "founder", True),
        ("CEO", "chief executive officer", True),
        ("C.E.O.", "Chief Executive", True),
        ("President and Chief Executive Officer", "CEO", True),
        ("president and chief executive", "president", True),
        ("CFO", "Chief Financial Officer", True),
        ("COO", "chief operating officer", True),
        ("CTO", "Chief Technology Officer", True),
        ("chair", "Chairman", True),
        ("chairwoman", "chairman", True),
        ("president", "vice president", True),
        ("former president", "president", True),
        ("director", "CTO", False),  # "cto" is inside "director" only as letters
        ("CEO", "co-founder", False),
        ("CEO", "CFO", False),
        ("analyst", "chairman", False),
        (None, None, True),
        (None, "CEO", False),
        ("CEO", "", False),
    ],
)
def test_titles_match(a: str | None, b: str | None, expected: bool) -> None:
    assert titles_match(a, b) is expected


@pytest.mark.parametrize(
    ("name", "key", "owner"),
    [
        ("Pellworth Trust's shipping unit", "pellworth trust shipping unit", "Pellworth Trust"),
        ("Tamsin Corp’s", "tamsin", "Tamsin Corp."),
        ("O'Rourke Mills Inc", "orourke mills", "O'Rourke Mills"),
    ],
)
def test_a_possessive_is_no_part_of_the_name(name: str, key: str, owner: str) -> None:
    # as the spec's scorer reads names: "X's unit" holds the words of X, so it matches X
    assert norm_key(name) == key
    assert names_match(name, owner)
