"""Classes of error found by reading our output on unlabelled 1987 wire copy (Reuters
``acq`` articles in no dev set): a department or branches of a company sold, a
"disposition" of a unit. Every sentence was written for these tests."""

from __future__ import annotations

from pipeline.export import mention_rows


def _rows(nlp, text):
    return [(row["buyers"], row["target"], row["seller"]) for row in mention_rows(nlp(text), "t")]


def test_department_of_a_company_bought(nlp):
    rows = _rows(
        nlp,
        "Tamworth Corp said it completed the purchase of the specialty products department of Brixley Chemicals Inc.",
    )
    assert len(rows) == 1
    buyers, target, _ = rows[0]
    assert buyers == ["Tamworth Corp"]
    assert "Brixley Chemicals" in target


def test_disposition_of_a_division(nlp):
    rows = _rows(
        nlp,
        "Oster Inc said it has completed the previously announced disposition of its data systems "
        "division to an investment group led by Calder Partners Ltd.",
    )
    assert len(rows) == 1
    buyers, target, _ = rows[0]
    assert buyers == ["Calder Partners Ltd."]
    assert "Oster" in target


def test_disposition_of_a_case_is_no_deal(nlp):
    assert _rows(nlp, "The judge said the final disposition of the case would take months.") == []
