"""Show a few columns of a dataset as a captioned table, as a reader should see them.

    from coursekit.display import show_table
    show_table(timeline, ["date", "event", "source"], "Events (timeline_1991_2025.csv)")

The table has no index column, a caption that says what it shows, missing values
as a dash, and dates only as precise as their source: a row whose
``date_precision`` is "month" shows "Dec 1993", not "1 Dec 1993". The HTML is a
plain ``<table>`` with no ``<style>`` element, so it is valid wherever it lands.
"""

from __future__ import annotations

import html

import pandas as pd

#: How a date stated to the day, the month or the year is printed.
DATE_FORMATS = {"day": "%d %b %Y", "month": "%b %Y", "year": "%Y"}
MISSING = "–"


def format_date(date, precision: str = "day") -> str:
    """ "8 Dec 1991", "Dec 1993" or "1993": a date as precise as its source states it."""
    if precision not in DATE_FORMATS:
        raise ValueError(
            f"unknown date precision {precision!r}: expected one of {', '.join(DATE_FORMATS)}"
        )
    if date is None or pd.isna(date):
        return MISSING
    return pd.Timestamp(date).strftime(DATE_FORMATS[precision]).lstrip("0")


def _number(value) -> str:
    """16000.0 as "16,000", 1.367 as "1.367", a missing value as a dash."""
    if value is None or pd.isna(value):
        return MISSING
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,}"


class Table:
    """A captioned table: HTML in the book and in Jupyter, plain text elsewhere."""

    def __init__(self, frame: pd.DataFrame, caption: str):
        self.frame = frame
        self.caption = caption

    def _repr_html_(self) -> str:
        body = (
            self.frame.style.hide(axis="index")
            .format(na_rep=MISSING, escape="html")
            .format_index(escape="html", axis="columns")
            .to_html(exclude_styles=True)
        )
        return body.replace(
            "<table>", f"<table>\n  <caption>{html.escape(self.caption)}</caption>", 1
        )

    def __repr__(self) -> str:
        shown = self.frame.astype(object).where(self.frame.notna(), MISSING)
        return f"{self.caption}\n{shown.to_string(index=False)}"


def show_table(frame: pd.DataFrame, columns: list[str], caption: str) -> Table:
    """The ``columns`` of ``frame`` as a :class:`Table` with ``caption``.

    A datetime column called ``date`` is printed with the precision given, row by
    row, in the frame's ``date_precision`` column (to the day if there is none);
    any other datetime column is printed to the day. Numbers with a fraction
    lose trailing zeros ("16,000", "1.367"), so a value reads as its source wrote it.
    """
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        name = frame.attrs.get("dataset", "the table")
        raise KeyError(
            f"{name} has no column(s) {', '.join(map(repr, missing))}; "
            f"its columns are: {', '.join(map(str, frame.columns))}"
        )
    if not caption.strip():
        raise ValueError("a table needs a caption that says what it shows")
    shown = frame[columns].copy()
    for column in columns:
        if pd.api.types.is_float_dtype(shown[column]):
            shown[column] = [_number(value) for value in shown[column]]
            continue
        if not pd.api.types.is_datetime64_any_dtype(shown[column]):
            continue
        if column == "date" and "date_precision" in frame.columns:
            precisions = frame["date_precision"]
        else:
            precisions = pd.Series("day", index=frame.index)
        shown[column] = [
            format_date(value, precision) for value, precision in zip(shown[column], precisions)
        ]
    return Table(shown.reset_index(drop=True), caption)
