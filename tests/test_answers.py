"""Digests of normalised answers (coursekit/answers.py), what every hidden test compares."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from coursekit.answers import answer_digest, expect_digest

SALT = "00_test/q1"


def digest(value, kind, **kwargs):
    return answer_digest(value, kind=kind, salt=SALT, **kwargs)


def failure(value, expected, **kwargs) -> str:
    with pytest.raises(AssertionError) as caught:
        expect_digest(value, expected, name="x", salt=SALT, **kwargs)
    return str(caught.value)


FRAME = pd.DataFrame(
    {
        "country": ["Russia", "Armenia", "Belarus"],
        "date": pd.to_datetime(["1993-07-20", "1994-03-16", "1994-01-18"]),
        "value": [1.5, 2.0, np.nan],
        "source": ["a", "b", "c"],
    }
)


def test_a_digest_names_its_algorithm_and_hides_the_value():
    text = digest(15.0909, "number")
    assert text.startswith("sha256:") and len(text) == len("sha256:") + 64
    assert "15.09" not in text and "1509" not in text


def test_numbers_are_rounded_to_the_stated_decimals_whatever_their_type():
    expected = digest(15.0909, "number", decimals=2)
    for same in (15.09, np.float64(15.0911), np.float32(15.09), 15.094):
        assert digest(same, "number", decimals=2) == expected
    assert digest(15.1, "number", decimals=2) != expected
    assert digest(535, "number", decimals=0) == digest(np.int64(535), "number", decimals=0)
    assert digest(535, "number", decimals=0) == digest(535.0, "number", decimals=0)
    assert digest(-0.001, "number") == digest(0.0, "number")  # never "-0.00"


def test_a_choice_is_trimmed_and_lower_case():
    assert digest(" C ", "choice") == digest("c", "choice") != digest("d", "choice")


def test_a_frame_is_its_chosen_columns_row_by_row_in_any_order():
    expected = digest(FRAME, "frame", columns=["country", "date"])
    reordered = FRAME[["source", "date", "country"]].iloc[[2, 0, 1]].reset_index(drop=True)
    assert digest(reordered, "frame", columns=["country", "date"]) == expected
    changed = FRAME.assign(country=["Russia", "Armenia", "Georgia"])
    assert digest(changed, "frame", columns=["country", "date"]) != expected
    assert digest(FRAME.iloc[:2], "frame", columns=["country", "date"]) != expected


def test_extension_dtypes_and_missing_values_normalise_like_plain_ones():
    plain = digest(FRAME, "frame", columns=["country", "value"])
    typed = FRAME.astype({"country": "string", "value": "Float64"})
    assert digest(typed, "frame", columns=["country", "value"]) == plain


def test_the_salt_separates_equal_answers_of_different_tasks():
    assert answer_digest("c", kind="choice", salt="01/q4") != answer_digest(
        "c", kind="choice", salt="05/q4"
    )


def test_expect_digest_passes_the_right_answer_and_checks_the_order():
    expected = digest(FRAME, "frame", columns=["country", "date"])
    by_date = FRAME.sort_values("date")
    expect_digest(by_date, expected, name="x", kind="frame", salt=SALT,
                  columns=["country", "date"], order="date")  # fmt: skip
    message = failure(FRAME, expected, kind="frame", columns=["country", "date"], order="date")
    assert message.startswith("wrong order:") and "`date`" in message
    descending = FRAME.sort_values("date", ascending=False)
    expect_digest(descending, expected, name="x", kind="frame", salt=SALT,
                  columns=["country", "date"], order="date", descending=True)  # fmt: skip


class Anything(str):
    """Equal to everything: the classic way to fool ``==``."""

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = str.__hash__

    def strip(self, *args):
        return self

    def lower(self):
        return self


class AnyNumber(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__

    def __format__(self, spec):
        raise RuntimeError("a method of the student's object was called")


class AnyFrame(pd.DataFrame):
    def __eq__(self, other):
        return True


def test_objects_that_equal_everything_are_wrong_types():
    assert failure(Anything("c"), digest("c", "choice"), kind="choice").startswith("wrong type:")
    assert "AnyNumber" in failure(AnyNumber(15.09), digest(15.09, "number"), kind="number")
    expected = digest(FRAME, "frame", columns=["country"])
    assert failure(AnyFrame(FRAME), expected, kind="frame", columns=["country"]).startswith(
        "wrong type:"
    )
    tricked = FRAME.assign(country=[Anything(c) for c in FRAME["country"]])
    assert "Anything" in failure(tricked, expected, kind="frame", columns=["country"])
    renamed = FRAME.rename(columns={"country": Anything("country")})
    assert failure(renamed, expected, kind="frame", columns=["country"]).startswith("wrong type:")


def test_bools_and_other_types_are_not_numbers():
    for value in (True, np.bool_(True), "15.09", [15.09], pd.Series([15.09])):
        assert failure(value, digest(15.09, "number"), kind="number").startswith("wrong type:")


def test_missing_answers_and_wrong_values_say_so_without_the_answer():
    expected = digest(15.09, "number")
    assert failure(None, expected, kind="number").startswith("not answered:")
    assert failure(..., expected, kind="number").startswith("not answered:")
    message = failure(15.2, expected, kind="number")
    assert message.startswith("wrong value:") and "15.09" not in message
    assert failure(float("nan"), expected, kind="number").startswith("wrong value:")
    missing = failure(
        FRAME, digest(FRAME, "frame", columns=["country"]), kind="frame", columns=["x"]
    )
    assert missing == "wrong value: `x` is missing the column `x`"


def test_a_frame_needs_its_columns_and_a_known_kind():
    with pytest.raises(ValueError):
        digest(FRAME, "frame")
    with pytest.raises(ValueError):
        digest(1, "vector")
