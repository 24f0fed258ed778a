"""Column types: each cell's text becomes a value, or a reason a learner can act on."""

from datetime import date

import pytest

from coursekit.columns import parse_cell, stated_date, stated_number


@pytest.mark.parametrize(
    "text, kind, value",
    [
        ("  Bishkek ", "str", "Bishkek"),
        ("", "str?", None),
        ("2023", "int", 2023),
        ("-17.5", "float", -17.5),
        ("1e3", "float?", 1000.0),
        ("2023-10-12", "date", date(2023, 10, 12)),
        ("2023-10", "partial_date", date(2023, 10, 1)),
        ("HTTPS://24.kg/english/1", "url", "HTTPS://24.kg/english/1"),
        ("unverified", "confidence", "unverified"),
        ("PARTLY", "verdict", "PARTLY"),
        ("~30 (close to)", "stated_number", "~30 (close to)"),
        ("(before 2022)", "stated_date?", "(before 2022)"),
    ],
)
def test_valid_cells_parse(text, kind, value):
    assert parse_cell(text, kind) == value


@pytest.mark.parametrize(
    "text, kind, reason",
    [
        ("", "float", "value is empty but this column is required"),
        ("12 bn", "float", "'12 bn' is not a number"),
        ("nan", "float", "'nan' is not a finite number"),
        ("-inf", "float?", "'-inf' is not a finite number"),
        ("3.0", "int", "'3.0' is not a whole number"),
        ("12/10/2023", "date", "'12/10/2023' is not a date (expected YYYY-MM-DD)"),
        (
            "2023-02-30",
            "partial_date",
            "'2023-02-30' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        (
            "see above",
            "url",
            "'see above' is not a web address (it must start with http:// or https://)",
        ),
        ("javascript:alert(1)", "url", "is not a web address"),
        ("ftp://example.org/x", "url", "is not a web address"),
        ("https://example.org/a b", "url", "is not a web address"),
        ("https:///path-only", "url", "is not a web address"),
        (
            "sure",
            "confidence",
            "'sure' is not a confidence level (expected one of high, medium, low, unverified)",
        ),
        ("TRUE", "verdict", "'TRUE' is not a verdict"),
    ],
)
def test_invalid_cells_give_a_reason(text, kind, reason):
    with pytest.raises(ValueError) as error:
        parse_cell(text, kind)
    assert reason in str(error.value)


def test_stated_number_grammar():
    assert stated_number("596253") == 596253
    assert stated_number("~ 30") == 30
    assert stated_number("2.5 (of ~7bn GDP)") == 2.5
    assert stated_number("1200691 -> 467000") is None
    assert stated_number("1200691->467000 (registrations)") is None
    assert stated_number("(more than a million)") is None
    for text in ("more than 1000000", "1,000,000", "1000000 persons", "~", "(unclosed", "1 -> ~2"):
        with pytest.raises(ValueError, match="is not a stated number: write a number"):
            stated_number(text)


def test_stated_date_grammar():
    assert stated_date("2003-09-05 (unverified recollection)") == date(2003, 9, 5)
    assert stated_date("2024-10-25 (deposit); Rada vote 2024-08-21") == date(2024, 10, 25)
    assert stated_date("2012") == date(2012, 1, 1)
    assert stated_date("(2020, unverified recollection)") is None
    for text in ("before 2022", "2003-09-05 unverified", "Sept 2003", "2003/09/05"):
        with pytest.raises(ValueError, match="is not a stated date: write a date"):
            stated_date(text)
