"""Grading rules, in plain Python."""

import pytest

from coursekit.quiz import grade, parse_number
from coursekit.quiz.model import parse_quiz
from quiz_samples import PARAMS, valid


@pytest.fixture(scope="module")
def questions():
    return {q.id: q for q in parse_quiz(valid(), "sample.yml", PARAMS).questions}


def test_single(questions):
    q = questions["pick-one"]
    right = grade(q, "a")
    assert right.correct and right.messages[0] == "Correct." and "Yes" in right.messages[1]
    wrong = grade(q, "b")
    assert not wrong.correct and wrong.messages == ("Not quite.", "No, because.")
    assert grade(q, "c").messages == ("Not quite.",)
    assert "Choose one answer" in grade(q, None).messages[0]


def test_multiple(questions):
    q = questions["pick-all"]
    assert grade(q, ["x", "y"]).correct
    partial = grade(q, ["x"])
    assert not partial.correct
    assert partial.messages == (
        "Not quite.",
        "X is in.",
        "At least one correct answer is not selected yet.",
    )
    extra = grade(q, ["x", "y", "z"])
    assert not extra.correct and "Z is out." in extra.messages
    assert "At least one correct" not in " ".join(extra.messages)
    assert "Select at least one" in grade(q, []).messages[0]


def test_numeric(questions):
    q = questions["how-many"]
    for text in ("5", "5.5", "4.5", " 5 ", "+5.0"):
        assert grade(q, text).correct, text
    assert grade(q, "4.4").messages == ("Not quite. Too low.", "More.")
    assert grade(q, "5.6").messages == ("Not quite. Too high.", "Fewer.")
    for text in ("five", "", "5 ha", None, "1e1"):
        result = grade(q, text)
        assert not result.correct and "Enter a number (in hectares)" in result.messages[0]


def test_parse_number_allows_grouping_only():
    assert parse_number("1,234.5") == 1234.5
    assert parse_number("2 300") == 2300
    assert parse_number(".5") == 0.5
    assert parse_number("1.2.3") is None
    assert parse_number("abc") is None


def test_ordering(questions):
    q = questions["in-order"]
    assert grade(q, ["first", "second", "third", "fourth"]).correct
    result = grade(q, ["second", "first", "third", "fourth"])
    assert not result.correct
    assert result.messages == ("Not quite. 2 of 4 items are in the right place.",)
    assert "different position" in grade(q, ["first", "first", "third", "fourth"]).messages[0]
