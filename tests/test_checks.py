"""The exercises' friendly self-checks: one line that says what to do, never a traceback."""

import numpy as np
import pandas as pd
import pytest

from coursekit.checks import (
    SELF_TEST_NOTE,
    NotYet,
    describe,
    expect_choice,
    expect_defined,
    expect_frame,
    expect_number,
    expect_text,
)


def message(call, *args, **kwargs) -> str:
    """Run a check that must fail; return its message after checking its form."""
    with pytest.raises(NotYet) as caught:
        call(*args, **kwargs)
    text = str(caught.value)
    assert "\n" not in text, "a check message must be one line"
    assert text.endswith(SELF_TEST_NOTE), "every message says it is a self-test"
    assert "instructor may run more tests" in SELF_TEST_NOTE
    return text


# Importing otter makes traitlets warn; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:Traits should be given as instances")

FRAME = pd.DataFrame({"year": [2021, 2022], "value": [1.0, 2.0], "source": ["a", "b"]})


def test_not_yet_is_an_assertion_error_so_graders_count_it_as_a_failed_test():
    assert issubclass(NotYet, AssertionError)
    assert str(NotYet("spread\n over   lines")) == f"spread over lines {SELF_TEST_NOTE}"


# --- expect_defined --------------------------------------------------------------


def test_missing_variable_says_to_run_the_cell_above():
    text = message(expect_defined, {}, "answer")
    assert text.startswith("`answer` is not defined yet: run the cell above first")


def test_ellipsis_says_to_replace_the_dots_and_passes_on_the_hint():
    text = message(expect_defined, {"mfa": ...}, "mfa", hint="start from load_migrants()")
    assert text.startswith(
        "`mfa` is still `...`: replace the `...` with your answer "
        "(hint: start from load_migrants()) and run that cell again."
    )


def test_none_explains_that_nothing_was_assigned():
    text = message(expect_defined, {"mfa": None}, "mfa")
    assert "`mfa` is None" in text and "inplace=True" in text


def test_defined_value_is_returned():
    assert expect_defined({"x": 3}, "x") == 3


def test_namespace_must_be_a_mapping():
    with pytest.raises(TypeError):
        expect_defined(["x"], "x")


# --- expect_frame ----------------------------------------------------------------


def test_frame_of_the_wrong_type_names_the_type_and_the_hint():
    text = message(
        expect_frame, {"members": [1, 2]}, "members", hint="build it with load_memberships()"
    )
    assert text.startswith(
        "`members` should be a pandas DataFrame, but it is a list: build it with load_memberships()"
    )


def test_series_gets_advice_to_select_with_a_list():
    text = message(expect_frame, {"mfa": FRAME["year"]}, "mfa")
    assert "it is a pandas Series" in text and "frame[['a', 'b']]" in text


def test_missing_and_extra_columns_are_named():
    text = message(expect_frame, {"mfa": FRAME}, "mfa", columns=["year", "period"])
    assert "missing the column(s) `period`" in text
    text = message(expect_frame, {"mfa": FRAME}, "mfa", columns=["year", "value"])
    assert "also has `source`" in text


def test_extra_columns_allowed_when_not_exact_and_order_does_not_matter():
    assert (
        expect_frame({"mfa": FRAME}, "mfa", columns=["value", "year"], exact_columns=False) is FRAME
    )
    assert expect_frame({"mfa": FRAME}, "mfa", columns=["source", "value", "year"]) is FRAME


def test_row_limits():
    text = message(expect_frame, {"mfa": FRAME.iloc[0:0]}, "mfa")
    assert "has 0 rows" in text and "capital letters" in text
    text = message(expect_frame, {"mfa": FRAME}, "mfa", max_rows=1)
    assert "has 2 rows, more than the task allows" in text


# --- expect_number ---------------------------------------------------------------


@pytest.mark.parametrize("value", [3, 3.5, np.int64(3), np.float64(3.5)])
def test_plain_and_numpy_numbers_pass_as_float(value):
    result = expect_number({"x": value}, "x")
    assert isinstance(result, float) and result == float(value)


