"""Column types of the data files: how the text of one CSV cell becomes a value.

Every column of every dataset is declared in ``coursekit.data.DATASETS`` with
one of these types. A trailing ``?`` (``"float?"``) lets a cell be empty;
without it an empty cell is an error.

================  ==========================================  ===========================
type              a cell holds                                the loaded column holds
================  ==========================================  ===========================
``str``           any text                                    the text
``int``           a whole number: ``2023``, ``-5``            Int64
``float``         a number: ``3.5``, ``-17.5``, ``1e3``       Float64 (never nan or inf)
``date``          ``YYYY-MM-DD``                              datetime64
``partial_date``  ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``     datetime64, the first day
``url``           an ``http://`` or ``https://`` address      the text
``confidence``    ``high``, ``medium``, ``low``, ``unverified``  the text
``verdict``       one of ``VERDICTS``                         the text
``stated_number`` a number as a source states it (below)      the text, plus ``<column>_number``
``stated_date``   a date as a source states it (below)        the text, plus ``<column>_start``
================  ==========================================  ===========================

Stated values keep what a source said, hedges included, and add a parsed
column that code can compute with. Every cell must match this grammar::

    stated_number := NUMBER [REMARK]            "596253"              -> 596253
                   | "~" NUMBER [REMARK]         "~30"                 -> 30 (approximate)
                   | NUMBER "->" NUMBER [REMARK] "1200691 -> 467000"   -> empty (a change)
                   | "(" STATEMENT ")"           "(more than a million)" -> empty
    stated_date   := DATE [REMARK]              "2003-09-05 (unverified recollection)"
                                                                       -> 2003-09-05
                   | "(" STATEMENT ")"           "(before 2022)"       -> empty
    NUMBER := a plain decimal: 2.45, -17.5, 1500000 (no thousands separators, no unit)
    DATE   := YYYY, YYYY-MM or YYYY-MM-DD (read as the first day of the period)
    REMARK := a space, then "(" and any text: kept in the cell, ignored by the parsed column

A statement wholly in parentheses is qualitative: it is kept as text and its
parsed column is empty, so a plot never receives it. A change ``A -> B`` has
no single value, so its parsed column is empty too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from urllib.parse import urlsplit

CONFIDENCE_LEVELS = ("high", "medium", "low", "unverified")
#: Verdicts of the fact-check, from best supported to unsupported.
VERDICTS = ("CONFIRMED", "PARTLY", "MISLEADING", "CONTRADICTED", "UNVERIFIABLE")

_NUMBER = r"[+-]?\d+(?:\.\d+)?"
_REMARK = r"(?:\s+\(.*)?"
_STATEMENT = re.compile(r"\(.*\)", re.DOTALL)
_ONE_NUMBER = re.compile(rf"(~\s*)?({_NUMBER}){_REMARK}", re.DOTALL)
_CHANGE = re.compile(rf"{_NUMBER}\s*->\s*{_NUMBER}{_REMARK}", re.DOTALL)
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_STATED_DATE = re.compile(rf"(\d{{4}}(?:-\d{{2}}){{0,2}}){_REMARK}", re.DOTALL)

STATED_NUMBER_HELP = (
    "write a number (460000), an approximate one (~460000) or a change "
    "(1200691 -> 467000), each optionally followed by a remark in "
    "parentheses, or a statement wholly in parentheses, e.g. "
    "'(more than a million)'"
)
STATED_DATE_HELP = (
    "write a date (YYYY, YYYY-MM or YYYY-MM-DD), optionally followed by a "
    "remark in parentheses, e.g. '2003-09-05 (unverified recollection)', or a "
    "statement wholly in parentheses, e.g. '(before 2022)'"
)


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number") from None


def _number(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{text!r} is not a finite number")
    return number


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (expected YYYY-MM-DD)") from None


def partial_date(text: str) -> date | None:
    """The first day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None if not a date."""
    match = _PARTIAL_DATE.fullmatch(text)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


def _partial_date(text: str) -> date:
    parsed = partial_date(text)
    if parsed is None:
        raise ValueError(f"{text!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    return parsed


def _url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"\s", text):
        raise ValueError(f"{text!r} is not a web address (it must start with http:// or https://)")
    return text


def _one_of(allowed: tuple[str, ...], what: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError(f"{text!r} is not {what} (expected one of {', '.join(allowed)})")
        return text

    return parse


def stated_number(text: str) -> float | None:
    """The number a stated value gives, or None for a change or a statement.

    Raises ValueError when ``text`` does not follow the grammar above."""
    text = text.strip()
    match = _ONE_NUMBER.fullmatch(text)
    if match:
        return float(match.group(2))
    if _CHANGE.fullmatch(text) or _STATEMENT.fullmatch(text):
        return None
    raise ValueError(f"{text!r} is not a stated number: {STATED_NUMBER_HELP}")


def stated_date(text: str) -> date | None:
    """The (first) day a stated date gives, or None for a statement.

    Raises ValueError when ``text`` does not follow the grammar above."""
    text = text.strip()
    match = _STATED_DATE.fullmatch(text)
    if match:
        parsed = partial_date(match.group(1))
        if parsed is None:
            raise ValueError(f"{match.group(1)!r} in {text!r} is not a real date")
        return parsed
    if _STATEMENT.fullmatch(text):
        return None
    raise ValueError(f"{text!r} is not a stated date: {STATED_DATE_HELP}")


def _keep_text(check: Callable[[str], object]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        check(text)
        return text

    return parse


#: type name -> (parse the stripped, non-empty text, pandas dtype of the column)
TYPES: dict[str, tuple[Callable[[str], object], str]] = {
    "str": (str, "string"),
    "int": (_whole_number, "Int64"),
    "float": (_number, "Float64"),
    "date": (_date, "datetime64[ns]"),
    "partial_date": (_partial_date, "datetime64[ns]"),
    "url": (_url, "string"),
    "confidence": (_one_of(CONFIDENCE_LEVELS, "a confidence level"), "string"),
    "verdict": (_one_of(VERDICTS, "a verdict"), "string"),
    "stated_number": (_keep_text(stated_number), "string"),
    "stated_date": (_keep_text(stated_date), "string"),
}

#: Stated types add a parsed column: type -> (suffix, parse the text, dtype).
DERIVED: dict[str, tuple[str, Callable[[str], object], str]] = {
    "stated_number": ("_number", stated_number, "Float64"),
    "stated_date": ("_start", stated_date, "datetime64[ns]"),
}


def parse_cell(value: str, kind: str):
    """The value of one cell of a column of type ``kind`` (None when empty and allowed).

    Raises ValueError with a reason a learner can act on."""
    optional = kind.endswith("?")
    text = value.strip()
    if text == "":
        if optional:
            return None
        raise ValueError("value is empty but this column is required")
    return TYPES[kind.rstrip("?")][0](text)
