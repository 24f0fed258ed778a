"""Friendly self-checks for the exercises.

The public tests of every exercise (``exercises/NN_name/tests/*.py``) call these
helpers. Each helper looks up one variable in the notebook's namespace and
either returns it or raises :class:`NotYet` with ONE line that says what to do
next, for example::

    NotYet: `members` should be a pandas DataFrame, but it is a list: build it
    with load_memberships(). (This is a self-test; your instructor may run more tests.)

A variable that is missing, still ``...`` or of the wrong type therefore never
produces a traceback wall. The helpers take the namespace as a mapping (the
``env`` that otter passes to a test, or ``globals()``) so they also work outside
otter.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

__all__ = [
    "NotYet",
    "SELF_TEST_NOTE",
    "describe",
    "expect_choice",
    "expect_defined",
    "expect_frame",
    "expect_number",
    "expect_text",
]

#: Appended to every message: public checks are not the whole grade.
SELF_TEST_NOTE = "(This is a self-test; your instructor may run more tests.)"


class NotYet(AssertionError):
    """A self-check found something still to do; the message says what.

    It subclasses ``AssertionError`` so that graders treat it as an ordinary
    failed test. Its name is what learners see in front of the message.
    """

    def __init__(self, message: str):
        message = " ".join(str(message).split())
        super().__init__(f"{message} {SELF_TEST_NOTE}")


def _code(name: str) -> str:
    return f"`{name}`"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(value: Any) -> str:
    """What ``value`` is, in words, for "should be X, but it is Y" messages."""
    if value is None:
        return "None (nothing)"
    if value is Ellipsis:
        return "still `...`"
    if isinstance(value, pd.DataFrame):
        return "a pandas DataFrame"
    if isinstance(value, pd.Series):
        return "a pandas Series"
    if isinstance(value, bool):
        return f"the truth value {value}"
    if isinstance(value, str):
        return f"the text {_short(value)!r}"
    if isinstance(value, numbers.Number):
        return f"the number {value!r}"
    if isinstance(value, (list, tuple, set, dict)):
        return f"a {type(value).__name__}"
    if callable(value):
        return "a function"
    return f"a {type(value).__name__}"


def _with_hint(message: str, hint: str) -> str:
    return f"{message}: {hint.rstrip('.')}." if hint else message + "."


def expect_defined(env: Mapping[str, Any], name: str, hint: str = "") -> Any:
    """Return ``env[name]``; say what to do if it is missing, ``...`` or None."""
    if not isinstance(env, Mapping):
        raise TypeError("expect_defined() needs the notebook namespace, e.g. globals()")
    if name not in env:
        raise NotYet(
            f"{_code(name)} is not defined yet: run the cell above first "
            f"(the one that sets {_code(name)}), and check the spelling of the name."
        )
    value = env[name]
    if value is Ellipsis:
        tip = f" (hint: {hint.rstrip('.')})" if hint else ""
        raise NotYet(
            f"{_code(name)} is still `...`: replace the `...` with your answer{tip} "
            "and run that cell again."
        )
    if value is None:
        raise NotYet(
            f"{_code(name)} is None (nothing): the code you assigned to it returned no value; "
            "a method called with inplace=True returns None, so assign the method's result instead."
        )
    return value


def expect_frame(
    env: Mapping[str, Any],
    name: str,
    *,
    columns: Sequence[str] | None = None,
    exact_columns: bool = True,
    min_rows: int = 1,
    max_rows: int | None = None,
    hint: str = "",
) -> pd.DataFrame:
    """Return ``env[name]`` if it is a DataFrame of the expected shape.

    ``columns`` lists the columns the task asks for; with ``exact_columns`` no
    other column may be present (order does not matter).
    """
    value = expect_defined(env, name, hint)
    if not isinstance(value, pd.DataFrame):
        advice = hint
        if isinstance(value, pd.Series):
            advice = (
                "select columns with a list of names, e.g. frame[['a', 'b']], "
                "which keeps a DataFrame"
            ) + (f"; {hint}" if hint else "")
        raise NotYet(
            _with_hint(
                f"{_code(name)} should be a pandas DataFrame, but it is {describe(value)}", advice
            )
        )
    if columns is not None:
        present = [str(column) for column in value.columns]
        missing = [column for column in columns if column not in present]
        if missing:
            raise NotYet(
                f"{_code(name)} is missing the column(s) {', '.join(map(_code, missing))}: "
                "keep them when you select columns (names must match exactly)."
            )
        extra = [column for column in present if column not in columns]
        if exact_columns and extra:
            raise NotYet(
                f"{_code(name)} should have only the columns "
                f"{', '.join(map(_code, columns))}, but it also has "
                f"{', '.join(map(_code, extra))}: select just the columns asked for."
            )
    if len(value) < min_rows:
        raise NotYet(
            f"{_code(name)} has {len(value)} rows but should have at least {min_rows}: check "
            "your filter (values must match the data exactly, including capital letters)."
        )
    if max_rows is not None and len(value) > max_rows:
        raise NotYet(
            f"{_code(name)} has {len(value)} rows, more than the task allows: "
            "check that you applied every condition of the filter."
        )
    return value


def expect_number(
    env: Mapping[str, Any],
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    integer: bool = False,
    hint: str = "",
) -> float:
    """Return ``env[name]`` as a float if it is one plausible number.

    ``low``/``high`` bound the plausible range (a sanity check, not the answer);
    ``integer`` asks for a whole number such as a count.
    """
    value = expect_defined(env, name, hint)
    if isinstance(value, (pd.Series, pd.DataFrame)) and value.size == 1:
        raise NotYet(
            f"{_code(name)} should be a single number, but it is {describe(value)} holding one "
            "value: take the number out, e.g. with .item() or .iloc[0]."
        )
    if isinstance(value, str):
        raise NotYet(
            f"{_code(name)} should be a number, but it is {describe(value)}: write the number "
            "without quotes, or better, compute it from the data."
        )
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise NotYet(
            _with_hint(
                f"{_code(name)} should be a single number, but it is {describe(value)}", hint
            )
        )
    number = float(value)
    if math.isnan(number):
        raise NotYet(
            f"{_code(name)} is NaN (not a number): the rows you used are probably empty; "
            "check your filter."
        )
    if integer and not number.is_integer():
        raise NotYet(
            _with_hint(
                f"{_code(name)} is {value!r}, but it should be a whole number (a count)", hint
            )
        )
    if (low is not None and number < low) or (high is not None and number > high):
        bounds = (
            f"between {low:g} and {high:g}"
            if low is not None and high is not None
            else (f"at least {low:g}" if low is not None else f"at most {high:g}")
        )
        raise NotYet(
            _with_hint(f"{_code(name)} is {number:g}, but a sensible answer is {bounds}", hint)
        )
    return number


def expect_choice(
    env: Mapping[str, Any],
    name: str,
    options: Sequence[str],
    hint: str = "",
) -> str:
    """Return the chosen option (lower case, trimmed) if it is one of ``options``."""
    value = expect_defined(env, name, hint)
    listed = ", ".join(repr(option) for option in options)
    if not isinstance(value, str):
        raise NotYet(
            f"{_code(name)} should be one letter in quotes, one of {listed}, "
            f"but it is {describe(value)}."
        )
    choice = value.strip().lower()
    if choice not in [option.lower() for option in options]:
        raise NotYet(
            f"{_code(name)} is {_short(value)!r}, which is not one of the options {listed}: "
            "write just the letter, in quotes."
        )
    return choice


def expect_text(
    env: Mapping[str, Any],
    name: str,
    *,
    min_words: int = 1,
    max_words: int | None = None,
    hint: str = "",
) -> str:
    """Return ``env[name]`` if it is text of a sensible length (a short answer)."""
    value = expect_defined(env, name, hint)
    if not isinstance(value, str):
        raise NotYet(
            _with_hint(f"{_code(name)} should be text in quotes, but it is {describe(value)}", hint)
        )
    words = len(value.split())
    if words < min_words:
        raise NotYet(
            _with_hint(f"{_code(name)} has {words} word(s); write at least {min_words}", hint)
        )
    if max_words is not None and words > max_words:
        raise NotYet(f"{_code(name)} has {words} words; keep it to at most {max_words}.")
    return value