def test_text_number_says_to_drop_the_quotes():
    text = message(expect_number, {"x": "12"}, "x")
    assert "it is the text '12'" in text and "without quotes" in text


def test_one_value_series_says_how_to_take_the_number_out():
    text = message(expect_number, {"x": pd.Series([4.0])}, "x")
    assert ".item()" in text


@pytest.mark.parametrize(
    "value, expected",
    [(True, "the truth value True"), ([1, 2], "a list"), (pd.Series([1, 2]), "a pandas Series")],
)
def test_other_types_are_described(value, expected):
    assert expected in message(expect_number, {"x": value}, "x")


def test_nan_points_to_an_empty_filter():
    assert "NaN" in message(expect_number, {"x": float("nan")}, "x")


def test_integer_and_range():
    assert "whole number" in message(expect_number, {"n": 2.5}, "n", integer=True)
    assert expect_number({"n": 4.0}, "n", integer=True) == 4.0
    text = message(
        expect_number, {"p": 250}, "p", low=-100, high=100, hint="did you multiply by 100?"
    )
    assert "between -100 and 100" in text and "did you multiply by 100?" in text
    assert "at least 0" in message(expect_number, {"p": -1}, "p", low=0)
    assert "at most 5" in message(expect_number, {"p": 6}, "p", high=5)


# --- expect_choice and expect_text ------------------------------------------------


def test_choice_is_normalised():
    assert expect_choice({"answer": " B "}, "answer", ["a", "b"]) == "b"


def test_choice_must_be_a_listed_letter_in_quotes():
    text = message(expect_choice, {"answer": 2}, "answer", ["a", "b"])
    assert "one letter in quotes, one of 'a', 'b'" in text and "the number 2" in text
    text = message(expect_choice, {"answer": "e"}, "answer", ["a", "b"])
    assert "'e', which is not one of the options" in text


def test_text_length():
    assert expect_text({"t": "two words"}, "t", min_words=2) == "two words"
    assert "should be text in quotes" in message(expect_text, {"t": 5}, "t")
    assert "write at least 3" in message(expect_text, {"t": "too short"}, "t", min_words=3)
    assert "at most 1" in message(expect_text, {"t": "too long"}, "t", max_words=1)


def test_describe_long_text_is_shortened():
    described = describe("x" * 100)
    assert described.startswith("the text 'xxx") and len(described) < 60
    assert describe(None) == "None (nothing)"
    assert describe(print) == "a function"


# --- as students see it through otter ---------------------------------------------

OTTER_TEST_FILE = """
from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 1

@test_case(points=None, hidden=False)
def test_q1(env):
    from coursekit.checks import expect_frame
    expect_frame(env, "members", columns=["country"], hint="build it with load_memberships()")
"""


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, "`members` is not defined yet: run the cell above first"),
        ({"members": ...}, "`members` is still `...`"),
        ({"members": ["Kyrgyzstan"]}, "`members` should be a pandas DataFrame, but it is a list"),
    ],
)
def test_otter_shows_one_friendly_line_and_no_traceback(env, expected):
    from otter.test_files.exception_test import ExceptionTestFile

    test_file = ExceptionTestFile.from_string(OTTER_TEST_FILE, path="q1.py")
    test_file.run(env)
    summary = test_file.summary()
    assert not test_file.passed_all
    assert "Traceback" not in summary
    feedback = [line.strip() for line in summary.splitlines() if "NotYet:" in line]
    assert len(feedback) == 1 and expected in feedback[0]
    assert SELF_TEST_NOTE in feedback[0]


def test_otter_passes_a_correct_answer():
    from otter.test_files.exception_test import ExceptionTestFile

    test_file = ExceptionTestFile.from_string(OTTER_TEST_FILE, path="q1.py")
    test_file.run({"members": pd.DataFrame({"country": ["Kyrgyzstan"]})})
    assert test_file.passed_all
