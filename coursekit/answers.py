"""Digests of normalised answers: what the exercises' hidden tests compare.

A hidden test never stores an expected value in plain text. It stores the SHA-256
digest of the normalised answer and compares the digest of the student's answer
with it::

    expect_digest(change_russia, "sha256:…", name="change_russia", kind="number",
                  salt="01_background/q3_remittance_change", decimals=2)

Normalised means: a number rounded to ``decimals`` places (a count with
``decimals=0``), a multiple-choice letter trimmed and in lower case, a table reduced
to the values of the ``columns`` that decide the task, row by row, with the rows
sorted (so that the row order is checked on its own, with ``order``). The ``salt``
(exercise and task) makes equal answers of different tasks hash differently.

Each answer must have an exact type before anything else happens: a ``float`` or
``int`` (or numpy's own number types), a ``str``, a ``pandas.DataFrame`` whose
column names and values have such types. No subclass is accepted and no method of
the student's object is called, so an object that claims to equal everything earns
nothing. A wrong type, a missing answer, a wrong value and a wrong order each fail
with a message that starts with what went wrong ("wrong type:", "not answered:",
"wrong value:", "wrong order:") and never with the expected answer.

``python3 run.py exercises`` copies the code of this module into every hidden test
function, so that a test file imports nothing that the graded notebook could have
replaced. A digest of a small answer space (a letter a-d, a count of days) can be
reversed by trying every answer, so the protection of the hidden tests is that they
are never where a submission runs (see the instructor guide); the digests make sure
that a test file, a bundle or a page that prints one gives nothing away by reading.

To author a hidden test, run the master to the task and call ``answer_digest`` on the
solution's value with the same arguments.
"""

import hashlib
import json
import math

DIGEST_PREFIX = "sha256:"
KINDS = ("number", "choice", "frame")
DEFAULT_DECIMALS = {"number": 2, "frame": 3}


def _number_types():
    """The exact number types an answer may have: Python's and numpy's own."""
    import numpy

    return (
        int,
        float,
        numpy.int8,
        numpy.int16,
        numpy.int32,
        numpy.int64,
        numpy.uint8,
        numpy.uint16,
        numpy.uint32,
        numpy.uint64,
        numpy.float16,
        numpy.float32,
        numpy.float64,
    )


def _type_name(value):
    return type(value).__name__


def _fixed(number, decimals):
    """``number`` with ``decimals`` places; never "-0.00"."""
    text = f"{number:.{decimals}f}"
    if text.startswith("-") and not text.strip("-0."):
        text = text[1:]
    return text


def _cell(value, decimals, where):
    """The canonical text of one table value (exact types only) and its sort key."""
    import pandas

    kind = type(value)
    if kind is str:
        return "s:" + value, value
    if value is None or kind is type(pandas.NaT) or kind is type(pandas.NA):
        return "na", ""
    if kind in _number_types():
        number = float(value)
        if math.isnan(number):
            return "na", ""
        return "n:" + _fixed(number, decimals), number
    if kind is pandas.Timestamp:
        text = value.isoformat()
        if text.endswith("T00:00:00"):
            text = text[: -len("T00:00:00")]
        return "t:" + text, text
    raise AssertionError(
        f"wrong type: {where} holds a value of type {_type_name(value)}; "
        "only text, numbers and dates count"
    )


def _frame_rows(value, name, columns, decimals):
    """The canonical rows of ``columns`` of an exact DataFrame, and each column's keys."""
    import pandas

    if type(value) is not pandas.DataFrame:
        raise AssertionError(
            f"wrong type: `{name}` should be a pandas DataFrame, but it is a {_type_name(value)}"
        )
    labels = list(value.columns)
    for label in labels:
        if type(label) is not str:
            raise AssertionError(
                f"wrong type: `{name}` has a column name of type {_type_name(label)}; "
                "column names must be text"
            )
    for column in columns:
        count = sum(1 for label in labels if label == column)
        if count != 1:
            problem = "is missing the column" if count == 0 else "has more than one column"
            raise AssertionError(f"wrong value: `{name}` {problem} `{column}`")
    cells = {}
    keys = {}
    for column in columns:
        pairs = [_cell(v, decimals, f"column `{column}` of `{name}`") for v in value[column]]
        cells[column] = [text for text, _ in pairs]
        keys[column] = [key for _, key in pairs]
    rows = [[cells[column][i] for column in columns] for i in range(len(value))]
    return rows, keys


def _canonical(value, name, kind, columns, decimals):
    if kind == "number":
        if type(value) not in _number_types():
            raise AssertionError(
                f"wrong type: `{name}` should be a number, but it is a {_type_name(value)}"
            )
        number = float(value)
        if math.isnan(number):
            raise AssertionError(f"wrong value: `{name}` is NaN (not a number)")
        return _fixed(number, decimals), {}
    if kind == "choice":
        if type(value) is not str:
            raise AssertionError(
                f"wrong type: `{name}` should be a letter in quotes, but it is a "
                f"{_type_name(value)}"
            )
        return value.strip().lower(), {}
    if kind == "frame":
        if not columns:
            raise ValueError("a frame answer needs the columns that decide it")
        rows, keys = _frame_rows(value, name, columns, decimals)
        return sorted(rows), keys
    raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")


def _digest_of(canonical, kind, salt, columns, decimals):
    payload = json.dumps(
        [salt, kind, list(columns or ()), decimals, canonical],
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return DIGEST_PREFIX + hashlib.sha256(payload.encode("ascii")).hexdigest()


def answer_digest(value, *, name="answer", kind, salt, columns=None, decimals=None):
    """The digest of ``value`` normalised as ``kind`` ("number", "choice" or "frame")."""
    if decimals is None:
        decimals = DEFAULT_DECIMALS.get(kind, 0)
    canonical, _ = _canonical(value, name, kind, columns, decimals)
    return _digest_of(canonical, kind, salt, columns, decimals)


def expect_digest(
    value, digest, *, name, kind, salt, columns=None, decimals=None, order=None, descending=False
):
    """Fail unless ``value`` normalises to ``digest``; with ``order``, the rows of a
    frame must also be sorted by that column (ties in any order)."""
    if value is None:
        raise AssertionError(f"not answered: `{name}` is not set")
    if value is Ellipsis:
        raise AssertionError(f"not answered: `{name}` is still `...`")
    if decimals is None:
        decimals = DEFAULT_DECIMALS.get(kind, 0)
    canonical, keys = _canonical(value, name, kind, columns, decimals)
    if _digest_of(canonical, kind, salt, columns, decimals) != digest:
        raise AssertionError(f"wrong value: `{name}` is not the expected answer")
    if order is not None:
        sequence = keys.get(order)
        if sequence is None:
            raise ValueError(f"order={order!r} must be one of the columns")
        pairs = zip(sequence, sequence[1:])
        if descending:
            ordered = all(type(a) is type(b) and a >= b for a, b in pairs)
        else:
            ordered = all(type(a) is type(b) and a <= b for a, b in pairs)
        if not ordered:
            how = "largest first" if descending else "smallest or earliest first"
            raise AssertionError(f"wrong order: sort `{name}` by `{order}`, {how}")
