"""Turn the runner's output (untrusted bytes) into plain Python answers, or say why not.

Every field is checked: an answer becomes a real ``int``, ``float``, ``str`` or a
``pandas.DataFrame`` built here from lists of texts, numbers and dates. Nothing the
submission made, no object, class or method of its own, reaches the tests.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

MAX_ROWS, MAX_COLUMNS, MAX_TEXT, MAX_ERRORS = 10_000, 50, 10_000, 1_000
INTEGER = re.compile(r"-?\d{1,400}")
FLOAT = re.compile(r"-?(?:\d+\.\d*(?:e[-+]?\d+)?|\d+e[-+]?\d+|inf|nan)")
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:[-+]\d{2}:\d{2})?)?")


class MalformedAnswers(Exception):
    """The runner's output is not what the runner writes: the submission tampered with it."""


@dataclass
class CellError:
    cell: int
    type: str
    message: str
    line: int | None

    def describe(self) -> str:
        where = f", line {self.line}" if self.line else ""
        message = f": {self.message}" if self.message else ""
        return f"{self.type}{message}{where}"


@dataclass
class Answers:
    values: dict[str, Any] = field(default_factory=dict)  # what the tests receive
    problems: dict[str, str] = field(default_factory=dict)  # name -> why there is no value
    errors: list[CellError] = field(default_factory=list)


def _reject(constant: str):
    raise MalformedAnswers(f"unexpected {constant} in the answers")


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise MalformedAnswers(what)


def _scalar(value: Any) -> Any:
    if isinstance(value, dict):
        text = value.get("t")
        _check(set(value) == {"t"} and isinstance(text, str), "a table value of unknown form")
        _check(ISO_TIME.fullmatch(text) is not None, "a date that is not ISO 8601")
        import pandas as pd

        return pd.Timestamp(text)
    _check(value is None or type(value) in (str, int, float, bool), "a table value of unknown type")
    _check(not isinstance(value, str) or len(value) <= MAX_TEXT, "a text that is too long")
    return value


def _frame(entry: dict) -> Any:
    import pandas as pd

    columns, values = entry.get("columns"), entry.get("values")
    _check(isinstance(columns, list) and isinstance(values, list), "a table without columns")
    _check(len(columns) == len(values) <= MAX_COLUMNS, "a table with too many columns")
    _check(all(type(c) is str for c in columns), "a column name that is not text")
    _check(len(set(columns)) == len(columns), "two columns with one name")
    _check(all(isinstance(v, list) for v in values), "a column that is not a list")
    lengths = {len(v) for v in values}
    _check(len(lengths) <= 1 and all(n <= MAX_ROWS for n in lengths), "columns of unequal length")
    data = {}
    for name, column in zip(columns, values):
        cells = [_scalar(v) for v in column]
        dated = cells and all(v is None or isinstance(v, pd.Timestamp) for v in cells)
        data[name] = pd.to_datetime(pd.Series(cells, dtype=object)) if dated else cells
    return pd.DataFrame(data, columns=columns)


def _describe_unsupported(name: str, entry: dict) -> str:
    kind, why, bases = entry.get("type"), entry.get("why"), entry.get("bases")
    kind = kind if isinstance(kind, str) else "?"
    if isinstance(why, str):
        return f"wrong type: `{name}` holds {why[:120]}, which the grader does not accept"
    base = ""
    if isinstance(bases, list) and bases and all(isinstance(b, str) for b in bases):
        base = f" (a kind of {bases[0][:40]})"
    return (
        f"wrong type: `{name}` is of type {kind[:60]}{base}; an answer must be a plain number, "
        "text or pandas DataFrame"
    )


def decode(raw: bytes, names: list[str]) -> Answers:
    """The answers named ``names`` from the runner's JSON; raise :class:`MalformedAnswers`."""
    try:
        content = json.loads(raw.decode("utf-8"), parse_constant=_reject)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise MalformedAnswers(f"the answers are not JSON ({type(error).__name__})") from None
    _check(isinstance(content, dict), "the answers are not a mapping")
    errors, entries = content.get("errors"), content.get("answers")
    _check(isinstance(errors, list) and len(errors) <= MAX_ERRORS, "no list of cell errors")
    _check(isinstance(entries, dict), "no answers")
    result = Answers()
    for error in errors:
        _check(isinstance(error, dict), "a cell error of unknown form")
        cell, kind, message, line = (error.get(k) for k in ("cell", "type", "message", "line"))
        _check(type(cell) is int and isinstance(kind, str), "a cell error without its cell")
        message = message[:300] if isinstance(message, str) else ""
        line = line if type(line) is int else None
        result.errors.append(CellError(cell, kind[:80], message, line))
    for name in names:
        entry = entries.get(name)
        _check(isinstance(entry, dict), f"no entry for `{name}`")
        kind = entry.get("kind")
        if kind == "missing":
            result.problems[name] = "missing"
        elif kind == "ellipsis":
            result.values[name] = Ellipsis
        elif kind == "none":
            result.values[name] = None
        elif kind == "text":
            value = entry.get("value")
            _check(type(value) is str and len(value) <= MAX_TEXT, f"`{name}` is not text")
            result.values[name] = value
        elif kind == "number":
            text = entry.get("value")
            _check(type(text) is str, f"`{name}` is not a number")
            if INTEGER.fullmatch(text):
                result.values[name] = int(text)
            else:
                _check(FLOAT.fullmatch(text) is not None, f"`{name}` is not a number")
                result.values[name] = float(text)
        elif kind == "frame":
            result.values[name] = _frame(entry)
        elif kind == "unsupported":
            result.problems[name] = _describe_unsupported(name, entry)
        else:
            raise MalformedAnswers(f"`{name}` has an unknown kind")
    return result
