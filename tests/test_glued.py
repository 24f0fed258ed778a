"""Values glued into the text are plain Python values myst-nb can format."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from coursekit.glued import plain


@pytest.mark.parametrize(
    "value, expected",
    [
        (np.float64(12.25), 12.25),
        (np.int64(5), 5),
        (pd.array([3], dtype="Int64")[0], 3),
        (7, 7),
        ("Bishkek", "Bishkek"),
        (pd.Timestamp("2023-10-12"), "12 October 2023"),
        (dt.date(2022, 12, 9), "9 December 2022"),
    ],
)
def test_values_become_plain_python(value, expected):
    result = plain(value)
    assert result == expected and type(result) is type(expected)
    assert "np." not in repr(result)


@pytest.mark.parametrize("value", [float("nan"), np.float64("nan"), pd.NA, None, True])
def test_missing_or_meaningless_values_are_refused(value):
    with pytest.raises((TypeError, ValueError)):
        plain(value)
